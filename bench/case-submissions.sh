#!/usr/bin/env bash
# Case submissions per second: many applicants' worth of "start an application, save the
# answers, submit" against the release server, on SQLite and on PostgreSQL (a throw-away
# cluster with normal durability). Each submission is a transaction that numbers the case
# and writes its timeline event. Needs a release build (cargo leptos build --release --split).
#   bash bench/case-submissions.sh [cases] [concurrency]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cases="${1:-2000}"
concurrency="${2:-16}"
[ -x target/release/server ] || { echo "no release build: run cargo leptos build --release --split first" >&2; exit 1; }

source scripts/throwaway-postgres.sh
data="$(mktemp -d)"
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  stop_postgres
  rm -rf "$data"
}
trap cleanup EXIT INT TERM

run() {
  local name="$1" url="$2" port=3978
  rm -rf "$data"/*
  DATABASE_URL="$url" HUB_ADDR="127.0.0.1:$port" HUB_DATA_DIR="$data" HUB_DEMO_DATA=true HUB_LOG=warn \
    HUB_SITE_ROOT=target/site target/release/server >/dev/null &
  server=$!
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
  echo "== $name: $cases submissions, $concurrency at a time"
  python3 bench/submit_cases.py "http://127.0.0.1:$port" "$cases" "$concurrency"
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
}

run "SQLite (WAL, synchronous=FULL)" "sqlite://$data/hub.db"
start_postgres durable
run "PostgreSQL (durable)" "$THROWAWAY_DATABASE_URL"
