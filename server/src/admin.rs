//! Server commands that change accounts outside the web interface.
use app::accounts::model::{Role, normalize_email, normalize_name};
use app::accounts::store;
use app::audit::model::{AuditAction, Outcome};
use app::audit::store::{self as audit, AuditEvent};
use app::db::Db;
use app::error::AppError;

/// Creates an administrator account (the first one, or one more), with the same rules as
/// the web forms, and records it in the audit log.
pub async fn create_admin(
    db: &Db,
    email: &str,
    name: &str,
    password: String,
) -> Result<i64, String> {
    let explain = |e: AppError| match e {
        AppError::Invalid { field, message } => format!("{field}: {}", english(&message)),
        other => other.to_string(),
    };
    let email = normalize_email(email).map_err(|e| explain(e.into()))?;
    let name = normalize_name("name", name).map_err(|e| explain(e.into()))?;
    store::check_password_policy(&password).map_err(explain)?;
    let hash = store::hash_password(password).await.map_err(explain)?;
    let mut tx = db.begin_write().await.map_err(|e| e.to_string())?;
    let id = store::insert(
        &mut tx,
        store::NewAccount {
            role: Role::Admin,
            email: Some(&email),
            phone: None,
            display_name: &name,
            password_hash: &hash,
            org_name: None,
            credit_code: None,
            contact_person: None,
            is_demo: false,
        },
    )
    .await
    .map_err(explain)?;
    audit::record(
        &mut tx,
        AuditEvent {
            actor_id: None,
            actor_label: "server create-admin",
            action: AuditAction::AccountCreated,
            subject_id: Some(id),
            ip: "",
            outcome: Outcome::Success,
            detail: Role::Admin.as_str(),
        },
    )
    .await
    .map_err(explain)?;
    tx.commit().await.map_err(|e| e.to_string())?;
    Ok(id)
}

/// The English text of a translation key, for messages on the command line.
fn english(key: &str) -> String {
    static CATALOGUE: &str = include_str!("../../app/locales/en.json");
    serde_json::from_str::<serde_json::Value>(CATALOGUE)
        .ok()
        .and_then(|all| all.get(key).and_then(|v| v.as_str()).map(str::to_string))
        .unwrap_or_else(|| key.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn keys_become_sentences() {
        assert_eq!(
            super::english("err_password_common"),
            "This password is too common and easy to guess; choose another."
        );
        assert_eq!(super::english("no_such_key"), "no_such_key");
    }
}
