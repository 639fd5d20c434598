//! Events (issue 8, first slice): staff publish conferences, forums, job fairs and
//! training courses; everyone finds them in a public list, reads a page with schema.org
//! `Event` data and takes an `.ics` file into their calendar.
pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod store;
