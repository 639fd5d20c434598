//! Delivering the e-mail outbox. Changes write their e-mails into the `outbox` table in
//! their own transaction; this task sends them afterwards, so a slow or broken mail server
//! never holds a change up. Failed deliveries are retried with growing pauses. With several
//! servers, each row is claimed before it is sent, so it goes out once.
use app::db::{Db, now_ms};
use app::error::AppError;
use app::notifications::model::header_value;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub type Transport = AsyncSmtpTransport<Tokio1Executor>;

/// Gives up on an address after this many failed attempts (about a day of retries).
pub const MAX_ATTEMPTS: i64 = 10;
const BATCH: i64 = 20;
/// How long a claimed row is left alone by other servers while one sends it.
const LEASE_MS: i64 = 120_000;

pub fn transport(url: &str) -> Result<Transport, lettre::transport::smtp::Error> {
    Ok(AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?
        .timeout(Some(Duration::from_secs(20)))
        .build())
}

/// Where e-mails go: an SMTP server, a directory of files (`HUB_MAIL_DIR`), or (neither)
/// the log.
#[derive(Clone)]
pub struct Mailer {
    pub transport: Option<Transport>,
    pub dir: Option<PathBuf>,
    pub from: Mailbox,
}

/// The pause before attempt `attempts + 1`: 1, 2, 4, … minutes, at most 4 hours.
pub fn backoff_ms(attempts: i64) -> i64 {
    60_000 * (1_i64 << attempts.clamp(0, 8)).min(240)
}

/// A queued message that is due.
#[derive(sqlx::FromRow)]
struct DueRow {
    id: i64,
    to_address: String,
    subject: String,
    body: String,
    attempts: i64,
    next_attempt_at: i64,
}

/// Sends what is due; returns how many were handled (sent or logged).
pub async fn deliver_due(db: &Db, mailer: &Mailer) -> Result<usize, AppError> {
    let now = now_ms();
    let rows: Vec<DueRow> = sqlx::query_as(
        "SELECT id, to_address, subject, body, attempts, next_attempt_at FROM outbox \
         WHERE sent_at IS NULL AND attempts < $1 AND next_attempt_at <= $2 ORDER BY id LIMIT $3",
    )
    .bind(MAX_ATTEMPTS)
    .bind(now)
    .bind(BATCH)
    .fetch_all(db.reader())
    .await?;
    let mut handled = 0;
    for DueRow {
        id,
        to_address: to,
        subject,
        body,
        attempts,
        next_attempt_at: due,
    } in rows
    {
        let claimed = sqlx::query(
            "UPDATE outbox SET next_attempt_at = $1 WHERE id = $2 AND next_attempt_at = $3 AND sent_at IS NULL",
        )
        .bind(now + LEASE_MS)
        .bind(id)
        .bind(due)
        .execute(db.writer())
        .await?
        .rows_affected();
        if claimed == 0 {
            continue; // another server has it
        }
        match send(mailer, id, &to, &subject, &body).await {
            Ok(()) => {
                sqlx::query("UPDATE outbox SET sent_at = $1, attempts = attempts + 1, last_error = '' WHERE id = $2")
                    .bind(now_ms())
                    .bind(id)
                    .execute(db.writer())
                    .await?;
                handled += 1;
            }
            Err(reason) => {
                app::metrics::OUTBOX_FAILED_ATTEMPTS.inc();
                tracing::warn!(outbox = id, attempts = attempts + 1, %reason, "e-mail not delivered; will retry");
                sqlx::query(
                    "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1, last_error = $2 WHERE id = $3",
                )
                .bind(now_ms() + backoff_ms(attempts))
                .bind(reason.chars().take(500).collect::<String>())
                .bind(id)
                .execute(db.writer())
                .await?;
            }
        }
    }
    Ok(handled)
}

/// Messages not sent yet: (still to be tried, given up on after [`MAX_ATTEMPTS`]).
pub async fn backlog(db: &Db) -> Result<(i64, i64), AppError> {
    let counts: (i64, i64) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(CASE WHEN attempts < $1 THEN 1 ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN attempts >= $1 THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM outbox WHERE sent_at IS NULL",
    )
    .bind(MAX_ATTEMPTS)
    .fetch_one(db.reader())
    .await?;
    Ok(counts)
}

async fn send(mailer: &Mailer, id: i64, to: &str, subject: &str, body: &str) -> Result<(), String> {
    // Headers are one line each, also for rows queued before the outbox made them so.
    let (to, subject) = (&header_value(to), &header_value(subject));
    if let Some(dir) = &mailer.dir {
        return write_to(dir, id, to, subject, body).await;
    }
    if to.starts_with("sms:") {
        // No SMS gateway is connected: text messages are recorded in the log (without
        // the number) and count as handled.
        tracing::info!(%subject, "text message logged, not sent (no SMS gateway)");
        return Ok(());
    }
    let Some(transport) = &mailer.transport else {
        // No mail server configured: the e-mail is recorded in the log (without the
        // address, which is personal data) and counts as handled.
        tracing::info!(%subject, "e-mail logged, not sent (HUB_SMTP_URL unset)");
        return Ok(());
    };
    let to: Mailbox = to.parse().map_err(|e| format!("bad address: {e}"))?;
    let message = Message::builder()
        .from(mailer.from.clone())
        .to(to)
        .subject(subject)
        .body(body.to_string())
        .map_err(|e| e.to_string())?;
    transport
        .send(message)
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Writes a message as `<outbox id>.txt` in `dir`: readable as it is, so someone trying
/// the hub out can read the codes and answers it sends.
async fn write_to(dir: &Path, id: i64, to: &str, subject: &str, body: &str) -> Result<(), String> {
    tokio::fs::create_dir_all(dir)
        .await
        .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let text = format!("To: {to}\nSubject: {subject}\n\n{body}");
    let path = dir.join(format!("{id:010}.txt"));
    tokio::fs::write(&path, text)
        .await
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Runs delivery every few seconds for the life of the server.
pub fn spawn(db: Db, mailer: Mailer) {
    tokio::spawn(async move {
        loop {
            if let Err(error) = deliver_due(&db, &mailer).await {
                tracing::error!(?error, "outbox delivery failed");
            }
            tokio::time::sleep(Duration::from_secs(5)).await;
        }
    });
}
