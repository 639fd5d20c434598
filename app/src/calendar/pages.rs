//! `/admin/calendar?year=2026`: the special days of a year, and a form to add or change one.
use super::api::{ClearCalendarDay, SetCalendarDay, calendar_year};
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::forms::*;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CalendarPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let this_year = crate::common::date::today_in_china(crate::format::clock_ms()).year;
    let year = move || {
        query.with(|m| {
            m.get("year")
                .and_then(|y| y.parse::<i32>().ok())
                .unwrap_or(this_year)
        })
    };
    let set = ServerAction::<SetCalendarDay>::new();
    crate::notice::announce_on_success(set.value(), crate::notice::Done::CalendarDaySaved);
    let clear = ServerAction::<ClearCalendarDay>::new();
    crate::notice::announce_on_success(clear.value(), crate::notice::Done::CalendarDayCleared);
    let days = Resource::new(
        move || (year(), set.version().get(), clear.version().get()),
        |(year, ..)| calendar_year(year),
    );
    let error = first_error([last_error(set.value()), last_error(clear.value())]);
    view! {
        {page_title(move || with_site_name(t_string!(i18n, calendar_title).to_string(), i18n))}
        <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, calendar_title)}</h1>
        <p class="mt-1 mb-4 text-slate-700">{t!(i18n, calendar_lead)}</p>
        <nav class="mb-4 flex gap-4 text-sm" aria-label=move || t_string!(i18n, calendar_years)>
            {move || {
                let y = year();
                view! {
                    <a class="text-blue-800 underline" href=format!("/admin/calendar?year={}", y - 1)>{y - 1}</a>
                    <span class="font-semibold" aria-current="page">{y}</span>
                    <a class="text-blue-800 underline" href=format!("/admin/calendar?year={}", y + 1)>{y + 1}</a>
                }
            }}
        </nav>
        <FormError error />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match days.await {
                    Err(e) => load_error(e),
                    Ok(days) if days.is_empty() => view! { <p class="text-slate-700">{t!(i18n, calendar_empty)}</p> }.into_any(),
                    Ok(days) => view! {
                        <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white">
                            <table class="min-w-full text-left text-sm" data-testid="calendar-table">
                                <thead class="bg-slate-100">
                                    <tr>
                                        <th scope="col" class="px-3 py-2">{t!(i18n, calendar_day)}</th>
                                        <th scope="col" class="px-3 py-2">{t!(i18n, calendar_kind)}</th>
                                        <th scope="col" class="px-3 py-2">{t!(i18n, calendar_note)}</th>
                                        <th scope="col" class="px-3 py-2">{t!(i18n, col_actions)}</th>
                                    </tr>
                                </thead>
                                <tbody class="divide-y divide-slate-200">
                                    {days.into_iter().map(|d| {
                                        let note = d.note.clone();
                                        let day = d.day.to_string();
                                        view! {
                                            <tr>
                                                <th scope="row" class="px-3 py-2 font-mono font-normal">{day.clone()}</th>
                                                <td class="px-3 py-2">{if d.working { t!(i18n, calendar_working).into_any() } else { t!(i18n, calendar_off).into_any() }}</td>
                                                <td class="px-3 py-2">{move || note.get(i18n.get_locale()).to_string()}</td>
                                                <td class="px-3 py-2">
                                                    <ActionForm action=clear>
                                                        <input type="hidden" name="day" value=day.clone() />
                                                        <button type="submit" disabled=move || clear.pending().get() class=SECONDARY_BUTTON_CLASS>{t!(i18n, calendar_clear)}</button>
                                                    </ActionForm>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                }
            })}
        </Suspense>
        <section aria-labelledby="calendar-add" class="mt-6 max-w-xl rounded-lg border border-slate-200 bg-white p-5">
            <h2 id="calendar-add" class="mb-3 text-lg font-semibold">{t!(i18n, calendar_add)}</h2>
            <ActionForm action=set attr:class="flex flex-col gap-3">
                <Field name="day" kind="date" label=Signal::derive(move || t_string!(i18n, calendar_day).to_string()) required=true error=error />
                <div class="flex items-center gap-2">
                    <input id="calendar-working" name="working" type="checkbox" class="h-5 w-5" />
                    <label for="calendar-working" class="text-sm font-medium">{t!(i18n, calendar_is_working)}</label>
                </div>
                <Field name="note_zh" label=Signal::derive(move || t_string!(i18n, calendar_note_zh).to_string()) required=true error=error />
                <Field name="note_en" label=Signal::derive(move || t_string!(i18n, calendar_note_en).to_string()) required=true error=error />
                <div><button type="submit" disabled=move || set.pending().get() class=BUTTON_CLASS>{t!(i18n, save)}</button></div>
            </ActionForm>
        </section>
    }
}
