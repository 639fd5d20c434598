//! The demo policy library: the "ten articles" and the four supporting documents, with the
//! figures of the district's announcement. Invented for the demo and marked as demo content.
use crate::common::text::Text;
use crate::policies::model::{Article, Policy};

fn t(zh: &str, en: &str) -> Text {
    Text::new(zh, en)
}

/// Articles numbered 1, 2, 3, … in the order given: (title zh, title en, body zh, body en).
fn articles(items: &[(&str, &str, &str, &str)]) -> Vec<Article> {
    items
        .iter()
        .enumerate()
        .map(|(i, (title_zh, title_en, body_zh, body_en))| Article {
            number: i as u32 + 1,
            title: t(title_zh, title_en),
            body: t(body_zh, body_en),
        })
        .collect()
}

/// A demo document issued by the Administrative Committee, in force 2024–2028.
fn policy(code: &str, number: u32, title: Text, summary: Text, articles: Vec<Article>) -> Policy {
    Policy {
        code: code.into(),
        title,
        document_number: format!("两江人才发〔2024〕{number}号"),
        issuer: t(
            "重庆两江新区管理委员会",
            "Chongqing Liangjiang New Area Administrative Committee",
        ),
        effective_from: "2024-01-01".into(),
        effective_until: "2028-12-31".into(),
        summary,
        articles,
        is_demo: true,
    }
}

pub fn demo_policies() -> Vec<Policy> {
    vec![
        ten_articles(),
        high_level(),
        education(),
        health(),
        high_skilled(),
    ]
}

