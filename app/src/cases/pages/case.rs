//! `/cases/:id`: a draft is the application form; a submitted case is its page — the
//! status, the due date, the answers, the timeline, and the actions the viewer may take.
//! `/cases/:id/review` is "check your answers" before submitting.
use super::labels::{StateBadge, UrgencyBadge, event_label, transition_label};
use super::upload::UploadForm;
use crate::cases::api::*;
use crate::cases::model::SUPPLEMENT_KEY;
use crate::cases::model::{
    CaseDetail, CaseState, Party, Transition, applicant_form, taken_from_hire,
};
use crate::catalogue::model::{FieldKind, ServiceItem};
use crate::catalogue::pages::form::{FormFields, answer_text};
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::common::satisfaction::{
    LevelChoice, LevelName, SubScoreChoice, SubScoreList, level_name,
};
use crate::error::AppError;
use crate::format::{datetime, fill, yuan};
use crate::forms::*;
use crate::i18n::*;
use crate::links::FileLink;
use crate::proactive::pages::HubOpeningNote;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

const TEXTAREA_CLASS: &str =
    "w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base";
const INPUT_CLASS: &str = "w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base";

/// Every action the case page can send; any of them reloads the case.
#[derive(Clone, Copy)]
struct Actions {
    save: ServerAction<SaveApplication>,
    /// Whether the last save was "Save draft" rather than "Continue".
    save_draft_pressed: RwSignal<bool>,
    act: ServerAction<CaseAction>,
    claim: ServerAction<ClaimCase>,
    note: ServerAction<AddCaseNote>,
    extend: ServerAction<crate::extensions::api::RequestExtension>,
    decide_extension: ServerAction<crate::extensions::api::DecideExtension>,
    rate: ServerAction<RateCase>,
}

impl Actions {
    fn new() -> Actions {
        use crate::notice::{Done, announce_on_success};
        let actions = Actions {
            save: ServerAction::new(),
            save_draft_pressed: RwSignal::new(false),
            act: ServerAction::new(),
            claim: ServerAction::new(),
            note: ServerAction::new(),
            extend: ServerAction::new(),
            decide_extension: ServerAction::new(),
            rate: ServerAction::new(),
        };
        // "Continue" goes on to the check-your-answers page, which is its own answer.
        crate::notice::announce_with(actions.save.value(), move |_| {
            actions
                .save_draft_pressed
                .get_untracked()
                .then_some(Done::DraftSaved)
        });
        announce_on_success(actions.act.value(), Done::CaseActed);
        announce_on_success(actions.claim.value(), Done::CaseClaimed);
        announce_on_success(actions.note.value(), Done::CaseNoteAdded);
        announce_on_success(actions.extend.value(), Done::ExtensionRequested);
        crate::notice::announce_with(actions.decide_extension.value(), |decided| {
            Some(crate::extensions::model::decided_notice(*decided))
        });
        announce_on_success(actions.rate.value(), Done::RatingSent);
        actions
    }

    fn version(self) -> usize {
        self.save.version().get()
            + self.act.version().get()
            + self.claim.version().get()
            + self.note.version().get()
            + self.extend.version().get()
            + self.decide_extension.version().get()
            + self.rate.version().get()
    }

    /// The error of whichever action failed last.
    fn error(self) -> Signal<Option<AppError>> {
        first_error([
            last_error(self.act.value()),
            last_error(self.claim.value()),
            last_error(self.note.value()),
            last_error(self.extend.value()),
            last_error(self.decide_extension.value()),
            last_error(self.rate.value()),
        ])
    }
}

fn case_id() -> impl Fn() -> i64 + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.with(|p| p.get("id").and_then(|id| id.parse().ok()).unwrap_or(0))
}

#[component]
pub fn CasePage() -> impl IntoView {
    let id = case_id();
    let actions = Actions::new();
    let case = Resource::new(move || (id(), actions.version()), |(id, _)| load_case(id));
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match case.await {
                    Ok(detail) if detail.summary.state == CaseState::Draft && detail.party == Party::Applicant => match detail.bundle.clone() {
                        Some(bundle) => view! { <BundleDraftNote bundle /> }.into_any(),
                        None => view! { <ApplicationForm detail actions /> }.into_any(),
                    },
                    Ok(detail) => view! { <CaseView detail actions /> }.into_any(),
                    Err(AppError::NotFound) => view! { <crate::common::page::NotFound /> }.into_any(),
                    Err(e) => load_error(e),
                }
            })}
        </Suspense>
    }
}

