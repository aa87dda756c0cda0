"""An issued (or draft) progress report: one PDF, or one ZIP of per-firm PDFs, drawn for a
reporting period, with the figures it was drawn from, its checksum and who asked for it.

A report issued for a locked period is a record: once generated it is frozen by the one
freeze rule (``core.freeze``); issuing again makes a new version beside it. A
report for an open period is a draft preview, watermarked and never published.
"""

import datetime
import hashlib
import tempfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from core.formats import local_date, local_datetime, person
from core.freeze import Freezable
from core.storage import reports_storage
from tracker.access import Role
from tracker.models import Institution, Program, ReportingPeriod, institutions_for, programs_for


def report_upload_to(instance, filename):
    return f"{instance.program_id}/{instance.period_id}/{filename}"


class FileCheck(models.TextChoices):
    """What a stored report file is against the checksum taken when it was issued."""

    INTACT = "intact", _("file intact")
    ALTERED = "altered", _("file altered")
    MISSING = "missing", _("file missing")


# Files up to this size are checked in memory; larger ones spill to a temporary file.
CHECKED_COPY_IN_MEMORY = 8 << 20


class ReportQuerySet(models.QuerySet):
    def for_user(self, user):
        """Coordinators read every report of their programmes; a focal point the programme
        reports and its own institution's; a supervisor the field-study reports. Per-firm
        feedback stays with the programme office."""
        coordinated = programs_for(user, [Role.COORDINATOR])
        focal = programs_for(user, [Role.FOCAL_POINT])
        supervised = programs_for(user, [Role.SUPERVISOR])
        return self.filter(
            Q(program__in=coordinated)
            | Q(program__in=focal, kind=Report.Kind.PROGRAMME)
            | Q(kind=Report.Kind.INSTITUTION, institution__in=institutions_for(user))
            | Q(program__in=supervised, kind=Report.Kind.FIELD_STUDY)
        )

    def published(self):
        return self.filter(published_at__isnull=False, status=Report.Status.DONE, draft=False)

    def issued(self):
        return self.filter(status=Report.Status.DONE, draft=False)

    def release_stale(self, now=None):
        """Mark as failed every report still "running" with no sign of life for
        ``REPORTS_STALE_AFTER``: its worker stopped (killed, machine restarted) and nothing
        else would ever finish it. Its coordinator can then issue it again. One UPDATE;
        returns the number released."""
        now = now or timezone.now()
        stale_since = now - settings.REPORTS_STALE_AFTER
        return self.filter(status=Report.Status.RUNNING, heartbeat_at__lt=stale_since).update(
            status=Report.Status.FAILED,
            error=gettext("The worker stopped while drawing this report (no progress since "
                          "%(time)s). Issue it again.") % {"time": local_datetime(stale_since)},
        )


