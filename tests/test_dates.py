"""Dates of articles: stated, inferred from the address or a dateline, and years not trusted."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tradedash.extract.dates import from_cited_url, from_dateline, from_url, future_years, text_year
from tradedash.extract.document import parse_document
from tradedash.extract.reader import extract


@pytest.mark.parametrize(("url", "date"), [
    ("http://ah.people.com.cn/n2/2021/0809/c227131-34824474.html", dt.date(2021, 8, 9)),
    ("http://district.ce.cn/newarea/roll/202004/24/t20200424_35937474.shtml", dt.date(2020, 4, 24)),
    ("http://www.example.gov.cn/jm/201111/t20111128_1300665.htm", dt.date(2011, 11, 28)),
    ("http://paper.example.com/html/2020-07/02/content_543_284484.htm", dt.date(2020, 7, 2)),
    ("http://finance.example.com/roll/20050721/12101243097.shtml", dt.date(2005, 7, 21)),
    ("http://news.example.cn/news_html/201712/20171214/news_20171214_2789674.shtml", dt.date(2017, 12, 14)),
    ("http://dz.example.cn/qx/2022/12-21/347419.shtml", dt.date(2022, 12, 21)),
    ("http://www.example.com.cn/news/cj/2024/06/1900797.shtml", dt.date(2024, 6, 1)),
    ("https://www.example.gov.cn/art/2023/2/6/art_1_2.html", dt.date(2023, 2, 6)),
])
def test_dates_in_addresses(url: str, date: dt.date) -> None:
    assert from_url(url) == date


@pytest.mark.parametrize("url", [
    "https://m.example.com/news/16314.html", "http://33809.123451234567.asia/index.php?W4=Z.html",
    "http://122.224.56.14:8082/api/wab.php?JjuzI=Gk4x.html", "",
])
def test_addresses_without_a_date(url: str) -> None:
    assert from_url(url) is None


def test_datelines() -> None:
    assert from_dateline("题目", ["发布时间：2024-11-18 09:30", "正文"]) == dt.date(2024, 11, 18)
    assert from_dateline("题目", ["四川日报 2019年09月19日", "正文"]) == dt.date(2019, 9, 19)
    # a wire dateline gives the month and day; the year comes from the address
    assert from_dateline("题目", ["本报上海8月20日电 记者从上海海关获悉"], "http://x.cn/2021/list/") == dt.date(2021, 8, 20)
    assert from_dateline("题目", ["本报上海8月20日电 记者从上海海关获悉"]) is None
    # a full date inside a long paragraph is an event, not a byline
    assert from_dateline("题目", ["2019年9月19日，四川省召开新闻发布会，介绍利用外资情况，" * 2]) is None


def _doc(front: str, body: str):
    return parse_document(f"---\n{front}\n---\n<p>{body}</p>".encode(), "t.md")


def test_an_undated_article_takes_its_address_date_and_says_so() -> None:
    document = _doc("title: 前三季度山西进出口\nsource: 'http://x.cn/roll/202010/26/t20201026_1.shtml'",
                    "今年前三季度，山西省进出口983.1亿元，下降5.8%。")
    assert (document.date, document.date_source) == (dt.date(2020, 10, 26), "url")
    assert any("inferred from the url" in w for w in document.warnings)
    fact = extract(document)[0]
    assert (fact.period, fact.value) == ("2020-01/2020-09", Decimal("98310000000"))


def test_an_explicit_year_wins_over_the_inferred_date() -> None:
    document = _doc("title: 外贸\nsource: 'http://x.cn/2022/0301/1.html'", "2019年，河南省进出口5700亿元。")
    assert [f.period for f in extract(document)] == ["2019"]


def test_a_year_beyond_the_articles_is_flagged_and_not_trusted() -> None:
    document = _doc("title: 外贸\ndate: 2023-06-14", "2043年1-5月，杭州市进出口2900亿元，增长6%。")
    assert any("2043年" in w and "not trusted" in w for w in document.warnings)
    assert [f.period for f in extract(document)] == [None]
    assert future_years(["2024年目标", "2043年1-5月"], dt.date(2023, 6, 14)) == [2043]


def test_a_cited_source_address_dates_an_undated_repost() -> None:
    document = parse_document("---\ntitle: 一季度外贸\n---\n<p>一季度，我省(陕西省)进出口52亿美元。</p>"
                              "<p>转自:http://sn.example.cn/n/2013/0430/c339-1.html</p>".encode(), "t.md")
    assert (document.date, document.date_source) == (dt.date(2013, 4, 30), "cited_url")
    assert [f.period for f in extract(document)] == ["2013-01/2013-03"]
    assert from_cited_url(["进出口52亿美元。", "更多见 http://x.cn/2013/0430/1.html"]) is None  # an address, not a source


def test_looser_address_dates() -> None:
    # a date opening a longer number, and a year folder with the month and day in the next one
    assert from_url("http://x.cn/news/gansu/2013092207001637791.htm") == dt.date(2013, 9, 22)
    assert from_url("https://swj.x.gov.cn/html/swj/2008/IMDOOPEA_0421/4402.html") == dt.date(2008, 4, 21)
    # an identifier that merely starts with digits is no date
    assert from_url("https://m.x.com/zhishi/13327477752181848927.html") is None
    assert from_url("https://x.com/news/myxw/20174252343585.shtml") is None


def test_an_undated_article_reads_bare_periods_in_the_latest_year_it_states() -> None:
    document = _doc("title: 一季度甘肃外贸进出口73亿元", "2017年一季度甘肃对外贸易进出口总值为73亿元。"
                    "今年一季度，兰州新区综合保税区进出口10.8亿元，去年同期为2.7亿元。")
    assert (document.date, document.year) == (None, 2017)
    assert any("read in 2017" in w for w in document.warnings)
    assert {f.period for f in extract(document) if f.kind == "amount"} == {"2017-01/2017-03", "2016-01/2016-03"}
    assert text_year("外贸", ["2010年全省进出口…，2013年1-6月…", "年产100万吨"]) == 2013


def test_no_date_anywhere_leaves_relative_periods_open() -> None:
    document = _doc("title: 外贸\nsource: 'http://x.cn/news/show-7941.html'", "1-7月，江苏进出口100亿元。")
    assert (document.date, document.date_source) == (None, None)
    assert [f.period for f in extract(document)] == [None]
