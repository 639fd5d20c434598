//! What the administrators' editors of policies and service items share: the life of a
//! document (draft → published → retired, and back), the list entry, and the buttons of an
//! editor form ("intents"), which work as plain form posts without JavaScript.
use crate::common::text::Text;
use serde::{Deserialize, Serialize};

/// Where an editable document stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EditStatus {
    /// Never published; readers cannot see it.
    Draft,
    /// Readers see the published version (there may be unpublished changes too).
    Published,
    /// Taken off the public pages; the text is kept and can be published again.
    Retired,
}

impl EditStatus {
    /// From the `published` flag and `retired_at` column both editable tables share.
    pub fn from_columns(published: i64, retired_at: Option<i64>) -> EditStatus {
        if published == 1 {
            EditStatus::Published
        } else if retired_at.is_some() {
            EditStatus::Retired
        } else {
            EditStatus::Draft
        }
    }
}

/// Codes of items and policies: capitals, digits and hyphens, at most 40 characters.
pub fn valid_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 40
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
}

/// Keys of application form fields: lowercase letters, digits and underscores, at most 40.
pub fn valid_field_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 40
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// A document in an administrator's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminEntry {
    pub code: String,
    pub title: Text,
    pub status: EditStatus,
    /// The working copy differs from what readers see.
    pub has_draft: bool,
    /// The published version number (service items keep every version).
    pub version: i64,
    pub updated_at: i64,
    pub is_demo: bool,
}

/// A document opened in an editor: the working copy and the revision it was read at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Editing<D> {
    pub code: String,
    pub draft: D,
    pub revision: i64,
    pub status: EditStatus,
    pub has_draft: bool,
    pub is_demo: bool,
}

/// The answer to an editor's submission: where the document now is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub code: String,
    pub revision: i64,
    pub status: EditStatus,
    /// The button that was pressed (`save`, `publish`, `retire`, `restore`, `add:…`, …).
    pub done: String,
}

impl Saved {
    /// What the editor says once this is saved: nothing for adding or removing a row,
    /// whose effect is in the form itself.
    pub fn said(&self) -> Option<crate::notice::Done> {
        use crate::notice::Done;
        match Intent::parse(&self.done)? {
            Intent::Save => Some(Done::EditorSaved),
            Intent::Publish => Some(Done::Published),
            Intent::Retire => Some(Done::Retired),
            Intent::Restore => Some(Done::Restored),
            Intent::Add(_) | Intent::Remove(..) => None,
        }
    }
}

/// The button an administrator pressed in an editor. Row buttons name the list and row,
/// e.g. `add:fields` or `remove:fields:2`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Intent {
    Save,
    Publish,
    Retire,
    Restore,
    Add(String),
    Remove(String, usize),
}

impl Intent {
    pub fn parse(value: &str) -> Option<Intent> {
        let mut parts = value.split(':');
        let intent = match (parts.next()?, parts.next(), parts.next()) {
            ("save", None, None) => Intent::Save,
            ("publish", None, None) => Intent::Publish,
            ("retire", None, None) => Intent::Retire,
            ("restore", None, None) => Intent::Restore,
            ("add", Some(list), None) => Intent::Add(list.to_string()),
            ("remove", Some(list), Some(row)) => {
                Intent::Remove(list.to_string(), row.parse().ok()?)
            }
            _ => return None,
        };
        parts.next().is_none().then_some(intent)
    }
}

/// Applies an add or remove button to a list of rows; other intents leave it alone.
pub fn edit_rows<T: Default>(rows: &mut Vec<T>, list: &str, intent: &Intent) {
    match intent {
        Intent::Add(name) if name == list && rows.len() < MAX_ROWS => rows.push(T::default()),
        Intent::Remove(name, row) if name == list && *row < rows.len() => {
            rows.remove(*row);
        }
        _ => {}
    }
}

/// More rows than any real guide needs; keeps a runaway form from growing a document.
pub const MAX_ROWS: usize = 100;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intents_are_read_strictly() {
        assert_eq!(Intent::parse("save"), Some(Intent::Save));
        assert_eq!(
            Intent::parse("add:fields"),
            Some(Intent::Add("fields".into()))
        );
        assert_eq!(
            Intent::parse("remove:rules:3"),
            Some(Intent::Remove("rules".into(), 3))
        );
        assert_eq!(Intent::parse("remove:rules"), None);
        assert_eq!(Intent::parse("remove:rules:x"), None);
        assert_eq!(Intent::parse("save:now"), None);
        assert_eq!(Intent::parse("delete"), None);
    }

    #[test]
    fn rows_are_added_and_removed_by_name() {
        let mut rows = vec![1, 2, 3];
        edit_rows(&mut rows, "fields", &Intent::Remove("fields".into(), 1));
        assert_eq!(rows, vec![1, 3]);
        edit_rows(&mut rows, "fields", &Intent::Remove("rules".into(), 0));
        edit_rows(&mut rows, "fields", &Intent::Remove("fields".into(), 9));
        assert_eq!(rows, vec![1, 3]);
        edit_rows(&mut rows, "fields", &Intent::Add("fields".into()));
        assert_eq!(rows, vec![1, 3, 0]);
    }
}
