"""The dashboard: routes messages between the widgets, owns the filters, talks to the store.

Widgets hold no data of their own beyond what is handed down (rows, regions, a
detail) and report what the user did with messages; this class decides what that
means. Loading (the series query) runs in a thread worker so the screen paints first.
An empty store is never filled with the bundled sample: the dashboard shows the read-only
demo store (extract/demo.py) under a banner instead (``dashboard_app``).
"""
from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from ..extract.checks import CheckWarning
from ..extract.amounts import AmountUnit, amount_in, next_unit
from ..extract.breakdowns import Whole, breakdown_lines, measure_name, whole_of
from ..extract.clean import shown
from ..extract.derived import beside, inputs_of
from ..extract.exports import ExportError, export_text, write_atomically
from ..extract.filters import (
    Filters,
    PeriodFilter,
    RegionFilter,
    parse_period_filter,
    period_choices,
    refine,
    select_rows,
)
from ..extract.ordering import Sort, next_dimension, next_match, next_sort_column, sort_rows
from ..extract.region_tree import (
    GazetteerLookup,
    PrefixLookup,
    RegionLookup,
    place_by,
    region_tree,
    resolve_region,
)
from ..extract.render import fact_value, markdown_table, tsv_table
from ..extract.series import Row, Rows, as_fact
from ..extract.series_load import Source, facts_for_rows, load_series, region_counts, sources
from ..extract.store import Store, StoredFact, StoreError
from ..extract.store_watch import StoreWatch
from .app_state import Checked, Dataset, Finding, row_key
from .bindings import VERBS, bindings, keys_for
from .breakdowns import BreakdownScreen
from .clipboard import Clipboard, CopyReport
from .config import Config, load_config
from .detail import DetailPane, DetailScroll
from .footer import VerbFooter
from .header import HeaderInfo, StoreHeader
from .region_tree import RegionTree
from .screens import CopiedScreen, DetailScreen, ExportScreen, FindScreen, HelpScreen, PeriodPicker, RegionPicker
from .series_table import SeriesTable
from .text import count, one_line


class _FromWorker:
    """The app as a clipboard target from a worker thread: OSC 52 is sent from the UI thread."""

    def __init__(self, app: App[int]) -> None:
        self.app = app

    def copy_to_clipboard(self, text: str) -> None:
        self.app.call_from_thread(self.app.copy_to_clipboard, text)


