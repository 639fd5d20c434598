//! Incubation rules (both targets): project teams, calls with weighted criteria, the
//! application a team sends, the panel's score sheets and how they rank applications.
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

pub const MAX_NAME: usize = 100;
pub const MAX_SUMMARY: usize = 3_000;
/// Criteria per call (the editor shows this many rows; empty rows are left out).
pub const MAX_CRITERIA: usize = 6;
/// Scores run from 0 to this.
pub const MAX_SCORE: i64 = 10;

fn err(field: &'static str, message: &'static str) -> FieldError {
    FieldError { field, message }
}

fn text(
    field: &'static str,
    value: &str,
    max: usize,
    required: bool,
) -> Result<String, FieldError> {
    let value = value.trim();
    if required && value.is_empty() {
        Err(err(field, "err_required"))
    } else if value.chars().count() > max {
        Err(err(field, "err_too_long"))
    } else {
        Ok(value.to_string())
    }
}

/// The longest team name: a name, not a sentence.
pub const MAX_TEAM_NAME: usize = 40;

/// A team's name, which invitations carry to people outside the hub: letters of any
/// script, digits, single spaces and a few joining marks, at most 40 characters. No dots,
/// slashes, colons or `@`, so a name can never spell a web or e-mail address to lure the
/// recipients of an invitation with.
pub fn normalize_team_name(input: &str) -> Result<String, FieldError> {
    let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        Err(err("name", "err_required"))
    } else if name.chars().count() > MAX_TEAM_NAME {
        Err(err("name", "err_too_long"))
    } else if !name.chars().all(|c| {
        c.is_alphanumeric()
            || matches!(
                c,
                ' ' | '-' | '_' | '&' | '\'' | '(' | ')' | '（' | '）' | '·' | '+' | '#'
            )
    }) {
        Err(err("name", "err_team_name_characters"))
    } else {
        Ok(name)
    }
}

crate::string_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum Stage {
        Idea => "idea",
        Prototype => "prototype",
        Revenue => "revenue",
        Growth => "growth",
    }
}

crate::string_enum! {
    /// What staff decide about an application.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum Decision {
        Admit => "admitted",
        Waitlist => "waitlisted",
        Decline => "declined",
    }
}

/// One criterion of a call as staff type it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionDraft {
    #[serde(default)]
    pub name_zh: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub weight: String,
}

/// A checked criterion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub name_zh: String,
    pub name_en: String,
    /// Percent; a call's weights add up to 100.
    pub weight: i64,
}

/// The criteria of a call: rows left empty are dropped; at least one; each named in both
/// languages with a whole-number weight; the weights add up to 100.
pub fn check_criteria(rows: &[CriterionDraft]) -> Result<Vec<Criterion>, FieldError> {
    let mut criteria = Vec::new();
    for row in rows
        .iter()
        .filter(|r| !(r.name_zh.trim().is_empty() && r.name_en.trim().is_empty()))
    {
        let name_zh = text("criteria", &row.name_zh, MAX_NAME, true)?;
        let name_en = text("criteria", &row.name_en, MAX_NAME, true)?;
        let weight: i64 = row
            .weight
            .trim()
            .parse()
            .map_err(|_| err("criteria", "err_number"))?;
        if !(1..=100).contains(&weight) {
            return Err(err("criteria", "err_number_range"));
        }
        criteria.push(Criterion {
            name_zh,
            name_en,
            weight,
        });
    }
    if criteria.is_empty() || criteria.len() > MAX_CRITERIA {
        return Err(err("criteria", "err_criteria_count"));
    }
    if criteria.iter().map(|c| c.weight).sum::<i64>() != 100 {
        return Err(err("criteria", "err_criteria_weights"));
    }
    Ok(criteria)
}

/// One reviewer's sheet: a score per criterion (in the call's order), 0 to `MAX_SCORE`.
pub fn check_scores(typed: &[String], criteria: usize) -> Result<Vec<i64>, FieldError> {
    if typed.len() != criteria {
        return Err(err("scores", "err_scores_incomplete"));
    }
    typed
        .iter()
        .map(|t| {
            let score: i64 = t
                .trim()
                .parse()
                .map_err(|_| err("scores", "err_scores_incomplete"))?;
            if (0..=MAX_SCORE).contains(&score) {
                Ok(score)
            } else {
                Err(err("scores", "err_number_range"))
            }
        })
        .collect()
}

/// A sheet's weighted score: Σ weight × score / Σ weight (0 to `MAX_SCORE`).
pub fn weighted_score(weights: &[i64], scores: &[i64]) -> f64 {
    let total: i64 = weights.iter().sum();
    if total == 0 {
        return 0.0;
    }
    let sum: i64 = weights.iter().zip(scores).map(|(w, s)| w * s).sum();
    sum as f64 / total as f64
}

