//! Tracking server functions: public (the code, and then the grant it gives, is the check).
use crate::error::AppError;
use leptos::prelude::*;

/// Starts a lookup and opens the code form. The answer is the same whether or not the
/// number and contact match.
#[server(prefix = "/api", endpoint = "track/request")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn request_tracking(number: String, contact: String) -> Result<(), AppError> {
    let db = crate::db::use_db()?;
    let ip = crate::accounts::access::client_ip();
    let ticket = super::store::request(&db, &number, &contact, &ip).await?;
    leptos_axum::redirect(&format!("/track?ticket={ticket}"));
    Ok(())
}

/// Checks the one-time code and opens the timeline. The grant it gives travels in a
/// short-lived cookie, never in the address, where it would stay in the history and reach
/// other sites as a referrer.
#[server(prefix = "/api", endpoint = "track/confirm")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn confirm_tracking(ticket: String, code: String) -> Result<(), AppError> {
    use super::model::{GRANT_COOKIE, GRANT_MINUTES};
    let grant = super::store::confirm(&crate::db::use_db()?, &ticket, &code).await?;
    crate::cookies::append_set_cookie(&format!(
        "{GRANT_COOKIE}={grant}; Path=/; Max-Age={}; HttpOnly; SameSite=Strict{}",
        GRANT_MINUTES * 60,
        crate::cookies::secure_attribute()
    ));
    leptos_axum::redirect("/track/view");
    Ok(())
}

/// The grant the caller's cookie holds (empty without one: it then opens nothing).
#[cfg(feature = "ssr")]
fn grant() -> String {
    crate::cookies::from_request(super::model::GRANT_COOKIE).unwrap_or_default()
}

/// The public timeline for a confirmed lookup.
#[server(prefix = "/api", endpoint = "track/view")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn tracked_timeline() -> Result<super::model::Tracked, AppError> {
    super::store::view(&crate::db::use_db()?, &grant()).await
}

/// The visitor who raised a concern without an account confirms it is resolved or reopens
/// it (once, saying why), on the page the grant opened.
#[server(prefix = "/api", endpoint = "track/act")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn act_as_visitor(
    version: i64,
    action: String,
    #[server(default)] text: String,
) -> Result<(), AppError> {
    use crate::concerns::model::ConcernAction;
    use crate::concerns::store::{Who, act};
    let db = crate::db::use_db()?;
    let id = super::store::granted_concern(&db, &grant()).await?;
    // Staff's actions are refused by the concern's own rules: a visitor is not the office.
    let action = ConcernAction::parse(&action).ok_or(AppError::Forbidden)?;
    act(&db, id, Who::Visitor, version, action, &text, "").await?;
    crate::notice::announce(crate::notice::Done::ConcernUpdated);
    Ok(())
}

/// The visitor rates the answer to their concern once it is resolved or closed.
#[server(prefix = "/api", endpoint = "track/rate")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn rate_as_visitor(
    version: i64,
    #[server(default)] rating: String,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    use crate::concerns::store::{Who, rate};
    let db = crate::db::use_db()?;
    let id = super::store::granted_concern(&db, &grant()).await?;
    let rating: i64 = rating
        .parse()
        .map_err(|_| AppError::invalid("rating", "err_rating"))?;
    rate(&db, id, Who::Visitor, version, rating, &comment).await?;
    crate::notice::announce(crate::notice::Done::RatingSent);
    Ok(())
}
