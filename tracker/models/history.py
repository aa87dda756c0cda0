"""Dated history of the programme's rows that change state outside a workflow (a task's
status and percentage, a milestone's completion): one event row per change, and the read
that gives each row the state it had at the end of a day. Tasks and milestones share both,
so every figure about them is judged as of a day the same way."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def end_of_day(day):
    """The first moment after ``day`` in the current time zone: rows dated before it
    existed "as of" ``day``."""
    return timezone.make_aware(datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time.min))


def start_of_day(day):
    """The first moment of ``day`` in the current time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class DatedEvent(models.Model):
    """The state a row had from ``at`` on. A subclass adds the link to its row and the
    fields of the state it dates."""

    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"),
                           on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    note = models.CharField(_("note"), max_length=200, blank=True)
    # When the row was written, which differs from ``at`` for a change dated back: a
    # re-issued report names such late rows as the source of what changed.
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now,
                                       editable=False)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]


def with_state_as_of(rows, *, events, link, day, fields):
    """``rows`` (a queryset) annotated with the state each row had at the end of ``day``:
    for every ``name: (event_field, initial, output_field)`` of ``fields``, ``name`` is
    ``event_field`` of the row's last event (``events``, linked by ``link``) at or before
    that moment, or ``initial`` when the row had no event by then. One correlated
    subquery per field, each answered from an index on ``(link, at, id, …)``."""
    last = (events.objects.filter(**{link: models.OuterRef("pk")}, at__lt=end_of_day(day))
            .order_by("-at", "-pk"))
    annotations = {}
    for name, (event_field, initial, output_field) in fields.items():
        value = models.Subquery(last.values(event_field)[:1], output_field=output_field)
        annotations[name] = value if initial is None else Coalesce(
            value, models.Value(initial), output_field=output_field)
    return rows.annotate(**annotations)
