//! Personal data over time: how long the hub keeps what it no longer needs for the
//! purpose it was collected for, and the purge that deletes it on a schedule (PIPL
//! art. 19 and 47: no longer than the purpose requires).
pub mod model;
#[cfg(feature = "ssr")]
pub mod store;
