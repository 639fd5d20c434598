//! 免申即享 on SQLite and PostgreSQL: a talent whose profile newly meets a service's
//! conditions is told once, in the hub and by e-mail, with the reasons and a link to
//! apply; never twice (another save, a new version of the item, two runners at once); not
//! when they applied already or opted out.
use crate::common;

use app::cases::api::{SaveApplication, SubmitApplication};
use app::cases::model::CaseState;
use app::jobs::api::DecideCandidate;
use app::proactive::api::{QualificationAlerts, SetQualificationAlerts};
use app::proactive::model::{OPENED_BY_HUB, QUALIFIED};
use app::profile::api::SaveProfile;
use app::profile::model::TalentProfile;
use common::TestApp;
use common::cases::{ok, people};

on_both_databases!(
    a_talent_who_newly_qualifies_is_told_once_with_the_reasons,
    nobody_is_told_twice_by_a_new_version_or_two_runners_at_once,
    a_talent_who_applied_or_opted_out_is_not_told,
    a_hire_on_the_job_board_opens_the_case_the_graduate_only_confirms,
    a_hire_opens_a_case_exactly_once_and_only_for_who_qualifies,
);

const GRADUATE_ITEM: &str = "LJ-GRAD-RESETTLE";

/// A profile meeting the graduate subsidy's rules: a master's degree a year ago, working
/// in the district.
async fn save_graduate_profile(app: &TestApp, cookie: &str, employer: &str, version: i64) {
    save_profile(app, cookie, graduate(employer, 365, version)).await;
}

