//! How a bad rating opens a follow-up (ssr only). The case and concern stores call this
//! inside the rating's transaction; it needs nothing of theirs, so the follow-up store,
//! which writes on their timelines, can depend on them without a cycle.
use super::model::{FOLLOW_UP_DAYS, Rated};
use crate::calendar::model::WorkCalendar;
use crate::common::date::today_in_china;
use crate::db::now_ms;
use crate::error::AppError;
use sqlx::AnyConnection;

/// Opens the follow-up for a bad rating (called in the rating's transaction).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn open_for(
    conn: &mut AnyConnection,
    about: Rated,
    rating: u8,
    calendar: &WorkCalendar,
) -> Result<(), AppError> {
    let now = now_ms();
    let due = calendar.add_working_days(today_in_china(now), FOLLOW_UP_DAYS);
    sqlx::query(&format!(
        "INSERT INTO review_followups ({}, rating, opened_at, due_on, state) VALUES ($1, $2, $3, $4, 'open')",
        column(about)
    ))
    .bind(about.id())
    .bind(i64::from(rating))
    .bind(now)
    .bind(due.to_string())
    .execute(conn)
    .await?;
    Ok(())
}

/// The follow-up's column that points at the rated case or concern.
pub(super) fn column(about: Rated) -> &'static str {
    match about {
        Rated::Case(_) => "case_id",
        Rated::Concern(_) => "concern_id",
    }
}
