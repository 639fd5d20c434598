//! Talent profiles in the database, and their ID numbers at rest (ssr only). A profile's ID number is sensitive personal information,
//! so the database holds it encrypted with AES-256-GCM under a key from the configuration
//! (`HUB_ID_KEY`), each value with its own random 96-bit nonce and bound to its profile, so
//! a copy of the database or of a backup holds no number and a value moved to another
//! profile does not open. Stored form: `v1:<key id>:<hex of nonce, ciphertext and tag>`;
//! an empty value (no number given) stays empty. Every reader goes through [`open`].
use super::model::TalentProfile;
use crate::db::Db;
use crate::error::AppError;
use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::sync::OnceLock;

/// Marks an encrypted value; no ID or passport number contains a colon.
const PREFIX: &str = "v1:";
const NONCE_BYTES: usize = 12;
const TAG_BYTES: usize = 16;

struct IdKey {
    cipher: Aes256Gcm,
    /// Names the key without revealing it, so a server with another key refuses to start
    /// instead of failing on every profile.
    id: String,
}

static KEY: OnceLock<IdKey> = OnceLock::new();

/// Sets the key from the configured secret, once at start-up (before [`at_start`]).
/// Servers sharing a database must share it.
pub fn set_key(secret: &[u8]) {
    let _ = KEY.set(derive(secret));
}

fn derive(secret: &[u8]) -> IdKey {
    let mac = |key: &[u8], label: &[u8]| {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("any key length");
        mac.update(label);
        mac.finalize().into_bytes()
    };
    // The secret may be any text of 32+ characters; the cipher takes exactly 256 bits.
    let key = mac(secret, b"talent_profiles.id_number AES-256-GCM");
    IdKey {
        cipher: Aes256Gcm::new(&key),
        id: hex::encode(&mac(&key, b"key id")[..8]),
    }
}

fn key() -> Result<&'static IdKey, AppError> {
    // Tests and `cargo leptos watch` may run without configuration; a release server
    // never invents a key, which would make what it writes unreadable after a restart.
    #[cfg(debug_assertions)]
    {
        Ok(KEY.get_or_init(|| {
            use rand::RngCore;
            let mut secret = [0u8; 32];
            rand::rngs::OsRng.fill_bytes(&mut secret);
            derive(&secret)
        }))
    }
    #[cfg(not(debug_assertions))]
    KEY.get().ok_or_else(|| {
        tracing::error!("the ID-number key was never set");
        AppError::Internal
    })
}

/// The associated data: the profile a value belongs to.
fn bound_to(account_id: i64) -> String {
    format!("talent_profiles.id_number:{account_id}")
}

/// The stored form of `account_id`'s ID number `number`.
pub fn seal(account_id: i64, number: &str) -> Result<String, AppError> {
    if number.is_empty() {
        return Ok(String::new());
    }
    let key = key()?;
    let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
    let aad = bound_to(account_id);
    let sealed = key
        .cipher
        .encrypt(
            &nonce,
            Payload {
                msg: number.as_bytes(),
                aad: aad.as_bytes(),
            },
        )
        .map_err(|_| AppError::Internal)?;
    Ok(format!(
        "{PREFIX}{}:{}{}",
        key.id,
        hex::encode(nonce),
        hex::encode(sealed)
    ))
}

/// The ID number `stored` for `account_id`. A value that does not open (another key, a
/// changed or moved value, clear text) is an error, never shown.
pub fn open(account_id: i64, stored: &str) -> Result<String, AppError> {
    if stored.is_empty() {
        return Ok(String::new());
    }
    let failed = |why: &'static str| {
        // Never log the value: it may be the number itself.
        tracing::error!(account_id, why, "an ID number cannot be decrypted");
        AppError::Internal
    };
    let (key_id, data) = stored
        .strip_prefix(PREFIX)
        .and_then(|rest| rest.split_once(':'))
        .ok_or_else(|| failed("not encrypted"))?;
    let key = key()?;
    if key_id != key.id {
        return Err(failed("encrypted with another key (HUB_ID_KEY)"));
    }
    let bytes = hex::decode(data).map_err(|_| failed("malformed"))?;
    if bytes.len() <= NONCE_BYTES + TAG_BYTES {
        return Err(failed("malformed"));
    }
    let (nonce, sealed) = bytes.split_at(NONCE_BYTES);
    let aad = bound_to(account_id);
    let clear = key
        .cipher
        .decrypt(
            Nonce::from_slice(nonce),
            Payload {
                msg: sealed,
                aad: aad.as_bytes(),
            },
        )
        .map_err(|_| failed("authentication failed"))?;
    String::from_utf8(clear).map_err(|_| failed("not text"))
}

