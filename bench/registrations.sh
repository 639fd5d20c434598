#!/usr/bin/env bash
# Registration throughput for a Talents Conference: PEOPLE signed-in talents register for
# one event with CAPACITY places from CONCURRENCY clients at once (each registration is a
# transaction that locks the event row, takes a seat or queues, and writes a notification
# and its e-mail), then the database is checked: exactly CAPACITY seats taken and
# everyone else waiting, each once. SQLite by default; `postgres` runs the same against a
# throw-away PostgreSQL with normal durability.
#   bash bench/registrations.sh [sqlite|postgres] [people] [capacity] [concurrency]
# Needs a release build (cargo leptos build --release --split).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
backend="${1:-sqlite}"
people="${2:-5000}"
capacity="${3:-1000}"
concurrency="${4:-64}"

port=3981
# shellcheck source=filled-server.sh
source bench/filled-server.sh
echo "preparing $people talents and an event with $capacity places ($backend)…"
fill bench/generate_registrants.py "$people" "$capacity"

echo "== $backend: $people registrations, $concurrency clients at once"
python3 bench/register_load.py "http://127.0.0.1:$port" "$people" "$concurrency"

check="SELECT (SELECT seats_taken FROM events WHERE id = 900000), \
  (SELECT COUNT(*) FROM event_registrations WHERE event_id = 900000 AND state = 'registered'), \
  (SELECT COUNT(*) FROM event_registrations WHERE event_id = 900000 AND state = 'waiting'), \
  (SELECT COUNT(DISTINCT account_id) FROM event_registrations WHERE event_id = 900000)"
if [ "$backend" = postgres ]; then
  result="$(psql -qtA -F' ' "$url" -c "$check")"
else
  result="$(sqlite3 -separator ' ' "$data/hub.db" "$check")"
fi
read -r taken registered waiting distinct <<<"$result"
echo "  in the database: $taken seats taken, $registered registered, $waiting waiting, $distinct people"
if [ "$taken" -ne "$capacity" ] || [ "$registered" -ne "$capacity" ] || [ "$((registered + waiting))" -ne "$people" ] || [ "$distinct" -ne "$people" ]; then
  echo "  MISMATCH: expected $capacity seats and $((people - capacity)) waiting" >&2
  exit 1
fi
