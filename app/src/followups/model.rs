//! Follow-up rules (both targets).
use crate::common::text::Text;
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

/// Working days the office has to call back and fix.
pub const FOLLOW_UP_DAYS: u32 = 15;

/// Ratings at or below this open a follow-up.
pub const BAD_RATING: u8 = 2;

pub fn opens_follow_up(rating: u8) -> bool {
    (1..=BAD_RATING).contains(&rating)
}

/// What staff write when they finish a follow-up: both parts, each at most 1,000
/// characters.
pub fn check_follow_up(callback: &str, fix: &str) -> Result<(String, String), FieldError> {
    let check = |field: &'static str, text: &str| {
        let text = text.trim();
        if text.is_empty() {
            Err(FieldError {
                field,
                message: "err_required",
            })
        } else if text.chars().count() > 1000 {
            Err(FieldError {
                field,
                message: "err_too_long",
            })
        } else {
            Ok(text.to_string())
        }
    };
    Ok((check("callback", callback)?, check("fix", fix)?))
}

crate::string_enum! {
    /// Where an appeal of the rating stands (stored empty while there is none).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum AppealState {
        None => "",
        Pending => "pending",
        /// The rating was changed as asked.
        Granted => "granted",
        Declined => "declined",
    }
}

/// What was rated badly: a case (its service) or a concern (its answer).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rated {
    Case(i64),
    Concern(i64),
}

impl Rated {
    /// From the `kind` and `id` a form or request carries.
    pub fn parse(kind: &str, id: i64) -> Option<Rated> {
        match kind {
            "case" => Some(Rated::Case(id)),
            "concern" => Some(Rated::Concern(id)),
            _ => None,
        }
    }

    pub fn kind(self) -> &'static str {
        match self {
            Rated::Case(_) => "case",
            Rated::Concern(_) => "concern",
        }
    }

    pub fn id(self) -> i64 {
        match self {
            Rated::Case(id) | Rated::Concern(id) => id,
        }
    }

    /// The page of the case or concern.
    pub fn link(self) -> String {
        match self {
            Rated::Case(id) => format!("/cases/{id}"),
            Rated::Concern(id) => format!("/concerns/{id}"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub id: i64,
    pub about: Rated,
    pub number: String,
    /// The service of a case, or the subject of a concern.
    pub item_name: Text,
    pub rating: u8,
    pub comment: String,
    pub opened_at: i64,
    pub due_on: String,
    pub overdue: bool,
    pub done: bool,
    pub callback_note: String,
    pub fix_note: String,
    pub done_by: Option<String>,
    pub done_at: Option<i64>,
    pub appeal: AppealState,
    pub appeal_rating: Option<u8>,
    pub appeal_text: String,
    pub appeal_answer: String,
    /// Whether the reader may appeal the rating now (its giver, once).
    pub may_appeal: bool,
    pub version: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpList {
    pub open: Vec<FollowUp>,
    pub appeals: Vec<FollowUp>,
    pub done: Vec<FollowUp>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dissatisfied_and_very_dissatisfied_open_a_follow_up() {
        assert!(opens_follow_up(1) && opens_follow_up(2));
        assert!(!opens_follow_up(3) && !opens_follow_up(5) && !opens_follow_up(0));
    }

    #[test]
    fn a_rated_thing_round_trips_through_a_form() {
        for rated in [Rated::Case(7), Rated::Concern(9)] {
            assert_eq!(Rated::parse(rated.kind(), rated.id()), Some(rated));
        }
        assert_eq!(Rated::parse("job", 1), None);
        assert_eq!(Rated::Concern(9).link(), "/concerns/9");
    }

    #[test]
    fn both_notes_are_needed() {
        assert_eq!(
            check_follow_up(" 已回访 ", "已改进").unwrap(),
            ("已回访".into(), "已改进".into())
        );
        assert_eq!(check_follow_up("", "x").unwrap_err().field, "callback");
        assert_eq!(check_follow_up("x", " ").unwrap_err().field, "fix");
        assert_eq!(
            check_follow_up("x", &"长".repeat(1001))
                .unwrap_err()
                .message,
            "err_too_long"
        );
    }
}
