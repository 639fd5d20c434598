//! Services that come to the talent (免申即享), first part: a talent who newly qualifies
//! for a service is told, in the hub and by e-mail, with the facts that qualify them and a
//! link to apply (the application fills itself from their profile). The clock runner
//! finds what changed by itself: an item published in a new version is checked against
//! every talent in batches, a saved profile against every item. Each person hears of each
//! item once, and may opt out on their profile page.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
