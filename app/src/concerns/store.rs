//! Concern queries (ssr only). A concern belongs to its requester; staff work on all of
//! them. Every change is one transaction with its thread message, the notification and a
//! version check.
use super::model::*;
use crate::accounts::access::Caller;
use crate::accounts::model::Role;
use crate::common::date::Date;
use crate::common::date::today;
use crate::common::text::Text;
use crate::db::{Db, now_ms};
use crate::error::AppError;
use crate::notifications::store::{email_to, notify_about};
use sqlx::AnyConnection;

/// Concerns one account raises: ten an hour, shared by every server (visitors are limited
/// per address in `store::raise`).
pub const CONCERNS_PER_ACCOUNT: crate::throttle::Quota = crate::throttle::Quota {
    purpose: "concerns_account",
    max: 10,
    window_ms: 60 * 60 * 1000,
    message: "err_too_many_concerns_raised",
};

/// Who raises a concern: an account, or a visitor with a name and an e-mail address.
pub enum Requester<'a> {
    Account(&'a Caller),
    Visitor {
        name: &'a str,
        email: &'a str,
        ip: &'a str,
    },
}

async fn next_number(conn: &mut AnyConnection, year: i32) -> Result<String, AppError> {
    let sequence = crate::db::next_of_year(conn, "concern_counters", year).await?;
    Ok(concern_number(year, sequence))
}

/// Concerns raised without an account from one network address, shared by every server.
const VISITOR_CONCERNS: crate::throttle::Quota = crate::throttle::Quota {
    purpose: "concerns_visitor",
    max: VISITOR_CONCERNS_PER_HOUR,
    window_ms: 60 * 60 * 1000,
    message: "err_too_many_concerns",
};

/// Raises a concern; answers its id and number.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn raise(
    db: &Db,
    requester: Requester<'_>,
    concern: &ValidConcern,
) -> Result<(i64, String), AppError> {
    let calendar = crate::calendar::store::load(db).await?;
    let today = today();
    let due_on = calendar.add_working_days(today, concern.kind.reply_days());
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let (requester_id, name, email, ip) = match requester {
        Requester::Account(caller) => {
            if !matches!(caller.role, Role::Talent | Role::Enterprise) {
                return Err(AppError::Forbidden);
            }
            CONCERNS_PER_ACCOUNT
                .take(&mut tx, &caller.account_id.to_string())
                .await?;
            (Some(caller.account_id), "", "", "")
        }
        Requester::Visitor { name, email, ip } => {
            // Claimed in this transaction: a concern that is not raised gives it back.
            VISITOR_CONCERNS.take(&mut tx, ip).await?;
            (None, name, email, ip)
        }
    };
    let sender = requester_id.map_or_else(|| email.to_string(), |id| id.to_string());
    crate::throttle::refuse_repeat(
        &mut tx,
        &sender,
        "concern",
        &[concern.kind.as_str(), &concern.subject, &concern.text],
    )
    .await?;
    // An appeal is against a decision on one of the requester's own cases.
    if let Some(case_id) = concern.case_id {
        let owner: Option<(i64, String)> =
            sqlx::query_as("SELECT applicant_id, state FROM cases WHERE id = $1")
                .bind(case_id)
                .fetch_optional(&mut *tx)
                .await?;
        let decided = |state: &str| {
            crate::cases::model::CaseState::parse(state).is_some_and(|s| s.has_decision())
        };
        match (owner, requester_id) {
            (Some((owner, state)), Some(me)) if owner == me && decided(&state) => {}
            _ => return Err(AppError::invalid("form[case_id]", "err_appeal_case")),
        }
    }
    let number = next_number(&mut tx, today.year).await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO concerns (number, kind, requester_id, contact_name, contact_email, client_ip, case_id, \
         subject, body, state, due_on, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10, $11, $11) RETURNING id",
    )
    .bind(&number)
    .bind(concern.kind.as_str())
    .bind(requester_id)
    .bind(name)
    .bind(email)
    .bind(ip)
    .bind(concern.case_id)
    .bind(&concern.subject)
    .bind(&concern.text)
    .bind(due_on.to_string())
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    add_message(&mut tx, id, requester_id, "raise", true, "").await?;
    if requester_id.is_none() {
        let subject = format!(
            "两江英才汇：已收到您的诉求 {number} / Liangjiang Yingcai Hub: concern {number} received"
        );
        let body = format!(
            "您的诉求 {number} 已收到，我们将在 {due_on} 前答复，答复会发到此邮箱。\n\
             We received your concern {number} and will answer by {due_on}; the answer will come to this address.\n"
        );
        email_to(&mut tx, email, &subject, &body, now).await?;
    }
    tx.commit().await?;
    Ok((id, number))
}

