"""The four criteria that pick a cluster, their weights per programme and each
candidate's scores with the evidence behind them."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey

from clusters.models.querysets import ClusterChildQuerySet, ProgrammeReadQuerySet
from tracker.models import Program


class Criterion(models.TextChoices):
    ECONOMIC_IMPACT = "economic_impact", _("Economic impact")
    DEMAND = "demand", _("Demand")
    NETWORKING = "networking", _("Networking and cooperation")
    FACTOR_CONDITIONS = "factor_conditions", _("Factor conditions")


# Used when a programme has not set its own weights.
DEFAULT_WEIGHTS = {criterion: 25 for criterion in Criterion.values}
DEFAULT_PROPOSED_COUNT = 2


class CriteriaWeights(models.Model):
    """How much each criterion counts in a programme's ranking, in percent (sum 100)."""

    program = models.OneToOneField(
        Program, verbose_name=_("programme"), on_delete=models.CASCADE,
        related_name="cluster_criteria_weights",
    )
    economic_impact = models.PositiveSmallIntegerField(
        Criterion.ECONOMIC_IMPACT.label, default=25, validators=[MaxValueValidator(100)])
    demand = models.PositiveSmallIntegerField(
        Criterion.DEMAND.label, default=25, validators=[MaxValueValidator(100)])
    networking = models.PositiveSmallIntegerField(
        Criterion.NETWORKING.label, default=25, validators=[MaxValueValidator(100)])
    factor_conditions = models.PositiveSmallIntegerField(
        Criterion.FACTOR_CONDITIONS.label, default=25, validators=[MaxValueValidator(100)])
    proposed_count = models.PositiveSmallIntegerField(
        _("clusters the ranking proposes"), default=DEFAULT_PROPOSED_COUNT,
        validators=[MinValueValidator(1)],
        help_text=_("The top-ranked candidates proposed for selection; selecting another "
                    "one is an override and needs a reason."),
    )

    objects = ProgrammeReadQuerySet.as_manager()

    class Meta:
        verbose_name = _("cluster criteria weights")
        verbose_name_plural = _("cluster criteria weights")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    economic_impact=100 - models.F("demand") - models.F("networking")
                    - models.F("factor_conditions")),
                name="criteria_weights_sum_100",
                violation_error_message=_("The four weights must add up to 100."),
            ),
        ]

    def __str__(self):
        return str(self.program)

    def clean(self):
        if sum(self.as_dict().values()) != 100:
            raise ValidationError(
                _("The four weights must add up to 100; they add up to %(total)s.")
                % {"total": sum(self.as_dict().values())})

    def as_dict(self):
        return {criterion: getattr(self, criterion) or 0 for criterion in Criterion.values}


class CriterionScore(models.Model):
    """One criterion's score of one candidate cluster, 1 (weak) to 5 (strong)."""

    cluster = ParentalKey("clusters.Cluster", verbose_name=_("cluster"), on_delete=models.CASCADE,
                          related_name="scores")
    criterion = models.CharField(_("criterion"), max_length=20, choices=Criterion.choices)
    score = models.PositiveSmallIntegerField(
        _("score (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    evidence = models.TextField(_("evidence"))
    source = models.CharField(_("source"), max_length=250,
                              help_text=_("Where the evidence comes from: a statistic, a "
                                          "study, a meeting."))

    objects = ClusterChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        ordering = ["cluster", "criterion"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "criterion"],
                                    name="one_score_per_criterion"),
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5),
                                   name="criterion_score_1_to_5"),
        ]

    def __str__(self):
        return f"{self.get_criterion_display()}: {self.score}"
