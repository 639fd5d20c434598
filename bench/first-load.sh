#!/usr/bin/env bash
# What a first visit costs on a mid-range phone: for each public page, and for the first
# page after signing in as talent and as staff, the bytes transferred by type (as served,
# brotli), Lighthouse's mobile scores (simulated slow 4G, 4x CPU slowdown), Time to
# Interactive and Total Blocking Time. Lighthouse 12 from npm drives Debian's chromium.
#   bash bench/first-load.sh [page…]          (default: every page listed below)
# Needs a release build of the bundle (bash scripts/run.sh, or
# cargo leptos build --release --split --precompress). HUB_BENCH_SERVER picks the server
# binary (default target/release/server); its directory must hold the bundle's hash.txt.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

server_bin="${HUB_BENCH_SERVER:-target/release/server}"
[ -x "$server_bin" ] || { echo "no server at $server_bin: run bash scripts/run.sh first" >&2; exit 1; }
[ -f "$(dirname "$server_bin")/hash.txt" ] || { echo "no hash.txt next to $server_bin" >&2; exit 1; }
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium" ] || { echo "no chromium at $chromium (apt-get install chromium)" >&2; exit 1; }

tools="${HUB_BUILD_CACHE:-$HOME/.cache/liangjiang-hub}/lighthouse"
lighthouse="$tools/node_modules/.bin/lighthouse"
if [ ! -x "$lighthouse" ]; then
  echo "installing Lighthouse 12 into $tools" >&2
  npm install --silent --no-audit --no-fund --prefix "$tools" lighthouse@12 >&2
fi

data="$(mktemp -d)"
port=3978
base="http://127.0.0.1:$port"
HUB_ADDR="127.0.0.1:$port" HUB_DATA_DIR="$data" HUB_DEMO_DATA=true HUB_LOG=warn \
  HUB_MAIL_DIR="$data/mail" HUB_SITE_ROOT=target/site "$server_bin" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.2; done

# A session cookie for a demo account (password from app/src/demo/mod.rs).
session() {
  curl -fs -o /dev/null -D - -X POST "$base/api/accounts/sign_in" -H "Origin: $base" \
    --data-urlencode "login=$1" --data-urlencode "password=demo-pass-2026" |
    sed -n 's/^set-cookie: \(hub_session=[^;]*\).*/\1/Ip'
}

# Addresses of one service guide, one policy, one job post, straight from the pages.
first_link() { curl -fs "$base$1" | grep -o "href=\"$2[^\"]*\"" | head -1 | sed 's/href="\(.*\)"/\1/'; }
guide="$(first_link /services /services/LJ-)"
policy="$(first_link /policies /policies/)"
post="$(first_link /jobs '/jobs/[0-9]')"

pages=("$@")
if [ ${#pages[@]} -eq 0 ]; then
  pages=(/ /services "$guide" /policies "$policy" /jobs "$post" /eligibility /events \
    /statistics /signin /register /track talent:/account staff:/staff/queue)
fi

printf '%-28s %5s %5s %5s %5s %8s %7s %7s %7s %7s %7s %9s %6s\n' page perf a11y bp seo \
  "TTI ms" "TBT ms" "HTML KB" "CSS KB" "JS KB" "WASM KB" "JS+WASM" files
for entry in "${pages[@]}"; do
  path="$entry" headers="{}"
  case "$entry" in
    talent:*) path="${entry#talent:}"; headers="{\"Cookie\":\"$(session talent@demo.hub)\"}" ;;
    staff:*) path="${entry#staff:}"; headers="{\"Cookie\":\"$(session staff@demo.hub)\"}" ;;
  esac
  report="$data/report.json"
  "$lighthouse" "$base$path" --quiet --output=json --output-path="$report" \
    --form-factor=mobile --extra-headers="$headers" \
    --chrome-path="$chromium" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync" \
    >/dev/null 2>&1 || { echo "$entry: lighthouse failed" >&2; continue; }
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const score = (c) => Math.round((r.categories[c]?.score ?? 0) * 100);
    const items = r.audits["network-requests"].details.items;
    const kb = (pred) => items.filter(pred).reduce((s, i) => s + (i.transferSize || 0), 0) / 1024;
    const wasm = (i) => i.mimeType === "application/wasm" || /\.wasm(\?|$)/.test(i.url);
    const html = kb((i) => i.resourceType === "Document");
    const css = kb((i) => i.resourceType === "Stylesheet");
    const js = kb((i) => i.resourceType === "Script" && !wasm(i));
    const w = kb(wasm);
    const files = items.filter((i) => wasm(i) || i.resourceType === "Script").length;
    const num = (a) => Math.round(r.audits[a].numericValue);
    console.log([process.argv[2].padEnd(28), ...[score("performance"), score("accessibility"),
      score("best-practices"), score("seo")].map((s) => String(s).padStart(5)),
      String(num("interactive")).padStart(8), String(num("total-blocking-time")).padStart(7),
      ...[html, css, js, w, js + w].map((v, k) => v.toFixed(1).padStart(k < 4 ? 7 : 9)),
      String(files).padStart(6)].join(" "));
  ' "$report" "$entry"
done
