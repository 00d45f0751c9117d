//! The task store: workspaces, members, projects → stages → tasks, task events, chats, the
//! message archive, the audit log and API tokens.
//!
//! One code path over `sqlx::Any` serves SQLite (the embedded default, WAL mode) and
//! PostgreSQL (how a deployment scales). Queries use `$N` placeholders, which both backends
//! accept; only the migrations differ per dialect (`migrations/sqlite`, `migrations/postgres`).
//! Timestamps are Unix milliseconds, dates `YYYY-MM-DD` text, JSON-valued columns are text.
//!
//! **Invariant:** every mutation that the API exposes goes through a function here that also
//! writes its `task_events` row (for tasks) inside the same transaction; audit rows are written
//! by the caller through [`Store::audit`] in that same call.

pub mod calendar;
pub mod chats;
pub mod group_commit;
pub mod members;
pub mod notify;
pub mod projects;
pub mod risk_models;
pub mod stats;
pub mod tasks;
pub mod tokens;

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};

/// Errors from the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database URL names a backend we do not support.
    #[error("unsupported database url `{0}`: use sqlite://PATH or postgres://…")]
    UnsupportedUrl(String),
    /// A referenced row does not exist (or is not visible in this workspace).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The request conflicts with existing data (duplicate name, …).
    #[error("conflict: {0}")]
    Conflict(String),
    /// The request is well-formed but its values are not acceptable.
    #[error("invalid: {0}")]
    Invalid(String),
    /// The database failed.
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
    /// A migration failed.
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// Result alias for store functions.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Which SQL dialect the pool talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Connection settings.
#[derive(Debug, Clone)]
pub struct StoreConfig {
    /// `sqlite://PATH` (created if missing), `sqlite::memory:` or `postgres://…`.
    pub url: String,
    /// Pool size; defaults to 8.
    pub max_connections: u32,
    /// PostgreSQL schema to use (created if missing); `None` uses the default search path.
    /// Tests use a fresh schema each so they can run side by side in one database.
    pub pg_schema: Option<String>,
}

impl StoreConfig {
    /// Settings for `url` with the defaults.
    pub fn new(url: &str) -> Self {
        StoreConfig { url: url.to_string(), max_connections: 8, pg_schema: None }
    }
}

/// A handle on the database; cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// SQLite has one writer at a time; queueing writers here (instead of in SQLite's
    /// sleep-and-retry busy handler) keeps write throughput up under concurrency.
    write_lock: Arc<tokio::sync::Mutex<()>>,
    /// Token hash → (token, when looked up); see `Store::find_token`.
    token_cache: Arc<std::sync::Mutex<std::collections::HashMap<String, (tokens::Token, i64)>>>,
    /// Task creations waiting for their group commit; see `store::group_commit`.
    group: Arc<group_commit::GroupCommit>,
    /// Per-workspace member lists for owner resolution; see `members::RosterCache`.
    roster: Arc<members::RosterCache>,
}

