//! Decision notice queries (ssr only). Notices are written in the transaction that decides
//! or corrects the case (the callers are in `cases::store`); reading one is for its holder
//! and the office, verifying one for anyone holding its number.
use super::model::*;
use crate::accounts::access::Caller;
use crate::accounts::model::Role;
use crate::catalogue::model::ServiceItem;
use crate::common::text::Text;
use crate::db::{Db, now_ms};
use crate::error::AppError;
use sqlx::AnyConnection;

/// What the deciding step knows about a decision; the rest of the notice (the holder's
/// name, the policy) is looked up here.
pub struct Decided<'a> {
    pub case_id: i64,
    pub kind: NoticeKind,
    pub case_number: &'a str,
    pub applicant_id: i64,
    pub item: &'a ServiceItem,
    pub amount_fen: Option<i64>,
    pub reason: &'a str,
    pub decided_on: &'a str,
}

/// The notice's content for a decision, frozen from what is on file now.
pub async fn content(
    db: &Db,
    conn: &mut AnyConnection,
    decided: &Decided<'_>,
) -> Result<NoticeContent, AppError> {
    let (holder_name,): (String,) =
        sqlx::query_as("SELECT display_name FROM accounts WHERE id = $1")
            .bind(decided.applicant_id)
            .fetch_one(&mut *conn)
            .await?;
    let item = decided.item;
    let policy = crate::policies::store::find_published(db, &item.policy_code).await?;
    let article = policy
        .as_ref()
        .and_then(|p| p.articles.iter().find(|a| a.number == item.article));
    Ok(NoticeContent {
        kind: decided.kind,
        case_number: decided.case_number.to_string(),
        holder_name,
        item_name: item.name.clone(),
        department: item.department.clone(),
        amount_fen: decided
            .amount_fen
            .filter(|_| decided.kind == NoticeKind::Approval),
        policy_title: policy
            .as_ref()
            .map(|p| p.title.clone())
            .unwrap_or_else(|| Text {
                zh: item.policy_code.clone(),
                en: item.policy_code.clone(),
            }),
        document_number: policy
            .as_ref()
            .map(|p| p.document_number.clone())
            .unwrap_or_default(),
        article: item.article,
        article_title: article.map(|a| a.title.clone()).unwrap_or_default(),
        reason: decided.reason.trim().to_string(),
        decided_on: decided.decided_on.to_string(),
    })
}

/// Issues a notice for case `case_id` and returns its number. At most one notice of a
/// case is current: while one is, nothing is issued and the answer is `None` (a
/// correction supersedes the old one first).
pub async fn issue(
    conn: &mut AnyConnection,
    case_id: i64,
    content: &NoticeContent,
    replaces: Option<i64>,
    correction_note: &str,
) -> Result<Option<String>, AppError> {
    let number = NOTICE_NUMBER.generate();
    let json = serde_json::to_string(content).map_err(|_| AppError::Internal)?;
    let issued = sqlx::query(
        "INSERT INTO decision_notices (case_id, number, kind, content, issued_at, current, replaces_id, correction_note) \
         VALUES ($1, $2, $3, $4, $5, 1, $6, $7) ON CONFLICT DO NOTHING",
    )
    .bind(case_id)
    .bind(&number)
    .bind(content.kind.as_str())
    .bind(json)
    .bind(now_ms())
    .bind(replaces)
    .bind(correction_note)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok((issued == 1).then_some(number))
}

/// The current notice of a case: its id and content.
pub async fn current(
    conn: &mut AnyConnection,
    case_id: i64,
) -> Result<Option<(i64, String, NoticeContent)>, AppError> {
    let row: Option<(i64, String, String)> = sqlx::query_as(
        "SELECT id, number, content FROM decision_notices WHERE case_id = $1 AND current = 1",
    )
    .bind(case_id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|(id, number, json)| Ok((id, number, parse(&json)?)))
        .transpose()
}

/// Marks notice `id` superseded, if it is still the current one as read; else the
/// correction is stale.
pub async fn supersede(conn: &mut AnyConnection, id: i64, number: &str) -> Result<(), AppError> {
    let done = sqlx::query(
        "UPDATE decision_notices SET current = 0, superseded_at = $1 \
         WHERE id = $2 AND number = $3 AND current = 1",
    )
    .bind(now_ms())
    .bind(id)
    .bind(number)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if done == 0 {
        return Err(AppError::Conflict);
    }
    Ok(())
}

fn parse(json: &str) -> Result<NoticeContent, AppError> {
    serde_json::from_str(json).map_err(|error| {
        tracing::error!(%error, "a stored decision notice does not parse");
        AppError::Internal
    })
}

#[derive(sqlx::FromRow)]
struct NoticeRow {
    number: String,
    content: String,
    issued_at: i64,
    correction_note: String,
    superseded_at: Option<i64>,
    replaces: Option<String>,
    superseded_by: Option<String>,
}

const NOTICE_SELECT: &str = "SELECT n.number, n.content, n.issued_at, n.correction_note, n.superseded_at, \
    r.number AS replaces, s.number AS superseded_by FROM decision_notices n \
    LEFT JOIN decision_notices r ON r.id = n.replaces_id \
    LEFT JOIN decision_notices s ON s.replaces_id = n.id";

fn notice(row: NoticeRow) -> Result<DecisionNotice, AppError> {
    Ok(DecisionNotice {
        content: parse(&row.content)?,
        superseded: match (row.superseded_at, row.superseded_by) {
            (Some(at), Some(by)) => Some(Superseded { by, at }),
            _ => None,
        },
        number: row.number,
        issued_at: row.issued_at,
        replaces: row.replaces,
        correction_note: row.correction_note,
    })
}

/// The notices of case `case_id`, for its applicant and the office (anyone else: not
/// found, as for the case itself).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn for_case(db: &Db, case_id: i64, caller: &Caller) -> Result<CaseNotices, AppError> {
    let (applicant_id,): (i64,) = sqlx::query_as("SELECT applicant_id FROM cases WHERE id = $1")
        .bind(case_id)
        .fetch_optional(db.reader())
        .await?
        .ok_or(AppError::NotFound)?;
    let office = matches!(caller.role, Role::Staff | Role::Admin);
    if !office && applicant_id != caller.account_id {
        return Err(AppError::NotFound);
    }
    let rows: Vec<NoticeRow> = sqlx::query_as(&format!(
        "{NOTICE_SELECT} WHERE n.case_id = $1 ORDER BY n.current DESC, n.issued_at DESC, n.id DESC"
    ))
    .bind(case_id)
    .fetch_all(db.reader())
    .await?;
    let mut notices = rows.into_iter().map(notice);
    let current = notices.next().ok_or(AppError::NotFound)??;
    let link = crate::links::absolute(&verify_path(&current.number));
    let qr_svg = crate::common::codes::qr_svg(&link, 160)?;
    Ok(CaseNotices {
        case_id,
        current,
        earlier: notices.collect::<Result<_, _>>()?,
        may_correct: caller.role == Role::Admin,
        qr_svg,
    })
}

/// Anyone checks a notice by its number (counted per network address).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn verify(db: &Db, typed: &str, address: &str) -> Result<Verification, AppError> {
    crate::throttle::count_verification(db, address).await?;
    let number = NOTICE_NUMBER.normalize(typed).ok_or(AppError::NotFound)?;
    let row: NoticeRow = sqlx::query_as(&format!("{NOTICE_SELECT} WHERE n.number = $1"))
        .bind(&number)
        .fetch_optional(db.reader())
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Verification::of(&notice(row)?))
}
