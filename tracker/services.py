"""Writes that touch several rows: approving and revising plan versions, starting tasks
from council decisions, posting task updates, and the daily reminder digests.

Every function takes keyword-only arguments and runs in one transaction: it is written
whole or not at all. Single-row state changes (``Task.change_status``,
``ReportingPeriod.lock``) stay on their models.
"""

import logging
import smtplib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.log_actions import log

from core.formats import person
from core.translation import columns
from core.uploads import EVIDENCE_TYPES, validate_evidence
from core.versioning import StaleEditError
from tracker.access import Role
from tracker.models import (
    DUE_SOON_DAYS,
    Action,
    Goal,
    Indicator,
    Institution,
    Membership,
    Pillar,
    PlanVersion,
    ReminderLog,
    Task,
    TaskUpdate,
    has_role,
)

logger = logging.getLogger(__name__)


# --- action plan versions ---------------------------------------------------------------


def _require_coordinator(plan, by, verb):
    if not has_role(by, Role.COORDINATOR, plan.program_id):
        raise ValidationError(
            gettext("Only a coordinator of the programme can %(verb)s a plan version.")
            % {"verb": verb}
        )


@transaction.atomic
def approve_plan(*, plan, by):
    """Approve the draft ``plan``; the previously approved version becomes superseded.

    Tasks follow their actions: every task of an action this draft was copied from
    moves to the copy, so the current plan carries the work in progress.
    """
    _require_coordinator(plan, by, gettext("approve"))
    locked = PlanVersion.objects.select_for_update().get(pk=plan.pk)
    if locked.status != PlanVersion.Status.DRAFT:
        raise ValidationError(
            gettext("Only a draft can be approved; version %(number)d is %(status)s.")
            % {"number": locked.number, "status": locked.get_status_display().lower()}
        )
    now = timezone.now()
    previous = list(PlanVersion.objects.select_for_update().filter(
        program=locked.program_id, status=PlanVersion.Status.APPROVED))
    for version in previous:
        version.status = PlanVersion.Status.SUPERSEDED
        version.superseded_at = now
        version.save(update_fields=["status", "superseded_at"])
        log(version, "tracker.plan.supersede", user=by)
    # One statement: each task of a copied action points at that action's copy (of the
    # same programme, which the task keeps).
    copies = Action.objects.filter(goal__pillar__plan=locked, copied_from=OuterRef("action"))
    Task.objects.filter(Exists(copies)).update(action=Subquery(copies.values("pk")[:1]),
                                               program=locked.program_id)
    # Action-level indicators follow the same way (an indicator's code is unique in the
    # programme, so it moves rather than being copied).
    Indicator.objects.filter(Exists(copies)).update(action=Subquery(copies.values("pk")[:1]))
    locked.status = PlanVersion.Status.APPROVED
    locked.approved_by = by
    locked.approved_at = now
    locked.save(update_fields=["status", "approved_by", "approved_at"])
    log(locked, "tracker.plan.approve", user=by)
    plan.refresh_from_db()
    return locked


