//! Follow-up queries and changes (ssr only). Each change is one transaction with the
//! entry on the case's timeline or the concern's thread, and a version check.
use super::model::*;
use super::opening::column;
use crate::accounts::access::Caller;
use crate::cases::store::{Event, record_event};
use crate::common::date::{Date, today_in_china};
use crate::common::text::Text;
use crate::db::{Db, now_ms};
use crate::error::AppError;
use sqlx::AnyConnection;

/// Writes `kind` on the rated thing's own record: the case's timeline or the concern's
/// thread. `level` goes with a rating appeal.
async fn record(
    conn: &mut AnyConnection,
    about: Rated,
    actor: i64,
    kind: &'static str,
    public: bool,
    text: &str,
    stars: Option<u8>,
) -> Result<(), AppError> {
    match about {
        Rated::Case(case_id) => {
            record_event(
                conn,
                Event {
                    case_id,
                    actor_id: Some(actor),
                    kind,
                    from: None,
                    to: None,
                    public,
                    text,
                    amount_fen: stars.map(i64::from),
                },
            )
            .await
        }
        Rated::Concern(concern_id) => {
            let text = match stars {
                Some(stars) => format!("{}/5 {text}", stars),
                None => text.to_string(),
            };
            crate::concerns::store::add_message(conn, concern_id, Some(actor), kind, public, &text)
                .await
        }
    }
}

/// The account that gave the rating: the case's applicant or the concern's requester
/// (`None` for a visitor's concern). Not found if the case or concern does not exist.
async fn rater_of(conn: &mut AnyConnection, about: Rated) -> Result<Option<i64>, AppError> {
    let sql = match about {
        Rated::Case(_) => "SELECT applicant_id FROM cases WHERE id = $1",
        Rated::Concern(_) => "SELECT requester_id FROM concerns WHERE id = $1",
    };
    let row: Option<(Option<i64>,)> = sqlx::query_as(sql)
        .bind(about.id())
        .fetch_optional(conn)
        .await?;
    row.map(|(rater,)| rater).ok_or(AppError::NotFound)
}

/// The table allows exactly one of the two columns.
fn rated(case_id: Option<i64>, concern_id: Option<i64>) -> Option<Rated> {
    match (case_id, concern_id) {
        (Some(case_id), _) => Some(Rated::Case(case_id)),
        (None, Some(concern_id)) => Some(Rated::Concern(concern_id)),
        (None, None) => None,
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    case_id: Option<i64>,
    concern_id: Option<i64>,
    number: Option<String>,
    name_zh: Option<String>,
    name_en: Option<String>,
    rating: i64,
    rating_comment: Option<String>,
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

// A concern has no service: its subject stands in for the service's name.
const SELECT: &str = "SELECT f.id, f.case_id, f.concern_id, COALESCE(c.number, k.number) AS number, \
    COALESCE(i.name_zh, k.subject) AS name_zh, COALESCE(i.name_en, k.subject) AS name_en, f.rating, \
    COALESCE(c.rating_comment, k.rating_comment) AS rating_comment, \
    f.opened_at, f.due_on, f.state, f.callback_note, f.fix_note, s.display_name AS done_by_name, f.done_at, \
    f.appeal_state, f.appeal_rating, f.appeal_text, f.appeal_answer, f.version \
    FROM review_followups f LEFT JOIN cases c ON c.id = f.case_id \
    LEFT JOIN concerns k ON k.id = f.concern_id \
    LEFT JOIN service_items i ON i.code = c.item_code \
    LEFT JOIN accounts s ON s.id = f.done_by";

fn follow_up(row: Row, today: &str) -> Result<FollowUp, AppError> {
    let done = row.state == "done";
    Ok(FollowUp {
        id: row.id,
        about: rated(row.case_id, row.concern_id).unwrap_or(Rated::Case(0)),
        number: row.number.unwrap_or_default(),
        item_name: Text {
            zh: row.name_zh.unwrap_or_default(),
            en: row.name_en.unwrap_or_default(),
        },
        rating: row.rating as u8,
        comment: row.rating_comment.unwrap_or_default(),
        opened_at: row.opened_at,
        overdue: !done && row.due_on.as_str() < today,
        due_on: row.due_on,
        done,
        callback_note: row.callback_note,
        fix_note: row.fix_note,
        done_by: row.done_by_name,
        done_at: row.done_at,
        appeal: AppealState::stored(&row.appeal_state)?,
        appeal_rating: row.appeal_rating.map(|r| r as u8),
        appeal_text: row.appeal_text,
        appeal_answer: row.appeal_answer,
        may_appeal: false,
        version: row.version,
    })
}

/// The desk: open follow-ups (earliest due first), pending appeals, the latest done.
#[tracing::instrument(skip_all, err(level = "info"))]
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
    let map = |rows: Vec<Row>| -> Result<Vec<FollowUp>, AppError> {
        rows.into_iter().map(|r| follow_up(r, &today)).collect()
    };
    Ok(FollowUpList {
        open: map(open)?,
        appeals: map(appeals)?,
        done: map(done)?,
    })
}

/// The follow-up of a rated case or concern, for the one who rated it or staff.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn of(db: &Db, about: Rated, caller: &Caller) -> Result<Option<FollowUp>, AppError> {
    let mut conn = db.reader().acquire().await?;
    let rater = rater_of(&mut conn, about).await?;
    let is_rater = rater == Some(caller.account_id);
    if !(caller.role.is_office() || is_rater) {
        return Err(AppError::NotFound);
    }
    let today = today_in_china(now_ms()).to_string();
    let found: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE f.{} = $1", column(about)))
        .bind(about.id())
        .fetch_optional(&mut *conn)
        .await?;
    Ok(found
        .map(|r| follow_up(r, &today))
        .transpose()?
        .map(|mut f| {
            f.may_appeal = is_rater && f.appeal == AppealState::None;
            // The rater sees that the office followed up, not its internal notes.
            if !caller.role.is_office() {
                f.callback_note.clear();
                f.fix_note.clear();
                f.done_by = None;
            }
            f
        }))
}

