//! Uploading and downloading case materials. Uploads are plain multipart form posts (so
//! they work without JavaScript; the browser adds a progress bar when it can). Each is
//! checked before it is kept: the declared size first (413 before any of the body is
//! read), then the bytes as they arrive, then the content type from the first bytes.
//! Files are stored under random names in the upload directory, which several servers
//! share when they run behind a load balancer.
use crate::AppState;
use crate::caller::SignedIn;
use app::accounts::access::Caller;
use app::cases::model::{clean_file_name, sniff_content_type};
use app::common::files::StoredFile;
use app::error::AppError;
use app::notice::{Done, Notice};
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{MethodRouter, get};
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

/// Why an upload was refused. Each says what the person is told and the HTTP status it
/// goes with; the cause of a storage failure goes to the log, never to the person.
#[derive(Debug)]
enum UploadError {
    /// Larger than an upload may be (413).
    TooLarge,
    /// No file, an empty one, or a body that is not a multipart form (400).
    Missing,
    /// Not a PDF, JPEG or PNG (415).
    WrongType,
    /// The upload directory could not be written (500; the cause is logged where it
    /// happened).
    Storage,
    /// Refused by the rules of what the file is for, with that refusal's own status.
    Refused(AppError),
}

impl UploadError {
    fn status(&self) -> StatusCode {
        match self {
            UploadError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            UploadError::Missing => StatusCode::BAD_REQUEST,
            UploadError::WrongType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            UploadError::Storage => StatusCode::INTERNAL_SERVER_ERROR,
            UploadError::Refused(error) => {
                StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST)
            }
        }
    }

    /// The error as the person is told it.
    fn told(&self) -> AppError {
        match self {
            UploadError::TooLarge => AppError::invalid("file", "err_file_too_large"),
            UploadError::Missing => AppError::invalid("file", "err_file_missing"),
            UploadError::WrongType => AppError::invalid("file", "err_file_type"),
            UploadError::Storage => AppError::Internal,
            UploadError::Refused(error) => error.clone(),
        }
    }

    fn storage(error: std::io::Error) -> UploadError {
        tracing::error!(%error, "an upload could not be stored");
        UploadError::Storage
    }
}

impl From<AppError> for UploadError {
    fn from(error: AppError) -> Self {
        UploadError::Refused(error)
    }
}

impl From<axum::extract::multipart::MultipartError> for UploadError {
    fn from(error: axum::extract::multipart::MultipartError) -> Self {
        if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
            UploadError::TooLarge
        } else {
            UploadError::Missing
        }
    }
}

/// An error as the caller understands it: JSON for scripts; for browsers without
/// JavaScript the page the form was on, which says why at the top.
fn refuse(error: UploadError, json: bool, back: &str) -> Response {
    if json {
        return refuse_to(error, json, back);
    }
    let notice =
        Notice::parse(error.told().message_key()).unwrap_or(Notice::Refused("err_internal"));
    redirect_with(notice, back)
}

/// A browser's answer to a plain form post: on to `to`, which says `notice` at the top.
fn redirect_with(notice: Notice, to: &str) -> Response {
    (
        [(header::SET_COOKIE, app::notice::cookie(notice))],
        Redirect::to(to),
    )
        .into_response()
}

