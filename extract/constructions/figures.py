"""Figure constructions for levels: what is not a statistic, restatements, and the level itself.

A level is an amount (亿元, 亿美元), a count (家, 个, 辆) or a physical quantity (吨, 标箱).
Before one becomes a fact, these rules may say it is something else: a forecast or a
target, a threshold passed (突破3000亿元大关), a change (比年初增加1011亿美元), or the same
figure in another currency (（折合224.8亿美元）).
"""
from __future__ import annotations

import re

from ..facts import Kind
from ..frame import Carry, Frame
from ..lexicon import measures
from ..sentence import Head, clean_words, is_cjk
from .context import COUNT_VERB, kinds_of
from .registry import Reading, construction

_CURRENCIES = frozenset({"CNY", "USD", "EUR", "HKD", "JPY"})
_LEVEL_HINTS = frozenset({"amount", "count", "level"})
# 均超过, 都在, 稳定在…以上: a bound that several figures or a trend pass, not a figure.
_BOUND_BEFORE = re.compile(r"(?:均|都|全部|各)(?:超过|超|突破|达到|达|在)?$|(?:突破|首破|破|跨上|迈上|站上|站稳)$")
_BOUND_FIGURE = ("突破", "首破", "跨上", "迈上", "站上")
# After a count, these do not make it a noun's modifier (300家，同比 / 300家以上).
_FIRST_PERSON = ("我们", "我公司", "本公司", "我企业", "本企业", "我厂", "本厂")
_AFTER_COUNT_OK = frozenset("同增下占较比减降上提为，。、；,;）)及和与比等")
_CHANGE_BEFORE = re.compile(r"(?:增加|减少|增长|下降|净增|多|少)了?$")


def year_before(period: str | None) -> str | None:
    """The same period a year earlier: 2023-01/2023-07 -> 2022-01/2022-07."""
    if period is None:
        return None
    return re.sub(r"\d{4}", lambda m: str(int(m.group()) - 1), period)


def kind_of(unit: str, hint: str) -> Kind:
    if unit in _CURRENCIES:
        return "amount"
    return "count" if hint == "count" else "level"


def unit_class(unit: str) -> str:
    """Amounts in any currency share metrics (1381.9亿元…折224.8亿美元); other units only with themselves."""
    return "amount" if unit in _CURRENCIES else unit


@construction("figure", 10, reads="the clause and the earlier clauses of the sentence", fills="nothing")
def forecast(r: Reading, h: Head, run: list[int]) -> int:
    """A target or forecast (力争, 预计, 目标, 有望) is not a statistic: the figures of its clause,
    and of the clauses after a forecast that opens the sentence, are left out."""
    return len(run) if r.forecast[run[0]] else 0


_OPENING_QUOTES = frozenset("“‘「『《\"'")


@construction("inert", 10, reads="a count or a size class and the word after it", fills="nothing")
def modifier(r: Reading, at: int) -> bool:
    """A count that qualifies the noun after it (14个国家, 12家企业和9个项目, 四个金砖国家), or
    an amount that sets a size class (1亿元以上项目, 年进出口额1000万美元以上的企业), is part
    of that noun's words, not a statistic."""
    tokens = r.tokens
    chain = [at]
    after = at + 1
    while after + 1 < len(tokens) and tokens[after].text in ("或", "和", "及", "、") and tokens[after + 1].figure:
        chain.append(after + 1)  # 1亿元人民币或1000万美元以上项目: both set the class
        after += 2
    figures = [r.figure(i) for i in chain]
    sized = any(f.text.endswith(("以上", "以下")) for f in figures) or (
        figures[-1].qualifier in ("at_least", "at_most") and after < len(tokens)
        and tokens[after].text.startswith("的"))  # 进出口额超过1亿元的企业
    while after + 1 < len(tokens) and tokens[after].text in _OPENING_QUOTES:
        after += 1  # 25个“一带一路”沿线国家: the noun is in quotes
    if not (sized or figures[0].kind_hint == "count") or after >= len(tokens):
        return False
    token = tokens[after]
    if token.punct == "close" and sized:
        return True  # （10亿元人民币或1亿美元以上）: the class a list is of
    if token.kind in ("punct", "figure", "period") or token.cue in ("modifier", "up", "down", "share", "reach",
                                                                     "threshold"):
        return False
    first = token.text.lstrip("".join(_OPENING_QUOTES))[:1]
    return is_cjk(first) and first not in _AFTER_COUNT_OK


