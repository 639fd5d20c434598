//! Extension requests in the database (ssr only). Asking and deciding are each one
//! transaction with the case's timeline entry and the notifications; approving moves the
//! case's decision date under the case's own version check, and every decision is
//! conditional on the request still waiting at the version the supervisor saw.
use super::model::*;
use crate::accounts::access::Caller;
use crate::accounts::model::Role;
use crate::cases::model::Party;
use crate::cases::store::{Event, lock_for_office, move_due, record_event};
use crate::common::date::Date;
use crate::db::{Db, now_ms};
use crate::error::AppError;
use crate::notifications::store::notify;
use sqlx::AnyConnection;

#[derive(sqlx::FromRow)]
struct ExtensionRow {
    id: i64,
    case_id: i64,
    case_number: Option<String>,
    days: i64,
    reason: String,
    state: String,
    requested_by_id: i64,
    requested_by: String,
    requested_at: i64,
    decided_by: Option<String>,
    decided_at: Option<i64>,
    decision_note: String,
    new_due_on: Option<String>,
    version: i64,
}

const SELECT: &str = "SELECT x.id, x.case_id, c.number AS case_number, x.days, x.reason, x.state, \
    x.requested_by AS requested_by_id, COALESCE(r.display_name, '') AS requested_by, x.requested_at, \
    d.display_name AS decided_by, x.decided_at, x.decision_note, x.new_due_on, x.version \
    FROM case_extensions x JOIN cases c ON c.id = x.case_id \
    LEFT JOIN accounts r ON r.id = x.requested_by LEFT JOIN accounts d ON d.id = x.decided_by";

impl ExtensionRow {
    fn into_extension(self) -> Result<Extension, AppError> {
        Ok(Extension {
            id: self.id,
            case_id: self.case_id,
            case_number: self.case_number,
            days: u32::try_from(self.days).map_err(|_| AppError::Internal)?,
            reason: self.reason,
            state: ExtensionState::stored(&self.state)?,
            requested_by: self.requested_by,
            requested_at: self.requested_at,
            decided_by: self.decided_by,
            decided_at: self.decided_at,
            decision_note: self.decision_note,
            new_due_on: self.new_due_on,
            version: self.version,
        })
    }
}

/// Working days granted on case `case_id` so far.
async fn granted_days(conn: &mut AnyConnection, case_id: i64) -> Result<u32, AppError> {
    let (days,): (i64,) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(days), 0) AS BIGINT) FROM case_extensions \
         WHERE case_id = $1 AND state = 'approved'",
    )
    .bind(case_id)
    .fetch_one(conn)
    .await?;
    u32::try_from(days).map_err(|_| AppError::Internal)
}

