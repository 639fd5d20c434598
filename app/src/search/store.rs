//! Staff search queries (ssr only), and the keyed hashes ID numbers are found by.
use super::model::*;
use crate::common::text::Text;
use crate::db::{Db, Sql};
use crate::error::AppError;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use sqlx::{Any, AnyConnection, Encode, Type};
use std::sync::OnceLock;

static KEY: OnceLock<Vec<u8>> = OnceLock::new();

/// The key for ID-number hashes, set once at start-up from the configuration. Servers
/// sharing a database must share it (`HUB_SEARCH_KEY`). Unset (in tests), each process
/// draws its own.
pub fn set_key(key: Vec<u8>) {
    let _ = KEY.set(key);
}

fn key() -> &'static [u8] {
    KEY.get_or_init(|| {
        use rand::RngCore;
        let mut bytes = vec![0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        bytes
    })
}

/// Names the key without revealing it.
fn key_id() -> String {
    keyed("key-id")[..16].to_string()
}

fn keyed(text: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key()).expect("any key length");
    mac.update(text.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// The hashes a profile's ID number is found by: the whole number and its last six.
pub fn id_hashes(id_number: &str) -> Option<(String, String)> {
    let number = id_number.trim().to_uppercase();
    let tail_start = number.char_indices().rev().nth(5).map(|(i, _)| i)?;
    Some((keyed(&number), keyed(&number[tail_start..])))
}

/// Keeps the search hashes of `account_id`'s ID number (call in the profile's save).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn index_id_number(
    conn: &mut AnyConnection,
    account_id: i64,
    id_number: &str,
) -> Result<(), AppError> {
    sqlx::query("DELETE FROM id_search_keys WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut *conn)
        .await?;
    if let Some((full, tail)) = id_hashes(id_number) {
        sqlx::query(
            "INSERT INTO id_search_keys (account_id, full_hash, tail_hash, key_id) VALUES ($1, $2, $3, $4)",
        )
        .bind(account_id)
        .bind(full)
        .bind(tail)
        .bind(key_id())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Hashes the ID numbers of profiles saved before search existed, or under another key
/// (start-up, after `profile::store::at_start`; quick when there is nothing to do).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn index_missing(db: &Db) -> Result<u64, AppError> {
    let missing: Vec<(i64, String)> = sqlx::query_as(
        "SELECT p.account_id, p.id_number FROM talent_profiles p \
         LEFT JOIN id_search_keys k ON k.account_id = p.account_id AND k.key_id = $1 \
         WHERE p.id_number <> '' AND k.account_id IS NULL",
    )
    .bind(key_id())
    .fetch_all(db.reader())
    .await?;
    let mut tx = db.begin_write().await?;
    for (account, stored) in &missing {
        let number = crate::profile::store::open(*account, stored)?;
        index_id_number(&mut tx, *account, &number).await?;
    }
    tx.commit().await?;
    Ok(missing.len() as u64)
}

const CASES: &str = "SELECT c.id, c.number, i.name_zh, i.name_en, c.state, a.display_name FROM cases c \
    JOIN accounts a ON a.id = c.applicant_id LEFT JOIN service_items i ON i.code = c.item_code";
const CONCERNS: &str = "SELECT x.id, x.number, x.subject, x.state, COALESCE(a.display_name, x.contact_name) AS requester \
    FROM concerns x LEFT JOIN accounts a ON a.id = x.requester_id";
const PEOPLE: &str = "SELECT a.id, a.display_name, a.role, a.phone, a.email, p.id_number FROM accounts a \
    LEFT JOIN talent_profiles p ON p.account_id = a.id";
const LIMIT: i64 = 20;

#[derive(sqlx::FromRow)]
struct CaseRow {
    id: i64,
    number: Option<String>,
    name_zh: Option<String>,
    name_en: Option<String>,
    state: String,
    display_name: String,
}

#[derive(sqlx::FromRow)]
struct ConcernRow {
    id: i64,
    number: String,
    subject: String,
    state: String,
    requester: String,
}

#[derive(sqlx::FromRow)]
struct PersonRow {
    id: i64,
    display_name: String,
    role: String,
    phone: Option<String>,
    email: Option<String>,
    id_number: Option<String>,
}

/// The one parameter of a search condition (`$1`).
trait Param<'a>: 'a + Encode<'a, Any> + Type<Any> + Send {}
impl<'a, T: 'a + Encode<'a, Any> + Type<Any> + Send> Param<'a> for T {}

async fn cases_where<'a>(
    db: &Db,
    condition: &str,
    value: impl Param<'a>,
) -> Result<Vec<CaseHit>, AppError> {
    let mut sql = Sql::new(format!(
        "{CASES} WHERE {condition} ORDER BY c.id DESC LIMIT {LIMIT}"
    ));
    let rows: Vec<CaseRow> = sql.bind(value).query_as()?.fetch_all(db.reader()).await?;
    Ok(rows
        .into_iter()
        .map(|row| CaseHit {
            id: row.id,
            number: row.number.unwrap_or_default(),
            item_name: Text {
                zh: row.name_zh.unwrap_or_default(),
                en: row.name_en.unwrap_or_default(),
            },
            state: row.state,
            applicant: row.display_name,
        })
        .collect())
}

async fn concerns_where<'a>(
    db: &Db,
    condition: &str,
    value: impl Param<'a>,
) -> Result<Vec<ConcernHit>, AppError> {
    let mut sql = Sql::new(format!(
        "{CONCERNS} WHERE {condition} ORDER BY x.id DESC LIMIT {LIMIT}"
    ));
    let rows: Vec<ConcernRow> = sql.bind(value).query_as()?.fetch_all(db.reader()).await?;
    Ok(rows
        .into_iter()
        .map(|row| ConcernHit {
            id: row.id,
            number: row.number,
            subject: row.subject,
            state: row.state,
            requester: row.requester,
        })
        .collect())
}

