//! The office desk on SQLite and PostgreSQL: the dashboard's figures against a count made
//! here straight from the rows, supervisors moving work in bulk (all or nothing), and
//! exports that hold exactly the filtered rows, open as UTF-8 with a byte-order mark, are
//! audited, and are for staff only.
use crate::common;

use app::cases::api::RateCase;
use app::common::date::{Date, today_in_china};
use app::concerns::api::{ConcernDesk, LoadConcern, RaiseConcern};
use app::concerns::model::ConcernForm;
use app::dashboard::api::LoadDashboard;
use app::dashboard::model::{PeriodQuery, china_midnight_ms};
use app::db::now_ms;
use app::events::api::SaveEvent;
use app::followups::api::{
    AppealRating, CompleteFollowUp, DecideRatingAppeal, FollowUpOf, FollowUps,
};
use app::followups::model::Rated;
use app::incubation::api::{ApplyToCall, CreateTeam, SaveCall};
use app::incubation::model::{ApplicationDraft, CallDraft, CriterionDraft};
use app::jobs::api::{ReviewPost, SaveIndustry, SavePost};
use app::jobs::model::PostDraft;
use app::profile::api::SaveProfile;
use app::profile::model::TalentProfile;
use app::registrations::api::RegisterForEvent;
use app::search::api::StaffSearch;
use app::supervision::api::{ReassignWork, SupervisionView};
use app::supervision::model::{WorkOverview, WorkQuery};
use axum::http::StatusCode;
use common::TestApp;
use common::cases::*;
use common::office::dashboard;

on_both_databases!(
    dashboard_figures_equal_a_direct_count,
    supervisors_move_work_in_bulk,
    exports_hold_the_filtered_rows_and_are_audited,
    a_bad_rating_is_followed_up_and_may_be_appealed,
    staff_find_cases_concerns_and_people,
    exports_never_hand_a_spreadsheet_a_formula,
    exports_refuse_links_from_other_sites,
);

const ITEMS: [&str; 5] = [
    "LJ-GRAD-RESETTLE",
    "LJ-HIGH-LEVEL",
    "LJ-SCIENTIST-TEAM",
    "LJ-TALENT-CARD",
    "LJ-HOUSING",
];
const DAY: i64 = 86_400_000;

async fn account(app: &TestApp, email: &str) -> i64 {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM accounts WHERE email = $1")
        .bind(email)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    id
}

