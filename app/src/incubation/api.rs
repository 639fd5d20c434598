//! Incubation server functions. Teams: talents (their own teams and invitations only).
//! Calls and decisions: staff. Score sheets: members of the call's panel, never for a
//! team they belong to. The incubated projects page is public.
use super::model::*;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "incubation/teams")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn load_my_teams() -> Result<MyTeams, AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    super::store::my_teams(&crate::db::use_db()?, &caller).await
}

#[server(prefix = "/api", endpoint = "incubation/create_team")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn create_team(#[server(default)] name: String) -> Result<i64, AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    let answer = super::store::create_team(&crate::db::use_db()?, &caller, &name).await?;
    crate::notice::announce(crate::notice::Done::TeamCreated);
    Ok(answer)
}

#[server(prefix = "/api", endpoint = "incubation/invite")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn invite_member(team: i64, #[server(default)] login: String) -> Result<(), AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    super::store::invite(&crate::db::use_db()?, &caller, team, &login).await?;
    crate::notice::announce(crate::notice::Done::MemberInvited);
    Ok(())
}

#[server(prefix = "/api", endpoint = "incubation/respond")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn respond_invitation(member: i64, accept: bool) -> Result<(), AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    super::store::respond(&crate::db::use_db()?, &caller, member, accept).await?;
    crate::notice::announce(crate::notice::Done::InvitationAnswered);
    Ok(())
}

#[server(prefix = "/api", endpoint = "incubation/calls")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn load_calls() -> Result<Vec<CallSummary>, AppError> {
    let caller = crate::accounts::access::caller();
    super::store::calls(&crate::db::use_db()?, caller.as_ref()).await
}

#[server(prefix = "/api", endpoint = "incubation/save_call")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn save_call(draft: CallDraft) -> Result<i64, AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Staff, Role::Admin])?;
    let answer = super::store::save_call(&crate::db::use_db()?, &caller, &draft).await?;
    crate::notice::announce(crate::notice::Done::CallSaved);
    Ok(answer)
}

#[server(prefix = "/api", endpoint = "incubation/call_settings")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn load_call_settings(call: i64) -> Result<CallSettings, AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Staff, Role::Admin])?;
    super::store::call_settings(&crate::db::use_db()?, &caller, call).await
}

#[server(prefix = "/api", endpoint = "incubation/update_call")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn update_call(call: i64, version: i64, draft: CallDraft) -> Result<(), AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Staff, Role::Admin])?;
    super::store::update_call(&crate::db::use_db()?, &caller, call, version, &draft).await?;
    crate::notice::announce(crate::notice::Done::CallChanged);
    Ok(())
}

#[server(prefix = "/api", endpoint = "incubation/apply")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn apply_to_call(draft: ApplicationDraft) -> Result<i64, AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    let answer = super::store::apply(&crate::db::use_db()?, &caller, &draft).await?;
    crate::notice::announce(crate::notice::Done::CallApplied);
    Ok(answer)
}

#[server(prefix = "/api", endpoint = "incubation/review")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn load_review(application: i64) -> Result<ReviewView, AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Staff, Role::Admin])?;
    super::store::review(&crate::db::use_db()?, &caller, application).await
}

#[server(prefix = "/api", endpoint = "incubation/score")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn submit_scores(
    application: i64,
    #[server(default)] scores: Vec<String>,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Staff, Role::Admin])?;
    super::store::submit_sheet(
        &crate::db::use_db()?,
        &caller,
        application,
        &scores,
        &comment,
    )
    .await?;
    crate::notice::announce(crate::notice::Done::ScoresSent);
    Ok(())
}

#[server(prefix = "/api", endpoint = "incubation/ranking")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn load_ranking(call: i64) -> Result<Vec<Ranked>, AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Staff, Role::Admin])?;
    super::store::ranking(&crate::db::use_db()?, call, &caller).await
}

#[server(prefix = "/api", endpoint = "incubation/decide")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn decide_application(
    application: i64,
    version: i64,
    #[server(default)] decision: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Staff, Role::Admin])?;
    let decision = Decision::parse(&decision).ok_or(AppError::invalid("decision", "err_choice"))?;
    let ip = access::client_ip();
    super::store::decide(
        &crate::db::use_db()?,
        &caller,
        application,
        version,
        decision,
        &reason,
        &ip,
    )
    .await?;
    crate::notice::announce(crate::notice::Done::TeamDecided);
    Ok(())
}

#[server(prefix = "/api", endpoint = "incubation/projects")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn load_incubated() -> Result<Vec<IncubatedProject>, AppError> {
    super::store::incubated(&crate::db::use_db()?).await
}

#[server(prefix = "/api", endpoint = "incubation/panel_candidates")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn load_panel_candidates() -> Result<Vec<PanelCandidate>, AppError> {
    use crate::accounts::{access, model::Role};
    access::require(&[Role::Staff, Role::Admin])?;
    super::store::panel_candidates(&crate::db::use_db()?).await
}
