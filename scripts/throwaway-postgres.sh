# A throw-away PostgreSQL cluster in a temporary directory, for tests and benchmarks.
# Source this file, then: start_postgres [durable]; it exports THROWAWAY_DATABASE_URL.
# stop_postgres removes the cluster (call it from an EXIT trap).
# Without "durable", fsync and synchronous commit are off: the cluster lives for one run.

pg_dir=""
stop_postgres() {
  if [ -n "$pg_dir" ] && [ -d "$pg_dir" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1
    rm -rf "$pg_dir"
  fi
}

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
  local settings="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  [ "${1:-}" = durable ] && settings=""
  as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=200 $settings" \
    start >/dev/null || { cat "$pg_dir/server.log"; return 1; }
  export THROWAWAY_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
  echo "[postgres] throw-away cluster on port $port"
}
