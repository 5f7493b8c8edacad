"""The header line: which store, how much is in it, what is shown, and the active filters."""
from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.widgets import Static

from ..extract.filters import Filters
from ..extract.lexicon import DIMENSION_LABELS
from .text import one_line


@dataclass(frozen=True)
class HeaderInfo:
    store: str
    documents: int = 0
    facts: int = 0
    shown: int = 0
    series: int = 0
    filters: Filters = field(default_factory=Filters)
    status: str = ""
    marked: int = 0
    unit: str = ""
    """The unit amounts are shown in; empty: as published."""
    finding: str = ""
    """What ``f`` looks for, and where the cursor is among the matches."""
    sort: str = ""
    """The sort, as the table names it (数值 ▼); empty: the store's order."""
    warnings: int = 0
    """How many check warnings the store's figures raise (extract/checks.py)."""
    warnings_only: bool = False


class StoreHeader(Static):
    """One line whatever the width: at 80 columns it says less rather than take a table row."""

    info: HeaderInfo | None = None

    def show(self, info: HeaderInfo) -> None:
        self.info = info
        self.update(fitted(info, self.size.width))

    def on_resize(self) -> None:
        if self.info is not None:
            self.update(fitted(self.info, self.size.width))


def fitted(info: HeaderInfo, width: int) -> Text:
    """The header, compact when the full one is wider than ``width`` (no store name, no hints,
    short counts), and cut with … when even that is."""
    text = header_text(info)
    if width <= 0 or text.cell_len <= width:
        return text
    text = header_text(info, compact=True)
    text.truncate(width, overflow="ellipsis")
    return text


def header_text(info: HeaderInfo, *, compact: bool = False) -> Text:
    text = Text("tradedash ", style="bold")
    if compact:
        text.append(f"{info.documents} docs · {info.facts} facts · {info.shown}/{info.series}", style="")
    else:
        text.append_text(one_line(info.store))
        text.append(f" · {info.documents} documents · {info.facts} facts · {info.shown}/{info.series} series",
                    style="")
    f = info.filters
    if f.active:
        text.append(" · ", style="")
        parts = []
        if f.region is not None:
            parts.append(("地区 ", f.region.label))
        if f.period is not None:
            parts.append(("时期 ", f.period.label))
        if f.text:
            parts.append(("文本 ", f"“{f.text}”"))
        if f.dimension is not None:
            parts.append(("维度 ", DIMENSION_LABELS.get(f.dimension, f.dimension)))
        for i, (name, value) in enumerate(parts):
            if i:
                text.append(" ")
            text.append(name, style="dim")
            text.append_text(one_line(value, style="bold"))
    if info.marked:
        text.append(f" · {info.marked} marked", style="bold")
    if info.finding:
        text.append(" · 查找 ", style="dim")
        text.append_text(one_line(info.finding, style="bold"))
    if info.sort:
        text.append(" · 排序 ", style="dim")
        text.append(info.sort, style="bold")
    if info.unit:
        text.append(" · 单位 ", style="dim")
        text.append(info.unit, style="bold")
    if info.warnings:
        text.append(" · ")
        noun = "warning" if info.warnings == 1 else "warnings"
        if info.warnings_only:
            text.append(f"⚠ only rows with the {info.warnings} check {noun}", style="bold yellow")
        else:
            text.append(f"⚠ {info.warnings} check {noun}", style="yellow")
            if not compact:
                text.append(" (! shows their rows)", style="dim")
    if info.status:
        text.append(" · ")
        text.append_text(one_line(info.status, style="italic"))
    return text
