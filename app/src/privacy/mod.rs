//! A person's rights over their own data (PIPL art. 45): downloading everything the hub
//! holds about them, from their account page.
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
