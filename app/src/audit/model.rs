//! Audit events as administrators see them.
use serde::{Deserialize, Serialize};

crate::string_enum! {
    /// What happened. Stored by name; the page shows a translated label.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum AuditAction {
        SignIn => "sign_in",
        SignOut => "sign_out",
        Registered => "registered",
        AccountCreated => "account_created",
        PasswordChanged => "password_changed",
        PasswordReset => "password_reset",
        SessionsEnded => "sessions_ended",
        RoleChanged => "role_changed",
        AccountDisabled => "account_disabled",
        AccountEnabled => "account_enabled",
        /// A policy or service item published by an administrator (detail: which, which version).
        ContentPublished => "content_published",
        /// A policy or service item taken off the public pages, or put back.
        ContentRetired => "content_retired",
        ContentRestored => "content_restored",
        /// Staff verified, rejected or suspended an enterprise (detail: decision and reason).
        EnterpriseVerification => "enterprise_verification",
        /// Staff approved a talent demand post or sent it back (detail: decision and reason).
        JobPostReview => "job_post_review",
        /// A supervisor gave cases or concerns to a staff member (detail: which, to whom).
        WorkReassigned => "work_reassigned",
        /// Staff downloaded an export (detail: which list and the filter).
        DataExported => "data_exported",
        /// Staff searched for a person by phone or ID number (detail: which kind, never the
        /// number).
        PersonSearch => "person_search",
        /// Staff checked someone in at an event's door, or the code was refused (detail: the
        /// event, the registration or the reason).
        CheckIn => "check_in",
        /// Staff admitted, waitlisted or declined an incubation application (detail: which
        /// and the decision).
        IncubationDecision => "incubation_decision",
        /// The scheduled purge deleted what had outlived its retention period (detail: how
        /// many of each kind).
        DataPurged => "data_purged",
    }
}

crate::string_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum Outcome {
        Success => "success",
        Failure => "failure",
        Refused => "refused",
    }
}

/// One line of the audit log page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at_ms: i64,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub ip: String,
    pub outcome: String,
    pub detail: String,
}

/// A page of the audit log, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub page: u32,
    pub has_more: bool,
}

pub const AUDIT_PAGE_SIZE: u32 = 50;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.as_str()), Some(action));
        }
        assert_eq!(Outcome::parse("refused"), Some(Outcome::Refused));
    }
}
