//! Bundles (一件事一次办): services that belong to one life event, applied for in one go
//! (both targets). A bundle names its items; the guide, the eligibility check and the one
//! form are built from the items themselves, so a bundle never restates what an item says.
use crate::cases::model::{Answers, CaseFile, CaseSummary};
use crate::catalogue::model::{FieldKind, FormField, Material, ServiceItem};
use crate::common::text::Text;
use crate::eligibility::model::{Evaluation, Verdict};
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

/// A bundle as an administrator composes it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bundle {
    pub code: String,
    pub name: Text,
    pub summary: Text,
    /// The service items' codes, in the order the guide and the form show them.
    pub items: Vec<String>,
    #[serde(default)]
    pub is_demo: bool,
}

/// The most items one bundle may hold (one form has to stay readable).
pub const MAX_ITEMS: usize = 8;

impl Bundle {
    /// A code, names and a summary in both languages, two to [`MAX_ITEMS`] different
    /// items. Errors name the editor's inputs ([`BundleDraft`]).
    pub fn validate(&self) -> Result<(), FieldError> {
        let invalid = |field, message| Err(FieldError { field, message });
        if !crate::editing::valid_code(&self.code) {
            return invalid("draft[code]", "err_item_code");
        }
        let texts = [
            (&self.name.zh, "draft[name_zh]"),
            (&self.name.en, "draft[name_en]"),
            (&self.summary.zh, "draft[summary_zh]"),
            (&self.summary.en, "draft[summary_en]"),
        ];
        if let Some((_, field)) = texts.iter().find(|(text, _)| text.trim().is_empty()) {
            return invalid(field, "err_required");
        }
        let mut seen = std::collections::HashSet::new();
        if self.items.len() < 2
            || self.items.len() > MAX_ITEMS
            || !self.items.iter().all(|code| seen.insert(code))
        {
            return invalid(ITEMS_FIELD, "err_bundle_items");
        }
        Ok(())
    }
}

/// The editor's input for the items (its tick boxes are `draft[items][n]`).
pub const ITEMS_FIELD: &str = "draft[items]";

/// A bundle in the administrators' editor, as typed: saved as a draft readers do not see
/// until it is published.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleDraft {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub name_zh: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub summary_zh: String,
    #[serde(default)]
    pub summary_en: String,
    /// The ticked items' codes, in the editor's order.
    #[serde(default)]
    pub items: Vec<String>,
}

impl BundleDraft {
    pub fn from_bundle(bundle: &Bundle) -> BundleDraft {
        BundleDraft {
            code: bundle.code.clone(),
            name_zh: bundle.name.zh.clone(),
            name_en: bundle.name.en.clone(),
            summary_zh: bundle.summary.zh.clone(),
            summary_en: bundle.summary.en.clone(),
            items: bundle.items.clone(),
        }
    }

    /// The bundle this draft describes, checked ([`Bundle::validate`]).
    pub fn to_bundle(&self, is_demo: bool) -> Result<Bundle, FieldError> {
        let text = |zh: &str, en: &str| Text::new(zh.trim(), en.trim());
        let bundle = Bundle {
            code: self.code.trim().to_string(),
            name: text(&self.name_zh, &self.name_en),
            summary: text(&self.summary_zh, &self.summary_en),
            items: self
                .items
                .iter()
                .map(|code| code.trim().to_string())
                .filter(|code| !code.is_empty())
                .collect(),
            is_demo,
        };
        bundle.validate()?;
        Ok(bundle)
    }
}

/// A published item an administrator may put into a bundle (or one a draft names that is
/// no longer published, to be taken out).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemChoice {
    pub code: String,
    pub name: Text,
    pub department: Text,
    pub published: bool,
}

/// The items offered in the editor: the draft's own first, in its order (so the order is
/// kept on saving), then every other published item for talents.
pub fn item_choices(draft_items: &[String], published: &[ServiceItem]) -> Vec<ItemChoice> {
    let choice = |item: &ServiceItem| ItemChoice {
        code: item.code.clone(),
        name: item.name.clone(),
        department: item.department.clone(),
        published: true,
    };
    let mut choices: Vec<ItemChoice> = draft_items
        .iter()
        .map(
            |code| match published.iter().find(|item| &item.code == code) {
                Some(item) => choice(item),
                None => ItemChoice {
                    code: code.clone(),
                    name: Text::new(code, code),
                    department: Text::default(),
                    published: false,
                },
            },
        )
        .collect();
    choices.extend(
        published
            .iter()
            .filter(|item| !draft_items.contains(&item.code))
            .map(choice),
    );
    choices
}

