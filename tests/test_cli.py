from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from tradedash.extract.render import markdown_table
from tradedash.extract.store import Store
from tradedash.tui.cli import main

from .conftest import article

BODY = ("<p>今年1-7月，朝阳区累计完成货物进出口总额10246.0亿元，同比增长27.3%，占全市总量的51.6%。"
        "1-7月，朝阳区新设外资企业262家。</p>")


@pytest.fixture
def stored(tmp_path: Path, db_path: Path) -> Path:
    path = tmp_path / "chaoyang.md"
    path.write_text(article(BODY, title="北京朝阳区外贸 | 报告\n[red]x[/red]"), encoding="utf-8")
    assert main(["ingest", str(path)]) == 0
    return path


def test_facts_json_has_the_contract_and_the_source(stored: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["facts", "--format", "json"]) == 0
    facts = json.loads(capsys.readouterr().out)["facts"]
    trade = next(f for f in facts if f["unit"] == "CNY")
    assert trade["value"] == 1024600000000 and trade["yoy_percent"] == 27.3
    assert {"region", "region_code", "period", "metric", "metric_id", "kind", "value", "unit", "qualifier",
            "yoy_percent", "share_percent", "share_of", "quote", "paragraph", "span"} <= set(trade)
    assert trade["document"]["path"] == str(stored.resolve())


def test_facts_filters_and_csv(stored: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["facts", "--metric", "外资", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["metric"], r["value"], r["unit"]) for r in rows] == [("新设外资企业", "262", "count")]


def test_facts_md_is_the_shared_markdown_with_escapes(stored: Path, db_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["facts", "--region", "朝阳", "--format", "md"]) == 0
    out = capsys.readouterr().out
    with Store(db_path, readonly=True) as store:
        assert out == markdown_table(store.facts(region="朝阳"))
    assert "| 北京市朝阳区 | 货物进出口总额 | 2022年1-7月 | 10,246.0亿元 | +27.3% | 51.6%（北京市） |" in out
    assert "北京朝阳区外贸 \\| 报告 [red]x[/red]（2022-08-31）" in out  # pipe escaped, newline joined, markup literal


def test_extract_prints_json_without_touching_the_store(tmp_path: Path, db_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.md"
    path.write_text(article(BODY), encoding="utf-8")
    assert main(["extract", str(path), "--format", "json"]) == 0
    documents = json.loads(capsys.readouterr().out)["documents"]
    assert documents[0]["date"] == "2022-08-31"
    assert Decimal(str(documents[0]["facts"][0]["value"])) == Decimal("1024600000000")
    assert not db_path.exists()


def test_extract_reports_a_bad_file_and_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.md"
    good.write_text(article(BODY), encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"")
    assert main(["extract", str(bad), str(good)]) == 1
    captured = capsys.readouterr()
    assert f"{bad}: empty file" in captured.err
    assert len(json.loads(captured.out)["documents"]) == 1


def test_facts_on_a_missing_store_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path / "none.db"), "facts"]) == 1
    assert "no database here yet" in capsys.readouterr().err


def test_facts_period_takes_the_dashboards_forms(stored: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for period, expected in (("2022年1-7月", 2), ("1-7月", 2), ("2022", 2), ("2021", 0), ("2022-01/2022-07", 2)):
        capsys.readouterr()
        assert main(["facts", "--period", period, "--format", "json"]) == 0
        assert len(json.loads(capsys.readouterr().out)["facts"]) == expected, period


@pytest.mark.parametrize("argv", [["facts", "--period", "nonsense"], ["facts", "--period", "latest"],
                                  ["--period", "2022", "facts"], ["--region", "北京", "ingest", "x"]])
def test_misplaced_or_bad_filters_are_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err
