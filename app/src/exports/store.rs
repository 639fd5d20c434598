//! The export queries (ssr only): one SELECT per kind with the filter's conditions, read
//! as a stream so that a large export never sits in memory whole.
use super::model::*;
use super::sheet::{Cell, Sheet};
use crate::cases::model::{CLOCK_RUNNING_STATES, QUEUE_STATES};
use crate::common::date::today_in_china;
use crate::concerns::model::AWAITING_OFFICE_STATES;
use crate::db::{Db, Sql, now_ms};
use crate::error::AppError;
use futures_util::TryStreamExt;
use sqlx::Row;
use sqlx::any::AnyRow;
use tokio::sync::mpsc::Sender;

/// How a column is written.
#[derive(Clone, Copy)]
enum Col {
    Text,
    Int,
    /// Unix milliseconds, written as China time.
    Time,
    /// Fen, written as yuan.
    Fen,
    /// A score, with two decimals.
    Score,
}

struct Spec {
    header: &'static [&'static str],
    columns: &'static [Col],
    /// `SELECT …` (the columns).
    select: &'static str,
    /// `FROM … WHERE …`; the filter's conditions follow.
    from: &'static str,
    order: &'static str,
}

const CASES: Spec = Spec {
    header: &[
        "number",
        "item_code",
        "item_zh",
        "item_en",
        "state",
        "applicant",
        "submitted_at",
        "accepted_on",
        "due_on",
        "decided_at",
        "working_days",
        "decided_late",
        "amount_yuan",
        "disbursed_at",
        "rating",
        "assignee",
    ],
    columns: &[
        Col::Text,
        Col::Text,
        Col::Text,
        Col::Text,
        Col::Text,
        Col::Text,
        Col::Time,
        Col::Text,
        Col::Text,
        Col::Time,
        Col::Int,
        Col::Int,
        Col::Fen,
        Col::Time,
        Col::Int,
        Col::Text,
    ],
    select: "SELECT x.number, x.item_code, i.name_zh, i.name_en, x.state, a.display_name, x.submitted_at, \
        x.accepted_on, x.due_on, x.decided_at, x.decision_days, x.decided_late, \
        CASE WHEN x.approved_by IS NULL THEN NULL ELSE x.amount_fen END, x.disbursed_at, x.rating, s.display_name",
    from: "FROM cases x JOIN accounts a ON a.id = x.applicant_id \
        LEFT JOIN accounts s ON s.id = x.assignee_id \
        LEFT JOIN service_items i ON i.code = x.item_code WHERE x.state <> 'draft'",
    order: "x.submitted_at, x.id",
};

const CONCERNS: Spec = Spec {
    header: &[
        "number",
        "kind",
        "state",
        "subject",
        "requester",
        "case_number",
        "department",
        "assignee",
        "raised_at",
        "due_on",
        "reopened",
        "rating",
    ],
    columns: &[
        Col::Text,
        Col::Text,
        Col::Text,
        Col::Text,
        Col::Text,
        Col::Text,
        Col::Text,
        Col::Text,
        Col::Time,
        Col::Text,
        Col::Int,
        Col::Int,
    ],
    select: "SELECT x.number, x.kind, x.state, x.subject, COALESCE(a.display_name, x.contact_name), c.number, \
        x.department, s.display_name, x.created_at, x.due_on, x.reopened, x.rating",
    from: "FROM concerns x LEFT JOIN accounts a ON a.id = x.requester_id \
        LEFT JOIN accounts s ON s.id = x.assignee_id \
        LEFT JOIN cases c ON c.id = x.case_id WHERE 1 = 1",
    order: "x.created_at, x.id",
};

const JOBS: Spec = Spec {
    header: &[
        "id",
        "enterprise",
        "state",
        "title_zh",
        "title_en",
        "industry",
        "headcount",
        "education",
        "salary_min",
        "salary_max",
        "location",
        "closes_on",
        "created_at",
        "published_at",
        "applications",
    ],
    columns: &[
        Col::Int,
        Col::Text,
        Col::Text,
        Col::Text,
        Col::Text,
        Col::Text,
        Col::Int,
        Col::Text,
        Col::Int,
        Col::Int,
        Col::Text,
        Col::Text,
        Col::Time,
        Col::Time,
        Col::Int,
    ],
    select: "SELECT x.id, COALESCE(e.org_name, e.display_name), x.state, x.title_zh, x.title_en, x.industry, \
        x.headcount, x.education, x.salary_min, x.salary_max, x.location, x.closes_on, x.created_at, \
        x.published_at, (SELECT COUNT(*) FROM job_applications j WHERE j.post_id = x.id)",
    from: "FROM job_posts x JOIN accounts e ON e.id = x.enterprise_id WHERE 1 = 1",
    order: "x.created_at, x.id",
};

