"""Drawing a requested report: collect its figures (the snapshot), lay the PDF out from
them, and store file, checksum and snapshot on the report row. Runs in the worker through
``reports.jobs``; the per-firm bundle streams one PDF at a time into a ZIP on disk, so
its memory stays flat however many firms were visited, and the PDFs are drawn in
``REPORTS_BUNDLE_PROCESSES`` helper processes side by side."""

import collections
import hashlib
import io
import logging
import multiprocessing
import tempfile
import zipfile
from concurrent.futures import ProcessPoolExecutor

import django
from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from core.logs import bind_log_context
from reports import field_study, firm_feedback, institution, programme
from reports.comparison import changes_since, previous_version
from reports.models import Report
from reports.snapshot import base_snapshot, stored

logger = logging.getLogger(__name__)

MODULES = {
    Report.Kind.PROGRAMME: programme,
    Report.Kind.INSTITUTION: institution,
    Report.Kind.FIELD_STUDY: field_study,
    Report.Kind.FIRM_FEEDBACK: firm_feedback,
}
# How often (in firms) the bundle writes its progress to the report row.
PROGRESS_EVERY = 10


def generate(report_id):
    """Generate the report ``report_id`` if it is still queued; returns the report."""
    report = Report.objects.select_related("program", "period", "institution", "firm").get(
        pk=report_id)
    bind_log_context(programme=report.program.slug)
    if not report.mark_running():
        return report
    try:
        with translation.override(report.language):
            if report.kind == Report.Kind.FIRM_FEEDBACK_BUNDLE:
                with tempfile.TemporaryFile() as spool:
                    snapshot = stored(write_bundle(report, spool))
                    spool.seek(0)
                    report.store(stream=spool, snapshot=snapshot)
            else:
                module = MODULES[report.kind]
                snapshot = stored(module.collect(report, progress=report.set_progress))
                previous = None if report.draft else previous_version(report)
                if previous is not None:
                    snapshot["changes_since"] = changes_since(report, previous, snapshot)
                report.set_progress(80)
                buffer = io.BytesIO()
                pages = module.render(snapshot, buffer)
                buffer.seek(0)
                report.store(stream=buffer, snapshot=snapshot, page_count=pages)
    except Exception as error:  # the admin shows the failure; the worker carries on
        logger.exception("Report %s failed", report_id)
        report.mark_failed(f"{type(error).__name__}: {error}")
    notify(report)
    return report


def write_bundle(report, out):
    """Every visited firm's feedback report as one ZIP written to ``out``, one PDF after
    another: at most a few PDFs are in memory at once, however many firms were visited.
    Returns the bundle's snapshot: per file its firm, pages, size and SHA-256."""
    context = firm_feedback.shared_context(report)
    firms = list(firm_feedback.visited_firms(report.program, report.period)
                 .values_list("pk", flat=True))
    snapshot = base_snapshot(report, _("Feedback reports of all visited firms"))
    snapshots = firm_feedback.collect_firms(report, firms, context)
    files = []
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for index, (firm_id, name, pages, data) in enumerate(
                rendered(snapshots, settings.REPORTS_BUNDLE_PROCESSES), start=1):
            bundle.writestr(name, data)
            files.append({"file": name, "firm_id": firm_id, "pages": pages, "size": len(data),
                          "sha256": hashlib.sha256(data).hexdigest()})
            if index % PROGRESS_EVERY == 0:
                report.set_progress(round(95 * index / len(firms)))
    snapshot["files"] = files
    return snapshot


def render_firm(snapshot):
    """One firm's feedback PDF drawn from its snapshot: ``(firm id, file name, pages,
    bytes)``. Needs no database, so it also runs in a helper process."""
    with translation.override(snapshot["language"]):
        buffer = io.BytesIO()
        pages = firm_feedback.render(snapshot, buffer)
    return snapshot["firm"]["id"], firm_feedback.file_name(snapshot), pages, buffer.getvalue()


def rendered(snapshots, processes):
    """The PDFs of ``snapshots`` in their order. With more than one process, PDFs are
    drawn side by side in helper processes, with no more than two per process in flight,
    so memory stays bounded while the cores are kept busy."""
    if processes <= 1:
        yield from map(render_firm, snapshots)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(processes, mp_context=context, initializer=django.setup) as pool:
        pending = collections.deque()
        for snapshot in snapshots:
            pending.append(pool.submit(render_firm, snapshot))
            if len(pending) >= 2 * processes:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def notify(report):
    """Tell the person who asked that the report is ready (or why it failed)."""
    user = report.requested_by
    if not user.email:
        return
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + report.get_absolute_url()
    with translation.override(report.language):
        if report.status == Report.Status.DONE:
            subject = _("Report ready: %(title)s") % {"title": report.title}
            body = _("The report you asked for is ready to download:\n%(link)s") % {"link": link}
        else:
            subject = _("Report failed: %(title)s") % {"title": report.title}
            body = _("The report could not be generated: %(error)s\n%(link)s") % {
                "error": report.error, "link": link}
    send_mail(subject, body, None, [user.email], fail_silently=True)
