//! The policy library (政策文件库): the documents and articles service items rest on.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
