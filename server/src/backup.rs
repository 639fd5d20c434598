//! `server backup --to DIR` and `server restore --from DIR` for the embedded (SQLite) hub.
//!
//! A backup is taken while the hub serves: the database through `VACUUM INTO`, which
//! copies one read snapshot (every transaction committed before it, none half) while
//! writers go on; then the upload directory (a file an upload adds meanwhile is copied or
//! not, but every file the snapshot records was written before its row) and the keys the
//! hub made itself in the data directory. `manifest.json`, written last, lists every file
//! with its SHA-256, so a backup without it is incomplete and a restore checks each file
//! before using any. A restore never replaces a database: the hub must be stopped and its
//! old database moved away first. PostgreSQL deployments use `pg_dump` instead
//! (`scripts/backup-postgres.sh`).
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::Connection;
use std::path::{Path, PathBuf};

const DATABASE_FILE: &str = "hub.db";
const UPLOADS: &str = "uploads";
const KEYS: &str = "keys";
const MANIFEST: &str = "manifest.json";
/// The keys a hub without `HUB_SEARCH_KEY` / `HUB_ID_KEY` keeps in its data directory.
/// Without them the encrypted ID numbers of a restored hub cannot be read.
const KEY_FILES: [&str; 2] = ["search.key", "id.key"];
/// Tables recording uploaded files with their SHA-256.
const RECORDED_FILES: [&str; 3] = ["case_files", "concern_files", "enterprise_licences"];

/// Where a hub keeps what a backup holds.
#[derive(Clone, Debug)]
pub struct HubFiles {
    pub database: PathBuf,
    pub upload_dir: PathBuf,
    pub data_dir: PathBuf,
}

impl HubFiles {
    /// The files of the hub `config` describes (SQLite only).
    pub fn of(config: &crate::config::Config) -> Result<HubFiles, String> {
        if config.is_postgres() {
            return Err(
                "DATABASE_URL names PostgreSQL: back it up with scripts/backup-postgres.sh \
                 (pg_dump and the upload directory; see the README)"
                    .into(),
            );
        }
        Ok(HubFiles {
            database: PathBuf::from(crate::database::sqlite_path(&config.database_url)),
            upload_dir: config.upload_dir.clone(),
            data_dir: config.data_dir.clone(),
        })
    }
}

/// What a backup holds; `files` are relative to the backup directory.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub created_at_ms: i64,
    pub hub_version: String,
    pub cases: i64,
    pub files: Vec<Entry>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
}

/// What a restore put in place.
#[derive(Clone, Debug)]
pub struct Restored {
    pub cases: i64,
    pub uploads: usize,
    pub keys: usize,
}

fn fail(what: &str, path: &Path, error: impl std::fmt::Display) -> String {
    format!("{what} {}: {error}", path.display())
}

fn sha256_of(path: &Path) -> Result<(String, u64), String> {
    let mut file = std::fs::File::open(path).map_err(|e| fail("cannot read", path, e))?;
    let mut hasher = Sha256::new();
    let bytes = std::io::copy(&mut file, &mut hasher).map_err(|e| fail("cannot read", path, e))?;
    Ok((hex::encode(hasher.finalize()), bytes))
}

/// The regular files directly in `dir` (none if it does not exist), by name.
fn files_in(dir: &Path) -> Result<Vec<String>, String> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(fail("cannot list", dir, e)),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| fail("cannot list", dir, e))?;
        if entry.file_type().is_ok_and(|t| t.is_file())
            && let Some(name) = entry.file_name().to_str()
        {
            names.push(name.to_string());
        }
    }
    names.sort();
    Ok(names)
}

