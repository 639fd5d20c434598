//! The frame around every page: skip link, header with navigation and the language
//! switch, main landmark, footer; and the pages for "not found" and "something went wrong".
use crate::accounts::api::{SignOut, Viewer};
use crate::accounts::model::Role;
use crate::accounts::pages::ViewerResource;
use crate::i18n::*;
use crate::language::LanguageSwitch;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;

/// One entry of the main navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NavEntry {
    Home,
    Services,
    Policies,
    Eligibility,
    Affairs,
    Development,
    Concerns,
    Account,
    Profile,
    MyCases,
    EmployerCases,
    Queue,
    Enterprises,
    Calendar,
    Users,
    CatalogueAdmin,
    PoliciesAdmin,
    Audit,
    MyApplications,
    EmployerJobs,
    PostReview,
    Industries,
    MyConcerns,
    ConcernDesk,
    Dashboard,
    Assign,
    Search,
    FollowUps,
    Events,
    EventDesk,
    Incubation,
    IncubationDesk,
}

impl NavEntry {
    pub fn href(self) -> &'static str {
        match self {
            NavEntry::Home => "/",
            NavEntry::Services => "/services",
            NavEntry::Policies => "/policies",
            NavEntry::Eligibility => "/eligibility",
            NavEntry::Affairs => "/#affairs",
            NavEntry::Development => "/jobs",
            NavEntry::Concerns => "/concerns/new",
            NavEntry::Account => "/account",
            NavEntry::Profile => "/profile",
            NavEntry::MyCases => "/cases",
            NavEntry::EmployerCases => "/employer/cases",
            NavEntry::Queue => "/staff/queue",
            NavEntry::Enterprises => "/staff/enterprises",
            NavEntry::Calendar => "/admin/calendar",
            NavEntry::Users => "/admin/users",
            NavEntry::CatalogueAdmin => "/admin/services",
            NavEntry::PoliciesAdmin => "/admin/policies",
            NavEntry::Audit => "/admin/audit",
            NavEntry::MyApplications => "/jobs/applications",
            NavEntry::EmployerJobs => "/employer/jobs",
            NavEntry::PostReview => "/staff/jobs",
            NavEntry::Industries => "/admin/industries",
            NavEntry::MyConcerns => "/concerns",
            NavEntry::ConcernDesk => "/staff/concerns",
            NavEntry::Dashboard => "/staff/dashboard",
            NavEntry::Assign => "/staff/assign",
            NavEntry::Search => "/staff/search",
            NavEntry::Events => "/events",
            NavEntry::EventDesk => "/staff/events",
            NavEntry::Incubation => "/incubation",
            NavEntry::IncubationDesk => "/staff/incubation",
            NavEntry::FollowUps => "/staff/followups",
        }
    }
}

/// A menu of the navigation that holds one role's entries, so every role's navigation fits
/// from a phone to a wide screen without being cut off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NavMenu {
    MyAffairs,
    Desks,
    Administration,
}

/// The navigation a caller with `role` sees: the public entries and the account on the bar,
/// everything of the role's own work in its menus.
pub fn nav_entries(role: Role) -> Vec<NavEntry> {
    let mut entries = vec![
        NavEntry::Home,
        NavEntry::Services,
        NavEntry::Policies,
        NavEntry::Eligibility,
        NavEntry::Development,
        NavEntry::Events,
        NavEntry::Incubation,
        NavEntry::Concerns,
    ];
    if role != Role::Visitor {
        entries.push(NavEntry::Account);
    }
    entries
}

