//! Case queries and the one place where a case changes state (ssr only). Every change is a
//! single transaction: the new state, its timeline event and the notifications it causes,
//! written only if the case still has the version the caller saw.
use super::model::*;
use crate::accounts::access::Caller;
use crate::accounts::model::Role;
use crate::calendar::model::{WorkCalendar, urgency};
use crate::catalogue::model::ServiceItem;
use crate::common::date::{Date, today_in_china};
use crate::common::files::{NewFile, StoredFile};
use crate::common::satisfaction::SubScores;
use crate::db::{Db, Sql, now_ms};
use crate::error::AppError;
use sqlx::AnyConnection;

const CASE_COLUMNS: &str = "id, number, applicant_id, item_code, item_version, state, active, answers, \
    employer_id, assignee_id, amount_fen, approved_by, disbursement_ref, submitted_at, accepted_on, \
    due_on, paused_on, received_on, supplement_asked, supplement_round, decided_at, decision_days, decided_late, disbursed_at, rating, rating_comment, bundle_id, version, updated_at";

impl CaseRow {
    /// Writes every changeable column of this case in `conn`, if the case still has
    /// `version` (the one it was read with); otherwise `Conflict`, nothing written.
    async fn write(
        &self,
        conn: &mut AnyConnection,
        version: i64,
        now: i64,
    ) -> Result<(), AppError> {
        let changed = sqlx::query(
            "UPDATE cases SET state = $1, active = $2, answers = $3, number = $4, employer_id = $5, \
             assignee_id = $6, amount_fen = $7, approved_by = $8, disbursement_ref = $9, submitted_at = $10, \
             accepted_on = $11, due_on = $12, paused_on = $13, decided_at = $14, decision_days = $15, \
             decided_late = $16, disbursed_at = $17, received_on = $18, supplement_asked = $19, \
             supplement_round = $20, version = version + 1, updated_at = $21 WHERE id = $22 AND version = $23",
        )
        .bind(&self.state)
        .bind(self.active)
        .bind(&self.answers)
        .bind(&self.number)
        .bind(self.employer_id)
        .bind(self.assignee_id)
        .bind(self.amount_fen)
        .bind(self.approved_by)
        .bind(&self.disbursement_ref)
        .bind(self.submitted_at)
        .bind(&self.accepted_on)
        .bind(&self.due_on)
        .bind(&self.paused_on)
        .bind(self.decided_at)
        .bind(self.decision_days)
        .bind(self.decided_late)
        .bind(self.disbursed_at)
        .bind(&self.received_on)
        .bind(&self.supplement_asked)
        .bind(self.supplement_round)
        .bind(now)
        .bind(self.id)
        .bind(version)
        .execute(conn)
        .await
        .map_err(|e| match e {
            // Withdrawn meanwhile and started again: the unique index guards one active case.
            sqlx::Error::Database(ref d) if d.is_unique_violation() => AppError::Conflict,
            other => other.into(),
        })?
        .rows_affected();
        if changed == 0 {
            return Err(AppError::Conflict);
        }
        Ok(())
    }
}

/// What `caller` is to the case, if anything. Anyone else learns nothing about it.
pub fn party_of(caller: &Caller, row: &CaseRow) -> Option<Party> {
    if caller.account_id == row.applicant_id {
        Some(Party::Applicant)
    } else if caller.role == Role::Enterprise && row.employer_id == Some(caller.account_id) {
        // The employer sees the case only once it was submitted to them.
        (row.state().ok()? != CaseState::Draft).then_some(Party::Employer)
    } else if caller.role.is_office() {
        (row.state().ok()? != CaseState::Draft).then_some(Party::Staff)
    } else {
        None
    }
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn find(conn: &mut AnyConnection, id: i64) -> Result<Option<CaseRow>, AppError> {
    Ok(
        sqlx::query_as(&format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = $1"))
            .bind(id)
            .fetch_optional(conn)
            .await?,
    )
}

/// Case `id` read in write transaction `conn` for changing it: locked until the
/// transaction ends (see [`Db::for_update`]), so what is written is based on what is there.
async fn find_locked(
    db: &Db,
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<CaseRow>, AppError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {CASE_COLUMNS} FROM cases WHERE id = $1{}",
        db.for_update()
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?)
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn find_by_number(db: &Db, number: &str) -> Result<Option<CaseRow>, AppError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {CASE_COLUMNS} FROM cases WHERE number = $1"
    ))
    .bind(number)
    .fetch_optional(db.reader())
    .await?)
}

/// Case `id`, read in `conn`, if `caller` is `party` to it; anyone else learns nothing.
async fn find_as(
    conn: &mut AnyConnection,
    id: i64,
    caller: &Caller,
    party: Party,
) -> Result<CaseRow, AppError> {
    let row = find(conn, id).await?.ok_or(AppError::NotFound)?;
    if party_of(caller, &row) == Some(party) {
        Ok(row)
    } else {
        Err(AppError::NotFound)
    }
}

/// The row of case `id` if `caller` may see it, with what they are to it.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn find_for(db: &Db, id: i64, caller: &Caller) -> Result<(CaseRow, Party), AppError> {
    let mut conn = db.reader().acquire().await?;
    let row = find(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    let party = party_of(caller, &row).ok_or(AppError::NotFound)?;
    Ok((row, party))
}

/// Starts an application for `item` (published version `version`), or returns the case
/// the applicant already has going for it when the item allows one at a time. Pressing
/// "apply" twice therefore opens the same draft.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn start(
    db: &Db,
    applicant_id: i64,
    item: &ServiceItem,
    version: i64,
    prefill: &Answers,
) -> Result<i64, AppError> {
    let existing = || async {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT id FROM cases WHERE applicant_id = $1 AND item_code = $2 AND active = 1",
        )
        .bind(applicant_id)
        .bind(&item.code)
        .fetch_optional(db.writer())
        .await?;
        Ok::<_, AppError>(row.map(|(id,)| id))
    };
    if !item.several_at_once
        && let Some(id) = existing().await?
    {
        return Ok(id);
    }
    let now = now_ms();
    let answers = serde_json::to_string(prefill).map_err(|_| AppError::Internal)?;
    let inserted: Result<(i64,), sqlx::Error> = sqlx::query_as(
        "INSERT INTO cases (applicant_id, item_code, item_version, state, active, answers, created_at, updated_at) \
         VALUES ($1, $2, $3, 'draft', $4, $5, $6, $6) RETURNING id",
    )
    .bind(applicant_id)
    .bind(&item.code)
    .bind(version)
    .bind(i64::from(!item.several_at_once))
    .bind(&answers)
    .bind(now)
    .fetch_one(db.writer())
    .await;
    match inserted {
        Ok((id,)) => Ok(id),
        // Two starts at once: the unique index let one through; use that one.
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            existing().await?.ok_or(AppError::Conflict)
        }
        Err(e) => Err(e.into()),
    }
}

