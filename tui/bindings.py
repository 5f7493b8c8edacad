"""Every key of the dashboard in one place: ids users can remap, help text, palette entries.

Each verb has an id (``copy_markdown``); a user's config.toml maps ids to keys
(``copy_markdown = "c"``) and Textual's ``App.set_keymap`` applies it. Vim aliases
ride on the same binding (``down,j``), so remapping a verb moves every key of it.
The help screen and the command palette are generated from this table, so neither
can forget a key.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.binding import Binding, BindingType

Scope = Literal["app", "table", "tree", "detail", "breakdown", "picker", "help", "copied", "export", "full_detail"]
SCOPE_LABELS: dict[Scope, str] = {
    "app": "everywhere", "table": "metrics table", "tree": "region tree", "detail": "detail pane",
    "breakdown": "breakdown view", "picker": "region, period and find dialogs", "help": "this help",
    "copied": "copied text", "export": "export dialog", "full_detail": "full-screen detail",
}


@dataclass(frozen=True)
class Verb:
    id: str
    keys: str
    action: str
    description: str
    """Short, for the footer and the palette title."""
    help: str
    scope: Scope
    show: bool = False
    palette: bool = True
    narrow: bool = False
    """Shown in the footer even where the terminal is too narrow for every shown verb (tui/footer.py)."""

    def binding(self) -> Binding:
        return Binding(self.keys, self.action, self.description, show=self.show, id=self.id)


VERBS: tuple[Verb, ...] = (
    # everywhere
    Verb("filter", "slash", "filter", "Filter", "Type to filter rows by region and metric", "app", show=True,
         narrow=True),
    Verb("pick_region", "r", "pick_region", "Region", "Pick a region (includes its sub-regions)", "app", show=True,
         narrow=True),
    Verb("pick_period", "p", "pick_period", "Period",
         "Pick a period: a year, a month range or latest only", "app", show=True, narrow=True),
    Verb("toggle_tree", "t", "toggle_tree", "Tree",
         "Show or hide the region tree (hidden by default under 110 columns)", "app", show=True, narrow=True),
    Verb("clear_filters", "escape", "clear_filters", "Clear", "Clear every filter", "app"),
    Verb("copy_markdown", "y", "copy_markdown", "Copy MD",
         "Copy the marked rows (or the current one) as a Markdown table", "app", show=True, narrow=True),
    Verb("copy_tsv", "Y", "copy_tsv", "Copy TSV",
         "Copy the marked rows (or the current one) as tab-separated values", "app"),
    Verb("export", "e", "export", "Export",
         "Write the marked rows (or the current one) to a file (.md .tsv .csv .json)", "app", show=True),
    Verb("show_copied", "v", "show_copied", "Last copy", "Show the text copied last, to copy it by hand", "app"),
    Verb("warnings_only", "exclamation_mark", "warnings_only", "Warnings",
         "Show only the rows whose figures break a check (tradedash check), or all rows again", "app"),
    Verb("cycle_unit", "u", "cycle_unit", "Unit",
         "Show amounts as published, or all in 亿元, 万亿元 or 亿美元 (≈: converted at the year's rate)", "app",
         show=True),
    Verb("breakdowns", "b", "breakdowns", "Breakdown",
         "What makes up the row's figure: its region and period by partner, product, trade mode, enterprise type",
         "app", show=True),
    Verb("cycle_dimension", "d", "cycle_dimension", "Dimension",
         "Show every row, headline figures only, or one breakdown dimension (贸易伙伴, 商品, 贸易方式 …)", "app"),
    Verb("sort_column", "o", "sort_column", "Sort column",
         "Sort by the next column (地区, 指标, 时期, 数值, 同比, 占比, 来源), then the store's order", "app"),
    Verb("sort_ascending", "left_square_bracket", "sort_ascending", "Sort ▲",
         "Sort ascending (by 数值 when no column is chosen)", "app"),
    Verb("sort_descending", "right_square_bracket", "sort_descending", "Sort ▼",
         "Sort descending (by 数值 when no column is chosen)", "app"),
    Verb("find", "f", "find", "Find", "Find rows by region, metric or words of their source sentences", "app"),
    Verb("find_next", "n", "find_next", "Next match", "Go to the next row that matches the find", "app"),
    Verb("find_previous", "N", "find_previous", "Previous match", "Go to the previous match", "app"),
    Verb("reload", "ctrl+r", "reload", "Reload", "Open the store again and reread it (after it changed)", "app"),
    Verb("help", "question_mark", "help", "Keys", "Show every key", "app", show=True, narrow=True),
    Verb("focus_next", "tab", "focus_next", "Next pane", "Move to the next pane", "app", palette=False),
    Verb("focus_previous", "shift+tab", "focus_previous", "Previous pane",
         "Move to the previous pane", "app", palette=False),
    Verb("quit", "q", "quit", "Quit", "Quit tradedash", "app", show=True, narrow=True),
    # metrics table
    Verb("cursor_down", "down,j", "cursor_down", "Down", "Next row", "table", palette=False),
    Verb("cursor_up", "up,k", "cursor_up", "Up", "Previous row", "table", palette=False),
    Verb("page_down", "pagedown,ctrl+f", "page_down", "Page down", "Next page of rows", "table", palette=False),
    Verb("page_up", "pageup,ctrl+b", "page_up", "Page up", "Previous page of rows", "table", palette=False),
    Verb("first_row", "home,g", "first_row", "First row", "Go to the first row", "table"),
    Verb("last_row", "end,G", "last_row", "Last row", "Go to the last row", "table"),
    Verb("toggle_mark", "space", "toggle_mark", "Mark", "Mark or unmark the row and move down", "table", show=True),
    Verb("clear_marks", "U", "clear_marks", "Unmark all", "Unmark every row", "table"),
    Verb("open_row", "enter", "open_row", "Open",
         "Open the row's series and sources in the detail pane (full screen under 30 rows)", "table"),
    Verb("table_left", "left,h", "focus_tree", "Regions", "Go to the region tree", "table", palette=False),
    # region tree
    Verb("tree_down", "down,j", "cursor_down", "Down", "Next region", "tree", palette=False),
    Verb("tree_up", "up,k", "cursor_up", "Up", "Previous region", "tree", palette=False),
    Verb("tree_choose", "enter", "select_cursor", "Show region",
         "Show this region and its sub-regions", "tree", palette=False),
    Verb("tree_toggle", "space", "toggle_node", "Expand", "Expand or collapse the region", "tree", palette=False),
    Verb("tree_left", "left,h", "collapse_or_parent", "Collapse",
         "Collapse, or go to the parent region", "tree", palette=False),
    Verb("tree_right", "right,l", "expand_or_table", "Expand",
         "Expand, or go to the metrics table", "tree", palette=False),
    # detail pane
    Verb("detail_down", "down,j", "scroll_down", "Scroll down", "Scroll the detail down", "detail", palette=False),
    Verb("detail_up", "up,k", "scroll_up", "Scroll up", "Scroll the detail up", "detail", palette=False),
    Verb("detail_back", "left,h", "back_to_table", "Table", "Back to the metrics table", "detail", palette=False),
    # breakdown view (b)
    Verb("breakdown_down", "j", "cursor_down", "Down", "Next line", "breakdown", palette=False),
    Verb("breakdown_up", "k", "cursor_up", "Up", "Previous line", "breakdown", palette=False),
    Verb("breakdown_mark", "space", "mark", "Mark", "Mark or unmark the line and move down", "breakdown",
         palette=False),
    Verb("breakdown_copy", "y", "copy", "Copy MD", "Copy the marked lines (else all) as a Markdown table",
         "breakdown", palette=False),
    Verb("breakdown_ascending", "left_square_bracket", "sort_ascending", "Sort ▲",
         "Sort each group by 数值, ascending", "breakdown", palette=False),
    Verb("breakdown_descending", "right_square_bracket", "sort_descending", "Sort ▼",
         "Sort each group by 数值, descending", "breakdown", palette=False),
    Verb("breakdown_close", "escape,b,q", "close", "Close", "Back to the metrics table", "breakdown",
         palette=False),
    # dialogs
    Verb("picker_cancel", "escape", "cancel", "Cancel", "Close the dialog without choosing", "picker", palette=False),
    Verb("picker_down", "down", "move(1)", "Down", "Next entry", "picker", palette=False),
    Verb("picker_up", "up", "move(-1)", "Up", "Previous entry", "picker", palette=False),
    Verb("help_close", "escape,q,question_mark", "close", "Close", "Close the help", "help", palette=False),
    Verb("copied_close", "escape,q", "close", "Close", "Close the copied text", "copied", palette=False),
    Verb("export_cancel", "escape", "cancel", "Cancel", "Close the dialog without writing", "export", palette=False),
    Verb("detail_close", "escape,q", "close", "Back", "Back to the table", "full_detail", show=True, palette=False),
)

BY_ID: dict[str, Verb] = {verb.id: verb for verb in VERBS}


def bindings(scope: Scope) -> list[BindingType]:
    """A widget's BINDINGS: the verbs of its scope."""
    return [verb.binding() for verb in VERBS if verb.scope == scope]


def keys_for(verb: Verb, keymap: dict[str, str]) -> str:
    """The keys a verb answers to once the user's keymap is applied."""
    return keymap.get(verb.id, verb.keys)
