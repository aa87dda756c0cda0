"""The strategy action plan: council meetings and decisions, versioned plans with
pillars, goals and actions, and the tasks and updates through which institutions
carry the actions out.

Imported by ``tracker.models`` so Django registers the models under ``tracker``.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator
from django.db import models, transaction
from django.db.models import Avg, Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from tracker.access import (
    PLAN_MANAGERS,
    PLAN_READERS,
    Role,
    has_role,
    institutions_for,
    programs_for,
)

DUE_SOON_DAYS = 7


def _date(value):
    return value.strftime("%d.%m.%Y") if value else ""


def _person(user):
    return (user.get_full_name() or user.get_username()) if user else gettext("someone")


# --- coordination council ---------------------------------------------------------------


class CouncilMeetingQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(program__in=programs_for(user, PLAN_READERS))


class CouncilMeeting(models.Model):
    program = models.ForeignKey(
        "tracker.Program", verbose_name=_("programme"), on_delete=models.CASCADE,
        related_name="council_meetings",
    )
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    attendees = models.ManyToManyField(
        "tracker.Stakeholder", verbose_name=_("attending institutions"), blank=True,
        related_name="council_meetings",
    )
    minutes = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("minutes"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = CouncilMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")
        ordering = ["-date"]

    def __str__(self):
        return f"{_date(self.date)} · {self.title}"


class DecisionQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(meeting__program__in=programs_for(user, PLAN_READERS))


class Decision(models.Model):
    meeting = models.ForeignKey(
        CouncilMeeting, verbose_name=_("meeting"), on_delete=models.CASCADE,
        related_name="decisions",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("decision"))

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("council decision")
        verbose_name_plural = _("council decisions")
        ordering = ["-meeting__date", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="unique_decision_number")
        ]

    def __str__(self):
        return gettext("Decision %(number)d of %(date)s") % {
            "number": self.number, "date": _date(self.meeting.date)
        }

    @transaction.atomic
    def create_task(self, *, action, institution, title, due_date, by):
        """Start a task from this decision, so the task traces back to the meeting."""
        if action.plan.program_id != self.meeting.program_id:
            raise ValidationError(gettext("The action belongs to another programme."))
        task = Task(action=action, assigned_institution=institution, title=title,
                    due_date=due_date, decision=self)
        task.full_clean()
        task.save()
        log(task, "wagtail.create", user=by)
        return task


# --- versioned action plan --------------------------------------------------------------


class PlanLockedError(ValidationError):
    """Raised when something tries to change an approved or superseded plan version."""


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


class PlanVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        SUPERSEDED = "superseded", _("Superseded")

    program = models.ForeignKey(
        "tracker.Program", verbose_name=_("programme"), on_delete=models.CASCADE,
        related_name="plan_versions",
    )
    number = models.PositiveSmallIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
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

    WORKFLOW_FIELDS = frozenset({"status", "approved_by", "approved_at", "superseded_at"})

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
        if self.pk and not (update_fields and set(update_fields) <= self.WORKFLOW_FIELDS):
            stored = PlanVersion.objects.filter(pk=self.pk).values_list("status", flat=True)
            if stored and stored[0] != self.Status.DRAFT:
                raise self.locked_error()
        super().save(*args, update_fields=update_fields, **kwargs)

    def delete(self, *args, **kwargs):
        if not self.is_editable:
            raise self.locked_error()
        return super().delete(*args, **kwargs)

    @property
    def is_editable(self):
        return self.status == self.Status.DRAFT

    def plan_version(self):
        return self

    def locked_error(self):
        return PlanLockedError(
            gettext(
                "Version %(number)d of the action plan is %(status)s and cannot be changed; "
                "revise it to make a new draft."
            ) % {"number": self.number, "status": self.get_status_display().lower()}
        )

    def _require_coordinator(self, by, verb):
        if not has_role(by, Role.COORDINATOR, self.program):
            raise ValidationError(
                gettext("Only a coordinator of the programme can %(verb)s a plan version.")
                % {"verb": verb}
            )

    @transaction.atomic
    def approve(self, *, by):
        """Approve this draft; the previously approved version becomes superseded.

        Tasks follow their actions: every task of an action this draft was copied from
        moves to the copy, so the current plan carries the work in progress.
        """
        self._require_coordinator(by, gettext("approve"))
        locked = PlanVersion.objects.select_for_update().get(pk=self.pk)
        if locked.status != self.Status.DRAFT:
            raise ValidationError(
                gettext("Only a draft can be approved; version %(number)d is %(status)s.")
                % {"number": self.number, "status": locked.get_status_display().lower()}
            )
        now = timezone.now()
        previous = list(
            PlanVersion.objects.filter(program=self.program, status=self.Status.APPROVED)
        )
        for version in previous:
            version.status = self.Status.SUPERSEDED
            version.superseded_at = now
            version.save(update_fields=["status", "superseded_at"])
            log(version, "tracker.plan.supersede", user=by)
        # One statement: each task of a copied action points at that action's copy.
        copies = Action.objects.filter(goal__pillar__plan=self, copied_from=OuterRef("action"))
        Task.objects.filter(Exists(copies)).update(action=Subquery(copies.values("pk")[:1]))
        self.status = self.Status.APPROVED
        self.approved_by = by
        self.approved_at = now
        self.save(update_fields=["status", "approved_by", "approved_at"])
        log(self, "tracker.plan.approve", user=by)

    @transaction.atomic
    def revise(self, *, by, title=None):
        """Copy this approved version's pillars, goals and actions into a new draft."""
        self._require_coordinator(by, gettext("revise"))
        if self.status != self.Status.APPROVED:
            raise ValidationError(gettext("A draft is edited directly; only an approved "
                                          "version can be revised."))
        existing = PlanVersion.objects.filter(program=self.program,
                                              status=self.Status.DRAFT).first()
        if existing:
            raise ValidationError(
                gettext("Version %(number)d is already a draft revision; approve or delete "
                        "it first.") % {"number": existing.number}
            )
        last_number = (PlanVersion.objects.filter(program=self.program)
                       .order_by("-number").values_list("number", flat=True).first())
        draft = PlanVersion.objects.create(
            program=self.program, number=last_number + 1, title=title or self.title,
            revised_from=self,
        )
        pillars = list(self.pillars.all())
        new_pillars = Pillar.objects.bulk_create(
            [Pillar(plan=draft, order=p.order, code=p.code, name_tr=p.name_tr,
                    name_en=p.name_en) for p in pillars]
        )
        pillar_map = {old.pk: new for old, new in zip(pillars, new_pillars, strict=True)}
        goals = list(Goal.objects.filter(pillar__plan=self))
        new_goals = Goal.objects.bulk_create(
            [Goal(pillar=pillar_map[g.pillar_id], order=g.order, code=g.code, title=g.title)
             for g in goals]
        )
        goal_map = {old.pk: new for old, new in zip(goals, new_goals, strict=True)}
        actions = list(Action.objects.filter(goal__pillar__plan=self))
        copy_fields = ["code", "title", "description", "lead_id", "phase_id", "start_date",
                       "end_date", "budget_try", "funding_source", "progress_entered",
                       "progress_reason"]
        new_actions = Action.objects.bulk_create(
            [Action(goal=goal_map[a.goal_id], copied_from=a,
                    **{name: getattr(a, name) for name in copy_fields}) for a in actions]
        )
        action_map = {old.pk: new.pk for old, new in zip(actions, new_actions, strict=True)}
        Partners = Action.partners.through
        Partners.objects.bulk_create(
            [Partners(action_id=action_map[row.action_id], stakeholder_id=row.stakeholder_id)
             for row in Partners.objects.filter(action__goal__pillar__plan=self)]
        )
        log(draft, "tracker.plan.revise", user=by, data={"from": self.number})
        return draft


