"""Resolving a period expression against the publication date and the mentions before it.

The rules are those of period_grammar.py's docstring; :class:`Resolver` applies them to
one match of ``PERIOD_SOURCE`` at a time, remembering what later mentions may borrow
(the year of 2016年8月 for a following 12月, the last month for 当月).
"""
from __future__ import annotations

import datetime
import re
from typing import NamedTuple

from .period_grammar import (
    AS_OF,
    CN_DIGITS,
    COMPARE_DIRECT,
    COMPARE_JOINED,
    COMPARE_TAIL,
    CONNECTORS,
    N_RE,
    REL_YEARS,
    ROLE_COMPARISON,
    ROLE_DATE,
    ROLE_PERIOD,
    ROLE_STOCK,
    YEAR4_RE,
    body_months,
    fmt_date,
    fmt_months,
    last_complete_month,
    month,
    month_end,
    num,
    year4,
)


class Seen(NamedTuple):
    """What later mentions may borrow from an earlier one.

    (This and ``Out`` are named tuples, not frozen dataclasses: one of each is made
    per match, and a tuple is built in a fifth of the time.)
    """

    end: int                        # end offset in the view
    role: str
    year: int | None                # resolved year of its end
    named_year: bool                # the year was written (explicit or 今年/去年…)
    last_month: tuple[int, int] | None   # (year, month) its months end with


class Out(NamedTuple):
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
        return ("x", year4(y))
    r = m.group("r" + tag)
    if r:
        return ("ctx", 0) if r == "当年" else ("r", REL_YEARS[r])
    return None


class Resolver:
    """Resolves one match against the publication date and the mentions before it."""

    def __init__(self, view: str, doc: datetime.date | None, year: int | None = None) -> None:
        self.view = view
        self.doc = doc
        self.text_year = year if doc is None else None
        """With no date, the year bare periods and 今年 are read in (the text's latest)."""
        self.seen: list[Seen] = []

    # -- years -------------------------------------------------------------
    def _carried_year(self, start: int) -> int | None:
        """The year of a dated mention joined to this one by 和/、/及/与."""
        if not self.seen or start < 1:
            return None
        prev = self.seen[-1]
        if prev.end == start - 1 and self.view[start - 1] in CONNECTORS and prev.named_year:
            return prev.year
        return None

    def _joined_to(self, start: int, role: str) -> bool:
        """Whether this mention follows one of ``role`` across a single 和/、/及/与."""
        if not self.seen or start < 1:
            return False
        prev = self.seen[-1]
        return prev.end == start - 1 and self.view[start - 1] in CONNECTORS and prev.role == role

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
                return self.text_year, False
            return (self.doc.year - 1 if end_month > self.doc.month else self.doc.year), False
        kind, value = spec
        if kind == "x":
            if self.doc is not None and value > self.doc.year + 1:
                return None, True  # 2043年 in a 2023 article: a typo, not trusted (dates.future_years says so)
            return value, True
        if kind == "r":
            if self.doc is None:
                return (self.text_year + value if self.text_year is not None else None), True
            return self.doc.year + value, True
        return self._context_year(), True  # 当年

    # -- a whole match -----------------------------------------------------
    def resolve(self, m: re.Match[str]) -> list[Out]:
        g = m.group
        start, end = m.start(), m.end()
        pre, suf = g("pre"), g("suf")
        compare = pre in COMPARE_DIRECT or suf == "同期" or bool(g("hist") or g("ratio"))
        if pre in COMPARE_JOINED:
            if COMPARE_TAIL.match(self.view, end):
                compare = True
            else:
                start = m.start() + len(pre)  # a plain conjunction: not part of the mention
                pre = None
        as_of = pre in AS_OF

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
                period = fmt_months(y1, m1, y2, m2)
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
        last = last_complete_month(self.doc)
        period = fmt_months(first_year, first_month, *last)
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
                    return fmt_months(y, mo, y, mo), prev.last_month
            return None, None
        if self.doc is None:
            return None, None
        if word == "本月":
            y, mo = self.doc.year, self.doc.month
        else:
            y, mo = last_complete_month(self.doc)
        return fmt_months(y, mo, y, mo), (y, mo)

    def _months(self, m: re.Match[str], start: int) -> tuple[int | None, int, int | None, int, bool] | None:
        """The months interval a match names, as (y1, m1, y2, m2, year named)."""
        g = m.group
        if g("plann"):
            # the plans run in fives from the third (1966-1970) on
            first = 1966 + 5 * (10 + CN_DIGITS[g("plann")] - 3)
            return (first, 1, first + 4, 12, True)
        if g("ct1"):
            y1 = year4(g("ct1"))
            raw = g("ct2")
            y2 = (y1 // 100) * 100 + int(raw) if len(raw) == 2 else year4(raw)
            return (y1, 9, y2, 8, True) if y2 == y1 + 1 else None
        if g("my1"):
            y1, y2 = year4(g("my1")), year4(g("my2"))
            return (y1, 1, y2, 12, True) if y1 < y2 <= y1 + 50 else None
        if g("xy1"):
            m1, m2 = month(g("xm1")), month(g("xm2"))
            if m1 is None or m2 is None:
                return None
            return (year4(g("xy1")), m1, year4(g("xy2")), m2, True)
        if g("nianchu"):
            return None

        spec = _year_spec(m, "a") or _year_spec(m, "b")
        span = body_months(m)
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
            d = num(g("dd"))
            return ((fmt_date(y2, m2, d) if y2 and d else None), named)
        if ends or (as_of and (g("mo") or g("smo") or g("yb") or g("rb"))):
            return ((month_end(y2, m2) if y2 else None), named)
        return None

    def _day(self, m: re.Match[str], start: int) -> str | None:
        mo, d = month(m.group("dm")), num(m.group("dd"))
        if mo is None or d is None:
            return None
        year, _ = self.year(_year_spec(m, "a"), mo, start)
        return fmt_date(year, mo, d) if year else None

    def _lists(self, m: re.Match[str], start: int, compare: bool) -> list[Out]:
        """``5、6月份``, ``一、二、三季度``, ``2018、2019年``: one mention per item."""
        role = ROLE_COMPARISON if compare else ROLE_PERIOD
        out: list[Out] = []
        if m.group("ylst") is not None:
            for item in YEAR4_RE.finditer(m.group("ylst")):
                y = year4(item.group())
                s = m.start("ylst") + item.start()
                e = m.start("ylst") + item.end()
                if item.end() == len(m.group("ylst")):
                    e = m.end()
                if not out:
                    s = start
                out.append(self._out(s, e, f"{y:04d}", role, year=y, named=True))
            return out
        quarters = m.group("lstu") == "季度"
        items = list(N_RE.finditer(m.group("lst")))
        spans: list[tuple[int, int]] = []
        for item in items:
            n = num(item.group())
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
            period = fmt_months(year, a, year, b) if year else None
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
    ) -> Out:
        if year is None and last is not None:
            year = last[0]
        seen = Seen(end=end, role=role, year=year, named_year=named, last_month=last)
        self.seen.append(seen)
        return Out(start, end, period, role)

