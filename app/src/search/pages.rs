//! `/staff/search`: one box for numbers, names, phones and ID numbers (a GET form).
use super::api::staff_search;
use super::model::*;
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::forms::BUTTON_CLASS;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
fn CaseLinks(cases: Vec<CaseHit>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="flex flex-col gap-1">
            {cases.into_iter().map(|c| {
                let name = c.item_name.clone();
                view! {
                    <li>
                        <a class="font-mono text-blue-800 underline" href=format!("/cases/{}", c.id)>{c.number.clone()}</a>
                        " · " {move || name.get(i18n.get_locale()).to_string()} " · " {c.applicant.clone()} " · "
                        {move || crate::cases::model::CaseState::parse(&c.state).map(|s| crate::cases::pages::labels::state_label(i18n, s)).unwrap_or_default()}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

#[component]
fn ConcernLinks(concerns: Vec<ConcernHit>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="flex flex-col gap-1">
            {concerns.into_iter().map(|c| view! {
                <li>
                    <a class="font-mono text-blue-800 underline" href=format!("/concerns/{}", c.id)>{c.number.clone()}</a>
                    " · " {c.subject.clone()} " · " {c.requester.clone()} " · "
                    {move || crate::concerns::model::ConcernState::parse(&c.state).map(|s| crate::concerns::pages::state_label(i18n, s)).unwrap_or_default()}
                </li>
            }).collect_view()}
        </ul>
    }
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = move || query.with(|m| m.get("q").unwrap_or_default());
    let results = Resource::new(q, staff_search);
    view! {
        {page_title(move || with_site_name(t_string!(i18n, search_title).to_string(), i18n))}
        <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, search_title)}</h1>
        <form method="get" action="/staff/search" role="search" class="my-4 flex max-w-2xl flex-wrap items-end gap-3">
            <div class="flex min-w-0 flex-1 flex-col gap-1">
                <label for="search-q" class="text-sm font-medium">{t!(i18n, search_label)}</label>
                <input id="search-q" name="q" value=q class="rounded-md border border-slate-400 bg-white px-3 py-2" />
                <p class="text-sm text-slate-600">{t!(i18n, search_help)}</p>
            </div>
            <button type="submit" class=BUTTON_CLASS data-testid="search-submit">{t!(i18n, search_button)}</button>
        </form>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                let asked = !q().trim().is_empty();
                match results.await {
                    Err(e) => load_error(e),
                    Ok(r) if r.cases.is_empty() && r.concerns.is_empty() && r.people.is_empty() => {
                        asked.then(|| view! { <p role="status" data-testid="search-empty">{t!(i18n, search_none)}</p> }).into_any()
                    }
                    Ok(r) => view! {
                        <div class="flex flex-col gap-6" data-testid="search-results">
                            {(!r.cases.is_empty()).then(|| view! {
                                <section><h2 class="mb-2 text-lg font-semibold">{t!(i18n, search_cases)}</h2><CaseLinks cases=r.cases.clone() /></section>
                            })}
                            {(!r.concerns.is_empty()).then(|| view! {
                                <section><h2 class="mb-2 text-lg font-semibold">{t!(i18n, search_concerns)}</h2><ConcernLinks concerns=r.concerns.clone() /></section>
                            })}
                            {(!r.people.is_empty()).then(|| view! {
                                <section>
                                    <h2 class="mb-2 text-lg font-semibold">{t!(i18n, search_people)}</h2>
                                    <ul class="flex flex-col gap-3">
                                        {r.people.iter().map(|p| view! {
                                            <li class="rounded-lg border border-slate-200 bg-white p-3" data-testid="person">
                                                <p class="font-semibold">{p.name.clone()}</p>
                                                <p class="text-sm text-slate-700">
                                                    {p.email.clone()} " " {p.phone_masked.clone()} " " {p.id_masked.clone()}
                                                </p>
                                                <CaseLinks cases=p.cases.clone() />
                                                <ConcernLinks concerns=p.concerns.clone() />
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                </section>
                            })}
                        </div>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
