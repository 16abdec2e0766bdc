#!/usr/bin/env bash
# Builds tests/fixtures/extract/: PDFs from real producers with ground-truth text, for the
# PDF text extractor (index/src/pdf).  For each <name>.pdf, <name>.txt holds the text that
# was put in, page by page, each page followed by a form feed (like `pdftotext FILE -`).
# Compare whitespace-normalised (line breaks and hyphenation points are the producer's).
#
# Producers: LibreOffice Writer and Impress (flat ODF sources), groff -> PostScript ->
# ps2pdf (Ghostscript, Type1 fonts), pdfLaTeX (T1 fonts, two columns; OT1 with accents drawn
# as separate glyphs), Chromium's print-to-PDF, qpdf rewrites (object + xref streams,
# linearized, AES-256 with an empty user password, an incremental update) and an image-only
# "scan".  Producers that are not installed are skipped with a note.
#
# Needs: python3, libreoffice, groff, ghostscript, qpdf, poppler-utils; optional: pdflatex
# (texlive-latex-base, texlive-latex-recommended, lmodern), chromium, hyphen-lv.
# Usage: scripts/make-extract-fixtures.sh [OUTDIR]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$ROOT/tests/fixtures/extract}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1706000000}
export LC_ALL=C.UTF-8

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT" "$TMP/src"
SRC=$TMP/src
have() { command -v "$1" >/dev/null 2>&1; }
skip() { echo "skipped: $1" >&2; }

# ---- sources and ground truth ------------------------------------------------------------
cat >"$TMP/gen.py" <<'PY'
# Writes fixture sources and ground truth into the folder given as argv[1].
import sys, os, html, re
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
E = html.escape

LV1 = [
    "Atvērtās pārvaldības partnerības sēdes protokols Nr. 3",
    "Rīgā, 2024. gada 15. janvārī",
    "Sēdi vada Valsts kancelejas pārstāvis Ģirts Ķēniņš. Piedalās: Šarlote Žūriņa, Čaklais Ļaudis, Ņina Ūdre un Ēriks Īvāns.",
    "Darba kārtība: nacionālā rīcības plāna izpildes gaita, sabiedrības līdzdalība lēmumu pieņemšanā un atklātības pasākumu novērtējums.",
    "Visi lielie burti: ĀČĒĢĪĶĻŅŠŪŽ. Visi mazie burti: āčēģīķļņšūž. Pēdiņas “šādas” un „tādas”, domuzīme – un daudzpunkte…",
    "Nolēma: apstiprināt ziņojumu par 2022.–2025. gada plāna īstenošanu un nodot to izskatīšanai Ministru kabinetā līdz 1. martam.",
]
LV2 = [
    "Otrā lapa: diskusija",
    "Pārstāvji uzsvēra, ka iedzīvotāju iesaiste ir būtiska, jo tā veicina uzticēšanos valsts pārvaldei un uzlabo pieņemto lēmumu kvalitāti.",
    "Nākamā sēde notiks 2024. gada 12. februārī plkst. 14.00 Brīvības bulvārī 36, Rīgā.",
]
TABLE = [["Nr.", "Pasākums", "Atbildīgā iestāde", "Termiņš"],
         ["1.", "Atvērto datu portāla pilnveide", "VARAM", "2024. gada 1. jūlijs"],
         ["2.", "Lobēšanas atklātības likums", "Saeima", "2025. gada 31. decembris"],
         ["3.", "Līdzdalības budžets pašvaldībās", "Pašvaldības", "2026. gada 30. jūnijs"]]
