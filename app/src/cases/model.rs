//! The case life cycle (PRODUCT.md) as one state machine: the states, who may make each
//! transition from which state, and what each needs. Pure and compiled for both targets,
//! so pages offer only the buttons that will work, and the server decides by the same
//! rules inside the transaction that writes the change.
use crate::error::AppError;
use serde::{Deserialize, Serialize};

crate::string_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum CaseState {
        Draft => "draft",
        /// Waiting for staff to accept it.
        Submitted => "submitted",
        AwaitingEmployer => "awaiting_employer",
        /// The employer confirmed; waiting for staff to accept it.
        Confirmed => "confirmed",
        EmployerDeclined => "employer_declined",
        NotAccepted => "not_accepted",
        UnderReview => "under_review",
        SupplementRequested => "supplement_requested",
        /// Approved by one staff member above the item's sign-off amount; a second must agree.
        PendingSignOff => "pending_sign_off",
        Approved => "approved",
        Rejected => "rejected",
        Disbursed => "disbursed",
        Closed => "closed",
        Withdrawn => "withdrawn",
    }
}

impl CaseState {
    /// Still going: the applicant cannot start another case for the same item.
    /// Sent and waiting for the office (or the employer) before anyone accepts it: the
    /// promised time has not started yet.
    pub fn awaits_acceptance(self) -> bool {
        matches!(
            self,
            CaseState::Submitted | CaseState::AwaitingEmployer | CaseState::Confirmed
        )
    }

    pub fn is_active(self) -> bool {
        !matches!(
            self,
            CaseState::EmployerDeclined
                | CaseState::NotAccepted
                | CaseState::Rejected
                | CaseState::Disbursed
                | CaseState::Closed
                | CaseState::Withdrawn
        )
    }

    /// The office has decided the case (accepted or not, approved or rejected, paid): a
    /// decision one can appeal against.
    pub fn has_decision(self) -> bool {
        matches!(
            self,
            CaseState::NotAccepted
                | CaseState::Rejected
                | CaseState::Approved
                | CaseState::Disbursed
                | CaseState::Closed
        )
    }

    /// The promised time limit runs (it stops while a supplement is awaited).
    pub fn clock_runs(self) -> bool {
        matches!(self, CaseState::UnderReview | CaseState::PendingSignOff)
    }

    /// The applicant may rate the service.
    pub fn may_be_rated(self) -> bool {
        matches!(
            self,
            CaseState::Disbursed | CaseState::Closed | CaseState::Rejected | CaseState::NotAccepted
        )
    }
}

/// What a party is to a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Party {
    Applicant,
    /// The enterprise named in the application as the employer.
    Employer,
    Staff,
}

impl Party {
    pub const ALL: [Party; 3] = [Party::Applicant, Party::Employer, Party::Staff];
}

crate::string_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Transition {
        Submit => "submit",
        Withdraw => "withdraw",
        Confirm => "confirm",
        Decline => "decline",
        Accept => "accept",
        NotAccept => "not_accept",
        RequestSupplement => "request_supplement",
        Supply => "supply",
        Approve => "approve",
        SignOff => "sign_off",
        ReturnToReview => "return_to_review",
        Reject => "reject",
        Disburse => "disburse",
        Close => "close",
    }
}

impl Transition {
    /// Who makes the transition.
    pub fn party(self) -> Party {
        match self {
            Transition::Submit | Transition::Withdraw | Transition::Supply => Party::Applicant,
            Transition::Confirm | Transition::Decline => Party::Employer,
            _ => Party::Staff,
        }
    }

    /// The states it may be made from.
    pub fn from_states(self) -> &'static [CaseState] {
        use CaseState::*;
        match self {
            Transition::Submit => &[Draft],
            // Before a decision.
            Transition::Withdraw => &[
                Submitted,
                AwaitingEmployer,
                Confirmed,
                UnderReview,
                SupplementRequested,
            ],
            Transition::Confirm | Transition::Decline => &[AwaitingEmployer],
            Transition::Accept | Transition::NotAccept => &[Submitted, Confirmed],
            Transition::RequestSupplement | Transition::Approve | Transition::Reject => {
                &[UnderReview]
            }
            Transition::Supply => &[SupplementRequested],
            Transition::SignOff | Transition::ReturnToReview => &[PendingSignOff],
            Transition::Disburse => &[Approved],
            Transition::Close => &[Approved, Disbursed, Rejected],
        }
    }

    /// Refuses or gives up the case: it ends there and cannot be undone, so the page asks
    /// for it as a second, deliberate step.
    pub fn refuses(self) -> bool {
        matches!(
            self,
            Transition::Withdraw | Transition::Decline | Transition::NotAccept | Transition::Reject
        )
    }

    /// A reason is required (and shown to the applicant).
    pub fn needs_reason(self) -> bool {
        matches!(
            self,
            Transition::Decline
                | Transition::NotAccept
                | Transition::RequestSupplement
                | Transition::Supply
                | Transition::ReturnToReview
                | Transition::Reject
        )
    }
}

/// What the rules need to know about the case and its service item.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseFacts {
    /// The item needs the employer's confirmation before staff accept the case.
    pub needs_employer: bool,
    /// The item's highest amount, in fen; `None` when it pays nothing.
    pub max_amount_fen: Option<i64>,
    /// Approvals above this amount (fen) need a second staff member's sign-off.
    pub sign_off_above_fen: Option<i64>,
    /// The approved amount, once approved.
    pub amount_fen: Option<i64>,
    /// Who approved it, while a sign-off is pending.
    pub approved_by: Option<i64>,
    /// The employer's confirmation was given before submission: the hub opened the case
    /// for a hire the enterprise recorded on the job board.
    pub employer_confirmed: bool,
}

/// What the person making the transition supplies.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransitionInput {
    /// Reason or message, shown to the applicant where the transition needs one.
    pub reason: String,
    /// Approve: the amount granted, in fen.
    pub amount_fen: Option<i64>,
    /// Disburse: the payment's reference.
    pub reference: String,
    /// Request a supplement: what it asks for.
    pub supplement: SupplementInput,
}

/// A supplement request's list, as the form sends it (`supplement[missing][i]`, …).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SupplementInput {
    /// The item's materials picked (their indices, as sent)…
    pub missing: Vec<String>,
    /// …and what is missing or wrong with each (`notes[i]` for material `i`).
    pub notes: Vec<String>,
    /// A second request: the supervisor's reason for asking again.
    pub approval: String,
}

pub const REASON_MAX_CHARS: usize = 2000;

/// A material the office asks for (tell everything once, 一次性告知): one of the item's
/// materials and what is missing or wrong with it. Its uploads go under `key`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskedMaterial {
    /// Its place in the item's list of materials.
    pub material: u32,
    pub name: crate::common::text::Text,
    pub note: String,
    /// The upload field key for this material in this request.
    pub key: String,
}

/// Upload keys of the materials a supplement request names begin with this.
pub const ASKED_KEY_PREFIX: &str = "supplement-";

/// A file sent in answer to a supplement request (asked for by name, or anything else).
pub fn is_supplement_key(key: &str) -> bool {
    key == SUPPLEMENT_KEY || key.starts_with(ASKED_KEY_PREFIX)
}

/// What supplement request number `round` asks for: the picked materials of `materials`
/// (indices as sent), each with its note (required, at most 500 characters).
pub fn asked_materials(
    materials: &[crate::catalogue::model::Material],
    picked: &[String],
    notes: &[String],
    round: i64,
) -> Result<Vec<AskedMaterial>, AppError> {
    let mut asked: Vec<AskedMaterial> = Vec::new();
    for text in picked {
        let index: usize = text
            .trim()
            .parse()
            .ok()
            .filter(|i| *i < materials.len())
            .ok_or_else(|| AppError::invalid("supplement[missing]", "err_choice"))?;
        if asked.iter().any(|a| a.material as usize == index) {
            continue;
        }
        let field = format!("supplement[notes][{index}]");
        let note = crate::error::check_reason(
            &field,
            notes.get(index).map(String::as_str).unwrap_or(""),
            true,
        )?;
        asked.push(AskedMaterial {
            material: index as u32,
            name: materials[index].name.clone(),
            note,
            key: format!("{ASKED_KEY_PREFIX}{round}-{index}"),
        });
    }
    asked.sort_by_key(|a| a.material);
    Ok(asked)
}

