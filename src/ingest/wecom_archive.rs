//! WeCom chat-archive (会话内容存档) export import.
//!
//! The archive API (`GetChatData` + the finance SDK's `DecryptData`) yields one JSON object per
//! message; exports keep them one per line. The fields read here are the documented ones:
//!
//! | field | meaning |
//! |---|---|
//! | `msgid` | unique message id (the dedupe key) |
//! | `action` | `send`, `recall` (撤回) or `switch` (切换企业日志) |
//! | `from` | sender userid (or external_userid) |
//! | `tolist` | recipients' userids |
//! | `roomid` | group id; empty for a one-to-one chat |
//! | `msgtime` | send time, UTC Unix milliseconds |
//! | `msgtype` | `text`, `markdown`, `mixed`, `image`, `revoke`, … |
//! | `text.content` | the text of a `text` message |
//!
//! Also read: `markdown` messages (`info.content`) and the text items of `mixed` (图文混排)
//! messages (`mixed.item[]` with `type = "text"` whose `content` is a JSON string holding
//! `{"content": …}`). A `quote` object (`{"from"?, "text": {"content"}}`, the shape the AI-bot
//! callback uses) is read when present; the archive documentation does not describe one, so this
//! is defensive. Other fields (`seq`, `publickey_ver`, …) are ignored.
//!
//! Recalls, `switch` records, and messages without text (images, files, voice, …) are skipped and
//! counted by kind, not reported as errors. A line that is not JSON, or a `send` record missing a
//! required field, is an error with its line number; the rest of the file still goes through.

use std::collections::BTreeMap;

use chrono::DateTime;
use serde_json::Value;

use crate::ingest::{ChatMessage, LineError, MAX_TEXT_CHARS, Quoted};

/// One archived message with text, before user ids are turned into display names.
#[derive(Debug, Clone, PartialEq)]
pub struct ArchiveRecord {
    /// `msgid`.
    pub msgid: String,
    /// Sender userid (`from`).
    pub from: String,
    /// Recipients' userids (`tolist`).
    pub tolist: Vec<String>,
    /// Group id; empty for a one-to-one chat.
    pub roomid: String,
    /// `msgtime`, UTC Unix milliseconds.
    pub msgtime: i64,
    /// The message text.
    pub text: String,
    /// Quoted message: (sender userid if given, text).
    pub quote: Option<(Option<String>, String)>,
}

/// The result of reading an export file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArchiveParse {
    /// Messages with text, with their 1-based line numbers.
    pub records: Vec<(usize, ArchiveRecord)>,
    /// Records skipped on purpose, counted by kind (`recall`, `switch`, `image`, …).
    pub skipped: BTreeMap<String, usize>,
    /// Lines that could not be read.
    pub errors: Vec<LineError>,
}

impl ArchiveParse {
    /// Total number of skipped records.
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }
}

/// What one line holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    /// A message with text.
    Message(ArchiveRecord),
    /// A record skipped on purpose, with its kind.
    Skipped(String),
}

/// Whether `input` looks like an archive export: its first non-empty line is a JSON object with
/// `msgid` and `action` (the benchmark JSONL schema has `id` and `chat` instead).
pub fn looks_like_archive(input: &str) -> bool {
    let Some(first) = input.lines().find(|l| !l.trim().is_empty()) else {
        return false;
    };
    serde_json::from_str::<Value>(first)
        .ok()
        .and_then(|v| v.as_object().map(|o| o.contains_key("msgid") && o.contains_key("action")))
        .unwrap_or(false)
}

/// Reads an export file, one record per line; blank lines are ignored.
pub fn parse_archive(input: &str) -> ArchiveParse {
    let mut out = ArchiveParse::default();
    for (idx, line) in input.lines().enumerate() {
        let line_no = idx + 1;
        if line.trim().is_empty() {
            continue;
        }
        let parsed =
            serde_json::from_str::<Value>(line).map_err(|e| format!("not JSON: {e}")).and_then(|v| parse_record(&v));
        match parsed {
            Ok(Line::Message(record)) => out.records.push((line_no, record)),
            Ok(Line::Skipped(kind)) => *out.skipped.entry(kind).or_default() += 1,
            Err(message) => out.errors.push(LineError { line: line_no, message }),
        }
    }
    out
}

