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

/// The timeline event and notification kind of a case the hub opened itself (免申即享).
pub const OPENED_BY_HUB: &str = "opened_by_hub";

/// Why the hub opened a case without an application: the hire recorded on the job board
/// and the profile facts that met the item's rules.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct HubOpening {
    pub employer_name: String,
    pub post_title: Text,
    pub reasons: Text,
    pub opened_at: i64,
}

/// Whether a hire makes a talent qualify for an item the hub opens by itself: every rule
/// met, with the hire standing for employment in the district (an enterprise on the hub
/// hired them, which the enterprise confirmed by recording it).
pub fn opens_for_hire(
    item: &crate::catalogue::model::ServiceItem,
    profile: &crate::eligibility::model::Profile,
    today: crate::common::date::Date,
) -> Option<Evaluation> {
    if !item.no_application {
        return None;
    }
    let facts = crate::eligibility::model::Profile {
        employer_in_district: Some(true),
        ..profile.clone()
    };
    let evaluation = crate::eligibility::model::evaluate(&item.rules, &facts, today);
    (evaluation.verdict == Verdict::Eligible).then_some(evaluation)
}

/// Where the message leads: the service's guide, whose "apply" opens an application
/// filled in from the profile.
pub fn link(code: &str) -> String {
    format!("/services/{code}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::model::ServiceItem;
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

    #[cfg(feature = "ssr")]
    #[test]
    fn a_hire_opens_an_item_marked_no_application_when_the_rest_of_the_profile_meets_its_rules() {
        let item = crate::demo::catalogue::demo_items()
            .into_iter()
            .find(|it| it.code == "LJ-GRAD-RESETTLE")
            .expect("the demo resettlement subsidy");
        assert!(item.no_application);
        let graduate = Profile {
            education: Some(Education::Master),
            graduation_date: Some(TODAY.add_days(-200)),
            // Not yet recorded by the talent: the hire itself shows it.
            employer_in_district: None,
            ..Profile::default()
        };
        let opened = opens_for_hire(&item, &graduate, TODAY).expect("opens");
        assert!(reasons(&opened).en.contains("employer in the district"));
        let long_ago = Profile {
            graduation_date: Some(TODAY.add_days(-3 * 366)),
            ..graduate.clone()
        };
        assert!(
            opens_for_hire(&item, &long_ago, TODAY).is_none(),
            "graduated too long ago"
        );
        let unmarked = ServiceItem {
            no_application: false,
            ..item
        };
        assert!(
            opens_for_hire(&unmarked, &graduate, TODAY).is_none(),
            "applied for as usual"
        );
    }
}
