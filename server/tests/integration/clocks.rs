//! The clocks the law sets, on SQLite and PostgreSQL: an application nobody accepts,
//! refuses or sends back within five working days of receipt is deemed accepted as of the
//! day it was received (Administrative Licensing Law, art. 32), once, whoever runs the
//! clock and however many run it at once.
use crate::common;

use app::cases::model::{CaseDetail, CaseState, DEEMED_ACCEPTANCE, RATING_REMINDER};
use app::cases::store::deem_overdue_acceptances;
use app::cases::store::remind_unrated;
use app::common::date::today_in_china;
use app::db::now_ms;
use common::TestApp;
use common::cases::{case_in, detail, people, told};

on_both_databases!(
    an_application_left_past_its_limit_is_deemed_accepted_as_of_receipt,
    the_office_still_has_time_until_the_fifth_working_day_is_over,
    a_case_the_office_or_the_employer_has_in_hand_is_left_alone,
    two_runners_at_once_deem_each_case_accepted_once,
    an_unrated_decided_case_reminds_its_applicant_once,
    a_rated_case_is_not_reminded,
);

const DAY_MS: i64 = 86_400_000;

/// A month on: past any acceptance limit, even one spanning the Spring Festival.
fn a_month_later() -> i64 {
    now_ms() + 30 * DAY_MS
}

async fn deemed_events(app: &TestApp, case_id: i64) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM case_events WHERE case_id = $1 AND kind = $2")
        .bind(case_id)
        .bind(DEEMED_ACCEPTANCE)
        .fetch_one(app.db.reader())
        .await
        .unwrap()
}

async fn an_application_left_past_its_limit_is_deemed_accepted_as_of_receipt(app: TestApp) {
    let p = people(&app).await;
    let id = case_in(&app, &p, CaseState::Submitted).await;
    let received = today_in_china(now_ms());
    let calendar = app::calendar::store::load(&app.db).await.unwrap();
    let before = detail(&app, &p.talent, id).await;
    let limit = app::cases::model::acceptance_limit(&calendar, received);
    assert_eq!(
        before.summary.accept_by.as_deref(),
        Some(limit.to_string().as_str()),
        "the applicant sees the day the office must act by"
    );
    let page = app.get_as(&format!("/cases/{id}"), &p.talent).await;
    assert!(page.body.contains("受理期限"), "{}", page.body);

    deem_overdue_acceptances(&app.db, a_month_later())
        .await
        .unwrap();
    let after: CaseDetail = detail(&app, &p.talent, id).await;
    assert_eq!(after.summary.state, CaseState::UnderReview);
    assert_eq!(
        after.accepted_on.as_deref(),
        Some(received.to_string().as_str()),
        "accepted as of the day of receipt"
    );
    let due = calendar.add_working_days(received, after.item.time_limit_days);
    assert_eq!(
        after.summary.due_on.as_deref(),
        Some(due.to_string().as_str())
    );
    assert_eq!(after.summary.accept_by, None);
    let entry = after.events.last().expect("a timeline entry");
    assert_eq!(entry.kind, DEEMED_ACCEPTANCE);
    assert_eq!(entry.actor_name, None, "the hub's act, not a person's");
    assert!(entry.public, "the applicant sees it");
    // The applicant and the office (nobody holds the case yet: every staff member) hear of it.
    assert_eq!(told(&app, &p.talent, id, DEEMED_ACCEPTANCE).await, 1);
    assert_eq!(told(&app, &p.staff, id, DEEMED_ACCEPTANCE).await, 1);
    let page = app.get_as(&format!("/cases/{id}"), &p.talent).await;
    assert!(page.body.contains("依法视为受理"), "{}", page.body);
    assert!(page.body.contains("两江英才汇（系统）"), "{}", page.body);
    // Staff go on as with any accepted case.
    common::cases::ok(
        &common::cases::act(&app, &p.staff, id, "approve", &[("amount_yuan", "100000")]).await,
    );
}

async fn the_office_still_has_time_until_the_fifth_working_day_is_over(app: TestApp) {
    let p = people(&app).await;
    let id = case_in(&app, &p, CaseState::Submitted).await;
    let calendar = app::calendar::store::load(&app.db).await.unwrap();
    let limit = app::cases::model::acceptance_limit(&calendar, today_in_china(now_ms()));
    // Late on the last day, China time, and early on the next one.
    let last_day = (limit.to_days() - today_in_china(now_ms()).to_days()) * DAY_MS;
    let start_of_today = now_ms() - (now_ms() + 8 * 3_600_000).rem_euclid(DAY_MS);
    deem_overdue_acceptances(&app.db, start_of_today + last_day + DAY_MS - 60_000)
        .await
        .unwrap();
    assert_eq!(
        detail(&app, &p.talent, id).await.summary.state,
        CaseState::Submitted
    );
    assert_eq!(deemed_events(&app, id).await, 0);
    deem_overdue_acceptances(&app.db, start_of_today + last_day + DAY_MS + 60_000)
        .await
        .unwrap();
    assert_eq!(
        detail(&app, &p.talent, id).await.summary.state,
        CaseState::UnderReview
    );
}

