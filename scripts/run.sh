#!/usr/bin/env bash
# Sets up what is missing, builds the hub in release mode and serves it on SQLite with
# demo data. Override any setting from `server --help`, for example
#   HUB_ADDR=0.0.0.0:8080 bash scripts/run.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

run_start=$SECONDS
elapsed() { local s=$((SECONDS - run_start)); printf '%dm%02ds' $((s / 60)) $((s % 60)); }

. scripts/bootstrap.sh
echo "[run] tools ready after $(elapsed)"
# shellcheck source=scripts/build-cache.sh
. scripts/build-cache.sh

echo "[run] building the hub: the browser bundle, then the server (release; on two cores about 20 minutes the first time, seconds when nothing changed)"
echo "[run] build output: $CARGO_TARGET_DIR"
# --split: every page's code is a chunk of its own, fetched when the page is first shown.
cargo leptos build --release --split --precompress
echo "[run] built after $(elapsed); starting the server"

export HUB_DEMO_DATA="${HUB_DEMO_DATA:-true}"
# Without a mail server, the codes and answers the hub sends are written here to read.
if [ -z "${HUB_SMTP_URL:-}" ]; then export HUB_MAIL_DIR="${HUB_MAIL_DIR:-${HUB_DATA_DIR:-data}/mail}"; fi
export HUB_SITE_ROOT="${HUB_SITE_ROOT:-target/site}"
exec "$CARGO_TARGET_DIR/release/server"
