//! Letters and certificates, on SQLite and PostgreSQL: a Beirut delegate
//! downloads their visa letter once approved (read back by pdftotext, its
//! QR by zbarimg), an embassy's verification address confirms it, a
//! forged one is unknown, a withdrawn one says so; letters refused to who
//! may not have one; certificates only for who came, issued again on
//! request; eight downloads at once issue one letter; a flood of downloads
//! is answered without the server giving way; organisers word the letter
//! their own way, previewed for an example delegate, and it is what the
//! delegate downloads.

use crate::admin::{get_as, member, post_as};
use crate::common::pdf::pdf_text;
use crate::common::{self, html, Inspect, TestApp};
use convene::account::StaffRole;

// Links are read from the outbox: no mail worker takes them out first.
on_both_backends_without_mail!(
    a_delegate_downloads_their_letter_and_an_embassy_verifies_it,
    letters_are_refused_to_who_may_not_have_one,
    a_certificate_is_for_who_came_and_is_issued_again,
    eight_downloads_at_once_issue_one_letter,
    a_flood_of_letters_leaves_the_site_answering,
    organisers_word_the_letter_and_delegates_get_it,
    the_demo_delegates_make_beirut_a_conference_that_happened,
);

const BEIRUT: &str = "beirut-2017";

/// A Beirut delegate with passport details (approval mode: awaiting
/// approval once their address is confirmed): private token and id.
async fn beirut_delegate(app: &TestApp, email: &str) -> (String, i64) {
    // A conference still to come: passports of past ones are deleted.
    app.store.move_to_next_year(BEIRUT).await.unwrap();
    let token = common::confirmed(&app.store, BEIRUT, email, true).await;
    let id = common::line_of(&app.store, BEIRUT, email).await.id;
    (token, id)
}

/// Approves registration `id`: the private link the decision's email
/// gives (a new one; the one before stops working).
async fn approve(app: &TestApp, id: i64, email: &str) -> String {
    let decided = app
        .store
        .decide_registration(
            id,
            true,
            None,
            None,
            "http://convene.test",
            chrono::Utc::now(),
        )
        .await
        .unwrap();
    assert!(
        matches!(decided, convene::store::Decided::Confirmed),
        "{decided:?}"
    );
    common::last_link(&app.store, email).await.1
}

async fn download(app: &TestApp, path: &str) -> reqwest::Response {
    app.client.get(app.url(path)).send().await.unwrap()
}

async fn pdf(app: &TestApp, path: &str) -> Vec<u8> {
    let response = download(app, path).await;
    assert_eq!(response.status(), 200, "{path}");
    assert_eq!(response.headers()["content-type"], "application/pdf");
    assert_eq!(response.headers()["cache-control"], "no-store");
    response.bytes().await.unwrap().to_vec()
}

/// The site's address in the tests' configuration.
const SITE: &str = "http://convene.test";

/// The verification address a paper's text gives (as the site's path).
fn verify_path(text: &str) -> String {
    let start = text.find("/verify/").expect("a verification address");
    let path: String = text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    assert!(text.contains(&format!("{SITE}{path}")), "{text}");
    path
}

