"""The demo store: the bundled sample articles, extracted once into a cache file, opened read-only.

The dashboard shows it while the user's store is empty or not there yet, so a first launch has
something to look at and the user's store never holds articles the user did not ingest. The
file is named by a hash of the sample's bytes and of the extractor and schema versions, so a
changed sample or a new extractor builds a new one instead of showing stale figures. It is
built under a temporary name and renamed into place: a crash, or two dashboards starting at
once, never leave half a store under the real name.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from importlib.resources import as_file
from pathlib import Path

from ..data import sample_corpus
from .clean import shown
from .store import EXTRACTOR_VERSION, Store, StoreError
from .store_file import SCHEMA_VERSION


def sample_digest() -> str:
    """A hash of every sample article ingest would read, and of what reads them."""
    from .document import SUFFIXES

    digest = hashlib.sha256(f"tradedash demo: extractor {EXTRACTOR_VERSION}, schema {SCHEMA_VERSION}\n".encode())
    for item in sorted(sample_corpus().iterdir(), key=lambda entry: entry.name):
        if item.is_file() and Path(item.name).suffix.lower() in SUFFIXES:
            data = item.read_bytes()
            digest.update(f"{item.name}\0{len(data)}\0".encode() + data)
    return digest.hexdigest()[:16]


def demo_cache_dir() -> Path:
    """tradedash's folder in the user cache directory (``~/.cache/tradedash`` on Linux)."""
    from platformdirs import user_cache_path

    return user_cache_path("tradedash", appauthor=False)


def demo_store(cache_dir: Path | None = None) -> Path:
    """The path of the demo store, built first when it is missing, stale or unreadable.

    Raises StoreError naming the folder and the reason when it cannot be built there.
    """
    folder = cache_dir if cache_dir is not None else demo_cache_dir()
    path = folder / f"demo-{sample_digest()}.sqlite3"
    if not _usable(path):
        _build(path)
        for old in folder.glob("demo-*.sqlite3"):  # the demos of other samples or extractors
            if old != path:
                old.unlink(missing_ok=True)
    return path


def _usable(path: Path) -> bool:
    if not path.is_file():
        return False
    try:
        with Store(path, readonly=True) as store:
            return store.counts()[0] > 0
    except StoreError:
        return False


def _build(path: Path) -> None:
    """Ingest the sample into a temporary file beside ``path``, make it a single read-only file
    (no WAL: a reader would need to create one beside it) and rename it into place."""
    from .ingest import ingest  # the extractor loads only when a demo is built

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
        os.close(handle)
    except OSError as exc:
        raise StoreError(f"{shown(path.parent)}: cannot build the demo store here: {exc.strerror or exc}") from None
    temporary = Path(name)
    try:
        with as_file(sample_corpus()) as sample, Store(temporary) as store:
            summary = ingest(store, [sample])
        if not summary.new:
            raise StoreError(f"{shown(path)}: the bundled sample gave no article to show")
        conn = sqlite3.connect(temporary)
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
        finally:
            conn.close()
        temporary.chmod(0o444)
        os.replace(temporary, path)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"{shown(path)}: cannot build the demo store: {exc}") from None
    finally:
        for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm")):
            leftover.unlink(missing_ok=True)
