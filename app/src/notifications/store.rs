//! Notification queries (ssr only).
use super::model::*;
use crate::db::{Db, now_ms};
use crate::error::AppError;
use sqlx::AnyConnection;

/// An in-app notification, and an e-mail in the outbox when the account has an address.
/// Written in the transaction of the change it reports; delivery happens later and can
/// never hold the change up.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn notify(
    conn: &mut AnyConnection,
    account_id: i64,
    case_id: i64,
    kind: &str,
    number: Option<&str>,
) -> Result<(), AppError> {
    let now = now_ms();
    sqlx::query(
        "INSERT INTO notifications (account_id, at, case_id, kind) VALUES ($1, $2, $3, $4)",
    )
    .bind(account_id)
    .bind(now)
    .bind(case_id)
    .bind(kind)
    .execute(&mut *conn)
    .await?;
    let number = number.unwrap_or("");
    let subject = format!(
        "两江英才汇：办件 {number} 有新进展 / Liangjiang Yingcai Hub: update on case {number}"
    );
    let link = crate::links::absolute(&format!("/cases/{case_id}"));
    let body = format!(
        "您的办件 {number} 有新进展，请登录两江英才汇查看：{link}\n\
         There is an update on case {number}. Sign in to the hub to see it: {link}\n"
    );
    queue_email(conn, account_id, &subject, &body, now).await
}

/// Puts an e-mail to the account in the outbox, if the account has an address.
async fn queue_email(
    conn: &mut AnyConnection,
    account_id: i64,
    subject: &str,
    body: &str,
    now: i64,
) -> Result<(), AppError> {
    let email: Option<(Option<String>,)> =
        sqlx::query_as("SELECT email FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_optional(&mut *conn)
            .await?;
    if let Some((Some(email),)) = email {
        email_to(conn, &email, subject, body, now).await?;
    }
    Ok(())
}

/// Puts an e-mail to `address` in the outbox (for people without an account, such as a
/// visitor who raised a concern). Every e-mail passes here: the address and the subject,
/// which may carry names people chose, are kept to one line each.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn email_to(
    conn: &mut AnyConnection,
    address: &str,
    subject: &str,
    body: &str,
    now: i64,
) -> Result<(), AppError> {
    // Links must be absolute (`crate::links::absolute`): a mail reader cannot open `/track`.
    debug_assert!(
        !crate::links::has_bare_path(body),
        "a message with a bare path: {body}"
    );
    sqlx::query(
        "INSERT INTO outbox (to_address, subject, body, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $4)",
    )
    .bind(header_value(address))
    .bind(header_value(subject))
    .bind(body)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A notification about something other than a case (a job post, an application): it
/// links to `link` and names `subject`; an e-mail goes to the outbox as for cases.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn notify_about(
    conn: &mut AnyConnection,
    account_id: i64,
    kind: &str,
    link: &str,
    subject: &str,
) -> Result<(), AppError> {
    let absolute = crate::links::absolute(link);
    let body = format!(
        "「{subject}」有新消息，请登录两江英才汇查看：{absolute}\n\
         There is news about \"{subject}\". Sign in to the hub to see it: {absolute}\n"
    );
    notify_with_message(conn, account_id, kind, link, subject, &body).await
}

/// As [`notify_about`], with the e-mail's own `body`.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn notify_with_message(
    conn: &mut AnyConnection,
    account_id: i64,
    kind: &str,
    link: &str,
    subject: &str,
    body: &str,
) -> Result<(), AppError> {
    let now = now_ms();
    sqlx::query(
        "INSERT INTO notifications (account_id, at, kind, link, subject) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(account_id)
    .bind(now)
    .bind(kind)
    .bind(link)
    .bind(subject)
    .execute(&mut *conn)
    .await?;
    let subject_line = format!("两江英才汇：{subject} / Liangjiang Yingcai Hub: {subject}");
    queue_email(conn, account_id, &subject_line, body, now).await
}

#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn unread_count(db: &Db, account_id: i64) -> Result<i64, AppError> {
    let (count,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM notifications WHERE account_id = $1 AND read_at IS NULL",
    )
    .bind(account_id)
    .fetch_one(db.reader())
    .await?;
    Ok(count)
}

/// A notification with the number of the case it is about, if any.
#[derive(sqlx::FromRow)]
struct NotificationRow {
    id: i64,
    at: i64,
    case_id: Option<i64>,
    case_number: Option<String>,
    kind: String,
    read_at: Option<i64>,
    link: Option<String>,
    subject: String,
}

/// The account's notifications, newest first.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn list(db: &Db, account_id: i64, page: u32) -> Result<NotificationPage, AppError> {
    let rows: Vec<NotificationRow> = sqlx::query_as(
        "SELECT n.id, n.at, n.case_id, c.number AS case_number, n.kind, n.read_at, n.link, n.subject FROM notifications n \
         LEFT JOIN cases c ON c.id = n.case_id WHERE n.account_id = $1 \
         ORDER BY n.id DESC LIMIT $2 OFFSET $3",
    )
    .bind(account_id)
    .bind(crate::db::page_window(page, NOTIFICATION_PAGE_SIZE).0)
    .bind(crate::db::page_window(page, NOTIFICATION_PAGE_SIZE).1)
    .fetch_all(db.reader())
    .await?;
    let has_more = rows.len() > NOTIFICATION_PAGE_SIZE as usize;
    Ok(NotificationPage {
        items: rows
            .into_iter()
            .take(NOTIFICATION_PAGE_SIZE as usize)
            .map(|r| Notification {
                id: r.id,
                at: r.at,
                case_id: r.case_id,
                case_number: r.case_number,
                kind: r.kind,
                read: r.read_at.is_some(),
                link: r.link,
                subject: r.subject,
            })
            .collect(),
        page,
        has_more,
    })
}

/// Marks every unread notification of the account as read.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn mark_all_read(db: &Db, account_id: i64) -> Result<(), AppError> {
    sqlx::query("UPDATE notifications SET read_at = $1 WHERE account_id = $2 AND read_at IS NULL")
        .bind(now_ms())
        .bind(account_id)
        .execute(db.writer())
        .await?;
    Ok(())
}
