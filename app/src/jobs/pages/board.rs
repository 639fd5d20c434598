//! `/jobs`: the public board. The search is a plain GET form, so results can be bookmarked
//! and the page works without JavaScript; a signed-in talent can keep the search as an
//! alert and hear of new posts that match.
use super::PostSummary;
use crate::accounts::model::Role;
use crate::accounts::pages::ViewerResource;
use crate::common::page::load_error;
use crate::common::page::{Pagination, page_title, with_site_name};
use crate::eligibility::model::Education;
use crate::eligibility::pages::education_label;
use crate::forms::{BUTTON_CLASS, FormError, SECONDARY_BUTTON_CLASS, last_error};
use crate::i18n::*;
use crate::jobs::api::{SaveJobAlert, job_board, job_industries};
use crate::jobs::model::{BoardQuery, Sort};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

const INPUT_CLASS: &str = "w-full min-w-0 rounded-md border border-slate-400 bg-white px-3 py-2";

pub fn sort_label(i18n: leptos_i18n::I18nContext<Locale>, sort: Sort) -> String {
    match sort {
        Sort::Newest => t_string!(i18n, job_sort_newest),
        Sort::ClosingSoon => t_string!(i18n, job_sort_closing),
        Sort::Salary => t_string!(i18n, job_sort_salary),
    }
    .to_string()
}

/// The board search in the current address.
pub fn query_from_address() -> impl Fn() -> BoardQuery + Copy + Send + Sync + 'static {
    let map = use_query_map();
    move || {
        map.with(|m| BoardQuery {
            q: m.get("q").unwrap_or_default(),
            industry: m.get("industry").unwrap_or_default(),
            education: m.get("education").unwrap_or_default(),
            salary: m
                .get("salary")
                .and_then(|s| s.trim().parse().ok())
                .unwrap_or(0),
            enterprise: m
                .get("enterprise")
                .and_then(|s| s.parse().ok())
                .unwrap_or(0),
            sort: m.get("sort").unwrap_or_default(),
            page: m.get("page").and_then(|p| p.parse().ok()).unwrap_or(0),
        })
    }
}

#[component]
pub fn JobBoardPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = query_from_address();
    let results = Resource::new(query, job_board);
    let industries = Resource::new(|| (), |_| job_industries());
    let viewer = use_context::<ViewerResource>();
    let save_alert = ServerAction::<SaveJobAlert>::new();
    crate::notice::announce_on_success(save_alert.value(), crate::notice::Done::AlertSaved);
    let alert_error = last_error(save_alert.value());
    view! {
        {page_title(move || with_site_name(t_string!(i18n, jobs_title).to_string(), i18n))}
        <div class="flex flex-wrap items-baseline justify-between gap-3">
            <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, jobs_title)}</h1>
            <a class="text-blue-800 underline" href="/jobs/stats">{t!(i18n, demand_title)}</a>
        </div>
        <p class="mt-1 mb-4 text-slate-700">{t!(i18n, jobs_lead)}</p>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                let current = query();
                let industries = industries.await.unwrap_or_default();
                let is_talent = match viewer {
                    Some(v) => v.await.ok().flatten().is_some_and(|v| v.role == Role::Talent),
                    None => false,
                };
                let form = {
                    let current = current.clone();
                    view! {
                        <form method="get" action="/jobs" role="search" class="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-6">
                            <div class="flex flex-col gap-1 lg:col-span-2">
                                <label for="jobs-q" class="text-sm font-medium">{t!(i18n, jobs_search)}</label>
                                <input id="jobs-q" name="q" type="search" value=current.q.clone() class=INPUT_CLASS />
                            </div>
                            <div class="flex min-w-0 flex-col gap-1">
                                <label for="jobs-industry" class="text-sm font-medium">{t!(i18n, job_industry)}</label>
                                <select id="jobs-industry" name="industry" class=INPUT_CLASS>
                                    <option value="">{t!(i18n, filter_any)}</option>
                                    {industries.into_iter().map(|i| {
                                        let selected = current.industry == i.code;
                                        let name = i.name.clone();
                                        view! { <option value=i.code.clone() selected=selected>{move || name.get(i18n.get_locale()).to_string()}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                            <div class="flex min-w-0 flex-col gap-1">
                                <label for="jobs-education" class="text-sm font-medium">{t!(i18n, jobs_my_education)}</label>
                                <select id="jobs-education" name="education" class=INPUT_CLASS>
                                    <option value="">{t!(i18n, filter_any)}</option>
                                    {Education::ALL.into_iter().map(|e| view! {
                                        <option value=e.as_str() selected=current.education == e.as_str()>{move || education_label(i18n, e)}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                            <div class="flex min-w-0 flex-col gap-1">
                                <label for="jobs-salary" class="text-sm font-medium">{t!(i18n, jobs_min_salary)}</label>
                                <input id="jobs-salary" name="salary" type="number" min="0" step="500" inputmode="numeric"
                                    value=(current.salary > 0).then(|| current.salary.to_string()) class=INPUT_CLASS />
                            </div>
                            <div class="flex min-w-0 flex-col gap-1">
                                <label for="jobs-sort" class="text-sm font-medium">{t!(i18n, jobs_sort)}</label>
                                <select id="jobs-sort" name="sort" class=INPUT_CLASS>
                                    {Sort::ALL.into_iter().map(|s| view! {
                                        <option value=s.as_str() selected=Sort::parse(&current.sort).unwrap_or_default() == s>{move || sort_label(i18n, s)}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                            {(current.enterprise > 0).then(|| view! { <input type="hidden" name="enterprise" value=current.enterprise /> })}
                            <div class="flex items-end lg:col-span-6">
                                <button type="submit" class=BUTTON_CLASS data-testid="jobs-search">{t!(i18n, jobs_search_button)}</button>
                            </div>
                        </form>
                    }
                };
                let alert = is_talent.then(|| {
                    let current = current.clone();
                    view! {
                        <ActionForm action=save_alert attr:class="mb-4 flex flex-wrap items-center gap-3">
                            <input type="hidden" name="query[q]" value=current.q.clone() />
                            <input type="hidden" name="query[industry]" value=current.industry.clone() />
                            <input type="hidden" name="query[education]" value=current.education.clone() />
                            <input type="hidden" name="query[salary]" value=current.salary />
                            <button type="submit" disabled=move || save_alert.pending().get() class=SECONDARY_BUTTON_CLASS data-testid="save-alert">{t!(i18n, jobs_save_alert)}</button>
                            <FormError error=alert_error />
                        </ActionForm>
                    }
                });
                let list = match results.await {
                    Err(e) => load_error(e),
                    Ok(page) if page.items.is_empty() => view! {
                        <p class="rounded-lg border border-slate-200 bg-white p-4 text-slate-700" data-testid="jobs-empty">{t!(i18n, jobs_empty)}</p>
                    }.into_any(),
                    Ok(page) => {
                        let href_query = current.clone();
                        view! {
                            <ul class="flex flex-col gap-3" data-testid="job-list">
                                {page.items.into_iter().map(|card| view! {
                                    <li class="rounded-lg border border-slate-200 bg-white p-4"><PostSummary card /></li>
                                }).collect_view()}
                            </ul>
                            <Pagination page=page.page has_more=page.has_more href=move |p| href_query.href(p) />
                        }.into_any()
                    }
                };
                view! { {form} {alert} {list} }
            })}
        </Suspense>
    }
}
