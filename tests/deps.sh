#!/usr/bin/env bash
# Installs what GridLedger needs on Debian 12 / Ubuntu 22.04+ and is missing:
# system packages (as root or with sudo) and, for the end-to-end tests, tauri-driver.
# Sourced by tests/run.sh and src-tauri/demo.sh.

gl_sudo() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

gl_need_packages() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "== 安装系统软件包 / installing: ${missing[*]}"
        gl_sudo apt-get update -qq
        gl_sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    fi
}

# Build and run the desktop app.
GL_APP_PACKAGES=(build-essential pkg-config libwebkit2gtk-4.1-dev libxdo-dev libssl-dev
                 libayatana-appindicator3-dev librsvg2-dev fonts-noto-cjk)
# Drive it in a virtual screen.
GL_TEST_PACKAGES=(xvfb xauth webkit2gtk-driver xdotool)

gl_need_rust() {
    if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
        export PATH="$HOME/.cargo/bin:$PATH"
    fi
    if ! command -v cargo >/dev/null 2>&1; then
        echo "== 安装 Rust / installing Rust (rustup)"
        gl_need_packages curl ca-certificates
        curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c clippy -c rustfmt
        export PATH="$HOME/.cargo/bin:$PATH"
    fi
}

gl_need_node() {
    if ! command -v node >/dev/null 2>&1; then
        gl_need_packages nodejs
    fi
}

gl_need_tauri_driver() {
    export PATH="$HOME/.cargo/bin:$PATH"
    if ! command -v tauri-driver >/dev/null 2>&1; then
        echo "== 安装 tauri-driver / installing tauri-driver"
        # A debug build: it only passes WebDriver requests on, and compiles in 23 s
        # here against 37 s for a release build.
        cargo install tauri-driver --version '^2' --locked --debug
    fi
}