/// Opens a draft for `applicant_id` in `conn` on their behalf (the hub, for a service that
/// needs no application), answered with `answers`, naming `employer_id` as the employer
/// whose confirmation is already given.
pub async fn open_draft(
    conn: &mut AnyConnection,
    applicant_id: i64,
    item: &ServiceItem,
    version: i64,
    answers: &Answers,
    employer_id: Option<i64>,
) -> Result<i64, AppError> {
    let now = now_ms();
    let answers = serde_json::to_string(answers).map_err(|_| AppError::Internal)?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO cases (applicant_id, item_code, item_version, state, active, answers, employer_id, created_at, updated_at) \
         VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(applicant_id)
    .bind(&item.code)
    .bind(version)
    .bind(i64::from(!item.several_at_once))
    .bind(&answers)
    .bind(employer_id)
    .bind(now)
    .fetch_one(conn)
    .await
    .map_err(|e| match e {
        // The applicant started one of their own meanwhile (one active case per item).
        sqlx::Error::Database(ref d) if d.is_unique_violation() => AppError::Conflict,
        other => other.into(),
    })?;
    Ok(id)
}

/// Saves a draft's answers as typed (checked fully only on submission). The answers of
/// `file_keys` are the files uploaded for them: taken from the stored row, locked, so an
/// upload finished while the form was open is kept. Returns the new version and the
/// answers saved.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn save_answers(
    db: &Db,
    id: i64,
    applicant_id: i64,
    typed: &Answers,
    file_keys: &[&str],
    version: i64,
) -> Result<(i64, Answers), AppError> {
    let mut tx = db.begin_write().await?;
    let row = match find_locked(db, &mut tx, id).await? {
        Some(row) if row.applicant_id == applicant_id => row,
        _ => return Err(AppError::NotFound),
    };
    if row.state()? != CaseState::Draft || row.version != version {
        return Err(AppError::Conflict);
    }
    let stored = row.answers();
    let mut answers: Answers = typed
        .iter()
        .filter(|(key, _)| !file_keys.contains(&key.as_str()))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    for key in file_keys {
        if let Some(file) = stored.get(*key) {
            answers.insert(key.to_string(), file.clone());
        }
    }
    let json = serde_json::to_string(&answers).map_err(|_| AppError::Internal)?;
    let changed = sqlx::query(
        "UPDATE cases SET answers = $1, version = version + 1, updated_at = $2 \
         WHERE id = $3 AND state = 'draft' AND version = $4",
    )
    .bind(&json)
    .bind(now_ms())
    .bind(id)
    .bind(version)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(AppError::Conflict);
    }
    tx.commit().await?;
    Ok((version + 1, answers))
}

async fn item_of(db: &Db, row: &CaseRow) -> Result<ServiceItem, AppError> {
    crate::catalogue::store::find_version(db, &row.item_code, row.item_version)
        .await?
        .ok_or(AppError::Internal)
}

/// The enterprise account with this unified social credit code, if registered.
async fn enterprise_by_credit_code(
    conn: &mut AnyConnection,
    code: &str,
) -> Result<Option<i64>, AppError> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM accounts WHERE role = 'enterprise' AND credit_code = $1 AND status = 'active'",
    )
    .bind(code.trim().to_uppercase())
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(id,)| id))
}

use crate::catalogue::model::EMPLOYER_FIELD_KEY as EMPLOYER_FIELD;

async fn next_number(conn: &mut AnyConnection, year: i32) -> Result<String, AppError> {
    let sequence = crate::db::next_of_year(conn, "case_counters", year).await?;
    Ok(case_number(year, sequence))
}

/// Makes `transition` on case `id` for `caller`, who read the case at `version`.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn transition(
    db: &Db,
    id: i64,
    caller: &Caller,
    transition: Transition,
    input: &TransitionInput,
    version: i64,
) -> Result<CaseRow, AppError> {
    let calendar = if transition.needs_calendar() {
        Some(crate::calendar::store::load(db).await?)
    } else {
        None
    };
    let mut tx = db.begin_write().await?;
    let new = transition_in(
        db,
        &mut tx,
        id,
        caller,
        transition,
        input,
        version,
        calendar.as_ref(),
    )
    .await?;
    tx.commit().await?;
    Ok(new)
}

/// [`transition`] in write transaction `tx`, which the caller commits: several cases
/// changing together (a bundle's submission) change all or none. `calendar` is needed
/// where [`Transition::needs_calendar`] says so.
#[allow(clippy::too_many_arguments)]
pub async fn transition_in(
    db: &Db,
    tx: &mut AnyConnection,
    id: i64,
    caller: &Caller,
    transition: Transition,
    input: &TransitionInput,
    version: i64,
    calendar: Option<&WorkCalendar>,
) -> Result<CaseRow, AppError> {
    let now = now_ms();
    let today = today_in_china(now);
    // Locked: an upload answering a field meanwhile must not be lost by a submission.
    let row = find_locked(db, tx, id).await?.ok_or(AppError::NotFound)?;
    let party = party_of(caller, &row).ok_or(AppError::NotFound)?;
    if row.version != version {
        return Err(AppError::Conflict);
    }
    // Only enterprises the office has verified may confirm or decline employment.
    if party == Party::Employer
        && !crate::enterprises::store::is_verified(tx, caller.account_id).await?
    {
        return Err(AppError::invalid(
            "transition",
            "err_enterprise_not_verified",
        ));
    }
    let item = item_of(db, &row).await?;
    let mut facts = facts_of(&item, &row);
    // A case the hub opened for a hire has the employer's confirmation already.
    let opened_for_hire =
        transition == Transition::Submit && hub_opening_of(tx, id).await?.is_some();
    facts.employer_confirmed = opened_for_hire;
    let state = row.state()?;
    let next = next_state(state, transition, party, caller.account_id, &facts, input)?;
    let submission = match transition {
        Transition::Submit => Some(submission(tx, &row, &item, today, opened_for_hire).await?),
        _ => None,
    };
    let asked = supplement_list(tx, &row, &item, transition, caller, input).await?;
    let context = TransitionContext {
        actor_id: caller.account_id,
        now_ms: now,
        today,
        calendar,
        time_limit_days: item.time_limit_days,
        several_at_once: item.several_at_once,
        input,
        submission,
        asked,
    };
    let Effects {
        case: mut new,
        event_text,
        event_amount_fen: event_amount,
    } = effects(&row, transition, next, &context)?;
    new.write(tx, version, now).await?;
    record_event(
        tx,
        Event {
            case_id: id,
            actor_id: Some(caller.account_id),
            kind: transition.as_str(),
            from: Some(state),
            to: Some(next),
            public: true,
            text: &event_text,
            amount_fen: event_amount,
        },
    )
    .await?;
    if let Some(kind) = newly_decided(state, next, new.approved_by.is_some()) {
        issue_notice(db, tx, &new, &item, kind, &event_text, today).await?;
    }
    if transition == Transition::RequestSupplement && row.supplement_round > 0 {
        record_second_supplement(tx, id, caller, input).await?;
    }
    for account in notify_whom(transition, next, &new) {
        if account != caller.account_id {
            let number = new.number.as_deref();
            notify(tx, account, id, transition.as_str(), number).await?;
        }
    }
    new.version = version + 1;
    new.updated_at = now;
    Ok(new)
}

