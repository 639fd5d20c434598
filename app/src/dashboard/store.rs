//! Dashboard queries (ssr only). Each figure is one aggregate over an indexed range, so the
//! page costs the same few scans however many cases the office has handled.
use super::model::*;
use crate::cases::model::CLOCK_RUNNING_STATES;
use crate::common::date::{Date, today_in_china};
use crate::common::text::Text;
use crate::concerns::model::AWAITING_OFFICE_STATES;
use crate::db::{Db, now_ms};
use crate::error::AppError;
use std::collections::BTreeMap;

/// Rows of the decisions histogram: item, working days, decisions, of those late, of
/// those approved, and the amount approved.
#[derive(sqlx::FromRow)]
struct DecidedRow {
    item_code: String,
    decision_days: Option<i64>,
    decisions: i64,
    late: Option<i64>,
    approved: i64,
    approved_fen: Option<i64>,
}

/// The period a dashboard covers: China dates `from` to `to`, both included.
struct Period {
    from: Date,
    to: Date,
    /// Its first and one-past-last instant (unix milliseconds).
    start: i64,
    end: i64,
    /// Today, for what is overdue now.
    today: String,
}

/// The office's figures for `from` to `to`, and what is open or overdue now.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn dashboard(db: &Db, from: Date, to: Date) -> Result<Dashboard, AppError> {
    let now = now_ms();
    let period = Period {
        from,
        to,
        start: china_midnight_ms(from),
        end: china_midnight_ms(to.add_days(1)),
        today: today_in_china(now).to_string(),
    };
    let names = item_names(db).await?;
    let name_of = |code: &str| {
        names.get(code).cloned().unwrap_or_else(|| Text {
            zh: code.to_string(),
            en: code.to_string(),
        })
    };
    let cases = case_figures(db, &period, &name_of).await?;
    let ratings = rating_figures(db, &period, &name_of).await?;
    let concerns = concern_figures(db, &period).await?;
    let limits = limit_figures(db, &period).await?;
    let items = cases.items;
    let sum = |f: fn(&ItemFigures) -> i64| items.iter().map(f).sum::<i64>();
    Ok(Dashboard {
        from: from.to_string(),
        to: to.to_string(),
        as_of: crate::format::datetime(now),
        received: sum(|i| i.received),
        accepted: cases.accepted,
        decided: sum(|i| i.decided),
        approved: sum(|i| i.approved),
        decided_late: sum(|i| i.decided_late),
        overdue_now: cases.overdue_now,
        deemed_accepted: limits.deemed_accepted,
        acceptance_near: limits.acceptance_near,
        decision_near: limits.decision_near,
        supplement_near: limits.supplement_near,
        approved_fen: sum(|i| i.approved_fen),
        disbursed: cases.disbursed,
        disbursed_fen: sum(|i| i.disbursed_fen),
        average_days: average_days(&cases.all_days),
        p90_days: percentile_days(&cases.all_days, 90),
        bundles: crate::bundles::store::figures(db, period.start, period.end).await?,
        items,
        ratings: ratings.ratings,
        rating_stars: ratings.rating_stars,
        rating_satisfied: ratings.rating_satisfied,
        bad_reviews: ratings.bad_reviews,
        followups_opened: ratings.followups_opened,
        followups_done: ratings.followups_done,
        followups_on_time: ratings.followups_on_time,
        followups_overdue: ratings.followups_overdue,
        concerns_raised: concerns.raised,
        concerns_open: concerns.open,
        concerns_overdue: concerns.overdue,
        concern_ratings: concerns.ratings,
        concern_rating_stars: concerns.rating_stars,
    })
}

struct LimitFigures {
    deemed_accepted: i64,
    acceptance_near: i64,
    decision_near: i64,
    supplement_near: i64,
}

