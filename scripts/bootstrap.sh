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
WASM_OPT_VERSION="116"
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

# Downloads and package installs wait on the network, compiling waits on the CPU: the
# Debian packages and the npm packages install in the background while the Rust tools build.
background_jobs=()
background_logs=()
in_background() {
  local log; log="$(mktemp -t hub-bootstrap.XXXXXX)"
  ( "$@" ) >"$log" 2>&1 &
  background_jobs+=($!); background_logs+=("$log")
}

# 1. Debian packages for the tests: Chromium (Playwright drives it; never `playwright
#    install`), PostgreSQL 15 for the throw-away test cluster, and nginx, curl and openssl
#    for the deployment test (scripts/test-deployment.sh).
debian_missing=()
if $want_test_tools; then
  [ -x /usr/bin/chromium ] || debian_missing+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || debian_missing+=(postgresql)
  [ -x /usr/sbin/nginx ] || debian_missing+=(nginx)
  command -v curl >/dev/null || debian_missing+=(curl)
  command -v openssl >/dev/null || debian_missing+=(openssl)
fi
if [ ${#debian_missing[@]} -gt 0 ]; then
  say "installing Debian packages in the background: ${debian_missing[*]}"
  in_background apt_install "${debian_missing[@]}"
fi

# 2. Tailwind CSS and Playwright from package-lock.json. cargo-leptos finds tailwindcss
#    on PATH, so it never tries to download it.
lock_stamp="$HUB_ROOT/node_modules/.package-lock.json"
if [ ! -f "$lock_stamp" ] || [ "$HUB_ROOT/package-lock.json" -nt "$lock_stamp" ]; then
  say "installing npm packages in the background (npm ci)"
  in_background env -C "$HUB_ROOT" PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi

# 3. The WebAssembly target for the browser bundle.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The build tools are installed without link-time optimisation and with parallel code
# generation: cargo-leptos's own release profile (LTO, one codegen unit) took 16 minutes
# on two cores, this 13. cargo-leptos and wasm-bindgen-cli only drive other programs and
# rewrite a few files, so they are also optimised less (opt-level 1: 9½ minutes for
# cargo-leptos); wasm-opt does real work on every build and keeps the full optimisation.
cargo_install() { # cargo_install OPT_LEVEL ARGS…
  local opt_level="$1"; shift
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL="$opt_level" \
    CARGO_PROFILE_RELEASE_DEBUG=false CARGO_INCREMENTAL=0 cargo install "$@"
}

# 4. cargo-leptos. 0.3.11 needs a newer rustc than the stable one here; --locked keeps its
#    own dependency tree building.
if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (compiles it: several minutes the first time)"
  cargo_install 1 cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
fi

# 5. wasm-bindgen-cli at exactly the version in Cargo.lock (a mismatch fails the build).
#    Without --locked: the CLI's own lock file names a crate version the registry lacks.
wasm_bindgen_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$HUB_ROOT/Cargo.lock")"
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wasm_bindgen_version\$"; then
  say "installing wasm-bindgen-cli $wasm_bindgen_version"
  cargo_install 1 wasm-bindgen-cli --version "$wasm_bindgen_version"
fi

# 6. wasm-opt (binaryen), compiled natively from crates.io: it shrinks the browser bundle in
#    about 1.5 minutes where npm's binaryen, running under Node, took 6.5 to 9. Not Debian's
#    binaryen: its wasm-opt (108) exports the wrong table of the bundle, which then fails
#    at start in every browser. cargo-leptos finds it on PATH, so it never downloads one.
if ! wasm-opt --version 2>/dev/null | grep -q "version $WASM_OPT_VERSION"; then
  say "installing wasm-opt (binaryen $WASM_OPT_VERSION, compiles it: about 7 minutes the first time)"
  cargo_install 3 wasm-opt --version "0.$WASM_OPT_VERSION.1" --locked
fi

for i in "${!background_jobs[@]}"; do
  if ! wait "${background_jobs[$i]}"; then
    cat "${background_logs[$i]}" >&2
    echo "bootstrap: a background install failed (above)" >&2
    exit 1
  fi
  rm -f "${background_logs[$i]}"
done

say "tools ready: $(cargo leptos --version), wasm-bindgen $wasm_bindgen_version, $(wasm-opt --version), tailwindcss $(node -p 'require("tailwindcss/package.json").version' 2>/dev/null)"
