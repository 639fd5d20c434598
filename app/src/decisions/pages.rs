//! `/cases/:id/notice`: the decision notice of a case, to read, print on A4 or keep, with
//! earlier notices it replaced and, for administrators, the correction form; `/verify`:
//! anyone checks a notice by its number (a GET form: works without JavaScript).
use super::api::{CorrectNotice, load_case_notices, verify_notice};
use super::model::*;
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::format::{datetime, fill, yuan};
use crate::forms::*;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::{use_params_map, use_query_map};

fn title(i18n: I18nContext<Locale>, kind: NoticeKind) -> String {
    match kind {
        NoticeKind::Approval => t_string!(i18n, notice_title_approval),
        NoticeKind::Rejection => t_string!(i18n, notice_title_rejection),
        NoticeKind::NotAccepted => t_string!(i18n, notice_title_not_accepted),
    }
    .to_string()
}

fn decision(i18n: I18nContext<Locale>, kind: NoticeKind) -> String {
    match kind {
        NoticeKind::Approval => t_string!(i18n, notice_decision_approval),
        NoticeKind::Rejection => t_string!(i18n, notice_decision_rejection),
        NoticeKind::NotAccepted => t_string!(i18n, notice_decision_not_accepted),
    }
    .to_string()
}

#[component]
pub fn NoticePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let correct = ServerAction::<CorrectNotice>::new();
    crate::notice::announce_on_success(correct.value(), crate::notice::Done::NoticeCorrected);
    let notices = Resource::new(
        move || (id(), correct.version().get()),
        |(id, _)| load_case_notices(id),
    );
    view! {
        {page_title(move || with_site_name(t_string!(i18n, notice_page_title).to_string(), i18n))}
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match notices.await {
                    Err(crate::error::AppError::NotFound) => view! { <crate::common::page::NotFound /> }.into_any(),
                    Err(e) => load_error(e),
                    Ok(n) => view! { <Notices n correct /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Notices(n: CaseNotices, correct: ServerAction<CorrectNotice>) -> impl IntoView {
    let i18n = use_i18n();
    let case_id = n.case_id;
    let current_number = n.current.number.clone();
    let error = last_error(correct.value());
    view! {
        <p class="mb-4 text-sm print:hidden"><a class="text-blue-800 underline" href=format!("/cases/{case_id}")>{t!(i18n, receipt_back)}</a></p>
        <NoticeDocument notice=n.current.clone() qr_svg=n.qr_svg.clone() />
        <p class="mx-auto mt-4 max-w-3xl print:hidden">
            <PrintButton label=Signal::derive(move || t_string!(i18n, notice_print).to_string()) />
        </p>
        {(!n.earlier.is_empty()).then(|| view! {
            <section class="mx-auto mt-8 max-w-3xl print:hidden" aria-labelledby="notice-earlier">
                <h2 id="notice-earlier" class="mb-2 text-lg font-semibold">{t!(i18n, notice_earlier)}</h2>
                <ul class="flex flex-col gap-2 text-sm" data-testid="notice-earlier">
                    {n.earlier.iter().map(|e| {
                        let kind = e.content.kind;
                        let by = e.superseded.as_ref().map(|s| s.by.clone()).unwrap_or_default();
                        view! {
                            <li class="rounded-md border border-slate-200 bg-white p-3">
                                <span class="font-mono">{e.number.clone()}</span>" · "{move || title(i18n, kind)}" · "{datetime(e.issued_at)}
                                <span class="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs font-semibold">{move || fill(t_string!(i18n, notice_superseded_by), &[&by])}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })}
        {n.may_correct.then(|| view! {
            <section class="mx-auto mt-8 max-w-3xl print:hidden" aria-labelledby="notice-correct">
                <h2 id="notice-correct" class="mb-2 text-lg font-semibold">{t!(i18n, notice_correct_title)}</h2>
                <ActionForm action=correct attr:class="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4" attr:data-testid="notice-correct">
                    <p class="text-sm text-slate-700">{t!(i18n, notice_correct_lead)}</p>
                    <input type="hidden" name="case_id" value=case_id />
                    <input type="hidden" name="number" value=current_number />
                    <Field name="reason" label=Signal::derive(move || t_string!(i18n, notice_correct_reason).to_string()) required=true error />
                    <Field name="note" label=Signal::derive(move || t_string!(i18n, notice_correct_note).to_string()) required=true error />
                    <FormError error fields=&["reason", "note"] />
                    <div><button type="submit" class=BUTTON_CLASS disabled=move || correct.pending().get() data-testid="notice-correct-submit">{t!(i18n, notice_correct_submit)}</button></div>
                </ActionForm>
            </section>
        })}
    }
}

/// The notice itself, as printed: one A4 page.
#[component]
fn NoticeDocument(notice: DecisionNotice, qr_svg: String) -> impl IntoView {
    let i18n = use_i18n();
    let c = StoredValue::new(notice.content.clone());
    let kind = notice.content.kind;
    let text = move |f: fn(&NoticeContent, Locale) -> String| {
        move || c.with_value(|c| f(c, i18n.get_locale()))
    };
    let basis = move || {
        c.with_value(|c| {
            let locale = i18n.get_locale();
            let aside = |text: &str| {
                if text.is_empty() {
                    String::new()
                } else {
                    fill(t_string!(i18n, notice_basis_aside), &[text])
                }
            };
            fill(
                t_string!(i18n, notice_basis_value),
                &[
                    c.policy_title.get(locale),
                    &aside(&c.document_number),
                    &c.article.to_string(),
                    &aside(c.article_title.get(locale)),
                ],
            )
        })
    };
    let item = text(|c, locale| c.item_name.get(locale).to_string());
    let department = text(|c, locale| c.department.get(locale).to_string());
    let reason = notice.content.reason.clone();
    let amount = notice.content.amount_fen;
    let number = notice.number.clone();
    let verify_link = verify_path(&notice.number);
    view! {
        <article class="decision-notice mx-auto max-w-3xl rounded-lg border border-slate-300 bg-white p-8 text-slate-900 print:max-w-none print:rounded-none print:border-0 print:p-0" data-testid="decision-notice">
            <p class="text-center text-sm tracking-widest text-slate-600">{department}</p>
            <h1 class="mt-2 text-center text-2xl font-bold" data-testid="notice-title">{move || title(i18n, kind)}</h1>
            <p class="mt-1 text-center font-mono text-sm" data-testid="notice-number">{move || fill(t_string!(i18n, notice_number), &[&number])}</p>
            {notice.replaces.clone().map(|old| {
                let note = notice.correction_note.clone();
                view! {
                    <p class="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm" data-testid="notice-replaces">
                        {move || fill(t_string!(i18n, notice_replaces), &[&old, &note])}
                    </p>
                }
            })}
            <p class="mt-6">{move || fill(t_string!(i18n, notice_to), &[&c.with_value(|c| c.holder_name.clone())])}</p>
            <p class="mt-3 leading-relaxed">{move || fill(t_string!(i18n, notice_body), &[&item(), &c.with_value(|c| c.case_number.clone())])}</p>
            <p class="mt-3 text-lg font-semibold" data-testid="notice-decision">{move || decision(i18n, kind)}</p>
            <dl class="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
                {amount.map(|fen| view! {
                    <dt class="font-medium text-slate-700">{t!(i18n, notice_amount)}</dt>
                    <dd data-testid="notice-amount">{move || yuan(fen, i18n.get_locale())}</dd>
                })}
                <dt class="font-medium text-slate-700">{t!(i18n, notice_basis)}</dt>
                <dd data-testid="notice-basis">{basis}</dd>
                {(!reason.is_empty()).then(|| view! {
                    <dt class="font-medium text-slate-700">{t!(i18n, notice_reason)}</dt>
                    <dd class="whitespace-pre-line" data-testid="notice-reason">{reason.clone()}</dd>
                })}
            </dl>
            <p class="mt-6 text-sm leading-relaxed" data-testid="notice-remedies">
                {move || fill(t_string!(i18n, notice_remedies), &[&RECONSIDERATION_DAYS.to_string(), &LAWSUIT_MONTHS.to_string()])}
            </p>
            <div class="mt-8 flex items-end justify-between gap-6">
                <figure class="flex items-end gap-3">
                    <div class="h-28 w-28 [&>svg]:h-full [&>svg]:w-full" inner_html=qr_svg data-testid="notice-qr"></div>
                    <figcaption class="max-w-48 text-xs text-slate-600">{move || fill(t_string!(i18n, notice_verify_hint), &[&verify_link])}</figcaption>
                </figure>
                <div class="text-right">
                    <p>{department}</p>
                    <p data-testid="notice-date">{c.with_value(|c| c.decided_on.clone())}</p>
                </div>
            </div>
        </article>
    }
}

/// Anyone checks a decision notice by its number.
#[component]
pub fn VerifyNoticePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let number = move || query.with(|m| m.get("number").unwrap_or_default());
    let result = Resource::new(number, |n| async move {
        if n.trim().is_empty() {
            None
        } else {
            Some(verify_notice(n).await)
        }
    });
    view! {
        {page_title(move || with_site_name(t_string!(i18n, verify_notice_title).to_string(), i18n))}
        <h1 class="mb-2 text-2xl font-bold text-slate-900">{t!(i18n, verify_notice_title)}</h1>
        <p class="mb-4 text-slate-700">{t!(i18n, verify_notice_lead)}</p>
        <form method="get" action="/verify" class="mb-4 flex max-w-xl flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
            <div class="flex min-w-0 flex-1 flex-col gap-1">
                <label for="verify-notice-number" class="text-sm font-medium">{t!(i18n, verify_notice_number)}</label>
                <input id="verify-notice-number" name="number" class="rounded-md border border-slate-400 bg-white px-3 py-2 font-mono uppercase" autocomplete="off"
                    placeholder="LJJD-XXXX-XXXX-XXXX-XXXX" value=number />
            </div>
            <button type="submit" class=BUTTON_CLASS data-testid="verify-notice-submit">{t!(i18n, verify_submit)}</button>
        </form>
        <Suspense>
            {move || Suspend::new(async move {
                match result.await {
                    None => ().into_any(),
                    Some(Ok(v)) => view! { <Verified v /> }.into_any(),
                    Some(Err(e @ crate::error::AppError::TooMany { .. })) => view! {
                        <p class="max-w-xl rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-800" role="alert" data-testid="verify-notice-result">
                            {move || error_message(i18n, &e)}
                        </p>
                    }.into_any(),
                    Some(Err(_)) => view! {
                        <p class="max-w-xl rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-800" role="alert" data-testid="verify-notice-result">{t!(i18n, verify_notice_unknown)}</p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Verified(v: Verification) -> impl IntoView {
    let i18n = use_i18n();
    let kind = v.kind;
    let item = v.item_name.clone();
    let department = v.department.clone();
    let (class, status) = match &v.superseded {
        None => ("border-green-300 bg-green-50 text-green-950", None),
        Some(s) => (
            "border-amber-400 bg-amber-50 text-amber-950",
            Some(s.clone()),
        ),
    };
    view! {
        <div class=format!("max-w-xl rounded-md border px-4 py-3 {class}") role="status" data-testid="verify-notice-result">
            <p class="font-semibold" data-testid="verify-notice-status">
                {match status.clone() {
                    None => (move || t_string!(i18n, verify_notice_valid).to_string()).into_any(),
                    Some(s) => (move || fill(t_string!(i18n, verify_notice_superseded), &[&s.by, &datetime(s.at)[..10]])).into_any(),
                }}
            </p>
            <dl class="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                <dt>{t!(i18n, verify_notice_number)}</dt><dd class="font-mono">{v.number.clone()}</dd>
                <dt>{t!(i18n, verify_notice_kind)}</dt><dd>{move || title(i18n, kind)}</dd>
                <dt>{t!(i18n, verify_notice_item)}</dt><dd>{move || item.get(i18n.get_locale()).to_string()}</dd>
                <dt>{t!(i18n, verify_notice_department)}</dt><dd>{move || department.get(i18n.get_locale()).to_string()}</dd>
                <dt>{t!(i18n, verify_notice_holder)}</dt><dd data-testid="verify-notice-holder">{v.holder.clone()}</dd>
                <dt>{t!(i18n, verify_notice_date)}</dt><dd>{v.decided_on.clone()}</dd>
            </dl>
        </div>
    }
}
