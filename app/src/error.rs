//! The one error type every server function returns, so the browser can tell a
//! "you may not do this" from "this changed meanwhile" and show it in the user's language.
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("sign-in required")]
    Unauthenticated,
    #[error("not allowed")]
    Forbidden,
    /// Bad input: `field` names the form field, `message` is an i18n key.
    #[error("invalid {field}: {message}")]
    Invalid { field: String, message: String },
    /// Optimistic-concurrency failure: the object changed since the caller read it.
    #[error("changed meanwhile")]
    Conflict,
    /// Tried too often in a while (HTTP 429): `message` is a translation key whose text
    /// takes `%1`, the time until the next try is allowed.
    #[error("too many attempts: {message}")]
    TooMany {
        message: String,
        retry_after_secs: i64,
    },
    #[error("internal error")]
    Internal,
    /// The request did not reach the server function or its answer could not be read.
    #[error("request failed: {0}")]
    Transport(String),
}

/// A reason typed by staff (for rejecting, suspending, sending back): trimmed, at most 500
/// characters, and required when `required`.
pub fn check_reason(field: &str, text: &str, required: bool) -> Result<String, AppError> {
    let text = text.trim();
    if required && text.is_empty() {
        return Err(AppError::invalid(field, "err_reason_required"));
    }
    if text.chars().count() > 500 {
        return Err(AppError::invalid(field, "err_too_long"));
    }
    Ok(text.to_string())
}

/// A form field that failed validation; `message` is a key of the translation catalogues.
/// Produced by the shared validation functions, in the browser and on the server alike.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub message: &'static str,
}

impl AppError {
    /// A bad value in form field `field`; `message` is a translation key.
    pub fn invalid(field: &str, message: &str) -> AppError {
        AppError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The HTTP status a server function answers with when it fails this way.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::Invalid { .. } => 400,
            AppError::Conflict => 409,
            AppError::TooMany { .. } => 429,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }

    /// The translation key of the message shown to the user.
    pub fn message_key(&self) -> &str {
        match self {
            AppError::NotFound => "err_not_found",
            AppError::Unauthenticated => "err_unauthenticated",
            AppError::Forbidden => "err_forbidden",
            AppError::Invalid { message, .. } => message,
            AppError::Conflict => "err_conflict",
            AppError::TooMany { message, .. } => message,
            AppError::Internal => "err_internal",
            AppError::Transport(_) => "err_transport",
        }
    }

    /// The form field this error belongs to, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }
}

impl From<FieldError> for AppError {
    fn from(error: FieldError) -> Self {
        AppError::invalid(error.field, error.message)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // Arguments the server could not read are the caller's mistake (a 400), not a
            // failure of the hub's: `page=-1`, `id=abc`, a missing field.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => AppError::Invalid {
                field: String::new(),
                message: "err_bad_request".into(),
            },
            // On the server this is the request body that could not be read, such as one
            // larger than a server function accepts; in the browser, a garbled answer.
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(detail) => AppError::Invalid {
                field: String::new(),
                message: if detail.contains("length limit") {
                    "err_request_too_large".into()
                } else {
                    "err_bad_request".into()
                },
            },
            other => AppError::Transport(other.to_string()),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        // The details stay in the server log; the caller only learns that it failed.
        tracing::error!(%error, "database error");
        AppError::Internal
    }
}
