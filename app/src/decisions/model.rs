//! Decision notice types and rules (both targets).
use crate::common::codes::DocumentNumber;
use crate::common::text::Text;
use serde::{Deserialize, Serialize};

/// `LJJD-ABCD-EFGH-JKMN-PQRS` (两江决定).
pub const NOTICE_NUMBER: DocumentNumber = DocumentNumber {
    prefix: "LJJD",
    random: 16,
};

/// Days within which the holder may apply for administrative reconsideration
/// (Administrative Reconsideration Law, art. 20).
pub const RECONSIDERATION_DAYS: u32 = 60;
/// Months within which the holder may sue (Administrative Procedure Law, art. 46).
pub const LAWSUIT_MONTHS: u32 = 6;

crate::string_enum! {
    /// What the office decided.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum NoticeKind {
        Approval => "approval",
        Rejection => "rejection",
        NotAccepted => "not_accepted",
    }
}

/// What a notice says, frozen when it is issued.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeContent {
    pub kind: NoticeKind,
    pub case_number: String,
    pub holder_name: String,
    pub item_name: Text,
    pub department: Text,
    /// The amount granted, for an approval that pays.
    pub amount_fen: Option<i64>,
    pub policy_title: Text,
    /// The policy's document number (文号).
    pub document_number: String,
    pub article: u32,
    pub article_title: Text,
    /// The office's reason or remark, as the deciding step recorded it.
    pub reason: String,
    /// The day of the decision (`YYYY-MM-DD`, China).
    pub decided_on: String,
}

/// A notice as its holder and the office read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionNotice {
    pub number: String,
    pub issued_at: i64,
    pub content: NoticeContent,
    /// The number of the notice this one corrects, and why it was corrected.
    pub replaces: Option<String>,
    pub correction_note: String,
    /// When a correction replaced this notice, and by which number.
    pub superseded: Option<Superseded>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Superseded {
    pub by: String,
    pub at: i64,
}

/// A case's notices for the notice page: the current one, those it replaced, and whether
/// the viewer may issue a correction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseNotices {
    pub case_id: i64,
    pub current: DecisionNotice,
    /// Earlier notices of the case, newest first (each superseded).
    pub earlier: Vec<DecisionNotice>,
    pub may_correct: bool,
    /// The QR code of the current notice's verification link, as SVG.
    pub qr_svg: String,
}

/// What `/verify` tells anyone holding a number: enough to tell a real notice from a
/// forged one, nothing more.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    pub number: String,
    pub kind: NoticeKind,
    pub decided_on: String,
    pub issued_at: i64,
    pub item_name: Text,
    pub department: Text,
    /// The holder's name with all but the first character of each word hidden.
    pub holder: String,
    pub superseded: Option<Superseded>,
}

impl Verification {
    pub fn of(notice: &DecisionNotice) -> Verification {
        Verification {
            number: notice.number.clone(),
            kind: notice.content.kind,
            decided_on: notice.content.decided_on.clone(),
            issued_at: notice.issued_at,
            item_name: notice.content.item_name.clone(),
            department: notice.content.department.clone(),
            holder: mask_name(&notice.content.holder_name),
            superseded: notice.superseded.clone(),
        }
    }
}

/// `李明` → `李*`, `欧阳娜娜` → `欧***`, `Wang Fang` → `W*** F***`.
pub fn mask_name(name: &str) -> String {
    name.split_whitespace()
        .map(|word| {
            let mut chars = word.chars();
            let first = chars.next().map(String::from).unwrap_or_default();
            first + &"*".repeat(chars.count())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The verification page's address for `number`, as the QR code carries it.
pub fn verify_path(number: &str) -> String {
    format!("/verify?number={number}")
}

/// The correction of a notice: what the new notice says instead, and why.
pub fn check_correction(
    reason: &str,
    note: &str,
) -> Result<(String, String), crate::error::AppError> {
    let reason = crate::error::check_reason("reason", reason, true)?;
    let note = crate::error::check_reason("note", note, true)?;
    Ok((reason, note))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_holders_name_is_masked_word_by_word() {
        assert_eq!(mask_name("李明"), "李*");
        assert_eq!(mask_name("欧阳娜娜"), "欧***");
        assert_eq!(mask_name("Wang  Fang"), "W*** F***");
        assert_eq!(mask_name("王"), "王");
        assert_eq!(mask_name(""), "");
    }

    #[test]
    fn notice_numbers_are_random_and_read_leniently() {
        assert_eq!(
            NOTICE_NUMBER
                .normalize("ljjd abcd efgh jkmn pqrs")
                .as_deref(),
            Some("LJJD-ABCD-EFGH-JKMN-PQRS")
        );
        assert_eq!(NOTICE_NUMBER.normalize("LJTC-ABCD-EFGH-JKMN-PQRS"), None);
    }

    #[test]
    fn a_correction_needs_the_new_text_and_its_reason() {
        assert!(check_correction("金额依据第五条", "原决定书引用条款有误").is_ok());
        assert_eq!(
            check_correction(" ", "原决定书引用条款有误").unwrap_err(),
            crate::error::AppError::invalid("reason", "err_reason_required")
        );
        assert_eq!(
            check_correction("金额依据第五条", "").unwrap_err(),
            crate::error::AppError::invalid("note", "err_reason_required")
        );
    }
}
