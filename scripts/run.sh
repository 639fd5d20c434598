#!/usr/bin/env bash
# Sets up what is missing, builds the hub in release mode and serves it on SQLite with
# demo data. Override any setting from `target/release/server --help`, for example
#   HUB_ADDR=0.0.0.0:8080 bash scripts/run.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

. scripts/bootstrap.sh

echo "[run] building the hub (release; the first build takes about 10 minutes)"
cargo leptos build --release --precompress

export HUB_DEMO_DATA="${HUB_DEMO_DATA:-true}"
export HUB_SITE_ROOT="${HUB_SITE_ROOT:-target/site}"
exec target/release/server
