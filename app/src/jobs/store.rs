//! Talent demand queries (ssr only). Who may touch what is decided here, next to the SQL:
//! a post belongs to its enterprise, an application to its talent and to the post's
//! enterprise; staff may read both. Anyone else learns nothing, not even that it exists.
use super::model::*;
use crate::accounts::access::Caller;
use crate::accounts::model::Role;
use crate::common::date::Date;
use crate::common::date::today;
use crate::common::files::StoredFile;
use crate::common::text::Text;
use crate::db::{Db, Sql, now_ms};
use crate::eligibility::model::Education;
use crate::error::AppError;
use crate::notifications::store::notify_about;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// Unix milliseconds of midnight in China at the start of `day`.
fn china_midnight_ms(day: Date) -> i64 {
    (day.to_days() * 86_400 - 8 * 3_600) * 1_000
}

const CARD_COLUMNS: &str = "p.id, p.enterprise_id, a.org_name, p.title_zh, p.title_en, p.industry, \
    i.name_zh, i.name_en, p.headcount, p.education, p.experience_years, p.salary_min, p.salary_max, \
    p.location, p.closes_on, p.published_at, p.state, p.version";
const CARD_FROM: &str = "FROM job_posts p JOIN accounts a ON a.id = p.enterprise_id \
    JOIN industries i ON i.code = p.industry";
/// What the public sees: approved, not past the closing date, from a verified enterprise.
const ON_BOARD: &str = "p.state = 'open' AND p.closes_on >= $1 AND a.verification = 'verified'";

/// Reads a post card from the first 18 columns of `row` (`CARD_COLUMNS`); sqlx tuples stop
/// at 16 columns, so the columns are read by position.
fn card(row: &AnyRow, today: Date) -> Result<PostCard, sqlx::Error> {
    let text = |i: usize| row.try_get::<String, _>(i);
    let number = |i: usize| row.try_get::<i64, _>(i);
    let closes_on = text(14)?;
    Ok(PostCard {
        id: number(0)?,
        enterprise_id: number(1)?,
        org_name: row.try_get::<Option<String>, _>(2)?.unwrap_or_default(),
        title: Text {
            zh: text(3)?,
            en: text(4)?,
        },
        industry: text(5)?,
        industry_name: Text {
            zh: text(6)?,
            en: text(7)?,
        },
        headcount: number(8)?,
        education: Education::parse(&text(9)?),
        experience_years: number(10)?,
        salary_min: number(11)?,
        salary_max: number(12)?,
        location: text(13)?,
        state: PostState::read(&text(16)?, &closes_on, today),
        closes_on,
        published_at: row.try_get::<Option<i64>, _>(15)?,
        version: number(17)?,
    })
}

fn like_pattern(keyword: &str) -> String {
    let escaped = keyword
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// The public board: only the filters that are set go into the SQL, so each search can
/// use the index that fits it.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn board(db: &Db, query: &BoardQuery) -> Result<BoardPage, AppError> {
    let today = today();
    let mut sql = Sql::new(format!(
        "SELECT {CARD_COLUMNS} {CARD_FROM} WHERE {ON_BOARD}"
    ));
    sql.bind(today.to_string());
    let keyword = query.keyword();
    if !keyword.is_empty() {
        sql.push(" AND p.search_text LIKE ")
            .push_bind(like_pattern(&keyword))
            .push(" ESCAPE '\\'");
    }
    if !query.industry.is_empty() {
        sql.push(" AND p.industry = ")
            .push_bind(query.industry.as_str());
    }
    if let Some(rank) = query.education_rank() {
        sql.push(" AND p.education_rank <= ").push_bind(rank);
    }
    if query.salary > 0 {
        sql.push(" AND p.salary_max >= ").push_bind(query.salary);
    }
    if query.enterprise > 0 {
        sql.push(" AND p.enterprise_id = ")
            .push_bind(query.enterprise);
    }
    sql.push(match Sort::parse(&query.sort).unwrap_or_default() {
        Sort::Newest => " ORDER BY p.published_at DESC, p.id DESC",
        Sort::ClosingSoon => " ORDER BY p.closes_on ASC, p.id ASC",
        Sort::Salary => " ORDER BY p.salary_max DESC, p.id DESC",
    });
    let page = query.page.min(500);
    let (limit, offset) = crate::db::page_window(page, BOARD_PAGE_SIZE);
    sql.push(&format!(" LIMIT {limit} OFFSET {offset}"));
    let rows = sql.query()?.fetch_all(db.reader()).await?;
    let has_more = rows.len() > BOARD_PAGE_SIZE as usize;
    Ok(BoardPage {
        items: rows
            .iter()
            .take(BOARD_PAGE_SIZE as usize)
            .map(|r| card(r, today))
            .collect::<Result<_, _>>()?,
        page,
        has_more,
    })
}

#[derive(sqlx::FromRow)]
struct IndustryRow {
    code: String,
    name_zh: String,
    name_en: String,
    active: i64,
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn industries(db: &Db) -> Result<Vec<IndustryChoice>, AppError> {
    let rows: Vec<IndustryRow> = sqlx::query_as(
        "SELECT code, name_zh, name_en, active FROM industries ORDER BY position, code",
    )
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| IndustryChoice {
            code: r.code,
            name: Text {
                zh: r.name_zh,
                en: r.name_en,
            },
            active: r.active == 1,
        })
        .collect())
}

