"""Quantities in a sentence: value in base units, unit, qualifier, kind and sign.

The sentences are written for these tests; the figures and forms echo the dev corpus
(DESIGN.md, "What real articles throw at the extractor").
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradedash.extract.lex import find_quantities
from tradedash.extract.quantities import Figure

UNITS = {
    "CNY", "USD", "EUR", "HKD", "JPY", "percent", "percentage_point", "times", "count",
    "tonne", "TEU", "kilowatt_hour", "square_meter", "kilometer",
}


def only(text: str) -> Figure:
    figures = find_quantities(text)
    assert len(figures) == 1, figures
    return figures[0]


def summary(f: Figure) -> tuple[str, str, str, str, str, int | None]:
    return (f.text, str(f.value), f.unit, f.qualifier, f.kind_hint, f.sign)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # money: magnitudes ride on the number, the value is in yuan / dollars
        ("全市进出口10246.0亿元。", ("10246.0亿元", "1024600000000", "CNY", "exact", "amount", None)),
        ("进出口总值1.99万亿元。", ("1.99万亿元", "1990000000000", "CNY", "exact", "amount", None)),
        ("出口3,456.7亿元。", ("3,456.7亿元", "345670000000", "CNY", "exact", "amount", None)),
        ("出口3，456.7亿元。", ("3，456.7亿元", "345670000000", "CNY", "exact", "amount", None)),
        ("出口１２３．４亿元。", ("１２３．４亿元", "12340000000", "CNY", "exact", "amount", None)),
        ("贸易额二百六十五億四千八百萬美元。", ("二百六十五億四千八百萬美元", "26548000000", "USD", "exact", "amount", None)),
        ("吸收外资4810亿元人民币。", ("4810亿元人民币", "481000000000", "CNY", "exact", "amount", None)),
        ("实际使用外资8.2亿美元。", ("8.2亿美元", "820000000", "USD", "exact", "amount", None)),
        ("利用外资9383万美元。", ("9383万美元", "93830000", "USD", "exact", "amount", None)),
        ("对欧投资3.5亿欧元。", ("3.5亿欧元", "350000000", "EUR", "exact", "amount", None)),
        ("融资20亿港元。", ("20亿港元", "2000000000", "HKD", "exact", "amount", None)),
        ("进口2.71万万元。", ("2.71万万元", "271000000", "CNY", "exact", "amount", None)),
        ("营收17.17亿元。", ("17.17亿元", "1717000000", "CNY", "exact", "amount", None)),
        # percent in every spelling
        ("占比51.6%。", ("51.6%", "51.6", "percent", "exact", "percent", None)),
        ("占比51.6％。", ("51.6％", "51.6", "percent", "exact", "percent", None)),
        ("占比百分之十七点三。", ("百分之十七点三", "17.3", "percent", "exact", "percent", None)),
        ("占比百分之百。", ("百分之百", "100", "percent", "exact", "percent", None)),
        ("占比一成五。", ("一成五", "15", "percent", "exact", "percent", None)),
        ("占比三成。", ("三成", "30", "percent", "exact", "percent", None)),
        ("占比逾五成。", ("逾五成", "50", "percent", "at_least", "percent", None)),
        ("占比近7成。", ("近7成", "70", "percent", "approx", "percent", None)),
        # percentage points are never percent
        ("增速高于全国9.6个百分点。", ("9.6个百分点", "9.6", "percentage_point", "exact", "points", None)),
        ("快于全国5.5個百分點。", ("5.5個百分點", "5.5", "percentage_point", "exact", "points", None)),
        ("低了零点五个百分点。", ("零点五个百分点", "0.5", "percentage_point", "exact", "points", None)),
        # times: plain, and the growth form
        ("是去年同期的2.3倍。", ("2.3倍", "2.3", "times", "exact", "times", None)),
        ("出口增长1.2倍。", ("1.2倍", "120", "percent", "exact", "percent", 1)),
        ("出口增长了1.2倍。", ("1.2倍", "120", "percent", "exact", "percent", 1)),
        ("企业数增加了一倍。", ("一倍", "100", "percent", "exact", "percent", 1)),
        ("汽车出口增长超3倍。", ("超3倍", "300", "percent", "at_least", "percent", 1)),
        ("规模翻一番。", ("翻一番", "100", "percent", "exact", "percent", 1)),
        ("规模翻了两番。", ("翻了两番", "300", "percent", "exact", "percent", 1)),
        ("汽车出口接近翻倍。", ("接近翻倍", "100", "percent", "approx", "percent", 1)),
        # counts
        ("新设外资企业262家。", ("262家", "262", "count", "exact", "count", None)),
        ("新设外资企业3000多家。", ("3000多家", "3000", "count", "at_least", "count", None)),
        ("新设外资企业300余家。", ("300余家", "300", "count", "at_least", "count", None)),
        ("签约项目近300个。", ("近300个", "300", "count", "approx", "count", None)),
        ("引进项目298个。", ("298个", "298", "count", "exact", "count", None)),
        ("查获侵权货物1247批。", ("1247批", "1247", "count", "exact", "count", None)),
        ("查获侵权货物4252件。", ("4252件", "4252", "count", "exact", "count", None)),
        ("出口汽车4.9万辆。", ("4.9万辆", "49000", "count", "exact", "count", None)),
        ("监管航班2002架次。", ("2002架次", "2002", "count", "exact", "count", None)),
        ("到港船舶5938艘。", ("5938艘", "5938", "count", "exact", "count", None)),
        ("监管旅客24.88万人次。", ("24.88万人次", "248800", "count", "exact", "count", None)),
        ("从业人员2万人。", ("2万人", "20000", "count", "exact", "count", None)),
        ("备案企业新增600户。", ("600户", "600", "count", "exact", "count", None)),
        ("交通工具498架/艘次。", ("498架/艘次", "498", "count", "exact", "count", None)),
        ("零售出口商品3193万单。", ("3193万单", "31930000", "count", "exact", "count", None)),
        ("中欧班列开行668列。", ("668列", "668", "count", "exact", "count", None)),
        ("联宝、鑫晟两家新企业。", ("两家", "2", "count", "exact", "count", None)),
        # levels
        ("货重40.89万吨。", ("40.89万吨", "408900", "tonne", "exact", "level", None)),
        ("集装箱运量86.9万标箱。", ("86.9万标箱", "869000", "TEU", "exact", "level", None)),
        ("吞吐量120TEU。", ("120TEU", "120", "TEU", "exact", "level", None)),
        ("出口电力26.6亿千瓦时。", ("26.6亿千瓦时", "2660000000", "kilowatt_hour", "exact", "level", None)),
        ("占地2平方公里。", ("2平方公里", "2000000", "square_meter", "exact", "level", None)),
        ("仓库5000平方米。", ("5000平方米", "5000", "square_meter", "exact", "level", None)),
        ("线路全长300公里。", ("300公里", "300", "kilometer", "exact", "level", None)),
        ("出口茶叶30公斤。", ("30公斤", "0.03", "tonne", "exact", "level", None)),
        # qualifiers before and after
        ("总值约300亿元。", ("约300亿元", "30000000000", "CNY", "approx", "amount", None)),
        ("总值大约300亿元。", ("大约300亿元", "30000000000", "CNY", "approx", "amount", None)),
        ("总值将近300亿元。", ("将近300亿元", "30000000000", "CNY", "approx", "amount", None)),
        ("总值接近300亿元。", ("接近300亿元", "30000000000", "CNY", "approx", "amount", None)),
        ("总值超过500亿元。", ("超过500亿元", "50000000000", "CNY", "at_least", "amount", None)),
        ("总值超500亿元。", ("超500亿元", "50000000000", "CNY", "at_least", "amount", None)),
        ("总值逾500亿元。", ("逾500亿元", "50000000000", "CNY", "at_least", "amount", None)),
        ("总值突破9000亿美元。", ("突破9000亿美元", "900000000000", "USD", "at_least", "amount", None)),
        ("总值稳定在2000亿元以上。", ("2000亿元以上", "200000000000", "CNY", "at_least", "amount", None)),
        ("总值2900亿美元左右。", ("2900亿美元左右", "290000000000", "USD", "approx", "amount", None)),
        ("占比不到5%。", ("不到5%", "5", "percent", "at_most", "percent", None)),
        ("占比不足5%。", ("不足5%", "5", "percent", "at_most", "percent", None)),
        ("占比5%以下。", ("5%以下", "5", "percent", "at_most", "percent", None)),
        ("占比50%以上。", ("50%以上", "50", "percent", "at_least", "percent", None)),
    ],
)
def test_forms(text: str, expected: tuple[str, str, str, str, str, int | None]) -> None:
    figure = only(text)
    assert summary(figure) == expected
    assert text[figure.start:figure.end] == figure.text


@pytest.mark.parametrize(
    ("text", "value", "sign"),
    [
        ("出口同比下降14.4%。", "-14.4", -1),
        ("出口下降了3.2%。", "-3.2", -1),
        ("出口同比增长27.3%。", "27.3", 1),
        ("吸收外资同比增354%。", "354", 1),
        ("增速为-2.1%。", "-2.1", -1),
        ("出口-2.1%。", "-2.1", -1),
        ("降幅为3.5%。", "-3.5", -1),
        ("降幅达3.5%。", "-3.5", -1),
        ("增幅为5.2%。", "5.2", 1),
        ("出口減少1.5%。", "-1.5", -1),
        ("逆差同比收窄3.2%。", "-3.2", -1),
        ("出口回落2%。", "-2", -1),
        ("出口下滑2%。", "-2", -1),
        ("出口萎缩2%。", "-2", -1),
        ("出口较上年降低2%。", "-2", -1),
        ("出口微降1.5%。", "-1.5", -1),
        ("价格上涨36.1%。", "36.1", 1),
        ("比重提高1.1个百分点。", "1.1", 1),
        ("降幅较一季度收窄4.6个百分点。", "-4.6", -1),
        ("出口增长均超三成。", "30", 1),
        ("出口增长近三成。", "30", 1),
        ("出口下降1.7倍。", "-170", -1),
        ("比去年同期增长13.3%。", "13.3", 1),
        ("增长（下同）与否不论，两年平均下降3.4%。", "-3.4", -1),
    ],
)
def test_direction_words_sign_rates(text: str, value: str, sign: int) -> None:
    figure = only(text)
    assert figure.value == Decimal(value)
    assert figure.sign == sign


@pytest.mark.parametrize(
    "text",
    [
        "占全国进出口总值的13.3%。",  # a share: no direction
        "提升1.1个百分点至48.2%。",  # 至 marks the level reached, not the change
        "增速高于全国5.5个百分点。",  # a comparison, not a move
        "增速变缓至3%。",
    ],
)
def test_rates_without_a_governing_direction_are_unsigned(text: str) -> None:
    figure = find_quantities(text)[-1]
    assert figure.sign is None
    assert figure.value > 0


def test_amounts_and_counts_are_never_signed() -> None:
    for figure in find_quantities("出口下降300亿元，企业减少300家。"):
        assert figure.sign is None
        assert figure.value == 300 * (10**8 if figure.unit == "CNY" else 1)


def test_sign_carries_along_a_list() -> None:
    figures = find_quantities("进口量分别减少1.5%、10.5%和21.8%，占比30%。")
    assert [(str(f.value), f.sign) for f in figures] == [
        ("-1.5", -1), ("-10.5", -1), ("-21.8", -1), ("30", None),
    ]


def test_each_direction_word_governs_its_own_figure() -> None:
    figures = find_quantities("分别下降6.3%和增长9.1倍，分别增长40%和1.2倍。")
    assert [(str(f.value), f.unit, f.sign) for f in figures] == [
        ("-6.3", "percent", -1), ("910", "percent", 1), ("40", "percent", 1), ("120", "percent", 1),
    ]


def test_a_list_can_state_its_unit_once() -> None:
    figures = find_quantities("分别提高0.9、1.0和0.4个百分点，进出口1286和1187.9亿元。")
    assert [(str(f.value), f.unit, f.sign) for f in figures] == [
        ("0.9", "percentage_point", 1),
        ("1", "percentage_point", 1),
        ("0.4", "percentage_point", 1),
        ("128600000000", "CNY", None),  # the list member shares the last one's 亿
        ("118790000000", "CNY", None),
    ]
    pp = find_quantities("增幅分别高于全国8.3个、5.8个百分点。")
    assert [(f.text, f.unit) for f in pp] == [("8.3个", "percentage_point"), ("5.8个百分点", "percentage_point")]


@pytest.mark.parametrize(
    ("text", "surface", "low", "high", "unit"),
    [
        ("预计增长3-5%。", "3-5%", "3", "5", "percent"),
        ("规模在3%~5%之间。", "3%~5%", "3", "5", "percent"),
        ("从业人员1.2万-1.5万人。", "1.2万-1.5万人", "12000", "15000", "count"),
        ("新增3至5家。", "3至5家", "3", "5", "count"),
        ("月度进出口在330~380亿元区间波动。", "330~380亿元", "33000000000", "38000000000", "CNY"),
    ],
)
def test_ranges_give_lower_bound_and_upper(text: str, surface: str, low: str, high: str, unit: str) -> None:
    figure = only(text)
    assert (figure.text, figure.value, figure.upper, figure.unit) == (surface, Decimal(low), Decimal(high), unit)
    assert figure.qualifier == "at_least"


@pytest.mark.parametrize(
    "text",
    [
        "2022年全市外贸保持增长。",  # year
        "8月31日发布。",  # date
        "发布时间2022-08-31。",
        "1-7月，1至7月，1—7月，前7个月，今年前三季度，一季度，上半年。",  # periods
        "连续5个月保持增长，近8个季度。",
        "第二批国家文化出口基地，排名第一，位居全国第4位，前5家企业。",  # ordinals, ranks
        "前10名企业。",  # a rank at the very start
        "一区十六园建设。",  # a name
        "用三年时间，5年内，24小时通关。",  # durations
        "“十四五”时期，一带一路。",
        "咨询电话010-12345678，邮编100020。",  # phone numbers, codes
        "G20峰会，5G网络，PM2.5。",
        "一个重要支撑，一批企业，唯一一家，汽车零件。",  # the article 一, words with 零
        "均价为5000元/吨。",  # a price, not an amount
        "三成都是，形成，完成。",
    ],
)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_spans_cover_qualifiers_and_units_in_order() -> None:
    text = "进出口超1.2万亿元，增长3000多家，占比近三成，4.5%左右。"
    figures = find_quantities(text)
    assert [f.text for f in figures] == ["超1.2万亿元", "3000多家", "近三成", "4.5%左右"]
    for figure in figures:
        assert text[figure.start:figure.end] == figure.text
    assert [f.start for f in figures] == sorted(f.start for f in figures)


_ALPHABET = st.sampled_from(
    list("0123456789.,，-+%％、和 〇零一二两三四五六七八九十廿百千万亿点成倍分之个百分点"
         "元美港家人吨标箱第年月约近超逾多余以上左右不到增长下降了同比为翻番至~—/")
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(_ALPHABET, max_size=40), st.text(max_size=40)))
def test_never_raises_and_spans_stay_inside(text: str) -> None:
    figures = find_quantities(text)
    end = 0
    for figure in figures:
        assert end <= figure.start < figure.end <= len(text)
        assert text[figure.start:figure.end] == figure.text
        assert figure.value.is_finite()
        assert figure.upper is None or figure.upper.is_finite()
        assert figure.unit in UNITS
        assert figure.qualifier in ("exact", "approx", "at_least", "at_most")
        assert figure.sign in (None, 1, -1)
        end = figure.end