EN = [
    "Open Government Partnership: National Action Plan",
    "The fifth national action plan focuses on official efficiency, fiscal transparency and the flow of information between offices.",
    "Commitments were drafted together with civil society organisations, and progress is reviewed by the Independent Reporting Mechanism.",
    "Figures: 42 commitments, 17 institutions, 3 ministries; budget EUR 1 250 000 (2024-2027).",
]
COLS_HEAD = "Divu kolonnu izkārtojums"
COLS = [
    "Pirmā kolonna sākas ar garu rindkopu par atklātību. Valsts pārvalde publicē datus, lai sabiedrība varētu sekot līdzi lēmumu pieņemšanai un budžeta izlietojumam.",
    "Otrā rindkopa turpina stāstu par līdzdalību. Iedzīvotāji var iesniegt priekšlikumus, piedalīties apspriešanās un vērtēt, kā tiek īstenotas apņemšanās.",
    "Trešā rindkopa apraksta uzraudzību. Neatkarīgais ziņošanas mehānisms izvērtē katra plāna rezultātus un sniedz ieteikumus nākamajam ciklam.",
    "Ceturtā rindkopa noslēdz kolonnas ar secinājumiem par sadarbību starp ministrijām, pašvaldībām un nevalstiskajām organizācijām visā Latvijā.",
]
COLS_TAIL = "Noslēguma teksts visā lapas platumā pēc kolonnām."
HYPH = [
    "Pārvaldības caurskatāmība",
    "Starptautiskās sadarbības ietvaros nevalstiskās organizācijas sagatavoja priekšlikumus pašvaldību pārvaldības caurskatāmības uzlabošanai un informācijas pieejamības nodrošināšanai iedzīvotājiem.",
    "Administrative transparency and accountability requirements were considered extraordinarily important by representatives of international organisations and governmental institutions.",
]
SLIDES = [
    ("Atvērtā pārvaldība Latvijā", ["Piektais nacionālais rīcības plāns", "Sabiedrības līdzdalība un atklātība", "Ģirts Ķēniņš, Valsts kanceleja"]),
    ("Galvenie rezultāti", ["Ieviestas 12 apņemšanās no 15", "Lobēšanas regulējums pieņemts Saeimā", "Atvērto datu portālā ir vairāk nekā 800 datu kopu"]),
    ("Next steps", ["Draft the sixth action plan", "Consult citizens in every region", "Report progress by 31 December"]),
]

