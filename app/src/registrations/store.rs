//! Registration queries (ssr only). Every change begins by locking the event's row (an
//! UPDATE of it), so that registrations, cancellations and capacity changes for one event
//! happen one after another on PostgreSQL as well; SQLite has a single writer anyway.
//! `events.seats_taken` counts the registered rows and changes in the same transactions.
use super::model::*;
use crate::accounts::access::Caller;
use crate::audit::model::{AuditAction, Outcome};
use crate::audit::store::{AuditEvent, record, record_alone};
use crate::common::text::Text;
use crate::db::{Db, now_ms};
use crate::error::AppError;
use crate::events::model::Audience;
use crate::notifications::store::notify_about;
use sqlx::AnyConnection;

/// What the registration rules need to know about an event.
#[derive(sqlx::FromRow)]
pub struct EventFacts {
    pub id: i64,
    pub capacity: i64,
    pub seats_taken: i64,
    pub registration_opens_at: i64,
    pub registration_closes_at: i64,
    pub audience: String,
    pub starts_at: i64,
    pub online_link: String,
    pub title_zh: String,
    pub title_en: String,
}

const FACTS: &str = "id, capacity, seats_taken, registration_opens_at, registration_closes_at, audience, \
    starts_at, online_link, title_zh, title_en";

impl EventFacts {
    fn subject(&self) -> String {
        format!("{} / {}", self.title_zh, self.title_en)
    }

    fn link(&self) -> String {
        format!("/events/{}", self.id)
    }
}

