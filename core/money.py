"""Amounts of money as each reader's language writes them, and the currencies the tracker
knows (ISO 4217 codes).

An amount is stored as a plain ``Decimal`` beside the currency of its programme: all the
amounts of one programme share that currency, so a sum is only ever taken inside one
currency (group by the code, never add across codes).

    tr  1.500.000,00 ₺
    en  TRY 1,500,000.00
    fa  ۳٬۰۰۰٬۰۰۰٬۰۰۰ ریال
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.digits import to_persian_digits

NO_AMOUNT = "–"


class Currency(models.TextChoices):
    TRY = "TRY", _("Turkish lira (TRY)")
    IRR = "IRR", _("Iranian rial (IRR)")
    USD = "USD", _("US dollar (USD)")
    EUR = "EUR", _("Euro (EUR)")


# Decimals shown: the rial's minor unit exists on paper but is never written.
DECIMALS = {Currency.TRY: 2, Currency.IRR: 0, Currency.USD: 2, Currency.EUR: 2}
# How a Turkish or Persian reader names the currency after the figure; English readers
# read the ISO code before it.
NAMES = {
    "tr": {Currency.TRY: "₺", Currency.USD: "$", Currency.EUR: "€"},
    "fa": {Currency.IRR: "ریال", Currency.TRY: "لیر", Currency.USD: "دلار",
           Currency.EUR: "یورو"},
}
# (thousands, decimal) separators per language.
SEPARATORS = {"tr": (".", ","), "en": (",", "."), "fa": ("٬", "٫")}



def _language(language):
    code = (language or get_language() or "tr").split("-")[0]
    return code if code in SEPARATORS else "en"


def _grouped(value, decimals, thousands, decimal_mark):
    quantum = Decimal(1).scaleb(-decimals)
    value = Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    whole, _dot, fraction = f"{abs(value):f}".partition(".")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    text = thousands.join([whole, *groups])
    return sign + (f"{text}{decimal_mark}{fraction}" if decimals else text)


def format_money(amount, currency, language=None):
    """``amount`` in ``currency`` (an ISO 4217 code this module knows) as ``language``
    (default: the active language) writes it; "–" when there is no amount."""
    if amount is None or amount == "":
        return NO_AMOUNT
    currency = Currency(currency)
    language = _language(language)
    thousands, decimal_mark = SEPARATORS[language]
    figure = _grouped(amount, DECIMALS[currency], thousands, decimal_mark)
    if language == "en":
        return f"{currency.value} {figure}"
    name = NAMES[language].get(currency, currency.value)
    if language == "fa":
        return f"{to_persian_digits(figure)} {name}"
    return f"{figure} {name}"


def format_totals(totals, language=None):
    """Totals in several currencies (``{code: amount}``), one per currency in the order of
    :class:`Currency`, never added together; zero totals are left out."""
    return [format_money(totals[code], code, language) for code in Currency.values
            if totals.get(code)]
