"""Series: facts grouped into series, one dashboard row per series, and the filters over them.

Headless (no textual): the dashboard asks this module what to show, the tests ask it
the same. A *series* is one region, one metric, one kind, one unit and one period
*shape*, so its points can be drawn as one line:

``year``              whole years across years (2020, 2021, 2022)
``range:01-07``       the same month range across years (1-7月 of 2020, 2021, 2022)
``cumulative:2022``   the growing year-to-date figures of one year (1-2月, 1-3月 … of 2022)
``month``, ``date``, ``span:…``, ``unknown``
                      single months, dates of stocks, intervals across years, no period

亿元 and 亿美元 figures are two series; a growth rate is never in a series of amounts.
A point is one period of a series; when articles give different values for it the
point keeps every value (``Point.conflict``) instead of picking one silently.

The store is read with one aggregate query (GROUP BY in SQLite down to one row per
region, metric, kind and unit, with its periods), enough to split, filter and count
series; a series' figures are read when something looks at them (the rows on
screen, a copy). 100,000 facts load in under a second and nothing here ever holds
one object per fact.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Literal, NamedTuple, Protocol

from .facts import Fact
from .lexicon import measures
from .periods import period_bounds, period_shape, period_sort_key, safe_period_label
from .store import Store, StoredFact

UNKNOWN = "unknown"
_SHAPE_RANK = {"year": 0, "range": 1, "cumulative": 2, "month": 3, "span": 4, "date": 5, UNKNOWN: 6}
_FAR = (9999, 12, 31)


# --------------------------------------------------------------------------- model
#
# NamedTuples, not frozen dataclasses: a load builds one of each per figure, point and
# series (100,000 facts make about as many), and a frozen dataclass costs three times
# as much to build. They are immutable all the same; compare series by identity.


class Figure(NamedTuple):
    """One value stated for one period of a series, and how many articles state it."""

    value: Decimal | None
    figure: str
    """As printed by the article of ``fact_id`` (``10246.0亿元``)."""
    fact_id: int
    """The fact that stands for this value (copied, shown as the source)."""
    sources: int
    """Articles that state this value."""
    yoy_percent: Decimal | None = None
    share_percent: Decimal | None = None
    share_of: str | None = None


class Point(NamedTuple):
    """One period of a series: its figures, the most widely stated first."""

    period: str | None
    figures: tuple[Figure, ...]

    @property
    def main(self) -> Figure:
        return self.figures[0]

    @property
    def conflict(self) -> bool:
        """Articles disagree about this period's value."""
        return len(self.figures) > 1

    @property
    def label(self) -> str:
        return safe_period_label(self.period)


class SeriesKey(NamedTuple):
    region: str | None
    region_code: str | None
    metric: str
    """The taxonomy id where the facts have one (so 外贸进出口 and 货物进出口总额 are one series), else the label."""
    kind: str
    unit: str
    shape: str

    @property
    def metric_id(self) -> str | None:
        return self.metric if self.metric in measures() else None

    @property
    def label(self) -> str:
        """The metric as people read it: the taxonomy's name for an id, else the article's label."""
        metric = measures().get(self.metric)
        return metric.name if metric is not None else self.metric


def search_text(region: str | None, metric: str) -> str:
    """What the text filter matches: the region, the metric's name and, for an id, every label it has."""
    known = measures().get(metric)
    words = [known.name, *sorted(known.surfaces)] if known is not None else [metric]
    return "\n".join([region or "", *words]).lower()


PointsLoader = Callable[["Series"], tuple[tuple["Point", ...], int]]


