//! `/statistics`: the office's public figures for a year, as charts with tables and CSV.
use super::api::load_open_data;
use super::model::*;
use crate::catalogue::pages::category_label;
use crate::charts::{Bar, BarChart, BarTable};
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::format::{fill, group_thousands, yuan};
use crate::i18n::*;
use crate::links::FileLink;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

const TH: &str = "border-b border-slate-300 px-3 py-2 text-left font-semibold";
const TD: &str = "border-b border-slate-200 px-3 py-2";
const NUM: &str = "border-b border-slate-200 px-3 py-2 text-right tabular-nums";

fn n(value: i64) -> String {
    group_thousands(value.max(0) as u64)
}

fn one_decimal(value: Option<f64>, suffix: &str) -> String {
    value
        .map(|v| format!("{v:.1}{suffix}"))
        .unwrap_or_else(|| "–".into())
}

#[component]
pub fn OpenDataPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let year = move || query.with(|m| m.get("year").and_then(|y| y.parse().ok()).unwrap_or(0));
    let figures = Resource::new(year, load_open_data);
    view! {
        {page_title(move || with_site_name(t_string!(i18n, opendata_title).to_string(), i18n))}
        <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, opendata_title)}</h1>
        <p class="mt-1 mb-4 text-slate-700">{t!(i18n, opendata_lead)}</p>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match figures.await {
                    Err(e) => load_error(e),
                    Ok(data) => (move || view! { <OpenDataBody data=data.clone() /> }).into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OpenDataBody(data: OpenData) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let delivered_bars: Vec<Bar> = data
        .services
        .iter()
        .map(|s| Bar::count(s.name.get(locale).to_string(), s.delivered))
        .collect();
    let paid_by_category: Vec<Bar> = data
        .by_category()
        .into_iter()
        .map(|c| Bar {
            label: category_label(i18n, c.category),
            value: c.disbursed_fen as f64,
            shown: yuan(c.disbursed_fen, locale),
        })
        .collect();
    let demand_bars = vec![
        Bar::count(
            t_string!(i18n, demand_posted).to_string(),
            data.demand_posted,
        ),
        Bar::count(t_string!(i18n, demand_hired).to_string(), data.demand_hired),
    ];
    let year = data.year;
    view! {
        <nav class="mb-4 flex flex-wrap gap-4" aria-label=move || t_string!(i18n, opendata_years)>
            {data.years.iter().map(|y| {
                let current = *y == year;
                view! {
                    <a class="text-blue-800 underline aria-[current=page]:font-bold aria-[current=page]:no-underline"
                        href=format!("/statistics?year={y}") aria-current=current.then_some("page")>{y.to_string()}</a>
                }
            }).collect_view()}
        </nav>
        <p class="mb-4 text-sm text-slate-600">{fill(t_string!(i18n, demand_as_of), &[&data.as_of])}</p>
        <dl class="mb-8 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <div class="rounded-lg border border-slate-200 bg-white p-3">
                <dt class="text-sm text-slate-700">{t!(i18n, opendata_delivered)}</dt>
                <dd class="text-2xl font-semibold tabular-nums" data-testid="open-delivered">{n(data.delivered)}</dd>
            </div>
            <div class="rounded-lg border border-slate-200 bg-white p-3">
                <dt class="text-sm text-slate-700">{t!(i18n, dashboard_average_days)}</dt>
                <dd class="text-2xl font-semibold tabular-nums">{one_decimal(data.average_days, "")}</dd>
            </div>
            <div class="rounded-lg border border-slate-200 bg-white p-3">
                <dt class="text-sm text-slate-700">{t!(i18n, opendata_on_time)}</dt>
                <dd class="text-2xl font-semibold tabular-nums">{one_decimal(data.on_time_rate(), "%")}</dd>
            </div>
            <div class="rounded-lg border border-slate-200 bg-white p-3">
                <dt class="text-sm text-slate-700">{t!(i18n, opendata_satisfaction)}</dt>
                <dd class="text-2xl font-semibold tabular-nums" data-testid="open-satisfaction">
                    {one_decimal(data.satisfaction(), "%")}
                </dd>
                <dd class="text-sm text-slate-700">{fill(t_string!(i18n, opendata_ratings), &[&n(data.ratings)])}</dd>
            </div>
        </dl>
        <section class="mb-8" aria-labelledby="open-services">
            <h2 id="open-services" class="mb-2 text-xl font-semibold">{t!(i18n, opendata_by_service)}</h2>
            <BarChart id="chart-delivered" title=t_string!(i18n, opendata_by_service).to_string() rows=delivered_bars />
            <div class="mt-3 overflow-x-auto">
                <table class="min-w-full border-collapse bg-white text-sm" data-testid="open-table">
                    <caption class="sr-only">{t!(i18n, opendata_by_service)}</caption>
                    <thead><tr>
                        <th scope="col" class=TH>{t!(i18n, col_service)}</th>
                        <th scope="col" class=TH>{t!(i18n, opendata_delivered)}</th>
                        <th scope="col" class=TH>{t!(i18n, dashboard_approved)}</th>
                        <th scope="col" class=TH>{t!(i18n, dashboard_average_days)}</th>
                        <th scope="col" class=TH>{t!(i18n, opendata_paid)}</th>
                    </tr></thead>
                    <tbody>
                        {data.services.iter().map(|s| view! {
                            <tr>
                                <th scope="row" class=TD>{s.name.get(locale).to_string()}</th>
                                <td class=NUM>{n(s.delivered)}</td>
                                <td class=NUM>{n(s.approved)}</td>
                                <td class=NUM>{one_decimal(s.average_days, "")}</td>
                                <td class=NUM>{yuan(s.disbursed_fen, locale)}</td>
                            </tr>
                        }).collect_view()}
                        <tr class="font-semibold">
                            <th scope="row" class=TD>{t!(i18n, demand_total)}</th>
                            <td class=NUM>{n(data.delivered)}</td>
                            <td class=NUM>{n(data.approved)}</td>
                            <td class=NUM>{one_decimal(data.average_days, "")}</td>
                            <td class=NUM data-testid="open-paid-total">{yuan(data.disbursed_fen, locale)}</td>
                        </tr>
                    </tbody>
                </table>
            </div>
        </section>
        <RatingTables year departments=data.rating_departments.clone() months=data.rating_months.clone() />
        <section class="mb-8" aria-labelledby="open-paid">
            <h2 id="open-paid" class="mb-2 text-xl font-semibold">{t!(i18n, opendata_paid_by_category)}</h2>
            <BarChart id="chart-paid" title=t_string!(i18n, opendata_paid_by_category).to_string() rows=paid_by_category.clone() />
            <BarTable testid="paid-by-category" caption=t_string!(i18n, opendata_paid_by_category).to_string()
                label_header=t_string!(i18n, opendata_category).to_string() value_header=t_string!(i18n, opendata_paid).to_string()
                rows=paid_by_category />
        </section>
        <section class="mb-8" aria-labelledby="open-demand">
            <h2 id="open-demand" class="mb-2 text-xl font-semibold">{t!(i18n, demand_progress)}</h2>
            <p class="mb-2">
                {fill(t_string!(i18n, demand_progress_text), &[&n(data.demand_posted), &n(data.demand_target),
                    &format!("{:.1}%", data.demand_posted as f64 * 100.0 / data.demand_target.max(1) as f64), &n(data.demand_hired)])}
            </p>
            <BarChart id="chart-demand" title=t_string!(i18n, demand_progress).to_string() rows=demand_bars.clone() scale_to=data.demand_target as f64 />
            <BarTable testid="demand-table" caption=t_string!(i18n, demand_progress).to_string()
                label_header=t_string!(i18n, dashboard_figure).to_string() value_header=t_string!(i18n, dashboard_count).to_string()
                rows=demand_bars />
        </section>
        <p class="flex flex-wrap gap-4">
            <FileLink href=format!("/statistics.csv?year={year}") download=true testid="open-csv">{t!(i18n, opendata_csv)}</FileLink>
            <a class="text-blue-800 underline" href="/jobs/stats">{t!(i18n, demand_title)}</a>
        </p>
    }
}

