"""The registry of constructions, and what a construction sees: the :class:`Reading`.

A construction is a named rule with a declared stage and priority. *Inert*
constructions say a figure is no figure of its own but part of the words around it
(14个国家, 高于全国2.1个百分点): the head reads on through it. *Context*
constructions read a head (what stands before a figure, or a clause's tail) and fill
the frame's slots; *figure* constructions read a head and the run of figures it
introduces, and say what the figures are by returning how many they used (0: not
theirs). *Table* constructions read a whole ``<table>``. The reader applies every
context construction, then the figure constructions in order of priority until one
claims the figures.

Each rule is declared where it is written, with :func:`construction`; ``REGISTRY`` in
``__init__.py`` is the one ordered list of them all.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..facts import Kind, Quote
from ..frame import Carry, Frame, Level
from ..gazetteer import Region
from ..lex import Token
from ..quantities import Figure
from ..region_names import RegionMention
from ..regions import resolve
from ..sentence import Head

if TYPE_CHECKING:
    from ..document import Table

Stage = Literal["inert", "context", "figure", "table"]
InertRule = Callable[["Reading", int], bool]
ContextRule = Callable[["Reading", Head], None]
FigureRule = Callable[["Reading", Head, list[int]], int]
TableRule = Callable[["Table", Sequence[str], Carry], list[Level]]


@dataclass(frozen=True)
class Construction:
    """A named rule: what it reads and what it fills are in its docstring and declaration."""

    name: str
    stage: Stage
    priority: int
    reads: str
    fills: str
    rule: Callable[..., object]

    @property
    def doc(self) -> str:
        return (self.rule.__doc__ or "").strip()



_DECLARED: list[Construction] = []


def construction(stage: Stage, priority: int, *, reads: str,
                 fills: str) -> Callable[[Callable[..., object]], Callable[..., object]]:
    """Declare a rule as a construction of ``stage`` tried at ``priority`` (lower first)."""

    def declare(rule: Callable[..., object]) -> Callable[..., object]:
        _DECLARED.append(Construction(rule.__name__, stage, priority, reads, fills, rule))
        return rule

    return declare


def declared() -> tuple[Construction, ...]:
    """Every declared construction, by stage then priority."""
    order = {"inert": 0, "context": 1, "figure": 2, "table": 3}
    return tuple(sorted(_DECLARED, key=lambda c: (order[c.stage], c.priority)))


class Reading:
    """One sentence being read: its tokens, its frame, the carry, and the helpers rules share."""

    def __init__(self, tokens: list[Token], text: str, frame: Frame, carry: Carry, paragraph: int,
                 offset: int = 0) -> None:
        self.tokens = tokens
        self.text = text
        """The paragraph the tokens tile (or the piece of an outsized one, from ``offset``)."""
        self.frame = frame
        self.carry = carry
        self.paragraph = paragraph
        self.offset = offset
        self.quote = text[tokens[0].start:tokens[-1].end].strip() if tokens else ""
        frame.cumulative = any("累计" in t.text for t in tokens)
        self.forecast = _forecasts(tokens)
        """For each token, whether it stands in a forecast: its clause names a target or an
        expectation (力争, 预计), or follows a forecast that opens the sentence."""

    def resolve(self, mention: RegionMention) -> Region | None:
        """The region a mention means here; a settled one joins the document's context."""
        carry = self.carry
        region = resolve(mention, carry.context, subject=carry.subject, year=carry.year)
        if region is not None and region.anchor and region not in carry.context:
            carry.context.append(region)
        return region

    def figure(self, i: int) -> Figure:
        figure = self.tokens[i].figure
        assert figure is not None
        return figure

    def level(self, i: int, *, kind: Kind, measure: str | None, words: str, breakdown: dict[str, str],
              region: Region | None = None, period: str | None = None, unit: str | None = None,
              subject: bool = True) -> Level:
        """A new level for the figure at ``i``, with the frame's slots where none are given; recorded."""
        figure = self.figure(i)
        token = self.tokens[i]
        frame = self.frame
        if frame.aside is not None and region is None:
            region, subject = frame.aside, False
        when = period if period is not None else frame.when_for(measure)
        level = Level(
            region=region if region is not None else frame.subject,
            period=when,
            measure=measure, words=words, breakdown=dict(breakdown), kind=kind, value=figure.value,
            unit=unit or figure.unit, qualifier=figure.qualifier, figure=figure.text,
            quote=Quote(self.quote, self.paragraph, (token.start + self.offset, token.end + self.offset)),
            subject=subject,
            assumed=period is None and self.carry.assumed and not frame.stock and not frame.local_period,
        )
        frame.out.append(level)
        return level


def _forecasts(tokens: Sequence[Token]) -> list[bool]:
    out: list[bool] = []
    clause: list[int] = []
    governed = False  # a forecast governs the rest of its sentence (力争进出口增长5%，实际使用外资达到…)
    cue = False
    for i, token in enumerate(tokens):
        clause.append(i)
        cue = cue or token.cue == "forecast"
        if token.punct in ("comma", "semicolon", "colon", "stop") or i == len(tokens) - 1:
            out.extend(cue or governed for _ in clause)
            governed = governed or cue
            clause, cue = [], False
    return out


def figures_of(reading: Reading, run: Sequence[int]) -> list[Figure]:
    return [reading.figure(i) for i in run]
