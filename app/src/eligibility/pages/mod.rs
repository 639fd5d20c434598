//! `/eligibility`: a short questionnaire (a plain GET form: no account, nothing stored,
//! works without JavaScript) and the services the answers qualify for, each with the
//! outcome of every rule as its reason.
use super::api::{ItemEligibility, check_eligibility};
use crate::common::date::Date;
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::eligibility::model::*;
use crate::forms::BUTTON_CLASS;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::use_query_map;

const INPUT_CLASS: &str = "rounded-md border border-slate-400 bg-white px-3 py-2";

pub fn education_label(i18n: I18nContext<Locale>, e: Education) -> String {
    match e {
        Education::Secondary => t_string!(i18n, education_secondary),
        Education::Vocational => t_string!(i18n, education_vocational),
        Education::Associate => t_string!(i18n, education_associate),
        Education::Bachelor => t_string!(i18n, education_bachelor),
        Education::Master => t_string!(i18n, education_master),
        Education::Doctorate => t_string!(i18n, education_doctorate),
    }
    .to_string()
}

pub fn industry_label(i18n: I18nContext<Locale>, industry: Industry) -> String {
    match industry {
        Industry::Automobile => t_string!(i18n, industry_automobile),
        Industry::Electronics => t_string!(i18n, industry_electronics),
        Industry::Equipment => t_string!(i18n, industry_equipment),
        Industry::Biomedicine => t_string!(i18n, industry_biomedicine),
        Industry::Other => t_string!(i18n, industry_other),
    }
    .to_string()
}

pub fn tier_label(i18n: I18nContext<Locale>, tier: TalentTier) -> String {
    match tier {
        TalentTier::None => t_string!(i18n, tier_none),
        TalentTier::HighSkilled => t_string!(i18n, tier_high_skilled),
        TalentTier::HighLevel => t_string!(i18n, tier_high_level),
        TalentTier::Leading => t_string!(i18n, tier_leading),
        TalentTier::TopScientist => t_string!(i18n, tier_top_scientist),
    }
    .to_string()
}

/// What a rule asks for, in the reader's language.
pub fn rule_text(i18n: I18nContext<Locale>, rule: &Rule) -> String {
    let fill = |pattern: &str, value: &str| crate::format::fill(pattern, &[value]);
    match rule {
        Rule::EducationAtLeast { level } => fill(
            t_string!(i18n, rule_education_at_least),
            &education_label(i18n, *level),
        ),
        Rule::GraduatedWithinYears { years } => {
            fill(t_string!(i18n, rule_graduated_within), &years.to_string())
        }
        Rule::AgeAtMost { years } => fill(t_string!(i18n, rule_age_at_most), &years.to_string()),
        Rule::EmployedInDistrict => t_string!(i18n, rule_employed_in_district).to_string(),
        Rule::IndustryIn { industries } => {
            let names: Vec<String> = industries
                .iter()
                .map(|i| industry_label(i18n, *i))
                .collect();
            let separator = if i18n.get_locale() == Locale::zh {
                "、"
            } else {
                ", "
            };
            fill(t_string!(i18n, rule_industry_in), &names.join(separator))
        }
        Rule::TierAtLeast { tier } => fill(
            t_string!(i18n, rule_tier_at_least),
            &tier_label(i18n, *tier),
        ),
        Rule::FirstEmployment => t_string!(i18n, rule_first_employment).to_string(),
        Rule::MainlandResident => t_string!(i18n, rule_mainland_resident).to_string(),
    }
}

/// The profile the questionnaire's answers describe; anything unanswered stays unknown.
pub fn profile_from_answers(get: impl Fn(&str) -> Option<String>) -> Profile {
    let yes_no = |value: Option<String>| match value.as_deref() {
        Some("yes") => Some(true),
        Some("no") => Some(false),
        _ => None,
    };
    Profile {
        education: get("education").and_then(|v| Education::parse(&v)),
        graduation_date: get("graduation_date").and_then(|v| Date::parse(&v)),
        birth_date: get("birth_date").and_then(|v| Date::parse(&v)),
        employer_in_district: yes_no(get("employer")),
        industry: get("industry").and_then(|v| Industry::parse(&v)),
        tier: get("tier").and_then(|v| TalentTier::parse(&v)),
        mainland_resident: None,
        first_employment: None,
    }
}

