//! The security audit log: who did what to which account, from where, with what outcome.
//! Written in the same transaction as the change it records; read by administrators.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
