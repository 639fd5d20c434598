//! Talent demand on SQLite and PostgreSQL: only verified enterprises post, staff review
//! every post, the board finds what it should (and drops what has closed), applications
//! stay between the talent and the post's enterprise, and the statistics add up. Each
//! rule has its own test, most on one post of a newly registered, verified enterprise.
use crate::common;

use app::enterprises::api::EnterpriseList;
use app::jobs::api::{
    DecideCandidate, JobBoard, JobIndustries, JobPost, JobStats, MyApplications, PostCandidates,
    RecordEmployer, ReviewPost, SaveIndustry, SaveJobAlert, SavePost, SetPostOpen,
};
use app::jobs::model::*;
use app::notifications::api::MyNotifications;
use app::notifications::model::NotificationPage;
use app::profile::api::LoadProfile;
use axum::http::StatusCode;
use common::{TINY_PDF, TestApp, TestResponse};

on_both_databases!(
    pending_enterprises_cannot_publish,
    a_licence_is_read_only_by_staff,
    each_post_rule_names_the_field_to_fix,
    posts_are_not_public_until_approved,
    another_enterprise_cannot_edit_a_post_or_see_its_candidates,
    only_staff_review_posts,
    a_post_is_sent_back_with_a_reason_the_enterprise_sees,
    an_edit_goes_back_to_review_and_needs_the_current_version,
    an_approved_post_is_public_and_the_enterprise_is_told,
    a_saved_search_tells_the_talent_of_a_matching_post,
    board_filters_keep_or_drop_a_post_as_they_should,
    the_board_sorts_by_salary_and_closing_date,
    the_board_and_a_post_work_without_script,
    a_talent_applies_once_and_enterprises_do_not_apply,
    a_program_renamed_to_pdf_is_refused_as_a_cv,
    a_talent_sees_only_their_own_applications,
    a_cv_is_seen_only_by_the_talent_the_enterprise_and_staff,
    the_enterprise_is_told_of_and_sees_its_candidates,
    candidate_contacts_stay_masked_until_shortlisted,
    the_enterprise_shortlists_and_hires_and_the_talent_hears_of_it,
    a_hired_talent_may_record_the_employer_in_their_profile,
    closing_a_post_takes_it_off_the_board_until_reopened,
    a_post_past_its_closing_date_leaves_the_board_and_takes_no_applications,
    statistics_match_the_posts,
    administrators_manage_the_industry_list,
);

const CODE: &str = "91500000MA5U00000W";
const PASSWORD: &str = "lantern river 2026";

fn ok(response: &TestResponse) {
    assert!(
        response.status.is_success(),
        "{} {}",
        response.status,
        response.body
    );
}

fn refused_with(response: &TestResponse, field: &str, key: &str) {
    assert_eq!(
        response.status,
        StatusCode::BAD_REQUEST,
        "{}",
        response.body
    );
    assert!(
        response.body.contains(key) && response.body.contains(field),
        "expected {field}: {key}, got {}",
        response.body
    );
}

fn in_days(days: i64) -> String {
    app::common::date::today().add_days(days).to_string()
}

/// A complete post; `change` adjusts it.
fn draft(title_en: &str, industry: &str, headcount: i64) -> PostDraft {
    PostDraft {
        title_zh: String::new(),
        title_en: title_en.into(),
        description_zh: String::new(),
        description_en: "Design hydrogen fuel cell stacks.".into(),
        industry: industry.into(),
        headcount: headcount.to_string(),
        education: "master".into(),
        experience_years: "3".into(),
        salary_min: "18000".into(),
        salary_max: "30000".into(),
        location: "yuelai".into(),
        closes_on: in_days(30),
    }
}

async fn save(
    app: &TestApp,
    cookie: &str,
    id: i64,
    version: i64,
    draft: &PostDraft,
) -> TestResponse {
    app.call(
        SavePost {
            id,
            version,
            draft: draft.clone(),
        },
        Some(cookie),
    )
    .await
}

