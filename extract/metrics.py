"""Metric labels and headline ids, composed from the measure and the breakdown.

Two articles that state the same thing get the same label: the label is built from the
taxonomy (data/measures.toml) and the canonical breakdown names, not copied from the
sentence. A headline figure is the measure's own name (货物进出口总额, 出口, 实际使用外资);
a breakdown is built on the measure's stem in one order (owner, mode, channel, other,
then the partner with its preposition, then the product): 民营企业对美国机电产品出口.
Where the taxonomy has no entry, the label is the article's own words (集装箱吞吐量).

Only a figure with no breakdown gets a headline id (``metric_id``): a breakdown never
joins a headline series.
"""
from __future__ import annotations

from collections.abc import Mapping

from .lexicon import measures

_ORDER_BEFORE_PARTNER = ("owner", "mode", "channel", "other")


def compose(measure: str | None, breakdown: Mapping[str, str], words: str = "") -> str:
    """The metric label of a measure (taxonomy id, or None with the article's ``words``) and a breakdown."""
    if measure is None:
        prefix = ("".join(breakdown.get(d, "") for d in _ORDER_BEFORE_PARTNER) + _partner(breakdown, "")
                  + breakdown.get("product", ""))
        return words if not prefix or prefix in words else prefix + words
    entry = measures()[measure]
    if not breakdown:
        return entry.name
    return ("".join(breakdown.get(d, "") for d in _ORDER_BEFORE_PARTNER) + _partner(breakdown, entry.partner)
            + breakdown.get("product", "") + entry.stem)


def _partner(breakdown: Mapping[str, str], prefix: str) -> str:
    partner = breakdown.get("partner")
    return prefix + partner if partner else ""


def headline_id(measure: str | None, breakdown: Mapping[str, str]) -> str | None:
    """The headline series id: the measure itself when nothing breaks it down, else None."""
    return measure if measure is not None and not breakdown else None


def measure_name(measure: str) -> str:
    """The headline label of a measure id (trade_total -> 货物进出口总额)."""
    return measures()[measure].name