#[component]
pub fn EligibilityPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let answered = move || query.with(|m| m.get("education").is_some() || m.get("tier").is_some());
    let answer = move |key: &'static str| query.with(|m| m.get(key).unwrap_or_default());
    let profile =
        move || query.with(|m| profile_from_answers(|k| m.get(k).filter(|v| !v.is_empty())));
    let results = Resource::new(
        move || answered().then(profile),
        |profile| async move {
            match profile {
                Some(profile) => check_eligibility(profile).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let bundles = Resource::new(
        move || answered().then(profile),
        |profile| async move {
            match profile {
                Some(profile) => crate::bundles::api::bundle_fits(profile).await,
                None => Ok(Vec::new()),
            }
        },
    );
    let select = move |id: &'static str, label: AnyView, options: Vec<(String, String)>| {
        let current = answer(id);
        view! {
            <div class="flex flex-col gap-1">
                <label for=format!("q-{id}") class="text-sm font-medium">{label}</label>
                <select id=format!("q-{id}") name=id class=INPUT_CLASS>
                    <option value="">{t!(i18n, q_unknown)}</option>
                    {options.into_iter().map(|(value, text)| {
                        let selected = value == current;
                        view! { <option value=value selected=selected>{text}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        {page_title(move || with_site_name(t_string!(i18n, eligibility_title).to_string(), i18n))}
        <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, eligibility_title)}</h1>
        <p class="mt-1 mb-4 max-w-3xl text-slate-700">{t!(i18n, eligibility_lead)}</p>
        <form method="get" action="/eligibility" class="mb-6 grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="eligibility-form">
            {move || select("education", t!(i18n, q_education).into_any(),
                Education::ALL.into_iter().map(|e| (e.as_str().to_string(), education_label(i18n, e))).collect())}
            <div class="flex flex-col gap-1">
                <label for="q-graduation_date" class="text-sm font-medium">{t!(i18n, q_graduation_date)}</label>
                <input id="q-graduation_date" name="graduation_date" type="date" value=move || answer("graduation_date") class=INPUT_CLASS />
            </div>
            <div class="flex flex-col gap-1">
                <label for="q-birth_date" class="text-sm font-medium">{t!(i18n, q_birth_date)}</label>
                <input id="q-birth_date" name="birth_date" type="date" value=move || answer("birth_date") class=INPUT_CLASS />
            </div>
            {move || select("employer", t!(i18n, q_employer).into_any(), vec![
                ("yes".into(), t_string!(i18n, yes).to_string()),
                ("no".into(), t_string!(i18n, no).to_string()),
            ])}
            {move || select("industry", t!(i18n, q_industry).into_any(),
                Industry::ALL.into_iter().map(|i| (i.as_str().to_string(), industry_label(i18n, i))).collect())}
            {move || select("tier", t!(i18n, q_tier).into_any(),
                TalentTier::ALL.into_iter().map(|t| (t.as_str().to_string(), tier_label(i18n, t))).collect())}
            <div class="sm:col-span-2 lg:col-span-3">
                <button type="submit" class=BUTTON_CLASS data-testid="eligibility-submit">{t!(i18n, eligibility_submit)}</button>
            </div>
        </form>
        <Suspense>
            {move || Suspend::new(async move {
                let fits = bundles.await.unwrap_or_default();
                (!fits.is_empty()).then(|| view! { <BundleFits fits /> })
            })}
        </Suspense>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(None) => ().into_any(),
                    Ok(Some(list)) => view! { <Results list /> }.into_any(),
                    Err(e) => load_error(e),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Results(list: Vec<ItemEligibility>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="eligibility-results">
            <h2 id="eligibility-results" class="mb-3 text-xl font-semibold">{t!(i18n, eligibility_results)}</h2>
            <ul class="flex flex-col gap-3" data-testid="eligibility-results">
                {list.into_iter().map(|entry| view! { <ResultCard entry /> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn ResultCard(entry: ItemEligibility) -> impl IntoView {
    let i18n = use_i18n();
    let item = StoredValue::new(entry.item);
    let verdict = entry.evaluation.verdict;
    let (badge_class, badge) = match verdict {
        Verdict::Eligible => ("bg-green-100 text-green-900", 0),
        Verdict::NeedMoreInformation => ("bg-amber-100 text-amber-900", 1),
        Verdict::NotEligible => ("bg-slate-200 text-slate-800", 2),
    };
    let href = format!("/services/{}", item.with_value(|it| it.code.clone()));
    view! {
        <li class="rounded-lg border border-slate-200 bg-white p-4" data-verdict=format!("{verdict:?}")>
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <h3 class="text-lg font-semibold">
                    <a href=href class="hover:underline">{move || item.with_value(|it| it.name(i18n.get_locale()).to_string())}</a>
                </h3>
                <span class=format!("rounded px-2 py-0.5 text-sm font-medium {badge_class}")>
                    {move || match badge {
                        0 => t_string!(i18n, verdict_eligible).to_string(),
                        1 => t_string!(i18n, verdict_more_info).to_string(),
                        _ => t_string!(i18n, verdict_not_eligible).to_string(),
                    }}
                </span>
            </div>
            {item.with_value(|it| it.max_amount_fen).map(|fen| view! {
                <p class="text-sm font-semibold text-red-800">{move || crate::format::yuan(fen, i18n.get_locale())}</p>
            })}
            <RuleResults results=entry.evaluation.results />
        </li>
    }
}

/// The bundles the services checked belong to: how many of each bundle's items the
/// answers qualify for, item by item, and the way to apply for them together.
#[component]
fn BundleFits(fits: Vec<crate::bundles::model::BundleFit>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="bundle-fits-title" class="mb-6" data-testid="bundle-fits">
            <h2 id="bundle-fits-title" class="mb-1 text-xl font-semibold">{t!(i18n, bundles_title)}</h2>
            <p class="mb-3 text-slate-700">{t!(i18n, bundle_fits_lead)}</p>
            <ul class="flex flex-col gap-3">
                {fits.into_iter().map(|fit| {
                    let name = fit.name.clone();
                    let summary = fit.summary.clone();
                    let count = [fit.eligible().to_string(), fit.items.len().to_string()];
                    let some_left_out = fit.eligible() < fit.items.len();
                    view! {
                        <li class="rounded-lg border border-blue-200 bg-blue-50 p-4" data-testid=format!("bundle-fit-{}", fit.code)>
                            <h3 class="text-lg font-semibold text-blue-900">{move || name.get(i18n.get_locale()).to_string()}</h3>
                            <p class="text-sm text-slate-700">{move || summary.get(i18n.get_locale()).to_string()}</p>
                            <p class="mt-2 font-medium" data-testid="bundle-fit-count">
                                {move || crate::format::fill(t_string!(i18n, bundle_fit_count), &[&count[0], &count[1]])}
                            </p>
                            <ul class="mt-1 space-y-0.5 text-sm">
                                {fit.items.into_iter().map(|(code, name, verdict)| {
                                    let (mark, class) = match verdict {
                                        Verdict::Eligible => ("✓", "text-green-800"),
                                        Verdict::NeedMoreInformation => ("?", "text-amber-800"),
                                        Verdict::NotEligible => ("✗", "text-red-800"),
                                    };
                                    view! {
                                        <li class=class data-verdict=format!("{verdict:?}") data-item=code>
                                            <span aria-hidden="true">{mark} " "</span>
                                            {move || name.get(i18n.get_locale()).to_string()}
                                            " — "
                                            {move || match verdict {
                                                Verdict::Eligible => t_string!(i18n, verdict_eligible).to_string(),
                                                Verdict::NeedMoreInformation => t_string!(i18n, verdict_more_info).to_string(),
                                                Verdict::NotEligible => t_string!(i18n, verdict_not_eligible).to_string(),
                                            }}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            {some_left_out.then(|| view! { <p class="mt-1 text-sm text-slate-700">{t!(i18n, bundle_fit_left_out)}</p> })}
                            <p class="mt-2">
                                <a class="font-medium text-blue-800 underline" href=format!("/bundles/{}", fit.code) data-testid="bundle-fit-open">{t!(i18n, bundle_fit_open)}</a>
                            </p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// Each rule of an item with whether the profile meets it: ✓, ✗ or ? (not known yet).
#[component]
pub fn RuleResults(results: Vec<crate::eligibility::model::RuleResult>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
            <ul class="mt-2 space-y-0.5 text-sm">
                {results.into_iter().map(|result| {
                    let (mark, class) = match result.outcome {
                        Outcome::Met => ("✓", "text-green-800"),
                        Outcome::NotMet => ("✗", "text-red-800"),
                        Outcome::Unknown => ("?", "text-amber-800"),
                    };
                    let outcome = result.outcome;
                    let rule = result.rule.clone();
                    view! {
                        <li class=class>
                            <span aria-hidden="true">{mark} " "</span>
                            {move || rule_text(i18n, &rule)}
                            " — "
                            {move || match outcome {
                                Outcome::Met => t_string!(i18n, outcome_met).to_string(),
                                Outcome::NotMet => t_string!(i18n, outcome_not_met).to_string(),
                                Outcome::Unknown => t_string!(i18n, outcome_unknown).to_string(),
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
    }
}
