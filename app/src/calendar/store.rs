//! Calendar queries (ssr only).
use super::model::{SpecialDay, WorkCalendar};
use crate::common::date::Date;
use crate::common::text::Text;
use crate::db::Db;
use crate::error::AppError;

/// The whole calendar (a few dozen rows a year).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn load(db: &Db) -> Result<WorkCalendar, AppError> {
    let rows: Vec<(String, i64)> = sqlx::query_as("SELECT day, working FROM calendar_days")
        .fetch_all(db.reader())
        .await?;
    Ok(WorkCalendar::new(rows.into_iter().filter_map(
        |(day, working)| Date::parse(&day).map(|d| (d, working == 1)),
    )))
}

#[derive(sqlx::FromRow)]
struct SpecialDayRow {
    day: String,
    working: i64,
    note_zh: String,
    note_en: String,
}

/// The special days of `year`, in order.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn list_year(db: &Db, year: i32) -> Result<Vec<SpecialDay>, AppError> {
    let rows: Vec<SpecialDayRow> = sqlx::query_as(
        "SELECT day, working, note_zh, note_en FROM calendar_days WHERE day LIKE $1 ORDER BY day",
    )
    .bind(format!("{year:04}-%"))
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(SpecialDay {
                day: Date::parse(&r.day)?,
                working: r.working == 1,
                note: Text {
                    zh: r.note_zh,
                    en: r.note_en,
                },
            })
        })
        .collect())
}

/// Sets (or replaces) a special day.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn put(db: &Db, day: &SpecialDay) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM calendar_days WHERE day = $1")
        .bind(day.day.to_string())
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO calendar_days (day, working, note_zh, note_en) VALUES ($1, $2, $3, $4)",
    )
    .bind(day.day.to_string())
    .bind(day.working as i64)
    .bind(&day.note.zh)
    .bind(&day.note.en)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Makes `day` an ordinary day again (Monday to Friday working).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn remove(db: &Db, day: Date) -> Result<bool, AppError> {
    let removed = sqlx::query("DELETE FROM calendar_days WHERE day = $1")
        .bind(day.to_string())
        .execute(db.writer())
        .await?
        .rows_affected();
    Ok(removed > 0)
}

/// Puts the published holiday arrangements into the calendar for each year that has no
/// special days yet (so an administrator's changes are never overwritten).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn seed_defaults(db: &Db) -> Result<(), AppError> {
    for (year, days) in super::model::default_years() {
        if !list_year(db, year).await?.is_empty() {
            continue;
        }
        for day in days {
            put(db, &day).await?;
        }
    }
    Ok(())
}
