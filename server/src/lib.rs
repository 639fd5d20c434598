//! The hub's HTTP server, as a library so integration tests can start the real router.
pub mod config;
pub mod database;
mod web;

pub use web::{AppState, leptos_options, router};