fn str_field<'v>(record: &'v Value, field: &str) -> Result<&'v str, String> {
    match record.get(field) {
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(format!("`{field}` must be a string")),
        None => Err(format!("`{field}` is missing")),
    }
}

/// Reads one archive record.
///
/// # Errors
/// A message saying which field is missing or malformed.
pub fn parse_record(record: &Value) -> Result<Line, String> {
    if !record.is_object() {
        return Err("a record must be a JSON object".into());
    }
    let msgid = str_field(record, "msgid")?;
    if msgid.trim().is_empty() || msgid.len() > 256 {
        return Err("`msgid` must be 1 to 256 bytes".into());
    }
    match str_field(record, "action")? {
        "send" => {}
        "recall" => return Ok(Line::Skipped("recall".into())),
        "switch" => return Ok(Line::Skipped("switch".into())),
        other => return Err(format!("unknown action `{other}` (send, recall or switch)")),
    }
    let from = str_field(record, "from")?;
    if from.trim().is_empty() || from.len() > 128 {
        return Err("`from` must be 1 to 128 bytes".into());
    }
    let roomid = match record.get("roomid") {
        None | Some(Value::Null) => "",
        Some(Value::String(s)) if s.len() <= 256 => s.as_str(),
        Some(Value::String(_)) => return Err("`roomid` is longer than 256 bytes".into()),
        Some(_) => return Err("`roomid` must be a string".into()),
    };
    let tolist = match record.get("tolist") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => {
            if items.len() > 2000 {
                return Err("`tolist` names more than 2000 people".into());
            }
            items
                .iter()
                .map(|v| v.as_str().map(str::to_string).ok_or_else(|| "`tolist` must hold strings".to_string()))
                .collect::<Result<Vec<_>, _>>()?
        }
        Some(_) => return Err("`tolist` must be a list".into()),
    };
    let msgtime = match record.get("msgtime") {
        Some(Value::Number(n)) => n.as_i64(),
        // Some exporters write it as a string.
        Some(Value::String(s)) => s.trim().parse().ok(),
        None => return Err("`msgtime` is missing".into()),
        Some(_) => None,
    }
    .filter(|ms| *ms > 0 && DateTime::from_timestamp_millis(*ms).is_some())
    .ok_or("`msgtime` must be Unix milliseconds")?;
    let msgtype = str_field(record, "msgtype")?;
    let text = match msgtype {
        "text" => Some(content_of(record, "text")?),
        "markdown" => Some(content_of(record, "info")?),
        "mixed" => mixed_text(record)?,
        _ => None,
    };
    let Some(text) = text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()) else {
        return Ok(Line::Skipped(if matches!(msgtype, "text" | "markdown" | "mixed") {
            "empty text".into()
        } else {
            msgtype.to_string()
        }));
    };
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(format!("text is longer than {MAX_TEXT_CHARS} characters"));
    }
    Ok(Line::Message(ArchiveRecord {
        msgid: msgid.to_string(),
        from: from.to_string(),
        tolist,
        roomid: roomid.to_string(),
        msgtime,
        text,
        quote: quote_of(record),
    }))
}

/// `record[key].content` as a string.
fn content_of(record: &Value, key: &str) -> Result<String, String> {
    match record.get(key).and_then(|v| v.get("content")) {
        Some(Value::String(s)) => Ok(s.clone()),
        _ => Err(format!("`{key}.content` must be a string for msgtype {}", record["msgtype"])),
    }
}

