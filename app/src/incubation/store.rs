//! Incubation queries (ssr only): teams and invitations, calls with criteria and panel,
//! applications, score sheets, the ranking and the office's decisions.
use super::model::*;
use crate::accounts::access::Caller;
use crate::accounts::model::{Login, Role};
use crate::audit::model::{AuditAction, Outcome};
use crate::audit::store::{AuditEvent, record};
use crate::common::text::Text;
use crate::db::{Db, now_ms};
use crate::error::AppError;
use crate::notifications::store::notify_about;
use sqlx::AnyConnection;

/// The caller's e-mail and mobile number, as invitations name people.
async fn logins_of(conn: &mut AnyConnection, account_id: i64) -> Result<Vec<String>, AppError> {
    let (email, phone): (Option<String>, Option<String>) =
        sqlx::query_as("SELECT email, phone FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_one(conn)
            .await?;
    Ok(email.into_iter().chain(phone).collect())
}

/// A talent starts a team and leads it.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn create_team(db: &Db, caller: &Caller, name: &str) -> Result<i64, AppError> {
    if caller.role != Role::Talent {
        return Err(AppError::Forbidden);
    }
    let name = normalize_team_name(name)?;
    let name = name.as_str();
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let login = logins_of(&mut tx, caller.account_id)
        .await?
        .into_iter()
        .next()
        .unwrap_or_default();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO incubation_teams (name, lead_id, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(name)
    .bind(caller.account_id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO team_members (team_id, login, account_id, state, invited_at, responded_at) \
         VALUES ($1, $2, $3, 'lead', $4, $4)",
    )
    .bind(id)
    .bind(login)
    .bind(caller.account_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Invitations one lead sends: ten an hour and thirty a day, shared by every server, so
/// the hub cannot be made to mail strangers in bulk.
pub const INVITATIONS_PER_HOUR: crate::throttle::Quota = crate::throttle::Quota {
    purpose: "invitations_hour",
    max: 10,
    window_ms: 60 * 60 * 1000,
    message: "err_too_many_invitations",
};
pub const INVITATIONS_PER_DAY: crate::throttle::Quota = crate::throttle::Quota {
    purpose: "invitations_day",
    max: 30,
    window_ms: 24 * 60 * 60 * 1000,
    message: "err_too_many_invitations",
};

/// The lead invites someone by e-mail or mobile; they accept with the account they have
/// or create under that address. An existing account is notified at once; an e-mail
/// address without an account gets the invitation by e-mail.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn invite(db: &Db, caller: &Caller, team: i64, typed: &str) -> Result<(), AppError> {
    let login = Login::parse(typed)?;
    let mut tx = db.begin_write().await?;
    let lead: Option<(i64, String)> =
        sqlx::query_as("SELECT lead_id, name FROM incubation_teams WHERE id = $1")
            .bind(team)
            .fetch_optional(&mut *tx)
            .await?;
    let (lead, team_name) = lead.ok_or(AppError::NotFound)?;
    if lead != caller.account_id {
        return Err(AppError::NotFound);
    }
    // Counted in this transaction: an invitation refused (a second one to the same person)
    // counts for nothing.
    let sender = caller.account_id.to_string();
    INVITATIONS_PER_HOUR.take(&mut tx, &sender).await?;
    INVITATIONS_PER_DAY.take(&mut tx, &sender).await?;
    // Only a name that passes today's rule reaches people outside the hub (teams named
    // before it are called "a team"); the sender's own name is never sent, since nobody
    // checks what an account calls itself.
    let quoted_zh = normalize_team_name(&team_name)
        .map(|name| format!("名为“{name}”的创业团队"))
        .unwrap_or_else(|_| "一个创业团队".into());
    let quoted_en = normalize_team_name(&team_name)
        .map(|name| format!("the startup team named \"{name}\""))
        .unwrap_or_else(|_| "a startup team".into());
    let added = sqlx::query(
        "INSERT INTO team_members (team_id, login, state, invited_at) VALUES ($1, $2, 'invited', $3) \
         ON CONFLICT DO NOTHING",
    )
    .bind(team)
    .bind(login.as_str())
    .bind(now_ms())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if added == 0 {
        return Err(AppError::invalid("login", "err_team_member_twice"));
    }
    let invitee: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM accounts WHERE email = $1 OR phone = $1")
            .bind(login.as_str())
            .fetch_optional(&mut *tx)
            .await?;
    match (invitee, &login) {
        (Some((invitee,)), _) => {
            let subject = normalize_team_name(&team_name)
                .unwrap_or_else(|_| "创业团队邀请 / team invitation".into());
            notify_about(
                &mut tx,
                invitee,
                "team_invited",
                "/incubation/teams",
                &subject,
            )
            .await?;
        }
        // Nobody has this address yet: the invitation goes by e-mail and waits for the
        // account they register with it. (A mobile number waits without a message: the
        // hub sends no SMS.)
        (None, Login::Email(address)) => {
            let subject = "两江英才汇：创业团队邀请 / Liangjiang Yingcai Hub: an invitation to a startup team";
            let teams = crate::links::absolute("/incubation/teams");
            let body = format!(
                "两江英才汇的一位用户邀请您加入{quoted_zh}。请用本邮箱地址注册两江英才汇，然后在“我的团队”（{teams}）接受或谢绝邀请。\n\
                 两江英才汇不会在邮件中索要密码；如您不认识该团队，请忽略本邮件。\n\n\
                 A user of Liangjiang Yingcai Hub invites you to join {quoted_en}. Register on Liangjiang Yingcai Hub with this e-mail address, then accept or decline under \"My teams\" ({teams}).\n\
                 The hub never asks for your password by e-mail; if you do not know this team, ignore this e-mail.\n"
            );
            crate::notifications::store::email_to(&mut tx, address, subject, &body, now_ms())
                .await?;
        }
        (None, Login::Phone(_)) => {}
    }
    tx.commit().await?;
    Ok(())
}

/// The invited person accepts or declines (only an invitation to their own address).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn respond(db: &Db, caller: &Caller, member: i64, accept: bool) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let logins = logins_of(&mut tx, caller.account_id).await?;
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT login, state FROM team_members WHERE id = $1")
            .bind(member)
            .fetch_optional(&mut *tx)
            .await?;
    let (login, state) = row.ok_or(AppError::NotFound)?;
    if !logins.contains(&login) {
        return Err(AppError::NotFound);
    }
    if state != "invited" {
        return Err(AppError::Conflict);
    }
    sqlx::query(
        "UPDATE team_members SET state = $1, account_id = $2, responded_at = $3 WHERE id = $4 \
         AND state = 'invited'",
    )
    .bind(if accept { "accepted" } else { "declined" })
    .bind(caller.account_id)
    .bind(now_ms())
    .bind(member)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct ApplicationRow {
    team_id: i64,
    id: i64,
    title_zh: String,
    title_en: String,
    project_name: String,
    state: String,
    decision_reason: String,
    plan_original_name: Option<String>,
}

/// A member of a team, with the name on their account if they have one.
#[derive(sqlx::FromRow)]
struct MemberRow {
    team_id: i64,
    id: i64,
    login: String,
    display_name: Option<String>,
    state: String,
}

/// The teams where the account is lead or accepted member, as SQL (`$1` the account).
const MY_TEAM_IDS: &str =
    "SELECT team_id FROM team_members WHERE account_id = $1 AND state IN ('lead', 'accepted')";

/// The teams the caller leads or belongs to, and invitations waiting for them: four
/// queries however many teams.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn my_teams(db: &Db, caller: &Caller) -> Result<MyTeams, AppError> {
    let mut conn = db.reader().acquire().await?;
    let teams: Vec<(i64, String, i64)> = sqlx::query_as(&format!(
        "SELECT id, name, lead_id FROM incubation_teams WHERE id IN ({MY_TEAM_IDS}) ORDER BY id"
    ))
    .bind(caller.account_id)
    .fetch_all(&mut *conn)
    .await?;
    let members: Vec<MemberRow> = sqlx::query_as(&format!(
        "SELECT m.team_id, m.id, m.login, a.display_name, m.state FROM team_members m \
         LEFT JOIN accounts a ON a.id = m.account_id WHERE m.team_id IN ({MY_TEAM_IDS}) ORDER BY m.id"
    ))
    .bind(caller.account_id)
    .fetch_all(&mut *conn)
    .await?;
    let applications: Vec<ApplicationRow> = sqlx::query_as(&format!(
        "SELECT x.team_id, x.id, c.title_zh, c.title_en, x.project_name, x.state, x.decision_reason, \
         x.plan_original_name FROM incubation_applications x JOIN incubation_calls c ON c.id = x.call_id \
         WHERE x.team_id IN ({MY_TEAM_IDS}) ORDER BY x.id"
    ))
    .bind(caller.account_id)
    .fetch_all(&mut *conn)
    .await?;
    // Invitations name people by the e-mail address or mobile number on their account.
    let invitations: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT m.id, t.name, a.display_name FROM team_members m JOIN incubation_teams t ON t.id = m.team_id \
         JOIN accounts a ON a.id = t.lead_id JOIN accounts me ON me.id = $1 \
         WHERE m.state = 'invited' AND (m.login = me.email OR m.login = me.phone) ORDER BY m.id",
    )
    .bind(caller.account_id)
    .fetch_all(&mut *conn)
    .await?;
    let teams = teams
        .into_iter()
        .map(|(id, name, lead)| Team {
            id,
            name,
            lead: lead == caller.account_id,
            applications: applications
                .iter()
                .filter(|a| a.team_id == id)
                .map(|a| TeamApplication {
                    id: a.id,
                    call_title: Text {
                        zh: a.title_zh.clone(),
                        en: a.title_en.clone(),
                    },
                    project_name: a.project_name.clone(),
                    state: a.state.clone(),
                    reason: a.decision_reason.clone(),
                    plan: a.plan_original_name.clone(),
                })
                .collect(),
            members: members
                .iter()
                .filter(|m| m.team_id == id)
                .map(|m| TeamMember {
                    id: m.id,
                    login: m.login.clone(),
                    name: m.display_name.clone(),
                    state: m.state.clone(),
                })
                .collect(),
        })
        .collect();
    Ok(MyTeams {
        teams,
        invitations: invitations
            .into_iter()
            .map(|(member_id, team_name, lead_name)| Invitation {
                member_id,
                team_name,
                lead_name,
            })
            .collect(),
    })
}

