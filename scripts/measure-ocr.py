#!/usr/bin/env python3
"""Measures OCR settings on tests/fixtures/ocr (a research tool; prints markdown tables).

For every page of every fixture PDF it runs the Tesseract CLI (`tesseract IMG stdout -l
lav+eng`, single-threaded: OMP_THREAD_LIMIT=1) on
  - the page rendered by `pdftoppm -r R -gray` (R = 150, 200, 300), and
  - the page's embedded image taken out as it is stored (`pdfimages -all`: JPEG passed
    straight, Flate as PNG, CCITT wrapped in a minimal TIFF by this script),
with page segmentation `--psm 1` (auto + OSD), `--psm 3` (auto, no OSD) and `--psm 0`
(OSD only: "Rotate: N") + rotating the image + `--psm 3`, and compares the text with the
ground truth `<name>.txt` (pages separated by form feeds):

    similarity = 1 - levenshtein(a, b) / max(len(a), len(b))   (1.0 when both are empty)

over characters, after splitting both on whitespace and joining with single spaces.
Seconds are wall-clock and CPU (user+sys of the child processes) per page; the image
preparation (pdftoppm / pdfimages / rotation) is counted in.

Sections (--section, repeatable; default: all but ocrmypdf):
  main      the source x psm matrix above
  extras    one-at-a-time changes on the 300 dpi render: no --dpi, --oem 1, -l lav only,
            -c tessedit_do_invert=0, -c thresholding_method=2 (Sauvola), -c
            preserve_interword_spaces=1, and the CCITT image wrapped with the wrong polarity
  tsv       TSV output: columns, conf of non-word rows, text rebuilt from the boxes
  ocrmypdf  `ocrmypdf -l lav+eng --force-ocr` then `pdftotext`, with --jobs 1 and default
            jobs, PDF/A (default) vs --output-type pdf, --rotate-pages --deskew

Keep OMP_THREAD_LIMIT=1: on a busy 2-core machine Tesseract with 2 OpenMP threads took 35 s
for a page that takes 2.8 s with one (spin-waiting threads).
Needs: tesseract (+ lav, eng, osd data), poppler-utils, imagemagick, qpdf; rapidfuzz is
used for Levenshtein when installed (a pure-Python fallback otherwise); ocrmypdf for that
section.  Usage: scripts/measure-ocr.py [--fixtures DIR] [--only NAME ...] [--section S]
[--json FILE] [--extractor target/debug/ogp-archive]
"""
import argparse
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENV = dict(os.environ, OMP_THREAD_LIMIT='1', LC_ALL='C.UTF-8')

try:
    from rapidfuzz.distance import Levenshtein as _rf

    def levenshtein(a, b):
        return _rf.distance(a, b)
except ImportError:  # pragma: no cover
    def levenshtein(a, b):
        if len(a) < len(b):
            a, b = b, a
        prev = list(range(len(b) + 1))
        for i, ca in enumerate(a, 1):
            cur = [i]
            for j, cb in enumerate(b, 1):
                cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
            prev = cur
        return prev[-1]


def norm(s):
    return ' '.join(s.split())


def similarity(a, b):
    a, b = norm(a), norm(b)
    n = max(len(a), len(b))
    return 1.0 if n == 0 else 1 - levenshtein(a, b) / n


class Clock:
    """Wall and child-CPU seconds of everything run between start and stop."""
    def __enter__(self):
        t = os.times()
        self.w, self.c = time.perf_counter(), t.children_user + t.children_system
        return self

    def __exit__(self, *exc):
        t = os.times()
        self.wall = time.perf_counter() - self.w
        self.cpu = t.children_user + t.children_system - self.c


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, env=ENV, **kw)


def pages_of(pdf):
    out = run(['pdfinfo', pdf]).stdout.decode()
    return int(re.search(r'^Pages:\s+(\d+)', out, re.M).group(1))


def truth_pages(txt):
    t = open(txt, encoding='utf-8').read().split('\f')
    return t[:-1] if t and t[-1].strip() == '' else t


