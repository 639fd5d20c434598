//! Concerns (诉求): questions, complaints, suggestions and appeals against a case decision.
//! Each gets a number and a promised reply date in working days; staff answer in a thread
//! (public replies and internal notes), transfer it to another department or close it; the
//! requester confirms it is resolved or reopens it once, and rates the answer.
use serde::{Deserialize, Serialize};

pub const MAX_SUBJECT: usize = 100;
pub const MAX_TEXT: usize = 4_000;
pub const CONCERN_PAGE_SIZE: u32 = 20;
/// Visitors without an account may raise this many concerns an hour from one address.
pub const VISITOR_CONCERNS_PER_HOUR: i64 = 5;
/// Working days to answer again after the requester reopens a concern.
pub const REOPEN_DAYS: u32 = 5;

crate::string_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum ConcernKind {
        Consultation => "consultation",
        Complaint => "complaint",
        Suggestion => "suggestion",
        /// Against a decision on one of the requester's cases (linked to it).
        Appeal => "appeal",
    }
}

impl ConcernKind {
    /// The promised reply time, in working days from the day it is raised.
    pub fn reply_days(self) -> u32 {
        match self {
            ConcernKind::Consultation => 3,
            ConcernKind::Complaint => 5,
            ConcernKind::Suggestion => 10,
            ConcernKind::Appeal => 15,
        }
    }
}

/// The departments a concern can be transferred to.
pub const DEPARTMENTS: [(&str, &str, &str); 5] = [
    ("talent_office", "人才服务中心", "Talent service centre"),
    (
        "human_resources",
        "人力资源和社会保障局",
        "Human resources and social security bureau",
    ),
    ("science", "科技创新局", "Science and innovation bureau"),
    ("housing", "住房保障中心", "Housing security centre"),
    ("education", "教育局", "Education bureau"),
];

pub fn department_name(code: &str) -> crate::common::text::Text {
    DEPARTMENTS
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, zh, en)| crate::common::text::Text::new(zh, en))
        .unwrap_or_else(|| crate::common::text::Text::new(code, code))
}

crate::string_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum ConcernState {
        /// Waiting for the office's answer.
        Open => "open",
        Answered => "answered",
        /// The requester was not satisfied; waiting for a new answer.
        Reopened => "reopened",
        /// The requester confirmed the answer resolved it.
        Resolved => "resolved",
        Closed => "closed",
    }
}

impl ConcernState {
    /// Whether the office still owes an answer (counts against the promised date).
    pub fn awaits_office(self) -> bool {
        matches!(self, ConcernState::Open | ConcernState::Reopened)
    }

    pub fn is_final(self) -> bool {
        matches!(self, ConcernState::Resolved | ConcernState::Closed)
    }
}

crate::string_enum! {
    /// What someone does to a concern.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum ConcernAction {
        /// Staff: a public answer.
        Reply => "reply",
        /// Staff: an internal note the requester never sees.
        Note => "note",
        /// Staff: hand it to another department (the requester sees where it went).
        Transfer => "transfer",
        /// Staff: close it, with a reason the requester sees.
        Close => "close",
        /// Requester: the answer resolved it.
        Confirm => "confirm",
        /// Requester: not resolved; once only.
        Reopen => "reopen",
    }
}

impl ConcernAction {
    pub fn by_staff(self) -> bool {
        matches!(
            self,
            ConcernAction::Reply
                | ConcernAction::Note
                | ConcernAction::Transfer
                | ConcernAction::Close
        )
    }

    /// Whether the action needs text (an answer, a note, a reason).
    pub fn needs_text(self) -> bool {
        matches!(
            self,
            ConcernAction::Reply
                | ConcernAction::Note
                | ConcernAction::Close
                | ConcernAction::Reopen
        )
    }

    /// Whether the requester sees it in the thread.
    pub fn public(self) -> bool {
        self != ConcernAction::Note
    }

    /// The text sent with the action: required where the action needs one, and not too
    /// long.
    pub fn check_text(self, text: &str) -> Result<(), crate::error::FieldError> {
        let error = |message| crate::error::FieldError {
            field: "text",
            message,
        };
        if self.needs_text() && text.trim().is_empty() {
            Err(error("err_required"))
        } else if text.chars().count() > MAX_TEXT {
            Err(error("err_too_long"))
        } else {
            Ok(())
        }
    }
}

