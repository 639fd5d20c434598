//! Talent demand posts, the public board's search, applications and the demand figures.
//! The rules here run in the browser (errors before sending) and on the server (enforced).
use crate::common::date::Date;
use crate::common::text::Text;
use crate::eligibility::model::Education;
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

/// The cache key of the demand statistics, forgotten by every change that moves them
/// (a post, an application, an enterprise's verification).
pub const STATS_KEY: &str = "demand_stats";
/// The district's goal: talents needed in key industries within two years.
pub const DEMAND_TARGET: i64 = 90_000;
pub const BOARD_PAGE_SIZE: u32 = 20;
pub const MAX_TITLE: usize = 80;
pub const MAX_DESCRIPTION: usize = 5_000;
pub const MAX_NOTE: usize = 2_000;
pub const MAX_HEADCOUNT: i64 = 10_000;
/// Yuan per month.
pub const MAX_SALARY: i64 = 1_000_000;
/// How far ahead a closing date may be set.
pub const MAX_OPEN_DAYS: i64 = 366;
pub const MAX_ALERTS: i64 = 10;

/// Where in the district a post is based.
pub const LOCATIONS: [(&str, &str, &str); 8] = [
    ("lijia", "礼嘉", "Lijia"),
    ("yuelai", "悦来", "Yuelai"),
    ("shuitu", "水土", "Shuitu"),
    ("longxing", "龙兴", "Longxing"),
    ("yufu", "鱼复", "Yufu"),
    ("konggang", "空港", "Airport zone"),
    ("cuntan", "寸滩", "Cuntan"),
    ("other", "区内其他", "Elsewhere in the district"),
];

pub fn location_name(code: &str) -> Text {
    LOCATIONS
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, zh, en)| Text::new(zh, en))
        .unwrap_or_else(|| Text::new(code, code))
}

/// Where a post stands. A post past its closing date reads as [`PostState::Expired`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PostState {
    Review,
    Returned,
    Open,
    Closed,
    Expired,
}

impl PostState {
    pub fn as_str(self) -> &'static str {
        match self {
            PostState::Review => "review",
            PostState::Returned => "returned",
            PostState::Open => "open",
            PostState::Closed => "closed",
            PostState::Expired => "expired",
        }
    }

    /// The state as stored, seen on `today`.
    pub fn read(stored: &str, closes_on: &str, today: Date) -> PostState {
        let expired = Date::parse(closes_on).is_none_or(|d| d < today);
        match stored {
            "open" if expired => PostState::Expired,
            "open" => PostState::Open,
            "closed" => PostState::Closed,
            "returned" => PostState::Returned,
            _ => PostState::Review,
        }
    }
}

/// What an enterprise may do with its post in `state`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OwnerAction {
    Edit,
    Close,
    Reopen,
}

pub fn owner_actions(state: PostState) -> &'static [OwnerAction] {
    match state {
        PostState::Review | PostState::Returned => &[OwnerAction::Edit],
        PostState::Open => &[OwnerAction::Edit, OwnerAction::Close],
        PostState::Closed => &[OwnerAction::Edit, OwnerAction::Reopen],
        // Reopening needs a new closing date, which staff review again.
        PostState::Expired => &[OwnerAction::Edit],
    }
}

/// A post as typed into the editor: text, so nothing typed is lost when a value is wrong.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostDraft {
    #[serde(default)]
    pub title_zh: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub description_zh: String,
    #[serde(default)]
    pub description_en: String,
    #[serde(default)]
    pub industry: String,
    #[serde(default)]
    pub headcount: String,
    #[serde(default)]
    pub education: String,
    #[serde(default)]
    pub experience_years: String,
    #[serde(default)]
    pub salary_min: String,
    #[serde(default)]
    pub salary_max: String,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub closes_on: String,
}

/// A post that passed every rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidPost {
    pub title: Text,
    pub description: Text,
    pub industry: String,
    pub headcount: i64,
    pub education: Option<Education>,
    pub experience_years: i64,
    pub salary_min: i64,
    pub salary_max: i64,
    pub location: String,
    pub closes_on: Date,
}

