//! Service items as the browser sees them.
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

/// How many items the home page features.
pub const FEATURED_COUNT: i64 = 6;
