//! Open data (ssr only): the dashboard's aggregates for a calendar year, without the
//! parts that name anyone, kept per process for ten minutes because anyone may ask.
use super::model::*;
use crate::common::date::{Date, today_in_china};
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
    Ok(OpenData {
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
