//! The access table: every back-office page, post and server function ×
//! every kind of visitor, and the answer each gets. One table, so that a
//! route added anywhere is checked for everyone: it is long for that
//! reason, and reads top to bottom.

use super::*;
use crate::common;
use common::{account, sign_in, TestApp};
use convene::account::StaffRole;

on_both_backends!(every_page_answers_each_visitor_as_the_table_says,);

/// Who visits, in the table's column order.
#[derive(Clone, Copy, Debug)]
enum Visitor {
    Anonymous,
    /// A delegate's private-link token passed off as a session.
    Delegate,
    StaffOfA,
    OrganiserOfA,
    OrganiserOfB,
    Administrator,
}

const VISITORS: [Visitor; 6] = [
    Visitor::Anonymous,
    Visitor::Delegate,
    Visitor::StaffOfA,
    Visitor::OrganiserOfA,
    Visitor::OrganiserOfB,
    Visitor::Administrator,
];

/// A = Mechelen, B = Beirut. 302: sent to sign in.
const PAGES: &[(&str, [u16; 6])] = &[
    // path                               anon  deleg staffA orgA orgB admin
    ("/admin", [302, 302, 200, 200, 200, 200]),
    (
        "/admin/conferences/mechelen-2017",
        [302, 302, 200, 200, 403, 200],
    ),
    (
        "/admin/conferences/beirut-2017",
        [302, 302, 403, 403, 200, 200],
    ),
    ("/admin/conferences/nowhere", [302, 302, 403, 403, 403, 404]),
    ("/admin/setup", [404, 404, 404, 404, 404, 404]),
    ("/admin/sign-in", [200, 200, 200, 200, 200, 200]),
    ("/admin/reset", [200, 200, 200, 200, 200, 200]),
    ("/admin/reset/not-a-token", [410, 410, 410, 410, 410, 410]),
    (
        "/admin/conferences/mechelen-2017/registrations",
        [302, 302, 200, 200, 403, 200],
    ),
    (
        "/admin/conferences/beirut-2017/registrations",
        [302, 302, 403, 403, 200, 200],
    ),
    // {id}: the delegate's registration, at Mechelen.
    (
        "/admin/conferences/mechelen-2017/registrations/{id}",
        [302, 302, 200, 200, 403, 200],
    ),
    (
        "/admin/conferences/beirut-2017/registrations/{id}",
        [302, 302, 403, 403, 404, 404],
    ),
    (
        "/admin/conferences/mechelen-2017/mail",
        [302, 302, 200, 200, 403, 200],
    ),
    (
        "/admin/conferences/mechelen-2017/agenda",
        [302, 302, 403, 200, 403, 200],
    ),
    (
        "/admin/conferences/mechelen-2017/agenda/opening-ceremony",
        [302, 302, 403, 200, 403, 200],
    ),
    (
        "/admin/conferences/mechelen-2017/audit",
        [302, 302, 403, 200, 403, 200],
    ),
    (
        "/admin/conferences/mechelen-2017/invitations",
        [302, 302, 200, 200, 403, 200],
    ),
    (
        "/admin/conferences/mechelen-2017/badge-colours",
        [302, 302, 403, 200, 403, 200],
    ),
    (
        "/admin/conferences/mechelen-2017/sharing",
        [302, 302, 403, 200, 403, 200],
    ),
    (
        "/admin/conferences/mechelen-2017/people/bart-somers",
        [302, 302, 403, 200, 403, 200],
    ),
    (
        "/admin/conferences/mechelen-2017/face",
        [302, 302, 403, 200, 403, 200],
    ),
    (
        "/admin/conferences/mechelen-2017/paper-wording",
        [302, 302, 403, 200, 403, 200],
    ),
    (
        "/admin/conferences/mechelen-2017/paper-wording/letter/ar",
        [302, 302, 403, 200, 403, 200],
    ),
    // The check-in desk: staff and organisers.
    (
        "/admin/conferences/mechelen-2017/check-in",
        [302, 302, 200, 200, 403, 200],
    ),
    ("/admin/new-conference", [302, 302, 403, 403, 403, 200]),
    (
        "/admin/conferences/mechelen-2017/templates",
        [302, 302, 200, 200, 403, 200],
    ),
    (
        "/admin/conferences/mechelen-2017/templates/confirmation/fr",
        [302, 302, 200, 200, 403, 200],
    ),
    (
        "/admin/conferences/mechelen-2017/templates/password_reset/en",
        [302, 302, 404, 404, 403, 404],
    ),
    (
        "/admin/conferences/mechelen-2017/write",
        [302, 302, 200, 200, 403, 200],
    ),
    (
        "/admin/conferences/mechelen-2017/new-session",
        [302, 302, 403, 200, 403, 200],
    ),
    (
        "/admin/conferences/mechelen-2017/settings",
        [302, 302, 403, 200, 403, 200],
    ),
    // The news desk: organisers (and editors) write their conference's
    // posts; only administrators write the whole site's.
    ("/admin/news", [302, 302, 403, 200, 200, 200]),
    ("/admin/news/new", [302, 302, 403, 200, 200, 200]),
    (
        "/admin/news/posts/mayors-adopt-the-mechelen-declaration",
        [302, 302, 403, 200, 403, 200],
    ),
    (
        "/admin/news/posts/november-a-month-for-cities-and-migration",
        [302, 302, 403, 403, 403, 200],
    ),
    ("/admin/news/posts/nowhere", [302, 302, 403, 404, 404, 404]),
    ("/admin/documents", [302, 302, 403, 200, 200, 200]),
    ("/admin/documents/new", [302, 302, 403, 200, 200, 200]),
    (
        "/admin/documents/edit/mechelen-declaration",
        [302, 302, 403, 200, 403, 200],
    ),
    (
        "/admin/documents/edit/nowhere",
        [302, 302, 403, 404, 404, 404],
    ),
];

