//! A workspace's task history replayed to any past moment, for training its own delay-risk model
//! on features *as they were* when a prediction would have been made — never from the future.
//!
//! The store keeps each task as it is now plus an event per changed field. Rewinding a task to
//! moment `t` undoes, newest first, every change made after `t`. Owner load, on-time record,
//! stage progress, reschedules and mentions at `t` are then counted over the rewound tasks and
//! handed to [`super::features`], the same function live predictions use. Pure: no I/O.
//!
//! Training rows ("prediction moments") of a finished task with a due date are taken on a fixed
//! schedule that does not depend on when the task finished: at creation, halfway from creation
//! to the end of the due day, and one day before the end of the due day — each kept only while
//! the task was still open and its due day not yet over (as the risk scan sees open tasks).
//! The label is whether it was finished after its (final) due date, as in `owner_stats`.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{TaskFacts, features};
use crate::risk::RiskFeatures;
use crate::store::stats::{OwnerStats, RiskHistory, local_date, shanghai};
use crate::store::{Priority, Status};

const DAY_MS: i64 = 86_400_000;

/// The fields risk features depend on, as they were at some moment.
#[derive(Debug, Clone, PartialEq)]
struct State {
    status: Status,
    due: Option<NaiveDate>,
    priority: Priority,
    stage: Option<i64>,
    owners: Vec<i64>,
    has_tags: bool,
}

/// One value of a changed field.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Status(Status),
    Due(Option<NaiveDate>),
    Priority(Priority),
    Stage(Option<i64>),
    Owners(Vec<i64>),
    HasTags(bool),
}

#[derive(Debug, Clone, PartialEq)]
struct Change {
    at: i64,
    old: Value,
    new: Value,
}

#[derive(Debug, Clone)]
struct TaskLife {
    id: i64,
    created_at: i64,
    done_at: Option<i64>,
    now: State,
    /// Oldest first.
    changes: Vec<Change>,
    /// When messages touched the task, ascending.
    mentions: Vec<i64>,
}

fn parse_date(s: Option<&str>) -> Option<NaiveDate> {
    s.and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
}

impl State {
    fn set(&mut self, value: &Value) {
        match value {
            Value::Status(s) => self.status = *s,
            Value::Due(d) => self.due = *d,
            Value::Priority(p) => self.priority = *p,
            Value::Stage(s) => self.stage = *s,
            Value::Owners(o) => self.owners.clone_from(o),
            Value::HasTags(t) => self.has_tags = *t,
        }
    }
}

impl TaskLife {
    /// The task as it was at `t`; `None` before it existed.
    fn state_at(&self, t: i64) -> Option<State> {
        if t < self.created_at {
            return None;
        }
        let mut state = self.now.clone();
        for change in self.changes.iter().rev().take_while(|c| c.at > t) {
            state.set(&change.old);
        }
        Some(state)
    }

    /// When the task (done at `t`) was finished: its last change to done up to `t`.
    fn done_moment(&self, t: i64) -> i64 {
        self.changes
            .iter()
            .rev()
            .filter(|c| c.at <= t && c.new == Value::Status(Status::Done))
            .map(|c| c.at)
            .next()
            .or(self.done_at)
            .unwrap_or(self.created_at)
    }

    fn reschedules_at(&self, t: i64) -> u32 {
        let n = self.changes.iter().filter(|c| c.at <= t && matches!(c.old, Value::Due(Some(_)))).count();
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    fn mentions_at(&self, t: i64) -> u32 {
        u32::try_from(self.mentions.partition_point(|m| *m <= t)).unwrap_or(u32::MAX)
    }
}

/// One training row: features at a past moment and whether the task finished late.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// Index of the finished task in finish order (0 = finished first).
    pub task_rank: usize,
    /// The prediction moment (Unix ms).
    pub at: i64,
    pub features: RiskFeatures,
    pub late: bool,
}

/// Rows for fitting and evaluating a workspace model, in time order (tasks by finish time, then
/// moments).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TrainingSet {
    pub samples: Vec<Sample>,
    /// Finished tasks with a due date that gave at least one row.
    pub finished_tasks: usize,
    /// Of those, finished after their due date.
    pub late_tasks: usize,
    /// Days late of every late task, for the lateness bands.
    pub days_late: Vec<f64>,
}

/// A workspace's tasks, rewindable to any moment.
#[derive(Debug, Clone, Default)]
pub struct History {
    tasks: Vec<TaskLife>,
    /// Member → tasks that member ever owned.
    by_member: HashMap<i64, Vec<usize>>,
    /// Stage → tasks that were ever in it.
    by_stage: HashMap<i64, Vec<usize>>,
}

