#!/usr/bin/env bash
# Builds and starts the OGP Archive desktop app. Installs what it needs first (system packages
# with apt, the UI's npm packages). On first run the archive is filled from sample-docs/.
# The archive lives in $OGP_ARCHIVE_DIR, else ~/.local/share/ogp-archive (shared with the CLI).
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v cargo >/dev/null 2>&1; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  else
    echo "Rust is not installed. Installing it with rustup (https://rustup.rs)…"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
fi

scripts/install-system-deps.sh
scripts/build-ui.sh
cargo build --release --locked -p ogp-archive -p ogp-archive-app

echo "The command line is at $PWD/target/release/ogp-archive"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found. To run the app without a screen: xvfb-run -a ./run.sh" >&2
  exit 1
fi
exec target/release/ogp-archive-app "$@"
