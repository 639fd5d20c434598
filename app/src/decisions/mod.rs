//! Decision notices (决定书): every decided case (approved, rejected, not accepted) has a
//! printable notice in the reader's language giving the item, the decision, the amount,
//! the legal basis, the reason, the date, the deciding department and the remedies, with a
//! verification number and its QR code. Anyone holding a notice checks it at `/verify`. A
//! notice never changes once issued: a correction issues a new one and marks the old one
//! superseded. Cases issue the notice in the deciding transaction (`cases::store`).
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
