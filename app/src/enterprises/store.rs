//! Enterprise verification queries (ssr only).
use super::model::*;
use crate::db::{Db, Sql, now_ms};
use crate::error::AppError;
use sqlx::AnyConnection;

/// An enterprise account with its licence, as [`SELECT`] reads it.
#[derive(sqlx::FromRow)]
struct EnterpriseRow {
    id: i64,
    org_name: Option<String>,
    credit_code: Option<String>,
    contact_person: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    verification: String,
    verification_note: String,
    created_at: i64,
    version: i64,
    licence_name: Option<String>,
    licence_size: Option<i64>,
}

fn summary(row: EnterpriseRow) -> Result<EnterpriseSummary, AppError> {
    Ok(EnterpriseSummary {
        id: row.id,
        org_name: row.org_name.unwrap_or_default(),
        credit_code: row.credit_code.unwrap_or_default(),
        contact_person: row.contact_person.unwrap_or_default(),
        login: row.email.or(row.phone).unwrap_or_default(),
        verification: Verification::stored(&row.verification)?,
        note: row.verification_note,
        registered_at: row.created_at,
        version: row.version,
        licence: row.licence_name.map(|name| crate::jobs::model::FileInfo {
            name,
            size_bytes: row.licence_size.unwrap_or(0),
        }),
    })
}

const SELECT: &str = "SELECT id, org_name, credit_code, contact_person, email, phone, verification, \
    verification_note, created_at, version, l.original_name AS licence_name, l.size_bytes AS licence_size \
    FROM accounts \
    LEFT JOIN enterprise_licences l ON l.account_id = accounts.id WHERE role = 'enterprise'";

/// Enterprises in `status` (all when `None`), oldest registration first.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn list(
    db: &Db,
    status: Option<Verification>,
    page: u32,
) -> Result<EnterprisePage, AppError> {
    let mut sql = Sql::new(SELECT);
    if let Some(status) = status {
        sql.push(" AND verification = ").push_bind(status.as_str());
    }
    let (limit, offset) = crate::db::page_window(page, ENTERPRISE_PAGE_SIZE);
    sql.push(" ORDER BY created_at, id LIMIT ")
        .push_bind(limit)
        .push(" OFFSET ")
        .push_bind(offset);
    let rows: Vec<EnterpriseRow> = sql.query_as()?.fetch_all(db.reader()).await?;
    let has_more = rows.len() > ENTERPRISE_PAGE_SIZE as usize;
    Ok(EnterprisePage {
        items: rows
            .into_iter()
            .take(ENTERPRISE_PAGE_SIZE as usize)
            .map(summary)
            .collect::<Result<_, _>>()?,
        page,
        has_more,
    })
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn find(db: &Db, id: i64) -> Result<Option<EnterpriseSummary>, AppError> {
    let row: Option<EnterpriseRow> = sqlx::query_as(&format!("{SELECT} AND id = $1"))
        .bind(id)
        .fetch_optional(db.reader())
        .await?;
    row.map(summary).transpose()
}

/// Whether account `id` is a verified enterprise.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn is_verified(conn: &mut AnyConnection, id: i64) -> Result<bool, AppError> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT verification FROM accounts WHERE id = $1 AND role = 'enterprise'")
            .bind(id)
            .fetch_optional(conn)
            .await?;
    Ok(row.is_some_and(|(v,)| v == "verified"))
}

/// Records a staff decision on enterprise `id`, read at `version`, with its audit entry.
#[tracing::instrument(skip_all, err(level = "info"))]
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
    // Posts of an enterprise that is no longer verified leave the board and the figures.
    db.forget(crate::jobs::model::STATS_KEY);
    Ok(())
}

/// A business licence just stored in the upload directory.
pub struct NewLicence<'a> {
    pub stored_name: &'a str,
    pub original_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub sha256: &'a str,
}

/// Keeps `file` as the enterprise's business licence; answers the stored name of the one
/// it replaces, for the caller to remove.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn set_licence(
    db: &Db,
    enterprise: &crate::accounts::access::Caller,
    file: &NewLicence<'_>,
) -> Result<Option<String>, AppError> {
    use crate::accounts::model::Role;
    if enterprise.role != Role::Enterprise {
        return Err(AppError::Forbidden);
    }
    let mut tx = db.begin_write().await?;
    // Locked, so two uploads at once each replace what the other left, never the same.
    let old: Option<(String,)> = sqlx::query_as(&format!(
        "SELECT stored_name FROM enterprise_licences WHERE account_id = $1{}",
        db.for_update()
    ))
    .bind(enterprise.account_id)
    .fetch_optional(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM enterprise_licences WHERE account_id = $1")
        .bind(enterprise.account_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO enterprise_licences (account_id, stored_name, original_name, content_type, size_bytes, sha256, uploaded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(enterprise.account_id)
    .bind(file.stored_name)
    .bind(file.original_name)
    .bind(file.content_type)
    .bind(file.size_bytes)
    .bind(file.sha256)
    .bind(now_ms())
    .execute(&mut *tx)
    .await
    .map_err(|e| match e {
        // The first licence, uploaded twice at once: one of them is kept.
        sqlx::Error::Database(ref d) if d.is_unique_violation() => AppError::Conflict,
        other => other.into(),
    })?;
    tx.commit().await?;
    Ok(old.map(|(name,)| name))
}

/// Enterprise `id`'s business licence, for the enterprise itself and for staff.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn licence_for(
    db: &Db,
    id: i64,
    caller: &crate::accounts::access::Caller,
) -> Result<crate::common::files::StoredFile, AppError> {
    caller.require_owner(id, true)?;
    let row: Option<(String, String, String)> = sqlx::query_as(
        "SELECT stored_name, original_name, content_type FROM enterprise_licences WHERE account_id = $1",
    )
    .bind(id)
    .fetch_optional(db.reader())
    .await?;
    let (stored_name, original_name, content_type) = row.ok_or(AppError::NotFound)?;
    Ok(crate::common::files::StoredFile {
        stored_name,
        original_name,
        content_type,
    })
}
