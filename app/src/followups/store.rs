//! Follow-up queries and changes (ssr only). Each change is one transaction with the
//! case's timeline entry and a version check.
use super::model::*;
use crate::accounts::access::Caller;
use crate::calendar::model::WorkCalendar;
use crate::cases::store::{Event, record_event};
use crate::catalogue::model::Text;
use crate::db::{Db, now_ms};
use crate::eligibility::model::{Date, today_in_china};
use crate::error::AppError;
use sqlx::AnyConnection;

/// Opens the follow-up for a bad rating (called in the rating's transaction).
pub async fn open_for(
    conn: &mut AnyConnection,
    case_id: i64,
    rating: u8,
    calendar: &WorkCalendar,
) -> Result<(), AppError> {
    let now = now_ms();
    let due = calendar.add_working_days(today_in_china(now), FOLLOW_UP_DAYS);
    sqlx::query(
        "INSERT INTO review_followups (case_id, rating, opened_at, due_on, state) VALUES ($1, $2, $3, $4, 'open')",
    )
    .bind(case_id)
    .bind(i64::from(rating))
    .bind(now)
    .bind(due.to_string())
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    case_id: i64,
    number: Option<String>,
    name_zh: Option<String>,
    name_en: Option<String>,
    rating: i64,
    rating_comment: String,
    opened_at: i64,
    due_on: String,
    state: String,
    callback_note: String,
    fix_note: String,
    done_by_name: Option<String>,
    done_at: Option<i64>,
    appeal_state: String,
    appeal_rating: Option<i64>,
    appeal_text: String,
    appeal_answer: String,
    version: i64,
}

const SELECT: &str = "SELECT f.id, f.case_id, c.number, i.name_zh, i.name_en, f.rating, c.rating_comment, \
    f.opened_at, f.due_on, f.state, f.callback_note, f.fix_note, s.display_name AS done_by_name, f.done_at, \
    f.appeal_state, f.appeal_rating, f.appeal_text, f.appeal_answer, f.version \
    FROM review_followups f JOIN cases c ON c.id = f.case_id \
    LEFT JOIN service_items i ON i.code = c.item_code \
    LEFT JOIN accounts s ON s.id = f.done_by";

fn follow_up(row: Row, today: &str) -> FollowUp {
    let done = row.state == "done";
    FollowUp {
        id: row.id,
        case_id: row.case_id,
        number: row.number.unwrap_or_default(),
        item_name: Text {
            zh: row.name_zh.unwrap_or_default(),
            en: row.name_en.unwrap_or_default(),
        },
        rating: row.rating as u8,
        comment: row.rating_comment,
        opened_at: row.opened_at,
        overdue: !done && row.due_on.as_str() < today,
        due_on: row.due_on,
        done,
        callback_note: row.callback_note,
        fix_note: row.fix_note,
        done_by: row.done_by_name,
        done_at: row.done_at,
        appeal: AppealState::parse(&row.appeal_state),
        appeal_rating: row.appeal_rating.map(|r| r as u8),
        appeal_text: row.appeal_text,
        appeal_answer: row.appeal_answer,
        version: row.version,
    }
}

/// The desk: open follow-ups (earliest due first), pending appeals, the latest done.
pub async fn list(db: &Db) -> Result<FollowUpList, AppError> {
    let today = today_in_china(now_ms()).to_string();
    let fetch = |condition: &'static str| {
        let sql = format!("{SELECT} WHERE {condition}");
        async move {
            sqlx::query_as::<_, Row>(&sql)
                .fetch_all(db.reader())
                .await
                .map_err(AppError::from)
        }
    };
    let open = fetch("f.state = 'open' ORDER BY f.due_on, f.id LIMIT 200").await?;
    let appeals = fetch("f.appeal_state = 'pending' ORDER BY f.id LIMIT 200").await?;
    let done = fetch("f.state = 'done' ORDER BY f.done_at DESC, f.id DESC LIMIT 50").await?;
    let map = |rows: Vec<Row>| rows.into_iter().map(|r| follow_up(r, &today)).collect();
    Ok(FollowUpList {
        open: map(open),
        appeals: map(appeals),
        done: map(done),
    })
}

/// The follow-up of a case, for its applicant or staff.
pub async fn of_case(db: &Db, case_id: i64, caller: &Caller) -> Result<Option<FollowUp>, AppError> {
    let (row, _) = crate::cases::store::find_for(db, case_id, caller).await?;
    if !(caller.role.is_office() || caller.account_id == row.applicant_id) {
        return Err(AppError::NotFound);
    }
    let today = today_in_china(now_ms()).to_string();
    let found: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE f.case_id = $1"))
        .bind(case_id)
        .fetch_optional(db.reader())
        .await?;
    Ok(found.map(|r| follow_up(r, &today)).map(|mut f| {
        // The applicant sees that the office followed up, not its internal notes.
        if !caller.role.is_office() {
            f.callback_note.clear();
            f.fix_note.clear();
            f.done_by = None;
        }
        f
    }))
}

