//! ICS calendar feeds: `POST /v1/calendar/feeds` issues a secret URL, `GET /v1/calendar/{secret}.ics`
//! serves it without a bearer token (calendar apps cannot send one), `DELETE` revokes it.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::AppState;
use crate::api::dto::rfc3339;
use crate::api::error::{ApiError, ApiResult, ErrorBody};
use crate::api::extract::{AppJson, AppPath, Auth};
use crate::auth::{ProjectAction, Role};
use crate::store::calendar::Feed;
use crate::store::tasks::TaskFilter;

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_feeds, create_feed)).routes(routes!(revoke_feed)).routes(routes!(feed_ics))
}

/// Body of `POST /v1/calendar/feeds`: exactly one of the two.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedCreate {
    /// A member's tasks (yourself, unless you are an admin).
    pub member_id: Option<i64>,
    /// A project's tasks (a project you can read).
    pub project_id: Option<i64>,
}

/// A calendar feed.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeedOut {
    pub id: i64,
    pub member_id: Option<i64>,
    pub project_id: Option<i64>,
    pub created_at: String,
    pub revoked: bool,
    /// The subscription path (`/v1/calendar/cal_….ics`), only in the answer to its creation.
    pub url: Option<String>,
}

impl From<Feed> for FeedOut {
    fn from(f: Feed) -> Self {
        FeedOut {
            id: f.id,
            member_id: f.member_id,
            project_id: f.project_id,
            created_at: rfc3339(f.created_at),
            revoked: f.revoked,
            url: None,
        }
    }
}

/// Calendar feeds you created (all of them for admins).
#[utoipa::path(get, path = "/v1/calendar/feeds", tag = "calendar", security(("bearer" = [])),
    responses((status = 200, body = Vec<FeedOut>), (status = 401, body = ErrorBody)))]
async fn list_feeds(State(state): State<AppState>, Auth(p): Auth) -> ApiResult<Json<Vec<FeedOut>>> {
    let actor = p.actor();
    let mine = if p.role == Role::Admin { None } else { Some(actor.as_str()) };
    Ok(Json(state.store.list_feeds(p.workspace_id, mine).await?.into_iter().map(FeedOut::from).collect()))
}

/// Issues a calendar feed URL.
#[utoipa::path(post, path = "/v1/calendar/feeds", tag = "calendar", security(("bearer" = [])), request_body = FeedCreate,
    responses((status = 201, body = FeedOut), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_feed(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppJson(body): AppJson<FeedCreate>,
) -> ApiResult<(StatusCode, Json<FeedOut>)> {
    if let Some(member_id) = body.member_id {
        state.store.get_member(p.workspace_id, member_id).await?;
        if p.role != Role::Admin && p.member_id != Some(member_id) {
            return Err(ApiError::forbidden("subscribe to another member's calendar"));
        }
    }
    if let Some(project_id) = body.project_id {
        state.project_access(&p, project_id, ProjectAction::Read).await?;
    }
    let (feed, secret) = state.store.create_feed(p.workspace_id, body.member_id, body.project_id, &p.actor()).await?;
    let mut out = FeedOut::from(feed);
    state.audit(&p, "calendar.feed.create", "calendar_feed", Some(out.id.to_string()), None::<&()>, Some(&out)).await?;
    out.url = Some(format!("/v1/calendar/{secret}.ics"));
    Ok((StatusCode::CREATED, Json(out)))
}

/// Revokes a feed.
#[utoipa::path(delete, path = "/v1/calendar/feeds/{id}", tag = "calendar", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn revoke_feed(State(state): State<AppState>, Auth(p): Auth, AppPath(id): AppPath<i64>) -> ApiResult<StatusCode> {
    let feed = state.store.get_feed(p.workspace_id, id).await?;
    if p.role != Role::Admin && feed.created_by != p.actor() {
        return Err(ApiError::forbidden("revoke a feed someone else created"));
    }
    state.store.revoke_feed(p.workspace_id, id).await?;
    state.audit(&p, "calendar.feed.revoke", "calendar_feed", Some(id.to_string()), None::<&()>, None::<&()>).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The ICS calendar of a feed (authenticated by the secret in the path).
#[utoipa::path(get, path = "/v1/calendar/{file}", tag = "calendar", params(("file" = String, Path, description = "`<secret>.ics`")),
    responses((status = 200, description = "text/calendar", content_type = "text/calendar"), (status = 404, body = ErrorBody)))]
async fn feed_ics(State(state): State<AppState>, AppPath(file): AppPath<String>) -> ApiResult<Response> {
    let secret = file.strip_suffix(".ics").unwrap_or(&file);
    // Unknown and revoked secrets look the same: 404.
    let feed = state.store.find_feed(secret).await?.ok_or_else(|| ApiError::NotFound("no such calendar".into()))?;
    let (name, filter) = match (feed.member_id, feed.project_id) {
        (Some(member_id), _) => {
            let member = state.store.get_member(feed.workspace_id, member_id).await?;
            (format!("{} 的任务", member.name), TaskFilter { owner: Some(member.name), ..TaskFilter::default() })
        }
        (None, Some(project_id)) => {
            let project = state.store.get_project(feed.workspace_id, project_id).await?;
            (project.name, TaskFilter { project_id: Some(project_id), ..TaskFilter::default() })
        }
        (None, None) => return Err(ApiError::NotFound("no such calendar".into())),
    };
    let mut tasks = Vec::new();
    for page in 0..10 {
        let f = TaskFilter { limit: 500, offset: page * 500, ..filter.clone() };
        let (batch, total) = state.store.list_tasks(feed.workspace_id, &f).await?;
        tasks.extend(batch);
        if tasks.len() as i64 >= total {
            break;
        }
    }
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let body = crate::calendar::ics(&name, &tasks, &stamp);
    Ok(([(header::CONTENT_TYPE, "text/calendar; charset=utf-8")], body).into_response())
}
