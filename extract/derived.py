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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from .periods import safe_period_label
from .series import Figure, Placer, Point, Series, SeriesKey, period_key, search_text
from .store import DocumentInfo, StoredFact

#: How a derived figure is labelled wherever it is shown, copied or exported.
DERIVED_LABEL = "推算"

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
        if fact.kind != "amount" or fact.value is None or fact.qualifier != "exact":
            continue  # 超过5000亿元 minus 4000亿元 is no month: only stated values subtract
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


def derived_series(figures: Sequence[Derived], place: Placer | None = None) -> tuple[list[Series], dict[int, StoredFact]]:
    """The derived figures as series of their own (shape ``derived:month`` or ``derived:quarter``,
    beside the stated ones), and a stored-fact stand-in for each, by its (negative) id, for
    copying and exporting them labelled 推算."""
    groups: dict[SeriesKey, list[Derived]] = defaultdict(list)
    for figure in figures:
        fact = figure.template.fact
        shape = "derived:month" if len(figure.period) == 7 else "derived:quarter"
        groups[SeriesKey(fact.region, fact.region_code, fact.metric_id or fact.metric, "amount", fact.unit, shape)].append(
            figure)
    series: list[Series] = []
    stand_ins: dict[int, StoredFact] = {}
    for key, members in groups.items():
        members.sort(key=lambda d: period_key(d.period))
        points = []
        documents: set[int] = set()
        for figure in members:
            stand_in = as_stored(figure)
            stand_ins[stand_in.id] = stand_in
            points.append(Point(figure.period, (Figure(figure.value, stand_in.fact.figure, stand_in.id, 0),)))
            documents |= {figure.later.document.id, figure.earlier.document.id}
        where = place(key.region, key.region_code) if place else key.region_code
        series.append(Series(key, tuple(d.period for d in members), place=where, search=search_text(key.region, key.metric),
                             points=tuple(points), sources=len(documents),
                             dimension=next(iter(members[0].template.fact.breakdown), "")))
    return series, stand_ins


def as_stored(figure: Derived) -> StoredFact:
    """A derived figure as a stored fact would read, labelled 推算 and naming its inputs as its
    source. Its id is negative and encodes the two inputs' ids (``inputs_of``)."""
    from .render import scaled_value

    later, earlier = figure.later.fact, figure.earlier.fact
    fact = replace(later, period=figure.period, value=figure.value, qualifier="exact", yoy_percent=None,
                   share_percent=None, share_of=None, quotes=(),
                   figure=f"{DERIVED_LABEL} {scaled_value(figure.value, later.unit)}")
    source = (f"{DERIVED_LABEL}：{safe_period_label(later.period)} {later.figure} - "
              f"{safe_period_label(earlier.period)} {earlier.figure}")
    document = DocumentInfo(0, figure.later.document.path, "", source, figure.later.document.date, "")
    return StoredFact(-(figure.later.id << 32 | figure.earlier.id), fact, document)


def inputs_of(stand_in: StoredFact) -> tuple[int, int]:
    """The two stored facts a derived figure's stand-in was computed from (its id encodes them)."""
    later, earlier = divmod(-stand_in.id, 1 << 32)
    return later, earlier


def beside(stated: Sequence[Series], derived: Sequence[Series]) -> list[Series]:
    """The stated series with each derived series placed after the last stated series of its
    family (region, metric, kind, unit), so 推算单月 sits under the figures it came from."""
    by_family: dict[tuple[object, ...], list[Series]] = defaultdict(list)
    for one in derived:
        by_family[_family(one.key)].append(one)
    last = {_family(one.key): i for i, one in enumerate(stated)}
    after: dict[int, list[Series]] = defaultdict(list)
    out: list[Series] = []
    for family, members in by_family.items():
        if family in last:
            after[last[family]].extend(members)
        else:
            out.extend(members)  # no stated series left of its family: at the end
    merged: list[Series] = []
    for i, one in enumerate(stated):
        merged.append(one)
        merged.extend(after.get(i, ()))
    return merged + out


def _family(key: SeriesKey) -> tuple[object, ...]:
    return key.region, key.region_code, key.metric, key.kind, key.unit
