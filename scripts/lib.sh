# shellcheck shell=bash
# Shared by scripts/start, scripts/test and scripts/bench: install what the project needs
# (idempotently, and fast when it is already there) and run things in a throwaway desktop.
# Source it; it changes directory to the repository root.

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO_ROOT=$PWD
# shellcheck disable=SC2034 # used by the scripts that source this file
TARGET_DIR=${CARGO_TARGET_DIR:-$REPO_ROOT/target}
# Where rustup and `cargo install` put their programs, whether or not a login shell added it.
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# Debian/Ubuntu packages: building the app, then running and testing it without a desktop.
BUILD_PACKAGES=(build-essential pkg-config libwebkit2gtk-4.1-dev libdbus-1-dev libssl-dev)
HEADLESS_PACKAGES=(xvfb xauth x11-utils webkit2gtk-driver imagemagick dbus dbus-x11 gnome-keyring
  libsecret-tools fonts-dejavu-core procps)

# Vite 8 needs one of these Node.js releases.
NODE_MIN_20=20.19.0
NODE_MIN_22=22.12.0

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
note() { printf '    %s\n' "$*"; }
die() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the missing packages among "$@"; runs `apt-get update` only when the package lists
# are missing or more than a day old, or when an install fails for want of fresh lists.
ensure_apt_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null | grep -qx installed ||
      missing+=("$pkg")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    note "system packages: all ${#} present"
    return
  fi

  command -v apt-get >/dev/null || die "missing packages (${missing[*]}) and no apt-get to install them"
  note "installing: ${missing[*]}"
  local fresh_lists
  fresh_lists=$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -1)
  [ -n "$fresh_lists" ] || as_root apt-get update -qq
  export DEBIAN_FRONTEND=noninteractive
  if ! as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    as_root apt-get update -qq
    as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

version_at_least() { # version_at_least HAVE WANT
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -1)" = "$2" ]
}

node_is_recent() {
  local have
  have=$(node --version 2>/dev/null | sed 's/^v//')
  [ -n "$have" ] && {
    version_at_least "$have" "$NODE_MIN_22" ||
      { version_at_least "$have" "$NODE_MIN_20" && ! version_at_least "$have" 21.0.0; }
  }
}

# Node.js recent enough for Vite 8. Debian 12 ships 18, so when the system's is older, Node 22
# is installed from the npm registry (the `node` package brings the binary for this platform)
# into .tools/node, for this project only, and put first on PATH.
ensure_node() {
  command -v node >/dev/null || ensure_apt_packages nodejs npm
  local local_node=$REPO_ROOT/.tools/node/node_modules/.bin
  if ! node_is_recent && [ -x "$local_node/node" ]; then
    export PATH="$local_node:$PATH"
  fi
  if ! node_is_recent; then
    note "node $(node --version) is too old for Vite 8; installing Node 22 into .tools/node"
    npm install --prefix "$REPO_ROOT/.tools/node" --no-audit --no-fund --loglevel=error node@22 ||
      die "could not install Node 22 from the npm registry; install Node $NODE_MIN_22+ yourself"
    export PATH="$local_node:$PATH"
  fi
  node_is_recent || die "Node.js $(node --version) is still too old for Vite 8"
  note "node $(node --version | sed 's/^v//')"
}

# `npm ci` from the committed lockfile, skipped while node_modules matches that lockfile.
ensure_npm_packages() {
  local stamp=node_modules/.cx-lock-sha256 want
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    note "npm packages: up to date with package-lock.json"
    return
  fi
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
}

ensure_rust() {
  command -v cargo >/dev/null ||
    die "no Rust toolchain: install it from https://rustup.rs (Tauri 2 needs Rust 1.88 or newer)"
  if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
    command -v rustup >/dev/null || die "cargo fmt and cargo clippy are missing (rustup component add rustfmt clippy)"
    rustup component add rustfmt clippy
  fi
  note "$(cargo --version)"
}

ensure_tauri_driver() {
  if ! command -v tauri-driver >/dev/null; then
    note "installing tauri-driver (about a minute)"
    cargo install tauri-driver --version '^2' --locked --quiet
  fi
  note "tauri-driver at $(command -v tauri-driver)"
}

# Everything scripts/start needs; scripts/test adds tauri-driver.
ensure_everything() {
  step "Checking system packages"
  ensure_apt_packages "${BUILD_PACKAGES[@]}" "${HEADLESS_PACKAGES[@]}"
  step "Checking Node.js and the npm packages"
  ensure_node
  ensure_npm_packages
  step "Checking the Rust toolchain"
  ensure_rust
}

has_display() { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }

# Runs "$@" in a throwaway desktop: its own Xvfb display, its own D-Bus session bus with an
# unlocked gnome-keyring, and HOME/XDG folders in a temporary directory, so neither the
# developer's display nor their real keyring is ever touched. Returns the command's status.
run_in_throwaway_desktop() {
  local scratch status=0
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/cx-appstore-desktop.XXXXXX")
  mkdir -p "$scratch"/{home,data,config,cache,runtime}
  chmod 700 "$scratch/runtime"
  # The bus, and the services it starts on demand (portals, accessibility), chatter on stderr:
  # send that to a file instead of the test output.
  printf '#!/bin/sh\nexec dbus-daemon "$@" 2>>"%s/dbus.log"\n' "$scratch" >"$scratch/dbus-daemon"
  chmod +x "$scratch/dbus-daemon"

  # Cargo and rustup find their homes through HOME unless told: pin them before moving HOME.
  env -u DBUS_SESSION_BUS_ADDRESS -u WAYLAND_DISPLAY -u DISPLAY \
    CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" \
    HOME="$scratch/home" XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" \
    XDG_CACHE_HOME="$scratch/cache" XDG_RUNTIME_DIR="$scratch/runtime" \
    xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp" \
    dbus-run-session --dbus-daemon="$scratch/dbus-daemon" -- bash -c '
      unlocked_keyring() {
        echo -n throwaway | gnome-keyring-daemon "$@" --unlock --components=secrets >/dev/null 2>&1
      }
      unlocked_keyring
      # gnome-keyring-daemon has been seen to abort under many parallel tests. The bus then
      # starts a locked one, whose unlock prompt waits for ever: put an unlocked one back, and
      # dismiss any prompt (nothing here ever needs one), so that a test caught in the crash
      # fails and the rest carry on.
      unlocked_keyring_runs() {
        local pid
        for pid in $(pgrep -x gnome-keyring-d); do
          tr "\0" " " <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- --unlock && return 0
        done
        return 1
      }
      ( while sleep 1; do
          pkill -x gcr-prompter && sleep 0.5
          unlocked_keyring_runs || unlocked_keyring --replace
        done ) &
      "$@"; status=$?
      kill $! 2>/dev/null
      exit $status' run-in-throwaway-desktop "$@" || status=$?

  # The keyring daemon leaves with the bus and may still be tidying its runtime folder.
  rm -rf "$scratch" 2>/dev/null || { sleep 1; rm -rf "$scratch"; }
  return "$status"
}

build_ui() {
  npm run --silent typecheck
  npm run --silent build
}
