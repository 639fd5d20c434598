//! `/jobs/stats`: demand against the 90,000 target. Each chart is SVG drawn by the server
//! (no script needed) with a title screen readers announce, and the same numbers follow
//! as a table; `/jobs/stats.csv` has them for download.
use crate::accounts::pages::load_error;
use crate::format::group_thousands;
use crate::i18n::*;
use crate::jobs::api::job_stats;
use crate::layout::{page_title, with_site_name};
use leptos::prelude::*;

fn n(value: i64) -> String {
    group_thousands(value.max(0) as u64)
}

/// Horizontal bars, one per row, scaled to the largest value (or to `scale_to`).
#[component]
fn BarChart(
    id: &'static str,
    title: String,
    rows: Vec<(String, i64)>,
    #[prop(optional)] scale_to: Option<i64>,
) -> impl IntoView {
    const WIDTH: i64 = 640;
    const LABEL: i64 = 170;
    const ROW: i64 = 30;
    let max = scale_to
        .unwrap_or_else(|| rows.iter().map(|(_, v)| *v).max().unwrap_or(0))
        .max(1);
    let height = ROW * rows.len() as i64 + 10;
    let bar_space = WIDTH - LABEL - 90;
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-labelledby=labelled_by
            class="h-auto w-full max-w-3xl" data-testid=id>
            <title id=title_id>{title}</title>
            {rows.into_iter().enumerate().map(|(i, (label, value))| {
                let y = 5 + ROW * i as i64;
                let width = (value.max(0) * bar_space / max).max(if value > 0 { 2 } else { 0 });
                view! {
                    <g>
                        <text x=LABEL - 8 y=y + 19 text-anchor="end" font-size="14" fill="#0f172a">{label}</text>
                        <rect x=LABEL y=y + 4 width=width height=ROW - 10 rx="3" fill="#1e40af"></rect>
                        <text x=LABEL + width + 6 y=y + 19 font-size="14" fill="#0f172a">{n(value)}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}

/// Columns, one per month.
#[component]
fn ColumnChart(id: &'static str, title: String, rows: Vec<(String, i64)>) -> impl IntoView {
    const WIDTH: i64 = 640;
    const HEIGHT: i64 = 240;
    const BASE: i64 = 200;
    let max = rows.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let column = WIDTH / rows.len().max(1) as i64;
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-labelledby=labelled_by
            class="h-auto w-full max-w-3xl" data-testid=id>
            <title id=title_id>{title}</title>
            <line x1="0" y1=BASE x2=WIDTH y2=BASE stroke="#64748b" stroke-width="1"></line>
            {rows.into_iter().enumerate().map(|(i, (label, value))| {
                let height = (value.max(0) * (BASE - 30) / max).max(if value > 0 { 2 } else { 0 });
                let x = column * i as i64 + 6;
                view! {
                    <g>
                        <rect x=x y=BASE - height width=column - 12 height=height rx="2" fill="#047857"></rect>
                        <text x=x + (column - 12) / 2 y=BASE - height - 6 text-anchor="middle" font-size="12" fill="#0f172a">{n(value)}</text>
                        <text x=x + (column - 12) / 2 y=BASE + 18 text-anchor="middle" font-size="12" fill="#334155">{label[5..].to_string()}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }
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
                            (t_string!(i18n, demand_posted).to_string(), s.posted_headcount),
                            (t_string!(i18n, demand_hired).to_string(), s.hired),
                        ];
                        let industry_rows: Vec<(String, i64)> = s.by_industry.iter()
                            .map(|i| (i.name.get(locale).to_string(), i.headcount)).collect();
                        let month_rows: Vec<(String, i64)> = s.by_month.iter()
                            .map(|m| (m.month.clone(), m.headcount)).collect();
                        view! {
                            <p class="mb-4 text-sm text-slate-600">{crate::format::fill(t_string!(i18n, demand_as_of), &[&s.as_of])}</p>
                            <section class="mb-8" aria-labelledby="demand-progress">
                                <h2 id="demand-progress" class="mb-2 text-xl font-semibold">{t!(i18n, demand_progress)}</h2>
                                <p class="mb-2" data-testid="demand-summary">
                                    {crate::format::fill(t_string!(i18n, demand_progress_text), &[&n(s.posted_headcount), &n(s.target), &percent(s.posted_headcount), &n(s.hired)])}
                                </p>
                                <BarChart id="chart-progress" title=t_string!(i18n, demand_progress).to_string() rows=progress_rows scale_to=s.target />
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
                            <p><a class="text-blue-800 underline" href="/jobs/stats.csv" download data-testid="stats-csv" rel="external">{t!(i18n, demand_csv)}</a></p>
                        }
                    }).into_any()
                }
            })}
        </Suspense>
    }
}
