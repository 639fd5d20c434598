//! 一件事一次办 on SQLite and PostgreSQL: a talent applies for the Settling-in bundle once.
//! The guide lists each material once and says item by item who qualifies; the one form
//! asks shared answers once and takes each material once for every case; one submission
//! creates every case or none; each case then runs on its own clock.
use crate::common;

use app::bundles::api::{
    LoadBundleApplication, LoadBundleGuide as GuideCall, SaveBundleApplication, StartBundle,
    SubmitBundleApplication,
};
use app::bundles::model::{BundleApplication, BundleGuide, BundleState};
use app::cases::api::SubmitApplication;
use app::cases::model::{Answers, CaseState};
use app::catalogue::model::FieldKind;
use app::profile::api::SaveProfile;
use app::profile::model::TalentProfile;
use axum::http::StatusCode;
use common::TestApp;
use common::cases::{act, detail, ok, people, state_of};

on_both_databases!(
    one_submission_creates_every_case_of_the_bundle_or_none,
    a_supplement_on_one_case_leaves_its_siblings_clocks_running,
);

const BUNDLE: &str = "LJ-SETTLE-IN";

/// A profile meeting the rules of all four items: a master's degree last year, under 40,
/// a high-level talent working in the district.
async fn settling_in_profile(app: &TestApp, cookie: &str) {
    let today = app::common::date::today_in_china(app::db::now_ms());
    let form = TalentProfile {
        full_name: "林晓".into(),
        id_type: "mainland".into(),
        birth_date: today.add_days(-28 * 365).to_string(),
        nationality: "中国".into(),
        education: "master".into(),
        university: "重庆大学".into(),
        major: "车辆工程".into(),
        graduation_date: today.add_days(-200).to_string(),
        employer_name: "两江示范汽车".into(),
        employer_in_district: "yes".into(),
        first_employment: "yes".into(),
        tier: "high_level".into(),
        ..TalentProfile::default()
    };
    ok(&app
        .call(
            SaveProfile {
                form,
                id_number: String::new(),
            },
            Some(cookie),
        )
        .await);
}

async fn application(app: &TestApp, cookie: &str, id: i64) -> BundleApplication {
    let response = app.call(LoadBundleApplication { id }, Some(cookie)).await;
    ok(&response);
    serde_json::from_str(&response.body).unwrap()
}

/// Answers for every typed field of the one form (`except` left out).
fn answers(bundle: &BundleApplication, except: &str) -> Answers {
    let fields: Vec<_> = bundle.form.fields().cloned().collect();
    let mut answers = common::cases::valid_answers_for(&fields);
    answers.retain(|key, _| key != except);
    answers.insert("child_birth_date".into(), "2020-03-01".into());
    answers
}

async fn save(app: &TestApp, cookie: &str, id: i64, version: i64, answers: Answers) -> i64 {
    let saved = app
        .call(
            SaveBundleApplication {
                id,
                version,
                answers,
                next: String::new(),
            },
            Some(cookie),
        )
        .await;
    ok(&saved);
    saved.body.trim().parse().unwrap()
}

/// Uploads every material of the one form once; returns how many uploads that took.
async fn upload_all(app: &TestApp, cookie: &str, bundle: &BundleApplication) -> usize {
    let mut uploads = 0;
    for field in bundle
        .form
        .fields()
        .filter(|f| matches!(f.kind, FieldKind::File))
    {
        let path = format!("/bundles/applications/{}/files/{}", bundle.id, field.key);
        ok(&app
            .upload(&path, "材料.pdf", common::TINY_PDF, cookie)
            .await);
        uploads += 1;
    }
    uploads
}

async fn submit(app: &TestApp, cookie: &str, id: i64, version: i64) -> common::TestResponse {
    app.call(SubmitBundleApplication { id, version }, Some(cookie))
        .await
}

/// A talent with the Settling-in bundle submitted: (their session, the application).
async fn submitted_bundle(app: &TestApp) -> (String, BundleApplication) {
    let talents = common::accounts(app, "talent", "settling", 1).await;
    let cookie = talents[0].1.clone();
    settling_in_profile(app, &cookie).await;
    let started = app
        .call(
            StartBundle {
                code: BUNDLE.into(),
            },
            Some(&cookie),
        )
        .await;
    ok(&started);
    let id: i64 = started.body.trim().parse().unwrap();
    let draft = application(app, &cookie, id).await;
    upload_all(app, &cookie, &draft).await;
    let version = save(app, &cookie, id, draft.version, answers(&draft, "")).await;
    ok(&submit(app, &cookie, id, version).await);
    let bundle = application(app, &cookie, id).await;
    (cookie, bundle)
}

