"""The extractor: a Document in, its Facts out (pure: no store, no terminal, no network).

It reads a paragraph the way an analyst does, left to right, clause by clause:

* a period stated at the start of a sentence or paragraph governs what follows
  until another replaces it (and carries into later paragraphs); a stock date
  (截至目前) holds for its sentence only;
* a region named as a subject holds for the rest of its sentence; otherwise the
  document's subject region (全省/全市/我省 resolve against it);
* a level (an amount, a count, a tonnage) takes as its metric the words before
  it in its clause, minus the period, the region and filler verbs;
* a growth rate or a share rides on the level it follows, unless the words
  before it name something else: then it stands as a fact of its own;
* ``分别`` distributes a list of subjects over a list of figures.

Figures the text does not state as statistics are left out: percentage points,
month-on-month (环比) and multi-year (两年平均, 比2019年) rates, targets and
forecasts (力争, 预计), thresholds (均超过…), and counts that only modify a noun
(14个国家). A figure stated in the title and again in the body is one fact.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TypeVar

from .document import Document
from .facts import Fact, Kind, Qualifier, Quote
from .metrics import metric_id
from .periods import ROLE_COMPARISON, ROLE_PERIOD, ROLE_STOCK, PeriodMention, find_periods
from .quantities import Figure, find_quantities
from .regions import Region, RegionMention, find_regions, resolve, subject_region

_SENTENCE = re.compile(r"[^。！？!?]*(?:[。！？!?]+|$)")
_CLAUSE_BREAK = re.compile(r"[，,；;：:]")

# Words that carry no meaning for the metric label, at its start or its end.
_LEAD = re.compile(
    r"^(?:[、，,；;：:]|所|其中|此外|另外|同时|同期|而且|而|但是|但|并且|并|且|以及|及|和|与|则|也|还|又|仍|分别|"
    r"据统计|数据显示|统计显示|具体来看|具体看|总体看|整体看|从\S{1,6}看|"
    r"累计|共计|合计|总计|实现|完成|完成了|实现了|达到|全年|当月|单月|"
    r"今年|去年|上年|本年|年内|期间|同比|截至|截止|目前|现有|已|有|在|的|以)+"
)
_TAIL = re.compile(
    r"(?:达到了|达到|增至|增加到|增长到|上升到|提高到|下降到|减少到|降至|升至|达|为|是|约|近|超过|超|逾|突破|约为|"
    r"累计|共计|合计|总计|实现|完成|的|了|分别|共|计|合|折合|折|规模为|规模达|"
    r"微|略|小幅|大幅|明显|稳步|快速|持续|继续|均|也|仍|又|还|再|以|由|从|在)+$"
)
# Parentheticals, quotes, brackets, and spam tokens injected into mirrored articles (ng28).
_NOISE = re.compile(r"[（(][^（）()]{0,30}[)）]|[“”\"'‘’《》「」『』【】（）()\s]|[a-z]+\d+[a-z\d]*|\d+[a-z]+")
_COMPARISON_WORDS = re.compile(
    r"同比|环比|比去年同期|比上年同期|较去年同期|较上年同期|与去年同期相比|与上年同期相比|比去年|较去年|比上年|较上年|"
    r"比上年同期|去年同期|上年同期|下同"
)
# The thing measured; a label without one borrows it from the label before (手机 after 出口…: 手机出口).
_MEASURE = re.compile(
    r"进出口|出口|进口|外贸|外资|投资|生产总值|GDP|增加值|零售总额|零售额|利润|顺差|逆差|贸易|营业收入|收入|产值|交易额|企业|项目"
)
# Words that name no metric of their own: 价值43.5亿元 after 出口汽车4.9万辆 is the cars' value.
_GENERIC = frozenset({"价值", "金额", "货值", "总额", "总值", "规模", "合计", "共计", "总计", "其中", ""})
_VALUE_OF = frozenset({"价值", "货值", "金额"})
_GROWTH_CUE = re.compile(
    r"增长|增加(?!值)|下降|减少|回落|增速|增幅|降幅|上升|上涨|提高|同比|增(?!加值)|降|收窄|扩大|翻|压缩"
)
_SHARE_CUE = re.compile(r"占|比重|份额|占比")
# 增速方面，黑龙江以36.4%位列第一: the sentence is about growth rates.
_GROWTH_TOPIC = re.compile(r"增速|增幅")
_RATE_NAMED_AFTER = re.compile(r"的([^，,。；;、的]{1,10}?)(?:增速|增幅|增长率)")
# 全国第四, 全国前十位, 全国排名: a rank among regions, not the region of a figure.
_RANK_AFTER = re.compile(r"第|前[\d一二三四五六七八九十]|排名|排位|首位|首次|前列|之首|领先")
_SKIP_RATE = re.compile(r"环比|两年平均|年均|平均增长|平均增速|复合增长|贡献率|贡献度|拉动")
_SHARE_IN = re.compile(r"在([^，,；;。在]{1,20}?)中的?所?(?:占比|占|比重|份额)")
_COMBINED = re.compile(r"合计|共计|总计|合共|共占|合占")
# A level in parentheses or after 折/折合 restates the one before in another currency.
_CONVERSION = re.compile(r"(?:折|折合|约合|合)(?:人民币|美元)?(?:约)?$")
_SHARE_WORDS = re.compile(r"所?占(?:比重|比|份额)?|比重|份额|为")
# 东、中、西部地区: an abbreviated list whose items share a suffix.
_ABBREVIATED = re.compile(r"((?:[东中西南北][、和及与])+)([东中西南北])(部地区|部)")
# 其中出口…: a part of what was just named.
_SUBSET = re.compile(r"其中")
# 机电产品、钢材和劳动密集型产品拉动出口…: three or more items, then a verb.
_NOUN_LIST = re.compile(r"^([^、，,。；;]{1,12}(?:、[^、，,。；;]{1,12})+和[^、，,。；;]{1,12}?)"
                        r"(?=拉动|位居|位列|居|是|为|成为|均|实现|保持|继续|表现|增长|下降)")
# 欧盟仍位居天津口岸贸易伙伴首位: a short subject before a ranking verb.
_TOPIC = re.compile(r"^([\u4e00-\u9fffA-Z]{2,8}?)(?:仍|继续|稳)?(?:位居|位列|保持|稳居|成为)")
# 劳动密集型产品出口强势复苏，一季度出口31.7亿元: the clause names whose exports follow.
_TOPIC_MEASURE = re.compile(r"^([\u4e00-\u9fff]{2,10}?)(?:进出口|出口|进口)(?!额|总|值)")
# 比年初增加1011亿美元, 增加了300家: a change, not a level.
_CHANGE = re.compile(r"(?:增加|减少|增长|下降|净增|多|少)了?$")
_FORECAST = re.compile(r"力争|预计|预期|目标|计划|有望|将达|将实现|争取|规划")
_THRESHOLD = re.compile(r"(?:(?:均|都|全部|各)(?:超过|超|突破|达到|达|在)?|突破|稳定在|保持在|维持在|稳居|站稳)$")
_THRESHOLD_FIGURE = re.compile(r"^(?:突破|首破|跨上|迈上|站上)")
_PARTNER_BEFORE = ("对", "向", "与", "同", "从", "自", "较", "比", "于", "出", "过", "先", "后", "占", "和", "及", "、",
                   "领跑", "超越", "赶超")
_LIST_SPLIT = re.compile(r"、|和|及|与|以及")
_LAST_CONJUNCTION = re.compile(r"^(.*)(以及|和|及|与)(.*?)$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_MODIFIER_OK = re.compile(r"[同增下占较比减降上提为，。、；,;）)]|以上|左右")

_AMOUNT_UNITS = frozenset({"CNY", "USD", "EUR", "HKD", "JPY"})
_LEVEL_HINTS = frozenset({"amount", "count", "level"})


_Spanned = TypeVar("_Spanned", Figure, PeriodMention, RegionMention)


@dataclass
class _Draft:
    """A fact under construction: its rates may still arrive in later clauses."""

    region: Region | None
    period: str | None
    metric: str
    kind: Kind
    value: Decimal
    unit: str
    qualifier: Qualifier
    figure: str
    quote: Quote
    yoy: Decimal | None = None
    share: Decimal | None = None
    share_of: str | None = None

    def fact(self) -> Fact:
        return Fact(
            region=self.region.name if self.region else None,
            region_code=self.region.code if self.region else None,
            period=self.period,
            metric=self.metric,
            metric_id=metric_id(self.metric),
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


@dataclass
class _State:
    """What carries from one sentence and paragraph to the next."""

    subject: Region | None
    year: int | None
    date: dt.date | None
    period: str | None = None
    label: str = ""
    topic: str = ""
    """The last metric named, across paragraphs: the scope a later 其中 narrows."""
    labels_by_unit: dict[str, str] = field(default_factory=dict)
    """The last metric named for each unit (吨, 标箱, amounts): what a bare figure in that unit measures."""
    context: list[Region] = field(default_factory=list)


def extract(document: Document) -> list[Fact]:
    """Every statistical figure of a document, each once, with its provenance."""
    year = document.date.year if document.date else None
    subject = subject_region(document.title, list(document.paragraphs), year=year)
    state = _State(subject=subject, year=year, date=document.date,
                   context=[subject] if subject is not None and subject.anchor else [])
    drafts: list[_Draft] = []
    for index, paragraph in enumerate(document.paragraphs):
        drafts.extend(_paragraph(paragraph, index, state))
    facts = _merge(drafts)
    # The title restates the body: its figures only add a quote to the same figure.
    title_state = _State(subject=subject, year=year, date=document.date, context=state.context)
    for draft in _paragraph(document.title, -1, title_state):
        for i, fact in enumerate(facts):
            if fact.kind == draft.kind and fact.unit == draft.unit and fact.value == draft.value:
                facts[i] = fact.with_quote(draft.quote)
                break
    return facts


def _merge(drafts: list[_Draft]) -> list[Fact]:
    merged: dict[tuple[object, ...], Fact] = {}
    for draft in drafts:
        fact = draft.fact()
        known = merged.get(fact.key())
        if known is None:
            merged[fact.key()] = fact
        else:
            better = known
            if known.yoy_percent is None and fact.yoy_percent is not None:
                better = replace(better, yoy_percent=fact.yoy_percent)
            if known.share_percent is None and fact.share_percent is not None:
                better = replace(better, share_percent=fact.share_percent, share_of=fact.share_of)
            merged[fact.key()] = better.with_quote(fact.quotes[0])
    return list(merged.values())


@dataclass(frozen=True)
class _Clause:
    start: int
    end: int


def _paragraph(text: str, index: int, state: _State) -> list[_Draft]:
    if not text:
        return []
    figures = find_quantities(text)
    if not figures:
        # Still let a period stated here govern the next paragraphs.
        for mention in find_periods(text, state.date):
            if mention.role == ROLE_PERIOD:
                state.period = mention.period
        return []
    periods = find_periods(text, state.date)
    regions = find_regions(text)
    drafts: list[_Draft] = []
    state.label = ""
    sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.start() != m.end()]
    spans = [_Clause(start, end) for start, end in sentences]
    for (start, end), s_figures, s_periods, s_regions in zip(
            sentences, _buckets(figures, spans), _buckets(periods, spans), _buckets(regions, spans), strict=True):
        drafts.extend(_sentence(text, start, end, index, s_figures, s_periods, s_regions, state))
    return drafts


def _sentence(text: str, s_start: int, s_end: int, index: int, figures: list[Figure],
              periods: list[PeriodMention], regions: list[RegionMention], state: _State) -> list[_Draft]:
    if not figures:
        # Nothing to read in this sentence: only the periods it states carry on.
        for mention in periods:
            if mention.role == ROLE_PERIOD:
                state.period = mention.period
        return []
    sentence = _Sentence(text, s_start, s_end, index, state)
    clauses = _clauses(text, s_start, s_end)
    for clause, c_periods, c_regions, c_figures in zip(
            clauses, _buckets(periods, clauses), _buckets(regions, clauses), _buckets(figures, clauses), strict=True):
        sentence.clause(clause, c_periods, c_regions, c_figures)
    state.label = sentence.last_label
    state.topic = sentence.last_label or state.topic
    return sentence.drafts


def _buckets(items: list[_Spanned], clauses: list[_Clause]) -> list[list[_Spanned]]:
    """The items (sorted by start) of each clause, in one pass."""
    out: list[list[_Spanned]] = [[] for _ in clauses]
    i = 0
    for item in items:
        while i < len(clauses) and item.start >= clauses[i].end:
            i += 1
        if i == len(clauses):
            break
        if item.start >= clauses[i].start:
            out[i].append(item)
    return out


class _Sentence:
    """One sentence read clause by clause: the levels it stated, its 分别 group, its last label."""

    def __init__(self, text: str, start: int, end: int, index: int, state: _State) -> None:
        self.text = text
        self.start = start
        self.quote = text[start:end].strip()
        self.index = index
        self.state = state
        self.region = state.subject
        self.stock: str | None = None
        self.drafts: list[_Draft] = []
        self.levels: list[_Draft] = []
        self.group: list[_Draft] = []
        self.group_label = ""
        self.last_label = state.label  # the paragraph's topic carries into its next sentence
        self.regions_listed: list[Region] = []
        self.regions: list[RegionMention] = []
        self.labels_by_unit = state.labels_by_unit
        self.scope = ""  # set by 其中: the part of the last metric that later bare measures belong to
        self.topic = ""  # a subject named in a clause without figures (欧盟仍位居…首位)
        self.noun_list: list[str] = []  # items listed in a clause without figures, for a later 分别
        self.names_listed: list[str] = []  # the names of the last 分别 list, for a second 分别 on them
        self.noun_measure = ""

    def clause(self, clause: _Clause, periods: list[PeriodMention], regions: list[RegionMention],
               figures: list[Figure]) -> None:
        text = self.text
        self.regions = regions
        if not figures:
            # Nothing to read here but the context it sets for the clauses after it.
            self._periods(periods, clause, local=False)
            self._topic(text[clause.start:clause.end], regions, periods)
            if regions:
                listed = _region_list(text, regions)
                if len(listed) >= 2:
                    self.regions_listed = [r for r in (self._resolve(m) for m in listed) if r is not None]
                subject = self._subject(regions)
                if subject is not None:
                    self.region = subject
            return
        if _FORECAST.search(text, clause.start, clause.end):
            # A target or forecast: its figures are not statistics, but its period still counts.
            self._periods(periods, clause, local=False)
            return
        listed = _region_list(text, regions)
        if len(listed) >= 2:
            self.regions_listed = [r for r in (self._resolve(m) for m in listed) if r is not None]
        cursor = clause.start
        local_period: str | None = None
        skipped: list[Figure] = []
        for i, figure in enumerate(figures):
            before = [p for p in periods if cursor <= p.start < figure.start]
            local_period = self._periods(before, clause, local=True) or local_period
            subject = self._subject([r for r in regions if cursor <= r.start < figure.start])
            if subject is not None:
                self.region = subject
            why = _not_a_level(text, cursor, figure) if figure.kind_hint in _LEVEL_HINTS else None
            if why is not None:
                if why != "modifier":
                    # 进出口总额突破7万亿元大关(71600亿元): not a figure, but it names the metric of the next.
                    named = _label(_without(text, cursor, figure.start, skipped), [], [], "")
                    if _MEASURE.search(named):
                        self.labels_by_unit[_unit_class(figure.unit)] = _TAIL.sub("", named)
                skipped.append(figure)
                continue
            if figure.kind_hint not in ("amount", "count", "level", "percent"):
                skipped.append(figure)  # percentage points and bare multiples are never facts
                continue
            pre = _without(text, cursor, figure.start, skipped)
            pre_regions = [r for r in regions if cursor <= r.start < figure.start]
            pre_periods = [p for p in periods if cursor <= p.start < figure.start]
            period = self.stock or local_period or self.state.period
            run = figures[i:]
            if self._distribute(run, pre, pre_regions, pre_periods, period):
                cursor = figures[-1].end
                break
            cursor = figure.end
            skipped = []
            outer = self.region
            opening = _open_parenthesis(text, figure.start)
            if opening is not None and _CJK.search(text, opening + 1, figure.start):
                # (全国增速5%): a figure in parentheses reads only the words inside them, and a
                # region named there is its region alone.
                pre = text[opening + 1:figure.start]
                pre_regions = [r for r in pre_regions if r.start > opening]
                pre_periods = [p for p in pre_periods if p.start > opening]
                for mention in pre_regions:
                    self.region = self._resolve(mention) or self.region
            if figure.kind_hint == "percent":
                self._rate(figure, pre, pre_regions, pre_periods, period)
            else:
                self._level(figure, pre, pre_regions, pre_periods, period)
            self.region = outer
        self._periods([p for p in periods if p.start >= cursor], clause, local=False)
        trailing = self._subject([r for r in regions if r.start >= cursor])
        if trailing is not None:
            self.region = trailing

    # -- context -----------------------------------------------------------

    def _periods(self, mentions: list[PeriodMention], clause: _Clause, *, local: bool) -> str | None:
        """Apply period mentions. One that opens its clause governs what follows (also in later
        sentences); one inside a clause (仅次于今年1月份的…) holds for that clause only. A stock date
        (截至目前) holds for the sentence. Returns the clause-local period, if any."""
        found = None
        for mention in mentions:
            if mention.role == ROLE_STOCK and mention.period:
                self.stock = mention.period
            elif mention.role == ROLE_PERIOD:
                opening = _opens(self.text, clause.start, mention.start, self.regions)
                if opening or not local:
                    self.state.period = mention.period
                    self.stock = None
                else:
                    found = mention.period
        return found

    def _resolve(self, mention: RegionMention) -> Region | None:
        state = self.state
        region = resolve(mention, state.context, subject=state.subject, year=state.year)
        if region is not None and region.anchor and region not in state.context:
            state.context.append(region)
        return region

    def _subject(self, mentions: list[RegionMention]) -> Region | None:
        """The last region named as a subject (not a partner, a comparison or a publisher)."""
        found = None
        for mention in mentions:
            if mention.kind == "publisher" or self.text.startswith(("海关", "分署", "商务", "统计局"), mention.end):
                continue
            if self.text[max(0, mention.start - 2):mention.start].endswith(_PARTNER_BEFORE):
                continue
            if _RANK_AFTER.match(self.text, mention.end):
                continue
            if "占" in self.text[max(0, mention.start - 6):mention.start] or _SHARE_IN.match(
                    self.text, max(0, mention.start - 1)):
                continue  # 占同期全省进出口总值的: the whole a share is of
            if _inside_parentheses(self.text, mention.start):
                continue  # (香港、台湾…) lists sources or partners, not the subject
            region = self._resolve(mention)
            if region is not None:
                found = region
        return found

    # -- figures -----------------------------------------------------------

    def _draft(self, figure: Figure, label: str, kind: Kind, period: str | None, *,
               region: Region | None = None, unit: str | None = None) -> _Draft:
        quote = Quote(self.quote, self.index, (figure.start, figure.end))
        return _Draft(region or self.region, period, label, kind, figure.value, unit or figure.unit,
                      figure.qualifier, figure.text, quote)

    def _level(self, figure: Figure, pre: str, regions: list[RegionMention], periods: list[PeriodMention],
               period: str | None) -> None:
        label = _label(pre, regions, periods, self.last_label)
        bracketed = _inside_parentheses(self.text, figure.start)
        if label in _VALUE_OF and self.last_label:
            label = self.last_label  # 出口汽车4.9万辆、增加27.9%，价值43.5亿元: the cars' value
        elif bracketed or label in _GENERIC or (len(label) <= 2 and not _MEASURE.search(label)):
            # No words of its own: the metric of the last figure measured in the same unit
            # (马鞍山口岸143.41万吨 after 货运量…万吨, not after 集装箱…标箱).
            label = self.labels_by_unit.get(_unit_class(figure.unit), "") or self.state.label
        else:
            label = self._qualified(label, pre)
        if not label:
            return
        self.labels_by_unit[_unit_class(figure.unit)] = label
        draft = self._draft(figure, label, _kind(figure), period)
        self.drafts.append(draft)
        if bracketed or _CONVERSION.search(_NOISE.sub("", pre)):
            return  # a restatement in another currency: rates that follow belong to the original
        self.levels.append(draft)
        self.group = []
        self.last_label = label

    def _qualified(self, label: str, pre: str) -> str:
        """A bare measure (出口, 出口额) read in the scope the sentence set for it.

        其中出口… after 与一带一路沿线国家贸易额… is that scope's exports, and so is a 进口 later in
        the same sentence; 出口额 repeated after 农产品出口额 is the same 农产品出口额; after
        欧盟仍位居…首位, 进出口 is 欧盟's.
        """
        if not _MEASURE.fullmatch(label):
            return label
        if _SUBSET.match(pre.lstrip("，,、 ")):
            self.scope = _scope(self.last_label or self.state.topic)
        if self.scope:
            return self.scope + label
        if self.topic:
            return self.topic + label
        last = self.last_label
        measure = _MEASURE.search(last)
        if measure is not None and measure.start() > 0 and last[measure.start():] == label:
            return last
        return label

    def _topic(self, clause: str, regions: list[RegionMention], periods: list[PeriodMention]) -> None:
        """A clause without figures may name what the next clauses are about: a list of items
        (机电产品、钢材和劳动密集型产品拉动出口…) for a later 分别, or a subject (欧盟仍位居…首位)."""
        clause = _without_mentions(clause, regions, periods)
        words = _LEAD.sub("", _NOISE.sub("", clause))
        items = _NOUN_LIST.match(words)
        if items is not None:
            head = items.group(1)
            parts = head.split("、")
            last, _, tail = parts[-1].rpartition("和")
            self.noun_list = [*parts[:-1], last, tail] if last else parts
            measure = _MEASURE.search(words, items.end())
            self.noun_measure = measure.group() if measure else ""
            return
        subject = _TOPIC.match(words) or _TOPIC_MEASURE.match(words)
        if subject is not None:
            self.topic = subject.group(1)

    def _rate(self, figure: Figure, pre: str, regions: list[RegionMention], periods: list[PeriodMention],
              period: str | None) -> None:
        """A percent figure: a growth or share riding on its level, one standing alone, or nothing."""
        if _SKIP_RATE.search(pre) or _old_comparison(periods, period):
            return
        share = _last(_SHARE_CUE, pre)
        if share is not None:
            # 占全国进出口总值的13.3%, 在全国总量中的比重为61%, 所占比重: own words, then the whole.
            inside = _last(_SHARE_IN, pre)
            if inside is not None:  # 在北京全市总量中占51.6%, 在全国总量中的比重为61%
                own, whole = _label(pre[:inside.start()], regions, periods, ""), inside.group(1)
            else:  # 占全国进出口总值的13.3%, 所占比重…至48.2%: the first cue ends the subject's words
                first = _SHARE_CUE.search(pre)
                assert first is not None
                own, whole = _label(pre[:first.start()], regions, periods, ""), pre[first.end():]
            share_of, whole_label = _share_of(whole, self)
            combined = _COMBINED.search(pre) is not None and len(self.group) > 1
            target = None if combined else _target(self.levels, own, lambda d: d.share is None, period)
            if target is not None:
                target.share, target.share_of = figure.value, share_of
                return
            if len(own) <= 2 and not _MEASURE.search(own):
                own = ""  # 高 or 占 left over: no words of its own
            label = (self.group_label if combined else self._qualified(own, pre)) or self.last_label or whole_label
            if label:
                draft = self._draft(figure, label, "share", period, unit="percent")
                draft.share_of = share_of
                self.drafts.append(draft)
            return
        named_after = _RATE_NAMED_AFTER.match(self.text, figure.end)
        if named_after is not None:
            # 2.5%的出口增速: the metric follows the figure.
            label = _with_measure(_clean(named_after.group(1)), self.last_label)
            if label:
                self.drafts.append(self._draft(figure, label, "growth", period, unit="percent"))
            return
        cue = _last(_GROWTH_CUE, pre)
        if figure.sign is None and cue is None and not _GROWTH_TOPIC.search(self.text, self.start, figure.start):
            return
        own = _label(pre[:cue.start()] if cue else pre, regions, periods, "")
        target = _target(self.levels, own, lambda d: d.yoy is None, period)
        if target is not None:
            target.yoy = figure.value
            return
        label = own if own not in _GENERIC and (len(own) > 2 or _MEASURE.search(own)) else ""
        label = self._qualified(_with_measure(label, self.last_label), pre) if label else self.last_label
        if label:
            self.drafts.append(self._draft(figure, label, "growth", period, unit="percent"))
            self.last_label = label

    def _distribute(self, run: list[Figure], pre: str, regions: list[RegionMention],
                    periods: list[PeriodMention], period: str | None) -> bool:
        """分别, or a bare list of rates after a 分别 group: one figure per subject, in order."""
        rates = [f for f in run if f.kind_hint == "percent"]
        levels = [f for f in run if f.kind_hint in ("amount", "count", "level")]
        if "分别" not in pre and "、" in pre and len(levels) == len(run) > 1 and _listed(self.text, run):
            # 出口手机、汽车零件513亿元、257.2亿元: a list of names, then as many figures.
            return self._distribute_levels(run, pre, "", regions, periods, period)
        if "分别" not in pre:
            # 机电产品、农产品分别进口…，增长6.7%、7.7%: rates listed for the group without 分别.
            if not (len(self.group) > 1 and len(rates) == len(run) == len(self.group)):
                return False
            cue = _last(_GROWTH_CUE, pre)
            if _label(pre[:cue.start()] if cue else pre, regions, periods, "") or _SHARE_CUE.search(pre):
                return False
            for draft, rate in zip(self.group, rates, strict=True):
                draft.yoy = rate.value
            return True
        head, _, verb = pre.partition("分别")
        if rates and len(rates) == len(run) and not levels:
            return self._distribute_rates(run, head, verb, regions, periods, period)
        if levels and len(levels) == len(run):
            return self._distribute_levels(run, head, verb, regions, periods, period)
        return False

    def _items(self, head: str, regions: list[RegionMention], periods: list[PeriodMention], count: int
               ) -> tuple[list[str], list[Region], str]:
        """The subjects of a 分别 list: names (对欧盟、东盟) or regions (青岛、烟台); and the words after them.

        Names split on 、 and then on the last 和/及/与 if that makes ``count`` items (煤及褐煤 stays
        one); a measure the last name ends with is every name's (原油、天然气和煤进口均价: each one's
        进口均价). A lone measure after an earlier list (进口量分别减少…) is that list's.
        """
        head = _ABBREVIATED.sub(_expand, head)
        listed = _region_list(head, [r for r in find_regions(head)])
        if len(listed) >= 2:
            resolved = [self._resolve(m) for m in listed]
            rest = head[listed[-1].end:]
            return [], [r for r in resolved if r is not None], _label(rest, [], [], "")
        words = _without_mentions(head, regions, periods)
        words = _LEAD.sub("", _COMPARISON_WORDS.sub("", _NOISE.sub("", words)))
        prefix = words[0] if words[:1] in ("对", "与", "同", "向") else ""
        items = _split_items(words[len(prefix):], count)
        if len(items) == 1 and len(self.names_listed) == count and _MEASURE.match(items[0]):
            return [name + items[0] for name in self.names_listed], [], ""
        suffix = ""
        if len(items) > 1 and (measure := _MEASURE.search(items[-1])) is not None and measure.start() > 0:
            items[-1], suffix = items[-1][:measure.start()], items[-1][measure.start():]
        elif len(items) > 1 and (measure := _MEASURE.match(items[0])) is not None and measure.end() < len(items[0]):
            # 出口手机、汽车零件: the verb before the first name governs every name.
            items = [items[0], *(measure.group() + item for item in items[1:])]
        self.names_listed = [prefix + i for i in items]
        return [prefix + i + suffix for i in items], [], ""

    def _distribute_levels(self, run: list[Figure], head: str, verb: str, regions: list[RegionMention],
                           periods: list[PeriodMention], period: str | None) -> bool:
        names, places, rest = self._items(head, regions, periods, len(run))
        verb_words = _clean(verb)
        if not names and not places and len(self.regions_listed) == len(run):
            places = self.regions_listed  # 青岛、烟台…五市…，分别进出口…
        if names and len(names) == len(run):
            labels = [n + verb_words for n in names]
            regions_for: list[Region | None] = [self.region] * len(run)
        elif places and len(places) == len(run):
            label = rest + verb_words if rest or verb_words else self.last_label
            labels = [label] * len(run)
            regions_for = list(places)
        else:
            return False
        group = []
        for figure, label, region in zip(run, labels, regions_for, strict=True):
            if not label:
                return False
            draft = self._draft(figure, label, _kind(figure), period, region=region)
            group.append(draft)
        self.drafts.extend(group)
        self.levels.extend(group)
        self.group = group
        self.group_label = "、".join(names) + verb_words if names else labels[0]
        self.last_label = labels[-1]
        return True

    def _distribute_rates(self, run: list[Figure], head: str, verb: str, regions: list[RegionMention],
                          periods: list[PeriodMention], period: str | None) -> bool:
        share = bool(_SHARE_CUE.search(verb) or _SHARE_CUE.search(head))
        names, places, rest = self._items(head, regions, periods, len(run))
        if len(self.noun_list) == len(run) and len(names) != len(run) and len(places) != len(run) \
                and len(self.group) != len(run):
            # 机电产品、钢材和劳动密集型产品拉动出口作用明显，分别增长21.2%、45.8%、58.9%
            measure = _MEASURE.search(head)
            noun_measure = measure.group() if measure else self.noun_measure
            names, places = [item + noun_measure for item in self.noun_list], []
        if not names and not places:
            # 分别增长7.4%、9.6%… or 分别占全省进出口总值的28.3%…: the rates of the last group, in order.
            if len(self.group) != len(run):
                return False
            cue = _SHARE_CUE.search(verb)
            share_of = _share_of(verb[cue.end():], self)[0] if cue else None
            for draft, rate in zip(self.group, run, strict=True):
                if share:
                    draft.share, draft.share_of = rate.value, share_of
                else:
                    draft.yoy = rate.value
            return True
        verb_words = _clean(_GROWTH_CUE.sub("", verb))
        kind: Kind = "share" if share else "growth"
        drafts = []
        if names and len(names) == len(run):
            for figure, name in zip(run, names, strict=True):
                label = _with_measure(name + verb_words, self.last_label)
                drafts.append(self._draft(figure, label, kind, period, unit="percent"))
        elif places and len(places) == len(run):
            own = _SHARE_WORDS.sub("", rest + verb_words)
            label = _with_measure(own, self.last_label) if own else self.last_label
            if not label:
                return False
            for figure, place in zip(run, places, strict=True):
                drafts.append(self._draft(figure, label, kind, period, region=place, unit="percent"))
        else:
            return False
        self.drafts.extend(drafts)
        return True


def _opens(text: str, clause_start: int, at: int, regions: list[RegionMention]) -> bool:
    """Whether only connectives and region names stand between a clause's start and ``at``."""
    before = text[clause_start:at]
    for mention in regions:
        if clause_start <= mention.start < at:
            before = before.replace(mention.text, "")
    return not _LEAD.sub("", _NOISE.sub("", before).replace("据", "")).strip()


