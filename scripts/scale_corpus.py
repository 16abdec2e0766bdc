#!/usr/bin/env python3
"""Helper of scripts/make-scale-corpus.sh: a deterministic scale corpus of Latvian/English PDFs.

Two steps, both seeded (same seed, same tool versions: same files):

  pool  --seed S --dir POOL
      Writes the sources of a pool of long "base" documents (flat ODF text and presentations
      for LibreOffice, groff -ms for ps2pdf and gropdf) and POOL/manifest.json. Each base
      document is a volume of sections (a protocol, a plan, a report, a slide deck ...), each
      section starting on a new page with its own title page; every source page is filled to
      less than a page, so PDF page k is source page k and the manifest knows where each
      section starts. The text is a word-bigram chain trained on sample-docs/src (so it has the
      samples' vocabulary and Latvian inflections), with names, dates and numbers varied.
      make-scale-corpus.sh converts the sources with the real producers.

  docs  --n N --seed S --pool POOL --out OUT
      Plans N documents as page ranges of the base PDFs (one or more sections from a section
      start, sometimes cut short, sometimes with an annex from another volume; about 10 pages on
      average), names them like the real files, and writes them with
      `qpdf [--empty|BASE] --deterministic-id --pages ... --` on all cores. No two documents
      have the same pages, so no two have the same bytes.
"""

import argparse
import concurrent.futures
import hashlib
import html
import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "sample-docs" / "src"
GENERATOR_VERSION = "3"

# ------------------------------------------------------------------ domain data

CYCLES = {1: (2012, 2014), 2: (2015, 2017), 3: (2017, 2019), 4: (2020, 2021), 5: (2022, 2025)}
ORD_NOM = {1: "Pirmais", 2: "Otrais", 3: "Trešais", 4: "Ceturtais", 5: "Piektais"}
ORD_GEN = {1: "Pirmā", 2: "Otrā", 3: "Trešā", 4: "Ceturtā", 5: "Piektā"}
ORD_EN = {1: "First", 2: "Second", 3: "Third", 4: "Fourth", 5: "Fifth"}
ASCII = str.maketrans("āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ", "acegiklnsuzACEGIKLNSUZ")
MONTH_LOC = "janvārī februārī martā aprīlī maijā jūnijā jūlijā augustā septembrī oktobrī novembrī decembrī".split()
MONTH_GEN = "janvāra februāra marta aprīļa maija jūnija jūlija augusta septembra oktobra novembra decembra".split()
MONTH_EN = "January February March April May June July August September October November December".split()
FIRST_F = "Ilze Līga Ērika Dace Agnese Ņina Rasma Elīna Helēna Inese Anna Kristīne Zane Sandra Baiba Māra Ieva Laura Gunta Vija".split()
FIRST_M = "Kārlis Māris Ģirts Uldis Jānis Andris Pēteris Edgars Raimonds Aivars Juris Valdis Mārtiņš Roberts Artūrs Gatis Oskars Krišjānis".split()
SUR_F = "Bērziņa Ozoliņa Vītola Ļaudaka Žogota Krūmiņa Kalniņa Grīnberga Novikova Liepiņa Kalēja Jansone Ozola Eglīte Pētersone Siliņa Zariņa Lāce Sproģe Ābele".split()
SUR_M = "Šteins Ķēniņš Čakste Ūdris Priedītis Bērziņš Ozoliņš Kalniņš Liepiņš Jansons Ozols Kļaviņš Zariņš Siliņš Lācis Vanags Krastiņš Purviņš Āboliņš Vītols".split()
INSTITUTIONS = [
    "Valsts kanceleja", "Finanšu ministrija", "Tieslietu ministrija", "Izglītības un zinātnes ministrija",
    "Vides aizsardzības un reģionālās attīstības ministrija", "Ekonomikas ministrija", "Kultūras ministrija",
    "Labklājības ministrija", "Veselības ministrija", "Satiksmes ministrija", "Zemkopības ministrija",
    "Iekšlietu ministrija", "Aizsardzības ministrija", "Ārlietu ministrija", "Korupcijas novēršanas un apkarošanas birojs",
    "Sabiedrības integrācijas fonds", "Latvijas Pašvaldību savienība", "Jaunatnes starptautisko programmu aģentūra",
    "Valsts ieņēmumu dienests", "Iepirkumu uzraudzības birojs", "Uzņēmumu reģistrs", "Centrālā statistikas pārvalde",
    'biedrība "Latvijas Pilsoniskā alianse"', 'biedrība "Sabiedrība par atklātību – Delna"',
    'biedrība "Latvijas Jaunatnes padome"', 'Sabiedriskās politikas centrs "Providus"', "OGP sekretariāts",
]
PLACES = "Rīga Daugavpils Liepāja Jelgava Jūrmala Ventspils Rēzekne Valmiera Jēkabpils Ogre Tukums Cēsis Kuldīga Sigulda Madona Talsi Bauska Dobele Ķekava Mārupe Ādaži Saulkrasti Limbaži Alūksne Gulbene Balvi Ludza Krāslava Preiļi Smiltene".split()
EN_FIRST = "Anna Mark Sarah David Laura James Helen Peter".split()
EN_SUR = "Smith Novak Jensen Müller García Rossi Brown Kowalski".split()


