//! Trainings for high-skilled talents (issue 8): a training course is an event with
//! sessions; staff record attendance per session at check-in; attending enough sessions
//! earns a printable certificate whose unguessable number anyone can verify at
//! `/certificates`.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
