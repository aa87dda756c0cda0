"""Indicators: baseline, targets per year or phase, actual values per reporting period.

A coordinator locks a reporting period once its numbers are final; a value in a
locked period refuses every change with a message naming who locked it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.log_actions import log

from core.digits import to_latin_digits
from core.formats import decimal_number, local_date, person
from core.freeze import Freezable
from core.translation import translated
from tracker.access import PLAN_READERS, Role
from tracker.models.plan import Action
from tracker.models.programs import Program, has_role, programs_for
from tracker.models.roadmap import Phase


class IndicatorQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(program__in=programs_for(user, PLAN_READERS)).filter(
            Q(action__isnull=True) | Q(action__in=Action.objects.for_user(user))
        )

    def with_target_and_actual(self, year, as_of=None):
        """Annotate ``target_value`` for ``year`` (an index lookup per row) and fetch each
        indicator's values latest first in one more query, for ``actual_value`` and
        ``actual_period``: two queries whatever the number of indicators. (A subquery per
        row for the latest value sorted every row's values by their period's end: 50 ms
        for the 380 indicators of 81 programmes.)

        With ``as_of`` only values of periods that had ended by then and are locked
        count: an open period's value is provisional and may still change."""
        values = IndicatorValue.objects.select_related("period").order_by(
            "indicator_id", "-period__end_date")
        if as_of is not None:
            values = values.filter(period__end_date__lte=as_of, period__locked_at__isnull=False)
        return self.annotate(
            target_value=Subquery(
                IndicatorTarget.objects.filter(indicator=OuterRef("pk"), year=year)
                .order_by().values("value")[:1]
            ),
        ).prefetch_related(Prefetch("values", queryset=values, to_attr="values_latest_first"))


