"""Series read from the store: the families, the figures of a series, its sources.

The queries behind the dashboard; series.py holds the model they fill.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .revisions import current
from .series import (
    Figure,
    Placer,
    Point,
    Row,
    Series,
    SeriesKey,
    partition_shapes,
    period_key,
    search_text,
    shape_of,
    shape_rank,
)
from .store import Store, StoredFact

# Loading is two queries. At start, one row per family (region, metric, kind, unit) with
# its periods, grouped in SQLite: enough to split families into series, filter them and
# count them. Then, only for a series someone looks at, its figures: one row per period
# and value; min(id) is the only min/max, so SQLite takes figure, yoy and share from that
# fact. The index facts_series_key (store.py) serves both without a sort.
_FAMILIES_SQL = """
SELECT region, region_code, coalesce(metric_id, metric), kind, unit, group_concat(DISTINCT coalesce(period, ''))
FROM facts
GROUP BY region, region_code, coalesce(metric_id, metric), kind, unit
ORDER BY region IS NULL, region_code IS NULL, region_code, region, coalesce(metric_id, metric), kind, unit
"""
_POINTS_SQL = """
SELECT f.period, f.value, min(f.id), f.figure, f.yoy_percent, f.share_percent, f.share_of,
       group_concat(f.document_id), max(d.date), max(CASE WHEN d.authority IS NOT NULL THEN d.date END)
FROM facts f JOIN documents d ON d.id = f.document_id
WHERE f.region IS ? AND f.region_code IS ? AND coalesce(f.metric_id, f.metric) = ? AND f.kind = ? AND f.unit = ?
GROUP BY f.period, f.value
"""



def load_series(store: Store, place: Placer | None = None) -> list[Series]:
    """Every series in the store, by region code, region, metric and shape; their points load on demand.

    One pass over one row per family, in the order SQLite sorted them: at 100,000 facts
    this is most of the time to the first full table, so it does nothing per fact.
    """
    loader = _StoreLoader(store)
    out: list[Series] = []
    for number, (region, code, metric, kind, unit, periods) in enumerate(store.query(_FAMILIES_SQL, tuples=True)):
        where = place(region, code) if place else code
        search = search_text(region, metric)
        for shape, members in _shapes_of(periods):
            key = SeriesKey(region, code, metric, kind, unit, shape)
            out.append(Series(key, members, place=where, search=search, family=number, loader=loader))
    return out


@lru_cache(maxsize=65536)
def _shapes_of(periods: str) -> tuple[tuple[str, tuple[str | None, ...]], ...]:
    """A family's periods as SQLite lists them (comma-separated, '' for none) split into series.

    Cached by the text: many metrics of one region share the same periods (an article
    gives twenty figures for 2022年1-7月), so most families cost a dictionary look-up.
    """
    by_shape = _split_shapes([p or None for p in periods.split(",")])
    return tuple(sorted(by_shape.items(), key=lambda item: (shape_rank(item[0]), item[0])))


class _StoreLoader:
    """Reads the points of one series (all its family's, kept for the family's other series)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __call__(self, series: Series) -> tuple[tuple[Point, ...], int]:
        k = series.key
        by_period: dict[str | None, list[Figure]] = {}
        docs: dict[str | None, set[str]] = {}
        wanted = set(series.periods)
        for period, value, fact_id, figure, yoy, share, share_of, ids, latest, official in self.store.query(
                _POINTS_SQL, (k.region, k.region_code, k.metric, k.kind, k.unit), tuples=True):
            if period not in wanted:
                continue
            unique = set(ids.split(","))
            by_period.setdefault(period, []).append(
                Figure(_dec(value), figure or "", fact_id, len(unique), _dec(yoy), _dec(share), share_of, latest,
                       official))
            docs.setdefault(period, set()).update(unique)
        return points_of(series.periods, by_period, docs)


def points_of(periods: Sequence[str | None], by_period: dict[str | None, list[Figure]],
              docs: dict[str | None, set[str]]) -> tuple[tuple[Point, ...], int]:
    """Points in the order of ``periods``, each figure list most-stated first, and the distinct articles."""
    points = tuple(_point(p, sorted(by_period.get(p, ()), key=_figure_order)) for p in periods)
    return points, len(set().union(*(docs.get(p, set()) for p in periods)))


def _point(period: str | None, figures: list[Figure]) -> Point:
    """A period's figures, the current one first when a later official release revised the others."""
    winner = current([(f.latest, f.official) for f in figures])
    if winner is None:
        return Point(period, tuple(figures))
    return Point(period, (figures[winner], *figures[:winner], *figures[winner + 1:]), revised=True)


def _dec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _split_shapes(periods: list[str | None]) -> dict[str, tuple[str | None, ...]]:
    """A family's periods by series shape, each in time order."""
    if len(periods) == 1:
        return {shape_of(periods[0]): (periods[0],)}
    shapes = partition_shapes(periods)
    grouped: dict[str, list[str | None]] = {}
    for period in periods:
        grouped.setdefault(shapes[period], []).append(period)
    return {shape: tuple(sorted(members, key=period_key)) for shape, members in grouped.items()}


def _figure_order(f: Figure) -> tuple[int, int]:
    return -f.sources, f.fact_id


def region_counts(store: Store) -> list[tuple[str | None, str | None, int]]:
    """(region, region_code, number of facts) for every region in the store."""
    rows = store.query("SELECT region, region_code, count(*) AS n FROM facts GROUP BY region, region_code")
    return [(r["region"], r["region_code"], int(r["n"])) for r in rows]


def facts_for_rows(store: Store, rows: Sequence[Row], stand_ins: Mapping[int, StoredFact] | None = None
                   ) -> list[StoredFact]:
    """The facts behind rows, in row order: what copying and exporting write. A derived figure
    has no stored fact; ``stand_ins`` (derived.derived_series) give its labelled stand-in."""
    ids = [i for row in rows for i in row.fact_ids]
    stored = {row.id: row for row in store.facts_by_id(i for i in ids if i > 0)}
    extra = stand_ins or {}
    return [found for i in ids if (found := stored.get(i) or extra.get(i)) is not None]


@dataclass(frozen=True, slots=True)
class Source:
    """Where a figure was read: the stored fact and the paragraph that holds it."""

    fact: StoredFact
    paragraph: str
    span: tuple[int, int] | None
    """The figure's offsets in ``paragraph``, when known."""


def sources(store: Store, fact_ids: Sequence[int]) -> list[Source]:
    out: list[Source] = []
    for stored in store.facts_by_id(fact_ids):
        quote = stored.fact.quotes[0] if stored.fact.quotes else None
        if quote is None:
            out.append(Source(stored, "", None))
            continue
        paragraphs = store.paragraphs(stored.document.id)
        if 0 <= quote.paragraph < len(paragraphs):
            text = paragraphs[quote.paragraph]
            start, end = quote.span
            span = (start, end) if 0 <= start <= end <= len(text) else None
            out.append(Source(stored, text, span))
        else:  # the paragraph index does not fit: show the quote, unhighlighted
            out.append(Source(stored, quote.quote, None))
    return out