/// 好差评 published as the rules require: per handling department and per month, how many
/// ratings, the share satisfied, and the bad reviews followed up in time.
#[component]
fn RatingTables(
    year: i32,
    departments: Vec<DepartmentRatings>,
    months: Vec<MonthRatings>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let head = move |first: String| {
        view! {
            <thead><tr>
                <th scope="col" class=TH>{first}</th>
                <th scope="col" class=TH>{t!(i18n, opendata_rated)}</th>
                <th scope="col" class=TH>{t!(i18n, opendata_satisfaction)}</th>
                <th scope="col" class=TH>{t!(i18n, opendata_bad)}</th>
                <th scope="col" class=TH>{t!(i18n, opendata_followed_up)}</th>
            </tr></thead>
        }
    };
    let cells = |f: RatingFigures| {
        view! {
            <td class=NUM>{n(f.rated)}</td>
            <td class=NUM>{one_decimal(f.satisfied_share(), "%")}</td>
            <td class=NUM>{n(f.bad)}</td>
            <td class=NUM>{format!("{} ({})", n(f.bad_followed_up_in_time), one_decimal(f.followed_up_share(), "%"))}</td>
        }
    };
    view! {
        <section class="mb-8" aria-labelledby="open-ratings">
            <h2 id="open-ratings" class="mb-2 text-xl font-semibold">{t!(i18n, opendata_ratings_title)}</h2>
            <p class="mb-3 text-sm text-slate-700">{t!(i18n, opendata_ratings_lead)}</p>
            <div class="mb-4 overflow-x-auto">
                <table class="min-w-full border-collapse bg-white text-sm" data-testid="ratings-by-department">
                    <caption class="mb-1 text-left font-medium">{t!(i18n, opendata_by_department)}</caption>
                    {head(t_string!(i18n, opendata_department).to_string())}
                    <tbody>
                        {if departments.is_empty() {
                            view! { <tr><td class=TD colspan="5">{t!(i18n, opendata_no_ratings)}</td></tr> }.into_any()
                        } else {
                            departments.into_iter().map(|d| view! {
                                <tr>
                                    <th scope="row" class=TD>{d.department.get(locale).to_string()}</th>
                                    {cells(d.figures)}
                                </tr>
                            }).collect_view().into_any()
                        }}
                    </tbody>
                </table>
            </div>
            <div class="overflow-x-auto">
                <table class="min-w-full border-collapse bg-white text-sm" data-testid="ratings-by-month">
                    <caption class="mb-1 text-left font-medium">{t!(i18n, opendata_by_month)}</caption>
                    {head(t_string!(i18n, opendata_month).to_string())}
                    <tbody>
                        {months.into_iter().map(|m| view! {
                            <tr>
                                <th scope="row" class=TD>{format!("{year}-{:02}", m.month)}</th>
                                {cells(m.figures)}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
