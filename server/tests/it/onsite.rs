//! At the venue, on SQLite and PostgreSQL: a confirmed delegate's pass
//! (on the private link's page, and in the confirmation read from a real
//! SMTP server, its QR decoded by zbarimg), the check-in desk (a scan, a
//! search, undo, refusals), desks racing each other and a cancel, and the
//! badges read back by pdftotext, pdfinfo and zbarimg.

use crate::admin::member;
use crate::common::pdf::pdf_tool;
use crate::common::smtp::SmtpServer;
use crate::common::{self, html, Inspect, TestApp};
use convene::account::StaffRole;
use convene::registration::RegistrationForm;
use convene::store::Store;
use convene_server::mail::{deliver_due, parse_from, Mailer};

// Links are read from the outbox: no mail worker takes them out first.
on_both_backends_without_mail!(
    a_confirmed_delegate_is_let_in_once_a_day_with_their_pass,
    the_desk_finds_people_by_name_and_refuses_who_may_not_enter,
    twenty_desks_scanning_at_once_count_each_delegate_once,
    a_check_in_racing_a_cancel_counts_only_if_it_came_first,
    badges_are_printed_for_the_confirmed_of_a_selection,
    organisers_set_the_colours_of_the_badges,
);

on_both_stores!(the_confirmation_carries_the_pass_as_a_qr_code,);

const MECHELEN: &str = "mechelen-2017";
const DESK: &str = "/admin/conferences/mechelen-2017/check-in";

/// A delegate registered at `conference` and confirmed: their private
/// link's token and their registration's id.
async fn delegate(store: &Store, conference: &str, form: RegistrationForm) -> (String, i64) {
    let email = form.email.clone();
    let r = common::registration(form);
    let base = "http://convene.test";
    let now = chrono::Utc::now();
    store
        .submit_registration(conference, &r, None, convene::Lang::En, base, now)
        .await
        .unwrap();
    let (_, token) = common::last_link(store, &email).await;
    store.verify_registration(&token, base, now).await.unwrap();
    let token = common::last_link(store, &email).await.1;
    let id = common::line_of(store, conference, &email).await.id;
    (token, id)
}

fn person(given: &str, family: &str, email: &str, organisation: &str) -> RegistrationForm {
    RegistrationForm {
        given_name: given.into(),
        family_name: family.into(),
        email: email.into(),
        organisation: organisation.into(),
        city: "Mechelen".into(),
        country: "BE".into(),
        category: "civil_society".into(),
        ..Default::default()
    }
}

async fn pass_of(app: &TestApp, id: i64) -> String {
    app.store.pass_code_of(id).await.unwrap().expect("a pass")
}

/// A scan at desk `desk`: the page it answers.
async fn scan(app: &TestApp, cookie: &str, typed: &str, desk: &str) -> String {
    let response = crate::admin::post_as(
        app,
        DESK,
        cookie,
        &crate::admin::owned(&[("code", typed), ("desk", desk)]),
    )
    .await;
    assert_eq!(response.status(), 200, "a scan of {typed:?}");
    html(response).await
}

/// The answer's kind on a desk's page: admit, already, refuse or undone.
fn answer(page: &str) -> &str {
    let start = page.find("data-answer=\"").expect("an answer") + 13;
    &page[start..start + page[start..].find('"').unwrap()]
}

/// The number of today's check-ins the desk shows.
fn today(page: &str) -> i64 {
    let start = page.find("data-today=\"").expect("today's count") + 12;
    page[start..start + page[start..].find('"').unwrap()]
        .parse()
        .unwrap()
}

