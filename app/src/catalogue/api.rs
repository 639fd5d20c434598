//! Catalogue server functions. Reading the catalogue is public.
use crate::catalogue::model::{CataloguePage, CatalogueQuery, ServiceItem, ServiceSummary};
use crate::error::AppError;
use leptos::prelude::*;

/// The items shown on the home page, highest amount first.
#[server(prefix = "/api", endpoint = "catalogue/featured")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn featured_services() -> Result<Vec<ServiceSummary>, AppError> {
    let db = crate::db::use_db()?;
    super::store::featured(&db, crate::catalogue::model::FEATURED_COUNT).await
}

/// A page of the public catalogue.
#[server(prefix = "/api", endpoint = "catalogue/search")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn search_catalogue(query: CatalogueQuery) -> Result<CataloguePage, AppError> {
    let db = crate::db::use_db()?;
    super::store::search(&db, &query).await
}

/// The whole guide of a published item.
#[server(prefix = "/api", endpoint = "catalogue/guide")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn service_guide(code: String) -> Result<ServiceItem, AppError> {
    let db = crate::db::use_db()?;
    super::store::find_published(&db, &code)
        .await?
        .ok_or(AppError::NotFound)
}

// ---- Administration: only administrators edit the catalogue. ----

/// Every item with where it stands.
#[server(prefix = "/api", endpoint = "admin/services/list")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn admin_services() -> Result<Vec<crate::editing::AdminEntry>, AppError> {
    use crate::accounts::{access, model::Role};
    access::require(&[Role::Admin])?;
    super::store::admin_list(&crate::db::use_db()?).await
}

/// An item opened in the editor; an empty `code` opens a new, blank item.
#[server(prefix = "/api", endpoint = "admin/services/load")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn service_for_edit(
    code: String,
) -> Result<crate::editing::Editing<super::draft::ItemDraft>, AppError> {
    use crate::accounts::{access, model::Role};
    use crate::editing::{EditStatus, Editing};
    access::require(&[Role::Admin])?;
    if code.is_empty() {
        return Ok(Editing {
            code,
            draft: super::draft::ItemDraft {
                category: "education".into(),
                applicant: "talent".into(),
                time_limit_days: "15".into(),
                ..Default::default()
            },
            revision: 0,
            status: EditStatus::Draft,
            has_draft: true,
            is_demo: false,
        });
    }
    super::store::load_for_edit(&crate::db::use_db()?, &code)
        .await?
        .ok_or(AppError::NotFound)
}

/// The editor's buttons: save the draft, add or remove a row, publish, retire, restore.
/// The draft is saved first whatever the button, so nothing typed is lost when publishing
/// is refused. `code` is empty for a new item; `revision` is the one the editor read.
#[server(prefix = "/api", endpoint = "admin/services/edit")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn edit_service(
    code: String,
    revision: i64,
    intent: String,
    draft: super::draft::ItemDraft,
) -> Result<crate::editing::Saved, AppError> {
    use crate::accounts::{access, model::Role};
    use crate::audit::model::AuditAction;
    use crate::editing::store::audit;
    use crate::editing::{Intent, edit_rows};
    let admin = access::require(&[Role::Admin])?;
    let db = crate::db::use_db()?;
    let done = intent;
    let intent = Intent::parse(&done).ok_or_else(|| AppError::invalid("intent", "err_internal"))?;
    let mut draft = draft;
    if !code.is_empty() {
        // The code of an existing item never changes: applications refer to it.
        draft.code = code.clone();
    }
    edit_rows(&mut draft.materials, "materials", &intent);
    edit_rows(&mut draft.fields, "fields", &intent);
    edit_rows(&mut draft.rules, "rules", &intent);
    let existing = (!code.is_empty()).then_some(code.as_str());
    let saved = super::store::save_draft(&db, existing, &draft, revision).await?;
    if code.is_empty() {
        // A new item continues in its own editor (also when JavaScript is off).
        leptos_axum::redirect(&format!("/admin/services/{}/edit", saved.code));
    }
    let result: Result<crate::editing::Saved, AppError> = match intent {
        Intent::Publish => {
            let is_demo = super::store::load_for_edit(&db, &saved.code)
                .await?
                .is_some_and(|e| e.is_demo);
            let item = draft.to_item(is_demo)?;
            check_basis(&db, &item).await?;
            let version =
                super::store::publish_as(&db, &item, Some(admin.account_id), Some(saved.revision))
                    .await?;
            audit(
                &db,
                &admin,
                AuditAction::ContentPublished,
                &format!("service {} v{version}", item.code),
            )
            .await?;
            let editing = super::store::load_for_edit(&db, &item.code)
                .await?
                .ok_or(AppError::Internal)?;
            Ok(crate::editing::Saved {
                code: item.code,
                revision: editing.revision,
                status: editing.status,
                done: String::new(),
            })
        }
        Intent::Retire | Intent::Restore => {
            let retire = intent == Intent::Retire;
            let changed =
                super::store::set_retired(&db, &saved.code, retire, saved.revision).await?;
            let action = if retire {
                AuditAction::ContentRetired
            } else {
                AuditAction::ContentRestored
            };
            audit(&db, &admin, action, &format!("service {}", saved.code)).await?;
            Ok(changed)
        }
        Intent::Save | Intent::Add(_) | Intent::Remove(..) => Ok(saved),
    };
    let saved = result.map(|saved| crate::editing::Saved { done, ..saved })?;
    if let Some(said) = saved.said() {
        crate::notice::announce(said);
    }
    Ok(saved)
}

/// An item must rest on a document of the policy library, and on one of its articles.
#[cfg(feature = "ssr")]
async fn check_basis(db: &crate::db::Db, item: &ServiceItem) -> Result<(), AppError> {
    let policy = crate::policies::store::find_published(db, &item.policy_code)
        .await?
        .ok_or_else(|| AppError::invalid("draft[policy_code]", "err_policy_unknown"))?;
    if policy.article(item.article).is_none() {
        return Err(AppError::invalid("draft[article]", "err_article_unknown"));
    }
    Ok(())
}
