//! Staff search: a case or concern by its number, a person by name, phone or ID number.
//! ID numbers are found through keyed hashes of the whole number and of its last six
//! characters; no index holds the numbers themselves.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
