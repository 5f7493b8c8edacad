"""Series read from the store: the families, the figures of a series, its sources.

The queries behind the dashboard; series.py holds the model they fill.
"""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import groupby
from typing import Any

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


def load_series(store: Store, place: Placer | None = None) -> list[Series]:
    """Every series in the store with all its points, by region code, region, metric and shape.

    One pass over the facts in the index's order (``Store.series_figures``): each family
    (region, metric, kind, unit) arrives in one run, its periods and values sorted, so
    grouping is a comparison with the previous row, and a family's working dictionaries
    are dropped as soon as its series are built. Everything a row, a sort or a copy needs
    is then in memory: nothing reads the store while the table draws.
    """
    built: list[tuple[tuple[object, ...], list[Series]]] = []
    family: tuple[Any, ...] | None = None
    dimension = ""
    by_period: dict[str | None, list[Figure]] = {}
    docs: dict[str | None, set[int]] = {}
    at: tuple[Any, ...] | None = None
    group: list[tuple[Any, ...]] = []
    undated: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}
    for row in store.series_figures():
        if row[5] is None:  # no period: a series of its own article (nothing says it is any other's period)
            undated.setdefault((*row[:5], row[12]), []).append(row)
            continue
        point = row[:7]
        if point != at:
            if group:
                _add_figure(by_period, docs, group)
            group, at = [], point
            if row[:5] != family:
                if family is not None:
                    built.append(_family_series(family, dimension, by_period, docs, place))
                by_period, docs, family, dimension = {}, {}, row[:5], _dimension(row[15])
        group.append(row)
    if family is not None:
        _add_figure(by_period, docs, group)
        built.append(_family_series(family, dimension, by_period, docs, place))
    built += [_undated_series(key, rows, place) for key, rows in undated.items()]
    built.sort(key=lambda item: item[0])
    out: list[Series] = []
    for number, (_, members) in enumerate(built):
        for series in members:
            series.family = number
        out.extend(members)
    return out


def _undated_series(key: tuple[Any, ...], rows: list[tuple[Any, ...]], place: Placer | None
                    ) -> tuple[tuple[object, ...], list[Series]]:
    """The figures without a period of one article and metric: a series of one point, shape
    ``undated:<document id>``, named by the article's title."""
    by_period: dict[str | None, list[Figure]] = {}
    docs: dict[str | None, set[int]] = {}
    for _, group in groupby(rows, key=lambda row: row[6]):  # by value: rows come sorted by value, then id
        _add_figure(by_period, docs, list(group))
    order, [series] = _family_series(key[:5], _dimension(rows[0][15]), by_period, docs, place,
                                     shape=f"undated:{key[5]}")
    series.document = rows[0][16]
    return order, [series]


def _family_series(key: tuple[Any, ...], dimension: str, by_period: dict[str | None, list[Figure]],
                   docs: dict[str | None, set[int]], place: Placer | None, shape: str | None = None
                   ) -> tuple[tuple[object, ...], list[Series]]:
    """A family's series, one per period shape, with the key that orders families: regions with
    a code first, by code; then named regions without one; then none."""
    region, code, metric, kind, unit = key
    where = place(region, code) if place else code
    search = search_text(region, metric)
    out = []
    shapes = ((shape, (None,)),) if shape is not None else _shapes_of(",".join(p or "" for p in by_period))
    for name, members in shapes:
        points, sources = points_of(members, by_period, docs)
        out.append(Series(SeriesKey(region, code, metric, kind, unit, name), members, place=where, search=search,
                          points=points, sources=sources, dimension=dimension))
    return (region is None, code is None, code or "", region or "", metric, kind, unit), out


@lru_cache(maxsize=4096)
def _dimension(breakdown: str) -> str:
    """The dimension a family slices (partner, mode…; '' for a headline), from a fact's
    breakdown: a family is one metric label, and a label names one slice."""
    if breakdown == "{}":
        return ""
    keys = list(json.loads(breakdown))
    return keys[0] if keys else ""


def _add_figure(by_period: dict[str | None, list[Figure]], docs: dict[str | None, set[int]],
                group: list[tuple[Any, ...]]) -> None:
    """The facts of one period and value: one Figure, from the lowest fact id, stated by their documents."""
    first = group[0]
    period, value, fact_id, figure, yoy, share, share_of = first[5:12]
    documents = {row[12] for row in group}
    latest = max((row[13] for row in group if row[13]), default=None)
    official = max((row[13] for row in group if row[13] and row[14]), default=None)
    by_period.setdefault(period, []).append(
        Figure(_dec(value), figure or "", fact_id, len(documents), _dec(yoy), _dec(share), share_of, latest, official))
    docs.setdefault(period, set()).update(documents)


@lru_cache(maxsize=65536)
def _shapes_of(periods: str) -> tuple[tuple[str, tuple[str | None, ...]], ...]:
    """A family's periods (comma-separated, '' for none) split into series.

    Cached by the text: many metrics of one region share the same periods (an article
    gives twenty figures for 2022年1-7月), so most families cost a dictionary look-up.
    """
    by_shape = _split_shapes([p or None for p in periods.split(",")])
    return tuple(sorted(by_shape.items(), key=lambda item: (shape_rank(item[0]), item[0])))


def points_of(periods: Sequence[str | None], by_period: dict[str | None, list[Figure]],
              docs: Mapping[str | None, set[int]]) -> tuple[tuple[Point, ...], int]:
    """Points in the order of ``periods``, each figure list most-stated first, and the distinct articles."""
    points = tuple(_point(p, by_period.get(p, [])) for p in periods)
    if len(periods) == 1:
        return points, len(docs.get(periods[0], ()))
    return points, len(set().union(*(docs.get(p, set()) for p in periods)))


def _point(period: str | None, figures: list[Figure]) -> Point:
    """A period's figures, most stated first; the current one first when a later official
    release revised the others."""
    if len(figures) == 1:  # most periods: one value, nothing to order or settle
        return Point(period, tuple(figures))
    figures = sorted(figures, key=_figure_order)
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
    return store.region_counts()


def facts_for_rows(store: Store, rows: Sequence[Row], stand_ins: Mapping[int, StoredFact] | None = None
                   ) -> list[StoredFact]:
    """The facts behind rows, every point of each row's series in time order: what copying and
    exporting write (a row stands for its series; the detail pane shows the same points). A
    derived figure has no stored fact; ``stand_ins`` (derived.derived_series) give its labelled
    stand-in."""
    ids = [f.fact_id for row in rows for point in row.series.points for f in point.figures]
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


