//! The policy library pages: `/policies` (searchable list) and `/policies/:code` (a
//! document with its articles, each linking to the services based on it).
mod admin;

pub use admin::{PoliciesAdminPage, PolicyEditorPage};

use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::error::AppError;
use crate::format::{fill, url_encode};
use crate::forms::BUTTON_CLASS;
use crate::i18n::*;
use crate::policies::api::{policy_document, search_policies};
use crate::policies::model::{PolicyQuery, PolicyView, Validity};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::{use_params_map, use_query_map};

fn validity_badge(i18n: I18nContext<Locale>, validity: Validity) -> impl IntoView {
    let (class, text) = match validity {
        Validity::InForce => (
            "bg-green-100 text-green-900",
            t_string!(i18n, policy_in_force),
        ),
        Validity::NotYetInForce => ("bg-blue-100 text-blue-900", t_string!(i18n, policy_not_yet)),
        Validity::Expired => (
            "bg-slate-200 text-slate-800",
            t_string!(i18n, policy_expired),
        ),
    };
    view! { <span class=format!("rounded px-2 py-0.5 text-xs font-medium {class}")>{text}</span> }
}

fn demo_badge(i18n: I18nContext<Locale>) -> impl IntoView {
    view! { <span class="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">{t!(i18n, demo_badge)}</span> }
}

