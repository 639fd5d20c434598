//! Pieces every form uses: translated error messages next to the field they belong to and
//! labelled inputs. Errors come from the shared validation (before sending) or from the
//! server (after), as translation keys.
use crate::error::{AppError, FieldError};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// A shared validation rule for one field's value.
pub type FieldCheck = fn(&str) -> Result<(), FieldError>;

/// Declares `error_text` and `ERROR_KEYS` from one list, so that a test can check that
/// every `err_` message of the catalogues can be shown.
macro_rules! error_keys {
    ($($key:ident),* $(,)?) => {
        /// Every translation key `error_text` knows.
        pub const ERROR_KEYS: &[&str] = &[$(stringify!($key)),*];

        /// The text for an error's translation key in the current language.
        pub fn error_text(i18n: I18nContext<Locale>, key: &str) -> String {
            match key {
                $(stringify!($key) => t_string!(i18n, $key).to_string(),)*
                _ => t_string!(i18n, err_internal).to_string(),
            }
        }
    };
}

error_keys!(
    err_required,
    err_team_member_twice,
    err_team_name_characters,
    err_call_closed,
    err_call_applied,
    err_call_own_team,
    err_panel_scored,
    err_panel_recused,
    err_review_once,
    err_criteria_count,
    err_criteria_weights,
    err_scores_incomplete,
    err_plan_pdf,
    err_event_audience,
    err_registration_not_open,
    err_registration_closed,
    err_event_started,
    err_event_capacity_below,
    err_checkin_code,
    err_checkin_unknown,
    err_checkin_other_event,
    err_checkin_not_registered,
    err_checkin_twice,
    err_session_outside,
    err_sessions_training_only,
    err_session_attended,
    err_checkin_session,
    err_event_past,
    err_event_link,
    err_event_where,
    err_event_registration_late,
    err_track_number,
    err_track_code,
    err_track_code_wrong,
    err_track_expired,
    err_track_throttled,
    err_verify_throttled,
    err_appeal_once,
    err_period_too_long,
    err_period_future,
    err_pick_some,
    err_pick_too_many,
    err_assignee,
    err_too_long,
    err_invalid_characters,
    err_login_required,
    err_email_invalid,
    err_phone_invalid,
    err_email_taken,
    err_phone_taken,
    err_account_exists,
    err_credit_code_format,
    err_credit_code_check,
    err_credit_code_taken,
    err_password_too_short,
    err_password_too_long,
    err_password_common,
    err_current_password_wrong,
    err_sign_in_failed,
    err_confirmation_expired,
    err_too_many_sign_in,
    err_sent_already,
    err_material_upload,
    err_material_upload_unknown,
    err_upload_not_in_guide,
    err_too_many_password_checks,
    err_too_many_registrations,
    err_too_many_confirmations,
    err_case_files_full,
    err_concern_files_full,
    err_cv_quota,
    err_too_many_concerns_raised,
    err_too_many_invitations,
    err_role_invalid,
    err_not_on_self,
    err_not_found,
    err_unauthenticated,
    err_forbidden,
    err_conflict,
    err_internal,
    err_transport,
    err_bad_request,
    err_request_too_large,
    unknown_language,
    err_id_format,
    err_id_check,
    err_id_birth_date,
    err_passport_format,
    err_date_invalid,
    err_item_code,
    err_time_limit,
    err_amount,
    err_field_key,
    err_field_label,
    err_field_options,
    err_number,
    err_number_range,
    err_number_order,
    err_lines_mismatch,
    err_field_key_taken,
    err_field_kind,
    err_rule_unknown,
    err_rule_value,
    err_code_taken,
    err_not_published,
    err_policy_unknown,
    err_article_unknown,
    err_date_order,
    err_articles_empty,
    err_article_numbers,
    err_reason_required,
    err_amount_range,
    err_amount_none,
    err_four_eyes,
    err_extension_limit,
    err_extension_waiting,
    err_extension_own,
    err_second_supplement,
    err_supplement_incomplete,
    err_nothing_to_disburse,
    err_disburse_first,
    err_choice,
    err_employer_unknown,
    err_wrong_applicant,
    err_rating,
    err_already_rated,
    err_employer_field_missing,
    err_no_application_trigger,
    err_consent_required,
    err_bundle_items,
    err_bundle_nothing_to_apply,
    err_part_of_bundle,
    err_file_field,
    err_file_too_large,
    err_file_type,
    err_file_missing,
    err_enterprise_not_verified,
    err_post_language,
    err_headcount,
    err_experience,
    err_salary,
    err_salary_order,
    err_closing_date,
    err_post_closed,
    err_already_applied,
    err_too_many_alerts,
    err_industry_code,
    err_appeal_case,
    err_too_many_concerns,
);

