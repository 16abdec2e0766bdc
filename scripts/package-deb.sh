#!/usr/bin/env bash
# Builds the Debian package of OGP Archive with Tauri's own bundler:
#   scripts/package-deb.sh           → target/release/bundle/deb/ogp-archive_<version>_amd64.deb
#   scripts/package-deb.sh --debug   → target/debug/bundle/deb/…, from the debug build that
#                                      test.sh has already made (no compiling; for the test)
# The package: the desktop app (/usr/bin/ogp-archive-app), the command line
# (/usr/bin/ogp-archive), a desktop entry in Latvian and English, icons 32–512 px, the sample
# documents loaded on first run (/usr/share/ogp-archive/sample-docs), manual pages, copyright
# and changelog. It depends on WebKitGTK 4.1, Tesseract with Latvian and poppler-utils (see
# src-tauri/tauri.conf.json), and on the shared libraries the binaries link (dpkg-shlibdeps).
#
# Tauri's CLI comes prebuilt from the npm registry (packaging/package.json, pinned to the tauri
# crate's version in Cargo.lock); nothing else is downloaded, and the deb bundle needs no network.
# The bundler does not strip binaries (lintian calls that an error), so the binaries are copied
# stripped, with the samples, into target/deb/, and `tauri bundle` packages that copy
# (CARGO_TARGET_DIR points it there): the cargo build outputs stay untouched.
# Prints the .deb's path as its last line. Needs node + npm, and scripts/install-system-deps.sh.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

PROFILE=release
case "${1:-}" in
  "") ;;
  --debug) PROFILE=debug ;;
  *) echo "usage: $0 [--debug]" >&2; exit 2 ;;
esac
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
# tauri.conf.json names these paths (relative to src-tauri/), so they do not follow CARGO_TARGET_DIR.
STAGE=$ROOT/target/deb

# The UI's assets: copying them makes cargo rebuild the app, so the debug package of the test
# skips this when test.sh has already done it.
if [ "$PROFILE" = release ] || [ ! -d ui/src/vendor/pdfjs ]; then
  scripts/build-ui.sh
fi
if [ ! -x packaging/node_modules/.bin/tauri ] ||
  [ packaging/package-lock.json -nt packaging/node_modules/.package-lock.json ]; then
  (cd packaging && npm ci --no-audit --no-fund)
fi
TAURI=$ROOT/packaging/node_modules/.bin/tauri

if [ "$PROFILE" = release ]; then
  cargo build --release --locked -p ogp-archive --bin ogp-archive
  # `tauri build` adds tauri's custom-protocol feature: the front end is served from the binary.
  (cd src-tauri && CI=true "$TAURI" build --no-bundle -- --locked)
else
  # As test.sh and scripts/e2e.sh build: after them this compiles nothing.
  cargo build --workspace --locked
fi

rm -rf "$STAGE"
mkdir -p "$STAGE/$PROFILE" "$STAGE/stage/sample-docs"
strip --remove-section=.comment -o "$STAGE/$PROFILE/ogp-archive-app" "$TARGET_DIR/$PROFILE/ogp-archive-app"
strip --remove-section=.comment -o "$STAGE/stage/ogp-archive" "$TARGET_DIR/$PROFILE/ogp-archive"
# The PDFs only: their sources (sample-docs/src) and expected.json are for the tests.
cp sample-docs/*.pdf "$STAGE/stage/sample-docs/"
# Manual pages: the CLI's made from its --help by help2man (so it cannot drift from it), the
# app's written by hand (packaging/ogp-archive-app.1); gzip -9n, as Debian policy wants.
SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || date +%s) help2man --no-info \
  --name "Latvia's Open Government Partnership document archive (command line)" \
  "$STAGE/stage/ogp-archive" | gzip -9n > "$STAGE/stage/ogp-archive.1.gz"
gzip -9n < packaging/ogp-archive-app.1 > "$STAGE/stage/ogp-archive-app.1.gz"

# The packages of the shared libraries the binaries link, with the versions they need (libc6,
# libgcc-s1, …), as dpkg-shlibdeps works them out for Debian's own packages; it wants a
# debian/control to read. The bundler adds WebKitGTK and GTK by name itself: left to it, so
# that they are not listed twice.
mkdir -p "$STAGE/shlibdeps/debian"
printf 'Source: ogp-archive\n\nPackage: ogp-archive\nArchitecture: any\n' \
  > "$STAGE/shlibdeps/debian/control"
shlibs=$(cd "$STAGE/shlibdeps" &&
  dpkg-shlibdeps -O -e"$STAGE/$PROFILE/ogp-archive-app" -e"$STAGE/stage/ogp-archive" 2>/dev/null |
  sed -n 's/^shlibs:Depends=//p')
[ -n "$shlibs" ] || { echo "package-deb: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
depends=$(SHLIBS="$shlibs" node -e '
  const conf = require("./src-tauri/tauri.conf.json");
  const addedByBundler = ["libwebkit2gtk-4.1-0", "libgtk-3-0"];
  const shlibs = process.env.SHLIBS.split(", ")
    .filter((d) => !addedByBundler.includes(d.split(" ")[0]));
  const depends = [...conf.bundle.linux.deb.depends, ...shlibs];
  console.log(JSON.stringify({ bundle: { linux: { deb: { depends } } } }));')

bundle_args=(--bundles deb --config "$depends")
[ "$PROFILE" = debug ] && bundle_args+=(--debug)
(cd src-tauri && CI=true CARGO_TARGET_DIR="$STAGE" "$TAURI" bundle "${bundle_args[@]}")

version=$(node -p 'require("./src-tauri/tauri.conf.json").version')
name="ogp-archive_${version}_amd64.deb"
[ -f "$STAGE/$PROFILE/bundle/deb/$name" ] || {
  echo "package-deb: the bundler did not write $STAGE/$PROFILE/bundle/deb/$name" >&2
  exit 1
}
mkdir -p "$TARGET_DIR/$PROFILE/bundle/deb"
mv "$STAGE/$PROFILE/bundle/deb/$name" "$TARGET_DIR/$PROFILE/bundle/deb/$name"
echo "$TARGET_DIR/$PROFILE/bundle/deb/$name"