/// The role's menus and their entries, in order.
pub fn nav_menus(role: Role) -> Vec<(NavMenu, Vec<NavEntry>)> {
    let desks = || {
        let mut desks = vec![
            NavEntry::Queue,
            NavEntry::Enterprises,
            NavEntry::PostReview,
            NavEntry::ConcernDesk,
            NavEntry::Dashboard,
        ];
        if role == Role::Admin {
            desks.push(NavEntry::Assign);
        }
        desks.extend([
            NavEntry::FollowUps,
            NavEntry::Search,
            NavEntry::EventDesk,
            NavEntry::IncubationDesk,
        ]);
        desks
    };
    match role {
        Role::Visitor => vec![],
        Role::Talent => vec![(
            NavMenu::MyAffairs,
            vec![
                NavEntry::MyCases,
                NavEntry::MyApplications,
                NavEntry::MyConcerns,
                NavEntry::Profile,
            ],
        )],
        Role::Enterprise => vec![(
            NavMenu::MyAffairs,
            vec![
                NavEntry::EmployerCases,
                NavEntry::EmployerJobs,
                NavEntry::MyConcerns,
                NavEntry::MyCases,
            ],
        )],
        Role::Staff => vec![(NavMenu::Desks, desks())],
        Role::Admin => vec![
            (NavMenu::Desks, desks()),
            (
                NavMenu::Administration,
                vec![
                    NavEntry::Users,
                    NavEntry::CatalogueAdmin,
                    NavEntry::PoliciesAdmin,
                    NavEntry::Industries,
                    NavEntry::Calendar,
                    NavEntry::Audit,
                ],
            ),
        ],
    }
}

#[component]
fn NavLabel(entry: NavEntry) -> impl IntoView {
    let i18n = use_i18n();
    match entry {
        NavEntry::Home => t!(i18n, nav_home).into_any(),
        NavEntry::Services => t!(i18n, nav_services).into_any(),
        NavEntry::Policies => t!(i18n, nav_policies).into_any(),
        NavEntry::Eligibility => t!(i18n, nav_eligibility).into_any(),
        NavEntry::Affairs => t!(i18n, nav_affairs).into_any(),
        NavEntry::Development => t!(i18n, nav_development).into_any(),
        NavEntry::Concerns => t!(i18n, nav_concerns).into_any(),
        NavEntry::Account => t!(i18n, nav_account).into_any(),
        NavEntry::Profile => t!(i18n, nav_profile).into_any(),
        NavEntry::MyCases => t!(i18n, nav_my_cases).into_any(),
        NavEntry::EmployerCases => t!(i18n, nav_employer_cases).into_any(),
        NavEntry::Queue => t!(i18n, nav_queue).into_any(),
        NavEntry::Enterprises => t!(i18n, nav_enterprises).into_any(),
        NavEntry::Calendar => t!(i18n, nav_calendar).into_any(),
        NavEntry::Users => t!(i18n, nav_users).into_any(),
        NavEntry::CatalogueAdmin => t!(i18n, nav_catalogue_admin).into_any(),
        NavEntry::PoliciesAdmin => t!(i18n, nav_policies_admin).into_any(),
        NavEntry::Audit => t!(i18n, nav_audit).into_any(),
        NavEntry::MyApplications => t!(i18n, nav_my_applications).into_any(),
        NavEntry::EmployerJobs => t!(i18n, nav_employer_jobs).into_any(),
        NavEntry::PostReview => t!(i18n, nav_post_review).into_any(),
        NavEntry::Industries => t!(i18n, nav_industries).into_any(),
        NavEntry::MyConcerns => t!(i18n, nav_my_concerns).into_any(),
        NavEntry::ConcernDesk => t!(i18n, nav_concern_desk).into_any(),
        NavEntry::Dashboard => t!(i18n, nav_dashboard).into_any(),
        NavEntry::Assign => t!(i18n, nav_assign).into_any(),
        NavEntry::Search => t!(i18n, nav_search).into_any(),
        NavEntry::Events => t!(i18n, nav_events).into_any(),
        NavEntry::EventDesk => t!(i18n, nav_event_desk).into_any(),
        NavEntry::Incubation => t!(i18n, nav_incubation).into_any(),
        NavEntry::IncubationDesk => t!(i18n, nav_incubation_desk).into_any(),
        NavEntry::FollowUps => t!(i18n, nav_followups).into_any(),
    }
}

