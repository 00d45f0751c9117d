//! The command line: `serve`, `demo`, `token create`, and the pipeline commands other modules add.
//!
//! Each subcommand is a function here; `main.rs` only parses and dispatches. Output meant for
//! scripts (a token, JSON) goes to stdout; progress and diagnostics go to stderr.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand};

use crate::api::AppState;
use crate::store::members::NewMember;
use crate::store::projects::StageFields;
use crate::store::{Store, StoreConfig};

/// chat2task: turns Chinese work-group chat into tracked tasks, on your own machine.
#[derive(Debug, Parser)]
#[command(name = "chat2task", version, about, long_about = None)]
pub struct Cli {
    /// Log as JSON lines instead of text.
    #[arg(long, global = true, env = "CHAT2TASK_LOG_JSON")]
    pub log_json: bool,
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the service (REST API, webhooks, workers).
    Serve(ServeArgs),
    /// First contact: seed a demo workspace, replay the demo chat, print what it made, and serve.
    Demo(DemoArgs),
    /// Find and resolve Chinese time expressions: JSONL `{"text", "ref"}` lines in, one result per line out.
    Timex(IoArgs),
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
}

/// Where the database is.
#[derive(Debug, Args, Clone)]
pub struct DbArgs {
    /// Database URL: sqlite://PATH (created if missing) or postgres://USER@HOST/DB.
    #[arg(long, env = "CHAT2TASK_DB", default_value = "sqlite://chat2task.db")]
    pub db: String,
}

/// An input file and an optional output file (stdout when absent).
#[derive(Debug, Args)]
pub struct IoArgs {
    /// Input JSONL file.
    #[arg(long)]
    pub input: PathBuf,
    /// Output JSONL file; stdout when absent.
    #[arg(long)]
    pub output: Option<PathBuf>,
}

/// Options of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "CHAT2TASK_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Options of `demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// SQLite file for the demo workspace; default: a new file in the system temp directory.
    #[arg(long)]
    pub db_path: Option<PathBuf>,
    /// Address to serve the demo on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Seed and print, then exit instead of serving.
    #[arg(long)]
    pub no_serve: bool,
}

/// `token` subcommands.
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Issue a token; the secret is printed once, as the last line of stdout.
    Create {
        /// admin, pm, member or guest.
        #[arg(long)]
        role: String,
        /// The member the token acts as (display name; created if missing). Needed for pm,
        /// member and guest to see any project; without it such a token acts as a new
        /// placeholder member.
        #[arg(long)]
        member: Option<String>,
        /// A label to recognise the token by.
        #[arg(long, default_value = "")]
        label: String,
        #[command(flatten)]
        db: DbArgs,
    },
}

/// `chat2task timex`.
pub fn timex(args: &IoArgs) -> Result<usize> {
    let input =
        std::fs::read_to_string(&args.input).with_context(|| format!("could not read {}", args.input.display()))?;
    let (out, errors) = crate::timex::cli::run_jsonl(&input);
    write_output(args.output.as_deref(), &out)?;
    for (line, message) in &errors {
        eprintln!("{}:{line}: {message}", args.input.display());
    }
    Ok(errors.len())
}

/// Writes `text` to `path`, or to stdout.
pub fn write_output(path: Option<&std::path::Path>, text: &str) -> Result<()> {
    let owned;
    let text = if text.is_empty() || text.ends_with('\n') {
        text
    } else {
        owned = format!("{text}\n");
        &owned
    };
    match path {
        Some(p) => std::fs::write(p, text).with_context(|| format!("could not write {}", p.display())),
        None => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(text.as_bytes()).context("could not write to stdout")?;
            Ok(())
        }
    }
}

/// Connects to the store at `url` (applying migrations).
pub async fn open_store(url: &str) -> Result<Store> {
    Store::connect(&StoreConfig::new(url)).await.with_context(|| format!("could not open database {}", redact(url)))
}

