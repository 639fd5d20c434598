#!/usr/bin/env bash
# Sets up what is missing and runs every test: unit tests, integration tests on SQLite and
# on PostgreSQL, and the end-to-end tests in Chromium against a release build. Prints a
# summary and exits non-zero if anything failed.
#
# PostgreSQL: uses TEST_DATABASE_URL when set (a server where the user may CREATE
# DATABASE); otherwise starts a throw-away cluster on a free port and removes it afterwards.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

. scripts/bootstrap.sh --test
set +e
# Incremental compilation only pays off when editing; here it doubles the disk used.
export CARGO_INCREMENTAL=0

declare -a names=() results=() seconds=()
failed=0

# run_stage NAME COMMAND... — runs one stage, records its outcome and duration.
run_stage() {
  local name="$1"; shift
  printf '\n\033[1m=== %s ===\033[0m\n' "$name"
  local start=$SECONDS
  "$@"
  local status=$?
  names+=("$name"); seconds+=($((SECONDS - start)))
  if [ $status -eq 0 ]; then results+=("passed"); else results+=("FAILED ($status)"); failed=1; fi
  return $status
}

skip_stage() {
  names+=("$1"); seconds+=(0); results+=("skipped: $2"); failed=1
}

# --- a throw-away PostgreSQL cluster -------------------------------------------------
pg_dir=""
stop_postgres() {
  if [ -n "$pg_dir" ] && [ -d "$pg_dir" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1
    rm -rf "$pg_dir"
  fi
}
trap stop_postgres EXIT INT TERM

as_postgres() {
  # PostgreSQL refuses to run as root: run it as the postgres user in that case.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000))
}

start_postgres() {
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
  pg_dir="$(mktemp -d /tmp/hub-pg.XXXXXX)"
  chmod 755 "$pg_dir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$pg_dir"
  local port; port="$(free_port)"
  as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres -E UTF8 --no-locale >"$pg_dir/initdb.log" 2>&1 \
    || { cat "$pg_dir/initdb.log"; return 1; }
  # Durability settings off: this cluster lives for one test run.
  as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$pg_dir/server.log"; return 1; }
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
  echo "[test] throw-away PostgreSQL on port $port"
}

# --- the stages -------------------------------------------------------------------------
run_stage "unit tests (app: domain rules, i18n catalogue)" cargo test -p app --features ssr
# One test at a time: tests running in parallel in one process have been seen to stall
# the Leptos reactive runtime now and then (never in the server itself).
run_stage "server unit + integration tests on SQLite" cargo test -p server -- --test-threads=1

if [ -z "${TEST_DATABASE_URL:-}" ]; then start_postgres || echo "[test] could not start PostgreSQL"; fi
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  run_stage "integration tests on PostgreSQL" cargo test -p server -- --ignored --test-threads=1
else
  skip_stage "integration tests on PostgreSQL" "no PostgreSQL server"
fi
stop_postgres; pg_dir=""

if run_stage "release build (cargo leptos build --release --precompress)" cargo leptos build --release --precompress; then
  run_stage "end-to-end tests in Chromium (Playwright)" npx playwright test --config end2end/playwright.config.ts
else
  skip_stage "end-to-end tests in Chromium (Playwright)" "the build failed"
fi

printf '\n\033[1m=== summary ===\033[0m\n'
for i in "${!names[@]}"; do
  printf '  %-62s %-14s %4ss\n' "${names[$i]}" "${results[$i]}" "${seconds[$i]}"
done
if [ $failed -eq 0 ]; then
  printf '\nAll tests passed.\n'
else
  printf '\nSome tests FAILED or were skipped (see above).\n'
fi
exit $failed