/// A supplement request after the first needs a supervisor (an administrator) and their
/// reason: the office is to ask for everything at once.
pub fn check_supplement_round(
    earlier_requests: i64,
    by_supervisor: bool,
    approval: &str,
) -> Result<(), AppError> {
    if earlier_requests == 0 {
        return Ok(());
    }
    if !by_supervisor {
        return Err(AppError::invalid("transition", "err_second_supplement"));
    }
    crate::error::check_reason("supplement[approval]", approval, true).map(|_| ())
}

/// The state after `transition` made by `party` (account `actor_id`) on a case in `state`,
/// or why not: `Forbidden` for the wrong party, `Conflict` for the wrong state (usually
/// someone else acted first), `Invalid` for a missing or bad input.
pub fn next_state(
    state: CaseState,
    transition: Transition,
    party: Party,
    actor_id: i64,
    facts: &CaseFacts,
    input: &TransitionInput,
) -> Result<CaseState, AppError> {
    use CaseState::*;
    if party != transition.party() {
        return Err(AppError::Forbidden);
    }
    if !transition.from_states().contains(&state) {
        return Err(AppError::Conflict);
    }
    let reason = input.reason.trim();
    if transition.needs_reason() && reason.is_empty() {
        return Err(AppError::invalid("reason", "err_reason_required"));
    }
    if reason.chars().count() > REASON_MAX_CHARS {
        return Err(AppError::invalid("reason", "err_too_long"));
    }
    let next = match transition {
        Transition::Submit if facts.needs_employer && facts.employer_confirmed => Confirmed,
        Transition::Submit if facts.needs_employer => AwaitingEmployer,
        Transition::Submit => Submitted,
        Transition::Withdraw => Withdrawn,
        Transition::Confirm => Confirmed,
        Transition::Decline => EmployerDeclined,
        Transition::Accept => UnderReview,
        Transition::NotAccept => NotAccepted,
        Transition::RequestSupplement => SupplementRequested,
        Transition::Supply => UnderReview,
        Transition::Approve => {
            match (facts.max_amount_fen, input.amount_fen) {
                (Some(max), Some(amount)) if amount > 0 && amount <= max => {}
                (Some(_), Some(_)) => return Err(AppError::invalid("amount", "err_amount_range")),
                (Some(_), None) => return Err(AppError::invalid("amount", "err_required")),
                (None, None) => {}
                (None, Some(_)) => return Err(AppError::invalid("amount", "err_amount_none")),
            }
            match (facts.sign_off_above_fen, input.amount_fen) {
                (Some(limit), Some(amount)) if amount > limit => PendingSignOff,
                _ => Approved,
            }
        }
        Transition::SignOff => {
            // Four eyes: never the approver's own.
            if facts.approved_by == Some(actor_id) {
                return Err(AppError::invalid("sign_off", "err_four_eyes"));
            }
            Approved
        }
        Transition::ReturnToReview => UnderReview,
        Transition::Reject => Rejected,
        Transition::Disburse => {
            if facts.amount_fen.is_none_or(|a| a <= 0) {
                return Err(AppError::invalid("reference", "err_nothing_to_disburse"));
            }
            if input.reference.trim().is_empty() {
                return Err(AppError::invalid("reference", "err_required"));
            }
            crate::error::check_reason("reference", &input.reference, false)?;
            Disbursed
        }
        Transition::Close => {
            // Money granted is paid before the case closes.
            if state == Approved && facts.amount_fen.is_some_and(|a| a > 0) {
                return Err(AppError::invalid("close", "err_disburse_first"));
            }
            Closed
        }
    };
    Ok(next)
}

/// What a decision took: working days from `started` (acceptance, or submission for a
/// case not accepted) to `decided`, and whether it came after the promised date.
pub fn decision_figures(
    calendar: &crate::calendar::model::WorkCalendar,
    started: crate::common::date::Date,
    due: Option<crate::common::date::Date>,
    decided: crate::common::date::Date,
) -> (u32, bool) {
    (
        calendar.working_days_between(started, decided),
        due.is_some_and(|due| decided > due),
    )
}

/// [`decision_figures`] of case `row` decided `today`: counted from acceptance, or from
/// submission for a case never accepted.
fn decision_figures_of(
    row: &CaseRow,
    calendar: &crate::calendar::model::WorkCalendar,
    today: crate::common::date::Date,
) -> (u32, bool) {
    use crate::common::date::{Date, today_in_china};
    let started = row
        .accepted_on
        .as_deref()
        .and_then(Date::parse)
        .or_else(|| row.submitted_at.map(today_in_china))
        .unwrap_or(today);
    let due = row.due_on.as_deref().and_then(Date::parse);
    decision_figures(calendar, started, due, today)
}

/// The states in which the promised time runs ([`CaseState::clock_runs`]), for SQL.
pub const CLOCK_RUNNING_STATES: &str = "'under_review', 'pending_sign_off'";

/// The states with a decision ([`CaseState::has_decision`]), for SQL.
pub const DECIDED_STATES: &str = "'not_accepted', 'approved', 'rejected', 'disbursed', 'closed'";

/// The states in which the applicant may rate the service ([`CaseState::may_be_rated`]),
/// for SQL.
pub const RATEABLE_STATES: &str = "'disbursed', 'closed', 'rejected', 'not_accepted'";

/// A decided case still unrated this long after its last change reminds its applicant.
pub const RATING_REMINDER_AFTER_MS: i64 = 3 * 24 * 3_600_000;

/// The notification kind of that reminder.
pub const RATING_REMINDER: &str = "rate_reminder";

/// The states the staff queue lists, for SQL: submitted and not yet finished
/// ([`CaseState::is_active`] apart from drafts). Decided cases leave the queue, so it grows
/// with the open work, not with the office's history.
pub const QUEUE_STATES: &str = "'submitted', 'awaiting_employer', 'confirmed', 'under_review', \
    'supplement_requested', 'pending_sign_off', 'approved'";

/// Readable case numbers: `LJ-2026-000123`.
pub fn case_number(year: i32, sequence: i64) -> String {
    format!("LJ-{year:04}-{sequence:06}")
}

/// An application's answers, by form field key, as typed.
pub type Answers = std::collections::BTreeMap<String, String>;

/// Checks `answers` against an item's form: required fields, lengths, ranges, real dates
/// and known options. Keeps only the form's fields. Errors name `answers[key]`.
/// The form as the applicant answers it. In a case the hub opened for a hire recorded on
/// the job board, the employment facts come from the hire, which the employer confirmed:
/// they are shown, not asked. Materials are the applicant's to add, not required: the
/// hub opened the case from what is on file, and the office asks for anything it still
/// needs with one supplement request.
pub fn applicant_form(
    form: &[crate::catalogue::model::FormField],
    opened_for_hire: bool,
) -> Vec<crate::catalogue::model::FormField> {
    use crate::catalogue::model::FieldKind;
    form.iter()
        .map(|field| crate::catalogue::model::FormField {
            required: field.required
                && !(opened_for_hire
                    && (field.shown_to_employer() || matches!(field.kind, FieldKind::File))),
            ..field.clone()
        })
        .collect()
}

/// The fields a case opened for a hire takes from the hire: the employment facts.
pub fn taken_from_hire(form: &[crate::catalogue::model::FormField]) -> Vec<&str> {
    form.iter()
        .filter(|field| field.shown_to_employer())
        .map(|field| field.key.as_str())
        .collect()
}

