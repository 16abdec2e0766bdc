#!/usr/bin/env bash
# Builds tests/fixtures/bad/: files that look like PDFs (by name) but are not,
# or are damaged, encrypted or without a text layer.  See the README there.
#
# Needs the sample PDFs (scripts/make-sample-docs.sh), qpdf, ghostscript and
# poppler-utils.  All files are reproducible except the two encrypted ones.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DOCS=$ROOT/sample-docs
BAD=$ROOT/tests/fixtures/bad
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1679356800}
export LC_ALL=C

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$BAD"

GS=(gs -q -dNOPAUSE -dBATCH -dSAFER)

# empty.pdf -- zero bytes
: >"$BAD/empty.pdf"

# photo.pdf -- a real JPEG (a small generated "sunset" picture) with a .pdf name
cat >"$TMP/photo.ps" <<'PS'
<< /PageSize [320 200] >> setpagedevice
0 1 199 { /y exch def
  y 199 div 0.9 mul 0.1 add  y 199 div 0.5 mul 0.3 add  0.35 y 199 div 0.4 mul add setrgbcolor
  0 y 320 1 rectfill } for
1 0.85 0.3 setrgbcolor 210 70 38 0 360 arc fill
0.1 0.25 0.15 setrgbcolor 0 0 moveto 0 55 lineto 60 80 lineto 130 45 lineto 200 75 lineto
  260 40 lineto 320 60 lineto 320 0 lineto closepath fill
showpage
PS
"${GS[@]}" -sDEVICE=jpeg -dJPEGQ=80 -r72 -sOutputFile="$BAD/photo.pdf" "$TMP/photo.ps"

# page.pdf -- an HTML page saved under a .pdf name (a download link that
# returned the web page instead of the document)
cat >"$BAD/page.pdf" <<'HTML'
<!DOCTYPE html>
<html lang="lv">
<head>
<meta charset="utf-8">
<title>Atvērtā pārvaldība | Valsts kanceleja</title>
</head>
<body>
<header><a href="/lv">Valsts kanceleja</a></header>
<main>
<h1>Atvērtā pārvaldība</h1>
<p>Publicēts: 10.12.2020. Atjaunināts: 12.05.2023.</p>
<h2>Padomes sēdes</h2>
<h3>2023. gada 21. marta sēde</h3>
<ul>
<li><a href="/lv/media/sedes-protokols.pdf">Sēdes protokols</a></li>
<li><a href="/lv/media/vk-prezentacija.pdf">Valsts kancelejas prezentācija</a></li>
</ul>
</main>
</body>
</html>
HTML

# truncated.pdf -- the first 40 % of a real PDF (no xref, no trailer, cut stream)
src=$DOCS/2023-03-21_sedes_protokols.pdf
head -c $(( $(stat -c %s "$src") * 40 / 100 )) "$src" >"$BAD/truncated.pdf"

# broken-xref.pdf -- a real PDF whose xref offsets are garbled and whose
# startxref points into the middle of a content stream.  The objects are intact,
# so a reader that rebuilds the xref by scanning may still recover it.
sed -E -e '/^xref/,/^trailer/ s/^[0-9]{10} ([0-9]{5}) n/0000000777 \1 n/' \
       -e '/^startxref/{n;s/^[0-9]+/1234/}' \
    "$DOCS/OGP_Paris_Declaration_2016.pdf" >"$BAD/broken-xref.pdf"

# user-password.pdf -- AES-256, user password "slepens", owner password "owner".
# (qpdf draws a random AES key, so these two files differ on every run.)
qpdf --encrypt slepens owner 256 -- \
    "$DOCS/2023-03-21_sedes_protokols.pdf" "$BAD/user-password.pdf"

# owner-only.pdf -- AES-256 with an empty user password: opens without a
# password, text is extractable; only the owner password "owner" is set.
qpdf --encrypt "" owner 256 -- \
    "$DOCS/Padomes_sede_2022_10_05_protokols.pdf" "$BAD/owner-only.pdf"

# scan.pdf -- a protocol page as a greyscale JPEG at 100 dpi on an A4 page,
# no text layer at all (what a scanner produces without OCR)
"${GS[@]}" -sDEVICE=jpeggray -dJPEGQ=55 -r100 -g827x1169 -dPDFFitPage -dFirstPage=1 -dLastPage=1 \
    -sOutputFile="$TMP/scan.jpg" "$DOCS/Padomes_sede_2022_10_05_protokols.pdf"
jpg=$TMP/scan.jpg
cat >"$TMP/scan.ps" <<PS
<< /PageSize [595.28 841.89] >> setpagedevice
595.28 841.89 scale
/DeviceGray setcolorspace
<< /ImageType 1 /Width 827 /Height 1169 /BitsPerComponent 8 /Decode [0 1]
   /ImageMatrix [827 0 0 -1169 0 1169]
   /DataSource ($jpg) (r) file /DCTDecode filter >> image
showpage
PS
"${GS[@]}" --permit-file-read="$TMP/" -sDEVICE=pdfwrite -dPassThroughJPEGImages=true \
    -sOutputFile="$BAD/scan.pdf" "$TMP/scan.ps"

ls -l "$BAD"
