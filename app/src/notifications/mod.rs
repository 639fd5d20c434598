//! Notifications: what happened on someone's cases, in the hub (a bell with the unread
//! count) and by e-mail through the outbox (delivered by `server::outbox`).
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