def _expand(match: re.Match[str]) -> str:
    """东、中、西部地区 -> 东部地区、中部地区、西部地区: the shared suffix goes to every item."""
    items = re.split(r"[、和及与]", match.group(1) + match.group(2))
    return "、".join(item + match.group(3) for item in items if item)


def _inside_parentheses(text: str, at: int) -> bool:
    """Whether ``at`` sits inside an unclosed ( or （ of its sentence."""
    return _open_parenthesis(text, at) is not None


def _open_parenthesis(text: str, at: int) -> int | None:
    """The offset of the unclosed ( or （ of its sentence that ``at`` sits in, if any."""
    start = max(text.rfind("。", 0, at), 0)
    opener = max(text.rfind("(", start, at), text.rfind("（", start, at))
    if opener < 0:
        return None  # the common case, without a character loop
    if max(text.rfind(")", opener, at), text.rfind("）", opener, at)) < 0:
        return opener
    opened: list[int] = []
    for offset in range(start, at):
        ch = text[offset]
        if ch in "(（":
            opened.append(offset)
        elif ch in ")）" and opened:
            opened.pop()
    return opened[-1] if opened else None


def _listed(text: str, figures: list[Figure]) -> bool:
    """Whether figures follow one another joined only by 、/和/及 (513亿元、257.2亿元)."""
    return all(re.fullmatch(r"[、和及与\s]*", text[a.end:b.start]) for a, b in zip(figures, figures[1:], strict=False))


