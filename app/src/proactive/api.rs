//! The talent's own switch for "tell me when I newly qualify".
use crate::error::AppError;
use leptos::prelude::*;

/// Whether the caller is told of services they newly qualify for.
#[server(prefix = "/api", endpoint = "proactive/alerts")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn qualification_alerts() -> Result<bool, AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Talent])?;
    super::store::alerts_on(&crate::db::use_db()?, caller.account_id).await
}

/// Turns the alerts on (`on` is `true`, as the ticked box sends it) or off.
#[server(prefix = "/api", endpoint = "proactive/set_alerts")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn set_qualification_alerts(#[server(default)] on: String) -> Result<(), AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Talent])?;
    let on = match on.as_str() {
        "true" => true,
        "" => false,
        _ => return Err(AppError::invalid("on", "err_choice")),
    };
    super::store::set_alerts(&crate::db::use_db()?, caller.account_id, on).await?;
    crate::notice::announce(crate::notice::Done::QualificationAlertsSaved);
    Ok(())
}