fn current_role(viewer: &Option<Viewer>) -> Role {
    viewer.as_ref().map(|v| v.role).unwrap_or(Role::Visitor)
}

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    // First, before any resource: shared values are matched to the server's by order.
    crate::notice::provide_notice();
    let auth = crate::accounts::pages::AuthChanged(RwSignal::new(0));
    provide_context(auth);
    let viewer: ViewerResource = Resource::new(
        move || auth.0.get(),
        |_| crate::accounts::api::current_viewer(),
    );
    provide_context(viewer);
    // Created here with the viewer, not inside the header's suspended view: resources made
    // after an await are not matched to the server's data when the page hydrates.
    let location = leptos_router::hooks::use_location();
    let unread = Resource::new(
        move || (auth.0.get(), location.pathname.get()),
        |_| crate::notifications::api::unread_notifications(),
    );
    view! {
        <PageDescription />
        <a
            href="#main"
            on:click=focus_main
            class="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2 focus:text-blue-900 focus:outline focus:outline-2 focus:outline-blue-900"
        >
            {t!(i18n, skip_to_content)}
        </a>
        <header class="bg-blue-900 text-white print:hidden">
            <div class="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
                <A href="/" attr:class="flex flex-col leading-tight focus-visible:outline focus-visible:outline-2 focus-visible:outline-white">
                    <span class="text-xl font-bold">{t!(i18n, site_name)}</span>
                    <span class="text-xs text-blue-100">{t!(i18n, site_tagline)}</span>
                </A>
                <div class="flex flex-wrap items-center gap-3">
                    <Suspense>
                        {move || Suspend::new(async move {
                            let viewer = viewer.await.ok().flatten();
                            let unread = unread.await.unwrap_or(0);
                            view! { <SignInState viewer unread /> }
                        })}
                    </Suspense>
                    <LanguageSwitch />
                </div>
            </div>
            <nav
                aria-label=move || t_string!(i18n, nav_label)
                class="border-t border-white/20 bg-blue-950/40"
            >
                <Suspense fallback=|| view! { <MainNav role=Role::Visitor /> }>
                    {move || Suspend::new(async move {
                        let role = current_role(&viewer.await.ok().flatten());
                        view! { <MainNav role /> }
                    })}
                </Suspense>
            </nav>
        </header>
        <main id="main" tabindex="-1" class="mx-auto w-full max-w-6xl flex-1 px-4 py-6 focus:outline-none">
            <crate::notice::NoticeBanner />
            {children()}
        </main>
        <Footer />
    }
}

/// The public page `path` belongs to, as written in [`PUBLIC_PAGES`]: a static route before
/// a pattern, and none for the private pages that share a public prefix.
fn public_route(path: &str) -> Option<&'static str> {
    use crate::accounts::access::PUBLIC_PAGES;
    let path = path.trim_end_matches('/');
    let path = if path.is_empty() { "/" } else { path };
    if path == "/jobs/applications" {
        return None;
    }
    PUBLIC_PAGES
        .iter()
        .find(|route| **route == path)
        .or_else(|| {
            PUBLIC_PAGES
                .iter()
                .find(|route| crate::routing::route_matches(route, path))
        })
        .copied()
}

