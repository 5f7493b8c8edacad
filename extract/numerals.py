"""Numbers as Chinese statistics print them: Arabic, full-width and Chinese numerals.

One token is a number with its magnitude words: ``10246.0``, ``3,456.7``,
``1.99万亿``, ``二百六十五亿四千八百万``, ``十七点三``. The magnitude belongs to the
number (not the unit) so that ``亿元``, ``万吨`` and ``万人次`` need no unit of their
own: the unit grammar only knows ``元``, ``吨`` and ``人次``.

Everything here is pure. Arithmetic runs in an unbounded decimal context so a
value is exact whatever its length (floats turn 17.17亿 into 1717000000.0000002).
"""
from __future__ import annotations

import decimal
import re
from decimal import Decimal

__all__ = [
    "CN_NUMERAL_CHARS",
    "NUMBER_PATTERN",
    "NUMBER_RE",
    "canonical",
    "normalize_text",
    "parse_number",
    "parse_raw",
    "to_chinese",
]

# Exact arithmetic: construction from strings is exact, and this context never rounds.
_CTX = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)

# Length-preserving folding (one character to one character), so offsets found in the
# folded text are offsets in the original. The loader already simplifies characters;
# this keeps the grammar right for text that did not pass through it. The full-width
# comma and space are not folded (patterns accept them): they are in nearly every
# paragraph, and leaving them lets most paragraphs skip the translation entirely.
_FOLD_FROM = (
    "０１２３４５６７８９．％﹪－−＋～／"
    "億萬點兩個項輛戶噸標準歐幣時臺頃長減漲負擴縮達為與餘約過將於別環昇陞増來當單較間歷現對號○「」"
)
_FOLD_TO = (
    "0123456789.%%--+~/"
    "亿万点两个项辆户吨标准欧币时台顷长减涨负扩缩达为与余约过将于别环升升增来当单较间历现对号〇“”"
)
_FOLD = str.maketrans(_FOLD_FROM, _FOLD_TO)
_FOLDABLE = re.compile(f"[{re.escape(_FOLD_FROM)}]")


def normalize_text(text: str) -> str:
    """Fold full-width digits/punctuation and the traditional forms the grammar uses.

    The result has exactly the length of ``text``: spans found in it are spans in ``text``.
    """
    return text.translate(_FOLD) if _FOLDABLE.search(text) else text


_CN_DIGIT_VALUES: dict[str, int] = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
_CN_SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
_CN_BIG_UNITS: dict[str, int] = {"万": 10**4, "亿": 10**8}
_MAGNITUDE_EXPONENT: dict[str, int] = {"十": 1, "百": 2, "千": 3, "万": 4, "亿": 8}

_CN_DIGITS = "〇零一二两兩三四五六七八九"
CN_NUMERAL_CHARS = _CN_DIGITS + "十廿卅百千万萬亿億"
"""Every character a Chinese numeral is made of (for look-behinds elsewhere)."""

_D = "0-9０-９"
# A magnitude word after a number. 百 before 分 is 百分点/百分之, 千 before 瓦/克/米 is
# the unit prefix of 千瓦时/千克/千米, not a thousand.
_MAG = r"(?:百(?!分)|千(?![瓦克米])|[万萬亿億])"
_ARABIC = (
    rf"(?:[{_D}]{{1,3}}(?:[,，][{_D}]{{3}})+(?![{_D}])|[{_D}]+)"  # 3,456 only in groups of exactly 3
    rf"(?:[.．][{_D}]+)?"
)
_CHINESE = (
    rf"[{_CN_DIGITS}十廿卅](?:[{_CN_DIGITS}十廿卅万萬亿億]|{_MAG})*"
    rf"(?:[点點][{_CN_DIGITS}]+{_MAG}*)?"
)

NUMBER_PATTERN = rf"(?:{_ARABIC}(?:[ \u3000\xa0]?{_MAG}+)?|{_CHINESE})"
"""Regex source for one number token (no sign): Arabic with optional thousand groups,
full-width digits, or a Chinese numeral, each with trailing magnitude words (a space may
stand before them: 45.8 亿美元)."""

NUMBER_RE = re.compile(NUMBER_PATTERN)

_ARABIC_FULL = re.compile(
    r"(?P<int>[0-9]{1,3}(?:[,，][0-9]{3})+|[0-9]+)(?:\.(?P<frac>[0-9]+))?[ \u3000\xa0]?(?P<mag>[十百千万亿]*)"
)
_CHINESE_DECIMAL = re.compile(rf"(?P<int>[^点]+)点(?P<frac>[{_CN_DIGITS}]+)(?P<mag>[十百千万亿]*)")


_ONE, _ZERO = Decimal(1), Decimal(0)


def canonical(value: Decimal) -> Decimal:
    """One spelling per value: ``1990000000000.00`` -> ``1990000000000``, ``26.90`` -> ``26.9``."""
    if not value:
        return _ZERO  # also for -0
    value = value.normalize(context=_CTX)
    # Normalized, an integer has a positive exponent exactly when it ends in zeros (1.2E+2);
    # quantizing one whose exponent is 0 changes nothing. The comparison costs a tenth
    # of value.as_tuple(), which spells out every digit.
    return value.quantize(_ONE, context=_CTX) if value == value.to_integral_value() else value


