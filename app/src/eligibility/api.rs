//! The eligibility check: public, no account needed.
use crate::catalogue::model::ServiceSummary;
use crate::eligibility::model::{Evaluation, Profile};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One item's answer for the profile checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemEligibility {
    pub item: ServiceSummary,
    pub evaluation: Evaluation,
}

/// Orders results for reading: eligible first, then "more information needed", then not
/// eligible; the highest amount first within each group.
#[cfg(feature = "ssr")]
fn rank(mut results: Vec<ItemEligibility>) -> Vec<ItemEligibility> {
    use crate::eligibility::model::Verdict;
    let group = |v: Verdict| match v {
        Verdict::Eligible => 0,
        Verdict::NeedMoreInformation => 1,
        Verdict::NotEligible => 2,
    };
    results.sort_by(|a, b| {
        group(a.evaluation.verdict)
            .cmp(&group(b.evaluation.verdict))
            .then(
                b.item
                    .max_amount_fen
                    .unwrap_or(0)
                    .cmp(&a.item.max_amount_fen.unwrap_or(0)),
            )
            .then(a.item.code.cmp(&b.item.code))
    });
    results
}

/// Checks `profile` against every published item for talents. Eligible items come first,
/// then those needing more information, then the rest; by amount within each group.
#[server(prefix = "/api", endpoint = "eligibility/check")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn check_eligibility(profile: Profile) -> Result<Vec<ItemEligibility>, AppError> {
    let db = crate::db::use_db()?;
    eligibility_for(&db, &profile).await
}

/// Every published talent item checked against `profile`, ranked for reading.
#[cfg(feature = "ssr")]
pub async fn eligibility_for(
    db: &crate::db::Db,
    profile: &Profile,
) -> Result<Vec<ItemEligibility>, AppError> {
    use crate::catalogue::model::Applicant;
    let today = crate::common::date::today_in_china(crate::db::now_ms());
    let items = crate::catalogue::store::all_published(db).await?;
    Ok(rank(
        items
            .into_iter()
            .filter(|item| item.applicant == Applicant::Talent)
            .map(|item| ItemEligibility {
                evaluation: crate::eligibility::model::evaluate(&item.rules, profile, today),
                item: item.summary_card(),
            })
            .collect(),
    ))
}