/// What a supplement request asks for (checked against the round: a second request takes
/// a supervisor and a reason), or, for the supplement itself, that everything asked for
/// is there. Empty for any other transition.
async fn supplement_list(
    conn: &mut AnyConnection,
    row: &CaseRow,
    item: &ServiceItem,
    transition: Transition,
    caller: &Caller,
    input: &TransitionInput,
) -> Result<Vec<AskedMaterial>, AppError> {
    match transition {
        Transition::RequestSupplement => {
            check_supplement_round(
                row.supplement_round,
                caller.role == Role::Admin,
                &input.supplement.approval,
            )?;
            asked_materials(
                &item.materials,
                &input.supplement.missing,
                &input.supplement.notes,
                row.supplement_round + 1,
            )
        }
        Transition::Supply => {
            everything_asked_is_supplied(conn, row).await?;
            Ok(Vec::new())
        }
        _ => Ok(Vec::new()),
    }
}

/// Why the office asks for supplements a second time, kept on the timeline for the office.
async fn record_second_supplement(
    conn: &mut AnyConnection,
    case_id: i64,
    caller: &Caller,
    input: &TransitionInput,
) -> Result<(), AppError> {
    record_event(
        conn,
        Event {
            case_id,
            actor_id: Some(caller.account_id),
            kind: "second_supplement",
            from: None,
            to: None,
            public: false,
            text: input.supplement.approval.trim(),
            amount_fen: None,
        },
    )
    .await
}

/// Issues the decision notice of case `case` (decided as `kind` on `decided_on`, for
/// `reason`), in the deciding transaction; `None` when it has one already.
async fn issue_notice(
    db: &Db,
    conn: &mut AnyConnection,
    case: &CaseRow,
    item: &ServiceItem,
    kind: crate::decisions::model::NoticeKind,
    reason: &str,
    decided_on: Date,
) -> Result<Option<String>, AppError> {
    let decided = crate::decisions::store::Decided {
        case_id: case.id,
        kind,
        case_number: case.number.as_deref().unwrap_or_default(),
        applicant_id: case.applicant_id,
        item,
        amount_fen: case.amount_fen,
        reason,
        decided_on: &decided_on.to_string(),
    };
    let content = crate::decisions::store::content(db, conn, &decided).await?;
    crate::decisions::store::issue(conn, case.id, &content, None, "").await
}

/// Issues the notices decided cases lack: cases decided before notices existed (and the
/// demo's). Each case is locked and checked again, so runners on several servers issue
/// one notice per case. Returns how many were issued.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn issue_missing_notices(db: &Db) -> Result<usize, AppError> {
    let ids: Vec<(i64,)> = sqlx::query_as(&format!(
        "SELECT c.id FROM cases c WHERE c.state IN ({DECIDED_STATES}) \
         AND NOT EXISTS (SELECT 1 FROM decision_notices n WHERE n.case_id = c.id) ORDER BY c.id LIMIT 200"
    ))
    .fetch_all(db.reader())
    .await?;
    let mut issued = 0;
    for (id,) in ids {
        let mut tx = db.begin_write().await?;
        let Some(row) = find_locked(db, &mut tx, id).await? else {
            continue;
        };
        let Some(kind) = notice_kind(row.state()?, row.approved_by.is_some()) else {
            continue;
        };
        if crate::decisions::store::current(&mut tx, id)
            .await?
            .is_some()
        {
            continue;
        }
        // The reason the deciding step recorded.
        let reason: Option<(String,)> = sqlx::query_as(
            "SELECT text FROM case_events WHERE case_id = $1 \
             AND kind IN ('approve', 'sign_off', 'reject', 'not_accept') ORDER BY at DESC, id DESC LIMIT 1",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let item = item_of(db, &row).await?;
        let reason = reason.as_ref().map_or("", |(text,)| text.as_str());
        let decided_on = today_in_china(row.decided_at.unwrap_or(row.updated_at));
        if issue_notice(db, &mut tx, &row, &item, kind, reason, decided_on)
            .await?
            .is_some()
        {
            issued += 1;
        }
        tx.commit().await?;
    }
    Ok(issued)
}

/// An administrator corrects the current decision notice `number` of case `case_id`: a
/// new notice with the corrected reason replaces it, the old one verifies as superseded,
/// and the applicant is told. A correction of a notice already replaced is stale.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn correct_notice(
    db: &Db,
    case_id: i64,
    caller: &Caller,
    number: &str,
    reason: &str,
    note: &str,
) -> Result<String, AppError> {
    if caller.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    let (reason, note) = crate::decisions::model::check_correction(reason, note)?;
    let mut tx = db.begin_write().await?;
    let row = find_locked(db, &mut tx, case_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (old_id, old_number, mut content) = crate::decisions::store::current(&mut tx, case_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if old_number != number.trim() {
        return Err(AppError::Conflict);
    }
    crate::decisions::store::supersede(&mut tx, old_id, &old_number).await?;
    content.reason = reason;
    let issued = crate::decisions::store::issue(&mut tx, case_id, &content, Some(old_id), &note)
        .await?
        .ok_or(AppError::Conflict)?;
    record_event(
        &mut tx,
        Event {
            case_id,
            actor_id: Some(caller.account_id),
            kind: NOTICE_CORRECTED,
            from: None,
            to: None,
            public: true,
            text: &note,
            amount_fen: None,
        },
    )
    .await?;
    notify(
        &mut tx,
        row.applicant_id,
        case_id,
        NOTICE_CORRECTED,
        row.number.as_deref(),
    )
    .await?;
    tx.commit().await?;
    Ok(issued)
}

/// Cases whose promised time runs now: how many have at most
/// [`DUE_SOON_DAYS`](crate::calendar::model::DUE_SOON_DAYS) working days left, and how
/// many are past their limit (the staff queue's "due soon" and "overdue").
pub async fn deadline_counts(db: &Db, today: Date) -> Result<(i64, i64), AppError> {
    let calendar = crate::calendar::store::load(db).await?;
    // The first day with more than DUE_SOON_DAYS working days left.
    let later = calendar.add_working_days(today, crate::calendar::model::DUE_SOON_DAYS + 1);
    let (due_soon, overdue): (i64, i64) = sqlx::query_as(&format!(
        "SELECT CAST(COALESCE(SUM(CASE WHEN due_on >= $1 AND due_on < $2 THEN 1 ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN due_on < $1 THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM cases WHERE state IN ({CLOCK_RUNNING_STATES}) AND due_on IS NOT NULL"
    ))
    .bind(today.to_string())
    .bind(later.to_string())
    .fetch_one(db.reader())
    .await?;
    Ok((due_soon, overdue))
}

/// Deems accepted every application whose acceptance limit passed before the day of
/// `now` (see [`deemed_acceptance`]), each in its own transaction with its timeline entry
/// (the hub's act, no person's) and word to the applicant and the office. Several servers
/// may run this at once: each case is locked and re-checked before it changes, so it is
/// deemed accepted once. Returns how many it deemed accepted.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn deem_overdue_acceptances(db: &Db, now: i64) -> Result<u64, AppError> {
    const BATCH: i64 = 200;
    let today = today_in_china(now);
    // Five working days are at least five calendar days: only older receipts can be due.
    let received_before = today
        .add_days(-i64::from(ACCEPTANCE_WORKING_DAYS))
        .to_string();
    let candidates: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM cases WHERE state IN ('submitted', 'confirmed') AND received_on < $1 \
         ORDER BY received_on, id LIMIT $2",
    )
    .bind(&received_before)
    .bind(BATCH)
    .fetch_all(db.reader())
    .await?;
    if candidates.is_empty() {
        return Ok(0);
    }
    let calendar = crate::calendar::store::load(db).await?;
    let mut deemed = 0;
    for (id,) in candidates {
        let mut tx = db.begin_write().await?;
        let Some(row) = find_locked(db, &mut tx, id).await? else {
            continue;
        };
        let item = item_of(db, &row).await?;
        // Accepted, refused or withdrawn meanwhile, or not yet due: left as it is.
        let Some(new) = deemed_acceptance(&row, &calendar, item.time_limit_days, today) else {
            continue;
        };
        new.write(&mut tx, row.version, now).await?;
        record_event(
            &mut tx,
            Event {
                case_id: id,
                actor_id: None,
                kind: DEEMED_ACCEPTANCE,
                from: Some(row.state()?),
                to: Some(CaseState::UnderReview),
                public: true,
                text: "",
                amount_fen: None,
            },
        )
        .await?;
        let number = new.number.as_deref();
        notify(&mut tx, new.applicant_id, id, DEEMED_ACCEPTANCE, number).await?;
        for account in office_to_tell(&mut tx, &new).await? {
            notify(&mut tx, account, id, DEEMED_ACCEPTANCE, number).await?;
        }
        tx.commit().await?;
        deemed += 1;
    }
    Ok(deemed)
}