class Series:
    """One line of figures. Its periods are known from the start; its points (values,
    figures, sources) are read from the store the first time anything asks for them,
    which at 100,000 facts is only for the rows on screen and what gets copied."""

    __slots__ = ("key", "periods", "place", "search", "family", "_points", "_sources", "_loader")

    def __init__(self, key: SeriesKey, periods: tuple[str | None, ...], *, place: str | None = None,
                 search: str = "", family: int = 0, points: tuple[Point, ...] | None = None, sources: int = 0,
                 loader: PointsLoader | None = None) -> None:
        self.key = key
        self.periods = periods
        """In time order; no period comes last. ``points[i].period == periods[i]``."""
        self.place = place
        """The code that places the region in the tree: its own, else its host's (ports, zones)."""
        self.search = search
        """Lower-cased region and metric, for the text filter."""
        self.family = family
        """A number shared by the series of one region, metric, kind and unit (one per shape)."""
        self._points = points
        self._sources = sources
        self._loader = loader

    @property
    def points(self) -> tuple[Point, ...]:
        if self._points is None:
            assert self._loader is not None, "a series without points needs a loader"
            self._points, self._sources = self._loader(self)
        return self._points

    @property
    def sources(self) -> int:
        """Articles behind any of its figures."""
        self.points  # noqa: B018 - loads them
        return self._sources

    @property
    def shape_label(self) -> str:
        return shape_label(self.key.shape)

    def __repr__(self) -> str:
        return f"Series({self.key!r}, {self.periods!r})"


class Row(NamedTuple):
    """One dashboard line: a series and the point it shows (the latest one the filters allow)."""

    series: Series
    index: int

    @property
    def point(self) -> Point:
        return self.series.points[self.index]

    @property
    def history(self) -> tuple[Point, ...]:
        """The points up to and including the one shown, for the trend."""
        return self.series.points[: self.index + 1]

    @property
    def fact_ids(self) -> tuple[int, ...]:
        """The facts behind what the row shows: one per differing value."""
        return tuple(f.fact_id for f in self.point.figures)


class Rows(Sequence[Row]):
    """What the filters leave: series, and which point of each to show (the last when ``indices`` is None).

    A sequence of Rows made on access, so filtering 100,000 series builds two lists and
    no Row at all; the table asks only for the rows it draws.
    """

    __slots__ = ("series", "indices")

    def __init__(self, series: list[Series], indices: list[int] | None = None) -> None:
        self.series = series
        self.indices = indices

    def __len__(self) -> int:
        return len(self.series)

    def __getitem__(self, i: int) -> Row:  # type: ignore[override]
        s = self.series[i]
        return Row(s, self.indices[i] if self.indices is not None else len(s.periods) - 1)

    def __iter__(self) -> Iterator[Row]:
        if self.indices is None:
            return (Row(s, len(s.periods) - 1) for s in self.series)
        return map(Row, self.series, self.indices)

    def position(self, series: Series) -> int | None:
        """Where a series is shown, by identity."""
        try:
            return self.series.index(series)
        except ValueError:
            return None

    def keep(self, test: Callable[[Series], bool]) -> Rows:
        if self.indices is None:
            return Rows([s for s in self.series if test(s)])
        pairs = [(s, i) for s, i in zip(self.series, self.indices, strict=True) if test(s)]
        return Rows([s for s, _ in pairs], [i for _, i in pairs])


def as_fact(series: Series, point: Point, figure: Figure) -> Fact:
    """A figure of a series as a Fact (without quotes), for the renderers' formatting."""
    k = series.key
    return Fact(
        region=k.region, region_code=k.region_code, period=point.period, metric=k.label, metric_id=k.metric_id,
        kind=k.kind,  # type: ignore[arg-type]
        value=figure.value, unit=k.unit, yoy_percent=figure.yoy_percent,
        share_percent=figure.share_percent, share_of=figure.share_of, figure=figure.figure,
    )


def shape_label(shape: str) -> str:
    """A series shape in Chinese, for the table and the detail pane."""
    if shape == "year":
        return "年度"
    if shape.startswith("range:"):
        m1, m2 = (int(x) for x in shape[6:].split("-"))
        return f"历年{m1}-{m2}月" if m1 != m2 else f"历年{m1}月"
    if shape.startswith("cumulative:"):
        return f"{shape[11:]}年累计"
    if shape == "month":
        return "月度"
    if shape == "date":
        return "时点"
    if shape.startswith("span:"):
        return "跨年"
    return "时期不明"


