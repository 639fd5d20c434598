//! Demo data: a few catalogue entries and one account per role, so a newcomer can look
//! around. Only loaded when the server runs with demo data on (never in production).
use crate::accounts::model::Role;
use crate::accounts::store as accounts;
use crate::db::Db;
use crate::error::AppError;

pub(crate) mod bundles;
pub(crate) mod catalogue;
pub(crate) mod jobs;
pub(crate) mod policies;

/// A valid unified social credit code (the GB 32100-2015 sample) for the demo enterprise.
pub const DEMO_CREDIT_CODE: &str = "91350100M000100Y43";

/// The password of every demo account (printed by `scripts/run.sh`).
pub const DEMO_PASSWORD: &str = "demo-pass-2026";

/// A demo account as printed for the person trying the hub.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoAccount {
    pub role: Role,
    pub login: &'static str,
    pub display_name: &'static str,
}

pub const DEMO_ACCOUNTS: [DemoAccount; 4] = [
    DemoAccount {
        role: Role::Talent,
        login: "talent@demo.hub",
        display_name: "李明 (demo talent)",
    },
    DemoAccount {
        role: Role::Enterprise,
        login: "hr@demo-auto.hub",
        display_name: "两江示范汽车有限公司 (demo enterprise)",
    },
    DemoAccount {
        role: Role::Staff,
        login: "staff@demo.hub",
        display_name: "王芳 (demo staff)",
    },
    DemoAccount {
        role: Role::Admin,
        login: "admin@demo.hub",
        display_name: "赵强 (demo administrator)",
    },
];