@construction("inert", 20, reads="the figure's unit", fills="nothing")
def points_and_times(r: Reading, at: int) -> bool:
    """Percentage points (高于全国2.1个百分点, 提升1.1个百分点至48.2%) and bare multiples (是去年的
    2.3倍) compare; they are never a figure's growth or level, and the words read on through
    them (所占比重…提升1.1个百分点至48.2%: a share)."""
    return r.figure(at).kind_hint in ("points", "times")


@construction("figure", 15, reads="the sentence up to the figure", fills="nothing")
def first_person(r: Reading, h: Head, run: list[int]) -> int:
    """A figure someone gives for their own firm (我们出口额达到3.2亿美元, 本公司进出口…) is no
    statistic of a region."""
    text = r.text[r.tokens[0].start:r.tokens[run[0]].start]  # the sentence up to the figure
    return len(run) if any(word in text for word in _FIRST_PERSON) else 0


@construction("figure", 30, reads="the words around a level", fills="carry.by_unit")
def threshold(r: Reading, h: Head, run: list[int]) -> int:
    """A threshold passed (出口首次突破3000亿元大关，达3120.5亿元; 均超过100亿元; 稳定在…以上)
    is not the figure: the precise one that follows is. It still names the metric of a
    later figure that names none."""
    figure = r.figure(run[0])
    if figure.unit == "percent":  # 进口增速均超3成: a bound several regions pass
        return len(run) if figure.qualifier != "exact" and re.search("[均都]", h.text()) else 0
    if figure.kind_hint not in _LEVEL_HINTS or not (h.has("threshold") or is_bound(r, run[0])):
        return 0
    frame = r.frame
    if frame.measure is not None or frame.words:
        r.carry.by_unit[unit_class(figure.unit)] = (frame.measure, frame.words, dict(frame.breakdown))
    frame.bound_period = frame.local_period
    return 1


def is_bound(r: Reading, at: int) -> bool:
    """Whether the level at ``at`` is a bound passed (突破3000亿元大关, 首破, 均超过…)."""
    figure, token = r.figure(at), r.tokens[at]
    before = r.text[max(0, token.start - 6):token.start]
    return figure.kind_hint in _LEVEL_HINTS and bool(
        figure.text.startswith(_BOUND_FIGURE) or _BOUND_BEFORE.search(before)
        or r.text.startswith(("大关", "关口"), token.end))


@construction("figure", 40, reads="the words before a level", fills="nothing")
def change(r: Reading, h: Head, run: list[int]) -> int:
    """A change (比年初增加1011亿美元, 同比增加6.48亿美元, 增加了300家) is a difference, not a
    level; 新增 (newly added) is a level."""
    figure = r.figure(run[0])
    raw = h.text().rstrip()
    return 1 if figure.kind_hint in _LEVEL_HINTS and _CHANGE_BEFORE.search(raw) and "新增" not in raw else 0


@construction("figure", 50, reads="a level in parentheses or after 折合", fills="a level (not a rate's target)")
def conversion(r: Reading, h: Head, run: list[int]) -> int:
    """The same figure restated in another currency (1381.9亿元（折合224.8亿美元）, 折224.8亿美元)
    is a level of the same metric. Rates after a restatement in parentheses still belong to
    the original; after one in a clause of its own (…，折合1118亿美元，下降9.8%) to it."""
    figure = r.figure(run[0])
    frame = r.frame
    if figure.kind_hint != "amount" or not frame.levels:
        return 0
    last = frame.levels[-1]
    if h.inside and ((frame.aside is not None and frame.aside != last.region)
                     or any(last.breakdown.get(d) != name for d, name in h.named.items())):
        return 0  # 江苏省(43803亿元)和上海市(34010亿元), 香港(…)、台湾(…): another's figure, no restatement
    if not (h.has("conversion") or (h.inside and not h.regions and not h.terms("measure", "partner", "product"))):
        return 0
    last = frame.levels[-1]
    restated = r.level(run[0], kind="amount", measure=last.measure, words=last.words, breakdown=last.breakdown,
                       region=last.region, period=last.period, subject=last.subject)
    if not h.inside:  # …，折合1118亿美元，下降9.8%: a rate after it is its own, in its currency
        frame.levels.append(restated)
    return 1


_FLOWS = ("trade_total", "export", "import")


