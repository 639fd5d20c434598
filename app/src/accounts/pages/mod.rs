//! Sign-in, registration and "my account" pages. Every form posts to its server function:
//! as a plain HTML form without JavaScript (errors come back through the page address), in
//! place with it (nothing typed is lost, and the shared validation answers as soon as a
//! field is left).
mod users;

pub use users::UsersPage;

use super::api::*;
use super::model::*;
use crate::common::page::load_error;
use crate::common::page::{page_title, with_site_name};
use crate::error::{AppError, FieldError};
use crate::forms::*;
use crate::i18n::*;
use crate::routing::with_next;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::use_query_map;

/// The signed-in person, loaded with the page; provided to every page as context.
pub type ViewerResource = Resource<Result<Option<crate::accounts::api::Viewer>, AppError>>;

/// Bumped when someone signs in or registers without a page load, so the header reloads
/// who is signed in.
#[derive(Clone, Copy)]
pub struct AuthChanged(pub RwSignal<u32>);
/// The label of a role in the current language.
pub fn role_label(i18n: I18nContext<Locale>, role: Role) -> String {
    match role {
        Role::Visitor => t_string!(i18n, role_visitor).to_string(),
        Role::Talent => t_string!(i18n, role_talent).to_string(),
        Role::Enterprise => t_string!(i18n, role_enterprise).to_string(),
        Role::Staff => t_string!(i18n, role_staff).to_string(),
        Role::Admin => t_string!(i18n, role_admin).to_string(),
    }
}

// The shared rules, in the shape `Field` runs them when a field loses focus.
fn check_login(value: &str) -> Result<(), FieldError> {
    Login::parse(value).map(|_| ())
}
fn check_password(value: &str) -> Result<(), FieldError> {
    check_new_password(value)
}
fn check_display_name(value: &str) -> Result<(), FieldError> {
    normalize_name("display_name", value).map(|_| ())
}
fn check_org_name(value: &str) -> Result<(), FieldError> {
    normalize_name("org_name", value).map(|_| ())
}
fn check_contact_person(value: &str) -> Result<(), FieldError> {
    normalize_name("contact_person", value).map(|_| ())
}
fn check_credit_code(value: &str) -> Result<(), FieldError> {
    normalize_credit_code(value).map(|_| ())
}

/// After signing in or registering in place (with JavaScript), the header must learn
/// who is signed in now.
fn refresh_viewer_on_success<T: Clone + Send + Sync + 'static>(
    value: impl Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
) {
    let auth = use_context::<AuthChanged>();
    Effect::new(move |_| {
        if let (Some(Ok(_)), Some(auth)) = (value.get(), auth) {
            auth.0.update(|n| *n += 1);
        }
    });
}

/// The sign-in and password of a new account, as both registration forms ask for them.
#[component]
fn NewLoginFields(error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
                <Field
                    name="login"
                    label=Signal::derive(move || t_string!(i18n, field_login).to_string())
                    help=Signal::derive(move || t_string!(i18n, field_login_help).to_string())
                    autocomplete="username"
                    required=true
                    error
                    also=&["email", "phone"]
                    check=check_login
                />
                <Field
                    name="password"
                    kind="password"
                    label=Signal::derive(move || t_string!(i18n, field_password).to_string())
                    help=Signal::derive(move || t_string!(i18n, field_password_help).to_string())
                    autocomplete="new-password"
                    required=true
                    error
                    check=check_password
                />
    }
}

#[component]
fn AuthCard(title: Signal<String>, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {page_title(move || with_site_name(title.get(), i18n))}
        <div class="mx-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
            <h1 class="mb-4 text-2xl font-bold text-slate-900">{move || title.get()}</h1>
            {children()}
        </div>
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let next = next_of_query();
    let action = ServerAction::<SignIn>::new();
    refresh_viewer_on_success(action.value());
    let error = last_error(action.value());
    view! {
        <AuthCard title=Signal::derive(move || t_string!(i18n, sign_in_title).to_string())>
            <p class="mb-4 text-sm text-slate-700">{t!(i18n, sign_in_lead)}</p>
            <ActionForm action attr:class="flex flex-col gap-4" attr:novalidate=true>
                <input type="hidden" name="next" value=next />
                <Field
                    name="login"
                    label=Signal::derive(move || t_string!(i18n, field_login).to_string())
                    autocomplete="username"
                    required=true
                    error
                    also=&["email", "phone"]
                />
                <Field
                    name="password"
                    kind="password"
                    label=Signal::derive(move || t_string!(i18n, field_password).to_string())
                    autocomplete="current-password"
                    required=true
                    error
                />
                <FormError error fields=&["login", "email", "phone", "password"] />
                <button type="submit" disabled=move || action.pending().get() class=BUTTON_CLASS data-testid="sign-in-submit">{t!(i18n, sign_in_submit)}</button>
            </ActionForm>
            <p class="mt-6 text-sm text-slate-700">
                {t!(i18n, sign_in_no_account)} " "
                <a href=move || with_next("/register", &next.get()) class="font-medium text-blue-800 underline" data-testid="register-link">{t!(i18n, register_talent_link)}</a>
                " · "
                <a href=move || with_next("/register/enterprise", &next.get()) class="font-medium text-blue-800 underline">{t!(i18n, register_enterprise_link)}</a>
            </p>
        </AuthCard>
    }
}