/// Locks the event's row for the rest of the transaction and reads it afresh.
async fn lock_event(conn: &mut AnyConnection, id: i64) -> Result<EventFacts, AppError> {
    sqlx::query_as(&format!(
        "UPDATE events SET seats_taken = seats_taken WHERE id = $1 RETURNING {FACTS}"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?
    .ok_or(AppError::NotFound)
}

fn new_code() -> String {
    crate::common::codes::random_code(CODE_LENGTH)
}

/// Registers the caller: a seat if one is free, else a place at the end of the waiting
/// list. Registering again while registered or waiting changes nothing.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn register(
    db: &Db,
    caller: &Caller,
    event_id: i64,
) -> Result<RegistrationState, AppError> {
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let event = lock_event(&mut tx, event_id).await?;
    let audience = Audience::stored(&event.audience)?;
    if !audience_admits(audience, caller.role) {
        return Err(AppError::invalid("event", "err_event_audience"));
    }
    match window(
        event.registration_opens_at,
        event.registration_closes_at,
        now,
    ) {
        Window::NotYet => return Err(AppError::invalid("event", "err_registration_not_open")),
        Window::Closed => return Err(AppError::invalid("event", "err_registration_closed")),
        Window::Open => {}
    }
    let existing: Option<(i64, String)> = sqlx::query_as(
        "SELECT id, state FROM event_registrations WHERE event_id = $1 AND account_id = $2",
    )
    .bind(event_id)
    .bind(caller.account_id)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some((_, state)) = &existing
        && let Some(state) = RegistrationState::parse(state)
        && state != RegistrationState::Cancelled
    {
        return Ok(state);
    }
    let state = if event.seats_taken < event.capacity {
        sqlx::query("UPDATE events SET seats_taken = seats_taken + 1 WHERE id = $1")
            .bind(event_id)
            .execute(&mut *tx)
            .await?;
        RegistrationState::Registered
    } else {
        RegistrationState::Waiting
    };
    match existing {
        // Someone who cancelled and comes back queues anew.
        Some((id, _)) => {
            sqlx::query(
                "UPDATE event_registrations SET state = $1, queued_at = $2, checked_in_at = NULL, \
                 checked_in_by = NULL, updated_at = $2 WHERE id = $3",
            )
            .bind(state.as_str())
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        None => {
            sqlx::query(
                "INSERT INTO event_registrations (event_id, account_id, state, queued_at, checkin_code, \
                 created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $4, $4)",
            )
            .bind(event_id)
            .bind(caller.account_id)
            .bind(state.as_str())
            .bind(now)
            .bind(new_code())
            .execute(&mut *tx)
            .await?;
        }
    }
    let kind = match state {
        RegistrationState::Registered => "event_registered",
        _ => "event_waiting",
    };
    notify_about(
        &mut tx,
        caller.account_id,
        kind,
        &event.link(),
        &event.subject(),
    )
    .await?;
    tx.commit().await?;
    Ok(state)
}

/// The caller gives up their seat or their place in the queue (until the event starts).
/// A freed seat goes to the first person waiting.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn cancel(db: &Db, caller: &Caller, event_id: i64) -> Result<(), AppError> {
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let event = lock_event(&mut tx, event_id).await?;
    if now >= event.starts_at {
        return Err(AppError::invalid("event", "err_event_started"));
    }
    let (id, state): (i64, String) = sqlx::query_as(
        "SELECT id, state FROM event_registrations WHERE event_id = $1 AND account_id = $2 \
         AND state <> 'cancelled'",
    )
    .bind(event_id)
    .bind(caller.account_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    sqlx::query(
        "UPDATE event_registrations SET state = 'cancelled', updated_at = $1 WHERE id = $2",
    )
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if state == RegistrationState::Registered.as_str() {
        sqlx::query("UPDATE events SET seats_taken = seats_taken - 1 WHERE id = $1")
            .bind(event_id)
            .execute(&mut *tx)
            .await?;
        fill_seats(&mut tx, event_id).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Moves people up from the waiting list, first in line first, while seats are free, and
/// tells each of them. Call with the event's row locked (after `lock_event` or an UPDATE
/// of the event). Returns how many moved up.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn fill_seats(conn: &mut AnyConnection, event_id: i64) -> Result<u32, AppError> {
    let mut moved = 0;
    // The row is locked by the caller, so the seats counted here stay true while we fill them.
    let event: EventFacts = sqlx::query_as(&format!("SELECT {FACTS} FROM events WHERE id = $1"))
        .bind(event_id)
        .fetch_one(&mut *conn)
        .await?;
    let (link, subject) = (event.link(), event.subject());
    let mut seats_taken = event.seats_taken;
    while seats_taken < event.capacity {
        let next: Option<(i64, i64)> = sqlx::query_as(
            "SELECT id, account_id FROM event_registrations WHERE event_id = $1 AND state = 'waiting' \
             ORDER BY queued_at, id LIMIT 1",
        )
        .bind(event_id)
        .fetch_optional(&mut *conn)
        .await?;
        let Some((id, account_id)) = next else { break };
        sqlx::query(
            "UPDATE event_registrations SET state = 'registered', updated_at = $1 WHERE id = $2",
        )
        .bind(now_ms())
        .bind(id)
        .execute(&mut *conn)
        .await?;
        sqlx::query("UPDATE events SET seats_taken = seats_taken + 1 WHERE id = $1")
            .bind(event_id)
            .execute(&mut *conn)
            .await?;
        notify_about(conn, account_id, "event_promoted", &link, &subject).await?;
        seats_taken += 1;
        moved += 1;
    }
    Ok(moved)
}

async fn counts(db: &Db, event_id: i64) -> Result<RegistrationCounts, AppError> {
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT state, COUNT(*), COUNT(checked_in_at) FROM event_registrations WHERE event_id = $1 \
         GROUP BY state",
    )
    .bind(event_id)
    .fetch_all(db.reader())
    .await?;
    let mut counts = RegistrationCounts::default();
    for (state, n, checked_in) in rows {
        match RegistrationState::parse(&state) {
            Some(RegistrationState::Registered) => {
                counts.registered = n;
                counts.checked_in = checked_in;
            }
            Some(RegistrationState::Waiting) => counts.waiting = n,
            _ => counts.cancelled = n,
        }
    }
    Ok(counts)
}

/// The caller's own registration for an event.
#[derive(sqlx::FromRow)]
struct MyRegistrationRow {
    id: i64,
    state: String,
    queued_at: i64,
    checkin_code: String,
    checked_in_at: Option<i64>,
}

/// The registration part of an event page for `caller`.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn panel(
    db: &Db,
    event_id: i64,
    caller: Option<&Caller>,
) -> Result<RegistrationPanel, AppError> {
    let now = now_ms();
    let event: EventFacts = sqlx::query_as(&format!("SELECT {FACTS} FROM events WHERE id = $1"))
        .bind(event_id)
        .fetch_optional(db.reader())
        .await?
        .ok_or(AppError::NotFound)?;
    let (waiting,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 AND state = 'waiting'",
    )
    .bind(event_id)
    .fetch_one(db.reader())
    .await?;
    let audience = Audience::stored(&event.audience)?;
    let mut mine = None;
    if let Some(caller) = caller {
        let row: Option<MyRegistrationRow> = sqlx::query_as(
            "SELECT id, state, queued_at, checkin_code, checked_in_at FROM event_registrations \
             WHERE event_id = $1 AND account_id = $2",
        )
        .bind(event_id)
        .bind(caller.account_id)
        .fetch_optional(db.reader())
        .await?;
        if let Some(MyRegistrationRow {
            id,
            state,
            queued_at,
            checkin_code: code,
            checked_in_at,
        }) = row
        {
            let state = RegistrationState::stored(&state)?;
            let position = if state == RegistrationState::Waiting {
                let (ahead,): (i64,) = sqlx::query_as(
                    "SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 AND state = 'waiting' \
                     AND (queued_at < $2 OR (queued_at = $2 AND id <= $3))",
                )
                .bind(event_id)
                .bind(queued_at)
                .bind(id)
                .fetch_one(db.reader())
                .await?;
                Some(ahead)
            } else {
                None
            };
            let registered = state == RegistrationState::Registered;
            mine = Some(MyRegistration {
                state,
                position,
                code: registered.then_some(code),
                checked_in_at,
                online_link: (registered && !event.online_link.is_empty())
                    .then(|| event.online_link.clone()),
            });
        }
    }
    let staff = caller.is_some_and(|c| c.role.is_office());
    Ok(RegistrationPanel {
        window: window(
            event.registration_opens_at,
            event.registration_closes_at,
            now,
        ),
        seats_left: (event.capacity - event.seats_taken).max(0),
        waiting,
        signed_in: caller.is_some(),
        admitted: caller.is_some_and(|c| audience_admits(audience, c.role)),
        started: now >= event.starts_at,
        mine,
        counts: if staff {
            Some(counts(db, event_id).await?)
        } else {
            None
        },
    })
}

/// The check-in code of the caller's seat as a QR image (SVG), or `None` when they hold
/// no seat at that event.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn ticket_svg(db: &Db, caller: &Caller, event_id: i64) -> Result<String, AppError> {
    let (code,): (String,) = sqlx::query_as(
        "SELECT checkin_code FROM event_registrations WHERE event_id = $1 AND account_id = $2 \
         AND state = 'registered'",
    )
    .bind(event_id)
    .bind(caller.account_id)
    .fetch_optional(db.reader())
    .await?
    .ok_or(AppError::NotFound)?;
    crate::common::codes::qr_svg(&code, 240)
}

