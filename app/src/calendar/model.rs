//! Counting working days. A day is a working day on Monday to Friday unless the calendar
//! says otherwise: public holidays are listed as days off, adjusted working weekends (调休)
//! as working days. Compiled for both targets.
use crate::common::date::Date;
use crate::common::text::Text;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A day that differs from the Monday-to-Friday rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecialDay {
    pub day: Date,
    pub working: bool,
    /// What the day is, e.g. 春节 / Spring Festival.
    pub note: Text,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkCalendar {
    special: BTreeMap<Date, bool>,
}

/// Far more than any promised time limit; keeps a bad input from looping for ever.
const MAX_STEPS: u32 = 20_000;

impl WorkCalendar {
    pub fn new(days: impl IntoIterator<Item = (Date, bool)>) -> WorkCalendar {
        WorkCalendar {
            special: days.into_iter().collect(),
        }
    }

    pub fn is_working(&self, day: Date) -> bool {
        self.special
            .get(&day)
            .copied()
            .unwrap_or(day.weekday() <= 5)
    }

    /// The last day of a time limit of `days` working days counted from the day after
    /// `start` (the day of acceptance itself does not count).
    pub fn add_working_days(&self, start: Date, days: u32) -> Date {
        let mut day = start;
        let mut left = days;
        let mut steps = 0;
        while left > 0 && steps < MAX_STEPS {
            day = day.add_days(1);
            steps += 1;
            if self.is_working(day) {
                left -= 1;
            }
        }
        day
    }

    /// Working days after `from` up to and including `to` (0 when `to` is not later).
    pub fn working_days_between(&self, from: Date, to: Date) -> u32 {
        let mut day = from;
        let mut count = 0;
        let mut steps = 0;
        while day < to && steps < MAX_STEPS {
            day = day.add_days(1);
            steps += 1;
            if self.is_working(day) {
                count += 1;
            }
        }
        count
    }
}

/// How a deadline stands on a given day, as staff and applicants see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Urgency {
    OnTime,
    /// At most [`DUE_SOON_DAYS`] working days left.
    DueSoon,
    Overdue,
}

pub const DUE_SOON_DAYS: u32 = 3;

pub fn urgency(calendar: &WorkCalendar, due: Date, today: Date) -> Urgency {
    if today > due {
        Urgency::Overdue
    } else if calendar.working_days_between(today, due) <= DUE_SOON_DAYS {
        Urgency::DueSoon
    } else {
        Urgency::OnTime
    }
}

