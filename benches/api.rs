//! Criterion benches of the REST API in-process (router `oneshot`, no TCP): task creation and
//! the filtered task listing over a store of 100,000 tasks, on SQLite.
//! Over-the-wire figures come from `cargo run --release --example load` (docs/performance.md).

use std::hint::black_box;

use axum::body::Body;
use axum::http::Request;
use criterion::{Criterion, criterion_group, criterion_main};
use tower::ServiceExt;

use chat2task::api::{self, AppState};
use chat2task::store::{Store, StoreConfig};

struct Fixture {
    router: axum::Router,
    token: String,
    project_id: i64,
    _dir: tempfile::TempDir,
}

async fn fixture(n_tasks: i64) -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("bench.db").display());
    let store = Store::connect(&StoreConfig::new(&url)).await.expect("store");
    let ws = store.default_workspace().await.expect("ws");
    let (_, token) = store.create_token(ws, "admin", None, "bench").await.expect("token");
    let project_id = store.create_project(ws, "bench", "", "bench", None).await.expect("project").id;
    let statuses = ["todo", "doing", "done", "cancelled", "proposed"];
    let mut i = 0;
    while i < n_tasks {
        let mut tx = store.pool().begin().await.expect("tx");
        for _ in 0..1000.min(n_tasks - i) {
            sqlx::query(
                "INSERT INTO tasks (project_id, title, due_date, due_sort, priority, status, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $3, 'P2', $4, 'bench', 0, 0)",
            )
            .bind(project_id)
            .bind(format!("任务 {i}"))
            .bind(format!("2027-{:02}-{:02}", 1 + i % 12, 1 + i % 28))
            .bind(statuses[(i % 5) as usize])
            .execute(&mut *tx)
            .await
            .expect("insert");
            i += 1;
        }
        tx.commit().await.expect("commit");
    }
    Fixture { router: api::app(AppState::new(store)), token, project_id, _dir: dir }
}

async fn call(router: &axum::Router, req: Request<Body>) -> u16 {
    router.clone().oneshot(req).await.map(|r| r.status().as_u16()).unwrap_or(0)
}

fn api(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    let fx = rt.block_on(fixture(100_000));
    let mut group = c.benchmark_group("api");
    group.bench_function("list_tasks/project_status/100k", |b| {
        b.to_async(&rt).iter(|| async {
            let req = Request::get(format!("/v1/tasks?project_id={}&status=todo", fx.project_id))
                .header("authorization", format!("Bearer {}", fx.token))
                .body(Body::empty())
                .expect("request");
            black_box(call(&fx.router, req).await)
        })
    });
    let mut n = 0u64;
    group.bench_function("create_task", |b| {
        b.to_async(&rt).iter(|| {
            n += 1;
            let body = format!(
                r#"{{"project_id": {}, "title": "接口文档 {n}", "owners": ["刘洋"], "due_date": "2026-12-01", "priority": "P1"}}"#,
                fx.project_id
            );
            let req = Request::post("/v1/tasks")
                .header("authorization", format!("Bearer {}", fx.token))
                .header("content-type", "application/json")
                .body(Body::from(body))
                .expect("request");
            let router = fx.router.clone();
            async move { black_box(call(&router, req).await) }
        })
    });
    group.finish();
}

criterion_group!(benches, api);
criterion_main!(benches);
