"""Figure constructions for lists: one figure per listed name, in order.

分别 distributes a list of names (partners, products, regions, periods, plain words)
over a run of figures (对欧盟、东盟分别进出口3183.3亿元、3116.4亿元). The names may come
before 分别 in the same clause, or from an earlier clause of the sentence (美国、日本是
该市最大的两个出口市场，出口额分别达到…). A run of rates with no names of its own goes to
the levels just distributed or just stated (开行班列1200列，货值150亿元，…同比分别增长10%、
12%和8%). Without 分别, a list of names followed by as many levels distributes too (出口
手机、汽车零件513亿元、257.2亿元), and so does a run of rates after a distributed group.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..facts import Kind
from ..frame import Frame, Level
from ..gazetteer import Region
from ..lex import Token
from ..lexicon import goods_flows
from ..sentence import JOINTS, Head, clean_words, is_cjk, listed, only_goods, without_kind_tail
from .figures import kind_of
from .registry import Reading, construction
from .subjects import is_partner

_LEVEL_HINTS = frozenset({"amount", "count", "level"})


@dataclass
class _Items:
    """What a list names, one entry per figure: regions, periods, measures or breakdown slices."""

    regions: list[Region] = field(default_factory=list)
    periods: list[str | None] = field(default_factory=list)
    slices: list[tuple[str, str]] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.regions) or len(self.periods) or len(self.slices) or len(self.measures)

    def slots(self, n: int, frame: Frame) -> tuple[str | None, dict[str, str], Region | None, str | None]:
        """(measure, breakdown, region, period) of the n-th figure; None where the frame's hold."""
        measure, breakdown = frame.measure, dict(frame.breakdown)
        region = period = None
        if self.slices:
            breakdown[self.slices[n][0]] = self.slices[n][1]
        elif self.regions:
            region, breakdown = self.regions[n], {}
        elif self.measures:
            measure = self.measures[n]
        else:
            period = self.periods[n]
        return measure, breakdown, region, period

    def same_as(self, group: list[Level]) -> bool:
        """Whether the list names what a distributed group already stands for (a second 分别)."""
        if self.regions:
            return [level.region for level in group] == self.regions
        if self.slices:
            return [level.breakdown.get(d) for level, (d, _) in zip(group, self.slices, strict=False)] == \
                [name for _, name in self.slices]
        if self.measures:
            return [level.measure for level in group] == self.measures
        return [level.period for level in group] == self.periods


def _year_span(token: Token, count: int) -> list[str | None] | None:
    """2020-2022年 with three figures: the three years, one each."""
    period = token.period.period if token.period else None
    return _year_span_of(period, count) if period is not None else None


def _names_of(r: Reading, dimension: str) -> Callable[[Token], bool]:
    """Whether a token names a slice of ``dimension`` (香港 in another region's article is a partner)."""
    def names(t: Token) -> bool:
        return (t.term is not None and t.term.kind == dimension) or (dimension == "partner" and is_partner(r, t) is not None)
    return names


def _year_span_of(period: str, count: int) -> list[str | None] | None:
    if "/" not in period:
        return None
    first, last = period.split("/")
    if not (first.endswith("-01") and last.endswith("-12")):
        return None
    years = list(range(int(first[:4]), int(last[:4]) + 1))
    return [str(y) for y in years] if len(years) == count else None


