//! A service item's application form drawn from its list of fields. The catalogue editor
//! shows it as a preview; the application pages collect answers with it.
use crate::catalogue::model::{FieldKind, FormField};
use crate::editing::pages::INPUT_CLASS;
use crate::i18n::*;
use leptos::prelude::*;

/// The fields of an application form. Inputs are named `answers[key]`; `id_prefix` keeps
/// ids unique when the form is shown next to other inputs (the editor's preview).
/// `values` fills them in; `error` (of the last submission) shows next to its field.
/// File fields are left out when `without_files` (materials are uploaded separately).
/// Fields named in `from_profile` say that their answer came from the applicant's profile.
/// An answer as the applicant reads it back: a choice by its label, yes or no in words,
/// anything else as typed.
pub fn answer_text(i18n: leptos_i18n::I18nContext<Locale>, kind: &FieldKind, raw: &str) -> String {
    match kind {
        FieldKind::Choice { options } => options
            .iter()
            .find(|o| o.value == raw)
            .map(|o| o.label.get(i18n.get_locale()).to_string())
            .unwrap_or_else(|| raw.to_string()),
        FieldKind::YesNo if raw == "yes" => t_string!(i18n, yes).to_string(),
        FieldKind::YesNo if raw == "no" => t_string!(i18n, no).to_string(),
        _ => raw.to_string(),
    }
}

#[component]
pub fn FormFields(
    fields: Vec<FormField>,
    id_prefix: &'static str,
    #[prop(optional)] values: std::collections::BTreeMap<String, String>,
    #[prop(optional)] error: Option<Signal<Option<crate::error::AppError>>>,
    #[prop(optional)] without_files: bool,
    #[prop(optional)] from_profile: Vec<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    fields
        .into_iter()
        .filter(move |f| !(without_files && matches!(f.kind, FieldKind::File)))
        .map(|field| {
            let value = values.get(&field.key).cloned().unwrap_or_default();
            let profiled = from_profile.contains(&field.key);
            let error_id = format!("{id_prefix}{}-error", field.key);
            let message = {
                let name = format!("answers[{}]", field.key);
                move || {
                    error
                        .and_then(|e| e.get())
                        .filter(|e| e.field() == Some(name.as_str()))
                        .map(|e| crate::forms::error_text(i18n, e.message_key()))
                }
            };
            let invalid = {
                let message = message.clone();
                move || message().is_some().then_some("true")
            };
            let id = format!("{id_prefix}{}", field.key);
            let help_id = format!("{id}-help");
            let name = format!("answers[{}]", field.key);
            let label = field.label.clone();
            let help = field.help.clone();
            let has_help = !help.zh.is_empty() || !help.en.is_empty();
            let required = field.required;
            let label_text = move || {
                let text = label.get(i18n.get_locale()).to_string();
                if required {
                    format!("{text} *")
                } else {
                    text
                }
            };
            let help_view = has_help.then(|| {
                let help = help.clone();
                view! { <p id=help_id.clone() class="text-sm text-slate-600">{move || help.get(i18n.get_locale()).to_string()}</p> }
            });
            let described = {
                let error_id = error_id.clone();
                let message = message.clone();
                move || {
                    let mut ids = Vec::new();
                    if has_help {
                        ids.push(help_id.clone());
                    }
                    if message().is_some() {
                        ids.push(error_id.clone());
                    }
                    (!ids.is_empty()).then(|| ids.join(" "))
                }
            };
            let input = match field.kind {
                FieldKind::Text { max_len } => view! {
                    <input id=id.clone() name=name type="text" maxlength=max_len aria-required=required.then_some("true") value=value aria-invalid=invalid aria-describedby=described class=INPUT_CLASS />
                }.into_any(),
                FieldKind::Number { min, max } => view! {
                    <input id=id.clone() name=name type="number" min=min max=max step="1" aria-required=required.then_some("true") value=value aria-invalid=invalid aria-describedby=described class=INPUT_CLASS />
                }.into_any(),
                FieldKind::Money { max_yuan } => view! {
                    <input id=id.clone() name=name type="number" min="0" max=max_yuan step="1" inputmode="numeric" aria-required=required.then_some("true") value=value aria-invalid=invalid aria-describedby=described class=INPUT_CLASS />
                }.into_any(),
                FieldKind::Date => view! {
                    <input id=id.clone() name=name type="date" aria-required=required.then_some("true") value=value aria-invalid=invalid aria-describedby=described class=INPUT_CLASS />
                }.into_any(),
                FieldKind::Choice { options } => view! {
                    <select id=id.clone() name=name aria-required=required.then_some("true") aria-invalid=invalid aria-describedby=described class=INPUT_CLASS>
                        <option value="">{t!(i18n, form_choose)}</option>
                        {options.into_iter().map(|o| {
                            let label = o.label.clone();
                            let selected = o.value == value;
                            view! { <option value=o.value selected=selected>{move || label.get(i18n.get_locale()).to_string()}</option> }
                        }).collect_view()}
                    </select>
                }.into_any(),
                FieldKind::YesNo => view! {
                    <select id=id.clone() name=name aria-required=required.then_some("true") aria-invalid=invalid aria-describedby=described class=INPUT_CLASS>
                        <option value="">{t!(i18n, form_choose)}</option>
                        <option value="yes" selected=value == "yes">{t!(i18n, yes)}</option>
                        <option value="no" selected=value == "no">{t!(i18n, no)}</option>
                    </select>
                }.into_any(),
                FieldKind::File => view! {
                    <input id=id.clone() name=name type="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" aria-required=required.then_some("true") aria-describedby=described class=INPUT_CLASS />
                }.into_any(),
            };
            view! {
                <div class="flex flex-col gap-1" data-field=field.key.clone()>
                    <label for=id class="text-sm font-medium text-slate-900">{label_text}</label>
                    {help_view}
                    {profiled.then(|| view! { <p class="text-sm text-emerald-800" data-testid="from-profile">{t!(i18n, form_from_profile)}</p> })}
                    {input}
                    {move || message().map(|text| view! { <p id=error_id.clone() class="text-sm font-medium text-red-800">{text}</p> })}
                </div>
            }
        })
        .collect_view()
}
