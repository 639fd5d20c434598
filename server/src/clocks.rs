//! The clocks the rules set, run by the hub itself: every minute each server looks for
//! applications whose acceptance limit has passed and deems them accepted
//! (`app::cases::store::deem_overdue_acceptances`), and for decided cases still unrated
//! after three days, whose applicants it reminds once (`remind_unrated`); it also issues
//! the decision notices of cases decided before notices existed (`issue_missing_notices`)
//! and tells talents of services they newly qualify for (`app::proactive::store::run`).
//! Every hour it deletes what has outlived its retention period
//! (`app::retention::store::purge`).
//! The work is claimed case by case in the database, so servers sharing one PostgreSQL
//! never act on a case twice.
use app::db::{Db, now_ms};
use app::retention::model::Retention;
use std::time::Duration;

const EVERY: Duration = Duration::from_secs(60);

/// The purge of data past its retention period runs once in this many rounds (hourly).
const PURGE_EVERY_ROUNDS: u64 = 60;

/// Runs the clocks for the life of the server.
pub fn spawn(db: Db, retention: Retention) {
    tokio::spawn(async move {
        for round in 0u64.. {
            if round % PURGE_EVERY_ROUNDS == 0 {
                match app::retention::store::purge(&db, &retention, now_ms()).await {
                    Ok(purged) if purged.total() == 0 => {}
                    Ok(purged) => tracing::info!(purged = %purged.summary(), "expired data purged"),
                    Err(error) => tracing::error!(?error, "the purge of expired data failed"),
                }
            }
            match app::cases::store::deem_overdue_acceptances(&db, now_ms()).await {
                Ok(0) => {}
                Ok(deemed) => tracing::info!(deemed, "applications deemed accepted"),
                Err(error) => tracing::error!(?error, "the acceptance clock failed"),
            }
            match app::cases::store::issue_missing_notices(&db).await {
                Ok(0) => {}
                Ok(issued) => {
                    tracing::info!(issued, "decision notices issued for earlier decisions")
                }
                Err(error) => tracing::error!(?error, "issuing missing decision notices failed"),
            }
            match app::proactive::store::run(&db).await {
                Ok(0) => {}
                Ok(told) => tracing::info!(told, "talents told of services they now qualify for"),
                Err(error) => tracing::error!(?error, "telling newly qualified talents failed"),
            }
            match app::cases::store::remind_unrated(&db, now_ms()).await {
                Ok(0) => {}
                Ok(sent) => tracing::info!(sent, "rating reminders sent"),
                Err(error) => tracing::error!(?error, "the rating reminder failed"),
            }
            tokio::time::sleep(EVERY).await;
        }
    });
}
