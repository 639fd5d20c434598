//! The demo service catalogue: realistic items across the four talent categories, with the
//! figures of the district's announcement (PRODUCT.md). Amounts not in the announcement are
//! invented for the demo, and every item is marked as demo content.
use crate::catalogue::model::*;
use crate::common::text::Text;
use crate::eligibility::model::{Education, Industry, Rule, TalentTier};

fn t(zh: &str, en: &str) -> Text {
    Text::new(zh, en)
}

fn material(zh: &str, en: &str, format: &str, mandatory: bool) -> Material {
    Material {
        name: t(zh, en),
        format: format.into(),
        mandatory,
        upload: String::new(),
    }
}

/// Every material of the guide is uploaded in the form: in the file field of the same
/// name where the form has one (the employment contract the employer sees), else in a
/// file field made for it, required when the material is.
fn with_material_uploads(mut item: ServiceItem) -> ServiceItem {
    for i in 0..item.materials.len() {
        let m = item.materials[i].clone();
        let same = item.form.iter().find(|f| {
            matches!(f.kind, FieldKind::File)
                && (f.label.zh == m.name.zh || f.label.en == m.name.en)
        });
        let key = match same {
            Some(field) => field.key.clone(),
            None => {
                let key = upload_key(&m.name.en);
                item.form.push(field(
                    &key,
                    m.name.clone(),
                    t(
                        &format!("{}，不超过10MB。", m.format),
                        &format!("{}, at most 10 MB.", m.format),
                    ),
                    m.mandatory,
                    FieldKind::File,
                ));
                key
            }
        };
        item.materials[i].upload = key;
    }
    item
}

/// `id_card_or_passport` for "ID card or passport".
fn upload_key(name_en: &str) -> String {
    let key: String = name_en
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let mut key = key
        .split('_')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    key.truncate(40);
    key.trim_end_matches('_').to_string()
}

fn field(key: &str, label: Text, help: Text, required: bool, kind: FieldKind) -> FormField {
    FormField {
        key: key.into(),
        label,
        help,
        required,
        employer_sees: false,
        kind,
    }
}

/// A field whose answer the confirming employer sees: an employment fact.
fn employment_fact(field: FormField) -> FormField {
    FormField {
        employer_sees: true,
        ..field
    }
}

/// Steps every talent service shares: apply online, (employer confirms,) staff review,
/// decision, payment where money is granted.
fn steps(employer: bool, pays: bool) -> Vec<Text> {
    let mut steps = vec![t(
        "在线填写申请并上传材料，提交后获得办件编号。",
        "Fill in the application online and upload the materials; you get a case number on submitting.",
    )];
    if employer {
        steps.push(t(
            "用人单位在平台上确认您的任职情况。",
            "Your employer confirms your employment on the hub.",
        ));
    }
    steps.push(t(
        "工作人员受理并审核，材料不全的会一次性告知需补正的内容。",
        "Staff accept and review the case; if anything is missing you are told everything needed at once.",
    ));
    steps.push(t(
        "在承诺时限内作出决定，并在平台通知您。",
        "A decision is made within the promised time limit and you are notified on the hub.",
    ));
    if pays {
        steps.push(t(
            "资金拨付至您的银行账户，平台记录拨付情况。",
            "The money is paid to your bank account and the payment is recorded on the hub.",
        ));
    }
    steps
}

fn id_materials() -> Vec<Material> {
    vec![material(
        "身份证或护照",
        "ID card or passport",
        "PDF, JPG, PNG",
        true,
    )]
}

fn bank_field() -> FormField {
    field(
        "bank_account",
        t("收款银行账号", "Bank account for payment"),
        t("请填写本人名下的银行卡号。", "An account in your own name."),
        true,
        FieldKind::Text { max_len: 30 },
    )
}

fn employer_field() -> FormField {
    employment_fact(field(
        "employer_credit_code",
        t(
            "用人单位统一社会信用代码",
            "Employer's unified social credit code",
        ),
        t(
            "18位，见单位营业执照。",
            "18 characters, as on the employer's business licence.",
        ),
        true,
        FieldKind::Text { max_len: 18 },
    ))
}