/// The text items of a `mixed` message, one per line; `None` when it has none.
fn mixed_text(record: &Value) -> Result<Option<String>, String> {
    let items = record
        .get("mixed")
        .and_then(|m| m.get("item"))
        .and_then(Value::as_array)
        .ok_or("`mixed.item` must be a list for msgtype mixed")?;
    let mut parts = Vec::new();
    for item in items {
        if item.get("type").and_then(Value::as_str) != Some("text") {
            continue;
        }
        // `content` is itself JSON text (`{"content": "…"}`); tolerate an object too.
        let content = match item.get("content") {
            Some(Value::String(s)) => serde_json::from_str::<Value>(s).ok(),
            Some(v @ Value::Object(_)) => Some(v.clone()),
            _ => None,
        };
        let text = content
            .as_ref()
            .and_then(|c| c.get("content"))
            .and_then(Value::as_str)
            .ok_or("a text item of `mixed.item` has no readable content")?;
        parts.push(text.trim().to_string());
    }
    Ok((!parts.is_empty()).then(|| parts.join("\n")))
}

/// An optional `quote` object: `{"from"?: userid, "text": {"content": …}}`.
fn quote_of(record: &Value) -> Option<(Option<String>, String)> {
    let quote = record.get("quote")?;
    let text = quote.get("text").and_then(|t| t.get("content")).and_then(Value::as_str)?.trim();
    if text.is_empty() {
        return None;
    }
    let from = quote.get("from").and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_string);
    Some((from, text.to_string()))
}

impl ArchiveRecord {
    /// The chat this message belongs to: the `roomid`, or for a one-to-one chat a stable id made
    /// of the two userids in sorted order (`single:a:b`), so both directions land in one chat.
    pub fn chat_id(&self) -> String {
        if !self.roomid.is_empty() {
            return self.roomid.clone();
        }
        let mut pair = vec![self.from.as_str()];
        if let Some(to) = self.tolist.first() {
            pair.push(to);
        }
        pair.sort_unstable();
        format!("single:{}", pair.join(":"))
    }

