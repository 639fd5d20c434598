//! Concerns on SQLite and PostgreSQL: the life cycle with its one reopening, appeals tied
//! to the requester's own case, visitors' questions answered by e-mail, internal notes
//! hidden from the requester, and stale changes refused.
use crate::common;

use app::cases::api::StartApplication;
use app::concerns::api::{
    ActOnConcern, ConcernDesk, LoadConcern, MyConcerns, RaiseConcern, RateConcern, ReplyTemplates,
    SaveReplyTemplate,
};
use app::concerns::model::*;
use app::followups::api::{
    AppealRating, CompleteFollowUp, DecideRatingAppeal, FollowUpOf, FollowUps,
};
use app::notifications::api::MyNotifications;
use axum::http::StatusCode;
use common::{TestApp, TestResponse};

on_both_databases!(
    a_concern_is_answered_reopened_once_resolved_and_rated,
    appeals_and_visitors,
    attachments_reach_the_requester_and_staff_only,
    a_bad_rating_of_an_answer_is_followed_up_on_the_thread,
    a_signed_in_account_raises_ten_concerns_an_hour,
);

fn ok(response: &TestResponse) {
    assert!(
        response.status.is_success(),
        "{} {}",
        response.status,
        response.body
    );
}

async fn raise(app: &TestApp, cookie: Option<&str>, form: &[(&str, &str)]) -> TestResponse {
    // Fields left out are empty, as the server takes a field the form does not send.
    let mut concern = ConcernForm::default();
    for (key, value) in form {
        let field = match *key {
            "kind" => &mut concern.kind,
            "subject" => &mut concern.subject,
            "text" => &mut concern.text,
            "case_id" => &mut concern.case_id,
            "name" => &mut concern.name,
            "email" => &mut concern.email,
            other => panic!("a concern has no field {other}"),
        };
        *field = value.to_string();
    }
    app.call(RaiseConcern { form: concern }, cookie).await
}

async fn detail(app: &TestApp, cookie: &str, id: i64) -> ConcernDetail {
    let response = app.call(LoadConcern { id }, Some(cookie)).await;
    ok(&response);
    serde_json::from_str(&response.body).unwrap()
}

async fn act(
    app: &TestApp,
    cookie: &str,
    id: i64,
    action: &str,
    text: &str,
    department: &str,
) -> TestResponse {
    let version = detail(app, cookie, id).await.summary.version;
    act_at(app, cookie, id, version, action, text, department).await
}

async fn act_at(
    app: &TestApp,
    cookie: &str,
    id: i64,
    version: i64,
    action: &str,
    text: &str,
    department: &str,
) -> TestResponse {
    app.call(
        ActOnConcern {
            id,
            version,
            action: action.to_string(),
            text: text.to_string(),
            department: department.to_string(),
            template: 0,
        },
        Some(cookie),
    )
    .await
}

async fn my_concern_id(app: &TestApp, cookie: &str, number: &str) -> i64 {
    let response = app.call(MyConcerns { page: 0 }, Some(cookie)).await;
    ok(&response);
    let page: ConcernPage = serde_json::from_str(&response.body).unwrap();
    page.items.iter().find(|c| c.number == number).unwrap().id
}

