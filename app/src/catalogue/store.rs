//! Catalogue queries (ssr only).
use super::draft::ItemDraft;
use crate::catalogue::model::*;
use crate::common::text::Text;
use crate::db::{Db, Sql, now_ms};
use crate::editing::{AdminEntry, EditStatus, Editing, Saved};
use crate::error::AppError;

/// A published item as the catalogue lists it.
#[derive(sqlx::FromRow)]
struct SummaryRow {
    code: String,
    name_zh: String,
    name_en: String,
    summary_zh: String,
    summary_en: String,
    time_limit_days: i64,
    max_amount_fen: Option<i64>,
    is_demo: i64,
}

fn summary_from_row(row: SummaryRow) -> ServiceSummary {
    ServiceSummary {
        code: row.code,
        name_zh: row.name_zh,
        name_en: row.name_en,
        summary_zh: row.summary_zh,
        summary_en: row.summary_en,
        time_limit_days: row.time_limit_days,
        max_amount_fen: row.max_amount_fen,
        is_demo: row.is_demo != 0,
    }
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn featured(db: &Db, limit: i64) -> Result<Vec<ServiceSummary>, AppError> {
    let rows: Vec<SummaryRow> = sqlx::query_as(
        "SELECT code, name_zh, name_en, summary_zh, summary_en, time_limit_days, max_amount_fen, is_demo
         FROM service_items
         WHERE published = 1
         ORDER BY COALESCE(max_amount_fen, 0) DESC, code
         LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db.reader())
    .await?;
    Ok(rows.into_iter().map(summary_from_row).collect())
}

/// Publishes `item` as a new version (the demo data's way: no editor, no revision check).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn publish(db: &Db, item: &ServiceItem) -> Result<i64, AppError> {
    publish_as(db, item, None, None).await
}

/// Publishes `item` as a new version: the item row is created or updated, and the whole
/// document is kept under its version number. Earlier versions stay as they were, so
/// applications made with them keep their form and rules. The editor's draft is done
/// with. With `revision`, the item must not have changed since the editor read it.
/// Returns the new version.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn publish_as(
    db: &Db,
    item: &ServiceItem,
    by: Option<i64>,
    revision: Option<i64>,
) -> Result<i64, AppError> {
    item.validate()?;
    let body = serde_json::to_string(item).map_err(|_| AppError::Internal)?;
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let existing: Option<(i64, i64, i64)> =
        sqlx::query_as("SELECT id, version, revision FROM service_items WHERE code = $1")
            .bind(&item.code)
            .fetch_optional(&mut *tx)
            .await?;
    if revision.is_some_and(|r| existing.is_some_and(|(_, _, current)| current != r)) {
        return Err(AppError::Conflict);
    }
    let (id, version) = match existing {
        Some((id, version, _)) => (id, version + 1),
        None => {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO service_items (code, name_zh, name_en, summary_zh, summary_en, \
                 time_limit_days, created_at) VALUES ($1, '', '', '', '', 1, $2) RETURNING id",
            )
            .bind(&item.code)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            (id, 1)
        }
    };
    sqlx::query(
        "INSERT INTO service_item_versions (item_id, version, body, created_at, published_by) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(version)
    .bind(&body)
    .bind(now)
    .bind(by)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE service_items SET name_zh = $1, name_en = $2, summary_zh = $3, summary_en = $4, \
         time_limit_days = $5, max_amount_fen = $6, is_demo = $7, published = 1, category = $8, \
         applicant = $9, department_zh = $10, department_en = $11, version = $12, draft = NULL, \
         retired_at = NULL, published_by = $13, revision = revision + 1 WHERE id = $14",
    )
    .bind(&item.name.zh)
    .bind(&item.name.en)
    .bind(&item.summary.zh)
    .bind(&item.summary.en)
    .bind(i64::from(item.time_limit_days))
    .bind(item.max_amount_fen)
    .bind(item.is_demo as i64)
    .bind(item.category.as_str())
    .bind(item.applicant.as_str())
    .bind(&item.department.zh)
    .bind(&item.department.en)
    .bind(version)
    .bind(by)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(version)
}

/// Whether an administrator has taken the item over (published or retired it), so the
/// demo data leaves it alone.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn edited_by_admin(db: &Db, code: &str) -> Result<bool, AppError> {
    let row: Option<(Option<i64>, Option<i64>)> =
        sqlx::query_as("SELECT published_by, retired_at FROM service_items WHERE code = $1")
            .bind(code)
            .fetch_optional(db.reader())
            .await?;
    Ok(row.is_some_and(|(by, retired)| by.is_some() || retired.is_some()))
}

/// An item's line in the administrators' list.
#[derive(sqlx::FromRow)]
struct AdminRow {
    code: String,
    name_zh: String,
    name_en: String,
    published: i64,
    retired_at: Option<i64>,
    has_draft: i64,
    version: i64,
    updated_at: i64,
    is_demo: i64,
}

