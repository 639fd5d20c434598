//! What just happened ("Profile saved.", or why a plain upload was refused), said at the top
//! of the page the person lands on, in both modes.
//!
//! Without JavaScript a form post is answered with a redirect, and the page it leads to
//! knows nothing of the post: the server function calls [`announce`], which sends a
//! short-lived cookie naming the outcome; the next page shows it once and clears it. With
//! JavaScript the page calls [`announce_on_success`] with the same outcome, and the banner
//! appears in place and takes the focus, so a screen reader reads it too. The banner goes
//! once the person moves on (a link, a new submission, back or forward).
//!
//! Every action that changes something says so: each [`Done`] is announced by a server
//! function (or upload handler) and by a page, which a unit test checks over the sources.
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use serde::{Deserialize, Serialize};

/// The cookie that carries an outcome across the redirect after a form post.
pub const NOTICE_COOKIE: &str = "hub_notice";

macro_rules! outcomes {
    ($($variant:ident => $key:ident),* $(,)?) => {
        /// An action that succeeded, as the person is told about it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
        pub enum Done {
            $($variant,)*
        }

        impl Done {
            pub const ALL: &'static [Done] = &[$(Done::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Done::$variant => stringify!($key),)*
                }
            }

            pub fn parse(text: &str) -> Option<Done> {
                Done::ALL.iter().copied().find(|done| done.as_str() == text)
            }

            pub fn text(self, i18n: I18nContext<Locale>) -> String {
                match self {
                    $(Done::$variant => t_string!(i18n, $key).to_string(),)*
                }
            }
        }
    };
}

outcomes! {
    ProfileSaved => done_profile_saved,
    LicenceUploaded => done_licence_uploaded,
    FileUploaded => done_file_uploaded,
    CheckedIn => done_checked_in,
    PlaceTaken => done_place_taken,
    Waitlisted => done_waitlisted,
    PlaceCancelled => done_place_cancelled,
    AccountConfirmed => done_account_confirmed,
    AccountSaved => done_account_saved,
    PasswordChanged => done_password_changed,
    SessionsEnded => done_sessions_ended,
    StaffCreated => done_staff_created,
    RoleChanged => done_role_changed,
    AccountStatusChanged => done_account_status_changed,
    StaffPasswordReset => done_staff_password_reset,
    CalendarDaySaved => done_calendar_day_saved,
    CalendarDayCleared => done_calendar_day_cleared,
    DraftSaved => done_draft_saved,
    ApplicationSubmitted => done_application_submitted,
    BundleSubmitted => done_bundle_submitted,
    CaseActed => done_case_acted,
    CaseClaimed => done_case_claimed,
    CaseNoteAdded => done_case_note_added,
    ExtensionRequested => done_extension_requested,
    ExtensionApproved => done_extension_approved,
    ExtensionDeclined => done_extension_declined,
    RatingSent => done_rating_sent,
    NoticeCorrected => done_notice_corrected,
    QualificationAlertsSaved => done_qualified_alerts_saved,
    EditorSaved => done_editor_saved,
    Published => done_published,
    Retired => done_retired,
    Restored => done_restored,
    EventSaved => done_event_saved,
    ConcernUpdated => done_concern_updated,
    TemplateSaved => done_template_saved,
    TemplateDeleted => done_template_deleted,
    EnterpriseDecided => done_enterprise_decided,
    FollowUpRecorded => done_follow_up_recorded,
    AppealSent => done_appeal_sent,
    AppealDecided => done_appeal_decided,
    TeamCreated => done_team_created,
    MemberInvited => done_member_invited,
    InvitationAnswered => done_invitation_answered,
    CallSaved => done_call_saved,
    CallChanged => done_call_changed,
    CallApplied => done_call_applied,
    ScoresSent => done_scores_sent,
    TeamDecided => done_team_decided,
    PostSaved => done_post_saved,
    PostOpenChanged => done_post_open_changed,
    PostReviewed => done_post_reviewed,
    CandidateDecided => done_candidate_decided,
    ApplicationWithdrawn => done_application_withdrawn,
    EmployerRecorded => done_employer_recorded,
    JobApplied => done_job_applied,
    AlertSaved => done_alert_saved,
    AlertDeleted => done_alert_deleted,
    IndustrySaved => done_industry_saved,
    NotificationsRead => done_notifications_read,
    WorkReassigned => done_work_reassigned,
    SessionAdded => done_session_added,
    SessionRemoved => done_session_removed,
}

/// What the banner says: an action that succeeded, or why a plain form post was refused
/// (one of the error keys the forms know).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    Done(Done),
    Refused(&'static str),
}

