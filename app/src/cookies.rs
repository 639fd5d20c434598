//! Reading and setting cookies in server functions and pages rendered on the server (ssr
//! only). Every cookie the hub sets is `HttpOnly` and `SameSite`, and `Secure` when the hub is
//! served over HTTPS.
use leptos::prelude::*;

/// Whether cookies get the `Secure` attribute: on when the hub is served over HTTPS.
/// Provided as context by the server from its configuration.
#[derive(Clone, Copy, Debug, Default)]
pub struct CookieSecurity {
    pub secure: bool,
}

/// `; Secure` when the hub is served over HTTPS, else nothing.
pub fn secure_attribute() -> &'static str {
    if use_context::<CookieSecurity>().unwrap_or_default().secure {
        "; Secure"
    } else {
        ""
    }
}

/// Sends a `Set-Cookie` header with the current response.
pub fn append_set_cookie(value: &str) {
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(value),
    ) {
        response.append_header(http::header::SET_COOKIE, value);
    }
}

/// The value of cookie `name` among `headers`, if present and not overlong.
pub fn from_headers(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(found, _)| *found == name)
        .map(|(_, value)| value.to_string())
        .filter(|value| value.len() <= 256)
}

/// The value of cookie `name` sent with the current request.
pub fn from_request(name: &str) -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    from_headers(&parts.headers, name)
}
