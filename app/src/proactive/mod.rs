//! Services that come to the talent (免申即享).
//!
//! A talent who newly qualifies for a service is told, in the hub and by e-mail, with the
//! facts that qualify them and a link to apply (the application fills itself from their
//! profile). The clock runner finds what changed by itself: an item published in a new
//! version is checked against every talent in batches, a saved profile against every item.
//! Each person hears of each item once, and may opt out on their profile page.
//!
//! A service marked "no application needed" goes further: when an enterprise records on
//! the job board that it hired a talent whose profile meets the service's rules, the hub
//! opens the case itself, in the hire's transaction, filled in from the profile and the
//! hire, with the employer's confirmation given. The talent checks it, adds what only they
//! know (their bank account), consents and submits; staff process it as any other case.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
