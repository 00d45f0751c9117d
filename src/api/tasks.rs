//! Tasks: CRUD with filters and paging, the event log and comments.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::NaiveTime;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::dto::{CommentCreate, Page, TaskCreate, TaskEventOut, TaskOut, TaskQuery, TaskUpdate};
use crate::api::error::{ApiError, ApiResult, ErrorBody};
use crate::api::extract::{AppJson, AppPath, AppQuery, Auth};
use crate::api::{AppState, page_limit, parse_date};
use crate::auth::{Principal, ProjectAction, Role, TaskAction, allows_task};
use crate::store::group_commit::CreateAudit;
use crate::store::projects::Visibility;
use crate::store::tasks::{Cause, NewTask, Task, TaskFilter, TaskPatch};
use crate::store::{Priority, Status};

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_tasks, create_task))
        .routes(routes!(get_task, update_task, delete_task))
        .routes(routes!(task_events))
        .routes(routes!(add_comment))
}

fn api_cause(p: &Principal) -> Cause {
    Cause { actor: p.actor(), message_id: None }
}

fn parse_time(value: Option<&str>) -> ApiResult<Option<NaiveTime>> {
    match value {
        None => Ok(None),
        Some(v) => NaiveTime::parse_from_str(v, "%H:%M")
            .map(Some)
            .map_err(|_| ApiError::Invalid(format!("due_time must be HH:MM (24 h); got `{v}`"))),
    }
}

fn parse_status(value: &str) -> ApiResult<Status> {
    value.parse::<Status>().map_err(ApiError::from)
}

fn parse_priority(value: &str) -> ApiResult<Priority> {
    value.parse::<Priority>().map_err(ApiError::from)
}