pub fn check_answers(
    form: &[crate::catalogue::model::FormField],
    answers: &Answers,
) -> Result<Answers, AppError> {
    use crate::catalogue::model::FieldKind;
    let mut clean = Answers::new();
    for field in form {
        let name = format!("answers[{}]", field.key);
        let value = answers.get(&field.key).map(|v| v.trim()).unwrap_or("");
        if value.is_empty() {
            if field.required {
                return Err(AppError::invalid(&name, "err_required"));
            }
            continue;
        }
        let number = |min: i64, max: i64| -> Result<(), AppError> {
            match value.replace([',', '，'], "").parse::<i64>() {
                Ok(n) if (min..=max).contains(&n) => Ok(()),
                Ok(_) => Err(AppError::invalid(&name, "err_number_range")),
                Err(_) => Err(AppError::invalid(&name, "err_number")),
            }
        };
        match &field.kind {
            FieldKind::Text { max_len } => {
                if value.chars().count() > *max_len as usize {
                    return Err(AppError::invalid(&name, "err_too_long"));
                }
            }
            FieldKind::Number { min, max } => number(*min, *max)?,
            FieldKind::Money { max_yuan } => number(0, *max_yuan)?,
            FieldKind::Date => {
                if crate::common::date::Date::parse(value).is_none() {
                    return Err(AppError::invalid(&name, "err_date_invalid"));
                }
            }
            FieldKind::Choice { options } => {
                if !options.iter().any(|o| o.value == value) {
                    return Err(AppError::invalid(&name, "err_choice"));
                }
            }
            FieldKind::YesNo => {
                if value != "yes" && value != "no" {
                    return Err(AppError::invalid(&name, "err_choice"));
                }
            }
            FieldKind::File => {}
        }
        clean.insert(field.key.clone(), value.to_string());
    }
    Ok(clean)
}

/// A case in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub id: i64,
    pub number: Option<String>,
    pub item_code: String,
    pub item_name: crate::common::text::Text,
    pub state: CaseState,
    pub applicant_name: String,
    pub assignee_name: Option<String>,
    /// The promised date (`YYYY-MM-DD`), once accepted.
    pub due_on: Option<String>,
    /// While the case waits for acceptance: the last day the office may accept it, refuse
    /// it or ask for what is missing ([`acceptance_limit`]).
    pub accept_by: Option<String>,
    /// While the office waits for supplements: the day the applicant should send them by
    /// ([`supplement_limit`]).
    pub supply_by: Option<String>,
    /// How close the running limit is: acceptance before it is accepted, the supplement
    /// while one is awaited, the promised date otherwise.
    pub urgency: Option<crate::calendar::model::Urgency>,
    pub updated_at: i64,
    pub version: i64,
}

/// One line of a case's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseEvent {
    pub at: i64,
    pub actor_name: Option<String>,
    /// A transition name, or `note`, `extend`, `claim`, `rate`.
    pub kind: String,
    pub to_state: Option<CaseState>,
    /// Internal notes are `false` and reach staff only.
    pub public: bool,
    pub text: String,
    pub amount_fen: Option<i64>,
}

/// A case as one viewer sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDetail {
    pub summary: CaseSummary,
    /// What the viewer is to the case.
    pub party: Party,
    pub item: crate::catalogue::model::ServiceItem,
    pub answers: Answers,
    pub employer_name: Option<String>,
    pub amount_fen: Option<i64>,
    pub disbursement_ref: String,
    pub submitted_at: Option<i64>,
    pub accepted_on: Option<String>,
    /// Before acceptance: the promised date the case would get if accepted today.
    pub due_if_accepted_today: Option<String>,
    /// A draft's fields whose answers came from the applicant's profile.
    #[serde(default)]
    pub from_profile: Vec<String>,
    pub paused: bool,
    pub rating: Option<u8>,
    /// The rating's optional sub-scores.
    #[serde(default)]
    pub rating_aspects: crate::common::satisfaction::SubScores,
    pub rating_comment: String,
    pub events: Vec<CaseEvent>,
    /// What the open (or last) supplement request asks for, material by material.
    pub supplement_asked: Vec<AskedMaterial>,
    /// How many supplement requests the case has had (a second needs a supervisor).
    pub supplement_round: i64,
    /// Requests to extend the decision limit, as the viewer may see them.
    pub extensions: crate::extensions::model::CaseExtensions,
    /// The transitions this viewer may make now.
    pub transitions: Vec<Transition>,
    /// Staff: the viewer is the assignee.
    pub assigned_to_me: bool,
    /// Staff: the viewer approved it and a sign-off is pending (they cannot sign off).
    pub approved_by_me: bool,
    pub files: Vec<CaseFile>,
    /// Why the hub opened the case itself (免申即享), if it did.
    #[serde(default)]
    pub hub_opening: Option<crate::proactive::model::HubOpening>,
    /// The bundle application the case is part of (一件事一次办), if any.
    #[serde(default)]
    pub bundle: Option<BundleLink>,
}

/// The bundle a case is part of, for the case page's link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleLink {
    pub id: i64,
    pub number: Option<String>,
    pub name: crate::common::text::Text,
}

impl CaseDetail {
    /// The case as the confirming employer sees it: who applies and the employment facts
    /// they confirm (the answers and files of fields marked
    /// [`employer_sees`](crate::catalogue::model::FormField::employer_sees)), and the
    /// timeline's steps without their texts. Bank account, ID, other answers and materials,
    /// amounts and the applicant's rating stay with the applicant and the office.
    pub fn as_employer_sees(mut self) -> CaseDetail {
        let item = &self.item;
        self.answers.retain(|key, _| item.employer_sees(key));
        self.files.retain(|f| item.employer_sees(&f.field_key));
        self.item.form.retain(|f| f.shown_to_employer());
        self.amount_fen = None;
        self.disbursement_ref.clear();
        self.rating = None;
        self.rating_aspects = Default::default();
        self.rating_comment.clear();
        // Why the hub opened it names the applicant's profile facts.
        self.hub_opening = None;
        for event in &mut self.events {
            if !matches!(event.kind.as_str(), "confirm" | "decline") {
                event.text.clear();
            }
            event.amount_fen = None;
        }
        self
    }
}

/// An uploaded material of a case (download at `/files/{id}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFile {
    pub id: i64,
    /// The form field it answers, or [`SUPPLEMENT_KEY`].
    pub field_key: String,
    pub name: String,
    pub size_bytes: i64,
    pub uploaded_at: i64,
}

/// The field key of material sent in answer to a supplement request.
pub const SUPPLEMENT_KEY: &str = "supplement";

/// How much one object may hold in uploads, so nobody can fill the shared upload
/// directory; `message` is the refusal's translation key (its texts name these numbers).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UploadQuota {
    pub files: i64,
    pub bytes: i64,
    pub message: &'static str,
}

impl UploadQuota {
    /// Whether a new file of `new_bytes` fits beside `held_files` files of `held_bytes`.
    pub fn admits(&self, held_files: i64, held_bytes: i64, new_bytes: i64) -> Result<(), AppError> {
        if held_files >= self.files || held_bytes.saturating_add(new_bytes) > self.bytes {
            Err(AppError::invalid("file", self.message))
        } else {
            Ok(())
        }
    }
}

const MB: i64 = 1024 * 1024;

/// One case: its form's files (one per field; a new upload replaces the old) and the
/// material sent on supplement requests.
pub const CASE_QUOTA: UploadQuota = UploadQuota {
    files: 20,
    bytes: 50 * MB,
    message: "err_case_files_full",
};

/// One concern, whoever attached the files (each upload is one line of its thread).
pub const CONCERN_QUOTA: UploadQuota = UploadQuota {
    files: 10,
    bytes: 50 * MB,
    message: "err_concern_files_full",
};

/// The CVs one talent keeps on their job applications (one per application). Licences
/// and business plans need none: an enterprise or an application holds one, replaced by
/// the next upload.
pub const CV_QUOTA: UploadQuota = UploadQuota {
    files: 100,
    bytes: 500 * MB,
    message: "err_cv_quota",
};

/// What an upload is: PDF, JPEG or PNG, told from the file's first bytes (never from its
/// name or the type the browser claims).
pub fn sniff_content_type(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else {
        None
    }
}