fn field_error(field: &'static str, message: &'static str) -> FieldError {
    FieldError { field, message }
}

fn whole_number(
    field: &'static str,
    text: &str,
    min: i64,
    max: i64,
    message: &'static str,
) -> Result<i64, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(field_error(field, "err_required"));
    }
    text.parse::<i64>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or(field_error(field, message))
}

impl PostDraft {
    /// Checks every rule; the first field to fix is named. `industry_known` says whether an
    /// industry code is on the managed list and still offered.
    pub fn validate(
        &self,
        today: Date,
        industry_known: impl Fn(&str) -> bool,
    ) -> Result<ValidPost, FieldError> {
        let text = |s: &str| s.trim().to_string();
        let (title_zh, title_en) = (text(&self.title_zh), text(&self.title_en));
        let (description_zh, description_en) =
            (text(&self.description_zh), text(&self.description_en));
        if title_zh.is_empty() && title_en.is_empty() {
            return Err(field_error("draft[title_zh]", "err_post_language"));
        }
        // A language that is started must be complete: a title without its description
        // (or the other way round) would show a half post to readers of that language.
        for (title, description, title_field, description_field) in [
            (
                &title_zh,
                &description_zh,
                "draft[title_zh]",
                "draft[description_zh]",
            ),
            (
                &title_en,
                &description_en,
                "draft[title_en]",
                "draft[description_en]",
            ),
        ] {
            if title.is_empty() && !description.is_empty() {
                return Err(field_error(title_field, "err_required"));
            }
            if !title.is_empty() && description.is_empty() {
                return Err(field_error(description_field, "err_required"));
            }
            if title.chars().count() > MAX_TITLE {
                return Err(field_error(title_field, "err_too_long"));
            }
            if description.chars().count() > MAX_DESCRIPTION {
                return Err(field_error(description_field, "err_too_long"));
            }
        }
        let industry = self.industry.trim();
        if industry.is_empty() {
            return Err(field_error("draft[industry]", "err_required"));
        }
        if !industry_known(industry) {
            return Err(field_error("draft[industry]", "err_choice"));
        }
        let headcount = whole_number(
            "draft[headcount]",
            &self.headcount,
            1,
            MAX_HEADCOUNT,
            "err_headcount",
        )?;
        let education = match self.education.trim() {
            "" => None,
            code => {
                Some(Education::parse(code).ok_or(field_error("draft[education]", "err_choice"))?)
            }
        };
        let experience_years = if self.experience_years.trim().is_empty() {
            0
        } else {
            whole_number(
                "draft[experience_years]",
                &self.experience_years,
                0,
                50,
                "err_experience",
            )?
        };
        let salary_min = whole_number(
            "draft[salary_min]",
            &self.salary_min,
            1,
            MAX_SALARY,
            "err_salary",
        )?;
        let salary_max = whole_number(
            "draft[salary_max]",
            &self.salary_max,
            1,
            MAX_SALARY,
            "err_salary",
        )?;
        if salary_min > salary_max {
            return Err(field_error("draft[salary_max]", "err_salary_order"));
        }
        let location = self.location.trim();
        if !LOCATIONS.iter().any(|(code, _, _)| *code == location) {
            return Err(field_error("draft[location]", "err_choice"));
        }
        if self.closes_on.trim().is_empty() {
            return Err(field_error("draft[closes_on]", "err_required"));
        }
        let closes_on = Date::parse(self.closes_on.trim())
            .ok_or(field_error("draft[closes_on]", "err_date_invalid"))?;
        if closes_on <= today || closes_on > today.add_days(MAX_OPEN_DAYS) {
            return Err(field_error("draft[closes_on]", "err_closing_date"));
        }
        Ok(ValidPost {
            title: Text {
                zh: title_zh,
                en: title_en,
            },
            description: Text {
                zh: description_zh,
                en: description_en,
            },
            industry: industry.to_string(),
            headcount,
            education,
            experience_years,
            salary_min,
            salary_max,
            location: location.to_string(),
            closes_on,
        })
    }
}

/// What keyword search looks through: both titles and the enterprise's name, lower-cased.
pub fn search_text(title: &Text, org_name: &str) -> String {
    format!("{} {} {}", title.zh, title.en, org_name).to_lowercase()
}

