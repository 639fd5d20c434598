//! Opens the database named by the configuration and brings its schema up to date.
//!
//! SQLite: one file, created on first start, in WAL mode so readers never wait for the
//! writer; `synchronous=FULL` so a committed case survives a power cut; foreign keys on;
//! a busy timeout; and a single writer connection (see `app::db`). PostgreSQL: one pool
//! shared by reads and writes, so several server processes can share one database.
use app::db::{Backend, Db};
use sqlx::Executor;
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use std::time::Duration;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// How long a request waits for a connection before giving up.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(15);

/// Settings every SQLite connection gets.
const SQLITE_CONNECTION_PRAGMAS: &str = "PRAGMA foreign_keys = ON;
     PRAGMA synchronous = FULL;
     PRAGMA busy_timeout = 10000;";

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot create the data directory {0}: {1}")]
    DataDir(String, std::io::Error),
    #[error("cannot open the database: {0}")]
    Connect(sqlx::Error),
    #[error("cannot migrate the database: {0}")]
    Migrate(sqlx::migrate::MigrateError),
    #[error("cannot load the reference data: {0}")]
    Reference(app::error::AppError),
}

/// Opens (creating if needed) and migrates the database at `url`, and puts in the
/// reference data every deployment needs (the holiday calendar).
pub async fn open(url: &str, max_connections: u32) -> Result<Db, OpenError> {
    install_default_drivers();
    let db = if url.starts_with("postgres") {
        open_postgres(url, max_connections).await?
    } else {
        open_sqlite(url, max_connections).await?
    };
    app::calendar::store::seed_defaults(&db)
        .await
        .map_err(OpenError::Reference)?;
    Ok(db)
}

async fn open_postgres(url: &str, max_connections: u32) -> Result<Db, OpenError> {
    let pool = AnyPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect(url)
        .await
        .map_err(OpenError::Connect)?;
    POSTGRES_MIGRATIONS
        .run(&pool)
        .await
        .map_err(OpenError::Migrate)?;
    Ok(Db::new(pool.clone(), pool, Backend::Postgres))
}

/// `sqlite://path/to/file.db` → `path/to/file.db` (query string dropped).
pub fn sqlite_path(url: &str) -> &str {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    rest.split('?').next().unwrap_or(rest)
}

async fn open_sqlite(url: &str, max_connections: u32) -> Result<Db, OpenError> {
    let path = sqlite_path(url);
    if let Some(dir) = std::path::Path::new(path).parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)
            .map_err(|e| OpenError::DataDir(dir.display().to_string(), e))?;
    }
    let url = format!("sqlite://{path}?mode=rwc");

    // The single writer: every INSERT/UPDATE/DELETE and every migration goes through it.
    let writer = AnyPoolOptions::new()
        .max_connections(1)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .after_connect(|conn, _| {
            Box::pin(async move {
                conn.execute("PRAGMA journal_mode = WAL;").await?;
                conn.execute(SQLITE_CONNECTION_PRAGMAS).await?;
                Ok(())
            })
        })
        .connect(&url)
        .await
        .map_err(OpenError::Connect)?;
    SQLITE_MIGRATIONS
        .run(&writer)
        .await
        .map_err(OpenError::Migrate)?;

    // Readers refuse to write, so a store that forgets to use the writer fails loudly.
    let reader = AnyPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .after_connect(|conn, _| {
            Box::pin(async move {
                conn.execute(SQLITE_CONNECTION_PRAGMAS).await?;
                conn.execute("PRAGMA query_only = ON;").await?;
                Ok(())
            })
        })
        .connect(&url)
        .await
        .map_err(OpenError::Connect)?;
    Ok(Db::new(reader, writer, Backend::Sqlite))
}

#[cfg(test)]
mod tests {
    use super::sqlite_path;

    #[test]
    fn sqlite_urls_name_a_file() {
        assert_eq!(sqlite_path("sqlite://data/hub.db"), "data/hub.db");
        assert_eq!(sqlite_path("sqlite:///var/lib/hub.db"), "/var/lib/hub.db");
        assert_eq!(sqlite_path("sqlite:data/hub.db?mode=rwc"), "data/hub.db");
    }

    /// The queue's partial index serves the queue only while both name the same states.
    #[test]
    fn the_queue_index_names_the_queue_states() {
        let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        let wanted = words(&format!(
            "WHERE state IN ({});",
            app::cases::model::QUEUE_STATES
        ));
        for migration in [
            include_str!("../migrations/sqlite/0022_queue_order.sql"),
            include_str!("../migrations/postgres/0022_queue_order.sql"),
        ] {
            assert!(words(migration).contains(&wanted), "{wanted}");
        }
    }
}
