//! `/concerns/:id`: the concern, its thread (internal notes for staff only), and the
//! actions the reader may take now.
use super::{kind_label, state_label};
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::concerns::api::{ActOnConcern, RateConcern, load_concern};
use crate::concerns::model::*;
use crate::format::datetime;
use crate::forms::*;
use crate::i18n::*;
use crate::links::FileLink;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::use_params_map;

pub(crate) fn action_label(i18n: I18nContext<Locale>, action: &str) -> String {
    match action {
        "raise" => t_string!(i18n, concern_did_raise),
        "reply" => t_string!(i18n, concern_do_reply),
        "note" => t_string!(i18n, concern_do_note),
        "transfer" => t_string!(i18n, concern_do_transfer),
        "close" => t_string!(i18n, concern_do_close),
        "confirm" => t_string!(i18n, concern_do_confirm),
        "reopen" => t_string!(i18n, concern_do_reopen),
        "assign" => t_string!(i18n, concern_did_assign),
        "attach" => t_string!(i18n, concern_did_attach),
        // A bad rating's follow-up writes on the thread as it does on a case's timeline.
        "follow_up" => t_string!(i18n, ev_follow_up),
        "rating_appeal" => t_string!(i18n, ev_rating_appeal),
        "appeal_granted" => t_string!(i18n, ev_appeal_granted),
        "appeal_declined" => t_string!(i18n, ev_appeal_declined),
        _ => t_string!(i18n, concern_did_rate),
    }
    .to_string()
}