class PlanContentMixin:
    """Pillars, goals and actions are frozen once their plan version leaves draft."""

    # Fields that record execution, not plan content; they may change after approval.
    # Each model using the mixin defines ``plan_version()``, the version it belongs to.
    EXECUTION_FIELDS = frozenset()

    def _stored_plan(self):
        if not self.pk:
            return self.plan_version()
        return type(self).objects.get(pk=self.pk).plan_version()

    def check_editable(self, update_fields=None):
        if update_fields and set(update_fields) <= self.EXECUTION_FIELDS:
            return
        for plan in {self._stored_plan(), self.plan_version()}:
            if plan is not None and not plan.is_editable:
                raise plan.locked_error()

    @property
    def is_editable(self):
        plan = self.plan_version()
        return plan is None or plan.is_editable

    def save(self, *args, update_fields=None, **kwargs):
        self.check_editable(update_fields)
        super().save(*args, update_fields=update_fields, **kwargs)

    def delete(self, *args, **kwargs):
        self.check_editable()
        return super().delete(*args, **kwargs)


class PillarQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(plan__program__in=programs_for(user, PLAN_MANAGERS))

    def editable(self):
        return self.filter(plan__status=PlanVersion.Status.DRAFT)

    def with_progress(self):
        """Annotate each pillar with its action count and mean action progress (0–100)."""
        actions = Action.objects.filter(goal__pillar=models.OuterRef("pk")).with_progress()
        return self.annotate(
            actions_total=models.Subquery(
                actions.values("goal__pillar").annotate(n=Count("pk")).values("n")[:1]
            ),
            progress=models.Subquery(
                actions.values("goal__pillar").annotate(p=Avg("progress_value")).values("p")[:1]
            ),
        )


