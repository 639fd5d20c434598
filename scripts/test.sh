#!/usr/bin/env bash
# Sets up what is missing and runs every test: unit tests, integration tests on SQLite and
# on PostgreSQL, and the end-to-end tests in Chromium against the release browser bundle.
# Prints each stage's time, a summary, and exits non-zero if anything failed.
#
# The native code is compiled once: the end-to-end tests run the server binary that the
# integration tests built (same profile, same features, so no dependency is compiled
# twice); only the browser bundle is built for release. Build output goes to a cache
# outside the clone (HUB_BUILD_CACHE, default ~/.cache/liangjiang-hub), one directory per
# Cargo.lock and toolchain, so a fresh clone on the same machine starts warm.
#
# PostgreSQL: uses TEST_DATABASE_URL when set (a server where the user may CREATE
# DATABASE); otherwise starts a throw-away cluster on a free port and removes it afterwards.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

tools_start=$SECONDS
. scripts/bootstrap.sh --test
tools_seconds=$((SECONDS - tools_start))
set +e

# --- the build cache ------------------------------------------------------------------
# shellcheck source=scripts/build-cache.sh
source scripts/build-cache.sh
echo "[test] build cache: $CARGO_TARGET_DIR"

declare -a names=("tools (bootstrap: install what is missing)") results=("passed") seconds=("$tools_seconds")
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
# Every cargo command below selects the same packages and features, so cargo resolves the
# dependencies' features once and compiles each dependency once for all of them.
tests=(cargo test -p app -p server --features app/ssr)
run_stage "unit tests (domain rules, i18n catalogue, configuration)" "${tests[@]}" --lib
# One test at a time: tests running in parallel in one process have been seen to stall
# the Leptos reactive runtime now and then (never in the server itself).
run_stage "integration tests on SQLite" "${tests[@]}" --test integration -- --test-threads=1

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  if start_postgres; then export TEST_DATABASE_URL="$THROWAWAY_DATABASE_URL"; else echo "[test] could not start PostgreSQL"; fi
fi
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  run_stage "integration tests on PostgreSQL" "${tests[@]}" --test integration -- --ignored --test-threads=1
else
  skip_stage "integration tests on PostgreSQL" "no PostgreSQL server"
fi
stop_postgres; pg_dir=""

# The browser bundle exactly as it ships (release profile, split by page, wasm-opt,
# precompressed). The server is the binary cargo built for the integration tests
# (target/debug/server), which finds the bundle's hashed file names beside itself.
if run_stage "browser bundle (cargo leptos build --release --split --frontend-only)" \
    cargo leptos build --release --split --precompress --frontend-only \
  && [ -x "$CARGO_TARGET_DIR/debug/server" ] \
  && cp "$CARGO_TARGET_DIR/release/hash.txt" "$CARGO_TARGET_DIR/debug/hash.txt"; then
  HUB_E2E_SERVER="$CARGO_TARGET_DIR/debug/server" \
    run_stage "end-to-end tests in Chromium (Playwright)" npx playwright test --config end2end/playwright.config.ts
  run_stage "deployment: nginx in front of two servers on one PostgreSQL" \
    bash scripts/test-deployment.sh "$CARGO_TARGET_DIR/debug/server"
else
  skip_stage "end-to-end tests in Chromium (Playwright)" "the build failed"
  skip_stage "deployment: nginx in front of two servers on one PostgreSQL" "the build failed"
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
