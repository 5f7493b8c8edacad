from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tradedash.extract.document import load_document
from tradedash.extract.ingest import ingest, ingest_files, list_files
from tradedash.extract.reader import extract
from tradedash.extract.store import Store
from tradedash.tui.cli import main

from .conftest import article

BODIES = [
    "<p>今年1-7月，朝阳区货物进出口总额10246.0亿元，同比增长27.3%。</p>",
    "<p>前5个月，江苏省外贸进出口总值2.13万亿元，增长8.5%。其中，出口1.32万亿元。</p>",
    "<p>一季度，安徽省进出口1464.6亿元，出口831.7亿元，进口632.9亿元。</p>",
]


def _folder(tmp_path: Path, n: int = 3) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:04d}.md").write_text(article(BODIES[i % len(BODIES)], title=f"文章{i}"), encoding="utf-8")
    return folder


def test_broken_files_never_stop_the_batch(tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path)
    (folder / "empty.md").write_bytes(b"")
    (folder / "binary.md").write_bytes(bytes(range(256)) * 10)
    (folder / "sub").mkdir()
    (folder / "sub" / "deep.html").write_text("<html><body><p>出口1亿元。</p></body></html>", encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF")  # not an article suffix: not listed
    assert main(["ingest", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert "4 new, 0 unchanged, 0 replaced, 2 failed" in " ".join(out.split())
    assert f"  {folder / 'empty.md'}: empty file" in err and "failed: 2" in err
    assert "binary" in err and "Traceback" not in err
    with Store(db_path) as store:
        assert store.counts()[0] == 4


def test_second_run_is_unchanged_and_a_changed_file_is_replaced(tmp_path: Path, db_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path)
    assert main(["ingest", str(folder)]) == 0
    with Store(db_path) as store:
        first = store.counts()
    assert main(["ingest", str(folder)]) == 0
    assert "0 new, 3 unchanged, 0 replaced, 0 failed" in " ".join(capsys.readouterr().out.split())
    (folder / "a0000.md").write_text(article("<p>今年1-7月，朝阳区货物进出口总额9999亿元。</p>", title="改"), encoding="utf-8")
    assert main(["ingest", str(folder)]) == 0
    assert "0 new, 2 unchanged, 1 replaced, 0 failed" in " ".join(capsys.readouterr().out.split())
    with Store(db_path) as store:
        assert store.counts()[0] == first[0]
        titles = {row.document.title for row in store.facts()}
    assert "改" in titles and "文章0" not in titles


def test_file_disappearing_between_listing_and_reading(tmp_path: Path, db_path: Path) -> None:
    folder = _folder(tmp_path)
    files, failures, _ = list_files([folder])
    (folder / "a0002.md").unlink()
    with Store(db_path) as store:
        summary = ingest_files(store, files, failures)
    assert summary.new == 2
    assert [(Path(f.path).name, f.reason) for f in summary.failures] == [("a0002.md", "file disappeared before it could be read")]


def test_jobs_two_stores_the_same_facts_as_jobs_one(tmp_path: Path) -> None:
    folder = _folder(tmp_path, n=12)
    results = []
    for jobs in (1, 2):
        with Store(tmp_path / f"j{jobs}.db") as store:
            summary = ingest(store, [folder], jobs=jobs)
            assert summary.new == 12 and not summary.failures
            results.append(sorted((r.document.path, r.fact.metric, str(r.fact.value)) for r in store.facts()))
    assert results[0] == results[1]


def test_gb18030_copy_gives_the_same_facts(tmp_path: Path) -> None:
    text = article(BODIES[1] + "<p>同期，江苏省对东盟进出口3116.4亿元，增长9.6%。</p>", title="江苏外贸")
    utf8 = tmp_path / "utf8.md"
    gb = tmp_path / "gb.md"
    utf8.write_text(text, encoding="utf-8")
    gb.write_bytes(text.encode("gb18030"))
    facts_utf8 = extract(load_document(utf8))
    assert facts_utf8
    assert extract(load_document(gb)) == facts_utf8


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["ingest"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["ingest", "--jobs", "0", "x"])
    assert info.value.code == 2


def test_missing_path_is_reported(tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(tmp_path / "nope")]) == 1
    assert "no such file or folder" in capsys.readouterr().err


def test_corrupt_database_through_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "bad.db"
    db.write_bytes(b"garbage" * 1000)
    folder = _folder(tmp_path)
    assert main(["--db", str(db), "ingest", str(folder)]) == 1
    err = capsys.readouterr().err
    assert f"tradedash: {db}: not a usable tradedash database" in err
    assert "Traceback" not in err
    assert db.read_bytes() == b"garbage" * 1000


def test_sigkill_mid_ingest_keeps_whole_documents_and_rerun_finishes(tmp_path: Path) -> None:
    folder = _folder(tmp_path, n=600)
    db = tmp_path / "kill.db"
    cmd = [sys.executable, "-c", "import sys; from tradedash.tui.cli import main; sys.exit(main())",
           "--db", str(db), "ingest", str(folder)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1) as conn:
                stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        except sqlite3.Error:
            stored = 0
        if stored >= 20:
            break
        time.sleep(0.01)
    assert proc.poll() is None, "ingest finished before it could be killed; make the folder bigger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert 0 < documents < 600
    # Whole documents only: every stored document has all of its paragraphs and facts.
    expected_facts = {path.resolve().as_posix(): len(extract(load_document(path))) for path in folder.iterdir()}
    for path, n_facts, n_paragraphs in conn.execute(
        "SELECT d.path, (SELECT count(*) FROM facts f WHERE f.document_id = d.id),"
        " (SELECT count(*) FROM paragraphs p WHERE p.document_id = d.id) FROM documents d"
    ):
        assert n_facts == expected_facts[path]
        assert n_paragraphs == 1
    conn.close()

    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    summary = " ".join(rerun.stdout.split())
    assert f"{600 - documents} new, {documents} unchanged, 0 replaced, 0 failed" in summary


def test_a_file_overwritten_by_another_articles_bytes_is_replaced(tmp_path: Path, db_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path)
    assert main(["ingest", str(folder)]) == 0
    (folder / "a0000.md").write_bytes((folder / "a0001.md").read_bytes())  # same bytes as another file
    (folder / "copy.md").write_bytes((folder / "a0002.md").read_bytes())  # a copy under a new name
    capsys.readouterr()
    assert main(["ingest", str(folder)]) == 0
    assert "1 new, 2 unchanged, 1 replaced, 0 failed" in " ".join(capsys.readouterr().out.split())
    with Store(db_path) as store:
        values: dict[str, set[str]] = {}
        for row in store.facts():
            values.setdefault(Path(row.document.path).name, set()).add(str(row.fact.value))
    assert values["a0000.md"] == values["a0001.md"]  # the old 10246.0亿元 facts of a0000 are gone
    assert "1024600000000" not in values["a0000.md"]
    assert values["copy.md"] == values["a0002.md"]
