//! Bundle pages: `/bundles/:code`, the guide with every item, each material once and, for
//! a signed-in talent, what they qualify for; `/bundles/applications/:id`, the one form of
//! a draft or, once submitted, every case's state and promised date; and
//! `/bundles/applications/:id/review`, "check your answers" for all items at once. The
//! administrators' editor is in `admin`.
mod admin;
pub use admin::{BundleEditorPage, BundlesAdminSection};

use super::api::*;
use super::model::*;
use crate::cases::pages::{StateBadge, UploadForm};
use crate::catalogue::model::{FieldKind, FormField};
use crate::catalogue::pages::form::{FormFields, answer_text};
use crate::common::page::{load_error, page_title, with_site_name};
use crate::error::AppError;
use crate::forms::*;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn param(name: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.with(|p| p.get(name).unwrap_or_default())
}

fn application_id() -> impl Fn() -> i64 + Copy + Send + Sync + 'static {
    let id = param("id");
    move || id().parse().unwrap_or(0)
}

/// The bundles, as cards for the services page.
#[component]
pub fn BundleCards() -> impl IntoView {
    let i18n = use_i18n();
    let bundles = Resource::new(|| (), |_| bundle_list());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let list = bundles.await.unwrap_or_default();
                (!list.is_empty()).then(|| view! {
                    <section aria-labelledby="bundles-title" class="mb-8" data-testid="bundles">
                        <h2 id="bundles-title" class="mb-2 text-xl font-semibold">{t!(i18n, bundles_title)}</h2>
                        <p class="mb-3 text-slate-700">{t!(i18n, bundles_lead)}</p>
                        <ul class="grid gap-3 sm:grid-cols-2">
                            {list.into_iter().map(|bundle| {
                                let name = bundle.name.clone();
                                let summary = bundle.summary.clone();
                                view! {
                                    <li class="rounded-lg border border-blue-200 bg-blue-50 p-4">
                                        <h3 class="text-lg font-semibold"><a class="text-blue-900 hover:underline" href=format!("/bundles/{}", bundle.code)>{move || name.get(i18n.get_locale()).to_string()}</a></h3>
                                        <p class="mt-1 text-sm text-slate-700">{move || summary.get(i18n.get_locale()).to_string()}</p>
                                        <p class="mt-1 text-sm text-slate-600">{move || crate::format::fill(t_string!(i18n, bundle_item_count), &[&bundle.items.len().to_string()])}</p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                })
            })}
        </Suspense>
    }
}