/// A write transaction; on SQLite it also holds the store's write lock until it ends.
/// Derefs to the connection, so `&mut *tx` is an executor as with a plain transaction.
pub struct WriteTx {
    tx: sqlx::Transaction<'static, sqlx::Any>,
    _guard: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl WriteTx {
    /// Commits the transaction (and releases the write lock).
    pub async fn commit(self) -> Result<()> {
        self.tx.commit().await?;
        Ok(())
    }
}

impl std::ops::Deref for WriteTx {
    type Target = sqlx::AnyConnection;
    fn deref(&self) -> &sqlx::AnyConnection {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.tx
    }
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

impl Store {
    /// Connects, applies pending migrations and makes sure the default workspace exists.
    ///
    /// # Errors
    /// Fails on an unsupported URL, an unreachable database or a failed migration.
    pub async fn connect(config: &StoreConfig) -> Result<Store> {
        install_default_drivers();
        let (backend, url) = normalise_url(&config.url)?;
        let options = AnyPoolOptions::new()
            .max_connections(config.max_connections.max(1))
            .acquire_timeout(Duration::from_secs(10));
        let pool = match backend {
            Backend::Sqlite => {
                options
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            conn.execute(
                                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; \
                                 PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;",
                            )
                            .await?;
                            Ok(())
                        })
                    })
                    .connect(&url)
                    .await?
            }
            Backend::Postgres => {
                if let Some(schema) = &config.pg_schema {
                    if !schema.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                        return Err(Error::Invalid(format!("bad schema name `{schema}`")));
                    }
                    let admin = AnyPoolOptions::new().max_connections(1).connect(&url).await?;
                    admin.execute(format!("CREATE SCHEMA IF NOT EXISTS {schema}").as_str()).await?;
                    admin.close().await;
                    let set_path = format!("SET search_path TO {schema}");
                    options
                        .after_connect(move |conn, _meta| {
                            let set_path = set_path.clone();
                            Box::pin(async move {
                                conn.execute(set_path.as_str()).await?;
                                Ok(())
                            })
                        })
                        .connect(&url)
                        .await?
                } else {
                    options.connect(&url).await?
                }
            }
        };
        match backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&pool).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&pool).await?,
        }
        let store = Store {
            pool,
            backend,
            write_lock: Arc::new(tokio::sync::Mutex::new(())),
            token_cache: Arc::default(),
            group: Arc::new(group_commit::GroupCommit::new(match backend {
                Backend::Sqlite => 1,
                Backend::Postgres => group_commit::PG_WRITERS,
            })),
            roster: Arc::default(),
        };
        store.ensure_default_workspace().await?;
        Ok(store)
    }

    /// The pool, for modules that run their own queries.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Starts a write transaction. On SQLite it is `BEGIN IMMEDIATE`: a deferred transaction
    /// that reads first and writes later fails at once with `SQLITE_BUSY` when another writer got
    /// there in between (busy_timeout does not apply to that lock upgrade), while an immediate one
    /// queues for the write lock.
    pub async fn begin_write(&self) -> Result<WriteTx> {
        match self.backend {
            Backend::Sqlite => {
                let guard = self.write_lock.clone().lock_owned().await;
                let tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
                Ok(WriteTx { tx, _guard: Some(guard) })
            }
            Backend::Postgres => Ok(WriteTx { tx: self.pool.begin().await?, _guard: None }),
        }
    }

    /// The SQL dialect behind this store.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn ensure_default_workspace(&self) -> Result<()> {
        let row: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM workspaces ORDER BY id LIMIT 1").fetch_optional(&self.pool).await?;
        if row.is_none() {
            sqlx::query("INSERT INTO workspaces (name, timezone, created_at) VALUES ($1, $2, $3)")
                .bind("default")
                .bind("Asia/Shanghai")
                .bind(now_ms())
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// The id of the default workspace (the first one).
    pub async fn default_workspace(&self) -> Result<i64> {
        let row: (i64,) = sqlx::query_as("SELECT id FROM workspaces ORDER BY id LIMIT 1").fetch_one(&self.pool).await?;
        Ok(row.0)
    }

    /// Writes one audit row: who did what to which target, with the state before and after.
    pub async fn audit(&self, entry: &AuditEntry<'_>) -> Result<()> {
        // One autocommit statement, queued behind the SQLite write lock like transactions are.
        let _guard = match self.backend {
            Backend::Sqlite => Some(self.write_lock.lock().await),
            Backend::Postgres => None,
        };
        sqlx::query(
            "INSERT INTO audit_log (workspace_id, actor, role, action, target_kind, target_id, before_json, \
             after_json, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(entry.workspace_id)
        .bind(entry.actor)
        .bind(entry.role)
        .bind(entry.action)
        .bind(entry.target_kind)
        .bind(entry.target_id.clone())
        .bind(entry.before.clone())
        .bind(entry.after.clone())
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The newest audit rows of a workspace, newest first.
    pub async fn audit_rows(&self, workspace_id: i64, limit: i64, before_id: Option<i64>) -> Result<Vec<AuditRow>> {
        let rows: Vec<(i64, String, String, String, String, Option<String>, Option<String>, Option<String>, i64)> =
            sqlx::query_as(
                "SELECT id, actor, role, action, target_kind, target_id, before_json, after_json, created_at \
                 FROM audit_log WHERE workspace_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
            )
            .bind(workspace_id)
            .bind(before_id.unwrap_or(i64::MAX))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| AuditRow {
                id: r.0,
                actor: r.1,
                role: r.2,
                action: r.3,
                target_kind: r.4,
                target_id: r.5,
                before: r.6,
                after: r.7,
                created_at: r.8,
            })
            .collect())
    }
}