impl Notice {
    /// The cookie's value: the message key.
    pub fn as_str(self) -> &'static str {
        match self {
            Notice::Done(done) => done.as_str(),
            Notice::Refused(key) => key,
        }
    }

    /// Only keys the hub itself names are read back, so a forged cookie shows nothing.
    pub fn parse(text: &str) -> Option<Notice> {
        Done::parse(text).map(Notice::Done).or_else(|| {
            crate::forms::ERROR_KEYS
                .iter()
                .find(|key| **key == text)
                .map(|key| Notice::Refused(key))
        })
    }
}

/// Handed to the browser with the page as its message key.
impl Serialize for Notice {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Notice {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Notice, D::Error> {
        let key = String::deserialize(deserializer)?;
        Notice::parse(&key).ok_or_else(|| serde::de::Error::custom("unknown notice"))
    }
}

/// Tells the page after the redirect what succeeded, when the request is a plain form post
/// (a browser without JavaScript asks for `text/html`; the app's own calls do not).
#[cfg(feature = "ssr")]
pub fn announce(done: Done) {
    let plain_form = use_context::<http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
    });
    if plain_form {
        crate::cookies::append_set_cookie(&cookie(Notice::Done(done)));
    }
}

/// The `Set-Cookie` value that carries `notice` to the next page (for handlers that answer
/// a plain form post with a redirect of their own).
#[cfg(feature = "ssr")]
pub fn cookie(notice: Notice) -> String {
    format!(
        "{NOTICE_COOKIE}={}; Path=/; Max-Age=120; HttpOnly; SameSite=Lax{}",
        notice.as_str(),
        crate::cookies::secure_attribute()
    )
}

/// The outcome the request's cookie names, clearing the cookie so it is shown once.
#[cfg(feature = "ssr")]
fn take_from_request() -> Option<Notice> {
    let value = crate::cookies::from_request(NOTICE_COOKIE)?;
    crate::cookies::append_set_cookie(&format!(
        "{NOTICE_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{}",
        crate::cookies::secure_attribute()
    ));
    Notice::parse(&value)
}

/// The banner's content, provided by the layout.
#[derive(Clone, Copy)]
pub struct NoticeSlot(RwSignal<Option<Notice>>);

/// Creates the slot, filled on the server from the cookie (and handed to the browser with
/// the page, so hydration shows the same banner).
pub fn provide_notice() {
    let initial = leptos::prelude::SharedValue::new(|| {
        #[cfg(feature = "ssr")]
        {
            take_from_request()
        }
        #[cfg(not(feature = "ssr"))]
        {
            None::<Notice>
        }
    })
    .into_inner();
    provide_context(NoticeSlot(RwSignal::new(initial)));
}

/// Shows a success at the top now, for code that learns of it by itself (an upload sent
/// in the background). Call it where the component is created.
pub fn teller() -> impl Fn(Done) + Copy + Send + Sync + 'static {
    let slot = use_context::<NoticeSlot>().map(|s| s.0);
    move |done| {
        if let Some(slot) = slot {
            slot.set(Some(Notice::Done(done)));
        }
    }
}

/// Shows `done` at the top of the page once `value` holds a success (with JavaScript).
pub fn announce_on_success<T, E>(
    value: impl With<Value = Option<Result<T, E>>> + Send + Sync + 'static,
    done: Done,
) where
    T: Send + Sync + 'static,
    E: Send + Sync + 'static,
{
    announce_with(value, move |_| Some(done));
}

/// Shows what `outcome` makes of a success in `value` (for actions whose answer decides
/// what to say, such as a place or the waiting list).
pub fn announce_with<T, E>(
    value: impl With<Value = Option<Result<T, E>>> + Send + Sync + 'static,
    outcome: impl Fn(&T) -> Option<Done> + Send + Sync + 'static,
) where
    T: Send + Sync + 'static,
    E: Send + Sync + 'static,
{
    let Some(NoticeSlot(slot)) = use_context::<NoticeSlot>() else {
        return;
    };
    Effect::new(move |_| {
        if let Some(done) = value.with(|v| match v {
            Some(Ok(answer)) => outcome(answer),
            _ => None,
        }) {
            slot.set(Some(Notice::Done(done)));
        }
    });
}

