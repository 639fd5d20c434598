//! What an export contains and how its filter is read (both targets).
use crate::common::date::Date;
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

crate::string_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum ExportKind {
        Cases => "cases",
        Concerns => "concerns",
        Jobs => "jobs",
        /// One event's registrations.
        Registrations => "registrations",
        /// Events with their registration figures.
        Events => "events",
        /// One incubation call's applications with their scores.
        Applications => "applications",
    }
}

/// The filter as it arrives in the download link (every part optional).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportQuery {
    /// First and last day (China time) of submission, raising or posting.
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    /// Cases: a service item code. Events: a kind of event.
    #[serde(default)]
    pub item: String,
    /// A state of the exported kind.
    #[serde(default)]
    pub state: String,
    /// Cases and concerns: only those past their promised date now.
    #[serde(default)]
    pub overdue: String,
    /// Concerns: consultation, complaint, suggestion or appeal.
    #[serde(default)]
    pub kind: String,
    /// Job posts: an industry code.
    #[serde(default)]
    pub industry: String,
    /// Registrations: the event's id (required).
    #[serde(default)]
    pub event: String,
    /// Applications: the incubation call's id (required).
    #[serde(default)]
    pub call: String,
    /// Cases and concerns: whose they are, as on the queue and the desk: `mine` (the
    /// exporter's) or `unassigned`.
    #[serde(default)]
    pub scope: String,
}

/// Whose cases an export holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holder {
    /// Assigned to this staff member (the one exporting, for "mine").
    Account(i64),
    Nobody,
}

/// A checked filter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportFilter {
    pub kind: ExportKind,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub item: Option<String>,
    pub state: Option<String>,
    pub overdue: bool,
    pub concern_kind: Option<String>,
    pub industry: Option<String>,
    pub event: Option<i64>,
    pub call: Option<i64>,
    pub holder: Option<Holder>,
}

/// An id that the export needs (`required`) or may have.
fn id(field: &'static str, text: &str, required: bool) -> Result<Option<i64>, FieldError> {
    match text.trim() {
        "" if !required => Ok(None),
        text => text
            .parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
            .map(Some)
            .ok_or(FieldError {
                field,
                message: "err_choice",
            }),
    }
}

fn code(field: &'static str, text: &str) -> Result<Option<String>, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.len() > 64
        || !text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(FieldError {
            field,
            message: "err_choice",
        });
    }
    Ok(Some(text.to_string()))
}

fn day(field: &'static str, text: &str) -> Result<Option<Date>, FieldError> {
    match text.trim() {
        "" => Ok(None),
        text => Date::parse(text).map(Some).ok_or(FieldError {
            field,
            message: "err_date_invalid",
        }),
    }
}

impl ExportQuery {
    /// Reads the filter for an export made by staff member `exporter` (whose cases "mine"
    /// means).
    pub fn check(&self, kind: ExportKind, exporter: i64) -> Result<ExportFilter, FieldError> {
        let from = day("from", &self.from)?;
        let to = day("to", &self.to)?;
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            return Err(FieldError {
                field: "to",
                message: "err_date_order",
            });
        }
        let state = code("state", &self.state)?;
        let valid_state = match (kind, state.as_deref()) {
            (_, None) => true,
            // "queue": the cases the staff queue lists (not finished).
            (ExportKind::Cases, Some(s)) => {
                s == "queue" || crate::cases::model::CaseState::parse(s).is_some()
            }
            // "waiting": open or reopened, as on the concerns desk.
            (ExportKind::Concerns, Some(s)) => {
                s == "waiting" || crate::concerns::model::ConcernState::parse(s).is_some()
            }
            (ExportKind::Jobs, Some(s)) => ["review", "returned", "open", "closed"].contains(&s),
            (ExportKind::Registrations, Some(s)) => {
                ["registered", "waiting", "cancelled", "checked_in"].contains(&s)
            }
            (ExportKind::Events, Some(_)) => false,
            (ExportKind::Applications, Some(s)) => {
                ["submitted", "admitted", "waitlisted", "declined"].contains(&s)
            }
        };
        if !valid_state {
            return Err(FieldError {
                field: "state",
                message: "err_choice",
            });
        }
        let concern_kind = code("kind", &self.kind)?;
        if concern_kind
            .as_deref()
            .is_some_and(|k| crate::concerns::model::ConcernKind::parse(k).is_none())
        {
            return Err(FieldError {
                field: "kind",
                message: "err_choice",
            });
        }
        let event = id("event", &self.event, kind == ExportKind::Registrations)?;
        let call = id("call", &self.call, kind == ExportKind::Applications)?;
        let holder = match (kind, self.scope.trim()) {
            (_, "") => None,
            (ExportKind::Cases | ExportKind::Concerns, "mine") => Some(Holder::Account(exporter)),
            (ExportKind::Cases | ExportKind::Concerns, "unassigned") => Some(Holder::Nobody),
            _ => {
                return Err(FieldError {
                    field: "scope",
                    message: "err_choice",
                });
            }
        };
        Ok(ExportFilter {
            holder,
            kind,
            event,
            call,
            from,
            to,
            item: code("item", &self.item)?,
            state,
            overdue: self.overdue == "on",
            concern_kind,
            industry: code("industry", &self.industry)?,
        })
    }
}

