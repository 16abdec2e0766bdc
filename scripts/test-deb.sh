#!/usr/bin/env bash
# Tests the Debian package as a user meets it:
#   1. builds it (scripts/package-deb.sh --debug: from the debug build test.sh has made, so it
#      compiles nothing; --release packages the release build, as a user's package-deb.sh does),
#   2. lintian: no errors (warnings are printed),
#   3. installs it into this system with `apt-get install ./….deb` and checks with `dpkg -L` that
#      the app, the CLI, the desktop entry (Latvian and English names, category Office), the
#      icons, the manual pages and the sample documents are where they belong,
#   4. starts the installed app (ogp-archive-app, from PATH) under Xvfb with a fresh HOME — the
#      repository's sample-docs/ hidden behind an empty mount, so the samples can only come
#      from the package — waits until the installed CLI lists every sample in the new archive,
#      takes a screenshot and reads it with Tesseract to see the samples are on screen,
#   5. removes the package (`apt-get remove`) and checks its files are gone.
# Any failed step stops the test with a message; the package is removed on every exit.
# Needs root or sudo (apt, dpkg, unshare) and the packages of scripts/install-system-deps.sh.
# Usage: scripts/test-deb.sh [--release] [--screenshot PATH]
#        (default screenshot: target/deb-test/screenshot-installed.png)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

PROFILE_ARG=--debug
SHOT=$ROOT/target/deb-test/screenshot-installed.png
while [ $# -gt 0 ]; do
  case "$1" in
    --release) PROFILE_ARG= ;;
    --screenshot) SHOT=$(realpath -m "$2"); shift ;;
    *) echo "usage: $0 [--release] [--screenshot PATH]" >&2; exit 2 ;;
  esac
  shift
done

PKG=ogp-archive
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
APT=(env DEBIAN_FRONTEND=noninteractive apt-get -y -o DPkg::Lock::Timeout=300)

fail() { echo "test-deb: FAILED: $*" >&2; exit 1; }
say() { printf 'test-deb [%3ss]: %s\n' "$SECONDS" "$*"; }
pkg_status() { dpkg-query -W -f='${db:Status-Status}' "$PKG" 2>/dev/null || true; }

[ "$(pkg_status)" != installed ] ||
  fail "$PKG is already installed here; remove it first (this test installs and removes it)"