/// Loads the demo data; running it again changes nothing.
pub async fn seed(db: &Db) -> Result<(), AppError> {
    use crate::{catalogue::store as item_store, policies::store as policy_store};
    // Publish only what changed, so restarts do not pile up versions, and never over an
    // administrator's edits.
    for policy in policies::demo_policies() {
        if !policy_store::edited_by_admin(db, &policy.code).await?
            && policy_store::find_published(db, &policy.code)
                .await?
                .as_ref()
                != Some(&policy)
        {
            policy_store::publish(db, &policy, None, None).await?;
        }
    }
    for item in catalogue::demo_items() {
        if !item_store::edited_by_admin(db, &item.code).await?
            && item_store::find_published(db, &item.code).await?.as_ref() != Some(&item)
        {
            item_store::publish(db, &item).await?;
        }
    }
    for account in DEMO_ACCOUNTS.iter() {
        if accounts::exists_by_email(db, account.login).await? {
            continue;
        }
        let password_hash = accounts::hash_password(DEMO_PASSWORD.to_string()).await?;
        let mut tx = db.begin_write().await?;
        let demo_enterprise = account.role == Role::Enterprise;
        accounts::insert(
            &mut tx,
            accounts::NewAccount {
                role: account.role,
                email: Some(account.login),
                phone: None,
                display_name: account.display_name,
                password_hash: &password_hash,
                org_name: demo_enterprise.then_some(account.display_name),
                credit_code: demo_enterprise.then_some(DEMO_CREDIT_CODE),
                contact_person: demo_enterprise.then_some("王经理"),
                is_demo: true,
            },
        )
        .await?;
        tx.commit().await?;
    }
    // The demo enterprise is verified, so the demo journeys work at once (a decision
    // staff took on it since, such as a suspension, is left alone).
    sqlx::query(
        "UPDATE accounts SET verification = 'verified' \
         WHERE email = $1 AND is_demo = 1 AND verification = 'pending'",
    )
    .bind(DEMO_ACCOUNTS[1].login)
    .execute(db.writer())
    .await?;
    for bundle in bundles::demo_bundles() {
        match crate::bundles::store::publish(db, &bundle, None, None).await {
            // An item an administrator retired leaves the demo bundle as it was.
            Ok(_) | Err(AppError::Invalid { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    jobs::seed(db, DEMO_ACCOUNTS[1].login, DEMO_ACCOUNTS[1].display_name).await?;
    seed_reply_templates(db).await?;
    seed_event(db).await?;
    Ok(())
}

/// The demo training course's English title.
pub const DEMO_COURSE: &str = "Industrial robotics: a course for high-skilled talents";

/// The yearly Talents Conference a month ahead and a training course with three sessions
/// in two weeks, published once (when there are no events).
async fn seed_event(db: &Db) -> Result<(), AppError> {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM events")
        .fetch_one(db.reader())
        .await?;
    let staff: Option<(i64,)> = sqlx::query_as("SELECT id FROM accounts WHERE email = $1")
        .bind(DEMO_ACCOUNTS[2].login)
        .fetch_optional(db.reader())
        .await?;
    let (Some((staff,)), 0) = (staff, count) else {
        return Ok(());
    };
    let today = crate::common::date::today_in_china(crate::db::now_ms());
    let at = |days: i64, hour: u32| format!("{}T{hour:02}:00", today.add_days(days));
    let draft = crate::events::model::EventDraft {
        kind: "conference".into(),
        title_zh: "两江新区人才大会".into(),
        title_en: "Liangjiang New Area Talents Conference".into(),
        description_zh: "一年一度的人才大会：政策发布、重点产业人才对接、项目路演，现场与线上同步举行。".into(),
        description_en: "The yearly talents conference: new policies, matching talents with the key industries, project pitches; on site and online.".into(),
        starts: at(30, 9),
        ends: at(30, 17),
        place: "悦来国际会议中心".into(),
        online_link: "https://live.example.cn/liangjiang-talents".into(),
        capacity: "2000".into(),
        registration_opens: at(0, 0),
        registration_closes: at(29, 18),
        audience: "everyone".into(),
        ..Default::default()
    };
    let caller = crate::accounts::access::Caller {
        account_id: staff,
        role: Role::Staff,
        display_name: String::new(),
        session_key: String::new(),
    };
    crate::events::store::save(db, &caller, &draft).await?;
    let course = crate::events::model::EventDraft {
        kind: "training".into(),
        title_zh: "工业机器人应用高技能人才研修班".into(),
        title_en: DEMO_COURSE.into(),
        description_zh: "三次课程：编程、维护与产线集成。参加其中两次即可获得结业证书。".into(),
        description_en: "Three sessions: programming, maintenance and line integration. Attend two of them for the completion certificate.".into(),
        starts: at(14, 9),
        ends: at(16, 17),
        place: "两江新区职业技能公共实训中心".into(),
        capacity: "40".into(),
        registration_opens: at(0, 0),
        registration_closes: at(13, 18),
        audience: "talents".into(),
        sessions_required: "2".into(),
        ..Default::default()
    };
    let course = crate::events::store::save(db, &caller, &course).await?;
    for (day, topic) in [
        (14, "编程 Programming"),
        (15, "维护 Maintenance"),
        (16, "产线集成 Line integration"),
    ] {
        let session = crate::trainings::model::SessionDraft {
            event: course,
            starts: at(day, 9),
            ends: at(day, 12),
            topic: topic.into(),
        };
        crate::trainings::store::add_session(db, &session).await?;
    }
    Ok(())
}

/// Two reply templates for the concerns desk, added once.
async fn seed_reply_templates(db: &Db) -> Result<(), AppError> {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM reply_templates")
        .fetch_one(db.reader())
        .await?;
    if count > 0 {
        return Ok(());
    }
    let templates = [
        (
            "已受理",
            "Received",
            "{name}，您好！您的诉求 {number} 已受理，我们将在 {due} 前答复。",
            "Dear {name}, your concern {number} is being handled; we will answer by {due}.",
        ),
        (
            "政策解答",
            "Policy answer",
            "{name}，您好！关于诉求 {number}，相关政策规定如下：",
            "Dear {name}, about your concern {number}, the policy says:",
        ),
        (
            "申诉复核",
            "Appeal reviewed",
            "{name}，您好！我们已复核办件 {case} 的办理结果（诉求 {number}），结论如下：",
            "Dear {name}, we have reviewed the decision on case {case} (concern {number}). Our conclusion:",
        ),
    ];
    for (title_zh, title_en, body_zh, body_en) in templates {
        sqlx::query(
            "INSERT INTO reply_templates (title_zh, title_en, body_zh, body_en, updated_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(title_zh)
        .bind(title_en)
        .bind(body_zh)
        .bind(body_en)
        .bind(crate::db::now_ms())
        .execute(db.writer())
        .await?;
    }
    Ok(())
}
