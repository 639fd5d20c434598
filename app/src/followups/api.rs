//! Follow-up server functions: the desk for staff, appeals for the case's applicant, the
//! appeal decision for administrators.
use super::model::*;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "followups/list")]
pub async fn follow_ups() -> Result<FollowUpList, AppError> {
    use crate::accounts::{access, model::Role};
    access::require(&[Role::Staff, Role::Admin])?;
    super::store::list(&crate::db::use_db()?).await
}

/// The follow-up of one case (its applicant or staff), if its rating opened one.
#[server(prefix = "/api", endpoint = "followups/case")]
pub async fn case_follow_up(case_id: i64) -> Result<Option<FollowUp>, AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    super::store::of_case(&crate::db::use_db()?, case_id, &caller).await
}

#[server(prefix = "/api", endpoint = "followups/complete")]
pub async fn complete_follow_up(
    id: i64,
    version: i64,
    #[server(default)] callback: String,
    #[server(default)] fix: String,
) -> Result<(), AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Staff, Role::Admin])?;
    super::store::complete(&crate::db::use_db()?, &caller, id, version, &callback, &fix).await
}

#[server(prefix = "/api", endpoint = "followups/appeal")]
pub async fn appeal_rating(
    case_id: i64,
    #[server(default)] rating: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    let rating: u8 = rating
        .parse()
        .map_err(|_| AppError::invalid("rating", "err_choice"))?;
    super::store::appeal(&crate::db::use_db()?, &caller, case_id, rating, &reason).await
}

#[server(prefix = "/api", endpoint = "followups/decide")]
pub async fn decide_rating_appeal(
    id: i64,
    version: i64,
    decision: String,
    #[server(default)] answer: String,
) -> Result<(), AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Admin])?;
    let grant = match decision.as_str() {
        "grant" => true,
        "decline" => false,
        _ => return Err(AppError::invalid("decision", "err_choice")),
    };
    super::store::decide_appeal(&crate::db::use_db()?, &caller, id, version, grant, &answer).await
}
