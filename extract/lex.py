"""The lexer: one pass over a paragraph turns its text into typed tokens.

One compiled pattern walks the text once. At each position it tries, in order:

* a **figure** (quantities.py's grammar: 10246.0亿元, 下降14.4%, 百分之十七点三);
* a **period** (period_grammar.py: 今年1-7月, 一季度, 同比, 截至6月末), resolved on the spot
  against the publication date and the periods before it (period_resolve.py);
* a **word probe**: where the two characters could start a known surface, the longest
  surface of the gazetteer (region_names.py) or the lexicon (lexicon.py) wins: a region,
  a measure (出口额), a breakdown term (东盟, 机电产品, 一般贸易) or a cue (分别, 其中);
  one-character cues (占, 对, 达) and partner abbreviations after a preposition (对俄) too;
* **punctuation**, kept as tokens: it bounds clauses and sentences.

Ports and zones (天津口岸) are found by their suffix first and take the place of the names
inside them; adjacent region names chain (北京 + 朝阳区). The text between tokens becomes
``word`` tokens, so the tokens tile the paragraph and every span is an offset into it.

``find_quantities``, ``find_periods`` and ``find_regions`` are views of the same pass.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Literal

from .lexicon import Term, terms
from .period_grammar import PERIOD_SOURCE, PeriodMention
from .period_resolve import Resolver
from .quantities import QUANTITY_SOURCE, Figure, read_figure
from .region_names import RegionMention, Surface, allowed, chained, find_zones, matcher
from .view import matched_view

TokenKind = Literal["figure", "period", "region", "term", "punct", "word", "demoted"]

#: Punctuation tokens and their class.
PUNCT: dict[str, str] = {
    "。": "stop", "！": "stop", "？": "stop", "!": "stop", "?": "stop",
    "，": "comma", ",": "comma", "；": "semicolon", ";": "semicolon", "：": "colon", ":": "colon",
    "、": "list", "（": "open", "(": "open", "）": "close", ")": "close",
}
#: Characters after which a one-character partner abbreviation counts (对俄, 中美, 自日).
_ABBREVIATION_AFTER = frozenset("对与自向同从中")


# Not frozen: one is made per word of every article, and a frozen dataclass is built
# four times slower. Nothing mutates one after the lexer made it.
@dataclass(slots=True)
class Token:
    """A stretch ``text[start:end]`` of the paragraph with what it is."""

    kind: TokenKind
    start: int
    end: int
    text: str
    figure: Figure | None = None
    period: PeriodMention | None = None
    region: RegionMention | None = None
    term: Term | None = None
    cue: str | None = None
    """The cue class of a cue word (each, share, up ...)."""
    punct: str | None = None
    """The class of a punctuation mark (stop, comma, list ...)."""


def _term(start: int, end: int, text: str, term: Term) -> Token:
    return Token("term", start, end, text, term=term, cue=term.name if term.kind == "cue" else None)


@dataclass(frozen=True)
class _Tables:
    pattern: re.Pattern[str]
    """Figures and periods: the grammar's part of the pass."""
    words: dict[str, Term | Surface]
    """Every surface of two characters or more: lexicon terms and region names."""
    lengths: dict[str, tuple[int, ...]]
    """First two characters -> lengths of the surfaces starting with them, longest first."""
    singles: dict[str, Term]


@cache
def _tables() -> _Tables:
    regions = matcher().table
    words: dict[str, Term | Surface] = dict(regions)
    singles: dict[str, Term] = {}
    for surface, term in terms().items():
        if len(surface) == 1:
            singles[surface] = term
        elif surface not in regions or term.kind != "cue":
            words[surface] = term  # a lexicon term wins over a region of the same spelling
    lengths: dict[str, set[int]] = {}
    for surface in words:
        lengths.setdefault(surface[:2], set()).add(len(surface))
    pattern = re.compile(f"(?P<F>{QUANTITY_SOURCE})|(?P<P>(?x:{PERIOD_SOURCE}))")
    return _Tables(pattern, words, {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}, singles)


