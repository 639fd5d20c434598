//! Extension requests and the rule on how many days they may add.
use crate::error::AppError;
use serde::{Deserialize, Serialize};

crate::string_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum ExtensionState {
        /// Waiting for a supervisor.
        Pending => "pending",
        Approved => "approved",
        Declined => "declined",
    }
}

/// What the page says once a request is decided.
pub fn decided_notice(decided: ExtensionState) -> crate::notice::Done {
    match decided {
        ExtensionState::Approved => crate::notice::Done::ExtensionApproved,
        _ => crate::notice::Done::ExtensionDeclined,
    }
}

/// One request to extend a case's decision limit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    pub id: i64,
    pub case_id: i64,
    pub case_number: Option<String>,
    /// Working days asked for.
    pub days: u32,
    /// Why: the applicant reads it once the extension is approved.
    pub reason: String,
    pub state: ExtensionState,
    pub requested_by: String,
    pub requested_at: i64,
    pub decided_by: Option<String>,
    pub decided_at: Option<i64>,
    /// The supervisor's note to the office (required when declining).
    pub decision_note: String,
    /// The decision date once the extension was approved.
    pub new_due_on: Option<String>,
    pub version: i64,
}

/// A case's extensions as one viewer sees them: the applicant sees the approved ones
/// only; the office sees every request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseExtensions {
    pub items: Vec<Extension>,
    /// Working days the item still allows on this case.
    pub remaining_days: u32,
    /// The viewer is a supervisor who may decide the waiting request (not its author).
    pub may_decide: bool,
}

impl CaseExtensions {
    pub fn pending(&self) -> Option<&Extension> {
        self.items
            .iter()
            .find(|e| e.state == ExtensionState::Pending)
    }
}

/// The working days asked for, as typed: a whole number that, with the `granted` days,
/// stays within the item's `limit`.
pub fn check_days(text: &str, granted: u32, limit: u32) -> Result<u32, AppError> {
    let days: u32 = text
        .trim()
        .parse()
        .map_err(|_| AppError::invalid("days", "err_number"))?;
    within_limit(days, granted, limit)
}

/// `days` more working days, with the `granted` ones, stay within the item's `limit`.
pub fn within_limit(days: u32, granted: u32, limit: u32) -> Result<u32, AppError> {
    if days == 0 || granted.saturating_add(days) > limit {
        return Err(AppError::invalid("days", "err_extension_limit"));
    }
    Ok(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused_with(result: Result<u32, AppError>, key: &str) {
        match result {
            Err(AppError::Invalid { field, message }) => {
                assert_eq!((field.as_str(), message.as_str()), ("days", key));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn all_extensions_of_a_case_stay_within_the_items_limit() {
        assert_eq!(check_days("10", 0, 10).unwrap(), 10);
        assert_eq!(check_days(" 4 ", 6, 10).unwrap(), 4);
        refused_with(check_days("5", 6, 10), "err_extension_limit");
        refused_with(check_days("11", 0, 10), "err_extension_limit");
        assert_eq!(
            check_days("15", 0, 15).unwrap(),
            15,
            "where the item allows more"
        );
    }

    #[test]
    fn the_days_are_a_whole_positive_number() {
        refused_with(check_days("0", 0, 10), "err_extension_limit");
        refused_with(check_days("", 0, 10), "err_number");
        refused_with(check_days("-2", 0, 10), "err_number");
        refused_with(check_days("2.5", 0, 10), "err_number");
    }
}
