"""The metrics table: one line per series, drawn only where it is visible.

Textual's DataTable measures every cell it is given (about 13 s for 100,000 rows);
this table keeps the rows as a lazy sequence (series.Rows) and renders the lines on screen through the
line API, so a filter that changes 50,000 rows costs what one screenful costs.
Rows come down as an attribute (``set_rows``); the cursor, marks and Enter go up as
messages.
"""
from __future__ import annotations

from rich.text import Text
from textual.cache import LRUCache
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..extract.amounts import AmountUnit
from ..extract.series import Row, Rows, SeriesKey
from ..extract.store import StoreError
from .bindings import bindings
from .cells import header_cells, join, row_cells, widths


class SeriesTable(ScrollView, can_focus=True):
    BINDINGS = bindings("table")
    COMPONENT_CLASSES = {
        "series-table--header",
        "series-table--cursor",
        "series-table--cursor-blur",
        "series-table--marked",
    }

    class Highlighted(Message):
        """The cursor is on another row (None: the table is empty)."""

        def __init__(self, row: Row | None) -> None:
            super().__init__()
            self.row = row

    class Opened(Message):
        def __init__(self, row: Row) -> None:
            super().__init__()
            self.row = row

    class MarksChanged(Message):
        def __init__(self, count: int) -> None:
            super().__init__()
            self.count = count

    class StoreFailed(Message):
        """Drawing a row needed the store, and the store failed (changed or damaged under us)."""

        def __init__(self, error: StoreError) -> None:
            super().__init__()
            self.error = error

    class LeftPressed(Message):
        """Left or h at the table: the app decides where that goes."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: Rows = Rows([])
        self.cursor = 0
        self.marked: set[SeriesKey] = set()
        self.warned: set[tuple[object, ...]] = set()
        """(region, code, metric, kind, unit, period) of every figure a check warns about."""
        self.unit: AmountUnit | None = None
        """The unit amounts are shown in; None: as published."""
        self._lines: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)

    # -- attributes down ---------------------------------------------------

    def set_warned(self, warned: set[tuple[object, ...]]) -> None:
        self.warned = warned
        self._lines.clear()
        self.refresh()

    def set_unit(self, unit: AmountUnit | None) -> None:
        self.unit = unit
        self._lines.clear()
        self.refresh()

    def set_rows(self, rows: Rows) -> None:
        """Show these rows; the cursor stays on the same series when it is still there."""
        current = self.current_row
        self.rows = rows
        index = 0
        if current is not None:
            index = rows.position(current.series) or 0
        self._lines.clear()
        self.virtual_size = Size(0, len(rows) + 1)
        self._move(index, force_message=True)

    @property
    def current_row(self) -> Row | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def marked_rows(self) -> list[Row]:
        """Marked rows in the current view, in table order."""
        if not self.marked:
            return []
        return [row for row in self.rows if row.series.key in self.marked]

    def chosen_rows(self) -> list[Row]:
        """What copy and export act on: the marked rows in view, else the current row."""
        marked = self.marked_rows()
        if marked:
            return marked
        return [self.current_row] if self.current_row is not None else []

    # -- actions -----------------------------------------------------------

    def move_to(self, index: int) -> None:
        """Put the cursor on a row (a find's match), scrolled into view."""
        self._move(index)

    def action_cursor_down(self) -> None:
        self._move(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self._move(self.cursor - 1)

    def action_page_down(self) -> None:
        self._move(self.cursor + self._page())

    def action_page_up(self) -> None:
        self._move(self.cursor - self._page())

    def action_first_row(self) -> None:
        self._move(0)

    def action_last_row(self) -> None:
        self._move(len(self.rows) - 1)

    def action_toggle_mark(self) -> None:
        row = self.current_row
        if row is None:
            return
        self.marked.symmetric_difference_update({row.series.key})
        self._lines.clear()
        self.post_message(self.MarksChanged(len(self.marked)))
        self._move(self.cursor + 1, force_refresh=True)

    def action_clear_marks(self) -> None:
        self.marked.clear()
        self._lines.clear()
        self.refresh()
        self.post_message(self.MarksChanged(0))

    def action_open_row(self) -> None:
        if (row := self.current_row) is not None:
            self.post_message(self.Opened(row))

    def action_focus_tree(self) -> None:
        self.post_message(self.LeftPressed())

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _move(self, index: int, *, force_message: bool = False, force_refresh: bool = False) -> None:
        index = max(0, min(index, len(self.rows) - 1)) if self.rows else 0
        moved = index != self.cursor
        self.cursor = index
        self._scroll_to_cursor()
        if moved or force_message or force_refresh:
            self.refresh()
        if moved or force_message:
            self.post_message(self.Highlighted(self.current_row))

    def _scroll_to_cursor(self) -> None:
        visible = self._page()
        top = round(self.scroll_offset.y)
        if self.cursor < top:
            top = self.cursor
        elif self.cursor >= top + visible:
            top = self.cursor - visible + 1
        # force: rows that fitted had no scrollbar, and until the next layout gives one, Textual
        # refuses to scroll: clearing a filter would leave the cursor out of sight. The scroll is
        # still bounded by the rows (max_scroll_y).
        self.scroll_to(y=top, animate=False, immediate=True, force=True)

    # -- events ------------------------------------------------------------

    def on_click(self, event: Click) -> None:
        if event.y >= 1:
            index = round(self.scroll_offset.y) + event.y - 1
            if index < len(self.rows):
                self._move(index)
                if event.chain == 2:
                    self.action_open_row()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_resize(self) -> None:
        self._lines.clear()
        self._scroll_to_cursor()

    # -- rendering ---------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("series-table--header")
            return self._strip(join(header_cells(), widths(width)), width, style)
        index = round(self.scroll_offset.y) + y - 1
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        marked = row.series.key in self.marked
        cursor = index == self.cursor
        k = row.series.key
        warned = (k.region, k.region_code, k.metric, k.kind, k.unit, row.series.periods[row.at]) in self.warned
        key = (id(row.series), row.at, width, marked, cursor, self.has_focus, warned, self.unit)
        strip = self._lines.get(key)
        if strip is None:
            style = base
            if marked:
                style += self.get_component_rich_style("series-table--marked")
            if cursor:
                name = "series-table--cursor" if self.has_focus else "series-table--cursor-blur"
                style += self.get_component_rich_style(name)
            try:
                cells = row_cells(row, marked=marked, warned=warned, unit=self.unit)
            except StoreError as exc:  # the figures load on first sight, and the store just failed
                self.post_message(self.StoreFailed(exc))
                return self._strip(Text("  (store unavailable: ctrl+r reloads)"), width, style)
            strip = self._strip(join(cells, widths(width)), width, style)
            self._lines[key] = strip
        return strip

    def _strip(self, line, width: int, style) -> Strip:
        segments = list(line.render(self.app.console))
        return Strip(segments).apply_style(style).adjust_cell_length(width, style)
