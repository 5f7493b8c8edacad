"""Period expressions: every form, resolved with and without a publication date.

The sentences are written for these tests; the figures echo the dev corpus.
"""
from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest

from tradedash.extract.lex import find_periods
from tradedash.extract.period_grammar import ROLE_COMPARISON, ROLE_DATE, ROLE_PERIOD, ROLE_STOCK, PeriodMention
from tradedash.extract.periods import (
    period_bounds,
    period_label,
    period_shape,
    period_sort_key,
)

AUG31 = dt.date(2022, 8, 31)
JAN14 = dt.date(2022, 1, 14)
FEB10 = dt.date(2022, 2, 10)


def only(text: str, doc: dt.date | None = AUG31) -> PeriodMention:
    found = find_periods(text, doc)
    assert len(found) == 1, found
    return found[0]


def triples(text: str, doc: dt.date | None = AUG31) -> list[tuple[str, str | None, str]]:
    return [(m.text, m.period, m.role) for m in find_periods(text, doc)]


# -- each form, in an article of 2022-08-31 -----------------------------------

FORMS = [
    # months intervals
    ("2022年1-7月，全区进出口8.2亿美元", "2022年1-7月", "2022-01/2022-07"),
    ("1-7月，新设外资企业262家", "1-7月", "2022-01/2022-07"),
    ("1至7月，出口增长", "1至7月", "2022-01/2022-07"),
    ("一至七月，出口增长", "一至七月", "2022-01/2022-07"),
    ("1—7月份，出口增长", "1—7月份", "2022-01/2022-07"),
    ("1–7月出口增长", "1–7月", "2022-01/2022-07"),
    ("1~7月出口增长", "1~7月", "2022-01/2022-07"),
    ("1到7月出口增长", "1到7月", "2022-01/2022-07"),
    ("１－７月出口增长", "１－７月", "2022-01/2022-07"),
    ("前7个月，出口增长", "前7个月", "2022-01/2022-07"),
    ("今年前七个月，出口增长", "今年前七个月", "2022-01/2022-07"),
    ("前7月出口增长", "前7月", "2022-01/2022-07"),
    ("今年前七個月，出口增長", "今年前七個月", "2022-01/2022-07"),
    ("今年1月至5月，出口增长", "今年1月至5月", "2022-01/2022-05"),
    ("4月至6月继续保持高位", "4月至6月", "2022-04/2022-06"),
    ("1-2月，出口增长", "1-2月", "2022-01/2022-02"),
    ("前两个月，出口增长", "前两个月", "2022-01/2022-02"),
    ("前2个月，出口增长", "前2个月", "2022-01/2022-02"),
    # quarters and halves
    ("一季度，出口增长", "一季度", "2022-01/2022-03"),
    ("第一季度出口增长", "第一季度", "2022-01/2022-03"),
    ("二季度出口增长", "二季度", "2022-04/2022-06"),
    ("1季度出口增长", "1季度", "2022-01/2022-03"),
    ("1~3季度出口增长", "1~3季度", "2021-01/2021-09"),
    ("2022年1-2季度出口增长", "2022年1-2季度", "2022-01/2022-06"),
    ("前三季度，广东外贸", "前三季度", "2021-01/2021-09"),
    ("2021年前三季度，广东外贸", "2021年前三季度", "2021-01/2021-09"),
    ("前三季北京地区进出口2.23万亿元", "前三季", "2021-01/2021-09"),
    ("上半年，北京地区进出口", "上半年", "2022-01/2022-06"),
    ("今年上半年，北京地区进出口", "今年上半年", "2022-01/2022-06"),
    ("下半年出口", "下半年", "2021-07/2021-12"),
    # years
    ("2021年，全区重点文化企业进出口17.17亿美元", "2021年", "2021"),
    ("二〇二一年全区进出口", "二〇二一年", "2021"),
    ("2021年全年进出口", "2021年全年", "2021"),
    ("2021年度进出口", "2021年度", "2021"),
    ("去年进出口", "去年", "2021"),
    ("上年进出口", "上年", "2021"),
    ("上一年进出口", "上一年", "2021"),
    ("今年进出口", "今年", "2022"),
    ("去年全年GDP首次超过万亿元", "去年全年", "2021"),
    ("2022年1-12月进出口", "2022年1-12月", "2022"),
    # single months
    ("11月，出口增长", "11月", "2021-11"),
    ("7月份，出口增长", "7月份", "2022-07"),
    ("今年4月份北京地区进出口", "今年4月份", "2022-04"),
    ("11月当月进出口1565.1亿元", "11月当月", "2021-11"),
    ("单5月进出口保持正增长", "单5月", "2022-05"),
    ("8月单月出口1759.3亿元", "8月单月", "2022-08"),
    ("2021年9月，朝阳区被认定", "2021年9月", "2021-09"),
    ("2021年 1-2月，广东经济", "2021年 1-2月", "2021-01/2021-02"),
    # multi-year and special spans
    ("十三五期间，进出口年均增长", "十三五期间", "2016-01/2020-12"),
    ("“十四五”时期进出口", "“十四五”时期", "2021-01/2025-12"),
    ("2020/2021年度棉花进口", "2020/2021年度", "2020-09/2021-08"),
    ("2020/21年度棉花进口", "2020/21年度", "2020-09/2021-08"),
    ("2020年至2022年，进出口年均增长", "2020年至2022年", "2020-01/2022-12"),
    ("2020-2022年进出口年均增长", "2020-2022年", "2020-01/2022-12"),
    ("2021年9月至2022年8月进出口", "2021年9月至2022年8月", "2021-09/2022-08"),
    # year to date: to the last complete month before the article
    ("今年以来，外贸保持增长", "今年以来", "2022-01/2022-07"),
    ("自年初以来，外贸保持增长", "年初以来", "2022-01/2022-07"),
    ("2021年以来，进口连续增长", "2021年以来", "2021-01/2022-07"),
    ("自3月以来，进出口连续增长", "3月以来", "2022-03/2022-07"),
    ("2009年末以来的恢复性增长", "2009年末以来", "2010-01/2022-07"),
    ("2020年至今进口持续增长", "2020年至今", "2020-01/2022-07"),
    ("2021年初以来进口持续增长", "2021年初以来", "2021-01/2022-07"),
    # months relative to the article
    ("上月出口增长", "上月", "2022-07"),
    ("本月出口增长", "本月", "2022-08"),
]