class Pillar(PlanContentMixin, models.Model):
    plan = models.ForeignKey(
        PlanVersion, verbose_name=_("plan version"), on_delete=models.CASCADE,
        related_name="pillars",
    )
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.CharField(_("code"), max_length=10)
    name_tr = models.CharField(_("name (Turkish)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)

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

    def plan_version(self):
        return self.plan if self.plan_id else None

    @property
    def name(self):
        return self.name_en if (get_language() or "tr").startswith("en") else self.name_tr


class GoalQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(pillar__plan__program__in=programs_for(user, PLAN_MANAGERS))

    def editable(self):
        return self.filter(pillar__plan__status=PlanVersion.Status.DRAFT)


class Goal(PlanContentMixin, models.Model):
    pillar = models.ForeignKey(
        Pillar, verbose_name=_("pillar"), on_delete=models.CASCADE, related_name="goals"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.CharField(_("code"), max_length=12)
    title = models.CharField(_("title"), max_length=250)

    objects = GoalQuerySet.as_manager()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["pillar", "order"]

    def __str__(self):
        return f"{self.code} {self.title}"

    def plan_version(self):
        return self.pillar.plan if self.pillar_id else None


class ActionQuerySet(models.QuerySet):
    def for_user(self, user):
        """Programme managers see every action; a focal point sees the actions its
        institution leads, partners in or holds a task of."""
        institutions = institutions_for(user)
        return self.filter(
            Q(goal__pillar__plan__program__in=programs_for(user, PLAN_MANAGERS))
            | Q(lead__in=institutions)
            | Q(partners__in=institutions)
            | Q(tasks__assigned_institution__in=institutions)
        ).distinct()

    def in_current_plan(self, program):
        return self.filter(goal__pillar__plan=PlanVersion.objects.current(program))

    def with_progress(self):
        """Annotate ``tasks_total``, ``tasks_done``, ``tasks_blocked`` and
        ``progress_value`` (mean task completion, or the entered progress without tasks)."""
        tasks = Task.objects.filter(action=models.OuterRef("pk")).values("action")
        return self.annotate(
            tasks_total=Coalesce(models.Subquery(
                tasks.annotate(n=Count("pk")).values("n")[:1]), 0),
            tasks_done=Coalesce(models.Subquery(
                tasks.filter(status=Task.Status.DONE).annotate(n=Count("pk")).values("n")[:1]
            ), 0),
            tasks_blocked=Coalesce(models.Subquery(
                tasks.filter(status=Task.Status.BLOCKED).annotate(n=Count("pk"))
                .values("n")[:1]
            ), 0),
            progress_value=Coalesce(
                models.Subquery(
                    tasks.annotate(p=Avg("percent_complete")).values("p")[:1],
                    output_field=models.FloatField(),
                ),
                Cast("progress_entered", models.FloatField()),
                models.Value(0.0),
                output_field=models.FloatField(),
            ),
        )


class Action(PlanContentMixin, models.Model):
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="actions"
    )
    code = models.CharField(_("code"), max_length=16)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    lead = models.ForeignKey(
        "tracker.Stakeholder", verbose_name=_("lead institution"), on_delete=models.PROTECT,
        related_name="led_actions",
    )
    partners = models.ManyToManyField(
        "tracker.Stakeholder", verbose_name=_("partner institutions"), blank=True,
        related_name="partner_actions",
    )
    phase = models.ForeignKey(
        "tracker.Phase", verbose_name=_("phase"), on_delete=models.PROTECT, null=True,
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

    EXECUTION_FIELDS = frozenset({"progress_entered", "progress_reason"})

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

    def plan_version(self):
        return self.goal.pillar.plan if self.goal_id else None

    @property
    def plan(self):
        return self.plan_version()

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The action cannot end before it starts.")
        if self.progress_entered is not None and not self.progress_reason.strip():
            errors["progress_reason"] = _("Say why the progress is entered by hand.")
        plan = self.plan_version()
        if plan is not None:
            if not plan.is_editable:
                errors["goal"] = plan.locked_error().messages[0]
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
        plan = self.plan_version()
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


# --- tasks and updates ------------------------------------------------------------------


class TaskQuerySet(models.QuerySet):
    def for_user(self, user):
        """Programme managers see every task; a focal point sees its institution's."""
        return self.filter(
            Q(action__goal__pillar__plan__program__in=programs_for(user, PLAN_MANAGERS))
            | Q(assigned_institution__in=institutions_for(user))
        )

    def open(self):
        return self.exclude(status=Task.Status.DONE)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.open().filter(due_date__lt=today)

    def due_soon(self, today=None, days=DUE_SOON_DAYS):
        today = today or timezone.localdate()
        return self.open().filter(
            due_date__gte=today, due_date__lte=today + datetime.timedelta(days=days)
        )

    def needing_attention(self, today=None, days=DUE_SOON_DAYS):
        """Open tasks that are overdue or due within ``days``."""
        today = today or timezone.localdate()
        return self.open().filter(due_date__lte=today + datetime.timedelta(days=days))

    def in_program(self, program):
        return self.filter(action__goal__pillar__plan__program=program)


class Task(models.Model):
    class Status(models.TextChoices):
        TO_DO = "todo", _("To do")
        IN_PROGRESS = "in_progress", _("In progress")
        BLOCKED = "blocked", _("Blocked")
        DONE = "done", _("Done")

    # Allowed moves; anything else is refused with the list of what is possible.
    TRANSITIONS = {
        Status.TO_DO: {Status.IN_PROGRESS, Status.BLOCKED, Status.DONE},
        Status.IN_PROGRESS: {Status.BLOCKED, Status.DONE},
        Status.BLOCKED: {Status.TO_DO, Status.IN_PROGRESS},
        Status.DONE: {Status.IN_PROGRESS},
    }

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.PROTECT, related_name="tasks"
    )
    title = models.CharField(_("title"), max_length=250)
    assigned_institution = models.ForeignKey(
        "tracker.Stakeholder", verbose_name=_("assigned institution"),
        on_delete=models.PROTECT, related_name="tasks",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="assigned_tasks",
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.TO_DO,
        editable=False,
    )
    blocked_reason = models.TextField(_("reason blocked"), blank=True, editable=False)
    percent_complete = models.PositiveSmallIntegerField(
        _("complete (%)"), default=0, editable=False
    )
    decision = models.ForeignKey(
        Decision, verbose_name=_("council decision"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="tasks",
    )
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("status changed by"),
        on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False,
    )
    status_changed_at = models.DateTimeField(
        _("status changed at"), null=True, blank=True, editable=False
    )

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["status", "due_date"], name="task_status_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent_complete__lte=100), name="task_percent_0_100"
            ),
            models.CheckConstraint(
                condition=~Q(status="blocked") | ~Q(blocked_reason=""),
                name="blocked_task_has_reason",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.action_id and self.assigned_institution_id:
            if self.assigned_institution.program_id != self.action.plan.program_id:
                raise ValidationError(
                    {"assigned_institution": _("The institution belongs to another programme.")}
                )

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.status != self.Status.DONE and self.due_date < today

    def is_due_soon(self, today=None):
        today = today or timezone.localdate()
        return (self.status != self.Status.DONE
                and today <= self.due_date <= today + datetime.timedelta(days=DUE_SOON_DAYS))

    @property
    def due_label(self):
        if self.is_overdue():
            return gettext("Overdue")
        if self.is_due_soon():
            return gettext("Due soon")
        return ""

    def can_post_update(self, user):
        """Coordinators of the programme and members of the assigned institution."""
        if user is None or not user.is_authenticated or not user.is_active:
            return False
        if user.is_superuser:
            return True
        program = self.action.plan.program_id
        return user.program_memberships.filter(
            Q(program_id=program, role=Role.COORDINATOR)
            | Q(stakeholder_id=self.assigned_institution_id, role=Role.FOCAL_POINT)
        ).exists()

    def change_status(self, new_status, *, by, reason=""):
        """Move the task to ``new_status``; refuses moves not in ``TRANSITIONS``."""
        new_status = self.Status(new_status)
        if new_status not in self.TRANSITIONS[self.Status(self.status)]:
            allowed = ", ".join(
                str(s.label) for s in self.Status if s in self.TRANSITIONS[self.status]
            )
            raise ValidationError(
                gettext("A task that is “%(current)s” cannot become “%(new)s”; "
                        "it can become: %(allowed)s.") % {
                    "current": self.get_status_display(), "new": new_status.label,
                    "allowed": allowed}
            )
        if new_status == self.Status.BLOCKED and not reason.strip():
            raise ValidationError(gettext("Say what blocks the task."))
        self.status = new_status
        self.blocked_reason = reason.strip() if new_status == self.Status.BLOCKED else ""
        if new_status == self.Status.DONE:
            self.percent_complete = 100
        elif self.percent_complete == 100:
            self.percent_complete = 90
        self.status_changed_by = by
        self.status_changed_at = timezone.now()
        self.save(update_fields=["status", "blocked_reason", "percent_complete",
                                 "status_changed_by", "status_changed_at"])
        log(self, "tracker.task.status", user=by, data={"status": new_status.value})


def task_update_upload_to(instance, filename):
    return f"task-updates/{instance.task_id}/{filename}"


class TaskUpdateQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(task__in=Task.objects.for_user(user))


class TaskUpdate(models.Model):
    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="updates"
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("posted by"), on_delete=models.PROTECT,
        related_name="+",
    )
    posted_at = models.DateTimeField(_("posted at"), default=timezone.now)
    text = models.TextField(_("update"))
    attachment = models.FileField(
        _("attachment"), upload_to=task_update_upload_to, blank=True
    )
    percent_complete = models.PositiveSmallIntegerField(
        _("complete (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    status_after = models.CharField(
        _("status after the update"), max_length=20, choices=Task.Status.choices
    )

    objects = TaskUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("task update")
        verbose_name_plural = _("task updates")
        ordering = ["-posted_at", "-pk"]

    def __str__(self):
        return f"{_date(timezone.localtime(self.posted_at))} · {_person(self.posted_by)}"


@transaction.atomic
def post_task_update(*, task, by, text, status=None, reason="", percent=None,
                     attachment=None):
    """Record a dated progress update and, optionally, a status change and a percentage.

    Refuses a user who is neither a coordinator nor a member of the assigned
    institution; the whole update is written or nothing is.
    """
    task = Task.objects.select_for_update().get(pk=task.pk)
    if not task.can_post_update(by):
        raise PermissionDenied(gettext("Only the assigned institution can update this task."))
    if not text.strip():
        raise ValidationError(gettext("Write what happened."))
    if status and status != task.status:
        task.change_status(status, by=by, reason=reason)
    if task.status == Task.Status.DONE:
        # A done task is complete, whatever percentage the form still carried.
        percent = 100
    elif percent is not None:
        if not 0 <= percent <= 100:
            raise ValidationError(gettext("Progress is a percentage from 0 to 100."))
        task.percent_complete = percent
        task.save(update_fields=["percent_complete"])
    update = TaskUpdate.objects.create(
        task=task, posted_by=by, text=text.strip(), percent_complete=percent,
        status_after=task.status, attachment=attachment or "",
    )
    log(task, "tracker.task.update", user=by, data={"update": update.pk})
    return update


class ReminderLog(models.Model):
    """One digest per institution per day, so a second run the same day sends nothing."""

    institution = models.ForeignKey(
        "tracker.Stakeholder", verbose_name=_("institution"), on_delete=models.CASCADE,
        related_name="reminders",
    )
    sent_on = models.DateField(_("sent on"))
    recipients = models.TextField(_("recipients"))
    overdue_count = models.PositiveIntegerField(_("overdue tasks"))
    due_soon_count = models.PositiveIntegerField(_("tasks due soon"))

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_on"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "sent_on"],
                                    name="one_reminder_per_institution_per_day")
        ]

    def __str__(self):
        return f"{self.institution} · {_date(self.sent_on)}"


__all__ = [
    "Action", "CouncilMeeting", "Decision", "Goal", "Pillar", "PlanLockedError", "PlanVersion",
    "ReminderLog", "Task", "TaskUpdate", "post_task_update",
]
