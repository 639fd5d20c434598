//! The catalogue editor's bundles: the list on `/admin/services`, and
//! `/admin/bundles/new` and `/admin/bundles/:code/edit`, where an administrator names a
//! bundle and ticks its items. One plain form whose buttons carry an intent, as the item
//! and policy editors, so it works without JavaScript.
use crate::bundles::api::{EditBundle, admin_bundles, bundle_for_edit};
use crate::bundles::model::{BundleEditing, ITEMS_FIELD};
use crate::common::page::{load_error, page_title, with_site_name};
use crate::editing::EditStatus;
use crate::editing::pages::*;
use crate::forms::{BUTTON_CLASS, error_text};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The bundles section of the catalogue editor's list.
#[component]
pub fn BundlesAdminSection() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| admin_bundles());
    view! {
        <section aria-labelledby="bundles-admin-title" class="mt-10" data-testid="bundles-admin">
            <div class="mb-2 flex flex-wrap items-center justify-between gap-3">
                <h2 id="bundles-admin-title" class="text-xl font-semibold text-slate-900">{t!(i18n, admin_bundles_title)}</h2>
                <a href="/admin/bundles/new" class=BUTTON_CLASS data-testid="new-bundle">{t!(i18n, admin_new_bundle)}</a>
            </div>
            <p class="mb-3 max-w-3xl text-slate-700">{t!(i18n, admin_bundles_lead)}</p>
            <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(entries) => view! { <AdminTable entries edit_base="/admin/bundles" public_base="/bundles" show_version=false /> }.into_any(),
                        Err(e) => load_error(e),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// `/admin/bundles/new` and `/admin/bundles/:code/edit`.
#[component]
pub fn BundleEditorPage() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.with(|p| p.get("code").unwrap_or_default());
    let action = ServerAction::<EditBundle>::new();
    crate::notice::announce_with(action.value(), crate::editing::Saved::said);
    // Reloads after every submission, so the editor shows what was saved and its revision.
    let editing = Resource::new(
        move || (code(), action.version().get()),
        |(code, _)| bundle_for_edit(code),
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match editing.await {
                    Ok(editing) => view! { <BundleEditor editing action /> }.into_any(),
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
fn BundleEditor(editing: BundleEditing, action: ServerAction<EditBundle>) -> impl IntoView {
    let i18n = use_i18n();
    provide_context(EditorSending(action.pending().into()));
    let result = Signal::derive(move || action.value().get());
    let error = crate::forms::last_error(action.value());
    let BundleEditing { editing, choices } = editing;
    let d = editing.draft;
    let code = editing.code;
    let is_new = code.is_empty();
    let title = d.name_zh.clone();
    let status = editing.status;
    let items_id = input_id(ITEMS_FIELD);
    let items_error = move || {
        error
            .get()
            .filter(|e| e.field() == Some(ITEMS_FIELD))
            .map(|e| error_text(i18n, e.message_key()))
    };
    let section = "flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4";
    let pair = "grid gap-4 sm:grid-cols-2";
    view! {
        {page_title(move || with_site_name(t_string!(i18n, editor_edit_bundle).to_string(), i18n))}
        <p class="text-sm"><a href="/admin/services" class="text-blue-800 underline">{t!(i18n, admin_services_title)}</a></p>
        <h1 class="mt-2 text-2xl font-bold text-slate-900">
            {if is_new { view! { {t!(i18n, admin_new_bundle)} }.into_any() } else { view! { {t!(i18n, editor_edit_bundle)} ": " {title} }.into_any() }}
        </h1>
        <ActionForm action attr:class="mt-4 flex max-w-4xl flex-col gap-6" attr:data-testid="bundle-editor">
            <EditorNotice status has_draft=editing.has_draft result />
            <input type="hidden" name="code" value=code.clone() />
            <input type="hidden" name="revision" value=editing.revision />
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
                </div>
            </fieldset>
            <fieldset id=items_id class=section aria-describedby="bundle-items-help" data-testid="bundle-item-choices">
                <legend class="px-1 text-lg font-semibold">{t!(i18n, editor_bundle_items)}</legend>
                <p id="bundle-items-help" class="text-sm text-slate-600">{t!(i18n, editor_bundle_items_help)}</p>
                {move || items_error().map(|text| view! { <p class="text-sm font-medium text-red-800" role="alert">{text}</p> })}
                <ul class="flex flex-col gap-2">
                    {choices.into_iter().enumerate().map(|(i, choice)| {
                        let id = format!("bundle-item-{i}");
                        let checked = d.items.contains(&choice.code);
                        let name = choice.name.clone();
                        let department = choice.department.clone();
                        view! {
                            <li class="flex items-start gap-2">
                                <input id=id.clone() type="checkbox" name=format!("draft[items][{i}]") value=choice.code.clone()
                                    checked=checked class="mt-1 h-5 w-5 rounded border-slate-400" data-testid=format!("bundle-choice-{}", choice.code) />
                                <label for=id class="text-sm">
                                    <span class="font-medium text-slate-900">{move || name.get(i18n.get_locale()).to_string()}</span>
                                    " " <span class="font-mono text-slate-600">{choice.code.clone()}</span>
                                    <span class="block text-slate-600">{move || department.get(i18n.get_locale()).to_string()}</span>
                                    {(!choice.published).then(|| view! { <span class="block font-medium text-red-800">{t!(i18n, bundle_item_not_published)}</span> })}
                                </label>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </fieldset>
            <div class="flex flex-wrap gap-2">
                <IntentButton intent="save" label=label!(i18n, editor_save) />
                <IntentButton intent="publish" label=label!(i18n, editor_publish) primary=true />
            </div>
        </ActionForm>
    }
}
