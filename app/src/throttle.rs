//! How often something may be done, counted in the database so that every server process
//! sharing it enforces the same limits (ssr only).
//!
//! One table, `throttles`, holds a row per (purpose, subject): what is limited and for whom
//! (a network address, an account, an account at an address). Each use is claimed by one
//! statement, `INSERT … ON CONFLICT … DO UPDATE … WHERE … RETURNING`, that counts it only
//! while the limit allows; concurrent requests (on one server or several) cannot both slip
//! under a limit, because the database decides on the row it has locked. A refusal is
//! `AppError::TooMany` (HTTP 429) with the time until the next try is allowed.
//!
//! Claims take a connection, so a caller may make them part of its own transaction: a
//! refusal then rolls back what the same request claimed before.
use crate::error::AppError;
use sqlx::AnyConnection;

/// At most `max` uses per window of `window_ms`, the window starting at the first use.
#[derive(Clone, Copy, Debug)]
pub struct Quota {
    pub purpose: &'static str,
    pub max: i64,
    pub window_ms: i64,
    /// The refusal's translation key (its text takes `%1`, the wait).
    pub message: &'static str,
}

/// Attempts with growing waits (ASVS 2.2.1, NIST SP 800-63B 5.2.2): `free` attempts
/// without waiting, then each further attempt only after the next pause of `waits_ms` (the
/// last one repeats). Every attempt counts as a failure when it is claimed, so attempts
/// racing each other are all counted; a success clears or gives back its claim. The count
/// starts afresh `forget_ms` after the last attempt.
#[derive(Clone, Copy, Debug)]
pub struct Backoff {
    pub purpose: &'static str,
    pub free: i64,
    pub waits_ms: &'static [i64],
    pub forget_ms: i64,
    /// The refusal's translation key (its text takes `%1`, the wait).
    pub message: &'static str,
}

