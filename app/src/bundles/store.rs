//! Bundles and their applications (ssr only). Starting, saving and submitting a bundle
//! application each change all its cases in one transaction, conditional on the version
//! of the application that was read: one submission creates every case, or none.
use super::model::*;
use crate::accounts::access::Caller;
use crate::cases::model::{Answers, CaseFile, Transition, TransitionInput};
use crate::catalogue::model::{Applicant, FieldKind, ServiceItem};
use crate::common::files::NewFile;
use crate::common::text::Text;
use crate::db::{Db, now_ms};
use crate::editing::{AdminEntry, EditStatus, Editing, Saved};
use crate::error::AppError;
use sqlx::AnyConnection;

fn parse(body: &str) -> Result<Bundle, AppError> {
    serde_json::from_str(body).map_err(|_| AppError::Internal)
}

/// The body of bundle `code` if the row meets `condition`.
async fn body_where(db: &Db, code: &str, condition: &str) -> Result<Option<Bundle>, AppError> {
    let row: Option<(String,)> = sqlx::query_as(&format!(
        "SELECT body FROM bundles WHERE code = $1 AND {condition}"
    ))
    .bind(code)
    .fetch_optional(db.reader())
    .await?;
    row.map(|(body,)| parse(&body)).transpose()
}

/// The bundle `code` as last published, also once retired (its applications stay
/// readable); `None` if it was never published.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn find(db: &Db, code: &str) -> Result<Option<Bundle>, AppError> {
    body_where(db, code, "body <> ''").await
}

/// The bundle `code` if it is offered: published and not retired.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn find_offered(db: &Db, code: &str) -> Result<Option<Bundle>, AppError> {
    body_where(db, code, "published = 1").await
}

/// Every bundle offered, by code.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn all(db: &Db) -> Result<Vec<Bundle>, AppError> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT body FROM bundles WHERE published = 1 ORDER BY code")
            .fetch_all(db.reader())
            .await?;
    rows.iter().map(|(body,)| parse(body)).collect()
}

/// Whether every item of `bundle` is a published item for talents (one person applies
/// for a bundle).
async fn check_items(db: &Db, bundle: &Bundle) -> Result<(), AppError> {
    for code in &bundle.items {
        match crate::catalogue::store::find_published_version(db, code).await? {
            Some((item, _)) if item.applicant == Applicant::Talent => {}
            _ => return Err(AppError::invalid(ITEMS_FIELD, "err_bundle_items")),
        }
    }
    Ok(())
}

/// Publishes `bundle` (checked), creating it if it is new. `by` is the administrator,
/// whose `revision` must still be the bundle's; the demo data (`by` `None`) never
/// publishes over an administrator's edit or brings back a retired bundle.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn publish(
    db: &Db,
    bundle: &Bundle,
    by: Option<i64>,
    revision: Option<i64>,
) -> Result<Saved, AppError> {
    bundle.validate()?;
    check_items(db, bundle).await?;
    let body = serde_json::to_string(bundle).map_err(|_| AppError::Internal)?;
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let current: Option<EditRow> = sqlx::query_as(&format!("{EDIT_ROW} WHERE code = $1"))
        .bind(&bundle.code)
        .fetch_optional(&mut *tx)
        .await?;
    match (&current, by, revision) {
        (Some(row), None, _) if row.edited_by.is_some() || row.retired_at.is_some() => {
            return Ok(row.saved());
        }
        (Some(row), Some(_), Some(expected)) if row.revision != expected => {
            return Err(AppError::Conflict);
        }
        _ => {}
    }
    sqlx::query(
        "INSERT INTO bundles (code, body, edited_by, updated_at, published, revision) \
         VALUES ($1, $2, $3, $4, 1, 1) \
         ON CONFLICT (code) DO UPDATE SET body = excluded.body, edited_by = excluded.edited_by, \
         updated_at = excluded.updated_at, draft = NULL, published = 1, retired_at = NULL, \
         revision = bundles.revision + 1",
    )
    .bind(&bundle.code)
    .bind(&body)
    .bind(by)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let row: EditRow = sqlx::query_as(&format!("{EDIT_ROW} WHERE code = $1"))
        .bind(&bundle.code)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(row.saved())
}