#[component]
pub fn ConcernPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || {
        params.with(|p| {
            p.get("id")
                .and_then(|id| id.parse::<i64>().ok())
                .unwrap_or(0)
        })
    };
    let act = ServerAction::<ActOnConcern>::new();
    crate::notice::announce_on_success(act.value(), crate::notice::Done::ConcernUpdated);
    let rate = ServerAction::<RateConcern>::new();
    crate::notice::announce_on_success(rate.value(), crate::notice::Done::RatingSent);
    let concern = Resource::new(
        move || (id(), act.version().get(), rate.version().get()),
        |(id, _, _)| load_concern(id),
    );
    let error = first_error([last_error(act.value()), last_error(rate.value())]);
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match concern.await {
                    Err(e) => load_error(e),
                    Ok(c) => view! { <ConcernView c act rate error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ConcernView(
    c: ConcernDetail,
    act: ServerAction<ActOnConcern>,
    rate: ServerAction<RateConcern>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let s = c.summary.clone();
    let number = s.number.clone();
    let department = department_name(&s.department);
    let (id, version) = (s.id, s.version);
    let for_office = c.for_office;
    // The answer sent is not left in the box to be sent again.
    let office_form = NodeRef::<leptos::html::Form>::new();
    crate::forms::reset_after_success(office_form, act.value());
    // Choosing a template puts its text, filled in for this concern, in the answer box to
    // edit before sending (without JavaScript the server fills it in when the box is empty).
    let answer_box = NodeRef::<leptos::html::Textarea>::new();
    let templates = c.templates.clone();
    let (requester, filled_number, due) = (s.requester.clone(), s.number.clone(), s.due_on.clone());
    let appealed = c.case_number.clone().unwrap_or_default();
    let on_template = move |ev: leptos::ev::Event| {
        let chosen: i64 = event_target_value(&ev).parse().unwrap_or(0);
        if let (Some(template), Some(area)) =
            (templates.iter().find(|t| t.id == chosen), answer_box.get())
        {
            area.set_value(&template.fill(&TemplateValues {
                name: &requester,
                number: &filled_number,
                due: &due,
                case: &appealed,
            }));
        }
    };
    let template_choices = c.templates.clone();
    let staff_forms: Vec<ConcernAction> =
        c.actions.iter().copied().filter(|a| a.by_staff()).collect();
    let requester_forms: Vec<ConcernAction> = c
        .actions
        .iter()
        .copied()
        .filter(|a| !a.by_staff())
        .collect();
    view! {
        {page_title(move || with_site_name(number.clone(), i18n))}
        <p class="mb-2 text-sm">{if for_office {
            view! { <a class="text-blue-800 underline" href="/staff/concerns" data-testid="back-to-list">{t!(i18n, concern_desk_title)}</a> }.into_any()
        } else {
            view! { <a class="text-blue-800 underline" href="/concerns" data-testid="back-to-list">{t!(i18n, my_concerns_title)}</a> }.into_any()
        }}</p>
        <h1 class="text-2xl font-bold text-slate-900" data-testid="concern-number">{s.number.clone()}</h1>
        <p class="mt-1 text-lg">{move || kind_label(i18n, s.kind)} " · " {s.subject.clone()}</p>
        <p class="mt-1 flex flex-wrap gap-2 text-sm text-slate-700">
            <span class="rounded bg-slate-100 px-2 py-0.5 font-medium text-slate-900" data-testid="concern-state">{move || state_label(i18n, s.state)}</span>
            {s.overdue.then(|| view! { <span class="rounded bg-red-100 px-2 py-0.5 font-medium text-red-900">{t!(i18n, urgency_overdue)}</span> })}
            <span>{move || department.get(i18n.get_locale()).to_string()}</span>
            <span>{move || crate::format::fill(t_string!(i18n, concern_due), &[&s.due_on])}</span>
            {c.case_number.clone().map(|n| view! { <span>{t!(i18n, concern_case)} ": " {n}</span> })}
            {(!c.contact.is_empty()).then(|| view! { <span>{c.contact.clone()}</span> })}
        </p>
        <div class="mt-4 whitespace-pre-line rounded-lg border border-slate-200 bg-white p-4" data-testid="concern-text">{c.text.clone()}</div>
        {if c.may_attach {
            view! {
                <div class="mt-4 max-w-xl">
                    <crate::cases::pages::UploadForm case_id=0 field_key="concern".to_string()
                        label=Signal::derive(move || t_string!(i18n, concern_attachments).to_string())
                        files=c.files.clone() action=format!("/concerns/{id}/files") files_href="/files/concern" />
                </div>
            }.into_any()
        } else {
            (!c.files.is_empty()).then(|| view! {
                <ul class="mt-4 text-sm" data-testid="uploaded">
                    {c.files.clone().into_iter().map(|f| view! {
                        <li><FileLink href=format!("/files/concern/{}", f.id)>{f.name}</FileLink></li>
                    }).collect_view()}
                </ul>
            }).into_any()
        }}
        <h2 class="mt-6 mb-2 text-lg font-semibold">{t!(i18n, concern_thread)}</h2>
        <ol class="flex flex-col gap-2" data-testid="concern-thread">
            {c.thread.into_iter().map(|m| {
                let class = if !m.public {
                    "rounded-lg border border-amber-300 bg-amber-50 p-3"
                } else if m.by_office {
                    "rounded-lg border border-blue-200 bg-blue-50 p-3"
                } else {
                    "rounded-lg border border-slate-200 bg-white p-3"
                };
                let action = m.action.clone();
                view! {
                    <li class=class>
                        <p class="text-sm text-slate-700">
                            {move || datetime(m.at)} " · " {move || action_label(i18n, &action)}
                            {(!m.author.is_empty()).then(|| format!(" · {}", m.author))}
                            {(!m.public).then(|| view! { " · " <strong>{t!(i18n, concern_internal)}</strong> })}
                        </p>
                        {(!m.text.is_empty()).then(|| view! { <p class="mt-1 whitespace-pre-line">{m.text.clone()}</p> })}
                    </li>
                }
            }).collect_view()}
        </ol>
        <FormError error />
        {(!staff_forms.is_empty()).then(|| view! {
            <section class="mt-6 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="concern-office">
                <h2 id="concern-office" class="mb-2 font-semibold">{t!(i18n, concern_office_actions)}</h2>
                <ActionForm action=act node_ref=office_form attr:class="flex flex-col gap-3">
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="version" value=version />
                    {(!template_choices.is_empty()).then(|| view! {
                        <label for="concern-template" class="text-sm font-medium">{t!(i18n, concern_template)}</label>
                        <select id="concern-template" name="template" on:change=on_template class="rounded-md border border-slate-400 px-3 py-2">
                            <option value="0">{t!(i18n, concern_no_template)}</option>
                            {template_choices.iter().map(|t| {
                                let title = t.title.clone();
                                view! { <option value=t.id>{move || crate::jobs::model::pick(&title, i18n.get_locale()).to_string()}</option> }
                            }).collect_view()}
                        </select>
                    })}
                    <label for="concern-text-input" class="text-sm font-medium">{t!(i18n, concern_message)}</label>
                    <textarea id="concern-text-input" name="text" rows="5" node_ref=answer_box class="rounded-md border border-slate-400 px-3 py-2"></textarea>
                    {staff_forms.contains(&ConcernAction::Transfer).then(|| view! {
                        <label for="concern-department" class="text-sm font-medium">{t!(i18n, concern_department)}</label>
                        <select id="concern-department" name="department" class="rounded-md border border-slate-400 px-3 py-2">
                            {DEPARTMENTS.iter().map(|(code, zh, en)| {
                                let (zh, en) = (*zh, *en);
                                view! { <option value=*code>{move || if i18n.get_locale() == Locale::zh { zh } else { en }}</option> }
                            }).collect_view()}
                        </select>
                    })}
                    <div class="flex flex-wrap gap-2">
                        {staff_forms.iter().copied().map(|a| view! {
                            <button type="submit" disabled=move || act.pending().get() name="action" value=a.as_str()
                                class=if a == ConcernAction::Reply { BUTTON_CLASS } else { SECONDARY_BUTTON_CLASS }
                                data-testid=format!("concern-{}", a.as_str())>
                                {move || action_label(i18n, a.as_str())}
                            </button>
                        }).collect_view()}
                    </div>
                </ActionForm>
            </section>
        })}
        {(!requester_forms.is_empty()).then(|| view! {
            <RequesterSection>
                <ActionForm action=act attr:class="flex flex-col gap-3">
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="version" value=version />
                    <RequesterFields actions=requester_forms.clone() sending=act.pending().into() />
                </ActionForm>
            </RequesterSection>
        })}
        {c.may_rate.then(|| view! {
            <RateSection>
                <ActionForm action=rate attr:class="flex flex-col gap-3">
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="version" value=version />
                    <RateFields sending=rate.pending().into() />
                </ActionForm>
            </RateSection>
        })}
        {c.rating.map(|r| view! {
            <p class="mt-4 text-sm" data-testid="concern-rating">{move || crate::format::fill(t_string!(i18n, concern_rated), &[&crate::common::satisfaction::level_name(i18n, r as u8)])}</p>
            // Shows itself only when the rating opened a follow-up.
            <crate::followups::pages::FollowUpPanel about=crate::followups::model::Rated::Concern(id) />
        })}
    }
}

/// A titled part of a concern page where the requester acts.
fn requester_part(heading_id: &'static str, title: AnyView, children: Children) -> impl IntoView {
    view! {
        <section class="mt-6 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby=heading_id>
            <h2 id=heading_id class="mb-2 font-semibold">{title}</h2>
            {children()}
        </section>
    }
}

/// The requester's part of a concern: confirm or reopen. Shared by the concern page and the
/// tracking page (visitors without an account), each with its own form and action.
#[component]
pub(crate) fn RequesterSection(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    requester_part(
        "concern-mine",
        t!(i18n, concern_your_answer).into_any(),
        children,
    )
}

/// The reason box (when reopening is allowed) and a button per requester action, disabled
/// while the form is `sending`.
#[component]
pub(crate) fn RequesterFields(actions: Vec<ConcernAction>, sending: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {actions.contains(&ConcernAction::Reopen).then(|| view! {
            <label for="concern-reopen-text" class="text-sm font-medium">{t!(i18n, concern_reopen_why)}</label>
            <textarea id="concern-reopen-text" name="text" rows="3" class="rounded-md border border-slate-400 px-3 py-2"></textarea>
        })}
        <div class="flex flex-wrap gap-2">
            {actions.into_iter().map(|a| view! {
                <button type="submit" name="action" value=a.as_str() disabled=move || sending.get()
                    class=if a == ConcernAction::Confirm { BUTTON_CLASS } else { SECONDARY_BUTTON_CLASS }
                    data-testid=format!("concern-{}", a.as_str())>
                    {move || action_label(i18n, a.as_str())}
                </button>
            }).collect_view()}
        </div>
    }
}

/// Where the requester rates the answer.
#[component]
pub(crate) fn RateSection(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    requester_part(
        "concern-rate",
        t!(i18n, concern_rate_title).into_any(),
        children,
    )
}

/// The five levels of satisfaction and a comment; the button is disabled while the form is
/// `sending`.
#[component]
pub(crate) fn RateFields(sending: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <crate::common::satisfaction::LevelChoice legend=Signal::derive(move || t_string!(i18n, concern_rate_level).to_string()) />
        <label for="concern-rate-comment" class="text-sm font-medium">{t!(i18n, concern_rate_comment)}</label>
        <textarea id="concern-rate-comment" name="comment" rows="2" class="rounded-md border border-slate-400 px-3 py-2"></textarea>
        <div><button type="submit" disabled=move || sending.get() class=BUTTON_CLASS data-testid="concern-rate">{t!(i18n, concern_rate_submit)}</button></div>
    }
}
