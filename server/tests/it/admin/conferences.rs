//! Conferences created, set up, published, copied; the form's own
//! questions.

use super::*;
use crate::common;
use crate::common::Inspect;
use chrono::Utc;
use common::{account, sign_in, TestApp};
use convene::account::StaffRole;

on_both_backends!(
    administrators_create_a_conference_that_organisers_set_up_and_publish,
    settings_refuse_too_few_places_and_more_places_go_to_the_waiting_list,
    administrators_copy_a_conference_to_new_dates,
    organisers_add_their_own_questions_to_the_form,
);

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