/// What search engines and link previews show for a public page, in the page's language.
/// One table for every public page, so none is left without one.
fn page_description(i18n: leptos_i18n::I18nContext<Locale>, route: &str) -> Option<String> {
    let text = match route {
        "/" => t_string!(i18n, home_lead),
        "/services" => t_string!(i18n, meta_services),
        "/services/:code" => t_string!(i18n, meta_service),
        "/policies" => t_string!(i18n, meta_policies),
        "/policies/:code" => t_string!(i18n, meta_policy),
        "/eligibility" => t_string!(i18n, meta_eligibility),
        "/signin" => t_string!(i18n, meta_signin),
        "/register" => t_string!(i18n, meta_register),
        "/register/enterprise" => t_string!(i18n, meta_register_enterprise),
        "/register/confirm" => t_string!(i18n, meta_register_confirm),
        "/jobs" => t_string!(i18n, meta_jobs),
        "/jobs/stats" => t_string!(i18n, meta_jobs_stats),
        "/jobs/:id" => t_string!(i18n, meta_job),
        "/concerns/new" => t_string!(i18n, meta_concerns_new),
        "/statistics" => t_string!(i18n, meta_statistics),
        "/events" => t_string!(i18n, meta_events),
        "/events/:id" => t_string!(i18n, meta_event),
        "/certificates" => t_string!(i18n, meta_certificates),
        "/certificates/:number" => t_string!(i18n, meta_certificate),
        "/incubation" => t_string!(i18n, meta_incubation),
        "/track" | "/track/view" => t_string!(i18n, meta_track),
        "/verify" => t_string!(i18n, meta_verify),
        "/bundles/:code" => t_string!(i18n, meta_bundle),
        _ => return None,
    };
    Some(text.to_string())
}

/// `<meta name="description">` for the public page being shown (none on private pages).
#[component]
fn PageDescription() -> impl IntoView {
    let i18n = use_i18n();
    let location = leptos_router::hooks::use_location();
    move || {
        let path = location.pathname.get();
        public_route(&path)
            .and_then(|route| page_description(i18n, route))
            .map(|content| view! { <leptos_meta::Meta name="description" content /> })
    }
}

/// The skip link moves keyboard focus to the main content (the router would otherwise
/// only scroll there). Without JavaScript the browser's own fragment navigation does it.
fn focus_main(ev: leptos::ev::MouseEvent) {
    use wasm_bindgen::JsCast;
    if let Some(main) = document()
        .get_element_by_id("main")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        ev.prevent_default();
        let _ = main.focus();
        main.scroll_into_view();
    }
}

