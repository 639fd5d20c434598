//! Concern pages: raising one (`/concerns/new`, open to visitors), the requester's list
//! (`/concerns`), a concern's thread with what the reader may do (`/concerns/:id`), and the
//! staff desk (`/staff/concerns`).
mod desk;
mod templates;
pub mod thread;

pub use desk::ConcernDeskPage;
pub use templates::TemplatesPage;
pub use thread::ConcernPage;

use super::api::{RaiseConcern, appealable_cases, my_concerns};
use super::model::*;
use crate::accounts::pages::ViewerResource;
use crate::common::page::load_error;
use crate::common::page::{Pagination, page_title, with_site_name};
use crate::editing::pages::{Input, Select, TextArea};
use crate::format::datetime;
use crate::forms::*;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::use_query_map;

pub fn kind_label(i18n: I18nContext<Locale>, kind: ConcernKind) -> String {
    match kind {
        ConcernKind::Consultation => t_string!(i18n, concern_consultation),
        ConcernKind::Complaint => t_string!(i18n, concern_complaint),
        ConcernKind::Suggestion => t_string!(i18n, concern_suggestion),
        ConcernKind::Appeal => t_string!(i18n, concern_appeal),
    }
    .to_string()
}

pub fn state_label(i18n: I18nContext<Locale>, state: ConcernState) -> String {
    match state {
        ConcernState::Open => t_string!(i18n, concern_open),
        ConcernState::Answered => t_string!(i18n, concern_answered),
        ConcernState::Reopened => t_string!(i18n, concern_reopened),
        ConcernState::Resolved => t_string!(i18n, concern_resolved),
        ConcernState::Closed => t_string!(i18n, concern_closed),
    }
    .to_string()
}

/// One concern in a list.
#[component]
pub fn ConcernRow(c: ConcernSummary, #[prop(optional)] show_requester: bool) -> impl IntoView {
    let i18n = use_i18n();
    let department = department_name(&c.department);
    view! {
        <li class="flex flex-col gap-1 rounded-lg border border-slate-200 bg-white p-4">
            <p class="flex flex-wrap items-center gap-2">
                <a class="font-semibold text-blue-800 underline" href=format!("/concerns/{}", c.id)>{c.number.clone()}</a>
                <span class="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium" data-testid="concern-state">{move || state_label(i18n, c.state)}</span>
                {c.overdue.then(|| view! { <span class="rounded bg-red-100 px-2 py-0.5 text-xs font-medium text-red-900">{t!(i18n, urgency_overdue)}</span> })}
            </p>
            <p>{move || kind_label(i18n, c.kind)} " · " {c.subject.clone()}</p>
            <p class="text-sm text-slate-700">
                {show_requester.then(|| format!("{} · ", c.requester))}
                {show_requester.then(|| {
                    let holder = c.holder.clone();
                    view! {
                        <span data-testid="concern-holder">{move || format!("{}: {} · ", t_string!(i18n, col_assignee),
                            holder.clone().unwrap_or_else(|| t_string!(i18n, queue_scope_unassigned).to_string()))}</span>
                    }
                })}
                {move || department.get(i18n.get_locale()).to_string()} " · " {move || datetime(c.raised_at)} " · "
                {move || crate::format::fill(t_string!(i18n, concern_due), &[&c.due_on])}
            </p>
        </li>
    }
}

