"""Ingest: files and folders in, documents and facts in the store, a summary out.

Extraction runs in worker processes (workers.py): each document under a time limit, so
one hostile file never holds the batch; the calling process is the single writer,
saving each document in its own transaction, so an interruption keeps every document
already saved and nothing half-saved. Files whose bytes are already stored are skipped
by hash without being parsed.

What cannot be read is reported, never fatal: files too large, FIFOs, sockets and
devices (refused without being opened), unreadable folders, dangling links and link
loops. Names are shown escaped: any byte sequence in a file name is reported, never a
crash (os.fsdecode's surrogates become ``\\xb1``), and a newline in a name cannot forge a
line of the summary.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .clean import shown
from .document import SUFFIXES, Document, DocumentError, content_hash, parse_document
from .facts import Fact
from .reader import extract
from .store import Store, StoreError
from .workers import DEFAULT_TIMEOUT, Workers

Progress = Callable[[int, int, str], None]
"""progress(done, total, path) after each file."""

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""Articles larger than this (20 MB; ``--max-size`` or TRADEDASH_MAX_MB) are refused."""


@dataclass(frozen=True)
class Failure:
    path: str
    reason: str


@dataclass
class IngestSummary:
    new: int = 0
    unchanged: int = 0
    replaced: int = 0
    facts: int = 0
    """Facts this run stored (documents another run stored meanwhile are not counted twice)."""
    failures: list[Failure] = field(default_factory=list)
    skipped: list[Failure] = field(default_factory=list)
    """What a folder held that is no article to read: unreadable folders, dangling links, loops."""
    warned: list[Failure] = field(default_factory=list)
    """Documents stored with a warning: broken front matter, no date, a date refused."""

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def total(self) -> int:
        return self.new + self.unchanged + self.replaced + self.failed


@dataclass(frozen=True)
class Extracted:
    document: Document
    facts: list[Fact]


def list_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Failure], list[Failure]]:
    """Article files under the given files and folders (recursive, sorted), the paths that
    failed (missing, not a regular file) and what was skipped inside folders, with reasons."""
    files: list[Path] = []
    failures: list[Failure] = []
    skipped: list[Failure] = []
    for raw in paths:
        path = Path(raw)
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            reason = "dangling link" if path.is_symlink() else "no such file or folder"
            failures.append(Failure(shown(path), reason))
            continue
        except OSError as exc:
            failures.append(Failure(shown(path), f"cannot read: {exc.strerror or exc}"))
            continue
        if stat.S_ISDIR(mode):
            found, skips = _walk(path)
            files.extend(found)
            skipped.extend(skips)
        elif stat.S_ISREG(mode):
            files.append(path)
        else:
            failures.append(Failure(shown(path), f"not a regular file ({_kind(mode)}): not opened"))
    return files, failures, skipped


def _walk(top: Path) -> tuple[list[Path], list[Failure]]:
    """Every article file under ``top``, following links once (a link loop is skipped, not looped)."""
    found: list[Path] = []
    skipped: list[Failure] = []
    seen: set[tuple[int, int]] = set()

    def on_error(exc: OSError) -> None:
        skipped.append(Failure(shown(exc.filename or top), f"unreadable folder: {exc.strerror or exc}"))

    for folder, dirs, names in os.walk(top, onerror=on_error, followlinks=True):
        try:
            info = os.stat(folder)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in seen:
            skipped.append(Failure(shown(folder), "link loop: a folder already read"))
            dirs.clear()
            continue
        seen.add((info.st_dev, info.st_ino))
        dirs.sort()
        for name in sorted(names):
            path = Path(folder, name)
            if path.suffix.lower() not in SUFFIXES:
                continue
            try:
                mode = path.stat().st_mode
            except FileNotFoundError:
                skipped.append(Failure(shown(path), "dangling link"))
                continue
            except OSError as exc:
                skipped.append(Failure(shown(path), f"cannot read: {exc.strerror or exc}"))
                continue
            if stat.S_ISREG(mode):
                found.append(path)
            else:
                skipped.append(Failure(shown(path), f"not a regular file ({_kind(mode)}): not opened"))
    return found, skipped


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device")):
        if test(mode):
            return name
    return "not a file"


