//! Extension server functions: staff ask, supervisors (administrators) decide.
use super::model::*;
use crate::error::AppError;
use leptos::prelude::*;

/// Staff: asks a supervisor to extend case `id` (seen at `version`) by `days` working
/// days, with the reason the applicant will read.
#[server(prefix = "/api", endpoint = "extensions/request")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn request_extension(
    id: i64,
    version: i64,
    days: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Staff, Role::Admin])?;
    let reason = crate::error::check_reason("reason", &reason, true)?;
    super::store::request(&crate::db::use_db()?, &caller, id, version, &days, &reason).await?;
    crate::notice::announce(crate::notice::Done::ExtensionRequested);
    Ok(())
}

/// A supervisor: approves (`decision` "approve") or declines ("decline", with a note)
/// extension request `id`, seen at `version`. Answers how it was decided.
#[server(prefix = "/api", endpoint = "extensions/decide")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn decide_extension(
    id: i64,
    version: i64,
    decision: String,
    #[server(default)] note: String,
) -> Result<ExtensionState, AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Admin])?;
    let approve = match decision.as_str() {
        "approve" => true,
        "decline" => false,
        _ => return Err(AppError::invalid("decision", "err_choice")),
    };
    let note = crate::error::check_reason("note", &note, false)?;
    super::store::decide(&crate::db::use_db()?, &caller, id, version, approve, &note).await?;
    let decided = if approve {
        ExtensionState::Approved
    } else {
        ExtensionState::Declined
    };
    crate::notice::announce(decided_notice(decided));
    Ok(decided)
}

/// A supervisor: the requests waiting for a decision, oldest first.
#[server(prefix = "/api", endpoint = "extensions/waiting")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn waiting_extensions() -> Result<Vec<Extension>, AppError> {
    use crate::accounts::{access, model::Role};
    access::require(&[Role::Admin])?;
    super::store::waiting(&crate::db::use_db()?).await
}
