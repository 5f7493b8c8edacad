"""The reader: a Document in, its Facts out (pure: no store, no terminal, no network).

It reads the way an analyst does. Each paragraph is lexed once (lex.py); each sentence
builds a statement frame (frame.py) clause by clause. At every figure, the *head* (what
stands before it in its clause, sentence.py) goes through the registry of constructions
(constructions/): first the context constructions, which fill the frame's slots (period,
subject region, partner, breakdown, measure), then the figure constructions in their
declared order, the first of which that recognises the figure says what it is: a level,
a rate riding on a level, a list distributed by 分别, or not a statistic at all.

Between sentences only the :class:`Carry` passes: the governing period, the document's
subject, the regions settled, the last metric and a breakdown topic. A figure stated
twice in a document (the title included) is one fact with several quotes.
"""
from __future__ import annotations

import gc
import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import cast

from .constructions import CONTEXT, FIGURES, INERT, TABLES, Reading
from .constructions.registry import ContextRule, FigureRule, InertRule, TableRule
from .document import Document
from .facts import Fact, Quote
from .frame import Carry, Frame, Level
from .lex import Token, lex
from .region_names import RegionMention
from .regions import subject_region
from .sentence import Clause, clauses, head, sentences

# The registry's rules in the order the reader applies them, as plain functions (this is the hot loop).
# The stage of each was declared with it (@construction), which is what the casts say.
_INERT = tuple(cast(InertRule, c.rule) for c in INERT)
_CONTEXT = tuple(cast(ContextRule, c.rule) for c in CONTEXT)
_FIGURES = tuple(cast(FigureRule, c.rule) for c in FIGURES)
_TABLES = tuple(cast(TableRule, c.rule) for c in TABLES)
#: What may stand between two figures of one list (513亿元、257.2亿元和12亿元).
_LIST_JOINTS = frozenset({"list", "and"})


def extract(document: Document) -> list[Fact]:
    """Every statistical figure of a document, each once, with its provenance."""
    date = document.date
    tables = {row: table for table in document.tables for row in table.rows_at}
    year = document.year
    title = lex(document.title, date, year=year)
    pieces = [_pieces(text) for text in document.paragraphs]
    last = len(document.paragraphs) - 2  # the subject is looked for in the first three and last two
    ends = {i: lex(pieces[i][0][1], date, year=year) if i not in tables else []
            for i in range(len(pieces)) if i < 3 or i >= last}
    subject = subject_region(_named(document.title, title),
                             [_named(pieces[i][0][1], tokens) for i, tokens in sorted(ends.items())],
                             year=date.year if date else year)
    carry = Carry(date=date, subject=subject, text_year=year,
                  context=[subject] if subject is not None and subject.anchor else [], period=_period_of(title))
    carry.assumed = carry.period is not None
    levels: list[Level] = []
    for index, paragraph in enumerate(pieces):
        table = tables.get(index)
        if table is None:
            for n, (offset, text) in enumerate(paragraph):  # lexed one piece at a time: memory stays bounded
                tokens = ends.pop(index) if n == 0 and index in ends else lex(text, date, full=False, year=year)
                levels.extend(read_paragraph(tokens, text, index, carry, offset=offset, continued=n > 0))
        elif index == table.rows_at[0]:
            levels.extend(next((found for rule in _TABLES if (found := rule(table, document.paragraphs, carry))),
                               []))
    facts = merge(levels)
    if document.title:
        again = Carry(date=date, subject=subject, text_year=year, context=list(carry.context), period=_period_of(title))
        facts = _with_title(facts, read_paragraph(title, document.title, -1, again))
    return facts


def warm() -> None:
    """Build the caches extraction reads (gazetteer, lexicon, patterns, OpenCC) and set them
    aside from the garbage collector: they live as long as the process, and rescanning their
    objects at every full collection cost about a seventh of the extraction time. Called once
    before a batch (and before worker processes fork, so they share them)."""
    from .document import parse_document

    extract(parse_document("---\ntitle: 北京外贸\ndate: 2022-08-20\n---\n<p>1-7月，北京进出口2万亿元。</p>"
                           .encode(), "warm.md"))
    gc.collect()
    gc.freeze()


def _period_of(title: Sequence[Token]) -> str | None:
    """The period a title states (2023年1-7月北京地区进出口情况): the body's until it states its own."""
    return next((t.period.period for t in title if t.period is not None and t.period.role == "period"), None)


