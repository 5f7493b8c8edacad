"""The period grammar: period expressions in Chinese statistical prose, and their roles.

A period string is one of (see DESIGN.md, "The fact"):

    ``2021``             a whole year
    ``2022-11``          one month
    ``2022-01/2022-07``  an interval of whole months (may cross years: ``2020-09/2021-08``)
    ``2022-08-31``       a date, used for stocks (balances) and for plain dates

Intervals are normalised so one period has one spelling: ``1-12月`` of a year is
the year itself (``2021``), and an interval of one month is that month.

``find_periods`` reads a sentence or paragraph and returns every period
expression with a *role*:

``period``
    the period the nearby figures are about (``2022年1-7月``, ``上半年``, ``今年以来``);
``comparison``
    a base that a growth rate is measured against; it must never become a
    figure's period (``比去年同期``, ``较2021年同期``, ``同比``, ``比上年``, ``较一季度``);
``stock``
    the date of a balance (``截至目前``, ``截至6月末``, ``6月末``, ``截至2021年底``);
``date``
    a calendar day that is not a statistical period (``8月31日，朝阳区举行发布会``).

Resolution (DOMAIN.md "Periods"): an explicit year wins; ``今年``/``去年``/``上年``
count from the publication date; a bare month expression (``1-7月``, ``一季度``,
``全年``) belongs to the publication year unless it ends after the publication
month, in which case it is the previous year (statistics for a period are only
published after it ends: ``1-12月`` in a February article is last year). With no
publication date only explicit years resolve; everything else gets period None.

Choices the gold does not settle, kept deliberately simple:

* ``今年以来``/``年初以来``/``X以来``/``X至今`` run to the last complete month before the
  publication date (a January article's ``今年以来`` has no complete month: None).
* In a comparison, words that count back from the *figure* (``去年``, ``上年``,
  ``同期``, ``上月``, ``同比``) give period None: the base is "the figure's period a
  year earlier", which only the caller knows. An explicit base (``较2019年同期``,
  ``比2019年1-7月``) keeps its year, so a caller can tell a two-year comparison
  from a year-on-year one.
* ``当月`` takes the last month of the nearest preceding period in the same text
  (``前三季度……当月`` is September); ``全年`` and ``当年`` take the year of the nearest
  preceding period that named its year; a bare month joined by 和/、/及/与 to a
  dated one takes its year (``2016年8月和12月``).
* ``X/Y年度`` (slash) is a September-August marketing year (cotton); ``X-Y年度`` and
  ``X年至Y年`` are whole calendar years.
* ``截至X月`` without 末/底 is read as a stock at the month's end; ``截至`` before a
  cumulative expression (``截至今年前4个月``) is that cumulative period.
  ``目前`` and ``现有`` on their own (``我省现有备案报关单位19134家``) date a stock
  to the publication day, as the gold does; ``当前``/``今天`` need a ``截至``.
"""
from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from typing import Final

ROLE_PERIOD: Final = "period"
ROLE_COMPARISON: Final = "comparison"
ROLE_STOCK: Final = "stock"
ROLE_DATE: Final = "date"


# Not frozen: one is made per word of every article, and a frozen dataclass is built
# four times slower. Nothing mutates one after the lexer made it.
@dataclass(slots=True)
class PeriodMention:
    """One period expression: ``text`` is ``source[start:end]`` of the text given."""

    start: int
    end: int
    text: str
    period: str | None
    role: str


# ---------------------------------------------------------------------------
# The grammar: one compiled pattern, tried left to right. Ordered alternation
# puts the longer forms first (``2020年至2022年`` before ``2020年``).

_N = r"(?:(?<![0-9.])[0-9]{1,2}(?![0-9])|[一二三四五六七八九十两〇零]{1,3})"
_YEAR4 = r"(?:(?<![0-9])(?:1[89]|20)[0-9]{2}(?![0-9])|[〇零一二三四五六七八九]{4})"
_SEP = r"\s*(?:[-—–~～－‐‑‒―〜]{1,2}|至|到)\s*"


