"""Hostile input, each case as a real file or store, run as a user runs tradedash.

Every command runs in its own process under resource limits set by the harness (address
space, CPU time, file size where a full disk is the point) and a wall-clock deadline; the
test then checks the exact outcome (exit status, message, what is stored) and the time and
peak memory the process (with its workers) took. The limits are generous ceilings for a
slow CI machine, not timings of a fast path: a regression to quadratic time or unbounded
memory blows through them by orders of magnitude.

The articles are of our own making (tests/conftest.py's layout), never copies of the corpus.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tradedash.extract.exports import ExportError, write_atomically
from tradedash.extract.render import facts_csv, tsv_table
from tradedash.extract.store import Store

from .conftest import article

MB = 2**20
SENTENCE = "今年上半年上海市出口100亿元，同比增长5%。"


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str
    seconds: float
    peak_mb: float
    """Peak resident memory of the process and of the workers it waited for."""


def _limits(address_space: int, cpu_seconds: int, file_size: int | None) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    if file_size is not None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) like a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))


def run(args: list[str], tmp: Path, *, deadline: float = 60, code: str | None = None, env: dict[str, str] | None = None,
        file_size: int | None = None) -> Run:
    """``tradedash ARGS`` (or a Python snippet) in a subprocess under limits; fails past the deadline."""
    command = [sys.executable, "-c", code] if code is not None else [sys.executable, "-m", "tradedash.tui.cli", *args]
    environment = {**os.environ, "HOME": str(tmp), "TRADEDASH_DB": str(tmp / "store.sqlite3"),
                   "TRADEDASH_CONFIG": str(tmp / "none.toml"), **(env or {})}
    environment.pop("TRADEDASH_MAX_MB", None)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment, cwd=tmp,
                               preexec_fn=lambda: _limits(3 << 30, int(deadline) + 30, file_size))
    streams: dict[str, bytes] = {}
    pumps = [threading.Thread(target=lambda name=name, pipe=pipe: streams.__setitem__(name, pipe.read()))
             for name, pipe in (("out", process.stdout), ("err", process.stderr))]
    for pump in pumps:
        pump.start()
    # wait4, not communicate(): its rusage is this child's (and the workers it waited for) alone.
    # RUSAGE_CHILDREN would also count every child before it, and a worker forked from a test
    # process that has grown shows the parent's pages as its own.
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > deadline:
            process.kill()
            os.wait4(process.pid, 0)
            pytest.fail(f"{args or code!r} still running after {deadline} s")
        time.sleep(0.02)
    process.returncode = os.waitstatus_to_exitcode(status)
    for pump in pumps:
        pump.join()
    return Run(process.returncode, streams["out"].decode("utf-8", "replace"), streams["err"].decode("utf-8", "replace"),
               time.perf_counter() - start, usage.ru_maxrss / 1024)


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def good_articles(folder: Path, n: int = 3) -> list[Path]:
    return [write(folder / f"good-{i}.md", article(f"<p>2022年1-7月，上海市出口{100 + i}亿元，同比增长{i}%。</p>",
                                                   title=f"上海外贸{i}")) for i in range(n)]


def counts(db: Path) -> tuple[int, int]:
    with Store(db, readonly=True) as store:
        return store.counts()


# -- 1. names that are not text ----------------------------------------------------------


def test_a_file_name_of_any_bytes_is_stored_and_shown_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    good_articles(folder)
    odd = os.fsencode(folder) + b"/2015-\xb1\xb1\xbe\xa9.md"
    with open(odd, "wb") as handle:
        handle.write(article("<p>2015年，北京市进出口3.2万亿元。</p>", title="北京外贸").encode())
    first = run(["ingest", str(folder)], tmp_path)
    assert first.code == 0, first.err
    assert first.out.startswith("4 new, 0 unchanged, 0 replaced, 0 failed, 0 skipped; 4 facts stored by this run.")
    second = run(["ingest", str(folder)], tmp_path)
    assert second.code == 0 and second.out.startswith("0 new, 4 unchanged"), second.err
    facts = run(["facts", "--format", "json"], tmp_path)
    paths = {fact["document"]["path"] for fact in json.loads(facts.out)["facts"]}
    assert any(path.endswith("2015-\\xb1\\xb1\\xbe\\xa9.md") for path in paths), paths


def test_a_newline_in_a_file_name_cannot_forge_a_line(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    good_articles(folder, 1)
    write(folder / "x.md\nfailed: 0\nforged.md", b"\x00binary")
    result = run(["ingest", str(folder)], tmp_path)
    assert result.code == 1
    assert "x.md\\nfailed: 0\\nforged.md: binary file" in result.err
    assert not any(line.startswith("forged") for line in result.err.splitlines())


# -- 2 and 3. bounded work per document ---------------------------------------------------


def _alias_bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 16):
        name, before = chr(ord("a") + i), chr(ord("a") + i - 1)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{before}"] * 9) + "]")
    return "---\n" + "\n".join(lines) + "\ntitle: *p\ndate: 2022-07-01\n---\n<p>" + SENTENCE + "</p>\n"


def test_a_yaml_alias_bomb_is_refused_before_it_grows(tmp_path: Path) -> None:
    bomb = write(tmp_path / "d" / "bomb.md", _alias_bomb())
    good_articles(tmp_path / "d")
    assert len(bomb.read_bytes()) < 700
    result = run(["extract", str(bomb)], tmp_path, deadline=30)
    assert result.code == 0 and result.seconds < 20 and result.peak_mb < 500, (result.seconds, result.peak_mb)
    warnings = json.loads(result.out)["documents"][0]["warnings"]
    assert any("aliases (*name) are not allowed" in warning for warning in warnings)
    batch = run(["ingest", "--jobs", "2", str(tmp_path / "d")], tmp_path, deadline=60)
    assert batch.code == 0 and batch.out.startswith("4 new"), batch.err  # the good files are not held back
    assert "stored with a warning: 1" in batch.err and "bomb.md: broken front matter (aliases" in batch.err
    assert batch.peak_mb < 500


def test_a_paragraph_repeated_thirty_thousand_times_extracts_in_seconds(tmp_path: Path) -> None:
    path = write(tmp_path / "repeated.md", "---\ntitle: 上海外贸\ndate: 2022-07-01\n---\n" + SENTENCE * 30_000)
    result = run(["extract", str(path)], tmp_path, deadline=120)
    assert result.code == 0 and result.seconds < 60 and result.peak_mb < 500, (result.seconds, result.peak_mb)
    facts = json.loads(result.out)["documents"][0]["facts"]
    assert len(facts) == 1 and len(facts[0]["quotes"]) == 30_000 and facts[0]["yoy_percent"] == 5
    # spans stay in the paragraph's own offsets, across the pieces it was read in: the last 100亿元
    assert facts[0]["quotes"][-1]["span"] == [len(SENTENCE) * 29_999 + 10, len(SENTENCE) * 29_999 + 15]


def test_a_fifty_megabyte_article_fails_in_seconds_and_the_store_keeps_its_documents(tmp_path: Path) -> None:
    good = good_articles(tmp_path / "good")
    assert run(["ingest", str(tmp_path / "good")], tmp_path).code == 0
    paragraph = f"<p>{SENTENCE}浦东新区进口50亿元。</p>\n"
    big = write(tmp_path / "big.md", "---\ntitle: t\ndate: 2022-07-01\n---\n" + paragraph * (50 * MB // len(paragraph.encode())))
    for command in (["ingest", str(big)], ["extract", str(big)]):
        result = run(command, tmp_path, deadline=30)
        assert result.code == 1 and result.seconds < 10 and result.peak_mb < 500, (result.seconds, result.peak_mb)
        assert "big.md: too large: 50.0 MB, the limit is 20 MB (--max-size)" in result.err, result.err
    assert counts(tmp_path / "store.sqlite3") == (len(good), len(good))


def test_a_document_over_the_time_limit_is_stopped_and_the_batch_goes_on(tmp_path: Path) -> None:
    write(tmp_path / "d" / "slow.md", "---\ntitle: t\ndate: 2022-07-01\n---\n" + SENTENCE * 30_000)
    good_articles(tmp_path / "d")
    for jobs in ("1", "2"):
        (tmp_path / "store.sqlite3").unlink(missing_ok=True)
        result = run(["ingest", "--jobs", jobs, "--timeout", "1", str(tmp_path / "d")], tmp_path, deadline=60)
        assert result.code == 1 and result.out.startswith("3 new"), result.err
        assert "slow.md: took longer than 1 s; stopped" in result.err
        assert result.seconds < 30


# -- 5. exports never destroy what was there ----------------------------------------------


def test_an_export_on_a_full_disk_leaves_the_old_file_and_no_partial_one(tmp_path: Path) -> None:
    target = write(tmp_path / "out" / "facts.json", '{"old": true}\n')
    code = ("import sys; from pathlib import Path; from tradedash.extract.exports import write_atomically, ExportError\n"
            "try:\n write_atomically(Path(sys.argv[1]), 'x' * 100000)\n"
            "except ExportError as exc:\n print(exc); sys.exit(3)\n")
    for destination in (target, tmp_path / "out" / "new.json"):
        result = run([], tmp_path, code=code.replace("sys.argv[1]", repr(str(destination))), file_size=10_000)
        assert result.code == 3 and "not written (File too large); the file is as it was" in result.out, result
    assert target.read_text() == '{"old": true}\n'
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["facts.json"]  # no partial, no empty new file


def test_an_export_refuses_the_open_store_pipes_and_devices(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite3"
    Store(store).close()
    before = store.read_bytes()
    fifo = tmp_path / "fifo.md"
    os.mkfifo(fifo)
    for destination, reason in ((store, "is the open store"), (store.with_name(store.name + "-wal"), "is the open store"),
                                (fifo, "not a regular file"), (Path("/dev/null"), "not a regular file"),
                                (tmp_path, "is a folder")):
        start = time.monotonic()
        with pytest.raises(ExportError, match=reason):
            write_atomically(destination, "| x |\n", protected=[store])
        assert time.monotonic() - start < 1  # a FIFO is never opened, so nothing waits for a reader
    assert store.read_bytes() == before
    result = run(["extract", str(fifo)], tmp_path, deadline=20)  # and extract does not wait on it either
    assert result.code == 1 and "fifo.md: not a regular file" in result.err, result.err


# -- 6. spreadsheet formulas --------------------------------------------------------------


def test_csv_and_tsv_cells_never_start_a_formula(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    for i, title in enumerate(("=HYPERLINK(\"http://x.example\",\"点击\")", "+1+cmd|' /C calc'!A0", "-2+3+cmd",
                               "@SUM(1,2)", "\t=1+1", "\r=1+1")):
        write(folder / f"a{i}.md", article(f"<p>2022年上半年，上海市出口{100 + i}亿元，下降3.1%。</p>", title=title.replace("'", "''")))
    assert run(["ingest", str(folder)], tmp_path).code == 0
    csv_out = run(["facts", "--format", "csv"], tmp_path).out
    table = list(csv.DictReader(io.StringIO(csv_out)))
    assert len(table) == 6 and all(row["document_title"].startswith("'") for row in table), table
    assert {row["yoy_percent"] for row in table} == {"-3.1"}  # a negative number is a number, unguarded
    with Store(tmp_path / "store.sqlite3", readonly=True) as store:
        rows = store.facts()
    for line in tsv_table(rows).splitlines()[1:]:
        cells = line.split("\t")
        assert cells[-1].startswith("'") and cells[4] == "-3.1%", cells
    assert facts_csv(rows) == csv_out


# -- 7. workers ---------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_die_with_the_ingest_on_any_signal(tmp_path: Path, sig: signal.Signals) -> None:
    for i in range(4):
        write(tmp_path / "d" / f"slow-{i}.md", "---\ntitle: t\ndate: 2022-07-01\n---\n" + SENTENCE * 20_000)
    environment = {**os.environ, "TRADEDASH_DB": str(tmp_path / "store.sqlite3"), "HOME": str(tmp_path)}
    process = subprocess.Popen([sys.executable, "-m", "tradedash.tui.cli", "ingest", "--jobs", "2", str(tmp_path / "d")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment)
    deadline = time.monotonic() + 30
    while len(_children(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    workers = _children(process.pid)
    assert len(workers) == 2
    process.send_signal(sig)
    process.wait(timeout=10)
    deadline = time.monotonic() + 5
    while any(Path(f"/proc/{w}").exists() for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(Path(f"/proc/{w}").exists() for w in workers)


def test_ctrl_c_stops_the_workers_without_a_traceback(tmp_path: Path) -> None:
    for i in range(4):
        write(tmp_path / "d" / f"slow-{i}.md", "---\ntitle: t\ndate: 2022-07-01\n---\n" + SENTENCE * 20_000)
    environment = {**os.environ, "TRADEDASH_DB": str(tmp_path / "store.sqlite3"), "HOME": str(tmp_path)}
    process = subprocess.Popen([sys.executable, "-m", "tradedash.tui.cli", "ingest", "--jobs", "2", str(tmp_path / "d")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment, text=True)
    deadline = time.monotonic() + 30
    while len(_children(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    workers = _children(process.pid)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=20)
    assert process.returncode == 130 and "Traceback" not in err
    assert "interrupted; every document saved so far is kept" in err
    time.sleep(0.5)
    assert not any(Path(f"/proc/{w}").exists() for w in workers)


def test_nonsense_job_counts(tmp_path: Path) -> None:
    good_articles(tmp_path / "d")
    huge = run(["ingest", "--jobs", "99999999999999999999", str(tmp_path / "d")], tmp_path)
    assert huge.code == 0 and f"--jobs 99999999999999999999: using {os.cpu_count()}, the number of CPUs" in huge.err
    for value in ("0", "-3", "two"):
        bad = run(["ingest", "--jobs", value, str(tmp_path / "d")], tmp_path)
        assert bad.code == 2 and "--jobs" in bad.err and "Traceback" not in bad.err


# -- 9. other programs' databases ---------------------------------------------------------


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    foreign = tmp_path / "app.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO users (name) VALUES ('ada')")
        conn.execute("PRAGMA user_version = 7")
    conn.close()
    digest = hashlib.sha256(foreign.read_bytes()).hexdigest()
    good_articles(tmp_path / "d")
    result = run(["--db", str(foreign), "ingest", str(tmp_path / "d")], tmp_path)
    assert result.code == 1 and "app.db: schema version 7, this tradedash knows 3; not opened" in result.err, result.err
    assert hashlib.sha256(foreign.read_bytes()).hexdigest() == digest
    assert not foreign.with_name("app.db-wal").exists()
    with sqlite3.connect(foreign) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


# -- 10. years and encodings --------------------------------------------------------------


@pytest.mark.parametrize(("front", "warning"), [
    ("date: 99999-01-01", "front-matter date '99999-01-01' is not a date: ignored"),
    ("date: !!timestamp 99999-01-01", "front-matter date '99999-01-01' is not a date: ignored"),
    ("date: 1800-01-01", "front-matter date 1800-01-01 is outside 1949-"),
    ("date: [1, 2]", "front-matter date '[1, 2]' is not a date: ignored"),
])
def test_an_impossible_front_matter_date_is_refused_with_a_warning(tmp_path: Path, front: str, warning: str) -> None:
    path = write(tmp_path / "y.md", f"---\ntitle: t\n{front}\n---\n<p>今年上海市出口100亿元。</p>\n")
    result = run(["extract", str(path)], tmp_path)
    document = json.loads(result.out)["documents"][0]
    assert result.code == 0 and document["date"] is None
    assert any(w.startswith(warning) for w in document["warnings"]), document["warnings"]


def test_stray_bytes_and_utf16(tmp_path: Path) -> None:
    text = "---\ntitle: 上海外贸\ndate: 2022-07-01\n---\n<p>今年上半年，上海市出口100亿元。</p>\n"
    stray = write(tmp_path / "stray.md", text.replace("上海市出口", "上海市\udcff出口").encode("utf-8", "surrogateescape"))
    utf16 = write(tmp_path / "utf16.md", text.encode("utf-16"))
    result = run(["extract", str(stray), str(utf16)], tmp_path)
    first, second = json.loads(result.out)["documents"]
    assert "1 byte sequence that is not UTF-8 replaced by U+FFFD" in first["warnings"]
    assert [f["value"] for f in first["facts"]] == [10_000_000_000]
    assert second["warnings"] == [] and [f["period"] for f in second["facts"]] == ["2022-01/2022-06"]


# -- 11. nothing goes unsaid --------------------------------------------------------------


def test_skipped_entries_and_warnings_are_listed_with_reasons(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    good_articles(folder, 2)
    write(folder / "broken.md", "---\ntitle: [unclosed\ndate: 2022-07-01\n---\n<p>今年上海市出口1亿元。</p>\n")
    os.mkfifo(folder / "pipe.md")
    (folder / "dangling.md").symlink_to(folder / "nowhere.md")
    (folder / "loop").symlink_to(folder)
    result = run(["ingest", str(folder)], tmp_path)
    assert result.code == 1
    assert result.out.startswith("3 new, 0 unchanged, 0 replaced, 0 failed, 3 skipped;")
    assert "skipped: 3" in result.err and "stored with a warning: 1" in result.err
    assert "pipe.md: not a regular file" in result.err
    assert "dangling.md" in result.err and "loop" in result.err
    assert "broken.md: broken front matter" in result.err


def test_a_store_damaged_in_the_middle_is_reported_at_open(tmp_path: Path) -> None:
    good_articles(tmp_path / "d", 30)
    assert run(["ingest", str(tmp_path / "d")], tmp_path).code == 0
    store = tmp_path / "store.sqlite3"
    with sqlite3.connect(store) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(store.read_bytes())
    page = 4096
    data[3 * page + 100:3 * page + 2000] = os.urandom(1900)  # a page in the middle, header intact
    store.write_bytes(bytes(data))
    result = run(["ingest", str(tmp_path / "d")], tmp_path)
    assert result.code == 1 and "the database is damaged (quick_check:" in result.err, result.err


def test_two_ingests_at_once_count_only_what_each_stored(tmp_path: Path) -> None:
    good_articles(tmp_path / "d", 40)
    environment = {**os.environ, "TRADEDASH_DB": str(tmp_path / "store.sqlite3"), "HOME": str(tmp_path)}
    command = [sys.executable, "-m", "tradedash.tui.cli", "ingest", str(tmp_path / "d")]
    first, second = (subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment, text=True)
                     for _ in range(2))
    outputs = [p.communicate(timeout=60) for p in (first, second)]
    assert [p.returncode for p in (first, second)] == [0, 0], outputs
    stored = [int(out.split(";")[1].split()[0]) for out, _ in outputs]
    assert sum(stored) == counts(tmp_path / "store.sqlite3")[1] == 40


# -- 12. text is data ---------------------------------------------------------------------


def test_json_output_carries_no_c1_or_bidi_controls(tmp_path: Path) -> None:
    path = write(tmp_path / "c1.md", article("<p>2022年上半年，上海市\u202e出口100亿元\u009b31m。</p>",
                                             title="上海\u202e外贸\u009b2J"))
    result = run(["extract", str(path)], tmp_path)
    assert result.code == 0
    assert not any(ch in result.out for ch in "\u202e\u009b\x1b"), result.out
    assert run(["ingest", str(path)], tmp_path).code == 0
    stored = run(["facts", "--format", "json"], tmp_path).out
    assert not any(ch in stored for ch in "\u202e\u009b\x1b")


def test_echoed_paths_are_cleaned_and_tilde_expands(tmp_path: Path) -> None:
    good_articles(tmp_path / "d", 1)
    escape = tmp_path / "\x1b[31mred.db"
    result = run(["--db", str(escape), "ingest", str(tmp_path / "d")], tmp_path)
    assert result.code == 0 and "\x1b" not in result.out + result.err and "\\x1b[31mred.db" in result.out
    tilde = run(["ingest", str(tmp_path / "d")], tmp_path, env={"TRADEDASH_DB": "~/x.db"})
    assert tilde.code == 0 and (tmp_path / "x.db").is_file() and not (tmp_path / "~").exists()


# -- 4 and 8. the dashboard, driven by Pilot in a limited process -------------------------

_DASHBOARD = """
import asyncio, sys
from pathlib import Path
from tests.dashboard_data import build_store, wait_loaded
from tradedash.extract.store import Store
from tradedash.tui.app import TradedashApp
from tradedash.tui.clipboard import Clipboard
from tradedash.tui.config import load_config

