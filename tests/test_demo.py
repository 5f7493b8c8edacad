"""The demo store: the bundled sample built once into the cache, read-only, rebuilt when stale."""
from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import pytest

from tradedash.data import sample_corpus
from tradedash.extract import demo
from tradedash.extract.store import Store, StoreError
from tradedash.tui.app import open_store

SAMPLE_ARTICLES = sum(1 for item in sample_corpus().iterdir() if item.name.endswith(".md"))


def test_built_once_into_the_cache_as_one_read_only_file(tmp_path: Path) -> None:
    path = demo.demo_store(tmp_path)
    assert path.parent == tmp_path and path.name == f"demo-{demo.sample_digest()}.sqlite3"
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no journal, no partial file
    assert path.stat().st_mode & 0o777 == 0o444
    with Store(path, readonly=True) as store:
        documents, facts = store.counts()
    assert documents == SAMPLE_ARTICLES and facts > 100
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # readable without a -shm beside it
    conn.close()
    before = path.stat()
    assert demo.demo_store(tmp_path) == path
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # reused


def test_the_demo_cannot_be_written_even_after_a_reload(tmp_path: Path) -> None:
    path = demo.demo_store(tmp_path)
    with pytest.raises(StoreError, match="read-only"):
        Store(path)
    with open_store(path) as store:  # what ctrl+r does: falls back to reading
        assert store.readonly


def test_a_new_extractor_builds_a_new_demo_and_drops_the_stale_one(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    old = demo.demo_store(tmp_path)
    monkeypatch.setattr(demo, "EXTRACTOR_VERSION", demo.EXTRACTOR_VERSION + 1)
    new = demo.demo_store(tmp_path)
    assert new != old and new.is_file() and not old.exists()


def test_a_damaged_demo_is_rebuilt(tmp_path: Path) -> None:
    path = demo.demo_store(tmp_path)
    os.chmod(path, 0o644)
    path.write_bytes(b"not a database" * 100)
    assert demo.demo_store(tmp_path) == path
    with Store(path, readonly=True) as store:
        assert store.counts()[0] == SAMPLE_ARTICLES


def test_a_failed_build_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tradedash.extract import ingest

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ingest, "ingest", full_disk)
    with pytest.raises(StoreError, match=r"cannot build the demo store: .*No space left on device"):
        demo.demo_store(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_cache_that_cannot_be_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    with pytest.raises(StoreError, match="cannot build the demo store here"):
        demo.demo_store(blocker / "tradedash")


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_CACHE_HOME is the Linux convention")
def test_the_cache_is_the_user_cache_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert demo.demo_cache_dir() == tmp_path / "tradedash"
