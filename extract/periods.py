"""Period expressions in Chinese statistical prose, resolved to contract period strings.

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
from typing import Final, NamedTuple

__all__ = [
    "ROLE_COMPARISON",
    "ROLE_DATE",
    "ROLE_PERIOD",
    "ROLE_STOCK",
    "PeriodMention",
    "find_periods",
    "period_bounds",
    "period_label",
    "safe_period_label",
    "period_shape",
    "period_sort_key",
]

ROLE_PERIOD: Final = "period"
ROLE_COMPARISON: Final = "comparison"
ROLE_STOCK: Final = "stock"
ROLE_DATE: Final = "date"


@dataclass(frozen=True)
class PeriodMention:
    """One period expression: ``text`` is ``source[start:end]`` of the text given."""

    start: int
    end: int
    text: str
    period: str | None
    role: str


# ---------------------------------------------------------------------------
# Text normalisation. Matching runs on a *view* of the text whose characters
# map one-to-one back to the original (so spans stay exact): traditional forms
# and full-width digits are folded character for character, and the pinyin
# glosses that mirror sites insert (``個(gè)月``) are skipped through an index.

_FOLD: Final = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "個": "个", "兩": "两", "來": "来", "當": "当", "單": "单", "較": "较",
        "與": "与", "間": "间", "歷": "历", "時": "时", "現": "现", "對": "对",
        "環": "环", "號": "号", "○": "〇", "／": "/",
    }
)
_NEEDS_FOLD: Final = re.compile("[" + re.escape("".join(map(chr, _FOLD))) + "]")
_GLOSS: Final = re.compile(
    r"(?<=[\u4e00-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,8}[)）]"
)


def _view(text: str) -> tuple[str, list[int] | None]:
    """The folded text, and for each of its characters the index in ``text``
    (None when no gloss was removed, so the indexes are the identity)."""
    folded = text.translate(_FOLD) if _NEEDS_FOLD.search(text) else text
    if "(" not in folded and "（" not in folded:
        return folded, None
    pieces: list[str] = []
    index: list[int] = []
    pos = 0
    for m in _GLOSS.finditer(folded):
        pieces.append(folded[pos : m.start()])
        index.extend(range(pos, m.start()))
        pos = m.end()
    if not pieces:
        return folded, None
    pieces.append(folded[pos:])
    index.extend(range(pos, len(folded)))
    return "".join(pieces), index


# ---------------------------------------------------------------------------
# The grammar: one compiled pattern, tried left to right. Ordered alternation
# puts the longer forms first (``2020年至2022年`` before ``2020年``).

_N = r"(?:(?<![0-9.])[0-9]{1,2}(?![0-9])|[一二三四五六七八九十两〇零]{1,3})"
_YEAR4 = r"(?:(?<![0-9])(?:1[89]|20)[0-9]{2}(?![0-9])|[〇零一二三四五六七八九]{4})"
_SEP = r"\s*(?:[-—–~～－‐‑‒―〜]{1,2}|至|到)\s*"


def _yearp(tag: str) -> str:
    """A year prefix with group names ``y<tag>`` (explicit) and ``r<tag>`` (relative)."""
    return (
        rf"(?:(?:(?P<y{tag}>{_YEAR4})年(?!代)"
        rf"|(?P<r{tag}>今年|(?<!过)去年|(?<!以)上一?年|(?<![以提])前年|明年|本年|(?<!相)当年))度?)"
    )


# A list of months or quarters in one script (``5、6月``, ``一、二、三季度``); mixing
# scripts is a section number before a month (``二、7月份``), not a list.
_LIST = (
    r"(?:(?:(?<![0-9.])[0-9]{1,2}[、和及与])+[0-9]{1,2}(?![0-9])"
    r"|(?:[一二三四五六七八九十两]{1,3}[、和及与])+[一二三四五六七八九十两]{1,3})"
)
_N_RE: Final = re.compile(_N)
_YEAR4_RE: Final = re.compile(_YEAR4)

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

_PATTERN: Final = re.compile(
    rf"""
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
    """,
    re.VERBOSE,
)

_COMPARE_DIRECT: Final = frozenset({"比", "较", "相比", "相比于", "相较", "相较于", "对比"})
_COMPARE_JOINED: Final = frozenset({"与", "和", "同", "跟"})
_COMPARE_TAIL: Final = re.compile(r"相比|相较|持平|比较|相当|水平")
_AS_OF: Final = frozenset({"截至", "截至到", "截止", "截止到", "截止至"})
_CONNECTORS: Final = frozenset("、和及与")

_CN_DIGITS: Final = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
_REL_YEARS: Final = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "上一年": -1, "前年": -2, "明年": 1}


def _num(s: str) -> int | None:
    """1-99 written in Arabic or Chinese numerals (``7``, ``07``, ``十一``, ``三十一``)."""
    if s.isascii():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        if len(tens) > 1 or len(ones) > 1 or (tens and tens not in _CN_DIGITS) or (ones and ones not in _CN_DIGITS):
            return None
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    if len(s) == 1:
        return _CN_DIGITS.get(s)
    return None


def _year4(s: str) -> int:
    if s.isascii():
        return int(s)
    return int("".join(str(_CN_DIGITS[c]) for c in s))


def _month(s: str | None) -> int | None:
    n = _num(s) if s else None
    return n if n is not None and 1 <= n <= 12 else None


# ---------------------------------------------------------------------------
# Formatting periods

def _fmt_months(y1: int, m1: int, y2: int, m2: int) -> str | None:
    if (y1, m1) > (y2, m2):
        return None
    if (y1, m1) == (y2, m2):
        return f"{y1:04d}-{m1:02d}"
    if y1 == y2 and m1 == 1 and m2 == 12:
        return f"{y1:04d}"
    return f"{y1:04d}-{m1:02d}/{y2:04d}-{m2:02d}"


def _fmt_date(y: int, m: int, d: int) -> str | None:
    try:
        return datetime.date(y, m, d).isoformat()
    except ValueError:
        return None


def _month_end(y: int, m: int) -> str:
    return datetime.date(y, m, calendar.monthrange(y, m)[1]).isoformat()


def _last_complete_month(doc: datetime.date) -> tuple[int, int]:
    return (doc.year, doc.month - 1) if doc.month > 1 else (doc.year - 1, 12)


# ---------------------------------------------------------------------------
# Resolution

class _Seen(NamedTuple):
    """What later mentions may borrow from an earlier one.

    (This and ``_Out`` are named tuples, not frozen dataclasses: one of each is made
    per match, and a tuple is built in a fifth of the time.)
    """

    end: int                        # end offset in the view
    role: str
    year: int | None                # resolved year of its end
    named_year: bool                # the year was written (explicit or 今年/去年…)
    last_month: tuple[int, int] | None   # (year, month) its months end with


class _Out(NamedTuple):
    start: int
    end: int
    period: str | None
    role: str


# A year specification: ("x", 2021) explicit, ("r", -1) relative to the
# publication year, ("ctx", 0) for 当年, None for a bare expression.
_YearSpec = tuple[str, int] | None


def _year_spec(m: re.Match[str], tag: str) -> _YearSpec:
    y = m.group("y" + tag)
    if y:
        return ("x", _year4(y))
    r = m.group("r" + tag)
    if r:
        return ("ctx", 0) if r == "当年" else ("r", _REL_YEARS[r])
    return None


class _Resolver:
    """Resolves one match against the publication date and the mentions before it."""

    def __init__(self, view: str, doc: datetime.date | None) -> None:
        self.view = view
        self.doc = doc
        self.seen: list[_Seen] = []

    # -- years -------------------------------------------------------------
    def _carried_year(self, start: int) -> int | None:
        """The year of a dated mention joined to this one by 和/、/及/与."""
        if not self.seen or start < 1:
            return None
        prev = self.seen[-1]
        if prev.end == start - 1 and self.view[start - 1] in _CONNECTORS and prev.named_year:
            return prev.year
        return None

    def _joined_to(self, start: int, role: str) -> bool:
        """Whether this mention follows one of ``role`` across a single 和/、/及/与."""
        if not self.seen or start < 1:
            return False
        prev = self.seen[-1]
        return prev.end == start - 1 and self.view[start - 1] in _CONNECTORS and prev.role == role

    def _context_year(self) -> int | None:
        for prev in reversed(self.seen):
            if prev.role == ROLE_PERIOD and prev.named_year:
                return prev.year
        return None

    def year(self, spec: _YearSpec, end_month: int, start: int) -> tuple[int | None, bool]:
        """(year, whether the text named it) for an expression ending in ``end_month``."""
        if spec is None:
            carried = self._carried_year(start)
            if carried is not None:
                return carried, True
            if self.doc is None:
                return None, False
            return (self.doc.year - 1 if end_month > self.doc.month else self.doc.year), False
        kind, value = spec
        if kind == "x":
            return value, True
        if kind == "r":
            return (self.doc.year + value if self.doc else None), True
        return self._context_year(), True  # 当年

    # -- a whole match -----------------------------------------------------
    def resolve(self, m: re.Match[str]) -> list[_Out]:
        g = m.group
        start, end = m.start(), m.end()
        pre, suf = g("pre"), g("suf")
        compare = pre in _COMPARE_DIRECT or suf == "同期" or bool(g("hist") or g("ratio"))
        if pre in _COMPARE_JOINED:
            if _COMPARE_TAIL.match(self.view, end):
                compare = True
            else:
                start = m.start() + len(pre)  # a plain conjunction: not part of the mention
                pre = None
        as_of = pre in _AS_OF

        since = suf in ("以来", "至今")

        if g("lst") is not None or g("ylst") is not None:
            return self._lists(m, start, compare)
        if g("ratio") or g("hist"):
            return [self._out(start, end, None, ROLE_COMPARISON)]
        if g("now") is not None:
            if not as_of and g("now") not in ("目前", "现有"):
                return []  # 当前/今天 on their own are mostly commentary, not a balance's date
            return [self._out(start, end, self._today(), ROLE_STOCK)]
        if g("sofar") is not None:
            return [self._out(start, end, self._today(), ROLE_STOCK)]
        if g("relm") is not None:
            rel_period, rel_last = self._relative_month(g("relm"), compare)
            return [self._out(start, end, rel_period, ROLE_COMPARISON if compare else ROLE_PERIOD, last=rel_last)]
        if g("yi") is not None and not since:
            return []  # 2021年初: a moment, not a period

        months = self._months(m, start)  # (y1, m1, y2, m2, named) or None
        role = ROLE_PERIOD
        period: str | None = None
        last: tuple[int, int] | None = None
        named = False
        year: int | None = None

        if g("nianchu") is not None:
            if since:
                year_now = self.doc.year if self.doc else None
                months = (year_now, 1, year_now, 1, True)
            elif compare:
                return [self._out(start, end, None, ROLE_COMPARISON)]
            else:
                return []

        if since:
            if months is None:
                return []
            period, last = self._since(m, months)
            return [self._out(start, end, period, ROLE_COMPARISON if compare else ROLE_PERIOD, last=last)]

        stock_date = self._stock_date(m, months, as_of)
        if g("dm") is not None and stock_date is None:
            role = ROLE_DATE
            period = self._day(m, start)
        elif stock_date is not None:
            role = ROLE_STOCK
            period = stock_date[0] if stock_date[0] else None
            named = stock_date[1]
        elif months is not None:
            y1, m1, y2, m2, named = months
            if y1 is not None and y2 is not None:
                period = _fmt_months(y1, m1, y2, m2)
                last = (y2, m2)
                year = y2
        else:
            return []

        if not compare and self._joined_to(start, ROLE_COMPARISON):
            compare = True  # 较一季度和1-4月: the second base is a base too
        if compare:
            role = ROLE_COMPARISON
            if not self._base_is_fixed(m, suf):
                period = None
        if role == ROLE_COMPARISON:
            last = None
        return [self._out(start, end, period, role, last=last, year=year, named=named)]

    # -- pieces ------------------------------------------------------------
    def _today(self) -> str | None:
        return self.doc.isoformat() if self.doc else None

    def _since(
        self, m: re.Match[str], months: tuple[int | None, int, int | None, int, bool]
    ) -> tuple[str | None, tuple[int, int] | None]:
        """X以来 / X至今: from the start of X to the last complete month."""
        first_year, first_month = months[0], months[1]
        if m.group("ye") or m.group("moe") or m.group("qe") or m.group("he"):
            # 2009年末以来: from the month after the anchor ends
            end_year, end_month = months[2], months[3]
            if end_year is None:
                first_year = None
            elif end_month < 12:
                first_year, first_month = end_year, end_month + 1
            else:
                first_year, first_month = end_year + 1, 1
        if first_year is None or self.doc is None:
            return None, None
        last = _last_complete_month(self.doc)
        period = _fmt_months(first_year, first_month, *last)
        return period, (last if period else None)

    def _base_is_fixed(self, m: re.Match[str], suf: str | None) -> bool:
        """Whether a comparison base is fixed by the text (``2019年``, ``1-6月``)
        rather than counted back from the figure (``去年同期``, ``上年``)."""
        spec = _year_spec(m, "a") or _year_spec(m, "b")
        explicit = (spec is not None and spec[0] == "x") or bool(
            m.group("my1") or m.group("xy1") or m.group("ct1") or m.group("plan")
        )
        if suf == "同期":
            return explicit
        return not (spec is not None and spec[0] == "r" and spec[1] != 0)

    def _relative_month(self, word: str, compare: bool) -> tuple[str | None, tuple[int, int] | None]:
        if compare:
            return None, None
        if word == "当月":
            for prev in reversed(self.seen):
                if prev.role == ROLE_PERIOD:
                    if prev.last_month is None:
                        return None, None
                    y, mo = prev.last_month
                    return _fmt_months(y, mo, y, mo), prev.last_month
            return None, None
        if self.doc is None:
            return None, None
        if word == "本月":
            y, mo = self.doc.year, self.doc.month
        else:
            y, mo = _last_complete_month(self.doc)
        return _fmt_months(y, mo, y, mo), (y, mo)

    def _months(self, m: re.Match[str], start: int) -> tuple[int | None, int, int | None, int, bool] | None:
        """The months interval a match names, as (y1, m1, y2, m2, year named)."""
        g = m.group
        if g("plann"):
            # the plans run in fives from the third (1966-1970) on
            first = 1966 + 5 * (10 + _CN_DIGITS[g("plann")] - 3)
            return (first, 1, first + 4, 12, True)
        if g("ct1"):
            y1 = _year4(g("ct1"))
            raw = g("ct2")
            y2 = (y1 // 100) * 100 + int(raw) if len(raw) == 2 else _year4(raw)
            return (y1, 9, y2, 8, True) if y2 == y1 + 1 else None
        if g("my1"):
            y1, y2 = _year4(g("my1")), _year4(g("my2"))
            return (y1, 1, y2, 12, True) if y1 < y2 <= y1 + 50 else None
        if g("xy1"):
            m1, m2 = _month(g("xm1")), _month(g("xm2"))
            if m1 is None or m2 is None:
                return None
            return (_year4(g("xy1")), m1, _year4(g("xy2")), m2, True)
        if g("nianchu"):
            return None

        spec = _year_spec(m, "a") or _year_spec(m, "b")
        span = self._body_months(m)
        if span is None:
            if g("yb") or g("rb"):
                span = (1, 12)  # a year on its own
            else:
                return None
        m1, m2 = span
        if g("full") and spec is None:
            ctx = self._context_year()
            if ctx is not None:
                return (ctx, 1, ctx, 12, True)
        year, named = self.year(spec, m2, start)
        return (year, m1, year, m2, named)

    @staticmethod
    def _body_months(m: re.Match[str]) -> tuple[int, int] | None:
        g = m.group
        if g("rm1"):
            a, b = _month(g("rm1")), _month(g("rm2"))
            return (a, b) if a and b and a <= b else None
        if g("fm"):
            n = _month(g("fm"))
            return (1, n) if n else None
        if g("rq1"):
            a, b = _num(g("rq1")), _num(g("rq2"))
            return (3 * a - 2, 3 * b) if a and b and 1 <= a <= b <= 4 else None
        if g("fq"):
            n = _num(g("fq"))
            return (1, 3 * n) if n and 1 <= n <= 4 else None
        if g("q"):
            n = _num(g("q"))
            return (3 * n - 2, 3 * n) if n and 1 <= n <= 4 else None
        if g("half"):
            return (1, 6) if g("half") == "上" else (7, 12)
        if g("full"):
            return (1, 12)
        if g("dm"):
            mo = _month(g("dm"))
            return (mo, mo) if mo else None
        if g("mo"):
            if g("moe") == "初":
                return None
            mo = _month(g("mo"))
            return (mo, mo) if mo else None
        if g("smo"):
            mo = _month(g("smo"))
            return (mo, mo) if mo else None
        return None

    def _stock_date(
        self, m: re.Match[str], months: tuple[int | None, int, int | None, int, bool] | None, as_of: bool
    ) -> tuple[str | None, bool] | None:
        """(ISO date or None, year named) when the match is a stock's date."""
        g = m.group
        if months is None:
            return None
        y2, m2, named = months[2], months[3], months[4]
        ends = bool(g("qe") or g("he") or g("moe") or g("ye"))
        if g("dm"):
            if not as_of:
                return None
            d = _num(g("dd"))
            return ((_fmt_date(y2, m2, d) if y2 and d else None), named)
        if ends or (as_of and (g("mo") or g("smo") or g("yb") or g("rb"))):
            return ((_month_end(y2, m2) if y2 else None), named)
        return None

    def _day(self, m: re.Match[str], start: int) -> str | None:
        mo, d = _month(m.group("dm")), _num(m.group("dd"))
        if mo is None or d is None:
            return None
        year, _ = self.year(_year_spec(m, "a"), mo, start)
        return _fmt_date(year, mo, d) if year else None

    def _lists(self, m: re.Match[str], start: int, compare: bool) -> list[_Out]:
        """``5、6月份``, ``一、二、三季度``, ``2018、2019年``: one mention per item."""
        role = ROLE_COMPARISON if compare else ROLE_PERIOD
        out: list[_Out] = []
        if m.group("ylst") is not None:
            for item in _YEAR4_RE.finditer(m.group("ylst")):
                y = _year4(item.group())
                s = m.start("ylst") + item.start()
                e = m.start("ylst") + item.end()
                if item.end() == len(m.group("ylst")):
                    e = m.end()
                if not out:
                    s = start
                out.append(self._out(s, e, f"{y:04d}", role, year=y, named=True))
            return out
        quarters = m.group("lstu") == "季度"
        items = list(_N_RE.finditer(m.group("lst")))
        spans: list[tuple[int, int]] = []
        for item in items:
            n = _num(item.group())
            if n is None:
                return []
            span = (3 * n - 2, 3 * n) if quarters and 1 <= n <= 4 else (n, n) if not quarters and 1 <= n <= 12 else None
            if span is None:
                return []
            spans.append(span)
        year, named = self.year(_year_spec(m, "l"), max(b for _, b in spans), start)
        base = m.start("lst")
        for i, (item, (a, b)) in enumerate(zip(items, spans, strict=True)):
            s = start if i == 0 else base + item.start()
            e = m.end() if i == len(items) - 1 else base + item.end()
            period = _fmt_months(year, a, year, b) if year else None
            out.append(self._out(s, e, period, role, last=(year, b) if year else None, year=year, named=named))
        return out

    def _out(
        self,
        start: int,
        end: int,
        period: str | None,
        role: str,
        *,
        last: tuple[int, int] | None = None,
        year: int | None = None,
        named: bool = False,
    ) -> _Out:
        if year is None and last is not None:
            year = last[0]
        seen = _Seen(end=end, role=role, year=year, named_year=named, last_month=last)
        self.seen.append(seen)
        return _Out(start, end, period, role)


