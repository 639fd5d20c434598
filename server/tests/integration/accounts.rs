//! Accounts, sessions and access control through the real router, on SQLite and PostgreSQL:
//! what a browser (or an attacker with one) would see.
use crate::common;

use app::accounts::api::{
    ChangePassword, ConfirmRegistration, CreateStaff, EndSessions, ListAccounts, LoadMyAccount,
    RegisterEnterprise, RegisterTalent, ResetStaffPassword, SetRole, SetStatus, SignIn, SignOut,
};
use app::audit::api::AuditLog;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{TestApp, TestResponse};

const PASSWORD: &str = "lantern river 2026";

on_both_databases!(
    registration_signs_in_and_sign_in_rotates_the_session,
    sign_out_ends_the_session_on_the_server,
    disabling_an_account_ends_its_sessions_at_once,
    idle_and_absolute_timeouts_expire_sessions,
    every_server_function_refuses_anonymous_callers_unless_public,
    every_page_sends_visitors_to_sign_in_unless_public,
    no_server_function_answers_get,
    a_talent_cannot_reach_staff_functions_or_other_accounts,
    cross_origin_posts_are_refused_even_with_a_valid_session,
    brute_force_is_throttled_with_the_same_answer_for_unknown_accounts,
    an_attacker_cannot_lock_the_owner_out,
    many_failures_from_one_address_are_refused_for_every_account,
    many_failures_over_many_addresses_slow_only_new_addresses,
    changing_the_password_checks_are_paced,
    registration_answers_alike_for_new_and_taken_addresses,
    a_confirmation_link_activates_once,
    registrations_are_limited_per_address,
    confirmation_links_are_limited_per_address,
    registration_validates_and_refuses_duplicates,
    enterprise_registration_checks_the_credit_code,
    changing_the_password_signs_out_everywhere_else,
    administrator_manages_staff_accounts,
    audit_log_records_events_without_secrets,
    pages_carry_a_nonce_based_content_security_policy,
    an_enterprise_cannot_act_for_another,
    oversized_requests_are_refused,
);

async fn register_talent(app: &TestApp, name: &str, login: &str) -> String {
    let response = app
        .register(app::accounts::api::RegisterTalent {
            display_name: name.into(),
            login: login.into(),
            password: PASSWORD.into(),
            next: None,
        })
        .await;
    assert!(
        response.status.is_success(),
        "register {login}: {} {}",
        response.status,
        response.body
    );
    response.session_cookie().expect("registration signs in")
}

async fn admin(app: &TestApp) -> String {
    server::admin::create_admin(&app.db, "chief@office.example", "Chief", PASSWORD.into())
        .await
        .expect("admin created");
    app.sign_in("chief@office.example", PASSWORD).await
}

async fn staff(app: &TestApp, admin_cookie: &str, email: &str) -> i64 {
    let response = app
        .call(
            CreateStaff {
                display_name: "Clerk".into(),
                email: email.to_string(),
                role: "staff".into(),
                password: PASSWORD.to_string(),
            },
            Some(admin_cookie),
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    response.body.trim().parse().expect("new account id")
}

async fn account_version(app: &TestApp, id: i64) -> i64 {
    app::accounts::store::find_by_id(&app.db, id)
        .await
        .unwrap()
        .unwrap()
        .version
}

async fn is_signed_in(app: &TestApp, cookie: &str) -> bool {
    let response = app.call(LoadMyAccount {}, Some(cookie)).await;
    match response.status {
        StatusCode::OK => true,
        StatusCode::UNAUTHORIZED => false,
        other => panic!("unexpected {other}: {}", response.body),
    }
}

async fn registration_signs_in_and_sign_in_rotates_the_session(app: TestApp) {
    let first = register_talent(&app, "李明", "liming@example.cn").await;
    let page = app.get_as("/account", &first).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("李明"), "{}", page.body);
    assert_eq!(page.header("cache-control"), "no-store");

    // Signing in again, with the old cookie still sent, gives a new identifier…
    let response = app
        .call(
            SignIn {
                login: "LiMing@Example.cn ".into(),
                password: PASSWORD.to_string(),
                next: Some(String::new()),
            },
            Some(&first),
        )
        .await;
    let second = response.session_cookie().expect("new session");
    assert_ne!(first, second);
    assert!(response.header("set-cookie").contains("HttpOnly"));
    assert!(response.header("set-cookie").contains("SameSite=Lax"));
    // …and the old one no longer works.
    assert!(!is_signed_in(&app, &first).await);
    assert!(is_signed_in(&app, &second).await);
    let old = app.get_as("/account", &first).await;
    assert_eq!(old.status, StatusCode::SEE_OTHER);
    assert!(
        old.header("set-cookie").contains("Max-Age=0"),
        "stale cookie not cleared"
    );
}

