//! Seeded, reproducible generator of labelled Chinese work-group chat messages.
//!
//! Input: a [`GenConfig`] (count, seed, id prefix). Output: [`Sample`]s in the extraction
//! benchmark message schema plus gold `tasks`, a `class` (`new_task` / `status_update` /
//! `no_task`), char-offset `spans` (`task` / `owner` / `deadline`) into `text`, and `tags`.
//!
//! Invariants (tested): same config → identical samples (and byte-identical files); every span
//! lies on char boundaries inside `text`; `class == "new_task"` iff `tasks` is non-empty; owners
//! are roster names, `"@all"` or `[]`; a task with `due_date` has a deadline span unless its date
//! comes from the quoted message (tag `context`). Gold dates follow the README conventions:
//! the date is drawn first and only phrase types resolved exactly by [`deadline`] are rendered.
//! Only I/O: [`run_datagen`] writes `train.jsonl` / `valid.jsonl` atomically (.tmp + rename).

pub mod builder;
pub mod calendar;
pub mod deadline;
pub mod lexicon;
pub mod rng;
pub mod templates;

use std::collections::BTreeMap;
use std::fmt;
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// Errors of the generator (only file output can fail).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Writing output failed.
    #[error("io error on {path}: {source}")]
    Io {
        /// File involved.
        path: String,
        /// Underlying error.
        #[source]
        source: std::io::Error,
    },
    /// Serialising a sample failed.
    #[error("json error: {0}")]
    Json(#[from] serde_json::Error),
}

/// Generation settings.
#[derive(Debug, Clone)]
pub struct GenConfig {
    /// Number of samples.
    pub n: usize,
    /// Seed; same seed → same output.
    pub seed: u64,
    /// Prefix of sample ids (`g` → `g0000001`).
    pub id_prefix: String,
}

/// The quoted message of a reply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplyTo {
    /// Sender of the quoted message.
    pub sender: String,
    /// Text of the quoted message.
    pub text: String,
}

/// A gold task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    /// Short phrase from the message's own words.
    pub title: String,
    /// Roster names, `["@all"]` or `[]`.
    pub owners: Vec<String>,
    /// `YYYY-MM-DD` or null.
    pub due_date: Option<String>,
    /// `HH:MM` or null.
    pub due_time: Option<String>,
}

/// A labelled char-offset span into `text` (`end` exclusive).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Span {
    /// `task`, `owner` or `deadline`.
    pub label: String,
    /// Start char offset.
    pub start: usize,
    /// End char offset (exclusive).
    pub end: usize,
}

/// One labelled message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sample {
    /// Message id.
    pub id: String,
    /// Group id.
    pub chat: String,
    /// RFC 3339 with +08:00.
    pub ts: String,
    /// Sender display name.
    pub sender: String,
    /// Roster.
    pub members: Vec<String>,
    /// Quoted message or null.
    pub reply_to: Option<ReplyTo>,
    /// Message text.
    pub text: String,
    /// Gold tasks.
    pub tasks: Vec<Task>,
    /// `new_task`, `status_update` or `no_task`.
    pub class: String,
    /// Labelled spans (only for `new_task`).
    pub spans: Vec<Span>,
    /// Tags (README tags plus generator family tags).
    pub tags: Vec<String>,
    /// Deadline phrase kinds used (statistics only, not serialised).
    #[serde(skip)]
    pub dl_kinds: Vec<String>,
}

/// Distribution statistics of a generated corpus.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stats {
    /// Samples per file name.
    pub files: BTreeMap<String, usize>,
    /// Count per class.
    pub classes: BTreeMap<String, usize>,
    /// Count per tag.
    pub tags: BTreeMap<String, usize>,
    /// Count per deadline phrase kind.
    pub deadline_kinds: BTreeMap<String, usize>,
    /// Total samples.
    pub samples: usize,
    /// Total gold tasks.
    pub tasks: usize,
    /// Tasks with a due date.
    pub tasks_with_date: usize,
    /// Tasks with a due time.
    pub tasks_with_time: usize,
    /// Tasks with owners `[]`.
    pub tasks_unowned: usize,
    /// Samples with reply_to.
    pub replies: usize,
}

