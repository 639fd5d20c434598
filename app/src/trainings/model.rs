//! Training rules (both targets): a training course is an event with sessions; attendance
//! is recorded per session at check-in, and attending `sessions_required` of them earns a
//! certificate whose number anyone can verify. Numbers are random (29^16 possibilities),
//! so they cannot be found by guessing.
use crate::common::codes::DocumentNumber;
use crate::common::text::Text;
use crate::error::FieldError;
use crate::events::model::parse_local;
use serde::{Deserialize, Serialize};

/// `LJTC-ABCD-EFGH-JKMN-PQRS`.
pub const CERTIFICATE_NUMBER: DocumentNumber = DocumentNumber {
    prefix: "LJTC",
    random: 16,
};
pub const MAX_TOPIC: usize = 100;

/// A session as staff type it (times in China time, as the event editor takes them).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionDraft {
    #[serde(default)]
    pub event: i64,
    #[serde(default)]
    pub starts: String,
    #[serde(default)]
    pub ends: String,
    #[serde(default)]
    pub topic: String,
}

impl SessionDraft {
    /// Checks the times (inside the course's own span) and the topic; returns
    /// (starts_at, ends_at, topic).
    pub fn validate(
        &self,
        course_starts: i64,
        course_ends: i64,
    ) -> Result<(i64, i64, String), FieldError> {
        let err = |field, message| FieldError { field, message };
        let starts = parse_local(&self.starts).ok_or(err("draft[starts]", "err_date_invalid"))?;
        let ends = parse_local(&self.ends).ok_or(err("draft[ends]", "err_date_invalid"))?;
        if ends <= starts {
            return Err(err("draft[ends]", "err_date_order"));
        }
        if starts < course_starts || ends > course_ends {
            return Err(err("draft[starts]", "err_session_outside"));
        }
        let topic = self.topic.trim();
        if topic.chars().count() > MAX_TOPIC {
            return Err(err("draft[topic]", "err_too_long"));
        }
        Ok((starts, ends, topic.to_string()))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingSession {
    pub id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub topic: String,
    /// Staff: how many attended. Others: 0.
    pub attendance: i64,
    /// The caller attended it.
    pub attended: bool,
}

/// A course's sessions and the caller's progress.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingPlan {
    pub event_id: i64,
    pub sessions_required: i64,
    pub sessions: Vec<TrainingSession>,
    /// The caller holds a seat: sessions attended, and the certificate once earned.
    pub attended: Option<i64>,
    pub certificate: Option<String>,
}

/// A certificate as its printable page and the verification page show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    pub number: String,
    pub holder_name: String,
    pub title: Text,
    pub sessions: i64,
    pub issued_at: i64,
    pub event_id: i64,
    pub course_starts_at: i64,
    pub course_ends_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_lie_inside_their_course() {
        let day = |t: &str| parse_local(t).unwrap();
        let (from, to) = (day("2026-12-01T09:00"), day("2026-12-20T18:00"));
        let draft = |starts: &str, ends: &str| SessionDraft {
            event: 1,
            starts: starts.into(),
            ends: ends.into(),
            topic: " 智能制造 ".into(),
        };
        let ok = draft("2026-12-05T09:00", "2026-12-05T12:00")
            .validate(from, to)
            .unwrap();
        assert_eq!(ok.2, "智能制造");
        let message = |d: SessionDraft| d.validate(from, to).unwrap_err().message;
        assert_eq!(
            message(draft("2026-12-05T12:00", "2026-12-05T09:00")),
            "err_date_order"
        );
        assert_eq!(
            message(draft("2026-11-30T09:00", "2026-11-30T12:00")),
            "err_session_outside"
        );
        assert_eq!(
            message(draft("soon", "2026-12-05T12:00")),
            "err_date_invalid"
        );
    }
}
