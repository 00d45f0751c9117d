//! Tasks, their owners and their event log.
//!
//! Every change to a task writes one `task_events` row per changed field in the same
//! transaction, naming the actor and the cause (an API call or a chat message id).

use chrono::{NaiveDate, NaiveTime};
use sqlx::AnyConnection;

use crate::store::group_commit::{CreateAudit, PendingTask};
use crate::store::members::{Member, NewMember, insert_member, members_of, pick_by_name};
use crate::store::{Error, Priority, Result, SqlArgs, Status, Store, json_list, like_escape, now_ms, to_json_list};

/// A stored task with its owners.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub id: i64,
    pub project_id: i64,
    pub stage_id: Option<i64>,
    pub title: String,
    pub description: String,
    pub due_date: Option<NaiveDate>,
    pub due_time: Option<NaiveTime>,
    pub priority: Priority,
    pub status: Status,
    pub tags: Vec<String>,
    pub source_chat: Option<String>,
    pub source_message: Option<String>,
    pub confidence: Option<f64>,
    /// JSON text: the character spans of the source message the task was read from.
    pub evidence: String,
    pub created_by: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub done_at: Option<i64>,
    pub owners: Vec<Owner>,
}

impl Task {
    /// Owner names joined with 、, or `none` when the task has no owner.
    pub fn owners_text(&self, none: &str) -> String {
        if self.owners.is_empty() {
            return none.to_string();
        }
        self.owners.iter().map(|o| o.name.as_str()).collect::<Vec<_>>().join("、")
    }

    /// The deadline with its date in `date_format` (chrono syntax) and `HH:MM` when a clock time
    /// is set, or `none` when there is no due date.
    pub fn due_text(&self, date_format: &str, none: &str) -> String {
        match (self.due_date, self.due_time) {
            (Some(d), Some(t)) => format!("{} {}", d.format(date_format), t.format("%H:%M")),
            (Some(d), None) => d.format(date_format).to_string(),
            _ => none.to_string(),
        }
    }
}

/// An owner of a task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    pub member_id: i64,
    pub name: String,
}

/// A task to create.
#[derive(Debug, Clone)]
pub struct NewTask {
    pub project_id: i64,
    pub stage_id: Option<i64>,
    pub title: String,
    pub description: String,
    /// Owner names or aliases; unknown names become placeholder members.
    pub owners: Vec<String>,
    pub due_date: Option<NaiveDate>,
    pub due_time: Option<NaiveTime>,
    pub priority: Priority,
    pub status: Status,
    pub tags: Vec<String>,
    pub source_chat: Option<String>,
    pub source_message: Option<String>,
    pub confidence: Option<f64>,
    pub evidence: String,
}

impl NewTask {
    /// A task with a title in a project and every other field at its default.
    pub fn new(project_id: i64, title: &str) -> NewTask {
        NewTask {
            project_id,
            stage_id: None,
            title: title.to_string(),
            description: String::new(),
            owners: Vec::new(),
            due_date: None,
            due_time: None,
            priority: Priority::P2,
            status: Status::Todo,
            tags: Vec::new(),
            source_chat: None,
            source_message: None,
            confidence: None,
            evidence: "[]".to_string(),
        }
    }
}

/// Changes to a task; `None` leaves a field alone, `Some(None)` clears an optional field.
#[derive(Debug, Clone, Default)]
pub struct TaskPatch {
    pub title: Option<String>,
    pub description: Option<String>,
    pub stage_id: Option<Option<i64>>,
    pub owners: Option<Vec<String>>,
    pub due_date: Option<Option<NaiveDate>>,
    pub due_time: Option<Option<NaiveTime>>,
    pub priority: Option<Priority>,
    pub status: Option<Status>,
    pub tags: Option<Vec<String>>,
}

/// What caused a change: an API call by an actor, or a chat message.
#[derive(Debug, Clone)]
pub struct Cause {
    /// Who acted (`token:3`, `member:刘洋`, `pipeline`).
    pub actor: String,
    /// The chat message that caused the change, if any (`chat/message-id`).
    pub message_id: Option<String>,
}

