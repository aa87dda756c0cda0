import datetime

from django.db import migrations, models
from django.db.models import Min
from django.utils import timezone


def backfill(apps, schema_editor):
    """Date each existing milestone at the earliest moment it is known to have existed:
    its first event, the start of its programme, or this migration, whichever is first.
    No row recorded when a milestone was added, and every report issued so far counted
    every milestone of its phase, so the programme's start keeps their re-issues as they
    were."""
    Milestone = apps.get_model("tracker", "Milestone")
    now = timezone.now()
    rows = (Milestone.objects.annotate(first_event=Min("events__at"))
            .values_list("pk", "first_event", "phase__program__start_date"))
    for pk, first_event, start_date in rows.iterator():
        programme_start = timezone.make_aware(
            datetime.datetime.combine(start_date, datetime.time.min))
        known = [moment for moment in (first_event, programme_start, now) if moment]
        Milestone.objects.filter(pk=pk).update(created_at=min(known))


class Migration(migrations.Migration):

    dependencies = [
        ("tracker", "0020_program_country"),
    ]

    operations = [
        migrations.AddField(
            model_name="milestone",
            name="created_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="created at"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="milestone",
            name="created_at",
            field=models.DateTimeField(default=timezone.now, editable=False,
                                       verbose_name="created at"),
        ),
    ]
