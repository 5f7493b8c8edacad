from __future__ import annotations

from decimal import Decimal

import pint
import pytest

from tradedash.extract.units import NoRate, convert_currency, decimal_text, quantity, registry


def test_registry_is_ours_and_cached() -> None:
    ureg = registry()
    assert ureg is registry()
    assert "meter" not in ureg  # an empty registry plus data/units.txt, not pint's default
    assert quantity(Decimal("1.99"), "CNY") * ureg("万 * 亿") == quantity(Decimal("1990000000000"), "CNY")


def test_decimal_magnitudes_are_exact() -> None:
    q = quantity(Decimal("17.17"), "亿 * CNY").to("CNY")
    assert q.magnitude == Decimal("1717000000")
    assert decimal_text(q.magnitude) == "1717000000"


def test_currencies_never_convert_through_pint() -> None:
    with pytest.raises(pint.DimensionalityError):
        quantity(Decimal(1), "CNY").to("USD")


def test_percent_and_percentage_points_are_apart() -> None:
    with pytest.raises(pint.DimensionalityError):
        quantity(Decimal("9.6"), "percentage_point").to("percent")


def test_conversion_uses_a_dated_rate_and_says_so() -> None:
    converted = convert_currency(Decimal("820000000"), "USD", "CNY", 2022)
    assert converted.value == Decimal("820000000") * Decimal("6.7261")
    assert converted.unit == "CNY"
    assert "converted at 6.7261" in converted.note and "2022" in converted.note
    back = convert_currency(Decimal("6.7261"), "CNY", "USD", 2022)
    assert back.value == Decimal(1)
    with pytest.raises(NoRate):
        convert_currency(Decimal(1), "USD", "CNY", 2024)  # not confirmed: no rate rather than a guess


@pytest.mark.parametrize(("value", "text"), [
    (Decimal("1.99E+12"), "1990000000000"), (Decimal("17.30"), "17.3"), (Decimal("-14.40"), "-14.4"),
    (Decimal("0"), "0"), (Decimal("0.05"), "0.05")])
def test_decimal_text(value: Decimal, text: str) -> None:
    assert decimal_text(value) == text
