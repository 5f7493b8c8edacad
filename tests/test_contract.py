"""The fact contract: measure and breakdown on every fact, the headline guard, and round trips.

JSON (``tradedash extract``), CSV (``tradedash facts --format csv``) and the SQLite store
all carry ``measure`` and ``breakdown``; what is written reads back the same.
"""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from tradedash.extract.document import load_document
from tradedash.extract.reader import extract
from tradedash.extract.render import facts_csv
from tradedash.extract.store import Store

from .conftest import article

BODY = ("<p>今年前5个月，江苏省进出口2.13万亿元，增长8.5%。其中，出口1.32万亿元，增长9%。</p>"
        "<p>同期，江苏对东盟进出口3116.4亿元，增长9.6%；机电产品出口8677.6亿元，增长7.3%；"
        "民营企业进出口8085.4亿元，占全省进出口总值的38%。</p>"
        "<p>苏州进出口1.1万亿元，增长2%，占全省的52%。</p>")


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "jiangsu.md"
    path.write_text(article(BODY, title="江苏前5个月外贸", date="2022-06-14"), encoding="utf-8")
    return path


def test_every_fact_says_what_is_measured_and_which_slice(tmp_path: Path) -> None:
    facts = {f.metric: f for f in extract(load_document(_write(tmp_path)))}
    assert (facts["货物进出口总额"].measure, facts["货物进出口总额"].breakdown) == ("trade_total", {})
    assert facts["对东盟进出口"].breakdown == {"partner": "东盟"}
    assert facts["机电产品出口"].breakdown == {"product": "机电产品"}
    assert facts["民营企业进出口"].breakdown == {"owner": "民营企业"}
    assert {f.measure for f in facts.values()} == {"trade_total", "export"}


def test_the_headline_guard(tmp_path: Path) -> None:
    """metric_id only for a figure with no breakdown whose region is the statement's subject."""
    facts = extract(load_document(_write(tmp_path)))
    for fact in facts:
        assert (fact.metric_id is not None) == (not fact.breakdown), fact
        assert fact.metric_id in (None, fact.measure)
    suzhou = next(f for f in facts if f.region == "江苏省苏州市")
    assert suzhou.metric_id == "trade_total" and suzhou.share_percent == Decimal("52")
    # a region only named inside parentheses is the figure's region, but not the statement's subject
    aside = load_document(_write(tmp_path))
    aside = type(aside)(**{**aside.__dict__, "paragraphs": ("上半年，陕西进出口1127亿元，增长9.7%（全国增速5%）。",)})
    national = next(f for f in extract(aside) if f.region == "全国")
    assert national.kind == "growth" and national.metric_id is None


def test_json_of_the_extract_command_carries_both(tmp_path: Path) -> None:
    path = _write(tmp_path)
    out = subprocess.run([sys.executable, "-m", "tradedash.tui.cli", "extract", "--format", "json", str(path)],
                         capture_output=True, text=True, check=True).stdout
    document = json.loads(out)["documents"][0]
    assert document["date_source"] == "front_matter"
    by_metric = {f["metric"]: f for f in document["facts"]}
    assert by_metric["对东盟进出口"]["breakdown"] == {"partner": "东盟"}
    assert by_metric["对东盟进出口"]["measure"] == "trade_total" and by_metric["对东盟进出口"]["metric_id"] is None
    assert by_metric["出口"]["breakdown"] == {} and by_metric["出口"]["metric_id"] == "export"


def test_store_and_csv_round_trip(tmp_path: Path) -> None:
    document = load_document(_write(tmp_path))
    facts = extract(document)
    with Store(tmp_path / "s.sqlite3") as store:
        assert store.save(document, facts) == "new"
        rows = store.facts()
    back = {(r.fact.metric, r.fact.value): r.fact for r in rows}
    for fact in facts:
        stored = back[(fact.metric, fact.value)]
        assert (stored.measure, stored.breakdown, stored.metric_id) == (fact.measure, fact.breakdown, fact.metric_id)
    table = list(csv.DictReader(io.StringIO(facts_csv(rows))))
    assert {"measure", "breakdown"} <= set(table[0])
    for line in table:
        fact = back[(line["metric"], Decimal(line["value"]))]
        assert line["measure"] == (fact.measure or "")
        assert (json.loads(line["breakdown"]) if line["breakdown"] else {}) == fact.breakdown


def test_a_store_of_the_previous_extractor_is_read_again(tmp_path: Path) -> None:
    """Stores written before measure and breakdown existed gain the columns, and their
    documents are extracted again by the next ingest even though their bytes are unchanged."""
    import sqlite3

    path = tmp_path / "old.sqlite3"
    document = load_document(_write(tmp_path))
    with Store(path) as store:
        store.save(document, extract(document))
    with sqlite3.connect(path) as conn:  # as version 1 left it: no extractor version recorded
        conn.execute("UPDATE documents SET extractor = NULL")
    with Store(path) as store:
        assert store.known_hashes() == {}
        assert store.save(document, extract(document)) == "replaced"
        assert store.known_hashes() == {document.source: document.content_hash}


def test_a_version_2_store_gains_the_authority_column_and_keeps_its_facts(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "v2.sqlite3"
    document = load_document(_write(tmp_path))
    with Store(path) as store:
        store.save(document, extract(document))
        facts = store.counts()[1]
    with sqlite3.connect(path) as conn:  # as version 2 left it
        conn.execute("ALTER TABLE documents DROP COLUMN authority")
        conn.execute("PRAGMA user_version = 2")
    conn.close()
    with Store(path) as store:
        assert store.counts()[1] == facts
        assert store.facts()[0].document.authority is None
        assert store.known_hashes() == {document.source: document.content_hash}
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
    conn.close()
