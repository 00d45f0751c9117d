//! Replays the demo chat into a store: archives each message in the demo chat and, when a
//! pipeline is given, processes them as the service's worker would, then reports what it filed.

use std::fmt::Write;
use std::sync::Arc;

use anyhow::{Context, Result};

use crate::ingest::{self, worker::Worker};
use crate::lifecycle::Understand;
use crate::store::Store;
use crate::store::chats::Chat;
use crate::store::tasks::TaskFilter;

/// Archives every message of `jsonl` in `chat`, processes them with `pipeline` if given, and
/// returns a printable report.
pub async fn replay(store: &Store, chat: &Chat, jsonl: &str, pipeline: Option<Arc<dyn Understand>>) -> Result<String> {
    let (parsed, errors) = ingest::parse_jsonl(jsonl);
    if let Some(e) = errors.first() {
        anyhow::bail!("demo chat line {}: {}", e.line, e.message);
    }
    // The demo's messages all belong to the demo chat, whatever their `chat` field says.
    let messages: Vec<ingest::ChatMessage> =
        parsed.into_iter().map(|(_, m)| ingest::ChatMessage { chat: chat.external_id.clone(), ..m }).collect();
    let accepted = ingest::accept_batch(store, chat.workspace_id, &chat.platform, &messages)
        .await
        .context("could not archive the demo chat")?;
    let mut report = String::new();
    let _ = writeln!(report, "archived {} chat messages in chat `{}`", accepted.len(), chat.name);
    let Some(pipeline) = pipeline else { return Ok(report) };
    let worker = Worker::new(store.clone(), pipeline, Default::default(), Default::default());
    worker.drain().await?;
    for (msg, acc) in messages.iter().zip(&accepted) {
        let effects = store.message_effects(acc.message_id).await?;
        if effects.is_empty() {
            continue;
        }
        let _ = writeln!(report, "{} {}：{}", msg.ts.format("%m-%d %H:%M"), msg.sender, msg.text);
        for (task_id, effect) in effects {
            let task = store.get_task(chat.workspace_id, task_id).await?;
            let due = task.due_text("%Y-%m-%d", "无截止");
            let _ = writeln!(
                report,
                "    → {effect}: #{task_id} {}（{}，{due}，{}）",
                task.title,
                task.owners_text(""),
                task.status.as_str()
            );
        }
    }
    let (_, total) = store.list_tasks(chat.workspace_id, &TaskFilter { limit: 1, ..TaskFilter::default() }).await?;
    let _ = writeln!(report, "{total} tasks in the store");
    Ok(report)
}