async fn one_submission_creates_every_case_of_the_bundle_or_none(app: TestApp) {
    let p = people(&app).await;
    let talents = common::accounts(&app, "talent", "bundle", 2).await;
    let (_, cookie) = &talents[0];
    // The guide: four items, each material once, and the visitor is not checked.
    let guide = app
        .call(
            GuideCall {
                code: BUNDLE.into(),
            },
            None,
        )
        .await;
    ok(&guide);
    let guide: BundleGuide = serde_json::from_str(&guide.body).unwrap();
    assert_eq!(guide.items.len(), 4);
    assert!(guide.checks.is_none());
    let ids = guide
        .materials
        .iter()
        .filter(|m| m.material.upload == "id_card_or_passport")
        .collect::<Vec<_>>();
    assert_eq!(ids.len(), 1, "the ID is asked for once");
    assert_eq!(ids[0].needed_by.len(), 4);

    // Without a profile nothing qualifies, and the check says why item by item.
    let checked: BundleGuide = serde_json::from_str(
        &app.call(
            GuideCall {
                code: BUNDLE.into(),
            },
            Some(cookie),
        )
        .await
        .body,
    )
    .unwrap();
    assert!(checked.checks.unwrap().iter().all(|c| !c.included()));
    let nothing = app
        .call(
            StartBundle {
                code: BUNDLE.into(),
            },
            Some(cookie),
        )
        .await;
    assert_eq!(nothing.status, StatusCode::BAD_REQUEST);
    assert!(nothing.body.contains("err_bundle_nothing_to_apply"));

    settling_in_profile(&app, cookie).await;
    let started = app
        .call(
            StartBundle {
                code: BUNDLE.into(),
            },
            Some(cookie),
        )
        .await;
    ok(&started);
    let id: i64 = started.body.trim().parse().unwrap();
    let again = app
        .call(
            StartBundle {
                code: BUNDLE.into(),
            },
            Some(cookie),
        )
        .await;
    assert_eq!(again.body.trim(), id.to_string(), "one draft per bundle");
    let draft = application(&app, cookie, id).await;
    assert!(draft.left_out.is_empty(), "{:?}", draft.left_out);
    assert_eq!(draft.cases.len(), 4);
    assert!(draft.form.shared.iter().any(|f| f.key == "bank_account"));
    assert!(
        draft
            .form
            .shared
            .iter()
            .any(|f| f.key == "id_card_or_passport")
    );
    assert_eq!(
        draft.answers["university"], "重庆大学",
        "filled in from the profile"
    );
    // Nobody else sees a draft, and its cases are not submitted one by one.
    let other = app
        .call(LoadBundleApplication { id }, Some(&talents[1].1))
        .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    let staff = app.call(LoadBundleApplication { id }, Some(&p.staff)).await;
    assert_eq!(staff.status, StatusCode::NOT_FOUND);
    let alone = app
        .call(
            SubmitApplication {
                id: draft.cases[0].id,
                version: draft.cases[0].version,
                consent: String::new(),
            },
            Some(cookie),
        )
        .await;
    assert!(alone.body.contains("err_part_of_bundle"), "{}", alone.body);

    // Each material once: the ID goes to all four cases, stored once.
    let uploads = upload_all(&app, cookie, &draft).await;
    let files: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM case_files f JOIN cases c ON c.id = f.case_id WHERE c.bundle_id = $1",
    )
    .bind(id)
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert!(
        files as usize > uploads,
        "{files} attachments of {uploads} uploads"
    );
    let kinds: i64 = sqlx::query_scalar(
        "SELECT COUNT(DISTINCT f.field_key) FROM case_files f JOIN cases c ON c.id = f.case_id WHERE c.bundle_id = $1",
    )
    .bind(id)
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(kinds as usize, uploads, "one upload per material");
    // The materials view lists each once, and every case downloads it.
    let draft = application(&app, cookie, id).await;
    assert_eq!(draft.files.len(), uploads);
    for case in &draft.cases {
        let files = common::cases::detail(&app, cookie, case.id).await.files;
        let id_card = files
            .iter()
            .find(|f| f.field_key == "id_card_or_passport")
            .unwrap();
        let download = app.get_as(&format!("/files/{}", id_card.id), cookie).await;
        ok(&download);
        assert_eq!(download.body.as_bytes(), common::TINY_PDF);
    }

    // One item's answer missing: nothing is submitted, no number is used up.
    let version = save(
        &app,
        cookie,
        id,
        draft.version,
        answers(&draft, "child_name"),
    )
    .await;
    let refused = submit(&app, cookie, id, version).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(
        refused.body.contains("answers[child_name]"),
        "{}",
        refused.body
    );
    let still = application(&app, cookie, id).await;
    assert_eq!(still.state, BundleState::Draft);
    assert!(
        still
            .cases
            .iter()
            .all(|c| c.state == CaseState::Draft && c.number.is_none())
    );
    let used: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bundle_counters")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!(used, 0);

    let version = save(&app, cookie, id, version, answers(&draft, "")).await;
    let stale = submit(&app, cookie, id, version - 1).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    ok(&submit(&app, cookie, id, version).await);
    let done = application(&app, cookie, id).await;
    let year = app::common::date::today_in_china(app::db::now_ms()).year;
    assert_eq!(
        done.number.as_deref(),
        Some(format!("YJS-{year}-000001").as_str())
    );
    assert!(done.cases.iter().all(|c| c.number.is_some()));
    let states: Vec<(String, CaseState)> = done
        .cases
        .iter()
        .map(|c| (c.item_code.clone(), c.state))
        .collect();
    assert!(states.contains(&("LJ-GRAD-RESETTLE".into(), CaseState::AwaitingEmployer)));
    assert!(states.contains(&("LJ-TALENT-CARD".into(), CaseState::Submitted)));
    // Submitting again answers with the same number.
    let twice = submit(&app, cookie, id, version).await;
    ok(&twice);
    assert!(twice.body.contains("000001"));
    // Staff see the bundle from any of its cases.
    let case = detail(&app, &p.staff, done.cases[1].id).await;
    assert_eq!(case.bundle.as_ref().map(|b| b.id), Some(id));
    ok(&app.call(LoadBundleApplication { id }, Some(&p.staff)).await);
}

