//! Driving cases through their life cycle as the browser does, for the tests that need
//! real cases (the case tests, the office dashboard and exports).
use super::{TestApp, TestResponse};
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
pub fn answers_for(item: &ServiceItem) -> Vec<(String, String)> {
    item.form
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
            (format!("answers[{}]", f.key), value)
        })
        .collect()
}

pub async fn start(app: &TestApp, cookie: &str, code: &str) -> i64 {
    let response = app
        .call("/api/cases/start", &[("code", code)], Some(cookie))
        .await;
    ok(&response);
    response.body.trim().parse().unwrap()
}

pub async fn load(app: &TestApp, cookie: &str, id: i64) -> TestResponse {
    app.call(
        "/api/cases/detail",
        &[("id", &id.to_string())],
        Some(cookie),
    )
    .await
}

pub async fn detail(app: &TestApp, cookie: &str, id: i64) -> CaseDetail {
    let response = load(app, cookie, id).await;
    ok(&response);
    serde_json::from_str(&response.body).unwrap()
}

/// Starts, fills in and submits an application; returns the case.
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

pub async fn apply(app: &TestApp, cookie: &str, code: &str) -> CaseDetail {
    let id = start(app, cookie, code).await;
    let case = detail(app, cookie, id).await;
    upload_materials(app, cookie, id, &case.item).await;
    let case = detail(app, cookie, id).await;
    let id_text = id.to_string();
    let version = case.summary.version.to_string();
    let answers = answers_for(&case.item);
    let mut form: Vec<(&str, &str)> = vec![("id", &id_text), ("version", &version)];
    form.extend(answers.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let saved = app.call("/api/cases/save", &form, Some(cookie)).await;
    ok(&saved);
    let version = saved.body.trim().to_string();
    let submitted = app
        .call(
            "/api/cases/submit",
            &[("id", &id_text), ("version", &version)],
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
        .unwrap_or(1)
        .to_string();
    let id = id.to_string();
    let mut form = vec![
        ("id", id.as_str()),
        ("version", version.as_str()),
        ("transition", transition),
    ];
    form.extend_from_slice(extra);
    app.call("/api/cases/act", &form, Some(cookie)).await
}

pub fn state_of(response: &TestResponse) -> CaseState {
    ok(response);
    serde_json::from_str::<CaseSummary>(&response.body)
        .unwrap()
        .state
}
