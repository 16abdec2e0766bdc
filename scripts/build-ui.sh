#!/usr/bin/env bash
# Prepares the front end for a cargo build of the desktop app: installs the npm packages of
# ui/ exactly as locked (pdfjs-dist; optional native packages are skipped, they are only for
# pdf.js under node) and copies the pdf.js files into ui/src/vendor/pdfjs/, which the
# Tauri build embeds. Needs node + npm. Run it before `cargo build`/`cargo clippy`.
set -euo pipefail
cd "$(dirname "$0")/../ui"
if [ ! -d node_modules/pdfjs-dist ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --omit=optional --no-audit --no-fund
fi
node copy-vendor.mjs
