//! Staff exports: cases, concerns and job posts as CSV (UTF-8 with a byte-order mark, so
//! Excel reads Chinese correctly), filtered like the lists they are downloaded from,
//! streamed row by row, and written to the audit log. The HTTP side is in the server
//! crate (`server/src/exports.rs`). Every CSV the hub writes goes through [`sheet`].
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod sheet;
#[cfg(feature = "ssr")]
pub mod store;
