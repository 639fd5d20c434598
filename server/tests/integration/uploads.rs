//! Uploading and downloading case materials, on SQLite and PostgreSQL: size and type are
//! checked on the server from the bytes, names cannot reach outside the upload directory,
//! and only the applicant, the confirming employer and staff can download.
use crate::common;

use app::cases::api::{LoadCase, SaveApplication, StartApplication};
use app::cases::model::{Answers, CaseDetail};
use app::concerns::api::RaiseConcern;
use app::concerns::model::ConcernForm;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{TINY_PDF, TestApp, UPLOAD_LIMIT};

on_both_databases!(
    a_pdf_is_stored_and_served_only_to_those_allowed,
    uploads_are_checked_by_size_and_content,
    a_new_upload_replaces_the_fields_file,
    a_case_and_a_concern_hold_a_bounded_number_of_files,
    file_names_lose_their_direction_controls,
    an_upload_given_up_half_way_leaves_no_file,
    parallel_uploads_and_saves_keep_every_file_answer,
);

const PASSWORD: &str = app::demo::DEMO_PASSWORD;

async fn draft(app: &TestApp, cookie: &str) -> i64 {
    let response = app
        .call(
            StartApplication {
                code: "LJ-GRAD-RESETTLE".into(),
            },
            Some(cookie),
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    response.body.trim().parse().unwrap()
}

async fn detail(app: &TestApp, cookie: &str, id: i64) -> CaseDetail {
    let response = app.call(LoadCase { id }, Some(cookie)).await;
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
        .register(app::accounts::api::RegisterTalent {
            display_name: "张伟".into(),
            login: "zw@example.cn".into(),
            password: "lantern river 2026".into(),
            next: None,
        })
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

/// The files in the test server's upload directory.
fn files_on_disk(app: &TestApp) -> usize {
    std::fs::read_dir(app.site_root().join("uploads"))
        .map(|dir| dir.count())
        .unwrap_or(0)
}

async fn a_new_upload_replaces_the_fields_file(app: TestApp) {
    app::demo::seed(&app.db).await.unwrap();
    let talent = app.sign_in("talent@demo.hub", PASSWORD).await;
    let id = draft(&app, &talent).await;
    let field = file_field(&detail(&app, &talent, id).await);
    let path = format!("/cases/{id}/files/{field}");
    let mut last = None;
    for round in 0..5 {
        let response = app
            .upload(&path, &format!("合同{round}.pdf"), TINY_PDF, &talent)
            .await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.body);
        let file: app::cases::model::CaseFile = serde_json::from_str(&response.body).unwrap();
        last = Some(file);
    }
    let last = last.unwrap();
    // One row, one file, and the field answered by the last upload.
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, stored_name FROM case_files WHERE case_id = $1")
            .bind(id)
            .fetch_all(app.db.reader())
            .await
            .unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].0, last.id);
    assert_eq!(files_on_disk(&app), 1);
    assert!(app.site_root().join("uploads").join(&rows[0].1).exists());
    let case = detail(&app, &talent, id).await;
    assert_eq!(case.answers.get(&field), Some(&last.id.to_string()));
    assert_eq!(case.files.len(), 1);
    assert_eq!(case.files[0].name, "合同4.pdf");
}