def _scale(value: Decimal, magnitudes: str) -> Decimal:
    if not magnitudes:  # most numbers: scaling by 10**0 would only copy the value
        return value
    if len(magnitudes) == 1:
        return value.scaleb(_MAGNITUDE_EXPONENT[magnitudes], context=_CTX)
    return value.scaleb(sum(_MAGNITUDE_EXPONENT[ch] for ch in magnitudes), context=_CTX)


def _chinese_integer(text: str) -> int:
    """An integer in Chinese numerals, standard or colloquial (一万五 = 15000, 一百五 = 150)."""
    if not text:
        raise ValueError("empty numeral")
    if all(ch in _CN_DIGIT_VALUES for ch in text):  # 二〇二二: digit by digit
        return int("".join(str(_CN_DIGIT_VALUES[ch]) for ch in text))
    total = 0  # complete 亿 sections
    section = 0  # complete 万 sections below 亿
    chunk = 0  # below 万
    digit: int | None = None
    last_place: int | None = None  # place value of the last unit character
    for ch in text:
        if ch in _CN_DIGIT_VALUES:
            if digit not in (None, 0):
                raise ValueError(f"two digits in a row in {text!r}")
            digit = _CN_DIGIT_VALUES[ch]
        elif ch in _CN_SMALL_UNITS or ch in "廿卅":
            if ch in "廿卅":
                if digit not in (None, 0):
                    raise ValueError(f"digit before {ch} in {text!r}")
                chunk += 20 if ch == "廿" else 30
                last_place = 10
            else:
                place = _CN_SMALL_UNITS[ch]
                if not digit and ch != "十":  # 十 alone is 10 (十七, 一千零十); 百 alone is not 100
                    raise ValueError(f"{ch} without a digit in {text!r}")
                chunk += (digit or 1) * place
                last_place = place
            digit = None
        elif ch in _CN_BIG_UNITS:
            part = chunk + (digit or 0)
            if ch == "万":
                if section + part == 0:
                    raise ValueError(f"万 without a number in {text!r}")
                section = (section + part) * 10**4
            else:
                if total + section + part == 0:
                    raise ValueError(f"亿 without a number in {text!r}")
                total = (total + section + part) * 10**8
                section = 0
            chunk, digit, last_place = 0, None, _CN_BIG_UNITS[ch]
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    value = total + section + chunk
    if digit:
        # 一万五 reads 15000: a final digit right after a unit (not after 零) sits one
        # place below it. Standard readings never end that way except after 十 (place 1).
        after_unit = len(text) >= 2 and text[-2] not in _CN_DIGIT_VALUES
        value += digit * (last_place // 10 if after_unit and last_place else 1)
    return value


def parse_number(token: str) -> Decimal:
    """The exact value of one number token (ValueError when it is not one).

    Accepts what ``NUMBER_PATTERN`` matches, with an optional leading sign:
    ``1.99万亿`` -> 1990000000000, ``二百六十五亿四千八百万`` -> 26548000000,
    ``十七点三`` -> 17.3, ``3,456.7`` -> 3456.7. ``1,2`` is not a number.
    """
    return canonical(parse_raw(normalize_text(token).strip()))


def parse_raw(text: str) -> Decimal:
    """``parse_number`` for a token already passed through ``normalize_text``, without
    ``canonical``: the hot path of callers that scale the value and tidy it once."""
    negative = text[:1] == "-"
    if text[:1] in ("-", "+"):
        text = text[1:]
    match = _ARABIC_FULL.fullmatch(text)
    if match:
        digits = match["int"].replace(",", "").replace("，", "")
        value = Decimal(f"{digits}.{match['frac']}" if match["frac"] else digits)
        value = _scale(value, match["mag"])
    elif not text or text[0].isascii():
        raise ValueError(f"not a number: {text!r}")
    elif (match := _CHINESE_DECIMAL.fullmatch(text)) is not None:
        fraction = "".join(str(_CN_DIGIT_VALUES[ch]) for ch in match["frac"])
        value = _scale(Decimal(f"{_chinese_integer(match['int'])}.{fraction}"), match["mag"])
    else:
        value = Decimal(_chinese_integer(text))
    return value.copy_negate() if negative else value


_DIGIT_CHARS = "零一二三四五六七八九"


def _four(n: int, leading: bool) -> str:
    """0 < n < 10000 in the standard reading; 零 for inner gaps (1001 -> 一千零一)."""
    out: list[str] = []
    zero_pending = False
    for place, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = (n // place) % 10
        if d == 0:
            zero_pending = bool(out)
            continue
        if zero_pending:
            out.append("零")
            zero_pending = False
        if not (leading and not out and place == 10 and d == 1):  # 十五, not 一十五, at the start
            out.append(_DIGIT_CHARS[d])
        out.append(name)
    return "".join(out)


def _reading(n: int, leading: bool) -> str:
    for base, name in ((10**8, "亿"), (10**4, "万")):
        if n >= base:
            high, low = divmod(n, base)
            text = _reading(high, leading) + name
            if low:
                text += ("零" if low < base // 10 else "") + _reading(low, False)
            return text
    return _four(n, leading)


def to_chinese(n: int) -> str:
    """The standard Chinese reading of a non-negative integer.

    10 -> 十, 110 -> 一百一十, 100000000 -> 一亿, 1000100 -> 一百万零一百,
    10**12 -> 一万亿, 10**16 -> 一亿亿.
    """
    if n < 0:
        raise ValueError("negative numbers have no reading here")
    if n == 0:
        return "零"
    return _reading(n, True)