/// Rows past their end are deleted now and then by a claim (about one in 256), so the
/// table holds only what is still counted.
async fn sweep_now_and_then(conn: &mut AnyConnection, now: i64) -> Result<(), AppError> {
    if rand::random::<u8>() == 0 {
        sqlx::query("DELETE FROM throttles WHERE expires_at <= $1")
            .bind(now)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The refusal, saying how long until `until` (at least a second).
fn too_many(message: &str, until: i64, now: i64) -> AppError {
    AppError::TooMany {
        message: message.into(),
        retry_after_secs: ((until - now + 999) / 1000).max(1),
    }
}

impl Quota {
    /// Counts one use of `subject`; refused once `max` uses fell into the current window.
    pub async fn take(&self, conn: &mut AnyConnection, subject: &str) -> Result<(), AppError> {
        let now = crate::db::now_ms();
        sweep_now_and_then(conn, now).await?;
        let taken: Option<(i64,)> = sqlx::query_as(
            "INSERT INTO throttles (purpose, subject, hits, window_start, blocked_until, expires_at) \
             VALUES ($1, $2, 1, $3, 0, $4) \
             ON CONFLICT (purpose, subject) DO UPDATE SET \
               hits = CASE WHEN throttles.expires_at <= $3 THEN 1 ELSE throttles.hits + 1 END, \
               window_start = CASE WHEN throttles.expires_at <= $3 THEN $3 ELSE throttles.window_start END, \
               expires_at = CASE WHEN throttles.expires_at <= $3 THEN $4 ELSE throttles.expires_at END \
             WHERE throttles.expires_at <= $3 OR throttles.hits < $5 \
             RETURNING hits",
        )
        .bind(self.purpose)
        .bind(subject)
        .bind(now)
        .bind(now + self.window_ms)
        .bind(self.max)
        .fetch_optional(&mut *conn)
        .await?;
        if taken.is_some() {
            return Ok(());
        }
        let (ends,): (i64,) =
            sqlx::query_as("SELECT expires_at FROM throttles WHERE purpose = $1 AND subject = $2")
                .bind(self.purpose)
                .bind(subject)
                .fetch_one(&mut *conn)
                .await?;
        Err(too_many(self.message, ends, now))
    }

    /// Gives one use back (a sign-in that succeeded is no failure).
    pub async fn give_back(&self, conn: &mut AnyConnection, subject: &str) -> Result<(), AppError> {
        sqlx::query(
            "UPDATE throttles SET hits = hits - 1 \
             WHERE purpose = $1 AND subject = $2 AND hits > 0 AND expires_at > $3",
        )
        .bind(self.purpose)
        .bind(subject)
        .bind(crate::db::now_ms())
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
}

impl Backoff {
    /// The pause after the `n`th attempt.
    pub fn wait_after(&self, n: i64) -> i64 {
        if n < self.free || self.waits_ms.is_empty() {
            return 0;
        }
        let step = usize::try_from(n - self.free).unwrap_or(usize::MAX);
        self.waits_ms[step.min(self.waits_ms.len() - 1)]
    }

    /// `wait_after(expression)` in SQL: the pauses are this program's constants.
    fn wait_sql(&self, n: &str) -> String {
        let mut sql = format!("CASE WHEN {n} < {} THEN 0", self.free);
        for (step, wait) in self.waits_ms.iter().enumerate() {
            sql.push_str(&format!(
                " WHEN {n} = {} THEN {wait}",
                self.free + step as i64
            ));
        }
        sql.push_str(&format!(" ELSE {} END", self.wait_after(i64::MAX)));
        sql
    }

    /// Claims an attempt for `subject`, counted as failed until `clear` or `give_back`
    /// says otherwise; refused while the pause after the previous attempts lasts.
    pub async fn attempt(&self, conn: &mut AnyConnection, subject: &str) -> Result<(), AppError> {
        let now = crate::db::now_ms();
        sweep_now_and_then(conn, now).await?;
        let sql = format!(
            "INSERT INTO throttles (purpose, subject, hits, window_start, blocked_until, expires_at) \
             VALUES ($1, $2, 1, $3, $3 + {first}, $4) \
             ON CONFLICT (purpose, subject) DO UPDATE SET \
               hits = CASE WHEN throttles.expires_at <= $3 THEN 1 ELSE throttles.hits + 1 END, \
               window_start = CASE WHEN throttles.expires_at <= $3 THEN $3 ELSE throttles.window_start END, \
               blocked_until = $3 + CASE WHEN throttles.expires_at <= $3 THEN {first} ELSE {next} END, \
               expires_at = $4 \
             WHERE throttles.expires_at <= $3 OR throttles.blocked_until <= $3 \
             RETURNING hits",
            first = self.wait_after(1),
            next = self.wait_sql("throttles.hits + 1"),
        );
        let claimed: Option<(i64,)> = sqlx::query_as(&sql)
            .bind(self.purpose)
            .bind(subject)
            .bind(now)
            .bind(now + self.forget_ms)
            .fetch_optional(&mut *conn)
            .await?;
        if claimed.is_some() {
            return Ok(());
        }
        let (until,): (i64,) = sqlx::query_as(
            "SELECT blocked_until FROM throttles WHERE purpose = $1 AND subject = $2",
        )
        .bind(self.purpose)
        .bind(subject)
        .fetch_one(&mut *conn)
        .await?;
        Err(too_many(self.message, until, now))
    }

    /// Forgets the attempts of `subject` (the right password ends its pauses).
    pub async fn clear(&self, conn: &mut AnyConnection, subject: &str) -> Result<(), AppError> {
        sqlx::query("DELETE FROM throttles WHERE purpose = $1 AND subject = $2")
            .bind(self.purpose)
            .bind(subject)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    /// Uncounts one claimed attempt that succeeded, leaving the others (and the pause they
    /// earned) as they are.
    pub async fn give_back(&self, conn: &mut AnyConnection, subject: &str) -> Result<(), AppError> {
        sqlx::query(
            "UPDATE throttles SET hits = hits - 1 WHERE purpose = $1 AND subject = $2 AND hits > 0",
        )
        .bind(self.purpose)
        .bind(subject)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
}

/// Keeps a fact about `subject` for `for_ms` (such as "this account signed in from this
/// address"), renewed when remembered again.
pub async fn remember(
    conn: &mut AnyConnection,
    purpose: &str,
    subject: &str,
    for_ms: i64,
) -> Result<(), AppError> {
    let now = crate::db::now_ms();
    sqlx::query(
        "INSERT INTO throttles (purpose, subject, hits, window_start, blocked_until, expires_at) \
         VALUES ($1, $2, 1, $3, 0, $4) \
         ON CONFLICT (purpose, subject) DO UPDATE SET expires_at = excluded.expires_at",
    )
    .bind(purpose)
    .bind(subject)
    .bind(now)
    .bind(now + for_ms)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Whether a fact `remember`ed about `subject` is still kept.
pub async fn remembered(
    db: &crate::db::Db,
    purpose: &str,
    subject: &str,
) -> Result<bool, AppError> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT hits FROM throttles WHERE purpose = $1 AND subject = $2 AND expires_at > $3",
    )
    .bind(purpose)
    .bind(subject)
    .bind(crate::db::now_ms())
    .fetch_optional(db.reader())
    .await?;
    Ok(row.is_some())
}

/// The same form sent twice by one sender (a double click, a reload that posts it again):
/// one identical submission per ten minutes. Counted by a digest of what was sent.
pub const SAME_SUBMISSION: Quota = Quota {
    purpose: "same_submission",
    max: 1,
    window_ms: 10 * 60_000,
    message: "err_sent_already",
};

/// Refuses `fields` sent by `sender` (an account id or a network address) when exactly the
/// same was sent moments ago. Claimed in the caller's transaction, so a submission that is
/// not stored does not count.
pub async fn refuse_repeat(
    conn: &mut AnyConnection,
    sender: &str,
    kind: &str,
    fields: &[&str],
) -> Result<(), AppError> {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    hash.update(kind.as_bytes());
    for field in fields {
        // A separator no form field contains, so ("ab", "c") and ("a", "bc") differ.
        hash.update([0x1f]);
        hash.update(field.as_bytes());
    }
    let digest = hex::encode(hash.finalize());
    SAME_SUBMISSION
        .take(conn, &format!("{sender}:{}", &digest[..32]))
        .await
}

/// Checks of a document number (decision notices, certificates) from one network address:
/// the numbers cannot be guessed, and this keeps anyone from trying at scale.
pub const VERIFICATIONS_PER_ADDRESS: Quota = Quota {
    purpose: "verify_address",
    max: 60,
    window_ms: 10 * 60 * 1000,
    message: "err_verify_throttled",
};

/// Counts one verification from `address`, in a transaction of its own.
pub async fn count_verification(db: &crate::db::Db, address: &str) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    VERIFICATIONS_PER_ADDRESS.take(&mut tx, address).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LADDER: Backoff = Backoff {
        purpose: "test",
        free: 3,
        waits_ms: &[1_000, 2_000, 4_000],
        forget_ms: 60_000,
        message: "",
    };

    #[test]
    fn pauses_start_after_the_free_attempts_and_stop_growing_at_the_last() {
        let waits: Vec<i64> = (1..=7).map(|n| LADDER.wait_after(n)).collect();
        assert_eq!(waits, [0, 0, 1_000, 2_000, 4_000, 4_000, 4_000]);
        assert_eq!(LADDER.wait_after(i64::MAX), 4_000);
    }

    #[test]
    fn the_sql_ladder_is_the_same_ladder() {
        assert_eq!(
            LADDER.wait_sql("n"),
            "CASE WHEN n < 3 THEN 0 WHEN n = 3 THEN 1000 WHEN n = 4 THEN 2000 \
             WHEN n = 5 THEN 4000 ELSE 4000 END"
        );
    }

    #[test]
    fn refusals_round_the_wait_up_to_whole_seconds() {
        let refused = too_many("m", 10_001, 0);
        assert_eq!(
            refused,
            AppError::TooMany {
                message: "m".into(),
                retry_after_secs: 11
            }
        );
        assert!(matches!(
            too_many("m", 5, 10),
            AppError::TooMany {
                retry_after_secs: 1,
                ..
            }
        ));
    }
}
