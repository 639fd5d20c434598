//! The public catalogue, guides and the eligibility check, on SQLite and PostgreSQL.
use crate::common;

use app::catalogue::api::SearchCatalogue;
use app::catalogue::model::CatalogueQuery;
use app::profile::api::{LoadProfile, MyEligibility, SaveProfile};
use app::profile::model::TalentProfile;
use axum::http::StatusCode;
use common::TestApp;

on_both_databases!(
    catalogue_search_matches_both_languages_and_filters,
    guide_pages_read_like_a_service_guide,
    publishing_keeps_earlier_versions_unchanged,
    eligibility_check_explains_each_rule,
    a_talent_profile_feeds_the_eligibility_check,
);

async fn seeded(app: &TestApp) {
    app::demo::seed(&app.db).await.expect("demo data");
}

async fn search(app: &TestApp, form: &[(&str, &str)]) -> app::catalogue::model::CataloguePage {
    let field = |key: &str| {
        form.iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.to_string())
            .unwrap_or_default()
    };
    let query = CatalogueQuery {
        q: field("q"),
        category: field("category"),
        applicant: field("applicant"),
        department: field("department"),
        page: 0,
    };
    let response = app.call(SearchCatalogue { query }, None).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).expect("a catalogue page")
}

fn codes(page: &app::catalogue::model::CataloguePage) -> Vec<&str> {
    page.items.iter().map(|i| i.code.as_str()).collect()
}

async fn catalogue_search_matches_both_languages_and_filters(app: TestApp) {
    seeded(&app).await;
    let all = search(&app, &[]).await;
    assert_eq!(all.items.len(), 10);
    // Highest amount first.
    assert_eq!(all.items[0].code, "LJ-SCIENTIST-TEAM");

    assert_eq!(
        codes(&search(&app, &[("q", "安家")]).await),
        ["LJ-GRAD-RESETTLE"]
    );
    assert_eq!(
        codes(&search(&app, &[("q", "RESETTLEMENT")]).await),
        ["LJ-GRAD-RESETTLE"]
    );
    // Descriptions are searched too.
    assert!(codes(&search(&app, &[("q", "绿色通道")]).await).contains(&"LJ-TALENT-CARD"));
    assert!(
        search(&app, &[("q", "no such words")])
            .await
            .items
            .is_empty()
    );
    // LIKE wildcards typed by a visitor match literally nothing special.
    assert!(search(&app, &[("q", "%")]).await.items.len() == 10);

    let health = search(&app, &[("category", "health")]).await;
    assert_eq!(codes(&health), ["LJ-HEALTH-TALENT"]);
    let enterprise = search(&app, &[("applicant", "enterprise")]).await;
    assert_eq!(codes(&enterprise), ["LJ-ENTERPRISE-RECRUIT"]);
    let science = search(
        &app,
        &[("department", "Liangjiang Science and Innovation Bureau")],
    )
    .await;
    assert_eq!(codes(&science), ["LJ-SCIENTIST-TEAM", "LJ-HIGH-LEVEL"]);
    assert!(all.departments.len() >= 5);
    // Filters combine.
    let both = search(&app, &[("category", "education"), ("q", "博士")]).await;
    assert_eq!(codes(&both), ["LJ-DOCTORATE-LIVING"]);
}

async fn guide_pages_read_like_a_service_guide(app: TestApp) {
    seeded(&app).await;
    let page = app.get("/services/LJ-GRAD-RESETTLE").await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "高校毕业生安家补贴",
        "申请条件",
        "申请材料",
        "办理流程",
        "15 个工作日",
        "不收费",
        "1万元",
        "劳动合同",
        "需要用人单位在线确认",
    ] {
        assert!(page.body.contains(text), "guide lacks {text}");
    }
    let missing = app.get("/services/LJ-NOTHING").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let list = app.get("/services?q=%E5%AE%89%E5%AE%B6").await;
    assert!(list.body.contains("高校毕业生安家补贴"));
    assert!(!list.body.contains("一流科学家团队资助"));
}

async fn publishing_keeps_earlier_versions_unchanged(app: TestApp) {
    seeded(&app).await;
    let store = app::catalogue::store::find_published;
    let mut item = store(&app.db, "LJ-GRAD-RESETTLE").await.unwrap().unwrap();
    // Seeding again publishes nothing new.
    seeded(&app).await;
    assert_eq!(
        app::catalogue::store::find_version(&app.db, "LJ-GRAD-RESETTLE", 2)
            .await
            .unwrap(),
        None
    );
    item.time_limit_days = 10;
    item.form.push(app::catalogue::model::FormField {
        key: "phone".into(),
        label: app::common::text::Text::new("联系电话", "Phone"),
        help: app::common::text::Text::default(),
        required: true,
        employer_sees: false,
        kind: app::catalogue::model::FieldKind::Text { max_len: 20 },
    });
    let version = app::catalogue::store::publish(&app.db, &item)
        .await
        .unwrap();
    assert_eq!(version, 2);
    let first = app::catalogue::store::find_version(&app.db, "LJ-GRAD-RESETTLE", 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first.time_limit_days, 15);
    assert!(first.form.iter().all(|f| f.key != "phone"));
    let current = store(&app.db, "LJ-GRAD-RESETTLE").await.unwrap().unwrap();
    assert_eq!(current.time_limit_days, 10);

    // Invalid items are refused.
    item.form.push(item.form[0].clone());
    assert!(
        app::catalogue::store::publish(&app.db, &item)
            .await
            .is_err()
    );
}

