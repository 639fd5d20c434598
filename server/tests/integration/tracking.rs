//! Public doors on SQLite and PostgreSQL: following a case or concern without signing in
//! (a one-time code to the contact on file, then only the public timeline), and the open
//! data page and CSV, which name nobody.
use crate::common;

use app::cases::api::{AddCaseNote, RateCase};
use app::concerns::api::{ActOnConcern, RaiseConcern};
use app::concerns::model::ConcernForm;
use app::dashboard::api::LoadDashboard;
use app::dashboard::model::PeriodQuery;
use app::opendata::api::LoadOpenData;
use app::tracking::api::{
    ActAsVisitor, ConfirmTracking, RateAsVisitor, RequestTracking, TrackedTimeline,
};
use axum::http::StatusCode;
use common::TestApp;
use common::cases::*;

on_both_databases!(
    a_case_is_followed_with_a_code_sent_to_the_contact_on_file,
    a_visitor_confirms_reopens_and_rates_their_concern_with_the_code,
    open_data_names_nobody_and_matches_the_dashboard,
    open_data_publishes_ratings_by_department_and_by_month,
);

/// The code in the latest message to `address` about `number`.
async fn code_sent(app: &TestApp, address: &str, number: &str) -> Option<String> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT body FROM outbox WHERE to_address = $1 AND body LIKE $2 ORDER BY id DESC",
    )
    .bind(address)
    .bind(format!("%{number}%"))
    .fetch_all(app.db.reader())
    .await
    .unwrap();
    let body = rows.first()?.0.clone();
    let start = body.find("验证码是 ")? + "验证码是 ".len();
    Some(body[start..start + 6].to_string())
}

fn ticket_of(response: &common::TestResponse) -> String {
    let location = response.header("location");
    assert!(
        location.starts_with("/track?ticket="),
        "{} {location}",
        response.status
    );
    location["/track?ticket=".len()..].to_string()
}

async fn request(app: &TestApp, number: &str, contact: &str) -> common::TestResponse {
    app.call(
        RequestTracking {
            number: number.to_string(),
            contact: contact.to_string(),
        },
        None,
    )
    .await
}

