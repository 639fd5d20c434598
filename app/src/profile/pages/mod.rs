//! `/profile`: the talent edits the facts the eligibility rules read; and the "you may
//! apply for …" list shown on their account page.
use super::api::*;
use super::model::TalentProfile;
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::eligibility::model::{Education, Industry, TalentTier, Verdict};
use crate::eligibility::pages::{education_label, industry_label, tier_label};
use crate::forms::*;
use crate::i18n::*;
use leptos::prelude::*;

const SELECT_CLASS: &str = "rounded-md border border-slate-400 bg-white px-3 py-2";

#[component]
pub fn ProfilePage() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveProfile>::new();
    let profile = Resource::new(move || save.version().get(), |_| load_profile());
    view! {
        {page_title(move || with_site_name(t_string!(i18n, profile_title).to_string(), i18n))}
        <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, profile_title)}</h1>
        <p class="mt-1 mb-4 max-w-3xl text-slate-700">{t!(i18n, profile_lead)}</p>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(profile) => view! { <ProfileForm profile save /> }.into_any(),
                    Err(e) => load_error(e),
                }
            })}
        </Suspense>
        <crate::proactive::pages::QualificationAlertsPanel />
    }
}

#[component]
fn ProfileForm(profile: TalentProfile, save: ServerAction<SaveProfile>) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(save.value());
    crate::notice::announce_on_success(save.value(), crate::notice::Done::ProfileSaved);
    let p = StoredValue::new(profile);
    let value = move |f: fn(&TalentProfile) -> &String| {
        Signal::derive(move || p.with_value(|p| f(p).clone()))
    };
    let label = move |f: fn(I18nContext<Locale>) -> String| Signal::derive(move || f(i18n));
    let choice = move |name: &'static str,
                       label: AnyView,
                       current: String,
                       options: Vec<(String, String)>| {
        view! {
            <div class="flex flex-col gap-1">
                <label for=format!("field-{name}") class="text-sm font-medium">{label}</label>
                <select id=format!("field-{name}") name=name class=SELECT_CLASS>
                    <option value="">{t!(i18n, q_unknown)}</option>
                    {options.into_iter().map(|(v, text)| {
                        let selected = v == current;
                        view! { <option value=v selected=selected>{text}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };
    let yes_no = move || {
        vec![
            ("yes".to_string(), t_string!(i18n, yes).to_string()),
            ("no".to_string(), t_string!(i18n, no).to_string()),
        ]
    };
    let masked = p.with_value(|p| p.id_number_masked.clone());
    let id_help = Signal::derive(move || {
        if masked.is_empty() {
            String::new()
        } else {
            crate::format::fill(t_string!(i18n, id_number_keep), &[&masked])
        }
    });
    let id_type = p.with_value(|p| p.id_type.clone());
    view! {
        <ActionForm action=save attr:class="flex max-w-3xl flex-col gap-6">
            <input type="hidden" name="form[version]" value=p.with_value(|p| p.version) />
            <input type="hidden" name="form[id_number_masked]" value="" />
            <fieldset class="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
                <legend class="px-1 font-semibold">{t!(i18n, profile_identity)}</legend>
                <Field name="form[full_name]" label=label(|i| t_string!(i, field_full_name).to_string()) value=value(|p| &p.full_name) autocomplete="name" required=true error also=&["full_name"] />
                <div class="flex flex-col gap-1">
                    <label for="field-id-type" class="text-sm font-medium">{t!(i18n, field_id_type)}</label>
                    <select id="field-id-type" name="form[id_type]" class=SELECT_CLASS>
                        <option value="mainland" selected=id_type != "passport">{t!(i18n, id_type_mainland)}</option>
                        <option value="passport" selected=id_type == "passport">{t!(i18n, id_type_passport)}</option>
                    </select>
                </div>
                <Field name="id_number" label=label(|i| t_string!(i, field_id_number).to_string()) help=id_help autocomplete="off" error />
                <Field name="form[birth_date]" kind="date" label=label(|i| t_string!(i, field_birth_date).to_string()) help=label(|i| t_string!(i, field_birth_date_help).to_string()) value=value(|p| &p.birth_date) error also=&["birth_date"] />
                <Field name="form[nationality]" label=label(|i| t_string!(i, field_nationality).to_string()) value=value(|p| &p.nationality) error also=&["nationality"] />
            </fieldset>
            <fieldset class="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
                <legend class="px-1 font-semibold">{t!(i18n, profile_education)}</legend>
                {choice("form[education]", t!(i18n, q_education).into_any(), p.with_value(|p| p.education.clone()),
                    Education::ALL.into_iter().map(|e| (e.as_str().to_string(), education_label(i18n, e))).collect())}
                <Field name="form[graduation_date]" kind="date" label=label(|i| t_string!(i, q_graduation_date).to_string()) value=value(|p| &p.graduation_date) error also=&["graduation_date"] />
                <Field name="form[university]" label=label(|i| t_string!(i, field_university).to_string()) value=value(|p| &p.university) error also=&["university"] />
                <Field name="form[major]" label=label(|i| t_string!(i, field_major).to_string()) value=value(|p| &p.major) error also=&["major"] />
            </fieldset>
            <fieldset class="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
                <legend class="px-1 font-semibold">{t!(i18n, profile_work)}</legend>
                <Field name="form[employer_name]" label=label(|i| t_string!(i, field_employer_name).to_string()) value=value(|p| &p.employer_name) autocomplete="organization" error also=&["employer_name"] />
                {choice("form[employer_in_district]", t!(i18n, q_employer).into_any(), p.with_value(|p| p.employer_in_district.clone()), yes_no())}
                {choice("form[first_employment]", t!(i18n, q_first_employment).into_any(), p.with_value(|p| p.first_employment.clone()), yes_no())}
                {choice("form[industry]", t!(i18n, q_industry).into_any(), p.with_value(|p| p.industry.clone()),
                    Industry::ALL.into_iter().map(|x| (x.as_str().to_string(), industry_label(i18n, x))).collect())}
                {choice("form[tier]", t!(i18n, q_tier).into_any(), p.with_value(|p| p.tier.clone()),
                    TalentTier::ALL.into_iter().map(|x| (x.as_str().to_string(), tier_label(i18n, x))).collect())}
            </fieldset>
            <FormError error fields=&["full_name", "id_number", "birth_date", "graduation_date", "nationality", "university", "major", "employer_name"] />
            <div><button type="submit" disabled=move || save.pending().get() class=BUTTON_CLASS data-testid="profile-save">{t!(i18n, save)}</button></div>
        </ActionForm>
    }
}

use leptos_i18n::I18nContext;

/// "You may apply for …": the services the talent's profile meets every condition of.
#[component]
pub fn MayApply() -> impl IntoView {
    let i18n = use_i18n();
    let results = Resource::new(|| (), |_| my_eligibility());
    view! {
        <section aria-labelledby="may-apply-title" class="mb-6 rounded-lg border border-green-200 bg-green-50 p-5" data-testid="may-apply">
            <h2 id="may-apply-title" class="mb-2 text-lg font-semibold">{t!(i18n, may_apply_title)}</h2>
            <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    let list = results.await.unwrap_or_default();
                    let eligible: Vec<_> = list.iter().filter(|r| r.evaluation.verdict == Verdict::Eligible).cloned().collect();
                    let more = list.iter().filter(|r| r.evaluation.verdict == Verdict::NeedMoreInformation).count();
                    view! {
                        {if eligible.is_empty() {
                            view! { <p>{t!(i18n, may_apply_empty)}</p> }.into_any()
                        } else {
                            view! {
                                <p class="mb-2 text-sm">{t!(i18n, may_apply_lead)}</p>
                                <ul class="flex flex-col gap-2">
                                    {eligible.into_iter().map(|r| {
                                        let item = StoredValue::new(r.item);
                                        let href = format!("/services/{}", item.with_value(|i| i.code.clone()));
                                        view! {
                                            <li class="flex flex-wrap items-center justify-between gap-2 rounded border border-green-200 bg-white px-3 py-2">
                                                <span class="font-medium">{move || item.with_value(|i| i.name(i18n.get_locale()).to_string())}</span>
                                                <a href=href class=SECONDARY_BUTTON_CLASS>{t!(i18n, view_guide)}</a>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        {(more > 0).then(|| view! { <p class="mt-2 text-sm">{move || crate::format::fill(t_string!(i18n, may_apply_more), &[&more.to_string()])}</p> })}
                        <p class="mt-3"><a href="/profile" class="text-blue-800 underline">{t!(i18n, edit_profile)}</a></p>
                    }.into_any()
                })}
            </Suspense>
        </section>
    }
}