/// `n` cases spread over the last 60 days in every state the dashboard counts, written
/// straight into the table (numbers from LJ-2026-500000).
async fn synthetic_cases(app: &TestApp, n: i64) {
    let talent = account(app, "talent@demo.hub").await;
    let staff = account(app, "staff@demo.hub").await;
    let today = today_in_china(now_ms());
    let mut tx = app.db.begin_write().await.unwrap();
    for i in 0..n {
        let item = ITEMS[(i % 5) as usize];
        let submitted_day = today.add_days(-((i * 7919) % 60));
        let submitted_at = china_midnight_ms(submitted_day) + (i * 37 % 86_400) * 1000;
        let kind = i % 6;
        let accepted = (1..=4)
            .contains(&kind)
            .then(|| submitted_day.add_days(1).min(today));
        let due = accepted.map(|a| a.add_days(10));
        let decided_day = match kind {
            2..=4 => accepted.map(|a| a.add_days(i % 13).min(today)),
            5 => Some(submitted_day.add_days(i % 13).min(today)),
            _ => None,
        };
        let decided_at = decided_day.map(|d| china_midnight_ms(d) + 10 * 3_600_000);
        let approved = matches!(kind, 2 | 4);
        let rated = matches!(kind, 3..=5) && i % 4 != 0;
        let state = [
            "submitted",
            "under_review",
            "approved",
            "rejected",
            "disbursed",
            "not_accepted",
        ][kind as usize];
        sqlx::query(
            "INSERT INTO cases (number, applicant_id, item_code, item_version, state, active, answers, \
             assignee_id, amount_fen, approved_by, submitted_at, accepted_on, due_on, decided_at, \
             decision_days, decided_late, disbursed_at, rating, rating_comment, rated_at, created_at, updated_at) \
             VALUES ($1, $2, $3, 1, $4, 0, '{}', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)",
        )
        .bind(format!("LJ-2026-{:06}", 500_000 + i))
        .bind(talent)
        .bind(item)
        .bind(state)
        .bind((kind == 1 && i % 4 == 1).then_some(staff))
        .bind(approved.then_some(100_000 * (1 + i % 5)))
        .bind(approved.then_some(staff))
        .bind(submitted_at)
        .bind(accepted.map(|d| d.to_string()))
        .bind(due.map(|d| d.to_string()))
        .bind(decided_at)
        .bind(decided_at.map(|_| i % 13))
        .bind(i64::from(decided_at.is_some() && i % 13 > 10))
        .bind((kind == 4).then(|| decided_at.unwrap() + DAY))
        .bind(rated.then_some(1 + i % 5))
        .bind(if rated { format!("评价 {i}") } else { String::new() })
        .bind(rated.then(|| decided_at.unwrap() + 2 * DAY))
        .bind(submitted_at)
        .bind(submitted_at)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
}

/// Concerns in every state over the last 30 days, some past their promised date.
async fn synthetic_concerns(app: &TestApp, n: i64) {
    let talent = account(app, "talent@demo.hub").await;
    let today = today_in_china(now_ms());
    let mut tx = app.db.begin_write().await.unwrap();
    for i in 0..n {
        let day = today.add_days(-((i * 11) % 30));
        let created = china_midnight_ms(day) + 9 * 3_600_000;
        let state = ["open", "answered", "reopened", "resolved", "closed"][(i % 5) as usize];
        let rating = (state == "resolved").then_some(1 + i % 5);
        sqlx::query(
            "INSERT INTO concerns (number, kind, requester_id, subject, body, state, due_on, rating, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, '说明', $5, $6, $7, $8, $8)",
        )
        .bind(format!("SQ-2026-{:06}", 500_000 + i))
        .bind(["consultation", "complaint", "suggestion"][(i % 3) as usize])
        .bind(talent)
        .bind(format!("诉求 {i}"))
        .bind(state)
        .bind(day.add_days(5).to_string())
        .bind(rating)
        .bind(created)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
}

type CaseFacts = (
    String,
    Option<i64>,
    Option<String>,
    Option<i64>,
    Option<i64>,
    i64,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    String,
    Option<String>,
);

/// The figures counted here row by row, in the simplest way, to hold the dashboard to.
#[derive(Debug, Default)]
struct Expected {
    received: i64,
    accepted: i64,
    decided: i64,
    approved: i64,
    late: i64,
    approved_fen: i64,
    disbursed: i64,
    disbursed_fen: i64,
    ratings: i64,
    stars: i64,
    bad: usize,
    overdue_now: i64,
    days: Vec<i64>,
}

fn p90(days: &[i64]) -> Option<i64> {
    let mut days = days.to_vec();
    days.sort();
    let n = days.len();
    (n > 0).then(|| days[(n * 9).div_ceil(10) - 1])
}

async fn expected(app: &TestApp, from: Date, to: Date, item: Option<&str>) -> Expected {
    let rows: Vec<CaseFacts> = sqlx::query_as(
        "SELECT item_code, submitted_at, accepted_on, decided_at, decision_days, decided_late, approved_by, \
         amount_fen, disbursed_at, rating, rated_at, state, due_on FROM cases",
    )
    .fetch_all(app.db.reader())
    .await
    .unwrap();
    let (start, end) = (china_midnight_ms(from), china_midnight_ms(to.add_days(1)));
    let inside = |t: Option<i64>| t.is_some_and(|t| t >= start && t < end);
    let today = today_in_china(now_ms()).to_string();
    let mut e = Expected::default();
    for (
        code,
        submitted,
        accepted_on,
        decided,
        days,
        late,
        approver,
        amount,
        paid,
        rating,
        rated,
        state,
        due,
    ) in rows
    {
        if item.is_some_and(|i| i != code) {
            continue;
        }
        e.received += i64::from(inside(submitted));
        if accepted_on
            .as_deref()
            .and_then(Date::parse)
            .is_some_and(|d| d >= from && d <= to)
        {
            e.accepted += 1;
        }
        if inside(decided) {
            e.decided += 1;
            e.late += late;
            if approver.is_some() {
                e.approved += 1;
                e.approved_fen += amount.unwrap_or(0);
            }
            e.days.extend(days);
        }
        if inside(paid) {
            e.disbursed += 1;
            e.disbursed_fen += amount.unwrap_or(0);
        }
        if inside(rated)
            && let Some(r) = rating
        {
            e.ratings += 1;
            e.stars += r;
            e.bad += usize::from(r <= 2);
        }
        if ["under_review", "pending_sign_off"].contains(&state.as_str())
            && due.is_some_and(|d| d < today)
        {
            e.overdue_now += 1;
        }
    }
    e
}

async fn dashboard_figures_equal_a_direct_count(app: TestApp) {
    let p = people(&app).await;
    // One case the real way: applied, confirmed, accepted, approved and paid, rated badly.
    let case = apply(&app, &p.talent, "LJ-GRAD-RESETTLE").await;
    let id = case.summary.id;
    state_of(&act(&app, &p.employer, id, "confirm", &[]).await);
    state_of(&act(&app, &p.staff, id, "accept", &[]).await);
    state_of(&act(&app, &p.staff, id, "approve", &[("amount_yuan", "8000")]).await);
    state_of(&act(&app, &p.staff, id, "disburse", &[("reference", "PAY-1")]).await);
    let rated = app
        .call(
            RateCase {
                id,
                rating: "1".into(),
                aspects: Default::default(),
                comment: "等太久".into(),
            },
            Some(&p.talent),
        )
        .await;
    ok(&rated);
    let (days, late, paid): (Option<i64>, i64, Option<i64>) =
        sqlx::query_as("SELECT decision_days, decided_late, disbursed_at FROM cases WHERE id = $1")
            .bind(id)
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(
        (days, late),
        (Some(0), 0),
        "decided the day it was accepted"
    );
    assert!(paid.is_some());

    // A decision some weeks after acceptance: the working days are counted with the
    // office calendar when it is made (moved back in the database, as if accepted then).
    let second = apply(&app, &p.talent, "LJ-TALENT-CARD").await.summary.id;
    state_of(&act(&app, &p.staff, second, "accept", &[]).await);
    let calendar = app::calendar::store::load(&app.db).await.unwrap();
    let today = today_in_china(now_ms());
    let accepted = today.add_days(-40);
    let due = calendar.add_working_days(accepted, 20);
    sqlx::query("UPDATE cases SET accepted_on = $1, due_on = $2 WHERE id = $3")
        .bind(accepted.to_string())
        .bind(due.to_string())
        .bind(second)
        .execute(app.db.writer())
        .await
        .unwrap();
    state_of(
        &act(
            &app,
            &p.staff,
            second,
            "reject",
            &[("reason", "材料不符合条件。")],
        )
        .await,
    );
    let (days, late): (Option<i64>, i64) =
        sqlx::query_as("SELECT decision_days, decided_late FROM cases WHERE id = $1")
            .bind(second)
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    let working_days = i64::from(calendar.working_days_between(accepted, today));
    assert!(
        working_days > 20,
        "forty calendar days hold more than twenty working days"
    );
    assert_eq!(
        (days, late),
        (Some(working_days), 1),
        "late: past its due date"
    );

    synthetic_cases(&app, 240).await;
    synthetic_concerns(&app, 40).await;
    let today = today_in_china(now_ms());
    for (from, to) in [
        (today.add_days(-29), today),
        (today.add_days(-20), today.add_days(-5)),
        (today.add_days(-59), today),
        (today, today),
    ] {
        let d = dashboard(&app, &p.staff, &from.to_string(), &to.to_string()).await;
        let e = expected(&app, from, to, None).await;
        let label = format!("{from}..{to}");
        assert_eq!(d.received, e.received, "{label}");
        assert_eq!(d.accepted, e.accepted, "{label}");
        assert_eq!(d.decided, e.decided, "{label}");
        assert_eq!(d.approved, e.approved, "{label}");
        assert_eq!(d.decided_late, e.late, "{label}");
        assert_eq!(d.approved_fen, e.approved_fen, "{label}");
        assert_eq!(d.disbursed, e.disbursed, "{label}");
        assert_eq!(d.disbursed_fen, e.disbursed_fen, "{label}");
        assert_eq!(d.ratings, e.ratings, "{label}");
        assert_eq!(d.rating_stars, e.stars, "{label}");
        assert_eq!(d.bad_reviews.len(), e.bad, "{label}");
        assert_eq!(d.overdue_now, e.overdue_now, "{label}");
        assert_eq!(d.p90_days, p90(&e.days), "{label}");
        let average =
            (!e.days.is_empty()).then(|| e.days.iter().sum::<i64>() as f64 / e.days.len() as f64);
        assert!(
            (d.average_days.unwrap_or(-1.0) - average.unwrap_or(-1.0)).abs() < 1e-9,
            "{label}"
        );
        for item in &d.items {
            let e = expected(&app, from, to, Some(&item.item_code)).await;
            assert_eq!(
                (
                    item.received,
                    item.decided,
                    item.approved,
                    item.approved_fen
                ),
                (e.received, e.decided, e.approved, e.approved_fen),
                "{label} {}",
                item.item_code
            );
            assert_eq!(item.p90_days, p90(&e.days), "{label} {}", item.item_code);
            assert_eq!(item.decided_late, e.late, "{label} {}", item.item_code);
            let average = (!e.days.is_empty())
                .then(|| e.days.iter().sum::<i64>() as f64 / e.days.len() as f64);
            assert!(
                (item.average_days.unwrap_or(-1.0) - average.unwrap_or(-1.0)).abs() < 1e-9,
                "{label} {}",
                item.item_code
            );
        }
        assert_eq!(d.items.iter().map(|i| i.received).sum::<i64>(), e.received);

        // Concerns: raised in the period, open and overdue now.
        let (raised,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM concerns WHERE created_at >= $1 AND created_at < $2",
        )
        .bind(china_midnight_ms(from))
        .bind(china_midnight_ms(to.add_days(1)))
        .fetch_one(app.db.reader())
        .await
        .unwrap();
        assert_eq!(d.concerns_raised, raised, "{label}");
    }
    let d = dashboard(&app, &p.staff, "", "").await;
    let open: Vec<(String, String)> = sqlx::query_as("SELECT state, due_on FROM concerns")
        .fetch_all(app.db.reader())
        .await
        .unwrap();
    let waiting: Vec<&(String, String)> = open
        .iter()
        .filter(|(s, _)| s == "open" || s == "reopened")
        .collect();
    assert_eq!(d.concerns_open, waiting.len() as i64);
    assert_eq!(
        d.concerns_overdue,
        waiting
            .iter()
            .filter(|(_, due)| due.as_str() < today.to_string().as_str())
            .count() as i64
    );
    assert!(
        d.concerns_overdue > 0 && d.overdue_now > 0,
        "the data has overdue work"
    );
    assert!(
        d.bad_reviews
            .iter()
            .any(|b| b.case_id == id && b.comment == "等太久")
    );

    // Staff only; a bad period is refused in the user's terms.
    let refused = app
        .call(
            LoadDashboard {
                period: PeriodQuery {
                    from: String::new(),
                    to: String::new(),
                },
            },
            Some(&p.talent),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let backwards = app
        .call(
            LoadDashboard {
                period: PeriodQuery {
                    from: "2026-11-20".into(),
                    to: "2026-11-01".into(),
                },
            },
            Some(&p.staff),
        )
        .await;
    assert_eq!(backwards.status, StatusCode::BAD_REQUEST);
    assert!(backwards.body.contains("err_date_order"));

    // The page itself renders the charts and the table without script.
    let page = app.get_as("/staff/dashboard", &p.staff).await;
    assert_eq!(page.status, StatusCode::OK);
    for needle in [
        "data-testid=\"chart-cases\"",
        "data-testid=\"chart-days\"",
        "data-testid=\"items-table\"",
        "<svg",
    ] {
        assert!(page.body.contains(needle), "{needle}");
    }
}

async fn overview(app: &TestApp, cookie: &str, kind: &str, holder: &str) -> WorkOverview {
    let response = app
        .call(
            SupervisionView {
                query: WorkQuery {
                    kind: kind.to_string(),
                    holder: holder.to_string(),
                    overdue: String::new(),
                },
            },
            Some(cookie),
        )
        .await;
    ok(&response);
    serde_json::from_str(&response.body).unwrap()
}

async fn supervisors_move_work_in_bulk(app: TestApp) {
    let p = people(&app).await;
    synthetic_cases(&app, 24).await;
    let staff_id = account(&app, "staff@demo.hub").await;
    let talent_id = account(&app, "talent@demo.hub").await;

    // Staff members do not supervise.
    let refused = app
        .call(
            SupervisionView {
                query: WorkQuery {
                    kind: "cases".into(),
                    ..Default::default()
                },
            },
            Some(&p.staff),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let before = overview(&app, &p.admin, "cases", "none").await;
    let nobody = before.load.iter().find(|l| l.staff_id == 0).unwrap();
    assert_eq!(nobody.open_cases as usize, before.items.len());
    let staff_before = before
        .load
        .iter()
        .find(|l| l.staff_id == staff_id)
        .unwrap()
        .open_cases;
    assert!(before.items.len() >= 3);

    // The boxes come as a browser sends them: only the ticked ones, with their indexes.
    let picked: Vec<String> = before.items[..3]
        .iter()
        .map(|i| format!("{}:{}", i.id, i.version))
        .collect();
    let assignee = staff_id.to_string();
    let moved = app
        .post_form(
            "/api/supervision/reassign",
            &[
                ("kind", "cases"),
                ("picked[0]", &picked[0]),
                ("picked[2]", &picked[1]),
                ("picked[5]", &picked[2]),
                ("assignee", &assignee),
            ],
            Some(&p.admin),
        )
        .await;
    ok(&moved);
    assert_eq!(moved.body.trim(), "3");
    let after = overview(&app, &p.admin, "cases", &assignee).await;
    let staff_after = after
        .load
        .iter()
        .find(|l| l.staff_id == staff_id)
        .unwrap()
        .open_cases;
    assert_eq!(staff_after, staff_before + 3);
    for item in &before.items[..3] {
        assert!(
            after
                .items
                .iter()
                .any(|a| a.id == item.id && a.version == item.version + 1)
        );
        let seen = detail(&app, &p.staff, item.id).await;
        assert!(
            seen.events.iter().any(|e| e.kind == "reassign"),
            "timeline has the move"
        );
    }
    let (audited,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_events WHERE action = 'work_reassigned' AND subject_id = $1",
    )
    .bind(staff_id)
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(audited, 1);
    let (told,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM notifications WHERE account_id = $1 AND kind = 'work_assigned'",
    )
    .bind(staff_id)
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(told, 1);

    // All or nothing: one stale version and neither item moves.
    let fresh = &before.items[3];
    let stale = &picked[0];
    let admin_id = account(&app, "admin@demo.hub").await.to_string();
    let conflict = app
        .call(
            ReassignWork {
                kind: "cases".into(),
                picked: vec![format!("{}:{}", fresh.id, fresh.version), stale.clone()],
                assignee: admin_id,
            },
            Some(&p.admin),
        )
        .await;
    assert_eq!(conflict.status, StatusCode::CONFLICT);
    let (holder,): (Option<i64>,) = sqlx::query_as("SELECT assignee_id FROM cases WHERE id = $1")
        .bind(fresh.id)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!(holder, None, "the fresh item did not move either");

    // Only staff can be given work; nothing picked is refused.
    let to_talent = app
        .call(
            ReassignWork {
                kind: "cases".into(),
                picked: vec![format!("{}:{}", fresh.id, fresh.version)],
                assignee: talent_id.to_string(),
            },
            Some(&p.admin),
        )
        .await;
    assert_eq!(to_talent.status, StatusCode::BAD_REQUEST);
    assert!(to_talent.body.contains("err_assignee"));
    let nothing = app
        .call(
            ReassignWork {
                kind: "cases".into(),
                picked: Vec::new(),
                assignee: assignee.to_string(),
            },
            Some(&p.admin),
        )
        .await;
    assert!(nothing.body.contains("err_pick_some"), "{}", nothing.body);

    // Concerns move the same way; the requester never sees the internal entry.
    synthetic_concerns(&app, 10).await;
    let concerns = overview(&app, &p.admin, "concerns", "").await;
    let first = &concerns.items[0];
    let moved = app
        .call(
            ReassignWork {
                kind: "concerns".into(),
                picked: vec![format!("{}:{}", first.id, first.version)],
                assignee: assignee.clone(),
            },
            Some(&p.admin),
        )
        .await;
    ok(&moved);
    let as_staff = app.call(LoadConcern { id: first.id }, Some(&p.staff)).await;
    let as_talent = app
        .call(LoadConcern { id: first.id }, Some(&p.talent))
        .await;
    assert!(as_staff.body.contains("\"assign\""), "{}", as_staff.body);
    ok(&as_talent);
    assert!(!as_talent.body.contains("\"assign\""));
    let load = overview(&app, &p.admin, "concerns", &assignee).await;
    assert_eq!(load.items.len(), 1);
    // The holder finds it under "mine" on the desk, named as its holder, and exports it.
    let mine = app
        .call(
            ConcernDesk {
                filter: "mine".into(),
                page: 0,
            },
            Some(&p.staff),
        )
        .await;
    ok(&mine);
    let mine: app::concerns::model::ConcernPage = serde_json::from_str(&mine.body).unwrap();
    assert_eq!(
        mine.items.iter().map(|c| c.id).collect::<Vec<_>>(),
        vec![first.id]
    );
    assert!(mine.items[0].holder.is_some());
    let theirs = app
        .call(
            ConcernDesk {
                filter: "mine".into(),
                page: 0,
            },
            Some(&p.admin),
        )
        .await;
    let theirs: app::concerns::model::ConcernPage = serde_json::from_str(&theirs.body).unwrap();
    assert!(theirs.items.iter().all(|c| c.id != first.id));
    let exported = app
        .get_as(
            "/staff/exports/concerns.csv?state=waiting&scope=mine",
            &p.staff,
        )
        .await;
    assert_eq!(exported.status, StatusCode::OK);
    let exported_rows: Vec<&str> = exported.body.trim_end().lines().skip(1).collect();
    assert_eq!(exported_rows.len(), 1, "{}", exported.body);

    // The page renders for the supervisor.
    let page = app.get_as("/staff/assign", &p.admin).await;
    assert!(page.body.contains("data-testid=\"load-table\""));
}

/// Reads a CSV download: checks the byte-order mark and returns the rows after the header.
fn csv_rows(body: &str) -> Vec<Vec<String>> {
    let text = body
        .strip_prefix('\u{feff}')
        .expect("starts with a UTF-8 byte-order mark");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

async fn exports_hold_the_filtered_rows_and_are_audited(app: TestApp) {
    let p = people(&app).await;
    // Enough rows for several streamed chunks.
    synthetic_cases(&app, 1_300).await;
    synthetic_concerns(&app, 25).await;
    let today = today_in_china(now_ms());
    let (from, to) = (today.add_days(-20), today.add_days(-3));
    let url = format!("/staff/exports/cases.csv?from={from}&to={to}&item=LJ-HOUSING");
    let response = app.get_as(&url, &p.staff).await;
    assert_eq!(response.status, StatusCode::OK);
    assert!(response.header("content-type").starts_with("text/csv"));
    assert!(
        response
            .header("content-disposition")
            .contains(&format!("cases-{from}-{to}.csv"))
    );
    let rows = csv_rows(&response.body);
    let wanted: Vec<(String,)> = sqlx::query_as(
        "SELECT number FROM cases WHERE item_code = 'LJ-HOUSING' AND submitted_at >= $1 AND submitted_at < $2 \
         ORDER BY submitted_at, id",
    )
    .bind(china_midnight_ms(from))
    .bind(china_midnight_ms(to.add_days(1)))
    .fetch_all(app.db.reader())
    .await
    .unwrap();
    let numbers: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    let wanted: Vec<&str> = wanted.iter().map(|w| w.0.as_str()).collect();
    assert!(!wanted.is_empty());
    assert_eq!(numbers, wanted);
    assert_eq!(response.header("x-export-rows"), wanted.len().to_string());
    let (name_zh,): (String,) =
        sqlx::query_as("SELECT name_zh FROM service_items WHERE code = 'LJ-HOUSING'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert!(
        rows.iter().all(|r| r[2] == name_zh),
        "Chinese names arrive intact"
    );

    // Every case, streamed in chunks, arrives whole.
    let all = csv_rows(&app.get_as("/staff/exports/cases.csv", &p.staff).await.body);
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM cases WHERE state <> 'draft'")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!(all.len() as i64, count);
    assert!(count > 1_000);

    // Concerns waiting for an answer, as on the desk.
    let waiting = csv_rows(
        &app.get_as("/staff/exports/concerns.csv?state=waiting", &p.staff)
            .await
            .body,
    );
    let (open,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM concerns WHERE state IN ('open', 'reopened')")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(waiting.len() as i64, open);
    assert!(waiting.iter().all(|r| r[2] == "open" || r[2] == "reopened"));

    // Job posts.
    let jobs = csv_rows(&app.get_as("/staff/exports/jobs.csv", &p.staff).await.body);
    let (posts,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM job_posts")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!(jobs.len() as i64, posts);
    // The review page's own list: the posts waiting for review.
    sqlx::query("UPDATE job_posts SET state = 'review' WHERE id = (SELECT MIN(id) FROM job_posts)")
        .execute(app.db.writer())
        .await
        .unwrap();
    let waiting_posts = csv_rows(
        &app.get_as("/staff/exports/jobs.csv?state=review", &p.staff)
            .await
            .body,
    );
    let (in_review,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM job_posts WHERE state = 'review'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!((waiting_posts.len() as i64, in_review), (1, 1));

    // The queue's "mine" and "unassigned": the exporter's own cases, and nobody's.
    let staff_id = account(&app, "staff@demo.hub").await;
    let queue = format!("state IN ({})", app::cases::model::QUEUE_STATES);
    let (mine_wanted,): (i64,) = sqlx::query_as(&format!(
        "SELECT COUNT(*) FROM cases WHERE {queue} AND assignee_id = $1"
    ))
    .bind(staff_id)
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    let (nobody_wanted,): (i64,) = sqlx::query_as(&format!(
        "SELECT COUNT(*) FROM cases WHERE {queue} AND assignee_id IS NULL"
    ))
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert!(mine_wanted > 0 && nobody_wanted > 0);
    let mine = csv_rows(
        &app.get_as("/staff/exports/cases.csv?scope=mine&state=queue", &p.staff)
            .await
            .body,
    );
    assert_eq!(mine.len() as i64, mine_wanted);
    let nobody = csv_rows(
        &app.get_as(
            "/staff/exports/cases.csv?scope=unassigned&state=queue",
            &p.staff,
        )
        .await
        .body,
    );
    assert_eq!(nobody.len() as i64, nobody_wanted);
    assert!(
        mine.iter()
            .chain(&nobody)
            .map(|r| &r[0])
            .collect::<std::collections::HashSet<_>>()
            .len()
            == mine.len() + nobody.len(),
        "no case in both"
    );

    // Audited with who and which filter.
    let audit: Vec<(Option<i64>, String)> = sqlx::query_as(
        "SELECT actor_id, detail FROM audit_events WHERE action = 'data_exported' ORDER BY id",
    )
    .fetch_all(app.db.reader())
    .await
    .unwrap();
    assert_eq!(audit.len(), 7);
    assert_eq!(audit[0].0, Some(staff_id));
    assert!(
        audit[5].1.starts_with("cases state=queue scope=mine rows="),
        "{}",
        audit[5].1
    );
    assert_eq!(
        audit[0].1,
        format!(
            "cases from={from} to={to} item=LJ-HOUSING rows={}",
            wanted.len()
        )
    );

    // Staff only; a bad filter is refused.
    assert_eq!(
        app.get_as("/staff/exports/cases.csv", &p.talent)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get_as("/staff/exports/cases.csv", &p.employer)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let anonymous = app.get("/staff/exports/cases.csv").await;
    assert!(anonymous.status.is_redirection() || anonymous.status == StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.get_as("/staff/exports/cases.csv?state=nonsense", &p.staff)
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.get_as("/staff/exports/cases.csv?scope=theirs", &p.staff)
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.get_as("/staff/exports/people.csv", &p.staff)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let (after,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_events WHERE action = 'data_exported'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(after, 7, "refused exports leave nothing to audit");
}

async fn a_bad_rating_is_followed_up_and_may_be_appealed(app: TestApp) {
    let p = people(&app).await;
    let case = apply(&app, &p.talent, "LJ-TALENT-CARD").await;
    let id = case.summary.id;
    state_of(&act(&app, &p.staff, id, "accept", &[]).await);
    state_of(&act(&app, &p.staff, id, "approve", &[]).await);
    state_of(&act(&app, &p.staff, id, "close", &[]).await);
    let rate = |rating: &'static str| {
        let app = &app;
        let talent = p.talent.clone();
        async move {
            app.call(
                RateCase {
                    id,
                    rating: rating.to_string(),
                    aspects: Default::default(),
                    comment: "材料要求说明不清".into(),
                },
                Some(&talent),
            )
            .await
        }
    };
    ok(&rate("1").await);

    // The rating opened a follow-up due in 15 working days.
    let list = app.call(FollowUps {}, Some(&p.staff)).await;
    ok(&list);
    let list: app::followups::model::FollowUpList = serde_json::from_str(&list.body).unwrap();
    let f = list
        .open
        .iter()
        .find(|f| f.about == Rated::Case(id))
        .expect("a follow-up")
        .clone();
    let calendar = app::calendar::store::load(&app.db).await.unwrap();
    let due = calendar.add_working_days(today_in_china(now_ms()), 15);
    assert_eq!(f.due_on, due.to_string());
    assert_eq!(f.comment, "材料要求说明不清");
    assert_eq!(
        app.call(FollowUps {}, Some(&p.talent)).await.status,
        StatusCode::FORBIDDEN
    );
    let dashboard_before = dashboard(&app, &p.staff, "", "").await;
    assert_eq!(
        (
            dashboard_before.followups_opened,
            dashboard_before.followups_done
        ),
        (1, 0)
    );

    // Both notes are needed; a stale version is refused; then it is done.
    let missing = app
        .call(
            CompleteFollowUp {
                id: f.id,
                version: f.version,
                callback: "已电话回访".into(),
                fix: String::new(),
            },
            Some(&p.staff),
        )
        .await;
    assert!(missing.body.contains("err_required"));
    let stale = app
        .call(
            CompleteFollowUp {
                id: f.id,
                version: 99,
                callback: "已电话回访".into(),
                fix: "已更新办事指南".into(),
            },
            Some(&p.staff),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    ok(&app
        .call(
            CompleteFollowUp {
                id: f.id,
                version: f.version,
                callback: "已电话回访".into(),
                fix: "已更新办事指南".into(),
            },
            Some(&p.staff),
        )
        .await);
    // The applicant sees that it was followed up, not the internal notes.
    let seen = app
        .call(
            FollowUpOf {
                kind: "case".into(),
                id,
            },
            Some(&p.talent),
        )
        .await;
    ok(&seen);
    assert!(seen.body.contains("\"done\":true") && !seen.body.contains("已更新办事指南"));

    // The applicant appeals once; another talent cannot; an administrator grants it.
    let other = app.register(app::accounts::api::RegisterTalent {
        display_name: "王五".into(),
        login: "wangwu@example.cn".into(),
        password: "lantern river 2026".into(),
        next: None,
    });
    let other = other.await.session_cookie().expect("registered");
    let foreign = app
        .call(
            AppealRating {
                kind: "case".into(),
                id,
                rating: "5".into(),
                reason: "x".into(),
            },
            Some(&other),
        )
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
    let appeal = |rating: &'static str| {
        let app = &app;
        let talent = p.talent.clone();
        async move {
            app.call(
                AppealRating {
                    kind: "case".into(),
                    id,
                    rating: rating.to_string(),
                    reason: "误点了一星，实际办理很满意".into(),
                },
                Some(&talent),
            )
            .await
        }
    };
    ok(&appeal("5").await);
    assert!(appeal("4").await.body.contains("err_appeal_once"));
    let list: app::followups::model::FollowUpList =
        serde_json::from_str(&app.call(FollowUps {}, Some(&p.staff)).await.body).unwrap();
    let pending = list
        .appeals
        .iter()
        .find(|f| f.about == Rated::Case(id))
        .unwrap()
        .clone();
    let decide = |cookie: &str, decision: &'static str| {
        let app = &app;
        let cookie = cookie.to_string();
        let (fid, version) = (pending.id, pending.version);
        async move {
            app.call(
                DecideRatingAppeal {
                    id: fid,
                    version,
                    decision: decision.to_string(),
                    answer: String::new(),
                },
                Some(&cookie),
            )
            .await
        }
    };
    assert_eq!(
        decide(&p.staff, "grant").await.status,
        StatusCode::FORBIDDEN
    );
    ok(&decide(&p.admin, "grant").await);
    let (rating,): (Option<i64>,) = sqlx::query_as("SELECT rating FROM cases WHERE id = $1")
        .bind(id)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!(rating, Some(5));
    let timeline = detail(&app, &p.talent, id).await;
    assert!(timeline.events.iter().any(|e| e.kind == "appeal_granted"));
    // A second rating is refused as before.
    assert!(rate("3").await.body.contains("err_already_rated"));

    // A granted appeal to a good rating settles a follow-up still open: nothing is left to
    // call back about.
    let second = apply(&app, &p.talent, "LJ-TALENT-CARD").await.summary.id;
    for step in ["accept", "approve", "close"] {
        state_of(&act(&app, &p.staff, second, step, &[]).await);
    }
    ok(&app
        .call(
            RateCase {
                id: second,
                rating: "2".into(),
                aspects: Default::default(),
                comment: String::new(),
            },
            Some(&p.talent),
        )
        .await);
    ok(&app
        .call(
            AppealRating {
                kind: "case".into(),
                id: second,
                rating: "4".into(),
                reason: "点错了".into(),
            },
            Some(&p.talent),
        )
        .await);
    let list: app::followups::model::FollowUpList =
        serde_json::from_str(&app.call(FollowUps {}, Some(&p.staff)).await.body).unwrap();
    let open = list
        .open
        .iter()
        .find(|f| f.about == Rated::Case(second))
        .unwrap();
    ok(&app
        .call(
            DecideRatingAppeal {
                id: open.id,
                version: open.version,
                decision: "grant".into(),
                answer: String::new(),
            },
            Some(&p.admin),
        )
        .await);
    let (state, on_time): (String, i64) =
        sqlx::query_as("SELECT state, done_on_time FROM review_followups WHERE case_id = $1")
            .bind(second)
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!((state.as_str(), on_time), ("done", 1));
}

async fn staff_find_cases_concerns_and_people(app: TestApp) {
    let p = people(&app).await;
    let case = apply(&app, &p.talent, "LJ-TALENT-CARD").await;
    let number = case.summary.number.clone().unwrap();
    // The talent's profile with an ID number.
    let saved = app
        .call(
            SaveProfile {
                form: TalentProfile {
                    full_name: "李明".into(),
                    id_type: "mainland".into(),
                    id_number_masked: String::new(),
                    birth_date: String::new(),
                    nationality: "中国".into(),
                    education: "master".into(),
                    university: String::new(),
                    major: String::new(),
                    graduation_date: String::new(),
                    employer_name: String::new(),
                    employer_in_district: String::new(),
                    first_employment: String::new(),
                    industry: String::new(),
                    tier: String::new(),
                    version: 0,
                },
                id_number: "11010519491231002x".into(),
            },
            Some(&p.talent),
        )
        .await;
    ok(&saved);
    let search = |q: &'static str| {
        let app = &app;
        let staff = p.staff.clone();
        async move {
            let response = app
                .call(StaffSearch { q: q.to_string() }, Some(&staff))
                .await;
            ok(&response);
            serde_json::from_str::<app::search::model::SearchResults>(&response.body).unwrap()
        }
    };
    let by_number = app
        .call(
            StaffSearch {
                q: number.to_lowercase(),
            },
            Some(&p.staff),
        )
        .await;
    assert!(by_number.body.contains(&number));
    let talent_id = account(&app, "talent@demo.hub").await;
    for q in ["11010519491231002X", "31002X", "李明"] {
        let found = search(q).await;
        let person = found.people.iter().find(|x| x.id == talent_id);
        assert!(person.is_some(), "{q}: {found:?}");
        let person = person.unwrap();
        assert_eq!(person.id_masked, "110105********002X");
        assert!(person.cases.iter().any(|c| c.number == number));
    }
    assert!(search("11010519491231003X").await.people.is_empty());
    // No index holds the number: only keyed hashes are stored.
    let keys: Vec<(String, String)> =
        sqlx::query_as("SELECT full_hash, tail_hash FROM id_search_keys")
            .fetch_all(app.db.reader())
            .await
            .unwrap();
    assert_eq!(keys.len(), 1);
    assert!(!keys[0].0.contains("1101") && keys[0].0.len() == 64);
    // ID searches are audited by kind, never with the number.
    let audit: Vec<(String,)> = sqlx::query_as(
        "SELECT detail FROM audit_events WHERE action = 'person_search' ORDER BY id",
    )
    .fetch_all(app.db.reader())
    .await
    .unwrap();
    assert_eq!(audit.len(), 3);
    assert!(
        audit
            .iter()
            .all(|(d,)| !d.contains("1101") && !d.contains("31002X"))
    );
    // A concern by its number; talents may not search.
    let concern = app
        .call(
            RaiseConcern {
                form: ConcernForm {
                    kind: "consultation".into(),
                    subject: "查询测试".into(),
                    text: "内容".into(),
                    case_id: String::new(),
                    name: String::new(),
                    email: String::new(),
                },
            },
            Some(&p.talent),
        )
        .await;
    assert!(
        concern.status.is_success() || concern.status.is_redirection(),
        "{}",
        concern.body
    );
    let (concern_number,): (String,) =
        sqlx::query_as("SELECT number FROM concerns ORDER BY id DESC")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    let found = app
        .call(
            StaffSearch {
                q: concern_number.to_string(),
            },
            Some(&p.staff),
        )
        .await;
    assert!(found.body.contains("查询测试"));
    // The last six digits of a number find its case or concern, and nothing else's.
    for (full, is_case) in [(&number, true), (&concern_number, false)] {
        let tail = &full[full.len() - 6..];
        let response = app
            .call(
                StaffSearch {
                    q: tail.to_string(),
                },
                Some(&p.staff),
            )
            .await;
        ok(&response);
        let found: app::search::model::SearchResults =
            serde_json::from_str(&response.body).unwrap();
        let numbers: Vec<String> = if is_case {
            found.cases.iter().map(|c| c.number.clone()).collect()
        } else {
            found.concerns.iter().map(|c| c.number.clone()).collect()
        };
        assert_eq!(numbers, vec![full.clone()], "{tail}");
    }
    assert_eq!(
        app.call(StaffSearch { q: "李明".into() }, Some(&p.talent))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let page = app
        .get_as("/staff/search?q=%E6%9D%8E%E6%98%8E", &p.staff)
        .await;
    assert!(page.body.contains("data-testid=\"person\""));
}

/// The rows of a CSV download (after the header) that have a cell equal to `key`.
fn rows_with<'a>(rows: &'a [Vec<String>], key: &str) -> Vec<&'a Vec<String>> {
    rows.iter().filter(|r| r.iter().any(|c| c == key)).collect()
}

/// The rows whose first cell is `id`.
fn by_id<'a>(rows: &'a [Vec<String>], id: &str) -> Vec<&'a Vec<String>> {
    let found: Vec<_> = rows.iter().filter(|r| r[0] == id).collect();
    assert_eq!(found.len(), 1, "{id}: {rows:?}");
    found
}

/// Text people typed that a spreadsheet would run as a formula is written with a `'`
/// in front in every CSV the hub makes; numbers the hub writes stay numbers.
async fn exports_never_hand_a_spreadsheet_a_formula(app: TestApp) {
    let p = people(&app).await;
    let talent = account(&app, "talent@demo.hub").await;
    let enterprise = account(&app, "hr@demo-auto.hub").await;
    // Names people chose for themselves.
    sqlx::query("UPDATE accounts SET display_name = $1 WHERE id = $2")
        .bind("@SUM(1)")
        .bind(talent)
        .execute(app.db.writer())
        .await
        .unwrap();
    sqlx::query("UPDATE accounts SET org_name = $1 WHERE id = $2")
        .bind("=cmd|' /C calc'!A0")
        .bind(enterprise)
        .execute(app.db.writer())
        .await
        .unwrap();
    let field = |rows: &[Vec<String>], key: &str, column: usize| -> String {
        let found = rows_with(rows, key);
        assert_eq!(found.len(), 1, "{key}: {rows:?}");
        found[0][column].clone()
    };

    // Cases: the applicant's name.
    let case = apply(&app, &p.talent, "LJ-TALENT-CARD").await;
    let number = case.summary.number.clone().unwrap();
    let cases = csv_rows(&app.get_as("/staff/exports/cases.csv", &p.staff).await.body);
    assert_eq!(field(&cases, &number, 5), "'@SUM(1)");

    // Concerns: the subject, the requester's name, a visitor's name.
    let raise =
        |subject: &'static str, name: &'static str, email: &'static str, cookie: Option<String>| {
            let app = &app;
            async move {
                let raised = app
                    .call(
                        RaiseConcern {
                            form: ConcernForm {
                                kind: "consultation".into(),
                                subject: subject.to_string(),
                                text: "内容".into(),
                                case_id: String::new(),
                                name: name.to_string(),
                                email: email.to_string(),
                            },
                        },
                        cookie.as_deref(),
                    )
                    .await;
                ok(&raised);
                serde_json::from_str::<String>(&raised.body).unwrap()
            }
        };
    let by_talent = raise(
        "=HYPERLINK(\"http://evil.example\")",
        "",
        "",
        Some(p.talent.clone()),
    )
    .await;
    let by_visitor = raise("Question", "-2+3", "visitor@example.cn", None).await;
    let concerns = csv_rows(
        &app.get_as("/staff/exports/concerns.csv", &p.staff)
            .await
            .body,
    );
    assert_eq!(
        field(&concerns, &by_talent, 3),
        "'=HYPERLINK(\"http://evil.example\")"
    );
    assert_eq!(field(&concerns, &by_talent, 4), "'@SUM(1)");
    assert_eq!(field(&concerns, &by_visitor, 4), "'-2+3");

    // Job posts: the title and the enterprise's name.
    let closes = app::common::date::today().add_days(30).to_string();
    let post = app
        .call(
            SavePost {
                id: 0,
                version: 0,
                draft: PostDraft {
                    title_zh: String::new(),
                    title_en: "+1+cmd".into(),
                    description_zh: String::new(),
                    description_en: "Design hydrogen fuel cell stacks.".into(),
                    industry: "biomedicine".into(),
                    headcount: "3".into(),
                    education: "master".into(),
                    experience_years: "3".into(),
                    salary_min: "18000".into(),
                    salary_max: "30000".into(),
                    location: "yuelai".into(),
                    closes_on: closes.to_string(),
                },
            },
            Some(&p.employer),
        )
        .await;
    ok(&post);
    let jobs = csv_rows(&app.get_as("/staff/exports/jobs.csv", &p.staff).await.body);
    let post_row = by_id(&jobs, post.body.trim());
    assert_eq!(post_row[0][1], "'=cmd|' /C calc'!A0");
    assert_eq!(post_row[0][4], "'+1+cmd");
    assert_eq!(post_row[0][6], "3", "a number stays a number");

    // Events and their registrations: the title, the place, the registrant's name.
    let local =
        |days: i64, hour: u32| format!("{}T{hour:02}:00", today_in_china(now_ms()).add_days(days));
    let event = app::events::model::EventDraft {
        kind: "forum".into(),
        title_zh: "@人才论坛".into(),
        title_en: "-2+3".into(),
        description_zh: "说明".into(),
        description_en: "About".into(),
        starts: local(10, 9),
        ends: local(10, 17),
        place: "+悦来会议中心".into(),
        capacity: "20".into(),
        registration_opens: local(-1, 9),
        registration_closes: local(9, 18),
        audience: "everyone".into(),
        ..Default::default()
    };
    let saved = app.call(SaveEvent { draft: event }, Some(&p.staff)).await;
    ok(&saved);
    let event_id = saved.body.trim().to_string();
    ok(&app
        .call(
            RegisterForEvent {
                event: event_id.parse().unwrap(),
            },
            Some(&p.talent),
        )
        .await);
    let events = csv_rows(&app.get_as("/staff/exports/events.csv", &p.staff).await.body);
    let event_row = by_id(&events, &event_id);
    assert_eq!(
        (
            &event_row[0][2][..],
            &event_row[0][3][..],
            &event_row[0][6][..]
        ),
        ("'@人才论坛", "'-2+3", "'+悦来会议中心")
    );
    let registrations = csv_rows(
        &app.get_as(
            &format!("/staff/exports/registrations.csv?event={event_id}"),
            &p.staff,
        )
        .await
        .body,
    );
    assert_eq!(registrations.len(), 1);
    assert_eq!(registrations[0][1], "'@SUM(1)");

    // Incubation applications: the project and the team. The team's name is trimmed when
    // saved, so the leading tab is put in directly (as an older row might have it).
    let panel = common::accounts(&app, "staff", "csvpanel", 1).await;
    let team = app
        .call(
            CreateTeam {
                name: "Tab team".into(),
            },
            Some(&p.talent),
        )
        .await;
    ok(&team);
    let team_id = team.body.trim().to_string();
    let call_draft = CallDraft {
        title_zh: "孵化批次".into(),
        title_en: "Incubation call".into(),
        description_zh: "说明。".into(),
        description_en: "About.".into(),
        closes: local(20, 18),
        criteria: vec![CriterionDraft {
            name_zh: "创新性".into(),
            name_en: "Innovation".into(),
            weight: "100".into(),
        }],
        reviewers: vec![panel[0].0],
    };
    let call = app
        .call(SaveCall { draft: call_draft }, Some(&p.staff))
        .await;
    ok(&call);
    let call = call.body.trim().to_string();
    let applied = app
        .call(
            ApplyToCall {
                draft: ApplicationDraft {
                    call: call.parse().unwrap(),
                    team: team_id.parse().unwrap(),
                    project_name: "=1+1".into(),
                    industry: "auto".into(),
                    stage: "prototype".into(),
                    funding: "500000".into(),
                    summary: "车路协同测试平台。".into(),
                    public_consent: String::new(),
                },
            },
            Some(&p.talent),
        )
        .await;
    ok(&applied);
    sqlx::query("UPDATE incubation_teams SET name = $1 WHERE id = $2")
        .bind("\tTab team")
        .bind(team_id.parse::<i64>().unwrap())
        .execute(app.db.writer())
        .await
        .unwrap();
    let applications = csv_rows(
        &app.get_as(
            &format!("/staff/exports/applications.csv?call={call}"),
            &p.staff,
        )
        .await
        .body,
    );
    assert_eq!(applications.len(), 1);
    assert_eq!(
        (&applications[0][0][..], &applications[0][1][..]),
        ("'=1+1", "'\tTab team")
    );
    assert_eq!(applications[0][4], "500000.00", "an amount stays a number");

    // Public figures: an industry and a service named by administrators.
    ok(&app
        .call(
            SaveIndustry {
                code: "hydrogen".into(),
                name_zh: "=氢能".into(),
                name_en: "@Hydrogen".into(),
                active: "on".into(),
            },
            Some(&p.admin),
        )
        .await);
    let hydrogen = app
        .call(
            SavePost {
                id: 0,
                version: 0,
                draft: PostDraft {
                    title_zh: String::new(),
                    title_en: "Stack engineer".into(),
                    description_zh: String::new(),
                    description_en: "Design hydrogen fuel cell stacks.".into(),
                    industry: "hydrogen".into(),
                    headcount: "2".into(),
                    education: "master".into(),
                    experience_years: "3".into(),
                    salary_min: "18000".into(),
                    salary_max: "30000".into(),
                    location: "yuelai".into(),
                    closes_on: closes.to_string(),
                },
            },
            Some(&p.employer),
        )
        .await;
    ok(&hydrogen);
    let (version,): (i64,) = sqlx::query_as("SELECT version FROM job_posts WHERE id = $1")
        .bind(hydrogen.body.trim().parse::<i64>().unwrap())
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    ok(&app
        .call(
            ReviewPost {
                id: hydrogen.body.trim().parse().unwrap(),
                version,
                decision: "approve".into(),
                note: String::new(),
            },
            Some(&p.staff),
        )
        .await);
    let demand = csv_rows(&app.get("/jobs/stats.csv").await.body);
    let industry = rows_with(&demand, "hydrogen");
    assert_eq!(
        (
            &industry[0][2][..],
            &industry[0][3][..],
            &industry[0][5][..]
        ),
        ("'=氢能", "'@Hydrogen", "2")
    );
    synthetic_cases(&app, 30).await;
    sqlx::query("UPDATE service_items SET name_zh = $1, name_en = $2 WHERE code = 'LJ-HOUSING'")
        .bind("-住房补贴")
        .bind("+Housing")
        .execute(app.db.writer())
        .await
        .unwrap();
    let year = today_in_china(now_ms()).year;
    let open = csv_rows(&app.get(&format!("/statistics.csv?year={year}")).await.body);
    let housing = rows_with(&open, "LJ-HOUSING");
    assert_eq!(
        (&housing[0][2][..], &housing[0][3][..]),
        ("'-住房补贴", "'+Housing")
    );
    assert!(housing[0][5].parse::<i64>().is_ok(), "{:?}", housing[0]);
}

/// A link on another site that opens an export (or an audited search) in a top-level
/// navigation carries the session cookie; it is refused and writes no audit entry, while
/// the hub's own pages and plain downloads go on working.
async fn exports_refuse_links_from_other_sites(app: TestApp) {
    let p = people(&app).await;
    let get = |path: &'static str, site: Option<&'static str>| {
        let app = &app;
        let staff = p.staff.clone();
        async move {
            let mut request = axum::http::Request::get(path).header("cookie", staff);
            if let Some(site) = site {
                request = request.header("sec-fetch-site", site);
            }
            app.send(request.body(axum::body::Body::empty()).unwrap())
                .await
        }
    };
    let audited = |action: &'static str| {
        let app = &app;
        async move {
            let (n,): (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM audit_events WHERE action = $1")
                    .bind(action)
                    .fetch_one(app.db.reader())
                    .await
                    .unwrap();
            n
        }
    };
    for path in [
        "/staff/exports/cases.csv",
        "/staff/exports/concerns.csv?state=waiting",
        "/staff/exports/jobs.csv",
        "/staff/exports/events.csv",
    ] {
        for site in ["cross-site", "same-site"] {
            let refused = get(path, Some(site)).await;
            assert_eq!(refused.status, StatusCode::FORBIDDEN, "{path} {site}");
            assert!(!refused.body.contains("number,"), "{path}: no data");
        }
    }
    assert_eq!(audited("data_exported").await, 0);
    for (n, site) in [Some("same-origin"), Some("none"), None]
        .into_iter()
        .enumerate()
    {
        let fetched = get("/staff/exports/cases.csv", site).await;
        assert_eq!(fetched.status, StatusCode::OK, "{site:?}");
        assert!(fetched.header("content-type").starts_with("text/csv"));
        assert_eq!(audited("data_exported").await, n as i64 + 1);
    }
    // A search by phone number is audited: not when another site asks for it.
    get("/staff/search?q=13800138000", Some("cross-site")).await;
    assert_eq!(audited("person_search").await, 0);
    let searched = get("/staff/search?q=13800138000", Some("same-origin")).await;
    assert_eq!(searched.status, StatusCode::OK);
    assert_eq!(audited("person_search").await, 1);
}
