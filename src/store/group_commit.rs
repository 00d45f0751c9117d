//! Group commit of task creations.
//!
//! Creations that arrive while another group is being written queue up here; whoever gets a
//! writer slot next takes everything queued (up to [`MAX_GROUP`]) and writes it in one
//! transaction: the task rows with one multi-row `INSERT … RETURNING`, then their owners,
//! `created` events and audit rows with one multi-row insert each. A group of any size costs
//! the same ~7 statements, where one creation alone used to cost 5 inside its transaction plus
//! an audit statement after it.
//!
//! Each caller still gets its own answer, sent only after the commit that holds its rows
//! (durability as configured for the store; SQLite runs WAL with `synchronous=NORMAL`). An
//! item that cannot be written (project not in its workspace, bad placeholder owner name) gets
//! its own error and is left out of the group; when a statement of the group fails, the group
//! is rolled back and every item is retried alone, so one bad item fails only itself.
//!
//! SQLite has one writer slot (it has one writer anyway). PostgreSQL has [`PG_WRITERS`]: with
//! one, every group waits for the round trips of the one before, which on a busy machine made
//! it slower than the concurrent single transactions it replaced (measured in
//! `docs/performance.md`).
//!
//! The group is written by a spawned task holding the writer slot, so a caller that goes away
//! (a client disconnecting) never cancels the writes of the others.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::oneshot;

use crate::store::members::{
    MEMBER_EXISTS, Member, NewMember, check_name, insert_member, map_unique, members_of, pick_by_name,
};
use crate::store::tasks::{Cause, NewTask, Owner, Task, due_sort, fmt_date, fmt_time};
use crate::store::{Backend, Error, Result, Status, Store, WriteTx, now_ms, to_json_list};

/// Most creations written by one transaction (18 bind values a task row: far below SQLite's
/// 32,766 and PostgreSQL's 65,535 bind-value limits).
pub const MAX_GROUP: usize = 256;

/// Groups written at the same time on PostgreSQL.
pub const PG_WRITERS: usize = 4;

/// The audit row to write with a creation, in the same transaction.
#[derive(Debug, Clone)]
pub struct CreateAudit {
    /// Who acted (`token:3`, `token:3/member:7`).
    pub actor: String,
    /// The caller's role.
    pub role: String,
    /// The audit action, e.g. `task.create`.
    pub action: String,
    /// Renders the audit row's `after` JSON from the created task.
    pub after: fn(&Task) -> Option<String>,
}

/// A validated creation waiting to be written.
#[derive(Debug, Clone)]
pub(crate) struct PendingTask {
    pub workspace_id: i64,
    /// The checked title and tags (the originals in `new` are not used).
    pub title: String,
    pub tags: Vec<String>,
    pub new: NewTask,
    pub cause: Cause,
    pub audit: Option<CreateAudit>,
}

struct Job {
    item: PendingTask,
    reply: oneshot::Sender<Result<Task>>,
}

/// The queue of creations and the slots of the writers of the next groups.
pub(crate) struct GroupCommit {
    queue: std::sync::Mutex<VecDeque<Job>>,
    writers: Arc<tokio::sync::Semaphore>,
    /// How many writer slots there are.
    slots: usize,
    /// Committed groups that wrote at least one task, and the tasks they wrote.
    groups: AtomicU64,
    tasks: AtomicU64,
}

impl std::fmt::Debug for GroupCommit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GroupCommit").finish_non_exhaustive()
    }
}

impl GroupCommit {
    /// A queue written by `writers` groups at a time.
    pub(crate) fn new(writers: usize) -> GroupCommit {
        GroupCommit {
            queue: std::sync::Mutex::default(),
            writers: Arc::new(tokio::sync::Semaphore::new(writers.max(1))),
            slots: writers.max(1),
            groups: AtomicU64::new(0),
            tasks: AtomicU64::new(0),
        }
    }

    fn push(&self, job: Job) {
        self.queue.lock().unwrap_or_else(|e| e.into_inner()).push_back(job);
    }

    fn take(&self) -> Vec<Job> {
        let mut queue = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        let n = queue.len().min(MAX_GROUP);
        queue.drain(..n).collect()
    }
}