/// Adds `code` to the managed list or changes its names and whether it is offered.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn save_industry(
    db: &Db,
    admin: &Caller,
    code: &str,
    name_zh: &str,
    name_en: &str,
    active: bool,
) -> Result<(), AppError> {
    use crate::audit::model::{AuditAction, Outcome};
    use crate::audit::store::{AuditEvent, record};
    let mut tx = db.begin_write().await?;
    let changed = sqlx::query(
        "UPDATE industries SET name_zh = $1, name_en = $2, active = $3 WHERE code = $4",
    )
    .bind(name_zh)
    .bind(name_en)
    .bind(i64::from(active))
    .bind(code)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        sqlx::query(
            "INSERT INTO industries (code, name_zh, name_en, position, active) \
             SELECT $1, $2, $3, COALESCE(MAX(position), 0) + 1, $4 FROM industries WHERE code <> 'other'",
        )
        .bind(code)
        .bind(name_zh)
        .bind(name_en)
        .bind(i64::from(active))
        .execute(&mut *tx)
        .await?;
    }
    let detail = format!("industry {code}: {name_zh} / {name_en}, offered: {active}");
    record(
        &mut tx,
        AuditEvent {
            actor_id: Some(admin.account_id),
            actor_label: "",
            action: AuditAction::ContentPublished,
            subject_id: None,
            ip: &crate::accounts::access::client_ip(),
            outcome: Outcome::Success,
            detail: &detail,
        },
    )
    .await?;
    tx.commit().await?;
    db.forget(crate::jobs::model::STATS_KEY);
    Ok(())
}

/// A post with its descriptions, review note and whether its enterprise is verified.
struct Stored {
    card: PostCard,
    description: Text,
    review_note: String,
    enterprise_verified: bool,
}

async fn load(conn: &mut AnyConnection, id: i64) -> Result<Option<Stored>, AppError> {
    // One query: the card's columns first (read by `card`), then the rest by position.
    let sql = format!(
        "SELECT {CARD_COLUMNS}, p.description_zh, p.description_en, p.review_note, a.verification \
         {CARD_FROM} WHERE p.id = $1"
    );
    let Some(row) = sqlx::query(&sql)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    Ok(Some(Stored {
        card: card(&row, today())?,
        description: Text {
            zh: row.try_get(18)?,
            en: row.try_get(19)?,
        },
        review_note: row.try_get(20)?,
        enterprise_verified: row.try_get::<String, _>(21)? == "verified",
    }))
}

