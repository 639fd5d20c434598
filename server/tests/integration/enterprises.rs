//! Enterprise verification, on SQLite and PostgreSQL: a new enterprise waits for staff,
//! cannot confirm employment until verified, and is told why when rejected or suspended.
use crate::common;

use app::cases::api::{CaseAction, LoadCase, SaveApplication, StartApplication, SubmitApplication};
use app::cases::model::{Answers, CaseDetail, CaseState, CaseSummary};
use app::catalogue::model::FieldKind;
use app::enterprises::api::{DecideEnterprise, EnterpriseList, MyEnterprise};
use app::enterprises::model::{EnterprisePage, EnterpriseSummary, Verification};
use axum::http::StatusCode;
use common::{TINY_PDF, TestApp, TestResponse};

on_both_databases!(staff_verify_enterprises_before_they_confirm_employment,);

const CODE: &str = "91500000MA5U00000W";
const PASSWORD: &str = "lantern river 2026";

fn ok(response: &TestResponse) {
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
}

async fn mine(app: &TestApp, cookie: &str) -> EnterpriseSummary {
    let response = app.call(MyEnterprise {}, Some(cookie)).await;
    ok(&response);
    serde_json::from_str(&response.body).unwrap()
}

/// The demo talent applies for the graduate subsidy naming the new enterprise.
async fn apply_naming_the_enterprise(app: &TestApp, talent: &str) -> i64 {
    let started = app
        .call(
            StartApplication {
                code: "LJ-GRAD-RESETTLE".into(),
            },
            Some(talent),
        )
        .await;
    ok(&started);
    let id: i64 = started.body.trim().parse().unwrap();
    let case: CaseDetail =
        serde_json::from_str(&app.call(LoadCase { id }, Some(talent)).await.body).unwrap();
    let mut answers = Answers::new();
    for field in &case.item.form {
        let value = match &field.kind {
            FieldKind::File => {
                ok(&app
                    .upload(
                        &format!("/cases/{id}/files/{}", field.key),
                        "合同.pdf",
                        TINY_PDF,
                        talent,
                    )
                    .await);
                continue;
            }
            _ if field.key == "employer_credit_code" => CODE.to_string(),
            FieldKind::Date => "2025-06-30".into(),
            FieldKind::Choice { options } => options[0].value.clone(),
            _ => "测试".into(),
        };
        answers.insert(field.key.clone(), value);
    }
    let saved = app
        .call(
            SaveApplication {
                id,
                version: case.summary.version,
                answers,
                next: String::new(),
            },
            Some(talent),
        )
        .await;
    ok(&saved);
    let submitted = app
        .call(
            SubmitApplication {
                id,
                version: saved.body.trim().parse().unwrap(),
                consent: String::new(),
            },
            Some(talent),
        )
        .await;
    ok(&submitted);
    assert_eq!(
        serde_json::from_str::<CaseSummary>(&submitted.body)
            .unwrap()
            .state,
        CaseState::AwaitingEmployer
    );
    id
}

async fn confirm(app: &TestApp, cookie: &str, id: i64) -> TestResponse {
    let version = {
        let body = app.call(LoadCase { id }, Some(cookie)).await.body;
        serde_json::from_str::<CaseDetail>(&body)
            .unwrap()
            .summary
            .version
    };
    app.call(
        CaseAction {
            id,
            version,
            transition: "confirm".into(),
            reason: String::new(),
            amount_yuan: String::new(),
            reference: String::new(),
            supplement: Default::default(),
        },
        Some(cookie),
    )
    .await
}

async fn staff_verify_enterprises_before_they_confirm_employment(app: TestApp) {
    app::demo::seed(&app.db).await.unwrap();
    let registered = app
        .register(app::accounts::api::RegisterEnterprise {
            org_name: "两江新能源科技有限公司".into(),
            credit_code: CODE.into(),
            contact_person: "刘".into(),
            login: "hr@new-energy.cn".into(),
            password: PASSWORD.into(),
            next: None,
        })
        .await;
    let enterprise = registered.session_cookie().expect("registered");
    let me = mine(&app, &enterprise).await;
    assert_eq!(me.verification, Verification::Pending);
    // The enterprise is told on its inbox page.
    let inbox = app.get_as("/employer/cases", &enterprise).await;
    assert!(inbox.body.contains("verification-banner"), "{}", inbox.body);

    let talent = app
        .sign_in("talent@demo.hub", app::demo::DEMO_PASSWORD)
        .await;
    let case = apply_naming_the_enterprise(&app, &talent).await;
    let refused = confirm(&app, &enterprise, case).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body.contains("err_enterprise_not_verified"));

    // Staff see it waiting; others may not look.
    let staff = app
        .sign_in("staff@demo.hub", app::demo::DEMO_PASSWORD)
        .await;
    assert_eq!(
        app.call(
            EnterpriseList {
                status: "pending".into(),
                page: 0
            },
            Some(&talent)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let pending = app
        .call(
            EnterpriseList {
                status: "pending".into(),
                page: 0,
            },
            Some(&staff),
        )
        .await;
    ok(&pending);
    let pending: EnterprisePage = serde_json::from_str(&pending.body).unwrap();
    let listed = pending
        .items
        .iter()
        .find(|e| e.credit_code == CODE)
        .expect("listed as pending");
    assert!(
        !pending
            .items
            .iter()
            .any(|e| e.credit_code == app::demo::DEMO_CREDIT_CODE),
        "the demo enterprise is verified"
    );

    let enterprise_id = listed.id;
    let page = app.get_as("/staff/enterprises", &staff).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("两江新能源科技有限公司"));
    let no_reason = decide(&app, &staff, enterprise_id, "rejected", "", listed.version).await;
    assert!(no_reason.body.contains("err_reason_required"));
    ok(&decide(&app, &staff, enterprise_id, "verified", "", listed.version).await);
    // A second decision on the old version is refused: someone decided meanwhile.
    assert_eq!(
        decide(
            &app,
            &staff,
            enterprise_id,
            "rejected",
            "重复",
            listed.version
        )
        .await
        .status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        mine(&app, &enterprise).await.verification,
        Verification::Verified
    );

    // Verified, the enterprise confirms the application.
    ok(&confirm(&app, &enterprise, case).await);

    // Suspended with a reason, which the enterprise reads.
    let current = mine(&app, &enterprise).await;
    ok(&decide(
        &app,
        &staff,
        enterprise_id,
        "suspended",
        "营业执照已过期",
        current.version,
    )
    .await);
    let suspended = mine(&app, &enterprise).await;
    assert_eq!(suspended.verification, Verification::Suspended);
    assert_eq!(suspended.note, "营业执照已过期");
    let (audited,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_events WHERE action = 'enterprise_verification'",
    )
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(audited, 2);
}

async fn decide(
    app: &TestApp,
    staff: &str,
    id: i64,
    decision: &str,
    note: &str,
    version: i64,
) -> TestResponse {
    app.call(
        DecideEnterprise {
            id,
            version,
            decision: decision.to_string(),
            note: note.to_string(),
        },
        Some(staff),
    )
    .await
}
