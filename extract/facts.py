"""The fact: the contract between the extractor, the store, the renderers and the app.

Field names are those of ``tradedash extract --format json`` in DESIGN.md. A value
is an exact Decimal in base units (8.2亿美元 is 820000000 USD); growth and share
either ride on their level (``yoy_percent``, ``share_percent``) or stand as facts
of kind ``growth``/``share`` when the text gives no level.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from .units import decimal_text, quantity

if TYPE_CHECKING:
    import pint

Kind = Literal["amount", "count", "growth", "share", "level"]
Qualifier = Literal["exact", "approx", "at_least", "at_most"]
KINDS: tuple[str, ...] = ("amount", "count", "growth", "share", "level")
QUALIFIERS: tuple[str, ...] = ("exact", "approx", "at_least", "at_most")


@dataclass(frozen=True, slots=True)
class Quote:
    """Where a figure was read: the sentence, its paragraph index and the figure's offsets in that paragraph."""

    quote: str
    paragraph: int
    span: tuple[int, int]

    def to_dict(self) -> dict[str, Any]:
        return {"quote": self.quote, "paragraph": self.paragraph, "span": list(self.span)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        start, end = data["span"]
        return cls(str(data["quote"]), int(data["paragraph"]), (int(start), int(end)))


@dataclass(frozen=True, slots=True)
class Fact:
    region: str | None
    region_code: str | None
    period: str | None
    metric: str
    metric_id: str | None
    kind: Kind
    value: Decimal | None
    unit: str
    qualifier: Qualifier = "exact"
    yoy_percent: Decimal | None = None
    share_percent: Decimal | None = None
    share_of: str | None = None
    figure: str = ""
    """The figure as the article printed it (``10246.0亿元``), for display."""
    quotes: tuple[Quote, ...] = field(default=())
    measure: str | None = None
    """What is measured: a taxonomy id (trade_total, export, fdi_actual), None where the taxonomy has none."""
    breakdown: dict[str, str] = field(default_factory=dict, hash=False)
    """The slice of the measure ({"partner": "东盟"}); empty for the headline figure itself."""

    def rounding(self) -> Decimal:
        """Half a unit of the last digit the figure was printed with, in base units (7096亿元:
        0.5亿; 1.99万亿元: 0.005万亿): how far the true value may lie from the printed one. A
        figure in Chinese numerals (八十八亿) is taken at two significant digits."""
        if self.value is None:
            return Decimal(0)
        number = _DIGITS.search(self.figure)
        if number is None:
            return abs(self.value) * Decimal("0.05")
        printed = Decimal(number.group().replace(",", "").replace("，", ""))
        if not printed:
            return Decimal(0)
        decimals = len(number.group(1) or "")
        return abs(self.value / printed) * Decimal(5) / Decimal(10) ** (decimals + 1)

    def quantity(self) -> pint.Quantity | None:
        return None if self.value is None else quantity(self.value, self.unit)

    def key(self) -> tuple[object, ...]:
        """What makes two statements the same fact within one document."""
        return (self.region, self.period, self.metric, self.kind, self.value, self.unit)

    def with_quotes(self, quotes: tuple[Quote, ...]) -> Fact:
        """The same fact with these quotes added (each once, in order)."""
        known = set(self.quotes)
        new = tuple(dict.fromkeys(q for q in quotes if q not in known))
        return replace(self, quotes=(*self.quotes, *new)) if new else self

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object; Decimals stay Decimals (see render.dumps_json)."""
        first = self.quotes[0] if self.quotes else None
        return {
            "region": self.region,
            "region_code": self.region_code,
            "period": self.period,
            "metric": self.metric,
            "metric_id": self.metric_id,
            "measure": self.measure,
            "breakdown": dict(self.breakdown),
            "kind": self.kind,
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "yoy_percent": self.yoy_percent,
            "share_percent": self.share_percent,
            "share_of": self.share_of,
            "figure": self.figure,
            "quote": first.quote if first else None,
            "paragraph": first.paragraph if first else None,
            "span": list(first.span) if first else None,
            "quotes": [q.to_dict() for q in self.quotes],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Fact:
        quotes = tuple(Quote.from_dict(q) for q in data.get("quotes") or ())
        if not quotes and data.get("quote") is not None:
            quotes = (Quote.from_dict(data),)
        return cls(
            region=data.get("region"),
            region_code=data.get("region_code"),
            period=data.get("period"),
            metric=data["metric"],
            metric_id=data.get("metric_id"),
            measure=data.get("measure"),
            breakdown={str(k): str(v) for k, v in (data.get("breakdown") or {}).items()},
            kind=data["kind"],
            value=_decimal(data.get("value")),
            unit=data["unit"],
            qualifier=data.get("qualifier") or "exact",
            yoy_percent=_decimal(data.get("yoy_percent")),
            share_percent=_decimal(data.get("share_percent")),
            share_of=data.get("share_of"),
            figure=data.get("figure") or "",
            quotes=quotes,
        )


_DIGITS = re.compile(r"[0-9][0-9,，]*(?:\.([0-9]+))?")


def percent_rounding(value: Decimal) -> Decimal:
    """Half a unit of the last digit of a stated percentage (5.3: 0.05; 12: 0.5)."""
    exponent = value.as_tuple().exponent
    return Decimal(5) * Decimal(10) ** (int(exponent) - 1) if isinstance(exponent, int) else Decimal(0)


def _decimal(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(decimal_text(Decimal(str(value))))
