//! `convene`: serve the site, migrate the database, store the demo data.

use clap::{Parser, Subcommand};
use convene::account::{NewPassword, StaffRole};
use convene::field::Email;
use convene::registration::RegistrationMode;
use convene::store::{Decided, Store};
use convene::Lang;
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
    /// Recount the registrations and seats from their rows and say where the
    /// stored counters or states disagree; exits with 1 if anything does.
    Check,
    /// Store data into the database.
    Seed {
        #[command(subcommand)]
        what: Seed,
    },
    /// Back-office accounts.
    Admin {
        #[command(subcommand)]
        what: Admin,
    },
    /// See and decide on registrations.
    Registrations {
        #[command(subcommand)]
        what: Registrations,
    },
    /// Set up conferences.
    Conferences {
        #[command(subcommand)]
        what: Conferences,
    },
    /// Personal invitations, for conferences by invitation only.
    Invitations {
        #[command(subcommand)]
        what: Invitations,
    },
}

#[derive(Subcommand)]
enum Admin {
    /// Create a back-office account. The password is read from standard
    /// input (typed without echo at a terminal), never from an argument.
    Create {
        #[arg(long)]
        email: String,
        /// All conferences and all accounts.
        #[arg(long)]
        administrator: bool,
    },
    /// Give an account a role in a conference: organiser (everything about
    /// it), staff (registrations and mail) or editor (its news).
    Grant {
        #[arg(long)]
        email: String,
        #[arg(long)]
        conference: String,
        #[arg(long, value_parser = ["organiser", "staff", "editor"])]
        role: String,
    },
    /// Take an account's role in a conference away.
    Revoke {
        #[arg(long)]
        email: String,
        #[arg(long)]
        conference: String,
    },
    /// Disable an account: it signs in no more, its sessions end at once,
    /// and a password reset for it sends nothing.
    Disable {
        #[arg(long)]
        email: String,
    },
}

#[derive(Subcommand)]
enum Registrations {
    /// List a conference's registrations: id, status, name, email.
    List {
        /// The conference, e.g. beirut-2017.
        conference: String,
    },
    /// Approve a registration that awaits approval: it is confirmed while
    /// seats last, else waiting-listed; the delegate is told by email.
    Approve { id: i64 },
    /// Turn down a registration that awaits approval; the delegate is told by email.
    Reject { id: i64 },
}

#[derive(Subcommand)]
enum Conferences {
    /// Set who may register: open, approval or invitation.
    Mode {
        conference: String,
        #[arg(value_parser = ["open", "approval", "invitation"])]
        mode: String,
    },
}

#[derive(Subcommand)]
enum Invitations {
    /// Invite people by email to a conference: each gets a personal link by
    /// email, which is also printed here.
    Create {
        conference: String,
        /// The language of the invitation email: en, fr or ar.
        #[arg(long, default_value = "en")]
        lang: String,
        #[arg(required = true)]
        emails: Vec<String>,
    },
}

