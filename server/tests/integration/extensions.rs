//! Extending a case's decision limit, on SQLite and PostgreSQL: staff ask, a supervisor
//! (an administrator, not the one who asked) decides, the applicant reads the new date and
//! the reason, and all extensions of a case stay within the item's limit.
use crate::common;

use app::cases::model::{CaseDetail, CaseState};
use app::extensions::api::{DecideExtension, RequestExtension};
use app::extensions::model::{Extension, ExtensionState};
use axum::http::StatusCode;
use common::cases::{People, case_in, detail, ok, people, told};
use common::{TestApp, TestResponse};

on_both_databases!(
    an_extension_needs_a_supervisors_approval_and_the_applicant_reads_the_reason,
    all_extensions_of_a_case_stay_within_the_items_limit,
    one_request_waits_at_a_time_and_a_decline_needs_a_note,
    a_supervisor_never_decides_their_own_request,
    only_supervisors_decide_and_a_stale_decision_is_refused,
    an_extension_reason_is_required_and_has_a_length_limit,
    a_case_not_yet_accepted_or_already_decided_is_not_extended,
);

const REASON: &str = "需赴用人单位实地核查";

async fn ask(app: &TestApp, cookie: &str, id: i64, days: &str, reason: &str) -> TestResponse {
    let version = detail(app, cookie, id).await.summary.version;
    let request = RequestExtension {
        id,
        version,
        days: days.into(),
        reason: reason.into(),
    };
    app.call(request, Some(cookie)).await
}

fn waiting(case: &CaseDetail) -> Extension {
    case.extensions
        .pending()
        .cloned()
        .expect("a waiting request")
}

async fn decide(
    app: &TestApp,
    cookie: &str,
    e: &Extension,
    decision: &str,
    note: &str,
) -> TestResponse {
    let decision = DecideExtension {
        id: e.id,
        version: e.version,
        decision: decision.into(),
        note: note.into(),
    };
    app.call(decision, Some(cookie)).await
}

fn refused_with(response: &TestResponse, status: StatusCode, key: &str) {
    assert_eq!(response.status, status, "{}", response.body);
    assert!(response.body.contains(key), "{key}: {}", response.body);
}

/// A case under review, with its decision date.
async fn under_review(app: &TestApp, p: &People) -> (i64, String) {
    let id = case_in(app, p, CaseState::UnderReview).await;
    let due = detail(app, &p.staff, id)
        .await
        .summary
        .due_on
        .expect("a decision date");
    (id, due)
}

async fn an_extension_needs_a_supervisors_approval_and_the_applicant_reads_the_reason(
    app: TestApp,
) {
    let p = people(&app).await;
    let (id, due) = under_review(&app, &p).await;
    ok(&ask(&app, &p.staff, id, "5", REASON).await);
    // Asked for, not granted: the date stands, and the applicant sees nothing yet.
    let seen = detail(&app, &p.talent, id).await;
    assert_eq!(seen.summary.due_on.as_deref(), Some(due.as_str()));
    assert!(seen.extensions.items.is_empty());
    assert!(!seen.events.iter().any(|e| e.kind.starts_with("extension")));
    assert!(
        !detail(&app, &p.staff, id).await.extensions.may_decide,
        "not the one who asked"
    );
    assert_eq!(told(&app, &p.admin, id, "extension_requested").await, 1);
    let office = detail(&app, &p.admin, id).await;
    assert!(office.extensions.may_decide);
    let request = waiting(&office);
    assert_eq!((request.days, request.reason.as_str()), (5, REASON));

    ok(&decide(&app, &p.admin, &request, "approve", "").await);
    let calendar = app::calendar::store::load(&app.db).await.unwrap();
    let expected = calendar
        .add_working_days(app::common::date::Date::parse(&due).unwrap(), 5)
        .to_string();
    let seen = detail(&app, &p.talent, id).await;
    assert_eq!(seen.summary.due_on.as_deref(), Some(expected.as_str()));
    let granted = &seen.extensions.items;
    assert_eq!(granted.len(), 1);
    assert_eq!(granted[0].state, ExtensionState::Approved);
    assert_eq!(granted[0].new_due_on.as_deref(), Some(expected.as_str()));
    assert_eq!(granted[0].reason, REASON);
    assert!(
        granted[0].requested_by.is_empty(),
        "the office's names stay in the office"
    );
    let entry = seen
        .events
        .iter()
        .find(|e| e.kind == "extend")
        .expect("on the timeline");
    assert!(entry.public && entry.text.contains(REASON) && entry.text.contains(&expected));
    assert_eq!(told(&app, &p.talent, id, "extend").await, 1);
    assert_eq!(told(&app, &p.staff, id, "extension_approved").await, 1);
    let page = app.get_as(&format!("/cases/{id}"), &p.talent).await;
    assert!(
        page.body.contains("data-testid=\"extensions\""),
        "{}",
        page.body
    );
    assert!(page.body.contains(REASON));
    assert_eq!(
        detail(&app, &p.staff, id).await.extensions.remaining_days,
        5
    );
}

