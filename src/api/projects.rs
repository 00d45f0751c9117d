//! Projects, project members and stages.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::AppState;
use crate::api::dto::{
    ProjectCreate, ProjectMemberOut, ProjectMemberSet, ProjectOut, ProjectUpdate, StageOut, StageWrite,
};
use crate::api::error::{ApiError, ApiResult, ErrorBody};
use crate::api::extract::{AppJson, AppPath, Auth};
use crate::auth::{ProjectAction, Role, WorkspaceAction, allows_workspace};
use crate::store::projects::{ProjectPatch, StageFields, Visibility};

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_projects, create_project))
        .routes(routes!(get_project, update_project, delete_project))
        .routes(routes!(list_project_members, set_project_member))
        .routes(routes!(remove_project_member))
        .routes(routes!(list_stages, create_stage))
        .routes(routes!(update_stage, delete_stage))
}

/// Projects the caller may see.
#[utoipa::path(get, path = "/v1/projects", tag = "projects", security(("bearer" = [])),
    responses((status = 200, body = Vec<ProjectOut>), (status = 401, body = ErrorBody)))]
async fn list_projects(State(state): State<AppState>, Auth(p): Auth) -> ApiResult<Json<Vec<ProjectOut>>> {
    let visibility = match (p.role, p.member_id) {
        (Role::Admin, _) => Visibility::All,
        (_, Some(member_id)) => Visibility::MemberOf(member_id),
        (_, None) => Visibility::Nothing,
    };
    let projects = state.store.list_projects(p.workspace_id, visibility).await?;
    Ok(Json(projects.into_iter().map(ProjectOut::from).collect()))
}

/// Creates a project; a PM creating it becomes its PM.
#[utoipa::path(post, path = "/v1/projects", tag = "projects", security(("bearer" = [])), request_body = ProjectCreate,
    responses((status = 201, body = ProjectOut), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_project(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppJson(body): AppJson<ProjectCreate>,
) -> ApiResult<(StatusCode, Json<ProjectOut>)> {
    if !allows_workspace(p.role, WorkspaceAction::CreateProject) {
        return Err(ApiError::forbidden("create projects"));
    }
    let project =
        state.store.create_project(p.workspace_id, &body.name, &body.description, &p.actor(), p.member_id).await?;
    let out = ProjectOut::from(project);
    state.audit(&p, "project.create", "project", Some(out.id.to_string()), None::<&()>, Some(&out)).await?;
    Ok((StatusCode::CREATED, Json(out)))
}

/// One project.
#[utoipa::path(get, path = "/v1/projects/{id}", tag = "projects", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = ProjectOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_project(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppPath(id): AppPath<i64>,
) -> ApiResult<Json<ProjectOut>> {
    let (project, _) = state.project_access(&p, id, ProjectAction::Read).await?;
    Ok(Json(project.into()))
}

