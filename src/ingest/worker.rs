//! Background processing of archived messages: the understanding stage runs on a blocking
//! thread, its results are filed as tasks and task updates, and the message is marked processed.
//!
//! Idempotent by construction: a processed message is skipped, a task from a message is unique
//! per (chat, message, title), and re-applying an update that changes nothing writes no event.
//! So a crash between filing and marking (or a redelivery by NATS) files nothing twice.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDateTime;
use tokio::sync::Notify;

use crate::ingest::{ChatMessage, from_archive};
use crate::lifecycle::{Change, Context, OpenTask, Understand};
use crate::store::chats::{Chat, Message};
use crate::store::tasks::{Cause, NewTask, TaskPatch};
use crate::store::{self, Status, Store};

/// Tuning of the worker.
#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// Messages fetched per round; defaults to 64.
    pub batch: i64,
    /// Failed attempts before a message is parked (processed = 2); defaults to 5.
    pub max_attempts: i64,
    /// In `threshold` mode, tasks at or above this confidence are created `todo`, below it
    /// `proposed`; defaults to 0.7.
    pub confidence_threshold: f32,
    /// Messages of context handed to the pipeline; defaults to 5.
    pub context_messages: i64,
}

impl Default for WorkerConfig {
    fn default() -> Self {
        WorkerConfig { batch: 64, max_attempts: 5, confidence_threshold: 0.7, context_messages: 5 }
    }
}

/// What processing one message did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    pub created: Vec<i64>,
    pub updated: Vec<(i64, &'static str)>,
}

/// Processes archived messages with an understanding stage.
#[derive(Clone)]
pub struct Worker {
    store: Store,
    pipeline: Arc<dyn Understand>,
    config: WorkerConfig,
    wake: Arc<Notify>,
}

impl Worker {
    /// A worker over `store`; `wake` is notified by the doors when messages arrive.
    pub fn new(store: Store, pipeline: Arc<dyn Understand>, config: WorkerConfig, wake: Arc<Notify>) -> Worker {
        Worker { store, pipeline, config, wake }
    }

