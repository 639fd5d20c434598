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
    answers_are_compressed_when_the_browser_accepts_it,
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
            // One description for search engines and link previews, never empty.
            assert_eq!(
                response.body.matches("<meta name=\"description\"").count(),
                1,
                "{path}"
            );
            assert!(
                !response
                    .body
                    .contains("<meta name=\"description\" content=\"\""),
                "{path}"
            );
            assert_headings_in_order(&path, &response.body);
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
        let response = app.post_form(path, form, *cookie).await;
        bad_request(&response, &format!("{path} {form:?}"));
    }
    // A form field far larger than any form takes is refused before it is read.
    let huge = "x".repeat(11 * 1024 * 1024);
    let response = app
        .post_form(
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
        .post_form("/api/jobs/board", &[("query[page]", "0")], None)
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
        let response = app.post_form(path, &form, cookie.map(String::as_str)).await;
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

/// A request's status, headers and raw body bytes (not read as text).
async fn raw(
    app: &TestApp,
    request: axum::http::Request<axum::body::Body>,
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    use tower::ServiceExt;
    let response = app.router.clone().oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap();
    (parts.status, parts.headers, bytes.to_vec())
}

fn gunzip(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut text)
        .expect("a gzip stream");
    text
}

async fn answers_are_compressed_when_the_browser_accepts_it(app: TestApp) {
    use axum::body::Body;
    use axum::http::Request;
    let encoding = |headers: &axum::http::HeaderMap| {
        headers
            .get("content-encoding")
            .map(|v| v.to_str().unwrap().to_string())
    };
    // A page, gzip-encoded for a browser that asks, plain for a client that does not.
    let page = |accept: Option<&str>| {
        let mut request = Request::get("/services");
        if let Some(accept) = accept {
            request = request.header("accept-encoding", accept);
        }
        request.body(Body::empty()).unwrap()
    };
    let (status, headers, body) = raw(&app, page(Some("gzip"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(encoding(&headers).as_deref(), Some("gzip"));
    assert!(headers.get("vary").is_some_and(|v| {
        v.to_str()
            .unwrap()
            .to_ascii_lowercase()
            .contains("accept-encoding")
    }));
    let html = gunzip(&body);
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("</html>"),
        "{html}"
    );
    let (_, headers, plain) = raw(&app, page(None)).await;
    assert_eq!(encoding(&headers), None);
    assert!(
        plain.len() > body.len() * 3,
        "{} vs {}",
        plain.len(),
        body.len()
    );
    let (_, headers, _) = raw(&app, page(Some("br;q=1.0, gzip;q=0.8"))).await;
    assert_eq!(encoding(&headers).as_deref(), Some("br"));
    // Server-function answers too, and errors keep their status under compression.
    app::demo::seed(&app.db).await.unwrap();
    let call = |path: &str| {
        Request::post(path)
            .header("accept-encoding", "gzip")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body(Body::from("id=1"))
            .unwrap()
    };
    let (status, headers, body) = raw(&app, call("/api/catalogue/featured")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(encoding(&headers).as_deref(), Some("gzip"));
    assert!(
        gunzip(&body).contains("LJ-GRAD-RESETTLE"),
        "{}",
        gunzip(&body)
    );
    let (status, _, _) = raw(&app, call("/api/cases/detail")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // Exports stream row by row to their progress bar: never held back by a compressor.
    let (status, headers, _) = raw(
        &app,
        Request::get("/statistics.csv")
            .header("accept-encoding", "br, gzip")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(encoding(&headers), None);
    // Files compressed at build time are sent as they are, with their own encoding.
    let pkg = app.site_root().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("hub.js"), "x".repeat(2000)).unwrap();
    std::fs::write(pkg.join("hub.js.br"), b"precompressed").unwrap();
    let (status, headers, body) = raw(
        &app,
        Request::get("/pkg/hub.js")
            .header("accept-encoding", "br, gzip")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(encoding(&headers).as_deref(), Some("br"));
    assert_eq!(body, b"precompressed");
}

/// Heading levels go down one at a time (`h1`, then `h2`, …): screen-reader users move
/// through a page by its headings, and a skipped level reads as a missing section.
fn assert_headings_in_order(path: &str, html: &str) {
    let mut previous = 0;
    for (at, _) in html.match_indices("<h") {
        let Some(level) = html[at + 2..].chars().next().and_then(|c| c.to_digit(10)) else {
            continue;
        };
        assert!(
            level <= previous + 1,
            "{path}: h{level} after h{previous} at …{}…",
            html.get(at..(at + 80).min(html.len())).unwrap_or("")
        );
        previous = level;
    }
}
