//! Reading the audit log (administrators only).
use super::model::AuditPage;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api/audit", endpoint = "list")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn audit_log(page: u32, action: String) -> Result<AuditPage, AppError> {
    use crate::accounts::{access, model::Role};
    access::require(&[Role::Admin])?;
    let db = crate::db::use_db()?;
    let action = super::model::AuditAction::parse(&action);
    super::store::list(&db, page, action).await
}
