//! The understanding stage the workers run: task extraction plus the task lifecycle.
//!
//! Pure orchestration (no I/O): `ingest::worker` hands in a message with its context and files
//! what comes back.

use std::sync::Arc;

use crate::ingest::ChatMessage;
use crate::lifecycle::{self, Change, Context, TaskDraft, Understand, Understanding, Update};

/// Reads new tasks out of one message (the extractor).
pub trait Extract: Send + Sync {
    /// Tasks the message asks for or commits to, in order.
    fn extract(&self, msg: &ChatMessage, context: &Context) -> Vec<TaskDraft>;
}

/// Extraction and lifecycle together.
#[derive(Clone)]
pub struct Pipeline {
    extractor: Arc<dyn Extract>,
}

impl Pipeline {
    /// A pipeline over an extractor.
    pub fn new(extractor: Arc<dyn Extract>) -> Pipeline {
        Pipeline { extractor }
    }
}

impl Understand for Pipeline {
    fn understand(&self, msg: &ChatMessage, context: &Context) -> Understanding {
        let reference = msg.ts.naive_local();
        let updates = lifecycle::detect_updates(msg, context, reference);
        let mut tasks = self.extractor.extract(msg, context);
        // A message that updates a task is not also a new task with the same subject
        // ("接口文档推迟到周五" restates the task it moves).
        if !updates.is_empty() {
            let updated: Vec<&str> = updates
                .iter()
                .filter_map(|u| context.open_tasks.iter().find(|t| t.id == u.task_id))
                .map(|t| t.title.as_str())
                .collect();
            tasks.retain(|draft| updated.iter().all(|title| lifecycle::similarity(title, &draft.title) < 0.5));
        }
        let (tasks, restated) = fold_restatements(msg, context, tasks);
        Understanding { tasks, updates: [updates, restated].concat() }
    }
}

/// The digit runs of a text, in order.
fn numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            current.push(c);
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Turns drafts that restate an open task into updates of that task: a reply taking on an
/// unowned request ("我来" under "谁能…？"), or the same owner repeating a recent task with a new
/// date. Returns the drafts that are really new, and the updates.
fn fold_restatements(msg: &ChatMessage, context: &Context, drafts: Vec<TaskDraft>) -> (Vec<TaskDraft>, Vec<Update>) {
    let mut new = Vec::new();
    let mut updates = Vec::new();
    let recent = msg.ts.naive_local() - chrono::Duration::days(7);
    for draft in drafts {
        let target = context.open_tasks.iter().find(|t| {
            let similarity = lifecycle::similarity(&t.title, &draft.title);
            let replies_to_source =
                msg.reply_to.as_ref().is_some_and(|q| t.source_text.as_deref() == Some(q.text.as_str()));
            // Taking on an unowned request by replying to it.
            let takes_on = t.owners.is_empty() && !draft.owners.is_empty() && replies_to_source && similarity >= 0.6;
            // The same owner restating a recent task with a corrected date. Numbered items
            // (回访客户1 / 回访客户2) are different tasks however alike their titles are.
            let restates = !t.owners.is_empty()
                && t.owners == draft.owners
                && t.created_at >= recent
                && similarity >= 0.85
                && numbers(&t.title) == numbers(&draft.title)
                && draft.due_date.is_some();
            takes_on || restates
        });
        let Some(task) = target else {
            new.push(draft);
            continue;
        };
        if task.owners.is_empty() && !draft.owners.is_empty() {
            updates.push(Update {
                task_id: task.id,
                change: Change::Reassigned { owners: draft.owners.clone() },
                confidence: draft.confidence,
            });
        }
        if let Some(date) = draft.due_date {
            updates.push(Update {
                task_id: task.id,
                change: Change::Moved { date, time: draft.due_time },
                confidence: draft.confidence,
            });
        }
        if task.proposed {
            updates.push(Update { task_id: task.id, change: Change::Confirmed, confidence: draft.confidence });
        }
    }
    (new, updates)
}

/// The extractor the service uses: `extract::Extractor` (rules, with the shipped model tagger in
/// hybrid mode when one is found) behind the `Extract` trait.
pub struct ChatExtractor {
    extractor: crate::extract::Extractor,
    tagger: Option<Arc<dyn crate::model::tagging::Tagger>>,
}

impl ChatExtractor {
    /// Rules only.
    pub fn rules() -> ChatExtractor {
        ChatExtractor { extractor: crate::extract::Extractor::default(), tagger: None }
    }

