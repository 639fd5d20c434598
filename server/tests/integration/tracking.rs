//! Public doors on SQLite and PostgreSQL: following a case or concern without signing in
//! (a one-time code to the contact on file, then only the public timeline), and the open
//! data page and CSV, which name nobody.
use crate::common;

use axum::http::StatusCode;
use common::TestApp;
use common::cases::*;

on_both_databases!(
    a_case_is_followed_with_a_code_sent_to_the_contact_on_file,
    open_data_names_nobody_and_matches_the_dashboard,
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
        "/api/track/request",
        &[("number", number), ("contact", contact)],
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
            "/api/cases/note",
            &[
                ("id", &case.summary.id.to_string()),
                ("text", "内部：已电话核实"),
            ],
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
            "/api/track/confirm",
            &[("ticket", &wrong_ticket), ("code", "123456")],
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
            "/api/track/confirm",
            &[("ticket", &ticket), ("code", bad_code)],
            None,
        )
        .await;
    assert!(miss.body.contains("err_track_code_wrong"));
    let confirmed = app
        .call(
            "/api/track/confirm",
            &[("ticket", &ticket), ("code", &code)],
            None,
        )
        .await;
    let location = confirmed.header("location").to_string();
    assert!(
        location.starts_with("/track/view?grant="),
        "{location} {}",
        confirmed.body
    );
    let grant = &location["/track/view?grant=".len()..];

    // The public timeline only: the internal note stays inside.
    let view = app.call("/api/track/view", &[("grant", grant)], None).await;
    ok(&view);
    let tracked: app::tracking::model::Tracked = serde_json::from_str(&view.body).unwrap();
    assert_eq!(tracked.number, number);
    assert_eq!(tracked.state, "under_review");
    assert!(tracked.events.iter().any(|e| e.kind == "accept"));
    assert!(!view.body.contains("内部"));
    let page = app.get(&location).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&number) && !page.body.contains("内部"));

    // A code works once; a made-up grant opens nothing.
    let again = app
        .call(
            "/api/track/confirm",
            &[("ticket", &ticket), ("code", &code)],
            None,
        )
        .await;
    assert!(again.body.contains("err_track_expired"));
    let forged = app
        .call("/api/track/view", &[("grant", "00ff")], None)
        .await;
    assert!(forged.body.contains("err_track_expired"));

    // Tries are limited per ticket, and lookups per address.
    let third = ticket_of(&request(&app, &number, "talent@demo.hub").await);
    for _ in 0..5 {
        app.call(
            "/api/track/confirm",
            &[("ticket", &third), ("code", bad_code)],
            None,
        )
        .await;
    }
    let code = code_sent(&app, "talent@demo.hub", &number).await.unwrap();
    let locked = app
        .call(
            "/api/track/confirm",
            &[("ticket", &third), ("code", &code)],
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
    assert!(last.body.contains("err_track_throttled"), "{}", last.body);
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
            "/api/cases/rate",
            &[
                ("id", &id.to_string()),
                ("rating", "2"),
                ("comment", "窗口态度不好"),
            ],
            Some(&p.talent),
        )
        .await);

    let response = app.call("/api/opendata", &[("year", "0")], None).await;
    ok(&response);
    let data: app::opendata::model::OpenData = serde_json::from_str(&response.body).unwrap();
    let year = data.year;
    let dashboard = app
        .call(
            "/api/dashboard",
            &[
                ("period[from]", &format!("{year}-01-01")),
                ("period[to]", ""),
            ],
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
            .any(|l| l.contains("LJ-GRAD-RESETTLE") && l.contains(",education,")),
        "{}",
        csv.body
    );
    assert!(page.body.contains("paid-by-category"));
    for body in [&page.body, &csv.body, &response.body] {
        assert!(!body.contains("窗口态度不好"), "comments stay inside");
        assert!(!body.contains("李明"), "applicants stay unnamed");
    }
}
