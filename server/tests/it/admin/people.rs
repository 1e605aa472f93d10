//! The agenda's people and their roles, and its tracks.

use super::*;
use crate::common;
use common::TestApp;
use convene::account::StaffRole;

on_both_backends!(
    organisers_add_people_and_give_them_roles,
    organisers_put_sessions_in_tracks,
);

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
