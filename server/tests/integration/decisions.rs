//! Decision notices (决定书) on SQLite and PostgreSQL: every decision issues one, frozen
//! at issue; its holder and the office read it, anyone verifies it by its number (counted
//! per address); a correction issues a new notice and the old one verifies as superseded.
use crate::common;

use app::cases::model::{CaseState, NOTICE_CORRECTED};
use app::decisions::api::{CorrectNotice, LoadCaseNotices, VerifyNotice};
use app::decisions::model::{CaseNotices, NoticeKind, Verification, mask_name};
use axum::http::StatusCode;
use common::cases::{People, act, case_in, detail, ok, people, told};
use common::{TestApp, TestResponse};

on_both_databases!(
    an_approval_issues_a_notice_its_holder_reads_and_anyone_verifies,
    a_refusal_and_a_non_acceptance_issue_their_notices_with_the_reason,
    only_the_holder_and_the_office_read_a_notice,
    a_correction_issues_a_new_notice_and_the_old_one_verifies_as_superseded,
    verification_is_counted_per_address,
    cases_decided_before_notices_get_one_each_once,
);

async fn notices(app: &TestApp, cookie: &str, case_id: i64) -> TestResponse {
    app.call(LoadCaseNotices { case_id }, Some(cookie)).await
}

async fn current(app: &TestApp, p: &People, case_id: i64) -> CaseNotices {
    let response = notices(app, &p.talent, case_id).await;
    ok(&response);
    serde_json::from_str(&response.body).unwrap()
}

async fn verify(app: &TestApp, number: &str) -> TestResponse {
    app.call(
        VerifyNotice {
            number: number.to_string(),
        },
        None,
    )
    .await
}

async fn verified(app: &TestApp, number: &str) -> Verification {
    let response = verify(app, number).await;
    ok(&response);
    serde_json::from_str(&response.body).unwrap()
}

async fn notice_count(app: &TestApp, case_id: i64) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM decision_notices WHERE case_id = $1")
        .bind(case_id)
        .fetch_one(app.db.reader())
        .await
        .unwrap()
}

async fn an_approval_issues_a_notice_its_holder_reads_and_anyone_verifies(app: TestApp) {
    let p = people(&app).await;
    let id = case_in(&app, &p, CaseState::Approved).await;
    let case = detail(&app, &p.talent, id).await;
    let n = current(&app, &p, id).await;
    let c = &n.current.content;
    assert_eq!(c.kind, NoticeKind::Approval);
    assert_eq!(c.amount_fen, Some(800_000));
    assert_eq!(c.item_name, case.item.name);
    assert_eq!(c.department, case.item.department);
    assert_eq!(c.article, case.item.article);
    assert!(!c.policy_title.zh.is_empty() && c.policy_title.zh != case.item.policy_code);
    assert_eq!(Some(c.case_number.as_str()), case.summary.number.as_deref());
    let today = app::common::date::today_in_china(app::db::now_ms()).to_string();
    assert_eq!(c.decided_on, today);
    assert!(n.earlier.is_empty() && !n.may_correct);
    assert!(n.qr_svg.starts_with("<?xml") || n.qr_svg.contains("<svg"));

    let page = app.get_as(&format!("/cases/{id}/notice"), &p.talent).await;
    assert_eq!(page.status, StatusCode::OK);
    for shown in [
        "准予决定书",
        n.current.number.as_str(),
        "行政复议",
        "行政诉讼",
        "8,000元",
        c.policy_title.zh.as_str(),
        "data-testid=\"notice-qr\"",
        "<svg",
    ] {
        assert!(page.body.contains(shown), "{shown}: {}", page.body);
    }
    let case_page = app.get_as(&format!("/cases/{id}"), &p.talent).await;
    assert!(case_page.body.contains(&format!("/cases/{id}/notice")));

    // Anyone with the number: the kind, the date, the holder's masked name.
    let v = verified(&app, &n.current.number.to_lowercase().replace('-', " ")).await;
    assert_eq!(v.number, n.current.number);
    assert_eq!(v.kind, NoticeKind::Approval);
    assert_eq!(v.decided_on, today);
    assert_eq!(v.holder, mask_name(&c.holder_name));
    assert_ne!(v.holder, c.holder_name);
    assert_eq!(v.superseded, None);
    let public = app
        .get(&format!("/verify?number={}", n.current.number))
        .await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(public.body.contains("有效"), "{}", public.body);
    assert!(
        !public.body.contains(&c.holder_name),
        "the name stays masked"
    );

    // The notice never changes: paying out leaves it as issued.
    ok(&act(&app, &p.staff, id, "disburse", &[("reference", "PAY-7")]).await);
    let after = current(&app, &p, id).await;
    assert_eq!(after.current, n.current);
    assert_eq!(notice_count(&app, id).await, 1);
}