#[derive(sqlx::FromRow)]
struct CallRow {
    id: i64,
    title_zh: String,
    title_en: String,
    description_zh: String,
    description_en: String,
    closes_at: i64,
    applications: i64,
    decided: i64,
    on_panel: i64,
}

/// A scoring criterion with the call it belongs to.
#[derive(sqlx::FromRow)]
struct CallCriterionRow {
    call_id: i64,
    id: i64,
    name_zh: String,
    name_en: String,
    weight: i64,
}

/// Calls, open ones first (closing soonest), then closed ones; with their criteria,
/// counts and whether the caller sits on the panel, in two queries.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn calls(db: &Db, caller: Option<&Caller>) -> Result<Vec<CallSummary>, AppError> {
    let now = now_ms();
    let mut conn = db.reader().acquire().await?;
    const LISTED: &str = "ORDER BY CASE WHEN closes_at > $1 THEN 0 ELSE 1 END, closes_at LIMIT 100";
    let rows: Vec<CallRow> = sqlx::query_as(&format!(
        "SELECT c.id, c.title_zh, c.title_en, c.description_zh, c.description_en, c.closes_at, \
         (SELECT COUNT(*) FROM incubation_applications x WHERE x.call_id = c.id) AS applications, \
         (SELECT COUNT(x.decided_at) FROM incubation_applications x WHERE x.call_id = c.id) AS decided, \
         (SELECT COUNT(*) FROM call_reviewers r WHERE r.call_id = c.id AND r.account_id = $2) AS on_panel \
         FROM incubation_calls c {LISTED}"
    ))
    .bind(now)
    .bind(caller.map_or(0, |c| c.account_id))
    .fetch_all(&mut *conn)
    .await?;
    let criteria: Vec<CallCriterionRow> = sqlx::query_as(&format!(
        "SELECT call_id, id, name_zh, name_en, weight FROM call_criteria \
         WHERE call_id IN (SELECT id FROM incubation_calls {LISTED}) ORDER BY position"
    ))
    .bind(now)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|c| CallSummary {
            id: c.id,
            applications: c.applications,
            decided: c.decided,
            title: Text {
                zh: c.title_zh,
                en: c.title_en,
            },
            description: Text {
                zh: c.description_zh,
                en: c.description_en,
            },
            closes_at: c.closes_at,
            open: c.closes_at > now,
            criteria: criteria
                .iter()
                .filter(|k| k.call_id == c.id)
                .map(|k| CriterionView {
                    id: k.id,
                    name: Text {
                        zh: k.name_zh.clone(),
                        en: k.name_en.clone(),
                    },
                    weight: k.weight,
                })
                .collect(),
            on_panel: c.on_panel > 0,
        })
        .collect())
}

