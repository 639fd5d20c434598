//! What the hub counts while it runs, for `/metrics` (ssr only). The server registers
//! these beside its request figures and serves them all; the counters belong to one
//! process, and Prometheus adds up the servers it scrapes.
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use std::sync::LazyLock;

/// Why a sign-in failed.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct SignInFailure {
    /// `credentials` (no such account, wrong password, disabled) or `throttled`.
    pub reason: &'static str,
}

/// Failed sign-ins, by reason: a burst of `credentials` is someone guessing passwords.
pub static SIGN_IN_FAILURES: LazyLock<Family<SignInFailure, Counter>> =
    LazyLock::new(Family::default);

/// Delivery attempts of the outbox that failed (each retried later, up to a limit).
pub static OUTBOX_FAILED_ATTEMPTS: LazyLock<Counter> = LazyLock::new(Counter::default);

/// Seconds a write transaction waited for the writer connection: on SQLite all writes
/// queue for one connection, so this is where a busy hub waits first.
pub static WRITE_WAIT_SECONDS: LazyLock<Histogram> =
    LazyLock::new(|| Histogram::new(exponential_buckets(0.0005, 4.0, 8)));

pub fn sign_in_failed(reason: &'static str) {
    SIGN_IN_FAILURES
        .get_or_create(&SignInFailure { reason })
        .inc();
}