async fn case_of(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<(i64, i64, String, String, i64), AppError> {
    let row: Option<(i64, i64, String, String, i64)> = sqlx::query_as(
        "SELECT f.case_id, c.applicant_id, f.state, f.due_on, f.version FROM review_followups f \
         JOIN cases c ON c.id = f.case_id WHERE f.id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.ok_or(AppError::NotFound)
}

/// Staff record the call-back and the fix; the follow-up is done.
pub async fn complete(
    db: &Db,
    caller: &Caller,
    id: i64,
    version: i64,
    callback: &str,
    fix: &str,
) -> Result<(), AppError> {
    let (callback, fix) = check_follow_up(callback, fix)?;
    let now = now_ms();
    let today = today_in_china(now);
    let mut tx = db.begin_write().await?;
    let (case_id, _, state, due_on, _) = case_of(&mut tx, id).await?;
    if state != "open" {
        return Err(AppError::Conflict);
    }
    let on_time = Date::parse(&due_on).is_some_and(|due| today <= due);
    let changed = sqlx::query(
        "UPDATE review_followups SET state = 'done', callback_note = $1, fix_note = $2, done_by = $3, \
         done_at = $4, done_on_time = $5, version = version + 1 WHERE id = $6 AND version = $7 AND state = 'open'",
    )
    .bind(&callback)
    .bind(&fix)
    .bind(caller.account_id)
    .bind(now)
    .bind(i64::from(on_time))
    .bind(id)
    .bind(version)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(AppError::Conflict);
    }
    record_event(
        &mut tx,
        Event {
            case_id,
            actor_id: Some(caller.account_id),
            kind: "follow_up",
            from: None,
            to: None,
            public: false,
            text: &format!("{callback}\n{fix}"),
            amount_fen: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The applicant appeals their own rating: they ask for `rating` instead, saying why.
pub async fn appeal(
    db: &Db,
    caller: &Caller,
    case_id: i64,
    rating: u8,
    reason: &str,
) -> Result<(), AppError> {
    if !(1..=5).contains(&rating) {
        return Err(AppError::invalid("rating", "err_choice"));
    }
    let reason = crate::error::check_reason("reason", reason, true)?;
    let mut tx = db.begin_write().await?;
    let row: Option<(i64, i64, String)> = sqlx::query_as(
        "SELECT f.id, c.applicant_id, f.appeal_state FROM review_followups f JOIN cases c ON c.id = f.case_id \
         WHERE f.case_id = $1",
    )
    .bind(case_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((id, applicant, appeal_state)) = row else {
        return Err(AppError::NotFound);
    };
    caller.require_owner(applicant, false)?;
    if !appeal_state.is_empty() {
        // One appeal per rating.
        return Err(AppError::invalid("reason", "err_appeal_once"));
    }
    sqlx::query(
        "UPDATE review_followups SET appeal_state = 'pending', appeal_rating = $1, appeal_text = $2, \
         version = version + 1 WHERE id = $3",
    )
    .bind(i64::from(rating))
    .bind(&reason)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    record_event(
        &mut tx,
        Event {
            case_id,
            actor_id: Some(caller.account_id),
            kind: "rating_appeal",
            from: None,
            to: None,
            public: true,
            text: &reason,
            amount_fen: Some(i64::from(rating)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// An administrator decides an appeal: granted changes the case's rating to the one asked
/// for; the applicant is told either way.
pub async fn decide_appeal(
    db: &Db,
    caller: &Caller,
    id: i64,
    version: i64,
    grant: bool,
    answer: &str,
) -> Result<(), AppError> {
    let answer = crate::error::check_reason("answer", answer, !grant)?;
    let mut tx = db.begin_write().await?;
    let (case_id, applicant, _, _, _) = case_of(&mut tx, id).await?;
    let changed = sqlx::query(
        "UPDATE review_followups SET appeal_state = $1, appeal_answer = $2, version = version + 1 \
         WHERE id = $3 AND version = $4 AND appeal_state = 'pending'",
    )
    .bind(if grant { "granted" } else { "declined" })
    .bind(&answer)
    .bind(id)
    .bind(version)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(AppError::Conflict);
    }
    if grant {
        sqlx::query(
            "UPDATE cases SET rating = (SELECT appeal_rating FROM review_followups WHERE id = $1), \
             version = version + 1 WHERE id = $2",
        )
        .bind(id)
        .bind(case_id)
        .execute(&mut *tx)
        .await?;
        // A corrected rating that is no longer bad leaves nothing to call back about: the
        // follow-up, if still open, is settled by the decision.
        let today = today_in_china(now_ms()).to_string();
        sqlx::query(
            "UPDATE review_followups SET state = 'done', done_by = $1, done_at = $2, \
             done_on_time = CASE WHEN due_on >= $3 THEN 1 ELSE 0 END \
             WHERE id = $4 AND state = 'open' AND appeal_rating > 2",
        )
        .bind(caller.account_id)
        .bind(now_ms())
        .bind(&today)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    }
    let kind = if grant {
        "appeal_granted"
    } else {
        "appeal_declined"
    };
    record_event(
        &mut tx,
        Event {
            case_id,
            actor_id: Some(caller.account_id),
            kind,
            from: None,
            to: None,
            public: true,
            text: &answer,
            amount_fen: None,
        },
    )
    .await?;
    let number: (Option<String>,) = sqlx::query_as("SELECT number FROM cases WHERE id = $1")
        .bind(case_id)
        .fetch_one(&mut *tx)
        .await?;
    crate::notifications::store::notify(&mut tx, applicant, case_id, kind, number.0.as_deref())
        .await?;
    tx.commit().await?;
    Ok(())
}
