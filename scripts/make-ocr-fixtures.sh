#!/usr/bin/env bash
# Builds tests/fixtures/ocr/: image-only PDFs ("scans", no text layer) of Latvian meeting
# protocols with known ground truth, for OCR, plus one PDF whose text layer cannot be
# decoded (a Type 3 font with meaningless glyph names and no ToUnicode).  For each
# <name>.pdf, <name>.txt holds the text that was put in, page by page, each page followed
# by a form feed (like `pdftotext FILE -`).  Compare whitespace-normalised.
#
# How: the protocols are written as flat ODF, LibreOffice makes text PDFs of them (checked
# against the ground truth with pdftotext), pdftoppm rasterises them (greyscale or bilevel,
# 150-300 dpi), ImageMagick rotates / skews / adds speckles / recompresses, and img2pdf
# embeds the images without re-encoding (PNG -> Flate, JPEG -> DCT, G4 TIFF -> CCITT).
# The Type 3 fixture is written directly by Python (glyph outlines from Liberation Serif via
# fontTools).  Producers that are not installed are skipped with a note.
#
# Needs: python3, libreoffice (Writer), fonts-liberation2, poppler-utils, imagemagick,
# img2pdf; for font-no-unicode python3 fontTools (`pip install fonttools` or the Debian
# package python3-fonttools for the system python).
# Usage: scripts/make-ocr-fixtures.sh [OUTDIR]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$ROOT/tests/fixtures/ocr}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1711000000}
export LC_ALL=C.UTF-8
export TZ=UTC

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT" "$TMP/src"
SRC=$TMP/src
have() { command -v "$1" >/dev/null 2>&1; }
skip() { echo "skipped: $1" >&2; }

# ---- sources and ground truth ------------------------------------------------------------
cat >"$TMP/gen.py" <<'PY'
# Writes the protocols as flat ODF (<name>.fodt), their ground truth (<name>.truth) and, for
# the Type 3 fixture, the paragraphs as JSON (<name>.json), into the folder argv[1].
import sys, os, html, json
out = sys.argv[1]
E = html.escape

HEAD = ["VALSTS KANCELEJA",
        "Atvērtās pārvaldības partnerības Latvijas nacionālā foruma",
        "SĒDES PROTOKOLS"]

def page1(nr, date, report):
    """The first page of a protocol: (style, text) pairs.  `report` is the fixture's own
    sentence, so that each fixture has a phrase of its own."""
    return [
        ("T", HEAD[0]), ("T", HEAD[1]), ("T", HEAD[2]),
        ("C", f"Rīgā, {date}. Nr. {nr}"),
        ("P", "Sēde sākas plkst. 10.00."),
        ("P", "Sēdi vada: Ģirts Ķēniņš, Valsts kancelejas Attīstības plānošanas nodaļas vadītājs."),
        ("P", "Protokolē: Žanete Čūriņa, Valsts kancelejas referente."),
        ("P", "Piedalās: Ļubova Ņikitina (Vides aizsardzības un reģionālās attīstības ministrija), "
              "Ēriks Šmits (Finanšu ministrija), Ilze Ūdre (biedrība „Sabiedrība par atklātību – Delna”), "
              "Mārtiņš Īvāns (Latvijas Pašvaldību savienība), Agnese Ģēģere (Latvijas Pilsoniskā alianse)."),
        ("P", "Darba kārtība:"),
        ("P", "1. Piektā nacionālā rīcības plāna izpildes gaita."),
        ("P", "2. Sabiedrības līdzdalības mehānismu novērtējums."),
        ("P", "3. Dažādi jautājumi."),
        ("H", "1. Piektā nacionālā rīcības plāna izpildes gaita"),
        ("P", "Ģ. Ķēniņš informē, ka no divpadsmit apņemšanām septiņas ir izpildītas pilnībā, trīs daļēji, "
              "bet divu izpilde kavējas finansējuma trūkuma dēļ. Ziņojums par plāna vidusposma novērtējumu "
              "ir publicēts Valsts kancelejas tīmekļvietnē."),
        ("P", "Ē. Šmits norāda, ka budžeta pieprasījumos nākamajam gadam jāparedz līdzekļi atvērto datu "
              "portāla uzturēšanai un datu kvalitātes uzlabošanai."),
        ("P", report),
        ("P", "I. Ūdre uzsver, ka nevalstiskās organizācijas sagaida skaidrāku atgriezenisko saiti par "
              "iesniegtajiem priekšlikumiem. The Independent Reporting Mechanism noted that the commitments "
              "on beneficial ownership and lobbying transparency are potentially transformative."),
        ("P", "NOLĒMA: pieņemt informāciju zināšanai; līdz 2024. gada 30. aprīlim sagatavot ziņojumu "
              "Ministru kabinetam par plāna izpildi."),
    ]

