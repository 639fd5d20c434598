//! The service catalogue: what a talent or enterprise can apply for (see issue 4 for the
//! full guides and eligibility rules).
pub mod api;
pub mod draft;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
