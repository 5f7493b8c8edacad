"""Figures derived from stored ones, never stored as stated: single months and quarters.

Statistics are published cumulatively (1-6月, 1-7月); the month between two consecutive
cumulative figures of one series is their difference: 7月 = (1-7月) - (1-6月). A quarter
comes the same way from the cumulative figures at its ends: 二季度 = 上半年 - 一季度,
三季度 = 前三季度 - 上半年, 四季度 = 全年 - 前三季度. Both figures must be of one series
(region, metric, breakdown, unit) and one year, and each must be unambiguous (one value).
January and February cannot be separated when only 1-2月 exists. Growth is never derived:
it would need the prior year's matching figures, which a difference does not give.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .store import StoredFact

#: (first month, last month) pairs whose difference is a quarter.
_QUARTERS = ((3, 6), (6, 9), (9, 12))


@dataclass(frozen=True)
class Derived:
    """A figure computed from two stored ones: ``later`` minus ``earlier``."""

    period: str
    value: Decimal
    later: StoredFact
    earlier: StoredFact

    @property
    def template(self) -> StoredFact:
        """The stored fact whose region, metric, breakdown and unit the derived figure shares."""
        return self.later

    @property
    def derived_from(self) -> tuple[int, int]:
        return self.later.id, self.earlier.id

    @property
    def rounding(self) -> Decimal:
        """How far the derived value may be off, from the printed precision of its two inputs."""
        return self.later.fact.rounding() + self.earlier.fact.rounding()


def derive(rows: Iterable[StoredFact]) -> list[Derived]:
    """Every single month and quarter two stored cumulative figures of one series give."""
    cumulative: dict[tuple[object, ...], dict[tuple[int, int], list[StoredFact]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        fact = row.fact
        if fact.kind != "amount" or fact.value is None:
            continue
        span = _year_to_month(fact.period)
        if span is not None:
            key = (fact.region, fact.region_code, fact.metric_id or fact.metric, tuple(sorted(fact.breakdown.items())),
                   fact.unit, span[0])
            cumulative[key][(span[0], span[1])].append(row)
    out: list[Derived] = []
    for ends in cumulative.values():
        for (year, month), rows_at in ends.items():
            wanted = [(month - 1, month)] if month > 1 else []
            wanted += [(a, b) for a, b in _QUARTERS if b == month]
            for start, end in wanted:
                earlier = ends.get((year, start))
                later, before = _single(rows_at), _single(earlier or [])
                if later is None or before is None:
                    continue
                value = _value(later) - _value(before)
                if value < 0:
                    continue  # a revised figure on one side: the difference means nothing
                period = f"{year:04d}-{end:02d}" if end - start == 1 else f"{year:04d}-{start + 1:02d}/{year:04d}-{end:02d}"
                out.append(Derived(period, value, later, before))
    return out


def _year_to_month(period: str | None) -> tuple[int, int] | None:
    """(year, last month) of a period that runs from January (2022-01/2022-07, 2022-01, 2022)."""
    if not period:
        return None
    if len(period) == 4 and period.isdigit():
        return int(period), 12
    if len(period) == 7 and period[4] == "-":
        return (int(period[:4]), 1) if period[5:] == "01" else None
    first, _, last = period.partition("/")
    if first[5:] == "01" and len(first) == 7 and len(last) == 7 and first[:4] == last[:4]:
        return int(last[:4]), int(last[5:])
    return None


def _single(rows: list[StoredFact]) -> StoredFact | None:
    values = {row.fact.value for row in rows}
    return rows[0] if len(values) == 1 else None


def _value(row: StoredFact) -> Decimal:
    assert row.fact.value is not None
    return row.fact.value
