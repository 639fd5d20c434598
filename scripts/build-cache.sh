#!/usr/bin/env bash
# Sourced by scripts/run.sh and scripts/test.sh: build output goes to a cache outside the
# clone (HUB_BUILD_CACHE, default ~/.cache/liangjiang-hub), one directory per Cargo.lock
# and toolchain, so a fresh clone on the same machine starts warm and the two scripts share
# what they both build (the browser bundle). A fresh machine has no cache and builds from
# nothing: the cache holds build output only, never a tool.
cache_root="${HUB_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/liangjiang-hub}"
cache_key="$( { cat Cargo.lock; rustc -vV; } | sha256sum | cut -c1-16)"
export CARGO_TARGET_DIR="$cache_root/target-$cache_key"
mkdir -p "$CARGO_TARGET_DIR"
touch "$CARGO_TARGET_DIR"
# Keep the two most recently used caches; older ones only fill the disk.
ls -1dt "$cache_root"/target-* 2>/dev/null | tail -n +3 | xargs -r rm -rf
# Incremental compilation only pays off when editing; here it doubles the disk used.
export CARGO_INCREMENTAL=0
