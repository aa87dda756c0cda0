"""The part of every report's snapshot that names what it is: programme, period, issue
time, version. A report's PDF is drawn from its snapshot alone, so the figures stored
beside an issued file are exactly the ones printed in it.

Texts that fell back to another language are stored with their marker ("… (in Turkish)",
:func:`marked`): JSON keeps no language of a text, so the snapshot holds them as printed."""

import datetime

from django.utils import timezone

from core.translation import TranslatedText, with_marker


def as_of(period):
    """The day the report's figures are judged on: the period's last day, or today while
    the period is still running (a draft preview)."""
    return min(period.end_date, timezone.localdate())


def start_of_day(value):
    """The first moment of ``value`` in the current time zone."""
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time.min))


def marked(value):
    """``value`` (a snapshot or a part of it) with every text that fell back to another
    language (a :class:`~core.translation.TranslatedText`) as printed, followed by its
    marker, so a PDF drawn again from the stored JSON, and whoever reads it, still tell
    which texts are not in the report's language."""
    if isinstance(value, dict):
        return {key: marked(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [marked(item) for item in value]
    if isinstance(value, TranslatedText):
        return with_marker(value)
    return value


def base_snapshot(report, title):
    return {
        "kind": report.kind,
        "title": str(title),
        "programme": with_marker(report.program.name),
        # The document's metadata name the programme as it is, without the printed marker.
        "programme_name": str(report.program.name),
        "period": report.period.label,
        "period_start": report.period.start_date.isoformat(),
        "period_end": report.period.end_date.isoformat(),
        "as_of": as_of(report.period).isoformat(),
        "issued_at": timezone.now().isoformat(),
        "version": report.version,
        "draft": report.draft,
        "language": report.language,
    }


def number(value):
    """A database number as a JSON-ready one: whole numbers stay whole."""
    if value is None:
        return None
    value = float(value)
    return int(value) if value.is_integer() else round(value, 2)


def day(value):
    return value.isoformat() if isinstance(value, datetime.date) else None