/// Renames, describes or archives a project.
#[utoipa::path(patch, path = "/v1/projects/{id}", tag = "projects", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = ProjectUpdate,
    responses((status = 200, body = ProjectOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn update_project(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppPath(id): AppPath<i64>,
    AppJson(body): AppJson<ProjectUpdate>,
) -> ApiResult<Json<ProjectOut>> {
    state.project_access(&p, id, ProjectAction::Manage).await?;
    let patch = ProjectPatch { name: body.name, description: body.description, archived: body.archived };
    let (before, after) = state.store.update_project(p.workspace_id, id, &patch).await?;
    let (before, after) = (ProjectOut::from(before), ProjectOut::from(after));
    state.audit(&p, "project.update", "project", Some(id.to_string()), Some(&before), Some(&after)).await?;
    Ok(Json(after))
}

/// Deletes a project with its stages and tasks.
#[utoipa::path(delete, path = "/v1/projects/{id}", tag = "projects", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn delete_project(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppPath(id): AppPath<i64>,
) -> ApiResult<StatusCode> {
    state.project_access(&p, id, ProjectAction::Manage).await?;
    let before = ProjectOut::from(state.store.delete_project(p.workspace_id, id).await?);
    state.audit(&p, "project.delete", "project", Some(id.to_string()), Some(&before), None::<&()>).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Members of a project with their project roles.
#[utoipa::path(get, path = "/v1/projects/{id}/members", tag = "projects", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = Vec<ProjectMemberOut>), (status = 403, body = ErrorBody)))]
async fn list_project_members(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppPath(id): AppPath<i64>,
) -> ApiResult<Json<Vec<ProjectMemberOut>>> {
    state.project_access(&p, id, ProjectAction::Read).await?;
    let members = state.store.project_members(id).await?;
    Ok(Json(members.into_iter().map(ProjectMemberOut::from).collect()))
}

/// Adds a member to a project (or changes their project role).
#[utoipa::path(post, path = "/v1/projects/{id}/members", tag = "projects", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = ProjectMemberSet,
    responses((status = 200, body = Vec<ProjectMemberOut>), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn set_project_member(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppPath(id): AppPath<i64>,
    AppJson(body): AppJson<ProjectMemberSet>,
) -> ApiResult<Json<Vec<ProjectMemberOut>>> {
    state.project_access(&p, id, ProjectAction::Manage).await?;
    let member = match (body.member_id, body.name.as_deref()) {
        (Some(member_id), _) => state.store.get_member(p.workspace_id, member_id).await?,
        (None, Some(name)) => state
            .store
            .find_member(p.workspace_id, name)
            .await?
            .ok_or_else(|| ApiError::NotFound(format!("no member named `{name}`")))?,
        (None, None) => return Err(ApiError::Invalid("give member_id or name".into())),
    };
    let role = body.role.unwrap_or_else(|| "member".into());
    state.store.set_project_member(id, member.id, &role).await?;
    let after = serde_json::json!({"member_id": member.id, "role": role});
    state.audit(&p, "project.member.set", "project", Some(id.to_string()), None::<&()>, Some(&after)).await?;
    let members = state.store.project_members(id).await?;
    Ok(Json(members.into_iter().map(ProjectMemberOut::from).collect()))
}

/// Removes a member from a project.
#[utoipa::path(delete, path = "/v1/projects/{id}/members/{member_id}", tag = "projects", security(("bearer" = [])),
    params(("id" = i64, Path), ("member_id" = i64, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn remove_project_member(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppPath((id, member_id)): AppPath<(i64, i64)>,
) -> ApiResult<StatusCode> {
    state.project_access(&p, id, ProjectAction::Manage).await?;
    state.store.remove_project_member(id, member_id).await?;
    let before = serde_json::json!({"member_id": member_id});
    state.audit(&p, "project.member.remove", "project", Some(id.to_string()), Some(&before), None::<&()>).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Stages of a project, in order.
#[utoipa::path(get, path = "/v1/projects/{id}/stages", tag = "stages", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = Vec<StageOut>), (status = 403, body = ErrorBody)))]
async fn list_stages(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppPath(id): AppPath<i64>,
) -> ApiResult<Json<Vec<StageOut>>> {
    state.project_access(&p, id, ProjectAction::Read).await?;
    Ok(Json(state.store.list_stages(id).await?.into_iter().map(StageOut::from).collect()))
}

/// Adds a stage to a project.
#[utoipa::path(post, path = "/v1/projects/{id}/stages", tag = "stages", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = StageWrite,
    responses((status = 201, body = StageOut), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_stage(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppPath(id): AppPath<i64>,
    AppJson(body): AppJson<StageWrite>,
) -> ApiResult<(StatusCode, Json<StageOut>)> {
    state.project_access(&p, id, ProjectAction::Manage).await?;
    let fields =
        StageFields { name: body.name, position: body.position, start_date: body.start_date, end_date: body.end_date };
    let out = StageOut::from(state.store.create_stage(id, &fields).await?);
    state.audit(&p, "stage.create", "stage", Some(out.id.to_string()), None::<&()>, Some(&out)).await?;
    Ok((StatusCode::CREATED, Json(out)))
}

/// Changes a stage.
#[utoipa::path(patch, path = "/v1/stages/{id}", tag = "stages", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = StageWrite,
    responses((status = 200, body = StageOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn update_stage(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppPath(id): AppPath<i64>,
    AppJson(body): AppJson<StageWrite>,
) -> ApiResult<Json<StageOut>> {
    let stage = state.store.get_stage(p.workspace_id, id).await?;
    state.project_access(&p, stage.project_id, ProjectAction::Manage).await?;
    let fields =
        StageFields { name: body.name, position: body.position, start_date: body.start_date, end_date: body.end_date };
    let (before, after) = state.store.update_stage(p.workspace_id, id, &fields).await?;
    let (before, after) = (StageOut::from(before), StageOut::from(after));
    state.audit(&p, "stage.update", "stage", Some(id.to_string()), Some(&before), Some(&after)).await?;
    Ok(Json(after))
}

/// Deletes a stage; its tasks stay in the project.
#[utoipa::path(delete, path = "/v1/stages/{id}", tag = "stages", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn delete_stage(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppPath(id): AppPath<i64>,
) -> ApiResult<StatusCode> {
    let stage = state.store.get_stage(p.workspace_id, id).await?;
    state.project_access(&p, stage.project_id, ProjectAction::Manage).await?;
    let before = StageOut::from(state.store.delete_stage(p.workspace_id, id).await?);
    state.audit(&p, "stage.delete", "stage", Some(id.to_string()), Some(&before), None::<&()>).await?;
    Ok(StatusCode::NO_CONTENT)
}
