//! JSONL glue: message lines in, prediction lines out (input order; bad lines reported by number).

use super::{Extractor, Message};
use crate::model::tagging::Tagger;

/// Runs the extractor on every JSONL line; returns output lines and `(1-based line, error)` pairs.
pub fn run_extract_jsonl(
    input: &str,
    extractor: &Extractor,
    tagger: Option<&dyn Tagger>,
) -> (String, Vec<(usize, String)>) {
    let mut out = String::new();
    let mut errs = Vec::new();
    for (i, line) in input.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Message>(line) {
            Ok(msg) => {
                let tasks: Vec<serde_json::Value> = extractor
                    .extract(&msg, tagger)
                    .into_iter()
                    .map(|t| {
                        serde_json::json!({
                            "title": t.title, "owners": t.owners,
                            "due_date": t.due_date.map(|d| d.format("%Y-%m-%d").to_string()),
                            "due_time": t.due_time.map(|d| d.format("%H:%M").to_string()),
                            "priority": t.priority, "confidence": t.confidence, "evidence": t.evidence,
                        })
                    })
                    .collect();
                out.push_str(&serde_json::json!({"id": msg.id, "tasks": tasks}).to_string());
                out.push('\n');
            }
            Err(e) => errs.push((i + 1, e.to_string())),
        }
    }
    (out, errs)
}
