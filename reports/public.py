"""What the public site may list of the reports: the issued programme and field study
reports a coordinator published, each with its public download address. ``cms`` reads
reports through this module only."""

from django.urls import reverse

from reports.models import Report


def published_reports(program):
    """Published reports of ``program``, newest period first: a list of dicts with
    ``id``, ``title``, ``kind``, ``period``, ``language``, ``issued_at``, ``published_at``,
    ``size`` (bytes), ``pages``, ``sha256`` and ``url`` (the public download)."""
    reports = (Report.objects.published().filter(program=program)
               .select_related("period", "program")
               .order_by("-period__start_date", "kind", "language", "-version"))
    return [{
        "id": report.pk,
        "title": report.title,
        "kind": report.get_kind_display(),
        "period": report.period.label,
        "language": report.language,
        "issued_at": report.issued_at,
        "published_at": report.published_at,
        "size": report.size,
        "pages": report.page_count,
        "sha256": report.sha256,
        "url": reverse("reports:public_download", args=[report.pk]),
    } for report in reports]
