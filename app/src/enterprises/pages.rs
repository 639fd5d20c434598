//! `/staff/enterprises`: enterprises waiting for verification (and all others), with the
//! decisions staff may take; and the banner an enterprise sees about its own state.
use super::api::{DecideEnterprise, enterprise_list, my_enterprise};
use super::model::{Verification, needs_reason};
use crate::common::page::load_error;
use crate::common::page::{Pagination, page_title, with_site_name};
use crate::format::datetime;
use crate::forms::*;
use crate::i18n::*;
use crate::links::FileLink;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::use_query_map;

pub fn verification_label(i18n: I18nContext<Locale>, v: Verification) -> String {
    match v {
        Verification::Pending => t_string!(i18n, verification_pending),
        Verification::Verified => t_string!(i18n, verification_verified),
        Verification::Rejected => t_string!(i18n, verification_rejected),
        Verification::Suspended => t_string!(i18n, verification_suspended),
    }
    .to_string()
}

fn decision_label(i18n: I18nContext<Locale>, v: Verification) -> String {
    match v {
        Verification::Verified => t_string!(i18n, verify_enterprise),
        Verification::Rejected => t_string!(i18n, reject_enterprise),
        _ => t_string!(i18n, suspend_enterprise),
    }
    .to_string()
}

#[component]
pub fn EnterprisesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    // Pending first: that is the work waiting.
    let status = move || query.with(|m| m.get("status").unwrap_or_else(|| "pending".into()));
    let page = move || query.with(|m| m.get("page").and_then(|p| p.parse().ok()).unwrap_or(0));
    let decide = ServerAction::<DecideEnterprise>::new();
    crate::notice::announce_on_success(decide.value(), crate::notice::Done::EnterpriseDecided);
    let list = Resource::new(
        move || (status(), page(), decide.version().get()),
        |(status, page, _)| enterprise_list(status, page),
    );
    let error = last_error(decide.value());
    view! {
        {page_title(move || with_site_name(t_string!(i18n, enterprises_title).to_string(), i18n))}
        <h1 class="mb-4 text-2xl font-bold text-slate-900">{t!(i18n, enterprises_title)}</h1>
        <nav class="mb-4 flex flex-wrap gap-4 text-sm" aria-label=move || t_string!(i18n, enterprises_filter)>
            {Verification::ALL.into_iter().map(|v| view! {
                <a class="text-blue-800 underline aria-[current=page]:font-bold aria-[current=page]:no-underline"
                    href=format!("/staff/enterprises?status={}", v.as_str())
                    aria-current=move || (status() == v.as_str()).then_some("page")>
                    {move || verification_label(i18n, v)}
                </a>
            }).collect_view()}
        </nav>
        <FormError error />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                let current = status();
                match list.await {
                    Err(e) => load_error(e),
                    Ok(list) if list.items.is_empty() => view! { <p class="text-slate-700">{t!(i18n, enterprises_empty)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="flex flex-col gap-3" data-testid="enterprises">
                            {list.items.into_iter().map(|e| view! {
                                <li class="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4">
                                    <h2 class="font-semibold">{e.org_name.clone()}</h2>
                                    <p class="text-sm text-slate-700">
                                        <span class="font-mono">{e.credit_code.clone()}</span>" · "{e.contact_person.clone()}" · "{e.login.clone()}" · "{datetime(e.registered_at)}
                                    </p>
                                    {e.licence.clone().map(|licence| view! {
                                        <p class="text-sm"><FileLink href=format!("/files/licence/{}", e.id) testid=format!("licence-{}", e.id)>
                                            {t!(i18n, licence_title)} ": " {licence.name}</FileLink></p>
                                    })}
                                    <p class="text-sm">{move || verification_label(i18n, e.verification)}
                                        {(!e.note.is_empty()).then(|| view! { " — " {e.note.clone()} })}
                                    </p>
                                    <div class="flex flex-wrap items-end gap-3">
                                        {e.verification.decisions().iter().copied().map(|d| view! {
                                            <ActionForm action=decide attr:class="flex flex-wrap items-end gap-2">
                                                <input type="hidden" name="id" value=e.id />
                                                <input type="hidden" name="version" value=e.version />
                                                <input type="hidden" name="decision" value=d.as_str() />
                                                {needs_reason(d).then(|| {
                                                    let input_id = format!("note-{}-{}", e.id, d.as_str());
                                                    let label_for = input_id.clone();
                                                    view! {
                                                        <label for=label_for class="flex flex-col text-xs">{t!(i18n, enterprise_reason)}
                                                            <input id=input_id name="note" class="rounded border border-slate-400 px-2 py-1 text-sm" />
                                                        </label>
                                                    }
                                                })}
                                                <button type="submit" disabled=move || decide.pending().get() class=match d { Verification::Verified => BUTTON_CLASS, Verification::Rejected | Verification::Suspended => WARNING_BUTTON_CLASS, Verification::Pending => SECONDARY_BUTTON_CLASS }
                                                    data-testid=format!("{}-{}", d.as_str(), e.id)>
                                                    {move || decision_label(i18n, d)}
                                                </button>
                                            </ActionForm>
                                        }).collect_view()}
                                    </div>
                                </li>
                            }).collect_view()}
                        </ul>
                        <Pagination page=list.page has_more=list.has_more href=move |p| format!("/staff/enterprises?status={current}&page={p}") />
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// For an enterprise: whether the office has verified it yet, and why not.
#[component]
pub fn VerificationBanner() -> impl IntoView {
    let i18n = use_i18n();
    let mine = Resource::new(|| (), |_| my_enterprise());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                mine.await.ok().filter(|e| e.verification != Verification::Verified).map(|e| view! {
                    <p class="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status" data-testid="verification-banner">
                        {move || crate::format::fill(t_string!(i18n, enterprise_not_verified), &[&verification_label(i18n, e.verification)])}
                        {(!e.note.is_empty()).then(|| view! { " " {e.note.clone()} })}
                    </p>
                })
            })}
        </Suspense>
    }
}

/// For an enterprise: its business licence (optional, helps staff verify it) and a plain
/// multipart form to upload or replace it.
#[component]
pub fn LicenceUpload() -> impl IntoView {
    let i18n = use_i18n();
    let mine = Resource::new(|| (), |_| my_enterprise());
    let sent = crate::forms::SentOnce::new();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                mine.await.ok().map(|e| view! {
                    <details class="mb-4 rounded-lg border border-slate-200 bg-white p-4" open=e.licence.is_none()>
                        <summary class="cursor-pointer font-semibold">{t!(i18n, licence_title)}</summary>
                        {e.licence.clone().map(|licence| view! {
                            <p class="mt-2 text-sm"><FileLink href=format!("/files/licence/{}", e.id)>{licence.name}</FileLink></p>
                        })}
                        <form method="post" action="/employer/licence" enctype="multipart/form-data" on:submit=sent.on_submit() class="mt-2 flex flex-wrap items-end gap-3">
                            <div class="flex flex-col gap-1">
                                <label for="licence-file" class="text-sm font-medium">{t!(i18n, licence_file)}</label>
                                <input id="licence-file" name="file" type="file" required accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" class="text-sm" />
                            </div>
                            <button type="submit" disabled=move || sent.sending() class=SECONDARY_BUTTON_CLASS data-testid="licence-submit">{t!(i18n, licence_upload)}</button>
                        </form>
                    </details>
                })
            })}
        </Suspense>
    }
}
