#!/usr/bin/env python3
"""Scores our PDF text extraction against poppler and MuPDF on a corpus (issue 13).

For every file in CORPUS/MANIFEST.tsv (made by scripts/make-realworld-corpus.sh) it runs
`pdftotext -q FILE -` (the reference), `mutool draw -q -F txt -o - FILE` and our extractor
(`target/release/examples/extract_text FILE`, built with
`cargo build --release -p ogp-archive --example extract_text`), each with a 10 s timeout, and
compares words as multisets, so that reading-order differences do not count:

    recall    = |ours ∩ ref| / |ref|        precision = |ours ∩ ref| / |ours|

Words are NFKC-normalised (ligatures), lower-cased runs of letters and digits; a word broken
by a hyphen at a line end is joined first in every tool's output (we join them, the peers do
not). The peers' outputs are cached in CORPUS/.cache. It prints one line per file, then the
summary: mean recall/precision of ours and mutool's against pdftotext, the files where mutool
gets >= 0.9 and we get < 0.9, panics (exit code 101) and timeouts.

It also prints pages per second of each tool over the corpus (pages as pdftotext counts
them; one process per file; the peers' times are those of their cached run, so use --fresh
to time all three in the same run).

Usage: scripts/score-extraction.py [CORPUS] [--ours BIN] [--jobs N] [--tsv OUT.tsv] [--only SUBSTR] [--fresh]
"""
import argparse
import collections
import concurrent.futures
import os
import re
import subprocess
import sys
import time
import unicodedata

TIMEOUT = 10.0
WORD = re.compile(r"\w+")
HYPHEN_BREAK = re.compile(r"(\w)[-\u00ad]\s*\n\s*(\w)")


def words(text):
    text = unicodedata.normalize("NFKC", text)
    text = HYPHEN_BREAK.sub(r"\1\2", text)
    return collections.Counter(w.lower() for w in WORD.findall(text) if w != "_" * len(w))


def run(cmd, timeout=TIMEOUT):
    """(stdout text, seconds, outcome) where outcome is ok / error / timeout / panic."""
    t = time.monotonic()
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "", timeout, "timeout"
    dt = time.monotonic() - t
    out = p.stdout.decode("utf-8", "replace")
    if p.returncode == 101 or b"panicked" in p.stderr:
        return out, dt, "panic"
    return out, dt, "ok" if p.returncode == 0 else "error"


def cached(cache, key, cmd, fresh):
    """A peer's output and seconds, run once unless `fresh` (the reference gets 60 s: it is
    the yardstick, so it is not cut at 10 s)."""
    path = os.path.join(cache, key)
    if os.path.exists(path) and os.path.exists(path + ".secs") and not fresh:
        with open(path, encoding="utf-8") as f, open(path + ".secs") as g:
            return f.read(), float(g.read())
    out, secs, _ = run(cmd, 60.0)
    with open(path, "w", encoding="utf-8") as f, open(path + ".secs", "w") as g:
        f.write(out)
        g.write(str(secs))
    return out, secs


def overlap(a, b):
    return sum(min(n, b[w]) for w, n in a.items())


