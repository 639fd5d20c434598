//! A person downloads everything the hub holds about them (PIPL art. 45): their own data
//! only, as JSON or CSV, without the hub's own secrets or staff-only notes, and the
//! download is in the audit log.
use crate::common;

use app::cases::model::CaseState;
use app::privacy::model::PersonalData;
use app::privacy::store::SECTIONS;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::TestApp;
use common::cases::{case_in, people};

async fn a_person_downloads_their_own_data_and_only_theirs(app: TestApp) {
    app::demo::seed(&app.db).await.expect("demo data");
    let p = people(&app).await;
    let case = case_in(&app, &p, CaseState::UnderReview).await;
    sqlx::query(
        "INSERT INTO case_events (case_id, at, kind, public, text) VALUES ($1, $2, 'note', 0, 'staff-only remark')",
    )
    .bind(case)
    .bind(app::db::now_ms())
    .execute(app.db.writer())
    .await
    .unwrap();
    let (number, talent): (String, i64) =
        sqlx::query_as("SELECT number, applicant_id FROM cases WHERE id = $1")
            .bind(case)
            .fetch_one(app.db.reader())
            .await
            .unwrap();

    let json = app.get_as("/account/data.json", &p.talent).await;
    assert_eq!(json.status, StatusCode::OK, "{}", json.body);
    assert!(
        json.header("content-disposition")
            .starts_with("attachment; filename=\"liangjiang-hub-my-data-")
    );
    assert_eq!(json.header("cache-control"), "no-store");
    let data: PersonalData = serde_json::from_str(&json.body).expect("the JSON form");
    assert_eq!(data.account_id, talent);
    let field = |section: &str, name: &str| -> Vec<String> {
        data.section(section)
            .unwrap_or_else(|| panic!("no section {section}"))
            .records
            .iter()
            .filter_map(|r| {
                r.get(name)
                    .map(|v| v.as_str().map_or(v.to_string(), str::to_string))
            })
            .collect()
    };
    assert_eq!(field("account", "email"), ["talent@demo.hub"]);
    assert!(field("cases", "number").contains(&number));
    assert!(!field("case_timeline", "kind").is_empty());
    assert!(!field("sessions", "ip").is_empty(), "the sign-in's session");
    assert!(field("audit_log", "action").contains(&"sign_in".to_string()));
    if let Some((_, id_number)) = app::profile::store::load(&app.db, talent).await.unwrap() {
        assert_eq!(
            field("profile", "id_number"),
            [id_number],
            "decrypted, it is theirs"
        );
    }
    for secret in [
        "staff-only remark",
        "$argon2",
        "password_hash",
        "id_hash",
        "stored_name",
    ] {
        assert!(
            !json.body.contains(secret),
            "{secret} must not be in the download"
        );
    }
    assert!(
        !json.body.contains("hr@demo-auto.hub"),
        "nobody else's data"
    );

    let csv = app.get_as("/account/data.csv", &p.talent).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.header("content-type").starts_with("text/csv"));
    assert!(csv.body.starts_with('\u{feff}'), "Excel reads it as UTF-8");
    assert!(
        csv.body
            .contains("\"account\",1,\"email\",\"talent@demo.hub\""),
        "{}",
        csv.body
    );
    assert!(
        csv.body
            .contains(&format!("\"cases\",1,\"number\",\"{number}\""))
    );

    let (audited,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_events WHERE action = 'data_exported' AND actor_id = $1 \
         AND detail LIKE 'own data%'",
    )
    .bind(talent)
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(audited, 2, "each download is audited");

    let anonymous = app
        .send(
            Request::get("/account/data.json")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert_eq!(anonymous.header("location"), "/signin?next=/account");
    let cross_site = app
        .send(
            Request::get("/account/data.json")
                .header("cookie", &p.talent)
                .header("sec-fetch-site", "cross-site")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(cross_site.status, StatusCode::FORBIDDEN);
    let other = app.get_as("/account/data.xml", &p.talent).await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
}

/// Tables whose rows belong to a person but are deliberately not in the download.
const NOT_DOWNLOADED: &[(&str, &str)] = &[
    (
        "id_search_keys",
        "keyed hashes of the ID number, which the profile section holds",
    ),
    (
        "call_reviewers",
        "staff assigned to review an incubation call: office work",
    ),
];

/// Every table that names a person (`account_id`, `applicant_id`, `talent_id`,
/// `requester_id`) is in a section of the download, or deliberately left out: a new table
/// of personal data cannot be forgotten.
#[test]
fn every_table_of_personal_data_is_in_the_download() {
    common::run(async {
        let app = TestApp::start(common::Backend::Sqlite).await;
        let tables: Vec<(String,)> = sqlx::query_as(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )
        .fetch_all(app.db.reader())
        .await
        .unwrap();
        let read = SECTIONS
            .iter()
            .map(|(_, sql)| *sql)
            .collect::<Vec<_>>()
            .join(" ");
        let mut missing = Vec::new();
        let mut personal = 0;
        for (table,) in tables {
            let columns: Vec<(String, String)> = sqlx::query_as(&format!(
                "SELECT \"from\", \"table\" FROM pragma_foreign_key_list('{table}')"
            ))
            .fetch_all(app.db.reader())
            .await
            .unwrap();
            let names_a_person = columns.iter().any(|(column, target)| {
                target == "accounts"
                    && ["account_id", "applicant_id", "talent_id", "requester_id"]
                        .contains(&column.as_str())
            });
            personal += usize::from(names_a_person);
            let in_download = read.contains(&format!("FROM {table} "))
                || read.contains(&format!("JOIN {table} "));
            if names_a_person && !in_download && !NOT_DOWNLOADED.iter().any(|(t, _)| *t == table) {
                missing.push(table);
            }
        }
        assert!(
            personal >= 10,
            "only {personal} tables name a person: the check found none"
        );
        assert!(
            missing.is_empty(),
            "not in app::privacy::store::SECTIONS: {missing:?}"
        );
    });
}

on_both_databases!(a_person_downloads_their_own_data_and_only_theirs);