fn refuse_to(error: UploadError, json: bool, location: &str) -> Response {
    if json {
        let body = serde_json::to_string(&error.told()).unwrap_or_default();
        (
            error.status(),
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response()
    } else {
        Redirect::to(location).into_response()
    }
}

/// Whether the declared body is larger than an upload may be (checked before reading it).
fn declared_too_large(request: &Request, limit: u64) -> bool {
    request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .is_some_and(|length| length > limit + FRAMING_ALLOWANCE)
}

/// `POST /cases/{id}/files/{field}` with a multipart body holding one part named `file`.
pub async fn upload(
    State(state): State<AppState>,
    Path((case_id, field_key)): Path<(i64, String)>,
    SignedIn(caller): SignedIn,
    request: Request,
) -> Response {
    let json = wants_json(request.headers());
    let back = format!("/cases/{case_id}");
    // Who may upload is settled before any of the body is read.
    let row = match app::cases::store::upload_target(&state.db, case_id, &caller, &field_key).await
    {
        Ok(row) => row,
        Err(error) => return refuse(error.into(), json, &back),
    };
    let result = receive_and_record(&state, request, async |file: &Stored| {
        let new = file.as_material(row.id, &field_key, caller.account_id);
        app::cases::store::add_file(&state.db, new).await
    })
    .await;
    answer(result, json, &back, &back, Done::FileUploaded)
}

/// A file received and kept under a random name, not yet recorded anywhere: removed
/// again when dropped, unless [`Stored::keep`] says it was recorded.
struct Stored {
    stored_name: String,
    original_name: String,
    content_type: &'static str,
    size: u64,
    sha256: String,
    file: Partial,
}

/// A file in the upload directory that is removed when this is dropped before being
/// kept: whatever ends an upload early (a refused check, a failed write or flush, a
/// refused recording, the request given up half-way) leaves no file behind.
struct Partial {
    path: PathBuf,
    kept: bool,
}

impl Drop for Partial {
    fn drop(&mut self) {
        if !self.kept {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

impl Stored {
    fn size_bytes(&self) -> i64 {
        self.size as i64
    }

    /// The file is recorded: it stays.
    fn keep(mut self) {
        self.file.kept = true;
    }

    /// The file as a case material (`case_id` 0 for a concern's file).
    fn as_material<'a>(
        &'a self,
        case_id: i64,
        field_key: &'a str,
        uploaded_by: i64,
    ) -> app::common::files::NewFile<'a> {
        app::common::files::NewFile {
            case_id,
            field_key,
            stored_name: &self.stored_name,
            original_name: &self.original_name,
            content_type: self.content_type,
            size_bytes: self.size_bytes(),
            sha256: &self.sha256,
            uploaded_by,
        }
    }
}

async fn remove_stored(state: &AppState, stored_name: &str) {
    let _ = tokio::fs::remove_file(state.uploads.dir.join(stored_name)).await;
}

/// The step every single-file upload shares: receive and check the file, then `record`
/// it. If recording refuses, the new file is removed again; the older files it replaced
/// (their stored names are returned beside the answer) are removed once it is recorded.
async fn receive_and_record<T>(
    state: &AppState,
    request: Request,
    record: impl AsyncFnOnce(&Stored) -> Result<(T, Vec<String>), AppError>,
) -> Result<T, UploadError> {
    let file = receive_file(state, request).await?;
    match record(&file).await {
        Ok((answer, replaced)) => {
            file.keep();
            for old in replaced {
                remove_stored(state, &old).await;
            }
            Ok(answer)
        }
        Err(error) => Err(error.into()),
    }
}

/// The answer to an upload: JSON for scripts; for browsers a redirect to `done`, or on
/// refusal back to `back` with the message.
fn answer<T: serde::Serialize>(
    result: Result<T, UploadError>,
    json: bool,
    back: &str,
    done: &str,
    said: Done,
) -> Response {
    match result {
        Ok(value) if json => axum::Json(value).into_response(),
        Ok(_) => redirect_with(Notice::Done(said), done),
        Err(error) => refuse(error, json, back),
    }
}

/// Receives the one file of a multipart upload: refused before reading when the declared
/// size is too large, then streamed and checked by [`store_part`].
async fn receive_file(state: &AppState, request: Request) -> Result<Stored, UploadError> {
    let limit = state.uploads.max_bytes;
    if declared_too_large(&request, limit) {
        return Err(UploadError::TooLarge);
    }
    let mut multipart = Multipart::from_request(request, state)
        .await
        .map_err(|_| UploadError::Missing)?;
    store_part(state, &mut multipart, limit).await
}

/// Finds the `file` part and stores it (see [`store_field`]).
async fn store_part(
    state: &AppState,
    multipart: &mut Multipart,
    limit: u64,
) -> Result<Stored, UploadError> {
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                return store_field(state, field, limit).await;
            }
            Ok(Some(_)) => continue,
            Ok(None) => return Err(UploadError::Missing),
            Err(e) => return Err(e.into()),
        }
    }
}

