"""The extractor: a Document in, its Facts out (pure; never touches the store or terminal).

First version: amounts in 亿元/亿美元 with the words before them as the metric.
The extractor issue replaces this with the full grammar.
"""
from __future__ import annotations

import re
from decimal import Decimal

from .document import Document
from .facts import Fact, Quote

_AMOUNT = re.compile(r"(?P<metric>[\u4e00-\u9fff]{2,8}?)(?:达|为)?(?P<num>\d+(?:\.\d+)?)(?P<mult>万亿|亿|万)?(?P<unit>美元|元)")
_MULT = {"万亿": Decimal("1e12"), "亿": Decimal("1e8"), "万": Decimal("1e4"), None: Decimal(1)}


def extract(document: Document) -> list[Fact]:
    facts: dict[tuple[object, ...], Fact] = {}
    for index, paragraph in enumerate(document.paragraphs):
        for match in _AMOUNT.finditer(paragraph):
            value = Decimal(match["num"]) * _MULT[match["mult"]]
            fact = Fact(
                region=None, region_code=None, period=None, metric=match["metric"], metric_id=None,
                kind="amount", value=value, unit="USD" if match["unit"] == "美元" else "CNY",
                figure=paragraph[match.start("num"):match.end()],
                quotes=(Quote(paragraph, index, (match.start("num"), match.end())),),
            )
            known = facts.get(fact.key())
            facts[fact.key()] = known.with_quote(fact.quotes[0]) if known else fact
    return list(facts.values())
