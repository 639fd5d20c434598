//! The administrator's user list: search, create staff accounts, change roles, disable,
//! reset a staff member's password. Filters live in the address (`?q=…&role=…&page=…`),
//! so the search is a plain GET form and every list can be bookmarked.
use super::role_label;
use crate::accounts::api::*;
use crate::accounts::model::*;
use crate::common::page::{Forbidden, load_error};
use crate::common::page::{page_title, with_site_name};
use crate::error::AppError;
use crate::format::url_encode;
use crate::forms::*;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn UsersPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = move || query.with(|m| m.get("q").unwrap_or_default());
    let role = move || query.with(|m| m.get("role").unwrap_or_default());
    let page = move || {
        query.with(|m| {
            m.get("page")
                .and_then(|p| p.parse::<u32>().ok())
                .unwrap_or(0)
        })
    };
    let create = ServerAction::<CreateStaff>::new();
    crate::notice::announce_on_success(create.value(), crate::notice::Done::StaffCreated);
    let set_status_action = ServerAction::<SetStatus>::new();
    crate::notice::announce_on_success(
        set_status_action.value(),
        crate::notice::Done::AccountStatusChanged,
    );
    let set_role_action = ServerAction::<SetRole>::new();
    crate::notice::announce_on_success(set_role_action.value(), crate::notice::Done::RoleChanged);
    let reset = ServerAction::<ResetStaffPassword>::new();
    crate::notice::announce_on_success(reset.value(), crate::notice::Done::StaffPasswordReset);
    let list = Resource::new(
        move || {
            (
                q(),
                role(),
                page(),
                create.version().get(),
                set_status_action.version().get(),
                set_role_action.version().get(),
            )
        },
        |(q, role, page, ..)| list_accounts(q, role, page),
    );
    let action_error = first_error([
        last_error(set_status_action.value()),
        last_error(set_role_action.value()),
        last_error(reset.value()),
    ]);
    let page_href = move |target: u32| {
        format!(
            "/admin/users?q={}&role={}&page={target}",
            url_encode(&q()),
            url_encode(&role())
        )
    };

    view! {
        {page_title(move || with_site_name(t_string!(i18n, users_title).to_string(), i18n))}
        <h1 class="mb-4 text-2xl font-bold text-slate-900">{t!(i18n, users_title)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Err(AppError::Forbidden) => view! { <Forbidden /> }.into_any(),
                    Err(e) => load_error(e),
                    Ok(list) => view! {
                        <div class="flex flex-col gap-6">
                            <form method="get" action="/admin/users" class="flex flex-wrap items-end gap-3" role="search">
                                <div class="flex min-w-64 flex-1 flex-col gap-1">
                                    <label for="users-q" class="text-sm font-medium">{t!(i18n, users_search)}</label>
                                    <input id="users-q" name="q" type="search" value=q class="rounded-md border border-slate-400 px-3 py-2" />
                                </div>
                                <div class="flex flex-col gap-1">
                                    <label for="users-role" class="text-sm font-medium">{t!(i18n, users_filter_role)}</label>
                                    <select id="users-role" name="role" class="rounded-md border border-slate-400 bg-white px-3 py-2">
                                        <option value="" selected=move || role().is_empty()>{t!(i18n, all_roles)}</option>
                                        {[Role::Talent, Role::Enterprise, Role::Staff, Role::Admin].into_iter().map(|r| view! {
                                            <option value=r.as_str() selected=move || role() == r.as_str()>{move || role_label(i18n, r)}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <button type="submit" class=BUTTON_CLASS>{t!(i18n, search)}</button>
                            </form>

                            <FormError error=action_error />
                            <UserTable list=list.clone() set_status_action set_role_action reset />

                            <crate::common::page::Pagination page=list.page has_more=list.has_more href=page_href />

                            <CreateStaffForm create />
                        </div>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn UserTable(
    list: AccountList,
    set_status_action: ServerAction<SetStatus>,
    set_role_action: ServerAction<SetRole>,
    reset: ServerAction<ResetStaffPassword>,
) -> impl IntoView {
    let i18n = use_i18n();
    if list.items.is_empty() {
        return view! { <p class="text-slate-700">{t!(i18n, users_empty)}</p> }.into_any();
    }
    view! {
        <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table class="min-w-full text-left text-sm" data-testid="users-table">
                <thead class="bg-slate-100 text-slate-700">
                    <tr>
                        <th scope="col" class="px-3 py-2">{t!(i18n, col_name)}</th>
                        <th scope="col" class="px-3 py-2">{t!(i18n, col_login)}</th>
                        <th scope="col" class="px-3 py-2">{t!(i18n, col_role)}</th>
                        <th scope="col" class="px-3 py-2">{t!(i18n, col_status)}</th>
                        <th scope="col" class="px-3 py-2">{t!(i18n, col_actions)}</th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-200">
                    {list.items.into_iter().map(|account| {
                        let office = account.role.is_office();
                        let disabled = account.status == AccountStatus::Disabled;
                        let other_role = if account.role == Role::Admin { Role::Staff } else { Role::Admin };
                        view! {
                            <tr>
                                <th scope="row" class="px-3 py-2 font-medium">{account.display_name.clone()}</th>
                                <td class="px-3 py-2">{account.login.clone()}</td>
                                <td class="px-3 py-2">{move || role_label(i18n, account.role)}</td>
                                <td class="px-3 py-2">
                                    {if disabled {
                                        view! { <span class="text-red-800">{t!(i18n, status_disabled)}</span> }.into_any()
                                    } else {
                                        view! { <span>{t!(i18n, status_active)}</span> }.into_any()
                                    }}
                                </td>
                                <td class="px-3 py-2">
                                    {office.then(|| view! {
                                        <div class="flex flex-wrap items-center gap-2">
                                            <ActionForm action=set_status_action>
                                                <input type="hidden" name="account_id" value=account.id />
                                                <input type="hidden" name="disabled" value=(!disabled).to_string() />
                                                <input type="hidden" name="version" value=account.version />
                                                <button type="submit" disabled=move || set_status_action.pending().get() class=SECONDARY_BUTTON_CLASS>
                                                    {if disabled { t_string!(i18n, enable).to_string() } else { t_string!(i18n, disable).to_string() }}
                                                </button>
                                            </ActionForm>
                                            <ActionForm action=set_role_action>
                                                <input type="hidden" name="account_id" value=account.id />
                                                <input type="hidden" name="role" value=other_role.as_str() />
                                                <input type="hidden" name="version" value=account.version />
                                                <button type="submit" disabled=move || set_role_action.pending().get() class=SECONDARY_BUTTON_CLASS>
                                                    {if other_role == Role::Admin { t_string!(i18n, make_admin).to_string() } else { t_string!(i18n, make_staff).to_string() }}
                                                </button>
                                            </ActionForm>
                                            <details>
                                                <summary class="cursor-pointer text-blue-800 underline">{t!(i18n, reset_password)}</summary>
                                                <ActionForm action=reset attr:class="mt-2 flex items-end gap-2">
                                                    <input type="hidden" name="account_id" value=account.id />
                                                    <label class="flex flex-col text-xs">
                                                        {t!(i18n, field_new_password)}
                                                        <input name="new_password" type="password" autocomplete="new-password" required minlength="8" class="rounded border border-slate-400 px-2 py-1 text-sm" />
                                                    </label>
                                                    <button type="submit" disabled=move || reset.pending().get() class=SECONDARY_BUTTON_CLASS>{t!(i18n, save)}</button>
                                                </ActionForm>
                                            </details>
                                        </div>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn CreateStaffForm(create: ServerAction<CreateStaff>) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(create.value());
    let create_form = NodeRef::<leptos::html::Form>::new();
    crate::forms::reset_after_success(create_form, create.value());
    view! {
        <section aria-labelledby="create-staff-title" class="max-w-xl rounded-lg border border-slate-200 bg-white p-5">
            <h2 id="create-staff-title" class="mb-3 text-lg font-semibold">{t!(i18n, create_staff_title)}</h2>
            <ActionForm action=create node_ref=create_form attr:class="flex flex-col gap-3">
                <Field name="display_name" label=Signal::derive(move || t_string!(i18n, field_display_name).to_string()) required=true error />
                <Field name="email" kind="email" autocomplete="off" label=Signal::derive(move || t_string!(i18n, field_email).to_string()) required=true error />
                <div class="flex flex-col gap-1">
                    <label for="field-role" class="text-sm font-medium">{t!(i18n, field_role)}</label>
                    <select id="field-role" name="role" class="rounded-md border border-slate-400 bg-white px-3 py-2">
                        <option value="staff">{move || role_label(i18n, Role::Staff)}</option>
                        <option value="admin">{move || role_label(i18n, Role::Admin)}</option>
                    </select>
                </div>
                <Field
                    name="password"
                    kind="password"
                    autocomplete="new-password"
                    label=Signal::derive(move || t_string!(i18n, field_password).to_string())
                    help=Signal::derive(move || t_string!(i18n, field_password_help).to_string())
                    required=true
                    error
                />
                <FormError error fields=&["display_name", "email", "password"] />
                <div><button type="submit" disabled=move || create.pending().get() class=BUTTON_CLASS data-testid="create-staff-submit">{t!(i18n, create_staff_submit)}</button></div>
            </ActionForm>
        </section>
    }
}
