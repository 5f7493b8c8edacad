"""The identities official statistics obey, checked over stored facts.

Articles rarely spell them out, but the figures they print must satisfy them:

- **sum**: exports + imports = total trade (same region, period, unit and breakdown);
- **parts**: the slices of one dimension (trade modes, enterprise types, partner countries)
  add up to no more than the headline they slice;
- **share**: a part divided by its whole is the stated share;
- **growth**: this year's level over last year's, minus one, is the stated growth (the two
  levels may come from different articles, and last year's may have been revised since);
- **share_of**: what a share is of names something known (a region, or a measure stored).

Each comparison allows for the figures' printed precision: 1.99万亿元 stands for anything
from 1.985 to 1.995万亿元, so a gap within the sum of those half-units is no warning. Checks
are pure: stored facts in, warnings out; nothing here reads the store.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from .derived import Derived, derive
from .facts import percent_rounding
from .gazetteer import gazetteer
from .lexicon import partitions
from .store import StoredFact

IDENTITIES: dict[str, str] = {
    "sum": "exports + imports = total trade",
    "parts": "the slices of one dimension add up to no more than their headline",
    "share": "part / whole = the stated share",
    "growth": "level / last year's level - 1 = the stated growth",
    "share_of": "a share is of something known",
    "derived": "a stated month or quarter = the difference of the cumulative figures around it",
}
#: Dimensions with slices that never overlap (lexicon.partitions says which).
_DISJOINT = ("mode", "owner", "partner")
_HUNDRED = Decimal(100)
#: Growth is computed against last year's figure as revised since it was published (customs
#: corrects its flash figures; DOMAIN.md), often by a percent or two: 2023 exports 23.77万亿元
#: "增长0.6%" against a published 23.97 means a revised 2022 of 23.63. A growth check allows it.
_REVISION = Decimal("0.02")


@dataclass(frozen=True)
class CheckWarning:
    """One identity that the stored figures break, with what was expected and what is stated."""

    identity: str
    facts: tuple[StoredFact, ...]
    expected: Decimal | None
    stated: Decimal | None
    tolerance: Decimal | None
    message: str

    @property
    def allowed(self) -> str:
        """The tolerance as the figures print it: 0.01万亿元, or 0.65 percentage points."""
        if self.tolerance is None:
            return ""
        if self.identity in ("share", "growth"):
            return f"{self.tolerance.quantize(Decimal('0.01'))} percentage points"
        return _short(self.tolerance, self.facts[0])

    @property
    def gap(self) -> Decimal | None:
        if self.expected is None or self.stated is None:
            return None
        return self.stated - self.expected


def check(rows: Iterable[StoredFact], derived: Sequence[Derived] | None = None,
          regions: Set[str] | None = None) -> list[CheckWarning]:
    """Every warning the stored facts give, identity by identity. ``derived`` is
    ``derive(rows)`` when the caller has it already (the dashboard shows them too);
    ``regions`` every region stored, when ``rows`` are only some of them (check_run.py
    checks one region at a time)."""
    facts = [row for row in rows if row.fact.value is not None or row.fact.share_percent is not None]
    levels: dict[tuple[object, ...], list[StoredFact]] = defaultdict(list)
    for row in _amounts(facts):
        levels[_series_key(row, row.fact.period)].append(row)
    out: list[CheckWarning] = []
    for finder in (_sums, _parts, _shares):
        out.extend(finder(facts))
    out.extend(_share_ofs(facts, {row.fact.region for row in facts if row.fact.region} if regions is None else regions))
    out.extend(_growths(levels))
    out.extend(_derived(levels, derive(facts) if derived is None else derived))
    return out


# -- keys ------------------------------------------------------------------------------


def _slice(row: StoredFact) -> tuple[tuple[str, str], ...]:
    breakdown = row.fact.breakdown
    return tuple(sorted(breakdown.items())) if breakdown else ()


def _place(row: StoredFact) -> tuple[str | None, str | None]:
    return row.fact.region, row.fact.region_code


def _amounts(facts: Sequence[StoredFact]) -> Iterator[StoredFact]:
    return (row for row in facts if row.fact.kind == "amount" and row.fact.value is not None and row.fact.period)


def _distinct(rows: list[StoredFact]) -> list[StoredFact]:
    """One row per distinct value (the same figure from several articles is one figure)."""
    seen: dict[Decimal, StoredFact] = {}
    for row in rows:
        assert row.fact.value is not None
        seen.setdefault(row.fact.value, row)
    return list(seen.values())


# -- sum ---------------------------------------------------------------------------------


def _sums(facts: Sequence[StoredFact]) -> Iterator[CheckWarning]:
    groups: dict[tuple[object, ...], dict[str, list[StoredFact]]] = defaultdict(lambda: defaultdict(list))
    for row in _amounts(facts):
        if row.fact.measure in ("trade_total", "export", "import"):
            key = (*_place(row), row.fact.period, row.fact.unit, _slice(row))
            groups[key][row.fact.measure].append(row)
    for flows in groups.values():
        if not all(flows.get(m) for m in ("trade_total", "export", "import")):
            continue
        totals, exports, imports = (_distinct(flows[m]) for m in ("trade_total", "export", "import"))
        if len(totals) * len(exports) * len(imports) > 8:
            continue  # articles disagree on every figure: the conflicts say more than a sum would
        agree = []
        for total in totals:
            for export in exports:
                for import_ in imports:
                    tolerance = total.fact.rounding() + export.fact.rounding() + import_.fact.rounding()
                    gap = _value(export) + _value(import_) - _value(total)
                    agree.append((abs(gap) <= tolerance, total, export, import_, tolerance))
        if any(ok for ok, *_ in agree):
            continue
        _, total, export, import_, tolerance = min(
            agree, key=lambda a: abs(_value(a[2]) + _value(a[3]) - _value(a[1])))
        expected = _value(export) + _value(import_)
        yield CheckWarning(
            "sum", (total, export, import_), expected, _value(total), tolerance,
            f"出口 {export.fact.figure} + 进口 {import_.fact.figure} = {_short(expected, total)}, "
            f"but 进出口 is {total.fact.figure}")


# -- parts -------------------------------------------------------------------------------


def _parts(facts: Sequence[StoredFact]) -> Iterator[CheckWarning]:
    headlines: dict[tuple[object, ...], list[StoredFact]] = defaultdict(list)
    slices: dict[tuple[object, ...], dict[str, list[StoredFact]]] = defaultdict(lambda: defaultdict(list))
    for row in _amounts(facts):
        fact = row.fact
        if fact.measure is None:
            continue
        key: tuple[object, ...] = (*_place(row), fact.period, fact.unit, fact.measure)
        if not fact.breakdown:
            headlines[key].append(row)
        elif len(fact.breakdown) == 1:
            (dimension, name), = fact.breakdown.items()
            if dimension in _DISJOINT:
                slices[key][f"{dimension}:{name}"].append(row)
    for group, by_name in slices.items():
        heads = _distinct(headlines.get(group, []))
        if len(heads) != 1:
            continue
        head = heads[0]
        for dimension in _DISJOINT:
            for partition in partitions(dimension):
                members = [_distinct(rows)[0] for name, rows in sorted(by_name.items())
                           if name.partition(":")[0] == dimension and name.partition(":")[2] in partition
                           and len(_distinct(rows)) == 1]
                yield from _over(head, members)


def _over(head: StoredFact, members: list[StoredFact]) -> Iterator[CheckWarning]:
    """A warning when the members add up to more than the head they slice."""
    if len(members) < 2:
        return
    total = sum((_value(m) for m in members), Decimal(0))
    tolerance = head.fact.rounding() + sum((m.fact.rounding() for m in members), Decimal(0))
    if total > _value(head) + tolerance:
        names = "、".join(next(iter(m.fact.breakdown.values())) for m in members)
        yield CheckWarning(
            "parts", (head, *members), _value(head), total, tolerance,
            f"{names} add up to {_short(total, head)}, more than {head.fact.metric} {head.fact.figure}")


# -- share -------------------------------------------------------------------------------


def _shares(facts: Sequence[StoredFact]) -> Iterator[CheckWarning]:
    wholes: dict[tuple[object, ...], list[StoredFact]] = defaultdict(list)
    for row in _amounts(facts):
        if row.fact.measure is not None and not row.fact.breakdown:
            wholes[(row.fact.region, row.fact.period, row.fact.unit, row.fact.measure)].append(row)
    for row in _amounts(facts):
        fact = row.fact
        if fact.share_percent is None or fact.measure is None or not fact.share_of:
            continue
        if not fact.breakdown and fact.share_of == fact.region:
            continue  # a region's total as a share of itself says nothing checkable
        found = _distinct(wholes.get((fact.share_of, fact.period, fact.unit, fact.measure), []))
        if len(found) != 1 or found[0].id == row.id or not _value(found[0]):
            continue
        whole = found[0]
        expected = _value(row) / _value(whole) * _HUNDRED
        relative = fact.rounding() / abs(_value(row)) + whole.fact.rounding() / abs(_value(whole))
        tolerance = percent_rounding(fact.share_percent) + abs(expected) * relative
        if abs(expected - fact.share_percent) > tolerance:
            yield CheckWarning(
                "share", (row, whole), expected, fact.share_percent, tolerance,
                f"{fact.figure} / {whole.fact.figure} = {_percent(expected)}, but the stated share is "
                f"{_percent(fact.share_percent)}")


# -- growth ------------------------------------------------------------------------------


def _growths(levels: dict[tuple[object, ...], list[StoredFact]]) -> Iterator[CheckWarning]:
    """``levels``: the amounts by series key, period last (``_series_key``)."""
    for key, rows in levels.items():
        before = _year_before(key[-1])  # type: ignore[arg-type]
        earlier = _distinct(levels.get((*key[:-1], before), [])) if before is not None else []
        if len(earlier) != 1 or not _value(earlier[0]):
            continue  # no last year's level, or several: nothing to compare with
        for row in rows:
            if row.fact.yoy_percent is not None and (warning := _growth(row, earlier[0])) is not None:
                yield warning


def _growth(row: StoredFact, last: StoredFact) -> CheckWarning | None:
    fact = row.fact
    assert fact.yoy_percent is not None
    expected = (_value(row) / _value(last) - 1) * _HUNDRED
    relative = fact.rounding() / abs(_value(row)) + last.fact.rounding() / abs(_value(last)) + _REVISION
    tolerance = percent_rounding(fact.yoy_percent) + (abs(expected) + _HUNDRED) * relative
    if abs(expected - fact.yoy_percent) <= tolerance:
        return None
    return CheckWarning(
        "growth", (row, last), expected, fact.yoy_percent, tolerance,
        f"{fact.figure} over last year's {last.fact.figure} is {_percent(expected, signed=True)}, "
        f"but the stated growth is {_percent(fact.yoy_percent, signed=True)}")


def _series_key(row: StoredFact, period: str | None) -> tuple[object, ...]:
    fact = row.fact
    return (*_place(row), fact.metric_id or fact.metric, _slice(row), fact.unit, period)


def _year_before(period: str | None) -> str | None:
    """The same months a year earlier (2022-01/2022-07 -> 2021-01/2021-07), or None."""
    if not period or not period[:4].isdigit():
        return None
    parts = period.split("/")
    shifted = [f"{int(p[:4]) - 1:04d}{p[4:]}" for p in parts if p[:4].isdigit()]
    return "/".join(shifted) if len(shifted) == len(parts) else None


# -- share_of ----------------------------------------------------------------------------


def _share_ofs(facts: Sequence[StoredFact], regions: Set[str]) -> Iterator[CheckWarning]:
    for row in facts:
        of = row.fact.share_of
        if row.fact.share_percent is None or not of or of in regions or _known_place(of):
            continue
        yield CheckWarning("share_of", (row,), None, row.fact.share_percent, None,
                           f"{_percent(row.fact.share_percent)} is a share of {of!r}, which names no region stored "
                           "or known: its whole is not in the store, so the share is unchecked")


@cache
def _known_place(name: str) -> bool:
    return gazetteer().named(name) is not None


# -- derived -----------------------------------------------------------------------------


def _derived(stated: dict[tuple[object, ...], list[StoredFact]], figures: Sequence[Derived]) -> Iterator[CheckWarning]:
    """``stated``: the amounts by series key and period; ``figures``: what ``derive`` gives."""
    for figure in figures:
        found = _distinct(stated.get(_series_key(figure.later, figure.period), []))
        if len(found) != 1:
            continue
        month = found[0]
        tolerance = figure.rounding + month.fact.rounding()
        if abs(_value(month) - figure.value) > tolerance:
            yield CheckWarning(
                "derived", (month, figure.later, figure.earlier), figure.value, _value(month), tolerance,
                f"{month.fact.figure} stated, but {figure.later.fact.figure} - {figure.earlier.fact.figure} = "
                f"{_short(figure.value, month)}")


# -- text --------------------------------------------------------------------------------


def _value(row: StoredFact) -> Decimal:
    assert row.fact.value is not None
    return row.fact.value


def _short(value: Decimal, like: StoredFact) -> str:
    """A computed value in the printed unit of ``like`` (1.23万亿元 when like printed 万亿元)."""
    fact = like.fact
    match = _NUMBER.search(fact.figure)
    if match is None or fact.value is None or not Decimal(match.group().replace(",", "")):
        return f"{value:.4g} {fact.unit}"
    scale = fact.value / Decimal(match.group().replace(",", ""))
    number = (value / scale).quantize(Decimal("0.01")).normalize()
    return f"{number:f}{fact.figure[match.end():]}"


_NUMBER = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")


def _percent(value: Decimal, *, signed: bool = False) -> str:
    text = f"{value.quantize(Decimal('0.1')):f}%"
    return ("+" + text) if signed and value > 0 else text
