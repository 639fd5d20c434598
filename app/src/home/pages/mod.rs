//! Home page components.
use crate::catalogue::api::featured_services;
use crate::catalogue::pages::ServiceCard;
use crate::common::page::page_title;
use crate::format;
use crate::i18n::*;
use leptos::prelude::*;

/// The policy figures from the district's announcement, in fen.
pub const HIGH_LEVEL_SUBSIDY_FEN: i64 = 30_000_000 * 100;
pub const SCIENTIST_SUBSIDY_FEN: i64 = 100_000_000 * 100;
pub const GRADUATE_SUBSIDY_FEN: i64 = 10_000 * 100;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {page_title(move || {
            format!("{} · {}", t_string!(i18n, site_name), t_string!(i18n, site_tagline))
        })}
        <section aria-labelledby="home-title" class="py-6 sm:py-10">
            <h1 id="home-title" class="text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">
                {t!(i18n, home_title)}
            </h1>
            <p class="mt-4 max-w-3xl text-lg text-slate-700">{t!(i18n, home_lead)}</p>
        </section>
        <Promises />
        <Figures />
        <Featured />
    }
}

#[component]
fn Promises() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="promises-title" class="py-6">
            <h2 id="promises-title" class="text-2xl font-bold text-slate-900">
                {t!(i18n, promises_title)}
            </h2>
            <ul class="mt-4 grid gap-4 md:grid-cols-3">
                <li id="affairs" class="rounded-lg border-t-4 border-blue-900 bg-white p-5 shadow-sm">
                    <h3 class="text-xl font-semibold text-blue-900">{t!(i18n, promise_affairs_title)}</h3>
                    <p class="mt-2 text-slate-700">{t!(i18n, promise_affairs_text)}</p>
                </li>
                <li id="development" class="rounded-lg border-t-4 border-red-800 bg-white p-5 shadow-sm">
                    <h3 class="text-xl font-semibold text-red-800">{t!(i18n, promise_development_title)}</h3>
                    <p class="mt-2 text-slate-700">{t!(i18n, promise_development_text)}</p>
                </li>
                <li id="concerns" class="rounded-lg border-t-4 border-emerald-800 bg-white p-5 shadow-sm">
                    <h3 class="text-xl font-semibold text-emerald-800">{t!(i18n, promise_concerns_title)}</h3>
                    <p class="mt-2 text-slate-700">{t!(i18n, promise_concerns_text)}</p>
                </li>
            </ul>
        </section>
    }
}

#[component]
fn Figure(value: Signal<String>, children: Children) -> impl IntoView {
    view! {
        <div class="flex flex-col-reverse gap-1 rounded-lg bg-white p-5 shadow-sm">
            <dt class="text-slate-700">{children()}</dt>
            <dd class="text-2xl font-bold text-red-800 sm:text-3xl">{value}</dd>
        </div>
    }
}

#[component]
fn Figures() -> impl IntoView {
    let i18n = use_i18n();
    let money = move |fen: i64| Signal::derive(move || format::yuan(fen, i18n.get_locale()));
    let demand = Signal::derive(move || t_string!(i18n, figure_demand_value).to_string());
    view! {
        <section aria-labelledby="figures-title" class="py-6">
            <h2 id="figures-title" class="text-2xl font-bold text-slate-900">
                {t!(i18n, figures_title)}
            </h2>
            <dl class="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
                <Figure value=money(HIGH_LEVEL_SUBSIDY_FEN)>{t!(i18n, figure_high_level)}</Figure>
                <Figure value=money(SCIENTIST_SUBSIDY_FEN)>{t!(i18n, figure_scientist)}</Figure>
                <Figure value=money(GRADUATE_SUBSIDY_FEN)>{t!(i18n, figure_graduate)}</Figure>
                <Figure value=demand>{t!(i18n, figure_demand)}</Figure>
            </dl>
            <h3 class="mt-6 text-lg font-semibold text-slate-900">{t!(i18n, industries_title)}</h3>
            <ul class="mt-2 flex flex-wrap gap-2">
                <li class="rounded-full bg-blue-100 px-3 py-1 text-blue-900">{t!(i18n, industry_automobile)}</li>
                <li class="rounded-full bg-blue-100 px-3 py-1 text-blue-900">{t!(i18n, industry_electronics)}</li>
                <li class="rounded-full bg-blue-100 px-3 py-1 text-blue-900">{t!(i18n, industry_equipment)}</li>
                <li class="rounded-full bg-blue-100 px-3 py-1 text-blue-900">{t!(i18n, industry_biomedicine)}</li>
            </ul>
        </section>
    }
}

#[component]
fn Featured() -> impl IntoView {
    let i18n = use_i18n();
    let services = Resource::new(|| (), |_| featured_services());
    view! {
        <section aria-labelledby="featured-title" class="py-6">
            <h2 id="featured-title" class="text-2xl font-bold text-slate-900">
                {t!(i18n, featured_title)}
            </h2>
            <Suspense fallback=move || {
                view! { <p class="mt-4 text-slate-700">{t!(i18n, featured_loading)}</p> }
            }>
                {move || Suspend::new(async move {
                    match services.await {
                        Ok(items) if items.is_empty() => {
                            view! { <p class="mt-4 text-slate-700">{t!(i18n, featured_empty)}</p> }
                                .into_any()
                        }
                        Ok(items) => {
                            view! {
                                <ul class="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
                                    {items
                                        .into_iter()
                                        .map(|item| view! { <ServiceCard item /> })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Err(_) => {
                            view! {
                                <p role="alert" class="mt-4 text-red-800">{t!(i18n, featured_error)}</p>
                            }
                                .into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}
