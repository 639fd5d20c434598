//! Supervision queries and the bulk reassignment (ssr only). A reassignment is one
//! transaction: every picked item must still have the version the supervisor saw, or
//! nothing moves.
use super::model::*;
use crate::accounts::access::Caller;
use crate::audit::model::{AuditAction, Outcome};
use crate::audit::store::{AuditEvent, record};
use crate::cases::model::CLOCK_RUNNING_STATES;
use crate::concerns::model::AWAITING_OFFICE_STATES as OPEN_CONCERN_STATES;
use crate::db::{Db, Sql, now_ms};
use crate::error::AppError;
use std::collections::BTreeMap;

/// Each active staff member's open cases and concerns (and how many are overdue), with a
/// first row for work nobody has yet.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn load(db: &Db) -> Result<Vec<StaffLoad>, AppError> {
    let today = crate::common::date::today().to_string();
    let staff: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, display_name FROM accounts WHERE role IN ('staff', 'admin') AND status = 'active' \
         ORDER BY display_name, id",
    )
    .fetch_all(db.reader())
    .await?;
    let cases: Vec<(Option<i64>, i64, i64)> = sqlx::query_as(&format!(
        "SELECT assignee_id, COUNT(*), \
         COUNT(CASE WHEN state IN ({CLOCK_RUNNING_STATES}) AND due_on < $1 THEN 1 END) \
         FROM cases WHERE state IN ({OFFICE_CASE_STATES}) GROUP BY state, assignee_id"
    ))
    .bind(&today)
    .fetch_all(db.reader())
    .await?;
    let concerns: Vec<(Option<i64>, i64, i64)> = sqlx::query_as(&format!(
        "SELECT assignee_id, COUNT(*), COUNT(CASE WHEN due_on < $1 THEN 1 END) \
         FROM concerns WHERE state IN ({OPEN_CONCERN_STATES}) GROUP BY state, assignee_id"
    ))
    .bind(&today)
    .fetch_all(db.reader())
    .await?;
    let mut rows: BTreeMap<i64, StaffLoad> = BTreeMap::new();
    let blank = |staff_id: i64, name: String| StaffLoad {
        staff_id,
        name,
        open_cases: 0,
        overdue_cases: 0,
        open_concerns: 0,
        overdue_concerns: 0,
    };
    rows.insert(0, blank(0, String::new()));
    let mut order = vec![0];
    for (id, name) in staff {
        rows.insert(id, blank(id, name));
        order.push(id);
    }
    // Grouped by state as well (so the index on (state, holder) answers it): a holder
    // comes once per state and the rows add up here.
    for (holder, open, overdue) in cases {
        // Work held by someone no longer on staff counts as nobody's.
        let key = holder.filter(|h| rows.contains_key(h)).unwrap_or(0);
        if let Some(row) = rows.get_mut(&key) {
            row.open_cases += open;
            row.overdue_cases += overdue;
        }
    }
    for (holder, open, overdue) in concerns {
        let key = holder.filter(|h| rows.contains_key(h)).unwrap_or(0);
        if let Some(row) = rows.get_mut(&key) {
            row.open_concerns += open;
            row.overdue_concerns += overdue;
        }
    }
    Ok(order
        .into_iter()
        .filter_map(|id| rows.remove(&id))
        .collect())
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    id: i64,
    version: i64,
    number: Option<String>,
    title_zh: Option<String>,
    title_en: Option<String>,
    holder: Option<String>,
    due_on: Option<String>,
}

