//! Applies the delay-risk and assignee models (`risk`, `assign`, both pure) to the store's tasks:
//! builds each task's `RiskFeatures` as of now from the store and event log, and each member's
//! history for suggestions. The only module that joins the models to the database.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::assign::{Suggester, Suggestion, TaskQuery};
use crate::risk::{Prediction, RiskFeatures, RiskModel};
use crate::store::stats::OwnerStats;
use crate::store::tasks::Task;
use crate::store::{self, Priority, Store};

pub mod history;
pub mod retrain;

/// Working days from `today` (exclusive) to `due` (inclusive); negative when overdue.
pub fn workdays_between(today: NaiveDate, due: NaiveDate) -> f64 {
    let (from, to, sign) = if due >= today { (today, due, 1.0) } else { (due, today, -1.0) };
    let mut n = 0u32;
    let mut d = from;
    while d < to {
        d = d.succ_opt().unwrap_or(to);
        if crate::timex::calendar::is_workday(d) {
            n += 1;
        }
    }
    sign * f64::from(n)
}

/// Today in Asia/Shanghai.
pub fn today() -> NaiveDate {
    store::stats::local_date(store::now_ms()).unwrap_or_default()
}

/// What the features of one open task are built from, at the prediction moment.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskFacts {
    /// Working days from the prediction day to the due date in force then ([`workdays_between`]).
    pub workdays_left: f64,
    pub priority: Priority,
    /// When the task was created (Unix ms).
    pub created_at: i64,
    /// Owner member ids.
    pub owners: Vec<i64>,
    pub has_tags: bool,
    /// Due-date moves so far.
    pub reschedules: u32,
    /// Chat messages that created or changed the task so far.
    pub mentions: u32,
    /// Share of finished tasks in the task's stage (0 without a stage).
    pub stage_progress: f64,
}

/// The model's features of one open task at `at_ms`, given its
/// owners' stats at that same moment. The one place features are built: live predictions
/// ([`predict`]) and the training rows of a workspace model ([`history::History`]) both call it.
pub fn features(facts: &TaskFacts, owner_stats: &HashMap<i64, OwnerStats>, at_ms: i64) -> RiskFeatures {
    // The busiest owner decides the load features: a shared task is late if any owner is.
    let owner = facts.owners.iter().filter_map(|o| owner_stats.get(o)).max_by_key(|s| s.open);
    let late_rate = owner.map(|s| (f64::from(s.done_late) + 1.0) / (f64::from(s.done_with_due) + 4.0)).unwrap_or(0.25);
    RiskFeatures {
        owner_open_load: owner.map(|s| s.open).unwrap_or(0),
        owner_due_next_7d: owner.map(|s| s.due_next_7d).unwrap_or(0),
        owner_late_rate: late_rate,
        workdays_left: facts.workdays_left,
        priority: match facts.priority {
            Priority::P0 => crate::risk::Priority::P0,
            Priority::P1 => crate::risk::Priority::P1,
            Priority::P2 => crate::risk::Priority::P2,
            Priority::P3 => crate::risk::Priority::P3,
        },
        age_days: ((at_ms - facts.created_at) as f64 / 86_400_000.0).max(0.0),
        reschedules: facts.reschedules,
        mentions: facts.mentions,
        stage_progress: facts.stage_progress,
        has_owner: !facts.owners.is_empty(),
        has_tags: facts.has_tags,
    }
}

/// Risk predictions for `tasks` (open tasks with a due date; others get none), as of `today`.
pub async fn predict(
    store: &Store,
    workspace_id: i64,
    model: &RiskModel,
    tasks: &[Task],
    today: NaiveDate,
) -> store::Result<Vec<(i64, Prediction)>> {
    let rows = live_features(store, workspace_id, tasks, today, store::now_ms()).await?;
    Ok(rows.into_iter().map(|(id, f)| (id, model.predict(&f))).collect())
}

