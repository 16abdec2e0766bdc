#!/usr/bin/env bash
# Writes a deterministic scale corpus for the benchmarks: N realistic Latvian/English PDFs
# (about 10 pages each on average) into OUTDIR, from SEED.
#
#   scripts/make-scale-corpus.sh N SEED OUTDIR
#
# Two stages (see scripts/scale_corpus.py):
#  1. A pool of long base documents (about 2,700 pages) written by the real producers the
#     sample documents come from: LibreOffice Writer and Impress from flat ODF (TrueType
#     subsets with ToUnicode), groff -ms -> ps2pdf with Latvian re-encoded URW fonts (Type1C,
#     glyph-name encodings), groff -> ps2pdf with the stock fonts, and gropdf (standard 14
#     fonts, not embedded). Text: a word chain trained on sample-docs/src, seeded. The pool
#     is cached in $SCALE_POOL (default target/scale-pool) and reused when already complete.
#  2. N documents cut from the pool with qpdf --pages (real page objects and fonts, distinct
#     page selections so every file has its own bytes), named like the real files, in
#     sub-folders per plan cycle. OUTDIR/.complete records the plan; a rerun with the same
#     N and SEED and a complete OUTDIR does nothing.
#
# Needs: python3, qpdf, libreoffice-writer-nogui libreoffice-impress-nogui, groff,
#        ghostscript, fonts-dejavu, fonts-liberation2, fonts-urw-base35.
set -euo pipefail

[ $# -eq 3 ] || { echo "usage: $0 N SEED OUTDIR" >&2; exit 2; }
N=$1 SEED=$2 OUT=$3
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PY=$ROOT/scripts/scale_corpus.py
VERSION=$(sed -n 's/^GENERATOR_VERSION = "\(.*\)"/\1/p' "$PY")
POOL=${SCALE_POOL:-$ROOT/target/scale-pool}/seed-$SEED-v$VERSION
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1679356800} TZ=UTC LC_ALL=C.UTF-8

for tool in python3 qpdf soffice groff ps2pdf afmtodit; do
    command -v "$tool" >/dev/null || { echo "$0: $tool is missing (scripts/install-system-deps.sh)" >&2; exit 1; }
done

# groff's stock PostScript fonts know no Latvian letters: font descriptions from the URW
# base35 AFM files with 18 Latvian glyphs added (the same as scripts/make-sample-docs.sh).
# shellcheck source=scripts/lib-lv-fonts.sh
. "$ROOT/scripts/lib-lv-fonts.sh"

if [ ! -f "$POOL/.complete" ]; then
    echo "scale corpus: writing the base pool in $POOL (once; a few minutes)"
    rm -rf "$POOL"
    mkdir -p "$POOL/pdf"
    TMP=$(mktemp -d)
    trap 'rm -rf "$TMP"' EXIT
    python3 "$PY" pool --seed "$SEED" --dir "$POOL"
    # soffice exits 0 even when a conversion fails: the page check below catches that.
    soffice "-env:UserInstallation=file://$TMP/lo-profile" --headless --convert-to pdf \
        --outdir "$POOL/pdf" "$POOL"/src/*.fodt "$POOL"/src/*.fodp >"$TMP/lo.log" 2>&1 \
        || { cat "$TMP/lo.log" >&2; exit 1; }
    make_lv_fonts "$TMP/font"
    for src in "$POOL"/src/*.ms; do
        name=$(basename "${src%.ms}") pdf=$POOL/pdf/$(basename "${src%.ms}").pdf
        case $name in
        *-groff-ps-lv-*)
            groff -k -ms -t -F "$TMP/font" -Tps -dpaper=a4 -P-pa4 "$src" >"$TMP/$name.ps"
            ps2pdf -sPAPERSIZE=a4 "$TMP/$name.ps" "$pdf" ;;
        *-groff-ps-*)
            groff -k -ms -t -Tps -dpaper=a4 -P-pa4 "$src" >"$TMP/$name.ps"
            ps2pdf -sPAPERSIZE=a4 "$TMP/$name.ps" "$pdf" ;;
        *-gropdf-*)
            groff -k -ms -t -Tpdf -dpaper=a4 -P-pa4 "$src" >"$pdf" ;;
        esac
    done
    # LibreOffice ignores SOURCE_DATE_EPOCH and Ghostscript's /ID depends on the temporary
    # path: pin CreationDate, /ID and /DocChecksum (same lengths, so the xref stays valid), as
    # make-sample-docs.sh does, for reproducible files.
    LO_DATE=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y%m%d%H%M%S)
    for pdf in "$POOL"/pdf/*.pdf; do
        LO_DATE=$LO_DATE LO_ID=$(basename "$pdf" | md5sum | cut -c1-32 | tr a-f A-F) \
        perl -0777 -pi -e '
            s{/CreationDate\(D:\d{14}}{/CreationDate(D:$ENV{LO_DATE}};
            s{/ID \[ <[0-9A-F]{32}>\n<[0-9A-F]{32}> \]}{/ID [ <$ENV{LO_ID}>\n<$ENV{LO_ID}> ]};
            s{/ID \[<[0-9A-F]{32}><[0-9A-F]{32}>\]}{/ID [<$ENV{LO_ID}><$ENV{LO_ID}>]};
            s{/DocChecksum /[0-9A-F]{32}}{/DocChecksum /$ENV{LO_ID}};
        ' "$pdf"
    done
    # Every source page must be exactly one PDF page, or the section starts are wrong.
    python3 - "$POOL" <<'PYEOF'
import json, subprocess, sys
pool = sys.argv[1]
bad = []
for b in json.load(open(f"{pool}/manifest.json"))["bases"]:
    r = subprocess.run(["qpdf", "--show-npages", f"{pool}/pdf/{b['name']}.pdf"], capture_output=True, text=True)
    got = int(r.stdout.strip() or 0)
    if got != b["pages"]:
        bad.append(f"{b['name']}: {got} pages, expected {b['pages']}")
if bad:
    sys.exit("scale corpus: base documents with the wrong page count:\n" + "\n".join(bad))
PYEOF
    touch "$POOL/.complete"
fi

python3 "$PY" docs --n "$N" --seed "$SEED" --pool "$POOL" --out "$OUT"
