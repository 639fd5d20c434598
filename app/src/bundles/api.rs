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

/// The offered bundles checked against facts typed into the eligibility check (nothing is
/// stored; no account needed).
#[server(prefix = "/api", endpoint = "bundles/fit")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn bundle_fits(
    profile: crate::eligibility::model::Profile,
) -> Result<Vec<BundleFit>, AppError> {
    super::store::fits(&crate::db::use_db()?, &profile).await
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

/// Every bundle with where it stands, for the catalogue editor.
#[server(prefix = "/api", endpoint = "admin/bundles/list")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn admin_bundles() -> Result<Vec<crate::editing::AdminEntry>, AppError> {
    use crate::accounts::{access, model::Role};
    access::require(&[Role::Admin])?;
    super::store::admin_list(&crate::db::use_db()?).await
}

/// A bundle opened in the editor; an empty `code` opens a new, blank one.
#[server(prefix = "/api", endpoint = "admin/bundles/load")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn bundle_for_edit(code: String) -> Result<BundleEditing, AppError> {
    use crate::accounts::{access, model::Role};
    use crate::editing::{EditStatus, Editing};
    access::require(&[Role::Admin])?;
    let db = crate::db::use_db()?;
    let editing = if code.is_empty() {
        Editing {
            code,
            draft: BundleDraft::default(),
            revision: 0,
            status: EditStatus::Draft,
            has_draft: true,
            is_demo: false,
        }
    } else {
        super::store::load_for_edit(&db, &code)
            .await?
            .ok_or(AppError::NotFound)?
    };
    let choices = super::store::item_choices_for(&db, &editing.draft).await?;
    Ok(BundleEditing { editing, choices })
}

/// The bundle editor's buttons: save the draft, publish it, retire or restore the bundle
/// (see `edit_service`, which works the same way). Every act but saving is audited.
#[server(prefix = "/api", endpoint = "admin/bundles/edit")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn edit_bundle(
    code: String,
    revision: i64,
    intent: String,
    #[server(default)] draft: BundleDraft,
) -> Result<crate::editing::Saved, AppError> {
    use crate::accounts::{access, model::Role};
    use crate::audit::model::AuditAction;
    use crate::editing::Intent;
    use crate::editing::store::audit;
    let admin = access::require(&[Role::Admin])?;
    let db = crate::db::use_db()?;
    let done = intent;
    let intent = Intent::parse(&done).ok_or_else(|| AppError::invalid("intent", "err_internal"))?;
    let mut draft = draft;
    if !code.is_empty() {
        draft.code = code.clone();
    }
    let existing = (!code.is_empty()).then_some(code.as_str());
    let saved = super::store::save_draft(&db, existing, &draft, revision, admin.account_id).await?;
    if code.is_empty() {
        leptos_axum::redirect(&format!("/admin/bundles/{}/edit", saved.code));
    }
    let subject = format!("bundle {}", saved.code);
    let saved = match intent {
        Intent::Publish => {
            let is_demo = super::store::load_for_edit(&db, &saved.code)
                .await?
                .is_some_and(|e| e.is_demo);
            let bundle = draft.to_bundle(is_demo)?;
            let published =
                super::store::publish(&db, &bundle, Some(admin.account_id), Some(saved.revision))
                    .await?;
            audit(&db, &admin, AuditAction::ContentPublished, &subject).await?;
            published
        }
        Intent::Retire | Intent::Restore => {
            let retire = intent == Intent::Retire;
            let changed = super::store::set_retired(
                &db,
                &saved.code,
                retire,
                saved.revision,
                admin.account_id,
            )
            .await?;
            let action = if retire {
                AuditAction::ContentRetired
            } else {
                AuditAction::ContentRestored
            };
            audit(&db, &admin, action, &subject).await?;
            changed
        }
        Intent::Save | Intent::Add(_) | Intent::Remove(..) => saved,
    };
    let saved = crate::editing::Saved { done, ..saved };
    if let Some(said) = saved.said() {
        crate::notice::announce(said);
    }
    Ok(saved)
}
