//! Server functions for accounts: registration, sign-in and -out, the caller's own account,
//! and the administrator's user management. Each one checks who calls before anything else.
use super::model::*;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::access::{self, Caller},
    super::session,
    super::store,
    crate::audit::model::{AuditAction, Outcome},
    crate::audit::store::{self as audit, AuditEvent},
    crate::db::use_db,
    crate::throttle,
};

/// The signed-in person as pages see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub account_id: i64,
    pub role: Role,
    pub display_name: String,
}

/// One of the caller's sessions, for "where am I signed in".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    /// Identifies the session to `end_session`; a prefix of the stored hash, not a cookie.
    pub handle: String,
    pub created_at_ms: i64,
    pub last_seen_at_ms: i64,
    pub user_agent: String,
    pub ip: String,
    pub current: bool,
}

/// The caller's own account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyAccount {
    pub role: Role,
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub org_name: Option<String>,
    pub credit_code: Option<String>,
    pub contact_person: Option<String>,
    pub created_at_ms: i64,
    pub version: i64,
    pub sessions: Vec<SessionView>,
}

/// A line of the administrator's user list. Phone numbers are masked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSummary {
    pub id: i64,
    pub role: Role,
    pub display_name: String,
    pub login: String,
    pub org_name: Option<String>,
    pub status: AccountStatus,
    pub created_at_ms: i64,
    pub version: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountList {
    pub items: Vec<AccountSummary>,
    pub page: u32,
    pub has_more: bool,
}

pub const ACCOUNT_PAGE_SIZE: u32 = 25;

/// Where to go after signing in: a page of the hub the caller asked for (one of `routes`,
/// see [`crate::routing::local_page`]), else their home page.
pub fn safe_next(next: Option<&str>, role: Role, routes: &[String]) -> String {
    next_page(next, routes).map_or_else(|| home_of(role).to_string(), str::to_string)
}

/// `next` if it is a page of the hub to return to after signing in or registering (never
/// the sign-in or registration pages themselves).
pub fn next_page<'a>(next: Option<&'a str>, routes: &[String]) -> Option<&'a str> {
    next.and_then(|next| crate::routing::local_page(next, routes))
        .filter(|path| !path.starts_with("/signin") && !path.starts_with("/register"))
}

/// The first page of each role after signing in.
pub fn home_of(role: Role) -> &'static str {
    match role {
        Role::Admin => "/admin/users",
        _ => "/account",
    }
}

/// `l***@example.cn` / `138****5678`: how a login appears in the audit log.
pub fn mask_login(login: &Login) -> String {
    match login {
        Login::Phone(phone) => mask_phone(phone),
        Login::Email(email) => crate::accounts::model::mask_email(email),
    }
}

#[cfg(feature = "ssr")]
fn viewer_of(caller: &Caller) -> Viewer {
    Viewer {
        account_id: caller.account_id,
        role: caller.role,
        display_name: caller.display_name.clone(),
    }
}

/// Who is signed in, if anyone.
#[server(prefix = "/api/accounts", endpoint = "viewer")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn current_viewer() -> Result<Option<Viewer>, AppError> {
    Ok(access::caller().as_ref().map(viewer_of))
}

/// Starts a session for `account`, replacing the caller's previous one (a new identifier
/// at every sign-in), inside `tx`; sets the cookie once committed by the caller.
#[cfg(feature = "ssr")]
async fn start_session(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    account_id: i64,
    role: Role,
) -> Result<String, AppError> {
    if let Some(old) = session::request_session_token() {
        store::end_session(tx, &store::session_key(&old)).await?;
    }
    store::create_session(
        tx,
        account_id,
        role,
        &access::user_agent(),
        &access::client_ip(),
    )
    .await
}

