//! Event registration on SQLite and PostgreSQL (issue 8): the last seat under concurrent
//! registrations, the waiting list moving up one person per freed seat in order, the
//! online link and QR ticket for seat holders only, check-in once and only at its own
//! event, the staff list and its export.
use crate::common;

use app::events::api::{LoadEvent, LoadEventDesk, SaveEvent};
use app::events::model::*;
use app::registrations::api::{
    CancelRegistration, CheckIn, LoadRegistrants, LoadRegistration, RegisterForEvent,
};
use app::registrations::model::*;
use app::trainings::api::{AddSession, LoadTraining, RemoveSession, VerifyCertificate};
use app::trainings::model::SessionDraft;
use axum::http::StatusCode;
use common::TestApp;
use common::cases::*;
use futures_util::future::join_all;

on_both_databases!(
    the_last_seat_goes_to_one_person_and_the_waiting_list_moves_up_in_order,
    check_in_codes_work_once_and_only_at_their_own_event,
    attending_enough_sessions_earns_a_certificate_anyone_can_verify,
);

fn local(days_ahead: i64, hour: u32) -> String {
    let day = app::common::date::today_in_china(app::db::now_ms()).add_days(days_ahead);
    format!("{day}T{hour:02}:00")
}

fn draft(title: &str, capacity: i64) -> EventDraft {
    EventDraft {
        kind: "conference".into(),
        title_zh: format!("{title}（中文）"),
        title_en: title.into(),
        description_zh: "说明".into(),
        description_en: "About it".into(),
        starts: local(10, 9),
        ends: local(10, 17),
        place: "悦来国际会议中心".into(),
        online_link: "https://live.example.cn/room-42".into(),
        capacity: capacity.to_string(),
        registration_opens: local(-1, 9),
        registration_closes: local(9, 18),
        audience: "everyone".into(),
        ..Default::default()
    }
}

async fn publish(app: &TestApp, staff: &str, d: &EventDraft) -> i64 {
    let response = app.call(SaveEvent { draft: d.clone() }, Some(staff)).await;
    ok(&response);
    response.body.trim().parse().unwrap()
}

async fn register(app: &TestApp, cookie: &str, event: i64) -> common::TestResponse {
    app.call(RegisterForEvent { event }, Some(cookie)).await
}

async fn cancel(app: &TestApp, cookie: &str, event: i64) -> common::TestResponse {
    app.call(CancelRegistration { event }, Some(cookie)).await
}

async fn panel(app: &TestApp, cookie: Option<&str>, event: i64) -> RegistrationPanel {
    let response = app.call(LoadRegistration { event }, cookie).await;
    ok(&response);
    serde_json::from_str(&response.body).unwrap()
}

async fn state_of_person(app: &TestApp, cookie: &str, event: i64) -> Option<MyRegistration> {
    panel(app, Some(cookie), event).await.mine
}

async fn seats_taken(app: &TestApp, event: i64) -> (i64, i64) {
    let (taken,): (i64,) = sqlx::query_as("SELECT seats_taken FROM events WHERE id = $1")
        .bind(event)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    let (registered,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 AND state = 'registered'",
    )
    .bind(event)
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    (taken, registered)
}

async fn notifications_of(app: &TestApp, account: i64, kind: &str) -> i64 {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM notifications WHERE account_id = $1 AND kind = $2")
            .bind(account)
            .bind(kind)
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    n
}

