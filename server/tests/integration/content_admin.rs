//! The policy library and the administrators' editors, on SQLite and PostgreSQL: who may
//! edit, drafts that readers do not see, publishing as a new version, refusing rules over
//! unknown facts, stale edits, retiring and putting back.
use crate::common;

use app::catalogue::api::{EditService, ServiceForEdit};
use app::catalogue::draft::{FieldDraft, ItemDraft, RuleDraft};
use app::editing::{EditStatus, Editing, Saved};
use app::policies::api::{EditPolicy, SearchPolicies};
use app::policies::model::{ArticleDraft, PolicyDraft, PolicyPage, PolicyQuery};
use axum::http::StatusCode;
use common::{TestApp, TestResponse};

on_both_databases!(
    the_policy_library_lists_and_shows_documents,
    only_administrators_reach_the_editors,
    editing_an_item_leaves_readers_and_earlier_versions_alone,
    a_rule_over_an_unknown_fact_is_refused_and_nothing_typed_is_lost,
    items_are_retired_and_put_back,
    administrators_create_a_policy_and_an_item_resting_on_it,
);

const ADMIN: &str = "admin@demo.hub";
const PASSWORD: &str = app::demo::DEMO_PASSWORD;

async fn seeded(app: &TestApp) {
    app::demo::seed(&app.db).await.expect("demo data");
}

async fn search_policies(app: &TestApp, q: &str) -> PolicyPage {
    let response = app
        .call(
            SearchPolicies {
                query: PolicyQuery {
                    q: q.to_string(),
                    page: 0,
                },
            },
            None,
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

async fn the_policy_library_lists_and_shows_documents(app: TestApp) {
    seeded(&app).await;
    let all = search_policies(&app, "").await;
    let mut codes: Vec<_> = all.items.iter().map(|p| p.code.as_str()).collect();
    codes.sort();
    assert_eq!(
        codes,
        [
            "LJ-EDU-2024",
            "LJ-HEALTH-2024",
            "LJ-HL-2024",
            "LJ-SKILL-2024",
            "LJ-TEN-2024"
        ]
    );
    assert!(all.items.iter().all(|p| p.is_demo));
    let ten = all.items.iter().find(|p| p.code == "LJ-TEN-2024").unwrap();
    assert_eq!(ten.article_count, 10);
    assert_eq!(
        search_policies(&app, "ten articles").await.items[0].code,
        "LJ-TEN-2024"
    );
    assert_eq!(
        search_policies(&app, "十条").await.items[0].code,
        "LJ-TEN-2024"
    );
    assert!(
        search_policies(&app, "no such policy")
            .await
            .items
            .is_empty()
    );

    // Every demo service rests on an existing article.
    for item in app::catalogue::store::all_published(&app.db).await.unwrap() {
        let policy = app::policies::store::find_published(&app.db, &item.policy_code)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("{} cites a missing policy", item.code));
        assert!(
            policy.article(item.article).is_some(),
            "{} cites a missing article",
            item.code
        );
    }

    let page = app.get("/policies/LJ-EDU-2024").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("id=\"article-3\""));
    // Article 3 links to the graduate subsidy resting on it.
    let article_3 = &page.body[page.body.find("id=\"article-3\"").unwrap()..];
    let article_3 = &article_3[..article_3.find("</section>").unwrap()];
    assert!(
        article_3.contains("/services/LJ-GRAD-RESETTLE"),
        "{article_3}"
    );
    assert!(
        page.body.contains("演示内容"),
        "the document is marked as demo content"
    );
    // The guide links back to the article.
    let guide = app.get("/services/LJ-GRAD-RESETTLE").await;
    assert!(guide.body.contains("/policies/LJ-EDU-2024#article-3"));
    assert_eq!(
        app.get("/policies/LJ-NOTHING").await.status,
        StatusCode::NOT_FOUND
    );
    let list = app.get("/policies?q=%E5%8D%81%E6%9D%A1").await;
    assert!(list.body.contains("/policies/LJ-TEN-2024"));
    assert!(!list.body.contains("/policies/LJ-EDU-2024"));
}