/// Claims one sign-in attempt under every limit that applies to it, all or none (a
/// refusal counts nothing): the address, the account at this address and, from an address
/// the account has not signed in from lately, the account.
#[cfg(feature = "ssr")]
async fn claim_sign_in(
    db: &crate::db::Db,
    ip: &str,
    pair: &str,
    login: &Login,
    known: bool,
) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    store::SIGN_IN_PER_ADDRESS.take(&mut tx, ip).await?;
    store::SIGN_IN_PER_ACCOUNT_AND_ADDRESS
        .attempt(&mut tx, pair)
        .await?;
    if !known {
        store::SIGN_IN_PER_ACCOUNT
            .attempt(&mut tx, login.as_str())
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

#[server(prefix = "/api/accounts", endpoint = "sign_in")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn sign_in(
    login: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    let db = use_db()?;
    let ip = access::client_ip();
    let login = Login::parse(&login).map_err(|_| {
        crate::metrics::sign_in_failed("credentials");
        AppError::invalid("login", "err_sign_in_failed")
    })?;
    let pair = store::account_at_address(&login, &ip);
    let label = mask_login(&login);
    let known = throttle::remembered(&db, store::KNOWN_ADDRESS, &pair).await?;

    // The same answer whether or not the account exists, and while a pause lasts even a
    // correct password is refused.
    if let Err(error) = claim_sign_in(&db, &ip, &pair, &login, known).await {
        if matches!(error, AppError::TooMany { .. }) {
            crate::metrics::sign_in_failed("throttled");
            audit::record_alone(
                &db,
                AuditEvent {
                    actor_id: None,
                    actor_label: &label,
                    action: AuditAction::SignIn,
                    subject_id: None,
                    ip: &ip,
                    outcome: Outcome::Refused,
                    detail: "throttled",
                },
            )
            .await?;
        }
        return Err(error);
    }

    let account = store::find_by_login(&db, &login).await?;
    let matches =
        store::verify_password(password, account.as_ref().map(|a| a.password_hash.clone())).await?;
    let account = account.filter(|a| matches && a.is_active());
    let Some(account) = account else {
        // The claimed attempt stays counted as the failure it was.
        crate::metrics::sign_in_failed("credentials");
        audit::record_alone(
            &db,
            AuditEvent {
                actor_id: None,
                actor_label: &label,
                action: AuditAction::SignIn,
                subject_id: None,
                ip: &ip,
                outcome: Outcome::Failure,
                detail: "",
            },
        )
        .await?;
        return Err(AppError::invalid("login", "err_sign_in_failed"));
    };

    let role = account.role()?;
    let mut tx = db.begin_write().await?;
    // A success is no failure: the address gets its attempt back, this account's pauses
    // at this address end, and the address is known to the account from now on.
    store::SIGN_IN_PER_ADDRESS.give_back(&mut tx, &ip).await?;
    store::SIGN_IN_PER_ACCOUNT_AND_ADDRESS
        .clear(&mut tx, &pair)
        .await?;
    if !known {
        store::SIGN_IN_PER_ACCOUNT
            .give_back(&mut tx, login.as_str())
            .await?;
    }
    throttle::remember(
        &mut tx,
        store::KNOWN_ADDRESS,
        &pair,
        store::KNOWN_ADDRESS_MS,
    )
    .await?;
    let token = start_session(&mut tx, account.id, role).await?;
    audit::record(
        &mut tx,
        AuditEvent {
            actor_id: Some(account.id),
            actor_label: "",
            action: AuditAction::SignIn,
            subject_id: Some(account.id),
            ip: &ip,
            outcome: Outcome::Success,
            detail: "",
        },
    )
    .await?;
    tx.commit().await?;
    session::set_session_cookie(&token, role.absolute_timeout_secs());
    leptos_axum::redirect(&safe_next(
        next.as_deref(),
        role,
        crate::routing::page_routes(),
    ));
    Ok(())
}

