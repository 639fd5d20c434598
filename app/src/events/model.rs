//! Event rules (both targets): what staff may publish, and how times are read and shown.
//! The office works in China Standard Time (UTC+8, no daylight saving); times are stored
//! as Unix milliseconds and always shown with their zone.
use crate::common::date::Date;
use crate::common::text::Text;
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

/// The most sessions a course may require for its certificate.
pub const MAX_SESSIONS: i64 = 100;
pub const MAX_TITLE: usize = 100;
pub const MAX_DESCRIPTION: usize = 5_000;
pub const MAX_CAPACITY: i64 = 100_000;
pub const EVENT_PAGE_SIZE: u32 = 20;
const HOUR_MS: i64 = 3_600_000;
const CHINA_OFFSET_MS: i64 = 8 * HOUR_MS;

crate::string_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum EventKind {
        Conference => "conference",
        Forum => "forum",
        JobFair => "job_fair",
        Training => "training",
    }
}

crate::string_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum Audience {
        Talents => "talents",
        Enterprises => "enterprises",
        Everyone => "everyone",
    }
}

/// `2026-12-05T09:30` (as a `datetime-local` field sends it, China time) → Unix ms.
pub fn parse_local(text: &str) -> Option<i64> {
    let text = text.trim();
    let (day, time) = text.split_once('T').or_else(|| text.split_once(' '))?;
    let date = Date::parse(day)?;
    let (h, m) = time.get(..5)?.split_once(':')?;
    let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
    if !(0..24).contains(&h) || !(0..60).contains(&m) {
        return None;
    }
    Some(date.to_days() * 24 * HOUR_MS + h * HOUR_MS + m * 60_000 - CHINA_OFFSET_MS)
}

/// Unix ms → `2026-12-05T09:30` in China time (the editor's field value).
pub fn local_value(ms: i64) -> String {
    crate::format::datetime(ms).replacen(' ', "T", 1)
}

