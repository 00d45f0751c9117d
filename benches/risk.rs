//! Criterion benches of delay risk and assignee suggestion (figures in docs/risk.md and
//! docs/performance.md):
//! - `risk/score_100k`: the model alone, 100,000 feature rows → probability + reasons (target ≤ 1 s);
//! - `risk/score_store_100k`: `forecast::predict` over 100,000 open tasks read from SQLite
//!   (owner stats, reschedules, mentions, stage progress, then the model);
//! - `risk/train_jira_64k`: fitting the pooled model on the 64,747 Jira rows (target ≤ 30 s;
//!   skipped when `../shared/datasets/jira-delay-emse2017` — or `$CHAT2TASK_JIRA_DELAY` — is absent);
//! - `risk/retrain_history_5k`: a workspace retraining from a replayed history of 5,000 tasks;
//! - `assign/suggest_200_members`: the ranker alone over 200 members × 50 past tasks (target ≤ 5 ms);
//! - `assign/suggest_store_200_members`: `forecast::suggest` from the store (history, tokens, load).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use rand::{Rng, SeedableRng};

use chat2task::assign::{Config, Suggester, TaskQuery};
use chat2task::forecast::history::History;
use chat2task::risk::{Priority, RiskFeatures, RiskModel, prior_model};
use chat2task::store::stats::{HistoryChange, HistoryTask, RiskHistory};
use chat2task::store::{Store, StoreConfig};

fn random_features(n: usize, seed: u64) -> Vec<RiskFeatures> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    (0..n)
        .map(|_| RiskFeatures {
            owner_open_load: rng.gen_range(0..20),
            owner_due_next_7d: rng.gen_range(0..10),
            owner_late_rate: rng.r#gen::<f64>(),
            workdays_left: rng.gen_range(-5.0..30.0),
            priority: [Priority::P0, Priority::P1, Priority::P2, Priority::P3][rng.gen_range(0..4)],
            age_days: rng.gen_range(0.0..60.0),
            reschedules: rng.gen_range(0..4),
            mentions: rng.gen_range(0..12),
            stage_progress: rng.r#gen::<f64>(),
            has_owner: rng.gen_bool(0.9),
            has_tags: rng.gen_bool(0.5),
        })
        .collect()
}

fn jira_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("CHAT2TASK_JIRA_DELAY").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/datasets/jira-delay-emse2017"))
    });
    dir.join("apache_due.csv").exists().then_some(dir)
}

/// A synthetic 5,000-task history: 40 members, a task every two hours, some due-date moves.
fn synthetic_history(n: i64) -> RiskHistory {
    let mut rng = rand::rngs::StdRng::seed_from_u64(5);
    let mut rows = RiskHistory { members: (0..40).map(|i| (i, format!("m{i}"))).collect(), ..Default::default() };
    let start = 1_700_000_000_000i64;
    let (hour, day) = (3_600_000i64, 86_400_000i64);
    for id in 0..n {
        let created = start + id * 2 * hour;
        let due_days = rng.gen_range(2..15);
        let due = chat2task::store::stats::local_date(created + due_days * day).expect("date");
        let late = rng.gen_bool(0.3);
        let done = if late { created + (due_days + 3) * day } else { created + rng.gen_range(1..due_days) * day / 2 };
        rows.tasks.push(HistoryTask {
            id,
            project_id: 1,
            stage_id: Some(id % 5),
            due_date: Some(due.to_string()),
            priority: "P2".into(),
            status: "done".into(),
            tags: vec![],
            created_at: created,
            done_at: Some(done),
        });
        rows.owners.push((id, id % 40));
        if rng.gen_bool(0.2) {
            let earlier = due - chrono::Duration::days(2);
            rows.changes.push(HistoryChange {
                task_id: id,
                field: "due_date".into(),
                old_value: Some(earlier.to_string()),
                new_value: Some(due.to_string()),
                at: created + hour,
            });
        }
        rows.changes.push(HistoryChange {
            task_id: id,
            field: "status".into(),
            old_value: Some("todo".into()),
            new_value: Some("done".into()),
            at: done,
        });
    }
    rows
}