pub(crate) async fn add_message(
    conn: &mut AnyConnection,
    concern_id: i64,
    author_id: Option<i64>,
    action: &str,
    public: bool,
    text: &str,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO concern_messages (concern_id, at, author_id, action, public, text) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(concern_id)
    .bind(now_ms())
    .bind(author_id)
    .bind(action)
    .bind(i64::from(public))
    .bind(text)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The stored facts a change needs.
struct Found {
    number: String,
    subject: String,
    requester_id: Option<i64>,
    contact_email: String,
    state: ConcernState,
    reopened: bool,
    rating: Option<i64>,
    version: i64,
}

/// Who acts on a concern: a signed-in account, or the visitor who raised it without an
/// account, proven by a confirmed tracking code (see `tracking::store::granted_concern`).
#[derive(Clone, Copy)]
pub enum Who<'a> {
    Account(&'a Caller),
    Visitor,
}

impl Who<'_> {
    /// The author recorded on the thread (none for the visitor).
    fn author(self) -> Option<i64> {
        match self {
            Who::Account(caller) => Some(caller.account_id),
            Who::Visitor => None,
        }
    }

    /// Whether they act as the office, and whether as the concern's requester.
    fn sides(self, found: &Found) -> (bool, bool) {
        match self {
            Who::Account(caller) => (
                caller.role.is_office(),
                found.requester_id == Some(caller.account_id),
            ),
            Who::Visitor => (false, found.requester_id.is_none()),
        }
    }
}

/// The columns [`Found`] is made from.
#[derive(sqlx::FromRow)]
struct FoundRow {
    number: String,
    subject: String,
    requester_id: Option<i64>,
    contact_email: String,
    state: String,
    reopened: i64,
    rating: Option<i64>,
    version: i64,
}

async fn find(conn: &mut AnyConnection, id: i64) -> Result<Found, AppError> {
    let row: Option<FoundRow> = sqlx::query_as(
        "SELECT number, subject, requester_id, contact_email, state, reopened, rating, version \
         FROM concerns WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let FoundRow {
        number,
        subject,
        requester_id,
        contact_email,
        state,
        reopened,
        rating,
        version,
    } = row.ok_or(AppError::NotFound)?;
    Ok(Found {
        number,
        subject,
        requester_id,
        contact_email,
        state: ConcernState::parse(&state).ok_or(AppError::Internal)?,
        reopened: reopened == 1,
        rating,
        version,
    })
}

/// Finds concern `id` if `who` may see it: its requester or staff. A concern raised from an
/// account is not the visitor's to act on (its requester signs in).
async fn find_for(conn: &mut AnyConnection, id: i64, who: Who<'_>) -> Result<Found, AppError> {
    let found = find(conn, id).await?;
    match who.sides(&found) {
        (false, false) => Err(AppError::NotFound),
        _ => Ok(found),
    }
}

/// The actions `who` may take on a concern in its state now.
fn allowed(who: Who<'_>, found: &Found) -> Vec<ConcernAction> {
    let (office, requester) = who.sides(found);
    ConcernAction::ALL
        .into_iter()
        .filter(|a| if a.by_staff() { office } else { requester })
        .filter(|a| next_state(found.state, *a, found.reopened).is_some())
        .collect()
}

/// What the visitor who raised concern `id` without an account may do now; `None` for a
/// concern raised from an account.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn visitor_choices(db: &Db, id: i64) -> Result<Option<VisitorChoices>, AppError> {
    let mut conn = db.reader().acquire().await?;
    let found = find(&mut conn, id).await?;
    if found.requester_id.is_some() {
        return Ok(None);
    }
    Ok(Some(VisitorChoices {
        version: found.version,
        actions: allowed(Who::Visitor, &found),
        may_rate: found.state.is_final() && found.rating.is_none(),
        rating: found.rating,
    }))
}