# ------------------------------------------------------------------ text model

def _strip_tags(s):
    s = re.sub(r"<text:tab/>", " ", s)
    s = re.sub(r"<[^>]+>", "", s)
    return html.unescape(s).strip()


def _ms_text(line):
    for a, b in [(r"\(en", "–"), (r"\(em", "—"), (r"\(lq", "“"), (r"\(rq", "”"), (r"\&", ""), (r"\e", "\\")]:
        line = line.replace(a, b)
    return re.sub(r"\\[fs]\S|\\[a-zA-Z]", "", line).strip()


def training_paragraphs():
    """(lang, paragraph) pairs from the sample sources."""
    out = []
    for f in sorted(SRC.iterdir()):
        if not f.is_file():
            continue  # e.g. scans/: sources of image-only samples
        lang = "en" if f.name.startswith(("Latvia_", "OGP_Paris")) else "lv"
        t = f.read_text(encoding="utf-8")
        paras = []
        if f.suffix in (".fodt", ".fodp"):
            body = t.split("<office:body>", 1)[-1]
            paras = [_strip_tags(m) for m in re.findall(r"<text:[ph]\b[^>]*>(.*?)</text:[ph]>", body, re.S)]
        elif f.suffix == ".html":
            body = t.split("<body>", 1)[-1]
            paras = [_strip_tags(m) for m in re.findall(r"<(?:p|li|td|th|h\d)\b[^>]*>(.*?)</(?:p|li|td|th|h\d)>", body, re.S)]
        elif f.suffix == ".ms":
            cur = []
            for line in t.splitlines():
                if line.startswith("."):
                    if cur:
                        paras.append(" ".join(cur))
                        cur = []
                    m = re.match(r'\.(?:B|I|IP)\s+"([^"]+)"', line)
                    if m:
                        paras.append(_ms_text(m.group(1)))
                else:
                    cur.append(_ms_text(line))
            if cur:
                paras.append(" ".join(cur))
        for p in paras:
            p = p.lstrip("•–- ").strip()
            if len(p.split()) >= 4:
                out.append((lang, p))
    return out


# Latvian ending families (one lemma's case forms): a word ending in one of them may get
# another ending of its family, so the text has more inflected forms than the samples.
LV_FAMILIES = [
    ["ība", "ības", "ībai", "ību", "ībā", "ībām", "ībās"],
    ["ija", "ijas", "ijai", "iju", "ijā", "ijām", "ijās"],
    ["šana", "šanas", "šanai", "šanu", "šanā", "šanām", "šanās"],
    ["ums", "uma", "umam", "umu", "umā", "umi", "umiem", "umus", "umos"],
    ["nieks", "nieka", "niekam", "nieku", "niekā", "nieki", "niekiem", "niekus", "niekos"],
    ["ājs", "āja", "ājam", "āju", "ājā", "āji", "ājiem", "ājus", "ājos"],
    ["ais", "ajam", "ajā", "ajiem", "ajos", "ajām", "ajās"],
    ["ākais", "ākā", "ākajam", "āko", "ākajā", "ākie", "ākajiem", "ākos"],
    ["ēja", "ējas", "ējai", "ēju", "ējā", "ējām", "ējās"],
    ["ste", "stes", "stei", "sti", "stē", "stēm", "stēs"],
]
LV_ENDINGS = sorted(((e, f) for f in LV_FAMILIES for e in f), key=lambda x: -len(x[0]))


def inflect(rng, w):
    core = w.rstrip(".,;:!?)\"”")
    tail = w[len(core):]
    if len(core) < 6 or not core.isalpha():
        return w
    for e, fam in LV_ENDINGS:
        if core.endswith(e) and len(core) - len(e) >= 3:
            return core[: -len(e)] + rng.choice(fam) + tail
    return w


def _ends_sentence(w):
    core = w.rstrip('.!?"”)')
    return w[-1:] in ".!?" and len(core) >= 4 and core.isalpha()


