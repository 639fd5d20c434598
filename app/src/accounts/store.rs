//! Account queries (ssr only).
use super::model::{MIN_PASSWORD_LEN, Role};
use crate::db::{Db, now_ms};
use crate::error::AppError;
use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Params, Version};

/// argon2id with the OWASP Password Storage Cheat Sheet's first option:
/// 19 MiB of memory, 2 iterations, 1 lane.
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password on a blocking thread, so a slow hash never stalls the async runtime.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    if password.chars().count() < MIN_PASSWORD_LEN {
        return Err(AppError::Invalid {
            field: "password".into(),
            message: "password_too_short".into(),
        });
    }
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        hasher()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
    })
    .await
    .map_err(|_| AppError::Internal)?
    .map_err(|_| AppError::Internal)
}

pub struct NewAccount<'a> {
    pub role: Role,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub is_demo: bool,
}

/// Creates an account; returns its id.
pub async fn insert(db: &Db, account: NewAccount<'_>) -> Result<i64, AppError> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO accounts (role, email, phone, display_name, password_hash, is_demo, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(account.role.as_str())
    .bind(account.email)
    .bind(account.phone)
    .bind(account.display_name)
    .bind(account.password_hash)
    .bind(account.is_demo as i64)
    .bind(now_ms())
    .fetch_one(db.writer())
    .await?;
    Ok(id)
}

pub async fn exists_by_email(db: &Db, email: &str) -> Result<bool, AppError> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM accounts WHERE email = $1")
        .bind(email)
        .fetch_optional(db.reader())
        .await?;
    Ok(row.is_some())
}

pub async fn count(db: &Db) -> Result<i64, AppError> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM accounts")
        .fetch_one(db.reader())
        .await?;
    Ok(n)
}
