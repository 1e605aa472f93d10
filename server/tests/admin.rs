//! The back office's doors, on SQLite and PostgreSQL: who may open which
//! page (a table: every page × every kind of visitor), signing in and out,
//! the same answer for unknown addresses and wrong passwords, throttling
//! that does not lock the real user out, and the first run.

mod common;

use chrono::Utc;
use common::TestApp;
use convene::account::StaffRole;
use convene::registration::Email;

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

const PASSWORD: &str = "Mechelen declaration 2017";

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
];

async fn account(app: &TestApp, email: &str, administrator: bool) {
    let hash = convene::password::hash(PASSWORD);
    app.store
        .create_account(
            &Email::parse(email).unwrap(),
            &hash,
            administrator,
            Utc::now(),
        )
        .await
        .unwrap()
        .expect("a new account");
}

async fn post_sign_in(
    client: &reqwest::Client,
    app: &TestApp,
    email: &str,
    password: &str,
) -> reqwest::Response {
    client
        .post(app.url("/admin/sign-in"))
        .header("sec-fetch-site", "same-origin")
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .unwrap()
}

/// Signs in; the session cookie (`name=value`).
async fn sign_in(app: &TestApp, email: &str) -> String {
    let response = post_sign_in(&app.client, app, email, PASSWORD).await;
    assert_eq!(response.status(), 303, "{email} signs in");
    assert_eq!(response.headers()["location"], "/admin");
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    cookie.split(';').next().unwrap().to_owned()
}

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
    for _ in 0..convene_server::routes::admin::PER_ACCOUNT_AND_ADDRESS {
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
    let post = |email: &'static str, password: &'static str| {
        app.client
            .post(app.url("/admin/setup"))
            .header("sec-fetch-site", "same-origin")
            .form(&[("email", email), ("password", password)])
            .send()
    };
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
            .header("sec-fetch-site", site);
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
    for c in &claimed {
        let attempt = if c.kind == "confirmation" {
            convene::store::Attempt::Permanent("550 mailbox unavailable".into())
        } else {
            convene::store::Attempt::Sent
        };
        app.store.record_attempt(c, &attempt, now).await.unwrap();
    }
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
