"""Candidate clusters of a programme, the Cluster Information Centres that host them,
and the stage each cluster has reached (identified → … → completed, or dropped)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from clusters.models.querysets import ClusterChildQuerySet, ClusterStage, ProgrammeReadQuerySet
from clusters.models.scoring import Criterion
from clusters.scoring import ranking_for
from core.translation import translated
from core.workflow import IllegalMove, Workflow, WorkflowEvent
from fieldvisits.models import Firm
from fieldvisits.models.firms import validate_nace_code
from fieldvisits.reference import nace_error
from tracker.access import FIELD_STUDY_READERS
from tracker.models import Goal, Institution, Program, programs_for


def validate_nace_codes(value):
    """A comma-separated list of NACE Rev.2 class codes ("28.93, 28.29")."""
    codes = [code.strip() for code in (value or "").split(",") if code.strip()]
    if not codes:
        raise ValidationError(_("Name at least one NACE Rev.2 class code."), code="nace_empty")
    for code in codes:
        validate_nace_code(code)
        problem = nace_error(code)
        if problem:
            raise ValidationError(problem, code="nace_unknown")


class ClusterInformationCentre(ClusterableModel):
    """The local contact office of a cluster programme, hosted by an institution."""

    program = models.ForeignKey(
        Program, verbose_name=_("programme"), on_delete=models.CASCADE,
        related_name="cluster_information_centres",
    )
    host = models.ForeignKey(
        Institution, verbose_name=_("host institution"), on_delete=models.PROTECT,
        related_name="cluster_information_centres",
    )
    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    objects = ProgrammeReadQuerySet.as_manager()

    class Meta:
        verbose_name = _("Cluster Information Centre")
        verbose_name_plural = _("Cluster Information Centres")
        ordering = ["program", "name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="unique_centre_name"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.host_id and self.program_id and self.host.program_id != self.program_id:
            raise ValidationError({"host": _("The institution belongs to another programme.")})


class CentreStaffQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(centre__in=ClusterInformationCentre.objects.for_user(user))


class CentreStaff(models.Model):
    centre = ParentalKey(
        ClusterInformationCentre, verbose_name=_("centre"), on_delete=models.CASCADE,
        related_name="staff",
    )
    name = models.CharField(_("name"), max_length=120)
    position = models.CharField(_("role"), max_length=120)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = CentreStaffQuerySet.as_manager()

    class Meta:
        verbose_name = _("centre staff member")
        verbose_name_plural = _("centre staff")
        ordering = ["centre", "sort_order", "pk"]

    def __str__(self):
        return f"{self.name} ({self.position})"


def _furthest_reached(cluster, target):
    return {"reached": max(cluster.reached, STAGE_ORDER.get(target, 0))}


class Cluster(ClusterableModel):
    Stage = ClusterStage

    OPEN_STAGES = (Stage.IDENTIFIED, Stage.ANALYSED, Stage.SELECTED, Stage.ACTION_PLAN,
                   Stage.IMPLEMENTING)
    workflow = Workflow(
        field="stage",
        moves={
            "analyse": ((Stage.IDENTIFIED,), Stage.ANALYSED),
            "select": ((Stage.ANALYSED,), Stage.SELECTED),
            "action_plan": ((Stage.SELECTED,), Stage.ACTION_PLAN),
            "implement": ((Stage.ACTION_PLAN,), Stage.IMPLEMENTING),
            "complete": ((Stage.IMPLEMENTING,), Stage.COMPLETED),
            "drop": (OPEN_STAGES, Stage.DROPPED),
        },
        event="clusters.ClusterEvent", event_fields=("cluster", "from_stage", "to_stage"),
        gone=_("This cluster no longer exists."),
        refused=_("A cluster that is “%(current)s” cannot become “%(target)s”."),
        also_read=("reached",), on_move=_furthest_reached,
    )

    program = models.ForeignKey(
        Program, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="clusters"
    )
    name_tr = models.CharField(_("name (Turkish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=200, blank=True)
    name = translated("name")
    nace_codes = models.CharField(
        _("sector (NACE Rev.2 codes)"), max_length=120, validators=[validate_nace_codes],
        help_text=_("NACE Rev.2 class codes separated by commas, such as 28.93, 28.29."),
    )
    description_tr = models.TextField(_("description (Turkish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fa = models.TextField(_("description (Persian)"), blank=True)
    description = translated("description")
    centre = models.ForeignKey(
        ClusterInformationCentre, verbose_name=_("Cluster Information Centre"),
        on_delete=models.PROTECT, null=True, blank=True, related_name="clusters",
    )
    members = models.ManyToManyField(
        Firm, verbose_name=_("member firms"), through="ClusterMember", related_name="clusters",
        blank=True,
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.IDENTIFIED,
        editable=False, db_index=True,
    )
    reached = models.PositiveSmallIntegerField(
        _("furthest stage reached"), default=1, editable=False,
        help_text=_("1 identified … 6 completed; a dropped cluster keeps how far it got."),
    )
    dropped_reason = models.TextField(_("reason for dropping"), blank=True, editable=False)
    action_plan_goal = models.ForeignKey(
        Goal, verbose_name=_("action plan goal"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="clusters",
        help_text=_("The goal of the programme's action plan whose actions are this "
                    "cluster's action plan."),
    )
    selection_rank = models.PositiveIntegerField(_("rank when selected"), null=True,
                                                 blank=True, editable=False)
    selection_score = models.DecimalField(
        _("weighted score when selected"), max_digits=4, decimal_places=2, null=True,
        blank=True, editable=False,
    )
    selection_is_override = models.BooleanField(_("selected against the ranking"),
                                                default=False, editable=False)
    selection_reason = models.TextField(_("reason for the selection"), blank=True,
                                        editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProgrammeReadQuerySet.as_manager()

    class Meta:
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        ordering = ["program", "name_tr"]
        indexes = [models.Index(fields=["program", "stage"])]
        constraints = [
            models.UniqueConstraint(fields=["program", "name_tr"], name="unique_cluster_name"),
            models.CheckConstraint(
                condition=~models.Q(stage="dropped") | ~models.Q(dropped_reason=""),
                name="dropped_cluster_has_reason",
            ),
            models.CheckConstraint(condition=models.Q(reached__gte=1, reached__lte=6),
                                   name="cluster_reached_1_to_6"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.centre_id and self.program_id and self.centre.program_id != self.program_id:
            errors["centre"] = _("The centre belongs to another programme.")
        if (self.action_plan_goal_id and self.program_id
                and self.action_plan_goal.pillar.plan.program_id != self.program_id):
            errors["action_plan_goal"] = _("The goal belongs to another programme's plan.")
        if errors:
            raise ValidationError(errors)

    @property
    def nace_code_list(self):
        return [code.strip() for code in self.nace_codes.split(",") if code.strip()]

    @property
    def is_open(self):
        return self.stage not in (self.Stage.COMPLETED, self.Stage.DROPPED)

    def check_members(self, firms):
        """Refuse member firms registered in another programme."""
        foreign = [firm for firm in firms if firm.program_id != self.program_id]
        if foreign:
            raise ValidationError(
                _("%(firms)s belong to another programme; a cluster's members come from its "
                  "own programme's firm registry.")
                % {"firms": ", ".join(str(firm) for firm in foreign)},
                code="member_other_programme",
            )

    def analyse(self, *, by, note=""):
        """Identified → analysed, once every criterion has a score."""
        scored = set(self.scores.values_list("criterion", flat=True))
        missing = [str(Criterion(value).label) for value in Criterion.values if value not in scored]
        if missing:
            raise IllegalMove(_("Score every criterion before the analysis is complete; "
                                "missing: %(criteria)s.") % {"criteria": ", ".join(missing)})
        self.workflow.move(self, "analyse", by=by, note=note)

    def select(self, *, by, reason=""):
        """Analysed → selected. Selecting a cluster the ranking does not propose is an
        override and needs a reason; rank and score at the time are kept."""
        reason = (reason or "").strip()
        row = ranking_for(self.program_id).get(self.pk)
        if row is None:
            raise IllegalMove(_("Score every criterion before selecting the cluster."))
        override = not row.proposed
        if override and not reason:
            raise IllegalMove(_(
                "This cluster ranks %(rank)s and is not among the %(count)s the ranking "
                "proposes: say why you select it."
            ) % {"rank": row.rank, "count": row.proposed_count})
        self.workflow.move(self, "select", by=by, note=reason, changes={
            "selection_rank": row.rank, "selection_score": row.weighted_score,
            "selection_is_override": override, "selection_reason": reason})

    def start_action_plan(self, *, by, goal=None):
        """Selected → action plan: the cluster's plan is a goal of the programme's action
        plan with at least one action."""
        goal = goal or self.action_plan_goal
        if goal is None:
            raise IllegalMove(_("Choose the action plan goal whose actions are this "
                                "cluster's action plan."))
        if goal.pillar.plan.program_id != self.program_id:
            raise IllegalMove(_("The goal belongs to another programme's plan."))
        if not goal.actions.exists():
            raise IllegalMove(_("The goal “%(goal)s” has no actions yet.") % {"goal": goal})
        self.workflow.move(self, "action_plan", by=by, note=str(goal),
                           changes={"action_plan_goal": goal})

    def start_implementing(self, *, by, note=""):
        self.workflow.move(self, "implement", by=by, note=note)

    def complete(self, *, by, note=""):
        self.workflow.move(self, "complete", by=by, note=note)

    def drop(self, *, by, reason):
        reason = (reason or "").strip()
        if not reason:
            raise IllegalMove(_("Give a reason for dropping the cluster."))
        self.workflow.move(self, "drop", by=by, note=reason,
                           changes={"dropped_reason": reason})


# The funnel's order; a cluster counts at every stage up to the furthest it reached.
FUNNEL_STAGES = [
    Cluster.Stage.IDENTIFIED, Cluster.Stage.ANALYSED, Cluster.Stage.SELECTED,
    Cluster.Stage.ACTION_PLAN, Cluster.Stage.IMPLEMENTING, Cluster.Stage.COMPLETED,
]
STAGE_ORDER = {stage: position for position, stage in enumerate(FUNNEL_STAGES, start=1)}


class ClusterMemberQuerySet(models.QuerySet):
    def for_user(self, user):
        """Which firms belong to a cluster is firm-level data: the field study's readers
        (coordinators, supervisors) only, not focal points."""
        return self.filter(cluster__program__in=programs_for(user, FIELD_STUDY_READERS))


class ClusterMember(models.Model):
    cluster = models.ForeignKey(Cluster, verbose_name=_("cluster"), on_delete=models.CASCADE,
                                related_name="memberships")
    firm = models.ForeignKey(Firm, verbose_name=_("firm"), on_delete=models.PROTECT,
                             related_name="cluster_memberships")
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)

    objects = ClusterMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("member firm")
        verbose_name_plural = _("member firms")
        ordering = ["cluster", "firm__trade_name"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "firm"], name="unique_cluster_member"),
        ]

    def __str__(self):
        return f"{self.cluster} · {self.firm}"

    def save(self, *args, **kwargs):
        # The programme rule holds whichever path adds a member (form, service, shell).
        self.cluster.check_members([self.firm])
        super().save(*args, **kwargs)

    def clean(self):
        if self.cluster_id and self.firm_id:
            self.cluster.check_members([self.firm])


@receiver(m2m_changed, sender=ClusterMember)
def guard_member_programme(sender, instance, action, pk_set, reverse, **kwargs):
    """``cluster.members.add(firm)`` bypasses ``ClusterMember.save``: check it here too."""
    if action != "pre_add" or not pk_set:
        return
    if reverse:
        clusters = Cluster.objects.filter(pk__in=pk_set).exclude(program_id=instance.program_id)
        if clusters.exists():
            raise ValidationError(_("The cluster belongs to another programme."))
    else:
        instance.check_members(list(Firm.objects.filter(pk__in=pk_set)))


class ClusterEvent(WorkflowEvent):
    """One stage change of a cluster: its visible history."""

    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="events")
    from_stage = models.CharField(_("from"), max_length=20, choices=Cluster.Stage.choices)
    to_stage = models.CharField(_("to"), max_length=20, choices=Cluster.Stage.choices)

    objects = ClusterChildQuerySet.as_manager()

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("cluster event")
        verbose_name_plural = _("cluster history")

    def __str__(self):
        return f"{self.get_from_stage_display()} → {self.get_to_stage_display()}"
