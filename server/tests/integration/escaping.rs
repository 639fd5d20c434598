//! Text from users and from the address bar, on SQLite and PostgreSQL, reaches the page
//! as text: titles and textareas cannot be ended early to inject markup (a
//! `<meta http-equiv=refresh>` would send every reader elsewhere), and signing in never
//! forwards anyone to another site.
use crate::common;

use app::events::api::SaveEvent;
use app::incubation::api::SaveCall;
use app::incubation::model::{CallDraft, CriterionDraft};
use app::jobs::api::{JobPost, ReviewPost, SavePost};
use app::jobs::model::PostDraft;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::TestApp;
use common::cases::{ok, people};

on_both_databases!(
    titles_from_users_cannot_end_the_title,
    textareas_keep_markup_as_text,
    signing_in_goes_only_to_pages_of_the_hub,
);

/// Markup that would redirect the reader if the element around it were ended early.
const TITLE_BREAKER: &str = "</title><meta http-equiv=refresh content=\"0;url=/statistics?x\">";
const TEXTAREA_BREAKER: &str =
    "</textarea><meta http-equiv=refresh content=\"0;url=/statistics?y\">";

/// No live `<meta http-equiv` (any case), and the typed text is there, escaped.
fn shown_as_text(page: &str, breaker: &str) {
    assert!(
        !page.to_ascii_lowercase().contains("<meta http-equiv"),
        "markup rendered live:\n{}",
        &page[..page.len().min(4000)]
    );
    let escaped = breaker.replace('<', "&lt;").replace('>', "&gt;");
    assert!(page.contains(&escaped), "text missing: {escaped}");
}

fn local(days_ahead: i64, hour: u32) -> String {
    let day = app::common::date::today_in_china(app::db::now_ms()).add_days(days_ahead);
    format!("{day}T{hour:02}:00")
}

/// A job post of the demo enterprise titled `title`, approved by staff.
async fn approved_post(app: &TestApp, enterprise: &str, staff: &str, title: &str) -> i64 {
    let closes = app::common::date::today().add_days(30).to_string();
    let draft = PostDraft {
        title_zh: String::new(),
        title_en: title.to_string(),
        description_zh: String::new(),
        description_en: "Design fuel cell stacks.".into(),
        industry: "automobile".into(),
        headcount: "2".into(),
        education: "master".into(),
        experience_years: "3".into(),
        salary_min: "18000".into(),
        salary_max: "30000".into(),
        location: "yuelai".into(),
        closes_on: closes,
    };
    let saved = app
        .call(
            SavePost {
                id: 0,
                version: 0,
                draft,
            },
            Some(enterprise),
        )
        .await;
    ok(&saved);
    let id: i64 = saved.body.trim().parse().unwrap();
    let post = app.call(JobPost { id }, Some(staff)).await;
    ok(&post);
    let version = serde_json::from_str::<app::jobs::model::PostPage>(&post.body)
        .unwrap()
        .card
        .version;
    ok(&app
        .call(
            ReviewPost {
                id,
                version,
                decision: "approve".into(),
                note: String::new(),
            },
            Some(staff),
        )
        .await);
    id
}

async fn titles_from_users_cannot_end_the_title(app: TestApp) {
    let p = people(&app).await;
    // A job post's title, seen by the reviewing staff member and, approved, by visitors.
    let post = approved_post(&app, &p.employer, &p.staff, TITLE_BREAKER).await;
    let path = format!("/jobs/{post}");
    for page in [app.get_as(&path, &p.staff).await, app.get(&path).await] {
        assert_eq!(page.status, StatusCode::OK);
        shown_as_text(&page.body, TITLE_BREAKER);
        let title = &page.body[page.body.find("<title>").unwrap()..];
        assert!(
            title.starts_with("<title>&lt;/title&gt;&lt;meta"),
            "{}",
            &title[..80]
        );
    }

    // An event's title.
    let draft = app::events::model::EventDraft {
        kind: "conference".into(),
        title_zh: TITLE_BREAKER.into(),
        title_en: TITLE_BREAKER.into(),
        description_zh: "年度大会".into(),
        description_en: "The yearly conference.".into(),
        starts: local(20, 9),
        ends: local(20, 17),
        place: "悦来国际会议中心".into(),
        capacity: "50".into(),
        registration_opens: local(1, 9),
        registration_closes: local(19, 18),
        audience: "everyone".into(),
        ..Default::default()
    };
    let saved = app.call(SaveEvent { draft }, Some(&p.staff)).await;
    ok(&saved);
    let event: i64 = saved.body.trim().parse().unwrap();
    let page = app.get(&format!("/events/{event}")).await;
    assert_eq!(page.status, StatusCode::OK);
    shown_as_text(&page.body, TITLE_BREAKER);
}

