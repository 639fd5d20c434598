//! Dashboard figures and the rules for reading a period (both targets).
use crate::common::date::Date;
use crate::common::text::Text;
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

/// The longest period one dashboard covers.
pub const MAX_PERIOD_DAYS: i64 = 3 * 366;

/// The period as typed in the form (`YYYY-MM-DD`, both days included). Empty means the
/// default: the 30 days up to today.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodQuery {
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
}

impl PeriodQuery {
    /// The first and last day of the period, checked: both real dates, `from` not after
    /// `to`, at most three years, and not starting in the future.
    pub fn resolve(&self, today: Date) -> Result<(Date, Date), FieldError> {
        let to = match self.to.trim() {
            "" => today,
            text => Date::parse(text).ok_or(FieldError {
                field: "to",
                message: "err_date_invalid",
            })?,
        };
        let from = match self.from.trim() {
            "" => to.add_days(-29),
            text => Date::parse(text).ok_or(FieldError {
                field: "from",
                message: "err_date_invalid",
            })?,
        };
        if from > to {
            return Err(FieldError {
                field: "to",
                message: "err_date_order",
            });
        }
        if to.to_days() - from.to_days() >= MAX_PERIOD_DAYS {
            return Err(FieldError {
                field: "from",
                message: "err_period_too_long",
            });
        }
        if from > today {
            return Err(FieldError {
                field: "from",
                message: "err_period_future",
            });
        }
        Ok((from, to))
    }
}

/// Milliseconds at the start of `day` in China (UTC+8, no daylight saving time).
pub fn china_midnight_ms(day: Date) -> i64 {
    day.to_days() * 86_400_000 - 8 * 3_600_000
}

/// How many decisions took each number of working days.
pub type DayHistogram = Vec<(i64, i64)>;

/// The average of a histogram of (days, count).
pub fn average_days(histogram: &[(i64, i64)]) -> Option<f64> {
    let count: i64 = histogram.iter().map(|(_, n)| n).sum();
    (count > 0).then(|| histogram.iter().map(|(d, n)| d * n).sum::<i64>() as f64 / count as f64)
}

/// The `percent`-th percentile by nearest rank: the smallest number of days that at least
/// that share of decisions did not exceed.
pub fn percentile_days(histogram: &[(i64, i64)], percent: u32) -> Option<i64> {
    let mut sorted: Vec<(i64, i64)> = histogram.iter().copied().filter(|(_, n)| *n > 0).collect();
    sorted.sort_unstable();
    let count: i64 = sorted.iter().map(|(_, n)| n).sum();
    if count == 0 {
        return None;
    }
    // ceil(count × percent / 100), at least 1.
    let rank = ((count * i64::from(percent)) + 99) / 100;
    let mut seen = 0;
    for (days, n) in sorted {
        seen += n;
        if seen >= rank.max(1) {
            return Some(days);
        }
    }
    None
}

/// One service item's figures over the period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemFigures {
    pub item_code: String,
    pub item_name: Text,
    pub received: i64,
    pub decided: i64,
    pub approved: i64,
    pub decided_late: i64,
    pub approved_fen: i64,
    /// Paid out in the period.
    pub disbursed_fen: i64,
    pub average_days: Option<f64>,
    pub p90_days: Option<i64>,
}

