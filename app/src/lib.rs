//! Liangjiang Yingcai Hub: the pages, components, server functions and domain types
//! shared by the server (feature `ssr`) and the browser (feature `hydrate`).
#![recursion_limit = "256"]

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod accounts;
pub mod audit;
pub mod bundles;
pub mod calendar;
pub mod cases;
pub mod catalogue;
pub mod charts;
pub mod chunks;
pub mod common;
pub mod concerns;
#[cfg(feature = "ssr")]
pub mod cookies;
pub mod dashboard;
pub mod decisions;
pub mod editing;
pub mod eligibility;
pub mod enterprises;
pub mod error;
pub mod events;
pub mod exports;
pub mod extensions;
pub mod followups;
pub mod format;
pub mod forms;
pub mod home;
pub mod incubation;
pub mod jobs;
pub mod language;
pub mod layout;
pub mod links;
pub mod markup;
pub mod notice;
pub mod notifications;
pub mod opendata;
pub mod policies;
pub mod privacy;
pub mod proactive;
pub mod profile;
pub mod registrations;
pub mod retention;
pub mod routing;
pub mod search;
pub mod supervision;
pub mod tracking;
pub mod trainings;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod metrics;
#[cfg(feature = "ssr")]
pub mod throttle;

#[cfg(test)]
mod source_scan;

use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, SsrMode, path};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#1e3a8a" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HashedStylesheet options=options.clone() id="leptos" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body class="flex min-h-screen flex-col bg-slate-50 text-slate-900 antialiased">
                <App />
            </body>
        </html>
    }
}

/// Scripts run only from our own files or with this response's nonce (Leptos puts it on
/// the hydration script); WebAssembly may be compiled; nothing may frame the hub.
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // The browser entry (`frontend`) marks the page with `data-hydrated` once it is taken over.
    view! {
        <I18nContextProvider
            cookie_name=language::COOKIE
            cookie_options=language::cookie_options()
        >
            <Router>
                <layout::Layout>
                    <ErrorBoundary fallback=|_| view! { <layout::ErrorPage /> }>
                        <Routes fallback=|| view! { <common::page::NotFound /> }>
                            <Route path=path!("/") view={Lazy::<chunks::home::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/services") view={Lazy::<chunks::services::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/services/:code") view={Lazy::<chunks::guide::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/bundles/:code") view={Lazy::<chunks::bundle_guide::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/bundles/applications/:id") view={Lazy::<chunks::bundle_application::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/bundles/applications/:id/review") view={Lazy::<chunks::bundle_review::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/policies") view={Lazy::<chunks::policies::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/policies/:code") view={Lazy::<chunks::policy::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/eligibility") view={Lazy::<chunks::eligibility::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/signin") view={Lazy::<chunks::sign_in::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/register") view={Lazy::<chunks::register_talent::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/register/enterprise") view={Lazy::<chunks::register_enterprise::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/register/confirm") view={Lazy::<chunks::register_confirm::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/account") view={Lazy::<chunks::account::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/profile") view={Lazy::<chunks::profile::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/cases") view={Lazy::<chunks::my_cases::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/cases/:id") view={Lazy::<chunks::case::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/cases/:id/review") view={Lazy::<chunks::case_review::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/cases/:id/receipt") view={Lazy::<chunks::case_receipt::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/cases/:id/notice") view={Lazy::<chunks::decision_notice::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/employer/cases") view={Lazy::<chunks::employer_cases::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/queue") view={Lazy::<chunks::queue::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/enterprises") view={Lazy::<chunks::enterprises::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/concerns") view={Lazy::<chunks::my_concerns::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/concerns/new") view={Lazy::<chunks::raise_concern::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/concerns/:id") view={Lazy::<chunks::concern::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/concerns") view={Lazy::<chunks::concern_desk::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/templates") view={Lazy::<chunks::templates::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/jobs") view={Lazy::<chunks::job_board::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/jobs/stats") view={Lazy::<chunks::demand_stats::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/jobs/applications") view={Lazy::<chunks::my_applications::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/jobs/:id") view={Lazy::<chunks::job_post::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/employer/jobs") view={Lazy::<chunks::my_posts::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/employer/jobs/new") view={Lazy::<chunks::post_editor::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/employer/jobs/:id/edit") view={Lazy::<chunks::post_editor::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/employer/jobs/:id/candidates") view={Lazy::<chunks::candidates::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/jobs") view={Lazy::<chunks::post_review::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/dashboard") view={Lazy::<chunks::dashboard::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/assign") view={Lazy::<chunks::supervision::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/followups") view={Lazy::<chunks::follow_ups::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/search") view={Lazy::<chunks::search::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/statistics") view={Lazy::<chunks::open_data::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/track") view={Lazy::<chunks::track::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/verify") view={Lazy::<chunks::verify_notice::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/track/view") view={Lazy::<chunks::tracked::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/events") view={Lazy::<chunks::events::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/events/:id") view={Lazy::<chunks::event::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/events/:id/edit") view={Lazy::<chunks::event_editor::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/events/:id/registrations") view={Lazy::<chunks::registrants::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/events/new") view={Lazy::<chunks::event_editor::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/events") view={Lazy::<chunks::event_desk::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/certificates") view={Lazy::<chunks::verify_certificate::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/incubation") view={Lazy::<chunks::incubation::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/incubation/teams") view={Lazy::<chunks::teams::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/incubation") view={Lazy::<chunks::incubation_desk::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/incubation/:id") view={Lazy::<chunks::ranking::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/incubation/review/:id") view={Lazy::<chunks::incubation_review::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/certificates/:number") view={Lazy::<chunks::certificate::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/staff/ratings") view={Lazy::<chunks::ratings::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/admin/calendar") view={Lazy::<chunks::calendar::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/notifications") view={Lazy::<chunks::notifications::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/admin/users") view={Lazy::<chunks::users::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/admin/services") view={Lazy::<chunks::services_admin::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/admin/services/new") view={Lazy::<chunks::service_editor::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/admin/services/:code/edit") view={Lazy::<chunks::service_editor::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/admin/policies") view={Lazy::<chunks::policies_admin::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/admin/policies/new") view={Lazy::<chunks::policy_editor::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/admin/policies/:code/edit") view={Lazy::<chunks::policy_editor::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/admin/bundles/new") view={Lazy::<chunks::bundle_editor::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/admin/bundles/:code/edit") view={Lazy::<chunks::bundle_editor::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/admin/industries") view={Lazy::<chunks::industries::Page>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/admin/audit") view={Lazy::<chunks::audit::Page>::new()} ssr=SsrMode::Async />
                        </Routes>
                    </ErrorBoundary>
                </layout::Layout>
            </Router>
        </I18nContextProvider>
    }
}