/// The answer for a job whose writer went away without answering (a panic in the writer).
fn writer_gone() -> Error {
    Error::Sqlx(sqlx::Error::WorkerCrashed)
}

/// The rows a successful group wrote, per item: the task or the item's own error.
type GroupOutcome = Vec<Result<Task>>;

impl Store {
    /// How many group commits wrote tasks since the store was opened, and how many tasks they
    /// wrote (their ratio is the mean group size).
    pub fn group_commit_stats(&self) -> (u64, u64) {
        (self.group.groups.load(Ordering::Relaxed), self.group.tasks.load(Ordering::Relaxed))
    }

    /// Creations queued and not yet taken by a writer.
    pub fn queued_creations(&self) -> usize {
        self.group.queue.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Holds every writer slot until the returned guard is dropped: creations queue up
    /// meanwhile and are written in groups after. For tests that need grouping to happen
    /// whatever the machine's speed, and for a maintenance pause of task creation.
    pub async fn pause_group_commits(&self) -> Result<tokio::sync::OwnedSemaphorePermit> {
        let slots = u32::try_from(self.group.slots).unwrap_or(u32::MAX);
        self.group.writers.clone().acquire_many_owned(slots).await.map_err(|_| writer_gone())
    }

    /// Queues a creation and waits for the commit that holds it.
    pub(crate) async fn submit_creation(&self, item: PendingTask) -> Result<Task> {
        // Spawned: a caller that goes away must not leave its job queued until the next
        // creation comes (it is written, as a started transaction would have been).
        let store = self.clone();
        tokio::spawn(async move { store.queue_and_wait(item).await }).await.unwrap_or_else(|_| Err(writer_gone()))
    }

    async fn queue_and_wait(&self, item: PendingTask) -> Result<Task> {
        let (reply, mut answer) = oneshot::channel();
        self.group.push(Job { item, reply });
        loop {
            tokio::select! {
                biased;
                done = &mut answer => return done.unwrap_or_else(|_| Err(writer_gone())),
                slot = self.group.writers.clone().acquire_owned() => {
                    let Ok(slot) = slot else { return Err(writer_gone()) };
                    let jobs = self.group.take();
                    if jobs.is_empty() {
                        // Our job was taken by another writer: its answer is there or on its way.
                        drop(slot);
                        return answer.await.unwrap_or_else(|_| Err(writer_gone()));
                    }
                    let store = self.clone();
                    tokio::spawn(async move {
                        store.commit_group(jobs).await;
                        drop(slot);
                    });
                }
            }
        }
    }

    async fn commit_group(&self, jobs: Vec<Job>) {
        let (items, replies): (Vec<PendingTask>, Vec<_>) = jobs.into_iter().map(|j| (j.item, j.reply)).unzip();
        if items.len() > 1 {
            match self.write_group(&items).await {
                Ok(outcome) => {
                    for (reply, result) in replies.into_iter().zip(outcome) {
                        let _ = reply.send(result);
                    }
                    return;
                }
                Err(e) => tracing::debug!("group of {} creations failed ({e}); writing each alone", items.len()),
            }
        }
        for (item, reply) in items.iter().zip(replies) {
            let _ = reply.send(self.write_alone(item).await);
        }
    }

    /// Writes one creation in its own transaction.
    async fn write_alone(&self, item: &PendingTask) -> Result<Task> {
        let mut tries = 0;
        loop {
            tries += 1;
            let result = match self.write_group(std::slice::from_ref(item)).await {
                Ok(mut outcome) => outcome.pop().unwrap_or_else(|| Err(writer_gone())),
                Err(e) => Err(e),
            };
            match result {
                // Another writer (a concurrent group on PostgreSQL, another process) inserted the
                // same placeholder member first; it has committed (our insert waited for it), so
                // the roster read again inside the next transaction has it.
                Err(Error::Conflict(m)) if m == MEMBER_EXISTS && tries < 3 => continue,
                other => return other,
            }
        }
    }

    /// Writes a group in one transaction. `Err` means the transaction failed (nothing written);
    /// otherwise each item has its task or its own error, and the group is committed.
    async fn write_group(&self, items: &[PendingTask]) -> Result<GroupOutcome> {
        let mut tx = self.begin_write().await?;
        let mut outcome: Vec<Option<Result<Task>>> = (0..items.len()).map(|_| None).collect();

        // 1. Projects: each item's project must be in its workspace (on PostgreSQL the rows are
        //    share-locked so that they cannot be deleted before the commit).
        let mut project_ids: Vec<i64> = items.iter().map(|i| i.new.project_id).collect();
        project_ids.sort_unstable();
        project_ids.dedup();
        let lock = if self.backend() == Backend::Postgres { " FOR SHARE" } else { "" };
        let list: Vec<String> = project_ids.iter().map(i64::to_string).collect();
        // Ids are integers, so inlining them is safe.
        let projects: Vec<(i64, i64)> =
            sqlx::query_as(&format!("SELECT id, workspace_id FROM projects WHERE id IN ({}){lock}", list.join(", ")))
                .fetch_all(&mut *tx)
                .await?;
        for (slot, item) in outcome.iter_mut().zip(items) {
            if !projects.contains(&(item.new.project_id, item.workspace_id)) {
                *slot = Some(Err(Error::NotFound("project")));
            }
        }

        // 2. Owners, against the cached roster; placeholders for names never seen.
        let mut rosters = Rosters::default();
        let mut owners: Vec<Vec<Owner>> = vec![Vec::new(); items.len()];
        for (i, item) in items.iter().enumerate() {
            if outcome[i].is_some() || item.new.owners.is_empty() {
                continue;
            }
            match rosters.resolve(self, &mut tx, item.workspace_id, &item.new.owners).await? {
                Ok(o) => owners[i] = o,
                Err(e) => outcome[i] = Some(Err(e)),
            }
        }

        // 3. The task rows, one statement.
        let live: Vec<usize> = (0..items.len()).filter(|&i| outcome[i].is_none()).collect();
        let now = now_ms();
        let ids = if live.is_empty() { Vec::new() } else { insert_tasks(&mut tx, items, &live, now).await? };
        let mut tasks: Vec<Task> = Vec::with_capacity(live.len());
        for (&i, id) in live.iter().zip(ids) {
            let item = &items[i];
            tasks.push(Task {
                id,
                project_id: item.new.project_id,
                stage_id: item.new.stage_id,
                title: item.title.clone(),
                description: item.new.description.clone(),
                due_date: item.new.due_date,
                due_time: item.new.due_time,
                priority: item.new.priority,
                status: item.new.status,
                tags: item.tags.clone(),
                source_chat: item.new.source_chat.clone(),
                source_message: item.new.source_message.clone(),
                confidence: item.new.confidence,
                evidence: item.new.evidence.clone(),
                created_by: item.cause.actor.clone(),
                created_at: now,
                updated_at: now,
                done_at: done_at(item.new.status, now),
                owners: std::mem::take(&mut owners[i]),
            });
        }

        // 4. Owners, events and audit rows, one statement each.
        if !tasks.is_empty() {
            insert_owner_rows(&mut tx, &tasks).await?;
            insert_created_events(&mut tx, items, &live, &tasks, now).await?;
            insert_audit_rows(&mut tx, items, &live, &tasks, now).await?;
        }
        tx.commit().await?;
        if !tasks.is_empty() {
            self.group.groups.fetch_add(1, Ordering::Relaxed);
            self.group.tasks.fetch_add(tasks.len() as u64, Ordering::Relaxed);
        }
        if rosters.inserted {
            self.roster.invalidate();
        }
        for (&i, task) in live.iter().zip(tasks) {
            outcome[i] = Some(Ok(task));
        }
        Ok(outcome.into_iter().map(|o| o.unwrap_or_else(|| Err(writer_gone()))).collect())
    }
}

fn done_at(status: Status, now: i64) -> Option<i64> {
    if status == Status::Done { Some(now) } else { None }
}

/// The rosters a group resolves owners against: from the store's cache, reloaded inside the
/// write transaction when a name is not found (another writer may have added the member).
#[derive(Default)]
struct Rosters {
    by_workspace: HashMap<i64, (Vec<Member>, bool)>,
    /// Whether this transaction inserted placeholder members (the cache is then invalidated
    /// after the commit, and rosters read after the insert are not cached).
    inserted: bool,
}

impl Rosters {
    /// The owners for `names`. The outer `Err` is a database failure (the group must be
    /// retried item by item); the inner one is this item's own error, found before it wrote
    /// anything.
    async fn resolve(
        &mut self,
        store: &Store,
        tx: &mut WriteTx,
        workspace_id: i64,
        names: &[String],
    ) -> Result<Result<Vec<Owner>>> {
        if !self.by_workspace.contains_key(&workspace_id) {
            let roster = match store.roster.get(workspace_id) {
                Some(cached) => (cached.as_ref().clone(), false),
                None => (self.load(store, tx, workspace_id).await?, true),
            };
            self.by_workspace.insert(workspace_id, roster);
        }
        let fresh = self.by_workspace.get(&workspace_id).is_some_and(|(_, fresh)| *fresh);
        let misses = |roster: &[Member]| names.iter().any(|n| pick_by_name(roster, n).is_none());
        if !fresh && self.by_workspace.get(&workspace_id).is_some_and(|(r, _)| misses(r)) {
            let roster = self.load(store, tx, workspace_id).await?;
            self.by_workspace.insert(workspace_id, (roster, true));
        }
        // Every name that needs a placeholder must be a valid member name before anything is
        // inserted, so that a failing item leaves no placeholder behind.
        let Some((roster, _)) = self.by_workspace.get_mut(&workspace_id) else {
            return Err(writer_gone());
        };
        for name in names {
            if pick_by_name(roster, name).is_none()
                && let Err(e) = check_name(name)
            {
                return Ok(Err(e));
            }
        }
        let mut owners: Vec<Owner> = Vec::new();
        for name in names {
            let member = match pick_by_name(roster, name) {
                Some(m) => m.clone(),
                None => {
                    let new = NewMember { name: name.clone(), placeholder: true, ..NewMember::default() };
                    let m = insert_member(tx, workspace_id, &new).await?;
                    self.inserted = true;
                    roster.push(m.clone());
                    m
                }
            };
            if !owners.iter().any(|o| o.member_id == member.id) {
                owners.push(Owner { member_id: member.id, name: member.name });
            }
        }
        Ok(Ok(owners))
    }

