//! Concerns (诉求): talents, enterprises and visitors ask, complain, suggest or appeal; the
//! office answers in a thread against a promised date.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