def _items(r: Reading, h: Head, count: int, before: list[Token]) -> _Items | None:
    """The list the figures distribute over: named in the head before 分别, or earlier in the sentence."""
    frame = r.frame
    regions = listed(before, lambda t: t.region is not None and is_partner(r, t) is None)
    if len(regions) == count:
        resolved = [r.resolve(t.region) for t in regions if t.region is not None]
        if all(resolved):
            return _Items(regions=[x for x in resolved if x is not None])
    periods = listed(before, lambda t: t.period is not None and t.period.role == "period")
    if len(periods) == count:
        return _Items(periods=[t.period.period if t.period else None for t in periods])
    measures = listed(before, lambda t: t.term is not None and t.term.kind == "measure")
    if len(measures) == count:  # 进出口、出口、进口分别为…: one measure each
        return _Items(measures=[t.term.name for t in measures if t.term is not None])
    for token in before:
        if token.period is not None and token.period.role == "period":
            span = _year_span(token, count)
            if span is not None:
                return _Items(periods=span)
    for dimension in ("partner", "product", "mode", "owner", "channel"):
        names = listed(before, _names_of(r, dimension))
        if len(names) == count:
            return _Items(slices=[(dimension, t.term.name if t.term else (is_partner(r, t) or t.text))
                                  for t in names])
    dimension = "product" if frame.measure in goods_flows() else "other"
    named = _segments(before, joints=False)
    if len(named) == count:  # 医药健康、航空航天、汽车产业相关产品出口分别…: items of several tokens
        return _Items(slices=[(dimension, name) for name in named])
    words = listed(before, lambda t: t.kind == "word" and bool(clean_words(t.text)) and is_cjk(t.text))
    if len(words) == count:
        return _Items(slices=[(dimension, clean_words(t.text)) for t in words])
    named = _segments(before, joints=True)
    if len(named) == count:  # 服务业和制造业分别…
        return _Items(slices=[(dimension, name) for name in named])
    mixed = listed(before, lambda t: (t.term is not None and t.term.kind == "product")
                   or (t.kind == "word" and bool(clean_words(t.text)) and is_cjk(t.text)))
    if len(mixed) == count:  # 铁矿砂、煤、原油、铝矿砂分别进口…: known products and one the lexicon lacks
        return _Items(slices=[("product", t.term.name if t.term else clean_words(t.text)) for t in mixed])
    if len(frame.listed) == count:
        return _Items(slices=list(frame.listed))
    if len(frame.listed_periods) == count:  # 今年一季度、二季度，…分别为…
        return _Items(periods=list(frame.listed_periods))
    if len(frame.listed_regions) == count:
        return _Items(regions=list(frame.listed_regions))
    return None


def _joined_words(text: str) -> bool:
    """Whether plain words are names joined by 和 (红霉素和泰乐菌素): parts of two characters or more."""
    parts = text.split("和")
    return len(parts) > 1 and all(len(part) >= 2 for part in parts)


def _segments(before: list[Token], *, joints: bool) -> list[str]:
    """The items of a list whose items are several tokens each (医药健康 is 医药 and 健康), by the
    marks between them (、, and 和/及 with ``joints``: 船舶和海洋工程装备 may be one item): each
    item's words, or a known name when the item is that name alone. The measure after the last
    item and the places and periods before the first are no items."""
    tokens = list(before)
    while tokens and (tokens[-1].kind == "punct" or (tokens[-1].term is not None and tokens[-1].term.kind in ("measure", "cue"))
                      or not tokens[-1].text.strip()):
        tokens.pop()
    items: list[list[Token]] = [[]]
    for token in tokens:
        if token.punct == "list" or (joints and token.term is not None and token.term.name in JOINTS):
            items.append([])
        elif token.kind in ("figure", "punct"):
            return []
        elif joints and token.kind == "word" and _joined_words(token.text):
            parts = token.text.split("和")  # 红霉素和泰乐菌素 lexed as one word
            at = token.start
            for n, part in enumerate(parts):
                if n:
                    items.append([])
                    at += 1
                items[-1].append(Token("word", at, at + len(part), part))
                at += len(part)
        else:
            items[-1].append(token)
    while items and items[0] and items[0][0].kind in ("region", "period"):
        items[0].pop(0)
    names = []
    for item in items:
        terms = [t.term for t in item if t.term is not None and t.term.kind != "cue"]
        rest = "".join(t.text for t in item if t.term is None or t.term.kind == "cue")
        if len(terms) == 1 and only_goods(clean_words(rest)):  # 汽车产业相关产品: 汽车
            names.append(terms[0].name)
            continue
        text = without_kind_tail(clean_words("".join(t.text for t in item)))
        if not text or not is_cjk(text) or len(text) > 12 or any(t.region is not None or t.period is not None for t in item):
            return []
        names.append(text)
    return names if len(names) > 1 else []


