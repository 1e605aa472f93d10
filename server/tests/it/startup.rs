//! Start-up: migrations, demo data, and clear failures.

use crate::common;

use crate::common::Inspect;
use convene_server::{Application, Config};

#[tokio::test]
async fn the_demo_is_stored_once_and_only_into_an_empty_database() {
    let folder = tempfile::tempdir().unwrap();
    let url = common::sqlite_url(&folder);
    for _ in 0..2 {
        let app = Application::build(&Config::for_tests(url.clone()), true)
            .await
            .unwrap();
        assert_eq!(app.store().conference_count().await.unwrap(), 2);
        app.store().close().await;
    }
}

#[tokio::test]
async fn no_demo_leaves_an_empty_site_that_says_so() {
    let app = common::spawn_sqlite_with(false).await;
    let html = app.page("/").await;
    assert!(html.contains("No conferences have been published yet."));
}

#[tokio::test]
async fn the_sqlite_folder_is_created() {
    let folder = tempfile::tempdir().unwrap();
    let url = format!(
        "sqlite://{}/nested/data/convene.db?mode=rwc",
        folder.path().display()
    );
    let app = Application::build(&Config::for_tests(url), false)
        .await
        .unwrap();
    assert!(folder.path().join("nested/data/convene.db").exists());
    app.store().close().await;
}

#[tokio::test]
async fn postgres_is_migrated_and_seeded_the_same_way() {
    let url = common::fresh_postgres_database().await;
    let app = Application::build(&Config::for_tests(url.clone()), true)
        .await
        .unwrap();
    assert_eq!(app.store().backend(), "postgres");
    assert_eq!(app.store().conference_count().await.unwrap(), 2);
    let agenda = app.store().agenda("beirut-2017").await.unwrap().unwrap();
    // The same demo on SQLite: the same agenda, its people's portraits and
    // its documents' files included, the conference's face too.
    let (sqlite, _folder) = common::sqlite_store().await;
    let sqlite_agenda = sqlite.agenda("beirut-2017").await.unwrap().unwrap();
    assert_eq!(
        agenda.sessions, sqlite_agenda.sessions,
        "PostgreSQL gives back what SQLite does"
    );
    assert_eq!(agenda.people, sqlite_agenda.people);
    assert_eq!(agenda.conference, sqlite_agenda.conference);
    assert!(agenda.people.iter().all(|p| p.photo.is_some()));
    assert!(agenda.conference.face.banner.is_some());
    let slides = &agenda.session("city-migration-profiles").unwrap().materials;
    assert_eq!(slides.documents.len(), 2);
}

fn convene(args: &[&str], database_url: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_convene"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "off")
        .output()
        .expect("run convene")
}

#[test]
fn a_wrong_database_url_stops_with_one_clear_line() {
    let out = convene(&["migrate"], "mysql://localhost/convene");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim(), "convene: DATABASE_URL must start with sqlite: or postgres:, not \"mysql://localhost/convene\"");
}

#[test]
fn an_unreachable_database_stops_with_one_clear_line_and_no_password() {
    // Nothing listens on port 9 of loopback.
    let out = convene(
        &["migrate"],
        "postgres://convene:s3cret@127.0.0.1:9/convene",
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(
            "convene: cannot connect to the database at postgres://convene:***@127.0.0.1:9/convene"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("s3cret"));
    assert!(!stderr.contains("panicked"));
}

#[test]
fn seed_demo_and_migrate_work_from_the_command_line() {
    let folder = tempfile::tempdir().unwrap();
    let url = common::sqlite_url(&folder);
    let out = convene(&["migrate"], &url);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = convene(&["seed", "demo"], &url);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!(
            "stored the demo conferences: mechelen-2017, beirut-2017, with {} delegates",
            convene::demo::delegates().len()
        )
    );
    let out = convene(&["seed", "demo"], &url);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "the database already has conferences; nothing stored"
    );
}

#[test]
fn help_names_the_settings_and_their_environment_variables() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_convene"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for word in [
        "serve",
        "migrate",
        "seed",
        "DATABASE_URL",
        "LEPTOS_SITE_ADDR",
        "LEPTOS_SITE_ROOT",
        "CONVENE_BASE_URL",
    ] {
        assert!(help.contains(word), "--help lacks {word}:\n{help}");
    }
}

