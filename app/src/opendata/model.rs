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
    /// 好差评 of the year's rated cases by handling department, as the rules require them
    /// published.
    pub rating_departments: Vec<DepartmentRatings>,
    /// The same by month of the rating, January to the last month of the year so far.
    pub rating_months: Vec<MonthRatings>,
}

/// How one department's or one month's services were rated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingFigures {
    pub rated: i64,
    /// Rated 非常满意 or 满意.
    pub satisfied: i64,
    /// Rated 不满意 or 非常不满意 (差评).
    pub bad: i64,
    /// Bad reviews whose follow-up was done within its limit.
    pub bad_followed_up_in_time: i64,
}

impl RatingFigures {
    /// Share rated 非常满意 or 满意, in percent.
    pub fn satisfied_share(&self) -> Option<f64> {
        (self.rated > 0).then(|| self.satisfied as f64 * 100.0 / self.rated as f64)
    }

    /// Share of bad reviews followed up in time, in percent.
    pub fn followed_up_share(&self) -> Option<f64> {
        (self.bad > 0).then(|| self.bad_followed_up_in_time as f64 * 100.0 / self.bad as f64)
    }

    fn add(&mut self, rating: &RatedCase) {
        self.rated += 1;
        self.satisfied += i64::from(crate::common::satisfaction::is_satisfied(rating.level));
        if crate::followups::model::opens_follow_up(rating.level) {
            self.bad += 1;
            self.bad_followed_up_in_time += i64::from(rating.followed_up_in_time);
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentRatings {
    pub department: Text,
    pub figures: RatingFigures,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthRatings {
    /// 1 to 12.
    pub month: u32,
    pub figures: RatingFigures,
}

/// One rated case as the figures count it: nobody named, no comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RatedCase {
    /// The month (1 to 12) it was rated in, China time.
    pub month: u32,
    pub department: Text,
    pub level: u8,
    /// A bad review's follow-up was done within its limit.
    pub followed_up_in_time: bool,
}

/// The year's ratings by department (by Chinese name) and by month, every month from
/// January to `last_month` listed (zeros included).
pub fn rating_tables(
    rated: &[RatedCase],
    last_month: u32,
) -> (Vec<DepartmentRatings>, Vec<MonthRatings>) {
    let mut departments: std::collections::BTreeMap<String, DepartmentRatings> = Default::default();
    let mut months: Vec<MonthRatings> = (1..=last_month.clamp(1, 12))
        .map(|month| MonthRatings {
            month,
            figures: RatingFigures::default(),
        })
        .collect();
    for rating in rated {
        departments
            .entry(rating.department.zh.clone())
            .or_insert_with(|| DepartmentRatings {
                department: rating.department.clone(),
                figures: RatingFigures::default(),
            })
            .figures
            .add(rating);
        if let Some(month) = months.iter_mut().find(|m| m.month == rating.month) {
            month.figures.add(rating);
        }
    }
    (departments.into_values().collect(), months)
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
            rating_departments: Vec::new(),
            rating_months: Vec::new(),
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
    fn ratings_are_tallied_by_department_and_by_month() {
        let office = |zh: &str| Text {
            zh: zh.into(),
            en: format!("{zh} (en)"),
        };
        let rated = |month, department: &str, level, followed_up_in_time| RatedCase {
            month,
            department: office(department),
            level,
            followed_up_in_time,
        };
        let (departments, months) = rating_tables(
            &[
                rated(1, "人才办", 5, false),
                rated(1, "人才办", 2, true),
                rated(3, "教育局", 1, false),
                rated(3, "人才办", 3, false),
            ],
            4,
        );
        assert_eq!(
            departments
                .iter()
                .map(|d| d.department.zh.as_str())
                .collect::<Vec<_>>(),
            ["人才办", "教育局"]
        );
        let talent = departments[0].figures;
        assert_eq!(
            talent,
            RatingFigures {
                rated: 3,
                satisfied: 1,
                bad: 1,
                bad_followed_up_in_time: 1
            }
        );
        assert_eq!(talent.followed_up_share(), Some(100.0));
        assert_eq!(departments[1].figures.followed_up_share(), Some(0.0));
        assert_eq!(
            months.iter().map(|m| m.month).collect::<Vec<_>>(),
            [1, 2, 3, 4]
        );
        assert_eq!(months[0].figures.satisfied_share(), Some(50.0));
        assert_eq!(months[1].figures, RatingFigures::default());
        assert_eq!(months[1].figures.satisfied_share(), None);
        assert_eq!(months[2].figures.bad, 1);
    }

    #[test]
    fn only_recent_years_are_offered() {
        assert_eq!(pick_year(None, 2026), 2026);
        assert_eq!(pick_year(Some(2024), 2026), 2024);
        assert_eq!(pick_year(Some(2023), 2026), 2026);
        assert_eq!(pick_year(Some(2027), 2026), 2026);
    }
}
