"""SVG snapshots of the main screens at 120x40 (and the layouts of 80x24 and 200x50), on the
tests' own store (see dashboard_data).

Update after a deliberate change with ``pytest tests/test_snapshots.py --snapshot-update``
and look at the report. ``snap_compare`` is synchronous: never call it from an async test.
"""
from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tradedash.extract.store import Store
from tradedash.tui.app import TradedashApp
from tradedash.tui.clipboard import Clipboard
from tradedash.tui.config import Config
from tradedash.tui.region_tree import RegionTree

from .dashboard_data import build_store, settled, wait_loaded

SIZE = (120, 40)


@pytest.fixture
def app(tmp_path: Path):
    store = Store(build_store(tmp_path / "dash.sqlite3"))
    yield TradedashApp(store, store_label="dash.sqlite3", config=Config(),
                       clipboard=Clipboard(env={}, which=lambda name: None), export_dir=Path("/reports"))
    store.close()


def steps(*keys: str, then: Callable[[Pilot], Awaitable[None]] | None = None) -> Callable[[Pilot], Awaitable[None]]:
    """Wait for the data, press keys, run ``then``, and stop cursors blinking so the picture is stable."""

    async def run(pilot: Pilot) -> None:
        await wait_loaded(pilot)
        await pilot.press(*keys)
        if then is not None:
            await then(pilot)
        await settled(pilot)
        for widget in pilot.app.screen.query("Input, TextArea"):
            assert isinstance(widget, (Input, TextArea))
            widget.cursor_blink = False
        await pilot.pause()

    return run


def check(snap_compare, app: TradedashApp, keys: Sequence[str] = (), then=None, size: tuple[int, int] = SIZE) -> None:
    assert snap_compare(app, terminal_size=size, run_before=steps(*keys, then=then))


def test_main_screen(snap_compare, app) -> None:
    check(snap_compare, app)


def test_conflicting_figures(snap_compare, app) -> None:
    check(snap_compare, app, ["j"])


def test_series_with_sparkline(snap_compare, app) -> None:
    check(snap_compare, app, ["j", "j"])


def test_markup_in_an_article_title_stays_text(snap_compare, app) -> None:
    check(snap_compare, app, ["G", "k", "k", "k", "k", "k", "k", "k", "k"])


def test_text_filter(snap_compare, app) -> None:
    check(snap_compare, app, ["slash", *"进出口 江苏"])


async def _tree_on_beijing(pilot: Pilot) -> None:
    tree = pilot.app.query_one(RegionTree)
    tree.focus()
    await pilot.press("j", "enter", "space", "j")


def test_region_tree_filter(snap_compare, app) -> None:
    check(snap_compare, app, then=_tree_on_beijing)


def test_region_picker(snap_compare, app) -> None:
    check(snap_compare, app, ["r", *"江苏"])


def test_period_picker(snap_compare, app) -> None:
    check(snap_compare, app, ["p"])


def test_latest_only(snap_compare, app) -> None:
    check(snap_compare, app, ["p", "enter"])


def test_help_screen(snap_compare, app) -> None:
    check(snap_compare, app, ["question_mark"])


def test_copied_markdown_modal(snap_compare, app) -> None:
    check(snap_compare, app, ["space", "space", "y"])


def test_export_modal(snap_compare, app) -> None:
    check(snap_compare, app, ["space", "e"])


def test_check_warnings_only_on_a_derived_month(snap_compare, app) -> None:
    check(snap_compare, app, ["exclamation_mark", "G"])


def test_main_screen_at_80x24(snap_compare, app) -> None:
    """The table takes the width: no tree, no detail pane, the footer's narrow keys."""
    check(snap_compare, app, size=(80, 24))


def test_full_screen_detail_at_80x24(snap_compare, app) -> None:
    check(snap_compare, app, ["j", "j", "enter"], size=(80, 24))


def test_main_screen_at_200x50(snap_compare, app) -> None:
    """The tree, the table and the detail beside it, the series over its sources."""
    check(snap_compare, app, ["j", "j"], size=(200, 50))
