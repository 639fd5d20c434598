//! Widgets both editors use: the list of documents, the status line, inputs whose names
//! are built per row, and the buttons. Editors are one plain form whose buttons carry an
//! `intent`, so they work without JavaScript; with it, the same form is sent in the
//! background and the editor reloads what was saved.
use super::{AdminEntry, EditStatus, Saved};
use crate::error::AppError;
use crate::forms::{BUTTON_CLASS, SECONDARY_BUTTON_CLASS, error_text};
use crate::i18n::*;
use crate::markup::escapable_raw_text;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

pub const INPUT_CLASS: &str = "w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-700 aria-[invalid=true]:border-red-700 read-only:bg-slate-100";

pub fn status_label(i18n: I18nContext<Locale>, status: EditStatus) -> String {
    match status {
        EditStatus::Draft => t_string!(i18n, status_draft).to_string(),
        EditStatus::Published => t_string!(i18n, status_published).to_string(),
        EditStatus::Retired => t_string!(i18n, status_retired).to_string(),
    }
}

/// The id of the input named `name` (`draft[fields][0][key]` → `draft-fields-0-key`).
pub fn input_id(name: &str) -> String {
    name.replace("][", "-")
        .replace(['[', ']'], "-")
        .trim_end_matches('-')
        .to_string()
}

/// The error of the last submission if it belongs to input `name`.
fn error_for(error: Signal<Option<AppError>>, name: &str) -> Option<String> {
    error
        .get()
        .filter(|e| e.field() == Some(name))
        .map(|e| e.message_key().to_string())
}

#[component]
fn Labelled(
    name: String,
    label: Signal<String>,
    help: Option<Signal<String>>,
    error: Signal<Option<AppError>>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = input_id(&name);
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let message = move || error_for(error, &name).map(|key| error_text(i18n, &key));
    view! {
        <div class="flex flex-col gap-1">
            <label for=id class="text-sm font-medium text-slate-900">{move || label.get()}</label>
            {help.map(|help| view! { <p id=help_id class="text-sm text-slate-600">{move || help.get()}</p> })}
            {children()}
            {move || message().map(|text| view! {
                <p id=error_id.clone() class="text-sm font-medium text-red-800">{text}</p>
            })}
        </div>
    }
}