/// A post's page. Visitors see posts that were published by an enterprise in good standing
/// (closed ones too, marked so); the owner and staff see every state.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn post_page(db: &Db, id: i64, caller: Option<&Caller>) -> Result<PostPage, AppError> {
    let mut conn = db.reader().acquire().await?;
    let stored = load(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    let mine = caller.is_some_and(|c| c.account_id == stored.card.enterprise_id);
    let office = caller.is_some_and(|c| c.role.is_office());
    let public = stored.card.published_at.is_some()
        && stored.enterprise_verified
        && matches!(
            stored.card.state,
            PostState::Open | PostState::Closed | PostState::Expired
        );
    if !(public || mine || office) {
        return Err(AppError::NotFound);
    }
    let enterprise = enterprise_profile(&mut conn, stored.card.enterprise_id).await?;
    let my_application = match caller.filter(|c| c.role == Role::Talent) {
        Some(talent) => sqlx::query_as::<_, (String,)>(
            "SELECT state FROM job_applications WHERE post_id = $1 AND talent_id = $2",
        )
        .bind(id)
        .bind(talent.account_id)
        .fetch_optional(&mut *conn)
        .await?
        .and_then(|(s,)| ApplicationState::parse(&s)),
        None => None,
    };
    let candidates = if mine || office {
        let (n,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM job_applications WHERE post_id = $1")
                .bind(id)
                .fetch_one(&mut *conn)
                .await?;
        n
    } else {
        0
    };
    Ok(PostPage {
        description: stored.description,
        review_note: if mine || office {
            stored.review_note
        } else {
            String::new()
        },
        card: stored.card,
        enterprise,
        mine,
        my_application,
        candidates,
    })
}

/// The account columns an enterprise's public profile shows.
#[derive(sqlx::FromRow)]
struct EnterpriseAccountRow {
    org_name: Option<String>,
    credit_code: Option<String>,
    verification: String,
    created_at: i64,
}

async fn enterprise_profile(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<EnterpriseProfile, AppError> {
    let EnterpriseAccountRow {
        org_name,
        credit_code,
        verification,
        created_at,
    } = sqlx::query_as(
        "SELECT org_name, credit_code, verification, created_at FROM accounts WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    let (open_posts,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM job_posts WHERE enterprise_id = $1 AND state = 'open' AND closes_on >= $2",
    )
    .bind(id)
    .bind(today().to_string())
    .fetch_one(&mut *conn)
    .await?;
    Ok(EnterpriseProfile {
        id,
        org_name: org_name.unwrap_or_default(),
        credit_code: credit_code.unwrap_or_default(),
        verified: verification == "verified",
        open_posts,
        registered_at: created_at,
    })
}

/// The editor for a new post (`id` none) or for one of the caller's own.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn editor(db: &Db, caller: &Caller, id: Option<i64>) -> Result<PostEditor, AppError> {
    let industries = industries(db).await?;
    let Some(id) = id else {
        return Ok(PostEditor {
            id: None,
            version: 0,
            draft: PostDraft::default(),
            state: None,
            review_note: String::new(),
            industries,
        });
    };
    let mut conn = db.reader().acquire().await?;
    let stored = load(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    caller.require_owner(stored.card.enterprise_id, false)?;
    let c = &stored.card;
    Ok(PostEditor {
        id: Some(id),
        version: c.version,
        draft: PostDraft {
            title_zh: c.title.zh.clone(),
            title_en: c.title.en.clone(),
            description_zh: stored.description.zh.clone(),
            description_en: stored.description.en.clone(),
            industry: c.industry.clone(),
            headcount: c.headcount.to_string(),
            education: c.education.map(Education::as_str).unwrap_or("").into(),
            experience_years: c.experience_years.to_string(),
            salary_min: c.salary_min.to_string(),
            salary_max: c.salary_max.to_string(),
            location: c.location.clone(),
            closes_on: c.closes_on.clone(),
        },
        state: Some(c.state),
        review_note: stored.review_note,
        industries,
    })
}

/// Whether `code` may be chosen for a post now.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn industry_offered(db: &Db, code: &str) -> Result<bool, AppError> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT active FROM industries WHERE code = $1")
        .bind(code)
        .fetch_optional(db.reader())
        .await?;
    Ok(row.is_some_and(|(active,)| active == 1))
}

/// Creates a post or saves changes to one of the caller's; either way it goes to staff
/// for review. Only verified enterprises may.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn save(
    db: &Db,
    caller: &Caller,
    id: Option<i64>,
    version: i64,
    post: &ValidPost,
) -> Result<i64, AppError> {
    let mut tx = db.begin_write().await?;
    if !crate::enterprises::store::is_verified(&mut tx, caller.account_id).await? {
        return Err(AppError::invalid("draft", "err_enterprise_not_verified"));
    }
    let (org_name,): (Option<String>,) =
        sqlx::query_as("SELECT org_name FROM accounts WHERE id = $1")
            .bind(caller.account_id)
            .fetch_one(&mut *tx)
            .await?;
    let search = search_text(&post.title, &org_name.unwrap_or_default());
    let education = post.education.map(Education::as_str).unwrap_or("");
    let rank = post.education.map(education_rank).unwrap_or(0);
    let now = now_ms();
    let id = match id {
        None => {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO job_posts (enterprise_id, state, title_zh, title_en, description_zh, description_en, \
                 industry, headcount, education, education_rank, experience_years, salary_min, salary_max, \
                 location, closes_on, search_text, created_at, updated_at) \
                 VALUES ($1, 'review', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) RETURNING id",
            )
            .bind(caller.account_id)
            .bind(&post.title.zh)
            .bind(&post.title.en)
            .bind(&post.description.zh)
            .bind(&post.description.en)
            .bind(&post.industry)
            .bind(post.headcount)
            .bind(education)
            .bind(rank)
            .bind(post.experience_years)
            .bind(post.salary_min)
            .bind(post.salary_max)
            .bind(&post.location)
            .bind(post.closes_on.to_string())
            .bind(&search)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            id
        }
        Some(id) => {
            let owner: Option<(i64,)> =
                sqlx::query_as("SELECT enterprise_id FROM job_posts WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
            caller.require_owner(owner.ok_or(AppError::NotFound)?.0, false)?;
            let changed = sqlx::query(
                "UPDATE job_posts SET state = 'review', title_zh = $1, title_en = $2, description_zh = $3, \
                 description_en = $4, industry = $5, headcount = $6, education = $7, education_rank = $8, \
                 experience_years = $9, salary_min = $10, salary_max = $11, location = $12, closes_on = $13, \
                 search_text = $14, review_note = '', version = version + 1, updated_at = $15 \
                 WHERE id = $16 AND version = $17",
            )
            .bind(&post.title.zh)
            .bind(&post.title.en)
            .bind(&post.description.zh)
            .bind(&post.description.en)
            .bind(&post.industry)
            .bind(post.headcount)
            .bind(education)
            .bind(rank)
            .bind(post.experience_years)
            .bind(post.salary_min)
            .bind(post.salary_max)
            .bind(&post.location)
            .bind(post.closes_on.to_string())
            .bind(&search)
            .bind(now)
            .bind(id)
            .bind(version)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed == 0 {
                return Err(AppError::Conflict);
            }
            id
        }
    };
    tx.commit().await?;
    Ok(id)
}

