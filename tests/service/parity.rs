//! Same behaviour on SQLite and PostgreSQL: one scenario through the API on both, answers compared
//! after removing timestamps. Skipped (with a note) when `CHAT2TASK_TEST_PG` is unset.

use serde_json::{Value, json};

use crate::common::{TestApp, pg_app, sqlite_app};

/// Drops fields that legitimately differ between runs (times).
fn normalise(v: &Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| !k.ends_with("_at") && k.as_str() != "ts")
                .map(|(k, v)| (k.clone(), normalise(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(normalise).collect()),
        other => other.clone(),
    }
}

async fn scenario(app: &TestApp) -> Vec<Value> {
    let mut log = Vec::new();
    let mut step = |s: axum::http::StatusCode, v: Value| log.push(json!({"status": s.as_u16(), "body": normalise(&v)}));
    let (s, v) =
        app.admin("POST", "/v1/members", Some(json!({"name": "刘洋", "aliases": ["小刘"], "skills": ["后端"]}))).await;
    step(s, v);
    let (s, v) = app.admin("POST", "/v1/members", Some(json!({"name": "刘洋"}))).await;
    step(s, v);
    let (s, v) = app.admin("POST", "/v1/projects", Some(json!({"name": "App 3.2", "description": "送审"}))).await;
    let p = v["id"].as_i64().unwrap_or_default();
    step(s, v);
    let (s, v) = app
        .admin("POST", &format!("/v1/projects/{p}/stages"), Some(json!({"name": "开发", "end_date": "2026-03-01"})))
        .await;
    step(s, v);
    for (title, owners, due, time, prio, tags) in [
        ("接口文档", json!(["小刘"]), json!("2026-03-06"), json!("18:00"), "P1", json!(["文档", "100%_done"])),
        ("闪退定位", json!(["王磊", "刘洋"]), json!("2026-03-04"), Value::Null, "P0", json!(["安卓"])),
        ("隐私协议", json!([]), Value::Null, Value::Null, "P3", json!([])),
    ] {
        let (s, v) = app
            .admin("POST", "/v1/tasks", Some(json!({"project_id": p, "title": title, "owners": owners, "due_date": due, "due_time": time, "priority": prio, "tags": tags})))
            .await;
        step(s, v);
    }
    for query in [
        format!("project_id={p}"),
        format!("project_id={p}&owner=%E5%88%98%E6%B4%8B"),
        "tag=100%25_done".to_string(),
        "tag=100%25".to_string(),
        "q=%E6%96%87%E6%A1%A3".to_string(),
        "due_before=2026-03-05".to_string(),
        "status=todo&limit=1&offset=1".to_string(),
    ] {
        let (s, v) = app.admin("GET", &format!("/v1/tasks?{query}"), None).await;
        step(s, v);
    }
    let (s, v) =
        app.admin("PATCH", "/v1/tasks/1", Some(json!({"status": "done", "due_date": null, "due_time": null}))).await;
    step(s, v);
    let (s, v) = app.admin("GET", "/v1/tasks/1/events", None).await;
    step(s, v);
    let (s, v) = app.admin("DELETE", &format!("/v1/projects/{p}"), None).await;
    step(s, v);
    let (s, v) = app.admin("GET", "/v1/tasks", None).await;
    step(s, v);
    let (s, v) = app.admin("GET", "/v1/audit?limit=100", None).await;
    step(s, v.as_array().map(|rows| Value::from(rows.len())).unwrap_or(Value::Null));
    log
}

#[tokio::test]
async fn sqlite_and_postgres_answer_the_same() {
    let Some(pg) = pg_app("parity").await else {
        return;
    };
    let sqlite = sqlite_app().await;
    let a = scenario(&sqlite).await;
    let b = scenario(&pg).await;
    assert_eq!(a.len(), b.len());
    for (idx, (x, y)) in a.iter().zip(&b).enumerate() {
        assert_eq!(x, y, "step {idx} differs between SQLite (left) and PostgreSQL (right)");
    }
}

#[tokio::test]
async fn postgres_runs_the_permission_checks_too() {
    let Some(pg) = pg_app("rbac").await else {
        return;
    };
    let (_, member) = pg.store.create_token(1, "guest", None, "").await.expect("token");
    let (s, v) = pg.call("POST", "/v1/projects", Some(&member), Some(json!({"name": "x"}))).await;
    assert_eq!(s.as_u16(), 403, "{v}");
    let (s, _) = pg.call("POST", "/v1/projects", None, Some(json!({"name": "x"}))).await;
    assert_eq!(s.as_u16(), 401);
}
