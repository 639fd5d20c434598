//! Tracking lookups (ssr only). A lookup answers the same whether or not the number and
//! contact match, so nobody learns which numbers exist or whose they are; only the holder
//! of the contact receives the code that opens the timeline.
use super::model::*;
use crate::accounts::model::Login;
use crate::common::text::Text;
use crate::db::{Db, now_ms};
use crate::error::AppError;
use rand::RngCore;
use rand::rngs::OsRng;
use sha2::{Digest, Sha256};

const MINUTE: i64 = 60_000;

fn digest(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

fn token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Lookups from one network address, shared by every server (counting the requests in
/// a transaction let two servers both pass the last one on PostgreSQL).
pub const LOOKUPS_PER_ADDRESS: crate::throttle::Quota = crate::throttle::Quota {
    purpose: "track_address",
    max: REQUESTS_PER_HOUR,
    window_ms: 60 * MINUTE,
    message: "err_track_throttled",
};

/// Starts a lookup; returns the ticket the code form carries.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn request(db: &Db, number: &str, contact: &str, ip: &str) -> Result<String, AppError> {
    let (kind, number) = parse_number(number)?;
    let contact = parse_contact(contact)?;
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    LOOKUPS_PER_ADDRESS.take(&mut tx, ip).await?;
    let holder: Option<(i64, Option<String>, Option<String>)> = match kind {
        TrackedKind::Case => sqlx::query_as(
            "SELECT c.id, a.email, a.phone FROM cases c JOIN accounts a ON a.id = c.applicant_id \
                 WHERE c.number = $1",
        )
        .bind(&number)
        .fetch_optional(&mut *tx)
        .await?,
        TrackedKind::Concern => sqlx::query_as(
            "SELECT x.id, COALESCE(a.email, NULLIF(x.contact_email, '')), a.phone FROM concerns x \
                 LEFT JOIN accounts a ON a.id = x.requester_id WHERE x.number = $1",
        )
        .bind(&number)
        .fetch_optional(&mut *tx)
        .await?,
    };
    let subject = holder.and_then(|(id, email, phone)| {
        let on_file = match &contact {
            Login::Email(e) => email.as_deref() == Some(e.as_str()),
            Login::Phone(p) => phone.as_deref() == Some(p.as_str()),
        };
        on_file.then_some(id)
    });
    let ticket = token();
    let code = format!("{:06}", OsRng.next_u32() % 1_000_000);
    sqlx::query(
        "INSERT INTO tracking_requests (ticket_hash, subject_kind, subject_id, code_hash, expires_at, client_ip, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(digest(&ticket))
    .bind(match kind {
        TrackedKind::Case => "case",
        TrackedKind::Concern => "concern",
    })
    .bind(subject)
    .bind(digest(&format!("{ticket}:{code}")))
    .bind(now + CODE_MINUTES * MINUTE)
    .bind(ip)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if subject.is_some() {
        // Phone numbers go through the same outbox, addressed `sms:…`.
        let address = match &contact {
            Login::Email(e) => e.clone(),
            Login::Phone(p) => format!("sms:{p}"),
        };
        let body = format!(
            "您查询 {number} 的验证码是 {code}，{CODE_MINUTES} 分钟内有效。如非本人操作，请忽略。\n\
             Your code to follow {number} is {code}; it is valid for {CODE_MINUTES} minutes. \
             If you did not ask for it, ignore this message.\n"
        );
        crate::notifications::store::email_to(
            &mut tx,
            &address,
            "两江英才汇验证码 / Liangjiang Yingcai Hub code",
            &body,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(ticket)
}

/// A pending lookup: whom the code was sent about, the code's digest, and its tries.
#[derive(sqlx::FromRow)]
struct RequestRow {
    id: i64,
    subject_id: Option<i64>,
    code_hash: String,
    expires_at: i64,
    attempts: i64,
}

/// Checks the code for `ticket`; returns the grant that opens the timeline. Each ticket
/// allows a few tries, and a code works once.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn confirm(db: &Db, ticket: &str, code: &str) -> Result<String, AppError> {
    let code = parse_code(code)?;
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let row: Option<RequestRow> = sqlx::query_as(
        "SELECT id, subject_id, code_hash, expires_at, attempts FROM tracking_requests WHERE ticket_hash = $1",
    )
    .bind(digest(ticket.trim()))
    .fetch_optional(&mut *tx)
    .await?;
    let Some(RequestRow {
        id,
        subject_id: subject,
        code_hash,
        expires_at,
        attempts,
    }) = row
    else {
        return Err(AppError::invalid("code", "err_track_expired"));
    };
    if expires_at <= now || attempts >= CODE_TRIES {
        return Err(AppError::invalid("code", "err_track_expired"));
    }
    sqlx::query("UPDATE tracking_requests SET attempts = attempts + 1 WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if subject.is_none() || digest(&format!("{}:{code}", ticket.trim())) != code_hash {
        // The failed try counts even though nothing else changes.
        tx.commit().await?;
        return Err(AppError::invalid("code", "err_track_code_wrong"));
    }
    let grant = token();
    sqlx::query(
        "UPDATE tracking_requests SET expires_at = 0, grant_hash = $1, grant_expires_at = $2 WHERE id = $3",
    )
    .bind(digest(&grant))
    .bind(now + GRANT_MINUTES * MINUTE)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(grant)
}

/// What an unexpired grant opens: the kind ("case" or "concern") and its id.
async fn granted(db: &Db, grant: &str) -> Result<(String, i64), AppError> {
    let row: Option<(String, Option<i64>)> = sqlx::query_as(
        "SELECT subject_kind, subject_id FROM tracking_requests WHERE grant_hash = $1 AND grant_expires_at > $2",
    )
    .bind(digest(grant.trim()))
    .bind(now_ms())
    .fetch_optional(db.reader())
    .await?;
    match row {
        Some((kind, Some(id))) => Ok((kind, id)),
        _ => Err(AppError::invalid("grant", "err_track_expired")),
    }
}

/// The concern an unexpired grant opens; the grant is the visitor's proof that it is theirs.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn granted_concern(db: &Db, grant: &str) -> Result<i64, AppError> {
    match granted(db, grant).await? {
        (kind, id) if kind == "concern" => Ok(id),
        _ => Err(AppError::NotFound),
    }
}

/// A tracked case with its service item's names.
#[derive(sqlx::FromRow)]
struct TrackedCaseRow {
    number: Option<String>,
    name_zh: Option<String>,
    name_en: Option<String>,
    state: String,
    due_on: Option<String>,
}

/// A tracked concern.
#[derive(sqlx::FromRow)]
struct TrackedConcernRow {
    number: String,
    subject: String,
    state: String,
    due_on: String,
}

/// The public timeline a confirmed lookup opens.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn view(db: &Db, grant: &str) -> Result<Tracked, AppError> {
    let (kind, id) = granted(db, grant).await?;
    if kind == "case" {
        let TrackedCaseRow {
            number,
            name_zh: zh,
            name_en: en,
            state,
            due_on,
        } = sqlx::query_as(
            "SELECT c.number, i.name_zh, i.name_en, c.state, c.due_on FROM cases c \
                 LEFT JOIN service_items i ON i.code = c.item_code WHERE c.id = $1",
        )
        .bind(id)
        .fetch_one(db.reader())
        .await?;
        let events: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT at, kind, text FROM case_events WHERE case_id = $1 AND public = 1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(db.reader())
        .await?;
        Ok(Tracked {
            kind: TrackedKind::Case,
            number: number.unwrap_or_default(),
            title: Text {
                zh: zh.unwrap_or_default(),
                en: en.unwrap_or_default(),
            },
            state,
            due_on,
            events: events
                .into_iter()
                .map(|(at, kind, text)| TrackedEvent { at, kind, text })
                .collect(),
            visitor: None,
        })
    } else {
        let TrackedConcernRow {
            number,
            subject,
            state,
            due_on,
        } = sqlx::query_as("SELECT number, subject, state, due_on FROM concerns WHERE id = $1")
            .bind(id)
            .fetch_one(db.reader())
            .await?;
        let events: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT at, action, text FROM concern_messages WHERE concern_id = $1 AND public = 1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(db.reader())
        .await?;
        Ok(Tracked {
            kind: TrackedKind::Concern,
            number,
            title: Text {
                zh: subject.clone(),
                en: subject,
            },
            state,
            due_on: Some(due_on),
            events: events
                .into_iter()
                .map(|(at, kind, text)| TrackedEvent { at, kind, text })
                .collect(),
            visitor: crate::concerns::store::visitor_choices(db, id).await?,
        })
    }
}
