//! Retention periods and what a purge removed.

/// Days each kind of record is kept once it has served its purpose. Sessions, throttle
/// counts and unconfirmed registrations have an end of their own and go when it passes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retention {
    /// Requests to follow a case or concern without an account: the codes sent, and the
    /// address each request came from.
    pub tracking_days: i64,
    /// E-mails and text messages in the outbox, counted from when they were sent (or
    /// queued, if never sent): their bodies carry names, codes and case numbers.
    pub messages_days: i64,
    /// The audit log (sign-ins with their addresses, staff actions).
    pub audit_days: i64,
}

/// The Cybersecurity Law (art. 21) asks that network logs be kept at least six months.
pub const MIN_AUDIT_DAYS: i64 = 180;

impl Default for Retention {
    fn default() -> Self {
        Retention {
            tracking_days: 30,
            messages_days: 90,
            audit_days: 365,
        }
    }
}

/// What one purge deleted, by kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub sessions: u64,
    pub throttles: u64,
    pub registrations: u64,
    pub tracking: u64,
    pub messages: u64,
    pub audit: u64,
}

impl Purged {
    pub fn total(&self) -> u64 {
        self.sessions
            + self.throttles
            + self.registrations
            + self.tracking
            + self.messages
            + self.audit
    }

    /// One line for the audit log: how many of each kind, none of their contents.
    pub fn summary(&self) -> String {
        format!(
            "sessions={} throttles={} registrations={} tracking={} messages={} audit={}",
            self.sessions,
            self.throttles,
            self.registrations,
            self.tracking,
            self.messages,
            self.audit
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_audit_period_meets_the_legal_minimum() {
        assert!(Retention::default().audit_days >= MIN_AUDIT_DAYS);
    }

    #[test]
    fn a_summary_names_counts_only() {
        let purged = Purged {
            sessions: 2,
            audit: 1,
            ..Purged::default()
        };
        assert_eq!(purged.total(), 3);
        assert_eq!(
            purged.summary(),
            "sessions=2 throttles=0 registrations=0 tracking=0 messages=0 audit=1"
        );
    }
}