/// Whether `c` may stay in a name shown to people: no control characters, no direction
/// controls, no line or paragraph separators.
fn shown_as_written(c: char) -> bool {
    !c.is_control()
        && !crate::markup::BIDI_CONTROLS.contains(&c)
        && !matches!(c, '\u{2028}' | '\u{2029}')
}

/// A file name safe to show and to put in a download header: the last path component,
/// without control or direction-changing characters, at most 100 characters. Every upload
/// stores its display name through this function.
pub fn clean_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .filter(|c| shown_as_written(*c) && *c != '"')
        .take(100)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_string();
    if cleaned.is_empty() {
        "file".to_string()
    } else {
        cleaned
    }
}

/// Which cases the staff queue shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QueueQuery {
    /// `unassigned`, `mine` or `all` (the default: every open case).
    pub scope: String,
    pub item: String,
    pub state: String,
    /// `on`: overdue only.
    pub overdue: String,
    pub page: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CasePage {
    pub items: Vec<CaseSummary>,
    pub page: u32,
    pub has_more: bool,
}

pub const CASE_PAGE_SIZE: u32 = 20;

/// How applicants rated one service item (好差评), for staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRatings {
    pub item_code: String,
    pub item_name: crate::common::text::Text,
    pub count: i64,
    /// Sum of the levels (5 非常满意 … 1 非常不满意); the average is `stars / count`.
    pub stars: i64,
    /// Rated 非常满意 or 满意.
    pub satisfied: i64,
    /// Each sub-score, over the ratings that gave it.
    pub aspects: Vec<(
        crate::common::satisfaction::Aspect,
        crate::common::satisfaction::LevelTally,
    )>,
}

/// A rating of 不满意 or 非常不满意, to follow up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadRating {
    pub case_id: i64,
    pub number: String,
    pub item_code: String,
    pub rating: u8,
    pub comment: String,
    pub rated_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingsOverview {
    pub items: Vec<ItemRatings>,
    pub bad: Vec<BadRating>,
}

/// A case as the `cases` table holds it (the store reads and writes whole rows).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CaseRow {
    pub id: i64,
    pub number: Option<String>,
    pub applicant_id: i64,
    pub item_code: String,
    pub item_version: i64,
    pub state: String,
    pub active: i64,
    pub answers: String,
    pub employer_id: Option<i64>,
    pub assignee_id: Option<i64>,
    pub amount_fen: Option<i64>,
    pub approved_by: Option<i64>,
    pub disbursement_ref: String,
    pub submitted_at: Option<i64>,
    pub accepted_on: Option<String>,
    pub due_on: Option<String>,
    pub paused_on: Option<String>,
    /// The day the office received the complete application (`YYYY-MM-DD`): submitted, or
    /// confirmed by the employer where the item needs that. The acceptance limit counts
    /// from here.
    pub received_on: Option<String>,
    /// The materials the open (or last) supplement request named, as JSON.
    pub supplement_asked: String,
    /// How many supplement requests the case has had.
    pub supplement_round: i64,
    pub decided_at: Option<i64>,
    pub decision_days: Option<i64>,
    pub decided_late: i64,
    pub disbursed_at: Option<i64>,
    pub rating: Option<i64>,
    pub rating_comment: String,
    /// The bundle application the case is part of (一件事一次办), if any.
    pub bundle_id: Option<i64>,
    pub version: i64,
    pub updated_at: i64,
}

impl CaseRow {
    pub fn state(&self) -> Result<CaseState, AppError> {
        CaseState::stored(&self.state)
    }

    pub fn answers(&self) -> Answers {
        serde_json::from_str(&self.answers).unwrap_or_default()
    }

    /// The materials the open (or last) supplement request named.
    pub fn supplement_asked(&self) -> Vec<AskedMaterial> {
        serde_json::from_str(&self.supplement_asked).unwrap_or_default()
    }
}

impl Transition {
    /// Moves the promised date or counts the working days a decision took.
    pub fn needs_calendar(self) -> bool {
        matches!(
            self,
            Transition::Accept
                | Transition::Supply
                | Transition::Approve
                | Transition::SignOff
                | Transition::NotAccept
                | Transition::Reject
        )
    }
}

/// What a submission checked and looked up before the case changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submission {
    /// The checked answers, as stored (JSON).
    pub answers: String,
    /// The enterprise asked to confirm employment, for items that need it.
    pub employer_id: Option<i64>,
    pub number: String,
}

/// Everything besides the case that decides a transition's effects.
pub struct TransitionContext<'a> {
    pub actor_id: i64,
    pub now_ms: i64,
    /// Today in China (`now_ms`'s date).
    pub today: crate::common::date::Date,
    /// The office's working days, for the transitions that [`Transition::needs_calendar`].
    pub calendar: Option<&'a crate::calendar::model::WorkCalendar>,
    /// The item's promised time, in working days from acceptance.
    pub time_limit_days: u32,
    /// The item allows several open cases per person (an open one does not block another).
    pub several_at_once: bool,
    pub input: &'a TransitionInput,
    /// For `Submit` only.
    pub submission: Option<Submission>,
    /// For `RequestSupplement`: what it asks for.
    pub asked: Vec<AskedMaterial>,
}

/// A transition's effects: the case afterwards, and its timeline event's text and amount.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Effects {
    pub case: CaseRow,
    pub event_text: String,
    pub event_amount_fen: Option<i64>,
}

/// What `transition` to `next` (already allowed by [`next_state`]) changes on `row`: the
/// state, the clock (accepted, due, paused), the decision and its figures, the payment.
pub fn effects(
    row: &CaseRow,
    transition: Transition,
    next: CaseState,
    context: &TransitionContext<'_>,
) -> Result<Effects, AppError> {
    use crate::common::date::Date;
    let calendar = || context.calendar.ok_or(AppError::Internal);
    let (now, today, input) = (context.now_ms, context.today, context.input);
    let mut case = row.clone();
    case.state = next.as_str().to_string();
    case.active = i64::from(next.is_active() && !context.several_at_once);
    let mut event_text = input.reason.trim().to_string();
    let mut event_amount_fen = None;
    match transition {
        Transition::Submit => {
            let submission = context.submission.clone().ok_or(AppError::Internal)?;
            case.answers = submission.answers;
            if submission.employer_id.is_some() {
                case.employer_id = submission.employer_id;
            }
            case.number = Some(submission.number);
            case.submitted_at = Some(now);
            if matches!(next, CaseState::Submitted | CaseState::Confirmed) {
                case.received_on = Some(today.to_string());
            }
        }
        // The employer's confirmation completes the application: the office receives it now.
        Transition::Confirm => case.received_on = Some(today.to_string()),
        Transition::Accept => {
            case.accepted_on = Some(today.to_string());
            case.due_on = Some(
                calendar()?
                    .add_working_days(today, context.time_limit_days)
                    .to_string(),
            );
            if case.assignee_id.is_none() {
                case.assignee_id = Some(context.actor_id);
            }
        }
        Transition::RequestSupplement => {
            case.paused_on = Some(today.to_string());
            case.supplement_asked =
                serde_json::to_string(&context.asked).map_err(|_| AppError::Internal)?;
            case.supplement_round = row.supplement_round + 1;
        }
        Transition::Supply => {
            // The clock stood still while the applicant was asked: the due date moves on
            // by the working days the request was open.
            let calendar = calendar()?;
            if let (Some(paused), Some(due)) = (
                row.paused_on.as_deref().and_then(Date::parse),
                row.due_on.as_deref().and_then(Date::parse),
            ) {
                let waited = calendar.working_days_between(paused, today);
                case.due_on = Some(calendar.add_working_days(due, waited).to_string());
            }
            case.paused_on = None;
        }
        Transition::Approve => {
            case.amount_fen = input.amount_fen;
            event_amount_fen = input.amount_fen;
            case.approved_by = Some(context.actor_id);
            if next == CaseState::Approved {
                case.decided_at = Some(now);
            }
        }
        Transition::SignOff => {
            case.decided_at = Some(now);
            event_amount_fen = row.amount_fen;
        }
        Transition::ReturnToReview => {
            case.amount_fen = None;
            case.approved_by = None;
        }
        Transition::NotAccept | Transition::Reject => case.decided_at = Some(now),
        Transition::Disburse => {
            case.disbursement_ref = input.reference.trim().to_string();
            event_text = case.disbursement_ref.clone();
            event_amount_fen = row.amount_fen;
            case.disbursed_at = Some(now);
        }
        Transition::Withdraw | Transition::Decline | Transition::Close => {}
    }
    if case.decided_at.is_some() && row.decided_at.is_none() {
        let (days, late) = decision_figures_of(row, calendar()?, today);
        case.decision_days = Some(i64::from(days));
        case.decided_late = i64::from(late);
    }
    Ok(Effects {
        case,
        event_text,
        event_amount_fen,
    })
}

