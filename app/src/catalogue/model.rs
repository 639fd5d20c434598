//! Service items as the browser sees them.
use crate::common::text::Text;
use crate::error::FieldError;
use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

/// One service item in a list: enough for a card, not the whole guide.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceSummary {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub summary_zh: String,
    pub summary_en: String,
    /// Promised time limit in working days, counted from acceptance.
    pub time_limit_days: i64,
    /// Highest amount granted, in fen; `None` for services that pay nothing.
    pub max_amount_fen: Option<i64>,
    pub is_demo: bool,
}

impl ServiceSummary {
    pub fn name(&self, locale: Locale) -> &str {
        match locale {
            Locale::zh => &self.name_zh,
            Locale::en => &self.name_en,
        }
    }

    pub fn summary(&self, locale: Locale) -> &str {
        match locale {
            Locale::zh => &self.summary_zh,
            Locale::en => &self.summary_en,
        }
    }
}

/// The form field in which an applicant names the employer who confirms (the employer's
/// unified social credit code); items needing confirmation must have it.
pub const EMPLOYER_FIELD_KEY: &str = "employer_credit_code";

/// The form field for the applicant's position with that employer: a case the hub opens
/// for a hire on the job board answers it with the post's title.
pub const POSITION_FIELD_KEY: &str = "position";

/// How many items the home page features.
pub const FEATURED_COUNT: i64 = 8;

crate::string_enum! {
    /// The four supporting policy documents, by the talents they serve.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Category {
        HighLevel => "high_level",
        Education => "education",
        Health => "health",
        HighSkilled => "high_skilled",
    }
}

crate::string_enum! {
    /// Who applies for a service item.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Applicant {
        Talent => "talent",
        Enterprise => "enterprise",
    }
}

/// A document the applicant hands in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Material {
    pub name: Text,
    /// Accepted formats, e.g. "PDF, JPG".
    pub format: String,
    pub mandatory: bool,
    /// The key of the application form's file field it is uploaded in ("" for none).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub upload: String,
}

/// Where an item's guide and its form disagree (tell everything once: the applicant must be
/// able to hand in at once every material the guide requires).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Disagreement {
    /// A required material (its index) that the form has no required upload for.
    MaterialWithoutUpload(usize),
    /// A material (its index) whose upload names no file field of the form.
    UnknownUpload(usize),
    /// A required file field (its index in the form) that the guide does not list.
    UploadNotInGuide(usize),
}

/// The first place `materials` (the guide) and the file fields of `form` disagree.
pub fn disagreement(materials: &[Material], form: &[FormField]) -> Option<Disagreement> {
    let file_field = |key: &str| {
        form.iter()
            .find(|f| f.key == key && matches!(f.kind, FieldKind::File))
    };
    for (i, m) in materials.iter().enumerate() {
        match file_field(&m.upload) {
            Some(field) if field.required || !m.mandatory => {}
            Some(_) => return Some(Disagreement::MaterialWithoutUpload(i)),
            None if m.upload.is_empty() && !m.mandatory => {}
            None if m.upload.is_empty() => return Some(Disagreement::MaterialWithoutUpload(i)),
            None => return Some(Disagreement::UnknownUpload(i)),
        }
    }
    form.iter()
        .position(|f| {
            matches!(f.kind, FieldKind::File)
                && f.required
                && !materials.iter().any(|m| m.upload == f.key)
        })
        .map(Disagreement::UploadNotInGuide)
}

/// The kind of an application form field, with its own validation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FieldKind {
    Text {
        max_len: u32,
    },
    Number {
        min: i64,
        max: i64,
    },
    /// An amount in yuan, stored as fen.
    Money {
        max_yuan: i64,
    },
    Date,
    Choice {
        options: Vec<ChoiceOption>,
    },
    YesNo,
    File,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceOption {
    pub value: String,
    pub label: Text,
}

/// One field of an item's application form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormField {
    /// The field's name in submitted data; letters, digits and underscores.
    pub key: String,
    pub label: Text,
    pub help: Text,
    pub required: bool,
    /// The employer who confirms the application sees this answer (an employment fact);
    /// every other answer stays between the applicant and the office. The employer field
    /// itself is always shown to them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub employer_sees: bool,
    #[serde(flatten)]
    pub kind: FieldKind,
}

impl FormField {
    /// Whether the confirming employer sees this field's answer and files.
    pub fn shown_to_employer(&self) -> bool {
        self.employer_sees || self.key == EMPLOYER_FIELD_KEY
    }
}

impl ServiceItem {
    /// The first place the guide's materials and the form's uploads disagree, if any.
    pub fn disagreement(&self) -> Option<Disagreement> {
        disagreement(&self.materials, &self.form)
    }

    /// Whether the confirming employer sees the answer to (or the files of) `field_key`.
    pub fn employer_sees(&self, field_key: &str) -> bool {
        self.form
            .iter()
            .any(|f| f.key == field_key && f.shown_to_employer())
    }
}

