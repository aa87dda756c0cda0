import django.db.models.deletion
from django.db import migrations, models


def copy_programs(apps, schema_editor):
    Action = apps.get_model("tracker", "Action")
    Task = apps.get_model("tracker", "Task")
    TaskUpdate = apps.get_model("tracker", "TaskUpdate")
    Task.objects.update(program=models.Subquery(
        Action.objects.filter(pk=models.OuterRef("action"))
        .values("goal__pillar__plan__program")[:1]))
    TaskUpdate.objects.update(program=models.Subquery(
        Task.objects.filter(pk=models.OuterRef("task")).values("program")[:1]))


class Migration(migrations.Migration):

    dependencies = [
        ("tracker", "0022_task_created_and_status_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="task",
            name="program",
            field=models.ForeignKey(
                editable=False, null=True, on_delete=django.db.models.deletion.PROTECT,
                related_name="+", to="tracker.program", verbose_name="programme"),
        ),
        migrations.AddField(
            model_name="taskupdate",
            name="program",
            field=models.ForeignKey(
                editable=False, null=True, on_delete=django.db.models.deletion.PROTECT,
                related_name="+", to="tracker.program", verbose_name="programme"),
        ),
        migrations.RunPython(copy_programs, migrations.RunPython.noop),
    ]
