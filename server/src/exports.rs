//! Downloads as CSV: public figures, staff exports of cases, concerns and job posts, and
//! a person's own data (also as JSON).
//! Every file is written by `app::exports::sheet` (byte-order mark for Excel, text that
//! can never run as a formula).
use crate::AppState;
use crate::caller::SignedIn;
use app::audit::model::{AuditAction, Outcome};
use app::audit::store::{AuditEvent, record_alone, sent_from_another_site};
use app::error::AppError;
use app::exports::model::{ExportKind, ExportQuery};
use app::exports::sheet::{Cell, Sheet};
use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

/// `GET /jobs/stats.csv`: the demand statistics page's numbers.
pub async fn demand_csv(State(state): State<AppState>) -> Response {
    let stats = match app::jobs::store::stats(&state.db).await {
        Ok(stats) => stats,
        Err(error) => {
            tracing::error!(?error, "cannot compute demand statistics");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    match demand_rows(&stats) {
        Ok(body) => csv_response(body, &format!("talent-demand-{}.csv", stats.as_of)),
        Err(error) => {
            tracing::error!(%error, "cannot write demand CSV");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// One table: a section column says what each row counts.
fn demand_rows(stats: &app::jobs::model::DemandStats) -> Result<Vec<u8>, csv::Error> {
    let mut out = Sheet::new(&[
        "section",
        "code",
        "name_zh",
        "name_en",
        "posts",
        "headcount",
    ])?;
    for i in &stats.by_industry {
        out.row([
            "open_by_industry".into(),
            (&i.code).into(),
            (&i.name.zh).into(),
            (&i.name.en).into(),
            Cell::Int(i.posts),
            Cell::Int(i.headcount),
        ])?;
    }
    for m in &stats.by_month {
        out.row([
            "published_by_month".into(),
            (&m.month).into(),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Int(m.headcount),
        ])?;
    }
    let totals = [
        (
            "open",
            "在招",
            "Open",
            Some(stats.open_posts),
            stats.open_headcount,
        ),
        (
            "posted",
            "已发布需求",
            "Demand posted",
            None,
            stats.posted_headcount,
        ),
        (
            "hired",
            "经平台录用",
            "Hired through the hub",
            None,
            stats.hired,
        ),
        ("target", "目标", "Target", None, stats.target),
    ];
    for (code, zh, en, posts, headcount) in totals {
        out.row([
            "total".into(),
            code.into(),
            zh.into(),
            en.into(),
            posts.into(),
            Cell::Int(headcount),
        ])?;
    }
    out.into_bytes()
}

/// `GET /staff/exports/{kind}.csv?filter…`: staff only, and only from the hub's own pages
/// or typed in (never `Sec-Fetch-Site: cross-site`). The export is audited (who, when,
/// which filter, how many rows) before the first byte goes out, and streamed from the
/// database in chunks; `X-Export-Rows` tells the page how many rows to expect.
pub async fn staff_export(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(query): Query<ExportQuery>,
    caller: Option<SignedIn>,
    request: Request,
) -> Response {
    // An export writes its audit entry: never for a link followed from another site.
    if let Some(refusal) = cross_site_refusal(&request) {
        return refusal;
    }
    let Some(SignedIn(caller)) = caller else {
        let back = request.uri().to_string();
        return Redirect::to(&format!("/signin?next={}", app::format::url_encode(&back)))
            .into_response();
    };
    if !caller.role.is_office() {
        return StatusCode::FORBIDDEN.into_response();
    }
    let Some(kind) = file.strip_suffix(".csv").and_then(ExportKind::parse) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let filter = match query.check(kind, caller.account_id) {
        Ok(filter) => filter,
        Err(error) => {
            return (
                StatusCode::BAD_REQUEST,
                format!("筛选条件有误 / The filter is not valid: {}", error.field),
            )
                .into_response();
        }
    };
    if let (ExportKind::Applications, Some(call)) = (kind, filter.call) {
        match app::incubation::store::check_not_recused(&state.db, call, &caller).await {
            Ok(()) => {}
            Err(AppError::Invalid { .. }) => {
                return (
                    StatusCode::FORBIDDEN,
                    "您所在的团队申报了该批次，须回避。 / Your team applied to this call, so you take no part in its review.",
                )
                    .into_response();
            }
            Err(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
        }
    }
    let rows = match app::exports::store::count(&state.db, &filter).await {
        Ok(rows) => rows,
        Err(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
    };
    let detail = format!("{} rows={rows}", filter.describe());
    let ip = crate::caller::client_ip(request.extensions());
    if !audit_download(&state, &ip, &caller, None, &detail).await {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    let (sender, receiver) = tokio::sync::mpsc::channel(4);
    let db = state.db.clone();
    let name = filter.file_name();
    tokio::spawn(async move {
        if let Err(error) = app::exports::store::stream(db, filter, sender).await {
            tracing::error!(?error, "export stopped");
        }
    });
    let chunks = futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver
            .recv()
            .await
            .map(|chunk| (chunk.map_err(std::io::Error::other), receiver))
    });
    let mut response = Body::from_stream(chunks).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    if let Ok(value) = HeaderValue::from_str(&rows.to_string()) {
        headers.insert("x-export-rows", value);
    }
    response
}

/// `GET /account/data.json` and `/account/data.csv`: everything the hub holds about the
/// signed-in caller (`app::privacy`), as a file to keep. Audited like any export, and
/// like one never for a link followed from another site.
pub async fn my_data(
    State(state): State<AppState>,
    Path(file): Path<String>,
    caller: Option<SignedIn>,
    request: Request,
) -> Response {
    if let Some(refusal) = cross_site_refusal(&request) {
        return refusal;
    }
    let Some(SignedIn(caller)) = caller else {
        return Redirect::to("/signin?next=/account").into_response();
    };
    let json = match file.as_str() {
        "data.json" => true,
        "data.csv" => false,
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let data = match app::privacy::store::personal_data(&state.db, caller.account_id).await {
        Ok(data) => data,
        Err(error) => {
            tracing::error!(?error, "cannot read a person's data");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let detail = format!("own data ({})", if json { "json" } else { "csv" });
    let ip = crate::caller::client_ip(request.extensions());
    if !audit_download(&state, &ip, &caller, Some(caller.account_id), &detail).await {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    let day = app::common::date::today_in_china(data.generated_at_ms);
    let (body, content_type, extension) = if json {
        match serde_json::to_vec_pretty(&data) {
            Ok(body) => (body, "application/json", "json"),
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    } else {
        match my_data_csv(&data) {
            Ok(body) => (body, "text/csv; charset=utf-8", "csv"),
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    };
    let disposition = format!("attachment; filename=\"liangjiang-hub-my-data-{day}.{extension}\"");
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CACHE_CONTROL, "no-store".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

/// A download that writes an audit entry is refused for a link followed from another
/// site (see `sent_from_another_site`).
fn cross_site_refusal(request: &Request) -> Option<Response> {
    sent_from_another_site(request.headers()).then(|| {
        (
            StatusCode::FORBIDDEN,
            [(header::CACHE_CONTROL, "no-store")],
            "cross-site request refused",
        )
            .into_response()
    })
}

/// Records a download in the audit log; `false` when it could not be recorded, and then
/// nothing is sent: no download without its audit entry.
async fn audit_download(
    state: &AppState,
    ip: &str,
    caller: &app::accounts::access::Caller,
    subject: Option<i64>,
    detail: &str,
) -> bool {
    record_alone(
        &state.db,
        AuditEvent {
            actor_id: Some(caller.account_id),
            actor_label: "",
            action: AuditAction::DataExported,
            subject_id: subject,
            ip,
            outcome: Outcome::Success,
            detail,
        },
    )
    .await
    .is_ok()
}

fn my_data_csv(data: &app::privacy::model::PersonalData) -> Result<Vec<u8>, csv::Error> {
    let mut sheet = Sheet::new(app::privacy::model::CSV_HEADER)?;
    for (section, record, field, value) in data.csv_lines() {
        sheet.row([
            Cell::from(section),
            Cell::Int(record as i64),
            Cell::from(field),
            Cell::from(value),
        ])?;
    }
    sheet.into_bytes()
}

/// `GET /statistics.csv?year=…`: the open-data page's figures for a year.
pub async fn open_data_csv(
    State(state): State<AppState>,
    Query(query): Query<std::collections::HashMap<String, String>>,
) -> Response {
    let current = app::common::date::today_in_china(app::db::now_ms()).year;
    let asked = query.get("year").and_then(|y| y.parse().ok());
    let year = app::opendata::model::pick_year(asked, current);
    let data = match app::opendata::store::open_data(&state.db, year).await {
        Ok(data) => data,
        Err(error) => {
            tracing::error!(?error, "cannot compute open data");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    match open_data_rows(&data) {
        Ok(body) => csv_response(body, &format!("open-data-{year}.csv")),
        Err(error) => {
            tracing::error!(%error, "cannot write open-data CSV");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// One table: a row per service, then the year's totals and the demand figures, then the
/// ratings by department and by month.
fn open_data_rows(data: &app::opendata::model::OpenData) -> Result<Vec<u8>, csv::Error> {
    let days = |d: Option<f64>| d.map_or(Cell::Empty, |d| Cell::Decimal(d, 1));
    let mut out = Sheet::new(&[
        "year",
        "code",
        "name_zh",
        "name_en",
        "category",
        "delivered",
        "approved",
        "average_working_days",
        "paid_out_yuan",
    ])?;
    let year = i64::from(data.year);
    for s in &data.services {
        out.row([
            Cell::Int(year),
            (&s.code).into(),
            (&s.name.zh).into(),
            (&s.name.en).into(),
            (&s.category).into(),
            Cell::Int(s.delivered),
            Cell::Int(s.approved),
            days(s.average_days),
            Cell::Yuan(s.disbursed_fen),
        ])?;
    }
    out.row([
        Cell::Int(year),
        "total".into(),
        "合计".into(),
        "Total".into(),
        Cell::Empty,
        Cell::Int(data.delivered),
        Cell::Int(data.approved),
        days(data.average_days),
        Cell::Yuan(data.disbursed_fen),
    ])?;
    out.row(std::iter::repeat_n(Cell::Empty, 9))?;
    out.row(
        ["year", "measure", "name_zh", "name_en", "value"]
            .into_iter()
            .map(Cell::from)
            .chain(std::iter::repeat_n(Cell::Empty, 4)),
    )?;
    let measures = [
        (
            "on_time",
            "按时办结",
            "Decided by the promised date",
            data.on_time,
        ),
        ("ratings", "评价数", "Ratings", data.ratings),
        (
            "satisfied",
            "满意（非常满意、满意）",
            "Satisfied (very satisfied or satisfied)",
            data.satisfied,
        ),
        (
            "demand_posted",
            "已发布人才需求",
            "Talent demand posted",
            data.demand_posted,
        ),
        (
            "demand_hired",
            "经平台录用",
            "Hired through the hub",
            data.demand_hired,
        ),
        ("demand_target", "目标", "Target", data.demand_target),
    ];
    for (code, zh, en, value) in measures {
        out.row(
            [
                Cell::Int(year),
                code.into(),
                zh.into(),
                en.into(),
                Cell::Int(value),
            ]
            .into_iter()
            .chain(std::iter::repeat_n(Cell::Empty, 4)),
        )?;
    }
    rating_rows(&mut out, data)?;
    out.into_bytes()
}

/// 好差评 as published: a block with a row per handling department, then per month.
fn rating_rows(out: &mut Sheet, data: &app::opendata::model::OpenData) -> Result<(), csv::Error> {
    let share = |d: Option<f64>| d.map_or(Cell::Empty, |d| Cell::Decimal(d, 1));
    let year = i64::from(data.year);
    out.row(std::iter::repeat_n(Cell::Empty, 9))?;
    out.row(
        [
            "year",
            "scope",
            "name_zh",
            "name_en",
            "rated",
            "satisfied_percent",
            "bad_reviews",
            "bad_followed_up_in_time",
            "followed_up_percent",
        ]
        .map(Cell::from),
    )?;
    let rows = data
        .rating_departments
        .iter()
        .map(|d| {
            (
                "department",
                d.department.zh.clone(),
                d.department.en.clone(),
                d.figures,
            )
        })
        .chain(data.rating_months.iter().map(|m| {
            let month = format!("{}-{:02}", data.year, m.month);
            ("month", month.clone(), month, m.figures)
        }));
    for (scope, zh, en, f) in rows {
        out.row([
            Cell::Int(year),
            scope.into(),
            zh.into(),
            en.into(),
            Cell::Int(f.rated),
            share(f.satisfied_share()),
            Cell::Int(f.bad),
            Cell::Int(f.bad_followed_up_in_time),
            share(f.followed_up_share()),
        ])?;
    }
    Ok(())
}

fn csv_response(body: Vec<u8>, name: &str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// `GET /events/{id}/event.ics`: an event for the visitor's calendar.
pub async fn event_ics(State(state): State<AppState>, Path(id): Path<i64>) -> Response {
    match app::events::store::ics(&state.db, id).await {
        Ok(body) => {
            let mut response = body.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            );
            if let Ok(value) =
                HeaderValue::from_str(&format!("attachment; filename=\"event-{id}.ics\""))
            {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            response
        }
        Err(app::error::AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

/// `GET /events/{id}/ticket.svg`: the QR image of the caller's check-in code, for the
/// registrant holding a seat only; never cached by shared caches.
pub async fn event_ticket(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    caller: Option<SignedIn>,
) -> Response {
    let Some(SignedIn(caller)) = caller else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match app::registrations::store::ticket_svg(&state.db, &caller, id).await {
        Ok(svg) => {
            let mut response = svg.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("image/svg+xml"),
            );
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            );
            response
        }
        Err(app::error::AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}
