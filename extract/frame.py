"""The statement frame: what a sentence is saying, slot by slot, and the facts it builds.

A :class:`Frame` holds one sentence's declared slots: the period, the subject region, the
measure and the breakdown (partner, product, mode, owner, channel, other), the levels it
stated (so a rate can ride on one), the last distributed group and the names listed for a
later 分别. A :class:`Carry` holds the only things that pass from one sentence to the next:
the governing period, the document's subject, the regions settled so far, and a breakdown
topic while it is still the topic. Constructions (extract/constructions/) fill the slots;
nothing else carries state.

A :class:`Level` is a figure under construction: its rates may still arrive in a later
clause. ``Level.fact()`` composes the contract's Fact: the metric label from the measure
and the breakdown (metrics.py), and the headline id only when nothing breaks it down and
its region is the statement's subject.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from .facts import Fact, Kind, Qualifier, Quote
from .gazetteer import COUNTY, Region
from .metrics import compose, headline_id
from .period_grammar import year_to_date


@dataclass
class Level:
    """A figure under construction, with its slots filled."""

    region: Region | None
    period: str | None
    measure: str | None
    """The taxonomy id (trade_total, export ...), None when the taxonomy has no entry."""
    words: str
    """The article's words for what is measured, when ``measure`` is None."""
    breakdown: dict[str, str]
    kind: Kind
    value: Decimal
    unit: str
    qualifier: Qualifier
    figure: str
    quote: Quote
    subject: bool = True
    """Whether the region is the statement's subject (not borrowed from an aside)."""
    assumed: bool = False
    """Whether the period is only the title's (see Carry.assumed)."""
    yoy: Decimal | None = None
    share: Decimal | None = None
    share_of: str | None = None

    @property
    def metric(self) -> str:
        return compose(self.measure, self.breakdown, self.words)

    def same_metric(self, measure: str | None, breakdown: dict[str, str], words: str) -> bool:
        return (self.measure, self.breakdown, self.measure is None and self.words) == (
            measure, breakdown, measure is None and words)

    def fact(self) -> Fact:
        region = self.region
        return Fact(
            region=region.name if region else None,
            region_code=region.code if region else None,
            period=self.period,
            metric=self.metric,
            metric_id=headline_id(self.measure, self.breakdown) if self.subject and _settled(region) else None,
            measure=self.measure,
            breakdown=dict(self.breakdown),
            kind=self.kind,
            value=self.value,
            unit=self.unit,
            qualifier=self.qualifier,
            yoy_percent=self.yoy,
            share_percent=self.share,
            share_of=self.share_of,
            figure=self.figure,
            quotes=(self.quote,),
        )


def _settled(region: Region | None) -> bool:
    """Whether a region is settled enough for a headline series: coded, a grouping, a zone or the
    country; a county name that several counties bear (鼓楼区 alone) is not."""
    return region is not None and (region.code is not None or region.level != COUNTY)


@dataclass
class Carry:
    """What passes from one sentence to the next, and from paragraph to paragraph."""

    date: dt.date | None
    subject: Region | None
    """The document's subject region."""
    text_year: int | None = None
    """With no date, the year bare periods are read in (Document.year)."""
    speaking_of: Region | None = None
    """The subject of the paragraph's last sentence: the next one speaks of it unless it names
    another (…湖北省进出口2873.9亿元。其中，出口… are 湖北's in 武汉's article)."""
    context: list[Region] = field(default_factory=list)
    """Regions settled so far: they choose among namesakes (朝阳区 near 北京)."""
    period: str | None = None
    """The governing period: stated at the opening of a clause, it holds until another replaces it."""
    assumed: bool = False
    """Whether the period in force is the title's, not yet stated by the body (a lead paragraph's
    figure may restate one the body dates otherwise)."""
    resume: str | None = None
    """The cumulative period a paragraph-long single month interrupts (1-8月…//8月份，…): the
    next paragraph resumes it."""
    previous: str | None = None
    """The period of the last sentence read, even one that held for its sentence only (11月当月)."""
    topic: dict[str, str] = field(default_factory=dict)
    """A breakdown still being talked about (对一带一路…。其中，出口…: the exports to it)."""
    measure: str | None = None
    words: str = ""
    """The last measure named (or the article's words for it): what a bare 其中 narrows."""
    recent: list[Level] = field(default_factory=list)
    """The levels stated so far in the paragraph: what 上述3者 refers back to."""
    by_unit: dict[str, tuple[str | None, str, dict[str, str]]] = field(default_factory=dict)
    """The last metric named per unit class, for a figure that names nothing (143.41万吨)."""

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else self.text_year


@dataclass
class Frame:
    """One sentence's slots."""

    carry: Carry
    period: str | None
    subject: Region | None
    stock: str | None = None
    """A stock date (截至6月末): it holds for this sentence only."""
    cumulative: bool = False
    """Whether the sentence says 累计: its figures since a start are stocks at their date."""
    local_period: str | None = None
    """A period stated inside a clause (not at its opening): it holds for that clause only."""
    after_semicolon: bool = False
    """Whether the clause being read follows a semicolon (a statement of its own, more than a comma)."""
    aside: Region | None = None
    """A region named in the parentheses the figure stands in: the figure's region, not the subject."""
    bound_period: str | None = None
    """The clause period of a threshold passed (…升至2022年的首次突破100亿元): the precise figure after it has it too."""
    measure: str | None = None
    words: str = ""
    breakdown: dict[str, str] = field(default_factory=dict)
    topic_here: bool = False
    """Whether the breakdown in force was named by a clause without figures (a topic)."""
    measure_here: bool = False
    """Whether this sentence named the measure (else it is the previous sentence's)."""
    named_here: bool = False
    """Whether this sentence named the breakdown (else it is inherited, and a named measure drops it)."""
    sentence_period: bool = False
    """Whether the period stated here holds for this sentence only (11月当月): the carry keeps its own."""
    levels: list[Level] = field(default_factory=list)
    """The levels stated so far: a rate rides on the newest one that is free."""
    group: list[Level] = field(default_factory=list)
    """The last levels distributed by 分别 (or listed): a later list of rates is theirs."""
    listed: list[tuple[str, str]] = field(default_factory=list)
    """Names listed in a clause without figures, (dimension, name), for a later 分别."""
    listed_regions: list[Region] = field(default_factory=list)
    listed_periods: list[str | None] = field(default_factory=list)
    pending: list[tuple[str, Decimal]] = field(default_factory=list)
    """Rates stated before their level (同比增长5%，达1.2万亿元): (kind, value)."""
    out: list[Level] = field(default_factory=list)

    def when(self) -> str | None:
        """The period a figure read now is about."""
        return self.stock or self.local_period or self.period

    def when_for(self, measure: str | None) -> str | None:
        """The period of a figure of ``measure``: a flow of the taxonomy stated 截至11月底 covers
        the months since January (截至11月底，进出口145.6亿美元); 累计 or a count in words keeps
        the date (截至6月末，累计批准外资企业…: a stock)."""
        when = self.when()
        if when is not None and when == self.stock and measure is not None and not self.cumulative:
            return year_to_date(when) or when
        return when