class Chain:
    """A word-bigram chain; tokens keep their punctuation."""

    def __init__(self, paragraphs, lang):
        self.lang = lang
        self.next = {}
        self.starts = []
        for p in paragraphs:
            words = p.split()
            prev = None
            for w in words:
                if prev is None:
                    if w[:1].isupper():
                        self.starts.append(w)
                else:
                    self.next.setdefault(prev, []).append(w)
                prev = None if _ends_sentence(w) else w
        for k in self.next:
            self.next[k].sort()
        self.starts.sort()

    def sentence(self, rng, lo=6, hi=30):
        for _ in range(20):
            w = rng.choice(self.starts)
            out = [w]
            while not _ends_sentence(w) and len(out) < hi:
                nxt = self.next.get(w)
                if not nxt:
                    break
                w = rng.choice(nxt)
                out.append(w)
            if len(out) >= lo:
                break
        if self.lang == "lv":
            out = [inflect(rng, x) if rng.random() < 0.3 else x for x in out]
        s = " ".join(vary_numbers(rng, x) for x in out).rstrip(",;:–- ")
        if s[-1:] not in ".!?":
            s += "."
        return s

    def phrase(self, rng, lo=2, hi=7):
        s = self.sentence(rng, lo, hi).rstrip(".")
        return s[:1].upper() + s[1:]


def vary_numbers(rng, w):
    """Numbers get new digits of the same shape: years stay years, "21.03.2023" stays a date."""
    if not any(c.isdigit() for c in w) or rng.random() < 0.5:
        return w

    def one(m):
        d = m.group(0)
        if len(d) == 4 and d[:2] in ("19", "20"):
            return str(rng.randint(2011, 2025))
        if len(d) <= 2 and m.end() < len(w) and w[m.end()] == ".":
            return str(rng.randint(1, 12 if m.start() > 0 else 28)).zfill(len(d))
        return "".join(str(rng.randint(1 if i == 0 else 0, 9)) for i in range(len(d)))

    return re.sub(r"\d+", one, w)


def person(rng, lang="lv"):
    if lang == "en":
        return f"{rng.choice(EN_FIRST)} {rng.choice(EN_SUR)}"
    if rng.random() < 0.5:
        return f"{rng.choice(FIRST_F)} {rng.choice(SUR_F)}"
    return f"{rng.choice(FIRST_M)} {rng.choice(SUR_M)}"


def initial(name):
    first, last = name.split(" ", 1)
    return f"{first[0]}. {last}"


# ------------------------------------------------------------------ sections

def plan_range(c, style="lv"):
    a, b = CYCLES[c]
    return {"lv": f"{a}.–{b}.", "dash": f"{a}–{b}", "file": f"{a}-{b}"}[style]


def session_dates(rng):
    """A few meeting dates per cycle (ISO strings)."""
    out = {}
    for c, (a, b) in CYCLES.items():
        ds = set()
        while len(ds) < 10:
            y = rng.randint(a, b)
            ds.add(f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
        out[c] = sorted(ds)
    return out


def lv_date_long(iso):
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}. gada {d}. {MONTH_LOC[m - 1]}"


def en_date(iso):
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{d} {MONTH_EN[m - 1]} {y}"


class Page:
    """One page of source: a list of (style, text) blocks; 'table' blocks hold rows."""

    def __init__(self):
        self.blocks = []

    def add(self, style, text):
        self.blocks.append((style, text))
        return self


def words_of(page):
    n = 0
    for style, t in page.blocks:
        if style == "table":
            n += sum(len(" ".join(r).split()) + 3 for r in t)
        else:
            n += len(t.split())
    return n


def fill(page, rng, chain, budget, para=(2, 5), speakers=None):
    while words_of(page) < budget:
        k = rng.randint(*para)
        sents = [chain.sentence(rng) for _ in range(k)]
        if speakers and rng.random() < 0.6:
            sents[0] = f"{initial(rng.choice(speakers))} {rng.choice(['informē, ka', 'norāda, ka', 'uzsver, ka', 'ierosina, ka', 'piekrīt un piebilst, ka'])} {sents[0][0].lower()}{sents[0][1:]}"
        text = " ".join(sents)
        room = budget + 20 - words_of(page)
        if len(text.split()) > room:
            text = " ".join(text.split()[: max(room, 8)]).rstrip(",;:") + "."
        page.add("p", text)
    return page


