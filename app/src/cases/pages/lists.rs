//! Lists of cases: the applicant's own, an employer's confirmation requests, and the staff
//! queue with its filters (a GET form, so it works without JavaScript and can be bookmarked).
use super::labels::{StateBadge, UrgencyBadge};
use crate::cases::api::{case_queue, case_ratings, employer_cases, my_cases};
use crate::cases::model::{CasePage, CaseState, QueueQuery};
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::format::url_encode;
use crate::forms::BUTTON_CLASS;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn page_number() -> impl Fn() -> u32 + Copy {
    let query = use_query_map();
    move || query.with(|m| m.get("page").and_then(|p| p.parse().ok()).unwrap_or(0))
}

/// A table of cases with pagination links built by `href`.
#[component]
fn CaseTable(
    page: CasePage,
    href: impl Fn(u32) -> String + Send + Sync + 'static,
    #[prop(optional)] staff: bool,
    empty: AnyView,
) -> impl IntoView {
    let i18n = use_i18n();
    if page.items.is_empty() && page.page == 0 {
        return view! { <p class="text-slate-700" role="status">{empty}</p> }.into_any();
    }
    view! {
        <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table class="min-w-full text-left text-sm" data-testid="case-table">
                <thead class="bg-slate-100 text-slate-700">
                    <tr>
                        <th scope="col" class="px-3 py-2">{t!(i18n, col_case)}</th>
                        <th scope="col" class="px-3 py-2">{t!(i18n, col_service)}</th>
                        {staff.then(|| view! { <th scope="col" class="px-3 py-2">{t!(i18n, col_applicant)}</th> })}
                        <th scope="col" class="px-3 py-2">{t!(i18n, col_status)}</th>
                        <th scope="col" class="px-3 py-2">{t!(i18n, col_due)}</th>
                        {staff.then(|| view! { <th scope="col" class="px-3 py-2">{t!(i18n, col_assignee)}</th> })}
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-200">
                    {page.items.into_iter().map(|case| {
                        let name = case.item_name.clone();
                        let label = case.number.clone().unwrap_or_else(|| t_string!(i18n, state_draft).to_string());
                        view! {
                            <tr>
                                <th scope="row" class="px-3 py-2 font-mono font-medium">
                                    <a class="text-blue-800 underline" href=format!("/cases/{}", case.id)>{label}</a>
                                </th>
                                <td class="px-3 py-2">{move || name.get(i18n.get_locale()).to_string()}</td>
                                {staff.then(|| view! { <td class="px-3 py-2">{case.applicant_name.clone()}</td> })}
                                <td class="px-3 py-2"><StateBadge state=case.state /></td>
                                <td class="px-3 py-2 whitespace-nowrap">{match (case.accept_by.clone(), case.supply_by.clone()) {
                                    (Some(by), _) => (move || crate::format::fill(t_string!(i18n, case_accept_by_short), &[&by])).into_any(),
                                    (None, Some(by)) => (move || crate::format::fill(t_string!(i18n, case_supply_by_short), &[&by])).into_any(),
                                    (None, None) => case.due_on.clone().unwrap_or_default().into_any(),
                                }}<UrgencyBadge urgency=case.urgency /></td>
                                {staff.then(|| view! { <td class="px-3 py-2">{case.assignee_name.clone().unwrap_or_default()}</td> })}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <crate::common::page::Pagination page=page.page has_more=page.has_more href=href />
    }
    .into_any()
}

#[component]
pub fn MyCasesPage() -> impl IntoView {
    let i18n = use_i18n();
    let page = page_number();
    let cases = Resource::new(page, my_cases);
    view! {
        {page_title(move || with_site_name(t_string!(i18n, my_cases_title).to_string(), i18n))}
        <h1 class="mb-4 text-2xl font-bold text-slate-900">{t!(i18n, my_cases_title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match cases.await {
                    Ok(page) => view! { <CaseTable page href=|p| format!("/cases?page={p}") empty=t!(i18n, my_cases_empty).into_any() /> }.into_any(),
                    Err(e) => load_error(e),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn EmployerCasesPage() -> impl IntoView {
    let i18n = use_i18n();
    let page = page_number();
    let cases = Resource::new(page, employer_cases);
    view! {
        {page_title(move || with_site_name(t_string!(i18n, employer_cases_title).to_string(), i18n))}
        <h1 class="mb-4 text-2xl font-bold text-slate-900">{t!(i18n, employer_cases_title)}</h1>
        <crate::enterprises::pages::VerificationBanner />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match cases.await {
                    Ok(page) => view! { <CaseTable page href=|p| format!("/employer/cases?page={p}") staff=true empty=t!(i18n, employer_cases_empty).into_any() /> }.into_any(),
                    Err(e) => load_error(e),
                }
            })}
        </Suspense>
    }
}

const SELECT_CLASS: &str = "w-full min-w-0 rounded-md border border-slate-400 bg-white px-3 py-2";

#[component]
pub fn QueuePage() -> impl IntoView {
    let i18n = use_i18n();
    let query_map = use_query_map();
    let query = move || {
        query_map.with(|m| QueueQuery {
            scope: m.get("scope").unwrap_or_default(),
            item: m.get("item").unwrap_or_default(),
            state: m.get("state").unwrap_or_default(),
            overdue: m.get("overdue").unwrap_or_default(),
            page: m.get("page").and_then(|p| p.parse().ok()).unwrap_or(0),
        })
    };
    let cases = Resource::new(query, case_queue);
    view! {
        {page_title(move || with_site_name(t_string!(i18n, queue_title).to_string(), i18n))}
        <div class="mb-4 flex flex-wrap items-center justify-between gap-3">
            <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, queue_title)}</h1>
            <span class="flex flex-wrap gap-4">
                <a class="text-blue-800 underline" href="/staff/dashboard">{t!(i18n, dashboard_title)}</a>
                <a class="text-blue-800 underline" href="/staff/ratings">{t!(i18n, ratings_title)}</a>
            </span>
        </div>
        {move || {
            let q = query();
            view! {
                <form method="get" action="/staff/queue" class="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5">
                    <div class="flex min-w-0 flex-col gap-1">
                        <label for="queue-scope" class="text-sm font-medium">{t!(i18n, queue_scope)}</label>
                        <select id="queue-scope" name="scope" class=SELECT_CLASS>
                            <option value="" selected=q.scope.is_empty()>{t!(i18n, queue_scope_all)}</option>
                            <option value="unassigned" selected=q.scope == "unassigned">{t!(i18n, queue_scope_unassigned)}</option>
                            <option value="mine" selected=q.scope == "mine">{t!(i18n, queue_scope_mine)}</option>
                        </select>
                    </div>
                    <div class="flex min-w-0 flex-col gap-1">
                        <label for="queue-item" class="text-sm font-medium">{t!(i18n, queue_item)}</label>
                        <input id="queue-item" name="item" value=q.item.clone() class=SELECT_CLASS />
                    </div>
                    <div class="flex min-w-0 flex-col gap-1">
                        <label for="queue-state" class="text-sm font-medium">{t!(i18n, queue_state)}</label>
                        <select id="queue-state" name="state" class=SELECT_CLASS>
                            <option value="">{t!(i18n, filter_any)}</option>
                            {CaseState::ALL.into_iter().filter(|s| s.is_active() && *s != CaseState::Draft).map(|s| {
                                let selected = q.state == s.as_str();
                                view! { <option value=s.as_str() selected=selected>{move || super::labels::state_label(i18n, s)}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="flex items-end gap-2 pb-2">
                        <input id="queue-overdue" name="overdue" type="checkbox" checked=q.overdue == "on" class="h-5 w-5" />
                        <label for="queue-overdue" class="text-sm font-medium">{t!(i18n, queue_overdue)}</label>
                    </div>
                    <div class="flex items-end"><button type="submit" class=BUTTON_CLASS>{t!(i18n, queue_filter)}</button></div>
                </form>
                <p class="mb-4">
                    <crate::exports::pages::ExportLink
                        href=format!("/staff/exports/cases.csv?scope={}&item={}&state={}&overdue={}", url_encode(&q.scope), url_encode(&q.item),
                            if q.state.is_empty() { "queue".to_string() } else { url_encode(&q.state) }, url_encode(&q.overdue))
                        label=t_string!(i18n, export_queue).to_string() testid="export-queue" />
                </p>
            }
        }}
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                let q = query();
                match cases.await {
                    Ok(page) => view! {
                        <CaseTable page staff=true empty=t!(i18n, queue_empty).into_any() href=move |p| format!(
                            "/staff/queue?scope={}&item={}&state={}&overdue={}&page={p}",
                            url_encode(&q.scope), url_encode(&q.item), url_encode(&q.state), url_encode(&q.overdue)
                        ) />
                    }.into_any(),
                    Err(e) => load_error(e),
                }
            })}
        </Suspense>
    }
}

/// `/staff/ratings`: the good/bad review figures per service, and bad ratings to follow up.
#[component]
pub fn RatingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let overview = Resource::new(|| (), |_| case_ratings());
    view! {
        {page_title(move || with_site_name(t_string!(i18n, ratings_title).to_string(), i18n))}
        <h1 class="mb-4 text-2xl font-bold text-slate-900">{t!(i18n, ratings_title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Err(e) => load_error(e),
                    Ok(o) => view! {
                        <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white">
                            <table class="min-w-full text-left text-sm" data-testid="ratings-table">
                                <thead class="bg-slate-100">
                                    <tr>
                                        <th scope="col" class="px-3 py-2">{t!(i18n, col_service)}</th>
                                        <th scope="col" class="px-3 py-2">{t!(i18n, ratings_count)}</th>
                                        <th scope="col" class="px-3 py-2">{t!(i18n, ratings_average)}</th>
                                        <th scope="col" class="px-3 py-2">{t!(i18n, opendata_satisfaction)}</th>
                                        {crate::common::satisfaction::Aspect::ALL.into_iter().map(|aspect| view! {
                                            <th scope="col" class="px-3 py-2">{move || crate::common::satisfaction::aspect_name(i18n, aspect)}</th>
                                        }).collect_view()}
                                    </tr>
                                </thead>
                                <tbody class="divide-y divide-slate-200">
                                    {o.items.into_iter().map(|r| {
                                        let name = r.item_name.clone();
                                        let one_decimal = |v: Option<f64>| v.map(|v| format!("{v:.1}")).unwrap_or_else(|| "–".into());
                                        let average = one_decimal((r.count > 0).then(|| r.stars as f64 / r.count as f64));
                                        let satisfied = if r.count > 0 { format!("{:.1}%", r.satisfied as f64 * 100.0 / r.count as f64) } else { "–".into() };
                                        view! {
                                            <tr>
                                                <th scope="row" class="px-3 py-2 font-medium">{move || name.get(i18n.get_locale()).to_string()}</th>
                                                <td class="px-3 py-2">{r.count}</td>
                                                <td class="px-3 py-2">{average}</td>
                                                <td class="px-3 py-2">{satisfied}</td>
                                                {r.aspects.iter().map(|(_, tally)| view! {
                                                    <td class="px-3 py-2">{one_decimal(tally.average())}</td>
                                                }).collect_view()}
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <h2 class="mt-6 mb-2 text-lg font-semibold">{t!(i18n, ratings_bad)}</h2>
                        {if o.bad.is_empty() {
                            view! { <p class="text-slate-700">{t!(i18n, ratings_bad_none)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
                                    {o.bad.into_iter().map(|b| view! {
                                        <li class="px-4 py-2">
                                            <a class="font-mono text-blue-800 underline" href=format!("/cases/{}", b.case_id)>{b.number.clone()}</a>
                                            " · " <crate::common::satisfaction::LevelName level=b.rating /> " · " {b.comment.clone()}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
