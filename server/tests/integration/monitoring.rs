//! What an operator watches: `/metrics` (only for the configured scraper or token, with
//! routes as patterns, never paths) and the request ID every answer carries.
use crate::common;

use app::cases::model::CaseState;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::TestApp;
use common::cases::{case_in, people};
use server::metrics::MetricsAccess;
use std::net::SocketAddr;

const SCRAPER: &str = "10.9.8.7";
const TOKEN: &str = "metrics-token-for-the-tests";

/// `GET path` from the network address `ip`, with a bearer token if given.
fn get_from(ip: &str, path: &str, token: Option<&str>) -> Request<Body> {
    let mut request = Request::get(path);
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let mut request = request.body(Body::empty()).unwrap();
    let addr: SocketAddr = format!("{ip}:40000").parse().unwrap();
    request
        .extensions_mut()
        .insert(axum::extract::ConnectInfo(addr));
    request
}

/// The value of the sample whose line starts with `series` (name and labels).
fn sample(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.trim().parse().ok())
        .unwrap_or_else(|| panic!("no sample {series} in:\n{text}"))
}

async fn metrics_are_for_the_scraper_and_name_routes_not_paths(mut app: TestApp) {
    let off = app.send(get_from(SCRAPER, "/metrics", None)).await;
    assert_eq!(
        off.status,
        StatusCode::NOT_FOUND,
        "no /metrics unless configured"
    );

    app.reconfigure(|state| {
        state.metrics_access = MetricsAccess {
            allow: vec![SCRAPER.parse().unwrap()],
            token: Some(TOKEN.into()),
        }
    });
    app::demo::seed(&app.db).await.expect("demo data");
    let p = people(&app).await;
    let soon = case_in(&app, &p, CaseState::UnderReview).await;
    // Another service: one open case per service and applicant.
    let late = case_in(&app, &p, CaseState::PendingSignOff).await;
    let set_due = async |id: i64, due: String| {
        sqlx::query("UPDATE cases SET due_on = $1 WHERE id = $2")
            .bind(due)
            .bind(id)
            .execute(app.db.writer())
            .await
            .unwrap();
    };
    set_due(soon, "2099-01-01".into()).await;
    set_due(late, "2099-01-01".into()).await;

    // Visits that must show as their route's pattern, whatever the path held.
    app.send(get_from("192.0.2.1", "/cases/987654", None)).await;
    app.send(get_from("192.0.2.1", "/no/such/page/4711", None))
        .await;
    app.call_from(
        "192.0.2.1",
        "/api/accounts/sign_in",
        &[
            ("login", "nobody@example.cn"),
            ("password", "wrong-password"),
        ],
        None,
    )
    .await;

    let before = app.send(get_from(SCRAPER, "/metrics", None)).await;
    assert_eq!(before.status, StatusCode::OK, "{}", before.body);
    assert!(
        before
            .header("content-type")
            .starts_with("text/plain; version=0.0.4"),
        "the Prometheus text format"
    );
    let text = &before.body;
    assert!(text.contains(r#"route="/cases/{id}""#), "{text}");
    assert!(text.contains(r#"route="unmatched""#), "{text}");
    assert!(text.contains(r#"route="/api/accounts/sign_in""#), "{text}");
    assert!(
        !text.contains("987654") && !text.contains("4711"),
        "no raw paths: {text}"
    );
    assert!(sample(text, r#"hub_sign_in_failures_total{reason="credentials"}"#) >= 1.0);
    assert!(sample(text, r#"hub_outbox_messages{state="pending"}"#) >= 0.0);
    assert!(
        sample(
            text,
            r#"hub_db_pool_connections{pool="writer",state="max"}"#
        ) >= 1.0
    );
    assert!(
        text.contains("hub_http_request_duration_seconds_bucket"),
        "{text}"
    );
    assert!(text.contains("hub_db_write_wait_seconds_count"), "{text}");

    // One case past its limit, one on its last day.
    let today = app::common::date::today_in_china(app::db::now_ms());
    set_due(soon, today.to_string()).await;
    set_due(late, today.add_days(-1).to_string()).await;
    let after = app.send(get_from(SCRAPER, "/metrics", None)).await.body;
    for state in ["due_soon", "overdue"] {
        let series = format!(r#"hub_cases_on_the_clock{{state="{state}"}}"#);
        assert_eq!(
            sample(&after, &series),
            sample(text, &series) + 1.0,
            "{state}"
        );
    }

    // Anyone else needs the token; guessing it is throttled, per address.
    let stranger = app.send(get_from("192.0.2.1", "/metrics", None)).await;
    assert_eq!(stranger.status, StatusCode::UNAUTHORIZED);
    for _ in 0..10 {
        let wrong = app
            .send(get_from(
                "192.0.2.1",
                "/metrics",
                Some("not-the-token-at-all"),
            ))
            .await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        assert!(
            !wrong.body.contains("hub_"),
            "nothing shown without the token"
        );
    }
    let guessing = app
        .send(get_from(
            "192.0.2.1",
            "/metrics",
            Some("not-the-token-either"),
        ))
        .await;
    assert_eq!(guessing.status, StatusCode::TOO_MANY_REQUESTS);
    let with_token = app
        .send(get_from("192.0.2.2", "/metrics", Some(TOKEN)))
        .await;
    assert_eq!(with_token.status, StatusCode::OK);
    assert!(with_token.body.contains("hub_http_requests_total"));
}

async fn every_answer_carries_a_request_id_of_its_own(mut app: TestApp) {
    let first = app.send(get_from("192.0.2.1", "/services", None)).await;
    let second = app.send(get_from("192.0.2.1", "/no/such/page", None)).await;
    let (a, b) = (first.header("x-request-id"), second.header("x-request-id"));
    assert!(
        a.len() == 32 && a.bytes().all(|c| c.is_ascii_hexdigit()),
        "{a}"
    );
    assert_ne!(a, b, "each request its own ID");

    // A client's own ID is not taken for the hub's: it could forge log lines' IDs.
    let forged = Request::get("/services")
        .header("x-request-id", "forged-id-123456")
        .body(Body::empty())
        .unwrap();
    assert_ne!(
        app.send(forged).await.header("x-request-id"),
        "forged-id-123456"
    );

    // Behind a trusted proxy, the proxy's ID is kept, so both logs carry the same one.
    app.reconfigure(|state| state.security.trusted_proxy = true);
    let proxied = Request::get("/services")
        .header("x-request-id", "0123456789abcdef0123456789abcdef")
        .header("x-forwarded-for", "192.0.2.1")
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        app.send(proxied).await.header("x-request-id"),
        "0123456789abcdef0123456789abcdef"
    );
}

on_both_databases!(
    metrics_are_for_the_scraper_and_name_routes_not_paths,
    every_answer_carries_a_request_id_of_its_own,
);