impl History {
    /// Builds the replayable history from the store's rows. Changes that cannot be read (an
    /// unknown status, a malformed date) are skipped; owners named in old events that are no
    /// longer members are dropped.
    pub fn new(rows: &RiskHistory) -> History {
        let names: HashMap<&str, i64> = rows.members.iter().map(|(id, name)| (name.as_str(), *id)).collect();
        let owners_of = |json: Option<&str>| -> Vec<i64> {
            let list: Vec<String> = json.and_then(|j| serde_json::from_str(j).ok()).unwrap_or_default();
            list.iter().filter_map(|n| names.get(n.as_str()).copied()).collect()
        };
        let mut index: HashMap<i64, usize> = HashMap::new();
        let mut tasks = Vec::with_capacity(rows.tasks.len());
        for t in &rows.tasks {
            let Ok(status) = t.status.parse::<Status>() else { continue };
            index.insert(t.id, tasks.len());
            tasks.push(TaskLife {
                id: t.id,
                created_at: t.created_at,
                done_at: t.done_at,
                now: State {
                    status,
                    due: parse_date(t.due_date.as_deref()),
                    priority: t.priority.parse().unwrap_or(Priority::P2),
                    stage: t.stage_id,
                    owners: Vec::new(),
                    has_tags: !t.tags.is_empty(),
                },
                changes: Vec::new(),
                mentions: Vec::new(),
            });
        }
        for (task_id, member_id) in &rows.owners {
            if let Some(life) = index.get(task_id).and_then(|i| tasks.get_mut(*i)) {
                life.now.owners.push(*member_id);
            }
        }
        for c in &rows.changes {
            let Some(life) = index.get(&c.task_id).and_then(|i| tasks.get_mut(*i)) else { continue };
            let (old, new) = (c.old_value.as_deref(), c.new_value.as_deref());
            let pair = match c.field.as_str() {
                "status" => match (old.and_then(|s| s.parse().ok()), new.and_then(|s| s.parse().ok())) {
                    (Some(o), Some(n)) => Some((Value::Status(o), Value::Status(n))),
                    _ => None,
                },
                "due_date" => Some((Value::Due(parse_date(old)), Value::Due(parse_date(new)))),
                "priority" => match (old.and_then(|s| s.parse().ok()), new.and_then(|s| s.parse().ok())) {
                    (Some(o), Some(n)) => Some((Value::Priority(o), Value::Priority(n))),
                    _ => None,
                },
                "stage_id" => Some((
                    Value::Stage(old.and_then(|s| s.parse().ok())),
                    Value::Stage(new.and_then(|s| s.parse().ok())),
                )),
                "tags" => {
                    let has = |j: Option<&str>| !crate::store::json_list(j.unwrap_or("[]")).is_empty();
                    Some((Value::HasTags(has(old)), Value::HasTags(has(new))))
                }
                "owners" => Some((Value::Owners(owners_of(old)), Value::Owners(owners_of(new)))),
                _ => None,
            };
            if let Some((old, new)) = pair {
                life.changes.push(Change { at: c.at, old, new });
            }
        }
        for (task_id, at) in &rows.mentions {
            if let Some(life) = index.get(task_id).and_then(|i| tasks.get_mut(*i)) {
                life.mentions.push(*at);
            }
        }
        let mut by_member: HashMap<i64, Vec<usize>> = HashMap::new();
        let mut by_stage: HashMap<i64, Vec<usize>> = HashMap::new();
        for (i, life) in tasks.iter_mut().enumerate() {
            // Events are loaded oldest first by id; a stable sort by time keeps that order for ties.
            life.changes.sort_by_key(|c| c.at);
            life.mentions.sort_unstable();
            let mut members: Vec<i64> = life.now.owners.clone();
            let mut stages: Vec<i64> = life.now.stage.into_iter().collect();
            for c in &life.changes {
                for v in [&c.old, &c.new] {
                    match v {
                        Value::Owners(o) => members.extend(o),
                        Value::Stage(Some(s)) => stages.push(*s),
                        _ => {}
                    }
                }
            }
            members.sort_unstable();
            members.dedup();
            stages.sort_unstable();
            stages.dedup();
            for m in members {
                by_member.entry(m).or_default().push(i);
            }
            for s in stages {
                by_stage.entry(s).or_default().push(i);
            }
        }
        History { tasks, by_member, by_stage }
    }

    /// Number of tasks in the history.
    pub fn len(&self) -> usize {
        self.tasks.len()
    }

    /// Whether the history has no tasks.
    pub fn is_empty(&self) -> bool {
        self.tasks.is_empty()
    }