async fn a_case_and_a_concern_hold_a_bounded_number_of_files(app: TestApp) {
    use app::cases::model::{CASE_QUOTA, CONCERN_QUOTA, CaseState};
    use common::cases::{act, apply, ok, people, state_of};
    let p = people(&app).await;

    // A case asked for more material takes supplements up to its quota, then no more.
    let case = apply(&app, &p.talent, "LJ-GRAD-RESETTLE").await;
    let id = case.summary.id;
    let _ = act(&app, &p.employer, id, "confirm", &[]).await;
    assert_eq!(
        state_of(&act(&app, &p.staff, id, "accept", &[]).await),
        CaseState::UnderReview
    );
    let asked = act(
        &app,
        &p.staff,
        id,
        "request_supplement",
        &[("reason", "请补充材料")],
    )
    .await;
    assert_eq!(state_of(&asked), CaseState::SupplementRequested);
    let supplement = format!("/cases/{id}/files/supplement");
    let held = detail(&app, &p.talent, id).await.files.len() as i64;
    for _ in held..CASE_QUOTA.files {
        ok(&app
            .upload(&supplement, "补充.pdf", TINY_PDF, &p.talent)
            .await);
    }
    let over = app
        .upload(&supplement, "补充.pdf", TINY_PDF, &p.talent)
        .await;
    assert_eq!(over.status, StatusCode::BAD_REQUEST, "{}", over.body);
    assert!(over.body.contains("err_case_files_full"), "{}", over.body);
    assert_eq!(
        detail(&app, &p.talent, id).await.files.len() as i64,
        CASE_QUOTA.files
    );
    assert_eq!(files_on_disk(&app) as i64, CASE_QUOTA.files);
    // Without JavaScript the refusal comes back to the case page, which says why.
    let page = app
        .multipart(
            &supplement,
            &[],
            Some(("补充.pdf", TINY_PDF)),
            &p.talent,
            false,
        )
        .await;
    assert!(
        page.header("location").ends_with(&format!("/cases/{id}")),
        "{:?}",
        page.headers
    );
    assert_eq!(
        page.cookie("hub_notice").as_deref(),
        Some("hub_notice=err_case_files_full")
    );

    // A concern takes its quota of attachments, whoever sends them.
    let raised = app
        .call(
            RaiseConcern {
                form: ConcernForm {
                    kind: "complaint".into(),
                    subject: "材料反复被退回".into(),
                    text: "见附件。".into(),
                    ..Default::default()
                },
            },
            Some(&p.talent),
        )
        .await;
    ok(&raised);
    let number: String = serde_json::from_str(&raised.body).unwrap();
    let (concern,): (i64,) = sqlx::query_as("SELECT id FROM concerns WHERE number = $1")
        .bind(&number)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    let attach = format!("/concerns/{concern}/files");
    for i in 0..CONCERN_QUOTA.files {
        let who = if i % 2 == 0 { &p.talent } else { &p.staff };
        ok(&app.upload(&attach, "附件.pdf", TINY_PDF, who).await);
    }
    for who in [&p.talent, &p.staff] {
        let over = app.upload(&attach, "附件.pdf", TINY_PDF, who).await;
        assert_eq!(over.status, StatusCode::BAD_REQUEST, "{}", over.body);
        assert!(
            over.body.contains("err_concern_files_full"),
            "{}",
            over.body
        );
    }
    let (rows,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM concern_files WHERE concern_id = $1")
            .bind(concern)
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(rows, CONCERN_QUOTA.files);
    assert_eq!(
        files_on_disk(&app) as i64,
        CASE_QUOTA.files + CONCERN_QUOTA.files,
        "refused attachments are not kept"
    );
}

async fn file_names_lose_their_direction_controls(app: TestApp) {
    app::demo::seed(&app.db).await.unwrap();
    let talent = app.sign_in("talent@demo.hub", PASSWORD).await;
    let enterprise = app.sign_in("hr@demo-auto.hub", PASSWORD).await;
    // Shown as written, this reads "invoiceexe.pdf"; it is a PDF called "invoicefdp.exe".
    let disguised = "invoice\u{202E}fdp.exe";
    let shown = "invoicefdp.exe";

    let id = draft(&app, &talent).await;
    let field = file_field(&detail(&app, &talent, id).await);
    let uploaded = app
        .upload(
            &format!("/cases/{id}/files/{field}"),
            disguised,
            TINY_PDF,
            &talent,
        )
        .await;
    assert_eq!(uploaded.status, StatusCode::OK, "{}", uploaded.body);
    let (name,): (String,) =
        sqlx::query_as("SELECT original_name FROM case_files WHERE case_id = $1")
            .bind(id)
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(name, shown);

    let raised = app
        .call(
            RaiseConcern {
                form: ConcernForm {
                    kind: "complaint".into(),
                    subject: "发票问题".into(),
                    text: "见附件。".into(),
                    ..Default::default()
                },
            },
            Some(&talent),
        )
        .await;
    let number: String = serde_json::from_str(&raised.body).expect(&raised.body);
    let (concern,): (i64,) = sqlx::query_as("SELECT id FROM concerns WHERE number = $1")
        .bind(&number)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    let attached = app
        .upload(
            &format!("/concerns/{concern}/files"),
            "\u{2067}发票\u{2069}\u{200F}.pdf",
            TINY_PDF,
            &talent,
        )
        .await;
    assert_eq!(attached.status, StatusCode::OK, "{}", attached.body);
    let (name, line): (String, String) = sqlx::query_as(
        "SELECT f.original_name, m.text FROM concern_files f \
         JOIN concern_messages m ON m.concern_id = f.concern_id AND m.action = 'attach' \
         WHERE f.concern_id = $1",
    )
    .bind(concern)
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!((name.as_str(), line.as_str()), ("发票.pdf", "发票.pdf"));

    let licence = app
        .upload(
            "/employer/licence",
            "\u{202D}营业执照\u{202C}.pdf",
            TINY_PDF,
            &enterprise,
        )
        .await;
    assert_eq!(licence.status, StatusCode::OK, "{}", licence.body);
    let (name,): (String,) = sqlx::query_as(
        "SELECT l.original_name FROM enterprise_licences l JOIN accounts a ON a.id = l.account_id \
         WHERE a.email = 'hr@demo-auto.hub'",
    )
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(name, "营业执照.pdf");
}

async fn an_upload_given_up_half_way_leaves_no_file(app: TestApp) {
    use futures_util::StreamExt;
    app::demo::seed(&app.db).await.unwrap();
    let talent = app.sign_in("talent@demo.hub", PASSWORD).await;
    let id = draft(&app, &talent).await;
    let field = file_field(&detail(&app, &talent, id).await);
    // A body whose file part starts and then never ends (a sender gone quiet).
    let boundary = "----hub-test-boundary";
    let mut head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\
         Content-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    head.extend_from_slice(TINY_PDF);
    head.extend_from_slice(&[b' '; 16 * 1024]);
    let body = futures_util::stream::iter([Ok::<_, std::io::Error>(axum::body::Bytes::from(head))])
        .chain(futures_util::stream::pending());
    let request = Request::post(format!("/cases/{id}/files/{field}"))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header("accept", "application/json")
        .header("cookie", &talent)
        .body(Body::from_stream(body))
        .unwrap();
    let mut upload = Box::pin(tower::ServiceExt::oneshot(app.router.clone(), request));
    let started = async {
        while files_on_disk(&app) == 0 {
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
    };
    tokio::select! {
        _ = &mut upload => panic!("an upload whose body never ends cannot finish"),
        waited = tokio::time::timeout(std::time::Duration::from_secs(20), started) => {
            waited.expect("the upload starts writing its file");
        }
    }
    // The server gives up on the request (as when the connection drops).
    drop(upload);
    assert_eq!(files_on_disk(&app), 0, "a half-received file is removed");
    let (rows,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM case_files")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!(rows, 0);
}

async fn parallel_uploads_and_saves_keep_every_file_answer(app: TestApp) {
    use app::catalogue::model::{FieldKind, FormField};
    use app::common::text::Text;
    app::demo::seed(&app.db).await.unwrap();
    // A version of the graduate subsidy asking for two files.
    let mut item = app::catalogue::store::find_published(&app.db, "LJ-GRAD-RESETTLE")
        .await
        .unwrap()
        .unwrap();
    let first = item
        .form
        .iter()
        .find(|f| matches!(f.kind, FieldKind::File))
        .unwrap()
        .key
        .clone();
    let second = "degree_scan".to_string();
    item.form.push(FormField {
        key: second.clone(),
        label: Text {
            zh: "学位证书".into(),
            en: "Degree certificate".into(),
        },
        help: Text::default(),
        required: false,
        employer_sees: false,
        kind: FieldKind::File,
    });
    app::catalogue::store::publish(&app.db, &item)
        .await
        .unwrap();
    let talent = app.sign_in("talent@demo.hub", PASSWORD).await;
    let id = draft(&app, &talent).await;
    let paths = [first.clone(), second.clone()].map(|f| format!("/cases/{id}/files/{f}"));
    for round in 0..5 {
        // Two files at once, each answering its own field.
        let (a, b) = tokio::join!(
            app.upload(&paths[0], "a.pdf", TINY_PDF, &talent),
            app.upload(&paths[1], "b.pdf", TINY_PDF, &talent),
        );
        assert_eq!(
            (a.status, b.status),
            (StatusCode::OK, StatusCode::OK),
            "{} {}",
            a.body,
            b.body
        );
        let a: app::cases::model::CaseFile = serde_json::from_str(&a.body).unwrap();
        let b: app::cases::model::CaseFile = serde_json::from_str(&b.body).unwrap();
        let case = detail(&app, &talent, id).await;
        assert_eq!(
            case.answers.get(&first),
            Some(&a.id.to_string()),
            "round {round}"
        );
        assert_eq!(
            case.answers.get(&second),
            Some(&b.id.to_string()),
            "round {round}"
        );

        // A save of the form racing an upload: the save keeps the new file's answer.
        let save = SaveApplication {
            id,
            version: case.summary.version,
            answers: Answers::from([("university".to_string(), "重庆大学".to_string())]),
            next: String::new(),
        };
        let (c, saved) = tokio::join!(
            app.upload(&paths[0], "c.pdf", TINY_PDF, &talent),
            app.call(save, Some(&talent)),
        );
        assert_eq!(c.status, StatusCode::OK, "{}", c.body);
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        let c: app::cases::model::CaseFile = serde_json::from_str(&c.body).unwrap();
        let case = detail(&app, &talent, id).await;
        assert_eq!(
            case.answers.get(&first),
            Some(&c.id.to_string()),
            "round {round}"
        );
        assert_eq!(
            case.answers.get(&second),
            Some(&b.id.to_string()),
            "round {round}"
        );
        assert_eq!(
            case.answers.get("university").map(String::as_str),
            Some("重庆大学")
        );
    }
    // A save made from an older reading of the form is refused, not applied.
    let stale = app
        .call(
            SaveApplication {
                id,
                version: 1,
                answers: Answers::from([("university".to_string(), "旧".to_string())]),
                next: String::new(),
            },
            Some(&talent),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
    assert_eq!(files_on_disk(&app), 2, "replaced files are removed");
}
