"""Check benchmark: ``tradedash check`` over a store of 100,000 facts.

    python bench/check.py [--facts 100000] [--db PATH] [--repeat 3]

The store is bench/tui.py's synthetic one (built once, kept at
/tmp/tradedash-bench-<N>.sqlite3): random values, so it breaks the identities far
more often than real articles do, which makes it a hard case for the report too.

Printed figures:

* the whole command, ``tradedash --db X check --format json``, process start to exit
  (best of ``--repeat``), against the aim of 5 s;
* inside one process: ``check_run.run_checks`` as the command and the dashboard run it
  (region by region, quotes only for the warned facts), then its parts on the whole store
  read at once: reading the facts, the identities (``checks.check``), the derived months
  and quarters (``derived.derive``), and the report's text;
* the warnings by identity, and the process's peak memory.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

AIM_S = 5.0


def build_store(path: Path, facts: int) -> None:
    """bench/tui.py's store, so both benchmarks measure the same data."""
    spec = importlib.util.spec_from_file_location("bench_tui", Path(__file__).with_name("tui.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build(path, facts)


def command_seconds(db: Path, repeat: int) -> tuple[float, int]:
    exe = Path(sys.executable).with_name("tradedash")
    best = float("inf")
    code = -1
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run([str(exe), "--db", str(db), "check", "--format", "json"], capture_output=True, timeout=600)
        best = min(best, time.perf_counter() - start)
        code = done.returncode
        if code not in (0, 1):
            raise SystemExit(f"tradedash check failed (exit {code}): {done.stderr.decode(errors='replace')[-2000:]}")
    return best, code


def in_process(db: Path) -> dict[str, object]:
    from tradedash.extract.check_report import check_text
    from tradedash.extract.check_run import run_checks
    from tradedash.extract.checks import check
    from tradedash.extract.derived import derive
    from tradedash.extract.store import Store

    with Store(db) as store:
        start = time.perf_counter()
        run_checks(store)
        whole = time.perf_counter() - start
        run_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        t0 = time.perf_counter()
        rows = store.facts(quotes=False)  # as check_run reads them
        t1 = time.perf_counter()
        warnings = check(rows)
        t2 = time.perf_counter()
        derived = derive(rows)
        t3 = time.perf_counter()
        text = check_text(warnings)
        t4 = time.perf_counter()
    return {
        "facts": len(rows),
        "run_s": whole,
        "run_peak_mb": run_peak,
        "read_s": t1 - t0,
        "check_s": t2 - t1,
        "derive_s": t3 - t2,
        "report_s": t4 - t3,
        "report_chars": len(text),
        "warnings": dict(Counter(w.identity for w in warnings).most_common()),
        "derived": len(derived),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    db = args.db or Path(f"/tmp/tradedash-bench-{args.facts}.sqlite3")
    if not db.exists():
        print(f"building {db} ({args.facts} facts)…", file=sys.stderr)
        build_store(db, args.facts)

    inside = in_process(db)
    seconds, code = command_seconds(db, args.repeat)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"store: {db} ({inside['facts']} facts)")
    print(f"tradedash check --format json: {seconds:.2f} s (exit {code}), aim < {AIM_S:.0f} s: "
          f"{'met' if seconds < AIM_S else 'NOT met'}")
    print(f"in process: run_checks {inside['run_s']:.2f} s (peak memory so far {inside['run_peak_mb']:.0f} MB)")
    print(f"  its parts, on the facts read all at once: read {inside['read_s']:.2f} s, identities {inside['check_s']:.2f} s, "
          f"derived {inside['derive_s']:.2f} s, report {inside['report_s']:.2f} s")
    print(f"warnings by identity: {json.dumps(inside['warnings'], ensure_ascii=False)}; derived figures: "
          f"{inside['derived']}")
    print(f"peak memory (this process): {peak_mb:.0f} MB")
    return 0 if seconds < AIM_S else 1


if __name__ == "__main__":
    sys.exit(main())
