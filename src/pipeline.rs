//! The understanding stage the workers run: task extraction plus the task lifecycle.
//!
//! Pure orchestration (no I/O): `ingest::worker` hands in a message with its context and files
//! what comes back.

use std::sync::Arc;

use crate::ingest::ChatMessage;
use crate::lifecycle::{self, Context, TaskDraft, Understand, Understanding};

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
        Understanding { tasks, updates }
    }
}
