//! `convene`: serve the site, migrate the database, store the demo data.

use clap::{Parser, Subcommand};
use convene::store::Store;
use convene_server::{Application, Config};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "convene",
    version,
    about = "Convene: conferences of cities and regions — site, registration, back office"
)]
struct Cli {
    #[command(flatten)]
    config: Config,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site (the default). Migrates the database first and stores
    /// the demo conferences into an empty one.
    Serve {
        /// Do not store the demo conferences into an empty database.
        #[arg(long)]
        no_demo: bool,
    },
    /// Bring the database schema up to date, then exit.
    Migrate,
    /// Store data into the database.
    Seed {
        #[command(subcommand)]
        what: Seed,
    },
}

#[derive(Subcommand)]
enum Seed {
    /// The Mechelen and Beirut 2017 conferences (only into a database without conferences).
    Demo,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,tower_http=warn".into()),
        )
        .init();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("convene: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let config = cli.config;
    match cli.command.unwrap_or(Command::Serve { no_demo: false }) {
        Command::Serve { no_demo } => {
            let app = Application::build(&config, !no_demo)
                .await
                .map_err(|e| e.to_string())?;
            tracing::info!(
                backend = app.store().backend(),
                "listening on http://{}:{}",
                config.addr.ip(),
                app.port()
            );
            app.run_until_stopped().await.map_err(|e| e.to_string())
        }
        Command::Migrate => {
            let store = Store::connect(&config.database_url)
                .await
                .map_err(|e| e.to_string())?;
            store.migrate().await.map_err(|e| e.to_string())?;
            println!("the {} database is up to date", store.backend());
            Ok(())
        }
        Command::Seed { what: Seed::Demo } => {
            let store = Store::connect(&config.database_url)
                .await
                .map_err(|e| e.to_string())?;
            store.migrate().await.map_err(|e| e.to_string())?;
            if store.seed_demo().await.map_err(|e| e.to_string())? {
                println!("stored the demo conferences: mechelen-2017, beirut-2017");
            } else {
                println!("the database already has conferences; nothing stored");
            }
            Ok(())
        }
    }
}