#[component]
pub fn BundleGuidePage() -> impl IntoView {
    let code = param("code");
    let guide = Resource::new(code, load_bundle_guide);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match guide.await {
                    Ok(guide) => view! { <Guide guide /> }.into_any(),
                    Err(AppError::NotFound) => view! { <crate::common::page::NotFound /> }.into_any(),
                    Err(e) => load_error(e),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Guide(guide: BundleGuide) -> impl IntoView {
    let i18n = use_i18n();
    let start = ServerAction::<StartBundle>::new();
    let start_error = last_error(start.value());
    let name = guide.bundle.name.clone();
    let title = {
        let name = name.clone();
        move || with_site_name(name.get(i18n.get_locale()).to_string(), i18n)
    };
    let summary = guide.bundle.summary.clone();
    let code = guide.bundle.code.clone();
    let checks = guide.checks.clone();
    let included = checks
        .as_ref()
        .map(|c| c.iter().filter(|c| c.included()).count())
        .unwrap_or(0);
    let items = guide.items.clone().into_iter().map(|item| {
        let check = checks.as_ref().and_then(|c| c.iter().find(|c| c.code == item.code).cloned());
        let name = item.name.clone();
        let department = item.department.clone();
        view! {
            <li class="rounded-lg border border-slate-200 bg-white p-4" data-testid=format!("bundle-item-{}", item.code)>
                <div class="flex flex-wrap items-baseline justify-between gap-2">
                    <h3 class="text-lg font-semibold"><a class="text-blue-800 underline" href=format!("/services/{}", item.code)>{move || name.get(i18n.get_locale()).to_string()}</a></h3>
                    {check.clone().map(|c| view! { <InclusionBadge check=c /> })}
                </div>
                <p class="text-sm text-slate-700">{move || department.get(i18n.get_locale()).to_string()}
                    " · " {move || crate::format::fill(t_string!(i18n, guide_time_limit_value), &[&item.time_limit_days.to_string()])}</p>
                {check.map(|c| view! { <crate::eligibility::pages::RuleResults results=c.evaluation.results /> })}
            </li>
        }
    }).collect_view();
    let materials = guide.materials.clone().into_iter().map(|m| {
        let material = m.material.clone();
        let needed_by = m.needed_by.clone();
        view! {
            <tr>
                <td class="px-3 py-2">{move || material.name.get(i18n.get_locale()).to_string()}</td>
                <td class="px-3 py-2">{m.material.format.clone()}</td>
                <td class="px-3 py-2">{if m.material.mandatory { t!(i18n, yes).into_any() } else { t!(i18n, no).into_any() }}</td>
                <td class="px-3 py-2">{move || needed_by.iter().map(|n| n.get(i18n.get_locale()).to_string()).collect::<Vec<_>>().join(" · ")}</td>
            </tr>
        }
    }).collect_view();
    view! {
        {page_title(title)}
        <article class="mx-auto flex max-w-3xl flex-col gap-6">
            <header>
                <p class="text-sm"><a class="text-blue-800 underline" href="/services">{t!(i18n, nav_services)}</a></p>
                <h1 class="mt-1 text-2xl font-bold text-slate-900" data-testid="bundle-name">{move || name.get(i18n.get_locale()).to_string()}</h1>
                <p class="mt-2 text-slate-700">{move || summary.get(i18n.get_locale()).to_string()}</p>
            </header>
            <section aria-labelledby="bundle-items">
                <h2 id="bundle-items" class="mb-2 text-lg font-semibold">{t!(i18n, bundle_items)}</h2>
                {guide.checks.is_none().then(|| view! { <p class="mb-2 text-sm text-slate-700">{t!(i18n, bundle_sign_in_to_check)}</p> })}
                <ul class="flex flex-col gap-3" data-testid="bundle-items">{items}</ul>
            </section>
            <section aria-labelledby="bundle-materials">
                <h2 id="bundle-materials" class="mb-2 text-lg font-semibold">{t!(i18n, bundle_materials)}</h2>
                <p class="mb-2 text-sm text-slate-700">{t!(i18n, bundle_materials_lead)}</p>
                <table class="w-full border border-slate-200 bg-white text-sm" data-testid="bundle-materials">
                    <thead class="bg-slate-100 text-left">
                        <tr>
                            <th scope="col" class="px-3 py-2">{t!(i18n, guide_material_name)}</th>
                            <th scope="col" class="px-3 py-2">{t!(i18n, guide_material_format)}</th>
                            <th scope="col" class="px-3 py-2">{t!(i18n, guide_material_required)}</th>
                            <th scope="col" class="px-3 py-2">{t!(i18n, bundle_needed_by)}</th>
                        </tr>
                    </thead>
                    <tbody class="divide-y divide-slate-200">{materials}</tbody>
                </table>
            </section>
            <section aria-labelledby="bundle-apply" class="rounded-lg border border-slate-200 bg-white p-4">
                <h2 id="bundle-apply" class="text-lg font-semibold">{t!(i18n, bundle_apply_title)}</h2>
                {match (guide.checks.is_some(), guide.draft_id) {
                    (false, _) => view! {
                        <crate::accounts::pages::SignInToContinue next=format!("/bundles/{code}")
                            label=Signal::derive(move || t_string!(i18n, case_sign_in_to_apply).to_string()) />
                    }.into_any(),
                    (true, Some(id)) => view! {
                        <a class=BUTTON_CLASS href=format!("/bundles/applications/{id}") data-testid="bundle-continue">{t!(i18n, bundle_continue_draft)}</a>
                    }.into_any(),
                    (true, None) if included == 0 => view! {
                        <p class="text-slate-700" data-testid="bundle-nothing">{t!(i18n, bundle_nothing_to_apply)}</p>
                    }.into_any(),
                    (true, None) => view! {
                        <p class="mb-2 text-slate-700">{move || crate::format::fill(t_string!(i18n, bundle_apply_lead), &[&included.to_string()])}</p>
                        <ActionForm action=start>
                            <input type="hidden" name="code" value=code.clone() />
                            <button type="submit" disabled=move || start.pending().get() class=BUTTON_CLASS data-testid="bundle-start">{t!(i18n, bundle_start)}</button>
                            {move || start_error.get().map(|e| view! { <p class="mt-1 text-sm text-red-800" role="alert">{error_text(i18n, e.message_key())}</p> })}
                        </ActionForm>
                    }.into_any(),
                }}
            </section>
        </article>
    }
}

/// Whether an item goes into the person's application, in words.
#[component]
fn InclusionBadge(check: ItemCheck) -> impl IntoView {
    let i18n = use_i18n();
    let unknown =
        check.evaluation.verdict == crate::eligibility::model::Verdict::NeedMoreInformation;
    let (class, which) = if check.included() {
        ("bg-green-100 text-green-900", 0)
    } else if check.already_going {
        ("bg-slate-200 text-slate-800", 1)
    } else if unknown {
        ("bg-amber-100 text-amber-900", 2)
    } else {
        ("bg-slate-200 text-slate-800", 3)
    };
    let text = move || match which {
        0 => t_string!(i18n, bundle_included).to_string(),
        1 => t_string!(i18n, bundle_left_out_going).to_string(),
        2 => t_string!(i18n, bundle_left_out_unknown).to_string(),
        _ => t_string!(i18n, bundle_left_out_not_eligible).to_string(),
    };
    view! { <span class=format!("rounded px-2 py-0.5 text-sm font-medium {class}") data-testid="inclusion">{text}</span> }
}

#[component]
pub fn BundleApplicationPage() -> impl IntoView {
    let id = application_id();
    let save = ServerAction::<SaveBundleApplication>::new();
    let save_draft_pressed = RwSignal::new(false);
    crate::notice::announce_with(save.value(), move |_| {
        save_draft_pressed
            .get_untracked()
            .then_some(crate::notice::Done::DraftSaved)
    });
    let application = Resource::new(
        move || (id(), save.version().get()),
        |(id, _)| load_bundle_application(id),
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match application.await {
                    Ok(app) if app.state == BundleState::Draft => view! { <BundleForm app save save_draft_pressed /> }.into_any(),
                    Ok(app) => view! { <BundleStatus app /> }.into_any(),
                    Err(AppError::NotFound) => view! { <crate::common::page::NotFound /> }.into_any(),
                    Err(e) => load_error(e),
                }
            })}
        </Suspense>
    }
}