def _one_flow(words: str, flow: str) -> str:
    """进出口货运量 narrowed by 其中，进口…万吨: 进口货运量 (the flow named, in the words of the
    whole); then 出口…万吨: 出口货运量."""
    if flow not in _FLOWS:
        return words
    for other in _FLOWS:  # 进出口 before 出口, which it contains
        stem = measures()[other].stem
        if stem in words:
            return words.replace(stem, measures()[flow].stem, 1)
    return words


def _size_class(frame: Frame, measure: str) -> dict[str, str]:
    """新增千万美元以上合同外资项目66个，合同外资金额37.46亿美元: the amount of the projects of that
    size just counted, a slice of the measure, never its total."""
    last = frame.levels[-1] if frame.levels else None
    if last is None or last.kind != "count" or last.measure is not None or "以上" not in last.words:
        return {}
    if not any(surface in last.words for surface in measures()[measure].surfaces):
        return {}
    words = COUNT_VERB.sub("", last.words)
    for surface in sorted(measures()[measure].surfaces, key=len, reverse=True):
        words = words.replace(surface, "", 1) if surface in words else words
    return {"other": clean_words(words)}


def _words_of_another_unit(carry: Carry, words: str, unit: str) -> bool:
    """Whether the words in force were last said of figures of another unit, and this unit has its own."""
    own = unit_class(unit)
    if own not in carry.by_unit:
        return False
    return any(w == words and m is None and cls != own for cls, (m, w, _) in carry.by_unit.items())


@construction("figure", 60, reads="the figure and the frame's slots", fills="a level; frame.levels, carry.by_unit")
def level(r: Reading, h: Head, run: list[int]) -> int:
    """An amount, a count or a physical level is a figure of what the frame measures, for its
    subject, in the period in force. A figure whose head names nothing measures what was
    named last (手机出口1296.5万台，货值330.8亿元: the phones' value); one whose unit the
    measure cannot have (万吨 after 出口额) measures what was last named in that unit. A rate
    stated before it (同比增长5%，达1.2万亿元) rides on it."""
    figure = r.figure(run[0])
    if figure.kind_hint not in _LEVEL_HINTS:
        return 0
    frame, carry = r.frame, r.carry
    kind = kind_of(figure.unit, figure.kind_hint)
    measure, words, breakdown = frame.measure, frame.words, frame.breakdown
    if measure is not None and not breakdown and kind not in kinds_of(measure):
        named = carry.by_unit.get(unit_class(figure.unit))
        if named is not None:
            words = _one_flow(named[1], measure)
            measure, breakdown = named[0], named[2]
        else:
            measure, words = None, clean_words(h.phrase()) if h.tokens else ""
    if measure is None and not words:
        named = carry.by_unit.get(unit_class(figure.unit))
        if named is None:
            return 1  # a figure with nothing to say what it measures
        measure, words, breakdown = named
    elif measure is None and not h.measure and _words_of_another_unit(carry, words, figure.unit):
        # …货运量307.82万吨，集装箱运量10.97万标箱。马鞍山口岸143.41万吨: tonnes of 货运量
        measure, words, breakdown = carry.by_unit[unit_class(figure.unit)]
    if kind == "amount" and measure is not None and not breakdown:
        breakdown = _size_class(frame, measure) or breakdown
    if frame.listed and not h.named and not h.has("each"):
        # 宁夏与包括东盟、欧盟、美国为主的贸易伙伴往来…，进出口达20.6亿元: the names together
        dimension = frame.listed[0][0]
        breakdown = {**breakdown, dimension: "、".join(name for d, name in frame.listed if d == dimension)}
        frame.listed = []
    period = frame.bound_period if frame.bound_period and not h.periods else None
    frame.bound_period = None
    if not h.has("up", "down") and any(t.period is not None and t.period.role == "comparison"
                                        and t.text.startswith(("去年", "上年")) for t in h.tokens):
        period = year_before(frame.when())  # 进出口805.2亿元，去年同期为701.3亿元: last year's level
    new = r.level(run[0], kind=kind, measure=measure, words=words, breakdown=breakdown, period=period)
    for rate, value in frame.pending:
        if rate == "growth":
            new.yoy = value
        else:
            new.share = value
    frame.pending = []
    frame.levels.append(new)
    frame.group = []
    carry.by_unit[unit_class(figure.unit)] = (measure, words, dict(breakdown))
    return 1
