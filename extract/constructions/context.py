"""Context constructions: they read a head and fill the frame's slots.

Tried on every head in order of priority: the period, the subject region, the names
(partner, product, mode, owner, channel), the measure, and last ``adopt``, which settles
what the figures of this head measure from what the head named and what the frame held.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ..lex import Token
from ..lexicon import goods_flows, measures
from ..sentence import Head, clean_words, is_cjk, listed, only_goods
from .registry import Reading, construction
from .subjects import is_partner

_DIMENSIONS = ("partner", "product", "mode", "owner", "channel")
#: Slices that only trade has: with no measure named, they are slices of total trade.
_TRADE_SLICES = frozenset({"mode", "owner", "channel"})
#: Who trades, not what is traded: words ending so name enterprises (重点文化企业), and on
#: their own nobody in particular (3家企业出口…).
_WHO = ("企业", "公司", "单位", "主体", "商户", "个体户", "集团")
#: Flows written as verbs: the words after one name what flows (出口手机, 进口铁矿砂).
_FLOW_VERBS = frozenset({"出口", "进口", "进出口"})
#: Words after a flow that make the figure count something else (有进出口实绩的企业1078家).
_OTHER_HEAD_NOUNS = ("企业", "单位", "主体", "项目", "家数", "户数", "国家", "地区", "口岸", "商品", "品种", "量", "率",
                     "成交", "订单", "次数", "票数")


@construction("context", 5, reads="a 其中 opening the sentence; the carry",
              fills="frame.period, frame.breakdown, frame.named_here")
def subset(r: Reading, h: Head) -> None:
    """其中 opening a sentence narrows the one before: its figures are parts of what that
    sentence stated, in its period and its slice (对金砖国家进出口…。其中，出口… are the
    exports to them; 11月当月进出口…。其中，出口… are November's)."""
    tokens = r.tokens
    if not h.opening or not h.tokens or h.tokens[0] is not tokens[0] or tokens[0].cue != "subset":
        return
    frame, carry = r.frame, r.carry
    if carry.previous is not None:
        frame.period = carry.previous
    frame.breakdown = dict(carry.topic)
    frame.named_here = True


@construction("context", 10, reads="period tokens of the head", fills="frame.period, frame.local_period, frame.stock")
def period(r: Reading, h: Head) -> None:
    """A period at the opening of a clause governs what follows, in later sentences too
    (今年前7个月，北京地区进出口…); one stated inside a clause holds for that clause only
    (仅次于今年1月份的…). A stock date (截至6月末) holds for its sentence. A single month that
    narrows the period in force (11月当月, 单月) holds for its sentence only: the cumulative
    period resumes after it. A list of periods (一、二、三季度) is left to 分别."""
    frame = r.frame
    tokens = h.periods + [t for t in h.whole if t.period is not None]  # 占…比例从2020年的14%: time, not the whole
    if not tokens:
        return
    in_list = {id(t) for t in listed(h.tokens, lambda t: t.period is not None)} if len(tokens) > 1 else set()
    if in_list:  # 今年一季度、二季度，…分别为…: the list waits for 分别
        frame.listed_periods = [t.period.period for t in h.tokens if id(t) in in_list and t.period is not None]
    for token in tokens:
        mention = token.period
        assert mention is not None
        if mention.role == "stock":
            frame.stock = mention.period
        elif mention.role == "period" and id(token) not in in_list:
            if mention.period is None and "当月" in token.text and r.carry.period:
                # 当月 in a paragraph of its own: the last month of the period in force
                mention = replace(mention, period=_last_month(r.carry.period))
            if any(t is token for t in h.tokens) and _opens(h, token):
                frame.period, frame.stock = mention.period, None
                r.carry.assumed = False
                frame.sentence_period = _narrows(r, token)
                if frame.sentence_period and not r.text[:token.start].strip() and not _said_single(r, token):
                    # 8月份，全省口岸…。具体为：… opening a paragraph: the month holds for the paragraph
                    frame.sentence_period = False
                    r.carry.resume = r.carry.resume or r.carry.period
            else:
                frame.local_period = mention.period


# What may stand before a period that opens its clause: connectives and reporting phrases.
_CONNECTIVE = re.compile(r"^(?:其中|此外|另外|同时|同期|尤其是|尤其|特别是|而|但|并|且|则|在|从|单看|单就|仅看|就|"
                         r"据\S{0,10}?(?:统计|显示|介绍|了解)|"
                         r"\S{0,8}(?:数据|统计)显示|截至|截止|到|今年|全年|累计|记者\S{0,10}获悉|[，,、：:\s])*$")


def _last_month(period: str) -> str:
    end = period.split("/")[-1]
    return end if len(end) == 7 else f"{end[:4]}-12"


def _opens(h: Head, token: Token) -> bool:
    """Whether only connectives, regions and reporting phrases stand before ``token`` in its clause."""
    if not h.opening:
        return False
    words = []
    for before in h.tokens[:h.index(token)]:
        if before.term is not None and before.term.kind != "cue":
            return False
        if before.kind == "word" or before.cue is not None:
            words.append(before.text)
    return bool(_CONNECTIVE.match("".join(words)))


def _said_single(r: Reading, token: Token) -> bool:
    """11月当月, 单月: a month said to be a single month, for its sentence only."""
    return "当月" in token.text or "单月" in token.text or r.text[token.end:token.end + 2] in ("当月", "单月")


def _narrows(r: Reading, token: Token) -> bool:
    """Whether a single month narrows the cumulative period in force (前11月…。11月当月…)."""
    period = token.period.period if token.period else None
    if period is None or len(period) != 7:
        return False
    if _said_single(r, token):
        return True
    carried = r.carry.period or ""
    return "/" in carried and carried.endswith(period) and carried[:4] == period[:4]


def _names(r: Reading, h: Head, dimension: str) -> list[Token]:
    if dimension == "partner" and h.regions:
        found = [t for t in h.tokens if (t.term is not None and t.term.kind == "partner") or is_partner(r, t)]
    else:
        found = h.terms(dimension)
    # 出口包括口罩在内的纺织制品: an example inside 包括…在内 is not the slice
    return [t for t in found if not r.text.startswith("在内", t.end)]


def _among(found: list[Token]) -> Callable[[Token], bool]:
    ids = {id(t) for t in found}
    return lambda t: id(t) in ids


def _qualified(h: Head, token: Token) -> str:
    """A product with the words that narrow it (高新技术 + 机电产品, 劳动密集型 + 产品) as one name."""
    assert token.term is not None
    at = h.index(token)
    before = h.tokens[at - 1] if at > 0 else None
    if before is None or before.kind != "word" or before.end != token.start:
        return token.term.name
    words = clean_words(before.text)
    if 2 <= len(words) <= 6 and is_cjk(words) and words == before.text and not _apposition(words):
        return words + token.term.name
    return token.term.name


def _name_of(r: Reading, token: Token) -> str:
    return token.term.name if token.term is not None else (is_partner(r, token) or token.text)


@construction("context", 30, reads="partner, product, mode, owner and channel terms of the head",
              fills="head.named, frame.listed")
def names(r: Reading, h: Head) -> None:
    """A partner (对东盟, 与欧盟, 自澳大利亚, 香港 in another region's article), a product
    (机电产品), a trade mode (一般贸易), an enterprise type (民营企业) or a channel (跨境电商)
    named in a head is the slice of its figures. Names listed (欧盟、东盟和美国) wait for
    分别, unless a bloc right after the list names them all (南非、巴西、印度、俄罗斯四个金砖
    国家: the bloc)."""
    for dimension in _DIMENSIONS:
        if dimension not in h.by_kind and not (dimension == "partner" and h.regions):
            continue
        found = _names(r, h, dimension)
        if not found:
            continue
        run = listed(h.tokens, _among(found)) if len(found) > 1 else []
        if not run and len(found) > 1 and h.has("each"):
            continue  # 机电产品、金属制品和机械及设备、高新技术产品则分别…: items of a list 分别 reads
        group = _group_after(h, run[-1]) if run else None
        if group is not None:  # 出口锂电池、电动汽车等"新三样"产品合计…: the group they are examples of
            h.named[dimension] = group or "、".join(_name_of(r, t) for t in run) + "等"
        elif not run or run[-1] is not found[-1]:  # one name, or a bloc naming the list (…四个金砖国家)
            h.named[dimension] = _qualified(h, found[-1]) if dimension == "product" else _name_of(r, found[-1])
        elif h.run == 1 and not h.has("each"):  # 手机和钢材出口占…59.8%: the two together
            h.named[dimension] = "、".join(_name_of(r, t) for t in run)
        else:
            r.frame.listed = [(dimension, _name_of(r, t)) for t in run]


def _group_after(h: Head, last: Token) -> str | None:
    """The words naming the group a list is examples of (…等"新三样"产品), "" for a bare 等; None without 等."""
    at = h.index(last) + 1
    if at >= len(h.tokens) or h.tokens[at].cue != "plural":
        return None
    words = []
    for token in h.tokens[at + 1:]:
        if token.kind != "word":
            break
        words.append(token.text)
    return clean_words("".join(words))


_INCLUDING = re.compile(r"包括\S{0,12}?在内的?")
#: Words after a measure's name that only say "its amount" (进出口总值, 实际使用外资金额).
_AMOUNT_OF = re.compile(r"^(?:总值|总额|金额|额|值|货值|总量|规模|数额)$")


@construction("context", 40, reads="measure terms and plain words of the head", fills="head.measure, head.named")
def measure(r: Reading, h: Head) -> None:
    """The measure named in a head (出口额, 外贸进出口总值, 实际使用外资) is what its figures
    measure. Plain words between it and the figure (有进出口实绩的企业) make it something else,
    named by the article's words. Unknown words right before a flow (钛白粉出口) or right
    after its verb (出口海洋工程装备) are a product; before another measure, another slice
    (服务业实际使用外资)."""
    terms = h.terms("measure")
    if not terms:
        if h.has("each"):
            h.measure = _measured_after_list(h)  # 铁合金和金属镁产量分别下降…: 产量
        if h.tail or h.has("each"):
            return  # …，连续33年占据全国第一位: nothing measured; 金属制品和机械及设备分别…: a list's items
        words = h.words()
        if words and is_cjk(words) and len(words) > 1 and not _apposition(words):
            current = r.frame.measure
            rate = h.figure is not None and h.figure.unit == "percent"
            if current is not None and not h.named and (h.has("subset") or (rate and r.frame.measure_here)):
                h.named["product" if current in goods_flows() else "other"] = words  # 其中高技术服务业增长37.6%
            elif current is not None and words in measures()[current].name:
                pass  # …非金融类直接投资，累计实现投资478.9亿美元: the measure in force, shortened
            elif current is not None and not h.named and _sibling_of_product(r, current):
                h.named["product"] = words  # 服装6.15亿元，…；纺织制品1.95亿元: one more product
            else:
                h.measure = (None, _shared_verb(r, words))
        return
    term = terms[-1]
    assert term.term is not None
    measure_id = term.term.name
    at = h.index(term)
    after = clean_words("".join(t.text for t in h.tokens[at + 1:] if t.kind == "word"))
    after = "" if _AMOUNT_OF.match(after) else after  # 对外贸易进出口总值: the measure's own amount
    later_terms = [t for t in h.tokens[at + 1:] if t.term is not None and t.term.kind != "cue"]
    inclusive = _INCLUDING.sub("", "".join(t.text for t in h.tokens[at + 1:]))
    if inclusive != "".join(t.text for t in h.tokens[at + 1:]):  # 出口包括口罩在内的纺织制品: 纺织制品
        after, later_terms = clean_words(inclusive), []
    # 电子设备制造业合同外资金额和实际外资分别为…: the words before the first of measures listed
    before = _words_before(h, h.index(terms[0]) if h.has("each") else at)
    if after and not later_terms and is_cjk(after) and not h.tail:
        if "的" in after or after.endswith(_OTHER_HEAD_NOUNS) or term.text not in _FLOW_VERBS:
            h.measure = (None, clean_words(before + term.text + after))
            return
        if not only_goods(after):  # 出口货98万吨: no product
            h.named.setdefault("product", after)  # 出口海洋工程装备32亿元: the verb's object
    if before and is_cjk(before) and not h.named.get("product") and not _apposition(before) \
            and not _part_of_measure(before, measure_id) and before not in _WHO:
        # 钛白粉出口: a product; 重点文化企业进出口, 金川公司进出口: who trades (an enterprise type);
        # 前十位国家(地区)实际投入外资: partners
        if _partners_words(h, at, before):
            h.named.setdefault("partner", before + "国家")
        else:
            dimension = "owner" if before.endswith(_WHO) else "product" if measure_id in goods_flows() else "other"
            h.named.setdefault(dimension, before)
    h.measure = (measure_id, "")


def _sibling_of_product(r: Reading, measure_id: str) -> bool:
    """Whether the sentence's last figure was a product's of the same measure: the next name in
    its place is a product too, known or not."""
    levels = r.frame.levels
    return bool(levels) and levels[-1].measure == measure_id and "product" in levels[-1].breakdown


def _measured_after_list(h: Head) -> tuple[str | None, str] | None:
    """The words between names listed and 分别 (铁合金和金属镁产量分别…): what they measure."""
    at = next((i for i, t in enumerate(h.tokens) if t.cue == "each"), len(h.tokens))
    if at < 2:
        return None
    last, before = h.tokens[at - 1], h.tokens[at - 2]
    if last.kind != "word" or before.term is None or before.term.kind not in _DIMENSIONS:
        return None
    words = clean_words(last.text)
    return (None, words) if len(words) >= 2 and is_cjk(words) else None


#: Verbs that open a count (新增外资企业31家): a shared one holds for the parallel counts after it.
COUNT_VERB = re.compile(r"^(?:新增|新设立?|新批|新引进|新认定|引进|累计认定|累计)")


def _shared_verb(r: Reading, words: str) -> str:
    """新增跨国公司地区总部31家，外资研发中心10家: a verb stated for the first of parallel
    counts holds for the next, which leaves it out."""
    levels = r.frame.levels
    if not levels or COUNT_VERB.match(words) or levels[-1].measure is not None:
        return words
    verb = COUNT_VERB.match(levels[-1].words)
    return verb.group() + words if verb else words


_RANKED = re.compile(r"^前[0-9一二两三四五六七八九十几]+(?:大|个|名|家)?$")


_COUNTING = re.compile(r"^(?:[一二两三四五六七八九十0-9几多]+[个家项类大种市县区省国批位]|各|该|本|此|这|上述|上年)")


def _apposition(words: str) -> bool:
    """五市, 两大, 三个, 各, 该: words that count or point back to a list rather than name a slice
    (多功能食品加工机 names one)."""
    return bool(_COUNTING.match(words)) or bool(_RANKED.match(words))


def _partners_words(h: Head, at: int, words: str) -> bool:
    """前十位国家(地区)实际投入外资…: words that end in 国家 or 地区 before the measure name partners."""
    raw = "".join(t.text for t in h.tokens[max(0, at - 3):at] if t.kind == "word")
    return bool(words) and raw.rstrip("()（）地区").endswith(("国家", "地区", "经济体"))


def _part_of_measure(words: str, measure_id: str) -> bool:
    """规模以上工业 before 利润总额: words that open one of the measure's own names."""
    return any(surface.startswith(words) for surface in measures()[measure_id].surfaces) or \
        measures()[measure_id].name.startswith(words)





def _words_before(h: Head, at: int) -> str:
    """The plain words right before the token at ``at``, back to the nearest other token."""
    words: list[str] = []
    tokens = h.tokens[:at]
    for i in range(len(tokens) - 1, -1, -1):
        token = tokens[i]
        if token.cue in ("combined", "reach", "note"):
            continue  # “新三样”产品合计出口: the words before 合计 are the product
        if (token.cue == "modifier" and i and tokens[i - 1].text.endswith(("元", "万", "亿"))) or (
                token.figure is not None and token.text.endswith(("以上", "以下"))):
            words.append(token.text)  # 千万美元以上合同外资项目: the size class is part of the words
            continue
        if token.kind != "word":
            break
        words.append(token.text)
    return clean_words("".join(reversed(words)))


_PREDICATE = re.compile(r"(?:仍然?|继续|已经?|则)?(?:成为|是|位居|位列|稳居|作为)|(?<![以作成])为(?!主)")


@construction("context", 50, reads="a clause without figures: the noun before 是/成为/位居",
              fills="head.named (a topic slice)")
def topic(r: Reading, h: Head) -> None:
    """A clause without figures that names its subject before 是, 成为 or 位居 (家具仍是主力
    出口产品：…; 以…为主的商务服务业已成为引进外资最多的领域，前8个月实到外资…) makes that
    noun the slice of the figures that follow in its sentence. A known name (香港是东莞最大的
    出口市场) is the names construction's; this one takes the words (the noun after the last 的)."""
    if not (h.tail and h.opening) or h.named or h.has("each"):
        return
    text = "".join(t.text for t in h.tokens if t.kind == "word")
    match = _PREDICATE.search(text)
    if match is None or match.start() == 0:
        return
    noun = clean_words(text[:match.start()].rsplit("的", 1)[-1])
    if len(noun) >= 2 and is_cjk(noun) and not _apposition(noun):
        h.named["product" if r.frame.measure in goods_flows() else "other"] = noun
        h.measure = None


@construction("context", 90, reads="head.named, head.measure, the frame",
              fills="frame.measure, frame.words, frame.breakdown")
def adopt(r: Reading, h: Head) -> None:
    """What the figures of this head measure. A head that names a measure keeps the slices
    named earlier in its sentence (对东盟出口…，进口…: the imports from 东盟 too) and drops
    any inherited from earlier sentences; one that names a measure and a new slice keeps
    only the partner (机电产品出口…，民营企业出口…) unless it only renames a slice in force
    (对俄出口农产品…；对俄进口…: still 农产品); one that names only a slice keeps the
    measure (集成电路、手机…); one that names nothing keeps everything (…，达3120.5亿元). A tail
    (words after a clause's figures) only names a topic when its clause had no figure
    (与中亚五国的贸易往来更加紧密，进出口210亿元)."""
    frame = r.frame
    if h.tail and not h.opening:
        return
    if h.measure is None and not h.named:
        return
    keep = frame.breakdown if frame.named_here else {}
    if h.measure is None and frame.measure is None and not frame.words and _TRADE_SLICES.intersection(h.named):
        # 一般贸易占比…, 民营企业增长…: a trade slice with no flow named is of total trade, unless
        # the whole of its share names the flow (一般贸易方式占出口总值的79.6%: exports)
        whole = [t.term.name for t in h.whole if t.term is not None and t.term.kind == "measure"]
        frame.measure = whole[-1] if whole and whole[-1] in goods_flows() else "trade_total"
    if h.measure is not None:
        frame.measure, frame.words = h.measure
        frame.measure_here = True
        if h.measure[0] is None and not h.named and not frame.topic_here:
            keep = {}
        elif any(d not in keep for d in h.named):
            # 对东盟出口…，机电产品出口…: a slice of another dimension with its measure keeps only the
            # partner, and not even that after a semicolon (…；机电产品出口…: a statement of its own);
            # a new value of a dimension in force (对俄出口农产品…；对俄进口…) keeps the rest.
            keep = {} if frame.after_semicolon else {d: v for d, v in keep.items() if d == "partner"}
    frame.breakdown = {**keep, **h.named}
    frame.named_here = True
    frame.topic_here = h.tail and bool(h.named)  # 香港地区继续保持首位…，实际投入资金…: still 香港


def kinds_of(measure_id: str) -> frozenset[str]:
    return measures()[measure_id].kinds
