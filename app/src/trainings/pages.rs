//! The course schedule and progress on a training's page, the staff's session list and
//! session choice at check-in, the printable certificate (`/certificates/:number`) and
//! the public verification page (`/certificates`).
use super::api::{AddSession, RemoveSession, load_training, verify_certificate};
use super::model::*;
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::format::{clock_ms, datetime, fill};
use crate::forms::*;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

const INPUT: &str = "w-full min-w-0 rounded-md border border-slate-400 bg-white px-3 py-2";

fn session_time(s: &TrainingSession) -> String {
    let (a, b) = (datetime(s.starts_at), datetime(s.ends_at));
    let end = if a[..10] == b[..10] {
        b[11..].to_string()
    } else {
        b
    };
    format!("{a} – {end}")
}

/// The course's sessions on its page; a registrant sees which they attended, how many
/// are needed, and the certificate once earned.
#[component]
pub fn TrainingBox(event_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let plan = Resource::new(|| (), move |_| load_training(event_id));
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let Ok(p) = plan.await else { return ().into_any() };
                view! {
                    <section class="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="sessions-title" data-testid="training">
                        <h2 id="sessions-title" class="text-lg font-semibold">{t!(i18n, training_sessions)}</h2>
                        {(p.sessions_required > 0).then(|| view! {
                            <p>{fill(t_string!(i18n, training_required), &[&p.sessions_required.to_string()])}</p>
                        })}
                        {if p.sessions.is_empty() {
                            view! { <p>{t!(i18n, training_no_sessions)}</p> }.into_any()
                        } else {
                            view! {
                                <ol class="flex flex-col gap-1">
                                    {p.sessions.iter().map(|s| view! {
                                        <li>
                                            {session_time(s)} " " {s.topic.clone()}
                                            {s.attended.then(|| view! { " " <span class="font-semibold text-green-800">{t!(i18n, training_attended)}</span> })}
                                        </li>
                                    }).collect_view()}
                                </ol>
                            }.into_any()
                        }}
                        {p.attended.map(|n| view! {
                            <p data-testid="training-progress">{fill(t_string!(i18n, training_progress), &[&n.to_string(), &p.sessions_required.to_string()])}</p>
                        })}
                        {p.certificate.clone().map(|number| view! {
                            <p class="font-semibold text-green-800">
                                <a class="underline" href=format!("/certificates/{number}") data-testid="certificate-link">{t!(i18n, training_certificate_link)}</a>
                            </p>
                        })}
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

/// For the check-in form of a course: which session people are arriving for (the one
/// under way, else the next). Nothing for events without sessions.
#[component]
pub fn SessionChoice(event_id: Signal<i64>, version: Signal<usize>) -> impl IntoView {
    let i18n = use_i18n();
    let plan = Resource::new(
        move || (event_id.get(), version.get()),
        |(id, _)| load_training(id),
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let p = match plan.await {
                    Ok(p) if !p.sessions.is_empty() => p,
                    _ => return ().into_any(),
                };
                let now = clock_ms();
                let current = p.sessions.iter().find(|s| s.ends_at >= now).or(p.sessions.last()).map(|s| s.id);
                view! {
                    <label for="checkin-session" class="font-medium">{t!(i18n, training_session)}</label>
                    <select id="checkin-session" name="session" class=INPUT>
                        {p.sessions.iter().map(|s| view! {
                            <option value=s.id selected=Some(s.id) == current>
                                {format!("{} {} ({})", session_time(s), s.topic, s.attendance)}
                            </option>
                        }).collect_view()}
                    </select>
                }.into_any()
            })}
        </Suspense>
    }
}

