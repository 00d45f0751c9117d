//! Task extraction: one chat message → the tasks a careful reader takes from it.
//!
//! Input: a [`Message`] (README input schema) and optionally a span [`Tagger`]. Output:
//! `Vec<ExtractedTask>` (title, owners, deadline, priority, confidence, evidence spans in the RAW
//! text). Pipeline: `normalize` → `segment` → `owners` → `timex` → rules (or tagger spans when a
//! tagger is given and `ExtractorConfig::use_tagger` is on). No I/O; never panics on input.

pub mod cli;
pub mod eval;
mod rules;

use crate::model::tagging::Tagger;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// The quoted (replied-to) message.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Quoted {
    /// Who wrote the quoted message.
    #[serde(default)]
    pub sender: String,
    /// Its text.
    #[serde(default)]
    pub text: String,
}

/// One input message (README input schema).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Message {
    /// Message id.
    pub id: String,
    /// Group id.
    #[serde(default)]
    pub chat: String,
    /// Send time with offset.
    pub ts: DateTime<FixedOffset>,
    /// Sender display name.
    #[serde(default)]
    pub sender: String,
    /// Roster.
    #[serde(default)]
    pub members: Vec<String>,
    /// Quoted message, if any.
    #[serde(default)]
    pub reply_to: Option<Quoted>,
    /// Message text.
    #[serde(default)]
    pub text: String,
}

/// Task priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Priority {
    /// Emergency.
    P0,
    /// Urgent.
    P1,
    /// Normal.
    P2,
    /// Low.
    P3,
}

/// What an evidence span supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EvidenceLabel {
    /// The task words.
    Task,
    /// An owner mention.
    Owner,
    /// The deadline expression.
    Deadline,
}

/// A char span `[start, end)` in the RAW message text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// Label.
    pub label: EvidenceLabel,
    /// Start char offset (raw text).
    pub start: usize,
    /// End char offset (raw text, exclusive).
    pub end: usize,
}

/// One extracted task.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExtractedTask {
    /// Short title close to the message words.
    pub title: String,
    /// Roster names or `["@all"]`.
    pub owners: Vec<String>,
    /// Due date.
    pub due_date: Option<NaiveDate>,
    /// Due clock time.
    pub due_time: Option<NaiveTime>,
    /// Priority.
    pub priority: Priority,
    /// Confidence 0..=1.
    pub confidence: f32,
    /// Evidence spans in the raw text.
    pub evidence: Vec<Evidence>,
    /// An owner reference could not be resolved uniquely.
    pub owner_ambiguous: bool,
}

/// Extractor settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExtractorConfig {
    /// Use the tagger when one is passed (the one switch for model vs rules).
    pub use_tagger: bool,
}

impl Default for ExtractorConfig {
    fn default() -> Self {
        ExtractorConfig { use_tagger: true }
    }
}

/// The extractor (stateless apart from its config).
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    /// Settings.
    pub config: ExtractorConfig,
}

impl Extractor {
    /// Extracts tasks from one message; `tagger` is used when given and enabled, rules otherwise
    /// (and when the tagger fails).
    pub fn extract(&self, msg: &Message, tagger: Option<&dyn Tagger>) -> Vec<ExtractedTask> {
        let ctx = rules::Context::new(msg);
        if let (Some(tg), true) = (tagger, self.config.use_tagger) {
            if let Some(tasks) = rules::from_tagger(&ctx, tg) {
                return tasks;
            }
        }
        rules::extract_rules(&ctx)
    }
}

#[cfg(test)]
mod tests;
