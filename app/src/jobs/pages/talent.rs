//! `/jobs/applications`: the talent's applications and their states, withdrawing one, the
//! consent to record a hiring enterprise as employer, and the saved searches (job alerts).
use super::application_state_label;
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::format::datetime;
use crate::forms::*;
use crate::i18n::*;
use crate::jobs::api::*;
use crate::jobs::model::*;
use crate::links::FileLink;
use leptos::prelude::*;

#[component]
pub fn MyApplicationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let withdraw = ServerAction::<WithdrawApplication>::new();
    crate::notice::announce_on_success(withdraw.value(), crate::notice::Done::ApplicationWithdrawn);
    let record = ServerAction::<RecordEmployer>::new();
    crate::notice::announce_on_success(record.value(), crate::notice::Done::EmployerRecorded);
    let delete_alert = ServerAction::<DeleteJobAlert>::new();
    crate::notice::announce_on_success(delete_alert.value(), crate::notice::Done::AlertDeleted);
    let list = Resource::new(
        move || (withdraw.version().get(), record.version().get()),
        |_| my_applications(),
    );
    let alerts = Resource::new(move || delete_alert.version().get(), |_| my_job_alerts());
    let industries = Resource::new(|| (), |_| job_industries());
    let error = first_error([last_error(withdraw.value()), last_error(record.value())]);
    view! {
        {page_title(move || with_site_name(t_string!(i18n, my_applications_title).to_string(), i18n))}
        <h1 class="mb-4 text-2xl font-bold text-slate-900">{t!(i18n, my_applications_title)}</h1>
        <FormError error />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(e) => load_error(e),
                    Ok(items) if items.is_empty() => view! {
                        <p class="text-slate-700">{t!(i18n, my_applications_empty)} " "
                            <a class="text-blue-800 underline" href="/jobs">{t!(i18n, jobs_title)}</a></p>
                    }.into_any(),
                    Ok(items) => view! {
                        <ul class="flex flex-col gap-3" data-testid="my-applications">
                            {items.into_iter().map(|a| {
                                let title = a.post_title.clone();
                                let state = a.state;
                                view! {
                                    <li class="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4">
                                        <h2 class="font-semibold">
                                            <a class="text-blue-800 underline" href=format!("/jobs/{}", a.post_id)>{move || pick(&title, i18n.get_locale()).to_string()}</a>
                                        </h2>
                                        <p class="text-sm text-slate-700">{a.org_name.clone()} " · " {move || datetime(a.applied_at)}</p>
                                        <p><span class="rounded bg-slate-100 px-2 py-0.5 text-sm font-medium" data-testid="application-state">{move || application_state_label(i18n, state)}</span></p>
                                        {(!a.message.is_empty()).then(|| view! { <p class="text-sm">{t!(i18n, application_message)} " " {a.message.clone()}</p> })}
                                        {a.cv.clone().map(|cv| view! {
                                            <p class="text-sm"><FileLink href=format!("/files/cv/{}", a.id)>{t!(i18n, job_cv_download)} ": " {cv.name}</FileLink></p>
                                        })}
                                        {state.is_undecided().then(|| view! {
                                            <ActionForm action=withdraw>
                                                <input type="hidden" name="id" value=a.id />
                                                <input type="hidden" name="version" value=a.version />
                                                <button type="submit" disabled=move || withdraw.pending().get() class=SECONDARY_BUTTON_CLASS>{t!(i18n, application_withdraw)}</button>
                                            </ActionForm>
                                        })}
                                        {(state == ApplicationState::Hired).then(|| if a.employer_recorded {
                                            view! { <p class="text-sm text-emerald-800" data-testid="employer-recorded">{t!(i18n, employer_recorded)}</p> }.into_any()
                                        } else {
                                            let org = a.org_name.clone();
                                            view! {
                                                <ActionForm action=record attr:class="flex flex-col gap-2 rounded-md border border-blue-200 bg-blue-50 p-3">
                                                    <p class="text-sm">{move || crate::format::fill(t_string!(i18n, record_employer_question), &[&org])}</p>
                                                    <input type="hidden" name="id" value=a.id />
                                                    <div><button type="submit" disabled=move || record.pending().get() class=BUTTON_CLASS data-testid="record-employer">{t!(i18n, record_employer_yes)}</button></div>
                                                </ActionForm>
                                            }.into_any()
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }
            })}
        </Suspense>
        <section class="mt-8" aria-labelledby="alerts-heading">
            <h2 id="alerts-heading" class="mb-2 text-xl font-semibold">{t!(i18n, job_alerts_title)}</h2>
            <p class="mb-3 text-sm text-slate-700">{t!(i18n, job_alerts_lead)}</p>
            <Suspense>
                {move || Suspend::new(async move {
                    let industries = industries.await.unwrap_or_default();
                    match alerts.await {
                        Err(e) => load_error(e),
                        Ok(list) if list.is_empty() => view! { <p class="text-slate-700">{t!(i18n, job_alerts_empty)}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="flex flex-col gap-2" data-testid="job-alerts">
                                {list.into_iter().map(|alert| {
                                    let href = alert.query.href(0);
                                    let query = alert.query.clone();
                                    let industries = industries.clone();
                                    let summary = move || alert_summary(i18n, &query, &industries);
                                    view! {
                                        <li class="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white px-4 py-2">
                                            <a class="text-blue-800 underline" href=href>{summary}</a>
                                            <ActionForm action=delete_alert>
                                                <input type="hidden" name="id" value=alert.id />
                                                <button type="submit" disabled=move || delete_alert.pending().get() class=SECONDARY_BUTTON_CLASS>{t!(i18n, job_alert_delete)}</button>
                                            </ActionForm>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// A saved search in a few words, in the reader's language: its keyword and the filters set.
fn alert_summary(
    i18n: leptos_i18n::I18nContext<Locale>,
    query: &BoardQuery,
    industries: &[IndustryChoice],
) -> String {
    let locale = i18n.get_locale();
    let mut parts = Vec::new();
    if !query.q.is_empty() {
        parts.push(format!("“{}”", query.q));
    }
    if let Some(industry) = industries.iter().find(|i| i.code == query.industry) {
        parts.push(industry.name.get(locale).to_string());
    }
    if let Some(level) = crate::eligibility::model::Education::parse(&query.education) {
        parts.push(crate::eligibility::pages::education_label(i18n, level));
    }
    if query.salary > 0 {
        parts.push(format!(
            "{} ≥ {}",
            t_string!(i18n, job_salary),
            crate::format::group_thousands(query.salary as u64)
        ));
    }
    if parts.is_empty() {
        t_string!(i18n, job_alert_everything).to_string()
    } else {
        parts.join(" · ")
    }
}
