"""Task history: ``Task.created_at`` and one ``TaskEvent`` per change of status or
percentage, so figures about tasks can be judged as of a past day.

Backfill of existing tasks, from the best dates the database holds:
- ``created_at``: the earliest of the task's creation entry in the history log
  (``wagtail.create``), its first progress update and its last status change; a task with
  none of these gets its plan version's ``created_at`` (a task cannot predate its plan).
- events: one per progress update (``status_after`` and its percentage, or the percentage
  carried forward when the update gave none), dated ``posted_at``; then, when the task's
  current status or percentage differs from the last of those, one more event with the
  current state, dated ``status_changed_at`` when it is later than the last update,
  else one second after the last update, else ``created_at``. Backfilled events carry the
  note "backfill" (so a reader can tell them from recorded ones) and are taken as
  recorded at their own date.
"""

import datetime

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


BATCH = 2000


def backfill(apps, schema_editor):
    Task = apps.get_model("tracker", "Task")
    TaskUpdate = apps.get_model("tracker", "TaskUpdate")
    TaskEvent = apps.get_model("tracker", "TaskEvent")
    LogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label="tracker", model="task").first()
    created_logged = {}
    if content_type is not None:
        for object_id, timestamp in (LogEntry.objects.filter(
                content_type=content_type, action="wagtail.create")
                .order_by("timestamp").values_list("object_id", "timestamp")):
            created_logged.setdefault(object_id, timestamp)
    updates = {}
    for row in (TaskUpdate.objects.order_by("posted_at", "pk")
                .values("task_id", "posted_at", "status_after", "percent_complete",
                        "posted_by_id")):
        updates.setdefault(row["task_id"], []).append(row)
    events, changed = [], []
    tasks = Task.objects.values("pk", "status", "percent_complete", "blocked_reason",
                                "status_changed_at", "status_changed_by_id",
                                "action__goal__pillar__plan__created_at")
    for task in tasks.iterator(chunk_size=BATCH):
        own = updates.get(task["pk"], [])
        known = [when for when in (created_logged.get(str(task["pk"])),
                                   own[0]["posted_at"] if own else None,
                                   task["status_changed_at"]) if when is not None]
        created = min(known) if known else task["action__goal__pillar__plan__created_at"]
        changed.append(Task(pk=task["pk"], created_at=created))
        state, percent = ("todo", 0), 0
        for update in own:
            percent = update["percent_complete"] if update["percent_complete"] is not None \
                else percent
            state = (update["status_after"], 100 if update["status_after"] == "done" else percent)
            events.append(TaskEvent(task_id=task["pk"], at=update["posted_at"], status=state[0],
                                    percent_complete=state[1], by_id=update["posted_by_id"],
                                    recorded_at=update["posted_at"], note="backfill"))
        current = (task["status"], task["percent_complete"])
        if current != state:
            last_update = own[-1]["posted_at"] if own else None
            when = task["status_changed_at"]
            if when is None or (last_update is not None and when <= last_update):
                when = (last_update + datetime.timedelta(seconds=1)) if last_update else created
            events.append(TaskEvent(task_id=task["pk"], at=when, status=current[0],
                                    percent_complete=current[1],
                                    blocked_reason=task["blocked_reason"],
                                    by_id=task["status_changed_by_id"], recorded_at=when,
                                    note="backfill"))
        if len(events) >= BATCH:
            TaskEvent.objects.bulk_create(events)
            events = []
        if len(changed) >= BATCH:
            Task.objects.bulk_update(changed, ["created_at"])
            changed = []
    TaskEvent.objects.bulk_create(events)
    Task.objects.bulk_update(changed, ["created_at"])


class Migration(migrations.Migration):

    dependencies = [
        ('tracker', '0007_merge_institution_kinds_portfolio_permission'),
        ("wagtailcore", "0068_log_entry_empty_object"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='task',
            name='created_at',
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created at'),
        ),
        migrations.CreateModel(
            name='TaskEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='at')),
                ('status', models.CharField(choices=[('todo', 'To do'), ('in_progress', 'In progress'), ('blocked', 'Blocked'), ('done', 'Done')], max_length=20, verbose_name='status')),
                ('percent_complete', models.PositiveSmallIntegerField(verbose_name='complete (%)')),
                ('blocked_reason', models.TextField(blank=True, verbose_name='reason blocked')),
                ('note', models.CharField(blank=True, max_length=200, verbose_name='note')),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='recorded at')),
                ('by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                ('task', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='events', to='tracker.task', verbose_name='task')),
            ],
            options={
                'verbose_name': 'task event',
                'verbose_name_plural': 'task history',
                'ordering': ['at', 'pk'],
                'indexes': [models.Index(fields=['task', 'at'], name='task_event_task_at')],
                'constraints': [models.CheckConstraint(condition=models.Q(('percent_complete__lte', 100)), name='task_event_percent_0_100')],
            },
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
]