    /// Processes everything pending, then waits for a wake-up (or polls every second), forever.
    pub async fn run(self) {
        loop {
            match self.drain().await {
                Ok(0) => {
                    tokio::select! {
                        _ = self.wake.notified() => {},
                        _ = tokio::time::sleep(Duration::from_secs(1)) => {},
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "worker round failed; retrying");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    }

    /// Processes pending messages until none are left; returns how many were handled.
    pub async fn drain(&self) -> store::Result<usize> {
        let mut total = 0;
        loop {
            let pending = self.store.unprocessed_messages(self.config.batch).await?;
            if pending.is_empty() {
                return Ok(total);
            }
            // Chats and inbox projects are read once per batch, not once per message.
            let mut cache = BatchCache::default();
            for message in &pending {
                if let Err(e) = self.process(message, &mut cache).await {
                    tracing::warn!(message_id = message.id, error = %e, "processing failed");
                    self.store.mark_failed(message.id, &e.to_string(), self.config.max_attempts).await?;
                }
                total += 1;
            }
        }
    }

    /// Processes one message by its archive id (used by NATS workers); a processed message is
    /// left alone.
    pub async fn process_id(&self, message_id: i64) -> store::Result<Option<Outcome>> {
        let message = self.store.get_message(message_id).await?;
        if message.processed {
            return Ok(None);
        }
        match self.process(&message, &mut BatchCache::default()).await {
            Ok(outcome) => Ok(Some(outcome)),
            Err(e) => {
                self.store.mark_failed(message.id, &e.to_string(), self.config.max_attempts).await?;
                Err(e)
            }
        }
    }

    async fn process(&self, message: &Message, cache: &mut BatchCache) -> store::Result<Outcome> {
        let chat = cache.chat(&self.store, message.chat_id).await?;
        let Some(msg) = from_archive(message, &chat.external_id) else {
            self.store.mark_failed(message.id, "archived timestamp unreadable", 1).await?;
            return Ok(Outcome::default());
        };
        let project_id = match chat.project_id {
            Some(id) => id,
            None => cache.inbox(&self.store, chat.workspace_id).await?,
        };
        let context = self.context(&chat, message, project_id).await?;
        let pipeline = self.pipeline.clone();
        let msg_for_pipeline = msg.clone();
        let understanding = tokio::task::spawn_blocking(move || pipeline.understand(&msg_for_pipeline, &context))
            .await
            .map_err(|e| store::Error::Invalid(format!("pipeline panicked: {e}")))?;
        // (task, effect) pairs, recorded together with the processed mark at the end (and, when
        // filing fails half-way, for what was filed before the error).
        let mut effects: Vec<(i64, &'static str)> = Vec::new();
        match self.file(&chat, project_id, &msg, understanding, &mut effects).await {
            Ok(outcome) => {
                finish(&self.store, message.id, &effects, true).await?;
                Ok(outcome)
            }
            Err(e) => {
                if let Err(e2) = finish(&self.store, message.id, &effects, false).await {
                    tracing::warn!(message_id = message.id, error = %e2, "could not record effects");
                }
                Err(e)
            }
        }
    }

    /// Files what the pipeline understood: tasks created (and confirmed to the group), updates
    /// applied. Pushes each effect onto `effects` as soon as it happened.
    async fn file(
        &self,
        chat: &Chat,
        project_id: i64,
        msg: &ChatMessage,
        understanding: crate::lifecycle::Understanding,
        effects: &mut Vec<(i64, &'static str)>,
    ) -> store::Result<Outcome> {
        let cause = Cause { actor: "pipeline".into(), message_id: Some(format!("{}/{}", chat.external_id, msg.id)) };
        let mut outcome = Outcome::default();
        for draft in understanding.tasks {
            let status = match chat.mode.as_str() {
                "auto" => Status::Todo,
                "propose" => Status::Proposed,
                _ if draft.confidence >= self.config.confidence_threshold && !draft.owner_ambiguous => Status::Todo,
                _ => Status::Proposed,
            };
            let mut new = NewTask::new(project_id, &draft.title);
            new.owners = draft.owners;
            new.due_date = draft.due_date;
            new.due_time = draft.due_time;
            new.priority = draft.priority;
            new.status = status;
            new.source_chat = Some(chat.external_id.clone());
            new.source_message = Some(msg.id.clone());
            new.confidence = Some(f64::from(draft.confidence));
            new.evidence = draft.evidence.to_string();
            let (task, _created) = self.store.create_task(chat.workspace_id, &new, &cause).await?;
            effects.push((task.id, "created"));
            // Also when the task already existed: a rerun after a crash between filing and
            // confirming still confirms, and the outbox's dedupe key keeps it to one notice.
            self.confirm(chat, project_id, &task).await?;
            outcome.created.push(task.id);
        }
        for update in understanding.updates {
            let patch = match &update.change {
                Change::Confirmed => TaskPatch { status: Some(Status::Todo), ..TaskPatch::default() },
                Change::Done => TaskPatch { status: Some(Status::Done), ..TaskPatch::default() },
                Change::Cancelled => TaskPatch { status: Some(Status::Cancelled), ..TaskPatch::default() },
                Change::Started => TaskPatch { status: Some(Status::Doing), ..TaskPatch::default() },
                Change::Moved { date, time } => {
                    TaskPatch { due_date: Some(Some(*date)), due_time: Some(*time), ..TaskPatch::default() }
                }
                Change::Reassigned { owners } => TaskPatch { owners: Some(owners.clone()), ..TaskPatch::default() },
            };
            self.store.update_task(chat.workspace_id, update.task_id, &patch, &cause).await?;
            effects.push((update.task_id, update.change.name()));
            outcome.updated.push((update.task_id, update.change.name()));
        }
        Ok(outcome)
    }

    /// Tells the group what was filed ("已记录任务" / "待确认任务").
    async fn confirm(&self, chat: &Chat, project_id: i64, task: &crate::store::tasks::Task) -> store::Result<()> {
        let owners = task.owners_text("未指定");
        let due = task.due_text("%Y-%m-%d", "未指定");
        let title = if task.status == Status::Proposed {
            format!("待确认任务：{}（回复“确认”生效）", task.title)
        } else {
            format!("已记录任务：{}", task.title)
        };
        let lines = vec![format!("负责人：{owners}"), format!("截止：{due}")];
        let data = serde_json::json!({"task_id": task.id, "chat": chat.external_id, "status": task.status.as_str()});
        let key = format!("created:{}", task.id);
        crate::notify::notify_project(
            &self.store,
            chat.workspace_id,
            project_id,
            "confirmation",
            &title,
            &lines,
            &data,
            Some(&key),
        )
        .await?;
        Ok(())
    }

    async fn context(&self, chat: &Chat, message: &Message, project_id: i64) -> store::Result<Context> {
        let recent = self.store.recent_messages(chat.id, message.id, self.config.context_messages).await?;
        let recent: Vec<ChatMessage> = recent.iter().filter_map(|m| from_archive(m, &chat.external_id)).collect();
        // The newest open tasks, plus any created from the message being quoted.
        let quoted_ids = match msg_reply_text(message) {
            Some(text) => self.store.ids_by_text(chat.id, &text).await?,
            None => Vec::new(),
        };
        let tasks = self.store.open_tasks_for_linking(project_id, 100, &chat.external_id, &quoted_ids).await?;
        // Their source messages in this chat, in one query.
        let ids: Vec<String> = tasks
            .iter()
            .filter(|t| t.source_chat.as_deref() == Some(chat.external_id.as_str()))
            .filter_map(|t| t.source_message.clone())
            .collect();
        let sources = self.store.archived_by_ids(chat.id, &ids).await?;
        let mut open_tasks: Vec<OpenTask> = tasks
            .into_iter()
            .map(|task| {
                let source = task
                    .source_message
                    .as_ref()
                    .filter(|_| task.source_chat.as_deref() == Some(chat.external_id.as_str()))
                    .and_then(|m| sources.get(m));
                OpenTask {
                    id: task.id,
                    title: task.title,
                    owners: task.owners,
                    source_text: source.map(|s| s.0.clone()),
                    source_sender: source.map(|s| s.1.clone()),
                    created_at: local_time(task.created_at),
                    proposed: task.proposed,
                }
            })
            .collect();
        open_tasks.sort_by(|a, b| b.created_at.cmp(&a.created_at));
        Ok(Context { recent, open_tasks })
    }
}

/// What a drain round reads once and reuses for every message of the batch: chats by id and each
/// workspace's inbox project. A chat rebound while a batch runs takes effect with the next batch.
#[derive(Default)]
struct BatchCache {
    chats: HashMap<i64, Chat>,
    inbox: HashMap<i64, i64>,
}

impl BatchCache {
    async fn chat(&mut self, store: &Store, chat_id: i64) -> store::Result<Chat> {
        if let Some(chat) = self.chats.get(&chat_id) {
            return Ok(chat.clone());
        }
        type Row = (i64, i64, String, String, String, Option<i64>, String, i64);
        let row: Option<Row> = sqlx::query_as(
            "SELECT id, workspace_id, platform, external_id, name, project_id, mode, created_at FROM chats WHERE id = $1",
        )
        .bind(chat_id)
        .fetch_optional(store.pool())
        .await?;
        let r = row.ok_or(store::Error::NotFound("chat"))?;
        let chat = Chat {
            id: r.0,
            workspace_id: r.1,
            platform: r.2,
            external_id: r.3,
            name: r.4,
            project_id: r.5,
            mode: r.6,
            created_at: r.7,
        };
        self.chats.insert(chat_id, chat.clone());
        Ok(chat)
    }

    async fn inbox(&mut self, store: &Store, workspace_id: i64) -> store::Result<i64> {
        if let Some(id) = self.inbox.get(&workspace_id) {
            return Ok(*id);
        }
        let id = store.inbox_project(workspace_id).await?;
        self.inbox.insert(workspace_id, id);
        Ok(id)
    }
}

/// Records a message's effects and (with `processed`) marks it processed, in one write
/// transaction; a message with no effects is one autocommit update. Effects are unique per
/// (message, task, effect), so a rerun after a crash records nothing twice.
async fn finish(store: &Store, message_id: i64, effects: &[(i64, &str)], processed: bool) -> store::Result<()> {
    if effects.is_empty() {
        return if processed { store.mark_processed(message_id).await } else { Ok(()) };
    }
    let now = chrono::Utc::now().timestamp_millis();
    let mut tx = store.begin_write().await?;
    for (task_id, effect) in effects {
        sqlx::query(
            "INSERT INTO message_effects (message_id, task_id, effect, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (message_id, task_id, effect) DO NOTHING",
        )
        .bind(message_id)
        .bind(*task_id)
        .bind(effect.to_string())
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    if processed {
        sqlx::query("UPDATE messages SET processed = 1 WHERE id = $1").bind(message_id).execute(&mut *tx).await?;
    }
    tx.commit().await
}

/// The quoted text of an archived message, if it replies to one.
fn msg_reply_text(message: &Message) -> Option<String> {
    let quoted: crate::ingest::Quoted = serde_json::from_str(message.reply_to.as_deref()?).ok()?;
    Some(quoted.text)
}

/// Unix milliseconds as Asia/Shanghai local time.
fn local_time(ms: i64) -> NaiveDateTime {
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .with_timezone(&store::stats::shanghai())
        .naive_local()
}