/// Features of `tasks` (open tasks with a due date; others get none) from the store as it is
/// now, for the moment `at_ms` whose local date is `today`.
pub async fn live_features(
    store: &Store,
    workspace_id: i64,
    tasks: &[Task],
    today: NaiveDate,
    at_ms: i64,
) -> store::Result<Vec<(i64, RiskFeatures)>> {
    let owners = store.owner_stats(workspace_id, today).await?;
    let ids: Vec<i64> = tasks.iter().map(|t| t.id).collect();
    let reschedules = store.reschedules(&ids).await?;
    let mentions = store.mentions(&ids).await?;
    let mut progress: HashMap<i64, HashMap<i64, f64>> = HashMap::new();
    // Tasks share due dates; counting working days walks the calendar day by day.
    let mut workdays: HashMap<NaiveDate, f64> = HashMap::new();
    let mut out = Vec::new();
    for task in tasks {
        let (Some(due), true) = (task.due_date, task.status.is_open()) else { continue };
        if !progress.contains_key(&task.project_id) {
            progress.insert(task.project_id, store.stage_progress(task.project_id).await?);
        }
        let workdays_left = *workdays.entry(due).or_insert_with(|| workdays_between(today, due));
        let facts = TaskFacts {
            workdays_left,
            priority: task.priority,
            created_at: task.created_at,
            owners: task.owners.iter().map(|o| o.member_id).collect(),
            has_tags: !task.tags.is_empty(),
            reschedules: reschedules.get(&task.id).copied().unwrap_or(0),
            mentions: mentions.get(&task.id).copied().unwrap_or(0),
            stage_progress: task
                .stage_id
                .and_then(|s| progress.get(&task.project_id).and_then(|p| p.get(&s)).copied())
                .unwrap_or(0.0),
        };
        out.push((task.id, features(&facts, &owners, at_ms)));
    }
    Ok(out)
}

/// Title tokens for similarity: jieba words of two characters or more, plus ASCII words.
pub fn title_tokens(title: &str) -> Vec<String> {
    let chars: Vec<char> = title.chars().collect();
    let mut tokens: Vec<String> = crate::segment::segment(title, &[])
        .into_iter()
        .filter(|w| w.end > w.start + 1)
        .map(|w| chars.get(w.start..w.end).map(|c| c.iter().collect::<String>()).unwrap_or_default().to_lowercase())
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .collect();
    tokens.sort();
    tokens.dedup();
    tokens
}

/// Ranks the workspace's active members for a new task from their task history, skills and load.
pub async fn suggest(
    store: &Store,
    workspace_id: i64,
    title: &str,
    tags: &[String],
    k: usize,
) -> store::Result<Vec<Suggestion>> {
    let members = store.list_members(workspace_id).await?;
    let today = today();
    let stats = store.owner_stats(workspace_id, today).await?;
    let mut suggester = Suggester::new(crate::assign::Config::default());
    let name_of: HashMap<i64, &str> = members.iter().map(|m| (m.id, m.name.as_str())).collect();
    for member in &members {
        suggester.set_member(&member.name, member.active, member.placeholder, &member.skills);
        suggester.set_load(&member.name, stats.get(&member.id).map(|s| s.open).unwrap_or(0));
    }
    let day = |ms: i64| ms as f64 / 86_400_000.0;
    for row in store.assignment_history(workspace_id, 20_000).await? {
        if let Some(name) = name_of.get(&row.member_id) {
            suggester.observe(
                name,
                &row.tags,
                &title_tokens(&row.title),
                day(row.created_at),
                row.done.then_some(true),
            );
        }
    }
    let query = TaskQuery { tags: tags.to_vec(), tokens: title_tokens(title), now: day(store::now_ms()) };
    Ok(suggester.suggest(&query, k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workdays_skip_weekends_and_holidays_and_count_make_up_days() {
        let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).expect("date");
        // Fri 2026-09-25 → Mon 09-28: one working day (the Monday); back the other way it is overdue.
        assert_eq!(workdays_between(d(9, 25), d(9, 28)), 1.0);
        assert_eq!(workdays_between(d(9, 28), d(9, 25)), -1.0);
        assert_eq!(workdays_between(d(3, 2), d(3, 2)), 0.0);
        // National Day 2026: Oct 1–7 off, so from Sep 30 to Oct 8 only Oct 8 counts.
        assert_eq!(workdays_between(d(9, 30), d(10, 8)), 1.0);
    }

    #[test]
    fn title_tokens_are_words_not_characters() {
        let tokens = title_tokens("整理季度报销单据 PPT");
        assert!(tokens.contains(&"报销".to_string()) || tokens.contains(&"报销单据".to_string()), "{tokens:?}");
        assert!(tokens.contains(&"ppt".to_string()), "{tokens:?}");
        assert!(tokens.iter().all(|t| t.chars().count() > 1));
    }
}
