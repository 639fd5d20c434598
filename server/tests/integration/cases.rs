//! Cases end to end through the server functions, on SQLite and PostgreSQL: the graduate
//! subsidy journey, employer confirmation, supplements and the paused clock, four eyes on
//! money, concurrent approvals, idempotent submission, and who may see and do what.
use crate::common;

use app::cases::api::{
    AddCaseNote, CaseAction, CaseQueue, CaseRatings, EmployerCases, MyCases, RateCase,
    SaveApplication, StartApplication, SubmitApplication,
};
use app::cases::model::{CaseState, CaseSummary, QueueQuery};
use app::notifications::api::{MarkNotificationsRead, MyNotifications, UnreadNotifications};
use axum::http::StatusCode;
use common::TestApp;

on_both_databases!(
    the_graduate_subsidy_journey_reaches_every_party,
    an_employer_sees_only_the_employment_facts_they_confirm,
    a_supplement_request_needs_a_reason_and_stays_between_applicant_and_office,
    an_approval_stays_within_the_items_maximum_and_is_rated_once_paid,
    submitting_twice_makes_one_case_and_one_draft_per_item,
    two_staff_approving_at_once_only_one_wins,
    large_approvals_wait_for_a_second_staff_member,
    nobody_else_sees_or_touches_a_case,
    a_supplement_stops_the_clock,
    numbers_stay_unique_when_many_submit_at_once,
    the_server_allows_exactly_what_the_life_cycle_allows,
    two_ratings_at_once_count_once,
    an_application_records_the_version_it_was_made_with,
);

use common::cases::*;