/// Staff: the course's sessions with attendance, adding and removing them.
#[component]
pub fn SessionsPanel(event_id: i64, version: Signal<usize>) -> impl IntoView {
    let i18n = use_i18n();
    let add = ServerAction::<AddSession>::new();
    crate::notice::announce_on_success(add.value(), crate::notice::Done::SessionAdded);
    let session_form = NodeRef::<leptos::html::Form>::new();
    crate::forms::reset_after_success(session_form, add.value());
    let remove = ServerAction::<RemoveSession>::new();
    crate::notice::announce_on_success(remove.value(), crate::notice::Done::SessionRemoved);
    let plan = Resource::new(
        move || (add.version().get(), remove.version().get(), version.get()),
        move |_| load_training(event_id),
    );
    let add_error = last_error(add.value());
    let remove_error = last_error(remove.value());
    view! {
        <section class="mb-6 flex max-w-3xl flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="sessions-admin" data-testid="sessions-panel">
            <h2 id="sessions-admin" class="text-lg font-semibold">{t!(i18n, training_sessions)}</h2>
            <Suspense>
                {move || Suspend::new(async move {
                    let Ok(p) = plan.await else { return ().into_any() };
                    view! {
                        <p>{fill(t_string!(i18n, training_required), &[&p.sessions_required.to_string()])}</p>
                        <ul class="flex flex-col gap-1">
                            {p.sessions.into_iter().map(|s| view! {
                                <li class="flex flex-wrap items-center gap-3">
                                    <span>{session_time(&s)} " " {s.topic.clone()} " · " {fill(t_string!(i18n, training_attendance), &[&s.attendance.to_string()])}</span>
                                    {(s.attendance == 0).then(|| view! {
                                        <ActionForm action=remove>
                                            <input type="hidden" name="session" value=s.id />
                                            <button type="submit" disabled=move || remove.pending().get() class=SECONDARY_BUTTON_CLASS>{t!(i18n, training_remove)}</button>
                                        </ActionForm>
                                    })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                })}
            </Suspense>
            <FormError error=remove_error />
            <ActionForm action=add node_ref=session_form attr:class="grid gap-3 sm:grid-cols-3" attr:data-testid="session-form">
                <input type="hidden" name="draft[event]" value=event_id />
                <Field name="draft[starts]" label=Signal::derive(move || t_string!(i18n, event_starts).to_string()) kind="datetime-local" error=add_error />
                <Field name="draft[ends]" label=Signal::derive(move || t_string!(i18n, event_ends).to_string()) kind="datetime-local" error=add_error />
                <Field name="draft[topic]" label=Signal::derive(move || t_string!(i18n, training_topic).to_string()) error=add_error />
                <div class="sm:col-span-3 flex flex-col gap-2">
                    <FormError error=add_error fields=&["draft[starts]", "draft[ends]", "draft[topic]"] />
                    <div><button type="submit" disabled=move || add.pending().get() class=BUTTON_CLASS data-testid="session-add">{t!(i18n, training_add_session)}</button></div>
                </div>
            </ActionForm>
        </section>
    }
}

/// The printable certificate: anyone with the number sees it.
#[component]
pub fn CertificatePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let number = move || params.with(|p| p.get("number").unwrap_or_default());
    let certificate = Resource::new(number, verify_certificate);
    view! {
        {page_title(move || with_site_name(t_string!(i18n, certificate_title).to_string(), i18n))}
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match certificate.await {
                    Err(e) => load_error(e),
                    Ok(c) => {
                        let title = c.title.clone();
                        view! {
                            <article class="mx-auto flex max-w-2xl flex-col items-center gap-4 rounded-lg border-4 border-double border-amber-700 bg-white p-8 text-center" data-testid="certificate">
                                <p class="text-sm tracking-widest text-slate-600">{t!(i18n, site_name)}</p>
                                <h1 class="text-3xl font-bold text-slate-900">{t!(i18n, certificate_title)}</h1>
                                <p class="text-2xl font-semibold" data-testid="certificate-holder">{c.holder_name.clone()}</p>
                                <p>{move || fill(t_string!(i18n, certificate_text), &[title.get(i18n.get_locale()), &c.sessions.to_string()])}</p>
                                <p class="text-slate-700">{datetime(c.course_starts_at)[..10].to_string()} " – " {datetime(c.course_ends_at)[..10].to_string()}</p>
                                <p class="text-slate-700">{fill(t_string!(i18n, certificate_issued), &[&datetime(c.issued_at)[..10]])}</p>
                                <p class="font-mono" data-testid="certificate-number">{c.number.clone()}</p>
                                <p class="text-sm text-slate-600">{t!(i18n, certificate_verify_note)}</p>
                            </article>
                            <p class="mt-4 text-center print:hidden">
                                <PrintButton label=Signal::derive(move || t_string!(i18n, certificate_print).to_string()) />
                            </p>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// Anyone checks a certificate by its number (a GET form: works without JavaScript).
#[component]
pub fn VerifyCertificatePage() -> impl IntoView {
    let i18n = use_i18n();
    let query_map = use_query_map();
    let number = move || query_map.with(|m| m.get("number").unwrap_or_default());
    let result = Resource::new(number, |n| async move {
        if n.trim().is_empty() {
            None
        } else {
            Some(verify_certificate(n).await)
        }
    });
    view! {
        {page_title(move || with_site_name(t_string!(i18n, verify_title).to_string(), i18n))}
        <h1 class="mb-2 text-2xl font-bold text-slate-900">{t!(i18n, verify_title)}</h1>
        <p class="mb-4 text-slate-700">{t!(i18n, verify_lead)}</p>
        <form method="get" action="/certificates" class="mb-4 flex max-w-xl flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
            <div class="flex min-w-0 flex-1 flex-col gap-1">
                <label for="verify-number" class="text-sm font-medium">{t!(i18n, verify_number)}</label>
                <input id="verify-number" name="number" class=format!("{INPUT} font-mono uppercase") autocomplete="off"
                    placeholder="LJTC-XXXX-XXXX-XXXX-XXXX" value=number />
            </div>
            <button type="submit" class=BUTTON_CLASS data-testid="verify-submit">{t!(i18n, verify_submit)}</button>
        </form>
        <Suspense>
            {move || Suspend::new(async move {
                match result.await {
                    None => ().into_any(),
                    Some(Ok(c)) => {
                        let title = c.title.clone();
                        view! {
                            <p class="max-w-xl rounded-md border border-green-300 bg-green-50 px-3 py-2 text-green-900" role="status" data-testid="verify-result">
                                {move || fill(t_string!(i18n, verify_valid), &[&c.number, &c.holder_name, title.get(i18n.get_locale()), &datetime(c.issued_at)[..10]])}
                            </p>
                        }.into_any()
                    }
                    // Too many checks from this address: say so, and when to try again.
                    Some(Err(e @ crate::error::AppError::TooMany { .. })) => view! {
                        <p class="max-w-xl rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-800" role="alert" data-testid="verify-result">{move || crate::forms::error_message(i18n, &e)}</p>
                    }.into_any(),
                    Some(Err(_)) => view! {
                        <p class="max-w-xl rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-800" role="alert" data-testid="verify-result">{t!(i18n, verify_invalid)}</p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
