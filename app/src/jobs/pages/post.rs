//! `/jobs/:id`: one post with the enterprise behind it, structured data for search engines
//! (schema.org `JobPosting`), and the application form. Applying is a plain multipart form
//! (the note and an optional CV in one go) so it works without JavaScript; when something
//! is wrong the server sends the talent back here with the note they typed.
use super::{application_state_label, education_requirement, post_state_label, salary_range};
use crate::accounts::model::Role;
use crate::accounts::pages::ViewerResource;
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::forms::{BUTTON_CLASS, SECONDARY_BUTTON_CLASS, error_text};
use crate::i18n::*;
use crate::jobs::api::job_post;
use crate::jobs::model::*;
use crate::markup::escapable_raw_text;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The schema.org `JobPosting` of an open post, as JSON safe to put inside a script tag.
pub fn job_posting_json(page: &PostPage) -> String {
    let card = &page.card;
    let title = pick(&card.title, Locale::zh);
    let description = pick(&page.description, Locale::zh);
    let location = location_name(&card.location);
    let value = serde_json::json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": title,
        "description": description,
        "datePosted": card.published_at.map(|ms| crate::format::datetime(ms)[..10].to_string()),
        "validThrough": format!("{}T23:59:59+08:00", card.closes_on),
        "employmentType": "FULL_TIME",
        "totalJobOpenings": card.headcount,
        "industry": card.industry_name.en,
        "hiringOrganization": { "@type": "Organization", "name": card.org_name },
        "jobLocation": { "@type": "Place", "address": {
            "@type": "PostalAddress",
            "addressLocality": format!("两江新区{}", location.zh),
            "addressRegion": "重庆",
            "addressCountry": "CN"
        }},
        "baseSalary": { "@type": "MonetaryAmount", "currency": "CNY", "value": {
            "@type": "QuantitativeValue",
            "minValue": card.salary_min,
            "maxValue": card.salary_max,
            "unitText": "MONTH"
        }},
        "identifier": { "@type": "PropertyValue", "name": card.org_name, "value": format!("LJ-JOB-{}", card.id) }
    });
    crate::markup::json_in_script(&value)
}

