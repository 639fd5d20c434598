//! The demo bundle: what a graduate starting work in the district needs.
use crate::bundles::model::Bundle;
use crate::common::text::Text;

pub fn demo_bundles() -> Vec<Bundle> {
    vec![Bundle {
        code: "LJ-SETTLE-IN".into(),
        name: Text::new("落户两江一件事", "Settling in Liangjiang"),
        summary: Text::new(
            "刚到新区工作的毕业生和人才，一次申请安家补贴、人才服务卡、租房补贴和子女入学，共同信息只填一次，材料只交一次。",
            "For graduates and talents starting work in the district: apply once for the resettlement subsidy, the talent card, the rental subsidy and a school place for your child, with shared details asked once and each material handed in once.",
        ),
        items: [
            "LJ-GRAD-RESETTLE",
            "LJ-TALENT-CARD",
            "LJ-HOUSING",
            "LJ-SCHOOLING",
        ]
        .map(String::from)
        .to_vec(),
        is_demo: true,
    }]
}
