//! The staff search server function. Searches by phone or ID number are audited (the kind
//! of search, never the number).
use super::model::*;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "search")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn staff_search(q: String) -> Result<SearchResults, AppError> {
    use crate::accounts::{access, model::Role};
    use crate::audit::{model::*, store::*};
    let caller = access::require(&[Role::Staff, Role::Admin])?;
    let db = crate::db::use_db()?;
    let Some(query) = read_query(&q) else {
        return Ok(SearchResults::default());
    };
    if query.audit_label().is_some() {
        // Audited: only when asked for from the hub's own pages.
        refuse_other_sites()?;
    }
    let results = super::store::search(&db, &query).await?;
    if let Some(kind) = query.audit_label() {
        let detail = format!("{kind} people={}", results.people.len());
        record_alone(
            &db,
            AuditEvent {
                actor_id: Some(caller.account_id),
                actor_label: "",
                action: AuditAction::PersonSearch,
                subject_id: None,
                ip: &access::client_ip(),
                outcome: Outcome::Success,
                detail: &detail,
            },
        )
        .await?;
    }
    Ok(results)
}