/// The banner at the top of the main content.
#[component]
pub fn NoticeBanner() -> impl IntoView {
    let i18n = use_i18n();
    let slot = use_context::<NoticeSlot>()
        .map(|s| s.0)
        .unwrap_or_else(|| RwSignal::new(None));
    let banner = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    {
        // Shown by the page just now: move the focus there, so it is seen and read out.
        Effect::new(move |previous: Option<Option<Notice>>| {
            let now = slot.get();
            if previous.is_some()
                && now.is_some()
                && previous != Some(now)
                && let Some(el) = banner.get()
            {
                let _ = el.focus();
                el.scroll_into_view();
            }
            now
        });
        // Gone once the person moves on.
        let clear = move |_: leptos::ev::Event| slot.set(None);
        let handles = [
            window_event_listener_untyped("popstate", clear),
            window_event_listener_untyped("submit", clear),
            window_event_listener(leptos::ev::click, move |ev| {
                use wasm_bindgen::JsCast;
                let on_link = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|el| el.closest("a[href]").ok().flatten())
                    .is_some();
                if on_link {
                    slot.set(None);
                }
            }),
        ];
        on_cleanup(move || handles.into_iter().for_each(|h| h.remove()));
    }
    view! {
        <div node_ref=banner tabindex="-1" class="focus:outline-none">
            {move || slot.get().map(|notice| match notice {
                Notice::Done(done) => view! {
                    <p role="status" data-testid="notice"
                        class="mb-4 rounded-md border border-emerald-300 bg-emerald-50 px-4 py-3 font-medium text-emerald-900">
                        {move || done.text(i18n)}
                    </p>
                }.into_any(),
                Notice::Refused(key) => view! {
                    <p role="alert" data-testid="notice-refused"
                        class="mb-4 rounded-md border border-red-300 bg-red-50 px-4 py-3 font-medium text-red-800">
                        {move || crate::forms::error_text(i18n, key)}
                    </p>
                }.into_any(),
            })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outcome_reads_back_from_its_cookie_value() {
        for done in Done::ALL {
            assert_eq!(Done::parse(done.as_str()), Some(*done));
            assert_eq!(
                Notice::parse(Notice::Done(*done).as_str()),
                Some(Notice::Done(*done))
            );
        }
        assert_eq!(Done::parse("done_something_else"), None);
        assert_eq!(
            Notice::parse("err_file_too_large"),
            Some(Notice::Refused("err_file_too_large"))
        );
        assert_eq!(Notice::parse("<script>"), None);
    }

    /// Actions whose success is plain to see without a message: they lead to a page that
    /// is their answer (signed in, the form to fill, the concern's acknowledgement with its
    /// number, the code sent), or say it in place with what they found (a check-in).
    const SELF_EVIDENT: &[&str] = &[
        "SignIn",
        "RegisterTalent",
        "RegisterEnterprise",
        "StartApplication",
        "StartBundle",
        "RaiseConcern",
        "RequestTracking",
        "ConfirmTracking",
        "CheckIn",
    ];

    /// Outcomes of plain form posts (uploads the browser sends itself): the page after the
    /// redirect says them from the cookie, with JavaScript as without.
    const SAID_BY_THE_NEXT_PAGE: &[Done] = &[Done::LicenceUploaded, Done::JobApplied];

    /// Every outcome is said by the server (for plain posts) and by a page (with
    /// JavaScript), and every action a page sends says when it succeeded.
    #[test]
    fn every_action_says_when_it_succeeded() {
        let sources = crate::source_scan::rust_sources();
        // A model's rule (which outcome an answer means) is shared by both sides.
        let is_model = |path: &std::path::Path| path.file_name().is_some_and(|n| n == "model.rs");
        let is_page = |path: &std::path::Path| {
            path.components().any(|c| c.as_os_str() == "pages")
                || path.file_name().is_some_and(|n| n == "pages.rs")
                || is_model(path)
        };
        let is_server_side = |path: &std::path::Path| {
            path.file_name().is_some_and(|n| n == "api.rs")
                || path.components().any(|c| c.as_os_str() == "server")
                || is_model(path)
        };
        let mut missing = Vec::new();
        for done in Done::ALL {
            let name = format!("Done::{done:?}");
            let used = |side: &dyn Fn(&std::path::Path) -> bool| {
                sources.iter().any(|(path, text)| {
                    side(path)
                        && text.match_indices(&name).any(|(at, _)| {
                            !text[at + name.len()..].starts_with(char::is_alphanumeric)
                        })
                })
            };
            if !used(&is_server_side) {
                missing.push(format!("{name}: never announced by the server"));
            }
            let in_place = *done == Done::CheckedIn;
            if !in_place && !SAID_BY_THE_NEXT_PAGE.contains(done) && !used(&is_page) {
                missing.push(format!("{name}: never shown by a page"));
            }
        }
        for (path, text) in sources.iter().filter(|(path, _)| is_page(path)) {
            // As written, whatever the line breaks.
            let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            for (at, _) in text.match_indices("ServerAction::<") {
                let before = &text[..at];
                let Some(var) = before
                    .rsplit_once("let ")
                    .and_then(|(_, rest)| rest.strip_suffix(" = "))
                else {
                    continue;
                };
                let action = &text[at + "ServerAction::<".len()..];
                let action = &action[..action.find('>').unwrap_or(0)];
                let said = compact.contains(&format!("announce_on_success({var}.value()"))
                    || compact.contains(&format!("announce_with({var}.value()"));
                if !said && !SELF_EVIDENT.contains(&action) {
                    missing.push(format!("{}: {action} says nothing", path.display()));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "{}",
            missing.join(
                "
"
            )
        );
    }
}