def _yearp(tag: str) -> str:
    """A year prefix with group names ``y<tag>`` (explicit) and ``r<tag>`` (relative)."""
    return (
        rf"(?:(?:(?P<y{tag}>{_YEAR4})[ \u3000\xa0]?年(?!代)"
        rf"|(?P<r{tag}>今年|(?<!过)去年|(?<!以)上一?年|(?<![以提])前年|明年|本年|(?<!相)当年))度?)"
    )


# A list of months or quarters in one script (``5、6月``, ``一、二、三季度``); mixing
# scripts is a section number before a month (``二、7月份``), not a list.
_LIST = (
    r"(?:(?:(?<![0-9.])[0-9]{1,2}[、和及与])+[0-9]{1,2}(?![0-9])"
    r"|(?:[一二三四五六七八九十两]{1,3}[、和及与])+[一二三四五六七八九十两]{1,3})"
)
N_RE: Final = re.compile(_N)
YEAR4_RE: Final = re.compile(_YEAR4)

_BODY = rf"""(?:
    (?P<rm1>{_N})(?:月份?)?{_SEP}(?P<rm2>{_N})月份?
  | (?<![提此之以])前(?P<fm>{_N})个?月份?
  | 第?(?P<rq1>{_N})(?:季度)?{_SEP}第?(?P<rq2>{_N})个?季度
  | (?<![提此之以])前(?P<fq>{_N})个?季度?
  | 第?(?P<q>{_N})季度(?P<qe>末|底)?
  | (?P<half>[上下])半年度?(?P<he>末|底)?
  | (?P<full>全年)度?
  | (?P<dm>{_N})月(?P<dd>{_N})[日号]
  | (?P<mo>{_N})月份?(?P<moe>末|底|初)?(?:当月|单月)?
  | 单(?P<smo>{_N})月份?
)"""

# Every match starts with one of these openings. Testing them first (a cheap
# lookahead) lets the engine pass over most positions of a paragraph, which
# is full of 一, 上, 和 and 年 that begin no period at all.
_CN = "〇零一二三四五六七八九十两"
_OPENING = (
    rf"[0-9]{{1,4}}\s*[年月季、和及与至到/~～—–－‐‑‒―〜-]|[{_CN}][{_CN}月季年至到、和及与~～—–-]"
    rf"|今[年日天]|去年|上[一年半个月]|下半|前[0-9{_CN}年]|明年|本[年月]|当[年月前]"
    rf"|[比较与和同跟][0-9{_CN}今去上前明本当第历年]|同比|环比|相[比较]|对比|截[至止]"
    rf"|第[0-9一二三四]|全年|单[0-9{_CN}]|历史同期|目前|现有|迄今|到目前|至今为止|年初"
    rf"|[“\"‘'「]十|十[一二三四五六七八九]五"
)

# The first characters of the openings. One character-set test rejects most positions
# before the engine tries the alternation of openings, which costs ten times as much.
_OPENING_FIRST = f"0-9{_CN}今去上下前明本当比较与和同跟环相对截第全单历目现迄到至年“\"‘'「"

#: The grammar as regex source (verbose), for the lexer's combined pattern (lex.py).
PERIOD_SOURCE: Final = rf"""
    (?=[{_OPENING_FIRST}])(?={_OPENING})
    (?P<pre>相比于?|相较于?|对比|比|较|与|和|同|跟|截至到?|截止(?:到|至)?)?
    (?:
        (?P<plan>[“"‘'「]?十(?P<plann>[一二三四五六七八九])五[”"’'」]?(?:期间|时期)?)
      | (?P<ct1>{_YEAR4})\s*/\s*(?P<ct2>{_YEAR4}|[0-9]{{2}})年度
      | (?P<my1>{_YEAR4})年?{_SEP}(?P<my2>{_YEAR4})年度?
      | (?P<xy1>{_YEAR4})年(?P<xm1>{_N})月份?{_SEP}(?P<xy2>{_YEAR4})年(?P<xm2>{_N})月份?
      | {_yearp("l")}?(?P<lst>{_LIST})(?P<lstu>月份?|季度)
      | (?P<ylst>(?:{_YEAR4}[、和])+{_YEAR4})年
      | (?P<ratio>(?:同比|环比)(?!例|重))
      | (?P<hist>历史同期)
      | (?P<now>目前|当前|今日|今天|现在|(?<![发出实体表展呈再兑涌])现有)
      | (?P<sofar>迄今(?:为止)?|到目前为止|至今为止)
      | (?P<relm>当月|本月|上个?月)
      | (?P<nianchu>年初)
      | (?:{_yearp("a")}\s?)?{_BODY}
      | {_yearp("b")}(?:(?P<ye>底|末)|(?P<yi>初))?
    )
    (?P<suf>同期|以来|至今)?
"""

