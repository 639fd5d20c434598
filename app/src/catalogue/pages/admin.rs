//! `/admin/services`: administrators list, create, edit, publish and retire service items.
//! The editor is one form (see `editing::pages`); the preview shows the application form
//! as applicants will see it, drawn from the saved draft.
use super::form::FormFields;
use crate::catalogue::api::{EditService, admin_services, service_for_edit};
use crate::catalogue::draft::{FIELD_KINDS, ItemDraft, RULE_KINDS};
use crate::catalogue::model::{Applicant, Category};
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::editing::pages::*;
use crate::editing::{EditStatus, Editing};
use crate::forms::BUTTON_CLASS;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ServicesAdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| admin_services());
    view! {
        {page_title(move || with_site_name(t_string!(i18n, admin_services_title).to_string(), i18n))}
        <div class="mb-4 flex flex-wrap items-center justify-between gap-3">
            <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, admin_services_title)}</h1>
            <a href="/admin/services/new" class=BUTTON_CLASS>{t!(i18n, admin_new_service)}</a>
        </div>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(entries) => view! { <AdminTable entries edit_base="/admin/services" public_base="/services" show_version=true /> }.into_any(),
                    Err(e) => load_error(e),
                }
            })}
        </Suspense>
        <crate::bundles::pages::BundlesAdminSection />
    }
}

/// `/admin/services/new` and `/admin/services/:code/edit`.
#[component]
pub fn ServiceEditorPage() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.with(|p| p.get("code").unwrap_or_default());
    let action = ServerAction::<EditService>::new();
    crate::notice::announce_with(action.value(), crate::editing::Saved::said);
    // Reloads after every submission, so the editor shows what was saved and its revision.
    let editing = Resource::new(
        move || (code(), action.version().get()),
        |(code, _)| service_for_edit(code),
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match editing.await {
                    Ok(editing) => view! { <ServiceEditor editing action /> }.into_any(),
                    Err(e) => load_error(e),
                }
            })}
        </Suspense>
    }
}

macro_rules! label {
    ($i18n:ident, $key:ident) => {
        Signal::derive(move || t_string!($i18n, $key).to_string())
    };
}

