"""The versioned action plan: versions (draft → approved → superseded) with their
pillars, goals and actions. An approved version's content is frozen; a revision
copies it into a new draft (``tracker.services.revise_plan``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Avg, Count, F, Q
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from core.freeze import Freezable
from core.querysets import any_of
from core.translation import translated
from tracker.access import PLAN_MANAGERS, Role
from tracker.models.history import end_of_day
from tracker.models.programs import (
    Institution,
    Program,
    has_role,
    institution_ids_for,
    program_ids_for,
    programs_for,
)
from tracker.models.roadmap import Phase
from tracker.models.tasks import Task, TaskUpdate, renew_update_programs


def renew_task_programs(tasks):
    """Copy onto ``tasks`` (a task queryset) their action's programme where it differs,
    after their action, goal, pillar or plan moved, and onto their updates: one UPDATE
    (two when a task moved), rows already right left unwritten."""
    program = models.Subquery(Action.objects.filter(pk=models.OuterRef("action"))
                              .values("goal__pillar__plan__program")[:1])
    moved = tasks.exclude(program=program).update(program=program)
    if moved:
        renew_update_programs(TaskUpdate.objects.filter(task__in=tasks.values("pk")))
    return moved


def _moved(instance, parent, update_fields):
    """True when saving ``instance`` (stored already) may have changed its ``parent``."""
    return not instance._state.adding and (update_fields is None or parent in update_fields)


class PlanVersionQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(program__in=programs_for(user, PLAN_MANAGERS))

    def editable(self):
        return self.filter(status=PlanVersion.Status.DRAFT)

    def current(self, program):
        """The latest approved version of ``program``'s plan, or ``None``."""
        return (
            self.filter(program=program, status=PlanVersion.Status.APPROVED)
            .order_by("-approved_at", "-number")
            .first()
        )

    def current_as_of(self, program, day):
        """The version that was in force at the end of ``day``: the last one approved by
        then, whether it has been superseded since or not."""
        return (
            self.filter(program=program, approved_at__lt=end_of_day(day))
            .exclude(status=PlanVersion.Status.DRAFT)
            .order_by("-approved_at", "-number")
            .first()
        )


