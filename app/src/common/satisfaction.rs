//! 好差评 as the national rules have it: five levels of satisfaction with their official
//! names, stored as 5 (非常满意) down to 1 (非常不满意), and the optional sub-scores of an
//! online service. Cases, concerns, follow-ups and the figures all speak these levels.
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use serde::{Deserialize, Serialize};

/// The levels in the order forms offer them: the best first.
pub const LEVELS: [u8; 5] = [5, 4, 3, 2, 1];

/// 非常满意 and 满意 count as satisfied in the published share.
pub fn is_satisfied(level: u8) -> bool {
    level >= 4
}

/// A level sent by a form (`field` names it in the error).
pub fn check_level(field: &str, text: &str) -> Result<u8, AppError> {
    text.trim()
        .parse::<u8>()
        .ok()
        .filter(|level| LEVELS.contains(level))
        .ok_or_else(|| AppError::invalid(field, "err_rating"))
}

crate::string_enum! {
    /// What an online service may be scored on besides the overall level.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum Aspect {
        Efficiency => "efficiency",
        /// How accurate the service guide was.
        Guide => "guide",
        Convenience => "convenience",
        EaseOfUse => "ease",
    }
}

/// The sub-scores given, each optional.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubScores {
    pub efficiency: Option<u8>,
    pub guide: Option<u8>,
    pub convenience: Option<u8>,
    pub ease: Option<u8>,
}

/// The sub-scores as a form sends them (`aspects[efficiency]`, …): empty is not given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SubScoreInput {
    pub efficiency: String,
    pub guide: String,
    pub convenience: String,
    pub ease: String,
}

impl SubScoreInput {
    /// The sub-scores given, each one of the five levels.
    pub fn check(&self) -> Result<SubScores, AppError> {
        let one = |aspect: Aspect, text: &str| {
            if text.trim().is_empty() {
                Ok(None)
            } else {
                check_level(&aspect.field(), text).map(Some)
            }
        };
        Ok(SubScores {
            efficiency: one(Aspect::Efficiency, &self.efficiency)?,
            guide: one(Aspect::Guide, &self.guide)?,
            convenience: one(Aspect::Convenience, &self.convenience)?,
            ease: one(Aspect::EaseOfUse, &self.ease)?,
        })
    }
}

impl Aspect {
    /// The form field that carries the aspect's level.
    pub fn field(self) -> String {
        format!("aspects[{}]", self.as_str())
    }
}

impl SubScores {
    pub fn get(&self, aspect: Aspect) -> Option<u8> {
        match aspect {
            Aspect::Efficiency => self.efficiency,
            Aspect::Guide => self.guide,
            Aspect::Convenience => self.convenience,
            Aspect::EaseOfUse => self.ease,
        }
    }

    /// The sub-scores given, in the order of [`Aspect::ALL`].
    pub fn given(&self) -> Vec<(Aspect, u8)> {
        Aspect::ALL
            .into_iter()
            .filter_map(|aspect| self.get(aspect).map(|level| (aspect, level)))
            .collect()
    }
}

/// Levels given, added up: how many and their sum.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelTally {
    pub count: i64,
    pub sum: i64,
}

impl LevelTally {
    /// The average level, 5 非常满意 … 1 非常不满意 (none while nothing was given).
    pub fn average(&self) -> Option<f64> {
        (self.count > 0).then(|| self.sum as f64 / self.count as f64)
    }
}

/// The official name of `level` in the current language.
pub fn level_name(i18n: I18nContext<Locale>, level: u8) -> String {
    match level {
        5 => t_string!(i18n, rating_level_5),
        4 => t_string!(i18n, rating_level_4),
        3 => t_string!(i18n, rating_level_3),
        2 => t_string!(i18n, rating_level_2),
        _ => t_string!(i18n, rating_level_1),
    }
    .to_string()
}