@lru_cache(maxsize=4096)
def _shape(period: str | None) -> str:
    if period is None:
        return UNKNOWN
    try:
        return period_shape(period)
    except ValueError:
        return UNKNOWN


@lru_cache(maxsize=4096)
def _sort_key(period: str | None) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    if period is None:
        return _FAR, _FAR
    try:
        last, first = period_sort_key(period)
    except ValueError:
        return _FAR, _FAR
    return (last.year, last.month, last.day), (first.year, first.month, first.day)


@lru_cache(maxsize=4096)
def _bounds(period: str | None) -> tuple[tuple[int, int, int], tuple[int, int, int]] | None:
    """((year, month, day) first, (year, month, day) last), or None."""
    if period is None:
        return None
    try:
        first, last = period_bounds(period)
    except ValueError:
        return None
    return (first.year, first.month, first.day), (last.year, last.month, last.day)


def partition_shapes(periods: Iterable[str | None]) -> dict[str | None, str]:
    """The series shape of each period among the periods of one region and metric.

    Same-range figures of several years make a series across years; year-to-date
    ranges (1-2月, 1-3月 …) found for a single year only make that year's cumulative
    series. Every period is in exactly one shape, so no series mixes shapes.
    """
    shapes = {p: _shape(p) for p in set(periods)}
    years_by_range: dict[str, set[int]] = {}
    for period, shape in shapes.items():
        if shape.startswith("range:") and (b := _bounds(period)):
            years_by_range.setdefault(shape, set()).add(b[0][0])
    lone: dict[int, list[str]] = {}
    for period, shape in shapes.items():
        if shape.startswith("range:01-") and len(years_by_range[shape]) == 1 and (b := _bounds(period)):
            lone.setdefault(b[0][0], []).append(period)  # type: ignore[arg-type]
    for year, members in lone.items():
        if len(members) >= 2:
            for period in members:
                shapes[period] = f"cumulative:{year}"
    return shapes


def _shape_rank(shape: str) -> int:
    return _SHAPE_RANK.get(shape.split(":", 1)[0], 6)


# --------------------------------------------------------------------------- loading

# Loading is two queries. At start, one row per family (region, metric, kind, unit) with
# its periods, grouped in SQLite: enough to split families into series, filter them and
# count them. Then, only for a series someone looks at, its figures: one row per period
# and value; min(id) is the only min/max, so SQLite takes figure, yoy and share from that
# fact. The index facts_series_key (store.py) serves both without a sort.
_FAMILIES_SQL = """
SELECT region, region_code, coalesce(metric_id, metric), kind, unit, group_concat(DISTINCT coalesce(period, ''))
FROM facts
GROUP BY region, region_code, coalesce(metric_id, metric), kind, unit
ORDER BY region IS NULL, region_code IS NULL, region_code, region, coalesce(metric_id, metric), kind, unit
"""
_POINTS_SQL = """
SELECT period, value, min(id), figure, yoy_percent, share_percent, share_of, group_concat(document_id)
FROM facts
WHERE region IS ? AND region_code IS ? AND coalesce(metric_id, metric) = ? AND kind = ? AND unit = ?
GROUP BY period, value
"""

Placer = Callable[[str | None, str | None], str | None]


def load_series(store: Store, place: Placer | None = None) -> list[Series]:
    """Every series in the store, by region code, region, metric and shape; their points load on demand.

    One pass over one row per family, in the order SQLite sorted them: at 100,000 facts
    this is most of the time to the first full table, so it does nothing per fact.
    """
    loader = _StoreLoader(store)
    out: list[Series] = []
    for number, (region, code, metric, kind, unit, periods) in enumerate(store.query(_FAMILIES_SQL, tuples=True)):
        where = place(region, code) if place else code
        search = search_text(region, metric)
        for shape, members in _shapes_of(periods):
            key = SeriesKey(region, code, metric, kind, unit, shape)
            out.append(Series(key, members, place=where, search=search, family=number, loader=loader))
    return out


