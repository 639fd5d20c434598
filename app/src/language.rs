//! Choosing the language: from the browser's `Accept-Language` at first, then from the
//! visitor's choice, remembered in a cookie. The switch is a plain form, so it also works
//! with JavaScript off; with JavaScript on it switches in place without a reload.
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Name of the cookie that remembers the chosen language.
pub const COOKIE: &str = "hub_lang";
/// One year, in seconds.
pub const COOKIE_MAX_AGE_SECS: i64 = 365 * 24 * 60 * 60;

/// Cookie settings shared by the browser-side switch and the i18n context.
pub fn cookie_options() -> leptos_i18n::context::CookieOptions<Locale> {
    leptos_i18n::context::CookieOptions::<Locale>::default()
        .path("/")
        .same_site(leptos_use::SameSite::Lax)
        // leptos-use counts milliseconds.
        .max_age(COOKIE_MAX_AGE_SECS * 1000)
}

/// Parses a language code from a form; only the hub's languages are accepted.
pub fn parse_locale(code: &str) -> Option<Locale> {
    Locale::get_all()
        .iter()
        .copied()
        .find(|locale| locale.as_str() == code)
}

/// The other language: the switch offers the one not in use.
pub fn other(locale: Locale) -> Locale {
    match locale {
        Locale::zh => Locale::en,
        Locale::en => Locale::zh,
    }
}

/// Remembers the chosen language. Posted as a plain form without JavaScript, after which
/// the server sends the visitor back to the page they were on.
#[server(prefix = "/api", endpoint = "language")]
pub async fn set_language(lang: String) -> Result<(), AppError> {
    let locale = parse_locale(&lang).ok_or_else(|| AppError::Invalid {
        field: "lang".into(),
        message: "unknown_language".into(),
    })?;
    let response = expect_context::<leptos_axum::ResponseOptions>();
    let cookie = format!(
        "{COOKIE}={}; Path=/; Max-Age={COOKIE_MAX_AGE_SECS}; SameSite=Lax",
        locale.as_str()
    );
    let value = http::HeaderValue::from_str(&cookie).map_err(|_| AppError::Internal)?;
    response.append_header(http::header::SET_COOKIE, value);
    Ok(())
}

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let target = move || other(i18n.get_locale());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        i18n.set_locale(target());
    };
    view! {
        <form method="post" action=SetLanguage::url() on:submit=on_submit>
            <input type="hidden" name="lang" value=move || target().as_str() />
            <button
                type="submit"
                data-testid="language-switch"
                lang=move || target().as_str()
                aria-label=move || t_string!(i18n, language_switch_aria)
                class="rounded-md border border-white/60 px-3 py-1.5 text-sm font-medium text-white hover:bg-white/10 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
            >
                {t!(i18n, language_switch)}
            </button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hub_languages_are_accepted() {
        assert_eq!(parse_locale("zh"), Some(Locale::zh));
        assert_eq!(parse_locale("en"), Some(Locale::en));
        assert_eq!(parse_locale("fr"), None);
        assert_eq!(parse_locale(""), None);
    }

    #[test]
    fn switch_offers_the_other_language() {
        assert_eq!(other(Locale::zh), Locale::en);
        assert_eq!(other(Locale::en), Locale::zh);
    }
}