/// Staff check a person in by their code, once. A code of another event, of someone on
/// the waiting list or cancelled, or already used is refused; every attempt is audited.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn check_in(
    db: &Db,
    caller: &Caller,
    event_id: i64,
    session: i64,
    typed: &str,
    ip: &str,
) -> Result<CheckedIn, AppError> {
    let result = check_in_once(db, caller, event_id, session, typed, ip).await;
    if let Err(AppError::Invalid { message, .. }) = &result {
        let detail = format!("event={event_id} refused={message}");
        record_alone(
            db,
            AuditEvent {
                actor_id: Some(caller.account_id),
                actor_label: "",
                action: AuditAction::CheckIn,
                subject_id: None,
                ip,
                outcome: Outcome::Refused,
                detail: &detail,
            },
        )
        .await?;
    }
    result
}

/// The registration a check-in code belongs to, with the registrant's name.
#[derive(sqlx::FromRow)]
struct CheckInRow {
    id: i64,
    event_id: i64,
    state: String,
    checked_in_at: Option<i64>,
    display_name: String,
}

async fn check_in_once(
    db: &Db,
    caller: &Caller,
    event_id: i64,
    session: i64,
    typed: &str,
    ip: &str,
) -> Result<CheckedIn, AppError> {
    let code = normalize_code(typed).ok_or(AppError::invalid("code", "err_checkin_code"))?;
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let row: Option<CheckInRow> = sqlx::query_as(
        "SELECT r.id, r.event_id, r.state, r.checked_in_at, a.display_name FROM event_registrations r \
         JOIN accounts a ON a.id = r.account_id WHERE r.checkin_code = $1",
    )
    .bind(&code)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(CheckInRow {
        id,
        event_id: code_event,
        state,
        checked_in_at,
        display_name: name,
    }) = row
    else {
        return Err(AppError::invalid("code", "err_checkin_unknown"));
    };
    if code_event != event_id {
        return Err(AppError::invalid("code", "err_checkin_other_event"));
    }
    if state != RegistrationState::Registered.as_str() {
        return Err(AppError::invalid("code", "err_checkin_not_registered"));
    }
    let mut certificate = None;
    if crate::trainings::store::has_sessions(&mut tx, event_id).await? {
        // A course: once per session; the first arrival also counts as checked in.
        if session == 0 {
            return Err(AppError::invalid("session", "err_checkin_session"));
        }
        certificate = crate::trainings::store::record_attendance(
            &mut tx,
            event_id,
            id,
            session,
            caller.account_id,
            now,
        )
        .await?;
        sqlx::query(
            "UPDATE event_registrations SET checked_in_at = COALESCE(checked_in_at, $1), \
             checked_in_by = COALESCE(checked_in_by, $2), updated_at = $1 WHERE id = $3",
        )
        .bind(now)
        .bind(caller.account_id)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    } else {
        if checked_in_at.is_some() {
            return Err(AppError::invalid("code", "err_checkin_twice"));
        }
        let changed = sqlx::query(
            "UPDATE event_registrations SET checked_in_at = $1, checked_in_by = $2, updated_at = $1 \
             WHERE id = $3 AND checked_in_at IS NULL AND state = 'registered'",
        )
        .bind(now)
        .bind(caller.account_id)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            // Checked in at another door a moment ago.
            return Err(AppError::invalid("code", "err_checkin_twice"));
        }
    }
    let detail = if session == 0 {
        format!("event={event_id} registration={id}")
    } else {
        format!("event={event_id} session={session} registration={id}")
    };
    record(
        &mut tx,
        AuditEvent {
            actor_id: Some(caller.account_id),
            actor_label: "",
            action: AuditAction::CheckIn,
            subject_id: Some(id),
            ip,
            outcome: Outcome::Success,
            detail: &detail,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(CheckedIn {
        name,
        code: display_code(&code),
        at: now,
        certificate,
    })
}

#[derive(sqlx::FromRow)]
struct RegistrantRow {
    id: i64,
    display_name: String,
    email: Option<String>,
    state: String,
    queued_at: i64,
    checked_in_at: Option<i64>,
}

/// The event a registrant list is for.
#[derive(sqlx::FromRow)]
struct EventHeadRow {
    title_zh: String,
    title_en: String,
    starts_at: i64,
    capacity: i64,
    kind: String,
}

/// The SQL condition of a registrant filter (`x` is the registration).
pub fn state_condition(state: &str) -> Option<&'static str> {
    Some(match state {
        // Everyone who ever registered, cancelled included, as the filter's count says.
        "" => "x.state IS NOT NULL",
        "registered" => "x.state = 'registered'",
        "waiting" => "x.state = 'waiting'",
        "cancelled" => "x.state = 'cancelled'",
        "checked_in" => "x.checked_in_at IS NOT NULL",
        _ => return None,
    })
}

