//! `/incubation` (public calls and incubated projects), `/incubation/teams` (a talent's
//! teams, invitations and applications), and the staff desk: `/staff/incubation` (calls),
//! `/staff/incubation/:id` (a call's ranking and decisions) and
//! `/staff/incubation/review/:id` (a panel member's score sheet).
use super::api::*;
use super::model::*;
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::format::{datetime, fill};
use crate::forms::*;
use crate::i18n::*;
use crate::links::FileLink;
use crate::markup::escapable_raw_text;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::use_params_map;

const INPUT: &str = "w-full min-w-0 rounded-md border border-slate-400 bg-white px-3 py-2";
const CARD: &str = "flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4";

fn stage_label(i18n: I18nContext<Locale>, stage: Stage) -> String {
    match stage {
        Stage::Idea => t_string!(i18n, stage_idea),
        Stage::Prototype => t_string!(i18n, stage_prototype),
        Stage::Revenue => t_string!(i18n, stage_revenue),
        Stage::Growth => t_string!(i18n, stage_growth),
    }
    .to_string()
}

fn state_label(i18n: I18nContext<Locale>, state: &str) -> String {
    match state {
        "admitted" => t_string!(i18n, incubation_state_admitted),
        "waitlisted" => t_string!(i18n, incubation_state_waitlisted),
        "declined" => t_string!(i18n, incubation_state_declined),
        _ => t_string!(i18n, incubation_state_submitted),
    }
    .to_string()
}

fn member_label(i18n: I18nContext<Locale>, state: &str) -> String {
    match state {
        "lead" => t_string!(i18n, teams_state_lead),
        "accepted" => t_string!(i18n, teams_state_accepted),
        "declined" => t_string!(i18n, teams_state_declined),
        _ => t_string!(i18n, teams_state_invited),
    }
    .to_string()
}