fn ten_articles() -> Policy {
    policy(
        "LJ-TEN-2024",
        1,
        t(
            "两江新区集聚人才“十条”政策",
            "\"Ten Articles\" on attracting talents to Liangjiang New Area",
        ),
        t(
            "围绕新区重点产业发展需要，从顶尖人才、青年人才、安居保障、创新平台、技能人才、卫生健康人才、英才服务卡、子女入学和企业引才等方面提出十条支持措施。",
            "Ten measures to bring people to the district's key industries: support for top talents and young graduates, housing, innovation platforms, skills and health talents, the talent service card, school places for children, and help for enterprises that recruit.",
        ),
        articles(&[
            (
                "适用范围",
                "Scope",
                "本政策适用于在两江新区全职工作的各类人才及引进人才的用人单位，重点支持汽车、电子信息、高端装备、生物医药等产业。新区重点产业两年内人才需求超过9万人，各项措施优先保障上述产业用人需要。",
                "These articles apply to talents working full time in Liangjiang New Area and to the employers that recruit them, with priority for automobiles, electronic information, high-end equipment and bio-medicine. These key industries expect to need more than 90,000 people over two years, and the measures below serve them first.",
            ),
            (
                "顶尖人才和团队",
                "Top talents and teams",
                "对引进的一流科学家及其团队、高层次人才及其项目团队，经评审分别给予最高1亿元、3000万元资助。具体按《高层次人才支持办法》执行。",
                "After review, first-class scientists and their teams can receive up to 100 million yuan, and high-level talents and their project teams up to 30 million yuan. The details are in the Measures supporting high-level talents.",
            ),
            (
                "青年人才",
                "Young graduates",
                "对毕业两年内到新区企业就业的本科及以上学历毕业生给予一次性安家补贴，对全职在新区工作的博士给予生活补贴。具体按《教育人才支持办法》执行。",
                "Graduates with a bachelor's degree or above who join an enterprise in the district within two years of graduating receive a one-off resettlement subsidy, and doctorate holders working full time in the district receive a living allowance. The details are in the Measures supporting education talents.",
            ),
            (
                "安居保障",
                "Housing",
                "新区统筹筹集人才公寓，为符合条件的人才提供租房补贴或人才公寓租住服务。高层次人才在新区首次购买自住住房的，按规定给予购房支持。",
                "The district provides talent apartments and pays rent subsidies to eligible talents. High-level talents buying their first home in the district can get help with the purchase under the relevant rules.",
            ),
            (
                "创新平台",
                "Innovation platforms",
                "支持企业、高校和科研院所在新区建设重点实验室、技术创新中心、博士后科研工作站等创新平台，经认定的按平台级别给予最高500万元建设补助。",
                "Enterprises, universities and research institutes that set up a key laboratory, technology innovation centre, postdoctoral workstation or similar platform in the district can receive a grant of up to 5 million yuan, depending on the platform's level.",
            ),
            (
                "技能人才",
                "Skilled workers",
                "支持企业开展职业技能培训和技能等级认定，对新取得高级工及以上职业资格的技能人才给予技能提升补贴。具体按《高技能人才支持办法》执行。",
                "Enterprises get support for training workers and certifying their skill levels, and workers who reach senior worker level or above receive a skills upgrade allowance. The details are in the Measures supporting high-skilled talents.",
            ),
            (
                "卫生健康人才",
                "Health talents",
                "支持新区医疗卫生机构和生物医药企业引进培养卫生健康人才，对全职引进的硕士研究生及以上学历人才给予引进补助。具体按《卫生健康人才支持办法》执行。",
                "Hospitals, other health organisations and bio-medicine firms in the district get support for recruiting and training health professionals, with a grant for each recruit holding a master's degree or above. The details are in the Measures supporting health talents.",
            ),
            (
                "英才服务卡",
                "Talent service card",
                "对经认定的高技能人才及以上层次人才，按人才类别发放一、二、三类“重庆英才服务卡”，有效期三年，符合多个类别的按最高类别发放。持卡人按卡类享受子女入学、医疗保健绿色通道、出入境和停居留便利、交通出行等一揽子服务，变更用人单位的应当重新核验。",
                "Recognized talents at high-skilled level or above receive a Class I, II or III Chongqing talent service card according to their category, valid for three years; anyone who qualifies for several classes gets the highest. The card brings a bundle of services matched to its class, such as school places for children, a healthcare green channel, help with entry, exit and residence, and travel services, and is checked again when the holder changes employer.",
            ),
            (
                "子女入学",
                "Children's schooling",
                "高层次人才子女在新区接受学前教育和义务教育的，由教育部门结合人才意愿和学位情况统筹安排就读学校。",
                "Children of high-level talents are given a place at a kindergarten or a compulsory-education school in the district; the education bureau arranges the place, following the family's preferences where places allow.",
            ),
            (
                "企业引才支持",
                "Support for recruiting enterprises",
                "汽车、电子信息、高端装备、生物医药等重点产业企业全职引进高层次人才的，按引进人数给予最高50万元引才奖励。企业通过人力资源服务机构引进急需紧缺人才的，按规定给予招聘服务补贴。",
                "Enterprises in the key industries (automobiles, electronic information, high-end equipment, bio-medicine) that recruit high-level talents full time receive a reward of up to 500,000 yuan, according to the number recruited. Enterprises that fill hard-to-fill posts through a recruitment agency can also claim a recruitment subsidy.",
            ),
        ]),
    )
}

fn high_level() -> Policy {
    policy(
        "LJ-HL-2024",
        2,
        t(
            "高层次人才支持办法",
            "Measures supporting high-level talents",
        ),
        t(
            "对一流科学家及其团队、高层次人才及其项目团队给予分层分类资助，并明确人才认定、资金拨付和监督管理要求。",
            "Tiered funding for first-class scientists, high-level talents and their teams, with the rules on recognizing talents, paying funds and oversight.",
        ),
        articles(&[
            (
                "一流科学家及其团队",
                "First-class scientists and their teams",
                "对全职落户新区的一流科学家及其团队，经专家评审，给予最高1亿元综合资助，用于科研攻关、平台建设和团队建设。资助额度采取“一事一议”方式确定。",
                "First-class scientists who move to the district full time with their teams can receive, after expert review, combined support of up to 100 million yuan for research, facilities and building the team. The amount is agreed case by case.",
            ),
            (
                "高层次人才及其项目团队",
                "High-level talents and project teams",
                "经认定为领军人才及以上层次的高层次人才及其项目团队，项目在新区落地且团队全职在新区工作的，经评审给予最高3000万元资助。资助额度根据项目水平、团队规模和产业贡献分档确定。",
                "High-level talents recognized as leading talents or above can receive up to 30 million yuan after review, provided their project is based in the district and their team works there full time. The amount depends on the project's quality, the size of the team and its contribution to local industry.",
            ),
            (
                "人才认定",
                "Recognition of talents",
                "高层次人才层次由新区人才工作机构按照人才分类目录组织认定，认定结果有效期三年。",
                "The district's talent office recognizes each high-level talent's tier against the talent classification catalogue; a recognition is valid for three years.",
            ),
            (
                "资金拨付",
                "Payment of funds",
                "资助资金按项目进度分期拨付，首期拨付不超过资助总额的40%。用人单位应当配合做好项目跟踪和绩效评价。",
                "Funds are paid in instalments as the project progresses, with no more than 40% of the total in the first payment. The employer helps follow the project and assess its results.",
            ),
            (
                "监督管理",
                "Oversight",
                "以弄虚作假等不正当手段骗取资助的，追回已拨付资金，五年内不得申报新区人才政策，并依法追究相关责任。",
                "Anyone who obtains funding by fraud must pay it back, may not apply under the district's talent policies for five years, and is held to account under the law.",
            ),
        ]),
    )
}