class _Lexer:
    """One pass over one text: the state the pass carries (the previous figure and region)."""

    def __init__(self, text: str, date: dt.date | None, year: int | None = None) -> None:
        self.text = text
        self.view, self.index = matched_view(text)
        self.resolver = Resolver(self.view, date, year)
        self.tables = _tables()
        self.out: list[Token] = []
        self.pos = 0  # the end of the last token, in the view
        self.zones: list[RegionMention] = []
        self.zone = 0  # the next zone to place
        self.wanted: list[tuple[int, int]] | None = None  # the sentences to scan in full (None: all)
        self.previous_figure: Figure | None = None
        self.regions: list[RegionMention] = []

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self.index is None:
            return start, end
        return self.index[start], self.index[end - 1] + 1

    def run(self, full: bool) -> list[Token]:
        """Figures and periods by the grammar's pattern; names, cues and punctuation in the gaps
        between, in every sentence (``full``) or in the sentences with a figure only."""
        view = self.view
        self.zones = find_zones(view, matcher()) if matcher().suffix_re.search(view) else []
        matches = list(self.tables.pattern.finditer(view))
        if not full:
            self.wanted = _figure_sentences(view, [m.start() for m in matches if m.lastgroup == "F"])
        for match in matches:
            at = match.start()
            if at < self.pos:
                continue
            if match.lastgroup == "F":
                figure = read_figure(match, self.text if self.index is None else self.view, self.view,
                                     self.previous_figure)
                if figure is not None:  # 零件 looked like a count: the scan reads through it
                    self.gap(at)
                    self.figure(match, figure)
            else:
                self.gap(at)
                self.periods(match)
        self.gap(len(view))
        return self.settled()

    def gap(self, end: int) -> None:
        """Scan the text up to ``end``: fully where names matter, for sentence marks elsewhere."""
        if self.wanted is None:
            self.scan(end)
            return
        for start, stop in self.wanted:
            if stop <= self.pos:
                continue
            if start >= end:
                break
            if start > self.pos:
                self.marks(start)
            self.scan(min(stop, end))
        if self.pos < end:
            self.marks(end)

    def marks(self, end: int) -> None:
        """Only the marks that bound sentences, up to ``end`` (a sentence without figures needs no names)."""
        for found in _MARKS.finditer(self.view, self.pos, end):
            at = found.start()
            self.add(Token("punct", *self.span(at, at + 1), found.group(), punct=PUNCT[found.group()]), at + 1)
        self.pos = end

    def scan(self, end: int) -> None:
        """The names, cues and punctuation from the last token to ``end``: the longest known
        surface at each position, the rest plain words."""
        view, tables, zones = self.view, self.tables, self.zones
        lengths, singles = tables.lengths, tables.singles
        while self.zone < len(zones) and zones[self.zone].start < self.pos:
            self.zone += 1
        next_zone = zones[self.zone].start if self.zone < len(zones) else -1
        i = self.pos
        while i < end:  # the hot loop of the lexer: keep it to dictionary probes
            if i == next_zone:
                zone = zones[self.zone]
                self.zone += 1
                next_zone = zones[self.zone].start if self.zone < len(zones) else -1
                if zone.end <= end:
                    self.add_region(zone)
                    i = self.pos
                    continue
            if view[i:i + 2] in lengths and self.word(i, min(end, next_zone) if next_zone > i else end):
                i = self.pos
                continue
            char = view[i]
            punct = PUNCT.get(char)
            if punct is not None:
                self.add(Token("punct", *self.span(i, i + 1), char, punct=punct), i + 1)
            else:
                single = singles.get(char)
                if single is not None and not (single.abbreviation and (i == 0 or view[i - 1] not in _ABBREVIATION_AFTER)):
                    self.add(_term(*self.span(i, i + 1), char, single), i + 1)
            i += 1

    def add(self, token: Token, end: int) -> None:
        """Record a token ending at ``end`` in the view; the plain text before it becomes a word."""
        last = self.out[-1].end if self.out else 0
        if token.start > last:
            self.out.append(Token("word", last, token.start, self.text[last:token.start]))
        self.out.append(token)
        self.pos = end

    def figure(self, match: re.Match[str], figure: Figure) -> None:
        at, end = match.span()
        longer = self.longest(at, len(self.view))
        if longer is not None and longer[0] > end - at:  # 五家渠市 is a city, not 五家
            self.word(at, len(self.view))
            self.scan(end)
            return
        self.previous_figure = figure
        start, stop = self.span(at, end)
        if self.index is not None:
            figure = replace(figure, start=start, end=stop, text=self.text[start:stop])
        self.add(Token("figure", start, stop, self.text[start:stop], figure=figure), end)

    def periods(self, match: re.Match[str]) -> None:
        for out in self.resolver.resolve(match):
            if out.start >= out.end:
                continue
            if self.pos < out.start:  # 一、二、三季度: the marks between the items of a list
                self.scan(out.start)
            start, stop = self.span(out.start, out.end)
            mention = PeriodMention(start, stop, self.text[start:stop], out.period, out.role)
            self.add(Token("period", start, stop, mention.text, period=mention), max(out.end, self.pos))
        self.pos = max(self.pos, match.end())

    def longest(self, at: int, limit: int) -> tuple[int, Term | Surface] | None:
        """The longest known surface starting at ``at`` and ending by ``limit`` that may stand here."""
        view = self.view
        for length in self.tables.lengths.get(view[at:at + 2], ()):
            end = at + length
            if end > limit:
                continue
            entry = self.tables.words.get(view[at:end])
            if entry is None:
                continue
            if isinstance(entry, Surface) and not allowed(view, at, end, entry, self.regions):
                continue
            return length, entry
        return None

    def word(self, at: int, limit: int) -> bool:
        """Add the longest known surface at ``at`` (ending by ``limit``); whether there was one."""
        found = self.longest(at, limit)
        if found is not None:
            length, entry = found
            if isinstance(entry, Surface) and length > 2 and self.view[at + length - 1] in "市省区县":
                # 广州市属企业: the suffix begins a term (市属企业) and the bare name is a region too.
                tail = self.longest(at + length - 1, limit)
                shorter = self.tables.words.get(self.view[at:at + length - 1])
                if tail is not None and tail[0] > 1 and isinstance(tail[1], Term) and isinstance(shorter, Surface):
                    length, entry = length - 1, shorter
            if isinstance(entry, Term):
                self.add(_term(*self.span(at, at + length), self.view[at:at + length], entry), at + length)
            else:
                self.add_region(RegionMention(at, at + length, self.view[at:at + length], entry.strong, entry.weak,
                                              entry.kind, entry.relative))
            return True
        return False

    def add_region(self, mention: RegionMention) -> None:
        previous = self.regions[-1] if self.regions else None
        if previous is not None and self.out and self.out[-1].kind == "region" and previous.end == mention.start:
            joined = chained(previous, mention)
            if joined is not None:
                self.out.pop()
                self.regions[-1] = mention = joined
            else:
                self.regions.append(mention)
        else:
            self.regions.append(mention)
        start, stop = self.span(mention.start, mention.end)
        if self.index is not None:
            mention = replace(mention, start=start, end=stop, text=self.text[start:stop])
        self.add(Token("region", start, stop, self.text[start:stop], region=mention), mention.end)

    def settled(self) -> list[Token]:
        """The tokens tiling the text: a one-character cue that governs nothing (同 in 合同), and a
        region name inside a company's or a port's name (宁波舟山港集团), made text."""
        text, out = self.text, self.out
        if self.regions:
            _in_names(out, text, matcher().name_suffixes)
        last = out[-1].end if out else 0
        if last < len(text):
            out.append(Token("word", last, len(text), text[last:]))
        if not any((t.kind == "term" and len(t.text) == 1) or t.kind == "demoted" for t in out):
            return out
        kept: list[Token] = []
        for i, token in enumerate(out):
            if token.kind == "demoted" or _idle(token, out[i + 1] if i + 1 < len(out) else None):
                token = Token("word", token.start, token.end, token.text)
            if token.kind == "word" and kept and kept[-1].kind == "word":
                token = Token("word", kept[-1].start, token.end, text[kept[-1].start:token.end])
                kept.pop()
            kept.append(token)
        return kept


