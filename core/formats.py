"""How the tracker writes dates, numbers, yes/no and people in messages, labels and pages:
in the reader's language (``23.11.2026`` in Turkish and English, ``۱۴۰۵/۰۹/۰۲`` in the Solar
Hijri calendar with Persian digits for Persian readers)."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import get_language, get_language_info, gettext

from core.digits import persian_number, to_persian_digits, uses_native_digits
from core.jalali import jalali_text


def _persian_reader(language=None):
    return uses_native_digits(language or translation.get_language())


def in_reader_script(text, language=None):
    """A number, percentage or date already formatted for the language (Latin digits),
    with the digits and separators the reader's script uses."""
    if text is None:
        return ""
    if _persian_reader(language):
        return persian_number(text)
    return str(text)


def local_date(value):
    """``23.11.2026``: a date, or a datetime in the site's time zone; "" for none.
    Persian readers get the Solar Hijri date in Persian digits: ``۱۴۰۵/۰۹/۰۲``."""
    if not value:
        return ""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = timezone.localtime(value)
    if _persian_reader():
        day = value.date() if hasattr(value, "date") else value
        return to_persian_digits(jalali_text(day))
    return value.strftime("%d.%m.%Y")


def local_datetime(value):
    """``23.11.2026 20:52``: a datetime in the site's time zone; "" for none."""
    if not value:
        return ""
    value = timezone.localtime(value)
    if _persian_reader():
        return to_persian_digits(f"{jalali_text(value.date())} {value:%H:%M}")
    return value.strftime("%d.%m.%Y %H:%M")


def decimal_number(value):
    """``3.990`` or ``1.500.000`` for whole amounts, ``242,19`` otherwise: grouped and in
    the reader's language, never ``3990.00``; "" for none."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    places = 0 if value == value.to_integral_value() else 2
    return in_reader_script(
        number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True))


def language_name(code):
    """``Türkçe``/``English`` for ``tr``/``en``, in the reader's language; the code itself
    for a language Django does not know."""
    if not code:
        return ""
    try:
        return gettext(get_language_info(code)["name"])
    except KeyError:
        return dict(settings.LANGUAGES).get(code, code)


def capitalise(text):
    """``text`` with a capital first letter by the active language's rules: Turkish
    "ilçe" → "İlçe", "ıhlamur" → "Ihlamur" (Python's ``capitalize`` gives "Ilçe")."""
    text = str(text)
    if not text:
        return text
    first = text[0]
    if (get_language() or "tr").startswith("tr") and first in "iı":
        first = "İ" if first == "i" else "I"
    return first.upper() + text[1:]


def readable(value):
    """A value as a person reads it: "—" for none, Yes/No, grouped numbers, times in the
    reader's time zone, people by name; anything else unchanged."""
    if value is None or value == "":
        return "—"
    if isinstance(value, AbstractBaseUser):
        return person(value)
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, Decimal):
        return decimal_number(value)
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            return local_datetime(value)
        return in_reader_script(date_format(value, "DATETIME_FORMAT", use_l10n=True))
    if isinstance(value, datetime.date):
        return local_date(value)
    return value


def person(user):
    """A user's full name, else their username; "someone" when there is none."""
    return (user.get_full_name() or user.get_username()) if user else gettext("someone")
