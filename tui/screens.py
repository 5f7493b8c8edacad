"""Modal screens: the region and period pickers, the key help, the copied text, the export path,
the row's detail full screen.

Each modal returns its answer through ``dismiss``; the app decides what to do with it.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Generic, TypeVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ..extract.exports import ExportError, export_format
from ..extract.filters import PeriodFilter, RegionFilter, parse_period_filter
from ..extract.region_tree import RegionNode, resolve_region
from .bindings import SCOPE_LABELS, VERBS, bindings, keys_for
from .clipboard import CopyReport
from .detail import DetailPane, DetailScroll
from .footer import VerbFooter
from .text import one_line

T = TypeVar("T")


class PickerScreen(ModalScreen[T], Generic[T]):
    """Type to narrow a list, arrows to move, Enter to pick (the typed text when nothing is listed)."""

    BINDINGS = bindings("picker")
    TITLE = ""
    PLACEHOLDER = ""

    def __init__(self, choices: Sequence[tuple[Text, str, T]]) -> None:
        """``choices``: (what is shown, what typing matches against, the answer)."""
        super().__init__()
        self.choices = list(choices)
        self.shown: list[T] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog picker"):
            yield Label(Text(self.TITLE), classes="dialog-title")
            yield Input(placeholder=self.PLACEHOLDER, compact=True, id="picker-input")
            yield OptionList(id="picker-options")
            yield Label("", id="picker-error", classes="dialog-error")

    def on_mount(self) -> None:
        self._refill("")
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._refill(event.value)

    def _refill(self, typed: str) -> None:
        needle = typed.strip().lower()
        options = self.query_one(OptionList)
        picked = [(shown, answer) for shown, haystack, answer in self.choices if needle in haystack.lower()]
        if (extra := self.typed_choice(typed)) is not None:
            picked = [extra, *(p for p in picked if p[1] != extra[1])]
        self.shown = [answer for _, answer in picked]
        options.set_options(Option(shown) for shown, _ in picked)
        options.highlighted = 0 if picked else None
        self.query_one("#picker-error", Label).update("")

    def typed_choice(self, typed: str) -> tuple[Text, T] | None:
        """An entry for exactly what was typed, listed first; None when the text means nothing yet."""
        return None

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if self.shown:
            current = options.highlighted if options.highlighted is not None else -step
            options.highlighted = max(0, min(len(self.shown) - 1, current + step))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one(OptionList)
        if options.highlighted is not None and self.shown:
            self.dismiss(self.shown[options.highlighted])
            return
        try:
            self.dismiss(self.from_text(event.value))
        except ValueError as exc:
            self.query_one("#picker-error", Label).update(Text(str(exc)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.shown[event.option_index])

    def from_text(self, text: str) -> T:
        raise ValueError("pick an entry from the list")


class RegionPicker(PickerScreen[RegionFilter]):
    TITLE = "Region (includes its sub-regions)"
    PLACEHOLDER = "北京, 朝阳区, 长三角 …"

    def __init__(self, root: RegionNode) -> None:
        self.root = root
        choices: list[tuple[Text, str, RegionFilter]] = []

        def walk(node: RegionNode, depth: int) -> None:
            if node.filter is not None:
                shown = Text("  " * depth)
                shown.append_text(one_line(node.label))
                shown.append(f" {node.total}", style="dim")
                choices.append((shown, f"{node.filter.name or ''} {node.label}", node.filter))
            for child in node.children:
                walk(child, depth + 1 if node.filter is not None else depth)

        walk(root, 0)
        super().__init__(choices)

    def from_text(self, text: str) -> RegionFilter:
        if not text.strip():
            raise ValueError("type a region name")
        return resolve_region(text, self.root)


class PeriodPicker(PickerScreen[PeriodFilter]):
    TITLE = "Period: a year, a month range, or the latest figures only"
    PLACEHOLDER = "2022, 1-7月, 2022年1-7月, 一季度, latest …"

    def __init__(self, choices: Sequence[PeriodFilter]) -> None:
        super().__init__([(Text(_period_choice(c)), f"{c.label} {c.kind}", c) for c in choices])

    def typed_choice(self, typed: str) -> tuple[Text, PeriodFilter] | None:
        try:
            choice = parse_period_filter(typed)
        except ValueError:
            return None
        return Text(_period_choice(choice)), choice

    def from_text(self, text: str) -> PeriodFilter:
        return parse_period_filter(text)


class FindScreen(PickerScreen[str]):
    """The words ``n`` and ``N`` look for: in regions, metrics and the source sentences."""

    TITLE = "Find: a region, a metric or words of a source sentence (then n / N)"
    PLACEHOLDER = "深圳, 机电, 跨境电商 …"

    def __init__(self) -> None:
        super().__init__([])

    def from_text(self, text: str) -> str:
        if not text.strip():
            raise ValueError("type what to find")
        return text.strip()


def _period_choice(choice: PeriodFilter) -> str:
    if choice.kind == "latest":
        return "最新 — latest only: one row per region and metric, its newest figure"
    if choice.kind == "year":
        return f"{choice.label} — figures within the year"
    return f"{choice.label} — this month range" + ("" if choice.year else " in every year")


class HelpScreen(ModalScreen[None]):
    BINDINGS = bindings("help")

    def __init__(self, keymap: dict[str, str], key_display: Callable[[str], str]) -> None:
        super().__init__()
        self.keymap = keymap
        self.key_display = key_display

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Label(Text("Keys  (remap by id in config.toml [keymap]; escape closes)"), classes="dialog-title")
            with VerticalScroll():
                yield Static(self.table(), id="help-table")

    def table(self) -> Table:
        table = Table(box=None, padding=(0, 2, 0, 0), show_edge=False, header_style="bold")
        for name in ("keys", "what it does", "where", "id"):
            table.add_column(name, no_wrap=name != "what it does")
        for verb in VERBS:
            keys = ", ".join(self.key_display(k) for k in keys_for(verb, self.keymap).split(","))
            table.add_row(Text(keys, style="bold"), Text(verb.help), Text(SCOPE_LABELS[verb.scope], style="dim"),
                          Text(verb.id, style="dim"))
        table.add_row(Text("ctrl+p", style="bold"), Text("Command palette: every action by name"),
                      Text("everywhere", style="dim"), Text(""))
        return table

    def action_close(self) -> None:
        self.dismiss(None)


class CopiedScreen(ModalScreen[None]):
    """The copied text, selectable, and what the copy did: for when nothing could confirm it."""

    BINDINGS = bindings("copied")

    def __init__(self, title: str, text: str, report: CopyReport | None) -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.report = report

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog copied"):
            yield Label(Text(self.title_text), classes="dialog-title")
            if self.report is not None:
                note = Text(self.report.summary)
                if not self.report.confirmed:
                    note.append(". Nothing confirmed the copy: select the text below to copy it by hand.", style="bold")
                yield Label(note, id="copied-report")
            yield TextArea(self.text, read_only=True, soft_wrap=False, show_line_numbers=False, id="copied-text")
            yield Label(Text("escape closes", style="dim"))

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_close(self) -> None:
        self.dismiss(None)


class ExportScreen(ModalScreen[Path | None]):
    """Ask where to write; the format follows the extension (.md, .tsv, .csv, .json)."""

    BINDINGS = bindings("export")

    def __init__(self, default: Path, count: int) -> None:
        super().__init__()
        self.default = default
        self.count = count
        self._confirm: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog export"):
            title = f"Write {self.count} rows to a file (.md Markdown, .tsv, .csv, .json)"
            yield Label(Text(title), classes="dialog-title")
            yield Input(str(self.default), compact=True, id="export-path")
            yield Label("", id="export-note", classes="dialog-error")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_changed(self) -> None:
        self._confirm = None
        self.query_one("#export-note", Label).update("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.query_one("#export-note", Label).update(Text("type a file name"))
            return
        path = Path(text).expanduser()
        if path.is_dir():
            self.query_one("#export-note", Label).update(Text(f"{path} is a folder: add a file name"))
            return
        try:
            export_format(path)
        except ExportError as exc:
            self.query_one("#export-note", Label).update(Text(str(exc)))
            return
        if path.exists() and self._confirm != path:
            self._confirm = path
            self.query_one("#export-note", Label).update(Text(f"{path.name} exists: Enter again to overwrite it"))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)


class DetailScreen(ModalScreen[None]):
    """The current row's series and sources over the whole screen: where the terminal is too short
    for the detail pane under the table, Enter opens it here. The app fills it as it fills the pane."""

    BINDINGS = bindings("full_detail")

    def compose(self) -> ComposeResult:
        yield DetailPane(id="detail-full")
        yield VerbFooter()

    def on_mount(self) -> None:
        self.query_one("#sources-pane", DetailScroll).focus()

    def on_detail_scroll_back_pressed(self, event: DetailScroll.BackPressed) -> None:
        event.stop()  # h, as in the pane: back to the table, which is under this screen
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
