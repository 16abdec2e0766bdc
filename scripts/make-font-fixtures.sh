#!/usr/bin/env bash
# Adds to tests/fixtures/extract/ the fixtures for text that producers outside the first set
# write (issue 13), each <name>.pdf with its ground truth <name>.txt (pages ended by a form
# feed, as scripts/make-extract-fixtures.sh does):
#
#   wkhtmltopdf-qt       wkhtmltopdf (Qt 5 / QtWebKit): spaces drawn as their own runs
#   gs-type3-names       a PostScript Type 3 font distilled by Ghostscript: glyph names in
#                        /Differences (AGL names, uniXXXX, uXXXX), no ToUnicode
#   form-filled          an AcroForm filled by a script: field values (/V) with appearance
#                        streams, a comb field (one character per cell), and a FreeText
#                        annotation (after the page text, each line marked "» ")
#   rotated-mirrored     page 1 /Rotate 90 (qpdf), page 2 drawn with a mirrored and a rotated
#                        text matrix (hand-written content stream)
#   nonembedded-winansi  TrueType fonts that are not embedded (TimesNewRomanPSMT, Arial),
#                        WinAnsiEncoding, beside Symbol and ZapfDingbats text
#
# Needs: python3, wkhtmltopdf, ghostscript, qpdf, LibreOffice (for the page that qpdf
# rotates). Producers that are not installed are skipped with a note.
# Usage: scripts/make-font-fixtures.sh [OUTDIR]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$ROOT/tests/fixtures/extract}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1706000000}
export LC_ALL=C.UTF-8
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
have() { command -v "$1" >/dev/null 2>&1; }
skip() { echo "skipped: $1" >&2; }

LV_A="Atvērtās pārvaldības partnerības sēdes protokols"
LV_B="Sēdi vada Ģirts Ķēniņš. Piedalās Šarlote Žūriņa, Čaklais Ļaudis, Ņina Ūdre un Ēriks Īvāns."
LV_C="Darba kārtība: valsts pārvaldes atklātība, sabiedrības līdzdalība un lēmumu pieņemšana."
EN_A="The national action plan focuses on fiscal transparency and public participation."

# ---- wkhtmltopdf (Qt) ------------------------------------------------------------------------
if have wkhtmltopdf; then
  cat >"$TMP/qt.html" <<EOF
<!doctype html><html lang="lv"><meta charset="utf-8">
<style>body{font-family:"DejaVu Sans";font-size:13pt} p{margin:0 0 8pt 0}</style>
<body><h2>$LV_A</h2><p>$LV_B</p><p>$LV_C</p><p>$EN_A</p></body></html>
EOF
  wkhtmltopdf -q --disable-smart-shrinking "$TMP/qt.html" "$OUT/wkhtmltopdf-qt.pdf" >/dev/null 2>&1 || true
  printf '%s\n%s\n%s\n%s\f' "$LV_A" "$LV_B" "$LV_C" "$EN_A" >"$OUT/wkhtmltopdf-qt.txt"
else
  skip "wkhtmltopdf (wkhtmltopdf-qt)"
fi

# ---- hand-written PDFs (forms, mirrored text, non-embedded fonts) and a Type 3 PostScript ---
python3 - "$TMP" <<'PY'
import sys, os, zlib
tmp = sys.argv[1]

def pdf(objs, path):
    """objs: list of bytes (object bodies, numbered from 1; 1 is the catalog)."""
    buf = bytearray(b'%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')
    offs = []
    for i, o in enumerate(objs):
        offs.append(len(buf))
        buf += b'%d 0 obj\n' % (i + 1) + o + b'\nendobj\n'
    x = len(buf)
    buf += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
    for o in offs:
        buf += b'%010d 00000 n \n' % o
    buf += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, x)
    open(path, 'wb').write(bytes(buf))

def stream(data, extra=b''):
    return b'<< /Length %d %s >>\nstream\n' % (len(data), extra) + data + b'\nendstream'

def lit(s):
    b = s.encode('cp1252')
    return b'(' + b.replace(b'\\', b'\\\\').replace(b'(', b'\\(').replace(b')', b'\\)') + b')'

def utf16(s):
    return b'<FEFF' + s.encode('utf-16-be').hex().upper().encode() + b'>'

