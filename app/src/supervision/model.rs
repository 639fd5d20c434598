//! Open work, staff load and bulk reassignment (both targets).
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

/// Most items moved in one go (a page of the list).
pub const MAX_PICKED: usize = 200;

/// Case states in which the office owes the next step.
pub const OFFICE_CASE_STATES: &str = "'submitted', 'confirmed', 'under_review', 'supplement_requested', 'pending_sign_off', 'approved'";

crate::string_enum! {
    /// The kind of work a supervisor hands on.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum WorkKind {
        Cases => "cases",
        Concerns => "concerns",
    }
}

/// One staff member's open work now (`staff_id` 0: nobody has it yet).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffLoad {
    pub staff_id: i64,
    pub name: String,
    pub open_cases: i64,
    pub overdue_cases: i64,
    pub open_concerns: i64,
    pub overdue_concerns: i64,
}

/// The list on the supervisor's page: which kind, whose (`""` anyone, `"none"` nobody's,
/// or a staff member's id) and only overdue ones.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkQuery {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub holder: String,
    #[serde(default)]
    pub overdue: String,
}

/// One case or concern in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkItem {
    pub id: i64,
    pub version: i64,
    pub number: String,
    /// The service item (cases) or the subject (concerns).
    pub title: String,
    pub title_en: String,
    pub holder: Option<String>,
    pub due_on: Option<String>,
    pub overdue: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkOverview {
    pub load: Vec<StaffLoad>,
    pub items: Vec<WorkItem>,
    /// More match than the list shows.
    pub truncated: bool,
}

/// Reads the picked boxes, each `id:version` as the supervisor saw it.
pub fn parse_picked(picked: &[String]) -> Result<Vec<(i64, i64)>, FieldError> {
    let none = FieldError {
        field: "picked",
        message: "err_pick_some",
    };
    if picked.is_empty() {
        return Err(none);
    }
    if picked.len() > MAX_PICKED {
        return Err(FieldError {
            field: "picked",
            message: "err_pick_too_many",
        });
    }
    let mut out = Vec::with_capacity(picked.len());
    for p in picked {
        let (id, version) = p.split_once(':').ok_or(none.clone())?;
        let pair = (
            id.parse().map_err(|_| none.clone())?,
            version.parse().map_err(|_| none.clone())?,
        );
        if !out.contains(&pair) {
            out.push(pair);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picked_boxes_are_read_and_checked() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            parse_picked(&s(&["3:1", "9:4", "3:1"])),
            Ok(vec![(3, 1), (9, 4)])
        );
        assert_eq!(parse_picked(&[]).unwrap_err().message, "err_pick_some");
        assert_eq!(
            parse_picked(&s(&["x"])).unwrap_err().message,
            "err_pick_some"
        );
        let many: Vec<String> = (0..=MAX_PICKED).map(|i| format!("{i}:1")).collect();
        assert_eq!(
            parse_picked(&many).unwrap_err().message,
            "err_pick_too_many"
        );
    }
}
