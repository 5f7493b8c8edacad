"""Pilot tests: the dashboard driven by keys on a store built from the tests' own articles."""
from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from rich.console import Group
from rich.text import Text
from textual.widgets import Input, Label, Static

from tradedash.extract.filters import PeriodFilter
from tradedash.extract.store import Store
from tradedash.tui.app import TradedashApp, dashboard_app, display_path
from tradedash.tui.cli import main as cli_main
from tradedash.tui.clipboard import Clipboard
from tradedash.tui.config import Config
from tradedash.tui.region_tree import RegionTree
from tradedash.tui.screens import (
    CopiedScreen,
    ExportScreen,
    HelpScreen,
    PeriodPicker,
    RegionPicker,
)
from tradedash.tui.series_table import SeriesTable

from .dashboard_data import build_store, settled, wait_loaded
from .test_demo import SAMPLE_ARTICLES

SIZE = (120, 40)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build_store(tmp_path / "dash.sqlite3")


def make_app(path: Path, **options: object) -> TradedashApp:
    options.setdefault("clipboard", Clipboard(env={}, which=lambda name: None))
    options.setdefault("config", Config())
    options.setdefault("store_label", "dash.sqlite3")
    return TradedashApp(Store(path), **options)  # type: ignore[arg-type]


def drive(app: TradedashApp, scenario: Callable[..., Awaitable[None]], size: tuple[int, int] = SIZE) -> None:
    async def run() -> None:
        async with app.run_test(size=size) as pilot:
            await wait_loaded(pilot)
            await scenario(pilot)
        app.store.close()

    asyncio.run(run())


def plain(widget: Static) -> str:
    content = widget.content
    if isinstance(content, Text):
        return content.plain
    if isinstance(content, Group):
        return "\n".join(r.plain for r in content.renderables if isinstance(r, Text))
    return str(content)


async def sources_body(pilot) -> str:  # type: ignore[no-untyped-def]
    """The source pane's text once its worker has read the sources."""
    await settled(pilot)
    return plain(pilot.app.query_one("#sources-body", Static))


def table_lines(app: TradedashApp) -> list[str]:
    table = app.query_one(SeriesTable)
    return [table.render_line(y).text.rstrip() for y in range(table.scrollable_content_region.height)]


def current(app: TradedashApp) -> tuple[str | None, str]:
    row = app.query_one(SeriesTable).current_row
    assert row is not None
    return row.series.key.region, row.series.key.metric


def notes(app: TradedashApp) -> list[str]:
    return [n.message for n in app._notifications]


# -- loading -------------------------------------------------------------------


def test_first_screen_shows_counts_rows_and_the_detail(db: Path) -> None:
    app = make_app(db)

    async def scenario(pilot) -> None:
        header = plain(app.query_one("#header", Static))
        assert "dash.sqlite3 · 13 documents · 23 facts · 18/18 series · ⚠ 1 check warning (! shows their rows)" in header
        lines = table_lines(app)
        assert lines[0].split() == ["地区", "指标", "时期", "数值", "同比", "占比", "趋势", "来源"]
        assert "21,076.8亿元" in next(line for line in lines if "2022年1-7月" in line and "进出口 " in line)
        conflict = next(line for line in lines if "≠ 2 figures" in line)
        assert "2021年" in conflict and "%" not in conflict  # one article's +30.6% is not the row's
        assert any("8.2亿美元" in line and "+15.3%" in line and "51.6%" in line for line in lines)
        assert any("2022年1-6月" in line and "17,643.3亿元" in line for line in lines)  # as a copy says it
        assert "北京市 · 出口" in plain(app.query_one("#series-title", Static))
        assert app.focused is app.query_one(SeriesTable)

    drive(app, scenario)


def _demo_app(user: Path, cache: Path) -> TradedashApp:
    return dashboard_app(user, config=Config(), clipboard=Clipboard(env={}, which=lambda name: None), cache_dir=cache)