def score_file(corpus, cache, ours_bin, fresh, src, name):
    path = os.path.join(corpus, src, name)
    ref_text, ref_secs = cached(cache, name + ".pdftotext", ["pdftotext", "-q", path, "-"], fresh)
    mu_text, mu_secs = cached(cache, name + ".mutool", ["mutool", "draw", "-q", "-F", "txt", "-o", "-", path], fresh)
    ref, mu = words(ref_text), words(mu_text)
    text, secs, outcome = run([ours_bin, path])
    ours = words(text)
    nref = sum(ref.values()) or 1
    r = {
        "file": f"{src}/{name}",
        "pages": ref_text.count("\f"),
        "ref_words": sum(ref.values()),
        "ours_recall": overlap(ours, ref) / nref,
        "ours_precision": overlap(ours, ref) / (sum(ours.values()) or 1),
        "mutool_recall": overlap(mu, ref) / nref,
        "mutool_precision": overlap(mu, ref) / (sum(mu.values()) or 1),
        "secs": secs,
        "pdftotext_secs": ref_secs,
        "mutool_secs": mu_secs,
        "outcome": outcome,
    }
    return r


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=os.path.join(root, "target", "realworld"))
    ap.add_argument("--ours", default=os.path.join(root, "target", "release", "examples", "extract_text"),
                    help="our extractor (default: the release build of the example, as BENCHMARKS.md measures)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--tsv")
    ap.add_argument("--only")
    ap.add_argument("--fresh", action="store_true", help="run the peers again (for their times)")
    a = ap.parse_args()
    cache = os.path.join(a.corpus, ".cache")
    os.makedirs(cache, exist_ok=True)
    with open(os.path.join(a.corpus, "MANIFEST.tsv"), encoding="utf-8") as f:
        files = [line.rstrip("\n").split("\t")[:2] for line in f if line.strip()]
    if a.only:
        files = [x for x in files if a.only in x[1]]
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as ex:
        rows = list(ex.map(lambda x: score_file(a.corpus, cache, a.ours, a.fresh, *x), files))
    print(f"{'ours R':>7} {'ours P':>7} {'mu R':>6} {'mu P':>6} {'words':>7} {'s':>5}  file")
    for r in sorted(rows, key=lambda r: r["ours_recall"]):
        flag = "" if r["outcome"] == "ok" else f"  [{r['outcome']}]"
        print(
            f"{r['ours_recall']:7.3f} {r['ours_precision']:7.3f} {r['mutool_recall']:6.3f} "
            f"{r['mutool_precision']:6.3f} {r['ref_words']:7d} {r['secs']:5.2f}  {r['file']}{flag}"
        )
    if a.tsv:
        with open(a.tsv, "w", encoding="utf-8") as f:
            keys = list(rows[0].keys())
            f.write("\t".join(keys) + "\n")
            for r in rows:
                f.write("\t".join(str(r[k]) for k in keys) + "\n")
    n = len(rows) or 1
    mean = lambda k: sum(r[k] for r in rows) / n
    worse = [r for r in rows if r["mutool_recall"] >= 0.9 and r["ours_recall"] < 0.9]
    panics = [r for r in rows if r["outcome"] == "panic"]
    timeouts = [r for r in rows if r["outcome"] == "timeout"]
    by_src = collections.Counter(r["file"].split("/")[0] for r in rows)
    print()
    print(f"files: {len(rows)} ({', '.join(f'{k} {v}' for k, v in sorted(by_src.items()))})")
    print(f"mean recall vs pdftotext:    ours {mean('ours_recall'):.4f}   mutool {mean('mutool_recall'):.4f}")
    print(f"mean precision vs pdftotext: ours {mean('ours_precision'):.4f}   mutool {mean('mutool_precision'):.4f}")
    print(f"files with recall < 0.9:     ours {sum(r['ours_recall'] < 0.9 for r in rows)}   mutool {sum(r['mutool_recall'] < 0.9 for r in rows)}")
    print(f"mutool >= 0.9 but ours < 0.9: {len(worse)}" + "".join(f"\n  {r['file']} ({r['ours_recall']:.3f} vs {r['mutool_recall']:.3f})" for r in worse))
    pages = sum(r["pages"] for r in rows)
    speed = lambda k: pages / (sum(r[k] for r in rows) or 1)
    print(f"pages/s ({pages} pages, one process per file, {a.jobs} at a time): ours {speed('secs'):.0f}   "
          f"pdftotext {speed('pdftotext_secs'):.0f}   mutool {speed('mutool_secs'):.0f}")
    print(f"panics: {len(panics)}   timeouts (> {TIMEOUT:.0f} s): {len(timeouts)}   slowest: {max((r['secs'] for r in rows), default=0):.2f} s")
    for r in panics + timeouts:
        print(f"  {r['outcome']}: {r['file']}")


if __name__ == "__main__":
    sys.exit(main())
