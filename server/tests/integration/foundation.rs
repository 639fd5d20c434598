//! The foundation seen from outside: health check, the home page in both languages, the
//! language switch, "page not found", static assets, and writes under concurrency —
//! each on SQLite and on PostgreSQL.
use crate::common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::TestApp;

on_both_databases!(
    health_check_reports_the_database,
    home_page_is_chinese_by_default,
    home_page_follows_accept_language,
    chosen_language_cookie_wins_over_the_browser,
    home_page_lists_published_services,
    unknown_address_is_a_404_page_in_the_visitors_language,
    language_switch_without_javascript_sets_the_cookie_and_returns,
    language_switch_refuses_unknown_languages,
    responses_carry_security_headers,
    concurrent_writes_all_commit,
);

async fn health_check_reports_the_database(app: TestApp) {
    let response = app.get("/healthz").await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.header("cache-control"), "no-store");
    let body: serde_json::Value = serde_json::from_str(&response.body).unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"], app.db.backend().name());

    // Once the database is gone the load balancer must hear about it.
    app.db.close().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(response.body.contains("unavailable"));
}

async fn home_page_is_chinese_by_default(app: TestApp) {
    let response = app.get("/").await;
    assert_eq!(response.status, StatusCode::OK);
    assert!(
        response.header("content-type").starts_with("text/html"),
        "{}",
        response.header("content-type")
    );
    let html = &response.body;
    assert!(html.contains(r#"<html lang="zh""#), "{html}");
    for text in ["两江英才汇", "办事", "发展", "诉求", "9万"] {
        assert!(html.contains(text), "home page lacks {text}");
    }
    // The three promises are landmarks a visitor can jump to.
    for id in ["affairs", "development", "concerns"] {
        assert!(html.contains(&format!(r#"id="{id}""#)), "no section #{id}");
    }
    assert!(html.contains(r##"href="#main""##), "skip link missing");
    assert!(html.contains("<main"), "main landmark missing");
}

async fn home_page_follows_accept_language(app: TestApp) {
    let request = Request::get("/")
        .header(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9,zh;q=0.5")
        .body(Body::empty())
        .unwrap();
    let response = app.send(request).await;
    assert_eq!(response.status, StatusCode::OK);
    let html = &response.body;
    assert!(html.contains(r#"<html lang="en""#), "{html}");
    assert!(html.contains("Liangjiang Yingcai Hub"));
    assert!(html.contains("Our three promises"));
    assert!(!html.contains("我们的三项承诺"), "Chinese text leaked");
}

async fn chosen_language_cookie_wins_over_the_browser(app: TestApp) {
    let request = Request::get("/")
        .header(header::ACCEPT_LANGUAGE, "en-US,en;q=0.9")
        .header(header::COOKIE, "hub_lang=zh")
        .body(Body::empty())
        .unwrap();
    let html = app.send(request).await.body;
    assert!(html.contains(r#"<html lang="zh""#), "{html}");
    assert!(html.contains("我们的三项承诺"));
}

async fn home_page_lists_published_services(app: TestApp) {
    let before = app.get("/").await.body;
    assert!(
        before.contains("暂无服务事项"),
        "empty catalogue not explained"
    );

    app::demo::seed(&app.db).await.expect("demo data loads");
    // Seeding twice changes nothing (the run command seeds at every start).
    app::demo::seed(&app.db)
        .await
        .expect("demo data loads again");
    assert_eq!(
        app::accounts::store::count(&app.db).await.unwrap(),
        app::demo::DEMO_ACCOUNTS.len() as i64
    );

    let html = app.get("/").await.body;
    assert!(html.contains("高校毕业生安家补贴"), "{html}");
    assert!(html.contains("1万元"), "amount not shown in Chinese units");
    assert!(html.contains("演示内容"), "demo content not marked");
}

async fn unknown_address_is_a_404_page_in_the_visitors_language(app: TestApp) {
    let response = app.get("/no/such/page").await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert!(response.body.contains("页面未找到"), "{}", response.body);
    assert!(response.body.contains(r#"href="/""#), "no way back home");

    let request = Request::get("/no/such/page")
        .header(header::ACCEPT_LANGUAGE, "en")
        .body(Body::empty())
        .unwrap();
    let response = app.send(request).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert!(response.body.contains("Page not found"));
}

async fn language_switch_without_javascript_sets_the_cookie_and_returns(app: TestApp) {
    // What a browser with JavaScript off sends when the switch button is pressed.
    let request = Request::post("/api/language")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .header(header::REFERER, "http://localhost/no/such/page")
        .body(Body::from("lang=en"))
        .unwrap();
    let response = app.send(request).await;
    assert!(
        response.status.is_redirection(),
        "status {} body {}",
        response.status,
        response.body
    );
    // Leptos appends an (empty) query that would carry an error back to the form.
    assert_eq!(
        response.header("location").trim_end_matches('?'),
        "http://localhost/no/such/page"
    );
    let cookie = response.header("set-cookie");
    assert!(cookie.starts_with("hub_lang=en;"), "{cookie}");
    assert!(cookie.contains("Path=/") && cookie.contains("SameSite=Lax"));
}

async fn language_switch_refuses_unknown_languages(app: TestApp) {
    let request = Request::post("/api/language")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("lang=xx"))
        .unwrap();
    let response = app.send(request).await;
    assert!(!response.status.is_success(), "{}", response.status);
    assert!(response.header("set-cookie").is_empty());
}

async fn responses_carry_security_headers(app: TestApp) {
    for path in ["/", "/healthz", "/missing"] {
        let response = app.get(path).await;
        assert_eq!(
            response.header("x-content-type-options"),
            "nosniff",
            "{path}"
        );
        assert_eq!(response.header("x-frame-options"), "DENY", "{path}");
        assert_eq!(
            response.header("referrer-policy"),
            "strict-origin-when-cross-origin",
            "{path}"
        );
    }
}

async fn concurrent_writes_all_commit(app: TestApp) {
    // Many requests writing at once must queue, never fail with "database is locked".
    const WRITERS: usize = 40;
    let mut tasks = Vec::new();
    for n in 0..WRITERS {
        let db = app.db.clone();
        tasks.push(tokio::spawn(async move {
            let mut tx = db.begin_write().await?;
            let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM service_items")
                .fetch_one(&mut *tx)
                .await?;
            tokio::task::yield_now().await;
            sqlx::query(
                "INSERT INTO service_items (code, name_zh, name_en, summary_zh, summary_en, \
                 time_limit_days, created_at) VALUES ($1, $2, $2, $2, $2, 5, $3)",
            )
            .bind(format!("T{n:03}"))
            .bind(format!("seen {count}"))
            .bind(n as i64)
            .execute(&mut *tx)
            .await?;
            tx.commit().await
        }));
    }
    for task in tasks {
        task.await.unwrap().expect("write committed");
    }
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM service_items")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!(total, WRITERS as i64);
}

#[test]
fn precompressed_assets_are_served_with_cache_headers() {
    common::run(async {
        let app = TestApp::start(common::Backend::Sqlite).await;
        let pkg = app.site_root().join("pkg");
        std::fs::create_dir_all(&pkg).unwrap();
        std::fs::write(pkg.join("hub.css"), "body{color:red}").unwrap();
        std::fs::write(pkg.join("hub.css.br"), b"brotli bytes").unwrap();

        let request = Request::get("/pkg/hub.css")
            .header(header::ACCEPT_ENCODING, "gzip, br")
            .body(Body::empty())
            .unwrap();
        let response = app.send(request).await;
        assert_eq!(response.status, StatusCode::OK);
        assert_eq!(response.header("content-encoding"), "br");
        assert!(response.header("content-type").starts_with("text/css"));
        // Unhashed names (tests, development) must be revalidated.
        assert_eq!(response.header("cache-control"), "no-cache");

        let plain = app.get("/pkg/hub.css").await;
        assert_eq!(plain.body, "body{color:red}");
        assert_eq!(
            app.get("/pkg/missing.js").await.status,
            StatusCode::NOT_FOUND
        );
    });
}
