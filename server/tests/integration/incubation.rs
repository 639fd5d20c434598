//! Incubation on SQLite and PostgreSQL (issue 8): teams with accepted invitations, a call
//! with weighted criteria and a panel, applications with a business plan, score sheets
//! hidden from other reviewers until one's own is in, no reviewing one's own team, the
//! ranking as the average weighted score, decisions with notifications and audit, and the
//! public page of consenting admitted projects. Each rule has its own test; one last
//! walk-through checks what only a whole decided call shows (the desk's counts, the audit
//! trail and the export).
use crate::common;

use app::incubation::api::{
    ApplyToCall, CreateTeam, DecideApplication, InviteMember, LoadCallSettings, LoadCalls,
    LoadIncubated, LoadMyTeams, LoadRanking, LoadReview, RespondInvitation, SaveCall, SubmitScores,
    UpdateCall,
};
use app::incubation::model::*;
use axum::http::StatusCode;
use common::cases::*;
use common::{TINY_PDF, TestApp};

on_both_databases!(
    only_talents_lead_teams_and_the_invited_join_them,
    only_the_lead_invites_and_each_login_once,
    an_invitation_is_answered_only_by_the_invited,
    someone_without_an_account_finds_the_invitation_once_registered,
    only_staff_open_calls_whose_weights_add_up_to_100,
    a_team_applies_once_and_only_through_its_lead,
    the_business_plan_is_a_pdf_read_only_by_the_team_and_staff,
    a_panel_member_on_an_applying_team_takes_no_part_in_the_call,
    staff_outside_the_panel_do_not_review,
    score_sheets_stay_hidden_until_ones_own_is_in,
    a_reviewer_submits_one_complete_sheet,
    the_ranking_is_the_average_weighted_score,
    only_staff_rank_and_export_a_call,
    staff_change_a_calls_texts_closing_and_panel_but_not_its_criteria,
    reviewers_who_scored_stay_on_the_panel,
    a_member_of_an_applying_team_cannot_stay_on_the_panel,
    a_decision_needs_a_reason_and_the_current_version,
    the_team_is_told_of_the_decision,
    the_public_page_shows_only_consenting_admitted_projects,
    a_decided_call_is_counted_audited_and_exported,
    invitations_are_limited_and_carry_no_lure,
);

fn local(days_ahead: i64, hour: u32) -> String {
    let day = app::common::date::today_in_china(app::db::now_ms()).add_days(days_ahead);
    format!("{day}T{hour:02}:00")
}

async fn teams(app: &TestApp, cookie: &str) -> MyTeams {
    let response = app.call(LoadMyTeams {}, Some(cookie)).await;
    ok(&response);
    serde_json::from_str(&response.body).unwrap()
}

async fn create_team(app: &TestApp, cookie: &str, name: &str) -> i64 {
    let response = app
        .call(
            CreateTeam {
                name: name.to_string(),
            },
            Some(cookie),
        )
        .await;
    ok(&response);
    response.body.trim().parse().unwrap()
}

async fn invite(app: &TestApp, lead: &str, team: i64, login: &str) -> common::TestResponse {
    app.call(
        InviteMember {
            team,
            login: login.to_string(),
        },
        Some(lead),
    )
    .await
}

async fn respond(app: &TestApp, cookie: &str, member: i64, accept: bool) -> common::TestResponse {
    app.call(RespondInvitation { member, accept }, Some(cookie))
        .await
}

/// A team led by `lead` that each of `members` (from [`common::accounts`]) was invited
/// to by e-mail and joined.
async fn team_of(app: &TestApp, lead: &str, name: &str, members: &[&(i64, String)]) -> i64 {
    let team = create_team(app, lead, name).await;
    for (id, cookie) in members {
        let (login,): (String,) = sqlx::query_as("SELECT email FROM accounts WHERE id = $1")
            .bind(id)
            .fetch_one(app.db.reader())
            .await
            .unwrap();
        ok(&invite(app, lead, team, &login).await);
        let mine = teams(app, cookie).await;
        ok(&respond(app, cookie, mine.invitations[0].member_id, true).await);
    }
    team
}

