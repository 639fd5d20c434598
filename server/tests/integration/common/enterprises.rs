//! Enterprises as the tests need them: newly registered (waiting for staff), or registered
//! and verified by staff, as the browser does it.
use super::TestApp;
use app::accounts::api::RegisterEnterprise;
use app::enterprises::api::{DecideEnterprise, EnterpriseList};
use app::enterprises::model::EnterprisePage;

/// Who the enterprise is: its name, unified social credit code and sign-in e-mail.
pub struct NewEnterprise<'a> {
    pub name: &'a str,
    pub credit_code: &'a str,
    pub login: &'a str,
    pub password: &'a str,
}

/// Registers the enterprise (pending verification) and returns its session.
pub async fn registered(app: &TestApp, enterprise: &NewEnterprise<'_>) -> String {
    let response = app
        .register(RegisterEnterprise {
            org_name: enterprise.name.into(),
            credit_code: enterprise.credit_code.into(),
            contact_person: "张伟".into(),
            login: enterprise.login.into(),
            password: enterprise.password.into(),
            next: None,
        })
        .await;
    response
        .session_cookie()
        .unwrap_or_else(|| panic!("registering {}: {}", enterprise.name, response.body))
}

/// Registers the enterprise and has `staff` verify it: its session.
pub async fn enterprise_verified(
    app: &TestApp,
    staff: &str,
    enterprise: &NewEnterprise<'_>,
) -> String {
    let session = registered(app, enterprise).await;
    let listed = app
        .call(
            EnterpriseList {
                status: "pending".into(),
                page: 0,
            },
            Some(staff),
        )
        .await;
    let page: EnterprisePage = serde_json::from_str(&listed.body).expect(&listed.body);
    let pending = page
        .items
        .iter()
        .find(|e| e.credit_code == enterprise.credit_code)
        .expect("the new enterprise waits for verification");
    let decided = app
        .call(
            DecideEnterprise {
                id: pending.id,
                version: pending.version,
                decision: "verified".into(),
                note: String::new(),
            },
            Some(staff),
        )
        .await;
    assert!(decided.status.is_success(), "{}", decided.body);
    session
}
