from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from tradedash.extract.render import markdown_table, tsv_table
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


# -- global options after the verb ------------------------------------------------------------


def test_db_goes_after_the_verb_as_well_as_before(tmp_path: Path, db_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "chaoyang.md"
    path.write_text(article(BODY), encoding="utf-8")
    other = tmp_path / "other.sqlite3"
    assert main(["ingest", "--db", str(other), str(path)]) == 0
    assert other.is_file() and not db_path.exists()  # not $TRADEDASH_DB
    capsys.readouterr()
    # --region after `facts` is still the facts filter, next to --db
    assert main(["facts", "--db", str(other), "--region", "朝阳", "--metric", "外资", "--format", "csv"]) == 0
    assert [r["value"] for r in csv.DictReader(io.StringIO(capsys.readouterr().out))] == ["262"]
    for argv in (["docs", "--db", str(other)], ["--db", str(other), "docs"], ["check", "--db", str(other)]):
        assert main(argv) == 0, argv
    assert not db_path.exists()


# -- extract and ingest: nothing to read is said, with exit 1 -----------------------------------


def test_extract_names_a_missing_file_and_a_folder_and_goes_on(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.md"
    good.write_text(article(BODY), encoding="utf-8")
    (tmp_path / "folder").mkdir()
    assert main(["extract", str(tmp_path / "missing.md"), str(tmp_path / "folder"), str(good)]) == 1
    captured = capsys.readouterr()
    assert f"tradedash: {tmp_path / 'missing.md'}: no such file" in captured.err
    assert f"tradedash: {tmp_path / 'folder'}: is a folder, not an article" in captured.err
    assert [d["source"] for d in json.loads(captured.out)["documents"]] == [str(good)]


def test_ingest_of_a_folder_without_articles_says_so_and_creates_no_store(
        tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.pdf").write_bytes(b"%PDF")
    assert main(["ingest", str(empty)]) == 1
    assert f"tradedash: no articles found in {empty}" in capsys.readouterr().err
    assert main(["ingest", str(empty), str(tmp_path / "nope")]) == 1
    err = capsys.readouterr().err
    assert "nope: no such file or folder" in err and f"no articles found in {empty}, {tmp_path / 'nope'}" in err
    assert not db_path.exists() and not db_path.parent.exists()


# -- tables: full width in a pipe --------------------------------------------------------------


def test_a_table_in_a_pipe_is_tab_separated_and_whole(stored: Path, db_path: Path) -> None:
    """Through a real pipe from the installed command: a Rich table would cut the titles to 80 columns."""
    exe = Path(sys.executable).with_name("tradedash")
    out = subprocess.run([str(exe), "facts"], capture_output=True, text=True, check=True, timeout=60).stdout
    with Store(db_path, readonly=True) as store:
        assert out == tsv_table(store.facts())  # the dashboard's TSV copy, byte for byte
    lines = [line.split("\t") for line in out.splitlines()]
    assert lines[0] == ["地区", "指标", "时期", "数值", "同比", "占比", "来源"]
    assert lines[1][6] == "北京朝阳区外贸 | 报告 [red]x[/red]（2022-08-31）" and "…" not in out
    docs = subprocess.run([str(exe), "docs"], capture_output=True, text=True, check=True, timeout=60).stdout
    assert docs.splitlines()[1].split("\t") == ["2022-08-31", "", "2", "", "北京朝阳区外贸 | 报告 [red]x[/red]",
                                                str(stored.resolve())]


def test_a_table_on_a_terminal_is_a_rich_table(stored: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["facts"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("┏━") and "地区" in out and "\t" not in out


# -- docs and remove ---------------------------------------------------------------------------


def test_docs_lists_documents_with_inferred_dates_facts_and_authority(tmp_path: Path, db_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "b.md").write_text(article("<p>据南京海关统计，2022年1-5月，江苏省进出口2.13万亿元。</p>", title="江苏",
                                         date="2022-06-14"), encoding="utf-8")
    (folder / "a.md").write_text("---\ntitle: 山西\nsource: 'http://x.cn/roll/202010/26/t20201026_1.shtml'\n---\n"
                                 "<p>今年前三季度，山西省进出口983.1亿元。</p>", encoding="utf-8")
    assert main(["ingest", str(folder)]) == 0
    capsys.readouterr()
    assert main(["docs", "--format", "json"]) == 0
    documents = json.loads(capsys.readouterr().out)["documents"]
    assert [(d["path"], d["date"], d["date_source"], d["date_inferred"], d["facts"], d["authority"])
            for d in documents] == [
        (str((folder / "a.md").resolve()), "2020-10-26", "url", True, 1, None),
        (str((folder / "b.md").resolve()), "2022-06-14", "front_matter", False, 1, "南京海关"),
    ]
    assert main(["docs"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert rows[0] == ["date", "inferred", "facts", "authority", "title", "path"]
    assert rows[1][:5] == ["2020-10-26", "from url", "1", "", "山西"] and rows[2][:4] == ["2022-06-14", "", "1", "南京海关"]


def test_remove_deletes_documents_and_facts_and_says_what(tmp_path: Path, db_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "one.md").write_text(article("<p>2022年1-7月，朝阳区新设外资企业262家。</p>"), encoding="utf-8")
    (folder / "sub" / "two.md").write_text(article(BODY), encoding="utf-8")
    (folder / "sub" / "three.md").write_text(article(BODY.replace("262", "263")), encoding="utf-8")
    assert main(["ingest", str(folder)]) == 0
    assert "3 documents, 5 facts" in capsys.readouterr().out
    assert main(["remove", str(folder / "one.md")]) == 0
    assert capsys.readouterr().out.endswith(f"removed 1 document (1 fact) from {db_path}\n")
    assert main(["remove", str(folder / "sub"), str(folder / "one.md")]) == 1  # one.md is gone: said, exit 1
    captured = capsys.readouterr()
    assert f"removed 2 documents (4 facts) from {db_path}" in captured.out
    assert f"{folder / 'sub' / 'two.md'}" in captured.out
    assert f"tradedash: {folder / 'one.md'}: no stored document at this path or under it" in captured.err
    with Store(db_path, readonly=True) as store:
        assert store.counts() == (0, 0)


def test_remove_on_a_missing_store_creates_none(tmp_path: Path, db_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["remove", "x.md"]) == 1
    assert "no database here yet" in capsys.readouterr().err and not db_path.exists()


# -- counts and empty results --------------------------------------------------------------------


def test_one_of_a_thing_is_singular(tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "one.md"
    path.write_text(article("<p>2022年1-7月，朝阳区新设外资企业262家。</p>"), encoding="utf-8")
    assert main(["ingest", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 new, 0 unchanged, 0 replaced, 0 failed, 0 skipped; 1 fact stored by this run.")
    assert out.rstrip().endswith(": 1 document, 1 fact.")
    assert main(["remove", str(path)]) == 0
    assert "removed 1 document (1 fact)" in capsys.readouterr().out


def test_no_facts_says_why_on_stderr_and_exits_0(stored: Path, db_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["facts", "--region", "火星"]) == 0
    captured = capsys.readouterr()
    assert "tradedash: no facts match --region 火星" in captured.err
    assert captured.out.splitlines() == ["地区\t指标\t时期\t数值\t同比\t占比\t来源"]  # the header: still TSV
    assert main(["facts", "--region", "朝阳", "--period", "2021", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "no facts match --region 朝阳 --period 2021" in captured.err and json.loads(captured.out)["facts"] == []
    assert main(["remove", str(stored)]) == 0
    capsys.readouterr()
    assert main(["facts"]) == 0 and main(["docs"]) == 0
    err = capsys.readouterr().err
    assert f"no facts in the store {db_path}" in err and f"no documents in the store {db_path}" in err


def test_facts_unit_converts_amounts_with_the_years_rate(stored: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The article is dated 2022: 10246.0亿元 / 6.7261 (the 2022 average) is ≈1,523.3亿美元; 262家 stays."""
    capsys.readouterr()
    assert main(["facts", "--unit", "亿美元", "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert "| ≈1,523.3亿美元 | +27.3% |" in out and "| 262家 |" in out
    assert main(["facts", "--unit", "万亿元", "--format", "json"]) == 0
    trade = next(f for f in json.loads(capsys.readouterr().out)["facts"] if f["unit"] == "CNY")
    assert trade["value"] == 1024600000000  # the stored value is untouched; the shown one sits beside it
    assert trade["shown"] == {"text": "1.02万亿元", "value": 1.02, "unit": "万亿元", "rate": None, "note": None}
    assert main(["facts", "--unit", "亿美元", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    trade_row = next(r for r in rows if r["unit"] == "CNY")
    assert (trade_row["shown_value"], trade_row["shown_unit"], trade_row["rate"]) == ("1523.3", "亿美元", "6.7261 (2022)")
    with pytest.raises(SystemExit):
        main(["facts", "--unit", "亿日元"])
