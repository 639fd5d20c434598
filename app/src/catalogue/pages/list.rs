//! `/services`: every published service, searchable and filterable. The filters are a plain
//! GET form, so results can be bookmarked and the page works without JavaScript.
use super::{ServiceCard, applicant_label, category_label};
use crate::catalogue::api::search_catalogue;
use crate::catalogue::model::{Applicant, CatalogueQuery, Category};
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::format::url_encode;
use crate::forms::BUTTON_CLASS;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

const SELECT_CLASS: &str = "w-full min-w-0 rounded-md border border-slate-400 bg-white px-3 py-2";

#[component]
pub fn ServicesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query_map = use_query_map();
    let query = move || {
        query_map.with(|m| CatalogueQuery {
            q: m.get("q").unwrap_or_default(),
            category: m.get("category").unwrap_or_default(),
            applicant: m.get("applicant").unwrap_or_default(),
            department: m.get("department").unwrap_or_default(),
            page: m.get("page").and_then(|p| p.parse().ok()).unwrap_or(0),
        })
    };
    let results = Resource::new(query, search_catalogue);
    let page_href = move |page: u32| {
        let q = query();
        format!(
            "/services?q={}&category={}&applicant={}&department={}&page={page}",
            url_encode(&q.q),
            url_encode(&q.category),
            url_encode(&q.applicant),
            url_encode(&q.department)
        )
    };
    view! {
        {page_title(move || with_site_name(t_string!(i18n, services_title).to_string(), i18n))}
        <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, services_title)}</h1>
        <p class="mt-1 mb-4 text-slate-700">{t!(i18n, services_lead)}</p>
        <crate::bundles::pages::BundleCards />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                let current = query();
                match results.await {
                    Err(e) => load_error(e),
                    Ok(page) => view! {
                        <form method="get" action="/services" role="search" class="mb-6 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5">
                            <div class="flex flex-col gap-1 lg:col-span-2">
                                <label for="services-q" class="text-sm font-medium">{t!(i18n, services_search)}</label>
                                <input id="services-q" name="q" type="search" value=current.q.clone() class="rounded-md border border-slate-400 px-3 py-2" />
                            </div>
                            <div class="flex min-w-0 flex-col gap-1">
                                <label for="services-category" class="text-sm font-medium">{t!(i18n, filter_category)}</label>
                                <select id="services-category" name="category" class=SELECT_CLASS>
                                    <option value="">{t!(i18n, filter_any)}</option>
                                    {Category::ALL.into_iter().map(|c| {
                                        let selected = current.category == c.as_str();
                                        view! { <option value=c.as_str() selected=selected>{move || category_label(i18n, c)}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                            <div class="flex min-w-0 flex-col gap-1">
                                <label for="services-applicant" class="text-sm font-medium">{t!(i18n, filter_applicant)}</label>
                                <select id="services-applicant" name="applicant" class=SELECT_CLASS>
                                    <option value="">{t!(i18n, filter_any)}</option>
                                    {Applicant::ALL.into_iter().map(|a| {
                                        let selected = current.applicant == a.as_str();
                                        view! { <option value=a.as_str() selected=selected>{move || applicant_label(i18n, a)}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                            <div class="flex min-w-0 flex-col gap-1">
                                <label for="services-department" class="text-sm font-medium">{t!(i18n, filter_department)}</label>
                                <select id="services-department" name="department" class=SELECT_CLASS>
                                    <option value="">{t!(i18n, filter_any)}</option>
                                    {page.departments.iter().map(|d| {
                                        let selected = current.department == d.en;
                                        let d = d.clone();
                                        let value = d.en.clone();
                                        view! { <option value=value selected=selected>{move || d.get(i18n.get_locale()).to_string()}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                            <div class="sm:col-span-2 lg:col-span-5">
                                <button type="submit" class=BUTTON_CLASS>{t!(i18n, search)}</button>
                            </div>
                        </form>
                        {if page.items.is_empty() {
                            view! { <p class="text-slate-700" role="status">{t!(i18n, services_empty)}</p> }.into_any()
                        } else {
                            view! {
                                <h2 class="sr-only">{t!(i18n, services_results)}</h2>
                                <ul class="grid gap-4 sm:grid-cols-2" data-testid="service-list">
                                    {page.items.into_iter().map(|item| view! { <ServiceCard item /> }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        <crate::common::page::Pagination page=page.page has_more=page.has_more href=page_href />
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
