//! Embeds: framable by any site on their own routes only (every other page
//! keeps `frame-ancestors 'none'`), no script, the parent's language by
//! `?lang=`, nothing remembered, links out of the frame.

use crate::common::{Inspect, TestApp};

on_both_backends!(embeds_are_framable_on_their_routes_only);

fn frame_ancestors(response: &reqwest::Response) -> String {
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    policy
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("frame-ancestors"))
        .unwrap_or_default()
        .to_owned()
}

async fn embeds_are_framable_on_their_routes_only(app: TestApp) {
    let embed = app
        .get("/embed/conferences/mechelen-2017/agenda?lang=fr")
        .await;
    assert_eq!(embed.status(), 200);
    assert_eq!(frame_ancestors(&embed), "frame-ancestors *");
    assert!(
        embed.headers().get("set-cookie").is_none(),
        "nothing remembered"
    );
    let page = crate::common::html(embed).await;
    assert!(page.contains(r#"<html lang="fr" dir="ltr">"#));
    assert!(
        !page.contains("/pkg/convene.js")
            && !page.contains("modulepreload")
            && !page.contains(".wasm"),
        "no script of ours loads in another site's page"
    );
    assert!(page.contains("Atelier"), "French titles: {page}");
    assert!(page.contains(
        r#"href="/fr/conferences/mechelen-2017/sessions/opening-ceremony" target="_blank" rel="noopener""#
    ));
    let arabic = app
        .page("/embed/conferences/mechelen-2017/agenda?lang=ar")
        .await;
    assert!(arabic.contains(r#"<html lang="ar" dir="rtl">"#));

    // Every other page may not be framed.
    for path in [
        "/conferences/mechelen-2017/agenda",
        "/conferences/mechelen-2017",
        "/",
        "/admin/sign-in",
        "/conferences/mechelen-2017/register",
    ] {
        let response = app.get(path).await;
        assert_eq!(
            frame_ancestors(&response),
            "frame-ancestors 'none'",
            "{path}"
        );
    }
    // A kept copy of the embed is framable too, and a page kept is not.
    let again = app
        .get("/embed/conferences/mechelen-2017/agenda?lang=fr")
        .await;
    assert_eq!(frame_ancestors(&again), "frame-ancestors *");
    let agenda = app.get("/conferences/mechelen-2017/agenda").await;
    assert_eq!(frame_ancestors(&agenda), "frame-ancestors 'none'");

    // Upcoming conferences of a topic: none while both are in 2017, one
    // once Mechelen moves to next year.
    let none = app.page("/embed/topics/migration/upcoming?lang=en").await;
    assert!(
        none.contains("No conference is coming up just now."),
        "{none}"
    );
    app.store.move_to_next_year("mechelen-2017").await.unwrap();
    let upcoming = app.get("/embed/topics/migration/upcoming?lang=fr").await;
    assert_eq!(frame_ancestors(&upcoming), "frame-ancestors *");
    let upcoming = crate::common::html(upcoming).await;
    assert!(upcoming.contains("Prochaines conférences"), "{upcoming}");
    assert!(upcoming.contains(r#"href="/fr/conferences/mechelen-2017" target="_blank""#));
    let all = app.page("/embed/upcoming?lang=en").await;
    assert!(all.contains(r#"href="/en/conferences/mechelen-2017""#));
    assert_eq!(
        app.get("/embed/topics/no-such-topic/upcoming")
            .await
            .status(),
        404
    );
    assert_eq!(
        app.get("/embed/conferences/no-such-conference/agenda")
            .await
            .status(),
        404
    );
}
