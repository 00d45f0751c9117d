//! Delay risk and assignee suggestion over the API.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::AppState;
use crate::api::dto::rfc3339;
use crate::api::error::{ApiError, ApiResult, ErrorBody};
use crate::api::extract::{AppJson, AppPath, Auth};
use crate::auth::{ProjectAction, WorkspaceAction, allows_workspace};
use crate::forecast::retrain::{ActiveModel, active_model};
use crate::store::Status;
use crate::store::tasks::TaskFilter;

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(task_risk))
        .routes(routes!(project_risks))
        .routes(routes!(suggest_assignees))
        .routes(routes!(risk_models))
}

/// One reason behind a risk.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReasonOut {
    pub feature: String,
    /// Contribution to the log-odds (positive raises the risk).
    pub contribution: f64,
    /// The reason in Chinese, e.g. "距截止只剩 1 个工作日".
    pub text: String,
}

/// The delay risk of a task.
#[derive(Debug, Serialize, ToSchema)]
pub struct RiskOut {
    pub task_id: i64,
    pub title: String,
    pub owners: Vec<String>,
    pub due_date: Option<String>,
    /// Calibrated probability of finishing late.
    pub probability: f64,
    pub reasons: Vec<ReasonOut>,
    /// Historical days late among late tasks (median, 80th percentile), when known.
    pub late_days_p50: Option<f64>,
    pub late_days_p80: Option<f64>,
    /// `prior` (the pooled model shipped in the binary) or `workspace` (trained on this
    /// workspace's finished tasks).
    pub model_kind: String,
    /// The workspace model version that produced this answer; 0 for the prior.
    pub model_version: i64,
}

fn risk_out(task: &crate::store::tasks::Task, p: crate::risk::Prediction, model: &ActiveModel) -> RiskOut {
    RiskOut {
        task_id: task.id,
        title: task.title.clone(),
        owners: task.owners.iter().map(|o| o.name.clone()).collect(),
        due_date: task.due_date.map(|d| d.to_string()),
        probability: p.probability,
        reasons: p
            .reasons
            .into_iter()
            .map(|r| ReasonOut { feature: r.feature, contribution: r.contribution, text: r.text_zh })
            .collect(),
        late_days_p50: p.late_bands.map(|b| b.p50),
        late_days_p80: p.late_bands.map(|b| b.p80),
        model_kind: model.kind().to_string(),
        model_version: model.version,
    }
}

/// The delay risk of one open task with a due date.
#[utoipa::path(get, path = "/v1/tasks/{id}/risk", tag = "risk", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = RiskOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn task_risk(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppPath(id): AppPath<i64>,
) -> ApiResult<Json<RiskOut>> {
    let task = state.store.get_task(p.workspace_id, id).await?;
    state.project_access(&p, task.project_id, ProjectAction::Read).await?;
    if !task.status.is_open() || task.due_date.is_none() {
        return Err(ApiError::Invalid("risk is predicted for open tasks with a due date".into()));
    }
    let model = active_model(&state.store, p.workspace_id, &state.risk_prior).await?;
    let predictions = crate::forecast::predict(
        &state.store,
        p.workspace_id,
        &model.model,
        std::slice::from_ref(&task),
        crate::forecast::today(),
    )
    .await?;
    let (_, prediction) = predictions.into_iter().next().ok_or_else(|| ApiError::Internal("no prediction".into()))?;
    Ok(Json(risk_out(&task, prediction, &model)))
}

/// Open tasks of a project by delay risk, highest first, with reasons.
#[utoipa::path(get, path = "/v1/projects/{id}/risks", tag = "risk", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = Vec<RiskOut>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn project_risks(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppPath(id): AppPath<i64>,
) -> ApiResult<Json<Vec<RiskOut>>> {
    state.project_access(&p, id, ProjectAction::Read).await?;
    let mut tasks = Vec::new();
    for status in [Status::Todo, Status::Doing, Status::Proposed] {
        let filter = TaskFilter { project_id: Some(id), status: Some(status), limit: 500, ..TaskFilter::default() };
        tasks.extend(state.store.list_tasks(p.workspace_id, &filter).await?.0);
    }
    let model = active_model(&state.store, p.workspace_id, &state.risk_prior).await?;
    let predictions =
        crate::forecast::predict(&state.store, p.workspace_id, &model.model, &tasks, crate::forecast::today()).await?;
    let mut out: Vec<RiskOut> = predictions
        .into_iter()
        .filter_map(|(task_id, pred)| tasks.iter().find(|t| t.id == task_id).map(|t| risk_out(t, pred, &model)))
        .collect();
    out.sort_by(|a, b| b.probability.total_cmp(&a.probability));
    Ok(Json(out))
}

/// Body of `POST /v1/assignees/suggest`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SuggestIn {
    pub title: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// The project the task is for (checked for access).
    pub project_id: Option<i64>,
    /// How many suggestions; default 5.
    pub limit: Option<usize>,
}

