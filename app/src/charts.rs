//! Charts drawn by the server as SVG (no script needed), each with a title screen readers
//! announce. Pages put a table with the same numbers next to every chart.
use leptos::prelude::*;

/// One bar or column: its label, its length, and the figure written next to it.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub shown: String,
}

impl Bar {
    /// A whole number, written with thousands grouped.
    pub fn count(label: String, value: i64) -> Bar {
        Bar {
            label,
            value: value as f64,
            shown: crate::format::group_thousands(value.max(0) as u64),
        }
    }
}

fn length(value: f64, max: f64, space: i64) -> i64 {
    if value <= 0.0 {
        return 0;
    }
    ((value / max.max(f64::MIN_POSITIVE) * space as f64).round() as i64).clamp(2, space)
}

/// Horizontal bars, one per row, scaled to the largest value (or to `scale_to`).
#[component]
pub fn BarChart(
    id: &'static str,
    title: String,
    rows: Vec<Bar>,
    #[prop(optional)] scale_to: Option<f64>,
) -> impl IntoView {
    const WIDTH: i64 = 640;
    const LABEL: i64 = 190;
    const ROW: i64 = 30;
    let max = scale_to.unwrap_or_else(|| rows.iter().map(|b| b.value).fold(0.0, f64::max));
    let height = ROW * rows.len() as i64 + 10;
    let bar_space = WIDTH - LABEL - 100;
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-labelledby=labelled_by
            class="h-auto w-full max-w-3xl" data-testid=id>
            <title id=title_id>{title}</title>
            {rows.into_iter().enumerate().map(|(i, bar)| {
                let y = 5 + ROW * i as i64;
                let width = length(bar.value, max, bar_space);
                view! {
                    <g>
                        <text x=LABEL - 8 y=y + 19 text-anchor="end" font-size="14" fill="#0f172a">{bar.label}</text>
                        <rect x=LABEL y=y + 4 width=width height=ROW - 10 rx="3" fill="#1e40af"></rect>
                        <text x=LABEL + width + 6 y=y + 19 font-size="14" fill="#0f172a">{bar.shown}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}

/// Columns, one per period (a month, a week); labels are kept short by the caller.
#[component]
pub fn ColumnChart(id: &'static str, title: String, rows: Vec<Bar>) -> impl IntoView {
    const WIDTH: i64 = 640;
    const HEIGHT: i64 = 240;
    const BASE: i64 = 200;
    let max = rows.iter().map(|b| b.value).fold(0.0, f64::max);
    let column = WIDTH / rows.len().max(1) as i64;
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-labelledby=labelled_by
            class="h-auto w-full max-w-3xl" data-testid=id>
            <title id=title_id>{title}</title>
            <line x1="0" y1=BASE x2=WIDTH y2=BASE stroke="#64748b" stroke-width="1"></line>
            {rows.into_iter().enumerate().map(|(i, bar)| {
                let height = length(bar.value, max, BASE - 30);
                let x = column * i as i64 + 6;
                view! {
                    <g>
                        <rect x=x y=BASE - height width=column - 12 height=height rx="2" fill="#047857"></rect>
                        <text x=x + (column - 12) / 2 y=BASE - height - 6 text-anchor="middle" font-size="12" fill="#0f172a">{bar.shown}</text>
                        <text x=x + (column - 12) / 2 y=BASE + 18 text-anchor="middle" font-size="12" fill="#334155">{bar.label}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}

/// A bar chart's figures as a table: the same rows, for screen readers (which do not read
/// inside an SVG image) and for copying.
#[component]
pub fn BarTable(
    testid: &'static str,
    caption: String,
    label_header: String,
    value_header: String,
    rows: Vec<Bar>,
) -> impl IntoView {
    view! {
        <div class="mt-3 overflow-x-auto">
            <table class="border-collapse bg-white text-sm" data-testid=testid>
                <caption class="sr-only">{caption}</caption>
                <thead><tr>
                    <th scope="col" class="border border-slate-200 px-3 py-1 text-left">{label_header}</th>
                    <th scope="col" class="border border-slate-200 px-3 py-1 text-right">{value_header}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|bar| view! {
                        <tr>
                            <th scope="row" class="border border-slate-200 px-3 py-1 text-left font-normal">{bar.label}</th>
                            <td class="border border-slate-200 px-3 py-1 text-right tabular-nums">{bar.shown}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