/// The enterprise closes an open post or reopens a closed one (before its closing date).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn set_open(
    db: &Db,
    caller: &Caller,
    id: i64,
    version: i64,
    open: bool,
) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let stored = load(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    caller.require_owner(stored.card.enterprise_id, false)?;
    let wanted = if open {
        OwnerAction::Reopen
    } else {
        OwnerAction::Close
    };
    if !owner_actions(stored.card.state).contains(&wanted) {
        return Err(if stored.card.state == PostState::Expired {
            AppError::invalid("draft[closes_on]", "err_closing_date")
        } else {
            AppError::Conflict
        });
    }
    let changed = sqlx::query(
        "UPDATE job_posts SET state = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND version = $4",
    )
    .bind(if open { "open" } else { "closed" })
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
    db.forget(crate::jobs::model::STATS_KEY);
    Ok(())
}

/// Posts for the enterprise's and the staff's lists; `enterprise` narrows to one owner.
async fn own_list(
    db: &Db,
    condition: &str,
    enterprise: Option<i64>,
    order: &str,
    page: u32,
) -> Result<(Vec<OwnPost>, bool), AppError> {
    type Row = (String, i64);
    let today = today();
    let (limit, offset) = crate::db::page_window(page, BOARD_PAGE_SIZE);
    let sql = format!(
        "SELECT {CARD_COLUMNS}, p.review_note, \
         (SELECT COUNT(*) FROM job_applications j WHERE j.post_id = p.id) \
         {CARD_FROM} WHERE {condition} ORDER BY {order} LIMIT {limit} OFFSET {offset}"
    );
    let mut query = sqlx::query(&sql);
    if let Some(id) = enterprise {
        query = query.bind(id);
    }
    // The card is read as a tuple, the two extra columns by position.
    let rows: Vec<AnyRow> = query.fetch_all(db.reader()).await?;
    let has_more = rows.len() > BOARD_PAGE_SIZE as usize;
    let mut items = Vec::new();
    for row in rows.iter().take(BOARD_PAGE_SIZE as usize) {
        let (review_note, candidates): Row = (row.try_get(18)?, row.try_get(19)?);
        items.push(OwnPost {
            card: card(row, today)?,
            review_note,
            candidates,
        });
    }
    Ok((items, has_more))
}

/// The enterprise's own posts, last changed first.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn own_posts(
    db: &Db,
    enterprise_id: i64,
    page: u32,
) -> Result<(Vec<OwnPost>, bool), AppError> {
    own_list(
        db,
        "p.enterprise_id = $1",
        Some(enterprise_id),
        "p.updated_at DESC, p.id DESC",
        page,
    )
    .await
}

/// Posts waiting for review, oldest first.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn review_queue(db: &Db, page: u32) -> Result<(Vec<OwnPost>, bool), AppError> {
    own_list(
        db,
        "p.state = 'review'",
        None,
        "p.updated_at ASC, p.id ASC",
        page,
    )
    .await
}

/// Staff approve a post (it goes on the board; saved searches that match are told) or
/// send it back with a reason. One transaction with the notifications and the audit entry.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn review(
    db: &Db,
    staff: &Caller,
    id: i64,
    version: i64,
    decision: ReviewDecision,
    note: &str,
) -> Result<(), AppError> {
    use crate::audit::model::{AuditAction, Outcome};
    use crate::audit::store::{AuditEvent, record};
    let mut tx = db.begin_write().await?;
    let stored = load(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if stored.card.state != PostState::Review {
        return Err(AppError::Conflict);
    }
    let first_publication = stored.card.published_at.is_none();
    let now = now_ms();
    let changed = match decision {
        ReviewDecision::Approve => sqlx::query(
            "UPDATE job_posts SET state = 'open', review_note = '', published_at = COALESCE(published_at, $1), \
             version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3",
        )
        .bind(now)
        .bind(id)
        .bind(version),
        ReviewDecision::SendBack => sqlx::query(
            "UPDATE job_posts SET state = 'returned', review_note = $1, version = version + 1, updated_at = $2 \
             WHERE id = $3 AND version = $4",
        )
        .bind(note)
        .bind(now)
        .bind(id)
        .bind(version),
    }
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(AppError::Conflict);
    }
    let title = pick(&stored.card.title, crate::i18n::Locale::zh).to_string();
    let (kind, link) = match decision {
        ReviewDecision::Approve => ("post_approved", format!("/jobs/{id}")),
        ReviewDecision::SendBack => ("post_returned", format!("/employer/jobs/{id}/edit")),
    };
    notify_about(&mut tx, stored.card.enterprise_id, kind, &link, &title).await?;
    if decision == ReviewDecision::Approve && first_publication && stored.enterprise_verified {
        alert_matching_talents(&mut tx, &stored.card, &title).await?;
    }
    let detail = match decision {
        ReviewDecision::Approve => format!("approve post {id}"),
        ReviewDecision::SendBack => format!("send back post {id}: {note}"),
    };
    record(
        &mut tx,
        AuditEvent {
            actor_id: Some(staff.account_id),
            actor_label: "",
            action: AuditAction::JobPostReview,
            // The subject of an audit entry is an account: the post's enterprise.
            subject_id: Some(stored.card.enterprise_id),
            ip: &crate::accounts::access::client_ip(),
            outcome: Outcome::Success,
            detail: &detail,
        },
    )
    .await?;
    tx.commit().await?;
    db.forget(crate::jobs::model::STATS_KEY);
    Ok(())
}