/// Takes `action` on concern `id`, read at `version`. `department` is for transfers.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn act(
    db: &Db,
    id: i64,
    who: Who<'_>,
    version: i64,
    action: ConcernAction,
    text: &str,
    department: &str,
) -> Result<ConcernState, AppError> {
    action.check_text(text)?;
    // A reopened concern is owed an answer again within a few working days.
    let reopen_due = if action == ConcernAction::Reopen {
        let calendar = crate::calendar::store::load(db).await?;
        Some(calendar.add_working_days(today(), REOPEN_DAYS).to_string())
    } else {
        None
    };
    let mut tx = db.begin_write().await?;
    let found = find_for(&mut tx, id, who).await?;
    if !allowed(who, &found).contains(&action) {
        let (office, requester) = who.sides(&found);
        let mine = if action.by_staff() { office } else { requester };
        return Err(if mine {
            AppError::Conflict
        } else {
            AppError::Forbidden
        });
    }
    let to = next_state(found.state, action, found.reopened).ok_or(AppError::Conflict)?;
    let mut text = text.trim().to_string();
    if action == ConcernAction::Transfer {
        if !DEPARTMENTS.iter().any(|(code, _, _)| *code == department) {
            return Err(AppError::invalid("department", "err_choice"));
        }
        let name = department_name(department);
        text = if text.is_empty() {
            format!("{} / {}", name.zh, name.en)
        } else {
            format!("{} / {}: {text}", name.zh, name.en)
        };
    }
    let changed = sqlx::query(
        "UPDATE concerns SET state = $1, department = CASE WHEN $2 = '' THEN department ELSE $2 END, \
         reopened = CASE WHEN $3 = 1 THEN 1 ELSE reopened END, due_on = COALESCE($4, due_on), \
         version = version + 1, updated_at = $5 WHERE id = $6 AND version = $7",
    )
    .bind(to.as_str())
    .bind(if action == ConcernAction::Transfer {
        department
    } else {
        ""
    })
    .bind(i64::from(action == ConcernAction::Reopen))
    .bind(reopen_due)
    .bind(now_ms())
    .bind(id)
    .bind(version)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(AppError::Conflict);
    }
    add_message(
        &mut tx,
        id,
        who.author(),
        action.as_str(),
        action.public(),
        &text,
    )
    .await?;
    if action.by_staff() && action.public() {
        tell_requester(&mut tx, id, &found, action, &text).await?;
    }
    tx.commit().await?;
    Ok(to)
}

/// The requester hears of the office's public actions: in the hub, or by e-mail for a
/// visitor (with the answer itself, since they cannot sign in to read it).
async fn tell_requester(
    conn: &mut AnyConnection,
    id: i64,
    found: &Found,
    action: ConcernAction,
    text: &str,
) -> Result<(), AppError> {
    let subject = format!("{} {}", found.number, found.subject);
    match found.requester_id {
        Some(account) => {
            notify_about(
                conn,
                account,
                &format!("concern_{}", action.as_str()),
                &format!("/concerns/{id}"),
                &subject,
            )
            .await
        }
        None if !found.contact_email.is_empty() => {
            let number = &found.number;
            let mail_subject = format!(
                "两江英才汇：诉求 {number} 的答复 / Liangjiang Yingcai Hub: about concern {number}"
            );
            // Visitors cannot sign in: the tracking page, opened with a code sent to this
            // address, is where they confirm, reopen or rate.
            let track = crate::links::absolute("/track");
            let body = format!(
                "{subject}\n\n{text}\n\n\
                 如需确认问题已解决、再次反映或评价答复，请打开两江英才汇「办件查询」（{track}），输入诉求编号 {number} 和本邮箱。\n\
                 To confirm it is resolved, reopen it or rate the answer, open \"Follow a case or concern\" ({track}) on the hub with the number {number} and this address.\n"
            );
            email_to(conn, &found.contact_email, &mail_subject, &body, now_ms()).await
        }
        None => Ok(()),
    }
}

