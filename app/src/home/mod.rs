//! The home page: the hub's three promises, the policy figures and featured services.
pub mod pages;
