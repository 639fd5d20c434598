//! Pages as separately loaded pieces of the browser bundle.
//!
//! Every page is a lazy route: `cargo leptos build --split` puts its code in a WebAssembly
//! chunk of its own, which the browser fetches when the page is first shown. The first load
//! carries the frame every page needs (layout, navigation, language switch, bell) and the
//! page being opened, nothing of the staff desks or the editors. The server still renders
//! every page in full, and lists the chunks it used as `<link rel="preload">` so hydration
//! does not wait for a second round trip.
//!
//! A chunk can fail to load: a deploy replaced the files, or the network dropped. Inside the
//! running app, the navigation then becomes a full page load of the same address. While a
//! freshly loaded page is being taken over, the page reloads once; if the chunk is still
//! missing, the page stays as the server rendered it. That page works like a page without
//! JavaScript, its links load pages in full, and a notice in the page's language says what
//! happened.

#[cfg(feature = "hydrate")]
use leptos::prelude::*;

/// The error a page chunk's loader reports; the details are in the browser console.
#[derive(Debug)]
pub struct ChunkMissing;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkMissing
    }
}

/// Declares the lazy routes, chunk by chunk: `chunk { module => path::to::PageComponent, … }`.
///
/// Each page becomes `chunks::module::Page`, for `Lazy::<chunks::module::Page>::new()` in the
/// router. The pages of one chunk are fetched together: pages that are visited together
/// or by the same people share a chunk, so a visit fetches a few files rather than
/// hundreds (the splitter gives every combination of chunks that shares code a file of its
/// own). Chunk and module names must be unique in the crate.
macro_rules! lazy_pages {
    ($( $chunk:ident { $( $module:ident => $page:path ),* $(,)? } )*) => {$($(
        pub mod $module {
            use super::ChunkMissing;
            use leptos::prelude::{AnyView, IntoAny};

            /// The page, loaded on demand in the browser.
            pub struct Page;

            // On the server this is an ordinary call; in the browser it first fetches the
            // chunk, and a failed fetch comes back as `Err` instead of aborting the app.
            // The function is named after the page so that its exported symbol is unique
            // within the chunk.
            #[leptos::wasm_split::wasm_split(
                $chunk,
                wasm_split_path = ::leptos::wasm_split,
                fallible,
                preload(fetch)
            )]
            fn $module() -> Result<AnyView, ChunkMissing> {
                Ok($page().into_any())
            }

            impl leptos_router::LazyRoute for Page {
                fn data() -> Self {
                    Page
                }

                async fn view(_this: Self) -> AnyView {
                    // Tells the server to name this chunk in the page's preload links.
                    #[cfg(feature = "ssr")]
                    leptos::prefetch_lazy_fn_on_server(stringify!($chunk));
                    match $module().await {
                        Ok(view) => view,
                        Err(ChunkMissing) => {
                            super::chunk_missing().await;
                            ().into_any()
                        }
                    }
                }

                // The router fetches the chunk here before it shows or takes over the
                // page; taking over a server-rendered page cannot wait for a fetch later.
                async fn preload() {
                    if fetch().await.is_err() {
                        super::chunk_missing().await;
                    }
                }
            }
        }
    )*)*};
}