/// Streams one file part to a new file under a random name, counting and hashing as it
/// goes; anything too large or not a PDF, JPEG or PNG is removed again (as is the file
/// on any other error: see [`Partial`]).
async fn store_field(
    state: &AppState,
    mut field: axum::extract::multipart::Field<'_>,
    limit: u64,
) -> Result<Stored, UploadError> {
    let original_name = clean_file_name(field.file_name().unwrap_or("file"));
    tokio::fs::create_dir_all(&state.uploads.dir)
        .await
        .map_err(UploadError::storage)?;
    let stored_name = hex::encode(rand::random::<[u8; 16]>());
    let path = state.uploads.dir.join(&stored_name);
    // The guard comes first: a request given up while the file is being created still
    // removes it.
    let file = Partial {
        path: path.clone(),
        kept: false,
    };
    let mut out = tokio::fs::File::create(&path)
        .await
        .map_err(UploadError::storage)?;
    let mut size: u64 = 0;
    let mut head: Vec<u8> = Vec::with_capacity(16);
    let mut hasher = Sha256::new();
    while let Some(chunk) = field.chunk().await? {
        size += chunk.len() as u64;
        if size > limit {
            return Err(UploadError::TooLarge);
        }
        if head.len() < 16 {
            let take = (16 - head.len()).min(chunk.len());
            head.extend_from_slice(&chunk[..take]);
        }
        hasher.update(&chunk);
        out.write_all(&chunk).await.map_err(UploadError::storage)?;
    }
    if size == 0 {
        return Err(UploadError::Missing);
    }
    let content_type = sniff_content_type(&head).ok_or(UploadError::WrongType)?;
    out.flush().await.map_err(UploadError::storage)?;
    Ok(Stored {
        stored_name,
        original_name,
        content_type,
        size,
        sha256: hex::encode(hasher.finalize()),
        file,
    })
}

/// `POST /employer/licence`: an enterprise uploads its business licence (multipart part
/// `file`, same rules as case materials), replacing any earlier one.
pub async fn upload_licence(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    request: Request,
) -> Response {
    let json = wants_json(request.headers());
    let back = "/employer/jobs";
    if caller.role != app::accounts::model::Role::Enterprise {
        return refuse(AppError::Forbidden.into(), json, back);
    }
    let result = receive_and_record(&state, request, async |file: &Stored| {
        let licence = app::enterprises::store::NewLicence {
            stored_name: &file.stored_name,
            original_name: &file.original_name,
            content_type: file.content_type,
            size_bytes: file.size_bytes(),
            sha256: &file.sha256,
        };
        let replaced = app::enterprises::store::set_licence(&state.db, &caller, &licence).await?;
        Ok((file.original_name.clone(), replaced.into_iter().collect()))
    })
    .await;
    answer(result, json, back, back, Done::LicenceUploaded)
}

