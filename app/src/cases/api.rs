//! Case server functions. Each checks who is calling and what they are to *that* case
//! (`store::party_of`); the state machine then decides whether the change is allowed.
use super::model::*;
use crate::error::AppError;
use leptos::prelude::*;

/// Starts (or reopens) the caller's application for a published item and opens it.
#[server(prefix = "/api", endpoint = "cases/start")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn start_application(code: String) -> Result<i64, AppError> {
    use crate::accounts::{access, model::Role};
    use crate::catalogue::model::Applicant;
    let caller = access::require(&[Role::Talent, Role::Enterprise])?;
    let db = crate::db::use_db()?;
    let (item, version) = crate::catalogue::store::find_published_version(&db, &code)
        .await?
        .ok_or(AppError::NotFound)?;
    let may_apply = match item.applicant {
        Applicant::Talent => caller.role == Role::Talent,
        Applicant::Enterprise => caller.role == Role::Enterprise,
    };
    if !may_apply {
        return Err(AppError::invalid("code", "err_wrong_applicant"));
    }
    let profile = crate::profile::store::load(&db, caller.account_id).await?;
    let answers = profile
        .as_ref()
        .map(|(p, _)| p.answers_for(&item.form))
        .unwrap_or_default();
    let id = crate::cases::store::start(&db, caller.account_id, &item, version, &answers).await?;
    leptos_axum::redirect(&format!("/cases/{id}"));
    Ok(id)
}

/// A case as the caller sees it.
#[server(prefix = "/api", endpoint = "cases/detail")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn load_case(id: i64) -> Result<CaseDetail, AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    let db = crate::db::use_db()?;
    let (row, party) = crate::cases::store::find_for(&db, id, &caller).await?;
    let mut detail = crate::cases::store::detail(&db, row, party, &caller).await?;
    let limit = detail.item.max_extension_days();
    detail.extensions = crate::extensions::store::of_case(&db, id, party, &caller, limit).await?;
    // A draft says which answers its applicant's profile gave (and still gives).
    if party == Party::Applicant
        && detail.summary.state == CaseState::Draft
        && let Some((profile, _)) = crate::profile::store::load(&db, caller.account_id).await?
    {
        detail.from_profile = profile
            .answers_for(&detail.item.form)
            .into_iter()
            .filter(|(key, value)| detail.answers.get(key) == Some(value))
            .map(|(key, _)| key)
            .collect();
    }
    Ok(detail)
}

/// Saves a draft application's answers. `next` (`review` or empty) says where to go on:
/// the "check your answers" page, or back to the form.
#[server(prefix = "/api", endpoint = "cases/save")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn save_application(
    id: i64,
    version: i64,
    #[server(default)] answers: Answers,
    #[server(default)] next: String,
) -> Result<i64, AppError> {
    use crate::catalogue::model::FieldKind;
    let caller = crate::accounts::access::require_signed_in()?;
    let db = crate::db::use_db()?;
    let (row, party) = crate::cases::store::find_for(&db, id, &caller).await?;
    if party != Party::Applicant {
        return Err(AppError::NotFound);
    }
    let item = crate::catalogue::store::find_version(&db, &row.item_code, row.item_version)
        .await?
        .ok_or(AppError::Internal)?;
    // Files are answered by uploading (see server::uploads), and a case the hub opened
    // for a hire takes the employment facts from the hire: the form never changes them,
    // the store keeps their answers as they are when it writes.
    let opened_for_hire = opened_for_hire(&db, id).await?;
    let from_hire = if opened_for_hire {
        taken_from_hire(&item.form)
    } else {
        vec![]
    };
    let (files, typed): (Vec<_>, Vec<_>) = item.form.iter().partition(|field| {
        matches!(field.kind, FieldKind::File) || from_hire.contains(&field.key.as_str())
    });
    let typed: Answers = typed
        .iter()
        .filter_map(|field| Some((field.key.clone(), answers.get(&field.key)?.clone())))
        .collect();
    let file_keys: Vec<&str> = files.iter().map(|field| field.key.as_str()).collect();
    let (version, saved) =
        crate::cases::store::save_answers(&db, id, caller.account_id, &typed, &file_keys, version)
            .await?;
    if next == "review" {
        // Checked now so the applicant fixes mistakes before the review page.
        check_answers(&applicant_form(&item.form, opened_for_hire), &saved)?;
        leptos_axum::redirect(&format!("/cases/{id}/review"));
    } else {
        crate::notice::announce(crate::notice::Done::DraftSaved);
    }
    Ok(version)
}

