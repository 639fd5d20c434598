//! Enterprise verification queries (ssr only).
use super::model::*;
use crate::db::{Db, now_ms};
use crate::error::AppError;
use sqlx::AnyConnection;

type Row = (
    i64,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    String,
    i64,
    i64,
);

fn summary(row: Row) -> EnterpriseSummary {
    let (id, org, code, contact, email, phone, verification, note, created_at, version) = row;
    EnterpriseSummary {
        id,
        org_name: org.unwrap_or_default(),
        credit_code: code.unwrap_or_default(),
        contact_person: contact.unwrap_or_default(),
        login: email.or(phone).unwrap_or_default(),
        verification: Verification::parse(&verification).unwrap_or(Verification::Pending),
        note,
        registered_at: created_at,
        version,
    }
}

const SELECT: &str = "SELECT id, org_name, credit_code, contact_person, email, phone, verification, \
    verification_note, created_at, version FROM accounts WHERE role = 'enterprise'";

/// Enterprises in `status` (all when `None`), oldest registration first.
pub async fn list(
    db: &Db,
    status: Option<Verification>,
    page: u32,
) -> Result<EnterprisePage, AppError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} AND ($1 = '' OR verification = $1) ORDER BY created_at, id LIMIT $2 OFFSET $3"
    ))
    .bind(status.map(Verification::as_str).unwrap_or(""))
    .bind(i64::from(ENTERPRISE_PAGE_SIZE) + 1)
    .bind(i64::from(page * ENTERPRISE_PAGE_SIZE))
    .fetch_all(db.reader())
    .await?;
    let has_more = rows.len() > ENTERPRISE_PAGE_SIZE as usize;
    Ok(EnterprisePage {
        items: rows
            .into_iter()
            .take(ENTERPRISE_PAGE_SIZE as usize)
            .map(summary)
            .collect(),
        page,
        has_more,
    })
}

pub async fn find(db: &Db, id: i64) -> Result<Option<EnterpriseSummary>, AppError> {
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} AND id = $1"))
        .bind(id)
        .fetch_optional(db.reader())
        .await?;
    Ok(row.map(summary))
}

/// Whether account `id` is a verified enterprise.
pub async fn is_verified(conn: &mut AnyConnection, id: i64) -> Result<bool, AppError> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT verification FROM accounts WHERE id = $1 AND role = 'enterprise'")
            .bind(id)
            .fetch_optional(conn)
            .await?;
    Ok(row.is_some_and(|(v,)| v == "verified"))
}

/// Records a staff decision on enterprise `id`, read at `version`, with its audit entry.
pub async fn decide(
    db: &Db,
    id: i64,
    decision: Verification,
    note: &str,
    version: i64,
    staff: &crate::accounts::access::Caller,
) -> Result<(), AppError> {
    use crate::audit::model::{AuditAction, Outcome};
    use crate::audit::store::{AuditEvent, record};
    let current = find(db, id).await?.ok_or(AppError::NotFound)?;
    if !current.verification.decisions().contains(&decision) {
        return Err(AppError::Conflict);
    }
    let mut tx = db.begin_write().await?;
    let changed = sqlx::query(
        "UPDATE accounts SET verification = $1, verification_note = $2, version = version + 1, updated_at = $3 \
         WHERE id = $4 AND role = 'enterprise' AND version = $5",
    )
    .bind(decision.as_str())
    .bind(note)
    .bind(now_ms())
    .bind(id)
    .bind(version)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(AppError::Conflict);
    }
    let detail = format!("{}: {note}", decision.as_str());
    record(
        &mut tx,
        AuditEvent {
            actor_id: Some(staff.account_id),
            actor_label: "",
            action: AuditAction::EnterpriseVerification,
            subject_id: Some(id),
            ip: &crate::accounts::access::client_ip(),
            outcome: Outcome::Success,
            detail: &detail,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
