//! The open-data server function: public.
use super::model::*;
use crate::error::AppError;
use leptos::prelude::*;

/// The public figures for `year` (0: this year).
#[server(prefix = "/api", endpoint = "opendata")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn load_open_data(year: i32) -> Result<OpenData, AppError> {
    let current = crate::common::date::today_in_china(crate::db::now_ms()).year;
    let year = pick_year((year > 0).then_some(year), current);
    super::store::open_data(&crate::db::use_db()?, year).await
}
