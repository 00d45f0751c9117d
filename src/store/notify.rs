//! Notification targets (group robots, webhooks) and the outbox of notifications to deliver.

use crate::store::{Error, Result, Store, json_list, now_ms, to_json_list};

/// Where notifications go.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub id: i64,
    pub workspace_id: i64,
    pub name: String,
    /// `wecom_robot`, `feishu_bot`, `dingtalk_robot` or `webhook`.
    pub kind: String,
    pub url: String,
    /// Signing secret (Feishu/DingTalk robots, webhook HMAC); empty when unsigned.
    pub secret: String,
    /// Only this project's notifications; `None` = every project.
    pub project_id: Option<i64>,
    pub rate_per_min: i64,
    pub enabled: bool,
}

/// Target kinds we can deliver to.
pub const TARGET_KINDS: [&str; 4] = ["wecom_robot", "feishu_bot", "dingtalk_robot", "webhook"];

/// One notification in the outbox.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxItem {
    pub id: i64,
    pub target_id: i64,
    /// `confirmation`, `digest`, `alert`, `event`.
    pub category: String,
    pub title: String,
    pub lines: Vec<String>,
    /// JSON object with machine-readable details (for webhooks).
    pub data: String,
    /// `pending`, `sent`, `merged` (folded into a digest, see `merged_into`), `dead`.
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub last_error: Option<String>,
    pub merged_into: Option<i64>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

type ItemRow =
    (i64, i64, String, String, String, String, String, i64, i64, Option<String>, Option<i64>, i64, Option<i64>);
const ITEM_COLS: &str = "id, target_id, category, title, lines, data, status, attempts, next_attempt_at, last_error, \
     merged_into, created_at, sent_at";

fn item_from_row(r: ItemRow) -> OutboxItem {
    OutboxItem {
        id: r.0,
        target_id: r.1,
        category: r.2,
        title: r.3,
        lines: json_list(&r.4),
        data: r.5,
        status: r.6,
        attempts: r.7,
        next_attempt_at: r.8,
        last_error: r.9,
        merged_into: r.10,
        created_at: r.11,
        sent_at: r.12,
    }
}

type TargetRow = (i64, i64, String, String, String, String, Option<i64>, i64, i64);
const TARGET_COLS: &str = "id, workspace_id, name, kind, url, secret, project_id, rate_per_min, enabled";

fn target_from_row(r: TargetRow) -> Target {
    Target {
        id: r.0,
        workspace_id: r.1,
        name: r.2,
        kind: r.3,
        url: r.4,
        secret: r.5,
        project_id: r.6,
        rate_per_min: r.7,
        enabled: r.8 != 0,
    }
}

