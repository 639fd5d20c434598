//! The router: pages rendered by Leptos, server functions, static assets, health check,
//! and the layers every response passes through.
use crate::security::{self, SecuritySettings};
use crate::uploads::Download;
use app::cookies::CookieSecurity;
use app::db::Db;
use axum::Router;
use axum::body::Body;
use axum::extract::{FromRef, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::path::Path;
use std::sync::Arc;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};

/// Largest request body accepted (uploads are limited separately, per file).
const MAX_BODY_BYTES: usize = 12 * 1024 * 1024;

/// Everything a request handler needs.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub security: SecuritySettings,
    /// The page routes of the app (filled in by [`router`]), for the default-deny check.
    pub page_routes: Arc<Vec<String>>,
    pub uploads: crate::uploads::Uploads,
    /// This server's request figures (`/metrics`).
    pub metrics: Arc<crate::metrics::Metrics>,
    /// Who may read `/metrics`; nobody unless configured.
    pub metrics_access: crate::metrics::MetricsAccess,
}

impl AppState {
    pub fn new(
        leptos_options: LeptosOptions,
        db: Db,
        security: SecuritySettings,
        uploads: crate::uploads::Uploads,
    ) -> Self {
        AppState {
            leptos_options,
            db,
            security,
            page_routes: Arc::default(),
            uploads,
            metrics: Arc::default(),
            metrics_access: crate::metrics::MetricsAccess::default(),
        }
    }

    /// What every server function and page gets as context.
    fn provide(&self) -> impl Fn() + Clone + Send + Sync + 'static {
        let db = self.db.clone();
        let cookies = CookieSecurity {
            secure: self.security.secure_cookies,
        };
        move || {
            provide_context(db.clone());
            provide_context(cookies);
        }
    }
}