async fn a_case_is_followed_with_a_code_sent_to_the_contact_on_file(app: TestApp) {
    let p = people(&app).await;
    let case = apply(&app, &p.talent, "LJ-TALENT-CARD").await;
    let number = case.summary.number.clone().unwrap();
    state_of(&act(&app, &p.staff, case.summary.id, "accept", &[]).await);
    let note = app
        .call(
            AddCaseNote {
                id: case.summary.id,
                text: "内部：已电话核实".into(),
            },
            Some(&p.staff),
        )
        .await;
    ok(&note);

    // The wrong contact gets the same answer, and no code goes anywhere.
    let wrong = request(&app, &number, "someone@example.cn").await;
    let wrong_ticket = ticket_of(&wrong);
    assert_eq!(code_sent(&app, "someone@example.cn", &number).await, None);
    let refused = app
        .call(
            ConfirmTracking {
                ticket: wrong_ticket.to_string(),
                code: "123456".into(),
            },
            None,
        )
        .await;
    assert!(
        refused.body.contains("err_track_code_wrong"),
        "{}",
        refused.body
    );

    // The applicant's e-mail, typed loosely, with the number in lower case.
    let right = request(&app, &number.to_lowercase(), " Talent@Demo.Hub ").await;
    let ticket = ticket_of(&right);
    let code = code_sent(&app, "talent@demo.hub", &number)
        .await
        .expect("a code was sent");
    let bad_code = if code == "000000" { "111111" } else { "000000" };
    let miss = app
        .call(
            ConfirmTracking {
                ticket: ticket.to_string(),
                code: bad_code.to_string(),
            },
            None,
        )
        .await;
    assert!(miss.body.contains("err_track_code_wrong"));
    let confirmed = app
        .call(
            ConfirmTracking {
                ticket: ticket.to_string(),
                code: code.to_string(),
            },
            None,
        )
        .await;
    // The grant travels in a cookie, never in the address (history, referrers).
    let location = confirmed.header("location").to_string();
    assert_eq!(location, "/track/view", "{}", confirmed.body);
    let grant = confirmed.cookie("hub_track").expect("the grant's cookie");
    assert!(confirmed.header("set-cookie").contains("HttpOnly"));

    // The public timeline only: the internal note stays inside.
    let view = app.call(TrackedTimeline {}, Some(&grant)).await;
    ok(&view);
    let tracked: app::tracking::model::Tracked = serde_json::from_str(&view.body).unwrap();
    assert_eq!(tracked.number, number);
    assert_eq!(tracked.state, "under_review");
    assert!(tracked.events.iter().any(|e| e.kind == "accept"));
    assert!(!view.body.contains("内部"));
    let page = app.get_as(&location, &grant).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&number) && !page.body.contains("内部"));

    // A code works once; a made-up grant opens nothing.
    let again = app
        .call(
            ConfirmTracking {
                ticket: ticket.to_string(),
                code: code.to_string(),
            },
            None,
        )
        .await;
    assert!(again.body.contains("err_track_expired"));
    let forged = app.call(TrackedTimeline {}, Some("hub_track=00ff")).await;
    assert!(forged.body.contains("err_track_expired"));

    // Tries are limited per ticket, and lookups per address.
    let third = ticket_of(&request(&app, &number, "talent@demo.hub").await);
    for _ in 0..5 {
        app.call(
            ConfirmTracking {
                ticket: third.to_string(),
                code: bad_code.to_string(),
            },
            None,
        )
        .await;
    }
    let code = code_sent(&app, "talent@demo.hub", &number).await.unwrap();
    let locked = app
        .call(
            ConfirmTracking {
                ticket: third.to_string(),
                code: code.to_string(),
            },
            None,
        )
        .await;
    assert!(locked.body.contains("err_track_expired"), "{}", locked.body);
    let bad_number = request(&app, "LJ-2026-12", "talent@demo.hub").await;
    assert!(bad_number.body.contains("err_track_number"));
    let mut last = bad_number;
    for _ in 0..10 {
        last = request(&app, &number, "talent@demo.hub").await;
    }
    assert_eq!(last.status, axum::http::StatusCode::TOO_MANY_REQUESTS);
    assert!(last.body.contains("err_track_throttled"), "{}", last.body);
}

/// Opens `number` with the code sent to `contact`; returns the grant's cookie.
async fn granted(app: &TestApp, number: &str, contact: &str) -> String {
    let ticket = ticket_of(&request(app, number, contact).await);
    let code = code_sent(app, contact, number)
        .await
        .expect("a code was sent");
    let confirmed = app
        .call(
            ConfirmTracking {
                ticket: ticket.to_string(),
                code: code.to_string(),
            },
            None,
        )
        .await;
    assert_eq!(confirmed.header("location"), "/track/view");
    confirmed.cookie("hub_track").expect("the grant's cookie")
}

async fn tracked(app: &TestApp, grant: &str) -> app::tracking::model::Tracked {
    let view = app.call(TrackedTimeline {}, Some(grant)).await;
    ok(&view);
    serde_json::from_str(&view.body).unwrap()
}

async fn concern_version(app: &TestApp, id: i64) -> i64 {
    let (version,): (i64,) = sqlx::query_as("SELECT version FROM concerns WHERE id = $1")
        .bind(id)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    version
}

async fn staff_reply(app: &TestApp, staff: &str, id: i64, text: &str) {
    let version = concern_version(app, id).await;
    ok(&app
        .call(
            ActOnConcern {
                id,
                version,
                action: "reply".into(),
                text: text.to_string(),
                department: String::new(),
                template: 0,
            },
            Some(staff),
        )
        .await);
}