fn criterion(name_zh: &str, name_en: &str, weight: &str) -> CriterionDraft {
    CriterionDraft {
        name_zh: name_zh.into(),
        name_en: name_en.into(),
        weight: weight.into(),
    }
}

/// A call with three criteria weighted 40, 35 and 25, reviewed by `reviewers`.
fn call_form(reviewers: &[(i64, String)]) -> CallDraft {
    CallDraft {
        title_zh: "2026 年第一批孵化".into(),
        title_en: "Incubation call 2026/1".into(),
        description_zh: "面向智能网联汽车等重点产业。".into(),
        description_en: "For the key industries.".into(),
        closes: local(20, 18),
        criteria: vec![
            criterion("创新性", "Innovation", "40"),
            criterion("团队", "Team", "35"),
            criterion("市场", "Market", "25"),
        ],
        reviewers: reviewers.iter().map(|(id, _)| *id).collect(),
    }
}

async fn save_call(app: &TestApp, cookie: &str, draft: CallDraft) -> common::TestResponse {
    app.call(SaveCall { draft }, Some(cookie)).await
}

/// The demo people, `reviewers` new staff accounts, and a call (from [`call_form`]) that
/// the demo staff member opened with those accounts as its panel.
async fn call_with_panel(app: &TestApp, reviewers: usize) -> (People, Vec<(i64, String)>, i64) {
    let p = people(app).await;
    let panel = common::accounts(app, "staff", "panel", reviewers).await;
    let saved = save_call(app, &p.staff, call_form(&panel)).await;
    ok(&saved);
    (p, panel, saved.body.trim().parse().unwrap())
}

fn application_form(call: i64, team: i64, project: &str, consent: bool) -> ApplicationDraft {
    ApplicationDraft {
        call,
        team,
        project_name: project.into(),
        industry: "auto".into(),
        stage: "prototype".into(),
        funding: "500000".into(),
        summary: "车路协同测试平台。".into(),
        public_consent: if consent { "on" } else { "" }.into(),
    }
}

async fn apply(app: &TestApp, cookie: &str, draft: &ApplicationDraft) -> common::TestResponse {
    app.call(
        ApplyToCall {
            draft: draft.clone(),
        },
        Some(cookie),
    )
    .await
}

/// Team A: the demo talent's "智行团队" with `members`, applied to `call` with project
/// "智能网联测试平台", agreeing to be shown if admitted.
async fn team_a_applies(app: &TestApp, p: &People, call: i64, members: &[&(i64, String)]) -> i64 {
    let team = team_of(app, &p.talent, "智行团队", members).await;
    let applied = apply(
        app,
        &p.talent,
        &application_form(call, team, "智能网联测试平台", true),
    )
    .await;
    ok(&applied);
    applied.body.trim().parse().unwrap()
}

/// Team B: "Blue Sky", led by a new talent, applied to `call` without agreeing to be
/// shown: its application and its lead.
async fn team_b_applies(app: &TestApp, call: i64) -> (i64, (i64, String)) {
    let lead = common::accounts(app, "talent", "lead", 1).await.remove(0);
    let team = create_team(app, &lead.1, "Blue Sky").await;
    let applied = apply(
        app,
        &lead.1,
        &application_form(call, team, "Blue Sky drones", false),
    )
    .await;
    ok(&applied);
    (applied.body.trim().parse().unwrap(), lead)
}

async fn review(app: &TestApp, cookie: &str, application: i64) -> common::TestResponse {
    app.call(LoadReview { application }, Some(cookie)).await
}

async fn review_view(app: &TestApp, cookie: &str, application: i64) -> ReviewView {
    let response = review(app, cookie, application).await;
    ok(&response);
    serde_json::from_str(&response.body).unwrap()
}

async fn score(
    app: &TestApp,
    cookie: &str,
    application: i64,
    scores: &[i64],
) -> common::TestResponse {
    app.call(
        SubmitScores {
            application,
            scores: scores.iter().map(|s| s.to_string()).collect(),
            comment: "可行".into(),
        },
        Some(cookie),
    )
    .await
}