/// A call's texts and closing time, checked (both opening and changing a call).
struct CallTexts {
    title_zh: String,
    title_en: String,
    description_zh: String,
    description_en: String,
    closes_at: i64,
}

fn check_call_texts(draft: &CallDraft, now: i64) -> Result<CallTexts, AppError> {
    let text = |field: &'static str, value: &str, max: usize| {
        let value = value.trim();
        if value.is_empty() {
            Err(AppError::invalid(field, "err_required"))
        } else if value.chars().count() > max {
            Err(AppError::invalid(field, "err_too_long"))
        } else {
            Ok(value.to_string())
        }
    };
    let closes_at = crate::events::model::parse_local(&draft.closes)
        .ok_or(AppError::invalid("draft[closes]", "err_date_invalid"))?;
    if closes_at <= now {
        return Err(AppError::invalid("draft[closes]", "err_event_past"));
    }
    Ok(CallTexts {
        title_zh: text("draft[title_zh]", &draft.title_zh, MAX_NAME)?,
        title_en: text("draft[title_en]", &draft.title_en, MAX_NAME)?,
        description_zh: text("draft[description_zh]", &draft.description_zh, MAX_SUMMARY)?,
        description_en: text("draft[description_en]", &draft.description_en, MAX_SUMMARY)?,
        closes_at,
    })
}