#[cfg(test)]
mod tests {
    //! The two language catalogues must offer exactly the same keys, so no page ever
    //! falls back to the other language.
    use std::collections::BTreeSet;

    fn keys(path: &str) -> BTreeSet<String> {
        let text = std::fs::read_to_string(path).expect("catalogue readable");
        let value: serde_json::Value = serde_json::from_str(&text).expect("catalogue is JSON");
        let mut keys = BTreeSet::new();
        collect("", &value, &mut keys);
        keys
    }

    fn collect(prefix: &str, value: &serde_json::Value, keys: &mut BTreeSet<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, child) in map {
                    let path = if prefix.is_empty() {
                        key.clone()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    collect(&path, child, keys);
                }
            }
            serde_json::Value::String(text) => {
                assert!(!text.trim().is_empty(), "empty translation for {prefix}");
                keys.insert(prefix.to_string());
            }
            other => panic!("unexpected value for {prefix}: {other}"),
        }
    }

    #[test]
    fn every_key_exists_in_both_languages() {
        let dir = env!("CARGO_MANIFEST_DIR");
        let zh = keys(&format!("{dir}/locales/zh.json"));
        let en = keys(&format!("{dir}/locales/en.json"));
        let only_zh: Vec<_> = zh.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&zh).collect();
        assert!(
            only_zh.is_empty() && only_en.is_empty(),
            "missing in en.json: {only_zh:?}; missing in zh.json: {only_en:?}"
        );
        assert!(zh.len() > 20, "catalogue unexpectedly small");
    }

    #[test]
    fn interpolations_match_between_languages() {
        let dir = env!("CARGO_MANIFEST_DIR");
        let read = |lang: &str| -> serde_json::Map<String, serde_json::Value> {
            let text = std::fs::read_to_string(format!("{dir}/locales/{lang}.json")).unwrap();
            serde_json::from_str(&text).unwrap()
        };
        let vars = |text: &str| -> BTreeSet<String> {
            text.split("{{")
                .skip(1)
                .filter_map(|rest| rest.split("}}").next())
                .map(|name| name.trim().to_string())
                .collect()
        };
        let (zh, en) = (read("zh"), read("en"));
        for (key, zh_text) in &zh {
            let en_text = en[key].as_str().unwrap();
            assert_eq!(
                vars(zh_text.as_str().unwrap()),
                vars(en_text),
                "placeholders differ for {key}"
            );
        }
    }
}
