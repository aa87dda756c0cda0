from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from fieldvisits.sectors import nace_label
from fieldvisits.validators import validate_vkn
from tracker.access import FIELD_STUDY_READERS, Role, programs_for
from tracker.models import Program

validate_nace_code = RegexValidator(
    r"^\d{2}\.\d{2}$", _("Enter a NACE Rev.2 class code such as 25.62."), code="nace_format"
)


class FirmQuerySet(models.QuerySet):
    def for_user(self, user):
        """Firms ``user`` may see: the whole programme for coordinators and supervisors,
        only the firms of their own visits for field agents, none for anyone else."""
        readable = self.filter(program__in=programs_for(user, FIELD_STUDY_READERS))
        if user is None or not user.is_authenticated:
            return readable
        own_visits = Visit.objects.filter(
            agent=user, program__in=programs_for(user, [Role.AGENT])
        )
        return self.filter(
            models.Q(pk__in=readable.values("pk")) | models.Q(pk__in=own_visits.values("firm"))
        )


class Firm(models.Model):
    program = models.ForeignKey(
        Program, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="firms"
    )
    tax_number = models.CharField(
        _("tax number (VKN)"), max_length=10, validators=[validate_vkn],
        help_text=_("Ten digits; the last one is a check digit."),
    )
    trade_name = models.CharField(_("trade name"), max_length=255)
    nace_code = models.CharField(
        _("sector (NACE Rev.2)"), max_length=5, validators=[validate_nace_code], db_index=True
    )
    district = models.CharField(_("district"), max_length=60, db_index=True)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    is_exporter = models.BooleanField(_("exporter"), default=False)

    objects = FirmQuerySet.as_manager()

    class Meta:
        verbose_name = _("firm")
        verbose_name_plural = _("firms")
        ordering = ["trade_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "tax_number"],
                name="unique_firm_tax_number_per_program",
                violation_error_message=_("A firm with this tax number is already registered "
                                          "in this programme."),
            )
        ]

    def __str__(self):
        return self.trade_name

    @property
    def sector_label(self):
        return nace_label(self.nace_code)


class VisitQuerySet(models.QuerySet):
    def for_user(self, user):
        """Visits ``user`` may see: the programme's for coordinators and supervisors,
        their own for field agents, none for anyone else."""
        readable = models.Q(program__in=programs_for(user, FIELD_STUDY_READERS))
        if user is not None and user.is_authenticated:
            readable |= models.Q(agent=user, program__in=programs_for(user, [Role.AGENT]))
        return self.filter(readable)

    def completed(self):
        return self.filter(status__in=Visit.COMPLETED_STATUSES)


class Visit(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        SCHEDULED = "scheduled", _("Scheduled")
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")
        CANCELLED = "cancelled", _("Cancelled")
        NO_SHOW = "no_show", _("No-show")

    # A visit counts as done on site once the agent has submitted it.
    COMPLETED_STATUSES = (Status.SUBMITTED, Status.APPROVED)

    program = models.ForeignKey(
        Program, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="visits"
    )
    firm = models.ForeignKey(
        Firm, verbose_name=_("firm"), on_delete=models.PROTECT, related_name="visits"
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("field agent"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="assigned_visits",
    )
    scheduled_date = models.DateField(_("scheduled date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED,
        db_index=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["scheduled_date", "pk"]
        indexes = [models.Index(fields=["program", "status"])]

    def __str__(self):
        return f"{self.firm} · {self.scheduled_date or _('unscheduled')}"

    def clean(self):
        if self.firm_id and self.program_id and self.firm.program_id != self.program_id:
            raise ValidationError({"firm": _("The firm belongs to another programme.")})
