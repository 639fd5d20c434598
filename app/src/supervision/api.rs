//! Supervision server functions: administrators only.
use super::model::*;
use crate::error::AppError;
use leptos::prelude::*;

/// Staff load and the open work matching `query`.
#[server(prefix = "/api", endpoint = "supervision/view")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn supervision_view(query: WorkQuery) -> Result<WorkOverview, AppError> {
    use crate::accounts::{access, model::Role};
    access::require(&[Role::Admin])?;
    let db = crate::db::use_db()?;
    let load = super::store::load(&db).await?;
    let (items, truncated) = super::store::items(&db, &query).await?;
    Ok(WorkOverview {
        load,
        items,
        truncated,
    })
}

/// Gives the picked items (`id:version` each) to `assignee`; nothing moves if any of them
/// changed since the list was read.
#[server(prefix = "/api", endpoint = "supervision/reassign")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn reassign_work(
    kind: String,
    #[server(default)] picked: Vec<String>,
    assignee: String,
) -> Result<usize, AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Admin])?;
    let picked = parse_picked(&picked)?;
    let assignee: i64 = assignee
        .parse()
        .map_err(|_| AppError::invalid("assignee", "err_assignee"))?;
    let answer = super::store::reassign(
        &crate::db::use_db()?,
        &caller,
        WorkKind::parse(&kind).ok_or_else(|| AppError::invalid("kind", "err_internal"))?,
        &picked,
        assignee,
    )
    .await?;
    crate::notice::announce(crate::notice::Done::WorkReassigned);
    Ok(answer)
}