class Indicator(models.Model):
    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    program = models.ForeignKey(
        Program, verbose_name=_("programme"), on_delete=models.CASCADE,
        related_name="indicators",
    )
    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, null=True,
        blank=True, related_name="indicators",
        help_text=_("Empty for a programme-level indicator."),
    )
    code = models.CharField(_("code"), max_length=20)
    name_tr = models.CharField(_("name (Turkish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=200, blank=True)
    name = translated("name")
    unit_tr = models.CharField(_("unit (Turkish)"), max_length=40)
    unit_en = models.CharField(_("unit (English)"), max_length=40, blank=True)
    unit_fa = models.CharField(_("unit (Persian)"), max_length=40, blank=True)
    unit = translated("unit")
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    baseline_value = models.DecimalField(_("baseline value"), max_digits=16, decimal_places=2)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"))
    baseline_source_tr = models.CharField(_("baseline source (Turkish)"), max_length=250,
                                          blank=True)
    baseline_source_en = models.CharField(_("baseline source (English)"), max_length=250,
                                          blank=True)
    baseline_source_fa = models.CharField(_("baseline source (Persian)"), max_length=250,
                                          blank=True)
    baseline_source = translated("baseline_source")

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["program", "code"]
        constraints = [
            models.UniqueConstraint(fields=["program", "code"], name="unique_indicator_code")
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def clean(self):
        if self.action_id and self.program_id and self.action.plan.program_id != self.program_id:
            raise ValidationError({"action": _("The action belongs to another programme.")})

    @property
    def latest_value(self):
        """The latest value counted by ``with_target_and_actual``, or ``None``."""
        return self.values_latest_first[0] if self.values_latest_first else None

    @property
    def actual_value(self):
        return self.latest_value.value if self.latest_value else None

    @property
    def actual_period(self):
        return self.latest_value.period.label if self.latest_value else None

    def is_on_target(self, actual, target):
        if actual is None or target is None:
            return None
        return actual >= target if self.direction == self.Direction.HIGHER else actual <= target


class IndicatorChildQuerySet(models.QuerySet):
    """Targets and values of an indicator: visible exactly when the indicator is."""

    def for_user(self, user):
        return self.filter(indicator__in=Indicator.objects.for_user(user))


class IndicatorTarget(models.Model):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    phase = models.ForeignKey(
        Phase, verbose_name=_("phase"), on_delete=models.CASCADE, null=True,
        blank=True, related_name="indicator_targets",
    )
    value = models.DecimalField(_("target value"), max_digits=16, decimal_places=2)

    objects = IndicatorChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        ordering = ["indicator", "year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__isnull=False, phase__isnull=True)
                | Q(year__isnull=True, phase__isnull=False),
                name="target_per_year_or_phase",
            ),
            models.UniqueConstraint(fields=["indicator", "year"], name="unique_target_year"),
            models.UniqueConstraint(fields=["indicator", "phase"], name="unique_target_phase"),
        ]

    def __str__(self):
        return f"{self.indicator.code} · {self.year or self.phase}: {decimal_number(self.value)}"

    def clean(self):
        if (self.year is None) == (self.phase_id is None):
            raise ValidationError(_("Give either a year or a phase for the target."))


class ReportingPeriodQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(program__in=programs_for(user, PLAN_READERS))


class ReportingPeriod(Freezable, models.Model):
    program = models.ForeignKey(
        Program, verbose_name=_("programme"), on_delete=models.CASCADE,
        related_name="reporting_periods",
    )
    label = models.CharField(_("label"), max_length=40)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("locked by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+", editable=False,
    )
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True, editable=False)
    executive_summary = RichTextField(
        _("executive summary"), blank=True, features=["h2", "bold", "italic", "ol", "ul"],
        help_text=_("What the coordinator tells the governor about the period: written "
                    "before the period is locked, printed at the head of its programme "
                    "report and frozen into it when the report is issued."))

    objects = ReportingPeriodQuerySet.as_manager()

    OPEN_WHEN_FROZEN = frozenset({"locked_by", "locked_at"})

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["program", "start_date"]
        constraints = [
            models.UniqueConstraint(fields=["program", "label"], name="unique_period_label"),
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")),
                                   name="period_ends_after_start"),
        ]

    def __str__(self):
        return self.label

    def clean(self):
        """A period labelled with a year of the programme's calendar covers that year."""
        year = _label_year(self.label)
        if year is None or not self.program_id or not (self.start_date and self.end_date):
            return
        first, last = self.program.year_range(year)
        if (self.start_date, self.end_date) != (first, last):
            raise ValidationError({"end_date": gettext(
                "The period is labelled %(year)s, which runs from %(first)s to %(last)s in "
                "the programme's calendar; correct the dates or the label.") % {
                    "year": self.label, "first": local_date(first), "last": local_date(last)}})

    @classmethod
    def for_year(cls, program, year):
        """An unsaved period covering ``year`` of ``program``'s calendar, labelled with the
        year: Solar Hijri 1404 is 21.3.2025–20.3.2026."""
        first, last = program.year_range(year)
        return cls(program=program, label=str(year), start_date=first, end_date=last)

    @property
    def is_locked(self):
        return self.locked_at is not None

    def frozen_message(self):
        if not self.is_locked:
            return None
        return gettext(
            "The period %(period)s was locked by %(who)s on %(date)s and cannot be changed; "
            "a coordinator can unlock it."
        ) % {"period": self.label,
             "who": person(self.locked_by) if self.locked_by else gettext("a coordinator"),
             "date": local_date(self.locked_at)}

    def _refresh_locked(self):
        """Decide on the row as it is now, locked against a concurrent (un)lock."""
        stored = ReportingPeriod.objects.select_for_update().get(pk=self.pk)
        self.locked_by_id, self.locked_at = stored.locked_by_id, stored.locked_at

    @transaction.atomic
    def lock(self, *, by):
        if not has_role(by, Role.COORDINATOR, self.program_id):
            raise ValidationError(gettext("Only a coordinator can lock a period."))
        self._refresh_locked()
        if self.is_locked:
            raise ValidationError(self.frozen_message())
        self.locked_by = by
        self.locked_at = timezone.now()
        self.save(update_fields=["locked_by", "locked_at"])
        log(self, "tracker.period.lock", user=by)

    @transaction.atomic
    def unlock(self, *, by):
        if not has_role(by, Role.COORDINATOR, self.program_id):
            raise ValidationError(gettext("Only a coordinator can unlock a period."))
        self._refresh_locked()
        if not self.is_locked:
            raise ValidationError(gettext("The period is not locked."))
        self.locked_by = None
        self.locked_at = None
        self.save(update_fields=["locked_by", "locked_at"])
        log(self, "tracker.period.unlock", user=by)


def _label_year(label):
    """The year a label names ("2025", "1404", "۱۴۰۴"), or ``None`` for any other label."""
    text = to_latin_digits((label or "").strip())
    return int(text) if text.isdigit() and len(text) == 4 else None


class IndicatorValue(Freezable, models.Model):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="values"
    )
    period = models.ForeignKey(
        ReportingPeriod, verbose_name=_("period"), on_delete=models.PROTECT,
        related_name="values",
    )
    value = models.DecimalField(_("actual value"), max_digits=16, decimal_places=2)
    source = models.CharField(_("source"), max_length=250, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = IndicatorChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "period__start_date"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="unique_value_period")
        ]

    def __str__(self):
        return f"{self.indicator.code} · {self.period}: {decimal_number(self.value)}"

    def freeze_holder(self):
        return self.period if self.period_id else None

    def clean(self):
        super().clean()
        if self.period_id and self.indicator_id \
                and self.period.program_id != self.indicator.program_id:
            raise ValidationError({"period": _("The period belongs to another programme.")})
