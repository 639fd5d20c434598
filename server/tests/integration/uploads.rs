//! Uploading and downloading case materials, on SQLite and PostgreSQL: size and type are
//! checked on the server from the bytes, names cannot reach outside the upload directory,
//! and only the applicant, the confirming employer and staff can download.
use crate::common;

use app::cases::model::CaseDetail;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{TINY_PDF, TestApp, UPLOAD_LIMIT};

on_both_databases!(
    a_pdf_is_stored_and_served_only_to_those_allowed,
    uploads_are_checked_by_size_and_content,
);

const PASSWORD: &str = app::demo::DEMO_PASSWORD;

async fn draft(app: &TestApp, cookie: &str) -> i64 {
    let response = app
        .call(
            "/api/cases/start",
            &[("code", "LJ-GRAD-RESETTLE")],
            Some(cookie),
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    response.body.trim().parse().unwrap()
}

async fn detail(app: &TestApp, cookie: &str, id: i64) -> CaseDetail {
    let response = app
        .call(
            "/api/cases/detail",
            &[("id", &id.to_string())],
            Some(cookie),
        )
        .await;
    serde_json::from_str(&response.body).expect(&response.body)
}

/// The first file field of the graduate subsidy's form.
fn file_field(case: &CaseDetail) -> String {
    case.item
        .form
        .iter()
        .find(|f| matches!(f.kind, app::catalogue::model::FieldKind::File))
        .expect("the graduate subsidy asks for a file")
        .key
        .clone()
}

async fn a_pdf_is_stored_and_served_only_to_those_allowed(app: TestApp) {
    app::demo::seed(&app.db).await.unwrap();
    let talent = app.sign_in("talent@demo.hub", PASSWORD).await;
    let id = draft(&app, &talent).await;
    let field = file_field(&detail(&app, &talent, id).await);
    let path = format!("/cases/{id}/files/{field}");

    // A name that tries to climb out of the upload directory is only a name.
    let response = app
        .upload(&path, "../../etc/passwd.pdf", TINY_PDF, &talent)
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let file: app::cases::model::CaseFile = serde_json::from_str(&response.body).unwrap();
    assert_eq!(file.name, "passwd.pdf");
    let stored: (String, String) =
        sqlx::query_as("SELECT stored_name, sha256 FROM case_files WHERE id = $1")
            .bind(file.id)
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(stored.0.len(), 32);
    assert!(stored.0.bytes().all(|b| b.is_ascii_hexdigit()));
    let on_disk = app.site_root().join("uploads").join(&stored.0);
    assert_eq!(std::fs::read(&on_disk).unwrap(), TINY_PDF);
    assert_eq!(stored.1.len(), 64, "a SHA-256 checksum is kept");
    // The file answers its form field.
    let case = detail(&app, &talent, id).await;
    assert_eq!(case.answers.get(&field), Some(&file.id.to_string()));
    assert_eq!(case.files.len(), 1);

    // The applicant downloads it, as an attachment that browsers do not sniff.
    let download = app.get_as(&format!("/files/{}", file.id), &talent).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.header("content-type"), "application/pdf");
    assert!(
        download
            .header("content-disposition")
            .starts_with("attachment;")
    );
    assert!(
        download
            .header("content-disposition")
            .contains("passwd.pdf")
    );
    assert_eq!(download.header("x-content-type-options"), "nosniff");
    assert_eq!(download.body.as_bytes(), TINY_PDF);

    // Drafts are private even from staff; nobody else gets it at all.
    let staff = app.sign_in("staff@demo.hub", PASSWORD).await;
    assert_eq!(
        app.get_as(&format!("/files/{}", file.id), &staff)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let other = app
        .call(
            "/api/accounts/register_talent",
            &[
                ("display_name", "张伟"),
                ("login", "zw@example.cn"),
                ("password", "lantern river 2026"),
            ],
            None,
        )
        .await
        .session_cookie()
        .unwrap();
    assert_eq!(
        app.get_as(&format!("/files/{}", file.id), &other)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.upload(&path, "x.pdf", TINY_PDF, &other).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&format!("/files/{}", file.id)).await.status,
        StatusCode::UNAUTHORIZED
    );
    // Only file fields of the form take files.
    let wrong = app
        .upload(
            &format!("/cases/{id}/files/bank_account"),
            "x.pdf",
            TINY_PDF,
            &talent,
        )
        .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
}

async fn uploads_are_checked_by_size_and_content(app: TestApp) {
    app::demo::seed(&app.db).await.unwrap();
    let talent = app.sign_in("talent@demo.hub", PASSWORD).await;
    let id = draft(&app, &talent).await;
    let field = file_field(&detail(&app, &talent, id).await);
    let path = format!("/cases/{id}/files/{field}");

    // An executable renamed .pdf is refused and nothing is kept.
    let exe = [b"MZ\x90\x00\x03\x00\x00\x00".as_slice(), &[0u8; 200]].concat();
    let refused = app.upload(&path, "cv.pdf", &exe, &talent).await;
    assert_eq!(refused.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(refused.body.contains("err_file_type"));

    // Too large by its declared length: refused before the body is read.
    let declared = Request::post(&path)
        .header("content-type", "multipart/form-data; boundary=x")
        .header("content-length", (UPLOAD_LIMIT * 4).to_string())
        .header("accept", "application/json")
        .header("cookie", &talent)
        .body(Body::from("--x--"))
        .unwrap();
    assert_eq!(
        app.send(declared).await.status,
        StatusCode::PAYLOAD_TOO_LARGE
    );

    // Too large as it arrives (a sender may not say how much is coming).
    let big = [TINY_PDF, &vec![b' '; UPLOAD_LIMIT as usize + 1]].concat();
    let too_big = app.upload(&path, "big.pdf", &big, &talent).await;
    assert_eq!(
        too_big.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        too_big.body
    );

    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM case_files")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!(count, 0);
    let left: Vec<_> = std::fs::read_dir(app.site_root().join("uploads"))
        .map(|dir| dir.collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "refused uploads leave no file behind");

    // A JPEG and a PNG are fine.
    let jpeg = [&[0xFF, 0xD8, 0xFF, 0xE0][..], &[0u8; 64]].concat();
    assert_eq!(
        app.upload(&path, "photo.jpg", &jpeg, &talent).await.status,
        StatusCode::OK
    );
    let png = [&b"\x89PNG\r\n\x1a\n"[..], &[0u8; 64]].concat();
    assert_eq!(
        app.upload(&path, "scan.png", &png, &talent).await.status,
        StatusCode::OK
    );
}