async fn a_delegate_downloads_their_letter_and_an_embassy_verifies_it(app: TestApp) {
    let (token, id) = beirut_delegate(&app, "amal@example.org").await;
    // Awaiting approval: no letter yet, and the private link says when.
    let early = download(&app, &format!("/r/{token}/letter.pdf")).await;
    assert_eq!(early.status(), 409);
    let early = html(early).await;
    assert!(
        early.contains("once the registration is confirmed"),
        "{early}"
    );
    assert!(!html(download(&app, &format!("/r/{token}")).await)
        .await
        .contains("letter.pdf"));

    let token = approve(&app, id, "amal@example.org").await;
    let letter = format!("/r/{token}/letter.pdf");
    let page = app.page(&format!("/r/{token}")).await;
    assert!(page.contains(&format!("/r/{token}/letter.pdf")), "{page}");
    let first = pdf(&app, &letter).await;
    let text = pdf_text(&first);
    for expected in [
        "Letter of invitation",
        "AMAL HADDAD",
        "RL1234567",
        "Lebanon",
        "21 March 1980",
        "(MC2CM)",
        "BEIRUT-2017-L-0001",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    // Downloaded again: the same letter, not a second one.
    let again = pdf_text(&pdf(&app, &letter).await);
    assert!(again.contains("BEIRUT-2017-L-0001"), "{again}");
    assert!(!again.contains("L-0002"));

    // The embassy opens the address on the letter (or scans its QR).
    let path = verify_path(&text);
    let codes = crate::onsite::qr_codes_on_first_page(&first);
    assert_eq!(codes, vec![format!("{SITE}{path}")]);
    let verified = app.page(&path).await;
    assert!(verified.contains("Genuine"), "{verified}");
    assert!(verified.contains("AMAL HADDAD"), "{verified}");
    assert!(verified.contains("BEIRUT-2017-L-0001"), "{verified}");
    assert!(!verified.contains("RL1234567"), "never the passport number");
    // A forged address is unknown.
    let forged = download(&app, "/verify/aaaaaaaaaaaaaaaaaaaa").await;
    assert_eq!(forged.status(), 404);

    // In Arabic, shaped and in logical order.
    let arabic = pdf_text(&pdf(&app, &format!("/ar/r/{token}/letter.pdf")).await);
    assert!(arabic.contains("رسالة دعوة"), "{arabic}");
    assert!(arabic.contains("AMAL HADDAD"), "{arabic}");
    assert!(
        arabic.contains("BEIRUT-2017-L-0001"),
        "the same letter: {arabic}"
    );

    // Staff see no passports: the letter is the organisers'.
    let staff = {
        common::account(&app, "staff-b@example.org", false).await;
        app.store
            .grant("staff-b@example.org", BEIRUT, StaffRole::Staff)
            .await
            .unwrap();
        common::sign_in(&app, "staff-b@example.org").await
    };
    let staff_letter = format!("/admin/conferences/{BEIRUT}/registrations/{id}/letter.pdf");
    assert_eq!(
        get_as(&app, &staff_letter, Some(&staff)).await.status(),
        403
    );

    // The organisers withdraw it: the address says so, the private link
    // gives no new one, the organisers issue the next.
    common::account(&app, "organiser-b@example.org", false).await;
    app.store
        .grant("organiser-b@example.org", BEIRUT, StaffRole::Organiser)
        .await
        .unwrap();
    let organiser = common::sign_in(&app, "organiser-b@example.org").await;
    let detail = html(
        get_as(
            &app,
            &format!("/admin/conferences/{BEIRUT}/registrations/{id}"),
            Some(&organiser),
        )
        .await,
    )
    .await;
    assert!(detail.contains("BEIRUT-2017-L-0001"), "{detail}");
    let paper = {
        let start = detail.find("/papers/").unwrap() + 8;
        detail[start..start + detail[start..].find('/').unwrap()].to_owned()
    };
    let withdrawn = post_as(
        &app,
        &format!("/admin/conferences/{BEIRUT}/papers/{paper}/withdraw"),
        &organiser,
        &[],
    )
    .await;
    assert_eq!(withdrawn.status(), 303);
    assert!(app.page(&path).await.contains("Withdrawn"));
    let refused = download(&app, &letter).await;
    assert_eq!(refused.status(), 409);
    assert!(html(refused).await.contains("withdrew this letter"));
    let next = get_as(&app, &staff_letter, Some(&organiser)).await;
    assert_eq!(next.status(), 200);
    let next = pdf_text(&next.bytes().await.unwrap());
    assert!(next.contains("BEIRUT-2017-L-0002"), "{next}");
    let audit = app.store.audit_log(BEIRUT, 20).await.unwrap();
    let papers: Vec<&str> = audit
        .iter()
        .filter(|(action, ..)| action.starts_with("paper_"))
        .map(|(action, ..)| action.as_str())
        .collect();
    assert_eq!(
        papers,
        vec!["paper_issued", "paper_withdrawn", "paper_issued"]
    );
}

async fn letters_are_refused_to_who_may_not_have_one(app: TestApp) {
    let organiser = member(&app, "organiser@example.org", StaffRole::Organiser).await;
    let letter =
        |id: i64| format!("/admin/conferences/mechelen-2017/registrations/{id}/letter.pdf");
    // Unverified: the address was never confirmed.
    common::submit(&app.store, "mechelen-2017", "unverified@example.org", true).await;
    let unverified = common::line_of(&app.store, "mechelen-2017", "unverified@example.org")
        .await
        .id;
    // Awaiting approval, then turned down (Beirut).
    let (_, rejected) = beirut_delegate(&app, "rejected@example.org").await;
    app.store
        .decide_registration(
            rejected,
            false,
            None,
            None,
            "http://convene.test",
            chrono::Utc::now(),
        )
        .await
        .unwrap();
    // Confirmed, but asked for no letter.
    common::confirmed(&app.store, "mechelen-2017", "noletter@example.org", false).await;
    let no_letter = common::line_of(&app.store, "mechelen-2017", "noletter@example.org")
        .await
        .id;
    for (id, why) in [
        (unverified, "once the registration is confirmed"),
        (no_letter, "asked for no visa invitation letter"),
    ] {
        let response = get_as(&app, &letter(id), Some(&organiser)).await;
        assert_eq!(response.status(), 409, "{id}");
        assert!(response.text().await.unwrap().contains(why));
    }
    let admin = {
        common::account(&app, "admin@example.org", true).await;
        common::sign_in(&app, "admin@example.org").await
    };
    let response = get_as(
        &app,
        &format!("/admin/conferences/{BEIRUT}/registrations/{rejected}/letter.pdf"),
        Some(&admin),
    )
    .await;
    assert_eq!(response.status(), 409);
    // Nothing was issued.
    assert!(app
        .store
        .audit_log("mechelen-2017", 50)
        .await
        .unwrap()
        .iter()
        .all(|(a, ..)| a != "paper_issued"));
    assert!(app
        .store
        .papers_of(BEIRUT, rejected)
        .await
        .unwrap()
        .is_empty());
}

async fn a_certificate_is_for_who_came_and_is_issued_again(app: TestApp) {
    let token = common::confirmed(&app.store, "mechelen-2017", "came@example.org", false).await;
    let id = common::line_of(&app.store, "mechelen-2017", "came@example.org")
        .await
        .id;
    let certificate = format!("/r/{token}/certificate.pdf");
    let early = download(&app, &certificate).await;
    assert_eq!(early.status(), 409);
    assert!(html(early).await.contains("once you have been checked in"));

    let staff = member(&app, "staff@example.org", StaffRole::Staff).await;
    let now = chrono::Utc::now();
    let desk = post_as(
        &app,
        "/admin/conferences/mechelen-2017/check-in",
        &staff,
        &crate::admin::owned(&[("registration", &id.to_string()), ("desk", "1")]),
    )
    .await;
    assert_eq!(desk.status(), 200);
    let page = app.page(&format!("/r/{token}")).await;
    assert!(page.contains(&certificate), "{page}");
    let text = pdf_text(&pdf(&app, &certificate).await);
    assert!(text.contains("Certificate of attendance"), "{text}");
    assert!(text.contains("Amal Haddad"), "{text}");
    assert!(text.contains("MECHELEN-2017-C-0001"), "{text}");
    let today = convene::i18n::long_date(
        convene::Lang::En,
        convene::VenueZone::parse("Europe/Brussels")
            .unwrap()
            .day_of(now),
    );
    assert!(text.contains(&today), "{today} in {text}");
    // Again, in French: the same certificate, in the delegate's language.
    let french = pdf_text(&pdf(&app, &format!("/fr/r/{token}/certificate.pdf")).await);
    assert!(french.contains("Attestation de participation"), "{french}");
    assert!(french.contains("MECHELEN-2017-C-0001"), "{french}");
    let verified = app.page(&verify_path(&text)).await;
    assert!(verified.contains("Genuine"), "{verified}");
    assert!(verified.contains("Amal Haddad"), "{verified}");
}

async fn eight_downloads_at_once_issue_one_letter(app: TestApp) {
    let (_, id) = beirut_delegate(&app, "amal@example.org").await;
    let token = approve(&app, id, "amal@example.org").await;
    let letter = format!("/r/{token}/letter.pdf");
    let texts = futures::future::join_all((0..8).map(|_| async {
        let response = download(&app, &letter).await;
        assert_eq!(response.status(), 200);
        pdf_text(&response.bytes().await.unwrap())
    }))
    .await;
    assert!(texts.iter().all(|t| t.contains("BEIRUT-2017-L-0001")));
    let papers = app.store.papers_of(BEIRUT, id).await.unwrap();
    assert_eq!(papers.len(), 1, "{papers:?}");
}

async fn a_flood_of_letters_leaves_the_site_answering(app: TestApp) {
    let (_, id) = beirut_delegate(&app, "amal@example.org").await;
    let token = approve(&app, id, "amal@example.org").await;
    let letter = format!("/r/{token}/letter.pdf");
    // Ninety-six at once: each is set in its turn, or refused with 503
    // when too many wait; meanwhile the home page answers.
    let flood = futures::future::join_all(
        (0..96).map(|_| async { download(&app, &letter).await.status().as_u16() }),
    );
    let home = async { app.get("/").await.status().as_u16() };
    let (statuses, home) = tokio::join!(flood, home);
    assert_eq!(home, 200);
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 503),
        "{statuses:?}"
    );
    assert!(statuses.contains(&200));
    assert_eq!(app.store.papers_of(BEIRUT, id).await.unwrap().len(), 1);
}

