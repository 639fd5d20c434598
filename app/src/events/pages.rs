//! `/events` (public list), `/events/:id` (page with schema.org `Event` data and an
//! `.ics` download), and the staff editor (`/staff/events/new`, `/events/:id/edit`).
use super::api::{SaveEvent, list_events, load_event, load_event_desk};
use super::model::*;
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::format::{datetime, url_encode};
use crate::forms::*;
use crate::i18n::*;
use crate::links::FileLink;
use crate::markup::escapable_raw_text;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::{use_params_map, use_query_map};

const INPUT: &str = "w-full min-w-0 rounded-md border border-slate-400 bg-white px-3 py-2";

pub fn kind_label(i18n: I18nContext<Locale>, kind: EventKind) -> String {
    match kind {
        EventKind::Conference => t_string!(i18n, event_kind_conference),
        EventKind::Forum => t_string!(i18n, event_kind_forum),
        EventKind::JobFair => t_string!(i18n, event_kind_job_fair),
        EventKind::Training => t_string!(i18n, event_kind_training),
    }
    .to_string()
}

fn audience_label(i18n: I18nContext<Locale>, audience: Audience) -> String {
    match audience {
        Audience::Everyone => t_string!(i18n, event_audience_everyone),
        Audience::Talents => t_string!(i18n, event_audience_talents),
        Audience::Enterprises => t_string!(i18n, event_audience_enterprises),
    }
    .to_string()
}

/// `2026-12-05 09:30 – 17:00 (China time, UTC+8)`; both days when it spans several.
fn when(i18n: I18nContext<Locale>, starts: i64, ends: i64) -> String {
    let (a, b) = (datetime(starts), datetime(ends));
    let end = if a[..10] == b[..10] {
        b[11..].to_string()
    } else {
        b
    };
    format!("{a} – {end} ({})", t_string!(i18n, event_time_zone))
}