/// Ends the caller's session on the server and removes the cookie.
#[server(prefix = "/api/accounts", endpoint = "sign_out")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn sign_out() -> Result<(), AppError> {
    let db = use_db()?;
    if let Some(caller) = access::caller() {
        let mut tx = db.begin_write().await?;
        store::end_session(&mut tx, &caller.session_key).await?;
        audit::record(
            &mut tx,
            AuditEvent {
                actor_id: Some(caller.account_id),
                actor_label: "",
                action: AuditAction::SignOut,
                subject_id: Some(caller.account_id),
                ip: &access::client_ip(),
                outcome: Outcome::Success,
                detail: "",
            },
        )
        .await?;
        tx.commit().await?;
    }
    session::clear_session_cookie();
    leptos_axum::redirect("/");
    Ok(())
}

/// Registration input shared by both kinds of public account.
#[cfg(feature = "ssr")]
struct Registration {
    role: Role,
    display_name: String,
    login: Login,
    password: String,
    org_name: Option<String>,
    credit_code: Option<String>,
    contact_person: Option<String>,
    /// The page to return to once the account is confirmed.
    next: Option<String>,
}

/// Registers: answers "check your messages" (the page `sent_to`) whether or not the
/// address has an account, so nobody learns which addresses do. A new address gets a link
/// that creates the account; the owner of an existing one is told someone tried.
#[cfg(feature = "ssr")]
async fn register(form: Registration, sent_to: &str) -> Result<(), AppError> {
    let db = use_db()?;
    store::check_password_policy(&form.password)?;
    if let Some(code) = &form.credit_code
        && store::credit_code_taken(&db, code).await?
    {
        return Err(AppError::invalid("credit_code", "err_credit_code_taken"));
    }
    let ip = access::client_ip();
    // Counted before the slow hash, so refused requests cost the server nothing.
    let mut tx = db.begin_write().await?;
    store::REGISTRATIONS_PER_ADDRESS.take(&mut tx, &ip).await?;
    tx.commit().await?;
    // Hashed in both cases, so the answer takes as long for an address with an account.
    let hash = store::hash_password(form.password).await?;
    let (email, phone, address) = match &form.login {
        Login::Email(email) => (Some(email.as_str()), None, email.clone()),
        Login::Phone(phone) => (None, Some(phone.as_str()), format!("sms:{phone}")),
    };
    let by_text = phone.is_some();
    let origin = crate::links::public_origin();
    let mut tx = db.begin_write().await?;
    let (subject, body) = match store::id_by_login(&mut tx, &form.login).await? {
        Some(existing) => {
            audit::record(
                &mut tx,
                AuditEvent {
                    actor_id: None,
                    actor_label: &mask_login(&form.login),
                    action: AuditAction::Registered,
                    subject_id: Some(existing),
                    ip: &ip,
                    outcome: Outcome::Refused,
                    detail: "already registered: owner notified",
                },
            )
            .await?;
            already_registered_message(origin, by_text)
        }
        None => {
            let account = store::NewAccount {
                role: form.role,
                email,
                phone,
                display_name: &form.display_name,
                password_hash: &hash,
                org_name: form.org_name.as_deref(),
                credit_code: form.credit_code.as_deref(),
                contact_person: form.contact_person.as_deref(),
                is_demo: false,
            };
            let token = store::insert_pending(&mut tx, &account, &ip).await?;
            let mut link = format!("{origin}{CONFIRM_PATH}?token={token}");
            if let Some(next) = next_page(form.next.as_deref(), crate::routing::page_routes()) {
                link.push_str("&next=");
                link.push_str(&crate::format::url_encode(next));
            }
            confirmation_message(&link, by_text)
        }
    };
    crate::notifications::store::email_to(&mut tx, &address, &subject, &body, crate::db::now_ms())
        .await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("{sent_to}?sent=1"));
    Ok(())
}