/// Every back-office route that is not a page, with a request to it that
/// changes nothing (an empty form, or a subject that does not exist), and
/// the answer each visitor gets. 303 from anonymous and delegate: sent to
/// sign in.
#[allow(clippy::type_complexity)]
const POSTS: &[(&str, &str, &str, [u16; 6])] = &[
    // route, path, method              anon deleg staffA orgA orgB admin
    // The sixth failure for one address from one place waits (429).
    (
        "/admin/sign-in",
        "/admin/sign-in",
        "POST",
        [401, 401, 401, 401, 401, 429],
    ),
    // Accounts exist: there is no first run any more.
    (
        "/admin/setup",
        "/admin/setup",
        "POST",
        [404, 404, 404, 404, 404, 404],
    ),
    (
        "/admin/reset",
        "/admin/reset",
        "POST",
        [200, 200, 200, 200, 200, 429],
    ),
    (
        "/admin/reset/{token}",
        "/admin/reset/not-a-token",
        "POST",
        [410, 410, 410, 410, 410, 410],
    ),
    (
        "/admin/new-conference",
        "/admin/new-conference",
        "POST",
        [303, 303, 403, 403, 403, 422],
    ),
    (
        "/admin/conferences/{slug}/settings",
        "/admin/conferences/mechelen-2017/settings",
        "POST",
        [303, 303, 403, 422, 403, 422],
    ),
    (
        "/admin/conferences/{slug}/settings",
        "/admin/conferences/beirut-2017/settings",
        "POST",
        [303, 303, 403, 403, 422, 422],
    ),
    (
        "/admin/conferences/{slug}/unpublish",
        "/admin/conferences/nowhere/unpublish",
        "POST",
        [303, 303, 403, 403, 403, 404],
    ),
    // Published already: publishing again changes nothing.
    (
        "/admin/conferences/{slug}/publish",
        "/admin/conferences/mechelen-2017/publish",
        "POST",
        [303, 303, 403, 303, 403, 303],
    ),
    (
        "/admin/conferences/{slug}/copy",
        "/admin/conferences/mechelen-2017/copy",
        "POST",
        [303, 303, 403, 403, 403, 422],
    ),
    (
        "/admin/conferences/{slug}/new-session",
        "/admin/conferences/mechelen-2017/new-session",
        "POST",
        [303, 303, 403, 422, 403, 422],
    ),
    (
        "/admin/conferences/{slug}/agenda/{session}/delete",
        "/admin/conferences/mechelen-2017/agenda/nowhere/delete",
        "POST",
        [303, 303, 403, 404, 403, 404],
    ),
    (
        "/admin/conferences/{slug}/rooms",
        "/admin/conferences/mechelen-2017/rooms",
        "POST",
        [303, 303, 403, 422, 403, 422],
    ),
    (
        "/admin/conferences/{slug}/rooms/{room}/delete",
        "/admin/conferences/mechelen-2017/rooms/nowhere/delete",
        "POST",
        [303, 303, 403, 404, 403, 404],
    ),
    (
        "/admin/conferences/{slug}/agenda/{session}",
        "/admin/conferences/mechelen-2017/agenda/opening-ceremony",
        "POST",
        [303, 303, 403, 422, 403, 422],
    ),
    (
        "/admin/conferences/{slug}/invitations",
        "/admin/conferences/mechelen-2017/invitations",
        "POST",
        [303, 303, 200, 200, 403, 200],
    ),
    (
        "/admin/conferences/{slug}/invitations/remind",
        "/admin/conferences/mechelen-2017/invitations/remind",
        "POST",
        [303, 303, 303, 303, 403, 303],
    ),
    (
        "/admin/conferences/{slug}/mail/retry-failed",
        "/admin/conferences/mechelen-2017/mail/retry-failed",
        "POST",
        [303, 303, 303, 303, 403, 303],
    ),
    (
        "/admin/conferences/{slug}/mail/{id}/resend",
        "/admin/conferences/mechelen-2017/mail/0/resend",
        "POST",
        [303, 303, 404, 404, 403, 404],
    ),
    (
        "/admin/conferences/{slug}/registrations.csv",
        "/admin/conferences/mechelen-2017/registrations.csv",
        "GET",
        [303, 303, 200, 200, 403, 200],
    ),
    (
        "/admin/conferences/{slug}/registrations.xlsx",
        "/admin/conferences/mechelen-2017/registrations.xlsx",
        "GET",
        [303, 303, 200, 200, 403, 200],
    ),
    // No category ticked: no list (saved).
    (
        "/admin/conferences/{slug}/sharing",
        "/admin/conferences/mechelen-2017/sharing",
        "POST",
        [303, 303, 403, 200, 403, 200],
    ),
    // No colour given: every field's problem, nothing saved.
    (
        "/admin/conferences/{slug}/badge-colours",
        "/admin/conferences/mechelen-2017/badge-colours",
        "POST",
        [303, 303, 403, 422, 403, 422],
    ),
    // No wording given: the heading and opening are required, nothing saved.
    (
        "/admin/conferences/{slug}/paper-wording/{kind}/{lang}",
        "/admin/conferences/mechelen-2017/paper-wording/certificate/fr",
        "POST",
        [303, 303, 403, 422, 403, 422],
    ),
    // An empty scan is a search for nothing: back to the desk.
    (
        "/admin/conferences/{slug}/check-in",
        "/admin/conferences/mechelen-2017/check-in",
        "POST",
        [303, 303, 303, 303, 403, 303],
    ),
    (
        "/admin/conferences/{slug}/check-in/undo",
        "/admin/conferences/mechelen-2017/check-in/undo",
        "POST",
        [303, 303, 404, 404, 403, 404],
    ),
    // A letter shows a passport: organisers only.
    (
        "/admin/conferences/{slug}/registrations/{id}/letter.pdf",
        "/admin/conferences/mechelen-2017/registrations/0/letter.pdf",
        "GET",
        [303, 303, 403, 404, 403, 404],
    ),
    (
        "/admin/conferences/{slug}/registrations/{id}/certificate.pdf",
        "/admin/conferences/mechelen-2017/registrations/0/certificate.pdf",
        "GET",
        [303, 303, 404, 404, 403, 404],
    ),
    (
        "/admin/conferences/{slug}/papers/{paper}/withdraw",
        "/admin/conferences/mechelen-2017/papers/0/withdraw",
        "POST",
        [303, 303, 403, 404, 403, 404],
    ),
    // Nobody is confirmed at Beirut here: no badge to print.
    (
        "/admin/conferences/{slug}/badges.pdf",
        "/admin/conferences/beirut-2017/badges.pdf",
        "GET",
        [303, 303, 403, 403, 404, 404],
    ),
    (
        "/admin/conferences/{slug}/templates/{kind}/{lang}",
        "/admin/conferences/mechelen-2017/templates/confirmation/fr",
        "POST",
        [303, 303, 422, 422, 403, 422],
    ),
    (
        "/admin/conferences/{slug}/questions",
        "/admin/conferences/mechelen-2017/questions",
        "POST",
        [303, 303, 403, 422, 403, 422],
    ),
    (
        "/admin/conferences/{slug}/questions/{code}/delete",
        "/admin/conferences/mechelen-2017/questions/nowhere/delete",
        "POST",
        [303, 303, 403, 404, 403, 404],
    ),
    (
        "/admin/conferences/{slug}/people",
        "/admin/conferences/mechelen-2017/people",
        "POST",
        [303, 303, 403, 422, 403, 422],
    ),
    // No name: refused beside the field, nothing saved.
    (
        "/admin/conferences/{slug}/people/{person}",
        "/admin/conferences/mechelen-2017/people/bart-somers",
        "POST",
        [303, 303, 403, 422, 403, 422],
    ),
    // An empty face form is a face without colour or links: saved.
    (
        "/admin/conferences/{slug}/face",
        "/admin/conferences/mechelen-2017/face",
        "POST",
        [303, 303, 403, 303, 403, 303],
    ),
    (
        "/admin/conferences/{slug}/agenda/{session}/watch",
        "/admin/conferences/mechelen-2017/agenda/opening-ceremony/watch",
        "POST",
        [303, 303, 403, 303, 403, 303],
    ),
    // A document with no kind, title or source: every problem, nothing saved.
    (
        "/admin/conferences/{slug}/agenda/{session}/materials",
        "/admin/conferences/mechelen-2017/agenda/opening-ceremony/materials",
        "POST",
        [303, 303, 403, 422, 403, 422],
    ),
    (
        "/admin/conferences/{slug}/agenda/{session}/materials/{id}/delete",
        "/admin/conferences/mechelen-2017/agenda/opening-ceremony/materials/0/delete",
        "POST",
        [303, 303, 403, 404, 403, 404],
    ),
    (
        "/admin/conferences/{slug}/people/{person}/delete",
        "/admin/conferences/mechelen-2017/people/nowhere/delete",
        "POST",
        [303, 303, 403, 404, 403, 404],
    ),
    (
        "/admin/conferences/{slug}/agenda/{session}/roles",
        "/admin/conferences/mechelen-2017/agenda/opening-ceremony/roles",
        "POST",
        [303, 303, 403, 422, 403, 422],
    ),
    (
        "/admin/conferences/{slug}/agenda/{session}/roles/{person}/{role}/delete",
        "/admin/conferences/mechelen-2017/agenda/opening-ceremony/roles/nowhere/speaker/delete",
        "POST",
        [303, 303, 403, 404, 403, 404],
    ),
    (
        "/admin/conferences/{slug}/write",
        "/admin/conferences/mechelen-2017/write",
        "POST",
        [303, 303, 422, 422, 403, 422],
    ),
    (
        "/admin/conferences/{slug}/registrations/bulk",
        "/admin/conferences/mechelen-2017/registrations/bulk",
        "POST",
        [303, 303, 422, 422, 403, 422],
    ),
    (
        "/admin/conferences/{slug}/registrations/{id}/{action}",
        "/admin/conferences/mechelen-2017/registrations/0/approve",
        "POST",
        [303, 303, 404, 404, 403, 404],
    ),
    (
        "/admin/news/new",
        "/admin/news/new",
        "POST",
        [303, 303, 403, 422, 422, 422],
    ),
    (
        "/admin/news/posts/{slug}",
        "/admin/news/posts/mayors-adopt-the-mechelen-declaration",
        "POST",
        [303, 303, 403, 422, 403, 422],
    ),
    (
        "/admin/news/posts/{slug}/delete",
        "/admin/news/posts/nowhere/delete",
        "POST",
        [303, 303, 403, 404, 404, 404],
    ),
    // Not multipart: a crafted post (a browser sends these forms with
    // their files).
    (
        "/admin/documents/new",
        "/admin/documents/new",
        "POST",
        [303, 303, 403, 422, 422, 422],
    ),
    (
        "/admin/documents/edit/{slug}",
        "/admin/documents/edit/mechelen-declaration",
        "POST",
        [303, 303, 403, 422, 403, 422],
    ),
    (
        "/admin/documents/edit/{slug}/delete",
        "/admin/documents/edit/nowhere/delete",
        "POST",
        [303, 303, 403, 404, 404, 404],
    ),
    // Last: it ends each visitor's session.
    (
        "/admin/sign-out",
        "/admin/sign-out",
        "POST",
        [303, 303, 303, 303, 303, 303],
    ),
];

