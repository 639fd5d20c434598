//! The session cookie (ssr only). The cookie holds a random 256-bit identifier; the
//! database holds only its SHA-256 (see `store::session_key`).
use crate::cookies::{append_set_cookie, secure_attribute};
use leptos::prelude::*;

pub const SESSION_COOKIE: &str = "hub_session";

/// The `Set-Cookie` value that starts a session.
pub fn session_cookie(token: &str, max_age_secs: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}"
    )
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clearing_cookie(secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}")
}

/// Sends the new session's cookie with the current response.
pub fn set_session_cookie(token: &str, max_age_secs: i64) {
    append_set_cookie(&session_cookie(
        token,
        max_age_secs,
        !secure_attribute().is_empty(),
    ));
}

/// Tells the browser to forget its session cookie.
pub fn clear_session_cookie() {
    append_set_cookie(&clearing_cookie(!secure_attribute().is_empty()));
}

/// The session cookie value sent with the current request, valid or not.
pub fn request_session_token() -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    token_from_headers(&parts.headers)
}

/// Finds `hub_session=…` among the request's cookies.
pub fn token_from_headers(headers: &http::HeaderMap) -> Option<String> {
    crate::cookies::from_headers(headers, SESSION_COOKIE)
        .filter(|value| !value.is_empty() && value.len() <= 128)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_attributes() {
        let cookie = session_cookie("abc", 60, false);
        assert_eq!(
            cookie,
            "hub_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=60"
        );
        assert!(session_cookie("abc", 60, true).ends_with("; Secure"));
        assert!(clearing_cookie(false).contains("Max-Age=0"));
    }

    #[test]
    fn token_is_found_among_cookies() {
        let mut headers = http::HeaderMap::new();
        headers.insert(
            http::header::COOKIE,
            "hub_lang=en; hub_session=deadbeef; other=1"
                .parse()
                .unwrap(),
        );
        assert_eq!(token_from_headers(&headers).as_deref(), Some("deadbeef"));
        headers.insert(http::header::COOKIE, "hub_session=".parse().unwrap());
        assert_eq!(token_from_headers(&headers), None);
    }
}