/// One audit row to write.
#[derive(Debug, Clone)]
pub struct AuditEntry<'a> {
    pub workspace_id: i64,
    pub actor: &'a str,
    pub role: &'a str,
    pub action: &'a str,
    pub target_kind: &'a str,
    pub target_id: Option<String>,
    /// JSON text of the state before, if any.
    pub before: Option<String>,
    /// JSON text of the state after, if any.
    pub after: Option<String>,
}

/// One stored audit row.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRow {
    pub id: i64,
    pub actor: String,
    pub role: String,
    pub action: String,
    pub target_kind: String,
    pub target_id: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
    pub created_at: i64,
}

/// Bind values of a query built at run time, numbered `$1`, `$2`, … as they are pushed.
#[derive(Debug, Default, Clone)]
pub(crate) struct SqlArgs {
    values: Vec<SqlArg>,
}

#[derive(Debug, Clone)]
enum SqlArg {
    Int(i64),
    Text(String),
}

impl SqlArgs {
    /// Adds an integer; returns its placeholder.
    pub(crate) fn push_int(&mut self, v: i64) -> String {
        self.values.push(SqlArg::Int(v));
        format!("${}", self.values.len())
    }

    /// Adds a text; returns its placeholder.
    pub(crate) fn push_text(&mut self, v: String) -> String {
        self.values.push(SqlArg::Text(v));
        format!("${}", self.values.len())
    }

    /// Binds every value, in order, to a query of any row type.
    pub(crate) fn bind<'q, O>(
        &self,
        mut q: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>> {
        for v in &self.values {
            q = match v {
                SqlArg::Int(i) => q.bind(*i),
                SqlArg::Text(s) => q.bind(s.clone()),
            };
        }
        q
    }
}

/// Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` pattern.
pub(crate) fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Current time in Unix milliseconds.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// Splits `[a, b]` JSON text into strings; anything unreadable gives an empty list.
pub(crate) fn json_list(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

/// JSON text of a list of strings.
pub(crate) fn to_json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".to_string())
}

fn normalise_url(url: &str) -> Result<(Backend, String)> {
    if let Some(rest) = url.strip_prefix("sqlite:") {
        if rest == ":memory:" || rest.contains("mode=memory") {
            return Ok((Backend::Sqlite, url.to_string()));
        }
        // Create the file when it does not exist yet.
        let sep = if rest.contains('?') { '&' } else { '?' };
        let with_mode = if rest.contains("mode=") { url.to_string() } else { format!("{url}{sep}mode=rwc") };
        return Ok((Backend::Sqlite, with_mode));
    }
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok((Backend::Postgres, url.to_string()));
    }
    Err(Error::UnsupportedUrl(url.chars().take(32).collect()))
}

/// Task status, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Proposed,
    Todo,
    Doing,
    Done,
    Cancelled,
}

impl Status {
    /// All statuses in board order.
    pub const ALL: [Status; 5] = [Status::Proposed, Status::Todo, Status::Doing, Status::Done, Status::Cancelled];

    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::Todo => "todo",
            Status::Doing => "doing",
            Status::Done => "done",
            Status::Cancelled => "cancelled",
        }
    }

    /// Whether the task still needs work.
    pub fn is_open(self) -> bool {
        matches!(self, Status::Proposed | Status::Todo | Status::Doing)
    }
}

impl FromStr for Status {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Status::ALL.into_iter().find(|st| st.as_str() == s).ok_or_else(|| {
            Error::Invalid(format!("status must be one of proposed, todo, doing, done, cancelled; got `{s}`"))
        })
    }
}

/// Task priority P0 (highest) … P3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Priority {
    P0,
    P1,
    P2,
    P3,
}

impl Priority {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::P0 => "P0",
            Priority::P1 => "P1",
            Priority::P2 => "P2",
            Priority::P3 => "P3",
        }
    }
}

impl FromStr for Priority {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "P0" | "p0" => Ok(Priority::P0),
            "P1" | "p1" => Ok(Priority::P1),
            "P2" | "p2" => Ok(Priority::P2),
            "P3" | "p3" => Ok(Priority::P3),
            _ => Err(Error::Invalid(format!("priority must be P0, P1, P2 or P3; got `{s}`"))),
        }
    }
}
