//! Talent demand on SQLite and PostgreSQL: only verified enterprises post, staff review
//! every post, the board finds what it should (and drops what has closed), applications
//! stay between the talent and the post's enterprise, and the statistics add up.
use crate::common;

use app::enterprises::api::{DecideEnterprise, EnterpriseList};
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
    posts_are_reviewed_found_applied_to_and_hired_through,
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

async fn register_enterprise(app: &TestApp) -> String {
    let registered = app
        .register(
            "/api/accounts/register_enterprise",
            &[
                ("org_name", "两江氢能科技有限公司"),
                ("credit_code", CODE),
                ("contact_person", "刘"),
                ("login", "hr@hydrogen.cn"),
                ("password", PASSWORD),
            ],
        )
        .await;
    registered.session_cookie().expect("registered")
}

async fn verify(app: &TestApp, staff: &str) {
    let me = app
        .call(
            EnterpriseList {
                status: "pending".into(),
                page: 0,
            },
            Some(staff),
        )
        .await;
    let page: app::enterprises::model::EnterprisePage = serde_json::from_str(&me.body).unwrap();
    let e = page
        .items
        .iter()
        .find(|e| e.credit_code == CODE)
        .expect("pending");
    ok(&app
        .call(
            DecideEnterprise {
                id: e.id,
                version: e.version,
                decision: "verified".into(),
                note: String::new(),
            },
            Some(staff),
        )
        .await);
}

