//! The data-access handle shared by every store (ssr only), and the one way to assemble a
//! statement whose conditions depend on the request ([`Sql`]).
//!
//! One set of SQL serves SQLite and PostgreSQL through sqlx's `Any` driver. The rules that
//! keep a statement portable:
//!
//! - Parameters are `$1`, `$2`, … and every number is used: PostgreSQL infers each
//!   parameter's type from where it appears and refuses one that appears nowhere. A
//!   statement built from optional parts uses [`Sql::push_bind`], which numbers them.
//! - Timestamps are integers (unix milliseconds, [`now_ms`]), dates are `YYYY-MM-DD` text,
//!   and flags are integers `0`/`1`, never `BOOLEAN`: both backends read and write these
//!   the same way.
//! - `SUM` and `COUNT` over integers are wrapped in `CAST(… AS BIGINT)` where they are read
//!   as `i64`: PostgreSQL sums `BIGINT` into `NUMERIC`, which `Any` cannot decode.
//! - A write that depends on what it read reads it under [`Db::for_update`] (or locks the
//!   row with [`lock_row`]) and states what it read in its `WHERE` (`version = $n`).
//! - Rows of more than three columns are read into `FromRow` structs, not tuples.
//! - Both migration folders define the same tables, columns and indexes (a test compares
//!   them on real databases).
//!
//! SQLite allows one writer at a time. Rather than let concurrent requests race for the
//! write lock (and fail with "database is locked"), all writes go through a pool with a
//! single connection, so they queue in the pool instead; reads use their own pool.
use crate::error::AppError;
use leptos::prelude::*;
use sqlx::any::AnyArguments;
use sqlx::error::BoxDynError;
use sqlx::{Any, AnyPool, Arguments, Encode, Transaction, Type};
use std::any::Any as AnyValue;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Db {
    reader: AnyPool,
    writer: AnyPool,
    backend: Backend,
    memo: Memo,
}

/// Results of expensive read-only queries kept for a short while (public figures that
/// many visitors ask for). Each server process keeps its own: a value may be as old as
/// the age it was kept for, never older, and a process forgets it when it changes the
/// data behind it.
#[derive(Clone, Default)]
struct Memo {
    kept: Arc<Mutex<HashMap<String, Kept>>>,
    /// One lock per key, held while its value is computed, so requests arriving meanwhile
    /// wait for that one computation instead of each starting their own.
    computing: Arc<Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>>,
}

/// Beyond this many kept values, the stale ones are dropped when a new one is kept.
const MEMO_ENTRIES: usize = 256;

/// A kept value and when it was computed (unix milliseconds).
type Kept = (i64, Arc<dyn AnyValue + Send + Sync>);

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

impl Db {
    /// `writer` must hold a single connection on SQLite; on PostgreSQL both may be one pool.
    pub fn new(reader: AnyPool, writer: AnyPool, backend: Backend) -> Self {
        Db {
            reader,
            writer,
            backend,
            memo: Memo::default(),
        }
    }

    /// The value kept under `key` if younger than `max_age_ms`, else `compute`'s (kept).
    pub async fn memo<T, F>(&self, key: &str, max_age_ms: i64, compute: F) -> Result<T, AppError>
    where
        T: Clone + Send + Sync + 'static,
        F: std::future::Future<Output = Result<T, AppError>>,
    {
        let kept = || {
            let now = now_ms();
            self.memo
                .kept
                .lock()
                .ok()
                .and_then(|map| map.get(key).cloned())
                .filter(|(at, _)| now - at < max_age_ms)
                .and_then(|(_, value)| value.downcast_ref::<T>().cloned())
        };
        if let Some(value) = kept() {
            return Ok(value);
        }
        let lock = self
            .memo
            .computing
            .lock()
            .map(|mut locks| {
                if locks.len() >= MEMO_ENTRIES {
                    // Locks nobody holds or waits for.
                    locks.retain(|_, lock| Arc::strong_count(lock) > 1);
                }
                locks.entry(key.to_string()).or_default().clone()
            })
            .map_err(|_| AppError::Internal)?;
        let _computing = lock.lock().await;
        if let Some(value) = kept() {
            return Ok(value);
        }
        let started = now_ms();
        let value = compute.await?;
        if let Ok(mut map) = self.memo.kept.lock() {
            if map.len() >= MEMO_ENTRIES {
                map.retain(|_, (at, _)| started - *at < max_age_ms);
            }
            map.insert(key.to_string(), (started, Arc::new(value.clone())));
        }
        Ok(value)
    }

    /// Forgets the value kept under `key` (after a change to the data behind it).
    pub fn forget(&self, key: &str) {
        if let Ok(mut map) = self.memo.kept.lock() {
            map.remove(key);
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Appended to a `SELECT` in a write transaction that changes what it reads: locks
    /// the rows on PostgreSQL, so a concurrent writer waits instead of overwriting;
    /// nothing on SQLite, whose single writer connection runs write transactions one at
    /// a time already.
    pub fn for_update(&self) -> &'static str {
        match self.backend {
            Backend::Postgres => " FOR UPDATE",
            Backend::Sqlite => "",
        }
    }

    /// For queries that only read.
    pub fn reader(&self) -> &AnyPool {
        &self.reader
    }

    /// For a single write statement outside a transaction.
    pub fn writer(&self) -> &AnyPool {
        &self.writer
    }

    /// Starts a write transaction on the writer connection.
    pub async fn begin_write(&self) -> Result<Transaction<'static, Any>, sqlx::Error> {
        let asked = std::time::Instant::now();
        let transaction = self.writer.begin().await;
        crate::metrics::WRITE_WAIT_SECONDS.observe(asked.elapsed().as_secs_f64());
        transaction
    }