pub fn aspect_name(i18n: I18nContext<Locale>, aspect: Aspect) -> String {
    match aspect {
        Aspect::Efficiency => t_string!(i18n, rating_aspect_efficiency),
        Aspect::Guide => t_string!(i18n, rating_aspect_guide),
        Aspect::Convenience => t_string!(i18n, rating_aspect_convenience),
        Aspect::EaseOfUse => t_string!(i18n, rating_aspect_ease),
    }
    .to_string()
}

/// The level's name, re-made when the language changes.
#[component]
pub fn LevelName(level: u8) -> impl IntoView {
    let i18n = use_i18n();
    move || level_name(i18n, level)
}

/// The five levels as radio buttons named `rating`, the best first, under `legend`.
#[component]
pub fn LevelChoice(#[prop(into)] legend: Signal<String>) -> impl IntoView {
    view! {
        <fieldset class="flex flex-col gap-1">
            <legend class="mb-1 text-sm font-medium">{legend}</legend>
            <div class="flex flex-wrap gap-x-4 gap-y-2">
                {LEVELS.into_iter().map(|level| view! {
                    <label class="flex min-h-6 items-center gap-1.5">
                        <input type="radio" name="rating" value=level required class="h-5 w-5" />
                        <LevelName level />
                    </label>
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// The optional sub-scores: one choice per aspect, "not scored" by default.
#[component]
pub fn SubScoreChoice() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="flex flex-col gap-2">
            <legend class="mb-1 text-sm font-medium">{t!(i18n, rating_aspects)}</legend>
            <div class="grid gap-2 sm:grid-cols-2">
                {Aspect::ALL.into_iter().map(|aspect| {
                    let id = format!("rating-{}", aspect.as_str());
                    let label_for = id.clone();
                    view! {
                        <label for=label_for class="flex flex-col gap-1 text-sm">
                            {move || aspect_name(i18n, aspect)}
                            <select id=id name=aspect.field() class="rounded-md border border-slate-400 bg-white px-2 py-1.5">
                                <option value="">{t!(i18n, rating_aspect_none)}</option>
                                {LEVELS.into_iter().map(|level| view! {
                                    <option value=level.to_string()><LevelName level /></option>
                                }).collect_view()}
                            </select>
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// The sub-scores given, as a short list (nothing when none was given).
#[component]
pub fn SubScoreList(scores: SubScores) -> impl IntoView {
    let i18n = use_i18n();
    let given = scores.given();
    (!given.is_empty()).then(|| {
        view! {
            <ul class="mt-1 flex flex-wrap gap-x-4 text-sm text-slate-700" data-testid="rating-aspects">
                {given.into_iter().map(|(aspect, level)| view! {
                    <li>{move || aspect_name(i18n, aspect)} "：" <LevelName level /></li>
                }).collect_view()}
            </ul>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_levels_best_first_and_the_top_two_satisfied() {
        assert_eq!(check_level("rating", " 5 "), Ok(5));
        for bad in ["0", "6", "", "满意", "4.5"] {
            assert_eq!(
                check_level("rating", bad),
                Err(AppError::invalid("rating", "err_rating")),
                "{bad}"
            );
        }
        assert!(is_satisfied(5) && is_satisfied(4));
        assert!(!is_satisfied(3) && !is_satisfied(1));
        assert_eq!(LEVELS[0], 5);
    }

    #[test]
    fn sub_scores_are_optional_each_and_checked_when_given() {
        let input = |e: &str, g: &str, c: &str| SubScoreInput {
            efficiency: e.into(),
            guide: g.into(),
            convenience: c.into(),
            ease: String::new(),
        };
        let scores = input("5", "", " 3").check().unwrap();
        assert_eq!(scores.efficiency, Some(5));
        assert_eq!(scores.guide, None);
        assert_eq!(
            scores.given(),
            vec![(Aspect::Efficiency, 5), (Aspect::Convenience, 3)]
        );
        assert_eq!(input("", "", "").check().unwrap(), SubScores::default());
        assert_eq!(
            input("", "9", "").check(),
            Err(AppError::invalid("aspects[guide]", "err_rating"))
        );
    }
}