def _named(text: str, tokens: Sequence[Token]) -> tuple[str, list[RegionMention]]:
    return text, [t.region for t in tokens if t.region is not None]


def read_paragraph(tokens: Sequence[Token], text: str, index: int, carry: Carry, *, offset: int = 0,
                   continued: bool = False) -> list[Level]:
    """The levels of one lexed paragraph (or of a piece of an outsized one, at ``offset``, which
    ``continued`` the piece before); ``carry`` passes on what the next paragraph inherits."""
    if not continued:
        carry.topic = {}
        carry.recent = []
        carry.speaking_of = None
        if carry.resume is not None:
            carry.period, carry.resume = carry.resume, None
    out: list[Level] = []
    for sentence in sentences(tokens):
        if not any(t.figure is not None for t in sentence):
            _periods_only(sentence, carry)
            continue
        out.extend(read_sentence(sentence, text, index, carry, offset))
    return out


#: A paragraph longer than this is read in pieces of whole sentences: no real paragraph comes
#: near it, and the tokens of a megabyte of text at once would hold hundreds of megabytes.
PIECE = 20_000
_SENTENCE_END = re.compile(r"[。！？!?；;]")


def _pieces(text: str) -> list[tuple[int, str]]:
    """The paragraph as (offset, text) pieces of at most PIECE characters, cut after a sentence."""
    if len(text) <= PIECE:
        return [(0, text)]
    out: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + PIECE, len(text))
        if end < len(text):
            cut = max((m.end() for m in _SENTENCE_END.finditer(text, start + PIECE // 2, end)), default=end)
            end = cut
        out.append((start, text[start:end]))
        start = end
    return out


def _periods_only(sentence: Sequence[Token], carry: Carry) -> None:
    """A sentence without figures still sets the period its opening states."""
    for clause in clauses(sentence):
        h = head(sentence, clause.start, clause.end, clause.start)
        for token in h.periods:
            mention = token.period
            if mention is not None and mention.role == "period" and mention.period:
                carry.period = mention.period


def read_sentence(tokens: list[Token], text: str, index: int, carry: Carry, offset: int = 0) -> list[Level]:
    """One sentence: its frame filled clause by clause, its figures read in order."""
    frame = Frame(carry=carry, period=carry.period, subject=carry.speaking_of or carry.subject, measure=carry.measure,
                  words=carry.words, breakdown=dict(carry.topic))
    reading = Reading(tokens, text, frame, carry, index, offset)
    for clause in clauses(tokens):
        _read_clause(reading, clause)
    carry.period = frame.period if not frame.sentence_period else carry.period
    carry.previous = frame.period
    carry.measure, carry.words = frame.measure, frame.words
    carry.topic = dict(frame.breakdown)
    subjects = [level.region for level in frame.levels if level.subject and level.region is not None]
    if subjects:
        carry.speaking_of = subjects[-1]
    carry.recent.extend(frame.levels)
    return frame.out


def _read_clause(reading: Reading, clause: Clause) -> None:
    tokens, frame = reading.tokens, reading.frame
    frame.local_period = None
    frame.after_semicolon = clause.start > 0 and tokens[clause.start - 1].punct == "semicolon"
    start = i = clause.start
    opened: list[int] = []  # the parentheses open at i
    while i < clause.end:
        token = tokens[i]
        if token.punct == "open":
            opened.append(i)
        elif token.punct == "close" and opened:
            opened.pop()
        if token.figure is None or any(rule(reading, i) for rule in _INERT):
            i += 1
            continue
        run = _run(tokens, i, clause.end)
        h = head(tokens, start, i, clause.start, opener=opened[-1] if opened else None)
        h.figure, h.run = token.figure, len(run)
        for context in _CONTEXT:
            context(reading, h)
        used = 1
        for figure in _FIGURES:
            used = figure(reading, h, run)
            if used:
                break
        i = run[max(used, 1) - 1] + 1
        if not opened:
            start = i  # a figure in parentheses is an aside: the words before them still lead on
    tail = head(tokens, start, clause.end, clause.start, tail=True)
    if tail.tokens:
        for context in _CONTEXT:
            context(reading, tail)


def _run(tokens: Sequence[Token], at: int, end: int) -> list[int]:
    """The figure at ``at`` and the figures listed right after it (、/和/及 between)."""
    run = [at]
    i = at + 1
    while i < end:
        while i < end and tokens[i].kind == "word" and not tokens[i].text.strip():
            i += 1  # 7.6% 、16.8%: spaces around a joint
        joint = tokens[i] if i < end else None
        if joint is None or not (joint.punct == "list" or (joint.term is not None and joint.term.name in _LIST_JOINTS)):
            break
        i += 1
        while i < end and ((tokens[i].kind == "word" and not tokens[i].text.strip()) or tokens[i].cue in ("up", "down")):
            i += 1  # 分别增长16.5%和下降3.2%: each rate with its own verb
        if i >= end or tokens[i].figure is None:
            break
        run.append(i)
        i += 1
    return run


def merge(levels: Sequence[Level]) -> list[Fact]:
    """One fact per (region, period, metric, kind, value, unit): a repeat adds its quote and rates.

    Linear in the number of statements: quotes gather in an ordered dict per fact (a figure
    repeated thirty thousand times is one fact with thirty thousand quotes, not a quadratic merge).
    """
    merged: dict[tuple[object, ...], Fact] = {}
    quotes: dict[tuple[object, ...], dict[Quote, None]] = {}
    assumed: set[tuple[object, ...]] = set()
    for level in levels:
        fact = level.fact()
        key = fact.key()
        if level.assumed:
            assumed.add(key)
        known = merged.get(key)
        if known is None:
            merged[key] = fact
            quotes[key] = dict.fromkeys(fact.quotes)
            continue
        if known.yoy_percent is None and fact.yoy_percent is not None:
            merged[key] = known = replace(known, yoy_percent=fact.yoy_percent)
        if known.share_percent is None and fact.share_percent is not None:
            merged[key] = replace(known, share_percent=fact.share_percent, share_of=fact.share_of)
        quotes[key].update(dict.fromkeys(fact.quotes))
    facts = [replace(fact, quotes=tuple(quotes[key])) for key, fact in merged.items()]
    return _undated_restatements(facts, {i for i, key in enumerate(merged) if key in assumed})


def _undated_restatements(facts: list[Fact], assumed: set[int]) -> list[Fact]:
    """A figure without a period of its own (none, or only the title's) that a dated fact states
    too (a lead paragraph restating the body) is that fact: its quote joins the dated one."""
    dated: dict[tuple[object, ...], int] = {}
    for i, fact in enumerate(facts):
        if fact.period is not None and i not in assumed:
            dated.setdefault((fact.region, fact.metric, fact.kind, fact.value, fact.unit), i)
    out: list[Fact | None] = list(facts)
    for i, fact in enumerate(facts):
        if fact.period is None or i in assumed:
            j = dated.get((fact.region, fact.metric, fact.kind, fact.value, fact.unit))
            if j is not None:
                out[j] = (out[j] or facts[j]).with_quotes(fact.quotes)
                out[i] = None
    return [f for f in out if f is not None]


def _with_title(facts: list[Fact], title: list[Level]) -> list[Fact]:
    """The title restates the body: its figures add a quote to the same figure. One the body
    never states (上半年长沙市进出口增长4.2%, over a body without figures) is a fact of its own,
    when the title states it exactly (超700家 rounds a figure of the body)."""
    by_figure: dict[tuple[str, str, Decimal | None], int] = {}
    for i, fact in enumerate(facts):
        by_figure.setdefault((fact.kind, fact.unit, fact.value), i)
        for kind, value in (("growth", fact.yoy_percent), ("share", fact.share_percent)):
            if value is not None:
                by_figure.setdefault((kind, "percent", value), i)
    for fact in merge([level for level in title if level.qualifier == "exact"]):
        at = by_figure.get((fact.kind, fact.unit, fact.value))
        if at is None:  # 昆山外贸进出口7096亿元 over a body's 7096.2亿元: the same figure, rounded
            slack = fact.rounding()
            at = next((j for (kind, unit, value), j in by_figure.items() if kind == fact.kind and unit == fact.unit
                       and value is not None and fact.value is not None and abs(value - fact.value) <= slack), None)
        if at is not None:
            facts[at] = facts[at].with_quotes(fact.quotes)
        else:
            facts.append(fact)
    return facts


