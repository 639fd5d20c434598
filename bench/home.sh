#!/usr/bin/env bash
# Requests per second for the home page (server-rendered, demo data, SQLite) with wrk on
# loopback. Needs a release build (bash scripts/run.sh or cargo leptos build --release --split).
#   bash bench/home.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
duration="${1:-15}"
connections="${2:-64}"

[ -x target/release/server ] || { echo "no release build: run cargo leptos build --release --split first" >&2; exit 1; }
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq wrk; else sudo apt-get install -y -qq wrk; fi
fi

data="$(mktemp -d)"
port=3977
HUB_ADDR="127.0.0.1:$port" HUB_DATA_DIR="$data" HUB_DEMO_DATA=true HUB_LOG=warn \
  HUB_SITE_ROOT=target/site target/release/server >/dev/null &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

echo "home page (zh), $connections connections, ${duration}s, 2 wrk threads:"
wrk -t2 -c"$connections" -d"${duration}s" --latency "http://127.0.0.1:$port/"
echo
echo "home page (en, Accept-Language):"
wrk -t2 -c"$connections" -d"${duration}s" -H 'Accept-Language: en' "http://127.0.0.1:$port/"
