//! Ingestion: chat messages in, archived durably *before* they are acknowledged, then processed
//! by background workers (in-process by default, or through NATS JetStream with any number of
//! `chat2task worker` processes).
//!
//! Delivery is at-least-once everywhere; effects are idempotent: a message is archived once per
//! (chat, platform id), a task created from a message is unique per (chat, message, title), and a
//! processed message is never processed again.

pub mod nats;
pub mod wecom_archive;
pub mod worker;

use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;
use tokio::sync::Notify;

use crate::store::chats::NewMessage;
use crate::store::{self, Store};

/// A chat message as every door delivers it (the schema of the extraction benchmark README).
#[derive(Debug, Clone, PartialEq)]
pub struct ChatMessage {
    /// Platform message id (unique within the chat).
    pub id: String,
    /// Platform chat (group) id.
    pub chat: String,
    /// When it was sent, with the sender's offset.
    pub ts: DateTime<FixedOffset>,
    pub sender: String,
    /// The group's roster at the time (display names).
    pub members: Vec<String>,
    pub reply_to: Option<Quoted>,
    pub text: String,
}

/// The quoted (replied-to) message.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
pub struct Quoted {
    pub sender: String,
    pub text: String,
}

/// Largest accepted message text, in characters.
pub const MAX_TEXT_CHARS: usize = 10_000;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMessage {
    id: serde_json::Value,
    chat: String,
    ts: String,
    sender: String,
    #[serde(default)]
    members: Vec<String>,
    #[serde(default)]
    reply_to: Option<Quoted>,
    text: String,
    // Gold fields of benchmark files are accepted and ignored, so those files can be ingested.
    #[serde(default)]
    #[allow(dead_code)]
    tasks: serde_json::Value,
    #[serde(default)]
    #[allow(dead_code)]
    tags: serde_json::Value,
}

/// Reads and validates one message; the error says what to fix.
pub fn parse_message(value: serde_json::Value) -> Result<ChatMessage, String> {
    let raw: RawMessage = serde_json::from_value(value).map_err(|e| e.to_string())?;
    let id = match raw.id {
        serde_json::Value::String(s) => s,
        serde_json::Value::Number(n) => n.to_string(),
        _ => return Err("id must be a string".into()),
    };
    check_len("id", &id, 1, 256)?;
    check_len("chat", &raw.chat, 1, 256)?;
    check_len("sender", &raw.sender, 1, 128)?;
    if raw.text.chars().count() > MAX_TEXT_CHARS {
        return Err(format!("text is longer than {MAX_TEXT_CHARS} characters"));
    }
    if raw.members.len() > 2000 {
        return Err("members lists more than 2000 people".into());
    }
    let ts = DateTime::parse_from_rfc3339(&raw.ts)
        .map_err(|_| format!("ts must be RFC 3339 with an offset (2026-03-02T09:12:00+08:00); got `{}`", raw.ts))?;
    Ok(ChatMessage {
        id,
        chat: raw.chat,
        ts,
        sender: raw.sender,
        members: raw.members,
        reply_to: raw.reply_to,
        text: raw.text,
    })
}

fn check_len(field: &str, value: &str, min: usize, max: usize) -> Result<(), String> {
    let n = value.trim().chars().count();
    if n < min || value.len() > max {
        return Err(format!("{field} must be {min} to {max} bytes"));
    }
    Ok(())
}

/// What happened to an accepted message.
#[derive(Debug, Clone, PartialEq)]
pub struct Accepted {
    pub message_id: i64,
    pub chat_id: i64,
    /// The same (chat, id) was already archived; nothing new was stored.
    pub duplicate: bool,
}

/// Archives a message (registering its chat when new). Returns once the message is durable.
pub async fn accept(store: &Store, workspace_id: i64, platform: &str, msg: &ChatMessage) -> store::Result<Accepted> {
    let chat = store.ensure_chat(workspace_id, platform, &msg.chat).await?;
    let (message_id, inserted) = store.insert_message(&new_message(chat.id, msg)).await?;
    Ok(Accepted { message_id, chat_id: chat.id, duplicate: !inserted })
}

/// Where accepted messages go for processing: the in-process worker (woken through `wake`) and,
/// when configured, NATS JetStream for `chat2task worker` processes.
#[derive(Clone, Default)]
pub struct Queue {
    pub wake: Arc<Notify>,
    pub nats: Option<async_nats::jetstream::Context>,
}

impl Queue {
    /// Hands an archived message to the workers. A failed publish is logged, not fatal: the
    /// message is durable in the store and `chat2task worker --sweep` republishes unprocessed ones.
    pub async fn enqueue(&self, message_id: i64) {
        if let Some(js) = &self.nats {
            if let Err(e) = nats::publish(js, message_id).await {
                tracing::warn!(message_id, error = %e, "could not publish to NATS; left for the sweeper");
            }
        }
        self.wake.notify_one();
    }
}