/// Whether `path` is one of `pattern`'s (`{name}` or `:name` segments
/// stand for any one segment).
fn route_matches(pattern: &str, path: &str) -> bool {
    let (p, q): (Vec<&str>, Vec<&str>) = (pattern.split('/').collect(), path.split('/').collect());
    p.len() == q.len()
        && p.iter()
            .zip(&q)
            .all(|(a, b)| a == b || a.starts_with('{') || a.starts_with(':') || a.starts_with('*'))
}

#[test]
fn every_back_office_route_is_in_a_table() {
    let pages = leptos_axum::generate_route_list(convene_app::App);
    for page in pages.iter().map(|p| p.path().to_owned()) {
        if page.starts_with("/admin") {
            assert!(
                PAGES.iter().any(|(path, _)| route_matches(&page, path)),
                "the page {page} is missing from PAGES"
            );
        }
    }
    for (route, _) in convene_server::routes::admin::routes() {
        assert!(
            POSTS
                .iter()
                .any(|(r, path, ..)| *r == route && route_matches(route, path)),
            "the route {route} is missing from POSTS"
        );
    }
}

async fn every_page_answers_each_visitor_as_the_table_says(app: TestApp) {
    for (email, administrator) in [
        ("staff-a@example.org", false),
        ("organiser-a@example.org", false),
        ("organiser-b@example.org", false),
        ("admin@example.org", true),
    ] {
        account(&app, email, administrator).await;
    }
    for (email, conference, role) in [
        ("staff-a@example.org", "mechelen-2017", StaffRole::Staff),
        (
            "organiser-a@example.org",
            "mechelen-2017",
            StaffRole::Organiser,
        ),
        (
            "organiser-b@example.org",
            "beirut-2017",
            StaffRole::Organiser,
        ),
    ] {
        assert!(app.store.grant(email, conference, role).await.unwrap());
    }
    let delegate = format!("convene_session={}", delegate_token(&app).await);
    let id = app.store.registrations("mechelen-2017").await.unwrap()[0]
        .id
        .to_string();
    let mut cookies = vec![];
    for visitor in VISITORS {
        let cookie = match visitor {
            Visitor::Anonymous => None,
            Visitor::Delegate => Some(delegate.clone()),
            Visitor::StaffOfA => Some(sign_in(&app, "staff-a@example.org").await),
            Visitor::OrganiserOfA => Some(sign_in(&app, "organiser-a@example.org").await),
            Visitor::OrganiserOfB => Some(sign_in(&app, "organiser-b@example.org").await),
            Visitor::Administrator => Some(sign_in(&app, "admin@example.org").await),
        };
        cookies.push(cookie);
    }
    let mut checked = 0;
    for (path, expected) in PAGES {
        let path = &path.replace("{id}", &id);
        for (i, visitor) in VISITORS.iter().enumerate() {
            let response = get_as(&app, path, cookies[i].as_deref()).await;
            let status = response.status().as_u16();
            assert_eq!(status, expected[i], "{visitor:?} GET {path}");
            if status == 302 {
                assert_eq!(response.headers()["location"], "/admin/sign-in");
            }
            if status == 200 {
                let cache = response.headers()["cache-control"]
                    .to_str()
                    .unwrap()
                    .to_owned();
                assert_eq!(cache, "no-store", "{path} is never cached");
            }
            checked += 1;
        }
    }
    println!("access: {checked} page × visitor pairs answered as the table says");

    // What a granted page shows is that conference's own.
    let desk = common::html(
        get_as(
            &app,
            "/admin/conferences/mechelen-2017",
            cookies[3].as_deref(),
        )
        .await,
    )
    .await;
    assert!(desk.contains("Global Conference on Cities and Migration"));
    assert!(desk.contains(r#"href="/admin/conferences/mechelen-2017/registrations""#));
    // At a glance: the delegate's category and country, the workshops' seats.
    assert!(
        desk.contains(r#"<tr><th scope="row">Civil society</th><td>1</td></tr>"#),
        "{desk}"
    );
    assert!(desk.contains(r#"<tr><th scope="row">Lebanon</th><td>1</td></tr>"#));
    assert!(desk.contains("Workshop: Social inclusion and cohesion</th><td>60 left of 60</td>"));
    assert!(
        desk.contains(
            r#"<tr data-status="confirmed"><th scope="row">Confirmed</th><td>1</td></tr>"#
        ),
        "{desk}"
    );
    let home = common::html(get_as(&app, "/admin", cookies[4].as_deref()).await).await;
    assert!(
        home.contains("Mediterranean City-to-City")
            && !home.contains("Global Conference on Cities")
    );
    assert!(home.contains("Signed in as organiser-b@example.org"));

    // Server functions answer over HTTP too (a page's script could call
    // them): each decides access inside, as the pages do.
    let mut called = 0;
    for (path, args, expected) in server_functions(&id) {
        for (i, visitor) in VISITORS.iter().enumerate() {
            let mut request = app
                .client
                .post(app.url(&path))
                .header("sec-fetch-site", "same-origin")
                .header("origin", app.base.as_str())
                .form(&args);
            if let Some(cookie) = &cookies[i] {
                request = request.header("cookie", cookie);
            }
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), 200, "{visitor:?} POST {path}");
            let answer: serde_json::Value = response.json().await.unwrap();
            let access = match &answer {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Object(o) => o.keys().next().cloned().unwrap_or_default(),
                other => other.to_string(),
            };
            assert_eq!(access, expected[i], "{visitor:?} POST {path} {args:?}");
            called += 1;
        }
    }
    println!("access: {called} server function × visitor pairs answered as the table says");

    let mut posted = 0;
    for (_, path, method, expected) in POSTS {
        for (i, visitor) in VISITORS.iter().enumerate() {
            let mut request = match *method {
                "GET" => app.client.get(app.url(path)),
                _ => app.client.post(app.url(path)).form(&[("", "")]),
            }
            .header("sec-fetch-site", "same-origin")
            .header("origin", app.base.as_str())
            .header("accept", "text/html");
            if let Some(cookie) = &cookies[i] {
                request = request.header("cookie", cookie);
            }
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            assert_eq!(status, expected[i], "{visitor:?} {method} {path}");
            if i < 2 && status == 303 && !path.ends_with("sign-out") {
                assert_eq!(response.headers()["location"], "/admin/sign-in");
            }
            posted += 1;
        }
    }
    println!("access: {posted} post × visitor pairs answered as the table says");

    // From another site, every post is refused, whoever is signed in.
    // (The table's last row signed everyone out: a new session.)
    let admin = sign_in(&app, "admin@example.org").await;
    for (_, path, method, _) in POSTS.iter().filter(|(_, _, m, _)| *m == "POST") {
        let response = app
            .client
            .post(app.url(path))
            .header("sec-fetch-site", "cross-site")
            .header("cookie", &admin)
            .form(&[("", "")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "cross-site {method} {path}");
    }
}

/// The back office's server functions at their HTTP addresses, with
/// arguments, and the access each visitor gets.
/// (address, arguments, the access each visitor gets)
type ServerFunctionRow = (String, Vec<(&'static str, String)>, [&'static str; 6]);

fn server_functions(id: &str) -> Vec<ServerFunctionRow> {
    use convene_app::admin::*;
    use leptos::server_fn::ServerFn;
    const S: &str = "SignIn";
    const F: &str = "Forbidden";
    const G: &str = "Granted";
    const N: &str = "NotFound";
    let mechelen = || vec![("slug", "mechelen-2017".to_owned())];
    let beirut = || vec![("slug", "beirut-2017".to_owned())];
    let with = |mut args: Vec<(&'static str, String)>, more: &[(&'static str, &str)]| {
        args.extend(more.iter().map(|(k, v)| (*k, v.to_string())));
        args
    };
    vec![
        (GetBackOffice::PATH.into(), vec![], [S, S, G, G, G, G]),
        (
            GetConferenceDesk::PATH.into(),
            mechelen(),
            [S, S, G, G, F, G],
        ),
        (GetConferenceDesk::PATH.into(), beirut(), [S, S, F, F, G, G]),
        (
            GetRegistrations::PATH.into(),
            with(mechelen(), &[("filter[q]", "")]),
            [S, S, G, G, F, G],
        ),
        (
            GetRegistrationDetail::PATH.into(),
            with(mechelen(), &[("id", id)]),
            [S, S, G, G, F, G],
        ),
        (
            GetRegistrationDetail::PATH.into(),
            with(beirut(), &[("id", id)]),
            [S, S, F, F, N, N],
        ),
        (
            GetMail::PATH.into(),
            with(mechelen(), &[("state", "")]),
            [S, S, G, G, F, G],
        ),
        (GetAgendaDesk::PATH.into(), mechelen(), [S, S, F, G, F, G]),
        (GetAudit::PATH.into(), mechelen(), [S, S, F, G, F, G]),
        (GetInvitations::PATH.into(), mechelen(), [S, S, G, G, F, G]),
        (GetBadgeColours::PATH.into(), mechelen(), [S, S, F, G, F, G]),
        (GetSharing::PATH.into(), mechelen(), [S, S, F, G, F, G]),
        (
            GetPaperWordings::PATH.into(),
            mechelen(),
            [S, S, F, G, F, G],
        ),
        (
            GetPaperWording::PATH.into(),
            with(mechelen(), &[("kind", "letter"), ("lang", "ar")]),
            [S, S, F, G, F, G],
        ),
        (
            GetPaperWording::PATH.into(),
            with(mechelen(), &[("kind", "badge"), ("lang", "ar")]),
            [S, S, F, N, F, N],
        ),
        (
            GetCheckInDesk::PATH.into(),
            with(mechelen(), &[("q", "delegate")]),
            [S, S, G, G, F, G],
        ),
        (
            GetConferenceSettings::PATH.into(),
            mechelen(),
            [S, S, F, G, F, G],
        ),
        (GetNewConference::PATH.into(), vec![], [S, S, F, F, F, G]),
        (GetNewsDesk::PATH.into(), vec![], [S, S, F, G, G, G]),
        (GetDocumentsDesk::PATH.into(), vec![], [S, S, F, G, G, G]),
        (
            GetDocumentEditor::PATH.into(),
            vec![("slug", "mechelen-declaration".to_owned())],
            [S, S, F, G, F, G],
        ),
        (
            GetPostEditor::PATH.into(),
            vec![("slug", "mayors-adopt-the-mechelen-declaration".to_owned())],
            [S, S, F, G, F, G],
        ),
        (
            GetPostEditor::PATH.into(),
            vec![("slug", String::new())],
            [S, S, F, G, G, G],
        ),
        (GetTemplates::PATH.into(), mechelen(), [S, S, G, G, F, G]),
        (
            GetTemplate::PATH.into(),
            with(mechelen(), &[("kind", "confirmation"), ("lang", "fr")]),
            [S, S, G, G, F, G],
        ),
        (
            GetWrite::PATH.into(),
            with(mechelen(), &[("filter[q]", "")]),
            [S, S, G, G, F, G],
        ),
        (
            CheckSession::PATH.into(),
            with(
                mechelen(),
                &[
                    ("session", "workshop-social-inclusion"),
                    ("lang", "en"),
                    (
                        "fields",
                        "kind=workshop&day=2017-11-16&start=13:30&end=15:00",
                    ),
                ],
            ),
            [S, S, F, G, F, G],
        ),
        (
            CheckSession::PATH.into(),
            with(
                mechelen(),
                &[("session", "nowhere"), ("lang", "en"), ("fields", "")],
            ),
            [S, S, F, N, F, N],
        ),
    ]
}

/// The server functions anyone may call: the public site's and the
/// delegates' own (by their private link).
const PUBLIC_SERVER_FUNCTIONS: &[&str] = &[
    "list_topics",
    "list_conferences",
    "get_agenda",
    "get_registration",
    "get_conference",
    "get_form",
    "first_run_open",
    "reset_link_open",
    "list_posts",
    "get_post",
    "list_documents",
    "get_document",
    "get_verification",
    "get_my_agenda",
    "get_participants",
    "get_upcoming",
];

#[test]
fn every_server_function_is_in_a_table() {
    // Registering happens when the app's router is made.
    let _ = leptos_axum::generate_route_list(convene_app::App);
    let tabled: Vec<String> = server_functions("1").into_iter().map(|(p, ..)| p).collect();
    let mut seen = 0;
    for (path, _) in leptos::server_fn::axum::server_fn_paths() {
        seen += 1;
        // The address is the function's name and a number.
        let public = PUBLIC_SERVER_FUNCTIONS.iter().any(|name| {
            path.trim_start_matches("/api/")
                .strip_prefix(name)
                .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit()))
        });
        assert!(
            public || tabled.iter().any(|t| t == path),
            "the server function {path} is in neither table"
        );
    }
    assert!(
        seen > PUBLIC_SERVER_FUNCTIONS.len(),
        "{seen} server functions registered"
    );
}