def _split_items(words: str, count: int) -> list[str]:
    """A list of names: split on 、, then on the last 和/及/与/以及 when that gives ``count`` items."""
    parts = [p for p in words.split("、") if p]
    last = _LAST_CONJUNCTION.match(parts[-1]) if len(parts) < count and parts else None
    if last is not None and last.group(1) and last.group(3):
        parts = [*parts[:-1], last.group(1), last.group(3)]
    if len(parts) != count:
        return [i for i in _LIST_SPLIT.split(words) if i]
    return parts


def _region_list(text: str, mentions: list[RegionMention]) -> list[RegionMention]:
    """The longest run of regions joined only by 、/和/及 (青岛、烟台、潍坊、威海、东营)."""
    best: list[RegionMention] = []
    run: list[RegionMention] = []
    for mention in mentions:
        if run and not re.fullmatch(r"[、和及与,，\s]*", text[run[-1].end:mention.start]):
            run = []
        run.append(mention)
        if len(run) > len(best):
            best = list(run)
    return best if len(best) >= 2 else []


def _without(text: str, start: int, end: int, skipped: list[Figure]) -> str:
    """text[start:end] with the skipped figures (thresholds, modifiers, points) cut out."""
    out, pos = [], start
    for figure in skipped:
        if start <= figure.start and figure.end <= end:
            out.append(text[pos:figure.start])
            pos = figure.end
    out.append(text[pos:end])
    return "".join(out)


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The last match: the cue nearest the figure (规模以上工业增加值同比增长5.8%: 增长, not 增加值)."""
    matches = list(pattern.finditer(text))
    return matches[-1] if matches else None


def _clean(words: str) -> str:
    return _TAIL.sub("", _LEAD.sub("", _COMPARISON_WORDS.sub("", _NOISE.sub("", words))))


def _unit_class(unit: str) -> str:
    """Amounts in any currency share metrics (1381.9亿元…折224.8亿美元); other units only with themselves."""
    return "amount" if unit in _AMOUNT_UNITS else unit


def _scope(label: str) -> str:
    """The qualifier of a label before its measure word: 一带一路沿线国家贸易额 -> 一带一路沿线国家."""
    measure = _MEASURE.search(label)
    return label[:measure.start()] if measure else ""


def _with_measure(label: str, last_label: str) -> str:
    """A label naming no measure borrows the previous label's: 手机 after 出口自动数据处理设备 is 手机出口."""
    if not label or _MEASURE.search(label):
        return label
    measure = _last(_MEASURE, last_label)  # the head noun comes last: 外贸进出口 -> 进出口
    return label + measure.group() if measure else label