def test_a_store_not_there_yet_shows_the_read_only_demo_and_is_not_created(tmp_path: Path) -> None:
    user = tmp_path / "mine" / "tradedash.sqlite3"
    app = _demo_app(user, tmp_path / "cache")

    async def scenario(pilot) -> None:
        assert plain(app.query_one("#demo-banner", Static)) == (
            f"Demo: the bundled sample articles, read-only. Your store {display_path(user)} is empty: "
            "run tradedash ingest FOLDER to fill it.")
        assert app.dataset is not None and app.dataset.documents == SAMPLE_ARTICLES
        assert plain(app.query_one("#header", Static)).startswith(
            f"tradedash demo store (the bundled sample, read-only) · {SAMPLE_ARTICLES} documents")
        assert app.store.readonly and app.store.path.parent == tmp_path / "cache"
        assert app.table.rows  # the sample's series, on screen

    drive(app, scenario)
    assert not user.exists() and not user.parent.exists()


def test_an_empty_store_shows_the_demo_and_stays_empty(tmp_path: Path) -> None:
    user = tmp_path / "empty.sqlite3"
    Store(user).close()
    app = _demo_app(user, tmp_path / "cache")

    async def scenario(pilot) -> None:
        assert "Your store" in plain(app.query_one("#demo-banner", Static))
        assert app.dataset is not None and app.dataset.documents == SAMPLE_ARTICLES

    drive(app, scenario)
    with Store(user, readonly=True) as store:
        assert store.counts() == (0, 0)


def test_a_store_with_documents_shows_itself_without_a_banner(db: Path, tmp_path: Path) -> None:
    app = _demo_app(db, tmp_path / "cache")

    async def scenario(pilot) -> None:
        assert not app.query("#demo-banner") and app.store.path == db
        assert app.dataset is not None and app.dataset.documents == 13

    drive(app, scenario)
    assert not (tmp_path / "cache").exists()  # no demo built


# -- navigation ------------------------------------------------------------------


def test_keys_move_the_cursor_and_the_detail_follows(db: Path) -> None:
    app = make_app(db)

    async def scenario(pilot) -> None:
        table = app.query_one(SeriesTable)
        await pilot.press("j", "down")
        assert table.cursor == 2
        await pilot.press("k")
        assert table.cursor == 1 and current(app) == ("北京市", "进出口")
        assert "2 figures differ for 2021年" in await sources_body(pilot)
        await pilot.press("G")
        assert table.cursor == len(table.rows) - 1 and current(app) == (None, "一般贸易进出口")
        await pilot.press("g")
        assert table.cursor == 0
        await pilot.press("pagedown")
        assert table.cursor == len(table.rows) - 1  # fewer rows than a page
        await pilot.press("enter")
        assert app.focused is app.query_one("#sources-pane")
        await pilot.press("h")
        assert app.focused is table
        await pilot.press("tab")
        assert app.focused is app.query_one("#series-pane")
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused is app.query_one(RegionTree)
        await pilot.press("l")
        assert app.focused is table
        await pilot.click(SeriesTable, offset=(10, 4))  # header line, then rows 0, 1, 2
        assert table.cursor == 3

    drive(app, scenario)


# -- filters -----------------------------------------------------------------------


def test_slash_filters_by_region_and_metric_and_escape_clears(db: Path) -> None:
    app = make_app(db)

    async def scenario(pilot) -> None:
        await pilot.press("slash")
        box = app.query_one("#filter", Input)
        assert box.display and app.focused is box
        await pilot.press(*"朝阳")
        assert [r.series.key.region for r in app.table.rows] == ["北京市朝阳区"]
        assert "文本 “朝阳”" in plain(app.query_one("#header", Static))
        await pilot.press("enter")
        assert app.focused is app.table
        await pilot.press("escape")
        assert len(app.table.rows) == 18 and not box.display and box.value == ""

    drive(app, scenario)


def test_region_picker_includes_sub_regions(db: Path) -> None:
    app = make_app(db)

    async def scenario(pilot) -> None:
        await pilot.press("r")
        assert isinstance(app.screen, RegionPicker)
        await pilot.press(*"江苏", "enter")
        assert not isinstance(app.screen, RegionPicker)
        regions = {r.series.key.region for r in app.table.rows}
        assert regions == {"江苏省", "江苏省苏州市", "江苏省苏州市昆山市"}
        assert "地区 江苏省" in plain(app.query_one("#header", Static))
        await pilot.press("escape")
        assert len(app.table.rows) == 18

    drive(app, scenario)


