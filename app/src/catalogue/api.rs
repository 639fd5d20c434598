//! Catalogue server functions. Reading the catalogue is public.
use super::model::{CataloguePage, CatalogueQuery, ServiceItem, ServiceSummary};
use crate::error::AppError;
use leptos::prelude::*;

/// The items shown on the home page, highest amount first.
#[server(prefix = "/api", endpoint = "catalogue/featured")]
pub async fn featured_services() -> Result<Vec<ServiceSummary>, AppError> {
    let db = crate::db::use_db()?;
    super::store::featured(&db, super::model::FEATURED_COUNT).await
}

/// A page of the public catalogue.
#[server(prefix = "/api", endpoint = "catalogue/search")]
pub async fn search_catalogue(query: CatalogueQuery) -> Result<CataloguePage, AppError> {
    let db = crate::db::use_db()?;
    super::store::search(&db, &query).await
}

/// The whole guide of a published item.
#[server(prefix = "/api", endpoint = "catalogue/guide")]
pub async fn service_guide(code: String) -> Result<ServiceItem, AppError> {
    let db = crate::db::use_db()?;
    super::store::find_published(&db, &code)
        .await?
        .ok_or(AppError::NotFound)
}
