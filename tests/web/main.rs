//! Browser tests of the web dashboard (`tests/web/main.rs`, its own test binary).
//!
//! Drives headless Chromium through chromedriver with `fantoccini` 0.21 against a server started
//! in-process on 127.0.0.1:0 (SQLite in a temp dir). Skips with a printed message when chromedriver
//! or Chromium is absent. Paths: `CHROMEDRIVER` (default: /usr/bin/chromedriver, then `chromedriver`
//! on PATH) and `CHROME_BIN` (default /usr/bin/chromium). Screenshots go to `target/web-screenshots/`.
//!
//! Cargo.toml `[dev-dependencies]` this needs (besides tokio/axum/reqwest/serde_json/tempfile/sqlx
//! already in the crate):
//!   fantoccini = { version = "0.21", default-features = false }   # no TLS: chromedriver is plain http
//!   hyper-util = { version = "0.1", features = ["client-legacy", "http1", "tokio"] }
//! and a `[[test]] name = "web" path = "tests/web/main.rs"` entry if tests are not auto-discovered.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

// ---------------------------------------------------------------------------------------------
// HARNESS-BEGIN: the in-process server (the only part that depends on the chat2task crate).
mod harness {
    use chat2task::api::{AppState, app};
    use chat2task::store::{Store, StoreConfig};

    /// A running server: base URL, admin secret, and the store for direct fix-ups.
    pub struct Server {
        pub base: String,
        pub admin: String,
        pub store: Store,
        _dir: tempfile::TempDir,
    }

    pub async fn start() -> Server {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("web.db").display());
        let store = Store::connect(&StoreConfig::new(&url)).await.expect("sqlite store");
        let ws = store.default_workspace().await.expect("workspace");
        let (_, admin) = store.create_token(ws, "admin", None, "web test admin").await.expect("admin token");
        let state = AppState::new(store.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            let _ = axum::serve(listener, app(state)).await;
        });
        Server { base: format!("http://{addr}"), admin, store, _dir: dir }
    }

    /// Links a task to its source chat message with evidence spans (normally written by the
    /// extraction pipeline; the REST API cannot set these fields).
    pub async fn link_source(server: &Server, task_id: i64, chat: &str, message: &str, evidence: &str) {
        let sql = format!(
            "UPDATE tasks SET source_chat = '{chat}', source_message = '{message}', evidence = '{}', confidence = 0.9 WHERE id = {task_id}",
            evidence.replace('\'', "''")
        );
        sqlx::query(&sql).execute(server.store.pool()).await.expect("link source");
    }
}
// HARNESS-END
// ---------------------------------------------------------------------------------------------

const TIMEOUT: Duration = Duration::from_secs(10);

fn chromedriver_path() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("CHROMEDRIVER") {
        return Some(PathBuf::from(p)).filter(|p| p.exists());
    }
    if Path::new("/usr/bin/chromedriver").exists() {
        return Some(PathBuf::from("/usr/bin/chromedriver"));
    }
    std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|d| d.join("chromedriver")).find(|p| p.exists()))
}

fn chrome_path() -> Option<PathBuf> {
    let p = PathBuf::from(std::env::var("CHROME_BIN").unwrap_or_else(|_| "/usr/bin/chromium".into()));
    p.exists().then_some(p)
}

fn screenshot_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/web-screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    dir
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

/// chromedriver process plus a browser session; the process is killed on drop.
struct Browser {
    client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        // Killing chromedriver leaves its Chromium running; those processes carry this test's own
        // profile directory on their command line, so only they are matched (also after a panic).
        let _ = Command::new("pkill")
            .arg("-f")
            .arg(self._profile.path().as_os_str())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

/// Starts chromedriver and a headless Chromium session, or `None` (with a printed reason) when
/// either is not installed.
async fn browser(test: &str) -> Option<Browser> {
    let (Some(driver_bin), Some(chrome)) = (chromedriver_path(), chrome_path()) else {
        eprintln!("skipped: {test} needs chromedriver and chromium (apt-get install chromium chromium-driver)");
        return None;
    };
    let port = free_port();
    let driver = Command::new(driver_bin)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let url = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::new();
    let start = Instant::now();
    while http.get(format!("{url}/status")).send().await.is_err() {
        assert!(start.elapsed() < Duration::from_secs(20), "chromedriver did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let profile = tempfile::tempdir().expect("profile dir");
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("chrome"));
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chrome.display().to_string(),
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", "--window-size=1400,900",
                     format!("--user-data-dir={}", profile.path().display())]
        }),
    );
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&url)
        .await
        .expect("webdriver session");
    Some(Browser { client, driver, _profile: profile })
}

