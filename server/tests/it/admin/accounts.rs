//! Signing in and out, the same answer for unknown addresses and wrong
//! passwords, throttling that does not lock the real user out, the first
//! run, and a forgotten password.

use super::*;
use crate::common;
use crate::common::Inspect;
use common::{account, post_sign_in, sign_in, TestApp, PASSWORD};

on_both_backends!(
    signing_in_opens_a_session_that_signing_out_ends_on_the_server,
    unknown_addresses_and_wrong_passwords_get_the_same_answer,
    a_flood_from_one_address_does_not_lock_the_real_user_out,
    the_first_run_makes_one_administrator_and_closes,
    a_forgotten_password_is_reset_once_by_the_emailed_link,
);

async fn signing_in_opens_a_session_that_signing_out_ends_on_the_server(app: TestApp) {
    account(&app, "admin@example.org", true).await;
    let response = post_sign_in(&app.client, &app, "Admin@Example.org", PASSWORD).await;
    assert_eq!(response.status(), 303, "the address's case does not matter");
    let set = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    for flag in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(set.contains(flag), "{set}");
    }
    assert!(!set.contains("Secure"), "not over plain HTTP");
    let cookie = set.split(';').next().unwrap().to_owned();
    assert_eq!(get_as(&app, "/admin", Some(&cookie)).await.status(), 200);
    // A second sign-in gets a new session, not the old one.
    let again = sign_in(&app, "admin@example.org").await;
    assert_ne!(again, cookie);

    // A sign-out from another site is refused.
    let forged = app
        .client
        .post(app.url("/admin/sign-out"))
        .header("cookie", &cookie)
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    assert_eq!(get_as(&app, "/admin", Some(&cookie)).await.status(), 200);

    let out = app
        .client
        .post(app.url("/admin/sign-out"))
        .header("cookie", &cookie)
        .header("sec-fetch-site", "same-origin")
        .header("origin", app.base.as_str())
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 303);
    assert!(out.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    // The old cookie, kept by someone, opens nothing any more.
    assert_eq!(get_as(&app, "/admin", Some(&cookie)).await.status(), 302);
    assert_eq!(
        get_as(&app, "/admin", Some(&again)).await.status(),
        200,
        "other sessions stay"
    );
}