impl Stats {
    /// Add samples to the statistics.
    pub fn add(&mut self, samples: &[Sample]) {
        for s in samples {
            self.samples += 1;
            *self.classes.entry(s.class.clone()).or_default() += 1;
            for t in &s.tags {
                *self.tags.entry(t.clone()).or_default() += 1;
            }
            for k in &s.dl_kinds {
                *self.deadline_kinds.entry(k.clone()).or_default() += 1;
            }
            if s.reply_to.is_some() {
                self.replies += 1;
            }
            for t in &s.tasks {
                self.tasks += 1;
                self.tasks_with_date += usize::from(t.due_date.is_some());
                self.tasks_with_time += usize::from(t.due_time.is_some());
                self.tasks_unowned += usize::from(t.owners.is_empty());
            }
        }
    }
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.samples.max(1) as f64;
        writeln!(f, "samples {} files {:?} replies {}", self.samples, self.files, self.replies)?;
        for (k, v) in &self.classes {
            writeln!(f, "  class {k:<14} {v:>7} ({:.1}%)", *v as f64 * 100.0 / n)?;
        }
        writeln!(
            f,
            "  tasks {} with_date {} with_time {} unowned {}",
            self.tasks, self.tasks_with_date, self.tasks_with_time, self.tasks_unowned
        )?;
        for (k, v) in &self.tags {
            writeln!(f, "  tag {k:<14} {v:>7} ({:.1}%)", *v as f64 * 100.0 / n)?;
        }
        for (k, v) in &self.deadline_kinds {
            writeln!(f, "  deadline {k:<24} {v:>7}")?;
        }
        Ok(())
    }
}

/// Generate `config.n` samples deterministically from `config.seed`.
pub fn generate(config: &GenConfig) -> Vec<Sample> {
    let lex = lexicon::lex();
    (0..config.n)
        .map(|i| templates::sample(lex, config.seed, i as u64, format!("{}{:07}", config.id_prefix, i + 1)))
        .collect()
}

/// Serialise samples as JSONL bytes.
pub fn to_jsonl(samples: &[Sample]) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    for s in samples {
        serde_json::to_writer(&mut out, s)?;
        out.push(b'\n');
    }
    Ok(out)
}

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let tmp = path.with_extension("jsonl.tmp");
    let io = |e: std::io::Error, p: &Path| Error::Io { path: p.display().to_string(), source: e };
    let mut f = std::fs::File::create(&tmp).map_err(|e| io(e, &tmp))?;
    f.write_all(bytes).map_err(|e| io(e, &tmp))?;
    f.sync_all().map_err(|e| io(e, &tmp))?;
    std::fs::rename(&tmp, path).map_err(|e| io(e, path))?;
    Ok(())
}

/// Write `train.jsonl` (`n` samples, `seed`) and `valid.jsonl` (`max(n/25, 200)` samples, a
/// different seed) into `out_dir`, each atomically. Returns statistics over both.
pub fn run_datagen(out_dir: &Path, n: usize, seed: u64) -> Result<Stats, Error> {
    std::fs::create_dir_all(out_dir).map_err(|e| Error::Io { path: out_dir.display().to_string(), source: e })?;
    let mut stats = Stats::default();
    let nv = (n / 25).max(200);
    for (name, count, s, prefix) in
        [("train.jsonl", n, seed, "g"), ("valid.jsonl", nv, seed ^ 0xA5A5_5A5A_1234_8765, "v")]
    {
        let samples = generate(&GenConfig { n: count, seed: s, id_prefix: prefix.to_string() });
        write_atomic(&out_dir.join(name), &to_jsonl(&samples)?)?;
        stats.files.insert(name.to_string(), count);
        stats.add(&samples);
    }
    Ok(stats)
}

#[cfg(test)]
mod tests;