async fn organisers_word_the_letter_and_delegates_get_it(app: TestApp) {
    let (_, id) = beirut_delegate(&app, "amal@example.org").await;
    let token = approve(&app, id, "amal@example.org").await;
    common::account(&app, "organiser-b@example.org", false).await;
    app.store
        .grant("organiser-b@example.org", BEIRUT, StaffRole::Organiser)
        .await
        .unwrap();
    let organiser = common::sign_in(&app, "organiser-b@example.org").await;
    let list = format!("/admin/conferences/{BEIRUT}/paper-wording");
    let editor = format!("{list}/letter/en");
    let listed = html(get_as(&app, &list, Some(&organiser)).await).await;
    assert!(listed.contains(&editor), "{listed}");
    assert!(listed.contains("/paper-wording/certificate/ar"), "{listed}");

    // The editor starts from the built-in text, placeholders and all, and
    // previews it for an example delegate: never a real passport.
    let page = html(get_as(&app, &editor, Some(&organiser)).await).await;
    assert!(page.contains("has the honour to invite {name}"), "{page}");
    assert!(page.contains("RL0123456"), "{page}");
    assert!(!page.contains("RL1234567"), "{page}");

    let form = |heading: &str, opening: &str, intent: &str| {
        crate::admin::owned(&[
            ("heading", heading),
            ("opening", opening),
            ("closing", "With our regards."),
            ("intent", intent),
        ])
    };
    let opening = "To the Embassy concerned\n\nThe Union for the Mediterranean and {host} invite {name} of {organisation} to {city} for {dates}.";
    // A misspelt placeholder: refused beside its field, as typed, nothing saved.
    let refused = post_as(
        &app,
        &editor,
        &organiser,
        &form("Invitation", "Dear {nmae},", "save"),
    )
    .await;
    assert_eq!(refused.status(), 422);
    let refused = html(refused).await;
    assert!(
        refused.contains("id=\"field-opening-problem\""),
        "{refused}"
    );
    assert!(refused.contains("not one of the placeholders"), "{refused}");
    assert!(refused.contains("Dear {nmae},"), "{refused}");
    let empty = html(post_as(&app, &editor, &organiser, &form("", opening, "save")).await).await;
    assert!(empty.contains("id=\"field-heading-problem\""), "{empty}");
    // Previewed on the page and as a PDF marked "Example": still nothing saved.
    let preview = html(
        post_as(
            &app,
            &editor,
            &organiser,
            &form("Invitation letter", opening, "preview"),
        )
        .await,
    )
    .await;
    assert!(
        preview.contains("The Union for the Mediterranean and Municipality of Beirut, hosted by the Mayor of Beirut, Jamal Itani invite AMAL HADDAD of City of Tyre to Beirut"),
        "{preview}"
    );
    let example = post_as(
        &app,
        &editor,
        &organiser,
        &form("Invitation letter", opening, "pdf"),
    )
    .await;
    assert_eq!(example.headers()["content-type"], "application/pdf");
    let example = pdf_text(&example.bytes().await.unwrap());
    assert!(example.contains("Example"), "{example}");
    assert!(example.contains("Invitation letter"), "{example}");
    assert!(example.contains("RL0123456"), "{example}");
    assert!(app
        .store
        .paper_wording(
            BEIRUT,
            convene::papers::PaperKind::Letter,
            convene::Lang::En
        )
        .await
        .unwrap()
        .is_none());

    // Staff neither see nor change the wording.
    common::account(&app, "staff-b@example.org", false).await;
    app.store
        .grant("staff-b@example.org", BEIRUT, StaffRole::Staff)
        .await
        .unwrap();
    let staff = common::sign_in(&app, "staff-b@example.org").await;
    assert_eq!(get_as(&app, &editor, Some(&staff)).await.status(), 403);
    let denied = post_as(&app, &editor, &staff, &form("Mine", opening, "save")).await;
    assert_eq!(denied.status(), 403);

    let saved = post_as(
        &app,
        &editor,
        &organiser,
        &form("Invitation letter", opening, "save"),
    )
    .await;
    assert_eq!(saved.status(), 303);
    assert!(saved.headers()["location"]
        .to_str()
        .unwrap()
        .ends_with("?saved=1"));
    let listed = html(get_as(&app, &list, Some(&organiser)).await).await;
    assert!(listed.contains("own wording"), "{listed}");

    // The delegate's letter says it, with their own details filled in; the
    // French one keeps the built-in text.
    let text = pdf_text(&pdf(&app, &format!("/r/{token}/letter.pdf")).await);
    for expected in [
        "Invitation letter",
        "The Union for the Mediterranean and",
        "AMAL HADDAD",
        "RL1234567",
        "With our regards.",
        "BEIRUT-2017-L-0001",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    assert!(!text.contains("has the honour"), "{text}");
    assert!(!text.contains("{name}"), "{text}");
    let french = pdf_text(&pdf(&app, &format!("/fr/r/{token}/letter.pdf")).await);
    assert!(french.contains("a l’honneur d’inviter"), "{french}");

    // Back to the built-in text.
    let reset = post_as(&app, &editor, &organiser, &form("", "", "reset")).await;
    assert_eq!(reset.status(), 303);
    let text = pdf_text(&pdf(&app, &format!("/r/{token}/letter.pdf")).await);
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("has the honour to invite"), "{text}");
    let audit = app.store.audit_log(BEIRUT, 20).await.unwrap();
    let changes: Vec<&str> = audit
        .iter()
        .filter(|(action, ..)| action.starts_with("paper_wording"))
        .map(|(action, ..)| action.as_str())
        .collect();
    assert_eq!(changes.len(), 2, "{changes:?}");
}

