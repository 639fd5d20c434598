//! The enterprise's side: `/employer/jobs` (its posts, to close, reopen or edit),
//! the post editor, and `/employer/jobs/:id/candidates`.
use super::{PostSummary, application_state_label, post_state_label};
use crate::common::date::today_in_china;
use crate::common::page::load_error;
use crate::common::page::{Pagination, page_title, with_site_name};
use crate::editing::pages::{Input, Select, TextArea};
use crate::eligibility::model::Education;
use crate::eligibility::pages::education_label;
use crate::enterprises::pages::{LicenceUpload, VerificationBanner};
use crate::error::AppError;
use crate::format::datetime;
use crate::forms::*;
use crate::i18n::*;
use crate::jobs::api::*;
use crate::jobs::model::*;
use crate::links::FileLink;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::{use_params_map, use_query_map};

macro_rules! label {
    ($i18n:ident, $key:ident) => {
        Signal::derive(move || t_string!($i18n, $key).to_string())
    };
}

#[component]
pub fn MyPostsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let page = move || query.with(|m| m.get("page").and_then(|p| p.parse().ok()).unwrap_or(0));
    let set_open = ServerAction::<SetPostOpen>::new();
    crate::notice::announce_on_success(set_open.value(), crate::notice::Done::PostOpenChanged);
    let list = Resource::new(
        move || (page(), set_open.version().get()),
        |(page, _)| my_posts(page),
    );
    let error = last_error(set_open.value());
    view! {
        {page_title(move || with_site_name(t_string!(i18n, my_posts_title).to_string(), i18n))}
        <div class="mb-4 flex flex-wrap items-center justify-between gap-3">
            <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, my_posts_title)}</h1>
            <a href="/employer/jobs/new" class=BUTTON_CLASS data-testid="new-post">{t!(i18n, post_new)}</a>
        </div>
        <VerificationBanner />
        <LicenceUpload />
        <FormError error />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(e) => load_error(e),
                    Ok(list) if list.items.is_empty() => view! { <p class="text-slate-700">{t!(i18n, my_posts_empty)}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="flex flex-col gap-3" data-testid="my-posts">
                            {list.items.into_iter().map(|own| {
                                let card = own.card.clone();
                                let id = card.id;
                                let actions = owner_actions(card.state);
                                view! {
                                    <li class="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4">
                                        <PostSummary card=own.card show_state=true />
                                        {(!own.review_note.is_empty()).then(|| view! {
                                            <p class="text-sm text-amber-900">{t!(i18n, post_review_note)} " " {own.review_note.clone()}</p>
                                        })}
                                        <div class="flex flex-wrap items-center gap-3">
                                            <a class=SECONDARY_BUTTON_CLASS href=format!("/employer/jobs/{id}/candidates") data-testid=format!("candidates-{id}")>
                                                {move || crate::format::fill(t_string!(i18n, post_candidates_count), &[&own.candidates.to_string()])}
                                            </a>
                                            {actions.contains(&OwnerAction::Edit).then(|| view! {
                                                <a class=SECONDARY_BUTTON_CLASS href=format!("/employer/jobs/{id}/edit")>{t!(i18n, post_edit)}</a>
                                            })}
                                            {[OwnerAction::Close, OwnerAction::Reopen].into_iter().filter(|a| actions.contains(a)).map(|a| view! {
                                                <ActionForm action=set_open>
                                                    <input type="hidden" name="id" value=id />
                                                    <input type="hidden" name="version" value=card.version />
                                                    <input type="hidden" name="open" value=if a == OwnerAction::Reopen { "true" } else { "false" } />
                                                    <button type="submit" disabled=move || set_open.pending().get() class=SECONDARY_BUTTON_CLASS data-testid=format!("toggle-{id}")>
                                                        {move || if a == OwnerAction::Reopen { t_string!(i18n, post_reopen) } else { t_string!(i18n, post_close) }}
                                                    </button>
                                                </ActionForm>
                                            }).collect_view()}
                                        </div>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <Pagination page=list.page has_more=list.has_more href=|p| format!("/employer/jobs?page={p}") />
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/employer/jobs/new` and `/employer/jobs/:id/edit`.
#[component]
pub fn PostEditorPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params.with(|p| {
            p.get("id")
                .and_then(|id| id.parse::<i64>().ok())
                .unwrap_or(0)
        })
    };
    let editor = Resource::new(id, load_post_editor);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match editor.await {
                    Ok(editor) => view! { <PostEditorForm editor /> }.into_any(),
                    Err(e) => load_error(e),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PostEditorForm(editor: PostEditor) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SavePost>::new();
    crate::notice::announce_on_success(save.value(), crate::notice::Done::PostSaved);
    // The browser's verdict (the same rules the server applies) until the server answers.
    let local = RwSignal::new(None::<AppError>);
    let server = last_error(save.value());
    Effect::new(move |_| {
        if server.get().is_some() {
            local.set(None);
        }
    });
    let error = Signal::derive(move || local.get().or_else(|| server.get()));
    let offered: Vec<String> = editor
        .industries
        .iter()
        .filter(|i| i.active)
        .map(|i| i.code.clone())
        .collect();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        use leptos::form::FromFormData;
        let Ok(data) = SavePost::from_event(&ev) else {
            return;
        };
        ev.prevent_default();
        let today = today_in_china(crate::format::clock_ms());
        match data
            .draft
            .validate(today, |code| offered.iter().any(|c| c == code))
        {
            Err(e) => local.set(Some(e.into())),
            Ok(_) => {
                local.set(None);
                save.dispatch(data);
            }
        }
    };
    let d = editor.draft.clone();
    let is_new = editor.id.is_none();
    let heading = move || {
        if is_new {
            t_string!(i18n, post_new)
        } else {
            t_string!(i18n, post_edit)
        }
        .to_string()
    };
    let locations: Vec<(&'static str, Signal<String>)> = LOCATIONS
        .iter()
        .map(|(code, zh, en)| {
            let (zh, en) = (*zh, *en);
            (
                *code,
                Signal::derive(move || match i18n.get_locale() {
                    Locale::zh => zh.to_string(),
                    Locale::en => en.to_string(),
                }),
            )
        })
        .collect();
    let educations: Vec<(&'static str, Signal<String>)> = std::iter::once((
        "",
        Signal::derive(move || t_string!(i18n, job_education_any).to_string()),
    ))
    .chain(
        Education::ALL
            .into_iter()
            .map(|e| (e.as_str(), Signal::derive(move || education_label(i18n, e)))),
    )
    .collect();
    let industry_invalid = move || {
        error
            .get()
            .is_some_and(|e| e.field() == Some("draft[industry]"))
            .then_some("true")
    };
    let industry_error = move || {
        error
            .get()
            .filter(|e| e.field() == Some("draft[industry]"))
            .map(|e| error_text(i18n, e.message_key()))
    };
    view! {
        {page_title(move || with_site_name(heading(), i18n))}
        <p class="mb-2 text-sm"><a class="text-blue-800 underline" href="/employer/jobs">{t!(i18n, my_posts_title)}</a></p>
        <h1 class="mb-2 text-2xl font-bold text-slate-900">{heading}</h1>
        <p class="mb-4 text-slate-700">{t!(i18n, post_editor_lead)}</p>
        <VerificationBanner />
        {(!editor.review_note.is_empty()).then(|| view! {
            <p class="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="review-note">
                {t!(i18n, post_review_note)} " " {editor.review_note.clone()}
            </p>
        })}
        <form method="post" action=SavePost::url() on:submit=on_submit novalidate
            class="flex flex-col gap-5 rounded-lg border border-slate-200 bg-white p-4" data-testid="post-editor">
            <input type="hidden" name="id" value=editor.id.unwrap_or(0) />
            <input type="hidden" name="version" value=editor.version />
            <fieldset class="grid gap-4 md:grid-cols-2">
                <legend class="mb-2 font-semibold">{t!(i18n, post_texts)}</legend>
                <Input name="draft[title_zh]" label=label!(i18n, post_title_zh) value=d.title_zh.clone() error />
                <Input name="draft[title_en]" label=label!(i18n, post_title_en) value=d.title_en.clone() error />
                <TextArea name="draft[description_zh]" label=label!(i18n, post_description_zh) value=d.description_zh.clone() error rows=8 />
                <TextArea name="draft[description_en]" label=label!(i18n, post_description_en) value=d.description_en.clone() error rows=8 />
            </fieldset>
            <fieldset class="grid gap-4 md:grid-cols-3">
                <legend class="mb-2 font-semibold">{t!(i18n, post_requirements)}</legend>
                <div class="flex flex-col gap-1">
                    <label for="draft-industry" class="text-sm font-medium text-slate-900">{t!(i18n, job_industry)}</label>
                    <select id="draft-industry" name="draft[industry]" class=crate::editing::pages::INPUT_CLASS
                        aria-invalid=industry_invalid aria-describedby=move || industry_error().map(|_| "draft-industry-error")>
                        <option value="">{t!(i18n, choose_one)}</option>
                        {editor.industries.iter().filter(|i| i.active || i.code == d.industry).map(|i| {
                            let name = i.name.clone();
                            view! { <option value=i.code.clone() selected=i.code == d.industry>{move || name.get(i18n.get_locale()).to_string()}</option> }
                        }).collect_view()}
                    </select>
                    {move || industry_error().map(|text| view! { <p id="draft-industry-error" class="text-sm font-medium text-red-800">{text}</p> })}
                </div>
                <Input name="draft[headcount]" label=label!(i18n, job_headcount) value=d.headcount.clone() error kind="number" />
                <Select name="draft[education]" label=label!(i18n, job_education) value=d.education.clone() options=educations error />
                <Input name="draft[experience_years]" label=label!(i18n, post_experience_years) value=d.experience_years.clone() error kind="number" />
                <Input name="draft[salary_min]" label=label!(i18n, post_salary_min) value=d.salary_min.clone() error kind="number" />
                <Input name="draft[salary_max]" label=label!(i18n, post_salary_max) value=d.salary_max.clone() error kind="number" />
                <Select name="draft[location]" label=label!(i18n, job_location) value=d.location.clone() options=locations error />
                <Input name="draft[closes_on]" label=label!(i18n, job_closes_on) value=d.closes_on.clone() error kind="date" />
            </fieldset>
            <FormError error fields=&["draft[title_zh]", "draft[title_en]", "draft[description_zh]", "draft[description_en]",
                "draft[industry]", "draft[headcount]", "draft[education]", "draft[experience_years]", "draft[salary_min]",
                "draft[salary_max]", "draft[location]", "draft[closes_on]"] />
            <div><button type="submit" class=BUTTON_CLASS data-testid="post-submit">{t!(i18n, post_submit_for_review)}</button></div>
        </form>
    }
}

#[component]
pub fn CandidatesPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || {
        params.with(|p| {
            p.get("id")
                .and_then(|id| id.parse::<i64>().ok())
                .unwrap_or(0)
        })
    };
    let decide = ServerAction::<DecideCandidate>::new();
    crate::notice::announce_on_success(decide.value(), crate::notice::Done::CandidateDecided);
    let list = Resource::new(
        move || (id(), decide.version().get()),
        |(id, _)| post_candidates(id),
    );
    let error = last_error(decide.value());
    view! {
        {page_title(move || with_site_name(t_string!(i18n, candidates_title).to_string(), i18n))}
        <p class="mb-2 text-sm"><a class="text-blue-800 underline" href="/employer/jobs">{t!(i18n, my_posts_title)}</a></p>
        <h1 class="mb-4 text-2xl font-bold text-slate-900">{t!(i18n, candidates_title)}</h1>
        <FormError error />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(e) => load_error(e),
                    Ok(list) => {
                        let title = list.post.title.clone();
                        view! {
                            <p class="mb-4 text-lg font-semibold">
                                <a class="text-blue-800 underline" href=format!("/jobs/{}", list.post.id)>{move || pick(&title, i18n.get_locale()).to_string()}</a>
                                " · " {move || post_state_label(i18n, list.post.state)}
                            </p>
                            {list.items.is_empty().then(|| view! { <p class="text-slate-700">{t!(i18n, candidates_empty)}</p> })}
                            <ul class="flex flex-col gap-3" data-testid="candidates">
                                {list.items.into_iter().map(|c| view! { <CandidateCard c decide /> }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn CandidateCard(c: Candidate, decide: ServerAction<DecideCandidate>) -> impl IntoView {
    let i18n = use_i18n();
    let state = c.state;
    let education = Education::parse(&c.education);
    let actions: Vec<&'static str> = ["shortlist", "hire", "decline"]
        .into_iter()
        .filter(|a| employer_move(state, a).is_some())
        .collect();
    let id = c.id;
    view! {
        <li class="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4" data-testid=format!("candidate-{id}")>
            <h2 class="font-semibold">{c.full_name.clone()}
                <span class="ml-2 rounded bg-slate-100 px-2 py-0.5 text-xs font-medium" data-testid="candidate-state">{move || application_state_label(i18n, state)}</span>
            </h2>
            <p class="text-sm text-slate-700">{c.contact.clone()} " · " {move || datetime(c.applied_at)}</p>
            {(state == ApplicationState::Submitted).then(|| view! { <p class="text-xs text-slate-600">{t!(i18n, candidate_contact_masked)}</p> })}
            <p class="text-sm">
                {move || education.map(|e| education_label(i18n, e)).unwrap_or_default()}
                " " {c.university.clone()} " " {c.major.clone()} " " {c.graduation_date.clone()}
            </p>
            {(!c.note.is_empty()).then(|| view! { <p class="whitespace-pre-line rounded bg-slate-50 p-2 text-sm">{c.note.clone()}</p> })}
            {c.cv.clone().map(|cv| view! {
                <p class="text-sm"><FileLink href=format!("/files/cv/{id}")>{t!(i18n, job_cv_download)} ": " {cv.name}</FileLink></p>
            })}
            {(!c.message.is_empty()).then(|| view! { <p class="text-sm text-slate-700">{t!(i18n, candidate_message_sent)} " " {c.message.clone()}</p> })}
            <div class="flex flex-wrap items-end gap-3">
                {actions.into_iter().map(|action| view! {
                    <ActionForm action=decide attr:class="flex flex-wrap items-end gap-2">
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="version" value=c.version />
                        <input type="hidden" name="action" value=action />
                        {(action == "decline").then(|| view! {
                            <label class="flex flex-col text-xs">{t!(i18n, candidate_decline_message)}
                                <input name="message" maxlength="500" class="rounded border border-slate-400 px-2 py-1 text-sm" />
                            </label>
                        })}
                        <button type="submit" disabled=move || decide.pending().get() class=if action == "hire" { BUTTON_CLASS } else { SECONDARY_BUTTON_CLASS }
                            data-testid=format!("{action}-{id}")>
                            {move || match action {
                                "shortlist" => t_string!(i18n, candidate_shortlist),
                                "hire" => t_string!(i18n, candidate_hire),
                                _ => t_string!(i18n, candidate_decline),
                            }}
                        </button>
                    </ActionForm>
                }).collect_view()}
            </div>
        </li>
    }
}