async fn a_refusal_and_a_non_acceptance_issue_their_notices_with_the_reason(app: TestApp) {
    let p = people(&app).await;
    let rejected = case_in(&app, &p, CaseState::Rejected).await;
    let n = current(&app, &p, rejected).await;
    assert_eq!(n.current.content.kind, NoticeKind::Rejection);
    assert_eq!(n.current.content.reason, "不符合条件");
    assert_eq!(n.current.content.amount_fen, None);
    let not_accepted = case_in(&app, &p, CaseState::NotAccepted).await;
    let n = current(&app, &p, not_accepted).await;
    assert_eq!(n.current.content.kind, NoticeKind::NotAccepted);
    assert_eq!(n.current.content.reason, "不属于受理范围");
    let page = app
        .get_as(&format!("/cases/{not_accepted}/notice"), &p.talent)
        .await;
    assert!(page.body.contains("不予受理决定书") && page.body.contains("不属于受理范围"));
    // Undecided: no notice.
    let open = case_in(&app, &p, CaseState::UnderReview).await;
    assert_eq!(
        notices(&app, &p.talent, open).await.status,
        StatusCode::NOT_FOUND
    );
    let page = app.get_as(&format!("/cases/{open}"), &p.talent).await;
    assert!(!page.body.contains(&format!("/cases/{open}/notice")));
}

async fn only_the_holder_and_the_office_read_a_notice(app: TestApp) {
    let p = people(&app).await;
    let id = case_in(&app, &p, CaseState::Rejected).await;
    let others = common::accounts(&app, "talent", "notice-other", 1).await;
    assert_eq!(
        notices(&app, &others[0].1, id).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        notices(&app, &p.employer, id).await.status,
        StatusCode::NOT_FOUND
    );
    let anonymous = app.call(LoadCaseNotices { case_id: id }, None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    ok(&notices(&app, &p.staff, id).await);
    let page = app
        .get_as(&format!("/cases/{id}/notice"), &others[0].1)
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
}

async fn a_correction_issues_a_new_notice_and_the_old_one_verifies_as_superseded(app: TestApp) {
    let p = people(&app).await;
    let id = case_in(&app, &p, CaseState::Rejected).await;
    let old = current(&app, &p, id).await.current;
    let correct = |cookie: String, number: String, reason: &'static str, note: &'static str| {
        let app = &app;
        async move {
            app.call(
                CorrectNotice {
                    case_id: id,
                    number,
                    reason: reason.into(),
                    note: note.into(),
                },
                Some(&cookie),
            )
            .await
        }
    };
    let reason = "学历证书不属于认定范围（依据第三条）";
    let staff = correct(p.staff.clone(), old.number.clone(), reason, "理由引用有误").await;
    assert_eq!(staff.status, StatusCode::FORBIDDEN, "{}", staff.body);
    let no_note = correct(p.admin.clone(), old.number.clone(), reason, " ").await;
    assert_eq!(no_note.status, StatusCode::BAD_REQUEST);
    assert!(no_note.body.contains("err_reason_required") && no_note.body.contains("note"));
    ok(&correct(p.admin.clone(), old.number.clone(), reason, "理由引用有误").await);
    // The same correction again, from a page showing the old notice: changed meanwhile.
    let stale = correct(p.admin.clone(), old.number.clone(), reason, "理由引用有误").await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);

    let now = current(&app, &p, id).await;
    assert_ne!(now.current.number, old.number);
    assert_eq!(now.current.content.reason, reason);
    assert_eq!(now.current.replaces.as_deref(), Some(old.number.as_str()));
    assert_eq!(now.current.correction_note, "理由引用有误");
    assert_eq!(now.earlier.len(), 1);
    assert_eq!(
        now.earlier[0].content, old.content,
        "the old notice is as issued"
    );
    let was = verified(&app, &old.number).await;
    assert_eq!(
        was.superseded.as_ref().map(|s| s.by.as_str()),
        Some(now.current.number.as_str())
    );
    assert_eq!(verified(&app, &now.current.number).await.superseded, None);
    let page = app.get(&format!("/verify?number={}", old.number)).await;
    assert!(page.body.contains("已被取代"), "{}", page.body);
    assert_eq!(told(&app, &p.talent, id, NOTICE_CORRECTED).await, 1);
    let timeline = detail(&app, &p.talent, id).await.events;
    assert!(
        timeline
            .iter()
            .any(|e| e.kind == NOTICE_CORRECTED && e.public && e.text == "理由引用有误")
    );
}

async fn verification_is_counted_per_address(app: TestApp) {
    let unknown = "LJJD-2222-3333-4444-5555";
    let first = verify(&app, unknown).await;
    assert_eq!(first.status, StatusCode::NOT_FOUND);
    let quota = app::throttle::VERIFICATIONS_PER_ADDRESS.max;
    for _ in 1..quota {
        assert_eq!(verify(&app, unknown).await.status, StatusCode::NOT_FOUND);
    }
    let refused = verify(&app, unknown).await;
    assert_eq!(
        refused.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        refused.body
    );
    assert!(refused.body.contains("err_verify_throttled"));
}

async fn cases_decided_before_notices_get_one_each_once(app: TestApp) {
    let p = people(&app).await;
    let id = case_in(&app, &p, CaseState::Approved).await;
    // As if decided before notices existed.
    sqlx::query("DELETE FROM decision_notices WHERE case_id = $1")
        .bind(id)
        .execute(app.db.writer())
        .await
        .unwrap();
    let (a, b) = tokio::join!(
        app::cases::store::issue_missing_notices(&app.db),
        app::cases::store::issue_missing_notices(&app.db)
    );
    assert!(a.unwrap() + b.unwrap() >= 1);
    assert_eq!(notice_count(&app, id).await, 1);
    let n = current(&app, &p, id).await;
    assert_eq!(n.current.content.kind, NoticeKind::Approval);
    assert_eq!(n.current.content.amount_fen, Some(800_000));
    assert_eq!(
        app::cases::store::issue_missing_notices(&app.db)
            .await
            .unwrap(),
        0
    );
}