/// A sheet's weighted score under [`call_form`]'s weights, computed here by hand.
fn weighted(s: [i64; 3]) -> f64 {
    (40 * s[0] + 35 * s[1] + 25 * s[2]) as f64 / 100.0
}

async fn ranking_response(app: &TestApp, cookie: &str, call: i64) -> common::TestResponse {
    app.call(LoadRanking { call }, Some(cookie)).await
}

async fn ranking(app: &TestApp, cookie: &str, call: i64) -> Vec<Ranked> {
    let response = ranking_response(app, cookie, call).await;
    ok(&response);
    serde_json::from_str(&response.body).unwrap()
}

async fn call_settings(app: &TestApp, staff: &str, call: i64) -> CallSettings {
    let settings = app.call(LoadCallSettings { call }, Some(staff)).await;
    ok(&settings);
    serde_json::from_str(&settings.body).unwrap()
}

/// Changes `call` from `settings` (its version included): a new English title, closing
/// time and panel; no criteria sent, so they stay as they are.
async fn change_call(
    app: &TestApp,
    staff: &str,
    settings: &CallSettings,
    title_en: &str,
    reviewers: Vec<i64>,
) -> common::TestResponse {
    let d = settings.draft.clone();
    let draft = CallDraft {
        title_zh: d.title_zh,
        title_en: title_en.into(),
        description_zh: d.description_zh,
        description_en: d.description_en,
        closes: "2099-06-30T18:00".into(),
        criteria: Vec::new(),
        reviewers,
    };
    app.call(
        UpdateCall {
            call: settings.id,
            version: settings.version,
            draft,
        },
        Some(staff),
    )
    .await
}

async fn decide(
    app: &TestApp,
    staff: &str,
    application: i64,
    version: i64,
    decision: &str,
    reason: &str,
) -> common::TestResponse {
    app.call(
        DecideApplication {
            application,
            version,
            decision: decision.to_string(),
            reason: reason.to_string(),
        },
        Some(staff),
    )
    .await
}

/// The application's current version, as the ranking shows it to `staff`.
async fn version_of(app: &TestApp, staff: &str, call: i64, application: i64) -> i64 {
    ranking(app, staff, call)
        .await
        .iter()
        .find(|r| r.application_id == application)
        .unwrap()
        .version
}

/// Decides `application` at its current version.
async fn decided(
    app: &TestApp,
    staff: &str,
    call: i64,
    application: i64,
    decision: &str,
    reason: &str,
) {
    let version = version_of(app, staff, call, application).await;
    ok(&decide(app, staff, application, version, decision, reason).await);
}