/// The open cases or concerns matching `query`, the earliest due first.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn items(db: &Db, query: &WorkQuery) -> Result<(Vec<WorkItem>, bool), AppError> {
    let today = crate::common::date::today().to_string();
    let kind = WorkKind::parse(&query.kind).unwrap_or(WorkKind::Cases);
    let mut sql = Sql::new(match kind {
        WorkKind::Cases => format!(
            "SELECT x.id, x.version, x.number, i.name_zh AS title_zh, i.name_en AS title_en, \
             s.display_name AS holder, x.due_on \
             FROM cases x LEFT JOIN service_items i ON i.code = x.item_code \
             LEFT JOIN accounts s ON s.id = x.assignee_id \
             WHERE x.state IN ({OFFICE_CASE_STATES})"
        ),
        WorkKind::Concerns => format!(
            "SELECT x.id, x.version, x.number, x.subject AS title_zh, x.subject AS title_en, \
             s.display_name AS holder, x.due_on \
             FROM concerns x LEFT JOIN accounts s ON s.id = x.assignee_id \
             WHERE x.state IN ({OPEN_CONCERN_STATES})"
        ),
    });
    match (query.holder.as_str(), query.holder.parse::<i64>()) {
        ("none", _) => {
            sql.push(" AND x.assignee_id IS NULL");
        }
        (_, Ok(holder)) => {
            sql.push(" AND x.assignee_id = ").push_bind(holder);
        }
        _ => {}
    }
    if query.overdue == "on" {
        if kind == WorkKind::Cases {
            sql.push(&format!(" AND x.state IN ({CLOCK_RUNNING_STATES})"));
        }
        sql.push(" AND x.due_on < ").push_bind(today.as_str());
    }
    sql.push(match kind {
        WorkKind::Cases => " ORDER BY CASE WHEN x.due_on IS NULL THEN 1 ELSE 0 END, x.due_on, x.id",
        WorkKind::Concerns => " ORDER BY x.due_on, x.id",
    });
    sql.push(&format!(" LIMIT {}", MAX_PICKED + 1));
    let rows: Vec<ItemRow> = sql.query_as()?.fetch_all(db.reader()).await?;
    let truncated = rows.len() > MAX_PICKED;
    Ok((
        rows.into_iter()
            .take(MAX_PICKED)
            .map(|row| WorkItem {
                id: row.id,
                version: row.version,
                number: row.number.unwrap_or_default(),
                title: row.title_zh.unwrap_or_default(),
                title_en: row.title_en.unwrap_or_default(),
                holder: row.holder,
                overdue: row.due_on.as_deref().is_some_and(|d| d < today.as_str()),
                due_on: row.due_on,
            })
            .collect(),
        truncated,
    ))
}

/// Gives the picked cases or concerns to `assignee` (an active staff member). Returns how
/// many moved.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn reassign(
    db: &Db,
    caller: &Caller,
    kind: WorkKind,
    picked: &[(i64, i64)],
    assignee: i64,
) -> Result<usize, AppError> {
    let mut tx = db.begin_write().await?;
    let name: Option<(String,)> = sqlx::query_as(
        "SELECT display_name FROM accounts WHERE id = $1 AND role IN ('staff', 'admin') AND status = 'active'",
    )
    .bind(assignee)
    .fetch_optional(&mut *tx)
    .await?;
    let (name,) = name.ok_or_else(|| AppError::invalid("assignee", "err_assignee"))?;
    let now = now_ms();
    let mut numbers = Vec::with_capacity(picked.len());
    for &(id, version) in picked {
        let update = match kind {
            WorkKind::Cases => format!(
                "UPDATE cases SET assignee_id = $1, version = version + 1, updated_at = $2 \
                 WHERE id = $3 AND version = $4 AND state IN ({OFFICE_CASE_STATES})"
            ),
            WorkKind::Concerns => format!(
                "UPDATE concerns SET assignee_id = $1, version = version + 1, updated_at = $2 \
                 WHERE id = $3 AND version = $4 AND state IN ({OPEN_CONCERN_STATES})"
            ),
        };
        let changed = sqlx::query(&update)
            .bind(assignee)
            .bind(now)
            .bind(id)
            .bind(version)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if changed == 0 {
            // Dropping the transaction undoes the ones already moved.
            return Err(AppError::Conflict);
        }
        let number: (Option<String>,) = match kind {
            WorkKind::Cases => {
                crate::cases::store::record_event(
                    &mut tx,
                    crate::cases::store::Event {
                        case_id: id,
                        actor_id: Some(caller.account_id),
                        kind: "reassign",
                        from: None,
                        to: None,
                        public: false,
                        text: &name,
                        amount_fen: None,
                    },
                )
                .await?;
                sqlx::query_as("SELECT number FROM cases WHERE id = $1")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?
            }
            WorkKind::Concerns => {
                sqlx::query(
                    "INSERT INTO concern_messages (concern_id, at, author_id, action, public, text) \
                     VALUES ($1, $2, $3, 'assign', 0, $4)",
                )
                .bind(id)
                .bind(now)
                .bind(caller.account_id)
                .bind(&name)
                .execute(&mut *tx)
                .await?;
                sqlx::query_as("SELECT number FROM concerns WHERE id = $1")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?
            }
        };
        numbers.push(number.0.unwrap_or_default());
    }
    let detail = format!("{}: {} → {name}", kind.as_str(), numbers.join(", "));
    record(
        &mut tx,
        AuditEvent {
            actor_id: Some(caller.account_id),
            actor_label: "",
            action: AuditAction::WorkReassigned,
            subject_id: Some(assignee),
            ip: &crate::accounts::access::client_ip(),
            outcome: Outcome::Success,
            detail: &detail,
        },
    )
    .await?;
    if assignee != caller.account_id {
        let (link, subject) = match kind {
            WorkKind::Cases => ("/staff/queue?scope=mine", numbers.join(", ")),
            WorkKind::Concerns => ("/staff/concerns", numbers.join(", ")),
        };
        crate::notifications::store::notify_about(
            &mut tx,
            assignee,
            "work_assigned",
            link,
            &subject,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(numbers.len())
}
