//! Cases (办件): applications, employer confirmation, processing against the promised
//! time limit, and the timeline everyone shares.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
