//! The REST API (`/v1`, JSON), health, metrics and the OpenAPI document.
//!
//! **Architecture Invariant:** this is the only module that knows HTTP and JSON shapes; handlers
//! check permissions with `crate::auth`, call `crate::store`, write one audit row per mutation
//! and convert store types into `dto` types.
//!
//! Routes are registered through `utoipa_axum::OpenApiRouter`, so a route cannot exist without
//! its OpenAPI entry.

mod calendar;
pub mod dto;
pub mod error;
pub mod extract;
mod extraction;
pub mod hooks;
pub(crate) mod messages;
pub mod metrics;
mod notify;
mod people;
mod projects;
mod risk;
mod tasks;

use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use serde::Serialize;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::error::{ApiError, ApiResult};
use crate::auth::{Principal, ProjectAction, allows_project};
use crate::store::{AuditEntry, Store};

/// Largest accepted request body (1 MiB).
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// Everything handlers share; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub metrics: Arc<metrics::Metrics>,
    pub queue: crate::ingest::Queue,
    pub hooks: hooks::SharedHookConfig,
    /// The pooled delay-risk prior, used for a workspace until its own model is trained and
    /// active (`forecast::retrain`).
    pub risk_prior: Arc<crate::risk::RiskModel>,
    /// The task extractor of `POST /v1/extract` (rules + the shipped model, loaded once).
    pub extractor: Arc<crate::pipeline::ChatExtractor>,
}

impl AppState {
    /// State over a connected store.
    pub fn new(store: Store) -> AppState {
        AppState {
            store,
            metrics: Arc::new(metrics::Metrics::default()),
            queue: crate::ingest::Queue::default(),
            hooks: Arc::new(hooks::HookConfig { max_skew: 300, auto_register_chats: true, ..Default::default() }),
            risk_prior: Arc::new(
                crate::risk::prior_model()
                    .unwrap_or_else(|e| unreachable!("the shipped prior model is embedded and tested: {e}")),
            ),
            extractor: Arc::new(crate::pipeline::ChatExtractor::shipped()),
        }
    }

    /// Writes the audit row of a mutation.
    pub async fn audit<B: Serialize, A: Serialize>(
        &self,
        principal: &Principal,
        action: &str,
        target_kind: &str,
        target_id: Option<String>,
        before: Option<&B>,
        after: Option<&A>,
    ) -> ApiResult<()> {
        let actor = principal.actor();
        let entry = AuditEntry {
            workspace_id: principal.workspace_id,
            actor: &actor,
            role: principal.role.as_str(),
            action,
            target_kind,
            target_id,
            before: before.and_then(|b| serde_json::to_string(b).ok()),
            after: after.and_then(|a| serde_json::to_string(a).ok()),
        };
        self.store.audit(&entry).await?;
        Ok(())
    }

    /// Loads a project and checks that `principal` may perform `action` on it.
    pub async fn project_access(
        &self,
        principal: &Principal,
        project_id: i64,
        action: ProjectAction,
    ) -> ApiResult<(crate::store::projects::Project, Option<String>)> {
        let project = self.store.get_project(principal.workspace_id, project_id).await?;
        let project_role = match principal.member_id {
            Some(member_id) => self.store.project_role(project_id, member_id).await?,
            None => None,
        };
        if !allows_project(principal, project_role.as_deref(), action) {
            let what = match action {
                ProjectAction::Read => "read this project",
                ProjectAction::Manage => "manage this project",
                ProjectAction::CreateTask => "create tasks in this project",
                ProjectAction::Comment => "comment in this project",
            };
            return Err(ApiError::forbidden(what));
        }
        Ok((project, project_role))
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "chat2task", description = "Chinese work-group chat → tracked tasks. Bearer-token auth; errors are {\"error\": {\"code\", \"message\"}}."),
    components(schemas(error::ErrorBody, error::ErrorDetail)),
    modifiers(&SecurityAddon)
)]
struct ApiDoc;

struct SecurityAddon;

impl utoipa::Modify for SecurityAddon {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Builds the router and the OpenAPI document together.
pub fn router_and_spec(state: AppState) -> (Router, utoipa::openapi::OpenApi) {
    let (router, mut spec) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(healthz))
        .routes(routes!(metrics_text))
        .routes(routes!(openapi_json))
        .merge(projects::router())
        .merge(tasks::router())
        .merge(people::router())
        .merge(messages::router())
        .merge(extraction::router())
        .merge(notify::router())
        .merge(hooks::router())
        .merge(calendar::router())
        .merge(risk::router())
        .split_for_parts();
    spec.info.version = env!("CARGO_PKG_VERSION").to_string();
    let spec_for_route = spec.clone();
    let router = router
        .merge(crate::web::router())
        .layer(axum::Extension(Arc::new(spec_for_route)))
        .fallback(error::not_found)
        .method_not_allowed_fallback(error::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(state.clone(), metrics::track))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(TraceLayer::new_for_http())
        .with_state(state);
    (router, spec)
}

/// The application router.
pub fn app(state: AppState) -> Router {
    router_and_spec(state).0
}

/// Serves the app on `listener` until ctrl-c or SIGTERM.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    let app = app(state);
    axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}

/// Health of the service and its database.
#[derive(Serialize, utoipa::ToSchema)]
struct Health {
    status: &'static str,
    database: &'static str,
}

/// Liveness and readiness: 200 when the database answers.
#[utoipa::path(get, path = "/healthz", tag = "ops",
    responses((status = 200, body = Health), (status = 503, body = error::ErrorBody)))]
async fn healthz(State(state): State<AppState>) -> ApiResult<Json<Health>> {
    match tokio::time::timeout(Duration::from_secs(2), state.store.ping()).await {
        Ok(Ok(())) => Ok(Json(Health { status: "ok", database: "ok" })),
        _ => Err(ApiError::Unavailable("database does not answer".into())),
    }
}

/// Prometheus metrics (text exposition format 0.0.4).
#[utoipa::path(get, path = "/metrics", tag = "ops",
    responses((status = 200, description = "Prometheus text", content_type = "text/plain")))]
async fn metrics_text(State(state): State<AppState>) -> impl IntoResponse {
    (StatusCode::OK, [(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], state.metrics.render())
}

/// This OpenAPI document.
#[utoipa::path(get, path = "/openapi.json", tag = "ops",
    responses((status = 200, description = "OpenAPI 3.1 document", content_type = "application/json")))]
async fn openapi_json(
    axum::Extension(spec): axum::Extension<Arc<utoipa::openapi::OpenApi>>,
) -> Json<utoipa::openapi::OpenApi> {
    Json((*spec).clone())
}

/// Clamps a requested page size.
pub(crate) fn page_limit(limit: Option<i64>) -> i64 {
    limit.unwrap_or(dto::DEFAULT_LIMIT).clamp(1, dto::MAX_LIMIT)
}

/// Parses an optional `YYYY-MM-DD` query or body value.
pub(crate) fn parse_date(field: &str, value: Option<&str>) -> ApiResult<Option<chrono::NaiveDate>> {
    match value {
        None => Ok(None),
        Some(v) => chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| ApiError::Invalid(format!("{field} must be a date YYYY-MM-DD; got `{v}`"))),
    }
}