# ---- image sources --------------------------------------------------------------------------
def render(pdf, page, dpi, tmp):
    base = os.path.join(tmp, 'r%d-%d' % (dpi, page))
    run(['pdftoppm', '-r', str(dpi), '-gray', '-f', str(page), '-l', str(page), '-singlefile', pdf, base])
    return base + '.pgm', dpi


def image_list(pdf, page):
    """pdfimages -list rows of one page: dicts with object id, size, ppi, encoding."""
    rows = []
    for line in run(['pdfimages', '-f', str(page), '-l', str(page), '-list', pdf]).stdout.decode().splitlines()[2:]:
        f = line.split()
        rows.append({'w': int(f[3]), 'h': int(f[4]), 'bpc': int(f[7]), 'enc': f[8], 'obj': int(f[10]),
                     'xppi': int(f[12]), 'yppi': int(f[13])})
    return rows


def tiff_g4(data, w, h, photometric, dpi, k=-1):
    """A minimal little-endian TIFF around raw CCITT data (k<0: G4; k=0: G3 1D; k>0: G3 2D)."""
    comp = 4 if k < 0 else 3
    entries = [(256, 4, w), (257, 4, h), (258, 3, 1), (259, 3, comp), (262, 3, photometric),
               (273, 4, None), (277, 3, 1), (278, 4, h), (279, 4, len(data)),
               (282, 5, None), (283, 5, None), (292 if comp == 3 else 293, 4, 1 if k > 0 else 0), (296, 3, 2)]
    entries.sort()
    ifd_off = 8
    ifd_len = 2 + 12 * len(entries) + 4
    rat_off = ifd_off + ifd_len
    data_off = rat_off + 8
    out = bytearray(b'II*\x00' + struct.pack('<I', ifd_off))
    out += struct.pack('<H', len(entries))
    for tag, typ, val in entries:
        if tag == 273:
            val = data_off
        if typ == 5:
            out += struct.pack('<HHII', tag, typ, 1, rat_off)
        elif typ == 3:
            out += struct.pack('<HHIHH', tag, typ, 1, val, 0)
        else:
            out += struct.pack('<HHII', tag, typ, 1, val)
    out += struct.pack('<I', 0)
    out += struct.pack('<II', int(dpi), 1)
    out += data
    return bytes(out)


def raw_image(pdf, page, tmp, invert_ccitt=False):
    """The page's (largest) embedded image in its stored form; CCITT wrapped in TIFF with
    the photometric that matches /BlackIs1 and /Decode (or the opposite, when asked)."""
    rows = image_list(pdf, page)
    if not rows:
        return None, None, None
    row = max(rows, key=lambda r: r['w'] * r['h'])
    base = os.path.join(tmp, 'raw-%d' % page)
    for f in os.listdir(tmp):
        if f.startswith('raw-%d-' % page):
            os.unlink(os.path.join(tmp, f))
    run(['pdfimages', '-all', '-f', str(page), '-l', str(page), pdf, base])
    files = sorted(f for f in os.listdir(tmp) if f.startswith('raw-%d-' % page) and not f.endswith('.params'))
    path = os.path.join(tmp, files[0])
    kind = row['enc']
    if path.endswith('.ccitt'):
        d = run(['qpdf', '--show-object=%d' % row['obj'], pdf]).stdout.decode('latin-1')
        black_is_1 = bool(re.search(r'/BlackIs1\s+true', d))
        decode_inv = bool(re.search(r'/Decode\s*\[\s*1(\.0*)?\s+0(\.0*)?\s*\]', d))
        km = re.search(r'/K\s+(-?\d+)', d)
        k = int(km.group(1)) if km else 0
        # The CCITT code words say white or black runs; TIFF MinIsWhite (0) shows them as
        # written.  PDF shows them inverted when exactly one of BlackIs1 / Decode [1 0] is set.
        photometric = 1 if black_is_1 != decode_inv else 0
        if invert_ccitt:
            photometric ^= 1
        tif = path[:-6] + ('-inv' if invert_ccitt else '') + '.tif'
        with open(tif, 'wb') as f:
            f.write(tiff_g4(open(path, 'rb').read(), row['w'], row['h'], photometric, row['xppi'], k))
        path, kind = tif, 'ccitt-in-tiff(photometric=%d)' % photometric
    return path, row['xppi'], kind


