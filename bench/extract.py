"""Extraction throughput and its cost relative to bare HTML parsing.

Replicates the shared corpus to N documents in memory and times, on one core:
  bare     BeautifulSoup(html, "lxml").get_text() of each file (the floor any loader pays)
  load     tradedash's loader alone (front matter, encoding, cleaning, t2s)
  extract  extract() alone on the loaded documents
  full     load + extract, i.e. what ingest runs per file
and prints documents per second and the ratios full / bare and extract / bare (aim: under 3).

    python bench/extract.py [--corpus ../shared/corpus] [--n 2000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bs4 import BeautifulSoup

from tradedash.extract.document import parse_document
from tradedash.extract.reader import extract, warm

SUFFIXES = {".md", ".markdown", ".html", ".htm", ".txt"}


def corpus(folder: Path, n: int) -> list[tuple[str, bytes]]:
    sources = sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES)
    if not sources:
        raise SystemExit(f"no articles under {folder}")
    raws = [p.read_bytes() for p in sources]
    return [(f"{i:05d}-{sources[i % len(sources)].name}", raws[i % len(sources)] + f"<!-- {i} -->".encode())
            for i in range(n)]


def bare(docs: list[tuple[str, bytes]]) -> int:
    chars = 0
    for _, raw in docs:
        chars += len(BeautifulSoup(raw.decode("utf-8", "replace"), "lxml").get_text())
    return chars


def load(docs: list[tuple[str, bytes]]) -> list:
    return [parse_document(raw, name) for name, raw in docs]


def extract_only(documents: list) -> int:
    return sum(len(extract(document)) for document in documents)


def full(docs: list[tuple[str, bytes]]) -> int:
    facts = 0
    for name, raw in docs:
        facts += len(extract(parse_document(raw, name)))
    return facts


def best_of(repeat: int, fn, docs):
    times, result = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn(docs)
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> int:
    here = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=here.parent / "shared" / "corpus")
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    docs = corpus(args.corpus, args.n)
    warm()  # build the caches and set them aside from the collector, as ingest does
    full(docs[:50])
    t_bare, _ = best_of(args.repeat, bare, docs)
    t_load, documents = best_of(args.repeat, load, docs)
    t_extract, _ = best_of(args.repeat, extract_only, documents)
    t_full, facts = best_of(args.repeat, full, docs)
    print(f"{args.n} documents (best of {args.repeat})")
    print(f"bare bs4+lxml parse : {t_bare:6.2f} s  {args.n / t_bare:7.1f} documents/s")
    print(f"tradedash load      : {t_load:6.2f} s  {args.n / t_load:7.1f} documents/s")
    print(f"tradedash extract() : {t_extract:6.2f} s  {args.n / t_extract:7.1f} documents/s")
    print(f"load + extract      : {t_full:6.2f} s  {args.n / t_full:7.1f} documents/s  ({facts} facts)")
    print(f"ratio (load + extract) / bare parse: {t_full / t_bare:.2f}")
    print(f"ratio extract() / bare parse:        {t_extract / t_bare:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