/// Writes the panel of `call`: at least one member, each an active staff member. For a
/// call that has applications, nobody from an applying team (they would be recused).
async fn set_panel(conn: &mut AnyConnection, call: i64, reviewers: &[i64]) -> Result<(), AppError> {
    if reviewers.is_empty() {
        return Err(AppError::invalid("reviewers", "err_pick_some"));
    }
    for reviewer in reviewers {
        let role: Option<(String,)> =
            sqlx::query_as("SELECT role FROM accounts WHERE id = $1 AND status = 'active'")
                .bind(reviewer)
                .fetch_optional(&mut *conn)
                .await?;
        if !matches!(role.as_ref().map(|r| r.0.as_str()), Some("staff" | "admin")) {
            return Err(AppError::invalid("reviewers", "err_assignee"));
        }
        if recused(conn, Scope::Call(call), *reviewer).await? {
            return Err(AppError::invalid("reviewers", "err_panel_recused"));
        }
    }
    sqlx::query("DELETE FROM call_reviewers WHERE call_id = $1")
        .bind(call)
        .execute(&mut *conn)
        .await?;
    for reviewer in reviewers {
        sqlx::query(
            "INSERT INTO call_reviewers (call_id, account_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(call)
        .bind(reviewer)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Staff open a call with its criteria and review panel (staff accounts).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn save_call(db: &Db, caller: &Caller, draft: &CallDraft) -> Result<i64, AppError> {
    let now = now_ms();
    let t = check_call_texts(draft, now)?;
    let criteria = check_criteria(&draft.criteria)?;
    let mut tx = db.begin_write().await?;
    crate::throttle::refuse_repeat(
        &mut tx,
        &caller.account_id.to_string(),
        "call",
        &[
            &t.title_zh,
            &t.title_en,
            &t.description_zh,
            &t.description_en,
        ],
    )
    .await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO incubation_calls (title_zh, title_en, description_zh, description_en, closes_at, created_by, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(&t.title_zh)
    .bind(&t.title_en)
    .bind(&t.description_zh)
    .bind(&t.description_en)
    .bind(t.closes_at)
    .bind(caller.account_id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    for (position, c) in criteria.iter().enumerate() {
        sqlx::query(
            "INSERT INTO call_criteria (call_id, position, name_zh, name_en, weight) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(&c.name_zh)
        .bind(&c.name_en)
        .bind(c.weight)
        .execute(&mut *tx)
        .await?;
    }
    set_panel(&mut tx, id, &draft.reviewers).await?;
    tx.commit().await?;
    Ok(id)
}

/// A call's changeable columns.
#[derive(sqlx::FromRow)]
struct CallSettingsRow {
    version: i64,
    title_zh: String,
    title_en: String,
    description_zh: String,
    description_en: String,
    closes_at: i64,
}

/// A call as its change form starts (staff who are not recused from it).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn call_settings(db: &Db, caller: &Caller, call: i64) -> Result<CallSettings, AppError> {
    let mut conn = db.reader().acquire().await?;
    refuse_recused(&mut conn, Scope::Call(call), caller.account_id, "call").await?;
    let row: Option<CallSettingsRow> = sqlx::query_as(
        "SELECT version, title_zh, title_en, description_zh, description_en, closes_at \
         FROM incubation_calls WHERE id = $1",
    )
    .bind(call)
    .fetch_optional(&mut *conn)
    .await?;
    let CallSettingsRow {
        version,
        title_zh,
        title_en,
        description_zh,
        description_en,
        closes_at,
    } = row.ok_or(AppError::NotFound)?;
    let reviewers: Vec<(i64,)> = sqlx::query_as(
        "SELECT account_id FROM call_reviewers WHERE call_id = $1 ORDER BY account_id",
    )
    .bind(call)
    .fetch_all(&mut *conn)
    .await?;
    let scored = scorers(&mut conn, call).await?;
    Ok(CallSettings {
        id: call,
        version,
        draft: CallDraft {
            title_zh,
            title_en,
            description_zh,
            description_en,
            closes: crate::events::model::local_value(closes_at),
            criteria: Vec::new(),
            reviewers: reviewers.into_iter().map(|r| r.0).collect(),
        },
        scored,
    })
}

/// Staff change a call's texts, closing time and panel (version-checked). Criteria stay
/// as opened; a panel member who has scored stays on the panel.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn update_call(
    db: &Db,
    caller: &Caller,
    call: i64,
    version: i64,
    draft: &CallDraft,
) -> Result<(), AppError> {
    let t = check_call_texts(draft, now_ms())?;
    let mut tx = db.begin_write().await?;
    let exists: Option<(i64,)> = sqlx::query_as("SELECT id FROM incubation_calls WHERE id = $1")
        .bind(call)
        .fetch_optional(&mut *tx)
        .await?;
    exists.ok_or(AppError::NotFound)?;
    refuse_recused(&mut tx, Scope::Call(call), caller.account_id, "call").await?;
    let changed = sqlx::query(
        "UPDATE incubation_calls SET title_zh = $1, title_en = $2, description_zh = $3, description_en = $4, \
         closes_at = $5, version = version + 1 WHERE id = $6 AND version = $7",
    )
    .bind(&t.title_zh)
    .bind(&t.title_en)
    .bind(&t.description_zh)
    .bind(&t.description_en)
    .bind(t.closes_at)
    .bind(call)
    .bind(version)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(AppError::Conflict);
    }
    if scorers(&mut tx, call)
        .await?
        .iter()
        .any(|r| !draft.reviewers.contains(r))
    {
        return Err(AppError::invalid("reviewers", "err_panel_scored"));
    }
    set_panel(&mut tx, call, &draft.reviewers).await?;
    tx.commit().await?;
    Ok(())
}

/// The team's lead applies to an open call, once per call.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn apply(db: &Db, caller: &Caller, draft: &ApplicationDraft) -> Result<i64, AppError> {
    let a = draft.validate()?;
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let lead: Option<(i64,)> = sqlx::query_as("SELECT lead_id FROM incubation_teams WHERE id = $1")
        .bind(draft.team)
        .fetch_optional(&mut *tx)
        .await?;
    if lead.map(|l| l.0) != Some(caller.account_id) {
        return Err(AppError::NotFound);
    }
    let closes: Option<(i64,)> =
        sqlx::query_as("SELECT closes_at FROM incubation_calls WHERE id = $1")
            .bind(draft.call)
            .fetch_optional(&mut *tx)
            .await?;
    let (closes_at,) = closes.ok_or(AppError::NotFound)?;
    if now >= closes_at {
        return Err(AppError::invalid("call", "err_call_closed"));
    }
    let inserted: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO incubation_applications (call_id, team_id, project_name, industry, stage, funding_fen, summary, \
         public_consent, state, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'submitted', $9) \
         ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(draft.call)
    .bind(draft.team)
    .bind(&a.project_name)
    .bind(&a.industry)
    .bind(a.stage.as_str())
    .bind(a.funding_fen)
    .bind(&a.summary)
    .bind(i64::from(a.public_consent))
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let (id,) = inserted.ok_or(AppError::invalid("call", "err_call_applied"))?;
    tx.commit().await?;
    Ok(id)
}

/// Whether the account is the lead or an accepted member of the application's team.
async fn in_team(
    conn: &mut AnyConnection,
    application: i64,
    account: i64,
) -> Result<bool, AppError> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM incubation_applications x JOIN team_members m ON m.team_id = x.team_id \
         WHERE x.id = $1 AND m.account_id = $2 AND m.state IN ('lead', 'accepted')",
    )
    .bind(application)
    .bind(account)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}

