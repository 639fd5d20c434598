//! `/staff/followups`: bad reviews to call back and fix, and rating appeals; and the panel
//! on a case page that shows the applicant how their bad rating is followed up and lets
//! them appeal it.
use super::api::{AppealRating, CompleteFollowUp, DecideRatingAppeal, follow_up_of, follow_ups};
use super::model::*;
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::format::datetime;
use crate::forms::*;
use crate::i18n::*;
use leptos::prelude::*;

const INPUT: &str = "w-full rounded-md border border-slate-400 px-2 py-1";

#[component]
pub fn FollowUpsPage() -> impl IntoView {
    let i18n = use_i18n();
    let complete = ServerAction::<CompleteFollowUp>::new();
    crate::notice::announce_on_success(complete.value(), crate::notice::Done::FollowUpRecorded);
    let decide = ServerAction::<DecideRatingAppeal>::new();
    crate::notice::announce_on_success(decide.value(), crate::notice::Done::AppealDecided);
    let list = Resource::new(
        move || (complete.version().get(), decide.version().get()),
        |_| follow_ups(),
    );
    let complete_error = last_error(complete.value());
    let decide_error = last_error(decide.value());
    view! {
        {page_title(move || with_site_name(t_string!(i18n, followups_title).to_string(), i18n))}
        <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, followups_title)}</h1>
        <p class="mt-1 mb-4 max-w-3xl text-slate-700">{t!(i18n, followups_lead)}</p>
        <FormError error=complete_error />
        <FormError error=decide_error />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(e) => load_error(e),
                    Ok(l) => view! {
                        <h2 class="mb-2 text-xl font-semibold">{t!(i18n, followups_open)}</h2>
                        {l.open.is_empty().then(|| view! { <p class="mb-4 text-slate-700">{t!(i18n, followups_none)}</p> })}
                        <ul class="mb-6 flex flex-col gap-3" data-testid="followups-open">
                            {l.open.into_iter().map(|f| view! {
                                <li class="rounded-lg border border-slate-200 bg-white p-3" data-number=f.number.clone()>
                                    <FollowUpHeading f=f.clone() />
                                    <ActionForm action=complete attr:class="mt-2 grid gap-2 md:grid-cols-2">
                                        <input type="hidden" name="id" value=f.id />
                                        <input type="hidden" name="version" value=f.version />
                                        <label class="flex flex-col text-sm">{t!(i18n, followups_callback)}
                                            <textarea name="callback" rows="2" class=INPUT></textarea></label>
                                        <label class="flex flex-col text-sm">{t!(i18n, followups_fix)}
                                            <textarea name="fix" rows="2" class=INPUT></textarea></label>
                                        <div><button type="submit" disabled=move || complete.pending().get() class=BUTTON_CLASS data-testid="followup-done">{t!(i18n, followups_done_button)}</button></div>
                                    </ActionForm>
                                </li>
                            }).collect_view()}
                        </ul>
                        <h2 class="mb-2 text-xl font-semibold">{t!(i18n, followups_appeals)}</h2>
                        {l.appeals.is_empty().then(|| view! { <p class="mb-4 text-slate-700">{t!(i18n, followups_none)}</p> })}
                        <ul class="mb-6 flex flex-col gap-3" data-testid="followups-appeals">
                            {l.appeals.into_iter().map(|f| view! {
                                <li class="rounded-lg border border-slate-200 bg-white p-3">
                                    <FollowUpHeading f=f.clone() />
                                    <p class="mt-1">{crate::format::fill(t_string!(i18n, followups_appeal_asks), &[&crate::common::satisfaction::level_name(i18n, f.appeal_rating.unwrap_or(0))])} " " {f.appeal_text.clone()}</p>
                                    <ActionForm action=decide attr:class="mt-2 flex flex-col gap-2">
                                        <input type="hidden" name="id" value=f.id />
                                        <input type="hidden" name="version" value=f.version />
                                        <label class="flex flex-col text-sm">{t!(i18n, followups_answer)}
                                            <textarea name="answer" rows="2" class=INPUT></textarea></label>
                                        <div class="flex gap-2">
                                            <button type="submit" disabled=move || decide.pending().get() name="decision" value="grant" class=BUTTON_CLASS>{t!(i18n, followups_grant)}</button>
                                            <button type="submit" disabled=move || decide.pending().get() name="decision" value="decline" class=WARNING_BUTTON_CLASS>{t!(i18n, followups_decline)}</button>
                                        </div>
                                    </ActionForm>
                                </li>
                            }).collect_view()}
                        </ul>
                        <h2 class="mb-2 text-xl font-semibold">{t!(i18n, followups_done)}</h2>
                        <ul class="flex flex-col gap-2" data-testid="followups-done">
                            {l.done.into_iter().map(|f| view! {
                                <li class="rounded-lg border border-slate-200 bg-white p-3">
                                    <FollowUpHeading f=f.clone() />
                                    <p class="mt-1 whitespace-pre-line text-sm">{f.callback_note.clone()} "\n" {f.fix_note.clone()}</p>
                                    <p class="text-sm text-slate-600">{f.done_by.clone().unwrap_or_default()} " · " {f.done_at.map(datetime).unwrap_or_default()}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn FollowUpHeading(f: FollowUp) -> impl IntoView {
    let i18n = use_i18n();
    let name = f.item_name.clone();
    view! {
        <p>
            <a class="font-mono text-blue-800 underline" href=f.about.link()>{f.number.clone()}</a>
            " · " {move || name.get(i18n.get_locale()).to_string()} " · " <crate::common::satisfaction::LevelName level=f.rating />
            " · " {f.comment.clone()}
        </p>
        <p class="text-sm text-slate-700">
            {crate::format::fill(t_string!(i18n, followups_due), &[&f.due_on])}
            {f.overdue.then(|| view! { <span class="ml-2 rounded bg-red-100 px-1 text-red-900">{t!(i18n, urgency_overdue)}</span> })}
        </p>
    }
}

/// On a case or concern page: how a bad rating is being followed up, and the rater's
/// appeal.
#[component]
pub fn FollowUpPanel(about: Rated) -> impl IntoView {
    let i18n = use_i18n();
    let appeal = ServerAction::<AppealRating>::new();
    crate::notice::announce_on_success(appeal.value(), crate::notice::Done::AppealSent);
    let follow_up = Resource::new(
        move || appeal.version().get(),
        move |_| follow_up_of(about.kind().to_string(), about.id()),
    );
    let error = last_error(appeal.value());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let Ok(Some(f)) = follow_up.await else { return ().into_any() };
                view! {
                    <section class="mt-6 rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="follow-up">
                        <h2 class="mb-1 text-lg font-semibold">{t!(i18n, followups_case_title)}</h2>
                        <p>{if f.done {
                            t_string!(i18n, followups_case_done).to_string()
                        } else {
                            crate::format::fill(t_string!(i18n, followups_case_open), &[&f.due_on])
                        }}</p>
                        {match f.appeal {
                            AppealState::Pending => view! { <p class="mt-2" data-testid="appeal-state">{t!(i18n, followups_appeal_pending)}</p> }.into_any(),
                            AppealState::Granted => view! { <p class="mt-2" data-testid="appeal-state">{t!(i18n, followups_appeal_granted)} " " {f.appeal_answer.clone()}</p> }.into_any(),
                            AppealState::Declined => view! { <p class="mt-2" data-testid="appeal-state">{t!(i18n, followups_appeal_declined)} " " {f.appeal_answer.clone()}</p> }.into_any(),
                            AppealState::None if f.may_appeal => view! {
                                <ActionForm action=appeal attr:class="mt-3 flex flex-col gap-2" attr:data-testid="appeal-form">
                                    <p class="text-sm">{t!(i18n, followups_appeal_lead)}</p>
                                    <input type="hidden" name="kind" value=about.kind() />
                                    <input type="hidden" name="id" value=about.id() />
                                    <label class="flex flex-col text-sm">{t!(i18n, followups_appeal_rating)}
                                        <select name="rating" class=INPUT>
                                            {crate::common::satisfaction::LEVELS.into_iter().map(|level| view! {
                                                <option value=level.to_string()><crate::common::satisfaction::LevelName level /></option>
                                            }).collect_view()}
                                        </select>
                                    </label>
                                    <label class="flex flex-col text-sm">{t!(i18n, followups_appeal_reason)}
                                        <textarea name="reason" rows="2" class=INPUT></textarea></label>
                                    <FormError error />
                                    <div><button type="submit" disabled=move || appeal.pending().get() class=SECONDARY_BUTTON_CLASS data-testid="appeal-submit">{t!(i18n, followups_appeal_submit)}</button></div>
                                </ActionForm>
                            }.into_any(),
                            AppealState::None => ().into_any(),
                        }}
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}
