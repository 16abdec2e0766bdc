#!/usr/bin/env python3
"""Imports citation files with independent parsers (rispy for RIS, bibtexparser for BibTeX),
as a reference manager would, and fails unless every entry has a title, the institution as
author, a page and the document's SHA-256. Prints one summary line per file:
`ris 8 entries, pages 1-5 1-4 …` and the first title. Used by index/tests/bundle.rs.

Usage: check-citations.py FILE.ris|FILE.bib …
"""
import sys

import bibtexparser
import rispy


def fail(msg):
    print(msg, file=sys.stderr)
    sys.exit(1)


def check_ris(path):
    with open(path, encoding="utf-8") as f:
        entries = rispy.load(f)
    if not entries:
        fail(f"{path}: no RIS entries")
    pages = []
    for e in entries:
        for key in ("title", "authors", "start_page", "notes"):
            if not e.get(key):
                fail(f"{path}: entry {e.get('id')} has no {key}: {e}")
        if not any("SHA-256" in n for n in e["notes"]):
            fail(f"{path}: entry {e.get('id')} has no SHA-256")
        page = e["start_page"] + (f"-{e['end_page']}" if e.get("end_page") else "")
        pages.append(page)
    print(f"ris {len(entries)} entries, pages {' '.join(pages)}; {entries[0]['title']}")


def check_bib(path):
    library = bibtexparser.parse_file(path)
    if library.failed_blocks:
        fail(f"{path}: {len(library.failed_blocks)} blocks failed to parse: {library.failed_blocks}")
    entries = library.entries
    if not entries:
        fail(f"{path}: no BibTeX entries")
    pages = []
    for e in entries:
        fields = {f.key: f.value for f in e.fields}
        for key in ("title", "author", "pages", "note"):
            if not fields.get(key):
                fail(f"{path}: entry {e.key} has no {key}: {fields}")
        if "SHA-256" not in fields["note"]:
            fail(f"{path}: entry {e.key} has no SHA-256")
        pages.append(fields["pages"].replace("--", "-"))
    first = {f.key: f.value for f in entries[0].fields}["title"].strip("{}")
    print(f"bibtex {len(entries)} entries, pages {' '.join(pages)}; {first}")


for p in sys.argv[1:]:
    if p.endswith(".ris"):
        check_ris(p)
    elif p.endswith(".bib"):
        check_bib(p)
    else:
        fail(f"{p}: neither .ris nor .bib")