db = build_store(Path(sys.argv[1]) / "dash.sqlite3")
app = TradedashApp(Store(db), clipboard=Clipboard(env={}, which=lambda name: None),
                   config=load_config(Path(sys.argv[1]) / "config.toml"))

async def main():
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        await scenario(pilot, db)
    print("running" if app.is_running else "stopped", app.return_code)
    for note in app._notifications:
        print("NOTE", note.message)

SCENARIO
asyncio.run(main())
"""


def _dashboard(tmp_path: Path, scenario: str) -> Run:
    root = Path(__file__).resolve().parents[1]
    code = _DASHBOARD.replace("SCENARIO", scenario).replace("sys.argv[1]", repr(str(tmp_path)))
    return run([], tmp_path, code=code, deadline=90, env={"PYTHONPATH": str(root)})


def test_a_store_broken_under_the_dashboard_never_ends_it(tmp_path: Path) -> None:
    result = _dashboard(tmp_path, '''
async def scenario(pilot, db):
    for path in (db, db.with_name(db.name + "-shm")):
        with open(path, "r+b") as handle:
            handle.write(b"\\xffgarbage" * 4096)
    for _ in range(40):
        await pilot.press("j")
    await pilot.press("y", "e")
    await pilot.pause(0.5)
    assert pilot.app.is_running
''')
    assert result.code == 0 and "Traceback" not in result.err + result.out, result.err[-2000:]
    assert "Press ctrl+r to reload" in result.out and result.peak_mb < 500


def test_a_keymap_that_would_hide_quit_is_reported_and_quit_still_quits(tmp_path: Path) -> None:
    write(tmp_path / "config.toml", '[keymap]\nexport = "q"\ncopy_markdown = "ctlr+c"\n')
    result = _dashboard(tmp_path, '''
async def scenario(pilot, db):
    await pilot.press("q")
    await pilot.pause()
''')
    assert result.code == 0 and result.out.startswith("stopped 0"), result.out + result.err[-2000:]
    assert "export: 'q' is also quit's key; the default 'e' is kept" in result.out
    assert "copy_markdown: 'ctlr+c' is no key name" in result.out
