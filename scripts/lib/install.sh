# Shared by scripts/*.sh: install what a fresh Debian machine lacks.
# Each function checks first, so a prepared machine installs nothing.

step() { printf '\n==> %s\n' "$*"; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian packages, installed only when missing.
ensure_apt() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "installing Debian packages: ${missing[*]}"
        as_root apt-get update -q
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
    fi
}

ensure_rust_tools() {
    if ! command -v cargo >/dev/null; then
        echo "cargo not found: install Rust first (https://rustup.rs)" >&2
        exit 2
    fi
    rustup component add rustfmt clippy >/dev/null
    rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
    # wasm-bindgen's CLI must match the library version in Cargo.lock exactly.
    local want have
    want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
    have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
    if [ "$have" != "$want" ]; then
        echo "installing wasm-bindgen-cli $want (found: ${have:-none}); this takes a few minutes"
        cargo install wasm-bindgen-cli --version "$want"
    fi
    command -v wasm-pack >/dev/null || cargo install wasm-pack
}

ensure_browser() {
    ensure_apt chromium chromium-driver
    command -v npm >/dev/null || ensure_apt nodejs npm
}
