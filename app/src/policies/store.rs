//! Policy library queries (ssr only). A document is one row: the published text (`body`)
//! and the editor's working copy (`draft`), both JSON.
use super::model::*;
use crate::common::date::Date;
use crate::db::{Db, now_ms};
use crate::editing::{AdminEntry, EditStatus, Editing, Saved, valid_code};
use crate::error::AppError;

fn parse<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, AppError> {
    serde_json::from_str(json).map_err(|error| {
        tracing::error!(%error, "unreadable policy document");
        AppError::Internal
    })
}

/// Publishes `policy`, creating the document if it is new. With `revision`, the document
/// must not have changed since the editor read it. `by` is the administrator (`None` for
/// the demo data).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn publish(
    db: &Db,
    policy: &Policy,
    by: Option<i64>,
    revision: Option<i64>,
) -> Result<Saved, AppError> {
    policy.validate()?;
    let body = serde_json::to_string(policy).map_err(|_| AppError::Internal)?;
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let current: Option<(i64,)> = sqlx::query_as("SELECT revision FROM policies WHERE code = $1")
        .bind(&policy.code)
        .fetch_optional(&mut *tx)
        .await?;
    if let (Some(expected), Some((current,))) = (revision, current)
        && expected != current
    {
        return Err(AppError::Conflict);
    }
    if current.is_none() {
        sqlx::query("INSERT INTO policies (code, updated_at) VALUES ($1, $2)")
            .bind(&policy.code)
            .bind(now)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "UPDATE policies SET title_zh = $1, title_en = $2, document_number = $3, effective_from = $4, \
         body = $5, draft = NULL, published = 1, retired_at = NULL, is_demo = $6, published_by = $7, \
         revision = revision + 1, updated_at = $8 WHERE code = $9",
    )
    .bind(&policy.title.zh)
    .bind(&policy.title.en)
    .bind(&policy.document_number)
    .bind(&policy.effective_from)
    .bind(&body)
    .bind(policy.is_demo as i64)
    .bind(by)
    .bind(now)
    .bind(&policy.code)
    .execute(&mut *tx)
    .await?;
    let (revision,): (i64,) = sqlx::query_as("SELECT revision FROM policies WHERE code = $1")
        .bind(&policy.code)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Saved {
        code: policy.code.clone(),
        revision,
        status: EditStatus::Published,
        done: String::new(),
    })
}

/// The published document `code` (retired and never-published ones are not public).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn find_published(db: &Db, code: &str) -> Result<Option<Policy>, AppError> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT body FROM policies WHERE code = $1 AND published = 1")
            .bind(code)
            .fetch_optional(db.reader())
            .await?;
    row.map(|(body,)| parse(&body)).transpose()
}

/// Whether the demo data may (re)publish `code`: not once an administrator published or
/// retired it.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn edited_by_admin(db: &Db, code: &str) -> Result<bool, AppError> {
    let row: Option<(Option<i64>, Option<i64>)> =
        sqlx::query_as("SELECT published_by, retired_at FROM policies WHERE code = $1")
            .bind(code)
            .fetch_optional(db.reader())
            .await?;
    Ok(row.is_some_and(|(by, retired)| by.is_some() || retired.is_some()))
}

/// The public library: substring search over titles, document numbers and codes, in the
/// order of their codes.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn search(db: &Db, query: &PolicyQuery, today: Date) -> Result<PolicyPage, AppError> {
    let pattern = format!(
        "%{}%",
        query.q.trim().to_lowercase().replace(['%', '_'], "")
    );
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT body FROM policies WHERE published = 1 \
           AND (LOWER(title_zh) LIKE $1 OR LOWER(title_en) LIKE $1 \
                OR LOWER(document_number) LIKE $1 OR LOWER(code) LIKE $1) \
         ORDER BY effective_from DESC, code LIMIT $2 OFFSET $3",
    )
    .bind(pattern)
    .bind(crate::db::page_window(query.page, POLICY_PAGE_SIZE).0)
    .bind(crate::db::page_window(query.page, POLICY_PAGE_SIZE).1)
    .fetch_all(db.reader())
    .await?;
    let has_more = rows.len() > POLICY_PAGE_SIZE as usize;
    let items = rows
        .iter()
        .take(POLICY_PAGE_SIZE as usize)
        .map(|(body,)| {
            let policy: Policy = parse(body)?;
            Ok(PolicySummary {
                validity: policy.validity(today),
                article_count: policy.articles.len() as u32,
                code: policy.code,
                title: policy.title,
                document_number: policy.document_number,
                effective_from: policy.effective_from,
                effective_until: policy.effective_until,
                is_demo: policy.is_demo,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(PolicyPage {
        items,
        page: query.page,
        has_more,
    })
}

/// A document's line in the administrators' list.
#[derive(sqlx::FromRow)]
struct AdminRow {
    code: String,
    title_zh: String,
    title_en: String,
    published: i64,
    retired_at: Option<i64>,
    has_draft: i64,
    updated_at: i64,
    is_demo: i64,
}

/// Every document with where it stands, for the administrators' list.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn admin_list(db: &Db) -> Result<Vec<AdminEntry>, AppError> {
    let rows: Vec<AdminRow> = sqlx::query_as(
        "SELECT code, title_zh, title_en, published, retired_at, \
                CASE WHEN draft IS NULL THEN 0 ELSE 1 END AS has_draft, updated_at, is_demo \
         FROM policies ORDER BY code",
    )
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| AdminEntry {
            code: r.code,
            title: crate::common::text::Text {
                zh: r.title_zh,
                en: r.title_en,
            },
            status: EditStatus::from_columns(r.published, r.retired_at),
            has_draft: r.has_draft == 1,
            version: 0,
            updated_at: r.updated_at,
            is_demo: r.is_demo == 1,
        })
        .collect())
}

