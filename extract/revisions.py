"""Which of several stated values of one figure is current: the later official release.

When articles give different values for the same region, period, metric, breakdown and
unit, the value carried by the latest-dated article that cites an official body
(authority.py: customs, a statistics bureau, a commerce department) is current, provided
that article is strictly later than every article giving another value; the others are
superseded. A tie, an undated article on the other side, or a latest article that cites no
official body leaves the figures as they are: all shown, none picked.
"""
from __future__ import annotations

from collections.abc import Sequence


def current(values: Sequence[tuple[str | None, str | None]]) -> int | None:
    """The index of the current value among (latest article date, latest official article
    date) pairs, one pair per distinct value; None when no value supersedes the others."""
    if len(values) < 2:
        return None
    official = [(date, i) for i, (_, date) in enumerate(values) if date is not None]
    if not official:
        return None
    date, winner = max(official)
    others = [latest for i, (latest, _) in enumerate(values) if i != winner]
    if any(other is None or other >= date for other in others):
        return None
    return winner
