//! Events on SQLite and PostgreSQL (issue 8, first slice): staff publish with checked
//! fields, the public list's filters, the page without the online link, schema.org data,
//! the calendar file, and edits with a version check.
use crate::common;

use app::events::api::{ListEvents, LoadEvent, SaveEvent};
use app::events::model::*;
use axum::http::StatusCode;
use common::TestApp;
use common::cases::*;

on_both_databases!(
    staff_publish_events_that_everyone_finds_and_takes_into_a_calendar,
    calendar_files_escape_and_fold_what_staff_typed,
);

async fn save(app: &TestApp, cookie: &str, d: &EventDraft) -> common::TestResponse {
    app.call(SaveEvent { draft: d.clone() }, Some(cookie)).await
}

fn local(days_ahead: i64, hour: u32) -> String {
    let day = app::common::date::today_in_china(app::db::now_ms()).add_days(days_ahead);
    format!("{day}T{hour:02}:00")
}

async fn staff_publish_events_that_everyone_finds_and_takes_into_a_calendar(app: TestApp) {
    let p = people(&app).await;
    let conference = EventDraft {
        kind: "conference".into(),
        title_zh: "两江人才大会".into(),
        title_en: "Liangjiang Talents Conference".into(),
        description_zh: "年度人才大会，线上线下同步。".into(),
        description_en: "The yearly conference, on site and online.".into(),
        starts: local(20, 9),
        ends: local(20, 17),
        place: "悦来国际会议中心".into(),
        online_link: "https://live.example.cn/secret-room".into(),
        capacity: "500".into(),
        registration_opens: local(1, 9),
        registration_closes: local(19, 18),
        audience: "everyone".into(),
        ..Default::default()
    };
    // Only staff publish; a bad field is named.
    assert_eq!(
        save(&app, &p.talent, &conference).await.status,
        StatusCode::FORBIDDEN
    );
    let late = EventDraft {
        registration_closes: local(21, 9),
        ..conference.clone()
    };
    let refused = save(&app, &p.staff, &late).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(
        refused.body.contains("err_event_registration_late"),
        "{}",
        refused.body
    );
    let saved = save(&app, &p.staff, &conference).await;
    ok(&saved);
    let id: i64 = saved.body.trim().parse().unwrap();
    let training = EventDraft {
        kind: "training".into(),
        title_zh: "高技能人才研修班".into(),
        title_en: "Advanced skills course".into(),
        place: String::new(),
        online_link: "https://live.example.cn/course".into(),
        ..conference.clone()
    };
    ok(&save(&app, &p.staff, &training).await);
    // A past event, as if held last month.
    let month_ago = app::db::now_ms() - 30 * 86_400_000;
    let staff_id: (i64,) = sqlx::query_as("SELECT id FROM accounts WHERE email = 'staff@demo.hub'")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO events (kind, title_zh, title_en, description_zh, description_en, starts_at, ends_at, place, \
         capacity, registration_opens_at, registration_closes_at, audience, created_by, created_at, updated_at) \
         VALUES ('job_fair', '秋季招聘会', 'Autumn job fair', '招聘会', 'Job fair', $1, $2, '礼嘉', 100, $3, $4, 'talents', $5, $3, $3)",
    )
    .bind(month_ago)
    .bind(month_ago + 3_600_000)
    .bind(month_ago - 10 * 86_400_000)
    .bind(month_ago - 86_400_000)
    .bind(staff_id.0)
    .execute(app.db.writer())
    .await
    .unwrap();

    // The public list: upcoming soonest first, past ones apart, by type.
    let list = |kind: &'static str, when: &'static str| {
        let app = &app;
        async move {
            let r = app
                .call(
                    ListEvents {
                        query: EventQuery {
                            kind: kind.to_string(),
                            when: when.to_string(),
                            page: 0,
                        },
                    },
                    None,
                )
                .await;
            ok(&r);
            serde_json::from_str::<EventList>(&r.body).unwrap()
        }
    };
    let upcoming = list("", "").await;
    // The two above and the demo conference and course, soonest first.
    assert_eq!(upcoming.items.len(), 4);
    assert!(
        upcoming
            .items
            .windows(2)
            .all(|w| w[0].starts_at <= w[1].starts_at)
    );
    assert!(
        upcoming
            .items
            .iter()
            .all(|e| e.title.en != "Autumn job fair")
    );
    assert_eq!(list("", "past").await.items[0].title.en, "Autumn job fair");
    let trainings = list("training", "").await;
    assert_eq!(trainings.items.len(), 2);
    assert!(
        trainings
            .items
            .iter()
            .any(|e| e.online && e.title.en != app::demo::DEMO_COURSE)
    );

    // The page: public, with schema.org data, never the online link.
    let page = app.get(&format!("/events/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("两江人才大会"));
    assert!(
        page.body.contains("\"@type\":\"Event\"") && page.body.contains("MixedEventAttendanceMode")
    );
    assert!(
        page.body
            .contains(&format!("{}:00+08:00", conference.starts))
    );
    assert!(!page.body.contains("secret-room"));
    let visitor = app.call(LoadEvent { id }, None).await;
    assert!(!visitor.body.contains("secret-room"));
    let staff_view: EventPage =
        serde_json::from_str(&app.call(LoadEvent { id }, Some(&p.staff)).await.body).unwrap();
    let draft = staff_view.draft.expect("staff may edit");
    assert_eq!(draft.online_link, conference.online_link);
    assert_eq!(draft.starts, conference.starts);

    // The calendar file, in UTC.
    let ics = app.get(&format!("/events/{id}/event.ics")).await;
    assert_eq!(ics.status, StatusCode::OK);
    assert!(ics.header("content-type").starts_with("text/calendar"));
    let starts_utc = ics_time(parse_local(&conference.starts).unwrap());
    assert!(
        ics.body.contains(&format!("DTSTART:{starts_utc}\r\n")),
        "{}",
        ics.body
    );
    assert!(
        ics.body
            .contains("SUMMARY:两江人才大会 / Liangjiang Talents Conference")
    );
    assert!(ics.body.contains("LOCATION:悦来国际会议中心"));
    assert!(!ics.body.contains("secret-room"));
    assert_eq!(
        app.get("/events/9999/event.ics").await.status,
        StatusCode::NOT_FOUND
    );

    // Edits carry the version read; a stale one is refused.
    let renamed = EventDraft {
        capacity: "600".into(),
        ..draft.clone()
    };
    ok(&save(&app, &p.staff, &renamed).await);
    let stale = EventDraft {
        capacity: "700".into(),
        ..draft
    };
    assert_eq!(
        save(&app, &p.staff, &stale).await.status,
        StatusCode::CONFLICT
    );
}

/// Line breaks of every kind (a bare CR too) in a title or description stay inside their
/// value: every line of the file ends with CRLF, none is longer than 75 octets, and the
/// text is escaped as RFC 5545 asks.
async fn calendar_files_escape_and_fold_what_staff_typed(app: TestApp) {
    let p = people(&app).await;
    let event = EventDraft {
        kind: "conference".into(),
        title_zh: "人才大会\rEND:VEVENT".into(),
        title_en: "Talents; Forum, 2026\\Spring\nBEGIN:VALARM".into(),
        description_zh: "第一行\r第二行\r\n第三行\n".to_string() + &"两江英才汇".repeat(30),
        description_en: "ATTENDEE:mailto:x@evil.example\rDone".into(),
        starts: local(20, 9),
        ends: local(20, 17),
        place: "悦来, 会议中心; 3楼".into(),
        online_link: String::new(),
        capacity: "50".into(),
        registration_opens: local(1, 9),
        registration_closes: local(19, 18),
        audience: "everyone".into(),
        ..Default::default()
    };
    let saved = save(&app, &p.staff, &event).await;
    ok(&saved);
    let id: i64 = saved.body.trim().parse().unwrap();
    let ics = app.get(&format!("/events/{id}/event.ics")).await;
    assert_eq!(ics.status, StatusCode::OK);
    let body = ics.body.as_str();
    assert!(body.ends_with("\r\n"));
    let lines: Vec<&str> = body.strip_suffix("\r\n").unwrap().split("\r\n").collect();
    for line in &lines {
        assert!(!line.contains('\r') && !line.contains('\n'), "{line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    // Nothing typed starts a line of its own: the only BEGIN and END lines are the file's.
    let names: Vec<&str> = lines
        .iter()
        .filter(|l| !l.starts_with(' '))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "BEGIN",
            "VERSION",
            "PRODID",
            "BEGIN",
            "UID",
            "DTSTAMP",
            "DTSTART",
            "DTEND",
            "SUMMARY",
            "LOCATION",
            "DESCRIPTION",
            "END",
            "END"
        ]
    );
    // Unfolded, the values are escaped text.
    let unfolded = body.replace("\r\n ", "");
    let value = |name: &str| {
        unfolded
            .split("\r\n")
            .find_map(|l| l.strip_prefix(&format!("{name}:")))
            .unwrap()
            .to_string()
    };
    assert_eq!(
        value("SUMMARY"),
        "人才大会\\nEND:VEVENT / Talents\\; Forum\\, 2026\\\\Spring\\nBEGIN:VALARM"
    );
    assert_eq!(value("LOCATION"), "悦来\\, 会议中心\\; 3楼");
    let description = value("DESCRIPTION");
    assert!(
        description.starts_with("第一行\\n第二行\\n第三行\\n两江英才汇"),
        "{description}"
    );
    assert!(description.ends_with("\\n\\nATTENDEE:mailto:x@evil.example\\nDone"));
}
