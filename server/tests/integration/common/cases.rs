//! Driving cases through their life cycle as the browser does, for the tests that need
//! real cases (the case tests, the office dashboard and exports).
use super::{TestApp, TestResponse};
use app::cases::api::{CaseAction, LoadCase, SaveApplication, StartApplication, SubmitApplication};
use app::cases::model::*;
use app::catalogue::model::{FieldKind, ServiceItem};
use axum::http::StatusCode;

pub const PASSWORD: &str = app::demo::DEMO_PASSWORD;

pub struct People {
    pub talent: String,
    pub employer: String,
    pub staff: String,
    pub admin: String,
}

pub async fn people(app: &TestApp) -> People {
    app::demo::seed(&app.db).await.expect("demo data");
    People {
        talent: app.sign_in("talent@demo.hub", PASSWORD).await,
        employer: app.sign_in("hr@demo-auto.hub", PASSWORD).await,
        staff: app.sign_in("staff@demo.hub", PASSWORD).await,
        admin: app.sign_in("admin@demo.hub", PASSWORD).await,
    }
}

pub fn ok(response: &TestResponse) {
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
}

/// Valid answers for every field of an item's form.
pub fn valid_answers(item: &ServiceItem) -> Answers {
    valid_answers_for(&item.form)
}

/// Valid answers for each of `fields`.
pub fn valid_answers_for(fields: &[app::catalogue::model::FormField]) -> Answers {
    fields
        .iter()
        .map(|f| {
            let value = match &f.kind {
                _ if f.key == "employer_credit_code" => app::demo::DEMO_CREDIT_CODE.to_string(),
                FieldKind::Text { .. } => "测试".to_string(),
                FieldKind::Number { min, .. } => min.to_string(),
                FieldKind::Money { .. } => "1000".to_string(),
                FieldKind::Date => "2025-06-30".to_string(),
                FieldKind::Choice { options } => options[0].value.clone(),
                FieldKind::YesNo => "yes".to_string(),
                FieldKind::File => "upload-placeholder".to_string(),
            };
            (f.key.clone(), value)
        })
        .collect()
}

pub async fn start(app: &TestApp, cookie: &str, code: &str) -> i64 {
    let response = app
        .call(StartApplication { code: code.into() }, Some(cookie))
        .await;
    ok(&response);
    response.body.trim().parse().unwrap()
}

pub async fn load(app: &TestApp, cookie: &str, id: i64) -> TestResponse {
    app.call(LoadCase { id }, Some(cookie)).await
}

pub async fn detail(app: &TestApp, cookie: &str, id: i64) -> CaseDetail {
    let response = load(app, cookie, id).await;
    ok(&response);
    serde_json::from_str(&response.body).unwrap()
}

/// Uploads a small PDF to every file field of draft `id`'s form.
pub async fn upload_materials(app: &TestApp, cookie: &str, id: i64, item: &ServiceItem) {
    for field in item
        .form
        .iter()
        .filter(|f| matches!(f.kind, FieldKind::File))
    {
        let path = format!("/cases/{id}/files/{}", field.key);
        let uploaded = app.upload(&path, "材料.pdf", super::TINY_PDF, cookie).await;
        ok(&uploaded);
    }
}

/// Starts, fills in and submits an application; returns the case.
pub async fn apply(app: &TestApp, cookie: &str, code: &str) -> CaseDetail {
    let id = start(app, cookie, code).await;
    let case = detail(app, cookie, id).await;
    upload_materials(app, cookie, id, &case.item).await;
    let case = detail(app, cookie, id).await;
    let saved = app
        .call(
            SaveApplication {
                id,
                version: case.summary.version,
                answers: valid_answers(&case.item),
                next: String::new(),
            },
            Some(cookie),
        )
        .await;
    ok(&saved);
    let version = saved.body.trim().parse().expect("the saved version");
    let submitted = app
        .call(
            SubmitApplication {
                id,
                version,
                consent: String::new(),
            },
            Some(cookie),
        )
        .await;
    ok(&submitted);
    detail(app, cookie, id).await
}

