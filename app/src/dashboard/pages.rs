//! `/staff/dashboard`: the office's figures for a period (a GET form, so a period can be
//! bookmarked and works without JavaScript). Every chart has a table with the same numbers.
use super::api::load_dashboard;
use super::model::*;
use crate::charts::{Bar, BarChart, BarTable};
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::exports::pages::ExportLink;
use crate::format::{fill, group_thousands, url_encode, yuan};
use crate::forms::BUTTON_CLASS;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

const INPUT: &str = "w-full min-w-0 rounded-md border border-slate-400 bg-white px-3 py-2";
const TH: &str = "border-b border-slate-300 px-3 py-2 text-left font-semibold";
const TD: &str = "border-b border-slate-200 px-3 py-2";
const NUM: &str = "border-b border-slate-200 px-3 py-2 text-right tabular-nums";

fn n(value: i64) -> String {
    group_thousands(value.max(0) as u64)
}

fn days(value: Option<f64>) -> String {
    value
        .map(|v| format!("{v:.1}"))
        .unwrap_or_else(|| "–".into())
}

fn percent(value: Option<f64>) -> String {
    value
        .map(|v| format!("{v:.1}%"))
        .unwrap_or_else(|| "–".into())
}

/// One headline figure.
#[component]
fn Figure(label: String, value: String, #[prop(optional)] testid: &'static str) -> impl IntoView {
    view! {
        <div class="rounded-lg border border-slate-200 bg-white p-3">
            <dt class="text-sm text-slate-700">{label}</dt>
            <dd class="text-2xl font-semibold tabular-nums text-slate-900" data-testid=testid>{value}</dd>
        </div>
    }
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let query_map = use_query_map();
    let period = move || {
        query_map.with(|m| PeriodQuery {
            from: m.get("from").unwrap_or_default(),
            to: m.get("to").unwrap_or_default(),
        })
    };
    let figures = Resource::new(period, load_dashboard);
    view! {
        {page_title(move || with_site_name(t_string!(i18n, dashboard_title).to_string(), i18n))}
        <h1 class="mb-4 text-2xl font-bold text-slate-900">{t!(i18n, dashboard_title)}</h1>
        {move || {
            let p = period();
            view! {
                <form method="get" action="/staff/dashboard" class="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
                    <div class="flex min-w-0 flex-col gap-1">
                        <label for="period-from" class="text-sm font-medium">{t!(i18n, dashboard_from)}</label>
                        <input id="period-from" name="from" type="date" value=p.from.clone() class=INPUT />
                    </div>
                    <div class="flex min-w-0 flex-col gap-1">
                        <label for="period-to" class="text-sm font-medium">{t!(i18n, dashboard_to)}</label>
                        <input id="period-to" name="to" type="date" value=p.to.clone() class=INPUT />
                    </div>
                    <button type="submit" class=BUTTON_CLASS data-testid="dashboard-show">{t!(i18n, dashboard_show)}</button>
                </form>
            }
        }}
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match figures.await {
                    Err(e) => load_error(e),
                    Ok(d) => (move || view! { <DashboardBody d=d.clone() /> }).into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DashboardBody(d: Dashboard) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let case_bars = vec![
        Bar::count(t_string!(i18n, dashboard_received).to_string(), d.received),
        Bar::count(t_string!(i18n, dashboard_accepted).to_string(), d.accepted),
        Bar::count(t_string!(i18n, dashboard_decided).to_string(), d.decided),
        Bar::count(t_string!(i18n, dashboard_approved).to_string(), d.approved),
        Bar::count(t_string!(i18n, dashboard_late).to_string(), d.decided_late),
        Bar::count(
            t_string!(i18n, dashboard_overdue_now).to_string(),
            d.overdue_now,
        ),
    ];
    let day_bars: Vec<Bar> = d
        .items
        .iter()
        .filter(|i| i.average_days.is_some())
        .map(|i| Bar {
            label: i.item_name.get(locale).to_string(),
            value: i.average_days.unwrap_or(0.0),
            shown: fill(
                t_string!(i18n, dashboard_days_bar),
                &[
                    &days(i.average_days),
                    &i.p90_days.map(|p| p.to_string()).unwrap_or_default(),
                ],
            ),
        })
        .collect();
    let concern_bars = vec![
        Bar::count(
            t_string!(i18n, dashboard_concerns_raised).to_string(),
            d.concerns_raised,
        ),
        Bar::count(
            t_string!(i18n, dashboard_concerns_open).to_string(),
            d.concerns_open,
        ),
        Bar::count(
            t_string!(i18n, dashboard_concerns_overdue).to_string(),
            d.concerns_overdue,
        ),
    ];
    let followup_bars = vec![
        Bar::count(
            t_string!(i18n, dashboard_followups_opened).to_string(),
            d.followups_opened,
        ),
        Bar::count(
            t_string!(i18n, dashboard_followups_done).to_string(),
            d.followups_done,
        ),
        Bar::count(
            t_string!(i18n, dashboard_followups_on_time).to_string(),
            d.followups_on_time,
        ),
        Bar::count(
            t_string!(i18n, dashboard_followups_overdue).to_string(),
            d.followups_overdue,
        ),
    ];
    let rating = d
        .rating_average()
        .map(|r| {
            fill(
                t_string!(i18n, dashboard_rating_value),
                &[&format!("{r:.2}"), &n(d.ratings)],
            )
        })
        .unwrap_or_else(|| "–".into());
    let export_query = format!("from={}&to={}", url_encode(&d.from), url_encode(&d.to));
    view! {
        <p class="mb-4 text-sm text-slate-600" data-testid="dashboard-period">
            {fill(t_string!(i18n, dashboard_period_text), &[&d.from, &d.to, &d.as_of])}
        </p>
        <dl class="mb-8 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <Figure label=t_string!(i18n, dashboard_received).to_string() value=n(d.received) testid="fig-received" />
            <Figure label=t_string!(i18n, dashboard_decided).to_string() value=n(d.decided) testid="fig-decided" />
            <Figure label=t_string!(i18n, dashboard_approval_rate).to_string() value=percent(d.approval_rate()) testid="fig-approval" />
            <Figure label=t_string!(i18n, dashboard_overdue_now).to_string() value=n(d.overdue_now) testid="fig-overdue" />
            <Figure label=t_string!(i18n, dashboard_limits_near).to_string()
                value=fill(t_string!(i18n, dashboard_limits_near_value), &[&n(d.acceptance_near), &n(d.decision_near), &n(d.supplement_near)]) testid="fig-limits-near" />
            <Figure label=t_string!(i18n, dashboard_deemed_accepted).to_string() value=n(d.deemed_accepted) testid="fig-deemed" />
            <Figure label=t_string!(i18n, dashboard_bundles).to_string()
                value=fill(t_string!(i18n, dashboard_bundles_value), &[&n(d.bundles.submitted), &n(d.bundles.completed), &days(d.bundles.average_days)]) testid="fig-bundles" />
            <Figure label=t_string!(i18n, dashboard_average_days).to_string() value=days(d.average_days) testid="fig-average" />
            <Figure label=t_string!(i18n, dashboard_p90_days).to_string() value=d.p90_days.map(|p| p.to_string()).unwrap_or_else(|| "–".into()) testid="fig-p90" />
            <Figure label=t_string!(i18n, dashboard_amount_approved).to_string() value=yuan(d.approved_fen, locale) testid="fig-approved-amount" />
            <Figure label=t_string!(i18n, dashboard_amount_disbursed).to_string()
                value=fill(t_string!(i18n, dashboard_disbursed_value), &[&yuan(d.disbursed_fen, locale), &n(d.disbursed)]) testid="fig-disbursed" />
            <Figure label=t_string!(i18n, dashboard_rating).to_string() value=rating testid="fig-rating" />
            <Figure label=t_string!(i18n, dashboard_concerns_open).to_string()
                value=fill(t_string!(i18n, dashboard_open_overdue), &[&n(d.concerns_open), &n(d.concerns_overdue)]) testid="fig-concerns" />
        </dl>
        <section class="mb-8" aria-labelledby="dash-cases">
            <h2 id="dash-cases" class="mb-2 text-xl font-semibold">{t!(i18n, dashboard_cases)}</h2>
            <BarChart id="chart-cases" title=t_string!(i18n, dashboard_cases).to_string() rows=case_bars.clone() />
            <BarTable testid="cases-table" caption=t_string!(i18n, dashboard_cases).to_string() label_header=t_string!(i18n, dashboard_figure).to_string()
                value_header=t_string!(i18n, dashboard_count).to_string() rows=case_bars />
        </section>
        <section class="mb-8" aria-labelledby="dash-items">
            <h2 id="dash-items" class="mb-2 text-xl font-semibold">{t!(i18n, dashboard_by_item)}</h2>
            <BarChart id="chart-days" title=t_string!(i18n, dashboard_by_item).to_string() rows=day_bars />
            <div class="mt-3 overflow-x-auto">
                <table class="min-w-full border-collapse bg-white text-sm" data-testid="items-table">
                    <caption class="sr-only">{t!(i18n, dashboard_by_item)}</caption>
                    <thead><tr>
                        <th scope="col" class=TH>{t!(i18n, col_service)}</th>
                        <th scope="col" class=TH>{t!(i18n, dashboard_received)}</th>
                        <th scope="col" class=TH>{t!(i18n, dashboard_decided)}</th>
                        <th scope="col" class=TH>{t!(i18n, dashboard_approved)}</th>
                        <th scope="col" class=TH>{t!(i18n, dashboard_late)}</th>
                        <th scope="col" class=TH>{t!(i18n, dashboard_average_days)}</th>
                        <th scope="col" class=TH>{t!(i18n, dashboard_p90_days)}</th>
                        <th scope="col" class=TH>{t!(i18n, dashboard_amount_approved)}</th>
                    </tr></thead>
                    <tbody>
                        {d.items.iter().map(|i| view! {
                            <tr data-item=i.item_code.clone()>
                                <th scope="row" class=TD>{i.item_name.get(locale).to_string()}</th>
                                <td class=NUM>{n(i.received)}</td>
                                <td class=NUM>{n(i.decided)}</td>
                                <td class=NUM>{n(i.approved)}</td>
                                <td class=NUM>{n(i.decided_late)}</td>
                                <td class=NUM>{days(i.average_days)}</td>
                                <td class=NUM>{i.p90_days.map(|p| p.to_string()).unwrap_or_else(|| "–".into())}</td>
                                <td class=NUM>{yuan(i.approved_fen, locale)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <section class="mb-8" aria-labelledby="dash-concerns">
            <h2 id="dash-concerns" class="mb-2 text-xl font-semibold">{t!(i18n, dashboard_concerns)}</h2>
            <BarChart id="chart-concerns" title=t_string!(i18n, dashboard_concerns).to_string() rows=concern_bars.clone() />
            <BarTable testid="concerns-table" caption=t_string!(i18n, dashboard_concerns).to_string() label_header=t_string!(i18n, dashboard_figure).to_string()
                value_header=t_string!(i18n, dashboard_count).to_string() rows=concern_bars />
        </section>
        <section class="mb-8" aria-labelledby="dash-followups">
            <h2 id="dash-followups" class="mb-2 text-xl font-semibold">{t!(i18n, dashboard_followups)}</h2>
            <p class="mb-2" data-testid="followup-completion">
                {t!(i18n, dashboard_followups_rate)} ": " {percent(d.follow_up_completion())}
                " · " <a class="text-blue-800 underline" href="/staff/followups">{t!(i18n, followups_title)}</a>
            </p>
            <BarChart id="chart-followups" title=t_string!(i18n, dashboard_followups).to_string() rows=followup_bars.clone() />
            <BarTable testid="followups-table" caption=t_string!(i18n, dashboard_followups).to_string() label_header=t_string!(i18n, dashboard_figure).to_string()
                value_header=t_string!(i18n, dashboard_count).to_string() rows=followup_bars />
        </section>
        <section class="mb-8" aria-labelledby="dash-bad">
            <h2 id="dash-bad" class="mb-2 text-xl font-semibold">{t!(i18n, ratings_bad)}</h2>
            {if d.bad_reviews.is_empty() {
                view! { <p class="text-slate-700">{t!(i18n, ratings_bad_none)}</p> }.into_any()
            } else {
                view! {
                    <ul class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="bad-reviews">
                        {d.bad_reviews.iter().map(|b| view! {
                            <li class="px-4 py-2">
                                <a class="font-mono text-blue-800 underline" href=format!("/cases/{}", b.case_id)>{b.number.clone()}</a>
                                " · " {b.item_name.get(locale).to_string()} " · " <crate::common::satisfaction::LevelName level=b.rating /> " · " {b.comment.clone()}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <p class="flex flex-col gap-2">
            <ExportLink href=format!("/staff/exports/cases.csv?{export_query}") label=t_string!(i18n, export_cases).to_string() testid="export-cases" />
            <ExportLink href=format!("/staff/exports/concerns.csv?{export_query}") label=t_string!(i18n, export_concerns).to_string() testid="export-concerns" />
        </p>
    }
}