@pytest.mark.parametrize(("sentence", "text", "period"), FORMS)
def test_form_resolves_against_the_article_date(sentence: str, text: str, period: str) -> None:
    m = only(sentence)
    assert (m.text, m.period, m.role) == (text, period, ROLE_PERIOD)
    assert sentence[m.start : m.end] == m.text


@pytest.mark.parametrize(("sentence", "text", "period"), FORMS)
def test_form_without_a_date_resolves_only_a_written_year(sentence: str, text: str, period: str) -> None:
    m = only(sentence, None)
    assert m.text == text
    dated = re.search(r"[0-9〇一二]{4}年|/[0-9]{2}年度|十[一二三四]五", text) is not None
    runs_to_today = "以来" in text or "至今" in text
    assert m.period == (period if dated and not runs_to_today else None)


# -- the article date decides the year of bare expressions ---------------------

@pytest.mark.parametrize(
    ("sentence", "doc", "period"),
    [
        # January and February: a bare 1-12月 / 全年 / 四季度 is the year just ended
        ("1-12月，全省进出口增长", JAN14, "2021"),
        ("1-12月，全省进出口增长", FEB10, "2021"),
        ("全年进出口创历史新高", JAN14, "2021"),
        ("四季度进出口增长", JAN14, "2021-10/2021-12"),
        ("12月当月进出口增长", JAN14, "2021-12"),
        ("去年进出口增长", JAN14, "2021"),
        ("1月进出口增长", FEB10, "2022-01"),
        # the article month itself is still the article year
        ("8月进出口增长", AUG31, "2022-08"),
        ("9月进出口增长", AUG31, "2021-09"),
        # 今年 is the article year even for a month not over yet
        ("今年12月出口预计回落", dt.date(2021, 12, 7), "2021-12"),
        ("明年1月出口预计回落", dt.date(2021, 12, 7), "2022-01"),
        ("前年出口", AUG31, "2020"),
        # an explicit year wins over the article date (mirror sites carry wrong dates)
        ("2019年1-12月，全省进出口增长", JAN14, "2019"),
        ("2014年上半年，安徽省进出口", dt.date(2022, 7, 19), "2014-01/2014-06"),
        ("2023年1-5月，杭州市进出口", AUG31, "2023-01/2023-05"),
        # ... unless it lies beyond the year after the article's: a typo, not trusted
        ("2043年1-5月，杭州市进出口", AUG31, None),
        # a datetime is taken for its date
        ("前7个月，出口增长", dt.datetime(2022, 8, 18, 9, 30), "2022-01/2022-07"),
    ],
)
def test_bare_expressions_follow_the_article_date(sentence: str, doc: dt.date, period: str | None) -> None:
    assert only(sentence, doc).period == period