/// The text of `error` in the current language; a refusal for trying too often says how
/// long to wait.
pub fn error_message(i18n: I18nContext<Locale>, error: &AppError) -> String {
    let AppError::TooMany {
        message,
        retry_after_secs,
    } = error
    else {
        return error_text(i18n, error.message_key());
    };
    let n = |unit: &str, n: i64| crate::format::fill(unit, &[&n.to_string()]);
    let wait = match wait_in_units(*retry_after_secs) {
        WaitUnit::Seconds(secs) => n(t_string!(i18n, wait_seconds), secs),
        WaitUnit::Minutes(minutes) => n(t_string!(i18n, wait_minutes), minutes),
        WaitUnit::Hours(hours) => n(t_string!(i18n, wait_hours), hours),
    };
    crate::format::fill(&error_text(i18n, message), &[&wait])
}

/// A wait as people say it: seconds under a minute, else whole minutes under an hour,
/// else whole hours, rounded up so that trying again then works.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaitUnit {
    Seconds(i64),
    Minutes(i64),
    Hours(i64),
}

pub fn wait_in_units(secs: i64) -> WaitUnit {
    let secs = secs.max(1);
    if secs < 60 {
        WaitUnit::Seconds(secs)
    } else if secs < 3600 {
        WaitUnit::Minutes((secs + 59) / 60)
    } else {
        WaitUnit::Hours((secs + 3599) / 3600)
    }
}

/// The error of the last submission of a form, if it failed.
pub fn last_error<T, S>(value: S) -> Signal<Option<AppError>>
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    Signal::derive(move || match value.get() {
        Some(Err(error)) => Some(error),
        _ => None,
    })
}

/// One message area for a page with several forms: the first of their last errors.
pub fn first_error<const N: usize>(
    errors: [Signal<Option<AppError>>; N],
) -> Signal<Option<AppError>> {
    Signal::derive(move || errors.iter().find_map(|error| error.get()))
}

/// A labelled input with its help text and, when the last submission failed on this
/// field, the error (linked by `aria-describedby`, announced by screen readers).
#[component]
pub fn Field(
    /// The form field name (the server function's argument).
    name: &'static str,
    label: Signal<String>,
    #[prop(optional)] help: Option<Signal<String>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] value: Option<Signal<String>>,
    #[prop(optional)] required: bool,
    /// The error of the form's last submission.
    error: Signal<Option<AppError>>,
    /// Further fields whose errors show here (e.g. `phone` and `email` under `login`).
    #[prop(optional)]
    also: &'static [&'static str],
    /// The shared validation rule, run in the browser when the field loses focus (the
    /// server runs the same rule again on submission).
    #[prop(optional)]
    check: Option<FieldCheck>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("field-{name}");
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    // The browser's own verdict on the current value; `Some(None)` means checked and fine.
    let local = RwSignal::new(None::<Option<&'static str>>);
    // A new answer from the server replaces what the browser found before.
    Effect::new(move |_| {
        error.track();
        local.set(None);
    });
    let on_blur = move |ev: leptos::ev::FocusEvent| {
        if let Some(check) = check {
            let value = event_target_value(&ev);
            if !value.is_empty() || local.get_untracked().is_some() {
                local.set(Some(check(&value).err().map(|e| e.message)));
            }
        }
    };
    let my_error = move || match local.get() {
        Some(Some(key)) => Some(error_text(i18n, key)),
        Some(None) => None,
        None => error
            .get()
            .filter(|e| e.field().is_some_and(|f| f == name || also.contains(&f)))
            .map(|e| error_message(i18n, &e)),
    };
    let described = {
        let help_id = help_id.clone();
        let error_id = error_id.clone();
        let has_help = help.is_some();
        move || {
            let mut ids = Vec::new();
            if has_help {
                ids.push(help_id.clone());
            }
            if my_error().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="flex flex-col gap-1">
            <label for=id.clone() class="text-sm font-medium text-slate-900">{move || label.get()}</label>
            {help.map(|help| view! { <p id=help_id.clone() class="text-sm text-slate-600">{move || help.get()}</p> })}
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                required=required
                value=move || value.map(|v| v.get())
                on:blur=on_blur
                aria-invalid=move || my_error().is_some().then_some("true")
                aria-describedby=described
                class="rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-700 aria-[invalid=true]:border-red-700"
            />
            {move || my_error().map(|text| view! {
                <p id=error_id.clone() class="text-sm font-medium text-red-800" role="alert">{text}</p>
            })}
        </div>
    }
}

/// The error of the last submission that belongs to no field shown (or to a field listed
/// in `fields` as "form level"), shown above the submit button.
#[component]
pub fn FormError(
    error: Signal<Option<AppError>>,
    /// Field names that have their own `Field`; their errors are not repeated here.
    #[prop(optional)]
    fields: &'static [&'static str],
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error
            .get()
            .filter(|e| e.field().is_none_or(|f| !fields.contains(&f)))
            .map(|e| {
                view! {
                    <p class="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-800" role="alert">
                        {error_message(i18n, &e)}
                    </p>
                }
            })
    }
}