/// The statutory clocks: cases the hub deemed accepted in the period, and the open cases
/// whose acceptance or decision limit falls within the next few working days.
async fn limit_figures(db: &Db, period: &Period) -> Result<LimitFigures, AppError> {
    use crate::cases::model::{
        DEEMED_ACCEPTANCE, SUPPLEMENT_WORKING_DAYS, latest_receipt_due_by, latest_start_due_by,
    };
    let pool = db.reader();
    let calendar = crate::calendar::store::load(db).await?;
    let today = Date::parse(&period.today).ok_or(AppError::Internal)?;
    let soon = calendar.add_working_days(today, crate::calendar::model::DUE_SOON_DAYS);
    let (deemed_accepted,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM case_events WHERE kind = $1 AND at >= $2 AND at < $3")
            .bind(DEEMED_ACCEPTANCE)
            .bind(period.start)
            .bind(period.end)
            .fetch_one(pool)
            .await?;
    let (acceptance_near,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM cases WHERE state IN ('submitted', 'confirmed') AND received_on <= $1",
    )
    .bind(latest_receipt_due_by(&calendar, soon).to_string())
    .fetch_one(pool)
    .await?;
    let (decision_near,): (i64,) = sqlx::query_as(&format!(
        "SELECT COUNT(*) FROM cases WHERE state IN ({CLOCK_RUNNING_STATES}) \
         AND due_on >= $1 AND due_on <= $2"
    ))
    .bind(&period.today)
    .bind(soon.to_string())
    .fetch_one(pool)
    .await?;
    let (supplement_near,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM cases WHERE state = 'supplement_requested' AND paused_on <= $1",
    )
    .bind(latest_start_due_by(&calendar, soon, SUPPLEMENT_WORKING_DAYS).to_string())
    .fetch_one(pool)
    .await?;
    Ok(LimitFigures {
        deemed_accepted,
        acceptance_near,
        decision_near,
        supplement_near,
    })
}

async fn item_names(db: &Db) -> Result<BTreeMap<String, Text>, AppError> {
    let names: Vec<(String, String, String)> =
        sqlx::query_as("SELECT code, name_zh, name_en FROM service_items")
            .fetch_all(db.reader())
            .await?;
    Ok(names
        .into_iter()
        .map(|(code, zh, en)| (code, Text { zh, en }))
        .collect())
}

/// What happened to cases in the period, per item, and what is overdue now.
struct CaseFigures {
    items: Vec<ItemFigures>,
    accepted: i64,
    overdue_now: i64,
    disbursed: i64,
    /// Working days to a decision, over all items.
    all_days: DayHistogram,
}

async fn case_figures(
    db: &Db,
    period: &Period,
    name_of: &impl Fn(&str) -> Text,
) -> Result<CaseFigures, AppError> {
    let pool = db.reader();
    let (start, end, today) = (period.start, period.end, &period.today);
    let received: Vec<(String, i64)> = sqlx::query_as(
        "SELECT item_code, COUNT(*) FROM cases WHERE submitted_at >= $1 AND submitted_at < $2 \
         GROUP BY item_code",
    )
    .bind(start)
    .bind(end)
    .fetch_all(pool)
    .await?;
    let (accepted,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM cases WHERE accepted_on >= $1 AND accepted_on <= $2")
            .bind(period.from.to_string())
            .bind(period.to.to_string())
            .fetch_one(pool)
            .await?;
    let decided: Vec<DecidedRow> = sqlx::query_as(
        "SELECT item_code, decision_days, COUNT(*) AS decisions, CAST(SUM(decided_late) AS BIGINT) AS late, \
         COUNT(approved_by) AS approved, \
         CAST(SUM(CASE WHEN approved_by IS NULL THEN 0 ELSE amount_fen END) AS BIGINT) AS approved_fen \
         FROM cases WHERE decided_at >= $1 AND decided_at < $2 GROUP BY item_code, decision_days",
    )
    .bind(start)
    .bind(end)
    .fetch_all(pool)
    .await?;
    let (overdue_now,): (i64,) = sqlx::query_as(&format!(
        "SELECT COUNT(*) FROM cases WHERE state IN ({CLOCK_RUNNING_STATES}) AND due_on < $1"
    ))
    .bind(today)
    .fetch_one(pool)
    .await?;
    let paid: Vec<(String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT item_code, COUNT(*), CAST(SUM(amount_fen) AS BIGINT) FROM cases \
         WHERE disbursed_at >= $1 AND disbursed_at < $2 GROUP BY item_code",
    )
    .bind(start)
    .bind(end)
    .fetch_all(pool)
    .await?;
    let (items, disbursed, all_days) = by_item(received, paid, decided, name_of);
    Ok(CaseFigures {
        items,
        accepted,
        overdue_now,
        disbursed,
        all_days,
    })
}

/// The per-item figures from the period's counts: received, paid out (count and amount
/// per item) and decided; also the cases paid out and the decision days over all items.
fn by_item(
    received: Vec<(String, i64)>,
    paid: Vec<(String, i64, Option<i64>)>,
    decided: Vec<DecidedRow>,
    name_of: &impl Fn(&str) -> Text,
) -> (Vec<ItemFigures>, i64, DayHistogram) {
    let mut items: BTreeMap<String, (ItemFigures, DayHistogram)> = BTreeMap::new();
    fn entry<'m>(
        items: &'m mut BTreeMap<String, (ItemFigures, DayHistogram)>,
        code: &str,
        name_of: &impl Fn(&str) -> Text,
    ) -> &'m mut (ItemFigures, DayHistogram) {
        items.entry(code.to_string()).or_insert_with(|| {
            (
                ItemFigures {
                    item_code: code.to_string(),
                    item_name: name_of(code),
                    received: 0,
                    decided: 0,
                    approved: 0,
                    decided_late: 0,
                    approved_fen: 0,
                    disbursed_fen: 0,
                    average_days: None,
                    p90_days: None,
                },
                Vec::new(),
            )
        })
    }
    for (code, count) in received {
        entry(&mut items, &code, name_of).0.received += count;
    }
    let mut disbursed = 0;
    for (code, count, amount) in paid {
        disbursed += count;
        entry(&mut items, &code, name_of).0.disbursed_fen += amount.unwrap_or(0);
    }
    let mut all_days: DayHistogram = Vec::new();
    for row in decided {
        let count = row.decisions;
        let (figures, histogram) = entry(&mut items, &row.item_code, name_of);
        figures.decided += count;
        figures.decided_late += row.late.unwrap_or(0);
        figures.approved += row.approved;
        figures.approved_fen += row.approved_fen.unwrap_or(0);
        // Cases decided before the figures were kept have no day count.
        if let Some(days) = row.decision_days {
            histogram.push((days, count));
            all_days.push((days, count));
        }
    }
    let items: Vec<ItemFigures> = items
        .into_values()
        .map(|(mut figures, histogram)| {
            figures.average_days = average_days(&histogram);
            figures.p90_days = percentile_days(&histogram, 90);
            figures
        })
        .collect();
    (items, disbursed, all_days)
}

