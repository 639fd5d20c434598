//! `GET /metrics`: how the hub is doing, in the Prometheus text format, for the office's
//! monitoring. Served only to the addresses in `HUB_METRICS_ALLOW` or to a request with
//! `Authorization: Bearer <HUB_METRICS_TOKEN>`; with neither configured there is no such
//! page (404).
//!
//! - requests and their latency by route: the route's pattern (`/cases/{id}`), never the
//!   path itself, so a label cannot carry a case number or grow without bound;
//! - the database pools (connections open, idle, allowed) and how long write
//!   transactions waited for the writer connection;
//! - the outbox: messages waiting, messages given up on, failed delivery attempts;
//! - cases whose promised time runs: due within three working days, and overdue;
//! - failed sign-ins, by reason.
//!
//! Counters belong to one server process; Prometheus scrapes each server and adds them
//! up. The database figures are the same on every server (they are read at each scrape).
use app::db::Db;
use app::throttle::Quota;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Instant;

/// Who may read `/metrics` (from the configuration).
#[derive(Clone, Debug, Default)]
pub struct MetricsAccess {
    pub allow: Vec<IpAddr>,
    pub token: Option<String>,
}

/// What `GET /metrics` needs of the server's state.
#[derive(Clone)]
pub struct Scrape {
    pub metrics: Arc<Metrics>,
    pub access: MetricsAccess,
    pub db: Db,
}

/// Wrong tokens from one address: a few mistakes, not a search for the secret.
const WRONG_TOKEN_PER_ADDRESS: Quota = Quota {
    purpose: "metrics_token",
    max: 10,
    window_ms: 15 * 60 * 1000,
    message: "err_too_many_password_checks",
};

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: &'static str,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: &'static str,
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StateLabel {
    state: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PoolLabels {
    pool: &'static str,
    state: &'static str,
}

/// The figures one server keeps, and the registry that writes them out.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    durations: Family<RouteLabels, Histogram>,
    outbox: Family<StateLabel, Gauge>,
    deadlines: Family<StateLabel, Gauge>,
    pools: Family<PoolLabels, Gauge>,
    /// The server functions' paths: the only `/api/…` paths that become route labels.
    server_fns: HashSet<&'static str>,
}

impl Default for Metrics {
    fn default() -> Self {
        let requests = Family::<RequestLabels, Counter>::default();
        let durations = Family::<RouteLabels, Histogram>::new_with_constructor(
            (|| Histogram::new(exponential_buckets(0.005, 2.0, 11))) as fn() -> Histogram,
        );
        let (outbox, deadlines, pools) = (Family::default(), Family::default(), Family::default());
        let mut registry = Registry::default();
        registry.register(
            "hub_http_requests",
            "HTTP requests answered, by method, route pattern and status",
            requests.clone(),
        );
        registry.register(
            "hub_http_request_duration_seconds",
            "Seconds from a request's arrival to its response's headers, by route pattern",
            durations.clone(),
        );
        registry.register(
            "hub_db_pool_connections",
            "Database connections by pool (reader, writer): open, idle, and the most allowed",
            pools.clone(),
        );
        registry.register(
            "hub_db_write_wait_seconds",
            "Seconds a write transaction waited for the writer connection",
            (*app::metrics::WRITE_WAIT_SECONDS).clone(),
        );
        registry.register(
            "hub_outbox_messages",
            "Messages in the outbox not sent: pending (to be tried again) or given_up",
            outbox.clone(),
        );
        registry.register(
            "hub_outbox_failed_attempts",
            "Delivery attempts that failed (each is retried, up to a limit)",
            (*app::metrics::OUTBOX_FAILED_ATTEMPTS).clone(),
        );
        registry.register(
            "hub_cases_on_the_clock",
            "Cases whose promised time runs: due_soon (3 working days or fewer left) or overdue",
            deadlines.clone(),
        );
        registry.register(
            "hub_sign_in_failures",
            "Failed sign-ins by reason: credentials (wrong or unknown) or throttled",
            (*app::metrics::SIGN_IN_FAILURES).clone(),
        );
        let server_fns = leptos::server_fn::axum::server_fn_paths()
            .map(|(path, _)| path)
            .collect();
        Metrics {
            registry,
            requests,
            durations,
            outbox,
            deadlines,
            pools,
            server_fns,
        }
    }
}

impl Metrics {
    /// The route label of a request: its matched pattern; a server function's own path;
    /// `unmatched` for anything else, so made-up paths never become labels.
    fn route_of(&self, request: &Request) -> String {
        let path = request.uri().path();
        match request
            .extensions()
            .get::<MatchedPath>()
            .map(MatchedPath::as_str)
        {
            Some("/api/{*fn_name}") if self.server_fns.contains(path) => path.to_string(),
            Some("/api/{*fn_name}") => "/api/{unknown}".into(),
            Some(pattern) if pattern.starts_with("/pkg") => "/pkg/{file}".into(),
            Some(pattern) => pattern.to_string(),
            None => "unmatched".into(),
        }
    }

