//! The office's figures as a member of staff loads them.
use super::TestApp;
use super::cases::ok;
use app::dashboard::api::LoadDashboard;
use app::dashboard::model::{Dashboard, PeriodQuery};

/// The dashboard for `from` to `to` (empty: the default period).
pub async fn dashboard(app: &TestApp, cookie: &str, from: &str, to: &str) -> Dashboard {
    let response = app
        .call(
            LoadDashboard {
                period: PeriodQuery {
                    from: from.to_string(),
                    to: to.to_string(),
                },
            },
            Some(cookie),
        )
        .await;
    ok(&response);
    serde_json::from_str(&response.body).unwrap()
}
