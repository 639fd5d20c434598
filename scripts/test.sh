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
# shellcheck source=scripts/throwaway-postgres.sh
source scripts/throwaway-postgres.sh
trap stop_postgres EXIT INT TERM

# --- the stages -------------------------------------------------------------------------
run_stage "unit tests (app: domain rules, i18n catalogue)" cargo test -p app --features ssr
# One test at a time: tests running in parallel in one process have been seen to stall
# the Leptos reactive runtime now and then (never in the server itself).
run_stage "server unit + integration tests on SQLite" cargo test -p server -- --test-threads=1

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  if start_postgres; then export TEST_DATABASE_URL="$THROWAWAY_DATABASE_URL"; else echo "[test] could not start PostgreSQL"; fi
fi
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