# ---- tesseract -----------------------------------------------------------------------------
def tesseract(img, psm, dpi=None, lang='lav+eng', extra=(), fmt=()):
    cmd = ['tesseract', img, 'stdout', '-l', lang, '--psm', str(psm)]
    if dpi:
        cmd += ['--dpi', str(dpi)]
    cmd += list(extra) + list(fmt)
    p = subprocess.run(cmd, capture_output=True, env=ENV)
    return p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')


def osd(img, dpi=None):
    cmd = ['tesseract', img, 'stdout', '--psm', '0']
    if dpi:
        cmd += ['--dpi', str(dpi)]
    p = subprocess.run(cmd, capture_output=True, env=ENV)
    out = p.stdout.decode() + p.stderr.decode()
    m = re.search(r'Rotate: (\d+)', out)
    c = re.search(r'Orientation confidence: ([\d.]+)', out)
    return (int(m.group(1)) if m else 0), (float(c.group(1)) if c else 0.0), out


def rotate(img, deg, tmp):
    if deg == 0:
        return img
    out = os.path.join(tmp, 'rot%d-' % deg + os.path.basename(img).rsplit('.', 1)[0] + '.png')
    run(['convert', img, '-rotate', str(deg), out])
    return out


# ---- sections ------------------------------------------------------------------------------
def fixtures(d, only):
    names = sorted(f[:-4] for f in os.listdir(d) if f.endswith('.pdf') and os.path.exists(os.path.join(d, f[:-4] + '.txt')))
    return [n for n in names if not only or n in only]


SOURCES = ['render-150', 'render-200', 'render-300', 'raw']
MODES = ['psm1', 'psm3', 'osd+psm3']


def source(pdf, page, src, tmp):
    if src == 'raw':
        return raw_image(pdf, page, tmp)
    dpi = int(src.split('-')[1])
    p, d = render(pdf, page, dpi, tmp)
    return p, d, 'pgm'


def despeckle(img, area, tmp):
    """Bilevel, then every dark connected component smaller than `area` pixels merged into
    the background (noise specks; at 300 dpi a full stop of 12 pt text is ~30 px)."""
    out = os.path.join(tmp, 'clean-' + os.path.basename(img).rsplit('.', 1)[0] + '.png')
    run(['convert', img, '-threshold', '50%', '-define', 'connected-components:area-threshold=%d' % area,
         '-define', 'connected-components:mean-color=true', '-connected-components', '8', '-type', 'bilevel', out])
    return out


def ocr_page(pdf, page, src, mode, tmp, extra=(), lang='lav+eng', with_dpi=True, invert_ccitt=False,
             speck_area=0):
    note = ''
    with Clock() as clk:
        if src == 'raw':
            img, dpi, kind = raw_image(pdf, page, tmp, invert_ccitt)
        else:
            img, dpi, kind = source(pdf, page, src, tmp)
        if img is None:
            return None
        if speck_area:
            img = despeckle(img, speck_area * (dpi / 300) ** 2, tmp)
        d = dpi if with_dpi else None
        if mode == 'osd+psm3':
            rot, conf, _ = osd(img, d)
            note = 'Rotate: %d (conf %.1f)' % (rot, conf)
            img = rotate(img, rot, tmp)
            text, err = tesseract(img, 3, d, lang, extra)
        else:
            text, err = tesseract(img, int(mode[3:]), d, lang, extra)
    return {'text': text, 'wall': clk.wall, 'cpu': clk.cpu, 'kind': kind, 'note': note, 'stderr': err}


def load():
    try:
        return os.getloadavg()[0]
    except OSError:
        return float('nan')


