//! Which services to tell a talent of (both targets).
use crate::common::text::Text;
use crate::eligibility::model::{Evaluation, Fact, Outcome, Verdict};

/// The notification kind of "you now qualify".
pub const QUALIFIED: &str = "newly_qualified";

/// Talents checked against an item per batch.
pub const BATCH: i64 = 100;

/// Whether to tell a talent of an item checked as `evaluation`: every rule met, and the
/// item has rules at all (one open to everyone is no news about this person).
pub fn worth_telling(evaluation: &Evaluation) -> bool {
    evaluation.verdict == Verdict::Eligible && !evaluation.results.is_empty()
}

/// The facts of the profile that met the item's rules, named in both languages, for the
/// message: why this person qualifies.
pub fn reasons(evaluation: &Evaluation) -> Text {
    let mut zh = Vec::new();
    let mut en = Vec::new();
    for result in evaluation
        .results
        .iter()
        .filter(|r| r.outcome == Outcome::Met)
    {
        let (z, e) = fact_name(result.rule.fact());
        if !zh.contains(&z) {
            zh.push(z);
            en.push(e);
        }
    }
    Text {
        zh: zh.join("、"),
        en: en.join(", "),
    }
}

fn fact_name(fact: Fact) -> (&'static str, &'static str) {
    match fact {
        Fact::Education => ("学历", "education"),
        Fact::GraduationDate => ("毕业时间", "graduation date"),
        Fact::BirthDate => ("年龄", "age"),
        Fact::EmployerInDistrict => ("在新区单位工作", "employer in the district"),
        Fact::Industry => ("所在行业", "industry"),
        Fact::Tier => ("人才层次", "talent tier"),
        Fact::MainlandResident => ("证件类型", "identity document"),
        Fact::FirstEmployment => ("首次就业", "first employment"),
    }
}

/// Where the message leads: the service's guide, whose "apply" opens an application
/// filled in from the profile.
pub fn link(code: &str) -> String {
    format!("/services/{code}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::date::test_dates::TODAY;
    use crate::eligibility::model::{Education, Profile, Rule, evaluate};

    #[test]
    fn only_a_person_meeting_every_rule_of_an_item_with_rules_is_told_with_the_reasons() {
        let rules = [
            Rule::EducationAtLeast {
                level: Education::Bachelor,
            },
            Rule::EmployedInDistrict,
        ];
        let graduate = Profile {
            education: Some(Education::Master),
            employer_in_district: Some(true),
            ..Profile::default()
        };
        let today = TODAY;
        let met = evaluate(&rules, &graduate, today);
        assert!(worth_telling(&met));
        assert_eq!(reasons(&met).zh, "学历、在新区单位工作");
        assert_eq!(reasons(&met).en, "education, employer in the district");
        let unknown = Profile {
            employer_in_district: None,
            ..graduate.clone()
        };
        assert!(!worth_telling(&evaluate(&rules, &unknown, today)));
        assert!(
            !worth_telling(&evaluate(&[], &graduate, today)),
            "open to all: no news"
        );
    }
}
