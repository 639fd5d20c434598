//! The "your data" part of the account page.
use crate::i18n::*;
use leptos::prelude::*;

/// Links to download one's own data: plain links (`rel="external"`, so the router hands
/// them to the browser), the same without JavaScript.
#[component]
pub fn MyData() -> impl IntoView {
    let i18n = use_i18n();
    let link = "inline-block rounded-md border border-slate-300 px-3 py-2 text-sm font-medium text-blue-800 underline hover:bg-slate-50";
    view! {
        <section aria-labelledby="my-data-title" class="rounded-lg border border-slate-200 bg-white p-5 lg:col-span-2" data-testid="my-data">
            <h2 id="my-data-title" class="mb-3 text-lg font-semibold">{t!(i18n, my_data_title)}</h2>
            <p class="mb-4 text-sm text-slate-700">{t!(i18n, my_data_hint)}</p>
            <div class="flex flex-wrap gap-3">
                <a href="/account/data.json" rel="external" download class=link data-testid="my-data-json">{t!(i18n, my_data_json)}</a>
                <a href="/account/data.csv" rel="external" download class=link data-testid="my-data-csv">{t!(i18n, my_data_csv)}</a>
            </div>
        </section>
    }
}
