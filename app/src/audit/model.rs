//! Audit events as administrators see them.
use serde::{Deserialize, Serialize};

/// What happened. Stored by name; the page shows a translated label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditAction {
    SignIn,
    SignOut,
    Registered,
    AccountCreated,
    PasswordChanged,
    PasswordReset,
    SessionsEnded,
    RoleChanged,
    AccountDisabled,
    AccountEnabled,
    /// A policy or service item published by an administrator (detail: which, which version).
    ContentPublished,
    /// A policy or service item taken off the public pages, or put back.
    ContentRetired,
    ContentRestored,
    /// Staff verified, rejected or suspended an enterprise (detail: decision and reason).
    EnterpriseVerification,
    /// Staff approved a talent demand post or sent it back (detail: decision and reason).
    JobPostReview,
    /// A supervisor gave cases or concerns to a staff member (detail: which, to whom).
    WorkReassigned,
    /// Staff downloaded an export (detail: which list and the filter).
    DataExported,
    /// Staff searched for a person by phone or ID number (detail: which kind, never the
    /// number).
    PersonSearch,
    /// Staff checked someone in at an event's door, or the code was refused (detail: the
    /// event, the registration or the reason).
    CheckIn,
    /// Staff admitted, waitlisted or declined an incubation application (detail: which
    /// and the decision).
    IncubationDecision,
}

impl AuditAction {
    pub const ALL: [AuditAction; 20] = [
        AuditAction::SignIn,
        AuditAction::SignOut,
        AuditAction::Registered,
        AuditAction::AccountCreated,
        AuditAction::PasswordChanged,
        AuditAction::PasswordReset,
        AuditAction::SessionsEnded,
        AuditAction::RoleChanged,
        AuditAction::AccountDisabled,
        AuditAction::AccountEnabled,
        AuditAction::ContentPublished,
        AuditAction::ContentRetired,
        AuditAction::ContentRestored,
        AuditAction::EnterpriseVerification,
        AuditAction::JobPostReview,
        AuditAction::WorkReassigned,
        AuditAction::DataExported,
        AuditAction::PersonSearch,
        AuditAction::CheckIn,
        AuditAction::IncubationDecision,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::SignIn => "sign_in",
            AuditAction::SignOut => "sign_out",
            AuditAction::Registered => "registered",
            AuditAction::AccountCreated => "account_created",
            AuditAction::PasswordChanged => "password_changed",
            AuditAction::PasswordReset => "password_reset",
            AuditAction::SessionsEnded => "sessions_ended",
            AuditAction::RoleChanged => "role_changed",
            AuditAction::AccountDisabled => "account_disabled",
            AuditAction::AccountEnabled => "account_enabled",
            AuditAction::ContentPublished => "content_published",
            AuditAction::ContentRetired => "content_retired",
            AuditAction::ContentRestored => "content_restored",
            AuditAction::EnterpriseVerification => "enterprise_verification",
            AuditAction::JobPostReview => "job_post_review",
            AuditAction::WorkReassigned => "work_reassigned",
            AuditAction::DataExported => "data_exported",
            AuditAction::PersonSearch => "person_search",
            AuditAction::CheckIn => "check_in",
            AuditAction::IncubationDecision => "incubation_decision",
        }
    }

    pub fn parse(value: &str) -> Option<AuditAction> {
        Self::ALL.into_iter().find(|a| a.as_str() == value)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Success,
    Failure,
    Refused,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Success => "success",
            Outcome::Failure => "failure",
            Outcome::Refused => "refused",
        }
    }

    pub fn parse(value: &str) -> Option<Outcome> {
        [Outcome::Success, Outcome::Failure, Outcome::Refused]
            .into_iter()
            .find(|o| o.as_str() == value)
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