/// A bundle's row as the editor reads it.
#[derive(sqlx::FromRow)]
struct EditRow {
    code: String,
    body: String,
    draft: Option<String>,
    published: i64,
    retired_at: Option<i64>,
    revision: i64,
    edited_by: Option<i64>,
    updated_at: i64,
}

const EDIT_ROW: &str =
    "SELECT code, body, draft, published, retired_at, revision, edited_by, updated_at FROM bundles";

impl EditRow {
    fn status(&self) -> EditStatus {
        EditStatus::from_columns(self.published, self.retired_at)
    }

    fn saved(&self) -> Saved {
        Saved {
            code: self.code.clone(),
            revision: self.revision,
            status: self.status(),
            done: String::new(),
        }
    }

    /// What the editor opens: the saved draft, or else the published bundle.
    fn draft(&self) -> Result<BundleDraft, AppError> {
        match &self.draft {
            Some(draft) => serde_json::from_str(draft).map_err(|_| AppError::Internal),
            None => Ok(BundleDraft::from_bundle(&parse(&self.body)?)),
        }
    }

    fn is_demo(&self) -> bool {
        !self.body.is_empty() && parse(&self.body).is_ok_and(|b| b.is_demo)
    }
}

/// Every bundle with where it stands, for the administrators' list.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn admin_list(db: &Db) -> Result<Vec<AdminEntry>, AppError> {
    let rows: Vec<EditRow> = sqlx::query_as(&format!("{EDIT_ROW} ORDER BY code"))
        .fetch_all(db.reader())
        .await?;
    rows.into_iter()
        .map(|row| {
            let draft = row.draft()?;
            Ok(AdminEntry {
                title: Text::new(&draft.name_zh, &draft.name_en),
                status: row.status(),
                has_draft: row.draft.is_some(),
                version: 0,
                updated_at: row.updated_at,
                is_demo: row.is_demo(),
                code: row.code,
            })
        })
        .collect()
}

/// Bundle `code` as its editor opens it, if there is one.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn load_for_edit(db: &Db, code: &str) -> Result<Option<Editing<BundleDraft>>, AppError> {
    let row: Option<EditRow> = sqlx::query_as(&format!("{EDIT_ROW} WHERE code = $1"))
        .bind(code)
        .fetch_optional(db.reader())
        .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(Editing {
        code: code.to_string(),
        draft: row.draft()?,
        revision: row.revision,
        status: row.status(),
        has_draft: row.draft.is_some(),
        is_demo: row.is_demo(),
    }))
}

/// Saves the editor's draft of bundle `code` (a new bundle when `None`, under the draft's
/// code), if nobody saved it since `revision` was read. Readers see the published bundle
/// until the draft is published.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn save_draft(
    db: &Db,
    code: Option<&str>,
    draft: &BundleDraft,
    revision: i64,
    by: i64,
) -> Result<Saved, AppError> {
    let json = serde_json::to_string(draft).map_err(|_| AppError::Internal)?;
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let code = match code {
        Some(code) => {
            let changed = sqlx::query(
                "UPDATE bundles SET draft = $1, revision = revision + 1, edited_by = $2, \
                 updated_at = $3 WHERE code = $4 AND revision = $5",
            )
            .bind(&json)
            .bind(by)
            .bind(now)
            .bind(code)
            .bind(revision)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed == 0 {
                let exists: Option<(i64,)> =
                    sqlx::query_as("SELECT revision FROM bundles WHERE code = $1")
                        .bind(code)
                        .fetch_optional(&mut *tx)
                        .await?;
                return Err(if exists.is_some() {
                    AppError::Conflict
                } else {
                    AppError::NotFound
                });
            }
            code.to_string()
        }
        None => {
            let code = draft.code.trim().to_string();
            if !crate::editing::valid_code(&code) {
                return Err(AppError::invalid("draft[code]", "err_item_code"));
            }
            let inserted = sqlx::query(
                "INSERT INTO bundles (code, body, draft, edited_by, updated_at, published, revision) \
                 VALUES ($1, '', $2, $3, $4, 0, 1) ON CONFLICT (code) DO NOTHING",
            )
            .bind(&code)
            .bind(&json)
            .bind(by)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if inserted == 0 {
                return Err(AppError::invalid("draft[code]", "err_code_taken"));
            }
            code
        }
    };
    let row: EditRow = sqlx::query_as(&format!("{EDIT_ROW} WHERE code = $1"))
        .bind(&code)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(row.saved())
}

