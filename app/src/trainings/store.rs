//! Training queries (ssr only): sessions, attendance recorded at check-in (in the
//! check-in's transaction), certificates issued when the last needed session is attended.
use super::model::*;
use crate::accounts::access::Caller;
use crate::common::text::Text;
use crate::db::{Db, now_ms};
use crate::error::AppError;
use crate::events::model::{EventKind, MAX_SESSIONS};
use crate::notifications::store::notify_about;
use sqlx::AnyConnection;

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: i64,
    starts_at: i64,
    ends_at: i64,
    topic: String,
    attendance: i64,
}

/// A course's sessions; the caller's attendance and certificate when they hold a seat;
/// attendance counts for staff.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn plan(
    db: &Db,
    event_id: i64,
    caller: Option<&Caller>,
) -> Result<TrainingPlan, AppError> {
    let (sessions_required,): (i64,) =
        sqlx::query_as("SELECT sessions_required FROM events WHERE id = $1")
            .bind(event_id)
            .fetch_optional(db.reader())
            .await?
            .ok_or(AppError::NotFound)?;
    let rows: Vec<SessionRow> = sqlx::query_as(
        "SELECT s.id, s.starts_at, s.ends_at, s.topic, \
         (SELECT COUNT(*) FROM session_attendance a WHERE a.session_id = s.id) AS attendance \
         FROM event_sessions s WHERE s.event_id = $1 ORDER BY s.starts_at, s.id",
    )
    .bind(event_id)
    .fetch_all(db.reader())
    .await?;
    let staff = caller.is_some_and(|c| c.role.is_office());
    let mut attended_ids: Vec<i64> = Vec::new();
    let mut attended = None;
    let mut certificate = None;
    if let Some(caller) = caller {
        let registration: Option<(i64,)> = sqlx::query_as(
            "SELECT id FROM event_registrations WHERE event_id = $1 AND account_id = $2 \
             AND state = 'registered'",
        )
        .bind(event_id)
        .bind(caller.account_id)
        .fetch_optional(db.reader())
        .await?;
        if let Some((registration,)) = registration {
            attended_ids = sqlx::query_as::<_, (i64,)>(
                "SELECT session_id FROM session_attendance WHERE registration_id = $1",
            )
            .bind(registration)
            .fetch_all(db.reader())
            .await?
            .into_iter()
            .map(|(id,)| id)
            .collect();
            attended = Some(attended_ids.len() as i64);
            certificate = sqlx::query_as::<_, (String,)>(
                "SELECT number FROM certificates WHERE registration_id = $1",
            )
            .bind(registration)
            .fetch_optional(db.reader())
            .await?
            .map(|(n,)| n);
        }
    }
    Ok(TrainingPlan {
        event_id,
        sessions_required,
        sessions: rows
            .into_iter()
            .map(|r| TrainingSession {
                id: r.id,
                starts_at: r.starts_at,
                ends_at: r.ends_at,
                topic: r.topic,
                attendance: if staff { r.attendance } else { 0 },
                attended: attended_ids.contains(&r.id),
            })
            .collect(),
        attended,
        certificate,
    })
}