@lru_cache(maxsize=65536)
def _shapes_of(periods: str) -> tuple[tuple[str, tuple[str | None, ...]], ...]:
    """A family's periods as SQLite lists them (comma-separated, '' for none) split into series.

    Cached by the text: many metrics of one region share the same periods (an article
    gives twenty figures for 2022年1-7月), so most families cost a dictionary look-up.
    """
    by_shape = _split_shapes([p or None for p in periods.split(",")])
    return tuple(sorted(by_shape.items(), key=lambda item: (_shape_rank(item[0]), item[0])))


class _StoreLoader:
    """Reads the points of one series (all its family's, kept for the family's other series)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __call__(self, series: Series) -> tuple[tuple[Point, ...], int]:
        k = series.key
        by_period: dict[str | None, list[Figure]] = {}
        docs: dict[str | None, set[str]] = {}
        wanted = set(series.periods)
        for period, value, fact_id, figure, yoy, share, share_of, ids in self.store.query(
                _POINTS_SQL, (k.region, k.region_code, k.metric, k.kind, k.unit), tuples=True):
            if period not in wanted:
                continue
            unique = set(ids.split(","))
            by_period.setdefault(period, []).append(
                Figure(_dec(value), figure or "", fact_id, len(unique), _dec(yoy), _dec(share), share_of))
            docs.setdefault(period, set()).update(unique)
        return points_of(series.periods, by_period, docs)


def points_of(periods: Sequence[str | None], by_period: dict[str | None, list[Figure]],
              docs: dict[str | None, set[str]]) -> tuple[tuple[Point, ...], int]:
    """Points in the order of ``periods``, each figure list most-stated first, and the distinct articles."""
    points = tuple(Point(p, tuple(sorted(by_period.get(p, ()), key=_figure_order))) for p in periods)
    return points, len(set().union(*(docs.get(p, set()) for p in periods)))


def _dec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _split_shapes(periods: list[str | None]) -> dict[str, tuple[str | None, ...]]:
    """A family's periods by series shape, each in time order."""
    if len(periods) == 1:
        return {_shape(periods[0]): (periods[0],)}
    shapes = partition_shapes(periods)
    grouped: dict[str, list[str | None]] = {}
    for period in periods:
        grouped.setdefault(shapes[period], []).append(period)
    return {shape: tuple(sorted(members, key=_sort_key)) for shape, members in grouped.items()}


def _figure_order(f: Figure) -> tuple[int, int]:
    return -f.sources, f.fact_id


def region_counts(store: Store) -> list[tuple[str | None, str | None, int]]:
    """(region, region_code, number of facts) for every region in the store."""
    rows = store.query("SELECT region, region_code, count(*) AS n FROM facts GROUP BY region, region_code")
    return [(r["region"], r["region_code"], int(r["n"])) for r in rows]


def facts_for_rows(store: Store, rows: Sequence[Row]) -> list[StoredFact]:
    """The facts behind rows, in row order: what copying and exporting write."""
    return store.facts_by_id([i for row in rows for i in row.fact_ids])


@dataclass(frozen=True, slots=True)
class Source:
    """Where a figure was read: the stored fact and the paragraph that holds it."""

    fact: StoredFact
    paragraph: str
    span: tuple[int, int] | None
    """The figure's offsets in ``paragraph``, when known."""


def sources(store: Store, fact_ids: Sequence[int]) -> list[Source]:
    out: list[Source] = []
    for stored in store.facts_by_id(fact_ids):
        quote = stored.fact.quotes[0] if stored.fact.quotes else None
        if quote is None:
            out.append(Source(stored, "", None))
            continue
        paragraphs = store.paragraphs(stored.document.id)
        if 0 <= quote.paragraph < len(paragraphs):
            text = paragraphs[quote.paragraph]
            start, end = quote.span
            span = (start, end) if 0 <= start <= end <= len(text) else None
            out.append(Source(stored, text, span))
        else:  # the paragraph index does not fit: show the quote, unhighlighted
            out.append(Source(stored, quote.quote, None))
    return out


# --------------------------------------------------------------------------- filters