lazy_pages! {
    // The home page, the most visited, alone.
    front_page {
        home => crate::home::pages::HomePage,
    }
    // What anyone reads before applying.
    guides {
        services => crate::catalogue::pages::ServicesPage,
        guide => crate::catalogue::pages::GuidePage,
        bundle_guide => crate::bundles::pages::BundleGuidePage,
        policies => crate::policies::pages::PoliciesPage,
        policy => crate::policies::pages::PolicyPage,
        eligibility => crate::eligibility::pages::EligibilityPage,
    }
    // Jobs, events and incubation: the public side of talent development.
    development {
        job_board => crate::jobs::pages::JobBoardPage,
        job_post => crate::jobs::pages::JobPostPage,
        demand_stats => crate::jobs::pages::DemandStatsPage,
        events => crate::events::pages::EventsPage,
        event => crate::events::pages::EventPageView,
        verify_certificate => crate::trainings::pages::VerifyCertificatePage,
        certificate => crate::trainings::pages::CertificatePage,
        incubation => crate::incubation::pages::IncubationPage,
        teams => crate::incubation::pages::TeamsPage,
    }
    // What a visitor does without an account, and signing in.
    visitor {
        open_data => crate::opendata::pages::OpenDataPage,
        track => crate::tracking::pages::TrackPage,
        verify_notice => crate::decisions::pages::VerifyNoticePage,
        tracked => crate::tracking::pages::TrackedPage,
        raise_concern => crate::concerns::pages::RaiseConcernPage,
        sign_in => crate::accounts::pages::SignInPage,
        register_talent => crate::accounts::pages::RegisterTalentPage,
        register_enterprise => crate::accounts::pages::RegisterEnterprisePage,
        register_confirm => crate::accounts::pages::RegisterConfirmPage,
    }
    // A signed-in talent's or enterprise's own affairs.
    own_affairs {
        account => crate::accounts::pages::AccountPage,
        profile => crate::profile::pages::ProfilePage,
        notifications => crate::notifications::pages::NotificationsPage,
        my_cases => crate::cases::pages::MyCasesPage,
        case => crate::cases::pages::CasePage,
        case_review => crate::cases::pages::ReviewPage,
        case_receipt => crate::cases::pages::ReceiptPage,
        bundle_application => crate::bundles::pages::BundleApplicationPage,
        bundle_review => crate::bundles::pages::BundleReviewPage,
        decision_notice => crate::decisions::pages::NoticePage,
        my_concerns => crate::concerns::pages::MyConcernsPage,
        concern => crate::concerns::pages::ConcernPage,
        my_applications => crate::jobs::pages::MyApplicationsPage,
    }
    employer {
        employer_cases => crate::cases::pages::EmployerCasesPage,
        my_posts => crate::jobs::pages::MyPostsPage,
        post_editor => crate::jobs::pages::PostEditorPage,
        candidates => crate::jobs::pages::CandidatesPage,
    }
    // The service staff's desks.
    desks {
        queue => crate::cases::pages::QueuePage,
        ratings => crate::cases::pages::RatingsPage,
        enterprises => crate::enterprises::pages::EnterprisesPage,
        concern_desk => crate::concerns::pages::ConcernDeskPage,
        templates => crate::concerns::pages::TemplatesPage,
        post_review => crate::jobs::pages::PostReviewPage,
        dashboard => crate::dashboard::pages::DashboardPage,
        supervision => crate::supervision::pages::SupervisionPage,
        follow_ups => crate::followups::pages::FollowUpsPage,
        search => crate::search::pages::SearchPage,
        event_editor => crate::events::pages::EventEditorPage,
        event_desk => crate::events::pages::EventDeskPage,
        registrants => crate::registrations::pages::RegistrantsPage,
        incubation_desk => crate::incubation::pages::IncubationDeskPage,
        ranking => crate::incubation::pages::RankingPage,
        incubation_review => crate::incubation::pages::ReviewPage,
    }
    // The administrators' editors.
    administration {
        users => crate::accounts::pages::UsersPage,
        calendar => crate::calendar::pages::CalendarPage,
        services_admin => crate::catalogue::pages::ServicesAdminPage,
        service_editor => crate::catalogue::pages::ServiceEditorPage,
        policies_admin => crate::policies::pages::PoliciesAdminPage,
        policy_editor => crate::policies::pages::PolicyEditorPage,
        bundle_editor => crate::bundles::pages::BundleEditorPage,
        industries => crate::jobs::pages::IndustriesPage,
        audit => crate::audit::pages::AuditPage,
    }
}

/// What happens when a page's chunk could not be fetched. Only the browser gets here, and
/// it never goes on: the page is being replaced, or stays as the server rendered it.
async fn chunk_missing() {
    #[cfg(feature = "hydrate")]
    {
        let taken_over = document()
            .body()
            .is_some_and(|body| body.has_attribute("data-hydrated"));
        if taken_over {
            // A navigation inside the app: let the server answer it as a full page load.
            let url = leptos_router::hooks::use_url().get_untracked();
            let query = match url.search() {
                "" => String::new(),
                search => format!("?{search}"),
            };
            let target = format!("{}{query}{}", url.path(), url.hash());
            let _ = window().location().assign(&target);
        } else if !reloaded_once() {
            let _ = window().location().reload();
        } else {
            let i18n = crate::i18n::use_i18n();
            keep_server_page(crate::i18n::t_string!(i18n, chunk_missing));
        }
        std::future::pending::<()>().await;
    }
}

/// Whether this address was already reloaded because of a missing chunk; marks it if not.
/// The mark is kept for a minute, so a later visit tries again.
#[cfg(feature = "hydrate")]
fn reloaded_once() -> bool {
    const KEY: &str = "hub-chunk-reload";
    let Ok(Some(storage)) = window().session_storage() else {
        // Without storage a reload could loop; keep the page as served instead.
        return true;
    };
    let here = window().location().href().unwrap_or_default();
    let now = js_sys::Date::now();
    let previous = storage.get_item(KEY).ok().flatten().unwrap_or_default();
    let recent = previous
        .split_once(' ')
        .and_then(|(at, address)| Some((at.parse::<f64>().ok()?, address)))
        .is_some_and(|(at, address)| address == here && now - at < 60_000.0);
    if !recent {
        let _ = storage.set_item(KEY, &format!("{now} {here}"));
    }
    recent
}

/// Leaves the server-rendered page in charge: its links load pages in full (the app's
/// router would otherwise catch them), and a notice at the top says why.
#[cfg(feature = "hydrate")]
fn keep_server_page(notice: &str) {
    use wasm_bindgen::JsCast;
    let document = document();
    if let Ok(links) = document.query_selector_all("a[href]") {
        for index in 0..links.length() {
            if let Some(link) = links
                .item(index)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                let rel = link.get_attribute("rel").unwrap_or_default();
                let _ = link.set_attribute("rel", format!("{rel} external").trim());
            }
        }
    }
    let (Some(body), Ok(banner)) = (document.body(), document.create_element("p")) else {
        return;
    };
    banner.set_text_content(Some(notice));
    let _ = banner.set_attribute("role", "alert");
    let _ = banner.set_attribute("data-testid", "chunk-missing");
    let _ = banner.set_attribute(
        "class",
        "bg-amber-100 px-4 py-3 text-center text-sm text-amber-900",
    );
    let _ = body.prepend_with_node_1(&banner);
}
