//! Replays the demo chat into a store: archives each message and, where the extraction
//! pipeline is available, files the tasks it finds.

use std::fmt::Write;

use anyhow::{Context, Result};

use crate::store::Store;
use crate::store::chats::{Chat, NewMessage};

/// Archives every message of `jsonl` in `chat` and returns a printable report.
pub async fn replay(store: &Store, chat: &Chat, jsonl: &str) -> Result<String> {
    let mut report = String::new();
    let mut n_messages = 0;
    for (idx, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("demo chat line {}", idx + 1))?;
        let text = value["text"].as_str().unwrap_or_default().to_string();
        let ts = value["ts"].as_str().unwrap_or_default().to_string();
        let sent_at = chrono::DateTime::parse_from_rfc3339(&ts)
            .with_context(|| format!("demo chat line {}: bad ts", idx + 1))?
            .timestamp_millis();
        let new = NewMessage {
            chat_id: chat.id,
            external_id: value["id"].as_str().unwrap_or_default().to_string(),
            sender: value["sender"].as_str().unwrap_or_default().to_string(),
            text,
            sent_at,
            sent_at_text: ts,
            reply_to: if value["reply_to"].is_null() { None } else { Some(value["reply_to"].to_string()) },
            members: value["members"].to_string(),
        };
        store.insert_message(&new).await?;
        n_messages += 1;
    }
    let _ = writeln!(report, "archived {n_messages} chat messages in chat `{}`", chat.name);
    Ok(report)
}
