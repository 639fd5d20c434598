//! Decision notice server functions: a case's notices for its applicant and the office,
//! verification for anyone, corrections for administrators.
use super::model::*;
use crate::error::AppError;
use leptos::prelude::*;

/// The notices of case `case_id` (the current one first).
#[server(prefix = "/api", endpoint = "decisions/of_case")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn load_case_notices(case_id: i64) -> Result<CaseNotices, AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    super::store::for_case(&crate::db::use_db()?, case_id, &caller).await
}

/// What a notice's number verifies as (public; counted per network address).
#[server(prefix = "/api", endpoint = "decisions/verify")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn verify_notice(number: String) -> Result<Verification, AppError> {
    let ip = crate::accounts::access::client_ip();
    super::store::verify(&crate::db::use_db()?, &number, &ip).await
}

/// An administrator corrects the current notice `number` of case `case_id`: `reason` is
/// what the new notice says, `note` why it was corrected (the applicant reads both).
#[server(prefix = "/api", endpoint = "decisions/correct")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn correct_notice(
    case_id: i64,
    number: String,
    #[server(default)] reason: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    let db = crate::db::use_db()?;
    crate::cases::store::correct_notice(&db, case_id, &caller, &number, &reason, &note).await?;
    crate::notice::announce(crate::notice::Done::NoticeCorrected);
    Ok(())
}
