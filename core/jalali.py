"""The Solar Hijri (Jalali) calendar that Persian readers use: showing a Gregorian date as
``1405/09/15``, reading a typed one back, and the Solar Hijri year as a date range.

Dates are always stored Gregorian; the calendar is only how a Persian reader sees and
types them."""

import datetime
import re

import jdatetime
from django.utils.translation import gettext_lazy

from core.digits import to_latin_digits

MONTH_DAYS = (31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 30, 29)
# 1405/09/15, 1405-9-15 or 1405.09.15, in Persian, Arabic-Indic or Latin digits.
TYPED_DATE = re.compile(r"^\s*(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*$")
# The years the calendar library converts exactly; a typed year outside them is a mistake.
FIRST_YEAR, LAST_YEAR = 1200, 1600
# A typed year below this is a Solar Hijri year (1405), above it a Gregorian one (2026).
LAST_SOLAR_HIJRI_LOOKING_YEAR = 1700
# Solar Hijri leap years: those whose remainder by 33 is one of these (jdatetime's rule);
# the field app's validator (static/field/rules.js) is handed the same list.
LEAP_REMAINDERS = (1, 5, 9, 13, 17, 22, 26, 30)
# What is wrong with a typed date, by reason: shown by the server and, with the same
# words, by the field app's validator.
MESSAGES = {
    "format": gettext_lazy(
        "Enter the date as year/month/day in the Solar Hijri calendar, e.g. 1405/09/15."),
    "year": gettext_lazy("%(year)d is not a Solar Hijri year this calendar covers "
                         "(%(first)d–%(last)d)."),
    "month": gettext_lazy("There is no month %(month)d: a Solar Hijri year has 12 months."),
    "leap": gettext_lazy("%(year)d is not a leap year: Esfand %(year)d has 29 days."),
    "days": gettext_lazy("Month %(month)d of %(year)d has %(days)d days."),
}


class JalaliDateError(ValueError):
    """A typed Solar Hijri date that is not a date; the message says what is wrong."""


def is_leap(year):
    return year % 33 in LEAP_REMAINDERS


def month_length(year, month):
    """Days in ``month`` of Solar Hijri ``year``: Esfand has 30 in a leap year, else 29."""
    if month == 12 and is_leap(year):
        return 30
    return MONTH_DAYS[month - 1]


def to_jalali(value):
    """``(year, month, day)`` of a Gregorian date in the Solar Hijri calendar."""
    shown = jdatetime.date.fromgregorian(date=value)
    return shown.year, shown.month, shown.day


def jalali_text(value):
    """``1405/09/15`` (Latin digits; the caller chooses the script) for a Gregorian date."""
    year, month, day = to_jalali(value)
    return f"{year:04d}/{month:02d}/{day:02d}"


def parse_jalali(text):
    """The Gregorian ``datetime.date`` of a typed Solar Hijri date such as ``1405/09/15``
    (Persian or Latin digits). Raises ``JalaliDateError`` with a reader's message."""
    match = TYPED_DATE.match(to_latin_digits(text or ""))
    if match is None:
        raise JalaliDateError(str(MESSAGES["format"]))
    year, month, day = (int(part) for part in match.groups())
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise JalaliDateError(str(MESSAGES["year"]) % {
            "year": year, "first": FIRST_YEAR, "last": LAST_YEAR})
    if not 1 <= month <= 12:
        raise JalaliDateError(str(MESSAGES["month"]) % {"month": month})
    days = month_length(year, month)
    if not 1 <= day <= days:
        if month == 12 and day == 30:
            raise JalaliDateError(str(MESSAGES["leap"]) % {"year": year})
        raise JalaliDateError(str(MESSAGES["days"]) % {
            "month": month, "year": year, "days": days})
    return jdatetime.date(year, month, day).togregorian()


def looks_solar_hijri(text):
    """True when ``text`` is typed as a Solar Hijri date (``1405/09/15``, any digits): a
    year/month/day whose year is below the Gregorian years in use."""
    match = TYPED_DATE.match(to_latin_digits(text or ""))
    return match is not None and int(match.group(1)) < LAST_SOLAR_HIJRI_LOOKING_YEAR


def solar_year_range(year):
    """``(first day, last day)``, Gregorian, of Solar Hijri ``year``:
    1404 → 21.3.2025–20.3.2026."""
    first = jdatetime.date(year, 1, 1).togregorian()
    last = jdatetime.date(year + 1, 1, 1).togregorian() - datetime.timedelta(days=1)
    return first, last


def solar_year_of(value):
    """The Solar Hijri year a Gregorian date falls in."""
    return to_jalali(value)[0]
