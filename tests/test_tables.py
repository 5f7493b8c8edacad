"""The table construction: a <table> with a header row gives one fact per figure cell."""
from __future__ import annotations

from decimal import Decimal

from tradedash.extract.document import parse_document
from tradedash.extract.reader import extract

from .conftest import article


def _facts(body: str, title: str = "江苏外贸", date: str = "2023-07-20"):
    return extract(parse_document(article(body, title=title, date=date).encode(), "t.md"))


def test_regions_by_rows_units_in_a_caption_and_rate_columns() -> None:
    facts = _facts("<p>上半年，全省外贸进出口情况如下（单位：亿元）。</p><table>"
                   "<tr><th>地区</th><th>进出口</th><th>同比（%）</th><th>出口</th><th>同比（%）</th></tr>"
                   "<tr><td>南京市</td><td>2,870.5</td><td>3.2</td><td>1,650.1</td><td>-1.4</td></tr>"
                   "<tr><td>苏州市</td><td>11,230.4</td><td>-2.5</td><td>6,701.2</td><td>0.8</td></tr>"
                   "<tr><td>合计</td><td>25,101.0</td><td>-1.1</td><td>15,003.9</td><td>2.0</td></tr></table>")
    got = {(f.region, f.metric): (f.value, f.yoy_percent, f.period, f.metric_id) for f in facts}
    assert got[("江苏省南京市", "货物进出口总额")] == (Decimal("287050000000"), Decimal("3.2"), "2023-01/2023-06", "trade_total")
    assert got[("江苏省苏州市", "出口")] == (Decimal("670120000000"), Decimal("0.8"), "2023-01/2023-06", "export")
    assert got[("江苏省", "货物进出口总额")][:2] == (Decimal("2510100000000"), Decimal("-1.1"))
    assert len(facts) == 6


def test_slices_by_rows_units_in_each_header_cell_and_a_share_column() -> None:
    facts = _facts("<p>2022年，浙江主要出口商品情况：</p><table>"
                   "<tr><td>商品</td><td>出口额(亿美元)</td><td>增长(%)</td><td>占比(%)</td></tr>"
                   "<tr><td>机电产品</td><td>2,105.3</td><td>6.1</td><td>44.9</td></tr>"
                   "<tr><td>纺织服装</td><td>612.0</td><td>-3.5</td><td>13.1</td></tr></table>", title="浙江外贸")
    machinery = next(f for f in facts if f.breakdown == {"product": "机电产品"})
    assert (machinery.metric, machinery.value, machinery.unit) == ("机电产品出口", Decimal("210530000000"), "USD")
    assert (machinery.yoy_percent, machinery.share_percent, machinery.period) == (Decimal("6.1"), Decimal("44.9"), "2022")
    assert machinery.metric_id is None
    textiles = next(f for f in facts if f.breakdown == {"product": "纺织品"})
    assert textiles.yoy_percent == Decimal("-3.5")


def test_partners_by_rows_a_period_in_the_header_and_cells_that_are_not_figures() -> None:
    facts = _facts("<table><tr><th>国家和地区</th><th>2023年1-6月进出口（万美元）</th><th>比上年同期增长（%）</th></tr>"
                   "<tr><td>东盟</td><td>1,234,567</td><td>12.5</td></tr>"
                   "<tr><td>欧盟</td><td>987,654</td><td>—</td></tr>"
                   "<tr><td>注：数据来源于海关</td><td></td><td></td></tr></table>", title="四川外贸")
    asean = next(f for f in facts if f.breakdown == {"partner": "东盟"})
    assert (asean.region, asean.period, asean.metric) == ("四川省", "2023-01/2023-06", "对东盟进出口")
    assert (asean.value, asean.unit, asean.yoy_percent) == (Decimal("12345670000"), "USD", Decimal("12.5"))
    eu = next(f for f in facts if f.breakdown == {"partner": "欧盟"})
    assert eu.yoy_percent is None and len(facts) == 2


def test_a_table_without_a_header_of_measures_gives_nothing_and_never_raises() -> None:
    facts = _facts("<table><tr><td>会议</td><td>地点</td></tr><tr><td>第五届进博会</td><td>上海</td></tr></table>"
                   "<table><tr><td>孤零零的一行</td></tr></table>")
    assert facts == []
