"""How the tracker writes dates and people in messages and labels."""

from django.utils import timezone
from django.utils.translation import gettext


def local_date(value):
    """``23.11.2026``: a date, or a datetime in the site's time zone; "" for none."""
    if not value:
        return ""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = timezone.localtime(value)
    return value.strftime("%d.%m.%Y")


def local_datetime(value):
    """``23.11.2026 20:52``: a datetime in the site's time zone; "" for none."""
    if not value:
        return ""
    return timezone.localtime(value).strftime("%d.%m.%Y %H:%M")


def person(user):
    """A user's full name, else their username; "someone" when there is none."""
    return (user.get_full_name() or user.get_username()) if user else gettext("someone")
