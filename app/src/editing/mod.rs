//! Editing published content (policies and service items): the shared life cycle, list
//! and editor widgets. Each content module keeps its own editor page and queries.
mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;

pub use model::*;
