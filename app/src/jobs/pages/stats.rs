//! `/jobs/stats`: demand against the 90,000 target. Each chart is SVG drawn by the server
//! (no script needed) with a title screen readers announce, and the same numbers follow
//! as a table; `/jobs/stats.csv` has them for download.
use crate::charts::{Bar, BarChart, ColumnChart};
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::format::group_thousands;
use crate::i18n::*;
use crate::jobs::api::job_stats;
use crate::links::FileLink;
use leptos::prelude::*;

fn n(value: i64) -> String {
    group_thousands(value.max(0) as u64)
}

#[component]
pub fn DemandStatsPage() -> impl IntoView {
    let i18n = use_i18n();
    let stats = Resource::new(|| (), |_| job_stats());
    let th = "border-b border-slate-300 px-3 py-2 text-left font-semibold";
    let td = "border-b border-slate-200 px-3 py-2";
    let td_num = "border-b border-slate-200 px-3 py-2 text-right tabular-nums";
    view! {
        {page_title(move || with_site_name(t_string!(i18n, demand_title).to_string(), i18n))}
        <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, demand_title)}</h1>
        <p class="mt-1 mb-4 text-slate-700">{t!(i18n, demand_lead)}</p>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match stats.await {
                    Err(e) => load_error(e),
                    // Drawn again when the language changes (reads after the await are not
                    // tracked, so the closure reads the language itself).
                    Ok(stats) => (move || {
                        let s = stats.clone();
                        let locale = i18n.get_locale();
                        let percent = |part: i64| format!("{:.1}%", part as f64 * 100.0 / s.target.max(1) as f64);
                        let progress_rows = vec![
                            Bar::count(t_string!(i18n, demand_posted).to_string(), s.posted_headcount),
                            Bar::count(t_string!(i18n, demand_hired).to_string(), s.hired),
                        ];
                        let industry_rows: Vec<Bar> = s.by_industry.iter()
                            .map(|i| Bar::count(i.name.get(locale).to_string(), i.headcount)).collect();
                        let month_rows: Vec<Bar> = s.by_month.iter()
                            .map(|m| Bar::count(m.month[5..].to_string(), m.headcount)).collect();
                        view! {
                            <p class="mb-4 text-sm text-slate-600">{crate::format::fill(t_string!(i18n, demand_as_of), &[&s.as_of])}</p>
                            <section class="mb-8" aria-labelledby="demand-progress">
                                <h2 id="demand-progress" class="mb-2 text-xl font-semibold">{t!(i18n, demand_progress)}</h2>
                                <p class="mb-2" data-testid="demand-summary">
                                    {crate::format::fill(t_string!(i18n, demand_progress_text), &[&n(s.posted_headcount), &n(s.target), &percent(s.posted_headcount), &n(s.hired)])}
                                </p>
                                <BarChart id="chart-progress" title=t_string!(i18n, demand_progress).to_string() rows=progress_rows scale_to=s.target as f64 />
                            </section>
                            <section class="mb-8" aria-labelledby="demand-industry">
                                <h2 id="demand-industry" class="mb-2 text-xl font-semibold">{t!(i18n, demand_by_industry)}</h2>
                                <BarChart id="chart-industry" title=t_string!(i18n, demand_by_industry).to_string() rows=industry_rows />
                                <div class="mt-3 overflow-x-auto">
                                    <table class="min-w-full border-collapse bg-white text-sm" data-testid="industry-table">
                                        <caption class="sr-only">{t!(i18n, demand_by_industry)}</caption>
                                        <thead><tr>
                                            <th scope="col" class=th>{t!(i18n, job_industry)}</th>
                                            <th scope="col" class=th>{t!(i18n, demand_open_posts)}</th>
                                            <th scope="col" class=th>{t!(i18n, demand_open_headcount)}</th>
                                        </tr></thead>
                                        <tbody>
                                            {s.by_industry.iter().map(|i| view! {
                                                <tr><th scope="row" class=td>{i.name.get(locale).to_string()}</th>
                                                    <td class=td_num>{n(i.posts)}</td><td class=td_num>{n(i.headcount)}</td></tr>
                                            }).collect_view()}
                                            <tr class="font-semibold"><th scope="row" class=td>{t!(i18n, demand_total)}</th>
                                                <td class=td_num data-testid="total-posts">{n(s.open_posts)}</td>
                                                <td class=td_num data-testid="total-headcount">{n(s.open_headcount)}</td></tr>
                                        </tbody>
                                    </table>
                                </div>
                            </section>
                            <section class="mb-8" aria-labelledby="demand-month">
                                <h2 id="demand-month" class="mb-2 text-xl font-semibold">{t!(i18n, demand_by_month)}</h2>
                                <ColumnChart id="chart-month" title=t_string!(i18n, demand_by_month).to_string() rows=month_rows />
                                <div class="mt-3 overflow-x-auto">
                                    <table class="min-w-full border-collapse bg-white text-sm">
                                        <caption class="sr-only">{t!(i18n, demand_by_month)}</caption>
                                        <thead><tr>
                                            <th scope="col" class=th>{t!(i18n, demand_month)}</th>
                                            <th scope="col" class=th>{t!(i18n, demand_published_headcount)}</th>
                                        </tr></thead>
                                        <tbody>
                                            {s.by_month.iter().map(|m| view! {
                                                <tr><th scope="row" class=td>{m.month.clone()}</th><td class=td_num>{n(m.headcount)}</td></tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            </section>
                            <p><FileLink href="/jobs/stats.csv".to_string() download=true testid="stats-csv">{t!(i18n, demand_csv)}</FileLink></p>
                        }
                    }).into_any()
                }
            })}
        </Suspense>
    }
}