/// A draft that is part of a bundle is filled in and submitted on the bundle's page.
#[component]
fn BundleDraftNote(bundle: crate::cases::model::BundleLink) -> impl IntoView {
    let i18n = use_i18n();
    let name = bundle.name.clone();
    view! {
        <p class="mx-auto max-w-2xl rounded-md border border-blue-200 bg-blue-50 px-4 py-3" data-testid="bundle-draft">
            <a class="text-blue-800 underline" href=format!("/bundles/applications/{}", bundle.id)>
                {move || fill(t_string!(i18n, case_bundle_draft), &[name.get(i18n.get_locale())])}
            </a>
        </p>
    }
}

#[component]
fn ApplicationForm(detail: CaseDetail, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(actions.save.value());
    let item = StoredValue::new(detail.item.clone());
    let name = move || item.with_value(|it| it.name.get(i18n.get_locale()).to_string());
    // A case the hub opened for a hire asks only what the hire did not answer.
    let from_hire: Vec<String> = match detail.hub_opening {
        Some(_) => taken_from_hire(&detail.item.form)
            .into_iter()
            .map(String::from)
            .collect(),
        None => vec![],
    };
    let asked: Vec<_> = applicant_form(&detail.item.form, detail.hub_opening.is_some())
        .into_iter()
        .filter(|f| !from_hire.contains(&f.key))
        .collect();
    let file_fields: Vec<_> = asked
        .iter()
        .filter(|f| matches!(f.kind, FieldKind::File))
        .cloned()
        .collect();
    view! {
        {page_title(move || with_site_name(format!("{} · {}", t_string!(i18n, case_form_title), name()), i18n))}
        <div class="mx-auto max-w-2xl">
            <p class="text-sm"><a class="text-blue-800 underline" href=format!("/services/{}", detail.item.code)>{name}</a></p>
            <h1 class="mt-2 text-2xl font-bold text-slate-900">{t!(i18n, case_form_title)}": "{name}</h1>
            <p class="mt-2 text-slate-700">{t!(i18n, case_form_lead)}</p>
            {detail.hub_opening.clone().map(|opening| view! {
                <HubOpeningNote opening item=detail.item.clone() answers=detail.answers.clone() />
            })}
            {(!file_fields.is_empty()).then(|| view! {
                <section aria-labelledby="materials-title" class="mt-6 flex flex-col gap-3">
                    <h2 id="materials-title" class="text-lg font-semibold">{t!(i18n, case_materials)}</h2>
                    <p class="text-sm text-slate-700">{t!(i18n, case_materials_lead)}</p>
                    {file_fields.into_iter().map(|field| {
                        let label = field.label.clone();
                        let required = field.required;
                        let files: Vec<_> = detail.files.iter().filter(|f| f.field_key == field.key).cloned().collect();
                        view! {
                            <UploadForm
                                case_id=detail.summary.id
                                field_key=field.key.clone()
                                label=Signal::derive(move || format!("{}{}", label.get(i18n.get_locale()), if required { " *" } else { "" }))
                                files
                            />
                        }
                    }).collect_view()}
                </section>
            })}
            <ActionForm action=actions.save attr:class="mt-6 flex flex-col gap-4" attr:data-testid="application-form">
                <input type="hidden" name="id" value=detail.summary.id />
                <input type="hidden" name="version" value=detail.summary.version />
                <FormFields fields=asked id_prefix="answer-" values=detail.answers.clone() error without_files=true from_profile=detail.from_profile.clone() />
                <FormError error fields=&[] />
                <div class="flex flex-wrap gap-3">
                    <button type="submit" disabled=move || actions.save.pending().get() name="next" value="review" class=BUTTON_CLASS data-testid="continue"
                        on:click=move |_| actions.save_draft_pressed.set(false)>{t!(i18n, case_continue)}</button>
                    <button type="submit" disabled=move || actions.save.pending().get() name="next" value="" class=SECONDARY_BUTTON_CLASS data-testid="save-draft"
                        on:click=move |_| actions.save_draft_pressed.set(true)>{t!(i18n, case_save_draft)}</button>
                </div>
            </ActionForm>
        </div>
    }
}