/// Tasks matching the filters, ordered by due date (undated last), paged.
#[utoipa::path(get, path = "/v1/tasks", tag = "tasks", security(("bearer" = [])), params(TaskQuery),
    responses((status = 200, body = Page<TaskOut>), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn list_tasks(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppQuery(q): AppQuery<TaskQuery>,
) -> ApiResult<Json<Page<TaskOut>>> {
    let visible_projects = match (p.role, p.member_id) {
        (Role::Admin, _) => None,
        (_, Some(member_id)) => Some(
            state
                .store
                .list_projects(p.workspace_id, Visibility::MemberOf(member_id))
                .await?
                .into_iter()
                .map(|pr| pr.id)
                .collect::<Vec<_>>(),
        ),
        (_, None) => Some(Vec::new()),
    };
    if let (Some(project_id), Some(visible)) = (q.project_id, &visible_projects) {
        if !visible.contains(&project_id) {
            state.store.get_project(p.workspace_id, project_id).await?;
            return Err(ApiError::forbidden("read this project"));
        }
    }
    let limit = page_limit(q.limit);
    let offset = q.offset.unwrap_or(0).max(0);
    let filter = TaskFilter {
        visible_projects,
        project_id: q.project_id,
        stage_id: q.stage_id,
        owner: q.owner,
        status: q.status.as_deref().map(parse_status).transpose()?,
        tag: q.tag,
        due_before: parse_date("due_before", q.due_before.as_deref())?,
        due_after: parse_date("due_after", q.due_after.as_deref())?,
        text: q.q,
        limit,
        offset,
    };
    let (tasks, total) = state.store.list_tasks(p.workspace_id, &filter).await?;
    Ok(Json(Page::new(tasks.into_iter().map(TaskOut::from).collect(), total, limit, offset)))
}

/// Creates a task.
#[utoipa::path(post, path = "/v1/tasks", tag = "tasks", security(("bearer" = [])), request_body = TaskCreate,
    responses((status = 201, body = TaskOut), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_task(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppJson(body): AppJson<TaskCreate>,
) -> ApiResult<(StatusCode, Json<TaskOut>)> {
    state.project_access(&p, body.project_id, ProjectAction::CreateTask).await?;
    let due_date = parse_date("due_date", body.due_date.as_deref())?;
    let due_time = parse_time(body.due_time.as_deref())?;
    if due_time.is_some() && due_date.is_none() {
        return Err(ApiError::Invalid("due_time needs a due_date".into()));
    }
    let mut new = NewTask::new(body.project_id, &body.title);
    new.description = body.description;
    new.stage_id = body.stage_id;
    new.owners = body.owners;
    new.due_date = due_date;
    new.due_time = due_time;
    new.priority = body.priority.as_deref().map(parse_priority).transpose()?.unwrap_or(Priority::P2);
    new.status = body.status.as_deref().map(parse_status).transpose()?.unwrap_or(Status::Todo);
    new.tags = body.tags;
    // The audit row is written in the transaction of the task (a group commit with the
    // creations that arrive at the same time).
    let audit = CreateAudit {
        actor: p.actor(),
        role: p.role.as_str().to_string(),
        action: "task.create".into(),
        after: |task| serde_json::to_string(&TaskOut::from(task.clone())).ok(),
    };
    let (task, _) = state.store.create_task_audited(p.workspace_id, &new, &api_cause(&p), Some(audit)).await?;
    state.metrics.add("tasks_created_total", 1);
    Ok((StatusCode::CREATED, Json(TaskOut::from(task))))
}

async fn readable_task(state: &AppState, p: &Principal, id: i64) -> ApiResult<(Task, Option<String>)> {
    let task = state.store.get_task(p.workspace_id, id).await?;
    let (_, project_role) = state.project_access(p, task.project_id, ProjectAction::Read).await?;
    Ok((task, project_role))
}

/// One task.
#[utoipa::path(get, path = "/v1/tasks/{id}", tag = "tasks", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = TaskOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_task(State(state): State<AppState>, Auth(p): Auth, AppPath(id): AppPath<i64>) -> ApiResult<Json<TaskOut>> {
    let (task, _) = readable_task(&state, &p, id).await?;
    Ok(Json(task.into()))
}

fn check_task_permission(p: &Principal, task: &Task, project_role: Option<&str>, action: TaskAction) -> ApiResult<()> {
    let owns = p.member_id.is_some_and(|m| task.owners.iter().any(|o| o.member_id == m));
    let created = task.created_by == p.actor();
    if allows_task(p, project_role, owns, created, action) {
        Ok(())
    } else {
        Err(ApiError::forbidden(match action {
            TaskAction::Update => "change this task",
            TaskAction::Delete => "delete this task",
        }))
    }
}

/// Changes a task; every changed field is written to the task's event log.
#[utoipa::path(patch, path = "/v1/tasks/{id}", tag = "tasks", security(("bearer" = [])), params(("id" = i64, Path)),
    request_body = TaskUpdate,
    responses((status = 200, body = TaskOut), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_task(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppPath(id): AppPath<i64>,
    AppJson(body): AppJson<TaskUpdate>,
) -> ApiResult<Json<TaskOut>> {
    let (task, project_role) = readable_task(&state, &p, id).await?;
    check_task_permission(&p, &task, project_role.as_deref(), TaskAction::Update)?;
    let patch = TaskPatch {
        title: body.title,
        description: body.description,
        stage_id: body.stage_id,
        owners: body.owners,
        due_date: match body.due_date {
            None => None,
            Some(d) => Some(parse_date("due_date", d.as_deref())?),
        },
        due_time: match body.due_time {
            None => None,
            Some(t) => Some(parse_time(t.as_deref())?),
        },
        priority: body.priority.as_deref().map(parse_priority).transpose()?,
        status: body.status.as_deref().map(parse_status).transpose()?,
        tags: body.tags,
    };
    let (before, after) = state.store.update_task(p.workspace_id, id, &patch, &api_cause(&p)).await?;
    if after.due_time.is_some() && after.due_date.is_none() {
        // Roll back the inconsistency rather than store a time without a date.
        let fix = TaskPatch { due_time: Some(None), ..TaskPatch::default() };
        state.store.update_task(p.workspace_id, id, &fix, &api_cause(&p)).await?;
        return Err(ApiError::Invalid("due_time needs a due_date".into()));
    }
    let (before, after) = (TaskOut::from(before), TaskOut::from(after));
    state.audit(&p, "task.update", "task", Some(id.to_string()), Some(&before), Some(&after)).await?;
    Ok(Json(after))
}

/// Deletes a task.
#[utoipa::path(delete, path = "/v1/tasks/{id}", tag = "tasks", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn delete_task(State(state): State<AppState>, Auth(p): Auth, AppPath(id): AppPath<i64>) -> ApiResult<StatusCode> {
    let (task, project_role) = readable_task(&state, &p, id).await?;
    check_task_permission(&p, &task, project_role.as_deref(), TaskAction::Delete)?;
    let before = TaskOut::from(state.store.delete_task(p.workspace_id, id).await?);
    state.audit(&p, "task.delete", "task", Some(id.to_string()), Some(&before), None::<&()>).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The event log of a task (creation, every change, comments), oldest first.
#[utoipa::path(get, path = "/v1/tasks/{id}/events", tag = "tasks", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = Vec<TaskEventOut>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn task_events(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppPath(id): AppPath<i64>,
) -> ApiResult<Json<Vec<TaskEventOut>>> {
    readable_task(&state, &p, id).await?;
    let events = state.store.task_events(p.workspace_id, id).await?;
    Ok(Json(events.into_iter().map(TaskEventOut::from).collect()))
}

/// Adds a comment to a task.
#[utoipa::path(post, path = "/v1/tasks/{id}/comments", tag = "tasks", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = CommentCreate,
    responses((status = 201, body = TaskEventOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
async fn add_comment(
    State(state): State<AppState>,
    Auth(p): Auth,
    AppPath(id): AppPath<i64>,
    AppJson(body): AppJson<CommentCreate>,
) -> ApiResult<(StatusCode, Json<TaskEventOut>)> {
    let task = state.store.get_task(p.workspace_id, id).await?;
    state.project_access(&p, task.project_id, ProjectAction::Comment).await?;
    let event = TaskEventOut::from(state.store.add_comment(p.workspace_id, id, &body.text, &api_cause(&p)).await?);
    state.audit(&p, "task.comment", "task", Some(id.to_string()), None::<&()>, Some(&event)).await?;
    Ok((StatusCode::CREATED, Json(event)))
}