/// Archives a batch in one transaction (chats resolved once each). Same results as calling
/// [`accept`] for each message in order, including duplicates inside the batch.
pub async fn accept_batch(
    store: &Store,
    workspace_id: i64,
    platform: &str,
    messages: &[ChatMessage],
) -> store::Result<Vec<Accepted>> {
    let mut chats: std::collections::HashMap<&str, i64> = std::collections::HashMap::new();
    for msg in messages {
        if !chats.contains_key(msg.chat.as_str()) {
            let chat = store.ensure_chat(workspace_id, platform, &msg.chat).await?;
            chats.insert(msg.chat.as_str(), chat.id);
        }
    }
    let rows: Vec<NewMessage> =
        messages.iter().map(|m| new_message(chats.get(m.chat.as_str()).copied().unwrap_or(0), m)).collect();
    let stored = store.insert_messages(&rows).await?;
    Ok(stored
        .into_iter()
        .zip(rows.iter())
        .map(|((message_id, inserted), row)| Accepted { message_id, chat_id: row.chat_id, duplicate: !inserted })
        .collect())
}

fn new_message(chat_id: i64, msg: &ChatMessage) -> NewMessage {
    NewMessage {
        chat_id,
        external_id: msg.id.clone(),
        sender: msg.sender.clone(),
        text: msg.text.clone(),
        sent_at: msg.ts.timestamp_millis(),
        sent_at_text: msg.ts.to_rfc3339(),
        reply_to: msg.reply_to.as_ref().and_then(|q| serde_json::to_string(q).ok()),
        members: serde_json::to_string(&msg.members).unwrap_or_else(|_| "[]".into()),
    }
}

/// Rebuilds a `ChatMessage` from its archived row.
pub fn from_archive(row: &store::chats::Message, chat_external_id: &str) -> Option<ChatMessage> {
    Some(ChatMessage {
        id: row.external_id.clone(),
        chat: chat_external_id.to_string(),
        ts: DateTime::parse_from_rfc3339(&row.sent_at_text).ok()?,
        sender: row.sender.clone(),
        members: serde_json::from_str(&row.members).unwrap_or_default(),
        reply_to: row.reply_to.as_deref().and_then(|r| serde_json::from_str(r).ok()),
        text: row.text.clone(),
    })
}

/// One line of a JSONL file that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct LineError {
    /// 1-based line number.
    pub line: usize,
    pub message: String,
}

/// Parses a JSONL file of messages; bad lines are reported with their numbers and skipped.
pub fn parse_jsonl(input: &str) -> (Vec<(usize, ChatMessage)>, Vec<LineError>) {
    let mut messages = Vec::new();
    let mut errors = Vec::new();
    for (idx, line) in input.lines().enumerate() {
        let line_no = idx + 1;
        if line.trim().is_empty() {
            continue;
        }
        let parsed = serde_json::from_str::<serde_json::Value>(line)
            .map_err(|e| format!("not JSON: {e}"))
            .and_then(parse_message);
        match parsed {
            Ok(m) => messages.push((line_no, m)),
            Err(message) => errors.push(LineError { line: line_no, message }),
        }
    }
    (messages, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_benchmark_schema_and_reports_bad_lines_by_number() {
        let input = concat!(
            r#"{"id": "d1", "chat": "app", "ts": "2026-01-05T09:20:00+08:00", "sender": "宋佳", "members": ["宋佳"], "reply_to": null, "text": "好的", "tasks": [], "tags": []}"#,
            "\n\n",
            r#"{"id": "d2", "chat": "app", "ts": "yesterday", "sender": "宋佳", "text": "x"}"#,
            "\n",
            "{not json\n",
            r#"{"id": 7, "chat": "app", "ts": "2026-01-05T09:20:00+08:00", "sender": "宋佳", "text": "x", "reply_to": {"sender": "a", "text": "b"}}"#,
            "\n",
            r#"{"id": "d3", "chat": "app", "ts": "2026-01-05T09:20:00+08:00", "sender": "宋佳", "text": "x", "colour": 1}"#,
        );
        let (messages, errors) = parse_jsonl(input);
        assert_eq!(messages.iter().map(|(l, m)| (*l, m.id.as_str())).collect::<Vec<_>>(), [(1, "d1"), (5, "7")]);
        assert_eq!(messages[1].1.reply_to.as_ref().map(|q| q.text.as_str()), Some("b"));
        assert_eq!(errors.iter().map(|e| e.line).collect::<Vec<_>>(), [3, 4, 6]);
        assert!(errors[0].message.contains("RFC 3339"), "{}", errors[0].message);
        assert!(errors[2].message.contains("colour"), "{}", errors[2].message);
    }

    #[test]
    fn rejects_empty_ids_and_huge_texts() {
        let base =
            serde_json::json!({"id": "", "chat": "c", "ts": "2026-01-05T09:20:00+08:00", "sender": "s", "text": "t"});
        assert!(parse_message(base.clone()).is_err());
        let mut big = base;
        big["id"] = "x".into();
        big["text"] = "长".repeat(MAX_TEXT_CHARS + 1).into();
        assert!(parse_message(big).unwrap_err().contains("longer"));
    }
}
