//! What a newcomer meets on the way, on SQLite and PostgreSQL: links in messages that a
//! mail reader can open, a registration that comes back to the page it started from, a
//! plain form post acknowledged once on the page after it, and what a submitted case
//! promises before anyone accepts it.
use crate::common;

use app::accounts::api::RegisterTalent;
use app::cases::model::CaseState;
use app::registrations::api::RegisterForEvent;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::TestApp;
use common::cases::*;

on_both_databases!(
    messages_link_to_pages_by_their_whole_address,
    registering_from_a_page_comes_back_to_it,
    a_plain_form_post_is_acknowledged_once_on_the_next_page,
    every_kind_of_plain_post_is_acknowledged_and_only_known_notices_are_shown,
    a_submitted_case_says_what_to_expect_before_acceptance,
);

const PASSWORD: &str = "lantern river 2026";

async fn outbox_bodies(app: &TestApp) -> Vec<String> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT body FROM outbox ORDER BY id")
        .fetch_all(app.db.reader())
        .await
        .unwrap();
    rows.into_iter().map(|(body,)| body).collect()
}

async fn messages_link_to_pages_by_their_whole_address(app: TestApp) {
    let p = people(&app).await;
    let case = apply(&app, &p.talent, "LJ-TALENT-CARD").await;
    ok(&act(&app, &p.staff, case.summary.id, "accept", &[]).await);
    let registered = app
        .call(
            RegisterTalent {
                display_name: "新人".into(),
                login: "newcomer@example.cn".into(),
                password: PASSWORD.to_string(),
                next: None,
            },
            None,
        )
        .await;
    assert!(registered.status.is_success(), "{}", registered.body);
    let bodies = outbox_bodies(&app).await;
    let origin = app::links::DEVELOPMENT_ORIGIN;
    assert!(
        bodies
            .iter()
            .any(|b| b.contains(&format!("{origin}/cases/{}", case.summary.id))),
        "{bodies:?}"
    );
    assert!(
        bodies
            .iter()
            .any(|b| b.contains(&format!("{origin}/register/confirm?token=")))
    );
    for body in &bodies {
        assert!(!app::links::has_bare_path(body), "{body}");
    }
}

async fn registering_from_a_page_comes_back_to_it(app: TestApp) {
    app::demo::seed(&app.db).await.unwrap();
    let register = |login: &'static str, next: &'static str| {
        let app = &app;
        async move {
            let response = app
                .call(
                    RegisterTalent {
                        display_name: "陈静".into(),
                        login: login.to_string(),
                        password: PASSWORD.to_string(),
                        next: Some(next.to_string()),
                    },
                    None,
                )
                .await;
            assert!(response.status.is_success(), "{}", response.body);
            let token = app.confirmation_token(login).await.expect("a link");
            let body = outbox_bodies(app).await.pop().unwrap();
            // The link carries the page, and confirming it (a plain form post) goes there.
            let next_in_link = body
                .split(&format!("token={token}"))
                .nth(1)
                .and_then(|rest| rest.strip_prefix("&next="))
                .map(|rest| rest.split_whitespace().next().unwrap_or("").to_string());
            let confirmed = app
                .send(
                    Request::post("/api/accounts/confirm_registration")
                        .header("content-type", "application/x-www-form-urlencoded")
                        .header("accept", "text/html")
                        .body(Body::from(common::encode_form(&[
                            ("token", &token),
                            (
                                "next",
                                &next_in_link.clone().map(|n| decode(&n)).unwrap_or_default(),
                            ),
                        ])))
                        .unwrap(),
                )
                .await;
            assert!(confirmed.status.is_redirection(), "{}", confirmed.body);
            (next_in_link, confirmed.header("location").to_string())
        }
    };
    let (link, landed) = register("from-a-job@example.cn", "/jobs/1").await;
    assert_eq!(link.as_deref(), Some("%2Fjobs%2F1"));
    assert_eq!(landed, "/jobs/1");
    // Another site, or the sign-in page itself, is never where a registration leads.
    let (link, landed) = register("from-elsewhere@example.cn", "//evil.example/x").await;
    assert_eq!(link, None);
    assert_eq!(landed, "/account");
}

fn decode(text: &str) -> String {
    text.replace("%2F", "/")
}

