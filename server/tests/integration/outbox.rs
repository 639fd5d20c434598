//! The e-mail outbox, on SQLite and PostgreSQL: e-mails wait in the database, are handled
//! once, and a mail server that fails is retried later without losing the e-mail.
use crate::common;

use app::events::api::SaveEvent;
use app::incubation::api::{CreateTeam, InviteMember};
use app::registrations::api::RegisterForEvent;
use common::TestApp;
use server::outbox::{Mailer, deliver_due};

on_both_databases!(
    e_mails_are_logged_without_a_mail_server,
    a_failing_mail_server_is_retried_later,
    messages_are_written_to_the_mail_directory,
    a_name_with_line_breaks_adds_no_header,
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

/// A name with a line break in it, put into an e-mail's subject, must not end the header
/// and start another (`Bcc: …`), neither in the outbox nor in the mail file: a team's
/// name in an invitation (checked when saved, so put in directly, as a team made before
/// that check could have it; the lead's display name likewise), an event's title in the
/// registrant's e-mail, and rows queued before the outbox kept headers to one line.
async fn a_name_with_line_breaks_adds_no_header(app: TestApp) {
    let p = common::cases::people(&app).await;
    let team = app
        .call(
            CreateTeam {
                name: "Team".into(),
            },
            Some(&p.talent),
        )
        .await;
    common::cases::ok(&team);
    sqlx::query("UPDATE incubation_teams SET name = $1 WHERE id = $2")
        .bind("Team\r\nBcc: x@evil.example\rX-Evil: 1\nSubject: hi")
        .bind(team.body.trim().parse::<i64>().unwrap())
        .execute(app.db.writer())
        .await
        .unwrap();
    sqlx::query("UPDATE accounts SET display_name = $1 WHERE email = 'talent@demo.hub'")
        .bind("Lead\r\n\r\nBcc: y@evil.example")
        .execute(app.db.writer())
        .await
        .unwrap();
    let invited = app
        .call(
            InviteMember {
                team: team.body.trim().parse().unwrap(),
                login: "newcomer@people.test".into(),
            },
            Some(&p.talent),
        )
        .await;
    common::cases::ok(&invited);
    let (to, subject): (String, String) =
        sqlx::query_as("SELECT to_address, subject FROM outbox WHERE to_address LIKE '%newcomer%'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(to, "newcomer@people.test");
    assert!(!subject.contains(['\r', '\n']), "{subject:?}");
    // Invitations carry neither name any more (see `incubation::store::invite`).
    assert!(!subject.contains("evil.example"), "{subject:?}");
    // An event's title reaches the subject of the registrant's e-mail as one line.
    let day = |n: i64| app::common::date::today_in_china(app::db::now_ms()).add_days(n);
    let event = app::events::model::EventDraft {
        kind: "forum".into(),
        title_zh: "论坛\rBcc: x@evil.example".into(),
        title_en: "Forum\r\nBcc: x@evil.example".into(),
        description_zh: "说明".into(),
        description_en: "About".into(),
        starts: format!("{}T09:00", day(10)),
        ends: format!("{}T17:00", day(10)),
        place: "悦来会议中心".into(),
        capacity: "20".into(),
        registration_opens: format!("{}T09:00", day(-1)),
        registration_closes: format!("{}T18:00", day(9)),
        audience: "everyone".into(),
        ..Default::default()
    };
    let saved = app.call(SaveEvent { draft: event }, Some(&p.staff)).await;
    common::cases::ok(&saved);
    common::cases::ok(
        &app.call(
            RegisterForEvent {
                event: saved.body.trim().parse().unwrap(),
            },
            Some(&p.talent),
        )
        .await,
    );
    let (subject,): (String,) = sqlx::query_as(
        "SELECT subject FROM outbox WHERE to_address = 'talent@demo.hub' AND subject LIKE '%Forum%'",
    )
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert!(!subject.contains(['\r', '\n']), "{subject:?}");
    assert!(subject.contains("Forum Bcc: x@evil.example"), "{subject:?}");
    // A row queued with line breaks (before this rule, say) is written without them too.
    queue_mail(&app, "old@example.cn\r\nBcc: y@evil.example").await;
    sqlx::query("UPDATE outbox SET subject = $1 WHERE to_address LIKE 'old@%'")
        .bind("S\r\nBcc: z@evil.example")
        .execute(app.db.writer())
        .await
        .unwrap();
    let dir = app.site_root().join("mail");
    let files = Mailer {
        dir: Some(dir.clone()),
        ..mailer(None)
    };
    for _ in 0..20 {
        if deliver_due(&app.db, &files).await.unwrap() == 0 {
            break;
        }
    }
    let mut written = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let (head, _body) = text.split_once("\n\n").unwrap();
        let names: Vec<&str> = head
            .split(['\r', '\n'])
            .map(|line| line.split(':').next().unwrap())
            .collect();
        assert_eq!(names, ["To", "Subject"], "{head:?}");
        written += 1;
    }
    assert!(written >= 3);
}