/// Whether the account sits on the panel of the application's call.
async fn on_panel(
    conn: &mut AnyConnection,
    application: i64,
    account: i64,
) -> Result<bool, AppError> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM incubation_applications x JOIN call_reviewers r ON r.call_id = x.call_id \
         WHERE x.id = $1 AND r.account_id = $2",
    )
    .bind(application)
    .bind(account)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}

/// What a criteria or sheets query covers: one application, or every application of a call.
#[derive(Clone, Copy)]
enum Scope {
    Application(i64),
    Call(i64),
}

impl Scope {
    fn id(self) -> i64 {
        match self {
            Scope::Application(id) | Scope::Call(id) => id,
        }
    }
    /// SQL for the call's id, `$1` bound to `id()`.
    fn call_id_sql(self) -> &'static str {
        match self {
            Scope::Application(_) => "(SELECT call_id FROM incubation_applications WHERE id = $1)",
            Scope::Call(_) => "$1",
        }
    }
    /// SQL condition on the application alias `x`, `$1` bound to `id()`.
    fn application_filter(self) -> &'static str {
        match self {
            Scope::Application(_) => "x.id = $1",
            Scope::Call(_) => "x.call_id = $1",
        }
    }
}

#[derive(sqlx::FromRow)]
struct CriterionRow {
    id: i64,
    name_zh: String,
    name_en: String,
    weight: i64,
}

async fn criteria_of(
    conn: &mut AnyConnection,
    scope: Scope,
) -> Result<Vec<CriterionView>, AppError> {
    let rows: Vec<CriterionRow> = sqlx::query_as(&format!(
        "SELECT id, name_zh, name_en, weight FROM call_criteria WHERE call_id = {} ORDER BY position",
        scope.call_id_sql()
    ))
    .bind(scope.id())
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| CriterionView {
            id: r.id,
            name: Text {
                zh: r.name_zh,
                en: r.name_en,
            },
            weight: r.weight,
        })
        .collect())
}

/// A submitted sheet with the application it scores and who wrote it.
struct ScoredSheet {
    application: i64,
    reviewer_id: i64,
    sheet: Sheet,
}

/// A submitted review sheet with its reviewer's name.
#[derive(sqlx::FromRow)]
struct SheetRow {
    id: i64,
    application_id: i64,
    reviewer_id: i64,
    display_name: String,
    comment: String,
}

