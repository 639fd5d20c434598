//! `/track`: look up a case or concern by number and contact, confirm the one-time code,
//! then `/track/view` shows the public timeline; a visitor who raised a concern without an
//! account confirms, reopens or rates it there. Plain forms: they work without script.
use super::api::{ActAsVisitor, ConfirmTracking, RateAsVisitor, RequestTracking, tracked_timeline};
use super::model::*;
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::concerns::pages::thread::{RateFields, RateSection, RequesterFields, RequesterSection};
use crate::format::datetime;
use crate::forms::*;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn check_number(value: &str) -> Result<(), crate::error::FieldError> {
    parse_number(value).map(|_| ())
}

fn check_contact(value: &str) -> Result<(), crate::error::FieldError> {
    parse_contact(value).map(|_| ())
}

fn check_code(value: &str) -> Result<(), crate::error::FieldError> {
    parse_code(value).map(|_| ())
}

#[component]
pub fn TrackPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let ticket = move || query.with(|m| m.get("ticket").unwrap_or_default());
    let request = ServerAction::<RequestTracking>::new();
    let confirm = ServerAction::<ConfirmTracking>::new();
    let request_error = last_error(request.value());
    let confirm_error = last_error(confirm.value());
    view! {
        {page_title(move || with_site_name(t_string!(i18n, track_title).to_string(), i18n))}
        <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, track_title)}</h1>
        <p class="mt-1 mb-4 max-w-2xl text-slate-700">{t!(i18n, track_lead)}</p>
        {move || if ticket().is_empty() {
            view! {
                <ActionForm action=request attr:class="flex max-w-md flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4" attr:data-testid="track-form">
                    <Field name="number" label=Signal::derive(move || t_string!(i18n, track_number).to_string())
                        help=Signal::derive(move || t_string!(i18n, track_number_help).to_string())
                        required=true error=request_error check=check_number />
                    <Field name="contact" label=Signal::derive(move || t_string!(i18n, track_contact).to_string())
                        help=Signal::derive(move || t_string!(i18n, track_contact_help).to_string())
                        autocomplete="email" required=true error=request_error check=check_contact />
                    <FormError error=request_error fields=&["number", "contact"] />
                    <button type="submit" disabled=move || request.pending().get() class=BUTTON_CLASS data-testid="track-send">{t!(i18n, track_send)}</button>
                </ActionForm>
            }.into_any()
        } else {
            view! {
                <p class="mb-4 max-w-2xl rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-blue-950" role="status" data-testid="track-sent">
                    {t!(i18n, track_sent)}
                </p>
                <ActionForm action=confirm attr:class="flex max-w-md flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4" attr:data-testid="code-form">
                    <input type="hidden" name="ticket" value=ticket() />
                    <Field name="code" label=Signal::derive(move || t_string!(i18n, track_code).to_string())
                        autocomplete="one-time-code" required=true error=confirm_error check=check_code />
                    <FormError error=confirm_error fields=&["code"] />
                    <button type="submit" disabled=move || confirm.pending().get() class=BUTTON_CLASS data-testid="track-confirm">{t!(i18n, track_open)}</button>
                </ActionForm>
                <p class="mt-3"><a class="text-blue-800 underline" href="/track">{t!(i18n, track_again)}</a></p>
            }.into_any()
        }}
    }
}

