//! Event registration (issue 8): one registration per person and event, a waiting list
//! that moves up one person per freed seat in the order people asked, check-in codes shown
//! as text and as a server-drawn QR image and accepted once at the door, the online link
//! for those holding a seat, and the staff list with its export.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
