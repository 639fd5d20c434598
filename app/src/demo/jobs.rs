//! Demo talent demand: a few approved posts of the demo enterprise, so the board and the
//! statistics have something to show. Added once; an enterprise's later edits stay.
use crate::db::{Db, now_ms};
use crate::error::AppError;

struct DemoPost {
    title: (&'static str, &'static str),
    description: (&'static str, &'static str),
    industry: &'static str,
    headcount: i64,
    education: (&'static str, i64),
    salary: (i64, i64),
    location: &'static str,
}

const POSTS: [DemoPost; 4] = [
    DemoPost {
        title: ("动力电池研发工程师", "Traction battery engineer"),
        description: (
            "负责动力电池电芯与模组的研发和测试。\n要求：电化学、材料或相关专业；熟悉电池测试规范。",
            "Develop and test traction battery cells and modules.\nYou have a degree in electrochemistry, materials or a related field and know battery test standards.",
        ),
        industry: "automobile",
        headcount: 5,
        education: ("master", 5),
        salary: (15_000, 25_000),
        location: "longxing",
    },
    DemoPost {
        title: ("智能座舱软件工程师", "Smart cockpit software engineer"),
        description: (
            "开发车载信息娱乐系统和人机交互软件。\n要求：熟悉 C++ 或 Rust，有嵌入式 Linux 经验者优先。",
            "Build in-vehicle infotainment and human-machine interface software.\nYou know C++ or Rust; embedded Linux experience is a plus.",
        ),
        industry: "electronics",
        headcount: 8,
        education: ("bachelor", 4),
        salary: (12_000, 22_000),
        location: "lijia",
    },
    DemoPost {
        title: ("数控设备维修技师", "CNC maintenance technician"),
        description: (
            "负责生产线数控设备的日常维护与故障排除。\n要求：持有相关职业技能等级证书。",
            "Maintain the production line's CNC machines and clear faults.\nYou hold a vocational skill certificate in the trade.",
        ),
        industry: "equipment",
        headcount: 12,
        education: ("vocational", 2),
        salary: (7_000, 11_000),
        location: "shuitu",
    },
    DemoPost {
        title: ("质量体系工程师", ""),
        description: ("建立和维护 IATF 16949 质量管理体系，组织内部审核。", ""),
        industry: "automobile",
        headcount: 2,
        education: ("bachelor", 4),
        salary: (10_000, 16_000),
        location: "yufu",
    },
];

pub async fn seed(db: &Db, enterprise_email: &str, org_name: &str) -> Result<(), AppError> {
    let Some((enterprise_id,)): Option<(i64,)> =
        sqlx::query_as("SELECT id FROM accounts WHERE email = $1 AND is_demo = 1")
            .bind(enterprise_email)
            .fetch_optional(db.reader())
            .await?
    else {
        return Ok(());
    };
    let (existing,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM job_posts WHERE enterprise_id = $1")
            .bind(enterprise_id)
            .fetch_one(db.reader())
            .await?;
    if existing > 0 {
        return Ok(());
    }
    let now = now_ms();
    let closes_on = crate::common::date::today().add_days(90).to_string();
    let mut tx = db.begin_write().await?;
    for post in &POSTS {
        let title = crate::common::text::Text::new(post.title.0, post.title.1);
        sqlx::query(
            "INSERT INTO job_posts (enterprise_id, state, title_zh, title_en, description_zh, description_en, \
             industry, headcount, education, education_rank, experience_years, salary_min, salary_max, \
             location, closes_on, search_text, published_at, created_at, updated_at) \
             VALUES ($1, 'open', $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11, $12, $13, $14, $15, $15, $15)",
        )
        .bind(enterprise_id)
        .bind(post.title.0)
        .bind(post.title.1)
        .bind(post.description.0)
        .bind(post.description.1)
        .bind(post.industry)
        .bind(post.headcount)
        .bind(post.education.0)
        .bind(post.education.1)
        .bind(post.salary.0)
        .bind(post.salary.1)
        .bind(post.location)
        .bind(&closes_on)
        .bind(crate::jobs::model::search_text(&title, org_name))
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eligibility::model::Education;

    #[test]
    fn demo_ranks_match_the_education_levels() {
        for post in &POSTS {
            let level = Education::parse(post.education.0).unwrap();
            assert_eq!(crate::jobs::model::education_rank(level), post.education.1);
        }
    }
}