/// A bundle opened in the editor, with the items it may hold.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleEditing {
    pub editing: crate::editing::Editing<BundleDraft>,
    pub choices: Vec<ItemChoice>,
}

/// A bundle for a person's facts (typed into the eligibility check): which items they
/// qualify for, which need more information, which they do not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleFit {
    pub code: String,
    pub name: Text,
    pub summary: Text,
    pub items: Vec<(String, Text, Verdict)>,
}

impl BundleFit {
    /// How many of its items the person qualifies for.
    pub fn eligible(&self) -> usize {
        self.items
            .iter()
            .filter(|(_, _, verdict)| *verdict == Verdict::Eligible)
            .count()
    }
}

/// `bundle` checked against `profile`, item by item (an item no longer published is left
/// out of the bundle, as its guide leaves it out).
pub fn fit(
    bundle: &Bundle,
    published: &[ServiceItem],
    profile: &crate::eligibility::model::Profile,
    today: crate::common::date::Date,
) -> BundleFit {
    BundleFit {
        code: bundle.code.clone(),
        name: bundle.name.clone(),
        summary: bundle.summary.clone(),
        items: bundle
            .items
            .iter()
            .filter_map(|code| published.iter().find(|item| &item.code == code))
            .map(|item| {
                let verdict = crate::eligibility::model::evaluate(&item.rules, profile, today);
                (item.code.clone(), item.name.clone(), verdict.verdict)
            })
            .collect(),
    }
}

/// The bundle number of the `sequence`th bundle application of `year`: `YJS-2026-000001`.
pub fn bundle_number(year: i32, sequence: i64) -> String {
    format!("YJS-{year}-{sequence:06}")
}

/// A material of the bundle's guide, listed once, with the items that need it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleMaterial {
    pub material: Material,
    /// The names of the items asking for it.
    pub needed_by: Vec<Text>,
}

/// Every material the items ask for, each once: the same upload (or, without one, the
/// same name) is the same material. Mandatory where any item requires it.
pub fn materials(items: &[ServiceItem]) -> Vec<BundleMaterial> {
    let mut merged: Vec<BundleMaterial> = Vec::new();
    for item in items {
        for material in &item.materials {
            let same = |m: &Material| {
                if material.upload.is_empty() {
                    m.name.zh == material.name.zh
                } else {
                    m.upload == material.upload
                }
            };
            match merged.iter_mut().find(|m| same(&m.material)) {
                Some(known) => {
                    known.material.mandatory |= material.mandatory;
                    if !known.needed_by.contains(&item.name) {
                        known.needed_by.push(item.name.clone());
                    }
                }
                None => merged.push(BundleMaterial {
                    material: material.clone(),
                    needed_by: vec![item.name.clone()],
                }),
            }
        }
    }
    merged
}

/// The one form of a bundle: what several items ask (name, employer, bank account, the
/// same material…) once, then each item's own questions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleForm {
    pub shared: Vec<FormField>,
    pub sections: Vec<ItemSection>,
}

/// One item's own part of the bundle's form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemSection {
    pub code: String,
    pub name: Text,
    pub fields: Vec<FormField>,
}

impl BundleForm {
    /// Every field once, shared first: the order answers are checked and listed in.
    pub fn fields(&self) -> impl Iterator<Item = &FormField> {
        self.shared
            .iter()
            .chain(self.sections.iter().flat_map(|s| s.fields.iter()))
    }
}

/// The form for `items`: a field key in more than one item's form is asked once, as the
/// first item asks it, and required where any item requires it.
pub fn bundle_form(items: &[ServiceItem]) -> BundleForm {
    let asked_by = |key: &str| {
        items
            .iter()
            .filter(|item| item.form.iter().any(|f| f.key == key))
            .count()
    };
    let mut shared: Vec<FormField> = Vec::new();
    let mut sections = Vec::new();
    for item in items {
        let mut own = Vec::new();
        for field in &item.form {
            if asked_by(&field.key) < 2 {
                own.push(field.clone());
            } else if let Some(known) = shared.iter_mut().find(|f| f.key == field.key) {
                known.required |= field.required;
            } else {
                shared.push(field.clone());
            }
        }
        sections.push(ItemSection {
            code: item.code.clone(),
            name: item.name.clone(),
            fields: own,
        });
    }
    BundleForm { shared, sections }
}

/// The answers of one item's form out of the bundle's answers.
pub fn answers_for(item: &ServiceItem, answers: &Answers) -> Answers {
    item.form
        .iter()
        .filter(|f| !matches!(f.kind, FieldKind::File))
        .filter_map(|f| Some((f.key.clone(), answers.get(&f.key)?.clone())))
        .collect()
}