PAGE2 = [
    ("H", "2. Sabiedrības līdzdalības mehānismu novērtējums"),
    ("P", "Ļ. Ņikitina iepazīstina ar pilotprojektu, kurā Žīguru pagasta līdzdalības budžets ļāva "
          "iedzīvotājiem pašiem izvēlēties, kā izlietot 25 000 eiro. Tika iesniegti 14 projektu "
          "pieteikumi, un balsojumā piedalījās 312 iedzīvotāji."),
    ("P", "M. Īvāns ierosina pilotprojekta pieredzi apkopot vadlīnijās, lai citas pašvaldības to varētu "
          "izmantot jau nākamajā budžeta ciklā."),
    ("P", "NOLĒMA: lūgt Vides aizsardzības un reģionālās attīstības ministrijai līdz 2024. gada "
          "15. maijam sagatavot vadlīniju projektu."),
    ("H", "3. Dažādi jautājumi"),
    ("P", "A. Ģēģere informē par starptautisko konferenci „Open Government Partnership Global Summit”, "
          "kas notiks Tallinā. Delegācijas sastāvs tiks saskaņots elektroniski."),
    ("P", "Nākamā sēde notiks 2024. gada 18. aprīlī plkst. 10.00 Brīvības bulvārī 36, Rīgā."),
    ("P", "Sēde slēgta plkst. 11.45."),
    ("S", "Sēdes vadītājs Ģ. Ķēniņš"),
    ("S", "Protokolētāja Ž. Čūriņa"),
]

# name -> pages; each fixture has its own number, date and report sentence.
DOCS = {
    "scan-300dpi-flate": [page1(7, "2024. gada 21. martā",
        "A. Ģēģere ziņo par sabiedriskās apspriešanas rezultātiem: saņemti 46 priekšlikumi, no tiem 19 ņemti vērā."),
        PAGE2],
    "scan-150dpi": [page1(8, "2024. gada 18. aprīlī",
        "Ņ. Ločmele ziņo, ka Ķekavas novada ūdenssaimniecības iepirkumu dati jau ir pieejami atvērto datu portālā.")],
    "scan-rotated-90": [page1(9, "2024. gada 16. maijā",
        "Dž. Ozoliņš ziņo par Cēsu pilsētas jauniešu domes darba pārskatu un tā apspriešanu.")],
    "scan-skewed-noisy": [page1(10, "2024. gada 13. jūnijā",
        "Š. Vītoliņa ziņo par Ludzas novada bibliotēku digitalizācijas gaitu un lasītāju aptauju.")],
    "scan-gray-jpeg": [page1(11, "2024. gada 19. septembrī",
        "K. Bērziņš ziņo par Ventspils ostas pārvaldes finanšu pārskatu publicēšanu.")],
    "scan-ccitt": [page1(12, "2024. gada 17. oktobrī",
        "Ā. Grīnberga ziņo par Jēkabpils slimnīcas gaidīšanas rindu datu atklātību.")],
    "font-no-unicode": [page1(13, "2024. gada 21. novembrī",
        "Ū. Kļaviņa ziņo par Valmieras teātra apmeklētāju skaitu un biļešu cenām.")],
}

STYLES = '''<style:style style:name="T" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.1cm"/><style:text-properties fo:font-weight="bold" fo:font-size="13pt"/></style:style>
<style:style style:name="C" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-top="0.3cm" fo:margin-bottom="0.5cm"/></style:style>
<style:style style:name="P" style:family="paragraph"><style:paragraph-properties fo:text-align="justify"/></style:style>
<style:style style:name="H" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.3cm"/><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="HB" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="S" style:family="paragraph"><style:paragraph-properties fo:margin-top="1.2cm"/></style:style>'''