async fn sign_out_ends_the_session_on_the_server(app: TestApp) {
    let cookie = register_talent(&app, "王芳", "13812345678").await;
    let response = app.call(SignOut {}, Some(&cookie)).await;
    assert!(response.header("set-cookie").contains("Max-Age=0"));
    // A copy of the cookie kept by someone else is worthless now.
    assert!(!is_signed_in(&app, &cookie).await);
    let sessions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!(sessions, 0);
}

async fn disabling_an_account_ends_its_sessions_at_once(app: TestApp) {
    let admin_cookie = admin(&app).await;
    let staff_id = staff(&app, &admin_cookie, "clerk@office.example").await;
    let staff_cookie = app.sign_in("clerk@office.example", PASSWORD).await;
    assert!(is_signed_in(&app, &staff_cookie).await);

    let version = account_version(&app, staff_id).await;
    let response = app
        .call(
            SetStatus {
                account_id: staff_id,
                disabled: true,
                version,
            },
            Some(&admin_cookie),
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    assert!(!is_signed_in(&app, &staff_cookie).await);
    // A disabled account cannot sign in, and the answer is the ordinary one.
    let refused = app
        .call(
            SignIn {
                login: "clerk@office.example".into(),
                password: PASSWORD.to_string(),
                next: Some(String::new()),
            },
            None,
        )
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body.contains("err_sign_in_failed"));

    // The same version again: somebody changed the account meanwhile.
    let stale = app
        .call(
            SetStatus {
                account_id: staff_id,
                disabled: false,
                version,
            },
            Some(&admin_cookie),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
}

async fn idle_and_absolute_timeouts_expire_sessions(app: TestApp) {
    let admin_cookie = admin(&app).await;
    staff(&app, &admin_cookie, "clerk@office.example").await;
    let staff_cookie = app.sign_in("clerk@office.example", PASSWORD).await;
    let talent_cookie = register_talent(&app, "李明", "liming@example.cn").await;
    let minutes_ago = |m: i64| app::db::now_ms() - m * 60_000;

    // 31 idle minutes end a staff session but not a talent's.
    sqlx::query("UPDATE sessions SET last_seen_at = $1")
        .bind(minutes_ago(31))
        .execute(app.db.writer())
        .await
        .unwrap();
    assert!(!is_signed_in(&app, &staff_cookie).await);
    assert!(is_signed_in(&app, &talent_cookie).await);

    // Three idle hours end the talent's too.
    sqlx::query("UPDATE sessions SET last_seen_at = $1")
        .bind(minutes_ago(180))
        .execute(app.db.writer())
        .await
        .unwrap();
    assert!(!is_signed_in(&app, &talent_cookie).await);

    // However active, a session ends at its absolute limit.
    let fresh = app.sign_in("liming@example.cn", PASSWORD).await;
    sqlx::query("UPDATE sessions SET expires_at = $1")
        .bind(minutes_ago(1))
        .execute(app.db.writer())
        .await
        .unwrap();
    assert!(!is_signed_in(&app, &fresh).await);
}

async fn every_server_function_refuses_anonymous_callers_unless_public(app: TestApp) {
    use app::accounts::access::PUBLIC_SERVER_FNS;
    let registered: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_string())
        .collect();
    assert!(
        registered.len() >= 15,
        "server functions not registered: {registered:?}"
    );
    for public in PUBLIC_SERVER_FNS {
        assert!(
            registered.iter().any(|p| p == public),
            "public list names a missing function {public}"
        );
    }
    for path in &registered {
        if PUBLIC_SERVER_FNS.contains(&path.as_str()) {
            continue;
        }
        let response = app.post_form(path, &[("page", "0")], None).await;
        assert_eq!(
            response.status,
            StatusCode::UNAUTHORIZED,
            "{path} answered an anonymous caller"
        );
        assert!(
            response.body.contains("Unauthenticated"),
            "{path}: {}",
            response.body
        );
    }
}

async fn every_page_sends_visitors_to_sign_in_unless_public(app: TestApp) {
    use app::accounts::access::PUBLIC_PAGES;
    let routes = leptos_axum::generate_route_list(app::App);
    assert!(routes.len() >= 7);
    for route in routes {
        // In Leptos's pattern form, as `PUBLIC_PAGES` is written (`/services/:code`).
        let path = app::routing::normalize(route.path());
        let response = app.get(&path).await;
        if PUBLIC_PAGES.contains(&path.as_str()) {
            // Open to visitors (a pattern like `/services/:code` names no real item: 404).
            assert!(
                response.status == StatusCode::OK || response.status == StatusCode::NOT_FOUND,
                "{path}: {}",
                response.status
            );
        } else {
            assert_eq!(
                response.status,
                StatusCode::SEE_OTHER,
                "{path} shown to a visitor"
            );
            assert!(
                response.header("location").starts_with("/signin?next="),
                "{path}: {}",
                response.header("location")
            );
        }
    }
}