def code_prefix(code: str) -> str:
    """The prefix every sub-region's code shares: 110000 -> 11, 320500 -> 3205, 320583 -> 320583."""
    prefix = code
    while len(prefix) > 2 and prefix.endswith("00"):
        prefix = prefix[:-2]
    return prefix


@dataclass(frozen=True, slots=True)
class RegionFilter:
    """A region and everything in it.

    Coded regions match by code prefix (110000 includes 110105); a region without a
    code matches by name: a chained name (北京市朝阳区 starts with 北京市), or the
    grouping's own name (长三角, 全国). ``missing`` selects the facts with no region.
    """

    label: str
    prefix: str | None = None
    name: str | None = None
    missing: bool = False
    contains: bool = False
    """Free text that named no known region: match any region containing it."""

    def select(self, series: Iterable[Series]) -> list[Series]:
        """The series in this region: ``matches`` for many, with the common cases inlined."""
        if self.prefix is not None and not self.contains and self.name is not None and not self.missing:
            prefix, name = self.prefix, self.name
            return [s for s in series
                    if (s.place.startswith(prefix) if s.place else (s.key.region or "").startswith(name))]
        matches = self.matches
        return [s for s in series if matches(s.key.region, s.place)]

    def matches(self, region: str | None, place: str | None) -> bool:
        if self.missing:
            return region is None
        if region is None:
            return False
        if self.prefix is not None and place:
            return place.startswith(self.prefix)
        if self.name is None:
            return False
        if self.contains:
            return self.name in region
        if self.prefix is not None:
            return region.startswith(self.name)
        return region == self.name


PeriodKind = Literal["year", "range", "latest"]
_QUARTERS = {
    "一季度": (1, 3), "第一季度": (1, 3), "二季度": (4, 6), "第二季度": (4, 6), "三季度": (7, 9),
    "第三季度": (7, 9), "四季度": (10, 12), "第四季度": (10, 12), "上半年": (1, 6), "下半年": (7, 12),
    "前三季度": (1, 9), "全年": (1, 12),
}
_CN_MONTH = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)} | {"十一": 11, "十二": 12}
_MONTH = r"(\d{1,2}|十[一二]?|[一二三四五六七八九])"
_FIRST_N = re.compile(rf"前{_MONTH}个?月")
_MONTHS = re.compile(rf"{_MONTH}(?:月?\s*[-~～—–至到]\s*{_MONTH})?\s*月份?")
_ISO_RE = re.compile(r"\d{4}(?:-\d{1,2})?(?:/\d{4}-\d{1,2})?")


@dataclass(frozen=True, slots=True)
class PeriodFilter:
    """A year (2022), a month range in any or one year (1-7月, 2022年1-7月), or the latest figures only."""

    kind: PeriodKind
    year: int | None = None
    months: tuple[int, int] | None = None

    @property
    def label(self) -> str:
        if self.kind == "latest":
            return "最新"
        if self.kind == "year":
            return f"{self.year}年"
        assert self.months is not None
        m1, m2 = self.months
        months = f"{m1}月" if m1 == m2 else f"{m1}-{m2}月"
        return f"{self.year}年{months}" if self.year else months

    def matches(self, period: str | None) -> bool:
        if self.kind == "latest":
            return True
        bounds = _bounds(period)
        if bounds is None:
            return False
        (y1, m1, d1), (y2, m2, d2) = bounds
        if self.kind == "year":
            return y1 == y2 == self.year
        if y1 != y2 or (self.year is not None and y1 != self.year):
            return False
        if d1 != 1 or _shape(period) == "date":
            return False
        return (m1, m2) == self.months