    /// The whole text, with the database figures read now.
    async fn render(&self, db: &Db) -> Result<String, app::error::AppError> {
        let (pending, given_up) = crate::outbox::backlog(db).await?;
        self.outbox
            .get_or_create(&StateLabel { state: "pending" })
            .set(pending);
        self.outbox
            .get_or_create(&StateLabel { state: "given_up" })
            .set(given_up);
        let today = app::common::date::today_in_china(app::db::now_ms());
        let (due_soon, overdue) = app::cases::store::deadline_counts(db, today).await?;
        self.deadlines
            .get_or_create(&StateLabel { state: "due_soon" })
            .set(due_soon);
        self.deadlines
            .get_or_create(&StateLabel { state: "overdue" })
            .set(overdue);
        for (pool, open, idle, max) in db.pool_sizes() {
            for (state, value) in [("open", open), ("idle", idle), ("max", max)] {
                self.pools
                    .get_or_create(&PoolLabels { pool, state })
                    .set(i64::from(value));
            }
        }
        let mut text = String::new();
        prometheus_client::encoding::prometheus_text::encode(&mut text, &self.registry)
            .map_err(|_| app::error::AppError::Internal)?;
        Ok(text)
    }
}

/// Counts every request and how long it took, under its route's pattern.
pub async fn track(State(metrics): State<Arc<Metrics>>, request: Request, next: Next) -> Response {
    let method = method_label(request.method());
    let route = metrics.route_of(&request);
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16();
    metrics
        .durations
        .get_or_create(&RouteLabels {
            method,
            route: route.clone(),
        })
        .observe(started.elapsed().as_secs_f64());
    metrics
        .requests
        .get_or_create(&RequestLabels {
            method,
            route,
            status,
        })
        .inc();
    response
}

/// Methods as labels: the usual ones by name, anything else as `other`.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// `GET /metrics`.
pub async fn serve(State(state): State<Scrape>, request: Request) -> Response {
    let access = &state.access;
    if access.allow.is_empty() && access.token.is_none() {
        return StatusCode::NOT_FOUND.into_response();
    }
    let ip = crate::caller::client_ip(request.extensions());
    let from_allowed_address = ip
        .parse::<IpAddr>()
        .is_ok_and(|ip| access.allow.contains(&ip));
    let presented = bearer_token(request.headers());
    let token_matches = match (&access.token, &presented) {
        (Some(expected), Some(given)) => same_secret(expected, given),
        _ => false,
    };
    if !from_allowed_address && !token_matches {
        if presented.is_some() {
            let refused = match state.db.writer().acquire().await {
                Ok(mut conn) => WRONG_TOKEN_PER_ADDRESS.take(&mut conn, &ip).await.is_err(),
                Err(_) => true,
            };
            if refused {
                return (StatusCode::TOO_MANY_REQUESTS, "too many wrong tokens").into_response();
            }
        }
        tracing::warn!(%ip, "metrics refused");
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
            "metrics: a configured address or the bearer token is needed",
        )
            .into_response();
    }
    match state.metrics.render(&state.db).await {
        Ok(text) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(
                        prometheus_client::encoding::prometheus_text::CONTENT_TYPE,
                    ),
                ),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            ],
            text,
        )
            .into_response(),
        Err(error) => {
            tracing::error!(?error, "metrics: cannot read the database figures");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

fn bearer_token(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_string())
}

/// Compares digests, so the time taken says nothing about how much of the token matched.
fn same_secret(expected: &str, given: &str) -> bool {
    let (a, b) = (Sha256::digest(expected), Sha256::digest(given));
    a.iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_bearer_token_of_the_same_value_matches() {
        let mut headers = HeaderMap::new();
        assert_eq!(bearer_token(&headers), None);
        headers.insert(header::AUTHORIZATION, "Basic abc".parse().unwrap());
        assert_eq!(bearer_token(&headers), None);
        headers.insert(
            header::AUTHORIZATION,
            "Bearer s3cret-token-value".parse().unwrap(),
        );
        let given = bearer_token(&headers).unwrap();
        assert!(same_secret("s3cret-token-value", &given));
        assert!(!same_secret("s3cret-token-valuf", &given));
        assert!(!same_secret("", &given));
    }

    #[test]
    fn unusual_methods_share_one_label() {
        assert_eq!(method_label(&Method::GET), "GET");
        assert_eq!(method_label(&Method::from_bytes(b"BREW").unwrap()), "other");
    }
}
