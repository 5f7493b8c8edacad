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

from .lexicon import DIMENSION_LABELS, DIMENSIONS, measures
from .store import StoredFact

_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Whole:
    """The headline figure the breakdowns are shares of."""

    measure: str | None
    value: Decimal | None
    unit: str


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
        measure = measures().get(self.row.fact.measure or "")
        return measure.name if measure is not None else (self.row.fact.measure or "其他")


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
        share, computed = fact.share_percent, False
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
