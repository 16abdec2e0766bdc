#!/usr/bin/env bash
# Where does a whole-pipeline ingest spend its time? Runs `ogp-archive ingest` on a scale corpus
# (scripts/make-scale-corpus.sh) into fresh archives and reports:
#   1. wall and CPU time (both cores), as is and under eatmydata (fsync/fdatasync made no-ops):
#      the difference is what durability costs;
#   2. `perf trace -s`: time in each system call, per thread (fsync, rename, futex waits ...);
#   3. `perf record` (DWARF call graphs) and a report of the hottest functions and of
#      CPU time per component (lopdf, our extractor, classification, SHA-256, SQLite,
#      tantivy, kernel).
#
#   scripts/profile-ingest.sh [N] [SEED]        (default 1000 documents, seed 1)
#
# Needs: a release build (cargo build --release -p ogp-archive), linux-perf, eatmydata.
# Output in $OUT (default target/profile-ingest/): ingest-*.txt, perf-*.txt, perf.data.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-1000} SEED=${2:-1}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
BIN=$TARGET/release/ogp-archive
OUT=${OUT:-$TARGET/profile-ingest}
CORPUS=$TARGET/tmp/scale-corpus/n$N-seed$SEED
[ -x "$BIN" ] || { echo "no $BIN: cargo build --release -p ogp-archive" >&2; exit 1; }
SCALE_POOL=$TARGET/tmp/scale-pool "$ROOT/scripts/make-scale-corpus.sh" "$N" "$SEED" "$CORPUS" >&2
mkdir -p "$OUT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
find "$CORPUS" -name '*.pdf' -exec cat {} + >/dev/null   # warm page cache

ingest() { # ingest LABEL [wrapper...]: one fresh ingest, its wall/user/sys seconds
    local label=$1; shift
    rm -rf "$WORK/a"
    /usr/bin/time -f "$label wall %e s, user %U s, sys %S s, CPU %P, max RSS %M KB" -a -o "$OUT/ingest-times.txt" \
        "$@" "$BIN" --archive "$WORK/a" ingest "$CORPUS" >/dev/null 2>&1
}

: >"$OUT/ingest-times.txt"
for round in 1 2 3; do
    ingest "as is    (round $round)"
    command -v eatmydata >/dev/null && ingest "eatmydata (round $round)" eatmydata
done
cat "$OUT/ingest-times.txt"

if command -v perf >/dev/null; then
    rm -rf "$WORK/a"
    perf trace -s -o "$OUT/perf-trace.txt" -- "$BIN" --archive "$WORK/a" ingest "$CORPUS" >/dev/null 2>&1 || true
    rm -rf "$WORK/a"
    perf record -q -F 299 --call-graph dwarf,32768 -o "$OUT/perf.data" -- \
        "$BIN" --archive "$WORK/a" ingest "$CORPUS" >/dev/null 2>&1
    perf report -i "$OUT/perf.data" --no-children --sort dso,symbol --stdio --percent-limit 0.7 -g none \
        >"$OUT/perf-self.txt" 2>/dev/null
    perf report -i "$OUT/perf.data" --no-children --sort comm --stdio -g none >"$OUT/perf-threads.txt" 2>/dev/null
    perf report -i "$OUT/perf.data" --children --sort symbol --stdio --percent-limit 2 -g none \
        >"$OUT/perf-children.txt" 2>/dev/null
    echo "perf output in $OUT"
fi
