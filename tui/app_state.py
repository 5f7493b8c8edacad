"""What the dashboard holds beside its widgets: the data it loaded, what the checks found,
and what ``f`` looks for. Plain objects the app keeps and the tests can read."""
from __future__ import annotations

from dataclasses import dataclass

from ..extract.checks import CheckWarning
from ..extract.filters import PeriodFilter
from ..extract.ordering import search_matches
from ..extract.region_tree import RegionNode
from ..extract.series import Row, Rows, Series, SeriesKey
from ..extract.store import Store, StoredFact


@dataclass(frozen=True)
class Dataset:
    """Everything the dashboard shows, read once from the store."""

    series: list[Series]
    regions: RegionNode
    periods: list[PeriodFilter]
    documents: int
    facts: int


@dataclass
class Checked:
    """What ``tradedash check`` finds, read after the first paint: the warnings, the series of
    derived figures, and the stand-in facts that copy and export them."""

    warnings: list[CheckWarning]
    derived: list[Series]
    stand_ins: dict[int, StoredFact]
    store: Store
    """The store they were read from: a reload may have replaced it since."""

    def about(self, row: Row) -> list[CheckWarning]:
        """The warnings that involve the figure a row shows."""
        key, period = row.series.key, row.series.periods[row.at]
        return [w for w in self.warnings if any(_shows(key, period, f) for f in w.facts)]

    def warned(self) -> set[tuple[object, ...]]:
        return {_figure_key(f) for w in self.warnings for f in w.facts}


def row_key(row: Row) -> tuple[object, ...]:
    """What a row shows, as a check names a figure: region, metric, kind, unit, period."""
    key = row.series.key
    return (key.region, key.region_code, key.metric, key.kind, key.unit, row.series.periods[row.at])


def _figure_key(row: StoredFact) -> tuple[object, ...]:
    fact = row.fact
    return (fact.region, fact.region_code, fact.metric_id or fact.metric, fact.kind, fact.unit, fact.period)


def _shows(key: SeriesKey, period: str | None, row: StoredFact) -> bool:
    return _figure_key(row) == (key.region, key.region_code, key.metric, key.kind, key.unit, period)


@dataclass
class Finding:
    """What ``f`` looks for, and the facts whose source sentence has it (read in a worker)."""

    term: str
    quoting: frozenset[int]
    _matches: tuple[Rows, list[int]] | None = None
    """The rows last searched (the object itself: an id could be reused) and their matches."""

    def matches(self, rows: Rows) -> list[int]:
        """The matching row positions, computed once per list of rows."""
        if self._matches is None or self._matches[0] is not rows:
            self._matches = (rows, search_matches(rows, self.term, self.quoting))
        return self._matches[1]

    def label(self, cursor: int) -> str:
        if self._matches is None:
            return f"“{self.term}”"
        matches = self._matches[1]
        at = matches.index(cursor) + 1 if cursor in matches else 0
        return f"“{self.term}” {at}/{len(matches)}" if at else f"“{self.term}” {len(matches)}"