/// Every item with where it stands, for the administrators' list (newest change first).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn admin_list(db: &Db) -> Result<Vec<AdminEntry>, AppError> {
    let rows: Vec<AdminRow> = sqlx::query_as(
        "SELECT i.code, i.name_zh, i.name_en, i.published, i.retired_at, \
                CASE WHEN i.draft IS NULL THEN 0 ELSE 1 END AS has_draft, i.version, \
                COALESCE((SELECT MAX(v.created_at) FROM service_item_versions v WHERE v.item_id = i.id), i.created_at) \
                AS updated_at, \
                i.is_demo \
         FROM service_items i ORDER BY i.code",
    )
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| AdminEntry {
            code: r.code,
            title: Text {
                zh: r.name_zh,
                en: r.name_en,
            },
            status: EditStatus::from_columns(r.published, r.retired_at),
            has_draft: r.has_draft == 1,
            version: r.version,
            updated_at: r.updated_at,
            is_demo: r.is_demo == 1,
        })
        .collect())
}

/// An item's draft and published version with where it stands.
#[derive(sqlx::FromRow)]
struct EditRow {
    draft: Option<String>,
    version: i64,
    published: i64,
    retired_at: Option<i64>,
    revision: i64,
    is_demo: i64,
}

/// The item as its editor opens it: the saved draft, or else the published version.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn load_for_edit(db: &Db, code: &str) -> Result<Option<Editing<ItemDraft>>, AppError> {
    let row: Option<EditRow> = sqlx::query_as(
        "SELECT draft, version, published, retired_at, revision, is_demo FROM service_items WHERE code = $1",
    )
    .bind(code)
    .fetch_optional(db.reader())
    .await?;
    let Some(EditRow {
        draft,
        version,
        published,
        retired_at,
        revision,
        is_demo,
    }) = row
    else {
        return Ok(None);
    };
    let has_draft = draft.is_some();
    let draft = match draft {
        Some(json) => serde_json::from_str(&json).map_err(|_| AppError::Internal)?,
        None => match find_version(db, code, version).await? {
            Some(item) => ItemDraft::from_item(&item),
            None => ItemDraft {
                code: code.to_string(),
                ..ItemDraft::default()
            },
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

/// Saves the editor's draft of item `code` (a new item when `code` is `None`; its code is
/// the draft's). Readers keep seeing the published version until the draft is published.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn save_draft(
    db: &Db,
    code: Option<&str>,
    draft: &ItemDraft,
    revision: i64,
) -> Result<Saved, AppError> {
    let json = serde_json::to_string(draft).map_err(|_| AppError::Internal)?;
    let mut tx = db.begin_write().await?;
    let code = match code {
        Some(code) => {
            let row: Option<(i64, i64, Option<i64>)> = sqlx::query_as(
                "SELECT revision, published, retired_at FROM service_items WHERE code = $1",
            )
            .bind(code)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((current, ..)) = row else {
                return Err(AppError::NotFound);
            };
            if current != revision {
                return Err(AppError::Conflict);
            }
            // A never-published item is listed under the name in its draft.
            sqlx::query(
                "UPDATE service_items SET draft = $1, revision = revision + 1, \
                 name_zh = CASE WHEN version = 0 THEN $2 ELSE name_zh END, \
                 name_en = CASE WHEN version = 0 THEN $3 ELSE name_en END WHERE code = $4",
            )
            .bind(&json)
            .bind(draft.name_zh.trim())
            .bind(draft.name_en.trim())
            .bind(code)
            .execute(&mut *tx)
            .await?;
            code.to_string()
        }
        None => {
            let code = draft.code.trim().to_string();
            if !crate::editing::valid_code(&code) {
                return Err(AppError::invalid("draft[code]", "err_item_code"));
            }
            let taken: Option<(i64,)> =
                sqlx::query_as("SELECT id FROM service_items WHERE code = $1")
                    .bind(&code)
                    .fetch_optional(&mut *tx)
                    .await?;
            if taken.is_some() {
                return Err(AppError::invalid("draft[code]", "err_code_taken"));
            }
            sqlx::query(
                "INSERT INTO service_items (code, name_zh, name_en, summary_zh, summary_en, \
                 time_limit_days, created_at, draft, revision) VALUES ($1, $2, $3, '', '', 1, $4, $5, 1)",
            )
            .bind(&code)
            .bind(draft.name_zh.trim())
            .bind(draft.name_en.trim())
            .bind(now_ms())
            .bind(&json)
            .execute(&mut *tx)
            .await?;
            code
        }
    };
    tx.commit().await?;
    let saved: (i64, i64, Option<i64>) =
        sqlx::query_as("SELECT revision, published, retired_at FROM service_items WHERE code = $1")
            .bind(&code)
            .fetch_one(db.writer())
            .await?;
    Ok(Saved {
        code,
        revision: saved.0,
        status: EditStatus::from_columns(saved.1, saved.2),
        done: String::new(),
    })
}

/// Takes a published item off the public pages (`retire`), or puts it back. Applications
/// already made keep their version either way.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn set_retired(
    db: &Db,
    code: &str,
    retire: bool,
    revision: i64,
) -> Result<Saved, AppError> {
    let now = now_ms();
    let changed = sqlx::query(
        "UPDATE service_items SET published = $1, retired_at = $2, revision = revision + 1 \
         WHERE code = $3 AND revision = $4 AND version > 0",
    )
    .bind(if retire { 0_i64 } else { 1 })
    .bind(retire.then_some(now))
    .bind(code)
    .bind(revision)
    .execute(db.writer())
    .await?
    .rows_affected();
    if changed == 0 {
        let exists: Option<(i64,)> =
            sqlx::query_as("SELECT version FROM service_items WHERE code = $1")
                .bind(code)
                .fetch_optional(db.reader())
                .await?;
        return Err(match exists {
            None => AppError::NotFound,
            Some((0,)) => AppError::invalid("status", "err_not_published"),
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

/// The published document of the item `code`, if it is published.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn find_published(db: &Db, code: &str) -> Result<Option<ServiceItem>, AppError> {
    Ok(find_published_version(db, code)
        .await?
        .map(|(item, _)| item))
}

/// The published document of the item `code` with its version number, read as one row:
/// what an application records as its version is exactly the document it was made with,
/// even when a new version is published meanwhile.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn find_published_version(
    db: &Db,
    code: &str,
) -> Result<Option<(ServiceItem, i64)>, AppError> {
    let row: Option<(String, i64)> = sqlx::query_as(
        "SELECT v.body, v.version FROM service_items i \
         JOIN service_item_versions v ON v.item_id = i.id AND v.version = i.version \
         WHERE i.code = $1 AND i.published = 1",
    )
    .bind(code)
    .fetch_optional(db.reader())
    .await?;
    row.map(|(body, version)| Ok((parse_item(&body)?, version)))
        .transpose()
}

/// One version of an item, as an application made with it will show it.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn find_version(
    db: &Db,
    code: &str,
    version: i64,
) -> Result<Option<ServiceItem>, AppError> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT v.body FROM service_items i \
         JOIN service_item_versions v ON v.item_id = i.id WHERE i.code = $1 AND v.version = $2",
    )
    .bind(code)
    .bind(version)
    .fetch_optional(db.reader())
    .await?;
    row.map(|(body,)| parse_item(&body)).transpose()
}

