//! Open data: the office's public figures for a year — services delivered, working days,
//! satisfaction, subsidies paid out by service, talent demand against the target — with
//! no personal data, as a page and as CSV.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
