"""Period strings: bounds, labels, shapes and ordering of the contract's periods.

A period string is one of (see DESIGN.md, "The fact"):

    ``2021``             a whole year
    ``2022-11``          one month
    ``2022-01/2022-07``  an interval of whole months (may cross years: ``2020-09/2021-08``)
    ``2022-08-31``       a date, used for stocks (balances) and for plain dates

Intervals are normalised so one period has one spelling: ``1-12月`` of a year is the year
itself (``2021``), and an interval of one month is that month. Reading periods from text
is period_grammar.py's job; this module is what the store, the renderers and the app use.
"""
from __future__ import annotations

import calendar
import datetime
import re
from typing import Final

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
