# Shared by the benchmarks that fill a fresh database: source it after setting `backend`
# (sqlite or postgres) and `port`. It installs wrk if missing, makes a temporary data
# directory (and a throw-away PostgreSQL for `postgres`), cleans up on exit, and offers
#   start_server           the release server on that database, with demo data
#   fill GENERATOR ARGS…   stops the server, pipes `python3 GENERATOR ARGS…` (plain SQL for
#                          the backend) into the database, runs (VACUUM) ANALYZE, starts it again
# Needs a release build (cargo leptos build --release --split).

[ -x target/release/server ] || { echo "no release build: run cargo leptos build --release --split first" >&2; exit 1; }
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq wrk; else sudo apt-get install -y -qq wrk; fi
fi

data="$(mktemp -d)"
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

# The database is created, migrated and given its demo accounts by a first start; it is
# filled while the server is down.
fill() {
  start_server
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
  local started; started=$(date +%s)
  if [ "$backend" = postgres ]; then
    python3 "$@" postgres | psql -q -v ON_ERROR_STOP=1 "$url" >/dev/null
    # A running office's tables are vacuumed by autovacuum; right after a bulk load only an
    # explicit VACUUM sets the visibility map that index-only scans rely on.
    psql -q "$url" -c "VACUUM ANALYZE" >/dev/null
  else
    python3 "$@" | sqlite3 "$data/hub.db"
    sqlite3 "$data/hub.db" "ANALYZE;"
  fi
  echo "generated in $(( $(date +%s) - started )) s"
  start_server
}