    /// A member's open load and on-time record at `t` (local date `today`), counted exactly as
    /// `Store::owner_stats` counts them now.
    pub fn owner_stats_at(&self, member: i64, t: i64, today: NaiveDate) -> OwnerStats {
        let week = today + chrono::Duration::days(7);
        let mut out = OwnerStats::default();
        for life in self.by_member.get(&member).into_iter().flatten().filter_map(|i| self.tasks.get(*i)) {
            let Some(state) = life.state_at(t) else { continue };
            if !state.owners.contains(&member) {
                continue;
            }
            if state.status.is_open() {
                out.open += 1;
                if state.due.is_some_and(|d| d >= today && d <= week) {
                    out.due_next_7d += 1;
                }
            } else if let (Status::Done, Some(due)) = (state.status, state.due) {
                out.done_with_due += 1;
                if local_date(life.done_moment(t)).is_some_and(|d| d > due) {
                    out.done_late += 1;
                }
            }
        }
        out
    }

    /// Share of finished tasks of a stage at `t` (cancelled ones excluded), as
    /// `Store::stage_progress` computes it now.
    pub fn stage_progress_at(&self, stage: i64, t: i64) -> f64 {
        let (mut done, mut all) = (0u32, 0u32);
        for life in self.by_stage.get(&stage).into_iter().flatten().filter_map(|i| self.tasks.get(*i)) {
            let Some(state) = life.state_at(t) else { continue };
            if state.stage != Some(stage) {
                continue;
            }
            match state.status {
                Status::Done => {
                    done += 1;
                    all += 1;
                }
                Status::Cancelled => {}
                _ => all += 1,
            }
        }
        if all == 0 { 0.0 } else { f64::from(done) / f64::from(all) }
    }

    /// Features of task `index` as they were at `t`; `None` unless it was open with a due date.
    fn features_at(&self, index: usize, t: i64) -> Option<RiskFeatures> {
        let life = self.tasks.get(index)?;
        let state = life.state_at(t)?;
        let due = state.due?;
        if !state.status.is_open() {
            return None;
        }
        let today = local_date(t)?;
        let owner_stats: HashMap<i64, OwnerStats> =
            state.owners.iter().map(|m| (*m, self.owner_stats_at(*m, t, today))).collect();
        let facts = TaskFacts {
            workdays_left: super::workdays_between(today, due),
            priority: state.priority,
            created_at: life.created_at,
            owners: state.owners.clone(),
            has_tags: state.has_tags,
            reschedules: life.reschedules_at(t),
            mentions: life.mentions_at(t),
            stage_progress: state.stage.map(|s| self.stage_progress_at(s, t)).unwrap_or(0.0),
        };
        Some(features(&facts, &owner_stats, t))
    }

    /// Features of every task open with a due date at `t`, by task id (the replay of what a
    /// live prediction at `t` would have seen; used to check that the two agree).
    pub fn open_features_at(&self, t: i64) -> Vec<(i64, RiskFeatures)> {
        self.tasks.iter().enumerate().filter_map(|(i, l)| self.features_at(i, t).map(|f| (l.id, f))).collect()
    }

    /// Training rows from the `max_tasks` most recently finished tasks with a due date (see the
    /// module docs for the prediction moments), in finish order.
    pub fn training_set(&self, max_tasks: usize) -> TrainingSet {
        // (finish moment, due date, index) of every finished task with a due date.
        let mut finished: Vec<(i64, NaiveDate, usize)> = self
            .tasks
            .iter()
            .enumerate()
            .filter(|(_, l)| l.now.status == Status::Done)
            .filter_map(|(i, l)| l.now.due.map(|due| (l.done_at.unwrap_or_else(|| l.done_moment(i64::MAX)), due, i)))
            .collect();
        finished.sort_unstable();
        let skip = finished.len().saturating_sub(max_tasks);
        let mut set = TrainingSet::default();
        for (done, due, i) in finished.into_iter().skip(skip) {
            let (Some(life), Some(done_day)) = (self.tasks.get(i), local_date(done)) else { continue };
            let Some(due_end) = due
                .succ_opt()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .and_then(|d| d.and_local_timezone(shanghai()).single())
            else {
                continue;
            };
            let due_end = due_end.timestamp_millis();
            let c = life.created_at;
            let mut moments = vec![c, c + (due_end - c) / 2, due_end - DAY_MS];
            moments.retain(|t| *t >= c && *t < done && *t < due_end);
            moments.sort_unstable();
            moments.dedup();
            let late = done_day > due;
            let rank = set.finished_tasks;
            let before = set.samples.len();
            for t in moments {
                if let Some(features) = self.features_at(i, t) {
                    set.samples.push(Sample { task_rank: rank, at: t, features, late });
                }
            }
            if set.samples.len() > before {
                set.finished_tasks += 1;
                if late {
                    set.late_tasks += 1;
                    set.days_late.push((done_day - due).num_days() as f64);
                }
            }
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::stats::{HistoryChange, HistoryTask};

    fn ms(y: i32, m: u32, d: u32, h: u32) -> i64 {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, 0, 0))
            .and_then(|d| d.and_local_timezone(shanghai()).single())
            .map(|d| d.timestamp_millis())
            .expect("valid time")
    }

