//! Many requests at once, as under real load.
use crate::common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::TestApp;

#[test]
fn pages_render_under_concurrent_load() {
    common::run(async {
        // Under load the server once read a page title after the page's reactive scope had
        // ended and answered 500 to about one request in fifty.
        let app = TestApp::start(common::Backend::Sqlite).await;
        app::demo::seed(&app.db).await.unwrap();
        let mut tasks = Vec::new();
        for n in 0..400 {
            let router = app.router.clone();
            let path = ["/", "/signin", "/register", "/missing"][n % 4];
            tasks.push(tokio::spawn(async move {
                use tower::ServiceExt;
                let request = Request::get(path).body(Body::empty()).unwrap();
                (path, router.oneshot(request).await.unwrap().status())
            }));
        }
        for task in tasks {
            let (path, status) = task.await.unwrap();
            let expected = if path == "/missing" {
                StatusCode::NOT_FOUND
            } else {
                StatusCode::OK
            };
            assert_eq!(status, expected, "{path}");
        }
    });
}