    /// Reads the roster inside the transaction; caches it unless this transaction has written
    /// members (they are not committed yet).
    async fn load(&self, store: &Store, tx: &mut WriteTx, workspace_id: i64) -> Result<Vec<Member>> {
        let generation = store.roster.generation();
        let roster = members_of(tx, workspace_id).await?;
        if !self.inserted {
            store.roster.put(workspace_id, generation, Arc::new(roster.clone()));
        }
        Ok(roster)
    }
}

/// Inserts the task rows of `items[live]` in one statement; returns their ids in `live` order.
async fn insert_tasks(tx: &mut WriteTx, items: &[PendingTask], live: &[usize], now: i64) -> Result<Vec<i64>> {
    const COLS: usize = 17;
    let mut values: Vec<String> = Vec::with_capacity(live.len());
    for k in 0..live.len() {
        let base = 1 + k * COLS;
        let ps: Vec<String> = (base..base + COLS).map(|p| format!("${p}")).collect();
        // created_at and updated_at are the same value.
        values.push(format!(
            "({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {})",
            ps[0],
            ps[1],
            ps[2],
            ps[3],
            ps[4],
            ps[5],
            ps[6],
            ps[7],
            ps[8],
            ps[9],
            ps[10],
            ps[11],
            ps[12],
            ps[13],
            ps[14],
            ps[14],
            ps[15],
            ps[16]
        ));
    }
    let sql = format!(
        "INSERT INTO tasks (project_id, stage_id, title, description, due_date, due_time, priority, status, tags, \
         source_chat, source_message, confidence, evidence, created_by, created_at, updated_at, done_at, due_sort) \
         VALUES {} RETURNING id, title",
        values.join(", ")
    );
    let mut q = sqlx::query_as::<_, (i64, String)>(&sql);
    for &i in live {
        let item = &items[i];
        let new = &item.new;
        q = q
            .bind(new.project_id)
            .bind(new.stage_id)
            .bind(item.title.clone())
            .bind(new.description.clone())
            .bind(fmt_date(new.due_date))
            .bind(fmt_time(new.due_time))
            .bind(new.priority.as_str())
            .bind(new.status.as_str())
            .bind(to_json_list(&item.tags))
            .bind(new.source_chat.clone())
            .bind(new.source_message.clone())
            .bind(new.confidence)
            .bind(new.evidence.clone())
            .bind(item.cause.actor.clone())
            .bind(now)
            .bind(done_at(new.status, now))
            .bind(due_sort(new.due_date));
    }
    let res = q.fetch_all(&mut **tx).await;
    let mut rows = map_unique(res, "this chat message already produced a task with this title")?;
    // Both backends hand out ids in the order of the VALUES rows (SQLite: AUTOINCREMENT under
    // the write lock; PostgreSQL: one nextval per row, in order), but neither promises the
    // order of RETURNING rows: sort by id, then check each row against its title.
    rows.sort_unstable_by_key(|r| r.0);
    if rows.len() != live.len() || rows.iter().zip(live).any(|(r, &i)| r.1 != items[i].title) {
        return Err(Error::Invalid(format!(
            "group insert returned {} rows for {} tasks in an unexpected order",
            rows.len(),
            live.len()
        )));
    }
    Ok(rows.into_iter().map(|r| r.0).collect())
}

async fn insert_owner_rows(tx: &mut WriteTx, tasks: &[Task]) -> Result<()> {
    // Ids are integers we produced ourselves, so inlining them is safe.
    let values: Vec<String> =
        tasks.iter().flat_map(|t| t.owners.iter().map(move |o| format!("({}, {})", t.id, o.member_id))).collect();
    if values.is_empty() {
        return Ok(());
    }
    sqlx::query(&format!("INSERT INTO task_owners (task_id, member_id) VALUES {}", values.join(", ")))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

async fn insert_created_events(
    tx: &mut WriteTx,
    items: &[PendingTask],
    live: &[usize],
    tasks: &[Task],
    now: i64,
) -> Result<()> {
    // $1 is the shared timestamp, then 4 values per row: task_id, actor, new_value, message_id.
    let values: Vec<String> = (0..tasks.len())
        .map(|k| {
            let b = 2 + k * 4;
            format!("(${b}, ${}, 'created', NULL, NULL, ${}, ${}, $1)", b + 1, b + 2, b + 3)
        })
        .collect();
    let sql = format!(
        "INSERT INTO task_events (task_id, actor, kind, field, old_value, new_value, message_id, created_at) VALUES {}",
        values.join(", ")
    );
    let mut q = sqlx::query(&sql).bind(now);
    for (&i, task) in live.iter().zip(tasks) {
        let cause = &items[i].cause;
        q = q.bind(task.id).bind(cause.actor.clone()).bind(task.title.clone()).bind(cause.message_id.clone());
    }
    q.execute(&mut **tx).await?;
    Ok(())
}

async fn insert_audit_rows(
    tx: &mut WriteTx,
    items: &[PendingTask],
    live: &[usize],
    tasks: &[Task],
    now: i64,
) -> Result<()> {
    let audited: Vec<(&CreateAudit, &Task)> =
        live.iter().zip(tasks).filter_map(|(&i, t)| items[i].audit.as_ref().map(|a| (a, t))).collect();
    if audited.is_empty() {
        return Ok(());
    }
    // $1 is the shared timestamp, then 6 values per row.
    let values: Vec<String> = (0..audited.len())
        .map(|k| {
            let b = 2 + k * 6;
            format!("(${b}, ${}, ${}, ${}, 'task', ${}, NULL, ${}, $1)", b + 1, b + 2, b + 3, b + 4, b + 5)
        })
        .collect();
    let sql = format!(
        "INSERT INTO audit_log (workspace_id, actor, role, action, target_kind, target_id, before_json, after_json, \
         created_at) VALUES {}",
        values.join(", ")
    );
    let mut q = sqlx::query(&sql).bind(now);
    for (&i, task) in live.iter().zip(tasks) {
        let Some(audit) = &items[i].audit else { continue };
        q = q
            .bind(items[i].workspace_id)
            .bind(audit.actor.clone())
            .bind(audit.role.clone())
            .bind(audit.action.clone())
            .bind(task.id.to_string())
            .bind((audit.after)(task));
    }
    q.execute(&mut **tx).await?;
    Ok(())
}
