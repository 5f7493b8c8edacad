"""Ingest: files and folders in, documents and facts in the store, a summary out.

Extraction runs in worker processes (``jobs``); the calling process is the single
writer, saving each document in its own transaction, so an interruption keeps
every document already saved and nothing half-saved. Files whose bytes are
already stored are skipped by hash without being parsed.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from .document import SUFFIXES, Document, DocumentError, content_hash, parse_document
from .facts import Fact
from .reader import extract
from .store import Store, StoreError

Progress = Callable[[int, int, str], None]
"""progress(done, total, path) after each file."""

BATCH = 64


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
    failures: list[Failure] = field(default_factory=list)

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


def list_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Failure]]:
    """Article files under the given files and folders (recursive, sorted); missing paths are failures."""
    files: list[Path] = []
    failures: list[Failure] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            failures.append(Failure(str(path), "no such file or folder"))
    return files, failures


def extract_bytes(raw: bytes, source: str) -> Extracted | Failure:
    """Parse and extract one file's bytes; never raises, so one bad file never stops a batch."""
    try:
        document = parse_document(raw, source)
        return Extracted(document, extract(document))
    except DocumentError as exc:
        return Failure(source, exc.reason)
    except RecursionError:
        return Failure(source, "markup nested too deeply to parse")
    except Exception as exc:  # an extractor bug must not lose the rest of the batch
        return Failure(source, f"extraction failed: {type(exc).__name__}: {exc}")


def _extract_item(item: tuple[bytes, str]) -> Extracted | Failure:
    return extract_bytes(*item)


def ingest(store: Store, paths: Iterable[str | Path], *, jobs: int = 1, progress: Progress | None = None) -> IngestSummary:
    """Ingest files and folders (recursive)."""
    files, failures = list_files(paths)
    return ingest_files(store, files, failures, jobs=jobs, progress=progress)


def ingest_files(store: Store, files: list[Path], failures: Iterable[Failure] = (), *, jobs: int = 1,
                 progress: Progress | None = None) -> IngestSummary:
    """Ingest an already listed set of files; files gone since the listing are reported, not fatal."""
    summary = IngestSummary(failures=list(failures))
    total = len(files)
    done = 0

    def tick(path: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total, path)

    pool: Executor | None = ProcessPoolExecutor(jobs) if jobs > 1 else None
    try:
        for batch in _batches(_pending(store, files, summary, tick), BATCH):
            if pool is not None:
                results: Iterable[Extracted | Failure] = pool.map(_extract_item, batch, chunksize=4)
            else:
                results = map(_extract_item, batch)
            for result in results:
                if isinstance(result, Failure):
                    summary.failures.append(result)
                    tick(result.path)
                    continue
                try:
                    outcome = store.save(result.document, result.facts)
                except StoreError as exc:
                    summary.failures.append(Failure(result.document.source, str(exc)))
                    tick(result.document.source)
                    continue
                setattr(summary, outcome, getattr(summary, outcome) + 1)
                if outcome != "unchanged":
                    summary.facts += len(result.facts)
                tick(result.document.source)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    return summary


def _pending(store: Store, files: list[Path], summary: IngestSummary,
             tick: Callable[[str], None]) -> Iterator[tuple[bytes, str]]:
    """Read each file once; yield those not stored at their path with these bytes."""
    known = store.known_hashes()
    for path in files:
        source = str(path.resolve())
        try:
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


def _batches(items: Iterable[tuple[bytes, str]], size: int) -> Iterator[list[tuple[bytes, str]]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
