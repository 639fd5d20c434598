//! The staff dashboard: how the office is doing over a chosen period — cases received,
//! accepted, decided and overdue, working days to decision per service item, approvals and
//! money, ratings and concerns.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
