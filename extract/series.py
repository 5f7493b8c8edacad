"""Series: facts grouped into series, and one dashboard row per series.

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

Series are built from the store in one pass (series_load.py) and then live in memory:
filtering, sorting and drawing a row never wait on SQLite. Nothing here holds one
object per fact; a Figure stands for every fact that states the same value.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from .facts import Fact
from .lexicon import measures
from .periods import period_bounds, period_shape, period_sort_key, safe_period_label

UNKNOWN = "unknown"
Placer = Callable[[str | None, str | None], str | None]
"""(region, region code) -> the code a fact's region anchors to in the region tree."""
_SHAPE_RANK = {"year": 0, "range": 1, "cumulative": 2, "month": 3, "span": 4, "date": 5, UNKNOWN: 6, "derived": 7}
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
    latest: str | None = None
    """The date of the latest article stating this value."""
    official: str | None = None
    """The date of the latest article stating it that cites an official body (a release)."""


class Point(NamedTuple):
    """One period of a series: its figures, the most widely stated first."""

    period: str | None
    figures: tuple[Figure, ...]
    revised: bool = False
    """A later official release settles the values: the first figure is current, the others superseded."""

    @property
    def main(self) -> Figure:
        return self.figures[0]

    @property
    def conflict(self) -> bool:
        """Articles disagree about this period's value, and no later official release settles it."""
        return len(self.figures) > 1 and not self.revised

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


class Series:
    """One line of figures: its periods in time order and a point for each."""

    __slots__ = ("dimension", "document", "family", "key", "periods", "place", "points", "search", "sources")

    def __init__(self, key: SeriesKey, periods: tuple[str | None, ...], *, points: tuple[Point, ...],
                 place: str | None = None, search: str = "", family: int = 0, sources: int = 0,
                 dimension: str = "") -> None:
        self.key = key
        self.periods = periods
        """In time order; no period comes last. ``points[i].period == periods[i]``."""
        self.points = points
        self.place = place
        """The code that places the region in the tree: its own, else its host's (ports, zones)."""
        self.search = search
        """Lower-cased region and metric, for the text filter."""
        self.family = family
        """A number shared by the series of one region, metric, kind and unit (one per shape)."""
        self.sources = sources
        """Articles behind any of its figures."""
        self.dimension = dimension
        """The breakdown dimension its figures slice (partner, product, mode, owner, channel,
        other; lexicon.DIMENSIONS), or '' for a headline series."""
        self.document: str | None = None
        """For figures without a period (shape ``undated:<id>``): the title of their one article."""

    @property
    def shape_label(self) -> str:
        return shape_label(self.key.shape)

    def __repr__(self) -> str:
        return f"Series({self.key!r}, {self.periods!r})"


class Row(NamedTuple):
    """One dashboard line: a series and the point it shows (the latest one the filters allow)."""

    series: Series
    at: int
    """The index of the point shown in ``series.points``."""

    @property
    def point(self) -> Point:
        return self.series.points[self.at]

    @property
    def history(self) -> tuple[Point, ...]:
        """The points up to and including the one shown, for the trend."""
        return self.series.points[: self.at + 1]

    @property
    def fact_ids(self) -> tuple[int, ...]:
        """The facts behind what the row shows: one per differing value."""
        return tuple(f.fact_id for f in self.point.figures)


class Rows(Sequence[Row]):
    """What the filters leave: series, and which point of each to show (the last when ``indices`` is None).

    A sequence of Rows made on access, so filtering 100,000 series builds two lists and
    no Row at all; the table asks only for the rows it draws.
    """

    __slots__ = ("indices", "series")

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
    if shape == "derived:month":
        return "推算单月"
    if shape == "derived:quarter":
        return "推算季度"
    if shape == "date":
        return "时点"
    if shape.startswith("undated:"):
        return "时期不明（单篇）"
    if shape.startswith("span:"):
        return "跨年"
    return "时期不明"


@lru_cache(maxsize=4096)
def shape_of(period: str | None) -> str:
    if period is None:
        return UNKNOWN
    try:
        return period_shape(period)
    except ValueError:
        return UNKNOWN


@lru_cache(maxsize=4096)
def period_key(period: str | None) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    if period is None:
        return _FAR, _FAR
    try:
        last, first = period_sort_key(period)
    except ValueError:
        return _FAR, _FAR
    return (last.year, last.month, last.day), (first.year, first.month, first.day)


@lru_cache(maxsize=4096)
def month_bounds(period: str | None) -> tuple[tuple[int, int, int], tuple[int, int, int]] | None:
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
    shapes = {p: shape_of(p) for p in set(periods)}
    years_by_range: dict[str, set[int]] = {}
    for period, shape in shapes.items():
        if shape.startswith("range:") and (b := month_bounds(period)):
            years_by_range.setdefault(shape, set()).add(b[0][0])
    lone: dict[int, list[str]] = {}
    for period, shape in shapes.items():
        if shape.startswith("range:01-") and len(years_by_range[shape]) == 1 and (b := month_bounds(period)):
            lone.setdefault(b[0][0], []).append(period)  # type: ignore[arg-type]
    for year, members in lone.items():
        if len(members) >= 2:
            for period in members:
                shapes[period] = f"cumulative:{year}"
    return shapes


def shape_rank(shape: str) -> int:
    return _SHAPE_RANK.get(shape.split(":", 1)[0], 6)


