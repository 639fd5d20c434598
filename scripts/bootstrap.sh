#!/usr/bin/env bash
# Installs what building, running and testing the hub needs, skipping whatever is already
# there. Used by scripts/run.sh, scripts/test.sh and .ci/run; safe to run repeatedly.
#
#   scripts/bootstrap.sh            build tools only (run the hub)
#   scripts/bootstrap.sh --test     also Debian's chromium and postgresql (run the tests)
#
# Source it (`. scripts/bootstrap.sh`) to also get node_modules/.bin and ~/.cargo/bin on PATH.
set -euo pipefail

HUB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CARGO_LEPTOS_VERSION="0.3.10"
want_test_tools=false
for arg in "$@"; do
  case "$arg" in
    --test) want_test_tools=true ;;
    *) echo "bootstrap: unknown option $arg" >&2; exit 2 ;;
  esac
done

say() { printf '\033[1m[bootstrap]\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$HUB_ROOT/node_modules/.bin:$PATH"

# Run as root directly, otherwise through sudo (a developer's machine).
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=false
apt_install() {
  if ! $apt_updated; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=true
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

for tool in cargo rustup node npm; do
  command -v "$tool" >/dev/null || { echo "bootstrap: $tool is required (Rust stable via rustup, Node.js with npm)" >&2; exit 1; }
done

# 1. The WebAssembly target for the browser bundle.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. cargo-leptos. 0.3.11 needs a newer rustc than the stable one here; --locked keeps its
#    own dependency tree building.
if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 20 minutes the first time)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
fi

# 3. wasm-bindgen-cli at exactly the version in Cargo.lock (a mismatch fails the build).
#    Without --locked: the CLI's own lock file names a crate version the registry lacks.
wasm_bindgen_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$HUB_ROOT/Cargo.lock")"
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wasm_bindgen_version\$"; then
  say "installing wasm-bindgen-cli $wasm_bindgen_version"
  cargo install wasm-bindgen-cli --version "$wasm_bindgen_version"
fi

# 4. Tailwind CSS, wasm-opt (binaryen) and Playwright from package-lock.json. cargo-leptos
#    finds tailwindcss and wasm-opt on PATH, so it never tries to download them.
lock_stamp="$HUB_ROOT/node_modules/.package-lock.json"
if [ ! -f "$lock_stamp" ] || [ "$HUB_ROOT/package-lock.json" -nt "$lock_stamp" ]; then
  say "installing npm packages (npm ci)"
  (cd "$HUB_ROOT" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi

# 5. For the tests: Debian's Chromium (Playwright drives it; never `playwright install`)
#    and PostgreSQL 15 binaries for the throw-away test cluster.
if $want_test_tools; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    apt_install "${missing[@]}"
  fi
fi

say "tools ready: $(cargo leptos --version), wasm-bindgen $wasm_bindgen_version, tailwindcss $(node -p 'require("tailwindcss/package.json").version' 2>/dev/null)"
