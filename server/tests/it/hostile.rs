//! Hostile input, on SQLite and PostgreSQL: every value of the corpus
//! (`common::hostile`, more than 300) in every field of the registration
//! form, in every back-office post, and in every server function's
//! arguments. No answer is a 5xx; what was stored comes back escaped on
//! the pages delegates and staff see; no exported cell starts a formula.
//! (That nothing runs in a browser is the browser test `hostile.spec.ts`.)

use crate::common;
use crate::common::Inspect;

use common::hostile::{corpus, shown_raw};
use common::TestApp;
use futures::StreamExt;
use std::collections::BTreeSet;

on_both_backends!(hostile_values_are_refused_or_stored_inert_everywhere);
on_both_backends_without_mail!(hostile_stars_change_nothing);

/// Requests in flight at once.
const AT_ONCE: usize = 8;

/// The server's limit of a request's body (`startup`).
const BODY_LIMIT: usize = 256 * 1024;

/// The names of a page's form fields.
fn field_names(page: &str) -> BTreeSet<String> {
    page.split("name=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

fn encode(pairs: &[(String, Vec<u8>)]) -> String {
    pairs
        .iter()
        .map(|(name, value)| {
            let value: String = form_urlencoded::byte_serialize(value).collect();
            let name: String = form_urlencoded::byte_serialize(name.as_bytes()).collect();
            format!("{name}={value}")
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Posts every body to its path, a few at a time; the answers that were
/// 5xx, as (path, status, the body's first bytes).
async fn post_all(
    app: &TestApp,
    cookie: &str,
    requests: Vec<(String, String)>,
) -> (usize, Vec<(String, u16, String)>) {
    let count = requests.len();
    let failures = futures::stream::iter(requests)
        .map(|(path, body)| async move {
            let mut request = app.client.post(app.url(&path));
            if body.len() > BODY_LIMIT {
                // The server closes such a connection: it is not to be reused.
                request = request.header("connection", "close");
            }
            let response = request
                .header("sec-fetch-site", "same-origin")
                .header("origin", app.base.as_str())
                .header("accept", "text/html")
                .header("content-type", "application/x-www-form-urlencoded")
                .header("cookie", cookie)
                .body(body.clone())
                .send()
                .await;
            let response = match response {
                Ok(response) => response,
                // Past the body limit the server answers 413 and closes the
                // connection without reading the rest: the client may see
                // the closed connection first.
                Err(_) if body.len() > BODY_LIMIT => return None,
                Err(error) => panic!("{path}: {error:?}"),
            };
            let status = response.status().as_u16();
            if body.len() > BODY_LIMIT {
                assert_eq!(status, 413, "{path}: a body past the limit");
            }
            (status >= 500).then(|| (path, status, body.chars().take(120).collect()))
        })
        .buffer_unordered(AT_ONCE)
        .filter_map(|failure| async move { failure })
        .collect::<Vec<_>>()
        .await;
    (count, failures)
}

/// Fills a route's `{parameters}` with things that exist at Mechelen.
fn concrete(route: &str, id: i64) -> String {
    route
        .replace("{slug}", "mechelen-2017")
        .replace("{session}", "workshop-social-inclusion")
        .replace("{room}", "room-a")
        .replace("{person}", "bart-somers")
        .replace("{role}", "speaker")
        .replace("{code}", "study-visit")
        .replace("{id}", &id.to_string())
        .replace("{token}", "not-a-token")
}

async fn hostile_values_are_refused_or_stored_inert_everywhere(app: TestApp) {
    let values = corpus();
    assert!(values.len() >= 300, "{} values", values.len());
    common::account(&app, "admin@example.org", true).await;
    let admin = common::sign_in(&app, "admin@example.org").await;
    let mut sent = 0;
    let mut server_errors = vec![];

    // 1. The registration form: each field in turn, the others valid.
    let form = app.page("/conferences/mechelen-2017/register").await;
    let fields = field_names(&form);
    assert!(fields.contains("given_name") && fields.contains("consent"));
    let valid = |email: String| -> Vec<(String, Vec<u8>)> {
        [
            ("honorific", "ms".to_owned()),
            ("given_name", "Amal".into()),
            ("family_name", "Haddad".into()),
            ("email", email),
            ("organisation", "City of Tunis".into()),
            ("function", "Mayor".into()),
            ("city", "Tunis".into()),
            ("country", "TN".into()),
            ("category", "mayor_or_governor".into()),
            ("languages", "en".into()),
            ("consent", "on".into()),
            ("q_study-visit", "yes".into()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.into_bytes()))
        .collect()
    };
    let mut requests = vec![];
    for field in &fields {
        for (i, value) in values.iter().enumerate() {
            let mut pairs = valid(format!("h{i}-{}@example.org", field.len()));
            pairs.retain(|(name, _)| name != field);
            pairs.push((field.clone(), value.clone()));
            if field == "passport_name" || field == "nationality" {
                pairs.push(("visa_letter".into(), b"on".to_vec()));
            }
            requests.push((
                "/conferences/mechelen-2017/register".to_owned(),
                encode(&pairs),
            ));
        }
    }
    let (n, failed) = post_all(&app, &admin, requests).await;
    sent += n;
    server_errors.extend(failed);

    // 2. Every back-office post, every field of every back-office form at
    //    once holding the value (signing out aside: it would end the test's
    //    session).
    let registration = app
        .store
        .registrations("mechelen-2017")
        .await
        .unwrap()
        .first()
        .map(|r| r.id)
        .expect("the form stored some");
    let mut admin_fields = BTreeSet::new();
    for page in [
        "/admin/conferences/mechelen-2017/settings",
        "/admin/conferences/mechelen-2017/agenda",
        "/admin/conferences/mechelen-2017/agenda/workshop-social-inclusion",
        "/admin/conferences/mechelen-2017/registrations",
        "/admin/conferences/mechelen-2017/write",
        "/admin/conferences/mechelen-2017/invitations",
        "/admin/conferences/mechelen-2017/templates/confirmation/en",
        "/admin/new-conference",
    ] {
        let html = common::html(
            app.client
                .get(app.url(page))
                .header("cookie", &admin)
                .send()
                .await
                .unwrap(),
        )
        .await;
        admin_fields.extend(field_names(&html));
    }
    admin_fields.extend(["password", "email", "reason", "note"].map(String::from));
    let detail = format!("/admin/conferences/mechelen-2017/registrations/{registration}");
    let mut requests = vec![];
    for (route, _) in convene_server::routes::admin::routes() {
        if route == "/admin/sign-out" || route.ends_with(".csv") || route.ends_with(".xlsx") {
            continue;
        }
        let path = concrete(route, registration);
        for value in &values {
            let pairs: Vec<(String, Vec<u8>)> = admin_fields
                .iter()
                .map(|name| (name.clone(), value.clone()))
                .collect();
            requests.push((path.clone(), encode(&pairs)));
        }
    }
    // The registration's own actions (approve, note...) live under its page.
    let html = common::html(
        app.client
            .get(app.url(&detail))
            .header("cookie", &admin)
            .send()
            .await
            .unwrap(),
    )
    .await;
    for action in html
        .split("action=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|a| a.starts_with("/admin/") && *a != "/admin/sign-out")
        .collect::<BTreeSet<_>>()
    {
        for value in &values {
            requests.push((
                action.replace("&amp;", "&"),
                encode(&[
                    ("note".into(), value.clone()),
                    ("reason".into(), value.clone()),
                ]),
            ));
        }
    }
    let (n, failed) = post_all(&app, &admin, requests).await;
    sent += n;
    server_errors.extend(failed);

    // 3. Every server function: all its arguments hostile but the
    //    conference's address (so that it goes as deep as it can).
    let arguments = [
        "slug",
        "token",
        "id",
        "kind",
        "lang",
        "session",
        "fields",
        "state",
        "topic",
        "filter[q]",
        "filter[status]",
        "filter[category]",
        "filter[country]",
        "filter[session]",
        "filter[visa]",
        "filter[interpretation]",
        "filter[sort]",
        "filter[page]",
        "invitation",
        "manage",
    ];
    let mut requests = vec![];
    for (path, _) in leptos::server_fn::axum::server_fn_paths() {
        for value in &values {
            let all: Vec<(String, Vec<u8>)> = arguments
                .iter()
                .map(|a| (a.to_string(), value.clone()))
                .collect();
            let mut but_slug = all;
            but_slug[0].1 = b"mechelen-2017".to_vec();
            requests.push((path.to_owned(), encode(&but_slug)));
        }
    }
    let (n, failed) = post_all(&app, &admin, requests).await;
    sent += n;
    server_errors.extend(failed);

    println!(
        "hostile input: {} values, {sent} requests, {} answered 5xx",
        values.len(),
        server_errors.len()
    );
    let failing: BTreeSet<&str> = server_errors.iter().map(|(p, ..)| p.as_str()).collect();
    assert!(
        server_errors.is_empty(),
        "{} answers were 5xx, at {failing:?}; the first: {:?}",
        server_errors.len(),
        server_errors.first()
    );

    // What was stored is shown escaped wherever it is shown (the flood
    // took Mechelen off the public site, among other things: back on).
    let published = app
        .client
        .post(app.url("/admin/conferences/mechelen-2017/publish"))
        .header("sec-fetch-site", "same-origin")
        .header("origin", app.base.as_str())
        .header("cookie", &admin)
        .send()
        .await
        .unwrap();
    assert_eq!(published.status(), 303);
    assert_eq!(
        published.headers()["location"],
        "/admin/conferences/mechelen-2017/settings",
        "still signed in"
    );
    let stored = app.store.registrations("mechelen-2017").await.unwrap();
    println!("hostile input: {} registrations stored", stored.len());
    let mut pages = vec![
        app.page("/conferences/mechelen-2017").await,
        app.page("/conferences/mechelen-2017/agenda").await,
        app.page("/conferences/mechelen-2017/people").await,
        app.page("/").await,
    ];
    let mut admin_pages = vec![
        "/admin".to_owned(),
        "/admin/conferences/mechelen-2017".to_owned(),
        "/admin/conferences/mechelen-2017/agenda".to_owned(),
        "/admin/conferences/mechelen-2017/settings".to_owned(),
        "/admin/conferences/mechelen-2017/audit".to_owned(),
        "/admin/conferences/mechelen-2017/mail".to_owned(),
        "/admin/conferences/mechelen-2017/invitations".to_owned(),
    ];
    for page in 1..=(stored.len() / 50 + 1) {
        admin_pages.push(format!(
            "/admin/conferences/mechelen-2017/registrations?page={page}"
        ));
    }
    for r in stored.iter().step_by(25) {
        admin_pages.push(format!(
            "/admin/conferences/mechelen-2017/registrations/{}",
            r.id
        ));
    }
    for path in &admin_pages {
        let response = app
            .client
            .get(app.url(path))
            .header("cookie", &admin)
            .send()
            .await
            .unwrap();
        assert!(response.status().as_u16() < 500, "{path}");
        pages.push(common::html(response).await);
    }
    let mut raw = 0;
    let markup: Vec<&Vec<u8>> = values
        .iter()
        .filter(|v| v.contains(&b'<') || v.contains(&b'"'))
        .collect();
    for page in &pages {
        for value in markup.iter().copied() {
            if shown_raw(page, value) {
                raw += 1;
                eprintln!("shown raw: {:?}", String::from_utf8_lossy(value));
            }
        }
    }
    // The pages do show the markup, as text: the check above looked at it.
    let escaped = markup
        .iter()
        .filter_map(|v| std::str::from_utf8(v).ok())
        .filter(|v| v.contains('<'))
        .filter(|v| {
            let shown = v
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            pages.iter().any(|page| page.contains(&shown))
        })
        .count();
    println!(
        "hostile input: {} pages read, {escaped} values with markup shown as text, {raw} shown unescaped",
        pages.len()
    );
    assert!(escaped > 20, "the stored markup is on the pages read");
    assert_eq!(raw, 0);

    // No exported cell starts a formula.
    let csv = app
        .client
        .get(app.url("/admin/conferences/mechelen-2017/registrations.csv"))
        .header("cookie", &admin)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let formulas = csv_cells(&csv)
        .iter()
        .filter(|cell| cell.starts_with(['=', '+', '-', '@', '\t', '\r']))
        .count();
    println!("hostile input: the export's cells that start a formula: {formulas}");
    assert_eq!(formulas, 0);
}

/// The cells of a CSV text (quoted cells may hold commas, quotes and line
/// breaks).
/// A delegate's star (a post anyone with a private link makes): each
/// field hostile on a real link, and the link itself hostile. No 5xx, and
/// nothing starred but what the form can ask.
async fn hostile_stars_change_nothing(app: TestApp) {
    let values = corpus();
    let token = common::confirmed(
        &app.store,
        "mechelen-2017",
        "hostile-star@example.org",
        false,
    )
    .await;
    let mut requests = vec![];
    for value in &values {
        let star = format!("/r/{token}/stars");
        requests.push((
            star.clone(),
            encode(&[
                ("session".into(), value.clone()),
                ("starred".into(), b"on".to_vec()),
            ]),
        ));
        requests.push((
            star,
            encode(&[
                ("session".into(), b"opening-ceremony".to_vec()),
                ("starred".into(), value.clone()),
            ]),
        ));
        // As the link: what an address can carry (the longest values
        // are the body limit's, not an address's).
        let link: String = form_urlencoded::byte_serialize(value).collect();
        if link.len() > 4096 {
            continue;
        }
        requests.push((
            format!("/r/{link}/stars"),
            encode(&[
                ("session".into(), b"opening-ceremony".to_vec()),
                ("starred".into(), b"on".to_vec()),
            ]),
        ));
    }
    let (sent, failed) = post_all(&app, "", requests).await;
    assert!(
        failed.is_empty(),
        "{} answers were 5xx: {:?}",
        failed.len(),
        failed.first()
    );
    let stars = app
        .store
        .stars_of("hostile-star@example.org")
        .await
        .unwrap();
    assert!(stars <= 1, "{stars}");
    println!("hostile stars: {sent} posts, none answered 5xx");
}

fn csv_cells(text: &str) -> Vec<String> {
    let mut cells = vec![];
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            ('"', true) => quoted = false,
            ('"', false) if cell.is_empty() => quoted = true,
            (',', false) | ('\n', false) => cells.push(std::mem::take(&mut cell)),
            ('\r', false) if chars.peek() == Some(&'\n') => {}
            (c, _) => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}
