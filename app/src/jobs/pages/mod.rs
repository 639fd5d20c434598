//! The job pages: the public board and a post's page, the enterprise's posts, editor and
//! candidates, staff review, the talent's applications and alerts, and demand statistics.
mod admin;
mod board;
mod employer;
mod post;
mod staff;
mod stats;
mod talent;

pub use admin::IndustriesPage;
pub use board::JobBoardPage;
pub use employer::{CandidatesPage, MyPostsPage, PostEditorPage};
pub use post::JobPostPage;
pub use staff::PostReviewPage;
pub use stats::DemandStatsPage;
pub use talent::MyApplicationsPage;

use super::model::*;
use crate::format::group_thousands;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

pub fn post_state_label(i18n: I18nContext<Locale>, state: PostState) -> String {
    match state {
        PostState::Review => t_string!(i18n, post_state_review),
        PostState::Returned => t_string!(i18n, post_state_returned),
        PostState::Open => t_string!(i18n, post_state_open),
        PostState::Closed => t_string!(i18n, post_state_closed),
        PostState::Expired => t_string!(i18n, post_state_expired),
    }
    .to_string()
}

pub fn application_state_label(i18n: I18nContext<Locale>, state: ApplicationState) -> String {
    match state {
        ApplicationState::Submitted => t_string!(i18n, application_submitted),
        ApplicationState::Shortlisted => t_string!(i18n, application_shortlisted),
        ApplicationState::Declined => t_string!(i18n, application_declined),
        ApplicationState::Hired => t_string!(i18n, application_hired),
        ApplicationState::Withdrawn => t_string!(i18n, application_withdrawn),
    }
    .to_string()
}

/// "12,000–20,000 yuan a month".
pub fn salary_range(i18n: I18nContext<Locale>, min: i64, max: i64) -> String {
    crate::format::fill(
        t_string!(i18n, job_salary_range),
        &[
            &group_thousands(min.max(0) as u64),
            &group_thousands(max.max(0) as u64),
        ],
    )
}

pub fn education_requirement(
    i18n: I18nContext<Locale>,
    education: Option<crate::eligibility::model::Education>,
) -> String {
    match education {
        Some(e) => crate::format::fill(
            t_string!(i18n, job_education_at_least),
            &[&crate::eligibility::pages::education_label(i18n, e)],
        ),
        None => t_string!(i18n, job_education_any).to_string(),
    }
}

/// A post in a list: title, enterprise and the facts people filter by.
#[component]
pub fn PostSummary(card: PostCard, #[prop(optional)] show_state: bool) -> impl IntoView {
    let i18n = use_i18n();
    let title = card.title.clone();
    let industry = card.industry_name.clone();
    let location = location_name(&card.location);
    let state = card.state;
    view! {
        <h2 class="text-lg font-semibold">
            <a class="text-blue-800 underline-offset-2 hover:underline" href=format!("/jobs/{}", card.id)>
                {move || pick(&title, i18n.get_locale()).to_string()}
            </a>
            {show_state.then(|| view! {
                <span class="ml-2 rounded bg-slate-100 px-2 py-0.5 align-middle text-xs font-medium text-slate-800" data-testid="post-state">
                    {move || post_state_label(i18n, state)}
                </span>
            })}
        </h2>
        <p class="text-sm text-slate-700">{card.org_name.clone()}</p>
        <dl class="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-800">
            <div class="flex gap-1"><dt class="sr-only">{t!(i18n, job_salary)}</dt>
                <dd class="font-semibold text-emerald-800">{move || salary_range(i18n, card.salary_min, card.salary_max)}</dd></div>
            <div class="flex gap-1"><dt class="sr-only">{t!(i18n, job_industry)}</dt>
                <dd>{move || industry.get(i18n.get_locale()).to_string()}</dd></div>
            <div class="flex gap-1"><dt class="sr-only">{t!(i18n, job_location)}</dt>
                <dd>{move || location.get(i18n.get_locale()).to_string()}</dd></div>
            <div class="flex gap-1"><dt>{t!(i18n, job_headcount)}</dt><dd>{card.headcount}</dd></div>
            <div class="flex gap-1"><dt class="sr-only">{t!(i18n, job_education)}</dt>
                <dd>{move || education_requirement(i18n, card.education)}</dd></div>
            <div class="flex gap-1"><dt>{t!(i18n, job_closes_on)}</dt><dd>{card.closes_on.clone()}</dd></div>
        </dl>
    }
}