/// `POST /jobs/{id}/apply`: a talent's application, a multipart form with `note` and an
/// optional `file` (the CV, same rules as case materials). Without JavaScript a refusal
/// sends the talent back to the post with the message and the note they typed.
pub async fn apply(
    State(state): State<AppState>,
    Path(post_id): Path<i64>,
    caller: Option<SignedIn>,
    request: Request,
) -> Response {
    let json = wants_json(request.headers());
    let Some(SignedIn(caller)) = caller else {
        return if json {
            StatusCode::UNAUTHORIZED.into_response()
        } else {
            Redirect::to(&format!("/signin?next=/jobs/{post_id}")).into_response()
        };
    };
    let back = |error: &UploadError, note: &str| {
        let mut location = format!("/jobs/{post_id}?apply_error={}", error.told().message_key());
        if !note.is_empty() {
            location.push_str("&note=");
            location.push_str(&app::format::url_encode(note));
        }
        location
    };
    let limit = state.uploads.max_bytes;
    let refuse_with = |error: UploadError, note: &str| {
        let location = back(&error, note);
        refuse_to(error, json, &location)
    };
    if declared_too_large(&request, limit) {
        return refuse_with(UploadError::TooLarge, "");
    }
    if let Err(error) = app::jobs::store::may_apply(&state.db, &caller, post_id).await {
        return refuse_with(error.into(), "");
    }
    let mut multipart = match Multipart::from_request(request, &state).await {
        Ok(m) => m,
        Err(_) => return refuse_with(AppError::invalid("note", "err_required").into(), ""),
    };
    let mut note = String::new();
    let mut cv: Option<Stored> = None;
    let mut failure: Option<UploadError> = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("note") => match field.text().await {
                Ok(text) => note = text.chars().take(app::jobs::model::MAX_NOTE + 1).collect(),
                Err(e) => failure = Some(e.into()),
            },
            // A file input left empty still sends a part, with no file name.
            Ok(Some(field))
                if field.name() == Some("file")
                    && field.file_name().is_some_and(|n| !n.is_empty())
                    && cv.is_none() =>
            {
                match store_field(&state, field, limit).await {
                    Ok(stored) => cv = Some(stored),
                    Err(e) => failure = Some(e),
                }
            }
            Ok(Some(_)) => continue,
            Ok(None) => break,
            Err(e) => failure = Some(e.into()),
        }
        if failure.is_some() {
            break;
        }
    }
    // A CV not recorded in the end is removed when `cv` is dropped.
    let note = match (failure, app::jobs::model::check_note(&note)) {
        (Some(error), _) => return refuse_with(error, &note),
        (None, Err(error)) => return refuse_with(AppError::from(error).into(), ""),
        (None, Ok(note)) => note,
    };
    let new_cv = cv.as_ref().map(|file| app::jobs::store::NewCv {
        stored_name: &file.stored_name,
        original_name: &file.original_name,
        content_type: file.content_type,
        size_bytes: file.size_bytes(),
        sha256: &file.sha256,
    });
    let applied = app::jobs::store::apply(&state.db, &caller, post_id, &note, new_cv).await;
    if applied.is_ok()
        && let Some(cv) = cv
    {
        cv.keep();
    }
    match applied {
        Ok(id) if json => axum::Json(id).into_response(),
        Ok(_) => redirect_with(Notice::Done(Done::JobApplied), "/jobs/applications"),
        Err(error) => refuse_with(error.into(), &note),
    }
}

/// The files a download link can name, each with who may have it.
#[derive(Clone, Copy, Debug)]
pub enum Download {
    /// `/files/{id}`: a case's material, to the applicant, the confirming employer (the
    /// fields shown to them) and staff.
    Material,
    /// `/files/cv/{application_id}`: a CV, to the talent, the post's enterprise and staff.
    Cv,
    /// `/files/concern/{id}`: a concern's attachment, to its requester and staff.
    ConcernFile,
    /// `/files/plan/{application_id}`: a business plan, to its team and staff.
    BusinessPlan,
    /// `/files/licence/{enterprise_id}`: a business licence, to its enterprise and staff.
    Licence,
}

impl Download {
    async fn find(
        self,
        db: &app::db::Db,
        id: i64,
        caller: &Caller,
    ) -> Result<StoredFile, AppError> {
        match self {
            Download::Material => app::cases::store::file_for(db, id, caller).await,
            Download::Cv => app::jobs::store::cv_for(db, id, caller).await,
            Download::ConcernFile => app::concerns::store::file_for(db, id, caller).await,
            Download::BusinessPlan => app::incubation::store::plan_for(db, id, caller).await,
            Download::Licence => app::enterprises::store::licence_for(db, id, caller).await,
        }
    }
}

/// `GET` of a file of `kind`, if the caller may have it.
pub fn download(kind: Download) -> MethodRouter<AppState> {
    get(
        move |State(state): State<AppState>, Path(id): Path<i64>, SignedIn(caller): SignedIn| async move {
            send(&state, kind.find(&state.db, id, &caller).await, id).await
        },
    )
}

