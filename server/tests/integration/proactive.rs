//! 免申即享 on SQLite and PostgreSQL: a talent whose profile newly meets a service's
//! conditions is told once, in the hub and by e-mail, with the reasons and a link to
//! apply; never twice (another save, a new version of the item, two runners at once); not
//! when they applied already or opted out.
use crate::common;

use app::proactive::api::{QualificationAlerts, SetQualificationAlerts};
use app::proactive::model::QUALIFIED;
use app::profile::api::SaveProfile;
use app::profile::model::TalentProfile;
use common::TestApp;
use common::cases::{ok, people};

on_both_databases!(
    a_talent_who_newly_qualifies_is_told_once_with_the_reasons,
    nobody_is_told_twice_by_a_new_version_or_two_runners_at_once,
    a_talent_who_applied_or_opted_out_is_not_told,
);

const GRADUATE_ITEM: &str = "LJ-GRAD-RESETTLE";

/// A profile meeting the graduate subsidy's rules: a master's degree a year ago, working
/// in the district.
async fn save_graduate_profile(app: &TestApp, cookie: &str, employer: &str, version: i64) {
    let graduated = app::common::date::today_in_china(app::db::now_ms()).add_days(-365);
    let form = TalentProfile {
        full_name: "赵一鸣".into(),
        id_type: "mainland".into(),
        id_number_masked: String::new(),
        birth_date: String::new(),
        nationality: "中国".into(),
        education: "master".into(),
        university: "重庆大学".into(),
        major: "机械工程".into(),
        graduation_date: graduated.to_string(),
        employer_name: employer.into(),
        employer_in_district: "yes".into(),
        first_employment: "yes".into(),
        industry: String::new(),
        tier: String::new(),
        version,
    };
    let saved = app
        .call(
            SaveProfile {
                form,
                id_number: "11010519491231002x".into(),
            },
            Some(cookie),
        )
        .await;
    ok(&saved);
}

/// Runs the checks until nothing is left to do; returns how many were told.
async fn run_until_done(app: &TestApp) -> usize {
    let mut told = 0;
    for _ in 0..20 {
        told += app::proactive::store::run(&app.db).await.unwrap();
    }
    told
}

/// How often `account_id` was told of the graduate subsidy.
async fn told_of_graduate_item(app: &TestApp, account_id: i64) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM notifications WHERE account_id = $1 AND kind = $2 AND link = $3",
    )
    .bind(account_id)
    .bind(QUALIFIED)
    .bind(format!("/services/{GRADUATE_ITEM}"))
    .fetch_one(app.db.reader())
    .await
    .unwrap()
}

async fn a_talent_who_newly_qualifies_is_told_once_with_the_reasons(app: TestApp) {
    people(&app).await;
    run_until_done(&app).await;
    let talent = common::accounts(&app, "talent", "qualifies", 1).await;
    let (id, cookie) = &talent[0];
    assert_eq!(told_of_graduate_item(&app, *id).await, 0, "no profile yet");
    save_graduate_profile(&app, cookie, "两江汽车", 0).await;
    assert!(run_until_done(&app).await >= 1);
    assert_eq!(told_of_graduate_item(&app, *id).await, 1);
    let (body,): (String,) = sqlx::query_as(
        "SELECT body FROM outbox WHERE to_address = $1 AND body LIKE $2 ORDER BY id DESC",
    )
    .bind("qualifies0@people.test")
    .bind("%高校毕业生安家补贴%")
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert!(body.contains("学历、毕业时间、在新区单位工作"), "{body}");
    assert!(
        body.contains(&format!("/services/{GRADUATE_ITEM}")),
        "{body}"
    );
    let page = app.get_as("/notifications", cookie).await;
    assert!(page.body.contains("高校毕业生安家补贴"), "{}", page.body);
    // Saving the profile again tells nothing new.
    save_graduate_profile(&app, cookie, "两江新能源", 1).await;
    run_until_done(&app).await;
    assert_eq!(told_of_graduate_item(&app, *id).await, 1);
}

async fn nobody_is_told_twice_by_a_new_version_or_two_runners_at_once(app: TestApp) {
    people(&app).await;
    run_until_done(&app).await;
    let talents = common::accounts(&app, "talent", "twice", 2).await;
    save_graduate_profile(&app, &talents[0].1, "两江汽车", 0).await;
    run_until_done(&app).await;
    assert_eq!(told_of_graduate_item(&app, talents[0].0).await, 1);
    // A new version of the item is checked against everyone again: still once.
    let items = app::catalogue::store::all_published(&app.db).await.unwrap();
    let item = items.into_iter().find(|i| i.code == GRADUATE_ITEM).unwrap();
    app::catalogue::store::publish(&app.db, &item)
        .await
        .unwrap();
    save_graduate_profile(&app, &talents[1].1, "两江汽车", 0).await;
    let (a, b) = tokio::join!(
        app::proactive::store::run(&app.db),
        app::proactive::store::run(&app.db)
    );
    a.unwrap();
    b.unwrap();
    run_until_done(&app).await;
    assert_eq!(told_of_graduate_item(&app, talents[0].0).await, 1);
    assert_eq!(told_of_graduate_item(&app, talents[1].0).await, 1);
}

async fn a_talent_who_applied_or_opted_out_is_not_told(app: TestApp) {
    people(&app).await;
    run_until_done(&app).await;
    let talents = common::accounts(&app, "talent", "quiet", 3).await;
    let (applied, applied_cookie) = &talents[0];
    let (quiet, quiet_cookie) = &talents[1];
    // The same profile without either reason to stay silent is told.
    let (control, control_cookie) = &talents[2];
    common::cases::start(&app, applied_cookie, GRADUATE_ITEM).await;
    let page = app.get_as("/profile", quiet_cookie).await;
    assert!(page.body.contains("data-testid=\"qualified-alerts\""));
    ok(&app
        .call(
            SetQualificationAlerts { on: String::new() },
            Some(quiet_cookie),
        )
        .await);
    let on = app.call(QualificationAlerts {}, Some(quiet_cookie)).await;
    assert_eq!(on.body.trim(), "false");
    save_graduate_profile(&app, applied_cookie, "两江汽车", 0).await;
    save_graduate_profile(&app, quiet_cookie, "两江汽车", 0).await;
    save_graduate_profile(&app, control_cookie, "两江汽车", 0).await;
    run_until_done(&app).await;
    assert_eq!(told_of_graduate_item(&app, *control).await, 1);
    assert_eq!(
        told_of_graduate_item(&app, *applied).await,
        0,
        "applied already"
    );
    assert_eq!(told_of_graduate_item(&app, *quiet).await, 0, "opted out");
    // Only talents have the switch; a bad value is refused.
    let p = people(&app).await;
    let staff = app.call(QualificationAlerts {}, Some(&p.staff)).await;
    assert_eq!(staff.status, axum::http::StatusCode::FORBIDDEN);
    let bad = app
        .call(
            SetQualificationAlerts { on: "maybe".into() },
            Some(quiet_cookie),
        )
        .await;
    assert_eq!(bad.status, axum::http::StatusCode::BAD_REQUEST);
    ok(&app
        .call(
            SetQualificationAlerts { on: "true".into() },
            Some(quiet_cookie),
        )
        .await);
    assert_eq!(
        app.call(QualificationAlerts {}, Some(quiet_cookie))
            .await
            .body
            .trim(),
        "true"
    );
}
