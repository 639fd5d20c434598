//! Links to what the server sends that is not a page: uploaded files, CSV tables, calendar
//! files. The client-side router takes over every same-origin link it is not told to leave
//! alone, and a path it has no page for ends on "Page not found"; `rel="external"` makes it
//! hand the click to the browser, which downloads or opens the file as without JavaScript.
use leptos::prelude::*;

/// Where links in e-mails and text messages point without a configured public address:
/// the development server's default address.
pub const DEVELOPMENT_ORIGIN: &str = "http://127.0.0.1:3000";

#[cfg(feature = "ssr")]
static PUBLIC_ORIGIN: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Sets, once at start, the address the public reaches the hub at (`HUB_PUBLIC_URL`, or the
/// address the server listens on in development). Messages are written by background jobs
/// too, which have no request to take a host from, so this is configuration, not context.
#[cfg(feature = "ssr")]
pub fn set_public_origin(origin: &str) {
    let _ = PUBLIC_ORIGIN.set(origin.trim_end_matches('/').to_string());
}

/// The origin (`https://host[:port]`) links in messages start with.
#[cfg(feature = "ssr")]
pub fn public_origin() -> &'static str {
    PUBLIC_ORIGIN
        .get()
        .map_or(DEVELOPMENT_ORIGIN, String::as_str)
}

/// `path` (`/cases/4`) as a link a mail reader can open (`https://host/cases/4`).
#[cfg(feature = "ssr")]
pub fn absolute(path: &str) -> String {
    format!("{}{path}", public_origin())
}

/// Whether a message text names one of the hub's pages by a bare path (`/track`), which no
/// mail reader or phone can open: a `/` starting a word, after a space, a full-width colon,
/// a bracket or a quote (an ASCII colon is left alone: it is how `https://` starts).
pub fn has_bare_path(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(3).any(|w| {
        let starts_word =
            w[0].is_whitespace() || matches!(w[0], '：' | '(' | '（' | '「' | '"' | '“');
        starts_word && w[1] == '/' && w[2].is_ascii_alphabetic()
    }) || (chars.first() == Some(&'/') && chars.get(1).is_some_and(char::is_ascii_alphabetic))
}

/// A link to a file or table the server sends (`/files/…`, `….csv`, `….ics`).
#[component]
pub fn FileLink(
    href: String,
    /// Ask the browser to save the file rather than open it.
    #[prop(optional)]
    download: bool,
    #[prop(optional, into)] testid: Option<String>,
    children: Children,
) -> impl IntoView {
    view! {
        <a class="text-blue-800 underline" rel="external" href=href download=download.then_some("") data-testid=testid>
            {children()}
        </a>
    }
}

#[cfg(test)]
mod tests {
    use super::has_bare_path;

    #[test]
    fn bare_paths_are_found_and_absolute_links_pass() {
        assert!(has_bare_path("请登录两江英才汇查看：/cases/4"));
        assert!(has_bare_path("open \"Follow a case\" (/track) on the hub"));
        assert!(has_bare_path("「我的团队」（/incubation/teams）"));
        assert!(has_bare_path("/jobs/7 is open"));
        assert!(!has_bare_path("查看：https://hub.example.gov.cn/cases/4"));
        assert!(!has_bare_path(
            "open http://127.0.0.1:3000/track with 2026/12/03"
        ));
        assert!(!has_bare_path("PDF/JPG, 1/2"));
        assert!(!has_bare_path("「Forum（中文） / Forum」有新消息"));
    }

    /// Paths of things the server sends that are not pages.
    const NOT_PAGES: &[&str] = &["\"/files", "/staff/exports/", ".csv", ".ics", ".json"];

    /// Every `<a …>` tag written in the app's views that points at a file carries
    /// `rel="external"`, so the router cannot catch it.
    #[test]
    fn every_link_to_a_file_leaves_the_router_alone() {
        let mut offenders = Vec::new();
        for (path, source) in crate::source_scan::rust_sources() {
            if path.components().any(|c| c.as_os_str() == "server") {
                continue;
            }
            for (at, _) in source.match_indices("<a ") {
                let tag = &source[at..];
                let tag = &tag[..tag
                    .find("\n")
                    .unwrap_or(tag.len())
                    .min(tag.find('>').map_or(tag.len(), |e| e + 1))];
                let to_file = tag.contains("href") && NOT_PAGES.iter().any(|p| tag.contains(p));
                if to_file && !tag.contains("rel=\"external\"") {
                    offenders.push(format!("{}: {tag}", path.display()));
                }
            }
        }
        assert!(
            offenders.is_empty(),
            "links to files without rel=\"external\" (use links::FileLink):\n{}",
            offenders.join("\n")
        );
    }
}
