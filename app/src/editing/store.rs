//! What editing writes besides the content itself: the administrator's act in the audit log.

/// Writes an administrator's publish / retire / restore to the audit log.
pub async fn audit(
    db: &crate::db::Db,
    admin: &crate::accounts::access::Caller,
    action: crate::audit::model::AuditAction,
    detail: &str,
) -> Result<(), crate::error::AppError> {
    use crate::audit::store::{AuditEvent, record_alone};
    record_alone(
        db,
        AuditEvent {
            actor_id: Some(admin.account_id),
            actor_label: "",
            action,
            subject_id: None,
            ip: &crate::accounts::access::client_ip(),
            outcome: crate::audit::model::Outcome::Success,
            detail,
        },
    )
    .await
}
