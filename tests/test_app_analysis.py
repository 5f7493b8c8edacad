"""Pilot tests of the analyst's tools: breakdowns, the dimension filter, sorting and finding.

The store is ingested from articles written for these tests (the real extractor reads
them), so the breakdowns carry the measure and breakdown the extractor gives.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Label, Static

from tradedash.extract.ingest import ingest
from tradedash.extract.store import Store
from tradedash.tui.breakdowns import BreakdownScreen

from .conftest import article
from .dashboard_data import settled
from .test_app import drive, make_app, plain, table_lines

ARTICLES = {
    "gd-2022.md": ("广东外贸", "2022-07-20", "<p>2022年1-6月，广东省进出口40000亿元，同比增长5%。其中，一般贸易进出口22000亿元，"
                   "增长8%；加工贸易进出口9000亿元。民营企业进出口20000亿元，占全省的50%；外商投资企业进出口12000亿元。"
                   "对东盟进出口6000亿元，增长12%。</p>"),
    "gd-2021.md": ("广东外贸", "2021-07-20", "<p>2021年1-6月，广东省进出口38000亿元。</p>"),
    "js-2022.md": ("江苏外贸", "2022-07-21", "<p>2022年1-6月，江苏省进出口25000亿元，同比增长3%。"
                   "据南京海关介绍，江苏省对东盟进出口3000亿元。</p>"),
}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, (title, date, body) in ARTICLES.items():
        (folder / name).write_text(article(body, title=title, date=date), encoding="utf-8")
    path = tmp_path / "analysis.sqlite3"
    with Store(path) as store:
        assert ingest(store, [folder]).failed == 0
    return path


def header(app) -> str:  # type: ignore[no-untyped-def]
    return plain(app.query_one("#header", Static))


async def opened_breakdowns(pilot) -> None:  # type: ignore[no-untyped-def]
    """Until the breakdown view is up: its facts are read in a worker."""
    for _ in range(100):
        if isinstance(pilot.app.screen, BreakdownScreen):
            return
        await pilot.pause(0.05)
    raise AssertionError("the breakdown view did not open")


def _go_to(app, text: str) -> int:  # type: ignore[no-untyped-def]
    return next(i for i, line in enumerate(table_lines(app)[1:]) if text in line)


def test_b_on_a_headline_row_lists_its_breakdowns_by_dimension_with_shares(db: Path) -> None:
    app = make_app(db)

    async def scenario(pilot) -> None:
        await pilot.press("slash", *"广东", "enter", "p", *"2022年1-6月", "enter")
        at = _go_to(app, "40,000亿元")
        await pilot.press(*["j"] * at, "b")
        await opened_breakdowns(pilot)
        screen = app.screen
        assert isinstance(screen, BreakdownScreen)
        title = str(screen.query_one(".dialog-title", Label).render())
        assert "广东省 · 2022年1-6月" in title and "40,000亿元" in title
        table = screen.query_one(DataTable)
        lines = [table.render_line(y).text for y in range(1, table.row_count + 1)]
        parts = [line.split()[1] if line.split()[0] in ("贸易伙伴", "贸易方式", "企业性质") else line.split()[0]
                 for line in lines]
        assert parts == ["东盟", "一般贸易", "加工贸易", "民营企业", "外商投资企业"], lines
        assert "贸易方式" in lines[1] and "≈55%" in lines[1] and "█████▌" in lines[1]  # 22000 / 40000, computed
        assert "50%" in lines[3] and "≈50%" not in lines[3]  # stated by the article
        await pilot.press("left_square_bracket")  # ascending within each group
        lines = [table.render_line(y).text for y in range(1, table.row_count + 1)]
        assert "加工贸易" in lines[1] and "外商投资企业" in lines[3]
        await pilot.press("j", "space", "y")
        await settled(pilot)
        copied = app.clipboard.splitlines()
        assert copied[2].startswith("| 广东省 | 加工贸易进出口 | 2022年1-6月 | 9,000亿元 |") and len(copied) == 3
        await pilot.press("escape", "escape")
        assert not isinstance(app.screen, BreakdownScreen)

    drive(app, scenario)


def test_breakdowns_follow_the_unit_shown(db: Path) -> None:
    app = make_app(db)

    async def scenario(pilot) -> None:
        await pilot.press("slash", *"广东", "enter", "p", *"2022年1-6月", "enter", "u", "u", "u")
        at = _go_to(app, "亿美元")
        await pilot.press(*["j"] * at, "b")
        await opened_breakdowns(pilot)
        table = app.screen.query_one(DataTable)
        lines = [table.render_line(y).text for y in range(1, table.row_count + 1)]
        assert "≈3,270.8亿美元" in lines[1]  # 22000亿元 / 6.7261, the 2022 average
        await pilot.press("y")
        await settled(pilot)
        assert "≈3,270.8亿美元" in app.clipboard

    drive(app, scenario)


def test_d_cycles_headline_rows_and_each_dimension(db: Path) -> None:
    app = make_app(db)

    async def scenario(pilot) -> None:
        every = len(app.table.rows)
        await pilot.press("d")
        assert "维度 总量" in header(app)
        assert {r.series.key.metric for r in app.table.rows} <= {"trade_total"}
        await pilot.press("d")  # partners: 广东 and 江苏 by partner
        assert "维度 贸易伙伴" in header(app)
        assert sorted(r.series.key.region or "" for r in app.table.rows) == ["广东省", "江苏省"]
        assert all("东盟" in r.series.key.label for r in app.table.rows)
        await pilot.press("slash", *"广东", "enter")
        assert [r.series.key.region for r in app.table.rows] == ["广东省"]  # "广东 by partner"
        await pilot.press("escape")
        for _ in range(10):
            if "维度" not in header(app):
                break
            await pilot.press("d")
        assert len(app.table.rows) == every

    drive(app, scenario)


def test_sorting_by_value_and_growth_both_ways_survives_a_filter(db: Path) -> None:
    app = make_app(db)

    def values() -> list[str]:
        return [line.split()[3] for line in table_lines(app)[1:] if "亿元" in line]

    async def scenario(pilot) -> None:
        await pilot.press("right_square_bracket")
        assert "排序 数值 ▼" in header(app)
        assert values()[:3] == ["40,000亿元", "25,000亿元", "22,000亿元"]  # a row shows its latest figure
        await pilot.press("left_square_bracket")
        assert "排序 数值 ▲" in header(app) and values()[0] == "3,000亿元"
        await pilot.press("slash", *"江苏", "enter")
        assert values() == ["3,000亿元", "25,000亿元"]  # still sorted under the filter
        await pilot.press("escape", "o", "right_square_bracket")  # the column after 数值: 同比, descending
        assert "排序 同比 ▼" in header(app)
        growth = [line.split()[4] for line in table_lines(app)[1:] if line.strip()]
        shown = [g for g in growth if g.startswith(("+", "-"))]
        assert shown == sorted(shown, key=lambda g: -float(g.rstrip("%"))) and shown[0] == "+12%"

    drive(app, scenario)


def test_f_finds_words_of_the_source_sentences_and_n_moves_between_matches(db: Path) -> None:
    app = make_app(db)

    async def scenario(pilot) -> None:
        await pilot.press("f", *"南京海关", "enter")
        for _ in range(50):
            if "查找" in header(app):
                break
            await pilot.pause(0.05)
        row = app.table.current_row
        assert row is not None and row.series.key.region == "江苏省" and "东盟" in row.series.key.label
        assert "查找 “南京海关” 1/1" in header(app)  # only the sentence that names it
        await pilot.press("f", *"民营", "enter")
        for _ in range(50):
            if "民营" in header(app):
                break
            await pilot.pause(0.05)
        assert "/2" in header(app)  # 民营企业's row, and 外商投资企业's: its sentence names 民营企业 too
        visited = set()
        for key in ("n", "n", "N"):
            visited.add(app.table.current_row.series.key.label)  # type: ignore[union-attr]
            await pilot.press(key)
        assert visited == {"民营企业进出口", "外商投资企业进出口"}

    drive(app, scenario)


def test_b_on_a_breakdown_row_takes_the_stored_headline_as_the_whole(db: Path) -> None:
    app = make_app(db)

    async def scenario(pilot) -> None:
        await pilot.press("slash", *"广东 一般贸易", "enter")
        await pilot.press("b")
        await opened_breakdowns(pilot)
        title = str(app.screen.query_one(".dialog-title", Label).render())
        assert "货物进出口总额 40,000亿元" in title  # the headline, not the row's 22,000亿元
        table = app.screen.query_one(DataTable)
        lines = [table.render_line(y).text for y in range(1, table.row_count + 1)]
        assert any("加工贸易" in line and "≈22.5%" in line for line in lines)  # 9000 / 40000

    drive(app, scenario)


def test_find_takes_several_words_as_the_filter_does(db: Path) -> None:
    app = make_app(db)

    async def scenario(pilot) -> None:
        await pilot.press("f", *"广东 东盟", "enter")
        await settled(pilot)
        row = app.table.current_row
        assert row is not None and row.series.key.region == "广东省" and "东盟" in row.series.key.label
        assert "1/1" in header(app)

    drive(app, scenario)
