//! Bundles (一件事一次办): the services one life event needs, applied for once.
//!
//! An administrator composes a bundle of published service items (the demo has "Settling
//! in Liangjiang": the graduate resettlement subsidy, the talent card, the rental subsidy
//! and a school place). Its guide lists every item and each material once; a signed-in
//! talent sees, item by item, whether they qualify and why. Their application takes only
//! the items they qualify for (the others are explained) and is one form: what several
//! items ask is asked once, each material is uploaded once and attached to every case
//! that needs it. One submission creates a bundle number and one case per item, in one
//! transaction; each case then goes its own way, to its own department, with its own
//! clock, and a supplement on one holds none of the others up.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