fn described_by(
    name: &str,
    has_help: bool,
    error: Signal<Option<AppError>>,
) -> impl Fn() -> Option<String> + use<> {
    let id = input_id(name);
    let name = name.to_string();
    move || {
        let mut ids = Vec::new();
        if has_help {
            ids.push(format!("{id}-help"));
        }
        if error_for(error, &name).is_some() {
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A labelled one-line input; its error (if the last submission failed on it) below.
#[component]
pub fn Input(
    #[prop(into)] name: String,
    label: Signal<String>,
    #[prop(into)] value: String,
    error: Signal<Option<AppError>>,
    #[prop(optional)] help: Option<Signal<String>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] readonly: bool,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let id = input_id(&name);
    let invalid = {
        let name = name.clone();
        move || error_for(error, &name).is_some().then_some("true")
    };
    let described = described_by(&name, help.is_some(), error);
    view! {
        <Labelled name=name.clone() label help error>
            <input id=id name=name type=kind value=value readonly=readonly required=required
                aria-invalid=invalid aria-describedby=described class=INPUT_CLASS />
        </Labelled>
    }
}

/// A labelled text area.
#[component]
pub fn TextArea(
    #[prop(into)] name: String,
    label: Signal<String>,
    #[prop(into)] value: String,
    error: Signal<Option<AppError>>,
    #[prop(optional)] help: Option<Signal<String>>,
    #[prop(default = 3)] rows: u32,
) -> impl IntoView {
    let id = input_id(&name);
    let invalid = {
        let name = name.clone();
        move || error_for(error, &name).is_some().then_some("true")
    };
    let described = described_by(&name, help.is_some(), error);
    view! {
        <Labelled name=name.clone() label help error>
            <textarea id=id name=name rows=rows aria-invalid=invalid aria-describedby=described class=INPUT_CLASS>
                {escapable_raw_text(value)}
            </textarea>
        </Labelled>
    }
}

/// A labelled choice among `options` (value, label): fixed values, or values known only
/// at run time such as the file fields of the form being edited.
#[component]
pub fn Select<V>(
    #[prop(into)] name: String,
    label: Signal<String>,
    #[prop(into)] value: String,
    options: Vec<(V, Signal<String>)>,
    error: Signal<Option<AppError>>,
) -> impl IntoView
where
    V: Into<String> + Send + Sync + 'static,
{
    let id = input_id(&name);
    let invalid = {
        let name = name.clone();
        move || error_for(error, &name).is_some().then_some("true")
    };
    let described = described_by(&name, false, error);
    view! {
        <Labelled name=name.clone() label help=None error>
            <select id=id name=name aria-invalid=invalid aria-describedby=described class=INPUT_CLASS>
                {options.into_iter().map(|(option, text)| {
                    let option: String = option.into();
                    let selected = value == option;
                    view! { <option value=option selected=selected>{move || text.get()}</option> }
                }).collect_view()}
            </select>
        </Labelled>
    }
}

/// A tick box sent as `on` when ticked.
#[component]
pub fn CheckBox(#[prop(into)] name: String, label: Signal<String>, checked: bool) -> impl IntoView {
    let id = input_id(&name);
    view! {
        <div class="flex items-center gap-2">
            <input id=id.clone() name=name type="checkbox" checked=checked class="h-5 w-5 rounded border-slate-400" />
            <label for=id class="text-sm font-medium text-slate-900">{move || label.get()}</label>
        </div>
    }
}

/// Whether the editor's form is being sent: every [`IntentButton`] of it is disabled
/// meanwhile, so a double click cannot send it twice.
#[derive(Clone, Copy)]
pub struct EditorSending(pub Signal<bool>);

/// A submit button of an editor form that says what to do (`save`, `add:fields`, …).
#[component]
pub fn IntentButton(
    #[prop(into)] intent: String,
    label: Signal<String>,
    #[prop(optional)] primary: bool,
    #[prop(optional, into)] testid: Option<String>,
) -> impl IntoView {
    let sending = use_context::<EditorSending>().map(|s| s.0);
    view! {
        <button type="submit" name="intent" value=intent data-testid=testid
            disabled=move || sending.is_some_and(|s| s.get())
            class=if primary { BUTTON_CLASS } else { SECONDARY_BUTTON_CLASS }>
            {move || label.get()}
        </button>
    }
}

/// The editor's status line and, when the last submission failed, a summary of the error
/// linking to the input to fix (announced to screen readers).
#[component]
pub fn EditorNotice(
    status: EditStatus,
    has_draft: bool,
    result: Signal<Option<Result<Saved, AppError>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Success is said by the page's banner (`notice`); what failed is said here, by the
    // form, linking to the input to fix.
    let outcome = move || match result.get() {
        Some(Err(error)) => {
            let href = error.field().map(|f| format!("#{}", input_id(f)));
            let text = error_text(i18n, error.message_key());
            Some(view! {
                <p class="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-800">
                    {match href {
                        Some(href) => view! { <a href=href class="underline">{text}</a> }.into_any(),
                        None => text.into_any(),
                    }}
                </p>
            }.into_any())
        }
        _ => None,
    };
    view! {
        <div class="flex flex-col gap-2">
            <p class="text-sm text-slate-700">
                {move || crate::format::fill(t_string!(i18n, editor_status), &[&status_label(i18n, status)])}
                {has_draft.then(|| view! { <span class="ml-2 rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">{t!(i18n, has_unpublished_changes)}</span> })}
            </p>
            <p class="text-sm text-slate-600">{t!(i18n, editor_help)}</p>
            <div role="status" aria-live="polite" data-testid="editor-outcome">{outcome}</div>
        </div>
    }
}

/// The list of documents with their status and an edit link each.
#[component]
pub fn AdminTable(
    entries: Vec<AdminEntry>,
    edit_base: &'static str,
    public_base: &'static str,
    show_version: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    if entries.is_empty() {
        return view! { <p class="text-slate-700">{t!(i18n, admin_list_empty)}</p> }.into_any();
    }
    view! {
        <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table class="min-w-full text-left text-sm" data-testid="admin-table">
                <thead class="bg-slate-100 text-slate-700">
                    <tr>
                        <th scope="col" class="px-3 py-2">{t!(i18n, col_code)}</th>
                        <th scope="col" class="px-3 py-2">{t!(i18n, col_title)}</th>
                        <th scope="col" class="px-3 py-2">{t!(i18n, col_status)}</th>
                        {show_version.then(|| view! { <th scope="col" class="px-3 py-2">{t!(i18n, col_version)}</th> })}
                        <th scope="col" class="px-3 py-2">{t!(i18n, col_updated)}</th>
                        <th scope="col" class="px-3 py-2">{t!(i18n, col_actions)}</th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-200">
                    {entries.into_iter().map(|entry| {
                        let title = entry.title.clone();
                        let status = entry.status;
                        view! {
                            <tr>
                                <td class="px-3 py-2 font-mono">{entry.code.clone()}</td>
                                <th scope="row" class="px-3 py-2 font-medium">
                                    {move || title.get(i18n.get_locale()).to_string()}
                                    {entry.is_demo.then(|| view! { <span class="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">{t!(i18n, demo_badge)}</span> })}
                                </th>
                                <td class="px-3 py-2">
                                    {move || status_label(i18n, status)}
                                    {entry.has_draft.then(|| view! { <span class="ml-2 text-xs text-amber-900">{t!(i18n, has_unpublished_changes)}</span> })}
                                </td>
                                {show_version.then(|| view! { <td class="px-3 py-2">{(entry.version > 0).then(|| format!("v{}", entry.version))}</td> })}
                                <td class="px-3 py-2">{crate::format::datetime(entry.updated_at)}</td>
                                <td class="px-3 py-2">
                                    <div class="flex flex-wrap gap-3">
                                        <a class="text-blue-800 underline" href=format!("{edit_base}/{}/edit", entry.code)>{t!(i18n, edit)}</a>
                                        {(status == EditStatus::Published).then(|| view! {
                                            <a class="text-blue-800 underline" href=format!("{public_base}/{}", entry.code)>{t!(i18n, view_public)}</a>
                                        })}
                                    </div>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// Removes row `row` of `list` (the draft is saved with it).
#[component]
pub fn RemoveButton(list: &'static str, row: usize) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <IntentButton
            intent=format!("remove:{list}:{row}")
            label=Signal::derive(move || crate::format::fill(t_string!(i18n, editor_remove_row), &[&(row + 1).to_string()]))
        />
    }
}
