#!/usr/bin/env bash
# The staff dashboard with an office's history in the database (1,000,000 cases by
# default, from bench/generate_cases.py), measured with wrk on loopback as a signed-in
# staff member: the default 30 days, the year so far, and three years; then the staff
# queue, the ratings page, staff search by a number's last six digits and the supervisor's
# page over the same data. SQLite by default;
# `postgres` as the first argument runs the same against a throw-away PostgreSQL.
#   bash bench/dashboard.sh [sqlite|postgres] [cases] [seconds] [connections]
# Needs a release build (cargo leptos build --release --split).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
backend="${1:-sqlite}"
cases="${2:-1000000}"
duration="${3:-10}"
connections="${4:-8}"

port=3979
# shellcheck source=filled-server.sh
source bench/filled-server.sh
echo "generating $cases cases ($backend)…"
fill bench/generate_cases.py "$cases"

origin="http://127.0.0.1:$port"
sign_in() {
  curl -fs -o /dev/null -D - -H "Origin: $origin" -H 'Accept: application/json' \
    --data "login=$1%40demo.hub&password=demo-pass-2026&next=" "$origin/api/accounts/sign_in" \
    | grep -io 'hub_session=[^;]*' | head -n1
}
staff_cookie="$(sign_in staff)"
admin_cookie="$(sign_in admin)"
[ -n "$staff_cookie" ] && [ -n "$admin_cookie" ] || { echo "could not sign in" >&2; exit 1; }
cookie="$staff_cookie"

today="$(TZ=Asia/Shanghai date +%F)"
year="${today:0:4}"
three_years="$(TZ=Asia/Shanghai date -d "$today - 3 years + 2 days" +%F)"
run() {
  echo
  echo "== $1"
  curl -fs -o /dev/null -w "one request: %{time_total} s\n" -H "Cookie: $cookie" "$origin$2"
  wrk -t2 -c"$connections" -d"${duration}s" --latency -H "Cookie: $cookie" "$origin$2" \
    | grep -E "Requests/sec|Latency|50%|99%|Non-2xx"
}
run "dashboard, last 30 days" "/staff/dashboard"
run "dashboard, year so far" "/staff/dashboard?from=$year-01-01&to=$today"
run "dashboard, three years" "/staff/dashboard?from=$three_years&to=$today"
run "staff queue (open cases, first page)" "/staff/queue"
run "ratings per service" "/staff/ratings"
run "staff search by a number's last six digits" "/staff/search?q=123456"
cookie="$admin_cookie"
run "supervisor's load and open work" "/staff/assign"