impl FromRef<AppState> for crate::metrics::Scrape {
    fn from_ref(state: &AppState) -> Self {
        crate::metrics::Scrape {
            metrics: state.metrics.clone(),
            access: state.metrics_access.clone(),
            db: state.db.clone(),
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// Leptos settings for the built site under `site_root`. File names carry content hashes
/// when cargo-leptos left its `hash.txt` beside the server binary (release builds).
pub fn leptos_options(site_root: &Path, addr: std::net::SocketAddr) -> LeptosOptions {
    let hash_files = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt")))
        .is_some_and(|path| path.exists());
    LeptosOptions::builder()
        .output_name("hub")
        .site_root(site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .hash_files(hash_files)
        .build()
}

pub fn router(mut state: AppState) -> Router {
    let routes = generate_route_list(app::App);
    // Kept in Leptos's pattern form (`/cases/:id`), the form `PUBLIC_PAGES` is written in.
    let page_routes: Vec<String> = routes
        .iter()
        .map(|route| app::routing::normalize(route.path()))
        .collect();
    app::routing::remember_page_routes(&page_routes);
    state.page_routes = Arc::new(page_routes);
    let site_root = state.leptos_options.site_root.to_string();

    // Hashed file names never change content, so browsers may keep them for a year.
    let pkg_cache = if state.leptos_options.hash_files {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let pkg = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static(pkg_cache),
        ))
        .service(
            ServeDir::new(Path::new(&site_root).join("pkg"))
                .precompressed_br()
                .precompressed_gzip(),
        );
    let favicon = ServeDir::new(&site_root);
    // Uploads may be larger than any other request; everything else keeps the small limit.
    let upload_limit = state.uploads.max_bytes as usize + 64 * 1024;
    let body_limit = MAX_BODY_BYTES.max(upload_limit);

    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(crate::metrics::serve))
        .route("/api/{*fn_name}", post(server_fn_handler))
        .route(
            "/cases/{id}/files/{field}",
            post(crate::uploads::upload).layer(axum::extract::DefaultBodyLimit::max(upload_limit)),
        )
        .route(
            "/bundles/applications/{id}/files/{field}",
            post(crate::uploads::upload_to_bundle)
                .layer(axum::extract::DefaultBodyLimit::max(upload_limit)),
        )
        .route(
            "/jobs/{id}/apply",
            post(crate::uploads::apply).layer(axum::extract::DefaultBodyLimit::max(upload_limit)),
        )
        .route("/files/{id}", crate::uploads::download(Download::Material))
        .route("/files/cv/{id}", crate::uploads::download(Download::Cv))
        .route(
            "/concerns/{id}/files",
            post(crate::uploads::upload_concern_file)
                .layer(axum::extract::DefaultBodyLimit::max(upload_limit)),
        )
        .route(
            "/files/concern/{id}",
            crate::uploads::download(Download::ConcernFile),
        )
        .route(
            "/incubation/applications/{id}/plan",
            post(crate::uploads::upload_business_plan)
                .layer(axum::extract::DefaultBodyLimit::max(upload_limit)),
        )
        .route(
            "/files/plan/{id}",
            crate::uploads::download(Download::BusinessPlan),
        )
        .route(
            "/employer/licence",
            post(crate::uploads::upload_licence)
                .layer(axum::extract::DefaultBodyLimit::max(upload_limit)),
        )
        .route(
            "/files/licence/{id}",
            crate::uploads::download(Download::Licence),
        )
        .route("/jobs/stats.csv", get(crate::exports::demand_csv))
        .route("/staff/exports/{file}", get(crate::exports::staff_export))
        .route("/statistics.csv", get(crate::exports::open_data_csv))
        .route("/account/{file}", get(crate::exports::my_data))
        .route("/events/{id}/event.ics", get(crate::exports::event_ics))
        .route("/events/{id}/ticket.svg", get(crate::exports::event_ticket))
        .leptos_routes_with_context(&state, routes, state.provide(), {
            let options = state.leptos_options.clone();
            move || app::shell(options.clone())
        })
        .nest_service("/pkg", pkg)
        .route_service("/favicon.svg", favicon)
        .fallback(page_not_in_routes)
        .layer(axum::middleware::from_fn(with_error_status))
        .layer(axum::middleware::from_fn_with_state(
            security::GuardState {
                security: state.security.clone(),
                db: state.db.clone(),
                page_routes: state.page_routes.clone(),
            },
            security::guard,
        ))
        // Outside the guard, so refusals are counted too.
        .layer(axum::middleware::from_fn_with_state(
            state.metrics.clone(),
            crate::metrics::track,
        ))
        // Outside the layers that read bodies (the error status above).
        .layer(compression())
        .layer(
            ServiceBuilder::new()
                .layer(axum::middleware::from_fn_with_state(
                    state.security.trusted_proxy,
                    crate::request_id::with_request_id,
                ))
                .layer(CatchPanicLayer::custom(panic_page))
                .layer(
                    TraceLayer::new_for_http()
                        // Path only: query strings may carry personal data such as ID numbers.
                        // The request ID is in every line logged while the request is handled.
                        .make_span_with(|request: &Request| {
                            tracing::info_span!(
                                "request",
                                id = %crate::request_id::of(request),
                                method = %request.method(),
                                path = %request.uri().path(),
                            )
                        })
                        .on_request(())
                        .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
                )
                .layer(RequestBodyLimitLayer::new(body_limit))
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ))
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::REFERRER_POLICY,
                    HeaderValue::from_static("strict-origin-when-cross-origin"),
                ))
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::X_FRAME_OPTIONS,
                    HeaderValue::from_static("DENY"),
                ))
                // Pages set their own policy with the script nonce (see `app::shell`);
                // everything else may load nothing and be framed by no one.
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
                )),
        )
        .with_state(state)
}

/// Pages and server-function answers go out compressed (brotli, else gzip) when the
/// browser accepts it: a page's HTML shrinks to about a fifth. Nothing else is: the `/pkg`
/// files are compressed once at build time and served as they are, uploaded files (PDF,
/// images) are compressed already, and exports stream row by row to their progress bar,
/// which a compressor's buffering would hold back. A middle level: level 11 would cost
/// milliseconds per page for a few per cent.
fn compression()
-> tower_http::compression::CompressionLayer<impl tower_http::compression::Predicate> {
    use tower_http::compression::predicate::Predicate;
    use tower_http::compression::{CompressionLayer, CompressionLevel, DefaultPredicate};
    let page_or_answer =
        |_: StatusCode, _: http::Version, headers: &http::HeaderMap, _: &http::Extensions| {
            headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|t| t.starts_with("text/html") || t.starts_with("application/json"))
        };
    CompressionLayer::new()
        .quality(CompressionLevel::Precise(4))
        .compress_when(DefaultPredicate::new().and(page_or_answer))
}