/// Unix ms → `20261205T013000Z`, as calendars read times.
pub fn ics_time(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let day = Date::from_days(secs.div_euclid(86_400));
    let rest = secs.rem_euclid(86_400);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        day.year,
        day.month,
        day.day,
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// A TEXT value of an iCalendar file (RFC 5545, 3.3.11): backslash, semicolon and comma
/// escaped, every line break (CRLF, a bare CR or a bare LF) written as `\n`, and other
/// control characters, which TEXT may not hold, left out (tabs stay).
pub fn ics_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' | '\u{2028}' | '\u{2029}' => out.push_str("\\n"),
            '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line `NAME:value` (the value already escaped) folded as RFC 5545, 3.1 asks:
/// at most 75 octets a line, each continuation after CRLF and a space, never inside a
/// UTF-8 character; ends with CRLF.
pub fn ics_line(name: &str, value: &str) -> String {
    const MAX_OCTETS: usize = 75;
    let mut out = String::with_capacity(name.len() + value.len() + 8);
    let mut used = 0;
    for c in name.chars().chain([':']).chain(value.chars()) {
        if used + c.len_utf8() > MAX_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

/// A calendar file holding one event with these properties (values already escaped).
pub fn ics_calendar(properties: &[(&str, String)]) -> String {
    let mut out = ics_line("BEGIN", "VCALENDAR");
    out.push_str(&ics_line("VERSION", "2.0"));
    out.push_str(&ics_line("PRODID", "-//Liangjiang Yingcai Hub//Events//EN"));
    out.push_str(&ics_line("BEGIN", "VEVENT"));
    for (name, value) in properties {
        out.push_str(&ics_line(name, value));
    }
    out.push_str(&ics_line("END", "VEVENT"));
    out.push_str(&ics_line("END", "VCALENDAR"));
    out
}

/// Unix ms → `2026-12-05T09:30:00+08:00` (schema.org dates).
pub fn iso_time(ms: i64) -> String {
    format!("{}:00+08:00", local_value(ms))
}

/// An event as staff type it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDraft {
    /// 0 for a new event.
    #[serde(default)]
    pub id: i64,
    #[serde(default)]
    pub version: i64,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub title_zh: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub description_zh: String,
    #[serde(default)]
    pub description_en: String,
    #[serde(default)]
    pub starts: String,
    #[serde(default)]
    pub ends: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub online_link: String,
    #[serde(default)]
    pub capacity: String,
    #[serde(default)]
    pub registration_opens: String,
    #[serde(default)]
    pub registration_closes: String,
    #[serde(default)]
    pub audience: String,
    /// Training courses: sessions to attend for a certificate (empty or 0: none).
    #[serde(default)]
    pub sessions_required: String,
}

/// A checked draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidEvent {
    pub kind: EventKind,
    pub title: Text,
    pub description: Text,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: String,
    pub online_link: String,
    pub capacity: i64,
    pub registration_opens_at: i64,
    pub registration_closes_at: i64,
    pub audience: Audience,
    pub sessions_required: i64,
}

fn err(field: &'static str, message: &'static str) -> FieldError {
    FieldError { field, message }
}

impl EventDraft {
    /// Checks every field, naming the first that is wrong (the browser runs this before
    /// sending; the server again). `now` is Unix ms: a new event cannot start in the past.
    pub fn validate(&self, now: i64) -> Result<ValidEvent, FieldError> {
        let kind = EventKind::parse(&self.kind).ok_or(err("draft[kind]", "err_choice"))?;
        let text = |field: &'static str, value: &str, max: usize, required: bool| {
            let value = value.trim();
            if required && value.is_empty() {
                Err(err(field, "err_required"))
            } else if value.chars().count() > max {
                Err(err(field, "err_too_long"))
            } else {
                Ok(value.to_string())
            }
        };
        let title = Text {
            zh: text("draft[title_zh]", &self.title_zh, MAX_TITLE, true)?,
            en: text("draft[title_en]", &self.title_en, MAX_TITLE, true)?,
        };
        let description = Text {
            zh: text(
                "draft[description_zh]",
                &self.description_zh,
                MAX_DESCRIPTION,
                true,
            )?,
            en: text(
                "draft[description_en]",
                &self.description_en,
                MAX_DESCRIPTION,
                true,
            )?,
        };
        let time = |field: &'static str, value: &str| {
            parse_local(value).ok_or(err(field, "err_date_invalid"))
        };
        let starts_at = time("draft[starts]", &self.starts)?;
        let ends_at = time("draft[ends]", &self.ends)?;
        if self.id == 0 && starts_at < now {
            return Err(err("draft[starts]", "err_event_past"));
        }
        if ends_at <= starts_at {
            return Err(err("draft[ends]", "err_date_order"));
        }
        let place = text("draft[place]", &self.place, 200, false)?;
        let online_link = self.online_link.trim().to_string();
        if !online_link.is_empty()
            && (!online_link.starts_with("https://")
                || online_link.len() > 500
                || online_link.contains(char::is_whitespace))
        {
            return Err(err("draft[online_link]", "err_event_link"));
        }
        if place.is_empty() && online_link.is_empty() {
            return Err(err("draft[place]", "err_event_where"));
        }
        let capacity: i64 = self
            .capacity
            .trim()
            .parse()
            .map_err(|_| err("draft[capacity]", "err_number"))?;
        if !(1..=MAX_CAPACITY).contains(&capacity) {
            return Err(err("draft[capacity]", "err_number_range"));
        }
        let registration_opens_at = time("draft[registration_opens]", &self.registration_opens)?;
        let registration_closes_at = time("draft[registration_closes]", &self.registration_closes)?;
        if registration_closes_at <= registration_opens_at {
            return Err(err("draft[registration_closes]", "err_date_order"));
        }
        if registration_closes_at > starts_at {
            return Err(err(
                "draft[registration_closes]",
                "err_event_registration_late",
            ));
        }
        let audience =
            Audience::parse(&self.audience).ok_or(err("draft[audience]", "err_choice"))?;
        let sessions_required = match self.sessions_required.trim() {
            "" => 0,
            text => text
                .parse::<i64>()
                .map_err(|_| err("draft[sessions_required]", "err_number"))?,
        };
        if !(0..=MAX_SESSIONS).contains(&sessions_required) {
            return Err(err("draft[sessions_required]", "err_number_range"));
        }
        Ok(ValidEvent {
            kind,
            title,
            description,
            starts_at,
            ends_at,
            place,
            online_link,
            capacity,
            registration_opens_at,
            registration_closes_at,
            audience,
            sessions_required,
        })
    }
}

