"""Figure constructions for rates: growth and shares, riding on a level or standing alone.

A rate describes the level it follows when the words before it name nothing else
(进出口1.99万亿元，增长17.4%，占全国的13.3%); it waits for its level when it comes first
(同比增长5%，达1.2万亿元); it stands as a fact of its own when its words name another
metric (出口增长958.7%). Rates that are not year-on-year (环比, 两年平均, 年均, 拉动, 比2019年
同期) are left out.
"""
from __future__ import annotations

import re

from ..frame import Level
from ..lex import Token
from ..sentence import Head, clean_words, is_cjk
from .figures import is_bound
from .registry import Reading, construction

_LEVEL_HINTS = frozenset({"amount", "count", "level"})
# Words that name a whole as a whole (外资比例, 出口总量): taken off to leave what it measures.
_WHOLE_NOUNS = re.compile(r"(?:的)?(?:比例|比重|份额|总量|总额|总值|总数|总和|合计)$")


def _comparisons(h: Head) -> list[Token]:
    return [t for t in h.tokens if t.period is not None and t.period.role == "comparison"]


@construction("figure", 22, reads="the cues and comparisons before a rate", fills="nothing")
def not_year_on_year(r: Reading, h: Head, run: list[int]) -> int:
    """Month-on-month (环比), multi-year averages (年均, 两年平均), contributions (拉动, 贡献率)
    and comparisons with an older year (比2019年同期增长 in 2021) are not year-on-year rates."""
    if r.figure(run[0]).unit != "percent":
        return 0
    rates = len([i for i in run if r.figure(i).unit == "percent"])
    if h.has("average", "contribution") or any("环比" in t.text for t in _comparisons(h)):
        return rates
    period = r.frame.when()
    for token in _comparisons(h):
        base = token.period.period if token.period else None
        if period and base and int(base[:4]) < int(period[:4]) - 1:
            return rates
    return 0


def _names_nothing(h: Head) -> bool:
    return h.measure is None and not h.named


def _target(r: Reading, h: Head, free: str) -> Level | None:
    """The level a rate describes: the newest of its period still free, if the head names nothing else."""
    frame = r.frame
    same = [level for level in frame.levels if level.period == frame.when_for(level.measure)]
    if not same:
        return None
    last = same[-1]
    if getattr(last, free) is not None or last.region != frame.subject:
        return None  # 贵州省进出口…；其中贵阳市占全省比重…: another region's share is its own
    if _names_nothing(h):
        return last
    if last.same_metric(frame.measure, frame.breakdown, frame.words):
        return last
    return None


def _level_follows(r: Reading, at: int) -> bool:
    """Whether a level comes next in the sentence, reached by 达/为/至 (…增长5%，达1.2万亿元), past
    a threshold on the way (…增长15.2%，突破20亿美元，达21.3亿美元)."""
    tokens = r.tokens
    reach = False
    clauses = 0
    for i, token in enumerate(tokens[at + 1:], start=at + 1):
        if token.figure is not None:
            if is_bound(r, i):
                continue
            return reach and token.figure.kind_hint in _LEVEL_HINTS
        if token.cue == "reach":
            reach = True
        if token.punct in ("comma", "semicolon"):
            clauses += 1
            if clauses > 2:
                return False
        if token.punct == "stop":
            return False
    return False


