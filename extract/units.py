"""Units: one pint registry built from our own definitions, and currency conversion by rate.

pint's default registry costs about 0.14 s to build and knows nothing of 亿元; an
empty registry loaded from ``data/units.txt`` builds in about 15 ms. Magnitudes are
Decimal so 17.17亿 is 1717000000 exactly. CNY and USD are separate dimensions:
converting between them is never a unit conversion but a rate from
``data/rates.csv`` with its year, and a converted value says so.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from ..data import data_file

if TYPE_CHECKING:
    import pint


@cache
def registry() -> pint.UnitRegistry:
    """The cached registry: the only global state of the project."""
    import pint  # on first use: pint and numpy cost about 0.3 s to import, and most runs never convert

    ureg: pint.UnitRegistry = pint.UnitRegistry(None, non_int_type=Decimal, autoconvert_offset_to_baseunit=False)
    with data_file("units.txt").open(encoding="utf-8") as handle:
        ureg.load_definitions(handle.read().splitlines())
    return ureg


def quantity(value: Decimal, unit: str) -> pint.Quantity:
    """A fact's value as a pint Quantity in its base unit."""
    return registry().Quantity(Decimal(value), unit)


def decimal_text(value: Decimal) -> str:
    """Exact, plain decimal text: Decimal('1990000000000.00') -> '1990000000000'."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


@dataclass(frozen=True)
class Rate:
    year: int
    base: str
    quote: str
    rate: Decimal
    source: str


@dataclass(frozen=True)
class Converted:
    """A value converted between currencies: never mistaken for a published figure."""

    value: Decimal
    unit: str
    rate: Rate

    @property
    def note(self) -> str:
        return f"converted at {self.rate.rate} {self.rate.quote}/{self.rate.base} ({self.rate.year} annual average)"


class NoRate(LookupError):
    pass


@cache
def rates() -> dict[tuple[int, str, str], Rate]:
    text = data_file("rates.csv").read_text(encoding="utf-8")
    table: dict[tuple[int, str, str], Rate] = {}
    for row in csv.DictReader(io.StringIO(text)):
        rate = Rate(int(row["year"]), row["base"], row["quote"], Decimal(row["rate"]), row["source"])
        table[(rate.year, rate.base, rate.quote)] = rate
    return table


def convert_currency(value: Decimal, unit: str, to: str, year: int) -> Converted:
    """Convert an amount with the annual average rate of ``year``; NoRate when none is known."""
    if unit == to:
        raise ValueError(f"{unit} is already {to}")
    table = rates()
    if (rate := table.get((year, unit, to))) is not None:
        return Converted(Decimal(value) * rate.rate, to, rate)
    if (rate := table.get((year, to, unit))) is not None:
        return Converted(Decimal(value) / rate.rate, to, rate)
    raise NoRate(f"no {unit}/{to} rate for {year} in data/rates.csv")
