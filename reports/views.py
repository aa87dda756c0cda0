"""Report files are handed out here only: to a signed-in user through ``for_user``, and to
anyone for a report the coordinator published. No media URL serves them.

Every download is checked first: the stored file is read once, its SHA-256 compared with
the one taken at issue, and only that checked copy is sent. A file that changed is
refused with 409, a file that is gone with 410; both are logged and show on the report's
admin page."""

import logging

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail.log_actions import log

from reports.models import FileCheck, Report

logger = logging.getLogger(__name__)

REFUSED_STATUS = {FileCheck.ALTERED: 409, FileCheck.MISSING: 410}


def _file_response(request, report, *, attachment):
    if report.status != Report.Status.DONE:
        raise Http404("The report has no file yet.")
    state, copy = report.checked_copy()
    if copy is None:
        logger.error("Report %s refused for download: %s (stored SHA-256 %s)",
                     report.pk, state, report.sha256)
        user = request.user if request.user.is_authenticated else None
        log(report, "reports.report.file_refused", user=user, data={"check": state.value})
        return TemplateResponse(request, "reports/file_refused.html",
                                {"report": report, "check": state, "altered":
                                 state == FileCheck.ALTERED},
                                status=REFUSED_STATUS[state])
    response = FileResponse(copy, as_attachment=attachment, filename=report.download_name(),
                            content_type=report.content_type)
    response["X-Content-SHA256"] = report.sha256
    response["Cache-Control"] = "private, no-store" if not report.is_published else "public"
    return response


@login_required
def download(request, pk):
    """A generated report for someone ``Report.objects.for_user`` lets read it."""
    report = get_object_or_404(
        Report.objects.for_user(request.user).filter(status=Report.Status.DONE)
        .select_related("program", "period", "institution"), pk=pk)
    return _file_response(request, report, attachment=True)


def public_download(request, pk):
    """A report the coordinator published: open to everyone, shown in the browser."""
    report = get_object_or_404(Report.objects.published().select_related(
        "program", "period", "institution"), pk=pk)
    return _file_response(request, report, attachment=False)