async fn no_server_function_answers_get(app: TestApp) {
    let cookie = register_talent(&app, "李明", "liming@example.cn").await;
    for (path, method) in leptos::server_fn::axum::server_fn_paths() {
        assert_eq!(method, axum::http::Method::POST, "{path} is not POST");
        let response = app.get_as(path, &cookie).await;
        assert_eq!(
            response.status,
            StatusCode::METHOD_NOT_ALLOWED,
            "GET {path}"
        );
    }
    // Still signed in: no GET ended the session.
    assert!(is_signed_in(&app, &cookie).await);
}

async fn a_talent_cannot_reach_staff_functions_or_other_accounts(app: TestApp) {
    let mine = register_talent(&app, "李明", "liming@example.cn").await;
    let theirs = register_talent(&app, "王芳", "wangfang@example.cn").await;

    for path in ["/api/accounts/list", "/api/audit/list"] {
        let response = app
            .post_form(
                path,
                &[("query", ""), ("role", ""), ("page", "0"), ("action", "")],
                Some(&mine),
            )
            .await;
        assert_eq!(
            response.status,
            StatusCode::FORBIDDEN,
            "{path}: {}",
            response.body
        );
    }
    let page = app.get_as("/admin/users", &mine).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(!page.body.contains("wangfang@example.cn"));

    // Ending "their" session by its handle does nothing: handles are scoped to the caller.
    let key: String = sqlx::query_scalar(
        "SELECT s.id_hash FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE a.email = $1",
    )
    .bind("wangfang@example.cn")
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    let response = app
        .call(
            EndSessions {
                handle: Some(key[..16].to_string()),
            },
            Some(&mine),
        )
        .await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.body.trim(), "0");
    assert!(is_signed_in(&app, &theirs).await);

    // Administrators' functions refuse a talent even with a real account id.
    let response = app
        .call(
            SetStatus {
                account_id: 1,
                disabled: true,
                version: 1,
            },
            Some(&mine),
        )
        .await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
}

async fn cross_origin_posts_are_refused_even_with_a_valid_session(app: TestApp) {
    let cookie = register_talent(&app, "李明", "liming@example.cn").await;
    let forged = |origin: Option<&str>, site: Option<&str>| {
        let mut request = Request::post("/api/accounts/end_sessions")
            .header("host", "hub.example")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", &cookie);
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        if let Some(site) = site {
            request = request.header("sec-fetch-site", site);
        }
        request.body(Body::from("handle=")).unwrap()
    };
    let response = app.send(forged(Some("https://evil.example"), None)).await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    let response = app.send(forged(None, Some("cross-site"))).await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    let response = app
        .send(forged(
            Some("http://hub.example.evil.example"),
            Some("same-site"),
        ))
        .await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    // Scheme and port count as well as the host: this server speaks plain HTTP on its
    // default port, and no trusted proxy says otherwise.
    for other in ["https://hub.example", "http://hub.example:8080", "null"] {
        let response = app.send(forged(Some(other), None)).await;
        assert_eq!(response.status, StatusCode::FORBIDDEN, "{other}");
    }
    let audit: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'sessions_ended'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(audit, 0, "a refused request changed something");

    // The hub's own pages post from the same origin.
    let response = app
        .send(forged(Some("HTTP://Hub.Example:80"), Some("same-origin")))
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
}

/// Lets every pause of the sign-in and password limits end, as if time had passed.
async fn let_pauses_pass(app: &TestApp) {
    sqlx::query("UPDATE throttles SET blocked_until = 0")
        .execute(app.db.writer())
        .await
        .unwrap();
}

async fn sign_in_from(app: &TestApp, ip: &str, login: &str, password: &str) -> TestResponse {
    app.call_from(
        ip,
        "/api/accounts/sign_in",
        &[("login", login), ("password", password), ("next", "")],
        None,
    )
    .await
}

fn retry_after(response: &TestResponse) -> i64 {
    assert_eq!(
        response.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        response.body
    );
    let error: app::error::AppError = serde_json::from_str(&response.body).unwrap();
    let app::error::AppError::TooMany {
        message,
        retry_after_secs,
    } = error
    else {
        panic!("not a refusal for trying too often: {}", response.body);
    };
    assert_eq!(message, "err_too_many_sign_in");
    assert_eq!(response.header("retry-after"), retry_after_secs.to_string());
    retry_after_secs
}