async fn a_visitor_confirms_reopens_and_rates_their_concern_with_the_code(app: TestApp) {
    use app::concerns::model::ConcernAction;
    let p = people(&app).await;
    let visitor_email = "visitor@example.cn";
    let raised = app
        .call(
            RaiseConcern {
                form: ConcernForm {
                    kind: "consultation".into(),
                    subject: "落户政策".into(),
                    text: "外省户籍可以申请吗？".into(),
                    name: "访客".into(),
                    email: visitor_email.to_string(),
                    ..Default::default()
                },
            },
            None,
        )
        .await;
    ok(&raised);
    let number: String = serde_json::from_str(&raised.body).unwrap();
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM concerns WHERE number = $1")
        .bind(&number)
        .fetch_one(app.db.reader())
        .await
        .unwrap();

    // Before an answer there is nothing to confirm; the answer's e-mail says where to go.
    let grant = granted(&app, &number, visitor_email).await;
    let choices = tracked(&app, &grant)
        .await
        .visitor
        .expect("a visitor's concern");
    assert!(choices.actions.is_empty() && !choices.may_rate);
    staff_reply(&app, &p.staff, id, "可以，详见落户政策第三条。").await;
    let (answer,): (String,) =
        sqlx::query_as("SELECT body FROM outbox WHERE to_address = $1 AND body LIKE '%第三条%'")
            .bind(visitor_email)
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert!(answer.contains("/track") && answer.contains(&number));
    let choices = tracked(&app, &grant).await.visitor.unwrap();
    assert_eq!(
        choices.actions,
        vec![ConcernAction::Confirm, ConcernAction::Reopen]
    );

    let visitor_act = |action: &'static str, version: i64, text: &'static str| {
        let (app, grant) = (&app, grant.clone());
        async move {
            app.call(
                ActAsVisitor {
                    version,
                    action: action.to_string(),
                    text: text.to_string(),
                },
                Some(grant.as_str()),
            )
            .await
        }
    };
    // Reopening needs a reason; a visitor cannot act as the office; then it reopens, once.
    let version = choices.version;
    let no_reason = visitor_act("reopen", version, "").await;
    assert!(
        no_reason.body.contains("err_required"),
        "{}",
        no_reason.body
    );
    let as_office = visitor_act("close", version, "结束").await;
    assert_eq!(as_office.status, StatusCode::FORBIDDEN);
    ok(&visitor_act("reopen", version, "我是外省农业户籍，也可以吗？").await);
    let after = tracked(&app, &grant).await;
    assert_eq!(after.state, "reopened");
    assert!(
        after
            .events
            .iter()
            .any(|e| e.kind == "reopen" && e.text.contains("农业户籍"))
    );
    let (author,): (Option<i64>,) = sqlx::query_as(
        "SELECT author_id FROM concern_messages WHERE concern_id = $1 AND action = 'reopen'",
    )
    .bind(id)
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(author, None, "written as the visitor, not as some account");
    staff_reply(&app, &p.staff, id, "农业户籍同样可以。").await;
    let choices = tracked(&app, &grant).await.visitor.unwrap();
    assert_eq!(
        choices.actions,
        vec![ConcernAction::Confirm],
        "reopened once"
    );

    // A stale page is refused; then the visitor confirms and rates; two stars open a follow-up.
    let stale = visitor_act("confirm", version, "").await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    ok(&visitor_act("confirm", choices.version, "").await);
    let choices = tracked(&app, &grant).await.visitor.unwrap();
    assert!(choices.may_rate && choices.actions.is_empty());
    let rate = |stars: &'static str| {
        let (app, grant) = (&app, grant.clone());
        let version = choices.version;
        async move {
            app.call(
                RateAsVisitor {
                    version,
                    rating: stars.to_string(),
                    comment: "来回两次才答清楚".into(),
                },
                Some(grant.as_str()),
            )
            .await
        }
    };
    ok(&rate("2").await);
    assert!(rate("5").await.body.contains("err_already_rated"));
    assert_eq!(tracked(&app, &grant).await.visitor.unwrap().rating, Some(2));
    let (opened,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM review_followups WHERE concern_id = $1")
            .bind(id)
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(opened, 1);

    // A made-up grant opens nothing, a case's grant acts on no concern, and an account
    // holder's concern is theirs to act on after signing in, not through a code.
    let forged = app
        .call(
            ActAsVisitor {
                version: 1,
                action: "confirm".into(),
                text: String::new(),
            },
            Some("hub_track=00ff"),
        )
        .await;
    assert!(forged.body.contains("err_track_expired"));
    let case = apply(&app, &p.talent, "LJ-TALENT-CARD").await;
    let case_grant = granted(
        &app,
        case.summary.number.as_deref().unwrap(),
        "talent@demo.hub",
    )
    .await;
    let on_case = app
        .call(
            ActAsVisitor {
                version: 1,
                action: "confirm".into(),
                text: String::new(),
            },
            Some(&case_grant),
        )
        .await;
    assert_eq!(on_case.status, StatusCode::NOT_FOUND);
    let own = app
        .call(
            RaiseConcern {
                form: ConcernForm {
                    kind: "consultation".into(),
                    subject: "人才公寓".into(),
                    text: "还有房源吗？".into(),
                    ..Default::default()
                },
            },
            Some(&p.talent),
        )
        .await;
    let own_number: String = serde_json::from_str(&own.body).unwrap();
    let (own_id,): (i64,) = sqlx::query_as("SELECT id FROM concerns WHERE number = $1")
        .bind(&own_number)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    staff_reply(&app, &p.staff, own_id, "还有。").await;
    let own_grant = granted(&app, &own_number, "talent@demo.hub").await;
    assert!(tracked(&app, &own_grant).await.visitor.is_none());
    let refused = app
        .call(
            ActAsVisitor {
                version: concern_version(&app, own_id).await,
                action: "confirm".into(),
                text: String::new(),
            },
            Some(&own_grant),
        )
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
}