def _clauses(text: str, start: int, end: int) -> list[_Clause]:
    out: list[_Clause] = []
    pos = start
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        out.append(_Clause(pos, match.end()))
        pos = match.end()
    if pos < end:
        out.append(_Clause(pos, end))
    return out


def _kind(figure: Figure) -> Kind:
    if figure.unit in _AMOUNT_UNITS:
        return "amount"
    if figure.kind_hint == "count":
        return "count"
    return "level"


def _not_a_level(text: str, cursor: int, figure: Figure) -> str | None:
    """Why an amount or count is not a statistic ('modifier', 'threshold', 'change'), or None."""
    if _is_modifier(text, figure):
        return "modifier"
    before = text[cursor:figure.start]
    if (_THRESHOLD.search(before) or _THRESHOLD_FIGURE.match(figure.text)
            or text.startswith(("大关", "关口"), figure.end)):
        return "threshold"
    if _CHANGE.search(_clean(before)) and "新增" not in before:
        return "change"
    return None


def _is_modifier(text: str, figure: Figure) -> bool:
    """14个国家, 12家企业和9个项目: a count that qualifies a noun, not a statistic."""
    if figure.kind_hint != "count":
        return False
    after = text[figure.end:figure.end + 2]
    return bool(after) and bool(_CJK.match(after)) and not _MODIFIER_OK.match(after)


