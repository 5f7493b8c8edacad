"""The publication date of an article: stated in its front matter, or inferred.

Relative periods (今年, 1-7月) count from the publication date, so an article without
one loses most of its figures' periods. Where the front matter has none, the date is
inferred, in this order, and the document records from what:

* ``url``: the source address (``/2021/0809/``, ``/202004/24/``, ``t20111128``,
  ``/2020-07/02/``, ``/20050721/``, ``/2022/12-21/``; a year and month alone, ``/2024/06/``,
  gives the 1st);
* ``dateline``: a byline with a full date (发布时间：2024-11-18, 时间:2010-03-29 15:49,
  四川日报 2019年09月19日), or a wire dateline's month and day (本报上海8月20日电) with the
  year of the address.

Years in the text beyond the year after publication (a typo like 2043年) are reported by
:func:`future_years` and not trusted by the period grammar.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Sequence

_Y = r"(19[89]\d|20\d\d)"
_M = r"(0[1-9]|1[0-2])"
_D = r"(0[1-9]|[12]\d|3[01])"
# Most specific first: 20171214 before 201712/20 in /201712/20171214/.
_URL_DATES = (
    re.compile(rf"(?<!\d){_Y}{_M}{_D}(?!\d)"),
    re.compile(rf"(?<!\d){_Y}([-/_]){_M}\2{_D}(?!\d)"),
    re.compile(rf"(?<!\d){_Y}[-/]?{_M}/{_D}(?!\d)"),
    re.compile(rf"(?<!\d){_Y}/{_M}{_D}(?!\d)"),
    re.compile(rf"(?<!\d){_Y}/{_M}-{_D}(?!\d)"),
    re.compile(rf"(?<!\d){_Y}/([1-9]|1[0-2])/([1-9]|[12]\d|3[01])/"),
)
# Looser forms, tried when none of the above is found: a date opening a longer number
# (/2013092207001637791.htm) and a year folder with the month and day in the next one
# (/2008/IMDOOPEA_0421/).
_URL_LOOSE = (
    re.compile(rf"/{_Y}{_M}{_D}\d"),
    re.compile(rf"/{_Y}/[^/]*?[_-]{_M}{_D}(?:/|$)"),
)
_URL_MONTH = re.compile(rf"(?<!\d){_Y}[-/]?{_M}(?:/|$)")
_URL_YEAR = re.compile(rf"(?<!\d){_Y}(?!\d)")
_BYLINE = re.compile(r"(?:发布时间|发布日期|时间|日期)\s*[:：]\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_SHORT_LINE_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_WIRE = re.compile(r"(\d{1,2})月(\d{1,2})日(?:电|讯)")
_TEXT_YEAR = re.compile(r"(?<![0-9])((?:19|20)\d\d)年")


def parse_date(value: object) -> dt.date | None:
    """RFC 2822 (Wed, 31 Aug 2022 09:33:30 GMT), ISO (2021-04-11 00:30:33), plain and Chinese dates."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.datetime.fromisoformat(text.replace("/", "-")).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    match = re.search(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})", text)
    return _date(*match.groups()) if match else None


def _date(year: str | int, month: str | int, day: str | int) -> dt.date | None:
    try:
        date = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    return date if 1949 <= date.year <= 2100 else None


def from_url(url: str) -> dt.date | None:
    """The date an article's address carries, if it carries one."""
    for pattern in _URL_DATES:
        match = pattern.search(url)
        if match is not None:
            groups = [g for g in match.groups() if g not in ("-", "/", "_")]
            date = _date(*groups[:3])
            if date is not None:
                return date
    for pattern in _URL_LOOSE:
        match = pattern.search(url)
        if match is not None and (date := _date(*match.groups())) is not None:
            return date
    match = _URL_MONTH.search(url)
    return _date(match.group(1), match.group(2), 1) if match else None


def from_dateline(title: str, paragraphs: Sequence[str], url: str = "") -> dt.date | None:
    """The date a byline or a wire dateline at the top of the article states."""
    head = [title, *paragraphs[:3]]
    for text in head:
        match = _BYLINE.search(text)
        if match is not None and (date := _date(*match.groups())) is not None:
            return date
        if (len(text) <= 40 and (match := _SHORT_LINE_DATE.search(text)) is not None
                and (date := _date(*match.groups())) is not None):
            return date
    year = _URL_YEAR.search(url)
    if year is None:
        return None
    for text in head:
        match = _WIRE.search(text[:60])
        if match is not None:
            return _date(year.group(1), *match.groups())
    return None


_CITED = re.compile(r"(?:转自|转载自|来源|原文|原文链接|出处|来自)\s*[:：]?\s*(https?://\S+)")


def from_cited_url(paragraphs: Sequence[str]) -> dt.date | None:
    """The date in the address of the page an article says it was taken from (转自:http://…/2013/0430/…)."""
    for text in [*paragraphs[:2], *paragraphs[-4:]]:
        for match in _CITED.finditer(text):
            date = from_url(match.group(1))
            if date is not None:
                return date
    return None


_PERIOD_YEAR = re.compile(r"(?<![0-9])((?:19|20)\d\d)年(?=[0-9一二三四五六七八九十上下前全第]|1)")


def text_year(title: str, paragraphs: Sequence[str]) -> int | None:
    """The latest year the text states a period in (2017年一季度): for an article with no date,
    the year its 今年 and bare 一季度 mean, as a reader would take it."""
    years = [int(m.group(1)) for text in (title, *paragraphs) for m in _PERIOD_YEAR.finditer(text)]
    return max(years) if years else None


def future_years(paragraphs: Sequence[str], date: dt.date) -> list[int]:
    """Years the text names that lie beyond the year after its publication (typos such as 2043年)."""
    found = {int(m.group(1)) for text in paragraphs for m in _TEXT_YEAR.finditer(text)}
    return sorted(y for y in found if y > date.year + 1)
