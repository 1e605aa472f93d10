//! Sessions' materials: the livestream shown from shortly before the start
//! to the end and the recording after, by the clock, with pages that say
//! until when they hold; documents in each language; the organiser's
//! forms for them.

use crate::admin::{member, owned, post_as};
use crate::common::{self, TestApp};
use chrono::{DateTime, Duration, Utc};
use convene::account::StaffRole;
use convene::field::WebAddress;
use convene::materials::Materials;
use reqwest::multipart::{Form, Part};

on_both_backends!(
    what_a_session_offers_follows_the_clock,
    the_demo_s_sessions_have_their_recordings_and_documents,
    an_organiser_adds_links_and_documents_to_a_session,
);

fn link(s: &str) -> WebAddress {
    WebAddress::parse(s).unwrap()
}

/// Mechelen again as "live-now", its first three sessions moved around
/// `now`: one running, one just ended, one starting in half an hour.
/// Answers their addresses, with when the running one ends and when the
/// coming one's link opens.
async fn live_now(
    app: &TestApp,
    now: DateTime<Utc>,
) -> ([String; 3], DateTime<Utc>, DateTime<Utc>) {
    let mut agenda = convene::demo::agendas().remove(0);
    agenda.conference.slug = convene::Slug::parse("live-now").unwrap();
    for session in &mut agenda.sessions {
        session.uid = format!("{}@live-now", session.slug);
        session.materials = Materials::default();
    }
    let watch = Materials {
        livestream: Some(link("https://live.example.org/hall")),
        recording: Some(link("https://video.example.org/session")),
        documents: vec![],
    };
    let moved = [
        (now - Duration::minutes(5), now + Duration::hours(1)),
        (now - Duration::hours(2), now - Duration::minutes(1)),
        (now + Duration::minutes(30), now + Duration::minutes(90)),
    ];
    for (session, (start, end)) in agenda.sessions.iter_mut().zip(moved) {
        session.starts_at = start;
        session.ends_at = end;
        session.materials = watch.clone();
    }
    app.store.insert_agenda(&agenda).await.unwrap();
    let page = |i: usize| format!("/conferences/live-now/sessions/{}", agenda.sessions[i].slug);
    (
        [page(0), page(1), page(2)],
        moved[0].1,
        moved[2].0 - convene::materials::LIVE_BEFORE,
    )
}