/// What a change needs to know of a follow-up.
struct Found {
    about: Rated,
    /// Who gave the rating.
    rater: Option<i64>,
    state: String,
    due_on: String,
}

/// A follow-up's rated case or concern, state and due date.
#[derive(sqlx::FromRow)]
struct FoundRow {
    case_id: Option<i64>,
    concern_id: Option<i64>,
    state: String,
    due_on: String,
}

async fn find(conn: &mut AnyConnection, id: i64) -> Result<Found, AppError> {
    let row: Option<FoundRow> = sqlx::query_as(
        "SELECT case_id, concern_id, state, due_on FROM review_followups WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let FoundRow {
        case_id,
        concern_id,
        state,
        due_on,
    } = row.ok_or(AppError::NotFound)?;
    let about = rated(case_id, concern_id).ok_or(AppError::Internal)?;
    let rater = rater_of(conn, about).await?;
    Ok(Found {
        about,
        rater,
        state,
        due_on,
    })
}

/// Staff record the call-back and the fix; the follow-up is done.
#[tracing::instrument(skip_all, err(level = "info"))]
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
    let Found {
        about,
        state,
        due_on,
        ..
    } = find(&mut tx, id).await?;
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
    let notes = format!("{callback}\n{fix}");
    record(
        &mut tx,
        about,
        caller.account_id,
        "follow_up",
        false,
        &notes,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The rater appeals their own rating: they ask for `rating` instead, saying why.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn appeal(
    db: &Db,
    caller: &Caller,
    about: Rated,
    rating: u8,
    reason: &str,
) -> Result<(), AppError> {
    if !(1..=5).contains(&rating) {
        return Err(AppError::invalid("rating", "err_choice"));
    }
    let reason = crate::error::check_reason("reason", reason, true)?;
    let mut tx = db.begin_write().await?;
    let rater = rater_of(&mut tx, about).await?;
    if rater != Some(caller.account_id) {
        return Err(AppError::NotFound);
    }
    let row: Option<(i64,)> = sqlx::query_as(&format!(
        "SELECT id FROM review_followups WHERE {} = $1",
        column(about)
    ))
    .bind(about.id())
    .fetch_optional(&mut *tx)
    .await?;
    let Some((id,)) = row else {
        return Err(AppError::NotFound);
    };
    // One appeal per rating: the update itself checks, so two at once cannot both pass.
    let changed = sqlx::query(
        "UPDATE review_followups SET appeal_state = 'pending', appeal_rating = $1, appeal_text = $2, \
         version = version + 1 WHERE id = $3 AND appeal_state = ''",
    )
    .bind(i64::from(rating))
    .bind(&reason)
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(AppError::invalid("reason", "err_appeal_once"));
    }
    let actor = caller.account_id;
    record(
        &mut tx,
        about,
        actor,
        "rating_appeal",
        true,
        &reason,
        Some(rating),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// An administrator decides an appeal: granted changes the rating of the case or concern
/// to the one asked for; the rater is told either way.
#[tracing::instrument(skip_all, err(level = "info"))]
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
    let Found { about, rater, .. } = find(&mut tx, id).await?;
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
        let table = match about {
            Rated::Case(_) => "cases",
            Rated::Concern(_) => "concerns",
        };
        sqlx::query(&format!(
            "UPDATE {table} SET rating = (SELECT appeal_rating FROM review_followups WHERE id = $1), \
             version = version + 1 WHERE id = $2"
        ))
        .bind(id)
        .bind(about.id())
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
    record(&mut tx, about, caller.account_id, kind, true, &answer, None).await?;
    if let Some(rater) = rater {
        tell_rater(&mut tx, about, rater, kind).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The rater hears of the decision in the hub and by e-mail, as of any news on their case
/// or concern.
async fn tell_rater(
    conn: &mut AnyConnection,
    about: Rated,
    rater: i64,
    kind: &str,
) -> Result<(), AppError> {
    use crate::notifications::store::{notify, notify_about};
    match about {
        Rated::Case(case_id) => {
            let (number,): (Option<String>,) =
                sqlx::query_as("SELECT number FROM cases WHERE id = $1")
                    .bind(case_id)
                    .fetch_one(&mut *conn)
                    .await?;
            notify(conn, rater, case_id, kind, number.as_deref()).await
        }
        Rated::Concern(concern_id) => {
            let (number, subject): (String, String) =
                sqlx::query_as("SELECT number, subject FROM concerns WHERE id = $1")
                    .bind(concern_id)
                    .fetch_one(&mut *conn)
                    .await?;
            let link = about.link();
            let kind = format!("concern_{kind}");
            notify_about(conn, rater, &kind, &link, &format!("{number} {subject}")).await
        }
    }
}