/// `draft` with the field named `key` (as the server names it: `draft[salary_min]`) set.
fn with(mut draft: PostDraft, key: &str, value: &str) -> PostDraft {
    let field = match key {
        "draft[title_zh]" => &mut draft.title_zh,
        "draft[title_en]" => &mut draft.title_en,
        "draft[description_zh]" => &mut draft.description_zh,
        "draft[description_en]" => &mut draft.description_en,
        "draft[industry]" => &mut draft.industry,
        "draft[headcount]" => &mut draft.headcount,
        "draft[education]" => &mut draft.education,
        "draft[experience_years]" => &mut draft.experience_years,
        "draft[salary_min]" => &mut draft.salary_min,
        "draft[salary_max]" => &mut draft.salary_max,
        "draft[location]" => &mut draft.location,
        "draft[closes_on]" => &mut draft.closes_on,
        other => panic!("a post has no field {other}"),
    };
    *field = value.to_string();
    draft
}

async fn post_page(app: &TestApp, id: i64, cookie: Option<&str>) -> TestResponse {
    app.call(JobPost { id }, cookie).await
}

async fn board(app: &TestApp, query: &[(&str, &str)]) -> BoardPage {
    // Filters left out are empty, as the server takes a filter the address does not name.
    let mut typed = BoardQuery::default();
    for (key, value) in query {
        match *key {
            "q" => typed.q = value.to_string(),
            "industry" => typed.industry = value.to_string(),
            "education" => typed.education = value.to_string(),
            "salary" => typed.salary = value.parse().unwrap(),
            "enterprise" => typed.enterprise = value.parse().unwrap(),
            "sort" => typed.sort = value.to_string(),
            "page" => typed.page = value.parse().unwrap(),
            other => panic!("the board has no filter {other}"),
        }
    }
    let response = app.call(JobBoard { query: typed }, None).await;
    ok(&response);
    serde_json::from_str(&response.body).unwrap()
}

async fn review(app: &TestApp, staff: &str, id: i64, decision: &str, note: &str) -> TestResponse {
    let version = current_version(app, staff, id).await;
    app.call(
        ReviewPost {
            id,
            version,
            decision: decision.to_string(),
            note: note.to_string(),
        },
        Some(staff),
    )
    .await
}

async fn current_version(app: &TestApp, cookie: &str, id: i64) -> i64 {
    let page = post_page(app, id, Some(cookie)).await;
    ok(&page);
    serde_json::from_str::<PostPage>(&page.body)
        .unwrap()
        .card
        .version
}

async fn notifications(app: &TestApp, cookie: &str) -> NotificationPage {
    let response = app.call(MyNotifications { page: 0 }, Some(cookie)).await;
    ok(&response);
    serde_json::from_str(&response.body).unwrap()
}

/// "两江氢能科技有限公司", newly registered.
const HYDROGEN: common::enterprises::NewEnterprise = common::enterprises::NewEnterprise {
    name: "两江氢能科技有限公司",
    credit_code: CODE,
    login: "hr@hydrogen.cn",
    password: PASSWORD,
};

async fn register_enterprise(app: &TestApp) -> String {
    common::enterprises::registered(app, &HYDROGEN).await
}

/// The demo staff member, the demo talent and the demo enterprise, signed in.
struct Demo {
    staff: String,
    talent: String,
    other_enterprise: String,
}

async fn demo(app: &TestApp) -> Demo {
    app::demo::seed(&app.db).await.unwrap();
    let pw = app::demo::DEMO_PASSWORD;
    Demo {
        staff: app.sign_in("staff@demo.hub", pw).await,
        talent: app.sign_in("talent@demo.hub", pw).await,
        other_enterprise: app.sign_in("hr@demo-auto.hub", pw).await,
    }
}

const TITLE: &str = "Hydrogen stack engineer";

/// The verified enterprise's post of [`TITLE`], saved and waiting for review:
/// (the enterprise's session, the post).
async fn post_in_review(app: &TestApp, d: &Demo) -> (String, i64) {
    let enterprise = common::enterprises::enterprise_verified(app, &d.staff, &HYDROGEN).await;
    let id = approved_post(app, &enterprise, &d.staff, TITLE, "automobile", 4, true).await;
    (enterprise, id)
}

/// The same post, approved by staff and so on the board.
async fn open_post(app: &TestApp, d: &Demo) -> (String, i64) {
    let enterprise = common::enterprises::enterprise_verified(app, &d.staff, &HYDROGEN).await;
    let id = approved_post(app, &enterprise, &d.staff, TITLE, "automobile", 4, false).await;
    (enterprise, id)
}