async fn a_concern_is_answered_reopened_once_resolved_and_rated(app: TestApp) {
    app::demo::seed(&app.db).await.unwrap();
    let pw = app::demo::DEMO_PASSWORD;
    let talent = app.sign_in("talent@demo.hub", pw).await;
    let staff = app.sign_in("staff@demo.hub", pw).await;
    let enterprise = app.sign_in("hr@demo-auto.hub", pw).await;

    let missing = raise(
        &app,
        Some(&talent),
        &[("kind", "consultation"), ("subject", "")],
    )
    .await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert!(missing.body.contains("form[subject]"));
    let raised = raise(
        &app,
        Some(&talent),
        &[
            ("kind", "consultation"),
            ("subject", "租房补贴何时发放？"),
            ("text", "我上月提交了申请，想知道发放时间。"),
        ],
    )
    .await;
    ok(&raised);
    let number: String = serde_json::from_str(&raised.body).unwrap();
    assert!(number.starts_with("SQ-") && number.len() == 14, "{number}");
    let id = my_concern_id(&app, &talent, &number).await;
    let first = detail(&app, &talent, id).await;
    assert_eq!(first.summary.state, ConcernState::Open);
    // Promised within three working days, never on the day itself.
    assert!(first.summary.due_on > app::common::date::today().to_string());

    // Others cannot see it; staff find it on the desk.
    assert_eq!(
        app.call(LoadConcern { id }, Some(&enterprise)).await.status,
        StatusCode::NOT_FOUND
    );
    let desk = app
        .call(
            ConcernDesk {
                filter: "open".into(),
                page: 0,
            },
            Some(&staff),
        )
        .await;
    assert!(desk.body.contains(&number));
    assert_eq!(
        app.call(
            ConcernDesk {
                filter: "open".into(),
                page: 0
            },
            Some(&talent)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    // The requester cannot answer their own concern.
    assert_eq!(
        act(&app, &talent, id, "reply", "自己答复", "").await.status,
        StatusCode::FORBIDDEN
    );

    // An internal note and a transfer, then an answer.
    ok(&act(&app, &staff, id, "note", "需核对发放批次", "").await);
    ok(&act(&app, &staff, id, "transfer", "", "housing").await);
    let stale = detail(&app, &staff, id).await.summary.version;
    ok(&act(&app, &staff, id, "reply", "本月 25 日前发放。", "").await);
    assert_eq!(
        act_at(&app, &staff, id, stale, "close", "重复", "")
            .await
            .status,
        StatusCode::CONFLICT
    );
    let seen = detail(&app, &talent, id).await;
    assert_eq!(seen.summary.state, ConcernState::Answered);
    assert_eq!(seen.summary.department, "housing");
    assert!(seen.thread.iter().all(|m| m.public), "notes stay internal");
    assert!(!seen.thread.iter().any(|m| m.text.contains("发放批次")));
    assert!(seen.thread.iter().any(|m| m.text.contains("25 日")));
    assert_eq!(
        seen.actions,
        vec![ConcernAction::Confirm, ConcernAction::Reopen]
    );
    let office_view = detail(&app, &staff, id).await;
    assert!(office_view.thread.iter().any(|m| !m.public));

    // Not resolved: the requester reopens it, once.
    ok(&act(&app, &talent, id, "reopen", "仍未到账。", "").await);
    assert_eq!(
        detail(&app, &talent, id).await.summary.state,
        ConcernState::Reopened
    );
    ok(&act(&app, &staff, id, "reply", "已催办，明日到账。", "").await);
    let again = detail(&app, &talent, id).await;
    assert!(again.reopened);
    assert_eq!(again.actions, vec![ConcernAction::Confirm]);
    assert_eq!(
        act(&app, &talent, id, "reopen", "还是没有", "")
            .await
            .status,
        StatusCode::CONFLICT
    );
    // Staff keep reply templates; one sent without its text is filled in for this concern.
    assert_eq!(
        app.call(ReplyTemplates {}, Some(&talent)).await.status,
        StatusCode::FORBIDDEN
    );
    ok(&app
        .call(
            SaveReplyTemplate {
                id: 0,
                version: 0,
                title_zh: "催办".into(),
                title_en: String::new(),
                body_zh: "{name}，诉求 {number} 已催办。".into(),
                body_en: String::new(),
            },
            Some(&staff),
        )
        .await);
    let templates: Vec<ReplyTemplate> =
        serde_json::from_str(&app.call(ReplyTemplates {}, Some(&staff)).await.body).unwrap();
    let chased = templates.iter().find(|t| t.title.zh == "催办").unwrap();
    assert!(
        detail(&app, &staff, id)
            .await
            .templates
            .iter()
            .any(|t| t.id == chased.id)
    );
    assert!(detail(&app, &talent, id).await.templates.is_empty());
    let version = detail(&app, &staff, id).await.summary.version;
    ok(&app
        .call(
            ActOnConcern {
                id,
                version,
                action: "note".into(),
                text: String::new(),
                department: String::new(),
                template: chased.id,
            },
            Some(&staff),
        )
        .await);
    let filled = format!("李明 (demo talent)，诉求 {number} 已催办。");
    assert!(
        detail(&app, &staff, id)
            .await
            .thread
            .iter()
            .any(|m| m.text == filled),
        "template filled for the requester"
    );
    ok(&act(&app, &talent, id, "confirm", "", "").await);
    let resolved = detail(&app, &talent, id).await;
    assert_eq!(resolved.summary.state, ConcernState::Resolved);
    assert!(resolved.may_rate);
    let rating = |value: i64| {
        let app = &app;
        let talent = talent.clone();
        async move {
            let version = detail(app, &talent, id).await.summary.version;
            app.call(
                RateConcern {
                    id,
                    version,
                    rating: value,
                    comment: "答复及时".into(),
                },
                Some(&talent),
            )
            .await
        }
    };
    assert_eq!(rating(6).await.status, StatusCode::BAD_REQUEST);
    ok(&rating(5).await);
    assert!(rating(4).await.body.contains("err_already_rated"));
    assert_eq!(detail(&app, &talent, id).await.rating, Some(5));
    // The talent heard of each answer.
    let notes = app.call(MyNotifications { page: 0 }, Some(&talent)).await;
    assert!(notes.body.contains("concern_reply"), "{}", notes.body);
}

async fn appeals_and_visitors(app: TestApp) {
    app::demo::seed(&app.db).await.unwrap();
    let pw = app::demo::DEMO_PASSWORD;
    let talent = app.sign_in("talent@demo.hub", pw).await;
    let staff = app.sign_in("staff@demo.hub", pw).await;

    // An appeal names one of the requester's own submitted cases.
    let no_case = raise(
        &app,
        Some(&talent),
        &[
            ("kind", "appeal"),
            ("subject", "不服驳回"),
            ("text", "理由如下。"),
        ],
    )
    .await;
    assert!(no_case.body.contains("err_appeal_case"));
    let started = app
        .call(
            StartApplication {
                code: "LJ-TALENT-CARD".into(),
            },
            Some(&talent),
        )
        .await;
    ok(&started);
    let draft_case = started.body.trim().to_string();
    let appeal_against_it = || async {
        raise(
            &app,
            Some(&talent),
            &[
                ("kind", "appeal"),
                ("subject", "不服驳回"),
                ("text", "理由如下。"),
                ("case_id", &draft_case),
            ],
        )
        .await
    };
    let unsubmitted = appeal_against_it().await;
    assert!(
        unsubmitted.body.contains("err_appeal_case"),
        "a draft has no decision to appeal"
    );
    // Submitted and still under review: nothing decided yet to appeal against.
    sqlx::query("UPDATE cases SET number = 'LJ-2026-999999', state = 'under_review' WHERE id = $1")
        .bind(draft_case.parse::<i64>().unwrap())
        .execute(app.db.writer())
        .await
        .unwrap();
    let undecided = appeal_against_it().await;
    assert!(
        undecided.body.contains("err_appeal_case"),
        "a case under review has no decision to appeal"
    );
    // Rejected: now it can be appealed.
    sqlx::query("UPDATE cases SET state = 'rejected' WHERE id = $1")
        .bind(draft_case.parse::<i64>().unwrap())
        .execute(app.db.writer())
        .await
        .unwrap();
    let appeal = appeal_against_it().await;
    ok(&appeal);
    let number: String = serde_json::from_str(&appeal.body).unwrap();
    let id = my_concern_id(&app, &talent, &number).await;
    let seen = detail(&app, &staff, id).await;
    assert_eq!(seen.summary.kind, ConcernKind::Appeal);
    assert_eq!(seen.case_number.as_deref(), Some("LJ-2026-999999"));
    // The appeal template names the case: sent without its text, the server fills it in.
    let reviewed = seen
        .templates
        .iter()
        .find(|t| t.title.zh == "申诉复核")
        .expect("the demo's appeal template");
    ok(&app
        .call(
            ActOnConcern {
                id,
                version: seen.summary.version,
                action: "reply".into(),
                text: String::new(),
                department: String::new(),
                template: reviewed.id,
            },
            Some(&staff),
        )
        .await);
    let answered = detail(&app, &talent, id).await;
    assert!(
        answered
            .thread
            .iter()
            .any(|m| m.action == "reply"
                && m.text.contains("我们已复核办件 LJ-2026-999999 的办理结果")),
        "{:?}",
        answered.thread
    );
    // Nobody appeals someone else's case.
    let other = app
        .register(app::accounts::api::RegisterTalent {
            display_name: "陈静".into(),
            login: "chen@example.cn".into(),
            password: "lantern river 2026".into(),
            next: None,
        })
        .await;
    let other = other.session_cookie().unwrap();
    let theirs = raise(
        &app,
        Some(&other),
        &[
            ("kind", "appeal"),
            ("subject", "x"),
            ("text", "y"),
            ("case_id", &draft_case),
        ],
    )
    .await;
    assert!(theirs.body.contains("err_appeal_case"));

    // A visitor asks without an account; the acknowledgement and the answer go by e-mail.
    let bad_email = raise(
        &app,
        None,
        &[
            ("kind", "consultation"),
            ("subject", "落户政策"),
            ("text", "外省户籍可以申请吗？"),
            ("name", "访客"),
            ("email", "not-an-address"),
        ],
    )
    .await;
    assert!(bad_email.body.contains("form[email]"), "{}", bad_email.body);
    let asked = raise(
        &app,
        None,
        &[
            ("kind", "consultation"),
            ("subject", "落户政策"),
            ("text", "外省户籍可以申请吗？"),
            ("name", "访客"),
            ("email", "visitor@example.cn"),
        ],
    )
    .await;
    ok(&asked);
    let number: String = serde_json::from_str(&asked.body).unwrap();
    let desk: ConcernPage = serde_json::from_str(
        &app.call(
            ConcernDesk {
                filter: "open".into(),
                page: 0,
            },
            Some(&staff),
        )
        .await
        .body,
    )
    .unwrap();
    let visitor = desk.items.iter().find(|c| c.number == number).unwrap();
    assert_eq!(visitor.requester, "访客");
    let visitor_id = visitor.id;
    assert!(
        detail(&app, &staff, visitor_id)
            .await
            .contact
            .contains("visitor@example.cn")
    );
    ok(&act(
        &app,
        &staff,
        visitor_id,
        "reply",
        "可以，详见落户政策第三条。",
        "",
    )
    .await);
    let mails: Vec<(String, String)> =
        sqlx::query_as("SELECT to_address, body FROM outbox WHERE to_address = $1 ORDER BY id")
            .bind("visitor@example.cn")
            .fetch_all(app.db.reader())
            .await
            .unwrap();
    assert_eq!(mails.len(), 2, "acknowledgement and answer");
    assert!(mails[1].1.contains("落户政策第三条"));
    // Visitors cannot appeal (they have no cases), and one address cannot flood the desk.
    let visitor_appeal = raise(
        &app,
        None,
        &[
            ("kind", "appeal"),
            ("subject", "x"),
            ("text", "y"),
            ("case_id", &draft_case),
            ("name", "访客"),
            ("email", "visitor@example.cn"),
        ],
    )
    .await;
    assert!(visitor_appeal.body.contains("err_appeal_case"));
    let mut last = None;
    for n in 0..VISITOR_CONCERNS_PER_HOUR {
        let text = format!("多开几场招聘会（{n}）。");
        last = Some(
            raise(
                &app,
                None,
                &[
                    ("kind", "suggestion"),
                    ("subject", "建议"),
                    ("text", text.as_str()),
                    ("name", "访客"),
                    ("email", "visitor@example.cn"),
                ],
            )
            .await,
        );
    }
    assert!(last.unwrap().body.contains("err_too_many_concerns"));
}

async fn attachments_reach_the_requester_and_staff_only(app: TestApp) {
    app::demo::seed(&app.db).await.unwrap();
    let pw = app::demo::DEMO_PASSWORD;
    let talent = app.sign_in("talent@demo.hub", pw).await;
    let staff = app.sign_in("staff@demo.hub", pw).await;
    let enterprise = app.sign_in("hr@demo-auto.hub", pw).await;
    let raised = raise(
        &app,
        Some(&talent),
        &[
            ("kind", "complaint"),
            ("subject", "窗口要求重复提交材料"),
            ("text", "见附件。"),
        ],
    )
    .await;
    ok(&raised);
    let number: String = serde_json::from_str(&raised.body).unwrap();
    let id = my_concern_id(&app, &talent, &number).await;
    let path = format!("/concerns/{id}/files");

    // The requester attaches a PDF; an executable named .pdf is refused; others cannot.
    let added = app
        .upload(&path, "回执.pdf", common::TINY_PDF, &talent)
        .await;
    ok(&added);
    let refused = app
        .upload(&path, "x.pdf", b"MZ\x90\x00 not a pdf", &talent)
        .await;
    assert_eq!(refused.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let stranger = app
        .upload(&path, "y.pdf", common::TINY_PDF, &enterprise)
        .await;
    assert_eq!(stranger.status, StatusCode::NOT_FOUND);
    // Staff add one to their answer.
    ok(&app
        .upload(&path, "说明.pdf", common::TINY_PDF, &staff)
        .await);

    let seen = detail(&app, &talent, id).await;
    assert_eq!(seen.files.len(), 2);
    assert!(
        seen.thread
            .iter()
            .any(|m| m.action == "attach" && m.text == "回执.pdf")
    );
    let file = seen.files[0].id;
    let download = format!("/files/concern/{file}");
    let got = app.get_as(&download, &talent).await;
    assert_eq!(got.status, StatusCode::OK);
    assert!(got.body.starts_with("%PDF"));
    assert_eq!(app.get_as(&download, &staff).await.status, StatusCode::OK);
    assert_eq!(
        app.get_as(&download, &enterprise).await.status,
        StatusCode::NOT_FOUND
    );

    // A finished concern takes no more files.
    let close = act(&app, &staff, id, "close", "已核实并答复", "").await;
    ok(&close);
    let late = app.upload(&path, "z.pdf", common::TINY_PDF, &talent).await;
    assert_eq!(late.status, StatusCode::CONFLICT);
}

/// A concern raised by the demo talent, answered by staff and confirmed: ready to rate.
async fn answered_concern(app: &TestApp, talent: &str, staff: &str, subject: &str) -> i64 {
    let raised = raise(
        app,
        Some(talent),
        &[
            ("kind", "complaint"),
            ("subject", subject),
            ("text", "窗口说需要再跑一趟。"),
        ],
    )
    .await;
    ok(&raised);
    let number: String = serde_json::from_str(&raised.body).unwrap();
    let id = my_concern_id(app, talent, &number).await;
    ok(&act(app, staff, id, "reply", "已核实，可线上补交。", "").await);
    ok(&act(app, talent, id, "confirm", "", "").await);
    id
}

async fn rate(app: &TestApp, talent: &str, id: i64, stars: i64) -> TestResponse {
    let version = detail(app, talent, id).await.summary.version;
    app.call(
        RateConcern {
            id,
            version,
            rating: stars,
            comment: "答复没解决问题".into(),
        },
        Some(talent),
    )
    .await
}

async fn follow_up_of(app: &TestApp, cookie: &str, id: i64) -> TestResponse {
    app.call(
        FollowUpOf {
            kind: "concern".into(),
            id,
        },
        Some(cookie),
    )
    .await
}

async fn a_bad_rating_of_an_answer_is_followed_up_on_the_thread(app: TestApp) {
    use app::followups::model::{FollowUp, FollowUpList, Rated};
    app::demo::seed(&app.db).await.unwrap();
    let pw = app::demo::DEMO_PASSWORD;
    let talent = app.sign_in("talent@demo.hub", pw).await;
    let staff = app.sign_in("staff@demo.hub", pw).await;
    let admin = app.sign_in("admin@demo.hub", pw).await;
    let enterprise = app.sign_in("hr@demo-auto.hub", pw).await;

    // Three stars open nothing; two stars open a follow-up due in 15 working days.
    let fair = answered_concern(&app, &talent, &staff, "补贴材料说明").await;
    ok(&rate(&app, &talent, fair, 3).await);
    assert_eq!(follow_up_of(&app, &talent, fair).await.body, "null");
    let id = answered_concern(&app, &talent, &staff, "窗口让我跑了两趟").await;
    ok(&rate(&app, &talent, id, 2).await);
    let desk = || async {
        let list = app.call(FollowUps {}, Some(&staff)).await;
        ok(&list);
        let list: FollowUpList = serde_json::from_str(&list.body).unwrap();
        list
    };
    let open: FollowUp = desk()
        .await
        .open
        .into_iter()
        .find(|f| f.about == Rated::Concern(id))
        .expect("the bad rating is on the follow-up desk");
    let number = detail(&app, &talent, id).await.summary.number;
    assert_eq!(open.number, number);
    assert_eq!(open.item_name.zh, "窗口让我跑了两趟");
    assert_eq!((open.rating, open.comment.as_str()), (2, "答复没解决问题"));
    let calendar = app::calendar::store::load(&app.db).await.unwrap();
    let due = calendar.add_working_days(app::common::date::today_in_china(app::db::now_ms()), 15);
    assert_eq!(open.due_on, due.to_string());

    // Only the requester and staff see it.
    assert_eq!(
        follow_up_of(&app, &enterprise, id).await.status,
        StatusCode::NOT_FOUND
    );
    let seen: FollowUp = serde_json::from_str(&follow_up_of(&app, &talent, id).await.body).unwrap();
    assert!(seen.may_appeal && !seen.done);

    // Staff record the call-back and the fix: an internal note on the thread.
    ok(&app
        .call(
            CompleteFollowUp {
                id: open.id,
                version: open.version,
                callback: "已电话回访申请人".into(),
                fix: "窗口一次告知所需材料".into(),
            },
            Some(&staff),
        )
        .await);
    let on_staff_thread = detail(&app, &staff, id).await.thread;
    let note = on_staff_thread
        .iter()
        .find(|m| m.action == "follow_up")
        .expect("the follow-up on the thread");
    assert!(!note.public && note.text.contains("窗口一次告知所需材料"));
    let requester_view = detail(&app, &talent, id).await;
    assert!(
        requester_view
            .thread
            .iter()
            .all(|m| m.action != "follow_up")
    );
    let seen: FollowUp = serde_json::from_str(&follow_up_of(&app, &talent, id).await.body).unwrap();
    assert!(
        seen.done && seen.fix_note.is_empty(),
        "internal notes stay internal"
    );

    // The requester appeals their rating once (nobody else can); an administrator grants it.
    let appeal = |cookie: String, stars: &'static str| {
        let app = &app;
        async move {
            app.call(
                AppealRating {
                    kind: "concern".into(),
                    id,
                    rating: stars.to_string(),
                    reason: "回访后问题已解决".into(),
                },
                Some(&cookie),
            )
            .await
        }
    };
    assert_eq!(
        appeal(enterprise.clone(), "5").await.status,
        StatusCode::NOT_FOUND
    );
    ok(&appeal(talent.clone(), "4").await);
    assert!(
        appeal(talent.clone(), "5")
            .await
            .body
            .contains("err_appeal_once")
    );
    let pending = desk()
        .await
        .appeals
        .into_iter()
        .find(|f| f.about == Rated::Concern(id))
        .expect("the appeal waits for an administrator");
    ok(&app
        .call(
            DecideRatingAppeal {
                id: pending.id,
                version: pending.version,
                decision: "grant".into(),
                answer: "同意修改".into(),
            },
            Some(&admin),
        )
        .await);
    let after = detail(&app, &talent, id).await;
    assert_eq!(after.rating, Some(4));
    let public: Vec<&str> = after.thread.iter().map(|m| m.action.as_str()).collect();
    assert!(public.contains(&"rating_appeal") && public.contains(&"appeal_granted"));
    let notes = app.call(MyNotifications { page: 0 }, Some(&talent)).await;
    assert!(
        notes.body.contains("concern_appeal_granted"),
        "{}",
        notes.body
    );
}

async fn a_signed_in_account_raises_ten_concerns_an_hour(app: TestApp) {
    let people = common::accounts(&app, "talent", "asker", 2).await;
    let form = [
        ("kind", "consultation"),
        ("subject", "补贴何时发放"),
        ("text", "上月提交的申请何时发放？"),
    ];
    // The same concern sent twice (a double click) is received once.
    ok(&raise(&app, Some(&people[0].1), &form).await);
    let twice = raise(&app, Some(&people[0].1), &form).await;
    assert!(twice.body.contains("err_sent_already"), "{}", twice.body);
    for n in 1..app::concerns::store::CONCERNS_PER_ACCOUNT.max {
        let text = format!("上月提交的申请何时发放？（第 {n} 次）");
        let form = [
            ("kind", "consultation"),
            ("subject", "补贴何时发放"),
            ("text", text.as_str()),
        ];
        let raised = raise(&app, Some(&people[0].1), &form).await;
        assert!(raised.status.is_success(), "{n}: {}", raised.body);
    }
    let form = [
        ("kind", "consultation"),
        ("subject", "补贴何时发放"),
        ("text", "还有一个问题"),
    ];
    let refused = raise(&app, Some(&people[0].1), &form).await;
    assert_eq!(
        refused.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        refused.body
    );
    assert!(refused.body.contains("err_too_many_concerns_raised"));
    assert!(refused.header("retry-after").parse::<i64>().unwrap() > 59 * 60);
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM concerns WHERE requester_id = $1")
        .bind(people[0].0)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!(count, 10);
    // The limit is the account's own: another account is not held up.
    ok(&raise(&app, Some(&people[1].1), &form).await);
}
