//! `/staff/templates`: the reply templates staff insert into answers.
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::concerns::api::{DeleteReplyTemplate, SaveReplyTemplate, reply_templates};
use crate::forms::*;
use crate::i18n::*;
use crate::markup::escapable_raw_text;
use leptos::prelude::*;

const INPUT: &str = "w-full rounded-md border border-slate-400 px-2 py-1";

#[component]
pub fn TemplatesPage() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveReplyTemplate>::new();
    crate::notice::announce_on_success(save.value(), crate::notice::Done::TemplateSaved);
    let new_template_form = NodeRef::<leptos::html::Form>::new();
    crate::forms::reset_after_success(new_template_form, save.value());
    let delete = ServerAction::<DeleteReplyTemplate>::new();
    crate::notice::announce_on_success(delete.value(), crate::notice::Done::TemplateDeleted);
    let list = Resource::new(
        move || (save.version().get(), delete.version().get()),
        |_| reply_templates(),
    );
    let error = last_error(save.value());
    let fields = move |id: i64, version: i64, title: (String, String), body: (String, String)| {
        let prefix = format!("template-{id}");
        view! {
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="version" value=version />
            <div class="grid gap-2 md:grid-cols-2">
                <label class="flex flex-col text-sm" for=format!("{prefix}-tz")>{t!(i18n, template_title_zh)}</label>
                <label class="flex flex-col text-sm" for=format!("{prefix}-te")>{t!(i18n, template_title_en)}</label>
                <input id=format!("{prefix}-tz") name="title_zh" value=title.0 class=INPUT />
                <input id=format!("{prefix}-te") name="title_en" value=title.1 class=INPUT />
                <label class="flex flex-col text-sm" for=format!("{prefix}-bz")>{t!(i18n, template_body_zh)}</label>
                <label class="flex flex-col text-sm" for=format!("{prefix}-be")>{t!(i18n, template_body_en)}</label>
                <textarea id=format!("{prefix}-bz") name="body_zh" rows="3" class=INPUT>{escapable_raw_text(body.0)}</textarea>
                <textarea id=format!("{prefix}-be") name="body_en" rows="3" class=INPUT>{escapable_raw_text(body.1)}</textarea>
            </div>
        }
    };
    view! {
        {page_title(move || with_site_name(t_string!(i18n, templates_title).to_string(), i18n))}
        <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, templates_title)}</h1>
        <p class="mt-1 mb-4 text-slate-700">{t!(i18n, templates_lead)}</p>
        <FormError error />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(e) => load_error(e),
                    Ok(list) => view! {
                        <ul class="flex flex-col gap-3" data-testid="templates">
                            {list.into_iter().map(|t| view! {
                                <li class="rounded-lg border border-slate-200 bg-white p-4">
                                    <ActionForm action=save attr:class="flex flex-col gap-2">
                                        {fields(t.id, t.version, (t.title.zh.clone(), t.title.en.clone()), (t.body.zh.clone(), t.body.en.clone()))}
                                        <div><button type="submit" disabled=move || save.pending().get() class=SECONDARY_BUTTON_CLASS>{t!(i18n, save)}</button></div>
                                    </ActionForm>
                                    <ActionForm action=delete attr:class="mt-2">
                                        <input type="hidden" name="id" value=t.id />
                                        <button type="submit" disabled=move || delete.pending().get() class=SECONDARY_BUTTON_CLASS>{t!(i18n, job_alert_delete)}</button>
                                    </ActionForm>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }
            })}
        </Suspense>
        <section class="mt-6 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="template-new">
            <h2 id="template-new" class="mb-2 font-semibold">{t!(i18n, template_new)}</h2>
            <ActionForm action=save node_ref=new_template_form attr:class="flex flex-col gap-2">
                {fields(0, 0, (String::new(), String::new()), (String::new(), String::new()))}
                <div><button type="submit" disabled=move || save.pending().get() class=BUTTON_CLASS>{t!(i18n, template_new)}</button></div>
            </ActionForm>
        </section>
    }
}
