//! Eligibility (免申即享): which services a profile qualifies for, and why.
pub mod api;
pub mod model;
pub mod pages;