/// The staff list of an event's registrations: seats first, then the waiting list in
/// its order.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn registrants(db: &Db, query: &RegistrantQuery) -> Result<RegistrantList, AppError> {
    let condition =
        state_condition(&query.state).ok_or(AppError::invalid("state", "err_choice"))?;
    let EventHeadRow {
        title_zh,
        title_en,
        starts_at,
        capacity,
        kind,
    } = sqlx::query_as(
        "SELECT title_zh, title_en, starts_at, capacity, kind FROM events WHERE id = $1",
    )
    .bind(query.event)
    .fetch_optional(db.reader())
    .await?
    .ok_or(AppError::NotFound)?;
    let rows: Vec<RegistrantRow> = sqlx::query_as(&format!(
        "SELECT x.id, a.display_name, a.email, x.state, x.queued_at, x.checked_in_at \
         FROM event_registrations x JOIN accounts a ON a.id = x.account_id \
         WHERE x.event_id = $1 AND {condition} \
         ORDER BY CASE x.state WHEN 'registered' THEN 0 WHEN 'waiting' THEN 1 ELSE 2 END, x.queued_at, x.id \
         LIMIT {} OFFSET {}",
        crate::db::page_window(query.page, REGISTRANT_PAGE_SIZE).0,
        crate::db::page_window(query.page, REGISTRANT_PAGE_SIZE).1
    ))
    .bind(query.event)
    .fetch_all(db.reader())
    .await?;
    let has_more = rows.len() > REGISTRANT_PAGE_SIZE as usize;
    Ok(RegistrantList {
        event_id: query.event,
        kind: crate::events::model::EventKind::parse(&kind)
            .unwrap_or(crate::events::model::EventKind::Forum),
        title: Text {
            zh: title_zh,
            en: title_en,
        },
        starts_at,
        capacity,
        counts: counts(db, query.event).await?,
        items: rows
            .into_iter()
            .take(REGISTRANT_PAGE_SIZE as usize)
            .map(|r| {
                Ok(Registrant {
                    id: r.id,
                    name: r.display_name,
                    email: r.email.unwrap_or_default(),
                    state: RegistrationState::stored(&r.state)?,
                    queued_at: r.queued_at,
                    checked_in_at: r.checked_in_at,
                })
            })
            .collect::<Result<_, AppError>>()?,
        page: query.page,
        has_more,
    })
}
