"""A firm's vacancy, posted by its zone's staff or the programme office."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.translation import translated
from fieldvisits.models import Firm, Visit
from zones.models.occupations import Occupation
from zones.models.zones import Zone, zones_for


class VacancyQuerySet(models.QuerySet):
    def for_user(self, user):
        """Vacancies of the zones ``user`` keeps (their own zone for zone staff, every
        zone of the programme for its office)."""
        return self.filter(zone__in=zones_for(user))

    def public(self, today=None):
        """What the public may read: published with the firm's agreement, open, not closed."""
        today = today or timezone.localdate()
        return self.filter(published=True, status=Vacancy.Status.OPEN).filter(
            Q(closing_date__isnull=True) | Q(closing_date__gte=today))


class Vacancy(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        FILLED = "filled", _("Filled")
        CLOSED = "closed", _("Closed")

    class Shift(models.TextChoices):
        DAY = "day", _("Day shift")
        SHIFTS = "shifts", _("Rotating shifts")
        NIGHT = "night", _("Night shift")

    zone = models.ForeignKey(Zone, verbose_name=_("zone"), on_delete=models.PROTECT,
                             related_name="vacancies")
    firm = models.ForeignKey(Firm, verbose_name=_("firm"), on_delete=models.PROTECT,
                             related_name="vacancies")
    occupation = models.ForeignKey(Occupation, verbose_name=_("occupation"),
                                   on_delete=models.PROTECT, related_name="vacancies")
    positions = models.PositiveSmallIntegerField(_("people wanted"), default=1,
                                                 validators=[MinValueValidator(1)])
    qualifications_tr = models.TextField(_("qualifications (Turkish)"), blank=True)
    qualifications_en = models.TextField(_("qualifications (English)"), blank=True)
    qualifications_fa = models.TextField(_("qualifications (Persian)"), blank=True)
    qualifications = translated("qualifications")
    certificates_wanted = models.CharField(
        _("certificates wanted"), max_length=200, blank=True,
        help_text=_("Comma-separated, e.g. “MYK welding, forklift”."))
    shift = models.CharField(_("shift"), max_length=10, choices=Shift.choices,
                             default=Shift.DAY)
    closing_date = models.DateField(_("closing date"), null=True, blank=True)
    published = models.BooleanField(
        _("published with the firm's agreement"), default=False,
        help_text=_("Tick only when the firm agreed that this vacancy appears on the public "
                    "site."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    source_visit = models.ForeignKey(Visit, verbose_name=_("from the visit"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("posted by"),
                                  null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    filled_at = models.DateTimeField(_("filled"), null=True, blank=True)

    objects = VacancyQuerySet.as_manager()

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["zone", "status", "published"])]

    def __str__(self):
        return f"{self.occupation.label} · {self.firm}"
