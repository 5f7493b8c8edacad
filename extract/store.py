"""The store: one SQLite file (standard library, WAL) of documents, paragraphs and facts.

A document is identified by its path and the hash of its bytes: the same bytes
at the same path are never parsed or stored twice. Saving a document is one transaction, so a crash or SIGKILL
mid-ingest leaves whole documents only. Values are stored as exact decimal
text beside their pint unit, so a fact read back equals the fact written.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .clean import shown
from .facts import Fact
from .store_file import StoreError, connect, reopen
from .store_rows import FACTS_SELECT, FACTS_SELECT_UNQUOTED, SERIES_FIGURES_SQL, fact_row, stored_facts
from .store_rows import DocumentInfo as DocumentInfo
from .store_rows import DocumentRow as DocumentRow
from .store_rows import RemoveSummary as RemoveSummary
from .store_rows import StoredFact as StoredFact

if TYPE_CHECKING:
    from .document import Document  # bs4 and opencc: only ingest needs them loaded

#: Bumped whenever the extractor's output changes: a document stored by another version is
#: read again on the next ingest, even when its bytes are unchanged.
EXTRACTOR_VERSION = 5

Outcome = Literal["new", "unchanged", "replaced"]


def default_db_path() -> Path:
    """``TRADEDASH_DB`` if set, else tradedash.sqlite3 in the user data directory."""
    if env := os.environ.get("TRADEDASH_DB"):
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("tradedash", appauthor=False) / "tradedash.sqlite3"


class Store:
    """An open store. Use as a context manager or call close()."""

    def __init__(self, path: str | Path, *, readonly: bool = False, create: bool = True) -> None:
        """``create=False`` refuses a path with no store yet instead of creating one there: for
        commands that only change what is stored (``tradedash remove``)."""
        self.path = Path(path)
        self.readonly = readonly
        self._main = connect(self.path, readonly=readonly, create=create)
        self._main_thread = threading.get_ident()
        self._others: dict[int, sqlite3.Connection] = {}
        """A connection per other thread that used the store (the dashboard's workers)."""
        self._lock = threading.Lock()
        self._identity = _identity(self.path)

    @property
    def _conn(self) -> sqlite3.Connection:
        """This thread's connection: one per thread, so a worker's cursor never interleaves with
        another thread's statements on a shared connection."""
        ident = threading.get_ident()
        if ident == self._main_thread:
            return self._main
        with self._lock:
            conn = self._others.get(ident)
            if conn is None:
                conn = self._others[ident] = reopen(self.path, readonly=self.readonly)
        return conn

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            others, self._others = list(self._others.values()), {}
        for conn in [self._main, *others]:
            conn.close()

    def replaced(self) -> bool:
        """Whether the file at the store's path is no longer the one opened (moved away, deleted,
        or another file put in its place): this connection still reads the old one."""
        return _identity(self.path) != self._identity

    # -- documents -------------------------------------------------------

    def documents(self) -> list[DocumentRow]:
        """Every stored document with its number of facts, by date (undated last), then path."""
        rows = self._execute(
            "SELECT d.path, d.title, d.date, d.date_source, d.authority,"
            " (SELECT count(*) FROM facts f WHERE f.document_id = d.id)"
            " FROM documents d ORDER BY d.date IS NULL, d.date, d.path")
        return [DocumentRow(*row) for row in rows]

    def remove_documents(self, paths: Iterable[str | Path]) -> RemoveSummary:
        """Delete the documents stored at these paths, or under these folders, with their paragraphs
        and facts, in one transaction: like a save, a removal happens whole or not at all.

        A path matches as given and as ingest stores it (absolute, links resolved, ``shown``), so
        ``corpus/a.md`` finds what ``tradedash ingest corpus`` stored. A folder matches at a path
        separator: ``/a/b`` removes ``/a/b/c.md``, never ``/a/bc.md``."""
        removed: dict[int, tuple[str, int]] = {}
        unmatched: list[str] = []
        sql = ("SELECT d.id, d.path, (SELECT count(*) FROM facts f WHERE f.document_id = d.id) FROM documents d"
               " WHERE d.path = ?1 OR substr(d.path, 1, length(rtrim(?1, ?2)) + 1) = rtrim(?1, ?2) || ?2")
        try:
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                for given in paths:
                    forms = dict.fromkeys((shown(given), shown(Path(given).resolve())))
                    matched = [row for form in forms for row in self._conn.execute(sql, (form, os.sep))]
                    removed.update((doc_id, (path, facts)) for doc_id, path, facts in matched)
                    if not matched:
                        unmatched.append(shown(given))
                self._conn.execute("DELETE FROM documents WHERE id IN (SELECT value FROM json_each(?))",
                                   (json.dumps(list(removed)),))
        except sqlite3.Error as exc:
            raise StoreError(f"{shown(self.path)}: {exc}") from None
        return RemoveSummary(tuple(sorted(path for path, _ in removed.values())),
                             sum(facts for _, facts in removed.values()), tuple(unmatched))

    def document_by_path(self, path: str) -> DocumentInfo | None:
        row = self._one("SELECT * FROM documents WHERE path = ?", (path,))
        return _document_info(row) if row else None

    def known_hashes(self) -> dict[str, str]:
        """path -> content hash of every document stored by this extractor (older ones are read again)."""
        rows = self._execute("SELECT path, content_hash FROM documents WHERE extractor = ?", (EXTRACTOR_VERSION,))
        return {row[0]: row[1] for row in rows}

    def save(self, document: Document, facts: Iterable[Fact]) -> Outcome:
        """Store one document and its facts in one transaction; replaces an older version of the same path.

        A document is its path: the same bytes at the same path are unchanged, other bytes at
        that path replace it (facts and all), and a copy under another name is a document too.
        """
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        try:
            with self._conn:
                # Checked inside the write transaction: of two ingests storing the same file at
                # once, one stores it and the other finds it unchanged, and neither counts it twice.
                self._conn.execute("BEGIN IMMEDIATE")
                known = self._conn.execute("SELECT content_hash, extractor FROM documents WHERE path = ?",
                                           (document.source,)).fetchone()
                if known is not None and known[0] == document.content_hash and known[1] == EXTRACTOR_VERSION:
                    return "unchanged"
                cur = self._conn.execute("DELETE FROM documents WHERE path = ?", (document.source,))
                outcome: Outcome = "replaced" if cur.rowcount else "new"
                doc_id = self._conn.execute(
                    "INSERT INTO documents (path, content_hash, title, date, categories, author, warnings, ingested_at,"
                    " date_source, extractor, authority) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        document.source,
                        document.content_hash,
                        document.title,
                        document.date.isoformat() if document.date else None,
                        json.dumps(list(document.categories), ensure_ascii=False),
                        document.author,
                        json.dumps(list(document.warnings), ensure_ascii=False),
                        now,
                        document.date_source,
                        EXTRACTOR_VERSION,
                        document.authority,
                    ),
                ).lastrowid
                self._conn.executemany(
                    "INSERT INTO paragraphs (document_id, idx, text) VALUES (?, ?, ?)",
                    [(doc_id, i, text) for i, text in enumerate(document.paragraphs)],
                )
                self._conn.executemany(
                    "INSERT INTO facts (document_id, region, region_code, period, metric, metric_id, measure, breakdown,"
                    " kind, value, unit, qualifier, yoy_percent, share_percent, share_of, figure, quote, paragraph,"
                    " span_start, span_end, quotes)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(doc_id, *fact_row(fact)) for fact in facts],
                )
        except sqlite3.Error as exc:
            raise StoreError(f"{shown(self.path)}: {exc}") from None
        return outcome

    def paragraphs(self, document_id: int) -> list[str]:
        rows = self._execute("SELECT text FROM paragraphs WHERE document_id = ? ORDER BY idx", (document_id,))
        return [row[0] for row in rows]

    # -- facts -----------------------------------------------------------

    def counts(self) -> tuple[int, int]:
        """(documents, facts)."""
        docs = self._one("SELECT count(*) FROM documents")[0]
        facts = self._one("SELECT count(*) FROM facts")[0]
        return int(docs), int(facts)

    def facts(
        self,
        *,
        region: str | None = None,
        period: str | None = None,
        metric: str | None = None,
        limit: int | None = None,
        quotes: bool = True,
    ) -> list[StoredFact]:
        """Facts whose region, period or metric contain the given text, in a stable order.

        ``quotes=False`` leaves every fact's quotes empty: they are most of a fact's size, and
        the checks read every fact but quote only the few in a warning (``facts_by_id``)."""
        where, params = [], []
        for column, value in (("f.region", region), ("f.period", period), ("f.metric", metric)):
            if value:
                where.append(f"{column} LIKE ? ESCAPE '\\'")
                params.append(f"%{_like_escape(value)}%")
        sql = FACTS_SELECT if quotes else FACTS_SELECT_UNQUOTED
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY f.region, f.metric, f.period, f.id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return list(stored_facts(self._iterate(sql, params)))

    def each_fact(self, *, quotes: bool = True) -> Iterator[StoredFact]:
        """Every fact, one at a time, by region (then metric, period, id): for a pass over a
        store too big to hold at once (check_run.py)."""
        sql = FACTS_SELECT if quotes else FACTS_SELECT_UNQUOTED
        return stored_facts(self._iterate(sql + " ORDER BY f.region, f.metric, f.period, f.id"))

    def facts_by_id(self, ids: Iterable[int]) -> list[StoredFact]:
        """The facts with these ids, in the order given (unknown ids are left out)."""
        wanted = list(dict.fromkeys(int(i) for i in ids))
        found: dict[int, StoredFact] = {}
        for start in range(0, len(wanted), 500):  # SQLite caps the number of parameters
            chunk = wanted[start:start + 500]
            sql = FACTS_SELECT + f" WHERE f.id IN ({','.join('?' * len(chunk))})"
            found.update((row.id, row) for row in stored_facts(self._execute(sql, chunk)))
        return [found[i] for i in wanted if i in found]

    def facts_quoting(self, text: str) -> frozenset[int]:
        """The ids of the facts whose source sentence contains every word of ``text`` (the dashboard's find)."""
        words = text.split() or [""]
        rows = self._execute("SELECT id FROM facts WHERE " + " AND ".join(["quote LIKE ? ESCAPE '\\'"] * len(words)),
                             [f"%{_like_escape(word)}%" for word in words])
        return frozenset(int(row[0]) for row in rows)

    def region_period_facts(self, region: str | None, region_code: str | None, period: str | None
                            ) -> list[StoredFact]:
        """Every fact of one region and period, without quotes: the headlines and what slices them
        (a partner, a product, a trade mode…), for the dashboard's breakdown view."""
        sql = (FACTS_SELECT_UNQUOTED + " WHERE f.region IS ? AND f.region_code IS ? AND f.period IS ?"
               " ORDER BY f.id")
        return list(stored_facts(self._iterate(sql, (region, region_code, period))))

    def series_figures(self) -> Iterator[tuple[Any, ...]]:
        """Every fact as the dashboard's series need it (series_load.py), in the order of the
        index facts_series_key, so SQLite does not sort: (region, region_code, metric, kind,
        unit, period, value, fact id, figure, yoy, share, share_of, document id, document
        date, whether the document cites an official body, breakdown JSON, and the document's
        title when the fact has no period). Plain tuples, one at a time: at
        100,000 facts sqlite3.Row, or a list of them all, would cost more than the query."""
        words: dict[Any, Any] = {}  # one string per distinct region, metric, period, …: they repeat
        one = words.setdefault
        try:
            cursor = self._conn.cursor()
            cursor.row_factory = None
            for (region, code, metric, kind, unit, period, value, fact_id, figure, yoy, share, share_of, document, date,
                 official, breakdown, title) in cursor.execute(SERIES_FIGURES_SQL):
                yield (one(region, region), one(code, code), one(metric, metric), one(kind, kind), one(unit, unit),
                       one(period, period), value, fact_id, figure, yoy, share, one(share_of, share_of), document,
                       one(date, date), official, one(breakdown, breakdown), title)
        except sqlite3.Error as exc:
            raise StoreError(f"{shown(self.path)}: {exc}") from None

    def region_counts(self) -> list[tuple[str | None, str | None, int]]:
        """(region, region_code, number of facts) for every region in the store."""
        rows = self._execute("SELECT region, region_code, count(*) FROM facts GROUP BY region, region_code")
        return [(r[0], r[1], int(r[2])) for r in rows]

    # -- plumbing --------------------------------------------------------

    def _iterate(self, sql: str, params: Iterable[object] = ()) -> Iterator[sqlite3.Row]:
        """The rows of a query one at a time, so a big result never sits in memory twice."""
        try:
            yield from self._conn.execute(sql, tuple(params))
        except sqlite3.Error as exc:
            raise StoreError(f"{shown(self.path)}: {exc}") from None

    def _execute(self, sql: str, params: Iterable[object] = ()) -> list[sqlite3.Row]:
        try:
            return self._conn.execute(sql, tuple(params)).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"{shown(self.path)}: {exc}") from None

    def _one(self, sql: str, params: Iterable[object] = ()) -> sqlite3.Row:
        rows = self._execute(sql, params)
        return rows[0] if rows else None  # type: ignore[return-value]


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _document_info(row: sqlite3.Row) -> DocumentInfo:
    return DocumentInfo(row["id"], row["path"], row["content_hash"], row["title"], row["date"], row["ingested_at"],
                        row["authority"], row["date_source"])
