from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tradedash.extract.document import Document, parse_document
from tradedash.extract.facts import Fact
from tradedash.extract.reader import extract

from .conftest import article


def _doc(*paragraphs: str, title: str = "测试", date: dt.date | None = dt.date(2022, 8, 31)) -> Document:
    return Document(source="t.md", title=title, date=date, paragraphs=tuple(paragraphs), content_hash="x")


def _find(facts: list[Fact], **want: object) -> Fact:
    hits = [f for f in facts if all(getattr(f, k) == v for k, v in want.items())]
    assert len(hits) == 1, (want, facts)
    return hits[0]


def test_level_growth_share_ride_together_with_region_and_period() -> None:
    paragraph = "今年1-7月，朝阳区累计完成货物进出口总额10246.0亿元，同比增长27.3%，占全市总量的51.6%。"
    facts = extract(_doc(paragraph, title="北京朝阳区外贸"))
    fact = _find(facts, value=Decimal("1024600000000"))
    assert (fact.region, fact.region_code, fact.period) == ("北京市朝阳区", "110105", "2022-01/2022-07")
    assert fact.metric == "货物进出口总额" and fact.metric_id == "trade_total"
    assert (fact.kind, fact.unit) == ("amount", "CNY")
    assert fact.yoy_percent == Decimal("27.3") and fact.share_percent == Decimal("51.6")
    assert fact.share_of == "北京市"
    start = paragraph.index("10246.0亿元")
    assert fact.quotes[0].span == (start, start + len("10246.0亿元")) and fact.figure == "10246.0亿元"


def test_breakdown_keeps_its_words_and_gets_no_total_id() -> None:
    facts = extract(_doc("前5个月，江苏省外贸进出口总值2.13万亿元，增长8.5%。其中，出口1.32万亿元，增长9%；"
                         "民营企业进出口8085.4亿元，增长13.1%。"))
    assert _find(facts, value=Decimal("2130000000000")).metric_id == "trade_total"
    export = _find(facts, value=Decimal("1320000000000"))
    assert (export.metric, export.metric_id, export.yoy_percent) == ("出口", "export", Decimal("9"))
    private = _find(facts, value=Decimal("808540000000"))
    assert "民营企业" in private.metric and private.metric_id is None
    assert all(f.period == "2022-01/2022-05" and f.region == "江苏省" for f in facts)


def test_fenbie_distributes_subjects_and_rates() -> None:
    facts = extract(_doc("前5个月，我省对欧盟、东盟、美国分别进出口3183.3亿元、3116.4亿元、2753.5亿元，"
                         "分别增长7.4%、9.6%和-5.2%。", title="江苏外贸"))
    assert [(f.metric, f.yoy_percent) for f in facts] == [
        ("对欧盟进出口", Decimal("7.4")), ("对东盟进出口", Decimal("9.6")), ("对美国进出口", Decimal("-5.2"))]
    assert {f.region for f in facts} == {"江苏省"}


def test_percentage_points_targets_and_month_on_month_are_not_facts() -> None:
    facts = extract(_doc("1-7月，全省进出口100亿元，同比增长5%，环比增长3%，高于全国2.1个百分点。"
                         "力争全年进出口突破200亿元。", title="安徽外贸"))
    assert [(f.value, f.yoy_percent) for f in facts] == [(Decimal("10000000000"), Decimal("5"))]
    assert facts[0].unit == "CNY"


def test_stated_twice_is_one_fact_with_two_quotes() -> None:
    facts = extract(_doc("今年前7个月，北京地区进出口1.99万亿元，增长17.4%。", "据统计，北京地区进出口1.99万亿元。",
                         title="北京前7个月进出口1.99万亿元"))
    assert len(facts) == 1
    assert [q.paragraph for q in facts[0].quotes] == [0, 1, -1]


def test_no_date_resolves_only_explicit_years() -> None:
    facts = extract(_doc("1-7月，江苏进出口100亿元。2021年，江苏进出口200亿元。", date=None))
    assert _find(facts, value=Decimal("10000000000")).period is None
    assert _find(facts, value=Decimal("20000000000")).period == "2021"


def test_stock_date_and_growth_without_level() -> None:
    facts = extract(_doc("截至目前，朝阳区跨国公司地区总部增至141家，占全市70%。"
                         "同期，朝阳区对一带一路沿线国家进出口增长11.2%。", title="北京朝阳区"))
    hq = _find(facts, value=Decimal("141"))
    assert (hq.period, hq.kind, hq.unit, hq.share_percent) == ("2022-08-31", "count", "count", Decimal("70"))
    growth = _find(facts, kind="growth")
    assert growth.value == Decimal("11.2") and "一带一路" in growth.metric


