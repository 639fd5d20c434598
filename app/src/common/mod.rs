//! What every domain concept uses, whatever it is about: text in both languages, dates and
//! the China clock, stored files, and the parts of a page around its content. Nothing here
//! imports a domain concept, so any concept may import it.
pub mod date;
#[cfg(feature = "ssr")]
pub mod files;
pub mod page;
pub mod text;
