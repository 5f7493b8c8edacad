"""The words the reader knows: measures, breakdown terms and cue words.

Word lists are data (``data/measures.toml`` and ``data/lexicon/*.toml``); this module
loads them once into one table, surface -> :class:`Term`, that the lexer probes. Cue
words are the grammar's own small vocabulary and stay here, one table of classes.

A term of a breakdown dimension names the slice (``partner`` 东盟, ``product`` 机电产品,
``mode`` 一般贸易, ``owner`` 民营企业, ``channel`` 跨境电商); a ``measure`` term names what is
measured by its taxonomy id (trade_total, export, fdi_actual); a ``cue`` term names its
class (``each`` for 分别, ``share`` for 占, ``up``/``down`` for 增长/下降 ...).
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Literal

from ..data import data_file

TermKind = Literal["measure", "partner", "product", "mode", "owner", "channel", "cue"]
DIMENSIONS: tuple[str, ...] = ("partner", "product", "mode", "owner", "channel", "other")
"""The breakdown dimensions, in the order a label names them (对东盟机电产品出口)."""
DIMENSION_LABELS: dict[str, str] = {
    "": "总量", "partner": "贸易伙伴", "product": "商品", "mode": "贸易方式", "owner": "企业性质", "channel": "渠道",
    "other": "其他分项",
}
"""Each dimension as the dashboard names it; '' is the headline figure itself."""

_LEXICON_FILES: dict[str, str] = {
    "partner": "lexicon/partners.toml",
    "product": "lexicon/products.toml",
    "mode": "lexicon/modes.toml",
    "owner": "lexicon/owners.toml",
    "channel": "lexicon/channels.toml",
}

#: Cue words by class. Direction words also sign rates in quantities.py; here they mark a
#: growth. One-character cues are kept apart: they only count where the reader looks for them.
CUES: dict[str, tuple[str, ...]] = {
    "each": ("分别", "依次", "各自"),
    "subset": ("其中",),
    "share": ("占比", "所占比重", "比重", "份额", "占到", "占据"),
    "up": ("增长", "增加", "上升", "提高", "提升", "上涨", "回升", "扩大", "增幅", "增速", "涨幅", "增长率",
           "激增", "猛增", "大增", "剧增", "骤增", "飙升"),
    "down": ("下降", "减少", "回落", "下滑", "降低", "萎缩", "下跌", "收窄", "缩小", "缩减", "负增长", "降幅",
             "跌幅", "减幅"),
    "reach": ("达到", "达到了", "高达", "约为", "增至", "增加到", "增长到", "上升到", "提高到", "下降到", "上升至",
              "提高至", "下降至", "增加至", "减少至", "回落至", "回落到",
              "减少到", "降至", "升至", "攀升至", "攀升到", "跃升至", "跃升到", "发展到", "扩大到", "扩大至"),
    "prep": ("来自",),
    "threshold": ("大关", "关口", "首破", "跨上", "迈上", "站上", "站稳", "稳定在", "保持在", "维持在"),
    "forecast": ("力争", "预计", "预期", "目标", "计划", "有望", "将达", "将实现", "争取", "规划", "预测", "预估", "确保",
                 "将突破", "将超过"),
    "average": ("年均", "平均增长", "平均增速", "两年平均", "复合增长", "平均"),
    "contribution": ("拉动", "贡献率", "贡献度"),
    "value": ("价值", "货值", "金额"),
    "conversion": ("折合", "约合", "折算", "按人民币计价", "按美元计价", "以人民币计价", "以美元计价", "以人民币计",
                   "以美元计", "按人民币计", "按美元计"),
    "combined": ("合计", "共计", "总计", "合共", "共占", "合占"),
    "rank": ("位居", "位列", "居全国", "排名", "排在", "首位", "第一位", "前列", "之首", "领先"),
    "modifier": ("以上", "以下", "以内"),
    "plural": ("等",),
    "note": ("下同",),
    # Nouns that hold a measure's word but are no measure (贸易伙伴 names partners, 出口市场 a market).
    "noun": ("贸易伙伴", "贸易国", "贸易方式", "出口市场", "进口来源地", "出口目的地", "来源地", "外贸主体",
             "境外企业", "以外企业", "进出口银行", "出口信用保险", "出口信保", "外贸百强", "外贸百强城市"),
}
#: One-character cues: 占 (share), 对/与/自/向/同/从 (a partner follows), 达/为/至 (a level
#: follows), 折 (a conversion follows), 和/及 (a list goes on).
SINGLE_CUES: dict[str, str] = {
    "占": "share", "对": "prep", "与": "prep", "自": "prep", "向": "prep", "同": "prep", "从": "prep",
    "达": "reach", "为": "reach", "至": "reach", "折": "conversion", "和": "and",
    "及": "and", "等": "plural",
}


@dataclass(frozen=True, slots=True)
class Term:
    """A known word: its kind, canonical name (the taxonomy id for a measure, the class for a cue)."""

    kind: TermKind
    name: str
    abbreviation: bool = False
    """A one-character partner name (俄, 美): a partner only right after a preposition."""


@dataclass(frozen=True)
class Measure:
    """One entry of the taxonomy."""

    id: str
    name: str
    stem: str
    partner: str
    """What precedes a partner's name in a label (对 for trade flows)."""
    kinds: frozenset[str]
    surfaces: tuple[str, ...]
    goods: bool = False
    """A flow of goods: unknown words before it name a product (手机出口)."""


@cache
def measures() -> dict[str, Measure]:
    """The measure taxonomy by id, from data/measures.toml."""
    with data_file("measures.toml").open("rb") as handle:
        raw = tomllib.load(handle)
    return {
        key: Measure(key, entry["name"], entry.get("stem", entry["name"]), entry.get("partner", ""),
                     frozenset(entry["kinds"]), tuple(entry["surfaces"]), entry.get("goods", False))
        for key, entry in raw.items()
    }


@cache
def goods_flows() -> frozenset[str]:
    """The ids of the measures that are flows of goods (trade, exports, their volumes and prices)."""
    return frozenset(key for key, measure in measures().items() if measure.goods)


@cache
def partitions(kind: str) -> tuple[frozenset[str], ...]:
    """Sets of canonical names of one dimension whose slices never overlap: the partner
    countries (blocs overlap them), and the ``[partition]`` lists of the owner and mode files."""
    with data_file(_LEXICON_FILES[kind]).open("rb") as handle:
        raw = tomllib.load(handle)
    if kind == "partner":
        return (frozenset(raw.get("country", {})) | {"香港", "澳门", "台湾"},)
    return tuple(frozenset(names) for names in raw.get("partition", {}).get("sets", []))


@cache
def terms() -> dict[str, Term]:
    """Every surface the lexer knows as a term, one-character ones included."""
    table: dict[str, Term] = {}
    for cls, words in CUES.items():
        for word in words:
            table[word] = Term("cue", cls)
    for char, cls in SINGLE_CUES.items():
        table[char] = Term("cue", cls)
    for kind, path in _LEXICON_FILES.items():
        with data_file(path).open("rb") as handle:
            raw = tomllib.load(handle)
        for section, entries in raw.items():
            if section == "partition":
                continue
            for name, surfaces in entries.items():
                for surface in surfaces:
                    table[surface] = Term(kind, name, abbreviation=section == "abbreviation")  # type: ignore[arg-type]
    for measure in measures().values():
        for surface in measure.surfaces:
            table[surface] = Term("measure", measure.id)
    return table
