//! The permission matrix of `docs/rbac.md`, endpoint by endpoint and role by role, on a fresh
//! workspace per call. Also checks that every allowed mutation writes exactly one audit row and
//! every denied call writes none, and that the table covers every route of the OpenAPI document.

use std::collections::BTreeSet;

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::common::{TestApp, assert_error_shape, sqlite_app};
use chat2task::store::members::NewMember;
use chat2task::store::projects::StageFields;
use chat2task::store::tasks::{Cause, NewTask};

/// Ids of the fixture every call starts from.
struct Fx {
    p: i64,
    s: i64,
    /// Task owned by the member-role user (B), created by the admin.
    t_b: i64,
    /// Task owned by the PM (A), created by the admin.
    t_a: i64,
    /// Task created by the member-role user's token.
    t_by_b: i64,
    m_b: i64,
    m_x: i64,
    chat: i64,
    tok_x: i64,
    /// A calendar feed created by the admin token.
    feed_admin: i64,
    /// An open task with a due date.
    t_due: i64,
    /// Tokens in role order: admin, pm (A, PM of p), member (B), guest (G), pm outsider (O).
    tokens: [String; 5],
}

async fn fixture(app: &TestApp) -> Fx {
    let store = &app.store;
    let ws = store.default_workspace().await.expect("ws");
    let mut ids = Vec::new();
    for name in ["安娜", "白雪", "高远", "欧阳", "小新"] {
        ids.push(
            store.create_member(ws, &NewMember { name: name.into(), ..Default::default() }).await.expect("member").id,
        );
    }
    let (a, b, g, o, x) = (ids[0], ids[1], ids[2], ids[3], ids[4]);
    let p = store.create_project(ws, "项目", "", "fixture", Some(a)).await.expect("project").id;
    store.set_project_member(p, b, "member").await.expect("b");
    store.set_project_member(p, g, "guest").await.expect("g");
    store.set_project_member(p, x, "member").await.expect("x");
    let s = store
        .create_stage(p, &StageFields { name: Some("开发".into()), ..Default::default() })
        .await
        .expect("stage")
        .id;
    let admin_cause = Cause { actor: "token:1".into(), message_id: None };
    let mut task = NewTask::new(p, "白雪的任务");
    task.owners = vec!["白雪".into()];
    let t_b = store.create_task(ws, &task, &admin_cause).await.expect("t_b").0.id;
    let mut task = NewTask::new(p, "安娜的任务");
    task.owners = vec!["安娜".into()];
    let t_a = store.create_task(ws, &task, &admin_cause).await.expect("t_a").0.id;
    let chat = store.create_chat(ws, "wecom", "chat-1", "群", Some(p), "auto").await.expect("chat").id;
    let tok = |role: &'static str, member: i64| async move {
        store.create_token(ws, role, Some(member), "").await.expect("token")
    };
    let (_, pm) = tok("pm", a).await;
    let (tb, member) = tok("member", b).await;
    let (_, guest) = tok("guest", g).await;
    let (_, outsider) = tok("pm", o).await;
    let (tx, _) = tok("member", x).await;
    let by_b = Cause { actor: format!("token:{}/member:{b}", tb.id), message_id: None };
    let t_by_b = store.create_task(ws, &NewTask::new(p, "白雪建的任务"), &by_b).await.expect("t_by_b").0.id;
    let feed_admin = store.create_feed(ws, None, Some(p), "token:1").await.expect("feed").0.id;
    let mut due = NewTask::new(p, "有截止的任务");
    due.owners = vec!["白雪".into()];
    due.due_date = chrono::NaiveDate::from_ymd_opt(2026, 12, 31);
    let t_due = store.create_task(ws, &due, &admin_cause).await.expect("t_due").0.id;
    Fx {
        t_due,
        feed_admin,
        p,
        s,
        t_b,
        t_a,
        t_by_b,
        m_b: b,
        m_x: x,
        chat,
        tok_x: tx.id,
        tokens: [app.admin.clone(), pm, member, guest, outsider],
    }
}

type PathFn = fn(&Fx) -> String;
type BodyFn = fn(&Fx) -> Option<Value>;