def _distribute_levels(r: Reading, run: list[int], items: _Items) -> int:
    frame = r.frame
    group = []
    for n, i in enumerate(run):
        figure = r.figure(i)
        measure, breakdown, region, period = items.slots(n, frame)
        group.append(r.level(i, kind=kind_of(figure.unit, figure.kind_hint), measure=measure,
                             words=frame.words if measure == frame.measure else "", breakdown=breakdown,
                             region=region, period=period))
    frame.levels.extend(group)
    frame.group = group
    return len(run)


def _distribute_rates(r: Reading, h: Head, run: list[int], items: _Items | None) -> int:
    frame = r.frame
    kind: Kind = "share" if h.share else "growth"
    targets = frame.group if len(frame.group) == len(run) and (items is None or items.same_as(frame.group)) else []
    if targets and h.measure is not None and h.measure[0] != targets[0].measure:
        targets = []  # …拉动出口，分别增长…；…进口分别增长…: imports are not the exports' group
    if not targets and items is None and len(frame.levels) >= len(run):
        targets = frame.levels[-len(run):]
    if not targets and items is None and frame.period is not None:  # 2020-2022年，…分别占80.7%、68%、81%
        span = _year_span_of(frame.period, len(run))
        items = _Items(periods=span) if span is not None else None
    if targets:
        for level, i in zip(targets, run, strict=True):
            if kind == "share":
                level.share = r.figure(i).value
            else:
                level.yoy = r.figure(i).value
        return len(run)
    if items is None:
        return 0
    whole = [t.term.name for t in h.whole if t.term is not None and t.term.kind == "measure"]
    for n, i in enumerate(run):
        measure, breakdown, region, period = items.slots(n, frame)
        words = frame.words if measure == frame.measure else ""
        if measure is None and not words:
            if not whole:
                return 0
            measure = whole[-1]  # 东盟、欧盟分别占厦门市外贸总值的…: slices of the whole's measure
        r.level(i, kind=kind, measure=measure, words=words, breakdown=breakdown, region=region, period=period,
                unit="percent")
    return len(run)


@construction("figure", 45, reads="分别, the list before it or named earlier, the run of figures",
              fills="one level or rate per listed name; frame.group")
def each(r: Reading, h: Head, run: list[int]) -> int:
    """分别 distributes a list over a run of figures, in order: partners, products, regions,
    periods (一、二、三季度; 2020-2022年 over three figures) or plain words (服务业、制造业).
    Rates with no list of their own go to the levels just distributed or stated."""
    at = next((i for i, t in enumerate(h.tokens) if t.cue == "each"), None)
    if at is None:
        if not any(t.cue == "each" for t in h.whole):  # 占比分别为…: 分别 after the share cue
            return 0
        at = len(h.tokens)
    figures = [r.figure(i) for i in run]
    rates = all(f.unit == "percent" for f in figures)
    levels = all(f.kind_hint in _LEVEL_HINTS for f in figures)
    if not (rates or levels):
        return 0
    items = _items(r, h, len(run), h.tokens[:at])
    if levels:
        return _distribute_levels(r, run, items) if items is not None and len(run) > 1 else 0
    return _distribute_rates(r, h, run, items)


@construction("figure", 46, reads="a list of names, then as many levels or rates without 分别",
              fills="one level per listed name; the group's rates")
def listed_without_each(r: Reading, h: Head, run: list[int]) -> int:
    """Without 分别, a list of names followed by as many levels distributes all the same
    (出口手机、汽车零件513亿元、257.2亿元), and a run of rates naming nothing goes to the group
    just distributed (机电产品、农产品分别进口…，增长6.7%、7.7%)."""
    if len(run) < 2:
        return 0
    figures = [r.figure(i) for i in run]
    if all(f.kind_hint in _LEVEL_HINTS for f in figures):
        items = _items(r, h, len(run), h.tokens)
        return _distribute_levels(r, run, items) if items is not None else 0
    if all(f.unit == "percent" for f in figures) and len(r.frame.group) == len(run) and not h.named \
            and h.measure is None:
        return _distribute_rates(r, h, run, None)
    return 0
