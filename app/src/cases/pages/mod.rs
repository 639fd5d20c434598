//! Case pages: the application form, "check your answers", the case page with its
//! timeline and the actions each party may take, and the lists (mine, employer, queue).
mod case;
pub mod labels;
mod lists;
mod upload;

pub use case::{CasePage, ReceiptPage, ReviewPage};
pub use labels::{StateBadge, UrgencyBadge, event_label, state_label};
pub use lists::{EmployerCasesPage, MyCasesPage, QueuePage, RatingsPage};
pub use upload::UploadForm;

use crate::cases::api::StartApplication;
use crate::catalogue::model::ServiceItem;
use crate::forms::BUTTON_CLASS;
use crate::i18n::*;
use leptos::prelude::*;

/// The "apply online" button of a guide: a plain form that starts (or reopens) the
/// application; visitors are asked to sign in first and come back.
#[component]
pub fn ApplyButton(item: ServiceItem) -> impl IntoView {
    let i18n = use_i18n();
    let start = ServerAction::<StartApplication>::new();
    let viewer = use_context::<crate::accounts::pages::ViewerResource>();
    let code = item.code.clone();
    view! {
        <Suspense>
            {move || {
                let code = code.clone();
                Suspend::new(async move {
                    let signed_in = match viewer {
                        Some(v) => matches!(v.await, Ok(Some(_))),
                        None => false,
                    };
                    if signed_in {
                        view! {
                            <ActionForm action=start>
                                <input type="hidden" name="code" value=code />
                                <button type="submit" disabled=move || start.pending().get() class=BUTTON_CLASS data-testid="apply">{t!(i18n, case_apply)}</button>
                                {move || crate::forms::last_error(start.value()).get().map(|e| view! {
                                    <p class="mt-1 text-sm text-red-800" role="alert">{crate::forms::error_text(i18n, e.message_key())}</p>
                                })}
                            </ActionForm>
                        }.into_any()
                    } else {
                        view! { <crate::accounts::pages::SignInToContinue next=format!("/services/{code}")
                            label=Signal::derive(move || t_string!(i18n, case_sign_in_to_apply).to_string()) /> }.into_any()
                    }
                })
            }}
        </Suspense>
    }
}
