"""Number tokens: Arabic, full-width and Chinese numerals, with their magnitude words."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradedash.extract.numerals import NUMBER_RE, normalize_text, parse_number, to_chinese


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        # Arabic, with magnitudes inside or after the number (DESIGN.md's forms)
        ("10246.0", "10246"),
        ("10246.0亿", "1024600000000"),
        ("1.99万亿", "1990000000000"),
        ("3,456.7", "3456.7"),
        ("3,456.7亿", "345670000000"),
        ("3，456.7", "3456.7"),
        ("12,345,678", "12345678"),
        ("8.2亿", "820000000"),
        ("17.17亿", "1717000000"),
        ("5.48万", "54800"),
        ("3千亿", "300000000000"),
        ("2百亿", "20000000000"),
        ("2.71万万", "271000000"),
        ("0.5", "0.5"),
        ("26.90", "26.9"),
        # full-width and traditional forms
        ("１２３．４", "123.4"),
        ("３，４５６．７", "3456.7"),
        ("１．９９萬億", "1990000000000"),
        # Chinese numerals
        ("二百六十五亿四千八百万", "26548000000"),
        ("二百六十五億四千八百萬", "26548000000"),
        ("一百二十", "120"),
        ("十", "10"),
        ("十七", "17"),
        ("十七点三", "17.3"),
        ("十七點三", "17.3"),
        ("零点五", "0.5"),
        ("一点五亿", "150000000"),
        ("两", "2"),
        ("兩千", "2000"),
        ("两万亿", "2000000000000"),
        ("〇", "0"),
        ("零", "0"),
        ("廿", "20"),
        ("廿三", "23"),
        ("一百零五", "105"),
        ("一千零十", "1010"),
        ("一千零一万", "10010000"),
        ("三千万", "30000000"),
        ("四千亿", "400000000000"),
        ("一万亿", "1000000000000"),
        ("十万", "100000"),
        ("一亿零一", "100000001"),
        # colloquial: a final digit right after a unit sits one place below it
        ("一万五", "15000"),
        ("一百五", "150"),
        ("三千五", "3500"),
        # digit by digit
        ("二〇二二", "2022"),
        # signs
        ("-2.1", "-2.1"),
        ("+3", "3"),
        ("-0", "0"),
    ],
)
def test_parse_number(token: str, expected: str) -> None:
    value = parse_number(token)
    assert value == Decimal(expected)
    assert str(value) == expected  # one spelling: no 1990000000000.00, no 26.90, no -0


@pytest.mark.parametrize(
    "token",
    ["", "-", "abc", "1,2", "1,23", "1,2345", "1.2.3", "1e5", "NaN", "inf",
     "亿", "万", "百", "一一二百", "三五百", "零百", "点五", "1.5万abc"],
)
def test_parse_number_rejects(token: str) -> None:
    with pytest.raises(ValueError):
        parse_number(token)


@pytest.mark.parametrize(
    ("n", "reading"),
    [
        (0, "零"),
        (1, "一"),
        (10, "十"),
        (15, "十五"),
        (20, "二十"),
        (110, "一百一十"),
        (1001, "一千零一"),
        (10010, "一万零一十"),
        (100000, "十万"),
        (1000100, "一百万零一百"),
        (10010000, "一千零一万"),
        (100000000, "一亿"),
        (100000001, "一亿零一"),
        (100010000, "一亿零一万"),
        (26548000000, "二百六十五亿四千八百万"),
        (10**12, "一万亿"),
        (10**16, "一亿亿"),
    ],
)
def test_to_chinese(n: int, reading: str) -> None:
    assert to_chinese(n) == reading


def test_to_chinese_rejects_negative() -> None:
    with pytest.raises(ValueError):
        to_chinese(-1)


@given(st.integers(min_value=0, max_value=10**16))
def test_chinese_readings_round_trip(n: int) -> None:
    reading = to_chinese(n)
    assert NUMBER_RE.fullmatch(reading), reading
    assert parse_number(reading) == n


@given(st.integers(min_value=0, max_value=10**15), st.integers(min_value=0, max_value=99))
def test_arabic_with_thousand_groups_round_trips(whole: int, cents: int) -> None:
    token = f"{whole:,}.{cents:02d}"
    assert NUMBER_RE.fullmatch(token)
    assert parse_number(token) == Decimal(whole) + Decimal(cents) / 100
    assert parse_number(token.replace(",", "，")) == parse_number(token)


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("进出口1.99万亿元", "1.99万亿"),
        ("总值3,456.7亿元", "3,456.7亿"),
        ("分别为1,2两类", "1"),  # 1,2 is a list, not one thousand-grouped number
        ("出口二百六十五亿四千八百万美元", "二百六十五亿四千八百万"),
        ("累计100千瓦时", "100"),  # 千 before 瓦 is the unit's prefix
        ("9.6个百分点", "9.6"),
        ("百分之十七点三", "十七点三"),  # 百 before 分 is not a magnitude
    ],
)
def test_number_pattern_finds_one_token(text: str, token: str) -> None:
    match = NUMBER_RE.search(text)
    assert match is not None and match.group() == token


def test_normalize_text_keeps_length_and_folds() -> None:
    text = "出口１２３．４億元，增長１２．５％"
    folded = normalize_text(text)
    assert len(folded) == len(text)
    assert folded == "出口123.4亿元，增长12.5%"
    assert normalize_text("没有需要折叠的字符，") == "没有需要折叠的字符，"