def fodt(body, extra_styles=""):
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
<style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'" style:font-family-generic="roman"/>
<style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" style:font-family-generic="swiss"/>
</office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm"/><style:text-properties style:font-name="Liberation Serif" fo:font-size="12pt" fo:language="lv" fo:country="LV"/></style:default-style>
</office:styles>
<office:automatic-styles>
<style:style style:name="PB" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/><style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style>
<style:style style:name="H" style:family="paragraph"><style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style>
<style:style style:name="S" style:family="paragraph"><style:text-properties style:font-name="Liberation Sans" fo:font-size="11pt"/></style:style>
<style:style style:name="J" style:family="paragraph"><style:paragraph-properties fo:text-align="justify"/></style:style>
<style:style style:name="C2" style:family="section"><style:section-properties><style:columns fo:column-count="2" fo:column-gap="0.8cm"/></style:section-properties></style:style>
{extra_styles}
</office:automatic-styles>
<office:body><office:text>
{body}
</office:text></office:body></office:document>
'''

def p(t, style=None):
    s = f' text:style-name="{style}"' if style else ''
    return f'<text:p{s}>{E(t)}</text:p>'

def table(rows, cell_style=None):
    cs = f' table:style-name="{cell_style}"' if cell_style else ''
    x = '<table:table table:name="T1"><table:table-column table:number-columns-repeated="%d"/>' % len(rows[0])
    for r in rows:
        x += '<table:table-row>' + ''.join(f'<table:table-cell{cs} office:value-type="string"><text:p>{E(c)}</text:p></table:table-cell>' for c in r) + '</table:table-row>'
    return x + '</table:table>'

def write(name, content):
    with open(os.path.join(out, name), 'w', encoding='utf-8') as f:
        f.write(content)

def truth(name, pages):
    write(name + '.truth', '\f'.join('\n'.join(pg) for pg in pages) + '\f')

# A: Latvian protocol, two pages, second with a table
body = p(LV1[0], 'H') + ''.join(p(t) for t in LV1[1:]) + p(LV2[0], 'PB') + ''.join(p(t) for t in LV2[1:]) + table(TABLE)
write('lo-writer-protocol.fodt', fodt(body))
truth('lo-writer-protocol', [LV1, LV2 + [' '.join(r) for r in TABLE]])
# A2: a ruled table (cell borders) with multi-line cells
PLAN = [["Nr.", "Apņemšanās", "Atbildīgā iestāde", "Sagaidāmais rezultāts"],
        ["1.", "Atvērto datu portāla pilnveide un datu kopu kvalitātes uzlabošana", "Valsts reģionālās attīstības aģentūra", "Vismaz 200 jaunas datu kopas līdz 2025. gadam"],
        ["2.", "Lobēšanas atklātības regulējuma ieviešana", "Korupcijas novēršanas un apkarošanas birojs", "Publisks lobētāju reģistrs"],
        ["3.", "Līdzdalības budžets", "Pašvaldības", "Iedzīvotāji lemj par daļu no pašvaldības budžeta"]]
tstyle = '<style:style style:name="TC" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #000000"/></style:style>'
body = p("Rīcības plāna apņemšanās", 'H') + p("Tabulā apkopotas plāna galvenās apņemšanās un atbildīgās iestādes.") + table(PLAN, 'TC') + p("Tabulas beigas. Plāna izpildi uzrauga padome.")
write('lo-writer-ruled-table.fodt', fodt(body, tstyle))
truth('lo-writer-ruled-table', [["Rīcības plāna apņemšanās", "Tabulā apkopotas plāna galvenās apņemšanās un atbildīgās iestādes."] + [' '.join(r) for r in PLAN] + ["Tabulas beigas. Plāna izpildi uzrauga padome."]])
# B: English, sans
write('lo-writer-english.fodt', fodt(p(EN[0], 'H') + ''.join(p(t, 'S') for t in EN[1:])))
truth('lo-writer-english', [EN])
# C: two columns
body = p(COLS_HEAD, 'H') + '<text:section text:style-name="C2" text:name="S1">' + ''.join(p(t, 'J') for t in COLS) + '</text:section>' + p(COLS_TAIL)
write('lo-writer-columns.fodt', fodt(body))
truth('lo-writer-columns', [[COLS_HEAD] + COLS + [COLS_TAIL]])
# D: hyphenation in a narrow justified column (automatic hyphenation, lv and en)
hstyles = '''<style:style style:name="HY" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" fo:margin-right="11cm"/><style:text-properties fo:hyphenate="true" fo:hyphenation-remain-char-count="2" fo:hyphenation-push-char-count="2"/></style:style>
<style:style style:name="HYE" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" fo:margin-right="11cm"/><style:text-properties fo:language="en" fo:country="US" fo:hyphenate="true" fo:hyphenation-remain-char-count="2" fo:hyphenation-push-char-count="2"/></style:style>'''
def shy(t):
    """Soft hyphens every three letters inside words of 10+ letters (LibreOffice breaks there)."""
    def cut(m):
        x = m.group(0)
        parts, i = [x[:4]], 4
        while len(x) - i > 4:
            parts.append(x[i:i + 3])
            i += 3
        parts.append(x[i:])
        return '\u00ad'.join(parts)
    return re.sub(r'\w{10,}', cut, t)
write('lo-writer-hyphenation.fodt', fodt(p(HYPH[0], 'H') + p(shy(HYPH[1]), 'HY') + p(shy(HYPH[2]), 'HYE'), hstyles))
truth('lo-writer-hyphenation', [HYPH])