def _in_names(out: list[Token], text: str, suffixes: tuple[str, ...]) -> None:
    """Mark region names that open another name (宁波舟山港集团, 上海银行) as text, right to left."""
    inside = False
    for i in range(len(out) - 1, -1, -1):
        token = out[i]
        if token.kind != "region":
            inside = False
            continue
        mention = token.region
        if mention is not None and mention.kind not in ("publisher", "relative") and (
                inside or text.startswith(suffixes, token.end)):
            out[i] = Token("demoted", token.start, token.end, token.text)
            inside = i > 0 and out[i - 1].end == token.start
        else:
            inside = False


#: What a one-character cue must stand before to be one: a partner after 对, a figure after 达.
_GOVERNS: dict[str, frozenset[str]] = {
    "prep": frozenset({"partner", "region", "period"}),
    "reach": frozenset({"figure"}),
    "conversion": frozenset({"figure"}),
    "and": frozenset({"figure", "region", "period", "term"}),
}


def _idle(token: Token, after: Token | None) -> bool:
    """Whether a one-character cue stands before nothing it could govern (同 in 合同, 为 in 成为)."""
    term = token.term
    if term is None or term.kind != "cue" or len(token.text) != 1 or term.name not in _GOVERNS:
        return False
    if after is None or after.start != token.end:
        return True
    kind = after.term.kind if after.term is not None and after.kind == "term" else after.kind
    return kind not in _GOVERNS[term.name] and after.kind not in _GOVERNS[term.name]


