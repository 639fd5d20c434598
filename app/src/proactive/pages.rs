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
