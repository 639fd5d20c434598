//! Uploaded files as the stores record them and the download handlers send them: every
//! concept that takes uploads (cases, concerns, jobs, enterprises, incubation) uses these.

/// An upload the server has stored and checked, to be recorded; `case_id` and `field_key`
/// say what it answers (a concern's attachment uses its own key).
#[derive(Clone, Copy)]
pub struct NewFile<'a> {
    pub case_id: i64,
    pub field_key: &'a str,
    pub stored_name: &'a str,
    pub original_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub sha256: &'a str,
    pub uploaded_by: i64,
}

/// A stored file as its download needs it.
pub struct StoredFile {
    pub stored_name: String,
    pub original_name: String,
    pub content_type: String,
}