#[component]
pub fn PoliciesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query_map = use_query_map();
    let query = move || {
        query_map.with(|m| PolicyQuery {
            q: m.get("q").unwrap_or_default(),
            page: m.get("page").and_then(|p| p.parse().ok()).unwrap_or(0),
        })
    };
    let results = Resource::new(query, search_policies);
    let page_href = move |page: u32| format!("/policies?q={}&page={page}", url_encode(&query().q));
    view! {
        {page_title(move || with_site_name(t_string!(i18n, policies_title).to_string(), i18n))}
        <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, policies_title)}</h1>
        <p class="mt-1 mb-4 text-slate-700">{t!(i18n, policies_lead)}</p>
        <form method="get" action="/policies" role="search" class="mb-6 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
            <div class="flex min-w-64 flex-1 flex-col gap-1">
                <label for="policies-q" class="text-sm font-medium">{t!(i18n, policies_search)}</label>
                <input id="policies-q" name="q" type="search" value=move || query().q class="rounded-md border border-slate-400 px-3 py-2" />
            </div>
            <button type="submit" class=BUTTON_CLASS>{t!(i18n, search)}</button>
        </form>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Err(e) => load_error(e),
                    Ok(page) => view! {
                        {if page.items.is_empty() {
                            view! { <p class="text-slate-700" role="status">{t!(i18n, policies_empty)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="flex flex-col gap-4" data-testid="policy-list">
                                    {page.items.into_iter().map(|p| {
                                        let title = p.title.clone();
                                        let count = p.article_count.to_string();
                                        let from = p.effective_from.clone();
                                        view! {
                                            <li class="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                                                <h2 class="text-lg font-semibold">
                                                    <a href=format!("/policies/{}", p.code) class="hover:underline">{move || title.get(i18n.get_locale()).to_string()}</a>
                                                </h2>
                                                <p class="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-700">
                                                    <span>{p.document_number.clone()}</span>
                                                    <span>{move || fill(t_string!(i18n, policy_effective), &[&from])}</span>
                                                    <span>{move || fill(t_string!(i18n, policy_article_count), &[&count])}</span>
                                                    {validity_badge(i18n, p.validity)}
                                                    {p.is_demo.then(|| demo_badge(i18n))}
                                                </p>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        <crate::common::page::Pagination page=page.page has_more=page.has_more href=page_href />
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn PolicyPage() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.with(|p| p.get("code").unwrap_or_default());
    let document = Resource::new(code, policy_document);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match document.await {
                    Ok(view) => view! { <PolicyDocument view /> }.into_any(),
                    Err(AppError::NotFound) => view! { <crate::common::page::NotFound /> }.into_any(),
                    Err(e) => load_error(e),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PolicyDocument(view: PolicyView) -> impl IntoView {
    let i18n = use_i18n();
    let PolicyView {
        policy,
        validity,
        services,
    } = view;
    let policy = StoredValue::new(policy);
    let services = StoredValue::new(services);
    let text = move |f: fn(&crate::policies::model::Policy) -> &crate::common::text::Text| {
        move || policy.with_value(|p| f(p).get(i18n.get_locale()).to_string())
    };
    let until = policy.with_value(|p| p.effective_until.clone());
    let from = policy.with_value(|p| p.effective_from.clone());
    let articles = policy.with_value(|p| p.articles.clone());
    view! {
        {page_title(move || with_site_name(policy.with_value(|p| p.title.get(i18n.get_locale()).to_string()), i18n))}
        <article class="mx-auto max-w-3xl" data-testid="policy">
            <p class="text-sm print:hidden"><a href="/policies" class="text-blue-800 underline">{t!(i18n, policy_back)}</a></p>
            <h1 class="mt-2 text-2xl font-bold text-slate-900">{text(|p| &p.title)}</h1>
            <p class="mt-2 flex flex-wrap items-center gap-2">
                {validity_badge(i18n, validity)}
                {policy.with_value(|p| p.is_demo).then(|| demo_badge(i18n))}
            </p>
            <dl class="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                <dt class="font-medium text-slate-700">{t!(i18n, policy_document_number)}</dt>
                <dd>{policy.with_value(|p| p.document_number.clone())}</dd>
                <dt class="font-medium text-slate-700">{t!(i18n, policy_issuer)}</dt>
                <dd>{text(|p| &p.issuer)}</dd>
                <dt class="font-medium text-slate-700">{t!(i18n, fld_effective_from)}</dt>
                <dd>{from}</dd>
                {(!until.is_empty()).then(|| view! {
                    <dt class="font-medium text-slate-700">{t!(i18n, fld_effective_until)}</dt>
                    <dd>{until.clone()}</dd>
                })}
            </dl>
            <p class="mt-4 text-slate-800">{text(|p| &p.summary)}</p>

            <nav aria-labelledby="policy-contents" class="mt-6 rounded-lg border border-slate-200 bg-white p-4 print:hidden">
                <h2 id="policy-contents" class="mb-2 font-semibold">{t!(i18n, policy_contents)}</h2>
                <ol class="grid gap-1 text-sm sm:grid-cols-2">
                    {articles.iter().map(|a| {
                        let number = a.number;
                        let title = a.title.clone();
                        view! {
                            <li><a class="text-blue-800 underline" href=format!("#article-{number}")>
                                {move || format!("{} {}", fill(t_string!(i18n, article_n), &[&number.to_string()]), title.get(i18n.get_locale()))}
                            </a></li>
                        }
                    }).collect_view()}
                </ol>
            </nav>

            {articles.into_iter().map(|a| {
                let number = a.number;
                let title = a.title.clone();
                let body = a.body.clone();
                let related: Vec<_> = services.with_value(|s| s.iter().filter(|(n, ..)| *n == number).cloned().collect());
                view! {
                    <section id=format!("article-{number}") aria-labelledby=format!("article-{number}-title") class="mt-6 scroll-mt-4">
                        <h2 id=format!("article-{number}-title") class="text-lg font-semibold">
                            {move || format!("{} {}", fill(t_string!(i18n, article_n), &[&number.to_string()]), title.get(i18n.get_locale()))}
                        </h2>
                        <p class="mt-1 whitespace-pre-line text-slate-800">{move || body.get(i18n.get_locale()).to_string()}</p>
                        {(!related.is_empty()).then(|| view! {
                            <p class="mt-2 text-sm">
                                <span class="font-medium">{t!(i18n, policy_services)}</span>" "
                                {related.into_iter().map(|(_, code, name)| view! {
                                    <a class="mr-3 text-blue-800 underline" href=format!("/services/{code}")>{move || name.get(i18n.get_locale()).to_string()}</a>
                                }).collect_view()}
                            </p>
                        })}
                    </section>
                }
            }).collect_view()}
        </article>
    }
}
