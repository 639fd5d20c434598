//! Every request gets an ID, sent back in `X-Request-Id` and written in every log line
//! logged while it is handled, so a complaint ("it failed at 10:02", with the ID from
//! the browser's developer tools or nginx's log) leads to the server's account of it.
//! Behind a trusted proxy the proxy's ID is kept (nginx: `$request_id`), so both logs
//! carry the same one; otherwise a client's header is replaced, never trusted.
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

pub async fn with_request_id(
    State(trusted_proxy): State<bool>,
    mut request: Request,
    next: Next,
) -> Response {
    let given = request
        .headers()
        .get(&X_REQUEST_ID)
        .filter(|_| trusted_proxy)
        .filter(|value| acceptable(value.as_bytes()))
        .cloned();
    let id = given.unwrap_or_else(|| {
        HeaderValue::from_str(&hex::encode(rand::random::<[u8; 16]>()))
            .expect("hex is a header value")
    });
    request.headers_mut().insert(X_REQUEST_ID, id.clone());
    let mut response = next.run(request).await;
    response.headers_mut().insert(X_REQUEST_ID, id);
    response
}

/// The ID [`with_request_id`] gave the request.
pub fn of(request: &Request) -> &str {
    request
        .headers()
        .get(&X_REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
}

/// A proxy's ID is kept if it looks like one: letters, digits and dashes, 8 to 64.
fn acceptable(id: &[u8]) -> bool {
    (8..=64).contains(&id.len()) && id.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_plain_ids_of_a_sensible_length_are_kept() {
        assert!(super::acceptable(b"4f1c2a9be0d34c5f8a6b7c8d9e0f1a2b"));
        assert!(!super::acceptable(b"short"));
        assert!(!super::acceptable(b"has spaces in it"));
        assert!(!super::acceptable("x".repeat(65).as_bytes()));
    }
}
