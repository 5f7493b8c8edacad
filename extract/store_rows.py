"""How documents and facts map to the store's rows, and back: the row types the store
returns, the columns it reads them from, and the conversions (shared strings, exact decimals).
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .facts import Fact, Quote
from .units import decimal_text


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    id: int
    path: str
    content_hash: str
    title: str
    date: str | None
    ingested_at: str
    authority: str | None = None
    """The official body the article cites for its figures (南京海关), if any."""
    date_source: str | None = None
    """Where the date came from (front_matter, url, dateline, cited_url): all but the first are inferred."""

    @property
    def date_note(self) -> str:
        """The date as a source line shows it: 2021-08-09, or 2021-08-09 (from the url) when inferred."""
        if not self.date:
            return "no date"
        if self.date_source in (None, "front_matter"):
            return self.date
        return f"{self.date} (inferred from the {self.date_source.replace('_', ' ')})"


@dataclass(frozen=True, slots=True)
class StoredFact:
    """A fact read back from the store, with the document it came from."""

    id: int
    fact: Fact
    document: DocumentInfo


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """A stored document as ``tradedash docs`` lists it: what it is, when, and how much it gave."""

    path: str
    title: str
    date: str | None
    date_source: str | None
    """front_matter, url, dateline or cited_url (document.DateSource); None without a date,
    or for a document stored before the store kept it."""
    authority: str | None
    facts: int

    @property
    def date_inferred(self) -> bool:
        """Whether the date was worked out (from the address or a byline), not stated by the article."""
        return self.date_source not in (None, "front_matter")


@dataclass(frozen=True, slots=True)
class RemoveSummary:
    """What ``Store.remove_documents`` deleted, and which of the given paths matched nothing."""

    documents: tuple[str, ...]
    facts: int
    unmatched: tuple[str, ...]


SERIES_FIGURES_SQL = """
SELECT f.region, f.region_code, coalesce(f.metric_id, f.metric), f.kind, f.unit, f.period, f.value, f.id, f.figure,
       f.yoy_percent, f.share_percent, f.share_of, f.document_id, d.date, d.authority IS NOT NULL, f.breakdown,
       CASE WHEN f.period IS NULL THEN d.title END
FROM facts f JOIN documents d ON d.id = f.document_id
ORDER BY f.region, f.region_code, coalesce(f.metric_id, f.metric), f.kind, f.unit, f.period, f.value, f.id
"""
#: The columns a stored fact is read from, in the order ``_stored_fact`` takes them by position
#: (sqlite3.Row looks a name up by scanning every column: at 100,000 facts that alone is a second).
_FACT_COLUMNS = ("f.id", "f.region", "f.region_code", "f.period", "f.metric", "f.metric_id", "f.measure",
                 "f.breakdown", "f.kind", "f.value", "f.unit", "f.qualifier", "f.yoy_percent", "f.share_percent",
                 "f.share_of", "f.figure", "f.quotes", "d.id", "d.path", "d.content_hash", "d.title", "d.date",
                 "d.ingested_at", "d.authority", "d.date_source")
FACTS_SELECT = f"SELECT {', '.join(_FACT_COLUMNS)} FROM facts f JOIN documents d ON d.id = f.document_id"
#: The same without the quotes, which are most of a fact's size: for passes over many facts.
FACTS_SELECT_UNQUOTED = FACTS_SELECT.replace("f.quotes", "'[]'", 1)



def _dec(value: Decimal | None) -> str | None:
    return None if value is None else decimal_text(value)


def fact_row(fact: Fact) -> tuple[object, ...]:
    first = fact.quotes[0] if fact.quotes else None
    return (
        fact.region,
        fact.region_code,
        fact.period,
        fact.metric,
        fact.metric_id,
        fact.measure,
        json.dumps(fact.breakdown, ensure_ascii=False, sort_keys=True),
        fact.kind,
        _dec(fact.value),
        fact.unit,
        fact.qualifier,
        _dec(fact.yoy_percent),
        _dec(fact.share_percent),
        fact.share_of,
        fact.figure,
        first.quote if first else None,
        first.paragraph if first else None,
        first.span[0] if first else None,
        first.span[1] if first else None,
        json.dumps([q.to_dict() for q in fact.quotes], ensure_ascii=False),
    )



def stored_facts(rows: Iterable[Sequence[Any]]) -> Iterator[StoredFact]:
    """Rows of ``_FACTS_SELECT`` as stored facts. One DocumentInfo per document, and one string
    per distinct region, period, metric, kind, unit and qualifier, shared by the facts that
    have it: SQLite returns a new string each time, and 100,000 facts repeat a few hundred."""
    documents: dict[int, DocumentInfo] = {}
    words: dict[Any, Any] = {}
    for (fact_id, region, code, period, metric, metric_id, measure, breakdown, kind, value, unit, qualifier, yoy,
         share, share_of, figure, quotes, *doc) in rows:
        document = documents.get(doc[0])
        if document is None:
            document = documents[doc[0]] = DocumentInfo(*doc)
        fact = Fact(
            region=words.setdefault(region, region), region_code=words.setdefault(code, code),
            period=words.setdefault(period, period), metric=words.setdefault(metric, metric),
            metric_id=words.setdefault(metric_id, metric_id), measure=words.setdefault(measure, measure),
            breakdown=json.loads(breakdown) if breakdown != "{}" else {},
            kind=words.setdefault(kind, kind), value=None if value is None else Decimal(value),
            unit=words.setdefault(unit, unit), qualifier=words.setdefault(qualifier, qualifier),
            yoy_percent=None if yoy is None else Decimal(yoy),
            share_percent=None if share is None else Decimal(share),
            share_of=share_of, figure=figure,
            quotes=tuple(Quote.from_dict(q) for q in json.loads(quotes)),
        )
        yield StoredFact(fact_id, fact, document)
