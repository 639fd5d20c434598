//! The extension parts of the case page: what was extended and why (for everyone who sees
//! the case), and for the office the request form, the waiting request and the
//! supervisor's decision; and the supervisors' list of waiting requests.
use super::api::{DecideExtension, RequestExtension, waiting_extensions};
use super::model::{CaseExtensions, ExtensionState};
use crate::format::{datetime, fill};
use crate::forms::{BUTTON_CLASS, SECONDARY_BUTTON_CLASS, WARNING_BUTTON_CLASS};
use crate::i18n::*;
use leptos::prelude::*;

const INPUT_CLASS: &str = "w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base";

/// Approved extensions: by how much, the new decision date and the reason.
#[component]
pub fn GrantedExtensions(extensions: CaseExtensions) -> impl IntoView {
    let i18n = use_i18n();
    let granted: Vec<_> = extensions
        .items
        .into_iter()
        .filter(|e| e.state == ExtensionState::Approved)
        .collect();
    (!granted.is_empty()).then(|| {
        view! {
            <section aria-labelledby="case-extensions" class="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950" data-testid="extensions">
                <h2 id="case-extensions" class="font-semibold">{t!(i18n, ext_granted_title)}</h2>
                <ul class="mt-1 list-disc pl-5">
                    {granted.into_iter().map(|e| {
                        let values = [e.days.to_string(), e.new_due_on.clone().unwrap_or_default()];
                        view! {
                            <li>
                                {move || fill(t_string!(i18n, ext_granted_line), &[&values[0], &values[1]])}
                                " " <span class="whitespace-pre-line">{e.reason.clone()}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// For the office: the waiting request (with the supervisor's decision), or the form to
/// ask for one while the item still allows more days and the case runs.
#[component]
pub fn ExtensionControls(
    case_id: i64,
    case_version: i64,
    extensions: CaseExtensions,
    /// The case has a decision date and is not decided yet.
    open: bool,
    request: ServerAction<RequestExtension>,
    decide: ServerAction<DecideExtension>,
) -> impl IntoView {
    let i18n = use_i18n();
    let remaining = extensions.remaining_days;
    if let Some(waiting) = extensions.pending().cloned() {
        let values = [waiting.days.to_string(), waiting.requested_by.clone()];
        return Some(
            view! {
                <div class="rounded-md border border-amber-300 bg-white p-3" data-testid="extension-waiting">
                    <p class="font-medium">{move || fill(t_string!(i18n, ext_waiting), &[&values[0], &values[1]])}</p>
                    <p class="whitespace-pre-line text-sm text-slate-800">{waiting.reason.clone()}</p>
                    {extensions.may_decide.then(|| view! {
                        <ActionForm action=decide attr:class="mt-2 flex flex-col gap-2">
                            <input type="hidden" name="id" value=waiting.id />
                            <input type="hidden" name="version" value=waiting.version />
                            <label for="extension-note" class="text-sm font-medium">{t!(i18n, ext_note)}</label>
                            <textarea id="extension-note" name="note" rows="2" maxlength="500" class=INPUT_CLASS></textarea>
                            <div class="flex flex-wrap gap-2">
                                <button type="submit" name="decision" value="approve" disabled=move || decide.pending().get() class=BUTTON_CLASS data-testid="approve-extension">{t!(i18n, ext_approve)}</button>
                                <button type="submit" name="decision" value="decline" disabled=move || decide.pending().get() class=WARNING_BUTTON_CLASS data-testid="decline-extension">{t!(i18n, ext_decline)}</button>
                            </div>
                        </ActionForm>
                    })}
                </div>
            }
            .into_any(),
        );
    }
    (open && remaining > 0).then(|| {
        view! {
            <details class="rounded-md border border-slate-200 bg-white p-3">
                <summary class="cursor-pointer font-medium">{t!(i18n, case_extend)}</summary>
                <ActionForm action=request attr:class="mt-2 flex flex-col gap-2">
                    <input type="hidden" name="id" value=case_id />
                    <input type="hidden" name="version" value=case_version />
                    <p class="text-sm text-slate-700">{move || fill(t_string!(i18n, ext_allowed), &[&remaining.to_string()])}</p>
                    <label for="extend-days" class="text-sm font-medium">{t!(i18n, case_extend_days)}</label>
                    <input id="extend-days" name="days" type="number" min="1" max=remaining.to_string() class=INPUT_CLASS />
                    <label for="extend-reason" class="text-sm font-medium">{t!(i18n, case_extend_reason)}</label>
                    <textarea id="extend-reason" name="reason" rows="2" maxlength="500" class=INPUT_CLASS></textarea>
                    <div><button type="submit" disabled=move || request.pending().get() class=SECONDARY_BUTTON_CLASS data-testid="request-extension">{t!(i18n, ext_request)}</button></div>
                </ActionForm>
            </details>
        }
        .into_any()
    })
}

/// For supervisors: the extension requests waiting for a decision, each linking to its case.
#[component]
pub fn WaitingExtensions() -> impl IntoView {
    let i18n = use_i18n();
    let waiting = Resource::new(|| (), |_| waiting_extensions());
    view! {
        <section aria-labelledby="extensions-waiting" class="flex flex-col gap-2">
            <h2 id="extensions-waiting" class="text-xl font-semibold">{t!(i18n, ext_waiting_title)}</h2>
            <Suspense>
                {move || Suspend::new(async move {
                    match waiting.await {
                        Ok(list) if list.is_empty() => view! { <p class="text-slate-700">{t!(i18n, ext_none_waiting)}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="flex flex-col gap-2" data-testid="extensions-waiting">
                                {list.into_iter().map(|e| {
                                    let values = [e.days.to_string(), e.requested_by.clone()];
                                    view! {
                                        <li class="rounded-lg border border-slate-200 bg-white p-3">
                                            <a class="font-mono text-blue-800 underline" href=format!("/cases/{}", e.case_id)>{e.case_number.clone().unwrap_or_default()}</a>
                                            " · " {datetime(e.requested_at)}
                                            <p>{move || fill(t_string!(i18n, ext_waiting), &[&values[0], &values[1]])}</p>
                                            <p class="whitespace-pre-line text-sm text-slate-800">{e.reason.clone()}</p>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => crate::common::page::load_error(error),
                    }
                })}
            </Suspense>
        </section>
    }
}
