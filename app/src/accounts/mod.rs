//! Accounts and roles. Sign-in and sessions build on this (see issue 3).
pub mod model;
#[cfg(feature = "ssr")]
pub mod store;