/// Reminds, once, each applicant whose decided case is still unrated three days after
/// its last change (好差评). Each reminder is claimed by the row it marks, so servers
/// sharing a database send it once. Returns how many it sent.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn remind_unrated(db: &Db, now: i64) -> Result<u64, AppError> {
    const BATCH: i64 = 200;
    let due: Vec<(i64, i64, Option<String>)> = sqlx::query_as(&format!(
        "SELECT id, applicant_id, number FROM cases WHERE rating IS NULL \
         AND rating_reminded_at IS NULL AND state IN ({RATEABLE_STATES}) AND updated_at <= $1 \
         ORDER BY updated_at, id LIMIT $2"
    ))
    .bind(now - RATING_REMINDER_AFTER_MS)
    .bind(BATCH)
    .fetch_all(db.reader())
    .await?;
    let mut sent = 0;
    for (id, applicant, number) in due {
        let mut tx = db.begin_write().await?;
        // The reminder marks the case without a new version: a page open on it stays valid.
        let claimed = sqlx::query(
            "UPDATE cases SET rating_reminded_at = $1 \
             WHERE id = $2 AND rating IS NULL AND rating_reminded_at IS NULL",
        )
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if claimed == 1 {
            notify(&mut tx, applicant, id, RATING_REMINDER, number.as_deref()).await?;
            tx.commit().await?;
            sent += 1;
        }
    }
    Ok(sent)
}

/// Who in the office hears of a case the hub acted on: its holder, or every active staff
/// member while nobody holds it.
async fn office_to_tell(conn: &mut AnyConnection, case: &CaseRow) -> Result<Vec<i64>, AppError> {
    if let Some(holder) = case.assignee_id {
        return Ok(vec![holder]);
    }
    crate::accounts::store::active_of_role(conn, Role::Staff).await
}

/// Refuses to send a supplement back while a material the request named has no file.
async fn everything_asked_is_supplied(
    conn: &mut AnyConnection,
    row: &CaseRow,
) -> Result<(), AppError> {
    for asked in row.supplement_asked() {
        let (files,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM case_files WHERE case_id = $1 AND field_key = $2")
                .bind(row.id)
                .bind(&asked.key)
                .fetch_one(&mut *conn)
                .await?;
        if files == 0 {
            return Err(AppError::invalid("file", "err_supplement_incomplete"));
        }
    }
    Ok(())
}

/// What the life-cycle rules need to know about case `row` of `item`.
fn facts_of(item: &ServiceItem, row: &CaseRow) -> CaseFacts {
    CaseFacts {
        needs_employer: item.employer_confirmation,
        max_amount_fen: item.max_amount_fen,
        sign_off_above_fen: item.sign_off_above_fen,
        amount_fen: row.amount_fen,
        approved_by: row.approved_by,
        employer_confirmed: false,
    }
}

/// Checks a submission's answers and files, finds the employer asked to confirm, and
/// draws the case number.
async fn submission(
    tx: &mut AnyConnection,
    row: &CaseRow,
    item: &ServiceItem,
    today: Date,
    opened_for_hire: bool,
) -> Result<Submission, AppError> {
    let answers = check_answers(&applicant_form(&item.form, opened_for_hire), &row.answers())?;
    check_file_answers(tx, row.id, item, &answers).await?;
    let employer_id = if opened_for_hire {
        row.employer_id
    } else if item.employer_confirmation {
        let code = answers
            .get(EMPLOYER_FIELD)
            .map(String::as_str)
            .unwrap_or("");
        let employer = enterprise_by_credit_code(tx, code).await?.ok_or_else(|| {
            AppError::invalid(
                &format!("answers[{EMPLOYER_FIELD}]"),
                "err_employer_unknown",
            )
        })?;
        Some(employer)
    } else {
        None
    };
    Ok(Submission {
        answers: serde_json::to_string(&answers).map_err(|_| AppError::Internal)?,
        employer_id,
        number: next_number(tx, today.year).await?,
    })
}

/// Who hears about a transition: the applicant of everything the office or the employer
/// does; the employer when asked to confirm; the assignee when the applicant acts.
fn notify_whom(transition: Transition, next: CaseState, case: &CaseRow) -> Vec<i64> {
    match transition {
        Transition::Submit => case.employer_id.into_iter().collect(),
        Transition::Supply | Transition::Withdraw => case.assignee_id.into_iter().collect(),
        // A pending sign-off is news for the office only.
        Transition::Approve if next == CaseState::PendingSignOff => vec![],
        _ => vec![case.applicant_id],
    }
}

pub struct Event<'a> {
    pub case_id: i64,
    pub actor_id: Option<i64>,
    pub kind: &'a str,
    pub from: Option<CaseState>,
    pub to: Option<CaseState>,
    pub public: bool,
    pub text: &'a str,
    pub amount_fen: Option<i64>,
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn record_event(conn: &mut AnyConnection, event: Event<'_>) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO case_events (case_id, at, actor_id, kind, from_state, to_state, public, text, amount_fen) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(event.case_id)
    .bind(now_ms())
    .bind(event.actor_id)
    .bind(event.kind)
    .bind(event.from.map(CaseState::as_str))
    .bind(event.to.map(CaseState::as_str))
    .bind(i64::from(event.public))
    .bind(event.text)
    .bind(event.amount_fen)
    .execute(conn)
    .await?;
    Ok(())
}

pub use crate::notifications::store::notify;

/// Staff: takes the case (or gives it to `assignee`); an internal timeline entry.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn assign(
    db: &Db,
    id: i64,
    caller: &Caller,
    assignee: i64,
    version: i64,
) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    find_as(&mut tx, id, caller, Party::Staff).await?;
    let changed = sqlx::query(
        "UPDATE cases SET assignee_id = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND version = $4",
    )
    .bind(assignee)
    .bind(now_ms())
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
            case_id: id,
            actor_id: Some(caller.account_id),
            kind: "claim",
            from: None,
            to: None,
            public: false,
            text: "",
            amount_fen: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Staff: an internal note the applicant never sees.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn add_note(db: &Db, id: i64, caller: &Caller, text: &str) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    find_as(&mut tx, id, caller, Party::Staff).await?;
    record_event(
        &mut tx,
        Event {
            case_id: id,
            actor_id: Some(caller.account_id),
            kind: "note",
            from: None,
            to: None,
            public: false,
            text,
            amount_fen: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Case `id`, locked in `conn` for a change by the office, with its item: `caller` must
/// be office staff, and the case still at `version` when given (the one they saw).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn lock_for_office(
    db: &Db,
    conn: &mut AnyConnection,
    id: i64,
    caller: &Caller,
    version: Option<i64>,
) -> Result<(CaseRow, ServiceItem), AppError> {
    let row = find_locked(db, conn, id).await?.ok_or(AppError::NotFound)?;
    if party_of(caller, &row) != Some(Party::Staff) {
        return Err(AppError::NotFound);
    }
    if version.is_some_and(|v| v != row.version) {
        return Err(AppError::Conflict);
    }
    let item = item_of(db, &row).await?;
    Ok((row, item))
}

/// Moves the decision date of `row` (read locked in `conn`) to `due_on`, if the case is
/// still as read.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn move_due(
    conn: &mut AnyConnection,
    row: &CaseRow,
    due_on: Date,
) -> Result<(), AppError> {
    let mut case = row.clone();
    case.due_on = Some(due_on.to_string());
    case.write(conn, row.version, now_ms()).await
}

