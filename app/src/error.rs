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
    #[error("internal error")]
    Internal,
    /// The request did not reach the server function or its answer could not be read.
    #[error("request failed: {0}")]
    Transport(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
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