/// Start-up, right after the migrations and [`set_key`]: refuses a key that cannot read
/// the stored numbers, then encrypts those an earlier version stored in clear. Returns how
/// many it encrypted.
pub async fn at_start(db: &Db) -> Result<u64, String> {
    let foreign = rows_under_other_keys(db)
        .await
        .map_err(|e| format!("cannot check the ID-number key: {e}"))?;
    if foreign > 0 {
        return Err(format!(
            "HUB_ID_KEY: {foreign} ID numbers in the database were encrypted with another key; \
             start with the key the other servers use (or restore HUB_DATA_DIR/id.key)"
        ));
    }
    seal_clear_rows(db)
        .await
        .map_err(|e| format!("cannot encrypt the stored ID numbers: {e}"))
}

/// Encrypted values whose key is not this server's: a server started with a new key must
/// not run beside numbers it cannot read.
async fn rows_under_other_keys(db: &Db) -> Result<i64, AppError> {
    let key = key()?;
    let (count,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM talent_profiles \
         WHERE substr(id_number, 1, 3) = $1 AND substr(id_number, 4, 16) <> $2",
    )
    .bind(PREFIX)
    .bind(&key.id)
    .fetch_one(db.reader())
    .await?;
    Ok(count)
}

/// Encrypts the ID numbers an earlier version stored in clear (quick when there is nothing
/// to do; SQL migrations cannot encrypt). Each row is claimed by its clear value
/// (`WHERE id_number = <the value read>`), so servers starting together, or a profile
/// saved meanwhile, never have a value encrypted twice or overwritten.
async fn seal_clear_rows(db: &Db) -> Result<u64, AppError> {
    const BATCH: usize = 500;
    let mut sealed = 0;
    loop {
        let clear: Vec<(i64, String)> = sqlx::query_as(&format!(
            "SELECT account_id, id_number FROM talent_profiles \
             WHERE id_number <> '' AND substr(id_number, 1, 3) <> $1 ORDER BY account_id LIMIT {BATCH}"
        ))
        .bind(PREFIX)
        .fetch_all(db.reader())
        .await?;
        if clear.is_empty() {
            break;
        }
        let mut tx = db.begin_write().await?;
        let mut changed = 0;
        for (account_id, number) in &clear {
            changed += sqlx::query(
                "UPDATE talent_profiles SET id_number = $1 WHERE account_id = $2 AND id_number = $3",
            )
            .bind(seal(*account_id, number)?)
            .bind(account_id)
            .bind(number)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        }
        tx.commit().await?;
        sealed += changed;
        if changed == 0 {
            // Another server claimed this batch first; it goes on with the rest.
            break;
        }
    }
    Ok(sealed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_open_only_for_their_profile_and_key() {
        let number = "11010519491231002X";
        let stored = seal(7, number).unwrap();
        assert!(stored.starts_with(PREFIX), "{stored}");
        assert!(!stored.contains(number) && !stored.contains("31002X"));
        assert_eq!(open(7, &stored).unwrap(), number);
        // A fresh nonce each time: equal numbers do not look equal.
        assert_ne!(seal(7, number).unwrap(), stored);
        // Moved to another profile, changed, clear text or another key: refused.
        assert!(open(8, &stored).is_err());
        let mut changed = stored.clone().into_bytes();
        let last = changed.len() - 1;
        changed[last] = if changed[last] == b'0' { b'1' } else { b'0' };
        assert!(open(7, &String::from_utf8(changed).unwrap()).is_err());
        assert!(open(7, number).is_err());
        assert!(open(7, "v1:0011223344556677:00").is_err());
        let other = derive(b"another secret of thirty-two characters");
        assert_ne!(other.id, key().unwrap().id);
        // No number stays no number.
        assert_eq!(seal(7, "").unwrap(), "");
        assert_eq!(open(7, "").unwrap(), "");
    }
}

#[derive(sqlx::FromRow)]
struct ProfileRow {
    full_name: String,
    id_type: String,
    id_number: String,
    birth_date: Option<String>,
    nationality: String,
    education: Option<String>,
    university: String,
    major: String,
    graduation_date: Option<String>,
    employer_name: String,
    employer_in_district: Option<i64>,
    first_employment: Option<i64>,
    industry: Option<String>,
    tier: Option<String>,
    version: i64,
}

/// The profile of `account_id`, with its ID number decrypted (kept on the server).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn load(db: &Db, account_id: i64) -> Result<Option<(TalentProfile, String)>, AppError> {
    let row: Option<ProfileRow> = sqlx::query_as(
        "SELECT full_name, id_type, id_number, birth_date, nationality, education, university, major, \
         graduation_date, employer_name, employer_in_district, first_employment, industry, tier, version \
         FROM talent_profiles WHERE account_id = $1",
    )
    .bind(account_id)
    .fetch_optional(db.reader())
    .await?;
    let Some(r) = row else {
        return Ok(None);
    };
    let flag = |v: Option<i64>| match v {
        Some(1) => "yes".to_string(),
        Some(_) => "no".to_string(),
        None => String::new(),
    };
    let id_number = open(account_id, &r.id_number)?;
    Ok(Some((
        TalentProfile {
            full_name: r.full_name,
            id_type: r.id_type,
            id_number_masked: super::model::mask_id(&id_number),
            birth_date: r.birth_date.unwrap_or_default(),
            nationality: r.nationality,
            education: r.education.unwrap_or_default(),
            university: r.university,
            major: r.major,
            graduation_date: r.graduation_date.unwrap_or_default(),
            employer_name: r.employer_name,
            employer_in_district: flag(r.employer_in_district),
            first_employment: flag(r.first_employment),
            industry: r.industry.unwrap_or_default(),
            tier: r.tier.unwrap_or_default(),
            version: r.version,
        },
        id_number,
    )))
}