/// The public page: calls with their criteria, and the incubated projects.
#[component]
pub fn IncubationPage() -> impl IntoView {
    let i18n = use_i18n();
    let calls = Resource::new(|| (), |_| load_calls());
    let projects = Resource::new(|| (), |_| load_incubated());
    view! {
        {page_title(move || with_site_name(t_string!(i18n, incubation_title).to_string(), i18n))}
        <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, incubation_title)}</h1>
        <p class="mt-1 mb-4 text-slate-700">{t!(i18n, incubation_lead)} " "
            <a class="text-blue-800 underline" href="/incubation/teams">{t!(i18n, incubation_my_teams)}</a></p>
        <h2 class="mb-2 text-xl font-semibold">{t!(i18n, incubation_calls)}</h2>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match calls.await {
                    Err(e) => load_error(e),
                    Ok(c) if c.is_empty() => view! { <p>{t!(i18n, incubation_no_calls)}</p> }.into_any(),
                    Ok(c) => view! {
                        <ul class="mb-6 flex flex-col gap-3" data-testid="calls">
                            {c.into_iter().map(|call| {
                                let (title, description) = (call.title.clone(), call.description.clone());
                                view! {
                                    <li class=CARD>
                                        <h3 class="text-lg font-semibold">{move || title.get(i18n.get_locale()).to_string()}</h3>
                                        <p class="text-sm">{if call.open {
                                            fill(t_string!(i18n, incubation_closes), &[&datetime(call.closes_at)])
                                        } else {
                                            t_string!(i18n, incubation_closed).to_string()
                                        }}</p>
                                        <p class="whitespace-pre-line">{move || description.get(i18n.get_locale()).to_string()}</p>
                                        <p class="text-sm text-slate-700">{t!(i18n, incubation_criteria)} ": "
                                            {call.criteria.iter().map(|c| {
                                                let name = c.name.clone();
                                                let weight = c.weight;
                                                move || format!("{} ({weight}%) ", name.get(i18n.get_locale()))
                                            }).collect_view()}
                                        </p>
                                        {call.on_panel.then(|| view! {
                                            <p><a class="text-blue-800 underline" href=format!("/staff/incubation/{}", call.id)>{t!(i18n, incubation_ranking)}</a></p>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }
            })}
        </Suspense>
        <h2 class="mb-2 text-xl font-semibold">{t!(i18n, incubation_projects)}</h2>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match projects.await {
                    Err(e) => load_error(e),
                    Ok(p) if p.is_empty() => view! { <p>{t!(i18n, incubation_no_projects)}</p> }.into_any(),
                    Ok(p) => view! {
                        <ul class="grid gap-3 sm:grid-cols-2" data-testid="incubated">
                            {p.into_iter().map(|p| {
                                let call = p.call_title.clone();
                                view! {
                                    <li class=CARD>
                                        <h3 class="font-semibold">{p.project_name.clone()}</h3>
                                        <p class="text-sm text-slate-700">{p.team_name.clone()} " · " {move || stage_label(i18n, p.stage)}</p>
                                        <p class="text-sm text-slate-600">{move || call.get(i18n.get_locale()).to_string()}</p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The shared rule for team names, as `Field` runs it when the field is left.
fn check_team_name(value: &str) -> Result<(), crate::error::FieldError> {
    normalize_team_name(value).map(|_| ())
}

/// A talent's teams: invitations to answer, members, invitations to send, applications
/// with their state and business plan, and the forms to start a team and apply.
#[component]
pub fn TeamsPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateTeam>::new();
    crate::notice::announce_on_success(create.value(), crate::notice::Done::TeamCreated);
    let create_form = NodeRef::<leptos::html::Form>::new();
    crate::forms::reset_after_success(create_form, create.value());
    let plan_sent = crate::forms::SentOnce::new();
    let invite = ServerAction::<InviteMember>::new();
    crate::notice::announce_on_success(invite.value(), crate::notice::Done::MemberInvited);
    let respond = ServerAction::<RespondInvitation>::new();
    crate::notice::announce_on_success(respond.value(), crate::notice::Done::InvitationAnswered);
    let apply = ServerAction::<ApplyToCall>::new();
    crate::notice::announce_on_success(apply.value(), crate::notice::Done::CallApplied);
    let teams = Resource::new(
        move || {
            (
                create.version().get(),
                invite.version().get(),
                respond.version().get(),
                apply.version().get(),
            )
        },
        |_| load_my_teams(),
    );
    let calls = Resource::new(|| (), |_| load_calls());
    let create_error = last_error(create.value());
    let invite_error = last_error(invite.value());
    let apply_error = last_error(apply.value());
    view! {
        {page_title(move || with_site_name(t_string!(i18n, teams_title).to_string(), i18n))}
        <p class="mb-2 text-sm"><a class="text-blue-800 underline" href="/incubation">{t!(i18n, incubation_title)}</a></p>
        <h1 class="mb-4 text-2xl font-bold text-slate-900">{t!(i18n, teams_title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                let mine = match teams.await {
                    Ok(m) => m,
                    Err(e) => return load_error(e),
                };
                let open_calls: Vec<CallSummary> = calls.await.unwrap_or_default().into_iter().filter(|c| c.open).collect();
                let pending = mine.invitations.clone();
                let invitations = (!pending.is_empty()).then(move || view! {
                    <section class=format!("{CARD} mb-4 border-amber-300 bg-amber-50") data-testid="invitations">
                        <h2 class="text-lg font-semibold">{t!(i18n, teams_invitations)}</h2>
                        {pending.into_iter().map(|inv| view! {
                            <div class="flex flex-wrap items-center gap-3">
                                <p data-testid="invitation">{fill(t_string!(i18n, teams_invited_by), &[&inv.lead_name, &inv.team_name])}</p>
                                <ActionForm action=respond>
                                    <input type="hidden" name="member" value=inv.member_id />
                                    <input type="hidden" name="accept" value="true" />
                                    <button type="submit" disabled=move || respond.pending().get() class=BUTTON_CLASS data-testid="accept-invitation">{t!(i18n, teams_accept)}</button>
                                </ActionForm>
                                <ActionForm action=respond>
                                    <input type="hidden" name="member" value=inv.member_id />
                                    <input type="hidden" name="accept" value="false" />
                                    <button type="submit" disabled=move || respond.pending().get() class=SECONDARY_BUTTON_CLASS>{t!(i18n, teams_decline)}</button>
                                </ActionForm>
                            </div>
                        }).collect_view()}
                    </section>
                });
                let teams_view = if mine.teams.is_empty() {
                    view! { <p class="mb-4">{t!(i18n, teams_none)}</p> }.into_any()
                } else {
                    mine.teams.into_iter().map(|team| {
                        let calls = open_calls.clone();
                        let team_id = team.id;
                        view! {
                            <section class=format!("{CARD} mb-4") data-testid="team">
                                <h2 class="text-lg font-semibold">{team.name.clone()}</h2>
                                <h3 class="font-medium">{t!(i18n, teams_members)}</h3>
                                <ul data-testid="members">
                                    {team.members.iter().map(|m| {
                                        let state = m.state.clone();
                                        view! { <li>{m.name.clone().unwrap_or_else(|| m.login.clone())} " · " {move || member_label(i18n, &state)}</li> }
                                    }).collect_view()}
                                </ul>
                                {team.lead.then(|| view! {
                                    <ActionForm action=invite attr:class="flex flex-wrap items-end gap-2">
                                        <input type="hidden" name="team" value=team_id />
                                        <div class="flex min-w-0 flex-1 flex-col gap-1">
                                            <label for=format!("invite-{team_id}") class="text-sm font-medium">{t!(i18n, teams_invite_login)}</label>
                                            <input id=format!("invite-{team_id}") name="login" class=INPUT autocomplete="off" />
                                        </div>
                                        <button type="submit" disabled=move || invite.pending().get() class=SECONDARY_BUTTON_CLASS data-testid="invite">{t!(i18n, teams_invite)}</button>
                                    </ActionForm>
                                    <FormError error=invite_error />
                                })}
                                {(!team.applications.is_empty()).then(|| view! {
                                    <h3 class="font-medium">{t!(i18n, teams_applications)}</h3>
                                    <ul class="flex flex-col gap-2" data-testid="applications">
                                        {team.applications.iter().map(|a| {
                                            let (title, state, lead) = (a.call_title.clone(), a.state.clone(), team.lead);
                                            let open = a.state == "submitted";
                                            view! {
                                                <li class="rounded border border-slate-200 p-2">
                                                    <p><span class="font-medium">{a.project_name.clone()}</span> " · " {move || title.get(i18n.get_locale()).to_string()}</p>
                                                    <p data-testid="application-state">{move || state_label(i18n, &state)} {(!a.reason.is_empty()).then(|| format!(" — {}", a.reason))}</p>
                                                    {a.plan.clone().map(|name| view! {
                                                        <p><FileLink href=format!("/files/plan/{}", a.id)>{name}</FileLink></p>
                                                    })}
                                                    {(lead && open).then(|| view! {
                                                        <form method="post" enctype="multipart/form-data" action=format!("/incubation/applications/{}/plan", a.id)
                                                            on:submit=plan_sent.on_submit() class="mt-1 flex flex-wrap items-end gap-2">
                                                            <label class="flex flex-col text-sm">{t!(i18n, teams_plan)}
                                                                <input type="file" name="file" accept="application/pdf" required /></label>
                                                            <button type="submit" disabled=move || plan_sent.sending() class=SECONDARY_BUTTON_CLASS data-testid="plan-upload">{t!(i18n, teams_plan_upload)}</button>
                                                        </form>
                                                    })}
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                })}
                                {(team.lead && !calls.is_empty()).then(|| view! {
                                    <details class="rounded border border-slate-200 p-3">
                                        <summary class="cursor-pointer font-medium">{t!(i18n, teams_apply)}</summary>
                                        <ActionForm action=apply attr:class="mt-3 grid gap-3 sm:grid-cols-2" attr:data-testid="apply-form">
                                            <input type="hidden" name="draft[team]" value=team_id />
                                            <div class="flex flex-col gap-1">
                                                <label for=format!("call-{team_id}") class="text-sm font-medium">{t!(i18n, teams_call)}</label>
                                                <select id=format!("call-{team_id}") name="draft[call]" class=INPUT>
                                                    {calls.iter().map(|c| {
                                                        let title = c.title.clone();
                                                        view! { <option value=c.id>{move || title.get(i18n.get_locale()).to_string()}</option> }
                                                    }).collect_view()}
                                                </select>
                                            </div>
                                            <Field name="draft[project_name]" label=Signal::derive(move || t_string!(i18n, teams_project).to_string()) error=apply_error />
                                            <Field name="draft[industry]" label=Signal::derive(move || t_string!(i18n, teams_industry).to_string()) error=apply_error />
                                            <div class="flex flex-col gap-1">
                                                <label for=format!("stage-{team_id}") class="text-sm font-medium">{t!(i18n, teams_stage)}</label>
                                                <select id=format!("stage-{team_id}") name="draft[stage]" class=INPUT>
                                                    {Stage::ALL.into_iter().map(|s| view! { <option value=s.as_str()>{move || stage_label(i18n, s)}</option> }).collect_view()}
                                                </select>
                                            </div>
                                            <Field name="draft[funding]" label=Signal::derive(move || t_string!(i18n, teams_funding).to_string()) error=apply_error />
                                            <div class="flex flex-col gap-1 sm:col-span-2">
                                                <label for=format!("summary-{team_id}") class="text-sm font-medium">{t!(i18n, teams_summary)}</label>
                                                <textarea id=format!("summary-{team_id}") name="draft[summary]" rows="4" class=INPUT></textarea>
                                            </div>
                                            <label class="flex items-center gap-2 sm:col-span-2">
                                                <input type="checkbox" name="draft[public_consent]" value="on" />
                                                {t!(i18n, teams_consent)}
                                            </label>
                                            <div class="flex flex-col gap-2 sm:col-span-2">
                                                <FormError error=apply_error fields=&["draft[project_name]", "draft[industry]", "draft[funding]"] />
                                                <div><button type="submit" disabled=move || apply.pending().get() class=BUTTON_CLASS data-testid="apply-submit">{t!(i18n, teams_submit)}</button></div>
                                            </div>
                                        </ActionForm>
                                    </details>
                                })}
                            </section>
                        }
                    }).collect_view().into_any()
                };
                view! { {invitations} {teams_view} }.into_any()
            })}
        </Suspense>
        <ActionForm action=create node_ref=create_form attr:class=format!("{CARD} max-w-xl") attr:data-testid="create-team">
            <h2 class="text-lg font-semibold">{t!(i18n, teams_create)}</h2>
            <Field name="name" label=Signal::derive(move || t_string!(i18n, teams_name).to_string()) error=create_error check=check_team_name />
            <FormError error=create_error fields=&["name"] />
            <div><button type="submit" disabled=move || create.pending().get() class=BUTTON_CLASS data-testid="create-team-submit">{t!(i18n, teams_create)}</button></div>
        </ActionForm>
    }
}

/// Staff: open a call (criteria with weights, the panel) and find each call's ranking.
#[component]
pub fn IncubationDeskPage() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveCall>::new();
    crate::notice::announce_on_success(save.value(), crate::notice::Done::CallSaved);
    let call_form = NodeRef::<leptos::html::Form>::new();
    crate::forms::reset_after_success(call_form, save.value());
    let calls = Resource::new(move || save.version().get(), |_| load_calls());
    let error = last_error(save.value());
    view! {
        {page_title(move || with_site_name(t_string!(i18n, incubation_desk_title).to_string(), i18n))}
        <h1 class="mb-4 text-2xl font-bold text-slate-900">{t!(i18n, incubation_desk_title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match calls.await {
                    Err(e) => load_error(e),
                    Ok(c) => view! {
                        <ul class="mb-6 flex flex-col gap-2" data-testid="desk-calls">
                            {c.into_iter().map(|call| {
                                let title = call.title.clone();
                                view! {
                                    <li><a class="text-blue-800 underline" href=format!("/staff/incubation/{}", call.id)>{move || title.get(i18n.get_locale()).to_string()}</a>
                                        " · " {datetime(call.closes_at)} " · "
                                        {fill(t_string!(i18n, incubation_counts), &[&call.applications.to_string(), &call.decided.to_string()])}</li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }
            })}
        </Suspense>
        <ActionForm action=save node_ref=call_form attr:class=format!("{CARD} max-w-3xl") attr:data-testid="call-form">
            <h2 class="text-lg font-semibold">{t!(i18n, incubation_new_call)}</h2>
            <CallFields initial=CallDraft::default() scored=Vec::new() error prefix="call" criteria=true />
            <div><button type="submit" disabled=move || save.pending().get() class=BUTTON_CLASS data-testid="call-save">{t!(i18n, incubation_save_call)}</button></div>
        </ActionForm>
    }
}

/// A call's texts, closing time, (when opening) criteria, and panel: blank for a new call,
/// filled in for a change. Panel members who have scored are marked: they must stay.
#[component]
fn CallFields(
    initial: CallDraft,
    scored: Vec<i64>,
    error: Signal<Option<crate::error::AppError>>,
    /// Keeps element ids unique.
    prefix: &'static str,
    criteria: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let candidates = Resource::new(|| (), |_| load_panel_candidates());
    let value = |text: &str| {
        let text = text.to_string();
        Signal::derive(move || text.clone())
    };
    let reviewers = initial.reviewers.clone();
    view! {
        <div class="grid gap-3 sm:grid-cols-2">
            <Field name="draft[title_zh]" value=value(&initial.title_zh) label=Signal::derive(move || t_string!(i18n, incubation_call_title_zh).to_string()) error=error />
            <Field name="draft[title_en]" value=value(&initial.title_en) label=Signal::derive(move || t_string!(i18n, incubation_call_title_en).to_string()) error=error />
            <div class="flex flex-col gap-1">
                <label for=format!("{prefix}-description-zh") class="text-sm font-medium">{t!(i18n, incubation_call_description_zh)}</label>
                <textarea id=format!("{prefix}-description-zh") name="draft[description_zh]" rows="3" class=INPUT>{escapable_raw_text(initial.description_zh.clone())}</textarea>
            </div>
            <div class="flex flex-col gap-1">
                <label for=format!("{prefix}-description-en") class="text-sm font-medium">{t!(i18n, incubation_call_description_en)}</label>
                <textarea id=format!("{prefix}-description-en") name="draft[description_en]" rows="3" class=INPUT>{escapable_raw_text(initial.description_en.clone())}</textarea>
            </div>
            <Field name="draft[closes]" kind="datetime-local" value=value(&initial.closes) label=Signal::derive(move || t_string!(i18n, incubation_call_closes).to_string()) error=error />
        </div>
        {criteria.then(|| view! {
            <fieldset class="flex flex-col gap-2">
                <legend class="font-medium">{t!(i18n, incubation_criteria)}</legend>
                {(0..4).map(|n| view! {
                    <div class="grid gap-2 sm:grid-cols-[1fr_1fr_8rem]">
                        <label class="flex flex-col text-sm">{move || format!("{} · {}", fill(t_string!(i18n, incubation_criterion), &[&(n + 1).to_string()]), t_string!(i18n, incubation_criterion_zh))}
                            <input name=format!("draft[criteria][{n}][name_zh]") class=INPUT /></label>
                        <label class="flex flex-col text-sm">{move || format!("{} · {}", fill(t_string!(i18n, incubation_criterion), &[&(n + 1).to_string()]), t_string!(i18n, incubation_criterion_en))}
                            <input name=format!("draft[criteria][{n}][name_en]") class=INPUT /></label>
                        <label class="flex flex-col text-sm">{move || format!("{} · {}", fill(t_string!(i18n, incubation_criterion), &[&(n + 1).to_string()]), t_string!(i18n, incubation_weight))}
                            <input name=format!("draft[criteria][{n}][weight]") type="number" min="0" max="100" class=INPUT /></label>
                    </div>
                }).collect_view()}
            </fieldset>
        })}
        <fieldset class="flex flex-col gap-1">
            <legend class="font-medium">{t!(i18n, incubation_panel)}</legend>
            <Suspense>
                {move || {
                    let (reviewers, scored) = (reviewers.clone(), scored.clone());
                    Suspend::new(async move {
                        candidates.await.unwrap_or_default().into_iter().enumerate().map(|(n, c)| {
                            let has_scored = scored.contains(&c.id);
                            view! {
                                <label class="flex items-center gap-2">
                                    <input type="checkbox" name=format!("draft[reviewers][{n}]") value=c.id checked=reviewers.contains(&c.id) />
                                    {c.name}
                                    {has_scored.then(|| view! { <span class="text-sm text-slate-700">"(" {t!(i18n, incubation_has_scored)} ")"</span> })}
                                </label>
                            }
                        }).collect_view()
                    })
                }}
            </Suspense>
        </fieldset>
        <FormError error fields=&["draft[title_zh]", "draft[title_en]", "draft[closes]"] />
    }
}

/// Staff change a call's texts, closing time and panel.
#[component]
fn CallChange(call: i64) -> impl IntoView {
    let i18n = use_i18n();
    let change = ServerAction::<UpdateCall>::new();
    crate::notice::announce_on_success(change.value(), crate::notice::Done::CallChanged);
    let settings = Resource::new(
        move || change.version().get(),
        move |_| load_call_settings(call),
    );
    let error = last_error(change.value());
    view! {
        <details class=format!("{CARD} mb-4 max-w-3xl") data-testid="call-change">
            <summary class="cursor-pointer font-semibold">{t!(i18n, incubation_change_call)}</summary>
            <p class="text-sm text-slate-700">{t!(i18n, incubation_change_call_note)}</p>
            <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match settings.await {
                        Err(_) => ().into_any(),
                        Ok(s) => view! {
                            <ActionForm action=change attr:class="flex flex-col gap-3">
                                <input type="hidden" name="call" value=s.id />
                                <input type="hidden" name="version" value=s.version />
                                <CallFields initial=s.draft scored=s.scored error prefix="change" criteria=false />
                                <div><button type="submit" disabled=move || change.pending().get() class=BUTTON_CLASS data-testid="call-change-save">{t!(i18n, incubation_save_call)}</button></div>
                            </ActionForm>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </details>
    }
}

/// Staff: a call's applications ranked by average weighted score, with the way to score
/// (panel members) and to decide.
#[component]
pub fn RankingPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let call =
        move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let decide = ServerAction::<DecideApplication>::new();
    crate::notice::announce_on_success(decide.value(), crate::notice::Done::TeamDecided);
    let ranking = Resource::new(
        move || (call(), decide.version().get()),
        |(c, _)| load_ranking(c),
    );
    let error = last_error(decide.value());
    view! {
        {page_title(move || with_site_name(t_string!(i18n, incubation_ranking).to_string(), i18n))}
        <p class="mb-2 text-sm"><a class="text-blue-800 underline" href="/staff/incubation">{t!(i18n, incubation_desk_title)}</a></p>
        <h1 class="mb-4 text-2xl font-bold text-slate-900">{t!(i18n, incubation_ranking)}</h1>
        <p class="mb-3">
            {move || view! {
                <crate::exports::pages::ExportLink href=format!("/staff/exports/applications.csv?call={}", call())
                    label=t_string!(i18n, incubation_export).to_string() testid="applications-export" />
            }}
        </p>
        {move || view! { <CallChange call=call() /> }}
        <FormError error />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                let rows = match ranking.await {
                    Ok(r) => r,
                    Err(e) => return load_error(e),
                };
                view! {
                    <ol class="flex flex-col gap-3" data-testid="ranking">
                        {rows.into_iter().map(|r| {
                            let state = r.state.clone();
                            view! {
                                <li class=CARD data-testid="ranked">
                                    <p class="font-semibold">{r.project_name.clone()} " · " {r.team_name.clone()}</p>
                                    <p>{t!(i18n, incubation_average)} ": "
                                        <span data-testid="average">{r.average.map(|a| format!("{a:.2}")).unwrap_or_else(|| "—".into())}</span>
                                        " · " {t!(i18n, incubation_sheets)} ": " {r.sheets}
                                        " · " {move || state_label(i18n, &state)}</p>
                                    {r.to_score.then(|| view! {
                                        <p><a class="text-blue-800 underline" href=format!("/staff/incubation/review/{}", r.application_id) data-testid="score-link">{t!(i18n, incubation_score)}</a></p>
                                    })}
                                    <ActionForm action=decide attr:class="flex flex-wrap items-end gap-2">
                                        <input type="hidden" name="application" value=r.application_id />
                                        <input type="hidden" name="version" value=r.version />
                                        <label class="flex flex-col text-sm">{t!(i18n, incubation_decision)}
                                            <select name="decision" class=INPUT>
                                                {Decision::ALL.into_iter().map(|d| view! { <option value=d.as_str()>{move || state_label(i18n, d.as_str())}</option> }).collect_view()}
                                            </select></label>
                                        <label class="flex min-w-0 flex-1 flex-col text-sm">{t!(i18n, incubation_reason)}
                                            <input name="reason" class=INPUT /></label>
                                        <button type="submit" disabled=move || decide.pending().get() class=SECONDARY_BUTTON_CLASS data-testid="decide">{t!(i18n, incubation_decide)}</button>
                                    </ActionForm>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            })}
        </Suspense>
    }
}

/// A panel member's score sheet; the others' sheets appear once theirs is in.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let application =
        move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let submit = ServerAction::<SubmitScores>::new();
    crate::notice::announce_on_success(submit.value(), crate::notice::Done::ScoresSent);
    let review = Resource::new(
        move || (application(), submit.version().get()),
        |(a, _)| load_review(a),
    );
    let error = last_error(submit.value());
    let sheet = move |s: Sheet| {
        view! {
            <li>{s.reviewer.clone()} ": " {s.scores.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(" / ")}
                " (" {fill(t_string!(i18n, review_weighted), &[&format!("{:.2}", s.weighted)])} ") " {s.comment.clone()}</li>
        }
    };
    view! {
        {page_title(move || with_site_name(t_string!(i18n, review_title).to_string(), i18n))}
        <h1 class="mb-4 text-2xl font-bold text-slate-900">{t!(i18n, review_title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                let r = match review.await {
                    Ok(r) => r,
                    Err(e @ crate::error::AppError::Invalid { .. }) => return view! {
                        <p class="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-800" role="alert">{error_text(i18n, e.message_key())}</p>
                    }.into_any(),
                    Err(e) => return load_error(e),
                };
                let id = r.application_id;
                view! {
                    <section class=format!("{CARD} mb-4 max-w-3xl")>
                        <h2 class="text-lg font-semibold">{r.project_name.clone()} " · " {r.team_name.clone()}</h2>
                        <p class="whitespace-pre-line">{r.summary.clone()}</p>
                        <p><FileLink href=format!("/files/plan/{id}")>{t!(i18n, teams_plan)}</FileLink></p>
                    </section>
                    {match r.mine.clone() {
                        Some(mine) => view! {
                            <section class=format!("{CARD} max-w-3xl") data-testid="my-sheet">
                                <p class="font-semibold">{fill(t_string!(i18n, review_mine), &[&format!("{:.2}", mine.weighted)])}</p>
                                <h2 class="font-semibold">{t!(i18n, review_others)}</h2>
                                <ul data-testid="other-sheets">{r.others.into_iter().map(sheet).collect_view()}</ul>
                            </section>
                        }.into_any(),
                        None => view! {
                            <ActionForm action=submit attr:class=format!("{CARD} max-w-3xl") attr:data-testid="score-form">
                                <input type="hidden" name="application" value=id />
                                {r.criteria.iter().enumerate().map(|(n, c)| {
                                    let name = c.name.clone();
                                    let weight = c.weight;
                                    view! {
                                        <label class="flex flex-col text-sm">
                                            {move || format!("{} ({weight}%) · {}", name.get(i18n.get_locale()), t_string!(i18n, review_score))}
                                            <input name=format!("scores[{n}]") type="number" min="0" max="10" step="1" required class=INPUT />
                                        </label>
                                    }
                                }).collect_view()}
                                <label class="flex flex-col text-sm">{t!(i18n, review_comment)}
                                    <textarea name="comment" rows="2" class=INPUT></textarea></label>
                                <p class="text-sm text-slate-600">{t!(i18n, review_others_hidden)}</p>
                                <FormError error />
                                <div><button type="submit" disabled=move || submit.pending().get() class=BUTTON_CLASS data-testid="score-submit">{t!(i18n, review_submit)}</button></div>
                            </ActionForm>
                        }.into_any(),
                    }}
                }.into_any()
            })}
        </Suspense>
    }
}