def test_region_tree_enter_filters_to_that_region(db: Path) -> None:
    app = make_app(db)

    async def scenario(pilot) -> None:
        tree = app.query_one(RegionTree)
        tree.focus()
        await pilot.press("j", "enter")  # the first province, 北京市
        assert {r.series.key.region for r in app.table.rows} == {"北京市", "北京市朝阳区"}
        await pilot.press("space", "j", "enter")  # expand 北京市, then 朝阳区
        assert {r.series.key.region for r in app.table.rows} == {"北京市朝阳区"}
        tree.move_cursor(tree.root)
        await pilot.press("enter")  # the root: every region
        assert len(app.table.rows) == 18

    drive(app, scenario)


def test_period_picker_year_range_and_latest(db: Path) -> None:
    app = make_app(db)

    async def scenario(pilot) -> None:
        await pilot.press("p")
        assert isinstance(app.screen, PeriodPicker)
        await pilot.press(*"2021", "enter")
        assert app.filters.period == PeriodFilter("year", 2021)
        assert {r.point.period for r in app.table.rows} == {"2021", "2021-01/2021-07", "2021-01/2021-06",
                                                           "2021-01/2021-02"}
        await pilot.press("p", *"1-7月", "enter")
        assert {r.point.period for r in app.table.rows} == {"2022-01/2022-07"}
        await pilot.press("p", "enter")  # the first entry: latest only
        assert app.filters.period == PeriodFilter("latest")
        beijing = [r for r in app.table.rows if r.series.key.region == "北京市" and r.series.key.metric == "进出口"]
        assert [(r.point.period, r.series.key.shape) for r in beijing] == [("2022-07", "month"),
                                                                           ("2022-07", "derived:month")]
        await pilot.press("p", *"nonsense", "enter")
        assert isinstance(app.screen, PeriodPicker)  # an error, not a filter
        await pilot.press("escape")
        assert app.filters.period == PeriodFilter("latest")

    drive(app, scenario)


def test_command_line_filters(db: Path) -> None:
    app = make_app(db, region="北京", period=PeriodFilter("year", 2022))

    async def scenario(pilot) -> None:
        rows = app.table.rows
        assert rows and {r.series.key.region for r in rows} <= {"北京市", "北京市朝阳区"}
        assert all(r.point.period.startswith("2022") for r in rows)
        assert "地区 北京市 时期 2022年" in plain(app.query_one("#header", Static))

    drive(app, scenario)


# -- marking, copying, exporting ------------------------------------------------------


def test_space_marks_and_y_copies_the_marked_rows_as_markdown(db: Path) -> None:
    app = make_app(db)

    async def scenario(pilot) -> None:
        await pilot.press("space", "j", "space")  # 北京市 出口; skip 进出口 2021; 进出口 1-7月
        assert len(app.table.marked) == 2
        await pilot.press("y")
        await settled(pilot)
        assert app.clipboard == (
            "| 地区 | 指标 | 时期 | 数值 | 同比 | 占比 | 来源 |\n"
            "|---|---|---|---|---|---|---|\n"
            "| 北京市 | 出口 | 2022年1-7月 | 3,411.2亿元 | +7.4% |  | 北京地区1-7月进出口2.1万亿元（2022-08-20） |\n"
            "| 北京市 | 进出口 | 2020年1-7月 | 13,437.3亿元 | -19.5% |  | 北京地区前7个月进出口1.34万亿元（2020-08-20） |\n"
            "| 北京市 | 进出口 | 2021年1-7月 | 17,188.5亿元 | +27.9% |  | 北京地区1-7月外贸增长27.9%（2021-08-20） |\n"
            "| 北京市 | 进出口 | 2022年1-7月 | 21,076.8亿元 | +22.6% |  | 北京地区1-7月进出口2.1万亿元（2022-08-20） |\n"
        )  # a row stands for its series: every point of 进出口 1-7月
        assert isinstance(app.screen, CopiedScreen)  # OSC 52 alone confirms nothing: show the text
        assert any("sent to the terminal (OSC 52)" in n and "copied" not in n.split(":", 1)[1] for n in notes(app))
        await pilot.press("escape", "Y")
        await settled(pilot)
        assert app.clipboard.startswith("地区\t指标\t时期\t数值") and app.clipboard.count("\n") == 5
        await pilot.press("escape", "U", "y")
        await settled(pilot)
        assert app.clipboard.count("\n") == 4  # no marks: the current row only (1-6月累计: 一季度 and 上半年)

    drive(app, scenario)


