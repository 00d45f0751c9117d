//! Per-workspace delay-risk models: a workspace with a year of synthetic history in which
//! lateness depends on the owner's load gets its own model, which is used and ranks better than
//! the pooled prior; a workspace with too little history keeps the prior.

use std::sync::Arc;

use rand::{Rng, SeedableRng};
use serde_json::json;

use crate::common::{TestApp, pg_app, sqlite_app};
use chat2task::forecast::retrain;
use chat2task::store::stats::{local_date, shanghai};

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;

fn end_of_day(date: chrono::NaiveDate) -> i64 {
    date.succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .and_then(|d| d.and_local_timezone(shanghai()).single())
        .map(|d| d.timestamp_millis())
        .expect("valid date")
}

/// Inserts a finished task with past timestamps (the API would stamp them "now"), its owner and
/// its status event.
async fn insert_done(
    app: &TestApp,
    project: i64,
    member: i64,
    n: usize,
    created: i64,
    due: chrono::NaiveDate,
    done: i64,
) {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO tasks (project_id, title, due_date, due_sort, priority, status, created_by, created_at, updated_at, \
         done_at) VALUES ($1, $2, $3, $3, 'P2', 'done', 'test', $4, $5, $5) RETURNING id",
    )
    .bind(project)
    .bind(format!("历史任务 {n}"))
    .bind(due.to_string())
    .bind(created)
    .bind(done)
    .fetch_one(app.store.pool())
    .await
    .expect("task");
    sqlx::query("INSERT INTO task_owners (task_id, member_id) VALUES ($1, $2)")
        .bind(id)
        .bind(member)
        .execute(app.store.pool())
        .await
        .expect("owner");
    sqlx::query(
        "INSERT INTO task_events (task_id, actor, kind, field, old_value, new_value, created_at) \
         VALUES ($1, 'test', 'updated', 'status', 'todo', 'done', $2)",
    )
    .bind(id)
    .bind(done)
    .execute(app.store.pool())
    .await
    .expect("event");
}

/// `days` days of history ending 40 days ago: 1–4 tasks a day, handed out unevenly (the busy
/// member changes every 60 days); a task is late with probability sigmoid(0.8 × (load − 5)),
/// load = the owner's open tasks when it was created. Returns (finished, late).
async fn synthetic_history(app: &TestApp, project: i64, members: &[i64], days: i64, seed: u64) -> (usize, usize) {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let start = chat2task::store::now_ms() - (days + 40) * DAY;
    let weights = [8.0, 4.0, 2.0, 1.0, 1.0, 1.0, 0.5, 0.5];
    let mut finish: Vec<Vec<i64>> = vec![Vec::new(); members.len()];
    let (mut n, mut late_n) = (0usize, 0usize);
    for day in 0..days {
        for _ in 0..rng.gen_range(1..=4) {
            let created = start + day * DAY + 9 * HOUR + rng.gen_range(0..9 * HOUR);
            let total: f64 = weights.iter().sum();
            let mut pick = rng.r#gen::<f64>() * total;
            let mut slot = 0;
            for (i, w) in weights.iter().enumerate() {
                slot = i;
                if pick < *w {
                    break;
                }
                pick -= w;
            }
            let m = (slot + usize::try_from(day / 60).expect("day")) % members.len();
            let load = finish[m].iter().filter(|f| **f > created).count() + 1;
            let due = local_date(created).expect("date") + chrono::Duration::days(rng.gen_range(3..=12));
            let due_end = end_of_day(due);
            let late = rng.r#gen::<f64>() < 1.0 / (1.0 + (-0.8 * (load as f64 - 5.0)).exp());
            let done = if late {
                due_end + HOUR + rng.gen_range(0..4 * DAY)
            } else {
                created + ((due_end - created - HOUR) as f64 * rng.gen_range(0.05..0.95)) as i64
            };
            finish[m].push(done);
            insert_done(app, project, members[m], n, created, due, done).await;
            n += 1;
            late_n += usize::from(late);
        }
    }
    (n, late_n)
}

async fn setup(app: &TestApp) -> (i64, Vec<i64>) {
    let ws = app.store.default_workspace().await.expect("ws");
    let project = app.store.create_project(ws, "门店运营", "", "test", None).await.expect("project").id;
    let mut members = Vec::new();
    for name in ["王芳", "李想", "张伟", "刘洋", "陈静", "赵敏", "孙悦", "周杰"] {
        let new = chat2task::store::members::NewMember { name: name.into(), ..Default::default() };
        members.push(app.store.create_member(ws, &new).await.expect("member").id);
    }
    (project, members)
}