/// Staff's commands until the back office: list, approve, set the mode, invite.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registrations_are_approved_and_people_invited_from_the_command_line() {
    let (store, folder) = common::sqlite_store().await;
    let url = common::sqlite_url(&folder);
    let base = "http://convene.test";
    // Beirut asks for approval: a delegate registers and confirms their address.
    let delegate = common::registration(convene::registration::RegistrationForm {
        given_name: "Amal".into(),
        family_name: "Haddad".into(),
        email: "amal@example.org".into(),
        organisation: "Municipality of Beirut".into(),
        city: "Beirut".into(),
        country: "LB".into(),
        category: "civil_society".into(),
        ..Default::default()
    });
    let now = chrono::Utc::now();
    store
        .submit_registration("beirut-2017", &delegate, None, convene::Lang::Ar, base, now)
        .await
        .unwrap();
    let outbox = store.outbox().await.unwrap();
    let token = outbox[0].2["link"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    store.verify_registration(&token, base, now).await.unwrap();

    let out = convene(&["registrations", "list", "beirut-2017"], &url);
    let listed = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        listed.contains("awaiting_approval\tAmal Haddad\tamal@example.org"),
        "{listed}"
    );
    let id = listed.split('\t').next().unwrap().to_owned();
    let out = convene(&["registrations", "approve", &id], &url);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("is confirmed"));
    let again = convene(&["registrations", "approve", &id], &url);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("does not await approval"));
    let outbox = store.outbox().await.unwrap();
    let (kind, to, _) = outbox.last().unwrap();
    assert_eq!(
        (kind.as_str(), to.as_str()),
        ("confirmation", "amal@example.org")
    );

    // By invitation: every address must be one, and each gets a link by email.
    let out = convene(
        &["conferences", "mode", "mechelen-2017", "invitation"],
        &url,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bad = convene(
        &[
            "invitations",
            "create",
            "mechelen-2017",
            "a@example.org",
            "not-an-address",
        ],
        &url,
    );
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("\"not-an-address\" is not an email address")
    );
    assert_eq!(
        store.outbox().await.unwrap().len(),
        outbox.len(),
        "none invited"
    );
    let out = convene(
        &[
            "invitations",
            "create",
            "mechelen-2017",
            "--lang",
            "fr",
            "a@example.org",
            "b@example.org",
        ],
        &url,
    );
    let printed = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(printed.lines().count(), 2, "{printed}");
    assert!(printed.starts_with("a@example.org\thttp"), "{printed}");
    assert!(printed.contains("/conferences/mechelen-2017/register?invitation="));
    let outbox = store.outbox().await.unwrap();
    let (kind, to, payload) = outbox.last().unwrap();
    assert_eq!(
        (kind.as_str(), to.as_str()),
        ("invitation", "b@example.org")
    );
    assert_eq!(
        payload["conference"],
        "Conférence mondiale sur les villes et les migrations"
    );
}

/// Accounts from the command line: the password comes from standard input,
/// never from an argument, and weak ones are refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accounts_are_made_and_given_roles_from_the_command_line() {
    use std::io::Write;
    let (store, folder) = common::sqlite_store().await;
    let url = common::sqlite_url(&folder);
    let create = |email: &str, password: &str| {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_convene"))
            .args(["admin", "create", "--email", email])
            .env("DATABASE_URL", &url)
            .env("RUST_LOG", "off")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
        child.wait_with_output().unwrap()
    };
    let weak = create("organiser@example.org", "iloveyou");
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr)
        .contains("password: one of the most common passwords"));
    let made = create("organiser@example.org", "Beit Beirut 2017 museum");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    assert!(String::from_utf8_lossy(&made.stdout).contains("account organiser@example.org created"));
    let twice = create("Organiser@example.org", "Beit Beirut 2017 museum");
    assert!(String::from_utf8_lossy(&twice.stderr).contains("has an account already"));

    let grant = convene(
        &[
            "admin",
            "grant",
            "--email",
            "organiser@example.org",
            "--conference",
            "beirut-2017",
            "--role",
            "organiser",
        ],
        &url,
    );
    assert!(
        grant.status.success(),
        "{}",
        String::from_utf8_lossy(&grant.stderr)
    );
    let (account, hash) = store
        .account_for_sign_in("organiser@example.org")
        .await
        .unwrap()
        .unwrap();
    assert!(convene::password::verify("Beit Beirut 2017 museum", &hash));
    assert!(!account.administrator);
    assert_eq!(
        store.role_in(account.id, "beirut-2017").await.unwrap(),
        Some(convene::account::StaffRole::Organiser)
    );
    let nobody = convene(
        &[
            "admin",
            "grant",
            "--email",
            "nobody@example.org",
            "--conference",
            "beirut-2017",
            "--role",
            "staff",
        ],
        &url,
    );
    assert!(!nobody.status.success());
}

/// The two databases' migrations make the same tables with the same
/// columns: a column added to one and forgotten in the other fails here,
/// not on the first deployment that uses the other database.
#[tokio::test]
async fn both_databases_have_the_same_tables_and_columns() {
    use std::collections::BTreeSet;
    let (sqlite, _folder) = common::sqlite_store().await;
    let postgres = common::postgres_store().await;
    let columns = |store: convene::store::Store| async move {
        let rows: Vec<(String, String)> = match &store {
            convene::store::Store::Sqlite { pool, .. } => sqlx::query_as(
                "SELECT m.name, c.name FROM sqlite_master m, pragma_table_info(m.name) c \
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
            )
            .fetch_all(pool)
            .await
            .unwrap(),
            convene::store::Store::Postgres(pool) => sqlx::query_as(
                "SELECT table_name::TEXT, column_name::TEXT FROM information_schema.columns \
                 WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%'",
            )
            .fetch_all(pool)
            .await
            .unwrap(),
        };
        rows.into_iter().collect::<BTreeSet<_>>()
    };
    let (on_sqlite, on_postgres) = (columns(sqlite).await, columns(postgres).await);
    let only_sqlite: Vec<_> = on_sqlite.difference(&on_postgres).collect();
    let only_postgres: Vec<_> = on_postgres.difference(&on_sqlite).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "only on SQLite: {only_sqlite:?}; only on PostgreSQL: {only_postgres:?}"
    );
    let tables: BTreeSet<_> = on_sqlite.iter().map(|(t, _)| t).collect();
    println!(
        "schemas: {} tables, {} columns, the same on SQLite and PostgreSQL",
        tables.len(),
        on_sqlite.len()
    );
}