async fn the_graduate_subsidy_journey_reaches_every_party(app: TestApp) {
    let p = people(&app).await;
    let case = apply(&app, &p.talent, "LJ-GRAD-RESETTLE").await;
    let id = case.summary.id;
    assert_eq!(case.summary.state, CaseState::AwaitingEmployer);
    let number = case.summary.number.clone().unwrap();
    assert!(
        number.starts_with("LJ-20") && number.len() == 14,
        "{number}"
    );

    ok(&act(&app, &p.employer, id, "confirm", &[]).await);
    // Staff see it in the queue, accept it: a due date is set.
    let queue = app
        .call(
            CaseQueue {
                query: QueueQuery {
                    scope: "unassigned".into(),
                    ..QueueQuery::default()
                },
            },
            Some(&p.staff),
        )
        .await;
    assert!(queue.body.contains(&number), "{}", queue.body);
    assert_eq!(
        state_of(&act(&app, &p.staff, id, "accept", &[]).await),
        CaseState::UnderReview
    );
    let accepted = detail(&app, &p.talent, id).await;
    assert!(accepted.summary.due_on.is_some());

    let asked = [("reason", "请补充学位证书扫描件")];
    ok(&act(&app, &p.staff, id, "request_supplement", &asked).await);
    ok(&act(&app, &p.talent, id, "supply", &[("reason", "已上传")]).await);
    ok(&act(&app, &p.staff, id, "approve", &[("amount_yuan", "10,000")]).await);
    ok(&act(&app, &p.staff, id, "disburse", &[("reference", "PAY-1")]).await);
    // 满意 overall, with two of the four sub-scores; a level that is none of the five is
    // refused in the applicant's terms and nothing is kept.
    let rating = |guide: &str| RateCase {
        id,
        rating: "4".into(),
        aspects: app::common::satisfaction::SubScoreInput {
            efficiency: "5".into(),
            guide: guide.into(),
            convenience: "3".into(),
            ease: String::new(),
        },
        comment: "很快".into(),
    };
    let refused = app.call(rating("9"), Some(&p.talent)).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    assert!(
        refused.body.contains("err_rating") && refused.body.contains("aspects[guide]"),
        "{}",
        refused.body
    );
    assert_eq!(detail(&app, &p.talent, id).await.rating, None);
    ok(&app.call(rating(""), Some(&p.talent)).await);
    let page = app.get_as(&format!("/cases/{id}"), &p.talent).await;
    for shown in [
        "您的评价：满意",
        "data-testid=\"rating-aspects\"",
        "办事效率",
        "非常满意",
        "办理便捷程度",
        "基本满意",
    ] {
        assert!(page.body.contains(shown), "{shown}: {}", page.body);
    }
    assert!(!page.body.contains("系统易用性：") && !page.body.contains("★"));

    // The applicant's timeline tells the whole story, in order.
    let done = detail(&app, &p.talent, id).await;
    let kinds: Vec<&str> = done.events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "submit",
            "confirm",
            "accept",
            "request_supplement",
            "supply",
            "approve",
            "disburse",
            "rate"
        ]
    );
    assert_eq!(done.amount_fen, Some(1_000_000));
    assert_eq!(done.rating, Some(4));
    assert_eq!(
        done.rating_aspects.given(),
        [
            (app::common::satisfaction::Aspect::Efficiency, 5),
            (app::common::satisfaction::Aspect::Convenience, 3)
        ]
    );
    // Paid out, it has left the staff queue (the queue is open work only).
    let queue = app
        .call(
            CaseQueue {
                query: QueueQuery::default(),
            },
            Some(&p.staff),
        )
        .await;
    assert!(queue.status.is_success(), "{}", queue.body);
    assert!(!queue.body.contains(&number), "{}", queue.body);
    // Every transition that concerned the applicant left a notification and an e-mail.
    let (notes,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM notifications n JOIN accounts a ON a.id = n.account_id WHERE a.email = 'talent@demo.hub'",
    )
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(
        notes, 5,
        "confirm, accept, request_supplement, approve, disburse"
    );
    let (mails,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE to_address = 'talent@demo.hub'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(mails, 5);
    // The bell counts them; reading them clears the count, for this person only.
    let unread = app.call(UnreadNotifications {}, Some(&p.talent)).await;
    assert_eq!(unread.body.trim(), "5");
    let list = app.call(MyNotifications { page: 0 }, Some(&p.talent)).await;
    assert!(list.body.contains(&number), "{}", list.body);
    ok(&app.call(MarkNotificationsRead {}, Some(&p.talent)).await);
    assert_eq!(
        app.call(UnreadNotifications {}, Some(&p.talent))
            .await
            .body
            .trim(),
        "0"
    );
    // Staff see how the service is rated; the applicant may not look.
    let ratings = app.call(CaseRatings {}, Some(&p.staff)).await;
    ok(&ratings);
    let overview: app::cases::model::RatingsOverview = serde_json::from_str(&ratings.body).unwrap();
    let grad = overview
        .items
        .iter()
        .find(|r| r.item_code == "LJ-GRAD-RESETTLE")
        .unwrap();
    assert_eq!((grad.count, grad.stars, grad.satisfied), (1, 4, 1));
    let tallies: Vec<(i64, i64)> = grad.aspects.iter().map(|(_, t)| (t.count, t.sum)).collect();
    assert_eq!(tallies, [(1, 5), (0, 0), (1, 3), (0, 0)]);
    assert!(overview.bad.is_empty());
    assert_eq!(
        app.call(CaseRatings {}, Some(&p.talent)).await.status,
        StatusCode::FORBIDDEN
    );
    let employer_unread = app.call(UnreadNotifications {}, Some(&p.employer)).await;
    assert_eq!(employer_unread.body.trim(), "1", "asked to confirm");
    let _ = p.admin;
}