async fn open_data_names_nobody_and_matches_the_dashboard(app: TestApp) {
    let p = people(&app).await;
    // A decided, paid and badly rated case, to have figures and a comment to keep out.
    let case = apply(&app, &p.talent, "LJ-GRAD-RESETTLE").await;
    let id = case.summary.id;
    state_of(&act(&app, &p.employer, id, "confirm", &[]).await);
    state_of(&act(&app, &p.staff, id, "accept", &[]).await);
    state_of(&act(&app, &p.staff, id, "approve", &[("amount_yuan", "6000")]).await);
    state_of(&act(&app, &p.staff, id, "disburse", &[("reference", "PAY-9")]).await);
    ok(&app
        .call(
            RateCase {
                id,
                rating: "2".into(),
                aspects: Default::default(),
                comment: "窗口态度不好".into(),
            },
            Some(&p.talent),
        )
        .await);

    let response = app.call(LoadOpenData { year: 0 }, None).await;
    ok(&response);
    let data: app::opendata::model::OpenData = serde_json::from_str(&response.body).unwrap();
    let year = data.year;
    let dashboard = app
        .call(
            LoadDashboard {
                period: PeriodQuery {
                    from: format!("{year}-01-01"),
                    to: String::new(),
                },
            },
            Some(&p.staff),
        )
        .await;
    let dashboard: app::dashboard::model::Dashboard =
        serde_json::from_str(&dashboard.body).unwrap();
    assert_eq!(data.delivered, dashboard.decided);
    assert_eq!(data.disbursed_fen, dashboard.disbursed_fen);
    assert_eq!(data.disbursed_fen, 600_000);
    assert_eq!((data.ratings, data.satisfied), (1, 0));
    let grad = data
        .services
        .iter()
        .find(|s| s.code == "LJ-GRAD-RESETTLE")
        .unwrap();
    assert_eq!((grad.delivered, grad.disbursed_fen), (1, 600_000));
    // By policy category: the graduate subsidy is an education item.
    let education = data
        .by_category()
        .into_iter()
        .find(|c| c.category == app::catalogue::model::Category::Education)
        .unwrap();
    assert_eq!(education.disbursed_fen, 600_000);

    let page = app.get("/statistics").await;
    assert_eq!(page.status, StatusCode::OK, "public");
    let csv = app.get(&format!("/statistics.csv?year={year}")).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.starts_with('\u{feff}'));
    assert!(csv.body.contains("LJ-GRAD-RESETTLE") && csv.body.contains("6000.00"));
    assert!(
        csv.body
            .lines()
            .any(|l| l.contains("LJ-GRAD-RESETTLE") && l.contains(",\"education\",")),
        "{}",
        csv.body
    );
    assert!(page.body.contains("paid-by-category"));
    for body in [&page.body, &csv.body, &response.body] {
        assert!(!body.contains("窗口态度不好"), "comments stay inside");
        assert!(!body.contains("李明"), "applicants stay unnamed");
    }
}