/// A form posted by a browser without JavaScript, from the page `referer`.
async fn plain_post(
    app: &TestApp,
    cookie: &str,
    path: &str,
    body: &str,
    referer: &str,
) -> common::TestResponse {
    app.send(
        Request::post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "text/html")
            .header("referer", referer)
            .header("cookie", cookie)
            .body(Body::from(body.to_string()))
            .unwrap(),
    )
    .await
}

async fn a_plain_form_post_is_acknowledged_once_on_the_next_page(app: TestApp) {
    let p = people(&app).await;
    let (event,): (i64,) = sqlx::query_as("SELECT id FROM events ORDER BY id LIMIT 1")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    let registered = plain_post(
        &app,
        &p.talent,
        "/api/registrations/register",
        &format!("event={event}"),
        &format!("/events/{event}"),
    )
    .await;
    assert!(registered.status.is_redirection(), "{}", registered.body);
    let notice = registered
        .cookie("hub_notice")
        .expect("the outcome for the next page");
    // The page after the redirect says so once, and clears it.
    let page = app
        .get_as(
            &format!("/events/{event}"),
            &format!("{}; {notice}", p.talent),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("data-testid=\"notice\""),
        "no notice on the page"
    );
    assert!(
        page.headers
            .get_all("set-cookie")
            .iter()
            .any(|v| v.to_str().unwrap().starts_with("hub_notice=;")),
        "the notice is not cleared"
    );
    let cancelled = plain_post(
        &app,
        &p.talent,
        "/api/registrations/cancel",
        &format!("event={event}"),
        &format!("/events/{event}"),
    )
    .await;
    assert_eq!(
        cancelled.cookie("hub_notice").as_deref(),
        Some("hub_notice=done_place_cancelled")
    );
    // The app's own calls (JavaScript on) show it in place: no cookie for the next page.
    let again = app.call(RegisterForEvent { event }, Some(&p.talent)).await;
    ok(&again);
    assert_eq!(again.cookie("hub_notice"), None);
}

async fn every_kind_of_plain_post_is_acknowledged_and_only_known_notices_are_shown(app: TestApp) {
    let p = people(&app).await;
    for (path, body, said) in [
        (
            "/api/notifications/read",
            "",
            "hub_notice=done_notifications_read",
        ),
        (
            "/api/accounts/end_sessions",
            "handle=",
            "hub_notice=done_sessions_ended",
        ),
    ] {
        let answer = plain_post(&app, &p.talent, path, body, "/account").await;
        assert!(answer.status.is_redirection(), "{path}: {}", answer.body);
        assert_eq!(answer.cookie("hub_notice").as_deref(), Some(said), "{path}");
    }
    // A refused plain upload is said on the page it came back to; a cookie naming
    // anything else shows nothing.
    let refused = app
        .get_as("/", &format!("{}; hub_notice=err_file_type", p.talent))
        .await;
    assert!(refused.body.contains("data-testid=\"notice-refused\""));
    assert!(refused.body.contains("只接受 PDF、JPG 或 PNG 文件"));
    let forged = app
        .get_as("/", &format!("{}; hub_notice=%3Cscript%3E", p.talent))
        .await;
    assert_eq!(forged.status, StatusCode::OK);
    assert!(!forged.body.contains("data-testid=\"notice"));
}

async fn a_submitted_case_says_what_to_expect_before_acceptance(app: TestApp) {
    let p = people(&app).await;
    let case = apply(&app, &p.talent, "LJ-TALENT-CARD").await;
    assert_eq!(case.summary.state, CaseState::Submitted);
    assert_eq!(case.summary.due_on, None);
    let expected = case
        .due_if_accepted_today
        .clone()
        .expect("a date if accepted today");
    ok(&act(&app, &p.staff, case.summary.id, "accept", &[]).await);
    let accepted = detail(&app, &p.talent, case.summary.id).await;
    // Accepted today: the promised date is the one announced, and the estimate is gone.
    assert_eq!(accepted.summary.due_on.as_deref(), Some(expected.as_str()));
    assert_eq!(accepted.due_if_accepted_today, None);
    // The receipt is a page of its own, for the applicant only.
    let receipt = app
        .get_as(&format!("/cases/{}/receipt", case.summary.id), &p.talent)
        .await;
    assert_eq!(receipt.status, StatusCode::OK);
    assert!(
        receipt
            .body
            .contains(case.summary.number.as_deref().unwrap())
    );
    let other = app
        .get_as(&format!("/cases/{}/receipt", case.summary.id), &p.employer)
        .await;
    assert!(!other.body.contains(case.summary.number.as_deref().unwrap()));
}
