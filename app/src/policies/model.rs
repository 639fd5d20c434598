//! Policy documents (政策文件) and their articles, as readers and the editor see them.
use crate::common::date::Date;
use crate::common::text::Text;
use crate::editing::valid_code;
use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// One article of a policy document; `number` is its position, counted from 1.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub number: u32,
    pub title: Text,
    pub body: Text,
}

/// A policy document with its articles. Service items name the document and article they
/// rest on (`ServiceItem::policy_code`, `ServiceItem::article`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// Stable identifier, e.g. `LJ-TEN-2024`.
    pub code: String,
    pub title: Text,
    /// The issuing document number (文号), e.g. `两江人才发〔2024〕1号`.
    pub document_number: String,
    pub issuer: Text,
    /// First day in force, `YYYY-MM-DD`.
    pub effective_from: String,
    /// Last day in force, `YYYY-MM-DD`, or empty while open-ended.
    pub effective_until: String,
    pub summary: Text,
    pub articles: Vec<Article>,
    pub is_demo: bool,
}

/// Whether a document is in force on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Validity {
    NotYetInForce,
    InForce,
    Expired,
}

impl Policy {
    pub fn validity(&self, today: Date) -> Validity {
        let from = Date::parse(&self.effective_from);
        let until = Date::parse(&self.effective_until);
        if from.is_some_and(|from| today < from) {
            Validity::NotYetInForce
        } else if until.is_some_and(|until| today > until) {
            Validity::Expired
        } else {
            Validity::InForce
        }
    }

    pub fn article(&self, number: u32) -> Option<&Article> {
        self.articles.iter().find(|a| a.number == number)
    }

    /// What must hold before a document is published: a code, titles in both languages,
    /// real dates in order, articles numbered 1, 2, 3, … each with a title and text in both
    /// languages. Errors name the editor's input (see [`PolicyDraft`]).
    pub fn validate(&self) -> Result<(), AppError> {
        if !valid_code(&self.code) {
            return Err(AppError::invalid("draft[code]", "err_item_code"));
        }
        required(&self.title.zh, "draft[title_zh]")?;
        required(&self.title.en, "draft[title_en]")?;
        let Some(from) = Date::parse(&self.effective_from) else {
            return Err(AppError::invalid(
                "draft[effective_from]",
                "err_date_invalid",
            ));
        };
        if !self.effective_until.trim().is_empty() {
            match Date::parse(&self.effective_until) {
                None => {
                    return Err(AppError::invalid(
                        "draft[effective_until]",
                        "err_date_invalid",
                    ));
                }
                Some(until) if until < from => {
                    return Err(AppError::invalid(
                        "draft[effective_until]",
                        "err_date_order",
                    ));
                }
                Some(_) => {}
            }
        }
        if self.articles.is_empty() {
            return Err(AppError::invalid("articles", "err_articles_empty"));
        }
        for (i, article) in self.articles.iter().enumerate() {
            if article.number as usize != i + 1 {
                return Err(AppError::invalid("articles", "err_article_numbers"));
            }
            required(
                &article.title.zh,
                &format!("draft[articles][{i}][title_zh]"),
            )?;
            required(
                &article.title.en,
                &format!("draft[articles][{i}][title_en]"),
            )?;
            required(&article.body.zh, &format!("draft[articles][{i}][body_zh]"))?;
            required(&article.body.en, &format!("draft[articles][{i}][body_en]"))?;
        }
        Ok(())
    }
}

fn required(value: &str, field: &str) -> Result<(), AppError> {
    if value.trim().is_empty() {
        Err(AppError::invalid(field, "err_required"))
    } else {
        Ok(())
    }
}

/// A document in the library's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicySummary {
    pub code: String,
    pub title: Text,
    pub document_number: String,
    pub effective_from: String,
    pub effective_until: String,
    pub validity: Validity,
    pub article_count: u32,
    pub is_demo: bool,
}

/// Filters of the public library; empty strings mean "any".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyQuery {
    pub q: String,
    pub page: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyPage {
    pub items: Vec<PolicySummary>,
    pub page: u32,
    pub has_more: bool,
}

pub const POLICY_PAGE_SIZE: u32 = 10;

/// A published document with the service items that rest on it, for its page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyView {
    pub policy: Policy,
    pub validity: Validity,
    /// Items citing the document: (article number, item code, item name).
    pub services: Vec<(u32, String, Text)>,
}

