//! The agenda's people and their roles, and its tracks.

use super::*;
use crate::common;
use common::TestApp;
use convene::account::StaffRole;
use convene::pictures::samples::{jpeg, with_exif};
use reqwest::multipart::{Form, Part};

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

on_both_backends!(
    an_organiser_gives_a_speaker_a_face_and_words,
    a_wrong_portrait_is_refused_beside_its_field_and_nothing_is_kept,
    a_person_not_ready_is_left_out_of_the_public_pages,
);

/// The profile form of Bart Somers in English and French, with `photo`.
fn profile(photo: Option<(Vec<u8>, &str)>, extra: &[(&str, &str)]) -> Form {
    let mut form = Form::new();
    for (field, value) in [
        ("name", "Bart Somers"),
        ("position_en", "Mayor of Mechelen"),
        ("position_fr", "Bourgmestre de Malines"),
        ("organisation_en", "City of Mechelen"),
        ("bio_en", "Mayor since 2001.\n\nWorld Mayor Prize 2016."),
        ("bio_fr", "Bourgmestre depuis 2001."),
        ("alt_en", "Bart Somers at the lectern"),
        ("alt_fr", "Bart Somers au pupitre"),
        ("link_label_0", "City"),
        ("link_url_0", "https://www.mechelen.be/"),
        ("public", "on"),
    ]
    .iter()
    .chain(extra)
    {
        form = form.text(field.to_string(), value.to_string());
    }
    match photo {
        Some((bytes, name)) => form.part("photo", Part::bytes(bytes).file_name(name.to_owned())),
        None => form,
    }
}

const BART: &str = "/admin/conferences/mechelen-2017/people/bart-somers";

/// The `srcset` of the first `<source>` or `<img>` in `page` after `from`.
fn srcset_after<'a>(page: &'a str, from: &str, attribute: &str) -> &'a str {
    let at = page.find(from).expect("the picture is there");
    let rest = &page[at..];
    let start = rest.find(&format!("{attribute}=\"")).unwrap() + attribute.len() + 2;
    &rest[start..start + rest[start..].find('"').unwrap()]
}