/// The requester rates the answer (1–5) once the concern is resolved or closed.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn rate(
    db: &Db,
    id: i64,
    who: Who<'_>,
    version: i64,
    rating: i64,
    comment: &str,
) -> Result<(), AppError> {
    if !(1..=5).contains(&rating) {
        return Err(AppError::invalid("rating", "err_rating"));
    }
    if comment.chars().count() > MAX_TEXT {
        return Err(AppError::invalid("comment", "err_too_long"));
    }
    // A bad rating opens its follow-up, due in working days.
    let calendar = crate::calendar::store::load(db).await?;
    let mut tx = db.begin_write().await?;
    let found = find_for(&mut tx, id, who).await?;
    if !who.sides(&found).1 {
        return Err(AppError::Forbidden);
    }
    if !found.state.is_final() {
        return Err(AppError::Conflict);
    }
    if found.rating.is_some() {
        return Err(AppError::invalid("rating", "err_already_rated"));
    }
    let changed = sqlx::query(
        "UPDATE concerns SET rating = $1, rating_comment = $2, version = version + 1, updated_at = $3 \
         WHERE id = $4 AND version = $5",
    )
    .bind(rating)
    .bind(comment.trim())
    .bind(now_ms())
    .bind(id)
    .bind(version)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(AppError::Conflict);
    }
    add_message(
        &mut tx,
        id,
        who.author(),
        "rate",
        true,
        &format!("{rating}/5 {}", comment.trim()),
    )
    .await?;
    let stars = rating as u8;
    if crate::followups::model::opens_follow_up(stars) {
        let about = crate::followups::model::Rated::Concern(id);
        crate::followups::opening::open_for(&mut tx, about, stars, &calendar).await?;
    }
    tx.commit().await?;
    Ok(())
}

const SUMMARY: &str = "SELECT c.id, c.number, c.kind, c.subject, c.state, c.department, \
    COALESCE(a.display_name, c.contact_name) AS requester, c.created_at, c.due_on, c.version, \
    s.display_name AS holder \
    FROM concerns c LEFT JOIN accounts a ON a.id = c.requester_id \
    LEFT JOIN accounts s ON s.id = c.assignee_id";

/// A concern as [`SUMMARY`] reads it: `requester` is the account's name or the contact
/// name given, `holder` the assigned staff member's.
#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    number: String,
    kind: String,
    subject: String,
    state: String,
    department: String,
    requester: Option<String>,
    created_at: i64,
    due_on: String,
    version: i64,
    holder: Option<String>,
}

fn summary(row: SummaryRow, today: Date) -> Result<ConcernSummary, AppError> {
    let SummaryRow {
        id,
        number,
        kind,
        subject,
        state,
        department,
        requester,
        created_at: raised_at,
        due_on,
        version,
        holder,
    } = row;
    let state = ConcernState::stored(&state)?;
    Ok(ConcernSummary {
        id,
        number,
        kind: ConcernKind::stored(&kind)?,
        subject,
        overdue: state.awaits_office() && Date::parse(&due_on).is_some_and(|d| d < today),
        state,
        department,
        requester: requester.unwrap_or_default(),
        raised_at,
        due_on,
        version,
        holder,
    })
}

/// What a concern's page shows besides its [`SummaryRow`].
#[derive(sqlx::FromRow)]
struct ExtraRow {
    body: String,
    case_number: Option<String>,
    contact_name: String,
    contact_email: String,
    reopened: i64,
    rating: Option<i64>,
    rating_comment: String,
}

/// A line of a concern's thread with its author's name and role.
#[derive(sqlx::FromRow)]
struct MessageRow {
    at: i64,
    action: String,
    display_name: Option<String>,
    role: Option<String>,
    public: i64,
    text: String,
}