/// "Sign in to …" for a visitor on a page that needs an account, with the way to register
/// next to it; both come back to `next` (the page they are on) afterwards.
#[component]
pub fn SignInToContinue(
    next: String,
    label: Signal<String>,
    #[prop(optional)] link_style: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let class = if link_style {
        "text-blue-800 underline"
    } else {
        BUTTON_CLASS
    };
    view! {
        <p class="flex flex-wrap items-center gap-x-4 gap-y-2">
            <a class=class href=with_next("/signin", &next) data-testid="sign-in-to-continue">{move || label.get()}</a>
            <span class="text-sm text-slate-700">{t!(i18n, sign_in_no_account)} " "
                <a class="font-medium text-blue-800 underline" href=with_next("/register", &next) data-testid="register-to-continue">{t!(i18n, register_talent_link)}</a>
            </span>
        </p>
    }
}

/// The page to return to (`?next=`) of the current address.
fn next_of_query() -> Signal<String> {
    let query = use_query_map();
    Signal::derive(move || query.with(|q| q.get("next").unwrap_or_default()))
}

/// Whether the page was reached after registering (`?sent=1`): it then says to look for
/// the message, the same whether or not the address had an account.
fn registration_sent() -> Signal<bool> {
    let query = use_query_map();
    Signal::derive(move || query.with(|q| q.get("sent").is_some()))
}

#[component]
fn RegistrationSent() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div role="status" data-testid="registration-sent" class="flex flex-col gap-3 rounded-md border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-900">
            <p class="font-semibold">{t!(i18n, register_sent_title)}</p>
            <p>{t!(i18n, register_sent)}</p>
            <p>{t!(i18n, register_sent_nothing)}</p>
        </div>
    }
}

#[component]
pub fn RegisterTalentPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RegisterTalent>::new();
    let error = last_error(action.value());
    let sent = registration_sent();
    let next = next_of_query();
    view! {
        <AuthCard title=Signal::derive(move || t_string!(i18n, register_talent_title).to_string())>
            <Show when=move || sent.get()>
                <RegistrationSent />
            </Show>
            <Show when=move || !sent.get()>
            <p class="mb-4 text-sm text-slate-700">{t!(i18n, register_lead)}</p>
            <ActionForm action attr:class="flex flex-col gap-4" attr:novalidate=true>
                <input type="hidden" name="next" value=next />
                <Field
                    name="display_name"
                    label=Signal::derive(move || t_string!(i18n, field_display_name).to_string())
                    autocomplete="name"
                    required=true
                    error
                    check=check_display_name
                />
                <NewLoginFields error />
                <FormError error fields=&["display_name", "login", "email", "phone", "password"] />
                <button type="submit" disabled=move || action.pending().get() class=BUTTON_CLASS data-testid="register-submit">{t!(i18n, register_submit)}</button>
            </ActionForm>
            <p class="mt-6 text-sm text-slate-700">
                {t!(i18n, have_account)} " "
                <a href=move || with_next("/signin", &next.get()) class="font-medium text-blue-800 underline">{t!(i18n, nav_sign_in)}</a>
                " · "
                <a href=move || with_next("/register/enterprise", &next.get()) class="font-medium text-blue-800 underline">{t!(i18n, register_enterprise_link)}</a>
            </p>
            </Show>
        </AuthCard>
    }
}

