//! The talent's own profile, and what it qualifies for. Only the talent reads and writes it.
use super::model::TalentProfile;
use crate::eligibility::api::ItemEligibility;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
#[derive(sqlx::FromRow)]
struct Row {
    full_name: String,
    id_type: String,
    id_number: String,
    birth_date: Option<String>,
    nationality: String,
    education: Option<String>,
    university: String,
    major: String,
    graduation_date: Option<String>,
    employer_name: String,
    employer_in_district: Option<i64>,
    first_employment: Option<i64>,
    industry: Option<String>,
    tier: Option<String>,
    version: i64,
}

/// The profile of `account_id`, with its ID number decrypted (kept on the server).
#[cfg(feature = "ssr")]
pub(crate) async fn load(
    db: &crate::db::Db,
    account_id: i64,
) -> Result<Option<(TalentProfile, String)>, AppError> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT full_name, id_type, id_number, birth_date, nationality, education, university, major, \
         graduation_date, employer_name, employer_in_district, first_employment, industry, tier, version \
         FROM talent_profiles WHERE account_id = $1",
    )
    .bind(account_id)
    .fetch_optional(db.reader())
    .await?;
    let flag = |v: Option<i64>| match v {
        Some(1) => "yes".to_string(),
        Some(_) => "no".to_string(),
        None => String::new(),
    };
    let Some(r) = row else {
        return Ok(None);
    };
    let id_number = super::store::open(account_id, &r.id_number)?;
    Ok(Some((
        TalentProfile {
            full_name: r.full_name,
            id_type: r.id_type,
            id_number_masked: super::model::mask_id(&id_number),
            birth_date: r.birth_date.unwrap_or_default(),
            nationality: r.nationality,
            education: r.education.unwrap_or_default(),
            university: r.university,
            major: r.major,
            graduation_date: r.graduation_date.unwrap_or_default(),
            employer_name: r.employer_name,
            employer_in_district: flag(r.employer_in_district),
            first_employment: flag(r.first_employment),
            industry: r.industry.unwrap_or_default(),
            tier: r.tier.unwrap_or_default(),
            version: r.version,
        },
        id_number,
    )))
}

/// The caller's profile (empty, version 0, before the first save).
#[server(prefix = "/api/profile", endpoint = "load")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn load_profile() -> Result<TalentProfile, AppError> {
    use crate::accounts::{access, model::Role};
    let caller = access::require(&[Role::Talent])?;
    let db = crate::db::use_db()?;
    Ok(load(&db, caller.account_id)
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
    let stored = load(&db, caller.account_id).await?;
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
    let now = crate::db::now_ms();
    let mut tx = db.begin_write().await?;
    let sql_values = (
        full_name,
        id_type.as_str(),
        id_number,
        birth_date.map(|d| d.to_string()),
        bounded("nationality", &form.nationality)?,
        choice(&form.education, Education::parse(&form.education).is_some()),
        bounded("university", &form.university)?,
        bounded("major", &form.major)?,
        graduation_date,
        bounded("employer_name", &form.employer_name)?,
    );
    let (name, kind, number, born, nationality, education, university, major, graduated, employer) =
        sql_values;
    let number_for_search = number.clone();
    // The first save must start from version 0; later ones from the version read.
    if stored.is_none() && form.version != 0 {
        return Err(AppError::Conflict);
    }
    let done = sqlx::query(
        "INSERT INTO talent_profiles (account_id, full_name, id_type, id_number, birth_date, nationality, \
         education, university, major, graduation_date, employer_name, employer_in_district, \
         first_employment, industry, tier, version, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $16) \
         ON CONFLICT (account_id) DO UPDATE SET full_name = excluded.full_name, \
         id_type = excluded.id_type, id_number = excluded.id_number, birth_date = excluded.birth_date, \
         nationality = excluded.nationality, education = excluded.education, \
         university = excluded.university, major = excluded.major, \
         graduation_date = excluded.graduation_date, employer_name = excluded.employer_name, \
         employer_in_district = excluded.employer_in_district, \
         first_employment = excluded.first_employment, industry = excluded.industry, \
         tier = excluded.tier, version = talent_profiles.version + 1, updated_at = excluded.updated_at \
         WHERE talent_profiles.version = $17",
    )
    .bind(caller.account_id)
    .bind(name)
    .bind(kind)
    .bind(super::store::seal(caller.account_id, &number)?)
    .bind(born)
    .bind(nationality)
    .bind(education)
    .bind(university)
    .bind(major)
    .bind(graduated)
    .bind(employer)
    .bind(flag(&form.employer_in_district))
    .bind(flag(&form.first_employment))
    .bind(choice(&form.industry, Industry::parse(&form.industry).is_some()))
    .bind(choice(&form.tier, TalentTier::parse(&form.tier).is_some()))
    .bind(now)
    .bind(form.version)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Err(AppError::Conflict);
    }
    crate::search::store::index_id_number(&mut tx, caller.account_id, &number_for_search).await?;
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
    let facts = load(&db, caller.account_id)
        .await?
        .map(|(profile, _)| profile.facts())
        .unwrap_or_default();
    crate::eligibility::api::eligibility_for(&db, &facts).await
}