#[component]
pub fn JobPostPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || {
        params.with(|p| {
            p.get("id")
                .and_then(|id| id.parse::<i64>().ok())
                .unwrap_or(0)
        })
    };
    let post = Resource::new(id, job_post);
    let viewer = use_context::<ViewerResource>();
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                let role = match viewer {
                    Some(v) => v.await.ok().flatten().map(|v| v.role),
                    None => None,
                };
                match post.await {
                    Err(e) => load_error(e),
                    Ok(page) => {
                        let apply_error = query.with(|m| m.get("apply_error"));
                        let typed_note = query.with(|m| m.get("note")).unwrap_or_default();
                        view! { <PostView page role apply_error typed_note /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn PostView(
    page: PostPage,
    role: Option<Role>,
    apply_error: Option<String>,
    typed_note: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let card = page.card.clone();
    let title = card.title.clone();
    let description = page.description.clone();
    let industry = card.industry_name.clone();
    let location = location_name(&card.location);
    let state = card.state;
    let id = card.id;
    let structured = (state == PostState::Open).then(|| job_posting_json(&page));
    let title_for_head = title.clone();
    let enterprise = page.enterprise.clone();
    let apply = match (role, page.my_application) {
        _ if page.mine => view! {
            <div class="flex flex-wrap gap-3">
                <a class=SECONDARY_BUTTON_CLASS href=format!("/employer/jobs/{id}/edit")>{t!(i18n, post_edit)}</a>
                <a class=SECONDARY_BUTTON_CLASS href=format!("/employer/jobs/{id}/candidates")>
                    {move || crate::format::fill(t_string!(i18n, post_candidates_count), &[&page.candidates.to_string()])}
                </a>
            </div>
        }.into_any(),
        (_, Some(applied)) => view! {
            <p class="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-900" data-testid="already-applied">
                {move || crate::format::fill(t_string!(i18n, job_you_applied), &[&application_state_label(i18n, applied)])}
                " " <a class="underline" href="/jobs/applications">{t!(i18n, nav_my_applications)}</a>
            </p>
        }.into_any(),
        _ if state != PostState::Open => view! {
            <p class="text-slate-700" data-testid="post-not-open">{t!(i18n, job_not_open)}</p>
        }.into_any(),
        (Some(Role::Talent), None) => view! { <ApplyForm id apply_error typed_note /> }.into_any(),
        (None, _) => view! {
            <crate::accounts::pages::SignInToContinue next=format!("/jobs/{id}")
                label=Signal::derive(move || t_string!(i18n, job_sign_in_to_apply).to_string()) />
        }.into_any(),
        _ => view! { <p class="text-slate-700">{t!(i18n, job_talents_apply)}</p> }.into_any(),
    };
    view! {
        {page_title(move || with_site_name(pick(&title_for_head, i18n.get_locale()).to_string(), i18n))}
        {structured.map(|json| view! { <script type="application/ld+json" inner_html=json></script> })}
        <p class="mb-2 text-sm"><a class="text-blue-800 underline" href="/jobs">{t!(i18n, jobs_back)}</a></p>
        <div class="grid gap-6 lg:grid-cols-3">
            <article class="flex flex-col gap-4 lg:col-span-2">
                <header>
                    <h1 class="text-2xl font-bold text-slate-900" data-testid="post-title">{move || pick(&title, i18n.get_locale()).to_string()}</h1>
                    <p class="text-slate-700">{card.org_name.clone()}</p>
                    {(state != PostState::Open).then(|| view! {
                        <p class="mt-2 inline-block rounded bg-slate-200 px-2 py-0.5 text-sm font-medium" data-testid="post-state">{move || post_state_label(i18n, state)}</p>
                    })}
                    {(!page.review_note.is_empty()).then(|| view! {
                        <p class="mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                            {t!(i18n, post_review_note)} " " {page.review_note.clone()}
                        </p>
                    })}
                </header>
                <dl class="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
                    <div><dt class="text-sm text-slate-600">{t!(i18n, job_salary)}</dt>
                        <dd class="font-semibold text-emerald-800">{move || salary_range(i18n, card.salary_min, card.salary_max)}</dd></div>
                    <div><dt class="text-sm text-slate-600">{t!(i18n, job_headcount)}</dt><dd>{card.headcount}</dd></div>
                    <div><dt class="text-sm text-slate-600">{t!(i18n, job_industry)}</dt>
                        <dd>{move || industry.get(i18n.get_locale()).to_string()}</dd></div>
                    <div><dt class="text-sm text-slate-600">{t!(i18n, job_location)}</dt>
                        <dd>{move || location.get(i18n.get_locale()).to_string()}</dd></div>
                    <div><dt class="text-sm text-slate-600">{t!(i18n, job_education)}</dt>
                        <dd>{move || education_requirement(i18n, card.education)}</dd></div>
                    <div><dt class="text-sm text-slate-600">{t!(i18n, job_experience)}</dt>
                        <dd>{move || crate::format::fill(t_string!(i18n, job_years), &[&card.experience_years.to_string()])}</dd></div>
                    <div><dt class="text-sm text-slate-600">{t!(i18n, job_closes_on)}</dt><dd>{card.closes_on.clone()}</dd></div>
                </dl>
                <section aria-labelledby="post-description">
                    <h2 id="post-description" class="mb-2 text-lg font-semibold">{t!(i18n, job_description)}</h2>
                    <div class="whitespace-pre-line rounded-lg border border-slate-200 bg-white p-4 leading-relaxed">
                        {move || pick(&description, i18n.get_locale()).to_string()}
                    </div>
                </section>
                <section aria-labelledby="post-apply" class="flex flex-col gap-3">
                    <h2 id="post-apply" class="text-lg font-semibold">{t!(i18n, job_apply_heading)}</h2>
                    {apply}
                </section>
            </article>
            <aside class="h-fit rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="post-enterprise" data-testid="enterprise-profile">
                <h2 id="post-enterprise" class="text-lg font-semibold">{enterprise.org_name.clone()}</h2>
                {enterprise.verified.then(|| view! {
                    <p class="mt-1 inline-block rounded bg-emerald-100 px-2 py-0.5 text-sm font-medium text-emerald-900">{t!(i18n, enterprise_verified_badge)}</p>
                })}
                <dl class="mt-3 flex flex-col gap-2 text-sm">
                    <div><dt class="text-slate-600">{t!(i18n, field_credit_code)}</dt><dd class="font-mono">{enterprise.credit_code.clone()}</dd></div>
                    <div><dt class="text-slate-600">{t!(i18n, enterprise_open_posts)}</dt><dd>{enterprise.open_posts}</dd></div>
                    <div><dt class="text-slate-600">{t!(i18n, enterprise_on_hub_since)}</dt><dd>{crate::format::datetime(enterprise.registered_at)[..10].to_string()}</dd></div>
                </dl>
                <a class="mt-3 inline-block text-blue-800 underline" href=format!("/jobs?enterprise={}", enterprise.id)>{t!(i18n, enterprise_all_posts)}</a>
            </aside>
        </div>
    }
}

#[component]
fn ApplyForm(id: i64, apply_error: Option<String>, typed_note: String) -> impl IntoView {
    let i18n = use_i18n();
    let has_error = apply_error.is_some();
    let sent = crate::forms::SentOnce::new();
    view! {
        <form method="post" action=format!("/jobs/{id}/apply") enctype="multipart/form-data" on:submit=sent.on_submit()
            class="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="apply-form">
            {apply_error.map(|key| view! {
                <p id="apply-error" class="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-800" role="alert">
                    {move || error_text(i18n, &key)}
                </p>
            })}
            <p class="text-sm text-slate-700">{t!(i18n, job_apply_profile_shared)} " "
                <a class="text-blue-800 underline" href="/profile">{t!(i18n, nav_profile)}</a></p>
            <div class="flex flex-col gap-1">
                <label for="apply-note" class="text-sm font-medium">{t!(i18n, job_apply_note)}</label>
                <textarea id="apply-note" name="note" rows="5" maxlength=MAX_NOTE
                    aria-describedby=has_error.then_some("apply-error")
                    class="rounded-md border border-slate-400 px-3 py-2">{escapable_raw_text(typed_note)}</textarea>
            </div>
            <div class="flex flex-col gap-1">
                <label for="apply-cv" class="text-sm font-medium">{t!(i18n, job_apply_cv)}</label>
                <p id="apply-cv-help" class="text-sm text-slate-600">{t!(i18n, job_apply_cv_help)}</p>
                <input id="apply-cv" name="file" type="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                    aria-describedby="apply-cv-help" class="text-sm" />
            </div>
            <div><button type="submit" disabled=move || sent.sending() class=BUTTON_CLASS data-testid="apply-submit">{t!(i18n, job_apply_submit)}</button></div>
        </form>
    }
}