def _without_mentions(text: str, regions: list[RegionMention], periods: list[PeriodMention]) -> str:
    """Text with the words of region and period mentions taken out."""
    for surface in [*(m.text for m in regions), *(m.text for m in periods)]:
        text = text.replace(surface, "")
    return text


def _label(pre: str, regions: list[RegionMention], periods: list[PeriodMention], last_label: str) -> str:
    """The metric words before a figure: region, period, comparison and filler removed."""
    label = pre
    label = _clean(_without_mentions(label, regions, periods))
    label = _LEAD.sub("", label)
    if len(label) > 24:
        label = label[-24:]
    return _with_measure(label, last_label)


def _target(levels: list[_Draft], own: str, free: Callable[[_Draft], bool],
            period: str | None = None) -> _Draft | None:
    """The level a rate describes: the newest one of its period still free, when the rate names nothing else.

    The period test skips a figure quoted in passing (其中，出口887.9亿元，仅次于今年1月份的895.9亿元，
    同比增长10.2%: the growth is the 887.9's)."""
    same = [d for d in levels if d.period == period] if period is not None else levels
    if not same:
        return None
    last = same[-1]
    if own and own not in _GENERIC and own != last.metric and not last.metric.endswith(own):
        return None
    return last if free(last) else None


def _old_comparison(periods: list[PeriodMention], period: str | None) -> bool:
    """比2019年同期增长 in 2021: a two-year comparison, not year-on-year."""
    if period is None:
        return False
    year = int(period[:4])
    for mention in periods:
        if mention.role == ROLE_COMPARISON and mention.period and int(mention.period[:4]) < year - 1:
            return True
    return False


def _share_of(whole: str, sentence: _Sentence) -> tuple[str | None, str]:
    """What a share is a share of (占全市总量的 -> 北京市), and the measure words it names."""
    words = _NOISE.sub("", whole)
    words = re.sub(r"的?(?:比重|份额|比例)?(?:为|达|达到|约|超过|超)?$", "", words)
    for mention in find_regions(words):
        if mention.start == 0:
            region = sentence._resolve(mention)
            if region is not None:
                rest = re.sub(r"^(?:总量|总额|总值|总数|整体|合计)$", "", words[mention.end:])
                return region.name + rest, _clean(rest)
    return words or None, _clean(words)
