//! Account, session and pending registration queries, and the limits on signing in and
//! registering (ssr only).
use super::model::{AccountStatus, Login, MAX_PASSWORD_LEN, Role, check_new_password};
use crate::db::{Db, Sql, now_ms};
use crate::error::AppError;
use crate::throttle::{Backoff, Quota};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::RngCore;
use rand::rngs::OsRng;
use sha2::{Digest, Sha256};
use sqlx::{Any, Transaction};

// ---------------------------------------------------------------------------------------
// Passwords

/// argon2id with the OWASP Password Storage Cheat Sheet's first option:
/// 19 MiB of memory, 2 iterations, 1 lane.
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Refuses passwords that are too short, too long or among the most common ones.
pub fn check_password_policy(password: &str) -> Result<(), AppError> {
    check_new_password(password)?;
    if passwords::analyzer::is_common_password(password)
        || passwords::analyzer::is_common_password(password.to_lowercase())
    {
        return Err(AppError::invalid("password", "err_password_common"));
    }
    Ok(())
}

/// Hashes a password on a blocking thread, so a slow hash never stalls the async runtime.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn hash_password(password: String) -> Result<String, AppError> {
    check_new_password(&password)?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
        hasher()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
    })
    .await
    .map_err(|_| AppError::Internal)?
    .map_err(|_| AppError::Internal)
}

/// A hash of a random password, verified against when the account does not exist so
/// that unknown accounts take as long to refuse as wrong passwords.
static DUMMY_HASH: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    hasher()
        .hash_password(b"not a password of anyone", &salt)
        .map(|hash| hash.to_string())
        .unwrap_or_default()
});

/// Checks `password` against `hash` (or against a dummy hash when there is no account),
/// on a blocking thread.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn verify_password(password: String, hash: Option<String>) -> Result<bool, AppError> {
    if password.chars().count() > MAX_PASSWORD_LEN {
        return Ok(false);
    }
    tokio::task::spawn_blocking(move || {
        let real = hash.is_some();
        let stored = hash.unwrap_or_else(|| DUMMY_HASH.clone());
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return false;
        };
        hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
            && real
    })
    .await
    .map_err(|_| AppError::Internal)
}

// ---------------------------------------------------------------------------------------
// Accounts

pub struct NewAccount<'a> {
    pub role: Role,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub org_name: Option<&'a str>,
    pub credit_code: Option<&'a str>,
    pub contact_person: Option<&'a str>,
    pub is_demo: bool,
}

/// What the sign-in and session code needs to know about an account.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AccountRow {
    pub id: i64,
    pub role: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub display_name: String,
    pub password_hash: String,
    pub status: String,
    pub org_name: Option<String>,
    pub credit_code: Option<String>,
    pub contact_person: Option<String>,
    pub created_at: i64,
    pub version: i64,
}

impl AccountRow {
    pub fn role(&self) -> Result<Role, AppError> {
        Role::stored(&self.role)
    }

    pub fn is_active(&self) -> bool {
        AccountStatus::parse(&self.status) == Some(AccountStatus::Active)
    }
}

const ACCOUNT_COLUMNS: &str = "id, role, email, phone, display_name, password_hash, status, \
     org_name, credit_code, contact_person, created_at, version";

/// Whether the unique columns are taken, as the error a registration form shows.
fn unique_violation(error: &sqlx::Error) -> Option<AppError> {
    let message = error.as_database_error()?.message().to_lowercase();
    if !(message.contains("unique") || message.contains("duplicate")) {
        return None;
    }
    Some(if message.contains("email") {
        AppError::invalid("email", "err_email_taken")
    } else if message.contains("phone") {
        AppError::invalid("phone", "err_phone_taken")
    } else if message.contains("credit_code") {
        AppError::invalid("credit_code", "err_credit_code_taken")
    } else {
        AppError::invalid("login", "err_account_exists")
    })
}