/// A concern with its thread as `caller` may see it.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn detail(db: &Db, id: i64, caller: &Caller) -> Result<ConcernDetail, AppError> {
    let mut conn = db.reader().acquire().await?;
    let found = find_for(&mut conn, id, Who::Account(caller)).await?;
    let office = caller.role.is_office();
    let final_state = found.state.is_final();
    let row: SummaryRow = sqlx::query_as(&format!("{SUMMARY} WHERE c.id = $1"))
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    let ExtraRow {
        body: text,
        case_number,
        contact_name,
        contact_email,
        reopened,
        rating,
        rating_comment,
    } = sqlx::query_as(
        "SELECT c.body, k.number AS case_number, c.contact_name, c.contact_email, c.reopened, c.rating, \
         c.rating_comment FROM concerns c LEFT JOIN cases k ON k.id = c.case_id WHERE c.id = $1",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    let messages: Vec<MessageRow> = sqlx::query_as(
        "SELECT m.at, m.action, a.display_name, a.role, m.public, m.text FROM concern_messages m \
         LEFT JOIN accounts a ON a.id = m.author_id WHERE m.concern_id = $1 AND (m.public = 1 OR $2 = 1) \
         ORDER BY m.id",
    )
    .bind(id)
    .bind(i64::from(office))
    .fetch_all(&mut *conn)
    .await?;
    let actions = allowed(Who::Account(caller), &found);
    let may_rate = found.requester_id == Some(caller.account_id)
        && found.state.is_final()
        && found.rating.is_none();
    Ok(ConcernDetail {
        summary: summary(row, today())?,
        for_office: office,
        text,
        case_number,
        contact: if office && found.requester_id.is_none() {
            format!("{contact_name} <{contact_email}>")
        } else {
            String::new()
        },
        thread: messages
            .into_iter()
            .map(|m| {
                let by_office = m
                    .role
                    .as_deref()
                    .is_some_and(|r| r == "staff" || r == "admin");
                ConcernMessage {
                    at: m.at,
                    action: m.action,
                    author: if by_office {
                        m.display_name.unwrap_or_default()
                    } else {
                        String::new()
                    },
                    by_office,
                    public: m.public == 1,
                    text: m.text,
                }
            })
            .collect(),
        reopened: reopened == 1,
        rating,
        rating_comment,
        actions,
        may_rate,
        templates: if office {
            templates(db).await?
        } else {
            Vec::new()
        },
        files: files(db, id).await?,
        may_attach: !final_state,
    })
}

/// The caller's own concerns, last changed first.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn mine(db: &Db, caller: &Caller, page: u32) -> Result<ConcernPage, AppError> {
    list(
        db,
        "c.requester_id = $1",
        Some(caller.account_id),
        "c.updated_at DESC, c.id DESC",
        page,
    )
    .await
}

/// The staff desk: `filter` is `open` (an answer is owed), `overdue` or `all`.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn desk(
    db: &Db,
    staff_id: i64,
    filter: &str,
    page: u32,
) -> Result<ConcernPage, AppError> {
    if filter == "mine" {
        let condition = "c.state IN ('open', 'reopened') AND c.assignee_id = $1";
        return list(db, condition, Some(staff_id), "c.due_on, c.id", page).await;
    }
    let (condition, today) = match filter {
        "overdue" => (
            "c.state IN ('open', 'reopened') AND c.due_on < $1",
            Some(today().to_string()),
        ),
        "all" => ("1 = 1", None),
        _ => ("c.state IN ('open', 'reopened')", None),
    };
    list(db, condition, today, "c.due_on, c.id", page).await
}

/// A page of concerns matching `condition`, whose parameter (if it has one) is `bind`.
async fn list<T>(
    db: &Db,
    condition: &str,
    bind: Option<T>,
    order: &str,
    page: u32,
) -> Result<ConcernPage, AppError>
where
    T: for<'q> sqlx::Encode<'q, sqlx::Any> + sqlx::Type<sqlx::Any> + Send,
{
    let sql = format!(
        "{SUMMARY} WHERE {condition} ORDER BY {order} LIMIT {} OFFSET {}",
        crate::db::page_window(page, CONCERN_PAGE_SIZE).0,
        crate::db::page_window(page, CONCERN_PAGE_SIZE).1
    );
    let rows: Vec<SummaryRow> = sqlx::query_as(&sql)
        .bind(bind)
        .fetch_all(db.reader())
        .await?;
    page_of(rows, page)
}

fn page_of(rows: Vec<SummaryRow>, page: u32) -> Result<ConcernPage, AppError> {
    let today = today();
    let has_more = rows.len() > CONCERN_PAGE_SIZE as usize;
    Ok(ConcernPage {
        items: rows
            .into_iter()
            .take(CONCERN_PAGE_SIZE as usize)
            .map(|r| summary(r, today))
            .collect::<Result<_, _>>()?,
        page,
        has_more,
    })
}

