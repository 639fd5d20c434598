//! `/staff/jobs`: posts waiting for review. Staff read each post on its page and approve it
//! (it goes on the board) or send it back with a reason the enterprise sees.
use super::PostSummary;
use crate::common::page::load_error;
use crate::common::page::{Pagination, page_title, with_site_name};
use crate::forms::*;
use crate::i18n::*;
use crate::jobs::api::{ReviewPost, post_review_queue};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PostReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let page = move || query.with(|m| m.get("page").and_then(|p| p.parse().ok()).unwrap_or(0));
    let review = ServerAction::<ReviewPost>::new();
    crate::notice::announce_on_success(review.value(), crate::notice::Done::PostReviewed);
    let list = Resource::new(
        move || (page(), review.version().get()),
        |(page, _)| post_review_queue(page),
    );
    let error = last_error(review.value());
    view! {
        {page_title(move || with_site_name(t_string!(i18n, post_review_title).to_string(), i18n))}
        <h1 class="mb-4 text-2xl font-bold text-slate-900">{t!(i18n, post_review_title)}</h1>
        <p class="mb-4 flex flex-wrap gap-4">
            <crate::exports::pages::ExportLink href="/staff/exports/jobs.csv?state=review".to_string()
                label=t_string!(i18n, export_jobs_review).to_string() testid="export-jobs-review" />
            <crate::exports::pages::ExportLink href="/staff/exports/jobs.csv".to_string()
                label=t_string!(i18n, export_jobs).to_string() testid="export-jobs" />
        </p>
        <FormError error />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(e) => load_error(e),
                    Ok(list) if list.items.is_empty() => view! { <p class="text-slate-700" data-testid="review-empty">{t!(i18n, post_review_empty)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="flex flex-col gap-3" data-testid="review-queue">
                            {list.items.into_iter().map(|own| {
                                let id = own.card.id;
                                let version = own.card.version;
                                view! {
                                    <li class="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4">
                                        <PostSummary card=own.card />
                                        <div class="flex flex-wrap items-end gap-3">
                                            <ActionForm action=review>
                                                <input type="hidden" name="id" value=id />
                                                <input type="hidden" name="version" value=version />
                                                <input type="hidden" name="decision" value="approve" />
                                                <button type="submit" disabled=move || review.pending().get() class=BUTTON_CLASS data-testid=format!("approve-{id}")>{t!(i18n, post_approve)}</button>
                                            </ActionForm>
                                            <ActionForm action=review attr:class="flex flex-wrap items-end gap-2">
                                                <input type="hidden" name="id" value=id />
                                                <input type="hidden" name="version" value=version />
                                                <input type="hidden" name="decision" value="send_back" />
                                                <label class="flex flex-col text-xs" for=format!("send-back-{id}")>{t!(i18n, enterprise_reason)}</label>
                                                <input id=format!("send-back-{id}") name="note" maxlength="500" class="rounded border border-slate-400 px-2 py-1 text-sm" />
                                                <button type="submit" disabled=move || review.pending().get() class=SECONDARY_BUTTON_CLASS data-testid=format!("send-back-button-{id}")>{t!(i18n, post_send_back)}</button>
                                            </ActionForm>
                                        </div>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <Pagination page=list.page has_more=list.has_more href=|p| format!("/staff/jobs?page={p}") />
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