@transaction.atomic
def revise_plan(*, plan, by, title=None):
    """Copy the approved ``plan``'s pillars, goals and actions into a new draft."""
    _require_coordinator(plan, by, gettext("revise"))
    plan = PlanVersion.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanVersion.Status.APPROVED:
        raise ValidationError(gettext("A draft is edited directly; only an approved "
                                      "version can be revised."))
    existing = PlanVersion.objects.filter(program=plan.program_id,
                                          status=PlanVersion.Status.DRAFT).first()
    if existing:
        raise ValidationError(
            gettext("Version %(number)d is already a draft revision; approve or delete "
                    "it first.") % {"number": existing.number}
        )
    last_number = (PlanVersion.objects.filter(program=plan.program_id)
                   .order_by("-number").values_list("number", flat=True).first())
    titles = ({"title": title} if title
              else {name: getattr(plan, name) for name in columns("title")})
    draft = PlanVersion.objects.create(
        program_id=plan.program_id, number=last_number + 1, revised_from=plan, **titles)
    pillars = list(plan.pillars.all())
    new_pillars = Pillar.objects.bulk_create(
        [Pillar(plan=draft, order=p.order, code=p.code,
                **{name: getattr(p, name) for name in columns("name")}) for p in pillars]
    )
    pillar_map = {old.pk: new for old, new in zip(pillars, new_pillars, strict=True)}
    goals = list(Goal.objects.filter(pillar__plan=plan))
    new_goals = Goal.objects.bulk_create(
        [Goal(pillar=pillar_map[g.pillar_id], order=g.order, code=g.code,
              **{name: getattr(g, name) for name in columns("title")}) for g in goals]
    )
    goal_map = {old.pk: new for old, new in zip(goals, new_goals, strict=True)}
    actions = list(Action.objects.filter(goal__pillar__plan=plan))
    copy_fields = ["code", *columns("title", "description"), "lead_id", "phase_id", "start_date",
                   "end_date", "budget_try", "funding_source", "progress_entered",
                   "progress_reason"]
    new_actions = Action.objects.bulk_create(
        [Action(goal=goal_map[a.goal_id], copied_from=a,
                **{name: getattr(a, name) for name in copy_fields}) for a in actions]
    )
    action_map = {old.pk: new.pk for old, new in zip(actions, new_actions, strict=True)}
    Partners = Action.partners.through
    Partners.objects.bulk_create(
        [Partners(action_id=action_map[row.action_id], institution_id=row.institution_id)
         for row in Partners.objects.filter(action__goal__pillar__plan=plan)]
    )
    _copy_action_links(action_map)
    log(draft, "tracker.plan.revise", user=by, data={"from": plan.number})
    return draft


def _copy_action_links(action_map):
    """Give each copied action the links other apps keep to its original (the field
    study's findings), whatever many-to-many tables point at actions."""
    for relation in Action._meta.related_objects:
        if not relation.many_to_many:
            continue
        through = relation.through
        action_column = next(field.attname for field in through._meta.concrete_fields
                             if field.is_relation and field.related_model is Action)
        other_columns = [field.attname for field in through._meta.concrete_fields
                         if field.attname not in (action_column, through._meta.pk.attname)]
        rows = through.objects.filter(**{f"{action_column}__in": list(action_map)}).values(
            action_column, *other_columns)
        through.objects.bulk_create([
            through(**{action_column: action_map[row[action_column]],
                       **{column: row[column] for column in other_columns}})
            for row in rows], batch_size=1000)


# --- tasks ------------------------------------------------------------------------------


@transaction.atomic
def create_task_from_decision(*, decision, action, institution, title, due_date, by):
    """Start a task from a council decision, so the task traces back to the meeting."""
    if action.plan.program_id != decision.meeting.program_id:
        raise ValidationError(gettext("The action belongs to another programme."))
    task = Task(action=action, assigned_institution=institution, title=title,
                due_date=due_date, decision=decision)
    task.full_clean()
    task.save()
    log(task, "wagtail.create", user=by)
    return task