/// Staff ask to extend case `case_id` (seen at `case_version`) by `days` working days.
/// The case's decision date must be running or paused (accepted, not yet decided), and no
/// other request may be waiting.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn request(
    db: &Db,
    caller: &Caller,
    case_id: i64,
    case_version: i64,
    days: &str,
    reason: &str,
) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let (row, item) = lock_for_office(db, &mut tx, case_id, caller, Some(case_version)).await?;
    let state = row.state()?;
    if row.due_on.is_none() || !state.is_active() || row.decided_at.is_some() {
        return Err(AppError::Conflict);
    }
    let granted = granted_days(&mut tx, case_id).await?;
    let days = check_days(days, granted, item.max_extension_days())?;
    let inserted = sqlx::query(
        "INSERT INTO case_extensions (case_id, days, reason, requested_by, requested_at, state) \
         VALUES ($1, $2, $3, $4, $5, 'pending')",
    )
    .bind(case_id)
    .bind(i64::from(days))
    .bind(reason)
    .bind(caller.account_id)
    .bind(now_ms())
    .execute(&mut *tx)
    .await;
    match inserted {
        // Another request is already waiting for this case.
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(AppError::invalid("days", "err_extension_waiting"));
        }
        other => other?,
    };
    let text = format!("{days} · {reason}");
    record_event(
        &mut tx,
        Event {
            case_id,
            actor_id: Some(caller.account_id),
            kind: "extension_requested",
            from: None,
            to: None,
            public: false,
            text: &text,
            amount_fen: None,
        },
    )
    .await?;
    // The supervisors who decide extensions: every active administrator.
    for admin in crate::accounts::store::active_of_role(&mut tx, Role::Admin).await? {
        if admin != caller.account_id {
            notify(
                &mut tx,
                admin,
                case_id,
                "extension_requested",
                row.number.as_deref(),
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// A supervisor approves or declines extension `id` (seen at `version`). Approving moves
/// the case's decision date by the days asked for and tells the applicant the new date and
/// the reason; declining needs a note and tells the one who asked.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn decide(
    db: &Db,
    caller: &Caller,
    id: i64,
    version: i64,
    approve: bool,
    note: &str,
) -> Result<(), AppError> {
    if caller.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    if !approve && note.trim().is_empty() {
        return Err(AppError::invalid("note", "err_reason_required"));
    }
    let calendar = crate::calendar::store::load(db).await?;
    let mut tx = db.begin_write().await?;
    let request: ExtensionRow = sqlx::query_as(&format!("{SELECT} WHERE x.id = $1"))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
    if request.version != version || request.state != ExtensionState::Pending.as_str() {
        return Err(AppError::Conflict);
    }
    // Four eyes: whoever asked does not approve their own request.
    if request.requested_by_id == caller.account_id {
        return Err(AppError::invalid("note", "err_extension_own"));
    }
    // The case as it is now, locked: the decision date moves from where it stands.
    let (row, item) = lock_for_office(db, &mut tx, request.case_id, caller, None).await?;
    let new_due = if approve {
        Some(extend_due(&mut tx, &calendar, &row, &item, &request).await?)
    } else {
        None
    };
    let state = if approve {
        ExtensionState::Approved
    } else {
        ExtensionState::Declined
    };
    mark_decided(
        &mut tx,
        id,
        version,
        state,
        caller.account_id,
        note.trim(),
        new_due,
    )
    .await?;
    // What the applicant reads of an approval: the new date and the reason; a decline
    // stays in the office.
    let (kind, public, text) = match new_due {
        Some(due) => ("extend", true, format!("{due} · {}", request.reason)),
        None => ("extension_declined", false, note.trim().to_string()),
    };
    let event = Event {
        case_id: row.id,
        actor_id: Some(caller.account_id),
        kind,
        from: None,
        to: None,
        public,
        text: &text,
        amount_fen: None,
    };
    record_event(&mut tx, event).await?;
    let number = row.number.as_deref();
    if approve {
        notify(&mut tx, row.applicant_id, row.id, "extend", number).await?;
    }
    let told = if approve {
        "extension_approved"
    } else {
        "extension_declined"
    };
    notify(&mut tx, request.requested_by_id, row.id, told, number).await?;
    tx.commit().await?;
    Ok(())
}

/// Records the decision on request `id`, if it still waits at `version`.
async fn mark_decided(
    conn: &mut AnyConnection,
    id: i64,
    version: i64,
    state: ExtensionState,
    decided_by: i64,
    note: &str,
    new_due: Option<Date>,
) -> Result<(), AppError> {
    let changed = sqlx::query(
        "UPDATE case_extensions SET state = $1, decided_by = $2, decided_at = $3, \
         decision_note = $4, new_due_on = $5, version = version + 1 \
         WHERE id = $6 AND version = $7 AND state = 'pending'",
    )
    .bind(state.as_str())
    .bind(decided_by)
    .bind(now_ms())
    .bind(note)
    .bind(new_due.map(|d| d.to_string()))
    .bind(id)
    .bind(version)
    .execute(conn)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(AppError::Conflict);
    }
    Ok(())
}

/// Moves the decision date of case `row` (locked) by the days of `request`, if the case
/// is still open and the item still allows them. The new date.
async fn extend_due(
    conn: &mut AnyConnection,
    calendar: &crate::calendar::model::WorkCalendar,
    row: &crate::cases::model::CaseRow,
    item: &crate::catalogue::model::ServiceItem,
    request: &ExtensionRow,
) -> Result<Date, AppError> {
    let due = row
        .due_on
        .as_deref()
        .and_then(Date::parse)
        .ok_or(AppError::Conflict)?;
    if !row.state()?.is_active() || row.decided_at.is_some() {
        return Err(AppError::Conflict);
    }
    let days = u32::try_from(request.days).map_err(|_| AppError::Internal)?;
    let granted = granted_days(conn, row.id).await?;
    within_limit(days, granted, item.max_extension_days())?;
    let new_due = calendar.add_working_days(due, days);
    move_due(conn, row, new_due).await?;
    Ok(new_due)
}

/// Case `case_id`'s extensions as `party` sees them; `limit` is its item's
/// [`max_extension_days`](crate::catalogue::model::ServiceItem::max_extension_days).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn of_case(
    db: &Db,
    case_id: i64,
    party: Party,
    caller: &Caller,
    limit: u32,
) -> Result<CaseExtensions, AppError> {
    if party == Party::Employer {
        return Ok(CaseExtensions::default());
    }
    let rows: Vec<ExtensionRow> =
        sqlx::query_as(&format!("{SELECT} WHERE x.case_id = $1 ORDER BY x.id"))
            .bind(case_id)
            .fetch_all(db.reader())
            .await?;
    let may_decide = caller.role == Role::Admin
        && rows.iter().any(|r| {
            r.state == ExtensionState::Pending.as_str() && r.requested_by_id != caller.account_id
        });
    let mut items = rows
        .into_iter()
        .map(ExtensionRow::into_extension)
        .collect::<Result<Vec<_>, _>>()?;
    let granted: u32 = items
        .iter()
        .filter(|e| e.state == ExtensionState::Approved)
        .map(|e| e.days)
        .sum();
    if party == Party::Applicant {
        // The applicant reads what was decided for them, not the office's deliberation.
        items.retain(|e| e.state == ExtensionState::Approved);
        for e in &mut items {
            e.requested_by.clear();
            e.decided_by = None;
            e.decision_note.clear();
        }
    }
    Ok(CaseExtensions {
        items,
        remaining_days: limit.saturating_sub(granted),
        may_decide,
    })
}

/// The requests waiting for a supervisor, oldest first.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn waiting(db: &Db) -> Result<Vec<Extension>, AppError> {
    let rows: Vec<ExtensionRow> = sqlx::query_as(&format!(
        "{SELECT} WHERE x.state = 'pending' ORDER BY x.requested_at, x.id"
    ))
    .fetch_all(db.reader())
    .await?;
    rows.into_iter().map(ExtensionRow::into_extension).collect()
}
