"""Warnings of ``tradedash check`` as text for a terminal and as JSON."""
from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from .checks import IDENTITIES, CheckWarning
from .clean import clean_text
from .periods import safe_period_label
from .render import dumps_json, stored_fact_json
from .store import StoredFact


def check_text(warnings: Sequence[CheckWarning]) -> str:
    """Each warning: the identity, what breaks it, and every fact with its article and quote."""
    lines: list[str] = []
    for warning in warnings:
        head = warning.facts[0].fact
        where = " ".join(x for x in (head.region, safe_period_label(head.period) if head.period else "") if x)
        allowed = f" (the printed figures allow ±{warning.allowed})" if warning.allowed else ""
        lines.append(f"⚠ {warning.identity}: {IDENTITIES[warning.identity]}")
        lines.append(f"  {where}: {warning.message}{allowed}")
        for row in warning.facts:
            lines.append(f"    {_fact_line(row)}")
        lines.append("")
    by_identity = {name: sum(1 for w in warnings if w.identity == name) for name in IDENTITIES}
    counts = ", ".join(f"{n} {name}" for name, n in by_identity.items() if n)
    lines.append(f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}" + (f" ({counts})" if counts else ""))
    return clean_text("\n".join(lines)) + "\n"


def check_json(warnings: Sequence[CheckWarning]) -> str:
    return dumps_json({"warnings": [warning_json(w) for w in warnings]})


def warning_json(warning: CheckWarning) -> dict[str, Any]:
    return {
        "identity": warning.identity,
        "description": IDENTITIES[warning.identity],
        "message": warning.message,
        "expected": _rounded(warning.expected),
        "stated": warning.stated,
        "gap": _rounded(warning.gap),
        "tolerance": _rounded(warning.tolerance),
        "facts": [stored_fact_json(row) | {"id": row.id} for row in warning.facts],
    }


def _fact_line(row: StoredFact) -> str:
    fact, document = row.fact, row.document
    figure = fact.figure or ""
    rates = "".join(f" {label}{value}%" for label, value in (("同比", fact.yoy_percent), ("占", fact.share_percent))
                    if value is not None)
    source = document.title + (f"（{document.date}）" if document.date else "")
    quote = fact.quotes[0].quote if fact.quotes else ""
    return f"{fact.metric} {figure}{rates} · {source} · “{quote}”"


def _rounded(value: Decimal | None) -> Decimal | None:
    """Computed values to four decimals: exact enough to read, short enough to print."""
    return None if value is None else value.quantize(Decimal("0.0001")).normalize()