async fn save_profile(app: &TestApp, cookie: &str, form: TalentProfile) {
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

/// A graduate with a master's degree from `days_ago` days ago, working for `employer` in
/// the district.
fn graduate(employer: &str, days_ago: i64, version: i64) -> TalentProfile {
    let graduated = app::common::date::today_in_china(app::db::now_ms()).add_days(-days_ago);
    TalentProfile {
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
    }
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

/// A hire on the job board: `talent` applies to the demo enterprise's first post, which
/// shortlists and hires them. Returns the job application's id.
async fn hired(app: &TestApp, employer: &str, talent: &str) -> i64 {
    let (post_id,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM job_posts WHERE state = 'open'")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    let applied = app
        .multipart(&format!("/jobs/{post_id}/apply"), &[], None, talent, true)
        .await;
    ok(&applied);
    let id: i64 = applied.body.trim().parse().unwrap();
    for action in ["shortlist", "hire"] {
        ok(&decide(app, employer, id, action).await);
    }
    id
}

async fn decide(app: &TestApp, employer: &str, id: i64, action: &str) -> common::TestResponse {
    let (version,): (i64,) = sqlx::query_as("SELECT version FROM job_applications WHERE id = $1")
        .bind(id)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    app.call(
        DecideCandidate {
            id,
            version,
            action: action.into(),
            message: String::new(),
        },
        Some(employer),
    )
    .await
}

/// The cases the hub opened for `account_id`.
async fn opened_for(app: &TestApp, account_id: i64) -> Vec<i64> {
    sqlx::query_scalar(
        "SELECT o.case_id FROM hub_openings o JOIN cases c ON c.id = o.case_id \
         WHERE c.applicant_id = $1 ORDER BY o.case_id",
    )
    .bind(account_id)
    .fetch_all(app.db.reader())
    .await
    .unwrap()
}

async fn a_hire_on_the_job_board_opens_the_case_the_graduate_only_confirms(app: TestApp) {
    let p = people(&app).await;
    let talents = common::accounts(&app, "talent", "hired", 1).await;
    let (talent_id, talent) = &talents[0];
    // Not yet working in the district by their own profile: the hire shows it.
    let mut profile = graduate("", 300, 0);
    profile.employer_in_district = String::new();
    save_profile(&app, talent, profile).await;
    hired(&app, &p.employer, talent).await;

    let opened = opened_for(&app, *talent_id).await;
    assert_eq!(opened.len(), 1, "one case opened by the hub");
    let id = opened[0];
    let case = common::cases::detail(&app, talent, id).await;
    assert_eq!(case.item.code, GRADUATE_ITEM);
    assert_eq!(case.summary.state, CaseState::Draft);
    let why = case.hub_opening.clone().expect("why the hub opened it");
    assert!(why.reasons.zh.contains("在新区单位工作"), "{why:?}");
    assert!(why.employer_name.contains("两江示范汽车"), "{why:?}");
    // Filled in from the profile and the hire.
    assert_eq!(case.answers["university"], "重庆大学");
    assert_eq!(
        case.answers["employer_credit_code"],
        app::demo::DEMO_CREDIT_CODE
    );
    assert!(!case.answers["position"].is_empty());
    let notes: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM notifications WHERE account_id = $1 AND kind = $2 AND link = $3",
    )
    .bind(talent_id)
    .bind(OPENED_BY_HUB)
    .bind(format!("/cases/{id}"))
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(notes, 1, "the graduate is told, once");
    let (mail,): (String,) =
        sqlx::query_as("SELECT body FROM outbox WHERE to_address = $1 AND body LIKE $2")
            .bind("hired0@people.test")
            .bind(format!("%/cases/{id}%"))
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert!(mail.contains("免申即享"), "{mail}");
    // Nobody else sees the draft: not the employer, not staff.
    for other in [&p.employer, &p.staff] {
        let hidden = common::cases::load(&app, other, id).await;
        assert_eq!(hidden.status, axum::http::StatusCode::NOT_FOUND);
    }

    // The graduate adds the bank account; the employment facts stay the hire's.
    let mut answers = case.answers.clone();
    answers.insert("bank_account".into(), "6222020200112233445".into());
    answers.insert("employer_credit_code".into(), "91500000MA5U000009".into());
    let saved = app
        .call(
            SaveApplication {
                id,
                version: case.summary.version,
                answers,
                next: "review".into(),
            },
            Some(talent),
        )
        .await;
    assert_eq!(
        saved.status,
        axum::http::StatusCode::OK,
        "no contract needed: {}",
        saved.body
    );
    let version: i64 = saved.body.trim().parse().unwrap();
    let case = common::cases::detail(&app, talent, id).await;
    assert_eq!(
        case.answers["employer_credit_code"],
        app::demo::DEMO_CREDIT_CODE
    );
    // Without consent it is refused, with the reason.
    let refused = app
        .call(
            SubmitApplication {
                id,
                version,
                consent: String::new(),
            },
            Some(talent),
        )
        .await;
    assert_eq!(refused.status, axum::http::StatusCode::BAD_REQUEST);
    assert!(
        refused.body.contains("err_consent_required"),
        "{}",
        refused.body
    );
    let submitted = app
        .call(
            SubmitApplication {
                id,
                version,
                consent: "on".into(),
            },
            Some(talent),
        )
        .await;
    ok(&submitted);
    let case = common::cases::detail(&app, &p.staff, id).await;
    assert_eq!(
        case.summary.state,
        CaseState::Confirmed,
        "the employer's confirmation stands"
    );
    assert!(
        case.summary.accept_by.is_some(),
        "the acceptance clock runs from today"
    );
    let first = &case.events[0];
    assert_eq!(first.kind, OPENED_BY_HUB);
    assert!(first.actor_name.is_none(), "the hub's own act");
    assert!(case.hub_opening.is_some(), "staff see why");
    // The employer sees the case it confirmed, not the profile facts behind it.
    let employer_view = common::cases::detail(&app, &p.employer, id).await;
    assert!(employer_view.hub_opening.is_none());
    // Staff process it as any other case.
    let accepted = common::cases::act(&app, &p.staff, id, "accept", &[]).await;
    assert_eq!(common::cases::state_of(&accepted), CaseState::UnderReview);
}

async fn a_hire_opens_a_case_exactly_once_and_only_for_who_qualifies(app: TestApp) {
    let p = people(&app).await;
    run_until_done(&app).await;
    let talents = common::accounts(&app, "talent", "once", 4).await;
    let (qualifies, qualifies_cookie) = &talents[0];
    let (too_long_ago, too_long_ago_cookie) = &talents[1];
    let (applied, applied_cookie) = &talents[2];
    let (later, later_cookie) = &talents[3];
    save_profile(&app, qualifies_cookie, graduate("两江汽车", 100, 0)).await;
    save_profile(&app, too_long_ago_cookie, graduate("两江汽车", 4 * 366, 0)).await;
    save_profile(&app, applied_cookie, graduate("两江汽车", 100, 0)).await;
    common::cases::start(&app, applied_cookie, GRADUATE_ITEM).await;

    let hire = hired(&app, &p.employer, qualifies_cookie).await;
    hired(&app, &p.employer, too_long_ago_cookie).await;
    hired(&app, &p.employer, applied_cookie).await;
    assert_eq!(opened_for(&app, *qualifies).await.len(), 1);
    assert!(
        opened_for(&app, *too_long_ago).await.is_empty(),
        "graduated too long ago"
    );
    assert!(
        opened_for(&app, *applied).await.is_empty(),
        "applied already"
    );
    let (drafts,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM cases WHERE applicant_id = $1")
        .bind(applied)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!(drafts, 1, "their own application only");

    // Hired before their profile said enough: the profile saved later opens the case,
    // instead of telling them to apply.
    hired(&app, &p.employer, later_cookie).await;
    assert!(opened_for(&app, *later).await.is_empty(), "no profile yet");
    save_profile(&app, later_cookie, graduate("", 100, 0)).await;
    run_until_done(&app).await;
    assert_eq!(opened_for(&app, *later).await.len(), 1);
    assert_eq!(told_of_graduate_item(&app, *later).await, 0);

    // The same hire again, twice at once, or the opening run again: still one case.
    let (a, b) = tokio::join!(
        decide(&app, &p.employer, hire, "hire"),
        decide(&app, &p.employer, hire, "hire")
    );
    assert!(a.status.is_client_error() && b.status.is_client_error());
    let mut tx = app.db.begin_write().await.unwrap();
    let again = app::proactive::store::open_for_hire(&app.db, &mut tx, hire)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert!(again.is_empty());
    assert_eq!(opened_for(&app, *qualifies).await.len(), 1);
    let (cases,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM cases WHERE applicant_id = $1")
        .bind(qualifies)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!(cases, 1);
}
