//! Bad-review follow-up (好差评 loop): a rating of 不满意 or 非常不满意 opens a task due in 15
//! working days; staff record the call-back and the fix. The applicant may appeal a rating
//! they think was wrong (given by mistake, or no longer fair), and an administrator
//! decides the appeal.
pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod opening;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
