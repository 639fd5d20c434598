//! Incubation (issue 8): a talent leads a project team whose members accept an invitation
//! with their own accounts; the team applies to a call with its business plan (PDF);
//! the call's panel scores each application on the call's weighted criteria without
//! seeing others' scores before submitting, never for their own team; the ranking is the
//! average weighted score; staff admit, waitlist or decline with a reason, the team is
//! told, and admitted teams that agreed appear on the public incubated-projects page.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