/// Small REST client for setting up data.
struct Api {
    base: String,
    token: String,
    http: reqwest::Client,
}

impl Api {
    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut req = self.http.request(method, format!("{}{path}", self.base)).bearer_auth(&self.token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.expect("api request");
        let status = res.status().as_u16();
        let text = res.text().await.expect("api body");
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }
    async fn post(&self, path: &str, body: Value) -> Value {
        let (s, v) = self.call(reqwest::Method::POST, path, Some(body)).await;
        assert!(s < 300, "POST {path}: {s} {v}");
        v
    }
    async fn get(&self, path: &str) -> Value {
        let (s, v) = self.call(reqwest::Method::GET, path, None).await;
        assert_eq!(s, 200, "GET {path}: {v}");
        v
    }
    async fn task_status(&self, id: i64) -> String {
        self.get(&format!("/v1/tasks/{id}")).await["status"].as_str().unwrap_or_default().to_string()
    }
    /// Polls until task `id` has `status` (the UI PATCHes asynchronously).
    async fn wait_status(&self, id: i64, status: &str) {
        let start = Instant::now();
        loop {
            let s = self.task_status(id).await;
            if s == status {
                return;
            }
            assert!(start.elapsed() < TIMEOUT, "task {id} is `{s}`, expected `{status}`");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

fn day(offset: i64) -> String {
    (chrono::Local::now().date_naive() + chrono::Duration::days(offset)).format("%Y-%m-%d").to_string()
}

/// Demo data: members, a project with stages, 40 tasks in every state, two proposals, chat
/// messages bound to the project. Returns (project id, a proposal id, a second proposal id).
async fn seed_demo(api: &Api) -> (i64, i64, i64) {
    for n in ["张三", "李四", "王五"] {
        api.post("/v1/members", json!({"name": n})).await;
    }
    let pid = api.post("/v1/projects", json!({"name": "演示项目", "description": "浏览器测试"})).await["id"]
        .as_i64()
        .expect("project id");
    let mut stages = Vec::new();
    for (i, (name, a, b)) in [("设计", -20, -5), ("开发", -6, 10), ("测试", 8, 20)].into_iter().enumerate() {
        let s = api
            .post(
                &format!("/v1/projects/{pid}/stages"),
                json!({"name": name, "position": i, "start_date": day(a), "end_date": day(b)}),
            )
            .await;
        stages.push(s["id"].as_i64().expect("stage id"));
    }
    let statuses = ["todo", "todo", "doing", "done", "cancelled"];
    let owners = ["张三", "李四", "王五"];
    for i in 0..40i64 {
        let due = (i % 15) - 5; // some overdue, some due within 2 days, most later
        api.post(
            "/v1/tasks",
            json!({"project_id": pid, "stage_id": stages[(i % 3) as usize], "title": format!("任务 {i}"),
                   "status": statuses[(i % 5) as usize], "owners": [owners[(i % 3) as usize]],
                   "due_date": day(due), "priority": "P2", "tags": ["前端"]}),
        )
        .await;
    }
    let p1 = api
        .post("/v1/tasks", json!({"project_id": pid, "title": "待确认：联调登录接口", "status": "proposed", "owners": ["李四"], "due_date": day(1)}))
        .await["id"]
        .as_i64()
        .expect("id");
    let p2 = api
        .post(
            "/v1/tasks",
            json!({"project_id": pid, "title": "待确认：写周报", "status": "proposed", "due_date": day(3)}),
        )
        .await["id"]
        .as_i64()
        .expect("id");
    api.post(
        "/v1/messages",
        json!({"id": "m-1", "chat": "demo-group", "ts": "2026-03-02T09:12:00+08:00", "sender": "张三",
               "members": ["张三", "李四"], "text": "@李四 明天下午三点前把登录接口联调完成"}),
    )
    .await;
    let chats = api.get("/v1/chats").await;
    for c in chats.as_array().into_iter().flatten() {
        if c["external_id"] == "demo-group" {
            let (s, v) = api
                .call(reqwest::Method::PATCH, &format!("/v1/chats/{}", c["id"]), Some(json!({"project_id": pid})))
                .await;
            assert_eq!(s, 200, "bind chat: {v}");
        }
    }
    (pid, p1, p2)
}

async fn wait_css(c: &Client, css: &str) -> fantoccini::elements::Element {
    c.wait()
        .at_most(TIMEOUT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("waiting for `{css}`: {e}"))
}

/// Waits for an element matching `css` whose text contains `text`.
async fn wait_text(c: &Client, css: &str, text: &str) {
    let start = Instant::now();
    loop {
        for el in c.find_all(Locator::Css(css)).await.unwrap_or_default() {
            if el.text().await.map(|t| t.contains(text)).unwrap_or(false) {
                return;
            }
        }
        assert!(start.elapsed() < TIMEOUT, "no `{css}` containing `{text}`");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn shot(c: &Client, name: &str) {
    let png = c.screenshot().await.expect("screenshot");
    std::fs::write(screenshot_dir().join(format!("{name}.png")), png).expect("write screenshot");
}

async fn js(c: &Client, script: &str, args: Vec<Value>) -> Value {
    c.execute(script, args).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
}

async fn sign_in(c: &Client, base: &str, token: &str) {
    c.goto("about:blank").await.expect("blank");
    c.goto(&format!("{base}/#/login")).await.expect("goto login");
    js(c, "localStorage.clear()", vec![]).await;
    let input = wait_css(c, "#token").await;
    input.clear().await.expect("clear");
    input.send_keys(token).await.expect("type token");
    wait_css(c, "#login-form button[type=submit]").await.click().await.expect("submit");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dashboard_flows() {
    let Some(b) = browser("dashboard_flows").await else { return };
    let c = &b.client;
    let server = harness::start().await;
    let base = server.base.clone();
    let api = Api { base: base.clone(), token: server.admin.clone(), http: reqwest::Client::new() };

    // Bad token: clear message on the sign-in page.
    sign_in(c, &base, "c2t_not_a_token").await;
    wait_text(c, "#login-msg", "令牌无效或已过期").await;
    shot(c, "01-bad-token").await;

    // Empty workspace state.
    sign_in(c, &base, &server.admin).await;
    wait_text(c, "[data-state=empty]", "还没有项目").await;
    shot(c, "02-empty").await;

    let (pid, p1, p2) = seed_demo(&api).await;

    // Overview shows the demo project with a health score.
    c.goto(&format!("{base}/#/")).await.expect("goto");
    js(c, "location.reload()", vec![]).await;
    wait_text(c, &format!(".project-card[data-project='{pid}']"), "演示项目").await;
    wait_css(c, &format!(".project-card[data-project='{pid}'] [data-score]")).await;
    shot(c, "03-overview").await;

    // Kanban: move a card with the keyboard-accessible menu …
    c.goto(&format!("{base}/#/p/{pid}/board")).await.expect("goto board");
    wait_css(c, ".board .kcard").await;
    let tid = js(c, "return +document.querySelector('.col[data-status=todo] .kcard').dataset.task", vec![])
        .await
        .as_i64()
        .expect("a todo card");
    wait_css(c, &format!("[data-move='{tid}']")).await.click().await.expect("open menu");
    wait_css(c, &format!(".menu [data-to='doing'][data-id='{tid}']")).await.click().await.expect("move");
    api.wait_status(tid, "doing").await;
    wait_css(c, &format!(".col[data-status=doing] .kcard[data-task='{tid}']")).await;
    shot(c, "04-board").await;

    // … and by drag-and-drop (HTML5 drag events; WebDriver pointer actions do not fire them).
    js(
        c,
        "const [id]=arguments; const card=document.querySelector(`.kcard[data-task=\"${id}\"]`);
         const dt=new DataTransfer(); card.dispatchEvent(new DragEvent('dragstart',{bubbles:true,dataTransfer:dt}));
         const col=document.querySelector('.col[data-status=done] .col-body');
         col.dispatchEvent(new DragEvent('dragover',{bubbles:true,cancelable:true,dataTransfer:dt}));
         col.dispatchEvent(new DragEvent('drop',{bubbles:true,cancelable:true,dataTransfer:dt}));",
        vec![json!(tid)],
    )
    .await;
    api.wait_status(tid, "done").await;

    // A failed PATCH puts the card back and shows the error.
    let tid2 = js(c, "return +document.querySelector('.col[data-status=todo] .kcard').dataset.task", vec![])
        .await
        .as_i64()
        .expect("a todo card");
    js(
        c,
        "window.__realFetch=window.fetch; window.fetch=(u,o)=>(o&&o.method==='PATCH')?Promise.resolve(new Response(
         JSON.stringify({error:{code:'internal',message:'boom'}}),{status:500})):window.__realFetch(u,o);",
        vec![],
    )
    .await;
    wait_css(c, &format!("[data-move='{tid2}']")).await.click().await.expect("open menu");
    wait_css(c, &format!(".menu [data-to='doing'][data-id='{tid2}']")).await.click().await.expect("move");
    wait_text(c, "#toast.error", "移动失败").await;
    wait_css(c, &format!(".col[data-status=todo] .kcard[data-task='{tid2}']")).await;
    js(c, "window.fetch=window.__realFetch", vec![]).await;
    assert_eq!(api.task_status(tid2).await, "todo");

    // Gantt: stage bars and task bars.
    c.goto(&format!("{base}/#/p/{pid}/gantt")).await.expect("goto gantt");
    wait_css(c, "#gantt .g-bar").await;
    let stages = c.find_all(Locator::Css("#gantt .g-stage")).await.expect("stages").len();
    let bars = c.find_all(Locator::Css("#gantt .g-bar")).await.expect("bars").len();
    assert_eq!(stages, 3);
    assert!(bars >= 30, "only {bars} task bars");
    shot(c, "05-gantt").await;

    // Task detail: the source message with its evidence highlighted.
    harness::link_source(
        &server,
        tid2,
        "demo-group",
        "m-1",
        r#"[{"label":"owner","start":1,"end":3},{"label":"deadline","start":4,"end":11},{"label":"action","start":12,"end":18}]"#,
    )
    .await;
    c.goto(&format!("{base}/#/t/{tid2}")).await.expect("goto task");
    wait_css(c, "#source-text mark.ev-owner").await;
    wait_text(c, "#source-text mark.ev-deadline", "明天下午三点前").await;
    wait_css(c, ".events li").await;
    shot(c, "06-task-detail").await;

    // Proposals inbox: confirm one, reject the other.
    c.goto(&format!("{base}/#/inbox")).await.expect("goto inbox");
    wait_css(c, &format!("[data-confirm='{p1}']")).await.click().await.expect("confirm");
    api.wait_status(p1, "todo").await;
    wait_css(c, &format!("[data-reject='{p2}']")).await.click().await.expect("reject");
    api.wait_status(p2, "cancelled").await;
    shot(c, "07-inbox").await;

    // Delay warnings and member load.
    c.goto(&format!("{base}/#/risk")).await.expect("goto risk");
    wait_css(c, "table.load tbody tr[data-member]").await;
    wait_css(c, "#overdue li").await;
    shot(c, "08-risk").await;

    // Planning: load-ranked assignee suggestions until the suggest endpoint exists.
    c.goto(&format!("{base}/#/p/{pid}/new")).await.expect("goto new");
    wait_css(c, "[data-suggest]").await;
    shot(c, "09-new-task").await;

    // Chat archive search highlights the match.
    c.goto(&format!("{base}/#/p/{pid}/chat?q=%E7%99%BB%E5%BD%95")).await.expect("goto chat");
    wait_text(c, ".chat .msg mark", "登录").await;

    // Guest (project member with role guest): read-only board, no move controls.
    let guest = api.post("/v1/members", json!({"name": "访客"})).await;
    api.post(&format!("/v1/projects/{pid}/members"), json!({"name": "访客", "role": "guest"})).await;
    let gtok = api.post("/v1/tokens", json!({"role": "guest", "member_id": guest["id"], "label": "guest"})).await;
    sign_in(c, &base, gtok["token"].as_str().expect("secret")).await;
    wait_css(c, ".project-card").await;
    c.goto(&format!("{base}/#/p/{pid}/board")).await.expect("goto board");
    wait_css(c, "[data-state=readonly]").await;
    wait_css(c, ".kcard").await;
    assert!(
        c.find_all(Locator::Css("[data-move], .kcard[draggable=true]")).await.expect("find").is_empty(),
        "guest sees move controls"
    );
    shot(c, "10a-guest").await;

    // Revoked token: back to sign-in with the expiry message.
    let members = api.get("/v1/members").await;
    let mid = members
        .as_array()
        .into_iter()
        .flatten()
        .find(|m| m["name"] == "张三")
        .map(|m| m["id"].clone())
        .expect("member");
    let tok = api.post("/v1/tokens", json!({"role": "pm", "member_id": mid, "label": "revoke me"})).await;
    sign_in(c, &base, tok["token"].as_str().expect("secret")).await;
    wait_css(c, ".project-card, [data-state=empty]").await;
    let (s, _) = api.call(reqwest::Method::DELETE, &format!("/v1/tokens/{}", tok["id"]), None).await;
    assert!(s < 300, "revoke: {s}");
    c.goto(&format!("{base}/#/p/{pid}/board")).await.expect("goto board");
    wait_text(c, "[data-state=expired]", "令牌无效或已过期").await;
    shot(c, "10-expired").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_paint_2000_tasks() {
    let Some(b) = browser("first_paint_2000_tasks").await else { return };
    let c = &b.client;
    let server = harness::start().await;
    let base = server.base.clone();
    let pid = {
        let api = Api { base: base.clone(), token: server.admin.clone(), http: reqwest::Client::new() };
        api.post("/v1/projects", json!({"name": "2000 任务"})).await["id"].as_i64().expect("project id")
    };
    let mut workers = tokio::task::JoinSet::new();
    for w in 0..8i64 {
        let api = Api { base: base.clone(), token: server.admin.clone(), http: reqwest::Client::new() };
        workers.spawn(async move {
            let statuses = ["proposed", "todo", "doing", "done", "cancelled"];
            for i in (w..2000).step_by(8) {
                api.post(
                    "/v1/tasks",
                    json!({"project_id": pid, "title": format!("压测任务 {i}"), "status": statuses[(i % 5) as usize],
                           "due_date": day(i % 60 - 30), "owners": [format!("成员{}", i % 7)]}),
                )
                .await;
            }
        });
    }
    while let Some(r) = workers.join_next().await {
        r.expect("seed worker");
    }
    sign_in(c, &base, &server.admin).await;
    wait_css(c, ".project-card").await;
    let mut board_ms = Vec::new();
    for _ in 0..3 {
        c.goto("about:blank").await.expect("blank");
        c.goto(&format!("{base}/#/p/{pid}/board")).await.expect("goto board");
        let start = Instant::now();
        let probe = loop {
            let v = js(c, "return window.__c2t || null", vec![]).await;
            if !v.is_null() {
                break v;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "board never painted");
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        assert_eq!(probe["tasks"], 2000);
        let fcp = js(
            c,
            "const e=performance.getEntriesByName('first-contentful-paint')[0]; return e?e.startTime:null",
            vec![],
        )
        .await;
        let ms = probe["boardPaintedMs"].as_f64().expect("boardPaintedMs");
        println!(
            "first paint, 2000 tasks: board with data {ms:.0} ms after navigation start, first contentful paint {fcp} ms"
        );
        board_ms.push(ms);
    }
    shot(c, "11-board-2000").await;
    board_ms.sort_by(f64::total_cmp);
    let median = board_ms[board_ms.len() / 2];
    assert!(median <= 1000.0, "2,000-task board painted in {median:.0} ms (> 1 s)");
}