/// A talent's saved job search.
#[derive(sqlx::FromRow)]
struct AlertRow {
    talent_id: i64,
    q: String,
    industry: String,
    education: String,
    salary: i64,
}

/// Tells each talent with a saved search matching the newly published post, once.
async fn alert_matching_talents(
    conn: &mut AnyConnection,
    post: &PostCard,
    title: &str,
) -> Result<(), AppError> {
    let alerts: Vec<AlertRow> = sqlx::query_as(
        "SELECT talent_id, q, industry, education, salary FROM job_alerts \
         WHERE industry = '' OR industry = $1 ORDER BY talent_id",
    )
    .bind(&post.industry)
    .fetch_all(&mut *conn)
    .await?;
    let text = search_text(&post.title, &post.org_name);
    let mut told = std::collections::BTreeSet::new();
    for AlertRow {
        talent_id,
        q,
        industry,
        education,
        salary,
    } in alerts
    {
        let query = BoardQuery {
            q,
            industry,
            education,
            salary,
            ..Default::default()
        };
        if query.matches(post, &text) && told.insert(talent_id) {
            notify_about(
                &mut *conn,
                talent_id,
                "job_alert",
                &format!("/jobs/{}", post.id),
                title,
            )
            .await?;
        }
    }
    Ok(())
}

/// An uploaded CV, already stored and checked.
pub struct NewCv<'a> {
    pub stored_name: &'a str,
    pub original_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub sha256: &'a str,
}

/// Whether `talent` may apply to post `id` now (checked before a CV is stored, and again
/// when the application is written).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn may_apply(db: &Db, talent: &Caller, id: i64) -> Result<(), AppError> {
    if talent.role != Role::Talent {
        return Err(AppError::Forbidden);
    }
    let mut conn = db.reader().acquire().await?;
    check_open(&mut conn, id, talent.account_id)
        .await
        .map(|_| ())
}

async fn check_open(conn: &mut AnyConnection, id: i64, talent_id: i64) -> Result<Stored, AppError> {
    let stored = load(&mut *conn, id).await?.ok_or(AppError::NotFound)?;
    if stored.card.published_at.is_none() || !stored.enterprise_verified {
        return Err(AppError::NotFound);
    }
    if stored.card.state != PostState::Open {
        return Err(AppError::invalid("note", "err_post_closed"));
    }
    let already: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM job_applications WHERE post_id = $1 AND talent_id = $2")
            .bind(id)
            .bind(talent_id)
            .fetch_optional(&mut *conn)
            .await?;
    if already.is_some() {
        return Err(AppError::invalid("note", "err_already_applied"));
    }
    Ok(stored)
}

/// A talent applies to an open post, once; the enterprise is told.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn apply(
    db: &Db,
    talent: &Caller,
    post_id: i64,
    note: &str,
    cv: Option<NewCv<'_>>,
) -> Result<i64, AppError> {
    if talent.role != Role::Talent {
        return Err(AppError::Forbidden);
    }
    let mut tx = db.begin_write().await?;
    if let Some(cv) = &cv {
        // The talent's account row is locked while their CVs are counted, so parallel
        // applications cannot pass the quota together.
        crate::db::lock_row(db, &mut tx, "accounts", talent.account_id).await?;
        let (held_files, held_bytes): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), CAST(COALESCE(SUM(cv_size_bytes), 0) AS BIGINT) FROM job_applications \
             WHERE talent_id = $1 AND cv_stored_name IS NOT NULL",
        )
        .bind(talent.account_id)
        .fetch_one(&mut *tx)
        .await?;
        crate::cases::model::CV_QUOTA.admits(held_files, held_bytes, cv.size_bytes)?;
    }
    let stored = check_open(&mut tx, post_id, talent.account_id).await?;
    let now = now_ms();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO job_applications (post_id, talent_id, state, note, cv_stored_name, cv_original_name, \
         cv_content_type, cv_size_bytes, cv_sha256, created_at, updated_at) \
         VALUES ($1, $2, 'submitted', $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
    )
    .bind(post_id)
    .bind(talent.account_id)
    .bind(note)
    .bind(cv.as_ref().map(|c| c.stored_name))
    .bind(cv.as_ref().map(|c| c.original_name))
    .bind(cv.as_ref().map(|c| c.content_type))
    .bind(cv.as_ref().map(|c| c.size_bytes))
    .bind(cv.as_ref().map(|c| c.sha256))
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| match e {
        // Applied twice at once: the unique index let one through.
        sqlx::Error::Database(ref d) if d.is_unique_violation() => {
            AppError::invalid("note", "err_already_applied")
        }
        other => other.into(),
    })?;
    let title = pick(&stored.card.title, crate::i18n::Locale::zh).to_string();
    notify_about(
        &mut tx,
        stored.card.enterprise_id,
        "new_candidate",
        &format!("/employer/jobs/{post_id}/candidates"),
        &title,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

fn file_info(name: Option<String>, size: Option<i64>) -> Option<FileInfo> {
    Some(FileInfo {
        name: name?,
        size_bytes: size.unwrap_or(0),
    })
}

/// One of the talent's applications with the post it is for.
#[derive(sqlx::FromRow)]
struct MyApplicationRow {
    id: i64,
    post_id: i64,
    title_zh: String,
    title_en: String,
    org_name: Option<String>,
    state: String,
    note: String,
    message: String,
    cv_original_name: Option<String>,
    cv_size_bytes: Option<i64>,
    created_at: i64,
    updated_at: i64,
    employer_recorded: i64,
    version: i64,
}

/// The talent's applications, last changed first.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn my_applications(db: &Db, talent_id: i64) -> Result<Vec<MyApplication>, AppError> {
    let rows: Vec<MyApplicationRow> = sqlx::query_as(
        "SELECT j.id, j.post_id, p.title_zh, p.title_en, a.org_name, j.state, j.note, j.message, \
         j.cv_original_name, j.cv_size_bytes, j.created_at, j.updated_at, j.employer_recorded, j.version \
         FROM job_applications j JOIN job_posts p ON p.id = j.post_id JOIN accounts a ON a.id = p.enterprise_id \
         WHERE j.talent_id = $1 ORDER BY j.updated_at DESC, j.id DESC LIMIT 200",
    )
    .bind(talent_id)
    .fetch_all(db.reader())
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(MyApplication {
                id: r.id,
                post_id: r.post_id,
                post_title: Text {
                    zh: r.title_zh,
                    en: r.title_en,
                },
                org_name: r.org_name.unwrap_or_default(),
                state: ApplicationState::stored(&r.state)?,
                note: r.note,
                message: r.message,
                cv: file_info(r.cv_original_name, r.cv_size_bytes),
                applied_at: r.created_at,
                updated_at: r.updated_at,
                employer_recorded: r.employer_recorded == 1,
                version: r.version,
            })
        })
        .collect()
}