def make_section(rng, chain, kind, lang, cycle, date, n_pages, producer, dense):
    """Pages of one section, the first a title page. Returns (title, pages)."""
    budget = 300 if dense else 40  # words per page; slides hold little
    rng_c = ORD_GEN[cycle] if cycle else ""
    pages = []
    p = Page()
    people = [person(rng, lang) for _ in range(rng.randint(5, 12))]
    if lang == "en":
        r = plan_range(cycle, "dash") if cycle else ""
        title = {
            "plan": f"Latvia's {ORD_EN.get(cycle, '')} National Action Plan for Open Government {r}",
            "report": f"Latvia {rng.choice(['Design Report', 'End-of-Term Report', 'Transitional Results Report'])} {r}",
            "declaration": f"Open Government Partnership {rng.choice(['Joint Declaration', 'Declaration on Open Government', 'Summit Declaration'])} {date[:4]}",
        }[kind]
        p.add("title", title)
        p.add("center", rng.choice(["Independent Reporting Mechanism", "State Chancellery of Latvia", "Open Government Partnership"]))
        if kind != "declaration":
            p.add("center", f"Riga, {en_date(date)}")
    elif kind == "protocol":
        n = rng.randint(1, 30)
        what = rng.choice(["uzraudzības padomes sēdes protokols", "darba grupas sanāksmes protokols", "padomes sēdes protokols"])
        title = f"Latvijas {rng_c} nacionālā atvērtās pārvaldības rīcības plāna {plan_range(cycle)} gadam {what} Nr. {n}"
        p.add("center", "VALSTS KANCELEJA").add("title", title)
        p.add("center", f"Rīgā, Brīvības bulvārī 36, {lv_date_long(date)}")
        p.add("p", f"Sēde sākas plkst. {rng.randint(9, 15)}.{rng.choice(['00', '15', '30'])}. Sēdi vada: {people[0]}. Protokolē: {people[1]}.")
        if dense:
            p.add("h", "SĒDES DARBA KĀRTĪBA")
            for i in range(rng.randint(3, 5)):
                p.add("li", f"{i + 1}.\t{chain.phrase(rng, 3, 10)}.")
            rows = [["Vārds, uzvārds", "Institūcija"]] + [[x, rng.choice(INSTITUTIONS)] for x in people[: rng.randint(4, 8)]]
            p.add("table", rows)
    elif kind == "presentation":
        title = f"Latvijas {rng_c} nacionālā atvērtās pārvaldības rīcības plāna {plan_range(cycle)} gadam īstenošana"
        p.add("center", rng.choice(["Valsts kancelejas prezentācija", "OGP sekretariāta prezentācija", "Prezentācija"]))
        p.add("title", title)
        d = date.split("-")
        p.add("center", f"Uzraudzības padomes sēde, {d[2]}.{d[1]}.{d[0]}.")
    else:
        r = plan_range(cycle)
        title = {
            "plan": f"Latvijas {ORD_NOM[cycle].lower()} nacionālais atvērtās pārvaldības rīcības plāns {r} gadam",
            "report": f"Valsts kancelejas ziņojums par Latvijas {rng_c} nacionālā atvērtās pārvaldības rīcības plāna {r} gadam izpildi",
            "evaluation": f"Latvijas {rng_c.lower()} nacionālā atvērtās pārvaldības rīcības plāna {r} gadam vidusposma izvērtējums",
            "survey": f"Aptaujas rezultāti: atvērtās pārvaldības principu veicināšana Latvijā, {date[:4]}",
            "discussion": f"OGP{cycle} diskusiju dokuments: {chain.phrase(rng, 3, 8).lower()}",
            "participants": f"Darba grupas dalībnieku saraksts, {lv_date_long(date)}",
        }[kind]
        p.add("center", "Valsts kanceleja").add("title", title)
        p.add("center", f"Rīga, {date[:4]}")
        if kind == "participants":
            rows = [["Nr.", "Vārds, uzvārds", "Institūcija"]] + [
                [str(i + 1), person(rng), rng.choice(INSTITUTIONS)] for i in range(rng.randint(8, 16))
            ]
            p.add("table", rows)
    has_table = any(style == "table" for style, _ in p.blocks)
    fill(p, rng, chain, (budget // 3 if has_table else budget * 2 // 3) if dense else 10, para=(1, 3) if dense else (1, 1))
    pages.append(p)
    for i in range(1, n_pages):
        p = Page()
        if not dense:
            p.add("slide-title", chain.phrase(rng, 2, 6))
            for _ in range(rng.randint(3, 5)):
                p.add("li", chain.phrase(rng, 4, 10))
        else:
            p.add("h", f"{i}. {chain.phrase(rng, 2, 7)}" if kind in ("protocol", "plan", "report") else chain.phrase(rng, 2, 7))
            fill(p, rng, chain, budget - rng.randint(0, 80), speakers=people if kind == "protocol" else None)
            if kind == "protocol" and rng.random() < 0.5:
                d = chain.sentence(rng, 5, 16)
                p.add("p", f"NOLEMJ: {d[0].lower()}{d[1:]}")
            if kind in ("survey", "report") and rng.random() < 0.3:
                rows = [["Rādītājs", "Vērtība"]] + [[chain.phrase(rng, 2, 5), f"{rng.randint(1, 99)} %"] for _ in range(rng.randint(3, 6))]
                p.add("table", rows)
        pages.append(p)
    return title, pages


# ------------------------------------------------------------------ writers

def _x(s):
    return html.escape(s, quote=False)


def fodt(template, title, lang, font, pages):
    head, _, _ = template.partition("<office:body>")
    head = re.sub(r"<dc:title>.*?</dc:title>", f"<dc:title>{_x(title)}</dc:title>", head)
    head = re.sub(r"<dc:language>.*?</dc:language>", f"<dc:language>{'en-GB' if lang == 'en' else 'lv-LV'}</dc:language>", head)
    if lang == "en":
        head = head.replace('fo:language="lv" fo:country="LV"', 'fo:language="en" fo:country="GB"')
    head = head.replace("Liberation Serif", font)
    # Each source page must stay one PDF page whatever the font's metrics on this machine
    # (LibreOffice 7.4 builds differ by a line now and then with DejaVu Sans): a page 1.3 cm
    # taller than the sample's, the text unchanged.
    head = head.replace('fo:margin-top="2cm" fo:margin-bottom="1.5cm"', 'fo:margin-top="1.2cm" fo:margin-bottom="1cm"', 1)
    body = []
    tn = 0
    for pi, page in enumerate(pages):
        for bi, (style, t) in enumerate(page.blocks):
            first = pi > 0 and bi == 0
            if style == "table":
                tn += 1
                cols = len(t[0])
                body.append(f'<table:table table:name="T{tn}" table:style-name="Tbl">')
                body.append(f'<table:table-column table:number-columns-repeated="{cols}"/>')
                for ri, row in enumerate(t):
                    cs = "Table_20_Heading" if ri == 0 else "Table_20_Contents"
                    cells = "".join(
                        f'<table:table-cell table:style-name="Cell" office:value-type="string"><text:p text:style-name="{cs}">{_x(c)}</text:p></table:table-cell>'
                        for c in row
                    )
                    body.append(f"<table:table-row>{cells}</table:table-row>")
                body.append("</table:table>")
                continue
            if style == "h":
                st = "PB" if first else "Heading_20_1"
                body.append(f'<text:h text:style-name="{st}" text:outline-level="1">{_x(t)}</text:h>')
                continue
            st = {"title": "Title", "center": "Center", "p": "Standard", "li": "List_20_Item"}[style]
            if first:
                st = {"Center": "PBC", "Title": "PBT"}.get(st, "PBS")
            body.append(f'<text:p text:style-name="{st}">{_x(t).replace(chr(9), "<text:tab/>")}</text:p>')
    extra = (
        '<style:style style:name="PBC" style:family="paragraph" style:parent-style-name="Center">'
        '<style:paragraph-properties fo:break-before="page"/></style:style>\n'
        '<style:style style:name="PBT" style:family="paragraph" style:parent-style-name="Title">'
        '<style:paragraph-properties fo:break-before="page"/></style:style>\n </office:automatic-styles>'
    )
    head = head.replace("</office:automatic-styles>", extra, 1)
    return head + "<office:body>\n  <office:text>\n" + "\n".join(body) + "\n  </office:text>\n </office:body>\n</office:document>\n"


def fodp(template, title, lang, pages):
    head, _, _ = template.partition("<office:body>")
    head = head.replace("<office:meta>", f"<office:meta>\n  <dc:title>{_x(title)}</dc:title>", 1)
    if lang == "en":
        head = head.replace("lv-LV", "en-GB").replace('fo:language="lv" fo:country="LV"', 'fo:language="en" fo:country="GB"')
    out = []
    for i, page in enumerate(pages):
        out.append(f'<draw:page draw:name="page{i + 1}" draw:style-name="dp1" draw:master-page-name="Default">')
        if i == 0:
            out.append('<draw:frame draw:style-name="band" svg:x="0cm" svg:y="0cm" svg:width="28cm" svg:height="1.2cm"><draw:text-box/></draw:frame>')
            out.append('<draw:frame draw:style-name="boxc" svg:x="2cm" svg:y="2.5cm" svg:width="24cm" svg:height="10.5cm"><draw:text-box>')
            for style, t in page.blocks:
                st = "Pbig" if style == "title" else ("Pcenter" if style == "center" else "Pbody")
                out.append(f'<text:p text:style-name="{st}">{_x(t)}</text:p>')
            out.append("</draw:text-box></draw:frame>")
        else:
            out.append('<draw:frame draw:style-name="band" svg:x="0cm" svg:y="0cm" svg:width="28cm" svg:height="2.6cm"><draw:text-box/></draw:frame>')
            (_, t0), rest = page.blocks[0], page.blocks[1:]
            out.append(f'<draw:frame draw:style-name="boxc" svg:x="1.2cm" svg:y="0.2cm" svg:width="25.6cm" svg:height="2.2cm"><draw:text-box><text:p text:style-name="Ptitle">{_x(t0)}</text:p></draw:text-box></draw:frame>')
            out.append('<draw:frame draw:style-name="box" svg:x="1.2cm" svg:y="3.1cm" svg:width="25.6cm" svg:height="11cm"><draw:text-box>')
            for _, t in rest:
                out.append(f'<text:p text:style-name="Pbullet">•  {_x(t)}</text:p>')
            out.append("</draw:text-box></draw:frame>")
        out.append(f'<draw:frame draw:style-name="box" svg:x="14cm" svg:y="14.7cm" svg:width="13.5cm" svg:height="0.9cm"><draw:text-box><text:p text:style-name="Pfoot">Valsts kanceleja  |  {i + 1}</text:p></draw:text-box></draw:frame>')
        out.append("</draw:page>")
    return head + "<office:body>\n  <office:presentation>\n" + "\n".join(out) + "\n  </office:presentation>\n </office:body>\n</office:document>\n"


def _g(s):
    s = s.replace("\\", "\\e")
    return "\\&" + s if s[:1] in ".'" else s


def groff_ms(title, pages, header):
    out = [
        ".nr HY 0", ".nr PS 11", ".nr VS 14", ".nr LL 16c", ".nr PO 2.5c", ".nr HM 2c", ".nr FM 2c",
        ".pl 29.7c", f".ds CH {_g(header)} \\(em %", ".ND",
    ]
    for pi, page in enumerate(pages):
        if pi > 0:
            out.append(".bp")
        for style, t in page.blocks:
            if style == "title":
                out += [".SH", _g(t)]
            elif style == "center":
                out += [".ce", _g(t)]
            elif style == "h":
                out += [".NH", _g(t)]
            elif style == "li":
                num, _, rest = t.partition("\t")
                out += [f".IP {num} 4", _g(rest or num)]
            elif style == "table":
                out += [".PP", ".TS", "allbox;", " ".join("l" for _ in t[0]) + "."]
                out += ["\t".join(c.replace("\t", " ") for c in row) for row in t]
                out.append(".TE")
            else:
                out += [".PP", _g(t)]
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ pool

# (producer, lang, kinds, number of base documents, pages per base document)
POOL_MIX = [
    ("writer", "lv", ["protocol"], 8, 64),
    ("writer", "lv", ["plan", "report"], 6, 64),
    ("writer", "lv", ["survey", "discussion", "participants"], 4, 48),
    ("writer", "en", ["plan", "report"], 2, 48),
    ("impress", "lv", ["presentation"], 8, 48),
    ("groff-ps-lv", "lv", ["evaluation", "report"], 8, 64),
    ("groff-ps", "en", ["plan", "report"], 4, 64),
    ("gropdf", "en", ["report", "declaration"], 2, 40),
]
FONTS = ["Liberation Serif", "Liberation Sans", "DejaVu Sans", "Liberation Serif"]


def section_length(rng, dense):
    if not dense:
        return rng.randint(6, 16)
    r = rng.random()
    if r < 0.3:
        return rng.randint(1, 3)
    if r < 0.8:
        return rng.randint(4, 10)
    return rng.randint(11, 24)


def cmd_pool(args):
    rng = random.Random(f"pool-{args.seed}")
    paras = training_paragraphs()
    chains = {lang: Chain([p for l, p in paras if l == lang], lang) for lang in ("lv", "en")}
    dates = session_dates(rng)
    fodt_t = (SRC / "2023-03-21_sedes_protokols.fodt").read_text(encoding="utf-8")
    fodp_t = (SRC / "VK_prezentacija.fodp").read_text(encoding="utf-8")
    pool = Path(args.dir)
    (pool / "src").mkdir(parents=True, exist_ok=True)
    manifest = {"version": GENERATOR_VERSION, "seed": args.seed, "bases": []}
    k = 0
    for producer, lang, kinds, count, target in POOL_MIX:
        for _ in range(count):
            k += 1
            dense = producer != "impress"
            cycle_choices = [1, 2, 3, 4, 5] if lang == "lv" else [2, 3, 4, 5]
            sections, pages = [], []
            while len(pages) < target:
                kind = rng.choice(kinds)
                cycle = rng.choice(cycle_choices)
                date = rng.choice(dates[cycle])
                if kind == "declaration":
                    cycle, date = None, rng.choice(["2011-09-20", "2016-12-08", "2019-05-30", "2023-09-06"])
                n = min(section_length(rng, dense), target - len(pages))
                title, sp = make_section(rng, chains[lang], kind, lang, cycle, date, n, producer, dense)
                sections.append({"start": len(pages) + 1, "pages": n, "kind": kind, "cycle": cycle, "date": date, "lang": lang, "title": title})
                pages += sp
            name = f"base{k:03d}-{producer}-{lang}"
            vol_title = sections[0]["title"] if rng.random() < 0.7 else ""
            if producer == "writer":
                src = fodt(fodt_t, vol_title, lang, rng.choice(FONTS), pages)
                ext = "fodt"
            elif producer == "impress":
                src = fodp(fodp_t, vol_title, lang, pages)
                ext = "fodp"
            else:
                src = groff_ms(sections[0]["title"], pages, "Valsts kanceleja" if lang == "lv" else "Open Government Partnership")
                if producer != "groff-ps-lv":
                    src = src.translate(ASCII)  # groff's stock fonts have no Latvian letters
                ext = "ms"
            (pool / "src" / f"{name}.{ext}").write_text(src, encoding="utf-8")
            manifest["bases"].append({"name": name, "producer": producer, "pages": len(pages), "sections": sections})
    (pool / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"pool: {k} base documents, {sum(b['pages'] for b in manifest['bases'])} pages of source")


# ------------------------------------------------------------------ documents

def file_name(rng, s):
    kind, c, lang = s["kind"], s["cycle"], s["lang"]
    if s["date"]:
        y, m, d = s["date"].split("-")
    ordn = ORD_NOM.get(c, "")
    ordg = ORD_GEN.get(c, "").lower()
    rng_file = plan_range(c, "file") if c else ""
    t = {
        "protocol": [f"{y}-{m}-{d}_sedes_protokols", f"Padomes_sede_{y}_{m}_{d}_protokols", f"Sanaksmes_protokols_{d}.{m}.{y}",
                     f"sedes_protokols_{y}-{m}-{d}", "Sēdes protokols", f"Uzraudzības padomes sēdes protokols {d}.{m}.{y}", f"Protokols_{y}{m}{d}"],
        "presentation": [f"Uzraudzibas_padome_{y}-{m}-{d}_prezentacija", f"VK_prezentacija_{y}{m}{d}.pptx", "Valsts kancelejas prezentācija",
                         "OGP_sekretariata_prezentacija", "VK_prezentacija"],
        "plan": [f"{ordn}_NAP_{rng_file}", f"Latvijas {ordn.lower()} nacionālais rīcības plāns(LV)", f"{ordn.translate(ASCII)}_atvertas_parvaldibas_plans_{rng_file}",
                 f"{ordn} nacionālais atvērtās pārvaldības rīcības plāns {plan_range(c)}gadam"] if lang == "lv" else
                [f"Latvia_{ORD_EN.get(c, '')}_National_Action_Plan_{rng_file}_EN", f"Latvijas {ordn} Nacionālais atvērtās pārvaldības plāns (English)"],
        "report": [f"VK_zinojums_par_OGP{c}_izpildi", f"Latvijas {ordg} nacionālā rīcības plāna nobeiguma ziņojums(LV)"] if lang == "lv" else
                  [f"Latvia_Design_Report_{rng_file}", f"Latvia_End-of-Term_Report_{rng_file}", f"Latvia {rng_file} Design Report in Latvian and English(LV, ENG)"],
        "evaluation": [f"{ordg.translate(ASCII).capitalize()}_plana_vidusposma_izvertejums", f"Vidusposma izvērtējums par plāna izpildi {y}.gadā",
                       f"Latvijas {ordg} nacionālā rīcības plāna vidusposma izvērtējums(LV)"],
        "survey": [f"Aptaujas_rezultati_{y}", "aptaujas rezultāti"],
        "discussion": [f"OGP{c}_diskusiju_dokuments", f"Latvijas {ordn} atvērtās pārvaldes rīcības plāns: diskusiju dokuments".replace(":", " -")],
        "participants": [f"{y}-{m}-{d}_darba_grupa_dalibnieku_saraksts", "Iesaistīto pušu foruma dalībnieku saraksts"],
        "declaration": [f"OGP_Paris_Declaration_{y}", f"OGP {y}.gada samita deklarācija (ENG)"],
    }[kind]
    return rng.choice(t)


def doc_length(rng):
    r = rng.random()
    if r < 0.25:
        return rng.randint(1, 3)
    if r < 0.72:
        return rng.randint(4, 12)
    if r < 0.95:
        return rng.randint(13, 24)
    return rng.randint(25, 40)


def plan_docs(bases, n, seed):
    """[(relative file name, [(base index, first page, last page)], keep the base's Info)]"""
    weights = [b["pages"] for b in bases]
    rng = random.Random(f"docs-{seed}-{n}")
    seen, names, jobs = set(), set(), []
    while len(jobs) < n:
        b = rng.choices(range(len(bases)), weights)[0]
        base = bases[b]
        sec = rng.choice(base["sections"])
        want = doc_length(rng)
        annex = rng.random() < 0.12
        for attempt in range(50):
            # Documents start at a section's title page; when that selection is taken, an
            # excerpt starting on any page of the section (so lengths keep their distribution).
            first = sec["start"] if attempt == 0 else rng.randint(sec["start"], sec["start"] + sec["pages"] - 1)
            last = min(first + want - 1, base["pages"])
            ranges = [(b, first, last)]
            if annex or (last - first + 1) < want // 2:
                # an annex: a run of pages from another volume
                b2 = rng.randrange(len(bases))
                s2 = rng.choice(bases[b2]["sections"])
                n2 = rng.randint(1, 6)
                ranges.append((b2, s2["start"], min(s2["start"] + n2 - 1, bases[b2]["pages"])))
            key = tuple(ranges)
            if key not in seen:
                break
        else:
            continue
        seen.add(key)
        folder = f"OGP{sec['cycle']}" if sec["cycle"] else "citi"
        stem = file_name(rng, sec)
        name, i = f"{folder}/{stem}.pdf", 1
        while name in names:
            i += 1
            name = f"{folder}/{stem}" + rng.choice([f"_{i}", f" ({i})", f"_v{i}"]) + ".pdf"
        names.add(name)
        keep_info = rng.random() < 0.6 and ranges[0][0] == b
        jobs.append((name, ranges, keep_info))
    return jobs


def cmd_docs(args):
    pool = Path(args.pool)
    manifest = json.loads((pool / "manifest.json").read_text(encoding="utf-8"))
    bases = manifest["bases"]
    jobs = plan_docs(bases, args.n, args.seed)
    total_pages = sum(c - a + 1 for _, r, _ in jobs for _, a, c in r)
    out = Path(args.out)
    plan = hashlib.sha256(json.dumps([manifest["version"], jobs], ensure_ascii=False).encode()).hexdigest()
    stamp = out / ".complete"
    if stamp.is_file() and stamp.read_text().strip() == plan:
        print(f"corpus up to date: {args.n} documents, {total_pages} pages in {out}")
        return
    if out.exists() and any(out.iterdir()):
        # Only ever delete a folder this script wrote.
        if not (out / "corpus.json").is_file() and not stamp.is_file():
            sys.exit(f"{out} is not empty and not a scale corpus: not touching it")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    for d in {Path(n).parent for n, _, _ in jobs}:
        (out / d).mkdir(parents=True, exist_ok=True)

    def run(job):
        name, ranges, keep_info = job
        base_pdf = lambda i: str(pool / "pdf" / f"{bases[i]['name']}.pdf")
        cmd = ["qpdf", base_pdf(ranges[0][0]) if keep_info else "--empty", "--deterministic-id", "--pages"]
        for i, a, c in ranges:
            cmd += [base_pdf(i), f"{a}-{c}"]
        cmd += ["--", str(out / name)]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode not in (0, 3):  # 3: warnings
            return f"{name}: {r.stderr.strip()}"
        return None

    errors = []
    workers = os.cpu_count() or 2
    with concurrent.futures.ThreadPoolExecutor(workers) as ex:
        for i, err in enumerate(ex.map(run, jobs)):
            if err:
                errors.append(err)
            if (i + 1) % 1000 == 0:
                print(f"  {i + 1}/{len(jobs)} documents", flush=True)
    if errors:
        sys.exit("qpdf failed:\n" + "\n".join(errors[:10]))
    (out / "corpus.json").write_text(
        json.dumps({"documents": args.n, "pages": total_pages, "seed": args.seed, "files": [[n, sum(c - a + 1 for _, a, c in r)] for n, r, _ in jobs]},
                   ensure_ascii=False, indent=0),
        encoding="utf-8",
    )
    stamp.write_text(plan + "\n")
    print(f"corpus: {args.n} documents, {total_pages} pages in {out}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("pool")
    p.add_argument("--seed", required=True)
    p.add_argument("--dir", required=True)
    d = sub.add_parser("docs")
    d.add_argument("--n", type=int, required=True)
    d.add_argument("--seed", required=True)
    d.add_argument("--pool", required=True)
    d.add_argument("--out", required=True)
    a = ap.parse_args()
    {"pool": cmd_pool, "docs": cmd_docs}[a.cmd](a)


if __name__ == "__main__":
    main()
