//! The back office's doors, on SQLite and PostgreSQL: who may open which
//! page (a table: every page × every kind of visitor), signing in and out,
//! the same answer for unknown addresses and wrong passwords, throttling
//! that does not lock the real user out, and the first run.

use crate::common;

use chrono::Utc;
use common::{account, post_sign_in, sign_in, TestApp, PASSWORD};
use convene::account::StaffRole;

on_both_backends!(
    every_page_answers_each_visitor_as_the_table_says,
    signing_in_opens_a_session_that_signing_out_ends_on_the_server,
    unknown_addresses_and_wrong_passwords_get_the_same_answer,
    a_flood_from_one_address_does_not_lock_the_real_user_out,
    the_first_run_makes_one_administrator_and_closes,
    the_registration_table_searches_filters_and_pages,
    staff_decide_and_cancel_and_the_history_says_who,
    a_forgotten_password_is_reset_once_by_the_emailed_link,
    organisers_edit_a_session_and_the_health_panel_warns,
    staff_invite_a_pasted_list_and_remind_who_did_not_register,
    administrators_create_a_conference_that_organisers_set_up_and_publish,
    settings_refuse_too_few_places_and_more_places_go_to_the_waiting_list,
    administrators_copy_a_conference_to_new_dates,
    organisers_add_rooms_and_sessions_and_delete_them,
    staff_decide_in_bulk_note_and_give_a_place_out_of_turn,
    staff_write_to_the_delegates_a_filter_finds,
    the_registration_window_opens_and_closes_the_form,
    organisers_add_people_and_give_them_roles,
    organisers_add_their_own_questions_to_the_form,
    organisers_see_what_a_session_would_cause_as_they_type,
    organisers_put_sessions_in_tracks,
    published_pages_show_an_edit_at_once_each_answer_with_its_own_nonce,
);

// The mail room's test decides the fate of the messages itself: no worker.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_the_mail_room_shows_failures_and_sends_again() {
    the_mail_room_shows_failures_and_sends_again(common::spawn_without_mail_worker(false).await)
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_the_mail_room_shows_failures_and_sends_again() {
    the_mail_room_shows_failures_and_sends_again(common::spawn_without_mail_worker(true).await)
        .await
}

// The wording test sends the mail itself, to a real SMTP server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_staff_word_the_confirmation_and_the_delegate_reads_it() {
    staff_word_the_confirmation_and_the_delegate_reads_it(
        common::spawn_without_mail_worker(false).await,
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_staff_word_the_confirmation_and_the_delegate_reads_it() {
    staff_word_the_confirmation_and_the_delegate_reads_it(
        common::spawn_without_mail_worker(true).await,
    )
    .await
}

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
];

/// GET as a browser navigating (it accepts HTML, which is when Leptos
/// answers a redirect with 302).
async fn get_as(app: &TestApp, path: &str, cookie: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(app.url(path)).header("accept", "text/html");
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.send().await.unwrap()
}

/// A delegate's private link token, from registering for Mechelen.
async fn delegate_token(app: &TestApp) -> String {
    let r = common::registration(convene::registration::RegistrationForm {
        given_name: "Amal".into(),
        family_name: "Haddad".into(),
        email: "amal@example.org".into(),
        organisation: "Municipality of Beirut".into(),
        city: "Beirut".into(),
        country: "LB".into(),
        category: "civil_society".into(),
        ..Default::default()
    });
    let base = "http://convene.test";
    app.store
        .submit_registration(
            "mechelen-2017",
            &r,
            None,
            convene::Lang::En,
            base,
            Utc::now(),
        )
        .await
        .unwrap();
    let token = |payload: &serde_json::Value| {
        payload["link"]
            .as_str()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .to_owned()
    };
    let outbox = app.store.outbox().await.unwrap();
    app.store
        .verify_registration(&token(&outbox[0].2), base, Utc::now())
        .await
        .unwrap();
    token(&app.store.outbox().await.unwrap().last().unwrap().2)
}

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
        (
            GetConferenceSettings::PATH.into(),
            mechelen(),
            [S, S, F, G, F, G],
        ),
        (GetNewConference::PATH.into(), vec![], [S, S, F, F, F, G]),
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

async fn signing_in_opens_a_session_that_signing_out_ends_on_the_server(app: TestApp) {
    account(&app, "admin@example.org", true).await;
    let response = post_sign_in(&app.client, &app, "Admin@Example.org", PASSWORD).await;
    assert_eq!(response.status(), 303, "the address's case does not matter");
    let set = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    for flag in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(set.contains(flag), "{set}");
    }
    assert!(!set.contains("Secure"), "not over plain HTTP");
    let cookie = set.split(';').next().unwrap().to_owned();
    assert_eq!(get_as(&app, "/admin", Some(&cookie)).await.status(), 200);
    // A second sign-in gets a new session, not the old one.
    let again = sign_in(&app, "admin@example.org").await;
    assert_ne!(again, cookie);

    // A sign-out from another site is refused.
    let forged = app
        .client
        .post(app.url("/admin/sign-out"))
        .header("cookie", &cookie)
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    assert_eq!(get_as(&app, "/admin", Some(&cookie)).await.status(), 200);

    let out = app
        .client
        .post(app.url("/admin/sign-out"))
        .header("cookie", &cookie)
        .header("sec-fetch-site", "same-origin")
        .header("origin", app.base.as_str())
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 303);
    assert!(out.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    // The old cookie, kept by someone, opens nothing any more.
    assert_eq!(get_as(&app, "/admin", Some(&cookie)).await.status(), 302);
    assert_eq!(
        get_as(&app, "/admin", Some(&again)).await.status(),
        200,
        "other sessions stay"
    );
}

