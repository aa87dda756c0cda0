"""Tasks through which institutions carry out the plan's actions, their dated
updates, and the log of reminder digests sent."""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from core.formats import local_date, person
from core.querysets import any_of
from core.storage import evidence_storage
from core.translation import translated
from core.uploads import generated_name
from tracker.access import PLAN_MANAGERS, Role
from tracker.models.council import Decision
from tracker.models.history import DatedEvent, end_of_day, with_state_as_of
from tracker.models.programs import (
    Institution,
    Program,
    institution_ids_for,
    program_ids_for,
)

DUE_SOON_DAYS = 7


def new_task_code():
    """A stable code for a task, the key by which a spreadsheet updates it."""
    return f"T-{uuid.uuid4().hex[:8].upper()}"


class TaskQuerySet(models.QuerySet):
    def for_user(self, user):
        """Programme managers see every task; a focal point sees its institution's."""
        managed = program_ids_for(user, PLAN_MANAGERS)
        institutions = institution_ids_for(user)
        # Both ways in are the task's own indexed columns, so a user who is both is one OR
        # of two index scans, not a union of id sets.
        return any_of(
            self,
            {"program__in": managed} if managed else None,
            {"assigned_institution__in": institutions} if institutions else None,
        )

    def bulk_create(self, objs, *args, **kwargs):
        """Batches skip ``save``: each task without its programme gets its action's."""
        objs = list(objs)
        _copy_action_programs([task for task in objs if task.program_id is None])
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        """A batch that moves tasks to other actions moves their programme along."""
        objs, fields = list(objs), list(fields)
        if "action" not in fields and "action_id" not in fields:
            return super().bulk_update(objs, fields, *args, **kwargs)
        _copy_action_programs(objs)
        written = super().bulk_update(objs, list(dict.fromkeys([*fields, "program"])),
                                      *args, **kwargs)
        renew_update_programs(TaskUpdate.objects.filter(task__in=[task.pk for task in objs]))
        return written

    def update(self, **kwargs):
        """A move to another action given as a row or an id takes that action's programme
        along; a move by expression (a subquery per task) must name the programme."""
        action = kwargs.get("action", kwargs.get("action_id"))
        if action is not None and not {"program", "program_id"} & kwargs.keys():
            if hasattr(action, "resolve_expression"):
                raise ValueError("Tasks moved to actions given by an expression: name their "
                                 "programme too (program=…).")
            kwargs["program_id"] = _programs_of_actions([getattr(action, "pk", action)]).get(
                getattr(action, "pk", action))
        program = kwargs.get("program", kwargs.get("program_id"))
        if program is None or hasattr(program, "resolve_expression"):
            # A programme per task (``renew_task_programs``) renews the updates itself.
            return super().update(**kwargs)
        program = getattr(program, "pk", program)
        # Read before the move: the filter may be on what the move changes.
        moved = list(self.values_list("pk", flat=True))
        written = super().update(**kwargs)
        TaskUpdate.objects.filter(task__in=moved).exclude(program=program).update(
            program=program)
        return written

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
        return self.filter(program=program)

    def as_of(self, day):
        """Tasks that existed at the end of ``day``, annotated with the state they had then:
        ``status_then``, ``percent_then`` and ``blocked_reason_then`` from the last
        :class:`TaskEvent` at or before that moment; a task with no event by then is in
        its initial state (to do, 0 %)."""
        return with_state_as_of(
            self.filter(created_at__lt=end_of_day(day)), events=TaskEvent, link="task",
            day=day, fields={
                "status_then": ("status", Task.Status.TO_DO.value, models.CharField()),
                "percent_then": ("percent_complete", 0, models.IntegerField()),
                "blocked_reason_then": ("blocked_reason", "", models.TextField()),
            })


def renew_update_programs(updates):
    """Copy onto ``updates`` (a task update queryset) their task's programme where it
    differs: one UPDATE."""
    program = models.Subquery(Task.objects.filter(pk=models.OuterRef("task"))
                              .values("program")[:1])
    return updates.exclude(program=program).update(program=program)


def _programs_of_actions(action_ids):
    """``{action_id: program_id}`` for ``action_ids``, in one query."""
    actions = Task._meta.get_field("action").related_model.objects
    return dict(actions.filter(pk__in=set(action_ids))
                .values_list("pk", "goal__pillar__plan__program"))