/// Hides a password in a database URL for logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let creds = &url[scheme_end + 3..at];
            match creds.find(':') {
                Some(colon) => format!("{}{}:***{}", &url[..scheme_end + 3], &creds[..colon], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// `chat2task serve`.
pub async fn serve(args: ServeArgs) -> Result<()> {
    let store = open_store(&args.db.db).await?;
    let state = AppState::new(store);
    let listener =
        tokio::net::TcpListener::bind(args.addr).await.with_context(|| format!("could not listen on {}", args.addr))?;
    tracing::info!(addr = %args.addr, db = %redact(&args.db.db), "serving");
    eprintln!("chat2task listening on http://{}", args.addr);
    crate::api::serve(listener, state).await.context("server failed")?;
    Ok(())
}

/// `chat2task token create`.
pub async fn token_create(role: &str, member: Option<&str>, label: &str, db: &DbArgs) -> Result<String> {
    let role: crate::auth::Role = role.parse().map_err(anyhow::Error::msg)?;
    let store = open_store(&db.db).await?;
    let workspace_id = store.default_workspace().await?;
    let member_id = match member {
        Some(name) => Some(match store.find_member(workspace_id, name).await? {
            Some(m) => m.id,
            None => {
                store.create_member(workspace_id, &NewMember { name: name.to_string(), ..Default::default() }).await?.id
            }
        }),
        None if role != crate::auth::Role::Admin => {
            let name = format!("{}-{}", role.as_str(), &crate::store::now_ms().to_string()[7..]);
            let new = NewMember { name, placeholder: true, ..Default::default() };
            Some(store.create_member(workspace_id, &new).await?.id)
        }
        None => None,
    };
    let (token, secret) = store.create_token(workspace_id, role.as_str(), member_id, label).await?;
    eprintln!("token {} ({}) created; store it now, it is not shown again", token.id, token.role);
    Ok(secret)
}

/// The demo roster: display name and aliases.
const DEMO_ROSTER: &[(&str, &[&str], &[&str])] = &[
    ("陈静", &["陈总", "静姐"], &["产品", "项目管理"]),
    ("刘洋", &["小刘"], &["后端", "支付"]),
    ("王磊", &["王工", "磊哥"], &["安卓", "推送"]),
    ("赵敏", &["小赵", "敏敏"], &["文案", "法务对接"]),
    ("孙悦", &[], &["用户研究", "测试"]),
];

/// `chat2task demo`.
pub async fn demo(args: DemoArgs) -> Result<()> {
    let path = match args.db_path {
        Some(p) => p,
        None => std::env::temp_dir().join(format!("chat2task-demo-{}.db", std::process::id())),
    };
    if path.exists() {
        bail!("{} already exists; pass a new --db-path", path.display());
    }
    let url = format!("sqlite://{}", path.display());
    let store = open_store(&url).await?;
    let workspace_id = store.default_workspace().await?;
    let mut member_ids = Vec::new();
    for (name, aliases, skills) in DEMO_ROSTER {
        let new = NewMember {
            name: name.to_string(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            skills: skills.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        member_ids.push(store.create_member(workspace_id, &new).await?.id);
    }
    let lead = member_ids.first().copied();
    let project = store.create_project(workspace_id, "App 3.2 版本上线", "送审、修复与上线", "demo", lead).await?;
    for member_id in member_ids.iter().skip(1) {
        store.set_project_member(project.id, *member_id, "member").await?;
    }
    for name in ["开发", "测试", "送审上线"] {
        store.create_stage(project.id, &StageFields { name: Some(name.into()), ..Default::default() }).await?;
    }
    let chat = store.create_chat(workspace_id, "api", "demo-app", "App 项目群", Some(project.id), "threshold").await?;
    let report = crate::demo::replay(&store, &chat, include_str!("../datasets/demo/chat.jsonl")).await?;
    let (_, admin_token) = store.create_token(workspace_id, "admin", None, "demo admin").await?;
    println!("demo workspace: {}", path.display());
    println!("{report}");
    println!("admin token: {admin_token}");
    if args.no_serve {
        return Ok(());
    }
    let listener =
        tokio::net::TcpListener::bind(args.addr).await.with_context(|| format!("could not listen on {}", args.addr))?;
    println!(
        "serving on http://{}  (try: curl -H 'Authorization: Bearer {admin_token}' http://{}/v1/tasks)",
        args.addr, args.addr
    );
    crate::api::serve(listener, AppState::new(store)).await.context("server failed")?;
    Ok(())
}
