"""The store's SQLite file: its schema, the migration from older versions, and opening it.

Opening checks everything before anything is written: a folder or a read-only file, a
SQLite file of another program (refused before even the journal mode changes), damage
(quick_check), then creates or migrates the schema.
"""
from __future__ import annotations

import sqlite3
import stat
import time
from pathlib import Path

from .clean import shown

SCHEMA_VERSION = 3
SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT,
    categories TEXT NOT NULL DEFAULT '[]',
    author TEXT,
    warnings TEXT NOT NULL DEFAULT '[]',
    ingested_at TEXT NOT NULL,
    date_source TEXT,
    extractor INTEGER,
    authority TEXT
);
CREATE INDEX IF NOT EXISTS documents_hash ON documents(content_hash);
CREATE TABLE IF NOT EXISTS paragraphs (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (document_id, idx)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS facts (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    region TEXT,
    region_code TEXT,
    period TEXT,
    metric TEXT NOT NULL,
    metric_id TEXT,
    measure TEXT,
    breakdown TEXT NOT NULL DEFAULT '{}',
    kind TEXT NOT NULL,
    value TEXT,
    unit TEXT NOT NULL,
    qualifier TEXT NOT NULL,
    yoy_percent TEXT,
    share_percent TEXT,
    share_of TEXT,
    figure TEXT NOT NULL DEFAULT '',
    quote TEXT,
    paragraph INTEGER,
    span_start INTEGER,
    span_end INTEGER,
    quotes TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS facts_document ON facts(document_id);
CREATE INDEX IF NOT EXISTS facts_region ON facts(region);
CREATE INDEX IF NOT EXISTS facts_metric ON facts(metric);
-- The dashboard's series query groups by these columns: the index turns its GROUP BY into a scan.
DROP INDEX IF EXISTS facts_series;
CREATE INDEX IF NOT EXISTS facts_series_key
    ON facts(region, region_code, coalesce(metric_id, metric), kind, unit, period, value);
"""

# Version 1 stores predate measure and breakdown; their documents (extractor NULL) are
# read again by the next ingest.
_FROM_VERSION_1 = """
ALTER TABLE documents ADD COLUMN date_source TEXT;
ALTER TABLE documents ADD COLUMN extractor INTEGER;
ALTER TABLE facts ADD COLUMN measure TEXT;
ALTER TABLE facts ADD COLUMN breakdown TEXT NOT NULL DEFAULT '{}';
"""

# Version 2 stores predate the official body an article cites (authority.py); their
# documents are read again by the next ingest (the extractor version changed with it).
_FROM_VERSION_2 = """
ALTER TABLE documents ADD COLUMN authority TEXT;
"""


class StoreError(Exception):
    """The database cannot be used; the message names the file and the reason."""


def connect(path: Path, *, readonly: bool, create: bool = True) -> sqlite3.Connection:
    """Open (creating if needed and ``create``) and check the schema; StoreError with a reason on any failure.

    Two processes creating one new store at once can find it locked where SQLite's busy
    timeout does not apply (switching to WAL): the opening is tried again, for up to 5 s."""
    deadline = time.monotonic() + 5
    while True:
        try:
            return _connect(path, readonly=readonly, create=create)
        except StoreError as exc:
            if "database is locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _connect(path: Path, *, readonly: bool, create: bool) -> sqlite3.Connection:
    if path.exists():
        if path.is_dir():
            raise StoreError(f"{shown(path)}: is a directory, not a database file")
        if not readonly and not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            # Honour the file's permission bits even for root, who could otherwise write anyway.
            raise StoreError(f"{shown(path)}: database file is read-only (use a writable copy or --db)")
    elif readonly or not create:
        raise StoreError(f"{shown(path)}: no database here yet (run `tradedash ingest` first)")
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{shown(path)}: cannot create its folder: {exc.strerror or exc}") from None
    try:
        conn = _open(path, readonly)
        _ours_or_refuse(conn, path)  # before anything is written, the journal mode included
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            damage = conn.execute("PRAGMA quick_check").fetchone()[0]
            if damage != "ok":
                raise StoreError(f"{shown(path)}: the database is damaged (quick_check: {damage}); "
                                 "use a copy from before the damage, or another --db")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            # One transaction: another process opening the same new store sees no tables or all of
            # them (executescript alone commits statement by statement).
            conn.execute("BEGIN IMMEDIATE")
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                before = _schema_objects(conn)
                for since, script in ((1, _FROM_VERSION_1), (2, _FROM_VERSION_2)):
                    if 0 < version <= since:
                        for statement in _statements(script):
                            conn.execute(statement)
                for statement in _statements(SCHEMA):
                    conn.execute(statement)
                if version == SCHEMA_VERSION and _schema_objects(conn) == before:
                    # Nothing to change: no commit, so a dashboard watching the store's
                    # data_version is not told that another process wrote to it.
                    conn.rollback()
                else:
                    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    conn.execute("COMMIT")
            except BaseException:
                conn.rollback()
                raise
        else:
            conn.execute("SELECT count(*) FROM documents").fetchone()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{shown(path)}: not a usable tradedash database ({exc})") from None
    return conn


def reopen(path: Path, *, readonly: bool) -> sqlite3.Connection:
    """Another connection to a store ``connect`` has opened and checked: for another thread."""
    try:
        conn = _open(path, readonly)
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{shown(path)}: not a usable tradedash database ({exc})") from None
    return conn


def _open(path: Path, readonly: bool) -> sqlite3.Connection:
    if readonly:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    else:
        conn = sqlite3.connect(path, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def _schema_objects(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    return {(row[0], row[1]) for row in conn.execute("SELECT type, name FROM sqlite_master")}


def _statements(script: str) -> list[str]:
    """The statements of a schema script (no ; inside our statements), comments dropped."""
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


_OUR_TABLES = frozenset({"documents", "paragraphs", "facts"})


def _ours_or_refuse(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a SQLite file of another program: tables that are not ours, or a version we never set."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if version not in (0, 1, 2, SCHEMA_VERSION):
        conn.close()
        raise StoreError(f"{shown(path)}: schema version {version}, this tradedash knows {SCHEMA_VERSION}; not opened")
    foreign = {t for t in tables if not t.startswith("sqlite_")} - _OUR_TABLES
    if foreign:
        conn.close()
        names = ", ".join(sorted(tables)[:5])
        raise StoreError(f"{shown(path)}: not a tradedash store (its tables: {names}); nothing was written to it")
