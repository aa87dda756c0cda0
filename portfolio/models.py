"""Per-programme figures the national pages read instead of counting every firm.

The portfolio and the national dashboard compare every programme on each load; counting
the assessed firms and completed visits of 81 programmes (160,000 firms) there would
grow with the installation. Each programme's counts are kept here, renewed when a visit
or an assessment of that programme is saved or deleted and when an import finishes
(``portfolio.summaries``), and rebuilt by ``manage.py refresh_national_summaries``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeSummary(models.Model):
    program = models.OneToOneField(
        "tracker.Program", verbose_name=_("programme"), on_delete=models.CASCADE,
        primary_key=True, related_name="summary",
    )
    firms_assessed = models.PositiveIntegerField(_("firms assessed"), default=0)
    visits_completed = models.PositiveIntegerField(_("visits completed"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("programme summary")
        verbose_name_plural = _("programme summaries")

    def __str__(self):
        return str(self.program)
