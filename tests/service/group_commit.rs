//! Group commit of task creations: many concurrent creations through the router are written
//! together, every caller gets its own answer, and a failing item fails only itself.

use std::collections::HashSet;
use std::sync::Arc;

use axum::http::StatusCode;
use serde_json::{Value, json};

use chat2task::store::Store;
use chat2task::store::tasks::{Cause, NewTask};

use crate::common::{TestApp, pg_app, sqlite_app};

const N: usize = 200;

/// Waits (a minute at most) until `n` creations are queued behind paused writers.
async fn wait_until_queued(store: &Store, n: usize) {
    let by = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while store.queued_creations() < n && std::time::Instant::now() < by {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    assert_eq!(store.queued_creations(), n, "every creation is queued while the writers are held");
}

async fn concurrent_creations(app: TestApp) {
    let app = Arc::new(app);
    let (status, project) = app.admin("POST", "/v1/projects", Some(json!({"name": "并发"}))).await;
    assert_eq!(status, StatusCode::CREATED, "{project}");
    let p = project["id"].as_i64().expect("project id");
    // Known owner names, a new name shared by many creations (one placeholder member), and
    // every 20th creation with an owner name too long to become a member (its own 422).
    let (status, _) = app.admin("POST", "/v1/members", Some(json!({"name": "刘洋", "aliases": ["阿洋"]}))).await;
    assert_eq!(status, StatusCode::CREATED);
    let audit_before = app.audit_count().await;
    let bad_owner = "长".repeat(65);
    // The writers are held until every creation is queued, so grouping happens however fast
    // the machine answers (a CI machine once wrote all 190 alone, each before the next came).
    let pause = app.store.pause_group_commits().await.expect("pause");
    let mut handles = Vec::new();
    for i in 0..N {
        let app = app.clone();
        let owners = match i % 20 {
            0 => json!([bad_owner.clone()]),
            k if k % 2 == 0 => json!(["阿洋"]),
            _ => json!(["新同事", "刘洋"]),
        };
        handles.push(tokio::spawn(async move {
            let body =
                json!({"project_id": p, "title": format!("并发任务 {i}"), "owners": owners, "due_date": "2026-12-01"});
            (i, app.admin("POST", "/v1/tasks", Some(body)).await)
        }));
    }
    wait_until_queued(&app.store, N).await;
    drop(pause);
    let mut ids = HashSet::new();
    let mut failed = 0;
    for h in handles {
        let (i, (status, body)) = h.await.expect("creation task");
        if i % 20 == 0 {
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "creation {i}: {body}");
            failed += 1;
            continue;
        }
        assert_eq!(status, StatusCode::CREATED, "creation {i}: {body}");
        assert_eq!(body["title"], format!("并发任务 {i}"), "each caller gets its own task");
        let owners: Vec<&str> = body["owners"].as_array().expect("owners").iter().filter_map(Value::as_str).collect();
        if i % 2 == 0 {
            assert_eq!(owners, ["刘洋"]);
        } else {
            assert_eq!(owners, ["新同事", "刘洋"]);
        }
        let id = body["id"].as_i64().expect("task id");
        assert!(ids.insert(id), "task id {id} answered twice");
        let (status, got) = app.admin("GET", &format!("/v1/tasks/{id}"), None).await;
        assert_eq!(status, StatusCode::OK);
        // (The creation answers owners in the order given, a read in member-id order.)
        let sorted_ids = |v: &Value| {
            let mut ids: Vec<i64> =
                v["owner_ids"].as_array().expect("owner ids").iter().filter_map(Value::as_i64).collect();
            ids.sort_unstable();
            ids
        };
        assert_eq!(sorted_ids(&got), sorted_ids(&body));
        let (mut got, mut body) = (got, body);
        for v in [&mut got, &mut body] {
            v["owners"] = Value::Null;
            v["owner_ids"] = Value::Null;
        }
        assert_eq!(got, body, "the answer is what was committed");
    }
    let created = N - failed;
    assert_eq!(failed, N / 20);
    assert_eq!(ids.len(), created);
    let pool = app.store.pool();
    let (tasks,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM tasks WHERE project_id = $1")
        .bind(p)
        .fetch_one(pool)
        .await
        .expect("count");
    assert_eq!(tasks, created as i64);
    let (events,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM task_events e JOIN tasks t ON t.id = e.task_id WHERE t.project_id = $1 AND e.kind = 'created'",
    )
    .bind(p)
    .fetch_one(pool)
    .await
    .expect("count");
    assert_eq!(events, created as i64, "one created event per task");
    assert_eq!(app.audit_count().await - audit_before, created as i64, "one audit row per created task");
    let (placeholders,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM members WHERE name = '新同事'").fetch_one(pool).await.expect("count");
    assert_eq!(placeholders, 1, "a new owner name becomes one placeholder member");
    let (groups, grouped) = app.store.group_commit_stats();
    assert_eq!(grouped, created as u64);
    assert!(groups < grouped, "{groups} groups for {grouped} concurrent creations: nothing was grouped");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_creations_commit_in_groups_sqlite() {
    concurrent_creations(sqlite_app().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_creations_commit_in_groups_postgres() {
    let Some(app) = pg_app("group_commit").await else { return };
    concurrent_creations(app).await;
}

/// Creations from chat with the same source message and title, sent together: the group's
/// insert hits the unique index, the group is retried item by item, and every caller gets the
/// one task (created once, found by the others).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn duplicate_chat_creations_in_one_group_return_one_task() {
    let app = sqlite_app().await;
    let ws = app.store.default_workspace().await.expect("workspace");
    let project = app.store.create_project(ws, "群聊", "", "test", None).await.expect("project");
    let pause = app.store.pause_group_commits().await.expect("pause");
    let mut handles = Vec::new();
    for i in 0..40 {
        let store = app.store.clone();
        let mut new = NewTask::new(project.id, if i % 2 == 0 { "报价单发我" } else { "整理周报" });
        new.source_chat = Some("group-1".into());
        new.source_message = Some(format!("m{}", i % 4));
        new.owners = vec!["李想".into()];
        let cause = Cause { actor: "pipeline".into(), message_id: Some(format!("group-1/m{}", i % 4)) };
        handles.push(tokio::spawn(async move { store.create_task(ws, &new, &cause).await }));
    }
    wait_until_queued(&app.store, 40).await;
    drop(pause);
    let mut by_key = std::collections::HashMap::new();
    let mut created = 0;
    for (i, h) in handles.into_iter().enumerate() {
        let (task, was_created) = h.await.expect("task").expect("created or found, never an error");
        created += usize::from(was_created);
        let first = *by_key.entry(i % 4).or_insert(task.id);
        assert_eq!(first, task.id, "creation {i}: every duplicate gets the same task");
    }
    assert_eq!(created, 4, "each message/title created once");
    let (tasks,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM tasks WHERE project_id = $1")
        .bind(project.id)
        .fetch_one(app.store.pool())
        .await
        .expect("count");
    assert_eq!(tasks, 4);
}

/// The roster cache used to resolve owners forgets a member as soon as it is renamed.
#[tokio::test]
async fn renamed_members_are_not_resolved_from_the_cache() {
    let app = sqlite_app().await;
    let (_, project) = app.admin("POST", "/v1/projects", Some(json!({"name": "改名"}))).await;
    let p = project["id"].as_i64().expect("project id");
    let (status, member) = app.admin("POST", "/v1/members", Some(json!({"name": "王芳"}))).await;
    assert_eq!(status, StatusCode::CREATED);
    let member_id = member["id"].as_i64().expect("member id");
    let create = |owner: &str| json!({"project_id": p, "title": format!("给{owner}的任务"), "owners": [owner]});
    let (status, first) = app.admin("POST", "/v1/tasks", Some(create("王芳"))).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(first["owner_ids"], json!([member_id]));
    let (status, _) = app.admin("PATCH", &format!("/v1/members/{member_id}"), Some(json!({"name": "王芳芳"}))).await;
    assert_eq!(status, StatusCode::OK);
    let (status, second) = app.admin("POST", "/v1/tasks", Some(create("王芳"))).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_ne!(second["owner_ids"], json!([member_id]), "the old name now names a new placeholder: {second}");
    let (status, third) = app.admin("POST", "/v1/tasks", Some(create("王芳芳"))).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(third["owner_ids"], json!([member_id]));
}