/// Why an item of the bundle is, or is not, part of a person's application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemCheck {
    pub code: String,
    pub name: Text,
    pub evaluation: Evaluation,
    /// The person has an application for the item going already.
    pub already_going: bool,
}

impl ItemCheck {
    /// Only items the person qualifies for (every rule met), and has not applied for, go
    /// into the application; the others are explained, never silently dropped.
    pub fn included(&self) -> bool {
        self.evaluation.verdict == Verdict::Eligible && !self.already_going
    }
}

/// A bundle's guide: the bundle, its items, each material once, and for a signed-in
/// talent whether they qualify for each item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleGuide {
    pub bundle: Bundle,
    pub items: Vec<ServiceItem>,
    pub materials: Vec<BundleMaterial>,
    /// For a signed-in talent: item by item, from their profile.
    pub checks: Option<Vec<ItemCheck>>,
    /// Their application for the bundle still being filled in, if any.
    pub draft_id: Option<i64>,
}

crate::string_enum! {
    /// Where a bundle application is.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum BundleState {
        Draft => "draft",
        Submitted => "submitted",
    }
}

/// A bundle application as its applicant or the office sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleApplication {
    pub id: i64,
    pub number: Option<String>,
    pub bundle: Bundle,
    pub state: BundleState,
    pub applicant_name: String,
    pub submitted_at: Option<i64>,
    /// Its cases, one per item, in the bundle's order.
    pub cases: Vec<CaseSummary>,
    /// The items of the bundle not in the application, with why.
    pub left_out: Vec<ItemCheck>,
    pub version: i64,
    /// A draft's form, answers and uploaded materials (one per field).
    pub form: BundleForm,
    pub answers: Answers,
    pub files: Vec<CaseFile>,
}

impl BundleApplication {
    /// Whether every case has its decision: the bundle is done.
    pub fn all_decided(&self) -> bool {
        !self.cases.is_empty() && self.cases.iter().all(|c| c.state.has_decision())
    }
}

/// The office's view of bundles: how many came in, how many are done, how long the done
/// ones took from submission to their last case's decision.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BundleFigures {
    pub submitted: i64,
    pub completed: i64,
    /// Average calendar days from submission to the last decision, of completed bundles.
    pub average_days: Option<f64>,
}

const DAY_MS: f64 = 86_400_000.0;

/// The figures of submitted bundles, each given as (submitted at, its cases, how many of
/// them are decided, when the last was decided; times in ms).
pub fn bundle_figures(bundles: &[(i64, i64, i64, Option<i64>)]) -> BundleFigures {
    let done: Vec<f64> = bundles
        .iter()
        .filter(|(_, cases, decided, _)| cases == decided)
        .filter_map(|(submitted, _, _, last)| last.map(|last| (last - submitted) as f64 / DAY_MS))
        .collect();
    BundleFigures {
        submitted: bundles.len() as i64,
        completed: done.len() as i64,
        average_days: (!done.is_empty()).then(|| done.iter().sum::<f64>() / done.len() as f64),
    }
}

