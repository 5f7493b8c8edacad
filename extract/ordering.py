"""Sorting and searching the dashboard's rows, and the dimension cycle: headless, so the
app and the tests use the same functions.

A sort is stable (rows that tie keep the store's order: region code, metric, shape) and
survives filters: the app sorts whatever the filters leave. Rows without the sorted value
(no growth stated, a conflict, a figure in 家 among 亿元) always come last, in either
direction. Amounts are compared in one currency: the unit shown, else yuan, dollars
converted at their year's rate; what has no rate comes after what has one.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from .amounts import AmountUnit, period_year
from .lexicon import DIMENSIONS
from .series import Row, Rows, period_key
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
    if sort is None:
        return rows
    key = _key(sort.column, unit)
    pairs = [(row, key(row)) for row in rows]
    present = [(row, k) for row, k in pairs if k is not None]
    missing = [row for row, k in pairs if k is None]
    present.sort(key=lambda pair: pair[1], reverse=sort.descending)  # type: ignore[arg-type, return-value]
    if sort.column == "value":  # the groups (comparable amounts, no rate, other units) keep their order
        present.sort(key=lambda pair: pair[1][0])  # type: ignore[index]
    ordered = [row for row, _ in present] + missing
    return Rows([row.series for row in ordered], [row.at for row in ordered])


def _key(column: str, unit: AmountUnit | None) -> Callable[[Row], object | None]:
    if column == "region":
        return lambda row: (row.series.key.region_code or "~", row.series.key.region or "")
    if column == "metric":
        return lambda row: row.series.key.label
    if column == "period":
        return lambda row: period_key(row.series.periods[row.at])
    if column == "sources":
        return lambda row: row.series.sources
    if column == "yoy":
        return lambda row: None if row.point.conflict else row.point.main.yoy_percent
    if column == "share":
        return lambda row: None if row.point.conflict else row.point.main.share_percent
    currency = unit.currency if unit is not None else "CNY"
    return lambda row: _amount_key(row, currency)


def _amount_key(row: Row, currency: str) -> tuple[int, Decimal] | None:
    """(0, amount in ``currency``), (1, amount) without a rate, (2, value) for 家, %…; None for nothing."""
    point = row.point
    value, unit = point.main.value, row.series.key.unit
    if value is None or point.conflict:
        return None
    if unit == currency:
        return 0, value
    if unit in ("CNY", "USD"):
        rate = _rate(unit, currency, period_year(point.period))
        return (0, value * rate) if rate is not None else (1, value)
    return 2, value


@cache
def _rate(unit: str, currency: str, year: int | None) -> Decimal | None:
    if year is None:
        return None
    try:
        return convert_currency(Decimal(1), unit, currency, year).value
    except NoRate:
        return None


def next_dimension(dimension: str | None) -> str | None:
    """The dimension filter after ``dimension``: every row, headlines only, then each dimension."""
    cycle: list[str | None] = [None, "", *DIMENSIONS]
    return cycle[(cycle.index(dimension) + 1) % len(cycle)]


def search_matches(rows: Rows, term: str, fact_ids: frozenset[int] = frozenset()) -> list[int]:
    """Positions of the rows whose region or metric contains ``term``, or whose figures
    include a fact of ``fact_ids`` (the facts whose source quote contains it)."""
    word = term.lower()
    out = []
    for i, row in enumerate(rows):
        series = row.series
        if word in series.search or (fact_ids and any(
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