/// A profile's values once checked, as they are stored (the ID number in clear: [`save`]
/// seals it).
pub struct ProfileValues {
    pub full_name: String,
    pub id_type: &'static str,
    pub id_number: String,
    pub birth_date: Option<String>,
    pub nationality: String,
    pub education: Option<String>,
    pub university: String,
    pub major: String,
    pub graduation_date: Option<String>,
    pub employer_name: String,
    pub employer_in_district: Option<i64>,
    pub first_employment: Option<i64>,
    pub industry: Option<String>,
    pub tier: Option<String>,
}

/// Creates or updates the profile of `account_id` if it is still at `version` (0: none
/// yet). False when it changed meanwhile.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn save(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    account_id: i64,
    values: &ProfileValues,
    version: i64,
) -> Result<bool, AppError> {
    let done = sqlx::query(
        "INSERT INTO talent_profiles (account_id, full_name, id_type, id_number, birth_date, nationality, \
         education, university, major, graduation_date, employer_name, employer_in_district, \
         first_employment, industry, tier, version, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $16) \
         ON CONFLICT (account_id) DO UPDATE SET full_name = excluded.full_name, \
         id_type = excluded.id_type, id_number = excluded.id_number, birth_date = excluded.birth_date, \
         nationality = excluded.nationality, education = excluded.education, \
         university = excluded.university, major = excluded.major, \
         graduation_date = excluded.graduation_date, employer_name = excluded.employer_name, \
         employer_in_district = excluded.employer_in_district, \
         first_employment = excluded.first_employment, industry = excluded.industry, \
         tier = excluded.tier, version = talent_profiles.version + 1, updated_at = excluded.updated_at \
         WHERE talent_profiles.version = $17",
    )
    .bind(account_id)
    .bind(&values.full_name)
    .bind(values.id_type)
    .bind(seal(account_id, &values.id_number)?)
    .bind(&values.birth_date)
    .bind(&values.nationality)
    .bind(&values.education)
    .bind(&values.university)
    .bind(&values.major)
    .bind(&values.graduation_date)
    .bind(&values.employer_name)
    .bind(values.employer_in_district)
    .bind(values.first_employment)
    .bind(&values.industry)
    .bind(&values.tier)
    .bind(crate::db::now_ms())
    .bind(version)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}