def section_main(fx, d, tmp, results):
    print('\n## Tesseract: image source x page segmentation\n')
    print('Cells: similarity / wall s / CPU s per page (single-threaded). Load average at start %.2f.\n' % load())
    cols = ['%s %s' % (s, m) for s in SOURCES for m in MODES]
    print('| fixture p. | ' + ' | '.join(cols) + ' |')
    print('|---|' + '---|' * len(cols))
    agg = {c: [] for c in cols}
    notes = []
    for name in fx:
        pdf, truth = os.path.join(d, name + '.pdf'), truth_pages(os.path.join(d, name + '.txt'))
        for page in range(1, pages_of(pdf) + 1):
            cells = []
            for s in SOURCES:
                for m in MODES:
                    r = ocr_page(pdf, page, s, m, tmp)
                    c = '%s %s' % (s, m)
                    if r is None:
                        cells.append('–')
                        continue
                    sim = similarity(r['text'], truth[page - 1])
                    results.append({'section': 'main', 'fixture': name, 'page': page, 'source': s, 'mode': m,
                                     'kind': r['kind'], 'sim': sim, 'wall': r['wall'], 'cpu': r['cpu'], 'note': r['note']})
                    agg[c].append((sim, r['wall'], r['cpu']))
                    cells.append('%.3f / %.1f / %.1f' % (sim, r['wall'], r['cpu']))
                    if r['note'] and s in ('raw', 'render-300'):
                        notes.append('%s p%d %s: OSD %s' % (name, page, s, r['note']))
                    sys.stderr.write('%s p%d %s %s: %.3f %.1fs\n' % (name, page, s, m, sim, r['wall']))
            print('| %s p%d | ' % (name, page) + ' | '.join(cells) + ' |', flush=True)
    mean = lambda xs, i: sum(x[i] for x in xs) / len(xs) if xs else float('nan')
    print('| **mean** | ' + ' | '.join('**%.3f / %.1f / %.1f**' % (mean(agg[c], 0), mean(agg[c], 1), mean(agg[c], 2)) for c in cols) + ' |')
    print('\nLoad average at end %.2f.\n' % load())
    for n in notes:
        print('- ' + n)


EXTRAS = [
    ('baseline (render-300, psm 3, --dpi 300)', {}),
    ('no --dpi (PGM has no resolution)', {'with_dpi': False}),
    ('--oem 1', {'extra': ['--oem', '1']}),
    ('-l lav only', {'lang': 'lav'}),
    ('-c tessedit_do_invert=0', {'extra': ['-c', 'tessedit_do_invert=0']}),
    ('-c thresholding_method=2 (Sauvola)', {'extra': ['-c', 'thresholding_method=2']}),
    ('-c preserve_interword_spaces=1', {'extra': ['-c', 'preserve_interword_spaces=1']}),
    ('despeckle: threshold + drop dark specks < 20 px (ImageMagick connected-components)', {'speck_area': 20}),
]


def section_extras(fx, d, tmp, results):
    print('\n## Tesseract: one change at a time (render-300; rotated page: after OSD rotation)\n')
    print('Cells: similarity / CPU s. "same text" = output identical to the baseline.\n')
    print('| variant | ' + ' | '.join(fx) + ' | mean sim | mean CPU s |')
    print('|---|' + '---|' * (len(fx) + 2))
    base_text = {}
    for label, kw in EXTRAS:
        cells, sims, cpus = [], [], []
        for name in fx:
            pdf, truth = os.path.join(d, name + '.pdf'), truth_pages(os.path.join(d, name + '.txt'))
            mode = 'osd+psm3' if 'rotated' in name else 'psm3'
            r = ocr_page(pdf, 1, 'render-300', mode, tmp, **kw)
            sim = similarity(r['text'], truth[0])
            same = ''
            if not kw:
                base_text[name] = r['text']
            elif r['text'] == base_text.get(name):
                same = ' (same text)'
            results.append({'section': 'extras', 'fixture': name, 'page': 1, 'variant': label, 'sim': sim,
                            'wall': r['wall'], 'cpu': r['cpu'], 'same_as_baseline': bool(same)})
            sims.append(sim)
            cpus.append(r['cpu'])
            cells.append('%.3f / %.1f%s' % (sim, r['cpu'], same))
            sys.stderr.write('extras %s %s: %.3f\n' % (label, name, sim))
        print('| %s | %s | %.3f | %.1f |' % (label, ' | '.join(cells), sum(sims) / len(sims), sum(cpus) / len(cpus)), flush=True)
    for name in fx:
        pdf, truth = os.path.join(d, name + '.pdf'), truth_pages(os.path.join(d, name + '.txt'))
        if any(r['enc'] == 'ccitt' for r in image_list(pdf, 1)):
            for inv in (False, True):
                r = ocr_page(pdf, 1, 'raw', 'psm3', tmp, invert_ccitt=inv)
                sim = similarity(r['text'], truth[0])
                print('\n%s raw %s%s: similarity %.3f, CPU %.1f s' % (
                    name, r['kind'], ' (the wrong polarity: white text on black)' if inv else '', sim, r['cpu']))
                results.append({'section': 'extras', 'fixture': name, 'variant': 'raw ' + r['kind'], 'sim': sim, 'cpu': r['cpu']})


