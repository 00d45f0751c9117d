//! Notification targets, the outbox, and on-demand digests.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::AppState;
use crate::api::dto::rfc3339;
use crate::api::error::{ApiError, ApiResult, ErrorBody};
use crate::api::extract::{AppJson, AppPath, AppQuery, Auth};
use crate::auth::{ProjectAction, Role};
use crate::store::notify::{OutboxItem, Target};

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_targets, create_target))
        .routes(routes!(list_outbox))
        .routes(routes!(send_digest))
}

/// A notification target (its secret is never returned).
#[derive(Debug, Serialize, ToSchema)]
pub struct TargetOut {
    pub id: i64,
    pub name: String,
    /// `wecom_robot`, `feishu_bot`, `dingtalk_robot` or `webhook`.
    pub kind: String,
    pub url: String,
    pub secret_set: bool,
    pub project_id: Option<i64>,
    pub rate_per_min: i64,
    pub enabled: bool,
}

impl From<Target> for TargetOut {
    fn from(t: Target) -> Self {
        TargetOut {
            id: t.id,
            name: t.name,
            kind: t.kind,
            url: t.url,
            secret_set: !t.secret.is_empty(),
            project_id: t.project_id,
            rate_per_min: t.rate_per_min,
            enabled: t.enabled,
        }
    }
}

/// Body of `POST /v1/notify/targets`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetCreate {
    pub name: String,
    pub kind: String,
    pub url: String,
    #[serde(default)]
    pub secret: String,
    pub project_id: Option<i64>,
    /// Messages per minute; default 20 (the WeCom group-robot limit).
    pub rate_per_min: Option<i64>,
}

/// A notification in the outbox.
#[derive(Debug, Serialize, ToSchema)]
pub struct OutboxOut {
    pub id: i64,
    pub target_id: i64,
    pub category: String,
    pub title: String,
    pub lines: Vec<String>,
    /// `pending`, `sent`, `merged` or `dead`.
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub merged_into: Option<i64>,
    pub created_at: String,
    pub sent_at: Option<String>,
}

impl From<OutboxItem> for OutboxOut {
    fn from(i: OutboxItem) -> Self {
        OutboxOut {
            id: i.id,
            target_id: i.target_id,
            category: i.category,
            title: i.title,
            lines: i.lines,
            status: i.status,
            attempts: i.attempts,
            last_error: i.last_error,
            merged_into: i.merged_into,
            created_at: rfc3339(i.created_at),
            sent_at: i.sent_at.map(rfc3339),
        }
    }
}

/// Query of `GET /v1/notify/outbox`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutboxQuery {
    pub status: Option<String>,
    pub limit: Option<i64>,
}

fn admin_only(role: Role) -> ApiResult<()> {
    if role == Role::Admin { Ok(()) } else { Err(ApiError::forbidden("manage notifications")) }
}

/// Notification targets.
#[utoipa::path(get, path = "/v1/notify/targets", tag = "notify", security(("bearer" = [])),
    responses((status = 200, body = Vec<TargetOut>), (status = 403, body = ErrorBody)))]
async fn list_targets(State(state): State<AppState>, Auth(p): Auth) -> ApiResult<Json<Vec<TargetOut>>> {
    admin_only(p.role)?;
    Ok(Json(state.store.list_targets(p.workspace_id).await?.into_iter().map(TargetOut::from).collect()))
}

/// Registers a group robot or webhook to notify.
#[utoipa::path(post, path = "/v1/notify/targets", tag = "notify", security(("bearer" = [])), request_body = TargetCreate,
    responses((status = 201, body = TargetOut), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_target(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppJson(body): AppJson<TargetCreate>,
) -> ApiResult<(StatusCode, Json<TargetOut>)> {
    admin_only(p.role)?;
    let target = state
        .store
        .create_target(
            p.workspace_id,
            &body.name,
            &body.kind,
            &body.url,
            &body.secret,
            body.project_id,
            body.rate_per_min.unwrap_or(20),
        )
        .await?;
    let out = TargetOut::from(target);
    state.audit(&p, "notify.target.create", "notify_target", Some(out.id.to_string()), None::<&()>, Some(&out)).await?;
    Ok((StatusCode::CREATED, Json(out)))
}

/// The outbox, newest first (`status=dead` lists dead-lettered notifications).
#[utoipa::path(get, path = "/v1/notify/outbox", tag = "notify", security(("bearer" = [])), params(OutboxQuery),
    responses((status = 200, body = Vec<OutboxOut>), (status = 403, body = ErrorBody)))]
async fn list_outbox(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppQuery(q): AppQuery<OutboxQuery>,
) -> ApiResult<Json<Vec<OutboxOut>>> {
    admin_only(p.role)?;
    let items = state.store.list_outbox(p.workspace_id, q.status.as_deref(), crate::api::page_limit(q.limit)).await?;
    Ok(Json(items.into_iter().map(OutboxOut::from).collect()))
}

/// What a digest request queued.
#[derive(Debug, Serialize, ToSchema)]
pub struct DigestQueued {
    /// Notifications queued (one per target; 0 when there is nothing to report or it was sent today).
    pub queued: usize,
}

/// Queues today's digest of a project (overdue, due today) for its notification targets.
#[utoipa::path(post, path = "/v1/projects/{id}/digest", tag = "notify", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = DigestQueued), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn send_digest(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppPath(id): AppPath<i64>,
) -> ApiResult<Json<DigestQueued>> {
    state.project_access(&p, id, ProjectAction::Manage).await?;
    let today = chrono::Utc::now().with_timezone(&crate::store::stats::shanghai()).date_naive();
    let queued = crate::notify::queue_digest(&state.store, p.workspace_id, id, today, &[]).await?;
    let after = serde_json::json!({"queued": queued});
    state.audit(&p, "project.digest", "project", Some(id.to_string()), None::<&()>, Some(&after)).await?;
    Ok(Json(DigestQueued { queued }))
}
