"""Time and peak memory of tradedash on hostile inputs, each in its own process.

The inputs are made here, in a temporary folder:
  50 MB article      50 MB of repeated real-looking paragraphs (over the default 20 MB limit)
  alias bomb         656 bytes of YAML aliases nested 16 deep (a "billion laughs")
  repeated paragraph one paragraph of 30,000 repeated sentences (1.7 MB)
and each is run through ``tradedash extract`` and ``tradedash ingest --jobs 2``. Prints the
wall time, the peak resident memory of the process (and its workers) and the exit status.

    python bench/hostile.py
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FRONT = "---\ntitle: 上海外贸\ndate: 2022-07-01\n---\n"
SENTENCE = "今年上半年上海市出口100亿元，同比增长5%。"


def alias_bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 16):
        name, before = chr(ord("a") + i), chr(ord("a") + i - 1)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{before}"] * 9) + "]")
    return "---\n" + "\n".join(lines) + f"\ntitle: *{chr(ord('a') + 15)}\n---\n<p>{SENTENCE}</p>\n"


def inputs(folder: Path) -> dict[str, Path]:
    paragraph = f"<p>{SENTENCE}浦东新区进口50亿元，增长3%。</p>\n"
    made = {
        "50 MB article": (FRONT + paragraph * (50_000_000 // len(paragraph.encode()))),
        "alias bomb": alias_bomb(),
        "repeated paragraph": FRONT + SENTENCE * 30_000,
    }
    paths = {}
    for name, text in made.items():
        path = folder / (name.replace(" ", "-") + ".md")
        path.write_text(text, encoding="utf-8")
        paths[name] = path
    return paths


def run(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(seconds, peak MB of the process and the children it waited for, exit status)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, process.returncode


def main() -> int:
    tradedash = shutil.which("tradedash") or str(Path(sys.executable).with_name("tradedash"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = dict(os.environ, TRADEDASH_DB=str(folder / "bench.sqlite3"))
        print(f"{'input':<20} {'size':>9}  {'command':<18} {'time':>8} {'peak':>9}  exit")
        for name, path in inputs(folder).items():
            size = path.stat().st_size
            for label, command in (("extract", [tradedash, "extract", "--format", "json", str(path)]),
                                   ("ingest --jobs 2", [tradedash, "ingest", "--jobs", "2", str(path)])):
                seconds, peak, status = run(command, env)
                print(f"{name:<20} {size / 1e6:>7.2f}MB  {label:<18} {seconds:>6.2f} s {peak:>6.0f} MB  {status}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