/// Opens the link sent at registration: creates the account (once, within a day of
/// registering) and signs it in.
#[server(prefix = "/api/accounts", endpoint = "confirm_registration")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn confirm_registration(token: String, next: Option<String>) -> Result<(), AppError> {
    let expired = || AppError::invalid("token", "err_confirmation_expired");
    if token.trim().is_empty() || token.len() > 128 {
        return Err(expired());
    }
    let db = use_db()?;
    // Counted in a transaction of its own, so an attempt with a wrong token counts too.
    let mut tx = db.begin_write().await?;
    store::CONFIRMATIONS_PER_ADDRESS
        .take(&mut tx, &access::client_ip())
        .await?;
    tx.commit().await?;
    let mut tx = db.begin_write().await?;
    let pending = store::take_pending(&mut tx, &token)
        .await?
        .ok_or_else(expired)?;
    let account = pending.account()?;
    let role = account.role;
    // Taken meanwhile (a second registration confirmed first): the insert names the field.
    let id = store::insert(&mut tx, account).await?;
    audit::record(
        &mut tx,
        AuditEvent {
            actor_id: Some(id),
            actor_label: "",
            action: AuditAction::Registered,
            subject_id: Some(id),
            ip: &access::client_ip(),
            outcome: Outcome::Success,
            detail: role.as_str(),
        },
    )
    .await?;
    let session_token = start_session(&mut tx, id, role).await?;
    tx.commit().await?;
    session::set_session_cookie(&session_token, role.absolute_timeout_secs());
    leptos_axum::redirect(&safe_next(
        next.as_deref(),
        role,
        crate::routing::page_routes(),
    ));
    crate::notice::announce(crate::notice::Done::AccountConfirmed);
    Ok(())
}

/// A talent registers with an e-mail address or a mainland mobile number, confirmed by the
/// link sent there.
#[server(prefix = "/api/accounts", endpoint = "register_talent")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn register_talent(
    display_name: String,
    login: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    let display_name = normalize_name("display_name", &display_name)?;
    let login = Login::parse(&login)?;
    check_new_password(&password)?;
    register(
        Registration {
            role: Role::Talent,
            display_name,
            login,
            password,
            org_name: None,
            credit_code: None,
            contact_person: None,
            next,
        },
        "/register",
    )
    .await
}

/// An enterprise registers with its name and unified social credit code.
#[server(prefix = "/api/accounts", endpoint = "register_enterprise")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn register_enterprise(
    org_name: String,
    credit_code: String,
    contact_person: String,
    login: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    let org_name = normalize_name("org_name", &org_name)?;
    let credit_code = normalize_credit_code(&credit_code)?;
    let contact_person = normalize_name("contact_person", &contact_person)?;
    let login = Login::parse(&login)?;
    check_new_password(&password)?;
    register(
        Registration {
            role: Role::Enterprise,
            display_name: org_name.clone(),
            login,
            password,
            org_name: Some(org_name),
            credit_code: Some(credit_code),
            contact_person: Some(contact_person),
            next,
        },
        "/register/enterprise",
    )
    .await
}

/// The caller's own account and sessions.
#[server(prefix = "/api/accounts", endpoint = "my_account")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn load_my_account() -> Result<MyAccount, AppError> {
    let caller = access::require_signed_in()?;
    let db = use_db()?;
    let account = store::find_by_id(&db, caller.account_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let sessions = store::sessions_of(&db, caller.account_id, caller.role)
        .await?
        .into_iter()
        .map(|s| SessionView {
            handle: s.id_hash[..16].to_string(),
            created_at_ms: s.created_at,
            last_seen_at_ms: s.last_seen_at,
            user_agent: s.user_agent,
            ip: s.ip,
            current: s.id_hash == caller.session_key,
        })
        .collect();
    Ok(MyAccount {
        role: account.role()?,
        display_name: account.display_name,
        email: account.email,
        phone: account.phone,
        org_name: account.org_name,
        credit_code: account.credit_code,
        contact_person: account.contact_person,
        created_at_ms: account.created_at,
        version: account.version,
        sessions,
    })
}