/// Takes a published bundle off the public pages, so nobody starts an application for it,
/// or puts it back. Applications already started go on as they were (a draft can still be
/// submitted: its applicant's work is not lost).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn set_retired(
    db: &Db,
    code: &str,
    retire: bool,
    revision: i64,
    by: i64,
) -> Result<Saved, AppError> {
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let changed = sqlx::query(
        "UPDATE bundles SET published = $1, retired_at = $2, revision = revision + 1, \
         edited_by = $3, updated_at = $4 WHERE code = $5 AND revision = $6 AND body <> ''",
    )
    .bind(if retire { 0_i64 } else { 1 })
    .bind(retire.then_some(now))
    .bind(by)
    .bind(now)
    .bind(code)
    .bind(revision)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let row: Option<EditRow> = sqlx::query_as(&format!("{EDIT_ROW} WHERE code = $1"))
        .bind(code)
        .fetch_optional(&mut *tx)
        .await?;
    let row = row.ok_or(AppError::NotFound)?;
    if changed == 0 {
        return Err(if row.body.is_empty() {
            AppError::invalid("status", "err_not_published")
        } else {
            AppError::Conflict
        });
    }
    tx.commit().await?;
    Ok(row.saved())
}

/// The bundles offered, each checked against `profile` (typed into the eligibility check).
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn fits(
    db: &Db,
    profile: &crate::eligibility::model::Profile,
) -> Result<Vec<BundleFit>, AppError> {
    let published = crate::catalogue::store::all_published(db).await?;
    let today = crate::common::date::today_in_china(now_ms());
    Ok(all(db)
        .await?
        .iter()
        .map(|bundle| fit(bundle, &published, profile, today))
        .filter(|fit| !fit.items.is_empty())
        .collect())
}

/// The editor's choice of items for `draft`.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn item_choices_for(db: &Db, draft: &BundleDraft) -> Result<Vec<ItemChoice>, AppError> {
    let published: Vec<ServiceItem> = crate::catalogue::store::all_published(db)
        .await?
        .into_iter()
        .filter(|item| item.applicant == Applicant::Talent)
        .collect();
    Ok(item_choices(&draft.items, &published))
}

/// The published items of `bundle` with their versions, in its order (an item retired
/// since is left out).
async fn items_of(db: &Db, bundle: &Bundle) -> Result<Vec<(ServiceItem, i64)>, AppError> {
    let mut items = Vec::new();
    for code in &bundle.items {
        if let Some(found) = crate::catalogue::store::find_published_version(db, code).await? {
            items.push(found);
        }
    }
    Ok(items)
}

/// Whether `account_id` qualifies for each of `items`, from their profile (an unknown
/// fact asks for more information), and whether they have it going already.
async fn checks(
    db: &Db,
    account_id: i64,
    items: &[ServiceItem],
) -> Result<Vec<ItemCheck>, AppError> {
    let facts = crate::profile::store::load(db, account_id)
        .await?
        .map(|(profile, _)| profile.facts())
        .unwrap_or_default();
    let today = crate::common::date::today_in_china(now_ms());
    let mut checks = Vec::new();
    for item in items {
        let (going,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM cases WHERE applicant_id = $1 AND item_code = $2 AND active = 1",
        )
        .bind(account_id)
        .bind(&item.code)
        .fetch_one(db.reader())
        .await?;
        checks.push(ItemCheck {
            code: item.code.clone(),
            name: item.name.clone(),
            evaluation: crate::eligibility::model::evaluate(&item.rules, &facts, today),
            already_going: going > 0 && !item.several_at_once,
        });
    }
    Ok(checks)
}

