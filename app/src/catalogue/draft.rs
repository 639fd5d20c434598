//! The editor's copy of a service item: every input as typed (text areas for lists of
//! lines, rows for materials, form fields and rules), so a half-written item can be saved
//! and nothing typed is lost. [`ItemDraft::to_item`] turns it into a publishable item and
//! names the input to fix when it cannot; the same code runs in the browser and on the
//! server. Input names follow the form: `draft[fields][2][key]`.
use crate::catalogue::model::*;
use crate::common::text::Text;
use crate::eligibility::model::{Education, Industry, Rule, TalentTier};
use crate::error::AppError;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ItemDraft {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub summary_zh: String,
    pub summary_en: String,
    pub category: String,
    pub applicant: String,
    pub department_zh: String,
    pub department_en: String,
    pub policy_code: String,
    pub article: String,
    pub time_limit_days: String,
    /// Whole yuan; empty for services that pay nothing.
    pub max_amount_yuan: String,
    /// `on` when the box is ticked (as browsers send it).
    pub employer_confirmation: String,
    /// Whole yuan; empty when one staff member's approval is always enough.
    pub sign_off_above_yuan: String,
    pub several_at_once: String,
    /// `on`: 免申即享, the hub opens the case for a hire recorded on the job board.
    #[serde(default)]
    pub no_application: String,
    /// Whole working days; empty for the legal ten.
    pub extension_days: String,
    /// One condition per line, the same number of lines in both languages.
    pub conditions_zh: String,
    pub conditions_en: String,
    pub steps_zh: String,
    pub steps_en: String,
    pub materials: Vec<MaterialDraft>,
    pub fields: Vec<FieldDraft>,
    pub rules: Vec<RuleDraft>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MaterialDraft {
    pub name_zh: String,
    pub name_en: String,
    pub format: String,
    pub mandatory: String,
    /// The key of the form's file field it is uploaded in.
    pub upload: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FieldDraft {
    pub key: String,
    pub label_zh: String,
    pub label_en: String,
    pub help_zh: String,
    pub help_en: String,
    /// One of [`FIELD_KINDS`].
    pub kind: String,
    pub required: String,
    /// `on`: the confirming employer sees the answer.
    pub employer_sees: String,
    /// Text: longest answer; number: smallest and largest; money: largest, in yuan.
    pub max_len: String,
    pub min: String,
    pub max: String,
    /// Choice: one option per line, `value | 中文 | English`.
    pub options: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RuleDraft {
    /// One of [`RULE_KINDS`].
    pub rule: String,
    /// The rule's parameter: a level, tier, number of years or list of industries.
    pub value: String,
}

pub const FIELD_KINDS: [&str; 7] = [
    "text", "number", "money", "date", "choice", "yes_no", "file",
];

/// Rule kinds an administrator may use, each over one fact of the profile.
pub const RULE_KINDS: [&str; 8] = [
    "education_at_least",
    "graduated_within_years",
    "age_at_most",
    "employed_in_district",
    "industry_in",
    "tier_at_least",
    "first_employment",
    "mainland_resident",
];

fn ticked(value: &str) -> bool {
    matches!(value, "on" | "true" | "yes" | "1")
}

fn tick(value: bool) -> String {
    if value { "on".into() } else { String::new() }
}

fn lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

fn invalid(field: impl Into<String>, message: &str) -> AppError {
    AppError::Invalid {
        field: field.into(),
        message: message.into(),
    }
}

fn whole_number(
    text: &str,
    field: &str,
    range: std::ops::RangeInclusive<i64>,
) -> Result<i64, AppError> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != '，')
        .collect();
    match cleaned.parse::<i64>() {
        Ok(n) if range.contains(&n) => Ok(n),
        Ok(_) => Err(invalid(field, "err_number_range")),
        Err(_) => Err(invalid(field, "err_number")),
    }
}

/// Pairs lines of the two languages; both must have the same number of lines.
fn bilingual_lines(zh: &str, en: &str, field_en: &str) -> Result<Vec<Text>, AppError> {
    let (zh, en) = (lines(zh), lines(en));
    if zh.len() != en.len() {
        return Err(invalid(field_en, "err_lines_mismatch"));
    }
    Ok(zh
        .into_iter()
        .zip(en)
        .map(|(zh, en)| Text::new(zh, en))
        .collect())
}

/// Reads one administrator-written rule. Unknown rule kinds and values are refused, so
/// a rule over a fact the profile does not have can never be published.
pub fn parse_rule(draft: &RuleDraft, field: &str) -> Result<Rule, AppError> {
    let value = draft.value.trim();
    let years = || whole_number(value, field, 0..=100).map(|n| n as u32);
    let rule = match draft.rule.trim() {
        "education_at_least" => Rule::EducationAtLeast {
            level: Education::parse(value).ok_or_else(|| invalid(field, "err_rule_value"))?,
        },
        "graduated_within_years" => Rule::GraduatedWithinYears { years: years()? },
        "age_at_most" => Rule::AgeAtMost { years: years()? },
        "employed_in_district" => Rule::EmployedInDistrict,
        "industry_in" => {
            let industries = value
                .split([',', '，', ' '])
                .filter(|s| !s.is_empty())
                .map(|s| Industry::parse(s).ok_or_else(|| invalid(field, "err_rule_value")))
                .collect::<Result<Vec<_>, _>>()?;
            if industries.is_empty() {
                return Err(invalid(field, "err_rule_value"));
            }
            Rule::IndustryIn { industries }
        }
        "tier_at_least" => Rule::TierAtLeast {
            tier: TalentTier::parse(value).ok_or_else(|| invalid(field, "err_rule_value"))?,
        },
        "first_employment" => Rule::FirstEmployment,
        "mainland_resident" => Rule::MainlandResident,
        _ => return Err(invalid(field, "err_rule_unknown")),
    };
    Ok(rule)
}

fn rule_draft(rule: &Rule) -> RuleDraft {
    let (kind, value) = match rule {
        Rule::EducationAtLeast { level } => ("education_at_least", level.as_str().to_string()),
        Rule::GraduatedWithinYears { years } => ("graduated_within_years", years.to_string()),
        Rule::AgeAtMost { years } => ("age_at_most", years.to_string()),
        Rule::EmployedInDistrict => ("employed_in_district", String::new()),
        Rule::IndustryIn { industries } => (
            "industry_in",
            industries
                .iter()
                .map(|i| i.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Rule::TierAtLeast { tier } => ("tier_at_least", tier.as_str().to_string()),
        Rule::FirstEmployment => ("first_employment", String::new()),
        Rule::MainlandResident => ("mainland_resident", String::new()),
    };
    RuleDraft {
        rule: kind.into(),
        value,
    }
}

fn field_kind(draft: &FieldDraft, name: &str) -> Result<FieldKind, AppError> {
    let input = |part: &str| format!("{name}[{part}]");
    Ok(match draft.kind.as_str() {
        "text" => FieldKind::Text {
            max_len: if draft.max_len.trim().is_empty() {
                200
            } else {
                whole_number(&draft.max_len, &input("max_len"), 1..=5000)? as u32
            },
        },
        "number" => {
            let min = whole_number(&draft.min, &input("min"), -1_000_000_000..=1_000_000_000)?;
            let max = whole_number(&draft.max, &input("max"), -1_000_000_000..=1_000_000_000)?;
            if max < min {
                return Err(invalid(input("max"), "err_number_order"));
            }
            FieldKind::Number { min, max }
        }
        "money" => FieldKind::Money {
            max_yuan: whole_number(&draft.max, &input("max"), 1..=10_000_000_000)?,
        },
        "date" => FieldKind::Date,
        "choice" => {
            let mut options = Vec::new();
            for line in lines(&draft.options) {
                let parts: Vec<&str> = line.split('|').map(str::trim).collect();
                let [value, zh, en] = parts[..] else {
                    return Err(invalid(input("options"), "err_field_options"));
                };
                let value_ok = !value.is_empty()
                    && value
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_');
                if !value_ok || zh.is_empty() || en.is_empty() {
                    return Err(invalid(input("options"), "err_field_options"));
                }
                options.push(ChoiceOption {
                    value: value.into(),
                    label: Text::new(zh, en),
                });
            }
            if options.is_empty() {
                return Err(invalid(input("options"), "err_field_options"));
            }
            FieldKind::Choice { options }
        }
        "yes_no" => FieldKind::YesNo,
        "file" => FieldKind::File,
        _ => return Err(invalid(input("kind"), "err_field_kind")),
    })
}

impl ItemDraft {
    pub fn from_item(item: &ServiceItem) -> ItemDraft {
        let joined = |texts: &[Text], zh: bool| {
            texts
                .iter()
                .map(|t| if zh { t.zh.as_str() } else { t.en.as_str() })
                .collect::<Vec<_>>()
                .join("\n")
        };
        ItemDraft {
            code: item.code.clone(),
            name_zh: item.name.zh.clone(),
            name_en: item.name.en.clone(),
            summary_zh: item.summary.zh.clone(),
            summary_en: item.summary.en.clone(),
            category: item.category.as_str().into(),
            applicant: item.applicant.as_str().into(),
            department_zh: item.department.zh.clone(),
            department_en: item.department.en.clone(),
            policy_code: item.policy_code.clone(),
            article: item.article.to_string(),
            time_limit_days: item.time_limit_days.to_string(),
            max_amount_yuan: item
                .max_amount_fen
                .map(|fen| (fen / 100).to_string())
                .unwrap_or_default(),
            employer_confirmation: tick(item.employer_confirmation),
            sign_off_above_yuan: item
                .sign_off_above_fen
                .map(|fen| (fen / 100).to_string())
                .unwrap_or_default(),
            several_at_once: tick(item.several_at_once),
            no_application: tick(item.no_application),
            extension_days: item
                .extension_days
                .map(|days| days.to_string())
                .unwrap_or_default(),
            conditions_zh: joined(&item.conditions, true),
            conditions_en: joined(&item.conditions, false),
            steps_zh: joined(&item.steps, true),
            steps_en: joined(&item.steps, false),
            materials: item
                .materials
                .iter()
                .map(|m| MaterialDraft {
                    name_zh: m.name.zh.clone(),
                    name_en: m.name.en.clone(),
                    format: m.format.clone(),
                    mandatory: tick(m.mandatory),
                    upload: m.upload.clone(),
                })
                .collect(),
            fields: item.form.iter().map(field_draft).collect(),
            rules: item.rules.iter().map(rule_draft).collect(),
        }
    }

    /// The item this draft describes, or the first input to fix.
    pub fn to_item(&self, is_demo: bool) -> Result<ServiceItem, AppError> {
        let text = |zh: &str, en: &str| Text::new(zh.trim(), en.trim());
        let required = |value: &str, field: &str| {
            if value.trim().is_empty() {
                Err(invalid(field, "err_required"))
            } else {
                Ok(())
            }
        };
        let code = self.code.trim().to_string();
        if !crate::editing::valid_code(&code) {
            return Err(invalid("draft[code]", "err_item_code"));
        }
        required(&self.name_zh, "draft[name_zh]")?;
        required(&self.name_en, "draft[name_en]")?;
        required(&self.summary_zh, "draft[summary_zh]")?;
        required(&self.summary_en, "draft[summary_en]")?;
        let category = Category::parse(&self.category)
            .ok_or_else(|| invalid("draft[category]", "err_required"))?;
        let applicant = Applicant::parse(&self.applicant)
            .ok_or_else(|| invalid("draft[applicant]", "err_required"))?;
        required(&self.department_zh, "draft[department_zh]")?;
        required(&self.department_en, "draft[department_en]")?;
        if !crate::editing::valid_code(self.policy_code.trim()) {
            return Err(invalid("draft[policy_code]", "err_item_code"));
        }
        let article = whole_number(&self.article, "draft[article]", 1..=1000)? as u32;
        let time_limit_days =
            whole_number(&self.time_limit_days, "draft[time_limit_days]", 1..=365)? as u32;
        let max_amount_fen = if self.max_amount_yuan.trim().is_empty() {
            None
        } else {
            Some(
                whole_number(
                    &self.max_amount_yuan,
                    "draft[max_amount_yuan]",
                    1..=10_000_000_000,
                )? * 100,
            )
        };
        let sign_off_above_fen = if self.sign_off_above_yuan.trim().is_empty() {
            None
        } else {
            Some(
                whole_number(
                    &self.sign_off_above_yuan,
                    "draft[sign_off_above_yuan]",
                    0..=10_000_000_000,
                )? * 100,
            )
        };
        let extension_days = if self.extension_days.trim().is_empty() {
            None
        } else {
            Some(whole_number(&self.extension_days, "draft[extension_days]", 1..=365)? as u32)
        };
        let conditions = bilingual_lines(
            &self.conditions_zh,
            &self.conditions_en,
            "draft[conditions_en]",
        )?;
        if conditions.is_empty() {
            return Err(invalid("draft[conditions_zh]", "err_required"));
        }
        let steps = bilingual_lines(&self.steps_zh, &self.steps_en, "draft[steps_en]")?;
        if steps.is_empty() {
            return Err(invalid("draft[steps_zh]", "err_required"));
        }
        let mut materials = Vec::new();
        for (i, m) in self.materials.iter().enumerate() {
            required(&m.name_zh, &format!("draft[materials][{i}][name_zh]"))?;
            required(&m.name_en, &format!("draft[materials][{i}][name_en]"))?;
            materials.push(Material {
                name: text(&m.name_zh, &m.name_en),
                format: if m.format.trim().is_empty() {
                    "PDF, JPG, PNG".into()
                } else {
                    m.format.trim().into()
                },
                mandatory: ticked(&m.mandatory),
                upload: m.upload.trim().to_string(),
            });
        }
        let mut form = Vec::new();
        let mut keys = std::collections::HashSet::new();
        for (i, f) in self.fields.iter().enumerate() {
            let field = f.to_field(i)?;
            if !keys.insert(field.key.clone()) {
                return Err(invalid(
                    format!("draft[fields][{i}][key]"),
                    "err_field_key_taken",
                ));
            }
            form.push(field);
        }
        {
            use crate::catalogue::model::Disagreement;
            match crate::catalogue::model::disagreement(&materials, &form) {
                Some(Disagreement::MaterialWithoutUpload(i)) => {
                    return Err(invalid(
                        format!("draft[materials][{i}][upload]"),
                        "err_material_upload",
                    ));
                }
                Some(Disagreement::UnknownUpload(i)) => {
                    return Err(invalid(
                        format!("draft[materials][{i}][upload]"),
                        "err_material_upload_unknown",
                    ));
                }
                Some(Disagreement::UploadNotInGuide(i)) => {
                    return Err(invalid(
                        format!("draft[fields][{i}][key]"),
                        "err_upload_not_in_guide",
                    ));
                }
                None => {}
            }
        }
        let rules = self
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| parse_rule(r, &format!("draft[rules][{i}][value]")))
            .collect::<Result<Vec<_>, _>>()?;
        let item = ServiceItem {
            code,
            name: text(&self.name_zh, &self.name_en),
            summary: text(&self.summary_zh, &self.summary_en),
            category,
            applicant,
            department: text(&self.department_zh, &self.department_en),
            policy_code: self.policy_code.trim().into(),
            article,
            conditions,
            materials,
            steps,
            time_limit_days,
            max_amount_fen,
            employer_confirmation: ticked(&self.employer_confirmation),
            sign_off_above_fen,
            several_at_once: ticked(&self.several_at_once),
            extension_days,
            no_application: ticked(&self.no_application),
            form,
            rules,
            is_demo,
        };
        // The item's own rules (the same the demo data passes) as a last line of defence.
        item.validate().map_err(|e| invalid("draft", e.message))?;
        Ok(item)
    }
}

impl FieldDraft {
    /// The form field this row (number `row` from 0) describes, or the input to fix.
    pub fn to_field(&self, row: usize) -> Result<FormField, AppError> {
        let name = format!("draft[fields][{row}]");
        let key = self.key.trim();
        if !crate::editing::valid_field_key(key) {
            return Err(invalid(format!("{name}[key]"), "err_field_key"));
        }
        for (value, part) in [(&self.label_zh, "label_zh"), (&self.label_en, "label_en")] {
            if value.trim().is_empty() {
                return Err(invalid(format!("{name}[{part}]"), "err_required"));
            }
        }
        Ok(FormField {
            key: key.into(),
            label: Text::new(self.label_zh.trim(), self.label_en.trim()),
            help: Text::new(self.help_zh.trim(), self.help_en.trim()),
            required: ticked(&self.required),
            employer_sees: ticked(&self.employer_sees),
            kind: field_kind(self, &name)?,
        })
    }
}

fn field_draft(field: &FormField) -> FieldDraft {
    let mut draft = FieldDraft {
        key: field.key.clone(),
        label_zh: field.label.zh.clone(),
        label_en: field.label.en.clone(),
        help_zh: field.help.zh.clone(),
        help_en: field.help.en.clone(),
        required: tick(field.required),
        employer_sees: tick(field.employer_sees),
        ..FieldDraft::default()
    };
    draft.kind = match &field.kind {
        FieldKind::Text { max_len } => {
            draft.max_len = max_len.to_string();
            "text"
        }
        FieldKind::Number { min, max } => {
            draft.min = min.to_string();
            draft.max = max.to_string();
            "number"
        }
        FieldKind::Money { max_yuan } => {
            draft.max = max_yuan.to_string();
            "money"
        }
        FieldKind::Date => "date",
        FieldKind::Choice { options } => {
            draft.options = options
                .iter()
                .map(|o| format!("{} | {} | {}", o.value, o.label.zh, o.label.en))
                .collect::<Vec<_>>()
                .join("\n");
            "choice"
        }
        FieldKind::YesNo => "yes_no",
        FieldKind::File => "file",
    }
    .into();
    draft
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> ItemDraft {
        ItemDraft {
            code: "LJ-TEST".into(),
            name_zh: "测试补贴".into(),
            name_en: "Test subsidy".into(),
            summary_zh: "说明".into(),
            summary_en: "About it".into(),
            category: "education".into(),
            applicant: "talent".into(),
            department_zh: "人才服务中心".into(),
            department_en: "Talent Service Centre".into(),
            policy_code: "LJ-EDU-2024".into(),
            article: "3".into(),
            time_limit_days: "15".into(),
            max_amount_yuan: "10,000".into(),
            employer_confirmation: "on".into(),
            sign_off_above_yuan: "5,000".into(),
            several_at_once: String::new(),
            no_application: String::new(),
            extension_days: String::new(),
            conditions_zh: "本科及以上学历\n\n毕业两年内".into(),
            conditions_en: "A bachelor's degree\nGraduated within two years".into(),
            steps_zh: "在线申请".into(),
            steps_en: "Apply online".into(),
            materials: vec![MaterialDraft {
                name_zh: "学位证书".into(),
                name_en: "Degree certificate".into(),
                format: "PDF".into(),
                mandatory: "on".into(),
                upload: "degree_certificate".into(),
            }],
            fields: vec![
                FieldDraft {
                    key: "employer_credit_code".into(),
                    label_zh: "单位代码".into(),
                    label_en: "Employer code".into(),
                    kind: "text".into(),
                    max_len: "18".into(),
                    ..FieldDraft::default()
                },
                FieldDraft {
                    key: "degree".into(),
                    label_zh: "学位".into(),
                    label_en: "Degree".into(),
                    kind: "choice".into(),
                    required: "on".into(),
                    options: "bachelor | 学士 | Bachelor\nmaster | 硕士 | Master".into(),
                    ..FieldDraft::default()
                },
                FieldDraft {
                    key: "degree_certificate".into(),
                    label_zh: "学位证书".into(),
                    label_en: "Degree certificate".into(),
                    kind: "file".into(),
                    required: "on".into(),
                    ..FieldDraft::default()
                },
            ],
            rules: vec![
                RuleDraft {
                    rule: "education_at_least".into(),
                    value: "bachelor".into(),
                },
                RuleDraft {
                    rule: "industry_in".into(),
                    value: "automobile, electronics".into(),
                },
            ],
        }
    }

    #[test]
    fn a_complete_draft_becomes_an_item() {
        let item = complete().to_item(false).unwrap();
        assert_eq!(item.max_amount_fen, Some(1_000_000));
        assert_eq!(item.conditions.len(), 2);
        assert!(item.employer_confirmation);
        assert_eq!(item.rules.len(), 2);
        assert_eq!(item.sign_off_above_fen, Some(500_000));
        assert!(matches!(&item.form[1].kind, FieldKind::Choice { options } if options.len() == 2));
    }

    /// The editor refuses an item whose guide asks for a material the form cannot take.
    #[test]
    fn a_required_material_needs_a_required_upload_in_the_form() {
        let mut draft = complete();
        draft.materials[0].upload = String::new();
        assert_eq!(
            draft.to_item(false).unwrap_err(),
            invalid("draft[materials][0][upload]", "err_material_upload")
        );
        let mut draft = complete();
        draft.materials[0].upload = "degree".into();
        assert_eq!(
            draft.to_item(false).unwrap_err(),
            invalid("draft[materials][0][upload]", "err_material_upload_unknown")
        );
        let mut draft = complete();
        draft.fields[2].required = String::new();
        assert_eq!(
            draft.to_item(false).unwrap_err(),
            invalid("draft[materials][0][upload]", "err_material_upload")
        );
        let mut draft = complete();
        draft.materials[0].mandatory = String::new();
        draft.materials[0].upload = String::new();
        assert_eq!(
            draft.to_item(false).unwrap_err(),
            invalid("draft[fields][2][key]", "err_upload_not_in_guide")
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn every_demo_item_survives_the_editor_unchanged() {
        for item in crate::demo::catalogue::demo_items() {
            let round_trip = ItemDraft::from_item(&item).to_item(item.is_demo).unwrap();
            assert_eq!(round_trip, item, "{}", item.code);
        }
    }

    #[test]
    fn errors_name_the_input_to_fix() {
        let field = |f: fn(&mut ItemDraft)| {
            let mut draft = complete();
            f(&mut draft);
            let error = draft.to_item(false).unwrap_err();
            (
                error.field().unwrap().to_string(),
                error.message_key().to_string(),
            )
        };
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(
            field(|d| d.code = "lj test".into()),
            pair("draft[code]", "err_item_code")
        );
        assert_eq!(
            field(|d| d.name_en.clear()),
            pair("draft[name_en]", "err_required")
        );
        assert_eq!(
            field(|d| d.time_limit_days = "0".into()),
            pair("draft[time_limit_days]", "err_number_range")
        );
        assert_eq!(
            field(|d| d.max_amount_yuan = "lots".into()),
            pair("draft[max_amount_yuan]", "err_number")
        );
        assert_eq!(
            field(|d| d.conditions_en = "one".into()),
            pair("draft[conditions_en]", "err_lines_mismatch")
        );
        assert_eq!(
            field(|d| d.fields[1].key = "Degree".into()),
            pair("draft[fields][1][key]", "err_field_key")
        );
        assert_eq!(
            field(|d| d.fields.push(d.fields[1].clone())),
            pair("draft[fields][3][key]", "err_field_key_taken")
        );
        assert_eq!(
            field(|d| d.fields[1].options = "bachelor | 学士".into()),
            pair("draft[fields][1][options]", "err_field_options")
        );
        assert_eq!(
            field(|d| d.fields[1].kind = "colour".into()),
            pair("draft[fields][1][kind]", "err_field_kind")
        );
        assert_eq!(
            field(|d| {
                d.fields.remove(0);
            }),
            pair("draft", "err_employer_field_missing")
        );
        assert_eq!(
            field(|d| {
                d.no_application = "on".into();
                d.employer_confirmation.clear();
            }),
            pair("draft", "err_no_application_trigger")
        );
        assert_eq!(
            field(|d| d.materials[0].name_en.clear()),
            pair("draft[materials][0][name_en]", "err_required")
        );
    }

    #[test]
    fn rules_over_unknown_facts_or_values_are_refused() {
        let field = |rule: &str, value: &str| {
            let mut draft = complete();
            draft.rules = vec![RuleDraft {
                rule: rule.into(),
                value: value.into(),
            }];
            draft
                .to_item(false)
                .err()
                .map(|e| e.message_key().to_string())
        };
        assert_eq!(
            field("salary_at_least", "10000").as_deref(),
            Some("err_rule_unknown")
        );
        assert_eq!(
            field("education_at_least", "phd").as_deref(),
            Some("err_rule_value")
        );
        assert_eq!(
            field("industry_in", "automobile, mining").as_deref(),
            Some("err_rule_value")
        );
        assert_eq!(
            field("age_at_most", "-1").as_deref(),
            Some("err_number_range")
        );
        assert_eq!(field("tier_at_least", "leading"), None);
        assert_eq!(field("employed_in_district", ""), None);
    }
}
