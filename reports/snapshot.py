"""The part of every report's snapshot that names what it is: programme, period, issue
time, version. A report's PDF is drawn from its snapshot alone, so the figures stored
beside an issued file are exactly the ones printed in it.

A text with no translation in the report's language is printed in its original, and the
report says so once, on its cover ("Texts with no English translation are shown in their
original language (Turkish)."), not after every such text. JSON keeps no language of a
text, so the stored snapshot names those languages once (:func:`stored`,
``ORIGINAL_LANGUAGES``). Snapshots stored before then hold each such text with its own
marker ("… (in Turkish)") and are drawn again as they were."""

import datetime

from django.utils import timezone

from core.translation import LANGUAGE_CODES, TranslatedText

# The snapshot key naming the languages of the texts shown in their original.
ORIGINAL_LANGUAGES = "original_languages"


def as_of(period):
    """The day the report's figures are judged on: the period's last day, or today while
    the period is still running (a draft preview)."""
    return min(period.end_date, timezone.localdate())


def start_of_day(value):
    """The first moment of ``value`` in the current time zone."""
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time.min))


def fallback_languages(value):
    """The languages, in ``CONTENT_LANGUAGES`` order, of the texts in ``value`` (a snapshot
    or a part of it) that had no translation in the reader's language and fell back to
    their original: what the report's one note names."""
    found = set()

    def walk(item):
        if isinstance(item, dict):
            for part in item.values():
                walk(part)
        elif isinstance(item, list | tuple):
            for part in item:
                walk(part)
        elif isinstance(item, TranslatedText) and item.fallback:
            found.add(item.language)

    walk(value)
    return [code for code in LANGUAGE_CODES if code in found]


def original_languages(snapshot):
    """The languages the report's note names: as stored, or, for a snapshot just
    collected and not stored yet, found among its texts."""
    if ORIGINAL_LANGUAGES in snapshot:
        return snapshot[ORIGINAL_LANGUAGES]
    return fallback_languages(snapshot)


def stored(snapshot):
    """``snapshot`` as its JSON copy keeps it: every text plain, and under
    ``ORIGINAL_LANGUAGES`` the languages that texts without a translation are shown in,
    so a PDF drawn again from the stored copy prints the same note."""

    def plain(item):
        if isinstance(item, dict):
            return {key: plain(part) for key, part in item.items()}
        if isinstance(item, list | tuple):
            return [plain(part) for part in item]
        if isinstance(item, TranslatedText):
            return str(item)
        return item

    return {**plain(snapshot), ORIGINAL_LANGUAGES: fallback_languages(snapshot)}


def titled(text, value):
    """``text`` built around ``value`` (a code and a title, a title and a date) in
    ``value``'s language, so a title that fell back still counts for the report's note."""
    if isinstance(value, TranslatedText):
        return TranslatedText(text, value.language, value.fallback)
    return text


def base_snapshot(report, title):
    return {
        "kind": report.kind,
        "title": str(title),
        "programme": report.program.name,
        # The document's metadata name; reports stored before the one note printed the
        # programme with its marker and kept the bare name here.
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