/// The guide of bundle `code`; for a signed-in talent also what they qualify for.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn guide(db: &Db, code: &str, caller: Option<&Caller>) -> Result<BundleGuide, AppError> {
    let bundle = find_offered(db, code).await?.ok_or(AppError::NotFound)?;
    let items: Vec<ServiceItem> = items_of(db, &bundle)
        .await?
        .into_iter()
        .map(|(item, _)| item)
        .collect();
    let talent = caller.filter(|c| c.role == crate::accounts::model::Role::Talent);
    let (checks, draft_id) = match talent {
        Some(caller) => (
            Some(checks(db, caller.account_id, &items).await?),
            draft_of(db, caller.account_id, code).await?,
        ),
        None => (None, None),
    };
    Ok(BundleGuide {
        materials: materials(&items),
        bundle,
        items,
        checks,
        draft_id,
    })
}

async fn draft_of(db: &Db, applicant_id: i64, code: &str) -> Result<Option<i64>, AppError> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM bundle_applications WHERE applicant_id = $1 AND bundle_code = $2 AND state = 'draft'",
    )
    .bind(applicant_id)
    .bind(code)
    .fetch_optional(db.writer())
    .await?;
    Ok(row.map(|(id,)| id))
}

/// Starts `caller`'s application for bundle `code` (or returns the one they have going):
/// one draft case per item they qualify for and have not applied for, filled in from
/// their profile, all in one transaction.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn start(db: &Db, caller: &Caller, code: &str) -> Result<i64, AppError> {
    let bundle = find_offered(db, code).await?.ok_or(AppError::NotFound)?;
    if let Some(id) = draft_of(db, caller.account_id, code).await? {
        return Ok(id);
    }
    let items = items_of(db, &bundle).await?;
    let plain: Vec<ServiceItem> = items.iter().map(|(item, _)| item.clone()).collect();
    let checks = checks(db, caller.account_id, &plain).await?;
    let included: Vec<&(ServiceItem, i64)> = items
        .iter()
        .zip(&checks)
        .filter(|(_, check)| check.included())
        .map(|(item, _)| item)
        .collect();
    if included.is_empty() {
        return Err(AppError::invalid("code", "err_bundle_nothing_to_apply"));
    }
    let profile = crate::profile::store::load(db, caller.account_id)
        .await?
        .map(|(profile, _)| profile);
    let now = now_ms();
    let mut tx = db.begin_write().await?;
    let inserted: Result<(i64,), sqlx::Error> = sqlx::query_as(
        "INSERT INTO bundle_applications (bundle_code, applicant_id, state, created_at, updated_at) \
         VALUES ($1, $2, 'draft', $3, $3) RETURNING id",
    )
    .bind(code)
    .bind(caller.account_id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await;
    let id = match inserted {
        Ok((id,)) => id,
        // Two starts at once: the unique index let one through; use that one.
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            drop(tx);
            return draft_of(db, caller.account_id, code)
                .await?
                .ok_or(AppError::Conflict);
        }
        Err(e) => return Err(e.into()),
    };
    for (item, version) in included {
        let answers = profile
            .as_ref()
            .map(|p| p.answers_for(&item.form))
            .unwrap_or_default();
        let case_id = crate::cases::store::open_draft(
            &mut tx,
            caller.account_id,
            item,
            *version,
            &answers,
            None,
        )
        .await?;
        sqlx::query("UPDATE cases SET bundle_id = $1 WHERE id = $2")
            .bind(id)
            .bind(case_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct ApplicationRow {
    bundle_code: String,
    applicant_id: i64,
    number: Option<String>,
    state: String,
    version: i64,
    submitted_at: Option<i64>,
}

impl ApplicationRow {
    fn state(&self) -> Result<BundleState, AppError> {
        BundleState::stored(&self.state)
    }
}

const APPLICATION_COLUMNS: &str = "bundle_code, applicant_id, number, state, version, submitted_at";

async fn row_of(conn: &mut AnyConnection, id: i64, lock: &str) -> Result<ApplicationRow, AppError> {
    sqlx::query_as(&format!(
        "SELECT {APPLICATION_COLUMNS} FROM bundle_applications WHERE id = $1{lock}"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?
    .ok_or(AppError::NotFound)
}

/// Its applicant sees an application; the office once it was submitted; nobody else
/// learns it exists.
fn may_see(caller: &Caller, row: &ApplicationRow) -> Result<bool, AppError> {
    Ok(caller.account_id == row.applicant_id
        || (caller.role.is_office() && row.state()? == BundleState::Submitted))
}

/// The cases of application `id` with their items, in the bundle's order.
async fn cases_of(
    db: &Db,
    conn: &mut AnyConnection,
    id: i64,
    bundle: &Bundle,
) -> Result<Vec<(i64, i64, ServiceItem)>, AppError> {
    let rows: Vec<(i64, i64, String, i64)> = sqlx::query_as(
        "SELECT id, version, item_code, item_version FROM cases WHERE bundle_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let mut cases = Vec::new();
    for (case_id, version, code, item_version) in rows {
        let item = crate::catalogue::store::find_version(db, &code, item_version)
            .await?
            .ok_or(AppError::Internal)?;
        cases.push((case_id, version, item));
    }
    let place = |code: &str| bundle.items.iter().position(|c| c == code);
    cases.sort_by_key(|(_, _, item)| place(&item.code));
    Ok(cases)
}

/// Application `id` as `caller` may see it.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn view(db: &Db, id: i64, caller: &Caller) -> Result<BundleApplication, AppError> {
    let mut conn = db.reader().acquire().await?;
    let row = row_of(&mut conn, id, "").await?;
    if !may_see(caller, &row)? {
        return Err(AppError::NotFound);
    }
    let bundle = find(db, &row.bundle_code)
        .await?
        .ok_or(AppError::Internal)?;
    let cases = cases_of(db, &mut conn, id, &bundle).await?;
    let items: Vec<ServiceItem> = cases.iter().map(|(_, _, item)| item.clone()).collect();
    let mut answers = Answers::new();
    let mut files: Vec<CaseFile> = Vec::new();
    let mut summaries = Vec::new();
    for (case_id, _, _) in &cases {
        let (case_row, _) = crate::cases::store::find_for(db, *case_id, caller).await?;
        for (key, value) in case_row.answers() {
            answers.entry(key).or_insert(value);
        }
        for file in crate::cases::store::files(db, *case_id).await? {
            // A material uploaded once is attached to every case needing it: listed once.
            if !files.iter().any(|f| f.field_key == file.field_key) {
                files.push(file);
            }
        }
        summaries.push(crate::cases::store::summary_of(db, *case_id).await?);
    }
    let state = row.state()?;
    let draft = state == BundleState::Draft;
    let left_out = if draft {
        let all: Vec<ServiceItem> = items_of(db, &bundle)
            .await?
            .into_iter()
            .map(|(item, _)| item)
            .filter(|item| !items.iter().any(|i| i.code == item.code))
            .collect();
        checks(db, row.applicant_id, &all).await?
    } else {
        vec![]
    };
    let applicant_name = crate::accounts::store::find_by_id(db, row.applicant_id)
        .await?
        .map(|a| a.display_name)
        .unwrap_or_default();
    Ok(BundleApplication {
        id,
        number: row.number,
        state,
        applicant_name,
        submitted_at: row.submitted_at,
        cases: summaries,
        left_out,
        version: row.version,
        form: if draft {
            bundle_form(&items)
        } else {
            BundleForm::default()
        },
        answers: if draft { answers } else { Answers::new() },
        files: if draft { files } else { vec![] },
        bundle,
    })
}

/// The draft application `id` of `caller`, locked in `tx`, if it still has `version`.
async fn own_draft(
    db: &Db,
    tx: &mut AnyConnection,
    id: i64,
    caller: &Caller,
    version: i64,
) -> Result<ApplicationRow, AppError> {
    let row = row_of(tx, id, db.for_update()).await?;
    if row.applicant_id != caller.account_id {
        return Err(AppError::NotFound);
    }
    if row.state()? != BundleState::Draft || row.version != version {
        return Err(AppError::Conflict);
    }
    Ok(row)
}

async fn next_version(tx: &mut AnyConnection, id: i64, version: i64) -> Result<(), AppError> {
    let changed = sqlx::query(
        "UPDATE bundle_applications SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3",
    )
    .bind(now_ms())
    .bind(id)
    .bind(version)
    .execute(tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(AppError::Conflict);
    }
    Ok(())
}

/// Saves the answers typed into the one form: each case gets its item's answers (a
/// shared one goes to every case asking it), file answers stay as uploaded. Returns the
/// new version of the application.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn save_answers(
    db: &Db,
    id: i64,
    caller: &Caller,
    typed: &Answers,
    version: i64,
) -> Result<i64, AppError> {
    let mut tx = db.begin_write().await?;
    let row = own_draft(db, &mut tx, id, caller, version).await?;
    let bundle = find(db, &row.bundle_code)
        .await?
        .ok_or(AppError::Internal)?;
    for (case_id, _, item) in cases_of(db, &mut tx, id, &bundle).await? {
        let (stored,): (String,) = sqlx::query_as("SELECT answers FROM cases WHERE id = $1")
            .bind(case_id)
            .fetch_one(&mut *tx)
            .await?;
        let stored: Answers = serde_json::from_str(&stored).unwrap_or_default();
        let mut answers = answers_for(&item, typed);
        for field in item
            .form
            .iter()
            .filter(|f| matches!(f.kind, FieldKind::File))
        {
            if let Some(file) = stored.get(&field.key) {
                answers.insert(field.key.clone(), file.clone());
            }
        }
        let json = serde_json::to_string(&answers).map_err(|_| AppError::Internal)?;
        sqlx::query(
            "UPDATE cases SET answers = $1, version = version + 1, updated_at = $2 \
             WHERE id = $3 AND state = 'draft'",
        )
        .bind(&json)
        .bind(now_ms())
        .bind(case_id)
        .execute(&mut *tx)
        .await?;
    }
    next_version(&mut tx, id, version).await?;
    tx.commit().await?;
    Ok(version + 1)
}

/// Checks every case's answers as its submission will (the first problem, naming the
/// field): "continue" leads to check-your-answers only when all is there.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn check_answers(db: &Db, id: i64, caller: &Caller) -> Result<(), AppError> {
    let mut conn = db.reader().acquire().await?;
    let row = row_of(&mut conn, id, "").await?;
    if row.applicant_id != caller.account_id {
        return Err(AppError::NotFound);
    }
    let bundle = find(db, &row.bundle_code)
        .await?
        .ok_or(AppError::Internal)?;
    for (case_id, _, item) in cases_of(db, &mut conn, id, &bundle).await? {
        let (case_row, _) = crate::cases::store::find_for(db, case_id, caller).await?;
        crate::cases::model::check_answers(&item.form, &case_row.answers())?;
    }
    Ok(())
}

/// Submits every case of application `id` and gives the application its number, in one
/// transaction: if any case is refused (a missing answer, a missing material, an unknown
/// employer), nothing is submitted and the refusal names the field to fix.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn submit(db: &Db, id: i64, caller: &Caller, version: i64) -> Result<String, AppError> {
    let mut tx = db.begin_write().await?;
    let row = own_draft(db, &mut tx, id, caller, version).await?;
    let bundle = find(db, &row.bundle_code)
        .await?
        .ok_or(AppError::Internal)?;
    let input = TransitionInput::default();
    for (case_id, case_version, _) in cases_of(db, &mut tx, id, &bundle).await? {
        crate::cases::store::transition_in(
            db,
            &mut tx,
            case_id,
            caller,
            Transition::Submit,
            &input,
            case_version,
            None,
        )
        .await?;
    }
    let year = crate::common::date::today_in_china(now_ms()).year;
    let sequence = crate::db::next_of_year(&mut tx, "bundle_counters", year).await?;
    let number = bundle_number(year, sequence);
    let changed = sqlx::query(
        "UPDATE bundle_applications SET state = 'submitted', number = $1, submitted_at = $2, \
         version = version + 1, updated_at = $2 WHERE id = $3 AND version = $4",
    )
    .bind(&number)
    .bind(now_ms())
    .bind(id)
    .bind(version)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(AppError::Conflict);
    }
    tx.commit().await?;
    Ok(number)
}

