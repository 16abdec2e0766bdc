#!/usr/bin/env python3
"""Writes index/src/pdf/cid2uni/Adobe-<Ordering>.bin: CID -> Unicode for the four Adobe CJK
character collections (Japan1, GB1, CNS1, Korea1), for CID fonts without a ToUnicode map.

Source: Adobe's cid2code.txt tables (BSD-3-Clause, Copyright 1990-2009 Adobe Systems
Incorporated; see index/src/pdf/cid2uni/LICENSE), as shipped in the pdfminer.six 20231228
source distribution (cmaprsrc/). Each .bin is one little-endian u16 per CID (0 = none), from the
collection's Uni*-UTF32 column (first code; characters outside the BMP are left out).

Usage: scripts/make-cid-unicode.py [CMAPRSRC_DIR]
  without an argument it fetches the sdist with `pip download`.
"""
import glob, os, subprocess, sys, tarfile, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "index", "src", "pdf", "cid2uni")

def source_dir():
    if len(sys.argv) > 1:
        return sys.argv[1]
    tmp = tempfile.mkdtemp()
    subprocess.run(["pip", "download", "--no-deps", "--no-binary", ":all:", "-d", tmp,
                    "pdfminer.six==20231228"], capture_output=True)
    sdist = glob.glob(os.path.join(tmp, "pdfminer.six-20231228.tar.gz"))[0]
    with tarfile.open(sdist) as t:
        t.extractall(tmp, members=[m for m in t.getmembers() if "/cmaprsrc/" in m.name])
    return glob.glob(os.path.join(tmp, "*", "cmaprsrc"))[0]

src = source_dir()
os.makedirs(OUT, exist_ok=True)
for ordering in ["Japan1", "GB1", "CNS1", "Korea1"]:
    rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(src, f"cid2code_Adobe_{ordering}.txt"), encoding="latin-1") if not l.startswith("#")]
    hdr, rows = rows[0], rows[1:]
    col = next(i for i, h in enumerate(hdr) if h.endswith("-UTF32"))
    table = {}
    for r in rows:
        if len(r) <= col or r[col] == "*":
            continue
        try:
            u = int(r[col].split(",")[0].rstrip("v"), 16)
            table[int(r[0])] = u
        except ValueError:
            pass
    n = max(table) + 1
    data = bytearray(2 * n)
    for cid, u in table.items():
        if u <= 0xFFFF:
            data[2 * cid:2 * cid + 2] = u.to_bytes(2, "little")
    open(os.path.join(OUT, f"Adobe-{ordering}.bin"), "wb").write(bytes(data))
    print(ordering, n, "CIDs,", sum(1 for u in table.values() if u <= 0xFFFF), "mapped")
