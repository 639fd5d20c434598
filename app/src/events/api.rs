//! Event server functions: the list and pages are public; publishing is for staff.
use super::model::*;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "events/list")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn list_events(query: EventQuery) -> Result<EventList, AppError> {
    super::store::list(&crate::db::use_db()?, &query).await
}

#[server(prefix = "/api", endpoint = "events/page")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn load_event(id: i64) -> Result<EventPage, AppError> {
    let caller = crate::accounts::access::caller();
    super::store::page(&crate::db::use_db()?, id, caller.as_ref()).await
}

/// Publishes a new event or saves changes to one; opens its page.
#[server(prefix = "/api", endpoint = "events/save")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn save_event(draft: EventDraft) -> Result<i64, AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Staff, Role::Admin])?;
    let id = super::store::save(&crate::db::use_db()?, &caller, &draft).await?;
    leptos_axum::redirect(&format!("/events/{id}"));
    crate::notice::announce(crate::notice::Done::EventSaved);
    Ok(id)
}

/// The staff desk's list of events with registration figures.
#[server(prefix = "/api", endpoint = "events/desk")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn load_event_desk(query: EventQuery) -> Result<EventDesk, AppError> {
    use crate::accounts::{access, model::Role};
    access::require(&[Role::Staff, Role::Admin])?;
    super::store::desk(&crate::db::use_db()?, &query).await
}
