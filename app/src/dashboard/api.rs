//! Dashboard server functions: staff and administrators only.
use super::model::*;
use crate::error::AppError;
use leptos::prelude::*;

/// The figures for the period asked for (by default the last 30 days).
#[server(prefix = "/api", endpoint = "dashboard")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn load_dashboard(period: PeriodQuery) -> Result<Dashboard, AppError> {
    use crate::accounts::{access, model::Role};
    access::require(&[Role::Staff, Role::Admin])?;
    let today = crate::common::date::today_in_china(crate::db::now_ms());
    let (from, to) = period.resolve(today)?;
    let db = crate::db::use_db()?;
    // Kept a minute per period: a supervisor's refreshes, and colleagues looking at the
    // same period, cost one computation (the page says how old the figures are).
    db.memo(
        &format!("dashboard:{from}:{to}"),
        60_000,
        super::store::dashboard(&db, from, to),
    )
    .await
}