/// The submitted sheets in scope with their weighted scores, in submission order: two
/// queries however many applications and sheets there are.
async fn sheets_of(
    conn: &mut AnyConnection,
    scope: Scope,
    criteria: &[CriterionView],
) -> Result<Vec<ScoredSheet>, AppError> {
    let sheets: Vec<SheetRow> = sqlx::query_as(&format!(
        "SELECT s.id, s.application_id, s.reviewer_id, a.display_name, s.comment FROM review_sheets s \
         JOIN accounts a ON a.id = s.reviewer_id JOIN incubation_applications x ON x.id = s.application_id \
         WHERE {} ORDER BY s.id",
        scope.application_filter()
    ))
    .bind(scope.id())
    .fetch_all(&mut *conn)
    .await?;
    let scores: Vec<(i64, i64, i64)> = sqlx::query_as(&format!(
        "SELECT r.sheet_id, r.criterion_id, r.score FROM review_scores r JOIN review_sheets s ON s.id = r.sheet_id \
         JOIN incubation_applications x ON x.id = s.application_id WHERE {}",
        scope.application_filter()
    ))
    .bind(scope.id())
    .fetch_all(&mut *conn)
    .await?;
    let mut by_sheet: std::collections::HashMap<(i64, i64), i64> = std::collections::HashMap::new();
    for (sheet, criterion, score) in scores {
        by_sheet.insert((sheet, criterion), score);
    }
    let weights: Vec<i64> = criteria.iter().map(|c| c.weight).collect();
    Ok(sheets
        .into_iter()
        .map(|s| {
            let scores: Vec<i64> = criteria
                .iter()
                .map(|c| by_sheet.get(&(s.id, c.id)).copied().unwrap_or(0))
                .collect();
            ScoredSheet {
                application: s.application_id,
                reviewer_id: s.reviewer_id,
                sheet: Sheet {
                    reviewer: s.display_name,
                    weighted: weighted_score(&weights, &scores),
                    scores,
                    comment: s.comment,
                },
            }
        })
        .collect())
}

/// An application as a panel member sees it. Members of the team may not review it;
/// others' sheets stay hidden until the caller has submitted their own.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn review(db: &Db, caller: &Caller, application: i64) -> Result<ReviewView, AppError> {
    let mut conn = db.reader().acquire().await?;
    if !on_panel(&mut conn, application, caller.account_id).await? {
        return Err(AppError::NotFound);
    }
    refuse_recused(
        &mut conn,
        Scope::Application(application),
        caller.account_id,
        "application",
    )
    .await?;
    let (project_name, team_name, summary): (String, String, String) = sqlx::query_as(
        "SELECT x.project_name, t.name, x.summary FROM incubation_applications x \
         JOIN incubation_teams t ON t.id = x.team_id WHERE x.id = $1",
    )
    .bind(application)
    .fetch_one(&mut *conn)
    .await?;
    let criteria = criteria_of(&mut conn, Scope::Application(application)).await?;
    let sheets = sheets_of(&mut conn, Scope::Application(application), &criteria).await?;
    let mine = sheets
        .iter()
        .find(|s| s.reviewer_id == caller.account_id)
        .map(|s| s.sheet.clone());
    let others = if mine.is_some() {
        sheets
            .into_iter()
            .filter(|s| s.reviewer_id != caller.account_id)
            .map(|s| s.sheet)
            .collect()
    } else {
        Vec::new()
    };
    Ok(ReviewView {
        application_id: application,
        project_name,
        team_name,
        summary,
        criteria,
        mine,
        others,
    })
}

