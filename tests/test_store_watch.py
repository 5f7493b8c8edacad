"""A store that changes under the dashboard: PRAGMA data_version moves for other connections'
commits only, so every test writes through a real second connection (another Store, or
``tradedash ingest`` in another process)."""
from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from tradedash.extract.store import Store
from tradedash.extract.store_watch import StoreWatch
from tradedash.tui.region_tree import RegionTree

from .conftest import article
from .dashboard_data import Article, F, build_store, document, fact, wait_loaded
from .test_app import db, drive, make_app, notes, plain

__all__ = ["db"]  # the fixture, shared with test_app

ZHEJIANG = Article(
    "tests/articles/zhejiang-2022-08.md", "浙江1-7月进出口2.7万亿元", "2022-08-22",
    ("2022年1-7月，浙江省进出口27000.5亿元，同比增长14.5%。",),
    (F("浙江省", "330000", "2022-01/2022-07", "进出口", "27000.5亿元", "2700050000000", yoy="14.5"),),
)
CHANGED = "The store changed (another tradedash ingest?): ctrl+r reloads"


def save(db: Path, item: Article) -> None:
    with Store(db) as other:
        other.save(document(item), [fact(item, f) for f in item.facts])


def test_the_watch_sees_other_connections_commits_and_not_reads(tmp_path: Path) -> None:
    db = build_store(tmp_path / "dash.sqlite3")
    watch = StoreWatch(db)
    with Store(db, readonly=True) as reader:  # tradedash facts, docs, check
        reader.counts()
        assert not watch.changed()
    with Store(db) as writer:  # a second dashboard, or an ingest that stores nothing: nothing committed
        writer.counts()
        assert not watch.changed()
    save(db, ZHEJIANG)
    assert watch.changed()
    watch.shown = watch.version()  # what a reload does once it has read the new state
    assert not watch.changed()
    watch.close()


def test_the_watch_sees_an_ingest_in_another_process(tmp_path: Path) -> None:
    db = build_store(tmp_path / "dash.sqlite3")
    (tmp_path / "new.md").write_text(article("<p>2022年1-7月，浙江省进出口27000.5亿元。</p>"), encoding="utf-8")
    watch = StoreWatch(db)
    subprocess.run([sys.executable, "-m", "tradedash.tui.cli", "ingest", str(tmp_path / "new.md"), "--db", str(db)],
                   check=True, capture_output=True, timeout=120)
    assert watch.changed()
    watch.close()


def test_the_dashboard_says_when_the_store_changed_and_ctrl_r_shows_it(db: Path) -> None:
    app = make_app(db)

    async def scenario(pilot: Pilot) -> None:
        assert app._watch is not None and not app._watch.changed()
        save(db, ZHEJIANG)
        deadline = time.monotonic() + 10
        while CHANGED not in notes(app) and time.monotonic() < deadline:  # the watch looks every 2 s
            await pilot.pause(0.1)
        assert notes(app).count(CHANGED) == 1 and "store changed · ctrl+r reloads" in plain(app.query_one("#header", Static))
        await pilot.pause(2.5)
        assert notes(app).count(CHANGED) == 1  # said once, not every two seconds
        await pilot.press("ctrl+r")
        while "14 documents" not in plain(app.query_one("#header", Static)) and time.monotonic() < deadline:
            await pilot.pause(0.05)
        await wait_loaded(pilot)
        header = plain(app.query_one("#header", Static))
        assert "14 documents · 24 facts" in header and "store changed" not in header
        assert str(app.query_one(RegionTree).root.label) == "全部地区 24"  # the tree agrees with the header
        assert any(r.series.key.region == "浙江省" for r in app.table.rows)

    drive(app, scenario)


def test_a_read_the_store_moved_under_is_read_again(db: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """An ingest committing between the dashboard's queries: the header and the tree still agree."""
    from tradedash.tui import app as app_module

    real = app_module.region_counts
    calls = []

    def counts_then_commit(store):  # type: ignore[no-untyped-def]
        calls.append(1)
        out = real(store)
        if len(calls) == 1:
            save(db, ZHEJIANG)  # after the tree's counts, before the header's
        return out

    monkeypatch.setattr(app_module, "region_counts", counts_then_commit)
    app = make_app(db)

    async def scenario(pilot: Pilot) -> None:
        assert len(calls) == 2
        assert "14 documents · 24 facts" in plain(app.query_one("#header", Static))
        assert str(app.query_one(RegionTree).root.label) == "全部地区 24"
        await pilot.pause(2.5)
        assert CHANGED not in notes(app)  # what is on screen is the store as it is

    drive(app, scenario)


def test_the_watch_closes_with_the_dashboard(db: Path) -> None:
    app = make_app(db)

    async def run() -> None:
        async with app.run_test() as pilot:
            await wait_loaded(pilot)
            watch = app._watch
        assert watch is not None and app._watch is None
        app.store.close()

    asyncio.run(run())