// The items are built on a demo item (demo data is server-side).
#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn item(code: &str, form: Vec<FormField>, materials: Vec<Material>) -> ServiceItem {
        ServiceItem {
            code: code.into(),
            name: Text::new(code, code),
            form,
            materials,
            ..crate::demo::catalogue::demo_items()[1].clone()
        }
    }

    fn text_field(key: &str, required: bool) -> FormField {
        FormField {
            key: key.into(),
            label: Text::new(key, key),
            help: Text::default(),
            required,
            employer_sees: false,
            kind: FieldKind::Text { max_len: 30 },
        }
    }

    fn material(name: &str, upload: &str, mandatory: bool) -> Material {
        Material {
            name: Text::new(name, name),
            format: "PDF".into(),
            mandatory,
            upload: upload.into(),
        }
    }

    #[test]
    fn shared_questions_and_materials_are_asked_once() {
        let items = [
            item(
                "A",
                vec![
                    text_field("bank_account", false),
                    text_field("university", true),
                ],
                vec![material("身份证", "id_card", true)],
            ),
            item(
                "B",
                vec![text_field("bank_account", true), text_field("rent", true)],
                vec![
                    material("身份证", "id_card", false),
                    material("租房合同", "lease", true),
                ],
            ),
        ];
        let form = bundle_form(&items);
        assert_eq!(form.shared.len(), 1);
        assert_eq!(form.shared[0].key, "bank_account");
        assert!(
            form.shared[0].required,
            "required where any item requires it"
        );
        assert_eq!(form.sections[0].fields[0].key, "university");
        assert_eq!(form.sections[1].fields[0].key, "rent");
        assert_eq!(form.fields().count(), 3);
        let merged = materials(&items);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].needed_by.len(), 2);
        assert!(merged[0].material.mandatory);
        let answers: Answers = [
            ("bank_account", "6222"),
            ("rent", "2000"),
            ("university", "重大"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let b = answers_for(&items[1], &answers);
        assert_eq!(b.len(), 2);
        assert!(!b.contains_key("university"));
    }

    #[test]
    fn a_bundle_is_done_when_its_last_case_is_decided() {
        let day = 86_400_000;
        let figures = bundle_figures(&[
            (0, 4, 4, Some(6 * day)),
            (0, 4, 3, Some(day)),
            (day, 2, 2, Some(3 * day)),
        ]);
        assert_eq!(figures.submitted, 3);
        assert_eq!(figures.completed, 2);
        assert_eq!(figures.average_days, Some(4.0));
        assert_eq!(bundle_figures(&[]).average_days, None);
    }

    #[test]
    fn a_bundle_has_two_to_eight_different_items_and_both_languages() {
        let bundle = Bundle {
            code: "LJ-SETTLE-IN".into(),
            name: Text::new("落户两江一件事", "Settling in Liangjiang"),
            summary: Text::new("一次申请", "One application"),
            items: vec!["A".into(), "B".into()],
            is_demo: false,
        };
        assert!(bundle.validate().is_ok());
        let one = Bundle {
            items: vec!["A".into()],
            ..bundle.clone()
        };
        assert_eq!(one.validate().unwrap_err().message, "err_bundle_items");
        let twice = Bundle {
            items: vec!["A".into(), "A".into()],
            ..bundle.clone()
        };
        assert_eq!(twice.validate().unwrap_err().message, "err_bundle_items");
        let no_english = Bundle {
            name: Text::new("落户", ""),
            ..bundle
        };
        assert_eq!(no_english.validate().unwrap_err().field, "draft[name_en]");
        assert_eq!(bundle_number(2026, 1), "YJS-2026-000001");
    }

    #[test]
    fn the_editor_keeps_the_bundle_order_and_names_what_is_wrong() {
        let draft = BundleDraft {
            code: " LJ-NEW ".into(),
            name_zh: "新来".into(),
            name_en: "New".into(),
            summary_zh: "一次办".into(),
            summary_en: "".into(),
            items: vec!["B".into(), "A".into()],
        };
        assert_eq!(
            draft.to_bundle(false).unwrap_err().field,
            "draft[summary_en]"
        );
        let draft = BundleDraft {
            summary_en: "Once".into(),
            ..draft
        };
        let bundle = draft.to_bundle(true).unwrap();
        assert_eq!(bundle.code, "LJ-NEW");
        assert!(bundle.is_demo);
        assert_eq!(BundleDraft::from_bundle(&bundle).items, ["B", "A"]);
        let published = [item("A", vec![], vec![]), item("C", vec![], vec![])];
        let choices = item_choices(&["B".into(), "A".into()], &published);
        let order: Vec<(&str, bool)> = choices
            .iter()
            .map(|c| (c.code.as_str(), c.published))
            .collect();
        assert_eq!(
            order,
            [("B", false), ("A", true), ("C", true)],
            "the draft's items first, in its order; one no longer published is flagged"
        );
    }

    #[test]
    fn a_bundle_fits_item_by_item() {
        use crate::eligibility::model::{Education, Profile, Rule};
        let mut a = item("A", vec![], vec![]);
        a.rules = vec![Rule::EducationAtLeast {
            level: Education::Master,
        }];
        let mut b = item("B", vec![], vec![]);
        b.rules = vec![Rule::EmployedInDistrict];
        let bundle = Bundle {
            code: "LJ-X".into(),
            name: Text::new("x", "x"),
            summary: Text::new("x", "x"),
            items: vec!["A".into(), "B".into(), "GONE".into()],
            is_demo: false,
        };
        let profile = Profile {
            education: Some(Education::Doctorate),
            ..Profile::default()
        };
        let today = crate::common::date::Date::parse("2026-12-07").unwrap();
        let fit = fit(&bundle, &[a, b], &profile, today);
        let verdicts: Vec<Verdict> = fit.items.iter().map(|(_, _, v)| *v).collect();
        assert_eq!(verdicts, [Verdict::Eligible, Verdict::NeedMoreInformation]);
        assert_eq!(fit.eligible(), 1);
    }
}
