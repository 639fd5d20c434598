//! The checks every request passes before it reaches a page or a server function:
//!
//! 1. **Where from**: the client's address (from the socket, or from `X-Forwarded-For`
//!    when `HUB_TRUSTED_PROXY` says a proxy in front sets it).
//! 2. **Cross-site request forgery**: a state-changing request (anything but GET, HEAD,
//!    OPTIONS) that a browser marks as coming from another site, or whose `Origin` is not
//!    the hub's, is refused with 403.
//! 3. **Who**: the session cookie is resumed against the database (idle and absolute
//!    timeouts, disabled accounts); the [`Caller`] goes into the request's extensions.
//! 4. **Default deny**: an anonymous call to a server function not on
//!    `PUBLIC_SERVER_FNS`, or to a page not on `PUBLIC_PAGES`, is refused before any
//!    application code runs. Role and ownership checks then happen inside each function.
//! 5. Responses to signed-in callers are never stored by caches (`Cache-Control: no-store`).
use app::accounts::access::{Caller, ClientIp, PUBLIC_PAGES, PUBLIC_SERVER_FNS};
use app::accounts::model::Role;
use app::accounts::{session, store};
use app::error::AppError;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;

/// Security settings from the configuration.
#[derive(Clone, Debug, Default)]
pub struct SecuritySettings {
    /// `https://hub.example.gov.cn`: the one origin state-changing requests may come from.
    /// Unset: the origin must match the request's own `Host`.
    pub public_origin: Option<String>,
    /// Take the client address from `X-Forwarded-For` (only behind a proxy that sets it).
    pub trusted_proxy: bool,
    /// Mark cookies `Secure` (the hub is served over HTTPS).
    pub secure_cookies: bool,
}

/// What the guard needs of the server's state.
#[derive(Clone)]
pub struct GuardState {
    pub security: SecuritySettings,
    pub db: app::db::Db,
    /// The page routes of the app, for the default-deny check.
    pub page_routes: std::sync::Arc<Vec<String>>,
}

pub async fn guard(State(state): State<GuardState>, mut request: Request, next: Next) -> Response {
    let ip = client_ip(&request, state.security.trusted_proxy);
    if let Err(refusal) = check_origin(&request, &state.security) {
        tracing::warn!(%ip, path = %request.uri().path(), reason = refusal, "cross-site request refused");
        return (
            StatusCode::FORBIDDEN,
            [(header::CACHE_CONTROL, "no-store")],
            "cross-site request refused",
        )
            .into_response();
    }

    let path = request.uri().path().to_string();
    let is_asset = path.starts_with("/pkg/") || path == "/favicon.svg" || path == "/healthz";
    let token = session::token_from_headers(request.headers());
    let mut caller = None;
    let mut stale_cookie = false;
    if let (Some(token), false) = (token.as_deref(), is_asset) {
        match store::resume_session(&state.db, token).await {
            Ok(Some(row)) => {
                caller = Some(Caller {
                    account_id: row.account_id,
                    role: Role::parse(&row.role).unwrap_or(Role::Visitor),
                    display_name: row.display_name,
                    session_key: row.id_hash,
                })
            }
            Ok(None) => stale_cookie = true,
            Err(error) => {
                tracing::error!(?error, "cannot resume a session");
                return (StatusCode::SERVICE_UNAVAILABLE, "service unavailable").into_response();
            }
        }
    }

    if caller.is_none()
        && let Some(refusal) = default_deny(&request, &path, &state.page_routes)
    {
        return with_cookie_cleanup(refusal, stale_cookie, state.security.secure_cookies);
    }

    let signed_in = caller.is_some();
    request.extensions_mut().insert(ClientIp(ip));
    if let Some(caller) = caller {
        request.extensions_mut().insert(caller);
    }
    let mut response = next.run(request).await;
    if signed_in && !is_asset {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    with_cookie_cleanup(response, stale_cookie, state.security.secure_cookies)
}

/// A cookie for a session that has ended is removed, so the browser stops sending it.
fn with_cookie_cleanup(mut response: Response, stale: bool, secure: bool) -> Response {
    if stale
        && !response.headers().contains_key(header::SET_COOKIE)
        && let Ok(value) = HeaderValue::from_str(&session::clearing_cookie(secure))
    {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

fn client_ip(request: &Request, trusted_proxy: bool) -> String {
    if trusted_proxy
        && let Some(forwarded) = request
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
        // The proxy appends the address it saw last; earlier entries are the client's claims.
        && let Some(last) = forwarded.rsplit(',').next().map(str::trim)
        && !last.is_empty()
    {
        return last.chars().take(64).collect();
    }
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// Refuses state-changing requests from other sites. Browsers send `Sec-Fetch-Site` and
/// `Origin` with every such request; clients without either (curl, the tests) are not
/// browsers carrying someone's cookie, and `SameSite=Lax` covers old browsers.
fn check_origin(request: &Request, settings: &SecuritySettings) -> Result<(), &'static str> {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return Ok(());
    }
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return Err("sec-fetch-site");
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return Ok(());
    };
    let origin = origin.to_str().map_err(|_| "origin")?;
    if origin_allowed(origin, headers, settings) {
        Ok(())
    } else {
        Err("origin")
    }
}

fn origin_allowed(origin: &str, headers: &HeaderMap, settings: &SecuritySettings) -> bool {
    let Some(origin) = crate::config::parse_origin(origin) else {
        return false;
    };
    if let Some(public) = &settings.public_origin {
        return origin == *public;
    }
    // Without a configured origin, the origin must be this server as the browser reached
    // it: scheme, host and port. The hub itself speaks plain HTTP; only a trusted proxy
    // can say the browser used HTTPS.
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let forwarded_https = settings.trusted_proxy
        && headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|proto| proto.trim().eq_ignore_ascii_case("https"));
    let scheme = if forwarded_https { "https" } else { "http" };
    crate::config::parse_origin(&format!("{scheme}://{host}")).is_some_and(|own| own == origin)
}