/// Submits a draft. Submitting again (a double click, a resubmitted form) changes
/// nothing and answers with the same case.
#[server(prefix = "/api", endpoint = "cases/submit")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn submit_application(
    id: i64,
    version: i64,
    // `on`: the applicant agrees to a case the hub opened for them (its answers came from
    // their profile and their employer's hire, not from them).
    #[server(default)] consent: String,
) -> Result<CaseSummary, AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    let db = crate::db::use_db()?;
    let (row, party) = crate::cases::store::find_for(&db, id, &caller).await?;
    if party != Party::Applicant {
        return Err(AppError::NotFound);
    }
    if row.state()? != CaseState::Draft && row.submitted_at.is_some() {
        leptos_axum::redirect(&format!("/cases/{id}"));
        return crate::cases::store::summary_of(&db, id).await;
    }
    if row.bundle_id.is_some() {
        return Err(AppError::invalid("id", "err_part_of_bundle"));
    }
    if consent != "on" && opened_for_hire(&db, id).await? {
        return Err(AppError::invalid("consent", "err_consent_required"));
    }
    let input = TransitionInput::default();
    crate::cases::store::transition(&db, id, &caller, Transition::Submit, &input, version).await?;
    leptos_axum::redirect(&format!("/cases/{id}"));
    let answer = crate::cases::store::summary_of(&db, id).await?;
    crate::notice::announce(crate::notice::Done::ApplicationSubmitted);
    Ok(answer)
}

/// Any other transition of the life cycle, by its name. `amount_yuan` for approvals.
#[server(prefix = "/api", endpoint = "cases/act")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn case_action(
    id: i64,
    version: i64,
    transition: String,
    #[server(default)] reason: String,
    #[server(default)] amount_yuan: String,
    #[server(default)] reference: String,
    #[server(default)] supplement: SupplementInput,
) -> Result<CaseSummary, AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    let db = crate::db::use_db()?;
    let transition = Transition::parse(&transition)
        .filter(|t| *t != Transition::Submit)
        .ok_or_else(|| AppError::invalid("transition", "err_internal"))?;
    let amount_fen = match amount_yuan.trim() {
        "" => None,
        text => Some(
            crate::format::parse_yuan(text)
                .ok_or_else(|| AppError::invalid("amount", "err_amount"))?,
        ),
    };
    let input = TransitionInput {
        reason,
        amount_fen,
        reference,
        supplement,
    };
    crate::cases::store::transition(&db, id, &caller, transition, &input, version).await?;
    let answer = crate::cases::store::summary_of(&db, id).await?;
    crate::notice::announce(crate::notice::Done::CaseActed);
    Ok(answer)
}

/// Staff take a case.
#[server(prefix = "/api", endpoint = "cases/claim")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn claim_case(id: i64, version: i64) -> Result<(), AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    let db = crate::db::use_db()?;
    crate::cases::store::assign(&db, id, &caller, caller.account_id, version).await?;
    crate::notice::announce(crate::notice::Done::CaseClaimed);
    Ok(())
}

/// Staff: an internal note.
#[server(prefix = "/api", endpoint = "cases/note")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn add_case_note(id: i64, text: String) -> Result<(), AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::invalid("text", "err_required"));
    }
    if text.chars().count() > REASON_MAX_CHARS {
        return Err(AppError::invalid("text", "err_too_long"));
    }
    crate::cases::store::add_note(&crate::db::use_db()?, id, &caller, text).await?;
    crate::notice::announce(crate::notice::Done::CaseNoteAdded);
    Ok(())
}

/// The applicant's rating: one of the five levels (5 非常满意 … 1 非常不满意), the optional
/// sub-scores on the same levels, and an optional comment.
#[server(prefix = "/api", endpoint = "cases/rate")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn rate_case(
    id: i64,
    rating: String,
    #[server(default)] aspects: crate::common::satisfaction::SubScoreInput,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    let rating = crate::common::satisfaction::check_level("rating", &rating)?;
    let aspects = aspects.check()?;
    if comment.chars().count() > REASON_MAX_CHARS {
        return Err(AppError::invalid("comment", "err_too_long"));
    }
    let db = crate::db::use_db()?;
    crate::cases::store::rate(&db, id, &caller, rating, aspects, comment.trim()).await?;
    crate::notice::announce(crate::notice::Done::RatingSent);
    Ok(())
}

/// The caller's own applications.
#[server(prefix = "/api", endpoint = "cases/mine")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn my_cases(page: u32) -> Result<CasePage, AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    crate::cases::store::mine(&crate::db::use_db()?, caller.account_id, page).await
}

/// An enterprise's confirmation requests.
#[server(prefix = "/api", endpoint = "cases/employer")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn employer_cases(page: u32) -> Result<CasePage, AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Enterprise])?;
    crate::cases::store::employer_inbox(&crate::db::use_db()?, caller.account_id, page).await
}

/// The staff queue.
#[server(prefix = "/api", endpoint = "cases/queue")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn case_queue(query: QueueQuery) -> Result<CasePage, AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Staff, Role::Admin])?;
    crate::cases::store::queue(&crate::db::use_db()?, caller.account_id, &query).await
}

/// Staff: how each service is rated, and the bad ratings to follow up.
#[server(prefix = "/api", endpoint = "cases/ratings")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn case_ratings() -> Result<RatingsOverview, AppError> {
    use crate::accounts::{access, model::Role};
    access::require(&[Role::Staff, Role::Admin])?;
    crate::cases::store::ratings(&crate::db::use_db()?).await
}

/// Whether the hub opened case `id` itself, for a hire recorded on the job board.
#[cfg(feature = "ssr")]
async fn opened_for_hire(db: &crate::db::Db, id: i64) -> Result<bool, AppError> {
    let mut conn = db.reader().acquire().await?;
    Ok(crate::cases::store::hub_opening_of(&mut conn, id)
        .await?
        .is_some())
}
