#!/usr/bin/env bash
# Installs whatever is missing, builds GridLedger and opens it on the demo database
# (示例数据), which lives apart from the user's real database.
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/deps.sh
gl_need_packages "${GL_APP_PACKAGES[@]}"
gl_need_rust
cargo build -p gridledger
exec target/debug/gridledger --demo "$@"
