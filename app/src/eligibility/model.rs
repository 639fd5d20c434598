//! Eligibility rules as data, and the one pure function that checks a profile against them.
//! Compiled for the server and the browser alike, so the questionnaire answers instantly and
//! the server reaches the same verdict. Every rule reports its own outcome; the pages turn
//! each outcome into a reason in the reader's language.
use crate::common::date::Date;
use serde::{Deserialize, Serialize};

crate::string_enum! {
    /// Highest completed education, in order.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    pub enum Education {
        Secondary => "secondary",
        Vocational => "vocational",
        Associate => "associate",
        Bachelor => "bachelor",
        Master => "master",
        Doctorate => "doctorate",
    }
}

crate::string_enum! {
    /// The district's key industries, and everything else.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Industry {
        Automobile => "automobile",
        Electronics => "electronics",
        Equipment => "equipment",
        Biomedicine => "biomedicine",
        Other => "other",
    }
}

crate::string_enum! {
    /// Talent tiers recognized by the district, highest first in rank.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    pub enum TalentTier {
        /// No recognized tier.
        None => "none",
        /// High-skilled talents (senior technicians and above).
        HighSkilled => "high_skilled",
        /// High-level talents.
        HighLevel => "high_level",
        /// Leading talents heading project teams.
        Leading => "leading",
        /// First-class scientists.
        TopScientist => "top_scientist",
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::date::test_dates::{TODAY, d};

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