def parse_period_filter(text: str) -> PeriodFilter:
    """A period filter from what a user types; ValueError for text that is none.

    ``2022``, ``1-7月``, ``2022年1-7月``, ``前7个月``, ``一季度``, ``2022-01/2022-07``, ``latest``.
    """
    t = text.strip().replace(" ", "")
    if t.lower() in ("latest", "最新", "l"):
        return PeriodFilter("latest")
    if m := re.fullmatch(r"(\d{4})年?", t):
        return PeriodFilter("year", int(m[1]))
    if _ISO_RE.fullmatch(t) and (bounds := _bounds(t)) is not None:
        (y1, m1, _), (y2, m2, _) = bounds
        if y1 == y2:
            return PeriodFilter("year", y1) if (m1, m2) == (1, 12) else PeriodFilter("range", y1, (m1, m2))
    year = None
    if m := re.match(r"(\d{4})年", t):
        year, t = int(m[1]), t[m.end():]
    months: tuple[int, int] | None = None
    if t in _QUARTERS:
        months = _QUARTERS[t]
    elif m := _FIRST_N.fullmatch(t):
        months = (1, _month_number(m[1]))
    elif m := _MONTHS.fullmatch(t):
        months = (_month_number(m[1]), _month_number(m[2] or m[1]))
    if months and 1 <= months[0] <= months[1] <= 12:
        if months == (1, 12) and year is not None:
            return PeriodFilter("year", year)
        return PeriodFilter("range", year, months)
    raise ValueError(f"not a period: {text!r} (try 2022, 1-7月, 2022年1-7月 or latest)")


def _month_number(text: str) -> int:
    return int(text) if text.isdigit() else _CN_MONTH.get(text, 0)


@dataclass(frozen=True, slots=True)
class Filters:
    text: str = ""
    region: RegionFilter | None = None
    period: PeriodFilter | None = None

    @property
    def active(self) -> bool:
        return bool(self.text or self.region or self.period)


def select_rows(series: Sequence[Series], filters: Filters) -> Rows:
    """The rows the filters leave, one per series, each showing its latest allowed point.

    ``latest`` keeps, for each region and metric, only the series whose figure is the
    most recent (a 2022年1-7月 figure over the 2021年 one). One comprehension per filter:
    at 100,000 series a keystroke has a few tens of milliseconds.
    """
    candidates = list(series)
    for word in filters.text.lower().split():
        candidates = [s for s in candidates if word in s.search]
    if filters.region is not None:
        candidates = filters.region.select(candidates)
    period = filters.period
    if period is None:
        return Rows(candidates)
    if period.kind == "latest":
        return Rows(_latest_only(candidates))
    kept: list[Series] = []
    indices: list[int] = []
    # Series of families with the same periods share one tuple: decide once per tuple.
    decided: dict[int, int] = {}
    allowed: dict[str | None, bool] = {}
    for s in candidates:
        periods = s.periods
        index = decided.get(id(periods))
        if index is None:
            index = len(periods) - 1
            while index >= 0:
                p = periods[index]
                ok = allowed.get(p)
                if ok is None:
                    ok = allowed[p] = period.matches(p)
                if ok:
                    break
                index -= 1
            decided[id(periods)] = index
        if index >= 0:
            kept.append(s)
            indices.append(index)
    return Rows(kept, indices)


def refine(before: Filters, rows: Rows, after: Filters) -> Rows | None:
    """``after``'s rows from ``before``'s when typing only narrowed the text (江 then 江苏), else None.

    Every filter keeps or drops whole families (all series of a region and metric share
    their text), so narrowing the text of a filtered list gives what filtering afresh gives.
    """
    if (before.region, before.period) != (after.region, after.period):
        return None
    old, new = before.text.lower().split(), after.text.lower().split()
    if not all(any(o in n for n in new) for o in old):
        return None
    for word in new:
        rows = rows.keep(lambda s, w=word: w in s.search)
    return rows


def _latest_only(series: list[Series]) -> list[Series]:
    """Of each family's series, the one whose last figure is the most recent."""
    best: dict[int, Series] = {}
    for s in series:
        known = best.get(s.family)
        if known is None or _recency(s.periods[-1], s.key.shape) > _recency(known.periods[-1], known.key.shape):
            best[s.family] = s
    keep = {id(s) for s in best.values()}
    return [s for s in series if id(s) in keep]