def _copy_action_programs(tasks):
    """Set each of ``tasks`` (unsaved or moved) to its action's programme."""
    if tasks:
        programs = _programs_of_actions(task.action_id for task in tasks)
        for task in tasks:
            task.program_id = programs.get(task.action_id)


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
        "tracker.Action", verbose_name=_("action"), on_delete=models.PROTECT, related_name="tasks"
    )
    # The programme of the action's plan, copied on save and by every write that moves
    # tasks (``renew_task_programs``): a programme's pages read its tasks through this
    # index, not by joining every province's tasks to their actions, goals, pillars and
    # plans.
    program = models.ForeignKey(Program, verbose_name=_("programme"), on_delete=models.PROTECT,
                                editable=False, related_name="+")
    code = models.CharField(
        _("code"), max_length=20, default=new_task_code, db_index=True,
        help_text=_("Unique in the programme; imports update the task with this code."),
    )
    title_tr = models.CharField(_("title (Turkish)"), max_length=250)
    title_en = models.CharField(_("title (English)"), max_length=250, blank=True)
    title_fa = models.CharField(_("title (Persian)"), max_length=250, blank=True)
    title = translated("title")
    assigned_institution = models.ForeignKey(
        Institution, verbose_name=_("assigned institution"),
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
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(fields=["status", "due_date"], name="task_status_due"),
            # Overdue counts per institution read only open tasks: most tasks past their
            # due date are done, and this index leaves them out.
            models.Index(fields=["due_date", "assigned_institution"], name="task_open_due",
                         condition=~Q(status="done")),
            # A task counts on a day from its creation (``TaskQuerySet.as_of``): a past
            # period's report reads the tasks created by its last day, not every task since.
            models.Index(fields=["created_at"], name="task_created"),
        ]
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

    def save(self, *args, update_fields=None, **kwargs):
        stored = not self._state.adding
        changed = (not stored or self.program_id is None
                   or self.action_id != getattr(self, "_loaded_action_id", None))
        moved = changed and (update_fields is None or "action" in update_fields
                             or "action_id" in update_fields)
        if moved:
            self.program_id = self.action_program_id()
            if update_fields is not None:
                update_fields = {*update_fields, "program"}
        super().save(*args, update_fields=update_fields, **kwargs)
        if moved and stored:
            self.updates.exclude(program=self.program_id).update(program=self.program_id)
        self._loaded_action_id = self.action_id

    @classmethod
    def from_db(cls, db, field_names, values):
        task = super().from_db(db, field_names, values)
        # The action as read: a save that keeps it keeps the programme (no query).
        task._loaded_action_id = task.__dict__.get("action_id")
        return task

    def action_program_id(self):
        """The programme of the task's action, read in one query."""
        return _programs_of_actions([self.action_id]).get(self.action_id)

    def clean(self):
        if self.action_id and self.assigned_institution_id:
            if self.assigned_institution.program_id != self.action.plan.program_id:
                raise ValidationError(
                    {"assigned_institution": _("The institution belongs to another programme.")}
                )
        if self.action_id and self.code:
            same_code = Task.objects.in_program(self.action.plan.program_id).filter(
                code=self.code).exclude(pk=self.pk)
            if same_code.exists():
                raise ValidationError(
                    {"code": _("Another task of this programme has the code %(code)s.")
                     % {"code": self.code}})

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
            return pgettext("state of one item", "Overdue")
        if self.is_due_soon():
            return pgettext("state of one item", "Due soon")
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
            | Q(institution_id=self.assigned_institution_id, role=Role.FOCAL_POINT)
        ).exists()

    def state_snapshot(self):
        """What an update form shows of the task and may change: status, reason, %."""
        return {"status": self.status, "blocked_reason": self.blocked_reason,
                "percent_complete": self.percent_complete}

    def changes_since(self, snapshot):
        """``["Status: “In progress” → “Blocked”", …]`` from ``snapshot`` to now."""
        labels = {"status": _("status"), "blocked_reason": _("reason blocked"),
                  "percent_complete": _("complete (%)")}
        shown = {"status": lambda v: str(self.Status(v).label) if v else "—",
                 "blocked_reason": lambda v: v or "—",
                 "percent_complete": lambda v: gettext("%(value)s%%") % {"value": v}}
        lines = []
        for name, now in self.state_snapshot().items():
            if name in snapshot and snapshot[name] != now:
                label = str(labels[name])
                lines.append(gettext("%(field)s: “%(old)s” → “%(new)s”") % {
                    "field": label[:1].upper() + label[1:],
                    "old": shown[name](snapshot[name]), "new": shown[name](now)})
        return lines

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
        self.record_event(by=by, at=self.status_changed_at)
        log(self, "tracker.task.status", user=by, data={"status": new_status.value})

    def record_event(self, *, by, at=None, note=""):
        """Date the task's current status and percentage, so reads as of a day can tell
        what it was then (``TaskQuerySet.as_of``)."""
        return TaskEvent.objects.create(
            task=self, at=at or timezone.now(), status=self.status,
            percent_complete=self.percent_complete, blocked_reason=self.blocked_reason,
            by=by, note=note)