/// `GET /healthz`: 200 when the database answers, 503 when it does not.
async fn healthz(State(state): State<AppState>) -> Response {
    let backend = state.db.backend().name();
    let (status, text) = match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(error) => {
            tracing::error!(%error, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "unavailable")
        }
    };
    let body = serde_json::json!({ "status": text, "database": backend });
    (
        status,
        [(header::CACHE_CONTROL, "no-store")],
        axum::Json(body),
    )
        .into_response()
}

async fn server_fn_handler(State(state): State<AppState>, request: Request) -> Response {
    leptos_axum::handle_server_fns_with_context(state.provide(), request)
        .await
        .into_response()
}

/// Server functions answer every error with 500; give each `AppError` its own status
/// (401, 403, 404, 409, …) so clients and logs can tell them apart. Form submissions
/// without JavaScript are redirects and stay as they are.
async fn with_error_status(request: Request, next: axum::middleware::Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key("serverfnerror")
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "error").into_response();
    };
    if let Ok(error) = serde_json::from_slice::<app::error::AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if let app::error::AppError::TooMany {
            retry_after_secs, ..
        } = error
        {
            parts
                .headers
                .insert(header::RETRY_AFTER, retry_after_secs.into());
        }
    }
    parts
        .headers
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Response::from_parts(parts, Body::from(bytes))
}

/// Any other address: the app renders its "page not found" view with status 404.
async fn page_not_in_routes(State(state): State<AppState>, request: Request<Body>) -> Response {
    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_async_with_context(state.provide(), move || {
        app::shell(options.clone())
    });
    render(request).await.into_response()
}

/// A panic never shows a stack trace: the visitor gets a plain page in both languages.
fn panic_page(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    let body = "<!DOCTYPE html><html lang=\"zh\"><head><meta charset=\"utf-8\">\
        <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
        <title>出错了 · Something went wrong</title></head><body>\
        <main><h1>出错了</h1><p>处理您的请求时出现问题，请稍后重试。</p>\
        <h1 lang=\"en\">Something went wrong</h1>\
        <p lang=\"en\">We could not complete your request. Please try again in a moment.</p>\
        <p><a href=\"/\">返回首页 · Back to the home page</a></p></main></body></html>";
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use app::accounts::access::{PUBLIC_PAGES, SIGNED_IN_PAGES};

    /// Every page route renders with `SsrMode::Async` (its "not found" and "not allowed"
    /// set the status while it renders, after its data has loaded), and says who may open
    /// it by being in exactly one of the two access lists.
    #[tokio::test]
    async fn every_page_route_is_async_and_in_one_access_list() {
        let routes = leptos_axum::generate_route_list(app::App);
        let mut problems = Vec::new();
        let mut pages = Vec::new();
        for route in &routes {
            let path = app::routing::normalize(route.path());
            if path.starts_with("/api") || pages.contains(&path) {
                continue;
            }
            if !matches!(route.mode(), app::routing::SsrMode::Async) {
                problems.push(format!("{path}: not SsrMode::Async"));
            }
            let lists = [PUBLIC_PAGES, SIGNED_IN_PAGES]
                .iter()
                .filter(|list| list.contains(&path.as_str()))
                .count();
            if lists != 1 {
                problems.push(format!("{path}: in {lists} access lists, not one"));
            }
            pages.push(path);
        }
        for listed in PUBLIC_PAGES.iter().chain(SIGNED_IN_PAGES) {
            if !pages.iter().any(|p| p == listed) {
                problems.push(format!("{listed}: listed, but no such page"));
            }
        }
        assert!(pages.len() > 60, "the router's pages were not found");
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
