//! What a download of one's own data holds, and its two forms.
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Everything the hub holds about one account, by kind of record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonalData {
    pub account_id: i64,
    /// When the download was made (unix milliseconds).
    pub generated_at_ms: i64,
    pub sections: Vec<Section>,
}

/// One kind of record (`cases`, `sessions`, …) and each record of it, field by field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub name: String,
    pub records: Vec<Map<String, Value>>,
}

/// The columns of the CSV form: one line per field of each record, so every kind of
/// record fits one sheet.
pub const CSV_HEADER: &[&str] = &["section", "record", "field", "value"];

impl PersonalData {
    pub fn section(&self, name: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.name == name)
    }

    /// The CSV lines: (section, record number from 1, field, value as text).
    pub fn csv_lines(&self) -> Vec<(&str, usize, &str, String)> {
        let mut lines = Vec::new();
        for section in &self.sections {
            for (n, record) in section.records.iter().enumerate() {
                for (field, value) in record {
                    let text = match value {
                        Value::Null => String::new(),
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    lines.push((section.name.as_str(), n + 1, field.as_str(), text));
                }
            }
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_csv_form_has_a_line_per_field() {
        let mut record = Map::new();
        record.insert("email".into(), Value::String("a@example.cn".into()));
        record.insert("phone".into(), Value::Null);
        record.insert("created_at".into(), Value::from(17));
        let data = PersonalData {
            account_id: 1,
            generated_at_ms: 0,
            sections: vec![Section {
                name: "account".into(),
                records: vec![record],
            }],
        };
        let lines = data.csv_lines();
        assert_eq!(lines.len(), 3);
        assert!(lines.contains(&("account", 1, "email", "a@example.cn".into())));
        assert!(lines.contains(&("account", 1, "phone", String::new())));
        assert!(lines.contains(&("account", 1, "created_at", "17".into())));
    }
}