fn http_date(at: DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

async fn what_a_session_offers_follows_the_clock(app: TestApp) {
    let now = Utc::now();
    let ([running, ended, upcoming], running_ends, upcoming_opens) = live_now(&app, now).await;

    // Running: "watch live", and the page holds until it ends.
    let running = app.get(&running).await;
    assert_eq!(
        running.headers()["expires"],
        http_date(running_ends).as_str()
    );
    // Not to be kept until then by a browser: an edit changes it too.
    assert_eq!(running.headers()["cache-control"], "no-cache");
    let running = common::html(running).await;
    assert!(
        running.contains(r#"data-watch="live""#)
            && running.contains("https://live.example.org/hall")
    );
    // Just ended: the recording, and nothing more to wait for.
    let ended = app.get(&ended).await;
    assert!(ended.headers().get("expires").is_none());
    let ended = common::html(ended).await;
    assert!(ended.contains(r#"data-watch="recording""#) && !ended.contains("live.example.org"));
    // In half an hour: nothing to watch yet; the page holds until the link
    // opens, fifteen minutes before the start.
    let upcoming = app.get(&upcoming).await;
    assert_eq!(
        upcoming.headers()["expires"],
        http_date(upcoming_opens).as_str()
    );
    assert!(!common::html(upcoming).await.contains("data-watch"));
    // The agenda shows both, and holds until the first change.
    let agenda_page = app.get("/conferences/live-now/agenda").await;
    let first = running_ends.min(upcoming_opens);
    assert_eq!(agenda_page.headers()["expires"], http_date(first).as_str());
    let agenda_page = common::html(agenda_page).await;
    assert_eq!(agenda_page.matches(r#"data-watch="live""#).count(), 1);
    assert_eq!(agenda_page.matches(r#"data-watch="recording""#).count(), 1);
}

async fn the_demo_s_sessions_have_their_recordings_and_documents(app: TestApp) {
    // Mechelen 2017 is over: its recordings show, not its livestreams.
    let page = app
        .page("/conferences/mechelen-2017/sessions/guided-discussion")
        .await;
    assert!(page.contains("https://video.example.org/mechelen-2017/guided-discussion"));
    // In English the English summary; in French the French one.
    assert!(
        page.contains("Rapporteur&#x27;s summary") || page.contains("Rapporteur's summary"),
        "{page}"
    );
    assert!(!page.contains("Synthèse du rapporteur :"));
    let french = app
        .page("/fr/conferences/mechelen-2017/sessions/guided-discussion")
        .await;
    assert!(french.contains("Synthèse du rapporteur : ce qui doit nourrir le Pacte mondial"));
    // The summary is a PDF a reader opens.
    let at = page.find("/files/").unwrap();
    let href = &page[at..at + page[at..].find('"').unwrap()];
    let pdf = app.get(href).await;
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let text = common::pdf::pdf_text(&pdf.bytes().await.unwrap());
    assert!(text.contains("rapporteur's summary"), "{text}");
    // Its people have their drawn portraits, with their words in French.
    assert!(french.contains("Un portrait dessiné pour la démonstration"));
    let agenda = app.page("/conferences/mechelen-2017/agenda").await;
    assert!(agenda.contains(r#"data-watch="recording""#));
    assert!(agenda.contains("Slides and documents"));
}

async fn an_organiser_adds_links_and_documents_to_a_session(app: TestApp) {
    let organiser = member(&app, "organiser-a@example.org", StaffRole::Organiser).await;
    let staff = member(&app, "staff-a@example.org", StaffRole::Staff).await;
    let session = "/admin/conferences/mechelen-2017/agenda/workshop-labour-markets";
    let watch = format!("{session}/watch");
    let links = owned(&[
        ("livestream", "https://live.example.org/room-b"),
        ("recording", "https://video.example.org/labour"),
    ]);
    assert_eq!(post_as(&app, &watch, &staff, &links).await.status(), 403);
    let refused = post_as(
        &app,
        &watch,
        &organiser,
        &owned(&[("livestream", "javascript:alert(1)"), ("recording", "")]),
    )
    .await;
    assert_eq!(refused.status(), 422);
    let refused = common::html(refused).await;
    assert!(refused.contains(r#"id="field-livestream-problem""#) && refused.contains("https://"));
    assert_eq!(
        post_as(&app, &watch, &organiser, &links).await.status(),
        303
    );

    let add = format!("{session}/materials");
    let send = |form: Form| common::send_form(&app, &add, &organiser, form);
    let document = |kind: &'static str, lang: &'static str, title: &'static str| {
        Form::new()
            .text("kind", kind)
            .text("lang", lang)
            .text("title", title)
    };
    let slides = convene::documents::pdf::document(&["Labour markets", "Slides"]);
    let added = send(
        document("slides", "fr", "Présentation : marchés du travail")
            .part("file", Part::bytes(slides).file_name("marches.pdf")),
    )
    .await;
    assert_eq!(added.status(), 303);
    let linked = send(
        document("summary", "en", "Summary of the workshop")
            .text("url", "https://example.org/labour-summary"),
    )
    .await;
    assert_eq!(linked.status(), 303);
    // A PDF with a script, and a document with neither file nor link.
    let scripted = send(document("slides", "en", "Scripted").part(
        "file",
        Part::bytes(crate::documents::scripted_pdf()).file_name("s.pdf"),
    ))
    .await;
    assert_eq!(scripted.status(), 422);
    assert!(common::html(scripted).await.contains("carries a script"));
    let empty = send(document("slides", "en", "Nothing")).await;
    assert_eq!(empty.status(), 422);
    assert!(common::html(empty)
        .await
        .contains(r#"id="field-material-source-problem""#));

    let agenda = app.store.agenda("mechelen-2017").await.unwrap().unwrap();
    let m = &agenda.session("workshop-labour-markets").unwrap().materials;
    assert_eq!(m.documents.len(), 2);
    assert_eq!(
        m.recording.as_ref().unwrap().as_str(),
        "https://video.example.org/labour"
    );
    // The public page: the recording (2017 is over), the French slides in
    // French, the English summary where there is no French one.
    let french = app
        .page("/fr/conferences/mechelen-2017/sessions/workshop-labour-markets")
        .await;
    assert!(french.contains("Présentation : marchés du travail"));
    assert!(french.contains("Summary of the workshop"));
    assert!(french.contains("https://video.example.org/labour"));
    // Removed: gone from the page.
    let id = m.documents[0].id;
    let removed = post_as(
        &app,
        &format!("{session}/materials/{id}/delete"),
        &organiser,
        &[],
    )
    .await;
    assert_eq!(removed.status(), 303);
    let french = app
        .page("/fr/conferences/mechelen-2017/sessions/workshop-labour-markets")
        .await;
    assert!(!french.contains("Présentation : marchés du travail"));
}

/// On PostgreSQL behind two instances: eight organisers add a document to
/// one session at once while eight others remove one document and eight
/// save its links, each different. Every add lands once, the removal
/// once, the links are one save's whole, and the session's documents are
/// what the audit log counts.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn documents_and_links_of_one_session_race_on_two_instances() {
    let url = common::fresh_postgres_database().await;
    let first = common::spawn_on(url.clone()).await;
    let second = common::spawn_on(url).await;
    let organiser = member(&first, "organiser-a@example.org", StaffRole::Organiser).await;
    let session = "/admin/conferences/mechelen-2017/agenda/guided-discussion";
    let before = first.store.agenda("mechelen-2017").await.unwrap().unwrap();
    let documents = &before
        .session("guided-discussion")
        .unwrap()
        .materials
        .documents;
    assert_eq!(documents.len(), 2);
    let doomed = documents[0].id;
    let app = |i: usize| if i.is_multiple_of(2) { &first } else { &second };
    let adds = (0..8).map(|i| {
        let organiser = organiser.clone();
        async move {
            let form = Form::new()
                .text("kind", "other")
                .text("lang", "en")
                .text("title", format!("Note {i}"))
                .text("url", format!("https://example.org/note-{i}"));
            common::send_form(app(i), &format!("{session}/materials"), &organiser, form)
                .await
                .status()
                .as_u16()
        }
    });
    let removals = (0..8).map(|i| {
        let organiser = organiser.clone();
        async move {
            let path = format!("{session}/materials/{doomed}/delete");
            post_as(app(i), &path, &organiser, &[])
                .await
                .status()
                .as_u16()
        }
    });
    let links = (0..8).map(|i| {
        let organiser = organiser.clone();
        async move {
            let pairs = owned(&[
                ("livestream", &format!("https://live.example.org/{i}")),
                ("recording", &format!("https://video.example.org/{i}")),
            ]);
            post_as(app(i), &format!("{session}/watch"), &organiser, &pairs)
                .await
                .status()
                .as_u16()
        }
    });
    let (adds, removals, links) = futures::join!(
        futures::future::join_all(adds),
        futures::future::join_all(removals),
        futures::future::join_all(links)
    );
    assert!(
        adds.iter().chain(&links).all(|s| *s == 303),
        "{adds:?} {links:?}"
    );
    let mut removed = removals.clone();
    removed.sort();
    assert_eq!(
        removed,
        [303, 404, 404, 404, 404, 404, 404, 404],
        "one removal lands"
    );
    let after = first.store.agenda("mechelen-2017").await.unwrap().unwrap();
    let m = &after.session("guided-discussion").unwrap().materials;
    let mut titles: Vec<&str> = m.documents.iter().map(|d| d.title.as_str()).collect();
    titles.sort();
    assert_eq!(m.documents.len(), 1 + 8, "{titles:?}");
    assert!(m.documents.iter().all(|d| d.id != doomed));
    // The links are one save's, both halves.
    let live = m
        .livestream
        .as_ref()
        .unwrap()
        .as_str()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let recorded = m
        .recording
        .as_ref()
        .unwrap()
        .as_str()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(live, recorded);
    // The recount: every change that landed is in the audit log once.
    let audit = first.store.audit_log("mechelen-2017", 100).await.unwrap();
    let changes = audit
        .iter()
        .filter(|(a, s, _, _)| a == "materials_changed" && s == "guided-discussion")
        .count();
    assert_eq!(changes, 8 + 1 + 8);
    println!("materials: 8 adds, 8 removals of one document and 8 saves of the links at once on two instances: 8 added, 1 removed, the links one save's");
}
