//! Demo data: a few catalogue entries and one account per role, so a newcomer can look
//! around. Only loaded when the server runs with demo data on (never in production).
use crate::accounts::model::Role;
use crate::accounts::store as accounts;
use crate::catalogue::model::ServiceSummary;
use crate::catalogue::store as catalogue;
use crate::db::Db;
use crate::error::AppError;

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

fn demo_services() -> Vec<ServiceSummary> {
    let item = |code: &str,
                name_zh: &str,
                name_en: &str,
                summary_zh: &str,
                summary_en: &str,
                days: i64,
                yuan: Option<i64>| ServiceSummary {
        code: code.into(),
        name_zh: name_zh.into(),
        name_en: name_en.into(),
        summary_zh: summary_zh.into(),
        summary_en: summary_en.into(),
        time_limit_days: days,
        max_amount_fen: yuan.map(|y| y * 100),
        is_demo: true,
    };
    vec![
        item(
            "LJ-GRAD-RESETTLE",
            "高校毕业生安家补贴",
            "Graduate resettlement subsidy",
            "本科及以上学历毕业生经新区企业认定，可申请一次性安家补贴，需用人单位确认。",
            "Graduates with a bachelor's degree or above recognized by an enterprise in the district receive a one-off resettlement subsidy; the employer confirms the application.",
            15,
            Some(10_000),
        ),
        item(
            "LJ-HIGH-LEVEL",
            "高层次人才及项目团队资助",
            "Subsidy for high-level talents and project teams",
            "引进的高层次人才及其项目团队，经评审可获得最高3000万元资助。",
            "High-level talents and the project teams they bring to the district can receive, after review, a subsidy of up to 30 million yuan.",
            30,
            Some(30_000_000),
        ),
        item(
            "LJ-SCIENTIST-TEAM",
            "一流科学家团队资助",
            "Subsidy for first-class scientists and their teams",
            "一流科学家及其团队落户新区，经评审可获得最高1亿元综合资助。",
            "First-class scientists and their teams settling in the district can receive, after review, combined support of up to 100 million yuan.",
            45,
            Some(100_000_000),
        ),
        item(
            "LJ-TALENT-CARD",
            "重庆英才服务卡",
            "Chongqing talent service card",
            "按人才类别办理一、二、三类英才服务卡，享受子女入学、医疗绿色通道等服务，有效期三年。",
            "A class I, II or III talent card by talent category, with services such as school places for children and a healthcare green channel, valid for three years.",
            10,
            None,
        ),
    ]
}

/// Loads the demo data; running it again changes nothing.
pub async fn seed(db: &Db) -> Result<(), AppError> {
    for service in demo_services() {
        catalogue::insert_if_absent(db, &service).await?;
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
    Ok(())
}