/// The bar wraps rather than scrolls, and each role's work sits in a `<details>` menu, which
/// opens without JavaScript (one at a time: they share a `name`); with it, choosing an
/// entry closes the menu again.
#[component]
fn MainNav(role: Role) -> impl IntoView {
    let i18n = use_i18n();
    const LINK: &str = "block whitespace-nowrap px-3 py-2.5 hover:bg-white/10 focus-visible:outline focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-white";
    let close_menu = |ev: leptos::ev::MouseEvent| {
        use wasm_bindgen::JsCast;
        if let Some(details) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("details").ok().flatten())
        {
            let _ = details.remove_attribute("open");
        }
    };
    view! {
        <ul class="mx-auto flex max-w-6xl flex-wrap gap-x-1 px-2 text-sm" data-testid="main-nav">
            {nav_entries(role)
                .into_iter()
                .map(|entry| view! { <li><a href=entry.href() class=LINK><NavLabel entry /></a></li> })
                .collect_view()}
            {nav_menus(role)
                .into_iter()
                .map(|(menu, entries)| {
                    let label = move || match menu {
                        NavMenu::MyAffairs => t_string!(i18n, nav_menu_affairs),
                        NavMenu::Desks => t_string!(i18n, nav_menu_desks),
                        NavMenu::Administration => t_string!(i18n, nav_menu_admin),
                    };
                    view! {
                        <li class="relative">
                            <details class="group" name="nav-menu" data-testid="nav-menu">
                                <summary class=format!("{LINK} cursor-pointer list-none after:ml-1 after:content-['▾'] group-open:bg-white/10")>{label}</summary>
                                <ul class="absolute left-0 z-30 mt-0 min-w-48 rounded-b-md bg-blue-950 py-1 shadow-lg">
                                    {entries
                                        .into_iter()
                                        .map(|entry| view! { <li><a href=entry.href() class=LINK on:click=close_menu><NavLabel entry /></a></li> })
                                        .collect_view()}
                                </ul>
                            </details>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// "Sign in · Register" for visitors; the name and a sign-out button when signed in. The
/// sign-out is a plain form (a POST, never a link), so it works without JavaScript.
#[component]
fn SignInState(viewer: Option<Viewer>, unread: i64) -> impl IntoView {
    let i18n = use_i18n();
    // The page the visitor is on comes back after signing in or registering.
    let location = leptos_router::hooks::use_location();
    let here = move || {
        let path = location.pathname.get();
        if path == "/" || path.starts_with("/signin") || path.starts_with("/register") {
            String::new()
        } else {
            let search = location.search.get();
            if search.is_empty() {
                path
            } else {
                format!("{path}?{search}")
            }
        }
    };
    let with_next = crate::routing::with_next;
    match viewer {
        None => view! {
            <a href=move || with_next("/signin", &here()) class="rounded-md px-3 py-1.5 text-sm font-medium hover:bg-white/10 focus-visible:outline focus-visible:outline-2 focus-visible:outline-white" data-testid="sign-in-link">
                {t!(i18n, nav_sign_in)}
            </a>
            <a href=move || with_next("/register", &here()) class="rounded-md px-3 py-1.5 text-sm font-medium hover:bg-white/10 focus-visible:outline focus-visible:outline-2 focus-visible:outline-white">
                {t!(i18n, nav_register)}
            </a>
        }
        .into_any(),
        Some(viewer) => {
            let name = viewer.display_name.clone();
            view! {
                <crate::notifications::pages::Bell unread />
                <span class="text-sm" data-testid="signed-in-as">{t!(i18n, signed_in_as, name = name.clone())}</span>
                <form method="post" action=SignOut::url()>
                    <button type="submit" class="rounded-md border border-white/60 px-3 py-1.5 text-sm font-medium hover:bg-white/10 focus-visible:outline focus-visible:outline-2 focus-visible:outline-white" data-testid="sign-out">
                        {t!(i18n, nav_sign_out)}
                    </button>
                </form>
            }
            .into_any()
        }
    }
}

#[component]
fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="mt-8 print:hidden border-t border-slate-200 bg-slate-100 text-sm text-slate-700">
            <div class="mx-auto flex max-w-6xl flex-col gap-1 px-4 py-6">
                <p class="font-medium text-slate-900">{t!(i18n, footer_office)}</p>
                <p>{t!(i18n, footer_fees)}</p>
                <p class="flex flex-wrap gap-4">
                    <a class="text-blue-800 underline" href="/track">{t!(i18n, nav_track)}</a>
                    <a class="text-blue-800 underline" href="/statistics">{t!(i18n, nav_statistics)}</a>
                </p>
            </div>
        </footer>
    }
}

/// Shown in place of a page that failed to render.
#[component]
pub fn ErrorPage() -> impl IntoView {
    crate::common::page::set_status(500);
    let i18n = use_i18n();
    view! {
        <section role="alert" class="mx-auto max-w-xl py-12 text-center">
            <h1 class="text-2xl font-bold text-slate-900">{t!(i18n, error_title)}</h1>
            <p class="mt-3 text-slate-700">{t!(i18n, error_text)}</p>
            <a href="/" class="mt-6 inline-block font-medium text-blue-900 underline">
                {t!(i18n, back_home)}
            </a>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_public_page_has_its_own_route_and_no_private_page_borrows_one() {
        for route in crate::accounts::access::PUBLIC_PAGES {
            let path = route
                .replace(":code", "LJ-GRAD-RESETTLE")
                .replace(":id", "7")
                .replace(":number", "LJ-CERT-1");
            assert_eq!(public_route(&path), Some(*route), "{path}");
        }
        for private in [
            "/jobs/applications",
            "/events/7/edit",
            "/cases/3",
            "/staff/queue",
            "/account",
        ] {
            assert_eq!(public_route(private), None, "{private}");
        }
        assert_eq!(public_route("/services/"), Some("/services"));
    }
}