async fn brute_force_is_throttled_with_the_same_answer_for_unknown_accounts(app: TestApp) {
    register_talent(&app, "李明", "liming@example.cn").await;
    let attempt = |login: &'static str, password: &'static str| {
        let app = &app;
        async move {
            let r = sign_in_from(app, "203.0.113.9", login, password).await;
            (r.status, r.body)
        }
    };
    let free = app::accounts::store::SIGN_IN_PER_ACCOUNT_AND_ADDRESS.free;
    for _ in 0..free {
        let known = attempt("liming@example.cn", "wrong password 1").await;
        let unknown = attempt("nobody@example.cn", "wrong password 1").await;
        assert_eq!(
            known, unknown,
            "the answer reveals whether the account exists"
        );
        assert_eq!(known.0, StatusCode::BAD_REQUEST);
        assert!(known.1.contains("err_sign_in_failed"));
    }
    // Now each further try waits: even the right password is refused, alike for both.
    let known = attempt("liming@example.cn", PASSWORD).await;
    let unknown = attempt("nobody@example.cn", PASSWORD).await;
    assert_eq!(known, unknown);
    assert_eq!(known.0, StatusCode::TOO_MANY_REQUESTS);
    assert!(known.1.contains("err_too_many_sign_in"), "{}", known.1);
    let refused = sign_in_from(&app, "203.0.113.9", "liming@example.cn", PASSWORD).await;
    assert_eq!(retry_after(&refused), 30);

    // Once the pause has passed, the right password works again and ends the pauses.
    let_pauses_pass(&app).await;
    let response = sign_in_from(&app, "203.0.113.9", "liming@example.cn", PASSWORD).await;
    assert!(
        response.session_cookie().is_some(),
        "{} {}",
        response.status,
        response.body
    );
    let (left,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM throttles WHERE purpose = 'sign_in_account_address' \
         AND subject LIKE 'liming@example.cn|%'",
    )
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(left, 0);
}

async fn an_attacker_cannot_lock_the_owner_out(app: TestApp) {
    register_talent(&app, "李明", "liming@example.cn").await;
    let attacker = "203.0.113.9";
    // Twenty wrong passwords from one address, waiting out each pause: the pauses grow
    // (30 s, 1, 2, 4, 8 minutes) up to 15 minutes and stay there.
    let mut failures = 0;
    let mut waits = Vec::new();
    while failures < 20 {
        let response = sign_in_from(&app, attacker, "liming@example.cn", "guess guess guess").await;
        if response.status == StatusCode::BAD_REQUEST {
            assert!(response.body.contains("err_sign_in_failed"));
            failures += 1;
            continue;
        }
        waits.push(retry_after(&response));
        let_pauses_pass(&app).await;
    }
    assert_eq!(
        waits,
        [
            30, 60, 120, 240, 480, 900, 900, 900, 900, 900, 900, 900, 900, 900, 900
        ]
    );
    // One more try from there waits, the right password included…
    let held = sign_in_from(&app, attacker, "liming@example.cn", PASSWORD).await;
    assert_eq!(retry_after(&held), 900);
    // …while the owner, from an address the account never used, signs in at once.
    let owner = sign_in_from(&app, "198.51.100.7", "liming@example.cn", PASSWORD).await;
    assert!(
        owner.session_cookie().is_some(),
        "{} {}",
        owner.status,
        owner.body
    );
    // And so do staff and administrators: nobody's account is held hostage.
    let admin_cookie = admin(&app).await;
    assert!(is_signed_in(&app, &admin_cookie).await);
}

async fn many_failures_from_one_address_are_refused_for_every_account(app: TestApp) {
    register_talent(&app, "李明", "liming@example.cn").await;
    let crowd = "192.0.2.50";
    let limit = app::accounts::store::SIGN_IN_PER_ADDRESS.max;
    // A success in between is given back: it is no failure.
    assert!(
        sign_in_from(&app, crowd, "liming@example.cn", PASSWORD)
            .await
            .session_cookie()
            .is_some()
    );
    for n in 0..limit {
        let login = format!("person{n}@example.cn");
        let response = sign_in_from(&app, crowd, &login, "not the password").await;
        assert_eq!(
            response.status,
            StatusCode::BAD_REQUEST,
            "{n}: {}",
            response.body
        );
    }
    let refused = sign_in_from(&app, crowd, "liming@example.cn", PASSWORD).await;
    assert!(retry_after(&refused) > 14 * 60);
    // Another address is not affected.
    let elsewhere = sign_in_from(&app, "192.0.2.51", "liming@example.cn", PASSWORD).await;
    assert!(elsewhere.session_cookie().is_some(), "{}", elsewhere.body);
}

