//! The public figures (both targets).
use crate::catalogue::model::Category;
use crate::common::text::Text;
use serde::{Deserialize, Serialize};

/// How many years back the page offers (this year and the two before).
pub const YEARS_BACK: i32 = 2;

/// One service's year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceFigures {
    pub code: String,
    pub name: Text,
    /// The policy category the service belongs to (`high_level`, …).
    pub category: String,
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
    /// Ratings of 非常满意 or 满意.
    pub satisfied: i64,
    pub disbursed_fen: i64,
    pub services: Vec<ServiceFigures>,
    pub demand_posted: i64,
    pub demand_hired: i64,
    pub demand_target: i64,
}

/// One policy category's year: the services of that category added up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryFigures {
    pub category: Category,
    pub delivered: i64,
    pub disbursed_fen: i64,
}

impl OpenData {
    /// The year by policy category, every category listed (zeros included).
    pub fn by_category(&self) -> Vec<CategoryFigures> {
        Category::ALL
            .into_iter()
            .map(|category| {
                let of = || {
                    self.services
                        .iter()
                        .filter(move |s| s.category == category.as_str())
                };
                CategoryFigures {
                    category,
                    delivered: of().map(|s| s.delivered).sum(),
                    disbursed_fen: of().map(|s| s.disbursed_fen).sum(),
                }
            })
            .collect()
    }

    /// Share of ratings of 非常满意 or 满意, in percent.
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
    fn categories_add_up_their_services() {
        let service = |code: &str, category: &str, delivered, fen| ServiceFigures {
            code: code.into(),
            name: Text::default(),
            category: category.into(),
            delivered,
            approved: 0,
            average_days: None,
            disbursed_fen: fen,
        };
        let data = OpenData {
            year: 2026,
            years: vec![2026],
            as_of: String::new(),
            delivered: 6,
            approved: 0,
            on_time: 0,
            average_days: None,
            ratings: 0,
            rating_stars: 0,
            satisfied: 0,
            disbursed_fen: 700,
            services: vec![
                service("A", "education", 1, 100),
                service("B", "high_level", 2, 0),
                service("C", "education", 3, 600),
            ],
            demand_posted: 0,
            demand_hired: 0,
            demand_target: 90_000,
        };
        let categories = data.by_category();
        assert_eq!(categories.len(), Category::ALL.len());
        let education = categories
            .iter()
            .find(|c| c.category == Category::Education)
            .unwrap();
        assert_eq!((education.delivered, education.disbursed_fen), (4, 700));
        assert_eq!(
            categories.iter().map(|c| c.disbursed_fen).sum::<i64>(),
            data.disbursed_fen
        );
        assert!(
            categories
                .iter()
                .any(|c| c.category == Category::Health && c.delivered == 0)
        );
    }

    #[test]
    fn only_recent_years_are_offered() {
        assert_eq!(pick_year(None, 2026), 2026);
        assert_eq!(pick_year(Some(2024), 2026), 2024);
        assert_eq!(pick_year(Some(2023), 2026), 2026);
        assert_eq!(pick_year(Some(2027), 2026), 2026);
    }
}