/// An application to a post with the applicant's account and talent profile.
#[derive(sqlx::FromRow)]
struct CandidateRow {
    id: i64,
    full_name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    education: Option<String>,
    university: Option<String>,
    major: Option<String>,
    graduation_date: Option<String>,
    display_name: Option<String>,
    note: String,
    message: String,
    state: String,
    cv_original_name: Option<String>,
    cv_size_bytes: Option<i64>,
    created_at: i64,
    version: i64,
}

/// The candidates for one of the caller's posts (staff may look too).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn candidates(db: &Db, caller: &Caller, post_id: i64) -> Result<Candidates, AppError> {
    let mut conn = db.reader().acquire().await?;
    let stored = load(&mut conn, post_id).await?.ok_or(AppError::NotFound)?;
    caller.require_owner(stored.card.enterprise_id, true)?;
    let rows: Vec<CandidateRow> = sqlx::query_as(
        "SELECT j.id, t.full_name, a.email, a.phone, t.education, t.university, t.major, t.graduation_date, \
         a.display_name, j.note, j.message, j.state, j.cv_original_name, j.cv_size_bytes, j.created_at, j.version \
         FROM job_applications j JOIN accounts a ON a.id = j.talent_id \
         LEFT JOIN talent_profiles t ON t.account_id = j.talent_id \
         WHERE j.post_id = $1 ORDER BY j.created_at, j.id",
    )
    .bind(post_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Candidates {
        post: stored.card,
        items: rows
            .into_iter()
            .map(|r| {
                let state = ApplicationState::stored(&r.state)?;
                Ok(Candidate {
                    id: r.id,
                    full_name: r
                        .full_name
                        .filter(|n| !n.is_empty())
                        .or(r.display_name)
                        .unwrap_or_default(),
                    contact: candidate_contact(state, r.email.as_deref(), r.phone.as_deref()),
                    education: r.education.unwrap_or_default(),
                    university: r.university.unwrap_or_default(),
                    major: r.major.unwrap_or_default(),
                    graduation_date: r.graduation_date.unwrap_or_default(),
                    note: r.note,
                    message: r.message,
                    state,
                    cv: file_info(r.cv_original_name, r.cv_size_bytes),
                    applied_at: r.created_at,
                    version: r.version,
                })
            })
            .collect::<Result<_, AppError>>()?,
    })
}

/// An application with the two accounts it concerns.
struct ApplicationParties {
    talent_id: i64,
    enterprise_id: i64,
    state: ApplicationState,
    post_id: i64,
    title: String,
    org_name: String,
}

/// The columns [`ApplicationParties`] is made from.
#[derive(sqlx::FromRow)]
struct PartiesRow {
    talent_id: i64,
    enterprise_id: i64,
    state: String,
    post_id: i64,
    title_zh: String,
    title_en: String,
    org_name: Option<String>,
}

