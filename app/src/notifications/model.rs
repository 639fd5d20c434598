//! Notifications as their reader sees them.
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub id: i64,
    pub at: i64,
    pub case_id: Option<i64>,
    pub case_number: Option<String>,
    /// What happened: a case transition's name, or `extend`.
    pub kind: String,
    pub read: bool,
    /// For notifications about other things than cases: the page, and what it is about.
    pub link: Option<String>,
    pub subject: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationPage {
    pub items: Vec<Notification>,
    pub page: u32,
    pub has_more: bool,
}

pub const NOTIFICATION_PAGE_SIZE: u32 = 20;

/// A value for an e-mail header (the address, the subject): one line, whatever the text
/// it was made from. A team name or a concern subject with a line break in it would
/// otherwise end the header and start another (`Bcc: …`) in the mail written to the
/// outbox's files or sent by SMTP. Every line break and other control character becomes
/// one space (a run of them, one space in all), Unicode line and paragraph separators
/// included; the ends are trimmed.
pub fn header_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_break = false;
    for c in text.chars() {
        if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
            if !in_break {
                out.push(' ');
            }
            in_break = true;
        } else {
            out.push(c);
            in_break = false;
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_values_are_one_line() {
        assert_eq!(
            header_value("Team\r\nBcc: x@evil.example"),
            "Team Bcc: x@evil.example"
        );
        for text in [
            "a\rb",
            "a\nb",
            "a\r\n\r\nb",
            "a\tb",
            "a\u{0}b",
            "a\u{85}b",
            "a\u{2028}b",
        ] {
            assert_eq!(header_value(text), "a b", "{text:?}");
        }
        assert_eq!(header_value("\r\n智行团队 \n"), "智行团队");
        assert_eq!(
            header_value("两江英才汇：办件 LJ-2026-000001 有新进展"),
            "两江英才汇：办件 LJ-2026-000001 有新进展"
        );
    }
}
