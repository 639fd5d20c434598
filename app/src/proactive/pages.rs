//! The switch on the profile page: be told, or not, when a service newly fits.
use super::api::{SetQualificationAlerts, qualification_alerts};
use crate::forms::{BUTTON_CLASS, FormError, last_error};
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn QualificationAlertsPanel() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SetQualificationAlerts>::new();
    crate::notice::announce_on_success(save.value(), crate::notice::Done::QualificationAlertsSaved);
    let on = Resource::new(move || save.version().get(), |_| qualification_alerts());
    let error = last_error(save.value());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                // Only talents have the switch; for anyone else there is nothing to show.
                on.await.ok().map(|checked| view! {
                    <section class="mt-8 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="alerts-title">
                        <h2 id="alerts-title" class="text-lg font-semibold">{t!(i18n, qualified_alerts_title)}</h2>
                        <ActionForm action=save attr:class="mt-2 flex flex-col gap-3" attr:data-testid="qualified-alerts">
                            <label class="flex items-start gap-2">
                                <input type="checkbox" name="on" value="true" checked=checked class="mt-1 h-5 w-5" />
                                <span>{t!(i18n, qualified_alerts_label)}</span>
                            </label>
                            <FormError error />
                            <div><button type="submit" class=BUTTON_CLASS disabled=move || save.pending().get() data-testid="qualified-alerts-save">{t!(i18n, qualified_alerts_save)}</button></div>
                        </ActionForm>
                    </section>
                })
            })}
        </Suspense>
    }
}

/// On a case the hub opened itself: why, and the employment facts taken from the hire
/// (shown, not asked: the employer confirmed them by recording the hire).
#[component]
pub fn HubOpeningNote(
    opening: super::model::HubOpening,
    item: crate::catalogue::model::ServiceItem,
    answers: std::collections::BTreeMap<String, String>,
) -> impl IntoView {
    use crate::catalogue::model::FieldKind;
    let i18n = use_i18n();
    let why = {
        let opening = opening.clone();
        move || {
            let locale = i18n.get_locale();
            crate::format::fill(
                t_string!(i18n, hub_opened_lead),
                &[
                    &opening.employer_name,
                    crate::jobs::model::pick(&opening.post_title, locale),
                    opening.reasons.get(locale),
                ],
            )
        }
    };
    let facts = item
        .form
        .into_iter()
        .filter(|field| field.shown_to_employer())
        .map(|field| {
            let label = field.label.clone();
            let answer = answers.get(&field.key).cloned();
            let is_file = matches!(field.kind, FieldKind::File);
            view! {
                <div class="grid gap-1 px-4 py-2 sm:grid-cols-[1fr_2fr]">
                    <dt class="font-medium text-slate-700">{move || label.get(i18n.get_locale()).to_string()}</dt>
                    <dd>{match answer {
                        Some(answer) if !is_file => answer.into_any(),
                        _ => t!(i18n, hub_confirmed_by_employer).into_any(),
                    }}</dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="mt-4 rounded-lg border border-emerald-300 bg-emerald-50 p-4" aria-labelledby="hub-opening-title" data-testid="hub-opening">
            <h2 id="hub-opening-title" class="text-lg font-semibold text-emerald-900">{t!(i18n, hub_opened_title)}</h2>
            <p class="mt-1 text-slate-800">{why}</p>
            <dl class="mt-3 divide-y divide-emerald-200 rounded-md border border-emerald-200 bg-white text-sm" data-testid="from-hire">
                {facts}
            </dl>
        </section>
    }
}