async fn parties(conn: &mut AnyConnection, id: i64) -> Result<ApplicationParties, AppError> {
    let row: Option<PartiesRow> = sqlx::query_as(
        "SELECT j.talent_id, p.enterprise_id, j.state, p.id AS post_id, p.title_zh, p.title_en, a.org_name \
         FROM job_applications j JOIN job_posts p ON p.id = j.post_id JOIN accounts a ON a.id = p.enterprise_id \
         WHERE j.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let row = row.ok_or(AppError::NotFound)?;
    Ok(ApplicationParties {
        talent_id: row.talent_id,
        enterprise_id: row.enterprise_id,
        state: ApplicationState::parse(&row.state).ok_or(AppError::Internal)?,
        post_id: row.post_id,
        title: pick(
            &Text {
                zh: row.title_zh,
                en: row.title_en,
            },
            crate::i18n::Locale::zh,
        )
        .to_string(),
        org_name: row.org_name.unwrap_or_default(),
    })
}

async fn move_application(
    conn: &mut AnyConnection,
    id: i64,
    version: i64,
    to: ApplicationState,
    message: &str,
) -> Result<(), AppError> {
    let changed = sqlx::query(
        "UPDATE job_applications SET state = $1, message = $2, version = version + 1, updated_at = $3 \
         WHERE id = $4 AND version = $5",
    )
    .bind(to.as_str())
    .bind(message)
    .bind(now_ms())
    .bind(id)
    .bind(version)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(AppError::Conflict);
    }
    Ok(())
}

/// The enterprise shortlists, declines (with an optional message) or hires a candidate.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn decide_candidate(
    db: &Db,
    caller: &Caller,
    id: i64,
    version: i64,
    action: &str,
    message: &str,
) -> Result<ApplicationState, AppError> {
    let mut tx = db.begin_write().await?;
    let found = parties(&mut tx, id).await?;
    caller.require_owner(found.enterprise_id, false)?;
    if !crate::enterprises::store::is_verified(&mut tx, caller.account_id).await? {
        return Err(AppError::invalid("action", "err_enterprise_not_verified"));
    }
    let to = employer_move(found.state, action).ok_or(AppError::Conflict)?;
    let message = if to == ApplicationState::Declined {
        message
    } else {
        ""
    };
    move_application(&mut tx, id, version, to, message).await?;
    notify_about(
        &mut tx,
        found.talent_id,
        &format!("application_{}", to.as_str()),
        "/jobs/applications",
        &found.title,
    )
    .await?;
    // The hire is a fact services that need no application start from (免申即享).
    if to == ApplicationState::Hired {
        crate::proactive::store::open_for_hire(db, &mut tx, id).await?;
    }
    tx.commit().await?;
    db.forget(crate::jobs::model::STATS_KEY);
    Ok(to)
}

/// The talent withdraws an undecided application.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn withdraw(db: &Db, caller: &Caller, id: i64, version: i64) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let found = parties(&mut tx, id).await?;
    caller.require_owner(found.talent_id, false)?;
    if !found.state.is_undecided() {
        return Err(AppError::Conflict);
    }
    move_application(&mut tx, id, version, ApplicationState::Withdrawn, "").await?;
    notify_about(
        &mut tx,
        found.enterprise_id,
        "application_withdrawn",
        &format!("/employer/jobs/{}/candidates", found.post_id),
        &found.title,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// With the talent's consent, records the enterprise that hired them as their employer in
/// the district, so subsidies needing employer confirmation can find it.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn record_employer(db: &Db, caller: &Caller, id: i64) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let found = parties(&mut tx, id).await?;
    caller.require_owner(found.talent_id, false)?;
    if found.state != ApplicationState::Hired {
        return Err(AppError::Conflict);
    }
    let now = now_ms();
    sqlx::query(
        "INSERT INTO talent_profiles (account_id, employer_name, employer_in_district, updated_at) \
         VALUES ($1, $2, 1, $3) ON CONFLICT (account_id) DO UPDATE SET employer_name = excluded.employer_name, \
         employer_in_district = 1, version = talent_profiles.version + 1, updated_at = excluded.updated_at",
    )
    .bind(found.talent_id)
    .bind(&found.org_name)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE job_applications SET employer_recorded = 1, updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// A stored CV and whether `caller` may download it: the talent, the post's enterprise, staff.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn cv_for(db: &Db, id: i64, caller: &Caller) -> Result<StoredFile, AppError> {
    let mut conn = db.reader().acquire().await?;
    let found = parties(&mut conn, id).await?;
    if caller.account_id != found.enterprise_id {
        caller.require_owner(found.talent_id, true)?;
    }
    let row: (Option<String>, Option<String>, Option<String>) = sqlx::query_as(
        "SELECT cv_stored_name, cv_original_name, cv_content_type FROM job_applications WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    match row {
        (Some(stored_name), Some(original_name), Some(content_type)) => Ok(StoredFile {
            stored_name,
            original_name,
            content_type,
        }),
        _ => Err(AppError::NotFound),
    }
}