/// Working days within which the office accepts an application, refuses it or asks for
/// what is missing (Administrative Licensing Law, art. 32).
pub const ACCEPTANCE_WORKING_DAYS: u32 = 5;

/// The last day the office may accept, refuse or send back an application received on
/// `received`: the fifth working day after it.
pub fn acceptance_limit(
    calendar: &crate::calendar::model::WorkCalendar,
    received: crate::common::date::Date,
) -> crate::common::date::Date {
    calendar.add_working_days(received, ACCEPTANCE_WORKING_DAYS)
}

/// The latest day of receipt whose acceptance limit falls on or before `day`: the
/// applications received by then must be acted on by `day`.
pub fn latest_receipt_due_by(
    calendar: &crate::calendar::model::WorkCalendar,
    day: crate::common::date::Date,
) -> crate::common::date::Date {
    latest_start_due_by(calendar, day, ACCEPTANCE_WORKING_DAYS)
}

/// The latest day a limit of `working_days` may start on and still end on or before
/// `day`. The limit moves on with its start, so it is the first day back from `day` whose
/// limit is not after it.
pub fn latest_start_due_by(
    calendar: &crate::calendar::model::WorkCalendar,
    day: crate::common::date::Date,
    working_days: u32,
) -> crate::common::date::Date {
    // Holidays add at most a few weeks to any span of working days.
    let furthest = i64::from(working_days) * 2 + 30;
    (0..=furthest)
        .map(|back| day.add_days(-back))
        .find(|start| calendar.add_working_days(*start, working_days) <= day)
        .unwrap_or(day.add_days(-furthest))
}

/// Working days the applicant has to send what a supplement request asks for (the
/// office's rule; the promised time stands still meanwhile).
pub const SUPPLEMENT_WORKING_DAYS: u32 = 15;

/// The day by which an applicant asked for supplements on `asked` should send them.
pub fn supplement_limit(
    calendar: &crate::calendar::model::WorkCalendar,
    asked: crate::common::date::Date,
) -> crate::common::date::Date {
    calendar.add_working_days(asked, SUPPLEMENT_WORKING_DAYS)
}

/// The event kind of a decision notice's correction on the timeline and in notifications.
pub const NOTICE_CORRECTED: &str = "notice_corrected";

/// What kind of decision notice a case in `state` carries (`approved`: someone approved it,
/// which tells an approval closed from one refused); `None` while undecided or withdrawn.
pub fn notice_kind(
    state: CaseState,
    approved: bool,
) -> Option<crate::decisions::model::NoticeKind> {
    use crate::decisions::model::NoticeKind;
    match state {
        CaseState::Approved | CaseState::Disbursed => Some(NoticeKind::Approval),
        CaseState::Closed if approved => Some(NoticeKind::Approval),
        CaseState::Closed | CaseState::Rejected => Some(NoticeKind::Rejection),
        CaseState::NotAccepted => Some(NoticeKind::NotAccepted),
        _ => None,
    }
}

/// The notice a transition from `from` to `to` issues: the one that decides the case.
pub fn newly_decided(
    from: CaseState,
    to: CaseState,
    approved: bool,
) -> Option<crate::decisions::model::NoticeKind> {
    match notice_kind(from, approved) {
        Some(_) => None,
        None => notice_kind(to, approved),
    }
}

/// The event kind of a deemed acceptance on the timeline and in notifications.
pub const DEEMED_ACCEPTANCE: &str = "deemed_accept";

/// Case `row` deemed accepted on `today`, if its acceptance limit has passed with nobody
/// accepting it, refusing it or asking for supplements (Administrative Licensing Law,
/// art. 32): accepted as of the day it was received, with the promised time of
/// `time_limit_days` counted from then. `None` while the office still has time, or when
/// the case no longer waits for acceptance.
pub fn deemed_acceptance(
    row: &CaseRow,
    calendar: &crate::calendar::model::WorkCalendar,
    time_limit_days: u32,
    today: crate::common::date::Date,
) -> Option<CaseRow> {
    let state = row.state().ok()?;
    if !matches!(state, CaseState::Submitted | CaseState::Confirmed) {
        return None;
    }
    let received = row
        .received_on
        .as_deref()
        .and_then(crate::common::date::Date::parse)?;
    if today <= acceptance_limit(calendar, received) {
        return None;
    }
    let mut case = row.clone();
    case.state = CaseState::UnderReview.as_str().to_string();
    case.accepted_on = Some(received.to_string());
    case.due_on = Some(
        calendar
            .add_working_days(received, time_limit_days)
            .to_string(),
    );
    Some(case)
}