def tsv_text(tsv):
    """Rebuilds text from Tesseract TSV: words (level 5) joined by spaces within a line,
    lines by newlines, paragraphs and blocks by blank lines."""
    rows = [l.split('\t') for l in tsv.splitlines()]
    head, rows = rows[0], rows[1:]
    ix = {k: i for i, k in enumerate(head)}
    out, last_line, last_par = [], None, None
    for r in rows:
        if len(r) < len(head) or r[ix['level']] != '5':
            continue
        par = (r[ix['page_num']], r[ix['block_num']], r[ix['par_num']])
        line = par + (r[ix['line_num']],)
        if line != last_line:
            if last_line is not None:
                out.append('\n\n' if par != last_par else '\n')
            last_line, last_par = line, par
        elif out:
            out.append(' ')
        out.append(r[ix['text']])
    return head, rows, ''.join(out)


def section_orientation(fx, d, tmp, results):
    name = 'scan-rotated-90'
    if name not in fx:
        return
    pdf, truth = os.path.join(d, name + '.pdf'), truth_pages(os.path.join(d, name + '.txt'))
    base, dpi, _ = raw_image(pdf, 1, tmp)
    print('\n## Orientation: the %s image turned to each of the four orientations\n' % name)
    print('Cells: similarity / CPU s; for psm 0 the reported `Rotate:` and confidence.\n')
    print('| text turned (clockwise) | psm 1 | psm 3 | psm 0 says | psm 0 + rotate + psm 3 |')
    print('|---|---|---|---|---|')
    for turn in (0, 90, 180, 270):
        img = rotate(base, (turn - 90) % 360, tmp) if turn != 90 else base
        cells = []
        for psm in (1, 3):
            with Clock() as clk:
                text, _ = tesseract(img, psm, dpi)
            sim = similarity(text, truth[0])
            cells.append('%.3f / %.1f' % (sim, clk.cpu))
            results.append({'section': 'orientation', 'turn': turn, 'mode': 'psm%d' % psm, 'sim': sim, 'cpu': clk.cpu})
        with Clock() as clk:
            rot, conf, _ = osd(img, dpi)
            text, _ = tesseract(rotate(img, rot, tmp), 3, dpi)
        sim = similarity(text, truth[0])
        results.append({'section': 'orientation', 'turn': turn, 'mode': 'osd+psm3', 'rotate': rot, 'conf': conf, 'sim': sim, 'cpu': clk.cpu})
        print('| %d° | %s | Rotate: %d (conf %.1f) | %.3f / %.1f |' % (turn, ' | '.join(cells), rot, conf, sim, clk.cpu), flush=True)
        sys.stderr.write('orientation %d: %s %d %.3f\n' % (turn, cells, rot, sim))


def section_degraded(fx, d, tmp, results):
    name = 'scan-300dpi-flate'
    if name not in fx:
        return
    pdf, truth = os.path.join(d, name + '.pdf'), truth_pages(os.path.join(d, name + '.txt'))
    print('\n## Resolution on a degraded copy of %s page 1\n' % name)
    print('The 300 dpi render blurred (sigma 1.2 px), lower contrast, Gaussian noise (seed 1), then resized '
          'to the resolution and saved as JPEG quality 60: a poor office scan.  psm 3, --dpi given.\n')
    img300, _ = render(pdf, 1, 300, tmp)
    bad = os.path.join(tmp, 'degraded-300.png')
    run(['convert', img300, '-blur', '0x1.2', '+level', '12%,88%', '-seed', '1', '-attenuate', '0.6',
         '+noise', 'Gaussian', '-colorspace', 'Gray', bad])
    print('| dpi | similarity | CPU s | JPEG bytes |')
    print('|---|---|---|---|')
    for dpi in (100, 150, 200, 300):
        out = os.path.join(tmp, 'degraded-%d.jpg' % dpi)
        run(['convert', bad, '-resize', '%.4f%%' % (dpi / 3), '-quality', '60', out])
        with Clock() as clk:
            text, _ = tesseract(out, 3, dpi)
        sim = similarity(text, truth[0])
        results.append({'section': 'degraded', 'dpi': dpi, 'sim': sim, 'cpu': clk.cpu})
        print('| %d | %.3f | %.1f | %d |' % (dpi, sim, clk.cpu, os.path.getsize(out)), flush=True)


