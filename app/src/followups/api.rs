//! Follow-up server functions: the desk for staff, appeals for whoever gave the rating
//! (a case's applicant or a concern's requester), the appeal decision for administrators.
use super::model::*;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "followups/list")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn follow_ups() -> Result<FollowUpList, AppError> {
    use crate::accounts::{access, model::Role};
    access::require(&[Role::Staff, Role::Admin])?;
    super::store::list(&crate::db::use_db()?).await
}

/// The follow-up of one case or concern (`kind` "case" or "concern"), for the one who
/// rated it or staff, if its rating opened one.
#[server(prefix = "/api", endpoint = "followups/of")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn follow_up_of(kind: String, id: i64) -> Result<Option<FollowUp>, AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    let about = Rated::parse(&kind, id).ok_or(AppError::NotFound)?;
    super::store::of(&crate::db::use_db()?, about, &caller).await
}

#[server(prefix = "/api", endpoint = "followups/complete")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn complete_follow_up(
    id: i64,
    version: i64,
    #[server(default)] callback: String,
    #[server(default)] fix: String,
) -> Result<(), AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Staff, Role::Admin])?;
    super::store::complete(&crate::db::use_db()?, &caller, id, version, &callback, &fix).await?;
    crate::notice::announce(crate::notice::Done::FollowUpRecorded);
    Ok(())
}

#[server(prefix = "/api", endpoint = "followups/appeal")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn appeal_rating(
    kind: String,
    id: i64,
    #[server(default)] rating: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    let about = Rated::parse(&kind, id).ok_or(AppError::NotFound)?;
    let rating: u8 = rating
        .parse()
        .map_err(|_| AppError::invalid("rating", "err_choice"))?;
    super::store::appeal(&crate::db::use_db()?, &caller, about, rating, &reason).await?;
    crate::notice::announce(crate::notice::Done::AppealSent);
    Ok(())
}

#[server(prefix = "/api", endpoint = "followups/decide")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
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
    super::store::decide_appeal(&crate::db::use_db()?, &caller, id, version, grant, &answer)
        .await?;
    crate::notice::announce(crate::notice::Done::AppealDecided);
    Ok(())
}