    /// The ingest message, with userids shown as display names where `name_of` knows them
    /// (unknown userids are kept as they are). `members` is the sender plus the recipients.
    pub fn to_chat_message(&self, name_of: impl Fn(&str) -> Option<String>) -> ChatMessage {
        let name = |id: &str| name_of(id).unwrap_or_else(|| id.to_string());
        let mut members: Vec<String> = Vec::with_capacity(self.tolist.len() + 1);
        for id in std::iter::once(&self.from).chain(self.tolist.iter()) {
            let n = name(id);
            if !members.contains(&n) {
                members.push(n);
            }
        }
        let ts = DateTime::from_timestamp_millis(self.msgtime)
            .unwrap_or_default()
            .with_timezone(&crate::store::stats::shanghai());
        ChatMessage {
            id: self.msgid.clone(),
            chat: self.chat_id(),
            ts,
            sender: name(&self.from),
            members,
            reply_to: self.quote.as_ref().map(|(from, text)| Quoted {
                sender: from.as_deref().map(name).unwrap_or_default(),
                text: text.clone(),
            }),
            text: self.text.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Self-written records in the shape of the documented export (not real archive data).
    const FIXTURE: &str = include_str!("../../tests/data/wecom_archive.jsonl");

    #[test]
    fn reads_text_messages_and_counts_what_it_skips() {
        let parsed = parse_archive(FIXTURE);
        let ids: Vec<(usize, &str)> = parsed.records.iter().map(|(l, r)| (*l, r.msgid.as_str())).collect();
        assert_eq!(
            ids,
            [
                (1, "wa-0001"),
                (2, "wa-0002"),
                (3, "wa-0003"),
                (5, "wa-0005"),
                (7, "wa-0007"),
                (9, "wa-0009"),
                (12, "wa-0012")
            ]
        );
        let skipped: Vec<(&str, usize)> = parsed.skipped.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(skipped, [("image", 1), ("recall", 1), ("switch", 1), ("voice", 1)]);
        let errors: Vec<usize> = parsed.errors.iter().map(|e| e.line).collect();
        assert_eq!(errors, [10, 13, 14], "{:?}", parsed.errors);
        assert!(parsed.errors[0].message.contains("not JSON"), "{}", parsed.errors[0].message);
        assert!(parsed.errors[1].message.contains("msgtime"), "{}", parsed.errors[1].message);
        assert!(parsed.errors[2].message.contains("text.content"), "{}", parsed.errors[2].message);
    }

    #[test]
    fn maps_records_onto_chat_messages() {
        let parsed = parse_archive(FIXTURE);
        let first = &parsed.records[0].1;
        let names = |id: &str| match id {
            "zhoumin" => Some("周敏".to_string()),
            "lixiang" => Some("李想".to_string()),
            _ => None,
        };
        let msg = first.to_chat_message(names);
        assert_eq!(msg.chat, "wrOgQhDgAAcwMTB7YmDkbeBsgT_AAAAA");
        assert_eq!(msg.sender, "周敏");
        assert_eq!(msg.members, ["周敏", "李想", "wangfang"]);
        // 1772414400000 ms = 2026-03-02 01:20:00 UTC = 09:20 in Shanghai.
        assert_eq!(msg.ts.to_rfc3339(), "2026-03-02T09:20:00+08:00");
        assert_eq!(msg.text, "@李想 周五前把报价单发给客户");
        // A reply quoting an earlier message.
        let reply = parsed.records.iter().find(|(_, r)| r.msgid == "wa-0003").map(|(_, r)| r.to_chat_message(names));
        let quoted = reply.and_then(|m| m.reply_to).expect("quote");
        assert_eq!((quoted.sender.as_str(), quoted.text.as_str()), ("周敏", "谁能整理一下这周的会议纪要？"));
        // Markdown and the text items of a mixed message.
        let text_of = |id: &str| parsed.records.iter().find(|(_, r)| r.msgid == id).map(|(_, r)| r.text.clone());
        assert_eq!(text_of("wa-0007").as_deref(), Some("**周报**\n请大家周五下班前提交"));
        assert_eq!(text_of("wa-0009").as_deref(), Some("看下这个图\n@李想 明天改一下配色"));
        // One-to-one: both directions are the same chat.
        let single = parsed.records.iter().find(|(_, r)| r.msgid == "wa-0012").map(|(_, r)| r.chat_id());
        assert_eq!(single.as_deref(), Some("single:lixiang:zhoumin"));
    }

    #[test]
    fn detects_the_format() {
        assert!(looks_like_archive(FIXTURE));
        assert!(!looks_like_archive(
            r#"{"id": "d1", "chat": "app", "ts": "2026-01-05T09:20:00+08:00", "sender": "宋佳", "text": "好的"}"#
        ));
        assert!(!looks_like_archive("\n\n"));
        assert!(!looks_like_archive("{not json"));
    }

    #[test]
    fn rejects_bad_fields_with_reasons() {
        let base = serde_json::json!({"msgid": "m", "action": "send", "from": "a", "tolist": ["b"], "roomid": "",
            "msgtime": 1772414400000_i64, "msgtype": "text", "text": {"content": "x"}});
        assert!(matches!(parse_record(&base), Ok(Line::Message(_))));
        let with = |key: &str, value: Value| {
            let mut v = base.clone();
            v[key] = value;
            parse_record(&v).err().unwrap_or_default()
        };
        assert!(with("msgid", "".into()).contains("msgid"));
        assert!(with("action", "edit".into()).contains("unknown action"));
        assert!(with("from", 3.into()).contains("from"));
        assert!(with("tolist", "b".into()).contains("tolist"));
        assert!(with("msgtime", (-5).into()).contains("msgtime"));
        assert!(with("msgtime", "soon".into()).contains("msgtime"));
        assert!(with("text", serde_json::json!({"content": "长".repeat(MAX_TEXT_CHARS + 1)})).contains("longer"));
        // A string msgtime is accepted.
        let mut v = base.clone();
        v["msgtime"] = "1772414400000".into();
        assert!(matches!(parse_record(&v), Ok(Line::Message(r)) if r.msgtime == 1_772_414_400_000));
        // Blank text is skipped, not an error.
        let mut v = base;
        v["text"] = serde_json::json!({"content": "  "});
        assert_eq!(parse_record(&v), Ok(Line::Skipped("empty text".into())));
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_arbitrary_lines(s in ".{0,200}") {
            let _ = parse_archive(&s);
        }
    }
}