async fn only_talents_lead_teams_and_the_invited_join_them(app: TestApp) {
    let p = people(&app).await;
    let member = common::accounts(&app, "talent", "member", 1)
        .await
        .remove(0);
    let staff_member = common::accounts(&app, "staff", "panel", 1).await.remove(0);
    assert_eq!(
        app.call(CreateTeam { name: "X".into() }, Some(&p.employer))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let team = create_team(&app, &p.talent, "智行团队").await;
    // The lead invites by e-mail; the invited, talent or staff, accept.
    for login in ["member0@people.test", "panel0@people.test"] {
        ok(&invite(&app, &p.talent, team, login).await);
    }
    for cookie in [&member.1, &staff_member.1] {
        let mine = teams(&app, cookie).await;
        assert_eq!(mine.invitations.len(), 1);
        assert_eq!(mine.invitations[0].team_name, "智行团队");
        ok(&respond(&app, cookie, mine.invitations[0].member_id, true).await);
    }
    let lead_view = teams(&app, &p.talent).await;
    let member_row = lead_view.teams[0]
        .members
        .iter()
        .find(|m| m.login == "member0@people.test")
        .unwrap();
    assert_eq!(member_row.state, "accepted");
}

async fn only_the_lead_invites_and_each_login_once(app: TestApp) {
    let p = people(&app).await;
    let other_lead = common::accounts(&app, "talent", "lead", 1).await.remove(0);
    let team = create_team(&app, &p.talent, "智行团队").await;
    ok(&invite(&app, &p.talent, team, "member0@people.test").await);
    // The same login, however it is typed.
    let twice = invite(&app, &p.talent, team, "MEMBER0@people.test ").await;
    assert!(
        twice.body.contains("err_team_member_twice"),
        "{}",
        twice.body
    );
    assert_eq!(
        invite(&app, &other_lead.1, team, "x@people.test")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

async fn an_invitation_is_answered_only_by_the_invited(app: TestApp) {
    let p = people(&app).await;
    let member = common::accounts(&app, "talent", "member", 1)
        .await
        .remove(0);
    let other_lead = common::accounts(&app, "talent", "lead", 1).await.remove(0);
    team_of(&app, &p.talent, "智行团队", &[&member]).await;
    let lead_view = teams(&app, &p.talent).await;
    let member_row = lead_view.teams[0]
        .members
        .iter()
        .find(|m| m.login == "member0@people.test")
        .unwrap();
    assert_eq!(
        respond(&app, &other_lead.1, member_row.id, false)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

async fn someone_without_an_account_finds_the_invitation_once_registered(app: TestApp) {
    let p = people(&app).await;
    let team = create_team(&app, &p.talent, "智行团队").await;
    ok(&invite(&app, &p.talent, team, "later0@people.test").await);
    let (mails,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM outbox WHERE to_address = 'later0@people.test' AND body LIKE '%智行团队%' \
         AND body LIKE '%/incubation/teams%'",
    )
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(mails, 1);
    let later = common::accounts(&app, "talent", "later", 1).await.remove(0);
    let waiting = teams(&app, &later.1).await;
    assert_eq!(waiting.invitations.len(), 1);
    assert_eq!(waiting.invitations[0].team_name, "智行团队");
}

async fn only_staff_open_calls_whose_weights_add_up_to_100(app: TestApp) {
    let p = people(&app).await;
    let panel = common::accounts(&app, "staff", "panel", 1).await;
    let mut bad = call_form(&panel);
    bad.criteria[2].weight = "5".into();
    let refused = save_call(&app, &p.staff, bad).await;
    assert!(
        refused.body.contains("err_criteria_weights"),
        "{}",
        refused.body
    );
    assert_eq!(
        save_call(&app, &p.talent, call_form(&panel)).await.status,
        StatusCode::FORBIDDEN
    );
    ok(&save_call(&app, &p.staff, call_form(&panel)).await);
}

async fn a_team_applies_once_and_only_through_its_lead(app: TestApp) {
    let (p, _, call) = call_with_panel(&app, 1).await;
    let member = common::accounts(&app, "talent", "member", 1)
        .await
        .remove(0);
    let team = team_of(&app, &p.talent, "智行团队", &[&member]).await;
    ok(&apply(
        &app,
        &p.talent,
        &application_form(call, team, "智能网联测试平台", true),
    )
    .await);
    let again = apply(
        &app,
        &p.talent,
        &application_form(call, team, "Again", true),
    )
    .await;
    assert!(again.body.contains("err_call_applied"));
    assert_eq!(
        apply(&app, &member.1, &application_form(call, team, "Mine", true))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

async fn the_business_plan_is_a_pdf_read_only_by_the_team_and_staff(app: TestApp) {
    let (p, _, call) = call_with_panel(&app, 1).await;
    let member = common::accounts(&app, "talent", "member", 1)
        .await
        .remove(0);
    let a = team_a_applies(&app, &p, call, &[&member]).await;
    let (b, other_lead) = team_b_applies(&app, call).await;
    let uploaded = app
        .upload(
            &format!("/incubation/applications/{a}/plan"),
            "商业计划书.pdf",
            TINY_PDF,
            &p.talent,
        )
        .await;
    assert_eq!(uploaded.status, StatusCode::OK, "{}", uploaded.body);
    let not_pdf = app
        .upload(
            &format!("/incubation/applications/{b}/plan"),
            "plan.png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            &other_lead.1,
        )
        .await;
    assert!(not_pdf.status.is_client_error());
    assert!(not_pdf.body.contains("err_plan_pdf"), "{}", not_pdf.body);
    let plan = format!("/files/plan/{a}");
    assert_eq!(app.get_as(&plan, &member.1).await.status, StatusCode::OK);
    assert_eq!(app.get_as(&plan, &p.staff).await.status, StatusCode::OK);
    assert_eq!(
        app.get_as(&plan, &other_lead.1).await.status,
        StatusCode::NOT_FOUND
    );
}

/// A member of team A on the panel takes no part in the call: neither A nor its competitor
/// B, nor the settings, the ranking, the decisions or the export.
async fn a_panel_member_on_an_applying_team_takes_no_part_in_the_call(app: TestApp) {
    let (p, panel, call) = call_with_panel(&app, 2).await;
    let a = team_a_applies(&app, &p, call, &[&panel[1]]).await;
    let (b, _) = team_b_applies(&app, call).await;
    let recused = &panel[1].1;
    for application in [a, b] {
        let own = review(&app, recused, application).await;
        assert!(own.body.contains("err_call_own_team"), "{}", own.body);
        assert!(
            score(&app, recused, application, &[10, 10, 10])
                .await
                .body
                .contains("err_call_own_team")
        );
    }
    let recused_ranking = ranking_response(&app, recused, call).await;
    assert!(
        recused_ranking.body.contains("err_call_own_team"),
        "{}",
        recused_ranking.body
    );
    assert!(
        app.call(LoadCallSettings { call }, Some(recused))
            .await
            .body
            .contains("err_call_own_team")
    );
    let version_b = version_of(&app, &p.staff, call, b).await;
    let recused_decision = decide(&app, recused, b, version_b, "admitted", "Strong team.").await;
    assert!(
        recused_decision.body.contains("err_call_own_team"),
        "{}",
        recused_decision.body
    );
    assert_eq!(
        app.get_as(
            &format!("/staff/exports/applications.csv?call={call}"),
            recused
        )
        .await
        .status,
        StatusCode::FORBIDDEN,
        "a member of an applying team may not export the call"
    );
}

async fn staff_outside_the_panel_do_not_review(app: TestApp) {
    let (p, _, call) = call_with_panel(&app, 1).await;
    let a = team_a_applies(&app, &p, call, &[]).await;
    assert_eq!(
        review(&app, &p.staff, a).await.status,
        StatusCode::NOT_FOUND
    );
}

async fn score_sheets_stay_hidden_until_ones_own_is_in(app: TestApp) {
    let (p, panel, call) = call_with_panel(&app, 2).await;
    let a = team_a_applies(&app, &p, call, &[]).await;
    let first = review_view(&app, &panel[0].1, a).await;
    assert!(first.mine.is_none() && first.others.is_empty());
    assert_eq!(
        first.criteria.iter().map(|c| c.weight).collect::<Vec<_>>(),
        vec![40, 35, 25]
    );
    ok(&score(&app, &panel[0].1, a, &[8, 6, 10]).await);
    let second = review_view(&app, &panel[1].1, a).await;
    assert!(
        second.others.is_empty(),
        "panel 1 must not see panel 0's sheet yet"
    );
    ok(&score(&app, &panel[1].1, a, &[5, 9, 7]).await);
    let after = review_view(&app, &panel[1].1, a).await;
    assert_eq!(after.others.len(), 1);
    assert_eq!(after.others[0].scores, vec![8, 6, 10]);
}

async fn a_reviewer_submits_one_complete_sheet(app: TestApp) {
    let (p, panel, call) = call_with_panel(&app, 1).await;
    let a = team_a_applies(&app, &p, call, &[]).await;
    assert!(
        score(&app, &panel[0].1, a, &[5, 9])
            .await
            .body
            .contains("err_scores_incomplete")
    );
    ok(&score(&app, &panel[0].1, a, &[8, 6, 10]).await);
    assert!(
        score(&app, &panel[0].1, a, &[1, 1, 1])
            .await
            .body
            .contains("err_review_once")
    );
}

async fn the_ranking_is_the_average_weighted_score(app: TestApp) {
    let (p, panel, call) = call_with_panel(&app, 2).await;
    let a = team_a_applies(&app, &p, call, &[]).await;
    let (b, _) = team_b_applies(&app, call).await;
    ok(&score(&app, &panel[0].1, a, &[8, 6, 10]).await);
    ok(&score(&app, &panel[1].1, a, &[5, 9, 7]).await);
    ok(&score(&app, &panel[1].1, b, &[10, 9, 4]).await);
    let expected_a = (weighted([8, 6, 10]) + weighted([5, 9, 7])) / 2.0;
    let expected_b = weighted([10, 9, 4]);
    let ranked = ranking(&app, &panel[0].1, call).await;
    assert_eq!(ranked[0].application_id, b);
    assert!((ranked[0].average.unwrap() - expected_b).abs() < 1e-9);
    assert_eq!(ranked[1].application_id, a);
    assert!((ranked[1].average.unwrap() - expected_a).abs() < 1e-9);
    assert_eq!((ranked[0].sheets, ranked[1].sheets), (1, 2));
    assert!(ranked[0].to_score, "panel 0 has not scored B yet");
    assert!(!ranked[1].to_score);
}

async fn only_staff_rank_and_export_a_call(app: TestApp) {
    let (p, _, call) = call_with_panel(&app, 1).await;
    team_a_applies(&app, &p, call, &[]).await;
    assert_eq!(
        app.call(LoadRanking { call }, Some(&p.talent)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get_as(
            &format!("/staff/exports/applications.csv?call={call}"),
            &p.talent
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    // Staff export one call at a time.
    assert_eq!(
        app.get_as("/staff/exports/applications.csv", &p.staff)
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
}

/// Staff change a call's texts, closing time and panel (the caller may join it); not its
/// criteria, and not over a newer version.
async fn staff_change_a_calls_texts_closing_and_panel_but_not_its_criteria(app: TestApp) {
    let (p, panel, call) = call_with_panel(&app, 1).await;
    let settings = call_settings(&app, &p.staff, call).await;
    let (staff_id,): (i64,) =
        sqlx::query_as("SELECT id FROM accounts WHERE email = 'staff@demo.hub'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    ok(&change_call(
        &app,
        &p.staff,
        &settings,
        "Incubation call 2026/1 (extended)",
        vec![panel[0].0, staff_id],
    )
    .await);
    assert_eq!(
        change_call(&app, &p.staff, &settings, "Again", vec![panel[0].0])
            .await
            .status,
        StatusCode::CONFLICT
    );
    let calls_now: Vec<CallSummary> =
        serde_json::from_str(&app.call(LoadCalls {}, Some(&p.staff)).await.body).unwrap();
    let changed = calls_now.iter().find(|c| c.id == call).unwrap();
    assert_eq!(changed.title.en, "Incubation call 2026/1 (extended)");
    assert_eq!(changed.criteria.len(), 3, "criteria stay");
    assert!(
        changed.on_panel,
        "the staff member who changed it joined the panel"
    );
    assert!(changed.open);
}

async fn reviewers_who_scored_stay_on_the_panel(app: TestApp) {
    let (p, panel, call) = call_with_panel(&app, 2).await;
    let a = team_a_applies(&app, &p, call, &[]).await;
    ok(&score(&app, &panel[0].1, a, &[8, 6, 10]).await);
    ok(&score(&app, &panel[1].1, a, &[5, 9, 7]).await);
    let settings = call_settings(&app, &p.staff, call).await;
    assert_eq!(settings.scored, {
        let mut s = vec![panel[0].0, panel[1].0];
        s.sort();
        s
    });
    let dropped = change_call(&app, &p.staff, &settings, "Changed", vec![panel[0].0]).await;
    assert!(
        dropped.body.contains("err_panel_scored"),
        "{}",
        dropped.body
    );
}

async fn a_member_of_an_applying_team_cannot_stay_on_the_panel(app: TestApp) {
    let (p, panel, call) = call_with_panel(&app, 2).await;
    team_a_applies(&app, &p, call, &[&panel[1]]).await;
    let settings = call_settings(&app, &p.staff, call).await;
    let recused_member = change_call(
        &app,
        &p.staff,
        &settings,
        "Changed",
        vec![panel[0].0, panel[1].0],
    )
    .await;
    assert!(
        recused_member.body.contains("err_panel_recused"),
        "{}",
        recused_member.body
    );
}

async fn a_decision_needs_a_reason_and_the_current_version(app: TestApp) {
    let (p, _, call) = call_with_panel(&app, 1).await;
    let a = team_a_applies(&app, &p, call, &[]).await;
    let version = version_of(&app, &p.staff, call, a).await;
    assert!(
        decide(&app, &p.staff, a, version, "admitted", " ")
            .await
            .body
            .contains("err_reason_required")
    );
    ok(&decide(&app, &p.staff, a, version, "admitted", "创新性突出。").await);
    assert_eq!(
        decide(&app, &p.staff, a, version, "declined", "Again")
            .await
            .status,
        StatusCode::CONFLICT
    );
}

async fn the_team_is_told_of_the_decision(app: TestApp) {
    let (p, _, call) = call_with_panel(&app, 1).await;
    let member = common::accounts(&app, "talent", "member", 1)
        .await
        .remove(0);
    let a = team_a_applies(&app, &p, call, &[&member]).await;
    decided(&app, &p.staff, call, a, "admitted", "创新性突出。").await;
    let (member_told,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM notifications WHERE account_id = $1 AND kind = 'incubation_admitted'",
    )
    .bind(member.0)
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(member_told, 1);
    let seen = teams(&app, &member.1).await;
    assert_eq!(seen.teams[0].applications[0].state, "admitted");
    assert_eq!(seen.teams[0].applications[0].reason, "创新性突出。");
}

/// Admitted projects whose teams agreed: not one admitted without consent, nor one
/// declined with it.
async fn the_public_page_shows_only_consenting_admitted_projects(app: TestApp) {
    let (p, _, call) = call_with_panel(&app, 1).await;
    let a = team_a_applies(&app, &p, call, &[]).await;
    let (b, _) = team_b_applies(&app, call).await;
    let third = common::accounts(&app, "talent", "third", 1).await.remove(0);
    let team_c = create_team(&app, &third.1, "Red Hill").await;
    let c = apply(
        &app,
        &third.1,
        &application_form(call, team_c, "Red Hill batteries", true),
    )
    .await;
    ok(&c);
    let c: i64 = c.body.trim().parse().unwrap();
    decided(&app, &p.staff, call, a, "admitted", "创新性突出。").await;
    decided(&app, &p.staff, call, b, "admitted", "Strong team.").await;
    decided(
        &app,
        &p.staff,
        call,
        c,
        "declined",
        "Outside the key industries.",
    )
    .await;
    let projects = app.call(LoadIncubated {}, None).await;
    ok(&projects);
    let projects: Vec<IncubatedProject> = serde_json::from_str(&projects.body).unwrap();
    assert_eq!(
        projects
            .iter()
            .map(|p| p.project_name.as_str())
            .collect::<Vec<_>>(),
        vec!["智能网联测试平台"]
    );
    let page = app.get("/incubation").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("智能网联测试平台") && page.body.contains("Incubation call 2026/1"));
}

/// A whole call, scored and decided: the desk counts it, each decision is audited once,
/// and the export holds exactly the call's applications with their scores.
async fn a_decided_call_is_counted_audited_and_exported(app: TestApp) {
    let (p, panel, call) = call_with_panel(&app, 2).await;
    let a = team_a_applies(&app, &p, call, &[]).await;
    let (b, _) = team_b_applies(&app, call).await;
    ok(&score(&app, &panel[0].1, a, &[8, 6, 10]).await);
    ok(&score(&app, &panel[1].1, a, &[5, 9, 7]).await);
    ok(&score(&app, &panel[1].1, b, &[10, 9, 4]).await);
    let expected_a = (weighted([8, 6, 10]) + weighted([5, 9, 7])) / 2.0;
    let expected_b = weighted([10, 9, 4]);
    let version_a = version_of(&app, &p.staff, call, a).await;
    // A refused decision leaves no trace in the audit trail.
    decide(&app, &p.staff, a, version_a, "admitted", " ").await;
    decided(&app, &p.staff, call, a, "admitted", "创新性突出。").await;
    decided(
        &app,
        &p.staff,
        call,
        b,
        "declined",
        "Outside the key industries.",
    )
    .await;
    let (audited,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_events WHERE action = 'incubation_decision'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(audited, 2);

    let calls = app.call(LoadCalls {}, Some(&p.staff)).await;
    let calls: Vec<CallSummary> = serde_json::from_str(&calls.body).unwrap();
    let listed = calls.iter().find(|c| c.id == call).unwrap();
    assert_eq!((listed.applications, listed.decided), (2, 2));
    let csv = app
        .get_as(
            &format!("/staff/exports/applications.csv?call={call}"),
            &p.staff,
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv.body.trim_end().lines().collect();
    assert_eq!(lines.len(), 3, "{}", csv.body);
    assert!(
        lines[1].contains("智能网联测试平台")
            && lines[1].contains("admitted")
            && lines[1].contains(&format!(",2,{expected_a:.2},")),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].contains(&format!(",1,{expected_b:.2},")),
        "{}",
        lines[2]
    );
    for path in [
        "/incubation/teams",
        "/staff/incubation",
        &format!("/staff/incubation/{call}"),
    ] {
        let page = app.get_as(path, &p.staff).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
    }
}

async fn invitations_are_limited_and_carry_no_lure(app: TestApp) {
    let lead = common::accounts(&app, "talent", "lead", 1).await.remove(0);
    sqlx::query("UPDATE accounts SET display_name = $1 WHERE id = $2")
        .bind("Security desk: visit evil.example")
        .bind(lead.0)
        .execute(app.db.writer())
        .await
        .unwrap();
    // A team name that reads as a message is refused.
    let lure = app
        .call(
            CreateTeam {
                name: "Locked! Visit evil.example".into(),
            },
            Some(&lead.1),
        )
        .await;
    assert_eq!(lure.status, StatusCode::BAD_REQUEST);
    assert!(
        lure.body.contains("err_team_name_characters"),
        "{}",
        lure.body
    );
    let team = create_team(&app, &lead.1, "Sky Lab").await;
    let invite = |login: String| {
        let app = &app;
        let cookie = lead.1.clone();
        async move {
            app.call(
                InviteMember {
                    team,
                    login: login.to_string(),
                },
                Some(&cookie),
            )
            .await
        }
    };
    for n in 0..app::incubation::store::INVITATIONS_PER_HOUR.max {
        ok(&invite(format!("stranger{n}@example.cn")).await);
    }
    let refused = invite("one-more@example.cn".into()).await;
    assert_eq!(
        refused.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        refused.body
    );
    assert!(refused.body.contains("err_too_many_invitations"));
    // The e-mail names the team as a team and carries nothing else the sender chose.
    let (subject, body): (String, String) = sqlx::query_as(
        "SELECT subject, body FROM outbox WHERE to_address = 'stranger0@example.cn'",
    )
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert!(
        body.contains("“Sky Lab”") && body.contains("\"Sky Lab\""),
        "{body}"
    );
    assert!(!subject.contains("Sky Lab"));
    assert!(!body.contains("evil.example") && !subject.contains("evil.example"));
    let (none,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE to_address = 'one-more@example.cn'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(none, 0);
    // An hour later ten more, up to thirty a day; a refused invitation counts for nothing.
    for hour in 1..3 {
        sqlx::query("UPDATE throttles SET expires_at = 0 WHERE purpose = 'invitations_hour'")
            .execute(app.db.writer())
            .await
            .unwrap();
        let twice = invite("stranger0@example.cn".into()).await;
        assert!(
            twice.body.contains("err_team_member_twice"),
            "{}",
            twice.body
        );
        for n in 0..10 {
            ok(&invite(format!("stranger{hour}-{n}@example.cn")).await);
        }
    }
    sqlx::query("UPDATE throttles SET expires_at = 0 WHERE purpose = 'invitations_hour'")
        .execute(app.db.writer())
        .await
        .unwrap();
    let day = invite("tomorrow@example.cn".into()).await;
    assert_eq!(day.status, StatusCode::TOO_MANY_REQUESTS, "{}", day.body);
    let wait: i64 = day.header("retry-after").parse().unwrap();
    assert!(wait > 23 * 3600, "{wait}");
}
