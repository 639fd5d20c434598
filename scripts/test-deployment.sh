#!/usr/bin/env bash
# The deployment kit tried for real: Debian's nginx with deploy/nginx-liangjiang-hub.conf
# (TLS, HTTP/2) in front of two hub servers that share one PostgreSQL and one upload
# directory, with HUB_TRUSTED_PROXY on. Clients connect from other loopback addresses
# (127.0.0.2, …) than nginx uses towards the servers (127.0.0.1), so the hub can only
# know a client's address from X-Forwarded-For.
#
#   scripts/test-deployment.sh SERVER_BINARY     (scripts/test.sh runs it after the build)
#
# Needs nginx, curl, openssl and PostgreSQL (scripts/bootstrap.sh --test installs them)
# and the browser bundle in target/site. Prints one line per check; exits non-zero if any
# check failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
server_bin="${1:?usage: scripts/test-deployment.sh SERVER_BINARY}"
site_root="$PWD/target/site"
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

work="$(mktemp -d /tmp/hub-deploy.XXXXXX)"
chmod 755 "$work"
# shellcheck source=scripts/throwaway-postgres.sh
source scripts/throwaway-postgres.sh
declare -A pid=()
cleanup() {
  for name in "${!pid[@]}"; do kill "${pid[$name]}" 2>/dev/null; done
  [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null
  stop_postgres
  if [ "$failures" -gt 0 ]; then
    for log in "$work"/*.log "$work"/nginx/error.log; do
      [ -f "$log" ] && { echo "--- $log (last lines)"; tail -n 20 "$log"; }
    done
  fi
  rm -rf "$work"
}
failures=0
trap cleanup EXIT

check() { # check DESCRIPTION COMMAND...: runs the command, reports ok or FAILED
  local what="$1"; shift
  if "$@"; then printf '  ok      %s\n' "$what"; else printf '  FAILED  %s\n' "$what"; failures=$((failures + 1)); fi
}
equals() { [ "$1" = "$2" ] || { echo "    expected '$2', got '$1'" >&2; return 1; }; }
contains() { case "$1" in *"$2"*) return 0 ;; *) echo "    '$2' not in: ${1:0:300}" >&2; return 1 ;; esac; }

# --- PostgreSQL, the two servers, nginx ------------------------------------------------
start_postgres || exit 1
database_url="$THROWAWAY_DATABASE_URL"
sql() { psql "$database_url" -tAq -c "$1"; }
port_a="$(free_port)"; port_b="$(free_port)"; http_port="$(free_port)"; tls_port="$(free_port)"
mkdir -p "$work/uploads" "$work/a/mail" "$work/b/mail" "$work/nginx/tmp" "$work/tls"
metrics_token="metrics-$(openssl rand -hex 16)"

start_server() { # start_server a|b PORT [VAR=VALUE…]
  local name="$1" port="$2"; shift 2
  env DATABASE_URL="$database_url" HUB_ADDR="127.0.0.1:$port" HUB_DATA_DIR="$work/$name" \
    HUB_UPLOAD_DIR="$work/uploads" HUB_SITE_ROOT="$site_root" HUB_TRUSTED_PROXY=true \
    HUB_PUBLIC_URL="https://127.0.0.1:$tls_port" HUB_ID_KEY=deployment-test-id-key-0123456789 \
    HUB_SEARCH_KEY=deployment-test-search-key-0123456789 HUB_MAIL_DIR="$work/$name/mail" \
    HUB_METRICS_TOKEN="$metrics_token" HUB_LOG=info "$@" \
    "$server_bin" >>"$work/$name.log" 2>&1 &
  pid[$name]=$!
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && return 0
    kill -0 "${pid[$name]}" 2>/dev/null || break
    sleep 0.2
  done
  echo "server $name did not start" >&2; return 1
}
stop_server() { kill -TERM "${pid[$1]}" 2>/dev/null; wait "${pid[$1]}" 2>/dev/null; unset "pid[$1]"; }

# Server a loads the demo accounts first; b starts on the database a migrated.
start_server a "$port_a" HUB_DEMO_DATA=true || exit 1
start_server b "$port_b" || exit 1

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" \
  -keyout "$work/tls/key.pem" -out "$work/tls/cert.pem" >/dev/null 2>&1
# The site exactly as shipped, with this machine's addresses, certificate and bundle.
sed -e "s#10.0.0.11:3000#127.0.0.1:$port_a#; s#10.0.0.12:3000#127.0.0.1:$port_b#" \
    -e "s#listen 80;#listen 127.0.0.1:$http_port;#; s#listen 443 ssl http2;#listen 127.0.0.1:$tls_port ssl http2;#" \
    -e '/listen \[::\]/d' \
    -e "s#/etc/ssl/certs/hub.example.gov.cn.pem#$work/tls/cert.pem#; s#/etc/ssl/private/hub.example.gov.cn.key#$work/tls/key.pem#" \
    -e "s#/opt/liangjiang-hub/site/pkg/#$site_root/pkg/#" \
    deploy/nginx-liangjiang-hub.conf >"$work/nginx/site.conf"
{
  [ "$(id -u)" -eq 0 ] && echo "user root;"
  cat <<EOF
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  access_log $work/nginx/access.log;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  include $work/nginx/site.conf;
}
EOF
} >"$work/nginx/nginx.conf"

echo "[deployment] nginx on https://127.0.0.1:$tls_port in front of servers on ports $port_a and $port_b"
check "nginx accepts deploy/nginx-liangjiang-hub.conf (nginx -t)" \
  "$nginx_bin" -q -t -p "$work/nginx" -c "$work/nginx/nginx.conf"
"$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" || exit 1

if command -v systemd-analyze >/dev/null; then
  sed -e "s#/opt/liangjiang-hub/server#$server_bin#" -e "s#/etc/liangjiang-hub/hub.env#-$work/hub.env#" \
    deploy/liangjiang-hub.service >"$work/liangjiang-hub.service"
  check "systemd accepts deploy/liangjiang-hub.service (systemd-analyze verify)" \
    bash -c 'said="$(systemd-analyze verify "$1" 2>&1)" && [ -z "$said" ] || { echo "$said" >&2; exit 1; }' _ "$work/liangjiang-hub.service"
fi

hub="https://127.0.0.1:$tls_port"
# A client at loopback address 127.0.0.N, with its own cookie jar.
client() { local n="$1"; shift; curl -sk --interface "127.0.0.$n" -b "$work/jar$n" -c "$work/jar$n" "$@"; }
status_of() { local n="$1"; shift; client "$n" -o /dev/null -w '%{http_code}' "$@"; }
sign_in() { # sign_in N LOGIN PASSWORD → HTTP status
  status_of "$1" -X POST -H 'accept: application/json' --data-urlencode "login=$2" \
    --data-urlencode "password=$3" "$hub/api/accounts/sign_in"
}

# --- what a visitor and an IT team see --------------------------------------------------
check "plain HTTP is sent to HTTPS (301)" \
  equals "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$http_port/services")" \
  "301 https://127.0.0.1/services"
check "HTTPS answers over HTTP/2" \
  equals "$(client 2 --http2 -o /dev/null -w '%{http_version} %{http_code}' "$hub/")" "2 200"
pkg_file="$(cd "$site_root/pkg" && ls hub*.css | head -n1)"
pkg_headers="$(client 2 -D - -o /dev/null -H 'accept-encoding: gzip' "$hub/pkg/$pkg_file" | tr -d '\r')"
check "/pkg is served with a year's cache" contains "${pkg_headers,,}" "cache-control: public, max-age=31536000, immutable"
check "/pkg is served precompressed from disk" contains "${pkg_headers,,}" "content-encoding: gzip"
check "/metrics is not served to the public through nginx" equals "$(status_of 2 "$hub/metrics")" "404"

check "signing in through the proxy works (demo enterprise account)" \
  equals "$(sign_in 4 hr@demo-auto.hub demo-pass-2026)" "200"
check "the session carries on to a signed-in page" equals "$(status_of 4 "$hub/employer/jobs")" "200"

# An upload larger than HUB_MAX_UPLOAD_MB is refused by nginx itself.
head -c $((12 * 1024 * 1024)) /dev/urandom >"$work/too-large.pdf"
check "an upload over the size limit gets 413 from nginx" \
  equals "$(status_of 4 -H 'accept: application/json' -F "file=@$work/too-large.pdf;type=application/pdf" "$hub/employer/licence")" "413"

# --- one server down at a time -----------------------------------------------------------
{ printf '%%PDF-1.4\n%% licence scan\n'; head -c 200000 /dev/urandom | base64; printf '\n%%%%EOF\n'; } >"$work/licence.pdf"
stop_server b
healthy=0
for _ in $(seq 1 20); do [ "$(status_of 4 "$hub/healthz")" = 200 ] && healthy=$((healthy + 1)); done
check "with server b stopped, 20 of 20 requests are answered" equals "$healthy" "20"
check "an upload through the proxy lands on server a" \
  equals "$(status_of 4 -H 'accept: application/json' -F "file=@$work/licence.pdf;type=application/pdf" "$hub/employer/licence")" "200"
account="$(sql "SELECT account_id FROM enterprise_licences ORDER BY uploaded_at DESC LIMIT 1")"
start_server b "$port_b" || exit 1
# nginx leaves a server that failed out for fail_timeout (10 s) before trying it again: a
# rolling restart waits that long before it stops the next server.
sleep 11
stop_server a
healthy=0
for _ in $(seq 1 20); do [ "$(status_of 4 "$hub/employer/jobs")" = 200 ] && healthy=$((healthy + 1)); done
check "with server a stopped, 20 of 20 signed-in pages are answered (sessions in PostgreSQL)" equals "$healthy" "20"
client 4 -o "$work/downloaded.pdf" "$hub/files/licence/$account"
check "the file uploaded through a downloads through b, byte for byte" \
  equals "$(sha256sum <"$work/downloaded.pdf")" "$(sha256sum <"$work/licence.pdf")"
start_server a "$port_a" || exit 1

# --- the client's real address -------------------------------------------------------------
last=""
for _ in 1 2 3 4 5 6 7; do last="$(sign_in 2 hr@demo-auto.hub wrong-password)"; done
check "failed sign-ins from 127.0.0.2 are throttled (429)" equals "$last" "429"
check "the same account from 127.0.0.3 is not: it only hears 'wrong password' (4xx)" \
  bash -c '[[ "$1" =~ ^4 && "$1" != 429 ]] || { echo "    got $1" >&2; exit 1; }' _ "$(sign_in 3 hr@demo-auto.hub wrong-password)"
check "the throttle counts per client address, never nginx's" \
  equals "$(sql "SELECT COUNT(*) FILTER (WHERE subject LIKE '%127.0.0.2%') > 0 AND COUNT(*) FILTER (WHERE subject LIKE '%127.0.0.1%') = 0 FROM throttles")" "t"
check "the audit log records the client's address" \
  equals "$(sql "SELECT COUNT(*) > 0 FROM audit_events WHERE ip = '127.0.0.2' AND outcome = 'failure'")" "t"

# --- request IDs and metrics ---------------------------------------------------------------
request_id="$(client 2 -D - -o /dev/null "$hub/services" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-request-id" { print $2 }')"
check "a response carries the request ID nginx gave it" bash -c '[[ "$1" =~ ^[0-9a-f]{32}$ ]]' _ "$request_id"
check "the server's log lines for that request carry the same ID" \
  bash -c 'grep -q -- "$1" "$2"/a.log "$2"/b.log' _ "$request_id" "$work"
check "/metrics on a server refuses a request without the token" \
  equals "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port_a/metrics")" "401"
# nginx sent the request above to one of the two servers.
metrics="$(for port in "$port_a" "$port_b"; do curl -s -H "authorization: Bearer $metrics_token" "http://127.0.0.1:$port/metrics"; done)"
check "/metrics with the token shows requests by route" contains "$metrics" 'hub_http_requests_total{method="GET",route="/services",status="200"}'

# --- the outbox: each message sent once, by one of the servers ---------------------------
before="$(sql "SELECT COUNT(*) FROM outbox")"
sql "INSERT INTO outbox (to_address, subject, body, created_at, next_attempt_at)
     SELECT 'person' || n || '@example.cn', 'Deployment check ' || n, 'Body ' || n, 0, 0 FROM generate_series(1, 120) AS n"
for _ in $(seq 1 60); do
  [ "$(sql "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")" = 0 ] && break
  sleep 1
done
sent_by_a="$(grep -l '^Subject: Deployment check' "$work"/a/mail/*.txt 2>/dev/null | wc -l)"
sent_by_b="$(grep -l '^Subject: Deployment check' "$work"/b/mail/*.txt 2>/dev/null | wc -l)"
both="$(comm -12 <(ls "$work/a/mail") <(ls "$work/b/mail") | wc -l)"
echo "    outbox: $before messages before, 120 queued; a wrote $sent_by_a, b wrote $sent_by_b"
check "120 queued e-mails were each sent exactly once" equals "$((sent_by_a + sent_by_b)) $both" "120 0"

echo
if [ "$failures" -eq 0 ]; then echo "[deployment] all checks passed"; else echo "[deployment] $failures checks FAILED"; fi
[ "$failures" -eq 0 ]
