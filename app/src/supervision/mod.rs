//! Supervision: administrators (the office's supervisors) see each staff member's open
//! work and give cases and concerns to staff, many at a time.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
