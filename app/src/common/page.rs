//! What every page uses around its content: its title, the pages for "not found" and "not
//! allowed" (with their HTTP statuses), the answer to a failed load, and paging links.
//!
//! `NotFound` and `Forbidden` set the response's status while the page renders, so every
//! route renders with `SsrMode::Async`: the status is sent after the data has loaded.
use crate::error::AppError;
use crate::forms::FormError;
use crate::i18n::*;
use leptos::prelude::*;

/// The document title, in the current language and re-made when the language changes.
/// The title is handed to `leptos_meta` as a plain string: the server reads titles after
/// the page's reactive scope has ended, so a title that reads a signal there can fail.
/// `leptos_meta` writes the title into the page unescaped: every title passes through
/// [`crate::markup::escapable_raw_text`] here, the one place titles are made.
pub fn page_title(text: impl Fn() -> String + Send + Sync + 'static) -> impl IntoView {
    move || {
        let text = crate::markup::escapable_raw_text(text());
        view! { <leptos_meta::Title text /> }
    }
}

/// `页面 · 两江英才汇`: a page's title followed by the hub's name.
pub fn with_site_name(page: String, i18n: leptos_i18n::I18nContext<Locale>) -> String {
    format!("{page} · {}", t_string!(i18n, site_name))
}

/// Sets the HTTP status of the page being rendered on the server (nothing in the browser).
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = http::StatusCode::from_u16(code)
    {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// Shown for any address the hub does not know, with HTTP status 404.
#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    let i18n = use_i18n();
    view! {
        {page_title(move || {
            format!("{} · {}", t_string!(i18n, not_found_title), t_string!(i18n, site_name))
        })}
        <section class="mx-auto max-w-xl py-12 text-center" aria-labelledby="not-found-title">
            <p class="text-5xl font-bold text-blue-900" aria-hidden="true">"404"</p>
            <h1 id="not-found-title" class="mt-4 text-2xl font-bold text-slate-900">
                {t!(i18n, not_found_title)}
            </h1>
            <p class="mt-3 text-slate-700">{t!(i18n, not_found_text)}</p>
            <a
                href="/"
                class="mt-6 inline-block rounded-md bg-blue-900 px-4 py-2 font-medium text-white hover:bg-blue-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-900"
            >
                {t!(i18n, back_home)}
            </a>
        </section>
    }
}

/// Shown in place of a page the caller's role may not see.
#[component]
pub fn Forbidden() -> impl IntoView {
    set_status(403);
    let i18n = use_i18n();
    view! {
        <section class="py-12 text-center">
            <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, forbidden_title)}</h1>
            <p class="mt-2 text-slate-700">{t!(i18n, forbidden_text)}</p>
        </section>
    }
}

/// Shows the error of a failed load: "not found" and "not allowed" get their own pages (and
/// statuses), anything else a message with the error's status.
pub fn load_error(error: AppError) -> AnyView {
    match error {
        AppError::NotFound => view! { <NotFound /> }.into_any(),
        AppError::Forbidden => view! { <Forbidden /> }.into_any(),
        other => {
            set_status(other.status());
            view! { <FormError error=Signal::derive(move || Some(other.clone())) /> }.into_any()
        }
    }
}

/// "Previous · page N · next" under a list; `href` gives the address of a page.
#[component]
pub fn Pagination(page: u32, has_more: bool, href: impl Fn(u32) -> String) -> impl IntoView {
    let i18n = use_i18n();
    let previous = (page > 0).then(|| href(page - 1));
    let next = has_more.then(|| href(page + 1));
    view! {
        <nav class="mt-4 flex items-center gap-3 text-sm" aria-label=move || t_string!(i18n, pagination)>
            {previous.map(|href| view! { <a class="underline" href=href>{t!(i18n, previous_page)}</a> })}
            <span>{t!(i18n, page_n, n = page + 1)}</span>
            {next.map(|href| view! { <a class="underline" href=href>{t!(i18n, next_page)}</a> })}
        </nav>
    }
}