/// Sends a stored file as a download that browsers will not try to render.
async fn send(state: &AppState, file: Result<StoredFile, AppError>, id: i64) -> Response {
    let file = match file {
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

/// `POST /concerns/{id}/files`: the requester or staff attach a file to an unfinished
/// concern (same rules as case materials).
pub async fn upload_concern_file(
    State(state): State<AppState>,
    Path(concern_id): Path<i64>,
    SignedIn(caller): SignedIn,
    request: Request,
) -> Response {
    let json = wants_json(request.headers());
    let back = format!("/concerns/{concern_id}");
    if let Err(error) = app::concerns::store::attach_target(&state.db, concern_id, &caller).await {
        return refuse(error.into(), json, &back);
    }
    let result = receive_and_record(&state, request, async |file: &Stored| {
        let new = file.as_material(0, "concern", caller.account_id);
        let added = app::concerns::store::add_file(&state.db, concern_id, &caller, &new).await?;
        Ok((added, Vec::new()))
    })
    .await;
    answer(result, json, &back, &back, Done::FileUploaded)
}

/// `POST /incubation/applications/{id}/plan`: the team's lead uploads the business plan
/// (PDF only) while the application awaits a decision; a new upload replaces the old.
pub async fn upload_business_plan(
    State(state): State<AppState>,
    Path(application): Path<i64>,
    SignedIn(caller): SignedIn,
    request: Request,
) -> Response {
    let json = wants_json(request.headers());
    let back = "/incubation/teams";
    if let Err(error) = app::incubation::store::plan_target(&state.db, application, &caller).await {
        return refuse(error.into(), json, back);
    }
    let result = receive_and_record(&state, request, async |file: &Stored| {
        if file.content_type != "application/pdf" {
            return Err(AppError::invalid("file", "err_plan_pdf"));
        }
        let replaced = app::incubation::store::set_plan(
            &state.db,
            application,
            &file.stored_name,
            &file.original_name,
        )
        .await?;
        Ok((file.original_name.clone(), replaced.into_iter().collect()))
    })
    .await;
    answer(result, json, back, back, Done::FileUploaded)
}

/// `POST /bundles/applications/{id}/files/{field}`: one material of a bundle application,
/// uploaded once and attached to every case of it whose form takes that file.
pub async fn upload_to_bundle(
    State(state): State<AppState>,
    Path((bundle_id, field_key)): Path<(i64, String)>,
    SignedIn(caller): SignedIn,
    request: Request,
) -> Response {
    let json = wants_json(request.headers());
    let back = format!("/bundles/applications/{bundle_id}");
    let targets = match app::bundles::store::upload_targets(
        &state.db, bundle_id, &caller, &field_key,
    )
    .await
    {
        Ok(targets) => targets,
        Err(error) => return refuse(error.into(), json, &back),
    };
    let result = receive_and_record(&state, request, async |file: &Stored| {
        // Each case holds its own stored file (stored names are unique): the others are
        // hard links to the upload, so the bytes are kept once.
        let mut names = vec![file.stored_name.clone()];
        let mut links = Vec::new();
        for _ in 1..targets.len() {
            match link_to(&state, &file.stored_name).await {
                Ok(link) => {
                    names.push(link.name.clone());
                    links.push(link);
                }
                Err(_) => return Err(AppError::Internal),
            }
        }
        let new = file.as_material(0, &field_key, caller.account_id);
        let recorded = app::bundles::store::add_shared_file(&state.db, &targets, &names, new).await;
        if recorded.is_ok() {
            links.into_iter().for_each(Link::keep);
        }
        recorded
    })
    .await;
    answer(result, json, &back, &back, Done::FileUploaded)
}

/// Another name for a stored file, removed again when dropped unless kept.
struct Link {
    name: String,
    file: Partial,
}

impl Link {
    fn keep(mut self) {
        self.file.kept = true;
    }
}

/// A hard link to stored file `stored_name` under a new random name (a copy where the
/// file system has no hard links).
async fn link_to(state: &AppState, stored_name: &str) -> std::io::Result<Link> {
    let name = hex::encode(rand::random::<[u8; 16]>());
    let from = state.uploads.dir.join(stored_name);
    let to = state.uploads.dir.join(&name);
    let file = Partial {
        path: to.clone(),
        kept: false,
    };
    if tokio::fs::hard_link(&from, &to).await.is_err() {
        tokio::fs::copy(&from, &to).await?;
    }
    Ok(Link { name, file })
}