#[component]
fn ServiceEditor(editing: Editing<ItemDraft>, action: ServerAction<EditService>) -> impl IntoView {
    let i18n = use_i18n();
    provide_context(EditorSending(action.pending().into()));
    let result = Signal::derive(move || action.value().get());
    let error = crate::forms::last_error(action.value());
    let Editing {
        code,
        draft,
        revision,
        status,
        has_draft,
        ..
    } = editing;
    let is_new = code.is_empty();
    let title = if is_new {
        draft.name_zh.clone()
    } else {
        format!("{} · {}", draft.name_zh, code)
    };
    let preview = draft
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| f.to_field(i).map_err(|_| i + 1))
        .collect::<Vec<_>>();
    let d = draft;
    let category_options = Category::ALL
        .into_iter()
        .map(|c| {
            (
                c.as_str(),
                Signal::derive(move || super::category_label(i18n, c)),
            )
        })
        .collect::<Vec<_>>();
    let applicant_options = Applicant::ALL
        .into_iter()
        .map(|a| {
            (
                a.as_str(),
                Signal::derive(move || super::applicant_label(i18n, a)),
            )
        })
        .collect::<Vec<_>>();
    let section = "flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4";
    let pair = "grid gap-4 sm:grid-cols-2";
    let row_box = "flex flex-col gap-3 rounded-md border border-slate-200 bg-slate-50 p-3";
    view! {
        {page_title(move || with_site_name(t_string!(i18n, editor_edit_service).to_string(), i18n))}
        <p class="text-sm"><a href="/admin/services" class="text-blue-800 underline">{t!(i18n, admin_services_title)}</a></p>
        <h1 class="mt-2 text-2xl font-bold text-slate-900">
            {if is_new { view! { {t!(i18n, admin_new_service)} }.into_any() } else { view! { {t!(i18n, editor_edit_service)} ": " {title} }.into_any() }}
        </h1>
        <div class="mt-4 grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
            <ActionForm action attr:class="flex flex-col gap-6" attr:data-testid="service-editor">
                <EditorNotice status has_draft result />
                <input type="hidden" name="code" value=code.clone() />
                <input type="hidden" name="revision" value=revision />
                // The first button is the one Enter presses.
                <div class="flex flex-wrap gap-2">
                    <IntentButton intent="save" label=label!(i18n, editor_save) testid="editor-save" />
                    <IntentButton intent="publish" label=label!(i18n, editor_publish) primary=true testid="editor-publish" />
                    {match status {
                        EditStatus::Published => Some(view! { <IntentButton intent="retire" label=label!(i18n, editor_retire) testid="editor-retire" /> }),
                        EditStatus::Retired => Some(view! { <IntentButton intent="restore" label=label!(i18n, editor_restore) testid="editor-restore" /> }),
                        EditStatus::Draft => None,
                    }}
                </div>

                <fieldset class=section>
                    <legend class="px-1 text-lg font-semibold">{t!(i18n, editor_basic)}</legend>
                    <Input name="draft[code]" label=label!(i18n, fld_code) help=label!(i18n, fld_code_help) value=d.code.clone() readonly=!is_new required=true error />
                    <div class=pair>
                        <Input name="draft[name_zh]" label=label!(i18n, fld_name_zh) value=d.name_zh.clone() error />
                        <Input name="draft[name_en]" label=label!(i18n, fld_name_en) value=d.name_en.clone() error />
                        <TextArea name="draft[summary_zh]" label=label!(i18n, fld_summary_zh) value=d.summary_zh.clone() error />
                        <TextArea name="draft[summary_en]" label=label!(i18n, fld_summary_en) value=d.summary_en.clone() error />
                        <Select name="draft[category]" label=label!(i18n, guide_category) value=d.category.clone() options=category_options error />
                        <Select name="draft[applicant]" label=label!(i18n, guide_applicant) value=d.applicant.clone() options=applicant_options error />
                        <Input name="draft[department_zh]" label=label!(i18n, fld_department_zh) value=d.department_zh.clone() error />
                        <Input name="draft[department_en]" label=label!(i18n, fld_department_en) value=d.department_en.clone() error />
                        <Input name="draft[policy_code]" label=label!(i18n, fld_policy_code) help=label!(i18n, fld_policy_code_help) value=d.policy_code.clone() error />
                        <Input name="draft[article]" kind="number" label=label!(i18n, fld_article) value=d.article.clone() error />
                        <Input name="draft[time_limit_days]" kind="number" label=label!(i18n, fld_time_limit) value=d.time_limit_days.clone() error />
                        <Input name="draft[max_amount_yuan]" label=label!(i18n, fld_max_amount) help=label!(i18n, fld_max_amount_help) value=d.max_amount_yuan.clone() error />
                    </div>
                    <Input name="draft[sign_off_above_yuan]" label=label!(i18n, fld_sign_off_above) help=label!(i18n, fld_sign_off_above_help) value=d.sign_off_above_yuan.clone() error />
                    <Input name="draft[extension_days]" kind="number" label=label!(i18n, fld_extension_days) help=label!(i18n, fld_extension_days_help) value=d.extension_days.clone() error />
                    <CheckBox name="draft[employer_confirmation]" label=label!(i18n, fld_employer_confirmation) checked=d.employer_confirmation == "on" />
                    <CheckBox name="draft[several_at_once]" label=label!(i18n, fld_several_at_once) checked=d.several_at_once == "on" />
                    <CheckBox name="draft[no_application]" label=label!(i18n, fld_no_application) checked=d.no_application == "on" />
                </fieldset>

                <fieldset class=section>
                    <legend class="px-1 text-lg font-semibold">{t!(i18n, editor_guide)}</legend>
                    <div class=pair>
                        <TextArea name="draft[conditions_zh]" label=label!(i18n, fld_conditions_zh) value=d.conditions_zh.clone() rows=5 error />
                        <TextArea name="draft[conditions_en]" label=label!(i18n, fld_conditions_en) value=d.conditions_en.clone() rows=5 error />
                        <TextArea name="draft[steps_zh]" label=label!(i18n, fld_steps_zh) value=d.steps_zh.clone() rows=5 error />
                        <TextArea name="draft[steps_en]" label=label!(i18n, fld_steps_en) value=d.steps_en.clone() rows=5 error />
                    </div>
                </fieldset>

                <fieldset class=section>
                    <legend class="px-1 text-lg font-semibold">{t!(i18n, editor_materials)}</legend>
                    {d.materials.iter().enumerate().map(|(i, m)| {
                        let n = |part: &str| format!("draft[materials][{i}][{part}]");
                        // The form's file fields, where the applicant hands this material in.
                        let uploads: Vec<(String, Signal<String>)> = std::iter::once((String::new(), label!(i18n, editor_no_upload)))
                            .chain(d.fields.iter().filter(|f| f.kind == "file").map(|f| {
                                let (zh, en, key) = (f.label_zh.clone(), f.label_en.clone(), f.key.clone());
                                let shown = Signal::derive(move || {
                                    let label = if i18n.get_locale() == Locale::zh { &zh } else { &en };
                                    format!("{label} ({key})")
                                });
                                (f.key.clone(), shown)
                            }))
                            .collect();
                        view! {
                            <div class=row_box>
                                <div class=pair>
                                    <Input name=n("name_zh") label=label!(i18n, fld_material_name_zh) value=m.name_zh.clone() error />
                                    <Input name=n("name_en") label=label!(i18n, fld_material_name_en) value=m.name_en.clone() error />
                                    <Input name=n("format") label=label!(i18n, fld_material_format) value=m.format.clone() error />
                                </div>
                                <CheckBox name=n("mandatory") label=label!(i18n, fld_mandatory) checked=m.mandatory == "on" />
                                <Select name=n("upload") label=label!(i18n, fld_material_upload) value=m.upload.clone() options=uploads error />
                                <div><RemoveButton list="materials" row=i /></div>
                            </div>
                        }
                    }).collect_view()}
                    <div><IntentButton intent="add:materials" label=label!(i18n, editor_add_material) /></div>
                </fieldset>

                <fieldset class=section>
                    <legend class="px-1 text-lg font-semibold">{t!(i18n, editor_form)}</legend>
                    {d.fields.iter().enumerate().map(|(i, f)| {
                        let n = |part: &str| format!("draft[fields][{i}][{part}]");
                        let kinds = FIELD_KINDS.into_iter().map(|k| (k, Signal::derive(move || kind_label(i18n, k)))).collect::<Vec<_>>();
                        view! {
                            <div class=row_box data-testid="field-row">
                                <p class="text-sm font-semibold">{move || crate::format::fill(t_string!(i18n, editor_row), &[&(i + 1).to_string()])}</p>
                                <div class=pair>
                                    <Input name=n("key") label=label!(i18n, fld_field_key) help=label!(i18n, fld_field_key_help) value=f.key.clone() error />
                                    <Select name=n("kind") label=label!(i18n, fld_kind) value=f.kind.clone() options=kinds error />
                                    <Input name=n("label_zh") label=label!(i18n, fld_label_zh) value=f.label_zh.clone() error />
                                    <Input name=n("label_en") label=label!(i18n, fld_label_en) value=f.label_en.clone() error />
                                    <Input name=n("help_zh") label=label!(i18n, fld_help_zh) value=f.help_zh.clone() error />
                                    <Input name=n("help_en") label=label!(i18n, fld_help_en) value=f.help_en.clone() error />
                                    <Input name=n("max_len") label=label!(i18n, fld_max_len) value=f.max_len.clone() error />
                                    <Input name=n("min") label=label!(i18n, fld_min) value=f.min.clone() error />
                                    <Input name=n("max") label=label!(i18n, fld_max) value=f.max.clone() error />
                                    <TextArea name=n("options") label=label!(i18n, fld_options) value=f.options.clone() error />
                                </div>
                                <CheckBox name=n("required") label=label!(i18n, fld_required) checked=f.required == "on" />
                                <CheckBox name=n("employer_sees") label=label!(i18n, fld_employer_sees) checked=f.employer_sees == "on" />
                                <div><RemoveButton list="fields" row=i /></div>
                            </div>
                        }
                    }).collect_view()}
                    <div><IntentButton intent="add:fields" label=label!(i18n, editor_add_field) testid="add-field" /></div>
                </fieldset>

                <fieldset class=section>
                    <legend class="px-1 text-lg font-semibold">{t!(i18n, editor_rules)}</legend>
                    <p class="text-sm text-slate-600">{t!(i18n, fld_rule_value_help)}</p>
                    {d.rules.iter().enumerate().map(|(i, r)| {
                        let n = |part: &str| format!("draft[rules][{i}][{part}]");
                        let kinds = RULE_KINDS.into_iter().map(|k| (k, Signal::derive(move || rule_kind_label(i18n, k)))).collect::<Vec<_>>();
                        view! {
                            <div class=row_box>
                                <div class=pair>
                                    <Select name=n("rule") label=label!(i18n, fld_rule) value=r.rule.clone() options=kinds error />
                                    <Input name=n("value") label=label!(i18n, fld_rule_value) value=r.value.clone() error />
                                </div>
                                <div><RemoveButton list="rules" row=i /></div>
                            </div>
                        }
                    }).collect_view()}
                    <div><IntentButton intent="add:rules" label=label!(i18n, editor_add_rule) /></div>
                </fieldset>

                <div class="flex flex-wrap gap-2">
                    <IntentButton intent="save" label=label!(i18n, editor_save) />
                    <IntentButton intent="publish" label=label!(i18n, editor_publish) primary=true />
                </div>
            </ActionForm>

            <aside aria-labelledby="preview-title" class="flex flex-col gap-4 self-start rounded-lg border-2 border-dashed border-slate-300 bg-white p-4 lg:sticky lg:top-4" data-testid="form-preview">
                <h2 id="preview-title" class="text-lg font-semibold">{t!(i18n, editor_preview)}</h2>
                <p class="text-sm text-slate-600">{t!(i18n, editor_preview_note)}</p>
                <FormFields fields=preview.iter().filter_map(|f| f.as_ref().ok().cloned()).collect() id_prefix="preview-" />
                {preview.iter().filter_map(|f| f.as_ref().err().copied()).map(|n| view! {
                    <p class="text-sm text-amber-900">{move || crate::format::fill(t_string!(i18n, editor_preview_incomplete), &[&n.to_string()])}</p>
                }).collect_view()}
            </aside>
        </div>
    }
}

