//! Enterprise verification states and the list staff work from.
use serde::{Deserialize, Serialize};

crate::string_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum Verification {
        Pending => "pending",
        Verified => "verified",
        Rejected => "rejected",
        Suspended => "suspended",
    }
}

impl Verification {
    /// What staff may decide from here, and whether the decision needs a reason.
    pub fn decisions(self) -> &'static [Verification] {
        match self {
            Verification::Pending => &[Verification::Verified, Verification::Rejected],
            Verification::Verified => &[Verification::Suspended],
            Verification::Rejected | Verification::Suspended => &[Verification::Verified],
        }
    }
}

/// Rejecting or suspending tells the enterprise why.
pub fn needs_reason(decision: Verification) -> bool {
    matches!(decision, Verification::Rejected | Verification::Suspended)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnterpriseSummary {
    pub id: i64,
    pub org_name: String,
    pub credit_code: String,
    pub contact_person: String,
    pub login: String,
    pub verification: Verification,
    pub note: String,
    pub registered_at: i64,
    pub version: i64,
    /// The business licence the enterprise uploaded, if any (optional).
    pub licence: Option<crate::jobs::model::FileInfo>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnterprisePage {
    pub items: Vec<EnterpriseSummary>,
    pub page: u32,
    pub has_more: bool,
}

pub const ENTERPRISE_PAGE_SIZE: u32 = 20;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_follow_the_state() {
        assert_eq!(
            Verification::Pending.decisions(),
            &[Verification::Verified, Verification::Rejected]
        );
        assert!(
            !Verification::Verified
                .decisions()
                .contains(&Verification::Verified)
        );
        assert!(needs_reason(Verification::Suspended));
        assert!(!needs_reason(Verification::Verified));
        for v in Verification::ALL {
            assert_eq!(Verification::parse(v.as_str()), Some(v));
        }
    }
}