class PlanVersion(Freezable, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        SUPERSEDED = "superseded", _("Superseded")

    program = models.ForeignKey(
        Program, verbose_name=_("programme"), on_delete=models.CASCADE,
        related_name="plan_versions",
    )
    number = models.PositiveSmallIntegerField(_("version"))
    title_tr = models.CharField(_("title (Turkish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_fa = models.CharField(_("title (Persian)"), max_length=200, blank=True)
    title = translated("title")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT,
        editable=False,
    )
    revised_from = models.ForeignKey(
        "self", verbose_name=_("revised from"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+", editable=False,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("approved by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+", editable=False,
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    superseded_at = models.DateTimeField(
        _("superseded at"), null=True, blank=True, editable=False
    )

    objects = PlanVersionQuerySet.as_manager()

    OPEN_WHEN_FROZEN = frozenset({"status", "approved_by", "approved_at", "superseded_at"})

    class Meta:
        verbose_name = _("action plan version")
        verbose_name_plural = _("action plan versions")
        ordering = ["program", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="unique_plan_number"),
            models.UniqueConstraint(
                fields=["program"], condition=Q(status="draft"), name="one_draft_plan_per_program"
            ),
        ]

    def __str__(self):
        return gettext("v%(number)d · %(title)s (%(status)s)") % {
            "number": self.number, "title": self.title, "status": self.get_status_display()
        }

    def save(self, *args, update_fields=None, **kwargs):
        moved = _moved(self, "program", update_fields)
        super().save(*args, update_fields=update_fields, **kwargs)
        if moved:
            renew_task_programs(Task.objects.filter(action__goal__pillar__plan=self))

    def frozen_message(self):
        if self.status == self.Status.DRAFT:
            return None
        return gettext(
            "Version %(number)d of the action plan is %(status)s and cannot be changed; "
            "revise it to make a new draft."
        ) % {"number": self.number, "status": self.get_status_display().lower()}


def _tasks_of_action(as_of):
    """The tasks of the outer action, with ``percent`` (and ``state``) as of ``as_of``
    (``None``: their stored state now)."""
    if as_of is None:
        tasks = Task.objects.annotate(percent=F("percent_complete"), state=F("status"))
    else:
        tasks = Task.objects.as_of(as_of).annotate(percent=F("percent_then"),
                                                   state=F("status_then"))
    return tasks.filter(action=models.OuterRef("pk")).order_by().values("action")


def action_progress(as_of=None):
    """An action's progress as an expression: the mean completion of its tasks (those
    that existed at the end of ``as_of``, as they stood then), or the progress entered by
    hand for an action without tasks, else 0. ``as_of=None`` reads the stored state."""
    return Coalesce(
        models.Subquery(_tasks_of_action(as_of).annotate(p=Avg("percent")).values("p")[:1],
                        output_field=models.FloatField()),
        Cast("progress_entered", models.FloatField()),
        models.Value(0.0),
        output_field=models.FloatField(),
    )


def _progress_annotations(path, as_of):
    """Action count and mean action progress of the outer pillar or goal (``path`` is the
    lookup from an action to it): one grouped subquery per figure."""
    actions = (Action.objects.filter(**{path: models.OuterRef("pk")}).order_by()
               .values(path))
    return {
        "actions_total": models.Subquery(actions.annotate(n=Count("pk")).values("n")[:1],
                                         output_field=models.IntegerField()),
        "progress": models.Subquery(actions.annotate(p=Avg(action_progress(as_of)))
                                    .values("p")[:1], output_field=models.FloatField()),
    }


class PillarQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(plan__program__in=programs_for(user, PLAN_MANAGERS))

    def editable(self):
        return self.filter(plan__status=PlanVersion.Status.DRAFT)

    def with_progress(self, as_of=None):
        """Annotate each pillar with its action count and mean action progress (0–100),
        as of ``as_of`` (``None``: the stored state). Each action's progress is itself one
        correlated aggregate over its tasks (``action_progress``)."""
        return self.annotate(**_progress_annotations("goal__pillar", as_of))


class Pillar(Freezable, models.Model):
    plan = models.ForeignKey(
        PlanVersion, verbose_name=_("plan version"), on_delete=models.CASCADE,
        related_name="pillars",
    )
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.CharField(_("code"), max_length=10)
    name_tr = models.CharField(_("name (Turkish)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=150, blank=True)
    name = translated("name")

    objects = PillarQuerySet.as_manager()

    class Meta:
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="unique_pillar_code")
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def save(self, *args, update_fields=None, **kwargs):
        moved = _moved(self, "plan", update_fields)
        super().save(*args, update_fields=update_fields, **kwargs)
        if moved:
            renew_task_programs(Task.objects.filter(action__goal__pillar=self))

    def freeze_holder(self):
        return self.plan if self.plan_id else None


class GoalQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(pillar__plan__program__in=programs_for(user, PLAN_MANAGERS))

    def editable(self):
        return self.filter(pillar__plan__status=PlanVersion.Status.DRAFT)

    def with_progress(self, as_of=None):
        """Action count and mean action progress of each goal, as ``Pillar``'s."""
        return self.annotate(**_progress_annotations("goal", as_of))


class Goal(Freezable, models.Model):
    pillar = models.ForeignKey(
        Pillar, verbose_name=_("pillar"), on_delete=models.CASCADE, related_name="goals"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.CharField(_("code"), max_length=12)
    title_tr = models.CharField(_("title (Turkish)"), max_length=250)
    title_en = models.CharField(_("title (English)"), max_length=250, blank=True)
    title_fa = models.CharField(_("title (Persian)"), max_length=250, blank=True)
    title = translated("title")

    objects = GoalQuerySet.as_manager()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["pillar", "order"]

    def __str__(self):
        return f"{self.code} {self.title}"

    def save(self, *args, update_fields=None, **kwargs):
        moved = _moved(self, "pillar", update_fields)
        super().save(*args, update_fields=update_fields, **kwargs)
        if moved:
            renew_task_programs(Task.objects.filter(action__goal=self))

    def freeze_holder(self):
        return self.pillar.plan if self.pillar_id else None


class ActionQuerySet(models.QuerySet):
    def for_user(self, user):
        """Programme managers see every action; a focal point sees the actions its
        institution leads, partners in or holds a task of."""
        managed = program_ids_for(user, PLAN_MANAGERS)
        institutions = institution_ids_for(user)
        if managed and institutions:
            # Both ways in (a coordinator who is also a focal point): each is read first as
            # ids, so the rule is one OR over the action's own indexed columns, not a union
            # of id sets matched against every province's actions.
            goals = Goal.objects.filter(pillar__plan__program__in=managed)
            held = self.model.partners.through.objects.filter(
                institution__in=institutions).order_by().values_list("action", flat=True).union(
                Task.objects.filter(assigned_institution__in=institutions).order_by()
                .values_list("action", flat=True))
            return any_of(self, {"goal__in": list(goals.values_list("pk", flat=True))},
                          {"lead__in": institutions}, {"pk__in": list(held)})
        return any_of(
            self,
            {"goal__pillar__plan__program__in": managed} if managed else None,
            *([{"lead__in": institutions},
               {"pk__in": self.model.partners.through.objects.filter(
                   institution__in=institutions).values("action")},
               {"pk__in": Task.objects.filter(
                   assigned_institution__in=institutions).values("action")}]
              if institutions else []),
        )

    def in_current_plan(self, program):
        return self.filter(goal__pillar__plan=PlanVersion.objects.current(program))

    def with_progress(self, as_of=None):
        """Annotate ``tasks_total``, ``tasks_done``, ``tasks_blocked`` and
        ``progress_value`` (mean task completion, or the entered progress without tasks),
        as of ``as_of`` (``None``: the stored state)."""
        tasks = _tasks_of_action(as_of)
        return self.annotate(
            tasks_total=Coalesce(models.Subquery(
                tasks.annotate(n=Count("pk")).values("n")[:1]), 0),
            tasks_done=Coalesce(models.Subquery(
                tasks.filter(state=Task.Status.DONE).annotate(n=Count("pk")).values("n")[:1]
            ), 0),
            tasks_blocked=Coalesce(models.Subquery(
                tasks.filter(state=Task.Status.BLOCKED).annotate(n=Count("pk"))
                .values("n")[:1]
            ), 0),
            progress_value=action_progress(as_of),
        )


class Action(Freezable, models.Model):
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="actions"
    )
    code = models.CharField(_("code"), max_length=16)
    title_tr = models.CharField(_("title (Turkish)"), max_length=250)
    title_en = models.CharField(_("title (English)"), max_length=250, blank=True)
    title_fa = models.CharField(_("title (Persian)"), max_length=250, blank=True)
    title = translated("title")
    description_tr = models.TextField(_("description (Turkish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fa = models.TextField(_("description (Persian)"), blank=True)
    description = translated("description")
    lead = models.ForeignKey(
        Institution, verbose_name=_("lead institution"), on_delete=models.PROTECT,
        related_name="led_actions",
    )
    partners = models.ManyToManyField(
        Institution, verbose_name=_("partner institutions"), blank=True,
        related_name="partner_actions",
    )
    phase = models.ForeignKey(
        Phase, verbose_name=_("phase"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="actions",
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    budget_try = models.DecimalField(
        _("budget (TRY)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True)
    progress_entered = models.PositiveSmallIntegerField(
        _("progress entered (%)"), null=True, blank=True, validators=[MaxValueValidator(100)],
        help_text=_("Only for an action without tasks; give the reason below."),
    )
    progress_reason = models.TextField(_("reason for the entered progress"), blank=True)
    copied_from = models.ForeignKey(
        "self", verbose_name=_("copied from"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+", editable=False,
    )

    objects = ActionQuerySet.as_manager()

    OPEN_WHEN_FROZEN = frozenset({"progress_entered", "progress_reason"})

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["goal", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="action_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(progress_entered__isnull=True) | Q(progress_entered__lte=100),
                name="action_progress_entered_0_100",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def save(self, *args, update_fields=None, **kwargs):
        moved = _moved(self, "goal", update_fields)
        super().save(*args, update_fields=update_fields, **kwargs)
        if moved:
            renew_task_programs(Task.objects.filter(action=self))

    def freeze_holder(self):
        return self.goal.pillar.plan if self.goal_id else None

    @property
    def plan(self):
        return self.freeze_holder()

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The action cannot end before it starts.")
        if self.progress_entered is not None and not self.progress_reason.strip():
            errors["progress_reason"] = _("Say why the progress is entered by hand.")
        plan = self.freeze_holder()
        if plan is not None:
            if self.lead_id and self.lead.program_id != plan.program_id:
                errors["lead"] = _("The institution belongs to another programme.")
            if self.phase_id and self.phase.program_id != plan.program_id:
                errors["phase"] = _("The phase belongs to another programme.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_joint(self):
        if hasattr(self, "partner_count"):
            return self.partner_count > 0
        return self.partners.exists()

    @property
    def plan_label(self):
        plan = self.freeze_holder()
        return gettext("v%(number)d (%(status)s)") % {
            "number": plan.number, "status": plan.get_status_display().lower()}

    @property
    def joint_label(self):
        return gettext("Joint") if self.is_joint else gettext("Single institution")

    @property
    def progress_label(self):
        value = (round(self.progress_value) if hasattr(self, "progress_value")
                 else self.progress_summary()[0])
        return gettext("%(value)d%%") % {"value": value}

    def progress_summary(self):
        """``(percent, explanation)``: from the tasks, or the entered value with its reason."""
        counts = self.tasks.aggregate(total=Count("pk"), done=Count(
            "pk", filter=Q(status=Task.Status.DONE)), mean=Avg("percent_complete"))
        if counts["total"]:
            return round(counts["mean"]), gettext(
                "%(done)d of %(total)d tasks done"
            ) % {"done": counts["done"], "total": counts["total"]}
        if self.progress_entered is not None:
            return self.progress_entered, gettext("Entered: %(reason)s") % {
                "reason": self.progress_reason
            }
        return 0, gettext("No tasks yet")

    def record_progress(self, *, percent, reason, by):
        """Enter progress for an action without tasks; allowed on an approved plan."""
        if not has_role(by, Role.COORDINATOR, self.plan.program):
            raise ValidationError(gettext("Only a coordinator of the programme enters an "
                                          "action's progress."))
        if self.tasks.exists():
            raise ValidationError(gettext("This action has tasks; its progress is computed "
                                          "from them."))
        if not 0 <= percent <= 100:
            raise ValidationError(gettext("Progress is a percentage from 0 to 100."))
        if not reason.strip():
            raise ValidationError(gettext("Say why the progress is entered by hand."))
        self.progress_entered = percent
        self.progress_reason = reason.strip()
        self.save(update_fields=["progress_entered", "progress_reason"])
        log(self, "wagtail.edit", user=by)