@lru_cache(maxsize=65536)
def _recency(period: str | None, shape: str) -> tuple[object, ...]:
    """Later end, then later start, then the plainer shape (a year over a cumulative range)."""
    if period is None or _bounds(period) is None:
        return (False,)
    return (True, _sort_key(period), -_shape_rank(shape))


def period_choices(series: Iterable[Series]) -> list[PeriodFilter]:
    """Latest, then every year and every month range present, newest and widest first."""
    years: set[int] = set()
    ranges: set[tuple[int, int]] = set()
    for period in {p for s in series for p in s.periods}:
        bounds = _bounds(period)
        if bounds is None:
            continue
        (y1, m1, d1), (y2, m2, _) = bounds
        if y1 == y2:
            years.add(y1)
            if d1 == 1 and (m1, m2) != (1, 12) and _shape(period) != "date":
                ranges.add((m1, m2))
    out = [PeriodFilter("latest")]
    out += [PeriodFilter("year", y) for y in sorted(years, reverse=True)]
    out += [PeriodFilter("range", None, r) for r in sorted(ranges, key=lambda r: (r[0], -r[1]))]
    return out


# --------------------------------------------------------------------------- trend


BLOCKS = "▁▂▃▄▅▆▇█"


def trend(values: Sequence[Decimal | None], width: int = 8) -> str:
    """The last ``width`` values as block characters, lowest ▁ to highest █; a gap is a space."""
    values = list(values)[-width:]
    known = [v for v in values if v is not None]
    if not known:
        return ""
    low, high = min(known), max(known)
    out = []
    for v in values:
        if v is None:
            out.append(" ")
        elif high == low:
            out.append(BLOCKS[3])
        else:
            out.append(BLOCKS[int((v - low) / (high - low) * (len(BLOCKS) - 1) + Decimal("0.5"))])
    return "".join(out)


def row_trend(row: Row, width: int = 8) -> str:
    return trend([p.main.value for p in row.history], width)


# --------------------------------------------------------------------------- region tree


AnchorKind = Literal["self", "host", "grouping"]


class RegionLookup(Protocol):
    """What the tree needs to know about regions: a gazetteer, or codes alone."""

    def full_name(self, code: str) -> str | None: ...

    def parent_code(self, code: str) -> str | None: ...

    def anchor(self, name: str) -> tuple[str | None, AnchorKind] | None:
        """For a name without a code: its own code, its host's (ports, zones) or a grouping; None if unknown."""
        ...


def place_by(lookup: RegionLookup) -> Placer:
    """A Placer for load_series: a fact's own code, else what its name anchors to."""

    def place(region: str | None, code: str | None) -> str | None:
        if code or region is None:
            return code
        found = lookup.anchor(region)
        return found[0] if found else None

    return place


class GazetteerLookup:
    """RegionLookup over tradedash.extract.regions (loaded on first use, about 0.15 s)."""

    def __init__(self) -> None:
        from .gazetteer import gazetteer

        self._g = gazetteer()

    def full_name(self, code: str) -> str | None:
        region = self._g.region(code)
        return region.name if region else None

    def parent_code(self, code: str) -> str | None:
        region = self._g.region(code)
        return region.parent if region else None

    def anchor(self, name: str) -> tuple[str | None, AnchorKind] | None:
        region = self._g.named(name)
        if region is None:
            return None
        if region.code:
            return region.code, "self"
        if region.parent:
            return region.parent, "host"
        return None, "grouping"


class PrefixLookup:
    """RegionLookup from codes alone: parents by prefix, no names. The fallback without a gazetteer."""

    def full_name(self, code: str) -> str | None:
        return None

    def parent_code(self, code: str) -> str | None:
        if len(code) != 6:
            return None
        for parent in (code[:4] + "00", code[:2] + "0000"):
            if parent != code:
                return parent
        return None

    def anchor(self, name: str) -> tuple[str | None, AnchorKind] | None:
        return None