async fn a_supplement_on_one_case_leaves_its_siblings_clocks_running(app: TestApp) {
    let p = people(&app).await;
    let (talent, bundle) = submitted_bundle(&app).await;
    for case in &bundle.cases {
        if case.state == CaseState::AwaitingEmployer {
            assert_eq!(
                state_of(&act(&app, &p.employer, case.id, "confirm", &[]).await),
                CaseState::Confirmed
            );
        }
        assert_eq!(
            state_of(&act(&app, &p.staff, case.id, "accept", &[]).await),
            CaseState::UnderReview
        );
    }
    let before = application(&app, &talent, bundle.id).await;
    let card = before
        .cases
        .iter()
        .find(|c| c.item_code == "LJ-TALENT-CARD")
        .unwrap();
    ok(&act(
        &app,
        &p.staff,
        card.id,
        "request_supplement",
        &[("reason", "请补充人才层次认定证明原件扫描件")],
    )
    .await);
    let after = application(&app, &talent, bundle.id).await;
    for (was, now) in before.cases.iter().zip(&after.cases) {
        if now.id == card.id {
            assert_eq!(now.state, CaseState::SupplementRequested);
            assert!(now.supply_by.is_some());
        } else {
            assert_eq!(now.state, CaseState::UnderReview, "{}", now.item_code);
            assert_eq!(
                now.due_on, was.due_on,
                "{}: its clock runs on",
                now.item_code
            );
            assert!(now.supply_by.is_none());
        }
    }
    let figures = app::bundles::store::figures(&app.db, 0, i64::MAX)
        .await
        .unwrap();
    assert_eq!((figures.submitted, figures.completed), (1, 0));
    // The others are decided while the one waits; the bundle is done with the last.
    for case in after.cases.iter().filter(|c| c.id != card.id) {
        let amount = detail(&app, &p.staff, case.id).await.item.max_amount_fen;
        let input: Vec<(&str, String)> = amount
            .map(|fen| ("amount_yuan", (fen / 100).to_string()))
            .into_iter()
            .collect();
        let input: Vec<(&str, &str)> = input.iter().map(|(k, v)| (*k, v.as_str())).collect();
        ok(&act(&app, &p.staff, case.id, "approve", &input).await);
    }
    let figures = app::bundles::store::figures(&app.db, 0, i64::MAX)
        .await
        .unwrap();
    assert_eq!(figures.completed, 0, "one case still waits");
    ok(&act(&app, &talent, card.id, "supply", &[("reason", "已补充")]).await);
    ok(&act(&app, &p.staff, card.id, "approve", &[]).await);
    let done = application(&app, &talent, bundle.id).await;
    assert!(done.all_decided());
    let figures = app::bundles::store::figures(&app.db, 0, i64::MAX)
        .await
        .unwrap();
    assert_eq!((figures.submitted, figures.completed), (1, 1));
    assert!(figures.average_days.is_some());
}
