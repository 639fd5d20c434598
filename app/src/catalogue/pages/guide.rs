//! `/services/:code`: the service guide (办事指南), laid out like the printed guides of
//! government service halls, and printable.
use super::{applicant_label, category_label};
use crate::catalogue::api::service_guide;
use crate::catalogue::model::ServiceItem;
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::forms::SECONDARY_BUTTON_CLASS;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn GuidePage() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.with(|p| p.get("code").unwrap_or_default());
    let item = Resource::new(code, service_guide);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match item.await {
                    Ok(item) => view! { <Guide item /> }.into_any(),
                    Err(crate::error::AppError::NotFound) => view! { <crate::common::page::NotFound /> }.into_any(),
                    Err(e) => load_error(e),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Guide(item: ServiceItem) -> impl IntoView {
    let i18n = use_i18n();
    let item = StoredValue::new(item);
    let text = move |f: fn(&ServiceItem) -> &crate::common::text::Text| {
        move || item.with_value(|it| f(it).get(i18n.get_locale()).to_string())
    };
    let code = item.with_value(|it| it.code.clone());
    let row = |label: AnyView, value: AnyView| {
        view! {
            <tr>
                <th scope="row" class="w-40 bg-slate-50 px-3 py-2 text-left align-top font-medium text-slate-700">{label}</th>
                <td class="px-3 py-2">{value}</td>
            </tr>
        }
    };
    view! {
        {page_title(move || with_site_name(item.with_value(|it| it.name.get(i18n.get_locale()).to_string()), i18n))}
        <article class="mx-auto max-w-3xl" data-testid="guide">
            <p class="text-sm print:hidden"><a href="/services" class="text-blue-800 underline">{t!(i18n, guide_back)}</a></p>
            <h1 class="mt-2 text-2xl font-bold text-slate-900">{text(|it| &it.name)}</h1>
            {item.with_value(|it| it.is_demo).then(|| view! {
                <p class="mt-2 inline-block rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">{t!(i18n, demo_badge)}</p>
            })}
            <p class="mt-3 text-slate-700">{text(|it| &it.summary)}</p>
            <div class="mt-4 flex flex-wrap gap-3 print:hidden">
                <crate::cases::pages::ApplyButton item=item.get_value() />
                <a href="/eligibility" class=SECONDARY_BUTTON_CLASS>{t!(i18n, guide_check)}</a>
                <crate::forms::PrintButton label=Signal::derive(move || t_string!(i18n, guide_print).to_string()) />
            </div>

            <section aria-labelledby="guide-basic" class="mt-6">
                <h2 id="guide-basic" class="mb-2 text-lg font-semibold">{t!(i18n, guide_basic)}</h2>
                <table class="w-full border border-slate-200 bg-white text-sm">
                    <tbody class="divide-y divide-slate-200">
                        {row(t!(i18n, guide_code).into_any(), view! { <span class="font-mono">{code.clone()}</span> }.into_any())}
                        {row(t!(i18n, guide_category).into_any(), (move || category_label(i18n, item.with_value(|it| it.category))).into_any())}
                        {row(t!(i18n, guide_applicant).into_any(), (move || applicant_label(i18n, item.with_value(|it| it.applicant))).into_any())}
                        {row(t!(i18n, guide_department).into_any(), text(|it| &it.department).into_any())}
                        {row(t!(i18n, guide_basis).into_any(), {
                            let href = item.with_value(|it| format!("/policies/{}#article-{}", it.policy_code, it.article));
                            view! { <a href=href class="text-blue-800 underline">{move || item.with_value(|it| crate::format::fill(t_string!(i18n, guide_basis_value), &[&it.policy_code, &it.article.to_string()]))}</a> }.into_any()
                        })}
                        {row(t!(i18n, guide_time_limit).into_any(), (move || item.with_value(|it| crate::format::fill(t_string!(i18n, guide_time_limit_value), &[&it.time_limit_days.to_string()]))).into_any())}
                        {row(t!(i18n, guide_fee).into_any(), t!(i18n, guide_fee_value).into_any())}
                        {row(t!(i18n, guide_amount).into_any(), (move || match item.with_value(|it| it.max_amount_fen) {
                            Some(fen) => crate::format::fill(t_string!(i18n, guide_amount_value), &[&crate::format::yuan(fen, i18n.get_locale())]),
                            None => t_string!(i18n, guide_amount_none).to_string(),
                        }).into_any())}
                        {row(t!(i18n, guide_employer).into_any(), (move || if item.with_value(|it| it.employer_confirmation) {
                            t_string!(i18n, guide_employer_yes).to_string()
                        } else {
                            t_string!(i18n, guide_employer_no).to_string()
                        }).into_any())}
                        {item.with_value(|it| it.no_application).then(|| row(t!(i18n, guide_no_application).into_any(), view! {
                            <span data-testid="guide-no-application">{t!(i18n, guide_no_application_value)}</span>
                        }.into_any()))}
                    </tbody>
                </table>
            </section>

            <section aria-labelledby="guide-conditions" class="mt-6">
                <h2 id="guide-conditions" class="mb-2 text-lg font-semibold">{t!(i18n, guide_conditions)}</h2>
                <ul class="list-disc space-y-1 pl-6">
                    {item.with_value(|it| it.conditions.clone()).into_iter().map(|c| view! { <li>{move || c.get(i18n.get_locale()).to_string()}</li> }).collect_view()}
                </ul>
            </section>

            <section aria-labelledby="guide-materials" class="mt-6">
                <h2 id="guide-materials" class="mb-2 text-lg font-semibold">{t!(i18n, guide_materials)}</h2>
                <table class="w-full border border-slate-200 bg-white text-sm">
                    <thead class="bg-slate-100 text-left">
                        <tr>
                            <th scope="col" class="px-3 py-2">{t!(i18n, guide_material_name)}</th>
                            <th scope="col" class="px-3 py-2">{t!(i18n, guide_material_format)}</th>
                            <th scope="col" class="px-3 py-2">{t!(i18n, guide_material_required)}</th>
                        </tr>
                    </thead>
                    <tbody class="divide-y divide-slate-200">
                        {item.with_value(|it| it.materials.clone()).into_iter().map(|m| {
                            let name = m.name.clone();
                            view! {
                                <tr>
                                    <td class="px-3 py-2">{move || name.get(i18n.get_locale()).to_string()}</td>
                                    <td class="px-3 py-2">{m.format.clone()}</td>
                                    <td class="px-3 py-2">{if m.mandatory { t!(i18n, yes).into_any() } else { t!(i18n, no).into_any() }}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </section>

            <section aria-labelledby="guide-steps" class="mt-6">
                <h2 id="guide-steps" class="mb-2 text-lg font-semibold">{t!(i18n, guide_steps)}</h2>
                <ol class="list-decimal space-y-1 pl-6">
                    {item.with_value(|it| it.steps.clone()).into_iter().map(|s| view! { <li>{move || s.get(i18n.get_locale()).to_string()}</li> }).collect_view()}
                </ol>
            </section>
        </article>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn patterns_are_filled() {
        assert_eq!(
            crate::format::fill("政策文件 %1 第 %2 条", &["A", "3"]),
            "政策文件 A 第 3 条"
        );
    }
}