/// Renames the caller's account; `version` guards against a change made meanwhile.
#[server(prefix = "/api/accounts", endpoint = "update_profile")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn update_profile(display_name: String, version: i64) -> Result<(), AppError> {
    let caller = access::require_signed_in()?;
    let display_name = normalize_name("display_name", &display_name)?;
    let db = use_db()?;
    let mut tx = db.begin_write().await?;
    store::update_checked(&mut tx, caller.account_id, version, |set| {
        set.push("display_name = ").push_bind(display_name.as_str());
    })
    .await?;
    tx.commit().await?;
    crate::notice::announce(crate::notice::Done::AccountSaved);
    Ok(())
}

/// Changes the caller's password after checking the current one, and signs out every other
/// session of the account. Returns how many were ended.
#[server(prefix = "/api/accounts", endpoint = "change_password")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<u64, AppError> {
    let caller = access::require_signed_in()?;
    let db = use_db()?;
    let account = store::find_by_id(&db, caller.account_id)
        .await?
        .ok_or(AppError::NotFound)?;
    store::check_password_policy(&new_password).map_err(|e| match e {
        AppError::Invalid { message, .. } => AppError::invalid("new_password", &message),
        other => other,
    })?;
    // A stolen session must not become a way to guess the password: each check is
    // claimed as a failure first and paced like sign-ins; the right password clears them.
    let subject = account.id.to_string();
    let mut tx = db.begin_write().await?;
    store::PASSWORD_CHECK.attempt(&mut tx, &subject).await?;
    tx.commit().await?;
    if !store::verify_password(current_password, Some(account.password_hash.clone())).await? {
        return Err(AppError::invalid(
            "current_password",
            "err_current_password_wrong",
        ));
    }
    let hash = store::hash_password(new_password).await?;
    let mut tx = db.begin_write().await?;
    store::PASSWORD_CHECK.clear(&mut tx, &subject).await?;
    store::set_password_hash(&mut tx, account.id, account.version, &hash).await?;
    let ended = store::delete_sessions_of(&mut tx, account.id, Some(&caller.session_key)).await?;
    audit::record(
        &mut tx,
        AuditEvent {
            actor_id: Some(account.id),
            actor_label: "",
            action: AuditAction::PasswordChanged,
            subject_id: Some(account.id),
            ip: &access::client_ip(),
            outcome: Outcome::Success,
            detail: &format!("other sessions ended: {ended}"),
        },
    )
    .await?;
    tx.commit().await?;
    crate::notice::announce(crate::notice::Done::PasswordChanged);
    Ok(ended)
}

/// Ends one of the caller's own sessions (by its handle) or, without a handle, every
/// session but the current one.
#[server(prefix = "/api/accounts", endpoint = "end_sessions")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn end_sessions(handle: Option<String>) -> Result<u64, AppError> {
    let caller = access::require_signed_in()?;
    let db = use_db()?;
    let mut tx = db.begin_write().await?;
    let ended = match handle.filter(|h| !h.is_empty()) {
        Some(handle) => {
            if handle.len() != 16 || !handle.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(AppError::NotFound);
            }
            store::end_session_by_handle(&mut tx, caller.account_id, &handle).await?
        }
        None => {
            store::delete_sessions_of(&mut tx, caller.account_id, Some(&caller.session_key)).await?
        }
    };
    audit::record(
        &mut tx,
        AuditEvent {
            actor_id: Some(caller.account_id),
            actor_label: "",
            action: AuditAction::SessionsEnded,
            subject_id: Some(caller.account_id),
            ip: &access::client_ip(),
            outcome: Outcome::Success,
            detail: &format!("{ended}"),
        },
    )
    .await?;
    tx.commit().await?;
    crate::notice::announce(crate::notice::Done::SessionsEnded);
    Ok(ended)
}

// ---------------------------------------------------------------------------------------
// Administrators