async fn a_case_the_office_or_the_employer_has_in_hand_is_left_alone(app: TestApp) {
    let p = people(&app).await;
    // Waiting for the employer: the office has not received a complete application yet.
    let awaiting = case_in(&app, &p, CaseState::AwaitingEmployer).await;
    deem_overdue_acceptances(&app.db, a_month_later())
        .await
        .unwrap();
    assert_eq!(
        detail(&app, &p.talent, awaiting).await.summary.state,
        CaseState::AwaitingEmployer
    );
    common::cases::ok(&common::cases::act(&app, &p.talent, awaiting, "withdraw", &[]).await);
    // Refused, or accepted, in time.
    let refused = case_in(&app, &p, CaseState::NotAccepted).await;
    let accepted = case_in(&app, &p, CaseState::UnderReview).await;
    deem_overdue_acceptances(&app.db, a_month_later())
        .await
        .unwrap();
    for (id, state) in [
        (awaiting, CaseState::Withdrawn),
        (refused, CaseState::NotAccepted),
        (accepted, CaseState::UnderReview),
    ] {
        assert_eq!(detail(&app, &p.talent, id).await.summary.state, state);
        assert_eq!(deemed_events(&app, id).await, 0, "{state:?}");
    }
}

async fn two_runners_at_once_deem_each_case_accepted_once(app: TestApp) {
    let p = people(&app).await;
    // Two cases waiting for the office: one submitted, one the employer confirmed.
    let submitted = case_in(&app, &p, CaseState::Submitted).await;
    let confirmed = case_in(&app, &p, CaseState::Confirmed).await;
    let later = a_month_later();
    let (a, b) = tokio::join!(
        deem_overdue_acceptances(&app.db, later),
        deem_overdue_acceptances(&app.db, later)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 2, "two cases, each deemed once");
    for id in [submitted, confirmed] {
        assert_eq!(deemed_events(&app, id).await, 1);
        assert_eq!(told(&app, &p.talent, id, DEEMED_ACCEPTANCE).await, 1);
        assert_eq!(
            detail(&app, &p.talent, id).await.summary.state,
            CaseState::UnderReview
        );
    }
    // And a later run finds nothing more to do.
    assert_eq!(deem_overdue_acceptances(&app.db, later).await.unwrap(), 0);
}

async fn an_unrated_decided_case_reminds_its_applicant_once(app: TestApp) {
    let p = people(&app).await;
    let id = case_in(&app, &p, CaseState::Rejected).await;
    remind_unrated(&app.db, now_ms() + DAY_MS).await.unwrap();
    assert_eq!(
        told(&app, &p.talent, id, RATING_REMINDER).await,
        0,
        "not before three days"
    );
    let later = now_ms() + 4 * DAY_MS;
    let (a, b) = tokio::join!(
        remind_unrated(&app.db, later),
        remind_unrated(&app.db, later)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 1, "two runners, one reminder");
    remind_unrated(&app.db, later + DAY_MS).await.unwrap();
    assert_eq!(told(&app, &p.talent, id, RATING_REMINDER).await, 1);
    // The reminder leaves the case as it was: the applicant's open page can still rate it.
    let case = detail(&app, &p.talent, id).await;
    assert_eq!(case.summary.state, CaseState::Rejected);
    let page = app.get_as("/notifications", &p.talent).await;
    assert!(
        page.body.contains("邀请您对本次服务作出评价"),
        "{}",
        page.body
    );
}

async fn a_rated_case_is_not_reminded(app: TestApp) {
    let p = people(&app).await;
    let id = case_in(&app, &p, CaseState::Rejected).await;
    let rating = app::cases::api::RateCase {
        id,
        rating: "3".into(),
        aspects: Default::default(),
        comment: String::new(),
    };
    common::cases::ok(&app.call(rating, Some(&p.talent)).await);
    remind_unrated(&app.db, now_ms() + 4 * DAY_MS)
        .await
        .unwrap();
    assert_eq!(told(&app, &p.talent, id, RATING_REMINDER).await, 0);
}
