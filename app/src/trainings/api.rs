//! Training server functions: a course's sessions (public; progress for its registrant,
//! attendance counts for staff), session editing for staff, and certificates by number
//! for anyone.
use super::model::*;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "trainings/plan")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn load_training(event: i64) -> Result<TrainingPlan, AppError> {
    let caller = crate::accounts::access::caller();
    super::store::plan(&crate::db::use_db()?, event, caller.as_ref()).await
}

#[server(prefix = "/api", endpoint = "trainings/add_session")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn add_session(draft: SessionDraft) -> Result<i64, AppError> {
    use crate::accounts::{access, model::Role};
    access::require(&[Role::Staff, Role::Admin])?;
    let answer = super::store::add_session(&crate::db::use_db()?, &draft).await?;
    crate::notice::announce(crate::notice::Done::SessionAdded);
    Ok(answer)
}

#[server(prefix = "/api", endpoint = "trainings/remove_session")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn remove_session(session: i64) -> Result<(), AppError> {
    use crate::accounts::{access, model::Role};
    access::require(&[Role::Staff, Role::Admin])?;
    super::store::remove_session(&crate::db::use_db()?, session).await?;
    crate::notice::announce(crate::notice::Done::SessionRemoved);
    Ok(())
}

#[server(prefix = "/api", endpoint = "certificates/verify")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn verify_certificate(number: String) -> Result<Certificate, AppError> {
    let ip = crate::accounts::access::client_ip();
    super::store::certificate(&crate::db::use_db()?, &number, &ip).await
}