/// (method, OpenAPI path, concrete path, body, expected status for admin, pm, member, guest, outsider pm).
fn matrix() -> Vec<(&'static str, &'static str, PathFn, BodyFn, [u16; 5])> {
    vec![
        ("GET", "/v1/projects", |_| "/v1/projects".into(), |_| None, [200, 200, 200, 200, 200]),
        (
            "POST",
            "/v1/projects",
            |_| "/v1/projects".into(),
            |_| Some(json!({"name": "新项目"})),
            [201, 201, 403, 403, 201],
        ),
        ("GET", "/v1/projects/{id}", |f| format!("/v1/projects/{}", f.p), |_| None, [200, 200, 200, 200, 403]),
        (
            "PATCH",
            "/v1/projects/{id}",
            |f| format!("/v1/projects/{}", f.p),
            |_| Some(json!({"name": "改名"})),
            [200, 200, 403, 403, 403],
        ),
        ("DELETE", "/v1/projects/{id}", |f| format!("/v1/projects/{}", f.p), |_| None, [204, 204, 403, 403, 403]),
        (
            "GET",
            "/v1/projects/{id}/members",
            |f| format!("/v1/projects/{}/members", f.p),
            |_| None,
            [200, 200, 200, 200, 403],
        ),
        (
            "POST",
            "/v1/projects/{id}/members",
            |f| format!("/v1/projects/{}/members", f.p),
            |_| Some(json!({"name": "欧阳", "role": "guest"})),
            [200, 200, 403, 403, 403],
        ),
        (
            "DELETE",
            "/v1/projects/{id}/members/{member_id}",
            |f| format!("/v1/projects/{}/members/{}", f.p, f.m_x),
            |_| None,
            [204, 204, 403, 403, 403],
        ),
        (
            "GET",
            "/v1/projects/{id}/stages",
            |f| format!("/v1/projects/{}/stages", f.p),
            |_| None,
            [200, 200, 200, 200, 403],
        ),
        (
            "POST",
            "/v1/projects/{id}/stages",
            |f| format!("/v1/projects/{}/stages", f.p),
            |_| Some(json!({"name": "测试"})),
            [201, 201, 403, 403, 403],
        ),
        (
            "PATCH",
            "/v1/stages/{id}",
            |f| format!("/v1/stages/{}", f.s),
            |_| Some(json!({"name": "开发中"})),
            [200, 200, 403, 403, 403],
        ),
        ("DELETE", "/v1/stages/{id}", |f| format!("/v1/stages/{}", f.s), |_| None, [204, 204, 403, 403, 403]),
        ("GET", "/v1/tasks", |f| format!("/v1/tasks?project_id={}", f.p), |_| None, [200, 200, 200, 200, 403]),
        (
            "POST",
            "/v1/tasks",
            |_| "/v1/tasks".into(),
            |f| Some(json!({"project_id": f.p, "title": "新任务"})),
            [201, 201, 201, 403, 403],
        ),
        ("GET", "/v1/tasks/{id}", |f| format!("/v1/tasks/{}", f.t_a), |_| None, [200, 200, 200, 200, 403]),
        (
            "PATCH",
            "/v1/tasks/{id}",
            |f| format!("/v1/tasks/{}", f.t_b),
            |_| Some(json!({"status": "doing"})),
            [200, 200, 200, 403, 403],
        ),
        (
            "PATCH",
            "/v1/tasks/{id}",
            |f| format!("/v1/tasks/{}", f.t_a),
            |_| Some(json!({"status": "doing"})),
            [200, 200, 403, 403, 403],
        ),
        ("DELETE", "/v1/tasks/{id}", |f| format!("/v1/tasks/{}", f.t_b), |_| None, [204, 204, 403, 403, 403]),
        ("DELETE", "/v1/tasks/{id}", |f| format!("/v1/tasks/{}", f.t_by_b), |_| None, [204, 204, 204, 403, 403]),
        (
            "GET",
            "/v1/tasks/{id}/events",
            |f| format!("/v1/tasks/{}/events", f.t_a),
            |_| None,
            [200, 200, 200, 200, 403],
        ),
        (
            "POST",
            "/v1/tasks/{id}/comments",
            |f| format!("/v1/tasks/{}/comments", f.t_a),
            |_| Some(json!({"text": "好的"})),
            [201, 201, 201, 403, 403],
        ),
        ("GET", "/v1/members", |_| "/v1/members".into(), |_| None, [200, 200, 200, 403, 200]),
        ("POST", "/v1/members", |_| "/v1/members".into(), |_| Some(json!({"name": "新人"})), [201, 201, 403, 403, 201]),
        ("GET", "/v1/members/{id}", |f| format!("/v1/members/{}", f.m_b), |_| None, [200, 200, 200, 403, 200]),
        (
            "PATCH",
            "/v1/members/{id}",
            |f| format!("/v1/members/{}", f.m_b),
            |_| Some(json!({"aliases": ["小白"]})),
            [200, 403, 403, 403, 403],
        ),
        ("GET", "/v1/chats", |_| "/v1/chats".into(), |_| None, [200, 403, 403, 403, 403]),
        (
            "POST",
            "/v1/chats",
            |_| "/v1/chats".into(),
            |_| Some(json!({"platform": "feishu", "external_id": "oc_1"})),
            [201, 403, 403, 403, 403],
        ),
        (
            "PATCH",
            "/v1/chats/{id}",
            |f| format!("/v1/chats/{}", f.chat),
            |_| Some(json!({"mode": "propose"})),
            [200, 403, 403, 403, 403],
        ),
        ("GET", "/v1/messages", |f| format!("/v1/messages?project_id={}", f.p), |_| None, [200, 200, 200, 200, 403]),
        ("GET", "/v1/messages", |f| format!("/v1/messages?chat_id={}", f.chat), |_| None, [200, 200, 200, 200, 403]),
        ("GET", "/v1/messages", |_| "/v1/messages".into(), |_| None, [200, 422, 422, 422, 422]),
        (
            "POST",
            "/v1/messages",
            |_| "/v1/messages".into(),
            |_| {
                Some(
                    json!({"id": "m1", "chat": "c9", "ts": "2026-03-02T09:00:00+08:00", "sender": "安娜", "text": "请白雪看一下"}),
                )
            },
            [202, 202, 403, 403, 202],
        ),
        (
            "POST",
            "/v1/extract",
            |_| "/v1/extract".into(),
            |_| {
                Some(
                    json!({"id": "x1", "ts": "2026-03-02T09:00:00+08:00", "sender": "安娜", "members": ["安娜", "白雪"], "text": "@白雪 周五前把报告发我"}),
                )
            },
            [200, 200, 200, 403, 200],
        ),
        ("GET", "/v1/tokens", |_| "/v1/tokens".into(), |_| None, [200, 403, 403, 403, 403]),
        (
            "POST",
            "/v1/tokens",
            |_| "/v1/tokens".into(),
            |f| Some(json!({"role": "member", "member_id": f.m_b})),
            [201, 403, 403, 403, 403],
        ),
        ("DELETE", "/v1/tokens/{id}", |f| format!("/v1/tokens/{}", f.tok_x), |_| None, [204, 403, 403, 403, 403]),
        ("GET", "/v1/audit", |_| "/v1/audit".into(), |_| None, [200, 403, 403, 403, 403]),
        ("GET", "/v1/calendar/feeds", |_| "/v1/calendar/feeds".into(), |_| None, [200, 200, 200, 200, 200]),
        (
            "POST",
            "/v1/calendar/feeds",
            |_| "/v1/calendar/feeds".into(),
            |f| Some(json!({"project_id": f.p})),
            [201, 201, 201, 201, 403],
        ),
        (
            "POST",
            "/v1/calendar/feeds",
            |_| "/v1/calendar/feeds".into(),
            |f| Some(json!({"member_id": f.m_b})),
            [201, 403, 201, 403, 403],
        ),
        (
            "DELETE",
            "/v1/calendar/feeds/{id}",
            |f| format!("/v1/calendar/feeds/{}", f.feed_admin),
            |_| None,
            [204, 403, 403, 403, 403],
        ),
        ("GET", "/v1/tasks/{id}/risk", |f| format!("/v1/tasks/{}/risk", f.t_due), |_| None, [200, 200, 200, 200, 403]),
        (
            "GET",
            "/v1/projects/{id}/risks",
            |f| format!("/v1/projects/{}/risks", f.p),
            |_| None,
            [200, 200, 200, 200, 403],
        ),
        (
            "POST",
            "/v1/assignees/suggest",
            |_| "/v1/assignees/suggest".into(),
            |f| Some(json!({"title": "整理报销单据", "project_id": f.p})),
            [200, 200, 200, 403, 403],
        ),
        ("GET", "/v1/risk/models", |_| "/v1/risk/models".into(), |_| None, [200, 200, 403, 403, 200]),
        ("GET", "/v1/notify/targets", |_| "/v1/notify/targets".into(), |_| None, [200, 403, 403, 403, 403]),
        (
            "POST",
            "/v1/notify/targets",
            |_| "/v1/notify/targets".into(),
            |_| Some(json!({"name": "群", "kind": "webhook", "url": "http://127.0.0.1:9/x"})),
            [201, 403, 403, 403, 403],
        ),
        ("GET", "/v1/notify/outbox", |_| "/v1/notify/outbox".into(), |_| None, [200, 403, 403, 403, 403]),
        (
            "POST",
            "/v1/projects/{id}/digest",
            |f| format!("/v1/projects/{}/digest", f.p),
            |_| None,
            [200, 200, 403, 403, 403],
        ),
    ]
}

