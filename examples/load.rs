//! Load test of the REST API over real HTTP (loopback TCP), for the figures in `docs/performance.md`.
//!
//! Starts the service in-process on a free port over a fresh database, then
//! 1. creates `--n` tasks through `POST /v1/tasks` with `--concurrency` clients → creations/s;
//! 2. tops the store up to `--list-size` tasks (bulk SQL, not timed) and times
//!    `GET /v1/tasks?project_id=…&status=…` `--queries` times → p50/p99.
//!
//!     cargo run --release --example load -- --db sqlite:///tmp/load.db
//!     cargo run --release --example load -- --db postgres://postgres@127.0.0.1:5432/test --pg-schema load

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::Parser;

use chat2task::api::AppState;
use chat2task::store::{Store, StoreConfig};

#[derive(Parser, Debug)]
struct Args {
    /// Database URL (a fresh file or schema is best).
    #[arg(long, default_value = "sqlite:///tmp/chat2task-load.db")]
    db: String,
    /// PostgreSQL schema to use (dropped and recreated).
    #[arg(long)]
    pg_schema: Option<String>,
    /// Tasks to create through the API.
    #[arg(long, default_value_t = 20_000)]
    n: usize,
    /// Concurrent HTTP clients.
    #[arg(long, default_value_t = 32)]
    concurrency: usize,
    /// Store size for the listing test.
    #[arg(long, default_value_t = 100_000)]
    list_size: i64,
    /// Listing requests to time.
    #[arg(long, default_value_t = 2_000)]
    queries: usize,
    /// Chat messages to post to `POST /v1/messages` (batches of 500, 4 clients); 0 skips.
    #[arg(long, default_value_t = 50_000)]
    messages: usize,
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
    if let Some(path) = args.db.strip_prefix("sqlite://") {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{path}{suffix}"));
        }
    }
    let mut config = StoreConfig::new(&args.db);
    config.max_connections = std::env::var("POOL").ok().and_then(|v| v.parse().ok()).unwrap_or(16);
    if let Some(schema) = &args.pg_schema {
        let admin = Store::connect(&StoreConfig::new(&args.db)).await?;
        sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE")).execute(admin.pool()).await?;
        config.pg_schema = Some(schema.clone());
    }
    let store = Store::connect(&config).await.context("connect")?;
    let ws = store.default_workspace().await?;
    let (_, token) = store.create_token(ws, "admin", None, "load").await?;
    let project = store.create_project(ws, "load", "", "load", None).await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(chat2task::api::serve(listener, AppState::new(store.clone())));
    let base = format!("http://{addr}");
    let client = reqwest::Client::builder().pool_max_idle_per_host(args.concurrency).build()?;

    // 1. Creations.
    let started = Instant::now();
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut workers = Vec::new();
    for _ in 0..args.concurrency {
        let (client, base, token, next) = (client.clone(), base.clone(), token.clone(), next.clone());
        let (n, project_id) = (args.n, project.id);
        workers.push(tokio::spawn(async move {
            let mut errors = 0usize;
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= n {
                    break;
                }
                const OWNERS: [&str; 4] = ["刘洋", "王磊", "赵敏", "孙悦"];
                const PRIORITIES: [&str; 4] = ["P0", "P1", "P2", "P3"];
                let (owner, priority) = (OWNERS[i % 4], PRIORITIES[i % 4]);
                let body = serde_json::json!({
                    "project_id": project_id,
                    "title": format!("任务 {i} 接口文档整理"),
                    "owners": [owner],
                    "due_date": format!("2026-12-{:02}", 1 + i % 28),
                    "priority": priority,
                });
                match client.post(format!("{base}/v1/tasks")).bearer_auth(&token).json(&body).send().await {
                    Ok(r) if r.status().as_u16() == 201 => {}
                    Ok(r) => {
                        if errors == 0 {
                            eprintln!("first error: {} {}", r.status(), r.text().await.unwrap_or_default());
                        }
                        errors += 1
                    }
                    Err(e) => {
                        if errors == 0 {
                            eprintln!("first error: {e}");
                        }
                        errors += 1
                    }
                }
            }
            errors
        }));
    }
    let mut errors = 0;
    for w in workers {
        errors += w.await?;
    }
    let secs = started.elapsed().as_secs_f64();
    let (groups, grouped) = store.group_commit_stats();
    println!(
        "create: {} tasks in {:.2} s = {:.0} tasks/s through POST /v1/tasks ({} clients, {} errors; {} group commits, {:.1} tasks each)",
        args.n,
        secs,
        args.n as f64 / secs,
        args.concurrency,
        errors,
        groups,
        grouped as f64 / groups.max(1) as f64
    );

    // 1b. Message ingestion: archived (durable) before the answer.
    if args.messages > 0 {
        let started = Instant::now();
        let batches: Vec<usize> = (0..args.messages).step_by(500).collect();
        let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let mut clients = Vec::new();
        for _ in 0..4 {
            let (client, base, token, next, batches) =
                (client.clone(), base.clone(), token.clone(), next.clone(), batches.clone());
            let total = args.messages;
            clients.push(tokio::spawn(async move {
                let mut failed = 0usize;
                loop {
                    let b = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(start) = batches.get(b).copied() else { break };
                    let msgs: Vec<serde_json::Value> = (start..(start + 500).min(total))
                        .map(|i| {
                            serde_json::json!({
                                "id": format!("m{i}"), "chat": format!("group-{}", i % 20),
                                "ts": "2026-03-02T09:12:00+08:00", "sender": "周敏",
                                "members": ["周敏", "李想", "王芳"], "text": format!("@李想 周五前把第{i}号报价单发我"),
                            })
                        })
                        .collect();
                    let r = client
                        .post(format!("{base}/v1/messages"))
                        .bearer_auth(&token)
                        .json(&serde_json::json!({"messages": msgs}))
                        .send()
                        .await;
                    if !matches!(r, Ok(ref r) if r.status().is_success()) {
                        failed += 1;
                    }
                }
                failed
            }));
        }
        let mut failed = 0;
        for c in clients {
            failed += c.await?;
        }
        let secs = started.elapsed().as_secs_f64();
        println!(
            "ingest: {} messages archived in {:.2} s = {:.0} messages/s through POST /v1/messages (batches of 500, 4 clients, {} failed batches)",
            args.messages,
            secs,
            args.messages as f64 / secs,
            failed
        );
    }

    // 2. Top up to list_size with bulk SQL, then time the filtered listing.
    let (have,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM tasks").fetch_one(store.pool()).await?;
    let statuses = ["todo", "doing", "done", "cancelled", "proposed"];
    let mut i = have;
    while i < args.list_size {
        let mut tx = store.pool().begin().await?;
        for _ in 0..1000 {
            if i >= args.list_size {
                break;
            }
            sqlx::query(
                "INSERT INTO tasks (project_id, title, due_date, due_sort, priority, status, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $3, 'P2', $4, 'load', 0, 0)",
            )
            .bind(project.id)
            .bind(format!("批量任务 {i}"))
            .bind(format!("2027-{:02}-{:02}", 1 + i % 12, 1 + i % 28))
            .bind(statuses[(i % 5) as usize])
            .execute(&mut *tx)
            .await?;
            i += 1;
        }
        tx.commit().await?;
    }
    let mut latencies = Vec::with_capacity(args.queries);
    for q in 0..args.queries {
        let status = statuses[q % 5];
        let t = Instant::now();
        let r = client
            .get(format!("{base}/v1/tasks?project_id={}&status={status}", project.id))
            .bearer_auth(&token)
            .send()
            .await?;
        let ok = r.status().is_success();
        let _ = r.bytes().await?;
        latencies.push(t.elapsed());
        anyhow::ensure!(ok, "listing failed");
    }
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "list: GET /v1/tasks?project_id&status (50 per page) over {} tasks: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({} requests)",
        args.list_size,
        ms(pct(0.50)),
        ms(pct(0.99)),
        ms(latencies[latencies.len() - 1]),
        args.queries
    );
    Ok(())
}
