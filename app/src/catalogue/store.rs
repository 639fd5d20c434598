//! Catalogue queries (ssr only).
use super::model::ServiceSummary;
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

/// Adds an item unless one with the same code exists; returns whether it was added.
pub async fn insert_if_absent(db: &Db, item: &ServiceSummary) -> Result<bool, AppError> {
    let result = sqlx::query(
        "INSERT INTO service_items
           (code, name_zh, name_en, summary_zh, summary_en, time_limit_days, max_amount_fen,
            is_demo, published, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9)
         ON CONFLICT (code) DO NOTHING",
    )
    .bind(&item.code)
    .bind(&item.name_zh)
    .bind(&item.name_en)
    .bind(&item.summary_zh)
    .bind(&item.summary_en)
    .bind(item.time_limit_days)
    .bind(item.max_amount_fen)
    .bind(item.is_demo as i64)
    .bind(now_ms())
    .execute(db.writer())
    .await?;
    Ok(result.rows_affected() == 1)
}