/// The sub-scores given with a case's rating.
async fn rating_aspects(db: &Db, id: i64) -> Result<SubScores, AppError> {
    type Levels = (Option<i64>, Option<i64>, Option<i64>, Option<i64>);
    let (efficiency, guide, convenience, ease): Levels = sqlx::query_as(
        "SELECT rating_efficiency, rating_guide, rating_convenience, rating_ease FROM cases WHERE id = $1",
    )
    .bind(id)
    .fetch_one(db.reader())
    .await?;
    let level = |l: Option<i64>| l.map(|l| l as u8);
    Ok(SubScores {
        efficiency: level(efficiency),
        guide: level(guide),
        convenience: level(convenience),
        ease: level(ease),
    })
}

/// The applicant rates the service once the case is decided (好差评): the overall level,
/// the sub-scores they chose to give, and a comment.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn rate(
    db: &Db,
    id: i64,
    caller: &Caller,
    rating: u8,
    aspects: SubScores,
    comment: &str,
) -> Result<(), AppError> {
    // A bad rating opens its follow-up, due in working days.
    let calendar = crate::calendar::store::load(db).await?;
    let mut tx = db.begin_write().await?;
    let row = find_as(&mut tx, id, caller, Party::Applicant).await?;
    if !row.state()?.may_be_rated() {
        return Err(AppError::Conflict);
    }
    // Rated once: the update itself refuses a second rating, also one racing this one
    // (the timeline and the follow-up are written only by the rating that took effect).
    let rated = sqlx::query(
        "UPDATE cases SET rating = $1, rating_comment = $2, rated_at = $3, rating_efficiency = $4, \
         rating_guide = $5, rating_convenience = $6, rating_ease = $7, version = version + 1 \
         WHERE id = $8 AND rating IS NULL",
    )
    .bind(i64::from(rating))
    .bind(comment)
    .bind(now_ms())
    .bind(aspects.efficiency.map(i64::from))
    .bind(aspects.guide.map(i64::from))
    .bind(aspects.convenience.map(i64::from))
    .bind(aspects.ease.map(i64::from))
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if rated == 0 {
        return Err(AppError::invalid("rating", "err_already_rated"));
    }
    record_event(
        &mut tx,
        Event {
            case_id: id,
            actor_id: Some(caller.account_id),
            kind: "rate",
            from: None,
            to: None,
            public: true,
            text: comment,
            amount_fen: Some(i64::from(rating)),
        },
    )
    .await?;
    if crate::followups::model::opens_follow_up(rating) {
        let about = crate::followups::model::Rated::Case(id);
        crate::followups::opening::open_for(&mut tx, about, rating, &calendar).await?;
    }
    tx.commit().await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    number: Option<String>,
    item_code: String,
    name_zh: Option<String>,
    name_en: Option<String>,
    state: String,
    applicant_name: String,
    assignee_name: Option<String>,
    due_on: Option<String>,
    received_on: Option<String>,
    paused_on: Option<String>,
    updated_at: i64,
    version: i64,
}

const SUMMARY_SELECT: &str = "SELECT c.id, c.number, c.item_code, i.name_zh, i.name_en, c.state, \
    COALESCE(a.display_name, '') AS applicant_name, s.display_name AS assignee_name, c.due_on, c.received_on, c.paused_on, \
    c.updated_at, c.version \
    FROM cases c LEFT JOIN accounts a ON a.id = c.applicant_id \
    LEFT JOIN accounts s ON s.id = c.assignee_id \
    LEFT JOIN service_items i ON i.code = c.item_code";

fn summary(row: SummaryRow, calendar: &WorkCalendar, today: Date) -> Result<CaseSummary, AppError> {
    let state = CaseState::stored(&row.state)?;
    let accept_by = row
        .received_on
        .as_deref()
        .and_then(Date::parse)
        .filter(|_| matches!(state, CaseState::Submitted | CaseState::Confirmed))
        .map(|received| acceptance_limit(calendar, received));
    let supply_by = row
        .paused_on
        .as_deref()
        .and_then(Date::parse)
        .filter(|_| state == CaseState::SupplementRequested)
        .map(|asked| crate::cases::model::supplement_limit(calendar, asked));
    let urgency = row
        .due_on
        .as_deref()
        .and_then(Date::parse)
        .filter(|_| state.clock_runs())
        .or(accept_by)
        .or(supply_by)
        .map(|limit| urgency(calendar, limit, today));
    Ok(CaseSummary {
        id: row.id,
        number: row.number,
        item_name: crate::common::text::Text {
            zh: row.name_zh.unwrap_or_else(|| row.item_code.clone()),
            en: row.name_en.unwrap_or_else(|| row.item_code.clone()),
        },
        item_code: row.item_code,
        state,
        applicant_name: row.applicant_name,
        assignee_name: row.assignee_name,
        due_on: row.due_on,
        accept_by: accept_by.map(|d| d.to_string()),
        supply_by: supply_by.map(|d| d.to_string()),
        urgency,
        updated_at: row.updated_at,
        version: row.version,
    })
}