/// The public list's filters (a GET form).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventQuery {
    #[serde(default)]
    pub kind: String,
    /// `past`, else upcoming.
    #[serde(default)]
    pub when: String,
    #[serde(default)]
    pub page: u32,
}

impl EventQuery {
    /// The filters as the address carries them (`?kind=…&when=…&page=…`).
    pub fn from_address(m: &leptos_router::params::ParamsMap) -> EventQuery {
        EventQuery {
            kind: m.get("kind").unwrap_or_default(),
            when: m.get("when").unwrap_or_default(),
            page: m.get("page").and_then(|p| p.parse().ok()).unwrap_or(0),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventCard {
    pub id: i64,
    pub kind: EventKind,
    pub title: Text,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: String,
    pub online: bool,
    pub audience: Audience,
    pub capacity: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventList {
    pub items: Vec<EventCard>,
    pub page: u32,
    pub has_more: bool,
}

/// An event's page. The online link is withheld (registrants will receive it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventPage {
    pub card: EventCard,
    pub description: Text,
    pub registration_opens_at: i64,
    pub registration_closes_at: i64,
    /// For staff: the draft to edit.
    pub draft: Option<EventDraft>,
}

/// An event in the staff desk's list, with its registration figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskEvent {
    pub card: EventCard,
    pub registered: i64,
    pub waiting: i64,
    pub checked_in: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDesk {
    pub items: Vec<DeskEvent>,
    pub page: u32,
    pub has_more: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_000_000_000; // 2026-11-18

    fn draft() -> EventDraft {
        EventDraft {
            kind: "conference".into(),
            title_zh: "两江人才大会".into(),
            title_en: "Liangjiang Talents Conference".into(),
            description_zh: "年度大会".into(),
            description_en: "The yearly conference".into(),
            starts: "2026-12-05T09:30".into(),
            ends: "2026-12-05T17:00".into(),
            place: "悦来国际会议中心".into(),
            online_link: "https://live.example.cn/talents".into(),
            capacity: "500".into(),
            registration_opens: "2026-11-20T09:00".into(),
            registration_closes: "2026-12-04T18:00".into(),
            audience: "everyone".into(),
            ..Default::default()
        }
    }

    #[test]
    fn ics_text_is_escaped() {
        assert_eq!(
            ics_text("a\\b;c,d\ne\r\nf\rg"),
            "a\\\\b\\;c\\,d\\ne\\nf\\ng"
        );
        // A bare CR is a line break too, never a raw byte; other controls are left out.
        assert_eq!(ics_text("x\r\rEND:VEVENT"), "x\\n\\nEND:VEVENT");
        assert_eq!(ics_text("a\u{0}\u{7f}b\tc"), "ab\tc");
        assert_eq!(ics_text("人才大会"), "人才大会");
    }

    #[test]
    fn ics_lines_fold_at_75_octets_between_characters() {
        assert_eq!(ics_line("SUMMARY", "short"), "SUMMARY:short\r\n");
        let long = "x".repeat(200);
        let folded = ics_line("DESCRIPTION", &long);
        // Three-byte characters, placed so that the 75th octet falls inside one.
        let chinese = ics_line("SUMMARY", &format!("ab{}", "两江英才汇".repeat(20)));
        for line in [&folded, &chinese] {
            assert!(line.ends_with("\r\n"));
            let body = line.strip_suffix("\r\n").unwrap();
            let parts: Vec<&str> = body.split("\r\n").collect();
            assert!(parts.len() > 1);
            for (i, part) in parts.iter().enumerate() {
                assert!(part.len() <= 75, "{part:?}");
                assert!(!part.contains('\r') && !part.contains('\n'));
                assert_eq!(i > 0, part.starts_with(' '), "{part:?}");
            }
        }
        // Unfolding gives the line back.
        let unfold = |line: &str| line.replace("\r\n ", "").trim_end().to_string();
        assert_eq!(unfold(&folded), format!("DESCRIPTION:{long}"));
        assert_eq!(
            unfold(&chinese),
            format!("SUMMARY:ab{}", "两江英才汇".repeat(20))
        );
        assert_eq!(chinese.split("\r\n").next().unwrap().len(), 73);
    }

    #[test]
    fn times_are_china_time() {
        let ms = parse_local("2026-12-05T09:30").unwrap();
        assert_eq!(ics_time(ms), "20261205T013000Z");
        assert_eq!(local_value(ms), "2026-12-05T09:30");
        assert_eq!(iso_time(ms), "2026-12-05T09:30:00+08:00");
        assert_eq!(parse_local("2026-12-05 09:30"), Some(ms));
        assert_eq!(parse_local("2026-12-05T24:00"), None);
        assert_eq!(parse_local("tomorrow"), None);
    }

    #[test]
    fn a_draft_is_checked_field_by_field() {
        let ok = draft().validate(NOW).unwrap();
        assert_eq!(ok.capacity, 500);
        let field = |d: EventDraft| d.validate(NOW).unwrap_err();
        assert_eq!(
            field(EventDraft {
                kind: "party".into(),
                ..draft()
            })
            .field,
            "draft[kind]"
        );
        assert_eq!(
            field(EventDraft {
                title_en: " ".into(),
                ..draft()
            })
            .field,
            "draft[title_en]"
        );
        assert_eq!(
            field(EventDraft {
                ends: "2026-12-05T09:00".into(),
                ..draft()
            })
            .message,
            "err_date_order"
        );
        assert_eq!(
            field(EventDraft {
                starts: "2026-01-05T09:30".into(),
                ..draft()
            })
            .message,
            "err_event_past"
        );
        assert_eq!(
            field(EventDraft {
                online_link: "http://x".into(),
                ..draft()
            })
            .message,
            "err_event_link"
        );
        assert_eq!(
            field(EventDraft {
                place: "".into(),
                online_link: "".into(),
                ..draft()
            })
            .message,
            "err_event_where"
        );
        assert_eq!(
            field(EventDraft {
                capacity: "0".into(),
                ..draft()
            })
            .message,
            "err_number_range"
        );
        assert_eq!(
            field(EventDraft {
                registration_closes: "2026-12-06T09:00".into(),
                ..draft()
            })
            .message,
            "err_event_registration_late"
        );
        assert_eq!(
            field(EventDraft {
                audience: "".into(),
                ..draft()
            })
            .field,
            "draft[audience]"
        );
        assert_eq!(
            field(EventDraft {
                sessions_required: "101".into(),
                ..draft()
            })
            .message,
            "err_number_range"
        );
        assert_eq!(
            EventDraft {
                sessions_required: " 3 ".into(),
                ..draft()
            }
            .validate(NOW)
            .unwrap()
            .sessions_required,
            3
        );
        // An online-only event needs no place.
        assert!(
            EventDraft {
                place: "".into(),
                ..draft()
            }
            .validate(NOW)
            .is_ok()
        );
    }
}