/// The account's decided cases (the ones an appeal can be about), newest first.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn appealable(db: &Db, account_id: i64) -> Result<Vec<(i64, String)>, AppError> {
    use crate::cases::model::DECIDED_STATES;
    Ok(sqlx::query_as(&format!(
        "SELECT id, number FROM cases WHERE applicant_id = $1 AND number IS NOT NULL \
         AND state IN ({DECIDED_STATES}) ORDER BY id DESC LIMIT 50"
    ))
    .bind(account_id)
    .fetch_all(db.reader())
    .await?)
}

#[derive(sqlx::FromRow)]
struct TemplateRow {
    id: i64,
    title_zh: String,
    title_en: String,
    body_zh: String,
    body_en: String,
    version: i64,
}

/// The reply templates, by title.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn templates(db: &Db) -> Result<Vec<ReplyTemplate>, AppError> {
    let rows: Vec<TemplateRow> = sqlx::query_as(
        "SELECT id, title_zh, title_en, body_zh, body_en, version FROM reply_templates ORDER BY title_zh, id",
    )
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ReplyTemplate {
            id: r.id,
            title: Text {
                zh: r.title_zh,
                en: r.title_en,
            },
            body: Text {
                zh: r.body_zh,
                en: r.body_en,
            },
            version: r.version,
        })
        .collect())
}

/// Adds a template (`id` 0) or changes one read at `version`.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn save_template(
    db: &Db,
    staff: &Caller,
    id: i64,
    version: i64,
    title: &Text,
    body: &Text,
) -> Result<(), AppError> {
    let now = now_ms();
    let changed = if id == 0 {
        let mut tx = db.begin_write().await?;
        crate::throttle::refuse_repeat(
            &mut tx,
            &staff.account_id.to_string(),
            "reply_template",
            &[&title.zh, &title.en, &body.zh, &body.en],
        )
        .await?;
        let inserted = sqlx::query(
            "INSERT INTO reply_templates (title_zh, title_en, body_zh, body_en, updated_by, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&title.zh)
        .bind(&title.en)
        .bind(&body.zh)
        .bind(&body.en)
        .bind(staff.account_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        inserted
    } else {
        sqlx::query(
            "UPDATE reply_templates SET title_zh = $1, title_en = $2, body_zh = $3, body_en = $4, \
             updated_by = $5, updated_at = $6, version = version + 1 WHERE id = $7 AND version = $8",
        )
        .bind(&title.zh)
        .bind(&title.en)
        .bind(&body.zh)
        .bind(&body.en)
        .bind(staff.account_id)
        .bind(now)
        .bind(id)
        .bind(version)
        .execute(db.writer())
        .await?
    }
    .rows_affected();
    if changed == 0 {
        return Err(AppError::Conflict);
    }
    Ok(())
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn delete_template(db: &Db, id: i64) -> Result<(), AppError> {
    sqlx::query("DELETE FROM reply_templates WHERE id = $1")
        .bind(id)
        .execute(db.writer())
        .await?;
    Ok(())
}

/// Template `id` filled in for concern `concern_id` (for a reply sent without JavaScript,
/// where the browser could not put the text in the answer box).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn filled_template(db: &Db, id: i64, concern_id: i64) -> Result<String, AppError> {
    let template = templates(db)
        .await?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or_else(|| AppError::invalid("template", "err_choice"))?;
    let row: SummaryRow = sqlx::query_as(&format!("{SUMMARY} WHERE c.id = $1"))
        .bind(concern_id)
        .fetch_one(db.reader())
        .await?;
    let summary = summary(row, today())?;
    let (case,): (Option<String>,) = sqlx::query_as(
        "SELECT k.number FROM concerns c LEFT JOIN cases k ON k.id = c.case_id WHERE c.id = $1",
    )
    .bind(concern_id)
    .fetch_one(db.reader())
    .await?;
    Ok(template.fill(&TemplateValues {
        name: &summary.requester,
        number: &summary.number,
        due: &summary.due_on,
        case: case.as_deref().unwrap_or_default(),
    }))
}

#[derive(sqlx::FromRow)]
struct FileRow {
    id: i64,
    original_name: String,
    size_bytes: i64,
    uploaded_at: i64,
}

/// Files attached to a concern, oldest first.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn files(
    db: &Db,
    concern_id: i64,
) -> Result<Vec<crate::cases::model::CaseFile>, AppError> {
    let rows: Vec<FileRow> = sqlx::query_as(
        "SELECT id, original_name, size_bytes, uploaded_at FROM concern_files WHERE concern_id = $1 ORDER BY id",
    )
    .bind(concern_id)
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| crate::cases::model::CaseFile {
            id: r.id,
            field_key: "concern".into(),
            name: r.original_name,
            size_bytes: r.size_bytes,
            uploaded_at: r.uploaded_at,
        })
        .collect())
}