# A form filled by a script: two text fields and a FreeText annotation.
body = 'Pieteikuma veidlapa'
fields = [('vards', 'Ģirts Ķēniņš', 'Vārds un uzvārds'), ('iestade', 'Valsts kanceleja', 'Iestāde')]
note = 'Pārbaudīts: dati atbilst reģistram.'
content = b'BT /F1 16 Tf 72 760 Td ' + lit(body) + b' Tj ET\n'
content += b'BT /F1 11 Tf 72 700 Td ' + lit('Name / Vards:') + b' Tj ET\nBT /F1 11 Tf 72 660 Td ' + lit('Office / Iestade:') + b' Tj ET\n'
objs = [None] * 4
objs[0] = b'<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R 7 0 R 9 0 R] /DR << /Font << /F1 4 0 R >> >> /DA (/F1 11 Tf 0 g) >> >>'
objs[1] = b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>'
objs[3] = b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'
annots = []
y = 695
for name, value, tu in fields:
    n = len(objs) + 1
    # The appearance draws the value in Helvetica (WinAnsi has no Latvian letters: the
    # appearance shows what it can; the field value /V holds the real text).
    ap = b'/Tx BMC q BT /F1 11 Tf 2 5 Td ' + lit(value.encode('cp1252', 'replace').decode('cp1252')) + b' Tj ET Q EMC'
    objs.append(b'<< /Type /Annot /Subtype /Widget /FT /Tx /T (%s) /TU %s /V %s /DA (/F1 11 Tf 0 g) /Rect [200 %d 450 %d] /P 3 0 R /F 4 /AP << /N %d 0 R >> >>'
                % (name.encode(), utf16(tu), utf16(value), y - 5, y + 15, n + 1))
    objs.append(stream(ap, b'/Type /XObject /Subtype /Form /BBox [0 0 250 20] /Resources << /Font << /F1 4 0 R >> >>'))
    annots.append(n)
    y -= 40
# A comb field (/Ff bit 25, /MaxLen 11): the appearance puts one digit in each of 11 cells, so
# the page shows them apart (and the peers read 11 words).
code = '40003012345'
n = len(objs) + 1
cell = 250 / len(code)
ap = b'/Tx BMC q BT /F1 11 Tf ' + b' '.join(
    b'1 0 0 1 %.2f 5 Tm %s Tj' % (i * cell + cell / 2 - 3, lit(ch)) for i, ch in enumerate(code)) + b' ET Q EMC'
objs.append(b'<< /Type /Annot /Subtype /Widget /FT /Tx /T (kods) /TU %s /Ff 16777216 /MaxLen 11 /V (%s) /DA (/F1 11 Tf 0 g) /Rect [200 %d 450 %d] /P 3 0 R /F 4 /AP << /N %d 0 R >> >>'
            % (utf16('Reģistrācijas numurs'), code.encode(), y - 5, y + 15, n + 1))
objs.append(stream(ap, b'/Type /XObject /Subtype /Form /BBox [0 0 250 20] /Resources << /Font << /F1 4 0 R >> >>'))
annots.append(n)
content += b'BT /F1 11 Tf 72 %d Td ' % (y + 5) + lit('Reg. No.:') + b' Tj ET\n'
n = len(objs) + 1
objs.append(b'<< /Type /Annot /Subtype /FreeText /Rect [72 560 400 590] /Contents %s /DA (/F1 12 Tf 0 g) /F 4 >>' % utf16(note))
annots.append(n)
cs = len(objs) + 1
objs.append(stream(content))
objs[2] = (b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents %d 0 R /Annots [%s] >>'
           % (cs, b' '.join(b'%d 0 R' % a for a in annots)))
pdf(objs, os.path.join(tmp, 'form-filled.pdf'))
open(os.path.join(tmp, 'form-filled.truth'), 'w', encoding='utf-8').write(
    '\n'.join([body, 'Name / Vards:', 'Office / Iestade:', 'Reg. No.:']
              + ['» ' + t for t in (fields[0][1], fields[1][1], ' '.join(code), note)]) + '\f')

