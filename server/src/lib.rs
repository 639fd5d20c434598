//! The hub's HTTP server, as a library so integration tests can start the real router.
pub mod admin;
pub mod backup;
mod caller;
pub mod clocks;
pub mod config;
pub mod database;
pub mod exports;
pub mod metrics;
pub mod outbox;
mod request_id;
pub mod security;
pub mod uploads;
mod web;

pub use web::{AppState, leptos_options, router};