const REGISTRATIONS: Spec = Spec {
    header: &[
        "event_id",
        "name",
        "email",
        "phone",
        "state",
        "queued_at",
        "checked_in_at",
    ],
    columns: &[
        Col::Int,
        Col::Text,
        Col::Text,
        Col::Text,
        Col::Text,
        Col::Time,
        Col::Time,
    ],
    select: "SELECT x.event_id, a.display_name, a.email, a.phone, x.state, x.queued_at, x.checked_in_at",
    from: "FROM event_registrations x JOIN accounts a ON a.id = x.account_id WHERE 1 = 1",
    order: "CASE x.state WHEN 'registered' THEN 0 WHEN 'waiting' THEN 1 ELSE 2 END, x.queued_at, x.id",
};

const EVENTS: Spec = Spec {
    header: &[
        "id",
        "kind",
        "title_zh",
        "title_en",
        "starts_at",
        "ends_at",
        "place",
        "audience",
        "capacity",
        "registered",
        "waiting",
        "checked_in",
    ],
    columns: &[
        Col::Int,
        Col::Text,
        Col::Text,
        Col::Text,
        Col::Time,
        Col::Time,
        Col::Text,
        Col::Text,
        Col::Int,
        Col::Int,
        Col::Int,
        Col::Int,
    ],
    select: "SELECT x.id, x.kind, x.title_zh, x.title_en, x.starts_at, x.ends_at, x.place, x.audience, x.capacity, \
        x.seats_taken, \
        (SELECT COUNT(*) FROM event_registrations r WHERE r.event_id = x.id AND r.state = 'waiting'), \
        (SELECT COUNT(*) FROM event_registrations r WHERE r.event_id = x.id AND r.checked_in_at IS NOT NULL \
         AND r.state = 'registered')",
    from: "FROM events x WHERE 1 = 1",
    order: "x.starts_at, x.id",
};

const APPLICATIONS: Spec = Spec {
    header: &[
        "project",
        "team",
        "industry",
        "stage",
        "funding_yuan",
        "state",
        "decision_reason",
        "score_sheets",
        "average_score",
        "submitted_at",
    ],
    columns: &[
        Col::Text,
        Col::Text,
        Col::Text,
        Col::Text,
        Col::Fen,
        Col::Text,
        Col::Text,
        Col::Int,
        Col::Score,
        Col::Time,
    ],
    // The average of each sheet's weighted score, as the ranking computes it.
    select: "SELECT x.project_name, t.name, x.industry, x.stage, x.funding_fen, x.state, x.decision_reason, \
        (SELECT COUNT(*) FROM review_sheets s WHERE s.application_id = x.id), \
        (SELECT AVG(w.score) FROM (SELECT CAST(SUM(c.weight * sc.score) AS DOUBLE PRECISION) / SUM(c.weight) AS score \
           FROM review_sheets s JOIN review_scores sc ON sc.sheet_id = s.id \
           JOIN call_criteria c ON c.id = sc.criterion_id WHERE s.application_id = x.id GROUP BY s.id) w), \
        x.created_at",
    from: "FROM incubation_applications x JOIN incubation_teams t ON t.id = x.team_id WHERE 1 = 1",
    order: "x.id",
};

/// Appends the filter's conditions to `sql`, a `SELECT … WHERE 1 = 1` of the filter's kind.
fn push_conditions(sql: &mut Sql<'_>, filter: &ExportFilter) {
    use crate::dashboard::model::china_midnight_ms;
    let time_column = match filter.kind {
        ExportKind::Cases => "x.submitted_at",
        ExportKind::Concerns | ExportKind::Jobs => "x.created_at",
        ExportKind::Registrations => "x.queued_at",
        ExportKind::Events => "x.starts_at",
        ExportKind::Applications => "x.created_at",
    };
    if let Some(from) = filter.from {
        sql.push(&format!(" AND {time_column} >= "))
            .push_bind(china_midnight_ms(from));
    }
    if let Some(to) = filter.to {
        sql.push(&format!(" AND {time_column} < "))
            .push_bind(china_midnight_ms(to.add_days(1)));
    }
    match filter.state.as_deref() {
        Some("queue") if filter.kind == ExportKind::Cases => {
            sql.push(&format!(" AND x.state IN ({QUEUE_STATES})"));
        }
        Some("waiting") if filter.kind == ExportKind::Concerns => {
            sql.push(&format!(" AND x.state IN ({AWAITING_OFFICE_STATES})"));
        }
        Some(state) if filter.kind == ExportKind::Registrations => {
            let condition = crate::registrations::store::state_condition(state).unwrap_or("1 = 0");
            sql.push(&format!(" AND {condition}"));
        }
        Some(state) => {
            sql.push(" AND x.state = ").push_bind(state.to_string());
        }
        // As the staff list: everyone but those who cancelled.
        None if filter.kind == ExportKind::Registrations => {
            sql.push(" AND x.state <> 'cancelled'");
        }
        None => {}
    }
    // Only cases and concerns have a holder (the filter is refused for other kinds).
    match filter.holder {
        Some(Holder::Account(id)) => {
            sql.push(" AND x.assignee_id = ").push_bind(id);
        }
        Some(Holder::Nobody) => {
            sql.push(" AND x.assignee_id IS NULL");
        }
        None => {}
    }
    let today = today_in_china(now_ms()).to_string();
    match filter.kind {
        ExportKind::Cases => {
            if let Some(item) = &filter.item {
                sql.push(" AND x.item_code = ").push_bind(item.clone());
            }
            if filter.overdue {
                sql.push(&format!(
                    " AND x.state IN ({CLOCK_RUNNING_STATES}) AND x.due_on < "
                ))
                .push_bind(today);
            }
        }
        ExportKind::Concerns => {
            if let Some(kind) = &filter.concern_kind {
                sql.push(" AND x.kind = ").push_bind(kind.clone());
            }
            if filter.overdue {
                sql.push(&format!(
                    " AND x.state IN ({AWAITING_OFFICE_STATES}) AND x.due_on < "
                ))
                .push_bind(today);
            }
        }
        ExportKind::Jobs => {
            if let Some(industry) = &filter.industry {
                sql.push(" AND x.industry = ").push_bind(industry.clone());
            }
        }
        ExportKind::Registrations => {
            sql.push(" AND x.event_id = ")
                .push_bind(filter.event.unwrap_or(0));
        }
        ExportKind::Events => {
            if let Some(kind) = &filter.item {
                sql.push(" AND x.kind = ").push_bind(kind.clone());
            }
        }
        ExportKind::Applications => {
            sql.push(" AND x.call_id = ")
                .push_bind(filter.call.unwrap_or(0));
        }
    }
}