async fn summaries(db: &Db, rows: Vec<SummaryRow>) -> Result<Vec<CaseSummary>, AppError> {
    let calendar = crate::calendar::store::load(db).await?;
    let today = today_in_china(now_ms());
    rows.into_iter()
        .map(|r| summary(r, &calendar, today))
        .collect()
}

/// The summary of one case (after a change, for the answer).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn summary_of(db: &Db, id: i64) -> Result<CaseSummary, AppError> {
    let row: SummaryRow = sqlx::query_as(&format!("{SUMMARY_SELECT} WHERE c.id = $1"))
        .bind(id)
        .fetch_one(db.reader())
        .await?;
    Ok(summaries(db, vec![row]).await?.remove(0))
}

/// The applicant's cases, newest change first.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn mine(db: &Db, applicant_id: i64, page: u32) -> Result<CasePage, AppError> {
    let rows: Vec<SummaryRow> = sqlx::query_as(&format!(
        "{SUMMARY_SELECT} WHERE c.applicant_id = $1 ORDER BY c.updated_at DESC, c.id DESC LIMIT $2 OFFSET $3"
    ))
    .bind(applicant_id)
    .bind(crate::db::page_window(page, CASE_PAGE_SIZE).0)
    .bind(crate::db::page_window(page, CASE_PAGE_SIZE).1)
    .fetch_all(db.reader())
    .await?;
    page_of(db, rows, page).await
}

/// Cases an enterprise is asked to confirm (and has confirmed or declined).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn employer_inbox(db: &Db, employer_id: i64, page: u32) -> Result<CasePage, AppError> {
    let rows: Vec<SummaryRow> = sqlx::query_as(&format!(
        "{SUMMARY_SELECT} WHERE c.employer_id = $1 AND c.state <> 'draft' \
         ORDER BY CASE WHEN c.state = 'awaiting_employer' THEN 0 ELSE 1 END, c.updated_at DESC LIMIT $2 OFFSET $3"
    ))
    .bind(employer_id)
    .bind(crate::db::page_window(page, CASE_PAGE_SIZE).0)
    .bind(crate::db::page_window(page, CASE_PAGE_SIZE).1)
    .fetch_all(db.reader())
    .await?;
    page_of(db, rows, page).await
}

/// The staff queue: open cases, the earliest due date first (cases not yet accepted,
/// which have none, by submission).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn queue(db: &Db, staff_id: i64, query: &QueueQuery) -> Result<CasePage, AppError> {
    let today = today_in_china(now_ms()).to_string();
    // The page's ids are picked first from the index of open cases alone, kept in this
    // order with the filtered columns (`cases_open_order`, migration 0022: a partial index
    // with exactly this state list and this order's first key), then the rows are read for
    // those ids only: the queue costs the same with years of decided cases.
    let order = |t: &str| {
        format!(
            "CASE WHEN {t}.due_on IS NULL THEN 1 ELSE 0 END, {t}.due_on, {t}.submitted_at, {t}.id"
        )
    };
    let mut sql = Sql::new(format!(
        "{SUMMARY_SELECT} WHERE c.id IN (SELECT q.id FROM cases q WHERE q.state IN ({QUEUE_STATES})"
    ));
    match query.scope.as_str() {
        "unassigned" => {
            sql.push(" AND q.assignee_id IS NULL");
        }
        "mine" => {
            sql.push(" AND q.assignee_id = ").push_bind(staff_id);
        }
        _ => {}
    }
    let item = query.item.trim();
    if !item.is_empty() {
        sql.push(" AND q.item_code = ").push_bind(item);
    }
    if let Some(state) = CaseState::parse(&query.state) {
        sql.push(" AND q.state = ").push_bind(state.as_str());
    }
    if query.overdue == "on" {
        sql.push(&format!(
            " AND q.state IN ({CLOCK_RUNNING_STATES}) AND q.due_on < "
        ))
        .push_bind(today.as_str());
    }
    let (limit, offset) = crate::db::page_window(query.page, CASE_PAGE_SIZE);
    sql.push(&format!(
        " ORDER BY {} LIMIT {limit} OFFSET {offset}) ORDER BY {}",
        order("q"),
        order("c")
    ));
    let rows: Vec<SummaryRow> = sql.query_as()?.fetch_all(db.reader()).await?;
    page_of(db, rows, query.page).await
}

async fn page_of(db: &Db, rows: Vec<SummaryRow>, page: u32) -> Result<CasePage, AppError> {
    let has_more = rows.len() > CASE_PAGE_SIZE as usize;
    let rows = rows.into_iter().take(CASE_PAGE_SIZE as usize).collect();
    Ok(CasePage {
        items: summaries(db, rows).await?,
        page,
        has_more,
    })
}

/// The timeline; internal entries only for staff.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn events(db: &Db, id: i64, staff: bool) -> Result<Vec<CaseEvent>, AppError> {
    #[derive(sqlx::FromRow)]
    struct EventRow {
        at: i64,
        actor_name: Option<String>,
        kind: String,
        to_state: Option<String>,
        public: i64,
        text: String,
        amount_fen: Option<i64>,
    }
    let rows: Vec<EventRow> = sqlx::query_as(
        "SELECT e.at, a.display_name AS actor_name, e.kind, e.to_state, e.public, e.text, e.amount_fen \
         FROM case_events e LEFT JOIN accounts a ON a.id = e.actor_id \
         WHERE e.case_id = $1 AND (e.public = 1 OR $2 = 1) ORDER BY e.id",
    )
    .bind(id)
    .bind(i64::from(staff))
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| CaseEvent {
            at: row.at,
            actor_name: row.actor_name,
            kind: row.kind,
            to_state: row.to_state.as_deref().and_then(CaseState::parse),
            public: row.public == 1,
            text: row.text,
            amount_fen: row.amount_fen,
        })
        .collect())
}