/// The transitions `party` could make on a case in `state` (the pages offer these).
pub fn transitions_for(state: CaseState, party: Party) -> Vec<Transition> {
    Transition::ALL
        .into_iter()
        .filter(|t| t.party() == party && t.from_states().contains(&state))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    mod effects_of_transitions {
        use super::*;
        use crate::calendar::model::WorkCalendar;
        use crate::common::date::Date;
        use crate::common::date::test_dates::d;

        /// Monday to Friday, with Wednesday 2026-11-11 a day off.
        fn calendar() -> WorkCalendar {
            WorkCalendar::new([(d(2026, 11, 11), false)])
        }

        fn case_in(state: CaseState) -> CaseRow {
            CaseRow {
                id: 7,
                applicant_id: 1,
                state: state.as_str().to_string(),
                active: 1,
                submitted_at: Some(0),
                ..CaseRow::default()
            }
        }

        fn apply(
            row: &CaseRow,
            transition: Transition,
            next: CaseState,
            today: Date,
            input: &TransitionInput,
        ) -> Effects {
            let calendar = calendar();
            let context = TransitionContext {
                actor_id: 42,
                now_ms: 1_000,
                today,
                calendar: Some(&calendar),
                time_limit_days: 5,
                several_at_once: false,
                input,
                submission: None,
                asked: Vec::new(),
            };
            effects(row, transition, next, &context).unwrap()
        }

        #[test]
        fn accepting_starts_the_promised_time_and_gives_the_case_to_whoever_accepted() {
            let row = case_in(CaseState::Submitted);
            let done = apply(
                &row,
                Transition::Accept,
                CaseState::UnderReview,
                d(2026, 11, 9),
                &TransitionInput::default(),
            );
            assert_eq!(done.case.state, "under_review");
            assert_eq!(done.case.accepted_on.as_deref(), Some("2026-11-09"));
            // Five working days after Monday the 9th, skipping the day off on the 11th.
            assert_eq!(done.case.due_on.as_deref(), Some("2026-11-17"));
            assert_eq!(done.case.assignee_id, Some(42));
            let held = CaseRow {
                assignee_id: Some(5),
                ..row
            };
            let done = apply(
                &held,
                Transition::Accept,
                CaseState::UnderReview,
                d(2026, 11, 9),
                &TransitionInput::default(),
            );
            assert_eq!(done.case.assignee_id, Some(5), "an assignee stays");
        }

        #[test]
        fn the_office_receives_an_application_on_submission_or_on_the_employers_confirmation() {
            let submitted = apply(
                &case_in(CaseState::AwaitingEmployer),
                Transition::Confirm,
                CaseState::Confirmed,
                d(2026, 11, 10),
                &TransitionInput::default(),
            );
            assert_eq!(submitted.case.received_on.as_deref(), Some("2026-11-10"));
            let accepted = apply(
                &submitted.case,
                Transition::Accept,
                CaseState::UnderReview,
                d(2026, 11, 12),
                &TransitionInput::default(),
            );
            assert_eq!(
                accepted.case.received_on.as_deref(),
                Some("2026-11-10"),
                "the day of receipt stays on record"
            );
        }

        #[test]
        fn the_acceptance_limit_is_the_fifth_working_day_after_receipt() {
            // Monday the 9th; the 11th is a day off; the weekend of the 14th and 15th.
            assert_eq!(
                acceptance_limit(&calendar(), d(2026, 11, 9)),
                d(2026, 11, 17)
            );
        }

        #[test]
        fn the_latest_receipt_due_by_a_day_is_five_working_days_before_it() {
            let calendar = calendar();
            // Limits: received Mon the 9th → Tue the 17th; received Tue the 10th or on the
            // day off, the 11th → Wed the 18th; Thu the 12th → the 19th.
            assert_eq!(
                latest_receipt_due_by(&calendar, d(2026, 11, 17)),
                d(2026, 11, 9)
            );
            assert_eq!(
                latest_receipt_due_by(&calendar, d(2026, 11, 18)),
                d(2026, 11, 11)
            );
            // Received on the weekend of the 7th and 8th: due Monday the 16th too.
            assert_eq!(
                latest_receipt_due_by(&calendar, d(2026, 11, 16)),
                d(2026, 11, 8)
            );
        }

        #[test]
        fn a_supplement_is_due_fifteen_working_days_after_the_request() {
            let calendar = calendar();
            // From Mon the 9th: fifteen working days, skipping the 11th and three weekends.
            let due = supplement_limit(&calendar, d(2026, 11, 9));
            assert_eq!(due, d(2026, 12, 1));
            assert_eq!(
                latest_start_due_by(&calendar, due, SUPPLEMENT_WORKING_DAYS),
                d(2026, 11, 9)
            );
            assert!(
                supplement_limit(&calendar, d(2026, 11, 10)) > due,
                "a later request is due later"
            );
        }

        #[test]
        fn an_application_left_past_its_acceptance_limit_is_accepted_as_of_receipt() {
            let mut row = case_in(CaseState::Submitted);
            row.received_on = Some("2026-11-09".into());
            let calendar = calendar();
            assert_eq!(
                deemed_acceptance(&row, &calendar, 10, d(2026, 11, 17)),
                None,
                "the office has the whole fifth working day"
            );
            let deemed = deemed_acceptance(&row, &calendar, 10, d(2026, 11, 18)).unwrap();
            assert_eq!(deemed.state, "under_review");
            assert_eq!(deemed.accepted_on.as_deref(), Some("2026-11-09"));
            // Ten working days from the 9th, skipping the 11th and the weekends.
            assert_eq!(deemed.due_on.as_deref(), Some("2026-11-24"));
            assert_eq!(deemed.assignee_id, None, "nobody accepted it");
        }

        #[test]
        fn only_an_application_waiting_for_the_office_can_be_deemed_accepted() {
            for state in CaseState::ALL {
                let mut row = case_in(state);
                row.received_on = Some("2026-11-09".into());
                let deemed = deemed_acceptance(&row, &calendar(), 10, d(2026, 12, 30));
                assert_eq!(
                    deemed.is_some(),
                    matches!(state, CaseState::Submitted | CaseState::Confirmed),
                    "{state:?}"
                );
            }
            let unreceived = case_in(CaseState::Submitted);
            assert_eq!(
                deemed_acceptance(&unreceived, &calendar(), 10, d(2026, 12, 30)),
                None
            );
        }

        fn materials() -> Vec<crate::catalogue::model::Material> {
            ["身份证", "学位证书", "劳动合同"]
                .iter()
                .map(|name| crate::catalogue::model::Material {
                    name: crate::common::text::Text::new(name, name),
                    format: "PDF".into(),
                    mandatory: true,
                    upload: String::new(),
                })
                .collect()
        }

        #[test]
        fn a_supplement_request_names_each_picked_material_once_with_its_note() {
            let picked = ["2".to_string(), "0".into(), "2".into()];
            let notes = ["模糊".to_string(), String::new(), " 缺盖章页 ".into()];
            let asked = asked_materials(&materials(), &picked, &notes, 1).unwrap();
            assert_eq!(asked.len(), 2, "each material once, in the item's order");
            assert_eq!((asked[0].material, asked[0].note.as_str()), (0, "模糊"));
            assert_eq!((asked[1].material, asked[1].note.as_str()), (2, "缺盖章页"));
            assert_eq!(asked[1].key, "supplement-1-2");
            assert!(is_supplement_key(&asked[1].key) && is_supplement_key(SUPPLEMENT_KEY));
            assert!(!is_supplement_key("contract"));
        }

        #[test]
        fn a_picked_material_needs_a_note_and_must_be_on_the_items_list() {
            let notes = vec![String::new(); 3];
            assert_eq!(
                asked_materials(&materials(), &["1".into()], &notes, 1),
                Err(AppError::invalid(
                    "supplement[notes][1]",
                    "err_reason_required"
                ))
            );
            assert_eq!(
                asked_materials(&materials(), &["3".into()], &notes, 1),
                Err(AppError::invalid("supplement[missing]", "err_choice"))
            );
            assert_eq!(asked_materials(&materials(), &[], &notes, 1), Ok(vec![]));
        }

        #[test]
        fn only_a_supervisor_with_a_reason_asks_for_supplements_a_second_time() {
            assert_eq!(check_supplement_round(0, false, ""), Ok(()));
            assert_eq!(
                check_supplement_round(1, false, "理由"),
                Err(AppError::invalid("transition", "err_second_supplement"))
            );
            assert_eq!(
                check_supplement_round(1, true, "  "),
                Err(AppError::invalid(
                    "supplement[approval]",
                    "err_reason_required"
                ))
            );
            assert_eq!(check_supplement_round(2, true, "原件作废"), Ok(()));
        }

        #[test]
        fn the_clock_stands_still_while_a_supplement_is_awaited() {
            let mut row = case_in(CaseState::UnderReview);
            row.due_on = Some("2026-11-17".into());
            let asked = apply(
                &row,
                Transition::RequestSupplement,
                CaseState::SupplementRequested,
                d(2026, 11, 10),
                &TransitionInput::default(),
            );
            assert_eq!(asked.case.paused_on.as_deref(), Some("2026-11-10"));
            // Answered on Friday the 13th: two working days passed (the 11th is off), so the
            // due date moves on by two working days.
            let supplied = apply(
                &asked.case,
                Transition::Supply,
                CaseState::UnderReview,
                d(2026, 11, 13),
                &TransitionInput::default(),
            );
            assert_eq!(supplied.case.paused_on, None);
            assert_eq!(supplied.case.due_on.as_deref(), Some("2026-11-19"));
        }

        #[test]
        fn a_decision_counts_its_working_days_and_whether_it_was_late() {
            let mut row = case_in(CaseState::UnderReview);
            row.accepted_on = Some("2026-11-09".into());
            row.due_on = Some("2026-11-12".into());
            let done = apply(
                &row,
                Transition::Reject,
                CaseState::Rejected,
                d(2026, 11, 13),
                &TransitionInput {
                    reason: "  Not eligible.  ".into(),
                    ..TransitionInput::default()
                },
            );
            assert_eq!(done.case.decided_at, Some(1_000));
            assert_eq!(done.case.decision_days, Some(3));
            assert_eq!(done.case.decided_late, 1);
            assert_eq!(
                done.case.active, 0,
                "a decided case no longer blocks another"
            );
            assert_eq!(done.event_text, "Not eligible.");
        }

        #[test]
        fn an_approval_awaiting_sign_off_is_not_yet_a_decision() {
            let row = case_in(CaseState::UnderReview);
            let input = TransitionInput {
                amount_fen: Some(50_000_000),
                ..TransitionInput::default()
            };
            let pending = apply(
                &row,
                Transition::Approve,
                CaseState::PendingSignOff,
                d(2026, 11, 9),
                &input,
            );
            assert_eq!(pending.case.decided_at, None);
            assert_eq!(pending.case.approved_by, Some(42));
            assert_eq!(pending.event_amount_fen, Some(50_000_000));
            let returned = apply(
                &pending.case,
                Transition::ReturnToReview,
                CaseState::UnderReview,
                d(2026, 11, 9),
                &TransitionInput::default(),
            );
            assert_eq!(
                (returned.case.amount_fen, returned.case.approved_by),
                (None, None)
            );
        }

        #[test]
        fn paying_out_records_the_reference_on_the_timeline() {
            let mut row = case_in(CaseState::Approved);
            row.amount_fen = Some(300_000);
            row.decided_at = Some(500);
            let input = TransitionInput {
                reference: " PAY-0042 ".into(),
                ..TransitionInput::default()
            };
            let paid = apply(
                &row,
                Transition::Disburse,
                CaseState::Disbursed,
                d(2026, 11, 9),
                &input,
            );
            assert_eq!(paid.case.disbursement_ref, "PAY-0042");
            assert_eq!(paid.event_text, "PAY-0042");
            assert_eq!(paid.event_amount_fen, Some(300_000));
            assert_eq!(paid.case.disbursed_at, Some(1_000));
            assert_eq!(
                paid.case.decided_at,
                Some(500),
                "the decision stays as it was"
            );
        }

        #[test]
        fn a_submission_takes_its_number_answers_and_employer() {
            let row = case_in(CaseState::Draft);
            let input = TransitionInput::default();
            let context = TransitionContext {
                actor_id: 1,
                now_ms: 2_000,
                today: d(2026, 11, 9),
                calendar: None,
                time_limit_days: 5,
                several_at_once: false,
                input: &input,
                submission: Some(Submission {
                    answers: "{}".into(),
                    employer_id: Some(9),
                    number: "LJ-2026-000001".into(),
                }),
                asked: Vec::new(),
            };
            let done = effects(
                &row,
                Transition::Submit,
                CaseState::AwaitingEmployer,
                &context,
            )
            .unwrap();
            assert_eq!(done.case.number.as_deref(), Some("LJ-2026-000001"));
            assert_eq!(done.case.employer_id, Some(9));
            assert_eq!(done.case.submitted_at, Some(2_000));
            let without = TransitionContext {
                submission: None,
                asked: Vec::new(),
                ..context
            };
            assert!(effects(&row, Transition::Submit, CaseState::Submitted, &without).is_err());
        }

        /// The transitions that move or count the clock are the ones that load the calendar.
        #[test]
        fn transitions_without_the_calendar_need_none() {
            let row = case_in(CaseState::UnderReview);
            let input = TransitionInput::default();
            for transition in Transition::ALL {
                if transition.needs_calendar() || transition == Transition::Submit {
                    continue;
                }
                for &from in transition.from_states() {
                    let context = TransitionContext {
                        actor_id: 1,
                        now_ms: 0,
                        today: d(2026, 11, 9),
                        calendar: None,
                        time_limit_days: 5,
                        several_at_once: false,
                        input: &input,
                        submission: None,
                        asked: Vec::new(),
                    };
                    let row = CaseRow {
                        state: from.as_str().into(),
                        ..row.clone()
                    };
                    assert!(
                        effects(&row, transition, from, &context).is_ok(),
                        "{transition:?} from {from:?}"
                    );
                }
            }
        }
    }

    /// The SQL lists name exactly the states their rules pick.
    #[test]
    fn sql_state_lists_follow_the_rules() {
        let listed = |pick: fn(&CaseState) -> bool| {
            CaseState::ALL
                .iter()
                .filter(|s| pick(s))
                .map(|s| format!("'{}'", s.as_str()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        assert_eq!(
            QUEUE_STATES
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            listed(|s| s.is_active() && *s != CaseState::Draft)
        );
        assert_eq!(CLOCK_RUNNING_STATES, listed(|s| s.clock_runs()));
        assert_eq!(DECIDED_STATES, listed(|s| s.has_decision()));
    }

    /// The life cycle of PRODUCT.md written out once more, by hand, as
    /// (from, transition, party, to); the generated test below checks the engine
    /// against it for every combination.
    fn allowed() -> Vec<(CaseState, Transition, Party, CaseState)> {
        use CaseState::*;
        use Party::*;
        use Transition::*;
        let mut table = vec![
            (Draft, Submit, Applicant, Submitted),
            (AwaitingEmployer, Confirm, Employer, Confirmed),
            (AwaitingEmployer, Decline, Employer, EmployerDeclined),
            (Submitted, Accept, Staff, UnderReview),
            (Confirmed, Accept, Staff, UnderReview),
            (Submitted, NotAccept, Staff, NotAccepted),
            (Confirmed, NotAccept, Staff, NotAccepted),
            (UnderReview, RequestSupplement, Staff, SupplementRequested),
            (SupplementRequested, Supply, Applicant, UnderReview),
            (UnderReview, Approve, Staff, Approved),
            (PendingSignOff, SignOff, Staff, Approved),
            (PendingSignOff, ReturnToReview, Staff, UnderReview),
            (UnderReview, Reject, Staff, Rejected),
            (Approved, Disburse, Staff, Disbursed),
            (Disbursed, Close, Staff, Closed),
            (Rejected, Close, Staff, Closed),
        ];
        for from in [
            Submitted,
            AwaitingEmployer,
            Confirmed,
            UnderReview,
            SupplementRequested,
        ] {
            table.push((from, Withdraw, Applicant, Withdrawn));
        }
        table
    }

    /// The transitions asked for as a second step are exactly those that end the case in a
    /// refusal or withdrawal (a closed state with no decision to pay out).
    #[test]
    fn refusals_are_the_transitions_that_end_a_case_unpaid() {
        for (_, transition, _, to) in allowed() {
            let ends_unpaid =
                !to.is_active() && !matches!(to, CaseState::Disbursed | CaseState::Closed);
            assert_eq!(transition.refuses(), ends_unpaid, "{transition:?} → {to:?}");
        }
    }

    fn facts() -> CaseFacts {
        CaseFacts {
            needs_employer: false,
            max_amount_fen: Some(1_000_000),
            sign_off_above_fen: None,
            amount_fen: Some(1_000_000),
            approved_by: Some(1),
            employer_confirmed: false,
        }
    }

    fn input() -> TransitionInput {
        TransitionInput {
            reason: "理由".into(),
            amount_fen: Some(1_000_000),
            reference: "PAY-1".into(),
            ..TransitionInput::default()
        }
    }

    #[test]
    fn every_combination_is_allowed_exactly_when_the_life_cycle_says_so() {
        let table = allowed();
        let mut checked = 0;
        for state in CaseState::ALL {
            for transition in Transition::ALL {
                for party in Party::ALL {
                    checked += 1;
                    let expected = table
                        .iter()
                        .find(|(f, t, p, _)| *f == state && *t == transition && *p == party)
                        .map(|(.., to)| *to);
                    let got = next_state(state, transition, party, 2, &facts(), &input());
                    match expected {
                        Some(to) => assert_eq!(got, Ok(to), "{state:?} {transition:?} {party:?}"),
                        None => assert!(
                            got.is_err(),
                            "{state:?} {transition:?} by {party:?} should be refused, got {got:?}"
                        ),
                    }
                }
            }
        }
        assert_eq!(checked, 14 * 14 * 3);
    }

    #[test]
    fn submitting_goes_to_the_employer_when_the_item_needs_confirmation() {
        let facts = CaseFacts {
            needs_employer: true,
            ..facts()
        };
        let next = next_state(
            CaseState::Draft,
            Transition::Submit,
            Party::Applicant,
            1,
            &facts,
            &input(),
        );
        assert_eq!(next, Ok(CaseState::AwaitingEmployer));
        // Opened by the hub for a hire on the job board: the employer has confirmed.
        let confirmed = CaseFacts {
            employer_confirmed: true,
            ..facts
        };
        let next = next_state(
            CaseState::Draft,
            Transition::Submit,
            Party::Applicant,
            1,
            &confirmed,
            &input(),
        );
        assert_eq!(next, Ok(CaseState::Confirmed));
    }

    #[test]
    fn reasons_are_required_where_the_applicant_must_learn_why() {
        for transition in [
            Transition::Reject,
            Transition::RequestSupplement,
            Transition::NotAccept,
        ] {
            let state = transition.from_states()[0];
            let empty = TransitionInput {
                reason: "  ".into(),
                ..input()
            };
            let got = next_state(state, transition, Party::Staff, 1, &facts(), &empty);
            assert_eq!(got, Err(AppError::invalid("reason", "err_reason_required")));
        }
    }

    #[test]
    fn approvals_stay_within_the_items_maximum() {
        let approve = |amount: Option<i64>, max: Option<i64>| {
            let facts = CaseFacts {
                max_amount_fen: max,
                ..facts()
            };
            let input = TransitionInput {
                amount_fen: amount,
                ..input()
            };
            next_state(
                CaseState::UnderReview,
                Transition::Approve,
                Party::Staff,
                1,
                &facts,
                &input,
            )
        };
        assert_eq!(
            approve(Some(1_000_000), Some(1_000_000)),
            Ok(CaseState::Approved)
        );
        assert_eq!(
            approve(Some(1_000_001), Some(1_000_000)),
            Err(AppError::invalid("amount", "err_amount_range"))
        );
        assert_eq!(
            approve(Some(0), Some(1_000_000)),
            Err(AppError::invalid("amount", "err_amount_range"))
        );
        assert_eq!(
            approve(None, Some(1_000_000)),
            Err(AppError::invalid("amount", "err_required"))
        );
        assert_eq!(approve(None, None), Ok(CaseState::Approved));
        assert_eq!(
            approve(Some(5), None),
            Err(AppError::invalid("amount", "err_amount_none"))
        );
    }

    #[test]
    fn large_approvals_need_a_second_pair_of_eyes() {
        let facts = CaseFacts {
            sign_off_above_fen: Some(500_000),
            ..facts()
        };
        let next = next_state(
            CaseState::UnderReview,
            Transition::Approve,
            Party::Staff,
            7,
            &facts,
            &input(),
        );
        assert_eq!(next, Ok(CaseState::PendingSignOff));
        let pending = CaseFacts {
            approved_by: Some(7),
            ..facts
        };
        assert_eq!(
            next_state(
                CaseState::PendingSignOff,
                Transition::SignOff,
                Party::Staff,
                7,
                &pending,
                &input()
            ),
            Err(AppError::invalid("sign_off", "err_four_eyes"))
        );
        assert_eq!(
            next_state(
                CaseState::PendingSignOff,
                Transition::SignOff,
                Party::Staff,
                8,
                &pending,
                &input()
            ),
            Ok(CaseState::Approved)
        );
        // At the limit itself, one approval is enough.
        let at_limit = TransitionInput {
            amount_fen: Some(500_000),
            ..input()
        };
        assert_eq!(
            next_state(
                CaseState::UnderReview,
                Transition::Approve,
                Party::Staff,
                7,
                &facts,
                &at_limit
            ),
            Ok(CaseState::Approved)
        );
    }

    #[test]
    fn money_is_paid_before_the_case_closes() {
        let close = |amount| {
            let facts = CaseFacts {
                amount_fen: amount,
                ..facts()
            };
            next_state(
                CaseState::Approved,
                Transition::Close,
                Party::Staff,
                1,
                &facts,
                &input(),
            )
        };
        assert_eq!(
            close(Some(100)),
            Err(AppError::invalid("close", "err_disburse_first"))
        );
        assert_eq!(close(None), Ok(CaseState::Closed));
        let no_money = CaseFacts {
            amount_fen: None,
            ..facts()
        };
        assert_eq!(
            next_state(
                CaseState::Approved,
                Transition::Disburse,
                Party::Staff,
                1,
                &no_money,
                &input()
            ),
            Err(AppError::invalid("reference", "err_nothing_to_disburse"))
        );
        // A payment reference is a reference, not an essay.
        let long = TransitionInput {
            reference: "P".repeat(501),
            ..input()
        };
        assert_eq!(
            next_state(
                CaseState::Approved,
                Transition::Disburse,
                Party::Staff,
                1,
                &facts(),
                &long
            ),
            Err(AppError::invalid("reference", "err_too_long"))
        );
    }

    #[test]
    fn uploads_are_known_by_their_bytes_and_names_are_made_harmless() {
        assert_eq!(
            sniff_content_type(b"%PDF-1.7\n..."),
            Some("application/pdf")
        );
        assert_eq!(
            sniff_content_type(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some("image/jpeg")
        );
        assert_eq!(
            sniff_content_type(b"\x89PNG\r\n\x1a\n...."),
            Some("image/png")
        );
        assert_eq!(
            sniff_content_type(b"MZ\x90\x00"),
            None,
            "a Windows executable"
        );
        assert_eq!(sniff_content_type(b"\x7fELF"), None);
        assert_eq!(sniff_content_type(b""), None);
        assert_eq!(clean_file_name("../../etc/passwd.pdf"), "passwd.pdf");
        assert_eq!(
            clean_file_name("C:\\Users\\me\\学位证书.pdf"),
            "学位证书.pdf"
        );
        assert_eq!(clean_file_name("..\\.."), "file");
        assert_eq!(clean_file_name("a\"b\nc.pdf"), "abc.pdf");
        assert_eq!(clean_file_name(".hidden.pdf"), "hidden.pdf");
        // Direction controls cannot disguise what a file is.
        assert_eq!(clean_file_name("invoice\u{202E}fdp.exe"), "invoicefdp.exe");
        for c in crate::markup::BIDI_CONTROLS
            .iter()
            .chain(&['\u{2028}', '\u{2029}', '\u{7F}'])
        {
            assert_eq!(clean_file_name(&format!("a{c}b.pdf")), "ab.pdf", "{c:?}");
        }
        assert_eq!(clean_file_name("\u{202E}\u{2066}"), "file");
        // Scripts written right to left keep their letters.
        assert_eq!(clean_file_name("شهادة.pdf"), "شهادة.pdf");
    }

    #[test]
    fn quotas_count_what_is_held_and_what_comes() {
        let quota = UploadQuota {
            files: 2,
            bytes: 100,
            message: "err_case_files_full",
        };
        assert_eq!(quota.admits(1, 60, 40), Ok(()));
        assert_eq!(
            quota.admits(2, 0, 1),
            Err(AppError::invalid("file", "err_case_files_full"))
        );
        assert!(quota.admits(1, 60, 41).is_err());
        const { assert!(CASE_QUOTA.files >= 5 && CONCERN_QUOTA.files >= 5) };
    }

    #[test]
    fn case_numbers_read_well() {
        assert_eq!(case_number(2026, 123), "LJ-2026-000123");
        assert_eq!(case_number(2027, 1_234_567), "LJ-2027-1234567");
    }

    #[test]
    fn decisions_count_working_days_and_lateness() {
        use crate::calendar::model::WorkCalendar;
        use crate::common::date::Date;
        let d = |m, day| Date::new(2026, m, day).unwrap();
        // 2026-10-01..07 is the National Day holiday; 2026-09-30 is a Wednesday.
        let calendar = WorkCalendar::new((1..=7).map(|day| (d(10, day), false)));
        // Accepted Wednesday 30 Sept, decided Thursday 8 Oct: only the 8th is a working day.
        assert_eq!(
            decision_figures(&calendar, d(9, 30), Some(d(10, 9)), d(10, 8)),
            (1, false)
        );
        // Same week: Monday to Friday is four working days on.
        assert_eq!(
            decision_figures(&calendar, d(11, 2), Some(d(11, 5)), d(11, 6)),
            (4, true)
        );
        // No promised date (not accepted): never late.
        assert!(!decision_figures(&calendar, d(11, 2), None, d(11, 30)).1);
    }
}