    fn task(id: i64, status: &str, due: &str, created_at: i64, done_at: Option<i64>) -> HistoryTask {
        HistoryTask {
            id,
            project_id: 1,
            stage_id: None,
            due_date: Some(due.into()),
            priority: "P2".into(),
            status: status.into(),
            tags: vec![],
            created_at,
            done_at,
        }
    }

    fn change(task_id: i64, field: &str, old: Option<&str>, new: Option<&str>, at: i64) -> HistoryChange {
        HistoryChange {
            task_id,
            field: field.into(),
            old_value: old.map(Into::into),
            new_value: new.map(Into::into),
            at,
        }
    }

    /// Member 7 owns task 1 (done late on 03-12 after a reschedule) and task 2 (done on time).
    fn rows() -> RiskHistory {
        RiskHistory {
            tasks: vec![
                task(1, "done", "2026-03-10", ms(2026, 3, 2, 9), Some(ms(2026, 3, 12, 18))),
                task(2, "done", "2026-03-20", ms(2026, 3, 3, 9), Some(ms(2026, 3, 5, 12))),
            ],
            owners: vec![(1, 7), (2, 7)],
            changes: vec![
                change(1, "due_date", Some("2026-03-06"), Some("2026-03-10"), ms(2026, 3, 4, 10)),
                change(1, "status", Some("todo"), Some("done"), ms(2026, 3, 12, 18)),
                change(2, "status", Some("todo"), Some("done"), ms(2026, 3, 5, 12)),
            ],
            mentions: vec![(1, ms(2026, 3, 2, 9)), (1, ms(2026, 3, 9, 9))],
            members: vec![(7, "王芳".into())],
        }
    }

    #[test]
    fn rewinding_undoes_only_later_changes() {
        let h = History::new(&rows());
        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).expect("date");
        // On 03-04 08:00 both tasks are open; task 1 is still due 03-06 (inside the week).
        let s = h.owner_stats_at(7, ms(2026, 3, 4, 8), day(4));
        assert_eq!((s.open, s.due_next_7d, s.done_with_due, s.done_late), (2, 1, 0, 0));
        // On 03-06 task 2 is done on time; task 1 (now due 03-10) is open.
        let s = h.owner_stats_at(7, ms(2026, 3, 6, 8), day(6));
        assert_eq!((s.open, s.due_next_7d, s.done_with_due, s.done_late), (1, 1, 1, 0));
        // After 03-12 18:00 both are done, one late.
        let s = h.owner_stats_at(7, ms(2026, 3, 13, 8), day(13));
        assert_eq!((s.open, s.done_with_due, s.done_late), (0, 2, 1));
        // Before task 1 existed, nothing.
        assert_eq!(h.owner_stats_at(7, ms(2026, 3, 1, 8), day(1)), OwnerStats::default());
    }

    #[test]
    fn training_rows_see_only_the_past() {
        let set = History::new(&rows()).training_set(100);
        assert_eq!((set.finished_tasks, set.late_tasks), (2, 1));
        assert_eq!(set.days_late, vec![2.0]);
        // Task 2 finished first, so its rows come first.
        let first = set.samples.first().expect("rows");
        assert!(!first.late && first.task_rank == 0);
        let task1: Vec<&Sample> = set.samples.iter().filter(|s| s.late).collect();
        // Task 1: at creation, halfway to the end of 03-10, and on 03-10 00:00 (all before it was done).
        assert_eq!(task1.len(), 3);
        let at_creation = &task1[0].features;
        assert_eq!((at_creation.reschedules, at_creation.mentions, at_creation.owner_open_load), (0, 1, 1));
        assert_eq!(at_creation.workdays_left, 4.0, "due 03-06 as of creation on Mon 03-02");
        let last = &task1[2].features;
        assert_eq!((last.reschedules, last.mentions), (1, 2), "the move on 03-04 and the mention on 03-09 count");
        assert_eq!(last.workdays_left, 0.0);
        assert!((last.owner_late_rate - 1.0 / 5.0).abs() < 1e-12, "one on-time task finished before: (0+1)/(1+4)");
    }
}