async fn load_item(app: &TestApp, cookie: &str, code: &str) -> Editing<ItemDraft> {
    let response = app
        .call(
            ServiceForEdit {
                code: code.to_string(),
            },
            Some(cookie),
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

async fn edit_item(
    app: &TestApp,
    cookie: &str,
    code: &str,
    revision: i64,
    intent: &str,
    draft: &ItemDraft,
) -> TestResponse {
    app.call(
        EditService {
            code: code.to_string(),
            revision,
            intent: intent.to_string(),
            draft: draft.clone(),
        },
        Some(cookie),
    )
    .await
}

fn saved(response: &TestResponse) -> Saved {
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

fn error_of(response: &TestResponse) -> (String, String) {
    let error: app::error::AppError = serde_json::from_str(&response.body).unwrap();
    (
        error.field().unwrap_or_default().to_string(),
        error.message_key().to_string(),
    )
}

async fn only_administrators_reach_the_editors(app: TestApp) {
    seeded(&app).await;
    let anonymous = app
        .call(
            ServiceForEdit {
                code: "LJ-GRAD-RESETTLE".into(),
            },
            None,
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    for login in ["talent@demo.hub", "staff@demo.hub", "hr@demo-auto.hub"] {
        let cookie = app.sign_in(login, PASSWORD).await;
        for path in ["/api/admin/services/load", "/api/admin/policies/load"] {
            let response = app
                .post_form(path, &[("code", "LJ-GRAD-RESETTLE")], Some(&cookie))
                .await;
            assert_eq!(response.status, StatusCode::FORBIDDEN, "{login} {path}");
        }
        let draft = ItemDraft {
            name_zh: "篡改".into(),
            ..ItemDraft::default()
        };
        let response = edit_item(&app, &cookie, "LJ-GRAD-RESETTLE", 1, "publish", &draft).await;
        assert_eq!(response.status, StatusCode::FORBIDDEN, "{login}");
        let page = app.get_as("/admin/services", &cookie).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{login}");
    }
    let published = app::catalogue::store::find_published(&app.db, "LJ-GRAD-RESETTLE")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(published.name.zh, "高校毕业生安家补贴");
}

fn new_field() -> FieldDraft {
    FieldDraft {
        key: "graduation_year".into(),
        label_zh: "毕业年份".into(),
        label_en: "Year of graduation".into(),
        kind: "number".into(),
        min: "1980".into(),
        max: "2030".into(),
        required: "on".into(),
        ..FieldDraft::default()
    }
}

async fn editing_an_item_leaves_readers_and_earlier_versions_alone(app: TestApp) {
    seeded(&app).await;
    let cookie = app.sign_in(ADMIN, PASSWORD).await;
    let code = "LJ-GRAD-RESETTLE";
    let before = app::catalogue::store::find_published(&app.db, code)
        .await
        .unwrap()
        .unwrap();
    let version_before: (i64,) =
        sqlx::query_as("SELECT version FROM service_items WHERE code = $1")
            .bind(code)
            .fetch_one(app.db.reader())
            .await
            .unwrap();

    // "Add a field" saves the draft with one more (empty) row; readers see no change.
    let editing = load_item(&app, &cookie, code).await;
    assert_eq!(editing.status, EditStatus::Published);
    assert!(!editing.has_draft);
    let fields_before = editing.draft.fields.len();
    let added = saved(
        &edit_item(
            &app,
            &cookie,
            code,
            editing.revision,
            "add:fields",
            &editing.draft,
        )
        .await,
    );
    let editing = load_item(&app, &cookie, code).await;
    assert_eq!(editing.revision, added.revision);
    assert!(editing.has_draft);
    assert_eq!(editing.draft.fields.len(), fields_before + 1);
    assert_eq!(
        app::catalogue::store::find_published(&app.db, code)
            .await
            .unwrap()
            .as_ref(),
        Some(&before)
    );

    // A stale editor is told the item changed meanwhile.
    let stale = edit_item(
        &app,
        &cookie,
        code,
        editing.revision - 1,
        "save",
        &editing.draft,
    )
    .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);

    // Publishing makes a new version; the old one stays as it was.
    let mut draft = editing.draft.clone();
    *draft.fields.last_mut().unwrap() = new_field();
    draft.name_en = "Graduate resettlement subsidy (2026)".into();
    let published =
        saved(&edit_item(&app, &cookie, code, editing.revision, "publish", &draft).await);
    assert_eq!(published.status, EditStatus::Published);
    let after = app::catalogue::store::find_published(&app.db, code)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.name.en, "Graduate resettlement subsidy (2026)");
    assert_eq!(after.form.last().unwrap().key, "graduation_year");
    assert!(after.is_demo, "demo content stays marked as demo");
    let old = app::catalogue::store::find_version(&app.db, code, version_before.0)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(old, before);
    assert!(!old.form.iter().any(|f| f.key == "graduation_year"));
    let editing = load_item(&app, &cookie, code).await;
    assert!(!editing.has_draft);

    // The public guide shows the new version; restarting with demo data keeps it.
    seeded(&app).await;
    let again = app::catalogue::store::find_published(&app.db, code)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(again, after);

    // The change is in the audit log.
    let (count,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_events WHERE action = 'content_published' AND detail LIKE $1",
    )
    .bind(format!("service {code}%"))
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(count, 1);
}

async fn a_rule_over_an_unknown_fact_is_refused_and_nothing_typed_is_lost(app: TestApp) {
    seeded(&app).await;
    let cookie = app.sign_in(ADMIN, PASSWORD).await;
    let code = "LJ-HOUSING";
    let editing = load_item(&app, &cookie, code).await;
    let mut draft = editing.draft.clone();
    draft.rules.push(RuleDraft {
        rule: "salary_at_least".into(),
        value: "20000".into(),
    });
    draft.summary_zh = "修改后的简介".into();
    let refused = edit_item(&app, &cookie, code, editing.revision, "publish", &draft).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    let rule_row = draft.rules.len() - 1;
    assert_eq!(
        error_of(&refused),
        (
            format!("draft[rules][{rule_row}][value]"),
            "err_rule_unknown".to_string()
        )
    );
    // The draft, with what was typed, is saved; the public item is unchanged.
    let reopened = load_item(&app, &cookie, code).await;
    assert_eq!(reopened.draft, draft);
    let public = app::catalogue::store::find_published(&app.db, code)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(public.summary.zh, "修改后的简介");

    // An item must rest on a published policy and one of its articles.
    let mut draft = reopened.draft.clone();
    draft.rules.pop();
    draft.policy_code = "LJ-NOWHERE-2024".into();
    let refused = edit_item(&app, &cookie, code, reopened.revision, "publish", &draft).await;
    assert_eq!(
        error_of(&refused),
        (
            "draft[policy_code]".to_string(),
            "err_policy_unknown".to_string()
        )
    );
    let reopened = load_item(&app, &cookie, code).await;
    let mut draft = reopened.draft.clone();
    draft.policy_code = "LJ-EDU-2024".into();
    draft.article = "99".into();
    let refused = edit_item(&app, &cookie, code, reopened.revision, "publish", &draft).await;
    assert_eq!(
        error_of(&refused),
        (
            "draft[article]".to_string(),
            "err_article_unknown".to_string()
        )
    );
}

async fn items_are_retired_and_put_back(app: TestApp) {
    seeded(&app).await;
    let cookie = app.sign_in(ADMIN, PASSWORD).await;
    let code = "LJ-SCHOOLING";
    let editing = load_item(&app, &cookie, code).await;
    let retired = saved(
        &edit_item(
            &app,
            &cookie,
            code,
            editing.revision,
            "retire",
            &editing.draft,
        )
        .await,
    );
    assert_eq!(retired.status, EditStatus::Retired);
    assert_eq!(
        app.get(&format!("/services/{code}")).await.status,
        StatusCode::NOT_FOUND
    );
    let listed = app.get("/services").await;
    assert!(!listed.body.contains(&format!("/services/{code}\"")));
    // The demo data does not bring it back on restart.
    seeded(&app).await;
    assert_eq!(
        app.get(&format!("/services/{code}")).await.status,
        StatusCode::NOT_FOUND
    );

    let editing = load_item(&app, &cookie, code).await;
    assert_eq!(editing.status, EditStatus::Retired);
    let restored = saved(
        &edit_item(
            &app,
            &cookie,
            code,
            editing.revision,
            "restore",
            &editing.draft,
        )
        .await,
    );
    assert_eq!(restored.status, EditStatus::Published);
    assert_eq!(
        app.get(&format!("/services/{code}")).await.status,
        StatusCode::OK
    );
}

async fn administrators_create_a_policy_and_an_item_resting_on_it(app: TestApp) {
    seeded(&app).await;
    let cookie = app.sign_in(ADMIN, PASSWORD).await;
    let policy = PolicyDraft {
        code: "LJ-TEST-2026".into(),
        title_zh: "测试人才政策".into(),
        title_en: "Test talent policy".into(),
        document_number: "两江人才发〔2026〕9号".into(),
        issuer_zh: "两江新区管委会".into(),
        issuer_en: "Liangjiang Administrative Committee".into(),
        effective_from: "2026-01-01".into(),
        summary_zh: "测试".into(),
        summary_en: "A test".into(),
        articles: vec![ArticleDraft {
            title_zh: "适用范围".into(),
            title_en: "Scope".into(),
            body_zh: "适用于测试。".into(),
            body_en: "For tests.".into(),
        }],
        ..PolicyDraft::default()
    };
    let publish = || EditPolicy {
        code: String::new(),
        revision: 0,
        intent: "publish".into(),
        draft: policy.clone(),
    };
    let response = app.call(publish(), Some(&cookie)).await;
    let done = saved(&response);
    assert_eq!(done.status, EditStatus::Published);
    assert_eq!(
        app.get("/policies/LJ-TEST-2026").await.status,
        StatusCode::OK
    );
    // The same code cannot be created twice.
    let again = app.call(publish(), Some(&cookie)).await;
    assert_eq!(
        error_of(&again),
        ("draft[code]".to_string(), "err_code_taken".to_string())
    );

    // A new item: first saved as a draft readers cannot see, then published.
    let mut item = load_item(&app, &cookie, "LJ-GRAD-RESETTLE").await.draft;
    item.code = "LJ-TEST-ITEM".into();
    item.name_zh = "测试事项".into();
    item.policy_code = "LJ-TEST-2026".into();
    item.article = "1".into();
    item.fields.push(new_field());
    let draft = saved(&edit_item(&app, &cookie, "", 0, "save", &item).await);
    assert_eq!(draft.status, EditStatus::Draft);
    assert_eq!(
        app.get("/services/LJ-TEST-ITEM").await.status,
        StatusCode::NOT_FOUND
    );
    let published = saved(
        &edit_item(
            &app,
            &cookie,
            "LJ-TEST-ITEM",
            draft.revision,
            "publish",
            &item,
        )
        .await,
    );
    assert_eq!(published.status, EditStatus::Published);
    let page = app.get("/services/LJ-TEST-ITEM").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("测试事项"));
    let created = app::catalogue::store::find_published(&app.db, "LJ-TEST-ITEM")
        .await
        .unwrap()
        .unwrap();
    assert!(!created.is_demo);
}
