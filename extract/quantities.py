"""Every quantity in a sentence: a number, its unit, its qualifier and, for rates, its sign.

``find_quantities`` is the extractor's lexer for figures. It knows nothing of
metrics, regions or periods; it says *what* a figure is (8.2亿美元 is 820000000
USD, 下降14.4% is -14.4 percent, 9.6个百分点 is 9.6 percentage points, never
percent) and *where* it is, so the extractor can attach words to it.

What is deliberately not a quantity: a number without a unit (years, 1-7月,
一季度, 十四五, phone numbers, codes), ordinals and ranks (第二批, 前5家), and the
article 一 before a classifier (一个, 一批, 一家: "a", not a count of one).

Choices the caller should know:

- A range (``3-5%``, ``1.2万-1.5万人``, ``3%~5%``, ``3至5家``) is one Figure whose
  ``value`` is the lower bound and ``upper`` the upper bound, qualifier
  ``at_least`` unless a word says otherwise.
- A rate governed by a direction word is signed: ``下降14.4%`` gives value -14.4 and
  sign -1, and the sign carries along a list (``分别下降5%、3%和2%``). Percentage
  points are signed the same way (``提升1.1个百分点`` is +1.1); amounts and counts
  never are (``减少300家`` stays 300 with sign None).
- ``增长1.2倍`` is returned in its growth form, +120 percent (kind_hint 'percent');
  an ungoverned ``2.3倍`` (是去年同期的2.3倍) stays 2.3 'times'. ``翻一番`` is +100
  percent, ``翻两番`` +300.
- A qualifier describes the magnitude: ``下降超过10%`` is value -10, 'at_least'.
- A list that states its unit once (``提高0.9、1.0和0.4个百分点``, ``1286和1187.9亿元``)
  gives every member that unit, and the last member's 万/亿 when it has none; the
  span of such a member covers only its number.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from .numerals import (
    CN_NUMERAL_CHARS,
    NUMBER_PATTERN,
    canonical,
    parse_raw,
)

__all__ = ["QUANTITY_SOURCE", "Figure", "KindHint", "Qualifier", "read_figure"]

Qualifier = Literal["exact", "approx", "at_least", "at_most"]
KindHint = Literal["amount", "count", "percent", "points", "times", "level"]


# Not frozen: one is made per word of every article, and a frozen dataclass is built
# four times slower. Nothing mutates one after the lexer made it.
@dataclass(slots=True)
class Figure:
    """One quantity: offsets into the sentence, surface, exact value in base units."""

    start: int
    end: int
    text: str
    value: Decimal
    unit: str
    qualifier: Qualifier
    kind_hint: KindHint
    sign: int | None = None
    """+1/-1 when a direction word (or a literal sign) governs a rate; None otherwise."""
    upper: Decimal | None = None
    """The upper bound of a range (``value`` is then the lower bound)."""


@dataclass(frozen=True)
class _Unit:
    unit: str
    kind: KindHint
    factor: Decimal = Decimal(1)


_CNY, _USD = _Unit("CNY", "amount"), _Unit("USD", "amount")
_COUNT, _TONNE = _Unit("count", "count"), _Unit("tonne", "level")
_TEU, _KM = _Unit("TEU", "level"), _Unit("kilometer", "level")

# surface -> (unit, look-ahead that must not follow). Magnitudes (万, 亿) belong to the
# number, so 亿元 is 亿 + 元. Longer surfaces win because the alternation is sorted.
_UNITS: dict[str, tuple[_Unit, str]] = {
    # Money; a price such as 元/吨 or 美元每桶 is not an amount.
    "元人民币": (_CNY, ""), "人民币元": (_CNY, ""), "人民币": (_CNY, ""),
    "元": (_CNY, r"(?![/每旦素宵])"),
    "美元": (_USD, r"(?![/每])"), "美金": (_USD, ""),
    "欧元": (_Unit("EUR", "amount"), r"(?![/每])"),
    "港元": (_Unit("HKD", "amount"), r"(?![/每])"), "港币": (_Unit("HKD", "amount"), ""),
    "日元": (_Unit("JPY", "amount"), r"(?![/每])"),
    # Rates.
    "%": (_Unit("percent", "percent"), ""),
    "个百分点": (_Unit("percentage_point", "points"), ""),
    "百分点": (_Unit("percentage_point", "points"), ""),
    "倍": (_Unit("times", "times"), ""),
    # Counts: enterprises, projects, people, vehicles, trips, batches. 7个月 is a duration.
    "家": (_COUNT, r"(?![庭乡])"),
    "个": (_COUNT, r"(?![月季年周点]|多月|半月|工作日|交易日|小时|半小时|星期|礼拜|世纪)"),
    "项": (_COUNT, r"(?!目)"), "件": (_COUNT, ""), "辆": (_COUNT, ""),
    "台": (_COUNT, r"(?![湾州山风阶])"),
    "架/艘次": (_COUNT, ""), "架次": (_COUNT, ""), "艘次": (_COUNT, ""), "架": (_COUNT, ""),
    "艘": (_COUNT, ""), "辆次": (_COUNT, ""), "批次": (_COUNT, ""), "人次": (_COUNT, ""),
    "人": (_COUNT, r"(?!均)"), "户": (_COUNT, ""),
    "批": (_COUNT, r"(?![发准复])"), "列": (_COUNT, r"(?![入为举出表])"), "座": (_COUNT, ""),
    "所": (_COUNT, r"(?![以有属在得谓])"), "名": (_COUNT, r"(?![单称义牌片录列次额])"),
    "宗": (_COUNT, ""), "条": (_COUNT, r"(?![件例款约规文目])"),
    "单": (_COUNT, r"(?![位独一月日价元据笔次])"), "票": (_COUNT, r"(?![据价房证务])"),
    # Physical levels.
    "吨": (_TONNE, ""), "公斤": (_Unit("tonne", "level", Decimal("0.001")), ""),
    "千克": (_Unit("tonne", "level", Decimal("0.001")), ""),
    "标箱": (_TEU, ""), "标准箱": (_TEU, ""), "TEU": (_TEU, ""),
    "千瓦时": (_Unit("kilowatt_hour", "level"), ""),
    "平方米": (_Unit("square_meter", "level"), ""),
    "平方公里": (_Unit("square_meter", "level", Decimal(10**6)), ""),
    "公顷": (_Unit("square_meter", "level", Decimal(10**4)), ""),
    "公里": (_KM, ""), "千米": (_KM, ""),
}
_TIMES = "times"
_SIGNED_UNITS = frozenset({"percent", "percentage_point"})

# Qualifier words before the number, between number and unit (3000多家), after the unit.
_PRE: dict[str, Qualifier] = {
    "大约": "approx", "约": "approx", "将近": "approx", "接近": "approx", "近": "approx",
    "超过": "at_least", "超出": "at_least", "超": "at_least", "逾": "at_least", "多于": "at_least",
    "突破": "at_least", "不少于": "at_least", "不低于": "at_least", "至少": "at_least",
    "不到": "at_most", "不足": "at_most", "少于": "at_most", "不超过": "at_most", "最多": "at_most",
}
_MID: dict[str, Qualifier] = {"多": "at_least", "余": "at_least"}
_POST: dict[str, Qualifier] = {
    "以上": "at_least", "有余": "at_least", "左右": "approx", "上下": "approx",
    "以下": "at_most", "以内": "at_most",
}
_QUALIFIER_WORDS: dict[str, Qualifier] = {**_PRE, **_MID, **_POST}


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation trying longer words first (超过 before 超)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_UNIT_RE = "|".join(
    re.escape(surface) + ahead for surface, (_, ahead) in sorted(_UNITS.items(), key=lambda kv: -len(kv[0]))
)
# A number is matched atomically, as one token: no unit, joint, range or qualifier that
# may follow it begins with a character that continues a number (百分点 and 千克 are
# guarded in NUMBER_PATTERN), so a shorter number never leads to a match, and the engine
# is spared retrying every prefix of every number that ends without a unit.
_N = rf"(?>{NUMBER_PATTERN})"
# A number starts a quantity only when it does not continue a number, a code or a word
# (G20, PM2.5), is not an ordinal (第二批) or a rank (前5家; 目前/此前/日前 are fine), and
# is not the right half of a date or period (2022-08-31, 1-7月).
_START = (
    rf"(?<![0-9A-Za-z._{CN_NUMERAL_CHARS}第])"
    r"(?<![0-9][-~—–])"
    r"(?<![^目当此之以提眼空日]前)(?<!^前)"
)
_RANGE = r"[-~—–]"

_JOINT = "(?:、|和|及|与)"
# The leading look-ahead lets the engine skip, cheaply, the positions where no quantity
# can start (most of a Chinese sentence). A quantity starts with a qualifier word, 百分之,
# 翻, a sign, or a number that passes _START: a digit inside a number (the 3 of 238.7)
# starts none, and most digits are inside one. Two character tests reject the other
# positions before any look-behind runs.
_WORD_FIRST = "".join(sorted({w[0] for w in _PRE} | set("百翻持+-")))
_NUMBER_FIRST = "0-9" + "".join(sorted(set(CN_NUMERAL_CHARS) - set("百千万萬亿億")))
QUANTITY_SOURCE = (
    rf"(?=[{re.escape(_WORD_FIRST)}]|(?=[{_NUMBER_FIRST}]){_START})"
    rf"(?P<qpre>{_alternation(_PRE).replace('|约|', '|(?<![签合条节契预制公])约|')})?"
    r"(?:"
    rf"百分之(?P<pct>{_N}|百)"
    rf"|{_START}(?P<c1>[一二两三四五六七八九十1-9])成(?![为立本交果功效员绩都长品型就熟份分年不])"
    r"(?P<c2>[一二三四五六七八九](?![十百千万亿点成倍]))?"
    r"|(?P<doubling>翻了?(?:(?P<fan>[一二两三四五六七八九1-9])番|番|一?倍))"
    # 与去年同期持平, 同比持平: no change, a growth of 0%.
    r"|(?P<flat>(?:(?<=同比)|(?<=同期)|(?<=上年)|(?<=去年)|(?<=基本))持平)"
    rf"|{_START}(?P<lo>{_N})(?P<lo_unit>{_UNIT_RE}){_RANGE}(?P<hi>{_N})(?P=lo_unit)"
    # A list that states its unit once: 提高0.9、1.0和0.4个百分点, 1286和1187.9亿元,
    # 高于全国8.3个、5.8个百分点 (tried first, or 8.3个 would read as a count).
    rf"|{_START}(?P<bare>{_N})个?(?=(?:{_JOINT}{_N}个?)*{_JOINT}(?P<last>{_N})[ \u3000\xa0]?(?P<shared>{_UNIT_RE}))"
    rf"|(?:(?<![0-9A-Za-z.%])(?P<sign>[-+])(?=[0-9]))?{_START}(?P<num>{_N})"
    rf"(?:(?:{_RANGE}|至|到)(?P<num2>{_N}))?(?P<mid>{_alternation(_MID)})?[ \u3000\xa0]?(?P<unit>{_UNIT_RE})"
    r")"
    rf"(?P<post>{_alternation(_POST)})?"
)

# A direction word right before a rate, possibly with 了/同比/达/为... in between.
_UP = ("增长", "增加", "上升", "提高", "提升", "上涨", "回升", "扩大", "增幅", "增速", "涨幅", "增", "升", "涨")
_DOWN = ("下降", "减少", "回落", "下滑", "降低", "萎缩", "下跌", "收窄", "缩小", "缩减", "压缩",
         "负增长", "降幅", "跌幅", "减幅", "降", "减", "跌")
_DIRECTION: dict[str, int] = {**{w: 1 for w in _UP}, **{w: -1 for w in _DOWN}}
# Nouns naming a rate: 降幅3% is -3%, but 高于全国增速5个百分点 compares, it does not move.
_RATE_NOUNS = frozenset({"增幅", "增速", "涨幅", "降幅", "跌幅", "减幅"})
_GOVERNOR = re.compile(
    rf"(?P<verb>{_alternation(_DIRECTION)})(?:率|幅度|速度)?"
    r"(?:了|同比|环比|分别|均|都|共|达到|高达|达|为|是|至少)*[ \u3000\xa0]?$"
)
_GOVERNOR_REACH = 16  # characters looked back for a governing word
# 降幅收窄至6.3% is -6.3%: a rate noun moved to a value keeps the noun's direction.
_RATE_MOVED = re.compile(
    r"(?P<noun>降幅|跌幅|减幅|增幅|增速|涨幅)(?:进一步)?(?:收窄|扩大|回落|提高|提升|上升|下降|降低|缩小|放缓|加快|回升)"
    r"(?:至|到)[ \u3000\xa0]?$"
)
_LIST_JOINT = re.compile(r"[ \u3000\xa0]?(?:、|和|及|以及|与|或|[,，][或和])[ \u3000\xa0]?")
_LONE_ARTICLE = frozenset("一零〇")
# 唯一一家, 一一对应: digit-by-digit Chinese (二〇二二) names years and codes, never quantities.
_CN_DIGIT_STRING = re.compile("[〇零一二两三四五六七八九]{2,}")


def read_figure(match: re.Match[str], text: str, folded: str, previous: Figure | None) -> Figure | None:
    """The Figure of one match of ``QUANTITY_SOURCE`` (None: not a quantity after all).

    ``folded`` is ``text`` after ``numerals.normalize_text`` (the lexer matches on it);
    ``previous`` is the figure before this one, whose sign a list carries (分别下降5%、3%).
    """
    try:
        built = _build(match)
    except (ValueError, ArithmeticError):  # not a number after all, or absurdly large
        return None
    if built is None:
        return None
    value, upper, unit, kind, sign = built
    start, end = match.span()
    if unit in _SIGNED_UNITS or unit == _TIMES:
        if sign is None:
            sign = _governing_sign(folded, start, unit)
        if (sign is None and previous is not None and previous.sign is not None
                and previous.unit in _SIGNED_UNITS and _LIST_JOINT.fullmatch(folded, previous.end, start)):
            sign = previous.sign
        if sign is not None and unit == _TIMES:  # 增长1.2倍 is +120%
            value, upper = value * 100, None if upper is None else upper * 100
            unit, kind = "percent", "percent"
        if sign is not None and unit in _SIGNED_UNITS:
            value = -abs(value) if sign < 0 else abs(value)
            if upper is not None:
                upper = -abs(upper) if sign < 0 else abs(upper)
    return Figure(
        start=start,
        end=end,
        text=text[start:end],
        value=canonical(value),
        unit=unit,
        qualifier=_qualifier(match, ranged=upper is not None),
        kind_hint=kind,
        sign=sign,
        upper=None if upper is None else canonical(upper),
    )


_Built = tuple[Decimal, Decimal | None, str, KindHint, int | None]


def _build(match: re.Match[str]) -> _Built | None:
    """Value, upper bound, unit, kind and literal sign of one match (None: not a quantity)."""
    if (pct := match["pct"]) is not None:
        value = Decimal(100) if pct == "百" else parse_raw(pct)
        return value, None, "percent", "percent", None
    if (tens := match["c1"]) is not None:  # 三成 = 30%, 一成五 = 15%
        value = parse_raw(tens) * 10 + (parse_raw(match["c2"]) if match["c2"] else 0)
        return value, None, "percent", "percent", None
    if match["flat"] is not None:  # 同比持平 = 0%
        return Decimal(0), None, "percent", "percent", 1
    if match["doubling"] is not None:  # 翻一番 = +100%, 翻两番 = +300%
        doublings = int(parse_raw(match["fan"])) if match["fan"] else 1
        return Decimal((2**doublings - 1) * 100), None, "percent", "percent", 1
    if match["lo"] is not None:
        unit = _UNITS[match["lo_unit"]][0]
        low, high = parse_raw(match["lo"]), parse_raw(match["hi"])
        return low * unit.factor, high * unit.factor, unit.unit, unit.kind, None
    if (number := match["bare"]) is not None:
        unit = _UNITS[match["shared"]][0]
        number += _shared_magnitude(number, match["last"])
    else:
        unit, number = _UNITS[match["unit"]][0], match["num"]
    if _CN_DIGIT_STRING.fullmatch(number) or (unit.kind == "count" and number in _LONE_ARTICLE):
        return None
    upper = None
    if (upper_text := match["num2"]) is not None:  # 330~380亿元: both ends in 亿
        number += _shared_magnitude(number, upper_text)
        upper = parse_raw(upper_text) * unit.factor
    value = parse_raw(number) * unit.factor
    if unit.kind == "count" and value != value.to_integral_value():
        return None  # 8.3个 is not a count
    sign = None
    if match["sign"] == "-":
        value, upper, sign = -value, None if upper is None else -upper, -1
    elif match["sign"] == "+":
        sign = 1
    return value, upper, unit.unit, unit.kind, sign


_ARABIC_MAGNITUDE = re.compile(r"[0-9.,，]+(?P<mag>[百千万亿]*)")


def _shared_magnitude(number: str, last: str) -> str:
    """The magnitude a list member leaves to the last one: 1286和1187.9亿元 is 1286亿元."""
    own, final = _ARABIC_MAGNITUDE.fullmatch(number), _ARABIC_MAGNITUDE.fullmatch(last)
    if own is None or final is None or own["mag"]:
        return ""
    return final["mag"]


def _governing_sign(folded: str, start: int, unit: str) -> int | None:
    moved = _RATE_MOVED.search(folded, max(0, start - _GOVERNOR_REACH), start) if unit == "percent" else None
    if moved is not None:
        return _DIRECTION[moved["noun"]]
    found = _GOVERNOR.search(folded, max(0, start - _GOVERNOR_REACH), start)
    if found is None or (unit == "percentage_point" and found["verb"] in _RATE_NOUNS):
        return None
    return _DIRECTION[found["verb"]]


def _qualifier(match: re.Match[str], ranged: bool) -> Qualifier:
    word = match["qpre"] or match["mid"] or match["post"]
    if word:
        return _QUALIFIER_WORDS[word]
    return "at_least" if ranged else "exact"