async fn a_confirmed_delegate_is_let_in_once_a_day_with_their_pass(app: TestApp) {
    let staff = member(&app, "staff@example.org", StaffRole::Staff).await;
    let (token, id) = delegate(
        &app.store,
        MECHELEN,
        RegistrationForm {
            interpretation: true,
            dietary: "Vegetarian".into(),
            ..person(
                "Amal",
                "Haddad",
                "amal@example.org",
                "Municipality of Beirut",
            )
        },
    )
    .await;
    let code = pass_of(&app, id).await;
    let grouped = format!("{}-{}-{}", &code[..4], &code[4..8], &code[8..]);

    // The private link shows the pass: its QR and its code in text.
    let link = app.page(&format!("/r/{token}")).await;
    assert!(link.contains(&grouped), "{link}");
    assert!(link.contains("class=\"pass-qr\""), "{link}");
    assert!(link.contains("<svg"), "the QR is drawn in the page");

    // Scanned (however it is typed) at desk 2: let in, with their needs.
    let page = scan(&app, &staff, &grouped.to_lowercase().replace('-', " "), "2").await;
    assert_eq!(answer(&page), "admit", "{page}");
    assert!(page.contains("Amal") && page.contains("Haddad"), "{page}");
    assert!(page.contains("at desk 2"), "{page}");
    assert!(page.contains("Needs interpretation"), "{page}");
    assert!(page.contains("Vegetarian"), "{page}");
    assert_eq!(today(&page), 1);

    // Again at desk 3: already in, at desk 2, and still counted once.
    let again = scan(&app, &staff, &code, "3").await;
    assert_eq!(answer(&again), "already", "{again}");
    assert!(again.contains("at desk 2"), "{again}");
    assert_eq!(today(&again), 1);

    // Undone: no longer counted; the row is kept, marked.
    let check_in = {
        let start = again.find("name=\"check_in\" value=\"").unwrap() + 23;
        again[start..start + again[start..].find('"').unwrap()].to_owned()
    };
    let undone = crate::admin::post_as(
        &app,
        &format!("{DESK}/undo"),
        &staff,
        &crate::admin::owned(&[("check_in", &check_in), ("desk", "3")]),
    )
    .await;
    assert_eq!(undone.status(), 200);
    let undone = html(undone).await;
    assert_eq!(answer(&undone), "undone", "{undone}");
    assert_eq!(today(&undone), 0);
    // Undone twice: there is nothing standing to undo.
    let twice = crate::admin::post_as(
        &app,
        &format!("{DESK}/undo"),
        &staff,
        &crate::admin::owned(&[("check_in", &check_in)]),
    )
    .await;
    assert_eq!(twice.status(), 404);

    // In again: a new check-in, counted once more.
    let back = scan(&app, &staff, &code, "3").await;
    assert_eq!(answer(&back), "admit", "{back}");
    let rows = app.store.check_in_rows().await.unwrap();
    assert_eq!(
        rows,
        vec![(id, "2".to_owned(), true), (id, "3".to_owned(), false)]
    );

    // The conference's page counts them; the export lists them.
    let dashboard = crate::admin::get_as(
        &app,
        "/admin/conferences/mechelen-2017",
        Some(staff.as_str()),
    )
    .await;
    let dashboard = html(dashboard).await;
    assert!(
        dashboard.contains("<td class=\"total\">1</td>"),
        "{dashboard}"
    );
    let csv = crate::admin::get_as(
        &app,
        "/admin/conferences/mechelen-2017/registrations.csv",
        Some(staff.as_str()),
    )
    .await
    .text()
    .await
    .unwrap();
    assert!(
        csv.lines().next().unwrap().ends_with(",\"checked_in\""),
        "{csv}"
    );
    assert!(csv.contains("(desk 3)"), "{csv}");
    assert!(
        !csv.contains("(desk 2)"),
        "an undone check-in is not exported"
    );

    // An editor is no desk staff.
    let editor = member(&app, "editor@example.org", StaffRole::Editor).await;
    let refused = crate::admin::get_as(&app, DESK, Some(editor.as_str())).await;
    assert_eq!(refused.status(), 403);
}

