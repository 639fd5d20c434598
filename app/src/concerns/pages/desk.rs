//! `/staff/concerns`: concerns owed an answer, soonest due first; the caller's own;
//! overdue ones; all.
use super::ConcernRow;
use crate::common::page::load_error;
use crate::common::page::{Pagination, page_title, with_site_name};
use crate::concerns::api::concern_desk;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ConcernDeskPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let filter = move || query.with(|m| m.get("filter").unwrap_or_else(|| "open".into()));
    let page = move || query.with(|m| m.get("page").and_then(|p| p.parse().ok()).unwrap_or(0));
    let list = Resource::new(move || (filter(), page()), |(f, p)| concern_desk(f, p));
    let filters = [("open", 0), ("mine", 3), ("overdue", 1), ("all", 2)];
    view! {
        {page_title(move || with_site_name(t_string!(i18n, concern_desk_title).to_string(), i18n))}
        <div class="mb-4 flex flex-wrap items-baseline justify-between gap-3">
            <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, concern_desk_title)}</h1>
            <a class="text-blue-800 underline" href="/staff/templates">{t!(i18n, templates_title)}</a>
        </div>
        <nav class="mb-4 flex flex-wrap gap-4 text-sm" aria-label=move || t_string!(i18n, concern_desk_title)>
            {filters.into_iter().map(|(f, n)| view! {
                <a class="text-blue-800 underline aria-[current=page]:font-bold aria-[current=page]:no-underline"
                    href=format!("/staff/concerns?filter={f}") aria-current=move || (filter() == f).then_some("page")>
                    {move || match n { 0 => t_string!(i18n, concern_filter_open), 1 => t_string!(i18n, urgency_overdue), 3 => t_string!(i18n, queue_scope_mine), _ => t_string!(i18n, concern_filter_all) }}
                </a>
            }).collect_view()}
        </nav>
        {move || {
            // The export has the list's filter.
            let query = match filter().as_str() {
                "overdue" => "overdue=on",
                "mine" => "state=waiting&scope=mine",
                "all" => "",
                _ => "state=waiting",
            };
            view! {
                <p class="mb-4"><crate::exports::pages::ExportLink href=format!("/staff/exports/concerns.csv?{query}")
                    label=t_string!(i18n, export_desk).to_string() testid="export-desk" /></p>
            }
        }}
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                let current = filter();
                match list.await {
                    Err(e) => load_error(e),
                    Ok(list) if list.items.is_empty() => view! { <p class="text-slate-700">{t!(i18n, concern_desk_empty)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="flex flex-col gap-3" data-testid="concern-desk">
                            {list.items.into_iter().map(|c| view! { <ConcernRow c show_requester=true /> }).collect_view()}
                        </ul>
                        <Pagination page=list.page has_more=list.has_more href=move |p| format!("/staff/concerns?filter={current}&page={p}") />
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