/// Open tasks due in five days: `busy` gets eight, `calm` one. Returns one task id of each.
async fn open_tasks(app: &TestApp, project: i64, busy: &str, calm: &str) -> (i64, i64) {
    let due = (local_date(chat2task::store::now_ms()).expect("today") + chrono::Duration::days(5)).to_string();
    let mut ids = Vec::new();
    for (i, owner) in std::iter::repeat_n(busy, 8).chain([calm]).enumerate() {
        let body = json!({"project_id": project, "title": format!("盘点 {i}"), "owners": [owner], "due_date": due});
        let (status, task) = app.admin("POST", "/v1/tasks", Some(body)).await;
        assert_eq!(status.as_u16(), 201, "{task}");
        ids.push(task["id"].as_i64().expect("id"));
    }
    (ids[0], ids[8])
}

#[tokio::test]
async fn a_workspace_with_enough_history_gets_its_own_model_that_ranks_better_than_the_prior() {
    enough_history(&sqlite_app().await).await;
}

#[tokio::test]
async fn postgres_stores_and_uses_workspace_models_too() {
    if let Some(pg) = pg_app("risk_models").await {
        enough_history(&pg).await;
    }
}

async fn enough_history(app: &TestApp) {
    let (project, members) = setup(app).await;
    let (finished, late) = synthetic_history(app, project, &members, 300, 7).await;
    assert!(finished >= 400 && late >= 40 && finished - late >= 40, "{finished} finished, {late} late");
    let ws = app.store.default_workspace().await.expect("ws");
    let prior = Arc::new(chat2task::risk::prior_model().expect("prior"));

    let report = retrain::retrain(&app.store, ws, &prior).await.expect("retrain");
    eprintln!("{finished} finished ({late} late): {}", report.decision);
    assert_eq!(report.outcome, "activated", "{report:?}");
    assert_eq!((report.version, report.active_version, report.baseline_version), (Some(1), 1, 0));
    let (auc, prior_auc) = (report.holdout_auc.expect("auc"), report.baseline_auc.expect("prior auc"));
    assert!(auc > prior_auc + 0.05 && auc > 0.7, "workspace AUC {auc} vs prior {prior_auc} on the hold-out");
    assert!(report.holdout_brier.expect("brier") <= report.baseline_brier.expect("prior brier"));

    // Risk answers come from version 1, and rank the swamped owner's task above the calm one's.
    let (busy_task, calm_task) = open_tasks(app, project, "王芳", "周杰").await;
    let (_, busy) = app.admin("GET", &format!("/v1/tasks/{busy_task}/risk"), None).await;
    let (_, calm) = app.admin("GET", &format!("/v1/tasks/{calm_task}/risk"), None).await;
    assert_eq!((busy["model_kind"].as_str(), busy["model_version"].as_i64()), (Some("workspace"), Some(1)), "{busy}");
    let (p_busy, p_calm) = (busy["probability"].as_f64().expect("p"), calm["probability"].as_f64().expect("p"));
    eprintln!("open task of the busy owner {p_busy:.3}, of the calm owner {p_calm:.3}");
    assert!(p_busy > p_calm + 0.2, "busy owner {p_busy} vs calm owner {p_calm}");
    let (_, risks) = app.admin("GET", &format!("/v1/projects/{project}/risks"), None).await;
    assert!(risks.as_array().expect("list").iter().all(|r| r["model_version"] == 1), "{risks}");

    // The listing shows the version, its figures, and a positive weight on load.
    let (status, models) = app.admin("GET", "/v1/risk/models", None).await;
    assert_eq!(status.as_u16(), 200, "{models}");
    assert_eq!((models["active_kind"].as_str(), models["active_version"].as_i64()), (Some("workspace"), Some(1)));
    let v1 = &models["versions"][0];
    assert_eq!((v1["version"].as_i64(), v1["active"].as_bool()), (Some(1), Some(true)), "{v1}");
    assert!(v1["coefficients"]["owner_open_load"].as_f64().expect("weight") > 0.0, "{v1}");
    assert!(v1["training_rows"].as_i64().expect("rows") > v1["holdout_rows"].as_i64().expect("rows"));

    // The scan retrains at most daily; a forced retrain is compared with version 1, not the prior.
    let now = chat2task::store::now_ms();
    assert!(retrain::retrain_if_due(&app.store, ws, &prior, now).await.expect("due").is_none());
    let again = retrain::retrain(&app.store, ws, &prior).await.expect("retrain");
    assert_eq!((again.version, again.baseline_version), (Some(2), 1), "{again:?}");
    let versions = app.store.list_risk_models(ws).await.expect("versions");
    assert_eq!(versions.iter().filter(|v| v.active).count(), 1, "exactly one active version");
    assert!(
        retrain::retrain_if_due(&app.store, ws, &prior, now + 2 * retrain::RETRAIN_INTERVAL_MS)
            .await
            .expect("due")
            .is_some()
    );
}