/// The refusal for an anonymous request to something that needs an account, if it does.
fn default_deny(request: &Request, path: &str, page_routes: &[String]) -> Option<Response> {
    if let Some(function) = path.strip_prefix("/api/") {
        let _ = function;
        if PUBLIC_SERVER_FNS.contains(&path) {
            return None;
        }
        if accepts_html(request.headers()) && request.method() == Method::POST {
            // A plain form without JavaScript: go and sign in, then come back.
            let back = referer_path(request.headers()).unwrap_or_else(|| "/".into());
            return Some(redirect_to_sign_in(&back));
        }
        return Some(unauthenticated_json());
    }
    if let Some(route) = app::routing::route_of(page_routes, path)
        && !PUBLIC_PAGES.contains(&route)
    {
        let target = request
            .uri()
            .path_and_query()
            .map(|pq| pq.as_str().to_string())
            .unwrap_or_else(|| path.to_string());
        return Some(redirect_to_sign_in(&target));
    }
    None
}

fn accepts_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

fn referer_path(headers: &HeaderMap) -> Option<String> {
    let referer = headers.get(header::REFERER)?.to_str().ok()?;
    let after_scheme = referer.split_once("://").map(|(_, rest)| rest)?;
    let path = &after_scheme[after_scheme.find('/')?..];
    Some(path.to_string())
}

fn redirect_to_sign_in(next: &str) -> Response {
    let location = format!("/signin?next={}", app::format::url_encode(next));
    Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header(header::LOCATION, location)
        .header(header::CACHE_CONTROL, "no-store")
        .body(Body::empty())
        .unwrap_or_default()
}

/// What a server function itself would answer: the encoded `AppError` with status 401.
fn unauthenticated_json() -> Response {
    let body = serde_json::to_string(&AppError::Unauthenticated).unwrap_or_default();
    Response::builder()
        .status(StatusCode::UNAUTHORIZED)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CACHE_CONTROL, "no-store")
        .header("serverfnerror", "unauthenticated")
        .body(Body::from(body))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn referer_paths() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::REFERER,
            "http://hub.example/account?x=1".parse().unwrap(),
        );
        assert_eq!(referer_path(&headers).as_deref(), Some("/account?x=1"));
    }
}
