//! Who can use the hub, shared by server and browser.
use serde::{Deserialize, Serialize};

/// What a caller may do. A visitor has no account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Visitor,
    Talent,
    Enterprise,
    Staff,
    Admin,
}

impl Role {
    /// The value stored in the `accounts.role` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Visitor => "visitor",
            Role::Talent => "talent",
            Role::Enterprise => "enterprise",
            Role::Staff => "staff",
            Role::Admin => "admin",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        [
            Role::Visitor,
            Role::Talent,
            Role::Enterprise,
            Role::Staff,
            Role::Admin,
        ]
        .into_iter()
        .find(|role| role.as_str() == value)
    }
}

/// The shortest password accepted (NIST SP 800-63B: length, not composition rules).
pub const MIN_PASSWORD_LEN: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_round_trip() {
        for role in [
            Role::Visitor,
            Role::Talent,
            Role::Enterprise,
            Role::Staff,
            Role::Admin,
        ] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