/// The employer is asked only what they confirm: who applies and the employment facts.
async fn an_employer_sees_only_the_employment_facts_they_confirm(app: TestApp) {
    let p = people(&app).await;
    let case = apply(&app, &p.talent, "LJ-GRAD-RESETTLE").await;
    let (id, number) = (case.summary.id, case.summary.number.clone().unwrap());

    // The employer finds it in the inbox.
    let inbox = app.call(EmployerCases { page: 0 }, Some(&p.employer)).await;
    assert!(inbox.body.contains(&number), "{}", inbox.body);
    // The employer sees who applies and the employment facts they confirm: not the bank
    // account or any other answer, on the page or from the server function.
    let as_employer = detail(&app, &p.employer, id).await;
    assert_eq!(
        as_employer.summary.applicant_name,
        case.summary.applicant_name
    );
    for key in ["employer_credit_code", "position", "contract"] {
        assert!(
            as_employer.answers.contains_key(key),
            "{key}: {:?}",
            as_employer.answers
        );
    }
    assert!(!as_employer.answers.contains_key("bank_account"));
    assert_eq!(as_employer.answers.len(), 3, "{:?}", as_employer.answers);
    assert!(
        detail(&app, &p.staff, id)
            .await
            .answers
            .contains_key("bank_account")
    );
    assert!(case.answers.contains_key("bank_account"));
    let page = app.get_as(&format!("/cases/{id}"), &p.employer).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("employer-view"), "{}", page.body);
    assert!(!page.body.contains("收款银行账号") && !page.body.contains("毕业院校"));
    assert_eq!(
        state_of(&act(&app, &p.employer, id, "confirm", &[]).await),
        CaseState::Confirmed
    );
    // Staff cannot act for the employer, nor the applicant for staff.
    assert_eq!(
        act(&app, &p.staff, id, "confirm", &[]).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        act(&app, &p.talent, id, "accept", &[]).await.status,
        StatusCode::FORBIDDEN
    );
}

async fn a_supplement_request_needs_a_reason_and_stays_between_applicant_and_office(app: TestApp) {
    let p = people(&app).await;
    let id = case_in(&app, &p, CaseState::UnderReview).await;
    // A supplement request needs a reason, which the applicant reads; they answer.
    let no_reason = act(&app, &p.staff, id, "request_supplement", &[]).await;
    assert_eq!(no_reason.status, StatusCode::BAD_REQUEST);
    assert!(no_reason.body.contains("err_reason_required"));
    let asked = act(
        &app,
        &p.staff,
        id,
        "request_supplement",
        &[("reason", "请补充学位证书扫描件")],
    )
    .await;
    assert_eq!(state_of(&asked), CaseState::SupplementRequested);
    let note = app
        .call(
            AddCaseNote {
                id,
                text: "电话核实过单位".into(),
            },
            Some(&p.staff),
        )
        .await;
    ok(&note);
    let seen = detail(&app, &p.talent, id).await;
    assert!(seen.events.iter().any(|e| e.text == "请补充学位证书扫描件"));
    assert!(
        !seen.events.iter().any(|e| e.text.contains("电话核实")),
        "internal notes stay internal"
    );
    assert!(
        detail(&app, &p.staff, id)
            .await
            .events
            .iter()
            .any(|e| e.text.contains("电话核实"))
    );
    ok(&app
        .upload(
            &format!("/cases/{id}/files/supplement"),
            "学位证书.pdf",
            common::TINY_PDF,
            &p.talent,
        )
        .await);
    let supplied = act(
        &app,
        &p.talent,
        id,
        "supply",
        &[("reason", "已上传学位证书")],
    )
    .await;
    assert_eq!(state_of(&supplied), CaseState::UnderReview);
    // The supplement is between the applicant and the office; the contract the employer
    // signed is theirs to see.
    let files = detail(&app, &p.talent, id).await.files;
    let file_of = |key: &str| files.iter().find(|f| f.field_key == key).unwrap().id;
    let supplement = format!("/files/{}", file_of("supplement"));
    let contract = format!("/files/{}", file_of("contract"));
    assert_eq!(
        app.get_as(&supplement, &p.employer).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get_as(&supplement, &p.talent).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.get_as(&contract, &p.employer).await.status,
        StatusCode::OK
    );
    let as_employer = detail(&app, &p.employer, id).await;
    assert!(as_employer.files.iter().all(|f| f.field_key == "contract"));
    assert!(
        as_employer.events.iter().all(|e| e.text.is_empty()),
        "{:?}",
        as_employer.events
    );
}