def find_periods(text: str, doc_date: datetime.date | None) -> list[PeriodMention]:
    """Every period expression in ``text``, left to right, without overlaps.

    ``doc_date`` is the publication date that relative expressions count from;
    with None only explicitly dated expressions get a period.
    """
    if isinstance(doc_date, datetime.datetime):
        doc_date = doc_date.date()
    view, index = _view(text)
    resolver = _Resolver(view, doc_date)
    mentions: list[PeriodMention] = []
    for m in _PATTERN.finditer(view):
        for out in resolver.resolve(m):
            if out.start >= out.end:
                continue
            if index is None:
                s, e = out.start, out.end
            else:
                s, e = index[out.start], index[out.end - 1] + 1
            mentions.append(PeriodMention(s, e, text[s:e], out.period, out.role))
    return mentions


# ---------------------------------------------------------------------------
# Period strings: bounds, labels, shapes and ordering

_PERIOD_RE: Final = re.compile(
    r"(?P<y>[0-9]{4})(?:-(?P<m>[0-9]{1,2})(?:-(?P<d>[0-9]{1,2}))?)?"
    r"|(?P<y1>[0-9]{4})-(?P<m1>[0-9]{1,2})/(?P<y2>[0-9]{4})-(?P<m2>[0-9]{1,2})"
)