pub async fn act(
    app: &TestApp,
    cookie: &str,
    id: i64,
    transition: &str,
    extra: &[(&str, &str)],
) -> TestResponse {
    // The version the actor sees (1 when they may not even see the case).
    let version = serde_json::from_str::<CaseDetail>(&load(app, cookie, id).await.body)
        .map(|case| case.summary.version)
        .unwrap_or(1);
    let extra_value = |name: &str| {
        extra
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.to_string())
            .unwrap_or_default()
    };
    assert!(
        extra
            .iter()
            .all(|(key, _)| ["reason", "amount_yuan", "reference", "approval"].contains(key)),
        "unknown input in {extra:?}"
    );
    let action = CaseAction {
        id,
        version,
        transition: transition.into(),
        reason: extra_value("reason"),
        amount_yuan: extra_value("amount_yuan"),
        reference: extra_value("reference"),
        supplement: SupplementInput {
            approval: extra_value("approval"),
            ..SupplementInput::default()
        },
    };
    app.call(action, Some(cookie)).await
}

pub fn state_of(response: &TestResponse) -> CaseState {
    ok(response);
    serde_json::from_str::<CaseSummary>(&response.body)
        .unwrap()
        .state
}

/// One step of a case's life: (who, transition, input).
type Step<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

/// A case in `state`, brought there through the life cycle by the parties who would (the
/// graduate subsidy, which the employer confirms; the high-level talent award, which they
/// do not, for `Submitted` and the sign-off above a million yuan). Returns its id.
pub async fn case_in(app: &TestApp, p: &People, state: CaseState) -> i64 {
    use CaseState::*;
    let code = match state {
        Submitted | PendingSignOff => "LJ-HIGH-LEVEL",
        _ => "LJ-GRAD-RESETTLE",
    };
    if state == Draft {
        return start(app, &p.talent, code).await;
    }
    let id = apply(app, &p.talent, code).await.summary.id;
    // The steps after submission.
    let (talent, employer, staff) = (p.talent.as_str(), p.employer.as_str(), p.staff.as_str());
    let confirmed: &[Step] = &[(employer, "confirm", &[])];
    let reviewed = [confirmed, &[(staff, "accept", &[])]].concat();
    let approved = [
        &reviewed[..],
        &[(staff, "approve", &[("amount_yuan", "8000")])],
    ]
    .concat();
    let steps: Vec<Step> = match state {
        Draft | Submitted | AwaitingEmployer => vec![],
        Withdrawn => vec![(talent, "withdraw", &[])],
        EmployerDeclined => vec![(employer, "decline", &[("reason", "查无此人")])],
        Confirmed => confirmed.to_vec(),
        NotAccepted => [
            confirmed,
            &[(staff, "not_accept", &[("reason", "不属于受理范围")])],
        ]
        .concat(),
        UnderReview => reviewed,
        SupplementRequested => [
            &reviewed[..],
            &[(staff, "request_supplement", &[("reason", "请补充材料")])],
        ]
        .concat(),
        Rejected => [
            &reviewed[..],
            &[(staff, "reject", &[("reason", "不符合条件")])],
        ]
        .concat(),
        PendingSignOff => vec![
            (staff, "accept", &[]),
            (staff, "approve", &[("amount_yuan", "2000000")]),
        ],
        Approved => approved,
        Disbursed => [
            &approved[..],
            &[(staff, "disburse", &[("reference", "PAY-1")])],
        ]
        .concat(),
        Closed => [&approved[..], &[(staff, "close", &[])]].concat(),
    };
    for (cookie, transition, input) in steps {
        ok(&act(app, cookie, id, transition, input).await);
    }
    assert_eq!(detail(app, &p.staff, id).await.summary.state, state);
    id
}

/// How many of `cookie`'s notifications (first page) tell of `kind` on case `case_id`.
pub async fn told(app: &TestApp, cookie: &str, case_id: i64, kind: &str) -> usize {
    let listed = app
        .call(
            app::notifications::api::MyNotifications { page: 0 },
            Some(cookie),
        )
        .await;
    let page: app::notifications::model::NotificationPage =
        serde_json::from_str(&listed.body).expect(&listed.body);
    page.items
        .iter()
        .filter(|n| n.case_id == Some(case_id) && n.kind == kind)
        .count()
}
