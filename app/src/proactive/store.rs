//! Telling talents who newly qualify (ssr only), run by the clock runner. Every step
//! claims its work with a conditional update, and the alert itself is a row keyed by
//! person and item, so runners on several servers never tell anyone twice.
use super::model::*;
use crate::catalogue::model::{Applicant, ServiceItem};
use crate::db::{Db, now_ms};
use crate::eligibility::model::{Profile, evaluate};
use crate::error::AppError;

/// One pass: notes items published in a new version, checks one batch of talents against
/// each item still being checked, and checks the profiles saved since their last check.
/// Returns how many talents were told of an item.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn run(db: &Db) -> Result<usize, AppError> {
    note_new_versions(db).await?;
    // Most minutes nothing changed: the items are read only when there is work.
    let (scans, profiles): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM qualification_scans WHERE done = 0), \
         (SELECT COUNT(*) FROM talent_profiles WHERE updated_at > qualification_checked_at)",
    )
    .fetch_one(db.reader())
    .await?;
    if scans == 0 && profiles == 0 {
        return Ok(0);
    }
    let items: Vec<ServiceItem> = crate::catalogue::store::all_published(db)
        .await?
        .into_iter()
        .filter(|item| item.applicant == Applicant::Talent)
        .collect();
    let mut told = 0;
    for item in &items {
        told += check_next_batch(db, item).await?;
    }
    told += check_saved_profiles(db, &items).await?;
    Ok(told)
}

/// An item published in a version not checked yet starts over from the first talent.
async fn note_new_versions(db: &Db) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO qualification_scans (item_code, version, checked_through, done) \
         SELECT code, version, 0, 0 FROM service_items WHERE published = 1 AND applicant = 'talent' \
         ON CONFLICT (item_code) DO UPDATE SET version = excluded.version, checked_through = 0, done = 0 \
         WHERE qualification_scans.version < excluded.version",
    )
    .execute(db.writer())
    .await?;
    Ok(())
}

/// The next batch of talents for `item`, if it is being checked: claimed by moving the
/// scan on from where it was read, so two runners never take the same batch.
async fn check_next_batch(db: &Db, item: &ServiceItem) -> Result<usize, AppError> {
    let scan: Option<(i64, i64)> = sqlx::query_as(
        "SELECT version, checked_through FROM qualification_scans WHERE item_code = $1 AND done = 0",
    )
    .bind(&item.code)
    .fetch_optional(db.reader())
    .await?;
    let Some((version, through)) = scan else {
        return Ok(0);
    };
    let talents: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM accounts WHERE role = 'talent' AND status = 'active' AND id > $1 ORDER BY id LIMIT $2",
    )
    .bind(through)
    .bind(BATCH)
    .fetch_all(db.reader())
    .await?;
    let last = talents.last().map_or(through, |(id,)| *id);
    let claimed = sqlx::query(
        "UPDATE qualification_scans SET checked_through = $1, done = $2 \
         WHERE item_code = $3 AND version = $4 AND checked_through = $5 AND done = 0",
    )
    .bind(last)
    .bind(i64::from(talents.is_empty()))
    .bind(&item.code)
    .bind(version)
    .bind(through)
    .execute(db.writer())
    .await?
    .rows_affected();
    if claimed == 0 {
        return Ok(0);
    }
    let mut told = 0;
    for (account_id,) in talents {
        if let Some(facts) = facts_of(db, account_id).await? {
            told += usize::from(tell_if_qualified(db, account_id, &facts, item).await?);
        }
    }
    Ok(told)
}

