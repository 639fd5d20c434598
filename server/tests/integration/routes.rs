//! Every address of the hub, on SQLite and PostgreSQL: each page route is public or sends
//! an anonymous visitor to sign in; malformed input is a 400 with a message, never a 500;
//! what does not exist is a 404; no page number is too large.
use crate::common;

use app::accounts::access::PUBLIC_PAGES;
use axum::http::StatusCode;
use common::TestApp;
use common::cases::{ok, people};

on_both_databases!(
    every_page_route_is_public_or_asks_to_sign_in,
    malformed_input_is_a_400_with_a_message,
    missing_objects_are_404,
    any_page_number_is_answered,
);

/// The router's page routes, as its default-deny check knows them (`/cases/:id`).
fn page_routes() -> Vec<String> {
    leptos_axum::generate_route_list(app::App)
        .iter()
        .map(|route| app::routing::normalize(route.path()))
        .collect()
}

/// A concrete address for a route pattern: every parameter is `1`.
fn address(pattern: &str) -> String {
    pattern
        .split('/')
        .map(|s| {
            if s.starts_with(':') || s.starts_with('*') {
                "1"
            } else {
                s
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

async fn every_page_route_is_public_or_asks_to_sign_in(app: TestApp) {
    let routes = page_routes();
    assert!(routes.len() > 40, "{routes:?}");
    assert!(routes.iter().any(|r| r == "/cases/:id"), "{routes:?}");
    for public in PUBLIC_PAGES {
        assert!(
            routes.iter().any(|r| r == public),
            "{public} is not a route"
        );
    }
    let mut checked_private = 0;
    for route in &routes {
        let path = address(route);
        let response = app.get(&path).await;
        let to_sign_in = response.status == StatusCode::SEE_OTHER
            && response.header("location").starts_with("/signin?next=");
        if PUBLIC_PAGES.contains(&route.as_str()) {
            assert!(!to_sign_in, "{path} is public but asks to sign in");
            assert_ne!(response.status, StatusCode::INTERNAL_SERVER_ERROR, "{path}");
        } else {
            assert!(
                to_sign_in,
                "{path} ({route}) rendered to an anonymous visitor: {}",
                response.status
            );
            assert_eq!(
                response.header("location"),
                format!("/signin?next={}", app::format::url_encode(&path))
            );
            checked_private += 1;
        }
    }
    assert!(checked_private > 20, "{checked_private}");
}

/// 400, the shared "could not be read" message, and nothing of the parser's words.
fn bad_request(response: &common::TestResponse, what: &str) {
    assert_eq!(
        response.status,
        StatusCode::BAD_REQUEST,
        "{what}: {}",
        response.body
    );
    assert!(
        response.body.contains("err_bad_request"),
        "{what}: {}",
        response.body
    );
}

async fn malformed_input_is_a_400_with_a_message(app: TestApp) {
    let p = people(&app).await;
    // (server function, form, session cookie)
    type Call<'a> = (&'a str, &'a [(&'a str, &'a str)], Option<&'a str>);
    let calls: &[Call] = &[
        ("/api/jobs/post", &[("id", "abc")], None),
        ("/api/jobs/post", &[("id", "")], None),
        ("/api/jobs/post", &[], None),
        ("/api/events/page", &[("id", "1.5")], None),
        ("/api/opendata", &[("year", "99999999999")], None),
        ("/api/jobs/board", &[("query[page]", "-1")], None),
        (
            "/api/notifications/list",
            &[("page", "-1")],
            Some(&p.talent),
        ),
        (
            "/api/notifications/list",
            &[("page", "99999999999")],
            Some(&p.talent),
        ),
        ("/api/cases/detail", &[("id", "abc")], Some(&p.talent)),
        (
            "/api/audit/list",
            &[("page", "x"), ("action", "")],
            Some(&p.admin),
        ),
    ];
    for (path, form, cookie) in calls {
        let response = app.call(path, form, *cookie).await;
        bad_request(&response, &format!("{path} {form:?}"));
    }
    // A form field far larger than any form takes is refused before it is read.
    let huge = "x".repeat(11 * 1024 * 1024);
    let response = app
        .call(
            "/api/concerns/raise",
            &[
                ("form[kind]", "consultation"),
                ("form[subject]", "big"),
                ("form[text]", &huge),
            ],
            Some(&p.talent),
        )
        .await;
    assert_eq!(
        response.status,
        StatusCode::BAD_REQUEST,
        "{}",
        &response.body[..response.body.len().min(300)]
    );
    assert!(
        response.body.contains("err_request_too_large"),
        "{}",
        response.body
    );
    // The server is still fine.
    ok(&app
        .call("/api/jobs/board", &[("query[page]", "0")], None)
        .await);
}

async fn missing_objects_are_404(app: TestApp) {
    let p = people(&app).await;
    for path in ["/jobs/999999", "/events/999999", "/services/NO-SUCH-ITEM"] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
    }
    let page = app.get_as("/cases/999999", &p.talent).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let page = app.get_as("/events/999999/registrations", &p.staff).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
}

async fn any_page_number_is_answered(app: TestApp) {
    let p = people(&app).await;
    let deepest = u32::MAX.to_string();
    for (path, form, cookie) in [
        (
            "/api/notifications/list",
            vec![("page", deepest.as_str())],
            Some(&p.talent),
        ),
        (
            "/api/cases/mine",
            vec![("page", deepest.as_str())],
            Some(&p.talent),
        ),
        (
            "/api/audit/list",
            vec![("page", deepest.as_str()), ("action", "")],
            Some(&p.admin),
        ),
        (
            "/api/jobs/board",
            vec![("query[page]", deepest.as_str())],
            None,
        ),
    ] {
        let response = app.call(path, &form, cookie.map(String::as_str)).await;
        ok(&response);
    }
    for path in [
        "/jobs?page=4294967295",
        "/notifications?page=4294967295",
        "/cases?page=99999999999",
    ] {
        let page = app.get_as(path, &p.talent).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
    }
}