/// Creates an account; returns its id. A taken e-mail, phone or credit code is a field error.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn insert(
    tx: &mut Transaction<'static, Any>,
    account: NewAccount<'_>,
) -> Result<i64, AppError> {
    let now = now_ms();
    let result: Result<(i64,), sqlx::Error> = sqlx::query_as(
        "INSERT INTO accounts (role, email, phone, display_name, password_hash, org_name, \
         credit_code, contact_person, is_demo, created_at, updated_at, password_changed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $10) RETURNING id",
    )
    .bind(account.role.as_str())
    .bind(account.email)
    .bind(account.phone)
    .bind(account.display_name)
    .bind(account.password_hash)
    .bind(account.org_name)
    .bind(account.credit_code)
    .bind(account.contact_person)
    .bind(account.is_demo as i64)
    .bind(now)
    .fetch_one(&mut **tx)
    .await;
    match result {
        Ok((id,)) => Ok(id),
        Err(error) => Err(unique_violation(&error).unwrap_or_else(|| error.into())),
    }
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn find_by_login(db: &Db, login: &Login) -> Result<Option<AccountRow>, AppError> {
    let column = match login {
        Login::Email(_) => "email",
        Login::Phone(_) => "phone",
    };
    let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE {column} = $1");
    Ok(sqlx::query_as(&sql)
        .bind(login.as_str())
        .fetch_optional(db.reader())
        .await?)
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn find_by_id(db: &Db, id: i64) -> Result<Option<AccountRow>, AppError> {
    let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE id = $1");
    Ok(sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(db.reader())
        .await?)
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn exists_by_email(db: &Db, email: &str) -> Result<bool, AppError> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM accounts WHERE email = $1")
        .bind(email)
        .fetch_optional(db.reader())
        .await?;
    Ok(row.is_some())
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn count(db: &Db) -> Result<i64, AppError> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM accounts")
        .fetch_one(db.reader())
        .await?;
    Ok(n)
}

/// Runs `UPDATE accounts SET <what set writes>, version = version + 1 WHERE id AND version`;
/// a stale `version` is a conflict, a missing account "not found".
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn update_checked<'a>(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    version: i64,
    set: impl FnOnce(&mut Sql<'a>) + Send,
) -> Result<(), AppError> {
    let mut sql = Sql::new("UPDATE accounts SET ");
    set(&mut sql);
    sql.push(", updated_at = ")
        .push_bind(now_ms())
        .push(", version = version + 1 WHERE id = ")
        .push_bind(id)
        .push(" AND version = ")
        .push_bind(version);
    let done = sql.query()?.execute(&mut **tx).await?;
    if done.rows_affected() == 1 {
        return Ok(());
    }
    let exists: Option<(i64,)> = sqlx::query_as("SELECT id FROM accounts WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    Err(if exists.is_some() {
        AppError::Conflict
    } else {
        AppError::NotFound
    })
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn set_password_hash(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    version: i64,
    hash: &str,
) -> Result<(), AppError> {
    update_checked(tx, id, version, |set| {
        set.push("password_hash = ")
            .push_bind(hash)
            .push(", password_changed_at = ")
            .push_bind(now_ms());
    })
    .await
}

// ---------------------------------------------------------------------------------------
// Sessions

/// A new random session identifier (256 bits) as it goes into the cookie.
pub fn new_session_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The database key of a session: SHA-256 of the cookie value.
pub fn session_key(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A session joined with its account.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionRow {
    pub id_hash: String,
    pub account_id: i64,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub user_agent: String,
    pub ip: String,
    pub role: String,
    pub display_name: String,
    pub status: String,
}

/// Starts a session for `account` and returns the cookie value. The caller commits.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn create_session(
    tx: &mut Transaction<'static, Any>,
    account_id: i64,
    role: Role,
    user_agent: &str,
    ip: &str,
) -> Result<String, AppError> {
    let token = new_session_token();
    let now = now_ms();
    let user_agent: String = user_agent.chars().take(200).collect();
    sqlx::query(
        "INSERT INTO sessions (id_hash, account_id, created_at, last_seen_at, expires_at, user_agent, ip) \
         VALUES ($1, $2, $3, $3, $4, $5, $6)",
    )
    .bind(session_key(&token))
    .bind(account_id)
    .bind(now)
    .bind(now + role.absolute_timeout_secs() * 1000)
    .bind(user_agent)
    .bind(ip)
    .execute(&mut **tx)
    .await?;
    Ok(token)
}

const SESSION_COLUMNS: &str = "s.id_hash, s.account_id, s.created_at, s.last_seen_at, \
     s.expires_at, s.user_agent, s.ip, a.role, a.display_name, a.status";

/// Looks up a session by its cookie value and checks it is still valid: account active,
/// not idle too long, not past its absolute end. An expired session is deleted. An active
/// one has its last-seen time refreshed (at most once a minute, to spare the writer).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn resume_session(db: &Db, token: &str) -> Result<Option<SessionRow>, AppError> {
    let key = session_key(token);
    let sql = format!(
        "SELECT {SESSION_COLUMNS} FROM sessions s JOIN accounts a ON a.id = s.account_id \
         WHERE s.id_hash = $1"
    );
    let Some(session): Option<SessionRow> = sqlx::query_as(&sql)
        .bind(&key)
        .fetch_optional(db.reader())
        .await?
    else {
        return Ok(None);
    };
    let now = now_ms();
    let role = Role::stored(&session.role)?;
    let idle_limit = role.idle_timeout_secs() * 1000;
    let valid = session.status == AccountStatus::Active.as_str()
        && now < session.expires_at
        && now - session.last_seen_at < idle_limit;
    if !valid {
        delete_session(db, &key).await?;
        return Ok(None);
    }
    if now - session.last_seen_at > 60_000 {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
            .bind(now)
            .bind(&key)
            .execute(db.writer())
            .await?;
    }
    Ok(Some(session))
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn delete_session(db: &Db, key: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
        .bind(key)
        .execute(db.writer())
        .await?;
    Ok(())
}

/// Ends one session, by its key, inside `tx`.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn end_session(tx: &mut Transaction<'static, Any>, key: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
        .bind(key)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Ends the session of `account_id` that `handle` (a prefix of its key) names; scoped to
/// the account, so another account's handle matches nothing. How many it ended.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn end_session_by_handle(
    tx: &mut Transaction<'static, Any>,
    account_id: i64,
    handle: &str,
) -> Result<u64, AppError> {
    let done = sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND id_hash LIKE $2")
        .bind(account_id)
        .bind(format!("{handle}%"))
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected())
}

