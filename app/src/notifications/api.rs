//! Notification server functions: each reads or changes the caller's own only.
use super::model::NotificationPage;
use crate::error::AppError;
use leptos::prelude::*;

/// How many of the caller's notifications are unread (the bell's number); none for a
/// visitor, so every page may ask.
#[server(prefix = "/api", endpoint = "notifications/unread")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn unread_notifications() -> Result<i64, AppError> {
    match crate::accounts::access::caller() {
        Some(caller) => super::store::unread_count(&crate::db::use_db()?, caller.account_id).await,
        None => Ok(0),
    }
}

#[server(prefix = "/api", endpoint = "notifications/list")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn my_notifications(page: u32) -> Result<NotificationPage, AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    super::store::list(&crate::db::use_db()?, caller.account_id, page).await
}

#[server(prefix = "/api", endpoint = "notifications/read")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn mark_notifications_read() -> Result<(), AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    super::store::mark_all_read(&crate::db::use_db()?, caller.account_id).await?;
    crate::notice::announce(crate::notice::Done::NotificationsRead);
    Ok(())
}