async fn an_approval_stays_within_the_items_maximum_and_is_rated_once_paid(app: TestApp) {
    let p = people(&app).await;
    let id = case_in(&app, &p, CaseState::UnderReview).await;
    // Approval above the item's maximum is refused; at it, granted; then paid.
    let too_much = act(
        &app,
        &p.staff,
        id,
        "approve",
        &[("amount_yuan", "10000.01")],
    )
    .await;
    assert!(
        too_much.body.contains("err_amount_range"),
        "{}",
        too_much.body
    );
    let approved = act(&app, &p.staff, id, "approve", &[("amount_yuan", "10,000")]).await;
    assert_eq!(state_of(&approved), CaseState::Approved);
    let rate_early = app
        .call(
            RateCase {
                id,
                rating: "5".into(),
                aspects: Default::default(),
                comment: String::new(),
            },
            Some(&p.talent),
        )
        .await;
    assert_eq!(rate_early.status, StatusCode::CONFLICT);
    let paid = act(
        &app,
        &p.staff,
        id,
        "disburse",
        &[("reference", "PAY-2026-0001")],
    )
    .await;
    assert_eq!(state_of(&paid), CaseState::Disbursed);

    // The applicant rates it, once.
    let rating = RateCase {
        id,
        rating: "4".into(),
        aspects: Default::default(),
        comment: "很快".into(),
    };
    ok(&app.call(rating.clone(), Some(&p.talent)).await);
    assert!(
        app.call(rating, Some(&p.talent))
            .await
            .body
            .contains("err_already_rated")
    );

    let as_employer = detail(&app, &p.employer, id).await;
    assert_eq!(as_employer.amount_fen, None);
    assert!(as_employer.disbursement_ref.is_empty() && as_employer.rating.is_none());
}

async fn submitting_twice_makes_one_case_and_one_draft_per_item(app: TestApp) {
    let p = people(&app).await;
    let first = start(&app, &p.talent, "LJ-TALENT-CARD").await;
    assert_eq!(
        start(&app, &p.talent, "LJ-TALENT-CARD").await,
        first,
        "one draft per item"
    );
    let case = apply(&app, &p.talent, "LJ-TALENT-CARD").await;
    assert_eq!(case.summary.id, first);
    // The same submission again (a double click): the same case, no second number.
    let again = app
        .call(
            SubmitApplication {
                id: first,
                version: 1,
                consent: String::new(),
            },
            Some(&p.talent),
        )
        .await;
    ok(&again);
    let summary: CaseSummary = serde_json::from_str(&again.body).unwrap();
    assert_eq!(summary.number, case.summary.number);
    let (count,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM cases WHERE item_code = 'LJ-TALENT-CARD'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(count, 1);
    // While it is going, "apply" reopens it; once withdrawn, a new one can start.
    assert_eq!(start(&app, &p.talent, "LJ-TALENT-CARD").await, first);
    assert_eq!(
        state_of(&act(&app, &p.talent, first, "withdraw", &[]).await),
        CaseState::Withdrawn
    );
    assert_ne!(start(&app, &p.talent, "LJ-TALENT-CARD").await, first);
    // An enterprise cannot apply for a talent's service.
    let wrong = app
        .call(
            StartApplication {
                code: "LJ-TALENT-CARD".into(),
            },
            Some(&p.employer),
        )
        .await;
    assert!(wrong.body.contains("err_wrong_applicant"));
}

async fn two_staff_approving_at_once_only_one_wins(app: TestApp) {
    let p = people(&app).await;
    let case = apply(&app, &p.talent, "LJ-HOUSING").await;
    let id = case.summary.id;
    let _ = act(&app, &p.employer, id, "confirm", &[]).await;
    assert_eq!(
        state_of(&act(&app, &p.staff, id, "accept", &[]).await),
        CaseState::UnderReview
    );
    let version = detail(&app, &p.staff, id).await.summary.version;
    let approve = |amount_yuan: &str| CaseAction {
        id,
        version,
        transition: "approve".into(),
        reason: String::new(),
        amount_yuan: amount_yuan.into(),
        reference: String::new(),
        supplement: Default::default(),
    };
    let (first, second) = tokio::join!(
        app.call(approve("1000"), Some(&p.staff)),
        app.call(approve("2000"), Some(&p.admin)),
    );
    let mut statuses = [first.status, second.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT]);
    let loser = if first.status == StatusCode::CONFLICT {
        &first
    } else {
        &second
    };
    assert!(loser.body.contains("Conflict"), "{}", loser.body);
    let events = detail(&app, &p.staff, id).await.events;
    assert_eq!(events.iter().filter(|e| e.kind == "approve").count(), 1);
}