fn education() -> Policy {
    policy(
        "LJ-EDU-2024",
        3,
        t("教育人才支持办法", "Measures supporting education talents"),
        t(
            "支持高校毕业生和青年人才到新区就业创业，明确安家补贴、博士生活补贴和安居支持等措施。",
            "Helps graduates and young people build careers in the district, with a resettlement subsidy, a living allowance for doctorate holders and help with housing.",
        ),
        articles(&[
            (
                "适用范围",
                "Scope",
                "本办法适用于在新区企事业单位全职工作的高校毕业生和青年人才。享受本办法支持的人员应当在新区依法缴纳社会保险。",
                "These measures cover graduates and young talents working full time for employers in the district. Anyone receiving support must pay social insurance in the district.",
            ),
            (
                "申请和审核",
                "Applying",
                "符合条件的人员通过“两江英才汇”平台在线申请，需要用人单位确认的由用人单位在平台上确认，新区人才工作机构在承诺时限内完成审核。",
                "Eligible people apply online on the Liangjiang Yingcai Hub. Where the employer must confirm, it does so on the hub, and the district's talent office decides within the promised time limit.",
            ),
            (
                "高校毕业生安家补贴",
                "Graduate resettlement subsidy",
                "具有全日制本科及以上学历、毕业两年内经新区企业录用认定并签订劳动合同的高校毕业生，给予一次性安家补贴1万元。申请须经用人单位确认。",
                "Graduates with a full-time bachelor's degree or above who are taken on by an enterprise in the district within two years of graduating receive a one-off resettlement subsidy of 10,000 yuan. The employer must confirm the application.",
            ),
            (
                "博士生活补贴",
                "Living allowance for doctorate holders",
                "对40周岁以下、全职在新区工作的博士研究生，给予最高10万元生活补贴，分三年发放。",
                "Doctorate holders aged 40 or under who work full time in the district receive a living allowance of up to 100,000 yuan, paid over three years.",
            ),
            (
                "安居支持",
                "Housing support",
                "对40周岁以下、具有硕士研究生及以上学历、本人及配偶在新区无自有住房的人才，给予每月1500元租房补贴，最长两年；也可申请入住人才公寓。租房补贴与人才公寓不同时享受。",
                "Talents aged 40 or under with a master's degree or above, who do not own a home in the district (nor does their spouse), receive 1,500 yuan a month towards rent for up to two years, or can apply for a talent apartment instead. The two cannot be combined.",
            ),
            (
                "不重复享受",
                "No double benefits",
                "同一人员同时符合新区多项同类政策的，按照“就高不重复”原则享受。",
                "Someone who qualifies under several similar district policies receives the most favourable one, not all of them.",
            ),
        ]),
    )
}

