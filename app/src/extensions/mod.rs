//! Extending a case's decision limit (Administrative Licensing Law, art. 42): staff ask,
//! with a reason the applicant will read; a supervisor (an administrator, never the one
//! who asked) approves or declines; all the extensions of a case together stay within its
//! item's limit, ten working days unless the item says otherwise.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