#[derive(Subcommand)]
enum Seed {
    /// The Mechelen and Beirut 2017 conferences (only into a database without conferences).
    Demo,
    /// Data for the benchmark (bench/run): conferences bench-50 and
    /// bench-500 (agendas of 50 and 500 sessions), bench-list with the
    /// generated registrations, and generated mail in the outbox.
    Bench {
        /// Registrations added to bench-list.
        #[arg(long, default_value_t = 0)]
        registrations: i64,
        /// Messages queued, each to its own address.
        #[arg(long, default_value_t = 0)]
        mail: u32,
    },
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
            if app.stored_demo() {
                let n = (app.store().seed_demo_delegates().await).map_err(|e| e.to_string())?;
                tracing::info!("stored {n} demo delegates of beirut-2017");
            }
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
        Command::Admin {
            what:
                Admin::Create {
                    email,
                    administrator,
                },
        } => {
            let store = open(&config).await?;
            let email = Email::parse(&email)
                .map_err(|p| format!("{email:?} is not an email address ({p})"))?;
            let typed = read_password()?;
            let password = NewPassword::parse(&typed).map_err(|p| format!("password: {p}"))?;
            let hash =
                tokio::task::spawn_blocking(move || convene::password::hash(password.as_str()))
                    .await
                    .map_err(|e| e.to_string())?;
            match store
                .create_account(&email, &hash, administrator, chrono::Utc::now())
                .await
                .map_err(|e| e.to_string())?
            {
                Some(_) => {
                    let what = if administrator {
                        "administrator"
                    } else {
                        "account"
                    };
                    println!(
                        "{what} {email} created; sign in at {}/admin/sign-in",
                        config.base_url()
                    );
                    Ok(())
                }
                None => Err(format!("{email} has an account already")),
            }
        }
        Command::Check => {
            let store = open(&config).await?;
            let problems = store.recount().await.map_err(|e| e.to_string())?;
            if problems.is_empty() {
                println!("every count matches its rows");
                Ok(())
            } else {
                for problem in &problems {
                    println!("{problem}");
                }
                Err(format!("{} problems found", problems.len()))
            }
        }
        Command::Admin {
            what:
                Admin::Grant {
                    email,
                    conference,
                    role,
                },
        } => {
            let store = open(&config).await?;
            let role = StaffRole::parse(&role).ok_or("role: organiser, staff or editor")?;
            if store
                .grant(&email, &conference, role)
                .await
                .map_err(|e| e.to_string())?
            {
                println!("{email} is now {} of {conference}", role.code());
                Ok(())
            } else {
                Err(format!("no account {email}, or no conference {conference}"))
            }
        }
        Command::Admin {
            what: Admin::Revoke { email, conference },
        } => {
            let store = open(&config).await?;
            if store
                .revoke(&email, &conference)
                .await
                .map_err(|e| e.to_string())?
            {
                println!("{email} has no role in {conference} any more");
                Ok(())
            } else {
                Err(format!("{email} has no role in {conference}"))
            }
        }
        Command::Admin {
            what: Admin::Disable { email },
        } => {
            let store = open(&config).await?;
            if store.disable(&email).await.map_err(|e| e.to_string())? {
                println!("{email} is disabled: signed out everywhere, and cannot sign in");
                Ok(())
            } else {
                Err(format!("no account {email}"))
            }
        }
        Command::Registrations { what } => {
            let store = open(&config).await?;
            let now = chrono::Utc::now();
            let base = config.base_url();
            match what {
                Registrations::List { conference } => {
                    use std::io::Write;
                    let mut out = std::io::stdout().lock();
                    for r in store
                        .registrations(&conference)
                        .await
                        .map_err(|e| e.to_string())?
                    {
                        let line = writeln!(
                            out,
                            "{}\t{}\t{}\t{}",
                            r.id,
                            r.status.code(),
                            r.name,
                            r.email
                        );
                        // A reader that stopped (`| head`) ends the listing.
                        if line.is_err() {
                            break;
                        }
                    }
                    Ok(())
                }
                Registrations::Approve { id } | Registrations::Reject { id } => {
                    let approve = matches!(what, Registrations::Approve { .. });
                    match store
                        .decide_registration(id, approve, None, None, &base, now)
                        .await
                        .map_err(|e| e.to_string())?
                    {
                        Decided::Confirmed => println!("registration {id} is confirmed; the delegate is told by email"),
                        Decided::Waiting { position } => println!(
                            "the conference is full: registration {id} is number {position} on the waiting list; the delegate is told by email"
                        ),
                        Decided::Rejected => println!("registration {id} is turned down; the delegate is told by email"),
                        Decided::NotAwaiting => {
                            return Err(format!(
                                "registration {id} does not await approval (see `convene registrations list CONFERENCE`)"
                            ))
                        }
                    }
                    Ok(())
                }
            }
        }
        Command::Conferences {
            what: Conferences::Mode { conference, mode },
        } => {
            let store = open(&config).await?;
            let mode =
                RegistrationMode::parse(&mode).ok_or("mode: open, approval or invitation")?;
            if store
                .set_registration_mode(&conference, mode)
                .await
                .map_err(|e| e.to_string())?
            {
                println!("{conference}: registration is now {}", mode.code());
                Ok(())
            } else {
                Err(format!("no conference {conference}"))
            }
        }
        Command::Invitations {
            what:
                Invitations::Create {
                    conference,
                    lang,
                    emails,
                },
        } => {
            let store = open(&config).await?;
            let lang = Lang::parse(&lang).map_err(|e| e.to_string())?;
            // Every address first: none is invited when one is mistyped.
            let emails = emails
                .iter()
                .map(|e| {
                    Email::parse(e).map_err(|p| format!("{e:?} is not an email address ({p})"))
                })
                .collect::<Result<Vec<_>, _>>()?;
            for email in emails {
                let link = store
                    .invite(
                        &conference,
                        &email,
                        lang,
                        &config.base_url(),
                        chrono::Utc::now(),
                    )
                    .await
                    .map_err(|e| e.to_string())?
                    .ok_or_else(|| format!("no conference {conference}"))?;
                println!("{email}\t{link}");
            }
            Ok(())
        }
        Command::Seed {
            what: Seed::Bench {
                registrations,
                mail,
            },
        } => {
            let store = open(&config).await?;
            let now = chrono::Utc::now();
            for (slug, sessions) in [("bench-50", 50), ("bench-500", 500), ("bench-list", 50)] {
                if store
                    .conference(slug)
                    .await
                    .map_err(|e| e.to_string())?
                    .is_none()
                {
                    let slug = convene::Slug::parse(slug).map_err(|e| e.to_string())?;
                    let agenda = convene::demo::sized(&slug, sessions);
                    store
                        .insert_agenda(&agenda)
                        .await
                        .map_err(|e| e.to_string())?;
                    println!("stored {slug}: {sessions} sessions");
                }
            }
            if registrations > 0 {
                store
                    .add_generated_registrations("bench-list", registrations, now)
                    .await
                    .map_err(|e| e.to_string())?;
                println!("added {registrations} registrations to bench-list");
            }
            if mail > 0 {
                store
                    .queue_generated_mail(mail, now)
                    .await
                    .map_err(|e| e.to_string())?;
                println!("queued {mail} messages");
            }
            Ok(())
        }
        Command::Seed { what: Seed::Demo } => {
            let store = Store::connect(&config.database_url)
                .await
                .map_err(|e| e.to_string())?;
            store.migrate().await.map_err(|e| e.to_string())?;
            if store.seed_demo().await.map_err(|e| e.to_string())? {
                let n = (store.seed_demo_delegates().await).map_err(|e| e.to_string())?;
                println!(
                    "stored the demo conferences: mechelen-2017, beirut-2017, with {n} delegates"
                );
            } else {
                println!("the database already has conferences; nothing stored");
            }
            Ok(())
        }
    }
}

/// The database, migrated.
async fn open(config: &Config) -> Result<Store, String> {
    let store = Store::connect(&config.database_url)
        .await
        .map_err(|e| e.to_string())?;
    store.migrate().await.map_err(|e| e.to_string())?;
    Ok(store)
}

/// A password from standard input: prompted for without echo at a
/// terminal, else its first line (for scripts: `echo ... | convene admin create`).
fn read_password() -> Result<String, String> {
    use std::io::{BufRead, IsTerminal};
    if std::io::stdin().is_terminal() {
        rpassword::prompt_password("Password (at least 8 characters): ").map_err(|e| e.to_string())
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}