/// A panel member submits their sheet, once; never for a team they belong to.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn submit_sheet(
    db: &Db,
    caller: &Caller,
    application: i64,
    typed: &[String],
    comment: &str,
) -> Result<(), AppError> {
    let comment = crate::error::check_reason("comment", comment, false)?;
    let mut tx = db.begin_write().await?;
    if !on_panel(&mut tx, application, caller.account_id).await? {
        return Err(AppError::NotFound);
    }
    refuse_recused(
        &mut tx,
        Scope::Application(application),
        caller.account_id,
        "application",
    )
    .await?;
    let criteria = criteria_of(&mut tx, Scope::Application(application)).await?;
    let scores = check_scores(typed, criteria.len())?;
    let inserted: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO review_sheets (application_id, reviewer_id, comment, submitted_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(application)
    .bind(caller.account_id)
    .bind(&comment)
    .bind(now_ms())
    .fetch_optional(&mut *tx)
    .await?;
    let (sheet,) = inserted.ok_or(AppError::invalid("scores", "err_review_once"))?;
    for (criterion, score) in criteria.iter().zip(scores) {
        sqlx::query(
            "INSERT INTO review_scores (sheet_id, criterion_id, score) VALUES ($1, $2, $3)",
        )
        .bind(sheet)
        .bind(criterion.id)
        .bind(score)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Whether the account is the lead or an accepted member of a team that applied to the
/// call in scope: such staff take no part in that call's review (sheets, ranking,
/// decisions), since they compete with every other application in it.
async fn recused(conn: &mut AnyConnection, scope: Scope, account: i64) -> Result<bool, AppError> {
    let (n,): (i64,) = sqlx::query_as(&format!(
        "SELECT COUNT(*) FROM incubation_applications x JOIN team_members m ON m.team_id = x.team_id \
         WHERE x.call_id = {} AND m.account_id = $2 AND m.state IN ('lead', 'accepted')",
        scope.call_id_sql()
    ))
    .bind(scope.id())
    .bind(account)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}

/// [`recused`] as the refusal the caller sees (`field` names what was asked for).
async fn refuse_recused(
    conn: &mut AnyConnection,
    scope: Scope,
    account: i64,
    field: &'static str,
) -> Result<(), AppError> {
    if recused(conn, scope, account).await? {
        return Err(AppError::invalid(field, "err_call_own_team"));
    }
    Ok(())
}

/// The panel members who have submitted a sheet for any application of the call.
async fn scorers(conn: &mut AnyConnection, call: i64) -> Result<Vec<i64>, AppError> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT DISTINCT s.reviewer_id FROM review_sheets s JOIN incubation_applications x \
         ON x.id = s.application_id WHERE x.call_id = $1 ORDER BY s.reviewer_id",
    )
    .bind(call)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Refuses staff who belong to a team that applied to the call (the applications export
/// asks this before writing anything).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn check_not_recused(db: &Db, call: i64, caller: &Caller) -> Result<(), AppError> {
    let mut conn = db.reader().acquire().await?;
    refuse_recused(&mut conn, Scope::Call(call), caller.account_id, "call").await?;
    Ok(())
}

/// An application to a call with its team's name.
#[derive(sqlx::FromRow)]
struct RankingRow {
    id: i64,
    version: i64,
    project_name: String,
    team_name: String,
    state: String,
}

/// A call's applications ranked by the average of their sheets' weighted scores
/// (applications without sheets last). Five queries however many applications.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn ranking(db: &Db, call: i64, caller: &Caller) -> Result<Vec<Ranked>, AppError> {
    let mut conn = db.reader().acquire().await?;
    refuse_recused(&mut conn, Scope::Call(call), caller.account_id, "call").await?;
    let rows: Vec<RankingRow> = sqlx::query_as(
        "SELECT x.id, x.version, x.project_name, t.name AS team_name, x.state FROM incubation_applications x \
         JOIN incubation_teams t ON t.id = x.team_id WHERE x.call_id = $1 ORDER BY x.id",
    )
    .bind(call)
    .fetch_all(&mut *conn)
    .await?;
    let (panel,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM call_reviewers WHERE call_id = $1 AND account_id = $2",
    )
    .bind(call)
    .bind(caller.account_id)
    .fetch_one(&mut *conn)
    .await?;
    let criteria = criteria_of(&mut conn, Scope::Call(call)).await?;
    let sheets = sheets_of(&mut conn, Scope::Call(call), &criteria).await?;
    let mut ranked: Vec<Ranked> = rows
        .into_iter()
        .map(|r| {
            let mine = sheets.iter().filter(|s| s.application == r.id);
            let weighted: Vec<f64> = mine.clone().map(|s| s.sheet.weighted).collect();
            let scored = mine.clone().any(|s| s.reviewer_id == caller.account_id);
            Ranked {
                application_id: r.id,
                version: r.version,
                project_name: r.project_name,
                team_name: r.team_name,
                state: r.state,
                sheets: weighted.len() as i64,
                average: average_score(&weighted),
                to_score: panel > 0 && !scored,
            }
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.average
            .unwrap_or(-1.0)
            .total_cmp(&a.average.unwrap_or(-1.0))
            .then(a.application_id.cmp(&b.application_id))
    });
    Ok(ranked)
}

/// Staff admit, waitlist or decline with a reason; the team is told; audited.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn decide(
    db: &Db,
    caller: &Caller,
    application: i64,
    version: i64,
    decision: Decision,
    reason: &str,
    ip: &str,
) -> Result<(), AppError> {
    let reason = crate::error::check_reason("reason", reason, true)?;
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    refuse_recused(
        &mut tx,
        Scope::Application(application),
        caller.account_id,
        "call",
    )
    .await?;
    let changed = sqlx::query(
        "UPDATE incubation_applications SET state = $1, decision_reason = $2, decided_by = $3, decided_at = $4, \
         version = version + 1 WHERE id = $5 AND version = $6",
    )
    .bind(decision.as_str())
    .bind(&reason)
    .bind(caller.account_id)
    .bind(now)
    .bind(application)
    .bind(version)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(AppError::Conflict);
    }
    let (project,): (String,) =
        sqlx::query_as("SELECT project_name FROM incubation_applications WHERE id = $1")
            .bind(application)
            .fetch_one(&mut *tx)
            .await?;
    let members: Vec<(i64,)> = sqlx::query_as(
        "SELECT m.account_id FROM team_members m JOIN incubation_applications x ON x.team_id = m.team_id \
         WHERE x.id = $1 AND m.state IN ('lead', 'accepted')",
    )
    .bind(application)
    .fetch_all(&mut *tx)
    .await?;
    for (member,) in members {
        notify_about(
            &mut tx,
            member,
            &format!("incubation_{}", decision.as_str()),
            "/incubation/teams",
            &project,
        )
        .await?;
    }
    let detail = format!("application={application} decision={}", decision.as_str());
    record(
        &mut tx,
        AuditEvent {
            actor_id: Some(caller.account_id),
            actor_label: "",
            action: AuditAction::IncubationDecision,
            subject_id: Some(application),
            ip,
            outcome: Outcome::Success,
            detail: &detail,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// An admitted application with its team and call.
#[derive(sqlx::FromRow)]
struct IncubatedRow {
    project_name: String,
    team_name: String,
    industry: String,
    stage: String,
    title_zh: String,
    title_en: String,
}

/// Admitted projects whose teams agreed to be shown, newest first.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn incubated(db: &Db) -> Result<Vec<IncubatedProject>, AppError> {
    let rows: Vec<IncubatedRow> = sqlx::query_as(
        "SELECT x.project_name, t.name AS team_name, x.industry, x.stage, c.title_zh, c.title_en FROM incubation_applications x \
         JOIN incubation_teams t ON t.id = x.team_id JOIN incubation_calls c ON c.id = x.call_id \
         WHERE x.state = 'admitted' AND x.public_consent = 1 ORDER BY x.decided_at DESC, x.id DESC LIMIT 200",
    )
    .fetch_all(db.reader())
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(IncubatedProject {
                project_name: r.project_name,
                team_name: r.team_name,
                industry: r.industry,
                stage: Stage::stored(&r.stage)?,
                call_title: Text {
                    zh: r.title_zh,
                    en: r.title_en,
                },
            })
        })
        .collect()
}