@transaction.atomic
def post_task_update(*, task, by, text, status=None, reason="", percent=None,
                     attachment=None, loaded_state=None):
    """Record a dated progress update and, optionally, a status change and a percentage.

    Refuses a user who is neither a coordinator nor a member of the assigned
    institution; the whole update is written or nothing is. ``loaded_state`` is the
    task's :meth:`~tracker.models.Task.state_snapshot` as the user's form showed it:
    when the task changed since, the update is refused with :class:`StaleEditError`
    saying what changed, so it cannot undo someone else's change unseen.
    """
    task = Task.objects.select_for_update().get(pk=task.pk)
    if not task.can_post_update(by):
        raise PermissionDenied(gettext("Only the assigned institution can update this task."))
    if loaded_state is not None:
        changes = task.changes_since(loaded_state)
        if changes:
            last = task.status_changed_by
            raise StaleEditError(gettext(
                "%(who)s changed this task while you were writing, so your update was not "
                "posted. What changed: %(changes)s. Your text is kept below: check it and "
                "post it again.") % {"who": person(last) if last else gettext("Someone"),
                                     "changes": "; ".join(changes)}, code="stale")
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
        if percent != task.percent_complete:
            task.percent_complete = percent
            task.save(update_fields=["percent_complete"])
            task.record_event(by=by)
    update = TaskUpdate(task=task, posted_by=by, text=text.strip(), percent_complete=percent,
                        status_after=task.status)
    if attachment:
        extension = validate_evidence(attachment)
        update.attachment_name = attachment.name[:255]
        update.attachment_type = EVIDENCE_TYPES[extension]
        update.attachment.save(attachment.name, attachment, save=False)
    update.save()
    log(task, "tracker.task.update", user=by, data={"update": update.pk})
    return update


# --- daily reminder digests -------------------------------------------------------------
# One email per institution with its overdue tasks and those due within a week. A
# ReminderLog row per institution and day makes a rerun send nothing.


def _recipients_by_institution():
    rows = (Membership.objects.filter(institution__isnull=False, role=Role.FOCAL_POINT,
                                      user__is_active=True)
            .exclude(user__email="").values_list("institution_id", "user__email"))
    recipients = {}
    for institution_id, email in rows:
        recipients.setdefault(institution_id, set()).add(email)
    return {key: sorted(value) for key, value in recipients.items()}


def _digest(institution, tasks, today):
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    overdue = [t for t in tasks if t.due_date < today]
    due_soon = [t for t in tasks if t.due_date >= today]
    for task in tasks:
        task.update_url = base_url + reverse("tasks:post_update", args=[task.pk])
    context = {"institution": institution, "overdue": overdue, "due_soon": due_soon,
               "today": today, "days": DUE_SOON_DAYS,
               "dashboard_url": base_url + reverse("wagtailadmin_home")}
    subject = render_to_string("emails/task_reminder_subject.txt", context).strip()
    text = render_to_string("emails/task_reminder.txt", context)
    html = render_to_string("emails/task_reminder.html", context)
    return subject, text, html, overdue, due_soon


def send_task_reminders(*, today):
    """Send today's digests; returns ``(sent, skipped_already_sent)``."""
    recipients = _recipients_by_institution()
    tasks_by_institution = {}
    for task in (Task.objects.needing_attention(today)
                 .select_related("action").order_by("due_date", "pk")):
        tasks_by_institution.setdefault(task.assigned_institution_id, []).append(task)
    already = set(ReminderLog.objects.filter(sent_on=today)
                  .values_list("institution_id", flat=True))
    institutions = Institution.objects.in_bulk(list(tasks_by_institution))
    sent = skipped = 0
    with translation.override(settings.LANGUAGE_CODE):
        for institution_id, tasks in sorted(tasks_by_institution.items()):
            to = recipients.get(institution_id)
            if not to:
                continue
            if institution_id in already:
                skipped += 1
                continue
            institution = institutions[institution_id]
            subject, text, html, overdue, due_soon = _digest(institution, tasks, today)
            try:
                with transaction.atomic():
                    ReminderLog.objects.create(
                        institution=institution, sent_on=today, recipients=", ".join(to),
                        overdue_count=len(overdue), due_soon_count=len(due_soon),
                    )
                    message = EmailMultiAlternatives(subject, text, to=to)
                    message.attach_alternative(html, "text/html")
                    message.send()
            except IntegrityError:
                # Another run sent this institution's digest in the meantime.
                skipped += 1
                continue
            except (smtplib.SMTPException, OSError):
                # The log row rolled back with the failed send, so tomorrow's run (or a
                # rerun today) tries this institution again; the others still get theirs.
                logger.exception("Task digest to %s failed", institution)
                continue
            sent += 1
    return sent, skipped