/// The applicant's position with the employer who confirms it.
fn position_field() -> FormField {
    employment_fact(field(
        crate::catalogue::model::POSITION_FIELD_KEY,
        t("所任岗位", "Position"),
        t("与劳动合同一致。", "As in the employment contract."),
        false,
        FieldKind::Text { max_len: 60 },
    ))
}

fn office(zh: &str, en: &str) -> Text {
    t(zh, en)
}

pub fn demo_items() -> Vec<ServiceItem> {
    let talent_office = office("两江新区人才服务中心", "Liangjiang Talent Service Centre");
    let science_office = office(
        "两江新区科技创新局",
        "Liangjiang Science and Innovation Bureau",
    );
    let health_office = office("两江新区卫生健康局", "Liangjiang Health Commission");
    let labour_office = office(
        "两江新区人力资源和社会保障局",
        "Liangjiang Human Resources and Social Security Bureau",
    );
    let education_office = office("两江新区教育局", "Liangjiang Education Bureau");
    let yuan = |y: i64| Some(y * 100);

    vec![
        ServiceItem {
            code: "LJ-GRAD-RESETTLE".into(),
            name: t("高校毕业生安家补贴", "Graduate resettlement subsidy"),
            summary: t(
                "本科及以上学历毕业生经新区企业认定，可申请一次性安家补贴1万元，需用人单位确认。",
                "Graduates with a bachelor's degree or above recognized by an enterprise in the district receive a one-off resettlement subsidy of 10,000 yuan; the employer confirms the application.",
            ),
            category: Category::Education,
            applicant: Applicant::Talent,
            department: talent_office.clone(),
            policy_code: "LJ-EDU-2024".into(),
            article: 3,
            conditions: vec![
                t(
                    "具有全日制本科及以上学历。",
                    "A full-time bachelor's degree or above.",
                ),
                t("毕业两年内。", "Graduated within the last two years."),
                t(
                    "与新区内企业签订劳动合同并缴纳社会保险。",
                    "Employed by an enterprise in the district, with social insurance paid there.",
                ),
            ],
            materials: [
                id_materials(),
                vec![
                    material(
                        "毕业证书和学位证书",
                        "Graduation and degree certificates",
                        "PDF, JPG, PNG",
                        true,
                    ),
                    material("劳动合同", "Employment contract", "PDF", true),
                    material(
                        "学信网学历认证报告（境外学历提供教育部留学服务中心认证）",
                        "Degree verification report (CHSI, or CSCSE for degrees from abroad)",
                        "PDF",
                        false,
                    ),
                ],
            ]
            .concat(),
            steps: steps(true, true),
            time_limit_days: 15,
            max_amount_fen: yuan(10_000),
            employer_confirmation: true,
            sign_off_above_fen: None,
            several_at_once: false,
            extension_days: None,
            no_application: true,
            form: vec![
                field(
                    "university",
                    t("毕业院校", "University"),
                    t("", ""),
                    true,
                    FieldKind::Text { max_len: 100 },
                ),
                field(
                    "major",
                    t("所学专业", "Major"),
                    t("", ""),
                    true,
                    FieldKind::Text { max_len: 100 },
                ),
                field(
                    "graduation_date",
                    t("毕业时间", "Graduation date"),
                    t("以毕业证书为准。", "As on the graduation certificate."),
                    true,
                    FieldKind::Date,
                ),
                field(
                    "degree",
                    t("最高学历", "Highest degree"),
                    t("", ""),
                    true,
                    FieldKind::Choice {
                        options: vec![
                            ChoiceOption {
                                value: "bachelor".into(),
                                label: t("本科", "Bachelor's"),
                            },
                            ChoiceOption {
                                value: "master".into(),
                                label: t("硕士研究生", "Master's"),
                            },
                            ChoiceOption {
                                value: "doctorate".into(),
                                label: t("博士研究生", "Doctorate"),
                            },
                        ],
                    },
                ),
                employer_field(),
                position_field(),
                employment_fact(field(
                    "contract",
                    t("劳动合同", "Employment contract"),
                    t("PDF，不超过10MB。", "PDF, at most 10 MB."),
                    true,
                    FieldKind::File,
                )),
                bank_field(),
            ],
            rules: vec![
                Rule::EducationAtLeast {
                    level: Education::Bachelor,
                },
                Rule::GraduatedWithinYears { years: 2 },
                Rule::EmployedInDistrict,
            ],
            is_demo: true,
        },
        ServiceItem {
            code: "LJ-HIGH-LEVEL".into(),
            name: t(
                "高层次人才及项目团队资助",
                "Subsidy for high-level talents and project teams",
            ),
            summary: t(
                "引进的高层次人才及其项目团队，经评审可获得最高3000万元资助。",
                "High-level talents and the project teams they bring to the district can receive, after review, a subsidy of up to 30 million yuan.",
            ),
            category: Category::HighLevel,
            applicant: Applicant::Talent,
            department: science_office.clone(),
            policy_code: "LJ-HL-2024".into(),
            article: 2,
            conditions: vec![
                t(
                    "入选新区认定的领军人才及以上层次。",
                    "Recognized by the district as a leading talent or above.",
                ),
                t(
                    "项目在新区落地，团队全职在新区工作。",
                    "The project is located in the district and the team works there full time.",
                ),
            ],
            materials: [
                id_materials(),
                vec![
                    material("项目计划书", "Project plan", "PDF", true),
                    material(
                        "团队成员名单及简历",
                        "Team members and their CVs",
                        "PDF",
                        true,
                    ),
                    material(
                        "知识产权证明",
                        "Proof of intellectual property",
                        "PDF",
                        false,
                    ),
                ],
            ]
            .concat(),
            steps: steps(false, true),
            time_limit_days: 30,
            max_amount_fen: yuan(30_000_000),
            employer_confirmation: false,
            sign_off_above_fen: yuan(1_000_000),
            several_at_once: false,
            extension_days: None,
            no_application: false,
            form: vec![
                field(
                    "project_name",
                    t("项目名称", "Project name"),
                    t("", ""),
                    true,
                    FieldKind::Text { max_len: 100 },
                ),
                field(
                    "team_size",
                    t("团队人数", "Team size"),
                    t("", ""),
                    true,
                    FieldKind::Number { min: 1, max: 500 },
                ),
                field(
                    "funding_sought",
                    t("申请资助金额（元）", "Funding sought (yuan)"),
                    t("最高3000万元。", "Up to 30 million yuan."),
                    true,
                    FieldKind::Money {
                        max_yuan: 30_000_000,
                    },
                ),
                field(
                    "plan",
                    t("项目计划书", "Project plan"),
                    t("PDF，不超过10MB。", "PDF, at most 10 MB."),
                    true,
                    FieldKind::File,
                ),
            ],
            rules: vec![
                Rule::TierAtLeast {
                    tier: TalentTier::Leading,
                },
                Rule::EmployedInDistrict,
            ],
            is_demo: true,
        },
        ServiceItem {
            code: "LJ-SCIENTIST-TEAM".into(),
            name: t(
                "一流科学家团队资助",
                "Subsidy for first-class scientists and their teams",
            ),
            summary: t(
                "一流科学家及其团队落户新区，经评审可获得最高1亿元综合资助。",
                "First-class scientists and their teams settling in the district can receive, after review, combined support of up to 100 million yuan.",
            ),
            category: Category::HighLevel,
            applicant: Applicant::Talent,
            department: science_office.clone(),
            policy_code: "LJ-HL-2024".into(),
            article: 1,
            conditions: vec![t(
                "经认定的一流科学家，团队在新区全职开展研究。",
                "A recognized first-class scientist whose team does its research in the district full time.",
            )],
            materials: [
                id_materials(),
                vec![
                    material(
                        "科研成果及荣誉证明",
                        "Research achievements and honours",
                        "PDF",
                        true,
                    ),
                    material("团队建设方案", "Team plan", "PDF", true),
                ],
            ]
            .concat(),
            steps: steps(false, true),
            time_limit_days: 45,
            max_amount_fen: yuan(100_000_000),
            employer_confirmation: false,
            sign_off_above_fen: yuan(1_000_000),
            several_at_once: false,
            extension_days: None,
            no_application: false,
            form: vec![
                field(
                    "research_field",
                    t("研究领域", "Field of research"),
                    t("", ""),
                    true,
                    FieldKind::Text { max_len: 100 },
                ),
                field(
                    "funding_sought",
                    t("申请资助金额（元）", "Funding sought (yuan)"),
                    t("最高1亿元。", "Up to 100 million yuan."),
                    true,
                    FieldKind::Money {
                        max_yuan: 100_000_000,
                    },
                ),
                field(
                    "team_plan",
                    t("团队建设方案", "Team plan"),
                    t("PDF，不超过10MB。", "PDF, at most 10 MB."),
                    true,
                    FieldKind::File,
                ),
            ],
            rules: vec![
                Rule::TierAtLeast {
                    tier: TalentTier::TopScientist,
                },
                Rule::EmployedInDistrict,
            ],
            is_demo: true,
        },
        ServiceItem {
            code: "LJ-TALENT-CARD".into(),
            name: t("重庆英才服务卡", "Chongqing talent service card"),
            summary: t(
                "按人才类别办理一、二、三类英才服务卡，享受子女入学、医疗绿色通道等服务，有效期三年。",
                "A class I, II or III talent card by talent category, with services such as school places for children and a healthcare green channel, valid for three years.",
            ),
            category: Category::HighLevel,
            applicant: Applicant::Talent,
            department: talent_office.clone(),
            policy_code: "LJ-TEN-2024".into(),
            article: 8,
            conditions: vec![
                t(
                    "属于新区认定的高技能人才及以上层次。",
                    "Recognized as a high-skilled talent or above.",
                ),
                t("在新区全职工作。", "Works full time in the district."),
            ],
            materials: [
                id_materials(),
                vec![material(
                    "人才层次认定证明",
                    "Proof of talent tier",
                    "PDF, JPG",
                    true,
                )],
            ]
            .concat(),
            steps: steps(false, false),
            time_limit_days: 10,
            max_amount_fen: None,
            employer_confirmation: false,
            sign_off_above_fen: None,
            several_at_once: false,
            extension_days: None,
            no_application: false,
            form: vec![field(
                "card_class",
                t("申请卡类", "Card class applied for"),
                t(
                    "持卡人享受其符合条件的最高类别。",
                    "A holder gets the highest class they qualify for.",
                ),
                true,
                FieldKind::Choice {
                    options: vec![
                        ChoiceOption {
                            value: "1".into(),
                            label: t("一类卡", "Class I"),
                        },
                        ChoiceOption {
                            value: "2".into(),
                            label: t("二类卡", "Class II"),
                        },
                        ChoiceOption {
                            value: "3".into(),
                            label: t("三类卡", "Class III"),
                        },
                    ],
                },
            )],
            rules: vec![
                Rule::TierAtLeast {
                    tier: TalentTier::HighSkilled,
                },
                Rule::EmployedInDistrict,
            ],
            is_demo: true,
        },
        ServiceItem {
            code: "LJ-HOUSING".into(),
            name: t("人才安居租房补贴", "Talent housing rent subsidy"),
            summary: t(
                "硕士及以上学历、40周岁以下的在新区工作人才，可申请每月1500元、最长两年的租房补贴。",
                "Talents with a master's degree or above, aged 40 or under and working in the district, can receive 1,500 yuan a month towards rent for up to two years.",
            ),
            category: Category::Education,
            applicant: Applicant::Talent,
            department: talent_office.clone(),
            policy_code: "LJ-EDU-2024".into(),
            article: 5,
            conditions: vec![
                t("硕士研究生及以上学历。", "A master's degree or above."),
                t("申请时不超过40周岁。", "Aged 40 or under when applying."),
                t(
                    "在新区工作且本人及配偶在新区无自有住房。",
                    "Works in the district; neither you nor your spouse owns a home there.",
                ),
            ],
            materials: [
                id_materials(),
                vec![
                    material("学位证书", "Degree certificate", "PDF, JPG", true),
                    material("租房合同", "Rental contract", "PDF", true),
                ],
            ]
            .concat(),
            steps: steps(true, true),
            time_limit_days: 15,
            max_amount_fen: yuan(36_000),
            employer_confirmation: true,
            sign_off_above_fen: None,
            several_at_once: false,
            extension_days: None,
            no_application: false,
            form: vec![
                employer_field(),
                field(
                    "rent_monthly",
                    t("月租金（元）", "Monthly rent (yuan)"),
                    t("", ""),
                    true,
                    FieldKind::Money { max_yuan: 20_000 },
                ),
                field(
                    "lease_start",
                    t("租期开始日期", "Lease start date"),
                    t("", ""),
                    true,
                    FieldKind::Date,
                ),
                field(
                    "owns_home",
                    t(
                        "本人或配偶在新区有自有住房",
                        "You or your spouse own a home in the district",
                    ),
                    t("", ""),
                    true,
                    FieldKind::YesNo,
                ),
                field(
                    "lease",
                    t("租房合同", "Rental contract"),
                    t("PDF，不超过10MB。", "PDF, at most 10 MB."),
                    true,
                    FieldKind::File,
                ),
                bank_field(),
            ],
            rules: vec![
                Rule::EducationAtLeast {
                    level: Education::Master,
                },
                Rule::AgeAtMost { years: 40 },
                Rule::EmployedInDistrict,
            ],
            is_demo: true,
        },
        ServiceItem {
            code: "LJ-SCHOOLING".into(),
            name: t("人才子女入学服务", "School places for talents' children"),
            summary: t(
                "高层次人才子女可按意愿在新区统筹安排义务教育阶段学校就读。",
                "Children of high-level talents get a place at a district school of compulsory education, following the family's preferences where possible.",
            ),
            category: Category::HighLevel,
            applicant: Applicant::Talent,
            department: education_office,
            policy_code: "LJ-TEN-2024".into(),
            article: 9,
            conditions: vec![t(
                "经认定的高层次人才，在新区全职工作。",
                "A recognized high-level talent working full time in the district.",
            )],
            materials: [
                id_materials(),
                vec![
                    material(
                        "子女出生证明或户口簿",
                        "Child's birth certificate or household register",
                        "PDF, JPG",
                        true,
                    ),
                    material("人才层次认定证明", "Proof of talent tier", "PDF, JPG", true),
                ],
            ]
            .concat(),
            steps: steps(false, false),
            time_limit_days: 20,
            max_amount_fen: None,
            employer_confirmation: false,
            sign_off_above_fen: None,
            several_at_once: true,
            extension_days: None,
            no_application: false,
            form: vec![
                field(
                    "child_name",
                    t("子女姓名", "Child's name"),
                    t("", ""),
                    true,
                    FieldKind::Text { max_len: 50 },
                ),
                field(
                    "child_birth_date",
                    t("子女出生日期", "Child's date of birth"),
                    t("", ""),
                    true,
                    FieldKind::Date,
                ),
                field(
                    "preferred_school",
                    t("意向学校", "Preferred school"),
                    t("可不填。", "Optional."),
                    false,
                    FieldKind::Text { max_len: 100 },
                ),
            ],
            rules: vec![
                Rule::TierAtLeast {
                    tier: TalentTier::HighLevel,
                },
                Rule::EmployedInDistrict,
            ],
            is_demo: true,
        },
        ServiceItem {
            code: "LJ-HEALTH-TALENT".into(),
            name: t("卫生健康人才引进补助", "Health talent recruitment grant"),
            summary: t(
                "引进到新区医疗卫生和生物医药机构工作的硕士及以上人才，可获得最高20万元引进补助。",
                "Talents with a master's degree or above recruited to healthcare or bio-medicine in the district can receive a recruitment grant of up to 200,000 yuan.",
            ),
            category: Category::Health,
            applicant: Applicant::Talent,
            department: health_office,
            policy_code: "LJ-HEALTH-2024".into(),
            article: 4,
            conditions: vec![
                t("硕士研究生及以上学历。", "A master's degree or above."),
                t(
                    "在新区医疗卫生或生物医药机构工作。",
                    "Works for a healthcare or bio-medicine organisation in the district.",
                ),
            ],
            materials: [
                id_materials(),
                vec![
                    material("学位证书", "Degree certificate", "PDF, JPG", true),
                    material("执业资格证书", "Professional licence", "PDF, JPG", false),
                ],
            ]
            .concat(),
            steps: steps(true, true),
            time_limit_days: 20,
            max_amount_fen: yuan(200_000),
            employer_confirmation: true,
            sign_off_above_fen: None,
            several_at_once: false,
            extension_days: None,
            no_application: false,
            form: vec![
                field(
                    "specialty",
                    t("专业方向", "Specialty"),
                    t("", ""),
                    true,
                    FieldKind::Text { max_len: 100 },
                ),
                employer_field(),
                bank_field(),
            ],
            rules: vec![
                Rule::EducationAtLeast {
                    level: Education::Master,
                },
                Rule::IndustryIn {
                    industries: vec![Industry::Biomedicine],
                },
                Rule::EmployedInDistrict,
            ],
            is_demo: true,
        },
        ServiceItem {
            code: "LJ-SKILL-UPGRADE".into(),
            name: t(
                "高技能人才技能提升补贴",
                "Skills upgrade allowance for high-skilled talents",
            ),
            summary: t(
                "取得高级工及以上职业资格的技能人才，可申请最高5000元的技能提升补贴。",
                "Skilled workers certified at senior-worker level or above can receive a skills upgrade allowance of up to 5,000 yuan.",
            ),
            category: Category::HighSkilled,
            applicant: Applicant::Talent,
            department: labour_office.clone(),
            policy_code: "LJ-SKILL-2024".into(),
            article: 6,
            conditions: vec![
                t(
                    "取得高级工及以上职业资格或技能等级证书。",
                    "A vocational qualification or skill level certificate of senior worker or above.",
                ),
                t(
                    "在新区企业工作。",
                    "Works for an enterprise in the district.",
                ),
            ],
            materials: [
                id_materials(),
                vec![material(
                    "职业资格或技能等级证书",
                    "Vocational qualification certificate",
                    "PDF, JPG",
                    true,
                )],
            ]
            .concat(),
            steps: steps(true, true),
            time_limit_days: 15,
            max_amount_fen: yuan(5_000),
            employer_confirmation: true,
            sign_off_above_fen: None,
            several_at_once: false,
            extension_days: None,
            no_application: false,
            form: vec![
                employer_field(),
                field(
                    "certificate_number",
                    t("证书编号", "Certificate number"),
                    t("", ""),
                    true,
                    FieldKind::Text { max_len: 40 },
                ),
                field(
                    "certificate_date",
                    t("发证日期", "Date of issue"),
                    t("", ""),
                    true,
                    FieldKind::Date,
                ),
                bank_field(),
            ],
            rules: vec![
                Rule::TierAtLeast {
                    tier: TalentTier::HighSkilled,
                },
                Rule::EmployedInDistrict,
            ],
            is_demo: true,
        },
        ServiceItem {
            code: "LJ-DOCTORATE-LIVING".into(),
            name: t("博士人才生活补贴", "Living allowance for doctorate holders"),
            summary: t(
                "40周岁以下、全职在新区工作的博士，可申请最高10万元生活补贴，分三年发放。",
                "Doctorate holders aged 40 or under working full time in the district can receive a living allowance of up to 100,000 yuan, paid over three years.",
            ),
            category: Category::Education,
            applicant: Applicant::Talent,
            department: talent_office,
            policy_code: "LJ-EDU-2024".into(),
            article: 4,
            conditions: vec![
                t("博士研究生学历学位。", "A doctorate."),
                t("申请时不超过40周岁。", "Aged 40 or under when applying."),
                t("全职在新区工作。", "Works full time in the district."),
            ],
            materials: [
                id_materials(),
                vec![material(
                    "博士学位证书",
                    "Doctoral degree certificate",
                    "PDF, JPG",
                    true,
                )],
            ]
            .concat(),
            steps: steps(true, true),
            time_limit_days: 15,
            max_amount_fen: yuan(100_000),
            employer_confirmation: true,
            sign_off_above_fen: None,
            several_at_once: false,
            extension_days: None,
            no_application: false,
            form: vec![employer_field(), bank_field()],
            rules: vec![
                Rule::EducationAtLeast {
                    level: Education::Doctorate,
                },
                Rule::AgeAtMost { years: 40 },
                Rule::EmployedInDistrict,
            ],
            is_demo: true,
        },
        ServiceItem {
            code: "LJ-ENTERPRISE-RECRUIT".into(),
            name: t("企业引才奖励", "Recruitment reward for enterprises"),
            summary: t(
                "重点产业企业全职引进高层次人才的，按引进人数给予最高50万元奖励。",
                "Enterprises in key industries that recruit high-level talents full time receive a reward of up to 500,000 yuan by number recruited.",
            ),
            category: Category::HighLevel,
            applicant: Applicant::Enterprise,
            department: labour_office,
            policy_code: "LJ-TEN-2024".into(),
            article: 10,
            conditions: vec![t(
                "汽车、电子信息、高端装备、生物医药等重点产业企业。",
                "An enterprise in a key industry: automobiles, electronic information, high-end equipment or bio-medicine.",
            )],
            materials: vec![
                material("营业执照", "Business licence", "PDF, JPG", true),
                material(
                    "引进人才劳动合同及社保缴纳证明",
                    "Contracts and social insurance records of the talents recruited",
                    "PDF",
                    true,
                ),
            ],
            steps: steps(false, true),
            time_limit_days: 20,
            max_amount_fen: yuan(500_000),
            employer_confirmation: false,
            sign_off_above_fen: None,
            several_at_once: false,
            extension_days: None,
            no_application: false,
            form: vec![field(
                "talents_recruited",
                t("引进人才人数", "Talents recruited"),
                t("", ""),
                true,
                FieldKind::Number { min: 1, max: 1000 },
            )],
            rules: vec![],
            is_demo: true,
        },
    ]
    .into_iter()
    .map(with_material_uploads)
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_catalogue_is_valid_and_complete() {
        let items = demo_items();
        assert!(items.len() >= 8);
        for item in &items {
            assert_eq!(item.validate(), Ok(()), "{}", item.code);
            // The guide and the form agree: every required material is a required upload.
            assert_eq!(item.disagreement(), None, "{}", item.code);
            for m in item.materials.iter().filter(|m| m.mandatory) {
                assert!(
                    item.form.iter().any(|f| f.key == m.upload
                        && f.required
                        && matches!(f.kind, FieldKind::File)),
                    "{}: {}",
                    item.code,
                    m.name.en
                );
            }
            assert!(item.is_demo);
        }
        for category in Category::ALL {
            assert!(items.iter().any(|i| i.category == category), "{category:?}");
        }
        let grad = items.iter().find(|i| i.code == "LJ-GRAD-RESETTLE").unwrap();
        assert_eq!(grad.max_amount_fen, Some(1_000_000));
        assert!(grad.employer_confirmation);
        let top = items.iter().map(|i| i.max_amount_fen.unwrap_or(0)).max();
        assert_eq!(top, Some(10_000_000_000));
    }
}