def section_tsv(fx, d, tmp, results):
    print('\n## Tesseract TSV output\n')
    name = 'scan-300dpi-flate' if 'scan-300dpi-flate' in fx else fx[0]
    pdf, truth = os.path.join(d, name + '.pdf'), truth_pages(os.path.join(d, name + '.txt'))
    img, dpi = render(pdf, 1, 300, tmp)
    text, _ = tesseract(img, 3, dpi)
    tsv, _ = tesseract(img, 3, dpi, fmt=['tsv'])
    head, rows, rebuilt = tsv_text(tsv)
    print('Command: `tesseract PAGE.pgm stdout -l lav+eng --psm 3 --dpi 300 tsv` (%s page 1)\n' % name)
    print('Columns: `%s`\n' % '\t'.join(head))
    levels = {}
    for r in rows:
        if len(r) >= 11:
            levels.setdefault(r[0], set()).add(r[10])
    for lv in sorted(levels):
        confs = levels[lv]
        desc = {'1': 'page', '2': 'block', '3': 'paragraph', '4': 'line', '5': 'word'}.get(lv, '?')
        shown = sorted(confs)[:3] if lv != '5' else ['%s..%s' % (min(confs, key=float), max(confs, key=float))]
        print('- level %s (%s): %d rows, conf %s' % (lv, desc, sum(1 for r in rows if r[0] == lv), ', '.join(shown)))
    empty = sum(1 for r in rows if len(r) >= 12 and r[0] == '5' and not r[11].strip())
    print('- level-5 rows with empty text: %d' % empty)
    print('\nText rebuilt from the word rows vs plain `stdout` text: similarity %.4f (whitespace-normalised); vs ground truth %.3f / plain %.3f\n' % (
        similarity(rebuilt, text), similarity(rebuilt, truth[0]), similarity(text, truth[0])))
    print('First rows:\n\n```\n' + '\n'.join(tsv.splitlines()[:8]) + '\n```')
    results.append({'section': 'tsv', 'columns': head, 'rebuilt_vs_text': similarity(rebuilt, text)})