def _parse(period: str) -> tuple[datetime.date, datetime.date, str]:
    """(first day, last day, kind) with kind one of year, month, date, interval."""
    m = _PERIOD_RE.fullmatch(period) if isinstance(period, str) else None
    if m is None:
        raise ValueError(f"not a period: {period!r}")
    try:
        if m.group("y1"):
            y1, m1, y2, m2 = (int(m.group(k)) for k in ("y1", "m1", "y2", "m2"))
            first = datetime.date(y1, m1, 1)
            last = datetime.date(y2, m2, calendar.monthrange(y2, m2)[1])
            if first > last:
                raise ValueError(f"period ends before it starts: {period!r}")
            return first, last, "interval"
        y = int(m.group("y"))
        if m.group("d"):
            day = datetime.date(y, int(m.group("m")), int(m.group("d")))
            return day, day, "date"
        if m.group("m"):
            mo = int(m.group("m"))
            return datetime.date(y, mo, 1), datetime.date(y, mo, calendar.monthrange(y, mo)[1]), "month"
        return datetime.date(y, 1, 1), datetime.date(y, 12, 31), "year"
    except ValueError as exc:  # month 13, day 31 of a 30-day month, ...
        raise ValueError(f"not a period: {period!r} ({exc})") from None


def period_bounds(period: str) -> tuple[datetime.date, datetime.date]:
    """First and last day a period covers (``2022-01/2022-07`` -> 2022-01-01, 2022-07-31)."""
    first, last, _ = _parse(period)
    return first, last


