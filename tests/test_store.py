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


def _stored_corpus(path: Path) -> Path:
    """Four documents under two folders; one dated by its address, one with no date at all."""
    undated_by_url = parse_document("---\ntitle: 山西外贸\nsource: 'http://x.cn/roll/202010/26/t20201026_1.shtml'\n---\n"
                                    "<p>山西省进出口983.1亿元。</p>".encode(), "/c/shanxi.md")
    no_date = parse_document("---\ntitle: 无日期\n---\n<p>出口1亿元。</p>".encode(), "/c/sub/none.md")
    with Store(path) as store:
        store.save(_document(source="/c/a.md"), [_fact(), _fact(kind="growth", unit="percent")])
        store.save(_document(source="/c/bc.md"), [_fact()])
        store.save(undated_by_url, [])
        store.save(no_date, [_fact()])
        store.save(_document(source="/d/x.md"), [_fact()])
    return path


def test_documents_lists_date_source_facts_and_authority_by_date_then_path(tmp_path: Path) -> None:
    with Store(_stored_corpus(tmp_path / "s.db")) as store:
        rows = store.documents()
    assert [(r.path, r.date, r.facts) for r in rows] == [
        ("/c/shanxi.md", "2020-10-26", 0), ("/c/a.md", "2022-08-31", 2), ("/c/bc.md", "2022-08-31", 1),
        ("/d/x.md", "2022-08-31", 1), ("/c/sub/none.md", None, 1)]
    assert [(r.date_source, r.date_inferred) for r in rows] == [
        ("url", True), ("front_matter", False), ("front_matter", False), ("front_matter", False), (None, False)]
    assert rows[0].title == "山西外贸" and rows[0].authority is None


def test_remove_documents_by_path_and_folder_with_their_facts_in_one_go(tmp_path: Path) -> None:
    path = _stored_corpus(tmp_path / "s.db")
    with Store(path) as store:
        summary = store.remove_documents(["/c/a.md", "/c/sub", "/nowhere"])
        assert summary.documents == ("/c/a.md", "/c/sub/none.md")
        assert summary.facts == 3 and summary.unmatched == ("/nowhere",)
        assert [r.path for r in store.documents()] == ["/c/shanxi.md", "/c/bc.md", "/d/x.md"]
        assert store.counts() == (3, 2)
        # a folder matches at a separator only: /c/b is no folder of /c/bc.md
        assert store.remove_documents(["/c/b"]).unmatched == ("/c/b",)
        assert store.remove_documents(["/c/"]).documents == ("/c/bc.md", "/c/shanxi.md")
    conn = sqlite3.connect(path)  # paragraphs went with their documents
    assert conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0] == 1
    conn.close()


def test_remove_documents_finds_a_relative_path_as_ingest_stored_it(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus").mkdir()
    with Store(tmp_path / "s.db") as store:
        store.save(_document(source=str(tmp_path / "corpus" / "a.md")), [_fact()])
        assert store.remove_documents(["corpus"]).documents == (str(tmp_path / "corpus" / "a.md"),)


def test_remove_documents_is_one_transaction(tmp_path: Path) -> None:
    """A failure midway (here: a path that cannot be resolved) removes nothing."""
    path = _stored_corpus(tmp_path / "s.db")
    with Store(path) as store:
        with pytest.raises(ValueError):
            store.remove_documents(["/c/a.md", "/c/\x00bad"])
        assert store.counts() == (5, 5)


def test_a_store_that_is_not_there_is_not_created_when_asked_not_to(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database here yet"):
        Store(tmp_path / "none.db", create=False)
    assert not (tmp_path / "none.db").exists()


def test_an_inferred_date_says_where_it_came_from(tmp_path: Path) -> None:
    from tradedash.extract.document import parse_document
    from tradedash.extract.reader import extract

    text = "---\ntitle: 无日期\n---\n<p>转自:http://www.example.gov.cn/2013/0430/x.html</p><p>一季度，江苏省进出口1000亿元。</p>"
    document = parse_document(text.encode(), "/t/undated.md")
    with Store(tmp_path / "s.db") as store:
        store.save(document, extract(document))
        [row] = store.facts()
        assert row.document.date_source == "cited_url"
        assert row.document.date_note == "2013-04-30 (inferred from the cited url)"
        assert store.facts_by_id([row.id])[0].document.date_note == row.document.date_note


def test_each_thread_has_its_own_connection(tmp_path: Path) -> None:
    import sqlite3
    import threading

    store = Store(tmp_path / "s.db")
    seen: list[sqlite3.Connection] = []

    def use() -> None:
        seen.append(store._conn)
        assert store.counts() == (0, 0)

    threads = [threading.Thread(target=use) for _ in range(2)]
    for thread in threads:
        thread.start()
        thread.join()
    main = store._conn
    assert main not in seen and all(isinstance(c, sqlite3.Connection) for c in seen)
    store.close()
    for conn in [main, *seen]:
        with pytest.raises(sqlite3.ProgrammingError):  # closed
            conn.execute("SELECT 1")