async fn eligibility_check_explains_each_rule(app: TestApp) {
    seeded(&app).await;
    let page = app
        .get("/eligibility?education=master&graduation_date=2026-06-30&birth_date=2000-01-01&employer=yes&industry=electronics&tier=none")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    // Without the hydration markers between text pieces.
    let body = &page.body.replace("<!>", "");
    assert!(body.contains("高校毕业生安家补贴"));
    assert!(body.contains("学历达到本科及以上 — 符合"), "{body}");
    assert!(body.contains("在新区单位工作 — 符合"));
    // Eligible items come first: the graduate subsidy and the rent subsidy before any other.
    let grad = body.find("高校毕业生安家补贴").unwrap();
    let scientist = body.find("一流科学家团队资助").unwrap();
    assert!(grad < scientist);
    // Unanswered questions give "more information needed", not a refusal.
    let page = app.get("/eligibility?education=doctorate").await;
    assert!(page.body.contains("还需要补充信息才能判断"));
    // Enterprise items are not offered to people.
    assert!(!page.body.contains("企业引才奖励"));
}

async fn a_talent_profile_feeds_the_eligibility_check(app: TestApp) {
    seeded(&app).await;
    let cookie = app
        .sign_in("talent@demo.hub", app::demo::DEMO_PASSWORD)
        .await;
    let graduation = format!("{}-06-30", chrono_year() - 1);
    let save = |id: &'static str, version: i64| {
        let app = &app;
        let cookie = cookie.clone();
        let graduation = graduation.clone();
        async move {
            app.call(
                SaveProfile {
                    form: TalentProfile {
                        full_name: "李明".into(),
                        id_type: "mainland".into(),
                        id_number_masked: String::new(),
                        birth_date: String::new(),
                        nationality: "中国".into(),
                        education: "master".into(),
                        university: "重庆大学".into(),
                        major: "车辆工程".into(),
                        graduation_date: graduation,
                        employer_name: "两江示范汽车有限公司".into(),
                        employer_in_district: "yes".into(),
                        first_employment: "yes".into(),
                        industry: "automobile".into(),
                        tier: String::new(),
                        version,
                    },
                    id_number: id.to_string(),
                },
                Some(&cookie),
            )
            .await
        }
    };
    let wrong = save("110105194912310021", 0).await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert!(wrong.body.contains("err_id_check"));
    let ok = save("11010519491231002x", 0).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    // Saving again with the version read before is a conflict.
    let stale = save("", 0).await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);

    let profile = app.call(LoadProfile {}, Some(&cookie)).await;
    assert!(
        profile.body.contains("110105********002X"),
        "{}",
        profile.body
    );
    assert!(
        !profile.body.contains("11010519491231002X"),
        "full ID number sent to the browser"
    );
    assert!(
        profile.body.contains("1949-12-31"),
        "birth date not taken from the ID number"
    );
    // At rest the number is ciphertext, bound to its profile.
    let stored_number = || async {
        sqlx::query_scalar::<_, String>(
            "SELECT p.id_number FROM talent_profiles p JOIN accounts a ON a.id = p.account_id \
             WHERE a.email = 'talent@demo.hub'",
        )
        .fetch_one(app.db.reader())
        .await
        .unwrap()
    };
    let sealed = stored_number().await;
    assert!(
        sealed.starts_with("v1:") && !sealed.contains("49123"),
        "{sealed}"
    );
    // A number an earlier version stored in clear is encrypted at the next start, and
    // still reads as the same number.
    sqlx::query("UPDATE talent_profiles SET id_number = '11010519491231002X' WHERE id_number = $1")
        .bind(&sealed)
        .execute(app.db.writer())
        .await
        .unwrap();
    assert_eq!(app::profile::store::at_start(&app.db).await.unwrap(), 1);
    let resealed = stored_number().await;
    assert!(
        resealed.starts_with("v1:") && resealed != sealed,
        "{resealed}"
    );
    assert_eq!(app::profile::store::at_start(&app.db).await.unwrap(), 0);
    let again = app.call(LoadProfile {}, Some(&cookie)).await;
    assert!(again.body.contains("110105********002X"), "{}", again.body);

    // Born in 1949: too old for the rent subsidy, but the graduate subsidy fits.
    let results = app.call(MyEligibility {}, Some(&cookie)).await;
    let list: Vec<app::eligibility::api::ItemEligibility> =
        serde_json::from_str(&results.body).unwrap();
    let verdict = |code: &str| {
        list.iter()
            .find(|r| r.item.code == code)
            .unwrap()
            .evaluation
            .verdict
    };
    use app::eligibility::model::Verdict;
    assert_eq!(verdict("LJ-GRAD-RESETTLE"), Verdict::Eligible);
    assert_eq!(verdict("LJ-HOUSING"), Verdict::NotEligible);
    let page = app.get_as("/account", &cookie).await;
    assert!(page.body.contains("高校毕业生安家补贴"));

    // The profile is the talent's own: staff and enterprises are refused.
    let staff = app
        .sign_in("staff@demo.hub", app::demo::DEMO_PASSWORD)
        .await;
    assert_eq!(
        app.call(LoadProfile {}, Some(&staff)).await.status,
        StatusCode::FORBIDDEN
    );
}

/// This year in China, as the server computes it.
fn chrono_year() -> i32 {
    app::common::date::today_in_china(app::db::now_ms()).year
}