/// The holiday arrangements the hub starts with. 2026 follows the State Council's notice
/// on the 2026 holidays; 2027 holds the statutory holidays only, until that year's notice
/// (with its adjusted working weekends) is entered by an administrator.
pub fn default_years() -> Vec<(i32, Vec<SpecialDay>)> {
    let day = |y: i32, m: u32, d: u32, working: bool, zh: &str, en: &str| SpecialDay {
        day: Date::new(y, m, d).expect("a real date"),
        working,
        note: Text::new(zh, en),
    };
    let off = |y, m, days: std::ops::RangeInclusive<u32>, zh: &str, en: &str| {
        days.map(|d| day(y, m, d, false, zh, en))
            .collect::<Vec<_>>()
    };
    let mut y2026 = Vec::new();
    y2026.extend(off(2026, 1, 1..=3, "元旦", "New Year's Day"));
    y2026.push(day(
        2026,
        1,
        4,
        true,
        "元旦调休上班",
        "Working day (New Year adjustment)",
    ));
    y2026.push(day(
        2026,
        2,
        14,
        true,
        "春节调休上班",
        "Working day (Spring Festival adjustment)",
    ));
    y2026.extend(off(2026, 2, 15..=23, "春节", "Spring Festival"));
    y2026.push(day(
        2026,
        2,
        28,
        true,
        "春节调休上班",
        "Working day (Spring Festival adjustment)",
    ));
    y2026.extend(off(2026, 4, 4..=6, "清明节", "Qingming Festival"));
    y2026.extend(off(2026, 5, 1..=5, "劳动节", "Labour Day"));
    y2026.push(day(
        2026,
        5,
        9,
        true,
        "劳动节调休上班",
        "Working day (Labour Day adjustment)",
    ));
    y2026.extend(off(2026, 6, 19..=21, "端午节", "Dragon Boat Festival"));
    y2026.push(day(
        2026,
        9,
        20,
        true,
        "国庆节调休上班",
        "Working day (National Day adjustment)",
    ));
    y2026.extend(off(2026, 9, 25..=27, "中秋节", "Mid-Autumn Festival"));
    y2026.extend(off(2026, 10, 1..=7, "国庆节", "National Day"));
    y2026.push(day(
        2026,
        10,
        10,
        true,
        "国庆节调休上班",
        "Working day (National Day adjustment)",
    ));

    let mut y2027 = Vec::new();
    y2027.push(day(2027, 1, 1, false, "元旦", "New Year's Day"));
    y2027.extend(off(2027, 2, 5..=8, "春节", "Spring Festival"));
    y2027.push(day(2027, 4, 5, false, "清明节", "Qingming Festival"));
    y2027.extend(off(2027, 5, 1..=2, "劳动节", "Labour Day"));
    y2027.push(day(2027, 6, 9, false, "端午节", "Dragon Boat Festival"));
    y2027.push(day(2027, 9, 15, false, "中秋节", "Mid-Autumn Festival"));
    y2027.extend(off(2027, 10, 1..=3, "国庆节", "National Day"));
    vec![(2026, y2026), (2027, y2027)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    /// The State Council's 2026 arrangement around National Day: 1–7 October off,
    /// Sunday 20 September and Saturday 10 October worked.
    fn national_day_2026() -> WorkCalendar {
        let mut days: Vec<(Date, bool)> = (1..=7)
            .map(|day| (Date::new(2026, 10, day).unwrap(), false))
            .collect();
        days.push((d("2026-09-20"), true));
        days.push((d("2026-10-10"), true));
        WorkCalendar::new(days)
    }

    #[test]
    fn weekends_do_not_count() {
        let calendar = WorkCalendar::default();
        // Accepted on Friday 2026-11-20: five working days end on Friday 27th.
        assert_eq!(
            calendar.add_working_days(d("2026-11-20"), 5),
            d("2026-11-27")
        );
        // Accepted on a Saturday, the count starts on Monday.
        assert_eq!(
            calendar.add_working_days(d("2026-11-21"), 1),
            d("2026-11-23")
        );
        assert_eq!(
            calendar.add_working_days(d("2026-11-21"), 0),
            d("2026-11-21")
        );
    }

    #[test]
    fn holidays_stop_the_count_and_adjusted_weekends_move_it_on() {
        let calendar = national_day_2026();
        assert!(!calendar.is_working(d("2026-10-01")));
        assert!(
            calendar.is_working(d("2026-10-10")),
            "an adjusted working Saturday"
        );
        assert!(
            calendar.is_working(d("2026-09-20")),
            "an adjusted working Sunday"
        );
        // Accepted Wednesday 30 September: the holiday week does not count, Saturday
        // 10 October does; three working days end on Monday 12 October... counting
        // 8 (Thu), 9 (Fri), 10 (Sat, worked).
        assert_eq!(
            calendar.add_working_days(d("2026-09-30"), 3),
            d("2026-10-10")
        );
        assert_eq!(
            calendar.add_working_days(d("2026-09-30"), 4),
            d("2026-10-12")
        );
        // Accepted Friday 18 September: 19th off, 20th (Sunday) worked.
        assert_eq!(
            calendar.add_working_days(d("2026-09-18"), 1),
            d("2026-09-20")
        );
    }

    #[test]
    fn days_between_counts_working_days_only() {
        let calendar = national_day_2026();
        assert_eq!(
            calendar.working_days_between(d("2026-09-30"), d("2026-10-12")),
            4
        );
        assert_eq!(
            calendar.working_days_between(d("2026-10-12"), d("2026-09-30")),
            0
        );
        assert_eq!(
            calendar.working_days_between(d("2026-11-20"), d("2026-11-20")),
            0
        );
    }

    #[test]
    fn a_supplement_pause_moves_the_due_date_by_the_working_days_it_lasted() {
        let calendar = national_day_2026();
        let accepted = d("2026-09-24");
        let due = calendar.add_working_days(accepted, 10);
        // Supplement requested on 29 September, answered on 12 October: 30 Sep, 8, 9,
        // 10 and 12 October were working days spent waiting.
        let paused = calendar.working_days_between(d("2026-09-29"), d("2026-10-12"));
        assert_eq!(paused, 5);
        let new_due = calendar.add_working_days(due, paused);
        assert_eq!(calendar.working_days_between(due, new_due), 5);
    }

    #[test]
    fn urgency_follows_the_working_days_left() {
        let calendar = WorkCalendar::default();
        let due = d("2026-11-27");
        assert_eq!(urgency(&calendar, due, d("2026-11-20")), Urgency::OnTime);
        assert_eq!(urgency(&calendar, due, d("2026-11-24")), Urgency::DueSoon);
        assert_eq!(urgency(&calendar, due, d("2026-11-27")), Urgency::DueSoon);
        assert_eq!(urgency(&calendar, due, d("2026-11-28")), Urgency::Overdue);
    }
}