# E: Impress slides
def fodp(slides):
    pages = ''
    for i, (title, bullets) in enumerate(slides):
        items = ''.join(f'<text:list-item><text:p text:style-name="PB2">{E(b)}</text:p></text:list-item>' for b in bullets)
        pages += f'''<draw:page draw:name="s{i+1}" draw:master-page-name="M">
<draw:frame draw:style-name="gr" svg:x="1.5cm" svg:y="1cm" svg:width="25cm" svg:height="2.5cm"><draw:text-box><text:p text:style-name="PT">{E(title)}</text:p></draw:text-box></draw:frame>
<draw:frame draw:style-name="gr" svg:x="1.5cm" svg:y="4.5cm" svg:width="25cm" svg:height="10cm"><draw:text-box><text:list>{items}</text:list></draw:text-box></draw:frame>
</draw:page>'''
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.presentation">
<office:font-face-decls><style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'"/></office:font-face-decls>
<office:automatic-styles>
<style:page-layout style:name="PM"><style:page-layout-properties fo:margin-top="0cm" fo:margin-bottom="0cm" fo:margin-left="0cm" fo:margin-right="0cm" fo:page-width="28cm" fo:page-height="15.75cm" style:print-orientation="landscape"/></style:page-layout>
<style:style style:name="gr" style:family="graphic"><style:graphic-properties draw:stroke="none" draw:fill="none" draw:auto-grow-height="false" fo:min-height="1cm" draw:textarea-vertical-align="top"/></style:style>
<style:style style:name="PT" style:family="paragraph"><style:text-properties style:font-name="Liberation Sans" fo:font-size="32pt" fo:font-weight="bold" fo:language="lv" fo:country="LV"/></style:style>
<style:style style:name="PB2" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.4cm"/><style:text-properties style:font-name="Liberation Sans" fo:font-size="22pt" fo:language="lv" fo:country="LV"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="M" style:page-layout-name="PM"/></office:master-styles>
<office:body><office:presentation>{pages}</office:presentation></office:body></office:document>
'''
write('lo-impress-slides.fodp', fodp(SLIDES))
truth('lo-impress-slides', [[t] + b for t, b in SLIDES])

# F: groff -> PostScript -> ps2pdf (Type1 fonts), pages via .bp
def roff(pages):
    x = '.ds CH\n.ll 6i\n.nh\n'
    # groff's PostScript fonts lack the precomposed Latvian letters: overstrike the accents.
    acc = {'a-': '0304', 'ah': '030C', 'ac': '0327'}
    base = {'0304': 'aeuAEIU', '030C': 'cszCSZ', '0327': 'gklnGKLN'}
    for a, cp in acc.items():
        for b in base[cp]:
            x += ".char \\[u%04X_%s] \\o'%s\\[%s]'\n" % (ord(b), cp, b, a)
    x += ".char \\[u0069_0304] \\o'\\[.i]\\[a-]'\n"
    for i, pg in enumerate(pages):
        if i:
            x += '.bp\n'
        for t in pg:
            x += '.PP\n' + t.replace('\\', '\\\\').replace('.', '\\&.') + '\n'
    return x
GROFF = [LV1[:4], EN]
write('groff-type1.ms', roff(GROFF))
truth('groff-type1', GROFF)

# G: pdfLaTeX, T1 fonts (Latin Modern), two columns, automatic hyphenation
def tex_escape(t):
    return t.replace('%', '\\%').replace('&', '\\&').replace('“', "``").replace('”', "''").replace('„', ',,').replace('…', '\\ldots{}').replace('–', '--')
TEXCOLS = COLS + HYPH[1:]
write('pdflatex-t1.tex', r'''\documentclass[twocolumn,11pt]{article}
\usepackage[T1]{fontenc}\usepackage[utf8]{inputenc}\usepackage{lmodern}
\usepackage[a4paper,margin=2.5cm]{geometry}\pagestyle{empty}
\begin{document}
\twocolumn[{\Large\bfseries ''' + COLS_HEAD + r'''}\vspace{1em}]
''' + '\n\n'.join(tex_escape(t) for t in TEXCOLS * 2) + r'''
\end{document}
''')
truth('pdflatex-t1', [[COLS_HEAD] + TEXCOLS * 2])

# H: pdfLaTeX, OT1 encoding: accents are separate glyphs placed over the letters
OT1 = LV1[1:4] + [LV1[4].split(' Pēdiņas')[0]]
def ot1(t):
    m = {'ā': r'\=a', 'ē': r'\=e', 'ī': r'\=\i{}', 'ū': r'\=u', 'Ā': r'\=A', 'Ē': r'\=E', 'Ī': r'\=I', 'Ū': r'\=U',
         'č': r'\v c', 'š': r'\v s', 'ž': r'\v z', 'Č': r'\v C', 'Š': r'\v S', 'Ž': r'\v Z',
         'ķ': r'\c k', 'ļ': r'\c l', 'ņ': r'\c n', 'Ķ': r'\c K', 'Ļ': r'\c L', 'Ņ': r'\c N', 'Ģ': r'\c G', 'ģ': r'\c g'}
    return ''.join('{' + m[c] + '}' if c in m else c for c in t)
write('pdflatex-ot1-accents.tex', r'''\documentclass[11pt]{article}
\usepackage[a4paper,margin=2.5cm]{geometry}\pagestyle{empty}\hyphenpenalty=10000
\begin{document}
''' + '\n\n'.join(ot1(t) for t in OT1) + r'''
\end{document}
''')
truth('pdflatex-ot1-accents', [OT1])

# I: HTML for Chromium
HT = [LV1[0]] + LV1[2:4] + EN[1:3]
write('chromium-html.html', '<!doctype html><html lang="lv"><meta charset="utf-8"><style>body{font-family:"Liberation Sans";font-size:12pt}td{border:1px solid #888;padding:3px}</style><body>'
      + f'<h1>{E(HT[0])}</h1>' + ''.join(f'<p>{E(t)}</p>' for t in HT[1:]) + '<table>'
      + ''.join('<tr>' + ''.join(f'<td>{E(c)}</td>' for c in r) + '</tr>' for r in TABLE) + '</table></body></html>')
truth('chromium-html', [HT + [' '.join(r) for r in TABLE]])
PY
python3 "$TMP/gen.py" "$SRC"

# ---- producers -----------------------------------------------------------------------------
# LibreOffice: a private profile, so that a running office instance does not interfere.
LO=(soffice "-env:UserInstallation=file://$TMP/lo-profile" --headless --norestore)
if have soffice; then
  (cd "$SRC" && "${LO[@]}" --convert-to pdf --outdir "$SRC" ./*.fodt ./*.fodp >/dev/null 2>&1)
  # Tagged PDF: LibreOffice marks hyphenation and structure with marked content / ActualText.
  cp "$SRC/lo-writer-hyphenation.fodt" "$TMP/lo-writer-tagged.fodt"
  cp "$SRC/lo-writer-hyphenation.truth" "$SRC/lo-writer-tagged.truth"
  (cd "$TMP" && "${LO[@]}" --convert-to \
    'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}' \
    --outdir "$SRC" ./lo-writer-tagged.fodt >/dev/null 2>&1)
else
  skip "LibreOffice (lo-*)"
fi

if have groff && have ps2pdf; then
  groff -k -ms -Tps "$SRC/groff-type1.ms" >"$SRC/groff-type1.ps" 2>/dev/null
  ps2pdf -dAutoRotatePages=/None "$SRC/groff-type1.ps" "$SRC/groff-type1.pdf"
else
  skip "groff/ps2pdf (groff-type1)"
fi

if have pdflatex; then
  for t in pdflatex-t1 pdflatex-ot1-accents; do
    (cd "$SRC" && pdflatex -interaction=batchmode "$t.tex" >/dev/null 2>&1) || skip "pdflatex $t"
  done
else
  skip "pdflatex (pdflatex-*)"
fi

CHROME=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -n "$CHROME" ]; then
  timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --user-data-dir="$TMP/chrome" --print-to-pdf="$SRC/chromium-html.pdf" \
    "file://$SRC/chromium-html.html" >/dev/null 2>&1 || skip "chromium"
else
  skip "chromium (chromium-html)"
fi

# ---- a CID font without a ToUnicode map (the embedded TrueType cmap still tells the text) --
if have qpdf && [ -f "$SRC/chromium-html.pdf" ]; then
  qpdf --qdf --object-streams=disable "$SRC/chromium-html.pdf" "$TMP/chromium-qdf.pdf"
  python3 - "$TMP/chromium-qdf.pdf" "$SRC/cid-no-tounicode.pdf" <<'PY'
import re, sys
d = open(sys.argv[1], 'rb').read()
# Blank out the /ToUnicode entries with spaces of the same length, so offsets stay valid.
d = re.sub(rb'/ToUnicode \d+ 0 R', lambda m: b' ' * len(m.group(0)), d)
open(sys.argv[2], 'wb').write(d)
PY
  cp "$SRC/chromium-html.truth" "$SRC/cid-no-tounicode.truth"
fi

# ---- qpdf variants of the LibreOffice protocol ---------------------------------------------
if have qpdf && [ -f "$SRC/lo-writer-protocol.pdf" ]; then
  P=$SRC/lo-writer-protocol
  qpdf --object-streams=generate "$P.pdf" "$SRC/qpdf-objstm.pdf"
  qpdf --linearize "$P.pdf" "$SRC/qpdf-linearized.pdf"
  qpdf --encrypt "" owner-secret 256 -- "$P.pdf" "$SRC/qpdf-encrypted-empty-user.pdf"
  for v in objstm linearized encrypted-empty-user; do cp "$P.truth" "$SRC/qpdf-$v.truth"; done
  # An incremental update appended to a classic-xref file: page 1 gets a second content
  # stream (with its own font) and a new Info dictionary.
  if [ -f "$SRC/lo-writer-english.pdf" ]; then
    qpdf --qdf --object-streams=disable "$SRC/lo-writer-english.pdf" "$TMP/base.pdf"
    python3 - "$TMP/base.pdf" "$SRC/qpdf-incremental.pdf" "$SRC/lo-writer-english.truth" \
      "$SRC/qpdf-incremental.truth" <<'PY'
import re, sys
base, out, truth_in, truth_out = sys.argv[1:5]
data = open(base, 'rb').read()
text = data.decode('latin-1')

def obj(num):
    m = re.search(r'(?m)^%d 0 obj\n(.*?)\nendobj' % num, text, re.S)
    return m.group(1)

m = re.search(r'%% Page 1\n%% Original object ID: \d+ \d+\n(\d+) 0 obj\n(.*?)\nendobj', text, re.S)
page_num, page = int(m.group(1)), m.group(2)
size = int(re.search(r'/Size (\d+)', text).group(1))
prev = int(re.findall(r'startxref\s+(\d+)', text)[-1])
root = re.search(r'/Root (\d+ \d+ R)', text).group(1)
res = re.search(r'/Resources (\d+) 0 R', page)
res_text = obj(int(res.group(1))) if res else re.search(r'/Resources (<<.*?>>)\s*/', page, re.S).group(1)
font = re.search(r'/Font (\d+) 0 R', res_text)
font_text = obj(int(font.group(1))) if font else re.search(r'/Font\s*(<<.*?>>)', res_text, re.S).group(1)
contents = re.search(r'/Contents (\d+ 0 R|\[[^\]]*\])', page).group(1)
old = contents.strip('[]').strip()

F, C, R, P, I = size, size + 1, size + 2, page_num, size + 3
line = 'Amended on 2 February 2024 (incremental update).'
stream = ('BT /FAmend 11 Tf 56.7 60 Td (%s) Tj ET' % line).encode('latin-1')
new_font = font_text.replace('<<', '<< /FAmend %d 0 R' % F, 1)
if font:
    new_res = res_text.replace('/Font %d 0 R' % int(font.group(1)), '/Font ' + new_font)
else:
    new_res = res_text.replace(font_text, new_font)
new_page = re.sub(r'/Contents (\d+ 0 R|\[[^\]]*\])', '/Contents [ %s %d 0 R ]' % (old, C), page)
new_page = re.sub(r'/Resources (\d+ 0 R|<<.*?>>(?=\s*/))', '/Resources %d 0 R' % R, new_page, count=1, flags=re.S)
objs = {
    F: b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    C: b'<< /Length %d >>\nstream\n' % len(stream) + stream + b'\nendstream',
    R: new_res.encode('latin-1'),
    P: new_page.encode('latin-1'),
    I: b'<< /Title (Incremental update test) /Producer (make-extract-fixtures.sh) >>',
}
buf = bytearray(data)
if not buf.endswith(b'\n'):
    buf += b'\n'
offsets = {}
for n in sorted(objs):
    offsets[n] = len(buf)
    buf += b'%d 0 obj\n' % n + objs[n] + b'\nendobj\n'
xref = len(buf)
buf += b'xref\n'
for n in sorted(objs):
    buf += b'%d 1\n%010d 00000 n \n' % (n, offsets[n])
buf += b'trailer\n<< /Size %d /Root %s /Info %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n' % (
    I + 1, root.encode(), I, prev, xref)
open(out, 'wb').write(bytes(buf))
t = open(truth_in, encoding='utf-8').read().rstrip('\f')
open(truth_out, 'w', encoding='utf-8').write(t + '\n' + line + '\f')
PY
  fi
else
  skip "qpdf variants"
fi

# ---- the protocol re-written by other PDF writers: cairo (pdftocairo) and Ghostscript ------
if [ -f "$SRC/lo-writer-protocol.pdf" ]; then
  if have pdftocairo; then
    pdftocairo -pdf "$SRC/lo-writer-protocol.pdf" "$SRC/cairo-protocol.pdf"
    cp "$SRC/lo-writer-protocol.truth" "$SRC/cairo-protocol.truth"
  fi
  if have gs; then
    gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pdfwrite -sOutputFile="$SRC/gs-pdfwrite-protocol.pdf" \
      "$SRC/lo-writer-protocol.pdf"
    cp "$SRC/lo-writer-protocol.truth" "$SRC/gs-pdfwrite-protocol.truth"
  fi
fi

# ---- an image-only page (a "scan" without a text layer) -----------------------------------
if have pdftoppm && [ -f "$SRC/lo-writer-english.pdf" ]; then
  pdftoppm -gray -r 40 -f 1 -l 1 "$SRC/lo-writer-english.pdf" "$TMP/scan"
  python3 - "$TMP"/scan*.pgm "$SRC/scan-no-text.pdf" <<'PY'
import sys, zlib
pgm, out = sys.argv[1], sys.argv[2]
raw = open(pgm, 'rb').read()
parts = raw.split(maxsplit=4)
w, h, pix = int(parts[1]), int(parts[2]), parts[4]
img = zlib.compress(pix, 9)
content = b'q 595 0 0 842 0 0 cm /Im0 Do Q'
objs = [
    b'<< /Type /Catalog /Pages 2 0 R >>',
    b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>',
    b'<< /Length %d >>\nstream\n' % len(content) + content + b'\nendstream',
    b'<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n' % (w, h, len(img)) + img + b'\nendstream',
]
buf = bytearray(b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')
offs = []
for i, o in enumerate(objs):
    offs.append(len(buf))
    buf += b'%d 0 obj\n' % (i + 1) + o + b'\nendobj\n'
x = len(buf)
buf += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1) + b''.join(b'%010d 00000 n \n' % o for o in offs)
buf += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, x)
open(out, 'wb').write(bytes(buf))
PY
  printf '\f' >"$SRC/scan-no-text.truth"
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
# PDF text-extraction fixtures

Made by `scripts/make-extract-fixtures.sh` from texts written for the purpose (Latvian with
every diacritic ā č ē ģ ī ķ ļ ņ š ū ž in both cases, English, tables, two columns,
hyphenation, slides). Each `<name>.pdf` has `<name>.txt`: the text that was put in, each page
followed by a form feed. Compare whitespace-normalised: line breaks and hyphenation points
are the producer's, and a word hyphenated at a line end counts as whole.

| file | producer / what it tests |
|---|---|
| `lo-writer-protocol` | LibreOffice Writer: Latvian, 2 pages, a borderless table with wrapped cells |
| `lo-writer-ruled-table` | Writer: a table with cell borders and multi-line cells (read cell by cell) |
| `lo-writer-english` | Writer: English, sans-serif |
| `lo-writer-columns` | Writer: a two-column section between full-width text |
| `lo-writer-hyphenation` | Writer: narrow justified paragraphs broken at soft hyphens (lv, en) |
| `lo-writer-tagged` | the hyphenation text as a tagged PDF (marked content, ActualText for hyphens) |
| `lo-impress-slides` | LibreOffice Impress: three 16:9 slides with titles and bullets |
| `groff-type1` | groff -> PostScript -> ps2pdf: Type 1 fonts; Latvian letters overstruck from base + accent glyphs; Ghostscript positions with Tc/Tw and spaces |
| `pdflatex-t1` | pdfLaTeX, T1 / Latin Modern: two columns, TeX hyphenation, ņ ķ ļ built from a comma set under the letter |
| `pdflatex-ot1-accents` | pdfLaTeX, OT1: every accent a separate glyph over (or under) the letter, ī from dotless ı |
| `chromium-html` | Chromium print-to-PDF (Skia): CID TrueType fonts, Identity-H, ToUnicode |
| `cid-no-tounicode` | the same with the ToUnicode maps blanked out: text only from the embedded fonts' cmap |
| `qpdf-objstm` | the protocol rewritten with object streams and cross-reference streams |
| `qpdf-linearized` | the protocol linearized |
| `qpdf-encrypted-empty-user` | the protocol encrypted (AES-256) with an empty user password |
| `qpdf-incremental` | the English page with an appended incremental update (new content stream and font) |
| `cairo-protocol` | the protocol re-rendered by cairo (pdftocairo): simple TrueType subsets, WinAnsi |
| `gs-pdfwrite-protocol` | the protocol re-distilled by Ghostscript's pdfwrite |
| `scan-no-text` | an image-only page: expected status no-text-layer, no text |
MD
echo "wrote $n fixtures to $OUT ($(du -sh "$OUT" | cut -f1))"
