//! Bundle server functions. The guide is public; an application is its applicant's, and
//! the office's once submitted (`store::view` checks who may see *that* application).
use super::model::*;
use crate::cases::model::Answers;
use crate::error::AppError;
use leptos::prelude::*;

/// Every bundle, for the services page.
#[server(prefix = "/api", endpoint = "bundles/list")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn bundle_list() -> Result<Vec<Bundle>, AppError> {
    super::store::all(&crate::db::use_db()?).await
}

/// A bundle's guide; for a signed-in talent also what they qualify for, item by item.
#[server(prefix = "/api", endpoint = "bundles/guide")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn load_bundle_guide(code: String) -> Result<BundleGuide, AppError> {
    let caller = crate::accounts::access::caller();
    super::store::guide(&crate::db::use_db()?, &code, caller.as_ref()).await
}

/// Starts (or reopens) the caller's application for a bundle and opens it.
#[server(prefix = "/api", endpoint = "bundles/start")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn start_bundle(code: String) -> Result<i64, AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Talent])?;
    let id = super::store::start(&crate::db::use_db()?, &caller, &code).await?;
    leptos_axum::redirect(&format!("/bundles/applications/{id}"));
    Ok(id)
}

/// A bundle application as the caller may see it.
#[server(prefix = "/api", endpoint = "bundles/application")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn load_bundle_application(id: i64) -> Result<BundleApplication, AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    super::store::view(&crate::db::use_db()?, id, &caller).await
}

/// Saves the one form's answers. `next` (`review` or empty) says where to go on: "check
/// your answers", checked first so mistakes are fixed on the form, or back to the form.
#[server(prefix = "/api", endpoint = "bundles/save")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn save_bundle_application(
    id: i64,
    version: i64,
    #[server(default)] answers: Answers,
    #[server(default)] next: String,
) -> Result<i64, AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    let db = crate::db::use_db()?;
    let version = super::store::save_answers(&db, id, &caller, &answers, version).await?;
    if next == "review" {
        super::store::check_answers(&db, id, &caller).await?;
        leptos_axum::redirect(&format!("/bundles/applications/{id}/review"));
    } else {
        crate::notice::announce(crate::notice::Done::DraftSaved);
    }
    Ok(version)
}

/// Submits every case of the application at once (all or none) and gives the bundle its
/// number. Submitting again changes nothing and answers with the same number.
#[server(prefix = "/api", endpoint = "bundles/submit")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn submit_bundle_application(id: i64, version: i64) -> Result<String, AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    let db = crate::db::use_db()?;
    let current = super::store::view(&db, id, &caller).await?;
    let number = match (current.state, current.number) {
        (BundleState::Submitted, Some(number)) => number,
        _ => {
            let number = super::store::submit(&db, id, &caller, version).await?;
            crate::notice::announce(crate::notice::Done::BundleSubmitted);
            number
        }
    };
    leptos_axum::redirect(&format!("/bundles/applications/{id}"));
    Ok(number)
}
