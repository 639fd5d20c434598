//! Event queries (ssr only).
use super::model::*;
use crate::accounts::access::Caller;
use crate::common::text::Text;
use crate::db::{Db, now_ms};
use crate::error::AppError;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    kind: String,
    title_zh: String,
    title_en: String,
    description_zh: String,
    description_en: String,
    starts_at: i64,
    ends_at: i64,
    place: String,
    online_link: String,
    capacity: i64,
    registration_opens_at: i64,
    registration_closes_at: i64,
    audience: String,
    sessions_required: i64,
    version: i64,
}

const SELECT: &str = "SELECT id, kind, title_zh, title_en, description_zh, description_en, starts_at, ends_at, \
    place, online_link, capacity, registration_opens_at, registration_closes_at, audience, sessions_required, version \
    FROM events";

fn card(row: &Row) -> Result<EventCard, AppError> {
    Ok(EventCard {
        id: row.id,
        kind: EventKind::stored(&row.kind)?,
        title: Text {
            zh: row.title_zh.clone(),
            en: row.title_en.clone(),
        },
        starts_at: row.starts_at,
        ends_at: row.ends_at,
        place: row.place.clone(),
        online: !row.online_link.is_empty(),
        audience: Audience::stored(&row.audience)?,
        capacity: row.capacity,
    })
}

/// Upcoming events (not yet ended) soonest first, or past ones latest first.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn list(db: &Db, query: &EventQuery) -> Result<EventList, AppError> {
    let past = query.when == "past";
    let kind = EventKind::parse(&query.kind);
    let sql = format!(
        "{SELECT} WHERE ends_at {} $1{} ORDER BY starts_at {}, id LIMIT {} OFFSET {}",
        if past { "<" } else { ">=" },
        if kind.is_some() { " AND kind = $2" } else { "" },
        if past { "DESC" } else { "ASC" },
        crate::db::page_window(query.page.min(500), EVENT_PAGE_SIZE).0,
        crate::db::page_window(query.page.min(500), EVENT_PAGE_SIZE).1
    );
    let mut q = sqlx::query_as::<_, Row>(&sql).bind(now_ms());
    if let Some(kind) = kind {
        q = q.bind(kind.as_str());
    }
    let rows = q.fetch_all(db.reader()).await?;
    let has_more = rows.len() > EVENT_PAGE_SIZE as usize;
    Ok(EventList {
        items: rows
            .iter()
            .take(EVENT_PAGE_SIZE as usize)
            .map(card)
            .collect::<Result<_, _>>()?,
        page: query.page,
        has_more,
    })
}

/// How many of an event's registrations are in one state, and how many of those checked in.
#[derive(sqlx::FromRow)]
struct StateCountRow {
    event_id: i64,
    state: String,
    n: i64,
    checked_in: i64,
}

/// The staff desk: the same list with each event's registered, waiting and checked-in
/// counts (one grouped query for the page's events).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn desk(db: &Db, query: &EventQuery) -> Result<EventDesk, AppError> {
    let list = list(db, query).await?;
    let mut items: Vec<DeskEvent> = list
        .items
        .into_iter()
        .map(|card| DeskEvent {
            card,
            registered: 0,
            waiting: 0,
            checked_in: 0,
        })
        .collect();
    if !items.is_empty() {
        let ids = items
            .iter()
            .map(|e| e.card.id.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let counts: Vec<StateCountRow> = sqlx::query_as(&format!(
            "SELECT event_id, state, COUNT(*) AS n, COUNT(checked_in_at) AS checked_in FROM event_registrations \
             WHERE event_id IN ({ids}) GROUP BY event_id, state"
        ))
        .fetch_all(db.reader())
        .await?;
        for StateCountRow {
            event_id,
            state,
            n,
            checked_in,
        } in counts
        {
            if let Some(e) = items.iter_mut().find(|e| e.card.id == event_id) {
                match state.as_str() {
                    "registered" => {
                        e.registered = n;
                        e.checked_in = checked_in;
                    }
                    "waiting" => e.waiting = n,
                    _ => {}
                }
            }
        }
    }
    Ok(EventDesk {
        items,
        page: list.page,
        has_more: list.has_more,
    })
}

