"""Requesting a report: checks who asks and for what, numbers the version and queues the
generation, in one transaction."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from reports.jobs import generate_report
from reports.models import Report
from tracker.access import Role
from tracker.models import ReportingPeriod, programs_for


@transaction.atomic
def request_report(*, program, kind, period, by, language="tr", institution=None, firm=None):
    """Queue the generation of a ``kind`` report of ``program`` for ``period``.

    Only a coordinator of the programme may ask. For a locked period the report is
    issued as the next version of the same report (earlier versions stay as they are);
    for an open period it is a watermarked draft preview. Returns the new report.
    """
    if not programs_for(by, [Role.COORDINATOR]).filter(pk=program.pk).exists():
        raise PermissionDenied(_("Only a coordinator of the programme can issue its reports."))
    # The period's row lock orders concurrent requests: the lock decision (issued or
    # draft) and the version number are taken on the row as it is now.
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    report = Report(program=program, kind=kind, period=period, language=language,
                    institution=institution, firm=firm, requested_by=by,
                    draft=not period.is_locked)
    report.subject_key = report.subject()
    report.version = 0
    report.full_clean(exclude=["version", "file"])
    latest = Report.objects.filter(
        program=program, kind=kind, period=period, language=language,
        subject_key=report.subject_key).aggregate(n=Max("version"))["n"]
    report.version = (latest or 0) + 1
    report.save()
    log(report, "reports.report.issue", user=by)
    generate_report.enqueue(report.pk)
    return Report.objects.get(pk=report.pk)

