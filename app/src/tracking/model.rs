//! Tracking rules (both targets).
use crate::accounts::model::Login;
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

/// A code is good for this long, and for this many tries.
pub const CODE_MINUTES: i64 = 15;
pub const CODE_TRIES: i64 = 5;
/// A confirmed lookup shows the timeline for this long.
pub const GRANT_MINUTES: i64 = 30;
/// The cookie that holds the grant while the timeline is open.
pub const GRANT_COOKIE: &str = "hub_track";
/// Lookups one network address may start per hour.
pub const REQUESTS_PER_HOUR: i64 = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TrackedKind {
    Case,
    Concern,
}

/// A number as people type it (`lj-2026-000123 `): upper-cased and checked. Cases are
/// `LJ-YYYY-NNNNNN`, concerns `SQ-YYYY-NNNNNN`.
pub fn parse_number(input: &str) -> Result<(TrackedKind, String), FieldError> {
    let number = input.trim().to_uppercase();
    let bad = FieldError {
        field: "number",
        message: "err_track_number",
    };
    let kind = match number.get(..3) {
        Some("LJ-") => TrackedKind::Case,
        Some("SQ-") => TrackedKind::Concern,
        _ => return Err(bad),
    };
    let rest = number.as_bytes();
    let shape = rest.len() == 14
        && rest[3..7].iter().all(u8::is_ascii_digit)
        && rest[7] == b'-'
        && rest[8..].iter().all(u8::is_ascii_digit);
    if shape { Ok((kind, number)) } else { Err(bad) }
}

/// The e-mail address or mobile number on file, normalised as at sign-in.
pub fn parse_contact(input: &str) -> Result<Login, FieldError> {
    Login::parse(input).map_err(|e| FieldError {
        field: "contact",
        message: e.message,
    })
}

/// A one-time code as typed: six digits, spaces ignored.
pub fn parse_code(input: &str) -> Result<String, FieldError> {
    let code: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(code)
    } else {
        Err(FieldError {
            field: "code",
            message: "err_track_code",
        })
    }
}

/// One public entry of the timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackedEvent {
    pub at: i64,
    /// Cases: a transition name; concerns: an action name.
    pub kind: String,
    pub text: String,
}

/// What a confirmed lookup shows: no names, no internal notes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tracked {
    pub kind: TrackedKind,
    pub number: String,
    /// The service item (cases) or the concern's subject, in both languages.
    pub title: crate::common::text::Text,
    /// The state's code (`under_review`, `answered`, …); the page words it.
    pub state: String,
    pub due_on: Option<String>,
    pub events: Vec<TrackedEvent>,
    /// A concern raised without an account: what its visitor may do here (confirm, reopen,
    /// rate), since they cannot sign in.
    pub visitor: Option<crate::concerns::model::VisitorChoices>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_contacts_and_codes_are_read_as_typed() {
        assert_eq!(
            parse_number(" lj-2026-000123 "),
            Ok((TrackedKind::Case, "LJ-2026-000123".into()))
        );
        assert_eq!(
            parse_number("SQ-2026-000007").unwrap().0,
            TrackedKind::Concern
        );
        for bad in [
            "",
            "LJ-2026-12345",
            "XX-2026-000001",
            "LJ-20a6-000001",
            "LJ-2026-0000001",
        ] {
            assert_eq!(
                parse_number(bad).unwrap_err().message,
                "err_track_number",
                "{bad}"
            );
        }
        assert_eq!(
            parse_contact("Li@Example.CN"),
            Ok(Login::Email("li@example.cn".into()))
        );
        assert_eq!(
            parse_contact("+86 138-0013-8000"),
            Ok(Login::Phone("13800138000".into()))
        );
        assert_eq!(parse_contact("nope").unwrap_err().field, "contact");
        assert_eq!(parse_code(" 123 456 "), Ok("123456".into()));
        assert!(parse_code("12345").is_err());
        assert!(parse_code("12345a").is_err());
    }
}
