//! Personal data over time: the scheduled purge deletes what has outlived its purpose
//! (ended sessions, spent throttle counts and registrations, old tracking requests, sent
//! messages and audit entries past their periods), keeps everything else, and says in
//! the audit log how much it deleted.
use crate::common;

use app::retention::model::{Purged, Retention};
use app::retention::store::purge;
use common::TestApp;

const DAY: i64 = 24 * 60 * 60 * 1000;

async fn exec(app: &TestApp, sql: &str, binds: &[i64]) {
    let mut query = sqlx::query(sql);
    for bind in binds {
        query = query.bind(*bind);
    }
    query.execute(app.db.writer()).await.unwrap();
}

async fn remaining(app: &TestApp, sql: &str) -> Vec<String> {
    let rows: Vec<(String,)> = sqlx::query_as(sql)
        .fetch_all(app.db.reader())
        .await
        .unwrap();
    rows.into_iter().map(|(v,)| v).collect()
}

async fn the_purge_deletes_what_has_served_its_purpose_and_says_so(app: TestApp) {
    app::demo::seed(&app.db).await.expect("demo data");
    let (account,): (i64,) = sqlx::query_as("SELECT id FROM accounts ORDER BY id LIMIT 1")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    let now = app::db::now_ms();
    let old = now - 400 * DAY;

    // Sessions: past its absolute end, idle for three days, and one in use.
    for (id, last_seen, expires) in [
        ("ended", now - DAY, now - 1),
        ("idle", now - 3 * DAY, now + DAY),
        ("live", now, now + DAY),
    ] {
        sqlx::query(
            "INSERT INTO sessions (id_hash, account_id, created_at, last_seen_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(account)
        .bind(last_seen)
        .bind(last_seen)
        .bind(expires)
        .execute(app.db.writer())
        .await
        .unwrap();
    }
    for (subject, expires) in [("spent", now - 1), ("counting", now + DAY)] {
        sqlx::query(
            "INSERT INTO throttles (purpose, subject, hits, window_start, expires_at) \
             VALUES ('test', $1, 1, $2, $3)",
        )
        .bind(subject)
        .bind(now - DAY)
        .bind(expires)
        .execute(app.db.writer())
        .await
        .unwrap();
    }
    for (token, expires) in [("lapsed", now - 1), ("waiting", now + DAY)] {
        sqlx::query(
            "INSERT INTO pending_registrations (token_hash, role, email, display_name, \
             password_hash, client_ip, created_at, expires_at) \
             VALUES ($1, 'talent', $1 || '@example.cn', 'Someone', 'x', '192.0.2.1', $2, $3)",
        )
        .bind(token)
        .bind(now - DAY)
        .bind(expires)
        .execute(app.db.writer())
        .await
        .unwrap();
    }
    for (ticket, created) in [("month-old", now - 31 * DAY), ("recent", now - DAY)] {
        sqlx::query(
            "INSERT INTO tracking_requests (ticket_hash, subject_kind, code_hash, expires_at, \
             client_ip, created_at) VALUES ($1, 'case', 'h', $2, '192.0.2.1', $2)",
        )
        .bind(ticket)
        .bind(created)
        .execute(app.db.writer())
        .await
        .unwrap();
    }
    for (subject, created, sent) in [
        ("sent long ago", now - 100 * DAY, Some(now - 91 * DAY)),
        ("never sent, long ago", now - 95 * DAY, None),
        ("sent yesterday", now - DAY, Some(now - DAY)),
        ("waiting", now, None),
    ] {
        sqlx::query(
            "INSERT INTO outbox (to_address, subject, body, created_at, next_attempt_at, sent_at) \
             VALUES ('a@example.cn', $1, 'body', $2, $2, $3)",
        )
        .bind(subject)
        .bind(created)
        .bind(sent)
        .execute(app.db.writer())
        .await
        .unwrap();
    }
    exec(
        &app,
        "INSERT INTO audit_events (at, action, outcome, detail) VALUES ($1, 'sign_in', 'success', 'old')",
        &[old],
    )
    .await;
    exec(
        &app,
        "INSERT INTO audit_events (at, action, outcome, detail) VALUES ($1, 'sign_in', 'success', 'recent')",
        &[now - 30 * DAY],
    )
    .await;

    let purged = purge(&app.db, &Retention::default(), now).await.unwrap();
    assert_eq!(
        purged,
        Purged {
            sessions: 2,
            throttles: 1,
            registrations: 1,
            tracking: 1,
            messages: 2,
            audit: 1,
        }
    );
    assert_eq!(
        remaining(&app, "SELECT id_hash FROM sessions ORDER BY id_hash").await,
        ["live"]
    );
    assert_eq!(
        remaining(&app, "SELECT subject FROM throttles WHERE purpose = 'test'").await,
        ["counting"]
    );
    assert_eq!(
        remaining(&app, "SELECT token_hash FROM pending_registrations").await,
        ["waiting"]
    );
    assert_eq!(
        remaining(&app, "SELECT ticket_hash FROM tracking_requests").await,
        ["recent"]
    );
    let messages = remaining(&app, "SELECT subject FROM outbox ORDER BY subject").await;
    assert!(messages.contains(&"sent yesterday".to_string()));
    assert!(messages.contains(&"waiting".to_string()));
    assert!(!messages.iter().any(|m| m.ends_with("long ago")));
    let audit = remaining(
        &app,
        "SELECT detail FROM audit_events WHERE detail IN ('old', 'recent')",
    )
    .await;
    assert_eq!(audit, ["recent"]);

    // The purge is in the audit log, as counts only; a second finds nothing and says nothing.
    let said = remaining(
        &app,
        "SELECT detail FROM audit_events WHERE action = 'data_purged'",
    )
    .await;
    assert_eq!(said, [purged.summary()]);
    let again = purge(&app.db, &Retention::default(), now).await.unwrap();
    assert_eq!(again.total(), 0);
    let said = remaining(
        &app,
        "SELECT detail FROM audit_events WHERE action = 'data_purged'",
    )
    .await;
    assert_eq!(said.len(), 1);

    // Shorter periods from the configuration apply.
    let strict = Retention {
        tracking_days: 1,
        messages_days: 1,
        audit_days: 180,
    };
    let purged = purge(&app.db, &strict, now + 1).await.unwrap();
    assert!(purged.tracking >= 1 && purged.messages >= 1, "{purged:?}");
}

on_both_databases!(the_purge_deletes_what_has_served_its_purpose_and_says_so);
