//! Staff's decisions: one at a time with its history, in bulk, notes and
//! a place out of turn.

use super::*;
use crate::common;
use crate::common::Inspect;
use chrono::Utc;
use common::{account, sign_in, TestApp};
use convene::account::StaffRole;

on_both_backends!(
    staff_decide_and_cancel_and_the_history_says_who,
    staff_decide_in_bulk_note_and_give_a_place_out_of_turn,
);

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
    let kind = convene::mail::MailKind::parse(kind).unwrap();
    let mail = convene::mail::render(kind, convene::Lang::En, payload);
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