#[derive(sqlx::FromRow)]
struct MyAlertRow {
    id: i64,
    q: String,
    industry: String,
    education: String,
    salary: i64,
    created_at: i64,
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn my_alerts(db: &Db, talent_id: i64) -> Result<Vec<JobAlert>, AppError> {
    let rows: Vec<MyAlertRow> = sqlx::query_as(
        "SELECT id, q, industry, education, salary, created_at FROM job_alerts WHERE talent_id = $1 ORDER BY id",
    )
    .bind(talent_id)
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| JobAlert {
            id: r.id,
            query: BoardQuery {
                q: r.q,
                industry: r.industry,
                education: r.education,
                salary: r.salary,
                ..Default::default()
            },
            created_at: r.created_at,
        })
        .collect())
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn save_alert(db: &Db, talent_id: i64, query: &BoardQuery) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM job_alerts WHERE talent_id = $1")
        .bind(talent_id)
        .fetch_one(&mut *tx)
        .await?;
    if count >= MAX_ALERTS {
        return Err(AppError::invalid("alert", "err_too_many_alerts"));
    }
    sqlx::query(
        "INSERT INTO job_alerts (talent_id, q, industry, education, salary, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(talent_id)
    .bind(query.q.trim())
    .bind(&query.industry)
    .bind(&query.education)
    .bind(query.salary.max(0))
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn delete_alert(db: &Db, talent_id: i64, id: i64) -> Result<(), AppError> {
    let removed = sqlx::query("DELETE FROM job_alerts WHERE id = $1 AND talent_id = $2")
        .bind(id)
        .bind(talent_id)
        .execute(db.writer())
        .await?
        .rows_affected();
    if removed == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// The statistics are kept this long (they add up every post on the board).
const STATS_MAX_AGE_MS: i64 = 60_000;

/// Demand against the target, as computed at most a minute ago (or just now if this
/// process changed a post since).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn stats(db: &Db) -> Result<DemandStats, AppError> {
    db.memo(
        crate::jobs::model::STATS_KEY,
        STATS_MAX_AGE_MS,
        compute_stats(db),
    )
    .await
}

/// An industry with its open posts and their headcount.
#[derive(sqlx::FromRow)]
struct IndustryDemandRow {
    code: String,
    name_zh: String,
    name_en: String,
    posts: i64,
    headcount: i64,
}

/// Demand against the target: open headcount per industry, headcount published per month
/// over the last year, demand raised so far and hires through the hub.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn compute_stats(db: &Db) -> Result<DemandStats, AppError> {
    let today = today();
    let by_industry: Vec<IndustryDemandRow> = sqlx::query_as(&format!(
        "SELECT i.code, i.name_zh, i.name_en, COUNT(o.id) AS posts, \
         CAST(COALESCE(SUM(o.headcount), 0) AS BIGINT) AS headcount \
         FROM industries i LEFT JOIN (SELECT p.id, p.industry, p.headcount FROM job_posts p \
         JOIN accounts a ON a.id = p.enterprise_id WHERE {ON_BOARD}) o ON o.industry = i.code \
         GROUP BY i.code, i.name_zh, i.name_en, i.position ORDER BY i.position, i.code"
    ))
    .bind(today.to_string())
    .fetch_all(db.reader())
    .await?;
    let months = last_twelve_months(today);
    // Thirteen month starts: each month is [start, next start).
    let first_of = |m: &str| Date::parse(&format!("{m}-01")).unwrap_or(today);
    let after_last = {
        let last = first_of(&months[11]);
        let (year, month) = if last.month == 12 {
            (last.year + 1, 1)
        } else {
            (last.year, last.month + 1)
        };
        Date::new(year, month, 1).unwrap_or(today)
    };
    let bounds: Vec<i64> = months
        .iter()
        .map(|m| china_midnight_ms(first_of(m)))
        .chain(std::iter::once(china_midnight_ms(after_last)))
        .collect();
    let sums: Vec<String> = (0..12)
        .map(|m| {
            format!(
                "CAST(COALESCE(SUM(CASE WHEN published_at >= {} AND published_at < {} THEN headcount ELSE 0 END), 0) AS BIGINT)",
                bounds[m],
                bounds[m + 1]
            )
        })
        .collect();
    let row = sqlx::query(&format!(
        "SELECT {}, CAST(COALESCE(SUM(headcount), 0) AS BIGINT) FROM job_posts WHERE published_at IS NOT NULL",
        sums.join(", ")
    ))
    .fetch_one(db.reader())
    .await?;
    let mut by_month = Vec::with_capacity(12);
    for (m, month) in months.into_iter().enumerate() {
        by_month.push(MonthDemand {
            month,
            headcount: row.try_get(m)?,
        });
    }
    let posted_headcount: i64 = row.try_get(12)?;
    let (hired,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM job_applications WHERE state = 'hired'")
            .fetch_one(db.reader())
            .await?;
    let by_industry: Vec<IndustryDemand> = by_industry
        .into_iter()
        .map(|r| IndustryDemand {
            code: r.code,
            name: Text {
                zh: r.name_zh,
                en: r.name_en,
            },
            posts: r.posts,
            headcount: r.headcount,
        })
        .collect();
    Ok(DemandStats {
        open_headcount: by_industry.iter().map(|i| i.headcount).sum(),
        open_posts: by_industry.iter().map(|i| i.posts).sum(),
        by_industry,
        by_month,
        posted_headcount,
        hired,
        target: DEMAND_TARGET,
        as_of: today.to_string(),
    })
}