def test_year_to_date_in_january_has_no_complete_month() -> None:
    assert only("今年以来，外贸保持增长", dt.date(2022, 1, 20)).period is None
    assert only("今年以来，外贸保持增长", dt.date(2022, 2, 20)).period == "2022-01"


# -- comparisons never carry the figure's period --------------------------------

@pytest.mark.parametrize(
    ("sentence", "text", "period"),
    [
        ("比去年同期增长13.3%", "比去年同期", None),
        ("较去年同期(下同)增长8.7%", "较去年同期", None),
        ("较上年同期增长16%", "较上年同期", None),
        ("較2021年同期增長17.4%", "較2021年同期", "2021"),
        ("较2019年同期增长1.5%", "较2019年同期", "2019"),
        ("比上年增长5%", "比上年", None),
        ("同比增长27.3%", "同比", None),
        ("环比增长1.2%", "环比", None),
        ("比2019年1-7月增长20.5%", "比2019年1-7月", "2019-01/2019-07"),
        ("比1-6月加快0.7个百分点", "比1-6月", "2022-01/2022-06"),
        ("降幅较一季度收窄4.6个百分点", "较一季度", "2022-01/2022-03"),
        ("与2008年上半年相比增长6.3%", "与2008年上半年", "2008-01/2008-06"),
        ("与去年持平", "与去年", None),
        ("是去年同期的2.3倍", "去年同期", None),
        ("受2020年同期基数较低影响", "2020年同期", "2020"),
        ("创历史同期新高", "历史同期", None),
        ("出口增速较上月有所回落", "较上月", None),
        ("比年初增加1011亿美元", "比年初", None),
    ],
)
def test_comparison_bases(sentence: str, text: str, period: str | None) -> None:
    m = only(sentence)
    assert (m.text, m.period, m.role) == (text, period, ROLE_COMPARISON)


def test_comparison_does_not_displace_the_figures_period() -> None:
    found = triples("今年1-7月，朝阳区进出口10246.0亿元，较2021年同期增长27.3%，比1-6月加快0.3个百分点")
    assert found == [
        ("今年1-7月", "2022-01/2022-07", ROLE_PERIOD),
        ("较2021年同期", "2021", ROLE_COMPARISON),
        ("比1-6月", "2022-01/2022-06", ROLE_COMPARISON),
    ]


def test_a_base_joined_to_a_base_is_a_base() -> None:
    assert triples("增速比1-6月和1-5月分别加快") == [
        ("比1-6月", "2022-01/2022-06", ROLE_COMPARISON),
        ("1-5月", "2022-01/2022-05", ROLE_COMPARISON),
    ]


def test_a_conjunction_is_not_a_comparison() -> None:
    # 与 before a period without 相比/持平 is "and": the mention starts after it
    assert triples("今年12月与明年1月的出口预计", dt.date(2021, 12, 7)) == [
        ("今年12月", "2021-12", ROLE_PERIOD),
        ("明年1月", "2022-01", ROLE_PERIOD),
    ]


# -- stocks and dates ------------------------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "text", "period"),
    [
        ("截至目前，朝阳区跨国公司地区总部增至141家", "截至目前", "2022-08-31"),
        ("截止到目前，全国31个省份", "截止到目前", "2022-08-31"),
        ("截至6月末，外汇储备", "截至6月末", "2022-06-30"),
        ("截至6月底，外汇储备", "截至6月底", "2022-06-30"),
        ("截至2021年底，累计设立", "截至2021年底", "2021-12-31"),
        ("截至去年末，累计设立", "截至去年末", "2021-12-31"),
        ("截至2022年8月31日，累计设立", "截至2022年8月31日", "2022-08-31"),
        ("截至2月，累计设立", "截至2月", "2022-02-28"),
        ("6月末，国家外汇储备7110亿美元", "6月末", "2022-06-30"),
        ("二季度末，存款余额", "二季度末", "2022-06-30"),
        ("2021年末，存款余额", "2021年末", "2021-12-31"),
        ("我省现有备案报关单位增加至19134家", "现有", "2022-08-31"),
        ("目前，全国共有15个副省级城市", "目前", "2022-08-31"),
        ("迄今已累计开行668列", "迄今", "2022-08-31"),
    ],
)
def test_stock_dates(sentence: str, text: str, period: str) -> None:
    m = only(sentence)
    assert (m.text, m.period, m.role) == (text, period, ROLE_STOCK)