async fn unknown_addresses_and_wrong_passwords_get_the_same_answer(app: TestApp) {
    account(&app, "admin@example.org", true).await;
    let wrong = post_sign_in(&app.client, &app, "admin@example.org", "not the password").await;
    let unknown = post_sign_in(&app.client, &app, "nobody@example.org", "not the password").await;
    assert_eq!(wrong.status(), 401);
    assert_eq!(unknown.status(), 401);
    // The same page but for the address typed and the page's nonce.
    let same = |html: String, email: &str| {
        let html = html.replace(email, "ADDRESS");
        let nonce = html
            .split("nonce=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or("")
            .to_owned();
        html.replace(&nonce, "NONCE")
    };
    let wrong = same(common::html(wrong).await, "admin@example.org");
    let unknown = same(common::html(unknown).await, "nobody@example.org");
    assert_eq!(wrong, unknown);
    assert!(wrong.contains("The email address or the password is not right."));
    assert!(
        !wrong.contains("not the password"),
        "the password is not sent back"
    );
}

async fn a_flood_from_one_address_does_not_lock_the_real_user_out(app: TestApp) {
    account(&app, "admin@example.org", true).await;
    let attacker = app.client.clone();
    let mut refused = 0;
    for _ in 0..convene_server::routes::admin::accounts::PER_ACCOUNT_AND_ADDRESS {
        let r = post_sign_in(&attacker, &app, "admin@example.org", "guess").await;
        assert_eq!(r.status(), 401);
        refused += 1;
    }
    // From the guesser's address even the right password now waits...
    let r = post_sign_in(&attacker, &app, "admin@example.org", PASSWORD).await;
    assert_eq!(r.status(), 429);
    assert!(common::html(r).await.contains("Please wait 15 minutes"));
    // ... while the real user, elsewhere, signs in.
    let elsewhere = reqwest::Client::builder()
        .local_address(Some("127.0.0.2".parse().unwrap()))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = post_sign_in(&elsewhere, &app, "admin@example.org", PASSWORD).await;
    assert_eq!(r.status(), 303);
    println!("throttling: {refused} guesses from one address; that address waits, the user elsewhere signs in");
}

async fn the_first_run_makes_one_administrator_and_closes(app: TestApp) {
    let page = common::html(get_as(&app, "/admin/setup", None).await).await;
    assert!(page.contains("First run: create the administrator"));
    let code = app
        .setup_code
        .clone()
        .expect("a code while no account exists");
    let post_with = |code: String, email: &'static str, password: &'static str| {
        app.client
            .post(app.url("/admin/setup"))
            .header("sec-fetch-site", "same-origin")
            .header("origin", app.base.as_str())
            .form(&[
                ("code", code.as_str()),
                ("email", email),
                ("password", password),
            ])
            .send()
    };
    let post = |email, password| post_with(code.clone(), email, password);
    // Without the code from the server's log, nobody is made, whatever else
    // is right; what was typed stays.
    let wrong = post_with("AAAA-BBBB-CCCC".into(), "first@example.org", PASSWORD)
        .await
        .unwrap();
    assert_eq!(wrong.status(), 422);
    let wrong = common::html(wrong).await;
    assert!(wrong.contains("This is not the setup code"), "{wrong}");
    assert!(wrong.contains(r#"value="first@example.org""#));
    assert_eq!(app.store.account_count().await.unwrap(), 0);
    let weak = post("first@example.org", "password1").await.unwrap();
    assert_eq!(weak.status(), 422);
    let weak = common::html(weak).await;
    assert!(
        weak.contains("one of the passwords people use most"),
        "{weak}"
    );
    assert!(
        weak.contains(r#"value="first@example.org""#),
        "the address is kept"
    );
    let short = common::html(post("first@example.org", "short").await.unwrap()).await;
    assert!(short.contains("Please use at least 8 characters."));
    assert_eq!(app.store.account_count().await.unwrap(), 0);

    let made = post("first@example.org", PASSWORD).await.unwrap();
    assert_eq!(made.status(), 303);
    let cookie = made.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let home = common::html(get_as(&app, "/admin", Some(&cookie)).await).await;
    assert!(home.contains("Signed in as first@example.org") && home.contains("Administrator"));
    // Closed now: a second first run makes nobody.
    assert_eq!(get_as(&app, "/admin/setup", None).await.status(), 404);
    let second = post("second@example.org", PASSWORD).await.unwrap();
    assert_eq!(second.status(), 404);
    assert_eq!(app.store.account_count().await.unwrap(), 1);
}

/// Signs in an account that holds `role` in Mechelen; its cookie.
async fn member(app: &TestApp, email: &str, role: StaffRole) -> String {
    account(app, email, false).await;
    assert!(app.store.grant(email, "mechelen-2017", role).await.unwrap());
    sign_in(app, email).await
}

async fn the_registration_table_searches_filters_and_pages(app: TestApp) {
    let staff = member(&app, "staff-a@example.org", StaffRole::Staff).await;
    let organiser = member(&app, "organiser-a@example.org", StaffRole::Organiser).await;
    let base = "http://convene.test";
    for i in 0..60 {
        let (city, country, visa) = if i % 3 == 0 {
            ("Lyon", "FR", true)
        } else {
            ("Turin", "IT", false)
        };
        let r = common::registration(convene::registration::RegistrationForm {
            given_name: format!("Delegate{i:02}"),
            family_name: if i == 7 {
                "Zoë Ø'Brien".into()
            } else {
                format!("Family{i:02}")
            },
            email: format!("d{i}@example.org"),
            organisation: "City".into(),
            city: city.into(),
            country: country.into(),
            category: if i < 10 {
                "press".into()
            } else {
                "civil_society".into()
            },
            interpretation: i % 2 == 0,
            visa_letter: visa,
            passport_name: "DELEGATE".into(),
            nationality: country.into(),
            passport_number: format!("PN{i:06}"),
            date_of_birth: "1980-01-01".into(),
            ..Default::default()
        });
        app.store
            .submit_registration(
                "mechelen-2017",
                &r,
                None,
                convene::Lang::En,
                base,
                Utc::now(),
            )
            .await
            .unwrap();
    }
    let table = |query: &'static str| {
        let cookie = staff.clone();
        let app = &app;
        async move {
            let path = format!("/admin/conferences/mechelen-2017/registrations{query}");
            let response = get_as(app, &path, Some(&cookie)).await;
            assert_eq!(response.status(), 200, "{path}");
            common::html(response).await
        }
    };
    let all = table("").await;
    assert!(
        all.contains("60 registrations found · page 1 of 2"),
        "{all}"
    );
    assert_eq!(all.matches("<tr data-status=").count(), 50);
    assert!(all.contains(r#"href="/admin/conferences/mechelen-2017/registrations?page=2""#));
    let second = table("?page=2").await;
    assert_eq!(second.matches("<tr data-status=").count(), 10);
    // Search in names, email, organisation and city; filters combine.
    assert!(table("?q=lyon").await.contains("20 registrations found"));
    assert!(table("?q=%C3%98%27brien")
        .await
        .contains("1 registrations found"));
    assert!(table("?q=d7%40example")
        .await
        .contains("1 registrations found"));
    assert!(
        table("?q=100%25").await.contains("0 registrations found"),
        "% is no wildcard"
    );
    assert!(table("?category=press&interpretation=on")
        .await
        .contains("5 registrations found"));
    assert!(table("?visa=on&country=FR")
        .await
        .contains("20 registrations found"));
    assert!(table("?status=confirmed")
        .await
        .contains("0 registrations found"));
    assert!(
        table("?q=zoe").await.contains("1 registrations found"),
        "accents do not count"
    );
    let by_name = table("?sort=name").await;
    assert!(by_name.find("Family00").unwrap() < by_name.find("Family01").unwrap());
    assert!(!by_name.contains("Zoë"));
    assert!(
        table("?sort=name&page=2").await.contains("Zoë"),
        "Z comes last"
    );

    // Passport numbers: organisers see them, staff do not.
    let id = app.store.registrations("mechelen-2017").await.unwrap()[0].id;
    let path = format!("/admin/conferences/mechelen-2017/registrations/{id}");
    let seen_by_staff = common::html(get_as(&app, &path, Some(&staff)).await).await;
    let seen_by_organiser = common::html(get_as(&app, &path, Some(&organiser)).await).await;
    assert!(seen_by_organiser.contains("PN000000"));
    assert!(!seen_by_staff.contains("PN000000"));
    assert!(seen_by_staff.contains("Delegate00 Family00"));

    // The export holds what the filter finds, all pages; formulas are inert.
    let export = |cookie: &str| {
        app.client
            .get(app.url("/admin/conferences/mechelen-2017/registrations.csv?country=FR&sort=name"))
            .header("cookie", cookie.to_owned())
            .send()
    };
    let csv = export(&organiser).await.unwrap();
    assert_eq!(csv.status(), 200);
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = csv.text().await.unwrap();
    assert!(csv.starts_with('\u{FEFF}'));
    assert_eq!(csv.lines().count(), 1 + 20, "a header and the 20 found");
    assert!(csv.contains("\"passport_number\"") && csv.contains("\"PN000000\""));
    let staff_csv = export(&staff).await.unwrap().text().await.unwrap();
    assert!(!staff_csv.contains("passport_number") && !staff_csv.contains("PN000000"));
    // The same as a workbook, read back by a real XLSX reader (openpyxl).
    let xlsx = app
        .client
        .get(app.url("/admin/conferences/mechelen-2017/registrations.xlsx?country=FR&sort=name"))
        .header("cookie", organiser.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(xlsx.status(), 200);
    assert_eq!(
        xlsx.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let cells = common::read_xlsx(&xlsx.bytes().await.unwrap());
    let csv_rows: Vec<&str> = csv.lines().collect();
    assert_eq!(cells.len(), csv_rows.len(), "the same rows as the CSV");
    assert!(cells[0].contains(&Some("passport_number".into())));
    assert!(cells
        .iter()
        .any(|row| row.contains(&Some("PN000000".into()))));
    println!(
        "export: {} rows in CSV and in XLSX, opened by openpyxl",
        cells.len()
    );
    let anonymous = app
        .client
        .get(app.url("/admin/conferences/mechelen-2017/registrations.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 303);
}

async fn staff_decide_and_cancel_and_the_history_says_who(app: TestApp) {
    let staff = member(&app, "staff-a@example.org", StaffRole::Staff).await;
    account(&app, "organiser-b@example.org", false).await;
    app.store
        .grant(
            "organiser-b@example.org",
            "beirut-2017",
            StaffRole::Organiser,
        )
        .await
        .unwrap();
    let other = sign_in(&app, "organiser-b@example.org").await;
    app.store
        .set_registration_mode(
            "mechelen-2017",
            convene::registration::RegistrationMode::Approval,
        )
        .await
        .unwrap();
    delegate_token(&app).await;
    let id = app.store.registrations("mechelen-2017").await.unwrap()[0].id;
    let act = |action: &str, cookie: Option<&str>, site: &'static str| {
        let mut request = app
            .client
            .post(app.url(&format!(
                "/admin/conferences/mechelen-2017/registrations/{id}/{action}"
            )))
            .header("sec-fetch-site", site)
            .header("origin", app.base.as_str());
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        request.send()
    };
    let status = || async { app.store.registrations("mechelen-2017").await.unwrap()[0].status };
    // Refused: nobody signed in, another conference's organiser, another site.
    let anonymous = act("approve", None, "same-origin").await.unwrap();
    assert_eq!(anonymous.status(), 303);
    assert_eq!(anonymous.headers()["location"], "/admin/sign-in");
    assert_eq!(
        act("approve", Some(&other), "same-origin")
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(
        act("approve", Some(&staff), "cross-site")
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(
        status().await,
        convene::registration::Status::AwaitingApproval
    );

    let approved = act("approve", Some(&staff), "same-origin").await.unwrap();
    assert_eq!(approved.status(), 303);
    assert_eq!(
        approved.headers()["location"],
        format!("/admin/conferences/mechelen-2017/registrations/{id}").as_str()
    );
    assert_eq!(status().await, convene::registration::Status::Confirmed);
    assert_eq!(
        act("cancel", Some(&staff), "same-origin")
            .await
            .unwrap()
            .status(),
        303
    );
    assert_eq!(status().await, convene::registration::Status::Cancelled);

    let page = common::html(
        get_as(
            &app,
            &format!("/admin/conferences/mechelen-2017/registrations/{id}"),
            Some(&staff),
        )
        .await,
    )
    .await;
    for shown in [
        "<td>Registered</td><td>the delegate</td>",
        "<td>Address confirmed; awaiting approval</td><td>the delegate</td>",
        "<td>Approved</td><td>staff-a@example.org</td>",
        "<td>Cancelled</td><td>staff-a@example.org</td>",
        "<td>Confirmation</td>",
        "<td>Cancellation</td>",
    ] {
        assert!(page.contains(shown), "the page shows {shown}:\n{page}");
    }
    // A delegate whose organisation is a formula exports as text.
    let r = common::registration(convene::registration::RegistrationForm {
        given_name: "Eve".into(),
        family_name: "Formula".into(),
        email: "eve@example.org".into(),
        organisation: "=HYPERLINK(\"http://evil.example\")".into(),
        city: "@SUM(A1)".into(),
        country: "FR".into(),
        category: "press".into(),
        ..Default::default()
    });
    app.store
        .submit_registration(
            "mechelen-2017",
            &r,
            None,
            convene::Lang::En,
            "http://convene.test",
            Utc::now(),
        )
        .await
        .unwrap();
    let csv = app
        .client
        .get(app.url("/admin/conferences/mechelen-2017/registrations.csv?q=eve"))
        .header("cookie", &staff)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\""),
        "{csv}"
    );
    assert!(csv.contains("\"'@SUM(A1)\""));
    let formulas = csv
        .split(['\n', ','])
        .map(|cell| cell.trim_matches(['"', '\r', '\u{FEFF}']))
        .filter(|cell| cell.starts_with(['=', '+', '-', '@']))
        .count();
    println!("export: {formulas} cells start with a formula character");
    assert_eq!(formulas, 0);

    // Turned down with a reason, which the email carries.
    let r = common::registration(convene::registration::RegistrationForm {
        given_name: "Late".into(),
        family_name: "Comer".into(),
        email: "late@example.org".into(),
        organisation: "City".into(),
        city: "Lyon".into(),
        country: "FR".into(),
        category: "press".into(),
        ..Default::default()
    });
    let base = "http://convene.test";
    app.store
        .submit_registration(
            "mechelen-2017",
            &r,
            None,
            convene::Lang::En,
            base,
            Utc::now(),
        )
        .await
        .unwrap();
    let outbox = app.store.outbox().await.unwrap();
    let verify = outbox.last().unwrap().2["link"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    app.store
        .verify_registration(&verify, base, Utc::now())
        .await
        .unwrap();
    let late = app
        .store
        .registrations("mechelen-2017")
        .await
        .unwrap()
        .into_iter()
        .find(|l| l.email == "late@example.org")
        .unwrap()
        .id;
    let page = common::html(
        get_as(
            &app,
            &format!("/admin/conferences/mechelen-2017/registrations/{late}"),
            Some(&staff),
        )
        .await,
    )
    .await;
    assert!(page.contains("Reason, for the email (optional)"));
    let rejected = app
        .client
        .post(app.url(&format!(
            "/admin/conferences/mechelen-2017/registrations/{late}/reject"
        )))
        .header("sec-fetch-site", "same-origin")
        .header("origin", app.base.as_str())
        .header("cookie", &staff)
        .form(&[("reason", "The hall is full with mayors this year.")])
        .send()
        .await
        .unwrap();
    assert_eq!(rejected.status(), 303);
    let outbox = app.store.outbox().await.unwrap();
    let (kind, to, payload) = outbox.last().unwrap();
    assert_eq!(
        (kind.as_str(), to.as_str()),
        ("rejection", "late@example.org")
    );
    let mail = convene::mail::render(kind, convene::Lang::En, payload).unwrap();
    assert!(mail
        .text
        .contains("The organisers wrote: The hall is full with mayors this year."));

    // Another conference's registration cannot be reached through this one.
    let elsewhere = app
        .client
        .post(app.url(&format!(
            "/admin/conferences/beirut-2017/registrations/{id}/cancel"
        )))
        .header("sec-fetch-site", "same-origin")
        .header("origin", app.base.as_str())
        .header("cookie", &other)
        .send()
        .await
        .unwrap();
    assert_eq!(elsewhere.status(), 404);
}

async fn a_forgotten_password_is_reset_once_by_the_emailed_link(app: TestApp) {
    account(&app, "admin@example.org", true).await;
    let before = sign_in(&app, "admin@example.org").await;
    let ask = |email: &'static str| {
        app.client
            .post(app.url("/admin/reset"))
            .header("sec-fetch-site", "same-origin")
            .header("origin", app.base.as_str())
            .form(&[("email", email)])
            .send()
    };
    let known = ask("Admin@example.org").await.unwrap();
    let unknown = ask("nobody@example.org").await.unwrap();
    assert_eq!(
        (known.status().as_u16(), unknown.status().as_u16()),
        (200, 200)
    );
    let answer = "If an account exists for this address, a link is on its way to it.";
    assert!(common::html(known).await.contains(answer));
    assert!(common::html(unknown).await.contains(answer));
    let outbox = app.store.outbox().await.unwrap();
    let resets: Vec<_> = outbox
        .iter()
        .filter(|(k, _, _)| k == "password_reset")
        .collect();
    assert_eq!(resets.len(), 1, "only the account's address is mailed");
    assert_eq!(resets[0].1, "admin@example.org");
    let path = resets[0].2["link"]
        .as_str()
        .unwrap()
        .strip_prefix("http://convene.test")
        .unwrap()
        .to_owned();
    assert!(common::html(get_as(&app, &path, None).await)
        .await
        .contains("New password"));

    let set = |password: &'static str| {
        app.client
            .post(app.url(&path))
            .header("sec-fetch-site", "same-origin")
            .header("origin", app.base.as_str())
            .form(&[("password", password)])
            .send()
    };
    let weak = set("12345678").await.unwrap();
    assert_eq!(weak.status(), 422);
    let done = set("A new phrase for Beirut").await.unwrap();
    assert_eq!(done.status(), 303);
    assert_eq!(done.headers()["location"], "/admin/sign-in?reset=done");
    // Every session ended; the old password is gone, the new one works.
    assert_eq!(get_as(&app, "/admin", Some(&before)).await.status(), 302);
    assert_eq!(
        post_sign_in(&app.client, &app, "admin@example.org", PASSWORD)
            .await
            .status(),
        401
    );
    let r = post_sign_in(
        &app.client,
        &app,
        "admin@example.org",
        "A new phrase for Beirut",
    )
    .await;
    assert_eq!(r.status(), 303);
    // Once only.
    assert_eq!(get_as(&app, &path, None).await.status(), 410);
    assert_eq!(set("Another phrase entirely").await.unwrap().status(), 410);
}

async fn the_mail_room_shows_failures_and_sends_again(app: TestApp) {
    let staff = member(&app, "staff-a@example.org", StaffRole::Staff).await;
    delegate_token(&app).await;
    // The mail server refused the confirmation for good.
    let now = Utc::now();
    let claimed = app.store.claim_due(10, now).await.unwrap();
    assert_eq!(claimed.len(), 2, "verification and confirmation");
    let attempts: Vec<_> = claimed
        .iter()
        .map(|c| {
            if c.kind == "confirmation" {
                convene::store::Attempt::Permanent("550 mailbox unavailable".into())
            } else {
                convene::store::Attempt::Sent
            }
        })
        .collect();
    app.store
        .record_attempts(claimed.iter().zip(&attempts), now)
        .await
        .unwrap();
    let room =
        common::html(get_as(&app, "/admin/conferences/mechelen-2017/mail", Some(&staff)).await)
            .await;
    assert!(
        room.contains(
            "<td>Confirmation</td><td>Failed</td><td>1</td><td>550 mailbox unavailable</td>"
        ),
        "{room}"
    );
    assert!(room.contains("Try the 1 failed messages again"));
    let failed_only = common::html(
        get_as(
            &app,
            "/admin/conferences/mechelen-2017/mail?state=failed",
            Some(&staff),
        )
        .await,
    )
    .await;
    assert_eq!(failed_only.matches("<tr data-state=").count(), 1);

    let post = |path: String| {
        app.client
            .post(app.url(&path))
            .header("sec-fetch-site", "same-origin")
            .header("origin", app.base.as_str())
            .header("cookie", &staff)
            .send()
    };
    let retried = post("/admin/conferences/mechelen-2017/mail/retry-failed".into())
        .await
        .unwrap();
    assert_eq!(retried.status(), 303);
    let states = app.store.outbox_states().await.unwrap();
    assert_eq!(states, [("queued".to_owned(), 1), ("sent".to_owned(), 1)]);
    let id = app
        .store
        .conference_mail("mechelen-2017", Some("sent"), 10)
        .await
        .unwrap()[0]
        .id;
    assert_eq!(
        post(format!("/admin/conferences/mechelen-2017/mail/{id}/resend"))
            .await
            .unwrap()
            .status(),
        303
    );
    assert_eq!(app.store.outbox().await.unwrap().len(), 3, "a new message");
    assert_eq!(
        post("/admin/conferences/mechelen-2017/mail/99999/resend".into())
            .await
            .unwrap()
            .status(),
        404
    );
    let registration = app.store.registrations("mechelen-2017").await.unwrap()[0].id;
    let history = common::html(
        get_as(
            &app,
            &format!("/admin/conferences/mechelen-2017/registrations/{registration}"),
            Some(&staff),
        )
        .await,
    )
    .await;
    assert!(history.contains("<td>Failed email tried again</td><td>staff-a@example.org</td>"));
    assert!(history.contains("<td>Email sent again</td><td>staff-a@example.org</td>"));
}

async fn organisers_edit_a_session_and_the_health_panel_warns(app: TestApp) {
    let organiser = member(&app, "organiser-a@example.org", StaffRole::Organiser).await;
    let staff = member(&app, "staff-a@example.org", StaffRole::Staff).await;
    let path = "/admin/conferences/mechelen-2017/agenda/workshop-social-inclusion";
    let health = common::html(
        get_as(
            &app,
            "/admin/conferences/mechelen-2017/agenda",
            Some(&organiser),
        )
        .await,
    )
    .await;
    assert!(health.contains("No problem found in the agenda."));
    let uid_before = app
        .store
        .agenda("mechelen-2017")
        .await
        .unwrap()
        .unwrap()
        .sessions
        .iter()
        .find(|s| s.slug.as_str() == "workshop-social-inclusion")
        .unwrap()
        .uid
        .clone();
    let save = |cookie: &str, pairs: Vec<(&'static str, &'static str)>| {
        app.client
            .post(app.url(path))
            .header("sec-fetch-site", "same-origin")
            .header("origin", app.base.as_str())
            .header("cookie", cookie.to_owned())
            .form(&pairs)
            .send()
    };
    let moved = vec![
        ("title_en", "Workshop: Social inclusion"),
        ("title_fr", "Atelier : inclusion sociale"),
        ("kind", "workshop"),
        ("day", "2017-11-16"),
        ("start", "13:30"),
        ("end", "15:00"),
        ("room", "room-b"),
        ("seats", "60"),
    ];
    assert_eq!(
        save(&staff, moved.clone()).await.unwrap().status(),
        403,
        "staff do not edit the agenda"
    );
    // An end before the start is refused beside the field; nothing changes.
    let mut backwards = moved.clone();
    backwards[5] = ("end", "12:00");
    let refused = save(&organiser, backwards).await.unwrap();
    assert_eq!(refused.status(), 422);
    let refused = common::html(refused).await;
    assert!(
        refused.contains("The end must come after the start."),
        "{refused}"
    );
    assert!(
        refused.contains(r#"value="12:00""#),
        "the form keeps what was typed"
    );
    // Into the room of the other workshop at the same time: saved, and warned.
    let saved = save(&organiser, moved).await.unwrap();
    assert_eq!(saved.status(), 200);
    let saved = common::html(saved).await;
    assert!(saved.contains("The session is saved"));
    assert!(
        saved.contains("Workshop: Social inclusion and Workshop: Access to services are in Room B at the same time.")
            || saved.contains("Workshop: Access to services and Workshop: Social inclusion are in Room B at the same time."),
        "{saved}"
    );
    // The public agenda shows it at once; calendars keep recognising it.
    let public = app.page("/fr/conferences/mechelen-2017/agenda").await;
    assert!(public.contains("Atelier : inclusion sociale"));
    let after = app.store.agenda("mechelen-2017").await.unwrap().unwrap();
    let session = after
        .sessions
        .iter()
        .find(|s| s.slug.as_str() == "workshop-social-inclusion")
        .unwrap();
    assert_eq!(session.uid, uid_before);
    assert_eq!(session.room.as_ref().unwrap().slug.as_str(), "room-b");
    let log = app.store.audit_log("mechelen-2017", 10).await.unwrap();
    assert_eq!(log[0].0, "session_changed");
    assert_eq!(log[0].1, "workshop-social-inclusion");
    assert_eq!(log[0].2.as_deref(), Some("organiser-a@example.org"));
    let audit = common::html(
        get_as(
            &app,
            "/admin/conferences/mechelen-2017/audit",
            Some(&organiser),
        )
        .await,
    )
    .await;
    assert!(audit.contains("<td>organiser-a@example.org</td><td>Session changed</td><td>workshop-social-inclusion</td>"), "{audit}");
}

async fn staff_invite_a_pasted_list_and_remind_who_did_not_register(app: TestApp) {
    let staff = member(&app, "staff-a@example.org", StaffRole::Staff).await;
    let path = "/admin/conferences/mechelen-2017/invitations";
    let post = |body: Vec<(&'static str, &'static str)>, path: &'static str| {
        app.client
            .post(app.url(path))
            .header("sec-fetch-site", "same-origin")
            .header("origin", app.base.as_str())
            .header("cookie", &staff)
            .form(&body)
            .send()
    };
    let invitations = |to: &'static str| {
        let store = app.store.clone();
        async move {
            store
                .outbox()
                .await
                .unwrap()
                .iter()
                .filter(|(kind, recipient, _)| kind == "invitation" && recipient == to)
                .count()
        }
    };
    let typo = post(
        vec![
            ("emails", "mayor@example.org, not-an-address"),
            ("lang", "fr"),
        ],
        path,
    )
    .await
    .unwrap();
    assert_eq!(typo.status(), 422);
    let typo = common::html(typo).await;
    assert!(
        typo.contains("these are not email addresses: not-an-address"),
        "{typo}"
    );
    assert!(
        typo.contains("mayor@example.org, not-an-address</textarea>"),
        "what was pasted is kept"
    );
    assert_eq!(invitations("mayor@example.org").await, 0, "nobody invited");

    let sent = post(
        vec![
            ("emails", "mayor@example.org\ngovernor@example.org"),
            ("lang", "fr"),
        ],
        path,
    )
    .await
    .unwrap();
    assert_eq!(sent.status(), 200);
    assert!(common::html(sent).await.contains("2 invitations sent."));
    let outbox = app.store.outbox().await.unwrap();
    let (_, _, payload) = outbox
        .iter()
        .find(|(k, to, _)| k == "invitation" && to == "mayor@example.org")
        .unwrap();
    assert_eq!(
        payload["conference"],
        "Conférence mondiale sur les villes et les migrations"
    );
    // The mayor registers; the governor does not, and is reminded.
    let r = common::registration(convene::registration::RegistrationForm {
        given_name: "Bart".into(),
        family_name: "Somers".into(),
        email: "Mayor@example.org".into(),
        organisation: "City of Mechelen".into(),
        city: "Mechelen".into(),
        country: "BE".into(),
        category: "mayor_or_governor".into(),
        ..Default::default()
    });
    app.store
        .submit_registration(
            "mechelen-2017",
            &r,
            None,
            convene::Lang::En,
            "http://convene.test",
            Utc::now(),
        )
        .await
        .unwrap();
    let page = common::html(get_as(&app, path, Some(&staff)).await).await;
    assert!(page.contains("<td>mayor@example.org</td>") && page.contains("Registered"));
    assert!(page.contains("Remind the 1 who have not registered"));
    assert_eq!(
        post(
            vec![],
            "/admin/conferences/mechelen-2017/invitations/remind"
        )
        .await
        .unwrap()
        .status(),
        303
    );
    assert_eq!(invitations("governor@example.org").await, 2);
    assert_eq!(invitations("mayor@example.org").await, 1);
}

/// A same-origin form post with a session cookie.
async fn post_as(
    app: &TestApp,
    path: &str,
    cookie: &str,
    pairs: &[(String, String)],
) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .header("sec-fetch-site", "same-origin")
        .header("origin", app.base.as_str())
        .header("accept", "text/html")
        .header("cookie", cookie)
        .form(pairs)
        .send()
        .await
        .unwrap()
}

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The settings form of a stored conference, as the page fills it.
async fn settings_pairs(app: &TestApp, slug: &str) -> Vec<(String, String)> {
    use convene::conference_edit::ConferenceForm;
    let (settings, _) = app.store.conference_settings(slug).await.unwrap().unwrap();
    let f = ConferenceForm::of(&settings);
    let mut pairs = vec![];
    for (name, texts) in [
        ("title", &f.titles),
        ("description", &f.descriptions),
        ("privacy", &f.privacy),
    ] {
        for (lang, text) in texts {
            pairs.push((format!("{name}_{lang}"), text.clone()));
        }
    }
    for lang in &f.languages {
        pairs.push(("languages".into(), lang.clone()));
    }
    for (name, value) in [
        ("starts_on", &f.starts_on),
        ("ends_on", &f.ends_on),
        ("zone", &f.zone),
        ("venue", &f.venue),
        ("city", &f.city),
        ("country", &f.country),
        ("hosts", &f.hosts),
        ("partners", &f.partners),
        ("mode", &f.mode),
        ("capacity", &f.capacity),
        ("opens_on", &f.opens_on),
        ("closes_on", &f.closes_on),
        ("topics", &f.topics),
    ] {
        pairs.push((name.into(), value.clone()));
    }
    for category in &f.categories {
        pairs.push(("categories".into(), category.clone()));
    }
    pairs
}

fn set(pairs: &mut [(String, String)], name: &str, value: &str) {
    let pair = pairs.iter_mut().find(|(n, _)| n == name).expect(name);
    pair.1 = value.to_owned();
}

async fn administrators_create_a_conference_that_organisers_set_up_and_publish(app: TestApp) {
    account(&app, "admin@example.org", true).await;
    let admin = sign_in(&app, "admin@example.org").await;
    let organiser = member(&app, "organiser-a@example.org", StaffRole::Organiser).await;
    let athens = owned(&[
        ("slug", "athens-2018"),
        ("languages", "en"),
        ("languages", "fr"),
        ("title_en", "Cities and Migration, Athens"),
        ("title_fr", ""),
        ("description_en", "Mayors meet in Athens."),
        ("privacy_en", "Your data serves the conference only."),
        ("starts_on", "2018-06-04"),
        ("ends_on", "2018-06-05"),
        ("zone", "Europe/Athens"),
        ("venue", "Technopolis"),
        ("city", "Athens"),
        ("country", "GR"),
        ("hosts", "City of Athens"),
        ("partners", ""),
        ("mode", "open"),
        ("capacity", "300"),
        ("categories", "mayor_or_governor"),
        ("categories", "academia"),
        ("topics", "migration\nUrban policy"),
    ]);
    // Only administrators create conferences, and only from this site.
    let refused = post_as(&app, "/admin/new-conference", &organiser, &athens).await;
    assert_eq!(refused.status(), 403);
    let forged = app
        .client
        .post(app.url("/admin/new-conference"))
        .header("sec-fetch-site", "cross-site")
        .header("cookie", &admin)
        .form(&athens)
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);

    // Mistakes are shown beside their fields, the form keeps them, nothing is stored.
    let mut wrong = athens.clone();
    set(&mut wrong, "slug", "Athens 2018");
    set(&mut wrong, "ends_on", "2018-06-01");
    set(&mut wrong, "zone", "Athens");
    wrong.retain(|(name, _)| name != "categories");
    let response = post_as(&app, "/admin/new-conference", &admin, &wrong).await;
    assert_eq!(response.status(), 422);
    let page = common::html(response).await;
    assert!(
        page.contains(r#"id="field-categories-problem""#),
        "at least one category: {page}"
    );
    assert!(page.contains("Please use lowercase letters a–z, digits and single hyphens"));
    assert!(page.contains("The last day cannot come before the first."));
    assert!(page.contains("Please enter a time zone such as Europe/Brussels"));
    assert!(
        page.contains(r#"value="Athens 2018""#),
        "the form keeps what was typed"
    );
    assert!(page.contains(r#"value="Technopolis""#));
    assert_eq!(app.store.conference_count().await.unwrap(), 2);

    let response = post_as(&app, "/admin/new-conference", &admin, &athens).await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        "/admin/conferences/athens-2018/settings"
    );
    // An address is one conference's.
    let mut again = athens.clone();
    set(&mut again, "slug", "mechelen-2017");
    let taken = common::html(post_as(&app, "/admin/new-conference", &admin, &again).await).await;
    assert!(taken.contains("Another conference has this address."));

    // Unpublished: the back office lists it, the public site does not know it.
    assert_eq!(app.get("/conferences/athens-2018").await.status(), 404);
    assert_eq!(
        app.get("/conferences/athens-2018/register").await.status(),
        404
    );
    assert!(!app.page("/").await.contains("Cities and Migration, Athens"));
    let home = common::html(get_as(&app, "/admin", Some(&admin)).await).await;
    assert!(home.contains("Cities and Migration, Athens"));
    assert!(home.contains("Not published"));
    assert!(home.contains(r#"href="/admin/new-conference""#));

    // The administrator makes the Mechelen organiser one of Athens's too;
    // they translate the title and publish.
    assert!(app
        .store
        .grant(
            "organiser-a@example.org",
            "athens-2018",
            StaffRole::Organiser
        )
        .await
        .unwrap());
    let settings = "/admin/conferences/athens-2018/settings";
    let form = common::html(get_as(&app, settings, Some(&organiser)).await).await;
    assert!(
        form.contains(r#"value="Europe/Athens""#),
        "the stored settings fill the form"
    );
    let mut translated = settings_pairs(&app, "athens-2018").await;
    translated.push(("title_fr".into(), "Villes et migrations, Athènes".into()));
    let saved = post_as(&app, settings, &organiser, &translated).await;
    assert_eq!(saved.status(), 200);
    assert!(common::html(saved)
        .await
        .contains("The settings are saved."));
    let published = post_as(
        &app,
        "/admin/conferences/athens-2018/publish",
        &organiser,
        &[],
    )
    .await;
    assert_eq!(published.status(), 303);
    assert!(app
        .page("/fr/conferences/athens-2018")
        .await
        .contains("Villes et migrations, Athènes"));
    assert_eq!(
        app.get("/conferences/athens-2018/register").await.status(),
        200
    );
    assert!(app.page("/").await.contains("Cities and Migration, Athens"));
    // The form offers the categories chosen, and refuses the others.
    let form = app.page("/conferences/athens-2018/register").await;
    assert!(form.contains(r#"value="academia""#) && form.contains(r#"value="mayor_or_governor""#));
    assert!(!form.contains(r#"value="press""#), "not offered: {form}");
    let setup = app
        .store
        .form_setup("athens-2018", None, Utc::now())
        .await
        .unwrap()
        .unwrap();
    let press = convene::registration::RegistrationForm {
        given_name: "Nikos".into(),
        family_name: "Press".into(),
        email: "nikos@example.org".into(),
        organisation: "Kathimerini".into(),
        city: "Athens".into(),
        country: "GR".into(),
        category: "press".into(),
        languages: vec!["en".into()],
        consent: true,
        ..Default::default()
    };
    let problems = convene::registration::NewRegistration::parse(&press, &setup).unwrap_err();
    assert_eq!(
        problems.get(convene::registration::Field::Category),
        Some(convene::field::Problem::ChooseOne)
    );
    // Listed under its topics: an existing one (whatever its case) and a new one.
    assert!(app
        .page("/topics/migration")
        .await
        .contains("Cities and Migration, Athens"));
    let urban = app.page("/topics/urban-policy").await;
    assert!(urban.contains("Cities and Migration, Athens"), "{urban}");
    assert!(!urban.contains("Global Conference on Cities and Migration"));
    let (stored, _) = app
        .store
        .conference_settings("athens-2018")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.topics, ["Migration", "Urban policy"]);

    // Organisers of another conference cannot touch it.
    let other = member(&app, "staff-a@example.org", StaffRole::Staff).await;
    let refused = post_as(
        &app,
        "/admin/conferences/athens-2018/unpublish",
        &other,
        &[],
    )
    .await;
    assert_eq!(refused.status(), 403);
    let log = app.store.audit_log("athens-2018", 10).await.unwrap();
    let actions: Vec<&str> = log.iter().map(|l| l.0.as_str()).collect();
    assert_eq!(
        actions,
        ["published", "settings_changed", "conference_created"]
    );
    assert_eq!(log[0].2.as_deref(), Some("organiser-a@example.org"));
    println!("conference set-up: created, refused 3 mistakes, translated, published");
}

/// Registers and confirms the address of a delegate at Mechelen.
async fn confirmed_at_mechelen(app: &TestApp, email: &str) -> convene::store::Verified {
    confirmed_at_mechelen_in(app, email, vec![]).await
}

/// The same, choosing `sessions`.
async fn confirmed_at_mechelen_in(
    app: &TestApp,
    email: &str,
    sessions: Vec<String>,
) -> convene::store::Verified {
    let form = convene::registration::RegistrationForm {
        sessions,
        given_name: "Delegate".into(),
        family_name: email.into(),
        email: email.into(),
        organisation: "City".into(),
        city: "Mechelen".into(),
        country: "BE".into(),
        category: "civil_society".into(),
        languages: vec!["en".into()],
        consent: true,
        ..Default::default()
    };
    let now = Utc::now();
    let setup = app
        .store
        .form_setup("mechelen-2017", None, now)
        .await
        .unwrap()
        .unwrap();
    // The organiser's own question (study visit, yes or no).
    let form = convene::registration::RegistrationForm {
        answers: vec![("study-visit".into(), "no".into())],
        ..form
    };
    let r =
        convene::registration::NewRegistration::parse(&form, &setup).expect("a valid registration");
    let base = "http://convene.test";
    app.store
        .submit_registration("mechelen-2017", &r, None, convene::Lang::En, base, now)
        .await
        .unwrap();
    let outbox = app.store.outbox().await.unwrap();
    let (_, _, payload) = outbox.iter().rev().find(|(_, to, _)| to == email).unwrap();
    let token = payload["link"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap();
    app.store
        .verify_registration(token, base, now)
        .await
        .unwrap()
}

async fn settings_refuse_too_few_places_and_more_places_go_to_the_waiting_list(app: TestApp) {
    use convene::store::Verified;
    let organiser = member(&app, "organiser-a@example.org", StaffRole::Organiser).await;
    let path = "/admin/conferences/mechelen-2017/settings";
    let mut pairs = settings_pairs(&app, "mechelen-2017").await;
    set(&mut pairs, "capacity", "2");
    assert_eq!(post_as(&app, path, &organiser, &pairs).await.status(), 200);
    for email in ["one@example.org", "two@example.org"] {
        assert_eq!(
            confirmed_at_mechelen(&app, email).await,
            Verified::Confirmed
        );
    }
    assert_eq!(
        confirmed_at_mechelen(&app, "three@example.org").await,
        Verified::Waiting { position: 1 }
    );
    // Fewer places than confirmed delegates: refused, nothing saved.
    set(&mut pairs, "capacity", "1");
    set(&mut pairs, "venue", "Elsewhere");
    let refused = post_as(&app, path, &organiser, &pairs).await;
    assert_eq!(refused.status(), 422);
    let page = common::html(refused).await;
    assert!(
        page.contains("2 registrations are confirmed already"),
        "{page}"
    );
    assert!(page.contains(r#"value="Elsewhere""#));
    let (stored, _) = app
        .store
        .conference_settings("mechelen-2017")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.capacity, Some(2));
    assert_ne!(stored.venue, "Elsewhere");
    // One more place: the first in line gets it at once, and is told.
    set(&mut pairs, "capacity", "3");
    assert_eq!(post_as(&app, path, &organiser, &pairs).await.status(), 200);
    let lines = app.store.registrations("mechelen-2017").await.unwrap();
    let three = lines
        .iter()
        .find(|l| l.email == "three@example.org")
        .unwrap();
    assert_eq!(three.status, convene::registration::Status::Confirmed);
    let outbox = app.store.outbox().await.unwrap();
    assert_eq!(
        outbox
            .last()
            .map(|(kind, to, _)| (kind.as_str(), to.as_str())),
        Some(("promotion", "three@example.org"))
    );
    println!("capacity: refused below 2 confirmed; raised to 3, 1 promoted from the waiting list");
}

async fn administrators_copy_a_conference_to_new_dates(app: TestApp) {
    account(&app, "admin@example.org", true).await;
    let admin = sign_in(&app, "admin@example.org").await;
    let organiser = member(&app, "organiser-a@example.org", StaffRole::Organiser).await;
    confirmed_at_mechelen(&app, "one@example.org").await;
    let copy = owned(&[
        ("copy_slug", "mechelen-2018"),
        ("copy_starts_on", "2018-11-15"),
    ]);
    let path = "/admin/conferences/mechelen-2017/copy";
    assert_eq!(post_as(&app, path, &organiser, &copy).await.status(), 403);
    let wrong = owned(&[
        ("copy_slug", "beirut-2017"),
        ("copy_starts_on", "15/11/2018"),
    ]);
    let refused = post_as(&app, path, &admin, &wrong).await;
    assert_eq!(refused.status(), 422);
    let page = common::html(refused).await;
    assert!(
        page.contains("Please enter the day as 2017-11-16."),
        "{page}"
    );
    let response = post_as(&app, path, &admin, &copy).await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        "/admin/conferences/mechelen-2018/settings"
    );
    let taken = common::html(post_as(&app, path, &admin, &copy).await).await;
    assert!(taken.contains("Another conference has this address."));

    let old = app.store.agenda("mechelen-2017").await.unwrap().unwrap();
    let new = app
        .store
        .editable_agenda("mechelen-2018")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(new.conference.starts_on.to_string(), "2018-11-15");
    assert_eq!(new.sessions.len(), old.sessions.len());
    assert_eq!(new.rooms, old.rooms);
    assert_eq!(new.people, old.people);
    let zone = old.conference.zone;
    for (a, b) in old.sessions.iter().zip(&new.sessions) {
        assert_eq!(a.title, b.title);
        assert_eq!(a.seats, b.seats);
        assert_ne!(a.uid, b.uid, "another event for calendars");
        assert_eq!(
            zone.local(a.starts_at).time(),
            zone.local(b.starts_at).time(),
            "{} keeps its time of day at the venue",
            a.slug
        );
        assert_eq!((b.starts_at - a.starts_at).num_days(), 364);
    }
    // Unpublished, with the team but no registration.
    assert_eq!(app.get("/conferences/mechelen-2018").await.status(), 404);
    assert!(app
        .store
        .registrations("mechelen-2018")
        .await
        .unwrap()
        .is_empty());
    let desk = get_as(
        &app,
        "/admin/conferences/mechelen-2018/agenda",
        Some(&organiser),
    )
    .await;
    assert_eq!(desk.status(), 200, "its organisers edit the copy's agenda");
    println!(
        "copy: {} sessions moved by 364 days, same times of day at the venue",
        new.sessions.len()
    );
}

async fn organisers_add_rooms_and_sessions_and_delete_them(app: TestApp) {
    let organiser = member(&app, "organiser-a@example.org", StaffRole::Organiser).await;
    let staff = member(&app, "staff-a@example.org", StaffRole::Staff).await;
    let rooms = "/admin/conferences/mechelen-2017/rooms";
    let room_c = owned(&[("name", "Room C"), ("capacity", "50")]);
    assert_eq!(post_as(&app, rooms, &staff, &room_c).await.status(), 403);
    let refused = post_as(
        &app,
        rooms,
        &organiser,
        &owned(&[("name", ""), ("capacity", "lots")]),
    )
    .await;
    assert_eq!(refused.status(), 422);
    let page = common::html(refused).await;
    assert!(page.contains("Please fill this in."));
    assert!(
        page.contains(r#"value="lots""#),
        "the form keeps what was typed"
    );
    assert_eq!(
        post_as(&app, rooms, &organiser, &room_c).await.status(),
        303
    );

    let add = "/admin/conferences/mechelen-2017/new-session";
    let housing = owned(&[
        ("title_en", "Workshop: Housing"),
        ("kind", "workshop"),
        ("day", "2017-11-16"),
        ("start", "13:30"),
        ("end", "15:00"),
        ("room", "room-c"),
        ("seats", "100"),
    ]);
    let mut backwards = housing.clone();
    backwards[4].1 = "12:00".into();
    let refused = post_as(&app, add, &organiser, &backwards).await;
    assert_eq!(refused.status(), 422);
    assert!(common::html(refused)
        .await
        .contains("The end must come after the start."));
    let response = post_as(&app, add, &organiser, &housing).await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        "/admin/conferences/mechelen-2017/agenda/workshop-housing"
    );
    let second = post_as(&app, add, &organiser, &housing).await;
    assert_eq!(
        second.headers()["location"],
        "/admin/conferences/mechelen-2017/agenda/workshop-housing-2",
        "the same title gets its own address"
    );
    // More seats than the room holds: saved, and the health panel says so.
    let agenda = common::html(
        get_as(
            &app,
            "/admin/conferences/mechelen-2017/agenda",
            Some(&organiser),
        )
        .await,
    )
    .await;
    assert!(
        agenda.contains("Workshop: Housing offers 100 seats, but its room holds 50."),
        "{agenda}"
    );
    assert!(app
        .page("/conferences/mechelen-2017/agenda")
        .await
        .contains("Workshop: Housing"));
    let stored = app.store.agenda("mechelen-2017").await.unwrap().unwrap();
    let new = stored.session("workshop-housing").unwrap();
    assert_eq!(new.room.as_ref().unwrap().slug.as_str(), "room-c");
    assert_ne!(new.uid, stored.session("workshop-housing-2").unwrap().uid);

    // A session delegates chose cannot be deleted; one nobody chose can.
    confirmed_at_mechelen_in(&app, "one@example.org", vec!["workshop-housing".into()]).await;
    let chosen = post_as(
        &app,
        "/admin/conferences/mechelen-2017/agenda/workshop-housing/delete",
        &organiser,
        &[],
    )
    .await;
    assert_eq!(chosen.status(), 409);
    assert!(common::html(chosen)
        .await
        .contains("1 delegates chose this session"));
    let deleted = post_as(
        &app,
        "/admin/conferences/mechelen-2017/agenda/workshop-housing-2/delete",
        &organiser,
        &[],
    )
    .await;
    assert_eq!(deleted.status(), 200);
    assert!(common::html(deleted)
        .await
        .contains("The session is deleted"));
    let stored = app.store.agenda("mechelen-2017").await.unwrap().unwrap();
    assert!(stored.session("workshop-housing-2").is_none());
    assert!(stored.session("workshop-housing").is_some());

    // A room deleted leaves its sessions in place, without a room.
    let gone = post_as(
        &app,
        "/admin/conferences/mechelen-2017/rooms/room-c/delete",
        &organiser,
        &[],
    )
    .await;
    assert_eq!(gone.status(), 303);
    let stored = app.store.agenda("mechelen-2017").await.unwrap().unwrap();
    assert!(stored.session("workshop-housing").unwrap().room.is_none());
    let log = app.store.audit_log("mechelen-2017", 10).await.unwrap();
    let actions: Vec<&str> = log.iter().map(|l| l.0.as_str()).collect();
    assert_eq!(
        actions,
        [
            "room_deleted",
            "session_deleted",
            "session_added",
            "session_added",
            "room_added"
        ]
    );
}

async fn staff_decide_in_bulk_note_and_give_a_place_out_of_turn(app: TestApp) {
    use convene::registration::{RegistrationMode, Status};
    use convene::store::Verified;
    let staff = member(&app, "staff-a@example.org", StaffRole::Staff).await;
    let organiser = member(&app, "organiser-a@example.org", StaffRole::Organiser).await;
    let (mut settings, _) = app
        .store
        .conference_settings("mechelen-2017")
        .await
        .unwrap()
        .unwrap();
    settings.mode = RegistrationMode::Approval;
    settings.capacity = Some(2);
    let (account, _) = app
        .store
        .account_for_sign_in("organiser-a@example.org")
        .await
        .unwrap()
        .unwrap();
    let saved = app
        .store
        .update_conference(
            "mechelen-2017",
            &settings,
            account.id,
            "http://convene.test",
            Utc::now(),
        )
        .await
        .unwrap();
    assert_eq!(saved, convene::store::ConferenceSaved::Saved);
    for email in [
        "one@example.org",
        "two@example.org",
        "three@example.org",
        "four@example.org",
    ] {
        assert_eq!(
            confirmed_at_mechelen(&app, email).await,
            Verified::AwaitingApproval
        );
    }
    let id_of = |lines: &[convene::store::RegistrationLine], email: &str| {
        lines.iter().find(|l| l.email == email).unwrap().id
    };
    let lines = app.store.registrations("mechelen-2017").await.unwrap();
    let table = common::html(
        get_as(
            &app,
            "/admin/conferences/mechelen-2017/registrations?status=awaiting_approval",
            Some(&staff),
        )
        .await,
    )
    .await;
    assert!(
        table.contains(r#"form="bulk" name="id""#),
        "awaiting rows can be selected"
    );
    // Three approved at once: two places, so the third waits; the fourth is untouched.
    let mut bulk = owned(&[
        ("action", "approve"),
        ("query", "status=awaiting_approval&page=1"),
    ]);
    for email in ["one@example.org", "two@example.org", "three@example.org"] {
        bulk.push(("id".into(), id_of(&lines, email).to_string()));
    }
    let done = post_as(
        &app,
        "/admin/conferences/mechelen-2017/registrations/bulk",
        &staff,
        &bulk,
    )
    .await;
    assert_eq!(done.status(), 303);
    assert_eq!(
        done.headers()["location"],
        "/admin/conferences/mechelen-2017/registrations?status=awaiting_approval&page=1&decided=3"
    );
    let lines = app.store.registrations("mechelen-2017").await.unwrap();
    let status = |email: &str| lines.iter().find(|l| l.email == email).unwrap().status;
    assert_eq!(status("one@example.org"), Status::Confirmed);
    assert_eq!(status("two@example.org"), Status::Confirmed);
    assert_eq!(status("three@example.org"), Status::Waiting);
    assert_eq!(status("four@example.org"), Status::AwaitingApproval);
    let outbox = app.store.outbox().await.unwrap();
    let sent = |kind: &str, to: &str| {
        outbox
            .iter()
            .filter(|(k, t, _)| k == kind && t == to)
            .count()
    };
    assert_eq!(sent("confirmation", "one@example.org"), 1);
    assert_eq!(sent("waiting_list", "three@example.org"), 1);

    // A note stays in the history, with who wrote it; it is not sent.
    let three = id_of(&lines, "three@example.org");
    let detail = format!("/admin/conferences/mechelen-2017/registrations/{three}");
    let noted = post_as(
        &app,
        &format!("{detail}/note"),
        &staff,
        &owned(&[("note", "Deputy mayor: <b>priority</b>")]),
    )
    .await;
    assert_eq!(noted.status(), 303);
    let page = common::html(get_as(&app, &detail, Some(&organiser)).await).await;
    assert!(
        page.contains("Deputy mayor: &lt;b&gt;priority&lt;/b&gt;"),
        "escaped: {page}"
    );
    assert!(page.contains("staff-a@example.org"));

    // Full: staff cannot give a place out of turn; an organiser adds one.
    let refused = post_as(&app, &format!("{detail}/promote"), &staff, &[]).await;
    assert_eq!(refused.status(), 409);
    assert!(common::html(refused).await.contains("No place is free."));
    let promoted = post_as(&app, &format!("{detail}/promote"), &organiser, &[]).await;
    assert_eq!(promoted.status(), 303);
    let lines = app.store.registrations("mechelen-2017").await.unwrap();
    assert_eq!(
        lines.iter().find(|l| l.id == three).unwrap().status,
        Status::Confirmed
    );
    let (settings, _) = app
        .store
        .conference_settings("mechelen-2017")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(settings.capacity, Some(3), "one place added for them");
    assert_eq!(
        app.store
            .outbox()
            .await
            .unwrap()
            .last()
            .map(|(k, t, _)| (k.clone(), t.clone())),
        Some(("promotion".into(), "three@example.org".into()))
    );
    let log = app.store.audit_log("mechelen-2017", 5).await.unwrap();
    assert_eq!(log[0].0, "place_added");
    println!("bulk: 3 approved in one go (2 confirmed, 1 waiting); 1 promoted by an organiser");
}

async fn staff_write_to_the_delegates_a_filter_finds(app: TestApp) {
    let staff = member(&app, "staff-a@example.org", StaffRole::Staff).await;
    for email in ["one@example.org", "two@example.org", "three@example.org"] {
        confirmed_at_mechelen(&app, email).await;
    }
    let lines = app.store.registrations("mechelen-2017").await.unwrap();
    let three = lines
        .iter()
        .find(|l| l.email == "three@example.org")
        .unwrap()
        .id;
    let (account, _) = app
        .store
        .account_for_sign_in("staff-a@example.org")
        .await
        .unwrap()
        .unwrap();
    app.store
        .cancel_registration_as_staff(
            "mechelen-2017",
            three,
            account.id,
            "http://convene.test",
            Utc::now(),
        )
        .await
        .unwrap();
    let path = "/admin/conferences/mechelen-2017/write?country=BE";
    let page = common::html(get_as(&app, path, Some(&staff)).await).await;
    assert!(
        page.contains("This message goes to the 2 delegates"),
        "the cancelled one is left out: {page}"
    );

    let refused = post_as(
        &app,
        path,
        &staff,
        &owned(&[
            ("subject", ""),
            ("body", "Kept as typed."),
            ("intent", "send"),
        ]),
    )
    .await;
    assert_eq!(refused.status(), 422);
    let refused = common::html(refused).await;
    assert!(refused.contains("Please fill this in."));
    assert!(refused.contains("Kept as typed."));
    assert!(app
        .store
        .outbox()
        .await
        .unwrap()
        .iter()
        .all(|(kind, ..)| kind != "message"));

    let message = owned(&[
        ("subject", "Your badge for {conference}"),
        (
            "body",
            "Dear {name},\n\nBadges are at the desk <b>from 8:00</b>.",
        ),
        ("intent", "preview"),
    ]);
    let preview = common::html(post_as(&app, path, &staff, &message).await).await;
    assert!(preview.contains("one@example.org"), "{preview}");
    assert!(preview.contains("Your badge for Global Conference on Cities and Migration"));
    assert!(preview.contains("Dear Delegate one@example.org,"));
    assert!(preview.contains("&lt;b&gt;from 8:00&lt;/b&gt;"), "escaped");
    assert!(
        app.store
            .outbox()
            .await
            .unwrap()
            .iter()
            .all(|(kind, ..)| kind != "message"),
        "a preview sends nothing"
    );

    let mut send = message.clone();
    send[2].1 = "send".into();
    let sent = post_as(&app, path, &staff, &send).await;
    assert_eq!(sent.status(), 303);
    assert_eq!(
        sent.headers()["location"],
        "/admin/conferences/mechelen-2017/mail?sent=2"
    );
    let outbox = app.store.outbox().await.unwrap();
    let mut to: Vec<&str> = outbox
        .iter()
        .filter(|(kind, ..)| kind == "message")
        .map(|(_, to, _)| to.as_str())
        .collect();
    to.sort();
    assert_eq!(to, ["one@example.org", "two@example.org"]);
    let room = common::html(
        get_as(
            &app,
            "/admin/conferences/mechelen-2017/mail?sent=2",
            Some(&staff),
        )
        .await,
    )
    .await;
    assert!(room.contains("2 messages are queued"));
    assert!(room.contains("Message from the organisers"));
    let log = app.store.audit_log("mechelen-2017", 1).await.unwrap();
    assert_eq!(log[0].0, "message_sent");
    println!("message: previewed, then queued to 2 of 3 delegates (1 cancelled left out)");
}

async fn staff_word_the_confirmation_and_the_delegate_reads_it(app: TestApp) {
    use common::smtp::{header, SmtpServer};
    let staff = member(&app, "staff-a@example.org", StaffRole::Staff).await;
    let list = common::html(
        get_as(
            &app,
            "/admin/conferences/mechelen-2017/templates",
            Some(&staff),
        )
        .await,
    )
    .await;
    assert!(list.contains("Confirmation") && list.contains("built-in text"));
    let path = "/admin/conferences/mechelen-2017/templates/confirmation/en";
    let editor = common::html(get_as(&app, path, Some(&staff)).await).await;
    assert!(
        editor.contains("{name}, {conference}"),
        "the placeholders are listed: {editor}"
    );
    assert!(
        editor.contains("Your registration is confirmed"),
        "the built-in text to start from"
    );

    let wording = |intent: &str, body: &str| {
        owned(&[
            ("subject", "Welcome to {conference}"),
            ("body", body),
            ("intent", intent),
        ])
    };
    let preview = post_as(
        &app,
        path,
        &staff,
        &wording("preview", "See you in Mechelen, {name}."),
    )
    .await;
    assert_eq!(preview.status(), 200);
    let preview = common::html(preview).await;
    assert!(
        preview.contains("Welcome to Global Conference on Cities and Migration"),
        "{preview}"
    );
    assert!(
        preview.contains("See you in Mechelen, Amal Haddad."),
        "a sample name while nobody registered"
    );
    assert!(
        app.store
            .template("mechelen-2017", "confirmation", "en")
            .await
            .unwrap()
            .is_none(),
        "a preview saves nothing"
    );
    let refused = post_as(&app, path, &staff, &wording("save", "")).await;
    assert_eq!(refused.status(), 422);
    assert!(common::html(refused).await.contains("Please fill this in."));
    let saved = post_as(
        &app,
        path,
        &staff,
        &wording("save", "See you in Mechelen, {name}."),
    )
    .await;
    assert_eq!(saved.status(), 303);
    assert_eq!(saved.headers()["location"], format!("{path}?saved=1"));

    // A delegate confirmed now gets the conference's wording, link and calendar included.
    let smtp = SmtpServer::start();
    let mailer =
        convene_server::mail::Mailer::new(Some(&smtp.url()), std::env::temp_dir()).unwrap();
    let from = convene_server::mail::parse_from("Convene <convene@localhost>").unwrap();
    confirmed_at_mechelen(&app, "bart@example.org").await;
    // The preview now reads as that delegate's email, summary included.
    let preview = common::html(get_as(&app, path, Some(&staff)).await).await;
    assert!(
        preview.contains("As Delegate bart@example.org would read it"),
        "{preview}"
    );
    assert!(preview.contains("See you in Mechelen, Delegate bart@example.org."));
    assert!(
        preview.contains("16–17 November 2017")
            && preview.contains("Lamot Congress and Heritage Center, Mechelen"),
        "the summary's dates: {preview}"
    );
    assert_eq!(
        convene_server::mail::deliver_due(&app.store, &mailer, &from, Utc::now()).await,
        2
    );
    let messages = smtp.messages();
    let confirmation = messages
        .iter()
        .find(|m| {
            header(m, "Subject").as_deref()
                == Some("Welcome to Global Conference on Cities and Migration")
        })
        .expect("the confirmation in the conference's wording");
    let parsed = mailparse::parse_mail(confirmation.as_bytes()).unwrap();
    let text = parsed.subparts[0]
        .subparts
        .iter()
        .find(|p| p.ctype.mimetype == "text/plain")
        .unwrap()
        .get_body()
        .unwrap();
    assert!(
        text.contains("See you in Mechelen, Delegate bart@example.org."),
        "{text}"
    );
    assert!(text.contains("/r/"), "the private link stays: {text}");
    // The verification email keeps the built-in text.
    assert!(
        messages
            .iter()
            .any(|m| header(m, "Subject")
                .is_some_and(|s| s.starts_with("Confirm your email address"))),
        "{messages:?}"
    );

    // Back to the built-in text.
    let reset = post_as(&app, path, &staff, &owned(&[("intent", "reset")])).await;
    assert_eq!(reset.status(), 303);
    assert!(app
        .store
        .template("mechelen-2017", "confirmation", "en")
        .await
        .unwrap()
        .is_none());
    let log = app.store.audit_log("mechelen-2017", 2).await.unwrap();
    assert_eq!(log[0].0, "template_reset");
    assert_eq!(log[1].0, "template_changed");
}

async fn the_registration_window_opens_and_closes_the_form(app: TestApp) {
    use convene::store::Submitted;
    let organiser = member(&app, "organiser-a@example.org", StaffRole::Organiser).await;
    let path = "/admin/conferences/mechelen-2017/settings";
    let today = Utc::now().date_naive();
    let day = |offset: i64| (today + chrono::Duration::days(offset)).to_string();
    let with_window = |opens: String, closes: String| {
        let app = &app;
        async move {
            let mut pairs = settings_pairs(app, "mechelen-2017").await;
            pairs.push(("opens_on".into(), opens));
            pairs.push(("closes_on".into(), closes));
            pairs
        }
    };
    let backwards = with_window(day(10), day(5)).await;
    let refused = post_as(&app, path, &organiser, &backwards).await;
    assert_eq!(refused.status(), 422);
    assert!(common::html(refused)
        .await
        .contains("The last day cannot come before the first."));

    let closed = with_window(String::new(), day(-2)).await;
    assert_eq!(post_as(&app, path, &organiser, &closed).await.status(), 200);
    let form = app.get("/conferences/mechelen-2017/register").await;
    assert_eq!(form.status(), 403);
    assert!(common::html(form).await.contains("Registration closed on"));
    let r = common::registration(convene::registration::RegistrationForm {
        given_name: "Late".into(),
        family_name: "Comer".into(),
        email: "late@example.org".into(),
        organisation: "City".into(),
        city: "Ghent".into(),
        country: "BE".into(),
        category: "civil_society".into(),
        ..Default::default()
    });
    let submitted = app
        .store
        .submit_registration(
            "mechelen-2017",
            &r,
            None,
            convene::Lang::En,
            "http://convene.test",
            Utc::now(),
        )
        .await
        .unwrap();
    assert_eq!(submitted, Some(Submitted::Closed));
    assert!(
        app.store
            .registrations("mechelen-2017")
            .await
            .unwrap()
            .is_empty(),
        "nothing stored"
    );

    let not_yet = with_window(day(10), String::new()).await;
    assert_eq!(
        post_as(&app, path, &organiser, &not_yet).await.status(),
        200
    );
    let form = common::html(app.get("/conferences/mechelen-2017/register").await).await;
    assert!(form.contains("Registration opens on"));

    let open = with_window(day(-1), day(30)).await;
    assert_eq!(post_as(&app, path, &organiser, &open).await.status(), 200);
    assert_eq!(
        app.get("/conferences/mechelen-2017/register")
            .await
            .status(),
        200
    );
    println!("window: closed, not yet open and open, each as the form says");
}

async fn organisers_add_people_and_give_them_roles(app: TestApp) {
    let organiser = member(&app, "organiser-a@example.org", StaffRole::Organiser).await;
    let staff = member(&app, "staff-a@example.org", StaffRole::Staff).await;
    let people = "/admin/conferences/mechelen-2017/people";
    let ada = owned(&[("name", "Ada Lovelace"), ("affiliation", "City of London")]);
    assert_eq!(post_as(&app, people, &staff, &ada).await.status(), 403);
    let refused = post_as(
        &app,
        people,
        &organiser,
        &owned(&[("name", ""), ("affiliation", "Kept")]),
    )
    .await;
    assert_eq!(refused.status(), 422);
    let refused = common::html(refused).await;
    assert!(refused.contains("Please fill this in.") && refused.contains(r#"value="Kept""#));
    assert_eq!(post_as(&app, people, &organiser, &ada).await.status(), 303);

    // Speaker in two workshops that run at the same time: saved, and flagged.
    for session in ["workshop-social-inclusion", "workshop-access-to-services"] {
        let path = format!("/admin/conferences/mechelen-2017/agenda/{session}/roles");
        let given = post_as(
            &app,
            &path,
            &organiser,
            &owned(&[("person", "ada-lovelace"), ("role", "speaker")]),
        )
        .await;
        assert_eq!(given.status(), 303, "{session}");
    }
    let agenda = app.store.agenda("mechelen-2017").await.unwrap().unwrap();
    let speaks = |agenda: &convene::Agenda, session: &str| {
        agenda.session(session).unwrap().people.iter().any(|r| {
            r.person.slug.as_str() == "ada-lovelace" && r.role == convene::agenda::Role::Speaker
        })
    };
    assert!(speaks(&agenda, "workshop-social-inclusion"));
    let panel = common::html(
        get_as(
            &app,
            "/admin/conferences/mechelen-2017/agenda",
            Some(&organiser),
        )
        .await,
    )
    .await;
    assert!(panel.contains("Ada Lovelace is in"), "{panel}");
    assert!(app
        .page("/conferences/mechelen-2017/sessions/workshop-social-inclusion")
        .await
        .contains("Ada Lovelace"));

    let taken = post_as(
        &app,
        "/admin/conferences/mechelen-2017/agenda/workshop-access-to-services/roles/ada-lovelace/speaker/delete",
        &organiser,
        &[],
    )
    .await;
    assert_eq!(taken.status(), 303);
    let agenda = app.store.agenda("mechelen-2017").await.unwrap().unwrap();
    assert!(!speaks(&agenda, "workshop-access-to-services"));
    assert!(speaks(&agenda, "workshop-social-inclusion"));
    let gone = post_as(
        &app,
        "/admin/conferences/mechelen-2017/people/ada-lovelace/delete",
        &organiser,
        &[],
    )
    .await;
    assert_eq!(gone.status(), 303);
    let agenda = app.store.agenda("mechelen-2017").await.unwrap().unwrap();
    assert!(
        !speaks(&agenda, "workshop-social-inclusion"),
        "their roles go with them"
    );
    assert!(agenda
        .people
        .iter()
        .all(|p| p.slug.as_str() != "ada-lovelace"));
}

async fn organisers_add_their_own_questions_to_the_form(app: TestApp) {
    let organiser = member(&app, "organiser-a@example.org", StaffRole::Organiser).await;
    let path = "/admin/conferences/mechelen-2017/questions";
    let one_option = owned(&[
        ("label", "Which visit?"),
        ("kind", "choice"),
        ("options", "Harbour"),
    ]);
    let refused = post_as(&app, path, &organiser, &one_option).await;
    assert_eq!(refused.status(), 422);
    let refused = common::html(refused).await;
    assert!(refused.contains("Please give at least two options, one per line."));
    assert!(
        refused.contains(r#"value="Which visit?""#),
        "the form keeps what was typed"
    );
    let visit = owned(&[
        ("label", "Which visit?"),
        ("kind", "choice"),
        ("options", "Harbour\nOld town"),
        ("required", "on"),
    ]);
    assert_eq!(post_as(&app, path, &organiser, &visit).await.status(), 303);
    let form = app.page("/conferences/mechelen-2017/register").await;
    assert!(
        form.contains("Which visit?") && form.contains("Old town"),
        "{form}"
    );
    assert!(form.contains(r#"name="q_which-visit""#));
    let questions = app.store.questions("mechelen-2017").await.unwrap().unwrap();
    assert_eq!(questions.len(), 2, "the demo's question and the new one");
    let settings = common::html(
        get_as(
            &app,
            "/admin/conferences/mechelen-2017/settings",
            Some(&organiser),
        )
        .await,
    )
    .await;
    assert!(settings.contains("Which visit?"));
    let removed = post_as(
        &app,
        "/admin/conferences/mechelen-2017/questions/which-visit/delete",
        &organiser,
        &[],
    )
    .await;
    assert_eq!(removed.status(), 303);
    assert!(!app
        .page("/conferences/mechelen-2017/register")
        .await
        .contains("Which visit?"));
    let log = app.store.audit_log("mechelen-2017", 2).await.unwrap();
    assert_eq!(log[0].0, "question_removed");
    assert_eq!(log[1].0, "question_added");
}

/// What the editor's island shows: the server function's texts for a
/// session as typed, by `cookie`'s account.
async fn checked(
    app: &TestApp,
    cookie: &str,
    session: &str,
    lang: &str,
    fields: &[(&str, &str)],
) -> serde_json::Value {
    use convene_app::admin::CheckSession;
    use leptos::server_fn::ServerFn;
    let fields = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    app.client
        .post(app.url(CheckSession::PATH))
        .header("sec-fetch-site", "same-origin")
        .header("origin", app.base.as_str())
        .header("cookie", cookie)
        .form(&[
            ("slug", "mechelen-2017"),
            ("session", session),
            ("lang", lang),
            ("fields", &fields),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn organisers_see_what_a_session_would_cause_as_they_type(app: TestApp) {
    let organiser = member(&app, "organiser-a@example.org", StaffRole::Organiser).await;
    let editor = common::html(
        get_as(
            &app,
            "/admin/conferences/mechelen-2017/agenda/workshop-social-inclusion",
            Some(&organiser),
        )
        .await,
    )
    .await;
    assert!(
        editor.contains("data-session-checks"),
        "the editor carries the island"
    );
    let typed = [
        ("title_en", "Workshop: Social inclusion"),
        ("kind", "workshop"),
        ("day", "2017-11-16"),
        ("start", "13:30"),
        ("end", "15:00"),
        ("room", "room-b"),
        ("seats", "90"),
    ];
    let answer = checked(&app, &organiser, "workshop-social-inclusion", "en", &typed).await;
    let texts: Vec<&str> = answer["Granted"]
        .as_array()
        .expect("granted")
        .iter()
        .filter_map(|t| t.as_str())
        .collect();
    println!("as typed: {texts:?}");
    assert!(
        texts.iter().any(|t| t.contains("Room B at the same time")),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.contains("90") && t.contains("80")),
        "more seats than Room B holds: {texts:?}"
    );
    // Nothing was saved by asking.
    let agenda = app.store.agenda("mechelen-2017").await.unwrap().unwrap();
    let stored = agenda
        .sessions
        .iter()
        .find(|s| s.slug.as_str() == "workshop-social-inclusion")
        .unwrap();
    assert_eq!(stored.room.as_ref().unwrap().slug.as_str(), "room-a");

    // In French, and an impossible value is named with its field.
    let mut backwards = typed;
    backwards[4] = ("end", "12:00");
    let answer = checked(
        &app,
        &organiser,
        "workshop-social-inclusion",
        "fr",
        &backwards,
    )
    .await;
    let texts = answer["Granted"].to_string();
    assert!(
        texts.contains("Fin: La fin doit venir après le début."),
        "the field's label, then the problem: {texts}"
    );

    // A new session with no title yet is checked as "this session".
    let new = [
        ("kind", "panel"),
        ("day", "2017-11-16"),
        ("start", "14:00"),
        ("end", "14:30"),
        ("room", "room-a"),
    ];
    let answer = checked(&app, &organiser, "", "en", &new).await;
    let texts = answer["Granted"].to_string();
    assert!(
        texts.contains("this session") && texts.contains("Room A"),
        "{texts}"
    );
    // A quiet slot: nothing to say.
    let mut quiet = new;
    quiet[1] = ("day", "2017-11-17");
    quiet[2] = ("start", "07:00");
    quiet[3] = ("end", "07:30");
    assert_eq!(
        checked(&app, &organiser, "", "en", &quiet).await,
        serde_json::json!({ "Granted": [] })
    );
}

async fn organisers_put_sessions_in_tracks(app: TestApp) {
    let organiser = member(&app, "organiser-a@example.org", StaffRole::Organiser).await;
    let save = |session: &'static str, title: &'static str, track: &'static str| {
        let pairs = vec![
            ("title_en", title),
            ("kind", "workshop"),
            ("day", "2017-11-16"),
            ("start", "13:30"),
            ("end", "15:00"),
            ("room", "room-a"),
            ("seats", "60"),
            ("track", track),
        ];
        let path = format!("/admin/conferences/mechelen-2017/agenda/{session}");
        let organiser = organiser.clone();
        let app = &app;
        async move { post_as(app, &path, &organiser, &owned(&pairs)).await }
    };
    let track_of = |agenda: &convene::Agenda, session: &str| {
        agenda
            .sessions
            .iter()
            .find(|s| s.slug.as_str() == session)
            .unwrap()
            .track
            .as_ref()
            .map(|t| t.slug.to_string())
    };
    let editor = common::html(
        get_as(
            &app,
            "/admin/conferences/mechelen-2017/agenda/workshop-social-inclusion",
            Some(&organiser),
        )
        .await,
    )
    .await;
    assert!(
        editor.contains(r#"<option value="Local practice">"#),
        "the existing tracks are offered: {editor}"
    );
    // An existing track's name, however it is capitalised, is that track.
    let saved = save(
        "workshop-social-inclusion",
        "Workshop: Social inclusion",
        " local PRACTICE ",
    )
    .await;
    assert_eq!(saved.status(), 200);
    let agenda = app.store.agenda("mechelen-2017").await.unwrap().unwrap();
    assert_eq!(
        track_of(&agenda, "workshop-social-inclusion").as_deref(),
        Some("local-practice")
    );
    // A new name makes a new track, shown on the public agenda at once.
    save(
        "workshop-social-inclusion",
        "Workshop: Social inclusion",
        "Housing and shelter",
    )
    .await;
    let agenda = app.store.agenda("mechelen-2017").await.unwrap().unwrap();
    assert_eq!(
        track_of(&agenda, "workshop-social-inclusion").as_deref(),
        Some("housing-and-shelter")
    );
    assert!(app
        .page("/conferences/mechelen-2017/agenda")
        .await
        .contains("Housing and shelter"));
    // No session in it any more: the track is gone, and the name, used
    // again, makes the track anew under the same address.
    save(
        "workshop-social-inclusion",
        "Workshop: Social inclusion",
        "",
    )
    .await;
    let agenda = app.store.agenda("mechelen-2017").await.unwrap().unwrap();
    assert_eq!(track_of(&agenda, "workshop-social-inclusion"), None);
    assert!(!app
        .page("/conferences/mechelen-2017/agenda")
        .await
        .contains("Housing and shelter"));
    save(
        "workshop-access-to-services",
        "Workshop: Access to services",
        "Housing and shelter",
    )
    .await;
    let agenda = app.store.agenda("mechelen-2017").await.unwrap().unwrap();
    assert_eq!(
        track_of(&agenda, "workshop-access-to-services").as_deref(),
        Some("housing-and-shelter"),
        "not housing-and-shelter-2: the unused track was deleted"
    );
    // A track name too long is refused beside the field.
    let long = Box::leak("t".repeat(101).into_boxed_str());
    let refused = save(
        "workshop-access-to-services",
        "Workshop: Access to services",
        long,
    )
    .await;
    assert_eq!(refused.status(), 422);
    assert!(common::html(refused)
        .await
        .contains("Please shorten this to at most 100 characters."));
}

/// A public page's body and the nonce its CSP allows, checked to be the
/// nonce its scripts carry.
async fn nonced(app: &TestApp, path: &str) -> (String, String) {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "GET {path}");
    let nonce = common::policy_nonce(
        response.headers()["content-security-policy"]
            .to_str()
            .unwrap(),
    );
    let body = response.text().await.unwrap();
    assert!(
        body.contains(&format!("nonce=\"{nonce}\"")),
        "{path}: the scripts carry the policy's nonce"
    );
    (nonce, body)
}

async fn published_pages_show_an_edit_at_once_each_answer_with_its_own_nonce(app: TestApp) {
    let agenda = "/conferences/mechelen-2017/agenda";
    // Read in a row (the later answers come from memory): the same page,
    // each with a nonce of its own.
    let mut nonces = vec![];
    let mut pages = vec![];
    for _ in 0..5 {
        let (nonce, body) = nonced(&app, agenda).await;
        pages.push(body.replace(&nonce, "NONCE"));
        nonces.push(nonce);
    }
    // Answered from memory, which says how old the page is; and kept while
    // anonymous posts, failed or not, arrive: the conference is taken off
    // the site behind the server's back, and the kept page still answers.
    // (Asserted only when the reads came within the second a page stays
    // fresh; a slow machine tries again.)
    let administrator = app
        .store
        .create_account(
            &convene::field::Email::parse("root@example.org").unwrap(),
            "not a hash",
            true,
            chrono::Utc::now(),
        )
        .await
        .unwrap()
        .unwrap();
    let mut tries = 0;
    loop {
        tries += 1;
        let started = std::time::Instant::now();
        app.get(agenda).await;
        let kept = app.get(agenda).await;
        app.store
            .set_published("mechelen-2017", false, administrator, chrono::Utc::now())
            .await
            .unwrap();
        for path in ["/r/nothing/cancel", "/admin/reset", "/admin/reset/nothing"] {
            app.client
                .post(app.url(path))
                .header("cookie", "convene_session=forged")
                .form(&[("email", "nobody@example.org"), ("password", "x")])
                .send()
                .await
                .unwrap();
        }
        let after = app.get(agenda).await;
        app.store
            .set_published("mechelen-2017", true, administrator, chrono::Utc::now())
            .await
            .unwrap();
        if started.elapsed() > std::time::Duration::from_millis(800) && tries < 5 {
            continue;
        }
        assert!(
            kept.headers().contains_key("age"),
            "a kept page is answered from memory"
        );
        assert_eq!(after.status(), 200, "anonymous posts forget no page");
        assert!(after.headers().contains_key("age"));
        break;
    }
    nonces.sort();
    nonces.dedup();
    assert_eq!(nonces.len(), 5, "a new nonce for every answer");
    assert!(pages.iter().all(|page| page == &pages[0]));
    // Each language is a page of its own, prefixed or negotiated.
    assert!(app
        .page("/fr/conferences/mechelen-2017/agenda")
        .await
        .contains(r#"<html lang="fr""#));
    let french = app
        .get_with(agenda, &[("accept-language", "fr")])
        .await
        .text()
        .await
        .unwrap();
    assert!(french.contains(r#"<html lang="fr""#));
    assert!(app.page(agenda).await.contains(r#"<html lang="en""#));
    // An organiser's edit shows on the very next read.
    let organiser = member(&app, "organiser-a@example.org", StaffRole::Organiser).await;
    let pairs = [
        ("title_en", "Workshop: Social inclusion, moved"),
        ("kind", "workshop"),
        ("day", "2017-11-16"),
        ("start", "13:30"),
        ("end", "15:00"),
        ("room", "room-a"),
        ("seats", "60"),
    ];
    let saved = post_as(
        &app,
        "/admin/conferences/mechelen-2017/agenda/workshop-social-inclusion",
        &organiser,
        &owned(&pairs),
    )
    .await;
    assert_eq!(saved.status(), 200);
    let edited = app.get(agenda).await;
    assert!(!edited.headers().contains_key("age"), "rendered again");
    assert!(common::html(edited)
        .await
        .contains("Social inclusion, moved"));
    println!("published pages: 5 answers, 5 nonces; the edit shown on the next read");
}
