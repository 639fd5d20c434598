//! Concern server functions. Anyone may raise a concern (visitors leave a name and an
//! e-mail address); only its requester and staff may read it or act on it.
use super::model::*;
use crate::error::AppError;
use leptos::prelude::*;

/// Raises a concern and opens its page (visitors get its number: they cannot sign in to
/// read it, and the answers come by e-mail).
#[server(prefix = "/api", endpoint = "concerns/raise")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn raise_concern(form: ConcernForm) -> Result<String, AppError> {
    use super::store::Requester;
    use crate::accounts::access;
    use crate::accounts::model::{normalize_email, normalize_name};
    let concern = form.validate()?;
    let db = crate::db::use_db()?;
    match access::caller() {
        Some(caller) => {
            // The hourly limit is claimed with the concern (`store::raise`), so a refused
            // one (a repeat, a bad appeal) does not use it up.
            let (id, number) =
                super::store::raise(&db, Requester::Account(&caller), &concern).await?;
            leptos_axum::redirect(&format!("/concerns/{id}"));
            Ok(number)
        }
        None => {
            let name = normalize_name("form[name]", &form.name)?;
            let email = normalize_email(&form.email)
                .map_err(|e| AppError::invalid("form[email]", e.message))?;
            let ip = access::client_ip();
            let requester = Requester::Visitor {
                name: &name,
                email: &email,
                ip: &ip,
            };
            let (_, number) = super::store::raise(&db, requester, &concern).await?;
            leptos_axum::redirect(&format!("/concerns/new?raised={number}"));
            Ok(number)
        }
    }
}

/// A concern with its thread, as the caller may see it.
#[server(prefix = "/api", endpoint = "concerns/detail")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn load_concern(id: i64) -> Result<ConcernDetail, AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    super::store::detail(&crate::db::use_db()?, id, &caller).await
}

/// Reply, note, transfer or close (staff); confirm or reopen (the requester).
#[server(prefix = "/api", endpoint = "concerns/act")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn act_on_concern(
    id: i64,
    version: i64,
    action: String,
    #[server(default)] text: String,
    #[server(default)] department: String,
    #[server(default)] template: i64,
) -> Result<ConcernState, AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    let action =
        ConcernAction::parse(&action).ok_or_else(|| AppError::invalid("action", "err_internal"))?;
    // Without JavaScript a chosen template arrives instead of the text it would have filled.
    let text = if text.trim().is_empty() && template > 0 && caller.role.is_office() {
        super::store::filled_template(&crate::db::use_db()?, template, id).await?
    } else {
        text
    };
    let answer = super::store::act(
        &crate::db::use_db()?,
        id,
        super::store::Who::Account(&caller),
        version,
        action,
        &text,
        department.trim(),
    )
    .await?;
    crate::notice::announce(crate::notice::Done::ConcernUpdated);
    Ok(answer)
}

/// The requester rates the answer.
#[server(prefix = "/api", endpoint = "concerns/rate")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn rate_concern(
    id: i64,
    version: i64,
    rating: i64,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    super::store::rate(
        &crate::db::use_db()?,
        id,
        super::store::Who::Account(&caller),
        version,
        rating,
        &comment,
    )
    .await?;
    crate::notice::announce(crate::notice::Done::RatingSent);
    Ok(())
}

/// The caller's own concerns.
#[server(prefix = "/api", endpoint = "concerns/mine")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn my_concerns(page: u32) -> Result<ConcernPage, AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    super::store::mine(&crate::db::use_db()?, &caller, page).await
}

/// Staff: concerns owed an answer (`open`), the caller's own of those (`mine`), `overdue`,
/// or `all`.
#[server(prefix = "/api", endpoint = "concerns/desk")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn concern_desk(filter: String, page: u32) -> Result<ConcernPage, AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Staff, Role::Admin])?;
    super::store::desk(&crate::db::use_db()?, caller.account_id, &filter, page).await
}

/// The caller's cases that can be appealed (submitted ones), for the form's choice.
#[server(prefix = "/api", endpoint = "concerns/appealable")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn appealable_cases() -> Result<Vec<(i64, String)>, AppError> {
    let caller = crate::accounts::access::require_signed_in()?;
    super::store::appealable(&crate::db::use_db()?, caller.account_id).await
}

/// Staff: the reply templates.
#[server(prefix = "/api", endpoint = "concerns/templates")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn reply_templates() -> Result<Vec<ReplyTemplate>, AppError> {
    use crate::accounts::{access, model::Role};
    access::require(&[Role::Staff, Role::Admin])?;
    super::store::templates(&crate::db::use_db()?).await
}

/// Staff: adds a template (`id` 0) or changes one. A title and a text are needed in at
/// least one language.
#[server(prefix = "/api", endpoint = "concerns/templates/save")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn save_reply_template(
    id: i64,
    version: i64,
    title_zh: String,
    title_en: String,
    body_zh: String,
    body_en: String,
) -> Result<(), AppError> {
    use crate::accounts::{access, model::Role};
    use crate::common::text::Text;
    let staff = access::require(&[Role::Staff, Role::Admin])?;
    let title = Text::new(title_zh.trim(), title_en.trim());
    let body = Text::new(body_zh.trim(), body_en.trim());
    if (title.zh.is_empty() || body.zh.is_empty()) && (title.en.is_empty() || body.en.is_empty()) {
        return Err(AppError::invalid("title_zh", "err_post_language"));
    }
    for (field, text, max) in [
        ("title_zh", &title.zh, MAX_SUBJECT),
        ("title_en", &title.en, MAX_SUBJECT),
        ("body_zh", &body.zh, MAX_TEXT),
        ("body_en", &body.en, MAX_TEXT),
    ] {
        if text.chars().count() > max {
            return Err(AppError::invalid(field, "err_too_long"));
        }
    }
    super::store::save_template(&crate::db::use_db()?, &staff, id, version, &title, &body).await?;
    crate::notice::announce(crate::notice::Done::TemplateSaved);
    Ok(())
}

#[server(prefix = "/api", endpoint = "concerns/templates/delete")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn delete_reply_template(id: i64) -> Result<(), AppError> {
    use crate::accounts::{access, model::Role};
    access::require(&[Role::Staff, Role::Admin])?;
    super::store::delete_template(&crate::db::use_db()?, id).await?;
    crate::notice::announce(crate::notice::Done::TemplateDeleted);
    Ok(())
}
