//! `/notifications`, and the bell in the header with the unread count.
use super::api::{MarkNotificationsRead, my_notifications};
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::format::datetime;
use crate::forms::SECONDARY_BUTTON_CLASS;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The header's link to the notifications, with how many are unread.
#[component]
pub fn Bell(unread: i64) -> impl IntoView {
    let i18n = use_i18n();
    let label = move || {
        crate::format::fill(
            t_string!(i18n, notifications_unread),
            &[&unread.to_string()],
        )
    };
    view! {
        <a href="/notifications" class="relative rounded px-2 py-1 text-sm text-white underline-offset-4 hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-white"
            aria-label=label data-testid="bell">
            {t!(i18n, notifications_title)}
            {(unread > 0).then(|| view! {
                <span class="ml-1 rounded-full bg-red-600 px-1.5 text-xs font-bold" aria-hidden="true">{unread}</span>
            })}
        </a>
    }
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let page = move || query.with(|m| m.get("page").and_then(|p| p.parse().ok()).unwrap_or(0));
    let mark = ServerAction::<MarkNotificationsRead>::new();
    crate::notice::announce_on_success(mark.value(), crate::notice::Done::NotificationsRead);
    let list = Resource::new(
        move || (page(), mark.version().get()),
        |(page, _)| my_notifications(page),
    );
    view! {
        {page_title(move || with_site_name(t_string!(i18n, notifications_title).to_string(), i18n))}
        <div class="mb-4 flex flex-wrap items-center justify-between gap-3">
            <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, notifications_title)}</h1>
            <ActionForm action=mark>
                <button type="submit" disabled=move || mark.pending().get() class=SECONDARY_BUTTON_CLASS>{t!(i18n, notifications_mark_read)}</button>
            </ActionForm>
        </div>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(e) => load_error(e),
                    Ok(list) if list.items.is_empty() => view! { <p class="text-slate-700">{t!(i18n, notifications_empty)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="notifications">
                            {list.items.into_iter().map(|n| {
                                let kind = n.kind.clone();
                                let number = n.case_number.clone().unwrap_or_default();
                                let subject = n.subject.clone();
                                let about_other = n.link.is_some();
                                let text = move || if about_other {
                                    crate::format::fill(&other_label(i18n, &kind), &[&subject])
                                } else {
                                    crate::format::fill(
                                        t_string!(i18n, notification_case),
                                        &[&number, &crate::cases::pages::event_label(i18n, &kind)],
                                    )
                                };
                                let href = n.link.clone().or(n.case_id.map(|id| format!("/cases/{id}")));
                                view! {
                                    <li class=if n.read { "px-4 py-3" } else { "bg-blue-50 px-4 py-3 font-medium" }>
                                        <p class="text-sm text-slate-600">{datetime(n.at)}</p>
                                        {match href {
                                            Some(href) => view! { <a class="text-blue-800 underline" href=href>{text}</a> }.into_any(),
                                            None => view! { <span>{text}</span> }.into_any(),
                                        }}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <crate::common::page::Pagination page=list.page has_more=list.has_more href=|p| format!("/notifications?page={p}") />
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The pattern (with `%1` for the subject) of a notification about something other than a
/// case: job posts and applications.
fn other_label(i18n: leptos_i18n::I18nContext<Locale>, kind: &str) -> String {
    match kind {
        "post_approved" => t_string!(i18n, notif_post_approved),
        "post_returned" => t_string!(i18n, notif_post_returned),
        "new_candidate" => t_string!(i18n, notif_new_candidate),
        "application_shortlisted" => t_string!(i18n, notif_application_shortlisted),
        "application_declined" => t_string!(i18n, notif_application_declined),
        "application_hired" => t_string!(i18n, notif_application_hired),
        "application_withdrawn" => t_string!(i18n, notif_application_withdrawn),
        "work_assigned" => t_string!(i18n, notif_work_assigned),
        "event_registered" => t_string!(i18n, notif_event_registered),
        "event_waiting" => t_string!(i18n, notif_event_waiting),
        "event_promoted" => t_string!(i18n, notif_event_promoted),
        "certificate_issued" => t_string!(i18n, notif_certificate_issued),
        crate::proactive::model::QUALIFIED => t_string!(i18n, notif_newly_qualified),
        crate::proactive::model::OPENED_BY_HUB => t_string!(i18n, notif_opened_by_hub),
        "team_invited" => t_string!(i18n, notif_team_invited),
        "incubation_admitted" => t_string!(i18n, notif_incubation_admitted),
        "incubation_waitlisted" => t_string!(i18n, notif_incubation_waitlisted),
        "incubation_declined" => t_string!(i18n, notif_incubation_declined),
        k if k.starts_with("concern_") => t_string!(i18n, notif_concern),
        _ => t_string!(i18n, notif_job_alert),
    }
    .to_string()
}
