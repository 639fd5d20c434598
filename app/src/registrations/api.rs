//! Registration server functions: the panel on an event page is public (seats left); the
//! caller registers and cancels only their own registration; check-in and the list of
//! registrants are for staff.
use super::model::*;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "registrations/panel")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn load_registration(event: i64) -> Result<RegistrationPanel, AppError> {
    let caller = crate::accounts::access::caller();
    super::store::panel(&crate::db::use_db()?, event, caller.as_ref()).await
}

#[server(prefix = "/api", endpoint = "registrations/register")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn register_for_event(event: i64) -> Result<RegistrationState, AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    let state = super::store::register(&crate::db::use_db()?, &caller, event).await?;
    crate::notice::announce(state.said());
    Ok(state)
}

#[server(prefix = "/api", endpoint = "registrations/cancel")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn cancel_registration(event: i64) -> Result<(), AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    super::store::cancel(&crate::db::use_db()?, &caller, event).await?;
    crate::notice::announce(crate::notice::Done::PlaceCancelled);
    Ok(())
}

#[server(prefix = "/api", endpoint = "registrations/check_in")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn check_in(
    event: i64,
    #[server(default)] code: String,
    // Training courses: the session being attended.
    #[server(default)] session: i64,
) -> Result<CheckedIn, AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Staff, Role::Admin])?;
    let ip = access::client_ip();
    let checked =
        super::store::check_in(&crate::db::use_db()?, &caller, event, session, &code, &ip).await?;
    crate::notice::announce(crate::notice::Done::CheckedIn);
    Ok(checked)
}

#[server(prefix = "/api", endpoint = "registrations/list")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn load_registrants(query: RegistrantQuery) -> Result<RegistrantList, AppError> {
    use crate::accounts::{access, model::Role};
    access::require(&[Role::Staff, Role::Admin])?;
    super::store::registrants(&crate::db::use_db()?, &query).await
}