def _stand_alone(r: Reading, h: Head, i: int, kind: str, share_of: str | None = None) -> int:
    frame = r.frame
    measure, words, breakdown = frame.measure, frame.words, frame.breakdown
    if kind == "share" and _names_nothing(h) and h.whole:
        # 占长三角地区外贸总值的4.9%: the whole's measure is the part's too (外贸 of 安徽 in 长三角's),
        # unless the sentence named that measure with a slice (一般贸易进出口增长1.5%，占外贸总值的…)
        whole = [t.term.name for t in h.whole if t.term is not None and t.term.kind == "measure"]
        named = _WHOLE_NOUNS.sub("", clean_words("".join(t.text for t in h.whole if t.kind == "word")))
        sliced: dict[str, str] = {t.term.kind: t.term.name for t in h.whole if t.term is not None
                  and t.term.kind in ("partner", "product", "mode", "owner", "channel")}
        if sliced:  # 广西占全国对东盟贸易的5.1%: the part is 广西's slice of what the whole is a slice of
            measure, words, breakdown = (whole[-1] if whole else measure), "" if whole else words, sliced
        elif whole and not (frame.measure_here and frame.measure == whole[-1]):
            measure, words, breakdown = whole[-1], "", {}
        elif not whole and named and is_cjk(named):
            measure, words, breakdown = None, named, {}
    if measure is None and not words:
        return 1  # a rate of nothing named
    subject = frame.subject.name if frame.subject is not None else None
    if (kind == "share" and not breakdown and share_of is not None and share_of == subject
            and any(t.region is not None for t in h.whole)):
        # …实际使用外资项目13个，实际使用外资金额占全市的88.7%: a region's total is all of itself,
        # so this is the share of what the sentence just counted
        if not frame.levels or frame.levels[-1].measure is not None:
            return 1
        breakdown = {"other": frame.levels[-1].words}
    level = r.level(i, kind="growth" if kind == "growth" else "share", measure=measure, words=words,
                    breakdown=breakdown, unit="percent")
    level.share_of = share_of
    return 1


@construction("figure", 80, reads="a share cue (占, 占比, 比重) and the whole after it",
              fills="a level's share, or a share fact")
def share(r: Reading, h: Head, run: list[int]) -> int:
    """A share (占全国进出口总值的13.3%, 占比11.4%, 所占比重为61%) rides on the level it
    follows; the words after 占 name the whole (share_of), never the share's own metric.
    A combined share after a list (合计占江苏进出口总值的53.9%) is the list's together."""
    figure = r.figure(run[0])
    if figure.unit != "percent" or not h.share:
        return 0
    frame = r.frame
    share_of = _share_of(r, h)
    named = _named_back(r, h)  # 对东盟…；对美国…；对欧盟…。上述3者合计占…46.7%: the three together
    group = named or frame.group
    if (named or h.has("combined") or any(t.cue == "combined" for t in h.whole)) and len(group) > 1:
        frame.group = group
        if len({level.region for level in frame.group}) > 1:
            return 1  # 长沙、岳阳、湘潭…合计占全省的57.9%: three regions' share, no one region's
        dims = {d for level in frame.group for d in level.breakdown}
        breakdown = {d: "、".join(level.breakdown.get(d, "") for level in frame.group) for d in dims}
        level = r.level(run[0], kind="share", measure=frame.group[0].measure, words=frame.group[0].words,
                        breakdown=breakdown, unit="percent")
        level.share_of = share_of
        return 1
    target = _target(r, h, "share")
    if target is not None:
        target.share, target.share_of = figure.value, share_of
        return 1
    if _level_follows(r, run[0]):
        frame.pending.append(("share", figure.value))
        return 1
    return _stand_alone(r, h, run[0], "share", share_of)


def _share_of(r: Reading, h: Head) -> str | None:
    """What a share is of: a region named after 占 (占全省… -> 江苏省); else a part of the
    subject the words after 占 name without a measure (占制造业比重40.6%: 制造业, not the city's
    whole); else the subject."""
    for token in h.whole:
        if token.region is not None:
            region = r.resolve(token.region)
            if region is not None:
                return region.name
    part = "".join(t.text for t in h.whole if t.kind == "word").rstrip("".join(_FUNCTION_WORDS))
    if (part and not any(word in part for word in _TOTAL_WORDS)
            and not any(t.term is not None and t.term.kind == "measure" for t in h.whole)):
        return part
    subject = r.frame.subject
    return subject.name if subject is not None else None


#: Words after 占 that name no whole (占…的, 占…之, 在…中占).
_FUNCTION_WORDS = frozenset({"的", "之", "中", "了"})
#: A whole that is the subject's own total (占新增总数的96%, 占全部的): the subject, not a part.
_TOTAL_WORDS = ("总", "全部")

_BACK = re.compile(r"(?:上述|以上|前述|这)([0-9一二两三四五六七八九十])(?:者|个|项|类|大)")
_SMALL = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)} | {"两": 2}


