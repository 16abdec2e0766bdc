#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the desktop app and its tests need:
#   - building the Tauri app: WebKitGTK 4.1, GTK 3, librsvg, OpenSSL, libxdo headers, a C toolchain
#   - end-to-end tests: Xvfb (+ xauth for xvfb-run) and WebKitWebDriver (webkit2gtk-driver)
#   - screenshots, fixtures and benchmarks: imagemagick, poppler-utils (pdftotext), qpdf,
#     mupdf-tools (mutool), zip
#   - OCR of scanned pages: Tesseract with the Latvian and English models (tesseract-ocr
#     brings eng and osd); pdftoppm from poppler-utils renders pages for it
#   - "did you mean" in search: the Latvian Hunspell dictionary (hunspell-lv), read by the
#     spellbook crate; without it suggestions come from the archive's own words alone
#   - the UI build: nodejs + npm (only when `node`/`npm` are not already on PATH)
#   - the Debian package (scripts/package-deb.sh): help2man (the CLI's manual page); its test
#     (scripts/test-deb.sh): lintian, desktop-file-utils; Xvfb, imagemagick, Tesseract from above
#   - the bundle's offline page, opened from the file system in a browser without a GUI
#     (index/tests/bundle.rs): chromium; python3-pip for scripts/install-test-tools.sh
# Idempotent: when every package is already installed (checked with dpkg-query) it does nothing.
set -euo pipefail

PKGS=(
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev
  build-essential pkg-config libssl-dev libxdo-dev
  xvfb xauth webkit2gtk-driver
  imagemagick poppler-utils qpdf
  mupdf-tools zip
  tesseract-ocr tesseract-ocr-lav
  hunspell-lv
  curl file
  help2man lintian desktop-file-utils
  chromium
)
command -v python3 >/dev/null 2>&1 && python3 -m pip --version >/dev/null 2>&1 || PKGS+=(python3 python3-pip)
command -v node >/dev/null 2>&1 || PKGS+=(nodejs)
command -v npm >/dev/null 2>&1 || PKGS+=(npm)

missing=()
for p in "${PKGS[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-system-deps: all ${#PKGS[@]} packages already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

echo "install-system-deps: installing ${missing[*]}"
$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
