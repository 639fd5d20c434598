//! Writing and reading audit events (ssr only).
use super::model::{AUDIT_PAGE_SIZE, AuditAction, AuditEntry, AuditPage, Outcome};
use crate::db::{Db, now_ms};
use crate::error::AppError;
use sqlx::AnyConnection;

/// One security event. `actor_label` is what identifies the actor to a reader — a
/// masked login for failed sign-ins — and never a password, full phone or ID number.
pub struct AuditEvent<'a> {
    pub actor_id: Option<i64>,
    pub actor_label: &'a str,
    pub action: AuditAction,
    pub subject_id: Option<i64>,
    pub ip: &'a str,
    pub outcome: Outcome,
    pub detail: &'a str,
}

/// Records `event` on `conn`: pass the transaction of the change it describes.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn record(conn: &mut AnyConnection, event: AuditEvent<'_>) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO audit_events (at, actor_id, actor_label, action, subject_id, ip, outcome, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(now_ms())
    .bind(event.actor_id)
    .bind(event.actor_label)
    .bind(event.action.as_str())
    .bind(event.subject_id)
    .bind(event.ip)
    .bind(event.outcome.as_str())
    .bind(event.detail)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records an event on its own (for things that change nothing else, like a failed sign-in).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn record_alone(db: &Db, event: AuditEvent<'_>) -> Result<(), AppError> {
    let mut conn = db.writer().acquire().await?;
    record(&mut conn, event).await
}

/// Whether a browser marked the request as sent by another site (`Sec-Fetch-Site` other
/// than `same-origin` or `none`, the rule the server applies to posts). A GET that writes
/// to the audit log (an export, a search by phone or ID number) refuses such a request: a
/// link on another site opens it as a top-level navigation, which carries the
/// `SameSite=Lax` session cookie, and would make staff write entries they never asked
/// for. Clients that send no `Sec-Fetch-Site` are not browsers carrying someone's cookie.
pub fn sent_from_another_site(headers: &http::HeaderMap) -> bool {
    headers.get("sec-fetch-site").is_some_and(|site| {
        let site = site.as_bytes();
        !(site.eq_ignore_ascii_case(b"same-origin") || site.eq_ignore_ascii_case(b"none"))
    })
}

/// For a server function that writes to the audit log while a page renders: refused when
/// another site asked for the page (see [`sent_from_another_site`]).
pub fn refuse_other_sites() -> Result<(), AppError> {
    let parts = leptos::prelude::use_context::<http::request::Parts>();
    if parts.is_some_and(|parts| sent_from_another_site(&parts.headers)) {
        Err(AppError::Forbidden)
    } else {
        Ok(())
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    at: i64,
    actor_label: String,
    actor_name: Option<String>,
    action: String,
    subject_name: Option<String>,
    ip: String,
    outcome: String,
    detail: String,
}

/// Page `page` (from 0) of events, newest first, optionally of one action only.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn list(db: &Db, page: u32, action: Option<AuditAction>) -> Result<AuditPage, AppError> {
    let filter = if action.is_some() {
        "WHERE e.action = $3"
    } else {
        ""
    };
    let sql = format!(
        "SELECT e.id, e.at, e.actor_label, actor.display_name AS actor_name, e.action, \
         subject.display_name AS subject_name, e.ip, e.outcome, e.detail \
         FROM audit_events e \
         LEFT JOIN accounts actor ON actor.id = e.actor_id \
         LEFT JOIN accounts subject ON subject.id = e.subject_id \
         {filter} ORDER BY e.id DESC LIMIT $1 OFFSET $2"
    );
    let mut query = sqlx::query_as::<_, Row>(&sql)
        .bind(crate::db::page_window(page, AUDIT_PAGE_SIZE).0)
        .bind(crate::db::page_window(page, AUDIT_PAGE_SIZE).1);
    if let Some(action) = action {
        query = query.bind(action.as_str());
    }
    let mut rows = query.fetch_all(db.reader()).await?;
    let has_more = rows.len() > AUDIT_PAGE_SIZE as usize;
    rows.truncate(AUDIT_PAGE_SIZE as usize);
    let entries = rows
        .into_iter()
        .map(|row| AuditEntry {
            id: row.id,
            at_ms: row.at,
            actor: match row.actor_name {
                Some(name) if row.actor_label.is_empty() => name,
                Some(name) => format!("{name} ({})", row.actor_label),
                None => row.actor_label,
            },
            action: row.action,
            subject: row.subject_name.unwrap_or_default(),
            ip: row.ip,
            outcome: row.outcome,
            detail: row.detail,
        })
        .collect();
    Ok(AuditPage {
        entries,
        page,
        has_more,
    })
}
