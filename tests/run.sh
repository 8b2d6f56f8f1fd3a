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
# Clippy's lints run inside the build itself: `cargo clippy` is `cargo check` with
# clippy-driver wrapping rustc for the workspace's own crates, and a check compiles
# every dependency a second time, in a mode a build cannot reuse. The same wrapper
# and arguments on `cargo build` lint our crates exactly as `cargo clippy --workspace
# --all-targets -- -D warnings` does and compile every crate once. From cold here:
# clippy 9 min 38 s then the build 7 min 43 s (24.6 CPU minutes); in one pass 21.0
# CPU minutes, 13 min 21 s while other builds shared the two cores. Exported for
# every cargo command below, so the tests reuse what this build compiled.
export RUSTC_WORKSPACE_WRAPPER="$(rustc --print sysroot)/bin/clippy-driver"
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
gl_clippy_denies() {
    # The arguments' format is clippy's own: should it change, lints would pass
    # unseen. A crate with one warning of clippy's (needless_return) must fail to build.
    local d; d="$(mktemp -d)"
    mkdir "$d/src"
    printf '[package]\nname = "canary"\nversion = "0.0.0"\nedition = "2021"\n[workspace]\n' > "$d/Cargo.toml"
    printf 'fn one() -> i32 {\n    return 1;\n}\nfn main() {\n    println!("{}", one());\n}\n' > "$d/src/main.rs"
    if CARGO_TARGET_DIR="$d/target" cargo build -q --manifest-path "$d/Cargo.toml" >/dev/null 2>&1; then
        rm -rf "$d"
        echo "clippy-driver did not deny a lint: the way run.sh passes -D warnings no longer works" >&2
        return 1
    fi
    rm -rf "$d"
}
step "clippy's lints are errors (a canary crate with one lint fails to build)"
gl_clippy_denies
step "build with clippy (workspace, all targets, warnings are errors)"
cargo build --workspace --all-targets
step "Rust tests"
cargo test --workspace
step "UI logic tests (node --test)"
node --test tests/ui/
step "end-to-end tests in the real window (Xvfb + tauri-driver + WebKitWebDriver)"
rm -rf tests/artifacts
# `--workspace`, not `-p gridledger-tests`: cargo unifies features over the packages
# it is given, so `-p` alone resolved serde, serde_json, uuid, syn … with fewer
# features and rebuilt them and everything above them, the core included, a second
# time (31 s with a warm target, minutes on a fresh machine).
cargo test --workspace --test e2e -- --ignored --test-threads=1
echo
echo "== all tests passed; screenshots in tests/artifacts/"
