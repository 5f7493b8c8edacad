"""Amounts in the unit an analyst chose: as published, or all in 亿元, 万亿元 or 亿美元.

pint does the scaling (亿 and 万亿 are units in ``data/units.txt``, so 1.56万亿元 is
``Quantity(1560000000000, "CNY").to("wan * yi * CNY")``). Yuan to dollars is never a unit
conversion: it takes the annual average rate of the figure's year (``units.convert_currency``,
``data/rates.csv``), and a converted amount is marked ≈ and keeps its rate so the detail pane
can name it. An amount with no rate for its year, or no year at all, stays as published with a
note that says why; so does anything that is not yuan or dollars (家, %, 吨).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .units import NoRate, Rate, convert_currency, quantity

#: What marks a value converted between currencies, wherever it is shown or copied.
APPROX = "≈"
_CURRENCIES = ("CNY", "USD")


@dataclass(frozen=True)
class AmountUnit:
    """A unit every amount of a table can be shown in."""

    label: str
    """As the table prints it: 亿元."""
    currency: str
    pint_unit: str
    decimals: int


UNITS: tuple[AmountUnit, ...] = (
    AmountUnit("亿元", "CNY", "yi * CNY", 1),
    AmountUnit("万亿元", "CNY", "wan * yi * CNY", 2),
    AmountUnit("亿美元", "USD", "yi * USD", 1),
)


def unit_named(label: str) -> AmountUnit:
    """The unit for ``--unit 亿美元``; ValueError naming the choices otherwise."""
    for unit in UNITS:
        if unit.label == label:
            return unit
    raise ValueError(f"unknown unit {label!r}: choose one of {', '.join(u.label for u in UNITS)}")


def next_unit(current: AmountUnit | None) -> AmountUnit | None:
    """The unit after ``current`` in the cycle: as published, 亿元, 万亿元, 亿美元, as published."""
    if current is None:
        return UNITS[0]
    at = UNITS.index(current)
    return UNITS[at + 1] if at + 1 < len(UNITS) else None


@dataclass(frozen=True)
class Amount:
    """An amount as shown in the chosen unit."""

    text: str
    """``7,488.0亿元``, ``≈1,131.6亿美元``, or the published figure when it is not converted."""
    value: Decimal | None
    """In the chosen unit (7488.0 for 7,488.0亿元); None when shown as published."""
    rate: Rate | None = None
    """The exchange rate used, when the currency changed."""
    note: str = ""
    """Why the amount stays as published, when it does."""

    @property
    def converted(self) -> bool:
        return self.rate is not None


def amount_in(value: Decimal | None, unit: str, period: str | None, to: AmountUnit | None,
              published: str) -> Amount:
    """``value`` (base units of ``unit``, as stored) shown in ``to``; ``published`` is the
    figure as the table shows it when nothing is converted."""
    if to is None or value is None or unit not in _CURRENCIES:
        return Amount(published, None)
    rate = None
    if unit != to.currency:
        year = period_year(period)
        if year is None:
            return Amount(published, None, note=f"no period, so no {unit}/{to.currency} rate: shown as published")
        try:
            converted = convert_currency(value, unit, to.currency, year)
        except NoRate:
            return Amount(published, None, note=f"no {unit}/{to.currency} rate for {year} in data/rates.csv: "
                                                "shown as published")
        value, rate = converted.value, converted.rate
    magnitude = Decimal(quantity(value, to.currency).to(to.pint_unit).magnitude)
    shown = magnitude.quantize(Decimal(1).scaleb(-_decimals(magnitude, to.decimals)), rounding=ROUND_HALF_UP)
    text = f"{APPROX if rate else ''}{grouped(shown)}{to.label}"
    return Amount(text, shown, rate)


def _decimals(magnitude: Decimal, least: int) -> int:
    """The unit's decimals; for an amount they would print as zero, enough for three
    significant digits (42.4亿元 is 0.00424万亿元, not 0.00)."""
    if not magnitude or abs(magnitude) >= Decimal(5).scaleb(-least - 1):
        return least
    return 2 - magnitude.copy_abs().adjusted()


def period_year(period: str | None) -> int | None:
    """The year whose rate converts a period's amount: the year it ends in."""
    if not period:
        return None
    last = period.rsplit("/", 1)[-1]
    return int(last[:4]) if last[:4].isdigit() else None


def grouped(value: Decimal) -> str:
    """A decimal with thousands separators, keeping its decimals: 7488.0 -> 7,488.0."""
    sign = "-" if value < 0 else ""
    whole, _, frac = format(abs(value), "f").partition(".")
    return f"{sign}{int(whole):,}" + (f".{frac}" if frac else "")