/// An application's place in the ranking: the average of its submitted sheets' weighted
/// scores (`None` before any sheet is in).
pub fn average_score(sheets: &[f64]) -> Option<f64> {
    (!sheets.is_empty()).then(|| sheets.iter().sum::<f64>() / sheets.len() as f64)
}

/// An application as its team types it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationDraft {
    #[serde(default)]
    pub call: i64,
    #[serde(default)]
    pub team: i64,
    #[serde(default)]
    pub project_name: String,
    #[serde(default)]
    pub industry: String,
    #[serde(default)]
    pub stage: String,
    /// Yuan, as typed.
    #[serde(default)]
    pub funding: String,
    #[serde(default)]
    pub summary: String,
    /// "on": the team agrees to appear on the public page if admitted.
    #[serde(default)]
    pub public_consent: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidApplication {
    pub project_name: String,
    pub industry: String,
    pub stage: Stage,
    pub funding_fen: i64,
    pub summary: String,
    pub public_consent: bool,
}

impl ApplicationDraft {
    pub fn validate(&self) -> Result<ValidApplication, FieldError> {
        let project_name = text("draft[project_name]", &self.project_name, MAX_NAME, true)?;
        let industry = text("draft[industry]", &self.industry, 64, true)?;
        let stage = Stage::parse(&self.stage).ok_or(err("draft[stage]", "err_choice"))?;
        let yuan: i64 = self
            .funding
            .trim()
            .replace([',', '，'], "")
            .parse()
            .map_err(|_| err("draft[funding]", "err_number"))?;
        if !(0..=1_000_000_000).contains(&yuan) {
            return Err(err("draft[funding]", "err_number_range"));
        }
        let summary = text("draft[summary]", &self.summary, MAX_SUMMARY, true)?;
        Ok(ValidApplication {
            project_name,
            industry,
            stage,
            funding_fen: yuan * 100,
            summary,
            public_consent: self.public_consent == "on" || self.public_consent == "true",
        })
    }
}

/// A call as staff type it: texts, closing time, criteria rows and the panel.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallDraft {
    #[serde(default)]
    pub title_zh: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub description_zh: String,
    #[serde(default)]
    pub description_en: String,
    /// China time, `2026-12-31T18:00`.
    #[serde(default)]
    pub closes: String,
    #[serde(default)]
    pub criteria: Vec<CriterionDraft>,
    /// Staff account ids on the review panel.
    #[serde(default)]
    pub reviewers: Vec<i64>,
}

/// A call as its change form starts: the texts, closing time and panel as they are
/// (criteria stay as opened: applicants applied against them).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallSettings {
    pub id: i64,
    pub version: i64,
    pub draft: CallDraft,
    /// Panel members who have submitted a sheet: they stay on the panel.
    pub scored: Vec<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    pub id: i64,
    pub login: String,
    pub name: Option<String>,
    /// lead, invited, accepted or declined.
    pub state: String,
}

/// An application as its team follows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamApplication {
    pub id: i64,
    pub call_title: crate::common::text::Text,
    pub project_name: String,
    /// submitted, admitted, waitlisted or declined.
    pub state: String,
    pub reason: String,
    /// The business plan's file name, once uploaded.
    pub plan: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    pub id: i64,
    pub name: String,
    pub lead: bool,
    pub members: Vec<TeamMember>,
    pub applications: Vec<TeamApplication>,
}

/// A staff member who can sit on a panel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelCandidate {
    pub id: i64,
    pub name: String,
}

/// An invitation waiting for the caller's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub member_id: i64,
    pub team_name: String,
    pub lead_name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyTeams {
    pub teams: Vec<Team>,
    pub invitations: Vec<Invitation>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionView {
    pub id: i64,
    pub name: crate::common::text::Text,
    pub weight: i64,
}

/// One reviewer's submitted sheet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    pub reviewer: String,
    pub scores: Vec<i64>,
    pub weighted: f64,
    pub comment: String,
}

/// An application as the reviewer sees it: others' sheets only after their own.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewView {
    pub application_id: i64,
    pub project_name: String,
    pub team_name: String,
    pub summary: String,
    pub criteria: Vec<CriterionView>,
    pub mine: Option<Sheet>,
    /// Empty until the caller has submitted their own.
    pub others: Vec<Sheet>,
}

/// A call as the public list and the staff desk show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallSummary {
    pub id: i64,
    pub title: crate::common::text::Text,
    pub description: crate::common::text::Text,
    pub closes_at: i64,
    pub open: bool,
    pub criteria: Vec<CriterionView>,
    /// The caller sits on its panel.
    pub on_panel: bool,
    /// Applications received, and how many are decided.
    pub applications: i64,
    pub decided: i64,
}