    /// Connections of the reading and the writing pool: (open, idle, most allowed).
    pub fn pool_sizes(&self) -> [(&'static str, u32, u32, u32); 2] {
        let size = |pool: &AnyPool| {
            (
                pool.size(),
                pool.num_idle() as u32,
                pool.options().get_max_connections(),
            )
        };
        let (reader, writer) = (size(&self.reader), size(&self.writer));
        [
            ("reader", reader.0, reader.1, reader.2),
            ("writer", writer.0, writer.1, writer.2),
        ]
    }

    /// Checks that the database answers (used by `/healthz`).
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1").execute(&self.reader).await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.reader.close().await;
        self.writer.close().await;
    }
}

/// The next number of `year` in a counter table (`case_counters`, `concern_counters`):
/// one statement, so two first numbers of a year cannot both insert the counter.
pub async fn next_of_year(
    conn: &mut sqlx::AnyConnection,
    table: &'static str,
    year: i32,
) -> Result<i64, AppError> {
    let (sequence,): (i64,) = sqlx::query_as(&format!(
        "INSERT INTO {table} (year, last) VALUES ($1, 1) \
         ON CONFLICT (year) DO UPDATE SET last = {table}.last + 1 RETURNING last"
    ))
    .bind(i64::from(year))
    .fetch_one(&mut *conn)
    .await?;
    Ok(sequence)
}

/// Locks row `id` of `table` until write transaction `conn` ends, so what the transaction
/// reads next cannot change under it: `FOR UPDATE` on PostgreSQL; on SQLite the single
/// writer connection runs write transactions one at a time already. Returns whether the
/// row exists.
pub async fn lock_row(
    db: &Db,
    conn: &mut sqlx::AnyConnection,
    table: &'static str,
    id: i64,
) -> Result<bool, AppError> {
    let found: Option<(i64,)> = sqlx::query_as(&format!(
        "SELECT id FROM {table} WHERE id = $1{}",
        db.for_update()
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(found.is_some())
}

/// A statement assembled from parts, its parameters numbered `$1`, `$2`, … in the order
/// they are pushed, for either backend (sqlx's own `QueryBuilder` writes `?` for `Any`,
/// which PostgreSQL does not accept).
///
/// ```ignore
/// let mut sql = Sql::new("SELECT id FROM cases WHERE state = ");
/// sql.push_bind("submitted");
/// if let Some(item) = item {
///     sql.push(" AND item_code = ").push_bind(item);
/// }
/// let ids: Vec<(i64,)> = sql.query_as()?.fetch_all(db.reader()).await?;
/// ```
pub struct Sql<'a> {
    text: String,
    arguments: AnyArguments<'a>,
    /// The first value that could not be encoded; reported when the statement runs.
    error: Option<BoxDynError>,
}

impl<'a> Sql<'a> {
    pub fn new(text: impl Into<String>) -> Self {
        Sql {
            text: text.into(),
            arguments: AnyArguments::default(),
            error: None,
        }
    }

    /// Appends SQL text (never a value from a request: those go through `push_bind`).
    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Appends the next parameter's placeholder (`$n`) and binds `value` to it.
    pub fn push_bind<T>(&mut self, value: T) -> &mut Self
    where
        T: 'a + Encode<'a, Any> + Type<Any>,
    {
        self.bind(value);
        let number = self.arguments.len();
        self.text.push('$');
        self.text.push_str(&number.to_string());
        self
    }

    /// Binds the next parameter without writing its placeholder: for shared text that
    /// names it already (`$1` in the opening text, say).
    pub fn bind<T>(&mut self, value: T) -> &mut Self
    where
        T: 'a + Encode<'a, Any> + Type<Any>,
    {
        if let Err(error) = self.arguments.add(value) {
            self.error.get_or_insert(error);
        }
        self
    }

    fn take_arguments(&mut self) -> Result<AnyArguments<'a>, AppError> {
        match self.error.take() {
            Some(error) => {
                tracing::error!(%error, "a parameter could not be encoded");
                Err(AppError::Internal)
            }
            None => Ok(std::mem::take(&mut self.arguments)),
        }
    }

    /// The statement with its parameters, to execute (once: the parameters move into it).
    pub fn query(&mut self) -> Result<sqlx::query::Query<'_, Any, AnyArguments<'_>>, AppError> {
        let arguments = self.take_arguments()?;
        Ok(sqlx::query_with(&self.text, arguments))
    }

    /// The statement with its parameters, its rows read as `O` (once, as [`Sql::query`]).
    pub fn query_as<O>(
        &mut self,
    ) -> Result<sqlx::query::QueryAs<'_, Any, O, AnyArguments<'_>>, AppError>
    where
        O: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
    {
        let arguments = self.take_arguments()?;
        Ok(sqlx::query_as_with(&self.text, arguments))
    }
}

/// The database handle of the current request (provided by the server as context).
pub fn use_db() -> Result<Db, AppError> {
    use_context::<Db>().ok_or_else(|| {
        tracing::error!("no database in the request context");
        AppError::Internal
    })
}

/// The deepest page (from 0) any list serves; asking for a deeper one reads this one.
pub const MAX_PAGE: u32 = 10_000;

/// `(LIMIT, OFFSET)` for page `page` (from 0) of `size` rows: one row more than a page, so
/// the caller can tell whether another follows. Computed in `i64` with the page capped, so
/// no `?page=` can overflow the offset.
pub fn page_window(page: u32, size: u32) -> (i64, i64) {
    let size = i64::from(size);
    (size + 1, i64::from(page.min(MAX_PAGE)) * size)
}

/// Current time as unix milliseconds, the timestamp format of every table.
pub fn now_ms() -> i64 {
    crate::format::clock_ms()
}
