"""Figures of the portfolio as the reader's language writes them: ``3.751`` and ``%62``
in Turkish, ``3,751`` and ``62%`` in English, ``۳٬۷۵۱`` and ``۶۲٪`` in Persian; "–" where
there is no figure."""

from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext

from core.formats import in_reader_script

NO_FIGURE = "–"


def number(value):
    """A count or an amount, with decimals only where the value has them (up to two)."""
    if value is None or value == "":
        return NO_FIGURE
    value = Decimal(str(value))
    if value != value.to_integral_value():
        return in_reader_script(formats.number_format(
            value.quantize(Decimal("0.01")).normalize(), None, use_l10n=True,
            force_grouping=True))
    return in_reader_script(formats.number_format(int(value), 0, use_l10n=True,
                                                  force_grouping=True))


def percent(value):
    if value is None or value == "":
        return NO_FIGURE
    return in_reader_script(gettext("%(value)d%%") % {"value": round(value)})


def share(done, target):
    """Percentage 0–100 of ``done`` against ``target``, capped at 100; ``None`` without a
    target."""
    if not target:
        return None
    return min(100, round(100 * done / target))