/// Ends every session of an account except `keep` (the caller's own, if any).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn delete_sessions_of(
    tx: &mut Transaction<'static, Any>,
    account_id: i64,
    keep: Option<&str>,
) -> Result<u64, AppError> {
    let done = sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND id_hash <> $2")
        .bind(account_id)
        .bind(keep.unwrap_or(""))
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected())
}

/// The account's sessions that are still valid, newest first.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn sessions_of(
    db: &Db,
    account_id: i64,
    role: Role,
) -> Result<Vec<SessionRow>, AppError> {
    let sql = format!(
        "SELECT {SESSION_COLUMNS} FROM sessions s JOIN accounts a ON a.id = s.account_id \
         WHERE s.account_id = $1 AND s.expires_at > $2 AND s.last_seen_at > $3 \
         ORDER BY s.last_seen_at DESC"
    );
    let now = now_ms();
    Ok(sqlx::query_as(&sql)
        .bind(account_id)
        .bind(now)
        .bind(now - role.idle_timeout_secs() * 1000)
        .fetch_all(db.reader())
        .await?)
}

// ---------------------------------------------------------------------------------------
// Limits on signing in, password checks and registrations (see `crate::throttle`)

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

/// Sign-ins from one network address, whatever the accounts: 30 failures per 15 minutes
/// (several people may share an address, so it is generous). Successes are given back.
pub const SIGN_IN_PER_ADDRESS: Quota = Quota {
    purpose: "sign_in_address",
    max: 30,
    window_ms: 15 * MINUTE,
    message: "err_too_many_sign_in",
};

