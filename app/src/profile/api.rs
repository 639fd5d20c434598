//! The talent's own profile, and what it qualifies for. Only the talent reads and writes it.
use super::model::TalentProfile;
use crate::eligibility::api::ItemEligibility;
use crate::error::AppError;
use leptos::prelude::*;

/// The caller's profile (empty, version 0, before the first save).
#[server(prefix = "/api/profile", endpoint = "load")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn load_profile() -> Result<TalentProfile, AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Talent])?;
    let db = crate::db::use_db()?;
    Ok(super::store::load(&db, caller.account_id)
        .await?
        .map(|(profile, _)| profile)
        .unwrap_or(TalentProfile {
            id_type: "mainland".into(),
            ..TalentProfile::default()
        }))
}

/// Saves the caller's profile. `id_number` empty keeps the stored one; a mainland ID number
/// is checked (check character, birth date) and gives the birth date. `version` is the one
/// read (0 for a first save): a change made meanwhile elsewhere is refused.
#[server(prefix = "/api/profile", endpoint = "save")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn save_profile(form: TalentProfile, id_number: String) -> Result<(), AppError> {
    use super::model::*;
    use crate::accounts::{access, model::Role, model::normalize_name};
    use crate::common::date::{Date, today_in_china};
    use crate::eligibility::model::{Education, Industry, TalentTier};
    let caller = access::require(&[Role::Talent])?;
    let db = crate::db::use_db()?;
    let today = today_in_china(crate::db::now_ms());
    let full_name = normalize_name("full_name", &form.full_name)?;
    let id_type =
        IdType::parse(&form.id_type).ok_or(AppError::invalid("id_type", "err_required"))?;
    let stored = super::store::load(&db, caller.account_id).await?;
    let mut birth_date = Date::parse(&form.birth_date);
    if !form.birth_date.trim().is_empty() && birth_date.is_none() {
        return Err(AppError::invalid("birth_date", "err_date_invalid"));
    }
    let id_number = match (id_number.trim(), &stored) {
        ("", Some((_, number))) => number.clone(),
        ("", None) => String::new(),
        (typed, _) => match id_type {
            IdType::Mainland => {
                let id = parse_mainland_id(typed, today)?;
                birth_date = Some(id.birth_date);
                id.number
            }
            IdType::Passport => normalize_passport(typed)?,
        },
    };
    let optional_date = |field: &'static str, text: &str| -> Result<Option<String>, AppError> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        Date::parse(text)
            .filter(|d| *d <= today || field == "graduation_date")
            .map(|d| Some(d.to_string()))
            .ok_or(AppError::invalid(field, "err_date_invalid"))
    };
    let graduation_date = optional_date("graduation_date", &form.graduation_date)?;
    let flag = |v: &str| match v {
        "yes" => Some(1i64),
        "no" => Some(0i64),
        _ => None,
    };
    let choice = |value: &str, known: bool| (!value.is_empty() && known).then(|| value.to_string());
    let bounded = |field: &'static str, text: &str| -> Result<String, AppError> {
        let text = text.trim();
        if text.chars().count() > 100 {
            Err(AppError::invalid(field, "err_too_long"))
        } else {
            Ok(text.to_string())
        }
    };
    let values = super::store::ProfileValues {
        full_name,
        id_type: id_type.as_str(),
        id_number,
        birth_date: birth_date.map(|d| d.to_string()),
        nationality: bounded("nationality", &form.nationality)?,
        education: choice(&form.education, Education::parse(&form.education).is_some()),
        university: bounded("university", &form.university)?,
        major: bounded("major", &form.major)?,
        graduation_date,
        employer_name: bounded("employer_name", &form.employer_name)?,
        employer_in_district: flag(&form.employer_in_district),
        first_employment: flag(&form.first_employment),
        industry: choice(&form.industry, Industry::parse(&form.industry).is_some()),
        tier: choice(&form.tier, TalentTier::parse(&form.tier).is_some()),
    };
    // The first save must start from version 0; later ones from the version read.
    if stored.is_none() && form.version != 0 {
        return Err(AppError::Conflict);
    }
    let mut tx = db.begin_write().await?;
    if !super::store::save(&mut tx, caller.account_id, &values, form.version).await? {
        return Err(AppError::Conflict);
    }
    crate::search::store::index_id_number(&mut tx, caller.account_id, &values.id_number).await?;
    tx.commit().await?;
    crate::notice::announce(crate::notice::Done::ProfileSaved);
    Ok(())
}

/// What the caller's profile qualifies for ("you may apply for …").
#[server(prefix = "/api/profile", endpoint = "eligibility")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn my_eligibility() -> Result<Vec<ItemEligibility>, AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Talent])?;
    let db = crate::db::use_db()?;
    let facts = super::store::load(&db, caller.account_id)
        .await?
        .map(|(profile, _)| profile.facts())
        .unwrap_or_default();
    crate::eligibility::api::eligibility_for(&db, &facts).await
}
