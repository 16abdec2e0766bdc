#!/usr/bin/env bash
# Builds the real-world PDF corpus for scoring text extraction (issue 13): PDFs that nobody on
# the team wrote, from public sources, kept out of git (default: target/realworld/).
#
# Sources (pinned, so that a rebuild gives the same files):
#   debian/  the PDFs shipped in Debian bookworm documentation packages (DEB_PKGS below),
#            fetched with `apt-get download` and unpacked with `dpkg-deb -x`;
#   pypi/    the test/sample PDFs inside source distributions of PDF libraries on PyPI
#            (PYPI_SDISTS below), fetched with `pip download --no-binary :all:`;
#   mirror/  public sample-PDF repositories, read from a local mirror when one is present
#            (MIRRORS below: py-pdf/sample-files and mozilla/pdf.js test/pdfs). This script
#            does not download them; without a mirror it says so and goes on with the rest.
# A file is kept when it is at most 10 MB, pdftotext reads it (10 s at most) and its text
# has at least 50 words. The kept files are listed in OUT/MANIFEST.tsv (source, name, size,
# sha256); scripts/realworld-corpus.tsv is the list the numbers in BENCHMARKS.md came from.
#
# Licences: the files keep their authors' licences (Debian packages: see each package's
# copyright file; PyPI sdists: their LICENSE; the mirrors: their own terms). Nothing from the
# corpus is committed except the small files listed in tests/fixtures/realworld/README.md.
#
# Needs: apt-get, dpkg-deb, pip, poppler-utils (pdftotext), git (for the mirrors).
# Usage: scripts/make-realworld-corpus.sh [OUTDIR]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$ROOT/target/realworld}
MIRROR_ROOT=${MIRROR_ROOT:-/work/.mirror}
export LC_ALL=C.UTF-8

DEB_PKGS=(
    texlive-latex-base-doc        # pdfTeX / LuaTeX manuals: Type 1, T1 and OT1 encodings
    r-doc-pdf                     # R manuals: pdfTeX, Type 1 with built-in encodings
    python-reportlab-doc          # ReportLab's own manuals: standard 14 fonts, TrueType
    ruby-prawn-doc                # Prawn manual: TrueType subsets
    ghostscript-doc               # Ghostscript docs
    docbook-xsl-doc-pdf           # DocBook XSL reference: FOP / XSL-FO
    auto-multiple-choice-doc-pdf  # dblatex
    why3-doc-pdf                  # Sphinx + LaTeX
    gri-pdf-doc                   # dvips + Ghostscript
    siscone-doc-pdf               # Doxygen + pdfTeX
    camlidl-doc                   # HeVeA / dvips era
    freefem-doc                   # older TeX chain
)
PYPI_SDISTS=(
    pdfminer.six==20191110        # samples/: forms, CJK, Type 3, encrypted, tax forms
    pdftotext==2.2.2              # tests/: rotated pages, columns, tables
)
MIRRORS=(
    "py-pdf+sample-files:."       # repo in MIRROR_ROOT, folder inside it
    "mozilla+pdf.js:test/pdfs"
)
MAX_BYTES=$((10 << 20))
GROUP_CAP=${GROUP_CAP:-40}
PDFJS_CAP=${PDFJS_CAP:-100}

mkdir -p "$OUT"
DL=$OUT/.downloads
RAW=$OUT/.raw
mkdir -p "$DL/deb" "$DL/pypi" "$RAW"

echo "== Debian documentation packages" >&2
for p in "${DEB_PKGS[@]}"; do
    if ! ls "$DL/deb/${p}"_*.deb >/dev/null 2>&1; then
        (cd "$DL/deb" && apt-get download "$p" >/dev/null 2>&1) || echo "skipped: $p (apt-get download failed)" >&2
    fi
    for deb in "$DL/deb/${p}"_*.deb; do
        [ -f "$deb" ] || continue
        mkdir -p "$RAW/debian/$p"
        dpkg-deb -x "$deb" "$RAW/debian/$p"
    done
done