fn spec(kind: ExportKind) -> &'static Spec {
    match kind {
        ExportKind::Cases => &CASES,
        ExportKind::Concerns => &CONCERNS,
        ExportKind::Jobs => &JOBS,
        ExportKind::Registrations => &REGISTRATIONS,
        ExportKind::Events => &EVENTS,
        ExportKind::Applications => &APPLICATIONS,
    }
}

/// How many rows the export will have.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn count(db: &Db, filter: &ExportFilter) -> Result<i64, AppError> {
    let spec = spec(filter.kind);
    let mut sql = Sql::new(format!("SELECT COUNT(*) {}", spec.from));
    push_conditions(&mut sql, filter);
    let row = sql.query()?.fetch_one(db.reader()).await?;
    Ok(row.try_get::<i64, _>(0)?)
}

fn cell(row: &AnyRow, index: usize, col: Col) -> Result<Cell<'static>, sqlx::Error> {
    Ok(match col {
        Col::Text => row.try_get::<Option<String>, _>(index)?.into(),
        Col::Int => row.try_get::<Option<i64>, _>(index)?.into(),
        Col::Time => row
            .try_get::<Option<i64>, _>(index)?
            .map(crate::format::datetime)
            .into(),
        Col::Fen => row
            .try_get::<Option<i64>, _>(index)?
            .map_or(Cell::Empty, Cell::Yuan),
        Col::Score => row
            .try_get::<Option<f64>, _>(index)?
            .map_or(Cell::Empty, |s| Cell::Decimal(s, 2)),
    })
}

/// Rows gathered before they are handed on (a few tens of kilobytes).
const CHUNK_ROWS: usize = 500;

/// Writes the CSV (byte-order mark, header, rows) to `out` in chunks; stops early if the
/// receiver went away (the download was cancelled). A failure midway is sent on as an
/// error, so the download breaks off visibly instead of ending short. Returns the rows
/// written.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn stream(
    db: Db,
    filter: ExportFilter,
    out: Sender<Result<Vec<u8>, AppError>>,
) -> Result<u64, AppError> {
    let result = write_rows(db, filter, &out).await;
    if let Err(error) = &result {
        let _ = out.send(Err(error.clone())).await;
    }
    result
}

async fn write_rows(
    db: Db,
    filter: ExportFilter,
    out: &Sender<Result<Vec<u8>, AppError>>,
) -> Result<u64, AppError> {
    let spec = spec(filter.kind);
    let mut sql = Sql::new(format!("{} {}", spec.select, spec.from));
    push_conditions(&mut sql, &filter);
    sql.push(&format!(" ORDER BY {}", spec.order));
    let csv_error = |_| AppError::Internal;
    // Each chunk is its own sheet's output; the first starts with the mark and header.
    let mut sheet = Sheet::new(spec.header).map_err(csv_error)?;
    let mut rows = sql.query()?.fetch(db.reader());
    let mut written = 0u64;
    let mut in_chunk = 0;
    let mut record = Vec::with_capacity(spec.columns.len());
    while let Some(row) = rows.try_next().await? {
        record.clear();
        for (i, col) in spec.columns.iter().enumerate() {
            record.push(cell(&row, i, *col)?);
        }
        sheet.row(record.drain(..)).map_err(csv_error)?;
        written += 1;
        in_chunk += 1;
        if in_chunk == CHUNK_ROWS {
            in_chunk = 0;
            let full = std::mem::replace(&mut sheet, Sheet::continued());
            if out
                .send(Ok(full.into_bytes().map_err(csv_error)?))
                .await
                .is_err()
            {
                return Ok(written);
            }
        }
    }
    let _ = out.send(Ok(sheet.into_bytes().map_err(csv_error)?)).await;
    Ok(written)
}