/// Accounts matching `query` (name, organisation, e-mail or phone), optionally of one role.
#[server(prefix = "/api/accounts", endpoint = "list")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn list_accounts(
    query: String,
    role: String,
    page: u32,
) -> Result<AccountList, AppError> {
    access::require(&[Role::Admin])?;
    let db = use_db()?;
    let rows = store::search(&db, &query, Role::parse(&role), page, ACCOUNT_PAGE_SIZE).await?;
    let has_more = rows.len() > ACCOUNT_PAGE_SIZE as usize;
    let items = rows
        .into_iter()
        .take(ACCOUNT_PAGE_SIZE as usize)
        .map(|row| {
            Ok(AccountSummary {
                id: row.id,
                role: Role::stored(&row.role)?,
                display_name: row.display_name,
                login: row
                    .email
                    .or(row.phone.map(|p| mask_phone(&p)))
                    .unwrap_or_default(),
                org_name: row.org_name,
                status: AccountStatus::stored(&row.status)?,
                created_at_ms: row.created_at,
                version: row.version,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(AccountList {
        items,
        page,
        has_more,
    })
}

/// Creates a staff member's or another administrator's account.
#[server(prefix = "/api/accounts", endpoint = "create_staff")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn create_staff(
    display_name: String,
    email: String,
    role: String,
    password: String,
) -> Result<i64, AppError> {
    let admin = access::require(&[Role::Admin])?;
    let display_name = normalize_name("display_name", &display_name)?;
    let email = normalize_email(&email)?;
    let role = match Role::parse(&role) {
        Some(role) if role.is_office() => role,
        _ => return Err(AppError::invalid("role", "err_role_invalid")),
    };
    store::check_password_policy(&password)?;
    let db = use_db()?;
    let hash = store::hash_password(password).await?;
    let mut tx = db.begin_write().await?;
    let id = store::insert(
        &mut tx,
        store::NewAccount {
            role,
            email: Some(&email),
            phone: None,
            display_name: &display_name,
            password_hash: &hash,
            org_name: None,
            credit_code: None,
            contact_person: None,
            is_demo: false,
        },
    )
    .await?;
    audit::record(
        &mut tx,
        AuditEvent {
            actor_id: Some(admin.account_id),
            actor_label: "",
            action: AuditAction::AccountCreated,
            subject_id: Some(id),
            ip: &access::client_ip(),
            outcome: Outcome::Success,
            detail: role.as_str(),
        },
    )
    .await?;
    tx.commit().await?;
    crate::notice::announce(crate::notice::Done::StaffCreated);
    Ok(id)
}

/// An office account the administrator may manage: not their own, and staff or admin.
#[cfg(feature = "ssr")]
async fn managed_office_account(
    db: &crate::db::Db,
    admin: &Caller,
    account_id: i64,
) -> Result<store::AccountRow, AppError> {
    if account_id == admin.account_id {
        return Err(AppError::invalid("account", "err_not_on_self"));
    }
    store::find_by_id(db, account_id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Changes a staff member to administrator or back.
#[server(prefix = "/api/accounts", endpoint = "set_role")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn set_role(account_id: i64, role: String, version: i64) -> Result<(), AppError> {
    let admin = access::require(&[Role::Admin])?;
    let db = use_db()?;
    let account = managed_office_account(&db, &admin, account_id).await?;
    let role = match Role::parse(&role) {
        Some(role) if role.is_office() && account.role()?.is_office() => role,
        _ => return Err(AppError::invalid("role", "err_role_invalid")),
    };
    let mut tx = db.begin_write().await?;
    store::update_checked(&mut tx, account_id, version, |set| {
        set.push("role = ").push_bind(role.as_str());
    })
    .await?;
    // Sessions carry the role they were started with; make the change take effect now.
    store::delete_sessions_of(&mut tx, account_id, None).await?;
    audit::record(
        &mut tx,
        AuditEvent {
            actor_id: Some(admin.account_id),
            actor_label: "",
            action: AuditAction::RoleChanged,
            subject_id: Some(account_id),
            ip: &access::client_ip(),
            outcome: Outcome::Success,
            detail: &format!("{} -> {}", account.role, role.as_str()),
        },
    )
    .await?;
    tx.commit().await?;
    crate::notice::announce(crate::notice::Done::RoleChanged);
    Ok(())
}

/// Disables (ending every session at once) or re-enables an account.
#[server(prefix = "/api/accounts", endpoint = "set_status")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn set_status(account_id: i64, disabled: bool, version: i64) -> Result<(), AppError> {
    let admin = access::require(&[Role::Admin])?;
    let db = use_db()?;
    managed_office_account(&db, &admin, account_id).await?;
    let status = if disabled {
        AccountStatus::Disabled
    } else {
        AccountStatus::Active
    };
    let mut tx = db.begin_write().await?;
    store::update_checked(&mut tx, account_id, version, |set| {
        set.push("status = ").push_bind(status.as_str());
    })
    .await?;
    if disabled {
        store::delete_sessions_of(&mut tx, account_id, None).await?;
    }
    audit::record(
        &mut tx,
        AuditEvent {
            actor_id: Some(admin.account_id),
            actor_label: "",
            action: if disabled {
                AuditAction::AccountDisabled
            } else {
                AuditAction::AccountEnabled
            },
            subject_id: Some(account_id),
            ip: &access::client_ip(),
            outcome: Outcome::Success,
            detail: "",
        },
    )
    .await?;
    tx.commit().await?;
    crate::notice::announce(crate::notice::Done::AccountStatusChanged);
    Ok(())
}

/// Sets a new password for a staff member (who forgot theirs) and ends their sessions.
#[server(prefix = "/api/accounts", endpoint = "reset_staff_password")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn reset_staff_password(account_id: i64, new_password: String) -> Result<(), AppError> {
    let admin = access::require(&[Role::Admin])?;
    let db = use_db()?;
    let account = managed_office_account(&db, &admin, account_id).await?;
    if !account.role()?.is_office() {
        return Err(AppError::Forbidden);
    }
    store::check_password_policy(&new_password).map_err(|e| match e {
        AppError::Invalid { message, .. } => AppError::invalid("new_password", &message),
        other => other,
    })?;
    let hash = store::hash_password(new_password).await?;
    let mut tx = db.begin_write().await?;
    store::set_password_hash(&mut tx, account.id, account.version, &hash).await?;
    store::delete_sessions_of(&mut tx, account.id, None).await?;
    audit::record(
        &mut tx,
        AuditEvent {
            actor_id: Some(admin.account_id),
            actor_label: "",
            action: AuditAction::PasswordReset,
            subject_id: Some(account.id),
            ip: &access::client_ip(),
            outcome: Outcome::Success,
            detail: "",
        },
    )
    .await?;
    tx.commit().await?;
    crate::notice::announce(crate::notice::Done::StaffPasswordReset);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_page_must_be_local() {
        let routes: Vec<String> = ["/account", "/cases/:id", "/signin", "/admin/users"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let next = |path, role| safe_next(path, role, &routes);
        assert_eq!(next(Some("/cases/7"), Role::Admin), "/cases/7");
        assert_eq!(next(Some("//evil.example"), Role::Talent), "/account");
        assert_eq!(next(Some("https://evil.example"), Role::Talent), "/account");
        assert_eq!(next(Some("/\\evil.example"), Role::Talent), "/account");
        assert_eq!(
            next(Some("/\t/evil.example/x"), Role::Admin),
            "/admin/users"
        );
        assert_eq!(next(Some("/unknown"), Role::Admin), "/admin/users");
        assert_eq!(next(Some("/signin"), Role::Admin), "/admin/users");
        assert_eq!(next(None, Role::Admin), "/admin/users");
    }

    #[test]
    fn logins_are_masked_for_the_log() {
        assert_eq!(
            mask_login(&Login::Email("liming@example.cn".into())),
            "l***@example.cn"
        );
        assert_eq!(
            mask_login(&Login::Phone("13812345678".into())),
            "138****5678"
        );
    }
}