async fn the_desk_finds_people_by_name_and_refuses_who_may_not_enter(app: TestApp) {
    let staff = member(&app, "staff@example.org", StaffRole::Staff).await;
    let (_, zoe) = delegate(
        &app.store,
        MECHELEN,
        person("Zoë", "Peeters", "zoe@example.org", "Stad Mechelen"),
    )
    .await;
    // A name is searched (accents aside), and the search's button lets in.
    let response = crate::admin::post_as(
        &app,
        DESK,
        &staff,
        &crate::admin::owned(&[("code", "zoe pee"), ("desk", "Entrance B")]),
    )
    .await;
    assert_eq!(response.status(), 303);
    let to = response.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(
        to,
        "/admin/conferences/mechelen-2017/check-in?q=zoe+pee&desk=Entrance+B"
    );
    let found = html(crate::admin::get_as(&app, &to, Some(staff.as_str())).await).await;
    assert!(
        found.contains(&format!("data-registration=\"{zoe}\"")),
        "{found}"
    );
    assert!(
        found.contains("value=\"Entrance B\""),
        "the desk's name is kept"
    );
    let page = html(
        crate::admin::post_as(
            &app,
            DESK,
            &staff,
            &crate::admin::owned(&[("registration", &zoe.to_string()), ("desk", "Entrance B")]),
        )
        .await,
    )
    .await;
    assert_eq!(answer(&page), "admit", "{page}");
    assert!(page.contains("Zoë"), "{page}");
    let nobody = html(
        crate::admin::get_as(&app, &format!("{DESK}?q=nobody-here"), Some(staff.as_str())).await,
    )
    .await;
    assert!(nobody.contains("Nobody’s name"), "{nobody}");

    // A cancelled registration's pass is refused.
    let (token, cancelled) = delegate(
        &app.store,
        MECHELEN,
        person("Jan", "Janssens", "jan@example.org", "Stad Gent"),
    )
    .await;
    let code = pass_of(&app, cancelled).await;
    let cancel = app
        .client
        .post(app.url(&format!("/r/{token}/cancel")))
        .header("sec-fetch-site", "same-origin")
        .header("origin", app.base.as_str())
        .send()
        .await
        .unwrap();
    assert!(cancel.status().is_success() || cancel.status().is_redirection());
    let page = scan(&app, &staff, &code, "1").await;
    assert_eq!(answer(&page), "refuse", "{page}");
    assert!(page.contains("Do not let in"), "{page}");
    assert!(page.contains("Janssens"), "the desk says whose pass it is");
    // A pass of another conference, and a code nobody has: unknown.
    let (_, beirut) = delegate(
        &app.store,
        "beirut-2017",
        person(
            "Rana",
            "Khoury",
            "rana@example.org",
            "Municipality of Byblos",
        ),
    )
    .await;
    let elsewhere = pass_of(&app, beirut).await;
    for code in [elsewhere.as_str(), "0000-0000-0000"] {
        let page = scan(&app, &staff, code, "1").await;
        assert_eq!(answer(&page), "refuse", "{page}");
        assert!(page.contains("Unknown pass"), "{page}");
    }
    // Nobody was let in but Zoë.
    let rows = app.store.check_in_rows().await.unwrap();
    assert_eq!(rows, vec![(zoe, "Entrance B".to_owned(), false)]);
}

async fn twenty_desks_scanning_at_once_count_each_delegate_once(app: TestApp) {
    let staff = member(&app, "staff@example.org", StaffRole::Staff).await;
    let mut codes = vec![];
    for i in 0..4 {
        let email = format!("d{i}@example.org");
        let (_, id) = delegate(
            &app.store,
            MECHELEN,
            person("Delegate", &format!("Number {i}"), &email, "City"),
        )
        .await;
        codes.push((id, pass_of(&app, id).await));
    }
    // Twenty desks, each scanning all four at once (eighty posts in flight).
    let scans = (0..20).flat_map(|desk| codes.iter().map(move |(_, code)| (desk, code.clone())));
    let answers = futures::future::join_all(scans.map(|(desk, code)| {
        let app = &app;
        let staff = staff.clone();
        async move { answer(&scan(app, &staff, &code, &desk.to_string()).await).to_owned() }
    }))
    .await;
    assert_eq!(answers.iter().filter(|a| *a == "admit").count(), 4);
    assert_eq!(answers.iter().filter(|a| *a == "already").count(), 76);
    // A recount: one standing row each, and the counts say four.
    let rows = app.store.check_in_rows().await.unwrap();
    assert_eq!(rows.len(), 4);
    for (id, _) in &codes {
        assert_eq!(rows.iter().filter(|(r, _, _)| r == id).count(), 1);
    }
    let counted: i64 = (app.store.check_in_counts(MECHELEN).await.unwrap())
        .iter()
        .map(|n| n.count)
        .sum();
    assert_eq!(counted, 4);
}

