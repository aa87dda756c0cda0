"""The record of each import: who loaded which file into which programme, what it did."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tracker.access import Role
from tracker.models.programs import Program, programs_for


class ImportRunQuerySet(models.QuerySet):
    def for_user(self, user):
        """Coordinators see the imports of the programmes they coordinate."""
        return self.filter(program__in=programs_for(user, [Role.COORDINATOR]))


class ImportRun(models.Model):
    """One uploaded file: its preview, then (once confirmed) its write.

    The file is kept with its SHA-256 so the write reads exactly the bytes the preview
    showed; ``errors`` holds the rejected rows as ``[row, column, message]``.
    """

    class Status(models.TextChoices):
        PREVIEWING = "previewing", _("Checking the file")
        PREVIEWED = "previewed", _("Ready to confirm")
        REJECTED = "rejected", _("Rejected")
        QUEUED = "queued", _("Waiting for a worker")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    program = models.ForeignKey(Program, verbose_name=_("programme"), on_delete=models.CASCADE,
                                related_name="import_runs")
    kind = models.CharField(_("what"), max_length=40)
    file_name = models.CharField(_("file name"), max_length=255)
    file_path = models.CharField(max_length=255, editable=False)
    file_sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"),
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.PREVIEWING)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    new_count = models.PositiveIntegerField(_("new"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    rejected_count = models.PositiveIntegerField(_("rejected"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    message = models.TextField(_("message"), blank=True)
    language = models.CharField(max_length=10, default="tr", editable=False)

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.file_name} · {self.get_status_display()}"

    @property
    def progress_percent(self):
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))

    @property
    def is_working(self):
        return self.status in (self.Status.PREVIEWING, self.Status.QUEUED, self.Status.RUNNING)
