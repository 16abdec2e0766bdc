#!/usr/bin/env bash
# Time to first results in the desktop app on a large archive, under Xvfb:
#   1. builds the app (debug, as scripts/e2e.sh does; E2E_APP_BIN to use another build) and
#      the measurement (tests/tests/app_open_bench.rs),
#   2. makes an archive of N scale-corpus documents with the CLI, once (default 10000; kept in
#      target/tmp/archive-N, reused while it exists),
#   3. under Xvfb with tauri-driver, starts the app on it E2E_BENCH_ROUNDS times and prints how
#      long until the WebDriver session is up, the document list shows, and the results of a
#      typed query show.
#
#   scripts/bench-app.sh [N]
#   E2E_APP_BIN=target/release/ogp-archive-app scripts/bench-app.sh 10000   # a release build
#      (cargo build --release -p ogp-archive-app, after scripts/build-ui.sh)
#
# Needs what scripts/e2e.sh needs, and the release CLI (cargo build --release -p ogp-archive).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
N=${1:-10000}
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
ARCHIVE=$TARGET_DIR/tmp/archive-$N

if [ -z "${E2E_INSIDE_XVFB:-}" ]; then
  command -v tauri-driver >/dev/null 2>&1 || cargo install tauri-driver --locked
  if [ -z "${E2E_APP_BIN:-}" ]; then
    scripts/build-ui.sh
    cargo build --workspace
  fi
  cargo test --workspace --test app_open_bench --no-run
  cargo build --release -p ogp-archive
  if [ ! -f "$ARCHIVE/catalog.sqlite3" ]; then
    CORPUS=$TARGET_DIR/tmp/scale-corpus/n$N-seed1
    SCALE_POOL=$TARGET_DIR/tmp/scale-pool scripts/make-scale-corpus.sh "$N" 1 "$CORPUS"
    "$TARGET_DIR/release/ogp-archive" --archive "$ARCHIVE.part" ingest "$CORPUS" >/dev/null
    mv "$ARCHIVE.part" "$ARCHIVE"
  fi
  export E2E_INSIDE_XVFB=1
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi

export E2E_APP_BIN=${E2E_APP_BIN:-$TARGET_DIR/debug/ogp-archive-app}
export E2E_BENCH_ARCHIVE=$ARCHIVE
PORT=${E2E_DRIVER_PORT:-4444}
NATIVE_PORT=${E2E_NATIVE_PORT:-4445}
export E2E_DRIVER_URL="http://127.0.0.1:$PORT"
. scripts/lib-driver.sh
start_tauri_driver "$PORT" "$NATIVE_PORT" "$TARGET_DIR/tauri-driver-bench.log"
echo "app: $E2E_APP_BIN; archive: $ARCHIVE ($("$TARGET_DIR/release/ogp-archive" --archive "$ARCHIVE" list --json | grep -c '"id"') documents)"
cargo test --workspace --test app_open_bench -- --ignored --nocapture --test-threads=1