/// An open task as the worker's linker sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkTask {
    pub id: i64,
    pub title: String,
    pub owners: Vec<String>,
    pub proposed: bool,
    pub created_at: i64,
    pub source_chat: Option<String>,
    pub source_message: Option<String>,
}

/// A row of a task's event log.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskEvent {
    pub id: i64,
    pub task_id: i64,
    pub actor: String,
    /// `created`, `updated`, `comment`, `deleted`.
    pub kind: String,
    pub field: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub message_id: Option<String>,
    pub created_at: i64,
}

/// Filters of a task listing; all optional, combined with AND.
#[derive(Debug, Clone, Default)]
pub struct TaskFilter {
    /// Restrict to these projects (the caller's visibility); `None` = the whole workspace.
    pub visible_projects: Option<Vec<i64>>,
    pub project_id: Option<i64>,
    pub stage_id: Option<i64>,
    /// Owner display name.
    pub owner: Option<String>,
    pub status: Option<Status>,
    pub tag: Option<String>,
    /// Due on or before this date.
    pub due_before: Option<NaiveDate>,
    /// Due on or after this date.
    pub due_after: Option<NaiveDate>,
    /// Substring of the title or description.
    pub text: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

/// Checks a task title: 1 to 500 characters after trimming.
pub fn check_task_title(title: &str) -> Result<String> {
    let title = title.trim();
    if title.is_empty() || title.chars().count() > 500 {
        return Err(Error::Invalid("title must be 1 to 500 characters".into()));
    }
    Ok(title.to_string())
}

/// Checks tags: at most 32, each 1 to 64 characters.
pub fn check_tags(tags: &[String]) -> Result<Vec<String>> {
    if tags.len() > 32 {
        return Err(Error::Invalid("at most 32 tags".into()));
    }
    let mut out: Vec<String> = Vec::with_capacity(tags.len());
    for tag in tags {
        let tag = tag.trim();
        if tag.is_empty() || tag.chars().count() > 64 {
            return Err(Error::Invalid("each tag must be 1 to 64 characters".into()));
        }
        if !out.iter().any(|t| t == tag) {
            out.push(tag.to_string());
        }
    }
    Ok(out)
}

#[derive(sqlx::FromRow)]
struct TaskRow {
    id: i64,
    project_id: i64,
    stage_id: Option<i64>,
    title: String,
    description: String,
    due_date: Option<String>,
    due_time: Option<String>,
    priority: String,
    status: String,
    tags: String,
    source_chat: Option<String>,
    source_message: Option<String>,
    confidence: Option<f64>,
    evidence: String,
    created_by: String,
    created_at: i64,
    updated_at: i64,
    done_at: Option<i64>,
}
const TASK_COLS: &str = "t.id, t.project_id, t.stage_id, t.title, t.description, t.due_date, t.due_time, t.priority, \
     t.status, t.tags, t.source_chat, t.source_message, t.confidence, t.evidence, t.created_by, t.created_at, \
     t.updated_at, t.done_at";

fn task_from_row(r: TaskRow) -> Task {
    Task {
        id: r.id,
        project_id: r.project_id,
        stage_id: r.stage_id,
        title: r.title,
        description: r.description,
        due_date: r.due_date.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        due_time: r.due_time.and_then(|t| NaiveTime::parse_from_str(&t, "%H:%M").ok()),
        priority: r.priority.parse().unwrap_or(Priority::P2),
        status: r.status.parse().unwrap_or(Status::Todo),
        tags: json_list(&r.tags),
        source_chat: r.source_chat,
        source_message: r.source_message,
        confidence: r.confidence,
        evidence: r.evidence,
        created_by: r.created_by,
        created_at: r.created_at,
        updated_at: r.updated_at,
        done_at: r.done_at,
        owners: Vec::new(),
    }
}

/// The listing sort key: the due date, or a date after every real one when there is none.
pub(crate) fn due_sort(d: Option<NaiveDate>) -> String {
    fmt_date(d).unwrap_or_else(|| "9999-12-31".to_string())
}

pub(crate) fn fmt_date(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

pub(crate) fn fmt_time(t: Option<NaiveTime>) -> Option<String> {
    t.map(|t| t.format("%H:%M").to_string())
}

impl Store {
    /// Creates a task with its owners and a `created` event, in one transaction.
    ///
    /// When `source_message` is set and a task with the same chat, message and title exists,
    /// that task is returned instead (`false` in the second field): creation from chat is idempotent.
    pub async fn create_task(&self, workspace_id: i64, new: &NewTask, cause: &Cause) -> Result<(Task, bool)> {
        self.create_task_audited(workspace_id, new, cause, None).await
    }

    /// [`Store::create_task`] that also writes `audit`'s row in the transaction of the task.
    ///
    /// Creations that arrive together are written by one transaction (group commit, see
    /// `store::group_commit`); the answer comes after the commit that holds this task, and a
    /// failing creation never fails the others of its group.
    pub async fn create_task_audited(
        &self,
        workspace_id: i64,
        new: &NewTask,
        cause: &Cause,
        audit: Option<CreateAudit>,
    ) -> Result<(Task, bool)> {
        let title = check_task_title(&new.title)?;
        let tags = check_tags(&new.tags)?;
        if new.owners.len() > 32 {
            return Err(Error::Invalid("at most 32 owners".into()));
        }
        // Reads happen before the write transaction so the SQLite write lock is held only for
        // the inserts (each statement costs tens of microseconds through sqlx).
        if new.stage_id.is_some() || new.source_message.is_some() {
            let mut conn = self.pool().acquire().await?;
            if let Some(stage_id) = new.stage_id {
                check_stage(&mut conn, new.project_id, stage_id).await?;
            }
            if let Some(id) = self.created_from_message(&mut conn, new, &title).await? {
                drop(conn);
                return Ok((self.get_task(workspace_id, id).await?, false));
            }
        }
        let pending =
            PendingTask { workspace_id, title: title.clone(), tags, new: new.clone(), cause: cause.clone(), audit };
        match self.submit_creation(pending).await {
            Ok(task) => Ok((task, true)),
            // A creation from the same message that committed in between wins; this one
            // returns it, as if it had come second.
            Err(Error::Conflict(msg)) if new.source_message.is_some() => {
                let mut conn = self.pool().acquire().await?;
                match self.created_from_message(&mut conn, new, &title).await? {
                    Some(id) => {
                        drop(conn);
                        Ok((self.get_task(workspace_id, id).await?, false))
                    }
                    None => Err(Error::Conflict(msg)),
                }
            }
            Err(e) => Err(e),
        }
    }

    /// The task created from `new`'s source message with this title, if any.
    async fn created_from_message(&self, conn: &mut AnyConnection, new: &NewTask, title: &str) -> Result<Option<i64>> {
        let Some(message_id) = &new.source_message else { return Ok(None) };
        let existing: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM tasks WHERE source_chat = $1 AND source_message = $2 AND title = $3")
                .bind(new.source_chat.clone())
                .bind(message_id.clone())
                .bind(title.to_string())
                .fetch_optional(&mut *conn)
                .await?;
        Ok(existing.map(|r| r.0))
    }

    /// One task of the workspace, with owners.
    pub async fn get_task(&self, workspace_id: i64, id: i64) -> Result<Task> {
        let row: Option<TaskRow> = sqlx::query_as(&format!(
            "SELECT {TASK_COLS} FROM tasks t JOIN projects p ON p.id = t.project_id \
             WHERE t.id = $1 AND p.workspace_id = $2"
        ))
        .bind(id)
        .bind(workspace_id)
        .fetch_optional(self.pool())
        .await?;
        let mut task = row.map(task_from_row).ok_or(Error::NotFound("task"))?;
        let mut conn = self.pool().acquire().await?;
        task.owners = owners_of(&mut conn, &[task.id]).await?.into_iter().map(|(_, o)| o).collect();
        Ok(task)
    }

    /// A page of tasks matching `filter`, ordered by due date (undated last) then id, and the total count.
    pub async fn list_tasks(&self, workspace_id: i64, filter: &TaskFilter) -> Result<(Vec<Task>, i64)> {
        let mut args = SqlArgs::default();
        let mut clauses = vec![format!("p.workspace_id = {}", args.push_int(workspace_id))];
        if let Some(visible) = &filter.visible_projects {
            if visible.is_empty() {
                return Ok((Vec::new(), 0));
            }
            let list: Vec<String> = visible.iter().map(|id| args.push_int(*id)).collect();
            clauses.push(format!("t.project_id IN ({})", list.join(", ")));
        }
        if let Some(project_id) = filter.project_id {
            clauses.push(format!("t.project_id = {}", args.push_int(project_id)));
        }
        if let Some(stage_id) = filter.stage_id {
            clauses.push(format!("t.stage_id = {}", args.push_int(stage_id)));
        }
        if let Some(status) = filter.status {
            clauses.push(format!("t.status = {}", args.push_text(status.as_str().to_string())));
        }
        if let Some(owner) = &filter.owner {
            clauses.push(format!(
                "EXISTS (SELECT 1 FROM task_owners o JOIN members m ON m.id = o.member_id \
                 WHERE o.task_id = t.id AND m.name = {})",
                args.push_text(owner.clone())
            ));
        }
        if let Some(tag) = &filter.tag {
            let pattern = format!("%{}%", like_escape(&serde_json::to_string(tag).unwrap_or_default()));
            clauses.push(format!("t.tags LIKE {} ESCAPE '\\'", args.push_text(pattern)));
        }
        if let Some(before) = filter.due_before {
            clauses.push(format!("t.due_date <= {}", args.push_text(before.format("%Y-%m-%d").to_string())));
        }
        if let Some(after) = filter.due_after {
            clauses.push(format!("t.due_date >= {}", args.push_text(after.format("%Y-%m-%d").to_string())));
        }
        if let Some(text) = &filter.text {
            let pattern = format!("%{}%", like_escape(&text.to_lowercase()));
            let p = args.push_text(pattern);
            clauses.push(format!("(LOWER(t.title) LIKE {p} ESCAPE '\\' OR LOWER(t.description) LIKE {p} ESCAPE '\\')"));
        }
        let where_sql = clauses.join(" AND ");
        let count_sql =
            format!("SELECT COUNT(*) FROM tasks t JOIN projects p ON p.id = t.project_id WHERE {where_sql}");
        let (total,): (i64,) = args.bind(sqlx::query_as(&count_sql)).fetch_one(self.pool()).await?;
        let limit = args.push_int(filter.limit.clamp(1, 500));
        let offset = args.push_int(filter.offset.max(0));
        let sql = format!(
            "SELECT {TASK_COLS} FROM tasks t JOIN projects p ON p.id = t.project_id WHERE {where_sql} \
             ORDER BY t.due_sort, t.id LIMIT {limit} OFFSET {offset}"
        );
        let rows: Vec<TaskRow> = args.bind(sqlx::query_as(&sql)).fetch_all(self.pool()).await?;
        let mut tasks: Vec<Task> = rows.into_iter().map(task_from_row).collect();
        let ids: Vec<i64> = tasks.iter().map(|t| t.id).collect();
        let mut conn = self.pool().acquire().await?;
        let owners = owners_of(&mut conn, &ids).await?;
        for (task_id, owner) in owners {
            if let Some(task) = tasks.iter_mut().find(|t| t.id == task_id) {
                task.owners.push(owner);
            }
        }
        Ok((tasks, total))
    }

    /// Open tasks of a project as the worker's linker needs them (no description, evidence or
    /// count): the `limit` newest, plus those created from the chat messages `source_ids`.
    pub async fn open_tasks_for_linking(
        &self,
        project_id: i64,
        limit: i64,
        source_chat: &str,
        source_ids: &[String],
    ) -> Result<Vec<LinkTask>> {
        type Row = (i64, String, String, i64, Option<String>, Option<String>);
        const COLS: &str = "t.id, t.title, t.status, t.created_at, t.source_chat, t.source_message";
        let mut rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT {COLS} FROM tasks t WHERE t.project_id = $1 AND t.status IN ('proposed', 'todo', 'doing') \
             ORDER BY t.id DESC LIMIT $2"
        ))
        .bind(project_id)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        for id in source_ids.iter().take(20) {
            let more: Vec<Row> = sqlx::query_as(&format!(
                "SELECT {COLS} FROM tasks t WHERE t.source_chat = $1 AND t.source_message = $2 \
                 AND t.status IN ('proposed', 'todo', 'doing')"
            ))
            .bind(source_chat.to_string())
            .bind(id.clone())
            .fetch_all(self.pool())
            .await?;
            for row in more {
                if !rows.iter().any(|r| r.0 == row.0) {
                    rows.push(row);
                }
            }
        }
        let mut tasks: Vec<LinkTask> = rows
            .into_iter()
            .map(|r| LinkTask {
                id: r.0,
                title: r.1,
                proposed: r.2 == "proposed",
                created_at: r.3,
                source_chat: r.4,
                source_message: r.5,
                owners: Vec::new(),
            })
            .collect();
        let ids: Vec<i64> = tasks.iter().map(|t| t.id).collect();
        let mut conn = self.pool().acquire().await?;
        for (task_id, owner) in owners_of(&mut conn, &ids).await? {
            if let Some(task) = tasks.iter_mut().find(|t| t.id == task_id) {
                task.owners.push(owner.name);
            }
        }
        Ok(tasks)
    }