async fn unknown_addresses_and_wrong_passwords_get_the_same_answer(app: TestApp) {
    account(&app, "admin@example.org", true).await;
    let wrong = post_sign_in(&app.client, &app, "admin@example.org", "not the password").await;
    let unknown = post_sign_in(&app.client, &app, "nobody@example.org", "not the password").await;
    assert_eq!(wrong.status(), 401);
    assert_eq!(unknown.status(), 401);
    // The same page but for the address typed and the page's nonce.
    let same = |html: String, email: &str| {
        let html = html.replace(email, "ADDRESS");
        let nonce = html
            .split("nonce=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or("")
            .to_owned();
        html.replace(&nonce, "NONCE")
    };
    let wrong = same(common::html(wrong).await, "admin@example.org");
    let unknown = same(common::html(unknown).await, "nobody@example.org");
    assert_eq!(wrong, unknown);
    assert!(wrong.contains("The email address or the password is not right."));
    assert!(
        !wrong.contains("not the password"),
        "the password is not sent back"
    );
}

async fn a_flood_from_one_address_does_not_lock_the_real_user_out(app: TestApp) {
    account(&app, "admin@example.org", true).await;
    let attacker = app.client.clone();
    let mut refused = 0;
    for _ in 0..convene_server::routes::admin::accounts::PER_ACCOUNT_AND_ADDRESS {
        let r = post_sign_in(&attacker, &app, "admin@example.org", "guess").await;
        assert_eq!(r.status(), 401);
        refused += 1;
    }
    // From the guesser's address even the right password now waits...
    let r = post_sign_in(&attacker, &app, "admin@example.org", PASSWORD).await;
    assert_eq!(r.status(), 429);
    assert!(common::html(r).await.contains("Please wait 15 minutes"));
    // ... while the real user, elsewhere, signs in.
    let elsewhere = reqwest::Client::builder()
        .local_address(Some("127.0.0.2".parse().unwrap()))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = post_sign_in(&elsewhere, &app, "admin@example.org", PASSWORD).await;
    assert_eq!(r.status(), 303);
    println!("throttling: {refused} guesses from one address; that address waits, the user elsewhere signs in");
}

async fn the_first_run_makes_one_administrator_and_closes(app: TestApp) {
    let page = common::html(get_as(&app, "/admin/setup", None).await).await;
    assert!(page.contains("First run: create the administrator"));
    let code = app
        .setup_code
        .clone()
        .expect("a code while no account exists");
    let post_with = |code: String, email: &'static str, password: &'static str| {
        app.client
            .post(app.url("/admin/setup"))
            .header("sec-fetch-site", "same-origin")
            .header("origin", app.base.as_str())
            .form(&[
                ("code", code.as_str()),
                ("email", email),
                ("password", password),
            ])
            .send()
    };
    let post = |email, password| post_with(code.clone(), email, password);
    // Without the code from the server's log, nobody is made, whatever else
    // is right; what was typed stays.
    let wrong = post_with("AAAA-BBBB-CCCC".into(), "first@example.org", PASSWORD)
        .await
        .unwrap();
    assert_eq!(wrong.status(), 422);
    let wrong = common::html(wrong).await;
    assert!(wrong.contains("This is not the setup code"), "{wrong}");
    assert!(wrong.contains(r#"value="first@example.org""#));
    assert_eq!(app.store.account_count().await.unwrap(), 0);
    let weak = post("first@example.org", "password1").await.unwrap();
    assert_eq!(weak.status(), 422);
    let weak = common::html(weak).await;
    assert!(
        weak.contains("one of the passwords people use most"),
        "{weak}"
    );
    assert!(
        weak.contains(r#"value="first@example.org""#),
        "the address is kept"
    );
    let short = common::html(post("first@example.org", "short").await.unwrap()).await;
    assert!(short.contains("Please use at least 8 characters."));
    assert_eq!(app.store.account_count().await.unwrap(), 0);

    let made = post("first@example.org", PASSWORD).await.unwrap();
    assert_eq!(made.status(), 303);
    let cookie = made.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let home = common::html(get_as(&app, "/admin", Some(&cookie)).await).await;
    assert!(home.contains("Signed in as first@example.org") && home.contains("Administrator"));
    // Closed now: a second first run makes nobody.
    assert_eq!(get_as(&app, "/admin/setup", None).await.status(), 404);
    let second = post("second@example.org", PASSWORD).await.unwrap();
    assert_eq!(second.status(), 404);
    assert_eq!(app.store.account_count().await.unwrap(), 1);
}

async fn a_forgotten_password_is_reset_once_by_the_emailed_link(app: TestApp) {
    account(&app, "admin@example.org", true).await;
    let before = sign_in(&app, "admin@example.org").await;
    let ask = |email: &'static str| {
        app.client
            .post(app.url("/admin/reset"))
            .header("sec-fetch-site", "same-origin")
            .header("origin", app.base.as_str())
            .form(&[("email", email)])
            .send()
    };
    let known = ask("Admin@example.org").await.unwrap();
    let unknown = ask("nobody@example.org").await.unwrap();
    assert_eq!(
        (known.status().as_u16(), unknown.status().as_u16()),
        (200, 200)
    );
    let answer = "If an account exists for this address, a link is on its way to it.";
    assert!(common::html(known).await.contains(answer));
    assert!(common::html(unknown).await.contains(answer));
    let outbox = app.store.outbox().await.unwrap();
    let resets: Vec<_> = outbox
        .iter()
        .filter(|(k, _, _)| k == "password_reset")
        .collect();
    assert_eq!(resets.len(), 1, "only the account's address is mailed");
    assert_eq!(resets[0].1, "admin@example.org");
    let path = resets[0].2["link"]
        .as_str()
        .unwrap()
        .strip_prefix("http://convene.test")
        .unwrap()
        .to_owned();
    assert!(common::html(get_as(&app, &path, None).await)
        .await
        .contains("New password"));

    let set = |password: &'static str| {
        app.client
            .post(app.url(&path))
            .header("sec-fetch-site", "same-origin")
            .header("origin", app.base.as_str())
            .form(&[("password", password)])
            .send()
    };
    let weak = set("12345678").await.unwrap();
    assert_eq!(weak.status(), 422);
    let done = set("A new phrase for Beirut").await.unwrap();
    assert_eq!(done.status(), 303);
    assert_eq!(done.headers()["location"], "/admin/sign-in?reset=done");
    // Every session ended; the old password is gone, the new one works.
    assert_eq!(get_as(&app, "/admin", Some(&before)).await.status(), 302);
    assert_eq!(
        post_sign_in(&app.client, &app, "admin@example.org", PASSWORD)
            .await
            .status(),
        401
    );
    let r = post_sign_in(
        &app.client,
        &app,
        "admin@example.org",
        "A new phrase for Beirut",
    )
    .await;
    assert_eq!(r.status(), 303);
    // Once only.
    assert_eq!(get_as(&app, &path, None).await.status(), 410);
    assert_eq!(set("Another phrase entirely").await.unwrap().status(), 410);
}
