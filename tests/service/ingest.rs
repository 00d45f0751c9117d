//! Ingestion: the `POST /v1/messages` contract, idempotent processing under duplicate delivery,
//! restart resume, the task lifecycle from chat, and the NATS JetStream queue.

use std::sync::Arc;

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::common::{TestApp, assert_error_shape, sqlite_app};
use chat2task::ingest::worker::{Worker, WorkerConfig};
use chat2task::ingest::{self, ChatMessage};
use chat2task::lifecycle::{Context, TaskDraft};
use chat2task::pipeline::{Extract, Pipeline};
use chat2task::store::Priority;

/// A test double for the extractor: a message starting with "请" asks its @-mentioned member
/// (or nobody) to do the rest of the message.
struct RequestExtractor;

impl Extract for RequestExtractor {
    fn extract(&self, msg: &ChatMessage, _context: &Context) -> Vec<TaskDraft> {
        let Some(rest) = msg.text.strip_prefix('请') else { return Vec::new() };
        let owner = msg.members.iter().find(|m| rest.starts_with(m.as_str())).cloned();
        let title = owner.as_deref().map(|o| rest.trim_start_matches(o)).unwrap_or(rest).trim().to_string();
        vec![TaskDraft {
            title,
            owners: owner.into_iter().collect(),
            due_date: None,
            due_time: None,
            priority: Priority::P2,
            confidence: 0.9,
            evidence: json!([]),
            owner_ambiguous: false,
        }]
    }
}

fn message(id: &str, sender: &str, text: &str, reply_to: Option<(&str, &str)>) -> Value {
    json!({
        "id": id, "chat": "group-1", "ts": "2026-03-02T09:00:00+08:00", "sender": sender,
        "members": ["周敏", "李想", "王芳"], "text": text,
        "reply_to": reply_to.map(|(s, t)| json!({"sender": s, "text": t})),
    })
}

fn worker(app: &TestApp) -> Worker {
    let pipeline = Arc::new(Pipeline::new(Arc::new(RequestExtractor)));
    Worker::new(app.store.clone(), pipeline, WorkerConfig::default(), Arc::default())
}