async fn all_extensions_of_a_case_stay_within_the_items_limit(app: TestApp) {
    let p = people(&app).await;
    let (id, _) = under_review(&app, &p).await;
    assert_eq!(
        detail(&app, &p.staff, id).await.extensions.remaining_days,
        10
    );
    refused_with(
        &ask(&app, &p.staff, id, "11", REASON).await,
        StatusCode::BAD_REQUEST,
        "err_extension_limit",
    );
    ok(&ask(&app, &p.staff, id, "6", REASON).await);
    let first = waiting(&detail(&app, &p.admin, id).await);
    ok(&decide(&app, &p.admin, &first, "approve", "").await);
    refused_with(
        &ask(&app, &p.staff, id, "5", REASON).await,
        StatusCode::BAD_REQUEST,
        "err_extension_limit",
    );
    ok(&ask(&app, &p.staff, id, "4", REASON).await);
    let second = waiting(&detail(&app, &p.admin, id).await);
    ok(&decide(&app, &p.admin, &second, "approve", "").await);
    assert_eq!(
        detail(&app, &p.staff, id).await.extensions.remaining_days,
        0
    );
}

async fn one_request_waits_at_a_time_and_a_decline_needs_a_note(app: TestApp) {
    let p = people(&app).await;
    let (id, due) = under_review(&app, &p).await;
    ok(&ask(&app, &p.staff, id, "3", REASON).await);
    refused_with(
        &ask(&app, &p.staff, id, "2", REASON).await,
        StatusCode::BAD_REQUEST,
        "err_extension_waiting",
    );
    let request = waiting(&detail(&app, &p.admin, id).await);
    refused_with(
        &decide(&app, &p.admin, &request, "decline", "  ").await,
        StatusCode::BAD_REQUEST,
        "err_reason_required",
    );
    ok(&decide(&app, &p.admin, &request, "decline", "核查可在时限内完成").await);
    let office = detail(&app, &p.staff, id).await;
    assert_eq!(office.summary.due_on.as_deref(), Some(due.as_str()));
    assert_eq!(office.extensions.items[0].state, ExtensionState::Declined);
    assert_eq!(
        office.extensions.items[0].decision_note,
        "核查可在时限内完成"
    );
    assert_eq!(told(&app, &p.staff, id, "extension_declined").await, 1);
    assert!(
        detail(&app, &p.talent, id)
            .await
            .extensions
            .items
            .is_empty()
    );
    // Decided: another request may be made.
    ok(&ask(&app, &p.staff, id, "2", REASON).await);
}

async fn a_supervisor_never_decides_their_own_request(app: TestApp) {
    let p = people(&app).await;
    let (id, _) = under_review(&app, &p).await;
    ok(&ask(&app, &p.admin, id, "3", REASON).await);
    let own = detail(&app, &p.admin, id).await;
    assert!(!own.extensions.may_decide);
    refused_with(
        &decide(&app, &p.admin, &waiting(&own), "approve", "").await,
        StatusCode::BAD_REQUEST,
        "err_extension_own",
    );
    let other = common::accounts(&app, "admin", "supervisor", 1)
        .await
        .remove(0)
        .1;
    ok(&decide(&app, &other, &waiting(&own), "approve", "").await);
}

async fn only_supervisors_decide_and_a_stale_decision_is_refused(app: TestApp) {
    let p = people(&app).await;
    let (id, _) = under_review(&app, &p).await;
    ok(&ask(&app, &p.staff, id, "3", REASON).await);
    let request = waiting(&detail(&app, &p.admin, id).await);
    for cookie in [&p.staff, &p.talent, &p.employer] {
        let answer = decide(&app, cookie, &request, "approve", "").await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    }
    // The applicant and the employer cannot ask either.
    for cookie in [&p.talent, &p.employer] {
        let answer = ask(&app, cookie, id, "3", REASON).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    }
    let stale = Extension {
        version: request.version + 1,
        ..request.clone()
    };
    let answer = decide(&app, &p.admin, &stale, "approve", "").await;
    assert_eq!(answer.status, StatusCode::CONFLICT, "{}", answer.body);
    ok(&decide(&app, &p.admin, &request, "approve", "").await);
    let twice = decide(&app, &p.admin, &request, "decline", "再议").await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "{}", twice.body);
}

async fn an_extension_reason_is_required_and_has_a_length_limit(app: TestApp) {
    let p = people(&app).await;
    let (id, _) = under_review(&app, &p).await;
    refused_with(
        &ask(&app, &p.staff, id, "3", &"因".repeat(501)).await,
        StatusCode::BAD_REQUEST,
        "err_too_long",
    );
    refused_with(
        &ask(&app, &p.staff, id, "3", "  ").await,
        StatusCode::BAD_REQUEST,
        "err_reason_required",
    );
    ok(&ask(&app, &p.staff, id, "3", &"因".repeat(500)).await);
}

async fn a_case_not_yet_accepted_or_already_decided_is_not_extended(app: TestApp) {
    let p = people(&app).await;
    let submitted = case_in(&app, &p, CaseState::Submitted).await;
    let answer = ask(&app, &p.staff, submitted, "3", REASON).await;
    assert_eq!(answer.status, StatusCode::CONFLICT, "{}", answer.body);
    let rejected = case_in(&app, &p, CaseState::Rejected).await;
    let answer = ask(&app, &p.staff, rejected, "3", REASON).await;
    assert_eq!(answer.status, StatusCode::CONFLICT, "{}", answer.body);
}
