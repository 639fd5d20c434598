//! Liangjiang Yingcai Hub: the pages, components, server functions and domain types
//! shared by the server (feature `ssr`) and the browser (feature `hydrate`).
#![recursion_limit = "256"]

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod accounts;
pub mod audit;
pub mod calendar;
pub mod cases;
pub mod catalogue;
pub mod charts;
pub mod concerns;
pub mod dashboard;
pub mod editing;
pub mod eligibility;
pub mod enterprises;
pub mod error;
pub mod events;
pub mod exports;
pub mod followups;
pub mod format;
pub mod forms;
pub mod home;
pub mod incubation;
pub mod jobs;
pub mod language;
pub mod layout;
pub mod markup;
pub mod notifications;
pub mod opendata;
pub mod policies;
pub mod profile;
pub mod registrations;
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
pub mod throttle;

use crate::accounts::pages::{
    AccountPage, RegisterConfirmPage, RegisterEnterprisePage, RegisterTalentPage, SignInPage,
    UsersPage,
};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

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
    // Marks the page once the browser has taken over, for tests and for styles that only
    // make sense with JavaScript.
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <I18nContextProvider
            cookie_name=language::COOKIE
            cookie_options=language::cookie_options()
        >
            <Router>
                <layout::Layout>
                    <ErrorBoundary fallback=|_| view! { <layout::ErrorPage /> }>
                        <Routes fallback=|| view! { <layout::NotFound /> }>
                            <Route path=path!("/") view=home::pages::HomePage ssr=SsrMode::Async />
                            <Route path=path!("/services") view=catalogue::pages::ServicesPage ssr=SsrMode::Async />
                            <Route path=path!("/services/:code") view=catalogue::pages::GuidePage ssr=SsrMode::Async />
                            <Route path=path!("/policies") view=policies::pages::PoliciesPage ssr=SsrMode::Async />
                            <Route path=path!("/policies/:code") view=policies::pages::PolicyPage ssr=SsrMode::Async />
                            <Route path=path!("/eligibility") view=eligibility::pages::EligibilityPage ssr=SsrMode::Async />
                            <Route path=path!("/signin") view=SignInPage ssr=SsrMode::Async />
                            <Route path=path!("/register") view=RegisterTalentPage ssr=SsrMode::Async />
                            <Route path=path!("/register/enterprise") view=RegisterEnterprisePage ssr=SsrMode::Async />
                            <Route path=path!("/register/confirm") view=RegisterConfirmPage ssr=SsrMode::Async />
                            <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async />
                            <Route path=path!("/profile") view=profile::pages::ProfilePage ssr=SsrMode::Async />
                            <Route path=path!("/cases") view=cases::pages::MyCasesPage ssr=SsrMode::Async />
                            <Route path=path!("/cases/:id") view=cases::pages::CasePage ssr=SsrMode::Async />
                            <Route path=path!("/cases/:id/review") view=cases::pages::ReviewPage ssr=SsrMode::Async />
                            <Route path=path!("/employer/cases") view=cases::pages::EmployerCasesPage ssr=SsrMode::Async />
                            <Route path=path!("/staff/queue") view=cases::pages::QueuePage ssr=SsrMode::Async />
                            <Route path=path!("/staff/enterprises") view=enterprises::pages::EnterprisesPage ssr=SsrMode::Async />
                            <Route path=path!("/concerns") view=concerns::pages::MyConcernsPage ssr=SsrMode::Async />
                            <Route path=path!("/concerns/new") view=concerns::pages::RaiseConcernPage ssr=SsrMode::Async />
                            <Route path=path!("/concerns/:id") view=concerns::pages::ConcernPage ssr=SsrMode::Async />
                            <Route path=path!("/staff/concerns") view=concerns::pages::ConcernDeskPage ssr=SsrMode::Async />
                            <Route path=path!("/staff/templates") view=concerns::pages::TemplatesPage ssr=SsrMode::Async />
                            <Route path=path!("/jobs") view=jobs::pages::JobBoardPage ssr=SsrMode::Async />
                            <Route path=path!("/jobs/stats") view=jobs::pages::DemandStatsPage ssr=SsrMode::Async />
                            <Route path=path!("/jobs/applications") view=jobs::pages::MyApplicationsPage ssr=SsrMode::Async />
                            <Route path=path!("/jobs/:id") view=jobs::pages::JobPostPage ssr=SsrMode::Async />
                            <Route path=path!("/employer/jobs") view=jobs::pages::MyPostsPage ssr=SsrMode::Async />
                            <Route path=path!("/employer/jobs/new") view=jobs::pages::PostEditorPage ssr=SsrMode::Async />
                            <Route path=path!("/employer/jobs/:id/edit") view=jobs::pages::PostEditorPage ssr=SsrMode::Async />
                            <Route path=path!("/employer/jobs/:id/candidates") view=jobs::pages::CandidatesPage ssr=SsrMode::Async />
                            <Route path=path!("/staff/jobs") view=jobs::pages::PostReviewPage ssr=SsrMode::Async />
                            <Route path=path!("/staff/dashboard") view=dashboard::pages::DashboardPage ssr=SsrMode::Async />
                            <Route path=path!("/staff/assign") view=supervision::pages::SupervisionPage ssr=SsrMode::Async />
                            <Route path=path!("/staff/followups") view=followups::pages::FollowUpsPage ssr=SsrMode::Async />
                            <Route path=path!("/staff/search") view=search::pages::SearchPage ssr=SsrMode::Async />
                            <Route path=path!("/statistics") view=opendata::pages::OpenDataPage ssr=SsrMode::Async />
                            <Route path=path!("/track") view=tracking::pages::TrackPage ssr=SsrMode::Async />
                            <Route path=path!("/track/view") view=tracking::pages::TrackedPage ssr=SsrMode::Async />
                            <Route path=path!("/events") view=events::pages::EventsPage ssr=SsrMode::Async />
                            <Route path=path!("/events/:id") view=events::pages::EventPageView ssr=SsrMode::Async />
                            <Route path=path!("/events/:id/edit") view=events::pages::EventEditorPage ssr=SsrMode::Async />
                            <Route path=path!("/events/:id/registrations") view=registrations::pages::RegistrantsPage ssr=SsrMode::Async />
                            <Route path=path!("/staff/events/new") view=events::pages::EventEditorPage ssr=SsrMode::Async />
                            <Route path=path!("/staff/events") view=events::pages::EventDeskPage ssr=SsrMode::Async />
                            <Route path=path!("/certificates") view=trainings::pages::VerifyCertificatePage ssr=SsrMode::Async />
                            <Route path=path!("/incubation") view=incubation::pages::IncubationPage ssr=SsrMode::Async />
                            <Route path=path!("/incubation/teams") view=incubation::pages::TeamsPage ssr=SsrMode::Async />
                            <Route path=path!("/staff/incubation") view=incubation::pages::IncubationDeskPage ssr=SsrMode::Async />
                            <Route path=path!("/staff/incubation/:id") view=incubation::pages::RankingPage ssr=SsrMode::Async />
                            <Route path=path!("/staff/incubation/review/:id") view=incubation::pages::ReviewPage ssr=SsrMode::Async />
                            <Route path=path!("/certificates/:number") view=trainings::pages::CertificatePage ssr=SsrMode::Async />
                            <Route path=path!("/staff/ratings") view=cases::pages::RatingsPage ssr=SsrMode::Async />
                            <Route path=path!("/admin/calendar") view=calendar::pages::CalendarPage ssr=SsrMode::Async />
                            <Route path=path!("/notifications") view=notifications::pages::NotificationsPage ssr=SsrMode::Async />
                            <Route path=path!("/admin/users") view=UsersPage ssr=SsrMode::Async />
                            <Route path=path!("/admin/services") view=catalogue::pages::ServicesAdminPage ssr=SsrMode::Async />
                            <Route path=path!("/admin/services/new") view=catalogue::pages::ServiceEditorPage ssr=SsrMode::Async />
                            <Route path=path!("/admin/services/:code/edit") view=catalogue::pages::ServiceEditorPage ssr=SsrMode::Async />
                            <Route path=path!("/admin/policies") view=policies::pages::PoliciesAdminPage ssr=SsrMode::Async />
                            <Route path=path!("/admin/policies/new") view=policies::pages::PolicyEditorPage ssr=SsrMode::Async />
                            <Route path=path!("/admin/policies/:code/edit") view=policies::pages::PolicyEditorPage ssr=SsrMode::Async />
                            <Route path=path!("/admin/industries") view=jobs::pages::IndustriesPage ssr=SsrMode::Async />
                            <Route path=path!("/admin/audit") view=audit::pages::AuditPage ssr=SsrMode::Async />
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
