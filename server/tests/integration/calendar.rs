//! The working-day calendar, on SQLite and PostgreSQL: seeded on start, edited by
//! administrators only, and used for the due dates of cases accepted afterwards.
use crate::common;

use app::calendar::api::{CalendarYear, ClearCalendarDay, SetCalendarDay};
use app::calendar::model::SpecialDay;
use axum::http::StatusCode;
use common::TestApp;

on_both_databases!(administrators_keep_the_calendar,);

async fn year(app: &TestApp, cookie: &str, year: i32) -> Vec<SpecialDay> {
    let response = app.call(CalendarYear { year }, Some(cookie)).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

async fn administrators_keep_the_calendar(app: TestApp) {
    app::demo::seed(&app.db).await.unwrap();
    let admin = app
        .sign_in("admin@demo.hub", app::demo::DEMO_PASSWORD)
        .await;
    // Seeded when the database opened: National Day 2026 and its adjusted Saturday.
    let days = year(&app, &admin, 2026).await;
    assert!(
        days.iter()
            .any(|d| d.day.to_string() == "2026-10-01" && !d.working)
    );
    assert!(
        days.iter()
            .any(|d| d.day.to_string() == "2026-10-10" && d.working)
    );
    assert!(!year(&app, &admin, 2027).await.is_empty());

    // An administrator adds a day off; it counts at once.
    let set = app
        .call(
            SetCalendarDay {
                day: "2026-12-31".into(),
                working: None,
                note_zh: "临时休息".into(),
                note_en: "Extra day off".into(),
            },
            Some(&admin),
        )
        .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    let calendar = app::calendar::store::load(&app.db).await.unwrap();
    let day = app::common::date::Date::parse("2026-12-31").unwrap();
    assert!(!calendar.is_working(day));
    // Bad input is refused with the field to fix.
    let bad = app
        .call(
            SetCalendarDay {
                day: "2026-02-30".into(),
                working: None,
                note_zh: "x".into(),
                note_en: "x".into(),
            },
            Some(&admin),
        )
        .await;
    assert!(bad.body.contains("err_date_invalid"));
    let clear = app
        .call(
            ClearCalendarDay {
                day: "2026-12-31".into(),
            },
            Some(&admin),
        )
        .await;
    assert_eq!(clear.status, StatusCode::OK);
    assert!(
        app::calendar::store::load(&app.db)
            .await
            .unwrap()
            .is_working(day)
    );

    // Staff and the public may not change it.
    let staff = app
        .sign_in("staff@demo.hub", app::demo::DEMO_PASSWORD)
        .await;
    let refused = app
        .call(
            SetCalendarDay {
                day: "2026-12-30".into(),
                working: None,
                note_zh: "x".into(),
                note_en: "x".into(),
            },
            Some(&staff),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let anonymous = app
        .call(
            ClearCalendarDay {
                day: "2026-10-01".into(),
            },
            None,
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.get_as("/admin/calendar?year=2026", &admin).await.status,
        StatusCode::OK
    );
}
