//! Shared test harness: a store on a temp SQLite file (or a fresh PostgreSQL schema) and a
//! helper that sends one request through the router and parses the JSON answer.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

use chat2task::api::hooks::HookConfig;
use chat2task::api::{self, AppState};
use chat2task::store::{Store, StoreConfig};

pub struct TestApp {
    pub router: Router,
    pub store: Store,
    pub admin: String,
    _dir: Option<tempfile::TempDir>,
}

pub async fn sqlite_app() -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    let store = Store::connect(&StoreConfig::new(&url)).await.expect("sqlite store");
    finish(store, Some(dir)).await
}

/// A store in a fresh schema of the PostgreSQL database named by `CHAT2TASK_TEST_PG`, or `None`
/// (with a printed note) when the variable is unset.
pub async fn pg_app(test: &str) -> Option<TestApp> {
    let Ok(url) = std::env::var("CHAT2TASK_TEST_PG") else {
        eprintln!("skipped: {test} needs CHAT2TASK_TEST_PG (set by .ci/run)");
        return None;
    };
    let schema = format!("t_{}_{}", test, std::process::id());
    let mut config = StoreConfig::new(&url);
    config.pg_schema = Some(schema.clone());
    // Start from an empty schema even if a previous run left one behind.
    {
        let admin = Store::connect(&StoreConfig::new(&url)).await.expect("postgres reachable");
        sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
            .execute(admin.pool())
            .await
            .expect("drop schema");
    }
    let store = Store::connect(&config).await.expect("postgres store");
    Some(finish(store, None).await)
}

async fn finish(store: Store, dir: Option<tempfile::TempDir>) -> TestApp {
    finish_with(store, dir, None).await
}

async fn finish_with(store: Store, dir: Option<tempfile::TempDir>, hooks: Option<HookConfig>) -> TestApp {
    let ws = store.default_workspace().await.expect("workspace");
    let (_, admin) = store.create_token(ws, "admin", None, "test admin").await.expect("admin token");
    let mut state = AppState::new(store.clone());
    if let Some(hooks) = hooks {
        state.hooks = std::sync::Arc::new(hooks);
    }
    TestApp { router: api::app(state), store, admin, _dir: dir }
}

/// A SQLite app whose platform doors use `hooks`.
pub async fn sqlite_app_with_hooks(hooks: HookConfig) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("t.db").display());
    let store = Store::connect(&StoreConfig::new(&url)).await.expect("sqlite store");
    finish_with(store, Some(dir), Some(hooks)).await
}

impl TestApp {
    /// Sends a request; returns the status and the parsed JSON body (`Value::Null` when empty).
    pub async fn call(&self, method: &str, uri: &str, token: Option<&str>, body: Option<Value>) -> (StatusCode, Value) {
        let raw = body.map(|b| b.to_string());
        self.call_raw(method, uri, token, raw.as_deref(), "application/json").await
    }

    pub async fn call_raw(
        &self,
        method: &str,
        uri: &str,
        token: Option<&str>,
        body: Option<&str>,
        content_type: &str,
    ) -> (StatusCode, Value) {
        self.call_with_headers(method, uri, token, body, content_type, &[]).await
    }

    pub async fn call_with_headers(
        &self,
        method: &str,
        uri: &str,
        token: Option<&str>,
        body: Option<&str>,
        content_type: &str,
        headers: &[(&str, String)],
    ) -> (StatusCode, Value) {
        let mut req = Request::builder().method(method).uri(uri);
        for (name, value) in headers {
            req = req.header(*name, value.as_str());
        }
        if let Some(token) = token {
            req = req.header("authorization", format!("Bearer {token}"));
        }
        let req = match body {
            Some(b) => req.header("content-type", content_type).body(Body::from(b.to_string())),
            None => req.body(Body::empty()),
        }
        .expect("request");
        let res = self.router.clone().oneshot(req).await.expect("router answers");
        let status = res.status();
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        let value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        };
        (status, value)
    }

    pub async fn admin(&self, method: &str, uri: &str, body: Option<Value>) -> (StatusCode, Value) {
        let token = self.admin.clone();
        self.call(method, uri, Some(&token), body).await
    }

    pub async fn audit_count(&self) -> i64 {
        let (n,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM audit_log").fetch_one(self.store.pool()).await.expect("count");
        n
    }
}

/// Asserts that `body` is the API's error envelope.
pub fn assert_error_shape(body: &Value, context: &str) {
    let code = body.pointer("/error/code").and_then(Value::as_str);
    let message = body.pointer("/error/message").and_then(Value::as_str);
    assert!(code.is_some() && message.is_some(), "{context}: expected {{\"error\": {{code, message}}}}, got {body}");
}