async fn textareas_keep_markup_as_text(app: TestApp) {
    let p = people(&app).await;
    // The application note a talent typed comes back in the address bar (without
    // JavaScript, after a refused application): it stays text.
    let post = approved_post(&app, &p.employer, &p.staff, "Battery engineer").await;
    let path = format!(
        "/jobs/{post}?note={}",
        app::format::url_encode(TEXTAREA_BREAKER)
    );
    let page = app.get_as(&path, &p.talent).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("id=\"apply-note\""),
        "the application form is shown"
    );
    shown_as_text(&page.body, TEXTAREA_BREAKER);

    // An incubation call's description, in the editor on the staff ranking page.
    let panel = common::accounts(&app, "staff", "escaping-panel", 1).await;
    let draft = CallDraft {
        title_zh: "孵化".into(),
        title_en: "Incubation".into(),
        description_zh: TEXTAREA_BREAKER.into(),
        description_en: TEXTAREA_BREAKER.into(),
        closes: local(20, 18),
        criteria: vec![CriterionDraft {
            name_zh: "创新性".into(),
            name_en: "Innovation".into(),
            weight: "100".into(),
        }],
        reviewers: vec![panel[0].0],
    };
    let saved = app.call(SaveCall { draft }, Some(&p.staff)).await;
    ok(&saved);
    let id: i64 = saved.body.trim().parse().unwrap();
    let page = app
        .get_as(&format!("/staff/incubation/{id}"), &p.staff)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<textarea"), "the call editor is shown");
    shown_as_text(&page.body, TEXTAREA_BREAKER);
}

/// Signs in without JavaScript (a plain form post) asking to go to `next`; returns where
/// the hub sends the browser.
async fn location_after_sign_in(app: &TestApp, next: &str) -> String {
    let body = common::encode_form(&[
        ("login", "talent@demo.hub"),
        ("password", app::demo::DEMO_PASSWORD),
        ("next", next),
    ]);
    let response = app
        .send(
            Request::post("/api/accounts/sign_in")
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "text/html")
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert!(
        response.status.is_redirection(),
        "{} {}",
        response.status,
        response.body
    );
    response.header("location").to_string()
}

async fn signing_in_goes_only_to_pages_of_the_hub(app: TestApp) {
    app::demo::seed(&app.db).await.unwrap();
    // Pages of the hub, with their query, are where the person wanted to go.
    assert_eq!(location_after_sign_in(&app, "/cases").await, "/cases");
    assert_eq!(
        location_after_sign_in(&app, "/jobs?industry=automobile&page=2").await,
        "/jobs?industry=automobile&page=2"
    );
    assert_eq!(location_after_sign_in(&app, "/cases/12").await, "/cases/12");
    // Everything else goes to the talent's own page.
    for bypass in [
        "/\t/evil.example/x",
        "/%09/evil.example/x",
        "//evil.example",
        "/\\evil.example",
        "\\/evil.example",
        "/\r\n/evil.example",
        "https://evil.example/",
        "http:evil.example",
        "/.//evil.example",
        "/\u{202e}elpmaxe.live/",
        "/no-such-page",
        "javascript:alert(1)",
    ] {
        let location = location_after_sign_in(&app, bypass).await;
        assert_eq!(location, "/account", "next={bypass:?}");
    }
}