/// How applicants rated cases decided in the period, and how bad reviews were followed up.
struct RatingFigures {
    ratings: i64,
    rating_stars: i64,
    rating_satisfied: i64,
    bad_reviews: Vec<BadReview>,
    followups_opened: i64,
    followups_done: i64,
    followups_on_time: i64,
    followups_overdue: i64,
}

async fn rating_figures(
    db: &Db,
    period: &Period,
    name_of: &impl Fn(&str) -> Text,
) -> Result<RatingFigures, AppError> {
    let pool = db.reader();
    let (start, end, today) = (period.start, period.end, &period.today);
    let (ratings, rating_stars, rating_satisfied): (i64, Option<i64>, i64) = sqlx::query_as(
        "SELECT COUNT(*), CAST(SUM(rating) AS BIGINT), COUNT(CASE WHEN rating >= 4 THEN 1 END) FROM cases \
         WHERE rated_at >= $1 AND rated_at < $2 AND rating IS NOT NULL",
    )
    .bind(start)
    .bind(end)
    .fetch_one(pool)
    .await?;
    let bad: Vec<crate::cases::store::BadlyRated> = sqlx::query_as(
        "SELECT id, number, item_code, rating, rating_comment, rated_at FROM cases \
         WHERE rated_at >= $1 AND rated_at < $2 AND rating <= 2 ORDER BY rated_at DESC, id DESC LIMIT 100",
    )
    .bind(start)
    .bind(end)
    .fetch_all(pool)
    .await?;
    let (followups_opened, followups_done, followups_on_time): (i64, i64, Option<i64>) =
        sqlx::query_as(
            "SELECT COUNT(*), COUNT(CASE WHEN state = 'done' THEN 1 END), CAST(SUM(done_on_time) AS BIGINT) \
             FROM review_followups WHERE opened_at >= $1 AND opened_at < $2",
        )
        .bind(start)
        .bind(end)
        .fetch_one(pool)
        .await?;
    let (followups_overdue,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM review_followups WHERE state = 'open' AND due_on < $1",
    )
    .bind(today)
    .fetch_one(pool)
    .await?;
    Ok(RatingFigures {
        ratings,
        rating_stars: rating_stars.unwrap_or(0),
        rating_satisfied,
        bad_reviews: bad
            .into_iter()
            .map(|r| BadReview {
                case_id: r.id,
                number: r.number.unwrap_or_default(),
                item_name: name_of(&r.item_code),
                rating: r.rating as u8,
                comment: r.rating_comment,
                rated_at: r.rated_at.unwrap_or(0),
            })
            .collect(),
        followups_opened,
        followups_done,
        followups_on_time: followups_on_time.unwrap_or(0),
        followups_overdue,
    })
}

/// Concerns raised in the period, and those waiting for the office now.
struct ConcernFigures {
    raised: i64,
    open: i64,
    overdue: i64,
    ratings: i64,
    rating_stars: i64,
}

async fn concern_figures(db: &Db, period: &Period) -> Result<ConcernFigures, AppError> {
    let pool = db.reader();
    let (start, end, today) = (period.start, period.end, &period.today);
    let (concerns_raised, concern_ratings, concern_rating_stars): (i64, i64, Option<i64>) =
        sqlx::query_as(
            "SELECT COUNT(*), COUNT(rating), CAST(SUM(rating) AS BIGINT) FROM concerns \
             WHERE created_at >= $1 AND created_at < $2",
        )
        .bind(start)
        .bind(end)
        .fetch_one(pool)
        .await?;
    let (concerns_open, concerns_overdue): (i64, i64) = sqlx::query_as(&format!(
        "SELECT COUNT(*), COUNT(CASE WHEN due_on < $1 THEN 1 END) FROM concerns \
         WHERE state IN ({AWAITING_OFFICE_STATES})"
    ))
    .bind(today)
    .fetch_one(pool)
    .await?;
    Ok(ConcernFigures {
        raised: concerns_raised,
        open: concerns_open,
        overdue: concerns_overdue,
        ratings: concern_ratings,
        rating_stars: concern_rating_stars.unwrap_or(0),
    })
}