/// A document's draft and published text with where it stands.
#[derive(sqlx::FromRow)]
struct EditRow {
    draft: Option<String>,
    body: Option<String>,
    published: i64,
    retired_at: Option<i64>,
    revision: i64,
    is_demo: i64,
}

/// The document as its editor opens it: the saved draft, or else the published text.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn load_for_edit(db: &Db, code: &str) -> Result<Option<Editing<PolicyDraft>>, AppError> {
    let row: Option<EditRow> = sqlx::query_as(
        "SELECT draft, body, published, retired_at, revision, is_demo FROM policies WHERE code = $1",
    )
    .bind(code)
    .fetch_optional(db.reader())
    .await?;
    let Some(EditRow {
        draft,
        body,
        published,
        retired_at,
        revision,
        is_demo,
    }) = row
    else {
        return Ok(None);
    };
    let has_draft = draft.is_some();
    let draft = match (draft, body) {
        (Some(draft), _) => parse(&draft)?,
        (None, Some(body)) => PolicyDraft::from_policy(&parse(&body)?),
        (None, None) => PolicyDraft {
            code: code.to_string(),
            ..PolicyDraft::default()
        },
    };
    Ok(Some(Editing {
        code: code.to_string(),
        draft,
        revision,
        status: EditStatus::from_columns(published, retired_at),
        has_draft,
        is_demo: is_demo == 1,
    }))
}

/// Saves the editor's draft of document `code` (a new document when `code` is `None`;
/// its code is the draft's). Readers see the published text until the draft is published.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn save_draft(
    db: &Db,
    code: Option<&str>,
    draft: &PolicyDraft,
    revision: i64,
) -> Result<Saved, AppError> {
    let json = serde_json::to_string(draft).map_err(|_| AppError::Internal)?;
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let code = match code {
        Some(code) => {
            let changed = sqlx::query(
                "UPDATE policies SET draft = $1, revision = revision + 1, updated_at = $2, \
                 title_zh = CASE WHEN body IS NULL THEN $3 ELSE title_zh END, \
                 title_en = CASE WHEN body IS NULL THEN $4 ELSE title_en END \
                 WHERE code = $5 AND revision = $6",
            )
            .bind(&json)
            .bind(now)
            .bind(draft.title_zh.trim())
            .bind(draft.title_en.trim())
            .bind(code)
            .bind(revision)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed == 0 {
                let exists: Option<(i64,)> =
                    sqlx::query_as("SELECT revision FROM policies WHERE code = $1")
                        .bind(code)
                        .fetch_optional(&mut *tx)
                        .await?;
                return Err(if exists.is_some() {
                    AppError::Conflict
                } else {
                    AppError::NotFound
                });
            }
            code.to_string()
        }
        None => {
            let code = draft.code.trim().to_string();
            if !valid_code(&code) {
                return Err(AppError::invalid("draft[code]", "err_item_code"));
            }
            let taken: Option<(i64,)> = sqlx::query_as("SELECT id FROM policies WHERE code = $1")
                .bind(&code)
                .fetch_optional(&mut *tx)
                .await?;
            if taken.is_some() {
                return Err(AppError::invalid("draft[code]", "err_code_taken"));
            }
            sqlx::query(
                "INSERT INTO policies (code, title_zh, title_en, draft, revision, updated_at) \
                 VALUES ($1, $2, $3, $4, 1, $5)",
            )
            .bind(&code)
            .bind(draft.title_zh.trim())
            .bind(draft.title_en.trim())
            .bind(&json)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            code
        }
    };
    let (revision, published, retired_at): (i64, i64, Option<i64>) =
        sqlx::query_as("SELECT revision, published, retired_at FROM policies WHERE code = $1")
            .bind(&code)
            .fetch_one(&mut *tx)
            .await?;
    tx.commit().await?;
    Ok(Saved {
        code,
        revision,
        status: EditStatus::from_columns(published, retired_at),
        done: String::new(),
    })
}

/// Takes a published document off the public pages, or puts it back.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn set_retired(
    db: &Db,
    code: &str,
    retire: bool,
    revision: i64,
) -> Result<Saved, AppError> {
    let now = now_ms();
    let changed = sqlx::query(
        "UPDATE policies SET published = $1, retired_at = $2, revision = revision + 1, updated_at = $3 \
         WHERE code = $4 AND revision = $5 AND body IS NOT NULL",
    )
    .bind(if retire { 0_i64 } else { 1 })
    .bind(retire.then_some(now))
    .bind(now)
    .bind(code)
    .bind(revision)
    .execute(db.writer())
    .await?
    .rows_affected();
    if changed == 0 {
        let row: Option<(Option<String>,)> =
            sqlx::query_as("SELECT body FROM policies WHERE code = $1")
                .bind(code)
                .fetch_optional(db.reader())
                .await?;
        return Err(match row {
            None => AppError::NotFound,
            Some((None,)) => AppError::invalid("status", "err_not_published"),
            Some(_) => AppError::Conflict,
        });
    }
    Ok(Saved {
        code: code.to_string(),
        revision: revision + 1,
        status: if retire {
            EditStatus::Retired
        } else {
            EditStatus::Published
        },
        done: String::new(),
    })
}
