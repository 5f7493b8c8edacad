"""The breakdown view: what makes up a headline figure, by dimension, with shares and bars.

``b`` on a row opens it for the row's region and period (extract/breakdowns.py reads
and orders the lines); here they are drawn, marked, sorted and copied like the main
table. Its keys are verbs of the one table in bindings.py (scope ``breakdown``).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from ..extract.amounts import AmountUnit, amount_in
from ..extract.breakdowns import BreakdownLine, bar, sorted_lines
from ..extract.render import fact_value, percent_text, signed_percent
from ..extract.store import StoredFact
from .bindings import bindings
from .text import one_line

#: What copies the chosen facts: the app's copy, with its notifications and clipboard report.
Copier = Callable[[Sequence[StoredFact]], None]


class BreakdownScreen(ModalScreen[None]):
    BINDINGS = bindings("breakdown")

    def __init__(self, title: str, lines: Sequence[BreakdownLine], unit: AmountUnit | None, copy: Copier) -> None:
        super().__init__()
        self.title_text = title
        self.lines = list(lines)
        self.unit = unit
        self.copy = copy
        self.marked: set[int] = set()
        """Positions in ``lines`` of the marked lines (fact ids can repeat across views)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog breakdown"):
            yield Label(one_line(self.title_text, style="bold"), classes="dialog-title")
            yield DataTable(cursor_type="row", zebra_stripes=False, id="breakdown-table")
            yield Label(Text("space marks · y copies (marked, else all) · [ ] sort by 数值 within each group · "
                             "escape closes", style="dim"), id="breakdown-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("", "维度", "分项", "指标", "数值", "同比", "占比", "")
        self._fill()
        table.focus()

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        previous: tuple[object, ...] | None = None
        for i, line in enumerate(self.lines):
            group = (line.of_whole, line.row.fact.measure, line.dimension)
            fact = line.row.fact
            value = amount_in(fact.value, fact.unit, fact.period, self.unit, fact_value(fact)).text
            share = "" if line.share is None else ("≈" if line.computed else "") + percent_text(line.share)
            heading = Text("") if group == previous else Text(f"{line.dimension_label}", style="bold")
            if group != previous and not line.of_whole:
                heading.append(f"（{line.measure_label}）", style="dim")
            table.add_row(
                Text("●" if i in self.marked else " ", style="bold"), heading, one_line(line.part),
                one_line(fact.metric, style="dim"), Text(value, justify="right"),
                Text(signed_percent(fact.yoy_percent), justify="right"),
                Text(share, justify="right", style="dim" if line.computed else ""),
                Text(bar(None if line.share is None else line.share / Decimal(100)), style="cyan"),
                key=str(i),
            )
            previous = group
        if self.lines:
            table.move_cursor(row=min(cursor, len(self.lines) - 1))

    def _current(self) -> int | None:
        table = self.query_one(DataTable)
        return table.cursor_row if self.lines else None

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()

    def action_mark(self) -> None:
        if (at := self._current()) is None:
            return
        self.marked.symmetric_difference_update({at})
        self._fill()
        self.query_one(DataTable).move_cursor(row=min(at + 1, len(self.lines) - 1))

    def action_copy(self) -> None:
        chosen = [line.row for i, line in enumerate(self.lines) if i in self.marked] or [line.row for line in self.lines]
        self.copy(chosen)

    def action_sort_ascending(self) -> None:
        self._sort(descending=False)

    def action_sort_descending(self) -> None:
        self._sort(descending=True)

    def _sort(self, *, descending: bool) -> None:
        """By amount within each group (dimension of a measure), in the currency shown."""
        marked = {id(self.lines[i]) for i in self.marked}
        currency = self.unit.currency if self.unit is not None else "CNY"
        self.lines = sorted_lines(self.lines, currency, descending=descending)
        self.marked = {i for i, line in enumerate(self.lines) if id(line) in marked}
        self._fill()

    def action_close(self) -> None:
        self.dismiss(None)
