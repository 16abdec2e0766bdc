#!/usr/bin/env bash
# Retakes docs/screenshot-{search,document,ingest,ocr}.png: runs the app under Xvfb at 1280×800
# (the window fills the screen: there is no window manager), drives it through tauri-driver
# like the e2e tests, captures the screen with ImageMagick `import -window root`, and shrinks
# the PNGs (each must stay under 300 KB). Look at them afterwards.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}

if [ -z "${SCREENSHOTS_INSIDE_XVFB:-}" ]; then
  command -v tauri-driver >/dev/null 2>&1 || cargo install tauri-driver --locked
  scripts/build-ui.sh
  cargo build --workspace
  cargo test --workspace --test screenshots --no-run
  export SCREENSHOTS_INSIDE_XVFB=1
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi

export E2E_APP_BIN="$TARGET_DIR/debug/ogp-archive-app"
PORT=${E2E_DRIVER_PORT:-4444}
export E2E_DRIVER_URL="http://127.0.0.1:$PORT"
. scripts/lib-driver.sh
start_tauri_driver "$PORT" "${E2E_NATIVE_PORT:-4445}" "$TARGET_DIR/tauri-driver-screenshots.log"

cargo test --workspace --test screenshots -- --ignored --nocapture

for f in docs/screenshot-*.png; do
  convert "$f" -strip "$f"
  if [ "$(stat -c %s "$f")" -gt 300000 ]; then
    convert "$f" -colors 256 PNG8:"$f"
  fi
  echo "$f: $(du -k "$f" | cut -f1) KB"
done
