#!/usr/bin/env bash
# The whole test suite: formatting, lints, Rust tests (core, CLI, shell, crash
# safety), UI logic tests, and end-to-end tests in the real app window under Xvfb.
# Installs whatever is missing first. Screenshots land in tests/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/deps.sh

gl_need_packages "${GL_APP_PACKAGES[@]}" "${GL_TEST_PACKAGES[@]}"
gl_need_rust
gl_need_node
gl_need_tauri_driver

step() { echo; echo "== $*"; df -h . 2>/dev/null | tail -1; }

# A one-off full run gains nothing from incremental caches, which would double the
# disk it takes; iterating by hand keeps them (set CARGO_INCREMENTAL=1 to keep them here).
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

step "cargo fmt --check"
cargo fmt --all --check
step "cargo clippy (workspace, all targets, warnings are errors)"
cargo clippy --workspace --all-targets -- -D warnings
step "build (app, CLI, test helpers)"
cargo build --workspace --all-targets
step "Rust tests"
cargo test --workspace
step "UI logic tests (node --test)"
node --test tests/ui/
step "end-to-end tests in the real window (Xvfb + tauri-driver + WebKitWebDriver)"
rm -rf tests/artifacts
cargo test -p gridledger-tests --test e2e -- --ignored --test-threads=1
echo
echo "== all tests passed; screenshots in tests/artifacts/"
