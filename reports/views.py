"""Report files are handed out here only: to a signed-in user through ``for_user``, and to
anyone for a report the coordinator published. No media URL serves them."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from reports.models import Report


def _file_response(report, *, attachment):
    if not report.file:
        raise Http404("The report has no file yet.")
    response = FileResponse(report.file.open("rb"), as_attachment=attachment,
                            filename=report.download_name(), content_type=report.content_type)
    response["X-Content-SHA256"] = report.sha256
    response["Cache-Control"] = "private, no-store" if not report.is_published else "public"
    return response


@login_required
def download(request, pk):
    """A generated report for someone ``Report.objects.for_user`` lets read it."""
    report = get_object_or_404(
        Report.objects.for_user(request.user).filter(status=Report.Status.DONE)
        .select_related("program", "period", "institution"), pk=pk)
    return _file_response(report, attachment=True)


def public_download(request, pk):
    """A report the coordinator published: open to everyone, shown in the browser."""
    report = get_object_or_404(Report.objects.published().select_related(
        "program", "period", "institution"), pk=pk)
    return _file_response(report, attachment=False)