/// 好差评 as the rules want it published: per department and per month, the ratings, the
/// share satisfied and the bad reviews followed up in time.
async fn open_data_publishes_ratings_by_department_and_by_month(app: TestApp) {
    use app::cases::model::CaseState;
    use app::followups::api::{CompleteFollowUp, FollowUps};
    use app::followups::model::{FollowUpList, Rated};
    let p = people(&app).await;
    let rate = |id: i64, level: &'static str| {
        let app = &app;
        let talent = p.talent.clone();
        async move {
            let rating = RateCase {
                id,
                rating: level.into(),
                aspects: Default::default(),
                comment: "评价内容不公开".into(),
            };
            ok(&app.call(rating, Some(&talent)).await);
        }
    };
    let good = case_in(&app, &p, CaseState::Disbursed).await;
    rate(good, "5").await;
    let bad = case_in(&app, &p, CaseState::Rejected).await;
    rate(bad, "1").await;
    // The bad review is called back and fixed at once: within its limit.
    let list = app.call(FollowUps {}, Some(&p.staff)).await;
    let list: FollowUpList = serde_json::from_str(&list.body).unwrap();
    let f = list
        .open
        .iter()
        .find(|f| f.about == Rated::Case(bad))
        .unwrap();
    ok(&app
        .call(
            CompleteFollowUp {
                id: f.id,
                version: f.version,
                callback: "已电话回访".into(),
                fix: "已说明不予批准的依据".into(),
            },
            Some(&p.staff),
        )
        .await);

    let response = app.call(LoadOpenData { year: 0 }, None).await;
    ok(&response);
    let data: app::opendata::model::OpenData = serde_json::from_str(&response.body).unwrap();
    let item = detail(&app, &p.staff, good).await.item;
    let department = data
        .rating_departments
        .iter()
        .find(|d| d.department == item.department)
        .expect("the item's department");
    let expected = app::opendata::model::RatingFigures {
        rated: 2,
        satisfied: 1,
        bad: 1,
        bad_followed_up_in_time: 1,
    };
    assert_eq!(department.figures, expected);
    let today = app::common::date::today_in_china(app::db::now_ms());
    assert_eq!(
        data.rating_months.len() as u32,
        today.month,
        "January to this month"
    );
    assert_eq!(data.rating_months.last().unwrap().figures, expected);

    let page = app.get("/statistics").await;
    for shown in [
        "data-testid=\"ratings-by-department\"",
        "data-testid=\"ratings-by-month\"",
        &item.department.zh,
        "50.0%",
    ] {
        assert!(page.body.contains(shown), "{shown}: {}", page.body);
    }
    let csv = app
        .get(&format!("/statistics.csv?year={}", data.year))
        .await;
    let month = format!("{}-{:02}", today.year, today.month);
    for scope in [
        format!(",\"department\",\"{}\",", item.department.zh),
        format!(",\"month\",\"{month}\","),
    ] {
        assert!(
            csv.body
                .lines()
                .any(|l| l.contains(&scope) && l.ends_with(",2,50.0,1,1,100.0")),
            "{scope}: {}",
            csv.body
        );
    }
    for body in [&page.body, &csv.body, &response.body] {
        assert!(!body.contains("评价内容不公开"), "comments stay inside");
    }
}
