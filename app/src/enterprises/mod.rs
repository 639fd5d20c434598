//! Enterprises as the office sees them: staff verify a newly registered enterprise before
//! it may confirm employment (and, later, publish talent demand).
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
