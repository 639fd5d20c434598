//! The audit log page for administrators, filterable by event and paged.
use super::api::audit_log;
use super::model::{AuditAction, Outcome};
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::forms::BUTTON_CLASS;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::use_query_map;

pub fn action_label(i18n: I18nContext<Locale>, action: &str) -> String {
    match AuditAction::parse(action) {
        Some(AuditAction::SignIn) => t_string!(i18n, action_sign_in).to_string(),
        Some(AuditAction::SignOut) => t_string!(i18n, action_sign_out).to_string(),
        Some(AuditAction::Registered) => t_string!(i18n, action_registered).to_string(),
        Some(AuditAction::AccountCreated) => t_string!(i18n, action_account_created).to_string(),
        Some(AuditAction::PasswordChanged) => t_string!(i18n, action_password_changed).to_string(),
        Some(AuditAction::PasswordReset) => t_string!(i18n, action_password_reset).to_string(),
        Some(AuditAction::SessionsEnded) => t_string!(i18n, action_sessions_ended).to_string(),
        Some(AuditAction::RoleChanged) => t_string!(i18n, action_role_changed).to_string(),
        Some(AuditAction::AccountDisabled) => t_string!(i18n, action_account_disabled).to_string(),
        Some(AuditAction::AccountEnabled) => t_string!(i18n, action_account_enabled).to_string(),
        Some(AuditAction::ContentPublished) => {
            t_string!(i18n, action_content_published).to_string()
        }
        Some(AuditAction::ContentRetired) => t_string!(i18n, action_content_retired).to_string(),
        Some(AuditAction::ContentRestored) => t_string!(i18n, action_content_restored).to_string(),
        Some(AuditAction::EnterpriseVerification) => {
            t_string!(i18n, action_enterprise_verification).to_string()
        }
        Some(AuditAction::JobPostReview) => t_string!(i18n, action_job_post_review).to_string(),
        Some(AuditAction::WorkReassigned) => t_string!(i18n, action_work_reassigned).to_string(),
        Some(AuditAction::DataExported) => t_string!(i18n, action_data_exported).to_string(),
        Some(AuditAction::PersonSearch) => t_string!(i18n, action_person_search).to_string(),
        Some(AuditAction::CheckIn) => t_string!(i18n, action_check_in).to_string(),
        Some(AuditAction::IncubationDecision) => {
            t_string!(i18n, action_incubation_decision).to_string()
        }
        Some(AuditAction::DataPurged) => t_string!(i18n, action_data_purged).to_string(),
        None => action.to_string(),
    }
}

fn outcome_label(i18n: I18nContext<Locale>, outcome: &str) -> String {
    match Outcome::parse(outcome) {
        Some(Outcome::Success) => t_string!(i18n, outcome_success).to_string(),
        Some(Outcome::Failure) => t_string!(i18n, outcome_failure).to_string(),
        Some(Outcome::Refused) => t_string!(i18n, outcome_refused).to_string(),
        None => outcome.to_string(),
    }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let action = move || query.with(|m| m.get("action").unwrap_or_default());
    let page = move || {
        query.with(|m| {
            m.get("page")
                .and_then(|p| p.parse::<u32>().ok())
                .unwrap_or(0)
        })
    };
    let log = Resource::new(
        move || (page(), action()),
        |(page, action)| audit_log(page, action),
    );
    view! {
        {page_title(move || with_site_name(t_string!(i18n, audit_title).to_string(), i18n))}
        <h1 class="mb-4 text-2xl font-bold text-slate-900">{t!(i18n, audit_title)}</h1>
        <form method="get" action="/admin/audit" class="mb-4 flex items-end gap-3">
            <div class="flex flex-col gap-1">
                <label for="audit-action" class="text-sm font-medium">{t!(i18n, col_action)}</label>
                <select id="audit-action" name="action" class="rounded-md border border-slate-400 bg-white px-3 py-2">
                    <option value="">{t!(i18n, audit_all_actions)}</option>
                    {AuditAction::ALL.into_iter().map(|a| view! {
                        <option value=a.as_str() selected=move || action() == a.as_str()>{move || action_label(i18n, a.as_str())}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class=BUTTON_CLASS>{t!(i18n, search)}</button>
        </form>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match log.await {
                    Err(e) => load_error(e),
                    Ok(log) if log.entries.is_empty() => view! { <p>{t!(i18n, audit_empty)}</p> }.into_any(),
                    Ok(log) => {
                        let href = move |p: u32| format!("/admin/audit?action={}&page={p}", action());
                        view! {
                            <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white">
                                <table class="min-w-full text-left text-sm" data-testid="audit-table">
                                    <thead class="bg-slate-100 text-slate-700">
                                        <tr>
                                            <th scope="col" class="px-3 py-2">{t!(i18n, col_time)}</th>
                                            <th scope="col" class="px-3 py-2">{t!(i18n, col_actor)}</th>
                                            <th scope="col" class="px-3 py-2">{t!(i18n, col_action)}</th>
                                            <th scope="col" class="px-3 py-2">{t!(i18n, col_subject)}</th>
                                            <th scope="col" class="px-3 py-2">{t!(i18n, col_ip)}</th>
                                            <th scope="col" class="px-3 py-2">{t!(i18n, col_outcome)}</th>
                                        </tr>
                                    </thead>
                                    <tbody class="divide-y divide-slate-200">
                                        {log.entries.into_iter().map(|e| {
                                            let action = e.action.clone();
                                            let outcome = e.outcome.clone();
                                            view! {
                                                <tr>
                                                    <td class="whitespace-nowrap px-3 py-2">{crate::format::datetime(e.at_ms)}</td>
                                                    <td class="px-3 py-2">{e.actor.clone()}</td>
                                                    <td class="px-3 py-2">{move || action_label(i18n, &action)}</td>
                                                    <td class="px-3 py-2">{e.subject.clone()}</td>
                                                    <td class="px-3 py-2 font-mono">{e.ip.clone()}</td>
                                                    <td class="px-3 py-2">{move || outcome_label(i18n, &outcome)}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <crate::common::page::Pagination page=log.page has_more=log.has_more href=href />
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