async fn a_check_in_racing_a_cancel_counts_only_if_it_came_first(app: TestApp) {
    let staff = member(&app, "staff@example.org", StaffRole::Staff).await;
    let mut admitted = 0;
    for i in 0..6 {
        let email = format!("racer{i}@example.org");
        let (token, id) = delegate(
            &app.store,
            MECHELEN,
            person("Racer", &format!("Number {i}"), &email, "City"),
        )
        .await;
        let code = pass_of(&app, id).await;
        let cancel = async {
            app.client
                .post(app.url(&format!("/r/{token}/cancel")))
                .header("sec-fetch-site", "same-origin")
                .header("origin", app.base.as_str())
                .send()
                .await
                .unwrap()
                .status()
        };
        let (page, cancelled) = tokio::join!(scan(&app, &staff, &code, "1"), cancel);
        assert!(cancelled.is_success() || cancelled.is_redirection());
        match answer(&page) {
            "admit" => admitted += 1,
            "refuse" => assert!(page.contains("Do not let in"), "{page}"),
            other => panic!("{other}: {page}"),
        }
        // Either way the registration ends cancelled, and a later scan is
        // refused.
        assert_eq!(answer(&scan(&app, &staff, &code, "1").await), "refuse");
    }
    let standing = app
        .store
        .check_in_rows()
        .await
        .unwrap()
        .into_iter()
        .filter(|(_, _, undone)| !undone)
        .count();
    assert_eq!(
        standing, admitted,
        "a check-in stands only if it was let in"
    );
}

/// The page count pdfinfo reads.
fn pages(pdf: &[u8]) -> usize {
    let info = pdf_tool("pdfinfo", pdf, &[]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("{info}"))
}

