"""The daily digest: one email per institution with its overdue tasks and those due
within a week. A ReminderLog row per institution and day makes a rerun send nothing."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from tracker.access import Role
from tracker.models import Membership, ReminderLog, Stakeholder, Task
from tracker.plan import DUE_SOON_DAYS

logger = logging.getLogger(__name__)


def _recipients_by_institution():
    rows = (Membership.objects.filter(stakeholder__isnull=False, role=Role.FOCAL_POINT,
                                      user__is_active=True)
            .exclude(user__email="").values_list("stakeholder_id", "user__email"))
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
    institutions = Stakeholder.objects.in_bulk(list(tasks_by_institution))
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
