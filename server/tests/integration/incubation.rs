//! Incubation on SQLite and PostgreSQL (issue 8): teams with accepted invitations, a call
//! with weighted criteria and a panel, applications with a business plan, score sheets
//! hidden from other reviewers until one's own is in, no reviewing one's own team, the
//! ranking as the average weighted score, decisions with notifications and audit, and the
//! public page of consenting admitted projects.
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
    a_panel_scores_applications_and_staff_decide,
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

async fn review(app: &TestApp, cookie: &str, application: i64) -> common::TestResponse {
    app.call(LoadReview { application }, Some(cookie)).await
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

async fn ranking_response(app: &TestApp, cookie: &str, call: i64) -> common::TestResponse {
    app.call(LoadRanking { call }, Some(cookie)).await
}

async fn ranking(app: &TestApp, cookie: &str, call: i64) -> Vec<Ranked> {
    let response = ranking_response(app, cookie, call).await;
    ok(&response);
    serde_json::from_str(&response.body).unwrap()
}

async fn a_panel_scores_applications_and_staff_decide(app: TestApp) {
    let p = people(&app).await;
    let panel = common::accounts(&app, "staff", "panel", 3).await;
    let member = common::accounts(&app, "talent", "member", 1)
        .await
        .remove(0);
    let other_lead = common::accounts(&app, "talent", "lead", 1).await.remove(0);

    // Teams: talents lead them; the lead invites by e-mail; the invited accept.
    assert_eq!(
        app.call(CreateTeam { name: "X".into() }, Some(&p.employer))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let team_a = create_team(&app, &p.talent, "智行团队").await;
    let team_b = create_team(&app, &other_lead.1, "Blue Sky").await;
    for login in ["member0@people.test", "panel2@people.test"] {
        ok(&app
            .call(
                InviteMember {
                    team: team_a,
                    login: login.to_string(),
                },
                Some(&p.talent),
            )
            .await);
    }
    let twice = app
        .call(
            InviteMember {
                team: team_a,
                login: "MEMBER0@people.test ".into(),
            },
            Some(&p.talent),
        )
        .await;
    assert!(
        twice.body.contains("err_team_member_twice"),
        "{}",
        twice.body
    );
    // Only the lead invites.
    assert_eq!(
        app.call(
            InviteMember {
                team: team_a,
                login: "x@people.test".into()
            },
            Some(&other_lead.1)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    for cookie in [&member.1, &panel[2].1] {
        let mine = teams(&app, cookie).await;
        assert_eq!(mine.invitations.len(), 1);
        assert_eq!(mine.invitations[0].team_name, "智行团队");
        let accepted = app
            .call(
                RespondInvitation {
                    member: mine.invitations[0].member_id,
                    accept: true,
                },
                Some(cookie),
            )
            .await;
        ok(&accepted);
    }
    // Someone without an account is invited by e-mail, and finds the invitation once
    // they have an account with that address.
    ok(&app
        .call(
            InviteMember {
                team: team_a,
                login: "later0@people.test".into(),
            },
            Some(&p.talent),
        )
        .await);
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
    // An invitation to someone else cannot be answered.
    let lead_view = teams(&app, &p.talent).await;
    let member_row = lead_view.teams[0]
        .members
        .iter()
        .find(|m| m.login == "member0@people.test")
        .unwrap();
    assert_eq!(member_row.state, "accepted");
    assert_eq!(
        app.call(
            RespondInvitation {
                member: member_row.id,
                accept: false
            },
            Some(&other_lead.1)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );

    // Staff open a call; the weights must add up to 100.
    let criterion = |name_zh: &str, name_en: &str, weight: &str| CriterionDraft {
        name_zh: name_zh.into(),
        name_en: name_en.into(),
        weight: weight.into(),
    };
    let mut call_form = CallDraft {
        title_zh: "2026 年第一批孵化".into(),
        title_en: "Incubation call 2026/1".into(),
        description_zh: "面向智能网联汽车等重点产业。".into(),
        description_en: "For the key industries.".into(),
        closes: local(20, 18),
        criteria: vec![
            criterion("创新性", "Innovation", "40"),
            criterion("团队", "Team", "35"),
            criterion("市场", "Market", ""),
        ],
        reviewers: panel.iter().map(|(id, _)| *id).collect(),
    };
    let save_call = |draft: CallDraft, cookie: String| {
        let app = &app;
        async move { app.call(SaveCall { draft }, Some(&cookie)).await }
    };
    let mut bad = call_form.clone();
    bad.criteria[2].weight = "5".into();
    let refused = save_call(bad, p.staff.clone()).await;
    assert!(
        refused.body.contains("err_criteria_weights"),
        "{}",
        refused.body
    );
    call_form.criteria[2].weight = "25".into();
    assert_eq!(
        save_call(call_form.clone(), p.talent.clone()).await.status,
        StatusCode::FORBIDDEN
    );
    let saved = save_call(call_form, p.staff.clone()).await;
    ok(&saved);
    let call: i64 = saved.body.trim().parse().unwrap();

    // Teams apply, once each; only the lead applies.
    let a = apply(
        &app,
        &p.talent,
        &application_form(call, team_a, "智能网联测试平台", true),
    )
    .await;
    ok(&a);
    let a: i64 = a.body.trim().parse().unwrap();
    let again = apply(
        &app,
        &p.talent,
        &application_form(call, team_a, "Again", true),
    )
    .await;
    assert!(again.body.contains("err_call_applied"));
    assert_eq!(
        apply(
            &app,
            &member.1,
            &application_form(call, team_a, "Mine", true)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    let b = apply(
        &app,
        &other_lead.1,
        &application_form(call, team_b, "Blue Sky drones", false),
    )
    .await;
    ok(&b);
    let b: i64 = b.body.trim().parse().unwrap();

    // The business plan: a PDF from the lead; the team and staff read it, no one else.
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
    assert_eq!(
        app.get_as(&format!("/files/plan/{a}"), &member.1)
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        app.get_as(&format!("/files/plan/{a}"), &p.staff)
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        app.get_as(&format!("/files/plan/{a}"), &other_lead.1)
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // A member of team A on the panel takes no part in the call: neither A nor its
    // competitor B, nor the ranking, the decisions or the export.
    for application in [a, b] {
        let own = review(&app, &panel[2].1, application).await;
        assert!(own.body.contains("err_call_own_team"), "{}", own.body);
        assert!(
            score(&app, &panel[2].1, application, &[10, 10, 10])
                .await
                .body
                .contains("err_call_own_team")
        );
    }
    let recused_ranking = ranking_response(&app, &panel[2].1, call).await;
    assert!(
        recused_ranking.body.contains("err_call_own_team"),
        "{}",
        recused_ranking.body
    );
    // Staff outside the panel see nothing.
    assert_eq!(
        review(&app, &p.staff, a).await.status,
        StatusCode::NOT_FOUND
    );

    // Sheets stay hidden from other reviewers until their own is in.
    let first: ReviewView = serde_json::from_str(&review(&app, &panel[0].1, a).await.body).unwrap();
    assert!(first.mine.is_none() && first.others.is_empty());
    assert_eq!(
        first.criteria.iter().map(|c| c.weight).collect::<Vec<_>>(),
        vec![40, 35, 25]
    );
    ok(&score(&app, &panel[0].1, a, &[8, 6, 10]).await);
    let second: ReviewView =
        serde_json::from_str(&review(&app, &panel[1].1, a).await.body).unwrap();
    assert!(
        second.others.is_empty(),
        "panel 1 must not see panel 0's sheet yet"
    );
    assert!(
        score(&app, &panel[1].1, a, &[5, 9])
            .await
            .body
            .contains("err_scores_incomplete")
    );
    ok(&score(&app, &panel[1].1, a, &[5, 9, 7]).await);
    let after: ReviewView = serde_json::from_str(&review(&app, &panel[1].1, a).await.body).unwrap();
    assert_eq!(after.others.len(), 1);
    assert_eq!(after.others[0].scores, vec![8, 6, 10]);
    assert!(
        score(&app, &panel[0].1, a, &[1, 1, 1])
            .await
            .body
            .contains("err_review_once")
    );
    ok(&score(&app, &panel[1].1, b, &[10, 9, 4]).await);

    // The ranking is the average of the weighted sheets, computed here by hand.
    let weighted = |s: [i64; 3]| (40 * s[0] + 35 * s[1] + 25 * s[2]) as f64 / 100.0;
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
    assert_eq!(
        app.call(LoadRanking { call }, Some(&p.talent)).await.status,
        StatusCode::FORBIDDEN
    );

    // Staff change the call: texts, closing time and panel; not its criteria, not
    // dropping someone who scored, not adding someone recused, not over a newer version.
    let settings = app.call(LoadCallSettings { call }, Some(&p.staff)).await;
    ok(&settings);
    let settings: CallSettings = serde_json::from_str(&settings.body).unwrap();
    assert_eq!(settings.scored, {
        let mut s = vec![panel[0].0, panel[1].0];
        s.sort();
        s
    });
    assert!(
        app.call(LoadCallSettings { call }, Some(&panel[2].1))
            .await
            .body
            .contains("err_call_own_team")
    );
    let change = |version: i64, title_en: &'static str, reviewers: Vec<i64>| {
        let d = settings.draft.clone();
        let staff = p.staff.clone();
        let app = &app;
        async move {
            // No criteria sent: they stay as they are.
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
                    call,
                    version,
                    draft,
                },
                Some(&staff),
            )
            .await
        }
    };
    let (staff_id,): (i64,) =
        sqlx::query_as("SELECT id FROM accounts WHERE email = 'staff@demo.hub'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    let dropped = change(settings.version, "Changed", vec![panel[0].0]).await;
    assert!(
        dropped.body.contains("err_panel_scored"),
        "{}",
        dropped.body
    );
    let recused_member = change(
        settings.version,
        "Changed",
        vec![panel[0].0, panel[1].0, panel[2].0],
    )
    .await;
    assert!(
        recused_member.body.contains("err_panel_recused"),
        "{}",
        recused_member.body
    );
    ok(&change(
        settings.version,
        "Incubation call 2026/1 (extended)",
        vec![panel[0].0, panel[1].0, staff_id],
    )
    .await);
    assert_eq!(
        change(settings.version, "Again", vec![panel[0].0, panel[1].0])
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

    // Decisions: a reason is required, a stale version is refused, the team is told.
    let decide = |application: i64, version: i64, decision: &'static str, reason: &'static str| {
        let staff = p.staff.clone();
        let app = &app;
        async move {
            app.call(
                DecideApplication {
                    application,
                    version,
                    decision: decision.to_string(),
                    reason: reason.to_string(),
                },
                Some(&staff),
            )
            .await
        }
    };
    let version_a = ranked[1].version;
    assert!(
        decide(a, version_a, "admitted", " ")
            .await
            .body
            .contains("err_reason_required")
    );
    let recused_decision = app
        .call(
            DecideApplication {
                application: b,
                version: ranked[0].version,
                decision: "admitted".into(),
                reason: "Strong team.".into(),
            },
            Some(&panel[2].1),
        )
        .await;
    assert!(
        recused_decision.body.contains("err_call_own_team"),
        "{}",
        recused_decision.body
    );
    ok(&decide(a, version_a, "admitted", "创新性突出。").await);
    assert_eq!(
        decide(a, version_a, "declined", "Again").await.status,
        StatusCode::CONFLICT
    );
    ok(&decide(
        b,
        ranked[0].version,
        "declined",
        "Outside the key industries.",
    )
    .await);
    let (member_told,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM notifications WHERE account_id = $1 AND kind = 'incubation_admitted'",
    )
    .bind(member.0)
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(member_told, 1);
    let (audited,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_events WHERE action = 'incubation_decision'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(audited, 2);
    let seen = teams(&app, &member.1).await;
    assert_eq!(seen.teams[0].applications[0].state, "admitted");
    assert_eq!(seen.teams[0].applications[0].reason, "创新性突出。");

    // The desk counts, and the export: exactly the call's applications with their scores.
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
    assert_eq!(
        app.get_as(
            &format!("/staff/exports/applications.csv?call={call}"),
            &panel[2].1
        )
        .await
        .status,
        StatusCode::FORBIDDEN,
        "a member of an applying team may not export the call"
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
    assert_eq!(
        app.get_as("/staff/exports/applications.csv", &p.staff)
            .await
            .status,
        StatusCode::BAD_REQUEST
    );

    // The public page: admitted projects whose teams agreed (B was declined anyway).
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
