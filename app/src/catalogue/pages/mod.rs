//! Catalogue pages: the searchable list of services and the guide of each.
mod admin;
pub mod form;
mod guide;
mod list;

pub use admin::{ServiceEditorPage, ServicesAdminPage};
pub use guide::GuidePage;
pub use list::ServicesPage;

use crate::catalogue::model::{Applicant, Category, ServiceSummary};
use crate::format;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// A service item as a card: name, summary, promised time limit and the highest amount.
#[component]
pub fn ServiceCard(item: ServiceSummary) -> impl IntoView {
    let i18n = use_i18n();
    let item = StoredValue::new(item);
    let name = move || item.with_value(|it| it.name(i18n.get_locale()).to_string());
    let summary = move || item.with_value(|it| it.summary(i18n.get_locale()).to_string());
    let days = move || item.with_value(|it| it.time_limit_days);
    let amount = item.with_value(|it| it.max_amount_fen);
    let is_demo = item.with_value(|it| it.is_demo);
    view! {
        <li class="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h3 class="text-lg font-semibold text-slate-900">
                <a href=format!("/services/{}", item.with_value(|it| it.code.clone())) class="hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-800">
                    {name}
                </a>
            </h3>
            <p class="text-slate-700">{summary}</p>
            <ul class="mt-auto flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
                <li>{t!(i18n, service_time_limit, days)}</li>
                {amount
                    .map(|fen| {
                        let amount = move || format::yuan(fen, i18n.get_locale());
                        view! {
                            <li class="font-semibold text-red-800">
                                {t!(i18n, service_max_amount, amount)}
                            </li>
                        }
                    })}
                <li>{t!(i18n, service_fee_none)}</li>
            </ul>
            {is_demo
                .then(|| {
                    view! {
                        <p class="self-start rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">
                            {t!(i18n, demo_badge)}
                        </p>
                    }
                })}
        </li>
    }
}

pub fn category_label(i18n: I18nContext<Locale>, category: Category) -> String {
    match category {
        Category::HighLevel => t_string!(i18n, category_high_level).to_string(),
        Category::Education => t_string!(i18n, category_education).to_string(),
        Category::Health => t_string!(i18n, category_health).to_string(),
        Category::HighSkilled => t_string!(i18n, category_high_skilled).to_string(),
    }
}

pub fn applicant_label(i18n: I18nContext<Locale>, applicant: Applicant) -> String {
    match applicant {
        Applicant::Talent => t_string!(i18n, applicant_talent).to_string(),
        Applicant::Enterprise => t_string!(i18n, applicant_enterprise).to_string(),
    }
}