#[component]
pub fn MyConcernsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let page = move || query.with(|m| m.get("page").and_then(|p| p.parse().ok()).unwrap_or(0));
    let list = Resource::new(page, my_concerns);
    view! {
        {page_title(move || with_site_name(t_string!(i18n, my_concerns_title).to_string(), i18n))}
        <div class="mb-4 flex flex-wrap items-center justify-between gap-3">
            <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, my_concerns_title)}</h1>
            <a href="/concerns/new" class=BUTTON_CLASS data-testid="new-concern">{t!(i18n, concern_new)}</a>
        </div>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(e) => load_error(e),
                    Ok(list) if list.items.is_empty() => view! { <p class="text-slate-700">{t!(i18n, my_concerns_empty)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="flex flex-col gap-3" data-testid="my-concerns">
                            {list.items.into_iter().map(|c| view! { <ConcernRow c /> }).collect_view()}
                        </ul>
                        <Pagination page=list.page has_more=list.has_more href=|p| format!("/concerns?page={p}") />
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

macro_rules! label {
    ($i18n:ident, $key:ident) => {
        Signal::derive(move || t_string!($i18n, $key).to_string())
    };
}

/// `/concerns/new`: the form, for signed-in users and visitors alike.
#[component]
pub fn RaiseConcernPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let raised = move || query.with(|m| m.get("raised"));
    let raise = ServerAction::<RaiseConcern>::new();
    let raise_form = NodeRef::<leptos::html::Form>::new();
    crate::forms::reset_after_success(raise_form, raise.value());
    let error = last_error(raise.value());
    let viewer = use_context::<ViewerResource>();
    // Only a signed-in person has cases to appeal: a visitor's browser asks for nothing.
    let cases = Resource::new(
        || (),
        move |_| async move {
            let signed_in = match viewer {
                Some(v) => v.await.ok().flatten().is_some(),
                None => false,
            };
            if signed_in {
                appealable_cases().await
            } else {
                Ok(Vec::new())
            }
        },
    );
    view! {
        {page_title(move || with_site_name(t_string!(i18n, concern_new).to_string(), i18n))}
        <h1 class="mb-2 text-2xl font-bold text-slate-900">{t!(i18n, concern_new)}</h1>
        <p class="mb-4 text-slate-700">{t!(i18n, concern_lead)}</p>
        {move || raised().map(|number| view! {
            <p class="mb-4 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-900" role="status" data-testid="concern-raised">
                {move || crate::format::fill(t_string!(i18n, concern_raised_visitor), &[&number])}
            </p>
        })}
        <Suspense>
            {move || Suspend::new(async move {
                let signed_in = match viewer {
                    Some(v) => v.await.ok().flatten().is_some(),
                    None => false,
                };
                let cases = if signed_in { cases.await.unwrap_or_default() } else { Vec::new() };
                let kinds: Vec<(&'static str, Signal<String>)> = ConcernKind::ALL.into_iter()
                    .filter(|k| signed_in || *k != ConcernKind::Appeal)
                    .map(|k| (k.as_str(), Signal::derive(move || kind_label(i18n, k))))
                    .collect();
                view! {
                    <ActionForm action=raise node_ref=raise_form attr:class="flex max-w-2xl flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4" attr:data-testid="concern-form">
                        <Select name="form[kind]" label=label!(i18n, concern_kind) value="consultation" options=kinds error />
                        <Input name="form[subject]" label=label!(i18n, concern_subject) value="" error />
                        <TextArea name="form[text]" label=label!(i18n, concern_text) value="" error rows=6 />
                        {(!cases.is_empty()).then(|| view! {
                            <div class="flex flex-col gap-1">
                                <label for="form-case_id" class="text-sm font-medium">{t!(i18n, concern_case)}</label>
                                <select id="form-case_id" name="form[case_id]" class=crate::editing::pages::INPUT_CLASS>
                                    <option value="">{t!(i18n, concern_no_case)}</option>
                                    {cases.into_iter().map(|(id, number)| view! { <option value=id>{number}</option> }).collect_view()}
                                </select>
                            </div>
                        })}
                        {(!signed_in).then(|| view! {
                            <p class="text-sm text-slate-700">{t!(i18n, concern_visitor_help)}</p>
                            <Input name="form[name]" label=label!(i18n, field_display_name) value="" error />
                            <Input name="form[email]" label=label!(i18n, concern_email) value="" error kind="email" />
                        })}
                        <FormError error fields=&["form[kind]", "form[subject]", "form[text]", "form[name]", "form[email]"] />
                        <div><button type="submit" disabled=move || raise.pending().get() class=BUTTON_CLASS data-testid="concern-submit">{t!(i18n, concern_submit)}</button></div>
                    </ActionForm>
                }
            })}
        </Suspense>
    }
}
