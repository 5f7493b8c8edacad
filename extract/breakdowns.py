"""What makes up a headline figure: its region and period's breakdowns, grouped by dimension.

A headline row (广东省 货物进出口总额 2018年一季度) opens the facts that slice that region
and period (Store.breakdowns): trade modes, enterprise types, partners, products,
channels. Those of the headline's own measure come first (the modes of total trade
under total trade), then each other measure's (the products of imports). Each line
has its share of the whole: the article's where it states one, else computed from
the headline when both are in one unit, and marked as computed.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby

from .lexicon import DIMENSION_LABELS, DIMENSIONS, measures
from .ordering import amount_key
from .render import fact_value
from .store import StoredFact

_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Whole:
    """The headline figure the breakdowns are shares of."""

    region: str | None
    measure: str | None
    value: Decimal | None
    """None when no headline is stored, or when articles disagree about it (``ambiguous``)."""
    unit: str
    ambiguous: bool = False
    shown: str = ""
    """The headline as a table shows it (40,000亿元), when it is a stored fact."""


def whole_of(facts: Sequence[StoredFact], region: str | None, measure: str | None, unit: str) -> Whole:
    """The headline of ``measure`` among a region and period's facts (in ``unit`` when it is
    stated in several): a breakdown row's whole. Two values for it: ambiguous, no shares."""
    candidates = [r for r in facts if not r.fact.breakdown and r.fact.kind == "amount" and r.fact.value is not None
                  and measure is not None and r.fact.measure == measure]
    in_unit = [r for r in candidates if r.fact.unit == unit] or candidates
    values = {r.fact.value for r in in_unit}
    if len(values) != 1:
        return Whole(region, measure, None, unit, ambiguous=len(values) > 1)
    return Whole(region, measure, in_unit[0].fact.value, in_unit[0].fact.unit, shown=fact_value(in_unit[0].fact))


@dataclass(frozen=True)
class BreakdownLine:
    dimension: str
    """lexicon.DIMENSIONS: partner, product, mode, owner, channel, other."""
    part: str
    """The slice's name: 一般贸易, 东盟, 机电产品."""
    row: StoredFact
    share: Decimal | None
    """Percent of the whole: stated by the article, else computed (``computed``)."""
    computed: bool
    of_whole: bool
    """Whether the line slices the headline's own measure (else another measure of the region)."""

    @property
    def dimension_label(self) -> str:
        return DIMENSION_LABELS.get(self.dimension, self.dimension)

    @property
    def measure_label(self) -> str:
        return measure_name(self.row.fact.measure) or "其他"


def measure_name(measure: str | None) -> str:
    """A taxonomy measure's name (trade_total: 货物进出口总额); '' for none."""
    known = measures().get(measure or "")
    return known.name if known is not None else (measure or "")


def breakdown_lines(whole: Whole, facts: Sequence[StoredFact]) -> list[BreakdownLine]:
    """The breakdowns in the order they are read: the whole's measure first, then by measure;
    within a measure by dimension (DIMENSIONS' order); within a dimension largest first."""
    lines = []
    for row in facts:
        fact = row.fact
        if not fact.breakdown:
            continue
        dimension, part = next(iter(fact.breakdown.items()))
        of_whole = fact.measure is not None and fact.measure == whole.measure
        stated = fact.share_percent is not None and fact.share_of in (None, whole.region)  # not 5.1%（全国）
        share, computed = (fact.share_percent, False) if stated else (None, False)
        if share is None and of_whole and fact.kind == "amount" and _comparable(fact.value, fact.unit, whole):
            assert fact.value is not None and whole.value is not None
            share, computed = (fact.value / whole.value * _HUNDRED).quantize(Decimal("0.1")), True
        lines.append(BreakdownLine(dimension, part, row, share, computed, of_whole))
    rank = {d: i for i, d in enumerate(DIMENSIONS)}
    lines.sort(key=lambda line: (not line.of_whole, line.row.fact.measure or "", rank.get(line.dimension, 99),
                                 line.row.fact.kind != "amount", -(line.row.fact.value or 0)))
    return lines


def _comparable(value: Decimal | None, unit: str, whole: Whole) -> bool:
    return value is not None and whole.value is not None and whole.value > 0 and unit == whole.unit


def bar(fraction: Decimal | None, width: int = 10) -> str:
    """A share as a bar of eighths: 0.45 at width 10 -> ████▌."""
    if fraction is None or fraction <= 0:
        return ""
    eighths = int(min(fraction, Decimal(1)) * width * 8 + Decimal("0.5"))
    full, rest = divmod(eighths, 8)
    return "█" * full + ("" if rest == 0 else " ▏▎▍▌▋▊▉"[rest])


def sorted_lines(lines: Sequence[BreakdownLine], currency: str, *, descending: bool) -> list[BreakdownLine]:
    """The lines sorted by amount within each group (a dimension of a measure), the groups
    in their order: amounts compare in ``currency`` at their year's rate, like the main table's."""
    out: list[BreakdownLine] = []
    for _, group in groupby(lines, key=lambda line: (line.of_whole, line.row.fact.measure, line.dimension)):
        keyed = [(amount_key(line.row.fact.value if line.row.fact.kind == "amount" else None, line.row.fact.unit,
                             line.row.fact.period, currency), line) for line in group]
        for rank in (0, 1, 2, 3):
            members = [(number, line) for (r, number), line in keyed if r == rank]
            members.sort(key=lambda pair: pair[0], reverse=descending and rank < 3)
            out += [line for _, line in members]
    return out
