//! The signed-in caller as an extractor for the server's own handlers (uploads, downloads,
//! exports). The guard (`security::guard`) puts the session's `Caller` in the request's
//! extensions; a handler that takes `SignedIn` answers 401 without one, and one that takes
//! `Option<SignedIn>` decides for itself (a sign-in redirect, a 404).
use app::accounts::access::Caller;
use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::StatusCode;
use axum::http::request::Parts;
use std::convert::Infallible;

pub struct SignedIn(pub Caller);

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<SignedIn, StatusCode> {
        parts
            .extensions
            .get::<Caller>()
            .cloned()
            .map(SignedIn)
            .ok_or(StatusCode::UNAUTHORIZED)
    }
}

impl<S: Send + Sync> OptionalFromRequestParts<S> for SignedIn {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Option<SignedIn>, Infallible> {
        Ok(parts.extensions.get::<Caller>().cloned().map(SignedIn))
    }
}

/// The client's address the guard found (the socket's, or a trusted proxy's
/// `X-Forwarded-For`), for handlers that record or limit by it.
pub fn client_ip(extensions: &axum::http::Extensions) -> String {
    extensions
        .get::<app::accounts::access::ClientIp>()
        .map(|ip| ip.0.clone())
        .unwrap_or_default()
}