/// One suggested assignee.
#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestionOut {
    pub member: String,
    pub score: f64,
    pub reasons: Vec<String>,
}

/// Ranked suggestions.
#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestOut {
    pub suggestions: Vec<SuggestionOut>,
}

/// Ranks active members for a new task: history with similar titles and tags, skills, current load.
#[utoipa::path(post, path = "/v1/assignees/suggest", tag = "risk", security(("bearer" = [])), request_body = SuggestIn,
    responses((status = 200, body = SuggestOut), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn suggest_assignees(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppJson(body): AppJson<SuggestIn>,
) -> ApiResult<Json<SuggestOut>> {
    if !allows_workspace(p.role, WorkspaceAction::ListMembers) {
        return Err(ApiError::forbidden("see assignee suggestions"));
    }
    if let Some(project_id) = body.project_id {
        state.project_access(&p, project_id, ProjectAction::Read).await?;
    }
    if body.title.trim().is_empty() || body.title.chars().count() > 500 {
        return Err(ApiError::Invalid("title must be 1 to 500 characters".into()));
    }
    let k = body.limit.unwrap_or(5).clamp(1, 50);
    let suggestions = crate::forecast::suggest(&state.store, p.workspace_id, &body.title, &body.tags, k).await?;
    Ok(Json(SuggestOut {
        suggestions: suggestions
            .into_iter()
            .map(|s| SuggestionOut { member: s.member, score: s.score, reasons: s.reasons })
            .collect(),
    }))
}

/// One stored version of the workspace's delay-risk model.
#[derive(Debug, Serialize, ToSchema)]
pub struct RiskModelOut {
    pub version: i64,
    pub created_at: String,
    /// Whether this version answers risk questions now.
    pub active: bool,
    /// Finished tasks with a due date the rows came from.
    pub finished_tasks: i64,
    /// Rows (past prediction moments) the evaluated candidate was fitted on.
    pub training_rows: i64,
    /// Rows of the time-ordered hold-out (the last 20 % of finished tasks).
    pub holdout_rows: i64,
    pub holdout_auc: Option<f64>,
    pub holdout_brier: Option<f64>,
    /// The model active when this one was trained (0 = the pooled prior), on the same hold-out.
    pub baseline_version: i64,
    pub baseline_auc: Option<f64>,
    pub baseline_brier: Option<f64>,
    /// Why it was or was not activated.
    pub decision: String,
    /// Weight of each (standardised) feature, and the intercept; absent if the stored model
    /// cannot be read.
    pub coefficients: Option<std::collections::BTreeMap<String, f64>>,
    pub intercept: Option<f64>,
}

/// The workspace's delay-risk models.
#[derive(Debug, Serialize, ToSchema)]
pub struct RiskModelsOut {
    /// `prior` or `workspace`: what answers risk questions now.
    pub active_kind: String,
    /// The active version; 0 for the pooled prior.
    pub active_version: i64,
    /// Every trained version, newest first.
    pub versions: Vec<RiskModelOut>,
}

/// The versions of this workspace's own delay-risk model (retrained from its finished tasks by
/// `chat2task risk retrain` and daily by the risk scan), with their hold-out figures.
#[utoipa::path(get, path = "/v1/risk/models", tag = "risk", security(("bearer" = [])),
    responses((status = 200, body = RiskModelsOut), (status = 403, body = ErrorBody)))]
async fn risk_models(State(state): State<AppState>, Auth(p): Auth) -> ApiResult<Json<RiskModelsOut>> {
    if !allows_workspace(p.role, WorkspaceAction::ReadRiskModels) {
        return Err(ApiError::forbidden("see the risk models"));
    }
    let active = active_model(&state.store, p.workspace_id, &state.risk_prior).await?;
    let versions = state
        .store
        .list_risk_models(p.workspace_id)
        .await?
        .into_iter()
        .map(|row| {
            let model = crate::risk::RiskModel::from_json(row.model_json.as_bytes()).ok();
            RiskModelOut {
                version: row.version,
                created_at: rfc3339(row.created_at),
                active: row.active,
                finished_tasks: row.finished_tasks,
                training_rows: row.training_rows,
                holdout_rows: row.holdout_rows,
                holdout_auc: row.holdout_auc,
                holdout_brier: row.holdout_brier,
                baseline_version: row.baseline_version,
                baseline_auc: row.baseline_auc,
                baseline_brier: row.baseline_brier,
                decision: row.decision,
                coefficients: model
                    .as_ref()
                    .map(|m| m.features.iter().cloned().zip(m.logit.weights.iter().copied()).collect()),
                intercept: model.as_ref().map(|m| m.logit.intercept),
            }
        })
        .collect();
    Ok(Json(RiskModelsOut { active_kind: active.kind().to_string(), active_version: active.version, versions }))
}