async fn many_failures_over_many_addresses_slow_only_new_addresses(app: TestApp) {
    register_talent(&app, "李明", "liming@example.cn").await;
    // The owner signs in from home once; that address is known to the account from now on.
    let home = "198.51.100.7";
    assert!(
        sign_in_from(&app, home, "liming@example.cn", PASSWORD)
            .await
            .session_cookie()
            .is_some()
    );
    // A spread-out attack: every address fails a few times, far below its own limit.
    let ceiling = app::accounts::store::SIGN_IN_PER_ACCOUNT.free;
    for n in 0..ceiling {
        let ip = format!("10.0.{}.{}", n / 4 / 250, n / 4 % 250 + 1);
        let response = sign_in_from(&app, &ip, "liming@example.cn", "guess guess guess").await;
        assert_eq!(
            response.status,
            StatusCode::BAD_REQUEST,
            "{n}: {}",
            response.body
        );
    }
    // A new address now waits for the account-wide pause…
    let new_place = sign_in_from(&app, "10.9.9.9", "liming@example.cn", PASSWORD).await;
    assert_eq!(retry_after(&new_place), 60);
    // …but the owner's own address is never held up.
    let owner = sign_in_from(&app, home, "liming@example.cn", PASSWORD).await;
    assert!(owner.session_cookie().is_some(), "{}", owner.body);
}

async fn changing_the_password_checks_are_paced(app: TestApp) {
    let cookie = register_talent(&app, "李明", "liming@example.cn").await;
    let change = |current: &'static str| {
        let app = &app;
        let cookie = cookie.clone();
        async move {
            app.call(
                ChangePassword {
                    current_password: current.to_string(),
                    new_password: "a whole new sentence".into(),
                },
                Some(&cookie),
            )
            .await
        }
    };
    for _ in 0..app::accounts::store::PASSWORD_CHECK.free {
        let wrong = change("not it at all").await;
        assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
        assert!(wrong.body.contains("err_current_password_wrong"));
    }
    // Then every check waits, even with the right password.
    let held = change(PASSWORD).await;
    assert_eq!(held.status, StatusCode::TOO_MANY_REQUESTS, "{}", held.body);
    assert!(held.body.contains("err_too_many_password_checks"));
    assert_eq!(held.header("retry-after"), "30");
    let_pauses_pass(&app).await;
    let done = change(PASSWORD).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
}

async fn register_from(app: &TestApp, ip: &str, name: &str, login: &str) -> TestResponse {
    app.call_from(
        ip,
        "/api/accounts/register_talent",
        &[
            ("display_name", name),
            ("login", login),
            ("password", PASSWORD),
        ],
        None,
    )
    .await
}

async fn registration_answers_alike_for_new_and_taken_addresses(app: TestApp) {
    register_talent(&app, "李明", "liming@example.cn").await;
    let new = register_from(&app, "203.0.113.9", "王芳", "wangfang@example.cn").await;
    let taken = register_from(&app, "203.0.113.9", "Mallory", "LiMing@example.cn").await;
    assert!(new.status.is_success(), "{}", new.body);
    assert_eq!(
        (taken.status, &taken.body, taken.header("location")),
        (new.status, &new.body, new.header("location")),
        "the answer reveals which addresses have accounts"
    );
    assert_eq!(new.header("location"), "/register?sent=1");
    assert!(!taken.body.contains("err_email_taken"));
    assert!(taken.session_cookie().is_none() && new.session_cookie().is_none());
    // The owner is told someone tried (no link that creates anything); the new address
    // gets its link; no account exists for it until then.
    let mails: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT to_address, subject, body FROM outbox WHERE to_address IN \
         ('liming@example.cn', 'wangfang@example.cn') ORDER BY id",
    )
    .fetch_all(app.db.reader())
    .await
    .unwrap();
    let to_owner: Vec<_> = mails
        .iter()
        .filter(|m| m.0 == "liming@example.cn")
        .collect();
    let notice = to_owner.last().unwrap();
    assert!(
        notice.2.contains("/signin") && !notice.2.contains("token="),
        "{}",
        notice.2
    );
    assert!(!notice.2.contains("Mallory") && !notice.1.contains("Mallory"));
    assert!(
        app.confirmation_token("wangfang@example.cn")
            .await
            .is_some()
    );
    assert_eq!(app::accounts::store::count(&app.db).await.unwrap(), 1);
    // The owner's password is unchanged.
    app.sign_in("liming@example.cn", PASSWORD).await;
}

