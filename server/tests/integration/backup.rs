//! Backups of the embedded (SQLite) hub: taken while writers go on, restored into a fresh
//! directory, they hold every case and uploaded file acknowledged before the backup began,
//! byte for byte, and a sound database. A restore never replaces a database and refuses a
//! damaged backup. PostgreSQL deployments back up with pg_dump through
//! `scripts/backup-postgres.sh`, which is run here the same way.
use crate::common;

use common::cases::{detail, ok, start};
use server::backup::{HubFiles, backup, inspect, restore};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WRITERS: usize = 3;

fn hub_in(dir: &std::path::Path) -> HubFiles {
    HubFiles {
        database: dir.join("hub.db"),
        upload_dir: dir.join("uploads"),
        data_dir: dir.to_path_buf(),
    }
}

fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A small PDF of its own for each upload, so a mixed-up file would show.
fn pdf(writer: usize, n: usize) -> Vec<u8> {
    format!("%PDF-1.4\n% writer {writer} upload {n}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
        .into_bytes()
}

#[test]
fn a_backup_under_write_load_restores_every_acknowledged_case_and_file() {
    common::run(async {
        let app = Arc::new(common::TestApp::start(common::Backend::Sqlite).await);
        app::demo::seed(&app.db).await.expect("demo data");
        let source = hub_in(app.site_root());
        let key = "a1".repeat(32);
        std::fs::write(source.data_dir.join("search.key"), &key).unwrap();
        let cookie = app
            .sign_in("talent@demo.hub", app::demo::DEMO_PASSWORD)
            .await;
        let probe = start(&app, &cookie, "LJ-SCHOOLING").await;
        let field = detail(&app, &cookie, probe)
            .await
            .item
            .form
            .iter()
            .find(|f| matches!(f.kind, app::catalogue::model::FieldKind::File))
            .expect("a file field")
            .key
            .clone();

        // Writers open applications and upload a material to each, recording when each
        // upload was acknowledged.
        let stop = Arc::new(AtomicBool::new(false));
        let acknowledged: Arc<Mutex<Vec<(i64, String, Instant)>>> = Default::default();
        let mut writers = Vec::new();
        for writer in 0..WRITERS {
            let (app, cookie, field) = (app.clone(), cookie.clone(), field.clone());
            let (stop, acknowledged) = (stop.clone(), acknowledged.clone());
            writers.push(tokio::spawn(async move {
                let mut n = 0;
                while !stop.load(Ordering::Relaxed) {
                    let id = start(&app, &cookie, "LJ-SCHOOLING").await;
                    let bytes = pdf(writer, n);
                    let path = format!("/cases/{id}/files/{field}");
                    ok(&app.upload(&path, "出生证明.pdf", &bytes, &cookie).await);
                    acknowledged
                        .lock()
                        .unwrap()
                        .push((id, sha256(&bytes), Instant::now()));
                    n += 1;
                }
            }));
        }
        while acknowledged.lock().unwrap().len() < 6 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let began = Instant::now();
        let backup_dir = tempfile::tempdir().unwrap();
        let manifest = backup(&source, backup_dir.path())
            .await
            .expect("a backup while writers go on");
        // Writers still got through meanwhile, and go on a little after.
        tokio::time::sleep(Duration::from_millis(200)).await;
        stop.store(true, Ordering::Relaxed);
        for writer in writers {
            writer.await.unwrap();
        }
        let acknowledged = acknowledged.lock().unwrap().clone();
        let before: HashMap<i64, String> = acknowledged
            .iter()
            .filter(|(_, _, at)| *at < began)
            .map(|(id, sha, _)| (*id, sha.clone()))
            .collect();
        assert!(before.len() >= 6);
        assert!(
            acknowledged.len() > before.len(),
            "writers went on during and after the backup"
        );
        assert!(manifest.files.iter().any(|f| f.path == "keys/search.key"));

        // Restored into a fresh directory: every acknowledged case and file, intact.
        let fresh = tempfile::tempdir().unwrap();
        let target = hub_in(&fresh.path().join("data"));
        let restored = restore(backup_dir.path(), &target).await.expect("restore");
        assert_eq!(restored.cases, manifest.cases);
        let (cases, recorded) = inspect(&target.database).await.expect("a sound database");
        assert_eq!(cases, manifest.cases);
        let recorded: HashMap<String, String> = recorded.into_iter().collect();
        let db = server::database::open(&format!("sqlite://{}", target.database.display()), 2)
            .await
            .expect("the restored hub opens");
        let rows: Vec<(i64, String, String)> =
            sqlx::query_as("SELECT case_id, stored_name, sha256 FROM case_files")
                .fetch_all(db.reader())
                .await
                .unwrap();
        for (id, sha) in &before {
            let (_, stored, recorded_sha) = rows
                .iter()
                .find(|(case, _, _)| case == id)
                .unwrap_or_else(|| {
                    panic!("case {id}, acknowledged before the backup, is restored")
                });
            assert_eq!(recorded_sha, sha);
            assert_eq!(recorded.get(stored), Some(sha));
            let bytes = std::fs::read(target.upload_dir.join(stored)).unwrap();
            assert_eq!(&sha256(&bytes), sha, "the file of case {id} is intact");
        }
        assert_eq!(
            std::fs::read_to_string(target.data_dir.join("search.key")).unwrap(),
            key
        );
        db.close().await;

        // A restore never replaces a database, live or not.
        let again = restore(backup_dir.path(), &target).await.unwrap_err();
        assert!(again.contains("already"), "{again}");
        let live = restore(backup_dir.path(), &source).await.unwrap_err();
        assert!(live.contains("already"), "{live}");
        // Nor does a backup overwrite one.
        assert!(backup(&source, backup_dir.path()).await.is_err());

        // A damaged backup is refused before anything is written.
        let damaged_file = manifest
            .files
            .iter()
            .find(|f| f.path.starts_with("uploads/"))
            .unwrap();
        std::fs::write(
            backup_dir.path().join(&damaged_file.path),
            b"%PDF-1.4 changed",
        )
        .unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let target = hub_in(elsewhere.path());
        let refused = restore(backup_dir.path(), &target).await.unwrap_err();
        assert!(refused.contains("does not match"), "{refused}");
        assert!(!target.database.exists());
        assert!(!target.upload_dir.exists());
    });
}

/// Opens `count` applications with a material each, as the demo talent; returns each
/// case with the SHA-256 of its upload.
async fn applications_with_files(app: &common::TestApp, count: usize) -> HashMap<i64, String> {
    let cookie = app
        .sign_in("talent@demo.hub", app::demo::DEMO_PASSWORD)
        .await;
    let mut made = HashMap::new();
    for n in 0..count {
        let id = start(app, &cookie, "LJ-SCHOOLING").await;
        let field = detail(app, &cookie, id)
            .await
            .item
            .form
            .iter()
            .find(|f| matches!(f.kind, app::catalogue::model::FieldKind::File))
            .expect("a file field")
            .key
            .clone();
        let bytes = pdf(9, n);
        let path = format!("/cases/{id}/files/{field}");
        ok(&app.upload(&path, "出生证明.pdf", &bytes, &cookie).await);
        made.insert(id, sha256(&bytes));
    }
    made
}

fn postgres_script(
    command: &str,
    dir: &std::path::Path,
    url: &str,
    uploads: &std::path::Path,
) -> std::process::Output {
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/backup-postgres.sh");
    std::process::Command::new("bash")
        .arg(script)
        .arg(command)
        .arg(dir)
        .env("DATABASE_URL", url)
        .env("HUB_UPLOAD_DIR", uploads)
        .output()
        .expect("bash runs")
}

#[test]
#[ignore = "needs TEST_DATABASE_URL; scripts/test.sh runs it"]
fn the_postgres_backup_script_restores_cases_and_files_into_an_empty_database() {
    common::run(async {
        let app = common::TestApp::start(common::Backend::Postgres).await;
        app::demo::seed(&app.db).await.expect("demo data");
        let made = applications_with_files(&app, 3).await;
        let backup_dir = tempfile::tempdir().unwrap();
        let uploads = app.site_root().join("uploads");
        let out = postgres_script("backup", backup_dir.path(), &app.database_url, &uploads);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );

        let restored_url = common::fresh_postgres_database().await;
        let restored_uploads = tempfile::tempdir().unwrap();
        let out = postgres_script(
            "restore",
            backup_dir.path(),
            &restored_url,
            restored_uploads.path(),
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let db = server::database::open(&restored_url, 2)
            .await
            .expect("the restored hub opens");
        for (id, sha) in &made {
            let (stored, recorded): (String, String) =
                sqlx::query_as("SELECT stored_name, sha256 FROM case_files WHERE case_id = $1")
                    .bind(id)
                    .fetch_one(db.reader())
                    .await
                    .unwrap_or_else(|e| panic!("case {id} is restored with its file: {e}"));
            assert_eq!(&recorded, sha);
            let bytes = std::fs::read(restored_uploads.path().join(stored)).unwrap();
            assert_eq!(&sha256(&bytes), sha);
        }
        db.close().await;

        // Never over a database that has tables: the restored one now, or the live one.
        let again = postgres_script(
            "restore",
            backup_dir.path(),
            &restored_url,
            restored_uploads.path(),
        );
        assert!(!again.status.success());
        assert!(String::from_utf8_lossy(&again.stderr).contains("never replaces"));
        let live = postgres_script("restore", backup_dir.path(), &app.database_url, &uploads);
        assert!(!live.status.success());
    });
}

/// `server backup` and `server restore` as an operator types them: the configuration from
/// the environment, a sentence on success, a non-zero exit and a reason on refusal.
#[test]
fn the_backup_and_restore_commands_work_from_the_command_line() {
    common::run(async {
        let app = common::TestApp::start(common::Backend::Sqlite).await;
        app::demo::seed(&app.db).await.expect("demo data");
        let made = applications_with_files(&app, 2).await;
        let source = hub_in(app.site_root());
        let command = |args: &[&str], hub: &HubFiles| {
            std::process::Command::new(env!("CARGO_BIN_EXE_server"))
                .args(args)
                .env_clear()
                .env(
                    "DATABASE_URL",
                    format!("sqlite://{}", hub.database.display()),
                )
                .env("HUB_DATA_DIR", &hub.data_dir)
                .env("HUB_UPLOAD_DIR", &hub.upload_dir)
                .output()
                .expect("the server binary runs")
        };
        let said = |output: &std::process::Output| {
            format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            )
        };

        let usage = command(&["backup"], &source);
        assert_eq!(usage.status.code(), Some(2));
        assert!(said(&usage).contains("usage: server backup --to DIR"));

        let backup_dir = tempfile::tempdir().unwrap();
        let to = backup_dir.path().join("nightly");
        let to = to.to_str().unwrap();
        let backed_up = command(&["backup", "--to", to], &source);
        assert!(backed_up.status.success(), "{}", said(&backed_up));
        assert!(
            said(&backed_up).contains("Backed up"),
            "{}",
            said(&backed_up)
        );

        let elsewhere = tempfile::tempdir().unwrap();
        let target = hub_in(elsewhere.path());
        let restored = command(&["restore", "--from", to], &target);
        assert!(restored.status.success(), "{}", said(&restored));
        assert!(
            said(&restored).contains("integrity check ok"),
            "{}",
            said(&restored)
        );
        let copy = server::database::open(&format!("sqlite://{}", target.database.display()), 1)
            .await
            .unwrap();
        let (cases,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM cases")
            .fetch_one(copy.reader())
            .await
            .unwrap();
        assert!(cases >= made.len() as i64);
        copy.close().await;

        let again = command(&["restore", "--from", to], &target);
        assert!(!again.status.success(), "a second restore must refuse");
        assert!(said(&again).contains("already"), "{}", said(&again));
    });
}