async fn store_with_tasks(n: i64, members: i64, status: &str, dir: &tempfile::TempDir) -> (Store, i64) {
    let url = format!("sqlite://{}", dir.path().join("bench.db").display());
    let store = Store::connect(&StoreConfig::new(&url)).await.expect("store");
    let ws = store.default_workspace().await.expect("ws");
    let project = store.create_project(ws, "bench", "", "bench", None).await.expect("project").id;
    let mut ids = Vec::new();
    for i in 0..members {
        let new = chat2task::store::members::NewMember {
            name: format!("成员{i}"),
            skills: vec![format!("技能{}", i % 10)],
            ..Default::default()
        };
        ids.push(store.create_member(ws, &new).await.expect("member").id);
    }
    let titles = ["整理季度报销单据", "修复登录页面崩溃", "准备客户演示材料", "更新接口文档", "盘点门店库存"];
    let mut i = 0;
    while i < n {
        let mut tx = store.pool().begin().await.expect("tx");
        for _ in 0..1000.min(n - i) {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO tasks (project_id, title, due_date, due_sort, priority, status, tags, created_by, \
                 created_at, updated_at) VALUES ($1, $2, $3, $3, 'P2', $4, $5, 'bench', $6, $6) RETURNING id",
            )
            .bind(project)
            .bind(format!("{} {i}", titles[(i % 5) as usize]))
            .bind(format!("2027-{:02}-{:02}", 1 + i % 12, 1 + i % 28))
            .bind(status)
            .bind(format!("[\"标签{}\"]", i % 30))
            .bind(1_700_000_000_000i64 + i * 60_000)
            .fetch_one(&mut *tx)
            .await
            .expect("insert");
            sqlx::query("INSERT INTO task_owners (task_id, member_id) VALUES ($1, $2)")
                .bind(id)
                .bind(ids[(i % members) as usize])
                .execute(&mut *tx)
                .await
                .expect("owner");
            i += 1;
        }
        tx.commit().await.expect("commit");
    }
    (store, ws)
}

fn risk(c: &mut Criterion) {
    let model = prior_model().expect("prior");
    let rows = random_features(100_000, 1);
    let mut group = c.benchmark_group("risk");
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    group.bench_function("score_100k", |b| {
        b.iter(|| {
            let mut sum = 0.0;
            for f in &rows {
                sum += model.predict(black_box(f)).probability;
            }
            black_box(sum)
        })
    });

    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, ws) = rt.block_on(store_with_tasks(100_000, 200, "todo", &dir));
    let tasks = rt.block_on(async {
        // The listing pages (at most 500 a call).
        let mut all = Vec::new();
        loop {
            let filter =
                chat2task::store::tasks::TaskFilter { limit: 500, offset: all.len() as i64, ..Default::default() };
            let page = store.list_tasks(ws, &filter).await.expect("tasks").0;
            if page.is_empty() {
                break all;
            }
            all.extend(page);
        }
    });
    assert_eq!(tasks.len(), 100_000, "listing limit");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
    group.bench_function("score_store_100k", |b| {
        b.to_async(&rt).iter(|| async {
            let out = chat2task::forecast::predict(&store, ws, &model, &tasks, today).await.expect("predict");
            black_box(out.len())
        })
    });
    drop(tasks);

    match jira_dir() {
        Some(dir) => {
            let mut all = Vec::new();
            for t in chat2task::risk::eval::TRACKERS {
                all.extend(chat2task::risk::eval::read_tracker(&dir, t).expect("tracker"));
            }
            all.sort_by(|a, b| a.opened.cmp(&b.opened));
            let xs: Vec<RiskFeatures> = all.iter().map(|r| r.to_service()).collect();
            let ys: Vec<bool> = all.iter().map(|r| r.late()).collect();
            eprintln!("train_jira_64k: {} rows", xs.len());
            group.measurement_time(Duration::from_secs(60));
            group.bench_function("train_jira_64k", |b| b.iter(|| black_box(RiskModel::fit(&xs, &ys).expect("fit"))));
        }
        None => eprintln!("skipped risk/train_jira_64k: ../shared/datasets/jira-delay-emse2017 not found"),
    }

    let history = synthetic_history(5_000);
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("retrain_history_5k", |b| {
        b.iter(|| {
            let h = History::new(&history);
            black_box(chat2task::forecast::retrain::train_and_compare(&h, &model).expect("fit").is_ok())
        })
    });
    group.finish();
}

fn assign(c: &mut Criterion) {
    let mut sg = Suggester::new(Config::default());
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    for i in 0..200u32 {
        for j in 0..50u32 {
            let tag = format!("c{}", (i + j) % 30);
            sg.observe(&format!("m{i}"), &[tag], &s(&["alpha", "beta"]), f64::from(j), Some(j % 3 != 0));
        }
        sg.set_load(&format!("m{i}"), i % 7);
    }
    let q = TaskQuery { tags: s(&["c3", "c4"]), tokens: s(&["alpha", "gamma"]), now: 60.0 };
    let mut group = c.benchmark_group("assign");
    group.bench_function("suggest_200_members", |b| b.iter(|| black_box(sg.suggest(black_box(&q), 5))));

    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, ws) = rt.block_on(store_with_tasks(10_000, 200, "done", &dir));
    let tags = vec!["标签3".to_string()];
    group.sample_size(10);
    group.bench_function("suggest_store_200_members", |b| {
        b.to_async(&rt).iter(|| async {
            let out = chat2task::forecast::suggest(&store, ws, "整理报销单据", &tags, 5).await.expect("suggest");
            black_box(out.len())
        })
    });
    group.finish();
}

criterion_group!(benches, risk, assign);
criterion_main!(benches);