const ROLES: [&str; 5] = ["admin", "pm", "member", "guest", "outsider pm"];

#[tokio::test]
async fn every_endpoint_for_every_role() {
    let mut failures = Vec::new();
    for (method, spec_path, path, body, expected) in matrix() {
        for (role_idx, role) in ROLES.iter().enumerate() {
            // A fresh workspace per call, so deletes and renames never leak into the next check.
            let app = sqlite_app().await;
            let fx = fixture(&app).await;
            let uri = path(&fx);
            let audit_before = app.audit_count().await;
            let (status, out) = app.call(method, &uri, Some(&fx.tokens[role_idx]), body(&fx)).await;
            let audit_after = app.audit_count().await;
            if status.as_u16() != expected[role_idx] {
                failures.push(format!(
                    "{method} {spec_path} ({uri}) as {role}: expected {}, got {status} {out}",
                    expected[role_idx]
                ));
                continue;
            }
            if !status.is_success() {
                assert_error_shape(&out, &format!("{method} {uri} as {role}"));
            }
            // Reads write no audit row; `POST /v1/assignees/suggest` and `POST /v1/extract` are
            // reads with a body (they store nothing).
            let is_read = method == "GET" || spec_path == "/v1/assignees/suggest" || spec_path == "/v1/extract";
            let expected_audit = i64::from(status.is_success() && !is_read);
            if audit_after - audit_before != expected_audit {
                failures.push(format!(
                    "{method} {uri} as {role}: wrote {} audit rows, expected {expected_audit}",
                    audit_after - audit_before
                ));
            }
            // Without a token, every /v1 route is a 401.
            if role_idx == 0 {
                let (status, out) = app.call(method, &uri, None, body(&fx)).await;
                if status != StatusCode::UNAUTHORIZED {
                    failures.push(format!("{method} {uri} without token: expected 401, got {status} {out}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} permission checks failed:\n{}", failures.len(), failures.join("\n"));
}

#[tokio::test]
async fn the_matrix_covers_every_route() {
    let app = sqlite_app().await;
    let (_, spec) = app.call("GET", "/openapi.json", None, None).await;
    let mut documented = BTreeSet::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        if !path.starts_with("/v1/") {
            continue;
        }
        for method in item.as_object().expect("item").keys() {
            documented.insert((method.to_uppercase(), path.clone()));
        }
    }
    let mut tested: BTreeSet<(String, String)> =
        matrix().into_iter().map(|(m, p, ..)| (m.to_string(), p.to_string())).collect();
    // Platform doors take no bearer token: they authenticate by the platform's signature
    // (tests/service/hooks.rs).
    for (method, path) in [
        ("GET", "/v1/hooks/wecom"),
        ("POST", "/v1/hooks/wecom"),
        ("POST", "/v1/hooks/feishu"),
        ("POST", "/v1/hooks/dingtalk"),
    ] {
        tested.insert((method.to_string(), path.to_string()));
    }
    // The ICS feed authenticates by the secret in its URL (tests/service/api.rs).
    tested.insert(("GET".to_string(), "/v1/calendar/{file}".to_string()));
    let missing: Vec<_> = documented.difference(&tested).collect();
    assert!(missing.is_empty(), "routes without a row in the permission matrix: {missing:?}");
}

#[tokio::test]
async fn listings_show_only_visible_projects_and_tasks() {
    let app = sqlite_app().await;
    let fx = fixture(&app).await;
    let ws = app.store.default_workspace().await.expect("ws");
    let hidden = app.store.create_project(ws, "别人的项目", "", "x", None).await.expect("hidden");
    app.store
        .create_task(ws, &NewTask::new(hidden.id, "看不见"), &Cause { actor: "x".into(), message_id: None })
        .await
        .expect("task");
    for (idx, expect_projects, expect_tasks) in [(0, 2, 5), (2, 1, 4), (3, 1, 4), (4, 0, 0)] {
        let (_, projects) = app.call("GET", "/v1/projects", Some(&fx.tokens[idx]), None).await;
        assert_eq!(projects.as_array().map(Vec::len), Some(expect_projects), "{} projects: {projects}", ROLES[idx]);
        let (_, tasks) = app.call("GET", "/v1/tasks", Some(&fx.tokens[idx]), None).await;
        assert_eq!(tasks["total"], expect_tasks, "{} tasks", ROLES[idx]);
    }
}
