"""Cell values as people type them, and CSV cells made safe for spreadsheets."""

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

# A CSV cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """``value`` for a CSV cell: text that a spreadsheet would run as a formula gets a
    leading apostrophe, which spreadsheets show as text. Numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def restore_formula(text):
    """The inverse of :func:`neutralise_formula` for imported text."""
    if isinstance(text, str) and len(text) > 1 and text[0] == "'" \
            and text[1:].startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text


def fold(text):
    """Text for matching: Turkish-aware lower case, single spaces, no dotted-I surprises."""
    text = str(text).replace("I", "ı").replace("İ", "i").lower()
    return " ".join(text.split())


_THOUSANDS_WITH_DOTS = re.compile(r"^\d{1,3}(\.\d{3})+$")


def parse_number(raw):
    """A ``Decimal`` from a cell: a number from XLSX, or text such as "1.234,5", "1234.5",
    "3.751" (Turkish thousands), "%62" or "62 %". Raises ``ValueError`` with a message."""
    if isinstance(raw, bool):
        raise ValueError(_("“%(value)s” is not a number.") % {"value": raw})
    if isinstance(raw, (int, Decimal)):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw))
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "").replace("%", "")
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif "," in text:
        text = text.replace(",", ".") if text.count(",") == 1 else text.replace(",", "")
    elif _THOUSANDS_WITH_DOTS.match(text.lstrip("-")):
        text = text.replace(".", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(_("“%(value)s” is not a number.") % {"value": raw}) from None
    if not number.is_finite():
        raise ValueError(_("“%(value)s” is not a number.") % {"value": raw})
    return number


def is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())