fn ids(page: BoardPage) -> Vec<i64> {
    page.items.iter().map(|c| c.id).collect()
}

async fn post_of(app: &TestApp, id: i64, cookie: Option<&str>) -> PostPage {
    let page = post_page(app, id, cookie).await;
    ok(&page);
    serde_json::from_str(&page.body).unwrap()
}

async fn has_notification(app: &TestApp, cookie: &str, kind: &str) -> bool {
    notifications(app, cookie)
        .await
        .items
        .iter()
        .any(|n| n.kind == kind)
}

const NOTE: &str = "I built PEM stacks for five years.";

/// Applies to post `id` as a script would, with `note` and, optionally, a CV.
async fn apply_to(
    app: &TestApp,
    id: i64,
    cookie: &str,
    note: &str,
    cv: Option<(&str, &[u8])>,
) -> TestResponse {
    let fields = [("note", note)];
    let fields: &[(&str, &str)] = if note.is_empty() { &[] } else { &fields };
    app.multipart(&format!("/jobs/{id}/apply"), fields, cv, cookie, true)
        .await
}

/// The demo talent's application to post `id`, with [`NOTE`] and a CV "简历.pdf".
async fn applied(app: &TestApp, id: i64, talent: &str) -> i64 {
    let applied = apply_to(app, id, talent, NOTE, Some(("简历.pdf", TINY_PDF))).await;
    ok(&applied);
    applied.body.trim().parse().unwrap()
}

/// A second talent, 陈静 (chen@example.cn), registered through the form: their session.
async fn second_talent(app: &TestApp) -> String {
    ok(&app
        .register(app::accounts::api::RegisterTalent {
            display_name: "陈静".into(),
            login: "chen@example.cn".into(),
            password: PASSWORD.into(),
            next: None,
        })
        .await);
    app.sign_in("chen@example.cn", PASSWORD).await
}

async fn candidates(app: &TestApp, cookie: &str, post_id: i64) -> Candidates {
    let response = app.call(PostCandidates { post_id }, Some(cookie)).await;
    ok(&response);
    serde_json::from_str(&response.body).unwrap()
}

async fn candidate_of(app: &TestApp, cookie: &str, post_id: i64, id: i64) -> Candidate {
    candidates(app, cookie, post_id)
        .await
        .items
        .into_iter()
        .find(|c| c.id == id)
        .unwrap()
}

async fn decide(app: &TestApp, cookie: &str, id: i64, version: i64, action: &str) -> TestResponse {
    app.call(
        DecideCandidate {
            id,
            version,
            action: action.to_string(),
            message: String::new(),
        },
        Some(cookie),
    )
    .await
}

async fn set_open(app: &TestApp, enterprise: &str, id: i64, open: bool) -> TestResponse {
    let version = current_version(app, enterprise, id).await;
    app.call(SetPostOpen { id, version, open }, Some(enterprise))
        .await
}

async fn pending_enterprises_cannot_publish(app: TestApp) {
    let enterprise = register_enterprise(&app).await;
    refused_with(
        &save(&app, &enterprise, 0, 0, &draft(TITLE, "automobile", 4)).await,
        "draft",
        "err_enterprise_not_verified",
    );
}

