//! Aggregates for delay risk and assignee suggestion, computed from the store as of now
//! (never from the future: only events already written count).

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::store::{Result, Store};

/// Per member: open work and on-time history.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OwnerStats {
    /// Open tasks (proposed, todo, doing).
    pub open: u32,
    /// Open tasks due from `today` to `today + 7`.
    pub due_next_7d: u32,
    /// Finished tasks that had a due date.
    pub done_with_due: u32,
    /// Of those, finished after their due date.
    pub done_late: u32,
}

/// One finished or open task of a member, for assignee history.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryRow {
    pub member_id: i64,
    pub title: String,
    pub tags: Vec<String>,
    pub created_at: i64,
    pub done: bool,
}

impl Store {
    /// Open load and on-time history of every member of a workspace, as of `today`.
    pub async fn owner_stats(&self, workspace_id: i64, today: NaiveDate) -> Result<HashMap<i64, OwnerStats>> {
        let rows: Vec<(i64, String, Option<String>, Option<i64>)> = sqlx::query_as(
            "SELECT o.member_id, t.status, t.due_date, t.done_at FROM task_owners o JOIN tasks t ON t.id = o.task_id \
             JOIN projects p ON p.id = t.project_id WHERE p.workspace_id = $1",
        )
        .bind(workspace_id)
        .fetch_all(self.pool())
        .await?;
        let week = today + chrono::Duration::days(7);
        let mut out: HashMap<i64, OwnerStats> = HashMap::new();
        for (member_id, status, due, done_at) in rows {
            let entry = out.entry(member_id).or_default();
            let due = due.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
            match status.as_str() {
                "proposed" | "todo" | "doing" => {
                    entry.open += 1;
                    if due.is_some_and(|d| d >= today && d <= week) {
                        entry.due_next_7d += 1;
                    }
                }
                "done" => {
                    if let (Some(due), Some(done_at)) = (due, done_at) {
                        entry.done_with_due += 1;
                        if local_date(done_at).is_some_and(|d| d > due) {
                            entry.done_late += 1;
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(out)
    }

    /// How many times each task's due date was moved (events changing an existing date).
    pub async fn reschedules(&self, task_ids: &[i64]) -> Result<HashMap<i64, u32>> {
        self.count_by_task(
            "SELECT task_id, COUNT(*) FROM task_events WHERE field = 'due_date' AND old_value IS NOT NULL \
             AND task_id IN ({ids}) GROUP BY task_id",
            task_ids,
        )
        .await
    }

    /// How many chat messages created or changed each task.
    pub async fn mentions(&self, task_ids: &[i64]) -> Result<HashMap<i64, u32>> {
        self.count_by_task(
            "SELECT task_id, COUNT(*) FROM message_effects WHERE task_id IN ({ids}) GROUP BY task_id",
            task_ids,
        )
        .await
    }

    async fn count_by_task(&self, sql: &str, task_ids: &[i64]) -> Result<HashMap<i64, u32>> {
        if task_ids.is_empty() {
            return Ok(HashMap::new());
        }
        // Ids are integers, so inlining them is safe.
        let ids: Vec<String> = task_ids.iter().map(i64::to_string).collect();
        let rows: Vec<(i64, i64)> =
            sqlx::query_as(&sql.replace("{ids}", &ids.join(", "))).fetch_all(self.pool()).await?;
        Ok(rows.into_iter().map(|(id, n)| (id, u32::try_from(n).unwrap_or(u32::MAX))).collect())
    }

    /// Share of finished tasks per stage of a project (stage id → done / all, cancelled excluded).
    pub async fn stage_progress(&self, project_id: i64) -> Result<HashMap<i64, f64>> {
        let rows: Vec<(i64, String)> =
            sqlx::query_as("SELECT stage_id, status FROM tasks WHERE project_id = $1 AND stage_id IS NOT NULL")
                .bind(project_id)
                .fetch_all(self.pool())
                .await?;
        let mut counts: HashMap<i64, (u32, u32)> = HashMap::new();
        for (stage, status) in rows {
            let entry = counts.entry(stage).or_default();
            match status.as_str() {
                "done" => {
                    entry.0 += 1;
                    entry.1 += 1;
                }
                "cancelled" => {}
                _ => entry.1 += 1,
            }
        }
        Ok(counts
            .into_iter()
            .map(|(stage, (done, all))| (stage, if all == 0 { 0.0 } else { f64::from(done) / f64::from(all) }))
            .collect())
    }

    /// Every member's tasks (newest last), for assignee suggestion.
    pub async fn assignment_history(&self, workspace_id: i64, limit: i64) -> Result<Vec<HistoryRow>> {
        let rows: Vec<(i64, String, String, i64, String)> = sqlx::query_as(
            "SELECT o.member_id, t.title, t.tags, t.created_at, t.status FROM task_owners o JOIN tasks t ON t.id = o.task_id \
             JOIN projects p ON p.id = t.project_id WHERE p.workspace_id = $1 ORDER BY t.created_at DESC LIMIT $2",
        )
        .bind(workspace_id)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        let mut out: Vec<HistoryRow> = rows
            .into_iter()
            .map(|(member_id, title, tags, created_at, status)| HistoryRow {
                member_id,
                title,
                tags: crate::store::json_list(&tags),
                created_at,
                done: status == "done",
            })
            .collect();
        out.reverse();
        Ok(out)
    }
}

/// Asia/Shanghai (UTC+8 all year: China has no daylight saving), the workspace time zone.
pub fn shanghai() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| unreachable!("+08:00 is a valid offset"))
}

/// The Asia/Shanghai date of Unix milliseconds.
pub fn local_date(ms: i64) -> Option<NaiveDate> {
    chrono::DateTime::from_timestamp_millis(ms).map(|t| t.with_timezone(&shanghai()).date_naive())
}

/// A task as stored now, for replaying its history (`forecast::history`).
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryTask {
    pub id: i64,
    pub project_id: i64,
    pub stage_id: Option<i64>,
    pub due_date: Option<String>,
    pub priority: String,
    pub status: String,
    pub tags: Vec<String>,
    pub created_at: i64,
    pub done_at: Option<i64>,
}

/// One recorded change of a field a risk feature depends on.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryChange {
    pub task_id: i64,
    /// `due_date`, `status`, `priority`, `stage_id`, `tags` or `owners`.
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub at: i64,
}

/// Everything needed to rebuild a workspace's tasks as they were at any past moment: the tasks
/// as they are now, the changes of the fields risk features use (oldest first), when messages
/// touched each task, and member names (owner changes are logged by name).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RiskHistory {
    pub tasks: Vec<HistoryTask>,
    /// (task id, member id) as of now.
    pub owners: Vec<(i64, i64)>,
    pub changes: Vec<HistoryChange>,
    /// (task id, when a chat message created or changed it).
    pub mentions: Vec<(i64, i64)>,
    /// (member id, name).
    pub members: Vec<(i64, String)>,
}

type TaskRow = (i64, i64, Option<i64>, Option<String>, String, String, String, i64, Option<i64>);
type ChangeRow = (i64, String, Option<String>, Option<String>, i64);

impl Store {
    /// The whole task history of a workspace, for training its own delay-risk model.
    pub async fn risk_history(&self, workspace_id: i64) -> Result<RiskHistory> {
        let tasks: Vec<TaskRow> = sqlx::query_as(
            "SELECT t.id, t.project_id, t.stage_id, t.due_date, t.priority, t.status, t.tags, t.created_at, \
                 t.done_at FROM tasks t JOIN projects p ON p.id = t.project_id WHERE p.workspace_id = $1 ORDER BY t.id",
        )
        .bind(workspace_id)
        .fetch_all(self.pool())
        .await?;
        let owners: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT o.task_id, o.member_id FROM task_owners o JOIN tasks t ON t.id = o.task_id \
             JOIN projects p ON p.id = t.project_id WHERE p.workspace_id = $1",
        )
        .bind(workspace_id)
        .fetch_all(self.pool())
        .await?;
        let changes: Vec<ChangeRow> = sqlx::query_as(
            "SELECT e.task_id, e.field, e.old_value, e.new_value, e.created_at FROM task_events e \
             JOIN tasks t ON t.id = e.task_id JOIN projects p ON p.id = t.project_id \
             WHERE p.workspace_id = $1 AND e.kind = 'updated' \
             AND e.field IN ('due_date', 'status', 'priority', 'stage_id', 'tags', 'owners') ORDER BY e.id",
        )
        .bind(workspace_id)
        .fetch_all(self.pool())
        .await?;
        let mentions: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT m.task_id, m.created_at FROM message_effects m JOIN tasks t ON t.id = m.task_id \
             JOIN projects p ON p.id = t.project_id WHERE p.workspace_id = $1",
        )
        .bind(workspace_id)
        .fetch_all(self.pool())
        .await?;
        let members: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM members WHERE workspace_id = $1")
            .bind(workspace_id)
            .fetch_all(self.pool())
            .await?;
        Ok(RiskHistory {
            tasks: tasks
                .into_iter()
                .map(|r| HistoryTask {
                    id: r.0,
                    project_id: r.1,
                    stage_id: r.2,
                    due_date: r.3,
                    priority: r.4,
                    status: r.5,
                    tags: crate::store::json_list(&r.6),
                    created_at: r.7,
                    done_at: r.8,
                })
                .collect(),
            owners,
            changes: changes
                .into_iter()
                .map(|r| HistoryChange { task_id: r.0, field: r.1, old_value: r.2, new_value: r.3, at: r.4 })
                .collect(),
            mentions,
            members,
        })
    }

    /// Finished tasks with a due date, and how many of them finished after it (cheap check before
    /// loading a whole history).
    pub async fn finished_counts(&self, workspace_id: i64) -> Result<(u32, u32)> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT t.due_date, t.done_at FROM tasks t JOIN projects p ON p.id = t.project_id \
             WHERE p.workspace_id = $1 AND t.status = 'done' AND t.due_date IS NOT NULL AND t.done_at IS NOT NULL",
        )
        .bind(workspace_id)
        .fetch_all(self.pool())
        .await?;
        let mut late = 0u32;
        for (due, done_at) in &rows {
            let due = NaiveDate::parse_from_str(due, "%Y-%m-%d").ok();
            if due.is_some_and(|due| local_date(*done_at).is_some_and(|d| d > due)) {
                late += 1;
            }
        }
        Ok((u32::try_from(rows.len()).unwrap_or(u32::MAX), late))
    }
}
