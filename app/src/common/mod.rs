//! What every domain concept uses, whatever it is about: text in both languages, dates and
//! the China clock, random codes people type, stored files, the parts of a page around its
//! content, the levels of satisfaction (好差评), and text-backed enums (`string_enum!`).
//! Nothing here imports a domain concept, so any concept may import it.
pub mod codes;
pub mod date;
#[cfg(feature = "ssr")]
pub mod files;
pub mod page;
pub mod satisfaction;
pub mod string_enum;
pub mod text;
