#!/usr/bin/env bash
# Time of one password hash (argon2id with the hub's parameters), release build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo run --quiet --release -p server --example password_hash
