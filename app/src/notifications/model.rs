//! Notifications as their reader sees them.
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub id: i64,
    pub at: i64,
    pub case_id: Option<i64>,
    pub case_number: Option<String>,
    /// What happened: a case transition's name, or `extend`.
    pub kind: String,
    pub read: bool,
    /// For notifications about other things than cases: the page, and what it is about.
    pub link: Option<String>,
    pub subject: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationPage {
    pub items: Vec<Notification>,
    pub page: u32,
    pub has_more: bool,
}

pub const NOTIFICATION_PAGE_SIZE: u32 = 20;