fn kind_label(i18n: leptos_i18n::I18nContext<Locale>, kind: &str) -> String {
    match kind {
        "text" => t_string!(i18n, kind_text),
        "number" => t_string!(i18n, kind_number),
        "money" => t_string!(i18n, kind_money),
        "date" => t_string!(i18n, kind_date),
        "choice" => t_string!(i18n, kind_choice),
        "yes_no" => t_string!(i18n, kind_yes_no),
        _ => t_string!(i18n, kind_file),
    }
    .to_string()
}

fn rule_kind_label(i18n: leptos_i18n::I18nContext<Locale>, kind: &str) -> String {
    match kind {
        "education_at_least" => t_string!(i18n, rule_kind_education_at_least),
        "graduated_within_years" => t_string!(i18n, rule_kind_graduated_within_years),
        "age_at_most" => t_string!(i18n, rule_kind_age_at_most),
        "employed_in_district" => t_string!(i18n, rule_kind_employed_in_district),
        "industry_in" => t_string!(i18n, rule_kind_industry_in),
        "tier_at_least" => t_string!(i18n, rule_kind_tier_at_least),
        "first_employment" => t_string!(i18n, rule_kind_first_employment),
        _ => t_string!(i18n, rule_kind_mainland_resident),
    }
    .to_string()
}
