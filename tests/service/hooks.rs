//! The platform doors against the published vectors in `../shared/benchmarks/wecom/`:
//! URL verification, decryption, signatures, the replay window, and that a rejected callback
//! stores nothing.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::common::{TestApp, sqlite_app_with_hooks};
use chat2task::api::hooks::HookConfig;
use chat2task::platforms::{dingtalk, feishu, wecom};

fn vectors() -> Option<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/benchmarks/wecom/test_vectors.json");
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text).ok(),
        Err(_) => {
            eprintln!("skipped: {path} is absent");
            None
        }
    }
}

fn vector<'v>(all: &'v Value, group: &str, id: &str) -> &'v Value {
    all["wecom"][group].as_array().and_then(|v| v.iter().find(|x| x["id"] == id)).expect("vector present")
}

fn wecom_config(v: &Value, max_skew: u64) -> HookConfig {
    let c = &v["config"];
    let crypto = wecom::WecomCrypto::new(
        c["token"].as_str().unwrap_or(""),
        c["encoding_aes_key"].as_str().unwrap_or(""),
        c["receiveid"].as_str().unwrap_or(""),
    )
    .expect("crypto");
    HookConfig { wecom: Some(crypto), max_skew, auto_register_chats: true, ..Default::default() }
}

fn enc(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

async fn archived(app: &TestApp) -> i64 {
    let (_, out) = app.admin("GET", "/v1/messages", None).await;
    out["total"].as_i64().unwrap_or(-1)
}

#[tokio::test]
async fn wecom_url_verification_answers_the_bare_echostr() {
    let Some(all) = vectors() else { return };
    let v = vector(&all, "published", "wecom-go-verify-url");
    let app = sqlite_app_with_hooks(wecom_config(v, 0)).await;
    let r = &v["request"];
    let uri = |sig: &str| {
        format!(
            "/v1/hooks/wecom?msg_signature={sig}&timestamp={}&nonce={}&echostr={}",
            r["timestamp"].as_str().unwrap_or(""),
            r["nonce"].as_str().unwrap_or(""),
            enc(r["echostr"].as_str().unwrap_or(""))
        )
    };
    let (status, body) = app.call("GET", &uri(r["msg_signature"].as_str().unwrap_or("")), None, None).await;
    assert_eq!(status, StatusCode::OK);
    // The answer is the bare text (the harness parses it as JSON when it can, hence the match).
    let text = match &body {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    assert_eq!(text, v["expected"]["plaintext"].as_str().unwrap_or("?"));
    let (status, body) = app.call("GET", &uri("0000000000000000000000000000000000000000"), None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert!(body.pointer("/error/code").is_some());
    // The same published request is years old: with the default replay window it is refused.
    let strict = sqlite_app_with_hooks(wecom_config(v, 300)).await;
    let (status, _) = strict.call("GET", &uri(r["msg_signature"].as_str().unwrap_or("")), None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn wecom_ai_bot_messages_are_archived_once_and_bad_ones_not_at_all() {
    let Some(all) = vectors() else { return };
    let v = vector(&all, "derived", "wecom-derived-aibot-json-empty-receiveid");
    let app = sqlite_app_with_hooks(wecom_config(v, 0)).await;
    let r = &v["request"];
    let uri = |sig: &str| {
        format!(
            "/v1/hooks/wecom?msg_signature={sig}&timestamp={}&nonce={}",
            r["timestamp"].as_str().unwrap_or(""),
            r["nonce"].as_str().unwrap_or("")
        )
    };
    let body = r["body"].as_str().unwrap_or("");
    let good = uri(r["msg_signature"].as_str().unwrap_or(""));
    for _ in 0..3 {
        let (status, out) = app.call_raw("POST", &good, None, Some(body), "application/json").await;
        assert_eq!(status, StatusCode::OK, "{out}");
    }
    assert_eq!(archived(&app).await, 1, "a redelivered callback is archived once");
    let (_, chats) = app.admin("GET", "/v1/chats", None).await;
    assert_eq!((chats[0]["platform"].as_str(), chats[0]["external_id"].as_str()), (Some("wecom"), Some("CHATID")));
    let bad = uri("477715d11cdb4164915debcba66cb864d751f3e7");
    let (status, out) = app.call_raw("POST", &bad, None, Some(body), "application/json").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{out}");
    let (status, _) = app.call_raw("POST", &good, None, Some("{\"encrypt\": \"!!!\"}"), "application/json").await;
    assert!(status.is_client_error());
    assert_eq!(archived(&app).await, 1, "rejected callbacks store nothing");
}

#[tokio::test]
async fn feishu_challenge_signed_encrypted_events() {
    let key = "feishu-key";
    let token = "verify-token";
    let app = sqlite_app_with_hooks(HookConfig {
        feishu_encrypt_key: Some(key.into()),
        feishu_verification_token: Some(token.into()),
        max_skew: 300,
        auto_register_chats: true,
        ..Default::default()
    })
    .await;
    let challenge = json!({"challenge": "abc123", "token": token, "type": "url_verification"}).to_string();
    let (status, out) = app.call_raw("POST", "/v1/hooks/feishu", None, Some(&challenge), "application/json").await;
    assert_eq!((status, out), (StatusCode::OK, json!({"challenge": "abc123"})));
    let event = json!({
        "schema": "2.0",
        "header": {"event_id": "ev-1", "event_type": "im.message.receive_v1", "create_time": "1767225600000", "token": token},
        "event": {
            "sender": {"sender_id": {"open_id": "ou_1"}, "sender_type": "user"},
            "message": {"message_id": "om_1", "chat_id": "oc_1", "chat_type": "group", "message_type": "text",
                        "create_time": "1767225600000", "content": "{\"text\":\"@_user_1 周五前把报价单发我\"}",
                        "mentions": [{"key": "@_user_1", "id": {"open_id": "ou_2"}, "name": "李想"}]}
        }
    });
    let encrypted = json!({"encrypt": feishu::encrypt_with_iv(key, &event.to_string(), [7u8; 16])}).to_string();
    let ts = chrono::Utc::now().timestamp().to_string();
    let sig = feishu::signature(&ts, "n1", key, encrypted.as_bytes());
    let headers = |sig: &str| {
        vec![
            ("x-lark-request-timestamp", ts.clone()),
            ("x-lark-request-nonce", "n1".to_string()),
            ("x-lark-signature", sig.to_string()),
        ]
    };
    let (status, out) = app
        .call_with_headers("POST", "/v1/hooks/feishu", None, Some(&encrypted), "application/json", &headers(&sig))
        .await;
    assert_eq!(status, StatusCode::OK, "{out}");
    let (_, messages) = app.admin("GET", "/v1/messages", None).await;
    assert_eq!(messages["items"][0]["text"], "@李想 周五前把报价单发我");
    let (status, _) = app
        .call_with_headers("POST", "/v1/hooks/feishu", None, Some(&encrypted), "application/json", &headers("00ff"))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let wrong_token = json!({"challenge": "x", "token": "nope", "type": "url_verification"}).to_string();
    let (status, _) = app.call_raw("POST", "/v1/hooks/feishu", None, Some(&wrong_token), "application/json").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(archived(&app).await, 1);
}

#[tokio::test]
async fn dingtalk_signed_callbacks_and_unconfigured_doors() {
    let secret = "ding-secret";
    let app = sqlite_app_with_hooks(HookConfig {
        dingtalk_secret: Some(secret.into()),
        max_skew: 300,
        auto_register_chats: true,
        ..Default::default()
    })
    .await;
    let body = json!({
        "msgId": "msg-1", "conversationId": "cid-1", "senderNick": "周敏", "senderStaffId": "s1",
        "msgtype": "text", "text": {"content": " 请王芳明天核对库存"}, "createAt": 1767225600000i64, "atUsers": []
    })
    .to_string();
    let ts = chrono::Utc::now().timestamp_millis().to_string();
    let headers = |sign: String| vec![("timestamp", ts.clone()), ("sign", sign)];
    let (status, out) = app
        .call_with_headers(
            "POST",
            "/v1/hooks/dingtalk",
            None,
            Some(&body),
            "application/json",
            &headers(dingtalk::sign(&ts, secret)),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{out}");
    let (status, _) = app
        .call_with_headers(
            "POST",
            "/v1/hooks/dingtalk",
            None,
            Some(&body),
            "application/json",
            &headers(dingtalk::sign(&ts, "other")),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (_, messages) = app.admin("GET", "/v1/messages", None).await;
    assert_eq!((messages["total"].as_i64(), messages["items"][0]["sender"].as_str()), (Some(1), Some("周敏")));
    // Doors without configuration say so.
    let (status, out) = app.call_raw("POST", "/v1/hooks/feishu", None, Some("{}"), "application/json").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{out}");
}

/// An extractor that takes `0` to read each message and finds nothing (a stand-in for a slow
/// model), to show that the doors do not wait for processing.
struct SlowExtractor(std::time::Duration);

impl chat2task::pipeline::Extract for SlowExtractor {
    fn extract(
        &self,
        _msg: &chat2task::ingest::ChatMessage,
        _context: &chat2task::lifecycle::Context,
    ) -> Vec<chat2task::lifecycle::TaskDraft> {
        std::thread::sleep(self.0);
        Vec::new()
    }
}

/// WeCom retries a callback that gets no answer within a few seconds; the door must answer at
/// once (here: under 1 s) even while the worker spends 2 s on each message. Uses a made-up
/// token and key (not the published vectors), so it runs without `../shared`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wecom_door_answers_within_a_second_while_processing_is_slow() {
    let (token, key) = ("chat2task-test-token", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
    let door = wecom::WecomCrypto::new(token, key, "").expect("crypto");
    let platform = wecom::WecomCrypto::new(token, key, "").expect("crypto");
    let app = sqlite_app_with_hooks(HookConfig {
        wecom: Some(door),
        max_skew: 300,
        auto_register_chats: true,
        ..Default::default()
    })
    .await;
    let pipeline = std::sync::Arc::new(chat2task::pipeline::Pipeline::new(std::sync::Arc::new(SlowExtractor(
        std::time::Duration::from_secs(2),
    ))));
    let worker = chat2task::ingest::worker::Worker::new(
        app.store.clone(),
        pipeline,
        chat2task::ingest::worker::WorkerConfig::default(),
        std::sync::Arc::default(),
    );
    let running = tokio::spawn(worker.run());
    let mut slowest = std::time::Duration::ZERO;
    for i in 0..3 {
        let plaintext = json!({
            "msgid": format!("aibot-{i}"), "aibotid": "bot", "chatid": "wrChat", "chattype": "group",
            "from": {"userid": "zhoumin"}, "msgtype": "text", "text": {"content": format!("@李想 周五前把第{i}版报价单发我")}
        })
        .to_string();
        let ts = chrono::Utc::now().timestamp().to_string();
        let nonce = format!("nonce{i}");
        let (encrypt, signature) = platform.encrypt_reply(&plaintext, &ts, &nonce, [b'r'; 16]).expect("encrypt");
        let body = json!({"encrypt": encrypt}).to_string();
        let uri = format!("/v1/hooks/wecom?msg_signature={signature}&timestamp={ts}&nonce={nonce}");
        let started = std::time::Instant::now();
        let (status, out) = app.call_raw("POST", &uri, None, Some(&body), "application/json").await;
        let took = started.elapsed();
        assert_eq!(status, StatusCode::OK, "{out}");
        slowest = slowest.max(took);
        if i == 0 {
            // Let the worker (1 s poll) pick the first message up and sit in the slow extractor.
            tokio::time::sleep(std::time::Duration::from_millis(1300)).await;
        }
    }
    let (processed,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM messages WHERE processed = 1")
        .fetch_one(app.store.pool())
        .await
        .expect("count");
    running.abort();
    assert_eq!(archived(&app).await, 3);
    assert!(processed < 3, "the worker was still busy while the door answered ({processed} processed)");
    assert!(slowest < std::time::Duration::from_secs(1), "slowest answer {slowest:?}");
}

/// Feishu redelivers an event (same `event_id`, same message) when it gets no 200 within ~3 s:
/// every delivery is answered 200 and the message is archived once.
#[tokio::test]
async fn feishu_redeliveries_are_archived_once() {
    let token = "verify-token";
    let app = sqlite_app_with_hooks(HookConfig {
        feishu_verification_token: Some(token.into()),
        max_skew: 300,
        auto_register_chats: true,
        ..Default::default()
    })
    .await;
    let event = |event_id: &str| {
        json!({
            "schema": "2.0",
            "header": {"event_id": event_id, "event_type": "im.message.receive_v1", "create_time": "1767225600000", "token": token},
            "event": {
                "sender": {"sender_id": {"open_id": "ou_1"}, "sender_type": "user"},
                "message": {"message_id": "om_retry", "chat_id": "oc_1", "chat_type": "group", "message_type": "text",
                            "create_time": "1767225600000", "content": "{\"text\":\"请王芳明天核对库存\"}"}
            }
        })
        .to_string()
    };
    // Three retries of one event, then the same message under a new event id.
    for event_id in ["ev-r", "ev-r", "ev-r", "ev-r2"] {
        let started = std::time::Instant::now();
        let (status, out) =
            app.call_raw("POST", "/v1/hooks/feishu", None, Some(&event(event_id)), "application/json").await;
        assert_eq!((status, &out), (StatusCode::OK, &json!({})));
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }
    assert_eq!(archived(&app).await, 1, "redeliveries are archived once");
}
