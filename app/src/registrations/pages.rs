//! The registration box on an event page, and the staff desk for one event
//! (`/events/:id/registrations`): check-in at the door and the list of registrants.
use super::api::{
    CancelRegistration, CheckIn, RegisterForEvent, load_registrants, load_registration,
};
use super::model::*;
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::format::{datetime, fill, url_encode};
use crate::forms::*;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

const INPUT: &str = "w-full min-w-0 rounded-md border border-slate-400 bg-white px-3 py-2";

/// Registration on an event page: seats left, the caller's registration with its code,
/// QR image and online link, and the buttons that apply.
#[component]
pub fn RegistrationBox(event_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let register = ServerAction::<RegisterForEvent>::new();
    let cancel = ServerAction::<CancelRegistration>::new();
    let panel = Resource::new(
        move || (register.version().get(), cancel.version().get()),
        move |_| load_registration(event_id),
    );
    let register_error = last_error(register.value());
    let cancel_error = last_error(cancel.value());
    crate::notice::announce_with(register.value(), |state| Some(state.said()));
    crate::notice::announce_on_success(cancel.value(), crate::notice::Done::PlaceCancelled);
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                let p = match panel.await {
                    Ok(p) => p,
                    Err(e) => return load_error(e),
                };
                let seats = view! {
                    <p data-testid="seats-left">{if p.seats_left > 0 {
                        fill(t_string!(i18n, registration_seats_left), &[&p.seats_left.to_string()])
                    } else {
                        fill(t_string!(i18n, registration_full), &[&p.waiting.to_string()])
                    }}</p>
                };
                let status = match &p.mine {
                    Some(m) if m.state == RegistrationState::Registered => {
                        let code = m.code.clone().unwrap_or_default();
                        view! {
                            <div class="flex flex-col gap-2" data-testid="my-registration" data-state="registered">
                                <p class="font-semibold text-green-800">{t!(i18n, registration_registered)}</p>
                                {m.checked_in_at.map(|at| view! {
                                    <p data-testid="checked-in">{fill(t_string!(i18n, registration_checked_in_at), &[&datetime(at)])}</p>
                                })}
                                <div class="flex flex-wrap items-center gap-4">
                                    <img src=format!("/events/{event_id}/ticket.svg") width="160" height="160"
                                        alt=move || t_string!(i18n, registration_qr_alt).to_string() class="rounded border border-slate-300 bg-white" />
                                    <div>
                                        <p class="text-sm text-slate-600">{t!(i18n, registration_code)}</p>
                                        <p class="font-mono text-2xl tracking-widest" data-testid="checkin-code">{display_code(&code)}</p>
                                        <p class="text-sm text-slate-600">{t!(i18n, registration_code_help)}</p>
                                    </div>
                                </div>
                                {m.online_link.clone().map(|link| view! {
                                    <p>{t!(i18n, registration_online_link)} " "
                                        <a class="break-all text-blue-800 underline" rel="noopener noreferrer" href=link.clone() data-testid="online-link">{link.clone()}</a></p>
                                })}
                            </div>
                        }.into_any()
                    }
                    Some(m) if m.state == RegistrationState::Waiting => view! {
                        <p class="font-semibold text-amber-800" data-testid="my-registration" data-state="waiting">
                            {fill(t_string!(i18n, registration_waiting), &[&m.position.unwrap_or(0).to_string()])}
                        </p>
                    }.into_any(),
                    _ => ().into_any(),
                };
                let holding = p.mine.as_ref().is_some_and(|m| m.state != RegistrationState::Cancelled);
                let action = if holding {
                    (!p.started).then(|| view! {
                        <ActionForm action=cancel attr:class="flex flex-col gap-2">
                            <input type="hidden" name="event" value=event_id />
                            <FormError error=cancel_error />
                            <div><button type="submit" disabled=move || cancel.pending().get() class=SECONDARY_BUTTON_CLASS data-testid="registration-cancel">{t!(i18n, registration_cancel)}</button></div>
                        </ActionForm>
                    }.into_any())
                } else if !p.signed_in {
                    Some(view! {
                        <crate::accounts::pages::SignInToContinue next=format!("/events/{event_id}") link_style=true
                            label=Signal::derive(move || t_string!(i18n, registration_sign_in).to_string()) />
                    }.into_any())
                } else if p.window == Window::NotYet {
                    Some(view! { <p>{t!(i18n, registration_not_open)}</p> }.into_any())
                } else if p.window == Window::Closed {
                    Some(view! { <p>{t!(i18n, registration_closed)}</p> }.into_any())
                } else if !p.admitted {
                    Some(view! { <p>{t!(i18n, err_event_audience)}</p> }.into_any())
                } else {
                    let full = p.seats_left == 0;
                    Some(view! {
                        <ActionForm action=register attr:class="flex flex-col gap-2">
                            <input type="hidden" name="event" value=event_id />
                            <FormError error=register_error />
                            <div><button type="submit" disabled=move || register.pending().get() class=BUTTON_CLASS data-testid="register">
                                {move || if full { t_string!(i18n, registration_join_waiting) } else { t_string!(i18n, registration_register) }}
                            </button></div>
                        </ActionForm>
                    }.into_any())
                };
                view! {
                    <section class="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="registration-title" data-testid="registration">
                        <h2 id="registration-title" class="text-lg font-semibold">{t!(i18n, event_registration)}</h2>
                        {seats}
                        {status}
                        {action}
                        {p.counts.clone().map(|c| view! {
                            <p class="text-sm">
                                <a class="text-blue-800 underline" href=format!("/events/{event_id}/registrations") data-testid="registrations-link">
                                    {fill(t_string!(i18n, registration_staff_link), &[&c.registered.to_string(), &c.waiting.to_string(), &c.checked_in.to_string()])}
                                </a>
                            </p>
                        })}
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

fn state_label(i18n: leptos_i18n::I18nContext<Locale>, state: RegistrationState) -> String {
    match state {
        RegistrationState::Registered => t_string!(i18n, registration_state_registered),
        RegistrationState::Waiting => t_string!(i18n, registration_state_waiting),
        RegistrationState::Cancelled => t_string!(i18n, registration_state_cancelled),
    }
    .to_string()
}

/// Staff: check people in at the door (a scanner types the code and Enter) and see who
/// registered, with counts and the export.
#[component]
pub fn RegistrantsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query_map = use_query_map();
    let event =
        move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let query = move || RegistrantQuery {
        event: event(),
        state: query_map.with(|m| m.get("state").unwrap_or_default()),
        page: query_map.with(|m| m.get("page").and_then(|p| p.parse().ok()).unwrap_or(0)),
    };
    let check_in = ServerAction::<CheckIn>::new();
    let list = Resource::new(
        move || (query(), check_in.version().get()),
        |(q, _)| load_registrants(q),
    );
    let error = last_error(check_in.value());
    // Empty and focused again after each check-in that went through, ready for the next
    // scan; a refused code stays in the field to be read.
    let code_input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = check_in.value().get()
            && let Some(input) = code_input.get()
        {
            input.set_value("");
            let _ = input.focus();
        }
    });
    view! {
        {page_title(move || with_site_name(t_string!(i18n, registrants_title).to_string(), i18n))}
        <p class="mb-2 text-sm"><a class="text-blue-800 underline" href=move || format!("/events/{}", event())>{t!(i18n, registrants_back)}</a></p>
        <h1 class="mb-4 text-2xl font-bold text-slate-900">{t!(i18n, registrants_title)}</h1>
        <ActionForm action=check_in attr:class="mb-6 flex max-w-xl flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4" attr:data-testid="checkin-form">
            <input type="hidden" name="event" value=event />
            <label for="checkin-code" class="font-medium">{t!(i18n, checkin_label)}</label>
            <div class="flex flex-wrap gap-2">
                <input id="checkin-code" name="code" class=format!("{INPUT} font-mono uppercase sm:w-64") autocomplete="off" autocapitalize="characters"
                    spellcheck="false" autofocus aria-describedby="checkin-help" node_ref=code_input />
                <button type="submit" disabled=move || check_in.pending().get() class=BUTTON_CLASS data-testid="checkin-submit">{t!(i18n, checkin_submit)}</button>
            </div>
            <crate::trainings::pages::SessionChoice event_id=Signal::derive(event) version=Signal::derive(move || check_in.version().get()) />
            <p id="checkin-help" class="text-sm text-slate-600">{t!(i18n, checkin_help)}</p>
            <FormError error />
            {move || check_in.value().get().and_then(Result::ok).map(|c| view! {
                <p class="rounded-md border border-green-300 bg-green-50 px-3 py-2 font-medium text-green-900" role="status" data-testid="checkin-ok">
                    {fill(t_string!(i18n, checkin_done), &[&c.name, &c.code])}
                    {c.certificate.map(|number| view! { " " {fill(t_string!(i18n, checkin_certificate), &[&number])} })}
                </p>
            })}
        </ActionForm>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                let q = query();
                let l = match list.await {
                    Ok(l) => l,
                    Err(e) => return load_error(e),
                };
                let title = l.title.clone();
                let c = l.counts.clone();
                let export = format!("/staff/exports/registrations.csv?event={}&state={}", l.event_id, url_encode(&q.state));
                let current_state = q.state.clone();
                let filter_link = move |state: &'static str, label: String, n: i64| {
                    let current = current_state == state;
                    view! {
                        <a class=if current { "font-semibold underline" } else { "text-blue-800 underline" }
                            aria-current=current.then_some("page")
                            href=format!("/events/{}/registrations?state={state}", l.event_id)>{format!("{label} ({n})")}</a>
                    }
                };
                view! {
                    <h2 class="text-lg font-semibold">{move || title.get(i18n.get_locale()).to_string()}</h2>
                    <p class="mb-2 text-slate-700">{datetime(l.starts_at)} " · " {fill(t_string!(i18n, registrants_capacity), &[&l.capacity.to_string()])}</p>
                    <nav class="mb-3 flex flex-wrap gap-4" aria-label=move || t_string!(i18n, registrants_filter).to_string() data-testid="registrant-counts">
                        {filter_link("", t_string!(i18n, registrants_all).to_string(), c.registered + c.waiting + c.cancelled)}
                        {filter_link("registered", t_string!(i18n, registration_state_registered).to_string(), c.registered)}
                        {filter_link("waiting", t_string!(i18n, registration_state_waiting).to_string(), c.waiting)}
                        {filter_link("checked_in", t_string!(i18n, registrants_checked_in).to_string(), c.checked_in)}
                        {filter_link("cancelled", t_string!(i18n, registration_state_cancelled).to_string(), c.cancelled)}
                    </nav>
                    {(l.kind == crate::events::model::EventKind::Training).then(|| view! {
                        <crate::trainings::pages::SessionsPanel event_id=l.event_id version=Signal::derive(move || check_in.version().get()) />
                    })}
                    <p class="mb-3"><crate::exports::pages::ExportLink href=export label=t_string!(i18n, registrants_export).to_string() testid="registrants-export" /></p>
                    {if l.items.is_empty() {
                        view! { <p role="status">{t!(i18n, registrants_none)}</p> }.into_any()
                    } else {
                        view! {
                            <div class="overflow-x-auto">
                                <table class="min-w-full border-collapse text-left text-sm" data-testid="registrants">
                                    <thead><tr class="border-b border-slate-300">
                                        <th scope="col" class="p-2">{t!(i18n, registrants_name)}</th>
                                        <th scope="col" class="p-2">{t!(i18n, registrants_email)}</th>
                                        <th scope="col" class="p-2">{t!(i18n, registrants_state)}</th>
                                        <th scope="col" class="p-2">{t!(i18n, registrants_queued)}</th>
                                        <th scope="col" class="p-2">{t!(i18n, registrants_checked_in)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {l.items.into_iter().map(|r| view! {
                                            <tr class="border-b border-slate-200">
                                                <td class="p-2">{r.name}</td>
                                                <td class="p-2">{r.email}</td>
                                                <td class="p-2">{move || state_label(i18n, r.state)}</td>
                                                <td class="p-2">{datetime(r.queued_at)}</td>
                                                <td class="p-2">{r.checked_in_at.map(datetime).unwrap_or_default()}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <crate::common::page::Pagination page=l.page has_more=l.has_more href=move |p| format!(
                                "/events/{}/registrations?state={}&page={p}", l.event_id, url_encode(&q.state)) />
                        }.into_any()
                    }}
                }.into_any()
            })}
        </Suspense>
    }
}
