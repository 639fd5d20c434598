//! Open data (ssr only): the dashboard's aggregates for a calendar year, without the
//! parts that name anyone, kept per process for ten minutes because anyone may ask.
use super::model::*;
use crate::common::date::{Date, today_in_china};
use crate::common::text::Text;
use crate::db::{Db, now_ms};
use crate::error::AppError;

/// How long the figures are kept before they are computed again.
const MAX_AGE_MS: i64 = 10 * 60 * 1000;
/// One memo slot per year offered: this year, last year, the year before.
const KEYS: [&str; 3] = ["opendata-0", "opendata-1", "opendata-2"];

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn open_data(db: &Db, year: i32) -> Result<OpenData, AppError> {
    let today = today_in_china(now_ms());
    let back = (today.year - year).clamp(0, YEARS_BACK) as usize;
    db.memo(KEYS[back], MAX_AGE_MS, compute(db, year, today))
        .await
}

async fn compute(db: &Db, year: i32, today: Date) -> Result<OpenData, AppError> {
    let from = Date::new(year, 1, 1).ok_or(AppError::Internal)?;
    let to = Date::new(year, 12, 31)
        .ok_or(AppError::Internal)?
        .min(today);
    let d = crate::dashboard::store::dashboard(db, from, to).await?;
    let demand = crate::jobs::store::stats(db).await?;
    let categories: std::collections::HashMap<String, String> =
        sqlx::query_as("SELECT code, category FROM service_items")
            .fetch_all(db.reader())
            .await?
            .into_iter()
            .collect();
    let rated = rated_cases(db, from, to).await?;
    let last_month = if year == today.year { today.month } else { 12 };
    let (rating_departments, rating_months) = rating_tables(&rated, last_month);
    Ok(OpenData {
        rating_departments,
        rating_months,
        year,
        years: (today.year - YEARS_BACK..=today.year).rev().collect(),
        as_of: d.as_of.clone(),
        delivered: d.decided,
        approved: d.approved,
        on_time: d.decided - d.decided_late,
        average_days: d.average_days,
        ratings: d.ratings,
        rating_stars: d.rating_stars,
        satisfied: d.rating_satisfied,
        disbursed_fen: d.disbursed_fen,
        services: d
            .items
            .into_iter()
            .map(|i| ServiceFigures {
                category: categories.get(&i.item_code).cloned().unwrap_or_default(),
                code: i.item_code,
                name: i.item_name,
                delivered: i.decided,
                approved: i.approved,
                average_days: i.average_days,
                disbursed_fen: i.disbursed_fen,
            })
            .collect(),
        demand_posted: demand.posted_headcount,
        demand_hired: demand.hired,
        demand_target: demand.target,
    })
}

/// The cases rated from `from` to `to` (China dates, both included), with the department
/// that handles their item and whether a bad review was followed up in time.
async fn rated_cases(db: &Db, from: Date, to: Date) -> Result<Vec<RatedCase>, AppError> {
    use crate::dashboard::model::china_midnight_ms;
    type Row = (i64, i64, Option<String>, Option<String>, Option<i64>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT c.rated_at, c.rating, i.department_zh, i.department_en, f.done_on_time FROM cases c \
         LEFT JOIN service_items i ON i.code = c.item_code \
         LEFT JOIN review_followups f ON f.case_id = c.id \
         WHERE c.rated_at >= $1 AND c.rated_at < $2 AND c.rating IS NOT NULL",
    )
    .bind(china_midnight_ms(from))
    .bind(china_midnight_ms(to.add_days(1)))
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(rated_at, level, zh, en, on_time)| RatedCase {
            month: today_in_china(rated_at).month,
            department: Text {
                zh: zh.unwrap_or_default(),
                en: en.unwrap_or_default(),
            },
            level: level.clamp(1, 5) as u8,
            followed_up_in_time: on_time == Some(1),
        })
        .collect())
}