/// Copies `from` to `to` (created new, owner-only when `private`) and syncs it.
fn copy_file(from: &Path, to: &Path, private: bool) -> Result<(), String> {
    let mut source = std::fs::File::open(from).map_err(|e| fail("cannot read", from, e))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if private {
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut target = options.open(to).map_err(|e| fail("cannot create", to, e))?;
    std::io::copy(&mut source, &mut target).map_err(|e| fail("cannot write", to, e))?;
    target.sync_all().map_err(|e| fail("cannot write", to, e))
}

async fn open_sqlite(path: &Path, read_only: bool) -> Result<sqlx::AnyConnection, String> {
    sqlx::any::install_default_drivers();
    let mode = if read_only { "ro" } else { "rw" };
    sqlx::AnyConnection::connect(&format!("sqlite://{}?mode={mode}", path.display()))
        .await
        .map_err(|e| fail("cannot open", path, e))
}

/// The database at `path` is sound: its integrity check passes. Returns its case count and
/// the uploaded files it records, with their SHA-256.
pub async fn inspect(path: &Path) -> Result<(i64, Vec<(String, String)>), String> {
    let mut conn = open_sqlite(path, true).await?;
    let (check,): (String,) = sqlx::query_as("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .map_err(|e| fail("cannot check", path, e))?;
    if check != "ok" {
        return Err(fail("integrity check failed for", path, check));
    }
    let (cases,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM cases")
        .fetch_one(&mut conn)
        .await
        .map_err(|e| fail("cannot read", path, e))?;
    let mut recorded = Vec::new();
    for table in RECORDED_FILES {
        let rows: Vec<(String, String)> =
            sqlx::query_as(&format!("SELECT stored_name, sha256 FROM {table}"))
                .fetch_all(&mut conn)
                .await
                .map_err(|e| fail("cannot read", path, e))?;
        recorded.extend(rows);
    }
    let _ = conn.close().await;
    Ok((cases, recorded))
}

/// The uploads `recorded` by a database that are not among `files` (the manifest's entries)
/// with their recorded SHA-256: missing, or changed since they were recorded.
fn unlisted(recorded: &[(String, String)], files: &[Entry]) -> Vec<String> {
    let listed: std::collections::HashMap<&str, &str> = files
        .iter()
        .filter_map(|f| {
            Some((
                f.path.strip_prefix(UPLOADS)?.strip_prefix('/')?,
                f.sha256.as_str(),
            ))
        })
        .collect();
    recorded
        .iter()
        .filter(|(name, sha)| listed.get(name.as_str()) != Some(&sha.as_str()))
        .map(|(name, _)| name.clone())
        .collect()
}

/// Backs the hub up into `to`, which must be new or empty.
pub async fn backup(hub: &HubFiles, to: &Path) -> Result<Manifest, String> {
    if !hub.database.is_file() {
        return Err(fail("no database at", &hub.database, "nothing to back up"));
    }
    std::fs::create_dir_all(to.join(UPLOADS)).map_err(|e| fail("cannot create", to, e))?;
    std::fs::create_dir_all(to.join(KEYS)).map_err(|e| fail("cannot create", to, e))?;
    if to.join(MANIFEST).exists() || to.join(DATABASE_FILE).exists() {
        return Err(fail("a backup is already in", to, "choose a new directory"));
    }
    let snapshot = to.join(DATABASE_FILE);
    let mut conn = open_sqlite(&hub.database, true).await?;
    sqlx::query("VACUUM INTO $1")
        .bind(snapshot.display().to_string())
        .execute(&mut conn)
        .await
        .map_err(|e| fail("cannot copy the database", &hub.database, e))?;
    let _ = conn.close().await;
    let (cases, recorded) = inspect(&snapshot).await?;

    let hub = hub.clone();
    let to = to.to_path_buf();
    tokio::task::spawn_blocking(move || {
        let mut files = Vec::new();
        let mut add = |relative: String| -> Result<(), String> {
            let (sha256, bytes) = sha256_of(&to.join(&relative))?;
            files.push(Entry {
                path: relative,
                sha256,
                bytes,
            });
            Ok(())
        };
        add(DATABASE_FILE.to_string())?;
        for name in files_in(&hub.upload_dir)? {
            match copy_file(
                &hub.upload_dir.join(&name),
                &to.join(UPLOADS).join(&name),
                true,
            ) {
                Ok(()) => add(format!("{UPLOADS}/{name}"))?,
                // Replaced and removed since it was listed: the snapshot may not need it
                // (checked below against what the snapshot records).
                Err(_) if !hub.upload_dir.join(&name).exists() => {}
                Err(e) => return Err(e),
            }
        }
        for name in KEY_FILES {
            let key = hub.data_dir.join(name);
            if key.is_file() {
                copy_file(&key, &to.join(KEYS).join(name), true)?;
                add(format!("{KEYS}/{name}"))?;
            }
        }
        let missing = unlisted(&recorded, &files);
        if !missing.is_empty() {
            return Err(format!(
                "{} uploaded file(s) the database records are missing or changed in {}: {}",
                missing.len(),
                hub.upload_dir.display(),
                missing.join(", ")
            ));
        }
        let manifest = Manifest {
            format: 1,
            created_at_ms: app::db::now_ms(),
            hub_version: env!("CARGO_PKG_VERSION").to_string(),
            cases,
            files,
        };
        let json = serde_json::to_vec_pretty(&manifest).map_err(|e| e.to_string())?;
        let partial = to.join(format!(".{MANIFEST}"));
        std::fs::write(&partial, json).map_err(|e| fail("cannot write", &partial, e))?;
        std::fs::rename(&partial, to.join(MANIFEST)).map_err(|e| fail("cannot write", &to, e))?;
        Ok(manifest)
    })
    .await
    .map_err(|e| e.to_string())?
}

/// Restores the backup in `from` into `hub`, which must have no database yet. Every file is
/// checked against the manifest first; nothing is written if any is wrong, or if a key or
/// upload already there differs from the backup's.
pub async fn restore(from: &Path, hub: &HubFiles) -> Result<Restored, String> {
    let manifest_path = from.join(MANIFEST);
    let manifest: Manifest = serde_json::from_slice(
        &std::fs::read(&manifest_path)
            .map_err(|e| fail("not a complete backup (no manifest):", &manifest_path, e))?,
    )
    .map_err(|e| fail("unreadable manifest", &manifest_path, e))?;
    let wal = PathBuf::from(format!("{}-wal", hub.database.display()));
    if hub.database.exists() || wal.exists() {
        return Err(fail(
            "a database is already at",
            &hub.database,
            "a restore never replaces one; stop the hub and move that database away first",
        ));
    }
    // What the backup's database records must be in the backup, before anything is written.
    let (_, recorded) = inspect(&from.join(DATABASE_FILE)).await?;
    let missing = unlisted(&recorded, &manifest.files);
    if !missing.is_empty() {
        return Err(format!(
            "the backup lacks {} uploaded file(s) its database records: {}",
            missing.len(),
            missing.join(", ")
        ));
    }
    let plan = {
        let from = from.to_path_buf();
        let hub = hub.clone();
        let manifest = manifest.clone();
        tokio::task::spawn_blocking(move || check_restore(&from, &hub, &manifest))
            .await
            .map_err(|e| e.to_string())??
    };
    let hub_files = hub.clone();
    let from_dir = from.to_path_buf();
    let (uploads, keys) = tokio::task::spawn_blocking(move || -> Result<(usize, usize), String> {
        let (hub, from) = (hub_files, from_dir);
        std::fs::create_dir_all(&hub.upload_dir)
            .map_err(|e| fail("cannot create", &hub.upload_dir, e))?;
        let (mut uploads, mut keys) = (0, 0);
        for (relative, target) in &plan {
            if relative.starts_with(KEYS) {
                keys += 1;
            } else {
                uploads += 1;
            }
            if !target.exists() {
                copy_file(&from.join(relative), target, true)?;
            }
        }
        // The database last, under a temporary name first: a hub started meanwhile finds
        // no database rather than half of one.
        if let Some(dir) = hub.database.parent() {
            std::fs::create_dir_all(dir).map_err(|e| fail("cannot create", dir, e))?;
        }
        let partial = PathBuf::from(format!("{}.restoring", hub.database.display()));
        let _ = std::fs::remove_file(&partial);
        copy_file(&from.join(DATABASE_FILE), &partial, true)?;
        std::fs::rename(&partial, &hub.database)
            .map_err(|e| fail("cannot write", &hub.database, e))?;
        Ok((uploads, keys))
    })
    .await
    .map_err(|e| e.to_string())??;
    let (cases, _) = inspect(&hub.database).await?;
    Ok(Restored {
        cases,
        uploads,
        keys,
    })
}

/// Checks every file of the backup against its manifest and against what the target holds
/// already; returns each upload and key with where it goes.
fn check_restore(
    from: &Path,
    hub: &HubFiles,
    manifest: &Manifest,
) -> Result<Vec<(String, PathBuf)>, String> {
    let mut plan = Vec::new();
    let mut has_database = false;
    for entry in &manifest.files {
        // Only the names a backup writes: nothing can point outside the target.
        let parts: Vec<&str> = entry.path.split('/').collect();
        let target = match parts.as_slice() {
            [DATABASE_FILE] => None,
            [UPLOADS, name] if is_plain_name(name) => Some(hub.upload_dir.join(name)),
            [KEYS, name] if KEY_FILES.contains(name) => Some(hub.data_dir.join(name)),
            _ => {
                return Err(format!(
                    "the manifest names an unexpected file: {}",
                    entry.path
                ));
            }
        };
        let (sha256, _) = sha256_of(&from.join(&entry.path))?;
        if sha256 != entry.sha256 {
            return Err(format!(
                "{} in the backup does not match its manifest (damaged?)",
                entry.path
            ));
        }
        match target {
            None => has_database = true,
            Some(target) => {
                if target.exists() && sha256_of(&target)?.0 != sha256 {
                    return Err(fail(
                        "a different file is already at",
                        &target,
                        "the restore would overwrite it",
                    ));
                }
                plan.push((entry.path.clone(), target));
            }
        }
    }
    if !has_database {
        return Err("the manifest lists no database".into());
    }
    Ok(plan)
}

fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\'])
}
