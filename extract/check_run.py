"""The checks over a whole store, for ``tradedash check`` and the dashboard alike.

Every identity relates figures of one region (a total and its parts, a level and last
year's, two cumulative figures and the month between), so the store is read and checked
one region at a time, and only what a region needs is in memory at once. Facts are read
without their quotes; the few in a warning are read again with them. At 100,000 facts this
keeps the dashboard, which checks in a worker beside its own series, about 100 MB smaller.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import groupby

from .checks import CheckWarning, check
from .derived import Derived, derive
from .store import Store


@dataclass(frozen=True)
class CheckRun:
    warnings: list[CheckWarning]
    """Each warning's facts with their quotes."""
    derived: list[Derived]


def run_checks(store: Store) -> CheckRun:
    regions = {region for region, _, _ in store.region_counts() if region}
    warnings: list[CheckWarning] = []
    derived: list[Derived] = []
    for _, group in groupby(store.each_fact(quotes=False), key=lambda row: row.fact.region):
        rows = list(group)
        figures = derive(rows)
        derived += figures
        warnings += check(rows, figures, regions)
    quoted = {row.id: row for row in store.facts_by_id(row.id for w in warnings for row in w.facts)}
    return CheckRun([replace(w, facts=tuple(quoted.get(row.id, row) for row in w.facts)) for w in warnings], derived)
