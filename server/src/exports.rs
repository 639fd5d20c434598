//! Downloads of public figures as CSV. Files start with a UTF-8 byte-order mark so that
//! Excel, which many offices open them with, reads Chinese text correctly.
use crate::AppState;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

const BOM: &[u8] = b"\xEF\xBB\xBF";

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
        Ok(body) => {
            let mut response = body.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            let disposition = format!("attachment; filename=\"talent-demand-{}.csv\"", stats.as_of);
            if let Ok(value) = HeaderValue::from_str(&disposition) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            response
        }
        Err(error) => {
            tracing::error!(%error, "cannot write demand CSV");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// One table: a section column says what each row counts.
fn demand_rows(stats: &app::jobs::model::DemandStats) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::Writer::from_writer(BOM.to_vec());
    out.write_record([
        "section",
        "code",
        "name_zh",
        "name_en",
        "posts",
        "headcount",
    ])?;
    for i in &stats.by_industry {
        out.write_record([
            "open_by_industry",
            &i.code,
            &i.name.zh,
            &i.name.en,
            &i.posts.to_string(),
            &i.headcount.to_string(),
        ])?;
    }
    for m in &stats.by_month {
        out.write_record([
            "published_by_month",
            &m.month,
            "",
            "",
            "",
            &m.headcount.to_string(),
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
        out.write_record([
            "total",
            code,
            zh,
            en,
            &posts.map(|p| p.to_string()).unwrap_or_default(),
            &headcount.to_string(),
        ])?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}