/// One event's page; staff also get the draft to edit.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn page(db: &Db, id: i64, caller: Option<&Caller>) -> Result<EventPage, AppError> {
    let row: Row = sqlx::query_as(&format!("{SELECT} WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.reader())
        .await?
        .ok_or(AppError::NotFound)?;
    let staff = caller.is_some_and(|c| c.role.is_office());
    Ok(EventPage {
        card: card(&row)?,
        description: Text {
            zh: row.description_zh.clone(),
            en: row.description_en.clone(),
        },
        registration_opens_at: row.registration_opens_at,
        registration_closes_at: row.registration_closes_at,
        draft: staff.then(|| EventDraft {
            id: row.id,
            version: row.version,
            kind: row.kind.clone(),
            title_zh: row.title_zh.clone(),
            title_en: row.title_en.clone(),
            description_zh: row.description_zh.clone(),
            description_en: row.description_en.clone(),
            starts: local_value(row.starts_at),
            ends: local_value(row.ends_at),
            place: row.place.clone(),
            online_link: row.online_link.clone(),
            capacity: row.capacity.to_string(),
            registration_opens: local_value(row.registration_opens_at),
            registration_closes: local_value(row.registration_closes_at),
            audience: row.audience.clone(),
            sessions_required: row.sessions_required.to_string(),
        }),
    })
}

/// The columns the event editor writes, in the order [`bind_edited`] binds them
/// (`$1`–`$14`); publishing and changing an event share both.
const EDITED: [&str; 14] = [
    "kind",
    "title_zh",
    "title_en",
    "description_zh",
    "description_en",
    "starts_at",
    "ends_at",
    "place",
    "online_link",
    "capacity",
    "registration_opens_at",
    "registration_closes_at",
    "audience",
    "sessions_required",
];

fn bind_edited<'q, O>(
    query: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>,
    e: &'q ValidEvent,
) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>> {
    query
        .bind(e.kind.as_str())
        .bind(&e.title.zh)
        .bind(&e.title.en)
        .bind(&e.description.zh)
        .bind(&e.description.en)
        .bind(e.starts_at)
        .bind(e.ends_at)
        .bind(&e.place)
        .bind(&e.online_link)
        .bind(e.capacity)
        .bind(e.registration_opens_at)
        .bind(e.registration_closes_at)
        .bind(e.audience.as_str())
        .bind(e.sessions_required)
}

/// Staff publish a new event or change one (`draft.id`), with a version check. Returns
/// the event's id.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn save(db: &Db, caller: &Caller, draft: &EventDraft) -> Result<i64, AppError> {
    let now = now_ms();
    let e = draft.validate(now)?;
    let mut tx = db.begin_write().await?;
    let placeholders = |from: usize| (from..from + EDITED.len()).map(|n| format!("${n}"));
    let id = if draft.id == 0 {
        let sql = format!(
            "INSERT INTO events ({}, created_by, created_at, updated_at) VALUES ({}, $15, $16, $16) RETURNING id",
            EDITED.join(", "),
            placeholders(1).collect::<Vec<_>>().join(", ")
        );
        let (id,): (i64,) = bind_edited(sqlx::query_as(&sql), &e)
            .bind(caller.account_id)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
        id
    } else {
        let sql = format!(
            "UPDATE events SET {}, version = version + 1, updated_at = $15 WHERE id = $16 AND version = $17 \
             RETURNING seats_taken",
            EDITED
                .iter()
                .zip(placeholders(1))
                .map(|(column, n)| format!("{column} = {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let changed: Option<(i64,)> = bind_edited(sqlx::query_as(&sql), &e)
            .bind(now)
            .bind(draft.id)
            .bind(draft.version)
            .fetch_optional(&mut *tx)
            .await?;
        let Some((seats_taken,)) = changed else {
            return Err(AppError::Conflict);
        };
        // Fewer places than people holding one would turn someone away silently.
        if e.capacity < seats_taken {
            return Err(AppError::invalid(
                "draft[capacity]",
                "err_event_capacity_below",
            ));
        }
        // More places: the waiting list moves up.
        crate::registrations::store::fill_seats(&mut tx, draft.id).await?;
        draft.id
    };
    tx.commit().await?;
    Ok(id)
}

/// The event as an iCalendar file (RFC 5545), for any calendar application.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn ics(db: &Db, id: i64) -> Result<String, AppError> {
    let page = page(db, id, None).await?;
    let c = &page.card;
    let place = if c.place.is_empty() {
        "Online / 线上"
    } else {
        c.place.as_str()
    };
    Ok(ics_calendar(&[
        ("UID", format!("event-{id}@liangjiang-yingcai-hub")),
        ("DTSTAMP", ics_time(now_ms())),
        ("DTSTART", ics_time(c.starts_at)),
        ("DTEND", ics_time(c.ends_at)),
        (
            "SUMMARY",
            ics_text(&format!("{} / {}", c.title.zh, c.title.en)),
        ),
        ("LOCATION", ics_text(place)),
        (
            "DESCRIPTION",
            ics_text(&format!(
                "{}\n\n{}",
                page.description.zh, page.description.en
            )),
        ),
    ]))
}