/// A rating of 不满意 or 非常不满意 given in the period, and how its follow-up stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadReview {
    pub case_id: i64,
    pub number: String,
    pub item_name: Text,
    pub rating: u8,
    pub comment: String,
    pub rated_at: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub from: String,
    pub to: String,
    pub as_of: String,
    /// Submitted in the period.
    pub received: i64,
    /// Accepted in the period.
    pub accepted: i64,
    /// Decided in the period (approved, rejected or not accepted).
    pub decided: i64,
    pub approved: i64,
    /// Decided in the period after the promised date.
    pub decided_late: i64,
    /// Open now with the promised date passed.
    pub overdue_now: i64,
    /// Deemed accepted by the hub in the period: the office let the acceptance limit pass.
    pub deemed_accepted: i64,
    /// Waiting now for acceptance, with the acceptance limit within the next few working
    /// days ([`DUE_SOON_DAYS`](crate::calendar::model::DUE_SOON_DAYS)).
    pub acceptance_near: i64,
    /// Under review now, with the promised date within the next few working days.
    pub decision_near: i64,
    /// Supplements awaited whose limit falls within the next few working days, or has
    /// passed.
    pub supplement_near: i64,
    pub approved_fen: i64,
    pub disbursed: i64,
    pub disbursed_fen: i64,
    pub average_days: Option<f64>,
    pub p90_days: Option<i64>,
    /// Bundles submitted in the period, how many are done, and how long those took.
    #[serde(default)]
    pub bundles: crate::bundles::model::BundleFigures,
    pub items: Vec<ItemFigures>,
    pub ratings: i64,
    pub rating_stars: i64,
    /// Ratings of 非常满意 or 满意.
    pub rating_satisfied: i64,
    pub bad_reviews: Vec<BadReview>,
    /// Follow-ups of bad reviews opened in the period, how many are done, how many of
    /// those in time; and open ones past their date now.
    pub followups_opened: i64,
    pub followups_done: i64,
    pub followups_on_time: i64,
    pub followups_overdue: i64,
    /// Raised in the period.
    pub concerns_raised: i64,
    /// Waiting for an answer now, and of those past the promised date.
    pub concerns_open: i64,
    pub concerns_overdue: i64,
    pub concern_ratings: i64,
    pub concern_rating_stars: i64,
}

impl Dashboard {
    /// Approved among decided, as a percentage.
    pub fn approval_rate(&self) -> Option<f64> {
        (self.decided > 0).then(|| self.approved as f64 * 100.0 / self.decided as f64)
    }

    /// Follow-ups done among those opened in the period, as a percentage.
    pub fn follow_up_completion(&self) -> Option<f64> {
        (self.followups_opened > 0)
            .then(|| self.followups_done as f64 * 100.0 / self.followups_opened as f64)
    }

    pub fn rating_average(&self) -> Option<f64> {
        (self.ratings > 0).then(|| self.rating_stars as f64 / self.ratings as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn the_period_defaults_to_thirty_days_and_is_checked() {
        let today = d("2026-11-25");
        let q = |from: &str, to: &str| PeriodQuery {
            from: from.into(),
            to: to.into(),
        };
        assert_eq!(q("", "").resolve(today), Ok((d("2026-10-27"), today)));
        assert_eq!(
            q("2026-11-01", "2026-11-30").resolve(today),
            Ok((d("2026-11-01"), d("2026-11-30")))
        );
        assert_eq!(
            q("2026-11-02", "2026-11-01")
                .resolve(today)
                .unwrap_err()
                .message,
            "err_date_order"
        );
        assert_eq!(
            q("2026-13-01", "").resolve(today).unwrap_err().field,
            "from"
        );
        assert_eq!(
            q("2020-01-01", "").resolve(today).unwrap_err().message,
            "err_period_too_long"
        );
        assert_eq!(
            q("2026-12-01", "2026-12-31")
                .resolve(today)
                .unwrap_err()
                .message,
            "err_period_future"
        );
    }

    #[test]
    fn china_days_start_at_midnight_beijing_time() {
        // 2026-01-01 00:00 +08:00 is 2025-12-31 16:00 UTC.
        assert_eq!(china_midnight_ms(d("2026-01-01")), 1_767_196_800_000);
        assert_eq!(
            crate::common::date::today_in_china(china_midnight_ms(d("2026-01-01"))),
            d("2026-01-01")
        );
        assert_eq!(
            crate::common::date::today_in_china(china_midnight_ms(d("2026-01-01")) - 1),
            d("2025-12-31")
        );
    }

    #[test]
    fn percentiles_by_nearest_rank() {
        // Ten decisions: 1 day ×5, 3 days ×4, 20 days ×1.
        let h = vec![(3, 4), (1, 5), (20, 1)];
        assert_eq!(percentile_days(&h, 50), Some(1));
        assert_eq!(percentile_days(&h, 90), Some(3));
        assert_eq!(percentile_days(&h, 100), Some(20));
        assert_eq!(average_days(&h), Some(3.7));
        assert_eq!(percentile_days(&[], 90), None);
        assert_eq!(average_days(&[(4, 0)]), None);
        // One decision is its own 90th percentile.
        assert_eq!(percentile_days(&[(7, 1)], 90), Some(7));
    }
}