pub const BUTTON_CLASS: &str = "inline-flex items-center justify-center rounded-md bg-blue-800 px-4 py-2 text-sm font-semibold text-white hover:bg-blue-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-800 disabled:opacity-60";
/// With JavaScript, empties `form` once `value` holds a success, so what was sent is not
/// left in the fields to be sent again (without JavaScript the page after the post is a
/// fresh one anyway).
pub fn reset_after_success<T, E>(
    form: NodeRef<leptos::html::Form>,
    value: impl With<Value = Option<Result<T, E>>> + Send + Sync + 'static,
) where
    T: Send + Sync + 'static,
    E: Send + Sync + 'static,
{
    Effect::new(move |_| {
        if value.with(|v| matches!(v, Some(Ok(_))))
            && let Some(form) = form.get_untracked()
        {
            form.reset();
        }
    });
}

/// A plain form (a multipart upload the browser posts itself) is sent once: with
/// JavaScript its button is disabled from the moment it is sent until the next page
/// arrives, so a double click cannot send it twice. A page brought back by "back" from the
/// browser's cache is usable again.
#[derive(Clone, Copy)]
pub struct SentOnce(RwSignal<bool>);

impl SentOnce {
    pub fn new() -> SentOnce {
        let sent = RwSignal::new(false);
        #[cfg(feature = "hydrate")]
        {
            let handle = window_event_listener(leptos::ev::pageshow, move |_| sent.set(false));
            on_cleanup(move || handle.remove());
        }
        SentOnce(sent)
    }

    /// For the form's `on:submit`.
    pub fn on_submit(self) -> impl Fn(leptos::ev::SubmitEvent) + Copy + 'static {
        move |_| self.0.set(true)
    }

    /// For the button's `disabled`.
    pub fn sending(self) -> bool {
        self.0.get()
    }
}

impl Default for SentOnce {
    fn default() -> Self {
        SentOnce::new()
    }
}

/// "Print" for a page made to be printed. It calls the browser's print dialog, so it is
/// shown only once the page runs its script; without JavaScript the page is printed from
/// the browser's own menu, and no button that does nothing is offered.
#[component]
pub fn PrintButton(label: Signal<String>) -> impl IntoView {
    let running = RwSignal::new(false);
    Effect::new(move |_| running.set(true));
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        let _ = window().print();
    };
    view! {
        <Show when=move || running.get()>
            <button type="button" class=SECONDARY_BUTTON_CLASS on:click=print data-testid="print">{move || label.get()}</button>
        </Show>
    }
}

/// A decision that refuses or ends something (reject, do not accept): red, never the same
/// look as the decisions that go ahead.
pub const WARNING_BUTTON_CLASS: &str = "inline-flex items-center justify-center rounded-md border border-red-800 bg-white px-4 py-2 text-sm font-semibold text-red-800 hover:bg-red-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-800 disabled:opacity-60";
pub const SECONDARY_BUTTON_CLASS: &str = "inline-flex items-center justify-center rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-800 disabled:opacity-60";

#[cfg(test)]
mod error_key_tests {
    use super::{WaitUnit, wait_in_units};

    #[test]
    fn waits_are_said_in_whole_units_rounded_up() {
        assert_eq!(wait_in_units(0), WaitUnit::Seconds(1));
        assert_eq!(wait_in_units(45), WaitUnit::Seconds(45));
        assert_eq!(wait_in_units(60), WaitUnit::Minutes(1));
        assert_eq!(wait_in_units(61), WaitUnit::Minutes(2));
        assert_eq!(wait_in_units(900), WaitUnit::Minutes(15));
        assert_eq!(wait_in_units(3600), WaitUnit::Hours(1));
        assert_eq!(wait_in_units(3601), WaitUnit::Hours(2));
    }

    #[test]
    fn every_error_message_of_the_catalogue_can_be_shown() {
        let catalogue: serde_json::Value =
            serde_json::from_str(include_str!("../locales/en.json")).unwrap();
        let missing: Vec<&String> = catalogue
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| k.starts_with("err_") && !super::ERROR_KEYS.contains(&k.as_str()))
            .collect();
        assert!(missing.is_empty(), "add to error_keys!: {missing:?}");
    }
}
