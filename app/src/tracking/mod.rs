//! Tracking without signing in: anyone who knows a case or concern number and the e-mail
//! address or phone number on file can follow its public timeline, after confirming a
//! one-time code sent to that address.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