/// Staff and administrators who can sit on a review panel.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn panel_candidates(db: &Db) -> Result<Vec<PanelCandidate>, AppError> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, display_name FROM accounts WHERE role IN ('staff', 'admin') AND status = 'active' \
         ORDER BY display_name, id",
    )
    .fetch_all(db.reader())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| PanelCandidate { id, name })
        .collect())
}

/// The lead may attach (or replace) the business plan while the application awaits a
/// decision.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn plan_target(db: &Db, application: i64, caller: &Caller) -> Result<(), AppError> {
    let row: Option<(i64, String)> = sqlx::query_as(
        "SELECT t.lead_id, x.state FROM incubation_applications x JOIN incubation_teams t ON t.id = x.team_id \
         WHERE x.id = $1",
    )
    .bind(application)
    .fetch_optional(db.reader())
    .await?;
    let (lead, state) = row.ok_or(AppError::NotFound)?;
    if lead != caller.account_id {
        return Err(AppError::NotFound);
    }
    if state != "submitted" {
        return Err(AppError::Conflict);
    }
    Ok(())
}

/// Records the stored business plan; returns the file it replaced, to be removed.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn set_plan(
    db: &Db,
    application: i64,
    stored_name: &str,
    original_name: &str,
) -> Result<Option<String>, AppError> {
    let mut tx = db.begin_write().await?;
    // Locked, so two uploads at once each replace what the other left, never the same.
    let (old,): (Option<String>,) = sqlx::query_as(&format!(
        "SELECT plan_stored_name FROM incubation_applications WHERE id = $1{}",
        db.for_update()
    ))
    .bind(application)
    .fetch_one(&mut *tx)
    .await?;
    // Decided meanwhile: the plan it was decided on stays.
    let changed = sqlx::query(
        "UPDATE incubation_applications SET plan_stored_name = $1, plan_original_name = $2 \
         WHERE id = $3 AND state = 'submitted'",
    )
    .bind(stored_name)
    .bind(original_name)
    .bind(application)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(AppError::Conflict);
    }
    tx.commit().await?;
    Ok(old)
}

/// The business plan, for the team, the call's panel (but a member of the team) and staff.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn plan_for(
    db: &Db,
    application: i64,
    caller: &Caller,
) -> Result<crate::common::files::StoredFile, AppError> {
    let mut conn = db.reader().acquire().await?;
    let row: Option<(Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT plan_stored_name, plan_original_name FROM incubation_applications WHERE id = $1",
    )
    .bind(application)
    .fetch_optional(&mut *conn)
    .await?;
    let (Some(stored_name), Some(original_name)) = row.ok_or(AppError::NotFound)? else {
        return Err(AppError::NotFound);
    };
    let allowed =
        caller.role.is_office() || in_team(&mut conn, application, caller.account_id).await?;
    if !allowed {
        return Err(AppError::NotFound);
    }
    Ok(crate::common::files::StoredFile {
        stored_name,
        original_name,
        content_type: "application/pdf".into(),
    })
}
