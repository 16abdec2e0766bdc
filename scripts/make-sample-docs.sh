#!/usr/bin/env bash
# Regenerates every PDF in sample-docs/ from its source in sample-docs/src/.
#
#   *.fodt  -> LibreOffice Writer   (flat ODF text; dc:title becomes the PDF /Title)
#   *.fodp  -> LibreOffice Impress  (flat ODF presentation, one slide = one page)
#   *.html  -> LibreOffice Writer   (HTML import; <title> becomes /Title, none if absent)
#   *.ms    -> groff -ms, then either ghostscript's ps2pdf or groff's own gropdf
#              (see the GROFF table below)
#
# Needs: libreoffice-writer-nogui libreoffice-impress-nogui groff ghostscript
#        fonts-dejavu fonts-liberation2 fonts-urw-base35 (pulled in by ghostscript).
# groff and ghostscript honour SOURCE_DATE_EPOCH; LibreOffice's time stamp and
# /ID are pinned afterwards, so all PDFs are byte-for-byte reproducible (with the
# same tool versions: LibreOffice 7.4, groff 1.22.4, Ghostscript 10.00).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SRC=$ROOT/sample-docs/src
OUT=$ROOT/sample-docs
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1679356800}   # 2023-03-21T00:00:00Z
export TZ=UTC LC_ALL=C.UTF-8

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# ---------------------------------------------------------------- LibreOffice
# A private profile keeps this independent of any running LibreOffice.
# soffice exits 0 even when a conversion fails, so remove old PDFs first and
# check afterwards that each one was written; its stderr (javaldx noise) goes
# to a log that is shown only on failure.
LO=(soffice "-env:UserInstallation=file://$TMP/lo-profile" --headless)
for src in "$SRC"/*.fodt "$SRC"/*.fodp "$SRC"/*.html; do
    rm -f "$OUT/$(basename "${src%.*}").pdf"
done
echo "LibreOffice: Writer and Impress documents"
"${LO[@]}" --convert-to pdf --outdir "$OUT" "$SRC"/*.fodt "$SRC"/*.fodp >"$TMP/lo.log" 2>&1
echo "LibreOffice: HTML documents"
"${LO[@]}" --infilter="HTML (StarWriter)" --convert-to pdf:writer_pdf_Export \
    --outdir "$OUT" "$SRC"/*.html >>"$TMP/lo.log" 2>&1

# LibreOffice ignores SOURCE_DATE_EPOCH: pin its CreationDate, /ID and
# /DocChecksum (all in uncompressed objects) to fixed values of the same length,
# so the xref offsets stay valid and regenerating gives the same bytes.
LO_DATE=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y%m%d%H%M%S)
for src in "$SRC"/*.fodt "$SRC"/*.fodp "$SRC"/*.html; do
    pdf=$OUT/$(basename "${src%.*}").pdf
    [ -s "$pdf" ] || { cat "$TMP/lo.log" >&2; echo "not converted: $src" >&2; exit 1; }
    LO_DATE=$LO_DATE LO_ID=$(basename "$pdf" | md5sum | cut -c1-32 | tr a-f A-F) \
    perl -0777 -pi -e '
        s{/CreationDate\(D:\d{14}}{/CreationDate(D:$ENV{LO_DATE}};
        s{/ID \[ <[0-9A-F]{32}>\n<[0-9A-F]{32}> \]}{/ID [ <$ENV{LO_ID}>\n<$ENV{LO_ID}> ]};
        s{/DocChecksum /[0-9A-F]{32}}{/DocChecksum /$ENV{LO_ID}};
    ' "$pdf"
done

# ---------------------------------------------------------------------- groff
# groff's stock PostScript fonts know no Latvian letters (ā č ē ģ ī ķ ļ ņ ū).
# Build font descriptions from the URW base35 AFM files with an encoding that
# adds the 18 missing glyphs in the free slots 10-27 of groff's text.enc.
# grops then re-encodes the fonts and ghostscript embeds them as Type1C with a
# custom encoding (glyph-name /Differences), as old report producers did.
# shellcheck source=scripts/lib-lv-fonts.sh
. "$ROOT/scripts/lib-lv-fonts.sh"
make_lv_fonts "$TMP/font"

# name   pipeline   extra ghostscript options
#  ps-lv  groff -Tps with the Latvian font descriptions, then ps2pdf
#  ps     groff -Tps with the stock fonts, then ps2pdf
#  pdf    groff -Tpdf (gropdf; standard 14 fonts, not embedded)
GROFF="
Tresa_plana_vidusposma_izvertejums        ps-lv  -dWantsToUnicode=false
Latvia_Design_Report_2019-2021            ps-lv
Latvia_Fifth_National_Action_Plan_2022-2025_EN  ps
Latvia_End-of-Term_Report_2017-2019       pdf
OGP_Paris_Declaration_2016                pdf
"
echo "groff: $(echo "$GROFF" | grep -c .) documents"
echo "$GROFF" | while read -r name mode gsopts; do
    [ -n "$name" ] || continue
    in=$SRC/$name.ms out=$OUT/$name.pdf
    case $mode in
    ps-lv|ps)
        fonts=(); [ "$mode" = ps-lv ] && fonts=(-F "$TMP/font")
        groff -k -ms -mpdfmark -t "${fonts[@]}" -Tps -dpaper=a4 -P-pa4 "$in" >"$TMP/$name.ps"
        # shellcheck disable=SC2086
        ps2pdf -sPAPERSIZE=a4 $gsopts "$TMP/$name.ps" "$out"
        ;;
    pdf)
        groff -k -ms -t -Tpdf -dpaper=a4 -P-pa4 "$in" >"$out"
        ;;
    esac
done

# ---------------------------------------------------------------------- scans
# src/scans/*.html: documents that reach the archive as scans (a signed protocol). Laid out
# by LibreOffice, rasterised at 200 dpi in 16 grey levels with two pen-stroke signatures
# drawn in (ImageMagick), turned 0.4° as a sheet on a scanner glass, and wrapped as an
# image-only PDF by img2pdf: no text layer, so the archive reads them with OCR.
# Needs also: poppler-utils, imagemagick, img2pdf.
for src in "$SRC"/scans/*.html; do
    [ -e "$src" ] || continue
    name=$(basename "$src" .html)
    mkdir -p "$TMP/scan"
    "${LO[@]}" --infilter="HTML (StarWriter)" --convert-to pdf --outdir "$TMP/scan" "$src" \
        >"$TMP/lo-scan.log" 2>&1
    pdftoppm -r 200 -gray "$TMP/scan/$name.pdf" "$TMP/scan/$name"
    pages=()
    for png in "$TMP/scan/$name"-*.pgm; do
        convert "$png" -stroke black -strokewidth 3 -fill none \
            -draw "bezier 950,1215 1030,1165 1090,1240 1190,1190" \
            -draw "bezier 950,1282 1020,1240 1100,1300 1200,1255" \
            -background white -rotate 0.4 -gravity center -extent 1654x2339 \
            -depth 4 "${png%.pgm}.png"
        pages+=("${png%.pgm}.png")
    done
    img2pdf --pagesize A4 -o "$OUT/$name.pdf" "${pages[@]}"
done

echo "done: $(ls "$OUT"/*.pdf | wc -l) PDFs in $OUT"
