//! The purge (ssr only). Every server runs it now and then; deleting is the same whoever
//! does it, so servers sharing a database need no claim: a row is deleted once, by
//! whichever server reaches it first, and each records what it deleted.
use super::model::{Purged, Retention};
use crate::accounts::model::Role;
use crate::audit::model::{AuditAction, Outcome};
use crate::audit::store::{AuditEvent, record};
use crate::db::Db;
use crate::error::AppError;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// Deletes what has outlived its purpose at `now` (unix milliseconds), in one
/// transaction with the audit entry that says how much went.
pub async fn purge(db: &Db, retention: &Retention, now: i64) -> Result<Purged, AppError> {
    // A session ends at its absolute end, or when idle longer than its role allows.
    let longest_idle_ms = Role::ALL
        .iter()
        .map(|role| role.idle_timeout_secs() * 1000)
        .max()
        .unwrap_or(0);
    let mut tx = db.begin_write().await?;
    let mut delete = async |sql: &str, cutoffs: &[i64]| -> Result<u64, AppError> {
        let mut query = sqlx::query(sql);
        for cutoff in cutoffs {
            query = query.bind(*cutoff);
        }
        Ok(query.execute(&mut *tx).await?.rows_affected())
    };
    let purged = Purged {
        sessions: delete(
            "DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2",
            &[now, now - longest_idle_ms],
        )
        .await?,
        throttles: delete("DELETE FROM throttles WHERE expires_at <= $1", &[now]).await?,
        registrations: delete(
            "DELETE FROM pending_registrations WHERE expires_at <= $1",
            &[now],
        )
        .await?,
        tracking: delete(
            "DELETE FROM tracking_requests WHERE created_at <= $1",
            &[now - retention.tracking_days * DAY_MS],
        )
        .await?,
        messages: delete(
            "DELETE FROM outbox WHERE COALESCE(sent_at, created_at) <= $1",
            &[now - retention.messages_days * DAY_MS],
        )
        .await?,
        audit: delete(
            "DELETE FROM audit_events WHERE at <= $1",
            &[now - retention.audit_days * DAY_MS],
        )
        .await?,
    };
    if purged.total() > 0 {
        record(
            &mut tx,
            AuditEvent {
                actor_id: None,
                actor_label: "",
                action: AuditAction::DataPurged,
                subject_id: None,
                ip: "",
                outcome: Outcome::Success,
                detail: &purged.summary(),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(purged)
}
