//! The server's integration tests, one module per domain, built as one test binary: every
//! separate test file would link its own copy of the whole application (a gigabyte each
//! with debug info), which filled CI's disk.
#[macro_use]
mod common;

mod accounts;
mod backup;
mod bundle_editor;
mod bundles;
mod calendar;
mod cases;
mod catalogue;
mod clocks;
mod concerns;
mod content_admin;
mod decisions;
mod enterprises;
mod escaping;
mod events;
mod extensions;
mod foundation;
mod incubation;
mod jobs;
mod journeys;
mod load;
mod monitoring;
mod office;
mod outbox;
mod privacy;
mod proactive;
mod registrations;
mod retention;
mod routes;
mod schema;
mod supplements;
mod tracking;
mod uploads;
