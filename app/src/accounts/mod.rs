//! Accounts, sign-in, sessions and access control.
pub mod access;
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod store;
