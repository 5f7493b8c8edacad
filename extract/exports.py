"""Writing an export file so that no failure destroys what was there.

The text goes to a temporary file in the destination's folder, is flushed to disk, and
only then renamed over the destination: a full disk, a crash or a killed process leaves
either the old file or the new one, never half of either, and no stray temporary file.
A destination that is not a regular file (a FIFO would block the writer forever, a device
would swallow the text) or that is the store itself is refused before anything is opened.
"""
from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from .amounts import AmountUnit
from .clean import shown
from .render import facts_csv, facts_json, markdown_table, tsv_table
from .store import StoredFact


class ExportError(Exception):
    """The export was not written; the message names the file and the reason."""


EXPORT_SUFFIXES = (".md", ".tsv", ".csv", ".json")
"""The formats an export is written in, picked by the file's extension (.txt is read as .tsv)."""


def export_format(path: Path) -> str:
    """The extension that picks the format, lower-cased. ExportError for any other: rows.xlsx
    written as Markdown under a spreadsheet's name would only fail later, in the spreadsheet."""
    suffix = path.suffix.lower()
    if suffix not in (*EXPORT_SUFFIXES, ".txt"):
        raise ExportError(f"{shown(path.name)}: {'no extension' if not suffix else 'unknown format ' + shown(suffix)}; "
                          f"the formats are {' '.join(EXPORT_SUFFIXES)}")
    return suffix


def write_atomically(path: Path, text: str, *, protected: Iterable[Path] = ()) -> None:
    """Replace ``path`` with ``text`` (UTF-8) in one step; ``protected`` paths (the open store
    and its journal files) are refused. Raises ExportError, leaving ``path`` as it was."""
    target = path.expanduser()
    resolved = target.resolve()
    for guarded in protected:
        for name in (guarded, guarded.with_name(guarded.name + "-wal"), guarded.with_name(guarded.name + "-shm")):
            if resolved == name.expanduser().resolve():
                raise ExportError(f"{shown(target)}: is the open store; choose another file")
    try:
        mode = os.stat(resolved).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise ExportError(f"{shown(target)}: {exc.strerror or exc}") from None
    if mode is not None and not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file (a pipe, socket or device)"
        raise ExportError(f"{shown(target)}: is {kind}; nothing was written")
    folder = resolved.parent
    data = text.encode("utf-8")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{resolved.name}.", suffix=".partial")
    except OSError as exc:
        raise ExportError(f"{shown(target)}: cannot write in {shown(folder)}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, stat.S_IMODE(mode) if mode is not None else _default_mode())
        os.replace(temporary, resolved)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise ExportError(f"{shown(target)}: not written ({exc.strerror or exc}); the file is as it was") from None
    _sync_folder(folder)


def _default_mode() -> int:
    """What a plain open() would give a new file: 0o666 less the umask (read, not set: setting
    it to read it would race with the app's other threads)."""
    umask = 0o022
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                umask = int(line.split()[1], 8)
    return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: some filesystems refuse a folder fsync)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def export_text(path: Path, facts: Sequence[StoredFact], unit: AmountUnit | None = None) -> str:
    """The facts in the file's format, amounts in the unit the table shows."""
    suffix = export_format(path)  # an unknown extension is refused, not written as Markdown
    if suffix in (".tsv", ".txt"):
        return tsv_table(facts, unit)
    if suffix == ".csv":
        return facts_csv(facts, unit)
    if suffix == ".json":
        return facts_json(facts, unit=unit)
    return markdown_table(facts, unit)