async fn the_demo_delegates_make_beirut_a_conference_that_happened(app: TestApp) {
    let stored = app.store.seed_demo_delegates().await.unwrap();
    assert_eq!(stored, convene::demo::delegates().len());
    assert_eq!(app.store.seed_demo_delegates().await.unwrap(), 0, "once");
    // Stored by the real steps: the counters agree with a recount, and no
    // message of theirs waits to be sent.
    assert_eq!(app.store.recount().await.unwrap(), Vec::<String>::new());
    assert!(app.store.outbox().await.unwrap().is_empty());
    let lines = app.store.registrations(BEIRUT).await.unwrap();
    let count =
        |status: convene::registration::Status| lines.iter().filter(|l| l.status == status).count();
    use convene::registration::Status;
    assert_eq!(
        (
            count(Status::Confirmed),
            count(Status::AwaitingApproval),
            count(Status::Rejected)
        ),
        (8, 2, 1)
    );
    // Checked in at two desks on both days.
    let counts = app.store.check_in_counts(BEIRUT).await.unwrap();
    let on = |day: &str| {
        let day: chrono::NaiveDate = day.parse().unwrap();
        counts
            .iter()
            .filter(|c| c.day == day)
            .map(|c| c.count)
            .sum::<i64>()
    };
    assert_eq!((on("2017-11-07"), on("2017-11-08")), (6, 4));

    common::account(&app, "organiser-b@example.org", false).await;
    app.store
        .grant("organiser-b@example.org", BEIRUT, StaffRole::Organiser)
        .await
        .unwrap();
    let organiser = common::sign_in(&app, "organiser-b@example.org").await;
    // The approved delegates' badges, Arabic names shaped.
    let badges = get_as(
        &app,
        &format!("/admin/conferences/{BEIRUT}/badges.pdf"),
        Some(&organiser),
    )
    .await;
    assert_eq!(badges.status(), 200);
    let badges = pdf_text(&badges.bytes().await.unwrap());
    for name in ["سامي", "الحلبي", "Inès", "Lucía", "Trabelsi"] {
        assert!(badges.contains(name), "{name} in {badges}");
    }
    assert!(!badges.contains("Dupont"), "turned down: {badges}");

    // The letters of 2017 stand at their verification address, though
    // the passports are gone now, as the privacy notice says.
    let sami = lines
        .iter()
        .find(|l| l.email == "sami.halabi@demo.example.org")
        .unwrap();
    let papers = app.store.papers_of(BEIRUT, sami.id).await.unwrap();
    assert_eq!(papers.len(), 1, "{papers:?}");
    let verified = app
        .page(&convene::paths::verify_paper(papers[0].verify.as_str()))
        .await;
    assert!(verified.contains("Genuine"), "{verified}");
    assert!(verified.contains("SAMI AL HALABI"), "{verified}");
    let deleted = app
        .store
        .forget_passports(
            convene::registration::PassportRetention { days: 30 },
            chrono::Utc::now().date_naive(),
        )
        .await
        .unwrap();
    assert_eq!(deleted, 3);
    let letter = get_as(
        &app,
        &format!(
            "/admin/conferences/{BEIRUT}/registrations/{}/letter.pdf",
            sami.id
        ),
        Some(&organiser),
    )
    .await;
    assert_eq!(letter.status(), 409);
    assert!(letter
        .text()
        .await
        .unwrap()
        .contains("deleted after the conference"));
    assert!(app
        .page(&convene::paths::verify_paper(papers[0].verify.as_str()))
        .await
        .contains("Genuine"));
    // A certificate of the two days for who came.
    let rania = lines
        .iter()
        .find(|l| l.email == "rania.khoury@demo.example.org")
        .unwrap();
    let certificate = get_as(
        &app,
        &format!(
            "/admin/conferences/{BEIRUT}/registrations/{}/certificate.pdf",
            rania.id
        ),
        Some(&organiser),
    )
    .await;
    assert_eq!(certificate.status(), 200);
    let certificate = pdf_text(&certificate.bytes().await.unwrap());
    let words = certificate.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("Tuesday 7 November 2017; Wednesday 8 November 2017"),
        "{certificate}"
    );
}