#[tokio::test]
async fn too_little_history_keeps_the_prior() {
    let app = sqlite_app().await;
    let (project, members) = setup(&app).await;
    let (finished, _) = synthetic_history(&app, project, &members, 40, 3).await;
    assert!(finished < retrain::MIN_FINISHED, "{finished}");
    let ws = app.store.default_workspace().await.expect("ws");
    let prior = Arc::new(chat2task::risk::prior_model().expect("prior"));
    let report = retrain::retrain(&app.store, ws, &prior).await.expect("retrain");
    assert_eq!((report.outcome.as_str(), report.version, report.active_version), ("too_little_history", None, 0));
    assert!(report.decision.contains("at least 200"), "{}", report.decision);
    let (_, models) = app.admin("GET", "/v1/risk/models", None).await;
    assert_eq!(models["active_kind"], "prior");
    assert_eq!(models["versions"], json!([]));
    let (busy_task, _) = open_tasks(&app, project, "王芳", "周杰").await;
    let (_, risk) = app.admin("GET", &format!("/v1/tasks/{busy_task}/risk"), None).await;
    assert_eq!((risk["model_kind"].as_str(), risk["model_version"].as_i64()), (Some("prior"), Some(0)), "{risk}");
}

/// Features replayed from the history equal the live ones, now and at a moment before later
/// changes (due-date moves, owner swaps, stage moves, tasks finished and reopened).
#[tokio::test]
async fn replayed_features_match_live_features_now_and_in_the_past() {
    let app = sqlite_app().await;
    let ws = app.store.default_workspace().await.expect("ws");
    let (_, project) = app.admin("POST", "/v1/projects", Some(json!({"name": "回放"}))).await;
    let p = project["id"].as_i64().expect("project");
    let stage = |name: &str| chat2task::store::projects::StageFields { name: Some(name.into()), ..Default::default() };
    let s1 = app.store.create_stage(p, &stage("开发")).await.expect("stage").id;
    let s2 = app.store.create_stage(p, &stage("测试")).await.expect("stage").id;
    let today = local_date(chat2task::store::now_ms()).expect("today");
    let day = |n: i64| (today + chrono::Duration::days(n)).to_string();
    let mut ids = Vec::new();
    for i in 0..12i64 {
        let owner = ["王芳", "李想", "张伟"][usize::try_from(i % 3).expect("i")];
        let body = json!({"project_id": p, "title": format!("任务 {i}"), "owners": [owner], "due_date": day(i % 6 - 2),
            "stage_id": if i % 2 == 0 { s1 } else { s2 }, "tags": if i % 4 == 0 { json!(["门店"]) } else { json!([]) }});
        let (status, task) = app.admin("POST", "/v1/tasks", Some(body)).await;
        assert_eq!(status.as_u16(), 201, "{task}");
        ids.push(task["id"].as_i64().expect("id"));
    }
    let patch = |id: i64, body: serde_json::Value| {
        let app = &app;
        async move {
            let (status, out) = app.admin("PATCH", &format!("/v1/tasks/{id}"), Some(body)).await;
            assert_eq!(status.as_u16(), 200, "{out}");
        }
    };
    for id in &ids[..3] {
        patch(*id, json!({"status": "done"})).await;
    }
    patch(ids[3], json!({"due_date": day(9)})).await;

    let snapshot = |at: i64| {
        let app = &app;
        async move {
            let filter = chat2task::store::tasks::TaskFilter { limit: 1000, ..Default::default() };
            let tasks = app.store.list_tasks(ws, &filter).await.expect("tasks").0;
            let date = local_date(at).expect("date");
            let mut live = chat2task::forecast::live_features(&app.store, ws, &tasks, date, at).await.expect("live");
            live.sort_by_key(|(id, _)| *id);
            live
        }
    };
    let replay = |at: i64| {
        let app = &app;
        async move {
            let rows = app.store.risk_history(ws).await.expect("history");
            chat2task::forecast::history::History::new(&rows).open_features_at(at)
        }
    };
    let t0 = chat2task::store::now_ms();
    let live_t0 = snapshot(t0).await;
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    patch(ids[4], json!({"due_date": day(20), "owners": ["李想", "张伟"], "stage_id": s2})).await;
    patch(ids[5], json!({"status": "done", "priority": "P0", "tags": ["门店"]})).await;
    patch(ids[0], json!({"status": "doing"})).await;
    patch(ids[6], json!({"status": "cancelled"})).await;
    patch(ids[7], json!({"owners": []})).await;
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let t1 = chat2task::store::now_ms();
    let live_t1 = snapshot(t1).await;
    assert_ne!(live_t0, live_t1, "the later changes move the features");
    assert_eq!(replay(t1).await, live_t1, "replay at now = live now");
    assert_eq!(replay(t0).await, live_t0, "replay before the changes = live features taken then");
}