# Mirrored and rotated text matrices (page 2 of rotated-mirrored; page 1 comes from qpdf).
lines = ['Mirrored text reads right to left on the page.', 'Rotated text runs up the page.', 'Upside down text ends here.']
c = b'BT /F1 14 Tf -1 0 0 1 500 700 Tm ' + lit(lines[0]) + b' Tj ET\n'
c += b'BT /F1 14 Tf 0 1 -1 0 80 200 Tm ' + lit(lines[1]) + b' Tj ET\n'
c += b'BT /F1 14 Tf -1 0 0 -1 500 400 Tm ' + lit(lines[2]) + b' Tj ET\n'
objs = [b'<< /Type /Catalog /Pages 2 0 R >>', b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
        b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>', stream(c)]
pdf(objs, os.path.join(tmp, 'mirrored.pdf'))
# Text in one direction reads first (mirrored and upside down run right to left), then the
# rotated line.
open(os.path.join(tmp, 'mirrored.truth'), 'w', encoding='utf-8').write('\n'.join([lines[0], lines[2], lines[1]]) + '\f')

# Non-embedded TrueType fonts with WinAnsiEncoding (as old Word exports write them), next to
# Symbol and ZapfDingbats text.
t1 = 'Report on the implementation of the action plan for 2016.'
t2 = 'Prepared by the State Chancellery, Riga, 12 May 2016.'
c = b'BT /F1 12 Tf 72 760 Td ' + lit(t1) + b' Tj ET\n'
c += b'BT /F2 11 Tf 72 730 Td ' + lit(t2) + b' Tj ET\n'
c += b'BT /F3 12 Tf 72 700 Td (abg) Tj ET\n'          # Symbol: alpha beta gamma
c += b'BT /F4 12 Tf 72 670 Td (4) Tj ET\n'            # ZapfDingbats: check mark
desc = (b'<< /Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [-568 -216 2046 891] /ItalicAngle 0 '
        b'/Ascent 891 /Descent -216 /CapHeight 662 /StemV 80 >>')
objs = [b'<< /Type /Catalog /Pages 2 0 R >>', b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /F2 5 0 R /F3 6 0 R /F4 7 0 R >> >> /Contents 10 0 R >>',
        b'<< /Type /Font /Subtype /TrueType /BaseFont /TimesNewRomanPSMT /FirstChar 32 /LastChar 255 /Widths [%s] /Encoding /WinAnsiEncoding /FontDescriptor 8 0 R >>' % b' '.join([b'500'] * 224),
        b'<< /Type /Font /Subtype /TrueType /BaseFont /Arial,Bold /Encoding /WinAnsiEncoding /FontDescriptor 9 0 R >>',
        b'<< /Type /Font /Subtype /Type1 /BaseFont /Symbol >>',
        b'<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>',
        desc % (b'TimesNewRomanPSMT', 34), desc % (b'Arial,Bold', 32), stream(c)]
pdf(objs, os.path.join(tmp, 'nonembedded-winansi.pdf'))
open(os.path.join(tmp, 'nonembedded-winansi.truth'), 'w', encoding='utf-8').write('\n'.join([t1, t2, 'αβγ', '✔']) + '\f')

# A Type 3 font in PostScript whose glyphs are named by AGL names and uniXXXX / uXXXX names;
# Ghostscript keeps it a Type 3 font with those names in /Differences and no ToUnicode.
text = 'Atvērtā pārvaldība un līdzdalība šogad ir svarīga arī žurnālistiem'
names = {c: ('space' if c == ' ' else c if c.isascii() else 'uni%04X' % ord(c)) for c in set(text)}
names['ā'] = 'amacron'      # an AGL name
names['ī'] = 'u012B'        # the uXXXX form
codes = {c: 33 + i for i, c in enumerate(sorted(set(text)))}
codes[' '] = 32
ps = ['%!PS-Adobe-3.0', '/T3 8 dict begin /FontType 3 def /FontMatrix [0.001 0 0 0.001 0 0] def',
      '/FontBBox [0 0 600 700] def /Encoding 256 array def',
      '0 1 255 { Encoding exch /.notdef put } for']
for c, code in codes.items():
    ps.append('Encoding %d /%s put' % (code, names[c]))
ps += ['/BuildGlyph { exch pop dup /space eq { pop 300 0 setcharwidth } { pop 550 0 0 0 500 700 setcachedevice 50 0 moveto 450 0 lineto 450 600 lineto 50 600 lineto closepath fill } ifelse } bind def',
       '/BuildChar { 1 index /Encoding get exch get 1 index /BuildGlyph get exec } bind def',
       'currentdict end /T3Font exch definefont pop',
       '/T3Font findfont 14 scalefont setfont 72 700 moveto']
s = ''.join('\\%03o' % codes[c] for c in text)
ps += ['(%s) show' % s, 'showpage']
open(os.path.join(tmp, 'gs-type3-names.ps'), 'w').write('\n'.join(ps) + '\n')
open(os.path.join(tmp, 'gs-type3-names.truth'), 'w', encoding='utf-8').write(text + '\f')
PY

for n in form-filled nonembedded-winansi; do
  cp "$TMP/$n.pdf" "$OUT/$n.pdf"
  cp "$TMP/$n.truth" "$OUT/$n.txt"
done

if have gs; then
  gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pdfwrite -sOutputFile="$OUT/gs-type3-names.pdf" "$TMP/gs-type3-names.ps"
  cp "$TMP/gs-type3-names.truth" "$OUT/gs-type3-names.txt"
else
  skip "ghostscript (gs-type3-names)"
fi

# Page 1: the English Writer page turned by qpdf; page 2: the mirrored/rotated matrices.
if have qpdf && [ -f "$OUT/lo-writer-english.pdf" ]; then
  qpdf --empty --pages "$OUT/lo-writer-english.pdf" "$TMP/mirrored.pdf" -- "$TMP/both.pdf"
  qpdf --rotate=+90:1 "$TMP/both.pdf" "$OUT/rotated-mirrored.pdf"
  { tr -d '\f' <"$OUT/lo-writer-english.txt"; printf '\f'; cat "$TMP/mirrored.truth"; } >"$OUT/rotated-mirrored.txt"
else
  skip "qpdf (rotated-mirrored)"
fi
ls -la "$OUT"/{wkhtmltopdf-qt,gs-type3-names,form-filled,rotated-mirrored,nonembedded-winansi}.* 2>/dev/null >&2 || true