echo "== PyPI source distributions" >&2
for s in "${PYPI_SDISTS[@]}"; do
    name=${s%%==*}
    ver=${s##*==}
    f=$(ls "$DL/pypi/${name}-${ver}".tar.gz 2>/dev/null || true)
    if [ -z "$f" ]; then
        # The archive lands before pip tries to read its metadata; that step may fail for old
        # setup.py files and does not matter here.
        (cd "$DL/pypi" && timeout 300 pip download --no-deps --no-binary :all: -d . "$s" >/dev/null 2>&1) || true
        f=$(ls "$DL/pypi/${name}-${ver}".tar.gz 2>/dev/null || true)
    fi
    if [ -z "$f" ]; then
        echo "skipped: $s (pip download failed)" >&2
        continue
    fi
    mkdir -p "$RAW/pypi/$name-$ver"
    tar xzf "$f" -C "$RAW/pypi/$name-$ver" --wildcards '*.pdf' '*.PDF' 2>/dev/null || true
done

echo "== public sample repositories (local mirrors)" >&2
for m in "${MIRRORS[@]}"; do
    repo=${m%%:*}
    sub=${m#*:}
    git_dir=$MIRROR_ROOT/$repo/repo
    if [ ! -d "$git_dir" ]; then
        echo "skipped: $repo (no mirror at $git_dir)" >&2
        continue
    fi
    # One blob at a time: a mirror may lack its largest files.
    git --git-dir="$git_dir" ls-tree -r HEAD -- "$sub" | while IFS=$'\t' read -r meta path; do
        case "$path" in *.pdf | *.PDF) ;; *) continue ;; esac
        dest="$RAW/mirror/$repo/$path"
        mkdir -p "$(dirname "$dest")"
        git --git-dir="$git_dir" cat-file blob "${meta##* }" >"$dest" 2>/dev/null || rm -f "$dest"
    done
done

echo "== selecting files (<= 10 MB, pdftotext >= 50 words; at most GROUP_CAP per group)" >&2
# A group is one package, sdist or repository; big groups (the TeX Live manuals, pdf.js's
# test suite) are cut to a sample, taken in sha256 order so that it is fixed but unbiased.
CANDS=$OUT/.candidates.tsv
: >"$CANDS"
while IFS= read -r -d '' f; do
    size=$(stat -c %s "$f")
    [ "$size" -le "$MAX_BYTES" ] || continue
    words=$( (timeout 10 pdftotext -q "$f" - 2>/dev/null || true) | wc -w)
    [ "$words" -ge 50 ] || continue
    rel=${f#"$RAW"/}
    group=$(echo "$rel" | cut -d/ -f1-2)
    printf '%s\t%s\t%s\t%s\n' "$group" "$(sha256sum <"$f" | cut -c1-64)" "$size" "$rel" >>"$CANDS"
done < <(find "$RAW" -type f -iname '*.pdf' -print0 | sort -z)

MANIFEST=$OUT/MANIFEST.tsv
: >"$MANIFEST"
find "$OUT" -mindepth 1 -maxdepth 1 -type d ! -name '.*' -exec rm -rf {} +
sort -t$'\t' -k1,1 -k2,2 "$CANDS" | awk -F'\t' -v cap="$GROUP_CAP" -v big="$PDFJS_CAP" '
    { n[$1]++; c = ($1 ~ /pdf\.js/) ? big : cap; if (n[$1] <= c) print }' |
    while IFS=$'\t' read -r group sha size rel; do
        src=${rel%%/*}
        flat=$(echo "${rel#*/}" | tr '/ ' '__')
        mkdir -p "$OUT/$src"
        cp "$RAW/$rel" "$OUT/$src/$flat"
        printf '%s\t%s\t%s\t%s\n' "$src" "$flat" "$size" "$sha" >>"$MANIFEST"
    done
sort -o "$MANIFEST" "$MANIFEST"
rm -rf "$RAW" "$CANDS"
echo "kept $(wc -l <"$MANIFEST") files in $OUT (list: $MANIFEST)" >&2
cut -f1 "$MANIFEST" | sort | uniq -c >&2