impl ExportFilter {
    /// The filter as the audit log shows it: only the parts that were set.
    pub fn describe(&self) -> String {
        let mut parts = vec![self.kind.as_str().to_string()];
        let mut add = |name: &str, value: Option<String>| {
            if let Some(value) = value {
                parts.push(format!("{name}={value}"));
            }
        };
        add("from", self.from.map(|d| d.to_string()));
        add("to", self.to.map(|d| d.to_string()));
        add("item", self.item.clone());
        add("state", self.state.clone());
        add("overdue", self.overdue.then(|| "on".to_string()));
        add("kind", self.concern_kind.clone());
        add("industry", self.industry.clone());
        add("event", self.event.map(|id| id.to_string()));
        add("call", self.call.map(|id| id.to_string()));
        add(
            "scope",
            self.holder.map(|h| match h {
                Holder::Account(_) => "mine".to_string(),
                Holder::Nobody => "unassigned".to_string(),
            }),
        );
        parts.join(" ")
    }

    /// `cases-2026-11-01-2026-11-30.csv`, `concerns-all.csv`, …
    pub fn file_name(&self) -> String {
        if let Some(event) = self.event {
            return format!("{}-event-{event}.csv", self.kind.as_str());
        }
        if let Some(call) = self.call {
            return format!("{}-call-{call}.csv", self.kind.as_str());
        }
        match (self.from, self.to) {
            (None, None) => format!("{}-all.csv", self.kind.as_str()),
            (from, to) => format!(
                "{}-{}-{}.csv",
                self.kind.as_str(),
                from.map(|d| d.to_string())
                    .unwrap_or_else(|| "start".into()),
                to.map(|d| d.to_string()).unwrap_or_else(|| "now".into())
            ),
        }
    }
}

/// Fen as plain yuan with two decimals (`1234.50`), for spreadsheets.
pub fn plain_yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_queue_scope_means_the_exporter_or_nobody() {
        let scoped = |scope: &str, kind| {
            ExportQuery {
                scope: scope.into(),
                ..Default::default()
            }
            .check(kind, 42)
        };
        let mine = scoped("mine", ExportKind::Cases).unwrap();
        assert_eq!(mine.holder, Some(Holder::Account(42)));
        assert_eq!(mine.describe(), "cases scope=mine");
        assert_eq!(
            scoped("unassigned", ExportKind::Cases).unwrap().holder,
            Some(Holder::Nobody)
        );
        assert_eq!(scoped("", ExportKind::Cases).unwrap().holder, None);
        assert_eq!(
            scoped("theirs", ExportKind::Cases).unwrap_err().field,
            "scope"
        );
        assert_eq!(scoped("mine", ExportKind::Jobs).unwrap_err().field, "scope");
    }

    #[test]
    fn filters_are_checked_and_described() {
        let q = ExportQuery {
            from: "2026-11-01".into(),
            to: "2026-11-30".into(),
            item: "TALENT-HOUSING".into(),
            state: "under_review".into(),
            ..Default::default()
        };
        let f = q.check(ExportKind::Cases, 7).unwrap();
        assert_eq!(
            f.describe(),
            "cases from=2026-11-01 to=2026-11-30 item=TALENT-HOUSING state=under_review"
        );
        assert_eq!(f.file_name(), "cases-2026-11-01-2026-11-30.csv");
        assert_eq!(
            ExportQuery::default()
                .check(ExportKind::Jobs, 7)
                .unwrap()
                .file_name(),
            "jobs-all.csv"
        );
        let bad = |q: ExportQuery, kind| q.check(kind, 7).unwrap_err().field;
        assert_eq!(
            bad(
                ExportQuery {
                    state: "open".into(),
                    ..Default::default()
                },
                ExportKind::Cases
            ),
            "state"
        );
        assert_eq!(
            bad(
                ExportQuery {
                    state: "under_review".into(),
                    ..Default::default()
                },
                ExportKind::Concerns
            ),
            "state"
        );
        assert!(
            ExportQuery {
                state: "open".into(),
                ..Default::default()
            }
            .check(ExportKind::Concerns, 7)
            .is_ok()
        );
        assert_eq!(
            bad(
                ExportQuery {
                    kind: "rumour".into(),
                    ..Default::default()
                },
                ExportKind::Concerns
            ),
            "kind"
        );
        assert_eq!(
            bad(
                ExportQuery {
                    item: "x' OR 1=1".into(),
                    ..Default::default()
                },
                ExportKind::Cases
            ),
            "item"
        );
        assert_eq!(
            bad(
                ExportQuery {
                    from: "2026-12-01".into(),
                    to: "2026-11-01".into(),
                    ..Default::default()
                },
                ExportKind::Cases
            ),
            "to"
        );
    }

    #[test]
    fn a_registration_export_names_its_event() {
        let q = |event: &str, state: &str| ExportQuery {
            event: event.into(),
            state: state.into(),
            ..Default::default()
        };
        let f = q("42", "checked_in")
            .check(ExportKind::Registrations, 7)
            .unwrap();
        assert_eq!(f.event, Some(42));
        assert_eq!(f.describe(), "registrations state=checked_in event=42");
        assert_eq!(f.file_name(), "registrations-event-42.csv");
        // The event is required, and only registration states are accepted.
        for (event, state, field) in [
            ("", "", "event"),
            ("x", "", "event"),
            ("42", "open", "state"),
        ] {
            assert_eq!(
                q(event, state)
                    .check(ExportKind::Registrations, 7)
                    .unwrap_err()
                    .field,
                field
            );
        }
        assert_eq!(
            q("", "").check(ExportKind::Events, 7).unwrap().file_name(),
            "events-all.csv"
        );
    }

    #[test]
    fn amounts_are_plain_yuan() {
        assert_eq!(plain_yuan(123_450), "1234.50");
        assert_eq!(plain_yuan(5), "0.05");
        assert_eq!(plain_yuan(-100), "-1.00");
    }
}
