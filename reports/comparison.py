"""What changed between two issued versions of the same report.

A re-issue of a locked period prints the same figures unless the period's own data was
corrected since the last version (an indicator value changed through unlock → edit →
lock, a task or event recorded late but dated inside the period). The new version then
carries a "changes since version N" page: each figure that differs, old → new, and the
rows recorded since version N that are dated inside the period, with who recorded them.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from core.formats import local_date
from core.translation import LANGUAGE_CODES, fallback_marker
from reports.snapshot import ORIGINAL_LANGUAGES
from tracker.models import IndicatorValue, TaskEvent, end_of_day

# Snapshot keys that describe the issue rather than the period: never compared.
METADATA = frozenset({"issued_at", "version", "draft", "title", "changes_since",
                      ORIGINAL_LANGUAGES})
# Keys that name a row of a list, in the order they are tried.
ROW_NAMES = ("code", "institution", "name", "stage", "pillar", "occupation", "dimension",
             "group", "period", "task", "firm_id", "file", "number")
SOURCES_SHOWN = 50


def figures(snapshot):
    """``{path: value}`` for every number or text of ``snapshot`` but its metadata, each
    path readable (``tasks › KTO › done``). A snapshot stored before the report's one
    note on untranslated texts carries a marker after each of them ("… (in Turkish)"):
    read without it, so a re-issue does not list every such title as changed."""
    flat = {}
    markers = ([] if ORIGINAL_LANGUAGES in snapshot
               else [f" {fallback_marker(code)}" for code in LANGUAGE_CODES])

    def unmarked(value):
        if isinstance(value, str):
            for marker in markers:
                value = value.replace(marker, "")
        return value

    def walk(value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                if not path and key in METADATA:
                    continue
                walk(item, (*path, str(key)))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                label = next((unmarked(str(item[key])) for key in ROW_NAMES
                              if isinstance(item, dict) and item.get(key) not in (None, "")),
                             str(index + 1))
                walk(item, (*path, label))
        else:
            flat[" › ".join(path)] = unmarked(value)

    walk(snapshot, ())
    return flat


def compare(old, new):
    """The figures that differ between two snapshots: ``[{"figure", "old", "new"}]``."""
    before, after = figures(old), figures(new)
    return [{"figure": path, "old": before.get(path), "new": after.get(path)}
            for path in sorted(before.keys() | after.keys())
            if before.get(path) != after.get(path)]


def late_sources(report, since):
    """Rows recorded after ``since`` (the previous version's issue) that are dated inside
    the report's period: task events dated back, and indicator values and tasks edited
    (the history log). ``[{"row", "who", "when"}]``, newest first."""
    period = report.period
    start = datetime.datetime.combine(period.start_date, datetime.time.min,
                                      tzinfo=since.tzinfo)
    end = end_of_day(period.end_date)
    rows = []
    for event in (TaskEvent.objects.filter(task__action__goal__pillar__plan__program=report
                                           .program, recorded_at__gt=since, at__gte=start,
                                           at__lt=end)
                  .select_related("task", "by").order_by("-recorded_at")[:SOURCES_SHOWN]):
        rows.append({"row": _("Task “%(task)s”: %(status)s, %(percent)s%% on %(day)s") % {
            "task": event.task.title, "status": event.get_status_display(),
            "percent": event.percent_complete, "day": local_date(event.at)},
            "who": _person(event.by), "when": event.recorded_at.isoformat()})
    values = IndicatorValue.objects.filter(period=period).values_list("pk", flat=True)
    for entry in (ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(IndicatorValue),
                                               object_id__in=[str(pk) for pk in values],
                                               timestamp__gt=since)
                  .select_related("user").order_by("-timestamp")[:SOURCES_SHOWN]):
        rows.append({"row": _("Indicator value %(label)s") % {"label": entry.label},
                     "who": _person(entry.user), "when": entry.timestamp.isoformat()})
    return sorted(rows, key=lambda row: row["when"], reverse=True)[:SOURCES_SHOWN]


def _person(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def previous_version(report):
    """The last issued version of the same report before ``report``, or ``None``."""
    return (type(report).objects.issued()
            .filter(program=report.program_id, kind=report.kind, period=report.period_id,
                    language=report.language, subject_key=report.subject_key,
                    version__lt=report.version)
            .order_by("-version").first())


def changes_since(report, previous, snapshot):
    """The ``changes_since`` part of ``snapshot`` (being drawn for ``report``) against
    ``previous``, the last issued version of the same report."""
    return {"version": previous.version, "issued_at": previous.issued_at.isoformat(),
            "changes": compare(previous.snapshot or {}, snapshot),
            "sources": late_sources(report, previous.issued_at)}
