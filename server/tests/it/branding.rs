//! A conference's face: banner, logo, accent colour, hosts' and partners'
//! links and logos, as organisers set them and the public pages show them.

use crate::admin::{get_as, member};
use crate::common::{self, TestApp};
use convene::account::StaffRole;
use convene::pictures::samples::jpeg;
use reqwest::multipart::{Form, Part};

on_both_backends!(
    an_organiser_gives_the_conference_its_face,
    a_wrong_face_is_refused_beside_its_fields_and_nothing_is_kept,
);

const FACE: &str = "/admin/conferences/mechelen-2017/face";

const LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><rect width="120" height="40" rx="6" fill="#8A1538"/></svg>"##;

fn file(bytes: Vec<u8>, name: &str) -> Part {
    Part::bytes(bytes).file_name(name.to_owned())
}

/// A 300 × 100 PNG, half transparent: a partner's logo.
fn partner_logo() -> Vec<u8> {
    let image = image::RgbaImage::from_fn(300, 100, |x, _| {
        if x < 150 {
            image::Rgba([0, 90, 160, 255])
        } else {
            image::Rgba([0, 0, 0, 0])
        }
    });
    let mut out = std::io::Cursor::new(vec![]);
    image.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

async fn an_organiser_gives_the_conference_its_face(app: TestApp) {
    let organiser = member(&app, "organiser-a@example.org", StaffRole::Organiser).await;
    let staff = member(&app, "staff-a@example.org", StaffRole::Staff).await;
    let form = || {
        Form::new()
            .text("accent", "#1F5F3A")
            .text("banner_alt_en", "The Lamot centre by the river")
            .text("banner_alt_fr", "Le centre Lamot au bord de la rivière")
            .text("org_url_1", "https://www.mechelen.be/")
            .part("banner", file(jpeg(1500, 600), "banner.jpg"))
            .part("logo", file(LOGO.as_bytes().to_vec(), "logo.svg"))
            .part("org_logo_3", file(partner_logo(), "un-habitat.png"))
    };
    // Staff may not (sent without files: turned away before the body is
    // read, the files' bytes would still be on their way).
    let denied = common::send_form(&app, FACE, &staff, Form::new().text("accent", "#1F5F3A")).await;
    assert_eq!(denied.status(), 403);
    let saved = common::send_form(&app, FACE, &organiser, form()).await;
    assert_eq!(saved.status(), 303, "{}", common::html(saved).await);

    let page = app.page("/conferences/mechelen-2017").await;
    // The banner across the top, in WebP and JPEG at every size it has.
    assert!(
        page.contains(r#"alt="The Lamot centre by the river""#),
        "{page}"
    );
    for size in ["480w", "960w", "1440w"] {
        assert!(page.contains(&format!(".webp {size}")), "{size}");
    }
    assert!(
        !page.contains("1920w"),
        "the banner was 1500 wide: no larger size is made"
    );
    // The logo by the title, as it was sent, and the colour.
    let masthead = page.split(r#"class="masthead""#).nth(1).unwrap();
    let masthead = &masthead[..masthead.find("</header>").unwrap()];
    assert!(
        masthead.contains(".svg\"")
            && masthead.contains("Global Conference on Cities and Migration")
    );
    assert!(page.contains(r#"style="--accent: #1F5F3A"#), "{page}");
    // The City of Mechelen links to its site; UN-Habitat shows its logo,
    // transparent (a PNG fallback).
    assert!(page.contains(r#"href="https://www.mechelen.be/""#));
    assert!(
        page.contains(".png 144w") || page.contains(".png 288w"),
        "{page}"
    );
    // The agenda and the home page carry the colour and the logo too.
    let agenda = app.page("/conferences/mechelen-2017/agenda").await;
    assert!(agenda.contains(r#"style="--accent: #1F5F3A"#));
    let home = app.page("/").await;
    assert!(home.contains(r#"style="--accent: #1F5F3A"#));
    // The files are what the page says: the largest banner is 1440 × 480.
    let at = page.find(".webp 1440w").unwrap();
    let start = page[..at].rfind("/files/").unwrap();
    let banner = app.get(&format!("{}.webp", &page[start..at])).await;
    assert_eq!(banner.headers()["content-type"], "image/webp");
    let decoded = image::load_from_memory(&banner.bytes().await.unwrap()).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (1440, 480));

    // Taken away again, the banner goes, the rest stays.
    let removed = common::send_form(
        &app,
        FACE,
        &organiser,
        Form::new()
            .text("accent", "#1F5F3A")
            .text("remove_banner", "on")
            .text("org_url_1", "https://www.mechelen.be/"),
    )
    .await;
    assert_eq!(removed.status(), 303);
    let agenda = app.store.agenda("mechelen-2017").await.unwrap().unwrap();
    let face = &agenda.conference.face;
    assert!(face.banner.is_none() && face.logo.is_some());
    assert!(face.of("UN-Habitat").unwrap().logo.is_some());
    let audit = app.store.audit_log("mechelen-2017", 20).await.unwrap();
    assert_eq!(
        audit
            .iter()
            .filter(|(a, _, _, _)| a == "face_changed")
            .count(),
        2
    );
}

async fn a_wrong_face_is_refused_beside_its_fields_and_nothing_is_kept(app: TestApp) {
    let organiser = member(&app, "organiser-a@example.org", StaffRole::Organiser).await;
    let before = app
        .store
        .agenda("mechelen-2017")
        .await
        .unwrap()
        .unwrap()
        .conference
        .face;
    let hostile = r#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
    let cases = [
        (
            Form::new().text("accent", "#FFD700"),
            "field-accent",
            "too light",
        ),
        (
            Form::new().part("banner", file(jpeg(800, 300), "small.jpg")),
            "field-banner",
            "at least 960 × 320 pixels",
        ),
        (
            Form::new().part("logo", file(hostile.as_bytes().to_vec(), "logo.svg")),
            "field-logo",
            "carries a script",
        ),
        (
            Form::new().text("org_url_2", "iom.int"),
            "field-org-url-2",
            "starting with https://",
        ),
    ];
    for (form, field, message) in cases {
        let refused = common::send_form(&app, FACE, &organiser, form).await;
        assert_eq!(refused.status(), 422, "{field}");
        let page = common::html(refused).await;
        assert!(
            page.contains(&format!(r#"id="{field}-problem""#)),
            "{field}: {page}"
        );
        assert!(page.contains(message), "{field}: {message}");
    }
    let after = app
        .store
        .agenda("mechelen-2017")
        .await
        .unwrap()
        .unwrap()
        .conference
        .face;
    assert_eq!(after, before, "nothing was kept");
    // The form shows the face's fields for the settings' hosts and partners.
    let form = common::html(get_as(&app, FACE, Some(&organiser)).await).await;
    assert!(form.contains("UN-Habitat") && form.contains(r#"name="org_logo_4""#));
}

/// Eight organisers save the face at once, each with another colour and
/// another partner's logo, on PostgreSQL behind two instances: each save
/// lands in turn, the colour is one of theirs, and every logo a save sent
/// for a partner no later save touched is there, served by both.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_face_saves_race_on_two_instances() {
    let url = common::fresh_postgres_database().await;
    let first = common::spawn_on(url.clone()).await;
    let second = common::spawn_on(url).await;
    let organiser = member(&first, "organiser-a@example.org", StaffRole::Organiser).await;
    let accents = [
        "#0B5CAD", "#8A1538", "#1F5F3A", "#5B2C83", "#7A3E00", "#2F4F4F", "#003F7F", "#6B0F1A",
    ];
    let saves = accents.iter().enumerate().map(|(i, accent)| {
        let (app, organiser) = (
            if i.is_multiple_of(2) { &first } else { &second },
            organiser.clone(),
        );
        async move {
            // Each sends a logo for partner i % 5, and keeps the others.
            let form = Form::new().text("accent", accent.to_string()).part(
                format!("org_logo_{}", i % 5),
                file(partner_logo(), "logo.png"),
            );
            common::send_form(app, FACE, &organiser, form)
                .await
                .status()
        }
    });
    let statuses = futures::future::join_all(saves).await;
    assert!(statuses.iter().all(|s| *s == 303), "{statuses:?}");
    let face = first
        .store
        .agenda("mechelen-2017")
        .await
        .unwrap()
        .unwrap()
        .conference
        .face;
    assert!(accents.contains(&face.accent.as_deref().unwrap()));
    // No save lost another's: each of the five has the logo sent for it
    // (the demo's were drawn monograms, SVG).
    let sent =
        convene::pictures::make::make(&partner_logo(), convene::pictures::Shape::Logo).unwrap();
    let names = first
        .store
        .agenda("mechelen-2017")
        .await
        .unwrap()
        .unwrap()
        .conference
        .organisations();
    assert_eq!(names.len(), 5);
    for name in &names {
        let logo = face
            .of(name)
            .and_then(|o| o.logo.as_ref())
            .unwrap_or_else(|| panic!("{name}"));
        assert_eq!(logo.variants, sent.picture.variants, "{name}");
        for variant in &logo.variants {
            assert_eq!(second.get(&variant.path()).await.status(), 200);
        }
    }
    let audit = first.store.audit_log("mechelen-2017", 50).await.unwrap();
    assert_eq!(
        audit
            .iter()
            .filter(|(a, _, _, _)| a == "face_changed")
            .count(),
        8
    );
}
