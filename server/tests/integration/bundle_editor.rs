//! The catalogue editor's bundles on SQLite and PostgreSQL: only administrators compose
//! them; a draft is not public; publishing checks the items (two to eight published
//! services for talents); a stale edit is refused; retiring takes the bundle off the public
//! pages and the eligibility check; the demo data never undoes an administrator's edit.
use crate::common;

use app::bundles::api::{BundleFits, BundleForEdit, BundleList, EditBundle, StartBundle};
use app::bundles::model::{Bundle, BundleDraft, BundleEditing, BundleFit};
use app::editing::{EditStatus, Saved};
use app::eligibility::model::{Education, Profile, Verdict};
use axum::http::StatusCode;
use common::{TestApp, TestResponse};

on_both_databases!(
    administrators_compose_publish_and_retire_a_bundle,
    only_administrators_edit_bundles_and_the_demo_keeps_their_edits,
);

const ADMIN: &str = "admin@demo.hub";
const PASSWORD: &str = app::demo::DEMO_PASSWORD;
const CODE: &str = "LJ-NEW-TALENT";

fn saved(response: &TestResponse) -> Saved {
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

fn error_of(response: &TestResponse) -> (StatusCode, String, String) {
    let error: app::error::AppError = serde_json::from_str(&response.body).unwrap();
    (
        response.status,
        error.field().unwrap_or_default().to_string(),
        error.message_key().to_string(),
    )
}

async fn load(app: &TestApp, cookie: &str, code: &str) -> BundleEditing {
    let response = app
        .call(BundleForEdit { code: code.into() }, Some(cookie))
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

/// The editor's form as the browser posts it: only ticked boxes are sent, under the index
/// of their row, so the indices have gaps.
async fn post_editor(
    app: &TestApp,
    cookie: &str,
    code: &str,
    revision: i64,
    intent: &str,
    draft: &BundleDraft,
    rows: &[usize],
) -> TestResponse {
    let revision = revision.to_string();
    let names: Vec<String> = rows.iter().map(|i| format!("draft[items][{i}]")).collect();
    let mut form = vec![
        ("code", code),
        ("revision", revision.as_str()),
        ("intent", intent),
        ("draft[code]", draft.code.as_str()),
        ("draft[name_zh]", draft.name_zh.as_str()),
        ("draft[name_en]", draft.name_en.as_str()),
        ("draft[summary_zh]", draft.summary_zh.as_str()),
        ("draft[summary_en]", draft.summary_en.as_str()),
    ];
    for (name, item) in names.iter().zip(&draft.items) {
        form.push((name.as_str(), item.as_str()));
    }
    app.post_form("/api/admin/bundles/edit", &form, Some(cookie))
        .await
}

async fn offered(app: &TestApp) -> Vec<Bundle> {
    let response = app.call(BundleList {}, None).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

async fn fits(app: &TestApp) -> Vec<BundleFit> {
    let profile = Profile {
        education: Some(Education::Master),
        ..Profile::default()
    };
    let response = app.call(BundleFits { profile }, None).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

async fn administrators_compose_publish_and_retire_a_bundle(app: TestApp) {
    app::demo::seed(&app.db).await.expect("demo data");
    let cookie = app.sign_in(ADMIN, PASSWORD).await;
    let blank = load(&app, &cookie, "").await;
    let codes: Vec<&str> = blank.choices.iter().map(|c| c.code.as_str()).collect();
    assert!(codes.contains(&"LJ-TALENT-CARD") && codes.contains(&"LJ-HOUSING"));
    assert!(
        !codes.contains(&"LJ-ENTERPRISE-RECRUIT"),
        "an enterprise's service cannot go into a talent's bundle: {codes:?}"
    );
    let card = codes.iter().position(|c| *c == "LJ-TALENT-CARD").unwrap();
    let housing = codes.iter().position(|c| *c == "LJ-HOUSING").unwrap();

    // A new bundle is saved as a draft nobody else sees.
    let mut draft = BundleDraft {
        code: CODE.into(),
        name_zh: "新来人才一件事 <script>alert(1)</script>".into(),
        name_en: "New in Liangjiang".into(),
        summary_zh: "人才卡和租房补贴一次办。".into(),
        summary_en: "The talent card and the rental subsidy at once.".into(),
        items: vec!["LJ-TALENT-CARD".into()],
    };
    let first = saved(&post_editor(&app, &cookie, "", 0, "save", &draft, &[card]).await);
    assert_eq!(first.status, EditStatus::Draft);
    assert!(!offered(&app).await.iter().any(|b| b.code == CODE));
    assert_eq!(
        app.get(&format!("/bundles/{CODE}")).await.status,
        StatusCode::NOT_FOUND
    );
    let taken = post_editor(&app, &cookie, "", 0, "save", &draft, &[card]).await;
    assert_eq!(
        error_of(&taken),
        (
            StatusCode::BAD_REQUEST,
            "draft[code]".into(),
            "err_code_taken".into()
        )
    );

    // One item is not a bundle: refused, naming the tick boxes, and nothing typed is lost.
    let one = post_editor(
        &app,
        &cookie,
        CODE,
        first.revision,
        "publish",
        &draft,
        &[card],
    )
    .await;
    assert_eq!(
        error_of(&one),
        (
            StatusCode::BAD_REQUEST,
            "draft[items]".into(),
            "err_bundle_items".into()
        )
    );
    let reopened = load(&app, &cookie, CODE).await;
    assert_eq!(reopened.editing.draft.name_en, "New in Liangjiang");
    assert_eq!(reopened.editing.status, EditStatus::Draft);
    assert_eq!(reopened.choices[0].code, "LJ-TALENT-CARD", "ticked first");

    // An editor who read an older revision is told it changed meanwhile.
    let stale = post_editor(&app, &cookie, CODE, first.revision, "save", &draft, &[card]).await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);

    // Housing ticked further down the list: published with both, in the editor's order.
    draft.items.push("LJ-HOUSING".into());
    let published = saved(
        &post_editor(
            &app,
            &cookie,
            CODE,
            reopened.editing.revision,
            "publish",
            &draft,
            &[0, housing],
        )
        .await,
    );
    assert_eq!(published.status, EditStatus::Published);
    let bundle = offered(&app)
        .await
        .into_iter()
        .find(|b| b.code == CODE)
        .expect("offered once published");
    assert_eq!(bundle.items, ["LJ-TALENT-CARD", "LJ-HOUSING"]);
    let guide = app.get(&format!("/bundles/{CODE}")).await;
    assert_eq!(guide.status, StatusCode::OK);
    assert!(guide.body.contains("New in Liangjiang") || guide.body.contains("新来人才一件事"));
    assert!(
        !guide.body.contains("<script>alert(1)"),
        "the name is escaped in the page and its title"
    );
    let fit = fits(&app)
        .await
        .into_iter()
        .find(|f| f.code == CODE)
        .expect("the eligibility check names the bundle");
    // Item by item, as each item's own check says for the same facts.
    let today = app::common::date::today_in_china(app::db::now_ms());
    let profile = Profile {
        education: Some(Education::Master),
        ..Profile::default()
    };
    let mut expected: Vec<(String, Verdict)> = Vec::new();
    for code in ["LJ-TALENT-CARD", "LJ-HOUSING"] {
        let item = app::catalogue::store::find_published(&app.db, code)
            .await
            .unwrap()
            .unwrap();
        let verdict = app::eligibility::model::evaluate(&item.rules, &profile, today).verdict;
        expected.push((code.to_string(), verdict));
    }
    let got: Vec<(String, Verdict)> = fit.items.iter().map(|(c, _, v)| (c.clone(), *v)).collect();
    assert_eq!(got, expected);
    let listed = app.get_as("/admin/services", &cookie).await;
    assert!(listed.body.contains(&format!("/admin/bundles/{CODE}/edit")));

    // Retired: off the public pages and the eligibility check; nobody can start it.
    let editing = load(&app, &cookie, CODE).await;
    let retired = saved(
        &post_editor(
            &app,
            &cookie,
            CODE,
            editing.editing.revision,
            "retire",
            &editing.editing.draft,
            &[0, 1],
        )
        .await,
    );
    assert_eq!(retired.status, EditStatus::Retired);
    assert!(!offered(&app).await.iter().any(|b| b.code == CODE));
    assert!(!fits(&app).await.iter().any(|f| f.code == CODE));
    assert_eq!(
        app.get(&format!("/bundles/{CODE}")).await.status,
        StatusCode::NOT_FOUND
    );
    let talent = app.sign_in("talent@demo.hub", PASSWORD).await;
    let start = app
        .call(StartBundle { code: CODE.into() }, Some(&talent))
        .await;
    assert_eq!(start.status, StatusCode::NOT_FOUND, "{}", start.body);

    // Put back, and every act is in the audit log.
    let editing = load(&app, &cookie, CODE).await;
    let restored = saved(
        &post_editor(
            &app,
            &cookie,
            CODE,
            editing.editing.revision,
            "restore",
            &editing.editing.draft,
            &[0, 1],
        )
        .await,
    );
    assert_eq!(restored.status, EditStatus::Published);
    assert!(offered(&app).await.iter().any(|b| b.code == CODE));
    let (audited,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_events WHERE detail = $1 AND actor_id IS NOT NULL",
    )
    .bind(format!("bundle {CODE}"))
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(audited, 3, "published, retired, restored");
}

async fn only_administrators_edit_bundles_and_the_demo_keeps_their_edits(app: TestApp) {
    app::demo::seed(&app.db).await.expect("demo data");
    let anonymous = app
        .call(
            BundleForEdit {
                code: "LJ-SETTLE-IN".into(),
            },
            None,
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    let draft = BundleDraft {
        name_zh: "篡改".into(),
        ..BundleDraft::default()
    };
    for login in ["talent@demo.hub", "staff@demo.hub", "hr@demo-auto.hub"] {
        let cookie = app.sign_in(login, PASSWORD).await;
        let load = app
            .post_form(
                "/api/admin/bundles/load",
                &[("code", "LJ-SETTLE-IN")],
                Some(&cookie),
            )
            .await;
        assert_eq!(load.status, StatusCode::FORBIDDEN, "{login}");
        let edit = app
            .call(
                EditBundle {
                    code: "LJ-SETTLE-IN".into(),
                    revision: 1,
                    intent: "publish".into(),
                    draft: draft.clone(),
                },
                Some(&cookie),
            )
            .await;
        assert_eq!(edit.status, StatusCode::FORBIDDEN, "{login}");
        let page = app
            .get_as("/admin/bundles/LJ-SETTLE-IN/edit", &cookie)
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{login}");
    }

    // An administrator renames the demo bundle and takes the schooling item out.
    let cookie = app.sign_in(ADMIN, PASSWORD).await;
    let editing = load(&app, &cookie, "LJ-SETTLE-IN").await;
    assert!(editing.editing.is_demo);
    assert_eq!(editing.editing.status, EditStatus::Published);
    let mut draft = editing.editing.draft.clone();
    draft.name_en = "Settling in, edited".into();
    draft.items.retain(|code| code != "LJ-SCHOOLING");
    let rows: Vec<usize> = (0..draft.items.len()).collect();
    let published = saved(
        &post_editor(
            &app,
            &cookie,
            "LJ-SETTLE-IN",
            editing.editing.revision,
            "publish",
            &draft,
            &rows,
        )
        .await,
    );
    assert_eq!(published.status, EditStatus::Published);

    // The demo data runs again on the next start and leaves the edit alone.
    app::demo::seed(&app.db).await.expect("demo data");
    let bundle = app::bundles::store::find_offered(&app.db, "LJ-SETTLE-IN")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(bundle.name.en, "Settling in, edited");
    assert_eq!(bundle.items.len(), 3);
    assert!(bundle.is_demo, "still marked as demo content");
}
