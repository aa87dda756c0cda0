import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Apart from 0022: PostgreSQL alters no table with deferred checks of the rows 0022
    wrote still pending in the same transaction."""

    dependencies = [
        ("tracker", "0023_task_program"),
    ]

    operations = [
        migrations.AlterField(
            model_name="task",
            name="program",
            field=models.ForeignKey(
                editable=False, on_delete=django.db.models.deletion.PROTECT,
                related_name="+", to="tracker.program", verbose_name="programme"),
        ),
        migrations.AlterField(
            model_name="taskupdate",
            name="program",
            field=models.ForeignKey(
                editable=False, on_delete=django.db.models.deletion.PROTECT,
                related_name="+", to="tracker.program", verbose_name="programme"),
        ),
        migrations.AddIndex(
            model_name="taskupdate",
            index=models.Index(fields=["program", "-posted_at", "-id"],
                               name="task_update_latest"),
        ),
    ]
