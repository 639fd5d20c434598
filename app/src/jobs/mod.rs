//! Talent demand (招才引智): enterprises post what they need, staff review the posts, talents
//! find them on the public board and apply, and everyone sees demand against the target.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