/// The whole case as `party` sees it.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn detail(
    db: &Db,
    row: CaseRow,
    party: Party,
    caller: &Caller,
) -> Result<CaseDetail, AppError> {
    let item = item_of(db, &row).await?;
    let staff = party == Party::Staff;
    let events = events(db, row.id, staff).await?;
    let employer_name = match row.employer_id {
        Some(id) => crate::accounts::store::find_by_id(db, id)
            .await?
            .map(|a| a.org_name.unwrap_or(a.display_name)),
        None => None,
    };
    let state = row.state()?;
    // Before acceptance the promised date is not set yet: what it would be if the case
    // were accepted today, so the applicant knows what to expect.
    let due_if_accepted_today = if state.awaits_acceptance() {
        let calendar = crate::calendar::store::load(db).await?;
        let today = today_in_china(now_ms());
        Some(
            calendar
                .add_working_days(today, item.time_limit_days)
                .to_string(),
        )
    } else {
        None
    };
    let detail = CaseDetail {
        summary: summary_of(db, row.id).await?,
        due_if_accepted_today,
        from_profile: Vec::new(),
        party,
        answers: row.answers(),
        employer_name,
        amount_fen: row.amount_fen,
        disbursement_ref: row.disbursement_ref.clone(),
        submitted_at: row.submitted_at,
        accepted_on: row.accepted_on.clone(),
        paused: row.paused_on.is_some(),
        rating: row.rating.map(|r| r as u8),
        rating_aspects: match row.rating {
            Some(_) => rating_aspects(db, row.id).await?,
            None => Default::default(),
        },
        rating_comment: row.rating_comment.clone(),
        events,
        supplement_asked: row.supplement_asked(),
        supplement_round: row.supplement_round,
        extensions: Default::default(),
        transitions: transitions_for(state, party),
        assigned_to_me: row.assignee_id == Some(caller.account_id),
        approved_by_me: state == CaseState::PendingSignOff
            && row.approved_by == Some(caller.account_id),
        files: files(db, row.id).await?,
        hub_opening: {
            let mut conn = db.reader().acquire().await?;
            hub_opening_of(&mut conn, row.id).await?
        },
        bundle: match row.bundle_id {
            Some(bundle_id) => bundle_link(db, bundle_id).await?,
            None => None,
        },
        item,
    };
    Ok(match party {
        Party::Employer => detail.as_employer_sees(),
        Party::Applicant | Party::Staff => detail,
    })
}

/// The case `caller` may upload `field_key` material to: their own draft (for a file field
/// of its form) or their case awaiting a supplement (`SUPPLEMENT_KEY`).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn upload_target(
    db: &Db,
    id: i64,
    caller: &Caller,
    field_key: &str,
) -> Result<CaseRow, AppError> {
    let (row, party) = find_for(db, id, caller).await?;
    if party != Party::Applicant {
        return Err(AppError::NotFound);
    }
    match row.state()? {
        // A bundle's material goes to all its cases at once, from the bundle's page.
        CaseState::Draft if row.bundle_id.is_some() => {
            return Err(AppError::invalid("file", "err_part_of_bundle"));
        }
        CaseState::Draft => {
            let item = item_of(db, &row).await?;
            let is_file_field = item.form.iter().any(|f| {
                f.key == field_key && matches!(f.kind, crate::catalogue::model::FieldKind::File)
            });
            if !is_file_field {
                return Err(AppError::invalid("file", "err_file_field"));
            }
        }
        CaseState::SupplementRequested
            if field_key == SUPPLEMENT_KEY
                || row.supplement_asked().iter().any(|a| a.key == field_key) => {}
        _ => return Err(AppError::Conflict),
    }
    Ok(row)
}

/// Records a stored upload, within [`CASE_QUOTA`]. A file answering a form field becomes
/// that field's answer and replaces the field's earlier file: its row goes in the same
/// transaction, and its stored name is returned (with any other replaced) for the caller
/// to remove once this is committed. The case row is locked meanwhile, so parallel
/// uploads and saves of the form each keep the others' answers.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn add_file(db: &Db, file: NewFile<'_>) -> Result<(CaseFile, Vec<String>), AppError> {
    let mut tx = db.begin_write().await?;
    let added = add_file_in(db, &mut tx, file).await?;
    tx.commit().await?;
    Ok(added)
}

/// [`add_file`] in write transaction `tx`, which the caller commits.
pub async fn add_file_in(
    db: &Db,
    tx: &mut AnyConnection,
    file: NewFile<'_>,
) -> Result<(CaseFile, Vec<String>), AppError> {
    let now = now_ms();
    let supplement = is_supplement_key(file.field_key);
    let row = find_locked(db, tx, file.case_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let open_for = if supplement {
        CaseState::SupplementRequested
    } else {
        CaseState::Draft
    };
    if row.state()? != open_for {
        return Err(AppError::Conflict);
    }
    let replaced: Vec<(i64, String, i64)> = if supplement {
        Vec::new()
    } else {
        sqlx::query_as(
            "SELECT id, stored_name, size_bytes FROM case_files WHERE case_id = $1 AND field_key = $2",
        )
        .bind(file.case_id)
        .bind(file.field_key)
        .fetch_all(&mut *tx)
        .await?
    };
    let (held_files, held_bytes): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(size_bytes), 0) AS BIGINT) FROM case_files WHERE case_id = $1",
    )
    .bind(file.case_id)
    .fetch_one(&mut *tx)
    .await?;
    let replaced_bytes: i64 = replaced.iter().map(|(_, _, size)| size).sum();
    CASE_QUOTA.admits(
        held_files - replaced.len() as i64,
        held_bytes - replaced_bytes,
        file.size_bytes,
    )?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO case_files (case_id, field_key, stored_name, original_name, content_type, size_bytes, \
         sha256, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(file.case_id)
    .bind(file.field_key)
    .bind(file.stored_name)
    .bind(file.original_name)
    .bind(file.content_type)
    .bind(file.size_bytes)
    .bind(file.sha256)
    .bind(file.uploaded_by)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    for (old, _, _) in &replaced {
        sqlx::query("DELETE FROM case_files WHERE id = $1")
            .bind(old)
            .execute(&mut *tx)
            .await?;
    }
    if !supplement {
        let mut answers = row.answers();
        answers.insert(file.field_key.to_string(), id.to_string());
        // No new version: saving the form keeps file answers as stored (see
        // `save_answers`), so a form open in the browser stays valid.
        sqlx::query("UPDATE cases SET answers = $1, updated_at = $2 WHERE id = $3")
            .bind(serde_json::to_string(&answers).map_err(|_| AppError::Internal)?)
            .bind(now)
            .bind(file.case_id)
            .execute(&mut *tx)
            .await?;
    }
    let file = CaseFile {
        id,
        field_key: file.field_key.to_string(),
        name: file.original_name.to_string(),
        size_bytes: file.size_bytes,
        uploaded_at: now,
    };
    Ok((
        file,
        replaced.into_iter().map(|(_, name, _)| name).collect(),
    ))
}

/// The files of a case, oldest first.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn files(db: &Db, case_id: i64) -> Result<Vec<CaseFile>, AppError> {
    #[derive(sqlx::FromRow)]
    struct FileRow {
        id: i64,
        field_key: String,
        original_name: String,
        size_bytes: i64,
        uploaded_at: i64,
    }
    let rows: Vec<FileRow> = sqlx::query_as(
        "SELECT id, field_key, original_name, size_bytes, uploaded_at FROM case_files WHERE case_id = $1 ORDER BY id",
    )
    .bind(case_id)
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| CaseFile {
            id: row.id,
            field_key: row.field_key,
            name: row.original_name,
            size_bytes: row.size_bytes,
            uploaded_at: row.uploaded_at,
        })
        .collect())
}