/// Staff add a session to a training course.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn add_session(db: &Db, draft: &SessionDraft) -> Result<i64, AppError> {
    let mut tx = db.begin_write().await?;
    let (kind, starts_at, ends_at): (String, i64, i64) =
        sqlx::query_as("SELECT kind, starts_at, ends_at FROM events WHERE id = $1")
            .bind(draft.event)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(AppError::NotFound)?;
    if EventKind::parse(&kind) != Some(EventKind::Training) {
        return Err(AppError::invalid(
            "draft[starts]",
            "err_sessions_training_only",
        ));
    }
    let (starts, ends, topic) = draft.validate(starts_at, ends_at)?;
    crate::throttle::refuse_repeat(
        &mut tx,
        &draft.event.to_string(),
        "session",
        &[&starts.to_string(), &ends.to_string(), &topic],
    )
    .await?;
    let (count,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM event_sessions WHERE event_id = $1")
            .bind(draft.event)
            .fetch_one(&mut *tx)
            .await?;
    if count >= MAX_SESSIONS {
        return Err(AppError::invalid("draft[starts]", "err_number_range"));
    }
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO event_sessions (event_id, starts_at, ends_at, topic, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(draft.event)
    .bind(starts)
    .bind(ends)
    .bind(&topic)
    .bind(now_ms())
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Staff remove a session nobody has attended yet.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn remove_session(db: &Db, session: i64) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let (attended,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM session_attendance WHERE session_id = $1")
            .bind(session)
            .fetch_one(&mut *tx)
            .await?;
    if attended > 0 {
        return Err(AppError::invalid("session", "err_session_attended"));
    }
    let removed = sqlx::query("DELETE FROM event_sessions WHERE id = $1")
        .bind(session)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if removed == 0 {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(())
}

/// Whether the event has sessions (then check-in records attendance per session).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn has_sessions(conn: &mut AnyConnection, event_id: i64) -> Result<bool, AppError> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM event_sessions WHERE event_id = $1")
        .bind(event_id)
        .fetch_one(conn)
        .await?;
    Ok(n > 0)
}

/// Records that a registration attended a session of its event, once; issues the
/// certificate when this was the last session needed. Returns the certificate's number
/// when one was issued now.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn record_attendance(
    conn: &mut AnyConnection,
    event_id: i64,
    registration_id: i64,
    session_id: i64,
    staff_id: i64,
    now: i64,
) -> Result<Option<String>, AppError> {
    let belongs: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM event_sessions WHERE id = $1 AND event_id = $2")
            .bind(session_id)
            .bind(event_id)
            .fetch_optional(&mut *conn)
            .await?;
    if belongs.is_none() {
        return Err(AppError::invalid("session", "err_checkin_session"));
    }
    let recorded = sqlx::query(
        "INSERT INTO session_attendance (session_id, registration_id, at, recorded_by) \
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
    )
    .bind(session_id)
    .bind(registration_id)
    .bind(now)
    .bind(staff_id)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if recorded == 0 {
        return Err(AppError::invalid("code", "err_checkin_twice"));
    }
    issue_if_earned(conn, event_id, registration_id, now).await
}

async fn issue_if_earned(
    conn: &mut AnyConnection,
    event_id: i64,
    registration_id: i64,
    now: i64,
) -> Result<Option<String>, AppError> {
    let (required, title_zh, title_en): (i64, String, String) =
        sqlx::query_as("SELECT sessions_required, title_zh, title_en FROM events WHERE id = $1")
            .bind(event_id)
            .fetch_one(&mut *conn)
            .await?;
    let (attended,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM session_attendance WHERE registration_id = $1")
            .bind(registration_id)
            .fetch_one(&mut *conn)
            .await?;
    if required == 0 || attended < required {
        return Ok(None);
    }
    let (account_id, holder): (i64, String) = sqlx::query_as(
        "SELECT a.id, a.display_name FROM event_registrations r JOIN accounts a ON a.id = r.account_id \
         WHERE r.id = $1",
    )
    .bind(registration_id)
    .fetch_one(&mut *conn)
    .await?;
    let number = CERTIFICATE_NUMBER.generate();
    let issued = sqlx::query(
        "INSERT INTO certificates (number, registration_id, holder_name, title_zh, title_en, sessions, issued_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
    )
    .bind(&number)
    .bind(registration_id)
    .bind(&holder)
    .bind(&title_zh)
    .bind(&title_en)
    .bind(attended)
    .bind(now)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if issued == 0 {
        // Earned earlier (a session beyond the required ones).
        return Ok(None);
    }
    notify_about(
        conn,
        account_id,
        "certificate_issued",
        &format!("/certificates/{number}"),
        &format!("{title_zh} / {title_en}"),
    )
    .await?;
    Ok(Some(number))
}

/// A certificate by its number, for anyone who has the number.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn certificate(db: &Db, typed: &str, address: &str) -> Result<Certificate, AppError> {
    crate::throttle::count_verification(db, address).await?;
    let number = CERTIFICATE_NUMBER
        .normalize(typed)
        .ok_or(AppError::NotFound)?;
    let row: (String, String, String, String, i64, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT c.number, c.holder_name, c.title_zh, c.title_en, c.sessions, c.issued_at, e.id, \
         e.starts_at, e.ends_at FROM certificates c JOIN event_registrations r ON r.id = c.registration_id \
         JOIN events e ON e.id = r.event_id WHERE c.number = $1",
    )
    .bind(&number)
    .fetch_optional(db.reader())
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(Certificate {
        number: row.0,
        holder_name: row.1,
        title: Text {
            zh: row.2,
            en: row.3,
        },
        sessions: row.4,
        issued_at: row.5,
        event_id: row.6,
        course_starts_at: row.7,
        course_ends_at: row.8,
    })
}