_MARKS = re.compile(r"[。！？!?（）()]")
_STOPS = re.compile(r"[。！？!?]")


def _figure_sentences(view: str, figures: list[int]) -> list[tuple[int, int]]:
    """The spans of the sentences that hold a figure."""
    spans: list[tuple[int, int]] = []
    start = 0
    f = 0
    for stop in [m.end() for m in _STOPS.finditer(view)] + [len(view)]:
        while f < len(figures) and figures[f] < start:
            f += 1
        if f < len(figures) and figures[f] < stop:
            spans.append((start, stop))
        start = stop
    return spans


def lex(text: str, date: dt.date | None = None, *, full: bool = True, year: int | None = None) -> list[Token]:
    """The tokens of ``text``, tiling it; ``date`` is the publication date periods count from
    (with no date, ``year`` is the year bare periods and 今年 are read in).

    With ``full=False`` only the sentences that hold a figure get names and cues (the reader
    needs nothing else from the others but their periods and sentence marks).
    """
    if isinstance(date, dt.datetime):
        date = date.date()
    return _Lexer(text, date, year).run(full)


def find_quantities(text: str) -> list[Figure]:
    """Every figure in ``text`` (a view of :func:`lex`)."""
    return [t.figure for t in lex(text) if t.figure is not None]


def find_periods(text: str, date: dt.date | None) -> list[PeriodMention]:
    """Every period expression in ``text`` with its role (a view of :func:`lex`)."""
    return [t.period for t in lex(text, date) if t.period is not None]


def find_regions(text: str) -> list[RegionMention]:
    """Every region named in ``text``, unresolved (a view of :func:`lex`)."""
    return [t.region for t in lex(text) if t.region is not None]
