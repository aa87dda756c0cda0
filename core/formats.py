"""How the tracker writes dates, numbers and people in messages, labels and pages: in the
reader's language (``23.11.2026`` in Turkish and English, ``۱۴۰۵/۰۹/۰۲`` in the Solar Hijri
calendar with Persian digits for Persian readers)."""

from django.utils import timezone, translation
from django.utils.translation import gettext

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


def person(user):
    """A user's full name, else their username; "someone" when there is none."""
    return (user.get_full_name() or user.get_username()) if user else gettext("someone")
