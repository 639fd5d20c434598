//! Talent demand server functions. The board, a published post and the statistics are
//! public; everything else checks the caller's role here and their relation to the post
//! or application in the store.
use super::model::*;
use crate::error::AppError;
use leptos::prelude::*;

/// The public board: open posts matching `query`.
#[server(prefix = "/api", endpoint = "jobs/board")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn job_board(query: BoardQuery) -> Result<BoardPage, AppError> {
    super::store::board(&crate::db::use_db()?, &query).await
}

/// One post's page, as the caller may see it.
#[server(prefix = "/api", endpoint = "jobs/post")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn job_post(id: i64) -> Result<PostPage, AppError> {
    let caller = crate::accounts::access::caller();
    super::store::post_page(&crate::db::use_db()?, id, caller.as_ref()).await
}

/// Demand against the 90,000 target.
#[server(prefix = "/api", endpoint = "jobs/stats")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn job_stats() -> Result<DemandStats, AppError> {
    super::store::stats(&crate::db::use_db()?).await
}

/// The managed list of industries.
#[server(prefix = "/api", endpoint = "jobs/industries")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn job_industries() -> Result<Vec<IndustryChoice>, AppError> {
    super::store::industries(&crate::db::use_db()?).await
}

/// The editor for a new post (`id` 0) or one of the caller's.
#[server(prefix = "/api", endpoint = "jobs/editor")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn load_post_editor(id: i64) -> Result<PostEditor, AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Enterprise])?;
    super::store::editor(&crate::db::use_db()?, &caller, (id > 0).then_some(id)).await
}

/// Saves a new post (`id` 0) or changes to one of the caller's; it goes to staff review.
#[server(prefix = "/api", endpoint = "jobs/save")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn save_post(id: i64, version: i64, draft: PostDraft) -> Result<i64, AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Enterprise])?;
    let db = crate::db::use_db()?;
    let offered = super::store::industry_offered(&db, draft.industry.trim()).await?;
    let post = draft.validate(crate::common::date::today(), |_| offered)?;
    let id = super::store::save(&db, &caller, (id > 0).then_some(id), version, &post).await?;
    leptos_axum::redirect("/employer/jobs");
    crate::notice::announce(crate::notice::Done::PostSaved);
    Ok(id)
}

/// The enterprise closes (`open` false) or reopens one of its posts.
#[server(prefix = "/api", endpoint = "jobs/set_open")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn set_post_open(id: i64, version: i64, open: bool) -> Result<(), AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Enterprise])?;
    super::store::set_open(&crate::db::use_db()?, &caller, id, version, open).await?;
    crate::notice::announce(crate::notice::Done::PostOpenChanged);
    Ok(())
}

/// The calling enterprise's posts.
#[server(prefix = "/api", endpoint = "jobs/mine")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn my_posts(page: u32) -> Result<OwnPostPage, AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Enterprise])?;
    let (items, has_more) =
        super::store::own_posts(&crate::db::use_db()?, caller.account_id, page).await?;
    Ok(OwnPostPage {
        items,
        page,
        has_more,
    })
}

/// Staff: posts waiting for review.
#[server(prefix = "/api", endpoint = "jobs/review_queue")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn post_review_queue(page: u32) -> Result<OwnPostPage, AppError> {
    use crate::accounts::{access, model::Role};
    access::require(&[Role::Staff, Role::Admin])?;
    let (items, has_more) = super::store::review_queue(&crate::db::use_db()?, page).await?;
    Ok(OwnPostPage {
        items,
        page,
        has_more,
    })
}

/// Staff approve a post or send it back with a reason.
#[server(prefix = "/api", endpoint = "jobs/review")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn review_post(
    id: i64,
    version: i64,
    decision: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use crate::accounts::{access, model::Role};
    let staff = access::require(&[Role::Staff, Role::Admin])?;
    let decision = ReviewDecision::parse(&decision)
        .ok_or_else(|| AppError::invalid("decision", "err_internal"))?;
    let note = crate::error::check_reason("note", &note, decision == ReviewDecision::SendBack)?;
    super::store::review(&crate::db::use_db()?, &staff, id, version, decision, &note).await?;
    crate::notice::announce(crate::notice::Done::PostReviewed);
    Ok(())
}

