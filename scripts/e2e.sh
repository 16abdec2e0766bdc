#!/usr/bin/env bash
# End-to-end tests of the desktop app in a real window:
#   1. installs tauri-driver (cargo install --locked) if it is not on PATH,
#   2. prepares the UI (scripts/build-ui.sh) and builds the app (debug),
#   3. starts a virtual X display (xvfb-run) and tauri-driver (which starts WebKitWebDriver),
#   4. runs the ignored WebDriver tests of the `e2e` crate (tests/tests/app.rs) one at a time.
# Each test starts the app on its own temporary archive (--archive) and export folder
# (--export-dir). Screenshots of failed tests go to target/e2e-screenshots/.
# Needs the system packages of scripts/install-system-deps.sh.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}

if ! command -v tauri-driver >/dev/null 2>&1; then
  cargo install tauri-driver --locked
fi
command -v WebKitWebDriver >/dev/null 2>&1 || { echo "WebKitWebDriver missing: run scripts/install-system-deps.sh" >&2; exit 1; }

scripts/build-ui.sh
# `--workspace` throughout, as test.sh builds: a `-p` build unifies features differently and
# would rebuild tauri and its dependencies.
cargo build --workspace
cargo test --workspace --test app --no-run

export E2E_APP_BIN="$TARGET_DIR/debug/ogp-archive-app"
export E2E_SCREENSHOT_DIR=${E2E_SCREENSHOT_DIR:-$ROOT/target/e2e-screenshots}
PORT=${E2E_DRIVER_PORT:-4444}
NATIVE_PORT=${E2E_NATIVE_PORT:-4445}
export E2E_DRIVER_URL="http://127.0.0.1:$PORT"
mkdir -p "$E2E_SCREENSHOT_DIR"

if [ -z "${E2E_INSIDE_XVFB:-}" ] && [ -z "${DISPLAY:-}" ]; then
  # Re-run this script's test part inside a virtual display.
  export E2E_INSIDE_XVFB=1
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi

# The app defers an index rebuild of more than this many documents to the background
# (300 by default); the test of that path has only the 20 samples.
export OGP_DEFER_INDEX_ABOVE=0
. scripts/lib-driver.sh
start_tauri_driver "$PORT" "$NATIVE_PORT" "$TARGET_DIR/tauri-driver.log"

cargo test --workspace --test app -- --ignored --test-threads=1 "$@"