async fn an_organiser_gives_a_speaker_a_face_and_words(app: TestApp) {
    let organiser = member(&app, "organiser-a@example.org", StaffRole::Organiser).await;
    let staff = member(&app, "staff-a@example.org", StaffRole::Staff).await;
    let photo = with_exif(&jpeg(900, 600), 1);
    // (Turned away before the body is read: sent without the photo, whose
    // bytes would still be on their way when the answer closes.)
    let denied = common::send_form(&app, BART, &staff, profile(None, &[])).await;
    assert_eq!(denied.status(), 403);
    let saved = common::send_form(
        &app,
        BART,
        &organiser,
        profile(Some((photo, "bart.jpg")), &[]),
    )
    .await;
    assert_eq!(saved.status(), 303, "{}", common::html(saved).await);

    // The person's page: the portrait in WebP and JPEG at three sizes, its
    // words, the biography's paragraphs, the link.
    let page = app
        .page("/conferences/mechelen-2017/people/bart-somers")
        .await;
    assert!(
        page.contains(r#"alt="Bart Somers at the lectern""#),
        "{page}"
    );
    let webp = srcset_after(&page, r#"type="image/webp""#, "srcset");
    assert_eq!(webp.matches(".webp ").count(), 3, "{webp}");
    assert!(webp.contains(" 96w") && webp.contains(" 384w"), "{webp}");
    assert!(srcset_after(&page, "<img", "srcset").contains(".jpg 192w"));
    assert!(page.contains("Mayor of Mechelen, City of Mechelen"));
    assert!(
        page.contains("<p>Mayor since 2001.</p><p>World Mayor Prize 2016.</p>"),
        "{page}"
    );
    assert!(page.contains(r#"href="https://www.mechelen.be/""#));
    // In French: the French words, and English where French is missing.
    let french = app
        .page("/fr/conferences/mechelen-2017/people/bart-somers")
        .await;
    assert!(french.contains(r#"alt="Bart Somers au pupitre""#));
    assert!(french.contains("Bourgmestre de Malines, City of Mechelen"));
    assert!(french.contains("Bourgmestre depuis 2001."));
    // The sessions show the face; the people page too.
    let session = app
        .page("/conferences/mechelen-2017/sessions/opening-ceremony")
        .await;
    assert!(session.contains(r#"class="face""#), "{session}");
    assert!(app
        .page("/conferences/mechelen-2017/people")
        .await
        .contains(r#"alt="Bart Somers at the lectern""#));

    // The largest WebP as a browser gets it: 384 square, without the
    // camera's EXIF, cached for a year.
    let largest = webp.split(", ").last().unwrap().split(' ').next().unwrap();
    let file = app.get(largest).await;
    assert_eq!(file.headers()["content-type"], "image/webp");
    assert!(file.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
    let bytes = file.bytes().await.unwrap();
    let decoded = image::load_from_memory(&bytes).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (384, 384));
    assert!(exif::Reader::new()
        .read_from_container(&mut std::io::Cursor::new(&bytes[..]))
        .is_err());

    // Back office: the form holds what was saved; the preview shows it in
    // each language.
    let form = common::html(get_as(&app, BART, Some(&organiser)).await).await;
    assert!(form.contains(r#"value="Bourgmestre de Malines""#));
    assert!(form.contains("As the public sees it") && form.contains("Bart Somers au pupitre"));
    let audit = app.store.audit_log("mechelen-2017", 50).await.unwrap();
    assert!(audit
        .iter()
        .any(|(action, subject, _, _)| action == "profile_changed" && subject == "bart-somers"));
    // Deleted, they take their portrait with them.
    let deleted = post_as(&app, &format!("{BART}/delete"), &organiser, &[]).await;
    assert_eq!(deleted.status(), 303);
    assert_eq!(app.get(largest).await.status(), 404);
}

async fn a_wrong_portrait_is_refused_beside_its_field_and_nothing_is_kept(app: TestApp) {
    let organiser = member(&app, "organiser-a@example.org", StaffRole::Organiser).await;
    let before = app
        .store
        .editable_agenda("mechelen-2017")
        .await
        .unwrap()
        .unwrap();
    let before = before.person("bart-somers").unwrap().clone();
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#.to_vec();
    let pdf = convene::documents::pdf::document(&["not a face"]);
    for (bytes, name, message) in [
        (pdf, "face.jpg", "This kind of file is not taken here"),
        (jpeg(120, 120), "small.jpg", "at least 200 × 200 pixels"),
        (svg, "face.svg", "This kind of file is not taken here"),
        (
            b"\xFF\xD8\xFF\xE0 broken".to_vec(),
            "broken.jpg",
            "does not open as a picture",
        ),
    ] {
        let refused =
            common::send_form(&app, BART, &organiser, profile(Some((bytes, name)), &[])).await;
        assert_eq!(refused.status(), 422, "{name}");
        let page = common::html(refused).await;
        assert!(page.contains(message), "{name}: {page}");
        assert!(page.contains(r#"id="field-photo-problem""#), "{name}");
        // What was typed is still there.
        assert!(page.contains(r#"value="Bourgmestre de Malines""#), "{name}");
    }
    // A portrait without its words: refused beside the first language's.
    let wordless = profile(
        Some((jpeg(400, 400), "bart.jpg")),
        &[("alt_en", ""), ("alt_fr", "")],
    );
    let refused = common::send_form(&app, BART, &organiser, wordless).await;
    assert_eq!(refused.status(), 422);
    assert!(common::html(refused)
        .await
        .contains(r#"id="field-alt-en-problem""#));
    let after = app
        .store
        .editable_agenda("mechelen-2017")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        after.person("bart-somers"),
        Some(&before),
        "nothing was kept"
    );
}

async fn a_person_not_ready_is_left_out_of_the_public_pages(app: TestApp) {
    let organiser = member(&app, "organiser-a@example.org", StaffRole::Organiser).await;
    // Saved without "public": hidden from the public site.
    let hidden = profile(None, &[("public", "")]);
    let hidden = hidden.text("alt_en", "");
    let saved = common::send_form(&app, BART, &organiser, hidden).await;
    assert_eq!(saved.status(), 303, "{}", common::html(saved).await);
    assert_eq!(
        app.get("/conferences/mechelen-2017/people/bart-somers")
            .await
            .status(),
        404
    );
    assert!(!app
        .page("/conferences/mechelen-2017/people")
        .await
        .contains("Bart Somers"));
    let session = app
        .page("/conferences/mechelen-2017/sessions/opening-ceremony")
        .await;
    assert!(!session.contains("Bart Somers") && session.contains("Parks Tau"));
    assert!(!app
        .page("/conferences/mechelen-2017/agenda")
        .await
        .contains("Bart Somers"));
    // The back office still has them, marked.
    let panel = common::html(
        get_as(
            &app,
            "/admin/conferences/mechelen-2017/agenda",
            Some(&organiser),
        )
        .await,
    )
    .await;
    assert!(panel.contains("Bart Somers") && panel.contains("not shown publicly yet"));
}

/// Eight organisers' tabs save the same profile at once, each with its own
/// portrait, on PostgreSQL behind two instances: every save is kept in
/// turn, the profile ends as one of them whole (its portrait's files all
/// there, its words the same save's), and the other instance serves it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_saves_of_one_profile_race_on_two_instances() {
    let url = common::fresh_postgres_database().await;
    let first = common::spawn_on(url.clone()).await;
    let second = common::spawn_on(url).await;
    let organiser = member(&first, "organiser-a@example.org", StaffRole::Organiser).await;
    let saves = (0..8u32).map(|i| {
        let (app, organiser) = (&first, organiser.clone());
        async move {
            // A different picture and different words for each.
            let photo = jpeg(400 + i * 10, 400);
            let position = format!("Mayor {i}");
            let form = profile(Some((photo, "bart.jpg")), &[("position_en", &position)]);
            common::send_form(app, BART, &organiser, form)
                .await
                .status()
        }
    });
    let statuses = futures::future::join_all(saves).await;
    assert!(statuses.iter().all(|s| *s == 303), "{statuses:?}");
    let agenda = first
        .store
        .editable_agenda("mechelen-2017")
        .await
        .unwrap()
        .unwrap();
    let bart = agenda.person("bart-somers").unwrap();
    let photo = bart.photo.as_ref().unwrap();
    assert_eq!(photo.variants.len(), 6);
    // The portrait and the words come from the same save: the picture
    // made from a 400 + 10i wide photo is the save of "Mayor i" (each
    // photo's colours differ, so its files do).
    let position = bart
        .position
        .as_ref()
        .unwrap()
        .get(convene::Lang::En)
        .to_owned();
    let i: u32 = position.trim_start_matches("Mayor ").parse().unwrap();
    let expected =
        convene::pictures::make::make(&jpeg(400 + i * 10, 400), convene::pictures::Shape::Portrait)
            .unwrap();
    assert_eq!(photo.variants, expected.picture.variants, "{position}");
    for variant in &photo.variants {
        let served = second.get(&variant.path()).await;
        assert_eq!(served.status(), 200, "{}", variant.path());
        let bytes = served.bytes().await.unwrap();
        assert_eq!(bytes.len() as u32, variant.bytes);
    }
    let audit = first.store.audit_log("mechelen-2017", 50).await.unwrap();
    let saved = audit
        .iter()
        .filter(|(a, _, _, _)| a == "profile_changed")
        .count();
    assert_eq!(saved, 8, "one audit entry per save");
    // The seven portraits replaced are gone, files and all (the demo's
    // drawn one too): only the last one's six files are kept.
    let mut kept = 0;
    for i in 0..8u32 {
        let made = convene::pictures::make::make(
            &jpeg(400 + i * 10, 400),
            convene::pictures::Shape::Portrait,
        )
        .unwrap();
        for variant in &made.picture.variants {
            if first.store.file(&variant.hash).await.unwrap().is_some() {
                kept += 1;
            }
        }
    }
    assert_eq!(kept, 6, "files of replaced portraits kept");
}
