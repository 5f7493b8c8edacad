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
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from typing import Literal

from .lexicon import Term, terms
from .numerals import normalize_text
from .period_grammar import PERIOD_SOURCE, PeriodMention
from .period_resolve import Resolver
from .quantities import QUANTITY_SOURCE, Figure, read_figure
from .region_names import RegionMention, Surface, allowed, chained, find_zones, matcher

TokenKind = Literal["figure", "period", "region", "term", "punct", "word"]

#: Punctuation tokens and their class.
PUNCT: dict[str, str] = {
    "。": "stop", "！": "stop", "？": "stop", "!": "stop", "?": "stop",
    "，": "comma", ",": "comma", "；": "semicolon", ";": "semicolon", "：": "colon", ":": "colon",
    "、": "list", "（": "open", "(": "open", "）": "close", ")": "close",
}
#: Characters after which a one-character partner abbreviation counts (对俄, 中美, 自日).
_ABBREVIATION_AFTER = frozenset("对与自向同从中")


@dataclass(frozen=True, slots=True)
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

    @property
    def cue(self) -> str | None:
        """The cue class of a cue word (each, share, up ...), else None."""
        term = self.term
        return term.name if term is not None and term.kind == "cue" else None

    @property
    def punct(self) -> str | None:
        """The class of a punctuation token (stop, comma, list ...), else None."""
        return PUNCT.get(self.text) if self.kind == "punct" else None


@dataclass(frozen=True)
class _Tables:
    pattern: re.Pattern[str]
    words: dict[str, Term | Surface]
    """Every surface of two characters or more: lexicon terms and region names."""
    lengths: dict[str, tuple[int, ...]]
    """First two characters -> lengths of the surfaces starting with them, longest first."""
    singles: dict[str, Term]


def _char_class(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"


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
    probe = (f"(?={_char_class(k[0] for k in lengths)}{_char_class(k[1] for k in lengths)})"
             f"|(?={_char_class(singles)})")
    pattern = re.compile(
        f"(?P<F>{QUANTITY_SOURCE})|(?P<P>(?x:{PERIOD_SOURCE}))|(?P<W>{probe})|(?P<Z>{_char_class(PUNCT)})"
    )
    return _Tables(pattern, words, {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}, singles)


# Pinyin glosses that mirror sites insert (個(gè)月) are skipped through an index, so
# matching sees 个月 while every span stays an offset into the original text.
_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,8}[)）]")


def _view(text: str) -> tuple[str, list[int] | None]:
    """The folded text without glosses, and the index of each of its characters in ``text``
    (None when no gloss was removed: the identity)."""
    folded = normalize_text(text)
    if "(" not in folded and "（" not in folded:
        return folded, None
    pieces: list[str] = []
    index: list[int] = []
    pos = 0
    for m in _GLOSS.finditer(folded):
        pieces.append(folded[pos:m.start()])
        index.extend(range(pos, m.start()))
        pos = m.end()
    if not pieces:
        return folded, None
    pieces.append(folded[pos:])
    index.extend(range(pos, len(folded)))
    return "".join(pieces), index


class _Lexer:
    """One pass over one text: the state the pass carries (the previous figure and region)."""

    def __init__(self, text: str, date: dt.date | None) -> None:
        self.text = text
        self.view, self.index = _view(text)
        self.resolver = Resolver(self.view, date)
        self.tables = _tables()
        self.out: list[Token] = []
        self.pos = 0  # the end of the last token, in the view
        self.previous_figure: Figure | None = None
        self.regions: list[RegionMention] = []

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self.index is None:
            return start, end
        return self.index[start], self.index[end - 1] + 1

    def run(self) -> list[Token]:
        view = self.view
        zones = find_zones(view, matcher()) if matcher().suffix_re.search(view) else []
        z = 0
        for match in self.tables.pattern.finditer(view):
            at = match.start()
            while z < len(zones) and zones[z].start <= at:
                if zones[z].start >= self.pos:
                    self.add_region(zones[z])
                z += 1
            if at < self.pos:
                continue
            group = match.lastgroup
            if group == "F":
                self.figure(match)
            elif group == "P":
                self.periods(match)
            elif group == "Z":
                self.add(Token("punct", *self.span(at, at + 1), view[at]), at + 1)
            else:
                self.word(at, zones[z].start if z < len(zones) else len(view))
        for zone in zones[z:]:
            if zone.start >= self.pos:
                self.add_region(zone)
        return self.tiled()

    def add(self, token: Token, end: int) -> None:
        self.out.append(token)
        self.pos = end

    def figure(self, match: re.Match[str]) -> None:
        at, end = match.span()
        figure = read_figure(match, self.text if self.index is None else self.view, self.view, self.previous_figure)
        if figure is None:
            return
        longer = self.longest(at, len(self.view))
        if longer is not None and longer[0] > end - at:  # 五家渠市 is a city, not 五家
            self.word(at, len(self.view))
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

    def word(self, at: int, limit: int) -> None:
        found = self.longest(at, limit)
        if found is not None:
            length, entry = found
            if isinstance(entry, Term):
                self.add(Token("term", *self.span(at, at + length), self.view[at:at + length], term=entry),
                         at + length)
            else:
                self.add_region(RegionMention(at, at + length, self.view[at:at + length], entry.strong, entry.weak,
                                              entry.kind, entry.relative))
            return
        single = self.tables.singles.get(self.view[at])
        if single is None or (single.abbreviation and (at == 0 or self.view[at - 1] not in _ABBREVIATION_AFTER)):
            return
        self.add(Token("term", *self.span(at, at + 1), self.view[at], term=single), at + 1)

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

    def tiled(self) -> list[Token]:
        """The tokens with ``word`` tokens for the text between them."""
        text = self.text
        out: list[Token] = []
        last = 0
        for token in self.out:
            if token.start > last:
                out.append(Token("word", last, token.start, text[last:token.start]))
            out.append(token)
            last = max(last, token.end)
        if last < len(text):
            out.append(Token("word", last, len(text), text[last:]))
        return out


def lex(text: str, date: dt.date | None = None) -> list[Token]:
    """The tokens of ``text``, tiling it; ``date`` is the publication date periods count from."""
    if isinstance(date, dt.datetime):
        date = date.date()
    return _Lexer(text, date).run()


def find_quantities(text: str) -> list[Figure]:
    """Every figure in ``text`` (a view of :func:`lex`)."""
    return [t.figure for t in lex(text) if t.figure is not None]


def find_periods(text: str, date: dt.date | None) -> list[PeriodMention]:
    """Every period expression in ``text`` with its role (a view of :func:`lex`)."""
    return [t.period for t in lex(text, date) if t.period is not None]


def find_regions(text: str) -> list[RegionMention]:
    """Every region named in ``text``, unresolved (a view of :func:`lex`)."""
    return [t.region for t in lex(text) if t.region is not None]