/// The draft cases of `caller`'s application `id` that take a `field_key` file.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn upload_targets(
    db: &Db,
    id: i64,
    caller: &Caller,
    field_key: &str,
) -> Result<Vec<i64>, AppError> {
    let mut conn = db.reader().acquire().await?;
    let row = row_of(&mut conn, id, "").await?;
    if row.applicant_id != caller.account_id {
        return Err(AppError::NotFound);
    }
    if row.state()? != BundleState::Draft {
        return Err(AppError::Conflict);
    }
    let bundle = find(db, &row.bundle_code)
        .await?
        .ok_or(AppError::Internal)?;
    let targets: Vec<i64> = cases_of(db, &mut conn, id, &bundle)
        .await?
        .into_iter()
        .filter(|(_, _, item)| {
            item.form
                .iter()
                .any(|f| f.key == field_key && matches!(f.kind, FieldKind::File))
        })
        .map(|(case_id, _, _)| case_id)
        .collect();
    if targets.is_empty() {
        return Err(AppError::invalid("file", "err_file_field"));
    }
    Ok(targets)
}

/// Records one upload as the `field_key` material of every case in `case_ids`, in one
/// transaction: case by case under the stored names in `stored_names` (one each, the
/// same bytes). Returns the file as the first case has it, and the stored names of the
/// files it replaced.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn add_shared_file(
    db: &Db,
    case_ids: &[i64],
    stored_names: &[String],
    file: NewFile<'_>,
) -> Result<(CaseFile, Vec<String>), AppError> {
    if case_ids.is_empty() || case_ids.len() != stored_names.len() {
        return Err(AppError::Internal);
    }
    let mut tx = db.begin_write().await?;
    let mut first = None;
    let mut replaced = Vec::new();
    for (case_id, stored_name) in case_ids.iter().zip(stored_names) {
        let (added, old) = crate::cases::store::add_file_in(
            db,
            &mut tx,
            NewFile {
                case_id: *case_id,
                stored_name,
                ..file
            },
        )
        .await?;
        replaced.extend(old);
        first.get_or_insert(added);
    }
    tx.commit().await?;
    Ok((first.ok_or(AppError::Internal)?, replaced))
}

/// Of the bundles submitted from `start` to before `end` (unix ms): how many, how many
/// are completed (every case decided), and the average days from submission to the last
/// decision of the completed ones.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn figures(db: &Db, start: i64, end: i64) -> Result<BundleFigures, AppError> {
    let rows: Vec<(i64, i64, i64, Option<i64>)> = sqlx::query_as(
        "SELECT b.submitted_at, COUNT(*), \
         CAST(SUM(CASE WHEN c.decided_at IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT), MAX(c.decided_at) \
         FROM bundle_applications b JOIN cases c ON c.bundle_id = b.id \
         WHERE b.state = 'submitted' AND b.submitted_at >= $1 AND b.submitted_at < $2 \
         GROUP BY b.id, b.submitted_at",
    )
    .bind(start)
    .bind(end)
    .fetch_all(db.reader())
    .await?;
    Ok(bundle_figures(&rows))
}