def test_stock_dates_without_an_article_date() -> None:
    assert only("截至目前，总部增至141家", None).period is None
    assert only("截至6月末，外汇储备", None).period is None
    assert only("截至2021年底，累计设立", None).period == "2021-12-31"


def test_cumulative_period_after_jiezhi_is_a_period() -> None:
    m = only("截至今年前4个月，北京地区累计进出口8901亿元", dt.date(2014, 5, 14))
    assert (m.period, m.role) == ("2014-01/2014-04", ROLE_PERIOD)


@pytest.mark.parametrize(
    ("sentence", "text", "period"),
    [
        ("8月31日，朝阳区举行新闻发布会", "8月31日", "2022-08-31"),
        ("中新社北京7月19日电", "7月19日", "2022-07-19"),
        ("2021年07月16日19:23 来源：人民网", "2021年07月16日", "2021-07-16"),
        ("12月28日发布", "12月28日", "2021-12-28"),
    ],
)
def test_calendar_days_are_dates_not_periods(sentence: str, text: str, period: str) -> None:
    m = only(sentence)
    assert (m.text, m.period, m.role) == (text, period, ROLE_DATE)


# -- what is not a period ---------------------------------------------------------

@pytest.mark.parametrize(
    "sentence",
    [
        "近5年来，进出口年均增长",
        "用三年时间建成",
        "连续5个月保持增长",
        "创近8个季度的最高增速",
        "增速为32个月以来新高",
        "提前7个月完成目标",
        "被认定为第二批国家文化出口基地",
        "发现有3家企业违规",
        "创单月历史新高",
        "占同期全省进出口总值的24.1%",
        "未来两个月出口或将回落",
        "20世纪90年代以来",
        "当前外贸面临的挑战不容忽视",
        "2021年初，企业复工",
        "6月初，企业复工",
        "按同比例增长",
    ],
)
def test_not_periods(sentence: str) -> None:
    assert find_periods(sentence, AUG31) == []


def test_year_with_months_is_one_mention() -> None:
    assert triples("2022年1-7月，全区进出口") == [("2022年1-7月", "2022-01/2022-07", ROLE_PERIOD)]


# -- context inside one text ---------------------------------------------------------

def test_dangyue_is_the_last_month_of_the_period_before_it() -> None:
    assert triples("广东前三季度GDP达8.8万亿，当月进出口创历史新高", dt.date(2021, 10, 23)) == [
        ("前三季度", "2021-01/2021-09", ROLE_PERIOD),
        ("当月", "2021-09", ROLE_PERIOD),
    ]
    assert only("当月进出口创历史新高").period is None


def test_full_year_takes_the_year_named_before_it() -> None:
    text = "2019年宁波市外贸进出口9170.3亿元。全年进出口规模创历史新高"
    assert [m.period for m in find_periods(text, None)] == ["2019", "2019"]
    # without a named year, 全年 falls back to the article date
    assert only("全年进出口规模创历史新高", dt.date(2013, 12, 23)).period == "2013"


def test_dangnian_takes_the_year_named_before_it() -> None:
    assert [m.period for m in find_periods("2019年开工，当年投产", AUG31)] == ["2019", "2019"]
    assert only("当年投产").period is None


def test_bare_month_joined_to_a_dated_one_takes_its_year() -> None:
    assert triples("只有2015年12月、2016年8月和12月这3个月", AUG31) == [
        ("2015年12月", "2015-12", ROLE_PERIOD),
        ("2016年8月", "2016-08", ROLE_PERIOD),
        ("12月", "2016-12", ROLE_PERIOD),
    ]


def test_lists_give_one_mention_per_item() -> None:
    assert triples("上海市一、二、三季度进出口规模", dt.date(2025, 10, 22)) == [
        ("一", "2025-01/2025-03", ROLE_PERIOD),
        ("二", "2025-04/2025-06", ROLE_PERIOD),
        ("三季度", "2025-07/2025-09", ROLE_PERIOD),
    ]
    assert triples("5、6月份，广州的疫情", dt.date(2021, 8, 8)) == [
        ("5", "2021-05", ROLE_PERIOD),
        ("6月份", "2021-06", ROLE_PERIOD),
    ]
    assert [m.period for m in find_periods("低于2018、2019年水平", AUG31)] == ["2018", "2019"]
    # a section number before a month is not a list
    assert triples("二、7月份进出口情况") == [("7月份", "2022-07", ROLE_PERIOD)]


