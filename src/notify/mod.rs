//! Talking back to the group: confirmations of created tasks, digests and risk alerts, delivered
//! to WeCom / Feishu / DingTalk group robots and to signed generic webhooks (CRM/ERP/HRM).
//!
//! Everything goes through the store's outbox, so nothing is lost on a crash and nothing is
//! dropped silently: each notification ends `sent`, `merged` (its content went out inside a
//! digest, see `merged_into`) or `dead` (dead-lettered after `max_attempts`, visible through
//! `GET /v1/notify/outbox?status=dead`). Per-target rate limits (20/min by default, WeCom's
//! group-robot limit) are kept by folding the overflow into one digest message.

pub mod dispatch;

use crate::store::{self, Store};

/// Queues a notification for every target of a project. Returns how many were queued.
pub async fn notify_project(
    store: &Store,
    workspace_id: i64,
    project_id: i64,
    category: &str,
    title: &str,
    lines: &[String],
    data: &serde_json::Value,
    dedupe_key: Option<&str>,
) -> store::Result<usize> {
    let mut queued = 0;
    for target in store.targets_for_project(workspace_id, project_id).await? {
        if store.enqueue_notification(target.id, category, title, lines, data, dedupe_key).await?.is_some() {
            queued += 1;
        }
    }
    Ok(queued)
}
