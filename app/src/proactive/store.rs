//! Telling talents who newly qualify (ssr only), run by the clock runner. Every step
//! claims its work with a conditional update, and the alert itself is a row keyed by
//! person and item, so runners on several servers never tell anyone twice.
use super::model::*;
use crate::catalogue::model::{Applicant, EMPLOYER_FIELD_KEY, POSITION_FIELD_KEY, ServiceItem};
use crate::common::text::Text;
use crate::db::{Db, now_ms};
use crate::eligibility::model::{Profile, evaluate};
use crate::error::AppError;
use sqlx::AnyConnection;

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
        open_for_hires_of(db, account_id).await?;
        let Some(facts) = facts_of(db, account_id).await? else {
            continue;
        };
        for item in items {
            told += usize::from(tell_if_qualified(db, account_id, &facts, item).await?);
        }
    }
    Ok(told)
}

/// A profile saved after a hire may now meet the rules of a service the hub opens by
/// itself: each hire on file is checked again (each opens a case at most once).
async fn open_for_hires_of(db: &Db, account_id: i64) -> Result<(), AppError> {
    let hires: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM job_applications WHERE talent_id = $1 AND state = 'hired' ORDER BY id",
    )
    .bind(account_id)
    .fetch_all(db.reader())
    .await?;
    for (hire,) in hires {
        let mut tx = db.begin_write().await?;
        open_for_hire(db, &mut tx, hire).await?;
        tx.commit().await?;
    }
    Ok(())
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

/// The hire recorded on the job board that may open cases, with its parties.
#[derive(sqlx::FromRow)]
struct HireRow {
    talent_id: i64,
    enterprise_id: i64,
    org_name: Option<String>,
    credit_code: Option<String>,
    title_zh: String,
    title_en: String,
}

/// 免申即享: opens, in the hire's own transaction `conn`, a case of every published item
/// marked "no application needed" whose rules the hired talent meets and that they have
/// not applied for. The case is a draft filled in from the profile and the hire, with the
/// hiring enterprise's confirmation given: the talent only adds what is missing (their
/// bank account) and consents. One case per hire and item, whatever happens later
/// (`hub_openings` is unique on both). Returns the cases opened.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn open_for_hire(
    db: &Db,
    conn: &mut AnyConnection,
    job_application_id: i64,
) -> Result<Vec<i64>, AppError> {
    let items: Vec<ServiceItem> = crate::catalogue::store::all_published(db)
        .await?
        .into_iter()
        .filter(|item| item.no_application)
        .collect();
    if items.is_empty() {
        return Ok(vec![]);
    }
    let hire: Option<HireRow> = sqlx::query_as(
        "SELECT j.talent_id, p.enterprise_id, a.org_name, a.credit_code, p.title_zh, p.title_en \
         FROM job_applications j JOIN job_posts p ON p.id = j.post_id JOIN accounts a ON a.id = p.enterprise_id \
         WHERE j.id = $1 AND j.state = 'hired'",
    )
    .bind(job_application_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(hire) = hire else {
        return Ok(vec![]);
    };
    // One opening at a time per talent (a hire and a profile check may race): what is
    // checked below stays true until this transaction ends.
    sqlx::query(&format!(
        "SELECT id FROM accounts WHERE id = $1{}",
        db.for_update()
    ))
    .bind(hire.talent_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((profile, _)) = crate::profile::store::load(db, hire.talent_id).await? else {
        return Ok(vec![]);
    };
    let today = crate::common::date::today_in_china(now_ms());
    let employer_name = hire.org_name.clone().unwrap_or_default();
    let post_title = Text {
        zh: hire.title_zh.clone(),
        en: hire.title_en.clone(),
    };
    let mut opened = vec![];
    for item in &items {
        let Some(evaluation) = opens_for_hire(item, &profile.facts(), today) else {
            continue;
        };
        let (applied, earlier): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM cases WHERE applicant_id = $1 AND item_code = $2 AND state <> 'withdrawn'), \
             (SELECT COUNT(*) FROM hub_openings WHERE job_application_id = $3 AND item_code = $2)",
        )
        .bind(hire.talent_id)
        .bind(&item.code)
        .bind(job_application_id)
        .fetch_one(&mut *conn)
        .await?;
        if applied > 0 || earlier > 0 {
            continue;
        }
        let Some((_, version)) =
            crate::catalogue::store::find_published_version(db, &item.code).await?
        else {
            continue;
        };
        let mut answers = profile.answers_for(&item.form);
        answers.insert(
            EMPLOYER_FIELD_KEY.to_string(),
            hire.credit_code.clone().unwrap_or_default(),
        );
        if item.form.iter().any(|f| f.key == POSITION_FIELD_KEY) {
            answers.insert(
                POSITION_FIELD_KEY.to_string(),
                crate::jobs::model::pick(&post_title, crate::i18n::Locale::zh).to_string(),
            );
        }
        let case_id = crate::cases::store::open_draft(
            conn,
            hire.talent_id,
            item,
            version,
            &answers,
            Some(hire.enterprise_id),
        )
        .await?;
        let why = reasons(&evaluation);
        sqlx::query(
            "INSERT INTO hub_openings (case_id, job_application_id, item_code, employer_name, post_title_zh, \
             post_title_en, reasons_zh, reasons_en, opened_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(case_id)
        .bind(job_application_id)
        .bind(&item.code)
        .bind(&employer_name)
        .bind(&post_title.zh)
        .bind(&post_title.en)
        .bind(&why.zh)
        .bind(&why.en)
        .bind(now_ms())
        .execute(&mut *conn)
        .await?;
        crate::cases::store::record_event(
            conn,
            crate::cases::store::Event {
                case_id,
                actor_id: None,
                kind: OPENED_BY_HUB,
                from: None,
                to: Some(crate::cases::model::CaseState::Draft),
                public: true,
                text: "",
                amount_fen: None,
            },
        )
        .await?;
        let link = format!("/cases/{case_id}");
        let subject = format!("{} / {}", item.name.zh, item.name.en);
        let body = format!(
            "{employer_name}通过平台招聘录用了您，按您个人资料中的{}，您符合「{}」的条件。平台已为您发起申请并预先填好，\
             用人单位的确认已完成，您只需核对、补充收款账号并确认提交（免申即享）：{}\n\
             {employer_name} recorded hiring you through the job board, and your profile ({}) meets the \
             conditions of \"{}\". The hub has opened the application for you, filled in, with your \
             employer's confirmation given: check it, add your bank account and confirm: {}\n",
            why.zh,
            item.name.zh,
            crate::links::absolute(&link),
            why.en,
            item.name.en,
            crate::links::absolute(&link),
        );
        crate::notifications::store::notify_with_message(
            conn,
            hire.talent_id,
            OPENED_BY_HUB,
            &link,
            &subject,
            &body,
        )
        .await?;
        opened.push(case_id);
    }
    Ok(opened)
}