/// A line of a call's ranking (staff).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ranked {
    pub application_id: i64,
    pub version: i64,
    pub project_name: String,
    pub team_name: String,
    pub state: String,
    pub sheets: i64,
    /// Average of the sheets' weighted scores.
    pub average: Option<f64>,
    /// The caller may score it (on the panel, not in the team) and has not yet.
    pub to_score: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncubatedProject {
    pub project_name: String,
    pub team_name: String,
    pub industry: String,
    pub stage: Stage,
    pub call_title: crate::common::text::Text,
}

#[cfg(test)]
mod team_name_tests {
    use super::*;

    #[test]
    fn team_names_cannot_spell_addresses() {
        assert_eq!(normalize_team_name("  智行   团队 ").unwrap(), "智行 团队");
        assert_eq!(
            normalize_team_name("Sky Lab 1712345678901").unwrap(),
            "Sky Lab 1712345678901"
        );
        assert!(normalize_team_name("R&D (Chongqing) · O'Neil #2").is_ok());
        for lure in [
            "Your account is locked, visit evil.example",
            "evil.example",
            "https://evil",
            "mail me at a@b",
            "line\nBcc: x",
            "a/b",
        ] {
            assert!(normalize_team_name(lure).is_err(), "{lure}");
        }
        assert_eq!(
            normalize_team_name(&"队".repeat(41)).unwrap_err().message,
            "err_too_long"
        );
        assert_eq!(
            normalize_team_name(" ").unwrap_err().message,
            "err_required"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(zh: &str, en: &str, weight: &str) -> CriterionDraft {
        CriterionDraft {
            name_zh: zh.into(),
            name_en: en.into(),
            weight: weight.into(),
        }
    }

    #[test]
    fn criteria_weights_add_up_to_one_hundred() {
        let rows = [
            row("创新性", "Innovation", "40"),
            row("团队", "Team", "35"),
            row("", "", ""),
            row("市场", "Market", "25"),
        ];
        let criteria = check_criteria(&rows).unwrap();
        assert_eq!(criteria.len(), 3);
        let message = |rows: &[CriterionDraft]| check_criteria(rows).unwrap_err().message;
        assert_eq!(
            message(&[row("创新性", "Innovation", "60")]),
            "err_criteria_weights"
        );
        assert_eq!(message(&[row("创新性", "", "100")]), "err_required");
        assert_eq!(message(&[row("创新性", "Innovation", "x")]), "err_number");
        assert_eq!(message(&[]), "err_criteria_count");
    }

    #[test]
    fn scores_are_whole_numbers_on_every_criterion() {
        let typed = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(check_scores(&typed(&["8", " 6 "]), 2).unwrap(), vec![8, 6]);
        assert_eq!(
            check_scores(&typed(&["8"]), 2).unwrap_err().message,
            "err_scores_incomplete"
        );
        assert_eq!(
            check_scores(&typed(&["8", "11"]), 2).unwrap_err().message,
            "err_number_range"
        );
    }

    #[test]
    fn the_ranking_is_the_average_of_weighted_sheets() {
        let weights = [40, 35, 25];
        let a = weighted_score(&weights, &[8, 6, 10]); // (320 + 210 + 250) / 100
        let b = weighted_score(&weights, &[5, 9, 7]); // (200 + 315 + 175) / 100
        assert!((a - 7.8).abs() < 1e-9);
        assert!((b - 6.9).abs() < 1e-9);
        assert!((average_score(&[a, b]).unwrap() - 7.35).abs() < 1e-9);
        assert_eq!(average_score(&[]), None);
    }

    #[test]
    fn an_application_names_the_field_to_fix() {
        let ok = ApplicationDraft {
            call: 1,
            team: 1,
            project_name: "智能网联测试平台".into(),
            industry: "auto".into(),
            stage: "prototype".into(),
            funding: "500,000".into(),
            summary: "车路协同测试。".into(),
            public_consent: "on".into(),
        };
        let valid = ok.validate().unwrap();
        assert_eq!(valid.funding_fen, 50_000_000);
        assert!(valid.public_consent);
        let field = |d: ApplicationDraft| d.validate().unwrap_err().field;
        assert_eq!(
            field(ApplicationDraft {
                stage: "unicorn".into(),
                ..ok.clone()
            }),
            "draft[stage]"
        );
        assert_eq!(
            field(ApplicationDraft {
                funding: "lots".into(),
                ..ok.clone()
            }),
            "draft[funding]"
        );
    }
}
