//! The talent's profile: identity documents and the facts the eligibility rules read.
pub mod model;
