//! What just happened ("Profile saved."), said at the top of the page the person lands on,
//! in both modes.
//!
//! Without JavaScript a form post is answered with a redirect, and the page it leads to
//! knows nothing of the post: the server function calls [`announce`], which sends a
//! short-lived cookie naming the outcome; the next page shows it once and clears it. With
//! JavaScript the page calls [`announce_on_success`] with the same outcome, and the banner
//! appears in place and takes the focus, so a screen reader reads it too. The banner goes
//! once the person moves on (a link, a new submission, back or forward).
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
        crate::cookies::append_set_cookie(&cookie(done));
    }
}

/// The `Set-Cookie` value that carries `done` to the next page (for handlers that answer a
/// plain form post with a redirect of their own).
#[cfg(feature = "ssr")]
pub fn cookie(done: Done) -> String {
    format!(
        "{NOTICE_COOKIE}={}; Path=/; Max-Age=120; HttpOnly; SameSite=Lax{}",
        done.as_str(),
        crate::cookies::secure_attribute()
    )
}

/// The outcome the request's cookie names, clearing the cookie so it is shown once.
#[cfg(feature = "ssr")]
fn take_from_request() -> Option<Done> {
    let value = crate::cookies::from_request(NOTICE_COOKIE)?;
    crate::cookies::append_set_cookie(&format!(
        "{NOTICE_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{}",
        crate::cookies::secure_attribute()
    ));
    Done::parse(&value)
}

/// The banner's content, provided by the layout.
#[derive(Clone, Copy)]
pub struct NoticeSlot(RwSignal<Option<Done>>);

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
            None::<Done>
        }
    })
    .into_inner();
    provide_context(NoticeSlot(RwSignal::new(initial)));
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
            slot.set(Some(done));
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
        Effect::new(move |previous: Option<Option<Done>>| {
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
            {move || slot.get().map(|done| view! {
                <p role="status" data-testid="notice"
                    class="mb-4 rounded-md border border-emerald-300 bg-emerald-50 px-4 py-3 font-medium text-emerald-900">
                    {move || done.text(i18n)}
                </p>
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
        }
        assert_eq!(Done::parse("done_something_else"), None);
    }
}
