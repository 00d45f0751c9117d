//! Outbound notifications against local HTTP servers that check payloads and signatures:
//! retries with backoff, dead-lettering, and the per-target rate limit with digests.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::routing::post;
use serde_json::{Value, json};

use crate::common::sqlite_app;
use chat2task::notify::dispatch::{DispatchConfig, Dispatcher};
use chat2task::platforms::outbound;

#[derive(Clone, Default)]
struct Receiver {
    seen: Arc<Mutex<Vec<(String, HeaderMap, String)>>>,
    /// Answer 500 to this many requests first.
    fail_first: Arc<Mutex<usize>>,
}

async fn receiver(rx: Receiver) -> String {
    let app = Router::new().route(
        "/hook",
        post(move |uri: Uri, headers: HeaderMap, body: Bytes| {
            let rx = rx.clone();
            async move {
                let body = String::from_utf8_lossy(&body).into_owned();
                rx.seen.lock().expect("lock").push((uri.to_string(), headers, body));
                let mut fail = rx.fail_first.lock().expect("lock");
                if *fail > 0 {
                    *fail -= 1;
                    return (StatusCode::INTERNAL_SERVER_ERROR, "boom".to_string());
                }
                (StatusCode::OK, json!({"errcode": 0, "errmsg": "ok"}).to_string())
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}/hook")
}

fn config() -> DispatchConfig {
    DispatchConfig { max_attempts: 3, ..DispatchConfig::default() }
}

#[tokio::test]
async fn payloads_are_signed_and_within_platform_limits() {
    let app = sqlite_app().await;
    let rx = Receiver::default();
    let url = receiver(rx.clone()).await;
    let hook = app.store.create_target(1, "crm", "webhook", &url, "s3cret", None, 20).await.expect("target");
    let wecom = app.store.create_target(1, "群机器人", "wecom_robot", &url, "", None, 20).await.expect("target");
    let feishu = app.store.create_target(1, "飞书", "feishu_bot", &url, "fs-secret", None, 20).await.expect("target");
    let ding = app
        .store
        .create_target(1, "钉钉", "dingtalk_robot", &format!("{url}?access_token=t"), "SECabc", None, 20)
        .await
        .expect("target");
    let long_lines: Vec<String> = (0..400).map(|i| format!("第{i}项：请检查仓库盘点表")).collect();
    for target in [hook.id, wecom.id, feishu.id, ding.id] {
        app.store
            .enqueue_notification(target, "digest", "今日到期", &long_lines, &json!({"project_id": 1}), None)
            .await
            .expect("enqueue");
    }
    let now = chat2task::store::now_ms();
    let report = Dispatcher::new(app.store.clone(), config()).run_once(now).await.expect("round");
    assert_eq!(report.sent, 4, "{report:?}");
    let seen = rx.seen.lock().expect("lock").clone();
    assert_eq!(seen.len(), 4);
    // Generic webhook: HMAC-SHA256 over "timestamp.body", verifiable by the receiver.
    let (_, headers, body) = &seen[0];
    let ts = headers.get("x-chat2task-timestamp").and_then(|v| v.to_str().ok()).expect("timestamp header");
    let sig = headers.get("x-chat2task-signature").and_then(|v| v.to_str().ok()).expect("signature header");
    outbound::verify_generic("s3cret", ts, sig, body.as_bytes(), now / 1000, 300).expect("signature verifies");
    assert!(outbound::verify_generic("wrong", ts, sig, body.as_bytes(), now / 1000, 300).is_err());
    let payload: Value = serde_json::from_str(body).expect("json");
    assert_eq!(payload["lines"].as_array().map(Vec::len), Some(400), "webhooks carry everything");
    // WeCom markdown stays within 4096 bytes and says where the rest is.
    let wecom_body: Value = serde_json::from_str(&seen[1].2).expect("json");
    let content = wecom_body["markdown"]["content"].as_str().expect("content");
    assert!(content.len() <= 4096 && content.ends_with("…(更多见看板)"), "{} bytes", content.len());
    // Feishu: timestamp + sign fields.
    let feishu_body: Value = serde_json::from_str(&seen[2].2).expect("json");
    assert!(feishu_body["sign"].as_str().is_some_and(|s| !s.is_empty()) && feishu_body["timestamp"].is_string());
    // DingTalk: the signature rides on the URL.
    assert!(
        seen[3].0.contains("access_token=t") && seen[3].0.contains("&timestamp=") && seen[3].0.contains("&sign="),
        "{}",
        seen[3].0
    );
}

#[tokio::test]
async fn failures_are_retried_with_backoff_then_dead_lettered() {
    let app = sqlite_app().await;
    let flaky = Receiver { fail_first: Arc::new(Mutex::new(2)), ..Receiver::default() };
    let flaky_url = receiver(flaky.clone()).await;
    let target = app.store.create_target(1, "erp", "webhook", &flaky_url, "k", None, 20).await.expect("target");
    app.store.enqueue_notification(target.id, "alert", "任务可能延期", &[], &json!({}), None).await.expect("enqueue");
    let dispatcher = Dispatcher::new(app.store.clone(), config());
    let t0 = chat2task::store::now_ms();
    assert_eq!(dispatcher.run_once(t0).await.expect("round").retried, 1);
    // Not due again until the backoff has passed.
    assert_eq!(dispatcher.run_once(t0 + 1_000).await.expect("round"), Default::default());
    assert_eq!(dispatcher.run_once(t0 + 11_000).await.expect("round").retried, 1);
    assert_eq!(dispatcher.run_once(t0 + 60_000).await.expect("round").sent, 1);
    assert_eq!(flaky.seen.lock().expect("lock").len(), 3);

    let down = Receiver { fail_first: Arc::new(Mutex::new(usize::MAX)), ..Receiver::default() };
    let down_url = receiver(down).await;
    let dead_target = app.store.create_target(1, "down", "webhook", &down_url, "k", None, 20).await.expect("target");
    app.store.enqueue_notification(dead_target.id, "alert", "x", &[], &json!({}), None).await.expect("enqueue");
    let mut dead = 0;
    for hour in 0..5 {
        dead += dispatcher.run_once(t0 + 3_600_000 * (hour + 1)).await.expect("round").dead;
    }
    assert_eq!(dead, 1);
    let parked = app.store.list_outbox(1, Some("dead"), 10).await.expect("outbox");
    assert_eq!(parked.len(), 1);
    assert_eq!(parked[0].attempts, 3);
    assert!(parked[0].last_error.as_deref().is_some_and(|e| e.contains("500")));
}

#[tokio::test]
async fn the_rate_limit_folds_overflow_into_a_digest_and_loses_nothing() {
    let app = sqlite_app().await;
    let rx = Receiver::default();
    let url = receiver(rx.clone()).await;
    let target = app.store.create_target(1, "群", "wecom_robot", &url, "", None, 20).await.expect("target");
    for i in 0..30 {
        app.store
            .enqueue_notification(target.id, "confirmation", &format!("已创建任务 {i}"), &[], &json!({}), None)
            .await
            .expect("enqueue");
    }
    // Dedupe keys keep a repeated alert out.
    let first = app
        .store
        .enqueue_notification(target.id, "alert", "风险", &[], &json!({}), Some("risk:1:80"))
        .await
        .expect("q");
    let again = app
        .store
        .enqueue_notification(target.id, "alert", "风险", &[], &json!({}), Some("risk:1:80"))
        .await
        .expect("q");
    assert!(first.is_some() && again.is_none());
    let dispatcher = Dispatcher::new(app.store.clone(), config());
    let now = chat2task::store::now_ms();
    let report = dispatcher.run_once(now).await.expect("round");
    assert_eq!((report.sent, report.merged), (20, 12), "19 single messages + 1 digest of the other 12");
    assert_eq!(dispatcher.run_once(now + 5_000).await.expect("round").sent, 0, "the minute's budget is spent");
    let seen = rx.seen.lock().expect("lock").clone();
    assert_eq!(seen.len(), 20);
    let digest = &seen[19].2;
    assert!(digest.contains("12 条更新") && digest.contains("已创建任务 29") && digest.contains("风险"), "{digest}");
    let all = app.store.list_outbox(1, None, 100).await.expect("outbox");
    let (sent, merged) =
        (all.iter().filter(|i| i.status == "sent").count(), all.iter().filter(|i| i.status == "merged").count());
    assert_eq!((sent, merged, all.len()), (20, 12, 32), "every notification is sent or inside a sent digest");
}

#[tokio::test]
async fn risky_tasks_alert_once_until_the_risk_rises() {
    let app = sqlite_app().await;
    let rx = Receiver::default();
    let url = receiver(rx.clone()).await;
    let (_, project) = app.admin("POST", "/v1/projects", Some(json!({"name": "门店"}))).await;
    let p = project["id"].as_i64().expect("project");
    app.store.create_target(1, "群", "webhook", &url, "k", Some(p), 20).await.expect("target");
    let today = chrono::Utc::now().with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).expect("tz")).date_naive();
    // An overloaded owner with a task due yesterday, and a calm one due in two months.
    for i in 0..10 {
        let due = (today + chrono::Duration::days(i64::from(i % 3) - 1)).to_string();
        app.admin(
            "POST",
            "/v1/tasks",
            Some(json!({"project_id": p, "title": format!("盘点{i}"), "owners": ["王芳"], "due_date": due})),
        )
        .await;
    }
    let far = (today + chrono::Duration::days(60)).to_string();
    app.admin(
        "POST",
        "/v1/tasks",
        Some(json!({"project_id": p, "title": "年度总结", "owners": ["李想"], "due_date": far})),
    )
    .await;
    let model = chat2task::forecast::retrain::ActiveModel::prior(std::sync::Arc::new(
        chat2task::risk::prior_model().expect("prior"),
    ));
    let first = chat2task::notify::queue_risk_alerts(&app.store, 1, &model, 0.5).await.expect("scan");
    assert!(first >= 1, "an overdue task of a swamped owner is at risk");
    let again = chat2task::notify::queue_risk_alerts(&app.store, 1, &model, 0.5).await.expect("scan");
    assert_eq!(again, 0, "no repeat while risk and due date stay the same");
    let outbox = app.store.list_outbox(1, None, 100).await.expect("outbox");
    assert!(outbox.iter().all(|i| i.category == "alert" && !i.title.contains("年度总结")), "{outbox:?}");
    assert!(outbox.iter().any(|i| i.lines.iter().any(|l| l.starts_with("原因："))), "alerts carry reasons");
}
