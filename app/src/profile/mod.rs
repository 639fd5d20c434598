//! The talent's profile: identity documents and the facts the eligibility rules read.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