WORK=$(mktemp -d -t ogp-deb-test.XXXXXX)
INSTALLED=0
APP_PID=""
XVFB_PID=""
cleanup() {
  local rc=$?
  [ -n "$APP_PID" ] && { $SUDO kill "$APP_PID" 2>/dev/null || true; }
  [ -n "$XVFB_PID" ] && { kill "$XVFB_PID" 2>/dev/null || true; }
  if [ "$INSTALLED" = 1 ]; then
    echo "test-deb: removing $PKG after a failure" >&2
    $SUDO "${APT[@]}" remove "$PKG" >/dev/null 2>&1 || echo "test-deb: could not remove $PKG" >&2
  fi
  if [ "$rc" -ne 0 ] && [ -s "$WORK/app.log" ]; then
    echo "--- the app's output ---" >&2
    tail -n 40 "$WORK/app.log" >&2
  fi
  $SUDO rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM # so that the EXIT trap cleans up on these too

# 1. Build.
scripts/package-deb.sh $PROFILE_ARG | tee "$WORK/package.log"
DEB=$(tail -n 1 "$WORK/package.log")
[ -f "$DEB" ] || fail "package-deb.sh printed no package path (last line: $DEB)"
say "package $DEB ($(du -h "$DEB" | cut -f1))"

depends=$(dpkg-deb -f "$DEB" Depends)
for dep in libwebkit2gtk-4.1-0 tesseract-ocr tesseract-ocr-lav poppler-utils; do
  [[ ", $depends," == *", $dep"[\ ,]* ]] || fail "Depends lacks $dep: $depends"
done

# 2. lintian: errors fail the test; warnings are listed.
lintian --fail-on error --tag-display-limit 0 "$DEB" | tee "$WORK/lintian.txt" ||
  fail "lintian reports errors (above)"
say "lintian: $(grep -c '^E:' "$WORK/lintian.txt" || true) errors, $(grep -c '^W:' "$WORK/lintian.txt" || true) warnings"

# 3. Install, then check the files.
INSTALLED=1
$SUDO "${APT[@]}" install "$DEB"
[ "$(pkg_status)" = installed ] || fail "$PKG is not installed after apt-get install"
dpkg -L "$PKG" > "$WORK/files"
APP_ICON=ogp-archive-app
DESKTOP=/usr/share/applications/ogp-archive.desktop
expect_files=(
  /usr/bin/ogp-archive-app /usr/bin/ogp-archive "$DESKTOP"
  /usr/share/doc/ogp-archive/copyright /usr/share/doc/ogp-archive/changelog.gz
  /usr/share/man/man1/ogp-archive.1.gz /usr/share/man/man1/ogp-archive-app.1.gz
)
for size in 32x32 128x128 256x256 512x512; do
  expect_files+=("/usr/share/icons/hicolor/$size/apps/$APP_ICON.png")
done
for pdf in sample-docs/*.pdf; do
  expect_files+=("/usr/share/ogp-archive/$pdf")
done
for f in "${expect_files[@]}"; do
  grep -qxF "$f" "$WORK/files" || fail "dpkg -L $PKG does not list $f"
  [ -f "$f" ] || fail "$f is listed but not on disk"
done
say "dpkg -L lists all ${#expect_files[@]} expected files"
[ "$(command -v ogp-archive-app)" = /usr/bin/ogp-archive-app ] || fail "ogp-archive-app is not on PATH"
[ "$(command -v ogp-archive)" = /usr/bin/ogp-archive ] || fail "ogp-archive is not on PATH"
for line in 'Name=OGP Archive' 'Name[lv]=OGP arhīvs' 'Categories=Office;' \
  'Exec=ogp-archive-app' "Icon=$APP_ICON"; do
  grep -qxF "$line" "$DESKTOP" || fail "$DESKTOP lacks the line '$line'"
done
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$DESKTOP" || fail "desktop-file-validate rejects $DESKTOP"
fi

# 4. First run of the installed app on a fresh HOME, under Xvfb.
mkdir -p "$WORK/home" "$WORK/runtime"
chmod 700 "$WORK/runtime"
ARCHIVE=$WORK/home/.local/share/ogp-archive # the default archive folder for that HOME
EXPECTED=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["documents"]))' \
  sample-docs/expected.json)

exec 3> "$WORK/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp > "$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
exec 3>&-
for _ in $(seq 50); do [ -s "$WORK/display" ] && break; sleep 0.1; done
[ -s "$WORK/display" ] || fail "Xvfb did not start: $(cat "$WORK/xvfb.log")"
DISPLAY_NUM=":$(cat "$WORK/display")"

app_env=(env -i PATH=/usr/bin:/bin HOME="$WORK/home" XDG_RUNTIME_DIR="$WORK/runtime"
  DISPLAY="$DISPLAY_NUM" LANG=C.UTF-8 ogp-archive-app)
# A build run from the source tree falls back to the repository's sample-docs/; an empty mount
# over it (in a mount namespace of the app's own) proves the samples come from the package.
if $SUDO unshare --mount true 2>/dev/null; then
  $SUDO unshare --mount sh -c 'mount -t tmpfs -o size=64k,mode=0555 hidden "$0" && exec "$@"' \
    "$ROOT/sample-docs" "${app_env[@]}" > "$WORK/app.log" 2>&1 &
else
  say "no mount namespace here: the repository's sample-docs/ stays visible to the app"
  $SUDO "${app_env[@]}" > "$WORK/app.log" 2>&1 &
fi
APP_PID=$!
say "started ogp-archive-app on $DISPLAY_NUM, HOME=$WORK/home"

count=0
for _ in $(seq 180); do
  $SUDO kill -0 "$APP_PID" 2>/dev/null || fail "ogp-archive-app exited"
  if [ -f "$ARCHIVE/catalog.sqlite3" ]; then
    count=$($SUDO ogp-archive --archive "$ARCHIVE" list --json 2>/dev/null |
      python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' 2>/dev/null || echo 0)
    [ "$count" -ge "$EXPECTED" ] && break
  fi
  sleep 1
done
[ "$count" -eq "$EXPECTED" ] ||
  fail "the installed CLI lists $count documents in $ARCHIVE, not the $EXPECTED samples"
say "first run: the installed CLI lists all $EXPECTED samples in $ARCHIVE"

# The window shows them: its list refreshes on the samples' progress events. Read the screen
# with Tesseract and count the samples' titles (expected.json's title_contains) on it; the
# window has room for about 16 of the 21, OCR misreads a few.
mkdir -p "$(dirname "$SHOT")"
seen=0
for _ in $(seq 10); do
  sleep 2
  DISPLAY=$DISPLAY_NUM import -window root "$SHOT"
  seen=$(tesseract "$SHOT" - -l lav+eng 2>/dev/null | python3 -c '
import json, re, sys
norm = lambda s: re.sub(r"\s+", " ", s).lower()
screen = norm(sys.stdin.read())
titles = {norm(d["title_contains"]) for d in json.load(open(sys.argv[1]))["documents"]}
print(sum(t in screen for t in titles))' sample-docs/expected.json || echo 0)
  [ "$seen" -ge 8 ] && break
done
[ "$seen" -ge 8 ] ||
  fail "the screenshot ($SHOT) shows $seen of the sample documents' titles, not at least 8"
say "screenshot $SHOT: $seen sample titles read on screen"

$SUDO kill "$APP_PID"
wait "$APP_PID" 2>/dev/null || true
APP_PID=""

# 5. Remove.
$SUDO "${APT[@]}" remove "$PKG"
INSTALLED=0
[ "$(pkg_status)" != installed ] || fail "$PKG is still installed after apt-get remove"
for f in /usr/bin/ogp-archive-app /usr/bin/ogp-archive "$DESKTOP" /usr/share/ogp-archive; do
  [ ! -e "$f" ] || fail "$f is still there after apt-get remove"
done
say "removed cleanly; all checks passed"