/// Profiles saved since they were last checked, each checked against every item.
async fn check_saved_profiles(db: &Db, items: &[ServiceItem]) -> Result<usize, AppError> {
    let saved: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT account_id, updated_at FROM talent_profiles WHERE updated_at > qualification_checked_at \
         ORDER BY updated_at LIMIT $1",
    )
    .bind(BATCH)
    .fetch_all(db.reader())
    .await?;
    let mut told = 0;
    for (account_id, saved_at) in saved {
        let claimed = sqlx::query(
            "UPDATE talent_profiles SET qualification_checked_at = $1 \
             WHERE account_id = $2 AND qualification_checked_at < $1",
        )
        .bind(saved_at)
        .bind(account_id)
        .execute(db.writer())
        .await?
        .rows_affected();
        if claimed == 0 {
            continue;
        }
        let Some(facts) = facts_of(db, account_id).await? else {
            continue;
        };
        for item in items {
            told += usize::from(tell_if_qualified(db, account_id, &facts, item).await?);
        }
    }
    Ok(told)
}

/// What a talent's profile says, if they have one.
async fn facts_of(db: &Db, account_id: i64) -> Result<Option<Profile>, AppError> {
    Ok(crate::profile::store::load(db, account_id)
        .await?
        .map(|(profile, _)| profile.facts()))
}

/// Tells `account_id` of `item` if they qualify, have not applied, have not opted out
/// and were not told before. True when told.
async fn tell_if_qualified(
    db: &Db,
    account_id: i64,
    facts: &Profile,
    item: &ServiceItem,
) -> Result<bool, AppError> {
    let today = crate::common::date::today_in_china(now_ms());
    let evaluation = evaluate(&item.rules, facts, today);
    if !worth_telling(&evaluation) {
        return Ok(false);
    }
    let (applied, opted_out): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM cases WHERE applicant_id = $1 AND item_code = $2), \
         (SELECT COUNT(*) FROM qualification_optouts WHERE account_id = $1)",
    )
    .bind(account_id)
    .bind(&item.code)
    .fetch_one(db.reader())
    .await?;
    if applied > 0 || opted_out > 0 {
        return Ok(false);
    }
    let mut tx = db.begin_write().await?;
    let first = sqlx::query(
        "INSERT INTO qualification_alerts (account_id, item_code, told_at) VALUES ($1, $2, $3) \
         ON CONFLICT DO NOTHING",
    )
    .bind(account_id)
    .bind(&item.code)
    .bind(now_ms())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if first == 0 {
        return Ok(false);
    }
    let why = reasons(&evaluation);
    let link = link(&item.code);
    let subject = format!("{} / {}", item.name.zh, item.name.en);
    let body = format!(
        "根据您个人资料中的{}，您符合「{}」的申请条件，可直接在线申请（申请表将按您的资料预先填好）：{}\n\
         Your profile ({}) meets the conditions of \"{}\". You can apply online; the form fills \
         itself from your profile: {}\n\
         不想再收到此类提醒？可在“个人资料”页关闭。 / To stop these messages, turn them off on your profile page.\n",
        why.zh,
        item.name.zh,
        crate::links::absolute(&link),
        why.en,
        item.name.en,
        crate::links::absolute(&link),
    );
    crate::notifications::store::notify_with_message(
        &mut tx, account_id, QUALIFIED, &link, &subject, &body,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Whether `account_id` is told of services they newly qualify for.
pub async fn alerts_on(db: &Db, account_id: i64) -> Result<bool, AppError> {
    let (opted_out,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM qualification_optouts WHERE account_id = $1")
            .bind(account_id)
            .fetch_one(db.reader())
            .await?;
    Ok(opted_out == 0)
}

/// Turns the alerts on or off for `account_id`.
pub async fn set_alerts(db: &Db, account_id: i64, on: bool) -> Result<(), AppError> {
    if on {
        sqlx::query("DELETE FROM qualification_optouts WHERE account_id = $1")
            .bind(account_id)
            .execute(db.writer())
            .await?;
    } else {
        sqlx::query(
            "INSERT INTO qualification_optouts (account_id, at) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(account_id)
        .bind(now_ms())
        .execute(db.writer())
        .await?;
    }
    Ok(())
}