def _named_back(r: Reading, h: Head) -> list[Level]:
    """The levels 上述3者 (这两项, 以上5类) refers back to: the last ones of the paragraph."""
    found = _BACK.search("".join(t.text for t in h.tokens))
    if found is None:
        return []
    count = int(found.group(1)) if found.group(1).isdigit() else _SMALL.get(found.group(1), 0)
    levels = [*r.carry.recent, *r.frame.levels]
    return levels[-count:] if 1 < count <= len(levels) else []


@construction("figure", 82, reads="a rate reached (提高到, 上升到, 降至) after a rate of its clause",
              fills="a rate of the same kind and metric, in its own period")
def rate_reached(r: Reading, h: Head, run: list[int]) -> int:
    """A rate that a clause says another rose or fell to (占全国比例从2020年的14%提高到2024年的
    15.2%; 比重由30%上升至35%) is the same kind of rate, of the same metric, in its own period."""
    figure = r.figure(run[0])
    frame = r.frame
    last = frame.out[-1] if frame.out else None
    if figure.unit != "percent" or not h.has("reach") or last is None or last.kind not in ("share", "growth"):
        return 0
    if last.quote.span[1] < r.tokens[run[0]].start - 40 or h.measure is not None or h.named:
        return 0
    level = r.level(run[0], kind=last.kind, measure=last.measure, words=last.words, breakdown=last.breakdown,
                    region=last.region, unit="percent", subject=last.subject)
    level.share_of = last.share_of
    return 1


_COMPARED = ("高于", "低于", "快于", "慢于", "超过", "超出", "略高于", "略低于")


@construction("figure", 85, reads="高于/低于 with a region, then a rate", fills="a growth fact of that region")
def compared_region(r: Reading, h: Head, run: list[int]) -> int:
    """A rate given for a region the statement compares itself with (增长9.9%，高于广东国有企业
    出口增幅7.8%; 低于全国平均增速3%) is that region's growth of the metric named; it is never
    the subject's own, and never a headline figure of the statement."""
    figure = r.figure(run[0])
    if figure.unit != "percent":
        return 0
    for token in h.regions:
        if token.region is None or not r.text[max(0, token.start - 3):token.start].endswith(_COMPARED):
            continue
        region = r.resolve(token.region)
        frame = r.frame
        if region is None or (frame.measure is None and not frame.words):
            return 0
        r.level(run[0], kind="growth", measure=frame.measure, words=frame.words, breakdown=frame.breakdown,
                region=region, unit="percent", subject=False)
        return 1
    return 0


@construction("figure", 90, reads="a rate with a direction (增长, 下降, 同比, a sign)",
              fills="a level's growth, a pending growth, or a growth fact")
def growth(r: Reading, h: Head, run: list[int]) -> int:
    """A year-on-year rate (增长27.3%, 下降14.4%, 增长1.2倍) rides on the newest level of its
    period when the words before it name nothing else; it waits for a level that follows
    (同比增长5%，达1.2万亿元; 增长8.3%至6500亿元); otherwise it stands alone, a growth of what
    the frame measures (出口增长958.7%)."""
    figure = r.figure(run[0])
    if figure.unit != "percent":
        return 0
    if figure.sign is None and not h.has("up", "down") and not _comparisons(h) and not _rate_named(r, h, run[0]):
        return 0
    target = _target(r, h, "yoy")
    if target is not None:
        target.yoy = figure.value
        return 1
    if _level_follows(r, run[0]):
        r.frame.pending.append(("growth", figure.value))
        return 1
    return _stand_alone(r, h, run[0], "growth")


_RATE_NOUNS = frozenset({"增速", "增幅", "涨幅", "增长率"})


def _rate_named(r: Reading, h: Head, at: int) -> bool:
    """增速比一季度提高6.2个百分点，达到15.3%: a rate reached by 达到 after a clause naming a growth rate."""
    if not h.has("reach"):
        return False
    start = max(0, at - 12)
    return any(t.text in _RATE_NOUNS for t in r.tokens[start:at])


@construction("figure", 99, reads="any figure left", fills="nothing")
def not_a_statistic(r: Reading, h: Head, run: list[int]) -> int:
    """A figure no construction recognised (a bare percentage with no cue) is not a fact."""
    return 1
