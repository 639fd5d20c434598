//! Catalogue server functions. Reading the catalogue is public.
use super::model::ServiceSummary;
use crate::error::AppError;
use leptos::prelude::*;

/// The items shown on the home page, highest amount first.
#[server(prefix = "/api", endpoint = "catalogue/featured")]
pub async fn featured_services() -> Result<Vec<ServiceSummary>, AppError> {
    let db = crate::db::use_db()?;
    super::store::featured(&db, super::model::FEATURED_COUNT).await
}