/// Failed sign-ins to one account from one address: five at once, then 30 seconds, 1, 2,
/// 4, 8 and at most 15 minutes between tries, forgotten a day after the last try. Only
/// that address waits, so the owner signing in from another one is not held up.
pub const SIGN_IN_PER_ACCOUNT_AND_ADDRESS: Backoff = Backoff {
    purpose: "sign_in_account_address",
    free: 5,
    waits_ms: &[
        30_000,
        MINUTE,
        2 * MINUTE,
        4 * MINUTE,
        8 * MINUTE,
        15 * MINUTE,
    ],
    forget_ms: DAY,
    message: "err_too_many_sign_in",
};

/// Failed sign-ins to one account from all the addresses it has not signed in from lately,
/// together: a guessing attack spread over many addresses. Its ceiling is far above what a
/// person mistypes (100 in a day) and its pauses grow slowly to at most five minutes. It
/// never applies at an address where the account signed in during the last 90 days
/// ([`KNOWN_ADDRESS`]), so whoever triggers it slows down only sign-ins from new places and
/// can never lock the owner out where they usually sign in; a per-account lock for all
/// addresses would hand that lock to anyone who knows the login.
pub const SIGN_IN_PER_ACCOUNT: Backoff = Backoff {
    purpose: "sign_in_account",
    free: 100,
    waits_ms: &[MINUTE, 2 * MINUTE, 5 * MINUTE],
    forget_ms: DAY,
    message: "err_too_many_sign_in",
};

/// Remembers for 90 days that an account signed in from an address (`login|address`).
pub const KNOWN_ADDRESS: &str = "sign_in_known";
pub const KNOWN_ADDRESS_MS: i64 = 90 * DAY;

/// Wrong current passwords when changing the password, per account: paced like sign-ins.
pub const PASSWORD_CHECK: Backoff = Backoff {
    purpose: "password_check",
    message: "err_too_many_password_checks",
    ..SIGN_IN_PER_ACCOUNT_AND_ADDRESS
};

/// Registrations from one network address: 20 an hour (schools and offices share one).
pub const REGISTRATIONS_PER_ADDRESS: Quota = Quota {
    purpose: "registration_address",
    max: 20,
    window_ms: HOUR,
    message: "err_too_many_registrations",
};

/// Confirmation links opened from one network address: 30 an hour. The token cannot be
/// guessed, but a secret is never checked without a limit.
pub const CONFIRMATIONS_PER_ADDRESS: Quota = Quota {
    purpose: "registration_confirm_address",
    max: 30,
    window_ms: HOUR,
    message: "err_too_many_confirmations",
};

/// How long the link that confirms a registration works.
pub const CONFIRMATION_MS: i64 = DAY;

/// The key of one account at one address for the sign-in limits.
pub fn account_at_address(login: &Login, ip: &str) -> String {
    format!("{}|{ip}", login.as_str())
}

// ---------------------------------------------------------------------------------------
// Registrations waiting for their confirmation link

/// A registration as stored until its link is opened.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PendingRow {
    pub role: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub display_name: String,
    pub password_hash: String,
    pub org_name: Option<String>,
    pub credit_code: Option<String>,
    pub contact_person: Option<String>,
}

impl PendingRow {
    pub fn account(&self) -> Result<NewAccount<'_>, AppError> {
        Ok(NewAccount {
            role: Role::stored(&self.role)?,
            email: self.email.as_deref(),
            phone: self.phone.as_deref(),
            display_name: &self.display_name,
            password_hash: &self.password_hash,
            org_name: self.org_name.as_deref(),
            credit_code: self.credit_code.as_deref(),
            contact_person: self.contact_person.as_deref(),
            is_demo: false,
        })
    }
}