/// The editor's copy of a document: every input as typed, so a half-written draft can be
/// saved and nothing typed is lost. [`PolicyDraft::to_policy`] turns it into a document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PolicyDraft {
    pub code: String,
    pub title_zh: String,
    pub title_en: String,
    pub document_number: String,
    pub issuer_zh: String,
    pub issuer_en: String,
    pub effective_from: String,
    pub effective_until: String,
    pub summary_zh: String,
    pub summary_en: String,
    pub articles: Vec<ArticleDraft>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ArticleDraft {
    pub title_zh: String,
    pub title_en: String,
    pub body_zh: String,
    pub body_en: String,
}

impl PolicyDraft {
    pub fn from_policy(policy: &Policy) -> PolicyDraft {
        PolicyDraft {
            code: policy.code.clone(),
            title_zh: policy.title.zh.clone(),
            title_en: policy.title.en.clone(),
            document_number: policy.document_number.clone(),
            issuer_zh: policy.issuer.zh.clone(),
            issuer_en: policy.issuer.en.clone(),
            effective_from: policy.effective_from.clone(),
            effective_until: policy.effective_until.clone(),
            summary_zh: policy.summary.zh.clone(),
            summary_en: policy.summary.en.clone(),
            articles: policy
                .articles
                .iter()
                .map(|a| ArticleDraft {
                    title_zh: a.title.zh.clone(),
                    title_en: a.title.en.clone(),
                    body_zh: a.body.zh.clone(),
                    body_en: a.body.en.clone(),
                })
                .collect(),
        }
    }

    /// The document this draft describes, checked ([`Policy::validate`]).
    pub fn to_policy(&self, is_demo: bool) -> Result<Policy, AppError> {
        let text = |zh: &str, en: &str| Text::new(zh.trim(), en.trim());
        let policy = Policy {
            code: self.code.trim().to_string(),
            title: text(&self.title_zh, &self.title_en),
            document_number: self.document_number.trim().to_string(),
            issuer: text(&self.issuer_zh, &self.issuer_en),
            effective_from: self.effective_from.trim().to_string(),
            effective_until: self.effective_until.trim().to_string(),
            summary: text(&self.summary_zh, &self.summary_en),
            articles: self
                .articles
                .iter()
                .enumerate()
                .map(|(i, a)| Article {
                    number: i as u32 + 1,
                    title: text(&a.title_zh, &a.title_en),
                    body: text(&a.body_zh, &a.body_en),
                })
                .collect(),
            is_demo,
        };
        policy.validate()?;
        Ok(policy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> PolicyDraft {
        PolicyDraft {
            code: "LJ-TEST-2026".into(),
            title_zh: "测试政策".into(),
            title_en: "Test policy".into(),
            effective_from: "2026-01-01".into(),
            articles: vec![ArticleDraft {
                title_zh: "适用范围".into(),
                title_en: "Scope".into(),
                body_zh: "本政策适用于新区。".into(),
                body_en: "This policy applies in the district.".into(),
            }],
            ..PolicyDraft::default()
        }
    }

    #[test]
    fn a_complete_draft_becomes_a_policy_and_back() {
        let policy = draft().to_policy(false).unwrap();
        assert_eq!(policy.articles[0].number, 1);
        assert_eq!(PolicyDraft::from_policy(&policy), draft());
    }

    #[test]
    fn drafts_are_refused_with_the_input_to_fix() {
        let field = |d: PolicyDraft| d.to_policy(false).unwrap_err().field().unwrap().to_string();
        assert_eq!(
            field(PolicyDraft {
                code: "lower".into(),
                ..draft()
            }),
            "draft[code]"
        );
        assert_eq!(
            field(PolicyDraft {
                effective_until: "2025-12-31".into(),
                ..draft()
            }),
            "draft[effective_until]"
        );
        assert_eq!(
            field(PolicyDraft {
                effective_from: "2026-02-30".into(),
                ..draft()
            }),
            "draft[effective_from]"
        );
        let mut no_english_body = draft();
        no_english_body.articles[0].body_en = "  ".into();
        assert_eq!(field(no_english_body), "draft[articles][0][body_en]");
        assert_eq!(
            field(PolicyDraft {
                articles: vec![],
                ..draft()
            }),
            "articles"
        );
    }

    #[test]
    fn validity_follows_the_dates() {
        let mut policy = draft().to_policy(false).unwrap();
        policy.effective_until = "2026-12-31".into();
        let day = |s| Date::parse(s).unwrap();
        assert_eq!(policy.validity(day("2025-12-31")), Validity::NotYetInForce);
        assert_eq!(policy.validity(day("2026-01-01")), Validity::InForce);
        assert_eq!(policy.validity(day("2026-12-31")), Validity::InForce);
        assert_eq!(policy.validity(day("2027-01-01")), Validity::Expired);
    }
}
