//! Behaviour of the REST API on SQLite: CRUD, filters, paging, the event log, and bad input.

use axum::http::StatusCode;
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::common::{TestApp, assert_error_shape, sqlite_app};

async fn project(app: &TestApp, name: &str) -> i64 {
    let (status, body) = app.admin("POST", "/v1/projects", Some(json!({"name": name}))).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body["id"].as_i64().expect("project id")
}

#[tokio::test]
async fn task_crud_filters_and_events() {
    let app = sqlite_app().await;
    let p = project(&app, "发布 3.2").await;
    let other = project(&app, "其他").await;
    let mk = |title: &str, owners: Value, due: Value, status: &str, tags: Value| json!({"project_id": p, "title": title, "owners": owners, "due_date": due, "priority": "P1", "status": status, "tags": tags});
    for body in [
        mk("接口文档", json!(["刘洋"]), json!("2026-03-06"), "todo", json!(["文档"])),
        mk("闪退定位", json!(["王磊", "刘洋"]), json!("2026-03-04"), "doing", json!(["安卓"])),
        mk("隐私协议", json!(["赵敏"]), Value::Null, "todo", json!([])),
        mk("自测报告", json!([]), json!("2026-03-10"), "done", json!(["文档"])),
    ] {
        let (status, out) = app.admin("POST", "/v1/tasks", Some(body)).await;
        assert_eq!(status, StatusCode::CREATED, "{out}");
    }
    let (status, _) = app.admin("POST", "/v1/tasks", Some(json!({"project_id": other, "title": "别的项目"}))).await;
    assert_eq!(status, StatusCode::CREATED);

    let titles = |v: &Value| -> Vec<String> {
        v["items"].as_array().expect("items").iter().map(|t| t["title"].as_str().unwrap_or("").to_string()).collect()
    };
    let (_, all) = app.admin("GET", &format!("/v1/tasks?project_id={p}"), None).await;
    assert_eq!(titles(&all), ["闪退定位", "接口文档", "自测报告", "隐私协议"], "ordered by due date, undated last");
    assert_eq!(all["total"], 4);
    let (_, by_owner) = app.admin("GET", &format!("/v1/tasks?project_id={p}&owner=%E5%88%98%E6%B4%8B"), None).await;
    assert_eq!(titles(&by_owner), ["闪退定位", "接口文档"]);
    let (_, by_status) = app.admin("GET", &format!("/v1/tasks?project_id={p}&status=todo"), None).await;
    assert_eq!(titles(&by_status), ["接口文档", "隐私协议"]);
    let (_, by_tag) = app.admin("GET", &format!("/v1/tasks?project_id={p}&tag=%E6%96%87%E6%A1%A3"), None).await;
    assert_eq!(titles(&by_tag), ["接口文档", "自测报告"]);
    let (_, due) =
        app.admin("GET", &format!("/v1/tasks?project_id={p}&due_after=2026-03-05&due_before=2026-03-08"), None).await;
    assert_eq!(titles(&due), ["接口文档"]);
    let (_, text) = app.admin("GET", "/v1/tasks?q=%E6%8A%A5%E5%91%8A", None).await;
    assert_eq!(titles(&text), ["自测报告"]);
    let (_, page) = app.admin("GET", &format!("/v1/tasks?project_id={p}&limit=3&offset=0"), None).await;
    assert_eq!(page["items"].as_array().map(Vec::len), Some(3));
    assert_eq!(page["next_offset"], 3);
    let (_, page2) = app.admin("GET", &format!("/v1/tasks?project_id={p}&limit=3&offset=3"), None).await;
    assert_eq!(titles(&page2), ["隐私协议"]);
    assert_eq!(page2["next_offset"], Value::Null);

    // Update: each changed field is one event, with old and new values.
    let id = all["items"][1]["id"].as_i64().expect("id");
    let (status, updated) = app
        .admin(
            "PATCH",
            &format!("/v1/tasks/{id}"),
            Some(json!({"due_date": "2026-03-09", "due_time": "18:00", "status": "doing", "owners": ["王磊"]})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["due_time"], "18:00");
    assert_eq!(updated["owners"], json!(["王磊"]));
    let (_, events) = app.admin("GET", &format!("/v1/tasks/{id}/events"), None).await;
    let fields: Vec<&str> = events.as_array().expect("events").iter().filter_map(|e| e["field"].as_str()).collect();
    assert_eq!(fields, ["due_date", "due_time", "status", "owners"]);
    assert_eq!(events[1]["old_value"], "2026-03-06");
    assert_eq!(events[1]["new_value"], "2026-03-09");
    // Clearing the date alone would leave a time without a date: refused, nothing half-applied.
    let (status, body) = app.admin("PATCH", &format!("/v1/tasks/{id}"), Some(json!({"due_date": null}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    // Comments join the same log.
    let (status, _) = app.admin("POST", &format!("/v1/tasks/{id}/comments"), Some(json!({"text": "周四前能好"}))).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = app.admin("DELETE", &format!("/v1/tasks/{id}"), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = app.admin("GET", &format!("/v1/tasks/{id}"), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_error_shape(&body, "deleted task");
}

#[tokio::test]
async fn owners_resolve_by_alias_and_unknown_names_become_placeholders() {
    let app = sqlite_app().await;
    let (status, _) = app.admin("POST", "/v1/members", Some(json!({"name": "刘洋", "aliases": ["小刘"]}))).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = app.admin("POST", "/v1/members", Some(json!({"name": "刘洋"}))).await;
    assert_eq!(status, StatusCode::CONFLICT, "duplicate member name");
    let p = project(&app, "p").await;
    let (_, task) = app
        .admin("POST", "/v1/tasks", Some(json!({"project_id": p, "title": "t", "owners": ["小刘", "新同事"]})))
        .await;
    assert_eq!(task["owners"], json!(["刘洋", "新同事"]));
    let (_, members) = app.admin("GET", "/v1/members", None).await;
    let placeholder = members.as_array().expect("members").iter().find(|m| m["name"] == "新同事").expect("created");
    assert_eq!(placeholder["placeholder"], true);
}

#[tokio::test]
async fn chats_bind_and_the_archive_is_searchable() {
    let app = sqlite_app().await;
    let p = project(&app, "p").await;
    let (status, chat) =
        app.admin("POST", "/v1/chats", Some(json!({"platform": "wecom", "external_id": "wrk1", "name": "群"}))).await;
    assert_eq!(status, StatusCode::CREATED, "{chat}");
    let chat_id = chat["id"].as_i64().expect("chat id");
    let (status, bound) =
        app.admin("PATCH", &format!("/v1/chats/{chat_id}"), Some(json!({"project_id": p, "mode": "propose"}))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(bound["project_id"], p);
    let store_chat = app.store.get_chat(1, chat_id).await.expect("chat");
    let report = chat2task::demo::replay(&app.store, &store_chat, include_str!("../../datasets/demo/chat.jsonl"), None)
        .await
        .expect("replay");
    assert!(report.contains("archived 12"), "{report}");
    let (_, found) = app.admin("GET", &format!("/v1/messages?project_id={p}&q=%E9%97%AA%E9%80%80"), None).await;
    assert_eq!(found["total"], 2, "two demo messages mention 闪退: {found}");
    let (_, by_sender) =
        app.admin("GET", &format!("/v1/messages?chat_id={chat_id}&sender=%E5%AD%99%E6%82%A6"), None).await;
    assert_eq!(by_sender["total"], 2, "孙悦 sent m06 and m10");
    let (_, window) = app
        .admin(
            "GET",
            &format!(
                "/v1/messages?chat_id={chat_id}&since=2026-11-24T00:00:00%2B08:00&until=2026-11-24T12:00:00%2B08:00"
            ),
            None,
        )
        .await;
    assert_eq!(window["total"], 3);
    // Re-delivering the same messages archives nothing new.
    chat2task::demo::replay(&app.store, &store_chat, include_str!("../../datasets/demo/chat.jsonl"), None)
        .await
        .expect("replay");
    let (_, again) = app.admin("GET", &format!("/v1/messages?chat_id={chat_id}"), None).await;
    assert_eq!(again["total"], 12);
}

#[tokio::test]
async fn bad_input_gets_json_4xx() {
    let app = sqlite_app().await;
    let p = project(&app, "p").await;
    let token = app.admin.clone();
    let cases: Vec<(&str, &str, Option<&str>, &str, StatusCode)> = vec![
        ("POST", "/v1/tasks", Some("{\"project_id\": "), "application/json", StatusCode::BAD_REQUEST),
        ("POST", "/v1/tasks", Some("not json"), "application/json", StatusCode::BAD_REQUEST),
        (
            "POST",
            "/v1/tasks",
            Some("{\"project_id\": \"x\", \"title\": \"t\"}"),
            "application/json",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ("POST", "/v1/tasks", Some("{\"title\": \"t\"}"), "application/json", StatusCode::UNPROCESSABLE_ENTITY),
        (
            "POST",
            "/v1/tasks",
            Some("{\"project_id\": 1, \"title\": \"t\", \"bogus\": 1}"),
            "application/json",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "POST",
            "/v1/tasks",
            Some("{\"project_id\": 1, \"title\": \"   \"}"),
            "application/json",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "POST",
            "/v1/tasks",
            Some("{\"project_id\": 1, \"title\": \"t\", \"due_date\": \"2026-02-30\"}"),
            "application/json",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "POST",
            "/v1/tasks",
            Some("{\"project_id\": 1, \"title\": \"t\", \"due_date\": \"2026-02-03\", \"due_time\": \"25:00\"}"),
            "application/json",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "POST",
            "/v1/tasks",
            Some("{\"project_id\": 1, \"title\": \"t\", \"priority\": \"P9\"}"),
            "application/json",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "POST",
            "/v1/tasks",
            Some("{\"project_id\": 1, \"title\": \"t\", \"status\": \"later\"}"),
            "application/json",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "POST",
            "/v1/tasks",
            Some("{\"project_id\": 999, \"title\": \"t\"}"),
            "application/json",
            StatusCode::NOT_FOUND,
        ),
        (
            "POST",
            "/v1/tasks",
            Some("{\"project_id\": 1, \"title\": \"t\"}"),
            "text/plain",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            "POST",
            "/v1/tasks",
            Some("{\"project_id\": 1, \"title\": \"t\", \"stage_id\": 77}"),
            "application/json",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ("GET", "/v1/tasks?limit=abc", None, "", StatusCode::BAD_REQUEST),
        ("GET", "/v1/tasks?status=later", None, "", StatusCode::UNPROCESSABLE_ENTITY),
        ("GET", "/v1/tasks?due_before=tomorrow", None, "", StatusCode::UNPROCESSABLE_ENTITY),
        ("GET", "/v1/tasks/abc", None, "", StatusCode::BAD_REQUEST),
        ("GET", "/v1/tasks/99999999999999999999", None, "", StatusCode::BAD_REQUEST),
        ("GET", "/v1/messages?since=yesterday", None, "", StatusCode::UNPROCESSABLE_ENTITY),
        ("GET", "/v1/nothing-here", None, "", StatusCode::NOT_FOUND),
        ("PUT", "/v1/tasks", None, "", StatusCode::METHOD_NOT_ALLOWED),
        ("POST", "/v1/projects", Some("{\"name\": \"\"}"), "application/json", StatusCode::UNPROCESSABLE_ENTITY),
        ("POST", "/v1/tokens", Some("{\"role\": \"god\"}"), "application/json", StatusCode::UNPROCESSABLE_ENTITY),
        (
            "POST",
            "/v1/chats",
            Some("{\"platform\": \"wecom\", \"external_id\": \"c\", \"mode\": \"loud\"}"),
            "application/json",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ];
    for (method, uri, body, content_type, expected) in cases {
        let (status, out) = app.call_raw(method, uri, Some(&token), body, content_type).await;
        assert_eq!(status, expected, "{method} {uri} {body:?}: {out}");
        assert_error_shape(&out, &format!("{method} {uri}"));
    }
    let big = format!("{{\"project_id\": {p}, \"title\": \"{}\"}}", "长".repeat(400_000));
    let (status, out) = app.call_raw("POST", "/v1/tasks", Some(&token), Some(&big), "application/json").await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{out}");
    assert_error_shape(&out, "oversized body");
    for (header_token, what) in [(Some("wrong"), "unknown token"), (None, "no token")] {
        let (status, out) = app.call("GET", "/v1/tasks", header_token, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{what}");
        assert_error_shape(&out, what);
    }
    // Nothing was created by any of the rejected calls.
    let (_, tasks) = app.admin("GET", "/v1/tasks", None).await;
    assert_eq!(tasks["total"], 0);
}

#[tokio::test]
async fn openapi_lists_every_route_and_metrics_are_prometheus_text() {
    let app = sqlite_app().await;
    let (status, spec) = app.call("GET", "/openapi.json", None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(spec["openapi"].as_str().is_some_and(|v| v.starts_with("3.")), "{}", spec["openapi"]);
    let paths = spec["paths"].as_object().expect("paths");
    for path in ["/v1/projects", "/v1/tasks", "/v1/tasks/{id}", "/v1/messages", "/healthz", "/metrics"] {
        assert!(paths.contains_key(path), "{path} missing from openapi");
    }
    // Every operation documents its responses.
    for (path, item) in paths {
        for (method, op) in item.as_object().expect("path item") {
            assert!(op["responses"].as_object().is_some_and(|r| !r.is_empty()), "{method} {path} has no responses");
        }
    }
    let (status, _) = app.call("GET", "/healthz", None, None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, text) = app.call("GET", "/metrics", None, None).await;
    assert_eq!(status, StatusCode::OK);
    let text = text.as_str().expect("metrics text");
    assert!(
        text.contains("chat2task_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1"),
        "{text}"
    );
}

fn arbitrary_body() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(any::<u8>(), 0..64).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        (
            any::<i64>(),
            any::<String>(),
            proptest::collection::vec(any::<String>(), 0..3),
            any::<String>(),
            any::<String>()
        )
            .prop_map(|(p, title, owners, due, prio)| {
                json!({"project_id": p, "title": title, "owners": owners, "due_date": due, "priority": prio})
                    .to_string()
            }),
        (any::<String>(), any::<String>()).prop_map(|(k, v)| format!(
            "{{\"{}\": \"{}\"}}",
            k.replace('"', ""),
            v.replace('"', "")
        )),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]
    /// No body, path or query makes a handler panic or answer 5xx; every failure is the JSON envelope.
    #[test]
    fn handlers_never_fail_on_arbitrary_input(body in arbitrary_body(), path_seg in "[^/?#]{0,12}", query in "[a-z_]{1,10}=[^&#]{0,12}") {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        rt.block_on(async {
            let app = sqlite_app().await;
            let token = app.admin.clone();
            let seg: String = path_seg.chars().filter(|c| !c.is_control() && *c != ' ' && *c != '%').collect();
            let q: String = query.chars().filter(|c| !c.is_control() && *c != ' ' && *c != '%').collect();
            let seg = urlencode(&seg);
            let q = urlencode_query(&q);
            for (method, uri, b) in [
                ("POST", "/v1/tasks".to_string(), Some(body.as_str())),
                ("POST", "/v1/projects".to_string(), Some(body.as_str())),
                ("PATCH", format!("/v1/tasks/{seg}"), Some(body.as_str())),
                ("GET", format!("/v1/tasks?{q}"), None),
                ("GET", format!("/v1/messages?{q}"), None),
                ("POST", "/v1/members".to_string(), Some(body.as_str())),
            ] {
                let (status, out) = app.call_raw(method, &uri, Some(&token), b, "application/json").await;
                prop_assert!(!status.is_server_error(), "{} {} -> {} {}", method, uri, status, out);
                if !status.is_success() {
                    prop_assert!(out.pointer("/error/code").is_some(), "{} {} -> {}", method, uri, out);
                }
            }
            Ok(())
        })?;
    }
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

fn urlencode_query(s: &str) -> String {
    match s.split_once('=') {
        Some((k, v)) => format!("{}={}", k, urlencode(v)),
        None => urlencode(s),
    }
}

#[tokio::test]
async fn calendar_feeds_serve_ics_until_revoked() {
    let app = sqlite_app().await;
    let p = project(&app, "门店").await;
    for (title, due, time) in [("盘点", "2026-12-01", Value::Null), ("周会材料", "2026-12-02", json!("09:30"))] {
        app.admin(
            "POST",
            "/v1/tasks",
            Some(json!({"project_id": p, "title": title, "owners": ["王芳"], "due_date": due, "due_time": time})),
        )
        .await;
    }
    app.admin("POST", "/v1/tasks", Some(json!({"project_id": p, "title": "无日期"}))).await;
    let (status, feed) = app.admin("POST", "/v1/calendar/feeds", Some(json!({"project_id": p}))).await;
    assert_eq!(status, StatusCode::CREATED, "{feed}");
    let url = feed["url"].as_str().expect("url").to_string();
    let (status, ics) = app.call("GET", &url, None, None).await;
    assert_eq!(status, StatusCode::OK);
    let ics = ics.as_str().expect("text").to_string();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.contains("DTSTART;VALUE=DATE:20261201"), "{ics}");
    assert!(ics.contains("DTSTART;TZID=Asia/Shanghai:20261202T093000"));
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
    let (status, _) = app.admin("DELETE", &format!("/v1/calendar/feeds/{}", feed["id"]), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = app.call("GET", &url, None, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a revoked feed stops at once: {body}");
    let (status, _) = app.call("GET", "/v1/calendar/cal_guess.ics", None, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn risk_rises_with_load_and_closeness_and_suggestions_follow_history() {
    let app = sqlite_app().await;
    let p = project(&app, "门店").await;
    for name in ["王芳", "李想", "陈晨"] {
        app.admin("POST", "/v1/members", Some(json!({"name": name}))).await;
    }
    let today = chrono::Utc::now().with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).expect("tz")).date_naive();
    let day = |n: i64| (today + chrono::Duration::days(n)).to_string();
    // 王芳 is swamped and her task is due tomorrow; 李想 has one task due in a month.
    let mut ids = Vec::new();
    for i in 0..12 {
        let (_, t) = app
            .admin("POST", "/v1/tasks", Some(json!({"project_id": p, "title": format!("门店盘点{i}"), "owners": ["王芳"], "due_date": day(1 + i % 5), "tags": ["盘点"]})))
            .await;
        ids.push(t["id"].as_i64().expect("id"));
    }
    let (_, calm) = app
        .admin("POST", "/v1/tasks", Some(json!({"project_id": p, "title": "年度合同归档", "owners": ["李想"], "due_date": day(30), "tags": ["合同"]})))
        .await;
    let (status, risky) = app.admin("GET", &format!("/v1/tasks/{}/risk", ids[0]), None).await;
    assert_eq!(status, StatusCode::OK, "{risky}");
    let (_, safe) = app.admin("GET", &format!("/v1/tasks/{}/risk", calm["id"]), None).await;
    let (p_risky, p_safe) = (risky["probability"].as_f64().unwrap_or(0.0), safe["probability"].as_f64().unwrap_or(1.0));
    assert!(p_risky > p_safe, "due tomorrow with 12 open tasks ({p_risky}) vs due in a month with one ({p_safe})");
    assert!(!risky["reasons"].as_array().map(Vec::is_empty).unwrap_or(true), "reasons are given: {risky}");
    let (_, ranked) = app.admin("GET", &format!("/v1/projects/{p}/risks"), None).await;
    let probs: Vec<f64> = ranked.as_array().expect("list").iter().filter_map(|r| r["probability"].as_f64()).collect();
    assert_eq!(probs.len(), 13);
    assert!(probs.windows(2).all(|w| w[0] >= w[1]), "sorted by risk: {probs:?}");
    // Done tasks have no risk to predict.
    app.admin("PATCH", &format!("/v1/tasks/{}", calm["id"]), Some(json!({"status": "done"}))).await;
    let (status, _) = app.admin("GET", &format!("/v1/tasks/{}/risk", calm["id"]), None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // A stock-take task goes to whoever did stock-takes, a contract to whoever did contracts.
    let (status, out) =
        app.admin("POST", "/v1/assignees/suggest", Some(json!({"title": "门店盘点复核", "tags": ["盘点"]}))).await;
    assert_eq!(status, StatusCode::OK, "{out}");
    assert_eq!(out["suggestions"][0]["member"], "王芳", "{out}");
    let (_, out) =
        app.admin("POST", "/v1/assignees/suggest", Some(json!({"title": "合同归档检查", "tags": ["合同"]}))).await;
    assert_eq!(out["suggestions"][0]["member"], "李想", "{out}");
}

#[tokio::test]
async fn extract_reads_tasks_and_stores_nothing() {
    let app = sqlite_app().await;
    let msg = |id: &str, text: &str| json!({"id": id, "chat": "g1", "ts": "2026-03-02T09:00:00+08:00", "sender": "安娜", "members": ["安娜", "白雪", "刘洋"], "text": text});
    let (status, one) = app.admin("POST", "/v1/extract", Some(msg("m1", "@白雪 周五前把季度报告发我"))).await;
    assert_eq!(status, StatusCode::OK, "{one}");
    assert_eq!(one["id"], "m1");
    let task = &one["tasks"][0];
    assert_eq!(task["owners"], json!(["白雪"]), "{one}");
    assert_eq!(task["due_date"], "2026-03-06", "{one}");
    assert!(task["title"].as_str().is_some_and(|t| t.contains("季度报告")), "{one}");

    let (status, batch) = app
        .admin(
            "POST",
            "/v1/extract",
            Some(json!({"messages": [msg("a", "好的收到"), msg("b", "刘洋明天下班前整理会议纪要")]})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{batch}");
    assert_eq!(batch["results"][0]["id"], "a");
    assert_eq!(batch["results"][0]["tasks"], json!([]), "an acknowledgement holds no task: {batch}");
    assert_eq!(batch["results"][1]["tasks"][0]["owners"], json!(["刘洋"]), "{batch}");

    let (status, err) =
        app.admin("POST", "/v1/extract", Some(json!({"messages": [msg("a", "好的"), json!({"id": "b"})]}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    assert_error_shape(&err, "extract with a bad item");
    assert!(err["error"]["message"].as_str().is_some_and(|m| m.contains("messages[1]")), "{err}");

    let (_, tasks) = app.admin("GET", "/v1/tasks", None).await;
    assert_eq!(tasks["total"], 0, "extraction stores nothing: {tasks}");
}
