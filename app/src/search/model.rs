//! What a search is for and what it finds (both targets).
use crate::common::text::Text;
use serde::{Deserialize, Serialize};

/// How a query is read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Query {
    /// `LJ-2026-000123`
    CaseNumber(String),
    /// `SQ-2026-000007`
    ConcernNumber(String),
    Phone(String),
    /// A whole mainland ID number (18 characters).
    IdNumber(String),
    /// Six trailing characters: an ID number's tail, or a case or concern number's
    /// sequence.
    Tail(String),
    Name(String),
}

/// Reads what staff typed. `None` for nothing useful (empty, or one character).
pub fn read_query(input: &str) -> Option<Query> {
    let text = input.trim();
    let upper = text.to_uppercase();
    if let Ok((kind, number)) = crate::tracking::model::parse_number(&upper) {
        return Some(match kind {
            crate::tracking::model::TrackedKind::Case => Query::CaseNumber(number),
            crate::tracking::model::TrackedKind::Concern => Query::ConcernNumber(number),
        });
    }
    let id_like = |s: &str| {
        let b = s.as_bytes();
        !b.is_empty()
            && b[..b.len() - 1].iter().all(u8::is_ascii_digit)
            && (b[b.len() - 1].is_ascii_digit() || b[b.len() - 1] == b'X')
    };
    if upper.len() == 18 && id_like(&upper) {
        return Some(Query::IdNumber(upper));
    }
    if let Ok(phone) = crate::accounts::model::normalize_mobile(text) {
        return Some(Query::Phone(phone));
    }
    if upper.len() == 6 && id_like(&upper) {
        return Some(Query::Tail(upper));
    }
    (text.chars().count() >= 2 && text.chars().count() <= 50).then(|| Query::Name(text.to_string()))
}

impl Query {
    /// How the audit log records a search: the kind, never the number searched for.
    pub fn audit_label(&self) -> Option<&'static str> {
        match self {
            Query::Phone(_) => Some("phone"),
            Query::IdNumber(_) => Some("id_number"),
            Query::Tail(_) => Some("id_tail"),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseHit {
    pub id: i64,
    pub number: String,
    pub item_name: Text,
    pub state: String,
    pub applicant: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConcernHit {
    pub id: i64,
    pub number: String,
    pub subject: String,
    pub state: String,
    pub requester: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonHit {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub phone_masked: String,
    pub email: String,
    pub id_masked: String,
    pub cases: Vec<CaseHit>,
    pub concerns: Vec<ConcernHit>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    pub cases: Vec<CaseHit>,
    pub concerns: Vec<ConcernHit>,
    pub people: Vec<PersonHit>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_read_by_their_shape() {
        assert_eq!(
            read_query(" lj-2026-000123"),
            Some(Query::CaseNumber("LJ-2026-000123".into()))
        );
        assert_eq!(
            read_query("SQ-2026-000007"),
            Some(Query::ConcernNumber("SQ-2026-000007".into()))
        );
        assert_eq!(
            read_query("11010519491231002x"),
            Some(Query::IdNumber("11010519491231002X".into()))
        );
        assert_eq!(
            read_query("138 0013 8000"),
            Some(Query::Phone("13800138000".into()))
        );
        assert_eq!(read_query("31002X"), Some(Query::Tail("31002X".into())));
        assert_eq!(read_query("000123"), Some(Query::Tail("000123".into())));
        assert_eq!(read_query("李明"), Some(Query::Name("李明".into())));
        assert_eq!(read_query("李"), None);
        assert_eq!(read_query("  "), None);
        assert_eq!(Query::IdNumber("x".into()).audit_label(), Some("id_number"));
        assert_eq!(Query::Name("x".into()).audit_label(), None);
    }
}
