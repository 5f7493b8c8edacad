"""What each column of the metrics table shows for a row, and how wide it is.

Formatting comes from extract.render (the same functions as the Markdown), so a
value reads the same on screen and in a copied table: ``10,246.0亿元``, ``+27.3%``.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from rich.text import Text

from ..extract.amounts import AmountUnit, amount_in
from ..extract.derived import DERIVED_LABEL
from ..extract.render import fact_value, percent_text, signed_percent
from ..extract.series import Point, Row, as_fact
from .rows import row_trend
from .text import fit, one_line

GAP = 1


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int
    justify: Literal["left", "right"] = "left"
    flex: int = 0
    """Share of the width left over after the fixed columns (0: fixed)."""


COLUMNS: tuple[Column, ...] = (
    Column("mark", "", 1),
    Column("warn", "", 1),
    Column("region", "地区", 8, flex=4),
    Column("metric", "指标", 8, flex=5),
    Column("period", "时期", 17),
    Column("value", "数值", 15, "right"),
    Column("yoy", "同比", 7, "right"),
    Column("share", "占比", 6, "right"),
    Column("trend", "趋势", 8),
    Column("sources", "来源", 4, "right"),
)


#: Left out, in this order, while the table is narrower than its columns (80 columns, or the region
#: tree beside it): what a row is and its figure (地区, 指标, 时期, 数值, 同比) stay in view.
DROP_ORDER = ("sources", "trend", "share")
#: Cells the region and metric get beyond their minimum before a column is left out: at 80
#: columns 地区 and 指标 read 江苏省苏州市 and 货物进出口… rather than keep the 趋势 glyphs.
FLEX_ROOM = 6


def widths(total: int) -> tuple[int, ...]:
    """Column widths filling ``total`` cells: fixed columns first, the rest shared by the flex ones.
    Where even the fixed widths do not fit, columns are left out (0 wide) in ``DROP_ORDER``."""
    shown = list(COLUMNS)
    for key in DROP_ORDER:
        if sum(c.width for c in shown) + GAP * (len(shown) - 1) + FLEX_ROOM <= total:
            break
        shown = [c for c in shown if c.key != key]
    fixed = sum(c.width for c in shown) + GAP * (len(shown) - 1)
    spare = max(0, total - fixed)
    flex = sum(c.flex for c in shown)
    out, given = [], 0
    flexible = [c for c in shown if c.flex]
    for column in COLUMNS:
        if column not in shown:
            out.append(0)
            continue
        if not column.flex:
            out.append(column.width)
            continue
        extra = spare - given if column is flexible[-1] else spare * column.flex // flex
        given += extra
        out.append(column.width + extra)
    return tuple(out)


def join(cells: tuple[Text, ...], column_widths: tuple[int, ...]) -> Text:
    """One line: each cell fitted to its column, columns one space apart."""
    line = Text(no_wrap=True, end="")
    for i, (cell, column, width) in enumerate(zip(cells, COLUMNS, column_widths, strict=True)):
        if not width:  # left out: the table is too narrow for it
            continue
        if i:
            line.append(" " * GAP)
        line.append_text(fit(cell, width, column.justify))
    return line


def header_cells() -> tuple[Text, ...]:
    return tuple(Text(c.title) for c in COLUMNS)


def row_cells(row: Row, *, marked: bool, warned: bool = False, unit: AmountUnit | None = None) -> tuple[Text, ...]:
    series, point = row.series, row.point
    main = point.main
    if point.conflict:
        value = Text(f"≠ {len(point.figures)} figures", style="bold yellow")
    else:
        published = fact_value(as_fact(series, point, main)).removeprefix(f"{DERIVED_LABEL} ")
        amount = amount_in(main.value, series.key.unit, point.period, unit, published)
        value = one_line(amount.text, style="yellow" if amount.note else "")  # no rate: as published, flagged
    period = Text(point.label, style="dim" if point.period is None else "")  # as copies and facts --format md say it
    if series.document is not None:  # an undated figure: which article it is from, never merged with another's
        period.append_text(one_line(f" 《{series.document}》", style="dim"))
    if series.key.shape.startswith("derived:"):  # computed, not stated: said in the period, drawn apart
        value.stylize("italic cyan")
        period.append(f" {DERIVED_LABEL}", style="cyan")
    if point.revised:  # a later official release settled it: the current value, and the row says so
        value.stylize("yellow")
        period.append(" revised", style="yellow")
    return (
        Text("●" if marked else " ", style="bold"),
        Text("⚠" if warned else " ", style="bold red"),
        one_line(series.key.region) if series.key.region else Text("—", style="dim"),
        one_line(series.key.label),
        period,
        value,
        Text(signed_percent(_agreed(point, "yoy_percent"))),
        Text(percent_text(share) if (share := _agreed(point, "share_percent")) is not None else ""),
        Text(row_trend(row), style="cyan"),
        Text(str(series.sources)),
    )


def _agreed(point: Point, name: str) -> Decimal | None:
    """A figure's growth or share, where the point's figures agree on it: a ≠ row shows no one
    article's growth as if it were the row's (the detail pane lists each)."""
    values = {getattr(figure, name) for figure in point.figures} if point.conflict else {getattr(point.main, name)}
    return values.pop() if len(values) == 1 else None