fn health() -> Policy {
    policy(
        "LJ-HEALTH-2024",
        4,
        t("卫生健康人才支持办法", "Measures supporting health talents"),
        t(
            "支持新区医疗卫生机构和生物医药企业引进培养卫生健康人才，明确学科带头人、骨干培养和引进补助等措施。",
            "Support for health organisations and bio-medicine firms in the district to recruit and train health professionals: funding for discipline leaders, further training and a grant for new recruits.",
        ),
        articles(&[
            (
                "适用范围",
                "Scope",
                "本办法适用于新区医疗卫生机构和生物医药企业全职引进、培养的卫生健康人才。",
                "These measures cover health professionals recruited or trained full time by health organisations and bio-medicine firms in the district.",
            ),
            (
                "学科带头人",
                "Discipline leaders",
                "对引进的国家级、市级医学重点学科带头人，分别给予最高100万元、50万元学科建设经费。",
                "Leaders of key medical disciplines at national or municipal level who join the district receive up to 1 million or 500,000 yuan respectively to build up their discipline.",
            ),
            (
                "骨干人才培养",
                "Training key staff",
                "支持医疗卫生机构选派骨干人才到国内外知名医疗机构进修学习，进修期间按规定给予费用补助。",
                "Health organisations can send key staff for further training at leading hospitals in China or abroad, and the costs are subsidized under the relevant rules.",
            ),
            (
                "引进补助",
                "Recruitment grant",
                "对新区医疗卫生机构和生物医药机构全职引进的硕士研究生及以上学历人才，按学历和职称给予最高20万元引进补助，分三年发放。",
                "Health professionals with a master's degree or above recruited full time by a healthcare or bio-medicine organisation in the district receive a recruitment grant of up to 200,000 yuan, set by degree and professional title and paid over three years.",
            ),
            (
                "服务期要求",
                "Service commitment",
                "享受引进补助的人员应当与用人单位约定不少于五年的服务期，未满服务期离开的，按未服务年限退回补助。",
                "Anyone receiving the recruitment grant agrees to stay with the employer for at least five years; those who leave earlier pay back the share for the years not served.",
            ),
        ]),
    )
}

fn high_skilled() -> Policy {
    policy(
        "LJ-SKILL-2024",
        5,
        t(
            "高技能人才支持办法",
            "Measures supporting high-skilled talents",
        ),
        t(
            "支持企业和职业院校培养引进高技能人才，明确技能大师工作室、技能竞赛奖励、职业培训和技能提升补贴等措施。",
            "Support for training and attracting highly skilled workers: skills master studios, competition awards, vocational training and an allowance for reaching a higher skill level.",
        ),
        articles(&[
            (
                "适用范围",
                "Scope",
                "本办法适用于在新区企业工作的技能人才，以及在新区开展技能人才培养的企业和职业院校。",
                "These measures cover skilled workers employed by enterprises in the district, and the enterprises and vocational schools that train them.",
            ),
            (
                "技能大师工作室",
                "Skills master studios",
                "对新认定的国家级、市级技能大师工作室，分别给予最高50万元、20万元建设经费资助。",
                "Newly recognized skills master studios receive up to 500,000 yuan at national level or 200,000 yuan at municipal level to set up.",
            ),
            (
                "技能竞赛奖励",
                "Competition awards",
                "在世界技能大赛、全国职业技能大赛中获奖的新区选手，按获奖等次给予最高30万元奖励。",
                "Competitors from the district who win a prize at the WorldSkills Competition or the national vocational skills competition receive up to 300,000 yuan, depending on their placing.",
            ),
            (
                "职业培训补贴",
                "Training subsidy",
                "企业组织职工开展职业技能培训并取得相应证书的，按培训合格人数给予职业培训补贴。",
                "Enterprises that train their staff to a recognized certificate receive a training subsidy for each employee who passes.",
            ),
            (
                "校企合作",
                "Schools and enterprises",
                "支持职业院校与新区企业共建产业学院和实训基地，推行企业新型学徒制，按规定给予补贴。",
                "Vocational schools and district enterprises get subsidies, under the relevant rules, for running joint industry colleges and training centres and for new-style apprenticeships.",
            ),
            (
                "技能提升补贴",
                "Skills upgrade allowance",
                "在新区企业工作的人员新取得高级工、技师、高级技师职业资格或职业技能等级证书的，分别给予2000元、3000元、5000元技能提升补贴。同一等级只享受一次。",
                "People working for an enterprise in the district who newly obtain a vocational qualification or skill-level certificate as senior worker, technician or senior technician receive a skills upgrade allowance of 2,000, 3,000 or 5,000 yuan respectively. Each level can be claimed once.",
            ),
        ]),
    )
}
