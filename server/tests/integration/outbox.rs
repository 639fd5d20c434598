//! The e-mail outbox, on SQLite and PostgreSQL: e-mails wait in the database, are handled
//! once, and a mail server that fails is retried later without losing the e-mail.
use crate::common;

use common::TestApp;
use server::outbox::{Mailer, deliver_due};

on_both_databases!(
    e_mails_are_logged_without_a_mail_server,
    a_failing_mail_server_is_retried_later,
    messages_are_written_to_the_mail_directory,
);

async fn queue_mail(app: &TestApp, to: &str) {
    sqlx::query(
        "INSERT INTO outbox (to_address, subject, body, created_at, next_attempt_at) VALUES ($1, 'S', 'B', $2, $2)",
    )
    .bind(to)
    .bind(app::db::now_ms() - 1)
    .execute(app.db.writer())
    .await
    .unwrap();
}

fn mailer(transport: Option<server::outbox::Transport>) -> Mailer {
    Mailer {
        transport,
        dir: None,
        from: "Hub <noreply@localhost>".parse().unwrap(),
    }
}

async fn e_mails_are_logged_without_a_mail_server(app: TestApp) {
    queue_mail(&app, "a@example.cn").await;
    queue_mail(&app, "b@example.cn").await;
    assert_eq!(deliver_due(&app.db, &mailer(None)).await.unwrap(), 2);
    // Handled once: nothing is due any more.
    assert_eq!(deliver_due(&app.db, &mailer(None)).await.unwrap(), 0);
    let (sent,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!(sent, 2);
}

async fn a_failing_mail_server_is_retried_later(app: TestApp) {
    queue_mail(&app, "a@example.cn").await;
    // Nothing listens on port 9 of this machine: the connection is refused.
    let broken = server::outbox::transport("smtp://127.0.0.1:9").unwrap();
    assert_eq!(
        deliver_due(&app.db, &mailer(Some(broken.clone())))
            .await
            .unwrap(),
        0
    );
    let (attempts, next, sent, error): (i64, i64, Option<i64>, String) =
        sqlx::query_as("SELECT attempts, next_attempt_at, sent_at, last_error FROM outbox")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(attempts, 1);
    assert!(
        next > app::db::now_ms() + 30_000,
        "retried later, not at once"
    );
    assert!(sent.is_none());
    assert!(!error.is_empty());
    // Not due yet: the next run leaves it alone.
    assert_eq!(
        deliver_due(&app.db, &mailer(Some(broken))).await.unwrap(),
        0
    );
    let (attempts,): (i64,) = sqlx::query_as("SELECT attempts FROM outbox")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!(attempts, 1);
    assert_eq!(server::outbox::backoff_ms(0), 60_000);
    assert_eq!(server::outbox::backoff_ms(3), 480_000);
    assert_eq!(server::outbox::backoff_ms(50), 240 * 60_000);
}

async fn messages_are_written_to_the_mail_directory(app: TestApp) {
    queue_mail(&app, "a@example.cn").await;
    queue_mail(&app, "sms:13800138000").await;
    let dir = app.site_root().join("mail");
    let files = Mailer {
        dir: Some(dir.clone()),
        ..mailer(None)
    };
    assert_eq!(deliver_due(&app.db, &files).await.unwrap(), 2);
    let mut written: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap())
        .collect();
    written.sort();
    assert_eq!(
        written,
        vec![
            "To: a@example.cn\nSubject: S\n\nB",
            "To: sms:13800138000\nSubject: S\n\nB"
        ]
    );
}