/// A service item with its whole guide, form and eligibility rules. Stored as one JSON
/// document per version, so an application keeps the version it was made with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceItem {
    pub code: String,
    pub name: Text,
    pub summary: Text,
    pub category: Category,
    pub applicant: Applicant,
    pub department: Text,
    /// The policy document and article the item rests on.
    pub policy_code: String,
    pub article: u32,
    pub conditions: Vec<Text>,
    pub materials: Vec<Material>,
    pub steps: Vec<Text>,
    /// Promised time limit in working days, counted from acceptance.
    pub time_limit_days: u32,
    /// Highest amount granted, in fen; `None` for services that pay nothing.
    pub max_amount_fen: Option<i64>,
    /// An employer must confirm the application before staff accept it.
    pub employer_confirmation: bool,
    /// Approvals above this amount (fen) need a second staff member's sign-off.
    #[serde(default)]
    pub sign_off_above_fen: Option<i64>,
    /// An applicant may have several cases of this item going at once (one per child…).
    #[serde(default)]
    pub several_at_once: bool,
    /// The most working days the decision limit may be extended by, in all, where a law
    /// allows more than the general ten (`None`: [`LEGAL_EXTENSION_DAYS`]).
    #[serde(default)]
    pub extension_days: Option<u32>,
    /// 免申即享: the hub opens the case itself when a hire recorded on the job board and the
    /// talent's profile meet the rules; the hiring enterprise's confirmation stands.
    #[serde(default)]
    pub no_application: bool,
    pub form: Vec<FormField>,
    pub rules: Vec<crate::eligibility::model::Rule>,
    pub is_demo: bool,
}

/// The extension of a decision limit the Administrative Licensing Law allows (art. 42):
/// ten working days, with the approval of the office's head.
pub const LEGAL_EXTENSION_DAYS: u32 = 10;

impl ServiceItem {
    /// The most working days its decision limit may be extended by, in all.
    pub fn max_extension_days(&self) -> u32 {
        self.extension_days.unwrap_or(LEGAL_EXTENSION_DAYS)
    }

    pub fn summary_card(&self) -> ServiceSummary {
        ServiceSummary {
            code: self.code.clone(),
            name_zh: self.name.zh.clone(),
            name_en: self.name.en.clone(),
            summary_zh: self.summary.zh.clone(),
            summary_en: self.summary.en.clone(),
            time_limit_days: i64::from(self.time_limit_days),
            max_amount_fen: self.max_amount_fen,
            is_demo: self.is_demo,
        }
    }

    /// Checks what an administrator (or the demo data) wrote: a code, names in both
    /// languages, a time limit, form field keys that are unique identifiers, choices with
    /// options. Rules over unknown facts cannot even be read (see `Rule`).
    pub fn validate(&self) -> Result<(), FieldError> {
        let invalid = |field, message| Err(FieldError { field, message });
        if !crate::editing::valid_code(&self.code) {
            return invalid("code", "err_item_code");
        }
        if self.name.zh.trim().is_empty() || self.name.en.trim().is_empty() {
            return invalid("name", "err_required");
        }
        if self.time_limit_days == 0 || self.time_limit_days > 365 {
            return invalid("time_limit_days", "err_time_limit");
        }
        if self.max_amount_fen.is_some_and(|fen| fen < 0) {
            return invalid("max_amount", "err_amount");
        }
        // The employer who confirms is named in the application.
        if self.employer_confirmation && !self.form.iter().any(|f| f.key == EMPLOYER_FIELD_KEY) {
            return invalid("form", "err_employer_field_missing");
        }
        // The trigger is a hire by an enterprise, which confirms the employment: only a
        // talent's service that asks the employer to confirm can be opened by the hub.
        if self.no_application
            && !(self.employer_confirmation && self.applicant == Applicant::Talent)
        {
            return invalid("no_application", "err_no_application_trigger");
        }
        let mut keys = std::collections::HashSet::new();
        for field in &self.form {
            if !crate::editing::valid_field_key(&field.key) || !keys.insert(field.key.as_str()) {
                return invalid("form", "err_field_key");
            }
            if field.label.zh.trim().is_empty() || field.label.en.trim().is_empty() {
                return invalid("form", "err_field_label");
            }
            if let FieldKind::Choice { options } = &field.kind
                && options.is_empty()
            {
                return invalid("form", "err_field_options");
            }
        }
        // What the guide asks for, the form lets the applicant hand in at once.
        if self.disagreement().is_some() {
            return invalid("materials", "err_material_upload");
        }
        Ok(())
    }
}

/// Filters of the public catalogue list; empty strings mean "any".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueQuery {
    pub q: String,
    pub category: String,
    pub applicant: String,
    pub department: String,
    pub page: u32,
}

/// A page of the catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CataloguePage {
    pub items: Vec<ServiceSummary>,
    pub page: u32,
    pub has_more: bool,
    /// The departments that handle published items, for the filter (English name, both names).
    pub departments: Vec<Text>,
}

pub const CATALOGUE_PAGE_SIZE: u32 = 10;