async fn people_where(db: &Db, condition: &str, value: &str) -> Result<Vec<PersonHit>, AppError> {
    let sql = format!(
        "{PEOPLE} WHERE a.role IN ('talent', 'enterprise') AND ({condition}) ORDER BY a.id LIMIT {LIMIT}"
    );
    let rows: Vec<PersonRow> = sqlx::query_as(&sql)
        .bind(value)
        .fetch_all(db.reader())
        .await?;
    let mut people = Vec::with_capacity(rows.len());
    for PersonRow {
        id,
        display_name: name,
        role,
        phone,
        email,
        id_number: stored_id,
    } in rows
    {
        let id_number = crate::profile::store::open(id, stored_id.as_deref().unwrap_or(""))?;
        people.push(PersonHit {
            id,
            name,
            role,
            phone_masked: phone
                .as_deref()
                .map(crate::accounts::model::mask_phone)
                .unwrap_or_default(),
            email: email.unwrap_or_default(),
            id_masked: crate::profile::model::mask_id(&id_number),
            cases: cases_where(db, "c.applicant_id = $1 AND c.number IS NOT NULL", id).await?,
            concerns: concerns_where(db, "x.requester_id = $1", id).await?,
        });
    }
    Ok(people)
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn search(db: &Db, query: &Query) -> Result<SearchResults, AppError> {
    let mut results = SearchResults::default();
    match query {
        Query::CaseNumber(number) => {
            results.cases = cases_where(db, "c.number = $1", number.as_str()).await?
        }
        Query::ConcernNumber(number) => {
            results.concerns = concerns_where(db, "x.number = $1", number.as_str()).await?
        }
        Query::Phone(phone) => results.people = people_where(db, "a.phone = $1", phone).await?,
        Query::IdNumber(number) => {
            let (full, _) = id_hashes(number).ok_or(AppError::Internal)?;
            results.people = people_where(
                db,
                "a.id IN (SELECT account_id FROM id_search_keys WHERE full_hash = $1)",
                &full,
            )
            .await?;
        }
        Query::Tail(tail) => {
            results.people = people_where(
                db,
                "a.id IN (SELECT account_id FROM id_search_keys WHERE tail_hash = $1)",
                &keyed(tail),
            )
            .await?;
            // Six digits may also be the end of a case or concern number (`…-000123`): the
            // expression is the one the number-tail indexes hold (migration 0021).
            results.cases = cases_where(db, "substr(c.number, 9) = $1", tail.as_str()).await?;
            results.concerns =
                concerns_where(db, "substr(x.number, 9) = $1", tail.as_str()).await?;
        }
        Query::Name(name) => {
            let pattern = format!("%{}%", name.replace(['%', '_'], ""));
            results.people = people_where(
                db,
                "a.display_name LIKE $1 OR p.full_name LIKE $1",
                &pattern,
            )
            .await?;
            results.concerns = concerns_where(
                db,
                "x.requester_id IS NULL AND x.contact_name LIKE $1",
                pattern.as_str(),
            )
            .await?;
        }
    }
    Ok(results)
}