@dataclass
class RegionNode:
    """A tree entry: its own facts (``count``), its sub-regions' too (``total``), and the filter it selects."""

    label: str
    filter: RegionFilter | None
    count: int = 0
    children: list[RegionNode] = field(default_factory=list)
    code: str | None = None

    @property
    def total(self) -> int:
        return self.count + sum(c.total for c in self.children)

    def walk(self) -> Iterable[RegionNode]:
        yield self
        for child in self.children:
            yield from child.walk()


GROUPINGS = "分组"
OTHER = "其他地名"
NO_REGION = "无地区"


def region_tree(counts: Iterable[tuple[str | None, str | None, int]], lookup: RegionLookup) -> RegionNode:
    """Provinces, cities and districts by code, then groupings, other names and facts without a region."""
    root = RegionNode("全部地区", None)
    by_code: dict[str, RegionNode] = {}
    groupings = RegionNode(GROUPINGS, None)
    other = RegionNode(OTHER, None)
    missing = RegionNode(NO_REGION, RegionFilter(NO_REGION, missing=True))
    names: dict[str, RegionNode] = {}

    def coded(code: str, name: str | None) -> RegionNode:
        node = by_code.get(code)
        if node is None:
            full = lookup.full_name(code) or name or code
            node = RegionNode(full, RegionFilter(full, code_prefix(code), full), code=code)
            by_code[code] = node
            parent_code = lookup.parent_code(code)
            parent = coded(parent_code, None) if parent_code and parent_code != code else root
            parent.children.append(node)
        elif name and node.label == code:  # first met as a parent without a name
            node.label = name
            node.filter = RegionFilter(name, code_prefix(code), name)
        return node

    for region, code, n in counts:
        if region is None:
            missing.count += n
            continue
        if code:
            coded(code, region).count += n
            continue
        anchor = lookup.anchor(region)
        if anchor and anchor[1] == "self" and anchor[0]:
            coded(anchor[0], region).count += n
            continue
        node = names.get(region)
        if node is None:
            node = RegionNode(region, RegionFilter(region, name=region))
            names[region] = node
            if anchor and anchor[1] == "host" and anchor[0]:
                coded(anchor[0], None).children.append(node)
            elif anchor and anchor[1] == "grouping" or region == "全国":
                groupings.children.append(node)
            else:
                other.children.append(node)
        node.count += n

    _relabel(root, "")
    for parent in (groupings, other):
        parent.children.sort(key=lambda c: (c.label != "全国", -c.total, c.label))
    root.children.sort(key=lambda c: c.code or "")
    for extra in (groupings, other, missing):
        if extra.total:
            root.children.append(extra)
    return root


def _relabel(node: RegionNode, parent_name: str) -> None:
    """Nested entries show their own name: 朝阳区 under 北京市, not 北京市朝阳区."""
    full = node.filter.name if node.filter and node.filter.name else node.label
    if node.code and parent_name and full.startswith(parent_name) and len(full) > len(parent_name):
        node.label = full[len(parent_name):]
    for child in node.children:
        _relabel(child, full if node.code else "")
    node.children.sort(key=lambda c: (c.code is None, c.code or "", c.label))


def resolve_region(text: str, root: RegionNode) -> RegionFilter:
    """A region typed by a user (北京, 北京市, 朝阳区, 长三角) as the filter of the best tree entry.

    Exact full name, then exact own name, then a name that starts with the text (the
    shallowest such entry); text that names nothing matches regions containing it.
    """
    t = text.strip()
    nodes = [n for n in root.walk() if n.filter is not None and not n.filter.missing]
    depth = {id(n): d for n, d in _depths(root)}
    for test in (
        lambda n: n.filter.name == t,
        lambda n: n.label == t,
        lambda n: n.label.startswith(t),
        lambda n: (n.filter.name or "").startswith(t),
    ):
        found = [n for n in nodes if test(n)]
        if found:
            best = min(found, key=lambda n: (depth[id(n)], -n.total))
            return best.filter  # type: ignore[return-value]
    return RegionFilter(t, name=t, contains=True)


def _depths(node: RegionNode, depth: int = 0) -> Iterable[tuple[RegionNode, int]]:
    yield node, depth
    for child in node.children:
        yield from _depths(child, depth + 1)
