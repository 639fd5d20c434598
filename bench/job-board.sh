#!/usr/bin/env bash
# The job board's list page with 100,000 posts in the database, measured with wrk on
# loopback: the default list, a filtered list, a keyword search, a deep page sorted by
# salary, and the statistics page. SQLite by default; `postgres` as the first argument
# runs the same against a throw-away PostgreSQL (durable settings).
#   bash bench/job-board.sh [sqlite|postgres] [posts] [seconds] [connections]
# Needs a release build (cargo leptos build --release).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
backend="${1:-sqlite}"
posts="${2:-100000}"
duration="${3:-10}"
connections="${4:-32}"

[ -x target/release/server ] || { echo "no release build: run cargo leptos build --release first" >&2; exit 1; }
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq wrk; else sudo apt-get install -y -qq wrk; fi
fi

data="$(mktemp -d)"
port=3978
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  [ "$backend" = postgres ] && stop_postgres
  rm -rf "$data"
}
trap cleanup EXIT

url=""
if [ "$backend" = postgres ]; then
  # shellcheck source=../scripts/throwaway-postgres.sh
  source scripts/throwaway-postgres.sh
  start_postgres durable
  url="$THROWAWAY_DATABASE_URL"
fi

start_server() {
  env HUB_ADDR="127.0.0.1:$port" HUB_DATA_DIR="$data" HUB_DEMO_DATA=true HUB_LOG=warn \
    ${url:+DATABASE_URL="$url"} HUB_SITE_ROOT=target/site target/release/server >/dev/null &
  server=$!
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && return; sleep 0.2; done
  echo "server did not start" >&2; exit 1
}

# Start once so the database is created and migrated, then fill it while the server is down.
start_server
kill "$server"; wait "$server" 2>/dev/null || true; server=""
echo "generating $posts posts ($backend)…"
started=$(date +%s)
if [ "$backend" = postgres ]; then
  python3 bench/generate_posts.py "$posts" postgres | psql -q -v ON_ERROR_STOP=1 "$url" >/dev/null
  psql -q "$url" -c "ANALYZE" >/dev/null
else
  python3 bench/generate_posts.py "$posts" | sqlite3 "$data/hub.db"
  sqlite3 "$data/hub.db" "ANALYZE;"
fi
echo "generated in $(( $(date +%s) - started )) s"
start_server

run() {
  echo
  echo "== $1"
  wrk -t2 -c"$connections" -d"${duration}s" --latency "http://127.0.0.1:$port$2" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx"
}
run "board, newest first" "/jobs"
run "board, one industry" "/jobs?industry=electronics"
run "board, keyword search" "/jobs?q=%E8%8A%AF%E7%89%87"
run "board, salary filter and sort, page 50" "/jobs?salary=30000&sort=salary&page=50"
run "statistics" "/jobs/stats"
