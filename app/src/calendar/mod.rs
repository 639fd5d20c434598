//! The working-day calendar (工作日历): weekends, public holidays and China's adjusted
//! working weekends, from which promised time limits are counted.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
