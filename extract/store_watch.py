"""Whether another process wrote to a store while it is shown: SQLite's ``PRAGMA data_version``.

The dashboard reads a store that ``tradedash ingest`` (or ``tradedash remove``) may change at the
same time. SQLite counts the commits that other connections make to a database file, and
``PRAGMA data_version`` returns that count as one connection sees it: it moves for every other
connection's commit, in this process or another, and never for the connection's own. A watch
keeps a read-only connection of its own (it never writes, so every move is someone else's) and
compares the count with the one whose contents are on screen. One pragma: cheap enough for a timer.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from .clean import shown
from .store_file import StoreError


class StoreWatch:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"{shown(path)}: {exc}") from None
        self.shown = self.version()
        """The version whose contents are on screen; the reader sets it to the one it read."""

    def version(self) -> int:
        """The count of other connections' commits, as this connection sees it now."""
        try:
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.ProgrammingError:  # closed by a reload while a check was under way
            return self.shown
        except sqlite3.Error as exc:
            raise StoreError(f"{shown(self.path)}: {exc}") from None

    def changed(self) -> bool:
        """Whether another connection committed since the version on screen was read."""
        return self.version() != self.shown

    def close(self) -> None:
        self._conn.close()
