"""Milestone history: one ``MilestoneEvent`` per change of a milestone's done date, so a
phase's status and progress, and each milestone's state, can be judged as of a past day.

Backfill of existing milestones: the database keeps no record of when a done date was
entered (the history log says a milestone was edited, not which field), so the done date
itself is the best date available. Each milestone with a done date gets one event stating
that date, dated at the start of that day in the site's time zone (or at the migration's
moment when the done date lies in the future), taken as recorded then, with no author and
the note "backfill". A milestone without a done date gets no event: with none, a
milestone is open. Reads as of any day therefore give, for existing rows, what the done
date alone gave before; every later change is dated when it is made.
"""

import datetime

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


BATCH = 2000


def backfill(apps, schema_editor):
    Milestone = apps.get_model("tracker", "Milestone")
    MilestoneEvent = apps.get_model("tracker", "MilestoneEvent")
    now = django.utils.timezone.now()
    events = []
    for pk, done in (Milestone.objects.filter(done_date__isnull=False)
                     .values_list("pk", "done_date").iterator(chunk_size=BATCH)):
        at = min(now, django.utils.timezone.make_aware(
            datetime.datetime.combine(done, datetime.time.min)))
        events.append(MilestoneEvent(milestone_id=pk, at=at, recorded_at=at, done_date=done,
                                     note="backfill"))
        if len(events) >= BATCH:
            MilestoneEvent.objects.bulk_create(events)
            events = []
    MilestoneEvent.objects.bulk_create(events)


class Migration(migrations.Migration):

    dependencies = [
        ('tracker', '0017_merge_content_languages'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='MilestoneEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='at')),
                ('note', models.CharField(blank=True, max_length=200, verbose_name='note')),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='recorded at')),
                ('done_date', models.DateField(blank=True, null=True, verbose_name='done date')),
                ('by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                ('milestone', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='events', to='tracker.milestone', verbose_name='milestone')),
            ],
            options={
                'verbose_name': 'milestone event',
                'verbose_name_plural': 'milestone history',
                'ordering': ['at', 'pk'],
                'abstract': False,
                'indexes': [models.Index(fields=['milestone', 'at', 'id', 'done_date'], name='milestone_event_last')],
            },
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
