"""Ingest throughput: documents per second for N documents with --jobs 1 and --jobs 2, and peak memory.

The shared corpus is replicated to N documents under varied file names; each copy
gets a distinct HTML comment so its bytes (and hash) differ and every copy is
really parsed, extracted and stored. Each run ingests into a fresh store through
the installed ``tradedash`` command, timed from start to exit.

    python bench/ingest.py [--corpus ../shared/corpus] [--n 2000] [--jobs 1 2]
"""
from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SUFFIXES = {".md", ".markdown", ".html", ".htm", ".txt"}


def replicate(corpus: Path, n: int, into: Path) -> int:
    sources = sorted(p for p in corpus.rglob("*") if p.suffix.lower() in SUFFIXES)
    if not sources:
        raise SystemExit(f"no articles under {corpus}")
    total = 0
    for i in range(n):
        source = sources[i % len(sources)]
        raw = source.read_bytes() + f"\n<!-- bench copy {i} -->\n".encode()
        target = into / f"batch-{i // 250:02d}" / f"{i:05d}-{source.stem}{source.suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(raw)
        total += len(raw)
    return total


def run(folder: Path, jobs: int, db: Path) -> tuple[float, int, str]:
    exe = Path(sys.executable).with_name("tradedash")
    cmd = [str(exe) if exe.exists() else "tradedash", "--db", str(db), "ingest", str(folder), "--jobs", str(jobs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode != 0:
        raise SystemExit(f"ingest failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return elapsed, max(peak_kib, before), " ".join(proc.stdout.split())


def main() -> int:
    here = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=here.parent / "shared" / "corpus")
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tradedash-bench-"))
    try:
        size = replicate(args.corpus, args.n, work / "docs")
        print(f"{args.n} documents, {size / 1e6:.1f} MB, replicated from {args.corpus}")
        for jobs in args.jobs:
            elapsed, peak_kib, summary = run(work / "docs", jobs, work / f"jobs{jobs}.sqlite3")
            print(f"--jobs {jobs}: {elapsed:6.2f} s  {args.n / elapsed:7.1f} documents/s  "
                  f"peak RSS of the largest process {peak_kib / 1024:.0f} MiB  [{summary}]")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