# -- text as it comes from documents -----------------------------------------------

def test_spans_survive_pinyin_glosses() -> None:
    text = "杭州海關發(fā)布了今年前八個(gè)月的外貿(mào)數據"
    m = only(text, dt.date(2017, 9, 20))
    assert m.text == "今年前八個(gè)月"
    assert text[m.start : m.end] == m.text
    assert m.period == "2017-01/2017-08"


def test_mentions_are_ordered_and_disjoint() -> None:
    text = (
        "2022年1-7月，全区进出口8.2亿美元，同比增长27.3%。截至目前，总部增至141家。"
        "2021年，进出口17.17亿美元。8月31日发布。上半年，较去年同期增长。"
    )
    found = find_periods(text, AUG31)
    assert len(found) == 7
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start
    for m in found:
        assert text[m.start : m.end] == m.text


def test_empty_and_plain_text() -> None:
    assert find_periods("", AUG31) == []
    assert find_periods("朝阳区国际化资源优势突出", None) == []


# -- period strings -----------------------------------------------------------------

@pytest.mark.parametrize(
    ("period", "label", "shape"),
    [
        ("2022-01/2022-07", "2022年1-7月", "range:01-07"),
        ("2022-01/2022-03", "2022年1-3月", "range:01-03"),
        ("2022-04/2022-06", "2022年4-6月", "range:04-06"),
        ("2021", "2021年", "year"),
        ("2022-11", "2022年11月", "month"),
        ("2022-08-31", "2022年8月31日", "date"),
        ("2020-09/2021-08", "2020年9月-2021年8月", "span:09-08:2y"),
        ("2016-01/2020-12", "2016-2020年", "span:01-12:5y"),
        ("2021-01/2021-12", "2021年", "year"),
    ],
)
def test_label_and_shape(period: str, label: str, shape: str) -> None:
    assert period_label(period) == label
    assert period_shape(period) == shape


def test_bounds() -> None:
    assert period_bounds("2022-01/2022-07") == (dt.date(2022, 1, 1), dt.date(2022, 7, 31))
    assert period_bounds("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert period_bounds("2021") == (dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    assert period_bounds("2022-08-31") == (dt.date(2022, 8, 31), dt.date(2022, 8, 31))


def test_sort_key_orders_by_end_then_start() -> None:
    periods = ["2022-01/2022-07", "2021", "2022-07", "2022-01/2022-03", "2022-08-31", "2021-12"]
    assert sorted(periods, key=period_sort_key) == [
        "2021", "2021-12", "2022-01/2022-03", "2022-01/2022-07", "2022-07", "2022-08-31",
    ]


@pytest.mark.parametrize("bad", ["", "22", "2022-13", "2022-02-30", "2022-07/2022-01", "2022年", "2022-1-7月"])
def test_malformed_periods_are_rejected(bad: str) -> None:
    with pytest.raises(ValueError):
        period_shape(bad)


def test_every_found_period_is_well_formed() -> None:
    """What find_periods emits, the period helpers accept."""
    text = "".join(s for s, _, _ in FORMS) + "截至6月末，比2019年1-7月，8月31日，2020/2021年度"
    for m in find_periods(text, AUG31):
        if m.period is not None:
            period_label(m.period)
            assert period_sort_key(m.period)[0] >= period_sort_key(m.period)[1]


def test_the_opening_lookahead_hides_no_match() -> None:
    """The fast path (a lookahead on how a period can begin) finds exactly what
    the full grammar finds."""
    from tradedash.extract import period_grammar

    full = re.compile(period_grammar.PERIOD_SOURCE, re.VERBOSE)
    slow = re.compile(period_grammar.PERIOD_SOURCE.replace(f"(?={period_grammar._OPENING})", "", 1), re.VERBOSE)
    assert slow.pattern != full.pattern
    extra = (
        "较上年同期，比年初，截止到目前，与去年持平，一、二季度，5、6月，"
        "2018、2019年，全年，当月，目前，现有，同比，环比"
    )
    text = "".join(s for s, _, _ in FORMS) + extra
    fast = [(m.span(), m.lastgroup) for m in full.finditer(text)]
    assert fast == [(m.span(), m.lastgroup) for m in slow.finditer(text)]
    assert len(fast) > len(FORMS)