async fn posts_are_reviewed_found_applied_to_and_hired_through(app: TestApp) {
    app::demo::seed(&app.db).await.unwrap();
    let pw = app::demo::DEMO_PASSWORD;
    let staff = app.sign_in("staff@demo.hub", pw).await;
    let talent = app.sign_in("talent@demo.hub", pw).await;
    let other_enterprise = app.sign_in("hr@demo-auto.hub", pw).await;
    let enterprise = register_enterprise(&app).await;

    // Pending enterprises cannot publish.
    let title = "Hydrogen stack engineer";
    let fields = draft(title, "automobile", 4);
    refused_with(
        &save(&app, &enterprise, 0, 0, &fields).await,
        "draft",
        "err_enterprise_not_verified",
    );
    // It uploads its business licence for staff to check; nobody else may read it.
    ok(&app
        .upload("/employer/licence", "营业执照.pdf", TINY_PDF, &enterprise)
        .await);
    let listed = app
        .call(
            EnterpriseList {
                status: "pending".into(),
                page: 0,
            },
            Some(&staff),
        )
        .await;
    let listed: app::enterprises::model::EnterprisePage =
        serde_json::from_str(&listed.body).unwrap();
    let pending = listed.items.iter().find(|e| e.credit_code == CODE).unwrap();
    assert_eq!(pending.licence.as_ref().unwrap().name, "营业执照.pdf");
    let licence = format!("/files/licence/{}", pending.id);
    assert_eq!(app.get_as(&licence, &staff).await.body.as_bytes(), TINY_PDF);
    assert_eq!(
        app.get_as(&licence, &talent).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get_as(&licence, &other_enterprise).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.upload("/employer/licence", "x.pdf", TINY_PDF, &talent)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    verify(&app, &staff).await;

    // Each rule names the field to fix.
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
        with(fields.clone(), "draft[title_en]", ""),
        "draft[description_en]",
        "",
    );
    refused_with(
        &save(&app, &enterprise, 0, 0, &untitled).await,
        "draft[title_zh]",
        "err_post_language",
    );

    // The talent keeps a search for this kind of post before it exists.
    ok(&app
        .call(
            SaveJobAlert {
                query: BoardQuery {
                    q: "hydrogen".into(),
                    industry: "automobile".into(),
                    ..Default::default()
                },
            },
            Some(&talent),
        )
        .await);

    let saved = save(&app, &enterprise, 0, 0, &fields).await;
    ok(&saved);
    let id: i64 = saved.body.trim().parse().unwrap();

    // Not public while waiting for review.
    assert!(board(&app, &[("q", "hydrogen")]).await.items.is_empty());
    assert_eq!(
        post_page(&app, id, None).await.status,
        StatusCode::NOT_FOUND
    );
    // Another enterprise can neither edit it nor see its candidates.
    assert_eq!(
        save(&app, &other_enterprise, id, 1, &fields).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call(PostCandidates { post_id: id }, Some(&other_enterprise))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // Only staff review.
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
    // Sending back needs a reason; the enterprise is told and sees it.
    refused_with(
        &review(&app, &staff, id, "send_back", "").await,
        "note",
        "err_reason_required",
    );
    ok(&review(
        &app,
        &staff,
        id,
        "send_back",
        "Please give the salary before tax.",
    )
    .await);
    let page: PostPage =
        serde_json::from_str(&post_page(&app, id, Some(&enterprise)).await.body).unwrap();
    assert_eq!(page.card.state, PostState::Returned);
    assert!(page.review_note.contains("before tax"));
    assert!(
        notifications(&app, &enterprise)
            .await
            .items
            .iter()
            .any(|n| n.kind == "post_returned")
    );
    // The enterprise edits it, which sends it to review again; a stale save is refused.
    let edited = with(fields.clone(), "draft[salary_min]", "20000");
    ok(&save(&app, &enterprise, id, page.card.version, &edited).await);
    assert_eq!(
        save(&app, &enterprise, id, page.card.version, &edited)
            .await
            .status,
        StatusCode::CONFLICT
    );
    ok(&review(&app, &staff, id, "approve", "").await);

    // Public now, and the saved search told the talent.
    let ids = |page: BoardPage| page.items.iter().map(|c| c.id).collect::<Vec<_>>();
    assert_eq!(ids(board(&app, &[("q", "HYDROGEN")]).await), vec![id]);
    assert!(
        notifications(&app, &talent)
            .await
            .items
            .iter()
            .any(|n| n.kind == "job_alert" && n.link.as_deref() == Some(&format!("/jobs/{id}")))
    );
    assert!(
        notifications(&app, &enterprise)
            .await
            .items
            .iter()
            .any(|n| n.kind == "post_approved")
    );
    // Each filter keeps or drops it as it should.
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
    let enterprise_id = page.card.enterprise_id.to_string();
    assert_eq!(
        ids(board(&app, &[("enterprise", &enterprise_id)]).await),
        vec![id]
    );
    // The demo enterprise's posts are there too, in the order asked for.
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
    // Pages work without script: the board and the post with its structured data.
    let list = app.get("/jobs?q=hydrogen").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains(title), "{}", list.body);
    let html = app.get(&format!("/jobs/{id}")).await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.body.contains("application/ld+json") && html.body.contains("\"JobPosting\""));
    assert!(html.body.contains("两江氢能科技有限公司"));

    // Applying: a note and a CV, once.
    let apply_path = format!("/jobs/{id}/apply");
    let note = [("note", "I built PEM stacks for five years.")];
    let applied = app
        .multipart(
            &apply_path,
            &note,
            Some(("简历.pdf", TINY_PDF)),
            &talent,
            true,
        )
        .await;
    ok(&applied);
    let application_id: i64 = applied.body.trim().parse().unwrap();
    let again = app
        .multipart(&apply_path, &note, None, &talent, false)
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let location = again.header("location");
    assert!(
        location.contains("apply_error=err_already_applied"),
        "{location}"
    );
    // Enterprises do not apply.
    assert_eq!(
        app.multipart(&apply_path, &note, None, &other_enterprise, true)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // A second talent: a program renamed to .pdf is refused, then a plain application.
    ok(&app
        .register(
            "/api/accounts/register_talent",
            &[
                ("display_name", "陈静"),
                ("login", "chen@example.cn"),
                ("password", PASSWORD),
            ],
        )
        .await);
    let second = app.sign_in("chen@example.cn", PASSWORD).await;
    let exe = app
        .multipart(
            &apply_path,
            &[],
            Some(("cv.pdf", b"MZ\x90\x00\x03\x00\x00\x00")),
            &second,
            true,
        )
        .await;
    assert_eq!(
        exe.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "{}",
        exe.body
    );
    ok(&app.multipart(&apply_path, &[], None, &second, true).await);
    // Each talent sees only their own applications and CV.
    let theirs: Vec<MyApplication> =
        serde_json::from_str(&app.call(MyApplications {}, Some(&second)).await.body).unwrap();
    assert_eq!(theirs.len(), 1);
    assert_ne!(theirs[0].id, application_id);
    let cv = format!("/files/cv/{application_id}");
    assert_eq!(app.get_as(&cv, &second).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get_as(&cv, &other_enterprise).await.status,
        StatusCode::NOT_FOUND
    );
    let download = app.get_as(&cv, &enterprise).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.body.as_bytes(), TINY_PDF);
    assert_eq!(app.get_as(&cv, &talent).await.status, StatusCode::OK);

    // The enterprise shortlists and hires; the talent hears of it.
    let candidates = |cookie: String| {
        let app = &app;
        async move {
            let response = app
                .call(PostCandidates { post_id: id }, Some(&cookie))
                .await;
            ok(&response);
            serde_json::from_str::<Candidates>(&response.body).unwrap()
        }
    };
    let list = candidates(enterprise.clone()).await;
    assert_eq!(list.items.len(), 2);
    let candidate = list
        .items
        .iter()
        .find(|c| c.id == application_id)
        .unwrap()
        .clone();
    assert_eq!(candidate.note, "I built PEM stacks for five years.");
    assert_eq!(candidate.cv.as_ref().unwrap().name, "简历.pdf");
    // Until it invites them, the enterprise sees its candidates' contact masked.
    for c in &list.items {
        assert!(
            !c.contact.contains("talent@demo.hub") && !c.contact.contains("chen@example.cn"),
            "{}",
            c.contact
        );
    }
    let uninvited = list.items.iter().find(|c| c.id != application_id).unwrap();
    assert_eq!(uninvited.contact, "c***@example.cn");
    assert!(
        candidate.contact.starts_with("t***@demo.hub"),
        "{}",
        candidate.contact
    );
    let decide = |action: &'static str, version: i64, cookie: String| {
        let app = &app;
        async move {
            app.call(
                DecideCandidate {
                    id: application_id,
                    version,
                    action: action.to_string(),
                    message: String::new(),
                },
                Some(&cookie),
            )
            .await
        }
    };
    assert_eq!(
        decide("hire", candidate.version, other_enterprise.clone())
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    ok(&decide("shortlist", candidate.version, enterprise.clone()).await);
    assert_eq!(
        decide("shortlist", candidate.version + 1, enterprise.clone())
            .await
            .status,
        StatusCode::CONFLICT
    );
    // Shortlisted: now the enterprise may call.
    let invited = candidates(enterprise.clone()).await;
    let invited = invited
        .items
        .iter()
        .find(|c| c.id == application_id)
        .unwrap();
    assert!(
        invited.contact.starts_with("talent@demo.hub"),
        "{}",
        invited.contact
    );
    ok(&decide("hire", candidate.version + 1, enterprise.clone()).await);
    assert!(
        notifications(&app, &talent)
            .await
            .items
            .iter()
            .any(|n| n.kind == "application_hired")
    );
    assert!(
        notifications(&app, &enterprise)
            .await
            .items
            .iter()
            .any(|n| n.kind == "new_candidate")
    );

    // With the talent's consent the hub records the employer in their profile.
    assert_eq!(
        app.call(RecordEmployer { id: application_id }, Some(&second))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    ok(&app
        .call(RecordEmployer { id: application_id }, Some(&talent))
        .await);
    let profile: app::profile::model::TalentProfile =
        serde_json::from_str(&app.call(LoadProfile {}, Some(&talent)).await.body).unwrap();
    assert_eq!(profile.employer_name, "两江氢能科技有限公司");
    assert_eq!(profile.employer_in_district, "yes");

    // Closing takes it off the board; reopening puts it back.
    let set_open = |open: bool| {
        let app = &app;
        let enterprise = enterprise.clone();
        async move {
            let version = current_version(app, &enterprise, id).await;
            app.call(SetPostOpen { id, version, open }, Some(&enterprise))
                .await
        }
    };
    ok(&set_open(false).await);
    assert!(board(&app, &[("q", "hydrogen")]).await.items.is_empty());
    let closed: PostPage = serde_json::from_str(&post_page(&app, id, None).await.body).unwrap();
    assert_eq!(closed.card.state, PostState::Closed);
    ok(&set_open(true).await);
    assert_eq!(ids(board(&app, &[("q", "hydrogen")]).await), vec![id]);

    // Past its closing date it drops off the board by itself and takes no applications.
    sqlx::query("UPDATE job_posts SET closes_on = $1 WHERE id = $2")
        .bind(in_days(-1))
        .bind(id)
        .execute(app.db.writer())
        .await
        .unwrap();
    assert!(board(&app, &[("q", "hydrogen")]).await.items.is_empty());
    let expired: PostPage = serde_json::from_str(&post_page(&app, id, None).await.body).unwrap();
    assert_eq!(expired.card.state, PostState::Expired);
    let late = app.multipart(&apply_path, &[], None, &second, true).await;
    refused_with(&late, "note", "err_post_closed");
}

/// Creates, and (unless `review_only`) approves, a post of the demo enterprise.
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

    approved_post(
        &app,
        &enterprise,
        &staff,
        "Cell chemist",
        "biomedicine",
        7,
        false,
    )
    .await;
    approved_post(
        &app,
        &enterprise,
        &staff,
        "Vaccine analyst",
        "biomedicine",
        5,
        false,
    )
    .await;
    approved_post(
        &app,
        &enterprise,
        &staff,
        "Chip tester",
        "electronics",
        11,
        false,
    )
    .await;
    // Waiting for review: not demand yet.
    approved_post(
        &app,
        &enterprise,
        &staff,
        "Lab aide",
        "biomedicine",
        40,
        true,
    )
    .await;
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