async fn tasks(app: &TestApp) -> Vec<Value> {
    let (_, out) = app.admin("GET", "/v1/tasks?limit=500", None).await;
    out["items"].as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn post_messages_contract() {
    let app = sqlite_app().await;
    let m = message("m1", "周敏", "请李想整理报销单据", None);
    let (status, out) = app.admin("POST", "/v1/messages", Some(m.clone())).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{out}");
    assert_eq!(out["duplicate"], false);
    let (status, out) = app.admin("POST", "/v1/messages", Some(m)).await;
    assert!(status.is_success(), "{status}");
    assert_eq!(out["duplicate"], true);
    let batch = json!({"messages": [message("m1", "周敏", "x", None), message("m2", "李想", "好的", None)]});
    let (status, out) = app.admin("POST", "/v1/messages", Some(batch)).await;
    assert_eq!(status, StatusCode::OK, "{out}");
    assert_eq!((out["accepted"].as_u64(), out["duplicates"].as_u64()), (Some(1), Some(1)));
    // The chat was registered on first sight, unbound.
    let (_, chats) = app.admin("GET", "/v1/chats", None).await;
    assert_eq!(chats[0]["external_id"], "group-1");
    assert_eq!(chats[0]["project_id"], Value::Null);
    // Bad messages: a clear 422 naming the field, and nothing stored.
    let mut bad_ts = message("m3", "周敏", "x", None);
    bad_ts["ts"] = "昨天".into();
    let mut no_text = message("m4", "周敏", "x", None);
    no_text.as_object_mut().map(|o| o.remove("text"));
    let bad_batch = json!({"messages": [message("m5", "周敏", "x", None), {"id": "m6"}]});
    for (body, needle) in [(bad_ts, "RFC 3339"), (no_text, "text"), (bad_batch, "messages[1]"), (json!([1, 2]), "")] {
        let (status, out) = app.admin("POST", "/v1/messages", Some(body)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{out}");
        assert_error_shape(&out, "bad message");
        assert!(out["error"]["message"].as_str().unwrap_or("").contains(needle), "{out}");
    }
    let (_, archive) = app.admin("GET", "/v1/messages", None).await;
    assert_eq!(archive["total"], 2, "only m1 and m2 are archived");
}

#[tokio::test]
async fn ten_fold_duplicate_delivery_files_each_task_once() {
    let app = sqlite_app().await;
    let n = 1000;
    for _round in 0..10 {
        let batch: Vec<Value> =
            (0..n).map(|i| message(&format!("m{i}"), "周敏", &format!("请李想处理第{i}号工单"), None)).collect();
        let (status, _) = app.admin("POST", "/v1/messages", Some(json!({"messages": batch}))).await;
        assert_eq!(status, StatusCode::OK);
        // Processing in between deliveries must not re-file anything either.
        worker(&app).drain().await.expect("drain");
    }
    let (_, first) = app.admin("GET", "/v1/tasks?limit=500", None).await;
    assert_eq!(first["total"], n, "exactly one task per message");
    let (_, second) = app.admin("GET", "/v1/tasks?limit=500&offset=500", None).await;
    let all: Vec<Value> =
        [&first, &second].iter().flat_map(|p| p["items"].as_array().cloned().unwrap_or_default()).collect();
    assert_eq!(all.len(), n);
    assert!(all.iter().all(|t| t["owners"] == json!(["李想"]) && t["status"] == "todo"));
}

#[tokio::test]
async fn a_restarted_worker_resumes_unprocessed_messages() {
    let app = sqlite_app().await;
    for i in 0..5 {
        app.admin("POST", "/v1/messages", Some(message(&format!("m{i}"), "周敏", &format!("请王芳回访客户{i}"), None)))
            .await;
    }
    assert_eq!(tasks(&app).await.len(), 0, "nothing processed yet: no worker ran");
    // A worker that starts later (a restart) finds the archived, unprocessed messages.
    assert_eq!(worker(&app).drain().await.expect("drain"), 5);
    assert_eq!(tasks(&app).await.len(), 5);
    assert_eq!(worker(&app).drain().await.expect("drain"), 0, "processed messages are not processed again");
}

#[tokio::test]
async fn later_messages_update_the_task_they_refer_to() {
    let app = sqlite_app().await;
    let w = worker(&app);
    let post = |v: Value| async { app.admin("POST", "/v1/messages", Some(v)).await };
    post(message("m1", "周敏", "请李想整理季度报销单据", None)).await;
    post(message("m2", "周敏", "请王芳更新仓库盘点表", None)).await;
    w.drain().await.expect("drain");
    let created = tasks(&app).await;
    assert_eq!(created.len(), 2);
    // Tasks from an unbound chat land in the inbox project.
    let (_, projects) = app.admin("GET", "/v1/projects", None).await;
    assert_eq!(projects[0]["name"], "收件箱");
    post(message("m3", "李想", "搞定了", Some(("周敏", "请李想整理季度报销单据")))).await;
    post(message("m4", "周敏", "盘点表推迟到下周一", None)).await;
    post(message("m5", "周敏", "下午的例会改到4点", None)).await;
    w.drain().await.expect("drain");
    let after = tasks(&app).await;
    let find = |title: &str| after.iter().find(|t| t["title"].as_str().is_some_and(|x| x.contains(title))).cloned();
    let reimburse = find("报销").expect("reimbursement task");
    let stock = find("盘点").expect("stock task");
    assert_eq!(reimburse["status"], "done");
    assert_eq!(stock["due_date"], "2026-03-09", "下周一 from Monday 2026-03-02");
    assert_eq!(after.len(), 2, "updates and notices create no tasks");
    let (_, events) = app.admin("GET", &format!("/v1/tasks/{}/events", reimburse["id"]), None).await;
    let done = events.as_array().and_then(|e| e.iter().find(|x| x["field"] == "status")).expect("status event");
    assert_eq!(done["message_id"], "group-1/m3", "the event cites the message that caused it");
}

#[tokio::test]
async fn nats_workers_process_and_ack() {
    let Ok(url) = std::env::var("CHAT2TASK_TEST_NATS") else {
        eprintln!("skipped: nats_workers_process_and_ack needs CHAT2TASK_TEST_NATS (set by .ci/run)");
        return;
    };
    let app = sqlite_app().await;
    let js = ingest::nats::connect(&url).await.expect("nats");
    js.get_stream(ingest::nats::STREAM).await.expect("stream").purge().await.expect("purge");
    let mut ids = Vec::new();
    for i in 0..20 {
        let msg =
            ingest::parse_message(message(&format!("n{i}"), "周敏", &format!("请李想核对发票{i}"), None)).expect("msg");
        let accepted = ingest::accept(&app.store, 1, "api", &msg).await.expect("accept");
        ingest::nats::publish(&js, accepted.message_id).await.expect("publish");
        ids.push(accepted.message_id);
    }
    // Redeliver a few ids on purpose: at-least-once must not mean twice.
    for id in &ids[..5] {
        ingest::nats::publish(&js, *id).await.expect("publish");
    }
    let handled = ingest::nats::run_worker(&js, &worker(&app), Some(25)).await.expect("worker");
    assert_eq!(handled, 25);
    assert_eq!(tasks(&app).await.len(), 20);

    // In the same test (they share the stream): a real `chat2task worker` process is killed with
    // SIGKILL mid-batch; a second one finishes. Nothing acknowledged is lost, nothing is filed twice.
    killed_worker_loses_nothing(&url, &js).await;
}

async fn killed_worker_loses_nothing(url: &str, js: &async_nats::jetstream::Context) {
    js.get_stream(ingest::nats::STREAM).await.expect("stream").purge().await.expect("purge");
    let dir = tempfile::tempdir().expect("dir");
    let db = format!("sqlite://{}", dir.path().join("kill.db").display());
    let store = chat2task::store::Store::connect(&chat2task::store::StoreConfig::new(&db)).await.expect("store");
    let n = 300;
    let batch: Vec<ChatMessage> = (0..n)
        .map(|i| {
            ingest::parse_message(message(&format!("k{i}"), "周敏", &format!("@李想 周五前把第{i}号报价单发我"), None))
                .expect("msg")
        })
        .collect();
    let accepted = ingest::accept_batch(&store, 1, "api", &batch).await.expect("archive");
    for a in &accepted {
        ingest::nats::publish(js, a.message_id).await.expect("publish");
    }
    let processed = |store: chat2task::store::Store| async move {
        let (k,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM messages WHERE processed = 1")
            .fetch_one(store.pool())
            .await
            .expect("count");
        k
    };
    let spawn = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_chat2task"))
            .args(["worker", "--nats", url, "--db", &db])
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn worker")
    };
    let mut first = spawn();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while processed(store.clone()).await < 20 {
        assert!(std::time::Instant::now() < deadline, "the first worker made no progress");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    first.kill().expect("SIGKILL");
    let _ = first.wait();
    let at_kill = processed(store.clone()).await;
    assert!(at_kill < n, "killed mid-batch ({at_kill} of {n} processed)");
    let mut second = spawn();
    while processed(store.clone()).await < n {
        assert!(std::time::Instant::now() < deadline, "the second worker did not finish");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    second.kill().expect("stop");
    let _ = second.wait();
    let (tasks,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM tasks").fetch_one(store.pool()).await.expect("tasks");
    let (distinct,): (i64,) = sqlx::query_as("SELECT COUNT(DISTINCT source_message) FROM tasks")
        .fetch_one(store.pool())
        .await
        .expect("distinct");
    assert_eq!(
        (tasks, distinct),
        (i64::from(n), i64::from(n)),
        "one task per message after a SIGKILL (killed at {at_kill})"
    );
}

/// `chat2task ingest` on a WeCom 会话存档 export (the self-written fixture
/// `tests/data/wecom_archive.jsonl`): userids shown as member names, non-text records skipped and
/// counted, malformed lines reported by number while the rest is filed, and a second import of
/// the same file changes nothing (idempotent on `msgid`).
#[tokio::test]
async fn wecom_archive_export_is_imported_once() {
    let dir = tempfile::tempdir().expect("dir");
    let db = format!("sqlite://{}", dir.path().join("archive.db").display());
    let store = chat2task::store::Store::connect(&chat2task::store::StoreConfig::new(&db)).await.expect("store");
    let ws = store.default_workspace().await.expect("workspace");
    for (name, userid) in [("周敏", "zhoumin"), ("李想", "lixiang"), ("王芳", "wangfang")] {
        let member = chat2task::store::members::NewMember {
            name: name.into(),
            platform_ids: [("wecom".to_string(), userid.to_string())].into(),
            ..Default::default()
        };
        store.create_member(ws, &member).await.expect("member");
    }
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/wecom_archive.jsonl");
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_chat2task"))
            .args(["ingest", fixture, "--db", &db])
            .env("RUST_LOG", "warn")
            .output()
            .expect("run ingest")
    };
    let snapshot = |store: chat2task::store::Store| async move {
        let count = |sql: &'static str| {
            let store = store.clone();
            async move {
                let (n,): (i64,) = sqlx::query_as(sql).fetch_one(store.pool()).await.expect(sql);
                n
            }
        };
        (
            count("SELECT COUNT(*) FROM messages").await,
            count("SELECT COUNT(*) FROM tasks").await,
            count("SELECT COUNT(*) FROM message_effects").await,
            count("SELECT COUNT(*) FROM task_events").await,
            count("SELECT COUNT(*) FROM messages WHERE processed = 1").await,
        )
    };

    let first = run();
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(!first.status.success(), "bad lines make the exit status non-zero");
    for line in [":10: not JSON", ":13: `msgtime` is missing", ":14: `text.content`"] {
        assert!(stderr.contains(line), "expected `{line}` in:\n{stderr}");
    }
    assert!(stderr.contains("archived 7 messages (0 already archived), 3 bad lines"), "{stderr}");
    assert!(stderr.contains("4 records skipped (image 1, recall 1, switch 1, voice 1)"), "{stderr}");
    let after_first = snapshot(store.clone()).await;
    assert_eq!((after_first.0, after_first.4), (7, 7), "every text message archived and processed");
    assert!(after_first.1 >= 3, "tasks were filed: {after_first:?}");

    // Userids became display names in the archive.
    let (sender, members): (String, String) =
        sqlx::query_as("SELECT sender, members FROM messages WHERE external_id = 'wa-0001'")
            .fetch_one(store.pool())
            .await
            .expect("wa-0001");
    assert_eq!(sender, "周敏");
    assert_eq!(members, r#"["周敏","李想","王芳"]"#);
    let chats: Vec<(String, String)> = sqlx::query_as("SELECT platform, external_id FROM chats ORDER BY id")
        .fetch_all(store.pool())
        .await
        .expect("chats");
    assert_eq!(
        chats,
        [
            ("wecom".to_string(), "wrOgQhDgAAcwMTB7YmDkbeBsgT_AAAAA".to_string()),
            ("wecom".to_string(), "single:lixiang:zhoumin".to_string())
        ]
    );
    // "@李想 周五前把报价单发给客户" is 李想's task; the reply quoting "谁能整理…" hands that task to him.
    let owned: Vec<(String, String)> = sqlx::query_as(
        "SELECT t.source_message, m.name FROM tasks t JOIN task_owners o ON o.task_id = t.id \
         JOIN members m ON m.id = o.member_id ORDER BY t.id",
    )
    .fetch_all(store.pool())
    .await
    .expect("owners");
    assert!(owned.contains(&("wa-0001".into(), "李想".into())), "{owned:?}");
    assert!(owned.contains(&("wa-0002".into(), "李想".into())), "{owned:?}");

    let second = run();
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(stderr.contains("archived 0 messages (7 already archived)"), "{stderr}");
    assert_eq!(snapshot(store.clone()).await, after_first, "a second import files nothing");
}

/// A worker killed after filing a task but before queueing its confirmation: the rerun finds the
/// task already there and still confirms it, once; a further redelivery adds nothing.
#[tokio::test]
async fn a_rerun_after_a_crash_before_the_confirmation_still_confirms_once() {
    let app = sqlite_app().await;
    app.store.create_target(1, "group", "webhook", "http://127.0.0.1:9/", "", None, 20).await.expect("target");
    app.admin("POST", "/v1/messages", Some(message("c1", "周敏", "请李想核对发票", None))).await;
    // What the first, killed run had filed: the task, but no confirmation and no processed mark.
    let inbox = app.store.inbox_project(1).await.expect("inbox");
    let mut new = chat2task::store::tasks::NewTask::new(inbox, "核对发票");
    new.owners = vec!["李想".into()];
    new.source_chat = Some("group-1".into());
    new.source_message = Some("c1".into());
    let cause = chat2task::store::tasks::Cause { actor: "pipeline".into(), message_id: Some("group-1/c1".into()) };
    app.store.create_task(1, &new, &cause).await.expect("task");
    let count = |sql: &'static str| {
        let store = app.store.clone();
        async move {
            let (n,): (i64,) = sqlx::query_as(sql).fetch_one(store.pool()).await.expect(sql);
            n
        }
    };
    assert_eq!(worker(&app).drain().await.expect("drain"), 1);
    let confirmations = "SELECT COUNT(*) FROM outbox WHERE category = 'confirmation'";
    let effects = "SELECT COUNT(*) FROM message_effects WHERE effect = 'created'";
    assert_eq!((count(confirmations).await, count(effects).await), (1, 1));
    // NATS redelivers the same message after another crash.
    sqlx::query("UPDATE messages SET processed = 0").execute(app.store.pool()).await.expect("reset");
    assert_eq!(worker(&app).drain().await.expect("drain"), 1);
    assert_eq!((count(confirmations).await, count(effects).await), (1, 1));
    assert_eq!(tasks(&app).await.len(), 1);
}