/// The GET form of the type and upcoming/past filters (the public list and the desk).
fn filter_form(i18n: I18nContext<Locale>, action: &'static str, q: &EventQuery) -> AnyView {
    view! {
        <form method="get" action=action class="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
            <div class="flex min-w-0 flex-col gap-1">
                <label for="filter-kind" class="text-sm font-medium">{t!(i18n, event_kind)}</label>
                <select id="filter-kind" name="kind" class=INPUT>
                    <option value="">{t!(i18n, filter_any)}</option>
                    {EventKind::ALL.into_iter().map(|k| view! {
                        <option value=k.as_str() selected=q.kind == k.as_str()>{move || kind_label(i18n, k)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="flex min-w-0 flex-col gap-1">
                <label for="filter-when" class="text-sm font-medium">{t!(i18n, events_when)}</label>
                <select id="filter-when" name="when" class=INPUT>
                    <option value="" selected=q.when != "past">{t!(i18n, events_upcoming)}</option>
                    <option value="past" selected=q.when == "past">{t!(i18n, events_past)}</option>
                </select>
            </div>
            <button type="submit" class=BUTTON_CLASS>{t!(i18n, queue_filter)}</button>
        </form>
    }
    .into_any()
}

#[component]
pub fn EventsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query_map = use_query_map();
    let query = move || query_map.with(EventQuery::from_address);
    let list = Resource::new(query, list_events);
    view! {
        {page_title(move || with_site_name(t_string!(i18n, events_title).to_string(), i18n))}
        <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, events_title)}</h1>
        <p class="mt-1 mb-4 text-slate-700">{t!(i18n, events_lead)}</p>
        {move || {
            let q = query();
            view! {
                {filter_form(i18n, "/events", &q)}
            }
        }}
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                let q = query();
                match list.await {
                    Err(e) => load_error(e),
                    Ok(l) if l.items.is_empty() => view! { <p role="status">{t!(i18n, events_none)}</p> }.into_any(),
                    Ok(l) => view! {
                        <ul class="flex flex-col gap-3" data-testid="event-list">
                            {l.items.into_iter().map(|e| {
                                let title = e.title.clone();
                                view! {
                                    <li class="rounded-lg border border-slate-200 bg-white p-4">
                                        <p class="text-sm text-slate-600">{move || kind_label(i18n, e.kind)} " · " {move || audience_label(i18n, e.audience)}</p>
                                        <h2 class="text-lg font-semibold">
                                            <a class="text-blue-800 underline" href=format!("/events/{}", e.id)>{move || title.get(i18n.get_locale()).to_string()}</a>
                                        </h2>
                                        <p>{move || when(i18n, e.starts_at, e.ends_at)}</p>
                                        <p class="text-sm text-slate-700">
                                            {e.place.clone()}
                                            {e.online.then(|| view! { " · " {t!(i18n, event_online)} })}
                                        </p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <crate::common::page::Pagination page=l.page has_more=l.has_more href=move |p| format!(
                            "/events?kind={}&when={}&page={p}", url_encode(&q.kind), url_encode(&q.when)) />
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The schema.org `Event` of an event, as JSON safe inside a script tag.
fn event_json(page: &EventPage) -> String {
    let c = &page.card;
    let location = if c.place.is_empty() {
        serde_json::json!({ "@type": "VirtualLocation", "url": "https://liangjiang.example/events" })
    } else {
        serde_json::json!({ "@type": "Place", "name": c.place, "address": {
            "@type": "PostalAddress", "addressRegion": "重庆", "addressLocality": "两江新区", "addressCountry": "CN" } })
    };
    let mode = match (c.place.is_empty(), c.online) {
        (true, _) => "https://schema.org/OnlineEventAttendanceMode",
        (false, true) => "https://schema.org/MixedEventAttendanceMode",
        (false, false) => "https://schema.org/OfflineEventAttendanceMode",
    };
    let value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": c.title.zh,
        "alternateName": c.title.en,
        "description": page.description.zh,
        "startDate": iso_time(c.starts_at),
        "endDate": iso_time(c.ends_at),
        "eventAttendanceMode": mode,
        "eventStatus": "https://schema.org/EventScheduled",
        "location": location,
        "maximumAttendeeCapacity": c.capacity,
        "organizer": { "@type": "GovernmentOrganization", "name": "两江新区人才服务中心" }
    });
    crate::markup::json_in_script(&value)
}

#[component]
pub fn EventPageView() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let event = Resource::new(id, load_event);
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match event.await {
                    Err(e) => load_error(e),
                    Ok(page) => {
                        let json = event_json(&page);
                        let c = page.card.clone();
                        let (title, title_head, description) = (c.title.clone(), c.title.clone(), page.description.clone());
                        view! {
                            {page_title(move || with_site_name(title_head.get(i18n.get_locale()).to_string(), i18n))}
                            <script type="application/ld+json" inner_html=json></script>
                            <p class="mb-2 text-sm"><a class="text-blue-800 underline" href="/events">{t!(i18n, events_title)}</a></p>
                            <article class="flex max-w-3xl flex-col gap-3" data-testid="event">
                                <p class="text-sm text-slate-600">{move || kind_label(i18n, c.kind)} " · " {move || audience_label(i18n, c.audience)}</p>
                                <h1 class="text-2xl font-bold text-slate-900" data-testid="event-title">{move || title.get(i18n.get_locale()).to_string()}</h1>
                                <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
                                    <dt class="text-slate-600">{t!(i18n, event_time)}</dt>
                                    <dd data-testid="event-when">{move || when(i18n, c.starts_at, c.ends_at)}</dd>
                                    <dt class="text-slate-600">{t!(i18n, event_place)}</dt>
                                    <dd>{c.place.clone()} {c.online.then(|| view! { " " <span>{t!(i18n, event_online_note)}</span> })}</dd>
                                    <dt class="text-slate-600">{t!(i18n, event_capacity)}</dt>
                                    <dd>{c.capacity}</dd>
                                    <dt class="text-slate-600">{t!(i18n, event_registration)}</dt>
                                    <dd>{move || when(i18n, page.registration_opens_at, page.registration_closes_at)}</dd>
                                </dl>
                                <crate::registrations::pages::RegistrationBox event_id=c.id />
                                {(c.kind == EventKind::Training).then(|| view! { <crate::trainings::pages::TrainingBox event_id=c.id /> })}
                                <div class="whitespace-pre-line">{move || description.get(i18n.get_locale()).to_string()}</div>
                                <p class="flex flex-wrap gap-4">
                                    <FileLink download=true href=format!("/events/{}/event.ics", c.id) testid="event-ics">{t!(i18n, event_ics)}</FileLink>
                                    {page.draft.is_some().then(|| view! {
                                        <a class="text-blue-800 underline" href=format!("/events/{}/edit", c.id)>{t!(i18n, event_edit)}</a>
                                    })}
                                </p>
                            </article>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The editor, for a new event or (with an id in the address) an existing one.
#[component]
pub fn EventEditorPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let existing = Resource::new(id, |id| async move {
        if id == 0 {
            Ok(None)
        } else {
            load_event(id).await.map(|p| p.draft)
        }
    });
    let save = ServerAction::<SaveEvent>::new();
    crate::notice::announce_on_success(save.value(), crate::notice::Done::EventSaved);
    let error = last_error(save.value());
    view! {
        {page_title(move || with_site_name(t_string!(i18n, event_editor_title).to_string(), i18n))}
        <h1 class="mb-4 text-2xl font-bold text-slate-900">{t!(i18n, event_editor_title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                let draft = match existing.await {
                    Err(e) => return load_error(e),
                    Ok(Some(d)) => d,
                    Ok(None) if id() != 0 => return load_error(crate::error::AppError::NotFound),
                    Ok(None) => EventDraft { kind: "conference".into(), audience: "everyone".into(), ..Default::default() },
                };
                let field = move |name: &'static str, label: String, kind: &'static str, value: String| view! {
                    <Field name=name label=Signal::derive(move || label.clone()) kind=kind
                        value=Signal::derive(move || value.clone()) error=error />
                };
                let area = move |name: &'static str, label: String, value: String| {
                    let id = name.replace(['[', ']'], "-");
                    view! {
                        <div class="flex flex-col gap-1">
                            <label for=id.clone() class="text-sm font-medium">{label}</label>
                            <textarea id=id name=name rows="4" class=INPUT>{escapable_raw_text(value)}</textarea>
                        </div>
                    }
                };
                view! {
                    <ActionForm action=save attr:class="flex max-w-3xl flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4" attr:data-testid="event-form">
                        <input type="hidden" name="draft[id]" value=draft.id />
                        <input type="hidden" name="draft[version]" value=draft.version />
                        <div class="grid gap-4 sm:grid-cols-2">
                            <div class="flex flex-col gap-1">
                                <label for="event-kind" class="text-sm font-medium">{t!(i18n, event_kind)}</label>
                                <select id="event-kind" name="draft[kind]" class=INPUT>
                                    {EventKind::ALL.into_iter().map(|k| view! {
                                        <option value=k.as_str() selected=draft.kind == k.as_str()>{kind_label(i18n, k)}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                            <div class="flex flex-col gap-1">
                                <label for="event-audience" class="text-sm font-medium">{t!(i18n, event_audience)}</label>
                                <select id="event-audience" name="draft[audience]" class=INPUT>
                                    {Audience::ALL.into_iter().map(|a| view! {
                                        <option value=a.as_str() selected=draft.audience == a.as_str()>{audience_label(i18n, a)}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                            {field("draft[title_zh]", t_string!(i18n, event_title_zh).to_string(), "text", draft.title_zh.clone())}
                            {field("draft[title_en]", t_string!(i18n, event_title_en).to_string(), "text", draft.title_en.clone())}
                            {area("draft[description_zh]", t_string!(i18n, event_description_zh).to_string(), draft.description_zh.clone())}
                            {area("draft[description_en]", t_string!(i18n, event_description_en).to_string(), draft.description_en.clone())}
                            {field("draft[starts]", t_string!(i18n, event_starts).to_string(), "datetime-local", draft.starts.clone())}
                            {field("draft[ends]", t_string!(i18n, event_ends).to_string(), "datetime-local", draft.ends.clone())}
                            {field("draft[place]", t_string!(i18n, event_place).to_string(), "text", draft.place.clone())}
                            {field("draft[online_link]", t_string!(i18n, event_online_link).to_string(), "url", draft.online_link.clone())}
                            {field("draft[capacity]", t_string!(i18n, event_capacity).to_string(), "number", draft.capacity.clone())}
                            {field("draft[sessions_required]", t_string!(i18n, event_sessions_required).to_string(), "number", draft.sessions_required.clone())}
                            {field("draft[registration_opens]", t_string!(i18n, event_registration_opens).to_string(), "datetime-local", draft.registration_opens.clone())}
                            {field("draft[registration_closes]", t_string!(i18n, event_registration_closes).to_string(), "datetime-local", draft.registration_closes.clone())}
                        </div>
                        <p class="text-sm text-slate-600">{t!(i18n, event_time_help)}</p>
                        <FormError error fields=&["draft[title_zh]", "draft[title_en]", "draft[starts]", "draft[ends]", "draft[place]",
                            "draft[online_link]", "draft[capacity]", "draft[sessions_required]", "draft[registration_opens]", "draft[registration_closes]"] />
                        <div><button type="submit" disabled=move || save.pending().get() class=BUTTON_CLASS data-testid="event-save">{t!(i18n, event_save)}</button></div>
                    </ActionForm>
                }.into_any()
            })}
        </Suspense>
    }
}

/// Staff: every event with its registration figures, the way to each event's
/// registrations and check-in, and the export.
#[component]
pub fn EventDeskPage() -> impl IntoView {
    let i18n = use_i18n();
    let query_map = use_query_map();
    let query = move || query_map.with(EventQuery::from_address);
    let desk = Resource::new(query, load_event_desk);
    view! {
        {page_title(move || with_site_name(t_string!(i18n, event_desk_title).to_string(), i18n))}
        <div class="mb-4 flex flex-wrap items-center justify-between gap-3">
            <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, event_desk_title)}</h1>
            <a class=BUTTON_CLASS href="/staff/events/new" data-testid="event-new">{t!(i18n, event_desk_new)}</a>
        </div>
        {move || {
            let q = query();
            view! {
                {filter_form(i18n, "/staff/events", &q)}
                <p class="mb-3">
                    <crate::exports::pages::ExportLink href=format!("/staff/exports/events.csv?item={}", url_encode(&q.kind))
                        label=t_string!(i18n, event_desk_export).to_string() testid="events-export" />
                </p>
            }
        }}
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                let q = query();
                match desk.await {
                    Err(e) => load_error(e),
                    Ok(d) if d.items.is_empty() => view! { <p role="status">{t!(i18n, event_desk_none)}</p> }.into_any(),
                    Ok(d) => view! {
                        <div class="overflow-x-auto">
                            <table class="min-w-full border-collapse text-left text-sm" data-testid="event-desk">
                                <thead><tr class="border-b border-slate-300">
                                    <th scope="col" class="p-2">{t!(i18n, col_title)}</th>
                                    <th scope="col" class="p-2">{t!(i18n, event_time)}</th>
                                    <th scope="col" class="p-2 text-right">{t!(i18n, event_capacity)}</th>
                                    <th scope="col" class="p-2 text-right">{t!(i18n, event_desk_registered)}</th>
                                    <th scope="col" class="p-2 text-right">{t!(i18n, event_desk_waiting)}</th>
                                    <th scope="col" class="p-2 text-right">{t!(i18n, event_desk_checked_in)}</th>
                                    <th scope="col" class="p-2"><span class="sr-only">{t!(i18n, event_desk_manage)}</span></th>
                                </tr></thead>
                                <tbody>
                                    {d.items.into_iter().map(|e| {
                                        let title = e.card.title.clone();
                                        let id = e.card.id;
                                        view! {
                                            <tr class="border-b border-slate-200">
                                                <td class="p-2">
                                                    <a class="text-blue-800 underline" href=format!("/events/{id}")>{move || title.get(i18n.get_locale()).to_string()}</a>
                                                    <span class="block text-slate-600">{move || kind_label(i18n, e.card.kind)}</span>
                                                </td>
                                                <td class="p-2">{datetime(e.card.starts_at)}</td>
                                                <td class="p-2 text-right">{e.card.capacity}</td>
                                                <td class="p-2 text-right">{e.registered}</td>
                                                <td class="p-2 text-right">{e.waiting}</td>
                                                <td class="p-2 text-right">{e.checked_in}</td>
                                                <td class="p-2"><a class="text-blue-800 underline" href=format!("/events/{id}/registrations")>{t!(i18n, event_desk_manage)}</a></td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <crate::common::page::Pagination page=d.page has_more=d.has_more href=move |p| format!(
                            "/staff/events?kind={}&when={}&page={p}", url_encode(&q.kind), url_encode(&q.when)) />
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