def extract_bytes(raw: bytes, source: str) -> Extracted | Failure:
    """Parse and extract one file's bytes; never raises, so one bad file never stops a batch."""
    try:
        document = parse_document(raw, source)
        return Extracted(document, extract(document))
    except DocumentError as exc:
        return Failure(source, exc.reason)
    except RecursionError:
        return Failure(source, "markup nested too deeply to parse")
    except MemoryError:
        return Failure(source, "ran out of memory")
    except Exception as exc:  # an extractor bug must not lose the rest of the batch
        return Failure(source, f"extraction failed: {type(exc).__name__}: {exc}")


def _overran(source: str, seconds: float) -> Failure:
    if seconds < 0:
        return Failure(source, "its worker died (out of memory?)")
    return Failure(source, f"took longer than {seconds:g} s; stopped")


def ingest(store: Store, paths: Iterable[str | Path], *, jobs: int = 1, progress: Progress | None = None,
           workers: bool = False, timeout: float = DEFAULT_TIMEOUT,
           max_bytes: int = DEFAULT_MAX_BYTES) -> IngestSummary:
    """Ingest files and folders (recursive).

    With ``workers`` extraction runs in ``jobs`` worker processes under a per-document time
    limit (the command line); without, in this process (the bundled sample, from a thread).
    """
    files, failures, skipped = list_files(paths)
    summary = ingest_files(store, files, failures, jobs=jobs, progress=progress, workers=workers, timeout=timeout,
                           max_bytes=max_bytes)
    summary.skipped.extend(skipped)
    return summary


def ingest_files(store: Store, files: list[Path], failures: Iterable[Failure] = (), *, jobs: int = 1,
                 progress: Progress | None = None, workers: bool = False, timeout: float = DEFAULT_TIMEOUT,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> IngestSummary:
    """Ingest an already listed set of files; files gone since the listing are reported, not fatal."""
    summary = IngestSummary(failures=list(failures))
    total = len(files)
    done = 0

    def tick(path: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total, path)

    pending = _pending(store, files, summary, tick, max_bytes)
    pool = Workers(min(jobs, max(1, total)), extract_bytes, timeout=timeout, on_timeout=_overran) if workers else None
    try:
        results = pool.map(pending) if pool is not None else (extract_bytes(*item) for item in pending)
        for result in results:
            if isinstance(result, Failure):
                summary.failures.append(result)
                tick(result.path)
                continue
            _save(store, result, summary)
            tick(result.document.source)
    finally:
        if pool is not None:
            pool.close()
    return summary


def _save(store: Store, result: Extracted, summary: IngestSummary) -> None:
    try:
        outcome = store.save(result.document, result.facts)
    except StoreError as exc:
        summary.failures.append(Failure(result.document.source, str(exc)))
        return
    setattr(summary, outcome, getattr(summary, outcome) + 1)
    if outcome != "unchanged":
        summary.facts += len(result.facts)
        if result.document.warnings:
            summary.warned.append(Failure(result.document.source, "; ".join(result.document.warnings)))


def _pending(store: Store, files: list[Path], summary: IngestSummary, tick: Callable[[str], None],
             max_bytes: int) -> Iterator[tuple[bytes, str]]:
    """Read each file once; yield those not stored at their path with these bytes."""
    known = store.known_hashes()
    for path in files:
        source = shown(path.resolve())
        try:
            size = path.stat().st_size
            if size > max_bytes:
                summary.failures.append(Failure(source, f"too large: {size / 2**20:.1f} MB, the limit is "
                                                        f"{max_bytes / 2**20:g} MB (--max-size)"))
                tick(source)
                continue
            raw = path.read_bytes()
        except FileNotFoundError:
            summary.failures.append(Failure(source, "file disappeared before it could be read"))
            tick(source)
            continue
        except OSError as exc:
            summary.failures.append(Failure(source, f"cannot read: {exc.strerror or exc}"))
            tick(source)
            continue
        if known.get(source) == content_hash(raw):
            summary.unchanged += 1
            tick(source)
            continue
        yield raw, source