#[component]
pub fn RegisterEnterprisePage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RegisterEnterprise>::new();
    let error = last_error(action.value());
    let sent = registration_sent();
    let next = next_of_query();
    view! {
        <AuthCard title=Signal::derive(move || t_string!(i18n, register_enterprise_title).to_string())>
            <Show when=move || sent.get()>
                <RegistrationSent />
            </Show>
            <Show when=move || !sent.get()>
            <p class="mb-4 text-sm text-slate-700">{t!(i18n, register_enterprise_lead)}</p>
            <ActionForm action attr:class="flex flex-col gap-4" attr:novalidate=true>
                <input type="hidden" name="next" value=next />
                <Field
                    name="org_name"
                    label=Signal::derive(move || t_string!(i18n, field_org_name).to_string())
                    autocomplete="organization"
                    required=true
                    error
                    check=check_org_name
                />
                <Field
                    name="credit_code"
                    label=Signal::derive(move || t_string!(i18n, field_credit_code).to_string())
                    help=Signal::derive(move || t_string!(i18n, field_credit_code_help).to_string())
                    required=true
                    error
                    check=check_credit_code
                />
                <Field
                    name="contact_person"
                    label=Signal::derive(move || t_string!(i18n, field_contact_person).to_string())
                    autocomplete="name"
                    required=true
                    error
                    check=check_contact_person
                />
                <NewLoginFields error />
                <FormError error fields=&["org_name", "credit_code", "contact_person", "login", "email", "phone", "password"] />
                <button type="submit" disabled=move || action.pending().get() class=BUTTON_CLASS data-testid="register-submit">{t!(i18n, register_submit)}</button>
            </ActionForm>
            <p class="mt-6 text-sm text-slate-700">
                {t!(i18n, have_account)} " "
                <a href=move || with_next("/signin", &next.get()) class="font-medium text-blue-800 underline">{t!(i18n, nav_sign_in)}</a>
                " · "
                <a href=move || with_next("/register", &next.get()) class="font-medium text-blue-800 underline">{t!(i18n, register_talent_link)}</a>
            </p>
            </Show>
        </AuthCard>
    }
}

