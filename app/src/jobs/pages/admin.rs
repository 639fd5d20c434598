//! `/admin/industries`: the managed list of industries posts are filed under.
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::forms::*;
use crate::i18n::*;
use crate::jobs::api::{SaveIndustry, job_industries};
use leptos::prelude::*;

const INPUT: &str = "w-full min-w-0 rounded-md border border-slate-400 px-2 py-1";

#[component]
pub fn IndustriesPage() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveIndustry>::new();
    crate::notice::announce_on_success(save.value(), crate::notice::Done::IndustrySaved);
    let new_industry_form = NodeRef::<leptos::html::Form>::new();
    crate::forms::reset_after_success(new_industry_form, save.value());
    let list = Resource::new(move || save.version().get(), |_| job_industries());
    let error = last_error(save.value());
    view! {
        {page_title(move || with_site_name(t_string!(i18n, industry_list_title).to_string(), i18n))}
        <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, industry_list_title)}</h1>
        <p class="mt-1 mb-4 text-slate-700">{t!(i18n, industries_lead)}</p>
        <FormError error />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(e) => load_error(e),
                    Ok(industries) => view! {
                        <ul class="flex flex-col gap-2" data-testid="industries">
                            {industries.into_iter().map(|i| {
                                let code = i.code.clone();
                                view! {
                                    <li class="rounded-lg border border-slate-200 bg-white p-3">
                                        <ActionForm action=save attr:class="grid items-end gap-2 sm:grid-cols-[8rem_1fr_1fr_auto_auto]">
                                            <input type="hidden" name="code" value=code.clone() />
                                            <span class="font-mono text-sm">{code.clone()}</span>
                                            <label class="flex flex-col text-xs">{t!(i18n, industry_name_zh)}
                                                <input name="name_zh" value=i.name.zh.clone() class=INPUT /></label>
                                            <label class="flex flex-col text-xs">{t!(i18n, industry_name_en)}
                                                <input name="name_en" value=i.name.en.clone() class=INPUT /></label>
                                            <label class="flex items-center gap-1 text-sm">
                                                <input type="checkbox" name="active" checked=i.active class="h-5 w-5" />
                                                {t!(i18n, industry_offered)}</label>
                                            <button type="submit" disabled=move || save.pending().get() class=SECONDARY_BUTTON_CLASS>{t!(i18n, save)}</button>
                                        </ActionForm>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }
            })}
        </Suspense>
        <section class="mt-6 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="industry-add">
            <h2 id="industry-add" class="mb-2 font-semibold">{t!(i18n, industry_add)}</h2>
            <ActionForm action=save node_ref=new_industry_form attr:class="grid items-end gap-2 sm:grid-cols-[8rem_1fr_1fr_auto]">
                <input type="hidden" name="active" value="on" />
                <label class="flex flex-col text-xs">{t!(i18n, industry_code)}
                    <input name="code" required class=INPUT /></label>
                <label class="flex flex-col text-xs">{t!(i18n, industry_name_zh)}
                    <input name="name_zh" required class=INPUT /></label>
                <label class="flex flex-col text-xs">{t!(i18n, industry_name_en)}
                    <input name="name_en" required class=INPUT /></label>
                <button type="submit" disabled=move || save.pending().get() class=BUTTON_CLASS>{t!(i18n, industry_add)}</button>
            </ActionForm>
        </section>
    }
}
