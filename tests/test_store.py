from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from tradedash.extract.document import parse_document
from tradedash.extract.facts import Fact, Quote
from tradedash.extract.store import Store, StoreError, default_db_path
from tradedash.extract.units import quantity

from .conftest import article


def _document(body: str = "<p>出口17.17亿元。</p>", source: str = "/tmp/a.md"):
    return parse_document(article(body).encode(), source)


def _fact(**changes: object) -> Fact:
    base = dict(
        region="北京市朝阳区", region_code="110105", period="2022-01/2022-07", metric="货物进出口总额",
        metric_id="trade_total", kind="amount", value=Decimal("1717000000"), unit="CNY", qualifier="approx",
        yoy_percent=Decimal("27.3"), share_percent=Decimal("51.6"), share_of="北京市", figure="17.17亿元",
        quotes=(Quote("出口17.17亿元。", 0, (2, 9)), Quote("标题17.17亿元", -1, (2, 9))),
    )
    base.update(changes)
    return Fact(**base)  # type: ignore[arg-type]


def test_fact_round_trips_exactly_with_its_pint_unit(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        assert store.save(_document(), [_fact(), _fact(kind="growth", value=Decimal("-14.4"), unit="percent")]) == "new"
        rows = store.facts()
    back = {row.fact.kind: row.fact for row in rows}
    assert back["amount"] == _fact()
    assert back["amount"].quantity() == quantity(Decimal("17.17") * 10**8, "CNY")
    assert str(back["amount"].quantity().units) == "CNY"
    assert back["growth"].value == Decimal("-14.4")
    assert rows[0].document.path == "/tmp/a.md"


def test_wal_mode_and_schema(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"documents", "paragraphs", "facts"} <= tables


def test_same_content_unchanged_changed_content_replaced(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        assert store.save(_document(), [_fact()]) == "new"
        assert store.save(_document(), [_fact()]) == "unchanged"
        changed = _document("<p>出口18亿元。</p>")
        assert store.save(changed, [_fact(value=Decimal("1800000000"))]) == "replaced"
        assert store.counts() == (1, 1)
        assert store.facts()[0].fact.value == Decimal("1800000000")
        assert store.paragraphs(store.facts()[0].document.id) == ["出口18亿元。"]


def test_filters_escape_like_wildcards(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        store.save(_document(), [_fact(), _fact(region="江苏省", region_code="320000", metric="出口_100%")])
        assert [r.fact.region for r in store.facts(region="朝阳")] == ["北京市朝阳区"]
        assert store.facts(metric="%") and store.facts(metric="_100%")[0].fact.region == "江苏省"
        assert store.facts(metric="x%") == []
        assert len(store.facts(period="2022")) == 2


def test_corrupt_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a usable tradedash database") as info:
        Store(path)
    assert str(path) in str(info.value)


def test_read_only_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "ro.db"
    with Store(path) as store:
        store.save(_document(), [_fact()])
    path.chmod(0o444)
    with pytest.raises(StoreError, match="read-only"):
        Store(path)
    with Store(path, readonly=True) as store:  # reading still works
        assert store.counts() == (1, 1)


def test_default_path_honours_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRADEDASH_DB", str(tmp_path / "env.db"))
    assert default_db_path() == tmp_path / "env.db"
    monkeypatch.delenv("TRADEDASH_DB")
    assert default_db_path().name == "tradedash.sqlite3"
    assert "tradedash" in str(default_db_path().parent)
