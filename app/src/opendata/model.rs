//! The public figures (both targets).
use crate::catalogue::model::Text;
use serde::{Deserialize, Serialize};

/// How many years back the page offers (this year and the two before).
pub const YEARS_BACK: i32 = 2;

/// One service's year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceFigures {
    pub code: String,
    pub name: Text,
    /// Decided in the year.
    pub delivered: i64,
    pub approved: i64,
    pub average_days: Option<f64>,
    pub disbursed_fen: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpenData {
    pub year: i32,
    /// The years a visitor may choose, newest first.
    pub years: Vec<i32>,
    pub as_of: String,
    pub delivered: i64,
    pub approved: i64,
    pub on_time: i64,
    pub average_days: Option<f64>,
    pub ratings: i64,
    pub rating_stars: i64,
    /// Ratings of four or five stars.
    pub satisfied: i64,
    pub disbursed_fen: i64,
    pub services: Vec<ServiceFigures>,
    pub demand_posted: i64,
    pub demand_hired: i64,
    pub demand_target: i64,
}

impl OpenData {
    /// Share of ratings with four or five stars, in percent.
    pub fn satisfaction(&self) -> Option<f64> {
        (self.ratings > 0).then(|| self.satisfied as f64 * 100.0 / self.ratings as f64)
    }

    /// Share of decisions made by the promised date, in percent.
    pub fn on_time_rate(&self) -> Option<f64> {
        (self.delivered > 0).then(|| self.on_time as f64 * 100.0 / self.delivered as f64)
    }
}

/// The year asked for, if it is one the page offers; else the current one.
pub fn pick_year(asked: Option<i32>, current: i32) -> i32 {
    asked
        .filter(|y| (current - YEARS_BACK..=current).contains(y))
        .unwrap_or(current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_recent_years_are_offered() {
        assert_eq!(pick_year(None, 2026), 2026);
        assert_eq!(pick_year(Some(2024), 2026), 2024);
        assert_eq!(pick_year(Some(2023), 2026), 2026);
        assert_eq!(pick_year(Some(2027), 2026), 2026);
    }
}
