"""Amounts read as each language writes them, with the currency's own minor unit."""

from decimal import Decimal

import pytest

from core.money import format_money, format_totals


@pytest.mark.parametrize(("language", "expected"), [
    ("tr", "1.500.000,00 ₺"),
    ("en", "TRY 1,500,000.00"),
    ("fa", "۱٬۵۰۰٬۰۰۰٫۰۰ لیر"),
])
def test_lira_in_each_language(language, expected):
    assert format_money(Decimal("1500000"), "TRY", language) == expected


@pytest.mark.parametrize(("language", "expected"), [
    ("fa", "۳٬۰۰۰٬۰۰۰٬۰۰۰ ریال"),
    ("en", "IRR 3,000,000,000"),
    ("tr", "3.000.000.000 IRR"),
])
def test_rial_shows_no_minor_unit(language, expected):
    assert format_money(Decimal("3000000000.40"), "IRR", language) == expected


def test_cents_are_rounded_half_up():
    assert format_money(Decimal("0.125"), "TRY", "tr") == "0,13 ₺"


def test_no_amount_is_a_dash_not_none():
    assert format_money(None, "TRY", "en") == "–"


def test_an_unknown_currency_is_refused():
    with pytest.raises(ValueError, match="'XYZ' is not a valid Currency"):
        format_money(Decimal("1"), "XYZ", "en")


def test_totals_are_one_line_per_currency():
    totals = {"IRR": Decimal("3000000000"), "TRY": Decimal("1500000"), "USD": Decimal("0")}
    assert format_totals(totals, "en") == ["TRY 1,500,000.00", "IRR 3,000,000,000"]
