//! Calendar server functions: administrators read and change the special days.
use super::model::SpecialDay;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "admin/calendar/year")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn calendar_year(year: i32) -> Result<Vec<SpecialDay>, AppError> {
    use crate::accounts::{access, model::Role};
    access::require(&[Role::Admin])?;
    super::store::list_year(&crate::db::use_db()?, year).await
}

/// Marks `day` (`YYYY-MM-DD`) as a day off (`working` empty) or a working day (`working`
/// = `on`), with what it is in both languages. Cases already accepted keep their due dates.
#[server(prefix = "/api", endpoint = "admin/calendar/set")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn set_calendar_day(
    day: String,
    working: Option<String>,
    note_zh: String,
    note_en: String,
) -> Result<(), AppError> {
    use crate::accounts::{access, model::Role};
    use crate::common::date::Date;
    access::require(&[Role::Admin])?;
    let day = Date::parse(&day).ok_or_else(|| AppError::invalid("day", "err_date_invalid"))?;
    if note_zh.trim().is_empty() {
        return Err(AppError::invalid("note_zh", "err_required"));
    }
    if note_en.trim().is_empty() {
        return Err(AppError::invalid("note_en", "err_required"));
    }
    let special = SpecialDay {
        day,
        working: working.as_deref() == Some("on"),
        note: crate::common::text::Text::new(note_zh.trim(), note_en.trim()),
    };
    super::store::put(&crate::db::use_db()?, &special).await?;
    crate::notice::announce(crate::notice::Done::CalendarDaySaved);
    Ok(())
}

/// Makes `day` an ordinary day again.
#[server(prefix = "/api", endpoint = "admin/calendar/clear")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn clear_calendar_day(day: String) -> Result<(), AppError> {
    use crate::accounts::{access, model::Role};
    use crate::common::date::Date;
    access::require(&[Role::Admin])?;
    let day = Date::parse(&day).ok_or_else(|| AppError::invalid("day", "err_date_invalid"))?;
    if super::store::remove(&crate::db::use_db()?, day).await? {
        crate::notice::announce(crate::notice::Done::CalendarDayCleared);
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
