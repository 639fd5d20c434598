//! Uploading and downloading case materials. Uploads are plain multipart form posts (so
//! they work without JavaScript; the browser adds a progress bar when it can). Each is
//! checked before it is kept: the declared size first (413 before any of the body is
//! read), then the bytes as they arrive, then the content type from the first bytes.
//! Files are stored under random names in the upload directory, which several servers
//! share when they run behind a load balancer.
use crate::AppState;
use app::accounts::access::Caller;
use app::cases::model::{clean_file_name, sniff_content_type};
use app::error::AppError;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use tokio::io::AsyncWriteExt;

/// Where uploads go and how large they may be.
#[derive(Clone, Debug)]
pub struct Uploads {
    pub dir: PathBuf,
    pub max_bytes: u64,
}

/// Multipart framing around the file itself (boundaries, part headers).
const FRAMING_ALLOWANCE: u64 = 64 * 1024;

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// An error as the caller understands it: JSON for scripts, the case page for browsers
/// without JavaScript (with the message key in the address so the page can show it).
fn refuse(status: StatusCode, error: AppError, json: bool, back: &str) -> Response {
    if json {
        let body = serde_json::to_string(&error).unwrap_or_default();
        (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
    } else {
        Redirect::to(&format!("{back}?upload_error={}", error.message_key())).into_response()
    }
}

/// `POST /cases/{id}/files/{field}` with a multipart body holding one part named `file`.
pub async fn upload(
    State(state): State<AppState>,
    Path((case_id, field_key)): Path<(i64, String)>,
    request: Request,
) -> Response {
    let json = wants_json(request.headers());
    let back = format!("/cases/{case_id}");
    let Some(caller) = request.extensions().get::<Caller>().cloned() else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let limit = state.uploads.max_bytes;
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit + FRAMING_ALLOWANCE) {
        return refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            AppError::invalid("file", "err_file_too_large"),
            json,
            &back,
        );
    }
    let row = match app::cases::store::upload_target(&state.db, case_id, &caller, &field_key).await
    {
        Ok(row) => row,
        Err(error) => {
            let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
            return refuse(status, error, json, &back);
        }
    };
    let mut multipart = match Multipart::from_request(request, &state).await {
        Ok(m) => m,
        Err(_) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                AppError::invalid("file", "err_file_missing"),
                json,
                &back,
            );
        }
    };
    match store_part(&state, &mut multipart, limit).await {
        Ok((stored_name, original_name, content_type, size, sha256)) => {
            let added = app::cases::store::add_file(
                &state.db,
                app::cases::store::NewFile {
                    case_id: row.id,
                    field_key: &field_key,
                    stored_name: &stored_name,
                    original_name: &original_name,
                    content_type,
                    size_bytes: size as i64,
                    sha256: &sha256,
                    uploaded_by: caller.account_id,
                },
            )
            .await;
            match added {
                Ok(file) if json => axum::Json(file).into_response(),
                Ok(_) => Redirect::to(&back).into_response(),
                Err(error) => {
                    let _ = tokio::fs::remove_file(state.uploads.dir.join(&stored_name)).await;
                    let status =
                        StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
                    refuse(status, error, json, &back)
                }
            }
        }
        Err((status, error)) => refuse(status, error, json, &back),
    }
}

type Stored = (String, String, &'static str, u64, String);

/// Streams the `file` part to a new file under a random name, counting and hashing as it
/// goes; anything too large or not a PDF, JPEG or PNG is removed again.
async fn store_part(
    state: &AppState,
    multipart: &mut Multipart,
    limit: u64,
) -> Result<Stored, (StatusCode, AppError)> {
    let bad = |key: &str| (StatusCode::BAD_REQUEST, AppError::invalid("file", key));
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return Err(bad("err_file_missing")),
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err((
                    StatusCode::PAYLOAD_TOO_LARGE,
                    AppError::invalid("file", "err_file_too_large"),
                ));
            }
            Err(_) => return Err(bad("err_file_missing")),
        };
        if field.name() != Some("file") {
            continue;
        }
        let original_name = clean_file_name(field.file_name().unwrap_or("file"));
        tokio::fs::create_dir_all(&state.uploads.dir)
            .await
            .map_err(|_| (StatusCode::INTERNAL_SERVER_ERROR, AppError::Internal))?;
        let stored_name = hex::encode(rand::random::<[u8; 16]>());
        let path = state.uploads.dir.join(&stored_name);
        let mut out = tokio::fs::File::create(&path)
            .await
            .map_err(|_| (StatusCode::INTERNAL_SERVER_ERROR, AppError::Internal))?;
        let mut size: u64 = 0;
        let mut head: Vec<u8> = Vec::with_capacity(16);
        let mut hasher = Sha256::new();
        let result: Result<(), (StatusCode, AppError)> = async {
            while let Some(chunk) = field.chunk().await.map_err(|_| bad("err_file_missing"))? {
                size += chunk.len() as u64;
                if size > limit {
                    return Err((
                        StatusCode::PAYLOAD_TOO_LARGE,
                        AppError::invalid("file", "err_file_too_large"),
                    ));
                }
                if head.len() < 16 {
                    let take = (16 - head.len()).min(chunk.len());
                    head.extend_from_slice(&chunk[..take]);
                }
                hasher.update(&chunk);
                out.write_all(&chunk)
                    .await
                    .map_err(|_| (StatusCode::INTERNAL_SERVER_ERROR, AppError::Internal))?;
            }
            Ok(())
        }
        .await;
        let content_type = match result {
            Err(e) => Err(e),
            Ok(()) if size == 0 => Err(bad("err_file_missing")),
            Ok(()) => sniff_content_type(&head).ok_or((
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                AppError::invalid("file", "err_file_type"),
            )),
        };
        match content_type {
            Ok(content_type) => {
                out.flush()
                    .await
                    .map_err(|_| (StatusCode::INTERNAL_SERVER_ERROR, AppError::Internal))?;
                return Ok((
                    stored_name,
                    original_name,
                    content_type,
                    size,
                    hex::encode(hasher.finalize()),
                ));
            }
            Err(e) => {
                drop(out);
                let _ = tokio::fs::remove_file(&path).await;
                return Err(e);
            }
        }
    }
}

/// `GET /files/{id}`: the file, to the applicant, the confirming employer and staff only.
pub async fn download(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    request: Request,
) -> Response {
    let Some(caller) = request.extensions().get::<Caller>().cloned() else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let file = match app::cases::store::file_for(&state.db, id, &caller).await {
        Ok(file) => file,
        Err(error) => {
            return StatusCode::from_u16(error.status())
                .unwrap_or(StatusCode::NOT_FOUND)
                .into_response();
        }
    };
    let bytes = match tokio::fs::read(state.uploads.dir.join(&file.stored_name)).await {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::error!(%error, file = id, "stored file missing");
            return StatusCode::NOT_FOUND.into_response();
        }
    };
    let ascii: String = file
        .original_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        app::format::url_encode(&file.original_name)
    );
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&file.content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}