/// The answers as a list of question and answer, in the form's order.
#[component]
fn AnswerList(
    item: ServiceItem,
    answers: std::collections::BTreeMap<String, String>,
    /// The uploaded materials, listed by name under their fields (without them, file
    /// fields are left out: the page lists the materials itself).
    #[prop(optional)]
    files: Option<Vec<crate::cases::model::CaseFile>>,
    #[prop(optional)] change_href: Option<String>,
    /// Fields answered by a hire the employer recorded (a case the hub opened).
    #[prop(optional)]
    from_hire: Vec<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <dl class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="answers">
            {item.form.into_iter().filter(|f| files.is_some() || !matches!(f.kind, FieldKind::File)).map(|field| {
                let label = field.label.clone();
                let hired = from_hire.contains(&field.key);
                let raw = if matches!(field.kind, FieldKind::File) {
                    files.iter().flatten().filter(|f| f.field_key == field.key).map(|f| f.name.clone()).collect::<Vec<_>>().join("、")
                } else {
                    answers.get(&field.key).cloned().unwrap_or_default()
                };
                let shown = move || match &field.kind {
                    FieldKind::File if hired && raw.is_empty() => t_string!(i18n, hub_confirmed_by_employer).to_string(),
                    kind => answer_text(i18n, kind, &raw),
                };
                // What the hire answered is not the applicant's to change.
                let change = change_href.clone().filter(|_| !hired);
                view! {
                    <div class="grid gap-1 px-4 py-3 sm:grid-cols-[1fr_2fr_auto]">
                        <dt class="font-medium text-slate-700">{move || label.get(i18n.get_locale()).to_string()}</dt>
                        <dd class="break-words">{shown}</dd>
                        {change.map(|href| view! { <dd><a class="text-blue-800 underline" href=href>{t!(i18n, case_change)}</a></dd> })}
                    </div>
                }
            }).collect_view()}
        </dl>
    }
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = case_id();
    let submit = ServerAction::<SubmitApplication>::new();
    crate::notice::announce_on_success(submit.value(), crate::notice::Done::ApplicationSubmitted);
    let case = Resource::new(
        move || (id(), submit.version().get()),
        |(id, _)| load_case(id),
    );
    let error = last_error(submit.value());
    view! {
        {page_title(move || with_site_name(t_string!(i18n, case_review_title).to_string(), i18n))}
        <Suspense>
            {move || Suspend::new(async move {
                match case.await {
                    Ok(detail) if detail.summary.state == CaseState::Draft => {
                        let href = format!("/cases/{}", detail.summary.id);
                        let name = detail.item.name.clone();
                        let opened_by_hub = detail.hub_opening.is_some();
                        let from_hire: Vec<String> = if opened_by_hub {
                            taken_from_hire(&detail.item.form).into_iter().map(String::from).collect()
                        } else {
                            vec![]
                        };
                        view! {
                            <div class="mx-auto max-w-2xl">
                                <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, case_review_title)}</h1>
                                <p class="mt-1 text-lg">{move || name.get(i18n.get_locale()).to_string()}</p>
                                <p class="mt-2 mb-4 text-slate-700">{t!(i18n, case_review_lead)}</p>
                                <AnswerList item=detail.item.clone() answers=detail.answers.clone() files=detail.files.clone() change_href=href.clone() from_hire=from_hire />
                                <ActionForm action=submit attr:class="mt-6 flex flex-col gap-3">
                                    <input type="hidden" name="id" value=detail.summary.id />
                                    <input type="hidden" name="version" value=detail.summary.version />
                                    {opened_by_hub.then(|| view! {
                                        <label class="flex items-start gap-2">
                                            <input type="checkbox" name="consent" value="on" required class="mt-1 h-5 w-5" data-testid="consent" />
                                            <span>{t!(i18n, hub_consent)}</span>
                                        </label>
                                    })}
                                    {move || error.get().map(|e| {
                                        let href = href.clone();
                                        view! {
                                            <p class="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-800" role="alert">
                                                <a class="underline" href=href>{error_text(i18n, e.message_key())}</a>
                                            </p>
                                        }
                                    })}
                                    <div><button type="submit" disabled=move || submit.pending().get() class=BUTTON_CLASS data-testid="submit-application">{t!(i18n, tr_submit)}</button></div>
                                </ActionForm>
                            </div>
                        }.into_any()
                    }
                    // Already submitted (e.g. the page was reloaded): show the case.
                    Ok(detail) => {
                        let href = format!("/cases/{}", detail.summary.id);
                        view! { <p><a class="text-blue-800 underline" href=href>{detail.summary.number.clone()}</a></p> }.into_any()
                    }
                    Err(AppError::NotFound) => view! { <crate::common::page::NotFound /> }.into_any(),
                    Err(e) => load_error(e),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CaseView(detail: CaseDetail, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let detail = StoredValue::new(detail);
    let d = detail.get_value();
    let item_name = StoredValue::new(d.item.name.clone());
    let name = move || item_name.with_value(|n| n.get(i18n.get_locale()).to_string());
    let number = d.summary.number.clone().unwrap_or_default();
    let row = |label: AnyView, value: AnyView| {
        view! {
            <div class="grid grid-cols-[10rem_1fr] gap-2 px-4 py-2">
                <dt class="font-medium text-slate-700">{label}</dt>
                <dd>{value}</dd>
            </div>
        }
    };
    let title = {
        let number = number.clone();
        move || with_site_name(format!("{number} · {}", name()), i18n)
    };
    view! {
        {page_title(title)}
        <article class="mx-auto flex max-w-3xl flex-col gap-6" data-testid="case">
            <header>
                <p class="text-sm print:hidden"><a class="text-blue-800 underline" href=move || if d.party == Party::Staff { "/staff/queue" } else if d.party == Party::Employer { "/employer/cases" } else { "/cases" }>
                    {move || if d.party == Party::Staff { t_string!(i18n, queue_title) } else if d.party == Party::Employer { t_string!(i18n, employer_cases_title) } else { t_string!(i18n, my_cases_title) }}
                </a></p>
                <p class="mt-2 hidden text-sm print:block">{t!(i18n, site_name)}" · "{t!(i18n, case_receipt)}</p>
                <h1 class="mt-1 text-2xl font-bold text-slate-900">{name}</h1>
                {d.bundle.clone().map(|bundle| {
                    let bundle_name = bundle.name.clone();
                    let number = bundle.number.clone().unwrap_or_default();
                    view! {
                        <p class="mt-1 text-sm print:hidden"><a class="text-blue-800 underline" href=format!("/bundles/applications/{}", bundle.id) data-testid="case-bundle">
                            {move || fill(t_string!(i18n, case_part_of_bundle), &[bundle_name.get(i18n.get_locale()), &number])}
                        </a></p>
                    }
                })}
                <div class="mt-2 flex flex-wrap items-center gap-3">
                    <span class="font-mono text-lg" data-testid="case-number">{number.clone()}</span>
                    // The current state on its own, so tests and screen readers need not look through the timeline's badges.
                    <span data-testid="case-state"><StateBadge state=d.summary.state /></span>
                    {d.submitted_at.is_some().then(|| view! {
                        <a class=format!("{SECONDARY_BUTTON_CLASS} print:hidden") href=format!("/cases/{}/receipt", d.summary.id) data-testid="receipt-link">{t!(i18n, case_print)}</a>
                    })}
                    {(d.party != Party::Employer && d.summary.state.has_decision()).then(|| view! {
                        <a class=format!("{SECONDARY_BUTTON_CLASS} print:hidden") href=format!("/cases/{}/notice", d.summary.id) data-testid="notice-link">{t!(i18n, notice_link)}</a>
                    })}
                </div>
            </header>

            <dl class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
                {row(t!(i18n, case_submitted_at).into_any(), d.submitted_at.map(datetime).unwrap_or_default().into_any())}
                {d.summary.due_on.clone().map(|due| row(t!(i18n, case_due).into_any(), view! {
                    <span data-testid="case-due">{due}</span>
                    // While paused the running limit is the supplement's, shown on its own row.
                    {(!d.paused).then(|| view! { <UrgencyBadge urgency=d.summary.urgency /> })}
                    {d.paused.then(|| view! { <span class="ml-2 text-slate-600">{t!(i18n, case_due_paused)}</span> })}
                }.into_any()))}
                {d.summary.accept_by.clone().map(|by| row(t!(i18n, case_accept_by).into_any(), view! {
                    <span data-testid="case-accept-by">{by}</span><UrgencyBadge urgency=d.summary.urgency />
                }.into_any()))}
                {d.summary.supply_by.clone().map(|by| row(t!(i18n, case_supply_by).into_any(), view! {
                    <span data-testid="case-supply-by">{by}</span><UrgencyBadge urgency=d.summary.urgency />
                }.into_any()))}
                {d.employer_name.clone().map(|n| row(t!(i18n, case_employer).into_any(), n.into_any()))}
                {d.amount_fen.map(|fen| row(t!(i18n, case_amount).into_any(), (move || yuan(fen, i18n.get_locale())).into_any()))}
                {(!d.disbursement_ref.is_empty()).then(|| row(t!(i18n, case_reference).into_any(), d.disbursement_ref.clone().into_any()))}
                {(d.party == Party::Staff).then(|| row(t!(i18n, col_assignee).into_any(), d.summary.assignee_name.clone().unwrap_or_else(|| t_string!(i18n, case_unassigned).to_string()).into_any()))}
            </dl>

            {d.due_if_accepted_today.clone().map(|due| view! { <PromiseBeforeAcceptance days=d.item.time_limit_days due /> })}
            <crate::extensions::pages::GrantedExtensions extensions=d.extensions.clone() />

            <ActionPanel detail=d.clone() actions />

            <section aria-labelledby="case-timeline">
                <h2 id="case-timeline" class="mb-2 text-lg font-semibold">{t!(i18n, case_timeline)}</h2>
                <ol class="flex flex-col gap-3 border-l-2 border-blue-200 pl-4" data-testid="timeline">
                    {d.events.clone().into_iter().rev().map(|e| {
                        let kind = e.kind.clone();
                        let amount = e.amount_fen;
                        // An entry without a person is the hub's own act (a clock the law sets).
                        let actor = match e.actor_name.clone() {
                            Some(name) => name.into_any(),
                            None if matches!(e.kind.as_str(), crate::cases::model::DEEMED_ACCEPTANCE | crate::proactive::model::OPENED_BY_HUB) => t!(i18n, case_actor_hub).into_any(),
                            None => ().into_any(),
                        };
                        view! {
                            <li class=if e.public { "relative" } else { "relative rounded bg-amber-50 p-2" } data-kind=e.kind.clone()>
                                <p class="text-sm text-slate-600">{datetime(e.at)}" · "{actor}
                                    {(!e.public).then(|| view! { <span class="ml-2 rounded bg-amber-200 px-1 text-xs">{t!(i18n, case_internal)}</span> })}
                                </p>
                                <p class="font-medium">{move || event_label(i18n, &kind)}{e.to_state.map(|s| view! { " " <StateBadge state=s /> })}</p>
                                {match (e.kind.as_str(), amount) {
                                    ("rate", Some(level)) => Some(view! { <p><LevelName level=level as u8 /></p> }.into_any()),
                                    (_, Some(fen)) => Some(view! { <p>{move || yuan(fen, i18n.get_locale())}</p> }.into_any()),
                                    _ => None,
                                }}
                                {(!e.text.is_empty()).then(|| view! { <p class="whitespace-pre-line text-slate-800">{e.text.clone()}</p> })}
                                {(e.kind == crate::proactive::model::OPENED_BY_HUB).then(|| d.hub_opening.clone()).flatten().map(|opening| view! {
                                    <p class="text-slate-800" data-testid="opened-by-hub-why">{move || crate::format::fill(
                                        t_string!(i18n, hub_opened_why),
                                        &[&opening.employer_name, crate::jobs::model::pick(&opening.post_title, i18n.get_locale()), opening.reasons.get(i18n.get_locale())],
                                    )}</p>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </section>

            <section aria-labelledby="case-answers">
                <h2 id="case-answers" class="mb-2 text-lg font-semibold">{t!(i18n, case_answers)}</h2>
                {(d.party == Party::Employer).then(|| view! { <p class="mb-2 text-sm text-slate-700" data-testid="employer-view">{t!(i18n, case_employer_view)}</p> })}
                <AnswerList item=d.item.clone() answers=d.answers.clone() />
            </section>

            <section aria-labelledby="case-files">
                <h2 id="case-files" class="mb-2 text-lg font-semibold">{t!(i18n, case_materials)}</h2>
                {if d.files.is_empty() {
                    view! { <p class="text-slate-700">{t!(i18n, case_no_files)}</p> }.into_any()
                } else {
                    let item = d.item.clone();
                    view! {
                        <ul class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm" data-testid="files">
                            {d.files.clone().into_iter().map(|f| {
                                let what = item.form.iter().find(|field| field.key == f.field_key).map(|field| field.label.clone());
                                view! {
                                    <li class="flex flex-wrap justify-between gap-2 px-4 py-2">
                                        <span class="text-slate-700">{move || match &what {
                                            Some(label) => label.get(i18n.get_locale()).to_string(),
                                            None => t_string!(i18n, case_supplement_files).to_string(),
                                        }}</span>
                                        <FileLink href=format!("/files/{}", f.id)>{f.name.clone()}</FileLink>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        </article>
    }
}

#[component]
fn ActionPanel(detail: CaseDetail, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let error = actions.error();
    let staff = detail.party == Party::Staff;
    let rateable = detail.party == Party::Applicant && detail.summary.state.may_be_rated();
    if detail.transitions.is_empty() && !staff && !rateable && detail.rating.is_none() {
        return None;
    }
    let id = detail.summary.id;
    let version = detail.summary.version;
    let max_yuan = detail
        .item
        .max_amount_fen
        .map(|fen| (fen / 100).to_string());
    let transitions = detail
        .transitions
        .iter()
        .copied()
        .filter(|t| !(*t == Transition::SignOff && detail.approved_by_me))
        .collect::<Vec<_>>();
    Some(view! {
        <section aria-labelledby="case-actions" class="flex flex-col gap-4 rounded-lg border border-blue-200 bg-blue-50 p-4 print:hidden" data-testid="actions">
            <h2 id="case-actions" class="text-lg font-semibold">{t!(i18n, case_actions)}</h2>
            <FormError error />
            {(staff && !detail.assigned_to_me && detail.summary.state.is_active()).then(|| view! {
                <ActionForm action=actions.claim>
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="version" value=version />
                    <button type="submit" disabled=move || actions.claim.pending().get() class=SECONDARY_BUTTON_CLASS data-testid="claim">{t!(i18n, case_claim)}</button>
                </ActionForm>
            })}
            {(detail.party == Party::Applicant && detail.summary.state == CaseState::SupplementRequested && !detail.supplement_asked.is_empty()).then(|| view! {
                <AskedChecklist case_id=id asked=detail.supplement_asked.clone() files=detail.files.clone() />
            })}
            {(detail.party == Party::Applicant && detail.summary.state == CaseState::SupplementRequested).then(|| view! {
                <UploadForm
                    case_id=id
                    field_key=SUPPLEMENT_KEY.to_string()
                    label=Signal::derive(move || t_string!(i18n, case_supplement_files).to_string())
                    files=detail.files.iter().filter(|f| f.field_key == SUPPLEMENT_KEY).cloned().collect()
                />
            })}
            {transitions.into_iter().map(|t| {
                let form_id = format!("act-{}", t.as_str());
                let reason_label = if t == Transition::Supply { t_string!(i18n, case_supply_text) } else { t_string!(i18n, case_reason) };
                let max_yuan = max_yuan.clone();
                let materials = detail.item.materials.clone();
                let second_supplement = detail.supplement_round > 0;
                let refuses = t.refuses();
                let form = view! {
                    <ActionForm action=actions.act attr:class="flex flex-col gap-2 rounded-md border border-slate-200 bg-white p-3" attr:data-transition=t.as_str()>
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="version" value=version />
                        <input type="hidden" name="transition" value=t.as_str() />
                        {(t == Transition::RequestSupplement).then(|| view! {
                            <MaterialPicker materials=materials.clone() second=second_supplement />
                        })}
                        {t.needs_reason().then(|| view! {
                            <label for=format!("{form_id}-reason") class="text-sm font-medium">{reason_label}</label>
                            <textarea id=format!("{form_id}-reason") name="reason" rows="3" class=TEXTAREA_CLASS></textarea>
                        })}
                        {(t == Transition::Approve && max_yuan.is_some()).then(|| view! {
                            <label for=format!("{form_id}-amount") class="text-sm font-medium">{t!(i18n, case_amount_yuan)}</label>
                            <input id=format!("{form_id}-amount") name="amount_yuan" inputmode="decimal" value=max_yuan.clone() class=INPUT_CLASS />
                        })}
                        {(t == Transition::Disburse).then(|| view! {
                            <label for=format!("{form_id}-reference") class="text-sm font-medium">{t!(i18n, case_reference_field)}</label>
                            <input id=format!("{form_id}-reference") name="reference" class=INPUT_CLASS />
                        })}
                        <div><button type="submit" disabled=move || actions.act.pending().get() class=if refuses { WARNING_BUTTON_CLASS } else { BUTTON_CLASS }
                            data-testid=format!("do-{}", t.as_str())>{move || transition_label(i18n, t)}</button></div>
                    </ActionForm>
                };
                // A decision that ends the case is a second step: opened on purpose, said
                // to be final, and styled apart from the decisions that go ahead.
                if refuses {
                    view! {
                        <details class="rounded-md border border-red-200 bg-red-50/40 p-3" data-testid=format!("confirm-{}", t.as_str())>
                            <summary class="cursor-pointer font-medium text-red-800">{move || transition_label(i18n, t)} "…"</summary>
                            <p class="my-2 text-sm text-slate-700">{t!(i18n, case_refusal_final)}</p>
                            {form}
                        </details>
                    }.into_any()
                } else {
                    form.into_any()
                }
            }).collect_view()}
            {(staff && detail.summary.state.is_active()).then(|| view! {
                <details class="rounded-md border border-slate-200 bg-white p-3">
                    <summary class="cursor-pointer font-medium">{t!(i18n, case_note)}</summary>
                    <ActionForm action=actions.note attr:class="mt-2 flex flex-col gap-2">
                        <input type="hidden" name="id" value=id />
                        <label for="note-text" class="sr-only">{t!(i18n, case_note)}</label>
                        <textarea id="note-text" name="text" rows="2" class=TEXTAREA_CLASS></textarea>
                        <div><button type="submit" disabled=move || actions.note.pending().get() class=SECONDARY_BUTTON_CLASS data-testid="add-note">{t!(i18n, case_note_add)}</button></div>
                    </ActionForm>
                </details>
            })}
            {staff.then(|| view! {
                <crate::extensions::pages::ExtensionControls
                    case_id=id
                    case_version=version
                    extensions=detail.extensions.clone()
                    open=detail.summary.due_on.is_some() && detail.summary.state.is_active() && !detail.summary.state.has_decision()
                    request=actions.extend
                    decide=actions.decide_extension
                />
            })}
            {match (rateable, detail.rating) {
                (_, Some(level)) => Some(view! {
                    <p data-testid="rated">{move || fill(t_string!(i18n, case_rated), &[&level_name(i18n, level)])}</p>
                    <SubScoreList scores=detail.rating_aspects />
                    // Shows itself only when the rating opened a follow-up.
                    <crate::followups::pages::FollowUpPanel about=crate::followups::model::Rated::Case(id) />
                }.into_any()),
                (true, None) => Some(view! {
                    <ActionForm action=actions.rate attr:class="flex flex-col gap-2 rounded-md border border-slate-200 bg-white p-3" attr:data-testid="rate-form">
                        <h3 class="font-semibold">{t!(i18n, case_rate_title)}</h3>
                        <input type="hidden" name="id" value=id />
                        <LevelChoice legend=Signal::derive(move || t_string!(i18n, case_rating).to_string()) />
                        <SubScoreChoice />
                        <label for="rate-comment" class="text-sm font-medium">{t!(i18n, case_rating_comment)}</label>
                        <textarea id="rate-comment" name="comment" rows="2" class=TEXTAREA_CLASS></textarea>
                        <div><button type="submit" disabled=move || actions.rate.pending().get() class=BUTTON_CLASS data-testid="rate">{t!(i18n, case_rate_submit)}</button></div>
                    </ActionForm>
                }.into_any()),
                (false, None) => None,
            }}
        </section>
    })
}

/// The staff's half of "tell everything once": every material of the item, to tick those
/// missing or wrong, each with a note the applicant reads; and for a second request, the
/// supervisor's reason for asking again.
#[component]
fn MaterialPicker(
    materials: Vec<crate::catalogue::model::Material>,
    second: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="flex flex-col gap-2" data-testid="material-picker">
            <legend class="text-sm font-medium">{t!(i18n, case_supplement_pick)}</legend>
            {materials.into_iter().enumerate().map(|(i, m)| {
                let name = m.name.clone();
                view! {
                    <div class="flex flex-col gap-1 rounded border border-slate-200 p-2">
                        <label class="flex items-center gap-2 text-sm">
                            <input type="checkbox" name=format!("supplement[missing][{i}]") value=i.to_string() />
                            {move || name.get(i18n.get_locale()).to_string()}
                        </label>
                        <label for=format!("supplement-note-{i}") class="sr-only">{t!(i18n, case_supplement_note)}</label>
                        <input id=format!("supplement-note-{i}") name=format!("supplement[notes][{i}]") maxlength="500"
                            placeholder=move || t_string!(i18n, case_supplement_note) class=INPUT_CLASS />
                    </div>
                }
            }).collect_view()}
            {second.then(|| view! {
                <p class="text-sm text-amber-900">{t!(i18n, case_supplement_second)}</p>
                <label for="supplement-approval" class="text-sm font-medium">{t!(i18n, case_supplement_approval)}</label>
                <textarea id="supplement-approval" name="supplement[approval]" rows="2" maxlength="500" class=TEXTAREA_CLASS></textarea>
            })}
        </fieldset>
    }
}

/// The applicant's half: what the office asks for, material by material, each with its
/// own upload.
#[component]
fn AskedChecklist(
    case_id: i64,
    asked: Vec<crate::cases::model::AskedMaterial>,
    files: Vec<crate::cases::model::CaseFile>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="asked-materials" class="flex flex-col gap-3 rounded-md border border-amber-300 bg-white p-3" data-testid="asked-materials">
            <h3 id="asked-materials" class="font-semibold">{t!(i18n, case_supplement_checklist)}</h3>
            {asked.into_iter().map(|a| {
                let name = a.name.clone();
                let label_name = a.name.clone();
                let mine: Vec<_> = files.iter().filter(|f| f.field_key == a.key).cloned().collect();
                view! {
                    <div class="flex flex-col gap-1" data-testid=format!("asked-{}", a.material)>
                        <p class="font-medium">{move || name.get(i18n.get_locale()).to_string()}</p>
                        <p class="whitespace-pre-line text-sm text-slate-800">{a.note.clone()}</p>
                        <UploadForm
                            case_id
                            field_key=a.key.clone()
                            label=Signal::derive(move || label_name.get(i18n.get_locale()).to_string())
                            files=mine
                        />
                    </div>
                }
            }).collect_view()}
        </section>
    }
}

/// Before acceptance: how long the office promises to take once it accepts, how soon it
/// normally accepts, and the date a case accepted today would be decided by.
#[component]
fn PromiseBeforeAcceptance(days: u32, due: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="rounded-md border border-blue-200 bg-blue-50 px-4 py-3 text-sm text-blue-950" data-testid="case-promise">
            {move || fill(t_string!(i18n, case_promise_before_acceptance), &[
                &days.to_string(),
                &crate::cases::model::ACCEPTANCE_WORKING_DAYS.to_string(),
                &due,
            ])}
        </p>
    }
}

/// `/cases/:id/receipt`: the application receipt on a page of its own, to print or keep
/// (the browser's print command works on it without JavaScript).
#[component]
pub fn ReceiptPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = leptos_router::hooks::use_params_map();
    let id = move || {
        params.with(|p| {
            p.get("id")
                .and_then(|id| id.parse::<i64>().ok())
                .unwrap_or(0)
        })
    };
    let case = Resource::new(id, load_case);
    view! {
        {page_title(move || with_site_name(t_string!(i18n, receipt_title).to_string(), i18n))}
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match case.await {
                    Err(e) => load_error(e),
                    Ok(d) if d.submitted_at.is_none() => view! { <crate::common::page::NotFound /> }.into_any(),
                    Ok(d) => view! { <Receipt d /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Receipt(d: CaseDetail) -> impl IntoView {
    let i18n = use_i18n();
    let item_name = StoredValue::new(d.item.name.clone());
    let department = StoredValue::new(d.item.department.clone());
    let row = |label: AnyView, value: AnyView| {
        view! {
            <tr>
                <th scope="row" class="w-44 bg-slate-50 px-3 py-2 text-left align-top font-medium text-slate-700">{label}</th>
                <td class="px-3 py-2">{value}</td>
            </tr>
        }
    };
    let days = d.item.time_limit_days;
    view! {
        <article class="mx-auto max-w-3xl" data-testid="receipt">
            <p class="text-sm print:hidden"><a class="text-blue-800 underline" href=format!("/cases/{}", d.summary.id)>{t!(i18n, receipt_back)}</a></p>
            <p class="mt-4 text-sm text-slate-600">{t!(i18n, site_name)}</p>
            <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, receipt_title)}</h1>
            <table class="mt-4 w-full border border-slate-200 bg-white text-sm">
                <tbody class="divide-y divide-slate-200">
                    {row(t!(i18n, receipt_number).into_any(), view! { <span class="font-mono" data-testid="receipt-number">{d.summary.number.clone().unwrap_or_default()}</span> }.into_any())}
                    {row(t!(i18n, receipt_item).into_any(), (move || item_name.with_value(|n| n.get(i18n.get_locale()).to_string())).into_any())}
                    {row(t!(i18n, receipt_applicant).into_any(), d.summary.applicant_name.clone().into_any())}
                    {row(t!(i18n, case_submitted_at).into_any(), d.submitted_at.map(datetime).unwrap_or_default().into_any())}
                    {row(t!(i18n, col_status).into_any(), view! { <StateBadge state=d.summary.state /> }.into_any())}
                    {row(t!(i18n, receipt_department).into_any(), (move || department.with_value(|n| n.get(i18n.get_locale()).to_string())).into_any())}
                    {row(t!(i18n, receipt_time_limit).into_any(), (move || fill(t_string!(i18n, guide_time_limit_value), &[&days.to_string()])).into_any())}
                    {match (d.summary.due_on.clone(), d.due_if_accepted_today.clone()) {
                        (Some(due), _) => Some(row(t!(i18n, case_due).into_any(), due.into_any())),
                        (None, Some(due)) => Some(row(t!(i18n, receipt_due_if_today).into_any(), due.into_any())),
                        (None, None) => None,
                    }}
                    {(!d.files.is_empty()).then(|| row(t!(i18n, receipt_materials).into_any(), view! {
                        <ul>{d.files.iter().map(|f| view! { <li>{f.name.clone()}</li> }).collect_view()}</ul>
                    }.into_any()))}
                </tbody>
            </table>
            <p class="mt-4 text-sm text-slate-700">{move || fill(t_string!(i18n, receipt_follow), &[&d.summary.number.clone().unwrap_or_default()])}</p>
            <p class="mt-4 print:hidden"><crate::forms::PrintButton label=Signal::derive(move || t_string!(i18n, receipt_print).to_string()) /></p>
        </article>
    }
}
