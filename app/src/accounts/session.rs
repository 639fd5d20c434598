//! The session cookie (ssr only). The cookie holds a random 256-bit identifier; the
//! database holds only its SHA-256 (see `store::session_key`).
use leptos::prelude::*;

pub const SESSION_COOKIE: &str = "hub_session";

/// Whether cookies get the `Secure` attribute: on when the hub is served over HTTPS.
/// Provided as context by the server from its configuration.
#[derive(Clone, Copy, Debug, Default)]
pub struct CookieSecurity {
    pub secure: bool,
}

/// The address the public reaches the hub at (`HUB_PUBLIC_URL`, `https://host`), for
/// links in messages. Provided as context by the server from its configuration.
#[derive(Clone, Debug, Default)]
pub struct PublicOrigin(pub Option<String>);

/// The origin links in messages start with: the configured public address; without one
/// (development only: production refuses to start without it), the request's own host.
pub fn link_origin() -> String {
    if let Some(origin) = use_context::<PublicOrigin>().and_then(|o| o.0) {
        return origin.trim_end_matches('/').to_string();
    }
    let host = use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(http::header::HOST)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        })
        .filter(|host| {
            !host.is_empty()
                && host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        })
        .unwrap_or_else(|| "127.0.0.1:3000".into());
    format!("http://{host}")
}

fn secure_attribute() -> &'static str {
    if use_context::<CookieSecurity>().unwrap_or_default().secure {
        "; Secure"
    } else {
        ""
    }
}

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

fn append_set_cookie(value: String) {
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&value),
    ) {
        response.append_header(http::header::SET_COOKIE, value);
    }
}

/// Sends the new session's cookie with the current response.
pub fn set_session_cookie(token: &str, max_age_secs: i64) {
    append_set_cookie(session_cookie(
        token,
        max_age_secs,
        !secure_attribute().is_empty(),
    ));
}

/// Tells the browser to forget its session cookie.
pub fn clear_session_cookie() {
    append_set_cookie(clearing_cookie(!secure_attribute().is_empty()));
}

/// The session cookie value sent with the current request, valid or not.
pub fn request_session_token() -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    token_from_headers(&parts.headers)
}

/// Finds `hub_session=…` among the request's cookies.
pub fn token_from_headers(headers: &http::HeaderMap) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_string())
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
