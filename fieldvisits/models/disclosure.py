"""The suppression pattern of each day a programme's protected tables were computed for."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DisclosurePattern(models.Model):
    """The cells hidden in a programme's protected tables as of a day.

    Kept so that a later day hides every cell an earlier day hid: figures grow period
    after period, and a cell shown now but hidden before would be found by differencing
    (``fieldvisits.published``). Never edited by hand; a row only ever gains cells."""

    program = models.ForeignKey("tracker.Program", verbose_name=_("programme"),
                                on_delete=models.CASCADE, related_name="+")
    as_of = models.DateField(_("as of"))
    hidden = models.JSONField(_("hidden cells"), default=list)

    class Meta:
        verbose_name = _("disclosure pattern")
        verbose_name_plural = _("disclosure patterns")
        constraints = [models.UniqueConstraint(fields=["program", "as_of"],
                                               name="disclosure_pattern_once_a_day")]

    def __str__(self):
        return f"{self.program_id} {self.as_of}"
