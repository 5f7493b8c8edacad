"""Sorting and searching the dashboard's rows, and the dimension cycle: headless, so the
app and the tests use the same functions.

A sort is stable (rows that tie keep the store's order: region code, metric, shape) and
survives filters: the app sorts whatever the filters leave. Rows without the sorted value
(no growth stated, a conflict, a figure in 家 among 亿元) always come last, in either
direction. Amounts are compared in one currency: the unit shown, else yuan, dollars
converted at their year's rate; what has no rate comes after what has one.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from .amounts import AmountUnit, period_year
from .lexicon import DIMENSIONS
from .series import Point, Rows, Series, period_key
from .units import NoRate, convert_currency

#: Sortable columns: (id, heading as the table prints it).
SORT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("region", "地区"), ("metric", "指标"), ("period", "时期"), ("value", "数值"), ("yoy", "同比"), ("share", "占比"),
    ("sources", "来源"),
)
_HEADINGS = dict(SORT_COLUMNS)


@dataclass(frozen=True, slots=True)
class Sort:
    column: str
    descending: bool = False

    @property
    def label(self) -> str:
        return f"{_HEADINGS[self.column]} {'▼' if self.descending else '▲'}"


def next_sort_column(sort: Sort | None) -> Sort | None:
    """The sort after ``sort`` in the column cycle (地区, 指标 … 来源, then the store's order),
    keeping its direction."""
    ids = [c for c, _ in SORT_COLUMNS]
    if sort is None:
        return Sort(ids[0])
    at = ids.index(sort.column) + 1
    return Sort(ids[at], sort.descending) if at < len(ids) else None


def sort_rows(rows: Rows, sort: Sort | None, unit: AmountUnit | None = None) -> Rows:
    """The rows in ``sort``'s order; rows without the value last, in their old order."""
    if sort is None:
        return rows
    series = rows.series
    indices = rows.indices if rows.indices is not None else [len(s.periods) - 1 for s in series]
    if sort.column == "value":
        order = _by_amount(series, indices, unit.currency if unit is not None else "CNY", sort.descending)
    else:
        keys = list(map(_key(sort.column), series, indices))
        present = [i for i, k in enumerate(keys) if k is not None]
        present.sort(key=keys.__getitem__, reverse=sort.descending)
        order = present + [i for i, k in enumerate(keys) if k is None]
    return Rows([series[i] for i in order], [indices[i] for i in order])


def _key(column: str) -> Callable[[Series, int], Any]:
    """The sort key of a row (its series, and which point it shows); None when it has none."""
    if column == "region":
        return lambda s, at: (s.key.region_code or "~", s.key.region or "")
    if column == "metric":
        return lambda s, at: s.key.label
    if column == "period":
        return lambda s, at: period_key(s.periods[at])
    if column == "sources":
        return lambda s, at: s.sources
    if column == "yoy":
        return lambda s, at: _number(s.points[at], s.points[at].figures[0].yoy_percent)
    if column == "share":
        return lambda s, at: _number(s.points[at], s.points[at].figures[0].share_percent)
    raise ValueError(f"no sort column {column!r}")


def _number(point: Point, value: Decimal | None) -> float | None:
    """A float to compare (Decimal comparisons cost several times more), None for a conflict or nothing."""
    return None if value is None or (len(point.figures) > 1 and not point.revised) else float(value)


def amount_key(value: Decimal | None, unit: str, period: str | None, currency: str) -> tuple[int, float]:
    """How amounts compare: (0, the amount in ``currency``, converted at its year's rate),
    (1, the amount) for yuan or dollars without a rate, (2, the value) for other units (家, %),
    (3, 0) for no value. Floats: at 100,000 rows Decimal comparisons cost most of a sort."""
    if value is None:
        return 3, 0.0
    if unit == currency:
        return 0, float(value)
    if unit == "CNY" or unit == "USD":
        rate = _rate(unit, currency, period)
        return (0, float(value) * rate) if rate is not None else (1, float(value))
    return 2, float(value)


def _by_amount(series: Sequence[Series], indices: Sequence[int], currency: str, descending: bool) -> list[int]:
    """Row positions by amount (``amount_key``'s groups in order, each sorted); a conflict
    counts as no value."""
    groups: tuple[list[int], list[int], list[int], list[int]] = ([], [], [], [])
    values: list[float] = []
    for i, (s, at) in enumerate(zip(series, indices, strict=True)):
        point = s.points[at]
        figures = point.figures
        conflict = len(figures) > 1 and not point.revised
        rank, number = amount_key(None if conflict else figures[0].value, s.key.unit, point.period, currency)
        groups[rank].append(i)
        values.append(number)
    for members in groups[:3]:
        members.sort(key=values.__getitem__, reverse=descending)
    return [i for members in groups for i in members]


@cache
def _rate(unit: str, currency: str, period: str | None) -> float | None:
    """The rate for a period's amounts (by the year it ends in), cached by period."""
    year = period_year(period)
    if year is None:
        return None
    try:
        return float(convert_currency(Decimal(1), unit, currency, year).value)
    except NoRate:
        return None


def next_dimension(dimension: str | None) -> str | None:
    """The dimension filter after ``dimension``: every row, headlines only, then each dimension."""
    cycle: list[str | None] = [None, "", *DIMENSIONS]
    return cycle[(cycle.index(dimension) + 1) % len(cycle)]


def search_matches(rows: Rows, term: str, fact_ids: frozenset[int] = frozenset()) -> list[int]:
    """Positions of the rows whose region and metric contain every word of ``term`` (as the
    ``/`` filter matches), or whose figures include a fact of ``fact_ids`` (the facts whose
    source sentence contains them)."""
    words = term.lower().split()
    out = []
    for i, row in enumerate(rows):
        series = row.series
        if all(word in series.search for word in words) or (fact_ids and any(
                f.fact_id in fact_ids for point in series.points for f in point.figures)):
            out.append(i)
    return out


def next_match(matches: list[int], cursor: int, backwards: bool = False) -> int | None:
    """The match after the cursor (before it, backwards), wrapping around."""
    if not matches:
        return None
    if backwards:
        earlier = [m for m in matches if m < cursor]
        return earlier[-1] if earlier else matches[-1]
    later = [m for m in matches if m > cursor]
    return later[0] if later else matches[0]
