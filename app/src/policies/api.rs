//! Policy library server functions. Reading is public; editing is for administrators.
use super::model::{PolicyDraft, PolicyPage, PolicyQuery, PolicyView};
use crate::editing::{AdminEntry, Editing, Saved};
use crate::error::AppError;
use leptos::prelude::*;

/// A page of the public library.
#[server(prefix = "/api", endpoint = "policies/search")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn search_policies(query: PolicyQuery) -> Result<PolicyPage, AppError> {
    let db = crate::db::use_db()?;
    let today = crate::common::date::today_in_china(crate::db::now_ms());
    super::store::search(&db, &query, today).await
}

/// A published document with the services that rest on it.
#[server(prefix = "/api", endpoint = "policies/document")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn policy_document(code: String) -> Result<PolicyView, AppError> {
    let db = crate::db::use_db()?;
    let policy = super::store::find_published(&db, &code)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut services: Vec<_> = crate::catalogue::store::all_published(&db)
        .await?
        .into_iter()
        .filter(|item| item.policy_code == policy.code)
        .map(|item| (item.article, item.code, item.name))
        .collect();
    services.sort();
    let today = crate::common::date::today_in_china(crate::db::now_ms());
    Ok(PolicyView {
        validity: policy.validity(today),
        policy,
        services,
    })
}

/// Every document with where it stands.
#[server(prefix = "/api", endpoint = "admin/policies/list")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn admin_policies() -> Result<Vec<AdminEntry>, AppError> {
    use crate::accounts::{access, model::Role};
    access::require(&[Role::Admin])?;
    super::store::admin_list(&crate::db::use_db()?).await
}

/// A document opened in the editor; an empty `code` opens a new, blank one.
#[server(prefix = "/api", endpoint = "admin/policies/load")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn policy_for_edit(code: String) -> Result<Editing<PolicyDraft>, AppError> {
    use crate::accounts::{access, model::Role};
    access::require(&[Role::Admin])?;
    if code.is_empty() {
        return Ok(Editing {
            code,
            draft: PolicyDraft {
                articles: vec![Default::default()],
                ..PolicyDraft::default()
            },
            revision: 0,
            status: crate::editing::EditStatus::Draft,
            has_draft: true,
            is_demo: false,
        });
    }
    super::store::load_for_edit(&crate::db::use_db()?, &code)
        .await?
        .ok_or(AppError::NotFound)
}

/// The editor's buttons (see `edit_service`, which works the same way).
#[server(prefix = "/api", endpoint = "admin/policies/edit")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn edit_policy(
    code: String,
    revision: i64,
    intent: String,
    draft: PolicyDraft,
) -> Result<Saved, AppError> {
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
        draft.code = code.clone();
    }
    edit_rows(&mut draft.articles, "articles", &intent);
    let existing = (!code.is_empty()).then_some(code.as_str());
    let saved = super::store::save_draft(&db, existing, &draft, revision).await?;
    if code.is_empty() {
        leptos_axum::redirect(&format!("/admin/policies/{}/edit", saved.code));
    }
    let result: Result<crate::editing::Saved, AppError> = match intent {
        Intent::Publish => {
            let is_demo = super::store::load_for_edit(&db, &saved.code)
                .await?
                .is_some_and(|e| e.is_demo);
            let policy = draft.to_policy(is_demo)?;
            let changed =
                super::store::publish(&db, &policy, Some(admin.account_id), Some(saved.revision))
                    .await?;
            audit(
                &db,
                &admin,
                AuditAction::ContentPublished,
                &format!("policy {}", policy.code),
            )
            .await?;
            Ok(changed)
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
            audit(&db, &admin, action, &format!("policy {}", saved.code)).await?;
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