/// Keeps `account` until its link is opened (at most [`CONFIRMATION_MS`]); returns the
/// token the link carries. Only the token's SHA-256 is stored.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn insert_pending(
    tx: &mut Transaction<'static, Any>,
    account: &NewAccount<'_>,
    ip: &str,
) -> Result<String, AppError> {
    let now = now_ms();
    sqlx::query("DELETE FROM pending_registrations WHERE expires_at <= $1")
        .bind(now)
        .execute(&mut **tx)
        .await?;
    let token = new_session_token();
    sqlx::query(
        "INSERT INTO pending_registrations (token_hash, role, email, phone, display_name, \
         password_hash, org_name, credit_code, contact_person, client_ip, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(session_key(&token))
    .bind(account.role.as_str())
    .bind(account.email)
    .bind(account.phone)
    .bind(account.display_name)
    .bind(account.password_hash)
    .bind(account.org_name)
    .bind(account.credit_code)
    .bind(account.contact_person)
    .bind(ip)
    .bind(now)
    .bind(now + CONFIRMATION_MS)
    .execute(&mut **tx)
    .await?;
    Ok(token)
}

/// Takes the registration whose link carries `token`: once, and only before it expires.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn take_pending(
    tx: &mut Transaction<'static, Any>,
    token: &str,
) -> Result<Option<PendingRow>, AppError> {
    Ok(sqlx::query_as(
        "DELETE FROM pending_registrations WHERE token_hash = $1 AND expires_at > $2 \
         RETURNING role, email, phone, display_name, password_hash, org_name, credit_code, \
         contact_person",
    )
    .bind(session_key(token.trim()))
    .bind(now_ms())
    .fetch_optional(&mut **tx)
    .await?)
}

/// The account signing in with `login`, if any (inside a write transaction).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn id_by_login(
    tx: &mut Transaction<'static, Any>,
    login: &Login,
) -> Result<Option<i64>, AppError> {
    let column = match login {
        Login::Email(_) => "email",
        Login::Phone(_) => "phone",
    };
    let row: Option<(i64,)> =
        sqlx::query_as(&format!("SELECT id FROM accounts WHERE {column} = $1"))
            .bind(login.as_str())
            .fetch_optional(&mut **tx)
            .await?;
    Ok(row.map(|(id,)| id))
}

/// Whether an enterprise with this credit code has an account (the codes are public).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn credit_code_taken(db: &Db, code: &str) -> Result<bool, AppError> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM accounts WHERE credit_code = $1")
        .bind(code)
        .fetch_optional(db.reader())
        .await?;
    Ok(row.is_some())
}

/// One account in the administrator's list.
#[derive(sqlx::FromRow)]
pub struct SummaryRow {
    pub id: i64,
    pub role: String,
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub org_name: Option<String>,
    pub status: String,
    pub created_at: i64,
    pub version: i64,
}

/// Accounts whose name, organisation, e-mail or phone contains `query`, optionally of one
/// role, newest first: page `page` of `page_size`, plus one row more when there is a next
/// page.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn search(
    db: &Db,
    query: &str,
    role: Option<Role>,
    page: u32,
    page_size: u32,
) -> Result<Vec<SummaryRow>, AppError> {
    let pattern = format!("%{}%", query.trim().to_lowercase().replace(['%', '_'], ""));
    let mut sql = Sql::new(
        "SELECT id, role, display_name, email, phone, org_name, status, created_at, version \
         FROM accounts \
         WHERE (LOWER(display_name) LIKE $1 OR LOWER(COALESCE(email, '')) LIKE $1 \
                OR COALESCE(phone, '') LIKE $1 OR LOWER(COALESCE(org_name, '')) LIKE $1)",
    );
    sql.bind(pattern);
    if let Some(role) = role {
        sql.push(" AND role = ").push_bind(role.as_str());
    }
    let (limit, offset) = crate::db::page_window(page, page_size);
    sql.push(" ORDER BY id DESC LIMIT ")
        .push_bind(limit)
        .push(" OFFSET ")
        .push_bind(offset);
    Ok(sql.query_as()?.fetch_all(db.reader()).await?)
}

/// The active accounts of `role` (the office's staff, its supervisors), for telling them.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn active_of_role(
    conn: &mut sqlx::AnyConnection,
    role: Role,
) -> Result<Vec<i64>, AppError> {
    let rows: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM accounts WHERE role = $1 AND status = 'active'")
            .bind(role.as_str())
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}
