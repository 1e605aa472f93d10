//! The agenda editor: sessions and their health, rooms, the checks as a
//! session is typed.

use super::*;
use crate::common;
use common::TestApp;
use convene::account::StaffRole;

on_both_backends!(
    organisers_edit_a_session_and_the_health_panel_warns,
    organisers_add_rooms_and_sessions_and_delete_them,
    organisers_see_what_a_session_would_cause_as_they_type,
);

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
    // The organiser's (the demo's own news was written by no account).
    let actions: Vec<&str> = log
        .iter()
        .filter(|l| l.2.is_some())
        .map(|l| l.0.as_str())
        .collect();
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
