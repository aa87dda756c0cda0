"""Keeping ``ProgrammeSummary`` rows current: one programme's counts are renewed by two
index-backed aggregates over that programme alone, on the writes that change them."""

from django.db.models import Count
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from fieldvisits.models import Assessment, Firm, Visit
from fieldvisits.queries import COMPLETED
from portfolio.models import ProgrammeSummary
from tracker.models import ImportRun, Program


def refresh(program_ids):
    """Recount the summaries of ``program_ids`` (ids of programmes): two queries and one
    write, whatever the number of programmes."""
    ids = [pk for pk in set(program_ids) if pk is not None]
    if not ids:
        return {}
    # An assessment carries its firm's programme: counted by the programme's index, not
    # by joining the programme's firms to every assessment of the installation.
    firms = dict(Assessment.objects.filter(program__in=ids).order_by().values("program")
                 .annotate(assessed=Count("pk")).values_list("program", "assessed"))
    visits = dict(Visit.objects.filter(program__in=ids).order_by().values("program")
                  .annotate(completed=Count("pk", filter=COMPLETED))
                  .values_list("program", "completed"))
    now = timezone.now()
    rows = [ProgrammeSummary(program_id=pk, firms_assessed=firms.get(pk, 0),
                             visits_completed=visits.get(pk, 0), updated_at=now)
            for pk in ids]
    ProgrammeSummary.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["program"],
        update_fields=["firms_assessed", "visits_completed", "updated_at"])
    return {row.program_id: row for row in rows}


def summaries(program_ids):
    """``{program_id: ProgrammeSummary}`` for ``program_ids``; a programme without one yet
    is counted now and kept."""
    found = {row.program_id: row for row in
             ProgrammeSummary.objects.filter(program__in=program_ids)}
    missing = [pk for pk in program_ids if pk not in found]
    return {**found, **refresh(missing)} if missing else found


def _visit_changed(instance, **kwargs):
    refresh([instance.program_id])


def _assessment_changed(instance, **kwargs):
    refresh(Firm.objects.filter(pk=instance.firm_id).values_list("program", flat=True))


def _program_saved(instance, created, **kwargs):
    if created:
        refresh([instance.pk])


def _import_finished(instance, **kwargs):
    # Imports write in batches that send no per-row signal.
    if instance.status == ImportRun.Status.DONE:
        refresh([instance.program_id])


def connect():
    for model, receiver in ((Visit, _visit_changed), (Assessment, _assessment_changed)):
        post_save.connect(receiver, sender=model, dispatch_uid=f"summary-save-{model.__name__}")
        post_delete.connect(receiver, sender=model,
                            dispatch_uid=f"summary-delete-{model.__name__}")
    post_save.connect(_import_finished, sender=ImportRun, dispatch_uid="summary-import")
    post_save.connect(_program_saved, sender=Program, dispatch_uid="summary-program")