/// File `id` if `caller` may see it: the applicant and staff every file of the case, the
/// confirming employer only those of the fields shown to them.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn file_for(db: &Db, id: i64, caller: &Caller) -> Result<StoredFile, AppError> {
    #[derive(sqlx::FromRow)]
    struct FileRow {
        case_id: i64,
        field_key: String,
        stored_name: String,
        original_name: String,
        content_type: String,
    }
    let row: Option<FileRow> = sqlx::query_as(
        "SELECT case_id, field_key, stored_name, original_name, content_type FROM case_files WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db.reader())
    .await?;
    let row = row.ok_or(AppError::NotFound)?;
    let (case, party) = find_for(db, row.case_id, caller).await?;
    if party == Party::Employer && !item_of(db, &case).await?.employer_sees(&row.field_key) {
        return Err(AppError::NotFound);
    }
    Ok(StoredFile {
        stored_name: row.stored_name,
        original_name: row.original_name,
        content_type: row.content_type,
    })
}

/// Every file answer of `answers` must be a file uploaded to this case for that field.
async fn check_file_answers(
    conn: &mut AnyConnection,
    case_id: i64,
    item: &ServiceItem,
    answers: &Answers,
) -> Result<(), AppError> {
    for field in &item.form {
        if !matches!(field.kind, crate::catalogue::model::FieldKind::File) {
            continue;
        }
        let Some(value) = answers.get(&field.key) else {
            continue;
        };
        let file_id: i64 = value
            .parse()
            .map_err(|_| AppError::invalid(&format!("answers[{}]", field.key), "err_required"))?;
        let found: Option<(i64,)> = sqlx::query_as(
            "SELECT id FROM case_files WHERE id = $1 AND case_id = $2 AND field_key = $3",
        )
        .bind(file_id)
        .bind(case_id)
        .bind(&field.key)
        .fetch_optional(&mut *conn)
        .await?;
        if found.is_none() {
            return Err(AppError::invalid(
                &format!("answers[{}]", field.key),
                "err_required",
            ));
        }
    }
    Ok(())
}

/// A case rated 不满意 or 非常不满意, as the ratings overview and the dashboard list it.
#[derive(sqlx::FromRow)]
pub(crate) struct BadlyRated {
    pub id: i64,
    pub number: Option<String>,
    pub item_code: String,
    pub rating: i64,
    pub rating_comment: String,
    pub rated_at: Option<i64>,
}

/// Ratings per service item, and the latest bad ones.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn ratings(db: &Db) -> Result<RatingsOverview, AppError> {
    #[derive(sqlx::FromRow)]
    struct ItemRow {
        item_code: String,
        name_zh: Option<String>,
        name_en: Option<String>,
        n: i64,
        stars: i64,
        satisfied: i64,
        efficiency_n: i64,
        efficiency: Option<i64>,
        guide_n: i64,
        guide: Option<i64>,
        convenience_n: i64,
        convenience: Option<i64>,
        ease_n: i64,
        ease: Option<i64>,
    }
    let rows: Vec<ItemRow> = sqlx::query_as(
        // Counted from the index of rated cases first, named afterwards.
        "SELECT r.item_code, i.name_zh, i.name_en, r.n, r.stars, r.satisfied, \
         r.efficiency_n, r.efficiency, r.guide_n, r.guide, r.convenience_n, r.convenience, r.ease_n, r.ease FROM \
         (SELECT item_code, COUNT(rating) AS n, CAST(SUM(rating) AS BIGINT) AS stars, \
          COUNT(CASE WHEN rating >= 4 THEN 1 END) AS satisfied, \
          COUNT(rating_efficiency) AS efficiency_n, CAST(SUM(rating_efficiency) AS BIGINT) AS efficiency, \
          COUNT(rating_guide) AS guide_n, CAST(SUM(rating_guide) AS BIGINT) AS guide, \
          COUNT(rating_convenience) AS convenience_n, CAST(SUM(rating_convenience) AS BIGINT) AS convenience, \
          COUNT(rating_ease) AS ease_n, CAST(SUM(rating_ease) AS BIGINT) AS ease FROM cases \
          WHERE rating IS NOT NULL GROUP BY item_code) r \
         LEFT JOIN service_items i ON i.code = r.item_code ORDER BY r.item_code",
    )
    .fetch_all(db.reader())
    .await?;
    let bad: Vec<BadlyRated> = sqlx::query_as(
        "SELECT id, number, item_code, rating, rating_comment, rated_at FROM cases \
         WHERE rating <= 2 ORDER BY rated_at DESC LIMIT 50",
    )
    .fetch_all(db.reader())
    .await?;
    Ok(RatingsOverview {
        items: rows
            .into_iter()
            .map(|row| {
                use crate::common::satisfaction::{Aspect, LevelTally};
                let tally = |count, sum: Option<i64>| LevelTally {
                    count,
                    sum: sum.unwrap_or(0),
                };
                ItemRatings {
                    item_name: crate::common::text::Text {
                        zh: row.name_zh.unwrap_or_else(|| row.item_code.clone()),
                        en: row.name_en.unwrap_or_else(|| row.item_code.clone()),
                    },
                    item_code: row.item_code,
                    count: row.n,
                    stars: row.stars,
                    satisfied: row.satisfied,
                    aspects: vec![
                        (Aspect::Efficiency, tally(row.efficiency_n, row.efficiency)),
                        (Aspect::Guide, tally(row.guide_n, row.guide)),
                        (
                            Aspect::Convenience,
                            tally(row.convenience_n, row.convenience),
                        ),
                        (Aspect::EaseOfUse, tally(row.ease_n, row.ease)),
                    ],
                }
            })
            .collect(),
        bad: bad
            .into_iter()
            .map(|row| BadRating {
                case_id: row.id,
                number: row.number.unwrap_or_default(),
                item_code: row.item_code,
                rating: row.rating as u8,
                comment: row.rating_comment,
                rated_at: row.rated_at.unwrap_or(0),
            })
            .collect(),
    })
}

/// Why the hub opened case `case_id`, if it did.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn hub_opening_of(
    conn: &mut AnyConnection,
    case_id: i64,
) -> Result<Option<crate::proactive::model::HubOpening>, AppError> {
    let row: Option<(String, String, String, String, String, i64)> = sqlx::query_as(
        "SELECT employer_name, post_title_zh, post_title_en, reasons_zh, reasons_en, opened_at \
         FROM hub_openings WHERE case_id = $1",
    )
    .bind(case_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(
        |(employer_name, title_zh, title_en, reasons_zh, reasons_en, opened_at)| {
            crate::proactive::model::HubOpening {
                employer_name,
                post_title: crate::common::text::Text {
                    zh: title_zh,
                    en: title_en,
                },
                reasons: crate::common::text::Text {
                    zh: reasons_zh,
                    en: reasons_en,
                },
                opened_at,
            }
        },
    ))
}

/// Bundle application `id` as a case page links to it.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn bundle_link(db: &Db, id: i64) -> Result<Option<BundleLink>, AppError> {
    let row: Option<(Option<String>, String)> = sqlx::query_as(
        "SELECT a.number, b.body FROM bundle_applications a \
         JOIN bundles b ON b.code = a.bundle_code WHERE a.id = $1",
    )
    .bind(id)
    .fetch_optional(db.reader())
    .await?;
    let Some((number, body)) = row else {
        return Ok(None);
    };
    let name = serde_json::from_str::<crate::bundles::model::Bundle>(&body)
        .map(|b| b.name)
        .unwrap_or_default();
    Ok(Some(BundleLink { id, number, name }))
}
