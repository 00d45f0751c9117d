//! The `chat2task` binary: parse the command line, set up logging, run the subcommand.

use clap::Parser;

use chat2task::cli::{self, Cli, Command, TokenCommand};

fn init_logging(json: bool) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("chat2task=info,tower_http=info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = Cli::parse();
    init_logging(args.log_json);
    let res = match args.command {
        Command::Serve(a) => cli::serve(a).await,
        Command::Demo(a) => cli::demo(a).await,
        Command::Extract(a) => cli::extract(&a).and_then(|n_errors| {
            if n_errors > 0 { Err(anyhow::anyhow!("{n_errors} line(s) could not be read")) } else { Ok(()) }
        }),
        Command::Eval(a) => cli::eval(&a),
        Command::Datagen(a) => chat2task::datagen::run_datagen(&a.out, a.n, a.seed)
            .map(|stats| eprintln!("{stats}"))
            .map_err(anyhow::Error::from),
        Command::Train(a) => cli::train(&a),
        Command::ImportE5(a) => cli::import_e5(&a),
        Command::ExportModel { from, out } => cli::export_model(&from, &out),
        Command::Ingest(a) => cli::ingest(a).await,
        Command::Risk { command } => cli::risk(&command).await,
        Command::Assign { command } => cli::assign(&command),
        Command::Worker(a) => cli::worker(a).await,
        Command::Timex(a) => cli::timex(&a).map(|n_errors| {
            if n_errors > 0 {
                eprintln!("{n_errors} line(s) could not be read");
            }
        }),
        Command::Token { command: TokenCommand::Create { role, member, label, db } } => {
            cli::token_create(&role, member.as_deref(), &label, &db).await.map(|secret| println!("{secret}"))
        }
    };
    match res {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