/// What the visitor who raised a concern without an account may do on the tracking page
/// once they have confirmed the code sent to their address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitorChoices {
    pub version: i64,
    /// Confirm or reopen, as the state allows.
    pub actions: Vec<ConcernAction>,
    pub may_rate: bool,
    pub rating: Option<i64>,
}

/// Where `action` leads from `state` (`None`: not allowed now). `reopened` says whether the
/// requester already used their one reopening.
pub fn next_state(
    state: ConcernState,
    action: ConcernAction,
    reopened: bool,
) -> Option<ConcernState> {
    use ConcernAction::*;
    use ConcernState::*;
    match (state, action) {
        (s, _) if s.is_final() => None,
        (_, Reply) => Some(Answered),
        (s, Note | Transfer) => Some(s),
        (_, Close) => Some(Closed),
        (Answered, Confirm) => Some(Resolved),
        (Answered, Reopen) if !reopened => Some(Reopened),
        _ => None,
    }
}

/// A concern as typed into the form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConcernForm {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub text: String,
    /// For appeals: the case appealed against.
    #[serde(default)]
    pub case_id: String,
    /// Visitors only: how to answer them.
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidConcern {
    pub kind: ConcernKind,
    pub subject: String,
    pub text: String,
    pub case_id: Option<i64>,
}

fn error(field: &'static str, message: &'static str) -> crate::error::FieldError {
    crate::error::FieldError { field, message }
}

impl ConcernForm {
    /// The rules every concern meets (visitors' contact details are checked apart).
    pub fn validate(&self) -> Result<ValidConcern, crate::error::FieldError> {
        let kind = ConcernKind::parse(&self.kind).ok_or(error("form[kind]", "err_required"))?;
        let subject = self.subject.trim();
        if subject.is_empty() {
            return Err(error("form[subject]", "err_required"));
        }
        if subject.chars().count() > MAX_SUBJECT {
            return Err(error("form[subject]", "err_too_long"));
        }
        let text = self.text.trim();
        if text.is_empty() {
            return Err(error("form[text]", "err_required"));
        }
        if text.chars().count() > MAX_TEXT {
            return Err(error("form[text]", "err_too_long"));
        }
        let case_id = match (kind, self.case_id.trim()) {
            (ConcernKind::Appeal, "") => return Err(error("form[case_id]", "err_appeal_case")),
            (ConcernKind::Appeal, id) => Some(
                id.parse()
                    .map_err(|_| error("form[case_id]", "err_appeal_case"))?,
            ),
            _ => None,
        };
        Ok(ValidConcern {
            kind,
            subject: subject.to_string(),
            text: text.to_string(),
            case_id,
        })
    }
}

/// `SQ-2026-000123`: concerns are numbered by year like cases, with their own counter.
/// The states in which the office owes an answer ([`ConcernState::awaits_office`]), for SQL.
pub const AWAITING_OFFICE_STATES: &str = "'open', 'reopened'";

pub fn concern_number(year: i32, sequence: i64) -> String {
    format!("SQ-{year:04}-{sequence:06}")
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConcernSummary {
    pub id: i64,
    pub number: String,
    pub kind: ConcernKind,
    pub subject: String,
    pub state: ConcernState,
    pub department: String,
    pub requester: String,
    pub raised_at: i64,
    pub due_on: String,
    pub overdue: bool,
    pub version: i64,
    /// The staff member holding it (staff lists).
    pub holder: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConcernMessage {
    pub at: i64,
    pub action: String,
    /// Staff's name for the office's messages, empty for the requester's own.
    pub author: String,
    pub by_office: bool,
    pub public: bool,
    pub text: String,
}

/// A concern as its reader may see it: the requester never gets internal notes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConcernDetail {
    pub summary: ConcernSummary,
    /// Whether the reader is the office (staff see the desk, internal notes, templates).
    pub for_office: bool,
    pub text: String,
    pub case_number: Option<String>,
    pub contact: String,
    pub thread: Vec<ConcernMessage>,
    pub reopened: bool,
    pub rating: Option<i64>,
    pub rating_comment: String,
    /// What the reader may do now.
    pub actions: Vec<ConcernAction>,
    pub may_rate: bool,
    /// For staff: the reply templates they may insert.
    pub templates: Vec<ReplyTemplate>,
    /// Attached files (the requester's and staff's).
    pub files: Vec<crate::cases::model::CaseFile>,
    /// Whether the reader may attach a file now.
    pub may_attach: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConcernPage {
    pub items: Vec<ConcernSummary>,
    pub page: u32,
    pub has_more: bool,
}

/// A reply template: bilingual text with `{name}`, `{number}` and `{due}` placeholders.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyTemplate {
    pub id: i64,
    pub title: crate::common::text::Text,
    pub body: crate::common::text::Text,
    pub version: i64,
}

/// What a template's placeholders stand for in one concern.
pub struct TemplateValues<'a> {
    /// `{name}`: the requester.
    pub name: &'a str,
    /// `{number}`: the concern's number.
    pub number: &'a str,
    /// `{due}`: the promised answer date.
    pub due: &'a str,
    /// `{case}`: the number of the case an appeal is about (empty otherwise).
    pub case: &'a str,
}

