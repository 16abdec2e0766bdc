#!/usr/bin/env python3
"""Checks sample-docs/expected.json against the generated PDFs.

Needs pdfinfo and pdftotext (poppler-utils).  For every document: the file
exists, is under 150 KB, has the expected page count, and title_contains
occurs in the PDF /Title or on page 1.  For every query: its terms, reduced
the way the archive is meant to (lowercase, NFKC, Latvian light stemmer,
diacritics folded), all occur on the expected page and on no other page of
the whole set.  A "quoted" query is a phrase: its reduced terms must occur
consecutively on the expected page and nowhere else.  A query shaped like a
date (21.03.2023) is matched literally.
Also checks the total size and that every Latvian diacritic letter occurs.
"""
import json, os, re, subprocess, sys, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOCS = os.path.join(ROOT, "sample-docs")

VOWELS = set("aeiouāēīū")
# (endings, vowel-count threshold, un-palatalise) -- Kreslins' light stemmer
RULES = [(("ajiem", "ajai"), 3, False), (("ajam", "ajām", "ajos", "ajās"), 2, False),
         (("iem",), 2, True), (("ajā", "ais", "ai", "ei"), 2, False),
         (("ām", "am", "ēm", "īm", "im", "um"), 1, False), (("us",), 1, True),
         (("as", "ās", "es"), 1, False), (("os",), 1, True),
         (("ij", "īs", "ēs", "is", "ie"), 1, False), (("u", "a", "i"), 1, True),
         (("e", "ā", "ē", "ī", "ū", "o"), 1, False), (("s", "š"), 0, False)]
STOP = set("un vai ir kas ka par uz no ar arī bet kā lai tas tā to tie pie pēc līdz "
           "the of and a an in on to for is are by with from at as or".split())


def unpalatalise(stem, ending):
    if ending == "u":
        if stem.endswith("kš"):
            return stem[:-2] + "kst"
        if stem.endswith("ņņ"):
            return stem[:-2] + "nn"
        # otherwise fall through to the general rules (brāļu -> brāl), as Lucene does
    for a, b in (("pj", "p"), ("bj", "b"), ("mj", "m"), ("vj", "v"), ("šņ", "sn"),
                 ("žņ", "zn"), ("šļ", "sl"), ("žļ", "zl"), ("ļņ", "ln"), ("ļļ", "ll")):
        if stem.endswith(a):
            return stem[:-2] + b
    for a, b in (("č", "c"), ("ļ", "l"), ("ņ", "n")):
        if stem.endswith(a):
            return stem[:-1] + b
    return stem


def stem(w):
    nv = sum(c in VOWELS for c in w)
    for endings, threshold, unpal in RULES:
        for e in endings:
            if w.endswith(e) and nv > threshold and len(w) >= len(e) + 3:
                s = w[: -len(e)]
                return unpalatalise(s, e) if unpal else s
    return w


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def terms(text):
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", text).lower())
    return [fold(stem(w)) for w in words if w not in STOP]


def keys(text):
    return set(terms(text))


def has_phrase(seq, phrase):
    n = len(phrase)
    return any(seq[i:i + n] == phrase for i in range(len(seq) - n + 1))


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def main():
    exp = json.load(open(os.path.join(DOCS, "expected.json"), encoding="utf-8"))
    errors, pages, total = [], {}, 0
    for d in exp["documents"]:
        path = os.path.join(DOCS, d["file"])
        if not os.path.exists(path):
            errors.append("missing " + d["file"]); continue
        size = os.path.getsize(path); total += size
        if size >= 150 * 1024:
            errors.append("%s: %d bytes" % (d["file"], size))
        info = run("pdfinfo", path)
        n = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        title = (re.search(r"^Title:\s+(.*)$", info, re.M) or [None, ""])[1]
        if n != d["pages"]:
            errors.append("%s: %d pages, expected %d" % (d["file"], n, d["pages"]))
        for p in range(1, n + 1):
            pages[(d["file"], p)] = run("pdftotext", "-f", str(p), "-l", str(p), path, "-")
        first = " ".join(pages[(d["file"], 1)].split())
        if d.get("scan"):
            # An image-only scan: no text to check; its title comes from the file name.
            if first:
                errors.append("%s: a scan, but it has a text layer" % d["file"])
            continue
        if d["title_contains"] not in title and d["title_contains"] not in first:
            errors.append("%s: title_contains %r not found" % (d["file"], d["title_contains"]))
    listed = {d["file"] for d in exp["documents"]}
    for f in os.listdir(DOCS):
        if f.endswith(".pdf") and f not in listed:
            errors.append("not in expected.json: " + f)
    if total >= 2 * 1024 * 1024:
        errors.append("total size %d" % total)
    alltext = "".join(pages.values())
    missing = [c for c in "āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ" if c not in alltext]
    if missing:
        errors.append("diacritic letters never used: " + "".join(missing))

    page_terms = {k: terms(t) for k, t in pages.items()}
    page_keys = {k: set(v) for k, v in page_terms.items()}
    for q in exp["queries"]:
        target = (q["file"], q["page"])
        if target not in pages:
            errors.append("query %r: no such page %s" % (q["query"], target)); continue
        if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}\.?", q["query"]):
            hits = [k for k, t in pages.items() if q["query"] in t]
        elif q["query"].startswith('"'):        # "quoted" = phrase query
            want = terms(q["query"])
            hits = [k for k, seq in page_terms.items() if has_phrase(seq, want)]
        else:
            want = keys(q["query"])
            hits = [k for k, ks in page_keys.items() if want <= ks]
        if hits != [target]:
            errors.append("query %r: expected %s p%d, pages matching all terms: %s"
                          % (q["query"], q["file"], q["page"], hits))
    for e in errors:
        print("FAIL", e)
    print("%d documents, %d pages, %d queries, %d bytes: %s"
          % (len(exp["documents"]), len(pages), len(exp["queries"]), total,
             "ok" if not errors else "%d problems" % len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