async fn a_confirmation_link_activates_once(app: TestApp) {
    let sent = register_from(&app, "203.0.113.9", "王芳", "wangfang@example.cn").await;
    assert!(sent.status.is_success(), "{}", sent.body);
    // Before the link is opened nobody can sign in with it.
    let early = app
        .call(
            SignIn {
                login: "wangfang@example.cn".into(),
                password: PASSWORD.to_string(),
                next: Some(String::new()),
            },
            None,
        )
        .await;
    assert!(early.body.contains("err_sign_in_failed"), "{}", early.body);
    let token = app.confirmation_token("wangfang@example.cn").await.unwrap();
    assert_eq!(token.len(), 64);
    // Only the token's hash is kept.
    let (stored,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM pending_registrations WHERE token_hash = $1")
            .bind(&token)
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(stored, 0);
    // The confirmation page is public and carries the token into its form.
    let page = app.get(&format!("/register/confirm?token={token}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("confirm-registration"), "{}", page.body);
    let confirm = |token: String| {
        let app = &app;
        async move {
            app.call(ConfirmRegistration { token, next: None }, None)
                .await
        }
    };
    let first = confirm(token.clone()).await;
    let cookie = first.session_cookie().expect("the link signs in");
    assert_eq!(first.header("location"), "/account");
    assert!(is_signed_in(&app, &cookie).await);
    let again = confirm(token.clone()).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert!(
        again.body.contains("err_confirmation_expired"),
        "{}",
        again.body
    );
    assert!(again.session_cookie().is_none());
    assert_eq!(app::accounts::store::count(&app.db).await.unwrap(), 1);
    assert!(
        confirm("not a token".into())
            .await
            .body
            .contains("err_confirmation_expired")
    );
    // A link older than a day opens nothing.
    register_from(&app, "203.0.113.9", "陈静", "chen@example.cn").await;
    let late = app.confirmation_token("chen@example.cn").await.unwrap();
    sqlx::query("UPDATE pending_registrations SET expires_at = $1")
        .bind(app::db::now_ms() - 1)
        .execute(app.db.writer())
        .await
        .unwrap();
    assert!(
        confirm(late)
            .await
            .body
            .contains("err_confirmation_expired")
    );
    assert_eq!(app::accounts::store::count(&app.db).await.unwrap(), 1);
}

async fn registrations_are_limited_per_address(app: TestApp) {
    let limit = app::accounts::store::REGISTRATIONS_PER_ADDRESS.max;
    for n in 0..limit {
        let response =
            register_from(&app, "203.0.113.9", "李明", &format!("p{n}@example.cn")).await;
        assert!(response.status.is_success(), "{n}: {}", response.body);
    }
    let refused = register_from(&app, "203.0.113.9", "李明", "one-more@example.cn").await;
    assert_eq!(
        refused.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        refused.body
    );
    assert!(refused.body.contains("err_too_many_registrations"));
    let wait: i64 = refused.header("retry-after").parse().unwrap();
    assert!(wait > 59 * 60 && wait <= 3600, "{wait}");
    // Nothing was sent for the refused one; another address still registers.
    assert!(
        app.confirmation_token("one-more@example.cn")
            .await
            .is_none()
    );
    let elsewhere = register_from(&app, "198.51.100.7", "李明", "one-more@example.cn").await;
    assert!(elsewhere.status.is_success(), "{}", elsewhere.body);
}

async fn confirmation_links_are_limited_per_address(app: TestApp) {
    let limit = app::accounts::store::CONFIRMATIONS_PER_ADDRESS.max;
    for n in 0..limit {
        let guess = format!("guessed-token-{n}");
        let response = app
            .call_from(
                "203.0.113.20",
                "/api/accounts/confirm_registration",
                &[("token", &guess)],
                None,
            )
            .await;
        assert_eq!(
            response.status,
            StatusCode::BAD_REQUEST,
            "{n}: {}",
            response.body
        );
        assert!(response.body.contains("err_confirmation_expired"));
    }
    // A real link from that address now waits too; from elsewhere it works.
    register_from(&app, "198.51.100.20", "李明", "late@example.cn").await;
    let token = app
        .confirmation_token("late@example.cn")
        .await
        .expect("link sent");
    let refused = app
        .call_from(
            "203.0.113.20",
            "/api/accounts/confirm_registration",
            &[("token", &token)],
            None,
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        refused.body
    );
    assert!(refused.body.contains("err_too_many_confirmations"));
    let confirmed = app
        .call_from(
            "198.51.100.21",
            "/api/accounts/confirm_registration",
            &[("token", &token)],
            None,
        )
        .await;
    assert!(confirmed.session_cookie().is_some(), "{}", confirmed.body);
}

async fn registration_validates_and_refuses_duplicates(app: TestApp) {
    let try_register = |login: &'static str, password: &'static str| {
        let app = &app;
        async move {
            app.call(
                RegisterTalent {
                    display_name: "李明".into(),
                    login: login.to_string(),
                    password: password.to_string(),
                    next: None,
                },
                None,
            )
            .await
        }
    };
    let short = try_register("liming@example.cn", "short").await;
    assert_eq!(short.status, StatusCode::BAD_REQUEST);
    assert!(short.body.contains("err_password_too_short"));
    let common = try_register("liming@example.cn", "password123").await;
    assert!(
        common.body.contains("err_password_common"),
        "{}",
        common.body
    );
    let bad_phone = try_register("1381234567", PASSWORD).await;
    assert!(bad_phone.body.contains("err_phone_invalid"));

    let first = try_register("+86 138 1234 5678", PASSWORD).await;
    assert!(first.status.is_success(), "{}", first.body);
    // Nothing exists until the text message's link is opened.
    assert_eq!(app::accounts::store::count(&app.db).await.unwrap(), 0);
    let token = app
        .confirmation_token("13812345678")
        .await
        .expect("a text message");
    let confirmed = app
        .call(
            ConfirmRegistration {
                token: token.to_string(),
                next: None,
            },
            None,
        )
        .await;
    assert!(confirmed.session_cookie().is_some(), "{}", confirmed.body);
    // The same number again: the same answer as the first time, a notice to the owner.
    let again = try_register("13812345678", PASSWORD).await;
    assert_eq!(
        (again.status, &again.body, again.header("location")),
        (first.status, &first.body, first.header("location"))
    );
    assert!(!again.body.contains("err_phone_taken"));
    assert_eq!(app::accounts::store::count(&app.db).await.unwrap(), 1);
    let (notices,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM outbox WHERE to_address = 'sms:13812345678' AND body LIKE '%/signin%' \
         AND body NOT LIKE '%token=%'",
    )
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(notices, 1);
}

async fn enterprise_registration_checks_the_credit_code(app: TestApp) {
    let register = |code: &'static str| {
        let app = &app;
        async move {
            app.call(
                RegisterEnterprise {
                    org_name: "两江智能制造有限公司".into(),
                    credit_code: code.to_string(),
                    contact_person: "张伟".into(),
                    login: "hr@ljzz.example".into(),
                    password: PASSWORD.to_string(),
                    next: None,
                },
                None,
            )
            .await
        }
    };
    let wrong = register("91350100M000100Y44").await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert!(wrong.body.contains("err_credit_code_check"));
    let sent = register("91350100m000100y43").await;
    assert!(sent.status.is_success(), "{}", sent.body);
    let token = app.confirmation_token("hr@ljzz.example").await.unwrap();
    let ok = app
        .call(
            ConfirmRegistration {
                token: token.to_string(),
                next: None,
            },
            None,
        )
        .await;
    let cookie = ok.session_cookie().expect("enterprise signed in");
    let me = app.call(LoadMyAccount {}, Some(&cookie)).await;
    assert!(me.body.contains("\"Enterprise\""), "{}", me.body);
    assert!(me.body.contains("91350100M000100Y43"));
    // The code is taken now (credit codes are public, so saying so reveals nobody).
    let taken = app
        .call(
            RegisterEnterprise {
                org_name: "另一家公司".into(),
                credit_code: "91350100M000100Y43".into(),
                contact_person: "王芳".into(),
                login: "hr@other.example".into(),
                password: PASSWORD.to_string(),
                next: None,
            },
            None,
        )
        .await;
    assert!(
        taken.body.contains("err_credit_code_taken"),
        "{}",
        taken.body
    );
}

async fn changing_the_password_signs_out_everywhere_else(app: TestApp) {
    register_talent(&app, "李明", "liming@example.cn").await;
    let laptop = app.sign_in("liming@example.cn", PASSWORD).await;
    let phone = app.sign_in("liming@example.cn", PASSWORD).await;

    let wrong = app
        .call(
            ChangePassword {
                current_password: "not it at all".into(),
                new_password: "a whole new sentence".into(),
            },
            Some(&laptop),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert!(wrong.body.contains("err_current_password_wrong"));

    let done = app
        .call(
            ChangePassword {
                current_password: PASSWORD.to_string(),
                new_password: "a whole new sentence".into(),
            },
            Some(&laptop),
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(is_signed_in(&app, &laptop).await);
    assert!(!is_signed_in(&app, &phone).await);
    app.sign_in("liming@example.cn", "a whole new sentence")
        .await;
}

async fn administrator_manages_staff_accounts(app: TestApp) {
    let admin_cookie = admin(&app).await;
    let id = staff(&app, &admin_cookie, "clerk@office.example").await;
    let list = app
        .call(
            ListAccounts {
                query: "clerk".into(),
                role: "staff".into(),
                page: 0,
            },
            Some(&admin_cookie),
        )
        .await;
    assert!(list.body.contains("clerk@office.example"), "{}", list.body);

    let staff_cookie = app.sign_in("clerk@office.example", PASSWORD).await;
    let response = app
        .call(
            ResetStaffPassword {
                account_id: id,
                new_password: "temporary office key".into(),
            },
            Some(&admin_cookie),
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    assert!(
        !is_signed_in(&app, &staff_cookie).await,
        "reset must end the old sessions"
    );
    app.sign_in("clerk@office.example", "temporary office key")
        .await;

    // Promote to administrator: takes effect at the next sign-in.
    let version = account_version(&app, id).await;
    let response = app
        .call(
            SetRole {
                account_id: id,
                role: "admin".into(),
                version,
            },
            Some(&admin_cookie),
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let promoted = app
        .sign_in("clerk@office.example", "temporary office key")
        .await;
    let list = app
        .call(
            ListAccounts {
                query: String::new(),
                role: String::new(),
                page: 0,
            },
            Some(&promoted),
        )
        .await;
    assert_eq!(list.status, StatusCode::OK);

    // Nobody disables themselves by accident.
    let me: i64 =
        sqlx::query_scalar("SELECT id FROM accounts WHERE email = 'chief@office.example'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    let version = account_version(&app, me).await;
    let response = app
        .call(
            SetStatus {
                account_id: me,
                disabled: true,
                version,
            },
            Some(&admin_cookie),
        )
        .await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
}

async fn audit_log_records_events_without_secrets(app: TestApp) {
    let admin_cookie = admin(&app).await;
    register_talent(&app, "王芳", "13812345678").await;
    app.call(
        SignIn {
            login: "13812345678".into(),
            password: "guess number one".into(),
            next: Some(String::new()),
        },
        None,
    )
    .await;
    let log = app
        .call(
            AuditLog {
                page: 0,
                action: String::new(),
            },
            Some(&admin_cookie),
        )
        .await;
    assert_eq!(log.status, StatusCode::OK);
    assert!(log.body.contains("registered") && log.body.contains("sign_in"));
    assert!(
        log.body.contains("138****5678"),
        "failed sign-in not attributed: {}",
        log.body
    );

    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT actor_label, detail FROM audit_events")
            .fetch_all(app.db.reader())
            .await
            .unwrap();
    for (label, detail) in rows {
        for secret in ["13812345678", "guess number one", PASSWORD] {
            assert!(
                !label.contains(secret) && !detail.contains(secret),
                "audit log holds {secret}"
            );
        }
    }
    let page = app.get_as("/admin/audit", &admin_cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("138****5678"));
}

async fn pages_carry_a_nonce_based_content_security_policy(app: TestApp) {
    let response = app.get("/").await;
    let policy = response.header("content-security-policy").to_string();
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy");
    assert!(nonce.len() >= 16);
    assert!(
        response.body.contains(&format!("nonce=\"{nonce}\"")),
        "scripts do not carry the nonce"
    );
    // Every script element with content carries it. (leptos_i18n leaves an empty
    // placeholder `<script></script>`; browsers skip empty scripts before the CSP check.)
    for script in response.body.split("<script").skip(1) {
        let (tag, rest) = script.split_once('>').unwrap_or_default();
        let empty = tag.is_empty() && rest.starts_with("</script>");
        assert!(
            empty || tag.contains(&format!("nonce=\"{nonce}\"")),
            "script without nonce: <script{tag}>"
        );
    }
    // A different page load gets a different nonce.
    let again = app.get("/").await;
    assert_ne!(again.header("content-security-policy"), policy);
    // Non-page responses forbid everything.
    assert!(
        app.get("/healthz")
            .await
            .header("content-security-policy")
            .contains("default-src 'none'")
    );
}

async fn register_enterprise(app: &TestApp, name: &str, code: &str, login: &str) -> String {
    let enterprise = common::enterprises::NewEnterprise {
        name,
        credit_code: code,
        login,
        password: PASSWORD,
    };
    common::enterprises::registered(app, &enterprise).await
}

async fn an_enterprise_cannot_act_for_another(app: TestApp) {
    let ours = register_enterprise(
        &app,
        "两江智能制造",
        "91350100M000100Y43",
        "hr@ours.example",
    )
    .await;
    let theirs = register_enterprise(
        &app,
        "重庆示范电子",
        "911100001000044477",
        "hr@theirs.example",
    )
    .await;
    // Each sees only itself.
    let me = app.call(LoadMyAccount {}, Some(&ours)).await;
    assert!(me.body.contains("91350100M000100Y43") && !me.body.contains("911100001000044477"));
    // Ending the other's sessions by their handle, or renaming with their version, touches
    // only the caller's own account.
    let key: String = sqlx::query_scalar(
        "SELECT s.id_hash FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE a.email = $1",
    )
    .bind("hr@theirs.example")
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    let ended = app
        .call(
            EndSessions {
                handle: Some(key[..16].to_string()),
            },
            Some(&ours),
        )
        .await;
    assert_eq!(ended.body.trim(), "0");
    assert!(is_signed_in(&app, &theirs).await);
    // Administrators' user functions are not for enterprises.
    let list = app
        .call(
            ListAccounts {
                query: String::new(),
                role: String::new(),
                page: 0,
            },
            Some(&ours),
        )
        .await;
    assert_eq!(list.status, StatusCode::FORBIDDEN);
}

async fn oversized_requests_are_refused(app: TestApp) {
    let body = "lang=".to_string() + &"x".repeat(13 * 1024 * 1024);
    let request = Request::post("/api/language")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("content-length", body.len())
        .body(Body::from(body))
        .unwrap();
    let response = app.send(request).await;
    assert_eq!(response.status, StatusCode::PAYLOAD_TOO_LARGE);
}
