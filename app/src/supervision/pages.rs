//! `/staff/assign` (administrators): each staff member's open work, and the open cases or
//! concerns to give to someone, many at a time.
use super::api::{ReassignWork, supervision_view};
use super::model::*;
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::format::group_thousands;
use crate::forms::*;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

const SELECT: &str = "w-full min-w-0 rounded-md border border-slate-400 bg-white px-3 py-2";
const TH: &str = "border-b border-slate-300 px-3 py-2 text-left font-semibold";
const TD: &str = "border-b border-slate-200 px-3 py-2";
const NUM: &str = "border-b border-slate-200 px-3 py-2 text-right tabular-nums";

fn n(value: i64) -> String {
    group_thousands(value.max(0) as u64)
}

#[component]
pub fn SupervisionPage() -> impl IntoView {
    let i18n = use_i18n();
    let query_map = use_query_map();
    let query = move || {
        query_map.with(|m| WorkQuery {
            kind: m.get("kind").unwrap_or_default(),
            holder: m.get("holder").unwrap_or_default(),
            overdue: m.get("overdue").unwrap_or_default(),
        })
    };
    let reassign = ServerAction::<ReassignWork>::new();
    crate::notice::announce_on_success(reassign.value(), crate::notice::Done::WorkReassigned);
    let view_data = Resource::new(
        move || (query(), reassign.version().get()),
        |(q, _)| supervision_view(q),
    );
    let error = last_error(reassign.value());
    let pick_all = RwSignal::new(false);
    view! {
        {page_title(move || with_site_name(t_string!(i18n, assign_title).to_string(), i18n))}
        <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, assign_title)}</h1>
        <p class="mt-1 mb-4 text-slate-700">{t!(i18n, assign_lead)}</p>
        <div class="mb-6"><crate::extensions::pages::WaitingExtensions /></div>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                let q = query();
                match view_data.await {
                    Err(e) => load_error(e),
                    Ok(data) => {
                        let kind = WorkKind::parse(&q.kind).unwrap_or(WorkKind::Cases);
                        let staff: Vec<(i64, String)> = data.load.iter().filter(|l| l.staff_id > 0)
                            .map(|l| (l.staff_id, l.name.clone())).collect();
                        let staff_for_filter = staff.clone();
                        view! {
                            <section class="mb-6" aria-labelledby="load-title">
                                <h2 id="load-title" class="mb-2 text-xl font-semibold">{t!(i18n, assign_load)}</h2>
                                <div class="overflow-x-auto">
                                    <table class="min-w-full border-collapse bg-white text-sm" data-testid="load-table">
                                        <thead><tr>
                                            <th scope="col" class=TH>{t!(i18n, assign_staff)}</th>
                                            <th scope="col" class=TH>{t!(i18n, assign_open_cases)}</th>
                                            <th scope="col" class=TH>{t!(i18n, assign_overdue_cases)}</th>
                                            <th scope="col" class=TH>{t!(i18n, assign_open_concerns)}</th>
                                            <th scope="col" class=TH>{t!(i18n, assign_overdue_concerns)}</th>
                                        </tr></thead>
                                        <tbody>
                                            {data.load.iter().map(|l| {
                                                let holder = if l.staff_id == 0 { "none".to_string() } else { l.staff_id.to_string() };
                                                let name = if l.staff_id == 0 { t_string!(i18n, assign_nobody).to_string() } else { l.name.clone() };
                                                view! {
                                                    <tr data-staff=l.name.clone()>
                                                        <th scope="row" class=TD>{name}</th>
                                                        <td class=NUM><a class="text-blue-800 underline" href=format!("/staff/assign?kind=cases&holder={holder}")>{n(l.open_cases)}</a></td>
                                                        <td class=NUM>{n(l.overdue_cases)}</td>
                                                        <td class=NUM><a class="text-blue-800 underline" href=format!("/staff/assign?kind=concerns&holder={holder}")>{n(l.open_concerns)}</a></td>
                                                        <td class=NUM>{n(l.overdue_concerns)}</td>
                                                    </tr>
                                                }
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            </section>
                            <form method="get" action="/staff/assign" class="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4">
                                <div class="flex min-w-0 flex-col gap-1">
                                    <label for="work-kind" class="text-sm font-medium">{t!(i18n, assign_kind)}</label>
                                    <select id="work-kind" name="kind" class=SELECT>
                                        <option value="cases" selected=kind == WorkKind::Cases>{t!(i18n, assign_kind_cases)}</option>
                                        <option value="concerns" selected=kind == WorkKind::Concerns>{t!(i18n, assign_kind_concerns)}</option>
                                    </select>
                                </div>
                                <div class="flex min-w-0 flex-col gap-1">
                                    <label for="work-holder" class="text-sm font-medium">{t!(i18n, assign_holder)}</label>
                                    <select id="work-holder" name="holder" class=SELECT>
                                        <option value="" selected=q.holder.is_empty()>{t!(i18n, filter_any)}</option>
                                        <option value="none" selected=q.holder == "none">{t!(i18n, assign_nobody)}</option>
                                        {staff_for_filter.into_iter().map(|(id, name)| {
                                            let selected = q.holder == id.to_string();
                                            view! { <option value=id.to_string() selected=selected>{name}</option> }
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="flex items-end gap-2 pb-2">
                                    <input id="work-overdue" name="overdue" type="checkbox" checked=q.overdue == "on" class="h-5 w-5" />
                                    <label for="work-overdue" class="text-sm font-medium">{t!(i18n, queue_overdue)}</label>
                                </div>
                                <div class="flex items-end"><button type="submit" class=BUTTON_CLASS>{t!(i18n, queue_filter)}</button></div>
                            </form>
                            {if data.items.is_empty() {
                                view! { <p class="text-slate-700" role="status">{t!(i18n, assign_empty)}</p> }.into_any()
                            } else {
                                view! {
                                    <ActionForm action=reassign attr:class="flex flex-col gap-3" attr:data-testid="reassign-form">
                                        <input type="hidden" name="kind" value=kind.as_str() />
                                        <div class="flex flex-wrap items-center gap-3">
                                            <button type="button" class=SECONDARY_BUTTON_CLASS on:click=move |_| pick_all.update(|a| *a = !*a)>
                                                {move || if pick_all.get() { t_string!(i18n, assign_pick_none) } else { t_string!(i18n, assign_pick_all) }}
                                            </button>
                                            {data.truncated.then(|| view! { <span class="text-sm text-slate-700">{t!(i18n, assign_truncated)}</span> })}
                                        </div>
                                        <div class="overflow-x-auto">
                                            <table class="min-w-full border-collapse bg-white text-sm" data-testid="work-table">
                                                <thead><tr>
                                                    <th scope="col" class=TH><span class="sr-only">{t!(i18n, assign_pick)}</span></th>
                                                    <th scope="col" class=TH>{t!(i18n, col_case)}</th>
                                                    <th scope="col" class=TH>{t!(i18n, assign_what)}</th>
                                                    <th scope="col" class=TH>{t!(i18n, col_assignee)}</th>
                                                    <th scope="col" class=TH>{t!(i18n, col_due)}</th>
                                                </tr></thead>
                                                <tbody>
                                                    {data.items.iter().enumerate().map(|(i, item)| {
                                                        let box_id = format!("pick-{}", item.id);
                                                        let href = match kind {
                                                            WorkKind::Cases => format!("/cases/{}", item.id),
                                                            WorkKind::Concerns => format!("/concerns/{}", item.id),
                                                        };
                                                        let title = (item.title.clone(), item.title_en.clone());
                                                        view! {
                                                            <tr data-number=item.number.clone()>
                                                                <td class=TD>
                                                                    <input type="checkbox" id=box_id.clone() name=format!("picked[{i}]")
                                                                        value=format!("{}:{}", item.id, item.version) class="h-5 w-5"
                                                                        prop:checked=move || pick_all.get() />
                                                                </td>
                                                                <th scope="row" class=TD>
                                                                    <label for=box_id class="font-mono">{item.number.clone()}</label>
                                                                    " " <a class="text-sm text-blue-800 underline" href=href>{t!(i18n, assign_open)}</a>
                                                                </th>
                                                                <td class=TD>{move || if i18n.get_locale() == Locale::en { title.1.clone() } else { title.0.clone() }}</td>
                                                                <td class=TD>{item.holder.clone().unwrap_or_else(|| t_string!(i18n, assign_nobody).to_string())}</td>
                                                                <td class=TD>
                                                                    {item.due_on.clone().unwrap_or_default()}
                                                                    {item.overdue.then(|| view! { <span class="ml-2 rounded bg-red-100 px-1 text-red-900">{t!(i18n, urgency_overdue)}</span> })}
                                                                </td>
                                                            </tr>
                                                        }
                                                    }).collect_view()}
                                                </tbody>
                                            </table>
                                        </div>
                                        <div class="flex flex-wrap items-end gap-3">
                                            <div class="flex min-w-0 flex-col gap-1">
                                                <label for="assign-to" class="text-sm font-medium">{t!(i18n, assign_to)}</label>
                                                <select id="assign-to" name="assignee" class=SELECT>
                                                    {staff.into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                                                </select>
                                            </div>
                                            <button type="submit" disabled=move || reassign.pending().get() class=BUTTON_CLASS data-testid="reassign">{t!(i18n, assign_submit)}</button>
                                        </div>
                                    </ActionForm>
                                }.into_any()
                            }}
                        }.into_any()
                    }
                }
            })}
        </Suspense>
        <FormError error />
        {move || match reassign.value().get() {
            Some(Ok(count)) => Some(view! {
                <p class="mt-3 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-900" role="status" data-testid="reassigned">
                    {crate::format::fill(t_string!(i18n, assign_done), &[&count.to_string()])}
                </p>
            }),
            _ => None,
        }}
    }
}
