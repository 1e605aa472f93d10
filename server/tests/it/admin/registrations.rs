//! The registration table (search, filters, pages), invitations, and the
//! registration window.

use super::*;
use crate::common;
use crate::common::Inspect;
use chrono::Utc;
use common::TestApp;
use convene::account::StaffRole;

on_both_backends!(
    the_registration_table_searches_filters_and_pages,
    staff_invite_a_pasted_list_and_remind_who_did_not_register,
    the_registration_window_opens_and_closes_the_form,
);

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