/// Every published item with its whole document (for the eligibility check).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn all_published(db: &Db) -> Result<Vec<ServiceItem>, AppError> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT v.body FROM service_items i \
         JOIN service_item_versions v ON v.item_id = i.id AND v.version = i.version \
         WHERE i.published = 1 ORDER BY i.code",
    )
    .fetch_all(db.reader())
    .await?;
    rows.iter().map(|(body,)| parse_item(body)).collect()
}

fn parse_item(body: &str) -> Result<ServiceItem, AppError> {
    serde_json::from_str(body).map_err(|error| {
        tracing::error!(%error, "unreadable service item document");
        AppError::Internal
    })
}

/// The public catalogue: substring search over both languages' names and summaries, with
/// filters, highest amount first.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn search(db: &Db, query: &CatalogueQuery) -> Result<CataloguePage, AppError> {
    let pattern = format!(
        "%{}%",
        query.q.trim().to_lowercase().replace(['%', '_'], "")
    );
    let mut sql = Sql::new(
        "SELECT code, name_zh, name_en, summary_zh, summary_en, time_limit_days, max_amount_fen, is_demo \
         FROM service_items \
         WHERE published = 1 \
           AND (LOWER(name_zh) LIKE $1 OR LOWER(name_en) LIKE $1 \
                OR LOWER(summary_zh) LIKE $1 OR LOWER(summary_en) LIKE $1)",
    );
    sql.bind(pattern);
    if let Some(category) = Category::parse(&query.category) {
        sql.push(" AND category = ").push_bind(category.as_str());
    }
    if let Some(applicant) = Applicant::parse(&query.applicant) {
        sql.push(" AND applicant = ").push_bind(applicant.as_str());
    }
    let department = query.department.trim();
    if !department.is_empty() {
        sql.push(" AND department_en = ").push_bind(department);
    }
    let (limit, offset) = crate::db::page_window(query.page, CATALOGUE_PAGE_SIZE);
    sql.push(" ORDER BY COALESCE(max_amount_fen, 0) DESC, code LIMIT ")
        .push_bind(limit)
        .push(" OFFSET ")
        .push_bind(offset);
    let rows: Vec<SummaryRow> = sql.query_as()?.fetch_all(db.reader()).await?;
    let has_more = rows.len() > CATALOGUE_PAGE_SIZE as usize;
    let departments: Vec<(String, String)> = sqlx::query_as(
        "SELECT DISTINCT department_zh, department_en FROM service_items \
         WHERE published = 1 AND department_en <> '' ORDER BY department_en",
    )
    .fetch_all(db.reader())
    .await?;
    Ok(CataloguePage {
        items: rows
            .into_iter()
            .take(CATALOGUE_PAGE_SIZE as usize)
            .map(summary_from_row)
            .collect(),
        page: query.page,
        has_more,
        departments: departments
            .into_iter()
            .map(|(zh, en)| Text { zh, en })
            .collect(),
    })
}
