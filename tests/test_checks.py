"""`tradedash check`: articles of our own trip each identity exactly once; consistent ones none.

Every article goes through the real pipeline (loader, extractor, SQLite store) before the
checks read the store back, so the identities are tested on facts as tradedash stores them.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from tradedash.extract.checks import check
from tradedash.extract.facts import Fact, Quote
from tradedash.extract.ingest import ingest
from tradedash.extract.store import Store
from tradedash.tui.cli import main

from .conftest import article

CONSISTENT = {
    "js-2022.md": ("江苏外贸", "<p>2022年1-6月，江苏省进出口25000亿元，同比增长5%。其中，出口16000亿元；进口9000亿元。"
                   "一般贸易进出口15000亿元，占全省的60%；加工贸易进出口7000亿元。民营企业进出口11000亿元，"
                   "国有企业进出口3000亿元，外商投资企业进出口10000亿元。</p>"),
    "js-2021.md": ("江苏外贸", "<p>2021年1-6月，江苏省进出口23800亿元。</p>"),
}
BROKEN = {
    "sum": ("浙江外贸", "<p>2022年1-6月，浙江省进出口24000亿元。其中，出口17000亿元，进口5000亿元。</p>"),
    "parts": ("山东外贸", "<p>2022年1-6月，山东省进出口1000亿元。一般贸易进出口700亿元，加工贸易进出口400亿元。</p>"),
    "share": ("广东外贸", "<p>2022年1-6月，广东省进出口40000亿元。民营企业进出口20000亿元，占全省的70%。</p>"),
    "growth": ("福建外贸", "<p>2022年1-6月，福建省进出口9000亿元，同比增长20%。</p>"),
}
LAST_YEAR = {"growth": ("福建外贸", "<p>2021年1-6月，福建省进出口8000亿元。</p>")}


def _store(tmp_path: Path, articles: dict[str, tuple[str, str]]) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)
    for name, (title, body) in articles.items():
        (folder / name).write_text(article(body, title=title, date="2022-07-20"), encoding="utf-8")
    db = tmp_path / "store.sqlite3"
    with Store(db) as store:
        summary = ingest(store, [folder])
    assert summary.failed == 0
    return db


def test_consistent_articles_trip_nothing(tmp_path: Path) -> None:
    db = _store(tmp_path, CONSISTENT)
    with Store(db, readonly=True) as store:
        rows = store.facts()
    assert len(rows) == 9 and check(rows) == []


@pytest.mark.parametrize("identity", sorted(BROKEN))
def test_each_identity_trips_exactly_once(tmp_path: Path, identity: str) -> None:
    articles = dict(CONSISTENT)
    articles[f"{identity}.md"] = BROKEN[identity]
    if identity in LAST_YEAR:
        articles[f"{identity}-last.md"] = LAST_YEAR[identity]
    db = _store(tmp_path, articles)
    with Store(db, readonly=True) as store:
        warnings = check(store.facts())
    assert Counter(w.identity for w in warnings) == {identity: 1}, [w.message for w in warnings]


def test_the_messages_say_what_breaks(tmp_path: Path) -> None:
    db = _store(tmp_path, {f"{name}.md": text for name, text in BROKEN.items()}
                | {f"{name}-last.md": text for name, text in LAST_YEAR.items()})
    with Store(db, readonly=True) as store:
        messages = {w.identity: w.message for w in check(store.facts())}
    assert messages == {
        "sum": "出口 17000亿元 + 进口 5000亿元 = 22000亿元, but 进出口 is 24000亿元",
        "parts": "一般贸易、加工贸易 add up to 1100亿元, more than 货物进出口总额 1000亿元",
        "share": "20000亿元 / 40000亿元 = 50.0%, but the stated share is 70.0%",
        "growth": "9000亿元 over last year's 8000亿元 is +12.5%, but the stated growth is +20.0%",
    }


def test_printed_precision_is_allowed(tmp_path: Path) -> None:
    """1.6 + 0.9 printed to one decimal of 万亿 may stand for anything up to 2.6: 2.55 is no gap."""
    db = _store(tmp_path, {"a.md": ("江苏外贸", "<p>2022年1-6月，江苏省进出口2.55万亿元。其中，出口1.6万亿元；进口0.9万亿元。</p>")})
    with Store(db, readonly=True) as store:
        assert check(store.facts()) == []


def test_a_share_of_nothing_known_is_reported(tmp_path: Path) -> None:
    """The extractor only writes share_of for regions it resolved; a store written by an
    older version or another tool may hold others, and the check says so."""
    db = tmp_path / "store.sqlite3"
    (tmp_path / "a.md").write_text(article("<p>2022年上半年，上海市出口100亿元。</p>"), encoding="utf-8")
    with Store(db) as store:
        ingest(store, [tmp_path / "a.md"])
        document = store.facts()[0].document
        odd = Fact(region="上海市", region_code="310000", period="2022-01/2022-06", metric="出口", metric_id=None,
                   kind="share", value=None, unit="percent", share_percent=Decimal("12"), share_of="火星",
                   quotes=(Quote("占火星的12%", 0, (0, 3)),), measure="export")
        store._conn.execute("UPDATE facts SET kind = 'share', value = NULL, unit = 'percent', share_percent = '12', "
                            "share_of = ? WHERE document_id = ?", (odd.share_of, document.id))
        store._conn.commit()
        warnings = check(store.facts())
    assert [(w.identity, w.message) for w in warnings] == [
        ("share_of", "12.0% is a share of '火星', which names no region stored or known: its whole is not in the "
                     "store, so the share is unchecked")]


def test_the_command_prints_each_warning_with_its_quotes_and_exits_1(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    db = _store(tmp_path, {"sum.md": BROKEN["sum"], **CONSISTENT})
    assert main(["--db", str(db), "check"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("⚠ sum: exports + imports = total trade\n  浙江省 2022年1-6月: 出口 17000亿元 + 进口 5000亿元")
    assert "(the printed figures allow ±1.5亿元)" in out and "“2022年1-6月，浙江省进出口24000亿元。”" in out
    assert out.rstrip().endswith("1 warning (1 sum)")
    assert main(["--db", str(db), "check", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)["warnings"]
    assert [(w["identity"], w["expected"], w["stated"], w["gap"]) for w in data] == [
        ("sum", 2200000000000, 2400000000000, 200000000000)]
    assert main(["--db", str(db), "check", "--region", "江苏"]) == 0
    assert capsys.readouterr().out == "0 warnings\n"


MONTHS = {
    "h1.md": ("北京外贸", "<p>2022年1-6月，北京市进出口18000亿元。一季度，北京市进出口8500亿元。</p>"),
    "m7.md": ("北京外贸", "<p>2022年1-7月，北京市进出口21000亿元。</p>"),
}


def test_months_and_quarters_derive_from_cumulative_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tradedash.extract.derived import derive

    db = _store(tmp_path, MONTHS)
    with Store(db, readonly=True) as store:
        rows = store.facts()
    derived = {d.period: (d.value, d.later.fact.period, d.earlier.fact.period) for d in derive(rows)}
    assert derived == {
        "2022-07": (Decimal("3000E8"), "2022-01/2022-07", "2022-01/2022-06"),
        "2022-04/2022-06": (Decimal("9500E8"), "2022-01/2022-06", "2022-01/2022-03"),
    }
    assert check(rows) == []
    assert main(["--db", str(db), "facts", "--format", "json"]) == 0
    facts = json.loads(capsys.readouterr().out)["facts"]
    july = next(f for f in facts if f["period"] == "2022-07")
    ids = {f["period"]: f["id"] for f in facts if "id" in f}
    assert july["derived_from"] == [ids["2022-01/2022-07"], ids["2022-01/2022-06"]]
    assert (july["qualifier"], july["figure"], july["value"], july["quotes"]) == ("derived", "推算", 300000000000, [])


def test_a_stated_month_that_disagrees_with_the_derived_one_trips_once(tmp_path: Path) -> None:
    articles = dict(MONTHS)
    articles["july.md"] = ("北京外贸", "<p>7月，北京市进出口2500亿元。</p>")
    db = _store(tmp_path, articles)
    with Store(db, readonly=True) as store:
        warnings = check(store.facts())
    assert [(w.identity, w.message) for w in warnings] == [
        ("derived", "2500亿元 stated, but 21000亿元 - 18000亿元 = 3000亿元")]


def test_nothing_is_derived_across_years_or_from_a_revision(tmp_path: Path) -> None:
    from tradedash.extract.derived import derive

    db = _store(tmp_path, {
        "a.md": ("天津外贸", "<p>2021年1-6月，天津市进出口4000亿元。2022年1-7月，天津市进出口4500亿元。</p>"),
        "b.md": ("天津外贸", "<p>2022年1-2月，天津市进出口1200亿元。2022年1-3月，天津市进出口1100亿元。</p>"),
    })
    with Store(db, readonly=True) as store:
        assert derive(store.facts()) == []  # another year; and 1-3月 below 1-2月 (a revision) gives nothing


def test_the_bundled_sample_agrees_with_itself(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.resources import as_file

    from tradedash.data import sample_corpus

    db = tmp_path / "sample.sqlite3"
    with as_file(sample_corpus()) as folder, Store(db) as store:
        assert ingest(store, [folder]).failed == 0
    assert main(["--db", str(db), "check"]) == 0
    assert capsys.readouterr().out == "0 warnings\n"


def test_a_later_official_release_revises_an_earlier_figure() -> None:
    from tradedash.extract.revisions import current

    media, release = ("2021-01-10", None), ("2021-01-14", "2021-01-14")
    assert current([media, release]) == 1
    assert current([release, media]) == 0
    assert current([("2021-01-20", None), release]) is None  # a later article, official or not, keeps it open
    assert current([("2021-01-14", None), release]) is None  # a tie
    assert current([(None, None), release]) is None  # an undated article cannot be ordered
    assert current([media, ("2021-01-12", None)]) is None  # media only
    assert current([release]) is None


def test_a_whole_store_is_checked_unquoted_and_its_warnings_quoted(tmp_path: Path) -> None:
    """check_run reads every fact without its quotes (memory) and quotes the warned ones again."""
    from tradedash.extract.check_run import run_checks

    articles = dict(MONTHS)
    articles["july.md"] = ("北京外贸", "<p>7月，北京市进出口2500亿元。</p>")
    db = _store(tmp_path, articles)
    with Store(db, readonly=True) as store:
        assert all(row.fact.quotes == () for row in store.facts(quotes=False))
        assert [row.fact for row in store.facts(quotes=False)] == [
            replace(row.fact, quotes=()) for row in store.facts()]
        found = run_checks(store)
    [warning] = found.warnings
    assert [row.fact.quotes[0].quote for row in warning.facts] == [
        "7月，北京市进出口2500亿元。", "2022年1-7月，北京市进出口21000亿元。", "2022年1-6月，北京市进出口18000亿元。"]
    assert sorted(d.period for d in found.derived) == ["2022-04/2022-06", "2022-07"]


def test_derived_series_sit_after_their_family() -> None:
    from tradedash.extract.derived import beside
    from tradedash.extract.series import Series, SeriesKey

    def one(region: str, shape: str) -> Series:
        return Series(SeriesKey(region, None, "进出口", "amount", "CNY", shape), ("2022",), points=())

    stated = [one("北京市", "year"), one("北京市", "month"), one("上海市", "year")]
    derived = [one("上海市", "derived:month"), one("北京市", "derived:month"), one("天津市", "derived:quarter")]
    assert [(s.key.region, s.key.shape) for s in beside(stated, derived)] == [
        ("北京市", "year"), ("北京市", "month"), ("北京市", "derived:month"), ("上海市", "year"),
        ("上海市", "derived:month"), ("天津市", "derived:quarter")]


def test_nothing_is_derived_from_a_bound(tmp_path: Path) -> None:
    """超过5000亿元 minus 4000亿元 is no month: only stated values subtract."""
    from tradedash.extract.derived import derive

    db = _store(tmp_path, {"a.md": ("天津外贸", "<p>2022年1-7月，天津市进出口4000亿元。2022年1-8月，天津市进出口超过5000亿元。</p>")})
    with Store(db, readonly=True) as store:
        rows = store.facts()
        assert {row.fact.qualifier for row in rows} == {"exact", "at_least"}
        assert derive(rows) == []