async fn large_approvals_wait_for_a_second_staff_member(app: TestApp) {
    let p = people(&app).await;
    let case = apply(&app, &p.talent, "LJ-HIGH-LEVEL").await;
    let id = case.summary.id;
    assert_eq!(case.summary.state, CaseState::Submitted);
    act(&app, &p.staff, id, "accept", &[]).await;
    // Above the sign-off amount (1,000,000 yuan): pending until a second person agrees.
    let approved = act(&app, &p.staff, id, "approve", &[("amount_yuan", "2000000")]).await;
    assert_eq!(state_of(&approved), CaseState::PendingSignOff);
    let own = act(&app, &p.staff, id, "sign_off", &[]).await;
    assert_eq!(own.status, StatusCode::BAD_REQUEST);
    assert!(own.body.contains("err_four_eyes"));
    assert!(detail(&app, &p.staff, id).await.approved_by_me);
    // Nothing is paid while the sign-off is pending.
    assert_eq!(
        act(&app, &p.staff, id, "disburse", &[("reference", "X")])
            .await
            .status,
        StatusCode::CONFLICT
    );
    let signed = act(&app, &p.admin, id, "sign_off", &[]).await;
    assert_eq!(state_of(&signed), CaseState::Approved);
    // Signing off twice is refused (the case has moved on).
    assert_eq!(
        act(&app, &p.admin, id, "sign_off", &[]).await.status,
        StatusCode::CONFLICT
    );
    let detail = detail(&app, &p.talent, id).await;
    assert_eq!(detail.amount_fen, Some(200_000_000));
}

async fn register_talent(app: &TestApp, login: &str) -> String {
    let response = app
        .register(app::accounts::api::RegisterTalent {
            display_name: "张伟".into(),
            login: login.into(),
            password: "lantern river 2026".into(),
            next: None,
        })
        .await;
    response.session_cookie().expect("registered and signed in")
}

