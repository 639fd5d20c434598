//! Eligibility (免申即享): which services a profile qualifies for, and why.
pub mod model;