def fodt(body):
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'" style:font-family-generic="roman"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.18cm"/><style:text-properties style:font-name="Liberation Serif" fo:font-size="12pt" fo:language="lv" fo:country="LV" fo:hyphenate="false"/></style:default-style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="1.5cm" fo:margin-left="3cm" fo:margin-right="1.5cm"/></style:page-layout>
{STYLES}
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>
<office:body><office:text>
{body}
</office:text></office:body></office:document>
'''

for name, pages in DOCS.items():
    body = ''
    for i, pg in enumerate(pages):
        for j, (st, t) in enumerate(pg):
            if i > 0 and j == 0:
                st = 'HB'
            body += f'<text:p text:style-name="{st}">{E(t)}</text:p>\n'
    with open(os.path.join(out, name + '.fodt'), 'w', encoding='utf-8') as f:
        f.write(fodt(body))
    with open(os.path.join(out, name + '.truth'), 'w', encoding='utf-8') as f:
        f.write(''.join('\n'.join(t for _, t in pg) + '\n\f' for pg in pages))
    with open(os.path.join(out, name + '.json'), 'w', encoding='utf-8') as f:
        json.dump(pages, f, ensure_ascii=False)
PY
python3 "$TMP/gen.py" "$SRC"

# Similarity of a PDF's text layer to a truth file (1 - Levenshtein / longer length, per page,
# whitespace-normalised): prints the lowest page's value.
cat >"$TMP/sim.py" <<PY
import importlib.util, sys
# The similarity of scripts/measure-ocr.py (whitespace-normalised Levenshtein).
spec = importlib.util.spec_from_file_location('measure_ocr', '$ROOT/scripts/measure-ocr.py')
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
got = sys.stdin.read().split('\f')
want = open(sys.argv[1], encoding='utf-8').read().split('\f')
sims = [m.similarity(g, w) for g, w in zip(got, want[:-1])]
print(min(sims) if sims and len(got) == len(want) else 0.0)
PY

# ---- text PDFs from LibreOffice (the "paper" that gets scanned) ----------------------------
LO=(soffice "-env:UserInstallation=file://$TMP/lo-profile" --headless --norestore)
if have soffice; then
  (cd "$SRC" && "${LO[@]}" --convert-to pdf --outdir "$SRC/paper" ./scan-*.fodt >/dev/null 2>&1)
  if have pdftotext; then
    for f in "$SRC"/paper/*.pdf; do
      n=$(basename "$f" .pdf)
      s=$(pdftotext "$f" - | python3 "$TMP/sim.py" "$SRC/$n.truth")
      python3 -c "import sys; sys.exit(0 if float('$s') > 0.99 else 1)" ||
        { echo "error: $n: the text PDF does not match its ground truth (similarity $s)" >&2; exit 1; }
    done
  fi
else
  skip "LibreOffice (all scan-* fixtures)"
fi

# ---- scans ---------------------------------------------------------------------------------
# pdftoppm renders the paper; ImageMagick edits; img2pdf wraps without re-encoding.
paper() { [ -f "$SRC/paper/$1.pdf" ]; }
if have pdftoppm && have convert && have img2pdf; then
  I2P=(img2pdf --engine internal --creationdate "@$SOURCE_DATE_EPOCH" --moddate "@$SOURCE_DATE_EPOCH" --producer make-ocr-fixtures.sh)
  # PNG metadata written by ImageMagick (dates) would not reach the PDF, but keep them out.
  PNG=(-define png:exclude-chunks=date,time +set date:create +set date:modify)
  GRAY4=(-colorspace Gray -depth 4 -define png:bit-depth=4 -define png:color-type=0)

  # 1. Two pages, 300 dpi, 16 grey levels (4-bit), Flate; a pen signature on page 2.
  if paper scan-300dpi-flate; then
    pdftoppm -r 300 -gray "$SRC/paper/scan-300dpi-flate.pdf" "$TMP/p300"
    convert "$TMP/p300-1.pgm" "${GRAY4[@]}" -density 300 -units PixelsPerInch "${PNG[@]}" "$TMP/p300-1.png"
    # Signatures: pen strokes right of the two signature lines (found in the text layer).
    sig=$(pdftotext -f 2 -l 2 -bbox "$SRC/paper/scan-300dpi-flate.pdf" - | python3 -c '
import sys, re
for m in re.finditer(r"yMax=\"([\d.]+)\">(vadītājs|Protokolētāja)<", sys.stdin.read()):
    print("%d,%d" % (330 * 300 / 72, float(m.group(1)) * 300 / 72))')
    draw=()
    for xy in $sig; do
      x=${xy%,*}; y=${xy#*,}
      draw+=(-draw "bezier $x,$((y + 40)) $((x + 40)),$((y - 60)) $((x + 70)),$((y + 90)) $((x + 120)),$((y + 10))"
             -draw "bezier $((x + 120)),$((y + 10)) $((x + 170)),$((y - 70)) $((x + 200)),$((y + 80)) $((x + 330)),$((y + 20))")
    done
    convert "$TMP/p300-2.pgm" -fill none -stroke 'gray(40)' -strokewidth 5 "${draw[@]}" \
      "${GRAY4[@]}" -density 300 -units PixelsPerInch "${PNG[@]}" "$TMP/p300-2.png"
    "${I2P[@]}" -o "$SRC/scan-300dpi-flate.pdf" "$TMP/p300-1.png" "$TMP/p300-2.png"
  fi

  # 2. One page, 150 dpi, 8-bit grey, Flate.
  if paper scan-150dpi; then
    pdftoppm -r 150 -gray -singlefile "$SRC/paper/scan-150dpi.pdf" "$TMP/p150"
    convert "$TMP/p150.pgm" -density 150 -units PixelsPerInch "${PNG[@]}" "$TMP/p150.png"
    "${I2P[@]}" -o "$SRC/scan-150dpi.pdf" "$TMP/p150.png"
  fi

  # 3. One page scanned sideways: the image (and so the page) is landscape, the text runs
  #    top to bottom (turned 90 degrees clockwise).  200 dpi, 4-bit grey, Flate.
  if paper scan-rotated-90; then
    pdftoppm -r 200 -gray -singlefile "$SRC/paper/scan-rotated-90.pdf" "$TMP/prot"
    convert "$TMP/prot.pgm" -rotate 90 "${GRAY4[@]}" -density 200 -units PixelsPerInch "${PNG[@]}" "$TMP/prot.png"
    "${I2P[@]}" -o "$SRC/scan-rotated-90.pdf" "$TMP/prot.png"
  fi

  # 4. One page at 300 dpi, skewed 2 degrees (counter-clockwise), with speckles (a fixed
  #    noise seed), thresholded to bilevel, Flate (1 bit per pixel).
  if paper scan-skewed-noisy; then
    pdftoppm -r 300 -gray -singlefile "$SRC/paper/scan-skewed-noisy.pdf" "$TMP/pskew"
    size=$(identify -format '%wx%h' "$TMP/pskew.pgm")
    # Speckles: sparse impulse noise on a 100 dpi layer, scaled up to 3x3-pixel dots.
    convert -size "$(identify -format '%[fx:ceil(w/3)]x%[fx:ceil(h/3)]' "$TMP/pskew.pgm")" xc:white \
      -seed 42 -attenuate 0.04 +noise Impulse -threshold 50% -scale 300% -crop "$size+0+0" +repage "$TMP/speck.pgm"
    convert "$TMP/pskew.pgm" -background white -rotate -2 -gravity center -extent "$size" +repage \
      "$TMP/speck.pgm" -compose Multiply -composite -threshold 60% -type bilevel \
      -density 300 -units PixelsPerInch "${PNG[@]}" "$TMP/pskew.png"
    "${I2P[@]}" -o "$SRC/scan-skewed-noisy.pdf" "$TMP/pskew.png"
  fi

  # 5. One page, 200 dpi, 8-bit grey JPEG (quality 75), DCTDecode.
  if paper scan-gray-jpeg; then
    pdftoppm -r 200 -gray -singlefile "$SRC/paper/scan-gray-jpeg.pdf" "$TMP/pjpg"
    convert "$TMP/pjpg.pgm" -quality 75 -sampling-factor 1x1 -density 200 -units PixelsPerInch \
      -strip "$TMP/pjpg.jpg"
    "${I2P[@]}" -o "$SRC/scan-gray-jpeg.pdf" "$TMP/pjpg.jpg"
  fi

  # 6. One page, 300 dpi, bilevel, CCITT Group 4 (from a G4 TIFF).
  if paper scan-ccitt; then
    pdftoppm -r 300 -mono -singlefile "$SRC/paper/scan-ccitt.pdf" "$TMP/pg4"
    convert "$TMP/pg4.pbm" -compress Group4 -density 300 -units PixelsPerInch \
      -define tiff:rows-per-strip=100000 "$TMP/pg4.tif"
    "${I2P[@]}" -o "$SRC/scan-ccitt.pdf" "$TMP/pg4.tif"
    # 6b. The same G4 data with the other polarity convention: /BlackIs1 true and
    #     /Decode [1 0] (renders the same; without the /Decode it would be a negative).
    python3 - "$SRC/scan-ccitt.pdf" "$SRC/scan-ccitt-blackis1.pdf" <<'PY2'
import re, sys
d = open(sys.argv[1], 'rb').read()
assert d.count(b'/BlackIs1 false') == 1
d = d.replace(b'/BlackIs1 false', b'/BlackIs1 true').replace(b'/ColorSpace /DeviceGray', b'/ColorSpace /DeviceGray\n    /Decode [ 1 0 ]')
# Rebuild the cross-reference table (img2pdf's internal engine writes one classic table).
offs = {int(m.group(1)): m.start() for m in re.finditer(rb'(?m)^(\d+) 0 obj', d)}
x = d.rindex(b'\nxref\n') + 1
body = d[:x]
n = max(offs) + 1
xref = b'xref\n0 %d\n0000000000 65535 f \n' % n + b''.join(b'%010d 00000 n \n' % offs[i] for i in range(1, n))
trailer = d[d.index(b'trailer', x):d.rindex(b'startxref')]
open(sys.argv[2], 'wb').write(body + xref + trailer + b'startxref\n%d\n%%%%EOF\n' % len(body))
PY2
    cp "$SRC/scan-ccitt.truth" "$SRC/scan-ccitt-blackis1.truth"
  fi
else
  skip "pdftoppm/convert/img2pdf (all scan-* fixtures)"
fi

# ---- a text layer that cannot be decoded: Type 3 glyphs named /g1.. without ToUnicode --------
FONTDIR=/usr/share/fonts/truetype/liberation2
[ -f "$FONTDIR/LiberationSerif-Regular.ttf" ] || FONTDIR=/usr/share/fonts/truetype/liberation
if python3 -c 'import fontTools' 2>/dev/null && [ -f "$FONTDIR/LiberationSerif-Regular.ttf" ]; then
  python3 - "$SRC/font-no-unicode.json" "$FONTDIR" "$SRC/font-no-unicode.pdf" <<'PY'
# Lays the page out itself (A4, Liberation Serif 12 pt, like the LibreOffice pages) and
# draws every glyph from a Type 3 font whose glyph procedures are the real outlines, so the
# page looks like ordinary text.  Codes are given in order of first use, glyphs are named
# /g1, /g2, ... and there is no ToUnicode: nothing maps the codes to characters.
import sys, json, zlib
from fontTools.ttLib import TTFont
from fontTools.pens.basePen import BasePen

pages, fontdir, outpath = json.load(open(sys.argv[1], encoding='utf-8')), sys.argv[2], sys.argv[3]

class PdfPen(BasePen):
    def __init__(self, gs, k):
        super().__init__(gs)
        self.k, self.ops = k, []
    def _p(self, *pts):
        return ' '.join('%g %g' % (round(x * self.k, 1), round(y * self.k, 1)) for x, y in pts)
    def _moveTo(self, p): self.ops.append(self._p(p) + ' m')
    def _lineTo(self, p): self.ops.append(self._p(p) + ' l')
    def _curveToOne(self, a, b, c): self.ops.append(self._p(a, b, c) + ' c')
    def _closePath(self): self.ops.append('h')

class T3:
    def __init__(self, path):
        self.tt = TTFont(path)
        self.cmap = self.tt.getBestCmap()
        self.gs = self.tt.getGlyphSet()
        self.k = 1000 / self.tt['head'].unitsPerEm
        self.codes = {}  # char -> code
    def width(self, ch):
        return self.tt['hmtx'][self.cmap[ord(ch)]][0] * self.k
    def code(self, ch):
        if ch not in self.codes:
            self.codes[ch] = len(self.codes) + 1
        return self.codes[ch]
    def proc(self, ch):
        g = self.cmap[ord(ch)]
        pen = PdfPen(self.gs, self.k)
        self.gs[g].draw(pen)
        from fontTools.pens.boundsPen import BoundsPen
        bp = BoundsPen(self.gs)
        self.gs[g].draw(bp)
        b = bp.bounds or (0, 0, 0, 0)
        head = '%d 0 %d %d %d %d d1' % (round(self.width(ch)), *(round(v * self.k) for v in b))
        return (head + '\n' + '\n'.join(pen.ops) + ('\nf' if pen.ops else '')).encode()

reg = T3(fontdir + '/LiberationSerif-Regular.ttf')
bold = T3(fontdir + '/LiberationSerif-Bold.ttf')
W, H = 595.28, 841.89
LEFT, RIGHT, TOP = 85.04, 595.28 - 42.52, 841.89 - 56.69
SIZE = {'T': 13, 'C': 12, 'P': 12, 'H': 12, 'S': 12}
content = []
y = TOP
for st, text in pages[0]:
    f = bold if st in 'TH' else reg
    fs = SIZE[st]
    if st == 'H':
        y -= 8
    if st == 'S':
        y -= 34
    if st == 'C':
        y -= 8
    words, line, lines = text.split(' '), '', []
    for w in words:
        cand = (line + ' ' + w) if line else w
        if sum(f.width(c) for c in cand) * fs / 1000 > RIGHT - LEFT and line:
            lines.append(line)
            line = w
        else:
            line = cand
    lines.append(line)
    for ln in lines:
        y -= fs * 1.15
        wid = sum(f.width(c) for c in ln) * fs / 1000
        x = LEFT + ((RIGHT - LEFT) - wid) / 2 if st in 'TC' else LEFT
        hexs = ''.join('%02X' % f.code(c) for c in ln)
        content.append('BT /%s %d Tf %.2f %.2f Td <%s> Tj ET' % ('F2' if f is bold else 'F1', fs, x, y, hexs))
    y -= 5.1 if st != 'C' else 14
assert y > 40, 'page overflow'

objs = []
def add(o):
    objs.append(o)
    return len(objs)
def stream(d, data):
    z = zlib.compress(data, 9)
    return b'<< ' + d + b' /Filter /FlateDecode /Length %d >>\nstream\n' % len(z) + z + b'\nendstream'
def font(f):
    by_code = sorted((c, ch) for ch, c in f.codes.items())
    procs = {c: add(stream(b'', f.proc(ch))) for c, ch in by_code}
    diffs = b'1 ' + b' '.join(b'/g%d' % c for c, _ in by_code)
    widths = b' '.join(b'%d' % round(f.width(ch)) for _, ch in by_code)
    cp = b' '.join(b'/g%d %d 0 R' % (c, procs[c]) for c, _ in by_code)
    return add(b'<< /Type /Font /Subtype /Type3 /FontBBox [-600 -300 2100 1000] '
               b'/FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << ' + cp + b' >> '
               b'/Encoding << /Type /Encoding /Differences [' + diffs + b'] >> '
               b'/FirstChar 1 /LastChar %d /Widths [' % len(by_code) + widths + b'] /Resources << >> >>')
f1, f2 = font(reg), font(bold)
cs = add(stream(b'', '\n'.join(content).encode()))
page = add(b'<< /Type /Page /Parent 0 0 R /MediaBox [0 0 595.28 841.89] '
           b'/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> /Contents %d 0 R >>' % (f1, f2, cs))
pages_o = add(b'<< /Type /Pages /Kids [%d 0 R] /Count 1 >>' % page)
objs[page - 1] = objs[page - 1].replace(b'/Parent 0 0 R', b'/Parent %d 0 R' % pages_o)
cat = add(b'<< /Type /Catalog /Pages %d 0 R >>' % pages_o)
buf = bytearray(b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')
offs = []
for i, o in enumerate(objs):
    offs.append(len(buf))
    buf += b'%d 0 obj\n' % (i + 1) + o + b'\nendobj\n'
x = len(buf)
buf += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1) + b''.join(b'%010d 00000 n \n' % o for o in offs)
buf += b'trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, cat, x)
open(outpath, 'wb').write(bytes(buf))
PY
else
  skip "python3 fontTools or Liberation fonts (font-no-unicode)"
fi

# ---- install -------------------------------------------------------------------------------
n=0
for pdf in "$SRC"/*.pdf; do
  name=$(basename "$pdf" .pdf)
  [ -f "$SRC/$name.truth" ] || continue
  cp "$pdf" "$OUT/$name.pdf"
  cp "$SRC/$name.truth" "$OUT/$name.txt"
  n=$((n + 1))
done
cat >"$OUT/README.md" <<'MD'
# OCR fixtures

Made by `scripts/make-ocr-fixtures.sh`: Latvian meeting protocols (every diacritic
ā č ē ģ ī ķ ļ ņ š ū ž, upper and lower case, „quotes” and a dash, an English sentence),
A4, Liberation Serif 12 pt (headings 13 pt bold), laid out by LibreOffice Writer, then
"scanned": rasterised by `pdftoppm`, edited by ImageMagick and wrapped by `img2pdf`
(no re-encoding). The scans have no text layer; the extractor reports `no-text-layer`.
Each `<name>.pdf` has `<name>.txt`: the text that was put in, each page followed by a form
feed. Compare whitespace-normalised (line breaks are the layout's).

| file | pages | how made | what it tests | dpi | image filter |
|---|---|---|---|---|---|
| `scan-300dpi-flate` | 2 | 300 dpi grey, 16 levels (4 bit), pen-stroke signatures drawn on page 2 | the basic case; page 2 has the phrase „Žīguru pagasta līdzdalības budžets” (search `ziguru pagasta`) | 300 | FlateDecode, PNG predictor 15, 4 bpc |
| `scan-150dpi` | 1 | 150 dpi grey, 8 bit | low resolution | 150 | FlateDecode, predictor 15, 8 bpc |
| `scan-rotated-90` | 1 | 200 dpi grey 4 bit, the image turned 90° clockwise: a landscape page, text running top to bottom | orientation detection (Tesseract OSD says `Rotate: 270`) | 200 | FlateDecode, predictor 15, 4 bpc |
| `scan-skewed-noisy` | 1 | 300 dpi, turned 2° counter-clockwise, 3×3-pixel speckles (fixed seed 42), thresholded | skew and noise, bilevel | 300 | FlateDecode, predictor 15, 1 bpc |
| `scan-gray-jpeg` | 1 | 200 dpi grey JPEG, quality 75 | JPEG passed straight to OCR | 200 | DCTDecode, 8 bpc |
| `scan-ccitt` | 1 | 300 dpi bilevel (`pdftoppm -mono`), G4 TIFF | CCITT G4 (`/K -1`, `/BlackIs1 false`) | 300 | CCITTFaxDecode, 1 bpc |
| `scan-ccitt-blackis1` | 1 | the same G4 data with `/BlackIs1 true` and `/Decode [1 0]` | the other polarity convention: renders the same; a raw G4 wrapped in TIFF needs PhotometricInterpretation 0 (min-is-white) in both, and 1 when only one of the two is set | 300 | CCITTFaxDecode, 1 bpc |
| `font-no-unicode` | 1 | written by the script: a text layer in two Type 3 fonts whose glyphs are Liberation Serif outlines, named `/g1`, `/g2`… in order of use, no ToUnicode | a page that looks like text but whose text cannot be decoded: extractor status `unreadable-text`; `pdftotext` gives control characters | vector | – |

Every page has its own protocol number, date and one sentence of its own (a report on
Ķekava, Cēsis, Ludza, Ventspils, Jēkabpils or Valmiera), so a search can tell them apart.
Rebuild: `scripts/make-ocr-fixtures.sh` (output is byte-for-byte reproducible with the same
tool versions: Debian 12 LibreOffice 7.4, poppler 22.12, ImageMagick 6.9.11, img2pdf 0.4.4).
Measurements of Tesseract settings on these files: `scripts/measure-ocr.py`.
MD
echo "wrote $n fixtures to $OUT ($(du -sh "$OUT" | cut -f1))"