async fn nobody_else_sees_or_touches_a_case(app: TestApp) {
    let p = people(&app).await;
    let case = apply(&app, &p.talent, "LJ-GRAD-RESETTLE").await;
    let id = case.summary.id;
    let stranger = register_talent(&app, "zhangwei@example.cn").await;
    assert_eq!(
        load(&app, &stranger, id).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call(
            CaseAction {
                id,
                version: 2,
                transition: "withdraw".into(),
                reason: String::new(),
                amount_yuan: String::new(),
                reference: String::new(),
                supplement: Default::default(),
            },
            Some(&stranger)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    let mine = app.call(MyCases { page: 0 }, Some(&stranger)).await;
    assert!(!mine.body.contains(case.summary.number.as_deref().unwrap()));
    // Another enterprise cannot confirm a case addressed to the demo enterprise.
    let other = app
        .register(app::accounts::api::RegisterEnterprise {
            org_name: "别家公司".into(),
            credit_code: "91500000MA5U00000W".into(),
            contact_person: "刘".into(),
            login: "hr@other.cn".into(),
            password: "lantern river 2026".into(),
            next: None,
        })
        .await;
    let other = other
        .session_cookie()
        .expect("the other enterprise registered");
    assert_eq!(
        act(&app, &other, id, "confirm", &[]).await.status,
        StatusCode::NOT_FOUND
    );
    // Anonymous callers are refused before anything runs.
    assert_eq!(load(&app, "", id).await.status, StatusCode::UNAUTHORIZED);
    // Drafts are the applicant's alone, even for staff.
    let draft = start(&app, &p.talent, "LJ-HOUSING").await;
    assert_eq!(
        load(&app, &p.staff, draft).await.status,
        StatusCode::NOT_FOUND
    );
}

async fn a_supplement_stops_the_clock(app: TestApp) {
    let p = people(&app).await;
    let case = apply(&app, &p.talent, "LJ-TALENT-CARD").await;
    let id = case.summary.id;
    act(&app, &p.staff, id, "accept", &[]).await;
    let due_before = detail(&app, &p.staff, id).await.summary.due_on.unwrap();
    act(
        &app,
        &p.staff,
        id,
        "request_supplement",
        &[("reason", "照片不清晰")],
    )
    .await;
    // Pretend the request was made five working days ago (a week earlier).
    let paused: (String,) = sqlx::query_as("SELECT paused_on FROM cases WHERE id = $1")
        .bind(id)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    let paused = app::common::date::Date::parse(&paused.0).unwrap();
    let calendar = app::calendar::store::load(&app.db).await.unwrap();
    let week_ago = paused.add_days(-7);
    sqlx::query("UPDATE cases SET paused_on = $1 WHERE id = $2")
        .bind(week_ago.to_string())
        .bind(id)
        .execute(app.db.writer())
        .await
        .unwrap();
    act(&app, &p.talent, id, "supply", &[("reason", "已重新上传")]).await;
    let due_after = detail(&app, &p.staff, id).await.summary.due_on.unwrap();
    let waited = calendar.working_days_between(week_ago, paused);
    let before = app::common::date::Date::parse(&due_before).unwrap();
    assert_eq!(
        due_after,
        calendar.add_working_days(before, waited).to_string()
    );
    assert!(due_after > due_before);
}

async fn numbers_stay_unique_when_many_submit_at_once(app: TestApp) {
    let p = people(&app).await;
    // The schooling service allows several cases at once (one per child).
    let mut ready = Vec::new();
    for child in 0..4 {
        let id = start(&app, &p.talent, "LJ-SCHOOLING").await;
        let case = detail(&app, &p.talent, id).await;
        upload_materials(&app, &p.talent, id, &case.item).await;
        let case = detail(&app, &p.talent, id).await;
        let mut answers = valid_answers(&case.item);
        for value in answers.values_mut() {
            value.push_str(&child.to_string());
        }
        answers.insert("child_birth_date".into(), "2018-05-01".into());
        let save = SaveApplication {
            id,
            version: case.summary.version,
            answers,
            next: String::new(),
        };
        let saved = app.call(save, Some(&p.talent)).await;
        ok(&saved);
        let version = saved.body.trim().parse().expect("the saved version");
        ready.push(SubmitApplication {
            id,
            version,
            consent: String::new(),
        });
    }
    let submit = |i: usize| app.call(ready[i].clone(), Some(&p.talent));
    let (a, b, c, d) = tokio::join!(submit(0), submit(1), submit(2), submit(3));
    let mut numbers = Vec::new();
    for response in [a, b, c, d] {
        ok(&response);
        numbers.push(
            serde_json::from_str::<CaseSummary>(&response.body)
                .unwrap()
                .number
                .unwrap(),
        );
    }
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 4, "{numbers:?}");
}

/// Every (state, transition, party) through the real server function: a case is put into
/// each state directly in the database, then every party tries every transition. Exactly
/// the combinations the life cycle allows succeed (the unit test in `cases::model` checks
/// the life cycle itself against PRODUCT.md).
async fn the_server_allows_exactly_what_the_life_cycle_allows(app: TestApp) {
    use app::cases::model::{Party, Transition, transitions_for};
    let p = people(&app).await;
    let case = apply(&app, &p.talent, "LJ-GRAD-RESETTLE").await;
    let id = case.summary.id;
    let (admin_id,): (i64,) =
        sqlx::query_as("SELECT id FROM accounts WHERE email = 'admin@demo.hub'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    let mut checked = 0;
    for state in CaseState::ALL {
        for party in Party::ALL {
            for transition in Transition::ALL {
                if transition == Transition::Submit {
                    continue; // submitting has its own function (tested above)
                }
                // Put the case into `state`, approved by someone else, with an amount.
                sqlx::query(
                    "UPDATE cases SET state = $1, amount_fen = 100000, approved_by = $2, due_on = '2030-01-01', \
                     paused_on = NULL, version = version + 1 WHERE id = $3",
                )
                .bind(state.as_str())
                .bind(admin_id)
                .bind(id)
                .execute(app.db.writer())
                .await
                .unwrap();
                let cookie = match party {
                    Party::Applicant => &p.talent,
                    Party::Employer => &p.employer,
                    Party::Staff => &p.staff,
                };
                let response = act(
                    &app,
                    cookie,
                    id,
                    transition.as_str(),
                    &[
                        ("reason", "理由"),
                        ("amount_yuan", "1000"),
                        ("reference", "PAY-1"),
                    ],
                )
                .await;
                let mut allowed = transitions_for(state, party).contains(&transition);
                // Money granted is paid before the case closes.
                if state == CaseState::Approved && transition == Transition::Close {
                    allowed = false;
                }
                assert_eq!(
                    response.status == StatusCode::OK,
                    allowed,
                    "{state:?} {transition:?} by {party:?}: {} {}",
                    response.status,
                    response.body
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 14 * 13 * 3);
}

async fn two_ratings_at_once_count_once(app: TestApp) {
    let p = people(&app).await;
    // Not accepted: decided, so it may be rated.
    let id = case_in(&app, &p, CaseState::NotAccepted).await;
    // A bad rating, which also opens a follow-up: sent twice at once.
    let rating = RateCase {
        id,
        rating: "1".into(),
        aspects: Default::default(),
        comment: "太慢".into(),
    };
    let (first, second) = tokio::join!(
        app.call(rating.clone(), Some(&p.talent)),
        app.call(rating, Some(&p.talent)),
    );
    let mut statuses = [first.status, second.status];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::OK, StatusCode::BAD_REQUEST],
        "{} / {}",
        first.body,
        second.body
    );
    let loser = if first.status == StatusCode::OK {
        &second
    } else {
        &first
    };
    assert!(loser.body.contains("err_already_rated"), "{}", loser.body);
    let events = detail(&app, &p.talent, id).await.events;
    assert_eq!(events.iter().filter(|e| e.kind == "rate").count(), 1);
    let (follow_ups,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM review_followups WHERE case_id = $1")
            .bind(id)
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(follow_ups, 1);
}

async fn an_application_records_the_version_it_was_made_with(app: TestApp) {
    let p = people(&app).await;
    let code = "LJ-GRAD-RESETTLE";
    // A new version with other rules and another maximum.
    let (mut item, before) = app::catalogue::store::find_published_version(&app.db, code)
        .await
        .unwrap()
        .unwrap();
    item.max_amount_fen = item.max_amount_fen.map(|m| m / 2);
    item.rules.pop();
    let published = app::catalogue::store::publish(&app.db, &item)
        .await
        .unwrap();
    assert_eq!(published, before + 1);
    // Body and version come as one row: the version's own document.
    let (read, version) = app::catalogue::store::find_published_version(&app.db, code)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(version, published);
    assert_eq!(read, item);
    assert_eq!(
        app::catalogue::store::find_version(&app.db, code, version)
            .await
            .unwrap()
            .as_ref(),
        Some(&read)
    );
    // An application started now records that version and shows its rules.
    let id = start(&app, &p.talent, code).await;
    let (recorded,): (i64,) = sqlx::query_as("SELECT item_version FROM cases WHERE id = $1")
        .bind(id)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!(recorded, version);
    let case = detail(&app, &p.talent, id).await;
    assert_eq!(case.item.rules, item.rules);
    assert_eq!(case.item.max_amount_fen, item.max_amount_fen);
}