def test_a_conflicting_row_copies_every_figure_with_its_source(db: Path) -> None:
    app = make_app(db)

    async def scenario(pilot) -> None:
        await pilot.press("j", "y")
        await settled(pilot)
        lines = app.clipboard.splitlines()[2:]
        assert [line.split(" | ")[3] for line in lines] == ["23,215.9亿元", "30,438.4亿元", "3.04万亿元"]  # 2020, 2021 ≠

    drive(app, scenario)


def test_copied_markdown_is_byte_identical_to_the_cli(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    app = make_app(db, region="上海")

    async def scenario(pilot) -> None:
        await pilot.press("y")
        await settled(pilot)

    drive(app, scenario)
    assert cli_main(["--db", str(db), "facts", "--region", "上海市", "--format", "md"]) == 0
    assert app.clipboard == capsys.readouterr().out
    assert "[bold]上海[/bold]" in app.clipboard and "\x1b" not in app.clipboard


def test_article_markup_and_escapes_show_literally(db: Path) -> None:
    app = make_app(db, region="上海")

    async def scenario(pilot) -> None:
        await settled(pilot)
        body = app.query_one("#sources-body", Static).content
        assert isinstance(body, Group)
        title, paragraph = body.renderables[0], body.renderables[1]
        assert title.plain.startswith("[31m[bold]上海[/bold]前三季度进出口3.34万亿元 [red]增长5.4%[/red]")
        assert {str(span.style) for span in title.spans} <= {"bold", "dim"}  # ours only: no [red], no [bold] parsed
        assert "\x1b" not in title.plain
        assert "[link=https://example.org]" in paragraph.plain and "\x1b" not in paragraph.plain
        [span] = paragraph.spans
        assert paragraph.plain[span.start:span.end] == "3.34万亿元"  # the span survives cleaning

    drive(app, scenario)


def test_tmux_copy_is_reported_as_confirmed(db: Path) -> None:
    runs: list[list[str]] = []

    def run(argv, **kwargs):
        import subprocess

        runs.append(argv)
        return subprocess.CompletedProcess(argv, 0)

    app = make_app(db, clipboard=Clipboard(env={"TMUX": "/tmp/x,1,0"}, which=lambda n: f"/usr/bin/{n}", run=run))

    async def scenario(pilot) -> None:
        await pilot.press("y")
        await settled(pilot)
        assert runs == [["tmux", "load-buffer", "-w", "-"]]
        assert not isinstance(app.screen, CopiedScreen)
        assert any("copied to the tmux buffer" in n for n in notes(app))
        await pilot.press("v")
        assert isinstance(app.screen, CopiedScreen)

    drive(app, scenario)


def test_export_writes_the_marked_rows_to_a_file(db: Path, tmp_path: Path) -> None:
    app = make_app(db, export_dir=tmp_path)

    async def scenario(pilot) -> None:
        await pilot.press("space", "space", "e")
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("enter")
        written = (tmp_path / "tradedash-export.md").read_text(encoding="utf-8")
        assert written.count("\n") == 6 and written.startswith("| 地区 |")  # 出口; 2020 and both 2021 figures
        await pilot.press("e", "enter")
        assert isinstance(app.screen, ExportScreen)  # exists: asks again
        await pilot.press("enter")
        assert not isinstance(app.screen, ExportScreen)
        box_path = tmp_path / "out.tsv"
        await pilot.press("e")
        app.screen.query_one(Input).value = str(box_path)
        await pilot.press("enter")
        assert box_path.read_text(encoding="utf-8").startswith("地区\t指标")
        await pilot.press("u", "u", "u", "e")  # in 亿美元: the file says what the table shows
        dollars = tmp_path / "dollars.md"
        app.screen.query_one(Input).value = str(dollars)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        assert "| 北京市 | 出口 | 2022年1-7月 | ≈507.2亿美元 |" in dollars.read_text(encoding="utf-8")

    drive(app, scenario)


def test_export_refuses_an_unknown_extension_and_lists_the_formats(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    app = make_app(db, export_dir=out)

    async def scenario(pilot) -> None:
        await pilot.press("e")
        app.screen.query_one(Input).value = str(out / "rows.xlsx")
        await pilot.press("enter")
        assert isinstance(app.screen, ExportScreen)  # still asking: the name can be fixed
        note = str(app.screen.query_one("#export-note", Label).render())
        assert note == "rows.xlsx: unknown format .xlsx; the formats are .md .tsv .csv .json"
        app.export(out / "rows")  # not through the dialog: refused all the same
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "rows: no extension; the formats are .md .tsv .csv .json" in notes(app)
        assert list(out.iterdir()) == []

    drive(app, scenario)


# -- units ------------------------------------------------------------------------------


def test_u_cycles_the_amounts_through_yi_yuan_wanyi_and_dollars_and_copies_what_it_shows(db: Path) -> None:
    app = make_app(db)

    def line_of(text: str) -> str:
        return next(line for line in table_lines(app) if text in line)

    async def scenario(pilot) -> None:
        assert "3,411.2亿元" in line_of("出口 ")
        await pilot.press("u")
        assert "单位 亿元" in plain(app.query_one("#header", Static))
        assert "33,400.0亿元" in line_of("上海市")  # 3.34万亿元, scaled by pint
        await pilot.press("u")
        assert "0.34万亿元" in line_of("出口 ") and "3.34万亿元" in line_of("上海市")
        await pilot.press("u")
        assert "单位 亿美元" in plain(app.query_one("#header", Static))
        assert "≈507.2亿美元" in line_of("出口 ")  # 3,411.2亿元 / 6.7261 (2022)
        assert "8.2亿美元" in line_of("朝阳区") and "≈" not in line_of("朝阳区")  # dollars already
        assert "3.34万亿元" in line_of("上海市")  # no 2025 rate: as published
        body = await sources_body(pilot)
        assert "≈507.2亿美元: 3411.2亿元 converted at 6.7261 CNY per USD, the 2022 annual average" in body
        await pilot.press("y")
        await settled(pilot)
        assert "| 北京市 | 出口 | 2022年1-7月 | ≈507.2亿美元 | +7.4% |" in app.clipboard
        await pilot.press("escape", "slash", *"上海", "enter")
        body = await sources_body(pilot)
        assert "3.34万亿元: no CNY/USD rate for 2025 in data/rates.csv: shown as published." in body
        await pilot.press("u")
        assert "单位" not in plain(app.query_one("#header", Static)) and "3.34万亿元" in line_of("上海市")

    drive(app, scenario)


# -- checks: warnings and derived figures -------------------------------------------------
# The store's 北京市 进出口 gives 1-6月 17,643.3亿元 and 1-7月 21,076.8亿元, so July is
# 3,433.5亿元 推算; the article's 7月当月 says 3,263.5亿元: one "derived" warning, four rows.


def _row_index(app: TradedashApp, period: str, shape: str) -> int:
    rows = app.table.rows
    return next(i for i, r in enumerate(rows)
                if r.series.key.region == "北京市" and r.series.key.metric == "进出口" and r.point.period == period
                and r.series.key.shape == shape)


def test_rows_in_a_check_warning_are_marked_and_bang_shows_only_them(db: Path) -> None:
    app = make_app(db)

    async def scenario(pilot) -> None:
        warned = [line for line in table_lines(app) if line.lstrip().startswith("⚠")]
        assert len(warned) == 4, table_lines(app)
        assert all("北京市" in line and "进出口" in line for line in warned)
        assert {line.split()[3] for line in warned} == {"2022年1-7月", "2022年1-6月", "2022年7月"}
        await pilot.press("exclamation_mark")
        assert len(app.table.rows) == 4
        assert "⚠ only rows with the 1 check warning" in plain(app.query_one("#header", Static))
        body = await sources_body(pilot)
        assert "⚠ derived:" in body and "3263.5亿元 stated, but 21076.8亿元 - 17643.3亿元 = 3433.5亿元" in body
        assert "“7月当月，北京地区进出口3263.5亿元，增长19.8%。”" in body  # every figure's quote, both articles
        assert "上半年，北京地区进出口17643.3亿元" in body and "据北京海关统计，2022年1-7月" in body
        await pilot.press("exclamation_mark")
        assert len(app.table.rows) == 18 and "only rows" not in plain(app.query_one("#header", Static))

    drive(app, scenario)


def test_a_row_without_warnings_lists_none(db: Path) -> None:
    app = make_app(db)

    async def scenario(pilot) -> None:
        assert current(app) == ("北京市", "出口")
        assert "⚠" not in await sources_body(pilot)

    drive(app, scenario)


def test_a_derived_month_is_drawn_apart_explained_and_copied_as_推算(db: Path) -> None:
    app = make_app(db)

    async def scenario(pilot) -> None:
        at = _row_index(app, "2022-07", "derived:month")
        await pilot.press(*["j"] * at)
        assert app.table.cursor == at
        line = table_lines(app)[1 + at]
        assert "2022年7月 推算" in line and "3,433.5亿元" in line and "⣤" in line and "▄" not in line
        body = await sources_body(pilot)
        assert "推算: the later cumulative figure below minus the earlier one" in body
        assert "北京地区1-7月进出口2.1万亿元" in body and "北京上半年外贸进出口1.76万亿元" in body  # both inputs
        await pilot.press("y")
        await settled(pilot)
        [row] = app.clipboard.splitlines()[2:]
        assert row.startswith("| 北京市 | 进出口 | 2022年7月 推算 | 推算 3,433.5亿元 |"), row
        assert "推算：2022年1-7月 21076.8亿元 - 2022年1-6月 17643.3亿元" in row

    drive(app, scenario)


def test_the_first_paint_does_not_wait_for_the_checks(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks read every fact; held back here, the table and header are on screen anyway."""
    import threading

    from tradedash.extract import check_run

    release = threading.Event()
    real = check_run.run_checks

    def slow(store):  # type: ignore[no-untyped-def]
        release.wait(20)
        return real(store)

    monkeypatch.setattr(check_run, "run_checks", slow)
    app = make_app(db)

    async def run() -> None:
        async with app.run_test(size=SIZE) as pilot:
            while app.dataset is None:
                await pilot.pause(0.01)
            await pilot.pause(0.1)
            assert app.checked is None and len(app.table.rows) == 16
            assert "16/16 series" in plain(app.query_one("#header", Static))
            await pilot.press("exclamation_mark")
            assert any("still running" in n for n in notes(app)) and len(app.table.rows) == 16
            release.set()
            await wait_loaded(pilot)
            assert app.checked is not None and len(app.table.rows) == 18
        app.store.close()

    asyncio.run(run())


# -- help, palette, keymap --------------------------------------------------------------


def test_help_lists_every_binding_with_its_id(db: Path) -> None:
    app = make_app(db)

    async def scenario(pilot) -> None:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.table()
        ids = [str(cell) for cell in table.columns[3].cells]
        assert {"copy_markdown", "copy_tsv", "export", "pick_region", "pick_period", "filter", "quit",
                "toggle_mark", "cursor_down"} <= set(ids)
        keys = [str(cell) for cell in table.columns[0].cells]
        assert "↓, j" in keys and "?" in keys
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)

    drive(app, scenario)


def test_command_palette_runs_every_action(db: Path) -> None:
    app = make_app(db)

    async def scenario(pilot) -> None:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for wanted in ("Markdown table", "tab-separated", "Pick a region", "Pick a period", "Clear every filter",
                       "Write the marked rows", "Show every key", "Mark or unmark"):
            assert any(wanted in t for t in titles), wanted
        await pilot.press("ctrl+p")
        await pilot.press(*"as a Markdown table")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.clipboard.startswith("| 地区 | 指标 |")

    drive(app, scenario)


def test_keymap_remaps_a_binding_by_id(db: Path) -> None:
    app = make_app(db, config=Config(keymap={"copy_markdown": "c", "cursor_down": "n"}))

    async def scenario(pilot) -> None:
        await pilot.press("y", "j")
        await settled(pilot)
        assert app.clipboard == "" and app.table.cursor == 0
        await pilot.press("n", "c")
        assert app.table.cursor == 1 and app.clipboard.startswith("| 地区 |")

    drive(app, scenario)


def test_q_quits(db: Path) -> None:
    app = make_app(db)

    async def scenario(pilot) -> None:
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0 or not app.is_running

    drive(app, scenario)


# -- clipboard and config, without a screen ------------------------------------------------


class _Target:
    def __init__(self) -> None:
        self.copied: list[str] = []

    def copy_to_clipboard(self, text: str) -> None:
        self.copied.append(text)


def test_clipboard_claims_nothing_for_osc52_alone() -> None:
    target = _Target()
    report = Clipboard(env={}, which=lambda name: None).copy(target, "| a |\n")
    assert target.copied == ["| a |\n"]
    assert not report.confirmed and report.summary == "sent to the terminal (OSC 52)"


def test_clipboard_uses_tmux_and_a_local_tool_and_reports_each() -> None:
    import subprocess

    calls: list[tuple[list[str], bytes]] = []

    def run(argv, *, input, **kwargs):
        calls.append((argv, input))
        return subprocess.CompletedProcess(argv, 1 if argv[0] == "xclip" else 0)

    clipboard = Clipboard(env={"TMUX": "/tmp/t,1,0", "DISPLAY": ":0"}, which=lambda n: f"/usr/bin/{n}", run=run)
    report = clipboard.copy(_Target(), "表")
    assert [argv for argv, _ in calls] == [["tmux", "load-buffer", "-w", "-"], ["xclip", "-selection", "clipboard", "-in"]]
    assert calls[0][1] == "表".encode()
    assert report.confirmed
    assert report.summary == "sent to the terminal (OSC 52); copied to the tmux buffer; xclip failed (exit 1)"


def test_clipboard_falls_back_to_load_buffer_without_w_on_old_tmux() -> None:
    import subprocess

    def run(argv, **kwargs):
        return subprocess.CompletedProcess(argv, 1 if "-w" in argv else 0)

    report = Clipboard(env={"TMUX": "x"}, which=lambda n: n, run=run).copy(_Target(), "x")
    assert report.attempts[1].ok is True


def test_clipboard_picks_the_desktop_tool() -> None:
    assert Clipboard(env={"WAYLAND_DISPLAY": "w"}, which=lambda n: n).local_tool() == ["wl-copy"]
    assert Clipboard(env={"DISPLAY": ":0"}, which=lambda n: n if n == "xsel" else None).local_tool() == [
        "xsel", "--clipboard", "--input"]
    assert Clipboard(env={}, which=lambda n: n, platform="darwin").local_tool() == ["pbcopy"]
    assert Clipboard(env={}, which=lambda n: n, platform="linux").local_tool() is None


def test_config_keymap_from_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tradedash.tui.config import config_path, load_config

    path = tmp_path / "config.toml"
    path.write_text('[keymap]\ncopy_markdown = "c"\ncursor_down = "down, j ,ctrl+n"\nno_such = "x"\nquit = 3\n',
                    encoding="utf-8")
    monkeypatch.setenv("TRADEDASH_CONFIG", str(path))
    assert config_path() == path
    config = load_config()
    assert config.keymap == {"copy_markdown": "c", "cursor_down": "down,j,ctrl+n"}
    assert len(config.notes) == 2 and "no_such" in config.notes[0] and "quit" in config.notes[1]
    path.write_text("[keymap\n", encoding="utf-8")
    assert "not valid TOML" in load_config().notes[0]
    assert load_config(tmp_path / "missing.toml") == Config(path=tmp_path / "missing.toml")


def test_config_lives_in_the_user_config_directory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from tradedash.tui.config import config_path

    monkeypatch.delenv("TRADEDASH_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert config_path() == tmp_path / "tradedash" / "config.toml"


def test_a_bad_period_on_the_command_line_is_a_usage_error(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["--db", str(db), "--period", "someday"]) == 2
    assert "--period" in capsys.readouterr().err


def test_a_keymap_with_bad_keys_and_clashes_keeps_the_defaults_and_says_so(db: Path, tmp_path: Path) -> None:
    from tradedash.tui.config import load_config

    path = tmp_path / "config.toml"
    path.write_text('[keymap]\ncopy_markdown = "ctlr+c"\nexport = "q"\nhelp = "x"\n', encoding="utf-8")
    config = load_config(path)
    assert config.keymap == {"help": "x"}
    assert any("'ctlr+c' is no key name" in note and "'y' is kept" in note for note in config.notes)
    assert any("export: 'q' is also quit's key" in note and "'e' is kept" in note for note in config.notes)
    app = make_app(db, config=config)

    async def scenario(pilot) -> None:
        shown = [n.message for n in app._notifications]
        assert any("ctlr+c" in message for message in shown) and any("quit's key" in message for message in shown)
        await pilot.press("y")  # copy_markdown kept its default
        await settled(pilot)
        assert app.clipboard.startswith("| 地区 |")
        while len(app.screen_stack) > 1:  # the copy's confirmation, where a terminal cannot confirm it
            await pilot.press("escape")
        await pilot.press("q")  # and quit is still quit
        await pilot.pause()
        assert app.return_code == 0 or not app.is_running

    drive(app, scenario)


def test_a_store_damaged_under_the_dashboard_is_reported_and_reloads(db: Path, tmp_path: Path) -> None:
    """Garbage written over the open store: the next keys find it, the app says so on screen,
    keeps running, and ctrl+r opens the path again once a good store is back."""
    good = db.read_bytes()
    app = make_app(db)

    async def scenario(pilot) -> None:
        for path in (db, db.with_name(db.name + "-shm")):  # same files, same inodes, garbage inside
            with open(path, "r+b") as handle:
                handle.write(b"\xffgarbage" * 4096)
        for _ in range(40):  # rows whose figures were never loaded, and their sources
            await pilot.press("j")
        await pilot.press("y")
        await settled(pilot)
        await pilot.pause(0.2)
        assert app.is_running
        messages = [n.message for n in app._notifications]
        assert any("Press ctrl+r to reload" in message for message in messages), messages
        assert "store unavailable" in app.status
        for path in (db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
            path.unlink(missing_ok=True)
        db.write_bytes(good)
        if isinstance(app.screen, CopiedScreen):  # the copy may have read its fact before the damage showed
            await pilot.press("escape")
        await pilot.press("ctrl+r")
        await wait_loaded(pilot)
        assert app.status == "", [n.message for n in app._notifications]
        assert app.dataset is not None and app.dataset.documents > 0

    drive(app, scenario)


def test_a_store_file_replaced_under_the_dashboard_is_noticed(db: Path, tmp_path: Path) -> None:
    other = build_store(tmp_path / "other.sqlite3")
    with Store(other) as store:
        expected = store.counts()[0]
    app = make_app(db)

    async def scenario(pilot) -> None:
        other.replace(db)  # another file now sits at the store's path
        for _ in range(30):
            await pilot.pause(0.1)
            if any("replaced" in n.message for n in app._notifications):
                break
        assert any("the file was replaced" in n.message for n in app._notifications)
        await pilot.press("ctrl+r")
        await wait_loaded(pilot)
        assert app.dataset is not None and app.dataset.documents == expected and app.is_running

    drive(app, scenario)


def test_a_later_official_release_shows_as_revised(tmp_path: Path) -> None:
    from dataclasses import replace

    from tradedash.extract.ingest import ingest

    from .conftest import article

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "media.md").write_text(article("<p>2020年，我国进口14.22万亿元。</p>", title="2020年进口",
                                                     date="2021-01-10"), encoding="utf-8")
    (tmp_path / "a" / "release.md").write_text(article("<p>海关总署发布数据，2020年我国进口14.23万亿元。</p>",
                                                       title="2020年我国进口", date="2021-01-14"), encoding="utf-8")
    db = tmp_path / "store.sqlite3"
    with Store(db) as store:
        ingest(store, [tmp_path / "a"])
    app = make_app(db)

    async def scenario(pilot) -> None:
        app.set_filters(replace(app.filters, text="全国 进口"))
        await pilot.pause()
        lines = [line for line in table_lines(app) if "进口" in line]
        assert len(lines) == 1 and "2020年 revised" in lines[0] and "14.23万亿元" in lines[0] and "≠" not in lines[0], lines
        detail = await sources_body(pilot)
        assert "Revised: the later official release (2021-01-14) gives 14.23万亿元, which supersedes 14.22万亿元" in detail

    drive(app, scenario)


def test_dialog_keys_are_verbs_and_can_be_remapped(db: Path) -> None:
    """The dialogs' keys live in the one verb table: listed by ?, remapped by id like the rest."""
    from tradedash.tui.bindings import BY_ID

    assert {"picker_cancel", "help_close", "copied_close", "export_cancel", "detail_close"} <= set(BY_ID)
    app = make_app(db, config=Config(keymap={"help_close": "x"}))

    async def scenario(pilot) -> None:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HelpScreen)  # remapped away from escape
        await pilot.press("x")
        assert not isinstance(app.screen, HelpScreen)

    drive(app, scenario)