def test_gb18030_and_traditional_give_the_same_facts() -> None:
    simplified = article("<p>今年前5个月，江苏省进出口总值2.13万亿元，同比增长8.5%。</p>")
    traditional = article("<p>今年前5個月，江蘇省進(jìn)出口總值2.13萬億元，同比增長8.5%。</p>")
    facts = extract(parse_document(simplified.encode(), "a.md"))
    assert facts
    assert extract(parse_document(simplified.encode("gb18030"), "a.md")) == facts
    assert [(f.value, f.yoy_percent) for f in extract(parse_document(traditional.encode("utf-8"), "a.md"))] == \
        [(f.value, f.yoy_percent) for f in facts]


TEXT = st.text(alphabet=st.sampled_from(list("今年1-7月前个季度上半全国江苏省北京朝阳区进出口总值额增长下降占比分别同截至目前"
                                              "，。、；%亿万元美家个百分点一二三四五六七八九十0123456789.倍约超近多余以上[]\x1b\n ")),
               max_size=200)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXT, min_size=1, max_size=4), TEXT)
def test_never_raises_spans_inside_paragraph_values_finite(paragraphs: list[str], title: str) -> None:
    doc = _doc(*paragraphs, title=title)
    for fact in extract(doc):
        assert fact.value is not None and fact.value.is_finite()
        for number in (fact.yoy_percent, fact.share_percent):
            assert number is None or number.is_finite()
        for quote in fact.quotes:
            text = title if quote.paragraph == -1 else paragraphs[quote.paragraph]
            start, end = quote.span
            assert 0 <= start < end <= len(text)
            assert quote.quote in text


CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside the project")
def test_every_corpus_document_extracts() -> None:
    from tradedash.extract.document import load_document

    files = sorted(p for p in CORPUS.rglob("*.md"))
    assert len(files) >= 60
    total = 0
    for path in files:
        total += len(extract(load_document(path)))
    assert total > 500


def test_qizhong_scope_carries_through_the_sentence() -> None:
    facts = extract(_doc("1-7月，云南与一带一路沿线国家贸易额达907.4亿元，增长16%。"
                         "其中出口343.5亿元，增长22.9%；进口563.9亿元，增长12.2%。", title="云南外贸"))
    labels = {f.value: f.metric for f in facts}
    assert "一带一路" in labels[Decimal("34350000000")] and "出口" in labels[Decimal("34350000000")]
    assert "一带一路" in labels[Decimal("56390000000")] and "进口" in labels[Decimal("56390000000")]


def test_fenbie_over_a_noun_list_named_earlier_and_a_ranked_subject() -> None:
    facts = extract(_doc("前5个月，天津口岸机电产品、钢材和劳动密集型产品拉动出口作用明显，分别增长21.2%、45.8%、58.9%。"
                         "欧盟仍位居天津口岸贸易伙伴首位，进出口增长24.3%。", title="天津口岸外贸"))
    growth = {f.value: f.metric for f in facts if f.kind == "growth"}
    assert growth[Decimal("21.2")] == "机电产品出口" and growth[Decimal("58.9")] == "劳动密集型产品出口"
    assert growth[Decimal("24.3")] == "对欧盟进出口"


def test_a_second_fenbie_reuses_the_names_and_a_shared_measure() -> None:
    facts = extract(_doc("前7个月，北京地区原油、天然气、煤及褐煤进口均价分别上涨61.3%、67.1%、89.5%，"
                         "进口量分别减少1.5%、10.5%、21.8%。", title="北京外贸"))
    growth = {f.value: f.metric for f in facts}
    assert growth[Decimal("67.1")] == "天然气进口均价" and growth[Decimal("89.5")] == "煤及褐煤进口均价"
    assert growth[Decimal("-1.5")] == "原油进口量" and growth[Decimal("-21.8")] == "煤及褐煤进口量"


def test_a_list_of_names_then_as_many_figures_without_fenbie() -> None:
    facts = extract(_doc("1-4月，江苏省出口手机、汽车零件513亿元、257.2亿元，分别增长92.4%、27.3%。", title="江苏外贸"))
    assert [(f.metric, f.value, f.yoy_percent) for f in facts] == [
        ("手机出口", Decimal("51300000000"), Decimal("92.4")),
        ("汽车零配件出口", Decimal("25720000000"), Decimal("27.3"))]
