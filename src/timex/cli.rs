//! JSONL glue for the `timex` CLI subcommand: one `{"text": …, "ref": RFC3339}` per line in, one
//! `{"text", "value", "grain", "expressions": [...]}` per line out. Bad lines become error entries
//! (1-based line number, message); the other lines are still processed.

use super::{Grain, Kind, analyze};
use chrono::{DateTime, NaiveDateTime};
use serde::Deserialize;
use serde_json::{Value, json};

/// Why one input line could not be processed.
#[derive(Debug, thiserror::Error)]
pub enum LineError {
    /// Not a JSON object with `text` and `ref`.
    #[error("bad JSON: {0}")]
    BadJson(String),
    /// `ref` is not RFC 3339 (or a naive ISO datetime).
    #[error("bad ref time: {0}")]
    BadRef(String),
}

#[derive(Deserialize)]
struct Line {
    text: String,
    #[serde(rename = "ref")]
    reference: String,
}

/// Lowercase name of a grain.
pub fn grain_name(g: Grain) -> &'static str {
    match g {
        Grain::Year => "year",
        Grain::Quarter => "quarter",
        Grain::Month => "month",
        Grain::Week => "week",
        Grain::Day => "day",
        Grain::Hour => "hour",
        Grain::Minute => "minute",
    }
}

/// Lowercase name of a kind.
pub fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Deadline => "deadline",
        Kind::Point => "point",
        Kind::Range => "range",
        Kind::Duration => "duration",
        Kind::Urgency => "urgency",
    }
}

fn iso(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// Parses the reference: RFC 3339 with offset (local wall time kept) or a naive `YYYY-MM-DDTHH:MM:SS`.
pub fn parse_reference(s: &str) -> Option<NaiveDateTime> {
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.naive_local());
    }
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").ok()
}

/// Processes JSONL input; returns the output JSONL and the (line number, error) list.
pub fn run_jsonl(input: &str) -> (String, Vec<(usize, String)>) {
    let mut out = String::new();
    let mut errors = Vec::new();
    for (idx, raw) in input.lines().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let line: Line = match serde_json::from_str(raw) {
            Ok(l) => l,
            Err(e) => {
                errors.push((idx + 1, LineError::BadJson(e.to_string()).to_string()));
                continue;
            }
        };
        let Some(reference) = parse_reference(&line.reference) else {
            errors.push((idx + 1, LineError::BadRef(line.reference.clone()).to_string()));
            continue;
        };
        let a = analyze(&line.text, reference);
        let (value, grain) = match &a.deadline {
            Some(d) => match d.time {
                Some(t) => (
                    Value::String(format!("{}T{}", d.date.format("%Y-%m-%d"), t.format("%H:%M"))),
                    Value::String("minute".into()),
                ),
                None => (Value::String(d.date.format("%Y-%m-%d").to_string()), Value::String("day".into())),
            },
            None => (Value::Null, Value::Null),
        };
        let exprs: Vec<Value> = a
            .expressions
            .iter()
            .map(|e| {
                json!({"span": [e.span.0, e.span.1], "kind": kind_name(e.kind), "start": iso(e.start), "end": iso(e.end), "grain": grain_name(e.grain)})
            })
            .collect();
        let obj = json!({"text": line.text, "value": value, "grain": grain, "expressions": exprs, "urgent": a.urgent});
        out.push_str(&obj.to_string());
        out.push('\n');
    }
    (out, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_roundtrip_and_errors() {
        let input = "{\"text\": \"周五前交报告\", \"ref\": \"2026-03-02T09:12:00+08:00\"}\nnot json\n{\"text\": \"x\", \"ref\": \"bad\"}\n{\"text\": \"明天下午3点\", \"ref\": \"2026-03-02T09:12:00+08:00\"}\n";
        let (out, errs) = run_jsonl(input);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(errs.iter().map(|e| e.0).collect::<Vec<_>>(), vec![2, 3]);
        let v: Value = serde_json::from_str(lines.first().copied().unwrap_or("{}")).unwrap_or(Value::Null);
        assert_eq!(v["value"], "2026-03-06");
        assert_eq!(v["grain"], "day");
        assert_eq!(v["expressions"][0]["span"], json!([0, 3]));
        let v2: Value = serde_json::from_str(lines.get(1).copied().unwrap_or("{}")).unwrap_or(Value::Null);
        assert_eq!(v2["value"], "2026-03-03T15:00");
        assert_eq!(v2["grain"], "minute");
    }
}
