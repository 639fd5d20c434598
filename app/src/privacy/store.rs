//! Reading one account's data for its owner (ssr only).
use super::model::{PersonalData, Section};
use crate::db::{Db, now_ms};
use crate::error::AppError;
use serde_json::{Map, Value};
use sqlx::{Column, Row};

/// Each kind of record, and the query that reads it for the account `$1`. Every query
/// names its columns: what the hub keeps *about* a record rather than *of* the person
/// (password and session hashes, stored file names, staff-only notes) stays out, and a
/// column added later is exported only once it is listed here.
pub const SECTIONS: &[(&str, &str)] = &[
    (
        "account",
        "SELECT id, role, email, phone, display_name, org_name, credit_code, contact_person, \
         status, verification, created_at, updated_at, password_changed_at \
         FROM accounts WHERE id = $1",
    ),
    (
        "profile",
        "SELECT full_name, id_type, birth_date, nationality, education, university, major, \
         graduation_date, employer_name, employer_in_district, first_employment, industry, tier, \
         updated_at FROM talent_profiles WHERE account_id = $1",
    ),
    (
        "sessions",
        "SELECT created_at, last_seen_at, expires_at, user_agent, ip FROM sessions \
         WHERE account_id = $1 ORDER BY created_at",
    ),
    (
        "cases",
        "SELECT number, item_code, state, answers, amount_fen, submitted_at, accepted_on, due_on, \
         decided_at, disbursed_at, rating, rating_comment, rated_at, created_at, updated_at \
         FROM cases WHERE applicant_id = $1 ORDER BY id",
    ),
    (
        "case_timeline",
        "SELECT c.number AS case_number, e.at, e.kind, e.from_state, e.to_state, e.text, e.amount_fen \
         FROM case_events e JOIN cases c ON c.id = e.case_id \
         WHERE c.applicant_id = $1 AND e.public = 1 ORDER BY e.id",
    ),
    (
        "case_files",
        "SELECT c.number AS case_number, f.field_key, f.original_name, f.content_type, f.size_bytes, \
         f.sha256, f.uploaded_at FROM case_files f JOIN cases c ON c.id = f.case_id \
         WHERE c.applicant_id = $1 ORDER BY f.id",
    ),
    (
        "bundle_applications",
        "SELECT bundle_code, number, state, submitted_at, created_at FROM bundle_applications \
         WHERE applicant_id = $1 ORDER BY id",
    ),
    (
        "notifications",
        "SELECT at, kind, subject, link, read_at FROM notifications WHERE account_id = $1 ORDER BY id",
    ),
    (
        "concerns",
        "SELECT number, kind, contact_name, contact_email, subject, body, state, client_ip, \
         rating, rating_comment, created_at, updated_at FROM concerns \
         WHERE requester_id = $1 ORDER BY id",
    ),
    (
        "concern_messages",
        "SELECT c.number AS concern_number, m.at, m.action, m.text \
         FROM concern_messages m JOIN concerns c ON c.id = m.concern_id \
         WHERE c.requester_id = $1 AND m.public = 1 ORDER BY m.id",
    ),
    (
        "job_applications",
        "SELECT a.post_id, p.title_zh, p.title_en, a.state, a.note, a.cv_original_name, \
         a.cv_size_bytes, a.cv_sha256, a.created_at, a.updated_at \
         FROM job_applications a JOIN job_posts p ON p.id = a.post_id \
         WHERE a.talent_id = $1 ORDER BY a.id",
    ),
    (
        "job_alerts",
        "SELECT q, industry, education, salary, created_at FROM job_alerts \
         WHERE talent_id = $1 ORDER BY id",
    ),
    (
        "event_registrations",
        "SELECT r.event_id, e.title_zh, e.title_en, r.state, r.checked_in_at, r.created_at \
         FROM event_registrations r JOIN events e ON e.id = r.event_id \
         WHERE r.account_id = $1 ORDER BY r.id",
    ),
    (
        "incubation_teams",
        "SELECT t.name, m.state, m.invited_at, m.responded_at \
         FROM team_members m JOIN incubation_teams t ON t.id = m.team_id \
         WHERE m.account_id = $1 ORDER BY m.id",
    ),
    (
        "qualification_alerts",
        "SELECT item_code, told_at FROM qualification_alerts WHERE account_id = $1 ORDER BY told_at",
    ),
    (
        "qualification_optout",
        "SELECT at FROM qualification_optouts WHERE account_id = $1",
    ),
    (
        "enterprise_licence",
        "SELECT original_name, content_type, size_bytes, sha256, uploaded_at \
         FROM enterprise_licences WHERE account_id = $1",
    ),
    (
        "audit_log",
        "SELECT at, action, ip, outcome, detail FROM audit_events \
         WHERE actor_id = $1 OR subject_id = $1 ORDER BY id",
    ),
];

/// Everything [`SECTIONS`] reads for `account_id`, with the profile's ID number decrypted
/// (it is theirs; at rest it is encrypted).
pub async fn personal_data(db: &Db, account_id: i64) -> Result<PersonalData, AppError> {
    let mut sections = Vec::with_capacity(SECTIONS.len());
    for (name, sql) in SECTIONS {
        let rows = sqlx::query(sql)
            .bind(account_id)
            .fetch_all(db.reader())
            .await?;
        let mut records: Vec<Map<String, Value>> = rows.iter().map(record).collect();
        if *name == "profile"
            && let (Some(profile), Some((_, id_number))) = (
                records.first_mut(),
                crate::profile::store::load(db, account_id).await?,
            )
        {
            profile.insert("id_number".into(), Value::String(id_number));
        }
        sections.push(Section {
            name: name.to_string(),
            records,
        });
    }
    Ok(PersonalData {
        account_id,
        generated_at_ms: now_ms(),
        sections,
    })
}

/// A row as field → value: integers, text, or null.
fn record(row: &sqlx::any::AnyRow) -> Map<String, Value> {
    let mut fields = Map::new();
    for (i, column) in row.columns().iter().enumerate() {
        let value = if let Ok(n) = row.try_get::<Option<i64>, _>(i) {
            n.map_or(Value::Null, Value::from)
        } else if let Ok(text) = row.try_get::<Option<String>, _>(i) {
            text.map_or(Value::Null, Value::String)
        } else if let Ok(x) = row.try_get::<Option<f64>, _>(i) {
            x.map_or(Value::Null, Value::from)
        } else {
            Value::Null
        };
        fields.insert(column.name().to_string(), value);
    }
    fields
}