impl ReplyTemplate {
    /// The template's text for a concern: both languages (the requester's is not known),
    /// each with the placeholders filled in.
    pub fn fill(&self, values: &TemplateValues) -> String {
        [&self.body.zh, &self.body.en]
            .into_iter()
            .filter(|text| !text.trim().is_empty())
            .map(|text| {
                text.replace("{name}", values.name)
                    .replace("{number}", values.number)
                    .replace("{due}", values.due)
                    .replace("{case}", values.case)
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ConcernAction::*;
    use ConcernState::*;

    #[test]
    fn the_requester_reopens_once_only() {
        assert_eq!(next_state(Answered, Reopen, false), Some(Reopened));
        assert_eq!(next_state(Answered, Reopen, true), None);
        assert_eq!(next_state(Reopened, Reply, true), Some(Answered));
        assert_eq!(next_state(Answered, Confirm, true), Some(Resolved));
        assert_eq!(next_state(Open, Confirm, false), None);
    }

    #[test]
    fn nothing_moves_a_finished_concern() {
        for action in ConcernAction::ALL {
            assert_eq!(next_state(Resolved, action, false), None);
            assert_eq!(next_state(Closed, action, false), None);
        }
        assert_eq!(next_state(Open, Note, false), Some(Open));
        assert_eq!(next_state(Reopened, Transfer, true), Some(Reopened));
    }

    #[test]
    fn templates_fill_their_placeholders_in_both_languages() {
        let template = ReplyTemplate {
            id: 1,
            title: crate::common::text::Text::new("已收到", "Received"),
            body: crate::common::text::Text::new(
                "{name}，您好！诉求 {number}（办件 {case}）将于 {due} 前答复。",
                "Dear {name}, we will answer {number} (case {case}) by {due}.",
            ),
            version: 1,
        };
        let values = TemplateValues {
            name: "李明",
            number: "SQ-2026-000001",
            due: "2026-12-01",
            case: "LJ-2026-000042",
        };
        assert_eq!(
            template.fill(&values),
            "李明，您好！诉求 SQ-2026-000001（办件 LJ-2026-000042）将于 2026-12-01 前答复。\n\n\
             Dear 李明, we will answer SQ-2026-000001 (case LJ-2026-000042) by 2026-12-01."
        );
    }

    #[test]
    fn appeals_name_their_case() {
        let form = ConcernForm {
            kind: "appeal".into(),
            subject: "补贴被驳回".into(),
            text: "我认为符合条件。".into(),
            ..Default::default()
        };
        assert_eq!(form.validate().unwrap_err().message, "err_appeal_case");
        let form = ConcernForm {
            case_id: "12".into(),
            ..form
        };
        assert_eq!(form.validate().unwrap().case_id, Some(12));
        assert_eq!(concern_number(2026, 7), "SQ-2026-000007");
    }

    #[test]
    fn action_text_is_required_where_needed_and_bounded() {
        assert_eq!(
            ConcernAction::Reopen.check_text(" ").unwrap_err().message,
            "err_required"
        );
        assert!(ConcernAction::Confirm.check_text("").is_ok());
        assert_eq!(
            ConcernAction::Reply
                .check_text(&"字".repeat(MAX_TEXT + 1))
                .unwrap_err()
                .message,
            "err_too_long"
        );
    }
}
