"""The checks over a whole store, for ``tradedash check`` and the dashboard alike.

Every fact takes part (a whole, or last year's level, may come from any article), but only
the few facts in a warning are quoted, so the facts are read without their quotes and the
warned ones read again with them: at 100,000 facts that keeps a few hundred MB out of memory.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from .checks import CheckWarning, check
from .derived import Derived, derive
from .store import Store, StoredFact


@dataclass(frozen=True)
class CheckRun:
    facts: list[StoredFact]
    """Every fact, without its quotes."""
    warnings: list[CheckWarning]
    """Each warning's facts with their quotes."""
    derived: list[Derived]


def run_checks(store: Store) -> CheckRun:
    rows = store.facts(quotes=False)
    derived = derive(rows)
    warnings = check(rows, derived)
    quoted = {row.id: row for row in store.facts_by_id(row.id for w in warnings for row in w.facts)}
    return CheckRun(rows, [replace(w, facts=tuple(quoted.get(row.id, row) for row in w.facts)) for w in warnings],
                    derived)