COMPARE_DIRECT: Final = frozenset({"比", "较", "相比", "相比于", "相较", "相较于", "对比"})
COMPARE_JOINED: Final = frozenset({"与", "和", "同", "跟"})
COMPARE_TAIL: Final = re.compile(r"相比|相较|持平|比较|相当|水平|同比")
AS_OF: Final = frozenset({"截至", "截至到", "截止", "截止到", "截止至"})
CONNECTORS: Final = frozenset("、和及与")

CN_DIGITS: Final = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
REL_YEARS: Final = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "上一年": -1, "前年": -2, "明年": 1}


def num(s: str) -> int | None:
    """1-99 written in Arabic or Chinese numerals (``7``, ``07``, ``十一``, ``三十一``)."""
    if s.isascii():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        if len(tens) > 1 or len(ones) > 1 or (tens and tens not in CN_DIGITS) or (ones and ones not in CN_DIGITS):
            return None
        return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)
    if len(s) == 1:
        return CN_DIGITS.get(s)
    return None


def year4(s: str) -> int:
    if s.isascii():
        return int(s)
    return int("".join(str(CN_DIGITS[c]) for c in s))


def month(s: str | None) -> int | None:
    n = num(s) if s else None
    return n if n is not None and 1 <= n <= 12 else None


# ---------------------------------------------------------------------------
# Formatting periods

def fmt_months(y1: int, m1: int, y2: int, m2: int) -> str | None:
    if (y1, m1) > (y2, m2):
        return None
    if (y1, m1) == (y2, m2):
        return f"{y1:04d}-{m1:02d}"
    if y1 == y2 and m1 == 1 and m2 == 12:
        return f"{y1:04d}"
    return f"{y1:04d}-{m1:02d}/{y2:04d}-{m2:02d}"


def fmt_date(y: int, m: int, d: int) -> str | None:
    try:
        return datetime.date(y, m, d).isoformat()
    except ValueError:
        return None


def month_end(y: int, m: int) -> str:
    return datetime.date(y, m, calendar.monthrange(y, m)[1]).isoformat()


def year_to_date(date: str) -> str | None:
    """A month-end date as the months of its year up to it (2005-11-30 -> 2005-01/2005-11): what a
    flow stated 截至11月底 covers. None for any other date."""
    y, m, d = (int(x) for x in date.split("-"))
    return fmt_months(y, 1, y, m) if date == month_end(y, m) and d > 1 else None


def last_complete_month(doc: datetime.date) -> tuple[int, int]:
    return (doc.year, doc.month - 1) if doc.month > 1 else (doc.year - 1, 12)


def body_months(m: re.Match[str]) -> tuple[int, int] | None:
    """The first and last month a match's body names, within its year (上半年: 1 and 6), or None."""
    g = m.group
    if g("rm1"):
        a, b = month(g("rm1")), month(g("rm2"))
        return (a, b) if a and b and a <= b else None
    if g("fm"):
        n = month(g("fm"))
        return (1, n) if n else None
    if g("rq1"):
        a, b = num(g("rq1")), num(g("rq2"))
        return (3 * a - 2, 3 * b) if a and b and 1 <= a <= b <= 4 else None
    if g("fq"):
        n = num(g("fq"))
        return (1, 3 * n) if n and 1 <= n <= 4 else None
    if g("q"):
        n = num(g("q"))
        return (3 * n - 2, 3 * n) if n and 1 <= n <= 4 else None
    if g("half"):
        return (1, 6) if g("half") == "上" else (7, 12)
    if g("full"):
        return (1, 12)
    if g("dm"):
        mo = month(g("dm"))
        return (mo, mo) if mo else None
    if g("mo"):
        if g("moe") == "初":
            return None
        mo = month(g("mo"))
        return (mo, mo) if mo else None
    if g("smo"):
        mo = month(g("smo"))
        return (mo, mo) if mo else None
    return None
