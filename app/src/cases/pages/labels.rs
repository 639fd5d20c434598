//! Words for states, buttons and timeline entries, in the reader's language.
use crate::calendar::model::Urgency;
use crate::cases::model::{CaseState, Transition};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

pub fn state_label(i18n: I18nContext<Locale>, state: CaseState) -> String {
    match state {
        CaseState::Draft => t_string!(i18n, state_draft),
        CaseState::Submitted => t_string!(i18n, state_submitted),
        CaseState::AwaitingEmployer => t_string!(i18n, state_awaiting_employer),
        CaseState::Confirmed => t_string!(i18n, state_confirmed),
        CaseState::EmployerDeclined => t_string!(i18n, state_employer_declined),
        CaseState::NotAccepted => t_string!(i18n, state_not_accepted),
        CaseState::UnderReview => t_string!(i18n, state_under_review),
        CaseState::SupplementRequested => t_string!(i18n, state_supplement_requested),
        CaseState::PendingSignOff => t_string!(i18n, state_pending_sign_off),
        CaseState::Approved => t_string!(i18n, state_approved),
        CaseState::Rejected => t_string!(i18n, state_rejected),
        CaseState::Disbursed => t_string!(i18n, state_disbursed),
        CaseState::Closed => t_string!(i18n, state_closed),
        CaseState::Withdrawn => t_string!(i18n, state_withdrawn),
    }
    .to_string()
}

pub fn transition_label(i18n: I18nContext<Locale>, transition: Transition) -> String {
    match transition {
        Transition::Submit => t_string!(i18n, tr_submit),
        Transition::Withdraw => t_string!(i18n, tr_withdraw),
        Transition::Confirm => t_string!(i18n, tr_confirm),
        Transition::Decline => t_string!(i18n, tr_decline),
        Transition::Accept => t_string!(i18n, tr_accept),
        Transition::NotAccept => t_string!(i18n, tr_not_accept),
        Transition::RequestSupplement => t_string!(i18n, tr_request_supplement),
        Transition::Supply => t_string!(i18n, tr_supply),
        Transition::Approve => t_string!(i18n, tr_approve),
        Transition::SignOff => t_string!(i18n, tr_sign_off),
        Transition::ReturnToReview => t_string!(i18n, tr_return_to_review),
        Transition::Reject => t_string!(i18n, tr_reject),
        Transition::Disburse => t_string!(i18n, tr_disburse),
        Transition::Close => t_string!(i18n, tr_close),
    }
    .to_string()
}

pub fn event_label(i18n: I18nContext<Locale>, kind: &str) -> String {
    match kind {
        "submit" => t_string!(i18n, ev_submit),
        "withdraw" => t_string!(i18n, ev_withdraw),
        "confirm" => t_string!(i18n, ev_confirm),
        "decline" => t_string!(i18n, ev_decline),
        "accept" => t_string!(i18n, ev_accept),
        crate::cases::model::DEEMED_ACCEPTANCE => t_string!(i18n, ev_deemed_accept),
        crate::proactive::model::OPENED_BY_HUB => t_string!(i18n, ev_opened_by_hub),
        "not_accept" => t_string!(i18n, ev_not_accept),
        "request_supplement" => t_string!(i18n, ev_request_supplement),
        "supply" => t_string!(i18n, ev_supply),
        "approve" => t_string!(i18n, ev_approve),
        "sign_off" => t_string!(i18n, ev_sign_off),
        "return_to_review" => t_string!(i18n, ev_return_to_review),
        "reject" => t_string!(i18n, ev_reject),
        "disburse" => t_string!(i18n, ev_disburse),
        "close" => t_string!(i18n, ev_close),
        "note" => t_string!(i18n, ev_note),
        "extend" => t_string!(i18n, ev_extend),
        "extension_requested" => t_string!(i18n, ev_extension_requested),
        "extension_approved" => t_string!(i18n, ev_extension_approved),
        "extension_declined" => t_string!(i18n, ev_extension_declined),
        "second_supplement" => t_string!(i18n, ev_second_supplement),
        "claim" => t_string!(i18n, ev_claim),
        "reassign" => t_string!(i18n, ev_reassign),
        "follow_up" => t_string!(i18n, ev_follow_up),
        "rating_appeal" => t_string!(i18n, ev_rating_appeal),
        "appeal_granted" => t_string!(i18n, ev_appeal_granted),
        "appeal_declined" => t_string!(i18n, ev_appeal_declined),
        "rate" => t_string!(i18n, ev_rate),
        crate::cases::model::RATING_REMINDER => t_string!(i18n, ev_rate_reminder),
        crate::cases::model::NOTICE_CORRECTED => t_string!(i18n, ev_notice_corrected),
        other => return other.to_string(),
    }
    .to_string()
}

/// A coloured badge for a state.
#[component]
pub fn StateBadge(state: CaseState) -> impl IntoView {
    let i18n = use_i18n();
    let class = match state {
        CaseState::Approved | CaseState::Disbursed | CaseState::Closed => {
            "bg-green-100 text-green-900"
        }
        CaseState::Rejected | CaseState::NotAccepted | CaseState::EmployerDeclined => {
            "bg-red-100 text-red-900"
        }
        CaseState::SupplementRequested
        | CaseState::AwaitingEmployer
        | CaseState::PendingSignOff => "bg-amber-100 text-amber-900",
        CaseState::Withdrawn | CaseState::Draft => "bg-slate-200 text-slate-800",
        _ => "bg-blue-100 text-blue-900",
    };
    view! {
        <span class=format!("inline-block rounded px-2 py-0.5 text-sm font-medium {class}") data-state=state.as_str()>
            {move || state_label(i18n, state)}
        </span>
    }
}

/// "Due soon" / "overdue" next to a due date.
#[component]
pub fn UrgencyBadge(urgency: Option<Urgency>) -> impl IntoView {
    let i18n = use_i18n();
    match urgency {
        Some(Urgency::Overdue) => Some(view! { <span class="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-900">{t!(i18n, urgency_overdue)}</span> }.into_any()),
        Some(Urgency::DueSoon) => Some(view! { <span class="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900">{t!(i18n, urgency_due_soon)}</span> }.into_any()),
        _ => None,
    }
}