    /// Rules plus a tagger in the default (hybrid) mode.
    pub fn with_tagger(tagger: Arc<dyn crate::model::tagging::Tagger>) -> ChatExtractor {
        ChatExtractor { extractor: crate::extract::Extractor::default(), tagger: Some(tagger) }
    }

    /// The service's choice: the shipped model when it loads ([`shipped_tagger`]), rules otherwise.
    pub fn shipped() -> ChatExtractor {
        match shipped_tagger() {
            Some(t) => ChatExtractor::with_tagger(t),
            None => ChatExtractor::rules(),
        }
    }

    /// Name of what extracts: `rules` or the model directory's name.
    pub fn name(&self) -> String {
        self.tagger.as_ref().map(|t| t.name().to_string()).unwrap_or_else(|| "rules".into())
    }

    /// Tasks of several messages in the benchmark schema (one batch through the model). CPU-bound:
    /// call it from a blocking thread, never on the async executor.
    pub fn extract_messages(&self, msgs: &[crate::extract::Message]) -> Vec<Vec<crate::extract::ExtractedTask>> {
        self.extractor.extract_batch(msgs, self.tagger.as_deref())
    }
}

/// Where the shipped model is looked for, in order: `CHAT2TASK_MODEL` (a model directory, or
/// `rules` for none), `models/fast` under the working directory, then `models/fast` in the
/// source tree the binary was built from.
pub fn model_dir() -> Option<std::path::PathBuf> {
    if let Ok(v) = std::env::var("CHAT2TASK_MODEL") {
        return (v != "rules" && !v.is_empty()).then(|| std::path::PathBuf::from(v));
    }
    let candidates =
        [std::path::PathBuf::from("models/fast"), std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models/fast")];
    candidates.into_iter().find(|p| p.join("model.safetensors").exists())
}

/// The shipped tagger, loaded once per process (`None`, with a warning in the log, when no
/// model directory is found or it does not load; extraction then runs on the rules alone).
pub fn shipped_tagger() -> Option<Arc<dyn crate::model::tagging::Tagger>> {
    static TAGGER: std::sync::OnceLock<Option<Arc<dyn crate::model::tagging::Tagger>>> = std::sync::OnceLock::new();
    TAGGER
        .get_or_init(|| {
            let dir = model_dir()?;
            match crate::model::TransformerTagger::load(&dir, &candle_core::Device::Cpu) {
                Ok(t) => {
                    tracing::info!(model = %dir.display(), "extraction model loaded");
                    Some(Arc::new(t) as Arc<dyn crate::model::tagging::Tagger>)
                }
                Err(e) => {
                    tracing::warn!(model = %dir.display(), error = %e, "extraction model not loaded; rules only");
                    None
                }
            }
        })
        .clone()
}

impl Extract for ChatExtractor {
    fn extract(&self, msg: &ChatMessage, _context: &Context) -> Vec<TaskDraft> {
        let message = crate::extract::Message {
            id: msg.id.clone(),
            chat: msg.chat.clone(),
            ts: msg.ts,
            sender: msg.sender.clone(),
            members: msg.members.clone(),
            reply_to: msg
                .reply_to
                .as_ref()
                .map(|q| crate::extract::Quoted { sender: q.sender.clone(), text: q.text.clone() }),
            text: msg.text.clone(),
        };
        self.extractor.extract(&message, self.tagger.as_deref()).into_iter().map(to_draft).collect()
    }
}

fn to_draft(task: crate::extract::ExtractedTask) -> TaskDraft {
    use crate::extract::Priority as P;
    TaskDraft {
        title: task.title,
        owners: task.owners,
        due_date: task.due_date,
        due_time: task.due_time,
        priority: match task.priority {
            P::P0 => crate::store::Priority::P0,
            P::P1 => crate::store::Priority::P1,
            P::P2 => crate::store::Priority::P2,
            P::P3 => crate::store::Priority::P3,
        },
        confidence: task.confidence,
        evidence: serde_json::to_value(&task.evidence).unwrap_or_default(),
        owner_ambiguous: task.owner_ambiguous,
    }
}

/// The extractor chosen for the service (see [`ChatExtractor::shipped`]).
pub fn service_extractor() -> Arc<dyn Extract> {
    Arc::new(ChatExtractor::shipped())
}