/// Whether `caller` may attach a file to the concern now: its requester or staff, while
/// it is not finished. Settled before any of the upload is read.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn attach_target(db: &Db, id: i64, caller: &Caller) -> Result<(), AppError> {
    let row: Option<(Option<i64>, String)> =
        sqlx::query_as("SELECT requester_id, state FROM concerns WHERE id = $1")
            .bind(id)
            .fetch_optional(db.reader())
            .await?;
    let (requester, state) = row.ok_or(AppError::NotFound)?;
    if requester != Some(caller.account_id) && !caller.role.is_office() {
        return Err(AppError::NotFound);
    }
    if ConcernState::parse(&state).is_none_or(ConcernState::is_final) {
        return Err(AppError::Conflict);
    }
    Ok(())
}

/// Records a stored upload on the concern, with a public line in its thread, within
/// [`CONCERN_QUOTA`](crate::cases::model::CONCERN_QUOTA). The concern row is locked while
/// its files are counted, so parallel uploads cannot pass the quota together.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn add_file(
    db: &Db,
    concern_id: i64,
    caller: &Caller,
    file: &crate::common::files::NewFile<'_>,
) -> Result<crate::cases::model::CaseFile, AppError> {
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let state: Option<(String,)> = sqlx::query_as(&format!(
        "SELECT state FROM concerns WHERE id = $1{}",
        db.for_update()
    ))
    .bind(concern_id)
    .fetch_optional(&mut *tx)
    .await?;
    let (state,) = state.ok_or(AppError::NotFound)?;
    // Finished meanwhile: nothing more joins it.
    if ConcernState::parse(&state).is_none_or(ConcernState::is_final) {
        return Err(AppError::Conflict);
    }
    let (held_files, held_bytes): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(size_bytes), 0) AS BIGINT) FROM concern_files WHERE concern_id = $1",
    )
    .bind(concern_id)
    .fetch_one(&mut *tx)
    .await?;
    crate::cases::model::CONCERN_QUOTA.admits(held_files, held_bytes, file.size_bytes)?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO concern_files (concern_id, stored_name, original_name, content_type, size_bytes, sha256, \
         uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(concern_id)
    .bind(file.stored_name)
    .bind(file.original_name)
    .bind(file.content_type)
    .bind(file.size_bytes)
    .bind(file.sha256)
    .bind(caller.account_id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO concern_messages (concern_id, at, author_id, action, public, text) VALUES ($1, $2, $3, 'attach', 1, $4)",
    )
    .bind(concern_id)
    .bind(now)
    .bind(caller.account_id)
    .bind(file.original_name)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(crate::cases::model::CaseFile {
        id,
        field_key: "concern".into(),
        name: file.original_name.to_string(),
        size_bytes: file.size_bytes,
        uploaded_at: now,
    })
}

/// A stored concern file with the concern's requester.
#[derive(sqlx::FromRow)]
struct ConcernFileRow {
    stored_name: String,
    original_name: String,
    content_type: String,
    requester_id: Option<i64>,
}

/// A concern's file for download, if `caller` is its requester or staff.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn file_for(
    db: &Db,
    id: i64,
    caller: &Caller,
) -> Result<crate::common::files::StoredFile, AppError> {
    let row: Option<ConcernFileRow> = sqlx::query_as(
        "SELECT f.stored_name, f.original_name, f.content_type, c.requester_id FROM concern_files f \
         JOIN concerns c ON c.id = f.concern_id WHERE f.id = $1",
    )
    .bind(id)
    .fetch_optional(db.reader())
    .await?;
    let ConcernFileRow {
        stored_name,
        original_name,
        content_type,
        requester_id: requester,
    } = row.ok_or(AppError::NotFound)?;
    if requester != Some(caller.account_id) && !caller.role.is_office() {
        return Err(AppError::NotFound);
    }
    Ok(crate::common::files::StoredFile {
        stored_name,
        original_name,
        content_type,
    })
}