/// A title in the reader's language, or the other one when the post has only that one.
pub fn pick(text: &Text, locale: crate::i18n::Locale) -> &str {
    let wanted = text.get(locale);
    if wanted.is_empty() {
        if text.zh.is_empty() {
            &text.en
        } else {
            &text.zh
        }
    } else {
        wanted
    }
}

crate::string_enum! {
    /// How the board is ordered (newest first unless the address says otherwise).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub enum Sort {
        #[default]
        Newest => "newest",
        ClosingSoon => "closing",
        Salary => "salary",
    }
}

/// A search of the board, as in its address (`/jobs?q=…&industry=…`). Saved searches
/// (job alerts) are the same minus sorting and page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub industry: String,
    /// The talent's education: posts asking for at most this level.
    #[serde(default)]
    pub education: String,
    /// Lowest acceptable monthly salary: posts whose range reaches it.
    #[serde(default)]
    pub salary: i64,
    /// One enterprise's posts.
    #[serde(default)]
    pub enterprise: i64,
    #[serde(default)]
    pub sort: String,
    #[serde(default)]
    pub page: u32,
}

impl BoardQuery {
    pub fn keyword(&self) -> String {
        self.q.trim().to_lowercase().chars().take(50).collect()
    }

    /// The highest education rank a post may ask for (`None`: any).
    pub fn education_rank(&self) -> Option<i64> {
        Education::parse(&self.education).map(education_rank)
    }

    /// Whether an open post matches: the same rules as the board's SQL, used for alerts
    /// and checked against the SQL in the tests.
    pub fn matches(&self, post: &PostCard, search_text: &str) -> bool {
        let keyword = self.keyword();
        (keyword.is_empty() || search_text.contains(&keyword))
            && (self.industry.is_empty() || post.industry == self.industry)
            && self
                .education_rank()
                .is_none_or(|rank| post.education.map(education_rank).unwrap_or(0) <= rank)
            && (self.salary <= 0 || post.salary_max >= self.salary)
            && (self.enterprise <= 0 || post.enterprise_id == self.enterprise)
    }

    /// The address of this search on page `page`.
    pub fn href(&self, page: u32) -> String {
        let mut parts = Vec::new();
        let mut push = |key: &str, value: &str| {
            if !value.is_empty() {
                parts.push(format!("{key}={}", crate::format::url_encode(value)));
            }
        };
        push("q", self.q.trim());
        push("industry", &self.industry);
        push("education", &self.education);
        if self.salary > 0 {
            push("salary", &self.salary.to_string());
        }
        if self.enterprise > 0 {
            push("enterprise", &self.enterprise.to_string());
        }
        if Sort::parse(&self.sort).unwrap_or_default() != Sort::Newest {
            push("sort", Sort::parse(&self.sort).unwrap_or_default().as_str());
        }
        if page > 0 {
            push("page", &page.to_string());
        }
        if parts.is_empty() {
            "/jobs".into()
        } else {
            format!("/jobs?{}", parts.join("&"))
        }
    }
}

/// Education levels ranked so "at most" can be compared in SQL (0: any).
pub fn education_rank(level: Education) -> i64 {
    Education::ALL
        .iter()
        .position(|e| *e == level)
        .map(|p| p as i64 + 1)
        .unwrap_or(0)
}

/// A post as listed on the board and in the enterprise's and staff's lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostCard {
    pub id: i64,
    pub enterprise_id: i64,
    pub org_name: String,
    pub title: Text,
    pub industry: String,
    pub industry_name: Text,
    pub headcount: i64,
    pub education: Option<Education>,
    pub experience_years: i64,
    pub salary_min: i64,
    pub salary_max: i64,
    pub location: String,
    pub closes_on: String,
    pub published_at: Option<i64>,
    pub state: PostState,
    pub version: i64,
}

