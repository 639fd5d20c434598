//! Calendar dates and the China clock: ages, graduation dates, working days and deadlines
//! all count in days of China Standard Time, on the server and in the browser alike.
use serde::{Deserialize, Serialize};

/// A calendar date (proleptic Gregorian), enough for ages and graduation dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// A real date, or `None` (30 February, month 13, …).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days_in_month)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// `2026-11-25`.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Date::new(year, month, day)
    }

    /// Days since 1970-01-01 (negative before), for counting and stepping through days.
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub fn add_days(self, days: i64) -> Date {
        Date::from_days(self.to_days() + days)
    }

    /// 1 = Monday … 7 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday.
        ((self.to_days() + 3).rem_euclid(7) + 1) as u32
    }

    /// Whole years from `self` to `later` (an age: it goes up on the birthday itself; a
    /// 29 February birthday goes up on 1 March in common years).
    pub fn years_until(self, later: Date) -> i32 {
        let mut years = later.year - self.year;
        if (later.month, later.day) < (self.month, self.day) {
            years -= 1;
        }
        years
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Today's date in China Standard Time (UTC+8) for a Unix-millisecond clock.
pub fn today_in_china(now_ms: i64) -> Date {
    let text = crate::format::datetime(now_ms);
    Date::parse(&text[..10]).unwrap_or(Date {
        year: 1970,
        month: 1,
        day: 1,
    })
}

/// Today in China, by the server's clock.
#[cfg(feature = "ssr")]
pub fn today() -> Date {
    today_in_china(crate::db::now_ms())
}

/// Dates for tests of any concept: `d(2026, 11, 25)` and the tests' fixed "today".
#[cfg(test)]
pub(crate) mod test_dates {
    use super::Date;

    pub fn d(y: i32, m: u32, day: u32) -> Date {
        Date::new(y, m, day).unwrap()
    }

    pub const TODAY: Date = Date {
        year: 2026,
        month: 11,
        day: 25,
    };
}

#[cfg(test)]
mod tests {
    use super::test_dates::{TODAY, d};
    use super::*;

    #[test]
    fn dates_are_real() {
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2026, 2, 29).is_none());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2026, 13, 1).is_none());
        assert!(Date::new(2026, 4, 31).is_none());
        assert_eq!(Date::parse("2026-11-25"), Some(TODAY));
        assert_eq!(Date::parse("2026-11"), None);
        assert_eq!(TODAY.to_string(), "2026-11-25");
    }

    #[test]
    fn days_count_and_weekdays() {
        assert_eq!(d(1970, 1, 1).to_days(), 0);
        assert_eq!(d(2026, 11, 25).weekday(), 3);
        assert_eq!(d(2024, 2, 29).add_days(1), d(2024, 3, 1));
        assert_eq!(d(2026, 12, 31).add_days(1), d(2027, 1, 1));
        assert_eq!(d(1900, 3, 1).add_days(-1), d(1900, 2, 28));
        for days in (-800_000..800_000).step_by(997) {
            let date = Date::from_days(days);
            assert!(Date::new(date.year, date.month, date.day).is_some());
            assert_eq!(date.to_days(), days);
        }
    }

    #[test]
    fn ages_go_up_on_the_birthday() {
        assert_eq!(d(1991, 11, 25).years_until(TODAY), 35);
        assert_eq!(d(1991, 11, 26).years_until(TODAY), 34);
        assert_eq!(d(2000, 2, 29).years_until(d(2026, 2, 28)), 25);
        assert_eq!(d(2000, 2, 29).years_until(d(2026, 3, 1)), 26);
    }
}