/// The QR codes zbarimg finds on the first page of a PDF, drawn by
/// pdftoppm as a printer would.
pub(crate) fn qr_codes_on_first_page(pdf: &[u8]) -> Vec<String> {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("badges.pdf");
    std::fs::write(&file, pdf).unwrap();
    let page = folder.path().join("page");
    let drawn = std::process::Command::new("pdftoppm")
        .args(["-r", "200", "-png", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&file)
        .arg(&page)
        .status()
        .expect("pdftoppm (poppler-utils)");
    assert!(drawn.success());
    zbar(&folder.path().join("page.png"))
}

/// What zbarimg (zbar-tools, scripts/setup --test) reads in a picture.
fn zbar(picture: &std::path::Path) -> Vec<String> {
    let out = std::process::Command::new("zbarimg")
        .args(["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable"])
        .arg(picture)
        .output()
        .expect("zbarimg (zbar-tools, scripts/setup --test)");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

async fn badges_are_printed_for_the_confirmed_of_a_selection(app: TestApp) {
    let staff = member(&app, "staff@example.org", StaffRole::Staff).await;
    let (_, amal) = delegate(
        &app.store,
        MECHELEN,
        person(
            "Amal",
            "Haddad",
            "amal@example.org",
            "Municipality of Beirut",
        ),
    )
    .await;
    delegate(
        &app.store,
        MECHELEN,
        person("أمل", "حداد", "amal.ar@example.org", "بلدية بيروت"),
    )
    .await;
    let long =
        "Association internationale des maires francophones pour la coopération décentralisée";
    delegate(
        &app.store,
        MECHELEN,
        person(
            "Éloïse",
            "Van den Broucke-Delacroix",
            "eloise@example.org",
            long,
        ),
    )
    .await;
    // Registered, address not confirmed: no badge.
    common::submit(&app.store, MECHELEN, "unverified@example.org", false).await;

    let get = |query: &'static str| {
        let app = &app;
        let staff = staff.clone();
        async move {
            let response = crate::admin::get_as(
                app,
                &format!("/admin/conferences/mechelen-2017/badges.pdf{query}"),
                Some(staff.as_str()),
            )
            .await;
            assert_eq!(response.status(), 200, "{query}");
            assert_eq!(response.headers()["content-type"], "application/pdf");
            response.bytes().await.unwrap().to_vec()
        }
    };
    // A6: one badge a page, for the three confirmed.
    let a6 = get("").await;
    assert_eq!(pages(&a6), 3);
    let info = pdf_tool("pdfinfo", &a6, &[]);
    assert!(info.contains("297.638 x 419.528 pts"), "A6: {info}");
    assert!(!info.contains("Typst"), "{info}");
    let text = pdf_tool("pdftotext", &a6, &[]);
    for name in [
        "Amal",
        "Haddad",
        "Éloïse",
        "Van den Broucke-Delacroix",
        "Civil society",
    ] {
        assert!(text.contains(name), "{name} in {text}");
    }
    // Arabic, shaped and read back in logical order.
    assert!(text.contains("أمل"), "{text}");
    assert!(text.contains("حداد"), "{text}");
    assert!(text.contains("بلدية بيروت"), "{text}");
    assert!(!text.contains("Delegate"), "the unconfirmed have no badge");
    // The long organisation shrank to fit: every word of it inside the page.
    let boxes = pdf_tool("pdftotext", &a6, &["-bbox"]);
    for line in boxes
        .lines()
        .filter(|l| l.contains("<word") && l.contains("décentralisée"))
    {
        let x_max: f64 = line
            .split("xMax=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap()
            .parse()
            .unwrap();
        assert!(x_max < 297.6, "{line}");
    }
    assert!(boxes.contains("décentralisée"), "{boxes}");
    // Amal's badge alone (the table's search): its QR reads back as her
    // pass, which the desk accepts.
    let hers = get("?q=amal%40example.org").await;
    assert_eq!(pages(&hers), 1);
    let codes = qr_codes_on_first_page(&hers);
    assert_eq!(codes, vec![pass_of(&app, amal).await]);
    assert_eq!(answer(&scan(&app, &staff, &codes[0], "1").await), "admit");

    // A4: four to a sheet.
    let a4 = get("?sheet=a4").await;
    assert_eq!(pages(&a4), 1);
    let info = pdf_tool("pdfinfo", &a4, &[]);
    assert!(info.contains("595.276 x 841.89 pts"), "A4: {info}");
    assert_eq!(qr_codes_on_first_page(&a4).len(), 3);

    // The table's filter picks: only the Arabic name's badge.
    let one = get("?q=%D8%AD%D8%AF%D8%A7%D8%AF").await;
    assert_eq!(pages(&one), 1);
    // A selection of nobody confirmed: nothing to print.
    let none = crate::admin::get_as(
        &app,
        "/admin/conferences/mechelen-2017/badges.pdf?q=unverified",
        Some(staff.as_str()),
    )
    .await;
    assert_eq!(none.status(), 404);
}

async fn the_confirmation_carries_the_pass_as_a_qr_code(store: Store) {
    let smtp = SmtpServer::start();
    let mailer = Mailer::new(Some(&smtp.url()), std::env::temp_dir()).unwrap();
    let from = parse_from("Convene <convene@localhost>").unwrap();
    let (_, id) = delegate(
        &store,
        MECHELEN,
        person("Amal", "Haddad", "amal@example.org", "City"),
    )
    .await;
    let code = store.pass_code_of(id).await.unwrap().unwrap();
    // The verification, then the confirmation.
    assert_eq!(
        deliver_due(&store, &mailer, &from, chrono::Utc::now()).await,
        2
    );
    let messages = smtp.messages();
    let confirmation = messages
        .iter()
        .find(|m| m.contains("image/png"))
        .expect("a message with the pass");
    let parsed = mailparse::parse_mail(confirmation.as_bytes()).unwrap();
    let mut parts = vec![&parsed];
    let mut all = vec![];
    while let Some(part) = parts.pop() {
        all.push(part);
        parts.extend(part.subparts.iter());
    }
    let text = all
        .iter()
        .find(|p| p.ctype.mimetype == "text/plain")
        .unwrap()
        .get_body()
        .unwrap();
    let grouped = format!("{}-{}-{}", &code[..4], &code[4..8], &code[8..]);
    assert!(text.contains(&grouped), "{text}");
    let html_part = all
        .iter()
        .find(|p| p.ctype.mimetype == "text/html")
        .unwrap()
        .get_body()
        .unwrap();
    assert!(html_part.contains("src=\"cid:pass-qr\""), "{html_part}");
    let png = all
        .iter()
        .find(|p| p.ctype.mimetype == "image/png")
        .unwrap();
    let content_id = png
        .headers
        .iter()
        .find(|h| h.get_key().eq_ignore_ascii_case("Content-ID"))
        .unwrap()
        .get_value();
    assert_eq!(content_id, "<pass-qr>");
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("pass.png");
    std::fs::write(&file, png.get_body_raw().unwrap()).unwrap();
    assert_eq!(zbar(&file), vec![code]);
}

/// The colour pdftoppm draws at (`x`, `y`) points of a PDF's first page.
fn colour_at(pdf: &[u8], x: u32, y: u32) -> [u8; 3] {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("badge.pdf");
    std::fs::write(&file, pdf).unwrap();
    let page = folder.path().join("page");
    let drawn = std::process::Command::new("pdftoppm")
        .args(["-r", "72", "-png", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&file)
        .arg(&page)
        .status()
        .expect("pdftoppm (poppler-utils)");
    assert!(drawn.success());
    let picture = image::open(folder.path().join("page.png"))
        .unwrap()
        .to_rgb8();
    picture.get_pixel(x, y).0
}

async fn organisers_set_the_colours_of_the_badges(app: TestApp) {
    let organiser = member(&app, "organiser@example.org", StaffRole::Organiser).await;
    let page = "/admin/conferences/mechelen-2017/badge-colours";
    let mut form: Vec<(String, String)> = convene::registration::Category::ALL
        .iter()
        .map(|c| {
            (
                format!("colour-{}", c.code()),
                convene::onsite::default_colour(*c).to_owned(),
            )
        })
        .collect();
    // Civil society in gold; one colour mistyped: nothing is saved, the
    // problem is beside its field, and what was typed stays.
    form[4].1 = "#ffd700".into();
    form[5].1 = "green".into();
    let refused = crate::admin::post_as(&app, page, &organiser, &form).await;
    assert_eq!(refused.status(), 422);
    let refused = html(refused).await;
    assert!(
        refused.contains("id=\"colour-academia-problem\""),
        "{refused}"
    );
    assert!(refused.contains("for example #1F5FA8"), "{refused}");
    assert!(refused.contains("value=\"green\""), "{refused}");
    assert!(refused.contains("value=\"#ffd700\""), "{refused}");
    assert_eq!(
        app.store.badge_colours(MECHELEN).await.unwrap(),
        convene::onsite::BadgeColours::default()
    );
    form[5].1 = "#2E7D32".into();
    let saved = crate::admin::post_as(&app, page, &organiser, &form).await;
    assert_eq!(saved.status(), 200);
    assert!(html(saved).await.contains("The colours are saved"));
    // Staff print badges; they do not choose colours.
    let staff = member(&app, "staff@example.org", StaffRole::Staff).await;
    assert_eq!(
        crate::admin::get_as(&app, page, Some(staff.as_str()))
            .await
            .status(),
        403
    );
    // The band of a civil-society badge prints in gold.
    delegate(
        &app.store,
        MECHELEN,
        person("Amal", "Haddad", "amal@example.org", "City"),
    )
    .await;
    let badge = crate::admin::get_as(
        &app,
        "/admin/conferences/mechelen-2017/badges.pdf",
        Some(staff.as_str()),
    )
    .await
    .bytes()
    .await
    .unwrap();
    // A6 at 72 dpi is 298 × 420 pixels; the band is the bottom 17 mm.
    assert_eq!(colour_at(&badge, 20, 410), [255, 215, 0]);
    let audit = app.store.audit_log(MECHELEN, 5).await.unwrap();
    assert!(audit
        .iter()
        .any(|(action, ..)| action == "badge_colours_changed"));
}