/// A post's own page: the card, its descriptions, and the enterprise behind it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostPage {
    pub card: PostCard,
    pub description: Text,
    pub review_note: String,
    pub enterprise: EnterpriseProfile,
    /// Whether the caller owns the post (may edit it, see candidates).
    pub mine: bool,
    /// The caller's application to this post, if they are a talent who applied.
    pub my_application: Option<ApplicationState>,
    pub candidates: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnterpriseProfile {
    pub id: i64,
    pub org_name: String,
    pub credit_code: String,
    pub verified: bool,
    pub open_posts: i64,
    pub registered_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardPage {
    pub items: Vec<PostCard>,
    pub page: u32,
    pub has_more: bool,
}

/// An enterprise's own post list entry: the card and how many have applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnPost {
    pub card: PostCard,
    pub review_note: String,
    pub candidates: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnPostPage {
    pub items: Vec<OwnPost>,
    pub page: u32,
    pub has_more: bool,
}

/// What the editor opens with: the post as last saved (or empty) and the choices.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostEditor {
    pub id: Option<i64>,
    pub version: i64,
    pub draft: PostDraft,
    pub state: Option<PostState>,
    pub review_note: String,
    pub industries: Vec<IndustryChoice>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndustryChoice {
    pub code: String,
    pub name: Text,
    pub active: bool,
}

/// Staff review decisions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReviewDecision {
    Approve,
    SendBack,
}

impl ReviewDecision {
    pub fn parse(value: &str) -> Option<ReviewDecision> {
        match value {
            "approve" => Some(ReviewDecision::Approve),
            "send_back" => Some(ReviewDecision::SendBack),
            _ => None,
        }
    }
}

crate::string_enum! {
    /// An application's life: the enterprise shortlists, declines or hires; the talent may
    /// withdraw while it is still undecided.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum ApplicationState {
        Submitted => "submitted",
        Shortlisted => "shortlisted",
        Declined => "declined",
        Hired => "hired",
        Withdrawn => "withdrawn",
    }
}

impl ApplicationState {
    pub fn is_undecided(self) -> bool {
        matches!(
            self,
            ApplicationState::Submitted | ApplicationState::Shortlisted
        )
    }

    /// Whether the enterprise sees the talent's mobile number and e-mail in full. Applying
    /// is not consent to be called by everyone who posts: the contact is shown once the
    /// enterprise invites the talent (shortlists or hires them), masked before and after.
    pub fn shares_contact(self) -> bool {
        matches!(
            self,
            ApplicationState::Shortlisted | ApplicationState::Hired
        )
    }
}

/// The talent's contact as the enterprise sees it in an application in `state`.
pub fn candidate_contact(
    state: ApplicationState,
    email: Option<&str>,
    phone: Option<&str>,
) -> String {
    use crate::accounts::model::{mask_email, mask_phone};
    let shown = state.shares_contact();
    let email = email.map(|e| if shown { e.to_string() } else { mask_email(e) });
    let phone = phone.map(|p| if shown { p.to_string() } else { mask_phone(p) });
    [email, phone]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

/// What the enterprise does with a candidate, and the state it leads to from `from`.
pub fn employer_move(from: ApplicationState, action: &str) -> Option<ApplicationState> {
    use ApplicationState::*;
    match (from, action) {
        (Submitted, "shortlist") => Some(Shortlisted),
        (Submitted | Shortlisted, "decline") => Some(Declined),
        (Submitted | Shortlisted, "hire") => Some(Hired),
        _ => None,
    }
}

/// The talent's note to the enterprise.
pub fn check_note(note: &str) -> Result<String, FieldError> {
    let note = note.trim();
    if note.chars().count() > MAX_NOTE {
        return Err(field_error("note", "err_too_long"));
    }
    Ok(note.to_string())
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileInfo {
    pub name: String,
    pub size_bytes: i64,
}

/// An application as its talent sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyApplication {
    pub id: i64,
    pub post_id: i64,
    pub post_title: Text,
    pub org_name: String,
    pub state: ApplicationState,
    pub note: String,
    pub message: String,
    pub cv: Option<FileInfo>,
    pub applied_at: i64,
    pub updated_at: i64,
    pub employer_recorded: bool,
    pub version: i64,
}

/// A candidate as the enterprise sees them: what the talent put in their profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub id: i64,
    pub full_name: String,
    /// E-mail and mobile, masked until the enterprise invites the talent
    /// ([`ApplicationState::shares_contact`]).
    pub contact: String,
    pub education: String,
    pub university: String,
    pub major: String,
    pub graduation_date: String,
    pub note: String,
    pub message: String,
    pub state: ApplicationState,
    pub cv: Option<FileInfo>,
    pub applied_at: i64,
    pub version: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidates {
    pub post: PostCard,
    pub items: Vec<Candidate>,
}

/// A saved search.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobAlert {
    pub id: i64,
    pub query: BoardQuery,
    pub created_at: i64,
}

