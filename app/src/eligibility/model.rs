//! Eligibility rules as data, and the one pure function that checks a profile against them.
//! Compiled for the server and the browser alike, so the questionnaire answers instantly and
//! the server reaches the same verdict. Every rule reports its own outcome; the pages turn
//! each outcome into a reason in the reader's language.
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

/// Highest completed education, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Education {
    Secondary,
    Vocational,
    Associate,
    Bachelor,
    Master,
    Doctorate,
}

impl Education {
    pub const ALL: [Education; 6] = [
        Education::Secondary,
        Education::Vocational,
        Education::Associate,
        Education::Bachelor,
        Education::Master,
        Education::Doctorate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Education::Secondary => "secondary",
            Education::Vocational => "vocational",
            Education::Associate => "associate",
            Education::Bachelor => "bachelor",
            Education::Master => "master",
            Education::Doctorate => "doctorate",
        }
    }

    pub fn parse(value: &str) -> Option<Education> {
        Self::ALL.into_iter().find(|e| e.as_str() == value)
    }
}

/// The district's key industries, and everything else.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Industry {
    Automobile,
    Electronics,
    Equipment,
    Biomedicine,
    Other,
}

impl Industry {
    pub const ALL: [Industry; 5] = [
        Industry::Automobile,
        Industry::Electronics,
        Industry::Equipment,
        Industry::Biomedicine,
        Industry::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Industry::Automobile => "automobile",
            Industry::Electronics => "electronics",
            Industry::Equipment => "equipment",
            Industry::Biomedicine => "biomedicine",
            Industry::Other => "other",
        }
    }

    pub fn parse(value: &str) -> Option<Industry> {
        Self::ALL.into_iter().find(|i| i.as_str() == value)
    }
}

/// Talent tiers recognized by the district, highest first in rank.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum TalentTier {
    /// No recognized tier.
    None,
    /// High-skilled talents (senior technicians and above).
    HighSkilled,
    /// High-level talents.
    HighLevel,
    /// Leading talents heading project teams.
    Leading,
    /// First-class scientists.
    TopScientist,
}

impl TalentTier {
    pub const ALL: [TalentTier; 5] = [
        TalentTier::None,
        TalentTier::HighSkilled,
        TalentTier::HighLevel,
        TalentTier::Leading,
        TalentTier::TopScientist,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TalentTier::None => "none",
            TalentTier::HighSkilled => "high_skilled",
            TalentTier::HighLevel => "high_level",
            TalentTier::Leading => "leading",
            TalentTier::TopScientist => "top_scientist",
        }
    }

    pub fn parse(value: &str) -> Option<TalentTier> {
        Self::ALL.into_iter().find(|t| t.as_str() == value)
    }
}

/// The facts about a person that rules may look at. Every fact may be unknown.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub education: Option<Education>,
    pub graduation_date: Option<Date>,
    pub birth_date: Option<Date>,
    pub employer_in_district: Option<bool>,
    pub industry: Option<Industry>,
    pub tier: Option<TalentTier>,
    /// Holds a mainland Chinese ID card (as opposed to a passport).
    pub mainland_resident: Option<bool>,
    /// This is the person's first job after graduating.
    pub first_employment: Option<bool>,
}

/// The names of the facts, for administrators writing rules and for "we need to know…".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Fact {
    Education,
    GraduationDate,
    BirthDate,
    EmployerInDistrict,
    Industry,
    Tier,
    MainlandResident,
    FirstEmployment,
}

/// One condition of a service item. Stored as JSON with the item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Rule {
    EducationAtLeast {
        level: Education,
    },
    /// Graduated no more than `years` years ago (exactly `years` ago still counts).
    GraduatedWithinYears {
        years: u32,
    },
    /// At most `years` old (on the day of the check).
    AgeAtMost {
        years: u32,
    },
    EmployedInDistrict,
    IndustryIn {
        industries: Vec<Industry>,
    },
    TierAtLeast {
        tier: TalentTier,
    },
    FirstEmployment,
    MainlandResident,
}