/// The items left out of an application, each with why.
#[component]
fn LeftOut(left_out: Vec<ItemCheck>) -> impl IntoView {
    let i18n = use_i18n();
    (!left_out.is_empty()).then(|| view! {
        <section aria-labelledby="left-out-title" class="rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="left-out">
            <h2 id="left-out-title" class="font-semibold text-amber-900">{t!(i18n, bundle_left_out_title)}</h2>
            <ul class="mt-2 flex flex-col gap-2">
                {left_out.into_iter().map(|check| {
                    let name = check.name.clone();
                    view! {
                        <li>
                            <p class="font-medium">{move || name.get(i18n.get_locale()).to_string()} " " <InclusionBadge check=check.clone() /></p>
                            <crate::eligibility::pages::RuleResults results=check.evaluation.results />
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    })
}

#[component]
fn BundleForm(
    app: BundleApplication,
    save: ServerAction<SaveBundleApplication>,
    save_draft_pressed: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(save.value());
    let name = app.bundle.name.clone();
    let title = {
        let name = name.clone();
        move || {
            with_site_name(
                format!(
                    "{} · {}",
                    t_string!(i18n, bundle_form_title),
                    name.get(i18n.get_locale())
                ),
                i18n,
            )
        }
    };
    let is_file = |f: &FormField| matches!(f.kind, FieldKind::File);
    let uploads: Vec<FormField> = app.form.fields().filter(|f| is_file(f)).cloned().collect();
    let upload_forms = uploads.into_iter().map(|field| {
        let label = field.label.clone();
        let required = field.required;
        let files: Vec<_> = app.files.iter().filter(|f| f.field_key == field.key).cloned().collect();
        view! {
            <UploadForm
                case_id=app.id
                field_key=field.key.clone()
                label=Signal::derive(move || format!("{}{}", label.get(i18n.get_locale()), if required { " *" } else { "" }))
                files
                action=format!("/bundles/applications/{}/files/{}", app.id, field.key)
            />
        }
    }).collect_view();
    let typed = |fields: &[FormField]| {
        fields
            .iter()
            .filter(|f| !is_file(f))
            .cloned()
            .collect::<Vec<_>>()
    };
    let shared = typed(&app.form.shared);
    let sections = app.form.sections.clone().into_iter().filter_map(|section| {
        let fields = typed(&section.fields);
        (!fields.is_empty()).then(|| {
            let name = section.name.clone();
            let answers = app.answers.clone();
            view! {
                <fieldset class="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4" data-testid=format!("section-{}", section.code)>
                    <legend class="px-1 text-lg font-semibold">{move || name.get(i18n.get_locale()).to_string()}</legend>
                    <FormFields fields id_prefix="answer-" values=answers error without_files=true />
                </fieldset>
            }
        })
    }).collect_view();
    view! {
        {page_title(title)}
        <div class="mx-auto flex max-w-2xl flex-col gap-6">
            <header>
                <p class="text-sm"><a class="text-blue-800 underline" href=format!("/bundles/{}", app.bundle.code)>{let name = name.clone(); move || name.get(i18n.get_locale()).to_string()}</a></p>
                <h1 class="mt-2 text-2xl font-bold text-slate-900">{t!(i18n, bundle_form_title)}": "{move || name.get(i18n.get_locale()).to_string()}</h1>
                <p class="mt-2 text-slate-700">{let count = app.cases.len().to_string(); move || crate::format::fill(t_string!(i18n, bundle_form_lead), &[&count])}</p>
                <ul class="mt-2 list-disc pl-6 text-sm" data-testid="bundle-included">
                    {app.cases.iter().map(|c| { let n = c.item_name.clone(); view! { <li>{move || n.get(i18n.get_locale()).to_string()}</li> } }).collect_view()}
                </ul>
            </header>
            <LeftOut left_out=app.left_out.clone() />
            <section aria-labelledby="materials-title" class="flex flex-col gap-3">
                <h2 id="materials-title" class="text-lg font-semibold">{t!(i18n, case_materials)}</h2>
                <p class="text-sm text-slate-700">{t!(i18n, bundle_materials_once)}</p>
                {upload_forms}
            </section>
            <ActionForm action=save attr:class="flex flex-col gap-4" attr:data-testid="application-form">
                <input type="hidden" name="id" value=app.id />
                <input type="hidden" name="version" value=app.version />
                {(!shared.is_empty()).then(|| view! {
                    <fieldset class="flex flex-col gap-4 rounded-lg border border-blue-200 bg-blue-50 p-4" data-testid="section-shared">
                        <legend class="px-1 text-lg font-semibold">{t!(i18n, bundle_shared_fields)}</legend>
                        <FormFields fields=shared id_prefix="answer-" values=app.answers.clone() error without_files=true />
                    </fieldset>
                })}
                {sections}
                <FormError error fields=&[] />
                <div class="flex flex-wrap gap-3">
                    <button type="submit" disabled=move || save.pending().get() name="next" value="review" class=BUTTON_CLASS data-testid="continue"
                        on:click=move |_| save_draft_pressed.set(false)>{t!(i18n, case_continue)}</button>
                    <button type="submit" disabled=move || save.pending().get() name="next" value="" class=SECONDARY_BUTTON_CLASS data-testid="save-draft"
                        on:click=move |_| save_draft_pressed.set(true)>{t!(i18n, case_save_draft)}</button>
                </div>
            </ActionForm>
        </div>
    }
}

/// A submitted bundle: its number and every case's state and promised date.
#[component]
fn BundleStatus(app: BundleApplication) -> impl IntoView {
    let i18n = use_i18n();
    let name = app.bundle.name.clone();
    let number = app.number.clone().unwrap_or_default();
    let title = {
        let (name, number) = (name.clone(), number.clone());
        move || with_site_name(format!("{number} · {}", name.get(i18n.get_locale())), i18n)
    };
    let rows = app.cases.clone().into_iter().map(|c| {
        let item_name = c.item_name.clone();
        let promised = match (&c.due_on, &c.accept_by) {
            (Some(due), _) => Some((true, due.clone())),
            (None, Some(by)) => Some((false, by.clone())),
            _ => None,
        };
        view! {
            <tr data-testid=format!("bundle-case-{}", c.item_code)>
                <td class="px-3 py-2">{move || item_name.get(i18n.get_locale()).to_string()}</td>
                <td class="px-3 py-2 font-mono"><a class="text-blue-800 underline" href=format!("/cases/{}", c.id)>{c.number.clone().unwrap_or_default()}</a></td>
                <td class="px-3 py-2" data-testid="bundle-case-state"><StateBadge state=c.state /></td>
                <td class="px-3 py-2">{promised.map(|(due, date)| view! {
                    <span>{move || if due { t_string!(i18n, bundle_due_on).to_string() } else { t_string!(i18n, bundle_accept_by).to_string() }} " " {date}</span>
                })}</td>
            </tr>
        }
    }).collect_view();
    let done = app.all_decided();
    view! {
        {page_title(title)}
        <article class="mx-auto flex max-w-3xl flex-col gap-6" data-testid="bundle">
            <header>
                <p class="text-sm"><a class="text-blue-800 underline" href="/cases">{t!(i18n, my_cases_title)}</a></p>
                <h1 class="mt-1 text-2xl font-bold text-slate-900">{move || name.get(i18n.get_locale()).to_string()}</h1>
                <p class="mt-1 font-mono text-lg" data-testid="bundle-number">{number.clone()}</p>
                <p class="mt-1 text-slate-700">{app.applicant_name.clone()}
                    {app.submitted_at.map(|at| view! { " · " {t!(i18n, case_submitted_at)} " " {crate::format::datetime(at)} })}</p>
                <p class="mt-2 text-slate-700" data-testid="bundle-progress">{move || if done { t_string!(i18n, bundle_all_decided).to_string() } else { t_string!(i18n, bundle_in_progress).to_string() }}</p>
            </header>
            <table class="w-full border border-slate-200 bg-white text-sm" data-testid="bundle-cases">
                <thead class="bg-slate-100 text-left">
                    <tr>
                        <th scope="col" class="px-3 py-2">{t!(i18n, bundle_col_item)}</th>
                        <th scope="col" class="px-3 py-2">{t!(i18n, bundle_col_number)}</th>
                        <th scope="col" class="px-3 py-2">{t!(i18n, bundle_col_state)}</th>
                        <th scope="col" class="px-3 py-2">{t!(i18n, bundle_col_due)}</th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-200">{rows}</tbody>
            </table>
        </article>
    }
}

#[component]
pub fn BundleReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = application_id();
    let submit = ServerAction::<SubmitBundleApplication>::new();
    crate::notice::announce_on_success(submit.value(), crate::notice::Done::BundleSubmitted);
    let application = Resource::new(
        move || (id(), submit.version().get()),
        |(id, _)| load_bundle_application(id),
    );
    let error = last_error(submit.value());
    view! {
        {page_title(move || with_site_name(t_string!(i18n, case_review_title).to_string(), i18n))}
        <Suspense>
            {move || Suspend::new(async move {
                match application.await {
                    Ok(app) if app.state == BundleState::Draft => {
                        let href = format!("/bundles/applications/{}", app.id);
                        let name = app.bundle.name.clone();
                        view! {
                            <div class="mx-auto max-w-2xl">
                                <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, case_review_title)}</h1>
                                <p class="mt-1 text-lg">{move || name.get(i18n.get_locale()).to_string()}</p>
                                <p class="mt-2 mb-4 text-slate-700">{t!(i18n, bundle_review_lead)}</p>
                                <Answers app=app.clone() change_href=href.clone() />
                                <ActionForm action=submit attr:class="mt-6 flex flex-col gap-3">
                                    <input type="hidden" name="id" value=app.id />
                                    <input type="hidden" name="version" value=app.version />
                                    {move || error.get().map(|e| {
                                        let href = href.clone();
                                        view! {
                                            <p class="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-800" role="alert">
                                                <a class="underline" href=href>{error_text(i18n, e.message_key())}</a>
                                            </p>
                                        }
                                    })}
                                    <div><button type="submit" disabled=move || submit.pending().get() class=BUTTON_CLASS data-testid="submit-bundle">{t!(i18n, bundle_submit)}</button></div>
                                </ActionForm>
                            </div>
                        }.into_any()
                    }
                    Ok(app) => {
                        let href = format!("/bundles/applications/{}", app.id);
                        view! { <p><a class="text-blue-800 underline" href=href>{app.number.clone()}</a></p> }.into_any()
                    }
                    Err(AppError::NotFound) => view! { <crate::common::page::NotFound /> }.into_any(),
                    Err(e) => load_error(e),
                }
            })}
        </Suspense>
    }
}

/// Every answer once, shared ones first, then each item's; materials by file name.
#[component]
fn Answers(app: BundleApplication, change_href: String) -> impl IntoView {
    let i18n = use_i18n();
    let list = move |fields: Vec<FormField>| {
        let answers = app.answers.clone();
        let files = app.files.clone();
        let change_href = change_href.clone();
        view! {
            <dl class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
                {fields.into_iter().map(|field| {
                    let label = field.label.clone();
                    let raw = if matches!(field.kind, FieldKind::File) {
                        files.iter().filter(|f| f.field_key == field.key).map(|f| f.name.clone()).collect::<Vec<_>>().join("、")
                    } else {
                        answers.get(&field.key).cloned().unwrap_or_default()
                    };
                    let shown = move || answer_text(i18n, &field.kind, &raw);
                    view! {
                        <div class="grid gap-1 px-4 py-3 sm:grid-cols-[1fr_2fr_auto]">
                            <dt class="font-medium text-slate-700">{move || label.get(i18n.get_locale()).to_string()}</dt>
                            <dd class="break-words">{shown}</dd>
                            <dd><a class="text-blue-800 underline" href=change_href.clone()>{t!(i18n, case_change)}</a></dd>
                        </div>
                    }
                }).collect_view()}
            </dl>
        }
    };
    let shared = app.form.shared.clone();
    let sections = app.form.sections.clone();
    view! {
        <div class="flex flex-col gap-4" data-testid="answers">
            {(!shared.is_empty()).then(|| view! {
                <section><h2 class="mb-1 font-semibold">{t!(i18n, bundle_shared_fields)}</h2>{list(shared.clone())}</section>
            })}
            {sections.into_iter().filter(|s| !s.fields.is_empty()).map(|section| {
                let name = section.name.clone();
                view! { <section><h2 class="mb-1 font-semibold">{move || name.get(i18n.get_locale()).to_string()}</h2>{list(section.fields.clone())}</section> }
            }).collect_view()}
        </div>
    }
}