async fn the_last_seat_goes_to_one_person_and_the_waiting_list_moves_up_in_order(app: TestApp) {
    let p = people(&app).await;
    let event = publish(&app, &p.staff, &draft("Talents Conference", 3)).await;
    let crowd = common::accounts(&app, "talent", "crowd", 12).await;

    // Twelve people ask at the same moment for three seats.
    let answers = join_all(
        crowd
            .iter()
            .map(|(_, cookie)| register(&app, cookie, event)),
    )
    .await;
    let mut states = Vec::new();
    for answer in &answers {
        ok(answer);
        states.push(serde_json::from_str::<RegistrationState>(&answer.body).unwrap());
    }
    let registered = states
        .iter()
        .filter(|s| **s == RegistrationState::Registered)
        .count();
    assert_eq!(registered, 3, "{states:?}");
    assert_eq!(seats_taken(&app, event).await, (3, 3));

    // The waiting list is in the order people asked: positions 1..9, each once.
    let mut queue: Vec<(i64, usize)> = Vec::new();
    for (index, (_, cookie)) in crowd.iter().enumerate() {
        let mine = state_of_person(&app, cookie, event).await.unwrap();
        match mine.state {
            RegistrationState::Waiting => {
                assert!(mine.code.is_none() && mine.online_link.is_none());
                queue.push((mine.position.unwrap(), index));
            }
            RegistrationState::Registered => {
                assert_eq!(mine.code.as_ref().unwrap().len(), CODE_LENGTH);
                // The online link is for people holding a seat.
                assert_eq!(
                    mine.online_link.as_deref(),
                    Some("https://live.example.cn/room-42")
                );
            }
            RegistrationState::Cancelled => panic!("nobody cancelled"),
        }
    }
    queue.sort();
    assert_eq!(
        queue.iter().map(|(p, _)| *p).collect::<Vec<_>>(),
        (1..=9).collect::<Vec<_>>()
    );
    let waiting_in_order: Vec<usize> = queue.iter().map(|(_, i)| *i).collect();
    let holders: Vec<usize> = (0..12)
        .filter(|i| states[*i] == RegistrationState::Registered)
        .collect();

    // Registering again changes nothing; a visitor sees seats, never the link.
    let again = register(&app, &crowd[holders[0]].1, event).await;
    assert_eq!(
        serde_json::from_str::<RegistrationState>(&again.body).unwrap(),
        RegistrationState::Registered
    );
    assert_eq!(seats_taken(&app, event).await, (3, 3));
    let visitor = panel(&app, None, event).await;
    assert_eq!((visitor.seats_left, visitor.waiting), (0, 9));
    assert!(visitor.mine.is_none() && visitor.counts.is_none());

    // The QR ticket: the seat holder only.
    let ticket = app
        .get_as(&format!("/events/{event}/ticket.svg"), &crowd[holders[0]].1)
        .await;
    assert_eq!(ticket.status, StatusCode::OK);
    assert_eq!(ticket.header("content-type"), "image/svg+xml");
    assert!(ticket.body.contains("<svg"));
    let refused = app
        .get_as(
            &format!("/events/{event}/ticket.svg"),
            &crowd[waiting_in_order[0]].1,
        )
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get(&format!("/events/{event}/ticket.svg")).await.status,
        StatusCode::NOT_FOUND
    );

    // One seat freed: exactly the first in line moves up and is told.
    ok(&cancel(&app, &crowd[holders[0]].1, event).await);
    let first = &crowd[waiting_in_order[0]];
    assert_eq!(
        state_of_person(&app, &first.1, event).await.unwrap().state,
        RegistrationState::Registered
    );
    assert_eq!(notifications_of(&app, first.0, "event_promoted").await, 1);
    let second = &crowd[waiting_in_order[1]];
    assert_eq!(
        state_of_person(&app, &second.1, event)
            .await
            .unwrap()
            .position,
        Some(1)
    );
    assert_eq!(notifications_of(&app, second.0, "event_promoted").await, 0);
    assert_eq!(seats_taken(&app, event).await, (3, 3));
    assert_eq!(
        state_of_person(&app, &crowd[holders[0]].1, event)
            .await
            .unwrap()
            .state,
        RegistrationState::Cancelled
    );

    // Two seats freed at the same moment: the next two move up, nobody else.
    let answers = join_all([
        cancel(&app, &crowd[holders[1]].1, event),
        cancel(&app, &crowd[holders[2]].1, event),
    ])
    .await;
    answers.iter().for_each(ok);
    for (n, index) in waiting_in_order.iter().enumerate() {
        let state = state_of_person(&app, &crowd[*index].1, event)
            .await
            .unwrap();
        if n < 3 {
            assert_eq!(state.state, RegistrationState::Registered, "{n}");
        } else {
            assert_eq!(state.position, Some(n as i64 - 2), "{n}");
        }
    }
    assert_eq!(seats_taken(&app, event).await, (3, 3));

    // Someone waiting who gives up frees no seat.
    ok(&cancel(&app, &crowd[waiting_in_order[8]].1, event).await);
    assert_eq!(seats_taken(&app, event).await, (3, 3));
    assert_eq!(
        state_of_person(&app, &crowd[waiting_in_order[3]].1, event)
            .await
            .unwrap()
            .position,
        Some(1)
    );
    // Cancelling what one does not hold.
    assert_eq!(
        cancel(&app, &p.employer, event).await.status,
        StatusCode::NOT_FOUND
    );

    // Staff cannot leave fewer places than people holding one; more places move the queue.
    let mut edit = panel_draft(&app, &p.staff, event).await;
    edit.capacity = "2".into();
    let refused = app
        .call(
            SaveEvent {
                draft: edit.clone(),
            },
            Some(&p.staff),
        )
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body.contains("err_event_capacity_below"));
    edit.capacity = "5".into();
    publish(&app, &p.staff, &edit).await;
    assert_eq!(seats_taken(&app, event).await, (5, 5));
    for index in &waiting_in_order[3..5] {
        assert_eq!(
            state_of_person(&app, &crowd[*index].1, event)
                .await
                .unwrap()
                .state,
            RegistrationState::Registered
        );
    }
    let staff_view = panel(&app, Some(&p.staff), event).await;
    let counts = staff_view.counts.unwrap();
    assert_eq!(
        (counts.registered, counts.waiting, counts.cancelled),
        (5, 3, 4)
    );

    // A talents-only event refuses an enterprise; a closed window refuses everyone.
    let talents_only = publish(
        &app,
        &p.staff,
        &EventDraft {
            audience: "talents".into(),
            ..draft("Talents only", 10)
        },
    )
    .await;
    let refused = register(&app, &p.employer, talents_only).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body.contains("err_event_audience"));
    let later = publish(
        &app,
        &p.staff,
        &EventDraft {
            registration_opens: local(2, 9),
            ..draft("Not yet", 10)
        },
    )
    .await;
    let refused = register(&app, &p.talent, later).await;
    assert!(refused.body.contains("err_registration_not_open"));
    // Visitors are sent to sign in.
    assert_eq!(
        app.call(RegisterForEvent { event }, None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

async fn panel_draft(app: &TestApp, staff: &str, event: i64) -> EventDraft {
    let response = app.call(LoadEvent { id: event }, Some(staff)).await;
    ok(&response);
    let page: EventPage = serde_json::from_str(&response.body).unwrap();
    page.draft.unwrap()
}

async fn check_in(app: &TestApp, cookie: &str, event: i64, code: &str) -> common::TestResponse {
    check_in_session(app, cookie, event, 0, code).await
}

async fn check_in_session(
    app: &TestApp,
    cookie: &str,
    event: i64,
    session: i64,
    code: &str,
) -> common::TestResponse {
    app.call(
        CheckIn {
            event,
            code: code.to_string(),
            session,
        },
        Some(cookie),
    )
    .await
}

async fn audits(app: &TestApp, action: &str, outcome: &str) -> i64 {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_events WHERE action = $1 AND outcome = $2")
            .bind(action)
            .bind(outcome)
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    n
}

async fn check_in_codes_work_once_and_only_at_their_own_event(app: TestApp) {
    let p = people(&app).await;
    let forum = publish(&app, &p.staff, &draft("Forum", 1)).await;
    let fair = publish(&app, &p.staff, &draft("Job fair", 5)).await;
    let crowd = common::accounts(&app, "talent", "door", 2).await;
    ok(&register(&app, &crowd[0].1, forum).await);
    ok(&register(&app, &crowd[1].1, forum).await);
    ok(&register(&app, &crowd[1].1, fair).await);
    let code = state_of_person(&app, &crowd[0].1, forum)
        .await
        .unwrap()
        .code
        .unwrap();

    // Only staff check in.
    assert_eq!(
        check_in(&app, &crowd[0].1, forum, &code).await.status,
        StatusCode::FORBIDDEN
    );
    // The forum's code at the job fair's door.
    let refused = check_in(&app, &p.staff, fair, &code).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(
        refused.body.contains("err_checkin_other_event"),
        "{}",
        refused.body
    );
    // Not a code at all; a code nobody has.
    assert!(
        check_in(&app, &p.staff, forum, "hello")
            .await
            .body
            .contains("err_checkin_code")
    );
    assert!(
        check_in(&app, &p.staff, forum, "ABCDE-FGHJK")
            .await
            .body
            .contains("err_checkin_unknown")
    );
    // The code of someone on the waiting list opens no door.
    let (waiting_code,): (String,) = sqlx::query_as(
        "SELECT checkin_code FROM event_registrations WHERE event_id = $1 AND account_id = $2",
    )
    .bind(forum)
    .bind(crowd[1].0)
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert!(
        check_in(&app, &p.staff, forum, &waiting_code)
            .await
            .body
            .contains("err_checkin_not_registered")
    );

    // Typed loosely (lower case, with the dash) it works, once.
    let typed = display_code(&code).to_lowercase();
    let done = check_in(&app, &p.staff, forum, &typed).await;
    ok(&done);
    let done: CheckedIn = serde_json::from_str(&done.body).unwrap();
    assert_eq!(done.name, "door 0");
    let twice = check_in(&app, &p.staff, forum, &code).await;
    assert!(twice.body.contains("err_checkin_twice"));
    assert!(
        state_of_person(&app, &crowd[0].1, forum)
            .await
            .unwrap()
            .checked_in_at
            .is_some()
    );
    assert_eq!(audits(&app, "check_in", "success").await, 1);
    assert_eq!(audits(&app, "check_in", "refused").await, 5);

    // The staff list: seats first, then the queue; talents may not read it.
    let list = app
        .call(
            LoadRegistrants {
                query: RegistrantQuery {
                    event: forum,
                    ..Default::default()
                },
            },
            Some(&p.staff),
        )
        .await;
    ok(&list);
    let list: RegistrantList = serde_json::from_str(&list.body).unwrap();
    assert_eq!(
        list.items
            .iter()
            .map(|r| (r.name.as_str(), r.state, r.checked_in_at.is_some()))
            .collect::<Vec<_>>(),
        vec![
            ("door 0", RegistrationState::Registered, true),
            ("door 1", RegistrationState::Waiting, false)
        ]
    );
    assert_eq!((list.counts.registered, list.counts.checked_in), (1, 1));
    assert_eq!(
        app.call(
            LoadRegistrants {
                query: RegistrantQuery {
                    event: forum,
                    ..Default::default()
                }
            },
            Some(&p.talent)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let page = app
        .get_as(&format!("/events/{forum}/registrations"), &p.staff)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("door 1"));

    // The export: exactly the list, with its byte-order mark, audited; staff only.
    let csv = app
        .get_as(
            &format!("/staff/exports/registrations.csv?event={forum}"),
            &p.staff,
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv.body.trim_end().lines().collect();
    assert_eq!(lines.len(), 3, "{}", csv.body);
    assert!(lines[1].contains("door 0") && lines[1].contains("registered"));
    assert!(lines[2].contains("door 1") && lines[2].contains("waiting"));
    assert_eq!(audits(&app, "data_exported", "success").await, 1);
    let checked = app
        .get_as(
            &format!("/staff/exports/registrations.csv?event={forum}&state=checked_in"),
            &p.staff,
        )
        .await;
    assert_eq!(checked.body.trim_end().lines().count(), 2);
    assert_eq!(
        app.get_as(
            &format!("/staff/exports/registrations.csv?event={forum}"),
            &p.talent
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get_as("/staff/exports/registrations.csv", &p.staff)
            .await
            .status,
        StatusCode::BAD_REQUEST
    );

    // The staff desk lists events with their figures, and exports them.
    let desk = app
        .call(
            LoadEventDesk {
                query: EventQuery {
                    kind: "conference".into(),
                    ..Default::default()
                },
            },
            Some(&p.staff),
        )
        .await;
    ok(&desk);
    let desk: EventDesk = serde_json::from_str(&desk.body).unwrap();
    let row = desk.items.iter().find(|e| e.card.id == forum).unwrap();
    assert_eq!((row.registered, row.waiting, row.checked_in), (1, 1, 1));
    let row = desk.items.iter().find(|e| e.card.id == fair).unwrap();
    assert_eq!((row.registered, row.waiting, row.checked_in), (1, 0, 0));
    assert_eq!(
        app.call(
            LoadEventDesk {
                query: EventQuery {
                    kind: String::new(),
                    ..Default::default()
                }
            },
            Some(&p.talent)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let events = app
        .get_as("/staff/exports/events.csv?item=conference", &p.staff)
        .await;
    assert_eq!(events.status, StatusCode::OK);
    let forum_line = events
        .body
        .lines()
        .find(|l| l.starts_with(&format!("{forum},")))
        .unwrap();
    assert!(forum_line.ends_with(",1,1,1"), "{forum_line}");
    let page = app.get_as("/staff/events", &p.staff).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Job fair"));
}

async fn add_session(
    app: &TestApp,
    cookie: &str,
    event: i64,
    starts: &str,
    ends: &str,
) -> common::TestResponse {
    app.call(
        AddSession {
            draft: SessionDraft {
                event,
                starts: starts.to_string(),
                ends: ends.to_string(),
                topic: "智能制造".into(),
            },
        },
        Some(cookie),
    )
    .await
}

async fn training_plan(
    app: &TestApp,
    cookie: Option<&str>,
    event: i64,
) -> app::trainings::model::TrainingPlan {
    let response = app.call(LoadTraining { event }, cookie).await;
    ok(&response);
    serde_json::from_str(&response.body).unwrap()
}

async fn attending_enough_sessions_earns_a_certificate_anyone_can_verify(app: TestApp) {
    use app::trainings::model::Certificate;
    let p = people(&app).await;
    let course = publish(
        &app,
        &p.staff,
        &EventDraft {
            kind: "training".into(),
            starts: local(10, 9),
            ends: local(12, 17),
            sessions_required: "2".into(),
            ..draft("Industrial robotics course", 10)
        },
    )
    .await;
    let forum = publish(&app, &p.staff, &draft("Forum", 10)).await;

    // Sessions: staff only, within the course, only for courses.
    assert_eq!(
        add_session(&app, &p.talent, course, &local(10, 9), &local(10, 12))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert!(
        add_session(&app, &p.staff, course, &local(9, 9), &local(9, 12))
            .await
            .body
            .contains("err_session_outside")
    );
    assert!(
        add_session(&app, &p.staff, forum, &local(10, 9), &local(10, 12))
            .await
            .body
            .contains("err_sessions_training_only")
    );
    let mut sessions = Vec::new();
    for day in 10..=12 {
        let added = add_session(&app, &p.staff, course, &local(day, 9), &local(day, 12)).await;
        ok(&added);
        sessions.push(added.body.trim().parse::<i64>().unwrap());
    }
    let public = training_plan(&app, None, course).await;
    assert_eq!(public.sessions.len(), 3);
    assert_eq!(public.sessions_required, 2);
    assert!(public.attended.is_none());

    ok(&register(&app, &p.talent, course).await);
    let code = state_of_person(&app, &p.talent, course)
        .await
        .unwrap()
        .code
        .unwrap();
    // A course needs the session; a session of another event is refused.
    assert!(
        check_in(&app, &p.staff, course, &code)
            .await
            .body
            .contains("err_checkin_session")
    );
    let other = publish(
        &app,
        &p.staff,
        &EventDraft {
            kind: "training".into(),
            ..draft("Other course", 10)
        },
    )
    .await;
    let other_session = add_session(&app, &p.staff, other, &local(10, 13), &local(10, 15)).await;
    ok(&other_session);
    let other_session: i64 = other_session.body.trim().parse().unwrap();
    assert!(
        check_in_session(&app, &p.staff, course, other_session, &code)
            .await
            .body
            .contains("err_checkin_session")
    );

    // First session: attended once, no certificate yet.
    let first = check_in_session(&app, &p.staff, course, sessions[0], &code).await;
    ok(&first);
    let first: CheckedIn = serde_json::from_str(&first.body).unwrap();
    assert!(first.certificate.is_none());
    assert!(
        check_in_session(&app, &p.staff, course, sessions[0], &code)
            .await
            .body
            .contains("err_checkin_twice")
    );
    let mine = training_plan(&app, Some(&p.talent), course).await;
    assert_eq!(mine.attended, Some(1));
    assert!(mine.sessions[0].attended && !mine.sessions[1].attended);
    assert!(mine.certificate.is_none());

    // Second session: the certificate is issued and the talent told.
    let second = check_in_session(&app, &p.staff, course, sessions[1], &code).await;
    ok(&second);
    let second: CheckedIn = serde_json::from_str(&second.body).unwrap();
    let number = second.certificate.expect("a certificate");
    assert!(
        number.starts_with("LJTC-") && number.len() == 24,
        "{number}"
    );
    let (talent_id,): (i64,) =
        sqlx::query_as("SELECT id FROM accounts WHERE email = 'talent@demo.hub'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(
        notifications_of(&app, talent_id, "certificate_issued").await,
        1
    );
    // A third session adds attendance, not a second certificate.
    let third = check_in_session(&app, &p.staff, course, sessions[2], &code).await;
    ok(&third);
    assert!(
        serde_json::from_str::<CheckedIn>(&third.body)
            .unwrap()
            .certificate
            .is_none()
    );
    let mine = training_plan(&app, Some(&p.talent), course).await;
    assert_eq!(mine.certificate.as_deref(), Some(number.as_str()));
    let staff_plan = training_plan(&app, Some(&p.staff), course).await;
    assert_eq!(
        staff_plan
            .sessions
            .iter()
            .map(|s| s.attendance)
            .collect::<Vec<_>>(),
        vec![1, 1, 1]
    );

    // Anyone verifies it by number, typed loosely.
    let typed = number.replace('-', " ").to_lowercase();
    let verified = app
        .call(
            VerifyCertificate {
                number: typed.to_string(),
            },
            None,
        )
        .await;
    ok(&verified);
    let certificate: Certificate = serde_json::from_str(&verified.body).unwrap();
    assert_eq!(certificate.holder_name, "李明 (demo talent)");
    assert_eq!(certificate.title.en, "Industrial robotics course");
    assert_eq!(certificate.sessions, 2);
    // Guessing does not find one: another well-formed number, or nonsense.
    let mut guess = number.clone();
    let last = guess.pop().unwrap();
    guess.push(if last == 'A' { 'B' } else { 'A' });
    for wrong in [guess.as_str(), "LJTC-1234", "anything"] {
        assert_eq!(
            app.call(
                VerifyCertificate {
                    number: wrong.to_string()
                },
                None
            )
            .await
            .status,
            StatusCode::NOT_FOUND,
            "{wrong}"
        );
    }
    let page = app.get(&format!("/certificates/{number}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("李明 (demo talent)"));
    let page = app
        .get(&format!("/certificates?number={}", number.replace('-', "")))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(&number),
        "the verification page names it"
    );

    // A session people attended cannot be removed; an empty one can.
    let removed = app
        .call(
            RemoveSession {
                session: sessions[0],
            },
            Some(&p.staff),
        )
        .await;
    assert!(removed.body.contains("err_session_attended"));
    ok(&app
        .call(
            RemoveSession {
                session: other_session,
            },
            Some(&p.staff),
        )
        .await);
    assert_eq!(audits(&app, "check_in", "success").await, 3);
}