class TaskEvent(DatedEvent):
    """The status and percentage a task had from ``at`` on: one row per change, so every
    figure about tasks can be judged as of a past day."""

    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.PROTECT,
                             related_name="events")
    status = models.CharField(_("status"), max_length=20, choices=Task.Status.choices)
    percent_complete = models.PositiveSmallIntegerField(_("complete (%)"))
    blocked_reason = models.TextField(_("reason blocked"), blank=True)

    class Meta(DatedEvent.Meta):
        verbose_name = _("task event")
        verbose_name_plural = _("task history")
        ordering = ["at", "pk"]
        # A task's state on a day is its last event by then (``TaskQuerySet.as_of``): the
        # index is read backwards from that moment and holds what is read, so each task
        # costs one index entry, not a sort of its history.
        indexes = [models.Index(fields=["task", "at", "id", "status", "percent_complete"],
                                name="task_event_last"),
                   # Only a task done or blocked at some moment by a day can be done or
                   # blocked then: those tasks are found from their events of that status
                   # by then, not from every event.
                   models.Index(fields=["status", "at", "task"], name="task_event_status_at")]
        constraints = [models.CheckConstraint(condition=Q(percent_complete__lte=100),
                                              name="task_event_percent_0_100")]

    def __str__(self):
        return f"{self.task} · {self.get_status_display()} · {self.percent_complete}%"


def task_update_upload_to(instance, filename):
    # Unguessable names: evidence is only fetched through the view that checks access.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return generated_name(f"task-updates/{instance.task_id}", extension)


class TaskUpdateQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(task__in=Task.objects.for_user(user))

    def bulk_create(self, objs, *args, **kwargs):
        """Batches skip ``save``: each update without its programme gets its task's."""
        objs = list(objs)
        missing = [update for update in objs if update.program_id is None]
        if missing:
            programs = dict(Task.objects.filter(pk__in={update.task_id for update in missing})
                            .values_list("pk", "program"))
            for update in missing:
                update.program_id = programs.get(update.task_id)
        return super().bulk_create(objs, *args, **kwargs)


class TaskUpdate(models.Model):
    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.PROTECT, related_name="updates"
    )
    # The task's programme, copied on save and whenever the task's programme changes
    # (``renew_task_programs``): a programme's newest updates are read from the index
    # ``task_update_latest``, not picked out of every province's updates.
    program = models.ForeignKey(Program, verbose_name=_("programme"), on_delete=models.PROTECT,
                                editable=False, related_name="+")
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("posted by"), on_delete=models.PROTECT,
        related_name="+",
    )
    posted_at = models.DateTimeField(_("posted at"), default=timezone.now)
    text = models.TextField(_("update"))
    attachment = models.FileField(
        _("attachment"), storage=evidence_storage, upload_to=task_update_upload_to, blank=True
    )
    attachment_name = models.CharField(_("file name"), max_length=255, blank=True)
    attachment_type = models.CharField(max_length=100, blank=True)
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
        indexes = [models.Index(fields=["program", "-posted_at", "-id"],
                                name="task_update_latest")]

    def __str__(self):
        return f"{local_date(timezone.localtime(self.posted_at))} · {person(self.posted_by)}"

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is None or "task" in update_fields:
            self.program_id = (self.task.program_id if Task.updates.field.is_cached(self)
                               else Task.objects.filter(pk=self.task_id)
                               .values_list("program", flat=True).first())
            if update_fields is not None:
                update_fields = {*update_fields, "program"}
        super().save(*args, update_fields=update_fields, **kwargs)


class ReminderLog(models.Model):
    """One digest per institution per day, so a second run the same day sends nothing."""

    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.CASCADE,
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
        return f"{self.institution} · {local_date(self.sent_on)}"
