"""Industrial zones of a programme, the firms in them and the staff who keep them."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.translation import translated
from fieldvisits.models import Firm
from tracker.access import Role
from tracker.models import Program, programs_for

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]
# The programme office: reads and keeps every zone of its programme.
OFFICE_ROLES = (Role.COORDINATOR, Role.SUPERVISOR)
ZONE_STAFF_GROUP = "Zone staff"


def zones_for(user):
    """Zones ``user`` may see and keep: every zone of the programmes where they work in the
    programme office, and the zones whose staff they are."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Zone.objects.none()
    return Zone.objects.filter(
        Q(program__in=programs_for(user, OFFICE_ROLES))
        | Q(pk__in=ZoneMembership.objects.filter(user=user).values("zone"))
    )


class ZoneQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(pk__in=zones_for(user).values("pk"))


class Zone(models.Model):
    class Kind(models.TextChoices):
        OSB = "osb", _("Organised industrial zone (OSB)")
        SMALL_INDUSTRY = "small_industry", _("Small-industry site")

    class FiguresSource(models.TextChoices):
        ZONE = "zone", _("Reported by the zone management")
        FIRMS = "firms", _("Computed from the firms' records")

    program = models.ForeignKey(Program, verbose_name=_("programme"), on_delete=models.PROTECT,
                                related_name="zones")
    name_tr = models.CharField(_("name (Turkish)"), max_length=160)
    name_en = models.CharField(_("name (English)"), max_length=160, blank=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=160, blank=True)
    name = translated("name")
    slug = models.SlugField(_("slug"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OSB)
    province = models.CharField(_("province"), max_length=60)
    district = models.CharField(_("district"), max_length=60)
    description_tr = models.TextField(_("profile (Turkish)"), blank=True)
    description_en = models.TextField(_("profile (English)"), blank=True)
    description_fa = models.TextField(_("profile (Persian)"), blank=True)
    description = translated("description")
    management_contact = models.CharField(_("management contact"), max_length=200, blank=True)
    founded = models.PositiveSmallIntegerField(
        _("founded (year)"), null=True, blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)])
    area_hectares = models.DecimalField(_("area (hectares)"), max_digits=9, decimal_places=1,
                                        null=True, blank=True)
    # The zone's own figures, as its management reports them, with their source stated.
    reported_firms = models.PositiveIntegerField(_("firms (reported)"), null=True, blank=True)
    reported_employees = models.PositiveIntegerField(_("employees (reported)"), null=True,
                                                     blank=True)
    reported_exports_usd = models.DecimalField(_("yearly exports (USD, reported)"),
                                               max_digits=16, decimal_places=0, null=True,
                                               blank=True)
    reported_capacity_use_pct = models.PositiveSmallIntegerField(
        _("capacity use % (reported)"), null=True, blank=True, validators=PERCENT)
    reported_export_share_pct = models.PositiveSmallIntegerField(
        _("exports as % of turnover (reported)"), null=True, blank=True, validators=PERCENT)
    reported_import_share_pct = models.PositiveSmallIntegerField(
        _("imports as % of turnover (reported)"), null=True, blank=True, validators=PERCENT)
    figures_source = models.CharField(_("source of the figures"), max_length=10,
                                      choices=FiguresSource.choices, default=FiguresSource.ZONE)
    figures_source_note_tr = models.CharField(
        _("source note (Turkish)"), max_length=200, blank=True,
        help_text=_("Who reported the figures and for which year, e.g. “Zone management, 2025 "
                    "annual report”."))
    figures_source_note_en = models.CharField(_("source note (English)"), max_length=200,
                                              blank=True)
    figures_source_note_fa = models.CharField(_("source note (Persian)"), max_length=200,
                                              blank=True)
    figures_source_note = translated("figures_source_note")

    objects = ZoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("industrial zone")
        verbose_name_plural = _("industrial zones")
        ordering = ["name_tr"]
        constraints = [
            models.UniqueConstraint(fields=["program", "slug"], name="unique_zone_slug"),
        ]

    def __str__(self):
        return self.name


class ZoneFirmQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(zone__in=zones_for(user))


class ZoneFirm(models.Model):
    """A firm's place in a zone: one row per firm at most (the firm's one zone)."""

    zone = models.ForeignKey(Zone, verbose_name=_("zone"), on_delete=models.CASCADE,
                             related_name="firm_rows")
    firm = models.OneToOneField(Firm, verbose_name=_("firm"), on_delete=models.CASCADE,
                                related_name="zone_row")

    objects = ZoneFirmQuerySet.as_manager()

    class Meta:
        verbose_name = _("firm in a zone")
        verbose_name_plural = _("firms in zones")

    def __str__(self):
        return f"{self.firm} · {self.zone}"


class ZoneMembershipQuerySet(models.QuerySet):
    def for_user(self, user):
        """The programme office manages who works for its zones."""
        return self.filter(zone__program__in=programs_for(user, [Role.COORDINATOR]))


class ZoneMembership(models.Model):
    """A zone staff member: keeps one zone's data and its firms' vacancies."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"),
                             on_delete=models.CASCADE, related_name="zone_memberships")
    zone = models.ForeignKey(Zone, verbose_name=_("zone"), on_delete=models.CASCADE,
                             related_name="memberships")

    objects = ZoneMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("zone staff member")
        verbose_name_plural = _("zone staff")
        constraints = [models.UniqueConstraint(fields=["user", "zone"],
                                               name="unique_zone_membership")]

    def __str__(self):
        return f"{self.user} · {self.zone}"