    /// Applies a patch, writing one event per changed field; returns the task before and after.
    pub async fn update_task(
        &self,
        workspace_id: i64,
        id: i64,
        patch: &TaskPatch,
        cause: &Cause,
    ) -> Result<(Task, Task)> {
        let before = self.get_task(workspace_id, id).await?;
        let mut after = before.clone();
        let mut changes: Vec<(&'static str, Option<String>, Option<String>)> = Vec::new();
        let mut tx = self.begin_write().await?;
        if let Some(title) = &patch.title {
            after.title = check_task_title(title)?;
            if after.title != before.title {
                changes.push(("title", Some(before.title.clone()), Some(after.title.clone())));
            }
        }
        if let Some(description) = &patch.description {
            after.description = description.clone();
            if after.description != before.description {
                changes.push(("description", Some(before.description.clone()), Some(after.description.clone())));
            }
        }
        if let Some(stage_id) = patch.stage_id {
            if let Some(stage_id) = stage_id {
                check_stage(&mut tx, before.project_id, stage_id).await?;
            }
            after.stage_id = stage_id;
            if after.stage_id != before.stage_id {
                changes.push(("stage_id", before.stage_id.map(|s| s.to_string()), stage_id.map(|s| s.to_string())));
            }
        }
        if let Some(due_date) = patch.due_date {
            after.due_date = due_date;
            if after.due_date != before.due_date {
                changes.push(("due_date", fmt_date(before.due_date), fmt_date(after.due_date)));
            }
        }
        if let Some(due_time) = patch.due_time {
            after.due_time = due_time;
            if after.due_time != before.due_time {
                changes.push(("due_time", fmt_time(before.due_time), fmt_time(after.due_time)));
            }
        }
        if let Some(priority) = patch.priority {
            after.priority = priority;
            if after.priority != before.priority {
                changes.push(("priority", Some(before.priority.as_str().into()), Some(priority.as_str().into())));
            }
        }
        if let Some(status) = patch.status {
            after.status = status;
            if after.status != before.status {
                changes.push(("status", Some(before.status.as_str().into()), Some(status.as_str().into())));
                after.done_at = if status == Status::Done { Some(now_ms()) } else { None };
            }
        }
        if let Some(tags) = &patch.tags {
            after.tags = check_tags(tags)?;
            if after.tags != before.tags {
                changes.push(("tags", Some(to_json_list(&before.tags)), Some(to_json_list(&after.tags))));
            }
        }
        if let Some(owner_names) = &patch.owners {
            if owner_names.len() > 32 {
                return Err(Error::Invalid("at most 32 owners".into()));
            }
            let members = members_of(&mut tx, workspace_id).await?;
            let owners = resolve_owners(&mut tx, workspace_id, members, owner_names).await?;
            let names = |os: &[Owner]| to_json_list(&os.iter().map(|o| o.name.clone()).collect::<Vec<_>>());
            if owners != before.owners {
                changes.push(("owners", Some(names(&before.owners)), Some(names(&owners))));
                sqlx::query("DELETE FROM task_owners WHERE task_id = $1").bind(id).execute(&mut *tx).await?;
                insert_owners(&mut tx, id, &owners).await?;
            }
            after.owners = owners;
        }
        if changes.is_empty() {
            return Ok((before, after));
        }
        let now = now_ms();
        after.updated_at = now;
        sqlx::query(
            "UPDATE tasks SET title = $1, description = $2, stage_id = $3, due_date = $4, due_time = $5, \
             priority = $6, status = $7, tags = $8, updated_at = $9, done_at = $10, due_sort = $12 WHERE id = $11",
        )
        .bind(after.title.clone())
        .bind(after.description.clone())
        .bind(after.stage_id)
        .bind(fmt_date(after.due_date))
        .bind(fmt_time(after.due_time))
        .bind(after.priority.as_str())
        .bind(after.status.as_str())
        .bind(to_json_list(&after.tags))
        .bind(now)
        .bind(after.done_at)
        .bind(id)
        .bind(due_sort(after.due_date))
        .execute(&mut *tx)
        .await?;
        for (field, old, new) in changes {
            insert_event(&mut tx, id, cause, "updated", Some(field), old, new, now).await?;
        }
        tx.commit().await?;
        if patch.owners.is_some() {
            // Placeholder members may have been inserted for new owner names.
            self.roster.invalidate();
        }
        Ok((before, after))
    }

    /// Deletes a task with its owners and events; returns it as it was.
    pub async fn delete_task(&self, workspace_id: i64, id: i64) -> Result<Task> {
        let before = self.get_task(workspace_id, id).await?;
        let mut tx = self.begin_write().await?;
        for sql in [
            "DELETE FROM task_events WHERE task_id = $1",
            "DELETE FROM task_owners WHERE task_id = $1",
            "DELETE FROM tasks WHERE id = $1",
        ] {
            sqlx::query(sql).bind(id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(before)
    }

    /// Adds a comment to a task's event log.
    pub async fn add_comment(&self, workspace_id: i64, id: i64, text: &str, cause: &Cause) -> Result<TaskEvent> {
        self.get_task(workspace_id, id).await?;
        let text = text.trim();
        if text.is_empty() || text.chars().count() > 4000 {
            return Err(Error::Invalid("comment must be 1 to 4000 characters".into()));
        }
        let now = now_ms();
        let mut conn = self.pool().acquire().await?;
        let event_id = insert_event(&mut conn, id, cause, "comment", None, None, Some(text.to_string()), now).await?;
        Ok(TaskEvent {
            id: event_id,
            task_id: id,
            actor: cause.actor.clone(),
            kind: "comment".into(),
            field: None,
            old_value: None,
            new_value: Some(text.to_string()),
            message_id: cause.message_id.clone(),
            created_at: now,
        })
    }

    /// The event log of a task, oldest first.
    pub async fn task_events(&self, workspace_id: i64, id: i64) -> Result<Vec<TaskEvent>> {
        self.get_task(workspace_id, id).await?;
        let rows: Vec<(i64, i64, String, String, Option<String>, Option<String>, Option<String>, Option<String>, i64)> =
            sqlx::query_as(
                "SELECT id, task_id, actor, kind, field, old_value, new_value, message_id, created_at \
                 FROM task_events WHERE task_id = $1 ORDER BY id",
            )
            .bind(id)
            .fetch_all(self.pool())
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| TaskEvent {
                id: r.0,
                task_id: r.1,
                actor: r.2,
                kind: r.3,
                field: r.4,
                old_value: r.5,
                new_value: r.6,
                message_id: r.7,
                created_at: r.8,
            })
            .collect())
    }
}

async fn check_stage(conn: &mut AnyConnection, project_id: i64, stage_id: i64) -> Result<()> {
    let stage: Option<(i64,)> = sqlx::query_as("SELECT id FROM stages WHERE id = $1 AND project_id = $2")
        .bind(stage_id)
        .bind(project_id)
        .fetch_optional(&mut *conn)
        .await?;
    match stage {
        Some(_) => Ok(()),
        None => Err(Error::Invalid(format!("stage {stage_id} is not a stage of project {project_id}"))),
    }
}

/// Links owners to a task in one statement.
async fn insert_owners(conn: &mut AnyConnection, task_id: i64, owners: &[Owner]) -> Result<()> {
    if owners.is_empty() {
        return Ok(());
    }
    // Ids are integers we produced ourselves, so inlining them is safe.
    let values: Vec<String> = owners.iter().map(|o| format!("({task_id}, {})", o.member_id)).collect();
    sqlx::query(&format!("INSERT INTO task_owners (task_id, member_id) VALUES {}", values.join(", ")))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Maps owner names to `members`, creating placeholder members for names never seen.
async fn resolve_owners(
    conn: &mut AnyConnection,
    workspace_id: i64,
    mut members: Vec<Member>,
    names: &[String],
) -> Result<Vec<Owner>> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let mut owners: Vec<Owner> = Vec::new();
    for name in names {
        let member = match pick_by_name(&members, name) {
            Some(m) => m.clone(),
            None => {
                // `members` may have been read before this write transaction: another writer may
                // have created the member since, so look again (under the write lock) first.
                members = members_of(conn, workspace_id).await?;
                match pick_by_name(&members, name) {
                    Some(m) => m.clone(),
                    None => {
                        let new = NewMember { name: name.clone(), placeholder: true, ..NewMember::default() };
                        let m = insert_member(conn, workspace_id, &new).await?;
                        members.push(m.clone());
                        m
                    }
                }
            }
        };
        if !owners.iter().any(|o| o.member_id == member.id) {
            owners.push(Owner { member_id: member.id, name: member.name });
        }
    }
    Ok(owners)
}

async fn owners_of(conn: &mut AnyConnection, task_ids: &[i64]) -> Result<Vec<(i64, Owner)>> {
    if task_ids.is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<String> = task_ids.iter().map(|id| id.to_string()).collect();
    // Ids are integers we produced ourselves, so inlining them is safe.
    let sql = format!(
        "SELECT o.task_id, m.id, m.name FROM task_owners o JOIN members m ON m.id = o.member_id \
         WHERE o.task_id IN ({}) ORDER BY o.task_id, m.id",
        list.join(", ")
    );
    let rows: Vec<(i64, i64, String)> = sqlx::query_as(&sql).fetch_all(&mut *conn).await?;
    Ok(rows.into_iter().map(|r| (r.0, Owner { member_id: r.1, name: r.2 })).collect())
}

#[allow(clippy::too_many_arguments)]
async fn insert_event(
    conn: &mut AnyConnection,
    task_id: i64,
    cause: &Cause,
    kind: &str,
    field: Option<&str>,
    old_value: Option<String>,
    new_value: Option<String>,
    now: i64,
) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO task_events (task_id, actor, kind, field, old_value, new_value, message_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(task_id)
    .bind(cause.actor.clone())
    .bind(kind.to_string())
    .bind(field.map(str::to_string))
    .bind(old_value)
    .bind(new_value)
    .bind(cause.message_id.clone())
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}
