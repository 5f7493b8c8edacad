"""Pilot tests of the dashboard at any terminal size (80x24 to 200x50), and of what must hold
however it is used: the cursor in sight after a filter is cleared, each palette entry once, and
nothing raised by a callback that arrives after quitting."""
from __future__ import annotations

import asyncio
from pathlib import Path

from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static

from tradedash.extract.store import StoreError
from tradedash.tui.app import TradedashApp
from tradedash.tui.detail import DetailPane
from tradedash.tui.region_tree import RegionTree
from tradedash.tui.screens import DetailScreen
from tradedash.tui.series_table import SeriesTable

from .dashboard_data import settled, wait_loaded
from .test_app import current, db, drive, make_app, plain, table_lines

__all__ = ["db"]  # the fixture, shared with test_app


def footer_keys(app: TradedashApp) -> list[Widget]:
    """The keys the footer of the screen on top shows."""
    return [key for key in app.screen.query("FooterKey") if key.display]


def footer_text(app: TradedashApp) -> str:
    return " ".join(f"{key.key_display} {key.description}" for key in footer_keys(app))  # type: ignore[attr-defined]


def in_sight(app: TradedashApp) -> bool:
    table = app.table
    top = round(table.scroll_offset.y)
    return top <= table.cursor < top + table.scrollable_content_region.height - 1  # less the header line


def test_at_80x24_the_table_takes_the_width_and_enter_opens_the_detail_full_screen(db: Path) -> None:
    app = make_app(db)

    async def scenario(pilot: Pilot) -> None:
        tree, table = app.query_one(RegionTree), app.table
        assert not tree.display and not app.query_one(DetailPane).display
        columns = table_lines(app)[0].split()
        assert columns[:5] == ["地区", "指标", "时期", "数值", "同比"] and "来源" not in columns  # left out first
        assert "21,076.8亿元  +22.6%" in table_lines(app)[3]
        assert footer_text(app) == "/ Filter r Region p Period t Tree y Copy MD ? Keys q Quit ^p palette"
        assert all(key.region.right <= 80 for key in footer_keys(app))
        await pilot.press("t")
        assert tree.display and app.focused is tree
        await pilot.press("t")
        assert not tree.display and app.focused is table
        await pilot.press("j", "enter")
        assert isinstance(app.screen, DetailScreen)
        assert plain(app.screen.query_one("#series-title", Static)).startswith("北京市 · 进出口")
        await settled(pilot)
        assert "2 figures differ for 2021年" in plain(app.screen.query_one("#sources-body", Static))
        assert app.focused is app.screen.query_one("#sources-pane")
        assert footer_text(app) == "esc Back"
        await pilot.press("escape")
        assert not isinstance(app.screen, DetailScreen) and app.focused is table and app.is_running
        await pilot.press("enter", "q")  # q goes back from the detail, and does not quit
        assert not isinstance(app.screen, DetailScreen) and app.is_running
        await pilot.press("enter", "h")
        assert not isinstance(app.screen, DetailScreen) and current(app) == ("北京市", "进出口")
        await pilot.press("h")  # from the table: the tree, shown where it was hidden
        assert tree.display and app.focused is tree

    drive(app, scenario, size=(80, 24))


def test_at_200x50_the_tree_the_table_and_the_detail_stand_side_by_side(db: Path) -> None:
    app = make_app(db)

    async def scenario(pilot: Pilot) -> None:
        tree, table, detail = app.query_one(RegionTree), app.table, app.query_one(DetailPane)
        assert tree.display and detail.display
        assert tree.region.right <= table.region.x and table.region.right <= detail.region.x
        assert detail.region.height > 40  # the whole height beside the table, not 15 lines under it
        assert table_lines(app)[0].split() == ["地区", "指标", "时期", "数值", "同比", "占比", "趋势", "来源"]
        series, sources = app.query_one("#series-pane"), app.query_one("#sources-pane")
        assert series.region.bottom <= sources.region.y  # the series over its sources
        assert "space Mark / Filter" in footer_text(app) and "q Quit" in footer_text(app)
        await pilot.press("enter")
        assert not isinstance(app.screen, DetailScreen) and app.focused is sources

    drive(app, scenario, size=(200, 50))


def test_a_resize_lays_the_panes_out_again_and_refits_the_footer(db: Path) -> None:
    app = make_app(db)

    async def scenario(pilot: Pilot) -> None:
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.query_one(RegionTree).display and not app.query_one(DetailPane).display
        assert "e Export" not in footer_text(app) and all(key.region.right <= 80 for key in footer_keys(app))
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert app.query_one(RegionTree).display and app.query_one(DetailPane).display
        assert "e Export" in footer_text(app) and all(key.region.right <= 120 for key in footer_keys(app))

    drive(app, scenario, size=(200, 50))


def test_the_cursor_stays_in_sight_when_a_filter_is_cleared(db: Path) -> None:
    """A filter that fits in the table has no scrollbar; clearing it must still scroll to the cursor."""
    app = make_app(db)

    async def scenario(pilot: Pilot) -> None:
        await pilot.press("G", "p", "enter")  # latest only: fewer rows than the table holds
        assert len(app.table.rows) < 15
        await pilot.press("escape")
        await pilot.pause()
        assert len(app.table.rows) == 18 and app.table.cursor == 17 and in_sight(app)
        await pilot.press("r", *"长三角", "enter", "escape")
        await pilot.pause()
        assert current(app) == ("长三角", "进出口") and in_sight(app)

    drive(app, scenario, size=(80, 34))


def test_the_palette_lists_each_action_once(db: Path) -> None:
    app = make_app(db)

    async def scenario(pilot: Pilot) -> None:
        commands = list(app.get_system_commands(app.screen))
        assert [c.title for c in commands if c.callback == app.action_quit] == ["Quit tradedash"]
        assert len({c.callback for c in commands}) == len(commands)
        assert any(c.title == "Show or hide the region tree (hidden by default under 110 columns)" for c in commands)

    drive(app, scenario)


def test_callbacks_after_quitting_do_nothing(db: Path) -> None:
    """A highlight, the store watch or a failure can arrive after q has taken the widgets down."""
    app = make_app(db)

    async def run() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_loaded(pilot)
            row = app.table.current_row
            await pilot.press("q")
        app.on_series_table_highlighted(SeriesTable.Highlighted(row))
        app.store_failed(StoreError("gone"))
        app.store_changed()
        app.store.close()

    asyncio.run(run())


def test_the_header_stays_one_line_at_any_width() -> None:
    from tradedash.extract.filters import Filters
    from tradedash.tui.header import HeaderInfo, fitted

    info = HeaderInfo("/home/analyst/.local/share/tradedash/tradedash.sqlite3", 162, 1784, 2, 1654,
                      Filters(text="广东 进出口"), warnings=7, unit="亿美元")
    wide = fitted(info, 200).plain
    assert "162 documents" in wide and "(! shows their rows)" in wide
    for width in (80, 60, 30):
        narrow = fitted(info, width)
        assert narrow.cell_len <= width and "\n" not in narrow.plain
    assert fitted(info, 80).plain.startswith("tradedash 162 docs · 1784 facts · 2/1654")