/// The page the registration link opens: one button creates the account and signs in (a
/// button rather than the link itself, so a mail scanner that follows links activates
/// nothing).
#[component]
pub fn RegisterConfirmPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let token = move || query.with(|q| q.get("token").unwrap_or_default());
    let next = next_of_query();
    let action = ServerAction::<ConfirmRegistration>::new();
    crate::notice::announce_on_success(action.value(), crate::notice::Done::AccountConfirmed);
    refresh_viewer_on_success(action.value());
    let error = last_error(action.value());
    view! {
        <AuthCard title=Signal::derive(move || t_string!(i18n, confirm_title).to_string())>
            <p class="mb-4 text-sm text-slate-700">{t!(i18n, confirm_lead)}</p>
            <ActionForm action attr:class="flex flex-col gap-4">
                <input type="hidden" name="token" value=token />
                <input type="hidden" name="next" value=next />
                <FormError error />
                <button type="submit" disabled=move || action.pending().get() class=BUTTON_CLASS data-testid="confirm-registration">{t!(i18n, confirm_submit)}</button>
            </ActionForm>
            <p class="mt-6 text-sm text-slate-700">
                {t!(i18n, have_account)} " "
                <a href=move || with_next("/signin", &next.get()) class="font-medium text-blue-800 underline">{t!(i18n, nav_sign_in)}</a>
            </p>
        </AuthCard>
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let update = ServerAction::<UpdateProfile>::new();
    crate::notice::announce_on_success(update.value(), crate::notice::Done::AccountSaved);
    let change = ServerAction::<ChangePassword>::new();
    crate::notice::announce_on_success(change.value(), crate::notice::Done::PasswordChanged);
    let end = ServerAction::<EndSessions>::new();
    crate::notice::announce_on_success(end.value(), crate::notice::Done::SessionsEnded);
    let account = Resource::new(
        move || {
            (
                update.version().get(),
                change.version().get(),
                end.version().get(),
            )
        },
        |_| load_my_account(),
    );
    view! {
        {page_title(move || with_site_name(t_string!(i18n, account_title).to_string(), i18n))}
        <h1 class="mb-6 text-2xl font-bold text-slate-900">{t!(i18n, account_title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(me) => view! {
                        {(me.role == Role::Talent).then(|| view! { <crate::profile::pages::MayApply /> })}
                        <AccountDetails me update change end />
                    }.into_any(),
                    Err(e) => load_error(e),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AccountDetails(
    me: MyAccount,
    update: ServerAction<UpdateProfile>,
    change: ServerAction<ChangePassword>,
    end: ServerAction<EndSessions>,
) -> impl IntoView {
    let i18n = use_i18n();
    let login = me.email.clone().or(me.phone.clone()).unwrap_or_default();
    let update_error = last_error(update.value());
    let change_error = last_error(change.value());
    let end_error = last_error(end.value());
    let role = me.role;
    let name = me.display_name.clone();
    let sessions = me.sessions.clone();
    view! {
        <div class="grid gap-6 lg:grid-cols-2">
            <section aria-labelledby="profile-title" class="rounded-lg border border-slate-200 bg-white p-5">
                <h2 id="profile-title" class="mb-3 text-lg font-semibold">{t!(i18n, account_profile)}</h2>
                <dl class="mb-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                    <dt class="text-slate-600">{t!(i18n, account_role)}</dt>
                    <dd data-testid="account-role">{move || role_label(i18n, role)}</dd>
                    <dt class="text-slate-600">{t!(i18n, account_login)}</dt>
                    <dd>{login}</dd>
                    {me.org_name.clone().map(|org| view! {
                        <dt class="text-slate-600">{t!(i18n, field_org_name)}</dt>
                        <dd>{org}</dd>
                    })}
                    {me.credit_code.clone().map(|code| view! {
                        <dt class="text-slate-600">{t!(i18n, field_credit_code)}</dt>
                        <dd class="font-mono">{code}</dd>
                    })}
                    <dt class="text-slate-600">{t!(i18n, account_created)}</dt>
                    <dd>{crate::format::datetime(me.created_at_ms)}</dd>
                </dl>
                <ActionForm action=update attr:class="flex flex-col gap-3">
                    <input type="hidden" name="version" value=me.version />
                    <Field
                        name="display_name"
                        label=Signal::derive(move || t_string!(i18n, field_display_name).to_string())
                        value=Signal::derive(move || name.clone())
                        required=true
                        error=update_error
                    />
                    <FormError error=update_error fields=&["display_name"] />
                    <div><button type="submit" disabled=move || update.pending().get() class=BUTTON_CLASS>{t!(i18n, save)}</button></div>
                </ActionForm>
            </section>

            <section aria-labelledby="password-title" class="rounded-lg border border-slate-200 bg-white p-5">
                <h2 id="password-title" class="mb-3 text-lg font-semibold">{t!(i18n, change_password_title)}</h2>
                <ActionForm action=change attr:class="flex flex-col gap-3">
                    <Field
                        name="current_password"
                        kind="password"
                        autocomplete="current-password"
                        label=Signal::derive(move || t_string!(i18n, field_current_password).to_string())
                        required=true
                        error=change_error
                    />
                    <Field
                        name="new_password"
                        kind="password"
                        autocomplete="new-password"
                        label=Signal::derive(move || t_string!(i18n, field_new_password).to_string())
                        help=Signal::derive(move || t_string!(i18n, field_password_help).to_string())
                        required=true
                        error=change_error
                    />
                    <FormError error=change_error fields=&["current_password", "new_password"] />
                    <div><button type="submit" disabled=move || change.pending().get() class=BUTTON_CLASS>{t!(i18n, change_password_submit)}</button></div>
                </ActionForm>
            </section>

            <section aria-labelledby="sessions-title" class="rounded-lg border border-slate-200 bg-white p-5 lg:col-span-2">
                <h2 id="sessions-title" class="mb-3 text-lg font-semibold">{t!(i18n, sessions_title)}</h2>
                <ul class="mb-4 divide-y divide-slate-200 text-sm" data-testid="sessions">
                    {sessions.into_iter().map(|s| {
                        let handle = s.handle.clone();
                        view! {
                            <li class="flex flex-wrap items-center justify-between gap-2 py-2">
                                <div>
                                    <p class="font-medium">
                                        {if s.user_agent.is_empty() { "—".to_string() } else { s.user_agent.chars().take(80).collect() }}
                                        {s.current.then(|| view! { <span class="ml-2 rounded bg-green-100 px-2 py-0.5 text-xs text-green-900">{t!(i18n, session_current)}</span> })}
                                    </p>
                                    <p class="text-slate-600">
                                        {t!(i18n, session_started)} " " {crate::format::datetime(s.created_at_ms)}
                                        " · " {t!(i18n, session_last_seen)} " " {crate::format::datetime(s.last_seen_at_ms)}
                                        " · " {s.ip.clone()}
                                    </p>
                                </div>
                                {(!s.current).then(|| view! {
                                    <ActionForm action=end>
                                        <input type="hidden" name="handle" value=handle.clone() />
                                        <button type="submit" disabled=move || end.pending().get() class=SECONDARY_BUTTON_CLASS>{t!(i18n, session_end)}</button>
                                    </ActionForm>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <ActionForm action=end>
                    <input type="hidden" name="handle" value="" />
                    <button type="submit" disabled=move || end.pending().get() class=SECONDARY_BUTTON_CLASS>{t!(i18n, sessions_end_others)}</button>
                </ActionForm>
                <FormError error=end_error />
            </section>
            <crate::privacy::pages::MyData />
        </div>
    }
}