def period_label(period: str) -> str:
    """The period in Chinese for tables: ``2022-01/2022-07`` -> ``2022年1-7月``."""
    first, last, kind = _parse(period)
    if kind == "year":
        return f"{first.year}年"
    if kind == "month":
        return f"{first.year}年{first.month}月"
    if kind == "date":
        return f"{first.year}年{first.month}月{first.day}日"
    if first.year == last.year:
        if first.month == 1 and last.month == 12:
            return f"{first.year}年"
        if first.month == last.month:
            return f"{first.year}年{first.month}月"
        return f"{first.year}年{first.month}-{last.month}月"
    if first.month == 1 and last.month == 12:
        return f"{first.year}-{last.year}年"
    return f"{first.year}年{first.month}月-{last.year}年{last.month}月"


def period_shape(period: str) -> str:
    """What a series of this period is a series of.

    ``year``, ``month``, ``date``; ``range:MM-MM`` for months within one year
    (``range:01-07`` for every 1-7月); ``span:MM-MM:Ny`` for an interval touching
    N calendar years (a cotton year is ``span:09-08:2y``, 十三五 ``span:01-12:5y``).
    """
    first, last, kind = _parse(period)
    if kind != "interval":
        return kind
    if first.year == last.year:
        if first.month == 1 and last.month == 12:
            return "year"
        if first.month == last.month:
            return "month"
        return f"range:{first.month:02d}-{last.month:02d}"
    return f"span:{first.month:02d}-{last.month:02d}:{last.year - first.year + 1}y"


def period_sort_key(period: str) -> tuple[datetime.date, datetime.date]:
    """Chronological order by the day a period ends, then by the day it starts:
    cumulative figures line up by the point in time they reach."""
    first, last, _ = _parse(period)
    return last, first


def safe_period_label(period: str | None) -> str:
    """``period_label`` for display: 时期不明 for none, the raw text for one it cannot read."""
    if period is None:
        return "时期不明"
    try:
        return period_label(period)
    except ValueError:
        return period
