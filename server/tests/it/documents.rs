//! Outcome documents, on SQLite and PostgreSQL: an organiser uploads a
//! declaration in two languages and the public reads it as a PDF
//! (pdftotext); every bad upload is refused beside its field with nothing
//! stored; the demo's documents are on their conference's page, in the
//! posts that refer to them and in the feeds' enclosures; files answer 304
//! and a flood of downloads leaves the site answering.

use crate::admin::member;
use crate::common::pdf::pdf_text;
use crate::common::{self, html, read_feed, Inspect, TestApp};
use convene::account::StaffRole;
use lopdf::{dictionary, Object};
use reqwest::multipart::{Form, Part};

on_both_backends!(
    an_organiser_uploads_a_declaration_the_public_reads,
    bad_uploads_are_refused_beside_their_field_and_nothing_is_stored,
    the_demo_documents_are_read_where_they_belong,
    a_flood_of_downloads_leaves_the_site_answering,
);

fn part(bytes: Vec<u8>, name: &str) -> Part {
    Part::bytes(bytes).file_name(name.to_owned())
}

/// The declaration's form, with `files` as (field, part).
fn declaration(files: Vec<(&'static str, Part)>) -> Form {
    let mut form = Form::new()
        .text("title_en", "Workshop conclusions")
        .text("title_fr", "Conclusions des ateliers")
        .text("adopted_on", "2017-11-17")
        .text("conference", "mechelen-2017")
        .text("slug", "");
    for (field, part) in files {
        form = form.part(field, part);
    }
    form
}

/// Documents and files stored.
async fn counts(app: &TestApp) -> (usize, i64) {
    let documents = app.store.all_documents().await.unwrap().len();
    (documents, app.store.file_count().await.unwrap())
}

async fn an_organiser_uploads_a_declaration_the_public_reads(app: TestApp) {
    let organiser = member(&app, "organiser-a@example.org", StaffRole::Organiser).await;
    let english = convene::documents::pdf::document(&["Workshop conclusions", "Mechelen, 2017"]);
    let french = convene::documents::pdf::document(&["Conclusions des ateliers", "Malines, 2017"]);
    let saved = common::send_form(
        &app,
        "/admin/documents/new",
        &organiser,
        declaration(vec![
            ("file_en", part(english.clone(), "conclusions.pdf")),
            ("file_fr", part(french, "conclusions FR.pdf")),
        ]),
    )
    .await;
    assert_eq!(saved.status(), 303);
    assert_eq!(
        saved.headers()["location"],
        "/admin/documents/edit/workshop-conclusions?saved=1"
    );
    let page = app.page("/documents/workshop-conclusions").await;
    assert!(page.contains("Workshop conclusions"));
    let french_page = app.page("/fr/documents/workshop-conclusions").await;
    assert!(french_page.contains("Conclusions des ateliers"));
    // The English file, as a reader downloads it.
    let href = page
        .split("href=\"")
        .map(|rest| rest.split('"').next().unwrap())
        .find(|href| href.starts_with("/files/") && href.ends_with("/conclusions.pdf"))
        .expect("a link to the English PDF")
        .to_owned();
    let file = app.get(&href).await;
    assert_eq!(file.status(), 200);
    assert_eq!(file.headers()["content-type"], "application/pdf");
    assert_eq!(
        file.headers()["content-disposition"],
        "inline; filename=\"conclusions.pdf\""
    );
    assert_eq!(
        file.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert!(file.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("sandbox"));
    let tag = file.headers()["etag"].to_str().unwrap().to_owned();
    let bytes = file.bytes().await.unwrap();
    assert_eq!(bytes.as_ref(), english.as_slice(), "the bytes uploaded");
    assert!(pdf_text(&bytes).contains("Workshop conclusions"));
    let again = app.get_with(&href, &[("if-none-match", &tag)]).await;
    assert_eq!(again.status(), 304);
    // As a browser asks for it, compressed: whole, the connection kept.
    let compressed = app
        .get_with(&href, &[("accept-encoding", "gzip, deflate, br")])
        .await;
    assert_eq!(compressed.status(), 200);
    assert!(!compressed.bytes().await.unwrap().is_empty());
    assert_eq!(
        app.get(&href).await.status(),
        200,
        "the server still answers"
    );
    // The conference's page shows its outcomes.
    let conference = app.page("/conferences/mechelen-2017").await;
    assert!(conference.contains(r#"href="/documents/workshop-conclusions""#));
    // A PDF sent again for one language replaces that language's only.
    let replaced = common::send_form(
        &app,
        "/admin/documents/edit/workshop-conclusions",
        &organiser,
        declaration(vec![(
            "file_en",
            part(
                convene::documents::pdf::document(&["Workshop conclusions, revised"]),
                "conclusions.pdf",
            ),
        )]),
    )
    .await;
    assert_eq!(replaced.status(), 303);
    let document = app
        .store
        .document("workshop-conclusions", true)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(document.files.len(), 2, "the French file stays");
    let log: Vec<String> = app
        .store
        .audit_log("mechelen-2017", 5)
        .await
        .unwrap()
        .into_iter()
        .filter(|l| l.1 == "workshop-conclusions")
        .map(|l| l.0)
        .collect();
    assert_eq!(log, ["document_changed", "document_added"]);
    println!(
        "documents: a declaration uploaded in EN and FR, read back by pdftotext, 304 on its ETag"
    );
}

/// A PDF that runs a script when opened.
pub(crate) fn scripted_pdf() -> Vec<u8> {
    let bytes = convene::documents::pdf::document(&["x"]);
    let mut doc = lopdf::Document::load_mem(&bytes).unwrap();
    let script = doc.add_object(dictionary! {
        "S" => "JavaScript",
        "JS" => Object::string_literal("app.alert(1)"),
    });
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    doc.get_object_mut(root)
        .unwrap()
        .as_dict_mut()
        .unwrap()
        .set("OpenAction", script);
    let mut out = vec![];
    doc.save_to(&mut out).unwrap();
    out
}

async fn bad_uploads_are_refused_beside_their_field_and_nothing_is_stored(app: TestApp) {
    let organiser = member(&app, "organiser-a@example.org", StaffRole::Organiser).await;
    let before = counts(&app).await;
    let pdf = convene::documents::pdf::document(&["x"]);
    let mut large = pdf.clone();
    large.resize(convene::documents::upload::MAX_MB * 1024 * 1024 + 1, b' ');
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        (
            "wrong type",
            b"<html><script>alert(1)</script></html>".to_vec(),
            "page.pdf",
            "This kind of file is not taken here",
        ),
        ("too large", large, "large.pdf", "larger than 10 MB"),
        (
            "a script",
            scripted_pdf(),
            "scripted.pdf",
            "carries a script",
        ),
        (
            "a path",
            pdf.clone(),
            "../../etc/declaration.pdf",
            "has a path in it",
        ),
    ];
    for (what, bytes, name, message) in cases {
        let refused = common::send_form(
            &app,
            "/admin/documents/new",
            &organiser,
            declaration(vec![("file_en", part(bytes, name))]),
        )
        .await;
        assert_eq!(refused.status(), 422, "{what}");
        let page = html(refused).await;
        assert!(
            page.contains(r#"id="field-file-en-problem""#),
            "{what}: beside its field"
        );
        assert!(page.contains(message), "{what}: says what to fix");
        assert!(
            page.contains(r#"value="Workshop conclusions""#),
            "{what}: the form keeps what was typed"
        );
        assert_eq!(counts(&app).await, before, "{what}: nothing stored");
    }
    // No file at all, for a new document.
    let none = common::send_form(
        &app,
        "/admin/documents/new",
        &organiser,
        declaration(vec![]),
    )
    .await;
    assert_eq!(none.status(), 422);
    // In French, the refusal is French.
    let french = common::send_form(
        &app,
        "/fr/admin/documents/new",
        &organiser,
        declaration(vec![("file_en", part(scripted_pdf(), "x.pdf"))]),
    )
    .await;
    assert!(html(french).await.contains("Ce PDF contient un script"));
    // Beirut's organiser cannot put a document under Mechelen.
    let other = member(&app, "organiser-b@example.org", StaffRole::Organiser).await;
    app.store
        .revoke("organiser-b@example.org", "mechelen-2017")
        .await
        .unwrap();
    app.store
        .grant(
            "organiser-b@example.org",
            "beirut-2017",
            StaffRole::Organiser,
        )
        .await
        .unwrap();
    let elsewhere = common::send_form(
        &app,
        "/admin/documents/new",
        &other,
        declaration(vec![("file_en", part(pdf, "x.pdf"))]),
    )
    .await;
    assert_eq!(elsewhere.status(), 422);
    assert!(html(elsewhere)
        .await
        .contains(r#"id="field-conference-problem""#));
    assert_eq!(counts(&app).await, before);
    // Without a session, a large upload is turned away before it is read.
    let mut heavy = convene::documents::pdf::document(&["x"]);
    heavy.resize(8 * 1024 * 1024, b' ');
    let anonymous = app
        .client
        .post(app.url("/admin/documents/new"))
        .header("origin", app.base.as_str())
        .multipart(declaration(vec![("file_en", part(heavy, "x.pdf"))]))
        .send()
        .await;
    if let Ok(anonymous) = anonymous {
        assert_eq!(anonymous.status(), 303, "sent to sign in");
    }
    assert_eq!(counts(&app).await, before);
    println!("documents: a wrong type, 10 MB + 1 byte, a scripted PDF, a ../ name, no file, another conference and no session refused; nothing stored");
}

async fn the_demo_documents_are_read_where_they_belong(app: TestApp) {
    let declaration = app
        .store
        .document("mechelen-declaration", true)
        .await
        .unwrap()
        .expect("the demo's declaration");
    for (lang, file) in &declaration.files {
        let bytes = app
            .get(&convene::paths::file(&file.hash, &file.name))
            .await
            .bytes()
            .await
            .unwrap();
        let text = pdf_text(&bytes);
        let expected = match lang {
            convene::Lang::Fr => "Déclaration de Malines",
            _ => "Mechelen Declaration on Cities and Migration",
        };
        assert!(text.contains(expected), "{lang:?}: {text}");
    }
    let conference = app.page("/conferences/mechelen-2017").await;
    assert!(conference.contains(r#"href="/documents/mechelen-declaration""#));
    let topic = app.page("/topics/migration").await;
    assert!(topic.contains(r#"href="/documents/mc2cm-outcome-paper""#));
    let post = app
        .page("/news/mayors-adopt-the-mechelen-declaration")
        .await;
    assert!(post.contains(r#"href="/documents/mechelen-declaration""#));
    let page = app.page("/documents/mechelen-declaration").await;
    assert!(
        page.contains(r#"href="/news/international-migrants-day-cities-reaffirm-mechelen""#),
        "the posts that refer to it"
    );
    for extension in ["rss", "atom"] {
        let feed = app
            .get(&format!("/fr/topics/migration/feed.{extension}"))
            .await
            .text()
            .await
            .unwrap();
        let feed = read_feed_enclosures(&feed);
        assert!(
            feed.iter()
                .any(|(url, kind)| url.ends_with("/mechelen-declaration-fr.pdf")
                    && kind == "application/pdf"),
            "{extension}: the French declaration enclosed: {feed:?}"
        );
    }
    println!("documents: the demo's declaration read by pdftotext in EN and FR, on its conference, topic, post and in both feeds");
}

/// Every enclosure of a feed, as feedparser reads them: (address, type).
fn read_feed_enclosures(feed: &str) -> Vec<(String, String)> {
    let read = read_feed(feed);
    assert_eq!(read["bozo"], false, "{}", read["problem"]);
    read["enclosures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["href"].as_str().unwrap_or_default().to_owned(),
                e["type"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

async fn a_flood_of_downloads_leaves_the_site_answering(app: TestApp) {
    let organiser = member(&app, "organiser-a@example.org", StaffRole::Organiser).await;
    // A PDF of about 6 MB: many lines of text.
    let lines: Vec<String> = (0..60_000)
        .map(|n| format!("Line {n} of a long annex"))
        .collect();
    let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
    let mut big = convene::documents::pdf::document(&lines);
    big.extend(std::iter::repeat_n(
        b'\n',
        6 * 1024 * 1024 - big.len().min(6 * 1024 * 1024),
    ));
    let saved = common::send_form(
        &app,
        "/admin/documents/new",
        &organiser,
        declaration(vec![("file_en", part(big.clone(), "annex.pdf"))]),
    )
    .await;
    assert_eq!(saved.status(), 303);
    let document = app
        .store
        .document("workshop-conclusions", true)
        .await
        .unwrap()
        .unwrap();
    let (_, file) = &document.files[0];
    let href = convene::paths::file(&file.hash, &file.name);
    let downloads: Vec<_> = (0..32)
        .map(|_| async {
            let response = app.get(&href).await;
            (response.status(), response.bytes().await.unwrap().len())
        })
        .collect();
    let visitor = async {
        let started = std::time::Instant::now();
        let page = app.get("/topics/migration").await;
        (page.status(), started.elapsed())
    };
    let (responses, (status, _)) = tokio::join!(futures::future::join_all(downloads), visitor);
    assert_eq!(status, 200, "a visitor is answered during the flood");
    let mut whole = 0;
    for (status, length) in responses {
        assert_eq!(status, 200);
        assert_eq!(length, big.len());
        whole += 1;
    }
    // A reader that takes the first bytes and stops costs one slice.
    let stalled = app.get(&href).await;
    assert_eq!(stalled.status(), 200);
    let visitor = app.get("/topics/migration").await;
    assert_eq!(visitor.status(), 200);
    drop(stalled);
    println!("documents: {whole} parallel downloads of a {} MB file, each whole, read {} KB at a time; a visitor answered meanwhile",
        big.len() / (1024 * 1024), convene_server::routes::files::SLICE / 1024);
}