def section_ocrmypdf(fx, d, tmp, results, extractor=None):
    if not shutil.which('ocrmypdf'):
        print('\n(ocrmypdf not installed: section skipped)')
        return
    ver = run(['ocrmypdf', '--version']).stdout.decode().strip()
    print('\n## OCRmyPDF %s\n' % ver)
    print('`ocrmypdf -l lav+eng --force-ocr --sidecar OUT.txt [variant] IN.pdf OUT.pdf`. Cells: similarity of '
          '`pdftotext OUT.pdf -` / of the sidecar text (what Tesseract read)%s / wall s per page / CPU s per page '
          '(mean over the pages). Load average at start %.2f.\n' % (
              ' / of `%s extract OUT.pdf`' % os.path.basename(extractor) if extractor else '', load()))
    variants = [
        ('--jobs 1 (PDF/A)', ['--jobs', '1']),
        ('--jobs 1 --output-type pdf', ['--jobs', '1', '--output-type', 'pdf']),
        ('default jobs, --output-type pdf', ['--output-type', 'pdf']),
        ('--jobs 1 --output-type pdf --rotate-pages --deskew', ['--jobs', '1', '--output-type', 'pdf', '--rotate-pages', '--deskew']),
        ('--jobs 1 --output-type pdf --pdf-renderer sandwich', ['--jobs', '1', '--output-type', 'pdf', '--pdf-renderer', 'sandwich']),
    ]
    print('| fixture | ' + ' | '.join(v for v, _ in variants) + ' |')
    print('|---|' + '---|' * len(variants))
    agg = {v: [] for v, _ in variants}
    for name in fx:
        pdf, truth = os.path.join(d, name + '.pdf'), truth_pages(os.path.join(d, name + '.txt'))
        n = pages_of(pdf)
        cells = []
        for label, args in variants:
            out, side = os.path.join(tmp, 'ocrmypdf-out.pdf'), os.path.join(tmp, 'ocrmypdf-out.txt')
            env = dict(os.environ, LC_ALL='C.UTF-8')  # OCRmyPDF sets OMP_THREAD_LIMIT itself
            env.pop('OMP_THREAD_LIMIT', None)
            with Clock() as clk:
                p = subprocess.run(['ocrmypdf', '-l', 'lav+eng', '--force-ocr', '-q', '--sidecar', side] + args + [pdf, out],
                                   capture_output=True, env=env)
            if p.returncode != 0:
                cells.append('exit %d' % p.returncode)
                sys.stderr.write(p.stderr.decode()[-2000:])
                continue

            def sims_of(text):
                got = text.split('\f')
                return [similarity(got[i] if i < len(got) else '', truth[i]) for i in range(n)]
            sims = {'pdftotext': sims_of(run(['pdftotext', out, '-']).stdout.decode()),
                    'sidecar': sims_of(open(side, encoding='utf-8').read())}
            if extractor:
                sims['extractor'] = sims_of(subprocess.run([extractor, 'extract', out], capture_output=True).stdout.decode())
            mean = {k: sum(v) / n for k, v in sims.items()}
            results.append({'section': 'ocrmypdf', 'fixture': name, 'variant': label, 'sims': sims,
                            'wall': clk.wall / n, 'cpu': clk.cpu / n})
            agg[label].append((mean, clk.wall / n, clk.cpu / n))
            cells.append(' / '.join('%.3f' % mean[k] for k in sims) + ' / %.1f / %.1f' % (clk.wall / n, clk.cpu / n))
            sys.stderr.write('ocrmypdf %s %s: %s\n' % (name, label, cells[-1]))
        print('| %s | %s |' % (name, ' | '.join(cells)), flush=True)
    keys = ['pdftotext', 'sidecar'] + (['extractor'] if extractor else [])
    print('| **mean** | ' + ' | '.join('**' + ' / '.join('%.3f' % (sum(x[0][k] for x in agg[v]) / max(1, len(agg[v]))) for k in keys)
                                      + ' / %.1f / %.1f**' % (sum(x[1] for x in agg[v]) / max(1, len(agg[v])), sum(x[2] for x in agg[v]) / max(1, len(agg[v])))
                                      for v, _ in variants) + ' |')
    print('\nLoad average at end %.2f.' % load())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--fixtures', default=os.path.join(ROOT, 'tests', 'fixtures', 'ocr'))
    ap.add_argument('--only', nargs='*')
    ap.add_argument('--section', action='append', choices=['main', 'extras', 'orientation', 'degraded', 'tsv', 'ocrmypdf'])
    ap.add_argument('--json', help='write all measurements here')
    ap.add_argument('--extractor', help="ogp-archive binary: also score `BIN extract` on OCRmyPDF's output")
    a = ap.parse_args()
    sections = a.section or ['main', 'extras', 'orientation', 'degraded', 'tsv']
    fx = fixtures(a.fixtures, a.only)
    print('# OCR measurements\n')
    print('`%s`; %s; %d CPUs; fixtures: %s' % (
        run(['tesseract', '--version']).stdout.decode().splitlines()[0],
        'rapidfuzz Levenshtein' if 'rapidfuzz' in sys.modules else 'pure-Python Levenshtein',
        os.cpu_count(), ', '.join(fx)))
    results = []
    with tempfile.TemporaryDirectory(prefix='measure-ocr-') as tmp:
        for s in sections:
            if s == 'ocrmypdf':
                section_ocrmypdf(fx, a.fixtures, tmp, results, a.extractor)
            else:
                globals()['section_' + s](fx, a.fixtures, tmp, results)
    if a.json:
        with open(a.json, 'w') as f:
            json.dump(results, f, indent=1, ensure_ascii=False)


if __name__ == '__main__':
    main()
