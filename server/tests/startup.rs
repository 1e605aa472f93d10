//! Start-up: migrations, demo data, and clear failures.

mod common;

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
    let sqlite_agenda = convene::demo::agendas().remove(1);
    assert_eq!(
        agenda.sessions, sqlite_agenda.sessions,
        "PostgreSQL gives back what it was given"
    );
    assert_eq!(agenda.conference, sqlite_agenda.conference);
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
        "stored the demo conferences: mechelen-2017, beirut-2017"
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
