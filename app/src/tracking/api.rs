//! Tracking server functions: public (the code is the check).
use crate::error::AppError;
use leptos::prelude::*;

/// Starts a lookup and opens the code form. The answer is the same whether or not the
/// number and contact match.
#[server(prefix = "/api", endpoint = "track/request")]
pub async fn request_tracking(number: String, contact: String) -> Result<(), AppError> {
    let db = crate::db::use_db()?;
    let ip = crate::accounts::access::client_ip();
    let ticket = super::store::request(&db, &number, &contact, &ip).await?;
    leptos_axum::redirect(&format!("/track?ticket={ticket}"));
    Ok(())
}

/// Checks the one-time code and opens the timeline.
#[server(prefix = "/api", endpoint = "track/confirm")]
pub async fn confirm_tracking(ticket: String, code: String) -> Result<(), AppError> {
    let grant = super::store::confirm(&crate::db::use_db()?, &ticket, &code).await?;
    leptos_axum::redirect(&format!("/track/view?grant={grant}"));
    Ok(())
}

/// The public timeline for a confirmed lookup.
#[server(prefix = "/api", endpoint = "track/view")]
pub async fn tracked_timeline(grant: String) -> Result<super::model::Tracked, AppError> {
    super::store::view(&crate::db::use_db()?, &grant).await
}
