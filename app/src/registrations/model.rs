//! Registration rules (both targets): who may register for an event, the states of a
//! registration, and the check-in code as people read, type and scan it.
use crate::accounts::model::Role;
use crate::events::model::Audience;
use serde::{Deserialize, Serialize};

use crate::common::codes::CODE_ALPHABET;
/// 29^10 ≈ 4 × 10^14 codes: guessing one that is in use is hopeless.
pub const CODE_LENGTH: usize = 10;
pub const REGISTRANT_PAGE_SIZE: u32 = 100;

crate::string_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum RegistrationState {
        /// Holds a seat.
        Registered => "registered",
        /// On the waiting list.
        Waiting => "waiting",
        Cancelled => "cancelled",
    }
}

impl RegistrationState {
    /// What registering came to, as the person is told: a place, or the waiting list.
    pub fn said(self) -> crate::notice::Done {
        if self == RegistrationState::Registered {
            crate::notice::Done::PlaceTaken
        } else {
            crate::notice::Done::Waitlisted
        }
    }
}

impl RegistrationState {}

/// Whether an account of `role` belongs to an event's audience.
pub fn audience_admits(audience: Audience, role: Role) -> bool {
    match audience {
        Audience::Everyone => role != Role::Visitor,
        Audience::Talents => role == Role::Talent,
        Audience::Enterprises => role == Role::Enterprise,
    }
}

/// Where the registration window stands at a moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Window {
    NotYet,
    Open,
    Closed,
}

pub fn window(opens_at: i64, closes_at: i64, now: i64) -> Window {
    if now < opens_at {
        Window::NotYet
    } else if now < closes_at {
        Window::Open
    } else {
        Window::Closed
    }
}

/// A code as typed or scanned: case, spaces and dashes do not matter. `None` when it
/// cannot be a code at all.
pub fn normalize_code(text: &str) -> Option<String> {
    let code = crate::common::codes::compact(text);
    (code.len() == CODE_LENGTH && code.bytes().all(|b| CODE_ALPHABET.contains(&b))).then_some(code)
}

/// `ABCDE-FGHJK`: two halves are easier to read out.
pub fn display_code(code: &str) -> String {
    if code.len() == CODE_LENGTH {
        format!("{}-{}", &code[..CODE_LENGTH / 2], &code[CODE_LENGTH / 2..])
    } else {
        code.to_string()
    }
}

/// The caller's own registration, as their event page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyRegistration {
    pub state: RegistrationState,
    /// On the waiting list: 1 = next to move up.
    pub position: Option<i64>,
    /// Holding a seat: the check-in code.
    pub code: Option<String>,
    pub checked_in_at: Option<i64>,
    /// Holding a seat at an event with an online part: the link.
    pub online_link: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationCounts {
    pub registered: i64,
    pub waiting: i64,
    pub checked_in: i64,
    pub cancelled: i64,
}

/// The registration part of an event page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationPanel {
    pub window: Window,
    pub seats_left: i64,
    pub waiting: i64,
    pub signed_in: bool,
    /// Signed in and in the event's audience.
    pub admitted: bool,
    /// The event has begun: registrations can no longer be cancelled.
    pub started: bool,
    pub mine: Option<MyRegistration>,
    /// For staff.
    pub counts: Option<RegistrationCounts>,
}

/// The staff list's filters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrantQuery {
    #[serde(default)]
    pub event: i64,
    /// A state, `checked_in`, or everything but cancelled when empty.
    #[serde(default)]
    pub state: String,
    #[serde(default)]
    pub page: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registrant {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub state: RegistrationState,
    pub queued_at: i64,
    pub checked_in_at: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrantList {
    pub event_id: i64,
    pub kind: crate::events::model::EventKind,
    pub title: crate::common::text::Text,
    pub starts_at: i64,
    pub capacity: i64,
    pub counts: RegistrationCounts,
    pub items: Vec<Registrant>,
    pub page: u32,
    pub has_more: bool,
}

/// A check-in that went through.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckedIn {
    pub name: String,
    pub code: String,
    pub at: i64,
    /// A training course: the certificate this attendance completed.
    pub certificate: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_leniently_and_shown_in_halves() {
        assert_eq!(
            normalize_code(" abcde-fghjk ").as_deref(),
            Some("ABCDEFGHJK")
        );
        assert_eq!(normalize_code("ABCDE FGHJK").as_deref(), Some("ABCDEFGHJK"));
        // Too short, or a letter that is never used (O, I, 1, 0).
        assert_eq!(normalize_code("ABCDE"), None);
        assert_eq!(normalize_code("ABCDEFGHJO"), None);
        assert_eq!(normalize_code("ABCDEFGH10"), None);
        assert_eq!(display_code("ABCDEFGHJK"), "ABCDE-FGHJK");
    }

    #[test]
    fn the_audience_decides_who_registers() {
        assert!(audience_admits(Audience::Everyone, Role::Enterprise));
        assert!(!audience_admits(Audience::Everyone, Role::Visitor));
        assert!(audience_admits(Audience::Talents, Role::Talent));
        assert!(!audience_admits(Audience::Talents, Role::Enterprise));
        assert!(!audience_admits(Audience::Enterprises, Role::Talent));
    }

    #[test]
    fn the_window_is_open_from_opening_until_closing() {
        assert_eq!(window(10, 20, 9), Window::NotYet);
        assert_eq!(window(10, 20, 10), Window::Open);
        assert_eq!(window(10, 20, 20), Window::Closed);
    }
}