/// A pending enterprise uploads its business licence for staff to check; nobody else may
/// read it, and only enterprises upload one.
async fn a_licence_is_read_only_by_staff(app: TestApp) {
    let d = demo(&app).await;
    let enterprise = register_enterprise(&app).await;
    ok(&app
        .upload("/employer/licence", "营业执照.pdf", TINY_PDF, &enterprise)
        .await);
    let listed = app
        .call(
            EnterpriseList {
                status: "pending".into(),
                page: 0,
            },
            Some(&d.staff),
        )
        .await;
    let listed: app::enterprises::model::EnterprisePage =
        serde_json::from_str(&listed.body).unwrap();
    let pending = listed.items.iter().find(|e| e.credit_code == CODE).unwrap();
    assert_eq!(pending.licence.as_ref().unwrap().name, "营业执照.pdf");
    let licence = format!("/files/licence/{}", pending.id);
    assert_eq!(
        app.get_as(&licence, &d.staff).await.body.as_bytes(),
        TINY_PDF
    );
    assert_eq!(
        app.get_as(&licence, &d.talent).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get_as(&licence, &d.other_enterprise).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.upload("/employer/licence", "x.pdf", TINY_PDF, &d.talent)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

async fn each_post_rule_names_the_field_to_fix(app: TestApp) {
    let d = demo(&app).await;
    let enterprise = common::enterprises::enterprise_verified(&app, &d.staff, &HYDROGEN).await;
    let fields = draft(TITLE, "automobile", 4);
    for (key, value, message) in [
        ("draft[salary_min]", "40000", "err_salary_order"),
        ("draft[headcount]", "0", "err_headcount"),
        ("draft[closes_on]", "2020-01-01", "err_closing_date"),
        ("draft[industry]", "mining", "err_choice"),
    ] {
        let field = if message == "err_salary_order" {
            "draft[salary_max]"
        } else {
            key
        };
        refused_with(
            &save(&app, &enterprise, 0, 0, &with(fields.clone(), key, value)).await,
            field,
            message,
        );
    }
    let untitled = with(
        with(fields, "draft[title_en]", ""),
        "draft[description_en]",
        "",
    );
    refused_with(
        &save(&app, &enterprise, 0, 0, &untitled).await,
        "draft[title_zh]",
        "err_post_language",
    );
}

async fn posts_are_not_public_until_approved(app: TestApp) {
    let d = demo(&app).await;
    let (_, id) = post_in_review(&app, &d).await;
    assert!(board(&app, &[("q", "hydrogen")]).await.items.is_empty());
    assert_eq!(
        post_page(&app, id, None).await.status,
        StatusCode::NOT_FOUND
    );
}

async fn another_enterprise_cannot_edit_a_post_or_see_its_candidates(app: TestApp) {
    let d = demo(&app).await;
    let (_, id) = post_in_review(&app, &d).await;
    assert_eq!(
        save(
            &app,
            &d.other_enterprise,
            id,
            1,
            &draft(TITLE, "automobile", 4)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call(PostCandidates { post_id: id }, Some(&d.other_enterprise))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

async fn only_staff_review_posts(app: TestApp) {
    let d = demo(&app).await;
    let (enterprise, id) = post_in_review(&app, &d).await;
    assert_eq!(
        app.call(
            ReviewPost {
                id,
                version: 1,
                decision: "approve".into(),
                note: String::new()
            },
            Some(&enterprise)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
}

async fn a_post_is_sent_back_with_a_reason_the_enterprise_sees(app: TestApp) {
    let d = demo(&app).await;
    let (enterprise, id) = post_in_review(&app, &d).await;
    refused_with(
        &review(&app, &d.staff, id, "send_back", "").await,
        "note",
        "err_reason_required",
    );
    ok(&review(
        &app,
        &d.staff,
        id,
        "send_back",
        "Please give the salary before tax.",
    )
    .await);
    let page = post_of(&app, id, Some(&enterprise)).await;
    assert_eq!(page.card.state, PostState::Returned);
    assert!(page.review_note.contains("before tax"));
    assert!(has_notification(&app, &enterprise, "post_returned").await);
}

/// The enterprise edits a post sent back, which sends it to review again; a stale save is
/// refused.
async fn an_edit_goes_back_to_review_and_needs_the_current_version(app: TestApp) {
    let d = demo(&app).await;
    let (enterprise, id) = post_in_review(&app, &d).await;
    ok(&review(&app, &d.staff, id, "send_back", "Before tax, please.").await);
    let version = post_of(&app, id, Some(&enterprise)).await.card.version;
    let edited = with(draft(TITLE, "automobile", 4), "draft[salary_min]", "20000");
    ok(&save(&app, &enterprise, id, version, &edited).await);
    assert_eq!(
        post_of(&app, id, Some(&enterprise)).await.card.state,
        PostState::Review
    );
    assert_eq!(
        save(&app, &enterprise, id, version, &edited).await.status,
        StatusCode::CONFLICT
    );
    ok(&review(&app, &d.staff, id, "approve", "").await);
}

async fn an_approved_post_is_public_and_the_enterprise_is_told(app: TestApp) {
    let d = demo(&app).await;
    let (enterprise, id) = open_post(&app, &d).await;
    assert_eq!(ids(board(&app, &[("q", "HYDROGEN")]).await), vec![id]);
    assert!(has_notification(&app, &enterprise, "post_approved").await);
}

/// The talent keeps a search for this kind of post before it exists, and hears of it
/// once it is published.
async fn a_saved_search_tells_the_talent_of_a_matching_post(app: TestApp) {
    let d = demo(&app).await;
    ok(&app
        .call(
            SaveJobAlert {
                query: BoardQuery {
                    q: "hydrogen".into(),
                    industry: "automobile".into(),
                    ..Default::default()
                },
            },
            Some(&d.talent),
        )
        .await);
    let (_, id) = open_post(&app, &d).await;
    assert!(
        notifications(&app, &d.talent)
            .await
            .items
            .iter()
            .any(|n| n.kind == "job_alert" && n.link.as_deref() == Some(&format!("/jobs/{id}")))
    );
}

async fn board_filters_keep_or_drop_a_post_as_they_should(app: TestApp) {
    let d = demo(&app).await;
    let (_, id) = open_post(&app, &d).await;
    for (filter, value, kept) in [
        ("industry", "automobile", true),
        ("industry", "biomedicine", false),
        ("salary", "30000", true),
        ("salary", "30001", false),
        ("education", "doctorate", true),
        ("education", "bachelor", false),
    ] {
        let found = ids(board(&app, &[("q", "hydrogen"), (filter, value)]).await);
        assert_eq!(found.contains(&id), kept, "{filter}={value}");
    }
    let enterprise_id = post_of(&app, id, None).await.card.enterprise_id.to_string();
    assert_eq!(
        ids(board(&app, &[("enterprise", &enterprise_id)]).await),
        vec![id]
    );
}

/// The post and the demo enterprise's posts, in the order asked for.
async fn the_board_sorts_by_salary_and_closing_date(app: TestApp) {
    let d = demo(&app).await;
    open_post(&app, &d).await;
    let by_salary = board(&app, &[("sort", "salary")]).await.items;
    assert!(by_salary.len() > 1);
    assert!(
        by_salary
            .windows(2)
            .all(|w| w[0].salary_max >= w[1].salary_max)
    );
    let by_closing = board(&app, &[("sort", "closing")]).await.items;
    assert!(
        by_closing
            .windows(2)
            .all(|w| w[0].closes_on <= w[1].closes_on)
    );
}

/// The board, and the post with its structured data, as plain pages.
async fn the_board_and_a_post_work_without_script(app: TestApp) {
    let d = demo(&app).await;
    let (_, id) = open_post(&app, &d).await;
    let list = app.get("/jobs?q=hydrogen").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains(TITLE), "{}", list.body);
    let html = app.get(&format!("/jobs/{id}")).await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.body.contains("application/ld+json") && html.body.contains("\"JobPosting\""));
    assert!(html.body.contains("两江氢能科技有限公司"));
}

async fn a_talent_applies_once_and_enterprises_do_not_apply(app: TestApp) {
    let d = demo(&app).await;
    let (_, id) = open_post(&app, &d).await;
    applied(&app, id, &d.talent).await;
    let apply_path = format!("/jobs/{id}/apply");
    let note = [("note", NOTE)];
    // Again, from the page without script: sent back to it with the reason.
    let again = app
        .multipart(&apply_path, &note, None, &d.talent, false)
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let location = again.header("location");
    assert!(
        location.contains("apply_error=err_already_applied"),
        "{location}"
    );
    assert_eq!(
        app.multipart(&apply_path, &note, None, &d.other_enterprise, true)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

async fn a_program_renamed_to_pdf_is_refused_as_a_cv(app: TestApp) {
    let d = demo(&app).await;
    let (_, id) = open_post(&app, &d).await;
    let second = second_talent(&app).await;
    let exe = apply_to(
        &app,
        id,
        &second,
        "",
        Some(("cv.pdf", b"MZ\x90\x00\x03\x00\x00\x00")),
    )
    .await;
    assert_eq!(
        exe.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "{}",
        exe.body
    );
    // Refused before anything was stored: a plain application goes through.
    ok(&apply_to(&app, id, &second, "", None).await);
}

async fn a_talent_sees_only_their_own_applications(app: TestApp) {
    let d = demo(&app).await;
    let (_, id) = open_post(&app, &d).await;
    let application_id = applied(&app, id, &d.talent).await;
    let second = second_talent(&app).await;
    ok(&apply_to(&app, id, &second, "", None).await);
    let theirs: Vec<MyApplication> =
        serde_json::from_str(&app.call(MyApplications {}, Some(&second)).await.body).unwrap();
    assert_eq!(theirs.len(), 1);
    assert_ne!(theirs[0].id, application_id);
}

async fn a_cv_is_seen_only_by_the_talent_the_enterprise_and_staff(app: TestApp) {
    let d = demo(&app).await;
    let (enterprise, id) = open_post(&app, &d).await;
    let application_id = applied(&app, id, &d.talent).await;
    let second = second_talent(&app).await;
    ok(&apply_to(&app, id, &second, "", None).await);
    let cv = format!("/files/cv/{application_id}");
    assert_eq!(app.get_as(&cv, &second).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get_as(&cv, &d.other_enterprise).await.status,
        StatusCode::NOT_FOUND
    );
    let download = app.get_as(&cv, &enterprise).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.body.as_bytes(), TINY_PDF);
    assert_eq!(app.get_as(&cv, &d.talent).await.status, StatusCode::OK);
    assert_eq!(app.get_as(&cv, &d.staff).await.status, StatusCode::OK);
}

async fn the_enterprise_is_told_of_and_sees_its_candidates(app: TestApp) {
    let d = demo(&app).await;
    let (enterprise, id) = open_post(&app, &d).await;
    let application_id = applied(&app, id, &d.talent).await;
    let second = second_talent(&app).await;
    ok(&apply_to(&app, id, &second, "", None).await);
    assert!(has_notification(&app, &enterprise, "new_candidate").await);
    let list = candidates(&app, &enterprise, id).await;
    assert_eq!(list.items.len(), 2);
    let candidate = list.items.iter().find(|c| c.id == application_id).unwrap();
    assert_eq!(candidate.note, NOTE);
    assert_eq!(candidate.cv.as_ref().unwrap().name, "简历.pdf");
}

/// Until it invites them, the enterprise sees its candidates' contact masked; once it has
/// shortlisted one, it may call them.
async fn candidate_contacts_stay_masked_until_shortlisted(app: TestApp) {
    let d = demo(&app).await;
    let (enterprise, id) = open_post(&app, &d).await;
    let application_id = applied(&app, id, &d.talent).await;
    let second = second_talent(&app).await;
    ok(&apply_to(&app, id, &second, "", None).await);
    let list = candidates(&app, &enterprise, id).await;
    for c in &list.items {
        assert!(
            !c.contact.contains("talent@demo.hub") && !c.contact.contains("chen@example.cn"),
            "{}",
            c.contact
        );
    }
    let uninvited = list.items.iter().find(|c| c.id != application_id).unwrap();
    assert_eq!(uninvited.contact, "c***@example.cn");
    let candidate = list.items.iter().find(|c| c.id == application_id).unwrap();
    assert!(
        candidate.contact.starts_with("t***@demo.hub"),
        "{}",
        candidate.contact
    );
    ok(&decide(
        &app,
        &enterprise,
        application_id,
        candidate.version,
        "shortlist",
    )
    .await);
    let invited = candidate_of(&app, &enterprise, id, application_id).await;
    assert!(
        invited.contact.starts_with("talent@demo.hub"),
        "{}",
        invited.contact
    );
}

/// Only the post's enterprise moves its candidates, each move once; the talent hears of
/// the hire.
async fn the_enterprise_shortlists_and_hires_and_the_talent_hears_of_it(app: TestApp) {
    let d = demo(&app).await;
    let (enterprise, id) = open_post(&app, &d).await;
    let application_id = applied(&app, id, &d.talent).await;
    let version = candidate_of(&app, &enterprise, id, application_id)
        .await
        .version;
    assert_eq!(
        decide(&app, &d.other_enterprise, application_id, version, "hire")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    ok(&decide(&app, &enterprise, application_id, version, "shortlist").await);
    assert_eq!(
        decide(&app, &enterprise, application_id, version + 1, "shortlist")
            .await
            .status,
        StatusCode::CONFLICT
    );
    ok(&decide(&app, &enterprise, application_id, version + 1, "hire").await);
    assert!(has_notification(&app, &d.talent, "application_hired").await);
}

/// With the talent's consent (and only theirs) the hub records the employer in their
/// profile.
async fn a_hired_talent_may_record_the_employer_in_their_profile(app: TestApp) {
    let d = demo(&app).await;
    let (enterprise, id) = open_post(&app, &d).await;
    let application_id = applied(&app, id, &d.talent).await;
    let version = candidate_of(&app, &enterprise, id, application_id)
        .await
        .version;
    ok(&decide(&app, &enterprise, application_id, version, "hire").await);
    let second = second_talent(&app).await;
    assert_eq!(
        app.call(RecordEmployer { id: application_id }, Some(&second))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    ok(&app
        .call(RecordEmployer { id: application_id }, Some(&d.talent))
        .await);
    let profile: app::profile::model::TalentProfile =
        serde_json::from_str(&app.call(LoadProfile {}, Some(&d.talent)).await.body).unwrap();
    assert_eq!(profile.employer_name, "两江氢能科技有限公司");
    assert_eq!(profile.employer_in_district, "yes");
}

async fn closing_a_post_takes_it_off_the_board_until_reopened(app: TestApp) {
    let d = demo(&app).await;
    let (enterprise, id) = open_post(&app, &d).await;
    ok(&set_open(&app, &enterprise, id, false).await);
    assert!(board(&app, &[("q", "hydrogen")]).await.items.is_empty());
    assert_eq!(post_of(&app, id, None).await.card.state, PostState::Closed);
    ok(&set_open(&app, &enterprise, id, true).await);
    assert_eq!(ids(board(&app, &[("q", "hydrogen")]).await), vec![id]);
}

/// Past its closing date a post drops off the board by itself and takes no applications.
async fn a_post_past_its_closing_date_leaves_the_board_and_takes_no_applications(app: TestApp) {
    let d = demo(&app).await;
    let (_, id) = open_post(&app, &d).await;
    sqlx::query("UPDATE job_posts SET closes_on = $1 WHERE id = $2")
        .bind(in_days(-1))
        .bind(id)
        .execute(app.db.writer())
        .await
        .unwrap();
    assert!(board(&app, &[("q", "hydrogen")]).await.items.is_empty());
    assert_eq!(post_of(&app, id, None).await.card.state, PostState::Expired);
    let late = apply_to(&app, id, &d.talent, "", None).await;
    refused_with(&late, "note", "err_post_closed");
}

/// Creates, and (unless `review_only`) approves, a post of `enterprise`.
async fn approved_post(
    app: &TestApp,
    enterprise: &str,
    staff: &str,
    title: &str,
    industry: &str,
    headcount: i64,
    review_only: bool,
) -> i64 {
    let saved = save(app, enterprise, 0, 0, &draft(title, industry, headcount)).await;
    ok(&saved);
    let id: i64 = saved.body.trim().parse().unwrap();
    if !review_only {
        ok(&review(app, staff, id, "approve", "").await);
    }
    id
}

async fn stats(app: &TestApp) -> DemandStats {
    let response = app.call(JobStats {}, None).await;
    ok(&response);
    serde_json::from_str(&response.body).unwrap()
}

async fn statistics_match_the_posts(app: TestApp) {
    app::demo::seed(&app.db).await.unwrap();
    let pw = app::demo::DEMO_PASSWORD;
    let staff = app.sign_in("staff@demo.hub", pw).await;
    let enterprise = app.sign_in("hr@demo-auto.hub", pw).await;
    let before = stats(&app).await;

    for (title, industry, headcount, review_only) in [
        ("Cell chemist", "biomedicine", 7, false),
        ("Vaccine analyst", "biomedicine", 5, false),
        ("Chip tester", "electronics", 11, false),
        // Waiting for review: not demand yet.
        ("Lab aide", "biomedicine", 40, true),
    ] {
        approved_post(
            &app,
            &enterprise,
            &staff,
            title,
            industry,
            headcount,
            review_only,
        )
        .await;
    }
    // Published, then closed: counted as demand raised, not as open.
    let closed = approved_post(&app, &enterprise, &staff, "Welder", "equipment", 3, false).await;
    let version = current_version(&app, &enterprise, closed).await;
    ok(&app
        .call(
            SetPostOpen {
                id: closed,
                version,
                open: false,
            },
            Some(&enterprise),
        )
        .await);

    let after = stats(&app).await;
    // First way: what the test itself added.
    let open_of = |s: &DemandStats, code: &str| {
        s.by_industry
            .iter()
            .find(|i| i.code == code)
            .map(|i| (i.posts, i.headcount))
            .unwrap()
    };
    let delta = |code: &str| {
        let (a, b) = (open_of(&after, code), open_of(&before, code));
        (a.0 - b.0, a.1 - b.1)
    };
    assert_eq!(delta("biomedicine"), (2, 12));
    assert_eq!(delta("electronics"), (1, 11));
    assert_eq!(delta("equipment"), (0, 0));
    assert_eq!(after.open_headcount - before.open_headcount, 23);
    assert_eq!(after.posted_headcount - before.posted_headcount, 26);
    let this_month = |s: &DemandStats| s.by_month.last().unwrap().headcount;
    assert_eq!(this_month(&after) - this_month(&before), 26);
    assert_eq!(after.target, 90_000);

    // Second way: every open post on the public board, added up here.
    let mut by_industry = std::collections::BTreeMap::<String, (i64, i64)>::new();
    let mut page = 0;
    loop {
        let page_str = page.to_string();
        let listed = board(&app, &[("page", &page_str)]).await;
        for card in &listed.items {
            let entry = by_industry.entry(card.industry.clone()).or_default();
            entry.0 += 1;
            entry.1 += card.headcount;
        }
        if !listed.has_more {
            break;
        }
        page += 1;
    }
    for industry in &after.by_industry {
        assert_eq!(
            by_industry.get(&industry.code).copied().unwrap_or_default(),
            (industry.posts, industry.headcount),
            "{}",
            industry.code
        );
    }
    assert_eq!(
        by_industry.values().map(|v| v.1).sum::<i64>(),
        after.open_headcount
    );

    // The CSV holds the same numbers and opens in Excel as UTF-8 (text quoted, numbers not).
    let csv = app.get("/jobs/stats.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.header("content-type").starts_with("text/csv"));
    assert!(csv.body.starts_with('\u{feff}'));
    let biomedicine = open_of(&after, "biomedicine");
    assert!(csv.body.contains(&format!(
        "\"open_by_industry\",\"biomedicine\",\"生物医药\",\"Bio-medicine\",{},{}",
        biomedicine.0, biomedicine.1
    )));
    assert!(csv.body.contains(&format!(
        "\"total\",\"open\",\"在招\",\"Open\",{},{}",
        after.open_posts, after.open_headcount
    )));
    // And the page draws the charts with the table beside them.
    let html = app.get("/jobs/stats").await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.body.contains("chart-industry") && html.body.contains("industry-table"));
}

async fn administrators_manage_the_industry_list(app: TestApp) {
    app::demo::seed(&app.db).await.unwrap();
    let pw = app::demo::DEMO_PASSWORD;
    let admin = app.sign_in("admin@demo.hub", pw).await;
    let staff = app.sign_in("staff@demo.hub", pw).await;
    let enterprise = app.sign_in("hr@demo-auto.hub", pw).await;
    let industry = |active: &'static str| SaveIndustry {
        code: "hydrogen".into(),
        name_zh: "氢能".into(),
        name_en: "Hydrogen energy".into(),
        active: active.into(),
    };
    assert_eq!(
        app.call(industry("on"), Some(&staff)).await.status,
        StatusCode::FORBIDDEN
    );
    refused_with(
        &app.call(
            SaveIndustry {
                code: "Hydrogen Energy".into(),
                name_zh: "氢能".into(),
                name_en: "H2".into(),
                active: String::new(),
            },
            Some(&admin),
        )
        .await,
        "code",
        "err_industry_code",
    );
    ok(&app.call(industry("on"), Some(&admin)).await);
    let listed: Vec<IndustryChoice> =
        serde_json::from_str(&app.call(JobIndustries {}, None).await.body).unwrap();
    assert!(listed.iter().any(|i| i.code == "hydrogen" && i.active));
    ok(&save(
        &app,
        &enterprise,
        0,
        0,
        &draft("Electrolyser engineer", "hydrogen", 2),
    )
    .await);
    // Retired: no longer offered for new posts.
    ok(&app.call(industry(""), Some(&admin)).await);
    refused_with(
        &save(
            &app,
            &enterprise,
            0,
            0,
            &draft("Tank engineer", "hydrogen", 2),
        )
        .await,
        "draft[industry]",
        "err_choice",
    );
}
