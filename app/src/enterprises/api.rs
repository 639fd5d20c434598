//! Enterprise verification server functions: staff decide; an enterprise reads its own state.
use super::model::{EnterprisePage, EnterpriseSummary};
use crate::error::AppError;
use leptos::prelude::*;

/// Staff: the enterprises in `status` (`pending`, …; empty for all).
#[server(prefix = "/api", endpoint = "enterprises/list")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn enterprise_list(status: String, page: u32) -> Result<EnterprisePage, AppError> {
    use super::model::Verification;
    use crate::accounts::{access, model::Role};
    access::require(&[Role::Staff, Role::Admin])?;
    super::store::list(&crate::db::use_db()?, Verification::parse(&status), page).await
}

/// Staff: verify, reject or suspend an enterprise (a reason for the last two).
#[server(prefix = "/api", endpoint = "enterprises/decide")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn decide_enterprise(
    id: i64,
    version: i64,
    decision: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use super::model::{Verification, needs_reason};
    use crate::accounts::{access, model::Role};
    let staff = access::require(&[Role::Staff, Role::Admin])?;
    let decision = Verification::parse(&decision)
        .filter(|d| *d != Verification::Pending)
        .ok_or_else(|| AppError::invalid("decision", "err_internal"))?;
    let note = crate::error::check_reason("note", &note, needs_reason(decision))?;
    super::store::decide(&crate::db::use_db()?, id, decision, &note, version, &staff).await?;
    crate::notice::announce(crate::notice::Done::EnterpriseDecided);
    Ok(())
}

/// The calling enterprise's own verification state and note.
#[server(prefix = "/api", endpoint = "enterprises/mine")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn my_enterprise() -> Result<EnterpriseSummary, AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Enterprise])?;
    super::store::find(&crate::db::use_db()?, caller.account_id)
        .await?
        .ok_or(AppError::NotFound)
}
