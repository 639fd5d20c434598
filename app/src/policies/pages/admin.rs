//! `/admin/policies`: administrators list, create, edit, publish and retire documents.
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::editing::pages::*;
use crate::editing::{EditStatus, Editing};
use crate::forms::BUTTON_CLASS;
use crate::i18n::*;
use crate::policies::api::{EditPolicy, admin_policies, policy_for_edit};
use crate::policies::model::PolicyDraft;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn PoliciesAdminPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = Resource::new(|| (), |_| admin_policies());
    view! {
        {page_title(move || with_site_name(t_string!(i18n, admin_policies_title).to_string(), i18n))}
        <div class="mb-4 flex flex-wrap items-center justify-between gap-3">
            <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, admin_policies_title)}</h1>
            <a href="/admin/policies/new" class=BUTTON_CLASS>{t!(i18n, admin_new_policy)}</a>
        </div>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(entries) => view! { <AdminTable entries edit_base="/admin/policies" public_base="/policies" show_version=false /> }.into_any(),
                    Err(e) => load_error(e),
                }
            })}
        </Suspense>
    }
}

/// `/admin/policies/new` and `/admin/policies/:code/edit`.
#[component]
pub fn PolicyEditorPage() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.with(|p| p.get("code").unwrap_or_default());
    let action = ServerAction::<EditPolicy>::new();
    crate::notice::announce_with(action.value(), crate::editing::Saved::said);
    let editing = Resource::new(
        move || (code(), action.version().get()),
        |(code, _)| policy_for_edit(code),
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match editing.await {
                    Ok(editing) => view! { <PolicyEditor editing action /> }.into_any(),
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
fn PolicyEditor(editing: Editing<PolicyDraft>, action: ServerAction<EditPolicy>) -> impl IntoView {
    let i18n = use_i18n();
    provide_context(EditorSending(action.pending().into()));
    let result = Signal::derive(move || action.value().get());
    let error = crate::forms::last_error(action.value());
    let Editing {
        code,
        draft: d,
        revision,
        status,
        has_draft,
        ..
    } = editing;
    let is_new = code.is_empty();
    let title = d.title_zh.clone();
    let section = "flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4";
    let pair = "grid gap-4 sm:grid-cols-2";
    view! {
        {page_title(move || with_site_name(t_string!(i18n, editor_edit_policy).to_string(), i18n))}
        <p class="text-sm"><a href="/admin/policies" class="text-blue-800 underline">{t!(i18n, admin_policies_title)}</a></p>
        <h1 class="mt-2 text-2xl font-bold text-slate-900">
            {if is_new { view! { {t!(i18n, admin_new_policy)} }.into_any() } else { view! { {t!(i18n, editor_edit_policy)} ": " {title} }.into_any() }}
        </h1>
        <ActionForm action attr:class="mt-4 flex max-w-4xl flex-col gap-6" attr:data-testid="policy-editor">
            <EditorNotice status has_draft result />
            <input type="hidden" name="code" value=code.clone() />
            <input type="hidden" name="revision" value=revision />
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
                    <Input name="draft[title_zh]" label=label!(i18n, fld_title_zh) value=d.title_zh.clone() error />
                    <Input name="draft[title_en]" label=label!(i18n, fld_title_en) value=d.title_en.clone() error />
                    <Input name="draft[document_number]" label=label!(i18n, fld_document_number) value=d.document_number.clone() error />
                    <div></div>
                    <Input name="draft[issuer_zh]" label=label!(i18n, fld_issuer_zh) value=d.issuer_zh.clone() error />
                    <Input name="draft[issuer_en]" label=label!(i18n, fld_issuer_en) value=d.issuer_en.clone() error />
                    <Input name="draft[effective_from]" kind="date" label=label!(i18n, fld_effective_from) value=d.effective_from.clone() error />
                    <Input name="draft[effective_until]" kind="date" label=label!(i18n, fld_effective_until) value=d.effective_until.clone() error />
                    <TextArea name="draft[summary_zh]" label=label!(i18n, fld_summary_zh) value=d.summary_zh.clone() error />
                    <TextArea name="draft[summary_en]" label=label!(i18n, fld_summary_en) value=d.summary_en.clone() error />
                </div>
            </fieldset>
            <fieldset class=section>
                <legend class="px-1 text-lg font-semibold">{t!(i18n, editor_articles)}</legend>
                {d.articles.iter().enumerate().map(|(i, a)| {
                    let n = |part: &str| format!("draft[articles][{i}][{part}]");
                    view! {
                        <div class="flex flex-col gap-3 rounded-md border border-slate-200 bg-slate-50 p-3" data-testid="article-row">
                            <p class="text-sm font-semibold">{move || crate::format::fill(t_string!(i18n, article_n), &[&(i + 1).to_string()])}</p>
                            <div class=pair>
                                <Input name=n("title_zh") label=label!(i18n, fld_article_title_zh) value=a.title_zh.clone() error />
                                <Input name=n("title_en") label=label!(i18n, fld_article_title_en) value=a.title_en.clone() error />
                                <TextArea name=n("body_zh") label=label!(i18n, fld_article_body_zh) value=a.body_zh.clone() rows=4 error />
                                <TextArea name=n("body_en") label=label!(i18n, fld_article_body_en) value=a.body_en.clone() rows=4 error />
                            </div>
                            <div><RemoveButton list="articles" row=i /></div>
                        </div>
                    }
                }).collect_view()}
                <div><IntentButton intent="add:articles" label=label!(i18n, editor_add_article) /></div>
            </fieldset>
            <div class="flex flex-wrap gap-2">
                <IntentButton intent="save" label=label!(i18n, editor_save) />
                <IntentButton intent="publish" label=label!(i18n, editor_publish) primary=true />
            </div>
        </ActionForm>
    }
}
