//! Catalogue queries (ssr only).
use super::model::*;
use crate::db::{Db, now_ms};
use crate::error::AppError;

type SummaryRow = (
    String,
    String,
    String,
    String,
    String,
    i64,
    Option<i64>,
    i64,
);

fn summary_from_row(row: SummaryRow) -> ServiceSummary {
    let (code, name_zh, name_en, summary_zh, summary_en, time_limit_days, max_amount_fen, is_demo) =
        row;
    ServiceSummary {
        code,
        name_zh,
        name_en,
        summary_zh,
        summary_en,
        time_limit_days,
        max_amount_fen,
        is_demo: is_demo != 0,
    }
}

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

/// Publishes `item` as a new version: the item row is created or updated, and the whole
/// document is kept under its version number. Earlier versions stay as they were, so
/// applications made with them keep their form and rules. Returns the new version.
pub async fn publish(db: &Db, item: &ServiceItem) -> Result<i64, AppError> {
    item.validate()?;
    let body = serde_json::to_string(item).map_err(|_| AppError::Internal)?;
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let existing: Option<(i64, i64)> =
        sqlx::query_as("SELECT id, version FROM service_items WHERE code = $1")
            .bind(&item.code)
            .fetch_optional(&mut *tx)
            .await?;
    let (id, version) = match existing {
        Some((id, version)) => (id, version + 1),
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
        "INSERT INTO service_item_versions (item_id, version, body, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(id)
    .bind(version)
    .bind(&body)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE service_items SET name_zh = $1, name_en = $2, summary_zh = $3, summary_en = $4, \
         time_limit_days = $5, max_amount_fen = $6, is_demo = $7, published = 1, category = $8, \
         applicant = $9, department_zh = $10, department_en = $11, version = $12 WHERE id = $13",
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
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(version)
}

/// The published document of the item `code`, if it is published.
pub async fn find_published(db: &Db, code: &str) -> Result<Option<ServiceItem>, AppError> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT v.body FROM service_items i \
         JOIN service_item_versions v ON v.item_id = i.id AND v.version = i.version \
         WHERE i.code = $1 AND i.published = 1",
    )
    .bind(code)
    .fetch_optional(db.reader())
    .await?;
    row.map(|(body,)| parse_item(&body)).transpose()
}

/// One version of an item, as an application made with it will show it.
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
pub async fn search(db: &Db, query: &CatalogueQuery) -> Result<CataloguePage, AppError> {
    let pattern = format!(
        "%{}%",
        query.q.trim().to_lowercase().replace(['%', '_'], "")
    );
    let rows: Vec<SummaryRow> = sqlx::query_as(
        "SELECT code, name_zh, name_en, summary_zh, summary_en, time_limit_days, max_amount_fen, is_demo \
         FROM service_items \
         WHERE published = 1 \
           AND (LOWER(name_zh) LIKE $1 OR LOWER(name_en) LIKE $1 \
                OR LOWER(summary_zh) LIKE $1 OR LOWER(summary_en) LIKE $1) \
           AND ($2 = '' OR category = $2) \
           AND ($3 = '' OR applicant = $3) \
           AND ($4 = '' OR department_en = $4) \
         ORDER BY COALESCE(max_amount_fen, 0) DESC, code \
         LIMIT $5 OFFSET $6",
    )
    .bind(pattern)
    .bind(Category::parse(&query.category).map(Category::as_str).unwrap_or(""))
    .bind(Applicant::parse(&query.applicant).map(Applicant::as_str).unwrap_or(""))
    .bind(query.department.trim())
    .bind(i64::from(CATALOGUE_PAGE_SIZE) + 1)
    .bind(i64::from(query.page) * i64::from(CATALOGUE_PAGE_SIZE))
    .fetch_all(db.reader())
    .await?;
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
