"""Support instruments delivered to a cluster or its firms, and the financing pipeline
of the cluster's firms (proposed → admitted → final stages)."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from clusters.models.clusters import Cluster
from core.money import format_money
from core.translation import translated
from core.workflow import IllegalMove, Workflow, WorkflowEvent
from fieldvisits.models import Firm
from tracker.access import FIELD_STUDY_READERS, PLAN_READERS
from tracker.models import Institution, programs_for


class SupportDeliveryQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(cluster__program__in=programs_for(user, PLAN_READERS))


class SupportDelivery(models.Model):
    class Kind(models.TextChoices):
        SHARED_BRAND = "shared_brand", _("Shared brand")
        CONSORTIUM_BUDGET = "consortium_budget", _("Export consortium budget")
        TRADE_FAIR_DISCOUNT = "trade_fair_discount", _("Trade-fair participation discount")
        TRAINING_PLACES = "training_places", _("Training places")
        FINANCING = "financing", _("Financing")

    cluster = models.ForeignKey(Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT,
                                related_name="support_deliveries")
    kind = models.CharField(_("instrument"), max_length=30, choices=Kind.choices)
    title_tr = models.CharField(_("title (Turkish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_fa = models.CharField(_("title (Persian)"), max_length=200, blank=True)
    title = translated("title")
    amount = models.DecimalField(
        _("amount"), max_digits=18, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("In the programme's currency."),
    )
    places = models.PositiveIntegerField(_("places"), null=True, blank=True)
    delivered_on = models.DateField(_("date"))
    provider = models.ForeignKey(
        Institution, verbose_name=_("provider"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="cluster_support_deliveries",
    )
    beneficiaries = models.ManyToManyField(
        Firm, verbose_name=_("beneficiary firms"), related_name="cluster_support", blank=True,
        help_text=_("Leave empty when the whole cluster benefits."),
    )
    note = models.TextField(_("note"), blank=True)

    objects = SupportDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("support delivery")
        verbose_name_plural = _("support deliveries")
        ordering = ["-delivered_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=False) | models.Q(places__isnull=False),
                name="support_has_amount_or_places",
                violation_error_message=_("Give an amount, a number of places or both."),
            ),
        ]

    def __str__(self):
        return f"{self.cluster} · {self.get_kind_display()}"

    def get_amount_display(self):
        """The amount in the programme's currency, as the reader's language writes it."""
        return format_money(self.amount, self.cluster.program.currency)

    get_amount_display.short_description = _("amount")

    def clean(self):
        errors = {}
        if self.amount is None and self.places is None:
            errors["amount"] = _("Give an amount, a number of places or both.")
        if (self.provider_id and self.cluster_id
                and self.provider.program_id != self.cluster.program_id):
            errors["provider"] = _("The institution belongs to another programme.")
        if errors:
            raise ValidationError(errors)


class FinancingQuerySet(models.QuerySet):
    def for_user(self, user):
        """Which firm asked for financing is firm-level data: coordinators and
        supervisors only; focal points read the pipeline's totals."""
        return self.filter(cluster__program__in=programs_for(user, FIELD_STUDY_READERS))


class FinancingApplication(models.Model):
    class Stage(models.TextChoices):
        PROPOSED = "proposed", pgettext_lazy("financing stage", "Proposed")
        ADMITTED = "admitted", pgettext_lazy("financing stage", "Admitted")
        FINAL_STAGES = "final_stages", pgettext_lazy("financing stage", "In final stages")
        WITHDRAWN = "withdrawn", pgettext_lazy("financing stage", "Withdrawn")

    workflow = Workflow(
        field="stage",
        moves={
            "admit": ((Stage.PROPOSED,), Stage.ADMITTED),
            "final": ((Stage.ADMITTED,), Stage.FINAL_STAGES),
            "withdraw": ((Stage.PROPOSED, Stage.ADMITTED, Stage.FINAL_STAGES), Stage.WITHDRAWN),
        },
        event="clusters.FinancingEvent", event_fields=("application", "from_stage", "to_stage"),
        gone=_("This application no longer exists."),
        refused=_("An application that is “%(current)s” cannot become “%(target)s”."),
    )

    cluster = models.ForeignKey(Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT,
                                related_name="financing_applications")
    firm = models.ForeignKey(Firm, verbose_name=_("firm"), on_delete=models.PROTECT,
                             related_name="cluster_financing")
    instrument = models.CharField(_("financing instrument"), max_length=200)
    amount = models.DecimalField(
        _("amount requested"), max_digits=18, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("In the programme's currency."),
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices,
                             default=Stage.PROPOSED, editable=False, db_index=True)
    closing_reason = models.TextField(_("reason for withdrawal"), blank=True, editable=False)
    proposed_on = models.DateField(_("proposed on"), default=timezone.localdate)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = FinancingQuerySet.as_manager()

    class Meta:
        verbose_name = _("financing application")
        verbose_name_plural = _("financing pipeline")
        ordering = ["cluster", "firm__trade_name"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "firm", "instrument"],
                                    name="one_financing_application_per_instrument"),
        ]

    def __str__(self):
        return f"{self.firm} · {self.instrument}"

    def get_amount_display(self):
        """The amount in the programme's currency, as the reader's language writes it."""
        return format_money(self.amount, self.cluster.program.currency)

    get_amount_display.short_description = _("amount requested")

    def clean(self):
        if self.cluster_id and self.firm_id and self.firm.program_id != self.cluster.program_id:
            raise ValidationError({"firm": _("The firm belongs to another programme.")})

    def admit(self, *, by, note=""):
        self.workflow.move(self, "admit", by=by, note=note)

    def reach_final_stages(self, *, by, note=""):
        self.workflow.move(self, "final", by=by, note=note)

    def withdraw(self, *, by, reason):
        reason = (reason or "").strip()
        if not reason:
            raise IllegalMove(_("Give a reason for the withdrawal."))
        self.workflow.move(self, "withdraw", by=by, note=reason,
                           changes={"closing_reason": reason})


class FinancingEventQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(application__in=FinancingApplication.objects.for_user(user))


class FinancingEvent(WorkflowEvent):
    application = models.ForeignKey(FinancingApplication, on_delete=models.PROTECT,
                                    related_name="events")
    from_stage = models.CharField(_("from"), max_length=20,
                                  choices=FinancingApplication.Stage.choices)
    to_stage = models.CharField(_("to"), max_length=20,
                                choices=FinancingApplication.Stage.choices)

    objects = FinancingEventQuerySet.as_manager()

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("financing event")
        verbose_name_plural = _("financing history")

    def __str__(self):
        return f"{self.get_from_stage_display()} → {self.get_to_stage_display()}"
