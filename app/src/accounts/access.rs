//! Who is calling, and may they do this to that? Every server function starts here.
//!
//! The server's session middleware resumes the session from its cookie and puts the
//! [`Caller`] into the request's extensions; [`caller`] reads it back inside a server
//! function or a page. [`require`] checks the role, [`Caller::require_owner`] the object.
//! Anonymous calls to server functions not on [`PUBLIC_SERVER_FNS`] never get this far:
//! the middleware refuses them first (default deny).
use super::model::Role;
use crate::error::AppError;

/// Server functions a visitor without an account may call. Every other one is refused
/// to anonymous callers before it runs (a test checks each registered function).
pub const PUBLIC_SERVER_FNS: &[&str] = &[
    "/api/language",
    "/api/catalogue/featured",
    "/api/catalogue/search",
    "/api/catalogue/guide",
    "/api/policies/search",
    "/api/policies/document",
    "/api/eligibility/check",
    "/api/bundles/list",
    "/api/bundles/guide",
    "/api/bundles/fit",
    "/api/jobs/board",
    "/api/jobs/post",
    "/api/jobs/stats",
    "/api/jobs/industries",
    "/api/concerns/raise",
    "/api/opendata",
    "/api/events/list",
    "/api/events/page",
    "/api/registrations/panel",
    "/api/trainings/plan",
    "/api/certificates/verify",
    "/api/decisions/verify",
    "/api/incubation/calls",
    "/api/incubation/projects",
    "/api/track/request",
    "/api/track/confirm",
    "/api/track/view",
    // The grant the confirmed code gave is the check (a visitor's own concern only).
    "/api/track/act",
    "/api/track/rate",
    "/api/accounts/viewer",
    "/api/notifications/unread",
    "/api/accounts/sign_in",
    "/api/accounts/sign_out",
    "/api/accounts/register_talent",
    "/api/accounts/register_enterprise",
    // The token the registration link carries is the check.
    "/api/accounts/confirm_registration",
];

/// Pages a visitor may open; every other page route sends them to sign in first.
pub const PUBLIC_PAGES: &[&str] = &[
    "/",
    "/signin",
    "/register",
    "/register/enterprise",
    "/register/confirm",
    "/services",
    "/services/:code",
    "/bundles/:code",
    "/policies",
    "/policies/:code",
    "/eligibility",
    "/jobs",
    "/jobs/stats",
    "/jobs/:id",
    "/concerns/new",
    "/statistics",
    "/events",
    "/events/:id",
    "/certificates",
    "/incubation",
    "/certificates/:number",
    "/track",
    "/track/view",
    "/verify",
];

/// Pages for signed-in accounts: a visitor is sent to sign in first. What each role may see
/// there is checked by the server functions the page calls. Every page route is in this
/// list or in [`PUBLIC_PAGES`] (a server test checks the router against both).
pub const SIGNED_IN_PAGES: &[&str] = &[
    "/account",
    "/profile",
    "/cases",
    "/cases/:id",
    "/cases/:id/review",
    "/cases/:id/receipt",
    "/cases/:id/notice",
    "/bundles/applications/:id",
    "/bundles/applications/:id/review",
    "/employer/cases",
    "/staff/queue",
    "/staff/enterprises",
    "/concerns",
    "/concerns/:id",
    "/staff/concerns",
    "/staff/templates",
    "/jobs/applications",
    "/employer/jobs",
    "/employer/jobs/new",
    "/employer/jobs/:id/edit",
    "/employer/jobs/:id/candidates",
    "/staff/jobs",
    "/staff/dashboard",
    "/staff/assign",
    "/staff/followups",
    "/staff/search",
    "/events/:id/edit",
    "/events/:id/registrations",
    "/staff/events/new",
    "/staff/events",
    "/incubation/teams",
    "/staff/incubation",
    "/staff/incubation/:id",
    "/staff/incubation/review/:id",
    "/staff/ratings",
    "/admin/calendar",
    "/notifications",
    "/admin/users",
    "/admin/services",
    "/admin/services/new",
    "/admin/services/:code/edit",
    "/admin/policies",
    "/admin/policies/new",
    "/admin/policies/:code/edit",
    "/admin/bundles/new",
    "/admin/bundles/:code/edit",
    "/admin/industries",
    "/admin/audit",
];

/// The signed-in account behind a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller {
    pub account_id: i64,
    pub role: Role,
    pub display_name: String,
    /// The database key of the caller's session (SHA-256 of the cookie value).
    pub session_key: String,
}

/// The network address a request came from, as the server determined it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientIp(pub String);

impl Caller {
    /// Objects belong to an account: only that account may touch them, and staff where the
    /// function allows (`office_may`). Anyone else learns nothing, not even that it exists.
    pub fn require_owner(&self, owner_id: i64, office_may: bool) -> Result<(), AppError> {
        if self.account_id == owner_id || (office_may && self.role.is_office()) {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }
}

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use leptos::prelude::*;

    /// The caller of the current request, if signed in.
    pub fn caller() -> Option<Caller> {
        use_context::<http::request::Parts>()?
            .extensions
            .get::<Caller>()
            .cloned()
    }

    /// The caller, who must be signed in with one of `roles`.
    pub fn require(roles: &[Role]) -> Result<Caller, AppError> {
        let caller = caller().ok_or(AppError::Unauthenticated)?;
        if roles.contains(&caller.role) {
            Ok(caller)
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Any signed-in caller.
    pub fn require_signed_in() -> Result<Caller, AppError> {
        caller().ok_or(AppError::Unauthenticated)
    }

    /// The request's network address (for throttling and the audit log).
    pub fn client_ip() -> String {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<ClientIp>().map(|ip| ip.0.clone()))
            .unwrap_or_default()
    }

    /// The request's `User-Agent`, shown in the list of active sessions.
    pub fn user_agent() -> String {
        use_context::<http::request::Parts>()
            .and_then(|parts| {
                parts
                    .headers
                    .get(http::header::USER_AGENT)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string)
            })
            .unwrap_or_default()
    }
}

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(test)]
mod tests {
    use super::*;

    fn caller(role: Role, id: i64) -> Caller {
        Caller {
            account_id: id,
            role,
            display_name: String::new(),
            session_key: String::new(),
        }
    }

    #[test]
    fn owners_and_permitted_staff_reach_objects() {
        assert!(caller(Role::Talent, 7).require_owner(7, false).is_ok());
        assert_eq!(
            caller(Role::Talent, 8).require_owner(7, true),
            Err(AppError::NotFound)
        );
        assert_eq!(
            caller(Role::Enterprise, 9).require_owner(7, true),
            Err(AppError::NotFound)
        );
        assert!(caller(Role::Staff, 1).require_owner(7, true).is_ok());
        assert_eq!(
            caller(Role::Staff, 1).require_owner(7, false),
            Err(AppError::NotFound)
        );
    }

    #[test]
    fn public_lists_are_explicit_paths() {
        for path in PUBLIC_SERVER_FNS {
            assert!(path.starts_with("/api/"), "{path}");
        }
        assert!(!PUBLIC_PAGES.contains(&"/account"));
    }
}