class Report(Freezable, models.Model):
    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("Programme progress report")
        INSTITUTION = "institution", _("Institution report")
        FIELD_STUDY = "field_study", _("Field study report")
        FIRM_FEEDBACK = "firm_feedback", _("Firm feedback report")
        FIRM_FEEDBACK_BUNDLE = "firm_feedback_bundle", _("Feedback reports of all visited firms")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Language(models.TextChoices):
        TURKISH = "tr", _("Turkish")
        ENGLISH = "en", _("English")
        PERSIAN = "fa", _("Persian")

    # Kinds the coordinator may publish to the public site.
    PUBLISHABLE_KINDS = (Kind.PROGRAMME, Kind.FIELD_STUDY)

    program = models.ForeignKey(Program, verbose_name=_("programme"), on_delete=models.PROTECT,
                                related_name="reports")
    kind = models.CharField(_("report"), max_length=30, choices=Kind.choices)
    period = models.ForeignKey(ReportingPeriod, verbose_name=_("reporting period"),
                               on_delete=models.PROTECT, related_name="reports")
    language = models.CharField(_("language"), max_length=2, choices=Language.choices,
                                default=Language.TURKISH)
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="reports")
    firm = models.ForeignKey(
        "fieldvisits.Firm", verbose_name=_("firm"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="reports")
    # "institution:12", "firm:34" or "": one key for the versions of the same report,
    # since a unique constraint does not treat empty foreign keys as equal.
    subject_key = models.CharField(max_length=40, editable=False, default="")
    version = models.PositiveIntegerField(_("version"), editable=False)
    draft = models.BooleanField(
        _("draft"), default=False, editable=False,
        help_text=_("Drawn for an open period: a watermarked preview, not a record."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.QUEUED, editable=False)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0, editable=False)
    # The worker's last sign of life while drawing; a running report silent for long is
    # released as failed (``ReportQuerySet.release_stale``).
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)
    error = models.TextField(_("error"), blank=True, editable=False)
    file = models.FileField(_("file"), storage=reports_storage, upload_to=report_upload_to,
                            blank=True, editable=False)
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True,
                                          editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True, editable=False)
    snapshot = models.JSONField(_("figures drawn"), null=True, blank=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT,
        related_name="+")
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now, editable=False)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True,
                                        editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("published by"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+", editable=False)

    objects = ReportQuerySet.as_manager()

    OPEN_WHEN_FROZEN = frozenset({"published_at", "published_by"})

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "kind", "period", "language", "subject_key", "version"],
                name="unique_report_version"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_progress_0_100"),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(draft=False, status="done"),
                name="only_issued_reports_published"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reports_admin:detail", args=[self.pk])

    @property
    def title(self):
        subject = self.institution or self.firm
        parts = [self.get_kind_display(), self.period.label]
        if subject is not None:
            parts.insert(1, str(subject))
        text = " · ".join(str(part) for part in parts)
        return f"{text} (v{self.version})" if not self.draft else f"{text} ({gettext('draft')})"

    @property
    def is_issued(self):
        return self.status == self.Status.DONE and not self.draft

    @property
    def is_published(self):
        return self.published_at is not None

    @property
    def extension(self):
        return "zip" if self.kind == self.Kind.FIRM_FEEDBACK_BUNDLE else "pdf"

    @property
    def content_type(self):
        return "application/zip" if self.extension == "zip" else "application/pdf"

    def download_name(self):
        subject = ""
        if self.institution_id:
            subject = f"-{self.institution.short_name or self.institution_id}"
        elif self.firm_id:
            subject = f"-firma-{self.firm_id}"
        version = "taslak" if self.draft else f"v{self.version}"
        return (f"{self.program.slug}-{self.kind.replace('_', '-')}{subject}-"
                f"{self.period.label}-{self.language}-{version}.{self.extension}"
                ).replace(" ", "-").replace("/", "-")

    def frozen_message(self):
        if not self.is_issued:
            return None
        return gettext(
            "The report %(report)s was issued on %(date)s and cannot be changed; "
            "issue it again to make a new version."
        ) % {"report": self.title, "date": local_date(self.issued_at)}

    def clean(self):
        super().clean()
        if self.period_id and self.program_id and self.period.program_id != self.program_id:
            raise ValidationError({"period": _("The period belongs to another programme.")})
        if self.kind == self.Kind.INSTITUTION:
            if self.institution_id is None:
                raise ValidationError({"institution": _("Choose the institution to report on.")})
            if self.institution.program_id != self.program_id:
                raise ValidationError(
                    {"institution": _("The institution belongs to another programme.")})
        elif self.institution_id is not None:
            raise ValidationError({"institution": _("Only an institution report names an "
                                                    "institution.")})
        if self.kind == self.Kind.FIRM_FEEDBACK:
            if self.firm_id is None:
                raise ValidationError({"firm": _("Choose the firm to report to.")})
            if self.firm.program_id != self.program_id:
                raise ValidationError({"firm": _("The firm belongs to another programme.")})
        elif self.firm_id is not None:
            raise ValidationError({"firm": _("Only a firm feedback report names a firm.")})

    def subject(self):
        if self.institution_id:
            return f"institution:{self.institution_id}"
        if self.firm_id:
            return f"firm:{self.firm_id}"
        return ""

    def checked_copy(self):
        """``(FileCheck, copy)``: the stored file read once through the storage while its
        SHA-256 is taken, and that very copy (positioned at its start) when it matches
        the checksum stored at issue, so the bytes served are the bytes checked.
        ``copy`` is ``None`` unless the file is intact."""
        if not self.file:
            return FileCheck.MISSING, None
        digest = hashlib.sha256()
        copy = tempfile.SpooledTemporaryFile(max_size=CHECKED_COPY_IN_MEMORY)
        try:
            with self.file.open("rb") as stored:
                for chunk in iter(lambda: stored.read(1 << 16), b""):
                    digest.update(chunk)
                    copy.write(chunk)
        except (FileNotFoundError, OSError):
            copy.close()
            return FileCheck.MISSING, None
        if digest.hexdigest() != self.sha256:
            copy.close()
            return FileCheck.ALTERED, None
        copy.seek(0)
        return FileCheck.INTACT, copy

    def check_file(self):
        """The file's :class:`FileCheck` now."""
        state, copy = self.checked_copy()
        if copy is not None:
            copy.close()
        return state

    # -- state moves of the generation, each a single guarded UPDATE so a worker and a
    # -- request never overwrite each other's state.

    def mark_running(self):
        moved = Report.objects.filter(pk=self.pk, status=self.Status.QUEUED).update(
            status=self.Status.RUNNING, progress=0, error="", heartbeat_at=timezone.now())
        self.refresh_from_db()
        return bool(moved)

    def set_progress(self, percent):
        Report.objects.filter(pk=self.pk, status=self.Status.RUNNING).update(
            progress=max(0, min(100, int(percent))), heartbeat_at=timezone.now())

    def mark_failed(self, error):
        Report.objects.filter(pk=self.pk).exclude(status=self.Status.DONE).update(
            status=self.Status.FAILED, error=error[:4000])
        self.refresh_from_db()

    @transaction.atomic
    def store(self, *, stream, snapshot, page_count=None):
        """Store the generated file read from ``stream`` (a binary file positioned at its
        start) with its checksum and the figures it was drawn from; the report is then
        done and, for a locked period, issued and frozen."""
        locked = Report.objects.select_for_update().get(pk=self.pk)
        if locked.status != self.Status.RUNNING:
            raise ValidationError(gettext("The report is not being generated (%(status)s).")
                                  % {"status": locked.get_status_display()})
        digest = hashlib.sha256()
        size = 0
        for chunk in iter(lambda: stream.read(1 << 16), b""):
            digest.update(chunk)
            size += len(chunk)
        stream.seek(0)
        self.file.save(self.download_name(), stream, save=False)
        self.sha256 = digest.hexdigest()
        self.size = size
        self.page_count = page_count
        self.snapshot = snapshot
        self.status = self.Status.DONE
        self.progress = 100
        # The moment printed on the cover, the footer and in the PDF's metadata.
        issued = (snapshot or {}).get("issued_at")
        self.issued_at = datetime.datetime.fromisoformat(issued) if issued else timezone.now()
        self.save()

    @transaction.atomic
    def publish(self, *, by):
        """Put an issued programme or field-study report on the public site."""
        locked = Report.objects.select_for_update().get(pk=self.pk)
        if not Report.objects.filter(pk=self.pk).for_user(by).exists() \
                or not programs_for(by, [Role.COORDINATOR]).filter(pk=self.program_id).exists():
            raise ValidationError(gettext("Only a coordinator of the programme can publish "
                                          "its reports."))
        if locked.kind not in self.PUBLISHABLE_KINDS:
            raise ValidationError(gettext("Only programme and field study reports can be "
                                          "published."))
        if not locked.is_issued:
            raise ValidationError(gettext("Only an issued report of a locked period can be "
                                          "published; this one is %(state)s.") % {
                "state": gettext("a draft") if locked.draft else locked.get_status_display()})
        if locked.is_published:
            raise ValidationError(gettext("The report was already published on %(date)s by "
                                          "%(who)s.") % {"date": local_date(locked.published_at),
                                                          "who": person(locked.published_by)})
        self.published_at = timezone.now()
        self.published_by = by
        self.save(update_fields=["published_at", "published_by"])
        log(self, "reports.report.publish", user=by)

    @transaction.atomic
    def unpublish(self, *, by):
        locked = Report.objects.select_for_update().get(pk=self.pk)
        if not programs_for(by, [Role.COORDINATOR]).filter(pk=self.program_id).exists():
            raise ValidationError(gettext("Only a coordinator of the programme can withdraw "
                                          "its reports."))
        if not locked.is_published:
            raise ValidationError(gettext("The report is not published."))
        self.published_at = None
        self.published_by = None
        self.save(update_fields=["published_at", "published_by"])
        log(self, "reports.report.unpublish", user=by)