/// The candidates for one of the calling enterprise's posts.
#[server(prefix = "/api", endpoint = "jobs/candidates")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn post_candidates(post_id: i64) -> Result<Candidates, AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Enterprise, Role::Staff, Role::Admin])?;
    super::store::candidates(&crate::db::use_db()?, &caller, post_id).await
}

/// The enterprise shortlists, declines or hires a candidate.
#[server(prefix = "/api", endpoint = "jobs/decide")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn decide_candidate(
    id: i64,
    version: i64,
    action: String,
    #[server(default)] message: String,
) -> Result<ApplicationState, AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Enterprise])?;
    let message = crate::error::check_reason("message", &message, false)?;
    let answer = super::store::decide_candidate(
        &crate::db::use_db()?,
        &caller,
        id,
        version,
        &action,
        &message,
    )
    .await?;
    crate::notice::announce(crate::notice::Done::CandidateDecided);
    Ok(answer)
}

/// The calling talent's applications.
#[server(prefix = "/api", endpoint = "jobs/applications")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn my_applications() -> Result<Vec<MyApplication>, AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Talent])?;
    super::store::my_applications(&crate::db::use_db()?, caller.account_id).await
}

/// The talent withdraws an application that is still undecided.
#[server(prefix = "/api", endpoint = "jobs/withdraw")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn withdraw_application(id: i64, version: i64) -> Result<(), AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Talent])?;
    super::store::withdraw(&crate::db::use_db()?, &caller, id, version).await?;
    crate::notice::announce(crate::notice::Done::ApplicationWithdrawn);
    Ok(())
}

/// The hired talent lets the hub record the enterprise as their employer.
#[server(prefix = "/api", endpoint = "jobs/record_employer")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn record_employer(id: i64) -> Result<(), AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Talent])?;
    super::store::record_employer(&crate::db::use_db()?, &caller, id).await?;
    crate::notice::announce(crate::notice::Done::EmployerRecorded);
    Ok(())
}

#[server(prefix = "/api", endpoint = "jobs/alerts")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn my_job_alerts() -> Result<Vec<JobAlert>, AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Talent])?;
    super::store::my_alerts(&crate::db::use_db()?, caller.account_id).await
}

/// Saves the board search as a job alert.
#[server(prefix = "/api", endpoint = "jobs/alerts/save")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn save_job_alert(query: BoardQuery) -> Result<(), AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Talent])?;
    let db = crate::db::use_db()?;
    if !query.industry.is_empty() && !super::store::industry_offered(&db, &query.industry).await? {
        return Err(AppError::invalid("industry", "err_choice"));
    }
    if query.q.chars().count() > 50 {
        return Err(AppError::invalid("q", "err_too_long"));
    }
    super::store::save_alert(&db, caller.account_id, &query).await?;
    crate::notice::announce(crate::notice::Done::AlertSaved);
    Ok(())
}

#[server(prefix = "/api", endpoint = "jobs/alerts/delete")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn delete_job_alert(id: i64) -> Result<(), AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Talent])?;
    super::store::delete_alert(&crate::db::use_db()?, caller.account_id, id).await?;
    crate::notice::announce(crate::notice::Done::AlertDeleted);
    Ok(())
}

/// Administrators: add an industry to the managed list, or rename or retire one. Retired
/// industries are not offered for new posts; posts that have one keep it.
#[server(prefix = "/api", endpoint = "jobs/industries/save")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn save_industry(
    code: String,
    name_zh: String,
    name_en: String,
    #[server(default)] active: String,
) -> Result<(), AppError> {
    use crate::accounts::{access, model::Role};
    let admin = access::require(&[Role::Admin])?;
    let code = code.trim();
    // Industry codes follow the same rule as form field keys (lower case, digits, `_`).
    if !crate::editing::valid_field_key(code) {
        return Err(AppError::invalid("code", "err_industry_code"));
    }
    let (zh, en) = (name_zh.trim(), name_en.trim());
    for (field, name) in [("name_zh", zh), ("name_en", en)] {
        if name.is_empty() {
            return Err(AppError::invalid(field, "err_required"));
        }
        if name.chars().count() > 40 {
            return Err(AppError::invalid(field, "err_too_long"));
        }
    }
    super::store::save_industry(&crate::db::use_db()?, &admin, code, zh, en, active == "on")
        .await?;
    crate::notice::announce(crate::notice::Done::IndustrySaved);
    Ok(())
}