/// Demand against the target, for the public statistics page and its CSV.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemandStats {
    /// Open posts and their headcount per industry (every industry on the list).
    pub by_industry: Vec<IndustryDemand>,
    /// Headcount of posts first published in each of the last twelve months.
    pub by_month: Vec<MonthDemand>,
    pub open_headcount: i64,
    pub open_posts: i64,
    /// Headcount of every post ever published (open or not): demand raised so far.
    pub posted_headcount: i64,
    pub hired: i64,
    pub target: i64,
    pub as_of: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndustryDemand {
    pub code: String,
    pub name: Text,
    pub posts: i64,
    pub headcount: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthDemand {
    /// `YYYY-MM`.
    pub month: String,
    pub headcount: i64,
}

/// The twelve months ending with `today`'s, oldest first (`YYYY-MM`).
pub fn last_twelve_months(today: Date) -> Vec<String> {
    let mut months = Vec::with_capacity(12);
    let (mut year, mut month) = (today.year, today.month as i32);
    for _ in 0..12 {
        months.push(format!("{year:04}-{month:02}"));
        month -= 1;
        if month == 0 {
            month = 12;
            year -= 1;
        }
    }
    months.reverse();
    months
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_is_shown_in_full_only_once_invited() {
        let full = "li@example.cn · 13812345678";
        for state in ApplicationState::ALL {
            let contact = candidate_contact(state, Some("li@example.cn"), Some("13812345678"));
            if matches!(
                state,
                ApplicationState::Shortlisted | ApplicationState::Hired
            ) {
                assert_eq!(contact, full, "{state:?}");
            } else {
                assert_eq!(contact, "l***@example.cn · 138****5678", "{state:?}");
            }
        }
        assert_eq!(
            candidate_contact(ApplicationState::Submitted, None, Some("13812345678")),
            "138****5678"
        );
    }

    fn today() -> Date {
        Date::parse("2026-11-25").unwrap()
    }

    fn draft() -> PostDraft {
        PostDraft {
            title_zh: "电池工程师".into(),
            title_en: String::new(),
            description_zh: "负责动力电池研发。".into(),
            description_en: String::new(),
            industry: "automobile".into(),
            headcount: "3".into(),
            education: "bachelor".into(),
            experience_years: "2".into(),
            salary_min: "12000".into(),
            salary_max: "20000".into(),
            location: "lijia".into(),
            closes_on: "2027-01-31".into(),
        }
    }

    fn check(d: &PostDraft) -> Result<ValidPost, FieldError> {
        d.validate(today(), |code| code == "automobile" || code == "other")
    }

    fn fails(d: PostDraft, field: &str, message: &str) {
        let error = check(&d).expect_err("should be refused");
        assert_eq!((error.field, error.message), (field, message), "{d:?}");
    }

    #[test]
    fn a_complete_post_in_one_language_passes() {
        let valid = check(&draft()).unwrap();
        assert_eq!(valid.headcount, 3);
        assert_eq!(valid.education, Some(Education::Bachelor));
        let mut english = draft();
        english.title_zh.clear();
        english.description_zh.clear();
        english.title_en = "Battery engineer".into();
        english.description_en = "Develops traction batteries.".into();
        assert!(check(&english).is_ok());
    }

    #[test]
    fn each_rule_names_its_field() {
        let mut d = draft();
        d.title_zh.clear();
        d.description_zh.clear();
        fails(d, "draft[title_zh]", "err_post_language");
        let mut d = draft();
        d.title_en = "Battery engineer".into();
        fails(d, "draft[description_en]", "err_required");
        let mut d = draft();
        d.salary_min = "30000".into();
        fails(d, "draft[salary_max]", "err_salary_order");
        let mut d = draft();
        d.headcount = "0".into();
        fails(d, "draft[headcount]", "err_headcount");
        let mut d = draft();
        d.headcount = "three".into();
        fails(d, "draft[headcount]", "err_headcount");
        let mut d = draft();
        d.closes_on = "2026-11-25".into();
        fails(d, "draft[closes_on]", "err_closing_date");
        let mut d = draft();
        d.closes_on = "2028-01-01".into();
        fails(d, "draft[closes_on]", "err_closing_date");
        let mut d = draft();
        d.closes_on = "31/01/2027".into();
        fails(d, "draft[closes_on]", "err_date_invalid");
        let mut d = draft();
        d.industry = "mining".into();
        fails(d, "draft[industry]", "err_choice");
        let mut d = draft();
        d.location = "beijing".into();
        fails(d, "draft[location]", "err_choice");
        let mut d = draft();
        d.title_zh = "长".repeat(MAX_TITLE + 1);
        fails(d, "draft[title_zh]", "err_too_long");
    }

    #[test]
    fn posts_past_their_closing_date_read_as_expired() {
        assert_eq!(
            PostState::read("open", "2026-11-25", today()),
            PostState::Open
        );
        assert_eq!(
            PostState::read("open", "2026-11-24", today()),
            PostState::Expired
        );
        assert_eq!(
            PostState::read("closed", "2027-01-01", today()),
            PostState::Closed
        );
    }

    #[test]
    fn employers_move_undecided_candidates_only() {
        use ApplicationState::*;
        assert_eq!(employer_move(Submitted, "shortlist"), Some(Shortlisted));
        assert_eq!(employer_move(Shortlisted, "hire"), Some(Hired));
        assert_eq!(employer_move(Shortlisted, "shortlist"), None);
        assert_eq!(employer_move(Hired, "decline"), None);
        assert_eq!(employer_move(Withdrawn, "hire"), None);
    }

    #[test]
    fn searches_match_like_the_board() {
        let card = PostCard {
            id: 1,
            enterprise_id: 7,
            org_name: "两江汽车".into(),
            title: Text::new("电池工程师", "Battery engineer"),
            industry: "automobile".into(),
            industry_name: Text::new("汽车", "Automobiles"),
            headcount: 3,
            education: Some(Education::Bachelor),
            experience_years: 0,
            salary_min: 12000,
            salary_max: 20000,
            location: "lijia".into(),
            closes_on: "2027-01-31".into(),
            published_at: None,
            state: PostState::Open,
            version: 1,
        };
        let text = search_text(&card.title, &card.org_name);
        let q = |f: fn(&mut BoardQuery)| {
            let mut q = BoardQuery::default();
            f(&mut q);
            q.matches(&card, &text)
        };
        assert!(q(|q| q.q = "BATTERY".into()));
        assert!(q(|q| q.q = "两江".into()));
        assert!(!q(|q| q.q = "nurse".into()));
        assert!(q(|q| q.education = "master".into()));
        assert!(!q(|q| q.education = "associate".into()));
        assert!(q(|q| q.salary = 20000));
        assert!(!q(|q| q.salary = 20001));
        assert!(!q(|q| q.industry = "biomedicine".into()));
        assert!(!q(|q| q.enterprise = 8));
    }

    #[test]
    fn search_addresses_keep_only_what_is_set() {
        let query = BoardQuery {
            q: " 电池 ".into(),
            salary: 15000,
            sort: "salary".into(),
            ..Default::default()
        };
        assert_eq!(
            query.href(2),
            format!(
                "/jobs?q={}&salary=15000&sort=salary&page=2",
                crate::format::url_encode("电池")
            )
        );
        assert_eq!(BoardQuery::default().href(0), "/jobs");
    }

    #[test]
    fn twelve_months_end_with_this_one() {
        let months = last_twelve_months(today());
        assert_eq!(months.len(), 12);
        assert_eq!(months[0], "2025-12");
        assert_eq!(months[11], "2026-11");
    }
}
