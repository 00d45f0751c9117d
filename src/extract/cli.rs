//! JSONL glue: message lines in, prediction lines out (input order; bad lines reported by number).

use super::{ExtractedTask, Extractor, Message};
use crate::model::tagging::Tagger;

/// Messages handed to the tagger at once.
const BATCH: usize = 512;

/// The output object of one message: `{"id", "tasks": [{title, owners, due_date, due_time,
/// priority, confidence, evidence}]}` (the `extract` CLI line and the `POST /v1/extract` item).
pub fn result_json(id: &str, tasks: &[ExtractedTask]) -> serde_json::Value {
    let tasks: Vec<serde_json::Value> = tasks
        .iter()
        .map(|t| {
            serde_json::json!({
                "title": t.title, "owners": t.owners,
                "due_date": t.due_date.map(|d| d.format("%Y-%m-%d").to_string()),
                "due_time": t.due_time.map(|d| d.format("%H:%M").to_string()),
                "priority": t.priority, "confidence": t.confidence, "evidence": t.evidence,
            })
        })
        .collect();
    serde_json::json!({"id": id, "tasks": tasks})
}

/// Runs the extractor on every JSONL line; returns output lines and `(1-based line, error)` pairs.
pub fn run_extract_jsonl(
    input: &str,
    extractor: &Extractor,
    tagger: Option<&dyn Tagger>,
) -> (String, Vec<(usize, String)>) {
    let mut out = String::new();
    let mut errs = Vec::new();
    let mut pending: Vec<Message> = Vec::new();
    let flush = |pending: &mut Vec<Message>, out: &mut String| {
        for (msg, tasks) in pending.iter().zip(extractor.extract_batch(pending, tagger)) {
            out.push_str(&result_json(&msg.id, &tasks).to_string());
            out.push('\n');
        }
        pending.clear();
    };
    for (i, line) in input.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Message>(line) {
            Ok(msg) => {
                pending.push(msg);
                if pending.len() >= BATCH {
                    flush(&mut pending, &mut out);
                }
            }
            Err(e) => errs.push((i + 1, e.to_string())),
        }
    }
    flush(&mut pending, &mut out);
    (out, errs)
}