class TradedashApp(App[int]):
    CSS_PATH = Path(__file__).with_name("tradedash.tcss")  # absolute: subclasses elsewhere find it too
    TITLE = "tradedash"
    BINDINGS = bindings("app")
    # Classes on each screen that tradedash.tcss lays the panes out by: under 110 columns the table
    # needs the width (its fixed columns take 84 cells), from 180 the detail fits beside it, and
    # under 30 rows a detail pane under the table would leave it a handful of rows.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-medium"), (180, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

    def __init__(
        self,
        store: Store,
        *,
        store_label: str | None = None,
        region: str | None = None,
        period: PeriodFilter | None = None,
        config: Config | None = None,
        clipboard: Clipboard | None = None,
        demo_of: Path | None = None,
        export_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.store_label = store_label or str(store.path)
        self.config = config or Config()
        self.clipboard_tools = clipboard or Clipboard()
        self.demo_of = demo_of
        """The user's empty store, when ``store`` is the demo store shown in its place."""
        self.export_dir = export_dir or Path.cwd()
        self.filters = Filters(period=period)
        self.pending_region = region
        self.dataset: Dataset | None = None
        self._filtered = False
        """Whether the table's rows are the current filters' (so a narrower text can refine them)."""
        self.last_copy: tuple[str, str, CopyReport | None] | None = None
        self.status = ""
        self._store_broken = False
        """Whether the store failed under the dashboard (said once, until a reload)."""
        self._watch: StoreWatch | None = None
        """Whether another connection (an ingest) committed to the store since it was read."""
        self._change_said = False
        """Whether that was said (once, until a reload)."""
        self.checked: Checked | None = None
        self.warnings_only = False
        self.sort: Sort | None = None
        self.finding: Finding | None = None

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Plain text unless asked: messages carry paths and article text, never markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    # -- layout --------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StoreHeader(id="header")
        if self.demo_of is not None:
            yield Static(demo_banner(self.demo_of), id="demo-banner")
        with Horizontal(id="body"):
            yield RegionTree(id="regions")
            with Vertical(id="main"):
                yield Input(placeholder="words that each match a region or a metric, e.g. 全国 出口 (escape clears)",
                            compact=True, id="filter")
                yield SeriesTable(id="table")
                yield DetailPane(id="detail")
        yield VerbFooter()

    @property
    def table(self) -> SeriesTable:
        return self.query_one(SeriesTable)

    @property
    def _quitting(self) -> bool:
        """Whether quitting has begun. The widgets are then being taken down, yet a highlight, a
        worker's result or the store watch can still arrive, and querying a widget would raise
        NoMatches: those callbacks return early. Textual detaches every node once told to exit."""
        return not any(table.is_attached for table in self.query(SeriesTable))

    def on_mount(self) -> None:
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        for note in self.config.notes:
            self.notify(note, title="config", severity="warning", timeout=10)
        self.query_one("#filter", Input).display = False
        self.status = "loading…"
        self._update_header()
        self.table.focus()
        self.call_after_refresh(self.load_data)  # paint first: the worker would compete for the GIL
        self.set_interval(2.0, self._watch_store)

    # -- a store that changes or breaks under the dashboard -----------------------

    def _watch_store(self) -> None:
        if not self._store_broken:
            self._check_store()

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def _check_store(self) -> None:
        """Off the UI thread (a stat and a pragma, either of which can wait on a busy disk): another
        file at the store's path, or another connection's commit to it (tradedash ingest)."""
        if self.store.replaced():
            self.call_from_thread(self.store_failed, StoreError(f"{shown(self.store.path)}: the file was replaced "
                                                                "or removed while the dashboard was open"))
            return
        watch = self._watch  # once: a reload replaces it from another thread
        try:
            changed = watch is not None and watch.changed()
        except StoreError as exc:
            self.call_from_thread(self.store_failed, exc)
            return
        if changed:
            self.call_from_thread(self.store_changed)

    def store_changed(self) -> None:
        """Another process wrote to the store: say so once and keep what is on screen; ctrl+r reads
        it again (the dashboard never rereads on its own, under an analyst's cursor and marks)."""
        if self._change_said or self._store_broken or self._quitting:
            return
        self._change_said = True
        self.status = "store changed · ctrl+r reloads"
        self._update_header()
        self.notify("The store changed (another tradedash ingest?): ctrl+r reloads", title="store", timeout=30)

    def store_failed(self, error: StoreError, store: Store | None = None) -> None:
        """The store changed under the dashboard or is damaged: say so once, keep what is on
        screen, and offer a reload (ctrl+r). Never a traceback. ``store``: the one that failed,
        when a worker used it; a store a reload has since replaced is no news."""
        if self._store_broken or self._quitting or (store is not None and store is not self.store):
            return
        self._store_broken = True
        self.status = "store unavailable · ctrl+r reloads"
        self._update_header()
        self.notify(f"{error}. Press ctrl+r to reload.", title="store changed or damaged", severity="error",
                    timeout=30)

    def on_series_table_store_failed(self, event: SeriesTable.StoreFailed) -> None:
        self.store_failed(event.error)

    def action_reload(self) -> None:
        self.status = "reloading…"
        self._update_header()
        self._reopen()

    # -- loading ---------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load", name="load", exit_on_error=False)
    def load_data(self) -> Dataset:
        return self._read_dataset()

    @work(thread=True, exclusive=True, group="load", name="load", exit_on_error=False)
    def _reopen(self) -> Dataset:
        """Open the store's path afresh (the file may have been replaced) and read it again. The
        stale connection closes first: two connections of one process on one file share its
        locks, and a stale one would make the fresh one fail."""
        self._close_watch()
        self.store.close()
        self.store = open_store(self.store.path)
        self._store_broken = False
        return self._read_dataset()

    def _read_dataset(self) -> Dataset:
        """The store as one state, though an ingest may commit while it is read: a read that the
        store's version moved under is read again (three tries; after that the watch reports the
        change). The header's fact count is the region tree's total, so the two always agree."""
        try:
            lookup: RegionLookup = GazetteerLookup()
        except Exception:  # a broken gazetteer must not keep the store from showing
            lookup = PrefixLookup()
        self._close_watch()
        self._watch = watch = StoreWatch(self.store.path)
        for _ in range(3):
            version = watch.version()
            series = load_series(self.store, place_by(lookup))
            regions = region_tree(region_counts(self.store), lookup)
            documents, _ = self.store.counts()
            if watch.version() == version:
                break
        watch.shown = version
        return Dataset(series, regions, period_choices(series), documents, regions.total)

    def _close_watch(self) -> None:
        if self._watch is not None:
            self._watch.close()
            self._watch = None

    def on_unmount(self) -> None:
        self._close_watch()

    @work(thread=True, exclusive=True, group="check", name="check", exit_on_error=False)
    def _check(self) -> Checked | None:
        """The identities and the derived figures, after the first paint: they read every fact."""
        from ..extract.check_run import run_checks
        from ..extract.derived import derived_series

        store = self.store
        try:
            found = run_checks(store)
        except StoreError as exc:
            self.call_from_thread(self.store_failed, exc, store)
            return None
        series, stand_ins = derived_series(found.derived, place_by(GazetteerLookup()))
        return Checked(found.warnings, series, stand_ins, store)

    def _checked(self, checked: Checked) -> None:
        self.checked = checked
        if self.dataset is not None:
            self.dataset.series[:] = beside(self.dataset.series, checked.derived)
            self._filtered = False
        self.table.set_warned(checked.warned())
        self.set_filters(self.filters)

    def action_cycle_unit(self) -> None:
        """As published -> 亿元 -> 万亿元 -> 亿美元 -> as published: the table, the detail, copy and export."""
        self.table.set_unit(next_unit(self.table.unit))
        if self.sort is not None and self.sort.column == "value":  # amounts now compare in another currency
            self._refilter()
        self._update_header()
        self._show_detail(self.table.current_row)

    # -- sort, dimension, find ------------------------------------------------------

    def _refilter(self) -> None:
        self._filtered = False
        self.set_filters(self.filters)

    def action_sort_column(self) -> None:
        self.sort = next_sort_column(self.sort)
        self._refilter()

    def action_sort_ascending(self) -> None:
        self.sort = Sort(self.sort.column if self.sort else "value", descending=False)
        self._refilter()

    def action_sort_descending(self) -> None:
        self.sort = Sort(self.sort.column if self.sort else "value", descending=True)
        self._refilter()

    def action_breakdowns(self) -> None:
        row = self.table.current_row
        if row is None or row.point.period is None or row.series.key.kind != "amount":
            self.notify("b shows what makes up an amount of a known period: move to such a row.", title="breakdown")
            return
        self._load_breakdowns(row)

    @work(thread=True, exclusive=True, group="breakdowns", exit_on_error=False)
    def _load_breakdowns(self, row: Row) -> None:
        """Off the UI thread: the region and period's facts and the row's measure are read from the
        store. The whole is the row's figure on a headline row, the stored headline of its measure
        on a breakdown row; where articles disagree about it, no share is computed."""
        key, point = row.series.key, row.point
        main = point.main
        store = self.store  # a reload replaces it: failures of this one are then old news
        try:
            found = store.facts_by_id([main.fact_id]) if main.fact_id > 0 else []
            facts = store.region_period_facts(key.region, key.region_code, point.period)
        except StoreError as exc:
            self.call_from_thread(self.store_failed, exc, store)
            return
        measure = found[0].fact.measure if found else None
        if row.series.dimension:
            whole = whole_of(facts, key.region, measure, key.unit)
        else:
            whole = Whole(key.region, measure, None if point.conflict else main.value, key.unit, point.conflict)
        lines = breakdown_lines(whole, facts)
        where = f"{key.region or '无地区'} · {point.label}"
        if not lines:
            self.call_from_thread(self.notify, f"No breakdowns are stored for {where}.", title="breakdown")
            return
        unit = self.table.unit
        if whole.ambiguous:
            about = "articles disagree about the whole (≠): no shares computed"
        elif whole.value is None:
            about = "no headline figure stored: shares only as the articles state them"
        else:
            published = (whole.shown if row.series.dimension  # the stored headline
                         else fact_value(as_fact(row.series, point, main)))  # the row's figure, as the table shows it
            about = amount_in(whole.value, whole.unit, point.period, unit, published).text
        title = f"{where} · {measure_name(measure) or key.label} {about}: what makes it up"
        self.call_from_thread(self.push_screen, BreakdownScreen(
            title, lines, unit, lambda chosen: self.copy_facts(chosen, partial(markdown_table, unit=unit), "Markdown")))

    def action_cycle_dimension(self) -> None:
        self.set_filters(replace(self.filters, dimension=next_dimension(self.filters.dimension)))

    def action_find(self) -> None:
        def found(term: str | None) -> None:
            if term:
                self._find(term)

        self.push_screen(FindScreen(), found)

    @work(thread=True, exclusive=True, group="find", exit_on_error=False)
    def _find(self, term: str) -> None:
        """Off the UI thread: the source sentences are in the store."""
        store = self.store  # a reload replaces it: failures of this one are then old news
        try:
            quoting = store.facts_quoting(term)
        except StoreError as exc:
            self.call_from_thread(self.store_failed, exc, store)
            return
        self.call_from_thread(self._found, Finding(term, quoting))

    def _found(self, finding: Finding) -> None:
        self.finding = finding
        self._jump(backwards=False, first=True)

    def action_find_next(self) -> None:
        self._jump(backwards=False)

    def action_find_previous(self) -> None:
        self._jump(backwards=True)

    def _jump(self, *, backwards: bool, first: bool = False) -> None:
        finding = self.finding
        if finding is None:
            self.notify("Nothing to find yet: f asks what to find.")
            return
        matches = finding.matches(self.table.rows)
        cursor = self.table.cursor - 1 if first else self.table.cursor  # first: the current row may match
        target = next_match(matches, cursor, backwards)
        if target is None:
            self.notify(f"No row matches “{finding.term}”" + (" (the filters hide the others)" if self.filters.active
                                                              else "") + ".", title="find")
        else:
            self.table.move_to(target)
        self._update_header()

    def action_warnings_only(self) -> None:
        if self.checked is None:
            self.notify("The checks are still running.", title="checks")
            return
        if not self.checked.warnings and not self.warnings_only:
            self.notify("The figures raise no check warnings.", title="checks")
            return
        self.warnings_only = not self.warnings_only
        self._filtered = False
        self.set_filters(self.filters)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if self._quitting:
            return
        if event.worker.name == "check":
            result = event.worker.result
            if event.state == WorkerState.SUCCESS and result is not None and result.store is self.store:
                self._checked(result)  # not the checks of a store a reload has replaced since
            return
        if event.worker.name != "load":
            return
        if event.state == WorkerState.SUCCESS and event.worker.result is not None:
            self._loaded(event.worker.result)
        elif event.state == WorkerState.ERROR:
            self.status = "cannot read the store"
            self._update_header()
            error = event.worker.error
            reason = str(error) if isinstance(error, StoreError) else f"{type(error).__name__}: {error}"
            self.notify(reason, title="tradedash", severity="error", timeout=30)

    def _loaded(self, dataset: Dataset) -> None:
        gc.unfreeze()  # the last dataset's objects may be collected now
        self.dataset = dataset
        # A store's series are hundreds of thousands of objects that live until the next load:
        # frozen, the collector stops scanning them on every allocation burst (a filter, a sort).
        gc.freeze()
        self._filtered = False
        self.status = ""
        self._change_said = False
        self.query_one(RegionTree).set_regions(dataset.regions)
        filters = self.filters
        if self.pending_region:
            filters = replace(filters, region=resolve_region(self.pending_region, dataset.regions))
            self.pending_region = None
        if dataset.facts == 0:
            self.notify("The store has no facts yet: run `tradedash ingest FOLDER`.", title="empty store", timeout=12)
        self.checked = None
        self.set_filters(filters)
        self.call_after_refresh(self._check)  # after the table is on screen: the checks read every fact

    # -- filters ---------------------------------------------------------------

    def set_filters(self, filters: Filters) -> None:
        before, self.filters = self.filters, filters
        if self.dataset is not None:
            rows = refine(before, self.table.rows, filters) if self._filtered else None  # keeps the sorted order
            if rows is None:
                rows = sort_rows(select_rows(self.dataset.series, filters), self.sort, self.table.unit)
            if self.warnings_only and self.checked is not None:
                warned = self.checked.warned()
                rows = Rows([r.series for r in rows if row_key(r) in warned],
                            [r.at for r in rows if row_key(r) in warned])
            self.table.set_rows(rows)
            self._filtered = True
        self._update_header()

    def _update_header(self) -> None:
        data = self.dataset
        info = HeaderInfo(
            store=self.store_label,
            documents=data.documents if data else 0,
            facts=data.facts if data else 0,
            shown=len(self.table.rows),
            series=len(data.series) if data else 0,
            filters=self.filters,
            status=self.status,
            marked=len(self.table.marked),
            sort=self.sort.label if self.sort else "",
            finding=self.finding.label(self.table.cursor) if self.finding else "",
            unit=self.table.unit.label if self.table.unit else "",
            warnings=len(self.checked.warnings) if self.checked else 0,
            warnings_only=self.warnings_only,
        )
        self.query_one(StoreHeader).show(info)

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            self.set_filters(replace(self.filters, text=event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "filter":
            self.table.focus()

    def action_clear_filters(self) -> None:
        box = self.query_one("#filter", Input)
        with box.prevent(Input.Changed):
            box.value = ""
        box.display = False
        if box.has_focus:
            self.table.focus()
        self.set_filters(Filters())

    def action_pick_region(self) -> None:
        if self.dataset is None:
            return

        def chosen(region: RegionFilter | None) -> None:
            if region is not None:
                self.set_filters(replace(self.filters, region=region))

        self.push_screen(RegionPicker(self.dataset.regions), chosen)

    def action_pick_period(self) -> None:
        if self.dataset is None:
            return

        def chosen(period: PeriodFilter | None) -> None:
            if period is not None:
                self.set_filters(replace(self.filters, period=period))

        self.push_screen(PeriodPicker(self.dataset.periods), chosen)

    def on_region_tree_chosen(self, event: RegionTree.Chosen) -> None:
        self.set_filters(replace(self.filters, region=event.region))

    # -- panes -----------------------------------------------------------------

    def on_series_table_highlighted(self, event: SeriesTable.Highlighted) -> None:
        self._show_detail(event.row)

    def _show_detail(self, row: Row | None) -> None:
        """Fill every detail pane (the dashboard's, and the full-screen one over it): at once
        what is in memory, then the source paragraphs, read from the store in a worker."""
        if self._quitting:
            return
        warnings = self.checked.about(row) if self.checked and row is not None else []
        self._fill_detail(row, [], warnings, loading=row is not None)
        if row is None:
            return
        stand_ins = self.checked.stand_ins if self.checked else {}
        ids = [i for i in row.fact_ids if i > 0]
        ids += [i for f in row.fact_ids if f in stand_ins for i in inputs_of(stand_ins[f])]
        self._read_sources(row, ids, warnings)

    @work(thread=True, exclusive=True, group="sources", exit_on_error=False)
    def _read_sources(self, row: Row, ids: list[int], warnings: list[CheckWarning]) -> None:
        store = self.store  # a reload replaces it: failures of this one are then old news
        try:
            found = sources(store, ids)
        except StoreError as exc:
            self.call_from_thread(self.store_failed, exc, store)
            return
        self.call_from_thread(self._sources_read, row, found, warnings)

    def _sources_read(self, row: Row, found: list[Source], warnings: list[CheckWarning]) -> None:
        current = self.table.current_row
        if current is not None and current.series is row.series and current.at == row.at:  # not moved on since
            self._fill_detail(row, found, warnings)

    def _fill_detail(self, row: Row | None, found: list[Source], warnings: list[CheckWarning], *,
                     loading: bool = False) -> None:
        if self._quitting:
            return
        for screen in self.screen_stack:
            for pane in screen.query(DetailPane):
                pane.show(row, found, warnings, self.table.unit, loading=loading)

    async def on_series_table_opened(self, event: SeriesTable.Opened) -> None:
        """Enter: into the detail pane, or where the terminal is too short to show it under the
        table (tradedash.tcss), the same detail full screen."""
        if self.query_one(DetailPane).display:
            self.query_one("#sources-pane", DetailScroll).focus()
            return
        await self.push_screen(DetailScreen())
        self._show_detail(event.row)

    def on_series_table_marks_changed(self, event: SeriesTable.MarksChanged) -> None:
        self._update_header()

    def on_series_table_left_pressed(self) -> None:
        tree = self.query_one(RegionTree)
        tree.display = True  # where the terminal was too narrow for it, h shows it as t would
        tree.focus()

    def action_toggle_tree(self) -> None:
        """Show the region tree (and go to it) or hide it. Under 110 columns it starts hidden
        (tradedash.tcss); the choice is set on the widget, where it outranks the stylesheet, so it
        stands at any width until t is pressed again."""
        tree = self.query_one(RegionTree)
        tree.display = not tree.display
        if tree.display:
            tree.focus()
        elif tree.has_focus:
            self.table.focus()

    def on_region_tree_right_pressed(self) -> None:
        self.table.focus()

    def on_detail_scroll_back_pressed(self) -> None:
        self.table.focus()

    # -- copy and export -------------------------------------------------------

    def action_copy_markdown(self) -> None:
        self._copy(partial(markdown_table, unit=self.table.unit), "Markdown")

    def action_copy_tsv(self) -> None:
        self._copy(partial(tsv_table, unit=self.table.unit), "tab-separated values")

    def _copy(self, render: Callable[[Sequence[StoredFact]], str], what: str) -> None:
        """The marked rows in view (else the current one): their facts are read, written and
        copied in a worker; marked rows the filters hide are left out, and the note says so."""
        table = self.table
        rows = table.chosen_rows()
        if not rows:
            self.notify("Nothing to copy: no row is selected.", severity="warning")
            return
        hidden = len(table.marked) - len(table.marked_rows())
        stand_ins = self.checked.stand_ins if self.checked else {}
        store = self.store
        self._copy_in_worker(lambda: facts_for_rows(store, rows, stand_ins), render, what, hidden, store)

    def copy_facts(self, facts: Sequence[StoredFact], render: Callable[[Sequence[StoredFact]], str], what: str) -> None:
        """Copy facts already read (the breakdown view's) as ``render`` writes them."""
        self._copy_in_worker(lambda: list(facts), render, what, 0)

    @work(thread=True, group="copy", exit_on_error=False)
    def _copy_in_worker(self, read: Callable[[], Sequence[StoredFact]], render: Callable[[Sequence[StoredFact]], str],
                        what: str, hidden: int, store: Store | None = None) -> None:
        """Off the UI thread: the facts' query, and the clipboard tools (tmux, xclip…), which
        may take their time; OSC 52 goes to the terminal from the UI thread."""
        try:
            facts = read()
        except StoreError as exc:
            self.call_from_thread(self.store_failed, exc, store)
            return
        if not facts:
            self.call_from_thread(self.notify, "Nothing to copy: no row is selected.", severity="warning")
            return
        text = render(facts)
        report = self.clipboard_tools.copy(_FromWorker(self), text)
        self.call_from_thread(self._copied, f"{count(len(facts), 'fact')} as {what}", text, report, hidden)

    def _copied(self, title: str, text: str, report: CopyReport, hidden: int) -> None:
        self.last_copy = (title, text, report)
        message = f"{title}: {report.summary}."
        if hidden:
            message += f" {hidden} marked rows hidden by the filters were left out."
        self.notify(message, title="copy", timeout=8)
        if not report.confirmed:
            self.push_screen(CopiedScreen(title, text, report))

    def action_show_copied(self) -> None:
        if self.last_copy is None:
            self.notify("Nothing copied yet: y copies the marked rows or the current one.")
            return
        title, text, report = self.last_copy
        self.push_screen(CopiedScreen(title, text, report))

    def action_export(self) -> None:
        rows = self.table.chosen_rows()
        if not rows:
            self.notify("Nothing to export: no row is selected.", severity="warning")
            return

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.export(path)

        self.push_screen(ExportScreen(self.export_dir / "tradedash-export.md", len(rows)), chosen)

    def export(self, path: Path) -> None:
        rows = self.table.chosen_rows()
        self._write_export(path, rows, self.table.unit)

    @work(thread=True, group="export", exit_on_error=False)
    def _write_export(self, path: Path, rows: list[Row], unit: AmountUnit | None = None) -> None:
        """Off the UI thread: the facts' query and the file write wait on disks."""
        store = self.store  # a reload replaces it: failures of this one are then old news
        try:
            facts = facts_for_rows(store, rows, self.checked.stand_ins if self.checked else {})
            write_atomically(path, export_text(path, facts, unit), protected=[store.path])
        except ExportError as exc:
            self.call_from_thread(self.notify, str(exc), title="export", severity="error", timeout=15)
            return
        except StoreError as exc:
            self.call_from_thread(self.store_failed, exc, store)
            return
        self.call_from_thread(self.notify, f"Wrote {count(len(facts), 'fact')} to {shown(path)}", title="export")

    # -- help and palette --------------------------------------------------------

    def action_help(self) -> None:
        self.push_screen(HelpScreen(dict(self.config.keymap), lambda key: self.get_key_display(Binding(key, ""))))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's commands, less those that run one of our verbs (its Quit is q), then every verb
        under its own words: each action is listed once."""
        ours = []
        for verb in VERBS:
            if not verb.palette:
                continue
            target = self if verb.scope == "app" else self.table
            callback = getattr(target, f"action_{verb.action}", None)
            if callback is not None:
                ours.append(SystemCommand(verb.help, f"{keys_for(verb, self.config.keymap)} · {verb.id}", callback))
        actions = {command.callback for command in ours}
        yield from (command for command in super().get_system_commands(screen) if command.callback not in actions)
        yield from ours


def display_path(path: Path) -> str:
    """The store path as short as it can be said: relative to here, or to home."""
    resolved = path.expanduser().resolve()
    for base, prefix in ((Path.cwd(), ""), (Path.home(), "~/")):
        try:
            return prefix + str(resolved.relative_to(base))
        except ValueError:
            continue
    return str(resolved)


def open_store(db: Path) -> Store:
    """Read-write (an older store's schema is brought up to date, and damage is looked for);
    read-only when the file allows no more (the demo store, or a store the user made so)."""
    try:
        return Store(db)
    except StoreError:
        if db.is_file():
            return Store(db, readonly=True)
        raise


def run_dashboard(db: Path, region: str | None = None, period: str | None = None) -> int:
    import sys

    try:
        period_filter = parse_period_filter(period) if period else None
    except ValueError as exc:
        print(f"tradedash: --period: {exc}", file=sys.stderr)
        return 2
    app = dashboard_app(db, region=region, period=period_filter, config=load_config())
    try:
        app.run()
    finally:
        app.store.close()  # the one open now: ctrl+r may have replaced the first
    return app.return_code or 0


DEMO_LABEL = "demo store (the bundled sample, read-only)"


def dashboard_app(db: Path, *, region: str | None = None, period: PeriodFilter | None = None,
                  config: Config | None = None, clipboard: Clipboard | None = None,
                  cache_dir: Path | None = None) -> TradedashApp:
    """The dashboard on the user's store; while that is empty or not there yet, on the read-only
    demo store of the bundled sample, under a banner. Looking never creates the user's store,
    and the sample never enters it: the user's store holds only what the user ingested."""
    if db.exists():
        store = open_store(db)
        try:
            empty = store.counts()[0] == 0
        except StoreError:
            store.close()
            raise
        if not empty:
            return TradedashApp(store, store_label=display_path(db), region=region, period=period, config=config,
                                clipboard=clipboard)
        store.close()
    from ..extract.demo import demo_store

    demo = Store(demo_store(cache_dir), readonly=True)
    return TradedashApp(demo, store_label=DEMO_LABEL, region=region, period=period, config=config,
                        clipboard=clipboard, demo_of=db)


def demo_banner(db: Path) -> Text:
    """What the demo is, and how to leave it: the user's own store, named, and the command that fills it."""
    text = Text("Demo: ", style="bold")
    text.append("the bundled sample articles, read-only. Your store ")
    text.append_text(one_line(display_path(db), style="bold"))
    text.append(" is empty: run ")
    text.append("tradedash ingest FOLDER", style="bold")
    text.append(" to fill it.")
    return text
