#!/usr/bin/env bash
# The job board's list page with 100,000 posts in the database, measured with wrk on
# loopback: the default list, a filtered list, a keyword search, a deep page sorted by
# salary, and the statistics page. SQLite by default; `postgres` as the first argument
# runs the same against a throw-away PostgreSQL (durable settings).
#   bash bench/job-board.sh [sqlite|postgres] [posts] [seconds] [connections]
# Needs a release build (cargo leptos build --release --split).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
backend="${1:-sqlite}"
posts="${2:-100000}"
duration="${3:-10}"
connections="${4:-32}"

port=3978
# shellcheck source=filled-server.sh
source bench/filled-server.sh
echo "generating $posts posts ($backend)…"
fill bench/generate_posts.py "$posts"

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