impl Store {
    /// Registers a notification target.
    pub async fn create_target(
        &self,
        workspace_id: i64,
        name: &str,
        kind: &str,
        url: &str,
        secret: &str,
        project_id: Option<i64>,
        rate_per_min: i64,
    ) -> Result<Target> {
        if !TARGET_KINDS.contains(&kind) {
            return Err(Error::Invalid(format!("kind must be one of {}; got `{kind}`", TARGET_KINDS.join(", "))));
        }
        if !(url.starts_with("http://") || url.starts_with("https://")) || url.len() > 2000 {
            return Err(Error::Invalid("url must be an http(s) URL".into()));
        }
        if !(1..=600).contains(&rate_per_min) {
            return Err(Error::Invalid("rate_per_min must be 1 to 600".into()));
        }
        if let Some(pid) = project_id {
            self.get_project(workspace_id, pid).await?;
        }
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO notify_targets (workspace_id, name, kind, url, secret, project_id, rate_per_min, enabled, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8) RETURNING id",
        )
        .bind(workspace_id)
        .bind(name.to_string())
        .bind(kind.to_string())
        .bind(url.to_string())
        .bind(secret.to_string())
        .bind(project_id)
        .bind(rate_per_min)
        .bind(now_ms())
        .fetch_one(self.pool())
        .await?;
        self.get_target(workspace_id, id).await
    }

    /// One target.
    pub async fn get_target(&self, workspace_id: i64, id: i64) -> Result<Target> {
        let row: Option<TargetRow> =
            sqlx::query_as(&format!("SELECT {TARGET_COLS} FROM notify_targets WHERE workspace_id = $1 AND id = $2"))
                .bind(workspace_id)
                .bind(id)
                .fetch_optional(self.pool())
                .await?;
        row.map(target_from_row).ok_or(Error::NotFound("notification target"))
    }

    /// Targets of a workspace.
    pub async fn list_targets(&self, workspace_id: i64) -> Result<Vec<Target>> {
        let rows: Vec<TargetRow> =
            sqlx::query_as(&format!("SELECT {TARGET_COLS} FROM notify_targets WHERE workspace_id = $1 ORDER BY id"))
                .bind(workspace_id)
                .fetch_all(self.pool())
                .await?;
        Ok(rows.into_iter().map(target_from_row).collect())
    }

    /// Enabled targets that receive a project's notifications.
    pub async fn targets_for_project(&self, workspace_id: i64, project_id: i64) -> Result<Vec<Target>> {
        let rows: Vec<TargetRow> = sqlx::query_as(&format!(
            "SELECT {TARGET_COLS} FROM notify_targets WHERE workspace_id = $1 AND enabled = 1 \
             AND (project_id IS NULL OR project_id = $2) ORDER BY id"
        ))
        .bind(workspace_id)
        .bind(project_id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(target_from_row).collect())
    }

    /// Queues a notification; with a `dedupe_key`, a second one with the same key for the same
    /// target is not queued (`None`).
    pub async fn enqueue_notification(
        &self,
        target_id: i64,
        category: &str,
        title: &str,
        lines: &[String],
        data: &serde_json::Value,
        dedupe_key: Option<&str>,
    ) -> Result<Option<i64>> {
        let now = now_ms();
        let mut tx = self.begin_write().await?;
        let row: Option<(i64,)> = sqlx::query_as(
            "INSERT INTO outbox (target_id, category, title, lines, data, status, attempts, next_attempt_at, \
             dedupe_key, created_at) VALUES ($1, $2, $3, $4, $5, 'pending', 0, $6, $7, $6) \
             ON CONFLICT DO NOTHING RETURNING id",
        )
        .bind(target_id)
        .bind(category.to_string())
        .bind(title.to_string())
        .bind(to_json_list(lines))
        .bind(data.to_string())
        .bind(now)
        .bind(dedupe_key.map(str::to_string))
        .fetch_optional(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(row.map(|r| r.0))
    }

    /// Pending notifications due at `now`, oldest first.
    pub async fn due_notifications(&self, now: i64, limit: i64) -> Result<Vec<OutboxItem>> {
        let rows: Vec<ItemRow> = sqlx::query_as(&format!(
            "SELECT {ITEM_COLS} FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY id LIMIT $2"
        ))
        .bind(now)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(item_from_row).collect())
    }

    /// Notifications of a workspace's targets, newest first, optionally by status.
    pub async fn list_outbox(&self, workspace_id: i64, status: Option<&str>, limit: i64) -> Result<Vec<OutboxItem>> {
        let rows: Vec<ItemRow> = sqlx::query_as(&format!(
            "SELECT {ITEM_COLS} FROM outbox WHERE target_id IN (SELECT id FROM notify_targets WHERE workspace_id = $1) \
             AND ($2 = '' OR status = $2) ORDER BY id DESC LIMIT $3"
        ))
        .bind(workspace_id)
        .bind(status.unwrap_or("").to_string())
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(item_from_row).collect())
    }

    /// How many notifications a target was sent since `since` (Unix ms).
    pub async fn sent_since(&self, target_id: i64, since: i64) -> Result<i64> {
        let (n,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE target_id = $1 AND status = 'sent' AND sent_at >= $2")
                .bind(target_id)
                .bind(since)
                .fetch_one(self.pool())
                .await?;
        Ok(n)
    }

    /// Marks a notification delivered.
    pub async fn mark_sent(&self, id: i64, at: i64) -> Result<()> {
        self.set_outbox(
            id,
            "UPDATE outbox SET status = 'sent', sent_at = $1, attempts = attempts + 1 WHERE id = $2",
            at,
        )
        .await
    }

    /// Records a failed delivery: retried at `next_at`, or dead-lettered when `dead`.
    pub async fn mark_failed_delivery(&self, id: i64, error: &str, next_at: i64, dead: bool) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2, \
             status = CASE WHEN $3 = 1 THEN 'dead' ELSE status END WHERE id = $4",
        )
        .bind(error.chars().take(500).collect::<String>())
        .bind(next_at)
        .bind(i64::from(dead))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    }

    /// Folds notifications into a digest that carries their content.
    pub async fn merge_notifications(&self, ids: &[i64], into: i64) -> Result<()> {
        let mut tx = self.begin_write().await?;
        for id in ids {
            sqlx::query("UPDATE outbox SET status = 'merged', merged_into = $1 WHERE id = $2 AND status = 'pending'")
                .bind(into)
                .bind(*id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await
    }

    async fn set_outbox(&self, id: i64, sql: &str, at: i64) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(sql).bind(at).bind(id).execute(&mut *tx).await?;
        tx.commit().await
    }
}
