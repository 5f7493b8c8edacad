"""The table construction: a ``<table>`` with a header row gives one fact per figure cell.

The header names what each column measures and in which unit (进出口（亿元）, 同比（%）,
出口额(万美元)); the first column names what each row is about: a region (a row per city),
a slice (a partner, a product, a trade mode, an enterprise type) or the total (合计, 全省).
A rate column (同比, 增长, 增速 with %) is the growth of the level column before it; a
share column (占比, 比重) its share. A unit stated once for the whole table (单位：亿元, in
the header or the paragraph before the table) holds for columns that state none. The
figure grammar reads each cell with its column's unit, so a cell is parsed exactly as
the same figure would be in a sentence.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..document import Table
from ..facts import Quote
from ..frame import Carry, Level
from ..gazetteer import Region
from ..lex import lex
from ..lexicon import goods_flows
from ..regions import resolve
from ..sentence import clean_words
from .figures import kind_of
from .registry import construction

_UNIT = re.compile(r"[（(]\s*(?:单位\s*[:：]\s*)?([^（()）]{1,6}?)\s*[)）]|单位\s*[:：]\s*([^\s，,。；;|]{1,6})")
_RATE = re.compile(r"同比|增长|增速|增幅|比上年|比去年")
_SHARE = re.compile(r"占比|比重|份额|占")
_TOTAL = re.compile(r"^(?:合计|总计|总值|全部|总额|全省|全市|全区|全国|总体|小计)$")
_SEPARATOR = " | "


@dataclass(frozen=True)
class _Column:
    measure: str | None
    words: str
    unit: str
    rate: str | None
    """growth or share for a rate column, None for a level column."""
    period: str | None


def _unit_of(text: str) -> str:
    match = _UNIT.search(text)
    return (match.group(1) or match.group(2)).strip() if match else ""


def _column(text: str, table_unit: str, carry: Carry) -> _Column:
    tokens = lex(text, carry.date, year=carry.text_year)
    measures = [t.term.name for t in tokens if t.term is not None and t.term.kind == "measure"]
    periods = [t.period.period for t in tokens if t.period is not None and t.period.role == "period"]
    unit = _unit_of(text) or table_unit
    rate = None
    if "%" in unit or "％" in unit:
        rate = "share" if _SHARE.search(text) else "growth" if _RATE.search(text) else None
    words = clean_words(_UNIT.sub("", text)) if not measures else ""
    return _Column(measures[-1] if measures else None, words, unit, rate, periods[-1] if periods else carry.period)


def _row(name: str, carry: Carry, measure: str | None) -> tuple[Region | None, dict[str, str]] | None:
    """What a row is about: (a region, {}) or (None, a slice); None for the total row."""
    name = name.strip()
    if not name or _TOTAL.match(name):
        return None
    tokens = [t for t in lex(name, carry.date, year=carry.text_year) if t.kind != "punct"]
    for token in tokens:
        if token.region is not None:
            region = resolve(token.region, carry.context, subject=carry.subject, year=carry.year)
            if region is not None:
                return region, {}
        if token.term is not None and token.term.kind in ("partner", "product", "mode", "owner", "channel"):
            return None, {token.term.kind: token.term.name}
    words = clean_words(name)
    return None, {("product" if measure in goods_flows() else "other"): words} if words else {}


@construction("table", 10, reads="a table's header (measures, units, periods) and first column (regions, slices)",
              fills="one level per figure cell, with the rate columns' growth and shares")
def header_table(table: Table, paragraphs: Sequence[str], carry: Carry) -> list[Level]:
    """A table with a header row gives one fact per figure cell: the column names the measure
    and the unit (进出口（亿元）), the first cell of the row names the region or the slice
    (苏州市, 机电产品, 合计); a 同比/增长 (%) column is the growth of the column before it."""
    if len(table.cells) < 2 or len(table.cells[0]) < 2:
        return []
    before = paragraphs[table.rows_at[0] - 1] if table.rows_at[0] > 0 else ""
    table_unit = _unit_of(before) if "单位" in before else ""
    header = table.cells[0]
    if not table_unit and "单位" in header[0]:
        table_unit = _unit_of(header[0])
    columns = [_column(text, table_unit, carry) for text in header[1:]]
    out: list[Level] = []
    for row, at in zip(table.cells[1:], table.rows_at[1:], strict=False):
        slot = _row(row[0], carry, next((c.measure for c in columns if c.measure), None))
        region, breakdown = slot if slot is not None else (None, {})
        last: Level | None = None
        offset = len(row[0]) + len(_SEPARATOR)
        for column, cell in zip(columns, row[1:], strict=False):
            span = (offset, offset + len(cell))
            offset += len(cell) + len(_SEPARATOR)
            figures = [t.figure for t in lex(cell.strip() + column.unit) if t.figure is not None]
            if len(figures) != 1:
                continue
            figure = figures[0]
            quote = Quote(paragraphs[at], at, span)
            if column.rate is not None:
                if last is not None and getattr(last, "yoy" if column.rate == "growth" else "share") is None:
                    if column.rate == "growth":
                        last.yoy = figure.value
                    else:
                        last.share = figure.value
                continue
            if figure.kind_hint not in ("amount", "count", "level") or (column.measure is None and not column.words):
                continue
            last = Level(region=region or carry.subject, period=column.period, measure=column.measure,
                         words=column.words, breakdown=dict(breakdown), kind=kind_of(figure.unit, figure.kind_hint),
                         value=figure.value, unit=figure.unit, qualifier=figure.qualifier,
                         figure=cell.strip() + column.unit, quote=quote)
            out.append(last)
    return out
