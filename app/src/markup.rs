//! Text placed where the HTML renderer does not escape it by itself.
//!
//! Leptos escapes text children and attribute values, but not the contents of elements it
//! treats as raw text: `<textarea>` (its children are written as they are) and the
//! document `<title>` that `leptos_meta` writes into the head (upstream:
//! leptos-rs/leptos, `leptos_meta` `ServerMetaContextOutput::inject_meta_context` pushes the
//! title string unescaped). HTML parses both as *escapable raw text*: character references
//! are decoded there, so escaping on the server shows the text exactly as typed, while a
//! `</title>` or `</textarea>` in the text can no longer end the element. In the browser the
//! same text becomes a DOM text node or `document.title`, which need no escaping, so the
//! browser build passes it through unchanged (and hydration never re-reads these children).

/// Characters that change the direction text is shown in (embeddings, overrides, isolates
/// and marks): in a file name or a link they make `invoice\u{202E}fdp.exe` read as
/// `invoiceexe.pdf`. Stripped from stored file names and refused in addresses.
pub const BIDI_CONTROLS: &[char] = &[
    '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}',
    '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
];

/// `text` for the contents of a `<title>` or `<textarea>` rendered by the server.
pub fn escapable_raw_text(text: impl Into<String>) -> String {
    let text = text.into();
    #[cfg(feature = "ssr")]
    {
        html_escape::encode_text(&text).into_owned()
    }
    #[cfg(not(feature = "ssr"))]
    {
        text
    }
}

/// A JSON document for a `<script type="application/ld+json">` element: no `<` can end the
/// element early, and the line separators JavaScript parsers once rejected are escaped.
pub fn json_in_script(value: &serde_json::Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_text_cannot_end_its_element() {
        let text = "</title><meta http-equiv=refresh content=\"0;url=/x\"> & </textarea>";
        let escaped = escapable_raw_text(text);
        assert!(!escaped.contains('<'), "{escaped}");
        assert!(escaped.contains("&lt;/title&gt;"));
        assert!(escaped.contains("&amp;"));
        assert_eq!(escapable_raw_text("两江 · Hub"), "两江 · Hub");
    }

    #[test]
    fn json_cannot_end_the_script() {
        let value = serde_json::json!({ "name": "</script><script>alert(1)</script> & \u{2028}" });
        let json = json_in_script(&value);
        assert!(!json.contains('<') && !json.contains('>') && !json.contains('\u{2028}'));
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back, value);
    }

    /// Every `<textarea>` in the pages either starts empty or passes its text through
    /// [`escapable_raw_text`]: the renderer would write anything else unescaped.
    #[test]
    fn every_textarea_escapes_its_text() {
        fn visit(dir: &std::path::Path, found: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    visit(&path, found);
                } else if path.extension().is_some_and(|e| e == "rs")
                    && !path.ends_with("markup.rs")
                {
                    let source = std::fs::read_to_string(&path).unwrap();
                    let mut rest = source.as_str();
                    while let Some(start) = rest.find("<textarea") {
                        let element = &rest[start..];
                        let open_end = element.find('>').expect("textarea start tag ends");
                        let close = element.find("</textarea>").expect("textarea is closed");
                        let contents = element[open_end + 1..close].trim();
                        if !contents.is_empty() && !contents.starts_with("{escapable_raw_text(") {
                            found.push(format!("{}: {contents}", path.display()));
                        }
                        rest = &element[close..];
                    }
                }
            }
        }
        let mut found = Vec::new();
        visit(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut found,
        );
        assert!(
            found.is_empty(),
            "textareas with unescaped text: {found:#?}"
        );
    }
}