impl Rule {
    /// The fact the rule reads.
    pub fn fact(&self) -> Fact {
        match self {
            Rule::EducationAtLeast { .. } => Fact::Education,
            Rule::GraduatedWithinYears { .. } => Fact::GraduationDate,
            Rule::AgeAtMost { .. } => Fact::BirthDate,
            Rule::EmployedInDistrict => Fact::EmployerInDistrict,
            Rule::IndustryIn { .. } => Fact::Industry,
            Rule::TierAtLeast { .. } => Fact::Tier,
            Rule::FirstEmployment => Fact::FirstEmployment,
            Rule::MainlandResident => Fact::MainlandResident,
        }
    }

    /// Whether `profile` meets the rule on `today`; `None` when the fact is unknown.
    pub fn check(&self, profile: &Profile, today: Date) -> Option<bool> {
        match self {
            Rule::EducationAtLeast { level } => profile.education.map(|e| e >= *level),
            Rule::GraduatedWithinYears { years } => profile.graduation_date.map(|graduated| {
                let years = (*years).min(1000) as i32;
                let elapsed = graduated.years_until(today);
                let anniversary = (graduated.month, graduated.day) == (today.month, today.day);
                graduated <= today && (elapsed < years || (elapsed == years && anniversary))
            }),
            Rule::AgeAtMost { years } => profile
                .birth_date
                .map(|born| born <= today && born.years_until(today) <= (*years).min(1000) as i32),
            Rule::EmployedInDistrict => profile.employer_in_district,
            Rule::IndustryIn { industries } => profile.industry.map(|i| industries.contains(&i)),
            Rule::TierAtLeast { tier } => profile.tier.map(|t| t >= *tier),
            Rule::FirstEmployment => profile.first_employment,
            Rule::MainlandResident => profile.mainland_resident,
        }
    }
}

/// How one rule came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Met,
    NotMet,
    /// The profile does not say.
    Unknown,
}

/// The overall answer for one service item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    Eligible,
    NotEligible,
    NeedMoreInformation,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleResult {
    pub rule: Rule,
    pub outcome: Outcome,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    pub verdict: Verdict,
    pub results: Vec<RuleResult>,
}

