//! The page routes as the router knows them, and which paths they match.
//!
//! The server hands the route list it generated from [`crate::App`] to
//! [`remember_page_routes`] when it builds its router; the default-deny check and the
//! redirect after signing in both ask this module whether a path is one of the hub's pages.
//! Patterns are kept in Leptos's form (`/cases/:id`, `/files/*rest`); axum's form
//! (`/cases/{id}`, `/files/{*rest}`) is accepted and converted.

/// How a route renders on the server (every page is `Async`; the server's router test
/// checks it).
pub use leptos_router::SsrMode;

/// `/cases/{id}` → `/cases/:id`, `/x/{*rest}` → `/x/*rest`; Leptos patterns stay as they are.
pub fn normalize(pattern: &str) -> String {
    pattern
        .split('/')
        .map(
            |segment| match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(inner) => match inner.strip_prefix('*') {
                    Some(rest) => format!("*{rest}"),
                    None => format!(":{inner}"),
                },
                None => segment.to_string(),
            },
        )
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether a route pattern (`/cases/:id`, `/files/*rest`, or axum's `{id}`) matches `path`.
pub fn route_matches(pattern: &str, path: &str) -> bool {
    let pattern = normalize(pattern);
    let mut pattern_parts = pattern.trim_end_matches('/').split('/');
    let mut path_parts = path.trim_end_matches('/').split('/');
    loop {
        match (pattern_parts.next(), path_parts.next()) {
            (None, None) => return true,
            (Some(p), _) if p.starts_with('*') => return true,
            (Some(p), Some(s)) if p.starts_with(':') && !s.is_empty() => {}
            (Some(p), Some(s)) if p == s => {}
            _ => return false,
        }
    }
}

/// The route `path` belongs to among `routes`: an exact (static) route before a pattern.
pub fn route_of<'a>(routes: &'a [String], path: &str) -> Option<&'a str> {
    let trimmed = path.trim_end_matches('/');
    routes
        .iter()
        .find(|route| route.as_str() == path || route.as_str() == trimmed)
        .or_else(|| routes.iter().find(|route| route_matches(route, path)))
        .map(String::as_str)
}

/// Characters no address the hub hands to a browser may contain: controls (a tab or line
/// break is dropped by browsers' URL parsers, so `/\t/evil.example` becomes
/// `//evil.example`), whitespace, backslashes (read as `/`), direction controls and the
/// invisible zero-width characters that disguise what a link says.
fn forbidden_in_address(c: char) -> bool {
    c.is_control()
        || c.is_whitespace()
        || c == '\\'
        || crate::markup::BIDI_CONTROLS.contains(&c)
        || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2065}' | '\u{FEFF}')
}

/// `next` if it is a path (with an optional query) of one of `routes`, else `None`: no
/// scheme, no host, no `//`, nothing a browser could read as another site.
pub fn local_page<'a>(next: &'a str, routes: &[String]) -> Option<&'a str> {
    if !next.starts_with('/')
        || next.starts_with("//")
        || next.chars().any(forbidden_in_address)
        || next.contains('#')
    {
        return None;
    }
    let path = next.split('?').next().unwrap_or(next);
    // Percent-encoded slashes and dots are not how any page of the hub is addressed.
    let lower = path.to_ascii_lowercase();
    if lower.contains("%2f")
        || lower.contains("%5c")
        || lower.contains("%2e")
        || lower.contains("/./")
        || lower.contains("/../")
    {
        return None;
    }
    route_of(routes, path).map(|_| next)
}

#[cfg(feature = "ssr")]
mod known {
    use std::sync::OnceLock;

    static PAGE_ROUTES: OnceLock<Vec<String>> = OnceLock::new();

    /// Records the router's page routes (the first list given wins: it is the same list
    /// for every router the process builds).
    pub fn remember_page_routes(routes: &[String]) {
        let _ = PAGE_ROUTES.set(routes.iter().map(|r| super::normalize(r)).collect());
    }

    /// The page routes the server's router was built with (empty before it was built).
    pub fn page_routes() -> &'static [String] {
        PAGE_ROUTES.get().map(Vec::as_slice).unwrap_or(&[])
    }
}

#[cfg(feature = "ssr")]
pub use known::*;

/// `path` with `?next=` carrying the page to come back to, if there is one: signing in
/// and registering pass it on to each other, so neither loses where the person was going.
pub fn with_next(path: &str, next: &str) -> String {
    if next.is_empty() {
        path.to_string()
    } else {
        format!("{path}?next={}", crate::format::url_encode(next))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_in_both_forms() {
        assert_eq!(normalize("/cases/{id}"), "/cases/:id");
        assert_eq!(normalize("/files/{*rest}"), "/files/*rest");
        assert_eq!(
            normalize("/events/:id/registrations"),
            "/events/:id/registrations"
        );
        assert!(route_matches("/", "/"));
        assert!(route_matches("/account", "/account"));
        assert!(route_matches("/account", "/account/"));
        assert!(!route_matches("/account", "/accounts"));
        assert!(!route_matches("/account", "/"));
        assert!(route_matches("/cases/:id", "/cases/12"));
        assert!(route_matches("/cases/{id}", "/cases/12"));
        assert!(route_matches(
            "/events/{id}/registrations",
            "/events/1/registrations"
        ));
        assert!(!route_matches("/cases/:id", "/cases"));
        assert!(route_matches("/files/*rest", "/files/a/b"));
        assert!(route_matches("/files/{*rest}", "/files/a/b"));
    }

    #[test]
    fn exact_routes_before_patterns() {
        let routes = vec!["/jobs/:id".to_string(), "/jobs/stats".to_string()];
        assert_eq!(route_of(&routes, "/jobs/stats"), Some("/jobs/stats"));
        assert_eq!(route_of(&routes, "/jobs/7"), Some("/jobs/:id"));
        assert_eq!(route_of(&routes, "/nothing"), None);
    }

    /// Open-redirect bypasses collected from public lists (OWASP, PortSwigger and the
    /// browsers' URL parsing rules): none may leave the hub.
    #[test]
    fn only_known_local_pages() {
        let routes: Vec<String> = ["/", "/account", "/cases/:id", "/jobs"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(local_page("/account", &routes), Some("/account"));
        assert_eq!(local_page("/cases/12", &routes), Some("/cases/12"));
        assert_eq!(
            local_page("/jobs?industry=auto&page=2", &routes),
            Some("/jobs?industry=auto&page=2")
        );
        for bypass in [
            "//evil.example",
            "///evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/\t/evil.example/x",
            "/\n/evil.example",
            "/\r/evil.example",
            "/\u{0}/evil.example",
            "/ /evil.example",
            "/\u{3000}/evil.example",
            "/%09/evil.example",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "/%5Cevil.example",
            "/.//evil.example",
            "/./evil.example",
            "/../evil.example",
            "https://evil.example",
            "http:evil.example",
            "https:/evil.example",
            "javascript:alert(1)",
            "data:text/html,x",
            "evil.example",
            "@evil.example",
            "/\u{202e}elpmaxe.live",
            "/\u{200b}/evil.example",
            "/account#//evil.example",
            "/evil.example",
            "",
        ] {
            assert_eq!(local_page(bypass, &routes), None, "{bypass:?}");
        }
    }
}