#[component]
pub fn TrackedPage() -> impl IntoView {
    let i18n = use_i18n();
    let act = ServerAction::<ActAsVisitor>::new();
    crate::notice::announce_on_success(act.value(), crate::notice::Done::ConcernUpdated);
    let rate = ServerAction::<RateAsVisitor>::new();
    crate::notice::announce_on_success(rate.value(), crate::notice::Done::RatingSent);
    // The grant is in a cookie the server reads: nothing of it in the address.
    let item = Resource::new(
        move || (act.version().get(), rate.version().get()),
        |_| tracked_timeline(),
    );
    let error = first_error([last_error(act.value()), last_error(rate.value())]);
    view! {
        {page_title(move || with_site_name(t_string!(i18n, track_title).to_string(), i18n))}
        <h1 class="mb-4 text-2xl font-bold text-slate-900">{t!(i18n, track_title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match item.await {
                    Err(e) if e.field() == Some("grant") => view! {
                        <p class="mb-3 text-slate-800" role="alert">{t!(i18n, err_track_expired)}</p>
                        <a class="text-blue-800 underline" href="/track">{t!(i18n, track_again)}</a>
                    }.into_any(),
                    Err(e) => load_error(e),
                    Ok(t) => view! { <TrackedTimeline t act rate error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TrackedTimeline(
    t: Tracked,
    act: ServerAction<ActAsVisitor>,
    rate: ServerAction<RateAsVisitor>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let visitor = t.visitor.clone();
    let title = t.title.clone();
    let kind = t.kind;
    let state = t.state.clone();
    let state_text = move || match kind {
        TrackedKind::Case => crate::cases::model::CaseState::parse(&state)
            .map(|s| crate::cases::pages::labels::state_label(i18n, s))
            .unwrap_or_default(),
        TrackedKind::Concern => crate::concerns::model::ConcernState::parse(&state)
            .map(|s| crate::concerns::pages::state_label(i18n, s))
            .unwrap_or_default(),
    };
    view! {
        <section class="max-w-2xl rounded-lg border border-slate-200 bg-white p-4" data-testid="tracked">
            <p class="font-mono text-lg font-semibold" data-testid="tracked-number">{t.number.clone()}</p>
            <p class="text-slate-800">{move || title.get(i18n.get_locale()).to_string()}</p>
            <dl class="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                <dt class="text-slate-600">{t!(i18n, col_status)}</dt>
                <dd data-testid="tracked-state">{state_text}</dd>
                {t.due_on.clone().map(|due| view! {
                    <dt class="text-slate-600">{t!(i18n, col_due)}</dt>
                    <dd>{due}</dd>
                })}
            </dl>
            <h2 class="mt-4 mb-2 text-lg font-semibold">{t!(i18n, track_timeline)}</h2>
            <ol class="flex flex-col gap-2" data-testid="tracked-timeline">
                {t.events.into_iter().map(|e| {
                    let label = match kind {
                        TrackedKind::Case => crate::cases::pages::labels::event_label(i18n, &e.kind),
                        TrackedKind::Concern => crate::concerns::pages::thread::action_label(i18n, &e.kind),
                    };
                    view! {
                        <li class="border-l-2 border-slate-300 pl-3">
                            <p class="text-sm text-slate-600">{datetime(e.at)} " · " {label}</p>
                            {(!e.text.is_empty()).then(|| view! { <p class="whitespace-pre-line">{e.text.clone()}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
        {visitor.map(|v| {
            let version = v.version;
            view! {
                <div class="max-w-2xl">
                    <FormError error />
                    {(!v.actions.is_empty()).then(|| view! {
                        <RequesterSection>
                            <ActionForm action=act attr:class="flex flex-col gap-3">
                                <input type="hidden" name="version" value=version />
                                <RequesterFields actions=v.actions.clone() sending=act.pending().into() />
                            </ActionForm>
                        </RequesterSection>
                    })}
                    {v.may_rate.then(|| view! {
                        <RateSection>
                            <ActionForm action=rate attr:class="flex flex-col gap-3">
                                <input type="hidden" name="version" value=version />
                                <RateFields sending=rate.pending().into() />
                            </ActionForm>
                        </RateSection>
                    })}
                    {v.rating.map(|r| view! {
                        <p class="mt-4 text-sm" data-testid="concern-rating">{move || crate::format::fill(t_string!(i18n, concern_rated), &[&crate::common::satisfaction::level_name(i18n, r as u8)])}</p>
                    })}
                </div>
            }
        })}
    }
}