/// Checks `profile` against every rule (all must hold). Any rule not met makes the item
/// "not eligible"; otherwise any unknown fact makes it "more information needed".
pub fn evaluate(rules: &[Rule], profile: &Profile, today: Date) -> Evaluation {
    let results: Vec<RuleResult> = rules
        .iter()
        .map(|rule| RuleResult {
            rule: rule.clone(),
            outcome: match rule.check(profile, today) {
                Some(true) => Outcome::Met,
                Some(false) => Outcome::NotMet,
                None => Outcome::Unknown,
            },
        })
        .collect();
    let verdict = if results.iter().any(|r| r.outcome == Outcome::NotMet) {
        Verdict::NotEligible
    } else if results.iter().any(|r| r.outcome == Outcome::Unknown) {
        Verdict::NeedMoreInformation
    } else {
        Verdict::Eligible
    };
    Evaluation { verdict, results }
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

/// Orders results for reading: eligible first, then "more information needed", then not
/// eligible; the highest amount first within each group.
pub fn rank(mut results: Vec<super::api::ItemEligibility>) -> Vec<super::api::ItemEligibility> {
    let group = |v: Verdict| match v {
        Verdict::Eligible => 0,
        Verdict::NeedMoreInformation => 1,
        Verdict::NotEligible => 2,
    };
    results.sort_by(|a, b| {
        group(a.evaluation.verdict)
            .cmp(&group(b.evaluation.verdict))
            .then(
                b.item
                    .max_amount_fen
                    .unwrap_or(0)
                    .cmp(&a.item.max_amount_fen.unwrap_or(0)),
            )
            .then(a.item.code.cmp(&b.item.code))
    });
    results
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::new(y, m, day).unwrap()
    }

    const TODAY: Date = Date {
        year: 2026,
        month: 11,
        day: 25,
    };

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

    #[test]
    fn rules_table() {
        let p = |f: fn(&mut Profile)| {
            let mut profile = Profile::default();
            f(&mut profile);
            profile
        };
        let cases: Vec<(Rule, Profile, Option<bool>)> = vec![
            // Education is ordered.
            (
                Rule::EducationAtLeast {
                    level: Education::Bachelor,
                },
                p(|p| p.education = Some(Education::Bachelor)),
                Some(true),
            ),
            (
                Rule::EducationAtLeast {
                    level: Education::Bachelor,
                },
                p(|p| p.education = Some(Education::Doctorate)),
                Some(true),
            ),
            (
                Rule::EducationAtLeast {
                    level: Education::Bachelor,
                },
                p(|p| p.education = Some(Education::Associate)),
                Some(false),
            ),
            (
                Rule::EducationAtLeast {
                    level: Education::Bachelor,
                },
                Profile::default(),
                None,
            ),
            // Age on the birthday itself: 35 today is still "at most 35".
            (
                Rule::AgeAtMost { years: 35 },
                p(|p| p.birth_date = Some(d(1991, 11, 25))),
                Some(true),
            ),
            (
                Rule::AgeAtMost { years: 35 },
                p(|p| p.birth_date = Some(d(1990, 11, 26))),
                Some(true),
            ),
            (
                Rule::AgeAtMost { years: 35 },
                p(|p| p.birth_date = Some(d(1990, 11, 25))),
                Some(false),
            ),
            // Born in the future: no.
            (
                Rule::AgeAtMost { years: 35 },
                p(|p| p.birth_date = Some(d(2027, 1, 1))),
                Some(false),
            ),
            // Graduated exactly two years ago today still counts; a day more does not.
            (
                Rule::GraduatedWithinYears { years: 2 },
                p(|p| p.graduation_date = Some(d(2024, 11, 25))),
                Some(true),
            ),
            (
                Rule::GraduatedWithinYears { years: 2 },
                p(|p| p.graduation_date = Some(d(2024, 11, 24))),
                Some(false),
            ),
            (
                Rule::GraduatedWithinYears { years: 2 },
                p(|p| p.graduation_date = Some(d(2025, 6, 30))),
                Some(true),
            ),
            // Graduating in the future is not having graduated.
            (
                Rule::GraduatedWithinYears { years: 2 },
                p(|p| p.graduation_date = Some(d(2027, 6, 30))),
                Some(false),
            ),
            (
                Rule::GraduatedWithinYears { years: 2 },
                Profile::default(),
                None,
            ),
            (
                Rule::EmployedInDistrict,
                p(|p| p.employer_in_district = Some(true)),
                Some(true),
            ),
            (
                Rule::EmployedInDistrict,
                p(|p| p.employer_in_district = Some(false)),
                Some(false),
            ),
            (
                Rule::IndustryIn {
                    industries: vec![Industry::Automobile, Industry::Electronics],
                },
                p(|p| p.industry = Some(Industry::Electronics)),
                Some(true),
            ),
            (
                Rule::IndustryIn {
                    industries: vec![Industry::Automobile],
                },
                p(|p| p.industry = Some(Industry::Other)),
                Some(false),
            ),
            (
                Rule::TierAtLeast {
                    tier: TalentTier::HighLevel,
                },
                p(|p| p.tier = Some(TalentTier::TopScientist)),
                Some(true),
            ),
            (
                Rule::TierAtLeast {
                    tier: TalentTier::HighLevel,
                },
                p(|p| p.tier = Some(TalentTier::HighSkilled)),
                Some(false),
            ),
            (
                Rule::FirstEmployment,
                p(|p| p.first_employment = Some(true)),
                Some(true),
            ),
            (
                Rule::MainlandResident,
                p(|p| p.mainland_resident = Some(false)),
                Some(false),
            ),
        ];
        for (rule, profile, expected) in cases {
            assert_eq!(
                rule.check(&profile, TODAY),
                expected,
                "{rule:?} on {profile:?}"
            );
        }
    }

    #[test]
    fn verdicts() {
        let rules = vec![
            Rule::EducationAtLeast {
                level: Education::Bachelor,
            },
            Rule::GraduatedWithinYears { years: 2 },
            Rule::EmployedInDistrict,
        ];
        let mut profile = Profile {
            education: Some(Education::Master),
            graduation_date: Some(d(2026, 6, 30)),
            ..Profile::default()
        };
        let evaluation = evaluate(&rules, &profile, TODAY);
        assert_eq!(evaluation.verdict, Verdict::NeedMoreInformation);
        assert_eq!(evaluation.results[2].outcome, Outcome::Unknown);

        profile.employer_in_district = Some(true);
        assert_eq!(evaluate(&rules, &profile, TODAY).verdict, Verdict::Eligible);

        // One rule not met decides, even with other facts unknown.
        profile.employer_in_district = None;
        profile.education = Some(Education::Associate);
        let evaluation = evaluate(&rules, &profile, TODAY);
        assert_eq!(evaluation.verdict, Verdict::NotEligible);
        assert_eq!(evaluation.results[0].outcome, Outcome::NotMet);
        // Every rule reports, in order.
        assert_eq!(evaluation.results.len(), 3);
        // No rules: everyone qualifies.
        assert_eq!(
            evaluate(&[], &Profile::default(), TODAY).verdict,
            Verdict::Eligible
        );
    }

    #[test]
    fn rules_are_stored_as_readable_json() {
        let rule = Rule::EducationAtLeast {
            level: Education::Bachelor,
        };
        let json = serde_json::to_string(&rule).unwrap();
        assert_eq!(json, r#"{"rule":"education_at_least","level":"Bachelor"}"#);
        assert_eq!(serde_json::from_str::<Rule>(&json).unwrap(), rule);
        // A rule over an unknown fact is refused when read.
        assert!(serde_json::from_str::<Rule>(r#"{"rule":"shoe_size_at_most","size":44}"#).is_err());
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        fn date() -> impl Strategy<Value = Date> {
            (1900i32..2100, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| {
                Date::new(y, m, d).unwrap_or(Date {
                    year: y,
                    month: m,
                    day: 1,
                })
            })
        }

        fn profile() -> impl Strategy<Value = Profile> {
            (
                proptest::option::of(proptest::sample::select(Education::ALL.to_vec())),
                proptest::option::of(date()),
                proptest::option::of(date()),
                proptest::option::of(any::<bool>()),
                proptest::option::of(proptest::sample::select(Industry::ALL.to_vec())),
                proptest::option::of(proptest::sample::select(TalentTier::ALL.to_vec())),
                proptest::option::of(any::<bool>()),
                proptest::option::of(any::<bool>()),
            )
                .prop_map(
                    |(
                        education,
                        graduation_date,
                        birth_date,
                        employer_in_district,
                        industry,
                        tier,
                        mainland_resident,
                        first_employment,
                    )| Profile {
                        education,
                        graduation_date,
                        birth_date,
                        employer_in_district,
                        industry,
                        tier,
                        mainland_resident,
                        first_employment,
                    },
                )
        }

        fn rule() -> impl Strategy<Value = Rule> {
            prop_oneof![
                proptest::sample::select(Education::ALL.to_vec())
                    .prop_map(|level| Rule::EducationAtLeast { level }),
                any::<u32>().prop_map(|years| Rule::GraduatedWithinYears { years }),
                any::<u32>().prop_map(|years| Rule::AgeAtMost { years }),
                Just(Rule::EmployedInDistrict),
                proptest::collection::vec(proptest::sample::select(Industry::ALL.to_vec()), 0..4)
                    .prop_map(|industries| Rule::IndustryIn { industries }),
                proptest::sample::select(TalentTier::ALL.to_vec())
                    .prop_map(|tier| Rule::TierAtLeast { tier }),
                Just(Rule::FirstEmployment),
                Just(Rule::MainlandResident),
            ]
        }

        proptest! {
            #[test]
            fn evaluation_never_panics_and_is_consistent(
                rules in proptest::collection::vec(rule(), 0..8),
                profile in profile(),
                today in date(),
            ) {
                let evaluation = evaluate(&rules, &profile, today);
                prop_assert_eq!(evaluation.results.len(), rules.len());
                let any_not_met = evaluation.results.iter().any(|r| r.outcome == Outcome::NotMet);
                prop_assert_eq!(any_not_met, evaluation.verdict == Verdict::NotEligible);
                if evaluation.verdict == Verdict::Eligible {
                    prop_assert!(evaluation.results.iter().all(|r| r.outcome == Outcome::Met));
                }
            }
        }
    }
}
